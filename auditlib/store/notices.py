"""Notifications sent: each digest is recorded in the audit trail, so nothing is sent twice.

Part of :class:`auditlib.store.AuditStore`. A digest sent to one person is ONE history row,
``notice.<name>``, whose new value is the sorted keys of the notices it held (``audit.12.
allocated.ash``, ``action.5.overdue.2026-W47``...). The trail is append-only, so that is the
record: :meth:`Notices.find_notices_sent` reads it back and :mod:`auditlib.notify` leaves out
whatever a person has already been sent. The rows carry keys only (ids and dates), never what
the email said.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from auditlib.exceptions import StoreError
from auditlib.store import schema as t
from auditlib.store.checks import load
from auditlib.store.users import Users
from auditlib.text import clean_id

_PREFIX = "notice."
#: the history rows a notification is made from: an audit created or reallocated, its status
LIFECYCLE_WHATS = ("audit", "auditor", "moderator", "status")


class Notices(Users):
    """What has been sent to whom (see :class:`auditlib.store.AuditStore`)."""

    def add_notices_sent(self, user_name: str, keys: Iterable[str], *, user: str) -> None:
        """Record that a digest holding the notices ``keys`` was sent to ``user_name``: one row
        of the history (lead auditor only, who runs ``auditlib notify``). Nothing for no keys."""
        name = clean_id(user_name, "user_name")
        sent = sorted({clean_id(k, "keys") for k in keys})
        if not sent:
            return
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            self._log(conn, None, user, f"{_PREFIX}{name}", None, sent)

    def find_notices_sent(self, user_name: str | None = None) -> set[str]:
        """The keys of every notice sent to ``user_name``; with no name, every key sent to
        anyone (a key names its audit or action, not its recipient: see
        :meth:`notices_sent_by_person`)."""
        return set().union(*self.notices_sent_by_person(user_name).values())

    def notices_sent_by_person(self, user_name: str | None = None) -> dict[str, set[str]]:
        """``{person: keys sent to them}``, everyone's or one person's, from the history."""
        what = t.history.c.what
        query = select(what, t.history.c.new).where(t.history.c.audit_id.is_(None))
        if user_name is None:
            query = query.where(what.like(f"{_PREFIX}%"))
        else:
            query = query.where(what == f"{_PREFIX}{user_name}")
        sent: dict[str, set[str]] = {}
        with self._read() as conn:
            for row_what, new in conn.execute(query):
                keys = load(new)
                if not isinstance(keys, list):  # not a row this module wrote
                    continue
                sent.setdefault(row_what[len(_PREFIX):], set()).update(
                    k for k in keys if isinstance(k, str))
        return sent

    def find_lifecycle_events(self, since: str | None = None) -> list[dict[str, Any]]:
        """The history rows an audit's notifications come from, oldest first: ``{"id",
        "audit_id", "at", "user", "what", "old", "new"}`` for each audit created (``what``
        ``audit``, ``new`` holding its auditor and moderator), auditor or moderator changed and
        status changed; at or after ``since`` (an ISO date or time) if given. The reason
        written with a change is left out: it is the moderator's words about the case."""
        if since is not None and not isinstance(since, str):
            raise StoreError(f"since must be an ISO date (got {since!r})")
        h = t.history.c
        query = (select(h.id, h.audit_id, h.at, h.user_name, h.what, h.old, h.new)
                 .where(h.audit_id.is_not(None), h.what.in_(LIFECYCLE_WHATS))
                 .order_by(h.id))
        if since is not None:
            query = query.where(h.at >= since)
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        return [{"id": r["id"], "audit_id": r["audit_id"], "at": r["at"], "user": r["user_name"],
                 "what": r["what"], "old": load(r["old"]), "new": load(r["new"])} for r in rows]
