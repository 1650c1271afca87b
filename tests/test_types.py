"""The core and the store type check: mypy, configured in pyproject.toml ([tool.mypy]), finds no
error in them. The core is read from the layers contract, so a new core module is checked from
the day it is placed there."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.test_layers import core_layer

STORE = "auditlib.store"


def mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    # mypy's own cache (.mypy_cache, which mypy keeps out of git): each entry is checked against
    # its source before use, and a warm one saves seconds on every run
    return subprocess.run([sys.executable, "-m", "mypy", "--config-file",
                           str(ROOT / "pyproject.toml"), "--cache-dir",
                           str(ROOT / ".mypy_cache"), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300,
                          # the checkout's auditlib, read as source from anywhere
                          env={**os.environ, "MYPYPATH": str(ROOT)})


def checked() -> list[str]:
    return sorted(core_layer()) + [STORE]


def test_the_core_and_the_store_type_check():
    result = mypy(*(arg for module in checked() for arg in ("-p", module)))
    assert result.returncode == 0, ("mypy finds type errors in the core or the store:\n"
                                    + result.stdout + result.stderr)


def test_the_core_is_read_from_the_layers():
    assert {"auditlib.grading", "auditlib.conditions", "auditlib.consistency",
            "auditlib.yamlsafe", STORE} <= set(checked())
    assert "auditlib.pages" not in checked()


def test_a_type_error_fails_the_check(tmp_path):
    """The check can fail: with the project's settings, reading the overall grade of a framework
    that may have none is an error, and so is a ``# type: ignore`` that ignores nothing."""
    (tmp_path / "careless.py").write_text(
        "from auditlib.framework import get_framework\n\n\n"
        "def overall_section() -> str:\n"
        "    return get_framework('full-audit').overall.section\n\n\n"
        "SIZE: int = 1  # type: ignore\n", encoding="utf-8")
    result = mypy("careless.py", cwd=tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert 'Item "None" of "Overall | None" has no attribute "section"' in out
    assert 'Unused "type: ignore" comment' in out
