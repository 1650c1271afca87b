"""Where auditlib's files are: what ships with it (frameworks, workbooks, exemplars, the
Jupyter configuration) and where the user's data lives.

A wheel carries the shipped folders inside the package; a checkout keeps them beside it, at the
repository's top level. Every lookup goes through here, so moving a module moves nothing else.
"""

from __future__ import annotations

import os
from pathlib import Path

from auditlib.exceptions import AuditlibError

PACKAGE = Path(__file__).resolve().parent

# the configuration files Jupyter loads for `auditlib serve` (always inside the package)
SHARE = PACKAGE / "share"


def shipped(name: str, marker: str = "") -> Path | None:
    """The shipped folder ``name`` (in a wheel: inside the package; in a checkout: beside it),
    or None. With ``marker``, the folder must hold that file or folder."""
    for candidate in (PACKAGE / name, PACKAGE.parent / name):
        if candidate.is_dir() and (not marker or (candidate / marker).exists()):
            return candidate
    return None


def workbooks_dir() -> Path:
    """The workbooks shipped with auditlib (in a wheel) or the repository's ``workbooks/``."""
    found = shipped("workbooks", "audit.ipynb")
    if found is None:
        raise AuditlibError("the workbooks folder was not found (is auditlib installed whole?)")
    return found


def exemplars_dir() -> Path:
    """The anonymised exemplar cases trainees grade."""
    found = shipped("training", "exemplars")
    if found is None:
        raise AuditlibError("the exemplar cases were not found (training/exemplars)")
    return found / "exemplars"


def data_dir() -> Path:
    """The folder the default store lives in: ``AUDITLIB_DATA``, else the user's data folder
    (``$XDG_DATA_HOME/auditlib``, by default ``~/.local/share/auditlib``)."""
    if os.environ.get("AUDITLIB_DATA"):
        return Path(os.environ["AUDITLIB_DATA"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "auditlib"
