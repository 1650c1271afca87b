"""The monthly board report and the Word export of a finished audit."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from auditlib.month.documents import audit_docx
from auditlib.month.report import monthly_report
from auditlib.store import AuditStore
from tests.test_cli import one_line_error, run

pytestmark = pytest.mark.usefixtures("lead_at_the_command_line")


@pytest.fixture
def store(store):
    """tests/conftest.py's store with three audits of 2026-11 by ash: one finalised with an
    action signed off, one with an action open, one not started."""
    s = store
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
    return s


def test_report_content(store):
    page = monthly_report(store, "2026-11", dt.date(2026, 11, 20))
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "3 audits were sampled for 2026-11: 1 finalised" in page
    assert "Moderation is due by 14 December 2026" in page
    assert "changed 1 of them (50% change rate)" in page
    # one finalised audit, 11 of its 12 field grades kept: too few audits for an interval
    assert "Moderators agreed with 92% of the auditors' 12 field grades (no interval: too few " \
           "audits or every audit alike; each audit counts as one observation)" in page
    assert "2 actions raised, 1 completed and signed off (50% completed), 1 overdue" in page
    assert "Chronologies are out of date." not in page  # themes are counted, never quoted
    assert ">Safeguarding<" in page and ">Children in care<" in page
    # final grades, in words: the moderator moved q3 from Does not meet good to Meets good
    header = re.search(r"Final grades, field by field</caption><thead><tr>(.*?)</tr>",
                       page).group(1)
    assert "Meets good" in header and "Does not meet good" not in header
    # only the finalised audit is in the grades; the two others are counted by stage
    assert "final grades of the 1 finalised audits" in page
    assert "The 2 audits not yet finalised are counted above by stage" in page
    overall = re.search(r"<caption>Overall grades \(.*?\)</caption>.*?</table>", page).group(0)
    assert "<th scope='row'>Not graded yet</th><td>0</td>" in overall
    # month by month: six months to November, November's one finalised audit
    trend = re.search(r"month by month \(.*?</table>", page).group(0)
    assert trend.count("<tr><th scope='row'>2026-") == 6
    assert re.search(r"<th scope='row'>2026-11</th><td>1</td>", trend)
    assert re.search(r"<th scope='row'>2026-10</th><td>0</td>", trend)
    # self-contained: nothing fetched from anywhere
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "C0" not in page  # names no child


def test_the_moderators_agreement_has_an_interval_by_audit(store):
    """Six finalised audits of 2026-12: the moderator kept every field grade of three and changed
    every one of the other three (fields perfectly correlated within an audit). The interval is
    auditlib.agreement.intervals' with each audit as one observation, far wider than the Wilson
    interval over the 72 fields."""
    from auditlib.agreement import intervals
    from tests.test_consistency import wider_than_by_field

    ratings, clusters = [], {}
    for n in range(6):
        [(audit, _)] = store.add_audits([{"framework": "full-audit", "child_id": f"D{n}",
                                          "auditor": "ash", "month": "2026-12",
                                          "service_area": "Safeguarding"}], user="lead")
        for q in range(1, 13):
            store.save_answer(audit, f"q{q}", user="ash", grade="meets_good", evidence="e",
                              impact="For Jo")
        store.submit(audit, user="ash")
        for q in range(1, 13):
            final = "does_not_meet_good" if n % 2 else "meets_good"
            if n % 2:  # the moderator changes every field; else leaves each as it is
                store.save_moderation(audit, f"q{q}", user="mo", grade=final)
            ratings += [((audit, q), "auditor", "meets_good"), ((audit, q), "moderator", final)]
            clusters[audit, q] = audit
        store.finalise(audit, user="mo")
    page = monthly_report(store, "2026-12", dt.date(2026, 12, 20))
    low, high = intervals(ratings, ["exceeds_good", "meets_good", "does_not_meet_good"],
                          clusters)["percent_agreement"]
    assert (f"Moderators agreed with 50% of the auditors' 72 field grades (95% interval "
            f"{100 * low:.0f}% to {100 * high:.0f}%, treating each audit as one observation)"
            ) in page
    wider_than_by_field([low, high], 36, 72)


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


def fill_with_canaries(store, audit_id, framework, canary, user="ash"):
    """Every narrative, criterion comment, text header field and action of the audit holds a
    canary and a name."""
    for section in framework.sections:
        grade = {}
        if section.scale is not None and section.kind != "criteria":
            levels = list(section.scale.levels)
            grade = {"score": 7} if section.scale.numeric else {
                "grade": levels[min(1, len(levels) - 1)]}
        store.save_answer(audit_id, section.id, user=user, **grade,
                          narratives={n.id: canary(f"{section.id}.{n.id}")
                                      for n in section.narratives})
        for criterion in section.criteria:
            store.save_answer(audit_id, criterion.id, user=user,
                              grade=list(section.scale.levels)[1],
                              comment=canary(f"{criterion.id}.comment"))
    for field in framework.header:
        if field.type in ("text", "person") and field.id != "auditor":
            store.save_header(audit_id, field.id, canary(f"header.{field.id}"), user=user)
    for i in range(2):
        store.add_action(audit_id, user=user, action=canary(f"action{i}"),
                         owner=canary(f"owner{i}"), due="2026-11-10")


def test_report_carries_no_text_written_in_the_audits(tmp_path):
    from auditlib.framework import framework_files, get_framework

    made = []

    def canary(where):
        made.append(where)
        return f"CANARY{len(made):04d} Sam Whitlock is seen alone regularly ({where})"

    with AuditStore(f"sqlite:///{tmp_path / 'audits.sqlite'}", create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
        s.add_user("ash", roles=["auditor"], user="lead")
        s.add_user("mo", roles=["moderator"], user="lead")
        for number, framework_id in enumerate(sorted(framework_files())):
            framework = get_framework(framework_id)
            [(audit_id, _)] = s.add_audits([{
                "framework": framework_id, "child_id": f"K{number}", "auditor": "ash",
                "month": "2026-11", "due_date": "2026-11-15", "service_area": "Safeguarding"}],
                user="lead")
            fill_with_canaries(s, audit_id, framework, canary)
            if framework_id == "scaled-social-care":  # a finding that quotes what was typed
                s.add_action(audit_id, user="ash", action=canary("action"), owner="",
                             due=canary("due")[:40])  # a completion date holds 40 characters
            if framework_id == "full-audit":
                s.submit(audit_id, user="ash")
                for section in framework.sections:
                    if section.scale is not None:
                        s.save_moderation(audit_id, section.id, user="mo",
                                          grade="does_not_meet_good",
                                          comment=canary(f"moderation.{section.id}"))
                s.finalise(audit_id, user="mo")
        page = monthly_report(s, "2026-11", dt.date(2026, 11, 20))
    assert len(made) > 60
    assert "CANARY" not in page and "Whitlock" not in page and "seen alone" not in page
    assert "4 audits were sampled for 2026-11" in page
    # themes are counted by the framework rule behind the finding, never quoted
    assert re.search(r"<th scope='row'>scaled-social-care: action-needs-date</th><td>error</td>"
                     r"<td>1</td>", page)


def test_report_and_export_files_are_private(store, tmp_path):
    lead = ["--store", store.url, "--user", "lead"]
    report, docx, exported = tmp_path / "report.html", tmp_path / "a.docx", tmp_path / "a.json"
    assert run("report", "--month", "2026-11", "--out", report, *lead).returncode == 0
    assert run("export", "1", "--format", "docx", "--out", docx, *lead).returncode == 0
    assert run("export", "1", "--out", exported, *lead).returncode == 0
    for path in (report, docx, exported):
        assert path.stat().st_mode & 0o777 == 0o600, path


@pytest.mark.parametrize("command", [["report", "--month", "2026-11"],
                                     ["export", "1", "--format", "docx"], ["export", "1"]])
def test_out_that_cannot_be_written_is_one_line(store, tmp_path, command):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "link.out"
    link.symlink_to(victim)
    for out, expected in [(tmp_path / "nope" / "r.out", f"the folder {tmp_path / 'nope'} does "
                           "not exist"), (tmp_path, "is a folder, not a file"),
                          (link, "is a symbolic link; refusing to write through it")]:
        line = one_line_error(run(*command, "--out", out, "--store", store.url, "--user", "lead"))
        assert line == f"auditlib: --out {out}: {expected}"
    assert victim.read_text() == "precious"


def test_docx_export_survives_odd_text(store, monkeypatch):
    from docx import Document

    record = store.find_audit(1)
    record["child_id"] = "C\x00\x07"
    record["answers"]["q1"]["evidence"] = "bell\x07 vertical\x0b nul\x00 \ud800 end"
    record["answers"]["q1"]["impact"] = "\x1b[31m"
    record["actions"][0].update(action="act\x01", owner="o\x02", due="\x03")
    record["moderation"]["q3"]["comment"] = "\x0c"
    # whatever text reaches the export (pasted before the store cleaned it, say)
    monkeypatch.setattr(store, "find_audit", lambda _id: record)
    doc = Document(io.BytesIO(audit_docx(store, 1)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "bell vertical nul  end" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "act" in cells and "C" in cells


def test_hostile_names_come_out_as_text_with_no_escaping_in_the_report_code(tmp_path):
    """Jinja2 escapes every value the report's template is given: a service area (or any name)
    holding markup is shown as text, though the report's code never calls an escape itself."""
    import ast
    import inspect

    from auditlib.month import report

    hostile = "<script>alert('area')</script> & <b>Team</b>"
    with AuditStore(f"sqlite:///{tmp_path / 'audits.sqlite'}", create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
        s.add_user("ash", roles=["auditor"], user="lead")
        [(audit, _)] = s.add_audits([{
            "framework": "full-audit", "child_id": "C1", "auditor": "ash", "month": "2026-11",
            "due_date": "2026-11-15", "service_area": hostile}], user="lead")
        s.add_action(audit, user="ash", action="Visit", owner="Social worker", due="2026-11-12")
        page = monthly_report(s, "2026-11", dt.date(2026, 11, 20))
    assert "<script>" not in page and "<b>Team" not in page
    shown = (r"<th scope='row'>&lt;script&gt;alert\(&#(39|x27);area&#(39|x27);\)&lt;/script&gt; "
             r"&amp; &lt;b&gt;Team&lt;/b&gt;</th>")
    # actions by service area (the grades by service area count finalised audits only)
    assert len(re.findall(shown, page)) == 1
    tree = ast.parse(inspect.getsource(report))
    called = {getattr(n.func, "id", getattr(n.func, "attr", None))
              for n in ast.walk(tree) if isinstance(n, ast.Call)}
    imported = {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                for a in n.names} | {n.module for n in ast.walk(tree)
                                     if isinstance(n, ast.ImportFrom)}
    assert called and not called & {"escape", "e", "_e", "quote"}
    assert not imported & {"html", "escape", "auditlib.pages.html"}


@pytest.fixture
def numeric_overall(tmp_path, monkeypatch):
    """A framework whose overall grade is scored 0-10 (scaled-social-care, its grading section
    scored): a moderator may record a score there rather than a grade."""
    from tests.conftest import FRAMEWORKS

    text = (FRAMEWORKS / "scaled-social-care.yaml").read_text(encoding="utf-8")
    text = text.replace("id: scaled-social-care\n", "id: numeric-overall\n", 1)
    at = text.index("scale: ofsted4", text.index("  - id: grading"))
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "numeric-overall.yaml").write_text(
        text[:at] + "scale: score10" + text[at + len("scale: ofsted4"):], encoding="utf-8")
    monkeypatch.setenv("AUDITLIB_FRAMEWORKS", str(folder))
    with AuditStore(f"sqlite:///{tmp_path / 'audits.sqlite'}", create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead")
        s.add_user("ash", roles=["auditor"], user="lead")
        s.add_user("mo", roles=["moderator"], user="lead")
        [(audit, _)] = s.add_audits([{
            "framework": "numeric-overall", "child_id": "C1", "auditor": "ash",
            "month": "2026-11", "due_date": "2026-11-15"}], user="lead")
        for sid in ("risk", "child_identity", "care_planning", "living_arrangements", "outcomes"):
            s.save_answer(audit, sid, user="ash", score=7, evidence="E.", impact="For Sam.")
        s.save_answer(audit, "summary", user="ash", narratives={"summary": "Why"})
        s.save_answer(audit, "observations", user="ash",
                      narratives={"working_well": "a", "not_working_well": "b"})
        s.save_answer(audit, "grading", user="ash", grade="good",
                      narratives={"team_manager_id": "TM1"})
        s.submit(audit, user="ash")
        s.save_moderation(audit, "grading", user="mo", score=2)  # a score, no grade
        yield s, audit


def test_a_moderators_score_for_the_overall_is_their_grade(numeric_overall):
    """The Word export and the month's tracker once read only a moderator's grade for the
    overall: a score recorded instead was lost (the per-field lines read both)."""
    from docx import Document

    from auditlib.month.tracking import month_grades, month_tracker

    store, audit = numeric_overall
    doc = Document(io.BytesIO(audit_docx(store, audit)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Auditor: Good. Suggested by the framework: Good. Moderator: Inadequate." in text
    [row] = month_tracker(store, "2026-11", dt.date(2026, 11, 20))
    assert row["overall"] == "Good" and row["moderated_overall"] == "Inadequate"
    grading = next(r for r in month_grades(store, "2026-11") if r["section"] == "grading")
    assert grading["moderated_grade"] == "Inadequate"


def test_the_board_report_counts_the_moderators_overall(numeric_overall):
    """The board report once counted the auditor's overall grade where the moderator changed
    it: the finalised audit is Inadequate (the moderator's score of 2), not Good."""
    store, audit = numeric_overall
    store.finalise(audit, user="mo")
    page = monthly_report(store, "2026-11", dt.date(2026, 11, 20))
    overall = re.search(r"<caption>Overall grades \(.*?\)</caption>.*?</table>", page).group(0)
    assert "<th scope='row'>Inadequate</th><td>1</td>" in overall
    assert "<th scope='row'>Good</th><td>0</td>" in overall
