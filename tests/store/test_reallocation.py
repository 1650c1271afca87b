"""The lead auditor reallocates auditors and moderators: each change one row of the history,
every refusal (someone else trying, the wrong person, the wrong stage) changing nothing."""
from __future__ import annotations

import datetime as dt

import pytest

from auditlib.exceptions import (
    AuditNotFound,
    InvalidAudit,
    LifecycleRefused,
    PermissionRefused,
    StoreError,
)
from auditlib.store import CLEAR, AuditStore
from tests.stores import complete, submitted_audit


def snapshot(store, audit_id):
    return store.find_audit(audit_id), store.history(audit_id)


def allocation(store, audit_id):
    return [(h["what"], h["old"], h["new"], h["user"], h["reason"])
            for h in store.history(audit_id) if h["what"] in ("auditor", "moderator")]


def test_the_lead_auditor_reallocates_the_auditor_and_it_is_on_record(store, audit_id):
    store.save_answer(audit_id, "risk", user="ash", score=7)
    version = store.reallocate_audit(audit_id, user="lead", auditor="bo",
                                     reason="  Ash is on leave  ")
    record = store.find_audit(audit_id)
    assert (record["auditor"], record["version"], version) == ("bo", 3, 3)
    assert record["answers"]["risk"]["score"] == 7  # the work done so far stays
    assert allocation(store, audit_id) == [("auditor", "ash", "bo", "lead", "Ash is on leave")]
    # the new auditor carries on; the old one can no longer change it
    store.save_answer(audit_id, "risk", user="bo", score=6)
    with pytest.raises(PermissionRefused):
        store.save_answer(audit_id, "risk", user="ash", score=2)


def test_the_moderator_is_allocated_changed_and_cleared(store, audit_id):
    store.add_user("mel", roles=["moderator"], user="lead")
    store.reallocate_audit(audit_id, user="lead", moderator="mo")
    store.reallocate_audit(audit_id, user="lead", moderator="mel", reason="Mo is moderating "
                           "too many")
    assert store.find_audit(audit_id)["moderator"] == "mel"
    store.reallocate_audit(audit_id, user="lead", moderator=CLEAR)
    assert store.find_audit(audit_id)["moderator"] is None
    assert allocation(store, audit_id) == [
        ("moderator", None, "mo", "lead", None),
        ("moderator", "mo", "mel", "lead", "Mo is moderating too many"),
        ("moderator", "mel", None, "lead", None)]


def test_both_at_once_is_one_version_and_two_rows(store, audit_id):
    version = store.reallocate_audit(audit_id, user="lead", auditor="bo", moderator="mo",
                                     reason="Rebalanced")
    assert version == 2
    assert allocation(store, audit_id) == [("auditor", "ash", "bo", "lead", "Rebalanced"),
                                           ("moderator", None, "mo", "lead", "Rebalanced")]
    # the same again changes nothing and records nothing
    assert store.reallocate_audit(audit_id, user="lead", auditor="bo", moderator="mo") == 2
    assert len(allocation(store, audit_id)) == 2


def test_the_allocated_moderator_alone_may_moderate_it(store):
    store.add_user("mel", roles=["moderator"], user="lead")
    audit = submitted_audit(store)
    store.reallocate_audit(audit, user="lead", moderator="mel")  # while submitted
    with pytest.raises(PermissionRefused, match="allocated for moderation to 'mel'"):
        store.save_moderation(audit, "risk", user="mo", score=5)
    store.save_moderation(audit, "risk", user="mel", score=5)
    store.reallocate_audit(audit, user="lead", moderator=CLEAR)  # picked up by anyone again
    store.finalise(audit, user="mo")


@pytest.mark.parametrize("who,change", [
    ("ash", {"auditor": "ash"}),          # an auditor giving themselves another audit
    ("bo", {"auditor": "bo"}),
    ("mo", {"moderator": "mo"}),          # a moderator choosing what they moderate
    ("mo", {"moderator": CLEAR}),
    ("tia", {"auditor": "tia"}),
    ("stranger", {"moderator": "mo"}),    # someone the store does not know
])
def test_only_the_lead_auditor_reallocates(store, audit_id, who, change):
    store.reallocate_audit(audit_id, user="lead", moderator="mo")
    before = snapshot(store, audit_id)
    with pytest.raises(PermissionRefused) as refused:
        store.reallocate_audit(audit_id, user=who, **change)
    assert "\n" not in str(refused.value)
    assert "lead auditor" in str(refused.value) or "not a user" in str(refused.value)
    assert snapshot(store, audit_id) == before


def test_someone_who_may_not_allocate_learns_nothing_of_the_audit(store):
    with pytest.raises(PermissionRefused, match="'ash' is not a lead auditor"):
        store.reallocate_audit(99_999, user="ash", auditor="ash")


def test_nobody_moderates_an_audit_they_audited(store, audit_id):
    store.add_user("amo", roles=["auditor", "moderator"], user="lead")
    audit = store.add_audit(framework="scaled-social-care", child_id="C-2", auditor="amo",
                            user="lead")
    before = snapshot(store, audit)
    with pytest.raises(StoreError, match="cannot be both the auditor and the moderator"):
        store.reallocate_audit(audit, user="lead", moderator="amo")
    assert snapshot(store, audit) == before
    # nor once the audit has gone to someone else: they did its work
    store.reallocate_audit(audit, user="lead", auditor="bo")
    before = snapshot(store, audit)
    with pytest.raises(StoreError, match=f"'amo' audited audit {audit} before it was reallocated"):
        store.reallocate_audit(audit, user="lead", moderator="amo")
    assert snapshot(store, audit) == before
    # nor by handing the audit to its moderator
    store.reallocate_audit(audit_id, user="lead", moderator="mo")
    store.add_role("mo", "auditor", user="lead")
    before = snapshot(store, audit_id)
    with pytest.raises(StoreError, match="cannot be both"):
        store.reallocate_audit(audit_id, user="lead", auditor="mo")
    assert snapshot(store, audit_id) == before


def test_a_lead_auditor_who_audited_it_cannot_moderate_it(store):
    audit = store.add_audit(framework="scaled-social-care", child_id="C-3", auditor="lead",
                            user="lead")
    with pytest.raises(StoreError, match="cannot be both"):
        store.reallocate_audit(audit, user="lead", moderator="lead")


@pytest.mark.parametrize("change,words", [
    ({"auditor": "mo"}, "'mo' is not an auditor or a lead auditor, so cannot audit"),
    ({"auditor": "tia"}, "'tia' is not an auditor or a lead auditor"),
    ({"moderator": "bo"}, "'bo' is not a moderator or a lead auditor, so cannot moderate"),
    ({"moderator": "nobody"}, "'nobody' is not a user of this store"),
    ({"auditor": CLEAR}, "an audit always has an auditor"),
    ({}, "say what to change"),
])
def test_only_someone_who_audits_or_moderates_is_allocated(store, audit_id, change, words):
    before = snapshot(store, audit_id)
    with pytest.raises(StoreError, match=words):
        store.reallocate_audit(audit_id, user="lead", **change)
    assert snapshot(store, audit_id) == before


@pytest.mark.parametrize("hostile", ["1 OR 1=1", "-1", "0", "１", 2**70, None, 1.5, "../1",
                                     "1; DROP TABLE audits"])
def test_a_hostile_id_finds_no_audit(store, audit_id, hostile):
    with pytest.raises(AuditNotFound):
        store.reallocate_audit(hostile, user="lead", auditor="bo")
    assert store.find_audit(audit_id)["auditor"] == "ash"


@pytest.mark.parametrize("name", ["bo\u202e", "bo\n", "", 7, "x" * 1000])
def test_a_hostile_name_is_refused_at_the_door(store, audit_id, name):
    before = snapshot(store, audit_id)
    with pytest.raises(InvalidAudit):
        store.reallocate_audit(audit_id, user="lead", auditor=name)
    with pytest.raises(InvalidAudit):
        store.reallocate_audit(audit_id, user="lead", moderator=name)
    assert snapshot(store, audit_id) == before


def test_the_auditor_changes_only_while_the_auditor_has_the_audit(store):
    audit = submitted_audit(store)
    before = snapshot(store, audit)
    with pytest.raises(LifecycleRefused, match=f"audit {audit} is submitted for moderation: its "
                       "auditor can be changed only while it is in progress or returned"):
        store.reallocate_audit(audit, user="lead", auditor="bo")
    assert snapshot(store, audit) == before
    store.return_to_auditor(audit, user="mo", reason="Look again at risk")
    store.reallocate_audit(audit, user="lead", auditor="bo")  # returned: the auditor's again
    store.submit(audit, user="bo")
    assert store.find_audit(audit)["status"] == "submitted"


def test_a_finalised_audit_keeps_its_allocation(store):
    store.add_user("mel", roles=["moderator"], user="lead")
    audit = submitted_audit(store)
    store.finalise(audit, user="mo")
    before = snapshot(store, audit)
    for change in ({"moderator": "mel"}, {"moderator": CLEAR}, {"auditor": "bo"}):
        with pytest.raises(LifecycleRefused, match="finalised"):
            store.reallocate_audit(audit, user="lead", **change)
    assert snapshot(store, audit) == before
    store.reopen(audit, user="lead", reason="A new referral")
    store.reallocate_audit(audit, user="lead", moderator="mel")


def test_removed_and_training_audits_are_not_allocated(store, audit_id):
    store.remove_audit(audit_id, user="lead", reason="Sampled twice")
    with pytest.raises(AuditNotFound):
        store.reallocate_audit(audit_id, user="lead", auditor="bo")
    training = store.add_audit(framework="scaled-social-care", child_id="T-1", auditor="tia",
                               user="tia", training=True)
    before = snapshot(store, training)
    with pytest.raises(LifecycleRefused, match="training audit"):
        store.reallocate_audit(training, user="lead", moderator="mo")
    assert snapshot(store, training) == before


def test_workloads_by_person(store):
    def add(child, auditor, month="2026-11", due="2026-11-15", **kw):
        return store.add_audit(framework="scaled-social-care", child_id=child, auditor=auditor,
                               user="lead", month=month, due_date=due, **kw)

    add("A", "ash", moderator="mo")
    add("B", "ash", due="2026-12-01")
    add("C", "bo", month="2026-10")
    done = add("D", "bo", moderator="mo")
    complete(store, done, "bo")
    store.submit(done, user="bo")  # with the moderator: no longer bo's to audit
    store.add_audit(framework="scaled-social-care", child_id="T", auditor="tia", user="tia",
                    training=True, month="2026-11")
    loads = {w["user"]: w for w in store.find_workloads("2026-11", on=dt.date(2026, 11, 20))}
    assert set(loads) == {"lead", "ash", "bo", "mo"}  # who audits or moderates
    assert {n: (w["to_audit"], w["overdue"], w["to_moderate"]) for n, w in loads.items()} == {
        "lead": (0, 0, 0), "ash": (2, 1, 0), "bo": (0, 0, 0), "mo": (0, 0, 2)}
    assert loads["ash"]["service_area"] == "Safeguarding"
    everything = {w["user"]: w["to_audit"] for w in store.find_workloads()}
    assert everything["bo"] == 1  # October's too
    store.finalise(done, user="mo")
    assert {w["user"]: w["to_moderate"] for w in store.find_workloads("2026-11")}["mo"] == 1
    with pytest.raises(InvalidAudit, match="month"):
        store.find_workloads("November")


def test_in_memory_store_too():
    """The verbs on sqlite:///:memory:, as a notebook or a script might open the store."""
    with AuditStore("sqlite:///:memory:") as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("ash", roles=["auditor"], user="lead")
        store.add_user("mo", roles=["moderator"], user="lead")
        audit = store.add_audit(framework="full-audit", child_id="C1", auditor="lead",
                                user="lead")
        store.reallocate_audit(audit, user="lead", auditor="ash", moderator="mo")
        with pytest.raises(PermissionRefused):
            store.reallocate_audit(audit, user="ash", auditor="lead")
        assert allocation(store, audit) == [("auditor", "lead", "ash", "lead", None),
                                            ("moderator", None, "mo", "lead", None)]


def test_a_former_auditor_cannot_pick_up_the_audit_to_moderate_once_submitted():
    """Access sees the audit as it is now; the store also remembers who audited it before."""
    with AuditStore("sqlite:///:memory:") as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("ash", roles=["auditor", "moderator"], user="lead")
        store.add_user("bo", roles=["auditor"], user="lead")
        audit_id = store.add_audit(framework="scaled-social-care", child_id="C1",
                                   auditor="ash", user="lead")
        store.reallocate_audit(audit_id, user="lead", auditor="bo")
        complete(store, audit_id, "bo")
        store.submit(audit_id, user="bo")
        with pytest.raises(PermissionRefused, match=r"audited audit \d+ before it was"):
            store.save_moderation(audit_id, "risk", user="ash", score=3)
        with pytest.raises(PermissionRefused, match="before it was reallocated"):
            store.finalise(audit_id, user="ash")
        assert store.find_audit(audit_id)["status"] == "submitted"
