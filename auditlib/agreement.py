"""Inter-rater agreement on an ordered scale: how far auditors grading the same case files agree.

Moderators and lead auditors use these statistics to see whether auditors apply a framework the
same way (several auditors grade the same files) and how far a trainee is from the benchmark
grades of the calibration exemplars.

Longer than 500 lines because each statistic is one public function carrying the published worked
examples it reproduces as doctests, and they share one reading of the ratings; split up, a
statistic would sit apart from its checks. The intervals (:func:`intervals`) reuse the same
reading and the statistics' internals, so they live here too.

Input
-----
Every function takes ``ratings``, an iterable of ``(unit, rater, grade)`` tuples (a unit is a
case file or a question of one, a rater is an auditor; both may be any hashable value), and
``levels``, the ordered list of the grades of the scale. ``grade`` is one of ``levels``, or
``None`` for a missing rating. A grade that is not in ``levels`` is a :class:`ValueError` naming
the grade and the levels, and so is a rater grading the same unit twice.

Distances are by position in ``levels``: the first level is position 0, the next 1, and so on,
whichever way the scale runs (best to worst, as auditlib's scales do, or low to high). Every
statistic here gives the same value if ``levels`` is reversed; only the sign of
:func:`rater_bias` depends on the direction.

The category sets
-----------------
:func:`levels_from` gives the levels of auditlib's scales (:mod:`auditlib.scales`), best first:

- ``ofsted4``: ``outstanding``, ``good``, ``requires_improvement``, ``inadequate``;
- ``good3``: ``exceeds_good``, ``meets_good``, ``does_not_meet_good``. ``not_applicable`` is not
  a level of the scale: a question that did not apply has no grade (leave it empty, or ``None``);
- ``score10``: the scores ``"0"``, ``"1"``, ..., ``"10"`` as strings, low to high (a higher score
  is a better grade, so here the scale runs worst to best).

Missing ratings
---------------
A ``None`` grade is as if the row were absent. :func:`percent_agreement`, :func:`within_one` and
Gwet's AC1/AC2 average the agreement over the units with at least two grades, and (AC1/AC2)
estimate chance agreement from every unit with at least one grade, as Gwet's handbook and the
irrCAC package do. Krippendorff's alpha uses the pairable values (units with at least two
grades). Cohen's kappa uses the units both raters graded. Fleiss' kappa needs every graded unit
to have the same number of grades.

A chance-corrected statistic whose expected disagreement is zero (every grade is the same level,
so there is nothing to agree on beyond chance) is undefined and returned as ``nan``.

Statistics
----------
==========================  =====================================================================
:func:`percent_agreement`   pairs of grades of a unit that are the same level (Gwet's p_a)
:func:`within_one`          pairs of grades of a unit at most one level apart
:func:`cohen_kappa`         Cohen (1960), weighted (Cohen 1968; linear or quadratic); two raters
:func:`fleiss_kappa`        Fleiss (1971); the same number of grades per unit
:func:`krippendorff_alpha`  Krippendorff (2011); nominal, ordinal or interval; missing ratings
:func:`gwet_ac1`            Gwet's AC1 (Handbook of Inter-Rater Reliability, 4th ed., 2014)
:func:`gwet_ac2`            Gwet's AC2, with linear or quadratic weights
:func:`rater_bias`          each rater against a reference rater: mean signed difference
:func:`summary`             all of the above in one dictionary
==========================  =====================================================================

:func:`intervals` gives a 95% confidence interval for each of them; when the units are fields of
audits, pass each unit's audit as its cluster (fields of one audit are not independent).

Helpers: :func:`ratings_matrix` (the units-by-raters table of positions),
:func:`read_ratings_csv` (a ``unit,rater,grade`` CSV file), :func:`read_clusters_csv` (each
unit's audit from a column of that file) and :func:`levels_from`.

The module is pure Python; the tests check every statistic against published worked examples and,
on random data, against the ``krippendorff``, ``irrCAC``, ``scikit-learn`` and ``statsmodels``
packages.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Literal

from auditlib.exceptions import TableError
from auditlib.scales import BUILTIN_SCALES
from auditlib.tables import read_rows

Rating = tuple[Hashable, Hashable, "str | None"]
Weights = Literal["linear", "quadratic"]
Metric = Literal["nominal", "ordinal", "interval"]

NO_PAIRS = "There has to be at least one unit rated by at least two raters."

SCORE10_LEVELS = [str(score) for score in range(11)]


# --- weights and distances (dispatch by name) --------------------------------------------------

def _identity_weight(d: int, q: int) -> float:
    return 1.0 if d == 0 else 0.0


def _linear_weight(d: int, q: int) -> float:
    return 1.0 - d / (q - 1)


def _quadratic_weight(d: int, q: int) -> float:
    return 1.0 - d * d / ((q - 1) * (q - 1))


def _within_one_weight(d: int, q: int) -> float:
    return 1.0 if d <= 1 else 0.0


# agreement weights w(|k - l|, q) of Gwet's handbook, chapter 3: 1 on the diagonal
_WEIGHTS: dict[str, Callable[[int, int], float]] = {
    "identity": _identity_weight,
    "linear": _linear_weight,        # 1 - |k - l| / (q - 1)
    "quadratic": _quadratic_weight,  # 1 - (k - l)^2 / (q - 1)^2
}


def _weight_matrix(weight: Callable[[int, int], float], q: int) -> list[list[float]]:
    return [[weight(abs(k - m), q) for m in range(q)] for k in range(q)]


def _nominal_distance(q: int, n: list[float]) -> list[list[float]]:
    return [[0.0 if c == k else 1.0 for k in range(q)] for c in range(q)]


def _ordinal_distance(q: int, n: list[float]) -> list[list[float]]:
    # Krippendorff (2011): (sum of n_g for g from c to k, minus (n_c + n_k) / 2) squared
    cumulative = [0.0]
    for count in n:
        cumulative.append(cumulative[-1] + count)
    delta = [[0.0] * q for _ in range(q)]
    for c in range(q):
        for k in range(c + 1, q):
            between = cumulative[k + 1] - cumulative[c] - (n[c] + n[k]) / 2
            delta[c][k] = delta[k][c] = between * between
    return delta


def _interval_distance(q: int, n: list[float]) -> list[list[float]]:
    return [[float((c - k) * (c - k)) for k in range(q)] for c in range(q)]


# squared distances delta^2(c, k) of Krippendorff (2011), given the pairable values n_c per level
_METRICS: dict[str, Callable[[int, list[float]], list[list[float]]]] = {
    "nominal": _nominal_distance,    # 0 if the same level, else 1
    "ordinal": _ordinal_distance,    # by the marginal frequencies of the levels between
    "interval": _interval_distance,  # squared difference of positions
}


def _choose(table: dict[str, Any], name: object, what: str, choices: Sequence[str]) -> Any:
    if not isinstance(name, str) or name not in choices:
        raise ValueError(f"{what} must be one of {tuple(choices)!r} (got {name!r})")
    return table[name]


# --- the ratings, checked once ------------------------------------------------------------------

def _level_index(levels: Sequence[str]) -> dict[str, int]:
    if isinstance(levels, str):
        raise ValueError(f"levels must be a list of grades, not a string (got {levels!r}); "
                         "use levels_from(levels=...) for a comma-separated string")
    levels = list(levels)
    if len(levels) < 2:
        raise ValueError(f"There have to be at least two levels (got {levels!r}).")
    index: dict[str, int] = {}
    for position, level in enumerate(levels):
        if level is None or level in index:
            raise ValueError(f"Each level must be a grade that appears once in levels "
                             f"(got {level!r} in {levels!r}).")
        index[level] = position
    return index


class _Data:
    """The ratings checked against the levels: each unit's grades as level positions."""

    def __init__(self, ratings: Iterable[Rating], levels: Sequence[str]):
        index = _level_index(levels)
        self.levels = list(levels)
        self.q = len(self.levels)
        self.units: list[Hashable] = []     # every unit named, graded or not, first seen first
        self.raters: list[Hashable] = []    # every rater named
        self.grades: dict[Hashable, dict[Hashable, int | None]] = {}
        seen_raters: set[Hashable] = set()
        for item in ratings:
            try:
                unit, rater, grade = item
            except (TypeError, ValueError):
                raise ValueError(f"Each rating must be a (unit, rater, grade) tuple "
                                 f"(got {item!r}).") from None
            by_rater = self.grades.get(unit)
            if by_rater is None:
                by_rater = self.grades[unit] = {}
                self.units.append(unit)
            if rater in by_rater:
                raise ValueError(f"Each rater grades a unit once: rater {rater!r} graded unit "
                                 f"{unit!r} twice.")
            if rater not in seen_raters:
                seen_raters.add(rater)
                self.raters.append(rater)
            if grade is None:
                by_rater[rater] = None
                continue
            try:
                position = index[grade]
            except (KeyError, TypeError):
                raise ValueError(f"Grade {grade!r} (unit {unit!r}, rater {rater!r}) is not one "
                                 f"of the levels {self.levels!r}.") from None
            by_rater[rater] = position
        # the graded units only: {rater: position}, and their counts per level
        self.graded: list[dict[Hashable, int]] = []
        self.graded_units: list[Hashable] = []   # the unit of each entry of graded
        for unit in self.units:
            given = {r: g for r, g in self.grades[unit].items() if g is not None}
            if given:
                self.graded.append(given)
                self.graded_units.append(unit)
        self.counts: list[list[int]] = []
        for given in self.graded:
            counts = [0] * self.q
            for position in given.values():
                counts[position] += 1
            self.counts.append(counts)
        n_by_rater: dict[Hashable, int] = {}
        for given in self.graded:
            for rater in given:
                n_by_rater[rater] = n_by_rater.get(rater, 0) + 1
        # raters who gave at least one grade, first seen first
        self.active_raters = [r for r in self.raters if r in n_by_rater]
        self.n_by_rater = n_by_rater


def ratings_matrix(ratings: Iterable[Rating], levels: Sequence[str]
                   ) -> tuple[list[Hashable], list[Hashable], list[list[int | None]]]:
    """The ratings as a units-by-raters table of level positions.

    Returns ``(units, raters, matrix)``: the units and the raters in the order they first appear
    in ``ratings`` (a unit or rater named only with missing grades is included), and
    ``matrix[i][j]``, the position in ``levels`` of the grade rater ``j`` gave unit ``i``, or
    ``None`` where there is none.

    >>> ratings_matrix([("case 1", "ann", "good"), ("case 1", "bob", "inadequate"),
    ...                 ("case 2", "bob", None)], ["outstanding", "good", "inadequate"])
    (['case 1', 'case 2'], ['ann', 'bob'], [[1, 2], [None, None]])
    """
    data = _Data(ratings, levels)
    matrix = [[data.grades[unit].get(rater) for rater in data.raters] for unit in data.units]
    return data.units, data.raters, matrix


# --- the statistics ---------------------------------------------------------------------------

def _chance_corrected(observed: float, chance: float) -> float:
    """(p_a - p_e) / (1 - p_e), or nan where chance agreement is certain."""
    if chance >= 1.0:
        return math.nan
    return (observed - chance) / (1.0 - chance)


def _pairwise(data: _Data, weights: list[list[float]]) -> float:
    """Gwet's weighted percent agreement p_a over the units with at least two grades."""
    total, units = 0.0, 0
    q = data.q
    for counts in data.counts:
        r = sum(counts)
        if r < 2:
            continue
        agreeing = 0.0
        for k in range(q):
            if counts[k]:
                weighted = sum(weights[k][m] * counts[m] for m in range(q))
                agreeing += counts[k] * (weighted - 1.0)
        total += agreeing / (r * (r - 1))
        units += 1
    if not units:
        raise ValueError(NO_PAIRS)
    return total / units


def percent_agreement(ratings: Iterable[Rating], levels: Sequence[str]) -> float:
    """Pairwise percent agreement, as Gwet defines it (Handbook, 4th ed., chapter 2).

    For each unit with ``r_i >= 2`` grades, the share of the ``r_i (r_i - 1)`` ordered pairs of
    its grades that are the same level, ``sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))``, averaged over
    those units. Units with fewer than two grades do not count.

    >>> ratings = [(1, "ann", "good"), (1, "bob", "good"), (1, "cy", "inadequate"),
    ...            (2, "ann", "good"), (2, "bob", "good")]
    >>> round(percent_agreement(ratings, ["outstanding", "good", "inadequate"]), 4)  # (1/3 + 1)/2
    0.6667
    """
    data = _Data(ratings, levels)
    return _pairwise(data, _weight_matrix(_identity_weight, data.q))


def within_one(ratings: Iterable[Rating], levels: Sequence[str]) -> float:
    """Pairwise agreement within one level: as :func:`percent_agreement`, counting the pairs of
    grades whose positions in ``levels`` differ by at most one.

    >>> ratings = [(1, "ann", "outstanding"), (1, "bob", "good"), (1, "cy", "inadequate")]
    >>> round(within_one(ratings, ["outstanding", "good", "requires_improvement",
    ...                            "inadequate"]), 4)  # one pair of three is within one level
    0.3333
    """
    data = _Data(ratings, levels)
    return _pairwise(data, _weight_matrix(_within_one_weight, data.q))


def cohen_kappa(ratings: Iterable[Rating], levels: Sequence[str],
                weights: Weights | None = None) -> float:
    """Cohen's kappa for exactly two raters, over the units both graded.

    ``weights``: ``None`` for Cohen's (1960) kappa; ``"linear"`` or ``"quadratic"`` for the
    weighted kappa (Cohen 1968) with disagreement ``|k - l|`` or ``(k - l)**2`` between the
    positions of the two grades (the same as scikit-learn's ``cohen_kappa_score``). A ``ValueError``
    if the grades come from other than two raters or no unit was graded by both.

    The SAS PROC FREQ example that statsmodels' tests reproduce (19 units, 3 levels):

    >>> table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]  # rows: rater A's grade, columns: rater B's
    >>> levels = ["low", "mid", "high"]
    >>> ratings = []
    >>> for a, row in enumerate(table):
    ...     for b, count in enumerate(row):
    ...         for _ in range(count):
    ...             unit = len(ratings) // 2
    ...             ratings += [(unit, "A", levels[a]), (unit, "B", levels[b])]
    >>> round(cohen_kappa(ratings, levels), 4), round(cohen_kappa(ratings, levels, "linear"), 4)
    (0.4842, 0.4701)
    """
    data = _Data(ratings, levels)
    return _cohen(data, weights)


def _cohen(data: _Data, weights: Weights | None) -> float:
    if weights is None:
        def distance(d: int) -> float:
            return 0.0 if d == 0 else 1.0
    else:
        weight = _choose(_WEIGHTS, weights, "weights", ("linear", "quadratic"))

        def distance(d: int) -> float:
            return 1.0 - weight(d, data.q)
    raters = data.active_raters
    if len(raters) != 2:
        raise ValueError(f"Cohen's kappa needs exactly two raters (got {len(raters)}).")
    first, second = raters
    q = data.q
    table = [[0] * q for _ in range(q)]
    n = 0
    for given in data.graded:
        if first in given and second in given:
            table[given[first]][given[second]] += 1
            n += 1
    if not n:
        raise ValueError(f"Cohen's kappa needs at least one unit graded by both raters "
                         f"({first!r} and {second!r} have none in common).")
    rows = [sum(row) for row in table]
    columns = [sum(table[k][m] for k in range(q)) for m in range(q)]
    observed = sum(table[k][m] * distance(abs(k - m)) for k in range(q) for m in range(q)) / n
    expected = sum(rows[k] * columns[m] * distance(abs(k - m))
                   for k in range(q) for m in range(q)) / (n * n)
    if expected == 0.0:
        return math.nan
    return 1.0 - observed / expected


def fleiss_kappa(ratings: Iterable[Rating], levels: Sequence[str]) -> float:
    """Fleiss' (1971) kappa: many raters, each unit graded by the same number of raters.

    The raters need not be the same people from unit to unit, but every graded unit must have the
    same number ``m >= 2`` of grades (a ``ValueError`` otherwise; Krippendorff's alpha and Gwet's
    AC1 handle units with different numbers of grades). Units with no grade are left out.

    The worked example of Wikipedia's "Fleiss' kappa" article (10 units, 14 raters, 5 levels;
    each row is how many raters chose each level):

    >>> counts = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
    ...           [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
    ...           [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    >>> levels = ["1", "2", "3", "4", "5"]
    >>> ratings = []
    >>> for unit, row in enumerate(counts, start=1):
    ...     grades = [level for level, count in zip(levels, row) for _ in range(count)]
    ...     ratings += [(unit, f"rater {r}", grade) for r, grade in enumerate(grades, start=1)]
    >>> print(f"{fleiss_kappa(ratings, levels):.3f}")
    0.210
    """
    data = _Data(ratings, levels)
    return _fleiss(data)


def _fleiss(data: _Data) -> float:
    sizes = sorted({sum(counts) for counts in data.counts})
    if not sizes or sizes[-1] < 2:
        raise ValueError(NO_PAIRS)
    if len(sizes) > 1:
        raise ValueError("Fleiss' kappa needs every unit graded by the same number of raters "
                         f"(got units with {', '.join(map(str, sizes))} grades).")
    m = sizes[0]
    n = len(data.counts)
    observed = sum((sum(c * c for c in counts) - m) / (m * (m - 1))
                   for counts in data.counts) / n
    shares = [sum(counts[k] for counts in data.counts) / (n * m) for k in range(data.q)]
    chance = sum(p * p for p in shares)
    return _chance_corrected(observed, chance)


def krippendorff_alpha(ratings: Iterable[Rating], levels: Sequence[str],
                       metric: Metric = "ordinal") -> float:
    """Krippendorff's alpha with missing ratings (Krippendorff 2011, "Computing Krippendorff's
    alpha-reliability").

    ``metric``: ``"nominal"`` (any two different levels are equally far apart), ``"ordinal"``
    (the rank distance of the paper, from the frequencies of the levels between the two grades;
    the default) or ``"interval"`` (the squared difference of the levels' positions). Only the
    pairable values count: units with at least two grades.

    The paper's worked example (section C: 4 observers, 12 units, missing values):

    >>> data = {"A": "1 2 3 3 2 1 4 1 2 . . .",
    ...         "B": "1 2 3 3 2 2 4 1 2 5 . 3",
    ...         "C": ". 3 3 3 2 3 4 2 2 5 1 .",
    ...         "D": "1 2 3 3 2 4 4 1 2 5 1 ."}
    >>> ratings = [(unit, observer, None if grade == "." else grade)
    ...            for observer, row in data.items()
    ...            for unit, grade in enumerate(row.split(), start=1)]
    >>> levels = ["1", "2", "3", "4", "5"]
    >>> [round(krippendorff_alpha(ratings, levels, metric), 3)
    ...  for metric in ("nominal", "ordinal", "interval")]
    [0.743, 0.815, 0.849]
    """
    data = _Data(ratings, levels)
    return _krippendorff(data, metric)


def _krippendorff(data: _Data, metric: Metric) -> float:
    distances = _choose(_METRICS, metric, "metric", tuple(_METRICS))
    q = data.q
    coincidences = [[0.0] * q for _ in range(q)]
    pairable = False
    for counts in data.counts:
        m = sum(counts)
        if m < 2:
            continue
        pairable = True
        present = [k for k in range(q) if counts[k]]
        for c in present:
            for k in present:
                pairs = counts[c] * (counts[k] - (c == k))
                coincidences[c][k] += pairs / (m - 1)
    if not pairable:
        raise ValueError(NO_PAIRS)
    n_c = [sum(row) for row in coincidences]
    n = sum(n_c)
    delta = distances(q, n_c)
    observed = sum(coincidences[c][k] * delta[c][k] for c in range(q) for k in range(q))
    expected = sum(n_c[c] * n_c[k] * delta[c][k] for c in range(q) for k in range(q)) / (n - 1)
    if expected == 0.0:
        return math.nan
    return 1.0 - observed / expected


def _gwet(data: _Data, weights: list[list[float]]) -> float:
    observed = _pairwise(data, weights)
    q = data.q
    shares = [0.0] * q
    for counts in data.counts:     # every unit with at least one grade
        r = sum(counts)
        for k in range(q):
            if counts[k]:
                shares[k] += counts[k] / r
    n = len(data.counts)
    shares = [share / n for share in shares]
    total_weight = sum(sum(row) for row in weights)
    chance = total_weight * sum(p * (1.0 - p) for p in shares) / (q * (q - 1))
    return _chance_corrected(observed, chance)


def gwet_ac1(ratings: Iterable[Rating], levels: Sequence[str]) -> float:
    """Gwet's AC1 (Handbook of Inter-Rater Reliability, 4th ed.; irrCAC's ``gwet.ac1.raw``).

    ``p_a`` is :func:`percent_agreement`; chance agreement is
    ``p_e = sum_k pi_k (1 - pi_k) / (q - 1)``, ``q`` the number of levels and ``pi_k`` the share
    of level ``k`` in each unit's grades, averaged over every unit with at least one grade.

    The handbook's 4 raters, 12 units and 5 categories (irrCAC's ``raw_4raters``):

    >>> data = {"Rater1": "1 2 3 3 2 1 4 1 2 . . .",
    ...         "Rater2": "1 2 3 3 2 2 4 1 2 5 . .",
    ...         "Rater3": ". 3 3 3 2 3 4 2 2 5 1 3",
    ...         "Rater4": "1 2 3 3 2 4 4 1 2 5 1 ."}
    >>> ratings = [(unit, rater, None if grade == "." else grade)
    ...            for rater, row in data.items()
    ...            for unit, grade in enumerate(row.split(), start=1)]
    >>> round(gwet_ac1(ratings, ["1", "2", "3", "4", "5"]), 5)
    0.77544
    """
    data = _Data(ratings, levels)
    return _gwet(data, _weight_matrix(_identity_weight, data.q))


def gwet_ac2(ratings: Iterable[Rating], levels: Sequence[str],
             weights: Weights = "linear") -> float:
    """Gwet's AC2: AC1 with agreement weights between levels (Handbook, 4th ed., chapter 3).

    ``weights``: ``"linear"``, ``1 - |k - l| / (q - 1)``, or ``"quadratic"``,
    ``1 - (k - l)**2 / (q - 1)**2``, between positions ``k`` and ``l``. Weighted ``p_a`` counts
    each pair of grades by its weight; ``p_e = T_w sum_k pi_k (1 - pi_k) / (q (q - 1))`` where
    ``T_w`` is the sum of all the weights. Missing ratings as in :func:`gwet_ac1`.

    The handbook's ``raw_4raters`` again (irrCAC's published AC2: 0.859 linear, 0.914 quadratic):

    >>> data = {"Rater1": "1 2 3 3 2 1 4 1 2 . . .",
    ...         "Rater2": "1 2 3 3 2 2 4 1 2 5 . .",
    ...         "Rater3": ". 3 3 3 2 3 4 2 2 5 1 3",
    ...         "Rater4": "1 2 3 3 2 4 4 1 2 5 1 ."}
    >>> ratings = [(unit, rater, None if grade == "." else grade)
    ...            for rater, row in data.items()
    ...            for unit, grade in enumerate(row.split(), start=1)]
    >>> [round(gwet_ac2(ratings, ["1", "2", "3", "4", "5"], w), 3) for w in ("linear", "quadratic")]
    [0.859, 0.914]
    """
    data = _Data(ratings, levels)
    weight = _choose(_WEIGHTS, weights, "weights", ("linear", "quadratic"))
    return _gwet(data, _weight_matrix(weight, data.q))


def _bias(data: _Data, reference: Hashable) -> dict[Hashable, dict[str, Any]]:
    if reference not in data.n_by_rater:
        raise ValueError(f"The reference rater must have graded at least one unit: "
                         f"{reference!r} graded none (raters: "
                         f"{', '.join(map(repr, data.active_raters)) or 'none'}).")
    result: dict[Hashable, dict[str, Any]] = {}
    for rater in data.active_raters:
        common = difference = same = 0
        if rater != reference:
            for given in data.graded:
                if rater in given and reference in given:
                    common += 1
                    difference += given[rater] - given[reference]
                    same += given[rater] == given[reference]
        result[rater] = {
            "n": data.n_by_rater[rater],
            "in_common_with_reference": None if rater == reference else common,
            "mean_difference": difference / common if common else None,
            "exact_agreement": same / common if common else None,
        }
    return result


def rater_bias(ratings: Iterable[Rating], levels: Sequence[str],
               reference: Hashable) -> dict[Hashable, dict[str, Any]]:
    """Each rater against a reference rater (a benchmark, or the lead auditor).

    Returns ``{rater: {"n", "in_common_with_reference", "mean_difference", "exact_agreement"}}``
    for every rater who gave a grade, in the order they first appear: ``n``, the units the rater
    graded; ``in_common_with_reference``, the units both graded; ``mean_difference``, the mean of
    (the rater's position in ``levels`` minus the reference's) over those units;
    ``exact_agreement``, the share of them graded the same. The last two are ``None`` when there
    is no unit in common, and the reference's own row compares nothing (``None``).

    Positive ``mean_difference`` means the rater grades toward the end of ``levels``. With levels
    running best to worst, as auditlib's scales do (outstanding first), that is **harsher** than
    the reference, and negative is more lenient; on a low-to-high scale such as ``score10`` the
    reverse.

    >>> levels = ["outstanding", "good", "requires_improvement", "inadequate"]
    >>> ratings = [(1, "lead", "good"), (1, "new", "requires_improvement"),
    ...            (2, "lead", "good"), (2, "new", "good"), (3, "new", "inadequate")]
    >>> rater_bias(ratings, levels, "lead")["new"]
    {'n': 3, 'in_common_with_reference': 2, 'mean_difference': 0.5, 'exact_agreement': 0.5}
    """
    data = _Data(ratings, levels)
    return _bias(data, reference)


def _or_none(statistic: Callable[[], float]) -> float | None:
    try:
        return statistic()
    except ValueError:
        return None


def summary(ratings: Iterable[Rating], levels: Sequence[str],
            reference: Hashable | None = None) -> dict[str, Any]:
    """Every statistic of this module for one set of ratings, as a dictionary.

    Keys: ``percent_agreement``, ``within_one``; ``cohen_kappa`` (``{"unweighted", "linear",
    "quadratic"}`` when exactly two raters gave grades, else ``None``); ``fleiss_kappa`` (``None``
    unless every graded unit has the same number of grades); ``krippendorff_alpha``
    (``{"nominal", "ordinal", "interval"}``); ``gwet_ac1``; ``gwet_ac2`` (``{"linear",
    "quadratic"}``); ``raters`` (:func:`rater_bias` against the reference); ``reference``
    (``{"rater": ..., "chosen": "given"}``, or when no ``reference`` is given, the rater with the
    most grades, the first of them on a tie, with ``"chosen": "the rater with the most
    grades"``); ``n_units``, the units with at least one grade; and ``levels``.

    A ``ValueError`` if no unit has two grades (nothing to compare).

    >>> levels = ["outstanding", "good", "requires_improvement", "inadequate"]
    >>> ratings = [(1, "ann", "good"), (1, "bob", "good"), (2, "ann", "inadequate"),
    ...            (2, "bob", "requires_improvement"), (3, "ann", "good")]
    >>> result = summary(ratings, levels)
    >>> result["percent_agreement"], result["within_one"], result["reference"]
    (0.5, 1.0, {'rater': 'ann', 'chosen': 'the rater with the most grades'})
    >>> result["raters"]["bob"]
    {'n': 2, 'in_common_with_reference': 2, 'mean_difference': -0.5, 'exact_agreement': 0.5}
    """
    data = _Data(ratings, levels)
    identity = _weight_matrix(_identity_weight, data.q)
    percent = _pairwise(data, identity)  # raises the rule when no unit has two grades
    if reference is None:
        most = max(data.n_by_rater.values())
        chosen = next(r for r in data.active_raters if data.n_by_rater[r] == most)
        how = "the rater with the most grades"
    else:
        chosen, how = reference, "given"
    cohen = None
    if len(data.active_raters) == 2:
        cohen = {"unweighted": _cohen(data, None), "linear": _cohen(data, "linear"),
                 "quadratic": _cohen(data, "quadratic")}
    return {
        "percent_agreement": percent,
        "within_one": _pairwise(data, _weight_matrix(_within_one_weight, data.q)),
        "cohen_kappa": cohen,
        "fleiss_kappa": _or_none(lambda: _fleiss(data)),
        "krippendorff_alpha": {metric: _krippendorff(data, metric)
                               for metric in ("nominal", "ordinal", "interval")},
        "gwet_ac1": _gwet(data, identity),
        "gwet_ac2": {name: _gwet(data, _weight_matrix(_WEIGHTS[name], data.q))
                     for name in ("linear", "quadratic")},
        "raters": _bias(data, chosen),
        "reference": {"rater": chosen, "chosen": how},
        "n_units": len(data.graded),
        "levels": list(data.levels),
    }


# --- 95% intervals ------------------------------------------------------------------------------

def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b) (continued fraction, Lentz's method)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):   # the fraction converges fast only on this side
        return 1.0 - _incomplete_beta(b, a, 1.0 - x)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log(1.0 - x)) / a
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return front * result


def _t_quantile(p: float, df: float) -> float:
    """The p-quantile (p > 1/2) of Student's t with df degrees of freedom, by bisection."""
    def upper_tail(t: float) -> float:
        return 0.5 * _incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    low, high = 0.0, 1e7
    for _ in range(200):
        middle = (low + high) / 2
        if upper_tail(middle) > 1.0 - p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _clusters_of(data: _Data, clusters: Mapping[Hashable, Hashable] | None) -> list[list[int]]:
    """The graded units' indexes grouped by cluster (each unit its own when there are none)."""
    if clusters is None:
        return [[i] for i in range(len(data.graded))]
    groups: dict[Hashable, list[int]] = {}
    for i, unit in enumerate(data.graded_units):
        if unit not in clusters:
            raise ValueError(f"Unit {unit!r} has no cluster (the audit its ratings come from).")
        groups.setdefault(clusters[unit], []).append(i)
    return list(groups.values())


def _linearised(data: _Data, weights: list[list[float]], chance: str) -> tuple[float, list[float]]:
    """A coefficient and each graded unit's linearised contribution to it, after Gwet's handbook
    (4th ed., chapter 5) as irrCAC computes them: the coefficient is the mean of the
    contributions, so their spread gives its variance. ``chance``: ``"none"`` (weighted percent
    agreement), ``"gwet"`` (AC1/AC2) or ``"fleiss"``."""
    q, n = data.q, len(data.counts)
    sizes = [sum(counts) for counts in data.counts]
    paired = sum(1 for r in sizes if r >= 2)
    if not paired:
        raise ValueError(NO_PAIRS)
    agreement = []
    for counts, r in zip(data.counts, sizes):
        if r < 2:
            agreement.append(0.0)
            continue
        agreeing = sum(counts[k] * (sum(weights[k][m] * counts[m] for m in range(q)) - 1.0)
                       for k in range(q) if counts[k])
        agreement.append(agreeing / (r * (r - 1)))
    observed = sum(agreement) / paired
    if chance == "none":
        return observed, [n / paired * a for a in agreement]
    shares = [sum(counts[k] / r for counts, r in zip(data.counts, sizes)) / n for k in range(q)]
    if chance == "gwet":
        scale = sum(sum(row) for row in weights) / (q * (q - 1))
        expected = scale * sum(p * (1.0 - p) for p in shares)
        unit_chance = [scale * sum(counts[k] * (1.0 - shares[k]) for k in range(q)) / r
                       for counts, r in zip(data.counts, sizes)]
    else:
        expected = sum(weights[k][m] * shares[k] * shares[m] for k in range(q) for m in range(q))
        towards = [sum(weights[k][m] * shares[m] for m in range(q)) for k in range(q)]
        unit_chance = [sum(counts[k] * towards[k] for k in range(q)) / r
                       for counts, r in zip(data.counts, sizes)]
    if expected >= 1.0:
        return math.nan, []
    value = (observed - expected) / (1.0 - expected)
    return value, [n / paired * (a - expected * (r >= 2)) / (1.0 - expected)
                   - 2.0 * (1.0 - value) * (e - expected) / (1.0 - expected)
                   for a, r, e in zip(agreement, sizes, unit_chance)]


def _gwet_interval(value: float, contributions: list[float], groups: list[list[int]],
                   confidence: float, bounds: tuple[float, float]) -> list[float] | None:
    """irrCAC's interval: value +- t * Gwet's standard error, the variance from the clusters'
    sums of the units' linearised contributions (Gwet's own formula when each unit is its own
    cluster), Student's t on clusters - 1 degrees of freedom."""
    g, n = len(groups), len(contributions)
    if math.isnan(value) or g < 2:
        return None
    sums = [sum(contributions[i] for i in group) - len(group) * value for group in groups]
    se = math.sqrt(g / (g - 1) * sum(s * s for s in sums) / (n * n))
    t = _t_quantile(0.5 + confidence / 2, g - 1)
    return [max(bounds[0], value - t * se), min(bounds[1], value + t * se)]


def _subset(data: _Data, rows: list[int]) -> _Data:
    """A copy of ``data`` with only the graded units ``rows``: one jackknife replicate."""
    copy = object.__new__(_Data)
    copy.__dict__.update(data.__dict__)
    copy.graded = [data.graded[i] for i in rows]
    copy.counts = [data.counts[i] for i in rows]
    return copy


def _defined(statistic: Callable[[_Data], float], data: _Data) -> float | None:
    """The statistic, or None where it is undefined."""
    try:
        value = statistic(data)
    except ValueError:
        return None
    return None if math.isnan(value) else value


# the jackknife leaves out one group at a time; more clusters than this are dealt into this many
# groups (Kott's delete-a-group jackknife), so a large file costs GROUPS + 1 evaluations
GROUPS = 200


def _jackknife_interval(data: _Data, groups: list[list[int]],
                        statistic: Callable[[_Data], float], confidence: float,
                        bounds: tuple[float, float]) -> list[float] | None:
    """A jackknife interval that leaves out one cluster (audit) at a time.

    - The spread is taken on the scale of ``log(1 - value)``: every statistic here is at most
      1 and its sampling spread is skewed away from 1 (a replicate at 1 falls back to the
      plain scale).
    - Student's t has its degrees of freedom cut where a few audits carry most of the spread
      (some audits are much harder to agree on): the variance estimate's own degrees of
      freedom, ``2 / (2 / (g - 1) + excess / g)``, ``excess`` the excess kurtosis of the
      audits' jackknife deviations (with the usual small-sample correction), never more than
      ``g - 1`` nor less than a quarter of it.

    Where every cluster agrees completely, an agreement share (``bounds`` 0 to 1) has nothing
    to estimate a spread from, but is at least the share of audits in full agreement: the
    interval is Clopper and Pearson's for ``g`` audits of ``g``, ``[((1 - confidence) / 2) **
    (1 / g), 1]``. Otherwise None where the statistic is undefined, there are fewer than two
    clusters, or every cluster left out gives the same value (nothing to estimate the spread
    from)."""
    value = _defined(statistic, data)
    if value is None or len(groups) < 2:
        return None
    if value == 1.0 and bounds == (0.0, 1.0):
        return [((1.0 - confidence) / 2) ** (1.0 / len(groups)), 1.0]
    if len(groups) > GROUPS:
        dealt: list[list[int]] = [[] for _ in range(GROUPS)]
        for k, group in enumerate(groups):
            dealt[k % GROUPS].extend(group)
        groups = dealt
    replicates = []
    for left_out in range(len(groups)):
        rows = [i for k, group in enumerate(groups) if k != left_out for i in group]
        replicate = _defined(statistic, _subset(data, rows))
        if replicate is not None:
            replicates.append(replicate)
    g = len(replicates)
    logged = value < 1.0 and all(r < 1.0 for r in replicates)
    scale: Callable[[float], float] = (lambda v: math.log(1.0 - v)) if logged else float
    back: Callable[[float], float] = (lambda s: 1.0 - math.exp(s)) if logged else float
    mean = sum(scale(r) for r in replicates) / max(g, 1)
    squares = [(scale(r) - mean) ** 2 for r in replicates]
    if g < 2 or sum(squares) <= 1e-24:
        return None
    se = math.sqrt((g - 1) / g * sum(squares))
    excess = g * sum(s * s for s in squares) / sum(squares) ** 2 - 3.0   # kurtosis - 3
    if g > 3:   # the sample's excess kurtosis is biased low in small samples (Joanes & Gill)
        excess = ((g + 1) * excess + 6.0) * (g - 1) / ((g - 2) * (g - 3))
    # never below a quarter of g - 1: the kurtosis of a few audits is itself uncertain, and one
    # audit far from the rest would otherwise stretch the interval over most of the scale
    df = max((g - 1.0) / 4, min(g - 1.0, 2.0 / max(2.0 / (g - 1) + excess / g, 1e-9)))
    t = _t_quantile(0.5 + confidence / 2, max(df, 1.0))
    centre = scale(value)
    low, high = sorted((back(centre - t * se), back(centre + t * se)))
    return [max(bounds[0], low), min(bounds[1], high)]


INTERVAL_KEYS = ("percent_agreement", "within_one", "cohen_kappa", "fleiss_kappa",
                 "krippendorff_alpha", "gwet_ac1", "gwet_ac2")


def intervals(ratings: Iterable[Rating], levels: Sequence[str],
              clusters: Mapping[Hashable, Hashable] | None = None, confidence: float = 0.95,
              method: Literal["jackknife", "gwet"] = "jackknife",
              keys: Iterable[str] | None = None) -> dict[str, Any]:
    """A confidence interval, ``[low, high]``, for every statistic :func:`summary` reports,
    under the same keys (``None`` where the statistic is undefined or there is nothing to
    estimate an interval from).

    ``clusters`` maps each unit to the audit (or any group) it belongs to, when the units are
    fields of audits: fields of one audit are not independent, so the intervals then treat each
    audit, not each field, as one observation. Without it every unit stands alone. ``keys``
    limits the work to some of the statistics (``["percent_agreement", "cohen_kappa"]``).

    ``method="jackknife"`` (the default): for every statistic, a jackknife that leaves out one
    audit at a time, on the scale of ``log(1 - value)``, with Student's t on degrees of freedom
    cut where a few audits carry most of the spread. It covers the true value 95% of the time
    in simulated months of 20 audits of 8 fields (``benchmarks/interval_coverage.py``, which
    prints the table). No interval (``None``) where every audit left out gives the same value.

    ``method="gwet"``: irrCAC's intervals (Gwet's handbook, 4th ed., chapter 5): the estimate
    plus or minus t times Gwet's standard error, for percent and within-one agreement, Fleiss'
    kappa, AC1 and AC2 (``None`` for Cohen's kappa and Krippendorff's alpha). With clusters the
    units' linearised contributions are summed within each audit. Kept as the published
    baseline: on clustered months it covers less often than the jackknife.

    Intervals are clipped to the possible values (0 to 1 for agreement, at most 1 otherwise).

    irrCAC's published AC1 on the handbook's ``raw_4raters`` (standard error 0.14295, 95%
    interval 0.46081 to 1), and the jackknife's:

    >>> data = {"Rater1": "1 2 3 3 2 1 4 1 2 . . .",
    ...         "Rater2": "1 2 3 3 2 2 4 1 2 5 . .",
    ...         "Rater3": ". 3 3 3 2 3 4 2 2 5 1 3",
    ...         "Rater4": "1 2 3 3 2 4 4 1 2 5 1 ."}
    >>> ratings = [(unit, rater, None if grade == "." else grade)
    ...            for rater, row in data.items()
    ...            for unit, grade in enumerate(row.split(), start=1)]
    >>> levels = ["1", "2", "3", "4", "5"]
    >>> [round(end, 5) for end in intervals(ratings, levels, method="gwet")["gwet_ac1"]]
    [0.46081, 1.0]
    >>> [round(end, 3) for end in intervals(ratings, levels)["gwet_ac1"]]
    [-0.678, 0.97]
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (got {confidence!r})")
    if method not in ("jackknife", "gwet"):
        raise ValueError(f"method must be 'jackknife' or 'gwet' (got {method!r})")
    wanted = set(INTERVAL_KEYS if keys is None else keys)
    if wanted - set(INTERVAL_KEYS):
        raise ValueError(f"keys must be among {INTERVAL_KEYS} (got {sorted(wanted)!r})")
    data = _Data(ratings, levels)
    groups = _clusters_of(data, clusters)
    if not any(sum(counts) >= 2 for counts in data.counts):
        raise ValueError(NO_PAIRS)
    weights = {name: _weight_matrix(weight, data.q) for name, weight in
               (("identity", _identity_weight), ("within_one", _within_one_weight),
                ("linear", _linear_weight), ("quadratic", _quadratic_weight))}
    two_raters = len(data.active_raters) == 2
    same_size = len({sum(counts) for counts in data.counts}) == 1
    agreement, coefficient = (0.0, 1.0), (-1.0, 1.0)

    def interval(statistic: Callable[[_Data], float], bounds: tuple[float, float],
                 gwet: tuple[str, str] | None) -> list[float] | None:
        if method == "jackknife":
            return _jackknife_interval(data, groups, statistic, confidence, bounds)
        if gwet is None:
            return None
        value, contributions = _linearised(data, weights[gwet[0]], gwet[1])
        return _gwet_interval(value, contributions, groups, confidence, bounds)

    found: dict[str, Any] = {}
    if "percent_agreement" in wanted:
        found["percent_agreement"] = interval(
            partial(_pairwise, weights=weights["identity"]), agreement, ("identity", "none"))
    if "within_one" in wanted:
        found["within_one"] = interval(
            partial(_pairwise, weights=weights["within_one"]), agreement, ("within_one", "none"))
    if "cohen_kappa" in wanted:
        cohen: dict[str, Weights | None] = {"unweighted": None, "linear": "linear",
                                            "quadratic": "quadratic"}
        found["cohen_kappa"] = {name: interval(partial(_cohen, weights=w), coefficient, None)
                                for name, w in cohen.items()} if two_raters else None
    if "fleiss_kappa" in wanted:
        found["fleiss_kappa"] = interval(_fleiss, coefficient, ("identity", "fleiss")) \
            if same_size else None
    if "krippendorff_alpha" in wanted:
        found["krippendorff_alpha"] = {
            metric: interval(partial(_krippendorff, metric=metric), coefficient, None)
            for metric in ("nominal", "ordinal", "interval")}
    if "gwet_ac1" in wanted:
        found["gwet_ac1"] = interval(partial(_gwet, weights=weights["identity"]), coefficient,
                                     ("identity", "gwet"))
    if "gwet_ac2" in wanted:
        found["gwet_ac2"] = {name: interval(partial(_gwet, weights=weights[name]), coefficient,
                                            (name, "gwet"))
                             for name in ("linear", "quadratic")}
    return found


# --- files and scales -------------------------------------------------------------------------

def read_ratings_csv(path: str | Path, levels: Sequence[str] | None = None) -> list[Rating]:
    """The ratings of a CSV file with columns ``unit``, ``rater`` and ``grade``.

    Other columns are ignored; an empty ``grade`` is a missing rating (``None``). Values are
    strings with surrounding spaces removed. A missing column, an empty unit or rater, or the
    same rater grading a unit twice raises a :class:`~auditlib.exceptions.TableError` naming the
    file, the row (as a spreadsheet counts them, the header being row 1) and the column. With
    ``levels``, a grade that is not one of them is reported the same way.
    """
    name = str(path)
    index = None if levels is None else _level_index(levels)
    _, rows = read_rows(path, ("unit", "rater", "grade"))
    ratings: list[Rating] = []
    first_row: dict[tuple[str, str], int] = {}
    for number, values in rows:
        unit, rater, grade = values["unit"], values["rater"], values["grade"]
        for column, value in (("unit", unit), ("rater", rater)):
            if not value:
                raise TableError(name, f"empty {column}", number, column)
        if (unit, rater) in first_row:
            raise TableError(name, f"rater {rater!r} graded unit {unit!r} twice (also row "
                              f"{first_row[unit, rater]})", number, "rater")
        first_row[unit, rater] = number
        if grade and index is not None and grade not in index:
            raise TableError(name, f"{grade!r} is not one of the levels "
                              f"({', '.join(index)})", number, "grade")
        ratings.append((unit, rater, grade or None))
    return ratings


def read_clusters_csv(path: str | Path, column: str) -> dict[str, str]:
    """Each unit's cluster (the audit its fields come from) from ``column`` of a ratings CSV
    file, for :func:`intervals`: ``{unit: cluster}``. An empty cell, or a unit given two
    different clusters, is a :class:`~auditlib.exceptions.TableError` naming the file, the row
    and the column."""
    name = str(path)
    _, rows = read_rows(path, ("unit", column))
    clusters: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for number, values in rows:
        unit, cluster = values["unit"], values[column]
        if not cluster:
            raise TableError(name, f"empty {column} (every unit belongs to one)", number, column)
        if unit in clusters and clusters[unit] != cluster:
            raise TableError(name, f"unit {unit!r} is in {column} {clusters[unit]!r} at row "
                              f"{first_row[unit]} but {cluster!r} here", number, column)
        clusters[unit] = cluster
        first_row.setdefault(unit, number)
    return clusters


def levels_from(scale: str | None = None, levels: str | None = None) -> list[str]:
    """The ordered levels of a scale id, or of a comma-separated list; give exactly one.

    >>> levels_from("ofsted4")
    ['outstanding', 'good', 'requires_improvement', 'inadequate']
    >>> levels_from("good3")
    ['exceeds_good', 'meets_good', 'does_not_meet_good']
    >>> levels_from("score10")[:3], len(levels_from("score10"))
    (['0', '1', '2'], 11)
    >>> levels_from(levels="low, mid, high")
    ['low', 'mid', 'high']
    """
    if (scale is None) == (levels is None):
        raise ValueError("Give either a scale id or a comma-separated list of levels "
                         "(not both, not neither).")
    if scale is not None:
        known = sorted({*BUILTIN_SCALES, "score10"})
        if scale == "score10":     # the 0-10 scores themselves, not the grades they band into
            return list(SCORE10_LEVELS)
        if scale not in BUILTIN_SCALES:
            raise ValueError(f"scale must be one of {tuple(known)!r} (got {scale!r})")
        return list(BUILTIN_SCALES[scale].levels)
    assert levels is not None
    result = [level.strip() for level in levels.split(",")]
    if any(not level for level in result):
        raise ValueError(f"levels must be comma-separated grades with none empty "
                         f"(got {levels!r})")
    _level_index(result)
    return result
