"""Sampling from the council's Ofsted Annex A workbook: the lists read, headers as councils write
them, one child across lists, and every bad workbook as one line naming file, sheet, row and
column, with nothing written. Every workbook is built here with openpyxl; every id is made up."""
from __future__ import annotations

import csv
import datetime as dt
import runpy
import zipfile

import pytest
from openpyxl import Workbook

from auditlib.cli import main
from auditlib.month.annex_a import read_annex_a
from auditlib.month.sampling import SampleError, sample_from_files
from tests.conftest import ROOT
from tests.test_cli import one_line_error, run

HEADERS = {
    "List 6": ["Child Unique ID", "Gender", "CIN Start Date", "CIN Closure Date",
               "Allocated Team", "Allocated Worker"],
    "List 7": ["Child Unique ID", "Gender", "Child Protection Plan Start Date",
               "Child Protection Plan End Date", "Allocated Team", "Allocated Worker"],
    "List 8": ["Child Unique ID", "Gender", "Date Started to be Looked After",
               "Date Ceased to be Looked After", "Allocated Team", "Allocated Worker"],
    "List 9": ["Child Unique ID", "Gender", "Allocated Team", "Allocated Worker",
               "Eligibility Category"],
}
D = dt.datetime


def workbook(path, sheets, titles=0, merge=None):
    """Write ``sheets`` ({name: [header, *rows]}) with ``titles`` title rows above each."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for i in range(titles):
            sheet.append([f"{name}: title row {i + 1}"])
        for row in rows:
            sheet.append(row)
        if merge and name in merge:
            sheet.merge_cells(merge[name])
    book.save(path)
    return path


def cin(*rows):
    return {"List 6": [HEADERS["List 6"], *rows]}


def child(child_id, start=None, end=None, team="Locality North", worker="Worker 01"):
    return [child_id, "b) Female", start, end, team, worker]


@pytest.fixture
def auditors(tmp_path):
    path = tmp_path / "auditors.csv"
    path.write_text("auditor,service_area\naud-a,Children in need\naud-b,Child protection\n"
                    "aud-c,Children looked after\naud-d,Care leavers\n", encoding="utf-8")
    return path


@pytest.fixture
def history(tmp_path):
    path = tmp_path / "audits.csv"
    path.write_text("child_id,audit_date\n", encoding="utf-8")
    return path


def sample_cli(capsys, children, history, auditors, out, *more):
    code = main(["sample", str(children), "--history", str(history), "--auditors",
                 str(auditors), "--month", "2026-11", "--seed", "3", "--out", str(out), *more])
    return code, *capsys.readouterr()


def one_line(capsys, children, history, auditors, out):
    """The command must exit 2 with one line and write no sample."""
    code, stdout, stderr = sample_cli(capsys, children, history, auditors, out)
    assert code == 2, (code, stdout, stderr)
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert not out.exists() and not out.with_name(out.name + ".provenance.json").exists()
    return lines[0]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- reading

def test_the_four_lists_with_headers_as_councils_write_them(tmp_path):
    path = workbook(tmp_path / "annex.xlsx", {
        "List 1": [["Child Unique ID", "Date of Contact"], ["CONTACT-1", D(2026, 1, 2)]],
        "List 6 - CIN": [["child unique id", "CIN start date", "CIN Closure Date ",
                          "ALLOCATED\nTEAM", "Allocated worker"],
                         [1234567, "01/02/2024", None, "Locality North", "Worker\xa001"],
                         ["C-CLOSED", D(2023, 5, 1), "2026-03-31 00:00:00", "Locality South",
                          None]],
        "List 7": [["ChildUniqueID", "Child Protection Plan Start Date",
                    "Child Protection Plan End Date", "Team", "Worker"],
                   ["C-CP", D(2026, 2, 1), None, "CP Team", "Worker 02"]],
        "LIST8": [["Child ID", "Date Started to be Looked After",
                   "Date Ceased to be Looked After", "Allocated Team", "Allocated Worker"],
                  ["C-CLA", D(2020, 1, 1), None, "Children in Care 1", "Worker 03"]],
        "List 9": [["Child unique ID", "Allocated team", "Allocated Worker"],
                   ["C-CL", "Care Leavers Team", "Worker 04"]],
    }, titles=2)
    children, columns = read_annex_a(path)
    by_id = {c.child_id: c for c in children}
    assert sorted(by_id) == ["1234567", "C-CL", "C-CLA", "C-CLOSED", "C-CP"]  # not List 1's
    first = by_id["1234567"]  # a number in the sheet: the id as Excel shows it
    assert (first.service_area, first.team, first.status, first.row) == (
        "Children in need", "Locality North", "open", 4)  # two title rows, then the header
    assert first.extra == {"worker": "Worker 01", "cohort": "Children in need",
                           "annex_a_lists": "6"}
    assert first.opened_on == dt.date(2024, 2, 1) and first.closed_on is None  # text, UK order
    assert by_id["C-CLOSED"].closed_on == dt.date(2026, 3, 31)
    assert by_id["C-CLOSED"].extra["worker"] == ""  # unallocated: said as empty
    assert {c.child_id: (c.service_area, c.framework) for c in children} == {
        "1234567": ("Children in need", "full-audit"),
        "C-CLOSED": ("Children in need", "full-audit"),
        "C-CP": ("Child protection", "full-audit"),
        "C-CLA": ("Children looked after", "cla-leaving-care"),
        "C-CL": ("Care leavers", "cla-leaving-care")}
    assert by_id["C-CLA"].team == "Children in Care 1"
    assert columns[:4] == ["child_id", "service_area", "team", "status"]
    assert {"worker", "cohort", "annex_a_lists"} <= set(columns)


def test_a_service_area_column_is_used_when_there_is_one(tmp_path):
    path = workbook(tmp_path / "annex.xlsx", {"List 8": [
        HEADERS["List 8"] + ["Service area"],
        ["C1", "a) Male", None, None, "CiC 1", "Worker 01", "Corporate parenting"]]})
    [only], _ = read_annex_a(path)
    assert only.service_area == "Corporate parenting"
    assert only.extra["cohort"] == "Children looked after"


def test_a_child_on_several_lists_is_one_child(tmp_path):
    path = workbook(tmp_path / "annex.xlsx", {
        "List 6": [HEADERS["List 6"], child("BOTH", D(2025, 1, 1)),
                   child("STEPPED-DOWN", D(2025, 1, 1)), child("ALL-CLOSED", D(2024, 1, 1),
                                                               D(2026, 5, 1))],
        "List 7": [HEADERS["List 7"], child("STEPPED-DOWN", D(2025, 3, 1), D(2026, 1, 1)),
                   child("ALL-CLOSED", D(2025, 1, 1), D(2026, 2, 1))],
        "List 8": [HEADERS["List 8"], child("BOTH", D(2026, 4, 1), team="CiC 2",
                                            worker="Worker 09")],
    })
    children, _ = read_annex_a(path)
    by_id = {c.child_id: c for c in children}
    assert len(children) == 3
    both = by_id["BOTH"]  # open on both: the more specific list, open from the earlier start
    assert (both.service_area, both.framework, both.team, both.extra["worker"]) == (
        "Children looked after", "cla-leaving-care", "CiC 2", "Worker 09")
    assert both.extra["annex_a_lists"] == "6, 8" and both.extra["cohort"] == "Children looked after"
    assert both.opened_on == dt.date(2025, 1, 1) and both.closed_on is None
    # the plan ended, the child is still in need: open, in need
    down = by_id["STEPPED-DOWN"]
    assert (down.extra["cohort"], down.closed_on) == ("Children in need", None)
    # closed on every list: the list left last, closed then
    gone = by_id["ALL-CLOSED"]
    assert (gone.extra["cohort"], gone.closed_on) == ("Children in need", dt.date(2026, 5, 1))


def test_blank_rows_are_skipped_and_the_rows_after_them_read(tmp_path):
    path = workbook(tmp_path / "annex.xlsx", cin(child("C1"), [None] * 6, ["  ", None],
                                                 child("C2"), [], child("C3")))
    children, _ = read_annex_a(path)
    assert [(c.child_id, c.row) for c in children] == [("C1", 2), ("C2", 5), ("C3", 7)]


def test_five_thousand_children(tmp_path, history, auditors):
    rows = [child(f"K{i:05d}", D(2024, 1 + i % 12, 1 + i % 28),
                  D(2026, 1, 1) if i % 10 == 0 else None) for i in range(5000)]
    path = workbook(tmp_path / "annex.xlsx", cin(*rows))
    children, _ = read_annex_a(path)
    assert len(children) == 5000 and children[-1].row == 5001
    sample = sample_from_files(path, history, auditors, "2026-11", 20, 1)
    assert sample.eligible == 4500 and len(sample.rows) == 20


# --------------------------------------------------------------------------- the sample

def test_sample_from_annex_a_at_the_command_line(tmp_path, history, auditors, capsys):
    path = workbook(tmp_path / "annex.xlsx", {
        **cin(child("N1", D(2025, 1, 1)), child("N-CLOSED", D(2025, 1, 1), D(2026, 10, 31))),
        "List 8": [HEADERS["List 8"], child("L1", D(2025, 1, 1), worker="Worker 07")]})
    out = tmp_path / "sample.csv"
    code, stdout, stderr = sample_cli(capsys, path, history, auditors, out, "--size", "5")
    assert code == 0, stderr
    assert "2 children sampled from 2 eligible" in stdout  # closed before the first: not
    rows = {r["child_id"]: r for r in read_csv(out)}
    assert list(read_csv(out)[0])[:4] == ["child_id", "service_area", "team", "worker"]
    assert rows["L1"]["worker"] == "Worker 07" and rows["L1"]["team"] == "Locality North"
    assert rows["L1"]["framework"] == "cla-leaving-care" and rows["N1"]["framework"] == \
        "full-audit"
    assert rows["L1"]["cohort"] == "Children looked after" and rows["L1"]["annex_a_lists"] == "8"
    assert rows["L1"]["auditor"] != "aud-c"  # from another service area than the cohort's
    # --framework chooses one framework for every child, over the lists' own
    code, _, stderr = sample_cli(capsys, path, history, auditors, out, "--size", "5",
                                 "--framework", "detailed-case-audit")
    assert code == 0, stderr
    assert {r["framework"] for r in read_csv(out)} == {"detailed-case-audit"}


def test_a_csv_may_carry_the_worker_and_its_own_framework_still_wins(tmp_path, history,
                                                                      auditors):
    children = tmp_path / "children.csv"
    children.write_text("child_id,service_area,team,status,worker,framework\n"
                        "C1,Children in need,T1,open,Worker 01,cla-leaving-care\n"
                        "C2,Children in need,T1,open,,\n", encoding="utf-8")
    sample = sample_from_files(children, history, auditors, "2026-11", 5, 1,
                               framework="scaled-social-care")
    rows = {r["child_id"]: r for r in sample.rows}
    assert rows["C1"]["worker"] == "Worker 01" and rows["C2"]["worker"] == ""
    assert rows["C1"]["framework"] == "cla-leaving-care"
    assert rows["C2"]["framework"] == "scaled-social-care"
    assert sample.columns.count("worker") == 1


def test_the_example_workbook_samples(tmp_path):
    """The README's example: the script writes the workbook that is in examples/."""
    made = runpy.run_path(str(ROOT / "examples" / "make_annex_a.py"))["write"](
        tmp_path / "annex-a.xlsx")
    assert [(c.child_id, c.extra) for c in read_annex_a(made)[0]] == \
        [(c.child_id, c.extra) for c in read_annex_a(ROOT / "examples" / "annex-a.xlsx")[0]]
    out = tmp_path / "sample.csv"
    result = run("sample", ROOT / "examples" / "annex-a.xlsx", "--history",
                 ROOT / "examples" / "audit-history.csv", "--auditors",
                 ROOT / "examples" / "auditors.csv", "--month", "2026-11", "--size", "8",
                 "--seed", "4821", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "8 children sampled from 29 eligible" in result.stdout
    rows = read_csv(out)
    assert all(r["worker"].startswith("Worker ") for r in rows)
    assert "DEMO-6012" not in {r["child_id"] for r in rows}  # closed in September


def test_a_status_that_is_a_cohort_says_where_it_belongs(tmp_path, history, auditors):
    children = tmp_path / "children.csv"
    children.write_text("child_id,service_area,team,status\nC1,A,T,CIN\n", encoding="utf-8")
    with pytest.raises(SampleError) as caught:
        sample_from_files(children, history, auditors, "2026-11", 5, 1)
    assert str(caught.value) == (
        f"{children}:2: status: 'CIN' is not open or closed; a cohort (CIN, CP, CLA, care "
        "leaver) belongs in service_area or a column of its own, not in status")


# --------------------------------------------------------------------------- bad workbooks

def zip_of(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def hyperlink_as_text(path):
    book = Workbook()
    sheet = book.active
    sheet.title = "List 6"
    sheet.append(HEADERS["List 6"])
    sheet.append(child("placeholder"))
    sheet["A2"].value = '=HYPERLINK("http://evil.example","C1")'
    sheet["A2"].data_type = "s"  # typed as text, as a case system exports it
    book.save(path)
    return path


BAD = [
    ("no list sheet",
     lambda p: workbook(p, {"Sheet1": [["child_id", "team"]], "Data": [["x"]]}),
     "{p}: no Annex A list of children open to the service: expected a sheet named List 6, "
     "List 7, List 8 or List 9 (found: Sheet1, Data)"),
    ("a renamed header",
     lambda p: workbook(p, {"List 6": [["Child Unique ID", "CIN Closure Date", "Team name"],
                                       ["C1", None, "T"]]}),
     "{p}:List 6:1: Allocated Team: missing column (looked for a header 'Allocated Team' or "
     "'Team'; the headers in row 1 are: 'Child Unique ID', 'CIN Closure Date', 'Team name')"),
    ("no child id header",
     lambda p: workbook(p, {"List 8": [["Child", "Allocated Team"], ["C1", "T"]]}),
     "{p}:List 8:1: Child Unique ID: missing column (looked in rows 1 to 20 for a header 'Child "
     "Unique ID' or 'Child ID' or 'Unique Child ID' or 'Child Unique Identifier' or 'Child "
     "Identifier')"),
    ("no end date column on List 7",
     lambda p: workbook(p, {"List 7": [["Child ID", "Allocated Team"], ["C1", "T"]]}),
     "{p}:List 7:1: Child Protection Plan End Date: missing column (looked for a header 'Child "
     "Protection Plan End Date' or 'CP Plan End Date' or 'CPP End Date' or 'End Date'; the "
     "headers in row 1 are: 'Child ID', 'Allocated Team'); without it a child whose episode has "
     "ended would be sampled: add the column, empty, if the list has open children only"),
    ("an impossible date",
     lambda p: workbook(p, cin(child("C1"), child("C2", "12/01/2024", "31/13/2024"))),
     "{p}:List 6:3: CIN Closure Date: '31/13/2024' is not a real date in cell D3"),
    ("a word for a date",
     lambda p: workbook(p, cin(child("C1", "yesterday")), titles=1),
     "{p}:List 6:3: CIN Start Date: 'yesterday' is not a date (write 2025-03-31 or 31/03/2025) "
     "in cell C3"),
    ("a number for a date",
     lambda p: workbook(p, cin(child("C1", 45000))),
     "{p}:List 6:2: CIN Start Date: 45000 in cell C2 is not a date (write 2025-03-31 or "
     "31/03/2025, or format the column as dates)"),
    ("merged cells in the data",
     lambda p: workbook(p, cin(child("C1"), child("C2"), child("C3")),
                        merge={"List 6": "E2:E3"}),
     "{p}:List 6:2: Allocated Team: merged cells E2:E3: unmerge them and fill in every row"),
    ("duplicate child id in one list",
     lambda p: workbook(p, cin(child("C1"), child("C2"), [], child("C1"))),
     "{p}:List 6:5: Child Unique ID: duplicate child id 'C1' (also row 2)"),
    ("an empty child id",
     lambda p: workbook(p, cin(child("C1"), child(None))),
     "{p}:List 6:3: Child Unique ID: empty child id"),
    # an xlsx cannot hold C0 controls (openpyxl refuses to write or read them); a bidi
    # override, which reorders what is shown after it, it can
    ("a formatting character in a child id",
     lambda p: workbook(p, cin(child("C1"), child("C-\u202e2"))),
     "{p}:List 6:3: Child Unique ID: must not contain control or formatting characters "
     "(U+202E in 'C-\\u202e2') in cell A3"),
    ("a formula for a child id",
     lambda p: workbook(p, cin(child('=HYPERLINK("http://evil.example","C1")'))),
     "{p}:List 6:2: Child Unique ID: a formula (=HYPERLINK(\"http://evil.example\",\"C1\")), "
     "not a value in cell A2: copy the column and paste it back as values"),
    ("an Excel error for a team",
     lambda p: workbook(p, cin(child("C1", team="#N/A"))),
     "{p}:List 6:2: Allocated Team: #N/A in cell E2 is an Excel error, not a value: fix the "
     "formula or clear the cell"),
    ("the column twice",
     lambda p: workbook(p, {"List 9": [["Child ID", "Allocated Team", "Gender", "allocated team"],
                                       ["C1", "T", "a) Male", "T"]]}),
     "{p}:List 9:1: Allocated Team: the column appears twice (cells B1 and D1)"),
    ("not a zip",
     lambda p: p.write_bytes(b"child_id,service_area\nC1,A\n") and p,
     "{p}: not an Excel workbook (.xlsx): the file is damaged or of another kind"),
    ("a damaged zip",
     lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 200) and p,
     "{p}: not a readable Excel workbook (.xlsx): BadZipFile: File is not a zip file"),
    ("a zip that is no workbook",
     lambda p: zip_of(p, {"hello.txt": "hi"}),
     "{p}: not a readable Excel workbook (.xlsx): KeyError: \"There is no item named "
     "'[Content_Types].xml' in the archive\""),
    ("an old .xls",
     lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100) and p,
     "{p}: an Excel 97-2003 workbook (.xls): save it as .xlsx"),
]


@pytest.mark.parametrize("make,expected", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_workbook_is_one_line_and_nothing_is_written(tmp_path, history, auditors, capsys,
                                                           make, expected):
    path = tmp_path / "annex.xlsx"
    make(path)
    line = one_line(capsys, path, history, auditors, tmp_path / "out" / "sample.csv")
    assert line == "auditlib: " + expected.format(p=path)
    assert not (tmp_path / "out").exists()


def test_a_formula_looking_id_typed_as_text_is_only_data(tmp_path, history, auditors, capsys):
    """As in a CSV: the id is kept exactly, and the sample's cell cannot run as a formula."""
    path = hyperlink_as_text(tmp_path / "annex.xlsx")
    out = tmp_path / "sample.csv"
    code, _, stderr = sample_cli(capsys, path, history, auditors, out)
    assert code == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert '"\'=HYPERLINK(""http://evil.example"",""C1"")"' in text
    from auditlib.month.generate import read_sample
    assert [r["child_id"] for r in read_sample(out)] == ['=HYPERLINK("http://evil.example","C1")']


def test_the_installed_command_exits_2_with_one_line(tmp_path, history, auditors):
    path = workbook(tmp_path / "annex.xlsx", cin(child("C1", "31/02/2026")))
    out = tmp_path / "sample.csv"
    result = run("sample", path, "--history", history, "--auditors", auditors, "--month",
                 "2026-11", "--seed", "1", "--out", out)
    assert one_line_error(result) == (f"auditlib: {path}:List 6:2: CIN Start Date: "
                                      "'31/02/2026' is not a real date in cell C2")
    assert not out.exists()


def test_a_workbook_named_csv_is_still_read_as_a_workbook(tmp_path, history, auditors):
    path = workbook(tmp_path / "annex.xlsx", cin(child("C1")))
    renamed = path.rename(tmp_path / "children.csv")
    sample = sample_from_files(renamed, history, auditors, "2026-11", 5, 1)
    assert [r["child_id"] for r in sample.rows] == ["C1"]


# --------------------------------------------------------------------------- the lead's page

@pytest.mark.usefixtures("lead_at_the_command_line")
def test_the_lead_auditors_page_samples_from_an_uploaded_workbook(store, tmp_path):
    from auditlib.pages.lead import LeadAuditorWorkbook

    path = workbook(tmp_path / "annex.xlsx", {
        **cin(child("N1"), child("N2"), child("N3", end=D(2026, 1, 1))),
        "List 8": [HEADERS["List 8"], child("L1", worker="Worker 07")]}, titles=1)
    page = LeadAuditorWorkbook(store, user="lead", folder=tmp_path / "data", month="2026-11")
    page.sample.upload_files(children=path.read_bytes(),
                             history=b"child_id,audit_date\nN2,2026-09-01\n",
                             auditors=b"auditor,service_area\nash,Children in need\n"
                                      b"bo,Children looked after\n")
    page.sample.month.value, page.sample.size.value, page.sample.seed.value = "2026-11", 5, 7
    page.sample.preview_button.click()
    assert "2 children sampled from 2 eligible" in page.sample.status.value, \
        page.sample.status.value
    rows = {r["child_id"]: r for r in page.sample.sample.rows}
    assert rows["L1"]["framework"] == "cla-leaving-care" and rows["L1"]["auditor"] == "ash"
    assert rows["N1"]["framework"] == "full-audit" and rows["N1"]["auditor"] == "bo"
    assert rows["L1"]["worker"] == "Worker 07"
    saved = tmp_path / "data" / "months" / "2026-11" / "inputs" / "children.xlsx"
    assert saved.read_bytes() == path.read_bytes()
    page.sample.generate_button.click()
    assert "2 audits created" in page.sample.status.value
    assert {a["framework"] for a in store.find_audits(month="2026-11")} == {
        "full-audit", "cla-leaving-care"}


@pytest.mark.usefixtures("lead_at_the_command_line")
def test_the_page_names_the_cell_of_a_bad_workbook(store, tmp_path):
    from auditlib.pages.lead import LeadAuditorWorkbook

    path = workbook(tmp_path / "annex.xlsx", cin(child("C1", "yesterday")))
    page = LeadAuditorWorkbook(store, user="lead", folder=tmp_path / "data", month="2026-11")
    page.sample.upload_files(children=path.read_bytes(), history=b"child_id,audit_date\n",
                             auditors=b"auditor,service_area\nash,A\n")
    page.sample.preview_button.click()
    assert ("children.xlsx:List 6:2: CIN Start Date: &#x27;yesterday&#x27; is not a date"
            in page.sample.status.value), page.sample.status.value
    assert page.sample.generate_button.disabled
