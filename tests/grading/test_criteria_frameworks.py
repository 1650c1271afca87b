"""Criteria-based frameworks (cla-leaving-care, detailed-case-audit): the tool suggests medians,
ties to the lower grade; the auditor's chosen grades stand."""
from __future__ import annotations

import pytest

from auditlib import get_framework, grade
from auditlib.grading import median_grade, nearest_allowed
from auditlib.scales import OFSTED4


@pytest.mark.parametrize("grades,expected", [
    (["outstanding"], "outstanding"),
    (["outstanding", "good"], "good"),
    (["good", "requires_improvement"], "requires_improvement"),
    (["outstanding", "outstanding", "inadequate", "inadequate"], "inadequate"),
    (["outstanding", "good", "good", "inadequate"], "good"),
    (["inadequate", "good", "outstanding"], "good"),
    ([], None),
])
def test_median_ties_go_to_the_lower_grade(grades, expected):
    assert median_grade(grades, OFSTED4) == expected


def test_nearest_allowed_prefers_the_lower_grade_on_a_tie():
    assert nearest_allowed("good", ["outstanding", "requires_improvement"], OFSTED4) == \
        "requires_improvement"
    assert nearest_allowed("outstanding", ["good", "inadequate"], OFSTED4) == "good"


def criteria_answers(section, grades):
    return {c.id: {"grade": g} for c, g in zip(section.criteria, grades)}


@pytest.mark.parametrize("framework_id", ["cla-leaving-care", "detailed-case-audit"])
def test_section_suggestion_is_the_median_of_its_criteria(framework_id):
    framework = get_framework(framework_id)
    first, second = framework.sections[0], framework.sections[1]
    answers = criteria_answers(first, ["outstanding", "good", "requires_improvement",
                                       "inadequate"][:len(first.criteria)])
    answers |= criteria_answers(second, ["good"] * len(second.criteria))
    result = grade(framework, {"framework": framework_id, "child_id": "X", "answers": answers})
    assert result.sections[first.id].suggested == median_grade(
        [a["grade"] for k, a in answers.items() if k in {c.id for c in first.criteria}], OFSTED4)
    assert result.sections[second.id].grade == "good"
    assert "This tool's suggestion" in first.suggest_note


@pytest.mark.parametrize("framework_id", ["cla-leaving-care", "detailed-case-audit"])
def test_the_auditors_chosen_section_grade_stands(framework_id):
    framework = get_framework(framework_id)
    first = framework.sections[0]
    answers = criteria_answers(first, ["inadequate"] * len(first.criteria))
    answers[first.id] = {"grade": "good"}
    result = grade(framework, {"framework": framework_id, "child_id": "X", "answers": answers})
    assert result.sections[first.id].grade == "good"
    assert result.sections[first.id].suggested == "inadequate"
    assert result.sections[first.id].chosen == "good"


def test_overall_suggestion_is_the_median_of_sections():
    framework = get_framework("cla-leaving-care")
    answers = {}
    for section, g in zip(framework.sections[:6], ["outstanding", "good", "good",
                                                    "requires_improvement", "inadequate",
                                                    "inadequate"]):
        answers[section.id] = {"grade": g}
    result = grade(framework, {"framework": "cla-leaving-care", "child_id": "X",
                               "answers": answers, "overall": "good"})
    assert result.suggested == "requires_improvement"
    assert result.chosen == "good"
    assert not result.errors


def test_detailed_sections_can_be_not_applicable():
    """A child protection section for a care leaver can be marked not applicable: it is complete
    without criteria and leaves the overall median."""
    framework = get_framework("detailed-case-audit")
    answers = {"child_protection_planning": {"grade": "not_applicable"}}
    for section in framework.sections:
        if section.kind == "criteria" and section.id != "child_protection_planning":
            answers |= criteria_answers(section, ["good"] * len(section.criteria))
            answers[section.id] = {"grade": "good", "evidence": "e", "impact": "i"}
    answers["overall"] = {"grade": "good", "evidence": "e", "impact": "i"}
    result = grade(framework, {"framework": "detailed-case-audit", "child_id": "X",
                               "answers": answers})
    assert result.sections["child_protection_planning"].not_applicable
    assert result.sections["child_protection_planning"].label == "Not applicable"
    assert result.suggested == "good"
    assert result.complete, result.missing


def test_cla_every_comment_box_must_be_completed():
    """'All comments boxes must be completed – there must be sufficient information to evidence
    the grades…'"""
    framework = get_framework("cla-leaving-care")
    first = framework.sections[0]
    answers = criteria_answers(first, ["good"] * len(first.criteria))
    answers[first.id] = {"evidence": "Recording is up to date."}
    result = grade(framework, {"framework": "cla-leaving-care", "child_id": "X",
                               "answers": answers})
    rules = {(f.rule, f.where) for f in result.findings}
    assert ("all-comment-boxes-completed", first.id) in rules


def test_cla_immediate_concerns_reminder():
    """'If there are immediate concerns the manager must be notified.'"""
    framework = get_framework("cla-leaving-care")
    answers = {"overall_grade": {"flags": {"immediate_concerns": True}}}
    result = grade(framework, {"framework": "cla-leaving-care", "child_id": "X",
                               "answers": answers})
    assert any(f.rule == "notify-manager-of-immediate-concerns" for f in result.findings)
