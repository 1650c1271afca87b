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
    assert store.find_audit(submitted)["status"] == "submitted"  # not before it is confirmed
    page.confirm_return_button.click()
    assert store.find_audit(submitted)["status"] == "returned"
    assert all(c.disabled for c in page.controls())
    store.save_answer(submitted, "risk", user="ash", score=6)
    store.submit(submitted, user="ash")
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    page.finalise_button.click()
    assert store.find_audit(submitted)["status"] == "submitted"
    page.confirm_finalise_button.click()
    assert store.find_audit(submitted)["status"] == "finalised"
    history = [(h["new"], h["reason"]) for h in store.history(submitted) if h["what"] == "status"]
    assert ("returned", "Please revisit risk") in history and history[-1][0] == "finalised"


def test_only_a_moderator_and_never_the_auditor(store, submitted):
    assert all(c.disabled for c in ModerationWorkbook(store, submitted, user="ash",
                                                      save_delay=0).controls())
    page = open_moderation(submitted, store_url=store.url, user="mo")
    assert not page.finalise_button.disabled
    page.return_reason.value = "Please revisit risk"
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
    page.return_reason.value = "Please revisit risk"
    page.return_button.click()
    page.confirm_return_button.click()
    workbook = AuditWorkbook(store, submitted, user="ash", save_delay=0)
    note = workbook.sections["risk"].widget.children
    text = " ".join(str(getattr(c, "value", "")) for c in note)
    assert "Moderator (mo): Requires improvement. Visits could be strengthened" in text
    for outsider in ("bo", "tia"):
        with pytest.raises(PermissionRefused):
            ModerationWorkbook(store, submitted, user=outsider, save_delay=0)
    assert "not allocated to bo" in open_moderation(submitted, store_url=store.url,
                                                    user="bo").value


# -- issue 13: the moderation loop closed


def test_return_waits_for_a_reason_and_says_so(store, submitted):
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    assert page.return_button.disabled
    assert "first type what the auditor should revisit" in page.decision_hint.value
    page.return_reason.value = "   "
    assert page.return_button.disabled
    page.return_button.click()  # a click that reaches it anyway asks nothing and returns nothing
    assert page.confirm_box.children == ()
    page._on_confirm_return()   # nor does a confirmation with no reason typed
    assert store.find_audit(submitted)["status"] == "submitted"
    assert "reason is required" in page.status.value
    page.return_reason.value = "Please revisit risk"
    assert not page.return_button.disabled and page.decision_hint.value == ""


def test_return_and_finalise_ask_first_and_cancel_changes_nothing(store, submitted):
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    page.return_reason.value = "Please revisit the risk section"
    page.return_button.click()
    assert page.confirm_return_button in page.confirm_box.children[1].children
    assert "Please revisit the risk section" in page.confirm_text.value
    assert "to ash" in page.confirm_text.value
    page.cancel_button.click()
    assert page.confirm_box.children == ()
    page.finalise_button.click()
    assert page.confirm_finalise_button in page.confirm_box.children[1].children
    assert "read-only" in page.confirm_text.value
    page.cancel_button.click()
    assert store.find_audit(submitted)["status"] == "submitted"
    page.finalise_button.click()
    page.confirm_finalise_button.click()
    assert store.find_audit(submitted)["status"] == "finalised"
    assert page.confirm_box.children == ()
    assert all(c.disabled for c in page.controls())


def test_the_auditor_sees_the_return_reason_and_every_comment(store, submitted):
    """Beside each field and in a summary at the top, including comments on a field with no
    grade (the summary), and what the auditor changed since the return."""
    from auditlib.pages.audit import AuditWorkbook

    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    page.fields["risk"].judgement.value = 5
    page.fields["risk"].comment.value = "Visits could be strengthened by a plan."
    page.fields["summary"].comment.value = "Add the child's age to the summary."
    page.return_reason.value = "Please revisit risk and the summary"
    page.return_button.click()
    page.confirm_return_button.click()
    workbook = AuditWorkbook(store, submitted, user="ash", save_delay=0)
    top = workbook.feedback.widget.value
    assert "Returned by <strong>mo</strong> on " in top
    assert "Please revisit risk and the summary" in top
    assert "href='#aw-h-risk'" in top and "Visits could be strengthened by a plan." in top
    assert "moderator&#x27;s grade Requires improvement" in top
    assert "href='#aw-h-summary'" in top and "Add the child&#x27;s age" in top
    summary = " ".join(str(getattr(c, "value", ""))
                       for c in workbook.sections["summary"].widget.children)
    assert "Moderator (mo): Add the child&#x27;s age to the summary." in summary
    assert "Nothing yet" in top
    workbook.sections["risk"].judgement.value = 6
    again = AuditWorkbook(store, submitted, user="ash", save_delay=0)
    assert "2. Risk management" in again.feedback.widget.value
    assert "score 7 → 6" in again.feedback.widget.value


def test_an_audit_never_returned_has_no_feedback(store, audit_id):
    from auditlib.pages.audit import AuditWorkbook

    assert AuditWorkbook(store, audit_id, user="ash", save_delay=0).feedback.widget.value == ""


@pytest.mark.parametrize("choose", ["keep mine", "use theirs"])
def test_a_comment_changed_in_two_places_is_shown_side_by_side_until_chosen(store, submitted,
                                                                            choose):
    """Two tabs on one moderation: the second's comment is not saved over the first's; both
    texts are shown at the top of the page until the moderator chooses."""
    first = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    second = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    first.fields["risk"].comment.value = "Visits could be strengthened by a plan."
    comment = second.fields["risk"].comment
    comment.value = "Supervision is not recorded."
    assert second.conflicts in second.widget.children[1].children  # on the page, at the top
    [box] = second.conflicts.children
    text = " ".join(c.value for c in box.children[1].children)
    assert "Yours" in text and "Supervision is not recorded." in text
    assert "Theirs" in text and "Visits could be strengthened by a plan." in text
    assert "The moderation of section 2" in box.children[0].value
    assert "choose which to keep" in second.status.value
    second.fields["outcomes"].comment.value = "Clear."  # another field saves; the choice stays
    assert len(second.conflicts.children) == 1
    [keep, take] = box.children[2].children
    (keep if choose == "keep mine" else take).click()
    saved = store.find_audit(submitted)["moderation"]["risk"]["comment"]
    assert saved == comment.value == ("Supervision is not recorded." if choose == "keep mine"
                                      else "Visits could be strengthened by a plan.")
    assert second.conflicts.children == ()
    assert "Not saved" not in second.status.value and "Not saved" not in second.banner.value
    comment.value = "Supervision is recorded monthly."  # and later edits save
    assert store.find_audit(submitted)["moderation"]["risk"]["comment"] == comment.value


# -- issue 13, driven by the keyboard: what the page shows follows what is chosen and stored


def _chosen_words(control) -> str | None:
    """The words of the choice a control shows as chosen (a radio checked, an option selected),
    as ipywidgets draws it: from its index, None when it shows no choice."""
    return None if control.index is None else control.label


def test_agreeing_with_the_auditor_is_shown_chosen_and_saved_as_no_grade(store, submitted):
    """A fresh moderation shows "Agree with the auditor" chosen, for a grade (radios) and for a
    score (a list); choosing it again takes the moderator's grade away."""
    agree = "Agree with the auditor (no change)"
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    grading, risk = page.fields["grading"].judgement, page.fields["risk"].judgement
    assert type(grading).__name__ == "RadioButtons" and type(risk).__name__ == "Dropdown"
    for field in page.fields.values():
        if field.judgement is not None:
            assert _chosen_words(field.judgement) == agree, field.section.id
    grading.value, risk.value = "good", 5
    moderation = store.find_audit(submitted)["moderation"]
    assert moderation["grading"]["grade"] == "good" and moderation["risk"]["score"] == 5
    again = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    assert _chosen_words(again.fields["grading"].judgement) == "Good"
    assert again.fields["risk"].judgement.value == 5
    again.fields["grading"].judgement.value = again.fields["grading"].judgement.options[0][1]
    again.fields["risk"].judgement.value = again.fields["risk"].judgement.options[0][1]
    moderation = store.find_audit(submitted)["moderation"]
    assert "grade" not in moderation.get("grading", {}) and "score" not in moderation["risk"]
    last = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    assert _chosen_words(last.fields["grading"].judgement) == agree
    assert _chosen_words(last.fields["risk"].judgement) == agree


@pytest.mark.parametrize("decision", ["finalise", "return"])
def test_the_figures_at_the_top_follow_the_store(store, submitted, decision):
    """"N grades moderated" counts each grade as it is saved, and after a return or a
    finalisation still says what the store holds (it said 0 after finalising)."""
    page = ModerationWorkbook(store, submitted, user="mo", save_delay=0)
    assert "0 grades moderated so far" in page.title.value
    page.fields["risk"].judgement.value = 5
    assert "1 grade moderated so far" in page.title.value
    page.fields["grading"].judgement.value = "good"
    assert "2 grades moderated so far" in page.title.value
    page.fields["grading"].judgement.value = "agree"
    assert "1 grade moderated so far" in page.title.value
    page.fields["grading"].judgement.value = "inadequate"
    if decision == "finalise":
        page.finalise_button.click()
        page.confirm_finalise_button.click()
    else:
        page.return_reason.value = "Please revisit risk"
        page.return_button.click()
        page.confirm_return_button.click()
    assert store.find_audit(submitted)["status"] != "submitted"
    assert "2 grades moderated." in page.title.value, page.title.value
    assert page.title in page.widget.children[1].children  # the figure shown is this one
