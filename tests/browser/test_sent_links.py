"""The manifest's links, sent and opened (issue 14): each auditor sees their own audit and
nobody else's, whoever opens a link signs in first, and no link carries a token.

On a real JupyterHub (its user-redirect sends each signed-in person to their own server) and on
``auditlib serve --public-url`` (the token asked for by Jupyter's login page), in Chromium.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from auditlib.month.generate import generate_workbooks
from auditlib.store import AuditStore
from tests.browser.conftest import _free_port, _need_chromium
from tests.hub import PASSWORD, sign_in
from tests.stores import only, open_store, sqlite_url
from tests.test_generate import read_manifest

pytestmark = pytest.mark.browser


def _month(store: AuditStore, folder: Path, public_url: str, auditors: dict[str, str]
           ) -> dict[str, dict[str, str]]:
    """Generate a month (one child per auditor, ``{auditor: child}``) as the lead auditor;
    each auditor's manifest row."""
    folder.mkdir(parents=True, exist_ok=True)
    sample = folder / "sample.csv"
    sample.write_text("child_id,auditor,month,due_date,framework\n" + "".join(
        f"{child},{auditor},2026-11,2026-11-15,full-audit\n"
        for auditor, child in auditors.items()), encoding="utf-8")
    generate_workbooks(sample, folder / "workbooks", store, "lead", progress=False,
                       public_url=public_url)
    rows = read_manifest(folder / "workbooks" / "manifest.csv")
    assert all("token" not in row["link"] for row in rows)
    return {row["auditor"]: row for row in rows}


def _open_audit(page, link: str, child: str) -> None:
    page.wait_for_selector(".aw-save-status", timeout=120_000)
    assert child in page.inner_text("body")
    evidence = page.locator(".aw-evidence-q1 textarea")
    assert evidence.is_editable(), f"{link}: the audit opened read-only"


# --------------------------------------------------------------------------- on JupyterHub

def test_on_the_hub_each_link_opens_its_auditors_audit_only(hub, browser, tmp_path):
    base = hub["base"]
    public = f"{base}/hub/user-redirect/"
    tag = uuid.uuid4().hex[:6].upper()
    children = {"ash": f"LINK-A-{tag}", "bo": f"LINK-B-{tag}"}
    with AuditStore(hub["store"]) as store:
        rows = _month(store, tmp_path, public, children)
    ash_link, bo_link = rows["ash"]["link"], rows["bo"]["link"]
    assert ash_link == f"{public}voila/render/audit.ipynb?audit_id={rows['ash']['audit_id']}"

    # ash, signed in, opens her link: her own server, her audit, editable
    ash_ctx, ash = sign_in(browser, base, "ash")
    try:
        ash.goto(ash_link)
        _open_audit(ash, ash_link, children["ash"])
        assert ash.url.startswith(f"{base}/user/ash/voila/render/audit.ipynb")
        # bo's link, opened by ash: her own server again, and the audit refused
        ash.goto(bo_link)
        assert ash.url.startswith(f"{base}/user/ash/")
        ash.wait_for_selector(".aw-message", timeout=60_000)
        assert "cannot open it" in ash.inner_text(".aw-message")
        assert children["bo"] not in ash.inner_text("body")
        assert not ash.locator(".aw-save-status").count()
    finally:
        ash_ctx.close()

    # nobody signed in: bo's link asks for sign-in, then opens bo's audit (next=)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        page = context.new_page()
        page.goto(bo_link)
        page.wait_for_selector("input[name=username]", timeout=60_000)
        assert page.url.startswith(f"{base}/hub/login")
        assert children["bo"] not in page.content()
        page.fill("input[name=username]", "bo")
        page.fill("input[name=password]", PASSWORD)
        page.click("input[type=submit], button[type=submit]")
        _open_audit(page, bo_link, children["bo"])
        assert page.url.startswith(f"{base}/user/bo/voila/render/audit.ipynb")
        assert f"audit_id={rows['bo']['audit_id']}" in page.url
    finally:
        context.close()


# --------------------------------------------------------------------------- on auditlib serve

def _get(url: str) -> tuple[int, str, str]:
    """Status, body and where it redirects to (redirects not followed)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=30) as response:
            return response.status, response.read().decode(errors="replace"), ""
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode(errors="replace"), exc.headers.get("Location", "")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A month generated under a public address (as a reverse proxy would pass it on), served
    by ``auditlib serve --public-url`` as ash."""
    _need_chromium()
    folder = tmp_path_factory.mktemp("sent")
    port = _free_port()
    public = f"http://127.0.0.1:{port}/"
    url = sqlite_url(folder)
    tag = uuid.uuid4().hex[:6].upper()
    children = {"ash": f"SENT-A-{tag}", "bo": f"SENT-B-{tag}"}
    with open_store(url, only("lead", "ash", "bo")) as store:
        rows = _month(store, folder / "2026-11", public, children)
    env = dict(os.environ, AUDITLIB_DATA=str(folder / "data"), AUDITLIB_USER="ash",
               AUDITLIB_QUIET_VOILA="1")
    env.pop("AUDITLIB_PUBLIC_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditlib", "serve", str(folder / "2026-11" / "workbooks"),
         "--store", url, "--no-browser", "--port", str(port), "--public-url", public],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Press Ctrl-C"):
            break
    try:
        assert lines and lines[-1].startswith("Press Ctrl-C"), "".join(lines) + \
            (proc.stderr.read() if proc.poll() is not None else "")
        token = re.search(r"^Open: \S+\?token=(\S+)", "".join(lines), re.M).group(1)
        yield {"public": public, "rows": rows, "children": children, "lines": lines,
               "token": token, "local": public}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_serve_prints_the_links_to_send_without_the_token(served):
    text = "".join(served["lines"])
    with_token = [line for line in served["lines"] if served["token"] in line]
    assert len(with_token) == 1 and with_token[0].startswith("Open: http://127.0.0.1:")
    # the link printed for ash's audit is the manifest's, exactly; bo's is not printed
    assert f" {served['rows']['ash']['link']}\n" in text
    assert served["rows"]["bo"]["link"] not in text and served["children"]["bo"] not in text


def test_a_sent_link_asks_for_the_token_then_opens_the_audit(served, browser):
    link = served["rows"]["ash"]["link"]
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        page = context.new_page()
        page.goto(link)
        # Jupyter's login page, asking for the token; nothing of the audit
        token = page.get_by_role("textbox", name="Password or token:")
        token.wait_for(timeout=60_000)
        assert page.url.startswith(f"{served['public']}login?next=")
        assert served["children"]["ash"] not in page.content()
        token.fill(served["token"])
        token.press("Enter")
        _open_audit(page, link, served["children"]["ash"])
        assert page.url.startswith(link)
        # bo's link, with the token given: refused (serve acts for ash only)
        page.goto(served["rows"]["bo"]["link"])
        page.wait_for_selector(".aw-message", timeout=60_000)
        assert "cannot open it" in page.inner_text(".aw-message")
        assert served["children"]["bo"] not in page.inner_text("body")
    finally:
        context.close()


@pytest.mark.parametrize("path", [
    "", "tree", "voila/tree", "api/contents", "voila/api/contents", "files/", "voila/files/",
    "voila/files/manifest.csv", "tree/workbooks", "api/contents/manifest.csv",
    "voila/render/{workbook}", "voila/files/{workbook}"])
def test_serving_the_month_never_lists_its_files(served, path):
    """The month's folder is never served: no file list, no file, no child's id, with or
    without the token."""
    names = {row["workbook"] for row in served["rows"].values()} | {"manifest.csv"} | \
        set(served["children"].values())
    path = path.format(workbook=served["rows"]["ash"]["workbook"])
    for query in ("", f"?token={served['token']}"):
        status, body, where = _get(f"{served['local']}{path}{query}")
        assert status in (301, 302, 403, 404), (path, status)
        # (a login redirect repeats the path asked for, and only that)
        assert not any(name in body or (name in where and name not in path)
                       for name in names), (path, status)
        if status in (301, 302):  # the base address: the home page, nothing else
            assert "/voila/render/home.ipynb" in where or "/login" in where, where


def test_the_lead_auditors_page_shows_the_links_to_send(browser, tmp_path):
    """The lead auditor generates the month on their page, served with --public-url: the page
    lists each child's link to send, the manifest's, under the public address."""
    from tests.browser.test_lead_auditor import preview_sample

    _need_chromium()
    port = _free_port()
    public = f"http://127.0.0.1:{port}/"
    url = sqlite_url(tmp_path)
    with open_store(url, only("lead")):
        pass
    env = dict(os.environ, AUDITLIB_DATA=str(tmp_path / "data"), AUDITLIB_USER="lead",
               AUDITLIB_QUIET_VOILA="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditlib", "serve", "--store", url, "--no-browser", "--port",
         str(port), "--public-url", public], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        lines = []
        while not lines or not lines[-1].startswith("Press Ctrl-C"):
            line = proc.stdout.readline()
            assert line, "serve did not start: " + "".join(lines)
            lines.append(line)
        text = "".join(lines)
        assert f"Lead auditor's page: {public}voila/render/lead_auditor.ipynb\n" in text
        token = re.search(r"^Open: \S+\?token=(\S+)", text, re.M).group(1)
        page = context.new_page()
        page.goto(f"{public}voila/render/lead_auditor.ipynb?token={token}")
        page.wait_for_selector(".aw-preview", timeout=90_000)
        preview_sample(page, tmp_path)
        page.click(".aw-generate")
        page.wait_for_selector(".aw-manifest table", timeout=60_000)
        manifest = read_manifest(tmp_path / "data" / "months" / "2026-11" / "workbooks"
                                 / "manifest.csv")
        shown = page.locator(".aw-manifest tbody tr td:last-child").all_inner_texts()
        assert len(shown) == 6
        with AuditStore(url) as store:
            ids = sorted(a["audit_id"] for a in store.find_audits(month="2026-11"))
        assert sorted(shown) == sorted(f"{public}voila/render/audit.ipynb?audit_id={i}"
                                       for i in ids)
        assert sorted(shown) == sorted(row["link"] for row in manifest)
        assert "cannot be sent" not in page.inner_text(".aw-manifest")
        if os.environ.get("AUDITLIB_SCREENSHOTS"):
            page.locator(".aw-manifest").screenshot(
                path=os.path.join(os.environ["AUDITLIB_SCREENSHOTS"], "lead-links.png"))
    finally:
        context.close()
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()
