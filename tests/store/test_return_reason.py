"""Returning an audit to its auditor needs a reason, and the auditor can read it back (issue 13):
on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest

from auditlib.exceptions import StoreError
from tests.stores import complete


@pytest.mark.parametrize("reason", [None, "", "   \n\t "])
def test_a_return_without_a_reason_is_refused_and_changes_nothing(store, audit_id, reason):
    complete(store, audit_id)
    store.submit(audit_id, user="ash")
    version = store.find_audit(audit_id)["version"]
    with pytest.raises(StoreError) as refused:
        store.return_to_auditor(audit_id, user="mo", reason=reason)
    assert str(refused.value) == ("a reason is required to return an audit to its auditor: "
                                  "say what they should revisit")
    record = store.find_audit(audit_id)
    assert (record["status"], record["version"]) == ("submitted", version)
    assert store.find_return_reason(audit_id) is None


def test_the_latest_return_reason_is_read_back(store, audit_id):
    assert store.find_return_reason(audit_id) is None
    complete(store, audit_id)
    store.submit(audit_id, user="ash")
    store.return_to_auditor(audit_id, user="mo", reason="  Please revisit risk  ")
    returned = store.find_return_reason(audit_id)
    assert returned["reason"] == "Please revisit risk" and returned["by"] == "mo"
    assert returned["at"] and returned["changes"] == []
    store.save_answer(audit_id, "risk", user="ash", score=6)
    store.save_answer(audit_id, "risk", user="ash", score=5)
    store.save_answer(audit_id, "outcomes", user="ash", score=8)
    store.save_answer(audit_id, "outcomes", user="ash", score=7)  # back as it was
    assert store.find_return_reason(audit_id)["changes"] == [
        {"what": "answers.risk.score", "old": 7, "new": 5}]
    store.submit(audit_id, user="ash")
    store.return_to_auditor(audit_id, user="mo", reason="Now the outcomes, please")
    assert store.find_return_reason(audit_id)["reason"] == "Now the outcomes, please"
