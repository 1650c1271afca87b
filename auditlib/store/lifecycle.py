"""An audit's lifecycle, and who may change an audit in each status.

Part of :class:`auditlib.store.AuditStore`::

    in_progress --submit--> submitted --return_to_auditor--> returned --submit--> submitted
    submitted --finalise--> finalised --reopen(reason)--> in_progress

Who may act is :mod:`auditlib.access`'s to say (the rules every route shares); which status a
change needs is the lifecycle's, refused in its own words with :class:`LifecycleRefused`.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from auditlib.exceptions import LifecycleRefused, StoreError
from auditlib.record import interchange_record
from auditlib.store.audits import Audits
from auditlib.store.checks import EDITABLE, check_reason, optional_text


class Lifecycle(Audits):
    """Submitting, returning, finalising and reopening (see :class:`auditlib.store.AuditStore`)."""

    def _decide(self, conn: Connection, row: dict[str, Any], user: str, action: str,
                status: str) -> None:
        """Refuse through auditlib.access, the rules every route shares. They are asked as if
        the audit were in ``status``: a status the change needs is the lifecycle's to refuse, in
        its own words (:class:`LifecycleRefused`), after who may make it."""
        from auditlib import access

        access.check(user, self._roles(conn, user), action, {**row, "status": status})

    def _editable_by_auditor(self, conn: Connection, row: dict[str, Any], user: str) -> None:
        self._decide(conn, row, user, "edit", "in_progress")
        if row["status"] not in EDITABLE:
            words = {"submitted": "has been submitted for moderation",
                     "finalised": "is finalised (a lead auditor can reopen it with a reason)"}
            raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} "
                                   f"{words.get(row['status'], 'is ' + row['status'])}: "
                                   "the auditor cannot change it")

    def _check_moderator(self, conn: Connection, row: dict[str, Any], user: str) -> None:
        self._decide(conn, row, user, "moderate", "submitted")

    def submit(self, audit_id: int | str, *, user: str) -> int:
        """The auditor submits a complete audit for moderation; it is then read-only for them.
        Refused while the audit is incomplete or breaks a hard rule of its framework."""
        from auditlib.grading import grade

        fw = self._framework_for(audit_id)  # parsed outside the write lock
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            result = grade(fw, interchange_record(self._record(conn, row)), validate=False)
            if not result.complete:
                raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} is not "
                                       f"complete ({result.done} of {result.total} fields "
                                       f"complete; missing {', '.join(result.missing)})")
            if result.errors:
                first = result.errors[0]
                raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} breaks a "
                                       f"rule of its framework ({first.where}: {first.message})")
            return self._bump(conn, row, user, "status", row["status"], "submitted", None,
                              status="submitted")

    def return_to_auditor(self, audit_id: int | str, *, user: str, reason: str | None = None
                          ) -> int:
        """The moderator returns a submitted audit to its auditor to edit and resubmit, saying
        what the auditor should revisit (:meth:`find_return_reason` reads it back)."""
        reason = optional_text(reason, "reason")
        if reason is None or not reason.strip():
            raise StoreError("a reason is required to return an audit to its auditor: say "
                             "what they should revisit")
        reason = reason.strip()
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._check_moderator(conn, row, user)
            self._expect_status(row, "submitted", "returned to the auditor")
            return self._bump(conn, row, user, "status", row["status"], "returned", reason,
                              status="returned", moderator=row["moderator"] or user)

    def find_return_reason(self, audit_id: int | str) -> dict[str, Any] | None:
        """The audit's latest return to its auditor, or None if it was never returned:
        ``{"by", "at", "reason", "changes"}``, ``changes`` being what the auditor changed since
        (``{"what", "old", "new"}`` per thing changed, the value before the return and the
        latest, in the order first changed)."""
        history = self.history(audit_id)
        returns = [i for i, h in enumerate(history)
                   if h["what"] == "status" and h["new"] == "returned"]
        if not returns:
            return None
        last = history[returns[-1]]
        changes: dict[str, dict[str, Any]] = {}
        for h in history[returns[-1] + 1:]:
            if h["what"] == "status" or h["what"].startswith("moderation."):
                continue
            changes.setdefault(h["what"], {"what": h["what"], "old": h["old"]})["new"] = h["new"]
        return {"by": last["user"], "at": last["at"], "reason": last["reason"],
                "changes": [c for c in changes.values() if c["old"] != c["new"]]}

    def finalise(self, audit_id: int | str, *, user: str) -> int:
        """The moderator or lead auditor finalises a submitted audit: read-only from then on."""
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._check_moderator(conn, row, user)
            self._expect_status(row, "submitted", "finalised")
            return self._bump(conn, row, user, "status", row["status"], "finalised", None,
                              status="finalised", moderator=row["moderator"] or user)

    def reopen(self, audit_id: int | str, *, user: str, reason: str) -> int:
        """The lead auditor reopens a finalised audit, giving the reason."""
        reason = check_reason(reason)
        with self._write() as conn:
            self._require_role(conn, user, "lead_auditor")
            row = self._audit_row(conn, audit_id, lock=True)
            self._expect_status(row, "finalised", "reopened")
            return self._bump(conn, row, user, "status", row["status"], "in_progress", reason,
                              status="in_progress")

    def _expect_status(self, row: dict[str, Any], status: str, doing: str) -> None:
        if row["status"] != status:
            raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} is "
                                   f"{row['status'].replace('_', ' ')}: only a "
                                   f"{status.replace('_', ' ')} audit can be {doing}")
