"""A page whose kernel fails while the page is built: the page ends, and says it could not open.

Voilà sends a page as it builds it: the template's head, then (the page's kernel started) each
cell's outputs. When the kernel died before it first answered, or did not answer in time on a
busy computer, Voilà's builder raised and its handler went on waiting for it, sending a
"heartbeat" every ten seconds: the page never ended (a browser spinning for ever; a test reading
it hung for twenty minutes, each heartbeat resetting its read timeout). Now the page ends where it
was, the page cut short says it could not be opened, and the kernel is shut down.

The kernels here are real ipykernels, late or failing to start as a busy computer's can: a page's
notebook names a kernel of this test's own (``JUPYTER_PATH``).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from tests.browser.conftest import browser, page  # noqa: F401 - fixtures for the browser test

#: seconds to wait for a page to end before calling it a hang (it ends in a few)
HANG = 90

#: kernels that start as they can on a busy computer: "late" waits (until this test kills it;
#: started again by Jupyter Server, it fails at once), "gone" fails at once, every time
KERNELS = {
    "late": "import os, sys, time\n"
            "marker = os.environ['AUDITLIB_TEST_MARKER']\n"
            "if os.path.exists(marker): sys.exit(1)\n"
            "open(marker, 'w').close()\n"
            "time.sleep(600)\n"
            "from ipykernel.kernelapp import launch_new_instance\n"
            "launch_new_instance()",
    "gone": "import sys\nsys.exit(1)",
}


def notebook(kernel: str) -> dict:
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "id": "page", "source": "print('the page')"}]
    return {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"display_name": kernel, "language": "python",
                                        "name": kernel}, "language_info": {"name": "python"}}}


class Serving:
    """``auditlib serve`` on a folder of pages whose kernels are :data:`KERNELS`; Voilà's log
    goes to a file, for the failure messages."""

    def __init__(self, root: Path) -> None:
        for name, code in KERNELS.items():
            spec = root / "jupyter" / "kernels" / name
            spec.mkdir(parents=True)
            (spec / "kernel.json").write_text(json.dumps({
                "argv": [sys.executable, "-c", code, "-f", "{connection_file}"],
                "display_name": name, "language": "python"}), encoding="utf-8")
        pages = root / "pages"
        pages.mkdir()
        for name in KERNELS:
            (pages / f"{name}.ipynb").write_text(json.dumps(notebook(name)), encoding="utf-8")
        self.marker = root / "late-kernel-started"
        self.log = root / "serve.log"
        env = {k: v for k, v in os.environ.items() if k != "AUDITLIB_QUIET_VOILA"}
        env.update(AUDITLIB_DATA=str(root / "data"), AUDITLIB_USER="amira",
                   JUPYTER_PATH=str(root / "jupyter"), AUDITLIB_TEST_MARKER=str(self.marker))
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "auditlib", "serve", "--no-browser", str(pages)],
                env=env, stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True)
        lines = []
        for line in self.proc.stdout:
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        found = re.search(r"(http://127\.0\.0\.1:\d+)/\S*token=(\S+)", "".join(lines))
        if not found:
            self.stop()
            raise AssertionError("serve did not start:\n" + "".join(lines) + self.said())
        self.base, self.token = found.groups()

    def link(self, name: str) -> str:
        return f"{self.base}/voila/render/{name}.ipynb?token={self.token}"

    def said(self) -> str:
        return "\nserve's log:\n" + self.log.read_text(errors="replace")[-6000:]

    def kernels(self) -> list[psutil.Process]:
        """The kernel processes serve's Voilà started (ours, late or failing, included)."""
        found = []
        for proc in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if any(re.search(r"kernel-[0-9a-f-]+\.json$", a) for a in proc.cmdline()) \
                        and proc.status() != psutil.STATUS_ZOMBIE:
                    found.append(proc)
            except psutil.NoSuchProcess:
                pass
        return found

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.communicate(timeout=30)


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    srv = Serving(tmp_path_factory.mktemp("page_render"))
    yield srv
    srv.stop()


class Reading(threading.Thread):
    """A page read to its end (or until serve stops), piece by piece as Voilà sends it."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.page, self.error = url, b"", None
        self.start()

    def run(self) -> None:
        import urllib.request
        try:
            with urllib.request.urlopen(self.url, timeout=HANG) as response:
                while piece := response.read1(65536):
                    self.page += piece
        except Exception as exc:  # reported by the test
            self.error = exc

    def ended(self, within: float) -> bool:
        self.join(within)
        return not self.is_alive()


def cut_short_and_says_so(serving: Serving, reading: Reading) -> None:
    assert reading.ended(within=HANG), (
        f"the page never ended: {len(reading.page)} bytes, then "
        f"{reading.page.count(b'voila_heartbeat()')} heartbeats" + serving.said())
    assert reading.error is None, f"{reading.error!r}" + serving.said()
    html = reading.page.decode()
    # the page's head came, with the script that says a page cut short could not be opened
    assert html.startswith("<!DOCTYPE html>") and "static/connection.js" in html, html[-500:]
    assert "voila.js" not in html  # cut short: Voilà's script never came
    assert re.search(r"ERROR \| auditlib-voila: page \S+ could not be built \(RuntimeError: "
                     r"Kernel died before replying to kernel_info\)", serving.said())
    # no kernel is left for a page that will never use it
    deadline = time.monotonic() + HANG
    while serving.kernels() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not serving.kernels(), [k.cmdline() for k in serving.kernels()]


def test_a_page_whose_kernel_is_killed_before_it_answers_ends(serving):
    """The kernel is killed while the page waits for it to answer (the head already sent)."""
    serving.marker.unlink(missing_ok=True)
    reading = Reading(serving.link("late"))
    deadline = time.monotonic() + HANG
    # the page's head sent, its kernel waited for
    while not (serving.marker.exists() and reading.page) and time.monotonic() < deadline:
        time.sleep(0.2)
    late = [k for k in serving.kernels() if "AUDITLIB_TEST_MARKER" in " ".join(k.cmdline())]
    assert late, "the page's kernel never started" + serving.said()
    assert reading.is_alive() and reading.page, "the page was not being built" + serving.said()
    for kernel in late:
        os.kill(kernel.pid, signal.SIGKILL)
    cut_short_and_says_so(serving, reading)


def test_a_page_whose_kernel_dies_as_it_starts_ends(serving):
    """The kernel dies at once, each time Jupyter Server starts it again."""
    cut_short_and_says_so(serving, Reading(serving.link("gone")))


@pytest.mark.browser
def test_a_page_whose_kernel_died_as_it_started_says_so_in_the_browser(serving, page):  # noqa: F811
    """What a person sees: the page says it could not be opened, instead of loading for ever;
    reloading asks again (and, the kernel failing again, says so again)."""
    from tests.browser.test_page_start import says_it_could_not_open

    page.goto(serving.link("gone"), wait_until="commit")
    says_it_could_not_open(page, "kernel-died-as-it-started", ".aw-cannot-open[role=alert]")
