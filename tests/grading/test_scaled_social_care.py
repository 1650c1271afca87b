"""The scaled social care framework's rules (frameworks/sources/social-care-grading-guidance.txt),
each pinned by the sentence it encodes."""
from __future__ import annotations

import pytest

from auditlib import InvalidAudit, get_framework, grade

GRADED = ("risk", "child_identity", "care_planning", "living_arrangements", "outcomes")


@pytest.fixture(scope="module")
def framework():
    return get_framework("scaled-social-care")


def audit(scores=None, flags=None, overall=None, **extra):
    """A scaled-social-care audit: scores by section, flags by section, the chosen overall."""
    answers = {}
    for sid, score in (scores or {}).items():
        answers[sid] = {"score": score, "evidence": "Evidence.", "impact": "Impact for Sam."}
    for sid, ticked in (flags or {}).items():
        answers.setdefault(sid, {})["flags"] = ticked
    if overall is not None:
        answers["grading"] = {"grade": overall, "team_manager_id": "TM1"}
    return {"framework": "scaled-social-care", "child_id": "C1", "answers": answers, **extra}


def all_scores(score, **overrides):
    return {sid: overrides.get(sid, score) for sid in GRADED}


def rules_fired(result, level=None):
    return {f.rule for f in result.findings if level is None or f.level == level}


def test_rule_sources_quote_the_guidance(framework, source_text):
    """Does every rule carry the sentence of the grading guidance it encodes, word for word?"""
    flat = source_text("social-care-grading-guidance.txt")
    for rule in framework.rules:
        for sentence in rule.source.split("\n"):
            sentence = " ".join(sentence.split()).rstrip(".…")
            assert sentence[:60] in flat, (rule.id, sentence)


@pytest.mark.parametrize("score,band", [
    (10, "outstanding"), (9, "outstanding"), (8, "good"), (6, "good"),
    (5, "requires_improvement"), (3, "requires_improvement"), (2, "inadequate"), (0, "inadequate"),
])
def test_score_bands(framework, score, band):
    """'Scale 9 or above – Outstanding; 6-8 Good; 3-5 Requires Improvement; 0-2 Inadequate'."""
    result = grade(framework, audit({"risk": score}))
    assert result.sections["risk"].grade == band
    assert result.sections["risk"].score == score


@pytest.mark.parametrize("bad", [11, -1, "seven", 7.5, True, "7"])
def test_only_whole_scores_0_to_10_are_valid(framework, bad):
    """A score of 11, -1, 'seven' or 7.5 is not on the 0-10 scale."""
    with pytest.raises(InvalidAudit) as err:
        grade(framework, audit({"risk": bad}))
    assert err.value.path == "answers.risk.score"


def test_outstanding_only_if_every_section_good_or_better(framework):
    """'…if the overall grading awarded is outstanding that every section meets or exceeds good.'"""
    ok = grade(framework, audit(all_scores(9, living_arrangements=6), overall="outstanding"))
    assert "outstanding" in ok.allowed and not ok.errors
    bad = grade(framework, audit(all_scores(9, living_arrangements=5), overall="outstanding"))
    assert "outstanding" not in bad.allowed
    assert "outstanding-needs-every-section-good" in rules_fired(bad, "error")


def test_outcomes_below_good_caps_overall(framework):
    """'If you have graded this section as does not meet good, the overall grading can only be
    requires improvement or inadequate'."""
    result = grade(framework, audit(all_scores(8, outcomes=5), overall="good"))
    assert result.allowed == ["requires_improvement", "inadequate"]
    assert "outcomes-below-good-caps-overall" in rules_fired(result, "error")
    fine = grade(framework, audit(all_scores(8, outcomes=5), overall="requires_improvement"))
    assert "outcomes-below-good-caps-overall" not in rules_fired(fine, "error")
    assert "outcomes-below-good-caps-overall" in rules_fired(fine, "info")


@pytest.mark.parametrize("flags,scores", [
    ({"child_identity": {"child_not_seen": True}}, all_scores(9)),
    ({"risk": {"immediate_harm": True}}, all_scores(9, risk=2)),
    ({"living_arrangements": {"placement_immediate_harm": True}}, all_scores(8)),
])
def test_rules_that_make_the_overall_inadequate(framework, flags, scores):
    """Child not seen; risk 0-2 with immediate harm; immediate harm at home or in placement:
    the overall can only be inadequate, and the suggestion follows."""
    result = grade(framework, audit(scores, flags, overall="good"))
    assert result.allowed == ["inadequate"]
    assert result.suggested == "inadequate"
    assert result.errors


def test_immediate_harm_needs_risk_at_2_or_below(framework):
    """'If this section does not scale higher than 2 and there are significant concerns … immediate
    harm': with risk at 3 the flag alone does not force inadequate."""
    result = grade(framework, audit(all_scores(7, risk=3), {"risk": {"immediate_harm": True}}))
    assert "inadequate" in result.allowed and "good" in result.allowed


@pytest.mark.parametrize("scores,flags", [
    (all_scores(8), {"risk": {"no_supervision": True}}),
    (all_scores(8, care_planning=2), {}),
])
def test_caps_at_requires_improvement(framework, scores, flags):
    """No supervision, or a poor plan (care planning 0-2): 'would need to be graded as requires
    improvement'; 'A poor plan … would have to have the overall grading of requires improvement.'"""
    result = grade(framework, audit(scores, flags, overall="good"))
    assert result.allowed == ["requires_improvement", "inadequate"]
    assert result.suggested == "requires_improvement"
    assert result.errors


def test_good_is_expected_only_with_most_and_crucial_sections_good(framework):
    """'…the majority of sections would meet good. The crucial sections are risk, children and
    young people's involvement, assessments and plans.' A breach is a warning, not an error."""
    crucial_low = grade(framework, audit(all_scores(8, child_identity=4), overall="good"))
    assert "good-expects-most-sections-good" in rules_fired(crucial_low, "warning")
    assert not crucial_low.errors
    assert crucial_low.suggested == "requires_improvement"
    most_good = grade(framework, audit(all_scores(7, living_arrangements=4), overall="good"))
    assert "good-expects-most-sections-good" not in rules_fired(most_good)
    assert most_good.suggested == "good"


def test_no_improved_outcomes_means_inadequate_should_be_considered(framework):
    """'If there is no evidence that the help provided has improved the outcomes … a grading of
    inadequate should be considered': a warning while the overall is not inadequate."""
    flags = {"outcomes": {"no_improved_outcomes": True}}
    result = grade(framework, audit(all_scores(4), flags, overall="requires_improvement"))
    assert "no-improved-outcomes-consider-inadequate" in rules_fired(result, "warning")
    settled = grade(framework, audit(all_scores(4), flags, overall="inadequate"))
    assert "no-improved-outcomes-consider-inadequate" not in rules_fired(settled)


@pytest.mark.parametrize("scores,expected", [
    (all_scores(10), "outstanding"),
    (all_scores(9, outcomes=8), "good"),
    (all_scores(7), "good"),
    (all_scores(4), "requires_improvement"),
    (all_scores(1, risk=5, outcomes=4), "inadequate"),
    (all_scores(7, risk=5, child_identity=5, care_planning=5), "requires_improvement"),
])
def test_suggested_overall(framework, scores, expected):
    """Outstanding when every graded section is outstanding, good when the expectation for good
    holds, inadequate when most sections are inadequate, otherwise requires improvement."""
    assert grade(framework, audit(scores)).suggested == expected


def test_nothing_graded_suggests_nothing(framework):
    result = grade(framework, audit())
    assert result.suggested is None
    assert result.allowed == ["outstanding", "good", "requires_improvement", "inadequate"]
    assert not result.complete


def test_inadequate_escalation_reminder(framework):
    """'If it is inadequate, then use the Service Manager's ID and escalate to them'."""
    result = grade(framework, audit(all_scores(1), overall="inadequate"))
    assert "inadequate-escalate-to-service-manager" in rules_fired(result, "info")


def test_findings_carry_their_source_sentence(framework):
    result = grade(framework, audit(all_scores(8, outcomes=5), overall="good"))
    finding = next(f for f in result.findings if f.rule == "outcomes-below-good-caps-overall")
    assert "can only be requires improvement or inadequate" in finding.source
    assert finding.where == "grading"


def test_completeness_counts_fields(framework):
    record = audit(all_scores(7), overall="good")
    record["answers"]["summary"] = {"summary": "Why we are involved."}
    record["answers"]["observations"] = {"working_well": "a", "not_working_well": "b"}
    result = grade(framework, record)
    assert result.complete, result.missing
    del record["answers"]["risk"]["impact"]
    result = grade(framework, record)
    assert not result.complete and "risk" in result.missing
    assert result.done == result.total - 1


def test_action_rules(framework):
    """'Actions should be specific and, if possible, name the owner'; 'specific dates, not two
    weeks'."""
    record = audit(all_scores(7), actions=[
        {"action": "Update the plan", "owner": "Social worker", "due": "2026-12-01"},
        {"action": "Review", "owner": "", "due": "two weeks"},
        {"action": "Visit", "owner": "SW", "due": "2026-02-30"},
    ])
    result = grade(framework, record)
    by_where = {(f.rule, f.where): f.level for f in result.findings}
    assert by_where[("action-needs-owner", "actions[1]")] == "warning"
    assert by_where[("action-needs-date", "actions[1]")] == "error"
    assert by_where[("action-needs-date", "actions[2]")] == "error"
    assert not any(w == "actions[0]" for _, w in by_where)
