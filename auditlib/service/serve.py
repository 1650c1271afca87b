"""``auditlib serve``: the workbooks as web pages, through Voilà, on this computer only.

Voilà listens on 127.0.0.1 with a random token, so nobody else on the network can open an audit.
The store and the acting user reach the workbook kernels through the environment
(``AUDITLIB_STORE``, ``AUDITLIB_USER``), never through the notebook.

Behind a reverse proxy, ``--public-url`` (or ``AUDITLIB_PUBLIC_URL``) is the address people reach
the pages at: the links printed are then under it and carry no token (whoever opens one is asked
for the token first); the token is printed only in the local "Open:" line.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import webbrowser
from pathlib import Path
from urllib.parse import quote, urlsplit

from auditlib import access
from auditlib.access import acting_user
from auditlib.exceptions import AuditlibError, InvalidValue
from auditlib.locations import SHARE, data_dir, shipped, workbooks_dir
from auditlib.month.links import page_link
from auditlib.month.links import public_url as checked_public_url
from auditlib.store import AuditStore, store_url
from auditlib.text import shown

DEMO_AUDITS = {
    "full-audit": "DEMO-FA-001",
    "scaled-social-care": "DEMO-SC-001",
    "cla-leaving-care": "DEMO-LC-001",
    "detailed-case-audit": "DEMO-DA-001",
}


#: the demo's own people: a lead auditor, a moderator, and the auditor of the audit to moderate
DEMO_PEOPLE = {
    "demo-lead": (["lead_auditor"], "Demo lead auditor"),
    "demo-moderator": (["moderator"], "Demo moderator"),
    "demo-auditor": (["auditor"], "Demo auditor"),
}
DEMO_SUBMITTED = "DEMO-MOD-001"


def make_demo_store(user: str) -> tuple[str, list[dict]]:
    """A demo store (in the data folder) with one demo audit per framework for ``user``, and
    one submitted audit (by the demo auditor, for the demo moderator) to moderate.

    ``user`` may be one of the demo's own people: the demo moderator (or lead auditor) then
    has the submitted audit to moderate and no audits of their own."""
    url = f"sqlite:///{data_dir() / 'demo.sqlite'}"
    with AuditStore(url, create=True) as store:  # made on demand, as the default store is
        names = {u["name"] for u in store.find_users()}
        for name, (roles, display) in DEMO_PEOPLE.items():
            if name not in names:
                store.add_user(name, roles=roles, user="demo-lead", display_name=display,
                               service_area="Quality assurance")
                names.add(name)
        if user not in names:
            store.add_user(user, roles=["auditor"], user="demo-lead", service_area="Demo")
            names.add(user)
        if not store.find_audits(child_id=DEMO_SUBMITTED):
            _add_submitted_demo_audit(store)
        audits = []
        if user in DEMO_PEOPLE:
            return url, audits
        for framework, child in DEMO_AUDITS.items():
            found = store.find_audits(framework=framework, child_id=child, auditor=user)
            audit_id = found[0]["audit_id"] if found else store.add_audit(
                framework=framework, child_id=child, auditor=user, user="demo-lead",
                moderator="demo-moderator", month=time.strftime("%Y-%m"))
            audits.append({"audit_id": audit_id, "framework": framework, "child_id": child})
    return url, audits


def _add_submitted_demo_audit(store: AuditStore) -> None:
    """A complete audit, submitted for moderation: the benchmark grades of the first shipped
    exemplar (a fictional case), as the demo auditor's."""
    from auditlib.training import list_exemplars

    exemplar = list_exemplars()[0]
    benchmark = next(iter(exemplar.benchmarks.values()))
    store.import_audit({**benchmark.record, "framework": benchmark.framework,
                        "child_id": DEMO_SUBMITTED, "status": "submitted",
                        "auditor": "demo-auditor", "moderator": "demo-moderator",
                        "month": time.strftime("%Y-%m")}, user="demo-lead")


def voila_env(**extra: str) -> dict[str, str]:
    """The environment for Voilà: our template (no CDN) on the Jupyter path, plus ``extra``."""
    paths = [str(SHARE), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_TOKEN", "JUPYTER_TOKEN_FILE")}
    return dict(env, JUPYTER_PATH=os.pathsep.join(paths), **extra)


def voila_command(path: Path, port: int) -> list[str]:
    """Voilà (pages only, see :mod:`auditlib.service.voila`). No secret is on this command line:
    every local user can read it in ``/proc``; the token goes down a pipe."""
    return [sys.executable, "-m", "auditlib.service.voila", str(path), "--no-browser",
            f"--port={port}", "--Voila.ip=127.0.0.1", "--theme=light", "--template=auditlib",
            "--VoilaConfiguration.show_tracebacks=False", *kernel_culling()]


#: seconds a kernel whose page has gone (a crashed tab, a computer put to sleep) lives on idle
KERNEL_IDLE = 900


def kernel_culling(idle: int | None = None) -> list[str]:
    """Jupyter Server's settings that free the kernels no page holds any longer.

    Each page has a kernel of its own. A page that closes asks for its kernel to be shut down;
    a page that vanished without saying so (a crashed tab, a lost connection) leaves its kernel
    idle, and that kernel is stopped after ``idle`` seconds (``AUDITLIB_KERNEL_IDLE``, else
    :data:`KERNEL_IDLE`). The kernel of a page still open is kept however long it stays idle:
    everything saved is in the store, but what a person is typing is not yet."""
    if idle is None:
        raw = os.environ.get("AUDITLIB_KERNEL_IDLE", "").strip()
        try:
            idle = int(raw) if raw else KERNEL_IDLE
        except ValueError:
            raise InvalidValue("AUDITLIB_KERNEL_IDLE",
                               f"{raw!r} is not a number of seconds") from None
    if idle < 1:
        raise InvalidValue("AUDITLIB_KERNEL_IDLE", f"{idle} is not a number of seconds "
                           "(1 or more)")
    return [f"--MappingKernelManager.cull_idle_timeout={idle}",
            f"--MappingKernelManager.cull_interval={max(1, min(60, idle // 3))}",
            "--MappingKernelManager.cull_connected=False"]


def _die_with_parent() -> None:
    """In the child: stop when ``auditlib serve`` dies, even by SIGKILL (Linux)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the signal handlers below still stop it
        pass


def start_voila(target: Path, port: int, env: dict[str, str], token: str,
                timeout: float = 90) -> tuple[subprocess.Popen, int]:
    """Start Voilà and return it with the port it really holds (read back from Voilà itself,
    never guessed)."""
    read_end, write_end = os.pipe()
    token_read, token_write = os.pipe()
    os.write(token_write, (token + "\n").encode())  # far below a pipe's buffer: never blocks
    os.close(token_write)
    env = dict(env, AUDITLIB_TOKEN_FD=str(token_read), AUDITLIB_READY_FD=str(write_end))
    quiet = os.environ.get("AUDITLIB_QUIET_VOILA")
    try:
        proc = subprocess.Popen(voila_command(target.resolve(), port), env=env,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL if quiet else None,
                                pass_fds=(write_end, token_read), preexec_fn=_die_with_parent)
    finally:
        os.close(write_end)
        os.close(token_read)
    try:
        line = _read_line(read_end, timeout)
    finally:
        os.close(read_end)
    if line.startswith("port "):
        return proc, int(line.split()[1])
    _stop(proc)
    if line.startswith("error "):
        raise AuditlibError(f"cannot serve on 127.0.0.1:{port}: {line[6:]}"
                            + (" (another program holds that port: choose another port, or let "
                               "auditlib choose one)" if port else ""))
    raise AuditlibError(f"Voilà did not start within {timeout:.0f} s" if proc.poll() is None
                        else f"Voilà stopped at start (exit {proc.returncode})")


def _read_line(fd: int, timeout: float) -> str:
    import select

    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 256)
        if not chunk:  # Voilà exited before saying where it listens
            break
        data += chunk
    return data.decode(errors="replace").strip()


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def serve(path: str | None = None, store: str | None = None, port: int | None = None,
          open_browser: bool = True, demo: bool = False, user: str | None = None,
          ready: object = None, public_url: str | None = None) -> int:
    """Run Voilà on 127.0.0.1 and print the links to open. Blocks until interrupted.

    ``public_url`` (else ``AUDITLIB_PUBLIC_URL``): the address the pages are reached at through
    a reverse proxy; the audit links are printed under it, without the token."""
    public = checked_public_url(public_url)  # a wrong one stops here, before anything starts
    if public and urlsplit(public).path != "/":
        # Voilà's token sign-in page answers at /login whatever the base address (a path was
        # tried: its links asked for a sign-in page that is not there)
        raise InvalidValue("public_url", f"{public!r} has a path: auditlib serve answers at "
                           "the root of an address (https://audits.example.gov.uk/); give the "
                           "proxy a host of its own")
    user = user or acting_user()
    if port is not None and not 0 <= port < 65536:  # 0: a free one, as when none is given
        raise InvalidValue("port", f"{port} is not a port (1 to 65535)")
    target = Path(path) if path else workbooks_dir()
    if not target.exists():
        target = shipped_pages(str(path)) or target
    if not target.exists():
        raise AuditlibError(f"{target}: no such workbook or folder")
    only: set[int] | None = None
    if target.is_dir() and (target / "manifest.csv").exists():
        # a month's generated workbooks: serve the pages, never the folder (its file names are
        # the sampled children's), and list only this month's audits that are the user's
        only = _manifest_audit_ids(target / "manifest.csv")
        target = workbooks_dir()
    audits: list[dict] = []
    if demo:
        url, audits = make_demo_store(user)
    else:
        url = store_url(store)
        with AuditStore(url) as s:  # fail now, with one line, if the store cannot be opened
            audits = [a for a in s.find_audits(auditor=user)
                      if a["status"] in ("in_progress", "returned")]
    if only is not None:
        audits = [a for a in audits if a["audit_id"] in only]
    with AuditStore(url) as s:
        to_moderate = access.audits_to_moderate(s, user)
        lead = "lead_auditor" in s.roles_of(user)
    if only is not None:
        to_moderate = [a for a in to_moderate if a["audit_id"] in only]
    token = secrets.token_urlsafe(24)
    if store or demo or os.environ.get("AUDITLIB_STORE") or \
            not os.environ.get("AUDITLIB_STORE_FILE"):
        env = voila_env(AUDITLIB_STORE=url, AUDITLIB_USER=user)
    else:
        # the URL came from AUDITLIB_STORE_FILE and may hold a password: the kernels read the
        # file themselves (inherited), so the password never enters their environment
        env = voila_env(AUDITLIB_USER=user)
    if public:  # the lead auditor's page makes its manifest's links under it too
        env["AUDITLIB_PUBLIC_URL"] = public

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # so that Voilà is stopped below, not left running

    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, stop)
    proc, port = start_voila(target, port or 0, env, token)
    base = f"http://127.0.0.1:{port}"
    try:
        home = f"{base}/?token={quote(token)}"
        if target.is_dir() and not (target / "audit.ipynb").exists():
            audits = []  # a folder without the audit workbook (the training pages, say)

        def link(name: str, audit_id: int | None = None) -> str:
            # with a public address: the link to send, without the token (whoever opens it is
            # asked for the token); else the local link with the token, for this computer
            root = public or f"{base}/"
            if target.is_dir():
                address = page_link(name, audit_id, root)
            else:  # one workbook: Voilà serves it at the base address
                address = root + (f"?audit_id={audit_id}" if audit_id is not None else "")
            if public:
                return address
            return address + ("&" if "?" in address else "?") + f"token={quote(token)}"

        print(f"auditlib is serving {shown(str(target))} on {base} (this computer only"
              + (f"; reached at {public} through the proxy)." if public else ")."))
        print(f"Store: {shown(_safe(url))}; signed in as {shown(user)}.")
        # the landing page first: everything of the person's, by role (auditlib.pages.home)
        print(f"Open: {home}" + (f"  ({_landing_words(target)})" if target.is_dir() else ""))
        if public:
            print(f"The links below can be sent: they hold no token; whoever opens one at "
                  f"{public} is asked for the token first.")
        if audits:
            print("Or go straight to an audit:")
            for audit in audits:
                print(f"  {audit['framework']:<20} child {shown(audit['child_id']):<12} "
                      f"{link('audit', audit['audit_id'])}")
        if to_moderate and target.is_dir() and (target / "moderation.ipynb").exists():
            print("To moderate:")
            for audit in to_moderate:
                print(f"  {audit['framework']:<20} child {shown(audit['child_id']):<12} "
                      f"{link('moderation', audit['audit_id'])}")
        if target.is_dir() and (target / "lead_auditor.ipynb").exists() and lead:
            print(f"Lead auditor's page: {link('lead_auditor')}")
        print("Press Ctrl-C to stop.", flush=True)
        if open_browser:
            webbrowser.open(home)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(proc)


def _landing_words(folder: Path) -> str:
    """What the base URL of a folder of pages opens, in a few words (the landing page is
    chosen by :func:`auditlib.service.voila.landing_page`, which this must not import: it
    brings in Voilà, seconds of start-up for a line of text)."""
    if (folder / "home.ipynb").is_file():
        return "your home page: your audits, what to moderate, the month"
    if (folder / "calibration.ipynb").is_file():
        return "the calibration training"
    return "the pages"


#: the folders of pages that ship with auditlib, by name, with a page each must hold
SHIPPED_PAGES = {"workbooks": "audit.ipynb", "training": "calibration.ipynb"}


def shipped_pages(name: str) -> Path | None:
    """The shipped folder of pages a bare name stands for (``training``, ``workbooks``), so
    that ``serve training`` works from any folder; None for any other name.

    >>> shipped_pages("training").name
    'training'
    >>> shipped_pages("elsewhere/training") is None
    True
    """
    name = name.rstrip("/" + os.sep)
    return shipped(name, SHIPPED_PAGES[name]) if name in SHIPPED_PAGES else None


def _manifest_audit_ids(manifest: Path) -> set[int]:
    import csv

    ids = set()
    with manifest.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                ids.add(int(str(row.get("audit_id", "")).lstrip("'")))
            except ValueError:
                continue
    return ids


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
