"""Dates and months as councils write them, read one way everywhere.

A month is ``YYYY-MM`` and stands for its first day (the day the sample is drawn); a date is
``2025-03-31`` or ``31/03/2025``; an action's completion date must be a real ``YYYY-MM-DD``.
"""
from __future__ import annotations

import datetime as _dt
import re

from auditlib.exceptions import InvalidValue

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> _dt.date:
    """A date as councils' spreadsheets write it: 2025-03-31 or 31/03/2025."""
    text = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = map(int, match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if not match:
            raise ValueError(f"{text!r} is not a date (write 2025-03-31 or 31/03/2025)")
        day, month, year = map(int, match.groups())
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


def parse_month(text: str) -> _dt.date:
    """``YYYY-MM`` -> the first of that month (the sample date)."""
    # ASCII digits only: the month names folders and files, so it must be exactly YYYY-MM
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", str(text).strip())
    # the years the store accepts (and six months either side stay valid dates)
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2999:
        raise InvalidValue("month", f"{text!r} is not a month (write YYYY-MM, e.g. 2026-11)")
    return _dt.date(int(match.group(1)), int(match.group(2)), 1)


def months_before(day: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` earlier (the last day of a shorter month where needed)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (_dt.date(year + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1)).day
    return _dt.date(year, month, min(day.day, last))


def is_calendar_date(text: str) -> bool:
    """Is ``text`` a real date written YYYY-MM-DD (not "two weeks", not 2025-02-30)?"""
    text = text.strip()
    if not ISO_DATE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
