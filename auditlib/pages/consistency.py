"""The grade consistency dashboard: auditors' grades against the moderators', by month,
service area and auditor, for moderators and lead auditors."""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from auditlib.consistency import (
    MODERATED,
    NO_INTERVAL,
    agreement_by,
    grade_matrix,
    interval_words,
    moderation_pairs,
)
from auditlib.month.charts import heatmap_svg
from auditlib.pages.base import Page, open_page
from auditlib.pages.html import e, style, table
from auditlib.store import AuditStore


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


class ConsistencyDashboard(Page):
    """Filters (month, service area, auditor) and the consistency views they drive: for
    moderators and lead auditors."""

    def __init__(self, store: AuditStore, month: str | None = None, user: str | None = None):
        super().__init__(store, user, ("dashboard",))
        audits = [a for a in store.find_audits(training=False) if a["status"] in MODERATED]
        narrow = {"description_width": "8rem"}
        everyone = [("All", "")]
        self.month = w.Dropdown(options=everyone + [(m, m) for m in sorted(
            {a["month"] for a in audits if a["month"]}, reverse=True)], description="Month",
            style=narrow)
        self.service_area = w.Dropdown(options=everyone + [(s, s) for s in sorted(
            {a["service_area"] for a in audits if a["service_area"]})],
            description="Service area", style=narrow)
        self.auditor = w.Dropdown(options=everyone + [(s, s) for s in sorted(
            {a["auditor"] for a in audits})], description="Auditor", style=narrow)
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
            w.HTML(style("workbook", "tables") + "<h1>Grade consistency</h1><p>Auditors' grades "
                   "against "
                   "the moderators', for moderated audits. A moderator who records no grade for "
                   "a field agrees with the auditor.</p>"),
            w.HBox([self.month, self.service_area, self.auditor]), self.summary,
            self.heatmaps, self.tables], layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")
        self.widget.add_class("aw-consistency")
        self.refresh()

    def refresh(self) -> None:
        from auditlib.scales import BUILTIN_SCALES

        pairs = moderation_pairs(self.store, self.month.value or None,
                                 self.service_area.value or None, self.auditor.value or None)
        if not pairs:
            self.summary.value = "<p>No moderated audits match these filters yet.</p>"
            self.heatmaps.value = self.tables.value = ""
            return
        changed = sum(p.changed for p in pairs)
        self.summary.value = (f"<p>{len(pairs)} moderated fields in "
                              f"{len({p.audit_id for p in pairs})} audits; the moderator changed "
                              f"{changed} ({_pct(changed / len(pairs))} change rate). The 95% "
                              "intervals treat each audit as one observation: the fields of "
                              "one audit are not independent. "
                              f"{NO_INTERVAL.format(units='audits')}</p>")
        maps = []
        for scale in sorted({p.scale for p in pairs}):
            levels, matrix = grade_matrix(pairs, scale)
            labels = dict(BUILTIN_SCALES[scale].labels) if scale in BUILTIN_SCALES else {}
            title = f"Auditor against moderator ({scale})"
            # the grade levels are the columns' keys; "" (never a level) the auditor's
            rows = [{"": labels.get(a, a), **dict(zip(levels, row))}
                    for a, row in zip(levels, matrix)]
            maps.append(f"<figure role='group' aria-label='{e(title)}'>"
                        f"{heatmap_svg(levels, matrix, labels, title)}</figure>"
                        + table(rows, [("", "Auditor"), *((m, labels.get(m, m)) for m in levels)],
                                f"{title}: rows are the auditor's grade, columns the moderator's",
                                row_headers=True))
        self.heatmaps.value = "<h2>Grade matrix</h2>" + "".join(maps)
        parts = []
        for key, caption in (("auditor", "Agreement per auditor"),
                             ("field", "Agreement per field (least agreed first)"),
                             ("month", "Trend by month")):
            rows = agreement_by(pairs, key)
            for r in rows:
                interval = None if r["low"] is None else (r["low"], r["high"])
                r["agreement_text"] = f"{_pct(r['agreement'])} " + interval_words(interval, _pct)
                r["change_text"] = _pct(r["change_rate"])
                r["bias_text"] = _bias_words(r["mean_difference"])
                r["kappa_text"] = "" if r["weighted_kappa"] is None else \
                    f"{r['weighted_kappa']:.2f} " + interval_words(r["kappa_interval"])
            if key == "month":
                rows.sort(key=lambda r: r["month"])
            parts.append(table(rows, [
                (key, key.replace("_", " ").capitalize()), ("pairs", "Fields"),
                ("agreement_text", "Agreement (95% interval)"),
                ("change_text", "Changed at moderation"),
                ("kappa_text", "Weighted kappa (95% interval)"), ("bias_text", "Tendency")],
                caption))
        self.tables.value = "".join(parts)


def _bias_words(mean_difference: float) -> str:
    if abs(mean_difference) < 0.05:
        return "in line with moderators"
    direction = "more lenient" if mean_difference > 0 else "harsher"
    return f"{direction} than moderators ({mean_difference:+.2f} grades)"


def open_consistency(month: str | None = None, store_url: str | None = None,
                     user: str | None = None) -> Any:
    """The consistency dashboard for a notebook to display: moderators and lead auditors."""
    return open_page("The dashboard cannot be opened",
                     lambda store: ConsistencyDashboard(store, month, user=user), store_url)
