"""Grade consistency: how auditors' grades compare with the moderators' (the numbers behind
the consistency dashboard, ``auditlib.pages.consistency``).

Every moderated field is a pair: the auditor's grade and the moderated grade. A moderator who
records no grade for a field agrees with the auditor, so such a field counts as a pair of equal
grades; fields the moderator never saw (an audit not yet submitted) are left out.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from auditlib.record import moderated_grade

MODERATED = ("submitted", "returned", "finalised")


@dataclass(frozen=True)
class Pair:
    audit_id: int
    month: str
    service_area: str
    auditor: str
    framework: str
    field: str
    field_title: str
    scale: str
    levels: tuple[str, ...]
    auditor_grade: str
    moderated_grade: str
    changed: bool


def moderation_pairs(store: Any, month: str | None = None, service_area: str | None = None,
                     auditor: str | None = None) -> list[Pair]:
    """The auditor-versus-moderator grade pairs of every moderated audit matching the filters."""
    pairs = []
    for summary in store.find_audits(training=False):
        if summary["status"] not in MODERATED or (month and summary["month"] != month) or \
                (service_area and (summary["service_area"] or "") != service_area) or \
                (auditor and summary["auditor"] != auditor):
            continue
        record = store.find_audit(summary["audit_id"])
        if not record["moderator"] and not record["moderation"]:
            continue  # submitted but not yet looked at
        framework = store.framework_of(record["audit_id"])
        result = store.grading(record["audit_id"])
        for section in framework.sections:
            graded = result.sections.get(section.id)
            if graded is None or graded.grade is None or section.scale is None:
                continue
            m_grade = moderated_grade(record, section)
            if m_grade == "not_applicable":
                continue
            m_grade = m_grade or graded.grade
            scale = section.scale
            pairs.append(Pair(record["audit_id"], record["month"] or "",
                              record.get("service_area") or "Not recorded", record["auditor"],
                              framework.id, section.id,
                              f"{section.number} {section.title}".strip(),
                              "ofsted4" if scale.id == "score10" else scale.id, scale.levels,
                              graded.grade, m_grade, m_grade != graded.grade))
    return pairs


def intervals_by_audit(pairs: Iterable[tuple[Hashable, Any, Any]],
                       levels: Sequence[str] | None = None) -> dict[str, list[float] | None]:
    """95% intervals, each audit one observation, for how often two grades of the same field
    agree: ``pairs`` holds ``(audit, grade, other grade)`` for each field compared.

    ``agreement``: the share of fields whose two grades are the same; ``weighted_kappa``: linear
    weighted kappa, given the ``levels`` of the one scale every grade is on (without them, or
    where kappa is undefined, ``None``). Fields of one audit are not independent (an auditor
    who misreads a case misreads it throughout), so an interval counting fields as the
    observations is too narrow; these come from :func:`auditlib.agreement.intervals` with each
    field's audit as its cluster. Fewer than two audits, or audits all alike (nothing to
    estimate the spread from), give ``None``.
    """
    from auditlib.agreement import intervals

    ratings: list[tuple[Hashable, Hashable, Any]] = []
    clusters: dict[Hashable, Hashable] = {}
    for unit, (audit, first, second) in enumerate(pairs):
        if levels is None:  # grades of several scales: only whether the two are the same counts
            first, second = "same", "same" if first == second else "different"
        ratings += [(unit, "first", first), (unit, "second", second)]
        clusters[unit] = audit
    if not ratings:
        return {"agreement": None, "weighted_kappa": None}
    found = intervals(ratings, ["same", "different"] if levels is None else levels, clusters,
                      keys=["percent_agreement", "cohen_kappa"])
    kappa = found["cohen_kappa"] if levels is not None else None
    return {"agreement": found["percent_agreement"],
            "weighted_kappa": kappa["linear"] if kappa else None}


#: what "no interval" in a table means, said once beside the table
NO_INTERVAL = ("“No interval” means too few {units}, or {units} all alike, to estimate one "
               "from.")


def interval_words(interval: Sequence[float] | None,
                   show: Callable[[float], str] = "{:.2f}".format,
                   too_few: str = "no interval") -> str:
    """An interval as the pages write it, in brackets: ``(0.12 to 0.65)``, or, where there is
    none, ``(no interval)`` (a bare 0% to 100% would read as a finding); the page says once
    why there may be none (:data:`NO_INTERVAL`).

    >>> interval_words([0.12, 0.65]), interval_words(None)
    ('(0.12 to 0.65)', '(no interval)')
    """
    if interval is None:
        return f"({too_few})"
    return f"({show(interval[0])} to {show(interval[1])})"


def agreement_by(pairs: list[Pair], key: str) -> list[dict[str, Any]]:
    """Exact agreement with the moderator, grouped by ``key`` (``auditor``, ``field``,
    ``month``, ``service_area``), with the mean signed difference (positive: the moderator
    graded lower than the auditor, i.e. the auditor was lenient) and, on one scale, linear
    weighted kappa. The 95% intervals (``low`` and ``high`` for agreement, ``kappa_interval``)
    treat each audit as one observation (:func:`intervals_by_audit`); ``None`` where the group
    has too few audits for one."""
    groups: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        groups[p.field_title if key == "field" else getattr(p, key)].append(p)
    rows = []
    for name, group in groups.items():
        agreed = sum(not p.changed for p in group)
        levels = _shared_levels(group)
        found = intervals_by_audit(((p.audit_id, p.auditor_grade, p.moderated_grade)
                                    for p in group), levels)
        low, high = found["agreement"] or (None, None)
        bias = sum(p.levels.index(p.moderated_grade) - p.levels.index(p.auditor_grade)
                   for p in group) / len(group)
        kappa = _kappa(group, levels)
        rows.append({key: name, "pairs": len(group), "agreement": agreed / len(group),
                     "low": low, "high": high, "change_rate": 1 - agreed / len(group),
                     "mean_difference": bias, "weighted_kappa": kappa,
                     "kappa_interval": found["weighted_kappa"] if kappa is not None else None})
    rows.sort(key=lambda r: (r["agreement"], str(r[key])))
    return rows


def _shared_levels(group: list[Pair]) -> list[str] | None:
    """The levels of the one scale every pair of ``group`` is on, else None."""
    return list(group[0].levels) if len({(p.scale, p.levels) for p in group}) == 1 else None


def _kappa(group: list[Pair], levels: list[str] | None) -> float | None:
    """Linear weighted kappa, auditor against moderator, where one scale is shared."""
    if levels is None or len(group) < 2:
        return None
    from auditlib.agreement import cohen_kappa

    ratings = []
    for i, p in enumerate(group):
        ratings += [(i, "auditor", p.auditor_grade), (i, "moderator", p.moderated_grade)]
    try:
        value = cohen_kappa(ratings, levels, weights="linear")
    except (ValueError, ZeroDivisionError):
        return None
    return None if value is None or math.isnan(value) else value


def grade_matrix(pairs: list[Pair], scale: str) -> tuple[list[str], list[list[int]]]:
    """Counts of (auditor's grade, moderated grade) on one scale: rows auditor, columns
    moderator, best grade first."""
    chosen = [p for p in pairs if p.scale == scale]
    if not chosen:
        return [], []
    levels = list(chosen[0].levels)
    counts = Counter((p.auditor_grade, p.moderated_grade) for p in chosen)
    return levels, [[counts.get((a, m), 0) for m in levels] for a in levels]
