"""``auditlib serve`` attacked from this computer: from the page, by another local user reading
process lists, by a program holding the port, and by stopping serve in every way."""
from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from auditlib.store import AuditStore
from tests.security.kernel_attack import REFUSED_REPLIES, attack_kernel, saved_soon


def _get(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode(errors="replace")


def _token(link: str) -> str:
    return re.search(r"token=([^&\s]+)", link).group(1)


@pytest.mark.browser
def test_the_pages_own_kernel_runs_no_code(server, browser, tmp_path):
    """The same attack as on the hub, against auditlib serve's page."""
    marker = tmp_path / f"ran-{uuid.uuid4().hex}"
    page = browser.new_page()
    try:
        page.goto(server.links["full-audit"])
        page.wait_for_selector(".aw-save-status", timeout=90_000)
        base = re.match(r"http://[^/]+", server.links["full-audit"]).group(0)
        replies = attack_kernel(page, base.replace("http", "ws"), str(marker))
        assert "kernel_info_reply" in replies
        assert not set(replies) & set(REFUSED_REPLIES), replies
        assert not marker.exists()
        # the kernel is still there: the page saves
        page.fill(".aw-evidence-q1 textarea", "Typed after the attack.")
        assert saved_soon(server.store_url, server.audit_id("full-audit"),
                          "Typed after the attack.")
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", [
    "voila/tree", "voila/files/audit.ipynb", "voila/api/contents", "api/kernels",
    "api/kernelspecs", "api/sessions", "api/contents", "lab", "tree", "login/../voila/tree",
    "voila/render/%2e%2e/%2e%2e/etc/passwd", "voila/templates/../../../../etc/passwd"])
def test_nothing_but_the_pages_is_served(server, path):
    base = re.match(r"http://[^/]+", server.links["full-audit"]).group(0)
    status, body = _get(f"{base}/{path}?token={_token(server.links['full-audit'])}")
    assert status in (403, 404), (path, status)
    assert "DEMO-" not in body and "root:" not in body


@pytest.mark.browser
def test_kernels_cannot_be_started_on_request(server):
    base = re.match(r"http://[^/]+", server.links["full-audit"]).group(0)
    request = urllib.request.Request(
        f"{base}/api/kernels?token={_token(server.links['full-audit'])}", method="POST",
        data=b'{"name": "python3"}', headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    refused.value.close()
    assert refused.value.code == 403


@pytest.mark.browser
def test_the_base_address_opens_the_home_page_not_a_file_list(server):
    base = re.match(r"http://[^/]+", server.links["full-audit"]).group(0)
    status, _body = _get(f"{base}/?token={_token(server.links['full-audit'])}")
    assert status in (301, 302)


def _serve(tmp_path: Path, *args: str, user: str = "amira") -> subprocess.Popen:
    env = dict(os.environ, AUDITLIB_DATA=str(tmp_path / "data"), AUDITLIB_USER=user,
               AUDITLIB_QUIET_VOILA="1")
    return subprocess.Popen([sys.executable, "-m", "auditlib", "serve", "--no-browser", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _finish(proc: subprocess.Popen, how: int = signal.SIGTERM) -> None:
    """Stop serve (and all it started) and close its pipes."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, how)
    proc.communicate(timeout=30)


def _wait_for_links(proc: subprocess.Popen) -> list[str]:
    lines = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Press Ctrl-C"):
            return lines
    raise AssertionError("serve did not start: " + "".join(lines) + proc.stderr.read())


def _voila_of(proc: subprocess.Popen) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(proc.pid), "-f", "auditlib.service.voila"],
                         capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def _gone(pid: int, within: float = 20) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().split(")")[1].split()[0] == "Z":
                    return True  # a zombie no longer serves
        except (ProcessLookupError, FileNotFoundError):
            return True
        time.sleep(0.2)
    return False


def test_the_token_is_on_no_command_line_or_kernel_environment(tmp_path):
    proc = _serve(tmp_path, "--demo")
    try:
        lines = _wait_for_links(proc)
        token = _token("".join(lines))
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                assert token not in cmdline.read_bytes().decode(errors="replace")
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                continue
        for pid in _voila_of(proc):
            assert token.encode() not in Path(f"/proc/{pid}/environ").read_bytes()
    finally:
        _finish(proc)


def test_a_taken_port_is_refused_and_never_sent_the_token(tmp_path):
    """Another program holds the port asked for: serve says so in one line and exits 2;
    the other program never receives a request (which would carry the token)."""
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(5)
    port = holder.getsockname()[1]
    received: list[bytes] = []

    def listen() -> None:
        holder.settimeout(0.5)
        while holder.fileno() != -1:
            try:
                conn, _ = holder.accept()
            except OSError:
                continue
            with conn:
                received.append(conn.recv(4096))
    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    try:
        proc = _serve(tmp_path, "--demo", "--port", str(port))
        out, err = proc.communicate(timeout=120)
        holder.close()
        thread.join(timeout=5)
        assert proc.returncode == 2
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0], err
        assert "Traceback" not in err and "token" not in out
        assert received == []
    finally:
        holder.close()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL])
def test_stopping_serve_in_any_way_stops_voila(tmp_path, how):
    proc = _serve(tmp_path, "--demo")
    _wait_for_links(proc)
    voila = _voila_of(proc)
    assert voila, "no Voilà found under serve"
    proc.send_signal(how)
    proc.wait(timeout=30)
    try:
        for pid in voila:
            assert _gone(pid), f"Voilà {pid} still serving after {how.name} to serve"
    finally:
        _finish(proc, signal.SIGKILL)


def test_a_month_folder_is_served_as_pages_never_as_a_file_list(tmp_path):
    """Serving a month's generated workbooks lists the acting user's audits of that month only,
    and no child's workbook file is reachable."""
    data = tmp_path / "data"
    url = f"sqlite:///{data / 'audits.sqlite'}"
    with AuditStore(url, create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("amira", roles=["auditor"], user="lead")
        store.add_user("bea", roles=["auditor"], user="lead")
        mine = store.add_audit(framework="full-audit", child_id="MINE-1", auditor="amira",
                               user="lead", month="2026-11")
        theirs = store.add_audit(framework="full-audit", child_id="SECRET-2", auditor="bea",
                                 user="lead", month="2026-11")
        other_month = store.add_audit(framework="full-audit", child_id="MINE-OLD",
                                      auditor="amira", user="lead", month="2026-10")
    month = tmp_path / "2026-11" / "workbooks"
    month.mkdir(parents=True)
    (month / "manifest.csv").write_text(
        "audit_id,child_id\n" f"{mine},MINE-1\n{theirs},SECRET-2\n", encoding="utf-8")
    (month / "SECRET-2.ipynb").write_text("{}", encoding="utf-8")
    proc = _serve(tmp_path, str(month), "--store", url)
    try:
        text = "".join(_wait_for_links(proc))
        assert f"audit_id={mine}&" in text
        assert "SECRET" not in text and f"audit_id={theirs}&" not in text
        assert f"audit_id={other_month}&" not in text
        base = re.search(r"http://127\.0\.0\.1:\d+", text).group(0)
        token = _token(text)
        for path in ("voila/render/SECRET-2.ipynb", "voila/tree", "voila/files/manifest.csv"):
            status, body = _get(f"{base}/{path}?token={token}")
            assert status in (403, 404) and "SECRET" not in body, path
    finally:
        _finish(proc)


def test_a_store_url_from_a_file_stays_out_of_the_environment(tmp_path):
    """With the store's URL (and its password) in AUDITLIB_STORE_FILE, serve passes on the
    file's name, never the URL: kernels read the file themselves."""
    url = f"sqlite:///{tmp_path / 'data' / 'audits.sqlite'}"
    with AuditStore(url, create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("amira", roles=["auditor"], user="lead")
        store.add_audit(framework="full-audit", child_id="FILE-1", auditor="amira", user="lead")
    secret = tmp_path / "store-url"
    secret.write_text(url + "\n", encoding="utf-8")
    secret.chmod(0o600)
    env = dict(os.environ, AUDITLIB_STORE_FILE=str(secret))
    env.pop("AUDITLIB_STORE", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditlib", "serve", "--no-browser"],
        env=dict(env, AUDITLIB_DATA=str(tmp_path / "data"), AUDITLIB_USER="amira",
                 AUDITLIB_QUIET_VOILA="1"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        text = "".join(_wait_for_links(proc))
        assert "child FILE-1" in text
        for pid in _voila_of(proc):
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert not [e for e in environ if e.startswith(b"AUDITLIB_STORE=")]
            assert f"AUDITLIB_STORE_FILE={secret}".encode() in environ
    finally:
        _finish(proc)
