"""The monthly board report and the Word export of a finished audit."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from auditlib.documents import audit_docx
from auditlib.report import monthly_report
from auditlib.store import AuditStore
from tests.test_cli import one_line_error, run


@pytest.fixture
def store(tmp_path):
    with AuditStore(f"sqlite:///{tmp_path / 'audits.sqlite'}") as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
        s.add_user("ash", roles=["auditor"], user="lead")
        s.add_user("mo", roles=["moderator"], user="lead")
        ids = [a for a, _ in s.add_audits([
            {"framework": "full-audit", "child_id": f"C{i}", "auditor": "ash",
             "month": "2026-11", "due_date": "2026-11-15",
             "service_area": ["Safeguarding", "Children in care"][i % 2]} for i in range(3)],
            user="lead")]
        for q in range(1, 13):
            s.save_answer(ids[0], f"q{q}", user="ash",
                          grade="does_not_meet_good" if q == 3 else "meets_good",
                          evidence="Two assessments were completed.", impact="For Jo, safety.")
        s.save_answer(ids[0], "q13", user="ash",
                      narratives={"service_actions": "Chronologies are out of date."})
        action = s.add_action(ids[0], user="ash", action="Update the chronology",
                              owner="Team manager", due="2026-11-10")
        s.submit(ids[0], user="ash")
        s.save_moderation(ids[0], "q3", user="mo", grade="meets_good",
                          comment="The assessment is better than the auditor judged.")
        s.save_moderation(ids[0], "q12", user="mo", grade="meets_good")
        s.finalise(ids[0], user="mo")
        s.sign_off_action(ids[0], action, user="lead", signed_off_on="2026-11-09")
        s.add_action(ids[1], user="ash", action="Visit Jo at school", owner="Social worker",
                     due="2026-11-12")
        yield s


def test_report_content(store):
    page = monthly_report(store, "2026-11", dt.date(2026, 11, 20))
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "3 audits were sampled for 2026-11: 1 finalised" in page
    assert "Moderation is due by 14 December 2026" in page
    assert "changed 1 of them (50% change rate)" in page
    assert "2 actions raised, 1 completed and signed off, 1 overdue" in page
    assert "Chronologies are out of date." in page
    assert ">Safeguarding<" in page and ">Children in care<" in page
    # grades in words, in the scale's order
    header = re.search(r"field by field</caption><thead><tr>(.*?)</tr>", page).group(1)
    assert header.index("Meets good") < header.index("Does not meet good")
    # self-contained: nothing fetched from anywhere
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "C0" not in page  # names no child


def test_report_cli(store, tmp_path):
    out = tmp_path / "report.html"
    result = run("report", "--month", "2026-11", "--out", out, "--store", store.url)
    assert result.returncode == 0, result.stderr
    assert "<h1>Case file audits: 2026-11</h1>" in out.read_text()
    assert "is not a month" in one_line_error(run("report", "--month", "Nov", "--out", out,
                                                  "--store", store.url))


def test_docx_export(store, tmp_path):
    from docx import Document

    data = audit_docx(store, 1)
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Full audit of an individual child" in text
    assert "Moderator: Meets good. The assessment is better than the auditor judged." in text
    assert "Two assessments were completed." in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Update the chronology" in cells and "2026-11-09" in cells
    out = tmp_path / "audit.docx"
    result = run("export", "1", "--format", "docx", "--out", out, "--store", store.url)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"
