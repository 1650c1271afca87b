"""The audit trail: every change appended with who, when, what, the old and new value, the
reason and the origin, each row linked to the one before it so that a row changed or taken out
around the database's own refusals shows.

Part of :class:`auditlib.store.AuditStore`. No verb edits or deletes a row of the trail.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from auditlib.exceptions import AuditNotFound, VersionConflict
from auditlib.store import schema as t
from auditlib.store.checks import dump, id_number, load, now
from auditlib.store.connection import StoreConnection, origin

_LAST_LINK = "SELECT chain FROM history ORDER BY id DESC LIMIT 1"
_ADD_HISTORY = insert(t.history)


class History(StoreConnection):
    """Reading, checking and writing the audit trail (see :class:`auditlib.store.AuditStore`)."""

    def history(self, audit_id: int | str) -> list[dict[str, Any]]:
        """The append-only audit trail of one audit: who, when, what, old and new value,
        reason and origin (the process that wrote it, see :func:`origin`), oldest first. Removed
        audits keep their history."""
        key = id_number(audit_id)
        if key is None:
            raise AuditNotFound(f"no such audit: {audit_id!r}")
        with self._read() as conn:
            rows = conn.execute(select(t.history).where(t.history.c.audit_id == key)
                                .order_by(t.history.c.id)).mappings().all()
        if not rows:
            raise AuditNotFound(f"no such audit: {audit_id!r}")
        return [{"at": r["at"], "user": r["user_name"], "what": r["what"],
                 "old": load(r["old"]), "new": load(r["new"]), "reason": r["reason"],
                 "origin": r["origin"]}
                for r in rows]

    def verify_history(self) -> list[str]:
        """Check the whole audit trail is as it was written: every row still links to the row
        before it. Empty when intact, else one line per row changed and per run of rows missing.
        The database refuses to change the trail; this catches what was done around it (triggers
        dropped, the file edited). Rows cut from the very end, or a trail rewritten with every
        link recomputed, leave no broken link: keep a copy of the latest link elsewhere for
        that."""
        problems: list[str] = []
        previous, last_id = None, 0
        query = select(t.history).order_by(t.history.c.id).execution_options(yield_per=2000)
        with self._read() as conn:
            for row in conn.execute(query).mappings():
                if row["chain"] is None:
                    problems.append(f"history row {row['id']}: has no link (not written by "
                                    "auditlib)")
                elif row["chain"] != t.chain_link(previous, dict(row)):
                    # ids only grow, so a gap before a broken link is rows taken out; a gap
                    # before a sound one is ids a rolled-back write used up
                    first, end = last_id + 1, row["id"] - 1
                    if end > first:
                        problems.append(f"history rows {first}-{end} missing")
                    elif end == first:
                        problems.append(f"history row {first} missing")
                    else:
                        problems.append(f"history row {row['id']}: changed after it was "
                                        "written")
                previous, last_id = row["chain"], row["id"]
        return problems

    def history_size(self) -> int:
        """How many rows the whole audit trail holds."""
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(t.history)).scalar() or 0)

    def _log(self, conn: Connection, audit_id: int | None, user: str, what: str, old: Any,
             new: Any, reason: str | None = None) -> None:
        if self.dialect == "postgresql":
            # one writer at a time links to the last row, so no two rows link to the same one
            # (an advisory lock: the application's role may not LOCK a table it cannot update);
            # SQLite writers already queue on BEGIN IMMEDIATE
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7202612)")
        # plain SQL and one prepared insert: every save pays for this, so no statement building
        previous = conn.exec_driver_sql(_LAST_LINK).scalar()
        row = {"audit_id": audit_id, "at": now(), "user_name": user, "what": what,
               "old": dump(old), "new": dump(new), "reason": reason, "origin": origin()}
        conn.execute(_ADD_HISTORY, {**row, "chain": t.chain_link(previous, dict(row))})

    def _bump(self, conn: Connection, row: dict[str, Any], user: str, what: str | None,
              old: Any, new: Any, reason: str | None, **values: Any) -> int:
        """Advance the audit's version (with any column changes) and record the change."""
        version = row["version"] + 1
        result = conn.execute(update(t.audits).where(t.audits.c.id == row["id"],
                                                     t.audits.c.version == row["version"])
                              .values(version=version, updated_at=now(), **values))
        if result.rowcount != 1:  # the row lock makes this unreachable; never overwrite blindly
            raise VersionConflict(row["id"], "audit", row["version"], row["version"] + 1)
        row.update(version=version, **values)
        if what is not None:
            self._log(conn, row["id"], user, what, old, new, reason)
        return version

    def check_integrity(self) -> str:
        """``"ok"`` if the database's own integrity check passes and the audit trail is as it
        was written (:meth:`verify_history`), else what was found."""
        problems: list[str] = []
        with self._read() as conn:
            if self.dialect == "sqlite":
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                fk = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
                if fk:
                    rows.append(f"{len(fk)} foreign key violations")
                if rows != ["ok"]:
                    problems.extend(map(str, rows))
            else:
                conn.exec_driver_sql("SELECT count(*) FROM audits")
        problems.extend(self.verify_history())
        return "; ".join(problems) or "ok"
