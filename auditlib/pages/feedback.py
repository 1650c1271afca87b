"""What the auditor's workbook tells the auditor about submitting: why Submit is not available
(beside the button), what the moderator said on a returned audit (at the top, and beside each
field), and the moderation checks, run before submitting.

    workbook.summary.submit_reason.value     # "Submit is not available: 3 fields to complete…"
    workbook.feedback.widget                 # "Returned by mo on 2026-11-23: Please revisit…"
    workbook.summary.check_button.click()    # the moderation checks, in words
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from auditlib.grading import Grading
from auditlib.pages.html import e

if TYPE_CHECKING:  # the workbook holds these panels; they read its record and framework
    from auditlib.pages.audit import AuditWorkbook


def field_name(workbook: AuditWorkbook, where: str) -> tuple[str, str | None]:
    """(the words for a field, its heading's anchor or None) for a finding's or check's
    ``where`` ("risk", "actions[0]", "header.team")."""
    fw = workbook.framework
    item = where.split("[")[0].split(".")[0]
    if item == "actions":
        section = next((s for s in fw.sections if s.kind == "actions"), None)
        n = where.split("[")[1].split("]")[0] if "[" in where else ""
        words = f"Action {int(n) + 1}" if n.isdigit() else "Actions"
        return words, section.id if section is not None else None
    section = fw.section_by_id.get(item)
    if section is None:
        for s in fw.sections:  # a criterion: named by its section
            if any(c.id == item for c in s.criteria):
                criterion = next(c for c in s.criteria if c.id == item)
                return f"{s.number + '. ' if s.number else ''}{criterion.title}", s.id
        return ("About this audit" if item == "header" else item), None
    return f"{section.number + '. ' if section.number else ''}{section.title.rstrip('.')}", \
        section.id


def _link(workbook: AuditWorkbook, where: str) -> str:
    words, anchor = field_name(workbook, where)
    return f"<a href='#aw-h-{e(anchor)}'>{e(words)}</a>" if anchor else e(words)


def submit_blockers(workbook: AuditWorkbook, result: Grading) -> tuple[str, str]:
    """(HTML, plain words) of what stops the auditor submitting; empty words when nothing
    does."""
    if not workbook.editable:
        words = workbook.read_only_reason()
        return f"<p>Submit is not available. {e(words)}</p>", f"Submit is not available. {words}"
    html, plain = [], []
    if not result.complete:
        n = len(result.missing)
        head = f"{n} field{'s' if n != 1 else ''} to complete"
        html.append(f"<p>{head}:</p><ul>" + "".join(f"<li>{_link(workbook, m)}</li>"
                                                    for m in result.missing) + "</ul>")
        plain.append(f"{head}: " + "; ".join(field_name(workbook, m)[0]
                                              for m in result.missing) + ".")
    if result.errors:
        n = len(result.errors)
        head = f"{n} rule{'s' if n != 1 else ''} of the framework broken"
        html.append(f"<p>{head}:</p><ul>" + "".join(
            f"<li>{_link(workbook, f.where)}: {e(f.message)}</li>" for f in result.errors)
            + "</ul>")
        plain.append(f"{head}: " + " ".join(f"{field_name(workbook, f.where)[0]}: {f.message}"
                                           for f in result.errors))
    if not plain:
        return "", ""
    return ("<p><strong>Submit is not available</strong></p>" + "".join(html),
            "Submit is not available. " + " ".join(plain))


def show_submit(workbook: AuditWorkbook, result: Grading) -> None:
    """Enable Submit, or disable it with the reason beside it and as its description."""
    summary = workbook.summary
    html, words = submit_blockers(workbook, result)
    summary.submit_button.disabled = bool(words)
    summary.submit_button.tooltip = words or "Submit the audit for moderation"
    summary.submit_reason.value = (
        f"<div class='aw-submit-reason aw-submit-blocked' role='status'>{html}</div>" if words
        else "<div class='aw-submit-reason' role='status'><p>Ready to submit: every field is "
             "complete and no rule of the framework is broken.</p></div>")


def submit_reason_widget() -> w.HTML:
    widget = w.HTML()
    widget.add_class("aw-submit-reason-box")
    return widget


def _day(at: str) -> str:
    import datetime as _dt

    try:
        when = _dt.datetime.fromisoformat(str(at))
    except ValueError:
        return str(at)
    return f"{when.day} {when:%B %Y}"


def _change_words(workbook: AuditWorkbook, change: dict[str, Any]) -> str:
    """One change since the return, in words: the field, then what of it changed."""
    parts = change["what"].split(".")
    if parts[0] == "answers" and len(parts) >= 3:
        name, _anchor = field_name(workbook, parts[1])
        section = workbook.framework.section_by_id.get(parts[1])
        key = parts[2]
        if key in ("score", "grade"):
            def words(value: Any) -> str:
                if value is None:
                    return "none"
                if key == "grade" and section is not None and section.scale is not None:
                    return section.scale.label(value)
                return str(value)
            return f"{name}: {key} {words(change['old'])} → {words(change['new'])}"
        labels = {n.id: n.label for n in section.narratives} if section is not None else {}
        return f"{name}: {labels.get(key, key.replace('_', ' '))} changed"
    if parts[0] == "header":
        label = next((f.label for f in workbook.framework.header if f.id == parts[-1]),
                     parts[-1])
        return f"About this audit: {label} changed"
    if parts[0] == "actions":
        return "Actions changed"
    return change["what"].replace("_", " ")


class ModeratorFeedback:
    """At the top of a returned audit: who returned it, when and why, every comment and grade
    the moderator gave (each linking to its field, where the same note sits) and what the
    auditor has changed since."""

    def __init__(self, workbook: AuditWorkbook):
        from auditlib.record import moderated_grade

        self.workbook = workbook
        record = workbook.record
        self.returned = workbook.store.find_return_reason(workbook.audit_id)
        notes = []
        for section in workbook.framework.sections:
            moderated = (record.get("moderation") or {}).get(section.id)
            if not moderated:
                continue
            words = []
            if section.scale is not None:
                grade = moderated_grade(record, section)
                if grade is not None:
                    words.append(f"moderator's grade {section.scale.label(grade)}")
            if moderated.get("comment"):
                words.append(f"“{moderated['comment']}”")
            if words:
                notes.append(f"<li>{_link(workbook, section.id)}: {e('; '.join(words))}</li>")
        parts = []
        if self.returned is not None:
            reason = self.returned["reason"] or "no reason was given"
            parts.append(f"<p class='aw-return-summary'>Returned by "
                         f"<strong>{e(self.returned['by'])}</strong> on "
                         f"{e(_day(self.returned['at']))}: <strong>{e(reason)}</strong></p>")
        if notes:
            parts.append("<h3>The moderator's comments</h3><ul class='aw-moderator-comments'>"
                         + "".join(notes) + "</ul>")
        if self.returned is not None:
            changes = self.returned["changes"]
            parts.append("<h3>Changed since the return</h3>" + (
                "<ul>" + "".join(f"<li>{e(_change_words(workbook, c))}</li>" for c in changes)
                + "</ul>" if changes else "<p>Nothing yet, as of when this page was opened.</p>"))
        self.widget = w.HTML(
            "<section class='aw-feedback' aria-labelledby='aw-feedback-title'>"
            "<h2 id='aw-feedback-title'>Moderator's feedback</h2>" + "".join(parts)
            + "</section>" if parts else "")
        self.widget.add_class("aw-feedback-box")


class CheckPanel:
    """"Check my audit": the moderation checks the moderator will see, run by the auditor
    before submitting, listed in words with the field each concerns."""

    def __init__(self, workbook: AuditWorkbook):
        self.workbook = workbook
        self.button = w.Button(description="Check my audit",
                               tooltip="Run the checks the moderator will see (acronyms, the "
                                       "child's voice, SMART actions, spelling…)",
                               layout=w.Layout(width="auto"))
        self.button.add_class("aw-check-audit")
        self.button.on_click(self._on_check)
        self.results = w.HTML()
        self.results.add_class("aw-check-results")
        self.checks: list[Any] = []
        self.widget = w.VBox([self.button, self.results])

    def _on_check(self, _button: Any = None) -> None:
        from auditlib.quality_checks import moderation_checks, uk_speller

        self.workbook.flush()  # what is typed is what is checked, and what the moderator reads
        # the record as the moderator's page reads it, so the auditor sees what they will see
        self.checks = moderation_checks(self.workbook.framework, dict(self.workbook.record),
                                        speller=uk_speller())
        if not self.checks:
            self.results.value = ("<p role='status'>No moderation checks raised: the moderator "
                                  "will see none.</p>")
            return
        n = len(self.checks)
        items = "".join(
            f"<li class='aw-check'><strong>{e(c.level.capitalize())}</strong> at "
            f"{_link(self.workbook, c.where)}: {e(c.message)}</li>" for c in self.checks)
        self.results.value = (f"<p role='status'>{n} moderation check{'s' if n != 1 else ''} "
                              f"raised: the moderator will see {'these' if n != 1 else 'it'}."
                              f"</p><ul>{items}</ul>")
