"""The full audit tool (frameworks/sources/full-audit-process.txt): twelve judged fields, field 12
the overall, SMART actions."""
from __future__ import annotations

import pytest

from auditlib import InvalidAudit, get_framework, grade

FIELDS = [f"q{i}" for i in range(1, 13)]


@pytest.fixture(scope="module")
def framework():
    return get_framework("full-audit")


def audit(grades, overall=None, narrative=True, actions=None):
    answers = {}
    for qid, g in grades.items():
        answers[qid] = {"grade": g}
        if narrative and g != "not_applicable":
            answers[qid].update(evidence="Two assessments were completed in time.",
                                impact="For Jo, the plan reflects her needs.")
    if overall:
        answers["q12"] = {"grade": overall, "evidence": "e", "impact": "i"}
    return {"framework": "full-audit", "child_id": "C9", "answers": answers,
            "actions": actions or []}


def test_rule_sources_quote_the_guidance(framework, source_text):
    flat = source_text("full-audit-process.txt")
    for rule in framework.rules:
        for sentence in rule.source.split("\n"):
            sentence = " ".join(sentence.split()).strip("“”\"'")
            assert sentence[:50] in flat, (rule.id, sentence)


def test_q12_is_the_overall_rating(framework):
    """'Q 12 on the audit tool is the overall audit rating.'"""
    result = grade(framework, audit({"q1": "meets_good"}, overall="exceeds_good"))
    assert result.chosen == "exceeds_good"
    assert result.allowed == ["exceeds_good", "meets_good", "does_not_meet_good"]


def test_every_judged_field_needs_evidence_and_impact(framework):
    """A judged field (not Not applicable) without Evidence and Impact leaves the audit
    incomplete; a Not applicable field needs neither."""
    grades = {q: "meets_good" for q in FIELDS[:11]} | {"q8": "not_applicable"}
    done = grade(framework, audit(grades, overall="meets_good"))
    assert done.complete, done.missing
    assert done.total == 12 and done.done == 12
    record = audit(grades, overall="meets_good")
    record["answers"]["q3"]["impact"] = "  "
    gap = grade(framework, record)
    assert not gap.complete
    assert gap.missing == ["q3"]
    assert [(f.rule, f.where) for f in gap.findings if f.rule == "evidence-and-impact-required"] \
        == [("evidence-and-impact-required", "q3")]


def test_nine_of_twelve(framework):
    grades = {q: "meets_good" for q in FIELDS[:9]}
    result = grade(framework, audit(grades))
    assert (result.done, result.total) == (9, 12)


@pytest.mark.parametrize("overall", ["meets_good", "exceeds_good"])
def test_good_overall_while_most_fields_do_not_meet_good_is_a_warning(framework, overall):
    """'…if shortcomings are numerous and/or significant you will need to work hard to be
    confident that a good judgement is justified.'"""
    grades = {q: "does_not_meet_good" for q in FIELDS[:6]} | \
             {q: "meets_good" for q in FIELDS[6:11]}
    result = grade(framework, audit(grades, overall=overall))
    warning = [f for f in result.findings if f.rule == "overall-good-needs-most-fields-good"]
    assert warning and warning[0].level == "warning"
    assert "work hard to be confident" in warning[0].message + warning[0].source
    assert not result.errors


def test_good_overall_with_most_fields_good_is_fine(framework):
    grades = {q: "meets_good" for q in FIELDS[:11]} | {"q1": "does_not_meet_good"}
    result = grade(framework, audit(grades, overall="meets_good"))
    assert "overall-good-needs-most-fields-good" not in {f.rule for f in result.findings}


def test_suggestion_is_the_median_of_judged_fields(framework):
    grades = {"q1": "exceeds_good", "q2": "meets_good", "q3": "does_not_meet_good",
              "q4": "does_not_meet_good", "q5": "not_applicable"}
    assert grade(framework, audit(grades)).suggested == "does_not_meet_good"


def test_more_than_five_actions_is_a_warning(framework):
    """'Except in highly unusual circumstances there should be no more than 5 recommendations.'"""
    action = {"action": "Update the CIN plan", "owner": "Team manager", "due": "2026-12-01"}
    five = grade(framework, audit({}, actions=[action] * 5))
    assert "at-most-five-actions" not in {f.rule for f in five.findings}
    six = grade(framework, audit({}, actions=[action] * 6))
    assert [f.level for f in six.findings if f.rule == "at-most-five-actions"] == ["warning"]


@pytest.mark.parametrize("action,rule", [
    ({"action": "Update plan", "owner": "", "due": "2026-12-01"}, "action-needs-person"),
    ({"action": "Update plan", "owner": "SW", "due": "two weeks"}, "action-needs-date"),
    ({"action": "Update plan", "owner": "SW", "due": None}, "action-needs-date"),
    ({"action": "Update plan", "owner": "SW", "due": "31/12/2026"}, "action-needs-date"),
])
def test_action_without_person_or_calendar_date_is_an_error(framework, action, rule):
    result = grade(framework, audit({}, actions=[action]))
    assert [(f.rule, f.level, f.where) for f in result.errors] == [(rule, "error", "actions[0]")]


def test_blank_action_rows_are_ignored(framework):
    result = grade(framework, audit({}, actions=[{"action": "", "owner": "", "due": ""}]))
    assert not result.findings


def test_q12_cannot_be_not_applicable(framework):
    with pytest.raises(InvalidAudit, match=r"answers\.q12\.grade"):
        grade(framework, audit({}, overall="not_applicable"))


def test_unknown_grade_is_invalid(framework):
    with pytest.raises(InvalidAudit) as err:
        grade(framework, audit({"q1": "good"}))
    assert err.value.path == "answers.q1.grade"
    assert "exceeds_good" in str(err.value)
