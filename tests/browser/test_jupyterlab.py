"""The same workbook runs in JupyterLab: open a generated workbook, run all cells, see the audit
as the store holds it."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import papermill
import pytest

from auditlib.store import AuditStore
from tests.browser.conftest import _free_port
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_workbook_in_jupyterlab(tmp_path, page):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with AuditStore(url, create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("ash", roles=["auditor"], user="lead")
        audit_id = store.add_audit(framework="full-audit", child_id="LAB-1", auditor="ash",
                                   user="lead")
        store.save_answer(audit_id, "q1", user="ash", grade="meets_good",
                          evidence="From the store")
    papermill.execute_notebook(str(ROOT / "workbooks" / "audit.ipynb"),
                               str(tmp_path / "audit-1.ipynb"),
                               parameters={"audit_id": audit_id}, prepare_only=True)
    port = _free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=labtest",
               f"--ServerApp.root_dir={tmp_path}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(os.environ, AUDITLIB_STORE=url, AUDITLIB_USER="ash")
    lab = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/lab?token=labtest", timeout=2).close()
                break
            except OSError:
                time.sleep(0.3)
        page.goto(f"{base}/lab/tree/audit-1.ipynb?token=labtest")
        page.wait_for_selector(".jp-Notebook", timeout=90_000)
        # a fresh JupyterLab starts its kernel after the page shows: wait until it is idle
        page.wait_for_selector("text=| Idle", timeout=90_000)
        for _ in range(3):  # the menu is inert until the notebook panel has focus
            page.click(".jp-Notebook")
            page.click("li.lm-MenuBar-item:has-text('Run')")
            page.click("li.lm-Menu-item:has-text('Run All Cells')")
            try:
                page.wait_for_selector(".aw-save-status", timeout=30_000)
                break
            except Exception:  # the menu again
                page.keyboard.press("Escape")
        page.wait_for_selector(".aw-save-status", timeout=30_000)
        assert page.inner_text(".aw-section-grade-q1") == "Section grade: Meets good"
        assert page.input_value(".aw-evidence-q1 textarea") == "From the store"
    finally:
        lab.terminate()
        lab.wait(timeout=30)
