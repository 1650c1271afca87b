"""Audit records: the JSON interchange format, checked against a framework.

An audit record is a plain dict (see ``docs/audit-record.md`` and design.md)::

    {"framework": "scaled-social-care", "child_id": "C123",
     "header": {"auditor": "...", ...},
     "answers": {"risk": {"score": 7, "evidence": "...", "impact": "...",
                          "flags": {"immediate_harm": false}}},
     "overall": "good",
     "actions": [{"action": "...", "owner": "...", "due": "2025-03-01", "signed_off": null}]}

:func:`validate_record` raises :class:`InvalidAudit` naming the first place that does not fit
(``answers.risk.score: must be a whole number 0..10 (got 'seven')``). Rules about *quality*
(missing evidence, a date like "two weeks") are not validity problems: the grading engine
reports them as findings.
"""
from __future__ import annotations

from typing import Any

from auditlib.exceptions import InvalidAudit
from auditlib.framework import Framework, Section
from auditlib.scales import NOT_APPLICABLE

# an exported audit's actions also say when, by whom and on what evidence each was marked done
ACTION_KEYS = ("action", "owner", "due", "signed_off", "note", "id", "done_on", "done_by",
               "evidence")
ANSWER_KEYS = ("grade", "score", "flags")


def _text_or_none(value: Any, path: str) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidAudit(path, f"must be text (got {_show(value)})")


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, (str, int, float, bool)) or value is None \
        else type(value).__name__


def validate_answer(framework: Framework, item_id: str, answer: Any,
                    path: str | None = None) -> None:
    """Check one answer (for a section or a criterion); raise InvalidAudit if it does not fit."""
    path = path or f"answers.{item_id}"
    section = framework.section_by_id.get(item_id)
    criterion_of = framework.criterion_section.get(item_id)
    if section is None and criterion_of is None:
        hint = ""
        if item_id in framework.flag_section:
            hint = f" ({item_id!r} is a flag of section {framework.flag_section[item_id].id!r}: " \
                   "put it under that section's flags)"
        raise InvalidAudit(path, f"unknown id {item_id!r} in framework {framework.id!r}{hint}")
    if not isinstance(answer, dict):
        raise InvalidAudit(path, f"an answer must be an object (got {_show(answer)})")
    if criterion_of is not None:
        _check_grade(answer, criterion_of, path, criterion=True)
        allowed = {"grade", "comment"}
        for key in answer:
            if key not in allowed:
                raise InvalidAudit(f"{path}.{key}", f"unknown field {key!r} for a criterion "
                                   "(a criterion takes a grade and an optional comment)")
        _text_or_none(answer.get("comment"), f"{path}.comment")
        return
    assert section is not None
    narratives = {n.id for n in section.narratives}
    for key, value in answer.items():
        if key in narratives:
            _text_or_none(value, f"{path}.{key}")
        elif key not in ANSWER_KEYS:
            expected = ", ".join(sorted(narratives | ({"grade", "flags"} if section.scale else
                                                      {"flags"} if section.flags else set())))
            raise InvalidAudit(f"{path}.{key}", f"unknown field {key!r} for section "
                               f"{section.id!r} (expected {expected or 'no fields'})")
    if section.scale is None and ("grade" in answer or "score" in answer) and \
            (answer.get("grade") is not None or answer.get("score") is not None):
        raise InvalidAudit(path, f"section {section.id!r} takes no grade")
    if section.scale is not None:
        _check_grade(answer, section, path)
    flags = answer.get("flags")
    if flags is not None:
        if not isinstance(flags, dict):
            raise InvalidAudit(f"{path}.flags", f"must be an object of flag: true/false "
                               f"(got {_show(flags)})")
        own = {f.id for f in section.flags}
        for flag, ticked in flags.items():
            if flag not in own:
                raise InvalidAudit(f"{path}.flags.{flag}", f"unknown flag {flag!r} for section "
                                   f"{section.id!r} (expected {', '.join(sorted(own)) or 'none'})")
            if not isinstance(ticked, bool):
                raise InvalidAudit(f"{path}.flags.{flag}", f"must be true or false "
                                   f"(got {_show(ticked)})")


def _check_grade(answer: dict, section: Section, path: str, criterion: bool = False) -> None:
    scale = section.scale
    assert scale is not None
    grade = answer.get("grade")
    score = answer.get("score")
    na_allowed = section.not_applicable and not criterion
    if scale.numeric and not criterion:
        if score is not None:
            if isinstance(score, bool) or not isinstance(score, int):
                if isinstance(score, float) and score.is_integer():
                    score = int(score)
                else:
                    raise InvalidAudit(f"{path}.score", f"must be a whole number {scale.min}.."
                                       f"{scale.max} (got {_show(score)})")
            if score not in scale.scores:
                raise InvalidAudit(f"{path}.score", f"must be a whole number {scale.min}.."
                                   f"{scale.max} (got {score})")
    elif score is not None:
        raise InvalidAudit(f"{path}.score", f"scale {scale.id} takes a grade, not a score")
    if grade is None:
        return
    choices = list(scale.levels) + ([NOT_APPLICABLE] if na_allowed else [])
    if grade not in choices:
        extra = ""
        if grade == NOT_APPLICABLE:
            extra = f" ({section.id!r} cannot be marked not applicable)"
        raise InvalidAudit(f"{path}.grade", f"{_show(grade)} is not a grade of scale {scale.id} "
                           f"(one of {', '.join(choices)}){extra}")
    if scale.numeric and score is not None and grade != NOT_APPLICABLE:
        banded = scale.grade_for_score(int(score))
        if banded != grade:
            raise InvalidAudit(f"{path}.grade", f"{grade!r} does not match score {score}, "
                               f"which is {banded!r}")
    if grade == NOT_APPLICABLE and score is not None:
        raise InvalidAudit(f"{path}.score", "a not-applicable section takes no score")


def record_actions(record: dict) -> list[dict]:
    """The record's actions: a list of objects (none when absent), else :class:`InvalidAudit`
    naming the place."""
    actions = record.get("actions") or []
    if not isinstance(actions, list):
        raise InvalidAudit("actions", f"must be a list (got {_show(actions)})")
    for i, action in enumerate(actions):
        if not isinstance(action, dict):
            raise InvalidAudit(f"actions[{i}]", f"must be an object (got {_show(action)})")
    return actions


def validate_record(framework: Framework, record: Any) -> None:
    """Raise :class:`InvalidAudit` at the first place the record does not fit the framework."""
    if not isinstance(record, dict):
        raise InvalidAudit("", f"an audit must be a JSON object (got {_show(record)})")
    if record.get("framework") != framework.id:
        raise InvalidAudit("framework", f"is {record.get('framework')!r}, but this is "
                           f"framework {framework.id!r}")
    child_id = record.get("child_id")
    if not isinstance(child_id, str) or not child_id.strip():
        raise InvalidAudit("child_id", f"must be a non-empty text id (got {_show(child_id)})")
    answers = record.get("answers", {})
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise InvalidAudit("answers", f"must be an object keyed by section or criterion id "
                           f"(got {_show(answers)})")
    for item_id, answer in answers.items():
        validate_answer(framework, item_id, answer)
    overall = record.get("overall")
    if overall is not None:
        if framework.overall is None:
            raise InvalidAudit("overall", f"framework {framework.id!r} has no overall grade")
        if not isinstance(overall, str) or overall not in framework.overall.scale.rank:
            raise InvalidAudit("overall", f"{_show(overall)} is not a grade of scale "
                               f"{framework.overall.scale.id} (one of "
                               f"{', '.join(framework.overall.scale.levels)})")
        in_section = (answers.get(framework.overall.section) or {}).get("grade")
        if in_section is not None and in_section != overall:
            raise InvalidAudit("overall", f"{overall!r} differs from the grade in "
                               f"answers.{framework.overall.section} ({in_section!r})")
    header = record.get("header") or {}
    if not isinstance(header, dict):
        raise InvalidAudit("header", f"must be an object (got {_show(header)})")
    known = {h.id: h for h in framework.header}
    for key, value in header.items():
        if key not in known:
            raise InvalidAudit(f"header.{key}", f"unknown header field {key!r} (expected one of "
                               f"{', '.join(known) or 'none'})")
        if value is not None and not isinstance(value, (str, bool)):
            raise InvalidAudit(f"header.{key}", f"must be text (got {_show(value)})")
        choices = {c for c, _ in known[key].choices}
        if choices and value not in (None, "") and value not in choices:
            raise InvalidAudit(f"header.{key}", f"{_show(value)} is not one of "
                               f"{', '.join(sorted(choices))}")
    for i, action in enumerate(record_actions(record)):
        for key, value in action.items():
            if key not in ACTION_KEYS:
                raise InvalidAudit(f"actions[{i}].{key}", f"unknown action field {key!r} "
                                   f"(expected {', '.join(ACTION_KEYS[:4])})")
            if key != "id":
                _text_or_none(value, f"actions[{i}].{key}")


#: the keys the store adds to an audit record (its own bookkeeping, not the audit)
STORE_KEYS = ("audit_id", "status", "version", "auditor", "moderator", "month", "due_date",
               "service_area", "training", "moderation", "created_at", "updated_at")


def interchange_record(record: dict[str, Any]) -> dict[str, Any]:
    """A stored audit as an audit record (what grading and validation read): the keys the store
    adds, and the actions' store ids, dropped."""
    out = {k: v for k, v in record.items() if k not in STORE_KEYS}
    out["actions"] = [{k: a.get(k) for k in ("action", "owner", "due", "signed_off", "note")}
                      for a in record.get("actions") or []]
    if out.get("overall") is None:
        out.pop("overall", None)
    return out


def moderated_grade(record: dict[str, Any], section: Section) -> str | None:
    """The grade the moderator recorded for ``section`` of a stored audit: their grade, or the
    grade their score falls in on the section's scale; None where they recorded neither (so
    they agree with the auditor).

    >>> from auditlib.framework import get_framework
    >>> risk = get_framework("scaled-social-care").section_by_id["risk"]
    >>> moderated_grade({"moderation": {"risk": {"score": 2}}}, risk)
    'inadequate'
    >>> moderated_grade({"moderation": {}}, risk) is None
    True
    """
    moderation = (record.get("moderation") or {}).get(section.id) or {}
    grade = moderation.get("grade")
    if grade is None and moderation.get("score") is not None and section.scale is not None:
        grade = section.scale.grade_for_score(moderation["score"])
    return grade
