"""A real JupyterHub for the tests: configurable-http-proxy (from the npm registry) on loopback,
the deployment's own configuration, trial sign-in, one PostgreSQL store.

One hub serves the whole session (``hub`` in tests/conftest.py): starting one takes a while.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.stores import need_postgres, only, open_store, postgres_args, postgres_schema

ROOT = Path(__file__).resolve().parent.parent
HUB = ROOT / "deploy" / "jupyterhub"
PASSWORD = "trial-password"
USERS = ("ash", "bo", "mo", "lead", "ana")  # ana: an analyst, the named JupyterLab profile
#: each running hub's log, by its address: a sign-in that fails says what the hub saw
_LOGS: dict[str, Path] = {}


def _proxy() -> str | None:
    local = HUB / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_hub(state: Path, more_users: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
    """Start the hub with a store holding a lead auditor, auditors ash and bo (an audit each)
    and moderator mo, the hub connecting as a least-privilege role (``auditlib store grant``);
    yield its address, the owner's and the service's store URLs, audit ids and state folder.
    ``more_users`` may sign in too (the test adds them to the store)."""
    from tests.browser.conftest import _need_chromium
    _need_chromium()
    need_postgres("JupyterHub test")
    proxy = _proxy()
    if proxy is None:
        why = "no configurable-http-proxy (npm install in deploy/jupyterhub)"
        if os.environ.get("CI"):
            pytest.fail(f"JupyterHub test cannot run under CI: {why}")
        pytest.skip(f"JupyterHub test skipped: {why}")
    with postgres_schema("hub") as store_url:
        yield from _hub_on(store_url, proxy, state, more_users)


def _hub_on(store_url: str, proxy: str, state: Path, more_users: tuple[str, ...] = ()
            ) -> Iterator[dict[str, Any]]:
    """The hub of :func:`running_hub` on the store at ``store_url``."""
    import psycopg

    with open_store(store_url, only("lead", "ash", "bo", "mo")) as store:
        audits = {name: store.add_audit(framework="full-audit", child_id=f"HUB-{name}",
                                        auditor=name, user="lead") for name in ("ash", "bo")}
        # ash has written most of the audit already; the browser does the rest
        for q in range(2, 13):
            store.save_answer(audits["ash"], f"q{q}", user="ash", grade="meets_good",
                              evidence="Evidence.", impact="For the child, stability.")
        store.save_answer(audits["ash"], "q1", user="ash", evidence="Evidence.",
                          impact="For the child, safety.")
        store.save_answer(audits["bo"], "q2", user="bo", evidence="BO-CANARY lives with nan.")
    # the service connects as a least-privilege role of its own, as a council's would
    from auditlib.store.roles import grant_app_role

    port, api_port = _port(), _port()  # free ports: a hub on each test worker at once
    # one role per hub: a worker may run two hubs (the session's and a test's own)
    app_role = f"auditlib_hub_{os.getpid()}_{port}"
    args = postgres_args(autocommit=True)
    with psycopg.connect(**args) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {app_role}")
    grant_app_role(app_role, store_url)
    app_url = store_url.replace(f"//{args['user']}@", f"//{app_role}@", 1)
    env = dict(os.environ, AUDITLIB_STORE=app_url, AUDITLIB_HUB_AUTH="local",
               AUDITLIB_HUB_PASSWORD=PASSWORD, AUDITLIB_HUB_PORT=str(port),
               AUDITLIB_HUB_API_PORT=str(api_port), AUDITLIB_HUB_PROXY_API_PORT=str(_port()),
               AUDITLIB_HUB_STATE=str(state), AUDITLIB_HUB_USERS=",".join(USERS + more_users),
               AUDITLIB_HUB_ANALYSTS="ana",
               PATH=os.pathsep.join([str(Path(proxy).parent), str(Path(sys.executable).parent),
                                     os.environ.get("PATH", "")]))
    env.pop("AUDITLIB_USER", None)
    log = (state / "hub.log").open("w")
    # (AUDITLIB_TEST_HUB_CONFIG: another configuration, to show what an attack did before a fix)
    config = os.environ.get("AUDITLIB_TEST_HUB_CONFIG") or str(HUB / "jupyterhub_config.py")
    env.setdefault("AUDITLIB_WORKBOOKS", str(ROOT / "workbooks"))
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", config], cwd=state,
                            env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _LOGS[base] = state / "hub.log"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/hub/login", timeout=2).close()
            break
        except OSError:
            time.sleep(0.5)
    try:
        yield {"base": base, "api_port": api_port, "store": store_url, "app_store": app_url,
               "audits": audits, "state": state, "log": state / "hub.log"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        subprocess.run(["pkill", "-f", f"hub-api-url=http://127.0.0.1:{port}"], check=False)
        log.close()
        with psycopg.connect(**args) as conn:
            conn.execute(f"DROP OWNED BY {app_role}")
            conn.execute(f"DROP ROLE IF EXISTS {app_role}")


def sign_in(browser: Any, base: str, name: str, password: str = PASSWORD) -> tuple[Any, Any]:
    """A browser context signed in to the hub as ``name``, on their landing page."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("input[type=submit], button[type=submit]")
    try:
        page.wait_for_selector(".aw-home", timeout=120_000)
    except Exception as exc:  # say where the browser was stuck, not only that it waited
        text = page.evaluate("document.body ? document.body.innerText : ''")[:600]
        log = _LOGS.get(base)
        seen = log.read_text(errors="replace").splitlines()[-40:] if log else []
        raise AssertionError(f"{name}'s landing page did not open: at {page.url}, showing "
                             f"{text!r}; the hub's log ends:\n" + "\n".join(seen)) from exc
    return context, page


def hub_kernels(hub: dict[str, Any], user: str | None = None) -> set[int]:
    """The kernel processes of this hub's servers (of ``user``'s only, if named): the other
    test workers start kernels of their own at the same time."""
    import psutil

    found = set()
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "ipykernel" not in " ".join(proc.info["cmdline"] or ()):
                continue
            environ = proc.environ()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if f":{hub['api_port']}/" in environ.get("JUPYTERHUB_API_URL", "") and \
                user in (None, environ.get("JUPYTERHUB_USER")):
            found.add(proc.pid)
    return found
