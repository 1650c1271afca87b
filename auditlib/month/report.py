"""The monthly board report: one self-contained HTML file for the operational board.

"The findings of audits are collated by the Lead Auditor and are included in Monthly audit
reports which presented to the Operational Board" (``frameworks/sources/full-audit-process.txt``).
The report holds grade distributions (overall, by service area, by field), what moderation
changed, the actions raised, completed and overdue, and the themes from learning. Charts are SVG
drawn by matplotlib and embedded, so the file opens anywhere with no internet; every chart has its
numbers in a table beside it, and grades are always written in words.

Audits describe children, and the report leaves the case file: it holds counts, grades, service
areas and the framework's own words (field titles, rule ids), never text typed in an audit (no
narrative, comment, action or person named in one). Themes are the framework rules the month's
findings came from, counted.
"""
from __future__ import annotations

import datetime as _dt
import html
import io
from collections import Counter, defaultdict
from typing import Any

from auditlib.month.tracking import action_tracker, audit_stage, moderation_due, month_tracker

# grade colours are paired with words and patterns, never used alone
PALETTE = {0: "#00703c", 1: "#1d70b8", 2: "#f47738", 3: "#d4351c"}
HATCHES = {0: "", 1: "//", 2: "..", 3: "xx"}


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _table(caption: str, header: list[str], rows: list[list[Any]]) -> str:
    if not rows:
        return f"<p>{_e(caption)}: none this month.</p>"
    head = "".join(f"<th scope='col'>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(
        f"<th scope='row'>{_e(r[0])}</th>" + "".join(f"<td>{_e(c)}</td>" for c in r[1:]))
        + "</tr>" for r in rows)
    return (f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _bar_chart(title: str, labels: list[str], counts: list[int]) -> str:
    """A horizontal bar chart as inline SVG: each bar labelled with its grade and count."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 0.5 + 0.45 * max(1, len(labels))))
    positions = list(range(len(labels)))[::-1]
    bars = ax.barh(positions, counts, color=[PALETTE.get(i % 4) for i in range(len(labels))],
                   hatch=None, edgecolor="#0b0c0c")
    for i, bar in enumerate(bars):
        bar.set_hatch(HATCHES.get(i % 4, ""))
        ax.text(bar.get_width() + 0.1, bar.get_y() + bar.get_height() / 2, str(counts[i]),
                va="center", fontsize=10)
    ax.set_yticks(positions)
    ax.set_yticklabels(labels, fontsize=10)
    ax.set_xlabel("Audits")
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(counts + [1]) * 1.2)
    fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Creator": None, "Date": None, "Format": None,
                                             "Type": None})
    plt.close(fig)
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):]
    return (f"<figure role='group' aria-label='{_e(title)}'>{svg}"
            f"<figcaption>{_e(title)} (the table gives the same numbers)</figcaption></figure>")


def monthly_report(store: Any, month: str, today: _dt.date | None = None) -> str:
    """The month's report as one HTML page."""
    today = today or _dt.date.today()
    tracker = month_tracker(store, month, today)
    records = [store.find_audit(row["audit_id"]) for row in tracker]
    parts: list[str] = []
    stages = Counter(audit_stage(r) for r in records)
    overdue = sum(row["overdue"] for row in tracker)
    parts.append(
        f"<p>{len(records)} audits were sampled for {_e(month)}: "
        f"{stages.get('finalised', 0)} finalised, {stages.get('submitted', 0)} with the "
        f"moderator, {stages.get('moderated', 0)} returned to the auditor after moderation, "
        f"{stages.get('in_progress', 0)} in progress and {stages.get('not_started', 0)} not "
        f"started; {overdue} past their due date. Moderation is due by "
        f"{moderation_due(month):%d %B %Y}.</p>")

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
    parts.append("<h2>Overall grades</h2>")
    for scale_id, counts in by_scale.items():
        scale = scales[scale_id]
        labels = [scale.label(g) for g in scale.levels] + ["Not graded yet"]
        values = [counts.get(g, 0) for g in scale.levels] + [counts.get(None, 0)]
        parts.append(_bar_chart(f"Overall grades ({_scale_name(scale_id)})", labels, values))
        parts.append(_table(f"Overall grades ({_scale_name(scale_id)})", ["Grade", "Audits"],
                            [[label, value] for label, value in zip(labels, values)]))
    used_words = {g for c in area_rows.values() for g in c}
    grade_words = [w for s in scales.values() for w in [s.label(g) for g in s.levels]
                   if w in used_words] + (["Not graded"] if "Not graded" in used_words else [])
    parts.append("<h2>By service area</h2>" + _table(
        "Overall grades by the child's service area", ["Service area", *grade_words],
        [[area, *(counts.get(g, 0) for g in grade_words)]
         for area, counts in sorted(area_rows.items())]))

    # by field: the auditor's grades, and what moderation changed
    parts.append("<h2>By field</h2>")
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
            moderation = record["moderation"].get(section.id) or {}
            m_grade = moderation.get("grade")
            if m_grade is None and moderation.get("score") is not None:
                m_grade = section.scale.grade_for_score(moderation["score"])
            if m_grade is not None:
                moderated_fields[key] += 1
                if m_grade != graded.grade:
                    changes[key] += 1
    used = {w for c in field_counts.values() for w in c}
    words = [w for w in order if w in used]
    parts.append(_table("The auditors' grades, field by field", ["Field", *words],
                        [[titles[k], *(c.get(w, 0) for w in words)]
                         for k, c in field_counts.items()]))
    total_moderated = sum(moderated_fields.values())
    total_changed = sum(changes.values())
    rate = f"{100 * total_changed / total_moderated:.0f}%" if total_moderated else "no"
    parts.append(f"<h2>Moderation</h2><p>Moderators recorded a grade for {total_moderated} "
                 f"fields and changed {total_changed} of them ({rate} change rate).</p>")
    parts.append(_table("Grades changed at moderation", ["Field", "Moderated", "Changed"],
                        [[titles[k], moderated_fields[k], changes[k]]
                         for k in titles if k in moderated_fields]))

    actions = action_tracker(store, today, month=month)
    raised = len(actions)
    done = sum(1 for a in actions if a["signed_off"])
    late = sum(1 for a in actions if a["overdue"])
    parts.append(f"<h2>Actions</h2><p>{raised} actions raised, {done} completed and signed off, "
                 f"{late} overdue.</p>")
    parts.append(_bar_chart("Actions", ["Raised", "Signed off", "Overdue"], [raised, done, late]))
    # by the child's service area, not by the person typed into the action (free text that can
    # name a family member)
    area_of = {r["audit_id"]: r.get("service_area") or "Not recorded" for r in records}
    by_area: dict[str, Counter] = defaultdict(Counter)
    for a in actions:
        area = area_of.get(a.get("audit_id"), "Not recorded")
        by_area[area]["raised"] += 1
        by_area[area]["done"] += bool(a["signed_off"])
        by_area[area]["late"] += bool(a["overdue"])
    parts.append(_table("Actions by the child's service area",
                        ["Service area", "Raised", "Signed off", "Overdue"],
                        [[area, c["raised"], c["done"], c["late"]]
                         for area, c in sorted(by_area.items())]))

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
    parts.append("<h2>Themes from learning</h2>" + _table(
        "Findings by the framework rule behind them (audits where each applies)",
        ["Rule", "Level", "Audits"],
        [[f"{fw}: {rule}", levels[(fw, rule)], count]
         for (fw, rule), count in sorted(audits_per_rule.items(),
                                         key=lambda item: (-item[1], item[0]))]))
    return _page(f"Case file audits: {month}", "".join(parts), today)


def _scale_name(scale_id: str) -> str:
    return {"ofsted4": "Ofsted grades", "good3": "against the statements of good",
            "score10": "0-10 scale"}.get(scale_id, scale_id)


def _page(title: str, body: str, today: _dt.date) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport"
content="width=device-width, initial-scale=1"><title>{_e(title)}</title>
<style>
body {{ font-family: Arial, sans-serif; color: #0b0c0c; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; }}
table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; }}
caption {{ text-align: left; font-weight: bold; padding: .25rem 0; }}
th, td {{ border: 1px solid #b1b4b6; padding: .25rem .5rem; text-align: left; }}
thead th {{ background: #f3f2f1; }}
figure {{ margin: 1rem 0; }} figure svg {{ max-width: 100%; height: auto; }}
figcaption {{ font-size: .9rem; color: #505a5f; }}
</style></head><body><main><h1>{_e(title)}</h1>
<p>Report for the operational board, produced {today:%d %B %Y} by auditlib. It names no child
and quotes nothing written in the audits: audits, findings and actions are counted, not
described.</p>
{body}</main></body></html>
"""
