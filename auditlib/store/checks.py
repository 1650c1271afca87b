"""What the store accepts: its roles and statuses, and the checks every value passes at the door.

Each check cleans a value a person typed or a file carried (:func:`auditlib.text.clean_text`
refuses control characters and the like) and raises :class:`InvalidAudit` or
:class:`StoreError` naming the field, before any write starts. Also here: how the store writes
JSON columns and times, and the one check of a write based on a version that is no longer current.
"""
from __future__ import annotations

import datetime as _dt
import json
import operator
import re
from collections.abc import Iterable, Mapping
from typing import Any

from auditlib.exceptions import InvalidAudit, StoreError, VersionConflict
from auditlib.record import record_actions
from auditlib.text import clean_id, clean_text, show

ROLES = ("auditor", "moderator", "lead_auditor", "trainee", "practitioner", "team_manager")
STATUSES = ("in_progress", "submitted", "returned", "finalised", "removed")
EDITABLE = ("in_progress", "returned")
ACTION_FIELDS = ("action", "owner", "due")
MAX_DUE = 40  # the column's width: "two weeks" fits, and so does any date
_ACTION_TEXT = ("action", "owner", "due", "note", "signed_off", "done_on", "done_by", "evidence")


class _Clear:
    """Pass :data:`CLEAR` to remove a value (``None`` means "leave as it is")."""

    def __repr__(self) -> str:
        return "CLEAR"


CLEAR: Any = _Clear()


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def check_version(audit: Mapping[str, Any], item: str, changed_in: int,
                  expected: int | None, changed_by: str | None = None) -> None:
    """Refuse a write made against ``expected`` (the audit's version the writer saw) when the
    item was changed after it, or when the audit never had that version: someone else saved
    first, and saving now would overwrite what they wrote unseen. ``changed_in`` is the version
    that last changed the item (0 if it was never saved). Without ``expected`` nothing is
    checked.

    >>> check_version({"id": 7, "version": 5}, "risk", changed_in=3, expected=4)
    >>> check_version({"id": 7, "version": 5}, "risk", changed_in=5, expected=4, changed_by="bo")
    Traceback (most recent call last):
    ...
    auditlib.exceptions.VersionConflict: audit 7: risk was changed by bo since version 4 (now version 5); reload to see the change
    """  # noqa: E501 - a doctest's expected line is as long as the message
    if expected is not None and (expected > audit["version"] or changed_in > expected):
        raise VersionConflict(audit["id"], item, expected, audit["version"], changed_by)


def id_number(value: Any) -> int | None:
    """An audit's or action's id as the number it is, or None if it cannot be one: "12" and 12
    are, "１２", "1e3" and a number too large for the database are not."""
    if isinstance(value, str):
        text = value.strip()
        number = int(text) if text.isascii() and text.isdigit() and len(text) < 20 else None
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, bool):
        number = None
    else:
        try:
            number = operator.index(value)  # an int, or a numpy integer
        except TypeError:
            number = None
    return number if number is not None and 0 < number < 2**63 else None


def check_roles(roles: Iterable[str]) -> None:
    """Refuse a list of roles that is empty or names one the store does not have."""
    roles = list(roles)
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise StoreError(f"role {bad[0] if bad else None!r} is not one of {', '.join(ROLES)}")


def optional_text(value: Any, path: str) -> str | None:
    return None if value is None else clean_text(value, path)


_EMAIL = re.compile(r"[^@\s,;<>\"']{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*")


def check_email(value: Any, path: str) -> str | None:
    """An email address of one mailbox, or None: nothing a mail header could be split on.

    >>> check_email("ash@example.org", "email")
    'ash@example.org'
    >>> check_email("a@b.org, boss@c.org", "email")
    Traceback (most recent call last):
    ...
    auditlib.exceptions.InvalidAudit: email: 'a@b.org, boss@c.org' is not one email address
    """
    if value is None:
        return None
    text = clean_text(value, path).strip()
    if not _EMAIL.fullmatch(text) or len(text) > 254:
        raise InvalidAudit(path, f"{show(text)} is not one email address")
    return text


def clean_texts(values: dict[str, Any], path: str, keep: tuple[str, ...] = ()
                ) -> dict[str, Any]:
    """The object with its text values cleaned (but those under ``keep``: a grade is checked
    against its scale as it is); other values are left for the validators, which name what
    each field takes."""
    return {key: clean_text(value, f"{path}.{key}")
            if isinstance(value, str) and key not in keep else value
            for key, value in values.items()}


_MONTH = re.compile(r"(19|2\d)\d\d-(0[1-9]|1[0-2])")  # an audit's month, not year 1 or 9999


def check_month(value: Any, path: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and _MONTH.fullmatch(value.strip()):
        return value.strip()
    raise InvalidAudit(path, f"must be a month YYYY-MM (got {show(value)})")


def check_due_date(value: Any, path: str) -> str | None:
    from auditlib.dates import is_calendar_date

    if value is None or value == "":
        return None
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and is_calendar_date(value):
        return value.strip()
    raise InvalidAudit(path, f"must be a calendar date YYYY-MM-DD (got {show(value)})")


def check_reason(reason: Any) -> str:
    reason = clean_text(reason, "reason").strip() if isinstance(reason, str) else ""
    if not reason:
        raise StoreError("a reason is required")
    return reason


def check_date(value: Any, what: str) -> str:
    from auditlib.dates import is_calendar_date

    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and is_calendar_date(value):
        return value.strip()
    raise StoreError(f"{what} must be a calendar date YYYY-MM-DD (got {value!r})")


def check_action_text(values: dict[str, Any], path: str = "actions") -> dict[str, Any]:
    """The action's fields, cleaned: each text or None (a completion date of at most 40
    characters, a sign-off date a calendar date)."""
    # other keys are left for validate_record, which names them as unknown
    out = {key: optional_text(value, f"{path}.{key}") if key in _ACTION_TEXT else value
           for key, value in values.items()}
    due = out.get("due")
    if due is not None and len(due) > MAX_DUE:
        raise InvalidAudit(f"{path}.due", f"is too long for a completion date "
                           f"({len(due):,} characters; at most {MAX_DUE})")
    for day in ("signed_off", "done_on"):
        if out.get(day) is not None:
            out[day] = check_due_date(out[day], f"{path}.{day}")
    if out.get("done_by") is not None:
        out["done_by"] = clean_id(out["done_by"], f"{path}.done_by")
    return out


def clean_import(record: dict[str, Any]) -> dict[str, Any]:
    """An interchange record with its texts cleaned and every field the store keeps beside the
    answers checked (the framework's validation names what is wrong with the rest)."""
    out = dict(record)
    out["child_id"] = clean_id(record.get("child_id"), "child_id")
    if isinstance(record.get("header"), dict):
        out["header"] = clean_texts(record["header"], "header")
    if isinstance(record.get("answers"), dict):
        out["answers"] = {
            item: clean_texts(answer, f"answers.{item}", keep=("grade",))
            if isinstance(answer, dict) else answer
            for item, answer in record["answers"].items()}
    out["actions"] = [check_action_text(a, f"actions[{i}]")
                      for i, a in enumerate(record_actions(record))]
    out["month"] = check_month(record.get("month"), "month")
    out["due_date"] = check_due_date(record.get("due_date"), "due_date")
    if record.get("auditor") not in (None, ""):
        out["auditor"] = clean_id(record["auditor"], "auditor")
    out["moderator"] = None if record.get("moderator") in (None, "") \
        else clean_id(record["moderator"], "moderator")
    out["service_area"] = optional_text(record.get("service_area"), "service_area")
    if not isinstance(record.get("training"), (bool, type(None))):
        raise InvalidAudit("training", f"must be true or false (got {show(record['training'])})")
    imported_from = record.get("audit_id")
    if isinstance(imported_from, str):
        out["audit_id"] = clean_id(imported_from, "audit_id")
    elif imported_from is not None and (isinstance(imported_from, bool) or not isinstance(
            imported_from, int) or abs(imported_from) >= 2**63):
        raise InvalidAudit("audit_id", f"must be a number or a text id (got "
                           f"{show(imported_from)})")
    moderation = record.get("moderation") or {}
    if not isinstance(moderation, dict):
        raise InvalidAudit("moderation", "must be an object keyed by item id")
    out["moderation"] = {}
    for item_id, m in moderation.items():
        if not isinstance(m, dict):
            raise InvalidAudit(f"moderation.{item_id}", "must be an object")
        m = dict(m, comment=optional_text(m.get("comment"), f"moderation.{item_id}.comment"))
        if m.get("moderator") not in (None, ""):
            m["moderator"] = clean_id(m["moderator"], f"moderation.{item_id}.moderator")
        out["moderation"][item_id] = m
    return out


def new_id(result: Any) -> int:
    """The id the database gave the row an INSERT added."""
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - every table has an integer key
        raise StoreError("the database gave the new row no id")
    return int(key[0])
