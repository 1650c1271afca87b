"""The workbook's panels driven without a browser: set a widget's value, read the result."""
from __future__ import annotations

import datetime

import pytest

from auditlib.exceptions import LifecycleRefused, PermissionRefused
from auditlib.pages.audit import AuditWorkbook, open_workbook
from auditlib.store import AuditStore
from tests.stores import fill_the_disk


def workbook(store, framework, user="ash", audit_id=None):
    if audit_id is None:
        audit_id = store.add_audit(framework=framework, child_id="C1", auditor="ash",
                                   user="lead")
    return AuditWorkbook(store, audit_id, user=user, save_delay=0)


@pytest.mark.parametrize("framework", ["full-audit", "scaled-social-care", "cla-leaving-care",
                                       "detailed-case-audit"])
def test_every_framework_builds_a_form(store, framework):
    wb = workbook(store, framework)
    fw = wb.framework
    assert list(wb.sections) == [s.id for s in fw.sections]
    for section in fw.sections:
        panel = wb.sections[section.id]
        assert set(panel.flags) == {f.id for f in section.flags}
        assert set(panel.criteria) == {c.id for c in section.criteria}
        assert set(panel.narratives) == {n.id for n in section.narratives}
        if section.scale is not None:
            assert f"aw-grade-{section.id}" in panel.judgement._dom_classes
    assert "fields complete" in wb.summary.completeness.value
    assert wb.summary.save_status.value.count("Saved") == 1


def test_live_grades_and_saves(store):
    wb = workbook(store, "scaled-social-care")
    risk = wb.sections["risk"]
    risk.judgement.value = 7
    assert "Section grade: Good (score 7)" in risk.grade_display.value
    wb.sections["outcomes"].judgement.value = 4
    assert "Requires improvement, Inadequate" in wb.summary.allowed.value
    wb.sections["child_identity"].flags["child_not_seen"].value = True
    assert "Allowed overall grades: <strong>Inadequate</strong>" in wb.summary.allowed.value
    assert "Suggested overall: <strong>Inadequate</strong>" in wb.summary.suggested.value
    assert "limited evidence of the child being seen" in wb.summary.findings.value.lower() \
        or "child not seen" in wb.summary.findings.value.lower()
    risk.narratives["evidence"].value = "Seen alone twice."
    answers = store.find_audit(wb.audit_id)["answers"]
    assert answers["risk"] == {"score": 7, "evidence": "Seen alone twice."}
    assert answers["child_identity"]["flags"] == {"child_not_seen": True}
    risk.judgement.value = "not_scored"
    assert "score" not in store.find_audit(wb.audit_id)["answers"]["risk"]


def test_reopening_shows_everything_as_it_was(store):
    wb = workbook(store, "full-audit")
    wb.sections["q1"].judgement.value = "meets_good"
    wb.sections["q1"].narratives["impact"].value = "For Jo…"
    wb.header.fields["team"].value = "Safeguarding 2"
    wb.header.fields["audit_date"].value = datetime.date(2026, 11, 2)
    row = wb.actions._on_add()
    row["action"].value = "Update the plan"
    row["owner"].value = "Team manager"
    row["due"].value = datetime.date(2026, 12, 1)
    again = workbook(store, "full-audit", audit_id=wb.audit_id)
    assert again.sections["q1"].judgement.value == "meets_good"
    assert again.sections["q1"].narratives["impact"].value == "For Jo…"
    assert again.header.fields["team"].value == "Safeguarding 2"
    assert again.header.fields["audit_date"].value == datetime.date(2026, 11, 2)
    assert [(r["action"].value, r["owner"].value, r["due"].value) for r in again.actions.rows] \
        == [("Update the plan", "Team manager", datetime.date(2026, 12, 1))]


def test_more_than_five_actions_warns(store):
    wb = workbook(store, "full-audit")
    for _ in range(6):
        wb.actions._on_add()
    assert "no more than 5" in wb.actions.warning.value
    wb.actions._on_remove(wb.actions.rows[-1])
    assert wb.actions.warning.value == ""
    assert len(store.find_audit(wb.audit_id)["actions"]) == 5


def test_a_change_made_elsewhere_is_shown_not_overwritten(store):
    first = workbook(store, "scaled-social-care")
    second = workbook(store, "scaled-social-care", audit_id=first.audit_id)
    second.sections["risk"].judgement.value = 5
    first.sections["risk"].judgement.value = 2
    assert "Not saved" in first.summary.save_status.value
    assert "changed elsewhere" in first.banner.value
    assert store.find_audit(first.audit_id)["answers"]["risk"]["score"] == 5
    # other items still save
    first.sections["outcomes"].judgement.value = 6
    assert store.find_audit(first.audit_id)["answers"]["outcomes"]["score"] == 6


def complete_scaled(wb):
    for sid in ("risk", "child_identity", "care_planning", "living_arrangements", "outcomes"):
        wb.sections[sid].judgement.value = 7
        wb.sections[sid].narratives["evidence"].value = "Evidence."
        wb.sections[sid].narratives["impact"].value = "Impact for Sam."
    wb.sections["summary"].narratives["summary"].value = "Why we are involved."
    wb.sections["observations"].narratives["working_well"].value = "Visits."
    wb.sections["observations"].narratives["not_working_well"].value = "Plans."
    wb.sections["grading"].judgement.value = "good"
    wb.sections["grading"].narratives["team_manager_id"].value = "TM1"


def test_submit_when_complete_then_read_only(store):
    wb = workbook(store, "scaled-social-care")
    assert wb.summary.submit_button.disabled
    complete_scaled(wb)
    assert not wb.summary.submit_button.disabled, wb.summary.completeness.value
    wb.summary.submit_button.click()
    assert store.find_audit(wb.audit_id)["status"] == "submitted"
    assert all(c.disabled for c in wb.controls())
    assert "read-only" in wb.summary.save_status.value
    with pytest.raises(LifecycleRefused):
        store.save_answer(wb.audit_id, "risk", user="ash", score=1)


def test_someone_elses_audit_is_refused_or_read_only(store):
    """Another auditor is refused; a lead auditor sees it read-only."""
    wb = workbook(store, "full-audit")
    with pytest.raises(PermissionRefused, match="allocated to another auditor"):
        AuditWorkbook(store, wb.audit_id, user="bo", save_delay=0)
    page = open_workbook(wb.audit_id, store_url=store.url, user="bo")
    assert "cannot open it" in page.value and "q1" not in page.value
    theirs = AuditWorkbook(store, wb.audit_id, user="lead", save_delay=0)
    assert all(c.disabled for c in theirs.controls())
    assert "allocated to ash" in theirs.banner.value


def test_typing_waits_for_a_pause_then_saves(store):
    wb = workbook(store, "full-audit")
    wb.saver.delay = 30  # no event loop runs in this test: saves wait for flush
    wb.sections["q2"].narratives["evidence"].value = "Draft"
    assert "Saving" in wb.summary.save_status.value
    assert "q2" not in store.find_audit(wb.audit_id)["answers"]
    wb.flush()
    assert store.find_audit(wb.audit_id)["answers"]["q2"] == {"evidence": "Draft"}
    assert "Saved" in wb.summary.save_status.value


def test_open_workbook_messages(store, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "")
    assert "No audit chosen" in open_workbook(None, store_url=store.url).value
    assert "no such audit" in open_workbook("999", store_url=store.url, user="ash").value
    monkeypatch.setenv("QUERY_STRING", "audit_id=7&token=x")
    assert "no such audit: 7" in open_workbook(None, store_url=store.url,
                                                          user="ash").value
    monkeypatch.setenv("QUERY_STRING", "audit_id=%3Cscript%3Ealert(1)%3C/script%3E")
    page = open_workbook(None, store_url=store.url, user="ash").value
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_a_full_disk_is_shown_not_saving_for_ever(tmp_path, monkeypatch):
    """The disk fills while the auditor types: the page says the change was not saved and why,
    instead of "Saving…" for ever, and what was saved before stays."""
    url = f"sqlite:///{tmp_path / 'full.sqlite'}"
    with AuditStore(url, create=True) as setup:
        setup.add_user("lead", roles=["lead_auditor"], user="lead")
        setup.add_user("ash", roles=["auditor"], user="lead")
        audit = setup.add_audit(framework="full-audit", child_id="C1", auditor="ash",
                                user="lead")
        setup.save_answer(audit, "q1", user="ash", evidence="Saved before the disk filled.")
    fill_the_disk(monkeypatch)
    with AuditStore(url) as store:
        wb = AuditWorkbook(store, audit, user="ash", save_delay=0)
        wb.sections["q2"].narratives["evidence"].value = "x" * 90_000
        status = wb.summary.save_status.value
        assert "Not saved" in status and "disk is full" in status, status
        assert "Saving" not in status
    monkeypatch.undo()
    with AuditStore(url) as store:
        answers = store.find_audit(audit)["answers"]
    assert answers["q1"]["evidence"] == "Saved before the disk filled."
    assert "q2" not in answers


def test_a_page_keeps_its_store_and_a_page_that_cannot_open_gives_it_back(store):
    """Every ``open_*`` opens its page through ``open_page``: the page keeps the store for its
    handlers; a refusal (or anything that is not a page) leaves no connection open."""
    from auditlib.pages.base import open_page
    from auditlib.pages.home import open_home

    audit = store.add_audit(framework="full-audit", child_id="C1", auditor="ash", user="lead")
    page = open_page("This audit cannot be opened",
                     lambda s: AuditWorkbook(s, audit, user="ash", save_delay=0), store.url)
    assert isinstance(page, AuditWorkbook) and page.store.engine.pool.checkedin() >= 1
    page.store.close()
    built = []

    def refused(s):
        built.append(s)
        return AuditWorkbook(s, audit, user="nobody", save_delay=0)
    message = open_page("This audit cannot be opened", refused, store.url)
    assert "This audit cannot be opened" in message.value
    assert "nobody" in message.value and "not a user of this store" in message.value
    assert built[0].engine.pool.checkedin() == 0
    assert f"Audit {audit}: child C1" in open_home(store_url=store.url, user="ash").value
