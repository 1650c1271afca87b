"""Grade consistency: how auditors' grades compare with the moderators' (the consistency
dashboard's numbers).

Every moderated field is a pair: the auditor's grade and the moderated grade. A moderator who
records no grade for a field agrees with the auditor, so such a field counts as a pair of equal
grades; fields the moderator never saw (an audit not yet submitted) are left out.
"""
from __future__ import annotations

import html
import io
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

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
            moderation = record["moderation"].get(section.id) or {}
            m_grade = moderation.get("grade")
            if m_grade is None and moderation.get("score") is not None:
                m_grade = section.scale.grade_for_score(moderation["score"])
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
        from .agreement import cohen_kappa
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


def heatmap_svg(levels: list[str], matrix: list[list[int]], labels: dict[str, str],
                title: str) -> str:
    """The matrix as an SVG heat map, each cell written with its count (colour is never the
    only carrier of the number)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(1.6 + 1.3 * len(levels), 1.2 + 0.9 * len(levels)))
    ax.imshow(matrix, cmap="Blues")
    names = [labels.get(g, g) for g in levels]
    ax.set_xticks(range(len(levels)), names, rotation=20, ha="right", fontsize=9)
    ax.set_yticks(range(len(levels)), names, fontsize=9)
    ax.set_xlabel("Moderator's grade")
    ax.set_ylabel("Auditor's grade")
    ax.set_title(title, fontsize=10, loc="left")
    peak = max((max(r) for r in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", fontsize=11,
                    color="white" if peak and value > peak * 0.6 else "#0b0c0c")
    fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Creator": None, "Date": None, "Format": None,
                                             "Type": None})
    plt.close(fig)
    svg = out.getvalue()
    return svg[svg.index("<svg"):]


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


class ConsistencyDashboard:
    """Filters (month, service area, auditor) and the consistency views they drive."""

    def __init__(self, store: Any, month: str | None = None):
        from .lead import LEAD_CSS
        from .ui import CSS

        self.store = store
        audits = [a for a in store.find_audits(training=False) if a["status"] in MODERATED]
        style = {"description_width": "8rem"}
        everyone = [("All", "")]
        self.month = w.Dropdown(options=everyone + [(m, m) for m in sorted(
            {a["month"] for a in audits if a["month"]}, reverse=True)], description="Month",
            style=style)
        self.service_area = w.Dropdown(options=everyone + [(s, s) for s in sorted(
            {a["service_area"] for a in audits if a["service_area"]})],
            description="Service area", style=style)
        self.auditor = w.Dropdown(options=everyone + [(s, s) for s in sorted(
            {a["auditor"] for a in audits})], description="Auditor", style=style)
        if month and month in [v for _, v in self.month.options]:
            self.month.value = month
        for name in ("month", "service_area", "auditor"):
            control = getattr(self, name)
            control.add_class(f"aw-filter-{name}")
            control.observe(lambda _c: self.refresh(), names="value")
        self.summary = w.HTML()
        self.summary.add_class("aw-consistency-summary")
        self.heatmaps = w.HTML()
        self.heatmaps.add_class("aw-heatmaps")
        self.tables = w.HTML()
        self.tables.add_class("aw-consistency-tables")
        self.widget = w.VBox([
            w.HTML(CSS + LEAD_CSS + "<h1>Grade consistency</h1><p>Auditors' grades against "
                   "the moderators', for moderated audits. A moderator who records no grade for "
                   "a field agrees with the auditor.</p>"),
            w.HBox([self.month, self.service_area, self.auditor]), self.summary,
            self.heatmaps, self.tables], layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")
        self.widget.add_class("aw-consistency")
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def refresh(self) -> None:
        from .lead import html_table
        from .scales import BUILTIN_SCALES

        pairs = moderation_pairs(self.store, self.month.value or None,
                                 self.service_area.value or None, self.auditor.value or None)
        if not pairs:
            self.summary.value = "<p>No moderated audits match these filters yet.</p>"
            self.heatmaps.value = self.tables.value = ""
            return
        changed = sum(p.changed for p in pairs)
        self.summary.value = (f"<p>{len(pairs)} moderated fields in "
                              f"{len({p.audit_id for p in pairs})} audits; the moderator changed "
                              f"{changed} ({_pct(changed / len(pairs))} change rate).</p>")
        maps = []
        for scale in sorted({p.scale for p in pairs}):
            levels, matrix = grade_matrix(pairs, scale)
            labels = dict(BUILTIN_SCALES[scale].labels) if scale in BUILTIN_SCALES else {}
            title = f"Auditor against moderator ({scale})"
            rows = [[labels.get(a, a), *row] for a, row in zip(levels, matrix)]
            head = "".join(f"<th scope='col'>{_e(labels.get(m, m))}</th>" for m in levels)
            body = "".join("<tr><th scope='row'>" + _e(r[0]) + "</th>"
                           + "".join(f"<td>{v}</td>" for v in r[1:]) + "</tr>" for r in rows)
            maps.append(f"<figure role='group' aria-label='{_e(title)}'>"
                        f"{heatmap_svg(levels, matrix, labels, title)}</figure>"
                        f"<table class='aw-table'><caption>{_e(title)}: rows are the auditor's "
                        f"grade, columns the moderator's</caption><thead><tr><th scope='col'>"
                        f"Auditor</th>{head}</tr></thead><tbody>{body}</tbody></table>")
        self.heatmaps.value = "<h2>Grade matrix</h2>" + "".join(maps)
        parts = []
        for key, caption in (("auditor", "Agreement per auditor"),
                             ("field", "Agreement per field (least agreed first)"),
                             ("month", "Trend by month")):
            rows = agreement_by(pairs, key)
            for r in rows:
                r["agreement_text"] = f"{_pct(r['agreement'])} ({_pct(r['low'])}–" \
                                      f"{_pct(r['high'])})"
                r["change_text"] = _pct(r["change_rate"])
                r["bias_text"] = _bias_words(r["mean_difference"])
                r["kappa_text"] = "" if r["weighted_kappa"] is None else \
                    f"{r['weighted_kappa']:.2f}"
            if key == "month":
                rows.sort(key=lambda r: r["month"])
            parts.append(html_table(rows, [
                (key, key.replace("_", " ").capitalize()), ("pairs", "Fields"),
                ("agreement_text", "Agreement (95% interval)"),
                ("change_text", "Changed at moderation"),
                ("kappa_text", "Weighted kappa"), ("bias_text", "Tendency")], caption))
        self.tables.value = "".join(parts)


def _bias_words(mean_difference: float) -> str:
    if abs(mean_difference) < 0.05:
        return "in line with moderators"
    direction = "more lenient" if mean_difference > 0 else "harsher"
    return f"{direction} than moderators ({mean_difference:+.2f} grades)"


def open_consistency(month: str | None = None, store_url: str | None = None,
                     user: str | None = None) -> Any:
    """The consistency dashboard for a notebook to display: moderators and lead auditors."""
    from . import access
    from .exceptions import AuditlibError
    from .store import AuditStore
    from .ui import _message

    user = user or access.acting_user()
    try:
        store = AuditStore(store_url)
        try:
            access.check(user, store.roles_of(user), "dashboard")
        except AuditlibError:
            store.close()
            raise
        return ConsistencyDashboard(store, month)
    except AuditlibError as exc:
        return _message("The dashboard cannot be opened", str(exc))
