"""Stores for the tests: one way to set up a store with people in it, to fill in and submit an
audit, and to reach the PostgreSQL server the store tests and the hub run on.

The fixtures in tests/conftest.py (``people``, ``store``, ``audit_id``, ``submitted``) are made
from these; a module that needs other people overrides ``people``, one that needs more in the
store overrides ``store`` asking for the shared one.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from auditlib.store import AuditStore

#: each person's role; the lead auditor first, who adds the others
PEOPLE = {"lead": "lead_auditor", "ash": "auditor", "bo": "auditor", "mo": "moderator",
          "tia": "trainee"}
SERVICE_AREAS = {"lead": "QA", "ash": "Safeguarding", "bo": "Children in care", "mo": "QA",
                 "tia": "Safeguarding"}


def only(*names: str) -> dict[str, str]:
    """Some of :data:`PEOPLE`, with their roles."""
    return {name: PEOPLE[name] for name in names}


#: the graded sections of the scaled-social-care framework
GRADED = ("risk", "child_identity", "care_planning", "living_arrangements", "outcomes")

POSTGRES = os.environ.get("AUDITLIB_TEST_POSTGRES",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_postgres_problem: list[str] = []


def sqlite_url(folder: Path) -> str:
    """The URL of a SQLite store in the test's folder (a folder of its own, beside the test's
    other files)."""
    return f"sqlite:///{folder / 'store' / 'audits.sqlite'}"


@contextmanager
def open_store(url: str, people: Mapping[str, str] = PEOPLE, **details: Any
               ) -> Iterator[AuditStore]:
    """A store at ``url`` (created if it is a SQLite file) with ``people`` (name: role), each
    added by the lead auditor "lead" with their service area and any ``details`` (say a
    ``display_name``) given."""
    with AuditStore(url, create=True) as store:
        for name, role in people.items():
            store.add_user(name, roles=[role], user="lead",
                           **{"service_area": SERVICE_AREAS.get(name), **details})
        yield store


def complete(store: AuditStore, audit_id: int, user: str = "ash",
             evidence: str = "Evidence.", impact: str = "For the child, the plan is clear."
             ) -> None:
    """Answer every field of a scaled-social-care audit, so that it can be submitted (a Good
    overall, each graded section scored 7 with this evidence and impact)."""
    for section in GRADED:
        store.save_answer(audit_id, section, user=user, score=7, evidence=evidence,
                          impact=impact)
    store.save_answer(audit_id, "summary", user=user, narratives={"summary": "Why"})
    store.save_answer(audit_id, "observations", user=user,
                      narratives={"working_well": "a", "not_working_well": "b"})
    store.save_answer(audit_id, "grading", user=user, grade="good",
                      narratives={"team_manager_id": "TM1"})


def submitted_audit(store: AuditStore, auditor: str = "ash", child_id: str = "C1",
                    moderator: str | None = None, **answers: str) -> int:
    """A scaled-social-care audit the auditor has completed (:func:`complete`, given
    ``evidence`` or ``impact``) and submitted for moderation."""
    audit_id = store.add_audit(framework="scaled-social-care", child_id=child_id,
                               auditor=auditor, user="lead", moderator=moderator)
    complete(store, audit_id, auditor, **answers)
    store.submit(audit_id, user=auditor)
    return audit_id


def postgres_available() -> str | None:
    """None if the PostgreSQL server answers, else why not (asked once a session)."""
    if _postgres_problem:
        return _postgres_problem[0] or None
    try:
        import psycopg

        with psycopg.connect(**postgres_args(), connect_timeout=5):
            pass
        _postgres_problem.append("")
    except Exception as exc:
        _postgres_problem.append(f"{type(exc).__name__}: {str(exc).strip().splitlines()[0]}")
    return _postgres_problem[0] or None


def need_postgres(what: str = "PostgreSQL run") -> None:
    """Skip the test without a PostgreSQL server, saying so; under CI, fail it."""
    problem = postgres_available()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{what} cannot run under CI: no PostgreSQL ({problem})")
        pytest.skip(f"{what} skipped: no PostgreSQL server at {POSTGRES} ({problem})")


def postgres_args(**more: Any) -> dict[str, Any]:
    """psycopg's connection arguments for the test server (as its administrator)."""
    from sqlalchemy.engine import make_url

    url = make_url(POSTGRES)
    return dict(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database,
                password=url.password, **more)


def postgres_url(schema: str) -> str:
    """The store URL of one schema on the test server."""
    sep = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{sep}options=-csearch_path%3D{schema}"


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[str]:
    """A fresh schema on the test server (its store URL), dropped afterwards."""
    import psycopg

    need_postgres()
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**postgres_args(autocommit=True)) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield postgres_url(schema)
    finally:
        with psycopg.connect(**postgres_args(autocommit=True)) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def fill_the_disk(monkeypatch) -> None:
    """Every SQLite connection opened from now on fails to grow its file (SQLITE_FULL, as a
    full disk gives it): the store may grow no further than it is."""
    import sqlite3

    connect = sqlite3.connect

    def full(*args, **kwargs):
        conn = connect(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn
    monkeypatch.setattr(sqlite3, "connect", full)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", full)
