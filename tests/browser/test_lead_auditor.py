"""The lead auditor's page in a real browser: upload the month's files, preview the sample,
generate the workbooks, see the month tracked."""
from __future__ import annotations

import re

import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import Server
from tests.stores import only, open_store
from tests.test_lead import AUDITORS, CHILDREN, HISTORY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lead_server(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    data = tmp_path_factory.mktemp("lead")
    url = f"sqlite:///{data / 'audits.sqlite'}"
    with open_store(url, only("lead")):
        pass
    srv = Server(data, user="lead", args=("--store", url))
    srv.store_url = url
    yield srv
    srv.stop()


def preview_sample(page, folder) -> None:
    """Upload the month's three files (from ``folder``) and preview a sample of 6 for 2026-11."""
    for name, data in (("children", CHILDREN), ("history", HISTORY), ("auditors", AUDITORS)):
        path = folder / f"{name}.csv"
        path.write_bytes(data)
        with page.expect_file_chooser() as chooser:  # the upload button opens the file dialog
            page.click(f".aw-upload-{name}")
        chooser.value.set_files(str(path))
    page.fill(".aw-sample-month input", "2026-11")
    page.press(".aw-sample-month input", "Tab")
    page.fill(".aw-sample-size input", "6")
    page.press(".aw-sample-size input", "Tab")
    page.click(".aw-preview")
    page.wait_for_selector(".aw-sample-table table", timeout=30_000)


def test_lead_auditor_page(lead_server, page, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    home = lead_server.links["home"]
    token = re.search(r"token=([^&]+)", home).group(1)
    base = home.split("/?")[0]
    page.goto(f"{base}/voila/render/lead_auditor.ipynb?token={token}")
    page.wait_for_selector(".aw-preview", timeout=90_000)
    preview_sample(page, tmp_path)
    assert "6 children sampled" in page.inner_text(".aw-sample-status")
    assert page.locator(".aw-sample-table tbody tr").count() == 6
    page.click(".aw-generate")
    page.wait_for_selector(".aw-manifest table", timeout=60_000)
    assert "6 audits created" in page.inner_text(".aw-sample-status")
    page.wait_for_selector(".aw-track-audits table", timeout=30_000)
    assert page.locator(".aw-track-audits tbody tr").count() == 6
    assert "Moderation of 2026-11's audits is due by" in page.inner_text(".aw-track-audits")
    assert page.locator(".aw-downloads a[download]").count() == 3
    with AuditStore(lead_server.store_url) as store:
        assert len(store.find_audits(month="2026-11")) == 6
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["nodes"][0]["target"]) for v in bad]
    assert page.external_requests == []
