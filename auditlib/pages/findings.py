"""A finalised audit in words, read-only, for the people whose case it is: its findings (each
section's final grade, the moderator's where they changed it, with their comment, and what the
auditor wrote), and its actions' dates and state as the store counts them.

Used by :mod:`auditlib.pages.practice`; nothing here touches widgets or the store.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from auditlib.dates import is_calendar_date
from auditlib.pages.html import bullets, e
from auditlib.record import moderated_grade


def date_words(iso: Any) -> str:
    """``2026-03-05`` as "5 March 2026" (anything else as it is)."""
    try:
        day = _dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{day.day} {day:%B %Y}"


def month_words(month: str | None) -> str:
    try:
        return f"{_dt.date.fromisoformat(f'{month}-01'):%B %Y}"
    except (TypeError, ValueError):
        return month or "No month"


def counted(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")


def actions_words(open_actions: int, overdue: int) -> str:
    """"2 actions open, 1 overdue", "No actions open"."""
    if not open_actions:
        return "No actions open"
    return f"{counted(open_actions, 'action')} open" + (f", {overdue} overdue" if overdue else "")


def is_overdue(action: dict[str, Any], today: _dt.date) -> bool:
    """As the store counts it: neither signed off nor marked done (done, it waits for its
    sign-off), and due before ``today``, or with no calendar date to follow it up by."""
    if action.get("signed_off") or action.get("done_on"):
        return False
    due = action.get("due") or ""
    if is_calendar_date(due):
        return due < today.isoformat()
    return bool((action.get("action") or "").strip())


def final_overall_words(framework: Any, record: dict[str, Any]) -> str:
    """The audit's overall grade in words as moderation left it: the moderator's where they
    changed it, else the auditor's."""
    from auditlib.month.report import final_overall

    if framework.overall is None:
        return "No overall grade"
    section = framework.section_by_id[framework.overall.section]
    return section.scale.label(final_overall(framework, record))


def findings_html(framework: Any, record: dict[str, Any], grading: Any) -> str:
    """The findings, read-only: the overall grade, then each section's final grade in words
    (the moderator's with their comment where they changed it) and what the auditor wrote."""
    parts = [f"<p>Overall grade: <strong>{e(final_overall_words(framework, record))}</strong>"]
    overall_id = framework.overall.section if framework.overall else None
    if overall_id and moderated_grade(record, framework.section_by_id[overall_id]):
        parts.append(" (the moderator's grade)")
    parts.append("</p>")
    for section in framework.sections:
        if section.kind == "actions":
            continue  # the actions have their own part of the page
        answer = record["answers"].get(section.id, {})
        moderated = (record.get("moderation") or {}).get(section.id) or {}
        number = f"{section.number}. " if section.number else ""
        out = [f"<h3>{e(number)}{e(section.title)}</h3>"]
        if section.scale is not None and section.id != overall_id:
            result = grading.sections.get(section.id)
            auditors = result.label if result is not None else "Not graded"
            score = f" (score {answer['score']})" if answer.get("score") is not None else ""
            changed = moderated_grade(record, section)
            if changed is not None:
                mod_score = (f" (score {moderated['score']})"
                             if moderated.get("score") is not None else "")
                out.append(f"<p>Grade: <strong>{e(section.scale.label(changed))}"
                           f"{e(mod_score)}</strong>, the moderator's grade. The auditor gave "
                           f"{e(auditors)}{e(score)}.</p>")
            else:
                out.append(f"<p>Grade: <strong>{e(auditors)}{e(score)}</strong></p>")
        if moderated.get("comment"):
            out.append(f"<p class='aw-moderated'>The moderator's comment: "
                       f"“{e(moderated['comment'])}”</p>")
        written = [(n.label, answer[n.id]) for n in section.narratives if answer.get(n.id)]
        for label, text in written:
            out.append(f"<h4>{e(label)}</h4><div class='aw-narrative'>{bullets(text)}</div>")
        if len(out) == 1:
            out.append("<p>Nothing written.</p>")
        parts.append(f"<div class='aw-finding-section'>{''.join(out)}</div>")
    return "".join(parts)
