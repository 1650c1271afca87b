"""Tracking the month: each audit's progress against its due date, moderation, and actions.

From the full audit process (``frameworks/sources/full-audit-process.txt``): audits are "completed
within 2 weeks"; "moderators have no more than the first 10 working days of each month to complete
the moderation"; each action has a person, a completion date and a manager's sign-off date.
Working days exclude weekends and the bank holidays of England and Wales, from the maintained
``holidays`` library.
"""
from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from typing import Any

from auditlib.dates import is_calendar_date
from auditlib.files import csv_text, make_private_dir, write_private, xml_text
from auditlib.month.sampling import parse_month
from auditlib.record import moderated_grade

MODERATION_WORKING_DAYS = 10

STATUS_WORDS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "submitted": "Submitted for moderation",
    "moderated": "Moderated (returned to the auditor)",
    "finalised": "Finalised",
}


def bank_holidays(years: list[int]) -> set[_dt.date]:
    """England and Wales bank holidays (they share one list) for these years."""
    import holidays

    return set(holidays.country_holidays("GB", subdiv="ENG", years=years))


def working_days_after(start: _dt.date, count: int) -> _dt.date:
    """The ``count``-th working day on or after ``start`` (weekends and bank holidays skipped)."""
    off = bank_holidays([start.year, start.year + 1])
    day, seen = start, 0
    while True:
        if day.weekday() < 5 and day not in off:
            seen += 1
            if seen == count:
                return day
        day += _dt.timedelta(days=1)


def moderation_due(month: str) -> _dt.date:
    """Audits sampled in ``month`` are moderated within the first ten working days of the next.

    >>> moderation_due("2026-11")   # December 2026: the 1st is a Tuesday
    datetime.date(2026, 12, 14)
    >>> moderation_due("2026-12")   # New Year's Day is a bank holiday
    datetime.date(2027, 1, 15)
    """
    first = parse_month(month)
    next_month = _dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return working_days_after(next_month, MODERATION_WORKING_DAYS)


def audit_stage(record: dict[str, Any]) -> str:
    """Where an audit is: not_started, in_progress, submitted, moderated or finalised."""
    status = record["status"]
    if status == "in_progress":
        return "not_started" if record["version"] <= 1 else "in_progress"
    if status == "returned":
        return "moderated"
    return status


def month_tracker(store: Any, month: str, today: _dt.date | None = None) -> list[dict[str, Any]]:
    """One row per audit of the month: stage in words, due date, overdue, moderation due, the
    chosen overall grade and the moderator's."""
    today = today or _dt.date.today()
    due_moderation = moderation_due(month)
    rows = []
    for summary in store.find_audits(month=month, training=False):
        record = store.find_audit(summary["audit_id"])
        stage = audit_stage(record)
        due = record.get("due_date")
        overdue = bool(due) and stage in ("not_started", "in_progress", "moderated") and \
            is_calendar_date(due) and today.isoformat() > due
        moderation_late = stage == "submitted" and today > due_moderation
        framework = store.framework_of(record["audit_id"])
        moderated_overall = moderated_grade(
            record, framework.section_by_id[framework.overall.section]) \
            if framework.overall else None
        label = framework.overall.scale.label if framework.overall else str
        rows.append({
            "audit_id": record["audit_id"], "child_id": record["child_id"],
            "framework": record["framework"], "auditor": record["auditor"],
            "moderator": record["moderator"] or "", "stage": stage,
            "status": STATUS_WORDS[stage], "due_date": due or "",
            "overdue": overdue, "moderation_due": due_moderation.isoformat(),
            "moderation_overdue": moderation_late,
            "overall": label(record.get("overall")) if record.get("overall") else "",
            "moderated_overall": label(moderated_overall) if moderated_overall else "",
        })
    return rows


def action_tracker(store: Any, on: _dt.date | None = None, month: str | None = None
                   ) -> list[dict[str, Any]]:
    """Every action, by owner then completion date: signed off or not, overdue or not."""
    on = on or _dt.date.today()
    rows = []
    for a in store.find_actions(month=month):
        due = a["due"] or ""
        dated = is_calendar_date(due)
        overdue = not a["signed_off"] and dated and due < on.isoformat()
        rows.append({**a, "owner": a["owner"] or "(no person named)",
                     "overdue": overdue, "undated": bool(a["action"]) and not dated,
                     "state": "Signed off" if a["signed_off"] else
                     ("Overdue" if overdue else ("No completion date" if not dated
                                                 else "Open"))})
    rows.sort(key=lambda r: (r["owner"].lower(), r["due"] or "9999", r["action_id"]))
    return rows


def month_grades(store: Any, month: str) -> list[dict[str, Any]]:
    """The month's grades, one row per audit and graded section: the auditor's grade and the
    moderator's beside it."""
    rows = []
    for summary in store.find_audits(month=month, training=False):
        record = store.find_audit(summary["audit_id"])
        framework = store.framework_of(record["audit_id"])
        result = store.grading(record["audit_id"])
        for section in framework.sections:
            graded = result.sections.get(section.id)
            if graded is None:
                continue
            moderated = record["moderation"].get(section.id) or {}
            m_grade = moderated_grade(record, section)
            rows.append({
                "audit_id": record["audit_id"], "child_id": record["child_id"],
                "auditor": record["auditor"], "framework": record["framework"],
                "section": section.id, "section_title": section.title,
                "grade": graded.label if (graded.grade or graded.not_applicable) else "",
                "score": graded.score if graded.score is not None else "",
                "moderated_grade": section.scale.label(m_grade) if m_grade else "",
                "moderated_score": moderated.get("score", ""),
                "status": STATUS_WORDS[audit_stage(record)],
            })
    return rows


# --------------------------------------------------------------------------- exports

def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return "" if value is None else value


def to_csv(rows: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    """Rows as CSV text (booleans as Yes/No, so a spreadsheet reads them as words; text that a
    spreadsheet would run as a formula escaped, by the project's one CSV writer)."""
    columns = columns or (list(rows[0]) if rows else [])
    return csv_text(rows, columns)


def to_xlsx(sheets: dict[str, list[dict[str, Any]]]) -> bytes:
    """Rows as an Excel workbook, one sheet per entry, a bold header row, widths to fit."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title[:31])
        columns = list(rows[0]) if rows else ["(no rows)"]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_xlsx_cell(_cell(row.get(c))) for c in columns])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl makes "=..." a formula: keep it text
        for index, column in enumerate(columns, start=1):
            width = max([len(str(column))] + [len(str(_cell(r.get(column)))) for r in rows])
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60,
                                                                                   width + 2)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: Any) -> Any:
    # text as typed, less the control characters a worksheet cannot hold (openpyxl refuses them)
    return xml_text(value) if isinstance(value, str) else value


def export_month(store: Any, month: str, folder: str | Path, on: _dt.date | None = None
                 ) -> list[Path]:
    """Write the month's action tracker and grades as CSV and Excel into ``folder``."""
    name = f"{parse_month(month):%Y-%m}"  # file names from the parsed month, never the text
    folder = make_private_dir(folder) if not Path(folder).is_dir() else Path(folder)
    actions = action_tracker(store, on)
    grades = month_grades(store, month)
    tracker = month_tracker(store, month, on)
    paths = [folder / f"actions-{name}.csv", folder / f"grades-{name}.csv",
             folder / f"audit-tracker-{name}.xlsx"]
    write_private(paths[0], to_csv(actions))
    write_private(paths[1], to_csv(grades))
    write_private(paths[2], to_xlsx({"Audits": tracker, "Actions": actions, "Grades": grades}))
    return paths
