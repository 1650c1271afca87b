"""A signed-in auditor on a real JupyterHub tries every way past the pages. Each attempt is
refused, and nothing is read, started or changed."""
from __future__ import annotations

import subprocess
import uuid

import pytest

from auditlib.store import AuditStore
from tests.hub import ROOT, sign_in
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


def _kernels() -> set[str]:
    out = subprocess.run(["pgrep", "-f", "ipykernel_launcher"], capture_output=True, text=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_nothing_but_the_pages_is_served(hub, ash, method, path):
    """Is every route that is not a page refused, even with the cross-site token a page
    script could read?"""
    context, _page = ash
    xsrf = next((c["value"] for c in context.cookies() if c["name"] == "_xsrf"), "")
    before, files = _kernels(), _files(hub)
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
    assert _kernels() - before == set()  # no kernel was started


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
