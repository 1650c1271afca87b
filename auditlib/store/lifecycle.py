"""An audit's lifecycle, and who may change an audit in each status.

Part of :class:`auditlib.store.AuditStore`::

    in_progress --submit--> submitted --return_to_auditor--> returned --submit--> submitted
    submitted --finalise--> finalised --reopen(reason)--> in_progress

and who audits and moderates each audit: the lead auditor reallocates them
(:meth:`Lifecycle.reallocate_audit`) and sees everyone's workload
(:meth:`Lifecycle.find_workloads`).

Who may act is :mod:`auditlib.access`'s to say (the rules every route shares); which status a
change needs is the lifecycle's, refused in its own words with :class:`LifecycleRefused`.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from sqlalchemy import Connection, select

from auditlib.exceptions import LifecycleRefused, PermissionRefused, StoreError
from auditlib.record import interchange_record
from auditlib.store import schema as t
from auditlib.store.audits import Audits
from auditlib.store.checks import (
    CLEAR,
    EDITABLE,
    check_month,
    check_reason,
    load,
    optional_text,
)
from auditlib.text import clean_id

#: who may be allocated to audit, and to moderate (a lead auditor may do either)
AUDITOR_ROLES = ("auditor", "lead_auditor")
MODERATOR_ROLES = ("moderator", "lead_auditor")


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
        # access sees the audit as it is now: someone who audited it before a reallocation
        # is in its history only, and still never moderates it
        if user != row["auditor"] and user in self._auditors_before(conn, row["id"]):
            raise PermissionRefused(user, f"{user!r} audited audit {row['id']} before it was "
                                    "reallocated, so cannot moderate it")

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

    # ------------------------------------------------------------------- allocation

    def reallocate_audit(self, audit_id: int | str, *, user: str, auditor: str | None = None,
                         moderator: Any = None, reason: str | None = None) -> int:
        """The lead auditor gives an audit another auditor, another moderator (``CLEAR``: none,
        so any moderator may pick it up once submitted), or both, with an optional reason.
        Each change is one row of the history (``auditor`` or ``moderator``, old and new).
        Returns the audit's version (unchanged when nothing changes).

        The auditor changes only while the audit is in progress or returned (once submitted
        the work is the moderator's), and only to someone who audits; the moderator until the
        audit is finalised, only to someone who moderates. Nobody moderates an audit they
        audited, now or before. Training audits are the trainee's own and are never
        allocated."""
        if auditor is None and moderator is None:
            raise StoreError("say what to change: a new auditor, a new moderator, or no "
                             "moderator")
        if auditor is CLEAR:
            raise StoreError("an audit always has an auditor: name the new one")
        auditor = None if auditor is None else clean_id(auditor, "auditor")
        moderator = moderator if moderator in (None, CLEAR) else clean_id(moderator, "moderator")
        reason = (optional_text(reason, "reason") or "").strip() or None
        from auditlib import access

        with self._write() as conn:
            # the acting user first: someone who may not allocate learns nothing of the audit
            access.check(user, self._roles(conn, user), "allocate")
            row = self._audit_row(conn, audit_id, lock=True)
            n = row["id"]
            if row["training"]:
                raise LifecycleRefused(n, row["status"], f"audit {n} is a training audit: it "
                                       "is its trainee's own and is not allocated")
            new_auditor = row["auditor"] if auditor is None else auditor
            new_moderator = (row["moderator"] if moderator is None
                             else None if moderator is CLEAR else moderator)
            changes = []
            if new_auditor != row["auditor"]:
                if row["status"] not in EDITABLE:
                    raise LifecycleRefused(n, row["status"], f"audit {n} is "
                                           f"{_status_words(row['status'])}: its auditor can be "
                                           "changed only while it is in progress or returned")
                self._allocatable(conn, new_auditor, AUDITOR_ROLES, "audit")
                changes.append(("auditor", row["auditor"], new_auditor))
            if new_moderator != row["moderator"]:
                if row["status"] == "finalised":
                    raise LifecycleRefused(n, row["status"], f"audit {n} is finalised: its "
                                           "moderator cannot be changed (a lead auditor can "
                                           "reopen it with a reason)")
                if new_moderator is not None:
                    self._allocatable(conn, new_moderator, MODERATOR_ROLES, "moderate")
                changes.append(("moderator", row["moderator"], new_moderator))
            if not changes:
                return int(row["version"])
            if new_moderator is not None and new_moderator == new_auditor:
                raise StoreError(f"{new_moderator!r} cannot be both the auditor and the "
                                 f"moderator of audit {n}: nobody moderates an audit they "
                                 "audited")
            if new_moderator is not None and new_moderator != row["moderator"] and \
                    new_moderator in self._auditors_before(conn, n):
                raise StoreError(f"{new_moderator!r} audited audit {n} before it was "
                                 "reallocated, so cannot moderate it")
            version = self._bump(conn, row, user, None, None, None, None,
                                 auditor=new_auditor, moderator=new_moderator)
            for what, old, new in changes:
                self._log(conn, n, user, what, old, new, reason)
            return version

    def _allocatable(self, conn: Connection, name: str, roles: tuple[str, ...], doing: str
                     ) -> None:
        """Refuse to allocate someone who does not hold one of ``roles``."""
        held = self._roles(conn, name)
        if not held:
            raise StoreError(f"{name!r} is not a user of this store, so cannot {doing} an audit")
        if not held & set(roles):
            words = " or ".join(("an " if r[0] in "aeiou" else "a ") + r.replace("_", " ")
                                for r in roles)
            raise StoreError(f"{name!r} is not {words}, so cannot {doing} an audit")

    def _auditors_before(self, conn: Connection, audit_id: int) -> set[str]:
        """Everyone who has been the audit's auditor, from its history."""
        names: set[str] = set()
        for what, old, new in conn.execute(
                select(t.history.c.what, t.history.c.old, t.history.c.new)
                .where(t.history.c.audit_id == audit_id,
                       t.history.c.what.in_(("audit", "auditor")))):
            values = (load(old), load(new)) if what == "auditor" else \
                ((load(new) or {}).get("auditor"),)  # the row that created it
            names.update(v for v in values if isinstance(v, str))
        return names

    def find_workloads(self, month: str | None = None, on: _dt.date | None = None
                       ) -> list[dict[str, Any]]:
        """Everyone who audits or moderates, with their work (of ``month``, else of every
        month): ``to_audit`` (allocated to them, in progress or returned), ``overdue`` (of
        those, past their due date ``on``, today by default), ``to_moderate`` (allocated to
        them for moderation and not yet finalised). By name; training audits left out."""
        month = check_month(month, "month")
        today = (on or _dt.date.today()).isoformat()
        filters: dict[str, Any] = {"training": False}
        if month:
            filters["month"] = month
        people = [u for u in self.find_users()
                  if set(u["roles"]) & set(AUDITOR_ROLES + MODERATOR_ROLES)]
        load = {u["name"]: {"user": u["name"], "display_name": u.get("display_name"),
                            "service_area": u.get("service_area"), "roles": u["roles"],
                            "to_audit": 0, "overdue": 0, "to_moderate": 0} for u in people}

        def person(name: str) -> dict[str, Any]:
            # someone since stripped of their role still has the work allocated to them
            return load.setdefault(name, {"user": name, "display_name": None,
                                          "service_area": None, "roles": [], "to_audit": 0,
                                          "overdue": 0, "to_moderate": 0})
        for a in self.find_audits(**filters):
            if a["status"] in EDITABLE:
                mine = person(a["auditor"])
                mine["to_audit"] += 1
                due = a["due_date"] or ""
                mine["overdue"] += bool(due) and due < today
            if a["moderator"] and a["status"] != "finalised":
                person(a["moderator"])["to_moderate"] += 1
        return [load[name] for name in sorted(load)]


def _status_words(status: str) -> str:
    return {"submitted": "submitted for moderation"}.get(status, status.replace("_", " "))

