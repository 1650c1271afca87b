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


@pytest.fixture(scope="session")
def hub(tmp_path_factory):
    """One real JupyterHub for the session (tests/hub.py): starting one takes a while."""
    from tests.hub import running_hub

    with running_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running
