"""The monthly board report: one self-contained HTML file for the operational board.

"The findings of audits are collated by the Lead Auditor and are included in Monthly audit
reports which presented to the Operational Board" (``frameworks/sources/full-audit-process.txt``).
The report holds grade distributions (overall, by service area, by field), what moderation
changed, the actions raised, completed and overdue, and the themes from learning. Charts are SVG
drawn by matplotlib and embedded, so the file opens anywhere with no internet; every chart has its
numbers in a table beside it, and grades are always written in words.

This module counts; ``templates/report.html`` lays the counts out (its style sheet,
``templates/report.css``, is written into the page). Jinja2 escapes every value it is given, so
no name, team or title can become markup, whatever it holds.

Audits describe children, and the report leaves the case file: it holds counts, grades, service
areas and the framework's own words (field titles, rule ids), never text typed in an audit (no
narrative, comment, action or person named in one). Themes are the framework rules the month's
findings came from, counted.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from typing import Any

from auditlib.month.charts import bar_chart_svg
from auditlib.month.tracking import action_tracker, audit_stage, moderation_due, month_tracker
from auditlib.record import moderated_grade


def _templates() -> Any:
    # built per report (once a month): an optional package missing is found every time
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("auditlib.month", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _chart(title: str, labels: list[str], counts: list[int]) -> dict[str, Any]:
    from markupsafe import Markup

    # matplotlib writes the SVG and escapes the text it holds: the one markup passed through
    return {"title": title, "svg": Markup(bar_chart_svg(title, labels, counts))}


def _table(caption: str, header: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    """A table for the template: each row's first cell heads the row."""
    return {"caption": caption, "header": header, "rows": rows}


def monthly_report(store: Any, month: str, today: _dt.date | None = None) -> str:
    """The month's report as one HTML page."""
    today = today or _dt.date.today()
    tracker = month_tracker(store, month, today)
    records = [store.find_audit(row["audit_id"]) for row in tracker]
    page: dict[str, Any] = {"title": f"Case file audits: {month}", "today": today,
                            "month": month, "audits": len(records),
                            "stages": Counter(audit_stage(r) for r in records),
                            "overdue": sum(row["overdue"] for row in tracker),
                            "moderation_due": moderation_due(month)}

    # the grades counted are the final ones: finalised audits only, each field and the overall
    # as the moderator left it (theirs where they changed it); the rest are counted by stage
    every = records
    records = [r for r in every if r["status"] == "finalised"]
    page["finalised"], page["not_final"] = len(records), len(every) - len(records)

    # grade distribution, one chart per overall scale (frameworks grade on different scales)
    by_scale, scales = _final_overalls(store, records)
    area_rows: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        framework = store.framework_of(record["audit_id"])
        if framework.overall is not None:
            grade = final_overall(framework, record)
            area_rows[record.get("service_area") or "Not recorded"][
                framework.overall.scale.label(grade)] += 1
    page["overall"] = []
    for scale_id, counts in by_scale.items():
        scale = scales[scale_id]
        labels = [scale.label(g) for g in scale.levels] + ["Not graded yet"]
        values = [counts.get(g, 0) for g in scale.levels] + [counts.get(None, 0)]
        title = f"Overall grades ({_scale_name(scale_id)})"
        page["overall"].append((_chart(title, labels, values), _table(
            title, ["Grade", "Audits"], [[label, value] for label, value in zip(labels, values)])))
    used_words = {g for c in area_rows.values() for g in c}
    grade_words = [w for s in scales.values() for w in [s.label(g) for g in s.levels]
                   if w in used_words] + (["Not graded"] if "Not graded" in used_words else [])
    page["by_area"] = _table("Overall grades by the child's service area",
                             ["Service area", *grade_words],
                             [[area, *(counts.get(g, 0) for g in grade_words)]
                              for area, counts in sorted(area_rows.items())])

    # by field: the auditor's grades, and what moderation changed
    field_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    changes: Counter = Counter()
    moderated_fields: Counter = Counter()
    # (audit, auditor's grade, final grade) of every field the auditor graded: a field the
    # moderator did not regrade is one they agreed with, as on the consistency dashboard
    kept: list[tuple[int, str, str]] = []
    titles: dict[tuple[str, str], str] = {}
    order: dict[str, None] = {}  # grade words in scale order, best first
    for record in records:
        framework = store.framework_of(record["audit_id"])
        result = store.grading(record["audit_id"])
        for section in framework.sections:
            graded = result.sections.get(section.id)
            if graded is None or section.scale is None:
                continue
            key = (framework.id, section.id)
            titles[key] = f"{framework.title}: {section.number} {section.title}".strip()
            for label in [section.scale.label(g) for g in section.scale.levels] + [
                    "Not applicable", "Not graded"]:
                order.setdefault(label)
            m_grade = moderated_grade(record, section)
            field_counts[key][section.scale.label(m_grade) if m_grade else graded.label] += 1
            if graded.grade is not None:
                kept.append((record["audit_id"], graded.grade, m_grade or graded.grade))
            if m_grade is not None:
                moderated_fields[key] += 1
                if m_grade != graded.grade:
                    changes[key] += 1
    used = {w for c in field_counts.values() for w in c}
    words = [w for w in order if w in used]
    page["by_field"] = _table("Final grades, field by field", ["Field", *words],
                              [[titles[k], *(c.get(w, 0) for w in words)]
                               for k, c in field_counts.items()])
    total_moderated = sum(moderated_fields.values())
    total_changed = sum(changes.values())
    page["moderation"] = {
        "fields": total_moderated, "changed": total_changed,
        "rate": f"{100 * total_changed / total_moderated:.0f}%" if total_moderated else "no",
        "agreement": _agreement(kept),
        "table": _table("Grades changed at moderation", ["Field", "Moderated", "Changed"],
                        [[titles[k], moderated_fields[k], changes[k]]
                         for k in titles if k in moderated_fields])}

    actions = action_tracker(store, today, month=month)
    raised = len(actions)
    done = sum(1 for a in actions if a["signed_off"])
    late = sum(1 for a in actions if a["overdue"])
    # by the child's service area, not by the person typed into the action (free text that can
    # name a family member)
    area_of = {r["audit_id"]: r.get("service_area") or "Not recorded" for r in every}
    by_area: dict[str, Counter] = defaultdict(Counter)
    for a in actions:
        area = area_of.get(a.get("audit_id"), "Not recorded")
        by_area[area]["raised"] += 1
        by_area[area]["done"] += bool(a["signed_off"])
        by_area[area]["late"] += bool(a["overdue"])
    page["actions"] = {
        "raised": raised, "done": done, "late": late,
        "rate": f"{100 * done / raised:.0f}%" if raised else "none",
        "chart": _chart("Actions", ["Raised", "Signed off", "Overdue"], [raised, done, late]),
        "table": _table("Actions by the child's service area",
                        ["Service area", "Raised", "Signed off", "Overdue"],
                        [[area, c["raised"], c["done"], c["late"]]
                         for area, c in sorted(by_area.items())])}

    # themes: which of the framework's rules the month's findings came from, counted; the
    # narratives ("what is working well"…) describe the child and stay in the audit
    audits_per_rule: Counter = Counter()
    levels: dict[tuple[str, str], str] = {}
    for record in every:  # the whole sample: what the audits found, finalised or not yet
        framework_id = store.framework_of(record["audit_id"]).id
        findings = store.grading(record["audit_id"]).findings
        for finding in findings:
            levels[(framework_id, finding.rule)] = finding.level
        audits_per_rule.update({(framework_id, f.rule) for f in findings})
    page["themes"] = _table(
        "Findings by the framework rule behind them (audits where each applies)",
        ["Rule", "Level", "Audits"],
        [[f"{fw}: {rule}", levels[(fw, rule)], count]
         for (fw, rule), count in sorted(audits_per_rule.items(),
                                         key=lambda item: (-item[1], item[0]))])
    page["trend"] = _trend(store, month, today)
    return _templates().get_template("report.html").render(page)


def _agreement(kept: list[tuple[int, str, str]]) -> dict[str, Any] | None:
    """How many of the auditors' field grades the moderators kept, as a percentage with its 95%
    interval treating each audit as one observation (fields of one audit are not independent);
    the interval is None with too few audits or audits all alike, and the whole None with no
    field graded."""
    from auditlib.consistency import intervals_by_audit

    if not kept:
        return None
    share = sum(mine == final for _, mine, final in kept) / len(kept)
    interval = intervals_by_audit(kept)["agreement"]
    return {"fields": len(kept), "share": _percent(share),
            "interval": None if interval is None else [_percent(end) for end in interval]}


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def final_overall(framework: Any, record: dict[str, Any]) -> str | None:
    """The audit's overall grade as moderation left it: the moderator's where they recorded
    one (a grade or a score), else the auditor's."""
    section = framework.section_by_id[framework.overall.section]
    return moderated_grade(record, section) or record.get("overall")


def _final_overalls(store: Any, records: list[dict[str, Any]]
                    ) -> tuple[dict[str, Counter], dict[str, Any]]:
    """The final overall grades of ``records``, counted by overall scale, and the scales."""
    by_scale: dict[str, Counter] = defaultdict(Counter)
    scales: dict[str, Any] = {}
    for record in records:
        framework = store.framework_of(record["audit_id"])
        if framework.overall is None:
            continue
        scales[framework.overall.scale.id] = framework.overall.scale
        by_scale[framework.overall.scale.id][final_overall(framework, record)] += 1
    return by_scale, scales


def _trend(store: Any, month: str, today: _dt.date, months: int = 6) -> list[dict[str, Any]]:
    """The final overall grades of this month and the ``months - 1`` before it, a table per
    overall scale: month by month, how many audits were finalised and with which grade."""
    from auditlib.dates import months_before, parse_month

    first = parse_month(month)
    per_month = []
    for back in range(months - 1, -1, -1):
        day = months_before(first, back)
        label = f"{day.year}-{day.month:02d}"
        finalised = [store.find_audit(row["audit_id"])
                     for row in month_tracker(store, label, today) if row["stage"] == "finalised"]
        per_month.append((label, *_final_overalls(store, finalised)))
    scales = {sid: scale for _m, _c, found in per_month for sid, scale in found.items()}
    tables = []
    for scale_id, scale in scales.items():
        words = [scale.label(g) for g in scale.levels]
        rows = [[label, sum(counts[scale_id].values()),
                 *(counts[scale_id].get(g, 0) for g in scale.levels)]
                for label, counts, _found in per_month]
        tables.append(_table(f"Final overall grades month by month ({_scale_name(scale_id)})",
                             ["Month", "Finalised", *words], rows))
    return tables


def _scale_name(scale_id: str) -> str:
    return {"ofsted4": "Ofsted grades", "good3": "against the statements of good",
            "score10": "0-10 scale"}.get(scale_id, scale_id)
