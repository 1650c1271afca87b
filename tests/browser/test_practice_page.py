"""The practitioner's page in Chromium, as a person uses it: once it opens, the keyboard and the
mouse wheel only. The practitioner types a response, ticks "I agree the actions below", types
the evidence for an action and marks it done; then their team manager signs it off, on a page
signed in as them; the store holds what each did."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import (
    Server,
    _need_chromium,
    print_preview,
    says_connection_lost,
)
from tests.browser.test_saving import kill_kernel
from tests.test_practice_page import finalised_audit, practice_store

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("AUDITLIB_SHOTS")
RESPONSE = "We have booked the visits; Sam will be seen alone at each."
EVIDENCE = "Visits on the file from 3 November; Sam seen alone."


class PracticeServers:
    """The practice store (tests/test_practice_page.py) and an ``auditlib serve`` for each
    person signed in, started when first asked for."""

    def __init__(self, folder: Path):
        _need_chromium()
        self.data = folder
        self.url = f"sqlite:///{folder / 'audits.sqlite'}"
        self.audits = practice_store(self.url)
        self.servers: dict[str, Server] = {}

    def link(self, user: str, audit_id: int | None = None) -> str:
        """The practice page's address, signed in as ``user``."""
        if user not in self.servers:
            self.servers[user] = Server(self.data, user=user, args=("--store", self.url))
        home = self.servers[user].links["home"]
        base, token = home.split("/?")[0], re.search(r"token=([^&]+)", home).group(1)
        query = f"audit_id={audit_id}&" if audit_id is not None else ""
        return f"{base}/voila/render/practice.ipynb?{query}token={token}"

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()

    def __enter__(self) -> PracticeServers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


@pytest.fixture(scope="module")
def practice_servers(tmp_path_factory):
    with PracticeServers(tmp_path_factory.mktemp("practice")) as servers:
        yield servers


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def wait_text(page, selector: str, text: str, timeout: int = 30_000) -> None:
    page.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return el && el.innerText.includes(text); }", arg=[selector, text], timeout=timeout)


def tab_to(page, selector: str, most: int = 80) -> None:
    """Press Tab until the control ``selector`` names has focus, as a keyboard user does."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("sel => { const el = document.querySelector(sel);"
                         " return !!el && el === document.activeElement; }", selector):
            return
    where = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    pytest.fail(f"Tab never reached {selector}; focus is on {where}")


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    bad = [v for v in Axe().run(page).response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]


def open_practice(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".aw-practice-main", timeout=90_000)


def test_the_practitioner_responds_and_the_team_manager_signs_off(practice_servers, browser):
    ours = practice_servers.audits["ours"]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else None)
    try:
        open_practice(page, practice_servers.link("pat", ours))
        page.wait_for_selector(".aw-response textarea")
        assert "2 actions open, 1 overdue" in page.inner_text(".aw-practice-list")
        assert "Overdue" in page.inner_text(".aw-action-1")
        assert "SECRET-SOUTH" not in page.inner_text("body")
        # from here on, the keyboard and the mouse wheel only
        page.mouse.move(300, 450)
        page.mouse.wheel(0, 600)
        page.wait_for_function("document.scrollingElement.scrollTop > 0")
        tab_to(page, ".aw-response textarea")
        page.keyboard.type(RESPONSE)
        wait_text(page, ".aw-response-status", "Last saved")
        tab_to(page, ".aw-agree input")
        page.keyboard.press("Space")
        tab_to(page, ".aw-evidence-1 textarea")
        page.keyboard.type(EVIDENCE)
        tab_to(page, "button.aw-mark-done-1")
        page.keyboard.press("Enter")
        wait_text(page, ".aw-action-1", "Done on")
        wait_text(page, ".aw-action-said-1", "Action 1 marked done")
        assert "Response given; actions agreed" in page.inner_text(".aw-practice-list")
        assert page.is_checked(".aw-agree input")
        assert_accessible(page)
        for width in (1400, 768):
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shot(page, f"practice-practitioner-{width}")
        with AuditStore(practice_servers.url) as store:
            [mine] = [r for r in store.find_responses(ours) if r["user_name"] == "pat"]
            action = store.find_audit(ours)["actions"][0]
        assert mine["response"] == RESPONSE and mine["actions_agreed"] is True
        assert action["evidence"] == EVIDENCE and action["done_by"] == "pat"
        assert action["signed_off"] is None

        # the team manager, on a page of their own
        page.set_viewport_size({"width": 1400, "height": 900})
        open_practice(page, practice_servers.link("tom", ours))
        assert "Your team's overdue actions" in page.inner_text(".aw-overdue-actions")
        assert RESPONSE in page.inner_text(".aw-responses")
        assert "Done on" in page.inner_text(".aw-action-1")
        tab_to(page, ".aw-sign-off-note-1 input")
        page.keyboard.type("Checked the visits on the file.")
        tab_to(page, "button.aw-sign-off-1")
        page.keyboard.press("Enter")
        wait_text(page, ".aw-action-1", "Signed off on")
        wait_text(page, ".aw-overdue-actions", "No actions are overdue")
        assert_accessible(page)
        for width in (1400, 768):
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shot(page, f"practice-team-manager-{width}")
        with AuditStore(practice_servers.url) as store:
            action = store.find_audit(ours)["actions"][0]
        assert action["signed_off"] is not None
        assert action["note"] == "Checked the visits on the file."
        assert outside == []
    finally:
        context.close()


def test_another_workers_audit_is_not_shown(practice_servers, page):
    """The attack in the address bar: Pat opens Sal's audit's number."""
    theirs = practice_servers.audits["theirs"]
    open_practice(page, practice_servers.link("pat", theirs))
    wait_text(page, ".aw-practice-refused", f"You cannot open audit {theirs} here")
    body = page.inner_text("body")
    assert "SECRET-SOUTH" not in body and "Kim" not in body
    assert page.locator(".aw-practice-audit").count() == 0


def new_case(practice_servers, child_id: str) -> int:
    """A finalised audit of Pat's case of its own, with one action not due yet, for a test that
    changes it (the other tests' audits and Tom's overdue list stay as they were)."""
    with AuditStore(practice_servers.url) as store:
        return finalised_audit(store, child_id, "pat", "North", [
            ("Book monthly visits and see Sam alone at each.", "pat", "2099-12-31")])


def saved(practice_servers, audit: int) -> tuple[str | None, dict]:
    """Pat's response and the audit's one action, as the store has them."""
    with AuditStore(practice_servers.url) as store:
        [mine] = [r for r in store.find_responses(audit) if r["user_name"] == "pat"] or [{}]
        return mine.get("response"), store.find_audit(audit)["actions"][0]


def wait_saved(practice_servers, audit: int, response: str, seconds: float = 30) -> None:
    """Wait until the store holds all of ``response``: "Last saved" first shows after the
    first part typed is saved, while the browser is still sending the rest."""
    deadline = time.monotonic() + seconds
    while saved(practice_servers, audit)[0] != response:
        if time.monotonic() > deadline:
            pytest.fail(f"the store holds {saved(practice_servers, audit)[0]!r}, not all typed")
        time.sleep(0.2)


def test_a_killed_kernel_is_said_and_the_saved_response_is_kept(practice_servers, page):
    """The page's kernel goes (an idle cull, a crash, a restart) while Pat writes: the page
    says so in words, never "Saved" for what was typed after, offers to reload keeping the
    text; the store holds what was saved before, and the reloaded page shows it."""
    audit = new_case(practice_servers, "PR-KILLED")
    open_practice(page, practice_servers.link("pat", audit))
    tab_to(page, ".aw-response textarea")
    page.keyboard.type(RESPONSE)
    wait_text(page, ".aw-response-status", "Last saved")
    wait_saved(practice_servers, audit, RESPONSE)
    assert page.locator(".aw-offline").count() == 0

    kill_kernel(page)
    says_connection_lost(page)
    later = " Typed after the kernel had gone."
    page.keyboard.type(later)
    tab_to(page, ".aw-evidence-1 textarea")
    page.keyboard.type(EVIDENCE)
    tab_to(page, "button.aw-mark-done-1")
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)  # a working page would have saved by now
    status = page.inner_text(".aw-response-status")
    assert status.startswith("Not saved") and "Saved" not in status, status
    assert "Not done yet" in page.inner_text(".aw-action-1")
    shot(page, "practice-kernel-killed")
    response, action = saved(practice_servers, audit)
    assert response == RESPONSE and action["done_on"] is None and not action.get("evidence")

    page.get_by_role("button", name="Reload, keeping what I typed").click()
    kept = page.locator(".aw-kept-text")
    kept.wait_for(timeout=30_000)  # offered back as soon as the page is open again
    assert RESPONSE + later in kept.inner_text() and EVIDENCE in kept.inner_text()
    assert page.input_value(".aw-response textarea") == RESPONSE  # what is saved
    assert "Not done yet" in page.inner_text(".aw-action-1")
    assert page.locator(".aw-offline").count() == 0
    assert saved(practice_servers, audit) == (response, action)


def test_a_response_and_an_action_changed_in_two_tabs_are_not_overwritten(practice_servers,
                                                                           page):
    """Pat has the audit open in two tabs: writes a response and marks the action done in one,
    then writes in the other. As on the audit page, the second tab saves nothing over the
    first without a word: it shows both texts until Pat chooses, and says the action was marked
    done elsewhere, keeping the evidence typed on screen."""
    audit = new_case(practice_servers, "PR-TWO-TABS")
    url = practice_servers.link("pat", audit)
    other = page.context.new_page()
    open_practice(page, url)
    open_practice(other, url)
    page.fill(".aw-response textarea", "First tab: the visits are booked.")
    wait_text(page, ".aw-response-status", "Last saved")
    page.fill(".aw-evidence-1 textarea", "First tab: visits on the file.")
    page.click("button.aw-mark-done-1")
    wait_text(page, ".aw-action-1", "Done on")

    other.fill(".aw-response textarea", "Second tab: the visits are not booked yet.")
    wait_text(other, ".aw-response-status", "changed elsewhere")
    assert "Not saved" in other.inner_text(".aw-response-status")
    conflict = other.locator(".aw-conflict")
    conflict.wait_for()
    assert "First tab: the visits are booked." in conflict.inner_text()
    assert "Second tab: the visits are not booked yet." in conflict.inner_text()
    other.set_viewport_size({"width": 768, "height": 900})  # a tablet: both texts, one column
    assert other.evaluate("document.documentElement.scrollWidth") <= 768
    conflict.scroll_into_view_if_needed()
    shot(other, "practice-two-tabs-conflict-768")
    other.fill(".aw-evidence-1 textarea", "Second tab: a visit on 3 November.")
    other.click("button.aw-mark-done-1")
    wait_text(other, ".aw-action-said-1", "marked done elsewhere")
    said = other.inner_text(".aw-action-said-1")
    assert "Second tab: a visit on 3 November." in said, said  # what was typed, still shown
    assert "First tab: visits on the file." in other.inner_text(".aw-action-1")  # theirs
    shot(other, "practice-two-tabs-done-elsewhere-768")
    response, action = saved(practice_servers, audit)
    assert response == "First tab: the visits are booked."
    assert action["evidence"] == "First tab: visits on the file."

    conflict.get_by_role("button", name="Keep mine").click()
    wait_text(other, ".aw-response-status", "Last saved")
    assert other.locator(".aw-conflict").count() == 0
    assert saved(practice_servers, audit)[0] == "Second tab: the visits are not booked yet."
    other.close()


def test_the_practice_page_prints(practice_servers, page):
    """Print preview of Pat's audit with a long response: the findings, the response whole and
    the actions on A4 sheets, no buttons, nothing wider than the sheet."""
    audit = new_case(practice_servers, "PR-PRINTED")
    open_practice(page, practice_servers.link("pat", audit))
    response = " ".join([RESPONSE] * 12) + " The last words of the response."
    page.fill(".aw-response textarea", response)
    wait_text(page, ".aw-response-status", "Last saved")
    sheets = print_preview(page, SHOTS, "practice-print")
    assert page.locator(".aw-practice button:visible").count() == 0
    assert page.eval_on_selector(".aw-response textarea",
                                 "el => el.clientHeight >= el.scrollHeight - 2"), \
        "the response is cut off in print"
    assert page.evaluate("document.documentElement.scrollWidth") <= 794
    assert "Your audited cases" in sheets[0]
    printed = " ".join(" ".join(sheets).split())
    for words in ("The findings", "Your response", "The last words of the response.",
                  "Book monthly visits and see Sam alone at each."):
        assert words in printed, words
