"""The moderator's page in a real browser: see the auditor's answers and the checks, record a
moderated grade and comment, return the audit to the auditor."""
from __future__ import annotations

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import Server
from tests.browser.test_scrolling import shot
from tests.stores import only, open_store, submitted_audit

pytestmark = pytest.mark.browser

AGREE = "Agree with the auditor (no change)"


def chosen(page, widget: str) -> str | None:
    """The words a person sees chosen in a widget: its checked radio, or its list's option
    (ipywidgets writes an option's spaces as no-break spaces)."""
    return page.evaluate("""w => { const box = document.querySelector(`.${w}`);
        const radio = box.querySelector('input:checked'), list = box.querySelector('select');
        const el = radio ? radio.closest('label') : list && list.selectedOptions[0];
        return el ? el.innerText.replace(/\u00a0/g, ' ').trim() : null; }""", widget)


def darkest_contrast(locator) -> float:
    """The contrast with white of the darkest pixel Chromium draws for a control: what a person
    sees of it, whatever the CSS says (pillow comes with matplotlib)."""
    import io

    from PIL import Image

    def luminance(rgb: tuple[int, ...]) -> float:
        def channel(v: int) -> float:
            c = v / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
    image = Image.open(io.BytesIO(locator.screenshot())).convert("RGB")
    darkest = min(luminance(image.getpixel((x, y)))
                  for x in range(image.width) for y in range(image.height))
    return 1.05 / (darkest + 0.05)


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
    # agreeing with the auditor is shown chosen, as a radio and in a list (it showed nothing)
    page.wait_for_selector(".aw-mod-grade-grading input")
    assert chosen(page, "aw-mod-grade-grading") == AGREE
    assert chosen(page, "aw-mod-grade-risk") == AGREE
    assert "0 grades moderated so far" in page.inner_text(".aw-mod-title")
    page.select_option(".aw-mod-grade-risk select", label="5 – Requires improvement")
    page.fill(".aw-mod-comment-risk textarea", "Visits could be strengthened by a plan.")
    page.wait_for_timeout(1200)
    page.wait_for_function("document.querySelector('.aw-mod-status').innerText.includes('Saved')")
    assert "1 grade moderated so far" in page.inner_text(".aw-mod-title")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]
    page.fill(".aw-return-reason textarea", "Please revisit risk")
    page.click(".aw-return")
    page.click(".aw-confirm-return")  # returning is confirmed on the page
    page.wait_for_function("document.querySelector('.aw-mod-status').innerText"
                           ".includes('returned')", timeout=15_000)
    # the figure at the top follows the store (it said 0 after a decision)
    assert "1 grade moderated." in page.inner_text(".aw-mod-title")
    # read-only now: the grade shown chosen is still seen, at 3:1 or more (it was a faint dot)
    page.wait_for_function("document.querySelector('.aw-mod-grade-grading input').disabled")
    radio = page.locator(".aw-mod-grade-grading input:checked")
    radio.scroll_into_view_if_needed()
    assert darkest_contrast(radio) >= 3, darkest_contrast(radio)
    shot(page.locator(".aw-mod-grade-grading"), "moderation-read-only-grade")
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
    # one audit: each is one observation, so there is no interval, and the page says why
    tables = page.inner_text(".aw-consistency-tables")
    assert "(no interval)" in tables
    assert "“No interval” means too few audits" in page.inner_text(".aw-workbook")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]
    assert page.external_requests == []
