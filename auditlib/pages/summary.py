"""The workbook's summary, which stays in view: the save state, the overall grades (chosen,
suggested, allowed), completeness, Submit and why it cannot go yet, the auditor's own checks,
each section as a task-list row (GOV.UK's task list) and the findings.

Each row links to its section's heading and says its status in words, never colour alone:
"Not started" (nothing entered), "In progress" (something entered, something still to do or a
rule broken) or "Completed" (nothing of it missing), with its grade in words once graded.

    workbook.summary.sections.value       # the task list
    section_status(workbook, section, result)   # "In progress"
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from auditlib.framework import Section
from auditlib.grading import Grading
from auditlib.pages.feedback import CheckPanel, field_name, submit_reason_widget
from auditlib.pages.html import e
from auditlib.pages.section import section_entered

if TYPE_CHECKING:  # the workbook holds its summary; the summary reads its record and framework
    from auditlib.pages.audit import AuditWorkbook

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"


def section_status(workbook: AuditWorkbook, section: Section, result: Grading) -> str:
    """A section's status in words, from what is entered and what the grading says is missing
    or broken."""
    if not section_entered(workbook.record, section):
        return NOT_STARTED
    broken = any(field_name(workbook, f.where)[1] == section.id for f in result.errors)
    return IN_PROGRESS if section.id in result.missing or broken else COMPLETED


def grade_words(workbook: AuditWorkbook, section: Section, result: Grading) -> str:
    """"Grade: Good (score 7)", "Not applicable", or "" while not graded."""
    g = result.sections.get(section.id)
    if g is None:
        return ""
    if g.not_applicable:
        return "Not applicable"
    if g.grade is None:
        return ""
    kind = "Overall grade" if section.id == workbook.overall_id else "Grade"
    return f"{kind}: {g.label}" + (f" (score {g.score})" if g.score is not None else "")


class SummaryPanel:
    """Stays in view: the overall (chosen, suggested, allowed), completeness, Submit, the
    sections as a task list, findings with the source sentence behind each, the save state."""

    def __init__(self, workbook: AuditWorkbook):
        self.workbook = workbook
        self.save_status = w.HTML()
        self.save_status.add_class("aw-save-status")
        self.sections = w.HTML()
        self.sections.add_class("aw-tasks")
        self.suggested = w.HTML()
        self.suggested.add_class("aw-overall-suggested")
        self.allowed = w.HTML()
        self.allowed.add_class("aw-overall-allowed")
        self.completeness = w.HTML()
        self.completeness.add_class("aw-completeness")
        self.findings = w.HTML()
        self.findings.add_class("aw-findings")
        self.submit_button = w.Button(description="Submit for moderation",
                                      tooltip="Submit the audit for moderation",
                                      layout=w.Layout(width="auto"))
        self.submit_button.add_class("aw-submit")
        self.submit_button.on_click(workbook._on_submit)
        # why the audit cannot be submitted yet, right under the button (and its description)
        self.submit_reason = submit_reason_widget()
        # the moderation checks, run by the auditor before submitting
        self.check = CheckPanel(workbook)
        self.check_button = self.check.button
        # the last section's "Go to the summary" lands on this heading (tabindex -1: focus)
        self.widget = w.VBox([
            w.HTML("<h2 id='aw-summary-heading' tabindex='-1'>Summary</h2>"), self.save_status,
            self.suggested, self.allowed, self.completeness, self.submit_button,
            self.submit_reason, self.check.widget, self.sections, self.findings])
        self.widget.add_class("aw-summary")

    def show(self, result: Grading) -> None:
        fw = self.workbook.framework
        if fw.overall is not None:
            scale = fw.overall.scale
            note = f"<br><small>{e(fw.overall.suggest_note)}</small>" \
                if fw.overall.suggest_note else ""
            self.suggested.value = (f"<p>Chosen overall: <strong>{e(scale.label(result.chosen))}"
                                    f"</strong><br>Suggested overall: <strong>"
                                    f"{e(scale.label(result.suggested))}</strong>{note}</p>")
            allowed = ", ".join(scale.label(g) for g in result.allowed) or "none"
            self.allowed.value = f"<p>Allowed overall grades: <strong>{e(allowed)}</strong></p>"
        self.sections.value = self._tasks(result)
        self.completeness.value = (f"<p>{result.done} of {result.total} fields complete"
                                   + ("" if result.complete else
                                      f" (to do: {e(', '.join(self._names(result.missing)))})")
                                   + "</p>")
        items = []
        for f in result.findings:
            source = f"<blockquote>Source: “{e(f.source.strip())}”</blockquote>" \
                if f.source else ""
            items.append(f"<li class='aw-finding aw-finding-{e(f.level)}'><strong>"
                         f"{e(f.level.capitalize())}:</strong> {e(f.message)}{source}</li>")
        self.findings.value = ("<h3>Findings</h3>" + (
            "<ul>" + "".join(items) + "</ul>" if items else "<p>No findings.</p>"))

    def _tasks(self, result: Grading) -> str:
        """GOV.UK's task list: each section's name as a link to it, its status in words (the
        link's description), its grade once graded; optional sections say so."""
        fw = self.workbook.framework
        required = {s.id for s in fw.completeness_sections}
        rows = []
        for section in fw.sections:
            status = section_status(self.workbook, section, result)
            sid = e(section.id)
            number = f"{section.number}. " if section.number else ""
            hint = grade_words(self.workbook, section, result)
            if section.id not in required:
                hint = "Optional" + (f". {hint}" if hint else "")
            tag = {NOT_STARTED: "aw-tag-not-started", IN_PROGRESS: "aw-tag-in-progress",
                   COMPLETED: "aw-tag-completed"}[status]
            rows.append(
                f"<li class='aw-task aw-task-{sid}'><div class='aw-task-name'>"
                f"<a href='#aw-h-{sid}' aria-describedby='aw-task-{sid}-status'>{e(number)}"
                f"{e(section.title.rstrip('.'))}</a>"
                + (f"<div class='aw-task-hint'>{e(hint)}</div>" if hint else "")
                + f"</div><div class='aw-task-status' id='aw-task-{sid}-status'>"
                f"<strong class='aw-tag {tag}'>{status}</strong></div></li>")
        return ("<h3 id='aw-tasks-heading'>Sections</h3><ul class='aw-task-list' "
                "aria-labelledby='aw-tasks-heading'>" + "".join(rows) + "</ul>")

    def _names(self, ids: list[str]) -> list[str]:
        fw = self.workbook.framework
        return [(f"section {fw.section_by_id[i].number}" if fw.section_by_id[i].number
                 else fw.section_by_id[i].title) for i in ids]
