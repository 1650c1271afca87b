"""Store fixtures: every store test runs on SQLite (a real file) and on a real PostgreSQL server.

PostgreSQL comes from ``AUDITLIB_TEST_POSTGRES`` (default: the local server's ``test`` database);
each test gets a schema of its own, dropped afterwards. Without a server the PostgreSQL runs are
skipped with a line saying so, except under CI, where they fail. The people in the store and the
audit are tests/conftest.py's (``people``, ``audit_id``).
"""
from __future__ import annotations

import pytest

from tests.stores import open_store, postgres_schema


@pytest.fixture
def pg_schema():
    """A fresh PostgreSQL schema (its URL), dropped after the test."""
    with postgres_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for an empty store, on each database in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'audits.sqlite'}"
    return request.getfixturevalue("pg_schema")


@pytest.fixture
def store(store_url, people):
    """tests/conftest.py's store, on each database in turn."""
    with open_store(store_url, people) as s:
        yield s
