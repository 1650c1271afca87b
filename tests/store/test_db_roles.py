"""PostgreSQL least privilege, on the real server: the application's role uses the store but
cannot rewrite the audit trail, drop its triggers or change the tables; the owner's triggers
refuse the owner too, and what is done around them shows in verify_history."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy.engine import make_url

from auditlib.exceptions import StoreError
from auditlib.store import AuditStore
from tests.stores import POSTGRES, need_postgres, postgres_args
from tests.test_cli import one_line_error, run


@pytest.fixture
def owned_database():
    """A database of its own, owned by a role that is not a superuser (only CREATEROLE), with
    the URLs to connect as that owner and as the application's role; all dropped after."""
    need_postgres()
    import psycopg

    admin = make_url(POSTGRES)
    suffix = uuid.uuid4().hex[:10]
    owner, app, database = (f"auditlib_owner_{suffix}", f"auditlib_app_{suffix}",
                            f"auditlib_roles_{suffix}")
    args = postgres_args(autocommit=True)
    with psycopg.connect(**args) as conn:
        conn.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE")
        conn.execute(f"CREATE DATABASE {database} OWNER {owner}")
    base = admin.set(database=database, password=None)
    yield {"owner": base.set(username=owner).render_as_string(hide_password=False),
           "app": base.set(username=app).render_as_string(hide_password=False),
           "app_role": app, "owner_role": owner,
           "admin": dict(args, dbname=database)}
    with psycopg.connect(**args) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        conn.execute(f"DROP ROLE IF EXISTS {app}")
        conn.execute(f"DROP ROLE IF EXISTS {owner}")


def sql_as(url, statement):
    """Run one statement straight on the database as the URL's role (autocommit)."""
    import psycopg

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database,
                         autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else None


def test_the_application_role_uses_the_store_but_cannot_rewrite_the_trail(owned_database):
    import psycopg
    from psycopg.errors import InsufficientPrivilege

    from auditlib.store.roles import grant_app_role

    db = owned_database
    lines = grant_app_role(db["app_role"], db["owner"])
    assert f"role {db['app_role']}: created (login; cannot create databases or roles)" in lines
    assert "public.history: SELECT, INSERT" in lines
    assert not any(line.startswith("warning") for line in lines)

    # the application's role opens the store (nothing to migrate, no DDL) and uses it
    with AuditStore(db["app"]) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("ash", roles=["auditor", "trainee"], user="lead")
        store.remove_role("ash", "trainee", user="lead")
        audit_id = store.add_audit(framework="scaled-social-care", child_id="C-1", auditor="ash",
                                   user="lead")
        store.save_answer(audit_id, "risk", user="ash", score=4, evidence="Seen alone.")
        assert store.history(audit_id)[0]["what"] == "audit"
        assert store.verify_history() == [] and store.check_integrity() == "ok"

    for statement in ("UPDATE history SET reason = 'x'", "DELETE FROM history",
                      "TRUNCATE history", "DROP TRIGGER history_append_only ON history",
                      "ALTER TABLE history DISABLE TRIGGER ALL", "DROP TABLE history",
                      "CREATE TABLE notes (x int)", "UPDATE store_meta SET value = '1'"):
        with pytest.raises(InsufficientPrivilege):
            sql_as(db["app"], statement)
    role = db["app_role"]
    assert sql_as(db["owner"], f"SELECT has_schema_privilege('{role}', 'public', 'CREATE'), "
                  "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND "
                  f"tableowner = '{role}')") == [(False, 0)]

    # the owner is refused by the trigger, for UPDATE, DELETE and TRUNCATE alike
    for statement in ("UPDATE history SET reason = 'x'", "DELETE FROM history",
                      "TRUNCATE history"):
        with pytest.raises(InsufficientPrivilege, match="the audit trail is append-only"):
            sql_as(db["owner"], statement)
    # unless the owner drops it: then verify_history, run as the application, shows the change
    sql_as(db["owner"], "DROP TRIGGER history_append_only ON history")
    row = sql_as(db["owner"], "SELECT max(id) FROM history")[0][0]
    sql_as(db["owner"], f"UPDATE history SET new = '9' WHERE id = {row}")
    with AuditStore(db["app"]) as store:
        assert store.verify_history() == [f"history row {row}: changed after it was written"]
    result = run("history", "--verify", "--store", db["app"], "--user", "lead")
    assert result.returncode == 1 and f"history row {row}: changed" in result.stdout
    with psycopg.connect(**db["admin"]) as conn:  # the superuser sees no extra rights
        assert conn.execute("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE "
                            "rolname = %s", (db["app_role"],)).fetchall() == [(False, False,
                                                                               False)]


def test_granting_again_updates_the_role_and_sets_a_hashed_password(owned_database):
    import psycopg

    from auditlib.store.roles import grant_app_role

    db = owned_database
    grant_app_role(db["app_role"], db["owner"])
    lines = grant_app_role(db["app_role"], db["owner"], password="Correct horse 1")
    assert lines[:2] == [f"role {db['app_role']}: updated (login; cannot create databases or "
                         "roles)", f"role {db['app_role']}: password set"]
    with psycopg.connect(**db["admin"]) as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                              (db["app_role"],)).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and "Correct horse" not in stored


def test_the_owner_and_superusers_are_not_application_roles(owned_database, tmp_path):
    from auditlib.store.roles import grant_app_role

    db = owned_database
    with pytest.raises(StoreError, match="owns the store"):
        grant_app_role(db["owner_role"], db["owner"])
    with pytest.raises(StoreError, match="superuser"):
        grant_app_role(make_url(POSTGRES).username, db["owner"])
    with pytest.raises(StoreError, match="must be 1 to 63"):
        grant_app_role("app; DROP TABLE history", db["owner"])
    AuditStore(f"sqlite:///{tmp_path / 'audits.sqlite'}", create=True).close()  # one that exists
    with pytest.raises(StoreError, match="for PostgreSQL stores"):
        grant_app_role("app", f"sqlite:///{tmp_path / 'audits.sqlite'}")


def test_the_application_role_cannot_upgrade_a_store(owned_database):
    from auditlib.store.roles import grant_app_role

    db = owned_database
    grant_app_role(db["app_role"], db["owner"])
    # as if an older auditlib had made the store: opening it needs the owner's rights
    sql_as(db["owner"], "UPDATE store_meta SET value = '3' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="upgraded by its owner") as refused:
        AuditStore(db["app"])
    assert "\n" not in str(refused.value)


def test_store_grant_command(owned_database):
    db = owned_database
    result = run("store", "grant", db["app_role"], "--store", db["owner"])
    assert result.returncode == 0, result.stderr
    assert "public.history: SELECT, INSERT" in result.stdout
    assert "owns the store" in one_line_error(run("store", "grant", db["owner_role"], "--store",
                                                  db["owner"]))
