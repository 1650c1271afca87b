"""The moderator's workbook driven without a browser: the auditor's answers and the checks on
the left, the moderator's grade and comment saved beside them, return and finalise."""
from __future__ import annotations

import pytest

from auditlib.pages.moderation import ModerationWorkbook, open_moderation
from tests.stores import only


@pytest.fixture
def people():
    """bo and tia are added by the test that needs outsiders."""
    return only("lead", "ash", "mo")


def test_fields_show_the_auditor_and_the_checks(store, submitted):
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    assert list(page.fields) == [s.id for s in page.framework.sections if s.kind != "actions"]
    risk = page.fields["risk"].widget
    text = " ".join(getattr(c, "value", "") for c in risk.children[1].children[0:1])
    assert "Statutory visits are poor" in text and "Good" in text
    checks = {c.id for c in page.checks if c.where == "risk"}
    assert "blunt-negative" in checks and "acronym-without-meaning" in checks
    assert "Source:" in text


def test_moderator_grades_beside_the_auditor(store, submitted):
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    page.fields["risk"].judgement.value = 5
    page.fields["risk"].comment.value = "Visits could be strengthened by a clear rhythm."
    record = store.find_audit(submitted)
    assert record["answers"]["risk"]["score"] == 7  # the auditor's answer is untouched
    assert record["moderation"]["risk"] == {
        "score": 5, "comment": "Visits could be strengthened by a clear rhythm.",
        "moderator": "mo"}
    assert "Saved" in page.status.value


def test_return_then_finalise(store, submitted):
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    page.return_reason.value = "Please revisit risk"
    page.return_button.click()
    assert store.find_audit(submitted)["status"] == "returned"
    assert all(c.disabled for c in page.controls())
    store.save_answer(submitted, "risk", user="ash", score=6)
    store.submit(submitted, user="ash")
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    page.finalise_button.click()
    assert store.find_audit(submitted)["status"] == "finalised"
    history = [(h["new"], h["reason"]) for h in store.history(submitted) if h["what"] == "status"]
    assert ("returned", "Please revisit risk") in history and history[-1][0] == "finalised"


def test_only_a_moderator_and_never_the_auditor(store, submitted):
    assert all(c.disabled for c in ModerationWorkbook(store, submitted, user="ash",
                                                      save_delay=0).controls())
    page = open_moderation(submitted, store_url=store.url, user="mo")
    assert not page.return_button.disabled
    assert "No audit chosen" in open_moderation(None, store_url=store.url, user="mo").value


def test_the_auditor_reads_the_moderators_view_and_others_are_refused(store, submitted):
    from auditlib.exceptions import PermissionRefused
    from auditlib.pages.audit import AuditWorkbook

    store.add_user("bo", roles=["auditor"], user="lead")
    store.add_user("tia", roles=["trainee"], user="lead")
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    page.fields["risk"].judgement.value = 5
    page.fields["risk"].comment.value = "Visits could be strengthened by a plan."
    page.return_button.click()
    workbook = AuditWorkbook(store, submitted, user="ash", save_delay=0)
    note = workbook.sections["risk"].widget.children
    text = " ".join(str(getattr(c, "value", "")) for c in note)
    assert "Moderator (mo): Requires improvement. Visits could be strengthened" in text
    for outsider in ("bo", "tia"):
        with pytest.raises(PermissionRefused):
            ModerationWorkbook(store, submitted, user=outsider, save_delay=0)
    assert "not allocated to bo" in open_moderation(submitted, store_url=store.url,
                                                    user="bo").value
