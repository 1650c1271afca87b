"""The auditor's answers and the audit's header, saved a field at a time.

Part of :class:`auditlib.store.AuditStore`. Each save changes only what it is given, is checked
against the framework before it is written, and is refused with :class:`VersionConflict` when
someone else changed the same field since the version the writer saw.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from auditlib.exceptions import InvalidAudit
from auditlib.record import validate_answer, validate_record
from auditlib.store import schema as t
from auditlib.store.audits import answer_dict, save_item_row
from auditlib.store.checks import CLEAR, check_version, dump, load, now
from auditlib.store.lifecycle import Lifecycle
from auditlib.text import clean_id, clean_text, show


class Answers(Lifecycle):
    """Saving answers and header fields (see :class:`auditlib.store.AuditStore`)."""

    def save_answer(self, audit_id: int | str, item_id: str, *, user: str, grade: Any = None,
                    score: Any = None, evidence: Any = None, impact: Any = None,
                    flags: dict[str, bool] | None = None,
                    narratives: dict[str, Any] | None = None, comment: Any = None,
                    expected_version: int | None = None) -> int:
        """Save part of one answer in one transaction and return the audit's new version.

        Only what is given changes: ``None`` leaves a value as it is and :data:`CLEAR` removes
        it. ``flags`` are merged into the answer's flags. ``narratives`` saves narratives other
        than evidence and impact (a summary, the team manager's id…); ``comment`` a criterion's
        comment. With ``expected_version`` the write is refused with :class:`VersionConflict`
        if the item changed after that version.
        """
        item_id = clean_id(item_id, "item_id")
        changes: dict[str, Any] = {}
        for key, value in (("grade", grade), ("score", score), ("evidence", evidence),
                           ("impact", impact), ("comment", comment)):
            if value is not None:
                changes[key] = value
        if not isinstance(narratives, (dict, type(None))):
            raise InvalidAudit(f"answers.{item_id}", f"narratives must be an object (got "
                               f"{show(narratives)})")
        for key, value in (narratives or {}).items():
            if key in ("grade", "score", "flags"):
                raise InvalidAudit(f"answers.{item_id}.{key}", "is not a narrative")
            changes[key] = value
        for key, value in changes.items():  # the grade is checked against its scale instead
            if key not in ("grade", "score") and isinstance(value, str):
                changes[key] = clean_text(value, f"answers.{item_id}.{key}")
        fw = self._framework_for(audit_id)  # parsed outside the write lock
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            current = conn.execute(select(t.answers).where(
                t.answers.c.audit_id == row["id"], t.answers.c.item_id == item_id)
            ).mappings().first()
            check_version(row, item_id, current["changed_in"] if current is not None else 0,
                          expected_version, current["changed_by"] if current is not None else None)
            old = answer_dict(current)
            new = {k: v for k, v in old.items() if k != "flags"}
            for key, value in changes.items():
                if value is CLEAR:
                    new.pop(key, None)
                else:
                    new[key] = value
            new_flags = dict(old.get("flags") or {})
            for flag, ticked in (flags or {}).items():
                new_flags[flag] = ticked
            if new_flags:
                new["flags"] = new_flags
            if "score" in new and "grade" in changes and changes["grade"] is not CLEAR \
                    and "score" not in changes:
                new.pop("score")  # a new grade replaces a score that no longer matches it
            validate_answer(fw, item_id, new)
            if new == old:
                return row["version"]
            version = self._bump(conn, row, user, None, None, None, None)
            values = {
                "grade": new.get("grade"), "score": new.get("score"),
                "narratives": dump({k: v for k, v in new.items()
                                     if k not in ("grade", "score", "flags")}),
                "flags": dump(new.get("flags") or {}),
                "changed_in": version, "changed_by": user, "changed_at": now()}
            save_item_row(conn, t.answers, row["id"], item_id, current is not None, values)
            for key in sorted(set(old) | set(new)):
                if key == "flags":
                    for flag in sorted(set(old.get("flags") or {}) | set(new_flags)):
                        before = (old.get("flags") or {}).get(flag)
                        if before != new_flags.get(flag):
                            self._log(conn, row["id"], user, f"answers.{item_id}.flags.{flag}",
                                      before, new_flags.get(flag))
                elif old.get(key) != new.get(key):
                    self._log(conn, row["id"], user, f"answers.{item_id}.{key}", old.get(key),
                              new.get(key))
            return version

    def save_header(self, audit_id: int | str, field_id: str, value: Any, *, user: str,
                    expected_version: int | None = None) -> int:
        """Save one header field (auditor, audit date, team…); returns the new version."""
        field_id = clean_id(field_id, "header field")
        if isinstance(value, str):
            value = clean_text(value, f"header.{field_id}")
        fw = self._framework_for(audit_id)  # parsed outside the write lock
        with self._write() as conn:
            row = self._audit_row(conn, audit_id, lock=True)
            self._editable_by_auditor(conn, row, user)
            header = load(row["header"])
            old = header.get(field_id)
            if value is CLEAR or value is None:
                header.pop(field_id, None)
            else:
                header[field_id] = value
            validate_record(fw, {"framework": fw.id, "child_id": row["child_id"],
                                 "header": header})
            changed_in = load(row["header_changed_in"])
            check_version(row, f"header.{field_id}", changed_in.get(field_id, 0),
                          expected_version)
            if header.get(field_id) == old:
                return row["version"]
            changed_in[field_id] = row["version"] + 1
            return self._bump(conn, row, user, f"header.{field_id}", old, header.get(field_id),
                              None, header=dump(header), header_changed_in=dump(changed_in))
