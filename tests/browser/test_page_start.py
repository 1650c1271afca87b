"""A page opening: it opens, or it says in words that it could not, never a blank page.

Before, a page's kernel could be culled while its page was still opening: Voilà runs the
notebook as it sends the page, and the kernel then waits, idle and with no connection, for the
browser to load Voilà's scripts and connect. Jupyter Server's culler took that wait for a page
gone; with a short idle time (``AUDITLIB_KERNEL_IDLE``) and a busy computer the page stayed blank
("Loading widget...") until the tests gave up at 90 s. Here the browser is held at that very
moment (Voilà's script withheld) for longer than the idle time, so the old culler always struck.

A page that truly cannot open (its cell raised, its kernel died or was gone) says so, with a
way forward (reload), instead of a blank page or Voilà's words about ``--show_tracebacks``.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import Server, _need_chromium
from tests.browser.test_kernels import kernels, settle

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("AUDITLIB_SHOTS", "/tmp/shots13/page_start"))
IDLE = 1  # seconds: the culler looks every second, and strikes after one idle second
VOILA_JS = "**/voila/static/voila.js"
OPENED = ".aw-save-status, .aw-cannot-open"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture(scope="module")
def quick_culling(tmp_path_factory):
    """The demo, culling idle kernels after :data:`IDLE` second."""
    _need_chromium()
    patch = pytest.MonkeyPatch()
    patch.setenv("AUDITLIB_KERNEL_IDLE", str(IDLE))
    try:
        srv = Server(tmp_path_factory.mktemp("quick_culling"))
    finally:
        patch.undo()
    yield srv
    srv.stop()


def notebook(code: str) -> dict:
    """A page's notebook as ours are: the parameters, then the page."""
    cells = [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "outputs": [],
              "execution_count": None, "source": "month = None"},
             {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": code}]
    return {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                        "name": "python3"}, "language_info": {"name": "python"}}}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A folder of pages that cannot open: one whose cell raises, one whose kernel dies."""
    _need_chromium()
    folder = tmp_path_factory.mktemp("broken_pages")
    pages = {"raises": "raise RuntimeError('a fault in the page')",
             "dies": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"}
    for name, code in pages.items():
        (folder / f"{name}.ipynb").write_text(json.dumps(notebook(code)), encoding="utf-8")
    srv = Server(tmp_path_factory.mktemp("broken_serve"), args=(str(folder),))
    yield srv
    srv.stop()


def held_at_voila_js(page, url: str) -> list:
    """Open ``url``, holding back Voilà's script: the notebook has run and the page is all
    there, but the browser has not connected to the kernel. Returns the held request."""
    held: list = []
    page.route(VOILA_JS, lambda route: held.append(route))
    page.goto(url, wait_until="commit")
    for _ in range(900):  # the notebook runs first: up to 90 s, as open_workbook allows
        if held:
            return held
        page.wait_for_timeout(100)  # lets Playwright hand the held request over
    raise AssertionError("Voilà's script was never asked for")


def kernel_id(page) -> str:
    return re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page.content()).group(1)


def says_it_could_not_open(page, name: str, after_reload: str) -> None:
    """The page says, in words, that it could not open, and offers to reload, which shows
    ``after_reload``."""
    box = page.locator(".aw-cannot-open[role=alert]")
    box.wait_for(timeout=60_000)
    shot(page, name)
    words = page.evaluate("document.body.innerText")
    assert "Sorry, this page could not be opened" in words
    assert "Reload the page to try again" in words
    for jargon in ("Voilà", "show_tracebacks", "exception", "Loading widget", "cell ["):
        assert jargon not in words, f"{jargon!r} shown to a person: {words!r}"
    assert page.locator("#loading").count() == 0  # the spinner does not go on turning
    assert page.evaluate("document.activeElement.textContent") == \
        "Sorry, this page could not be opened"  # read out first by a screen reader
    assert page.title().startswith("Page could not be opened")
    from tests.browser.test_accessibility import described, serious
    assert not (found := serious(page)), described(found)
    # the way forward: the page is asked for again (a new kernel, the notebook run again)
    with page.expect_navigation(wait_until="commit"):
        page.get_by_role("button", name="Reload the page").click()
    page.locator(after_reload).wait_for(timeout=90_000)


def test_a_page_still_opening_keeps_its_kernel(quick_culling, browser):
    """The browser is slow to connect (held well past the idle time): the kernel waits for it,
    and the page opens."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        held = held_at_voila_js(page, quick_culling.links["full-audit"])
        # the culler looks every IDLE s; held for several of its looks past the idle time, the
        # kernel of a page still opening was always culled before
        page.wait_for_timeout(IDLE * 5 * 1000)
        assert kernels(quick_culling) == 1, "the kernel of a page still opening was culled"
        held[0].continue_()
        page.unroute(VOILA_JS)
        page.wait_for_selector(OPENED, timeout=90_000)
        assert page.locator(".aw-cannot-open").count() == 0
        page.wait_for_selector(".aw-save-status", timeout=30_000)
        shot(page, "opened-after-a-slow-start")
    finally:
        context.close()


def test_first_loads_at_once_with_quick_culling_all_open(quick_culling, browser):
    """Three pages opened at once, as a person opening their links: each opens (with a
    one-second idle time, about one in three stayed blank before)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pages = [context.new_page() for _ in range(3)]
        links = [quick_culling.links[f] for f in ("full-audit", "cla-leaving-care", "home")]
        for page, link in zip(pages, links):
            page.goto(link, wait_until="commit")
        for page, link in zip(pages, links):
            try:
                page.wait_for_selector(OPENED + ", .aw-home", timeout=90_000)
            except Exception:
                shot(page, "first-load-at-once-failed")
                raise AssertionError(
                    f"{link}: {page.evaluate('document.body.innerText')!r}") from None
            assert page.locator(".aw-cannot-open").count() == 0
    finally:
        context.close()


def test_a_page_whose_kernel_went_before_it_connected_says_so(quick_culling, browser):
    """The kernel is gone (shut down, as a closing tab asks) before the page reaches it: the
    page says it could not open, instead of "Loading widget..." for ever."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        before = kernels(quick_culling)
        held = held_at_voila_js(page, quick_culling.links["scaled-social-care"])
        base = re.match(r"(http://[^/]+)/", quick_culling.links["home"]).group(1)
        xsrf = next(c["value"] for c in context.cookies() if c["name"] == "_xsrf")
        answer = context.request.post(f"{base}/voila/api/shutdown/{kernel_id(page)}",
                                      form={"_xsrf": xsrf})
        assert answer.ok, answer.status
        assert settle(quick_culling, before, within=20) <= before, "the kernel lived on"
        held[0].continue_()
        page.unroute(VOILA_JS)
        # reloading opens the page: its new kernel is there
        says_it_could_not_open(page, "kernel-gone-before-the-page-connected", ".aw-save-status")
    finally:
        context.close()


@pytest.mark.parametrize("name", ["raises", "dies"])
def test_a_page_that_cannot_be_built_says_so(broken, page, name):
    """The page's cell raises (a fault), or its kernel dies while the page is built."""
    base = re.match(r"(http://[^/]+)/\?token=(\S+)", broken.links["home"])
    page.goto(f"{base.group(1)}/voila/render/{name}.ipynb?token={base.group(2)}")
    # a page that cannot be built fails again on reloading, and says so again
    says_it_could_not_open(page, f"cannot-open-{name}", ".aw-cannot-open[role=alert]")
