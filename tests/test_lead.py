"""The lead auditor's page, driven without a browser: upload, preview, generate, track, export."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from auditlib.month.tracking import action_tracker, audit_stage, moderation_due, month_tracker
from auditlib.pages.lead import LeadAuditorWorkbook, open_lead_workbook
from tests.stores import only

CHILDREN = ("child_id,service_area,team,status\n" + "".join(
    f"C{i:02d},{'AB'[i % 2]},T{i % 3},open\n" for i in range(12))).encode()
HISTORY = b"child_id,audit_date\nC00,2026-09-01\nC01,2026-01-01\n"
AUDITORS = b"auditor,service_area\nash,A\nbo,B\ncy,C\n"


pytestmark = pytest.mark.usefixtures("lead_at_the_command_line")


@pytest.fixture
def people():
    """The lead auditor alone: the month's files bring the auditors."""
    return only("lead")


@pytest.fixture
def page(store, tmp_path):
    return LeadAuditorWorkbook(store, user="lead", folder=tmp_path / "data", month="2026-11")


def test_preview_and_generate(page, store, tmp_path):
    page.sample.upload_files(children=CHILDREN, history=HISTORY, auditors=AUDITORS)
    page.sample.month.value = "2026-11"
    page.sample.size.value = 6
    page.sample.seed.value = 7
    page.sample.preview_button.click()
    assert "6 children sampled from 11 eligible" in page.sample.status.value
    assert page.sample.table.value.count("<tr>") == 7  # header and six children
    assert "C00" not in page.sample.table.value  # audited in the six months before
    assert not page.sample.generate_button.disabled
    page.sample.generate_button.click()
    assert "6 audits created" in page.sample.status.value
    folder = tmp_path / "data" / "months" / "2026-11"
    assert (folder / "sample.csv").exists() and (folder / "sample.csv.provenance.json").exists()
    assert len(list((folder / "workbooks").glob("*.ipynb"))) == 6
    assert len(store.find_audits(month="2026-11")) == 6
    assert "Audits for 2026-11" in page.tracking.audits.value


def test_next_months_preview_leaves_out_this_months_children(page, store):
    """Generate November, then preview December: none of November's children again (they are
    in the store, not in the history file the lead auditor uploads)."""
    page.sample.upload_files(children=CHILDREN, history=HISTORY, auditors=AUDITORS)
    page.sample.month.value, page.sample.size.value, page.sample.seed.value = "2026-11", 6, 7
    page.sample.preview_button.click()
    page.sample.generate_button.click()
    november = {a["child_id"] for a in store.find_audits(month="2026-11")}
    assert len(november) == 6
    page.sample.month.value, page.sample.size.value = "2026-12", 12
    page.sample.preview_button.click()
    assert "5 children sampled from 5 eligible" in page.sample.status.value  # 11 less 6
    assert not any(child in page.sample.table.value for child in november)


def test_bad_input_is_one_clear_line(page):
    page.sample.upload_files(children=b"child_id,team\nC1,T\n", history=HISTORY,
                             auditors=AUDITORS)
    page.sample.month.value = "2026-11"
    page.sample.preview_button.click()
    assert "children.csv:1: service_area: missing column" in page.sample.status.value
    assert page.sample.generate_button.disabled
    page.sample.month.value = "2026-13"
    page.sample.preview_button.click()
    assert "is not a month" in page.sample.status.value


def test_missing_files_are_named(page):
    page.sample.upload_files(children=CHILDREN)
    page.sample.preview_button.click()
    assert "choose the files: Audit history, Auditors" in page.sample.status.value


def test_tracking_stages_overdue_and_exports(page, store):
    ids = [a for a, _ in store.add_audits([
        {"framework": "full-audit", "child_id": f"K{i}", "auditor": "lead", "month": "2026-11",
         "due_date": "2026-11-15"} for i in range(3)], user="lead")]
    store.save_answer(ids[1], "q1", user="lead", grade="meets_good")
    action = store.add_action(ids[1], user="lead", action="Update the plan", owner="SW",
                              due="2026-11-10")
    page.tracking.refresh(on=dt.date(2026, 11, 20))
    text = page.tracking.audits.value
    assert "Not started" in text and "In progress" in text
    assert text.count("aw-row-flagged") == 3  # all past their due date, in words too
    assert "Overdue" in text
    assert "Monday 14 December 2026" in text
    assert "Overdue" in page.tracking.actions.value
    assert page.tracking.downloads.value.count("download=") == 3
    assert re.search(r"download='audit-tracker-2026-11.xlsx' href='data:application/",
                     page.tracking.downloads.value)
    store.sign_off_action(ids[1], action, user="lead", signed_off_on="2026-11-12")
    rows = action_tracker(store, dt.date(2026, 11, 20))
    assert rows[0]["state"] == "Signed off" and not rows[0]["overdue"]


def test_only_a_lead_auditor(store, tmp_path):
    store.add_user("ash", roles=["auditor"], user="lead")
    page = open_lead_workbook(store_url=store.url, user="ash")
    assert "is not a lead auditor" in page.value


def test_audit_stage_and_moderation_due():
    assert audit_stage({"status": "in_progress", "version": 1}) == "not_started"
    assert audit_stage({"status": "in_progress", "version": 3}) == "in_progress"
    assert audit_stage({"status": "returned", "version": 9}) == "moderated"
    # Easter 2027: Good Friday 26 March and Easter Monday 29 March are bank holidays
    assert moderation_due("2027-02") == dt.date(2027, 3, 12)
    assert moderation_due("2027-03") == dt.date(2027, 4, 14)


def test_month_tracker_json_ready(store):
    store.add_audits([{"framework": "full-audit", "child_id": "K1", "auditor": "lead",
                       "month": "2026-11", "due_date": "2026-11-15"}], user="lead")
    [row] = month_tracker(store, "2026-11", dt.date(2026, 11, 1))
    assert row["status"] == "Not started" and row["overdue"] is False


def test_track_command_and_exports(store, tmp_path):
    from tests.test_cli import one_line_error, run

    store.add_audits([{"framework": "full-audit", "child_id": "K1", "auditor": "lead",
                       "month": "2026-11", "due_date": "2026-11-15"}], user="lead")
    url = store.url
    result = run("track", "2026-11", "--store", url, "--on", "2026-11-20", "--json",
                 "--export", tmp_path / "export")
    assert result.returncode == 0, result.stderr
    import json
    data = json.loads(result.stdout)
    assert data["moderation_due"] == "2026-12-14"
    assert data["audits"][0]["overdue"] is True
    assert sorted(p.rsplit("/", 1)[1] for p in data["exported"]) == [
        "actions-2026-11.csv", "audit-tracker-2026-11.xlsx", "grades-2026-11.csv"]
    from openpyxl import load_workbook
    book = load_workbook(tmp_path / "export" / "audit-tracker-2026-11.xlsx")
    assert book.sheetnames == ["Audits", "Actions", "Grades"]
    assert book["Audits"]["B2"].value == "K1"
    assert "--on: 'soon' is not a date" in one_line_error(run("track", "2026-11", "--store", url,
                                                              "--on", "soon"))
    assert "is not a month" in one_line_error(run("track", "11/2026", "--store", url))


def test_spreadsheet_formulas_are_kept_as_text():
    from auditlib.month.tracking import to_csv
    text = to_csv([{"action": "=HYPERLINK(\"http://x\")", "owner": "+SW"}])
    assert "'=HYPERLINK" in text and "'+SW" in text


def preview(page, month="2026-11"):
    page.sample.upload_files(children=CHILDREN, history=HISTORY, auditors=AUDITORS)
    page.sample.month.value = month
    page.sample.size.value = 6
    page.sample.seed.value = 7
    page.sample.preview_button.click()
    assert "6 children sampled" in page.sample.status.value


def all_files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("edited", ["../../evil", "2026-11/../../../evil", "{tmp}/evil",
                                    "2026-12", " 2026-11/x"])
def test_month_edited_after_preview_writes_nowhere(page, store, tmp_path, edited):
    preview(page)
    before = all_files(tmp_path)
    page.sample.month.value = edited.format(tmp=tmp_path)
    page.sample.generate_button.click()
    assert "aw-status-error" in page.sample.status.value
    assert all_files(tmp_path) == before  # nothing written, inside the folder or out of it
    assert store.find_audits() == []


def test_a_symlink_in_the_page_folder_is_not_followed(page, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "months").symlink_to(outside)
    page.sample.upload_files(children=CHILDREN, history=HISTORY, auditors=AUDITORS)
    page.sample.month.value = "2026-11"
    page.sample.preview_button.click()
    assert "aw-status-error" in page.sample.status.value
    assert list(outside.iterdir()) == []


def test_uploads_sample_and_workbooks_are_private(page, tmp_path):
    page.sample.uploads["children"].value = ({
        "name": "../../../evil.csv", "type": "text/csv", "size": len(CHILDREN),
        "content": memoryview(CHILDREN), "last_modified": dt.datetime.now(dt.timezone.utc)},)
    preview(page)
    page.sample.generate_button.click()
    assert "6 audits created" in page.sample.status.value
    data = tmp_path / "data"
    files = [p for p in data.rglob("*") if p.is_file()]
    assert len(files) == 3 + 2 + 6 + 1  # inputs, sample and provenance, workbooks, manifest
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, path
    for path in [p for p in data.rglob("*") if p.is_dir()]:
        assert path.stat().st_mode & 0o777 == 0o700, path
    assert not list(tmp_path.glob("**/evil.csv"))


def _download(page, name):
    import base64
    match = re.search(rf"download='{re.escape(name)}' href='data:[^;]+;base64,([^']*)'",
                      page.tracking.downloads.value)
    return base64.b64decode(match.group(1))


def test_downloads_and_exports_cannot_run_formulas(page, store, tmp_path):
    import csv
    import io

    from openpyxl import load_workbook

    from auditlib.files import needs_escape
    from auditlib.month.tracking import export_month, to_xlsx

    [(audit_id, _)] = store.add_audits([{"framework": "full-audit", "child_id": "＝1+1",
                                         "auditor": "lead", "month": "2026-11",
                                         "due_date": "2026-11-15"}], user="lead")
    for text in ["=HYPERLINK(\"http://x\")", " =1", "a;=1", "＠SUM(1)", "-1+1"]:
        store.add_action(audit_id, user="lead", action=text, owner="+SW", due="2026-11-10")
    stored = [a["action"] for a in store.find_actions()]
    assert all(needs_escape(t) for t in stored)
    page.tracking.refresh(on=dt.date(2026, 11, 20))
    rows = list(csv.DictReader(io.StringIO(_download(page, "actions-2026-11.csv").decode())))
    assert sorted(r["action"] for r in rows) == sorted("'" + t for t in stored)
    assert {r["owner"] for r in rows} == {"'+SW"} and {r["child_id"] for r in rows} == {"'＝1+1"}
    book = load_workbook(io.BytesIO(_download(page, "audit-tracker-2026-11.xlsx")))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert set(stored) | {"＝1+1", "+SW"} <= {c.value for c in cells}  # the text, as typed
    # text a worksheet cannot hold does not stop the export
    odd = load_workbook(io.BytesIO(to_xlsx({"Actions": [{"action": "bell\x07 and\x0btab",
                                                          "n": 3}]})))
    assert [c.value for c in odd["Actions"][2]] == ["bell andtab", 3]
    paths = export_month(store, "2026-11", tmp_path / "export", dt.date(2026, 11, 20))
    for path in paths:
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert (tmp_path / "export").stat().st_mode & 0o777 == 0o700
