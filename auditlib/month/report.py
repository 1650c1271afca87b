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

    # grade distribution, one chart per overall scale (frameworks grade on different scales)
    by_scale: dict[str, Counter] = defaultdict(Counter)
    scales: dict[str, Any] = {}
    area_rows: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        framework = store.framework_of(record["audit_id"])
        if framework.overall is None:
            continue
        scale = framework.overall.scale
        scales[scale.id] = scale
        grade = record.get("overall")
        by_scale[scale.id][grade] += 1
        area_rows[record.get("service_area") or "Not recorded"][scale.label(grade)] += 1
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
            field_counts[key][graded.label] += 1
            m_grade = moderated_grade(record, section)
            if m_grade is not None:
                moderated_fields[key] += 1
                if m_grade != graded.grade:
                    changes[key] += 1
    used = {w for c in field_counts.values() for w in c}
    words = [w for w in order if w in used]
    page["by_field"] = _table("The auditors' grades, field by field", ["Field", *words],
                              [[titles[k], *(c.get(w, 0) for w in words)]
                               for k, c in field_counts.items()])
    total_moderated = sum(moderated_fields.values())
    total_changed = sum(changes.values())
    page["moderation"] = {
        "fields": total_moderated, "changed": total_changed,
        "rate": f"{100 * total_changed / total_moderated:.0f}%" if total_moderated else "no",
        "table": _table("Grades changed at moderation", ["Field", "Moderated", "Changed"],
                        [[titles[k], moderated_fields[k], changes[k]]
                         for k in titles if k in moderated_fields])}

    actions = action_tracker(store, today, month=month)
    raised = len(actions)
    done = sum(1 for a in actions if a["signed_off"])
    late = sum(1 for a in actions if a["overdue"])
    # by the child's service area, not by the person typed into the action (free text that can
    # name a family member)
    area_of = {r["audit_id"]: r.get("service_area") or "Not recorded" for r in records}
    by_area: dict[str, Counter] = defaultdict(Counter)
    for a in actions:
        area = area_of.get(a.get("audit_id"), "Not recorded")
        by_area[area]["raised"] += 1
        by_area[area]["done"] += bool(a["signed_off"])
        by_area[area]["late"] += bool(a["overdue"])
    page["actions"] = {
        "raised": raised, "done": done, "late": late,
        "chart": _chart("Actions", ["Raised", "Signed off", "Overdue"], [raised, done, late]),
        "table": _table("Actions by the child's service area",
                        ["Service area", "Raised", "Signed off", "Overdue"],
                        [[area, c["raised"], c["done"], c["late"]]
                         for area, c in sorted(by_area.items())])}

    # themes: which of the framework's rules the month's findings came from, counted; the
    # narratives ("what is working well"…) describe the child and stay in the audit
    audits_per_rule: Counter = Counter()
    levels: dict[tuple[str, str], str] = {}
    for record in records:
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
    return _templates().get_template("report.html").render(page)


def _scale_name(scale_id: str) -> str:
    return {"ofsted4": "Ofsted grades", "good3": "against the statements of good",
            "score10": "0-10 scale"}.get(scale_id, scale_id)
