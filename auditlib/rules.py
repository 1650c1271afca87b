"""The rule kinds: each registered once with its parameters, their checks, what it does to an
audit and the line the format guide (``docs/framework-format.md``) gives it.

A framework's ``rules:`` are read by :func:`read_rules` when the framework loads (each parameter
checked, conditions compiled) and applied by :func:`apply_rule` when an audit is graded. A new
kind is one function decorated with :func:`rule_kind`; a test checks the format guide's table of
rule kinds against :data:`RULE_KINDS`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

from auditlib.conditions import (
    Condition,
    ConditionContext,
    GradeState,
    always,
    compile_condition,
    known,
    lookup,
)
from auditlib.dates import is_calendar_date
from auditlib.framework_checker import Checker, missing_section, unknown
from auditlib.framework_model import LEVELS, Framework, Overall, Rule, Section
from auditlib.scales import NOT_APPLICABLE, Scale

#: keys every rule may have, whatever its kind
RULE_COMMON = ("id", "kind", "source", "message", "note")


@dataclass(frozen=True)
class Finding:
    """Something a rule says about an audit: an ``error`` breaks a hard rule of the source, a
    ``warning`` breaches an expectation, ``info`` explains what a rule did."""

    level: str
    rule: str
    where: str
    message: str
    source: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"level": self.level, "rule": self.rule, "where": self.where,
                "message": self.message, "source": self.source}


@dataclass
class AuditFacts:
    """What rules read about one audit while it is graded, and what they change: the allowed
    overall grades, the findings, and the sections whose narratives are missing."""

    framework: Framework
    state: GradeState
    answers: dict[str, dict]
    sections: dict[str, Any]          # section id -> grading.SectionGrade
    actions: list[dict]               # the actions with something filled in
    allowed: list[str]
    findings: list[Finding]
    narrative_gaps: dict[str, list[str]]


@dataclass(frozen=True)
class RuleSetting:
    """What a rule's parameters are checked against when the framework loads."""

    conditions: ConditionContext
    sections: dict[str, Section]
    overall: Overall | None


@dataclass(frozen=True)
class RuleKind:
    name: str
    doc: str                                   # the format guide's "what it does", word for word
    required: tuple[str, ...]
    optional: tuple[str, ...]
    level: str                                 # the level when the rule gives none
    evaluate: Callable[[Rule, AuditFacts], None]
    #: checks across parameters, after each parameter's own: (rule, path, setting, checker)
    check: Callable[[Rule, str, RuleSetting, Checker], None] | None = None


RULE_KINDS: dict[str, RuleKind] = {}

#: (kind, key) -> why the key is no longer taken and what to write instead
RETIRED_PARAMETERS = {
    ("max_actions", "max"): "the number of actions is set once for the framework, as "
                            "'actions: {max_recommended: N}' (which the workbook, the moderation "
                            "checks and this rule all read): move it there and remove 'max' here",
}


def rule_kind(name: str, doc: str, required: tuple[str, ...] = (),
              optional: tuple[str, ...] = ("level",), level: str = "warning",
              check: Callable[[Rule, str, RuleSetting, Checker], None] | None = None
              ) -> Callable[[Callable[[Rule, AuditFacts], None]],
                            Callable[[Rule, AuditFacts], None]]:
    """Register the decorated function as how rules of kind ``name`` are applied."""
    def register(evaluate: Callable[[Rule, AuditFacts], None]
                 ) -> Callable[[Rule, AuditFacts], None]:
        RULE_KINDS[name] = RuleKind(name, doc, required, optional, level, evaluate, check)
        return evaluate
    return register


def apply_rule(rule: Rule, facts: AuditFacts) -> None:
    """Apply one rule of a loaded framework to an audit."""
    RULE_KINDS[rule.kind].evaluate(rule, facts)


def filled(text: Any) -> TypeGuard[str]:
    """Is this answer text filled in (not absent, not blank)?"""
    return isinstance(text, str) and text.strip() != ""


def _overall(facts: AuditFacts) -> Overall:
    """The overall grade a rule about it reads: a framework with such a rule and no overall
    grade does not load (:func:`_grades`), so its absence here is a programming error."""
    overall = facts.framework.overall
    if overall is None:
        raise TypeError(f"framework {facts.framework.id!r} has a rule about the overall grade "
                        "but no overall grade")
    return overall


def _labels(grades: list[str], scale: Scale) -> str:
    words = [scale.label(g) for g in grades]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


# --------------------------------------------------------------------------- the kinds

@rule_kind("overall_only", "hard: when `when` holds the overall may only be one of `grades`: "
           "others leave `allowed`, and choosing one is an `error` finding",
           required=("when", "grades"), optional=(), level="error")
def _overall_only(rule: Rule, facts: AuditFacts) -> None:
    state, overall = facts.state, _overall(facts)
    if not rule.when(state):
        return
    only = rule.params["grades"]
    facts.allowed[:] = [g for g in facts.allowed if g in only]
    base = rule.message or f"The overall grade can only be {_labels(only, overall.scale)}."
    if state.overall is not None and state.overall not in only:
        facts.findings.append(Finding(
            "error", rule.id, overall.section,
            f"{overall.scale.label(state.overall)} is not allowed here. {base}", rule.source))
    else:
        facts.findings.append(Finding("info", rule.id, overall.section, base, rule.source))


@rule_kind("overall_expected", "when the chosen overall is one of `grades` and `expect` does "
           "not hold: a finding", required=("grades", "expect"))
def _overall_expected(rule: Rule, facts: AuditFacts) -> None:
    state, overall = facts.state, _overall(facts)
    if state.overall in rule.params["grades"] and not rule.expect(state):
        facts.findings.append(Finding(
            rule.level, rule.id, overall.section,
            rule.message or f"An overall grade of {overall.scale.label(state.overall)} is not "
            "what the framework expects from the section grades.", rule.source))


@rule_kind("overall_consider", "when `when` holds and the chosen overall is not one of "
           "`grades`: a finding that they should be considered", required=("when", "grades"))
def _overall_consider(rule: Rule, facts: AuditFacts) -> None:
    state, overall = facts.state, _overall(facts)
    if rule.when(state) and state.overall not in rule.params["grades"]:
        facts.findings.append(Finding(
            rule.level, rule.id, overall.section,
            rule.message or f"Consider an overall grade of "
            f"{_labels(rule.params['grades'], overall.scale)}.", rule.source))


@rule_kind("reminder", "when `when` holds: a finding carrying `message`", required=("when",),
           level="info")
def _reminder(rule: Rule, facts: AuditFacts) -> None:
    if rule.when(facts.state):
        overall = facts.framework.overall
        facts.findings.append(Finding(rule.level, rule.id, overall.section if overall else "",
                                      rule.message or rule.source, rule.source))


def _narratives_exist(rule: Rule, at: str, setting: RuleSetting, check: Checker) -> None:
    targets = rule.params.get("sections") or [s.id for s in setting.sections.values() if s.scale]
    for sid in targets:
        section = lookup(setting.sections, sid)
        for n in rule.params["narratives"]:
            if section is not None and n not in {x.id for x in section.narratives}:
                check.add(f"{at}.narratives", f"section {sid!r} has no narrative {n!r}")
                break


@rule_kind("narrative_required", "each judged section (not not-applicable) lacking one of the "
           "narratives: a finding, and the audit is not complete",
           required=("narratives",), optional=("sections", "level"), check=_narratives_exist)
def _narrative_required(rule: Rule, facts: AuditFacts) -> None:
    framework = facts.framework
    targets = rule.params.get("sections") or [s.id for s in framework.sections if s.scale]
    for sid in targets:
        section = framework.section_by_id[sid]
        answer = facts.answers.get(sid) or {}
        # a judged section needs its narratives; a text section always does
        if section.scale is None:
            judged = True
        elif sid in facts.sections:
            judged = facts.sections[sid].grade is not None
        else:
            judged = answer.get("grade") not in (None, NOT_APPLICABLE)
        if not judged:
            continue
        labels = {n.id: n.label for n in section.narratives}
        gaps = [n for n in rule.params["narratives"] if not filled(answer.get(n))]
        if gaps:
            facts.narrative_gaps.setdefault(sid, []).extend(gaps)
            words = " and ".join(labels.get(n, n) for n in gaps)
            facts.findings.append(Finding(
                rule.level, rule.id, sid,
                f"{section.number + '. ' if section.number else ''}{section.title}: "
                f"{words} {'is' if len(gaps) == 1 else 'are'} empty. " + (rule.message or ""),
                rule.source))


@rule_kind("max_actions", "more actions than the framework's `actions.max_recommended` "
           "(5 if it sets none): a finding")
def _max_actions(rule: Rule, facts: AuditFacts) -> None:
    limit = facts.framework.max_actions
    if len(facts.actions) > limit:
        facts.findings.append(Finding(
            rule.level, rule.id, "actions",
            rule.message or f"{len(facts.actions)} actions: the framework expects no more "
            f"than {limit}.", rule.source))


@rule_kind("action_owner_required", "an action with no person named", level="error")
def _action_owner_required(rule: Rule, facts: AuditFacts) -> None:
    for i, action in enumerate(facts.actions):
        if not filled(action.get("owner")):
            facts.findings.append(Finding(
                rule.level, rule.id, f"actions[{i}]",
                f"Action {i + 1} names no person responsible. " + (rule.message or ""),
                rule.source))


@rule_kind("action_date_required", "an action whose completion date is not a calendar date "
           "(`YYYY-MM-DD`), such as \"two weeks\"", level="error")
def _action_date_required(rule: Rule, facts: AuditFacts) -> None:
    for i, action in enumerate(facts.actions):
        due = action.get("due")
        if not filled(due):
            problem = "has no completion date"
        elif not is_calendar_date(due):
            problem = f"has completion date {due.strip()!r}, which is not a calendar date"
        else:
            continue
        facts.findings.append(Finding(rule.level, rule.id, f"actions[{i}]",
                                      f"Action {i + 1} {problem}. " + (rule.message or ""),
                                      rule.source))


# --------------------------------------------------------------------------- reading rules

def _grades(item: dict, at: str, kind: str, setting: RuleSetting, check: Checker
            ) -> list[Any] | None:
    overall = setting.overall
    if overall is None:
        if "overall" not in setting.conditions.reported:
            check.add(at, f"a {kind} rule needs the framework to have an overall grade")
        return None
    grades = check.sequence(item.get("grades"), f"{at}.grades")
    if not grades:
        check.add(f"{at}.grades", "must list at least one grade")
    for j, g in enumerate(grades):
        if not known(g, overall.scale.rank):
            check.add(f"{at}.grades[{j}]", f"{g!r} is not a grade of the overall scale "
                      f"{overall.scale.id} (one of {', '.join(overall.scale.levels)})")
    return list(grades)


def _sections(item: dict, at: str, setting: RuleSetting, check: Checker) -> list[Any] | None:
    sids = item.get("sections")
    if sids is None:
        return None
    by_id = setting.sections
    for j, sid in enumerate(check.sequence(sids, f"{at}.sections")):
        if not known(sid, by_id):
            check.add(f"{at}.sections[{j}]", missing_section(sid, by_id))
        elif by_id[sid].kind == "actions":
            check.add(f"{at}.sections[{j}]", f"section {sid!r} is an actions section")
    return list(sids) if isinstance(sids, list) else []


def _rule(item: dict, at: str, setting: RuleSetting, check: Checker,
          seen: dict[str, str]) -> Rule | None:
    kind = item.get("kind")
    if not known(kind, RULE_KINDS):
        if "kind" in item:
            check.add(f"{at}.kind", unknown("rule kind", kind, list(RULE_KINDS)))
        else:
            check.add(at, "missing required key 'kind'")
        return None
    spec = RULE_KINDS[kind]
    retired = [key for key in item if (kind, key) in RETIRED_PARAMETERS]
    for key in retired:
        check.add(f"{at}.{key}", RETIRED_PARAMETERS[kind, key])
    meant = check.keys({k: v for k, v in item.items() if k not in retired}, at,
                       RULE_COMMON + spec.required + spec.optional, ("id", "kind", "source")
                       + spec.required)
    # a parameter whose key is misspelt is reported as that; checking it as absent would not
    required = tuple(p for p in spec.required if p not in meant)
    rid = check.ident(item, "id", at)
    if rid in seen:
        check.add(f"{at}.id", f"duplicate rule id {rid!r} (already used at {seen[rid]})")
    if rid is not None:
        seen[rid] = at
    level = item.get("level", spec.level)
    if level not in LEVELS:
        check.add(f"{at}.level", unknown("level", level, LEVELS))
    params: dict[str, Any] = {}
    when: Condition = always  # a kind without the parameter never reads it
    expect: Condition = always
    if "when" in required:
        when = compile_condition(item.get("when"), setting.conditions, f"{at}.when",
                                 check.problems)
        params["when"] = item.get("when")
    if "expect" in required:
        expect = compile_condition(item.get("expect"), setting.conditions, f"{at}.expect",
                                   check.problems)
        params["expect"] = item.get("expect")
    if "grades" in required:
        grades = _grades(item, at, kind, setting, check)
        if grades is not None:
            params["grades"] = grades
    if "narratives" in required:
        params["narratives"] = list(check.strings(item.get("narratives"), f"{at}.narratives"))
    if "sections" in spec.optional:
        sections = _sections(item, at, setting, check)
        if sections is not None:
            params["sections"] = sections
    source = check.string(item, "source", at, required=True)
    if "source" in item and not source:
        check.add(f"{at}.source", "must quote the sentence of the source the rule encodes")
    rule = Rule(id=rid or "", kind=kind, level=level, source=source,
                message=check.string(item, "message", at), note=check.string(item, "note", at),
                params=params, when=when, expect=expect)
    if spec.check is not None and required == spec.required:
        spec.check(rule, at, setting, check)
    return rule


def read_rules(value: Any, setting: RuleSetting, check: Checker) -> list[Rule]:
    """A framework's ``rules:`` checked and compiled; every problem goes to ``check``."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(check.sequence(value, "rules")):
        at = f"rules[{i}]"
        rule = _rule(check.mapping(item, at), at, setting, check, seen)
        if rule is not None:
            rules.append(rule)
    return rules
