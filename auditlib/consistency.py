"""Grade consistency: how auditors' grades compare with the moderators' (the numbers behind
the consistency dashboard, ``auditlib.pages.consistency``).

Every moderated field is a pair: the auditor's grade and the moderated grade. A moderator who
records no grade for a field agrees with the auditor, so such a field counts as a pair of equal
grades; fields the moderator never saw (an audit not yet submitted) are left out.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
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


def wilson_interval(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95% by default).

    >>> [round(x, 3) for x in wilson_interval(8, 10)]
    [0.49, 0.943]
    """
    if n == 0:
        return (0.0, 1.0)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def agreement_by(pairs: list[Pair], key: str) -> list[dict[str, Any]]:
    """Exact agreement with the moderator, grouped by ``key`` (``auditor``, ``field``,
    ``month``, ``service_area``), with a 95% Wilson interval and the mean signed difference
    (positive: the moderator graded lower than the auditor, i.e. the auditor was lenient)."""
    groups: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        groups[p.field_title if key == "field" else getattr(p, key)].append(p)
    rows = []
    for name, group in groups.items():
        agreed = sum(not p.changed for p in group)
        low, high = wilson_interval(agreed, len(group))
        bias = sum(p.levels.index(p.moderated_grade) - p.levels.index(p.auditor_grade)
                   for p in group) / len(group)
        kappa = _kappa(group)
        rows.append({key: name, "pairs": len(group), "agreement": agreed / len(group),
                     "low": low, "high": high, "change_rate": 1 - agreed / len(group),
                     "mean_difference": bias, "weighted_kappa": kappa})
    rows.sort(key=lambda r: (r["agreement"], str(r[key])))
    return rows


def _kappa(group: list[Pair]) -> float | None:
    """Linear weighted kappa, auditor against moderator, where one scale is shared."""
    if len({p.scale for p in group}) != 1 or len(group) < 2:
        return None
    try:
        from auditlib.agreement import cohen_kappa
    except ImportError:  # pragma: no cover - agreement ships with auditlib
        return None
    levels = list(group[0].levels)
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
