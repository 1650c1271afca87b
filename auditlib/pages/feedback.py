"""What the auditor's workbook tells the auditor about submitting: why the audit is not ready
(beside the button), what is wrong, after a Submit that could not go (GOV.UK's error summary at
the top, and the same words at each field), what the moderator said on a returned audit (at the
top, and beside each field), and the moderation checks, run before submitting.

    workbook.summary.submit_reason.value     # "Not ready to submit yet: 3 fields to complete…"
    workbook.summary.submit_button.click()   # incomplete: "There is a problem", with links
    workbook.errors.widget.value             # that error summary
    workbook.feedback.widget                 # "Returned by mo on 2026-11-23: Please revisit…"
    workbook.summary.check_button.click()    # the moderation checks, in words

Submit stays enabled while the audit can be edited (GOV.UK: a disabled button says nothing
about why); pressing it on an audit not ready shows the error summary, which takes focus (the
template's script), and submits nothing. On a read-only audit it is disabled, with the reason.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from auditlib.grading import Grading
from auditlib.pages.html import e
from auditlib.pages.section import Problem, lower_first

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
    return ("<p><strong>Not ready to submit yet</strong></p>" + "".join(html),
            "Not ready to submit yet. " + " ".join(plain))


def show_submit(workbook: AuditWorkbook, result: Grading) -> None:
    """Submit enabled while the audit can be edited, disabled on a read-only one; what stops
    it beside it and as its description."""
    summary = workbook.summary
    html, words = submit_blockers(workbook, result)
    summary.submit_button.disabled = not workbook.editable
    summary.submit_button.tooltip = words or "Submit the audit for moderation"
    summary.submit_reason.value = (
        f"<div class='aw-submit-reason aw-submit-blocked' role='status'>{html}</div>" if words
        else "<div class='aw-submit-reason' role='status'><p>Ready to submit: every field is "
             "complete and no rule of the framework is broken.</p></div>")


def problems(workbook: AuditWorkbook, result: Grading) -> list[Problem]:
    """Everything that stops the audit being submitted, field by field: what is missing, then
    each rule of the framework broken (said at the section's judgement)."""
    out: list[Problem] = []
    for sid in result.missing:
        panel = workbook.sections.get(sid)
        out += panel.missing_fields(result) if panel is not None else [
            Problem(sid, "Complete this section")]
    for finding in result.errors:
        anchor = field_name(workbook, finding.where)[1]
        panel = workbook.sections.get(anchor) if anchor else None
        control = panel.judgement if panel is not None and finding.where == anchor else None
        focus = None
        if control is not None:
            scale = panel.section.scale
            focus = f".aw-grade-{anchor} {'select' if scale.numeric else 'input'}"
        if all(p.message != finding.message for p in out):
            out.append(Problem(anchor, finding.message, control, focus, "rule"))
    return out


class ErrorSummary:
    """GOV.UK's error summary, at the top of the form: "There is a problem" and a link to each
    field to put right. Shown when Submit is pressed on an audit not ready (and by "Check my
    audit"), never on opening an audit; then each problem put right leaves it, and it goes
    when none is left. It says nothing new while shown: a problem that appears later waits
    for the next Submit."""

    def __init__(self, workbook: AuditWorkbook):
        self.workbook = workbook
        self.widget = w.HTML()
        self.widget.add_class("aw-error-summary-box")
        self.shown: list[tuple[str | None, str]] = []  # (section, message) of each shown
        self.presses = 0  # each Submit moves focus to the summary once (data-aw-show)

    def show(self, result: Grading, focus: bool) -> None:
        found = problems(self.workbook, result)
        self.shown = [(p.section_id, p.message) for p in found]
        self.presses += focus
        self._render(found)

    def update(self, result: Grading) -> None:
        """After a change: drop what has been put right."""
        if not self.shown:
            return
        found = [p for p in problems(self.workbook, result)
                 if (p.section_id, p.message) in self.shown]
        self.shown = [(p.section_id, p.message) for p in found]
        self._render(found)

    def _item(self, sid: str | None, group: list[Problem]) -> str:
        """One line of the error summary: the section's name, what to do, a link to the first
        field concerned."""
        words = field_name(self.workbook, sid)[0] if sid else ""
        criteria = [p for p in group if p.kind == "criterion"]
        said = [lower_first(p.message.removeprefix(f"{words}: ")) for p in group
                if p.kind != "criterion"]
        if len(criteria) > 1:
            said.insert(0, f"select a grade for each of {len(criteria)} criteria")
        elif criteria:
            said.insert(0, lower_first(criteria[0].message))
        text = (f"{words}: " if words else "") + "; ".join(said)
        if group[0].kind == "rule":
            text = group[0].message if group[0].message.startswith(words) else \
                f"{words}: {group[0].message}"
        target = next((p.focus for p in group if p.focus), None)
        attrs = f" data-aw-focus='{e(target)}'" if target else ""
        return (f"<li><a href='#aw-h-{e(sid)}'{attrs}>{e(text)}</a></li>" if sid
                else f"<li>{e(text)}</li>")

    def _render(self, found: list[Problem]) -> None:
        by_section: dict[str | None, list[Problem]] = {}
        for p in found:
            by_section.setdefault(p.section_id, []).append(p)
        for sid, panel in self.workbook.sections.items():
            panel.show_problems(by_section.get(sid, []))
        if not found:
            self.widget.value = ""
            return
        items = []
        for sid, group in by_section.items():
            # one link a section for what is missing (criteria counted), one a broken rule
            missing = [p for p in group if p.kind != "rule"]
            for part in ([missing] if missing else []) + [[p] for p in group if p.kind == "rule"]:
                items.append(self._item(sid, part))
        # the template's script focuses the summary when data-aw-show is new: after a Submit,
        # not after each field put right
        show = f" data-aw-show='{self.presses}'" if self.presses else ""
        self.widget.value = (
            f"<div class='aw-error-summary' tabindex='-1'{show} "
            "aria-labelledby='aw-error-summary-title'><div role='alert'>"
            "<h2 class='aw-error-summary-title' id='aw-error-summary-title'>There is a problem"
            "</h2><p>The audit cannot be submitted until these are put right:</p>"
            "<ul class='aw-error-summary-list'>" + "".join(items) + "</ul></div></div>")


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
        # what stops submitting, too: in the error summary at the top and at each field
        # (focus stays here, with these results)
        result = self.workbook.result
        blocked = self.workbook.editable and (not result.complete or bool(result.errors))
        if blocked:
            self.workbook.errors.show(result, focus=False)
        also = ("<p>Not ready to submit yet: what to put right is listed under “There is a "
                "problem” at the top of the form.</p>" if blocked else "")
        if not self.checks:
            self.results.value = ("<div role='status'><p>No moderation checks raised: the "
                                  f"moderator will see none.</p>{also}</div>")
            return
        n = len(self.checks)
        items = "".join(
            f"<li class='aw-check'><strong>{e(c.level.capitalize())}</strong> at "
            f"{_link(self.workbook, c.where)}: {e(c.message)}</li>" for c in self.checks)
        self.results.value = (f"<div role='status'><p>{n} moderation check"
                              f"{'s' if n != 1 else ''} raised: the moderator will see "
                              f"{'these' if n != 1 else 'it'}.</p>{also}</div><ul>{items}</ul>")
