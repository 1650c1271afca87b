"""Text at the store's door: whatever is pasted in (a vertical tab from Word, an escape sequence,
a bidi override, NUL), what every verb stores can be shown, exported as JSON, to Excel and to
Word. Ids are refused instead; so are text that is not valid Unicode, absurd lengths, months and
dates that are not ones; and a database that cannot write is one line, with nothing changed."""
from __future__ import annotations

import io
import json
import unicodedata

import pytest
from sqlalchemy import event

from auditlib.exceptions import InvalidAudit, StoreError
from auditlib.store import AuditStore
from tests.stores import GRADED

# every C0 control (NUL, tab, vertical tab…), DEL, every C1 control, the Unicode line and
# paragraph separators, the bidi controls, zero-width and byte-order marks, the two
# non-characters, a decomposed é and every spelling of a line break
NASTY = ("".join(map(chr, range(0x00, 0x20))) + "\x7f" + "".join(map(chr, range(0x80, 0xA0)))
         + "\u2028\u2029" + "".join(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
         + "\u200b\u200e\ufeff\ufffe\uffff" + " Cafe\u0301 said:\r\nline two\rthree\x0bfour")

# a completion date is short (its column holds 40 characters) but may be words
DUE = "two\x0bweeks\x00\u202e\u2028\r\n(Word)"

def texts(value):
    """Every string in a nested structure (keys too)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(key)
            yield from texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts(item)


def assert_clean(value) -> None:
    for text in texts(value):
        bad = [f"U+{ord(c):04X}" for c in text
               if (unicodedata.category(c) == "Cc" and c not in "\t\n")
               or c in "\u2028\u2029\ufffe\uffff"]
        assert not bad, (text, bad)
        assert unicodedata.is_normalized("NFC", text), text


def complete(store, audit_id, text):
    for sid in GRADED:
        store.save_answer(audit_id, sid, user="ash", score=7, evidence=text, impact=text)
    store.save_answer(audit_id, "summary", user="ash", narratives={"summary": text})
    store.save_answer(audit_id, "themes", user="ash", narratives={"themes": text})
    store.save_answer(audit_id, "observations", user="ash",
                      narratives={"working_well": text, "not_working_well": text})
    store.save_answer(audit_id, "grading", user="ash", grade="good",
                      narratives={"team_manager_id": text})


def test_every_verb_cleans_text_and_every_export_works(store, audit_id, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    from auditlib.month.documents import audit_docx
    from auditlib.month.tracking import export_month

    store.add_user("nasty", roles=["auditor"], user="lead", display_name=NASTY,
                   service_area=NASTY)
    store.add_users([{"name": "nasty2", "roles": ["auditor"], "display_name": NASTY,
                      "service_area": NASTY}], user="lead")
    second = store.add_audit(framework="scaled-social-care", child_id="C-002", auditor="ash",
                             user="lead", month="2026-11", due_date="2026-11-15",
                             header={"team": NASTY})
    [(third, _)] = store.add_audits([{"framework": "detailed-case-audit", "child_id": "C-003",
                                      "auditor": "bo", "month": "2026-11",
                                      "due_date": "2026-11-15", "service_area": NASTY}],
                                    user="lead")
    store.save_answer(third, "referral_threshold", user="bo", grade="good", comment=NASTY)
    store.add_action(third, user="bo", action=NASTY, owner=NASTY, due=DUE)
    # the whole life of one audit, every text through the door
    store.save_header(audit_id, "team", NASTY, user="ash")
    complete(store, audit_id, NASTY)
    action = store.add_action(audit_id, user="ash", action=NASTY, owner=NASTY,
                              due="2026-12-01")
    other = store.add_action(audit_id, user="ash", action="Visit", owner="Sam", due="2026-12-01")
    store.update_action(audit_id, other, user="ash", action=NASTY + "2", owner=NASTY)
    store.submit(audit_id, user="ash")
    store.save_moderation(audit_id, "risk", user="mo", score=5, comment=NASTY)
    store.return_to_auditor(audit_id, user="mo", reason=NASTY)
    store.submit(audit_id, user="ash")
    store.finalise(audit_id, user="mo")
    store.reopen(audit_id, user="lead", reason=NASTY)
    store.sign_off_action(audit_id, action, user="lead", signed_off_on="2026-12-02", note=NASTY)
    store.remove_audit(second, user="lead", reason=NASTY)
    record = store.export_audit(audit_id)
    imported = store.import_audit(dict(record, child_id="C-004", header={"team": NASTY},
                                       service_area=NASTY, status="submitted",
                                       moderator="mo"), user="lead")

    # what was stored: cleaned, the words kept
    for audit in (audit_id, third, imported):
        assert_clean(store.find_audit(audit))
        assert_clean(store.history(audit))
    assert_clean(store.history(second))
    assert_clean(store.find_users())
    evidence = store.find_audit(audit_id)["answers"]["risk"]["evidence"]
    assert evidence.endswith(" Café said:\nline two\nthree\nfour")
    assert "\t" in evidence and "\u202e" in evidence  # tab and bidi text stay in free text
    assert store.find_audit(imported)["moderation"]["risk"]["comment"] == \
        store.find_audit(audit_id)["moderation"]["risk"]["comment"]

    # and every way out works
    for audit in (audit_id, third, imported):
        text = json.dumps(store.export_audit(audit), ensure_ascii=False)
        assert json.loads(text)["audit_id"] == audit
        document = Document(io.BytesIO(audit_docx(store, audit)))
        assert "Café said:" in "\n".join(p.text for p in document.paragraphs) + "".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells)
    written = export_month(store, "2026-11", tmp_path / "export")
    assert len(written) == 3 and all(path.stat().st_size for path in written)
    book = load_workbook(next(p for p in written if p.suffix == ".xlsx"))
    cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    assert any("Café said:" in str(value) for value in cells)


@pytest.mark.parametrize("verb,path", [
    (lambda s, a: s.add_user("eve\x1b[2J", roles=["auditor"], user="lead"), "name"),
    (lambda s, a: s.add_user("eve\u202e", roles=["auditor"], user="lead"), "name"),
    (lambda s, a: s.add_users([{"name": "ok", "roles": ["auditor"]},
                               {"name": "e\nve", "roles": ["auditor"]}], user="lead"),
     "users[1].name"),
    (lambda s, a: s.add_audit(framework="full-audit", child_id="C\x00", auditor="ash",
                              user="lead"), "child_id"),
    (lambda s, a: s.add_audit(framework="full-audit", child_id="C\u2066-1", auditor="ash",
                              user="lead"), "child_id"),
    (lambda s, a: s.add_audits([{"framework": "full-audit", "child_id": "C\x1b", "auditor": "ash"}],
                               user="lead"), "[0].child_id"),
    (lambda s, a: s.import_audit({"framework": "full-audit", "child_id": "C\x07"}, user="lead"),
     "child_id"),
    (lambda s, a: s.save_answer(a, "risk\x00", user="ash", score=7), "item_id"),
    (lambda s, a: s.save_moderation(a, "risk\x1b", user="mo", score=7), "item_id"),
])
def test_ids_with_control_characters_are_refused(store, audit_id, verb, path):
    before = (store.find_users(), store.find_audits(), store.history(audit_id))
    with pytest.raises(InvalidAudit) as refused:
        verb(store, audit_id)
    assert refused.value.path == path
    assert "must not contain control or formatting characters" in str(refused.value)
    assert len(str(refused.value).splitlines()) == 1
    assert (store.find_users(), store.find_audits(), store.history(audit_id)) == before


@pytest.mark.parametrize("kwargs,path,message", [
    ({"evidence": "\ud83d"}, "answers.risk.evidence",
     "is not valid text (character 1 is a lone surrogate, U+D83D)"),
    ({"impact": "x" * 100_001}, "answers.risk.impact",
     "is too long (100,001 characters; at most 100,000)"),
    ({"narratives": ["evidence"]}, "answers.risk", "narratives must be an object (got list)"),
])
def test_text_that_cannot_be_stored_is_refused(store, audit_id, kwargs, path, message):
    version = store.find_audit(audit_id)["version"]
    with pytest.raises(InvalidAudit) as refused:
        store.save_answer(audit_id, "risk", user="ash", score=7, **kwargs)
    assert (refused.value.path, refused.value.message) == (path, message)
    assert store.find_audit(audit_id)["version"] == version
    assert store.find_audit(audit_id)["answers"] == {}


def test_a_reason_of_control_characters_only_is_no_reason(store, audit_id):
    with pytest.raises(StoreError, match="a reason is required"):
        store.remove_audit(audit_id, user="lead", reason="\x0b\x00\u2028")
    assert store.find_audit(audit_id)["status"] == "in_progress"


@pytest.mark.parametrize("month,due_date,path", [
    ("not-a-month", "2026-11-15", "month"),
    ("2026-13", "2026-11-15", "month"),
    ("2026-11", "whenever", "due_date"),
    ("2026-11", "2026-02-30", "due_date"),
    ("2026-11", 20261115, "due_date"),
])
def test_months_and_due_dates_are_checked(store, month, due_date, path):
    spec = {"framework": "full-audit", "child_id": "C-9", "auditor": "ash", "month": month,
            "due_date": due_date}
    with pytest.raises(InvalidAudit) as one:
        store.add_audit(**spec, user="lead")
    assert one.value.path == path
    with pytest.raises(InvalidAudit) as many:
        store.add_audits([dict(spec, child_id="C-8"), spec], user="lead")
    assert many.value.path == f"[0].{path}"
    with pytest.raises(InvalidAudit) as imported:
        store.import_audit(spec, user="lead")
    assert imported.value.path == path
    assert "must be a" in str(one.value) and "(got " in str(one.value)
    assert store.find_audits() == []


@pytest.mark.parametrize("actions,path,message", [
    ("call the school", "actions", "must be a list (got 'call the school')"),
    ({"action": "Visit"}, "actions", "must be a list (got dict)"),
    ([{"action": "Visit"}, "Call"], "actions[1]", "must be an object (got 'Call')"),
    ([{"action": "Visit", "due": "when the family have moved and the school has a place"}],
     "actions[0].due", "is too long for a completion date (53 characters; at most 40)"),
    ([{"action": "Visit", "signed_off": "whenever"}], "actions[0].signed_off",
     "must be a calendar date YYYY-MM-DD (got 'whenever')"),
    ([{"action": "Visit", "done_on": "last week"}], "actions[0].done_on",
     "must be a calendar date YYYY-MM-DD (got 'last week')"),
])
def test_imported_actions_are_checked(store, actions, path, message):
    record = {"framework": "scaled-social-care", "child_id": "C-9", "actions": actions}
    with pytest.raises(InvalidAudit) as refused:
        store.import_audit(record, user="lead")
    assert (refused.value.path, refused.value.message) == (path, message)
    assert store.find_audits() == []


def test_an_action_marked_done_keeps_its_evidence_through_export_and_import(store):
    action = {"action": "Update the chronology", "owner": "pat", "due": "2026-11-10",
              "signed_off": "2026-11-12", "note": None, "done_on": "2026-11-09",
              "done_by": "pat", "evidence": "Chronology updated on the case record."}
    audit_id = store.import_audit({"framework": "scaled-social-care", "child_id": "C-10",
                                   "actions": [action]}, user="lead")
    again = store.import_audit(store.export_audit(audit_id), user="lead")
    (kept,) = store.find_audit(again)["actions"]
    assert {k: kept[k] for k in action} == action


@pytest.mark.parametrize("value", ["99999999999999999999999", "\uff11", 2**64])
def test_ids_that_cannot_be_audits(store, audit_id, value):
    from auditlib.exceptions import AuditNotFound

    for read in (store.find_audit, store.history):
        with pytest.raises(AuditNotFound):
            read(value)


def _connections_run(store, statement: str):
    """Every new connection runs ``statement`` first (the pool is emptied so that all are)."""
    def run(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        if store.dialect == "postgresql":
            dbapi_connection.commit()
    store.engine.dispose()
    event.listen(store.engine, "connect", run)
    return run


def test_a_store_that_cannot_write_is_one_line_and_changes_nothing(store, audit_id):
    before = store.find_audit(audit_id)
    statement = ("PRAGMA query_only = ON" if store.dialect == "sqlite"
                 else "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    run = _connections_run(store, statement)
    with pytest.raises(StoreError) as refused:
        store.save_answer(audit_id, "risk", user="ash", score=7, evidence="Seen.")
    assert "is read-only" in str(refused.value) and "nothing was saved" in str(refused.value)
    assert len(str(refused.value).splitlines()) == 1
    assert store.find_audit(audit_id) == before  # reading still works
    event.remove(store.engine, "connect", run)
    store.engine.dispose()
    assert store.find_audit(audit_id) == before


def test_a_full_disk_is_one_line_and_changes_nothing(tmp_path):
    path = tmp_path / "audits.sqlite"
    with AuditStore(f"sqlite:///{path}", create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("ash", roles=["auditor"], user="lead")
        audit_id = store.add_audit(framework="full-audit", child_id="C-1", auditor="ash",
                                   user="lead")
        before = store.find_audit(audit_id)
        with store.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        run = _connections_run(store, f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as refused:
            store.save_answer(audit_id, "q1", user="ash", grade="meets_good",
                              evidence="x" * 90_000)
        assert str(refused.value).startswith(f"{path}: the disk is full")
        event.remove(store.engine, "connect", run)
        store.engine.dispose()
        assert store.find_audit(audit_id) == before
        assert store.check_integrity() == "ok"
