"""One section of the auditor's workbook: its judgement, guidance and descriptors, criteria,
flags and narratives, the moderator's view once returned, and its grade as graded live. Also the
judgement control the moderator's page uses for its own view of a section."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from auditlib.framework import Section
from auditlib.grading import Grading
from auditlib.pages.html import bullets, e
from auditlib.record import moderated_grade
from auditlib.scales import NOT_APPLICABLE
from auditlib.store import CLEAR

if TYPE_CHECKING:  # the workbook holds its sections; a section calls back to save
    from auditlib.pages.audit import AuditWorkbook

NOT_SCORED = "not_scored"


def judgement_control(section: Section, description: str, value: Any,
                      none_yet: tuple[str, Any] | None, not_applicable: bool) -> w.ValueWidget:
    """A judgement on ``section``'s scale: a score from a list (a 0-10 scale) or a grade from
    radio buttons, the choice ``none_yet`` (label, value) before them and "Not applicable"
    after them if ``not_applicable``."""
    scale = section.scale
    if scale.numeric:
        options = [(f"{n} – {scale.label(scale.grade_for_score(n))}", n)
                   for n in range(scale.max, scale.min - 1, -1)]
    else:
        options = [(scale.label(g), g) for g in scale.levels]
    options = ([none_yet] if none_yet else []) + options + (
        [("Not applicable", NOT_APPLICABLE)] if not_applicable else [])
    if scale.numeric:
        return w.Dropdown(options=options, value=value, description=f"{description} (0-10)",
                          style={"description_width": "initial"})
    return w.RadioButtons(options=options, value=value, description=description,
                          style={"description_width": "initial"}, layout=w.Layout(width="auto"))


class SectionPanel:
    """One section: judgement, guidance and descriptors, criteria, narratives, flags, its grade."""

    def __init__(self, workbook: AuditWorkbook, section: Section):
        self.workbook = workbook
        self.section = section
        answer = workbook.record["answers"].get(section.id, {})
        self.judgement: w.ValueWidget | None = None
        self.criteria: dict[str, w.RadioButtons] = {}
        self.narratives: dict[str, w.Textarea] = {}
        self.flags: dict[str, w.Checkbox] = {}
        number = f"{section.number}. " if section.number else ""
        parts: list[w.Widget] = [w.HTML(f"<h2 id='aw-h-{e(section.id)}'>{e(number)}"
                                        f"{e(section.title)}</h2>")]
        guidance = self._guidance_html()
        if guidance:
            parts.append(w.HTML(guidance))
        if section.scale is not None and section.kind != "criteria":
            self.judgement = self._judgement_control(answer)
            parts.append(self.judgement)
            if section.descriptors:
                parts.append(w.HTML(self._descriptors_html(section.descriptors, open_=True)))
        for criterion in section.criteria:
            control = w.RadioButtons(
                options=[(section.scale.label(g), g) for g in section.scale.levels],
                value=workbook.record["answers"].get(criterion.id, {}).get("grade"),
                description=criterion.title, style={"description_width": "initial"},
                layout=w.Layout(width="auto"))
            control.add_class(f"aw-grade-{criterion.id}")
            control.observe(self._on_criterion_change(criterion.id), names="value")
            self.criteria[criterion.id] = control
            parts.append(w.HTML(f"<h3>{e(criterion.title)}</h3>"))
            parts.append(control)
            if criterion.descriptors:
                parts.append(w.HTML(self._descriptors_html(criterion.descriptors, level=4)))
        if section.kind == "criteria":
            # the auditor may choose the section's grade; the median of the criteria is offered
            self.judgement = self._judgement_control(answer, chosen_label="Section grade "
                                                     "(leave unset to use the suggestion)")
            parts.append(self.judgement)
        for flag in section.flags:
            box = w.Checkbox(value=bool((answer.get("flags") or {}).get(flag.id)),
                             description=flag.label, indent=False,
                             layout=w.Layout(width="auto"))
            box.add_class(f"aw-flag-{flag.id}")
            box.observe(self._on_flag_change(flag.id), names="value")
            self.flags[flag.id] = box
            parts.append(box)
        for narrative in section.narratives:
            box = w.Textarea(value=answer.get(narrative.id) or "", description=narrative.label,
                             placeholder=f"{narrative.label} (saved as you type)",
                             continuous_update=True, rows=4,
                             layout=w.Layout(width="100%"),
                             style={"description_width": "8rem"})
            box.add_class(f"aw-{narrative.id}-{section.id}")
            box.observe(self._on_narrative_change(narrative.id), names="value")
            self.narratives[narrative.id] = box
            parts.append(box)
        moderated = workbook.record.get("moderation", {}).get(section.id) or {}
        if moderated:
            # returned by the moderator: their view sits beside the auditor's, to act on (a
            # field without a grade has only the comment)
            m_grade = moderated_grade(workbook.record, section) if section.scale else None
            said = ([section.scale.label(m_grade) if m_grade else "no change to the grade"]
                    if section.scale is not None else [])
            said += [moderated["comment"]] if moderated.get("comment") else []
            text = f"Moderator ({moderated.get('moderator', '')}): " + ". ".join(said)
            note = w.HTML(f"<p class='aw-banner'>{e(text)}</p>")
            note.add_class(f"aw-moderator-note-{section.id}")
            parts.append(note)
        self.grade_display = w.HTML()
        self.grade_display.add_class(f"aw-section-grade-{section.id}")
        if section.scale is not None:
            parts.append(self.grade_display)
        self.widget = w.VBox(parts, layout=w.Layout(width="100%"))
        self.widget.add_class("aw-section")
        self.widget.add_class(f"aw-section-{section.id}")

    # -- building

    def _guidance_html(self) -> str:
        s = self.section
        out = []
        if s.guidance:
            out.append(bullets(s.guidance))
        if s.areas_to_consider:
            out.append("<details open><summary>Areas to consider</summary>"
                       + bullets(list(s.areas_to_consider)) + "</details>")
        return f"<div class='aw-guidance'>{''.join(out)}</div>" if out else ""

    def _descriptors_html(self, descriptors: dict[str, Any], open_: bool = False,
                          level: int = 3) -> str:
        scale = self.section.scale
        cards = []
        for grade_id in scale.levels:
            if grade_id in descriptors:
                band = next((b.label for b in scale.bands if b.grade == grade_id), "")
                heading = scale.label(grade_id) + (f" ({band.lower()})" if band else "")
                cards.append(f"<div class='aw-descriptor'><h{level}>{e(heading)}</h{level}>"
                             f"{bullets(descriptors[grade_id])}</div>")
        return (f"<details{' open' if open_ else ''}><summary>What each grade looks like"
                f"</summary><div class='aw-descriptors'>{''.join(cards)}</div></details>")

    def _judgement_control(self, answer: dict[str, Any], chosen_label: str | None = None
                           ) -> w.ValueWidget:
        s = self.section
        workbook = self.workbook
        label = chosen_label or ("Overall grade" if s.id == workbook.overall_id else "Judgement")
        if s.scale.numeric:
            value = answer.get("score", NOT_SCORED)
            if answer.get("grade") == NOT_APPLICABLE:
                value = NOT_APPLICABLE
            control = judgement_control(s, label, value, ("Not scored yet", NOT_SCORED),
                                        s.not_applicable)
        else:
            control = judgement_control(s, label, answer.get("grade"), None, s.not_applicable)
        control.add_class(f"aw-grade-{s.id}")
        control.observe(self._on_judgement_change, names="value")
        return control

    # -- handlers

    def _on_judgement_change(self, change: dict[str, Any]) -> None:
        value = change["new"]
        s = self.section
        if s.scale.numeric:
            if value == NOT_SCORED:
                kwargs = {"score": CLEAR, "grade": CLEAR}
            elif value == NOT_APPLICABLE:
                kwargs = {"score": CLEAR, "grade": NOT_APPLICABLE}
            else:
                kwargs = {"score": value, "grade": CLEAR}
        else:
            kwargs = {"grade": CLEAR if value is None else value}
        self.workbook.save(s.id, now=True, **kwargs)

    def _on_criterion_change(self, criterion_id: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            value = change["new"]
            self.workbook.save(criterion_id, now=True, grade=CLEAR if value is None else value)
        return handler

    def _on_flag_change(self, flag_id: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            self.workbook.save(self.section.id, now=True, flags={flag_id: bool(change["new"])})
        return handler

    def _on_narrative_change(self, narrative_id: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            text = change["new"]
            self.workbook.save(self.section.id, now=False, key=f"{self.section.id}.{narrative_id}",
                               narratives={narrative_id: text if text else CLEAR})
        return handler

    def controls(self) -> list[w.Widget]:
        return ([self.judgement] if self.judgement is not None else []) + \
            list(self.criteria.values()) + list(self.flags.values()) + \
            list(self.narratives.values())

    def show_grade(self, result: Grading) -> None:
        g = result.sections.get(self.section.id)
        if self.section.id == self.workbook.overall_id:
            text = f"Overall grade chosen: {g.label if g else 'Not graded'}"
        elif g is None:
            return
        else:
            text = f"Section grade: {g.label}"
            if g.score is not None:
                text += f" (score {g.score})"
            if g.suggested is not None:
                text += f". Suggested from the criteria: {self.section.scale.label(g.suggested)}"
        self.grade_display.value = f"<p class='aw-section-grade'>{e(text)}</p>"
