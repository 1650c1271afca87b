"""The audit store's tables and their migrations.

The schema is versioned. Each migration takes the store from one version to the next and runs in
the same transaction as the version bump, so a store made by an older auditlib opens in a newer
one, and a store made by a newer auditlib is refused rather than damaged. Migrations are never
edited once released: a change to the tables is a new migration at the end of ``MIGRATIONS``.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    bindparam,
    select,
    update,
)

metadata = MetaData()

store_meta = Table(
    "store_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

users = Table(
    "users", metadata,
    Column("name", String(200), primary_key=True),
    Column("display_name", Text),
    Column("service_area", Text),
    Column("created_at", String(40), nullable=False),
    Column("email", Text),                           # where notifications go (v5)
    Column("team", Text),                            # a practitioner's or manager's team (v5)
)

user_roles = Table(
    "user_roles", metadata,
    Column("user_name", String(200), ForeignKey("users.name"), nullable=False),
    Column("role", String(40), nullable=False),
    PrimaryKeyConstraint("user_name", "role"),
)

audits = Table(
    "audits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("framework", String(200), nullable=False),
    Column("child_id", Text, nullable=False),
    Column("auditor", String(200), ForeignKey("users.name"), nullable=False),
    Column("moderator", String(200), ForeignKey("users.name")),
    Column("status", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("header", Text, nullable=False),          # JSON object
    Column("header_changed_in", Text, nullable=False, default="{}"),  # JSON: field -> version
    Column("month", String(7)),
    Column("due_date", String(10)),
    Column("training", Boolean, nullable=False, default=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("service_area", Text),                    # the child's, from the sample (v3)
    Column("worker", String(200)),                   # the child's allocated worker (v5)
    Column("team", Text),                            # the child's allocated team (v5)
)

answers = Table(
    "answers", metadata,
    Column("audit_id", Integer, ForeignKey("audits.id"), nullable=False),
    Column("item_id", String(200), nullable=False),
    Column("grade", String(60)),
    Column("score", Integer),
    Column("narratives", Text, nullable=False),      # JSON object: evidence, impact, …
    Column("flags", Text, nullable=False),           # JSON object: flag id -> bool
    Column("changed_in", Integer, nullable=False),   # the audit version that last changed it
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", String(40), nullable=False),
    PrimaryKeyConstraint("audit_id", "item_id"),
)

moderation = Table(
    "moderation", metadata,
    Column("audit_id", Integer, ForeignKey("audits.id"), nullable=False),
    Column("item_id", String(200), nullable=False),
    Column("grade", String(60)),
    Column("score", Integer),
    Column("comment", Text),
    Column("moderator", String(200), nullable=False),
    Column("changed_in", Integer, nullable=False),
    Column("changed_at", String(40), nullable=False),
    PrimaryKeyConstraint("audit_id", "item_id"),
)

actions = Table(
    "actions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_id", Integer, ForeignKey("audits.id"), nullable=False),
    Column("action", Text),
    Column("owner", Text),
    Column("due", String(40)),
    Column("signed_off", String(10)),
    Column("note", Text),
    Column("removed", Boolean, nullable=False, default=False),
    Column("changed_in", Integer, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("done_on", String(10)),                   # marked done by its owner (v5)
    Column("done_by", String(200)),
    Column("evidence", Text),                        # the owner's note of the evidence
)

responses = Table(                                   # v5
    "responses", metadata,
    Column("audit_id", Integer, ForeignKey("audits.id"), nullable=False),
    Column("user_name", String(200), ForeignKey("users.name"), nullable=False),
    Column("response", Text),                        # to the findings
    Column("actions_agreed", Boolean, nullable=False, default=False),
    Column("changed_at", String(40), nullable=False),
    PrimaryKeyConstraint("audit_id", "user_name"),
)

history = Table(
    "history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_id", Integer),                     # no foreign key: the trail outlives rows
    Column("at", String(40), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("what", Text, nullable=False),
    Column("old", Text),                             # JSON
    Column("new", Text),                             # JSON
    Column("reason", Text),
    Column("origin", Text),                          # the process that wrote it (v4)
    Column("chain", String(64)),                     # its link to the row before (v4)
)

V1_TABLES = [store_meta, users, user_roles, audits, answers, moderation, actions, history]
ADDED_LATER = {"audits": ("service_area", "worker", "team"),  # columns later migrations add
               "history": ("origin", "chain"), "users": ("email", "team"),
               "actions": ("done_on", "done_by", "evidence")}


def _v1_create_tables(conn: Connection) -> None:
    # the tables as version 1 made them: columns added by later migrations are left out
    v1 = MetaData()
    for table in V1_TABLES:
        later = ADDED_LATER.get(table.name, ())
        table.to_metadata(v1)
        for name in later:
            v1.tables[table.name]._columns.remove(v1.tables[table.name].c[name])
    v1.create_all(conn)


def _v2_indexes(conn: Connection) -> None:
    # the lead auditor's tracking and the trail are read by audit, child and due date
    for statement in (
        "CREATE INDEX IF NOT EXISTS ix_audits_child ON audits (child_id)",
        "CREATE INDEX IF NOT EXISTS ix_audits_auditor ON audits (auditor)",
        "CREATE INDEX IF NOT EXISTS ix_history_audit ON history (audit_id)",
        "CREATE INDEX IF NOT EXISTS ix_actions_audit ON actions (audit_id)",
        "CREATE INDEX IF NOT EXISTS ix_actions_due ON actions (due)",
    ):
        conn.exec_driver_sql(statement)


def _v3_service_area(conn: Connection) -> None:
    # the board report counts grades by the child's service area, from the monthly sample
    conn.exec_driver_sql("ALTER TABLE audits ADD COLUMN service_area TEXT")


APPEND_ONLY = "the audit trail is append-only"


def chain_link(previous: str | None, row: Mapping[str, Any]) -> str:
    """A history row's link: SHA-256 over the previous row's link and this row's content, so a
    row changed or removed later no longer links to the rows around it. Never change it: every
    link already written is checked against it."""
    content = json.dumps([row["audit_id"], row["at"], row["user_name"], row["what"], row["old"],
                          row["new"], row["reason"], row["origin"]],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous or ''}\n{content}".encode()).hexdigest()


def _v4_append_only_history(conn: Connection) -> None:
    # the trail must hold even against someone with database access short of the owner's: the
    # database itself refuses to change or delete a row, and each row links to the one before,
    # so a row changed behind its back (triggers dropped, file edited) shows
    conn.exec_driver_sql("ALTER TABLE history ADD COLUMN origin TEXT")
    conn.exec_driver_sql("ALTER TABLE history ADD COLUMN chain VARCHAR(64)")
    previous, links = None, []
    # the columns as they are at version 4, whatever later migrations add
    linked = [history.c[name] for name in ("id", "audit_id", "at", "user_name", "what", "old",
                                           "new", "reason", "origin")]
    for row in conn.execute(select(*linked).order_by(history.c.id)).mappings().all():
        previous = chain_link(previous, dict(row))
        links.append({"row_id": row["id"], "link": previous})
    if links:
        conn.execute(update(history).where(history.c.id == bindparam("row_id"))
                     .values(chain=bindparam("link")), links)
    if conn.dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(f"CREATE TRIGGER history_no_{event.lower()} BEFORE {event} "
                                 f"ON history BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")
        # INSERT OR REPLACE deletes the row it replaces without firing delete triggers
        conn.exec_driver_sql("CREATE TRIGGER history_no_replace BEFORE INSERT ON history "
                             "WHEN EXISTS (SELECT 1 FROM history WHERE id = NEW.id) "
                             f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")
        return
    conn.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege'; "
        "END $$")
    # statement level: TRUNCATE has no rows, and an UPDATE matching none is refused all the same
    conn.exec_driver_sql("CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
                         "ON history FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()")


def _v5_practice(conn: Connection) -> None:
    # the practitioner and their team manager: who a child's audit goes back to, their
    # response to the findings, and each action marked done with its evidence
    for statement in (
        "ALTER TABLE users ADD COLUMN email TEXT",
        "ALTER TABLE users ADD COLUMN team TEXT",
        "ALTER TABLE audits ADD COLUMN worker VARCHAR(200)",
        "ALTER TABLE audits ADD COLUMN team TEXT",
        "ALTER TABLE actions ADD COLUMN done_on VARCHAR(10)",
        "ALTER TABLE actions ADD COLUMN done_by VARCHAR(200)",
        "ALTER TABLE actions ADD COLUMN evidence TEXT",
        "CREATE INDEX IF NOT EXISTS ix_audits_worker ON audits (worker)",
    ):
        conn.exec_driver_sql(statement)
    responses.create(conn)


#: (version, what it does, migration): applied in order to reach the latest version
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "create the tables", _v1_create_tables),
    (2, "index audits by child and auditor, history and actions by audit", _v2_indexes),
    (3, "record each audit's service area", _v3_service_area),
    (4, "make the audit trail append-only and chain its rows", _v4_append_only_history),
    (5, "link audits to the child's worker and team; responses; actions marked done",
     _v5_practice),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    """The store's schema version (0 for an empty database)."""
    if not conn.dialect.has_table(conn, "store_meta"):
        return 0
    value = conn.execute(select(store_meta.c.value).where(store_meta.c.key == "schema_version")
                         ).scalar()
    return int(value) if value is not None else 0


def migrate(conn: Connection, target: int = LATEST) -> list[int]:
    """Bring the schema up to ``target`` inside the caller's transaction; return what ran."""
    from auditlib.exceptions import StoreSchemaError

    version = current_version(conn)
    if version > LATEST:
        raise StoreSchemaError(f"the store has schema version {version}, newer than this "
                               f"auditlib understands ({LATEST}): upgrade auditlib")
    ran = []
    for number, _, step in MIGRATIONS:
        if version < number <= target:
            step(conn)
            ran.append(number)
            version = number
    if ran:
        if conn.execute(select(store_meta.c.key).where(store_meta.c.key == "schema_version")
                        ).first() is None:
            conn.execute(store_meta.insert().values(key="schema_version", value=str(version)))
        else:
            conn.execute(store_meta.update().where(store_meta.c.key == "schema_version")
                         .values(value=str(version)))
    return ran
