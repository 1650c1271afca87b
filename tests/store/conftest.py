"""Store fixtures: every store test runs on SQLite (a real file) and on a real PostgreSQL server.

PostgreSQL comes from ``AUDITLIB_TEST_POSTGRES`` (default: the local server's ``test`` database);
each test gets a schema of its own, dropped afterwards. Without a server the PostgreSQL runs are
skipped with a line saying so, except under CI, where they fail.
"""
from __future__ import annotations

import os
import uuid

import pytest

from auditlib.store import AuditStore

POSTGRES = os.environ.get("AUDITLIB_TEST_POSTGRES",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_postgres_problem: list[str] = []


def _postgres_available() -> str | None:
    """None if the PostgreSQL server answers, else why not."""
    if _postgres_problem:
        return _postgres_problem[0] or None
    try:
        import psycopg
        from sqlalchemy.engine import make_url
        url = make_url(POSTGRES)
        with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username,
                             dbname=url.database, password=url.password, connect_timeout=5):
            pass
        _postgres_problem.append("")
    except Exception as exc:
        _postgres_problem.append(f"{type(exc).__name__}: {str(exc).strip().splitlines()[0]}")
    return _postgres_problem[0] or None


def postgres_url(schema: str) -> str:
    sep = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_schema():
    """A fresh PostgreSQL schema (its URL), dropped after the test."""
    problem = _postgres_available()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not available under CI: {problem}")
        pytest.skip(f"PostgreSQL run skipped: no server at {POSTGRES} ({problem})")
    import psycopg
    from sqlalchemy.engine import make_url
    url = make_url(POSTGRES)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    args = dict(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database,
                password=url.password, autocommit=True)
    with psycopg.connect(**args) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield postgres_url(schema)
    with psycopg.connect(**args) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for an empty store, on each database in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'audits.sqlite'}"
    return request.getfixturevalue("pg_schema")


@pytest.fixture
def store(store_url):
    """A store with a lead auditor, two auditors, a moderator and a trainee."""
    with AuditStore(store_url, create=True) as s:
        s.add_user("lead", roles=["lead_auditor"], user="lead", service_area="QA")
        s.add_user("ash", roles=["auditor"], user="lead", service_area="Safeguarding")
        s.add_user("bo", roles=["auditor"], user="lead", service_area="Children in care")
        s.add_user("mo", roles=["moderator"], user="lead", service_area="QA")
        s.add_user("tia", roles=["trainee"], user="lead", service_area="Safeguarding")
        yield s


@pytest.fixture
def audit_id(store):
    """A scaled-social-care audit allocated to ash."""
    return store.add_audit(framework="scaled-social-care", child_id="C-001", auditor="ash",
                           user="lead", month="2026-11", due_date="2026-11-15")
