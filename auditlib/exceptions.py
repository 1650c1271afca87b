"""Errors raised by auditlib.

Every error a user can cause derives from :class:`AuditlibError`, whose ``str()`` is one line a
person can act on. The command line prints that line and exits non-zero; it never shows a
traceback for these.

    AuditlibError
    ├── FrameworkError          a framework file is unreadable or invalid (carries every problem)
    ├── UnknownFramework        no framework with that id
    ├── InvalidAudit            an audit record does not fit its framework (carries the path)
    ├── OutputError             a file cannot be written where asked (carries the path)
    ├── InputError              an input file cannot be read at all (carries the path)
    │   └── TableError          a row or cell of a CSV file is wrong (file, row and column)
    ├── InvalidValue            a value given for a named field is wrong (a month, a date…)
    ├── VocabularyError         a council's word list is malformed (auditlib.vocabulary)
    └── StoreError              the audit store cannot do what was asked
        ├── AuditNotFound       no audit (or action, or user) with that id
        ├── PermissionRefused   the acting user lacks the role, or is not the audit's auditor
        ├── LifecycleRefused    the audit's status forbids the change (submitted, finalised…)
        ├── VersionConflict     a write based on a stale version: someone saved first
        └── StoreSchemaError    the store was made by a newer auditlib, or cannot be migrated
"""
from __future__ import annotations

from dataclasses import dataclass


class AuditlibError(Exception):
    """Base class: something the user can correct, described in one line."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where (a path such as ``sections[2].id``, and a line) and what."""

    path: str
    message: str
    line: int | None = None

    def format(self, filename: str | None = None) -> str:
        where = filename or "<framework>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class FrameworkError(AuditlibError):
    """A framework file could not be read or is not a valid framework.

    ``problems`` holds every problem found, each with its path and line, so an author can fix
    them all in one pass.
    """

    def __init__(self, problems: list[Problem], filename: str | None = None):
        self.problems = list(problems)
        self.filename = filename
        first = self.problems[0].format(filename) if self.problems else f"{filename}: invalid"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problem{'s' * (more > 1)})" if more else ""))

    def lines(self) -> list[str]:
        """Every problem as ``FILE:LINE: what is wrong``."""
        return [p.format(self.filename) for p in self.problems]


class UnknownFramework(AuditlibError):
    """No framework with the given id was found."""

    def __init__(self, framework_id: str, known: list[str]):
        self.framework_id = framework_id
        self.known = known
        super().__init__(
            f"unknown framework {framework_id!r} (known: {', '.join(known) or 'none'})")


class InvalidAudit(AuditlibError):
    """An audit record does not fit its framework: an unknown id, a grade outside the scale, …

    ``path`` names the place in the record (``answers.risk.score``).
    """

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class StoreError(AuditlibError):
    """The audit store refused or could not do what was asked; nothing was changed."""


class AuditNotFound(StoreError):
    """No audit, action or user with that id."""


class PermissionRefused(StoreError):
    """The acting user does not hold the role the change needs, or is not the right person."""

    def __init__(self, user: str, message: str):
        self.user = user
        super().__init__(message)


class LifecycleRefused(StoreError):
    """The audit's status forbids the change (an auditor editing a submitted audit, …)."""

    def __init__(self, audit_id: int, status: str, message: str):
        self.audit_id = audit_id
        self.status = status
        super().__init__(message)


class VersionConflict(StoreError):
    """Someone else saved first: the write was based on a version that is no longer current.

    ``current_version`` is the audit's version now; ``changed_by`` who last changed the item.
    """

    def __init__(self, audit_id: int, item: str, expected: int, current: int,
                 changed_by: str | None = None):
        self.audit_id = audit_id
        self.item = item
        self.expected_version = expected
        self.current_version = current
        self.changed_by = changed_by
        who = f" by {changed_by}" if changed_by else ""
        super().__init__(f"audit {audit_id}: {item} was changed{who} since version {expected} "
                         f"(now version {current}); reload to see the change")


class StoreSchemaError(StoreError):
    """The store's schema is newer than this auditlib understands, or could not be migrated."""


class InputError(AuditlibError):
    """An input file cannot be read: missing, a folder, not text, or far too large."""

    def __init__(self, path: object, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{path}: {message}")


class OutputError(AuditlibError):
    """A file auditlib produces cannot be written there: the folder is missing, the name is a
    folder or a symbolic link, or the path leads out of the folder it must stay in."""

    def __init__(self, path: object, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{path}: {message}")


class TableError(InputError):
    """A CSV file a person supplied is wrong at a row or cell: ``FILE:ROW: COLUMN: what``.

    Rows are counted as a spreadsheet shows them, the header being row 1.
    """

    def __init__(self, file: object, message: str, row: int | None = None,
                 column: str | None = None):
        self.path, self.message, self.row, self.column = str(file), message, row, column
        self.file = self.path
        where = f"{file}" + (f":{row}" if row is not None else "")
        AuditlibError.__init__(self, f"{where}: {column + ': ' if column else ''}{message}")


class InvalidValue(AuditlibError):
    """A value given for a named field is wrong: ``FIELD: what is wrong``.

    ``field`` is the name the library knows it by (``month``); the command line shows its own
    option (``--month``) and a page its own label, so the library never names either.
    """

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")
