"""The page a person lands on, in Chromium: ``auditlib serve``'s base URL opens the home page
(never Voilà's file list), its tables read in words at a desktop's width and a tablet's, and a
page that is starting says so in words a screen reader announces."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("AUDITLIB_SHOTS")

#: records every text the starting page's status region showed (before any page script runs)
RECORD_STEPS = """
window.__awSteps = [];
new MutationObserver(() => {
  const el = document.getElementById('aw-loading-step');
  const words = document.getElementById('aw-loading-words');
  if (el) {
    const text = words.textContent + ' ' + el.textContent;
    if (window.__awSteps[window.__awSteps.length - 1] !== text) window.__awSteps.push(text);
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1400, 768])
def test_the_base_url_opens_the_home_page_with_a_table_of_ones_audits(server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else None)
    try:
        home = server.links["home"]
        assert "/?token=" in home  # the link serve prints first: the server's base URL
        page.goto(home)
        page.wait_for_selector(".aw-home h1", timeout=90_000)
        assert page.url.split("?")[0].endswith("/voila/render/home.ipynb")
        table = page.locator(".aw-home table").first
        assert table.locator("caption").inner_text().startswith("To do: 4 audits")
        assert table.locator("thead th").all_inner_texts() == [
            "Audit", "Framework", "Due", "Status", "Progress"]
        rows = table.locator("tbody tr")
        assert rows.count() == 4
        assert "Not started" in rows.first.inner_text()
        assert "fields complete" in rows.first.inner_text()
        # nothing wider than the window: no sideways scrolling at a tablet's width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        from axe_playwright_python.sync_playwright import Axe

        violations = [v["id"] for v in Axe().run(page).response["violations"]
                      if v["impact"] in ("serious", "critical")]
        assert violations == []
        _shot(page, f"home-{width}")
        # the audit a link names opens from here
        rows.first.locator("a").click()
        page.wait_for_selector(".aw-save-status", timeout=90_000)
        assert outside == []
    finally:
        context.close()


def test_no_file_list_at_the_servers_tree(server, browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        base = server.links["home"].split("/?token=")[0]
        page.goto(server.links["home"])  # signed in (the token's cookie)
        page.wait_for_selector(".aw-home h1", timeout=90_000)
        for path in ("/voila/tree", "/voila/tree/", "/tree", "/voila/"):
            response = page.goto(f"{base}{path}")
            assert response.status in (403, 404), path
            assert "home.ipynb" not in page.content(), path
    finally:
        context.close()


def test_a_starting_page_says_what_it_is_doing_in_a_status_region(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(RECORD_STEPS)
    page = context.new_page()
    try:
        page.goto(server.links["full-audit"], wait_until="commit")
        status = page.wait_for_selector(".aw-loading-status", timeout=90_000)
        assert status.get_attribute("role") == "status"
        assert status.get_attribute("aria-live") == "polite"
        _shot(page, "loading-audit")
        page.wait_for_selector(".aw-save-status", timeout=90_000)
        assert page.locator("#loading").count() == 0  # gone once the page is shown
        assert "Executing" not in page.inner_text("body")
        # (the first record may be the words in the markup, "Opening the page…", which the
        # script right after it replaces before anything is drawn)
        steps = page.evaluate("window.__awSteps")
        assert [s for s in steps if not s.startswith("Opening the page…")] == [
            "Opening the audit… Step 1 of 3: starting",
            "Opening the audit… Step 2 of 3: building the page",
            "Opening the audit… Step 3 of 3: showing the page"]
    finally:
        context.close()


def test_the_lead_auditors_home_page_every_group_in_words(tmp_path, browser):
    """The demo's lead auditor, with audits of their own in every state: to do (one overdue,
    one returned with the moderator's reason), with the moderator, to moderate, the month."""
    from auditlib.store import AuditStore
    from tests.browser.conftest import Server
    from tests.stores import complete

    server = Server(tmp_path, user="demo-lead")
    try:
        with AuditStore(server.store_url) as store:
            def add(child, due):
                return store.add_audit(framework="scaled-social-care", child_id=child,
                                       auditor="demo-lead", user="demo-lead", due_date=due,
                                       moderator="demo-moderator")
            add("DEMO-LATE", "2020-01-31")
            back = add("DEMO-BACK", "2999-01-31")
            complete(store, back, "demo-lead")
            store.submit(back, user="demo-lead")
            store.return_to_auditor(back, user="demo-moderator",
                                    reason="Say what changed for the child since the plan.")
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(server.links["home"])
        page.wait_for_selector(".aw-home h1", timeout=90_000)
        text = page.inner_text(".aw-home")
        assert "31 January 2020 Overdue" in text
        assert "Returned to you: Say what changed for the child since the plan." in text
        assert "Submitted for moderation: 1 audit" in text
        assert "Audits of " in text and "lead auditor's page" in text
        _shot(page, "home-lead-1400")
        page.set_viewport_size({"width": 768, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= 768
        _shot(page, "home-lead-768")
        context.close()
    finally:
        server.stop()
