"""The moderation loop in a real browser (issue 13): the moderator returns an audit with a reason,
confirmed on the page; the auditor opens it and reads the reason and the comments; Submit on an
audit not ready says why beside it, in view, reached with the mouse wheel (no scrolling done for
us), and pressed, shows what to put right at the top of the form."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import Server
from tests.stores import complete, only, open_store, submitted_audit

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots13/moderation-loop")
REASON = "Please revisit risk: the evidence does not show the child was seen alone."
COMMENT = "Add the child's age and who lives at home to the summary."


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    """One store; the moderator's server and the auditor's (each signed in as one person)."""
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    data = tmp_path_factory.mktemp("loop")
    url = f"sqlite:///{data / 'audits.sqlite'}"
    with open_store(url, only("lead", "ash", "mo")) as store:
        returned = submitted_audit(store, child_id="LOOP-1", evidence="Seen at school.",
                                   impact="For Sam, the plan is clear.")
        # complete, but the child was not seen: Good is not allowed, so it cannot go
        blocked = store.add_audit(framework="scaled-social-care", child_id="LOOP-2",
                                  auditor="ash", user="lead")
        complete(store, blocked)
        store.save_answer(blocked, "child_identity", user="ash", flags={"child_not_seen": True})
    mo = Server(data, user="mo", args=("--store", url))
    ash = Server(data, user="ash", args=("--store", url))
    yield {"url": url, "mo": mo, "ash": ash, "returned": returned, "blocked": blocked}
    mo.stop()
    ash.stop()


def audit_link(server: Server, audit_id: int) -> str:
    link = server.links["home"]  # the home page: <base>/?token=…
    base, token = link.split("/?")[0], re.search(r"token=([^&]+)", link).group(1)
    return f"{base}/voila/render/audit.ipynb?audit_id={audit_id}&token={token}"


def wait_text(page, selector: str, text: str, timeout: int = 15_000) -> None:
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return el && el.innerText.includes(text); }", arg=[selector, text], timeout=timeout)


def rect(page, selector: str) -> dict:
    """Where an element is on screen now (getBoundingClientRect: nothing is scrolled)."""
    return page.eval_on_selector(selector, "el => { const r = el.getBoundingClientRect();"
                                 " return {top: r.top, bottom: r.bottom, left: r.left,"
                                 " right: r.right}; }")


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]


def test_the_moderator_returns_with_a_reason_after_confirming(loop, page):
    page.goto(loop["mo"].moderate["scaled-social-care"])
    page.wait_for_selector(".aw-mod-status", timeout=90_000)
    assert page.is_disabled(".aw-return")  # no reason typed yet, and the page says so
    assert "first type what the auditor should revisit" in page.inner_text(
        ".aw-decision-hint")
    page.fill(".aw-mod-comment-summary textarea", COMMENT)
    page.wait_for_timeout(1200)
    wait_text(page, ".aw-mod-status", "Saved")
    page.fill(".aw-return-reason textarea", REASON)
    # Return waits for the reason to reach the kernel; then, by keyboard, from the reason to it
    page.wait_for_function("!document.querySelector('.aw-return').disabled")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('aw-return')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".aw-confirm-return", timeout=15_000)
    assert REASON in page.inner_text(".aw-confirm-text")
    # the question comes to the keyboard, and into view, by itself
    page.wait_for_function(
        "document.activeElement.classList.contains('aw-confirm-return')")
    box = rect(page, ".aw-confirm-return")
    assert box["top"] >= 0 and box["bottom"] <= page.viewport_size["height"], box
    page.screenshot(path=str(SHOTS / "confirm-return.png"))
    assert_accessible(page)
    page.keyboard.press("Tab")  # Cancel, by keyboard
    page.keyboard.press("Enter")
    page.wait_for_selector(".aw-confirm-return", state="detached", timeout=15_000)
    with AuditStore(loop["url"]) as store:
        assert store.find_audit(loop["returned"])["status"] == "submitted"
    page.click(".aw-return")
    page.click(".aw-confirm-return")
    wait_text(page, ".aw-mod-status", "returned")
    with AuditStore(loop["url"]) as store:
        assert store.find_audit(loop["returned"])["status"] == "returned"
        assert store.find_return_reason(loop["returned"])["reason"] == REASON
    assert page.external_requests == []


def test_the_auditor_sees_the_reason_and_the_comment(loop, page):
    """Runs after the return above."""
    page.goto(audit_link(loop["ash"], loop["returned"]))
    page.wait_for_selector(".aw-feedback", timeout=90_000)
    top = page.inner_text(".aw-feedback")
    assert "Returned by mo on" in top and REASON in top and COMMENT in top
    # the top of the page, in view as it opens: the reason is read first
    box = rect(page, ".aw-return-summary")
    assert 0 <= box["top"] < page.viewport_size["height"]
    assert COMMENT in page.inner_text(".aw-moderator-note-summary")
    page.screenshot(path=str(SHOTS / "auditor-feedback.png"))
    assert_accessible(page)
    assert page.external_requests == []


def wheel_until_in_view(page, selector: str, over: tuple[int, int], step: int = 300) -> dict:
    """Turn the mouse wheel at ``over`` until the element is wholly in the viewport."""
    height = page.viewport_size["height"]
    page.mouse.move(*over)
    for _ in range(60):
        box = rect(page, selector)
        if box["top"] >= 0 and box["bottom"] <= height:
            return box
        page.mouse.wheel(0, step if box["top"] > 0 else -step)
        page.wait_for_timeout(150)
    raise AssertionError(f"{selector} never came into view: {rect(page, selector)}")


@pytest.mark.parametrize("width", [1400, 768])
def test_submit_not_ready_says_why_beside_it(loop, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(audit_link(loop["ash"], loop["blocked"]))
        page.wait_for_selector(".aw-save-status", timeout=90_000)
        wait_text(page, ".aw-completeness", "fields complete")
        # the summary is a panel at the right when wide, at the page's end when narrow
        over = (width - 100, 450) if width > 1000 else (width // 2, 450)
        button = wheel_until_in_view(page, ".aw-submit", over)
        assert page.is_enabled(".aw-submit")  # GOV.UK: not disabled; it says why instead
        reason = rect(page, ".aw-submit-reason")
        height = page.viewport_size["height"]
        # right under the button and on screen with it, without anything scrolled for us
        assert 0 <= reason["top"] - button["bottom"] < 24, (button, reason)
        assert reason["top"] < height - 40, (reason, height)
        text = page.inner_text(".aw-submit-reason")
        assert "Not ready to submit yet" in text and "Good is not allowed here" in text
        assert "Good is not allowed here" in page.get_attribute(".aw-submit", "title")
        page.screenshot(path=str(SHOTS / f"submit-not-ready-{width}.png"))
        assert_accessible(page)
        # pressed: nothing is submitted; the problem is at the top of the form, with focus
        page.click(".aw-submit")
        page.wait_for_function("document.activeElement.classList.contains('aw-error-summary')",
                               timeout=15_000)
        assert "Good is not allowed here" in page.inner_text(".aw-error-summary")
        with AuditStore(loop["url"]) as store:
            assert store.find_audit(loop["blocked"])["status"] == "in_progress"
        # the auditor runs the moderator's checks before submitting
        page.click(".aw-check-audit")
        wait_text(page, ".aw-check-results", "moderation check")
        page.screenshot(path=str(SHOTS / f"checks-{width}.png"))
    finally:
        context.close()
