"""auditlib.agreement reproduces published worked examples, matches the reference packages
(krippendorff, irrCAC, scikit-learn, statsmodels) on random ratings to 1e-9, and rejects bad
input with a ValueError that states the rule."""
from __future__ import annotations

import math
import random

import krippendorff
import numpy as np
import pandas as pd
import pytest
from irrCAC.raw import CAC
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss_kappa

from auditlib.agreement import (
    GROUPS,
    NO_PAIRS,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    intervals,
    krippendorff_alpha,
    levels_from,
    percent_agreement,
    rater_bias,
    ratings_matrix,
    read_ratings_csv,
    summary,
    within_one,
)
from auditlib.exceptions import TableError as SampleError

OFSTED4 = ["outstanding", "good", "requires_improvement", "inadequate"]
TOLERANCE = 1e-9  # against the reference packages: both sides compute in double precision


def from_rows(rows: dict[str, str], missing: str = ".") -> list[tuple]:
    """Ratings from one space-separated row of grades per rater, unit numbers from 1."""
    return [(unit, rater, None if grade == missing else grade)
            for rater, row in rows.items()
            for unit, grade in enumerate(row.split(), start=1)]


def from_table(table: list[list[int]], levels: list[str]) -> list[tuple]:
    """Two raters' ratings from a contingency table (rows rater A's grade, columns rater B's)."""
    ratings: list[tuple] = []
    unit = 0
    for a, row in enumerate(table):
        for b, count in enumerate(row):
            for _ in range(count):
                unit += 1
                ratings += [(unit, "A", levels[a]), (unit, "B", levels[b])]
    return ratings


def from_counts(counts: list[list[int]], levels: list[str]) -> list[tuple]:
    """Ratings from how many raters chose each level of each unit (raters numbered per unit)."""
    ratings: list[tuple] = []
    for unit, row in enumerate(counts, start=1):
        grades = [level for level, count in zip(levels, row) for _ in range(count)]
        ratings += [(unit, f"rater {r}", g) for r, g in enumerate(grades, start=1)]
    return ratings


# --- published values ------------------------------------------------------------------------

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, values 1-5, missing values. The paper gives alpha nominal .743, ordinal .815,
# interval .849 (ratio .797). The `krippendorff` package's `alpha` doctest reproduces the
# nominal .743 and ordinal .815 on this data; irrCAC's test_krippendorff (raw_4raters) the
# nominal .743 and, with quadratic weights, the interval .849.
KRIPPENDORFF_2011 = {
    "A": "1 2 3 3 2 1 4 1 2 . . .",
    "B": "1 2 3 3 2 2 4 1 2 5 . 3",
    "C": ". 3 3 3 2 3 4 2 2 5 1 .",
    "D": "1 2 3 3 2 4 4 1 2 5 1 .",
}
LEVELS_1_TO_5 = ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize(("metric", "published"),
                         [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_krippendorff_2011_worked_example(metric, published):
    """Alpha on Krippendorff's (2011) example is the paper's value to its three decimals, and
    the krippendorff package's to 1e-9."""
    ratings = from_rows(KRIPPENDORFF_2011)
    alpha = krippendorff_alpha(ratings, LEVELS_1_TO_5, metric)
    assert round(alpha, 3) == published
    reliability = [[np.nan if g == "." else float(g) for g in row.split()]
                   for row in KRIPPENDORFF_2011.values()]
    reference = krippendorff.alpha(reliability, value_domain=[1, 2, 3, 4, 5],
                                   level_of_measurement=metric)
    assert alpha == pytest.approx(reference, abs=TOLERANCE, rel=0)


def test_krippendorff_wikipedia_example():
    """The Wikipedia example (3 coders, 15 units) gives the krippendorff package's doctest values:
    nominal 0.691358, interval 0.810845."""
    rows = {"1": ". . . . . 3 4 1 2 1 1 3 3 . 3",
            "2": "1 . 2 1 3 3 4 3 . . . . . . .",
            "3": ". . 2 1 3 4 4 . 2 1 1 3 3 . 4"}
    ratings = from_rows(rows)
    levels = ["1", "2", "3", "4"]
    assert round(krippendorff_alpha(ratings, levels, "nominal"), 6) == 0.691358
    assert round(krippendorff_alpha(ratings, levels, "interval"), 6) == 0.810845


# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; P-bar 0.378,
# P_e 0.213, kappa 0.210 (statsmodels' test_fleiss_kappa checks the same table).
FLEISS_WIKIPEDIA = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
                    [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
                    [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]

# Fleiss (1971), "Measuring nominal scale agreement among many raters": 30 patients, each
# diagnosed by 6 of the psychiatrists into 5 categories; kappa .430 (R irr's kappam.fleiss gives
# 0.4302445, as statsmodels' test_fleiss_kappa_irr records). One string per patient.
FLEISS_1971 = ["444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334",
               "114444", "555555", "144444", "124444", "222333", "144444", "224445", "333335",
               "111455", "111112", "224444", "133555", "555555", "244444", "224555", "114444",
               "144445", "222224", "111155", "224444", "133333", "555555"]


def test_fleiss_wikipedia_example():
    """Fleiss' kappa on Wikipedia's worked example is 0.210 and its P-bar is 0.378."""
    ratings = from_counts(FLEISS_WIKIPEDIA, LEVELS_1_TO_5)
    assert round(fleiss_kappa(ratings, LEVELS_1_TO_5), 3) == 0.210
    # with the same number of raters on every unit, Gwet's p_a is Fleiss' P-bar
    assert round(percent_agreement(ratings, LEVELS_1_TO_5), 3) == 0.378


def test_fleiss_1971_diagnoses():
    """Fleiss' kappa on Fleiss' own 1971 data is .430 (0.4302445 in R's irr)."""
    ratings = [(patient, f"psychiatrist {r}", grade)
               for patient, grades in enumerate(FLEISS_1971, start=1)
               for r, grade in enumerate(grades, start=1)]
    assert round(fleiss_kappa(ratings, LEVELS_1_TO_5), 7) == 0.4302445


# Cohen's kappa, published examples:
# - a SAS PROC FREQ printout reproduced by statsmodels' TestUnweightedCohens/TestWeightedCohens
#   (stats/tests/test_inter_rater.py): kappa 0.4842, Cicchetti-Allison (linear) weighted 0.4701;
# - Gwet, Handbook of Inter-Rater Reliability (4th ed.): 100 pregnant women classified by two
#   abstractors (irrCAC's table_cont3x3abstractors) and 223 psychiatric patients by two diagnosis
#   methods (table_cont4x4diagnosis); the values are those of irrCAC's table/test_cohen.py.
SAS_TABLE = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
ABSTRACTORS = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]
ABSTRACTOR_LEVELS = ["Ectopic", "AIU", "NIU"]
DIAGNOSIS = [[40, 4, 4, 17], [6, 25, 2, 13], [4, 1, 21, 12], [15, 5, 9, 45]]
DIAGNOSIS_LEVELS = ["Schizophrenia", "Bipolar Disorder", "Depression", "Other"]


@pytest.mark.parametrize(("table", "levels", "weights", "published", "digits"), [
    (SAS_TABLE, ["1", "2", "3"], None, 0.4842, 4),
    (SAS_TABLE, ["1", "2", "3"], "linear", 0.4701, 4),
    (ABSTRACTORS, ABSTRACTOR_LEVELS, None, 0.796, 3),
    (ABSTRACTORS, ABSTRACTOR_LEVELS, "linear", 0.843, 3),
    (ABSTRACTORS, ABSTRACTOR_LEVELS, "quadratic", 0.892, 3),
    (DIAGNOSIS, DIAGNOSIS_LEVELS, None, 0.432, 3),
    (DIAGNOSIS, DIAGNOSIS_LEVELS, "linear", 0.407, 3),
    (DIAGNOSIS, DIAGNOSIS_LEVELS, "quadratic", 0.383, 3),
])
def test_cohen_kappa_published(table, levels, weights, published, digits):
    """Cohen's kappa, plain and weighted, is the published value to its decimals."""
    assert round(cohen_kappa(from_table(table, levels), levels, weights), digits) == published


def test_gwet_on_the_abstractors_table():
    """AC1 and quadratic AC2 on the handbook's abstractors table are irrCAC's documented 0.84933
    and 0.94024, and percent agreement is 0.89."""
    ratings = from_table(ABSTRACTORS, ABSTRACTOR_LEVELS)
    assert round(gwet_ac1(ratings, ABSTRACTOR_LEVELS), 5) == 0.84933
    assert round(gwet_ac2(ratings, ABSTRACTOR_LEVELS, "quadratic"), 5) == 0.94024
    assert round(percent_agreement(ratings, ABSTRACTOR_LEVELS), 5) == 0.89


# Gwet's handbook data as shipped by irrCAC (irrCAC.datasets; "." is a missing rating), with the
# published values of irrCAC's raw/test_gwet.py and raw/test_krippendorff.py.
RAW_4RATERS = {  # raw_4raters: 4 raters, 12 units, categories 1-5
    "Rater1": "1 2 3 3 2 1 4 1 2 . . .",
    "Rater2": "1 2 3 3 2 2 4 1 2 5 . .",
    "Rater3": ". 3 3 3 2 3 4 2 2 5 1 3",
    "Rater4": "1 2 3 3 2 4 4 1 2 5 1 .",
}
RAW_5OBSERVERS = {  # raw_5observers: 5 observers, 15 units, scores 0-3
    "Observer1": "1 1 2 . 0 0 1 1 2 2 . 0 1 3 1",
    "Observer2": "1 1 3 0 0 0 0 . 2 1 1 0 2 3 1",
    "Observer3": "2 0 3 0 0 0 2 2 2 1 0 0 2 2 1",
    "Observer4": ". 1 3 . . . . 0 . 1 0 0 2 2 .",
    "Observer5": "2 . . 0 0 0 1 . 2 . . . . 3 1",
}
RAW_G1G2 = {  # raw_g1g2: 4 raters, 14 units, categories a-e
    "Rater1": "a b c c b a d a b . . . b b",
    "Rater2": "a b c c b b d a b e . . b a",
    "Rater3": ". c c c b c d b b e a c c c",
    "Rater4": "a b c c b d d a b e a . b b",
}
RAW_GENDER = {  # raw_gender: 4 raters, 15 units, categories a-c
    "Rater1": "a a a a a b b b c a a a a a b",
    "Rater2": "a a a a b a b c c a a a a b a",
    "Rater3": "a b b c a a b b c a b b c a a",
    "Rater4": "c c c c a a b b c c c c c a a",
}
RAW_BEN_GERRY = {  # raw_ben_gerry: 2 raters, 12 units, categories a-e
    "Ben": "a a b b d c c c e d d a",
    "Gerry": "b a b b b c c c e . d d",
}
ABCDE = ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize(("rows", "levels", "pa", "ac1", "alpha"), [
    (RAW_4RATERS, LEVELS_1_TO_5, 0.818, 0.775, 0.743),
    (RAW_5OBSERVERS, ["0", "1", "2", "3"], 0.616, 0.497, 0.481),
    (RAW_G1G2, ABCDE, 0.744, 0.685, 0.632),
    (RAW_GENDER, ["a", "b", "c"], 0.456, 0.208, 0.143),
    (RAW_BEN_GERRY, ABCDE, 0.727, 0.661, 0.665),
])
def test_gwet_handbook_data(rows, levels, pa, ac1, alpha):
    """On the handbook's data sets, percent agreement, AC1 and nominal alpha are the published
    values to three decimals, missing ratings included."""
    ratings = from_rows(rows)
    assert round(percent_agreement(ratings, levels), 3) == pa
    assert round(gwet_ac1(ratings, levels), 3) == ac1
    assert round(krippendorff_alpha(ratings, levels, "nominal"), 3) == alpha


@pytest.mark.parametrize(("weights", "published"), [("linear", 0.859), ("quadratic", 0.914)])
def test_gwet_ac2_handbook_4raters(weights, published):
    """AC2 on raw_4raters is irrCAC's published 0.859 (linear) and 0.914 (quadratic)."""
    assert round(gwet_ac2(from_rows(RAW_4RATERS), LEVELS_1_TO_5, weights), 3) == published


# --- against the reference packages on random ratings ---------------------------------------

def random_ratings(seed: int, n_units: int, n_raters: int, q: int, missing: float):
    """Raters who mostly agree within a level of each unit's true grade, some of them biased,
    with a share of ratings missing. Levels are words, so only their order carries meaning."""
    rng = random.Random(seed)
    levels = [f"level {chr(ord('a') + k)}" for k in range(q)]
    bias = [rng.choice([-1, 0, 0, 1]) for _ in range(n_raters)]
    positions: dict[tuple[int, int], int | None] = {}
    for unit in range(n_units):
        truth = rng.randrange(q)
        for rater in range(n_raters):
            if rng.random() < missing:
                positions[unit, rater] = None
                continue
            noise = rng.choice([-2, -1, 0, 0, 0, 0, 1, 2]) + (bias[rater] if rng.random() < .3
                                                               else 0)
            positions[unit, rater] = min(q - 1, max(0, truth + noise))
    ratings = [(f"case {unit}", f"auditor {rater}", None if p is None else levels[p])
               for (unit, rater), p in positions.items()]
    # units by raters, positions as floats with nan for missing (the packages' format)
    frame = pd.DataFrame([[np.nan if positions[u, r] is None else float(positions[u, r])
                           for r in range(n_raters)] for u in range(n_units)], dtype=float)
    return ratings, levels, frame


CASES = [  # seed, units, raters, levels, share missing
    (1, 40, 2, 4, 0.0),
    (2, 60, 2, 3, 0.2),
    (3, 50, 3, 4, 0.0),
    (4, 80, 4, 11, 0.25),
    (5, 30, 5, 5, 0.3),
    (6, 200, 3, 4, 0.1),
    (7, 25, 5, 4, 0.0),
]
CASE_IDS = [f"seed{c[0]}-{c[1]}units-{c[2]}raters-{c[3]}levels-{c[4]:.0%}missing" for c in CASES]


def irrcac(frame: pd.DataFrame, q: int, weights="identity") -> CAC:
    """irrCAC on positions 0..q-1 (so its weights are by position), unrounded.

    Units nobody graded are dropped first, as irrCAC itself does: its own dropna-then-replace
    would otherwise raise pandas' SettingWithCopyWarning, an error under this suite's filters."""
    return CAC(frame.dropna(how="all").copy(), weights=weights, categories=list(range(q)),
               digits=15)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_krippendorff_matches_the_krippendorff_package(case):
    """Alpha, nominal, ordinal and interval, equals krippendorff.alpha to 1e-9."""
    ratings, levels, frame = random_ratings(*case)
    for metric in ("nominal", "ordinal", "interval"):
        reference = krippendorff.alpha(frame.to_numpy().T, value_domain=list(range(len(levels))),
                                       level_of_measurement=metric)
        assert krippendorff_alpha(ratings, levels, metric) == pytest.approx(
            reference, abs=TOLERANCE, rel=0), metric


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_gwet_matches_irrcac(case):
    """AC1, AC2 (linear, quadratic), percent agreement and within-one agreement equal irrCAC's
    gwet() coefficient and p_a (within one: p_a with weights 1 up to one level apart) to 1e-9,
    missing ratings included; nominal and interval alpha equal irrCAC's krippendorff()."""
    ratings, levels, frame = random_ratings(*case)
    q = len(levels)
    close = {"abs": TOLERANCE, "rel": 0}
    plain = irrcac(frame, q).gwet()["est"]
    assert gwet_ac1(ratings, levels) == pytest.approx(plain["coefficient_value"], **close)
    assert percent_agreement(ratings, levels) == pytest.approx(plain["pa"], **close)
    for weights in ("linear", "quadratic"):
        weighted = irrcac(frame, q, weights).gwet()["est"]["coefficient_value"]
        assert gwet_ac2(ratings, levels, weights) == pytest.approx(weighted, **close), weights
    near = np.array([[1.0 if abs(k - m) <= 1 else 0.0 for m in range(q)] for k in range(q)])
    assert within_one(ratings, levels) == pytest.approx(
        irrcac(frame, q, near).gwet()["est"]["pa"], **close)
    assert krippendorff_alpha(ratings, levels, "nominal") == pytest.approx(
        irrcac(frame, q).krippendorff()["est"]["coefficient_value"], **close)
    assert krippendorff_alpha(ratings, levels, "interval") == pytest.approx(
        irrcac(frame, q, "quadratic").krippendorff()["est"]["coefficient_value"], **close)


@pytest.mark.parametrize("case", [c for c in CASES if c[2] == 2],
                         ids=[i for c, i in zip(CASES, CASE_IDS) if c[2] == 2])
def test_cohen_matches_scikit_learn(case):
    """Cohen's kappa, unweighted, linear and quadratic, equals sklearn's cohen_kappa_score over
    the units both raters graded, to 1e-9."""
    ratings, levels, frame = random_ratings(*case)
    both = frame.dropna()
    for weights in (None, "linear", "quadratic"):
        reference = cohen_kappa_score(both[0].astype(int), both[1].astype(int),
                                      labels=list(range(len(levels))), weights=weights)
        assert cohen_kappa(ratings, levels, weights) == pytest.approx(
            reference, abs=TOLERANCE, rel=0), weights


@pytest.mark.parametrize("case", [c for c in CASES if c[4] == 0],
                         ids=[i for c, i in zip(CASES, CASE_IDS) if c[4] == 0])
def test_fleiss_matches_statsmodels_and_irrcac(case):
    """On complete ratings, Fleiss' kappa equals statsmodels' fleiss_kappa and irrCAC's fleiss()
    to 1e-9."""
    ratings, levels, frame = random_ratings(*case)
    q = len(levels)
    table = np.array([[int((row == k).sum()) for k in range(q)] for row in frame.to_numpy()])
    kappa = fleiss_kappa(ratings, levels)
    assert kappa == pytest.approx(statsmodels_fleiss_kappa(table), abs=TOLERANCE, rel=0)
    assert kappa == pytest.approx(irrcac(frame, q).fleiss()["est"]["coefficient_value"],
                                  abs=TOLERANCE, rel=0)


def test_fleiss_refuses_units_with_different_numbers_of_grades():
    """With missing ratings that leave units with different numbers of grades, Fleiss' kappa is
    a ValueError that says every unit needs the same number; summary reports it as None."""
    ratings, levels, _ = random_ratings(5, 30, 5, 5, 0.3)
    with pytest.raises(ValueError, match="same number of raters"):
        fleiss_kappa(ratings, levels)
    assert summary(ratings, levels)["fleiss_kappa"] is None


def test_statistics_do_not_depend_on_the_direction_of_the_scale():
    """Reversing levels changes no statistic, and flips the sign of every rater's bias."""
    ratings, levels, _ = random_ratings(4, 80, 4, 11, 0.25)
    forward, backward = summary(ratings, levels), summary(ratings, levels[::-1])
    for key in ("percent_agreement", "within_one", "gwet_ac1", "n_units"):
        assert backward[key] == pytest.approx(forward[key], abs=TOLERANCE)
    for key in ("krippendorff_alpha", "gwet_ac2"):
        for name, value in forward[key].items():
            assert backward[key][name] == pytest.approx(value, abs=TOLERANCE), (key, name)
    for rater, row in forward["raters"].items():
        if row["mean_difference"] is not None:
            assert backward["raters"][rater]["mean_difference"] == pytest.approx(
                -row["mean_difference"])


# --- the helpers, bias and summary ------------------------------------------------------------

def test_ratings_matrix_keeps_first_seen_order_and_missing():
    """ratings_matrix lists units and raters as first seen and gives positions or None."""
    units, raters, matrix = ratings_matrix(
        [("c2", "bob", "good"), ("c1", "ann", "outstanding"), ("c2", "ann", None),
         ("c1", "bob", "inadequate")], OFSTED4)
    assert units == ["c2", "c1"]
    assert raters == ["bob", "ann"]
    assert matrix == [[1, None], [3, 0]]


def test_rater_bias_sign_means_harsher_toward_the_end_of_the_levels():
    """A rater who grades one level further down an Ofsted scale (best first) than the reference
    on every common unit has mean difference +1: harsher. Units only one of them graded count
    in n but not in the comparison."""
    ratings = [(1, "lead", "outstanding"), (1, "harsh", "good"), (1, "kind", "outstanding"),
               (2, "lead", "good"), (2, "harsh", "requires_improvement"), (2, "kind", "good"),
               (3, "lead", "inadequate"), (3, "kind", "requires_improvement"),
               (4, "harsh", "inadequate")]
    bias = rater_bias(ratings, OFSTED4, "lead")
    assert bias["harsh"] == {"n": 3, "in_common_with_reference": 2, "mean_difference": 1.0,
                             "exact_agreement": 0.0}
    assert bias["kind"] == {"n": 3, "in_common_with_reference": 3,
                            "mean_difference": pytest.approx(-1 / 3), "exact_agreement":
                            pytest.approx(2 / 3)}
    assert bias["lead"] == {"n": 3, "in_common_with_reference": None, "mean_difference": None,
                            "exact_agreement": None}


def test_summary_has_exactly_the_documented_keys():
    """summary gives every statistic under its documented key; Cohen's kappa only for two
    raters; the reference defaults to the rater with the most grades and says so."""
    ratings, levels, _ = random_ratings(1, 40, 2, 4, 0.0)
    ratings = ratings + [("extra case", "auditor 1", levels[0])]
    result = summary(ratings, levels)
    assert set(result) == {"percent_agreement", "within_one", "cohen_kappa", "fleiss_kappa",
                           "krippendorff_alpha", "gwet_ac1", "gwet_ac2", "raters", "reference",
                           "n_units", "levels"}
    assert set(result["cohen_kappa"]) == {"unweighted", "linear", "quadratic"}
    assert result["cohen_kappa"]["linear"] == cohen_kappa(ratings, levels, "linear")
    assert set(result["krippendorff_alpha"]) == {"nominal", "ordinal", "interval"}
    assert set(result["gwet_ac2"]) == {"linear", "quadratic"}
    assert result["fleiss_kappa"] is None          # the extra case has one grade
    assert result["reference"] == {"rater": "auditor 1",
                                   "chosen": "the rater with the most grades"}
    assert result["raters"]["auditor 0"]["in_common_with_reference"] == 40
    assert result["n_units"] == 41
    assert result["levels"] == levels
    three, _, _ = random_ratings(3, 50, 3, 4, 0.0)
    given = summary(three, levels, reference="auditor 2")
    assert given["cohen_kappa"] is None
    assert given["fleiss_kappa"] == fleiss_kappa(three, levels)
    assert given["reference"] == {"rater": "auditor 2", "chosen": "given"}


def test_no_variation_gives_nan():
    """When every grade is the same level, the kappas and alpha are undefined (nan), while
    percent agreement is 1."""
    ratings = [(unit, rater, "good") for unit in range(5) for rater in ("ann", "bob")]
    assert percent_agreement(ratings, OFSTED4) == 1.0
    assert math.isnan(cohen_kappa(ratings, OFSTED4))
    assert math.isnan(fleiss_kappa(ratings, OFSTED4))
    assert math.isnan(krippendorff_alpha(ratings, OFSTED4, "ordinal"))


# --- bad input --------------------------------------------------------------------------------

def test_unknown_grade_names_the_grade_and_the_levels():
    """A grade that is not one of the levels is a ValueError naming it and the levels."""
    with pytest.raises(ValueError, match=r"Grade 'excellent' \(unit 1, rater 'ann'\) is not one "
                                         r"of the levels \['outstanding', 'good'"):
        percent_agreement([(1, "ann", "excellent"), (1, "bob", "good")], OFSTED4)


def test_cohen_needs_exactly_two_raters():
    """Cohen's kappa with one rater, or three, is a ValueError stating the rule."""
    one = [(1, "ann", "good"), (2, "ann", "inadequate"), (2, "bob", None)]
    with pytest.raises(ValueError, match=r"Cohen's kappa needs exactly two raters \(got 1\)"):
        cohen_kappa(one, OFSTED4)
    three = [(1, r, "good") for r in ("ann", "bob", "cy")]
    with pytest.raises(ValueError, match=r"Cohen's kappa needs exactly two raters \(got 3\)"):
        cohen_kappa(three, OFSTED4, "quadratic")


def test_cohen_needs_a_unit_graded_by_both():
    """Two raters with no unit in common is a ValueError."""
    with pytest.raises(ValueError, match="at least one unit graded by both raters"):
        cohen_kappa([(1, "ann", "good"), (2, "bob", "good")], OFSTED4)


@pytest.mark.parametrize("statistic", [
    percent_agreement, within_one, fleiss_kappa, gwet_ac1, gwet_ac2, krippendorff_alpha, summary,
])
def test_no_unit_with_two_ratings(statistic):
    """Every statistic needs a unit graded by two raters, and says so."""
    ratings = [(1, "ann", "good"), (2, "bob", "inadequate"), (3, "ann", None), (3, "cy", "good")]
    with pytest.raises(ValueError, match="^" + NO_PAIRS.replace(".", r"\.") + "$"):
        statistic(ratings, OFSTED4)


def test_a_rater_grading_a_unit_twice_is_refused():
    """The same (unit, rater) twice is a ValueError, even when one of the grades is missing."""
    with pytest.raises(ValueError, match="rater 'ann' graded unit 1 twice"):
        ratings_matrix([(1, "ann", None), (1, "ann", "good")], OFSTED4)


@pytest.mark.parametrize(("call", "message"), [
    (lambda r: krippendorff_alpha(r, OFSTED4, "ratio"), "metric must be one of"),
    (lambda r: gwet_ac2(r, OFSTED4, "identity"), "weights must be one of"),
    (lambda r: cohen_kappa(r, OFSTED4, "squared"), "weights must be one of"),
    (lambda r: percent_agreement(r, ["good"]), "at least two levels"),
    (lambda r: percent_agreement(r, ["good", "good"]), "appears once in levels"),
    (lambda r: percent_agreement(r, "good,inadequate"), "not a string"),
    (lambda r: rater_bias(r, OFSTED4, "zed"), "'zed' graded none"),
    (lambda r: percent_agreement([("only two",)], OFSTED4), r"\(unit, rater, grade\) tuple"),
])
def test_bad_arguments(call, message):
    """Unknown metrics, weights, references and malformed levels or ratings are ValueErrors."""
    ratings = [(1, "ann", "good"), (1, "bob", "good")]
    with pytest.raises(ValueError, match=message):
        call(ratings)


# --- files and scales -------------------------------------------------------------------------

def test_read_ratings_csv(tmp_path):
    """The CSV's unit, rater and grade columns become ratings; other columns are ignored and an
    empty grade is missing."""
    path = tmp_path / "ratings.csv"
    path.write_text("unit,rater,grade,note\ncase 1,ann,good,x\ncase 1,bob,,\n"
                    "case 2, ann ,inadequate,\n", encoding="utf-8")
    ratings = read_ratings_csv(path)
    assert ratings == [("case 1", "ann", "good"), ("case 1", "bob", None),
                       ("case 2", "ann", "inadequate")]


@pytest.mark.parametrize(("text", "row", "column", "message"), [
    ("unit,rater\ncase 1,ann\n", 1, "grade", "missing column"),
    ("unit,rater,grade\ncase 1,ann,good\ncase 1,ann,inadequate\n", 3, "rater",
     "rater 'ann' graded unit 'case 1' twice (also row 2)"),
    ("unit,rater,grade\n,ann,good\n", 2, "unit", "empty unit"),
    ("unit,rater,grade\ncase 1,ann,excellent\n", 2, "grade", "'excellent' is not one of"),
])
def test_read_ratings_csv_errors(tmp_path, text, row, column, message):
    """A missing column, a duplicate (unit, rater), an empty unit, or (with levels) an unknown
    grade is a SampleError naming the file, row and column."""
    path = tmp_path / "ratings.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SampleError) as caught:
        read_ratings_csv(path, levels=OFSTED4)
    assert (caught.value.file, caught.value.row, caught.value.column) == (str(path), row, column)
    assert message in str(caught.value)


def test_levels_from_scales_and_lists():
    """levels_from gives the scales' category sets and parses a comma-separated list."""
    assert levels_from("ofsted4") == OFSTED4
    assert levels_from("good3") == ["exceeds_good", "meets_good", "does_not_meet_good"]
    assert levels_from("score10") == [str(s) for s in range(11)]
    assert levels_from(levels=" low,mid , high") == ["low", "mid", "high"]
    for bad in ({}, {"scale": "ofsted4", "levels": "a,b"}):
        with pytest.raises(ValueError, match="either a scale id or"):
            levels_from(**bad)
    with pytest.raises(ValueError, match=r"scale must be one of \('good3', 'ofsted4', "
                                         r"'score10'\) \(got 'ofsted5'\)"):
        levels_from("ofsted5")
    with pytest.raises(ValueError, match="none empty"):
        levels_from(levels="low,,high")


# --- intervals --------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_variance_intervals_match_irrcac(case):
    """Without clusters, the AC1, AC2 and (complete ratings) Fleiss intervals are irrCAC's:
    Gwet's standard error and Student's t on units - 1 degrees of freedom."""
    ratings, levels, frame = random_ratings(*case)
    q = case[3]
    found = intervals(ratings, levels, method="gwet")
    pairs = [(found["gwet_ac1"], irrcac(frame, q).gwet()),
             (found["gwet_ac2"]["linear"], irrcac(frame, q, "linear").gwet()),
             (found["gwet_ac2"]["quadratic"], irrcac(frame, q, "quadratic").gwet())]
    if case[4] == 0:
        pairs.append((found["fleiss_kappa"], irrcac(frame, q).fleiss()))
    for ours, theirs in pairs:
        # 1e-7: scipy's t.ppf, which irrCAC uses, is itself off by up to ~1e-8 (df 39)
        assert ours == pytest.approx(list(theirs["est"]["confidence_interval"]), abs=1e-7)


def clustered_ratings(seed: int, audits: int, fields: int):
    """Two auditors grading ``fields`` fields of each audit, with some audits much harder to
    agree on than others (so agreement is correlated within an audit)."""
    rng = random.Random(seed)
    ratings, clusters = [], {}
    for audit in range(audits):
        noise = rng.choice([0.2, 0.2, 1.5])
        centre = rng.gauss(0, 1)
        for field in range(fields):
            unit = f"audit {audit} field {field}"
            clusters[unit] = f"audit {audit}"
            truth = centre + rng.gauss(0, 0.7)
            for rater in ("lead", "moderator"):
                position = min(3, max(0, round(1.5 + truth + rng.gauss(0, noise))))
                ratings.append((unit, rater, OFSTED4[position]))
    return ratings, clusters


def test_intervals_have_the_keys_of_summary_and_contain_the_estimate():
    ratings, clusters = clustered_ratings(1, 12, 8)
    result, found = summary(ratings, OFSTED4), intervals(ratings, OFSTED4, clusters)
    assert set(found) == set(result) - {"raters", "reference", "n_units", "levels"}
    for key, value in found.items():
        nested = value if isinstance(value, dict) else {None: value}
        estimates = result[key] if isinstance(value, dict) else {None: result[key]}
        assert set(nested) == set(estimates)
        for name, (low, high) in nested.items():
            assert low <= estimates[name] <= high, (key, name)


def test_each_unit_its_own_cluster_is_the_same_as_no_clusters():
    ratings, levels, _ = random_ratings(3, 50, 3, 4, 0.0)
    alone = {unit: unit for unit, _, _ in ratings}
    assert intervals(ratings, levels, alone) == intervals(ratings, levels)


def test_clusters_widen_the_intervals_when_fields_of_an_audit_go_together():
    """Fields of one audit are not independent: treating audits as the observations gives
    wider intervals than treating 96 fields as 96 independent units."""
    ratings, clusters = clustered_ratings(2, 12, 8)
    by_field = intervals(ratings, OFSTED4)
    by_audit = intervals(ratings, OFSTED4, clusters)

    def width(interval):
        return interval[1] - interval[0]
    for key in ("percent_agreement", "gwet_ac1", "fleiss_kappa"):
        assert width(by_audit[key]) > width(by_field[key]), key
    assert width(by_audit["cohen_kappa"]["linear"]) > width(by_field["cohen_kappa"]["linear"])
    assert (width(by_audit["krippendorff_alpha"]["ordinal"])
            > width(by_field["krippendorff_alpha"]["ordinal"]))


def test_more_audits_than_the_jackknife_groups_are_dealt_into_groups():
    """Past GROUPS clusters the jackknife leaves out a group of them at a time (Kott's
    delete-a-group jackknife): the same as dealing the clusters into GROUPS audits."""
    ratings, levels, _ = random_ratings(8, 2 * GROUPS + 50, 2, 4, 0.0)
    units = list(dict.fromkeys(unit for unit, _, _ in ratings))
    dealt = {unit: k % GROUPS for k, unit in enumerate(units)}
    alone = intervals(ratings, levels, keys=["percent_agreement", "gwet_ac1"])
    assert alone == intervals(ratings, levels, dealt, keys=["percent_agreement", "gwet_ac1"])
    assert alone != intervals(ratings, levels, {u: k % 7 for k, u in enumerate(units)},
                              keys=["percent_agreement", "gwet_ac1"])


def test_keys_limit_the_statistics_computed():
    ratings, clusters = clustered_ratings(3, 10, 8)
    every = intervals(ratings, OFSTED4, clusters)
    some = intervals(ratings, OFSTED4, clusters, keys=["percent_agreement", "cohen_kappa"])
    assert some == {key: every[key] for key in ("percent_agreement", "cohen_kappa")}


def test_one_audit_carrying_the_disagreement_widens_the_interval():
    """Where one audit holds most of the disagreement the spread rests on that audit alone,
    and the interval is wider than one from audits that each disagree a little."""
    levels = ["a", "b"]
    def month(disagreements):
        ratings, clusters = [], {}
        for audit, wrong in enumerate(disagreements):
            for field in range(10):
                unit = (audit, field)
                clusters[unit] = audit
                ratings += [(unit, "lead", "a"), (unit, "moderator", "b" if field < wrong else "a")]
        return intervals(ratings, levels, clusters, keys=["percent_agreement"])
    spread = month([1] * 10)["percent_agreement"]            # 10 fields of 100 wrong
    lumped = month([10] + [0] * 9)["percent_agreement"]      # the same 10, all in one audit
    assert spread is None                                    # every audit the same: no spread
    gently = month([1, 2, 1, 0, 2, 1, 1, 0, 1, 1])["percent_agreement"]
    assert lumped[1] - lumped[0] > 2 * (gently[1] - gently[0])
    # the lumped month's jackknife: 0.9 agreement; leaving out the audit with every
    # disagreement gives 1, any other 80/90; standard error 0.1. Student's t on 9 degrees of
    # freedom would reach down to 0.9 - 2.262 * 0.1 = 0.674; one audit carrying the spread
    # leaves far fewer degrees of freedom, and the interval reaches lower
    assert lumped[0] < 0.9 - 2.262 * 0.1 - 0.05


def test_undefined_statistics_have_no_interval():
    ratings = [(unit, rater, "good") for unit in range(5) for rater in ("ann", "bob")]
    found = intervals(ratings, OFSTED4)
    assert found["cohen_kappa"] == {"unweighted": None, "linear": None, "quadratic": None}
    assert found["fleiss_kappa"] is None
    assert set(found["krippendorff_alpha"].values()) == {None}
    # every unit agrees: Clopper and Pearson's interval for 5 units in full agreement of 5
    assert found["percent_agreement"] == pytest.approx([0.025 ** (1 / 5), 1.0])
    assert found["within_one"] == pytest.approx([0.025 ** (1 / 5), 1.0])


def test_intervals_refuse_a_unit_without_a_cluster_and_bad_arguments():
    ratings, clusters = clustered_ratings(4, 3, 2)
    del clusters["audit 1 field 0"]
    with pytest.raises(ValueError, match="Unit 'audit 1 field 0' has no cluster"):
        intervals(ratings, OFSTED4, clusters)
    with pytest.raises(ValueError, match="confidence must be between 0 and 1"):
        intervals(ratings, OFSTED4, confidence=95)
    with pytest.raises(ValueError, match="method must be 'jackknife' or 'gwet'"):
        intervals(ratings, OFSTED4, method="bootstrap")
    with pytest.raises(ValueError, match="keys must be among"):
        intervals(ratings, OFSTED4, keys=["kappa"])
