"""The moderator's page in a real browser: see the auditor's answers and the checks, record a
moderated grade and comment, return the audit to the auditor."""
from __future__ import annotations

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import Server
from tests.stores import only, open_store, submitted_audit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def moderation_server(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    data = tmp_path_factory.mktemp("moderation")
    url = f"sqlite:///{data / 'audits.sqlite'}"
    with open_store(url, only("lead", "ash", "mo")) as store:
        audit = submitted_audit(store, child_id="MOD-1", evidence="Statutory visits are poor.",
                                impact="For Sam, safety.")
    srv = Server(data, user="mo", args=("--store", url))
    srv.store_url, srv.audit = url, audit
    yield srv
    srv.stop()


def test_moderation_page(moderation_server, page):
    from axe_playwright_python.sync_playwright import Axe

    link = moderation_server.moderate["scaled-social-care"]
    page.goto(link)
    page.wait_for_selector(".aw-mod-status", timeout=90_000)
    checks = page.inner_text(".aw-checks-risk")
    assert "Statutory visits are poor." in checks
    assert "could be strengthened by" in checks  # the check and its source sentence
    page.select_option(".aw-mod-grade-risk select", label="5 – Requires improvement")
    page.fill(".aw-mod-comment-risk textarea", "Visits could be strengthened by a plan.")
    page.wait_for_timeout(1200)
    page.wait_for_function("document.querySelector('.aw-mod-status').innerText.includes('Saved')")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]
    page.fill(".aw-return-reason textarea", "Please revisit risk")
    page.click(".aw-return")
    page.click(".aw-confirm-return")  # returning is confirmed on the page
    page.wait_for_function("document.querySelector('.aw-mod-status').innerText"
                           ".includes('returned')", timeout=15_000)
    with AuditStore(moderation_server.store_url) as store:
        record = store.find_audit(moderation_server.audit)
    assert record["status"] == "returned"
    assert record["answers"]["risk"]["score"] == 7
    assert record["moderation"]["risk"]["score"] == 5
    assert record["moderation"]["risk"]["comment"] == "Visits could be strengthened by a plan."
    assert page.external_requests == []


def test_consistency_page(moderation_server, page):
    """Runs after the moderation above: the returned audit's fields are compared."""
    from axe_playwright_python.sync_playwright import Axe

    link = moderation_server.moderate.get("scaled-social-care") or next(
        iter(moderation_server.links.values()))
    base, token = link.split("/voila/")[0], link.split("token=")[1]
    page.goto(f"{base}/voila/render/consistency.ipynb?token={token}")
    page.wait_for_selector(".aw-consistency-summary", timeout=90_000)
    assert "moderated fields in 1 audits" in page.inner_text(".aw-consistency-summary")
    assert page.locator(".aw-heatmaps svg").count() == 1
    page.select_option(".aw-filter-auditor select", label="ash")
    page.wait_for_function("document.querySelector('.aw-consistency-tables').innerText"
                           ".includes('ash')")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]
    assert page.external_requests == []
