"""The store's commands as a lead auditor runs them: users, audits, export, import, history."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from auditlib.store import AuditStore, schema
from tests.test_cli import EXAMPLE, one_line_error, run


@pytest.fixture
def env_store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store' / 'audits.sqlite'}"
    monkeypatch.setenv("AUDITLIB_STORE", url)
    monkeypatch.setenv("AUDITLIB_USER", "alex")
    assert run("users", "add", "alex", "--role", "lead_auditor").returncode == 0
    assert run("users", "add", "sam", "--role", "auditor", "--service-area", "CiC").returncode == 0
    return url


def test_users(env_store):
    users = json.loads(run("users", "list", "--json").stdout)
    assert [(u["name"], u["roles"]) for u in users] == [("alex", ["lead_auditor"]),
                                                       ("sam", ["auditor"])]
    line = one_line_error(run("users", "add", "eve", "--role", "auditor", "--user", "sam"))
    assert "'sam' is not a lead auditor" in line


def test_users_update(env_store):
    """The lead auditor gives a user an email address and a team; each change is recorded."""
    done = run("users", "update", "sam", "--email", "sam@example.org", "--team", "North")
    assert done.returncode == 0, done.stderr
    assert run("users", "update", "sam", "--team", "").returncode == 0  # removed
    with AuditStore(env_store) as store:
        sam = store.find_user("sam")
        assert (sam["email"], sam["team"]) == ("sam@example.org", None)
        with store.engine.connect() as conn:
            trail = conn.execute(select(schema.history.c.what).where(
                schema.history.c.what.like("user.sam.%")).order_by(schema.history.c.id))
            assert list(trail.scalars()) == ["user.sam.email", "user.sam.team", "user.sam.team"]
    assert "not one email address" in one_line_error(
        run("users", "update", "sam", "--email", "sam@example.org\nBcc: eve@example.org"))
    assert "give at least one of" in one_line_error(run("users", "update", "sam"))
    assert "'sam' is not a lead auditor" in one_line_error(
        run("users", "update", "sam", "--team", "South", "--user", "sam"))
    assert "no such user" in one_line_error(run("users", "update", "nobody", "--team", "x"))
    with AuditStore(env_store) as store:
        assert store.find_user("sam")["email"] == "sam@example.org"


def test_import_export_round_trip(env_store, tmp_path):
    imported = run("import", EXAMPLE, "--json")
    assert imported.returncode == 0, imported.stderr
    audit_id = json.loads(imported.stdout)["audit_id"]
    exported = run("export", audit_id, "--format", "json")
    record = json.loads(exported.stdout)
    original = json.loads(EXAMPLE.read_text())
    assert record["answers"] == original["answers"]
    assert [a["action"] for a in record["actions"]] == [a["action"] for a in original["actions"]]
    assert record["status"] == "in_progress" and record["version"] == 2
    # the export is itself a valid audit for check, and imports again
    out = tmp_path / "exported.json"
    assert run("export", audit_id, "--json", "--out", out).returncode == 0
    assert run("check", out).returncode == 1  # the example's error findings travel with it
    assert run("import", out).returncode == 0
    assert [a["audit_id"] for a in json.loads(run("audits", "--json").stdout)] == [1, 2]
    history = json.loads(run("history", audit_id, "--json").stdout)
    assert history[0]["user"] == "alex" and history[0]["what"] == "audit"


@pytest.mark.parametrize("content,expected", [
    ('{"framework": "scaled-social-care", "child_id": "C", "answers": {"risk": {"score": 11}}}',
     "answers.risk.score: must be a whole number 0..10 (got 11)"),
    ('{"framework": "scaled-social-care", "child_id": "C", "auditor": "nobody"}',
     "'nobody' is not a user of this store"),
    ('{"framework": "unknown", "child_id": "C"}', "unknown framework 'unknown'"),
    ("not json", "not valid JSON"),
])
def test_invalid_import_changes_nothing(env_store, tmp_path, content, expected):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    before = run("audits", "--json").stdout
    assert expected in one_line_error(run("import", bad))
    assert run("audits", "--json").stdout == before
    with AuditStore(env_store) as store:
        assert store.find_audits() == []


def test_unknown_audit(env_store):
    assert "no such audit: '42'" in one_line_error(run("export", "42"))
    assert "no such audit" in one_line_error(run("history", "../etc"))


def test_bad_store_url_is_one_line(tmp_path):
    line = one_line_error(run("audits", "--store", "mysql://x/y"))
    assert "only SQLite and PostgreSQL" in line
