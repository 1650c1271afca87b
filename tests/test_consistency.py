"""Grade consistency (auditor against moderator) and the agreement command line."""
from __future__ import annotations

import json

import pytest

from auditlib.agreement import intervals
from auditlib.consistency import Pair, agreement_by, moderation_pairs
from auditlib.pages.consistency import ConsistencyDashboard
from tests.test_cli import one_line_error, run


@pytest.fixture
def store(store):
    """tests/conftest.py's store with an audit each by ash (in 2026-10, moderated without
    change) and bo (in 2026-11, three fields marked down), both finalised."""
    s = store
    for auditor, month, harsh in (("ash", "2026-10", False), ("bo", "2026-11", True)):
        [(audit, _)] = s.add_audits([{"framework": "full-audit", "child_id": f"{auditor}1",
                                      "auditor": auditor, "month": month,
                                      "service_area": "Safeguarding"}], user="lead")
        for q in range(1, 13):
            s.save_answer(audit, f"q{q}", user=auditor, grade="meets_good", evidence="e",
                          impact="For Jo")
        s.submit(audit, user=auditor)
        if harsh:  # the moderator marks three of bo's fields down
            for q in (1, 2, 3):
                s.save_moderation(audit, f"q{q}", user="mo", grade="does_not_meet_good")
        else:
            s.save_moderation(audit, "q1", user="mo", comment="Agreed.")
        s.finalise(audit, user="mo")
    return s


def test_pairs_and_agreement(store):
    pairs = moderation_pairs(store)
    assert len(pairs) == 24 and sum(p.changed for p in pairs) == 3
    by_auditor = {r["auditor"]: r for r in agreement_by(pairs, "auditor")}
    assert by_auditor["ash"]["agreement"] == 1.0
    assert by_auditor["bo"]["agreement"] == pytest.approx(9 / 12)
    assert by_auditor["bo"]["mean_difference"] > 0  # moderator graded lower: bo lenient
    # one audit each: too few for an interval, each audit being one observation
    assert by_auditor["bo"]["low"] is None and by_auditor["bo"]["high"] is None
    assert by_auditor["bo"]["kappa_interval"] is None
    by_field = {r["field"]: r for r in agreement_by(pairs, "field")}
    q1 = next(r for name, r in by_field.items() if name.startswith("1 "))
    assert q1["pairs"] == 2 and q1["low"] < 0.5 < q1["high"]  # ash's audit and bo's
    assert {p.audit_id for p in pairs if p.auditor == "bo"} == {pairs[-1].audit_id}
    assert [p.auditor for p in moderation_pairs(store, month="2026-11")] == ["bo"] * 12


LEVELS = ("exceeds_good", "meets_good", "does_not_meet_good")


def correlated_pairs(agreeing: int, disagreeing: int, fields: int = 8) -> list[Pair]:
    """Audits by one auditor where the moderator agreed with every field or with none: the
    fields of an audit perfectly correlated, as an interval over fields wrongly ignores."""
    pairs = []
    for audit in range(agreeing + disagreeing):
        changed = audit >= agreeing
        for f in range(fields):
            mine = LEVELS[f % 3]
            final = LEVELS[(f + 1) % 3] if changed else mine
            pairs.append(Pair(audit, "2026-11", "Safeguarding", "ash", "full-audit", f"q{f}",
                              f"{f} Field", "good3", LEVELS, mine, final, changed))
    return pairs


def test_the_intervals_treat_each_audit_as_one_observation():
    """Agreement and weighted kappa intervals are auditlib.agreement.intervals' with each pair's
    audit as its cluster: wider than the Wilson interval over fields (40 of 64 agreed) and the
    kappa interval over fields, which cover the truth too seldom when fields go together."""
    pairs = correlated_pairs(agreeing=5, disagreeing=3)
    [row] = agreement_by(pairs, "auditor")
    ratings = [rating for i, p in enumerate(pairs) for rating in
               ((i, "auditor", p.auditor_grade), (i, "moderator", p.moderated_grade))]
    by_audit = intervals(ratings, LEVELS, {i: p.audit_id for i, p in enumerate(pairs)})
    assert row["agreement"] == 40 / 64
    assert [row["low"], row["high"]] == by_audit["percent_agreement"]
    assert row["kappa_interval"] == by_audit["cohen_kappa"]["linear"]
    wider_than_by_field([row["low"], row["high"]], 40, 64, row["kappa_interval"], ratings, LEVELS)


def wider_than_by_field(agreement: list[float], agreed: int, fields: int,
                        kappa: list[float] | None = None, ratings: list | None = None,
                        levels: tuple | list = ()) -> None:
    """Intervals by audit are far wider than the by-field ones (the Wilson interval for
    ``agreed`` of ``fields``; the kappa interval of ``ratings`` with each field its own unit)
    when the fields of an audit go together."""
    from statsmodels.stats.proportion import proportion_confint

    wilson_low, wilson_high = proportion_confint(agreed, fields, method="wilson")
    assert agreement[1] - agreement[0] > 1.5 * (wilson_high - wilson_low)
    if kappa is not None:
        field_low, field_high = intervals(ratings, levels)["cohen_kappa"]["linear"]
        assert kappa[1] - kappa[0] > 1.5 * (field_high - field_low)


def test_agreement_across_scales_has_an_interval_by_audit():
    """Grades of two scales in one group (an auditor's audits of two frameworks): agreement is
    whether the two grades are the same, still by audit; kappa, needing one scale, has none."""
    pairs = correlated_pairs(agreeing=3, disagreeing=2)
    ofsted = ("outstanding", "good", "requires_improvement", "inadequate")
    pairs += [Pair(9, "2026-11", "Safeguarding", "ash", "scaled-social-care", "risk", "2 Risk",
                   "ofsted4", ofsted, "good", "good", False)]
    [row] = agreement_by(pairs, "auditor")
    same = [(i, "a", "same") for i in range(len(pairs))] + \
           [(i, "m", "different" if p.changed else "same") for i, p in enumerate(pairs)]
    expected = intervals(same, ["same", "different"], {i: p.audit_id for i, p in enumerate(pairs)})
    assert [row["low"], row["high"]] == expected["percent_agreement"]
    assert row["weighted_kappa"] is None and row["kappa_interval"] is None


def test_dashboard_filters(store):
    dashboard = ConsistencyDashboard(store, user="mo")
    assert "24 moderated fields in 2 audits" in dashboard.summary.value
    assert "<svg" in dashboard.heatmaps.value and "Meets good" in dashboard.heatmaps.value
    assert "more lenient than moderators" in dashboard.tables.value
    assert "treat each audit as one observation" in dashboard.summary.value
    # each auditor has one audit: said in words, not a 0% to 100% interval
    per_auditor = dashboard.tables.value.split("Agreement per field")[0]
    assert "75% (no interval)" in per_auditor  # bo
    assert "100% (no interval)" in per_auditor  # ash
    assert "“No interval” means too few audits, or audits all alike" in dashboard.summary.value
    assert "0%–100%" not in dashboard.tables.value
    per_field = {r["field"]: r for r in agreement_by(moderation_pairs(store), "field")}
    q1 = next(r for name, r in per_field.items() if name.startswith("1 "))
    assert f"50% ({100 * q1['low']:.0f}% to {100 * q1['high']:.0f}%)" in dashboard.tables.value
    dashboard.auditor.value = "ash"
    assert "12 moderated fields in 1 audits" in dashboard.summary.value
    assert "0% change rate" in dashboard.summary.value
    dashboard.month.value = "2026-11"
    assert "No moderated audits match" in dashboard.summary.value


def test_agreement_cli(tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("unit,rater,grade\n" + "".join(
        f"{u},{r},{g}\n" for u, r, g in [(1, "a", "good"), (1, "b", "good"),
                                         (2, "a", "outstanding"), (2, "b", "good"),
                                         (3, "a", "inadequate"), (3, "b", "inadequate")]))
    result = run("agreement", ratings, "--scale", "ofsted4", "--reference", "a", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"percent_agreement", "within_one", "cohen_kappa", "fleiss_kappa",
                         "krippendorff_alpha", "gwet_ac1", "gwet_ac2", "raters", "n_units"}
    assert set(data["cohen_kappa"]) == {"unweighted", "linear", "quadratic"}
    assert set(data["krippendorff_alpha"]) == {"nominal", "ordinal", "interval"}
    assert data["n_units"] == 3 and data["percent_agreement"] == pytest.approx(2 / 3)
    assert "give the ordered scale" in one_line_error(run("agreement", ratings))
    assert "'good' is not one of the levels" in one_line_error(
        run("agreement", ratings, "--levels", "1,2,3"))
