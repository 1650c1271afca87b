"""Done means tested as a person uses it (issue 13): a whole audit, a moderation and a
calibration exercise, each driven only by the keyboard and the mouse, in Chromium.

Once a page is open nothing is clicked, filled or scrolled for us (no element.click(), fill() or
focus(), whose automatic scrolling would hide a page that does not move): the mouse wheel and
PageDown move the page, Tab moves between controls (the browser brings each into view, as for a
person), Space and the arrow keys choose grades, text is typed, Enter presses the buttons. The
store then holds what was chosen and typed.

Radio buttons are one question each (static/radios.js): Tab stops once per group, on its chosen
grade or else its first, and leaves it with the next Tab; the arrow keys choose within the group
only; letters typed on a radio change nothing; assistive technology hears the question.

Screenshots land in ``AUDITLIB_SHOTS`` when it names a folder, to look at."""
from __future__ import annotations

import re

import pytest

from auditlib.training import list_exemplars
from tests.browser.conftest import Server, open_workbook
from tests.browser.test_scrolling import moved, settle, shot, top
from tests.stores import only, open_store

pytestmark = pytest.mark.browser

#: the criteria of the detailed case audit's first section, each with the keys a person presses
#: on its group (nothing chosen yet: Tab lands on the first grade, Outstanding) and the grade
#: that chooses: Space the first, the arrows the next ones, Up round to the last
FIRST_SECTION = "referral_and_response"
CRITERIA = {
    "referral_threshold": (["ArrowDown"], "good"),
    "referral_quality": (["ArrowDown"], "good"),
    "referral_decision_making": (["ArrowDown", "ArrowDown"], "requires_improvement"),
    "referral_manager_oversight": (["ArrowUp"], "inadequate"),
    "referral_manager_analysis": (["Space"], "outstanding"),
    "referral_allocation": (["ArrowDown"], "good"),
}
#: the sections that do not apply to a child in need case (the last choice, Not applicable)
NOT_APPLICABLE = ("strategy_discussion_s47", "recording", "supervision", "child_centred_practice",
                  "assessment", "child_in_need_planning", "child_protection_planning",
                  "looked_after_care_planning", "review")
EVIDENCE = "The referral was screened the same day and the threshold decision recorded."
IMPACT = "For Sam, help started within the week and the school knew who to call."
OVERALL = "The response was timely; the manager's reasons were not always written down."
COMMENT = "The plan is not yet specific: who does what by when is missing."

ACTIVE = """() => { const a = document.activeElement;
  const box = a.closest('.lm-Widget[class*="aw-"]');
  const group = a.closest('[role=radiogroup]');
  return {tag: a.tagName, type: a.type || '', name: a.name || '', checked: !!a.checked,
          label: ((a.type === 'radio' ? a.closest('label') : a) || a).innerText.trim()
                 .slice(0, 60),
          widget: box ? [...box.classList].filter(c => c.startsWith('aw-')).join(' ') : '',
          group: group ? group.getAttribute('aria-labelledby').split(' ')
                 .map(id => document.getElementById(id).innerText.trim()).join(' / ') : '',
          classes: a.className || ''}; }"""


def active(page) -> dict:
    return page.evaluate(ACTIVE)


def tab_to(page, selector: str, stops: list[dict] | None = None, most: int = 120) -> dict:
    """Press Tab until focus is on ``selector``, as a person tabs down a form to a field. Every
    stop on the way is kept in ``stops``; a radio group is one stop (never two in a row)."""
    stops = [] if stops is None else stops
    for _ in range(most):
        page.keyboard.press("Tab")
        now = active(page)
        if now["type"] == "radio":
            assert now["name"], f"a radio with no group: {now}"
            before = stops[-1] if stops else {}
            assert not (before.get("type") == "radio" and before["name"] == now["name"]), \
                f"Tab stopped twice in one radio group: {before['label']}, then {now['label']}"
        stops.append(now)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return now
    pytest.fail(f"{most} presses of Tab never reached {selector}; last stops: {stops[-5:]}")


def checked(page, widget: str) -> str | None:
    """The words of the chosen radio of a widget, or None."""
    return page.evaluate("""w => { const r = document.querySelector(`.${w} input:checked`);
        return r ? r.closest('label').innerText.trim() : null; }""", widget)


def wait_enabled(page, selector: str) -> None:
    """A button is enabled once the page has what it needs (disabled buttons are no Tab stop)."""
    page.wait_for_function("s => { const b = document.querySelector(s); return b && "
                           "!b.disabled; }", arg=selector, timeout=30_000)


def wait_text(page, selector: str, text: str, timeout: int = 30_000) -> None:
    page.wait_for_function("([s, t]) => { const el = document.querySelector(s); "
                           "return el && el.innerText.includes(t); }", arg=[selector, text],
                           timeout=timeout)


def scroll_as_a_person(page, name: str) -> None:
    """The freshly opened page moves under the mouse wheel, then with PageDown; Home goes back
    to the top for the Tab key to start there."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    height = page.evaluate("window.innerHeight")
    page.mouse.move(300, height / 2)
    start = top(page)
    page.mouse.wheel(0, 500)
    after = moved(page, start, "the mouse wheel", by=200)
    page.keyboard.press("PageDown")
    moved(page, after, "PageDown", by=100)
    shot(page, f"person-{name}-scrolled")
    page.keyboard.press("Home")
    settle(page)
    assert page.evaluate("document.scrollingElement.scrollTop") == 0


def assert_radio_groups_named(page, groups: dict[str, str]) -> None:
    """What assistive technology hears on entering each group: its question (Chromium's own
    accessible name for the role=radiogroup)."""
    for widget, question in groups.items():
        group = page.get_by_role("radiogroup", name=question, exact=True)
        assert group.count() == 1, f"no radio group named {question!r}"
        assert page.locator(f".{widget} [role=radiogroup]").get_attribute("aria-labelledby") \
            == group.get_attribute("aria-labelledby")


def assert_read_only_radios(page, widget: str, grade: str) -> None:
    """A read-only page: its radio groups are still groups, named, showing the grade, and no
    radio is a Tab stop (the keyboard can change nothing)."""
    page.wait_for_function("w => document.querySelector(`.${w} input`).disabled", arg=widget,
                           timeout=30_000)
    assert checked(page, widget) == grade
    assert page.locator(f".{widget} [role=radiogroup]").get_attribute("aria-labelledby")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(40):
        page.keyboard.press("Tab")
        assert active(page)["type"] != "radio", "a disabled radio took focus"
    page.keyboard.press("ArrowDown")  # wherever focus is, the read-only grade stays
    page.keyboard.type("abc ")
    assert checked(page, widget) == grade


# -- the detailed case audit, graded by keyboard (the auditor's workbook and a calibration)


def grade_detailed_audit(page, stops: list[dict], name: str) -> None:
    """From the top of an open detailed-case-audit form: the first section's criteria graded,
    its evidence and impact typed, the other sections not applicable, the overall grade and its
    evidence; every move by Tab, Space, the arrow keys and typing."""
    first = f"aw-grade-{next(iter(CRITERIA))}"
    now = tab_to(page, f".{first} input", stops, most=40)
    assert (now["label"], now["checked"]) == ("Outstanding", False), now  # none chosen: first
    assert now["group"].endswith("Referral – understanding of threshold"), now
    page.keyboard.type("abc")  # letters on a radio choose nothing
    assert checked(page, first) is None
    before = top(page)
    page.keyboard.press("PageDown")  # reading on: the page moves, focus stays in the group
    moved(page, before, "PageDown on a radio", by=100)
    assert active(page)["name"] == now["name"]
    for n, (criterion, (keys, _grade)) in enumerate(CRITERIA.items()):
        if n:
            tab_to(page, f".aw-grade-{criterion} input", stops, most=4)
        for key in keys:
            page.keyboard.press(key)
        assert active(page)["checked"], (criterion, active(page))
    shot(page, f"person-{name}-criteria")
    # the section's own grade is left to the suggestion: one Tab passes the group into Evidence,
    # and what is typed there stays there (with a radio in focus, its spaces would choose)
    tab_to(page, f".aw-grade-{FIRST_SECTION} input", stops, most=4)
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.activeElement.matches('.aw-evidence-{FIRST_SECTION} "
                         "textarea')"), active(page)
    page.keyboard.type(EVIDENCE)
    tab_to(page, f".aw-impact-{FIRST_SECTION} textarea", stops, most=2)
    page.keyboard.type(IMPACT)
    assert checked(page, f"aw-grade-{FIRST_SECTION}") is None
    for section in NOT_APPLICABLE:
        now = tab_to(page, f".aw-grade-{section} input", stops)
        assert not now["checked"]
        page.keyboard.press("ArrowUp")  # from the first grade round to the last choice
        assert checked(page, f"aw-grade-{section}") == "Not applicable"
    tab_to(page, ".aw-grade-overall input", stops)
    page.keyboard.press("ArrowDown")
    assert checked(page, "aw-grade-overall") == "Good"
    tab_to(page, ".aw-evidence-overall textarea", stops, most=4)
    page.keyboard.type(OVERALL)


def wait_stored(page, store_url: str, audit_id: int, text: str, *where: str) -> None:
    """Wait for typed text to reach the store. Submit pressed straight after typing can reach
    the kernel before the last keystrokes do (ipywidgets holds back a text's latest value while
    the kernel is busy; a button's click is not held back), and those keystrokes are then lost:
    a defect of its own, reported, not this test's subject."""
    for _ in range(150):
        with open_store(store_url, {}) as store:
            found = store.find_audit(audit_id)
        for key in where:  # ("answers", item, field), or ("moderation", item, "comment")
            found = (found or {}).get(key)
        if found == text:
            return
        page.wait_for_timeout(100)
    pytest.fail(f"{text!r} never reached the store")


def assert_graded(record: dict) -> None:
    answers = record["answers"]
    for criterion, (_keys, grade) in CRITERIA.items():
        assert answers[criterion]["grade"] == grade, criterion
    assert answers[FIRST_SECTION]["evidence"] == EVIDENCE
    assert answers[FIRST_SECTION]["impact"] == IMPACT
    assert answers[FIRST_SECTION].get("grade") is None  # typing into Evidence chose nothing
    for section in NOT_APPLICABLE:
        assert answers[section]["grade"] == "not_applicable", section
    assert record["overall"] == "good"
    assert answers["overall"]["evidence"] == OVERALL


def test_an_audit_by_keyboard_and_mouse(server, page):
    """The auditor opens the detailed case audit, moves about it with the wheel and PageDown,
    grades and writes it by keyboard, and submits it with Enter."""
    open_workbook(page, server.links["detailed-case-audit"])
    scroll_as_a_person(page, "audit")
    assert_radio_groups_named(page, {
        "aw-grade-referral_threshold":
            "1. Referral and response Referral – understanding of threshold",
        "aw-grade-overall": "Overall grade"})
    page.keyboard.press("Tab")
    assert active(page)["label"] == "Skip to summary"  # the first stop, passed by
    stops: list[dict] = []
    grade_detailed_audit(page, stops, "audit")
    # the form was long: the keyboard brought the page down with it
    assert top(page) < -3000, top(page)
    audit_id = server.audit_id("detailed-case-audit")
    wait_stored(page, server.store_url, audit_id, OVERALL, "answers", "overall", "evidence")
    wait_enabled(page, ".aw-submit")
    now = tab_to(page, ".aw-submit", stops, most=40)
    assert now["label"] == "Submit for moderation"
    shot(page, "person-audit-submit")
    page.keyboard.press("Enter")
    wait_text(page, ".aw-save-status", "submitted")
    with open_store(server.store_url, {}) as store:
        record = store.find_audit(audit_id)
    assert record["status"] == "submitted"
    assert_graded(record)
    radios = [s for s in stops if s["type"] == "radio"]
    assert len({s["name"] for s in radios}) == len(radios)  # each group one stop
    assert_read_only_radios(page, "aw-grade-referral_threshold", "Good")
    shot(page, "person-audit-read-only")
    assert page.external_requests == []


# -- a moderation: the demo's submitted full audit, by the demo's moderator


@pytest.fixture(scope="module")
def moderator(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    srv = Server(tmp_path_factory.mktemp("person-moderation"), user="demo-moderator")
    yield srv
    srv.stop()


def test_a_moderation_by_keyboard(moderator, page):
    """The moderator changes a grade with the arrow keys, tabs on into the comment (not onto
    "Not applicable", where typing used to change the grade), writes it, and finalises with
    Enter, confirming with Enter."""
    link = moderator.moderate["full-audit"]
    audit_id = int(re.search(r"audit_id=(\d+)", link).group(1))
    page.goto(link)
    page.wait_for_selector(".aw-mod-status", timeout=90_000)
    scroll_as_a_person(page, "moderation")
    assert_radio_groups_named(page, {
        "aw-mod-grade-q1": "1. Risk is identified, responded to and reduced in a timely way. "
                           "Moderator's judgement"})
    stops: list[dict] = []
    now = tab_to(page, ".aw-mod-grade-q1 input", stops)
    # agreeing with the auditor is shown chosen (it showed no choice at all): Tab lands on it
    agree = "Agree with the auditor (no change)"
    assert (now["label"], now["checked"]) == (agree, True), now
    page.keyboard.type("abc")  # letters on a radio choose nothing
    assert checked(page, "aw-mod-grade-q1") == agree
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert checked(page, "aw-mod-grade-q1") == "Does not meet good"
    page.keyboard.type("abc ")  # nor do letters, or a space, on the chosen radio
    assert checked(page, "aw-mod-grade-q1") == "Does not meet good"
    page.keyboard.press("Tab")  # out of the group, straight into the comment
    assert page.evaluate("document.activeElement.matches('.aw-mod-comment-q1 textarea')"), \
        active(page)
    page.keyboard.type(COMMENT)
    assert checked(page, "aw-mod-grade-q1") == "Does not meet good"
    wait_stored(page, moderator.store_url, audit_id, COMMENT, "moderation", "q1", "comment")
    tab_to(page, ".aw-finalise", stops)
    assert top(page) < -2000, top(page)  # Tab took the page down to the decision
    page.keyboard.press("Enter")
    # the question takes focus, in view; Enter confirms
    page.wait_for_function("document.activeElement.classList.contains('aw-confirm-finalise')",
                           timeout=15_000)
    box = page.eval_on_selector(".aw-confirm-finalise", "el => { const r = "
                                "el.getBoundingClientRect(); return [r.top, r.bottom]; }")
    assert box[0] >= 0 and box[1] <= page.viewport_size["height"], box
    shot(page, "person-moderation-confirm")
    page.keyboard.press("Enter")
    wait_text(page, ".aw-mod-status", "finalised")
    with open_store(moderator.store_url, {}) as store:
        record = store.find_audit(audit_id)
    assert record["status"] == "finalised"
    assert record["moderation"]["q1"]["grade"] == "does_not_meet_good"
    assert record["moderation"]["q1"]["comment"] == COMMENT
    assert record["answers"]["q1"]["grade"] == "meets_good"  # the auditor's, kept beside it
    radios = [s for s in stops if s["type"] == "radio"]
    assert len({s["name"] for s in radios}) == len(radios)
    assert_read_only_radios(page, "aw-mod-grade-q1", "Does not meet good")
    shot(page, "person-moderation-read-only")
    assert page.external_requests == []


# -- a calibration exercise: a trainee grades fictional case 5 against the detailed case audit


@pytest.fixture(scope="module")
def trainer(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    from tests.conftest import ROOT
    _need_chromium()
    data = tmp_path_factory.mktemp("person-training")
    url = f"sqlite:///{data / 'audits.sqlite'}"
    with open_store(url, only("lead", "tia")):
        pass
    srv = Server(data, user="tia", args=(str(ROOT / "training"), "--store", url))
    srv.store_url = url
    yield srv
    srv.stop()


def test_a_calibration_exercise_by_keyboard(trainer, page):
    """The trainee picks the exemplar and the framework with the arrow keys, starts with Enter,
    grades by keyboard, submits with Enter and reads the comparison with the benchmark."""
    exemplars = list_exemplars()
    exemplar = next(e for e in exemplars if "detailed-case-audit" in e.benchmarks)
    home = trainer.links["home"]
    base, token = home.split("/?")[0], re.search(r"token=([^&]+)", home).group(1)
    page.goto(f"{base}/voila/render/calibration.ipynb?token={token}")
    page.wait_for_selector(".aw-start", timeout=90_000)
    page.keyboard.press("Tab")
    assert active(page)["label"] == "Skip to main content"
    tab_to(page, ".aw-exemplar select", most=3)
    for _ in range(exemplars.index(exemplar)):
        page.keyboard.press("ArrowDown")  # a closed list: the arrows choose, as in any form
    wait_text(page, ".aw-exemplar-framework select", "Detailed")
    chosen = "document.activeElement.selectedOptions[0].text.replace(/\\u00a0/g, ' ')"
    assert page.evaluate(chosen) == exemplar.title
    page.keyboard.press("Tab")
    order = list(exemplar.benchmarks)
    for _ in range(order.index("detailed-case-audit")):
        page.keyboard.press("ArrowDown")
    assert page.evaluate(chosen).startswith("Detailed")
    tab_to(page, ".aw-start", most=3)
    page.keyboard.press("Enter")
    page.wait_for_selector(".aw-save-status", timeout=60_000)
    page.wait_for_selector(f".aw-grade-{next(iter(CRITERIA))} [role=radiogroup]")
    scroll_as_a_person(page, "calibration")
    stops: list[dict] = []
    grade_detailed_audit(page, stops, "calibration")
    with open_store(trainer.store_url, {}) as store:
        (attempt,) = store.find_audits(auditor="tia", training=True)
    wait_stored(page, trainer.store_url, attempt["audit_id"], OVERALL, "answers", "overall",
                "evidence")
    wait_enabled(page, ".aw-submit")
    now = tab_to(page, ".aw-submit", stops, most=40)
    assert now["label"] == "Submit and compare with the benchmark"
    page.keyboard.press("Enter")
    page.wait_for_selector(".aw-results table", timeout=30_000)
    # the comparison is drawn at the top of the page: focus goes up to its heading, in view
    # (it stayed on the disabled Submit, the comparison out of view), and Tab goes on from it
    page.wait_for_function("document.activeElement.matches('.aw-results h2')", timeout=15_000)
    settle(page)
    heading = top(page, ".aw-results h2")
    assert 0 <= heading < page.viewport_size["height"] - 100, heading
    text = page.inner_text(".aw-results")
    assert "Your grades against the benchmark" in text and "Why the benchmark says so" in text
    assert "Your exercise is submitted: compare your grades with the benchmark below." in text
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.aw-case summary')"), active(page)
    # the comparison is of what was chosen by keyboard: Inadequate, round from the first grade
    row = page.locator(".aw-results tr", has_text="manager oversight").locator("td")
    assert row.nth(1).inner_text().strip() == "Inadequate", row.all_inner_texts()
    shot(page, "person-calibration-results")
    with open_store(trainer.store_url, {}) as store:
        record = store.find_audit(attempt["audit_id"])
    assert record["status"] == "submitted" and record["framework"] == "detailed-case-audit"
    assert_graded(record)
    assert page.external_requests == []
