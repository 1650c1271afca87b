"""Idle servers on the hub: a person's server that nobody uses is stopped by the hub
(jupyterhub-idle-culler as a hub-managed service, ``AUDITLIB_HUB_IDLE``), so a closed laptop does
not hold a server, its kernels and a connection to the store for days.

A hub of its own, with a timeout of seconds, on ports of its own and a SQLite store (the
culling is the hub's business, not the store's): it can run beside the session's hub (``hub`` in
tests/conftest.py, tests/hub.py), whose servers are never culled during the tests.
"""
from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.hub import HUB, PASSWORD, ROOT, _port, _proxy, sign_in

pytestmark = pytest.mark.browser

IDLE = 6  # seconds: long enough for the page to open, short enough for a quick test


def _server(state: Path, name: str) -> int | None:
    """The port of ``name``'s running server, from the hub's own database; None when stopped.
    (Asking the hub's database, not the server, so that looking is not itself activity.)"""
    with sqlite3.connect(f"file:{state / 'jupyterhub.sqlite'}?mode=ro", uri=True) as db:
        row = db.execute("SELECT servers.port FROM spawners JOIN users ON spawners.user_id = "
                         "users.id LEFT JOIN servers ON spawners.server_id = servers.id "
                         "WHERE users.name = ? AND spawners.name = ''", (name,)).fetchone()
    return row[0] if row else None


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def culling_hub(state: Path) -> Iterator[dict]:
    """The deployment's hub (trial sign-in for bo, an auditor) culling after :data:`IDLE`."""
    from tests.stores import only, open_store, sqlite_url

    proxy = _proxy()
    if proxy is None:
        why = "no configurable-http-proxy (npm install in deploy/jupyterhub)"
        if os.environ.get("CI"):
            pytest.fail(f"JupyterHub test cannot run under CI: {why}")
        pytest.skip(f"JupyterHub test skipped: {why}")
    with open_store(sqlite_url(state), only("lead", "bo")) as store:
        url = store.url
        audit = store.add_audit(framework="full-audit", child_id="CULL-1", auditor="bo",
                                user="lead")
    port = _port()
    env = dict(os.environ, AUDITLIB_STORE=url, AUDITLIB_HUB_AUTH="local",
               AUDITLIB_HUB_PASSWORD=PASSWORD, AUDITLIB_HUB_PORT=str(port),
               AUDITLIB_HUB_API_PORT=str(_port()), AUDITLIB_HUB_PROXY_API_PORT=str(_port()),
               AUDITLIB_HUB_STATE=str(state),
               AUDITLIB_HUB_USERS="bo", AUDITLIB_HUB_IDLE=str(IDLE),
               AUDITLIB_WORKBOOKS=str(ROOT / "workbooks"),
               PATH=os.pathsep.join([str(Path(proxy).parent), str(Path(sys.executable).parent),
                                     os.environ.get("PATH", "")]))
    for name in ("AUDITLIB_USER", "AUDITLIB_STORE_FILE", "AUDITLIB_HUB_ANALYSTS"):
        env.pop(name, None)
    base = f"http://127.0.0.1:{port}"
    with (state / "hub.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f",
                                 str(HUB / "jupyterhub_config.py")], cwd=state, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    urllib.request.urlopen(f"{base}/hub/login", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.5)
            yield {"base": base, "state": state, "log": state / "hub.log", "audit": audit}
        finally:
            proc.terminate()  # the hub stops the servers it started as it goes
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_a_server_nobody_uses_is_stopped_by_the_hub(tmp_path, browser):
    with culling_hub(tmp_path) as hub:
        context, page = sign_in(browser, hub["base"], "bo")  # starts bo's server
        assert "Case file audits" in page.inner_text(".aw-home")
        port = _server(hub["state"], "bo")
        assert port and _listening(port)
        context.close()  # the tab closes: nothing uses the server from now on
        deadline = time.monotonic() + 20 * IDLE  # a ceiling for a slow machine, not a timing
        while _server(hub["state"], "bo") and time.monotonic() < deadline:
            time.sleep(1)
        log = hub["log"].read_text(encoding="utf-8", errors="replace")
        assert _server(hub["state"], "bo") is None, f"bo's server was not stopped:\n{log[-3000:]}"
        assert "Culling server bo" in log  # the culler stopped it, not something else
        deadline = time.monotonic() + 30
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _listening(port)  # the server itself is gone, not only the hub's record
        # signing in again starts a fresh server: nothing was lost on the way
        context, page = sign_in(browser, hub["base"], "bo")
        assert "Case file audits" in page.inner_text(".aw-home")
        context.close()


def test_a_server_in_use_is_not_stopped(tmp_path, browser):
    """Someone typing for several times the timeout keeps their server: the server tells the
    hub of its use often enough for the timeout (a report every 300 s, the default, would let
    the culler stop it under their fingers)."""
    with culling_hub(tmp_path) as hub:
        context, page = sign_in(browser, hub["base"], "bo")
        port = _server(hub["state"], "bo")
        page.goto(f"{hub['base']}/user/bo/voila/render/audit.ipynb?audit_id={hub['audit']}")
        box = page.locator(".aw-evidence-q1 textarea")
        box.wait_for(timeout=120_000)
        box.click()
        until = time.monotonic() + 3 * IDLE
        while time.monotonic() < until:
            page.keyboard.type("Seen. ")  # each key reaches the kernel: the page is in use
            time.sleep(1)
        log = hub["log"].read_text(encoding="utf-8", errors="replace")
        assert "Culling server bo" not in log, log[-3000:]
        assert _server(hub["state"], "bo") == port and _listening(port)
        context.close()
