"""A signed-in auditor on a real JupyterHub tries every way past the pages. Each attempt is
refused, and nothing is read, started or changed."""
from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from tests.hub import ROOT, hub_kernels, sign_in
from tests.security.kernel_attack import REFUSED_REPLIES, attack_kernel, saved_soon

pytestmark = pytest.mark.browser
WORKBOOKS = ROOT / "workbooks"

#: everything a Jupyter server can offer beyond the pages: editors, files, terminals, kernels
ROUTES = [
    ("GET", "lab"), ("GET", "lab/tree/audit.ipynb"), ("GET", "tree"),
    ("GET", "notebooks/audit.ipynb"), ("GET", "edit/audit.ipynb"), ("GET", "files/audit.ipynb"),
    ("GET", "view/audit.ipynb"), ("GET", "nbconvert/html/audit.ipynb"),
    ("GET", "api/contents"), ("GET", "api/contents/audit.ipynb"),
    ("PUT", "api/contents/evil.ipynb"), ("POST", "api/contents"),
    ("GET", "api/terminals"), ("POST", "api/terminals"), ("GET", "terminals/1"),
    ("GET", "api/kernels"), ("POST", "api/kernels"), ("GET", "api/sessions"),
    ("POST", "api/sessions"), ("GET", "api/kernelspecs"), ("GET", "api/config/notebook"),
    ("GET", "api/nbconvert"), ("GET", "api/me"), ("GET", "api/status"), ("GET", "api/events"),
    ("GET", "voila/tree"), ("GET", "voila/files/audit.ipynb"), ("GET", "voila/api/contents"),
    ("GET", "voila/files/manifest.csv"), ("GET", "files/manifest.csv"),
    ("GET", "voila/render/../../api/contents"), ("GET", "voila/render/%2e%2e/api/contents"),
    ("GET", "voila/render/audit.ipynb/../../lab"),
]


@pytest.fixture(scope="module")
def ash(hub, browser):
    context, page = sign_in(browser, hub["base"], "ash")
    yield context, page
    context.close()


def _files(hub) -> set[str]:
    return {str(p) for folder in (WORKBOOKS, hub["state"] / "users") for p in folder.rglob("*")}


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_nothing_but_the_pages_is_served(hub, ash, method, path):
    """Is every route that is not a page refused, even with the cross-site token a page
    script could read?"""
    context, _page = ash
    xsrf = next((c["value"] for c in context.cookies() if c["name"] == "_xsrf"), "")
    before, files = hub_kernels(hub), _files(hub)
    body = '{"type": "notebook", "content": {"cells": [], "metadata": {}, "nbformat": 4, ' \
           '"nbformat_minor": 5}, "format": "json", "name": "x", "path": "evil.ipynb", ' \
           '"kernel": {"name": "python3"}}'
    response = context.request.fetch(
        f"{hub['base']}/user/ash/{path}", method=method, max_redirects=0,
        headers={"X-XSRFToken": xsrf, "Content-Type": "application/json"},
        data=body if method in ("POST", "PUT") else None)
    assert response.status in (403, 404), (method, path, response.status, response.text()[:200])
    assert "BO-CANARY" not in response.text() and "HUB-bo" not in response.text()
    assert _files(hub) == files  # nothing written, in the pages' folder or anywhere of the hub's
    assert hub_kernels(hub) - before == set()  # no kernel was started


def test_the_pages_own_kernel_runs_no_code(hub, ash, tmp_path):
    """Does the page's kernel channel drop everything but widget messages, while the page
    goes on working?"""
    _context, page = ash
    marker = tmp_path / f"ran-{uuid.uuid4().hex}"
    page.goto(f"{hub['base']}/user/ash/voila/render/audit.ipynb?audit_id={hub['audits']['ash']}")
    page.wait_for_selector(".aw-save-status", timeout=60_000)
    replies = attack_kernel(page, hub["base"].replace("http", "ws") + "/user/ash", str(marker))
    assert "kernel_info_reply" in replies  # the channel works: the rest was dropped, not lost
    assert not set(replies) & set(REFUSED_REPLIES), replies
    assert not marker.exists()
    assert "dropped a 'execute_request' message" in hub["log"].read_text()
    # the kernel was not shut down either: the page still saves
    with AuditStore(hub["store"]) as store:
        status = store.find_audit(hub["audits"]["ash"])["status"]
    if status in ("in_progress", "returned"):
        page.fill(".aw-evidence-q1 textarea", "Evidence after the attack.")
        assert saved_soon(hub["store"], hub["audits"]["ash"], "Evidence after the attack.")


@pytest.mark.parametrize(("who", "page_name"), [
    ("ash", "audit"), ("ash", "moderation"), ("mo", "moderation"), ("mo", "audit")])
def test_another_persons_audit_is_refused(hub, browser, who, page_name):
    """An auditor names another auditor's audit; a moderator names an audit still in
    progress with no moderator: both are refused, and nothing of the child is shown."""
    context, page = sign_in(browser, hub["base"], who)
    try:
        page.goto(f"{hub['base']}/user/{who}/voila/render/{page_name}.ipynb"
                  f"?audit_id={hub['audits']['bo']}")
        page.wait_for_selector(".aw-message", timeout=60_000)
        text = page.inner_text("body")
        assert "BO-CANARY" not in text and "HUB-bo" not in text
        assert "BO-CANARY" not in page.content()
    finally:
        context.close()


def test_an_auditor_cannot_open_the_lead_auditors_page(hub, ash):
    _context, page = ash
    page.goto(f"{hub['base']}/user/ash/voila/render/lead_auditor.ipynb")
    page.wait_for_selector(".aw-message", timeout=60_000)
    assert "HUB-bo" not in page.inner_text("body")


def test_another_persons_server_is_refused(hub, ash):
    """ash's browser asks for bo's server: the hub refuses."""
    context, _page = ash
    response = context.request.get(f"{hub['base']}/user/bo/voila/render/audit.ipynb"
                                   f"?audit_id={hub['audits']['bo']}", max_redirects=5)
    assert "BO-CANARY" not in response.text() and "HUB-bo" not in response.text()
    assert response.status in (403, 404) or "No access" in response.text() or \
        "/hub/login" in response.url or "/hub/" in response.url


def test_the_service_role_cannot_rewrite_the_trail(hub):
    """With the credentials the hub's servers use (a least-privilege role), the trail cannot
    be rewritten: the database refuses, and a row slipped in outside auditlib is found."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(hub["app_store"])
    connect = dict(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database,
                   options=url.query["options"].replace("%3D", "="), autocommit=True)
    with AuditStore(hub["store"]) as store:
        before = store.history(hub["audits"]["bo"])
    assert before and {h["user"] for h in before if h["what"].startswith("answers")} == {"bo"}
    for statement in (
            "UPDATE history SET user_name = 'ash' WHERE user_name = 'bo'",
            "DELETE FROM history WHERE user_name = 'bo'",
            "TRUNCATE history",
            "DROP TRIGGER IF EXISTS history_append_only ON history",
            "ALTER TABLE history DISABLE TRIGGER ALL"):
        with psycopg.connect(**connect) as conn, pytest.raises(psycopg.Error):
            conn.execute(statement)
    with psycopg.connect(**connect) as conn:  # a forged row, inserted by hand
        conn.execute("INSERT INTO history (audit_id, at, user_name, what, old, new) VALUES "
                     "(%s, '2026-01-01T00:00:00+00:00', 'bo', 'answers.q2.evidence', NULL, "
                     "'\"forged\"')", (hub["audits"]["bo"],))
    with AuditStore(hub["store"]) as store:
        assert store.history(hub["audits"]["bo"])[:len(before)] == before
        problems = store.verify_history()
    assert problems and any("not written by auditlib" in p or "changed" in p for p in problems)


def test_jupyterlab_only_for_a_named_analyst_without_the_pages_store(hub, browser):
    """An analyst named in AUDITLIB_HUB_ANALYSTS gets JupyterLab (they run code), and their
    server is given no address of the pages' store; nobody else gets it (above)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{hub['base']}/hub/login")
        page.fill("input[name=username]", "ana")
        page.fill("input[name=password]", "trial-password")
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url("**/user/ana/lab**", timeout=120_000)
        assert context.request.get(f"{hub['base']}/user/ana/lab").status == 200
        out = subprocess.run(["pgrep", "-f", "jupyterhub.singleuser"], capture_output=True,
                             text=True).stdout.split()
        environments = []
        for pid in out:
            try:
                environments.append(Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"))
            except OSError:
                continue
        ana = [e for e in environments if b"JUPYTERHUB_USER=ana" in e]
        assert ana, "ana's server was not found"
        store_vars = (b"AUDITLIB_STORE=", b"AUDITLIB_STORE_FILE=")
        assert not [v for v in ana[0] if v.startswith(store_vars)]
    finally:
        context.close()


def test_a_pages_kernel_holds_no_credentials(hub, ash):
    """Were code ever to run in a page's kernel, it would find neither the server's hub token
    nor a database password in its environment."""
    _context, page = ash
    page.goto(f"{hub['base']}/user/ash/voila/render/home.ipynb")
    page.wait_for_selector(".aw-home", timeout=60_000)
    found = []
    for pid in hub_kernels(hub):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"JUPYTERHUB_USER=ash" in environ:
            found.append(environ)
    assert found, "no kernel of ash's found"
    for environ in found:
        names = {e.split(b"=", 1)[0] for e in environ}
        assert not names & {b"JUPYTERHUB_API_TOKEN", b"JPY_API_TOKEN", b"JUPYTER_TOKEN"}
        store = [e for e in environ if e.startswith(b"AUDITLIB_STORE=")]
        assert store and b":" not in store[0].split(b"//", 1)[1].split(b"@")[0]  # no password
