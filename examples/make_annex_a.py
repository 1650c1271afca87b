"""Write examples/annex-a.xlsx: a small, fictional Ofsted Annex A workbook to sample from.

    python examples/make_annex_a.py
    auditlib sample examples/annex-a.xlsx --history examples/audit-history.csv \\
        --auditors examples/auditors.csv --month 2026-11 --size 8 --seed 4821 --out sample.csv

Lists 6 to 9 (children in need, child protection, looked after, care leavers) with the published
column names, a title row above each header as councils' exports have, a few dates written as
text, one child closed and one on two lists. Every id and name is made up.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
          "Does the Child have a Disability"]
LISTS = {
    "List 6": ("Children in need", COMMON + ["CIN Start Date", "Primary Need Code",
                                             "CIN Closure Date", "Case Status", "Allocated Team",
                                             "Allocated Worker"]),
    "List 7": ("Children subject to a child protection plan",
               COMMON + ["Child Protection Plan Start Date", "Initial Category of Abuse",
                         "Child Protection Plan End Date", "Allocated Team",
                         "Allocated Worker"]),
    "List 8": ("Children looked after", COMMON + ["Date Started to be Looked After",
                                                  "Child's Legal Status",
                                                  "Date Ceased to be Looked After",
                                                  "Allocated Team", "Allocated Worker"]),
    "List 9": ("Care leavers", COMMON + ["Allocated Team", "Allocated Worker",
                                         "Eligibility Category", "LA in Touch"]),
}


def rows() -> dict[str, list[list]]:
    person = ["b) Female", "a) WBRI", None, None, "b) No"]
    day = dt.datetime
    out: dict[str, list[list]] = {name: [] for name in LISTS}
    for i in range(1, 13):
        closed = day(2026, 9, 30) if i == 12 else None  # closed before November: not sampled
        out["List 6"].append([f"DEMO-6{i:03d}", *person, f"01/0{1 + i % 9}/2026",
                              "N1 - Abuse or neglect", closed, "c) Child in need plan",
                              f"Locality {'North' if i % 2 else 'South'}",
                              f"Worker {i % 4 + 1:02d}"])
    for i in range(1, 7):
        out["List 7"].append([f"DEMO-7{i:03d}", *person, day(2026, i, 15), "a) Neglect", None,
                              "Child Protection Team", f"Worker {i % 3 + 5:02d}"])
    out["List 7"].append(["DEMO-6001", *person, day(2026, 6, 1), "a) Neglect", None,
                          "Child Protection Team", "Worker 05"])  # on Lists 6 and 7
    for i in range(1, 9):
        out["List 8"].append([f"DEMO-8{i:03d}", *person, day(2024, i, 3), "C2: FCO", None,
                              f"Children in Care Team {i % 2 + 1}", f"Worker {i % 3 + 8:02d}"])
    for i in range(1, 6):
        out["List 9"].append([f"DEMO-9{i:03d}", *person, "Care Leavers Team",
                              f"Worker {i % 2 + 11:02d}", "b) Former relevant child", "a) Yes"])
    return out


def write(path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    data = rows()
    for name, (title, header) in LISTS.items():
        sheet = book.create_sheet(name)
        sheet.append([f"{name}: {title} (fictional example)"])
        sheet.append(header)
        for row in data[name]:
            sheet.append(row)
    # fixed document dates: the same script writes the same workbook contents every time
    book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
    book.save(path)
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "annex-a.xlsx"))
