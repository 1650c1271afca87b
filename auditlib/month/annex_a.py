"""The children to sample, from the council's Ofsted Annex A workbook.

Every English council keeps Annex A, the workbook Ofsted asks for at inspection: one sheet per
list. Four of them are the children open to the service, and those are read here:

=======  ===================================  ========================  ===================
sheet    who                                  service area (if none)    framework
=======  ===================================  ========================  ===================
List 6   children in need                     Children in need          full-audit
List 7   children on a child protection plan  Child protection          full-audit
List 8   children looked after                Children looked after     cla-leaving-care
List 9   care leavers                         Care leavers              cla-leaving-care
=======  ===================================  ========================  ===================

A sheet is found by its name ("List 6", "List 6 - CIN", "list6"); its header row is the first of
its first 20 rows naming the child id column (title rows above it are skipped). Headers are those
of the published layout (the column names of Social Finance's ``liiatools`` Annex A spec) and are
matched without regard to case, spaces, punctuation or line breaks, with a few synonyms each
(``Child Unique ID`` or ``Child ID``; ``Allocated Team`` or ``Team``). Read: the child id and team
(required), the allocated worker and a ``Service Area`` column (if there), and each list's start
and end dates (the end date column is required on Lists 6 to 8: the lists cover the past year,
closed episodes included, and a child whose episode has ended must not be sampled). Nothing else
is read: the sample carries ids, team, worker and cohort only.

A child on several lists is one child: its cohort is the most specific list it is still open on
(care leaver, then looked after, then child protection, then in need), or if it is closed on
all, the list it left last; it was open from its earliest start date. ``extra`` says which lists
(``annex_a_lists``) and which was kept (``cohort``).

Every problem is one line, ``FILE:SHEET:ROW: COLUMN: what is wrong``, rows as Excel numbers
them, raised as :class:`~auditlib.month.sampling.SampleError`.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from auditlib.dates import parse_date
from auditlib.exceptions import InvalidAudit
from auditlib.month.sampling import Child, SampleError
from auditlib.text import clean_id

MAX_BYTES = 100_000_000           # as for a CSV: a whole caseload is a few megabytes
MAX_UNPACKED = 2_000_000_000      # the workbook's parts unpacked: refuse a zip bomb before reading
HEADER_ROWS = 20                  # title rows above the header, at most
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls)

CHILD_ID = ("Child Unique ID", "Child ID", "Unique Child ID", "Child Unique Identifier",
            "Child Identifier")
TEAM = ("Allocated Team", "Team")
WORKER = ("Allocated Worker", "Worker", "Allocated Social Worker", "Social Worker")
SERVICE_AREA = ("Service Area", "Service")


@dataclass(frozen=True)
class AnnexList:
    number: int
    cohort: str          # also the service area when the sheet has no service area column
    framework: str
    rank: int            # the more specific cohort wins when a child is on several lists
    start: tuple[str, ...] = ()
    end: tuple[str, ...] = ()


LISTS = {
    6: AnnexList(6, "Children in need", "full-audit", 1,
                 ("CIN Start Date", "Child in Need Start Date", "Start Date"),
                 ("CIN Closure Date", "CIN End Date", "Child in Need Closure Date",
                  "Closure Date", "End Date")),
    7: AnnexList(7, "Child protection", "full-audit", 2,
                 ("Child Protection Plan Start Date", "CP Plan Start Date", "CPP Start Date",
                  "Start Date"),
                 ("Child Protection Plan End Date", "CP Plan End Date", "CPP End Date",
                  "End Date")),
    8: AnnexList(8, "Children looked after", "cla-leaving-care", 3,
                 ("Date Started to be Looked After", "Date Started Looked After",
                  "CLA Start Date", "Start Date"),
                 ("Date Ceased to be Looked After", "Date Ceased Looked After", "CLA End Date",
                  "End Date")),
    9: AnnexList(9, "Care leavers", "cla-leaving-care", 4),
}
COLUMNS = ["child_id", "service_area", "team", "status", "worker", "cohort", "annex_a_lists"]


@dataclass
class _Entry:
    """A child's row on one list."""

    annex: AnnexList
    sheet: str
    row: int
    team: str
    worker: str
    service_area: str
    opened_on: _dt.date | None
    closed_on: _dt.date | None


def is_workbook(path: str | Path) -> bool:
    """Is this an Excel workbook (by its first bytes, or its name if it cannot be read)?"""
    try:
        with open(path, "rb") as handle:
            start = handle.read(4)
    except OSError:
        start = b""
    return start in (ZIP_MAGIC, OLE_MAGIC) or Path(path).suffix.lower() in (".xlsx", ".xlsm",
                                                                            ".xls")


def read_annex_a(path: str | Path) -> tuple[list[Child], list[str]]:
    """The children open to the service from Annex A Lists 6 to 9, one :class:`Child` each
    (status ``open``; the list's end date, if any, as ``closed_on``), and the columns they
    carry. The framework is the cohort's (see the table above)."""
    name = str(path)
    _check_file(path)
    try:
        with open(path, "rb") as handle:
            entries = _read_book(name, handle)
    except OSError as exc:
        raise SampleError(name, f"cannot read ({exc.strerror})") from None
    return [_child(child_id, found_on) for child_id, found_on in entries.items()], list(COLUMNS)


def _read_book(name: str, handle: Any) -> dict[str, list[_Entry]]:
    """Each child's rows on the lists the workbook has."""
    from openpyxl import load_workbook

    try:
        # a file object, not the name: openpyxl refuses a workbook whose name is not .xlsx
        book = load_workbook(handle, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises a zoo of exceptions for a damaged file
        raise SampleError(name, f"not a readable Excel workbook (.xlsx): "
                          f"{_reason(exc)}") from None
    try:
        found = {}
        for sheet in book.worksheets:
            match = re.match(r"\s*list\s*0*(\d+)(?!\d)", sheet.title, re.IGNORECASE)
            if match and int(match.group(1)) in LISTS and int(match.group(1)) not in found:
                found[int(match.group(1))] = sheet
        if not found:
            raise SampleError(name, "no Annex A list of children open to the service: expected "
                              "a sheet named List 6, List 7, List 8 or List 9 (found: "
                              f"{', '.join(book.sheetnames) or 'none'})")
        entries: dict[str, list[_Entry]] = {}
        for number, sheet in sorted(found.items()):
            try:
                for child_id, entry in _read_list(name, sheet, LISTS[number]):
                    entries.setdefault(child_id, []).append(entry)
            except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError,
                    ParseError, zlib.error) as exc:
                raise SampleError(f"{name}:{sheet.title}", f"cannot read the sheet: "
                                  f"{_reason(exc)}") from None
    finally:
        book.close()
    return entries


# --------------------------------------------------------------------------- one list

def _read_list(name: str, sheet: Any, annex: AnnexList):
    """(child id, entry) for each child on the list, checked cell by cell."""
    where = f"{name}:{sheet.title}"
    sheet.reset_dimensions()  # some writers record a wrong size; read every row there is
    rows = sheet.iter_rows()
    header_row, header = None, []
    for number, cells in enumerate(rows, start=1):
        texts = [_header_text(c.value) for c in cells]
        if any(t in _keys(CHILD_ID) for t in texts):
            header_row, header = number, texts
            break
        if number >= HEADER_ROWS:
            break
    if header_row is None:
        raise SampleError(where, f"missing column (looked in rows 1 to {HEADER_ROWS} for a "
                          f"header {_alternatives(CHILD_ID)})", 1, CHILD_ID[0])
    raw = [c.value for c in cells]
    index = {"child_id": _find(where, header_row, header, raw, CHILD_ID, True),
             "team": _find(where, header_row, header, raw, TEAM, True),
             "worker": _find(where, header_row, header, raw, WORKER, False),
             "service_area": _find(where, header_row, header, raw, SERVICE_AREA, False)}
    if annex.start:
        index["opened_on"] = _find(where, header_row, header, raw, annex.start, False)
    if annex.end:
        index["closed_on"] = _find(where, header_row, header, raw, annex.end, True,
                                   "; without it a child whose episode has ended would be "
                                   "sampled: add the column, empty, if the list has open "
                                   "children only")
    titles = {key: " ".join(str(raw[i]).split()) for key, i in index.items() if i is not None}
    _refuse_merged_data(name, sheet, header_row, index, titles)
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows, start=header_row + 1):
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip())
               for c in cells):
            continue  # blank rows are skipped; the rows after them are still read
        values = {}
        for key, i in index.items():
            if i is None:
                continue
            cell = cells[i] if i < len(cells) else None
            values[key] = _value(where, number, titles[key], key, i, cell)
        child_id = values["child_id"]
        if not child_id:
            raise SampleError(where, "empty child id", number, titles["child_id"])
        if child_id in seen:
            raise SampleError(where, f"duplicate child id {child_id!r} (also row "
                              f"{seen[child_id]})", number, titles["child_id"])
        seen[child_id] = number
        if index["service_area"] is not None and not values["service_area"]:
            raise SampleError(where, "empty service area", number, titles["service_area"])
        yield child_id, _Entry(annex, sheet.title, number, values["team"],
                               values.get("worker") or "",
                               values.get("service_area") or annex.cohort,
                               values.get("opened_on"), values.get("closed_on"))


def _find(where: str, row: int, header: list[str], raw: list[Any], names: tuple[str, ...],
          required: bool, why: str = "") -> int | None:
    """The column headed by the first of ``names`` the sheet has (one column only)."""
    for key in _keys(names):
        at = [i for i, text in enumerate(header) if text == key]
        if len(at) > 1:
            raise SampleError(where, f"the column appears twice (cells "
                              f"{_ref(row, at[0])} and {_ref(row, at[1])})", row, names[0])
        if at:
            return at[0]
    if required:
        shown = ", ".join(repr(str(v).replace("\n", " ").strip()) for v in raw
                          if v is not None and str(v).strip())
        raise SampleError(where, f"missing column (looked for a header "
                          f"{_alternatives(names)}; the headers in row {row} are: "
                          f"{shown or 'none'}){why}", row, names[0])
    return None


def _value(where: str, row: int, title: str, key: str, index: int, cell: Any) -> Any:
    """A cell as text (ids, team, worker, service area) or a date (start and end)."""
    value = None if cell is None else cell.value
    ref = _ref(row, index)
    if getattr(cell, "data_type", None) == "f":
        raise SampleError(where, f"a formula ({str(value)[:40]}), not a value in cell {ref}: "
                          "copy the column and paste it back as values", row, title)
    if getattr(cell, "data_type", None) == "e":
        raise SampleError(where, f"{value} in cell {ref} is an Excel error, not a value: fix "
                          "the formula or clear the cell", row, title)
    if key in ("opened_on", "closed_on"):
        return _date(where, row, title, ref, value)
    if value is None:
        return ""
    if isinstance(value, (bool, _dt.date, _dt.time, _dt.timedelta)):
        raise SampleError(where, f"{value!s} in cell {ref} is not text", row, title)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an id stored as a number: 1234567, never 1234567.0
    text = str(value)
    if key == "child_id":
        if not text.strip():
            return ""
        try:  # the store's rule for ids, checked here so the error names the cell
            return clean_id(text, title)
        except InvalidAudit as exc:
            raise SampleError(where, f"{exc.message} in cell {ref}", row, title) from None
    # names pasted from a case system carry no-break spaces and line breaks
    return " ".join(text.split())


def _date(where: str, row: int, title: str, ref: str, value: Any) -> _dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        # a date exported as text, as case systems do: 01/02/2024, perhaps with midnight after
        text = re.sub(r"[ T]00:00(:00)?$", "", value.strip())
        try:
            return parse_date(text)
        except ValueError as exc:
            raise SampleError(where, f"{exc} in cell {ref}", row, title) from None
    raise SampleError(where, f"{value!r} in cell {ref} is not a date (write 2025-03-31 or "
                      "31/03/2025, or format the column as dates)", row, title)


def _refuse_merged_data(name: str, sheet: Any, header_row: int, index: dict[str, int | None],
                        titles: dict[str, str]) -> None:
    """Merged cells below the header in a column read leave every row but the first empty:
    refused, rather than guessing which rows the value was meant for."""
    from openpyxl.utils.cell import range_boundaries

    read = {i: key for key, i in index.items() if i is not None}
    for ref in _merged_ranges(name, sheet):
        try:
            first_col, first_row, last_col, last_row = range_boundaries(ref)
        except ValueError:
            continue
        if last_row <= header_row:
            continue  # a title above the table
        for i in sorted(read):
            if first_col <= i + 1 <= last_col:
                raise SampleError(f"{name}:{sheet.title}", f"merged cells {ref}: unmerge them "
                                  "and fill in every row", max(first_row, header_row + 1),
                                  titles[read[i]])


def _merged_ranges(name: str, sheet: Any) -> list[str]:
    # openpyxl's read-only sheets do not report merged cells: read them from the sheet's part
    part = getattr(sheet, "_worksheet_path", None)
    if part is None:  # pragma: no cover - an openpyxl without it: tests would show it
        return []
    refs: list[str] = []
    with zipfile.ZipFile(name) as archive, archive.open(part) as source:
        for _event, element in iterparse(source):
            ref = element.get("ref")
            if element.tag.endswith("}mergeCell") and ref:
                refs.append(ref)
            element.clear()
    return refs


# --------------------------------------------------------------------------- the whole file

def _check_file(path: str | Path) -> None:
    name = str(path)
    try:
        size = Path(path).stat().st_size
        with open(path, "rb") as handle:
            start = handle.read(4)
    except FileNotFoundError:
        raise SampleError(name, "no such file") from None
    except IsADirectoryError:
        raise SampleError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise SampleError(name, f"cannot read ({exc.strerror})") from None
    if not Path(path).is_file():
        raise SampleError(name, "not a file")
    if start == OLE_MAGIC:
        raise SampleError(name, "an Excel 97-2003 workbook (.xls): save it as .xlsx")
    if start != ZIP_MAGIC:
        raise SampleError(name, "not an Excel workbook (.xlsx): the file is damaged or of "
                          "another kind")
    if size > MAX_BYTES:
        raise SampleError(name, f"the file is larger than {MAX_BYTES:,} bytes; not an Annex A "
                          "workbook")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SampleError(name, f"not a readable Excel workbook (.xlsx): {_reason(exc)}"
                          ) from None
    if unpacked > MAX_UNPACKED:
        raise SampleError(name, f"the workbook unpacks to more than {MAX_UNPACKED:,} bytes; not "
                          "an Annex A workbook")


def _child(child_id: str, found_on: list[_Entry]) -> Child:
    """One child from its rows on one or more lists."""
    still_open = [e for e in found_on if e.closed_on is None]
    if still_open:
        kept = max(still_open, key=lambda e: e.annex.rank)
    else:
        kept = max(found_on, key=lambda e: (e.closed_on, e.annex.rank))
    starts = [e.opened_on for e in found_on if e.opened_on]
    numbers = sorted(e.annex.number for e in found_on)
    team = kept.team or next((e.team for e in found_on if e.team), "")
    worker = kept.worker or next((e.worker for e in found_on if e.worker), "")
    extra = {"worker": worker, "cohort": kept.annex.cohort,
             "annex_a_lists": ", ".join(str(n) for n in numbers)}
    return Child(child_id, kept.service_area, team, "open", kept.row, extra,
                 min(starts) if starts else None, kept.closed_on if not still_open else None,
                 kept.annex.framework)


def _keys(names: tuple[str, ...]) -> list[str]:
    return [_header_text(n) for n in names]


def _header_text(value: Any) -> str:
    """A header as compared: no case, spaces, punctuation or line breaks."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return re.sub(r"[^0-9a-z]+", "", text)


def _alternatives(names: tuple[str, ...]) -> str:
    return " or ".join(repr(n) for n in names)


def _ref(row: int, index: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(index + 1)}{row}"


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
