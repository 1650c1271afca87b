"""One reader for the CSV files people supply (children, history, auditors, samples, ratings).

Every problem is one line, ``FILE:ROW: COLUMN: what is wrong``, rows counted as a spreadsheet
shows them (the header is row 1), raised as :class:`~auditlib.exceptions.TableError`.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from auditlib.exceptions import InputError, TableError
from auditlib.files import from_csv_cell, read_input

MAX_CSV_BYTES = 100_000_000  # a council's whole caseload is a few megabytes


def read_rows(path: str | Path, required: tuple[str, ...], escaped: bool = False
               ) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the non-blank rows. ``escaped``: a CSV auditlib wrote (its cells' formula
    escape is undone, so ids come back exactly as they went out)."""
    name = str(path)
    plain = from_csv_cell if escaped else str
    try:  # Excel writes a byte-order mark: utf-8-sig drops it
        text = read_input(path, limit=MAX_CSV_BYTES, encoding="utf-8-sig",
                          too_big="not a list of children, auditors or ratings",
                          not_text="not UTF-8 text (save the spreadsheet as CSV UTF-8)")
    except InputError as exc:
        raise TableError(name, exc.message) from None
    # a quoted cell may hold a line break: read records, not lines
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [plain(h.strip()) for h in next(reader)]
    except StopIteration:
        raise TableError(name, "the file is empty", 1) from None
    except csv.Error as exc:
        raise TableError(name, f"not a CSV file ({exc})", 1) from None
    for column in required:
        if column not in header:
            raise TableError(name, f"missing column (the columns are: "
                              f"{', '.join(h for h in header if h) or 'none'})", 1, column)
    seen = {}
    for index, column in enumerate(header):
        if column in seen and column:
            raise TableError(name, "the column appears twice", 1, column)
        seen[column] = index
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue  # spreadsheets leave blank lines at the end
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                raise TableError(name, f"{len(cells)} cells but {len(header)} columns", number)
            values = {h: (plain(cells[i].strip()) if i < len(cells) else "")
                      for i, h in enumerate(header) if h}
            rows.append((number, values))
    except csv.Error as exc:
        raise TableError(name, f"not a CSV file ({exc})", reader.line_num) from None
    return [h for h in header if h], rows
