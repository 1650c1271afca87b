"""What a hostile page script can still send: widget messages. A ``comm_msg`` can set any
value on any widget of the page and "click" any button, disabled or not. Each is delivered here
exactly as the kernel delivers it (``Widget._handle_msg``), and the store refuses what the
person may not do: the page's disabled controls are a convenience, never the gate."""
from __future__ import annotations

import contextlib

from auditlib.pages.audit import AuditWorkbook
from auditlib.pages.moderation import ModerationWorkbook


def set_value(widget, value) -> None:
    """A ``comm_msg`` from the browser setting a widget's value (a choice is sent as the
    option's index, as the browser does; a hostile ``index=`` is sent as it is)."""
    if "index" in widget.keys:
        values = [v for _label, v in widget._options_full] if hasattr(widget, "_options_full") \
            else list(widget.options)
        state = {"index": values.index(value) if value in values else value}
    else:
        state = {"value": value}
    widget._handle_msg({"content": {"data": {"method": "update", "state": state,
                                             "buffer_paths": []}}, "buffers": []})


def click(button) -> None:
    """A ``comm_msg`` from the browser clicking a button, disabled or not."""
    button._handle_msg({"content": {"data": {"method": "custom",
                                             "content": {"event": "click"}}}, "buffers": []})


def _snapshot(store, audit_id):
    record = store.find_audit(audit_id)
    return record["status"], record["version"], record["answers"], record["moderation"], \
        len(store.history(audit_id))


def test_the_auditor_cannot_edit_a_submitted_audit_by_message(store, submitted):
    page = AuditWorkbook(store, submitted, user="ash", save_delay=0)
    before = _snapshot(store, submitted)
    set_value(page.sections["risk"].narratives["evidence"], "Rewritten after submission.")
    set_value(page.sections["risk"].judgement, 1)
    click(page.summary.submit_button)
    page.flush()
    assert _snapshot(store, submitted) == before


def test_the_moderator_cannot_edit_the_auditors_answers_by_message(store, submitted):
    page = AuditWorkbook(store, submitted, user="mo", save_delay=0)  # read-only for mo
    before = _snapshot(store, submitted)
    set_value(page.sections["risk"].narratives["evidence"], "Changed by the moderator.")
    set_value(page.sections["outcomes"].judgement, 0)
    page.flush()
    assert _snapshot(store, submitted) == before


def test_the_auditor_cannot_moderate_or_finalise_their_own_audit_by_message(store, submitted):
    page = ModerationWorkbook(store, submitted, user="ash", save_delay=0)  # reads the notes
    before = _snapshot(store, submitted)
    set_value(page.fields["risk"].judgement, 9)
    set_value(page.fields["risk"].comment, "Self-moderated.")
    set_value(page.return_reason, "Returning to myself.")
    click(page.finalise_button)
    click(page.return_button)
    page.flush()
    assert _snapshot(store, submitted) == before


def test_an_incomplete_audit_cannot_be_submitted_by_message(store):
    audit = store.add_audit(framework="scaled-social-care", child_id="C2", auditor="ash",
                            user="lead")
    page = AuditWorkbook(store, audit, user="ash", save_delay=0)
    # Submit is pressable while the audit can change (GOV.UK): pressing it says what is left
    click(page.summary.submit_button)
    assert store.find_audit(audit)["status"] == "in_progress"
    assert "There is a problem" in page.errors.widget.value


def test_a_grade_outside_the_scale_is_refused_by_message(store):
    audit = store.add_audit(framework="scaled-social-care", child_id="C3", auditor="ash",
                            user="lead")
    page = AuditWorkbook(store, audit, user="ash", save_delay=0)
    before = _snapshot(store, audit)
    for hostile in (999, -1, "outstanding'; DROP TABLE audits; --", 10**40, None, [1, 2]):
        # the widget itself may refuse the value: equally fine
        with contextlib.suppress(Exception):
            set_value(page.sections["risk"].judgement, hostile)
    page.flush()
    status, _version, answers, _moderation, _rows = _snapshot(store, audit)
    assert status == before[0]
    assert answers.get("risk", {}).get("score") in (None, *range(11))


def test_a_message_reaches_the_page_like_typing(store):
    """The control for the tests above: the same message on an editable page is saved, so a
    refusal above is the store's, not a message that never arrived."""
    audit = store.add_audit(framework="scaled-social-care", child_id="C4", auditor="ash",
                            user="lead")
    page = AuditWorkbook(store, audit, user="ash", save_delay=0)
    set_value(page.sections["risk"].narratives["evidence"], "Typed through a message.")
    set_value(page.sections["risk"].judgement, 6)
    page.flush()
    assert store.find_audit(audit)["answers"]["risk"] == {
        "score": 6, "evidence": "Typed through a message."}
    clicked = []
    page.summary.submit_button.on_click(clicked.append)
    click(page.summary.submit_button)  # disabled (incomplete), yet the click arrives
    assert clicked
