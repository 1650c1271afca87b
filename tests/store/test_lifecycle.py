"""Submit, moderate, return, finalise, reopen: each step's refusals change nothing."""
from __future__ import annotations

import pytest

from auditlib.exceptions import LifecycleRefused, PermissionRefused, StoreError
from tests.stores import complete


def test_incomplete_audit_cannot_be_submitted(store, audit_id):
    store.save_answer(audit_id, "risk", user="ash", score=7)
    with pytest.raises(LifecycleRefused, match="not complete"):
        store.submit(audit_id, user="ash")
    assert store.find_audit(audit_id)["status"] == "in_progress"


def test_audit_breaking_a_hard_rule_cannot_be_submitted(store, audit_id):
    complete(store, audit_id)
    store.save_answer(audit_id, "outcomes", user="ash", score=4)
    with pytest.raises(LifecycleRefused, match="breaks a rule"):
        store.submit(audit_id, user="ash")


def test_whole_lifecycle(store, audit_id):
    complete(store, audit_id)
    store.submit(audit_id, user="ash")
    record = store.find_audit(audit_id)
    assert record["status"] == "submitted"
    # the auditor cannot change a submitted audit
    with pytest.raises(LifecycleRefused, match="submitted for moderation"):
        store.save_answer(audit_id, "risk", user="ash", score=2)
    with pytest.raises(LifecycleRefused):
        store.add_action(audit_id, user="ash", action="x")
    # the moderator records grades and comments beside the auditor's, never over them
    store.save_moderation(audit_id, "risk", user="mo", score=5,
                          comment="Supervision could be strengthened by monthly reflection.")
    record = store.find_audit(audit_id)
    assert record["answers"]["risk"]["score"] == 7
    assert record["moderation"]["risk"] == {
        "score": 5, "moderator": "mo",
        "comment": "Supervision could be strengthened by monthly reflection."}
    assert record["moderator"] == "mo"
    with pytest.raises(PermissionRefused, match="'ash' is not a moderator"):
        store.save_moderation(audit_id, "risk", user="ash", score=1)
    store.return_to_auditor(audit_id, user="mo", reason="Please revisit risk")
    with pytest.raises(LifecycleRefused):
        store.save_moderation(audit_id, "risk", user="mo", score=4)
    store.save_answer(audit_id, "risk", user="ash", score=6)
    store.submit(audit_id, user="ash")
    store.finalise(audit_id, user="mo")
    assert store.find_audit(audit_id)["status"] == "finalised"
    # finalised: read-only until reopened with a reason
    with pytest.raises(LifecycleRefused, match="finalised"):
        store.save_answer(audit_id, "risk", user="ash", score=8)
    with pytest.raises(PermissionRefused):
        store.reopen(audit_id, user="mo", reason="x")
    with pytest.raises(StoreError, match="reason"):
        store.reopen(audit_id, user="lead", reason="")
    store.reopen(audit_id, user="lead", reason="Moderation missed a new referral")
    store.save_answer(audit_id, "risk", user="ash", score=5)
    statuses = [(h["old"], h["new"], h["user"], h["reason"]) for h in store.history(audit_id)
                if h["what"] == "status"]
    assert statuses == [
        ("in_progress", "submitted", "ash", None),
        ("submitted", "returned", "mo", "Please revisit risk"),
        ("returned", "submitted", "ash", None),
        ("submitted", "finalised", "mo", None),
        ("finalised", "in_progress", "lead", "Moderation missed a new referral")]


def test_actions_can_be_signed_off_after_finalisation(store, audit_id):
    complete(store, audit_id)
    action = store.add_action(audit_id, user="ash", action="Plan", owner="SW", due="2026-12-01")
    store.submit(audit_id, user="ash")
    store.finalise(audit_id, user="lead")
    store.sign_off_action(audit_id, action, user="lead", signed_off_on="2026-12-02")
    assert store.find_audit(audit_id)["actions"][0]["signed_off"] == "2026-12-02"


def test_only_the_allocated_moderator(store, audit_id):
    store.add_user("mia", roles=["moderator"], user="lead")
    complete(store, audit_id)
    store.submit(audit_id, user="ash")
    store.save_moderation(audit_id, "risk", user="mo", comment="ok")
    with pytest.raises(PermissionRefused, match="allocated for moderation to 'mo'"):
        store.save_moderation(audit_id, "risk", user="mia", comment="mine")
    with pytest.raises(PermissionRefused):
        store.finalise(audit_id, user="bo")
