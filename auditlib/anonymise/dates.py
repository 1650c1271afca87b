"""Dates in the formats case notes use, each moved by the same number of days in its own format
(a weekday written with it recomputed). See the package docstring for the formats."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from auditlib.anonymise.spans import PRIORITY, Mask, Span

_MONTH_NUMBERS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
                  "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
                  "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
                  "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_MONTH_FULL = ("", "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_WEEKDAY_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_WEEKDAY = (r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|"
            r"Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)")
_WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY})\.?,?[ \t]+(?:the[ \t]+)?)?"
_DATE_RES = [
    ("dmy", re.compile(rf"{_WD_PREFIX}(?<![\d/.\-])(?P<d>\d{{1,2}})(?P<sep>[/.\-])(?P<m>\d{{1,2}})"
                       rf"(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\d/\-])(?!\.\d)")),
    ("ymd", re.compile(r"(?<![\d/.\-])(?P<y>\d{4})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)"
                       r"(?P<d>\d{1,2})(?![\d/\-])(?!\.\d)")),
    ("d_month", re.compile(rf"{_WD_PREFIX}(?<![\d/.\-])(?P<d>\d{{1,2}})"
                           rf"(?P<ord>(?i:st|nd|rd|th))?"
                           rf"(?:[ \t]+of)?[ \t]+(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?"
                           rf"(?:,?[ \t]+(?P<y>\d{{4}}|['’]?\d{{2}}(?![:.]\d)"
                           rf"(?![ \t]*(?i:%|am\b|pm\b|hours?\b|hrs\b|mins?\b|minutes\b|"
                           rf"years?\b|months?\b|weeks?\b|days?\b|times\b|people\b|"
                           rf"children\b|x\b|kg\b|cm\b|mg\b|ml\b))))?(?![\w])")),
    ("month_d", re.compile(rf"{_WD_PREFIX}(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?[ \t]+"
                           rf"(?P<d>\d{{1,2}})(?P<ord>(?i:st|nd|rd|th))?(?:,?[ \t]+(?P<y>\d{{4}}))?"
                           rf"(?![\w/:])")),
    ("month_y", re.compile(rf"(?<![\w])(?P<mon>{_MONTH})(?P<dot>\.)?,?[ \t]+(?P<y>\d{{4}})"
                           rf"(?![\w/])")),
    ("dm", re.compile(rf"{_WD_PREFIX}(?<![\d/.\-£$])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})"
                      r"(?![\d/])(?!\.\d)")),
]
_SCORE_CONTEXT = re.compile(r"(?i)(?:scal\w*|scor\w*|rat\w*|out of|marks?)\W{0,3}"
                            r"(?:\w+\W+){0,4}$")


# what comes before a short day/month ("on 2/4", "next visit 2/4", "log 0417 of 3/11")
_DATE_CONTEXT = re.compile(r"(?i)(?:\b(?:on|by|from|to|until|till|due|dated|since|of|before|"
                           r"after|w/?c|visit|review|appointment|meeting|contact|seen|dob|born|"
                           r"date|d\.o\.b\.?|mon|tues?|wed|thu(?:rs)?|fri|sat|sun|\w+day)|[:(])"
                           r"[ \t]*$")


def _two_digit_year(y: int) -> int:
    return 2000 + y if y < 50 else 1900 + y


@dataclass
class _DateMatch:
    start: int
    end: int
    form: str
    m: re.Match
    year: int | None
    month: int
    day: int | None


def _date_matches(text: str) -> list[_DateMatch]:
    found: list[_DateMatch] = []
    taken = Mask(len(text))
    for form, regex in _DATE_RES:
        for m in regex.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            g = m.groupdict()
            year = None
            if g.get("y"):
                raw = g["y"].lstrip("'’")
                year = int(raw) if len(raw) == 4 else _two_digit_year(int(raw))
            month = _MONTH_NUMBERS[g["mon"].lower()] if g.get("mon") else int(g["m"])
            day = int(g["d"]) if g.get("d") else None
            if form == "month_d" and not (g.get("ord") or g.get("y")):
                continue            # "May 3 children": not a date
            if form == "d_month" and g["mon"].islower() and not g.get("y"):
                continue            # "aged 3 may need": not a date
            if form == "dm":
                before = text[max(0, m.start() - 30):m.start()]
                if _SCORE_CONTEXT.search(before) or (g["m"] == "10" and g["d"] == "10"):
                    continue            # "scored 7/10", "10/10": a score, not a date
                short = len(g["d"]) == 1 or len(g["m"]) == 1
                looks_other = ((len(g["d"]) == 1 and len(g["m"]) == 1) or g["m"] in ("10", "7")
                               or (g["m"] == "5" and len(g["d"]) == 1))
                if short and looks_other and not (g.get("wd") or _DATE_CONTEXT.search(before)):
                    continue            # "3/4", "7/10", "24/7": fractions, scores, hours
                if not (1 <= month <= 12 and day and 1 <= day <= 31):
                    continue
            if form in ("month_y",) and not (1900 <= (year or 0) <= 2099):
                continue
            found.append(_DateMatch(m.start(), m.end(), form, m, year, month, day))
            taken.add(m.start(), m.end())
    return sorted(found, key=lambda d: d.start)


def _format_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template.islower():
        return word.lower()
    return word


def _shifted_date(text: str, d: _DateMatch, year: int, shift: int) -> str:
    """The date's text moved by ``shift`` days, in the same format."""
    g = d.m.groupdict()
    day = d.day if d.day is not None else 15
    try:
        original = dt.date(year, d.month, day)
    except ValueError:
        return "[Date]"
    new = original + dt.timedelta(days=shift)
    out = text[d.start:d.end]
    parts: list[tuple[int, int, str]] = []   # (start, end, replacement) within the match

    def put(group: str, value: str) -> None:
        if d.m.group(group) is not None:
            parts.append((d.m.start(group) - d.start, d.m.end(group) - d.start, value))

    def num(group: str, value: int) -> str:
        raw = d.m.group(group)           # 12/03/2019 pads; 4 March pads only if written 04
        padded = raw.startswith("0") if d.form in ("d_month", "month_d") else len(raw) == 2
        return f"{value:02d}" if padded else str(value)

    if g.get("wd"):
        wd = g["wd"]
        full = _WEEKDAY_FULL[new.weekday()]
        long_form = wd.lower().rstrip(".") in {w.lower() for w in _WEEKDAY_FULL}
        put("wd", _format_case(wd, full if long_form else full[:3]))
    if g.get("d"):
        put("d", num("d", new.day))
    if g.get("ord"):
        put("ord", _format_case(g["ord"], _ordinal(new.day)))
    if g.get("m"):
        put("m", num("m", new.month))
    if g.get("mon"):
        mon = g["mon"]
        full = _MONTH_FULL[new.month]
        if mon.lower() in ("sept",):
            value = "Sept" if new.month == 9 else full[:3]
        elif len(mon) > 3 or mon.lower() == "may":
            value = full
        else:
            value = full[:3] if new.month != 5 else "May"
        put("mon", _format_case(mon, value))
    if g.get("y"):
        raw = g["y"]
        if raw[0] in "'’":
            put("y", f"{raw[0]}{new.year % 100:02d}")
        elif len(raw) == 2:
            put("y", f"{new.year % 100:02d}")
        else:
            put("y", str(new.year))
    for start, end, value in sorted(parts, reverse=True):
        out = out[:start] + value + out[end:]
    return out


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


_BIRTH_RE = re.compile(r"(?i)(?:\bd\.?o\.?b\b|\bborn\b|date of birth|birthday)\W{0,4}$")


def _is_birth_date(text: str, d: _DateMatch) -> bool:
    return bool(_BIRTH_RE.search(text[max(0, d.start - 30):d.start]))


def _year_of_weekday(d: _DateMatch, year: int) -> int:
    """The year nearest ``year`` in which the written weekday falls on that day, so the
    recomputed weekday is right (``Fri 22 March`` with no year)."""
    wd = d.m.groupdict().get("wd")
    if not wd or d.day is None:
        return year
    wanted = [w.lower().startswith(wd.lower().rstrip(".")[:3]) for w in _WEEKDAY_FULL]
    for candidate in (year, year + 1, year - 1, year + 2, year - 2):
        try:
            if wanted[dt.date(candidate, d.month, d.day).weekday()]:
                return candidate
        except ValueError:
            continue
    return year


def find_dates(text: str, shift: int) -> list[Span]:
    """Every date, its replacement the date moved by ``shift`` days in the same format."""
    matches = _date_matches(text)
    # a date of birth says nothing about the year of the entries around it
    dated = [d for d in matches if d.year is not None and not _is_birth_date(text, d)]
    if not dated:
        dated = [d for d in matches if d.year is not None]
    starts = [d.start for d in dated]
    years = [d.year for d in dated]
    out = []
    for d in matches:
        year = d.year
        if year is None:                       # nearest dated entry before, else after
            i = bisect.bisect_left(starts, d.start)
            year = years[i - 1] if i > 0 else years[i] if i < len(years) else 2001
            year = _year_of_weekday(d, year)
        valid = True
        try:
            dt.date(year, d.month, d.day or 15)
        except ValueError:
            valid = False
        replacement = _shifted_date(text, d, year, shift) if valid else "[Date]"
        out.append(Span(d.start, d.end, "date", PRIORITY["date"], replacement=replacement))
    return out
