"""Every route asks auditlib.access, and an attacker gets a refusal and nothing of the child.

Each test names the route and the attack: another auditor's audit id on the command line, a
moderator opening an audit still in progress, a user the store does not know. A canary in the
evidence and the child's id must never reach stdout, a written file or a page's widgets.
"""
from __future__ import annotations

import json

import pytest

from auditlib.cli import main
from auditlib.exceptions import PermissionRefused
from tests.stores import PEOPLE, complete

CANARY = "CANARY-EVIDENCE-4471"  # in the evidence of bo's audits only
CHILD = "CHILD-OF-BO"  # bo's audits' child


@pytest.fixture
def people():
    """ash and bo audit; mo and mia moderate; tia trains."""
    return {**PEOPLE, "mia": "moderator"}


@pytest.fixture
def store(store):
    """bo has four audits, one per stage of moderation, each complete with the canary in its
    evidence: in progress unallocated, in progress allocated to mo (as every demo audit is),
    submitted unallocated, submitted allocated to mia. ash has one, not started."""
    s = store
    s.ids = {}
    for key, moderator, submit in (("in_progress", None, False),
                                   ("in_progress_mo", "mo", False),
                                   ("submitted", None, True),
                                   ("submitted_mia", "mia", True)):
        audit = s.add_audit(framework="scaled-social-care", child_id=CHILD, auditor="bo",
                            user="lead", moderator=moderator, month="2026-11",
                            due_date="2026-11-15")
        complete(s, audit, "bo", evidence=f"{CANARY} seen at home.")
        if submit:
            s.submit(audit, user="bo")
        s.ids[key] = audit
    s.ids["ash"] = s.add_audit(framework="scaled-social-care", child_id="CHILD-OF-ASH",
                               auditor="ash", user="lead", month="2026-11")
    return s


def widget_text(widget) -> str:
    """Everything a widget and its children hold, as the browser would receive it."""
    parts = [json.dumps(widget.get_state(), default=str)]
    for child in getattr(widget, "children", ()):
        parts.append(widget_text(child))
    inner = getattr(widget, "widget", None)
    if inner is not None and inner is not widget:
        parts.append(widget_text(inner))
    return "\n".join(parts)


def assert_no_child(text: str) -> None:
    assert CANARY not in text and CHILD not in text


# --------------------------------------------------------------------------- command line

def cli(capsys, store, *args, user="ash"):
    """Run the command line in-process as ``user``: exit code, stdout, stderr."""
    code = main([*map(str, args), "--store", store.url, "--user", user])
    out, err = capsys.readouterr()
    return code, out, err


def refused(result, words):
    code, out, err = result
    assert code == 2, (code, out, err)
    assert_no_child(out + err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, lines
    assert words in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("command", [
    ["export", "{id}"], ["export", "{id}", "--format", "json"], ["export", "{id}", "--json"],
    ["history", "{id}"], ["history", "{id}", "--json"]])
def test_an_auditor_cannot_read_another_auditors_audit_on_the_command_line(
        store, capsys, command):
    for key in ("in_progress", "submitted"):
        args = [a.format(id=store.ids[key]) for a in command]
        refused(cli(capsys, store, *args), "cannot open it")


def test_an_auditor_writes_no_file_of_another_auditors_audit(store, capsys, tmp_path,
                                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    audit = store.ids["submitted"]
    for fmt in ("json", "docx"):
        out = tmp_path / f"stolen.{fmt}"
        refused(cli(capsys, store, "export", audit, "--format", fmt, "--out", out),
                "cannot open it")
        assert not out.exists()
    # docx without --out writes audit-N.docx in the current folder: not for a refusal
    refused(cli(capsys, store, "export", audit, "--format", "docx"), "cannot open it")
    assert not (tmp_path / f"audit-{audit}.docx").exists()


def test_a_moderator_cannot_export_an_audit_still_in_progress(store, capsys):
    for key in ("in_progress", "in_progress_mo"):
        refused(cli(capsys, store, "export", store.ids[key], user="mo"), "in progress")
    refused(cli(capsys, store, "history", store.ids["submitted_mia"], user="mo"),
            "not allocated to mo")
    code, out, _ = cli(capsys, store, "export", store.ids["submitted"], user="mo")
    assert code == 0 and CANARY in out  # unallocated and submitted: any moderator's to take


def test_an_auditor_lists_only_their_own_audits(store, capsys):
    code, out, _ = cli(capsys, store, "audits", "--json")
    assert code == 0
    assert [a["audit_id"] for a in json.loads(out)] == [store.ids["ash"]]
    refused(cli(capsys, store, "audits", "--auditor", "bo"), "'ash' is not")
    code, out, _ = cli(capsys, store, "audits", "--auditor", "ash")
    assert code == 0 and "CHILD-OF-ASH" in out and CHILD not in out


def test_a_moderator_lists_what_they_may_open(store, capsys):
    code, out, _ = cli(capsys, store, "audits", "--json", user="mo")
    assert code == 0
    assert [a["audit_id"] for a in json.loads(out)] == [store.ids["submitted"]]
    code, out, _ = cli(capsys, store, "audits", "--json", "--auditor", "bo", user="lead")
    assert len(json.loads(out)) == 4


def test_an_auditor_cannot_track_or_report_the_month(store, capsys, tmp_path):
    refused(cli(capsys, store, "track", "2026-11"), "'ash' is not a lead auditor")
    refused(cli(capsys, store, "track", "2026-11", "--json", "--export", tmp_path / "x"),
            "'ash' is not a lead auditor")
    assert not (tmp_path / "x").exists()
    out = tmp_path / "report.html"
    refused(cli(capsys, store, "report", "--month", "2026-11", "--out", out),
            "'ash' is not a lead auditor")
    assert not out.exists()
    for user in ("mo", "tia"):
        refused(cli(capsys, store, "track", "2026-11", user=user), "is not a lead auditor")


@pytest.mark.parametrize("command", [
    ["export", "{id}"], ["export", "{id}", "--format", "docx", "--out", "{tmp}/x.docx"],
    ["history", "{id}"], ["audits"], ["audits", "--json"], ["track", "2026-11"],
    ["report", "--month", "2026-11", "--out", "{tmp}/r.html"], ["users", "list"]])
def test_a_user_the_store_does_not_know_is_refused(store, capsys, tmp_path, command):
    args = [a.format(id=store.ids["submitted"], tmp=tmp_path) for a in command]
    line = refused(cli(capsys, store, *args, user="nobody"), "'nobody' is not a user of this store")
    assert line == "auditlib: 'nobody' is not a user of this store"
    assert list(tmp_path.glob("*.docx")) == [] and list(tmp_path.glob("*.html")) == []


def test_a_stranger_learns_nothing_of_which_audits_exist(store, capsys):
    first = refused(cli(capsys, store, "export", store.ids["submitted"], user="nobody"), "")
    assert refused(cli(capsys, store, "export", "999", user="nobody"), "") == first


def test_the_lead_auditor_still_reads_everything(store, capsys):
    code, out, _ = cli(capsys, store, "export", store.ids["in_progress"], user="lead")
    assert code == 0 and CANARY in out
    code, out, _ = cli(capsys, store, "history", store.ids["in_progress"], user="lead")
    assert code == 0 and "bo" in out
    store.remove_audit(store.ids["in_progress"], user="lead", reason="Sampled twice")
    # a removed audit's history stays readable, by the lead auditor alone
    code, out, _ = cli(capsys, store, "history", store.ids["in_progress"], user="lead")
    assert code == 0 and "Sampled twice" in out
    refused(cli(capsys, store, "history", store.ids["in_progress"], user="bo"), "removed")


def test_an_auditor_exports_their_own_audit(store, capsys):
    code, out, _ = cli(capsys, store, "export", store.ids["in_progress"], user="bo")
    assert code == 0 and json.loads(out)["child_id"] == CHILD
    code, out, _ = cli(capsys, store, "users", "list", user="bo")
    assert code == 0 and "mia: moderator" in out


# --------------------------------------------------------------------------- pages

def test_a_moderator_cannot_open_an_audit_in_progress_in_the_moderation_page(store):
    """Every generated audit starts in progress, unallocated or allocated: not for moderators."""
    from auditlib.pages.moderation import ModerationWorkbook, open_moderation

    for key in ("in_progress", "in_progress_mo"):
        with pytest.raises(PermissionRefused, match="in progress"):
            ModerationWorkbook(store, store.ids[key], user="mo", save_delay=0)
        page = open_moderation(store.ids[key], store_url=store.url, user="mo")
        assert "cannot be opened" in page.value
        assert_no_child(widget_text(page))
    with pytest.raises(PermissionRefused, match="not allocated to mo"):
        ModerationWorkbook(store, store.ids["submitted_mia"], user="mo", save_delay=0)
    for user in ("ash", "tia", "nobody"):
        assert_no_child(widget_text(open_moderation(store.ids["submitted"],
                                                    store_url=store.url, user=user)))
    page = ModerationWorkbook(store, store.ids["submitted"], user="mo", save_delay=0)
    assert CANARY in widget_text(page.widget)  # submitted and unallocated: theirs to take


def test_the_moderation_page_of_a_returned_audit(store):
    """The moderator who returned it reads it; another moderator, now it is no longer waiting
    for anyone, does not."""
    from auditlib.pages.moderation import ModerationWorkbook

    audit = store.ids["submitted"]
    store.return_to_auditor(audit, user="mo", reason="Please revisit risk")
    page = ModerationWorkbook(store, audit, user="mo", save_delay=0)
    assert all(c.disabled for c in page.controls())
    with pytest.raises(PermissionRefused):
        ModerationWorkbook(store, audit, user="mia", save_delay=0)


def test_the_audit_workbook_refuses_everyone_but_its_readers(store):
    from auditlib.pages.audit import AuditWorkbook, open_workbook

    for key, user in (("in_progress", "ash"), ("in_progress", "mo"), ("in_progress_mo", "mo"),
                      ("submitted_mia", "mo"), ("submitted", "tia"), ("submitted", "nobody")):
        with pytest.raises(PermissionRefused):
            AuditWorkbook(store, store.ids[key], user=user, save_delay=0)
        page = open_workbook(store.ids[key], store_url=store.url, user=user)
        assert "cannot be opened" in page.value
        assert_no_child(widget_text(page))
    page = AuditWorkbook(store, store.ids["submitted"], user="mo", save_delay=0)
    assert all(c.disabled for c in page.controls())


def test_someone_who_left_no_longer_opens_their_audits(store):
    """An auditor whose roles were taken away is nobody to the store: their old audits close."""
    from auditlib.pages.audit import AuditWorkbook
    from auditlib.pages.moderation import ModerationWorkbook

    store.remove_role("bo", "auditor", user="lead")
    with pytest.raises(PermissionRefused, match="not a user of this store"):
        AuditWorkbook(store, store.ids["in_progress"], user="bo", save_delay=0)
    with pytest.raises(PermissionRefused, match="not a user of this store"):
        ModerationWorkbook(store, store.ids["submitted"], user="bo", save_delay=0)


def test_a_trainee_opens_only_their_own_training_audits(store):
    from auditlib.pages.audit import AuditWorkbook

    real = store.add_audit(framework="scaled-social-care", child_id=CHILD, auditor="tia",
                           user="lead")
    with pytest.raises(PermissionRefused, match="training"):
        AuditWorkbook(store, real, user="tia", save_delay=0)
    training = store.add_audit(framework="full-audit", child_id="EXEMPLAR-1", auditor="tia",
                               user="tia", training=True)
    assert AuditWorkbook(store, training, user="tia", save_delay=0).editable


def test_the_home_page_lists_only_what_the_user_may_open(store):
    from auditlib.pages.home import home_html, open_home

    for user in ("ash", "tia", "nobody"):
        assert_no_child(home_html(store, user))
        assert_no_child(widget_text(open_home(store_url=store.url, user=user)))
    mine = home_html(store, "mo")
    assert f"audit_id={store.ids['submitted']}'" in mine
    for key in ("in_progress", "in_progress_mo", "submitted_mia"):
        assert f"audit_id={store.ids[key]}'" not in mine
    assert "consistency.ipynb" in mine and "lead_auditor.ipynb" not in mine
    assert "consistency.ipynb" not in home_html(store, "ash")


def test_audits_to_moderate_follows_the_rules(store):
    from auditlib.access import audits_to_moderate

    ids = store.ids
    assert [a["audit_id"] for a in audits_to_moderate(store, "mo")] == [ids["submitted"]]
    assert [a["audit_id"] for a in audits_to_moderate(store, "mia")] == [
        ids["submitted"], ids["submitted_mia"]]
    assert audits_to_moderate(store, "ash") == audits_to_moderate(store, "nobody") == []
    assert len(audits_to_moderate(store, "lead")) == 2


def test_the_lead_auditors_page_is_theirs_alone(store):
    from auditlib.pages.lead import LeadAuditorWorkbook, open_lead_workbook

    for user in ("ash", "mo", "tia", "nobody"):
        with pytest.raises(PermissionRefused):
            LeadAuditorWorkbook(store, user=user, month="2026-11")
        page = open_lead_workbook(month="2026-11", store_url=store.url, user=user)
        assert "cannot be opened" in page.value
        assert_no_child(widget_text(page))
    page = LeadAuditorWorkbook(store, user="lead", month="2026-11")
    assert CHILD in widget_text(page.widget)


def test_the_consistency_dashboard_is_for_moderators_and_the_lead(store):
    from auditlib.pages.consistency import ConsistencyDashboard, open_consistency

    for user in ("ash", "tia", "nobody"):
        page = open_consistency(store_url=store.url, user=user)
        assert "cannot be opened" in page.value and user in page.value
        assert_no_child(widget_text(page))
    assert isinstance(open_consistency(store_url=store.url, user="mo"), ConsistencyDashboard)


def test_the_calibration_pages(store):
    from auditlib.pages.calibration import (
        CalibrationPage,
        CohortPage,
        open_calibration,
        open_cohort,
    )

    with pytest.raises(PermissionRefused, match="not a user of this store"):
        CalibrationPage(store, user="nobody", save_delay=0)
    assert "cannot be opened" in open_calibration(store_url=store.url, user="nobody").value
    page = CalibrationPage(store, user="tia", save_delay=0)
    page.start_button.click()
    assert page.workbook.editable and page.workbook.record["training"]
    assert_no_child(widget_text(page.widget))
    for user in ("ash", "tia", "nobody"):
        refusal = open_cohort(store_url=store.url, user=user)
        assert "cannot be opened" in refusal.value
        assert_no_child(widget_text(refusal))
    assert isinstance(open_cohort(store_url=store.url, user="mo"), CohortPage)
