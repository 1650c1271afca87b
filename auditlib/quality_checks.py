"""Moderation checks: what a moderator sees against each field of an audit. Pure functions, no I/O.

:func:`moderation_checks` reads an audit record (a plain dict in the JSON interchange format) with
its :class:`~auditlib.framework.Framework` and returns :class:`Check` items, each naming the field
in the moderator's words, quoting the offending words where useful, and carrying the sentence of
the guidance it comes from (``source``, quoted word for word from ``source_document``, a file in
``frameworks/sources/``).

The grading engine (:mod:`auditlib.grading`) says what a framework's *rules* imply; these checks
say what the moderation guidance asks a moderator to look for in the *writing*:

=================================  =======  =====================================================
check                              level    what it looks for
=================================  =======  =====================================================
``empty-evidence``                 warning  a judged field whose Evidence box is empty
``empty-impact``                   warning  a judged field whose Impact box is empty
``impact-never-names-child``       warning  the Impact never names the child (``child_name``)
                                   info     ... never refers to a child at all (no name given)
``initials-instead-of-name``       warning  ``J.S.``, ``Mr B``, ``Child A``, or an unexplained
                                            two- or three-capital token such as ``JS``
``acronym-without-meaning``        warning  an acronym the record never explains
                                   info     ... an everyday one (``GP``, ``NHS``, ``A&E`` ...)
``blunt-negative``                 warning  "statutory visits are poor", "there is no evidence
                                            of management oversight." and the like
``too-many-actions``               warning  more actions than the framework's limit (five
                                            unless its ``actions.max_recommended`` says)
``action-no-person``               warning  an action naming no person responsible
``action-no-date``                 warning  an action without a calendar completion date
``action-not-tied-to-shortfall``   info     actions, but no field judged below good
                                   warning  fields below good, but no actions
``spelling``                       info     a word not in the UK English dictionary (only with
                                            a ``speller``: see :func:`uk_speller`)
=================================  =======  =====================================================

Heuristics and their limits
---------------------------
* Text checks read every narrative box of every section (ids ending ``_id`` are identifiers, not
  prose, and are skipped), criteria comments, and each action's text and person. Each offending
  word is reported once per record, where it first occurs.
* The writing checks (naming the child, acronyms and initials, blunt negatives) are in
  :mod:`auditlib.writing_checks`, the spelling check in :mod:`auditlib.spelling`, each with its
  heuristics and limits. Acronyms and practice words come from the vocabulary shared with the
  anonymiser (:mod:`auditlib.vocabulary`), which a council extends through
  ``AUDITLIB_VOCABULARY``.
* **Actions** are the record's non-empty rows (an action, person or date filled in); ``where``
  is ``actions[i]`` with ``i`` the row's index in the record. Actions do not name the fields they
  address, so ``action-not-tied-to-shortfall`` can only compare the whole audit: actions but
  nothing below good, or something below good but no actions (only where the framework has an
  actions editor).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from auditlib.dates import is_calendar_date
from auditlib.framework import Criterion, Framework, Section
from auditlib.rules import filled
from auditlib.scales import NOT_APPLICABLE
from auditlib.spelling import Speller, practice_words, spelling, uk_speller
from auditlib.vocabulary import vocabulary
from auditlib.writing_checks import (
    COMMON_UPPER_WORDS,
    NOT_NAMES,
    Prose,
    acronyms_and_initials,
    blunt_negatives,
    classify_token,
    mentions_child,
    name_candidates,
    names_child,
)

__all__ = [
    "ACRONYMS",  # noqa: F822 (these four are read from the vocabulary when used: __getattr__)
    "BELOW_GOOD",
    "COMMON_UPPER_WORDS",
    "EVERYDAY_ACRONYMS",  # noqa: F822
    "FULL_AUDIT_PROCESS",
    "GRADING_GUIDANCE",
    "NOT_NAMES",
    "PLAIN_ABBREVIATIONS",  # noqa: F822
    "PRACTICE_WORDS",  # noqa: F822
    "SOURCES",
    "Check",
    "Speller",
    "below_good",
    "classify_token",
    "field_label",
    "moderation_checks",
    "uk_speller",
]


#: the moderation guidance's two source documents, as named in frameworks/sources/
FULL_AUDIT_PROCESS = "full-audit-process.txt"
GRADING_GUIDANCE = "social-care-grading-guidance.txt"

#: check id -> (source document, the sentence of it the check comes from, word for word)
SOURCES: dict[str, tuple[str, str]] = {
    "empty-evidence": (
        FULL_AUDIT_PROCESS,
        "If any of these elements are missing from the judgement narrative, the moderator should "
        "draw attention to the omission and, if possible from the narrative that is available, "
        "suggest a ‘line to take’ or a form of words to be considered."),
    "empty-impact": (
        FULL_AUDIT_PROCESS,
        "It is critical that the auditor captures and reports on each of these dimensions of "
        "impact."),
    "impact-never-names-child": (
        FULL_AUDIT_PROCESS, "Impact statements should · bring the child to life"),
    "initials-instead-of-name": (
        GRADING_GUIDANCE,
        "The Auditor should use the child/young person’s name rather than initials as this can "
        "lead to confusion and take care when spelling names."),
    "acronym-without-meaning": (GRADING_GUIDANCE, "The Auditor should avoid acronyms."),
    "blunt-negative": (
        GRADING_GUIDANCE,
        "The Auditor should avoid negative statements like ‘statutory visits are poor’ but try to "
        "make suggestions for improvement, i.e. ‘statutory visits could be strengthened by…’"),
    "too-many-actions": (
        FULL_AUDIT_PROCESS,
        "Except in highly unusual circumstances there should be no more than 5 recommendations "
        "for action."),
    "action-no-person": (
        GRADING_GUIDANCE, "Actions should be specific and, if possible, name the owner"),
    "action-no-date": (
        GRADING_GUIDANCE,
        "Timescales given should be achievable and have specific dates, not ‘two weeks’"),
    "action-not-tied-to-shortfall": (
        FULL_AUDIT_PROCESS,
        "For audits to have maximum impact, the actions should address explicitly what is "
        "required to ensure that the child’s experiences of services are improved to good or "
        "better."),
    "spelling": (
        GRADING_GUIDANCE,
        "The Auditor should spell check and proof read the audit before submission."),
}


def __getattr__(name: str):
    # the word lists follow AUDITLIB_VOCABULARY at the time they are read, as the checks do
    if name == "ACRONYMS":
        return vocabulary().acronyms
    if name == "EVERYDAY_ACRONYMS":
        return vocabulary().everyday
    if name == "PLAIN_ABBREVIATIONS":
        return vocabulary().abbreviations
    if name == "PRACTICE_WORDS":
        return practice_words()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: grades below good on the built-in scales (score10 scores band onto ofsted4)
BELOW_GOOD = frozenset({"requires_improvement", "inadequate", "does_not_meet_good"})


@dataclass(frozen=True)
class Check:
    """One thing a moderator should look at: ``where`` is a section id, a criterion id,
    ``actions[i]`` or ``actions``; ``source`` is the sentence of ``source_document`` (a file in
    ``frameworks/sources/``) the check comes from, quoted word for word."""

    id: str
    level: str
    where: str
    message: str
    source: str
    source_document: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "level": self.level, "where": self.where,
                "message": self.message, "source": self.source,
                "source_document": self.source_document}


def _check(check_id: str, level: str, where: str, message: str) -> Check:
    document, sentence = SOURCES[check_id]
    return Check(check_id, level, where, message, sentence, document)


# --------------------------------------------------------------------------- helpers

def _short_title(title: str, limit: int = 70) -> str:
    title = " ".join(title.split()).rstrip(".").strip()
    if len(title) <= limit:
        return title
    head = title.split(" (")[0].rstrip(".")
    if len(head) <= limit:
        return head
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def field_label(section: Section) -> str:
    """The field as a moderator names it: ``Field 3 (Decision making is effective and timely)``.

    >>> from auditlib import get_framework
    >>> field_label(get_framework("full-audit").section("q3"))
    'Field 3 (Decision making is effective and timely)'
    """
    title = _short_title(section.title)
    return f"Field {section.number} ({title})" if section.number else title


def _criterion_label(section: Section, criterion: Criterion) -> str:
    return f"{field_label(section)}, criterion ‘{_short_title(criterion.title, 60)}’"


def below_good(section: Section, answer: dict | None) -> bool:
    """Is this answer (to ``section``, or to one of its criteria) judged below good?

    ofsted4: requires improvement or inadequate; good3: does not meet good; score10: a score of
    5 or lower. Not applicable, ungraded and other scales are not below good.

    >>> from auditlib.framework import Section
    >>> from auditlib.scales import GOOD3, SCORE10
    >>> below_good(Section("q1", "Risk", "graded", scale=GOOD3), {"grade": "does_not_meet_good"})
    True
    >>> [below_good(Section("risk", "Risk", "graded", scale=SCORE10), {"score": s}) for s in (5, 6)]
    [True, False]
    """
    if not isinstance(answer, dict) or section.scale is None:
        return False
    grade = answer.get("grade")
    if grade == NOT_APPLICABLE:
        return False
    score = answer.get("score")
    if score is not None and section.scale.numeric:
        try:
            grade = section.scale.grade_for_score(int(score))
        except (TypeError, ValueError):
            return False
    return grade in BELOW_GOOD


def _judged(section: Section, answers: dict) -> bool:
    answer = answers.get(section.id)
    answer = answer if isinstance(answer, dict) else {}
    if answer.get("grade") == NOT_APPLICABLE:
        return False
    if answer.get("grade") is not None or answer.get("score") is not None:
        return True
    return any(isinstance(answers.get(c.id), dict)
               and answers[c.id].get("grade") not in (None, NOT_APPLICABLE)
               for c in section.criteria)


def _action_rows(record: dict) -> list[tuple[int, dict]]:
    rows = record.get("actions") or []
    return [(i, a) for i, a in enumerate(rows) if isinstance(a, dict)
            and any(filled(a.get(k)) for k in ("action", "owner", "due"))]


def _texts(framework: Framework, record: dict) -> list[Prose]:
    """Every piece of prose in the record, in the order a moderator reads it."""
    answers = record.get("answers") or {}
    out: list[Prose] = []
    for section in framework.sections:
        answer = answers.get(section.id)
        if isinstance(answer, dict):
            for narrative in section.narratives:
                value = answer.get(narrative.id)
                if not narrative.id.endswith("_id") and filled(value):
                    out.append(Prose(section.id, f"{field_label(section)}, {narrative.label}",
                                     value))
        for criterion in section.criteria:
            answer = answers.get(criterion.id)
            if isinstance(answer, dict) and filled(answer.get("comment")):
                out.append(Prose(criterion.id, f"{_criterion_label(section, criterion)}, comment",
                                 answer["comment"]))
    for i, action in _action_rows(record):
        for key, what in (("action", "action"), ("owner", "person")):
            if filled(action.get(key)):
                out.append(Prose(f"actions[{i}]", f"Action {i + 1}, {what}", action[key]))
    return out


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------- the checks

def _location_order(framework: Framework) -> dict[str, int]:
    order: dict[str, int] = {}
    for section in framework.sections:
        order[section.id] = len(order)
        for criterion in section.criteria:
            order[criterion.id] = len(order)
    return order


def _where_key(where: str, order: dict[str, int]) -> tuple[int, int]:
    if where in order:
        return order[where], 0
    m = re.fullmatch(r"actions\[(\d+)\]", where)
    if m:
        return len(order), int(m.group(1))
    return len(order) + 1, 0


def moderation_checks(framework: Framework, record: dict[str, Any],
                      child_name: str | None = None, *,
                      speller: Speller | None = None) -> list[Check]:
    """The moderation checks for an audit record, in the order a moderator reads the audit.

    ``child_name`` is the child's first name where the moderator gives it (the store holds only
    ids). ``speller`` turns on the UK spelling check (see :func:`uk_speller`). The record is
    read as it is, valid or not: a malformed part is passed over, never raised on.
    """
    answers = record.get("answers") or {}
    if not isinstance(answers, dict):
        answers = {}
    texts = _texts(framework, record)
    all_text = [t.text for t in texts]
    names = name_candidates(all_text)
    child = child_name.split()[0] if filled(child_name) else None
    out: list[Check] = []

    for section in framework.sections:
        if section.scale is None or not _judged(section, answers):
            continue
        answer = answers.get(section.id)
        if not isinstance(answer, dict):
            answer = {}
        field = field_label(section)
        labels = {n.id: n.label for n in section.narratives}
        for narrative, check_id, ask in (
                ("evidence", "empty-evidence", "Ask for the findings of fact, the auditor's "
                 "analysis and the sub-judgements behind the judgement."),
                ("impact", "empty-impact", "Ask what the evidence and the judgement mean for "
                 "the child, and the consequences.")):
            if narrative in labels and not filled(answer.get(narrative)):
                out.append(_check(check_id, "warning", section.id,
                                  f"{field}: {labels[narrative]} is empty. {ask}"))
        impact = answer.get("impact")
        if "impact" in labels and filled(impact):
            if child is not None:
                if not names_child(impact, child):
                    out.append(_check(
                        "impact-never-names-child", "warning", section.id,
                        f"{field}: the Impact never names {child}. Bring the child to life: say "
                        f"what this means for {child}."))
            elif not mentions_child(impact, names):
                out.append(_check(
                    "impact-never-names-child", "info", section.id,
                    f"{field}: the Impact does not mention the child (no name, ‘the child’, "
                    "‘he’ or ‘she’). Bring the child to life: say what this means for the "
                    "child, by name."))

    findings = acronyms_and_initials(texts, child) + blunt_negatives(texts)
    out.extend(_check(*finding) for finding in findings)
    out.extend(_action_checks(framework, record, answers, child_name))
    if speller is not None:
        out.extend(_check(*finding) for finding in spelling(texts, speller, child))
    order = _location_order(framework)
    return sorted(out, key=lambda c: _where_key(c.where, order))


def _shortfalls(framework: Framework, answers: dict) -> list[str]:
    found = []
    for section in framework.sections:
        if section.scale is None:
            continue
        if below_good(section, answers.get(section.id)):
            found.append(field_label(section))
        for criterion in section.criteria:
            if below_good(section, answers.get(criterion.id)):
                found.append(_criterion_label(section, criterion))
    return found


def _action_checks(framework: Framework, record: dict, answers: dict,
                   child_name: str | None) -> Iterator[Check]:
    rows = _action_rows(record)
    if len(rows) > framework.max_actions:
        yield _check("too-many-actions", "warning", "actions",
                     f"{len(rows)} actions: except in highly unusual circumstances there should "
                     f"be no more than {framework.max_actions}. Roll individual compliance "
                     "actions up into a single action.")
    for i, action in rows:
        what = f"Action {i + 1}"
        if filled(action.get("action")):
            what += f" (‘{_quote(action['action'])}’)"
        if not filled(action.get("owner")):
            yield _check("action-no-person", "warning", f"actions[{i}]",
                         f"{what} names no person responsible: name the owner.")
        due = action.get("due")
        if not filled(due):
            yield _check("action-no-date", "warning", f"actions[{i}]",
                         f"{what} has no completion date: give a specific, achievable date.")
        elif not is_calendar_date(due):
            yield _check("action-no-date", "warning", f"actions[{i}]",
                         f"{what} has completion date ‘{due.strip()}’, which is not a calendar "
                         "date: give a specific, achievable date (YYYY-MM-DD), not ‘two weeks’.")
    child = child_name.split()[0] if filled(child_name) else "the child"
    shortfalls = _shortfalls(framework, answers)
    if rows and not shortfalls:
        yield _check("action-not-tied-to-shortfall", "info", "actions",
                     f"There {'is 1 action' if len(rows) == 1 else f'are {len(rows)} actions'} "
                     "but no field is judged below good. Check that each action addresses what "
                     f"is required for {child}'s experience of services to be good or better, "
                     "or whether a judgement is too high.")
    elif shortfalls and not rows and framework.actions is not None:
        named = "; ".join(shortfalls[:3]) + (f" and {len(shortfalls) - 3} more"
                                             if len(shortfalls) > 3 else "")
        yield _check("action-not-tied-to-shortfall", "warning", "actions",
                     f"{named} {'is' if len(shortfalls) == 1 else 'are'} judged below good but "
                     "there are no actions. Add actions saying explicitly what is required to "
                     f"improve {child}'s experience of services to good or better.")
