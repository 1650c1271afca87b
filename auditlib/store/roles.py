"""PostgreSQL least privilege: the login role the application connects as.

The database owner keeps the schema and the audit trail's triggers. The application connects as
a role of its own that reads and writes the audits but can only add to the trail: SELECT and
INSERT on ``history``, never UPDATE, DELETE or TRUNCATE; no CREATE in the schema; owning nothing.
So someone holding the application's password still cannot rewrite the trail, drop its triggers
or change the tables. Run as the owner after every upgrade of auditlib (new tables need grants)::

    auditlib store grant auditlib_app --store postgresql+psycopg://owner@db.example/audits
"""
from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text

from auditlib.exceptions import StoreError
from auditlib.store import AuditStore
from auditlib.store import schema as t

#: what the application may do: the trail only grows, and only the owner migrates
READ_ONLY = ("store_meta",)
APPEND_ONLY = ("history",)
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def table_privileges(table: str) -> str:
    """The privileges the application's role holds on one of the store's tables."""
    if table in READ_ONLY:
        return "SELECT"
    if table in APPEND_ONLY:
        return "SELECT, INSERT"
    return "SELECT, INSERT, UPDATE, DELETE"


def grant_app_role(role: str, url: str | None = None, *, password: str | None = None
                   ) -> list[str]:
    """Create (or bring up to date) the application's login role on a PostgreSQL store, as the
    store's owner: migrates the store first, then grants exactly what the application needs.
    ``password``, if given, is sent to the server already hashed (SCRAM). Returns what was done,
    one line each."""
    if not isinstance(role, str) or not _ROLE_NAME.fullmatch(role):
        raise StoreError(f"role name {role!r} must be 1 to 63 lower-case letters, digits or _, "
                         "starting with a letter or _")
    with AuditStore(url) as store:  # opening migrates: the grants cover the current tables
        if store.dialect != "postgresql":
            raise StoreError("auditlib store grant is for PostgreSQL stores (a SQLite store is "
                             "one file, readable by its owner only)")
        with store.engine.begin() as conn:
            return _grant(conn, role, password)


def _grant(conn: Connection, role: str, password: str | None) -> list[str]:
    from psycopg import sql

    raw: Any = conn.connection.driver_connection

    def run(statement: Any) -> None:
        conn.exec_driver_sql(statement.as_string(raw))

    def one(query: str, **params: Any) -> Any:
        return conn.execute(text(query), params).first()

    me, schema, database = one("SELECT current_user, current_schema(), current_database()")
    owner = one("SELECT tableowner FROM pg_tables WHERE schemaname = :s AND tablename = 'history'",
                s=schema)[0]
    if role in (me, owner):
        raise StoreError(f"{role!r} owns the store: the application needs a role of its own")
    existing = one("SELECT rolsuper, pg_has_role(rolname, :owner, 'MEMBER') FROM pg_roles "
                   "WHERE rolname = :r", owner=owner, r=role)
    if existing and existing[0]:
        raise StoreError(f"{role!r} is a superuser: the application needs a role that is not")
    if existing and existing[1]:
        raise StoreError(f"{role!r} is a member of the owner {owner!r} and so holds its rights: "
                         "the application needs a role of its own")
    ident, schema_ident = sql.Identifier(role), sql.Identifier(schema)
    done = []
    if existing:
        run(sql.SQL("ALTER ROLE {} LOGIN NOCREATEDB NOCREATEROLE").format(ident))
        done.append(f"role {role}: updated (login; cannot create databases or roles)")
    else:
        run(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE").format(ident))
        done.append(f"role {role}: created (login; cannot create databases or roles)")
    if password:
        # hashed here, so the password itself never reaches the server or its logs
        verifier = raw.pgconn.encrypt_password(password.encode(), role.encode())
        run(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(verifier.decode())))
        done.append(f"role {role}: password set")
    # from nothing, so rerunning after a change takes away what is no longer granted
    run(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(schema_ident, ident))
    run(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(schema_ident, ident))
    run(sql.SQL("REVOKE ALL ON SCHEMA {} FROM {}").format(schema_ident, ident))
    run(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), ident))
    run(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema_ident, ident))
    for table in t.metadata.sorted_tables:
        privileges = table_privileges(table.name)
        run(sql.SQL("GRANT {} ON TABLE {}.{} TO {}").format(
            sql.SQL(privileges), schema_ident, sql.Identifier(table.name), ident))
        done.append(f"{schema}.{table.name}: {privileges}")
    run(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema_ident, ident))
    done.append(f"sequences in {schema}: USAGE")
    if one("SELECT has_schema_privilege(:r, :s, 'CREATE')", r=role, s=schema)[0]:
        # granted to PUBLIC (schema public before PostgreSQL 15): only the owner can take it back
        done.append(f"warning: {role} may still create tables in {schema}, through PUBLIC: "
                    f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
    return done
