"""What every command shares: the exit codes, the error for a request that cannot be met,
reading and printing JSON, and opening the store as the acting user."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from auditlib import access
from auditlib.access import acting_user
from auditlib.exceptions import AuditlibError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


class CommandError(AuditlibError):
    """A problem with what was asked for on the command line."""


def open_store(args: argparse.Namespace, create: bool = False) -> Any:
    """The store ``--store`` names (imported here: only the store's commands need SQLAlchemy)."""
    from auditlib import store

    # the trail records the login that ran the command beside the --user it names
    store.ORIGIN = store.command_line_origin()
    # a store named by path must exist, but for users add, which sets one up
    return store.AuditStore(args.store, create=create)


def authorise(args: argparse.Namespace, action: str, audit_id: Any = None
              ) -> tuple[str, set[str]]:
    """The acting user (see :func:`auditlib.access.acting_user`: ``--user`` is trusted) and
    their roles, once auditlib.access allows ``action`` (on audit ``audit_id``); refused in one
    line otherwise, before anything is read or written. A user the store does not know learns
    nothing, not even whether the audit exists."""
    user = acting_user(args.user)
    with open_store(args) as store:
        roles = store.roles_of(user)
        team = access.team_of(store, user) if roles else None
        audit = _audit_to_decide(store, audit_id) if roles and audit_id is not None else None
    access.check(user, roles, action, audit, team=team)
    return user, roles


def _audit_to_decide(store: Any, audit_id: Any) -> Any:
    """The audit the rules decide on, a removed one too: its history stays the lead
    auditor's to read."""
    from auditlib.exceptions import AuditNotFound

    try:
        return store.find_audit(audit_id)
    except AuditNotFound:
        removed = [a for a in store.find_audits(status="removed")
                   if str(a["audit_id"]) == str(audit_id).strip()]
        if not removed:
            raise
        return removed[0]


MAX_JSON_BYTES = 50_000_000  # an audit with every narrative at the store's limit is smaller
MAX_JSON_DEPTH = 64  # an audit nests 4 deep
MAX_JSON_DIGITS = 100  # no number in an audit is longer; Python refuses past 4300


class _Unusable(Exception):
    """Valid JSON that no audit holds: a number of hundreds of digits, NaN."""


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _Unusable(f"a number with more than {MAX_JSON_DIGITS} digits")
    return int(text)


def _json_constant(name: str) -> Any:
    raise _Unusable(f"{name} is not a JSON number")


def _nested_deeper(data: Any, limit: int) -> bool:
    """Is ``data`` nested more than ``limit`` deep? (Without recursion: that is the point.)"""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def read_json(path: str) -> Any:
    """Read a JSON file, turning every failure into a one-line error naming the file."""
    from auditlib.files import read_input

    text = read_input(path, limit=MAX_JSON_BYTES, too_big="an audit file is far smaller")
    try:
        record = json.loads(text, parse_int=_json_int, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except _Unusable as exc:
        raise CommandError(f"{path}: not usable JSON: {exc}") from None
    except RecursionError:  # the parser's own stack ran out: far past the limit
        record = None
        too_deep = True
    else:
        too_deep = _nested_deeper(record, MAX_JSON_DEPTH)
    if too_deep:
        raise CommandError(f"{path}: not usable JSON: nested more than {MAX_JSON_DEPTH} levels "
                           "deep")
    return record


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, its text as it is (not escaped to ASCII)."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
