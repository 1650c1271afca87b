"""``auditlib serve``: the workbooks as web pages, through Voilà, on this computer only.

Voilà listens on 127.0.0.1 with a random token, so nobody else on the network can open an audit.
The store and the acting user reach the workbook kernels through the environment
(``AUDITLIB_STORE``, ``AUDITLIB_USER``), never through the notebook.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import webbrowser
from pathlib import Path
from urllib.parse import quote

from .exceptions import AuditlibError
from .store import AuditStore, data_dir, store_url

DEMO_AUDITS = {
    "full-audit": "DEMO-FA-001",
    "scaled-social-care": "DEMO-SC-001",
    "cla-leaving-care": "DEMO-LC-001",
    "detailed-case-audit": "DEMO-DA-001",
}


def workbooks_dir() -> Path:
    """The workbooks shipped with auditlib (in a wheel) or the repository's ``workbooks/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "workbooks", here.parent / "workbooks"):
        if (candidate / "audit.ipynb").exists():
            return candidate
    raise AuditlibError("the workbooks folder was not found (is auditlib installed whole?)")


def free_port(preferred: int = 8866) -> int:
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise AuditlibError("no free port on 127.0.0.1")


def make_demo_store(user: str) -> tuple[str, list[dict]]:
    """A demo store (in the data folder) with one demo audit per framework for ``user``."""
    url = f"sqlite:///{data_dir() / 'demo.sqlite'}"
    with AuditStore(url) as store:
        names = {u["name"] for u in store.find_users()}
        if "demo-lead" not in names:
            store.add_user("demo-lead", roles=["lead_auditor"], user="demo-lead",
                           display_name="Demo lead auditor", service_area="Quality assurance")
        if "demo-moderator" not in names:
            store.add_user("demo-moderator", roles=["moderator"], user="demo-lead",
                           display_name="Demo moderator", service_area="Quality assurance")
        if user not in names:
            store.add_user(user, roles=["auditor"], user="demo-lead", service_area="Demo")
        audits = []
        for framework, child in DEMO_AUDITS.items():
            found = store.find_audits(framework=framework, child_id=child, auditor=user)
            audit_id = found[0]["audit_id"] if found else store.add_audit(
                framework=framework, child_id=child, auditor=user, user="demo-lead",
                moderator="demo-moderator", month=time.strftime("%Y-%m"))
            audits.append({"audit_id": audit_id, "framework": framework, "child_id": child})
    return url, audits


def audits_to_moderate(store: AuditStore, user: str) -> list[dict]:
    """Submitted audits this user may moderate: allocated to them, or unallocated for a
    moderator; every one for a lead auditor."""
    roles = store.roles_of(user)
    if not roles & {"moderator", "lead_auditor"}:
        return []
    return [a for a in store.find_audits(status="submitted") if a["auditor"] != user and (
        "lead_auditor" in roles or a["moderator"] in (None, user))]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AuditlibError(f"Voilà stopped at start (exit {proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AuditlibError(f"Voilà did not answer on {url} within {timeout:.0f} s")


SHARE = Path(__file__).resolve().parent / "share"


def voila_env(**extra: str) -> dict[str, str]:
    """The environment for Voilà: our template (no CDN) on the Jupyter path, plus ``extra``."""
    paths = [str(SHARE), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return dict(os.environ, JUPYTER_PATH=os.pathsep.join(paths), **extra)


def voila_command(path: Path, port: int, token: str) -> list[str]:
    return [sys.executable, "-m", "voila", str(path), "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", f"--token={token}", "--theme=light", "--template=auditlib",
            "--VoilaConfiguration.show_tracebacks=False",
            # kernels are started per page; keep each one small (see design.md)
            "--MappingKernelManager.cull_idle_timeout=3600"]


def serve(path: str | None = None, store: str | None = None, port: int | None = None,
          open_browser: bool = True, demo: bool = False, user: str | None = None,
          ready: object = None) -> int:
    """Run Voilà on 127.0.0.1 and print the links to open. Blocks until interrupted."""
    from .ui import current_user

    user = user or current_user()
    target = Path(path) if path else workbooks_dir()
    if not target.exists():
        raise AuditlibError(f"{target}: no such workbook or folder")
    audits: list[dict] = []
    if demo:
        url, audits = make_demo_store(user)
    else:
        url = store_url(store)
        with AuditStore(url) as s:  # fail now, with one line, if the store cannot be opened
            audits = [a for a in s.find_audits(auditor=user)
                      if a["status"] in ("in_progress", "returned")]
    with AuditStore(url) as s:
        to_moderate = audits_to_moderate(s, user)
    port = port or free_port()
    token = secrets.token_urlsafe(24)
    env = voila_env(AUDITLIB_STORE=url, AUDITLIB_USER=user)

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # so that Voilà is stopped below, not left running

    signal.signal(signal.SIGTERM, stop)
    proc = subprocess.Popen(voila_command(target.resolve(), port, token), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
                            if os.environ.get("AUDITLIB_QUIET_VOILA") else None)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/?token={token}", proc)
        if target.is_dir():
            page = f"{base}/voila/render/audit.ipynb"
            home = f"{base}/?token={token}"
        else:
            page = f"{base}/"
            home = f"{base}/?token={token}"
        if target.is_dir() and not (target / "audit.ipynb").exists():
            audits = []  # a folder without the audit workbook (the training pages, say)
        links = [(a, f"{page}?audit_id={a['audit_id']}&token={quote(token)}") for a in audits]
        moderation_page = page.replace("audit.ipynb", "moderation.ipynb")
        print(f"auditlib is serving {target} on {base} (this computer only).")
        print(f"Store: {_safe(url)}; signed in as {user}.")
        if links:
            print("Open an audit:")
            for audit, link in links:
                print(f"  {audit['framework']:<20} child {audit['child_id']:<12} {link}")
        if to_moderate and target.is_dir() and (target / "moderation.ipynb").exists():
            print("To moderate:")
            for audit in to_moderate:
                print(f"  {audit['framework']:<20} child {audit['child_id']:<12} "
                      f"{moderation_page}?audit_id={audit['audit_id']}&token={quote(token)}")
        if target.is_dir() and (target / "lead_auditor.ipynb").exists():
            with AuditStore(url) as s:
                lead = user in {u["name"] for u in s.find_users(role="lead_auditor")}
            if lead:
                print(f"Lead auditor's page: {base}/voila/render/lead_auditor.ipynb?token="
                      f"{quote(token)}")
        if not links:
            print(f"Open: {home}")
        print("Press Ctrl-C to stop.", flush=True)
        if open_browser:
            webbrowser.open(links[0][1] if links else home)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
