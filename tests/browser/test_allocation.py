"""The lead auditor reallocates a moderator in a real browser, by keyboard alone: Tab to the
audit's moderator dropdown, choose with the arrow keys, Tab to Save, press Enter; the change is
in the audit's history."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import Server, print_preview, says_connection_lost
from tests.browser.test_saving import kill_kernel
from tests.stores import open_store

pytestmark = pytest.mark.browser

#: where the screenshots go, to be looked at (a test's folder otherwise)
SHOTS = os.environ.get("AUDITLIB_SCREENSHOTS")


@pytest.fixture(scope="module")
def allocation_server(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    data = tmp_path_factory.mktemp("allocation")
    url = f"sqlite:///{data / 'audits.sqlite'}"
    with open_store(url) as store:
        store.add_user("mel", roles=["moderator"], user="lead", display_name="Mel Moderator")
        ids = [a for a, _ in store.add_audits([
            {"framework": "scaled-social-care", "child_id": child, "auditor": auditor,
             "month": "2026-11", "due_date": "2026-11-15", "service_area": area}
            for child, auditor, area in (("C-A", "ash", "Children in care"),
                                         ("C-B", "bo", "Safeguarding"),
                                         ("C-C", "bo", "Safeguarding"))], user="lead")]
        # December's, for the tests that change them: November's workload stays as it was
        december = {child: a for (a, _), child in zip(store.add_audits([
            {"framework": "scaled-social-care", "child_id": child, "auditor": "bo",
             "month": "2026-12", "due_date": "2099-12-15", "service_area": "Safeguarding"}
            for child in ("C-KILLED", "C-TWO-TABS")], user="lead"), ("C-KILLED", "C-TWO-TABS"))}
    srv = Server(data, user="lead", args=("--store", url))
    srv.store_url = url
    srv.ids = ids
    srv.december = december
    yield srv
    srv.stop()


def lead_page(server: Server) -> str:
    """The lead auditor's page's address on ``server``."""
    home = server.links["home"]
    token = re.search(r"token=([^&]+)", home).group(1)
    return f"{home.split('/?')[0]}/voila/render/lead_auditor.ipynb?token={token}"


def show_month(page, server: Server, month: str, opened: bool = False) -> None:
    """Open the lead auditor's page (unless ``opened``), and show ``month``'s allocation, by
    keyboard: type the month, Tab to "Show the month", Enter."""
    if not opened:
        page.goto(lead_page(server))
    page.wait_for_selector(".aw-track-month input", timeout=90_000)
    page.fill(".aw-track-month input", month)
    page.press(".aw-track-month input", "Tab")  # to "Show the month"
    page.keyboard.press("Enter")
    page.wait_for_selector(".aw-alloc-row", timeout=30_000)


def test_the_lead_auditor_reassigns_a_moderator_by_keyboard(allocation_server, page, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    show_month(page, allocation_server, "2026-11")
    first = allocation_server.ids[0]
    auditor = page.get_by_label(f"Auditor for audit {first}, child C-A")
    moderator = page.get_by_label(f"Moderator for audit {first}, child C-A")
    auditor.focus()
    page.keyboard.press("Tab")
    assert moderator.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")  # from "None" to the first moderator: lead
    page.keyboard.press("ArrowDown")  # then Mel Moderator
    # (ipywidgets writes an option's spaces as no-break spaces)
    assert moderator.evaluate("el => el.selectedOptions[0].text").replace("\xa0", " ") == \
        "Mel Moderator — 0 to moderate"
    page.keyboard.press("Tab")  # to Save
    assert page.evaluate("document.activeElement.innerText") == f"Save audit {first}"
    page.keyboard.press("Enter")
    result = page.locator(".aw-alloc-row").first.locator(".aw-alloc-result")
    result.get_by_text("saved").wait_for(timeout=30_000)
    assert result.inner_text() == f"Audit {first} saved: moderator none → Mel Moderator."
    with AuditStore(allocation_server.store_url) as store:
        [change] = [h for h in store.history(first) if h["what"] == "moderator"]
    assert (change["old"], change["new"], change["user"]) == (None, "mel", "lead")
    assert change["origin"] == "page:lead"
    # the workload follows, and the tracking names the moderator
    page.locator(".aw-alloc-workload").get_by_text("Mel Moderator").wait_for(timeout=30_000)
    assert "1" in page.locator(".aw-alloc-workload tr", has_text="Mel Moderator").inner_text()
    # an auditor from the child's own service area is warned of in words
    third = allocation_server.ids[2]
    choose = page.get_by_label(f"Auditor for audit {third}, child C-C")
    labels = choose.evaluate("el => [...el.options].map(o => o.text.replace(/\\xa0/g, ' '))")
    assert labels[-1] == "ash — Safeguarding, 1 to audit (the child's own service area)"
    choose.select_option(index=len(labels) - 1)
    page.get_by_text("the child's own service area: auditors are always asked").wait_for(
        timeout=30_000)
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]
    folder = Path(SHOTS) if SHOTS else tmp_path
    for width in (1400, 768):
        page.set_viewport_size({"width": width, "height": 1000})
        page.locator(".aw-allocation").screenshot(path=str(folder / f"allocation-{width}.png"))
    assert page.external_requests == []


def choose(dropdown, words: str) -> None:
    """Choose the option of ``dropdown`` whose words begin with ``words`` (ipywidgets writes an
    option's spaces as no-break spaces)."""
    labels = dropdown.evaluate("el => [...el.options].map(o => o.text.replace(/\\xa0/g, ' '))")
    dropdown.select_option(index=next(i for i, t in enumerate(labels) if t.startswith(words)))


def chosen(dropdown) -> str:
    return dropdown.evaluate("el => el.selectedOptions[0].text").replace("\xa0", " ")


def moderator_changes(server: Server, audit: int) -> list[tuple[str | None, str | None]]:
    with AuditStore(server.store_url) as store:
        return [(h["old"], h["new"]) for h in store.history(audit) if h["what"] == "moderator"]


def test_a_killed_kernel_is_said_and_the_saved_allocation_is_kept(allocation_server, page):
    """The page's kernel goes (an idle cull, a crash, a restart) while the lead auditor
    reallocates: the page says so in words and offers to reload; the choice made since is not
    saved, what was saved before is untouched, and the reloaded page shows it."""
    audit = allocation_server.december["C-KILLED"]
    show_month(page, allocation_server, "2026-12")
    moderator = page.get_by_label(f"Moderator for audit {audit}, child C-KILLED")
    row = page.locator(".aw-alloc-row", has=moderator)
    choose(moderator, "Mel Moderator")
    row.get_by_role("button", name=f"Save audit {audit}").click()
    row.locator(".aw-alloc-result").get_by_text("saved").wait_for(timeout=30_000)
    assert page.locator(".aw-offline").count() == 0

    kill_kernel(page)
    says_connection_lost(page)
    # the rows keep their columns, to be read: the heading's cells on one line
    page.wait_for_selector(".aw-alloc-head.jupyter-widgets-disconnected")
    tops = page.locator(".aw-alloc-head > .widget-html").evaluate_all(
        "els => els.map(el => Math.round(el.getBoundingClientRect().top))")
    assert len(tops) == 5 and len(set(tops)) == 1, tops
    choose(moderator, "mo —")
    row.get_by_role("button", name=f"Save audit {audit}").click()
    page.wait_for_timeout(1500)  # a working page would have saved by now
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "allocation-kernel-killed.png"))
    assert moderator_changes(allocation_server, audit) == [(None, "mel")]
    # the earlier "saved" no longer stands beside the unsaved choice
    assert not row.locator(".aw-alloc-result").is_visible()

    page.get_by_role("button", name="Reload, keeping what I typed").click()
    show_month(page, allocation_server, "2026-12", opened=True)
    assert page.locator(".aw-offline").count() == 0
    assert chosen(page.get_by_label(f"Moderator for audit {audit}, child C-KILLED")) \
        .startswith("Mel Moderator")
    assert moderator_changes(allocation_server, audit) == [(None, "mel")]


def test_an_allocation_changed_in_another_tab_is_not_overwritten(allocation_server, page):
    """The lead auditor has the page open in two tabs, reallocates the moderator in one, then
    chooses another in the other: as on the audit page, that second change is not saved over
    the first without a word. It says what the other tab saved, keeps the choice on screen, and
    saves it only when Save is pressed again, knowing."""
    audit = allocation_server.december["C-TWO-TABS"]
    label = f"Moderator for audit {audit}, child C-TWO-TABS"
    other = page.context.new_page()
    show_month(page, allocation_server, "2026-12")
    show_month(other, allocation_server, "2026-12")
    choose(page.get_by_label(label), "Mel Moderator")
    page.get_by_role("button", name=f"Save audit {audit}").click()
    first = page.locator(".aw-alloc-row", has=page.get_by_label(label))
    first.locator(".aw-alloc-result").get_by_text("saved").wait_for(timeout=30_000)

    choose(other.get_by_label(label), "mo —")
    other.get_by_role("button", name=f"Save audit {audit}").click()
    result = other.locator(".aw-alloc-row", has=other.get_by_label(label)) \
        .locator(".aw-alloc-result")
    result.get_by_text("changed elsewhere").wait_for(timeout=30_000)
    words = result.inner_text()
    assert f"Audit {audit} not saved" in words and "Mel Moderator" in words, words
    assert result.locator("[role=alert]").count() == 1
    assert chosen(other.get_by_label(label)).startswith("mo —")  # the choice is still on screen
    other.set_viewport_size({"width": 768, "height": 1000})
    assert other.evaluate("document.documentElement.scrollWidth") <= 768
    if SHOTS:
        other.locator(".aw-alloc-row", has=other.get_by_label(label)).screenshot(
            path=str(Path(SHOTS) / "allocation-two-tabs-768.png"))
    assert moderator_changes(allocation_server, audit) == [(None, "mel")]

    other.get_by_role("button", name=f"Save audit {audit}").click()
    result.get_by_text(f"Audit {audit} saved").wait_for(timeout=30_000)
    assert result.inner_text() == f"Audit {audit} saved: moderator Mel Moderator → mo."
    assert moderator_changes(allocation_server, audit) == [(None, "mel"), ("mel", "mo")]
    other.close()


def test_the_allocation_prints(allocation_server, page):
    """Print preview of the month's allocation: every audit with its auditor and moderator in
    words, and the workload, on A4; no buttons; nothing wider than the sheet."""
    show_month(page, allocation_server, "2026-11")
    sheets = print_preview(page, SHOTS, "allocation-print")
    allocation = page.locator(".aw-allocation")
    assert allocation.locator("button:visible").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 794
    printed = "\n".join(sheets)
    assert "Allocate auditors and moderators" in printed
    for child in ("C-A", "C-B", "C-C"):
        assert f"child {child}" in printed
    assert "Workload for November 2026" in printed
    # each dropdown shows its whole choice: none is cut off at the side
    cut = allocation.locator("select").evaluate_all(
        "els => els.filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.id)")
    assert cut == []
