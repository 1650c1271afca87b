"""The auditor's workbook in a real browser: grade, tick, type; see the grades change; reload and
find everything there; the store holds it. Move about it by keyboard: the summary's sections and
each "Next section" move focus, and a Submit not ready shows what to put right, each link
taking focus to its field. Screenshots land in ``AUDITLIB_SHOTS`` when it names a folder."""
from __future__ import annotations

import pytest

from auditlib.framework import get_framework
from auditlib.store import AuditStore
from tests.browser.conftest import open_workbook
from tests.browser.test_scrolling import shot

pytestmark = pytest.mark.browser


def wait_text(page, selector: str, text: str, timeout: int = 15_000) -> None:
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return el && el.innerText.includes(text); }", arg=[selector, text], timeout=timeout)


def saved(page) -> None:
    wait_text(page, ".aw-save-status", "Saved")


def test_scaled_social_care_workbook(server, page):
    url = server.links["scaled-social-care"]
    open_workbook(page, url)
    page.select_option(".aw-grade-risk select", label="7 – Good")
    wait_text(page, ".aw-section-grade-risk", "Section grade: Good (score 7)")
    page.select_option(".aw-grade-outcomes select", label="4 – Requires improvement")
    wait_text(page, ".aw-overall-allowed", "Allowed overall grades: Requires improvement, "
              "Inadequate")
    page.check(".aw-flag-child_not_seen input[type=checkbox]")
    wait_text(page, ".aw-overall-allowed", "Allowed overall grades: Inadequate")
    wait_text(page, ".aw-overall-suggested", "Suggested overall: Inadequate")
    wait_text(page, ".aw-findings", "limited evidence of the child being seen")
    page.fill(".aw-evidence-risk textarea", "Sam was seen alone twice; the assessment is "
              "up to date.")
    saved(page)
    page.wait_for_timeout(1200)  # typing is saved within a second
    saved(page)
    with AuditStore(server.store_url) as store:
        answers = store.find_audit(server.audit_id("scaled-social-care"))["answers"]
    assert answers["risk"]["score"] == 7
    assert answers["risk"]["evidence"].startswith("Sam was seen alone twice")
    assert answers["child_identity"]["flags"] == {"child_not_seen": True}
    assert answers["outcomes"]["score"] == 4

    page.reload()
    page.wait_for_selector(".aw-save-status", timeout=90_000)
    assert page.input_value(".aw-grade-risk select") is not None
    chosen = page.eval_on_selector(".aw-grade-risk select",
                                   "el => el.options[el.selectedIndex].text")
    assert chosen.replace("\xa0", " ") == "7 – Good"
    assert page.input_value(".aw-evidence-risk textarea").startswith("Sam was seen alone")
    assert page.is_checked(".aw-flag-child_not_seen input[type=checkbox]")
    wait_text(page, ".aw-overall-allowed", "Allowed overall grades: Inadequate")
    assert page.external_requests == []


def test_full_audit_workbook(server, page):
    open_workbook(page, server.links["full-audit"])
    page.get_by_role("radio", name="Meets good").first.check()
    wait_text(page, ".aw-section-grade-q1", "Section grade: Meets good")
    page.fill(".aw-evidence-q1 textarea", "Two assessments were completed within timescales.")
    wait_text(page, ".aw-findings", "Impact is empty")
    page.fill(".aw-impact-q1 textarea", "For Jo, the plan reflects her needs.")
    page.wait_for_timeout(1200)
    saved(page)
    with AuditStore(server.store_url) as store:
        record = store.find_audit(server.audit_id("full-audit"))
    assert record["answers"]["q1"] == {
        "grade": "meets_good", "evidence": "Two assessments were completed within timescales.",
        "impact": "For Jo, the plan reflects her needs."}
    page.reload()
    page.wait_for_selector(".aw-save-status", timeout=90_000)
    assert page.is_checked(".aw-grade-q1 input[type=radio] >> nth=1")
    assert page.input_value(".aw-impact-q1 textarea") == "For Jo, the plan reflects her needs."
    wait_text(page, ".aw-completeness", "of 12 fields complete")


@pytest.mark.parametrize("framework", ["scaled-social-care", "full-audit", "cla-leaving-care",
                                       "detailed-case-audit"])
def test_accessibility(server, page, framework):
    """axe-core finds no serious or critical violations; every control has a label; grades are
    in words."""
    from axe_playwright_python.sync_playwright import Axe
    open_workbook(page, server.links[framework])
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
                                f"{v['nodes'][0]['target']})" for v in bad)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        '.aw-workbook input, .aw-workbook select, .aw-workbook textarea')].filter(el =>
        !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
        && !el.closest('label')).map(el => el.outerHTML.slice(0, 120))""")
    assert unlabelled == []
    grades = page.inner_text(".aw-summary")
    assert "Not graded" in grades and "Allowed overall grades:" in grades
    assert page.external_requests == []


ACTIVE = "document.activeElement"


def active_id(page) -> str:
    return page.evaluate(f"{ACTIVE}.id")


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "el => { const r = el.getBoundingClientRect();"
                                 " return r.top >= 0 && r.top < innerHeight; }")


@pytest.mark.parametrize("width", [1400, 768])
def test_the_sections_links_move_focus(server, browser, width):
    """From the summary's task list to a section, then on section by section, by keyboard:
    focus moves with the view, so the next Tab goes on from there."""
    fw = get_framework("cla-leaving-care")
    first, second = fw.sections[0], fw.sections[1]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_workbook(page, server.links["cla-leaving-care"])
        wait_text(page, ".aw-tasks", "Not started")
        page.locator(".aw-tasks").scroll_into_view_if_needed()
        shot(page, f"task-list-{width}")
        page.focus(f".aw-task-list a[href='#aw-h-{second.id}']")
        page.keyboard.press("Enter")
        page.wait_for_function(f"{ACTIVE}.id === 'aw-h-{second.id}'", timeout=5_000)
        assert in_view(page, f"#aw-h-{second.id}")
        page.keyboard.press("Tab")  # into that section, not back in the summary
        assert page.evaluate(f"!!{ACTIVE}.closest('.aw-section-{second.id}')")
        # "Next section" at each section's end, one key press each
        page.focus(f".aw-next-link a[href='#aw-h-{second.id}']")
        assert page.evaluate(f"{ACTIVE}.innerText").startswith("Next section: 2.")
        page.keyboard.press("Enter")
        page.wait_for_function(f"{ACTIVE}.id === 'aw-h-{second.id}'", timeout=5_000)
        assert first.id != second.id
        page.focus(".aw-next-link a[href='#aw-summary-heading']")
        page.keyboard.press("Enter")
        page.wait_for_function(f"{ACTIVE}.id === 'aw-summary-heading'", timeout=5_000)
        assert in_view(page, "#aw-summary-heading")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1400, 768])
def test_submit_not_ready_shows_what_to_put_right(server, browser, width):
    """Not on opening; on Submit: "There is a problem" at the top, with focus; each link takes
    focus to its field, where the same words are said."""
    from axe_playwright_python.sync_playwright import Axe

    fw = get_framework("detailed-case-audit")
    section = fw.sections[0]
    criterion = section.criteria[0]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_workbook(page, server.links["detailed-case-audit"])
        wait_text(page, ".aw-completeness", "fields complete")
        assert page.locator(".aw-error-summary").count() == 0  # it does not shout at first
        assert page.is_enabled(".aw-submit")
        page.click(".aw-submit")
        page.wait_for_function(f"{ACTIVE}.classList.contains('aw-error-summary')",
                               timeout=15_000)
        assert in_view(page, ".aw-error-summary")
        summary = page.inner_text(".aw-error-summary")
        assert "There is a problem" in summary
        assert f"1. {section.title}: select a grade for each of" in summary
        shot(page, f"error-summary-{width}")
        results = Axe().run(page)
        bad = [v for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]
        page.keyboard.press("Tab")  # the first link, then to its field
        assert page.evaluate(f"{ACTIVE}.getAttribute('href')") == f"#aw-h-{section.id}"
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"!!{ACTIVE}.closest('.aw-grade-{criterion.id}')", timeout=5_000)
        message = f".aw-section-{section.id} .aw-error-message >> nth=0"
        assert page.text_content(message) == f"Error: Select a grade for “{criterion.title}”"
        assert page.eval_on_selector(
            message, "el => { const r = el.getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= innerHeight; }")
        shot(page, f"error-at-field-{width}")
        with AuditStore(server.store_url) as store:
            assert store.find_audit(server.audit_id("detailed-case-audit"))["status"] \
                == "in_progress"
    finally:
        context.close()
