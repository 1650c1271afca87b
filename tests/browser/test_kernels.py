"""Each page has a kernel of its own: closing a page frees it, and so does a page that vanished.

Counted as the machine sees it: the kernel processes running under ``auditlib serve``'s Voilà.
Before, every page view left its kernel running for an hour (a closing page's shutdown request
was refused, 403 '_xsrf' argument missing): after 40 views, 40 kernels.
"""
from __future__ import annotations

import time

import psutil
import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import Server, open_workbook
from tests.browser.test_audit_workbook import wait_text

pytestmark = pytest.mark.browser


def kernels(server: Server) -> int:
    """The kernel processes started by the server's Voilà."""
    return sum("ipykernel" in " ".join(p.cmdline())
               for p in psutil.Process(server.proc.pid).children(recursive=True)
               if p.is_running() and p.status() != psutil.STATUS_ZOMBIE)


def settle(server: Server, most: int, within: float) -> int:
    """The number of kernels, once it is at most ``most`` or ``within`` seconds have passed."""
    deadline = time.monotonic() + within
    while (count := kernels(server)) > most and time.monotonic() < deadline:
        time.sleep(1)
    return count


def test_closing_a_page_frees_its_kernel(server, browser):
    """A person closes the tab: the page asks for its kernel to be shut down, and it is (with
    the server's default idle time, so no culling can account for it)."""
    link = server.links["full-audit"]
    context = browser.new_context()
    try:
        before = kernels(server)
        for _ in range(8):
            page = context.new_page()
            open_workbook(page, link)
            assert kernels(server) >= before + 1
            page.close(run_before_unload=True)  # as closing a tab does
        assert settle(server, before, within=20) <= before, \
            "closed pages left their kernels running"
    finally:
        context.close()


def test_forty_page_views_leave_only_the_open_pages_kernels(browser, tmp_path, monkeypatch):
    """40 views of a page, half closed as a tab closes and half dropped without a word (a
    crashed tab), while one page stays open: within a minute only the open page's kernel is
    left, and that page still answers."""
    monkeypatch.setenv("AUDITLIB_KERNEL_IDLE", "5")  # so that a test can wait for culling
    server = Server(tmp_path)
    context = browser.new_context()
    try:
        link = server.links["full-audit"]
        kept = context.new_page()
        open_workbook(kept, link)
        for batch in range(10):  # four at a time, as people open pages at once
            pages = [context.new_page() for _ in range(4)]
            for page in pages:
                page.goto(link, wait_until="commit")
            for view, page in enumerate(pages):
                page.wait_for_selector(".aw-save-status", timeout=90_000)
                page.close(run_before_unload=(batch + view) % 2 == 0)
        assert settle(server, 1, within=60) == 1, "kernels of pages gone were left running"
        time.sleep(8)  # past the idle time again: the open page's kernel is still kept
        assert kernels(server) == 1
        # the open page still reaches its kernel: what is typed in it is saved
        kept.fill(".aw-evidence-q1 textarea", "Written after forty other page views.")
        wait_text(kept, ".aw-save-status", "Saved")
        kept.wait_for_timeout(1200)
        wait_text(kept, ".aw-save-status", "Saved")
        with AuditStore(server.store_url) as store:
            answers = store.find_audit(server.audit_id("full-audit"))["answers"]
        assert answers["q1"]["evidence"] == "Written after forty other page views."
        assert kernels(server) == 1
    finally:
        context.close()
        server.stop()


def test_closing_a_page_frees_its_kernel_under_the_hub(hub, browser):
    """The same under JupyterHub: a person's closed pages leave no kernel on their server."""
    from tests.hub import hub_kernels, sign_in

    base, audit = hub["base"], hub["audits"]["bo"]
    context, _home = sign_in(browser, base, "bo")
    try:
        before = len(hub_kernels(hub, "bo"))  # the landing page's own
        for _ in range(4):
            page = context.new_page()
            page.goto(f"{base}/user/bo/voila/render/audit.ipynb?audit_id={audit}")
            page.wait_for_selector(".aw-save-status", timeout=90_000)
            assert len(hub_kernels(hub, "bo")) >= before + 1
            page.close(run_before_unload=True)
        deadline = time.monotonic() + 20
        while len(hub_kernels(hub, "bo")) > before and time.monotonic() < deadline:
            time.sleep(1)
        assert len(hub_kernels(hub, "bo")) <= before, "closed pages left their kernels on the hub"
        assert "api/shutdown" not in " ".join(
            line for line in hub["log"].read_text().splitlines() if " 403 " in line)
    finally:
        context.close()
