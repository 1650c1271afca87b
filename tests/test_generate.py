"""Generating the month's workbooks: audits in the store, one parameterised notebook per child,
safe with hostile ids and safe to re-run."""
from __future__ import annotations

import csv
import json

import pytest

from auditlib.month.generate import generate_workbooks, safe_file_stem
from auditlib.store import AuditStore
from tests.stores import only
from tests.test_cli import one_line_error, run

HOSTILE = [
    'quote"d',
    "it's",
    "new line",  # with a line break it is refused: ids are one line (test_text_at_the_door)
    "../../etc/passwd",
    "x\"; import os; os.system('touch /tmp/pwned'); \"",
    "back\\slash\\\"",
    "{{ jinja }} $(rm -rf ~) `id`",
    "..",
    "",  # filtered out below: an empty id is refused
    "Zoë Ñandú 子供",
]


def write_sample(path, child_ids, framework="full-audit", auditor="ash"):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["child_id", "service_area", "team", "auditor", "auditor_service_area",
                         "month", "due_date", "framework"])
        for child in child_ids:
            writer.writerow([child, "A", "T", auditor, "B", "2026-11", "2026-11-15", framework])
    return path


@pytest.fixture
def people():
    """The lead auditor alone: the month's files bring the auditors."""
    return only("lead")


def read_manifest(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def injected(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", []))
    namespace: dict = {}
    exec("".join(cell["source"]), {}, namespace)  # proves the injected cell is only data
    return namespace, nb


def test_generate_creates_audits_workbooks_and_manifest(store, tmp_path):
    sample = write_sample(tmp_path / "sample.csv", [f"C{i}" for i in range(5)])
    result = generate_workbooks(sample, tmp_path / "wb", store, "lead", progress=False)
    assert (result.audits_created, result.workbooks_written) == (5, 5)
    assert result.users_added == ["ash"]
    rows = read_manifest(tmp_path / "wb" / "manifest.csv")
    assert [r["child_id"] for r in rows] == [f"C{i}" for i in range(5)]
    assert set(rows[0]) == {"child_id", "auditor", "due_date", "audit_id", "workbook", "link"}
    for row in rows:
        params, nb = injected(tmp_path / "wb" / row["workbook"])
        assert params == {"audit_id": int(row["audit_id"]), "child_id": row["child_id"],
                          "framework": "full-audit", "auditor": "ash"}
        assert all(not c.get("outputs") for c in nb["cells"])  # ids only, no case content
        audit = store.find_audit(int(row["audit_id"]))
        assert (audit["child_id"], audit["auditor"], audit["month"], audit["due_date"]) == \
            (row["child_id"], "ash", "2026-11", "2026-11-15")


def test_rerunning_is_safe(store, tmp_path):
    sample = write_sample(tmp_path / "sample.csv", ["C1", "C2"])
    first = generate_workbooks(sample, tmp_path / "wb", store, "lead", progress=False)
    started = tmp_path / "wb" / first.rows[0]["workbook"]
    started.write_text(started.read_text() + " ")  # a workbook someone has touched
    before = started.read_text()
    again = generate_workbooks(sample, tmp_path / "wb", store, "lead", progress=False)
    assert (again.audits_created, again.audits_existing) == (0, 2)
    assert (again.workbooks_written, again.workbooks_kept) == (0, 2)
    assert started.read_text() == before
    assert len(store.find_audits()) == 2


def test_hostile_child_ids(store, tmp_path):
    ids = [h for h in HOSTILE if h]
    sample = write_sample(tmp_path / "sample.csv", ids)
    out = tmp_path / "wb"
    result = generate_workbooks(sample, out, store, "lead", progress=False)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == len(ids) + 1  # every workbook and the manifest, all inside out
    for row in result.rows:
        path = (out / row["workbook"]).resolve()
        assert path.parent == out.resolve()
        assert "/" not in row["workbook"] and not row["workbook"].startswith(".")
        params, _ = injected(path)
        assert params["child_id"] == row["child_id"]  # exactly the string, as data
    assert sorted(store.find_audit(int(r["audit_id"]))["child_id"] for r in result.rows) == \
        sorted(ids)
    manifest = read_manifest(out / "manifest.csv")
    assert [r["child_id"] for r in manifest] == ids


def test_safe_file_stem():
    assert safe_file_stem("../../etc/passwd") == "etc_passwd"
    assert safe_file_stem("..") == "child"
    assert safe_file_stem("Zoë") == "Zoe"
    assert len(safe_file_stem("x" * 500)) == 40


@pytest.mark.parametrize("content,expected", [
    ("child_id,auditor,month\nC1,ash,2026-11\n", "sample.csv:1: due_date: missing column"),
    ("child_id,auditor,month,due_date,framework\nC1,ash,2026-11,2026-11-15,nope\n",
     "sample.csv:2: framework: unknown framework 'nope'"),
    ("child_id,auditor,month,due_date,framework\nC1,ash,2026-11,2026-11-15,full-audit\n"
     "C1,bo,2026-11,2026-11-15,full-audit\n",
     "sample.csv:3: child_id: child 'C1' appears twice (also row 2)"),
    ("child_id,auditor,month,due_date,framework\nC1,ash,2026-11,soon,full-audit\n",
     "sample.csv:2: due_date: 'soon' is not a date"),
    ("child_id,auditor,month,due_date,framework,worker\nC1,ash,2026-11,2026-11-15,full-audit,"
     "\"a\u202eb\"\n", "sample.csv:2: worker: "),
])
def test_bad_samples_change_nothing(tmp_path, content, expected):
    url = f"sqlite:///{tmp_path / 'audits.sqlite'}"
    with AuditStore(url, create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
    sample = tmp_path / "sample.csv"
    sample.write_text(content)
    line = one_line_error(run("generate", sample, "--out", tmp_path / "wb", "--store", url,
                              "--user", "lead"))
    assert f"{sample.parent}/{expected}" in line
    with AuditStore(url) as s:
        assert s.find_audits() == []
    assert not (tmp_path / "wb").exists()


def test_cli_and_progress_bar(tmp_path):
    url = f"sqlite:///{tmp_path / 'audits.sqlite'}"
    with AuditStore(url, create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
    sample = write_sample(tmp_path / "sample.csv", ["C1", "C2", "C3"])
    result = run("generate", sample, "--out", tmp_path / "wb", "--store", url, "--user", "lead",
                 "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["workbooks_written"] == 3
    with AuditStore(url) as s:
        progress = tmp_path / "progress.txt"
        import sys
        old, sys.stderr = sys.stderr, progress.open("w")
        try:
            generate_workbooks(sample, tmp_path / "wb2", s, "lead", progress=True)
        finally:
            sys.stderr.close()
            sys.stderr = old
    assert "Generating workbooks" in progress.read_text()


def test_workbooks_manifest_and_folder_are_private(store, tmp_path):
    sample = write_sample(tmp_path / "sample.csv", ["C1", "C2"])
    out = tmp_path / "new" / "wb"
    generate_workbooks(sample, out, store, "lead", progress=False)
    assert out.stat().st_mode & 0o777 == 0o700
    files = list(out.iterdir())
    assert len(files) == 3
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, path


@pytest.mark.parametrize("planted", ["manifest.csv", "C1-audit1.ipynb", "manifest.csv.partial"])
def test_a_planted_symlink_is_never_written_through(tmp_path, planted):
    url = f"sqlite:///{tmp_path / 'audits.sqlite'}"
    with AuditStore(url, create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
    sample = write_sample(tmp_path / "sample.csv", ["C1", "C2"])
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "wb"
    out.mkdir()
    (out / planted).symlink_to(victim)
    line = one_line_error(run("generate", sample, "--out", out, "--store", url, "--user",
                              "lead"))
    assert f"{out / planted}: is a symbolic link" in line
    assert victim.read_text() == "precious"
    assert [p.name for p in out.iterdir()] == [planted]  # nothing else written
    with AuditStore(url) as s:
        assert s.find_audits() == []


def test_a_symlinked_or_unusable_out_folder_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'audits.sqlite'}"
    with AuditStore(url, create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
    sample = write_sample(tmp_path / "sample.csv", ["C1"])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "wb").symlink_to(elsewhere)
    line = one_line_error(run("generate", sample, "--out", tmp_path / "wb", "--store", url,
                              "--user", "lead"))
    assert "wb: is a symbolic link" in line
    assert list(elsewhere.iterdir()) == []
    line = one_line_error(run("generate", sample, "--out", sample, "--store", url, "--user",
                              "lead"))
    assert "sample.csv: is not a folder" in line
    with AuditStore(url) as s:
        assert s.find_audits() == []


def test_manifest_cells_cannot_run_as_formulas(store, tmp_path):
    ids = ["=cmd|' /C calc'!A0", "@SUM(1)", "＋1", "a;=1", "-1+1"]
    sample = write_sample(tmp_path / "sample.csv", ids, auditor="-ash")
    generate_workbooks(sample, tmp_path / "wb", store, "lead", progress=False)
    with open(tmp_path / "wb" / "manifest.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    assert sorted(r[0] for r in rows) == sorted("'" + i for i in ids)
    assert {r[1] for r in rows} == {"'-ash"}


def test_the_childs_worker_and_team_go_with_the_audit(store, tmp_path):
    """The sample's worker and team link the audit to the practitioner and their manager."""
    sample = tmp_path / "sample.csv"
    sample.write_text("child_id,auditor,month,due_date,framework,worker,team\n"
                      "C1,ash,2026-11,2026-11-15,full-audit,pat,Locality North\n"
                      "C2,ash,2026-11,2026-11-15,full-audit,,\n", encoding="utf-8")
    generate_workbooks(sample, tmp_path / "wb", store, "lead", progress=False)
    audits = {a["child_id"]: a for a in store.find_audits()}
    assert (audits["C1"]["worker"], audits["C1"]["team"]) == ("pat", "Locality North")
    assert (audits["C2"]["worker"], audits["C2"]["team"]) == (None, None)
