"""The moderator's grades and comments, recorded beside the auditor's answers (never over them).

Part of :class:`auditlib.store.AuditStore`. Returning and finalising a moderated audit are in
:mod:`auditlib.store.lifecycle`.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from auditlib.exceptions import InvalidAudit, LifecycleRefused
from auditlib.record import validate_answer
from auditlib.store import schema as t
from auditlib.store.audits import save_item_row
from auditlib.store.checks import CLEAR, check_version, now
from auditlib.store.lifecycle import Lifecycle
from auditlib.text import clean_id, clean_text


class Moderation(Lifecycle):
    """Saving the moderator's grade and comment (see :class:`auditlib.store.AuditStore`)."""

    def save_moderation(self, audit_id: int | str, item_id: str, *, user: str,
                        grade: Any = None, score: Any = None, comment: Any = None,
                        expected_version: int | None = None) -> int:
        """Record the moderator's grade and comment for one item, beside the auditor's answer
        (which is never changed). Only while the audit is submitted for moderation."""
        item_id = clean_id(item_id, "item_id")
        if isinstance(comment, str):
            comment = clean_text(comment, f"moderation.{item_id}.comment")
        fw = self._framework_for(audit_id)  # parsed outside the write lock
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._check_moderator(conn, row, user)
            if row["status"] != "submitted":
                raise LifecycleRefused(row["id"], row["status"], f"audit {row['id']} is "
                                       f"{row['status'].replace('_', ' ')}, not submitted for "
                                       "moderation")
            current = conn.execute(select(t.moderation).where(
                t.moderation.c.audit_id == row["id"], t.moderation.c.item_id == item_id)
            ).mappings().first()
            check_version(row, f"moderation.{item_id}",
                          current["changed_in"] if current is not None else 0, expected_version,
                          current["moderator"] if current is not None else None)
            old = {k: current[k] for k in ("grade", "score", "comment")
                   if current is not None and current[k] is not None}
            new = dict(old)
            for key, value in (("grade", grade), ("score", score), ("comment", comment)):
                if value is CLEAR:
                    new.pop(key, None)
                elif value is not None:
                    new[key] = value
            graded = {k: v for k, v in new.items() if k in ("grade", "score")}
            if graded or item_id not in fw.section_by_id:
                validate_answer(fw, item_id, graded, path=f"moderation.{item_id}")
            if not isinstance(new.get("comment", ""), str):
                raise InvalidAudit(f"moderation.{item_id}.comment", "must be text")
            if new == old:
                return row["version"]
            moderator = row["moderator"] or user
            version = self._bump(conn, row, user, None, None, None, None, moderator=moderator)
            values = {"grade": new.get("grade"), "score": new.get("score"),
                      "comment": new.get("comment"), "moderator": user, "changed_in": version,
                      "changed_at": now()}
            save_item_row(conn, t.moderation, row["id"], item_id, current is not None, values)
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    self._log(conn, row["id"], user, f"moderation.{item_id}.{key}",
                              old.get(key), new.get(key))
            return version
