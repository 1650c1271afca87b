"""Shared fixtures. A run that collects no tests fails: exit 5 must never pass silently."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "frameworks"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def write_json(tmp_path: Path):
    """Write data as a JSON file in the test's folder and return its path."""
    def write(data: object, name: str = "audit.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        return path
    return write


# the documents the frameworks quote ship with them, so a clone alone checks every quotation
SOURCES = FRAMEWORKS / "sources"


@pytest.fixture(scope="session")
def source_text():
    """A source document's text (a file name in frameworks/sources/, as a framework's
    `source.documents` gives it) with whitespace collapsed, for checking quotations."""
    def read(name: str) -> str:
        return " ".join((SOURCES / name).read_text(encoding="utf-8").split())
    return read


@pytest.fixture
def people() -> dict[str, str]:
    """Who is in the ``store`` (name: role); a module wanting others overrides this."""
    from tests.stores import PEOPLE

    return dict(PEOPLE)


@pytest.fixture
def store(tmp_path, people):
    """A SQLite store in the test's folder with ``people``: by default a lead auditor (lead),
    auditors ash and bo, a moderator (mo) and a trainee (tia), each with a service area."""
    from tests.stores import open_store, sqlite_url

    with open_store(sqlite_url(tmp_path), people) as s:
        yield s


@pytest.fixture
def audit_id(store):
    """A scaled-social-care audit allocated to ash, in progress."""
    return store.add_audit(framework="scaled-social-care", child_id="C-001", auditor="ash",
                           user="lead", month="2026-11", due_date="2026-11-15")


@pytest.fixture
def submitted(store):
    """A scaled-social-care audit ash has completed and submitted for moderation."""
    from tests.stores import submitted_audit

    return submitted_audit(store, evidence="Statutory visits are poor and the CIN plan is late.",
                           impact="For Sam, the plan is clear.")


@pytest.fixture
def lead_at_the_command_line(monkeypatch):
    """The commands run act as the store's lead auditor: auditlib.access refuses a login the
    store does not know."""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("AUDITLIB_USER", "lead")


@pytest.fixture(scope="session")
def hub(tmp_path_factory):
    """One real JupyterHub for the session (tests/hub.py): starting one takes a while."""
    from tests.hub import running_hub

    with running_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


@pytest.fixture(autouse=True)
def data_of_its_own(monkeypatch, tmp_path_factory):
    """Each test's default store folder is its own, never the home folder's: a store found
    there (``auditlib sample`` reads the store's audits) would make a test depend on this
    computer. A test that names ``AUDITLIB_DATA`` or a store itself goes on doing so."""
    monkeypatch.setenv("AUDITLIB_DATA", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(autouse=True)
def origin_as_it_was(monkeypatch):
    """A test that runs the command line in this process (``main([...])``) marks the process
    as the command line (``auditlib.store.ORIGIN``); the tests after it are not."""
    import auditlib.store

    monkeypatch.setattr(auditlib.store, "ORIGIN", auditlib.store.ORIGIN)
