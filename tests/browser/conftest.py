"""Browser tests: a real ``auditlib serve`` (Voilà) driven by Playwright in Debian's Chromium.

Chromium comes from Debian (``apt-get install chromium``); Playwright never downloads a browser
here. Without /usr/bin/chromium these tests are skipped with a line saying so, except under CI.
"""
from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("AUDITLIB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM} under CI")
        pytest.skip(f"browser tests skipped: no Chromium at {CHROMIUM} "
                    "(apt-get install chromium)")


class Server:
    """A running ``auditlib serve --demo``: its links by framework, its store URL."""

    def __init__(self, data: Path, user: str = "amira", args: tuple[str, ...] = ("--demo",)):
        self.data = data
        env = dict(os.environ, AUDITLIB_DATA=str(data), AUDITLIB_USER=user,
                   AUDITLIB_QUIET_VOILA="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "auditlib", "serve", *args, "--no-browser", "--port",
             str(_free_port())], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.links: dict[str, str] = {}
        self.moderate: dict[str, str] = {}
        section = self.links
        deadline = time.monotonic() + 90
        self.output = []
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.output.append(line)
            if line.startswith("To moderate:"):
                section = self.moderate
            match = re.match(r"\s+(\S+)\s+child \S+\s+(http\S+)", line)
            if match:
                section[match.group(1)] = match.group(2)
            match = re.match(r"Open: (http\S+)", line)
            if match:
                self.links["home"] = match.group(1)
            if line.startswith("Press Ctrl-C"):
                break
        if not self.links:
            self.stop()
            raise RuntimeError("auditlib serve did not start:\n" + "".join(self.output)
                               + self.proc.stderr.read())
        # read all the server says from now on: a pipe nobody reads fills (64 KB) and then
        # blocks the server mid-write, and every page it serves hangs
        self.said: collections.deque[str] = collections.deque(maxlen=2000)
        self.readers = [threading.Thread(target=self.said.extend, args=(stream,), daemon=True)
                        for stream in (self.proc.stdout, self.proc.stderr)]
        for reader in self.readers:
            reader.start()
        self.store_url = f"sqlite:///{data / 'demo.sqlite'}"

    def audit_id(self, framework: str) -> int:
        return int(re.search(r"audit_id=(\d+)", self.links[framework]).group(1))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=20)
        for reader in getattr(self, "readers", []):
            reader.join(timeout=20)   # the pipes end with the server
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_chromium()
    srv = Server(tmp_path_factory.mktemp("serve"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records every request leaving for somewhere other than this computer."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.external_requests = []
    pg.on("request", lambda r: pg.external_requests.append(r.url)
          if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
          else None)
    yield pg
    context.close()


#: the audit is ready to submit, as its page says beside Submit (Submit itself is never greyed
#: out while the audit can be changed: pressing it shows what is left to do)
READY = "document.querySelector('.aw-submit-reason').innerText.includes('Ready to submit')"


def open_workbook(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".aw-save-status", timeout=90_000)


def print_preview(page, shots: str | Path | None = None, name: str = "print") -> list[str]:
    """Show ``page`` as it prints (print preview, in a window an A4 sheet wide) and print it on
    A4: the text of each sheet, as a reader of the PDF sees it. With ``shots``, the PDF and the
    first sheet's view are kept there to be looked at."""
    import io
    import unicodedata

    from pypdf import PdfReader

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    pdf = page.pdf(format="A4", print_background=True)
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        Path(shots, f"{name}.pdf").write_bytes(pdf)
        page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        page.screenshot(path=str(Path(shots, f"{name}.png")))
    # NFKC: the PDF's ligatures ("ﬁ") as the letters a reader reads
    return [unicodedata.normalize("NFKC", sheet.extract_text())
            for sheet in PdfReader(io.BytesIO(pdf)).pages]


def says_connection_lost(page) -> None:
    """The page says in words, at the top of the window, that it lost its kernel, and offers
    to reload (connection.js's banner)."""
    banner = page.locator(".aw-offline[role=alert]")
    banner.wait_for(timeout=20_000)
    assert "Not connected — your last change was not saved" in banner.inner_text()
    assert banner.get_by_role("button", name="Reload, keeping what I typed").is_visible()
    # the widgets' own broken-link icons would only repeat it, pushing the layout out of line
    page.wait_for_selector(".jupyter-widgets-disconnected", state="attached", timeout=20_000)
    shown = page.locator(".jupyter-widgets-disconnected").evaluate_all(
        "els => els.filter(el => getComputedStyle(el, '::before').display !== 'none').length")
    assert shown == 0, f"{shown} widgets show a broken-link icon beside the banner"
