"""The store refuses exactly what auditlib.access refuses: one rule for the pages and the store."""
from __future__ import annotations

import pytest

from auditlib import access
from auditlib.exceptions import LifecycleRefused, PermissionRefused
from tests.stores import complete

USERS = ("lead", "ash", "bo", "mo", "mia", "tia", "stranger")


@pytest.fixture
def audits(store):
    """ash's audits at each stage, tia's real audit and her training audit."""
    store.add_user("mia", roles=["moderator"], user="lead")
    made = {}
    for stage in ("in_progress", "submitted", "returned", "finalised", "submitted_mia"):
        audit = store.add_audit(framework="scaled-social-care", child_id=f"C-{stage}",
                                auditor="ash", user="lead",
                                moderator="mia" if stage == "submitted_mia" else None)
        complete(store, audit)
        if stage != "in_progress":
            store.submit(audit, user="ash")
        if stage == "returned":
            store.return_to_auditor(audit, user="mo", reason="Please revisit risk")
        if stage == "finalised":
            store.finalise(audit, user="mo")
        made[stage] = audit
    made["tia_real"] = store.add_audit(framework="scaled-social-care", child_id="C-T",
                                       auditor="tia", user="lead")
    made["tia_training"] = store.add_audit(framework="scaled-social-care", child_id="EX-1",
                                           auditor="tia", user="tia", training=True)
    return made


def outcome(write) -> bool:
    try:
        write()
    except (PermissionRefused, LifecycleRefused):
        return False
    return True


@pytest.mark.parametrize("user", USERS)
def test_the_store_and_the_rules_agree(store, audits, user):
    roles = store.roles_of(user)
    for name, audit in audits.items():
        record = store.find_audit(audit)
        assert outcome(lambda a=audit: store.save_answer(a, "risk", user=user,
                                                         evidence=f"by {user}")) == \
            access.may(user, roles, "edit", record), (name, "edit")
        record = store.find_audit(audit)
        assert outcome(lambda a=audit: store.save_moderation(a, "risk", user=user,
                                                             comment=f"by {user}")) == \
            access.may(user, roles, "moderate", record), (name, "moderate")


def test_a_trainee_changes_only_her_training_audits(store, audits):
    with pytest.raises(PermissionRefused, match="not a training audit"):
        store.save_answer(audits["tia_real"], "risk", user="tia", score=5)
    store.save_answer(audits["tia_training"], "risk", user="tia", score=5)


def test_someone_whose_roles_were_taken_away_changes_nothing(store, audits):
    store.remove_role("ash", "auditor", user="lead")
    with pytest.raises(PermissionRefused, match="'ash' is not a user of this store"):
        store.save_answer(audits["in_progress"], "risk", user="ash", score=5)
