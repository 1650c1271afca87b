"""Hostile input through the command line: one line on stderr naming the file (or store), the
field and what is wrong; exit 2; no traceback, no "internal error"; and the store as it was."""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import time

import pytest
from sqlalchemy import update

from auditlib.cli import main
from auditlib.exceptions import AuditlibError
from auditlib.store import AuditStore
from auditlib.store import schema as t
from tests.conftest import ROOT
from tests.stores import fill_the_disk

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
"""


def one_line(capsys, *argv) -> str:
    """Run the command; it must exit 2 with one line on stderr and no traceback."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    """A SQLite store with a lead auditor (acting), an auditor and one audit with an answer."""
    monkeypatch.delenv("AUDITLIB_STORE", raising=False)
    monkeypatch.setenv("AUDITLIB_DATA", str(tmp_path / "data"))  # never the user's own store
    monkeypatch.setenv("AUDITLIB_USER", "lead")
    path = tmp_path / "store" / "audits.sqlite"
    with AuditStore(f"sqlite:///{path}", create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
        s.add_user("ash", roles=["auditor"], user="lead")
        audit_id = s.add_audit(framework="scaled-social-care", child_id="C-1", auditor="ash",
                               user="lead", month="2026-11", due_date="2026-11-15")
        s.save_answer(audit_id, "risk", user="ash", score=7, evidence="Seen weekly.")
    return path


def snapshot(path) -> object:
    """Everything the store holds, as the store reads it."""
    with AuditStore(f"sqlite:///{path}") as s:
        audits = [s.find_audit(a["audit_id"]) for a in s.find_audits()]
        return (s.find_users(), audits, [s.history(a["audit_id"]) for a in audits])


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def audit_json(**changes) -> str:
    record = {"framework": "scaled-social-care", "child_id": "C-2", "auditor": "ash",
              "month": "2026-11", "due_date": "2026-11-15",
              "answers": {"risk": {"score": 6, "evidence": "Seen."}},
              "actions": [{"action": "Visit", "owner": "Sam", "due": "2026-12-01"}]}
    record.update(changes)
    return json.dumps(record)


# --------------------------------------------------------------------------- YAML

def test_yaml_alias_bomb_is_refused_at_once(tmp_path, capsys):
    bomb = write(tmp_path, "bomb.yaml", BOMB)
    started = time.monotonic()
    line = one_line(capsys, "framework", "validate", bomb)
    assert line == f"{bomb}:2: YAML aliases (*a) are not allowed in framework files"
    audit = write(tmp_path, "audit.json", audit_json())
    line = one_line(capsys, "check", audit, "--framework-file", bomb)
    assert line == f"auditlib: {bomb}:2: YAML aliases (*a) are not allowed in framework files"
    assert time.monotonic() - started < 5


def test_yaml_anchors_are_refused(tmp_path, capsys):
    anchored = write(tmp_path, "anchored.yaml", "schema_version: 1\nid: &name minimal\n")
    line = one_line(capsys, "framework", "validate", anchored)
    assert line == f"{anchored}:2: YAML anchors (&name) are not allowed in framework files"


@pytest.mark.parametrize("text,expected", [
    ("sections: " + "[" * 5000 + "]" * 5000 + "\n", ":1: nested more than 50 levels deep"),
    ("".join("  " * i + f"k{i}:\n" for i in range(200)), ":50: nested more than 50 levels deep"),
    ("schema_version: " + "1" * 5000 + "\n", ":1: a number with too many digits"),
    ("title: " + "x" * 2_000_001 + "\n", ": the file is larger than 2,000,000 bytes"),
])
def test_hostile_framework_files(tmp_path, capsys, text, expected):
    framework = write(tmp_path, "hostile.yaml", text)
    line = one_line(capsys, "framework", "validate", framework)
    assert line.startswith(f"{framework}{expected}"), line


MINIMAL = (ROOT / "tests" / "framework" / "files" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old,new,expected", [
    ("    scale: ofsted4\n  - id: plans", "    scale: [ofsted4]\n  - id: plans",
     ":9: sections[0].scale: unknown scale ['ofsted4']"),
    ("  section: overall_grade", "  section: [overall_grade]",
     ":18: overall.section: names a missing section ['overall_grade']"),
    ("  scale: ofsted4\n  suggest", "  scale: {id: ofsted4}\n  suggest",
     ":19: overall.scale: unknown scale {'id': 'ofsted4'}"),
    ("of: sections}", "of: -1}", ":20: overall.suggest.of: must be a list"),
    ("    kind: overall_only", "    kind: [overall_only]", ":23: rules[0].kind: unknown rule kind"),
    ("when: {section: plans,", "when: {section: [plans],",
     ":24: rules[0].when.section: names a missing section ['plans']"),
    ("grades: [requires_improvement,", "grades: [[requires_improvement],",
     ":25: rules[0].grades[0]: ['requires_improvement'] is not a grade of the overall scale"),
    ("sections:\n", "scales:\n  wide:\n    levels: [{id: hi}, {id: lo}]\n    bands:\n"
     "      - {grade: hi, min: 1, max: 1000000000}\n      - {grade: lo, min: 0, max: 0}\n"
     "sections:\n", ":10: scales.wide.bands[0]: min and max must be whole numbers from -1000 "
     "to 1000 with min <= max"),
])
def test_framework_values_of_the_wrong_kind(tmp_path, capsys, old, new, expected):
    """A list, a mapping or a number where an id belongs is a problem with its line, like any
    other: never a TypeError (nor a page offering a billion scores)."""
    assert old in MINIMAL
    framework = write(tmp_path, "council.yaml", MINIMAL.replace(old, new, 1))
    code = main(["framework", "validate", str(framework)])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err and "internal error" not in err, (out, err)
    lines = err.strip().splitlines()
    assert all(line.startswith(f"{framework}:") for line in lines), lines
    assert any(line.startswith(f"{framework}{expected}") for line in lines), lines


def test_an_overall_grade_of_the_wrong_kind(tmp_path, capsys):
    audit = write(tmp_path, "audit.json", audit_json(overall=["good"]))
    assert one_line(capsys, "check", audit) == (
        f"auditlib: {audit}: overall: list is not a grade of scale ofsted4 (one of "
        "outstanding, good, requires_improvement, inadequate)")


def test_exemplar_aliases_are_refused(tmp_path):
    from auditlib.training import load_exemplar

    exemplar = write(tmp_path, "exemplar.yaml", "schema_version: 1\n" + BOMB)
    with pytest.raises(AuditlibError, match=r"line 3: YAML aliases \(\*a\) are not allowed"):
        load_exemplar(exemplar)


# --------------------------------------------------------------------------- JSON

@pytest.mark.parametrize("text,expected", [
    ("[" * 100_000 + "]" * 100_000, "not usable JSON: nested more than 64 levels deep"),
    (audit_json(audit_id=json.loads("[" * 500 + "]" * 500)),
     "not usable JSON: nested more than 64 levels deep"),
    (audit_json(answers={"risk": {"score": 7}}).replace('"score": 7', '"score": ' + "1" * 5000),
     "not usable JSON: a number with more than 100 digits"),
])
def test_hostile_json_is_one_line(store_path, tmp_path, capsys, text, expected):
    audit = write(tmp_path, "audit.json", text)
    before = snapshot(store_path)
    assert one_line(capsys, "check", audit) == f"auditlib: {audit}: {expected}"
    line = one_line(capsys, "import", audit, "--store", store_path)
    assert line == f"auditlib: {audit}: {expected}"
    assert snapshot(store_path) == before


def test_json_file_that_never_ends(capsys):
    line = one_line(capsys, "check", "/dev/zero")
    assert line.startswith("auditlib: /dev/zero: the file is larger than ")


# --------------------------------------------------------------------------- import

@pytest.mark.parametrize("changes,expected", [
    ({"actions": "call the school"}, "actions: must be a list (got 'call the school')"),
    ({"actions": [{"action": "Visit"}, 7]}, "actions[1]: must be an object (got 7)"),
    ({"actions": {"action": "Visit"}}, "actions: must be a list (got dict)"),
    ({"month": "not-a-month"}, "month: must be a month YYYY-MM (got 'not-a-month')"),
    ({"month": "2026-13"}, "month: must be a month YYYY-MM (got '2026-13')"),
    ({"month": 202611}, "month: must be a month YYYY-MM (got 202611)"),
    ({"month": "0000-01"}, "month: must be a month YYYY-MM (got '0000-01')"),
    ({"due_date": "whenever"}, "due_date: must be a calendar date YYYY-MM-DD (got 'whenever')"),
    ({"due_date": "2026-02-30"},
     "due_date: must be a calendar date YYYY-MM-DD (got '2026-02-30')"),
    ({"auditor": ["ash"]}, "auditor: must be a non-empty text id (got list)"),
    ({"moderator": {"name": "mo"}}, "moderator: must be a non-empty text id (got dict)"),
    ({"child_id": "C-2\x1b[2J"},
     "child_id: must not contain control or formatting characters (U+001B in 'C-2\\x1b[2J')"),
    ({"child_id": "C-\u202e2"},
     "child_id: must not contain control or formatting characters (U+202E in 'C-\\u202e2')"),
    ({"service_area": 12}, "service_area: must be text (got 12)"),
    ({"training": "no"}, "training: must be true or false (got 'no')"),
    ({"audit_id": {"id": 1}}, "audit_id: must be a number or a text id (got dict)"),
    ({"moderation": {"risk": {"score": 5, "comment": ["x"]}}},
     "moderation.risk.comment: must be text (got list)"),
    ({"moderation": {"risk": {"score": 5, "moderator": 5}}},
     "moderation.risk.moderator: must be a non-empty text id (got 5)"),
    ({"header": {"team": "x" * 100_001}},
     "header.team: is too long (100,001 characters; at most 100,000)"),
    ({"answers": {"risk": {"score": 6, "evidence": "\ud800"}}},
     "answers.risk.evidence: is not valid text (character 1 is a lone surrogate, U+D800)"),
])
def test_invalid_import_is_one_line_and_stores_nothing(store_path, tmp_path, capsys, changes,
                                                       expected):
    audit = tmp_path / "audit.json"
    audit.write_text(audit_json(**changes), encoding="utf-8")
    before = snapshot(store_path)
    line = one_line(capsys, "import", audit, "--store", store_path)
    assert line == f"auditlib: {audit}: {expected}"
    assert snapshot(store_path) == before


def test_import_cleans_text_pasted_from_word(store_path, tmp_path, capsys):
    audit = write(tmp_path, "audit.json", audit_json(
        answers={"risk": {"score": 6, "evidence": "Seen\x0bweekly\r\nby\x07 Sam"}},
        actions=[{"action": "Visit\x0c", "owner": "Sam\x00", "due": "2026-12-01"}]))
    assert main(["import", str(audit), "--store", str(store_path), "--json"]) == 0
    audit_id = json.loads(capsys.readouterr().out)["audit_id"]
    with AuditStore(f"sqlite:///{store_path}") as s:
        record = s.find_audit(audit_id)
    assert record["answers"]["risk"]["evidence"] == "Seen\nweekly\nby Sam"
    assert record["actions"][0]["action"] == "Visit\n" and record["actions"][0]["owner"] == "Sam"


# --------------------------------------------------------------------------- output

ESCAPE = "C-9\x1b[2J\x1b]0;owned\x07\u202e"


def test_stored_control_characters_are_shown_escaped(store_path, capsys):
    """A store written before text was cleaned at the door may hold anything: the terminal
    gets visible escapes, never the characters themselves."""
    with AuditStore(f"sqlite:///{store_path}") as s:
        audit_id = s.add_audit(framework="scaled-social-care", child_id="C-9", auditor="ash",
                               user="lead", month="2026-11", due_date="2026-11-15")
        s.remove_audit(audit_id, user="lead", reason="made twice")
        with s.engine.begin() as conn:  # as an older auditlib let it in
            conn.execute(update(t.audits).values(child_id=ESCAPE))
            conn.execute(update(t.users).where(t.users.c.name == "ash")
                         .values(service_area="QA\x1b[31m"))
        with s._write() as conn:
            s._log(conn, audit_id, "lead", "note", None, "typo\x1b[8m", "typo\x1b[8m")
    for argv in (["audits"], ["audits", "--status", "removed"], ["history", str(audit_id)],
                 ["users", "list"], ["track", "2026-11", "--on", "2026-11-20"]):
        assert main([*argv, "--store", str(store_path)]) == 0
        out, _ = capsys.readouterr()
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, (argv, out)
        assert "\\x1b" in out, (argv, out)


def test_check_output_escapes_the_file_s_text(tmp_path, capsys):
    audit = write(tmp_path, "audit.json", audit_json(child_id=ESCAPE))
    assert main(["check", str(audit)]) in (0, 1)
    out, _ = capsys.readouterr()
    assert "child C-9\\x1b[2J\\x1b]0;owned\\x07\\u202e" in out and "\x1b" not in out


def test_an_error_is_always_one_line(tmp_path, capsys):
    name = tmp_path / "two\nlines\x1b[2J.json"
    line = one_line(capsys, "check", name)
    assert line == f"auditlib: {tmp_path}/two\\nlines\\x1b[2J.json: no such file"


# --------------------------------------------------------------------------- the store

@pytest.mark.parametrize("audit_id", ["99999999999999999999999", "9" * 19, "\uff11"])
def test_audit_ids_that_are_not_ids(store_path, capsys, audit_id):
    for command in ("history", "export"):
        line = one_line(capsys, command, audit_id, "--store", store_path)
        assert line == f"auditlib: no such audit: {audit_id!r}"


def test_a_misspelt_store_is_not_created(store_path, tmp_path, capsys, monkeypatch):
    typo = tmp_path / "stor" / "audits.sqlite"
    line = one_line(capsys, "audits", "--store", typo)
    assert line == (f"auditlib: {typo}: no such store (create it with: auditlib users "
                    f"add NAME --role lead_auditor --store {typo})")
    monkeypatch.setenv("AUDITLIB_STORE", str(typo))
    assert one_line(capsys, "users", "list").endswith("no such store (create it with: "
                                                      "auditlib users add NAME --role "
                                                      f"lead_auditor --store {typo})")
    assert one_line(capsys, "users", "add", "eve", "--role", "auditor").endswith(
        f"no such store (create it with: auditlib users add NAME --role lead_auditor --store "
        f"{typo})")
    assert not typo.parent.exists()
    # users add sets a store up with its first lead auditor; the default store in the data
    # folder is made on demand
    assert main(["users", "add", "alex", "--role", "lead_auditor", "--user", "alex"]) == 0
    assert typo.exists()
    monkeypatch.delenv("AUDITLIB_STORE")
    main(["audits"])  # refused or not by the (empty) store's roles, it is opened
    assert "no such store" not in capsys.readouterr().err
    assert (tmp_path / "data" / "audits.sqlite").exists()


def _unchanged(path, mode: int, content: bytes) -> None:
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    if content is not None:
        assert path.read_bytes() == content


def test_a_file_that_is_not_a_store(tmp_path, capsys):
    notes = write(tmp_path, "notes.txt", "my notes\n")
    os.chmod(notes, 0o644)
    line = one_line(capsys, "audits", "--store", notes)
    assert line == f"auditlib: {notes}: is not an auditlib store (not a SQLite database)"
    _unchanged(notes, 0o644, b"my notes\n")


def test_a_sqlite_file_of_another_program(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    os.chmod(other, 0o644)
    content = other.read_bytes()
    line = one_line(capsys, "audits", "--store", other)
    assert line == (f"auditlib: {other}: is not an auditlib store (a SQLite database of "
                    "something else)")
    _unchanged(other, 0o644, content)


def test_a_folder_is_not_a_store(tmp_path, capsys):
    folder = tmp_path / "folder"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    line = one_line(capsys, "audits", "--store", folder)
    assert line == f"auditlib: {folder}: is a folder, not an auditlib store"
    _unchanged(folder, 0o755, None)


def test_a_pipe_is_not_a_store(tmp_path):
    """Never read from it (it would wait for ever), nor change its mode (--store /dev/null)."""
    from tests.test_cli import one_line_error, run

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe, 0o644)
    os.chmod(pipe, 0o644)
    line = one_line_error(run("audits", "--store", pipe))  # a subprocess, with a time limit
    assert line == f"auditlib: {pipe}: is not an auditlib store (not a file)"
    _unchanged(pipe, 0o644, None)


def test_a_truncated_store(store_path, capsys):
    with AuditStore(f"sqlite:///{store_path}") as s:
        for i in range(40):
            s.add_audit(framework="full-audit", child_id=f"C-{i}", auditor="ash", user="lead",
                        header={"team": "x" * 2000})
    size = store_path.stat().st_size
    with open(store_path, "r+b") as file:
        file.truncate(size // 2)
    content = store_path.read_bytes()
    for argv in (["audits"], ["history", "1"], ["users", "list"]):
        line = one_line(capsys, *argv, "--store", store_path)
        assert line.startswith(f"auditlib: {store_path}: is damaged"), line
    assert store_path.read_bytes() == content


def _read_only_connections(monkeypatch) -> None:
    """Root ignores file modes: open SQLite read-only, as it opens a file it cannot write."""
    if os.geteuid() != 0:
        return
    connect = sqlite3.connect

    def read_only(database, *args, **kwargs):
        if kwargs.get("uri") or str(database) in ("", ":memory:"):
            return connect(database, *args, **kwargs)
        return connect(f"file:{database}?mode=ro", *args, **dict(kwargs, uri=True))
    monkeypatch.setattr(sqlite3, "connect", read_only)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", read_only)


def test_a_read_only_store(store_path, capsys, monkeypatch):
    before = snapshot(store_path)
    os.chmod(store_path, 0o400)
    _read_only_connections(monkeypatch)
    line = one_line(capsys, "users", "add", "eve", "--role", "auditor", "--store", store_path)
    assert line.startswith(f"auditlib: {store_path}: is read-only"), line
    monkeypatch.undo()
    os.chmod(store_path, 0o600)
    assert snapshot(store_path) == before


def test_a_full_disk(store_path, tmp_path, capsys, monkeypatch):
    """SQLITE_FULL, as a full disk gives it: the store may grow no further than it is."""
    before = snapshot(store_path)
    fill_the_disk(monkeypatch)
    audit = write(tmp_path, "audit.json", audit_json(header={"team": "x" * 90_000}))
    line = one_line(capsys, "import", audit, "--store", store_path)
    assert line.startswith(f"auditlib: {store_path}: the disk is full"), line
    monkeypatch.undo()
    assert snapshot(store_path) == before


# --------------------------------------------------------------------------- other commands

def test_users_add_refuses_control_characters(store_path, capsys):
    line = one_line(capsys, "users", "add", "eve\x1b[2J", "--role", "auditor", "--store",
                    store_path)
    assert line == ("auditlib: name: must not contain control or formatting characters "
                    "(U+001B in 'eve\\x1b[2J')")
    line = one_line(capsys, "users", "add", "eve", "--role", "auditor", "--service-area",
                    "x" * 100_001, "--store", store_path)
    assert line == "auditlib: service_area: is too long (100,001 characters; at most 100,000)"
    assert [u["name"] for u in snapshot(store_path)[0]] == ["ash", "lead"]


def test_agreement_output_escapes_rater_names(tmp_path, capsys):
    ratings = write(tmp_path, "ratings.csv", "unit,rater,grade\n1,a\x1b[2J,1\n1,b,2\n")
    assert main(["agreement", str(ratings), "--levels", "1,2"]) == 0
    out, _ = capsys.readouterr()
    assert "a\\x1b[2J" in out and "\x1b" not in out


def test_anonymise_a_file_that_never_ends(capsys):
    line = one_line(capsys, "anonymise", "/dev/zero", "--key", "k")
    assert line.startswith("auditlib: /dev/zero: the file is larger than ")


# --------------------------------------------------------------------------- the month's files

@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1899-12"])
def test_months_outside_the_stores_years(store_path, tmp_path, capsys, month):
    """A month the store would refuse is refused by every command that takes one."""
    line = one_line(capsys, "track", month, "--store", store_path)
    assert f"'{month}' is not a month" in line
    line = one_line(capsys, "report", "--month", month, "--out", tmp_path / "r.html",
                    "--store", store_path)
    assert f"'{month}' is not a month" in line


def test_a_sample_file_that_never_ends(tmp_path, capsys):
    line = one_line(capsys, "agreement", "/dev/zero", "--scale", "ofsted4")
    assert "/dev/zero" in line and "larger than" in line


def test_a_control_character_in_a_sampled_child_id_names_the_row(store_path, tmp_path, capsys):
    """Refused while the sample is read, with its file and row, before any auditor or audit is
    added."""
    sample = write(tmp_path, "sample.csv",
                   "child_id,auditor,month,due_date,framework\n"
                   "C-10,newbie,2026-11,2026-11-15,full-audit\n"
                   "\"C-\x1b[2J11\",newbie,2026-11,2026-11-15,full-audit\n")
    before = snapshot(store_path)
    line = one_line(capsys, "generate", sample, "--out", tmp_path / "out", "--store",
                    store_path)
    assert f"{sample}:3" in line and "child_id" in line and "\x1b" not in line
    assert snapshot(store_path) == before
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
