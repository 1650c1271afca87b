"""The grading engine: what a framework implies for an audit. Pure functions, no I/O.

:func:`grade` takes a :class:`~auditlib.framework.Framework` and an audit record (a plain dict in
the JSON interchange format) and returns a :class:`Grading`: each section's grade, the overall
grade's ``chosen``, ``suggested`` and ``allowed`` values, the findings of every rule that fired
(each carrying the sentence of the source it encodes) and whether the audit is complete.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditlib.conditions import GradeState
from auditlib.framework import Framework, Section
from auditlib.record import validate_record
from auditlib.rules import AuditFacts, Finding, apply_rule, filled
from auditlib.scales import NOT_APPLICABLE, Scale


@dataclass(frozen=True)
class SectionGrade:
    grade: str | None                 # the section's grade: chosen, else suggested, else None
    label: str
    score: int | None = None
    chosen: str | None = None         # what the auditor chose for the section itself
    suggested: str | None = None      # criteria sections: the median of the criteria grades
    not_applicable: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"grade": self.grade, "label": self.label}
        if self.score is not None:
            out["score"] = self.score
        if self.suggested is not None or self.chosen is not None:
            out["chosen"] = self.chosen
            out["suggested"] = self.suggested
        if self.not_applicable:
            out["not_applicable"] = True
        return out


@dataclass(frozen=True)
class Grading:
    framework: str
    sections: dict[str, SectionGrade]
    chosen: str | None
    suggested: str | None
    allowed: list[str]
    findings: list[Finding]
    complete: bool
    done: int
    total: int
    missing: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    def to_dict(self) -> dict[str, Any]:
        """The result as ``auditlib check --json`` prints it (see design.md)."""
        return {
            "framework": self.framework,
            "sections": {sid: s.to_dict() for sid, s in self.sections.items()},
            "overall": {"chosen": self.chosen, "suggested": self.suggested,
                        "allowed": list(self.allowed)},
            "findings": [f.to_dict() for f in self.findings],
            "complete": self.complete,
            "completeness": {"done": self.done, "total": self.total, "missing": self.missing},
        }


def median_grade(grades: list[str], scale: Scale) -> str | None:
    """The median grade, an even count's tie going to the lower (worse) grade.

    >>> from auditlib.scales import OFSTED4
    >>> median_grade(["good", "outstanding", "inadequate"], OFSTED4)
    'good'
    >>> median_grade(["good", "requires_improvement"], OFSTED4)
    'requires_improvement'
    """
    if not grades:
        return None
    ranks = sorted(scale.rank[g] for g in grades)  # 0 is best, so the upper middle is the worse
    return scale.levels[ranks[len(ranks) // 2]]


def nearest_allowed(grade: str | None, allowed: list[str], scale: Scale) -> str | None:
    """Move a suggestion into the allowed set: the nearest allowed grade, ties to the lower."""
    if grade is None or not allowed or grade in allowed:
        return grade
    here = scale.rank[grade]
    return min(allowed, key=lambda g: (abs(scale.rank[g] - here), -scale.rank[g]))


def _answer_grade(section: Section, answer: dict | None) -> tuple[str | None, int | None, bool]:
    """(grade, score, not_applicable) from an answer to a graded section."""
    if not answer:
        return None, None, False
    grade = answer.get("grade")
    if grade == NOT_APPLICABLE:
        return None, None, True
    score = answer.get("score")
    if score is not None and section.scale is not None and section.scale.numeric:
        score = int(score)
        return section.scale.grade_for_score(score), score, False
    return grade, None, False


def _action_present(action: dict) -> bool:
    return any(filled(action.get(k)) for k in ("action", "owner", "due"))


def grade(framework: Framework, record: dict[str, Any], *, validate: bool = True) -> Grading:
    """Grade an audit record against its framework.

    With ``validate`` (the default) the record is first checked and
    :class:`~auditlib.exceptions.InvalidAudit` raised if it does not fit; callers that have
    already validated (the store, the live workbook) may skip it.
    """
    if validate:
        validate_record(framework, record)
    answers: dict[str, dict] = record.get("answers") or {}
    overall_spec = framework.overall
    overall_id = overall_spec.section if overall_spec else None

    sections: dict[str, SectionGrade] = {}
    grades: dict[str, str | None] = {}
    flags: set[str] = set()
    for section in framework.sections:
        answer = answers.get(section.id)
        if answer and answer.get("flags"):
            flags.update(f for f, ticked in answer["flags"].items() if ticked)
        if section.scale is None or section.id == overall_id:
            continue
        if section.kind == "criteria":
            chosen = (answer or {}).get("grade")
            na = chosen == NOT_APPLICABLE
            crit = [answers[c.id]["grade"] for c in section.criteria
                    if c.id in answers and answers[c.id].get("grade") is not None]
            suggested = None if na else median_grade(crit, section.scale)
            chosen = None if na else chosen
            value = chosen or suggested
            sections[section.id] = SectionGrade(value, "Not applicable" if na else
                                                section.scale.label(value), None, chosen,
                                                suggested, na)
        else:
            value, score, na = _answer_grade(section, answer)
            sections[section.id] = SectionGrade(value, "Not applicable" if na else
                                                section.scale.label(value), score,
                                                not_applicable=na)
        grades[section.id] = sections[section.id].grade

    chosen_overall = record.get("overall")
    if chosen_overall is None and overall_id is not None:
        chosen_overall = (answers.get(overall_id) or {}).get("grade")
        if chosen_overall == NOT_APPLICABLE:
            chosen_overall = None
    graded = {sid: g for sid in framework.graded_sections if (g := grades.get(sid)) is not None}
    state = GradeState(grades=grades, graded=graded, flags=flags, overall=chosen_overall)

    facts = AuditFacts(
        framework=framework, state=state, answers=answers, sections=sections,
        actions=[a for a in (record.get("actions") or []) if _action_present(a)],
        allowed=list(overall_spec.scale.levels) if overall_spec else [], findings=[],
        narrative_gaps={})
    for rule in framework.rules:
        apply_rule(rule, facts)
    allowed, narrative_gaps = facts.allowed, facts.narrative_gaps
    findings = _agreeing(framework, facts.findings, allowed, chosen_overall)

    suggested = _suggest(framework, state, grades, allowed)

    if overall_spec is not None:
        label = overall_spec.scale.label
        sections[overall_spec.section] = SectionGrade(chosen_overall, label(chosen_overall))

    done, total, missing = _completeness(framework, answers, sections, chosen_overall,
                                         narrative_gaps)
    return Grading(framework=framework.id, sections=sections, chosen=chosen_overall,
                   suggested=suggested, allowed=allowed, findings=findings,
                   complete=done == total, done=done, total=total, missing=missing)


def _agreeing(framework: Framework, findings: list[Finding], allowed: list[str],
              chosen: str | None) -> list[Finding]:
    """The findings, less those arguing for a grade the rules together no longer allow: a limit
    a stricter one overtook (a poor plan "does not make the case inadequate" when the child was
    not seen, so the grade must be inadequate), advice to consider only grades not allowed, and
    a warning against the chosen grade when it is the only one allowed."""
    rules = {r.id: r for r in framework.rules}

    def argues_otherwise(f: Finding) -> bool:
        rule = rules.get(f.rule)
        if rule is None or f.level == "error":
            return False
        grades = set(rule.params.get("grades") or ())
        if rule.kind == "overall_only":
            return not grades <= set(allowed)
        if rule.kind == "overall_consider":
            return not grades & set(allowed)
        if rule.kind == "overall_expected":
            return allowed == [chosen]
        return False
    return [f for f in findings if not argues_otherwise(f)]


def _suggest(framework: Framework, state: GradeState, grades: dict[str, str | None],
             allowed: list[str]) -> str | None:
    overall = framework.overall
    if overall is None:
        return None
    suggested = None
    method = overall.suggest.get("method") if overall.suggest else None
    if method == "median":
        suggested = median_grade([g for s in overall.median_of
                                  if (g := grades.get(s)) is not None], overall.scale)
    elif method == "first_match" and state.graded:
        for grade_id, condition in overall.cases:
            if condition(state):
                suggested = grade_id
                break
    if suggested is None:
        # nothing graded yet: only a rule that leaves one grade says anything
        return allowed[0] if len(allowed) == 1 else None
    return nearest_allowed(suggested, allowed, overall.scale)


def _completeness(framework: Framework, answers: dict, sections: dict[str, SectionGrade],
                  chosen_overall: str | None, narrative_gaps: dict[str, list[str]]
                  ) -> tuple[int, int, list[str]]:
    done = total = 0
    missing: list[str] = []
    overall_id = framework.overall.section if framework.overall else None
    for section in framework.completeness_sections:
        total += 1
        answer = answers.get(section.id) or {}
        if section.id == overall_id:
            ok = chosen_overall is not None
        elif section.kind == "criteria":
            ok = sections[section.id].not_applicable or all(
                (answers.get(c.id) or {}).get("grade") is not None for c in section.criteria)
        elif section.scale is not None:
            ok = sections[section.id].grade is not None or sections[section.id].not_applicable
        else:
            ok = any(filled(answer.get(n.id)) for n in section.narratives) or (
                section.kind == "actions")
        ok = ok and section.id not in narrative_gaps
        if ok:
            done += 1
        else:
            missing.append(section.id)
    return done, total, missing
