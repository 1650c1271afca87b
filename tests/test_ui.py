"""The workbook's panels driven without a browser: set a widget's value, read the result."""
from __future__ import annotations

import datetime
import re

import ipywidgets as w
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
    wb.summary.submit_button.click()  # not ready: enabled (GOV.UK), but nothing is submitted
    assert store.find_audit(wb.audit_id)["status"] == "in_progress"
    complete_scaled(wb)
    assert wb.result.complete, wb.summary.completeness.value
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


# -- issue 13: why Submit cannot go yet, beside it; the only allowed grade never contradicted


def _submit_reason(wb):
    """The reason shown beside the Submit button: the widget right after it in the summary."""
    children = list(wb.summary.widget.children)
    after = children[children.index(wb.summary.submit_button) + 1]
    assert after is wb.summary.submit_reason
    return after.value


def test_submit_says_why_it_cannot_go_yet_beside_the_button(store):
    """Submit stays enabled while the audit can be edited (GOV.UK: never a disabled button);
    what stops it is said right under it and as its description."""
    wb = workbook(store, "scaled-social-care")
    assert not wb.summary.submit_button.disabled
    reason = _submit_reason(wb)
    assert "Not ready to submit yet" in reason and "to complete" in reason
    assert "2. Risk management" in reason and "href='#aw-h-risk'" in reason
    assert "to complete" in wb.summary.submit_button.tooltip  # its accessible description
    complete_scaled(wb)
    assert not wb.summary.submit_button.disabled
    assert "Ready to submit" in _submit_reason(wb)
    assert "Not ready" not in wb.summary.submit_button.tooltip
    # complete, but a hard rule broken: the rule is named beside the button, not only below
    wb.sections["child_identity"].flags["child_not_seen"].value = True
    assert not wb.summary.submit_button.disabled
    reason = _submit_reason(wb)
    assert "Not ready to submit yet" in reason
    assert "Good is not allowed here" in reason and "href='#aw-h-grading'" in reason
    assert "Good is not allowed here" in wb.summary.submit_button.tooltip
    wb.summary.submit_button.click()
    assert store.find_audit(wb.audit_id)["status"] == "in_progress"
    assert "Good is not allowed here" in wb.errors.widget.value
    wb.sections["grading"].judgement.value = "inadequate"
    assert "Ready to submit" in _submit_reason(wb)
    assert wb.errors.widget.value == ""  # the one problem put right: the summary goes


def test_a_read_only_audit_says_why_it_cannot_be_submitted(store):
    wb = workbook(store, "scaled-social-care")
    theirs = AuditWorkbook(store, wb.audit_id, user="lead", save_delay=0)
    assert theirs.summary.submit_button.disabled
    assert "allocated to ash" in _submit_reason(theirs)


def test_the_only_allowed_overall_grade_is_never_argued_against(store):
    """The child not seen leaves one overall grade, Inadequate; choosing it, no finding may say
    the grade can be requires improvement, or that the case is not necessarily inadequate."""
    wb = workbook(store, "scaled-social-care")
    wb.sections["risk"].flags["no_supervision"].value = True
    wb.sections["child_identity"].flags["child_not_seen"].value = True
    wb.sections["care_planning"].judgement.value = 2
    wb.sections["outcomes"].judgement.value = 4
    assert "Allowed overall grades: <strong>Inadequate</strong>" in wb.summary.allowed.value
    wb.sections["grading"].judgement.value = "inadequate"
    findings = wb.summary.findings.value
    assert "must be inadequate" in findings
    assert "not necessarily inadequate" not in findings
    assert "does not make the case inadequate" not in findings
    assert "can only be requires improvement or inadequate" not in findings
    assert "no better than requires improvement" not in findings


def test_a_conflict_stays_visible_until_that_field_is_saved(store):
    """Saving another field does not wipe out a conflict: the unsaved change is still on screen
    and the page keeps saying so."""
    first = workbook(store, "scaled-social-care")
    second = workbook(store, "scaled-social-care", audit_id=first.audit_id)
    first.sections["risk"].narratives["evidence"].value = "Seen alone."
    second.sections["risk"].narratives["evidence"].value = "Not seen."
    assert "changed elsewhere" in second.summary.save_status.value
    second.sections["outcomes"].judgement.value = 6
    assert store.find_audit(first.audit_id)["answers"]["outcomes"]["score"] == 6
    status = second.summary.save_status.value
    assert "Not saved" in status and "changed elsewhere" in status, status
    assert "section 2 (Risk" in status and "Not saved: risk " not in status  # named as shown
    assert "changed elsewhere" in second.banner.value
    assert store.find_audit(first.audit_id)["answers"]["risk"]["evidence"] == "Seen alone."


def test_action_edits_from_two_tabs_do_not_overwrite_each_other(store):
    first = workbook(store, "full-audit")
    first.actions._on_add()
    second = workbook(store, "full-audit", audit_id=first.audit_id)
    first.actions.rows[0]["action"].value = "Visit weekly"
    assert "Saved" in first.summary.save_status.value
    second.actions.rows[0]["action"].value = "Visit monthly"
    status = second.summary.save_status.value
    assert "Not saved" in status and "changed elsewhere" in status, status
    [action] = store.find_audit(first.audit_id)["actions"]
    assert action["action"] == "Visit weekly"
    # the first tab goes on saving its own edits to the action
    first.actions.rows[0]["owner"].value = "Team manager"
    first.actions.rows[0]["due"].value = datetime.date(2027, 1, 4)
    assert "Not saved" not in first.summary.save_status.value
    [action] = store.find_audit(first.audit_id)["actions"]
    assert (action["action"], action["owner"], action["due"]) == ("Visit weekly",
                                                                  "Team manager", "2027-01-04")


def test_the_save_state_says_when_it_last_saved(store):
    wb = workbook(store, "full-audit")
    assert "Last saved" not in wb.summary.save_status.value
    wb.header.fields["team"].value = "Safeguarding 2"
    status = wb.summary.save_status.value
    stamp = datetime.datetime.now().strftime("%H:%M")
    assert "Saved" in status and "Last saved " in status, status
    assert re.search(r"Last saved \d\d:\d\d", status) and stamp[:2] in status


@pytest.mark.parametrize("choose", ["keep mine", "use theirs"])
def test_a_text_changed_elsewhere_is_shown_beside_yours_until_you_choose(store, choose):
    first = workbook(store, "scaled-social-care")
    second = workbook(store, "scaled-social-care", audit_id=first.audit_id)
    first.sections["risk"].narratives["evidence"].value = "Seen alone."
    evidence = second.sections["risk"].narratives["evidence"]
    evidence.value = "Not seen."
    [box] = second.conflicts.children
    text = " ".join(c.value for c in box.children[1].children)
    assert "Yours" in text and "Not seen." in text and "Theirs" in text and "Seen alone." in text
    second.sections["outcomes"].judgement.value = 6  # another field: the choice stays
    assert len(second.conflicts.children) == 1
    [keep, take] = box.children[2].children
    (keep if choose == "keep mine" else take).click()
    saved = store.find_audit(first.audit_id)["answers"]["risk"]["evidence"]
    assert saved == evidence.value == ("Not seen." if choose == "keep mine" else "Seen alone.")
    assert second.conflicts.children == ()
    assert "Not saved" not in second.summary.save_status.value
    assert "Not saved" not in second.banner.value
    evidence.value = "Seen twice."  # and later edits save
    assert store.find_audit(first.audit_id)["answers"]["risk"]["evidence"] == "Seen twice."


def test_an_action_changed_elsewhere_can_be_kept_or_replaced(store):
    first = workbook(store, "full-audit")
    first.actions._on_add()
    second = workbook(store, "full-audit", audit_id=first.audit_id)
    first.actions.rows[0]["owner"].value = "Team manager"
    second.actions.rows[0]["owner"].value = "Social worker"
    [box] = second.conflicts.children
    assert "Team manager" in box.children[1].children[1].value
    box.children[2].children[0].click()  # keep mine
    assert store.find_audit(first.audit_id)["actions"][0]["owner"] == "Social worker"
    assert "Not saved" not in second.summary.save_status.value
    # now the first tab is behind: its next edit is refused, not written over
    first.actions.rows[0]["owner"].value = "Manager"
    assert "changed elsewhere" in first.summary.save_status.value
    assert store.find_audit(first.audit_id)["actions"][0]["owner"] == "Social worker"


def test_check_my_audit_runs_the_moderators_checks(store):
    """The auditor runs, before submitting, the checks the moderator's page shows."""
    from auditlib.quality_checks import moderation_checks, uk_speller

    wb = workbook(store, "scaled-social-care")
    wb.sections["risk"].judgement.value = 3
    wb.saver.delay = 30  # typing waits: the check saves it first, and checks what was typed
    wb.sections["risk"].narratives["evidence"].value = "The CIN plan is poor."
    assert "aw-check-results" in wb.summary.check.results._dom_classes
    assert wb.summary.check.results.value == ""
    wb.summary.check_button.click()
    results = wb.summary.check.results.value
    ids = {c.id for c in wb.summary.check.checks}
    assert "acronym-without-meaning" in ids
    assert "moderation checks raised" in results and "CIN" in results
    assert "href='#aw-h-risk'" in results
    stored = store.find_audit(wb.audit_id)
    assert stored["answers"]["risk"]["evidence"] == "The CIN plan is poor."
    assert [c.id for c in moderation_checks(wb.framework, stored, speller=uk_speller())] \
        == [c.id for c in wb.summary.check.checks]


# -- issue 13: the sections as a task list, on to the next, guidance folded, the error summary


def _tasks(wb) -> dict[str, str]:
    """Each task-list row of the summary, by section id, as its HTML."""
    html = wb.summary.sections.value
    return dict(re.findall(r"<li class='aw-task aw-task-(\w+)'>(.*?)</li>", html))


def _words(row: str) -> str:
    return re.sub(r"<[^>]+>", " ", row)


def test_each_section_is_a_task_with_its_status_in_words(store):
    wb = workbook(store, "scaled-social-care")
    rows = _tasks(wb)
    assert list(rows) == [s.id for s in wb.framework.sections]
    for sid, row in rows.items():
        assert f"<a href='#aw-h-{sid}' aria-describedby='aw-task-{sid}-status'>" in row
        assert f"id='aw-task-{sid}-status'" in row and "Not started" in _words(row)
    assert "Optional" in _words(rows["themes"]) and "Optional" not in _words(rows["risk"])
    risk = wb.sections["risk"]
    risk.judgement.value = 7
    row = _words(_tasks(wb)["risk"])
    assert "In progress" in row and "Grade: Good (score 7)" in row  # evidence, impact to do
    risk.narratives["evidence"].value = "Seen alone."
    assert "In progress" in _words(_tasks(wb)["risk"])
    risk.narratives["impact"].value = "For Sam, the plan is clear."
    row = _words(_tasks(wb)["risk"])
    assert "Completed" in row and "In progress" not in row and "Grade: Good" in row
    # every status is in words, never colour alone: one word-status a row
    statuses = re.findall(r"<strong class='aw-tag [\w-]+'>([^<]+)</strong>",
                          wb.summary.sections.value)
    assert len(statuses) == len(rows) and set(statuses) <= {"Not started", "In progress",
                                                            "Completed"}
    # the overall: chosen, and all it needs, but a rule of the framework broken
    wb.sections["grading"].judgement.value = "good"
    wb.sections["grading"].narratives["team_manager_id"].value = "TM1"
    assert "Completed" in _words(_tasks(wb)["grading"])
    wb.sections["child_identity"].flags["child_not_seen"].value = True
    row = _words(_tasks(wb)["grading"])
    assert "In progress" in row and "Overall grade: Good" in row
    assert "In progress" in _words(_tasks(wb)["child_identity"])  # a tick is a start


def test_criteria_sections_are_tasks_too(store):
    wb = workbook(store, "cla-leaving-care")
    panel = wb.sections["involvement_of_young_people"]
    first, *rest = panel.criteria.values()
    first.value = "good"
    assert "In progress" in _words(_tasks(wb)["involvement_of_young_people"])
    for control in rest:
        control.value = "good"
    for narrative in panel.narratives.values():
        narrative.value = "Written."
    row = _words(_tasks(wb)["involvement_of_young_people"])
    assert "Completed" in row and "Grade: Good" in row


def test_each_section_ends_with_a_link_to_the_next(store):
    wb = workbook(store, "scaled-social-care")
    main = next(c for c in wb.widget.children if "aw-main" in c._dom_classes)
    children = list(main.children)
    sections = wb.framework.sections
    for i, section in enumerate(sections):
        panel = wb.sections[section.id]
        assert f"<h2 id='aw-h-{section.id}' tabindex='-1'" in panel.parts[0].value
        after = children[children.index(panel.widget) + 1]
        if section.kind == "actions":  # the actions editor belongs to its section
            assert after is wb.actions.widget
            after = children[children.index(after) + 1]
        assert "aw-next-link" in after._dom_classes
        if i + 1 < len(sections):
            nxt = sections[i + 1]
            assert f"href='#aw-h-{nxt.id}'" in after.value
            assert f"Next section: {nxt.number}. {nxt.title.rstrip('.')}" in after.value
        else:
            assert "href='#aw-summary-heading'>Go to the summary</a>" in after.value
    # the last link lands on the summary's heading, which takes focus
    heading = wb.summary.widget.children[0].value
    assert "id='aw-summary-heading' tabindex='-1'" in heading


def _folded(panel) -> list[str]:
    """The HTML of a section's parts that fold (guidance, areas to consider, descriptors)."""
    return [p.value for p in panel.parts if isinstance(p, w.HTML) and "<details" in p.value]


def test_guidance_is_open_until_the_section_is_started(store):
    wb = workbook(store, "scaled-social-care")
    risk = wb.sections["risk"]
    guidance = _folded(risk)
    assert len(guidance) == 2  # areas to consider; what each grade looks like
    assert all("<details open>" in g for g in guidance)
    assert "<details open><summary>Guidance</summary>" in wb.sections["summary"].parts[1].value
    risk.judgement.value = 6
    # not snapped shut while it is being read: only opening the page decides
    assert _folded(risk) == guidance
    again = workbook(store, "scaled-social-care", audit_id=wb.audit_id)
    folded = _folded(again.sections["risk"])
    assert len(folded) == 2 and not any("<details open>" in g for g in folded)
    assert all("<details>" in g for g in folded)
    # a section not started is still open
    assert "<details open>" in again.sections["care_planning"].parts[1].value


def _field_errors(panel) -> list[tuple[str, list[str]]]:
    """(the error messages, the classes of the field after them) in a section, in order."""
    children = list(panel.widget.children)
    out = []
    for i, child in enumerate(children):
        if "aw-error-message-box" in child._dom_classes:
            out.append((re.sub(r"<[^>]+>", "", child.value), list(children[i + 1]._dom_classes)))
    return out


def test_submit_not_ready_shows_the_error_summary_and_each_field_says_so(store):
    wb = workbook(store, "scaled-social-care")
    # a fresh audit does not shout: nothing until Submit is pressed
    assert wb.errors.widget.value == ""
    assert all(_field_errors(p) == [] for p in wb.sections.values())
    wb.sections["risk"].narratives["evidence"].value = "Seen alone."
    wb.summary.submit_button.click()
    assert store.find_audit(wb.audit_id)["status"] == "in_progress"
    summary = wb.errors.widget.value
    assert "There is a problem" in summary and "role='alert'" in summary
    assert "tabindex='-1'" in summary and "data-aw-show='1'" in summary  # focus moves there
    links = re.findall(r"<a href='#aw-h-(\w+)' data-aw-focus='([^']+)'>([^<]+)</a>", summary)
    by_section = {sid: (focus, words) for sid, focus, words in links}
    assert set(by_section) == set(wb.result.missing)
    assert by_section["risk"] == (".aw-grade-risk select",
                                  "2. Risk management (including decision making and "
                                  "assessment): select a score; enter the impact")
    assert by_section["summary"] == (".aw-summary-summary textarea",
                                     "1. Summary: enter the summary")
    # at each field: the same words, "Error:" for screen readers, the field marked
    risk = wb.sections["risk"]
    assert _field_errors(risk) == [("Error: Select a score", ["aw-grade-risk",
                                                              "aw-field-error"]),
                                   ("Error: Enter the impact", ["aw-impact-risk",
                                                                "aw-field-error"])]
    assert "<span class='aw-visually-hidden'>Error: </span>" in risk.widget.children[
        list(risk.widget.children).index(risk.judgement) - 1].value
    # put right, one at a time: it leaves the summary and its field
    risk.judgement.value = 7
    assert "select a score" not in wb.errors.widget.value.split("#aw-h-risk")[1].split("</li>")[0]
    assert _field_errors(risk) == [("Error: Enter the impact", ["aw-impact-risk",
                                                                "aw-field-error"])]
    assert "aw-field-error" not in risk.judgement._dom_classes
    assert "data-aw-show='1'" in wb.errors.widget.value  # the same press: focus stays put
    # a problem that appears later waits for the next Submit
    wb.sections["child_identity"].flags["child_not_seen"].value = True
    wb.sections["grading"].judgement.value = "good"
    assert "Good is not allowed here" not in wb.errors.widget.value
    wb.summary.submit_button.click()
    summary = wb.errors.widget.value
    assert "data-aw-show='2'" in summary
    assert re.search(r"<a href='#aw-h-grading' data-aw-focus='.aw-grade-grading input'>"
                     r"9. Grading: Good is not allowed here", summary), summary
    assert ("Error: Good is not allowed here" in _field_errors(wb.sections["grading"])[0][0])
    complete_scaled(wb)
    wb.sections["grading"].judgement.value = "inadequate"
    assert wb.errors.widget.value == ""
    assert all(_field_errors(p) == [] for p in wb.sections.values())
    wb.summary.submit_button.click()
    assert store.find_audit(wb.audit_id)["status"] == "submitted"


def test_criteria_not_graded_are_counted_in_the_error_summary(store):
    wb = workbook(store, "cla-leaving-care")
    wb.summary.submit_button.click()
    summary = wb.errors.widget.value
    panel = wb.sections["case_recording"]
    n = len(panel.section.criteria)
    first = panel.section.criteria[0]
    assert (f"<a href='#aw-h-case_recording' data-aw-focus='.aw-grade-{first.id} input'>"
            f"1. CASE RECORDING: select a grade for each of {n} criteria; enter the evidence; "
            f"enter the impact</a>") in summary
    messages = [m for m, _classes in _field_errors(panel)]
    assert messages[0] == f"Error: Select a grade for “{first.title}”"
    assert len(messages) == n + 2


def test_check_my_audit_shows_the_error_summary_without_taking_focus(store):
    wb = workbook(store, "scaled-social-care")
    wb.summary.check_button.click()
    summary = wb.errors.widget.value
    assert "There is a problem" in summary and "data-aw-show" not in summary
    assert "Not ready to submit yet" in wb.summary.check.results.value
    complete_scaled(wb)
    wb.summary.check_button.click()
    assert wb.errors.widget.value == ""
    assert "Not ready" not in wb.summary.check.results.value


def test_a_read_only_audit_has_no_error_summary(store):
    wb = workbook(store, "scaled-social-care")
    theirs = AuditWorkbook(store, wb.audit_id, user="lead", save_delay=0)
    assert theirs.summary.submit_button.disabled
    theirs._on_submit()
    assert theirs.errors.widget.value == ""
