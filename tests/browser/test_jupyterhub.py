"""Many users, one service: a real JupyterHub (configurable-http-proxy from the npm registry) on
loopback, people signing in through a real browser, one PostgreSQL store."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
HUB = ROOT / "deploy" / "jupyterhub"
PASSWORD = "trial-password"


def _proxy() -> str | None:
    local = HUB / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    from tests.browser.conftest import _need_chromium
    from tests.store.conftest import POSTGRES, _postgres_available, postgres_url
    _need_chromium()
    problem = _postgres_available()
    proxy = _proxy()
    for missing, why in ((problem, f"no PostgreSQL ({problem})"),
                         (proxy is None, "no configurable-http-proxy (npm install in "
                                         "deploy/jupyterhub)")):
        if missing:
            if os.environ.get("CI"):
                pytest.fail(f"JupyterHub test cannot run under CI: {why}")
            pytest.skip(f"JupyterHub test skipped: {why}")
    import psycopg
    from sqlalchemy.engine import make_url
    url = make_url(POSTGRES)
    schema = f"hub_{os.getpid()}"
    args = dict(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database,
                password=url.password, autocommit=True)
    with psycopg.connect(**args) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    store_url = postgres_url(schema)
    with AuditStore(store_url) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        for name in ("ash", "bo"):
            store.add_user(name, roles=["auditor"], user="lead")
        store.add_user("mo", roles=["moderator"], user="lead")
        audits = {name: store.add_audit(framework="full-audit", child_id=f"HUB-{name}",
                                        auditor=name, user="lead") for name in ("ash", "bo")}
        # ash has written most of the audit already; the browser does the rest
        for q in range(2, 13):
            store.save_answer(audits["ash"], f"q{q}", user="ash", grade="meets_good",
                              evidence="Evidence.", impact="For the child, stability.")
        store.save_answer(audits["ash"], "q1", user="ash", evidence="Evidence.",
                          impact="For the child, safety.")
    state = tmp_path_factory.mktemp("hub")
    port = _port()
    env = dict(os.environ, AUDITLIB_STORE=store_url, AUDITLIB_HUB_AUTH="local",
               AUDITLIB_HUB_PASSWORD=PASSWORD, AUDITLIB_HUB_PORT=str(port),
               AUDITLIB_HUB_STATE=str(state), AUDITLIB_HUB_USERS="ash,bo,mo,lead",
               PATH=os.pathsep.join([str(Path(proxy).parent), str(Path(sys.executable).parent),
                                     os.environ.get("PATH", "")]))
    env.pop("AUDITLIB_USER", None)
    log = (state / "hub.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f",
                             str(HUB / "jupyterhub_config.py")], cwd=state, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/hub/login", timeout=2).close()
            break
        except OSError:
            time.sleep(0.5)
    yield {"base": base, "store": store_url, "audits": audits, "state": state}
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    subprocess.run(["pkill", "-f", f"hub-api-url=http://127.0.0.1:{port}"], check=False)
    log.close()
    with psycopg.connect(**args) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def sign_in(browser, base: str, name: str):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_selector(".aw-home", timeout=120_000)
    return context, page


def test_three_people_sign_in_each_sees_their_own(hub, browser):
    base, audits = hub["base"], hub["audits"]
    ash_ctx, ash = sign_in(browser, base, "ash")
    assert f"Audit {audits['ash']}" in ash.inner_text(".aw-home")
    assert f"Audit {audits['bo']}" not in ash.inner_text(".aw-home")
    # a crafted link to bo's audit, through ash's own server: refused, not shown
    ash.goto(f"{base}/user/ash/voila/render/audit.ipynb?audit_id={audits['bo']}")
    ash.wait_for_selector(".aw-message", timeout=60_000)
    assert "cannot open it" in ash.inner_text(".aw-message")
    assert "HUB-bo" not in ash.inner_text("body")
    # and through bo's server: the hub refuses
    response = ash.goto(f"{base}/user/bo/voila/render/audit.ipynb?audit_id={audits['bo']}")
    assert response.status in (403, 404) or "No access" in ash.inner_text("body")
    # ash completes and submits her own audit in the browser
    ash.goto(f"{base}/user/ash/voila/render/audit.ipynb?audit_id={audits['ash']}")
    ash.wait_for_selector(".aw-save-status", timeout=60_000)
    ash.get_by_role("radio", name="Meets good").first.check()
    ash.wait_for_function("!document.querySelector('.aw-submit').disabled", timeout=15_000)
    ash.click(".aw-submit")
    ash.wait_for_function("document.querySelector('.aw-save-status').innerText"
                          ".includes('read-only')", timeout=15_000)
    ash_ctx.close()

    bo_ctx, bo = sign_in(browser, base, "bo")
    assert f"Audit {audits['bo']}" in bo.inner_text(".aw-home")
    bo.goto(f"{base}/user/bo/voila/render/audit.ipynb?audit_id={audits['bo']}")
    bo.wait_for_selector(".aw-save-status", timeout=60_000)
    bo.fill(".aw-evidence-q1 textarea", "Bo's evidence.")
    bo.wait_for_timeout(1200)
    bo_ctx.close()

    mo_ctx, mo = sign_in(browser, base, "mo")
    assert f"Audit {audits['ash']}" in mo.inner_text(".aw-home")  # to moderate
    mo.click(f"text=Audit {audits['ash']}")
    mo.wait_for_selector(".aw-mod-status", timeout=60_000)
    mo.get_by_role("radio", name="Does not meet good").first.check()
    mo.wait_for_timeout(800)
    mo.click(".aw-finalise")
    mo.wait_for_function("document.querySelector('.aw-mod-status').innerText"
                         ".includes('finalised')", timeout=15_000)
    mo_ctx.close()

    with AuditStore(hub["store"]) as store:
        ash_record = store.find_audit(audits["ash"])
        assert ash_record["status"] == "finalised"
        assert ash_record["answers"]["q1"]["grade"] == "meets_good"
        assert ash_record["moderation"]["q1"]["grade"] == "does_not_meet_good"
        who = {(h["what"], h["user"]) for h in store.history(audits["ash"])}
        assert ("answers.q1.grade", "ash") in who
        assert ("moderation.q1.grade", "mo") in who
        assert ("status", "mo") in who
        assert store.find_audit(audits["bo"])["answers"]["q1"]["evidence"] == "Bo's evidence."
        assert {h["user"] for h in store.history(audits["bo"])
                if h["what"].startswith("answers")} == {"bo"}
