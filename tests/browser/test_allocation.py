"""The lead auditor reallocates a moderator in a real browser, by keyboard alone: Tab to the
audit's moderator dropdown, choose with the arrow keys, Tab to Save, press Enter; the change is
in the audit's history."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import Server
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
    srv = Server(data, user="lead", args=("--store", url))
    srv.store_url = url
    srv.ids = ids
    yield srv
    srv.stop()


def test_the_lead_auditor_reassigns_a_moderator_by_keyboard(allocation_server, page, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    home = allocation_server.links["home"]
    token = re.search(r"token=([^&]+)", home).group(1)
    base = home.split("/?")[0]
    page.goto(f"{base}/voila/render/lead_auditor.ipynb?token={token}")
    page.wait_for_selector(".aw-track-month input", timeout=90_000)
    page.fill(".aw-track-month input", "2026-11")
    page.press(".aw-track-month input", "Tab")  # to "Show the month"
    page.keyboard.press("Enter")
    page.wait_for_selector(".aw-alloc-row", timeout=30_000)
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
