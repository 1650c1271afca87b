"""Grade consistency (auditor against moderator) and the agreement command line."""
from __future__ import annotations

import json

import pytest

from auditlib.consistency import agreement_by, moderation_pairs
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
    low, high = by_auditor["bo"]["low"], by_auditor["bo"]["high"]
    assert low < 0.75 < high
    assert [p.auditor for p in moderation_pairs(store, month="2026-11")] == ["bo"] * 12


def test_dashboard_filters(store):
    dashboard = ConsistencyDashboard(store, user="mo")
    assert "24 moderated fields in 2 audits" in dashboard.summary.value
    assert "<svg" in dashboard.heatmaps.value and "Meets good" in dashboard.heatmaps.value
    assert "more lenient than moderators" in dashboard.tables.value
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
