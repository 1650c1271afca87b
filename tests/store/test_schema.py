"""A store made by an older auditlib opens in a newer one; a newer store is refused."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, update

from auditlib.exceptions import StoreSchemaError
from auditlib.store import AuditStore, schema


def make_v1_store(url):
    """A store as the first released schema left it, holding one audit."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    with engine.begin() as conn:
        assert schema.migrate(conn, target=1) == [1]
        conn.execute(insert(schema.users).values(name="lead", created_at="2026-01-01"))
        conn.execute(insert(schema.user_roles).values(user_name="lead", role="lead_auditor"))
        conn.execute(insert(schema.users).values(name="ash", created_at="2026-01-01"))
        conn.execute(insert(schema.user_roles).values(user_name="ash", role="auditor"))
        conn.execute(insert(schema.audits).values(
            id=1, framework="full-audit", child_id="OLD-1", auditor="ash", status="in_progress",
            version=1, header="{}", header_changed_in="{}", training=False,
            created_at="2026-01-01", updated_at="2026-01-01"))
    engine.dispose()


def test_v1_store_is_migrated_and_keeps_its_audits(store_url):
    make_v1_store(store_url)
    with AuditStore(store_url) as store:
        assert store.schema_version() == schema.LATEST
        assert store.find_audit(1)["child_id"] == "OLD-1"
        store.save_answer(1, "q1", user="ash", grade="meets_good")
        assert store.check_integrity() == "ok"
    with AuditStore(store_url) as again:  # opening twice migrates nothing more
        assert again.schema_version() == schema.LATEST


def test_a_store_from_a_newer_auditlib_is_refused(store_url):
    AuditStore(store_url, create=True).close()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(update(schema.store_meta).where(schema.store_meta.c.key == "schema_version")
                     .values(value=str(schema.LATEST + 1)))
    engine.dispose()
    with pytest.raises(StoreSchemaError, match="newer than this auditlib"):
        AuditStore(store_url)


def test_migrations_are_numbered_in_order():
    numbers = [n for n, _, _ in schema.MIGRATIONS]
    assert numbers == list(range(1, len(numbers) + 1))


def test_v4_store_gains_the_practitioner_columns_and_keeps_its_actions(store_url):
    make_v1_store(store_url)
    engine = create_engine(store_url)
    with engine.begin() as conn:
        assert schema.migrate(conn, target=4) == [2, 3, 4]
        conn.execute(insert(schema.actions).values(
            audit_id=1, action="Update the plan", owner="ash", due="2026-02-01", removed=False,
            changed_in=1, created_by="ash", created_at="2026-01-01"))
        if conn.dialect.name == "postgresql":  # make_v1_store gave audit 1 its id by hand
            conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('audits', 'id'), 1)")
    engine.dispose()
    with AuditStore(store_url) as store:
        assert store.schema_version() == schema.LATEST >= 5
        assert [a["action"] for a in store.find_audit(1)["actions"]] == ["Update the plan"]
        store.add_user("pat", roles=["practitioner"], team="Team A", email="pat@example.org",
                       user="lead")
        assert store.find_user("pat")["team"] == "Team A"
        (new, _), = store.add_audits([{"framework": "full-audit", "child_id": "NEW-1",
                                       "auditor": "ash", "month": "2026-02", "worker": "pat",
                                       "team": "Team A"}], user="lead")
        assert [a["audit_id"] for a in store.find_audits(worker="pat")] == [new]
        assert store.find_audit(new)["team"] == "Team A"
        assert store.check_integrity() == "ok"
