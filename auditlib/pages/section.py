"""One section of the auditor's workbook: its judgement, guidance and descriptors, criteria,
flags and narratives, the moderator's view once returned, and its grade as graded live. Also the
judgement control the moderator's page uses for its own view of a section.

The guidance is folded away once read: open on a section not started, closed on one already
begun, decided when the page is built (never snapped shut while someone reads it). After a
blocked Submit each field still to put right says so at the field (GOV.UK's error message).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from auditlib.framework import Section
from auditlib.grading import Grading
from auditlib.pages.html import bullets, e
from auditlib.record import moderated_grade
from auditlib.rules import filled
from auditlib.scales import NOT_APPLICABLE
from auditlib.store import CLEAR

if TYPE_CHECKING:  # the workbook holds its sections; a section calls back to save
    from auditlib.pages.audit import AuditWorkbook

NOT_SCORED = "not_scored"


@dataclass(frozen=True)
class Problem:
    """Something to put right before submitting: the words said at the field, the section it
    is in (its heading's anchor), the field's widget (None: said under the heading) and what a
    link to it focuses (a CSS selector)."""

    section_id: str | None
    message: str
    control: w.Widget | None = None
    focus: str | None = None
    kind: str = "missing"  # "criterion" (counted in the error summary), "rule" (on its own)


def lower_first(text: str) -> str:
    """"Evidence" → "evidence", but "ID" stays "ID"."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def section_entered(record: dict[str, Any], section: Section) -> bool:
    """Has anything of ``section`` been entered: a judgement, a criterion's grade, a tick, a
    narrative, an action (for the actions section)?"""
    answers = record.get("answers") or {}
    answer = answers.get(section.id) or {}
    return (answer.get("score") is not None or answer.get("grade") is not None
            or any((answer.get("flags") or {}).values())
            or any(filled(answer.get(n.id)) for n in section.narratives)
            or any((answers.get(c.id) or {}).get("grade") is not None
                   for c in section.criteria)
            or (section.kind == "actions" and any(
                a.get("action") or a.get("owner") or a.get("due")
                for a in record.get("actions") or [])))


def judgement_control(section: Section, description: str, value: Any,
                      none_yet: tuple[str, Any] | None, not_applicable: bool) -> w.ValueWidget:
    """A judgement on ``section``'s scale: a score from a list (a 0-10 scale) or a grade from
    radio buttons, the choice ``none_yet`` (label, value) before them and "Not applicable"
    after them if ``not_applicable``. With ``none_yet``, a ``value`` of None chooses it: a
    control showing no choice would say nothing was chosen, to the eye and to a screen reader
    (so ``none_yet``'s value is a word, never None)."""
    scale = section.scale
    if none_yet is not None and value is None:
        value = none_yet[1]
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
        # tabindex -1: a jump link (the summary's, "Next section") moves focus here, not only
        # the view, so the next Tab goes on into this section
        parts: list[w.Widget] = [w.HTML(f"<h2 id='aw-h-{e(section.id)}' tabindex='-1' "
                                        f"class='aw-section-heading'>{e(number)}"
                                        f"{e(section.title)}</h2>")]
        # read before starting, folded away once begun (decided now, never while reading)
        self.guidance_open = not section_entered(workbook.record, section)
        guidance = self._guidance_html()
        if guidance:
            parts.append(w.HTML(guidance))
        if section.scale is not None and section.kind != "criteria":
            self.judgement = self._judgement_control(answer)
            parts.append(self.judgement)
            if section.descriptors:
                parts.append(w.HTML(self._descriptors_html(section.descriptors,
                                                           open_=self.guidance_open)))
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
        self.parts = parts
        self.error_boxes: dict[int, w.HTML] = {}  # made when first needed, one per field
        self.widget = w.VBox(parts, layout=w.Layout(width="100%"))
        self.widget.add_class("aw-section")
        self.widget.add_class(f"aw-section-{section.id}")

    # -- building

    def _guidance_html(self) -> str:
        s = self.section
        opened = " open" if self.guidance_open else ""
        out = []
        if s.guidance:
            out.append(f"<details{opened}><summary>Guidance</summary>"
                       f"{bullets(s.guidance)}</details>")
        if s.areas_to_consider:
            out.append(f"<details{opened}><summary>Areas to consider</summary>"
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

    # -- what is left to do (shown after a blocked Submit)

    def _required_narratives(self) -> list[str]:
        """The narratives the framework's rules require of this section once it is judged."""
        fw, out = self.workbook.framework, []
        for rule in fw.rules:
            if rule.kind != "narrative_required":
                continue
            targets = rule.params.get("sections") or [s.id for s in fw.sections if s.scale]
            if self.section.id in targets:
                out += [n for n in rule.params["narratives"] if n not in out]
        return out

    def missing_fields(self, result: Grading) -> list[Problem]:
        """What of this section stops the audit being complete, field by field."""
        s, record = self.section, self.workbook.record
        answers = record["answers"]
        answer = answers.get(s.id) or {}
        g = result.sections.get(s.id)
        na = bool(g and g.not_applicable) or answer.get("grade") == NOT_APPLICABLE
        out: list[Problem] = []

        def field(message: str, control: w.Widget | None, focus: str | None,
                  kind: str = "missing") -> None:
            out.append(Problem(s.id, message, control, focus, kind))
        judged = f".aw-grade-{s.id} {'select' if s.scale and s.scale.numeric else 'input'}"
        if s.id == self.workbook.overall_id:
            if result.chosen is None:
                field("Select the overall grade", self.judgement, judged)
        elif s.kind == "criteria":
            for c in () if na else s.criteria:
                if (answers.get(c.id) or {}).get("grade") is None:
                    field(f"Select a grade for “{c.title}”", self.criteria[c.id],
                          f".aw-grade-{c.id} input", "criterion")
        elif s.scale is not None and (g is None or (g.grade is None and not g.not_applicable)):
            field("Select a score" if s.scale.numeric else "Select a judgement",
                  self.judgement, judged)
        required = [] if na else self._required_narratives()
        if s.scale is None and s.kind != "actions" and s.narratives and not any(
                filled(answer.get(n.id)) for n in s.narratives):
            required = required or [s.narratives[0].id]
        for narrative in s.narratives:
            if narrative.id in required and not filled(answer.get(narrative.id)):
                label = narrative.label
                field(f"Answer “{label}”" if label.endswith("?") else
                      f"Enter the {lower_first(label)}", self.narratives[narrative.id],
                      f".aw-{narrative.id}-{s.id} textarea")
        if not out:
            field("Complete this section", None, None)
        return out

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem said at its field (GOV.UK's error message, a red bar beside the field
        and its message); one with no field of its own under the heading."""
        children: list[w.Widget] = []
        loose = [p.message for p in problems
                 if not any(p.control is part for part in self.parts)]
        for i, part in enumerate(self.parts):
            said = [p.message for p in problems if p.control is part]
            if said:
                children.append(self._error_box(id(part), said))
                part.add_class("aw-field-error")
            else:
                part.remove_class("aw-field-error")
            children.append(part)
            if i == 0 and loose:
                children.append(self._error_box(0, loose))
        if tuple(children) != tuple(self.widget.children):
            self.widget.children = children

    def _error_box(self, key: int, messages: list[str]) -> w.HTML:
        box = self.error_boxes.get(key)
        if box is None:
            box = self.error_boxes[key] = w.HTML()
            box.add_class("aw-error-message-box")
        box.value = "".join(f"<p class='aw-error-message'><span class='aw-visually-hidden'>"
                            f"Error: </span>{e(m)}</p>" for m in messages)
        return box

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
