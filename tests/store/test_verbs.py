"""The store's verbs, on SQLite and PostgreSQL: saves, validation, refusals that change nothing."""
from __future__ import annotations

import os
import stat

import pytest

from auditlib.exceptions import (
    AuditNotFound,
    InvalidAudit,
    PermissionRefused,
    StoreError,
    UnknownFramework,
    VersionConflict,
)
from auditlib.store import CLEAR, AuditStore


def snapshot(store, audit_id):
    record = store.find_audit(audit_id)
    return record, store.history(audit_id)


def test_add_and_find_audit(store, audit_id):
    record = store.find_audit(audit_id)
    assert record["framework"] == "scaled-social-care"
    assert record["child_id"] == "C-001"
    assert (record["status"], record["version"], record["auditor"]) == ("in_progress", 1, "ash")
    assert record["answers"] == {} and record["actions"] == []
    assert store.find_audits(auditor="ash")[0]["audit_id"] == audit_id
    assert store.find_audits(auditor="bo") == []


def test_save_answer_returns_the_new_version_and_keeps_the_rest(store, audit_id):
    v = store.save_answer(audit_id, "risk", user="ash", score=7)
    assert v == 2
    v = store.save_answer(audit_id, "risk", user="ash", evidence="Seen alone twice.")
    v = store.save_answer(audit_id, "risk", user="ash", flags={"immediate_harm": False})
    answer = store.find_audit(audit_id)["answers"]["risk"]
    assert answer == {"score": 7, "evidence": "Seen alone twice.",
                      "flags": {"immediate_harm": False}}
    assert v == 4
    assert store.save_answer(audit_id, "risk", user="ash", score=7) == 4  # no change, no bump


def test_clear_removes_a_value(store, audit_id):
    store.save_answer(audit_id, "risk", user="ash", score=7, evidence="x")
    store.save_answer(audit_id, "risk", user="ash", score=CLEAR)
    assert store.find_audit(audit_id)["answers"]["risk"] == {"evidence": "x"}


def test_other_narratives_and_the_overall(store, audit_id):
    store.save_answer(audit_id, "summary", user="ash", narratives={"summary": "Why we are here"})
    store.save_answer(audit_id, "grading", user="ash", grade="good",
                      narratives={"team_manager_id": "TM1"})
    record = store.find_audit(audit_id)
    assert record["answers"]["summary"] == {"summary": "Why we are here"}
    assert record["overall"] == "good"


@pytest.mark.parametrize("item,kwargs,path", [
    ("risky", {"score": 3}, "answers.risky"),
    ("risk", {"score": 11}, "answers.risk.score"),
    ("risk", {"score": "seven"}, "answers.risk.score"),
    ("risk", {"grade": "excellent"}, "answers.risk.grade"),
    ("risk", {"flags": {"child_not_seen": True}}, "answers.risk.flags.child_not_seen"),
    ("summary", {"evidence": "x"}, "answers.summary.evidence"),
])
def test_invalid_answers_change_nothing(store, audit_id, item, kwargs, path):
    store.save_answer(audit_id, "risk", user="ash", score=5)
    before = snapshot(store, audit_id)
    with pytest.raises(InvalidAudit) as err:
        store.save_answer(audit_id, item, user="ash", **kwargs)
    assert err.value.path == path
    assert snapshot(store, audit_id) == before


def test_unknown_audit(store):
    with pytest.raises(AuditNotFound, match="no such audit: 999"):
        store.save_answer(999, "risk", user="ash", score=5)
    with pytest.raises(AuditNotFound):
        store.find_audit("not-a-number")


def test_unknown_framework(store):
    with pytest.raises(UnknownFramework):
        store.add_audit(framework="nope", child_id="C", auditor="ash", user="lead")


@pytest.mark.parametrize("user,error", [
    ("bo", "allocated to 'ash', not 'bo'"),
    ("mo", "'mo' is not an auditor or a lead auditor or a trainee"),
    ("stranger", "'stranger' is not a user of this store"),
])
def test_only_the_allocated_auditor_saves(store, audit_id, user, error):
    before = snapshot(store, audit_id)
    with pytest.raises(PermissionRefused, match=error):
        store.save_answer(audit_id, "risk", user=user, score=5)
    assert snapshot(store, audit_id) == before


def test_only_a_lead_auditor_adds_audits_and_users(store):
    with pytest.raises(PermissionRefused):
        store.add_audit(framework="full-audit", child_id="C", auditor="ash", user="ash")
    with pytest.raises(PermissionRefused):
        store.add_user("eve", roles=["lead_auditor"], user="eve")
    with pytest.raises(PermissionRefused):
        store.add_user("eve", roles=["auditor"], user="ash")
    with pytest.raises(StoreError, match="role 'boss'"):
        store.add_user("eve", roles=["boss"], user="lead")
    assert [u["name"] for u in store.find_users(role="auditor")] == ["ash", "bo"]


def test_stale_write_gets_a_conflict_and_changes_nothing(store, audit_id):
    v1 = store.find_audit(audit_id)["version"]
    store.save_answer(audit_id, "risk", user="ash", score=6, expected_version=v1)
    before = snapshot(store, audit_id)
    with pytest.raises(VersionConflict) as err:
        store.save_answer(audit_id, "risk", user="ash", score=2, expected_version=v1)
    assert type(err.value).__name__.endswith("Conflict")
    assert err.value.current_version == v1 + 1 and err.value.changed_by == "ash"
    assert snapshot(store, audit_id) == before


def test_a_stale_version_on_another_item_is_not_a_conflict(store, audit_id):
    v1 = store.find_audit(audit_id)["version"]
    store.save_answer(audit_id, "risk", user="ash", score=6, expected_version=v1)
    store.save_answer(audit_id, "outcomes", user="ash", score=6, expected_version=v1)
    assert set(store.find_audit(audit_id)["answers"]) == {"risk", "outcomes"}


def _answer(store, audit_id, value, version=None):
    return store.save_answer(audit_id, "risk", user="ash", score=value,
                             expected_version=version)


def _header(store, audit_id, value, version=None):
    return store.save_header(audit_id, "team", f"Team {value}", user="ash",
                             expected_version=version)


def _moderation(store, audit_id, value, version=None):
    return store.save_moderation(audit_id, "risk", user="mo", score=value,
                                 expected_version=version)


def _action(store, audit_id, value, version=None):
    [action] = store.find_audit(audit_id)["actions"]
    return store.update_action(audit_id, action["id"], user="ash", owner=f"Owner {value}",
                               expected_version=version)


@pytest.mark.parametrize("save,item,by", [
    (_answer, "risk", "ash"), (_header, "header.team", None),
    (_moderation, "moderation.risk", "mo"), (_action, "actions.{action}", None)],
    ids=["answer", "header", "moderation", "action"])
def test_every_save_refuses_a_stale_version(store, audit_id, save, item, by):
    """Each kind of save (answer, header field, moderation, action) refuses a write made
    against a version the item changed after, or a version the audit never had, and changes
    nothing; a write against the current version goes through."""
    action = store.add_action(audit_id, user="ash", action="Visit", owner="SW", due="2027-01-01")
    if save is _moderation:
        from tests.stores import complete
        complete(store, audit_id)
        store.submit(audit_id, user="ash")
    seen = store.find_audit(audit_id)["version"]
    assert save(store, audit_id, 5, seen) == seen + 1  # nobody saved since: accepted
    before = snapshot(store, audit_id)
    for stale in (seen, seen + 2):  # before the last change; a version not reached yet
        with pytest.raises(VersionConflict) as err:
            save(store, audit_id, 4, stale)
        assert (err.value.item, err.value.expected_version, err.value.current_version,
                err.value.changed_by) == (item.format(action=action), stale, seen + 1, by)
        assert snapshot(store, audit_id) == before
    assert save(store, audit_id, 4, seen + 1) == seen + 2


def test_header(store, audit_id):
    v = store.save_header(audit_id, "team", "Safeguarding 2", user="ash")
    assert store.find_audit(audit_id)["header"] == {"team": "Safeguarding 2"}
    with pytest.raises(VersionConflict):
        store.save_header(audit_id, "team", "Other", user="ash", expected_version=v - 1)
    with pytest.raises(InvalidAudit, match=r"header\.colour"):
        store.save_header(audit_id, "colour", "red", user="ash")


def test_history_records_who_when_what_old_new(store, audit_id):
    store.save_answer(audit_id, "risk", user="ash", score=4)
    store.save_answer(audit_id, "risk", user="ash", score=6)
    trail = [h for h in store.history(audit_id) if h["what"] == "answers.risk.score"]
    assert [(h["user"], h["old"], h["new"]) for h in trail] == [("ash", None, 4), ("ash", 4, 6)]
    assert all(h["at"] for h in trail)
    assert not any(name.startswith(("edit_history", "remove_history", "delete"))
                   for name in dir(store))


def test_actions(store, audit_id):
    first = store.add_action(audit_id, user="ash", action="Agree an attendance plan",
                             owner="Social worker", due="2026-12-01")
    second = store.add_action(audit_id, user="ash", action="Update chronology", owner="SW",
                              due="2026-10-01")
    store.update_action(audit_id, second, user="ash", owner="Team manager")
    assert [a["owner"] for a in store.find_audit(audit_id)["actions"]] == ["Social worker",
                                                                          "Team manager"]
    overdue = store.overdue_actions(on="2026-11-01")
    assert [(o["action_id"], o["child_id"]) for o in overdue] == [(second, "C-001")]
    store.sign_off_action(audit_id, second, user="lead", signed_off_on="2026-11-05",
                          note="Done in supervision")
    assert store.overdue_actions(on="2026-11-01") == []
    assert [o["action_id"] for o in store.overdue_actions(on="2026-12-02")] == [first]
    with pytest.raises(StoreError, match="calendar date"):
        store.sign_off_action(audit_id, first, user="lead", signed_off_on="next week")
    with pytest.raises(InvalidAudit, match="unknown action field 'colour'"):
        store.update_action(audit_id, first, user="ash", colour="red")
    store.remove_action(audit_id, first, user="ash")
    assert [a["id"] for a in store.find_audit(audit_id)["actions"]] == [second]


def test_remove_audit_is_lead_only_and_recorded(store, audit_id):
    with pytest.raises(PermissionRefused):
        store.remove_audit(audit_id, user="ash", reason="duplicate")
    with pytest.raises(StoreError, match="reason"):
        store.remove_audit(audit_id, user="lead", reason=" ")
    store.remove_audit(audit_id, user="lead", reason="Child sampled twice")
    with pytest.raises(AuditNotFound):
        store.find_audit(audit_id)
    assert store.find_audits() == []
    assert store.history(audit_id)[-1]["reason"] == "Child sampled twice"


def test_hostile_child_id_is_stored_as_data(store):
    # (a line break or another control character is refused: test_text_at_the_door.py)
    hostile = "x'); DROP TABLE audits; -- ../../etc/passwd"
    audit = store.add_audit(framework="full-audit", child_id=hostile, auditor="ash", user="lead")
    assert store.find_audit(audit)["child_id"] == hostile
    assert store.find_audits(child_id=hostile)[0]["audit_id"] == audit


def test_trainee_creates_own_training_audit(store):
    audit = store.add_audit(framework="full-audit", child_id="EXEMPLAR-1", auditor="tia",
                            user="tia", training=True)
    store.save_answer(audit, "q1", user="tia", grade="meets_good")
    with pytest.raises(PermissionRefused):
        store.add_audit(framework="full-audit", child_id="C", auditor="tia", user="tia")


def test_sqlite_file_is_owner_only_and_in_wal_mode(tmp_path):
    path = tmp_path / "new-folder" / "audits.sqlite"
    with AuditStore(f"sqlite:///{path}", create=True) as s:
        assert s.check_integrity() == "ok"
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_store_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITLIB_STORE", str(tmp_path / "env.sqlite"))
    with AuditStore(create=True) as s:
        assert s.url == f"sqlite:///{tmp_path / 'env.sqlite'}"
    monkeypatch.delenv("AUDITLIB_STORE")
    monkeypatch.setenv("AUDITLIB_DATA", str(tmp_path / "data"))
    with AuditStore() as s:
        assert s.url == f"sqlite:///{tmp_path / 'data' / 'audits.sqlite'}"
    assert os.path.exists(tmp_path / "data" / "audits.sqlite")


def test_bad_store_urls(tmp_path):
    with pytest.raises(StoreError, match="only SQLite and PostgreSQL"):
        AuditStore("mysql://localhost/x")
    with pytest.raises(StoreError, match="cannot open the store"):
        AuditStore("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_add_audits_in_one_transaction_reuses_existing(store):
    specs = [{"framework": "full-audit", "child_id": f"C{i}", "auditor": "ash",
              "month": "2026-11", "due_date": "2026-11-15"} for i in range(3)]
    first = store.add_audits(specs, user="lead")
    assert [created for _, created in first] == [True, True, True]
    again = store.add_audits(specs + [dict(specs[0], child_id="C9")], user="lead")
    assert [a for a, _ in again[:3]] == [a for a, _ in first]
    assert [created for _, created in again] == [False, False, False, True]
    with pytest.raises(PermissionRefused):
        store.add_audits([dict(specs[0], child_id="X", auditor="nobody")], user="lead")
    assert len(store.find_audits()) == 4  # the refused batch added nothing


def test_add_users_all_or_nothing(store):
    store.add_users([{"name": "u1", "roles": ["auditor"]}, {"name": "u2", "roles": ["auditor"]}],
                    user="lead")
    with pytest.raises(StoreError, match="already exists"):
        store.add_users([{"name": "u3", "roles": ["auditor"]},
                         {"name": "u1", "roles": ["auditor"]}], user="lead")
    assert "u3" not in {u["name"] for u in store.find_users()}


def test_roles_of(store):
    assert store.roles_of("ash") == {"auditor"}
    assert store.roles_of("nobody") == set()


def test_two_tabs_editing_one_action_do_not_overwrite_each_other(store, audit_id):
    """Each tab passes the action's version it last saw: the second to save is refused, and
    can read what the first wrote to show it beside its own."""
    action = store.add_action(audit_id, user="ash", action="Visit", owner="SW", due=None)
    seen = store.action_version(audit_id, action)
    assert seen == store.find_audit(audit_id)["version"]
    store.save_answer(audit_id, "risk", user="ash", score=5)  # another item: no conflict
    mine = store.update_action(audit_id, action, user="ash", owner="Team manager",
                               expected_version=seen)
    assert store.action_version(audit_id, action) == mine
    with pytest.raises(VersionConflict) as err:
        store.update_action(audit_id, action, user="ash", owner="Social worker",
                            expected_version=seen)
    assert err.value.item == f"actions.{action}"
    assert store.action_text(audit_id, action, "owner") == "Team manager"
    with pytest.raises(InvalidAudit, match="unknown action field"):
        store.action_text(audit_id, action, "colour")
    store.remove_action(audit_id, action, user="ash")
    with pytest.raises(AuditNotFound):
        store.action_version(audit_id, action)
