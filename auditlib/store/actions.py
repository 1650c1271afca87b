"""An audit's SMART actions: added and changed by its auditor while the audit is editable,
signed off by a manager at any stage (the child's team manager once the audit is finalised), and
tracked across audits until they are done.

Part of :class:`auditlib.store.AuditStore`. A removed action stays in the store and its history.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from sqlalchemy import Connection, insert, select, update

from auditlib.exceptions import AuditNotFound, InvalidAudit
from auditlib.store import schema as t
from auditlib.store.checks import (
    ACTION_FIELDS,
    CLEAR,
    check_action_text,
    check_date,
    check_version,
    id_number,
    new_id,
    now,
    optional_text,
)
from auditlib.store.lifecycle import Lifecycle


class Actions(Lifecycle):
    """Adding, changing, signing off and finding actions (see
    :class:`auditlib.store.AuditStore`)."""

    def add_action(self, audit_id: int | str, *, user: str, action: str | None = None,
                   owner: str | None = None, due: str | None = None) -> int:
        """Add a SMART action to an audit (by its auditor while editable); returns its id."""
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            values = check_action_text({"action": action, "owner": owner, "due": due})
            version = self._bump(conn, row, user, None, None, None, None)
            action_id = new_id(conn.execute(insert(t.actions).values(
                audit_id=row["id"], removed=False, changed_in=version, created_by=user,
                created_at=now(), **values)))
            self._log(conn, row["id"], user, f"actions.{action_id}", None, values)
            return int(action_id)

    def _action_row(self, conn: Connection, audit_id: int, action_id: int | str
                    ) -> dict[str, Any]:
        key = id_number(action_id)
        if key is None:
            raise AuditNotFound(f"no such action: {action_id!r}")
        row = conn.execute(select(t.actions).where(t.actions.c.id == key,
                                                   t.actions.c.audit_id == audit_id,
                                                   t.actions.c.removed.is_(False))
                           ).mappings().first()
        if row is None:
            raise AuditNotFound(f"no such action {action_id!r} in audit {audit_id}")
        return dict(row)

    def action_version(self, audit_id: int | str, action_id: int | str) -> int:
        """The audit's version that last changed this action (what a page passes back as
        ``expected_version`` when it changes the action)."""
        with self._read() as conn:
            row = self._audit_row(conn, audit_id)
            return int(self._action_row(conn, row["id"], action_id)["changed_in"])

    def action_text(self, audit_id: int | str, action_id: int | str, field: str) -> str | None:
        """One field of an action as the store holds it now (a page shows it beside a change
        that could not be saved)."""
        if field not in ACTION_FIELDS:
            raise InvalidAudit(f"actions.{action_id}.{field}", f"unknown action field {field!r}")
        with self._read() as conn:
            row = self._audit_row(conn, audit_id)
            return self._action_row(conn, row["id"], action_id)[field]

    def update_action(self, audit_id: int | str, action_id: int | str, *, user: str,
                      expected_version: int | None = None, **fields: Any) -> int:
        """Change an action's text, person or completion date; returns the new version."""
        for key in fields:
            if key not in ACTION_FIELDS:
                raise InvalidAudit(f"actions.{action_id}.{key}", f"unknown action field {key!r} "
                                   f"(one of {', '.join(ACTION_FIELDS)})")
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            current = self._action_row(conn, row["id"], action_id)
            check_version(row, f"actions.{action_id}", current["changed_in"], expected_version)
            new = check_action_text({k: (None if v is CLEAR else v)
                                     for k, v in fields.items()})
            changed = {k: v for k, v in new.items() if current[k] != v}
            if not changed:
                return row["version"]
            version = self._bump(conn, row, user, None, None, None, None)
            conn.execute(update(t.actions).where(t.actions.c.id == current["id"])
                         .values(changed_in=version, **changed))
            for key, value in changed.items():
                self._log(conn, row["id"], user, f"actions.{current['id']}.{key}", current[key],
                          value)
            return version

    def remove_action(self, audit_id: int | str, action_id: int | str, *, user: str) -> int:
        """Remove an action from the audit (it stays in the history)."""
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            current = self._action_row(conn, row["id"], action_id)
            version = self._bump(conn, row, user, None, None, None, None)
            conn.execute(update(t.actions).where(t.actions.c.id == current["id"])
                         .values(removed=True, changed_in=version))
            self._log(conn, row["id"], user, f"actions.{current['id']}",
                      {k: current[k] for k in ACTION_FIELDS}, None)
            return version

    def _team_of(self, conn: Connection, user: str) -> str | None:
        """The acting user's team (what auditlib.access takes as ``team``)."""
        return conn.execute(select(t.users.c.team).where(t.users.c.name == user)).scalar()

    def _check_on_case(self, conn: Connection, row: dict[str, Any], user: str, action: str
                       ) -> None:
        """Refuse through auditlib.access, with the acting user's team."""
        from auditlib import access

        access.check(user, self._roles(conn, user), action, row,
                     team=self._team_of(conn, user))

    def sign_off_action(self, audit_id: int | str, action_id: int | str, *, user: str,
                        signed_off_on: _dt.date | str, note: str | None = None) -> int:
        """Record the manager's sign-off date for an action (and an optional note, such as
        why an action is no longer needed). Allowed at any stage, including after
        finalisation, by the lead auditor, a moderator or the audit's auditor; and by the
        child's team manager once the audit is finalised (see :mod:`auditlib.access`)."""
        day = check_date(signed_off_on, "signed_off_on")
        note = optional_text(note, "note")
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._check_on_case(conn, row, user, "sign_off")
            current = self._action_row(conn, row["id"], action_id)
            version = self._bump(conn, row, user, None, None, None, None)
            conn.execute(update(t.actions).where(t.actions.c.id == current["id"])
                         .values(signed_off=day, note=note if note is not None
                                 else current["note"], changed_in=version))
            self._log(conn, row["id"], user, f"actions.{current['id']}.signed_off",
                      current["signed_off"], day, note)
            return version

    def find_actions(self, month: str | None = None, audit_id: int | None = None
                     ) -> list[dict[str, Any]]:
        """Every action (not removed) with its audit's child, auditor, month and status, and
        when and by whom it was marked done with what evidence (``done_on``, ``done_by``,
        ``evidence``), for tracking; optionally one month's or one audit's."""
        query = (select(t.actions.c.id, t.actions.c.audit_id, t.actions.c.action,
                        t.actions.c.owner, t.actions.c.due, t.actions.c.signed_off,
                        t.actions.c.note, t.actions.c.done_on, t.actions.c.done_by,
                        t.actions.c.evidence, t.audits.c.child_id, t.audits.c.auditor,
                        t.audits.c.month, t.audits.c.status)
                 .join(t.audits, t.audits.c.id == t.actions.c.audit_id)
                 .where(t.actions.c.removed.is_(False), t.audits.c.status != "removed",
                        t.audits.c.training.is_(False))
                 .order_by(t.actions.c.id))
        if month is not None:
            query = query.where(t.audits.c.month == month)
        if audit_id is not None:
            query = query.where(t.audits.c.id == (id_number(audit_id) or 0))
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        return [{"action_id": r["id"], **{k: r[k] for k in r if k != "id"}} for r in rows]

    def overdue_actions(self, on: _dt.date | str | None = None) -> list[dict[str, Any]]:
        """Actions not signed off whose completion date is before ``on`` (default today),
        oldest first. Actions whose date is not a calendar date are listed too: they cannot be
        tracked and need one."""
        day = check_date(on or _dt.date.today(), "on")
        query = (select(t.actions.c.id, t.actions.c.audit_id, t.actions.c.action,
                        t.actions.c.owner, t.actions.c.due, t.audits.c.child_id,
                        t.audits.c.auditor, t.audits.c.status)
                 .join(t.audits, t.audits.c.id == t.actions.c.audit_id)
                 .where(t.actions.c.removed.is_(False), t.actions.c.signed_off.is_(None),
                        t.audits.c.status != "removed", t.audits.c.training.is_(False))
                 .order_by(t.actions.c.due, t.actions.c.id))
        from auditlib.dates import is_calendar_date

        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        out = []
        for r in rows:
            due = r["due"] or ""
            dated = is_calendar_date(due)
            if (dated and due < day) or (not dated and (r["action"] or "").strip()):
                out.append({"action_id": r["id"], "audit_id": r["audit_id"],
                            "child_id": r["child_id"], "auditor": r["auditor"],
                            "action": r["action"], "owner": r["owner"], "due": r["due"],
                            "status": r["status"], "undated": not dated})
        return out
