"""A clone of the repository alone is the whole project: nothing reads a folder beside it, and
the source documents the frameworks quote ship in frameworks/sources/."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from auditlib.framework import load_framework
from tests.conftest import FRAMEWORKS, ROOT, SOURCES

# everything the project runs, tests, builds or documents
PROJECT = ["auditlib", "tests", "benchmarks", ".ci", "deploy", "workbooks", "training",
           "frameworks", "docs", "examples", "pyproject.toml", "README.md"]
# installed or generated, not the project's own
SKIPPED_DIRS = {"node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", ".venv",
                ".ipynb_checkpoints"}
# the reading folder that sits beside a checkout, and its documents' folder: spelt in pieces so
# that this file, which only names what to look for, never reads as a reference to them itself
BESIDE, DOCS = "sh" + "ared", "se" + "eds"
# that folder however spelt (a path string, or pathlib joins), and the opaque names its
# documents had before they shipped here under readable ones
OUTSIDE = re.compile(rf"""\.\.[/\\]+{BESIDE}\b|\b{BESIDE}[/\\]+{DOCS}\b"""
                     rf"""|parent\s*/\s*["']{BESIDE}["']|["']{BESIDE}["']\s*[/,]\s*["']{DOCS}["']"""
                     r"""|\b\d{3}_[0-9a-f]{16}\.txt\b""")


def project_files():
    for entry in PROJECT:
        path = ROOT / entry
        if path.is_file():
            yield path
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
            yield from (Path(folder) / name for name in sorted(files))


def test_nothing_reads_outside_the_repository():
    """Code, tests, CI, deployment, notebooks and docs never reach for a folder beside the
    repository, nor name its files."""
    this = Path(__file__).resolve()
    offenders = []
    for path in project_files():
        data = path.read_bytes()
        if path.resolve() == this or b"\0" in data:  # this file names the patterns; skip binaries
            continue
        text = data.decode("utf-8", errors="replace")
        offenders += [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: "
                      f"{m.group()}" for m in OUTSIDE.finditer(text)]
    assert not offenders, "\n".join(offenders)


def test_the_check_finds_what_it_looks_for():
    """The pattern catches each way the old fixture and its callers named the outside folder."""
    for line in (f'SOURCES = ROOT.parent / "{BESIDE}" / "{DOCS}"',
                 f"open('../{BESIDE}/{DOCS}/x.txt')", f'os.path.join(root, "{BESIDE}", "{DOCS}")',
                 'documents: ["003_42e8e65b07981b4a.txt"]'):
        assert OUTSIDE.search(line), line
    for line in (f'"{BESIDE}", "disclosed", "described"', f"a {BESIDE} store", "--seed 4821"):
        assert not OUTSIDE.search(line), line


SHIPPED = sorted(FRAMEWORKS.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_cited_document_ships_in_frameworks_sources(path):
    documents = load_framework(path).source["documents"]
    assert documents
    for name in documents:
        assert (SOURCES / name).is_file(), f"{path.name} cites {name}, not in frameworks/sources/"


def test_every_shipped_document_is_cited_and_described():
    """No orphan in frameworks/sources/, and its README says what each file is."""
    cited = {name for path in SHIPPED for name in load_framework(path).source["documents"]}
    shipped = {p.name for p in SOURCES.glob("*.txt")}
    assert shipped == cited
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    for name in shipped:
        assert f"`{name}`" in readme, name
    for path in SOURCES.glob("*.txt"):
        path.read_text(encoding="utf-8")  # plain UTF-8 text
