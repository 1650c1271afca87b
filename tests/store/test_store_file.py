"""The store's URL, password included, can live in a file only its owner reads
(AUDITLIB_STORE_FILE) rather than in the environment; a password is never printed."""
from __future__ import annotations

import os

import pytest

from auditlib.exceptions import StoreError
from auditlib.store import AuditStore, store_url
from tests.stores import POSTGRES, postgres_available
from tests.test_cli import one_line_error, run

SECRET = "Tr0ub4dor-and-3"


@pytest.fixture
def store_file(tmp_path, monkeypatch):
    """Write a store file (mode 0600 unless told) and point AUDITLIB_STORE_FILE at it."""
    monkeypatch.delenv("AUDITLIB_STORE", raising=False)

    def write(content, mode=0o600):
        path = tmp_path / "store-url"
        path.write_text(content, encoding="utf-8")
        os.chmod(path, mode)
        monkeypatch.setenv("AUDITLIB_STORE_FILE", str(path))
        return path
    return write


def test_the_url_is_read_from_the_file(store_file, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'data' / 'audits.sqlite'}"
    store_file(f"# the audit store\n\n  {url}  \n")
    assert store_url() == url
    assert run("users", "add", "lead", "--role", "lead_auditor", "--user", "lead").returncode == 0
    with AuditStore() as store:
        assert store.roles_of("lead") == {"lead_auditor"}
    # --store, then AUDITLIB_STORE, come before the file
    assert store_url("sqlite:///elsewhere.sqlite") == "sqlite:///elsewhere.sqlite"
    monkeypatch.setenv("AUDITLIB_STORE", f"sqlite:///{tmp_path / 'from-env.sqlite'}")
    assert store_url().endswith("from-env.sqlite")


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620, 0o660])
def test_a_file_others_can_read_or_write_is_refused(store_file, mode):
    path = store_file(f"postgresql+psycopg://app:{SECRET}@db/audits", mode=mode)
    with pytest.raises(StoreError) as refused:
        store_url()
    message = str(refused.value)
    assert message == (f"AUDITLIB_STORE_FILE {path}: must not be open to group or others "
                       f"(chmod 600 {path})")
    assert SECRET not in message


def test_a_file_owned_by_someone_else_is_refused(store_file, monkeypatch):
    path = store_file("sqlite:///audits.sqlite")
    uid = path.stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    with pytest.raises(StoreError, match="must be owned by you"):
        store_url()


@pytest.mark.parametrize("content,expected", [
    ("", "holds no store URL"),
    ("# only a comment\n\n", "holds no store URL"),
    (b"\xff\xfe", "not UTF-8 text"),
])
def test_a_file_without_a_url_is_refused(store_file, content, expected):
    path = store_file("")
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(StoreError, match=expected):
        store_url()


def test_a_missing_file_or_a_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("AUDITLIB_STORE", raising=False)
    monkeypatch.setenv("AUDITLIB_STORE_FILE", str(tmp_path / "nothing"))
    with pytest.raises(StoreError, match="cannot read"):
        store_url()
    monkeypatch.setenv("AUDITLIB_STORE_FILE", str(tmp_path))
    with pytest.raises(StoreError, match="not a file"):
        store_url()


def test_the_command_line_reads_the_file_and_refuses_it_in_one_line(store_file, tmp_path):
    url = f"sqlite:///{tmp_path / 'data' / 'audits.sqlite'}"
    path = store_file(url)
    added = run("users", "add", "lead", "--role", "lead_auditor", "--user", "lead")
    assert added.returncode == 0, added.stderr
    with AuditStore(url) as store:
        assert store.roles_of("lead") == {"lead_auditor"}
    os.chmod(path, 0o644)
    assert "chmod 600" in one_line_error(run("users", "add", "ash", "--role", "auditor",
                                             "--user", "lead"))


def bad_urls():
    urls = [f"postgresql+psycopg://nobody:{SECRET}@127.0.0.1:1/audits",         # refused
            f"postgresql+psycopg://nobody:{SECRET}@127.0.0.1:notaport/audits",  # unparsable
            f"postgresql+psycopg://nobody:{SECRET}@127.0.0.1/audits?bogus=1",   # driver's error
            f"mysql://nobody:{SECRET}@127.0.0.1/audits",                        # unsupported
            f"post gres://nobody:{SECRET}@127.0.0.1/audits"]                    # not a URL
    if not postgres_available():
        # a wrong password for a role the server does not know
        server = POSTGRES.split("@", 1)[1].split("?", 1)[0]
        urls.append(f"postgresql+psycopg://auditlib_nobody:{SECRET}@{server}")
    return urls


@pytest.mark.parametrize("url", bad_urls())
def test_a_failing_connection_never_prints_the_password(store_file, url):
    store_file(url)
    with pytest.raises(StoreError) as refused:
        AuditStore()
    assert SECRET not in str(refused.value) and "\n" not in str(refused.value)
    assert "***" in str(refused.value)
    result = run("audits", "--user", "lead")
    assert SECRET not in result.stdout + result.stderr
    one_line_error(result)
