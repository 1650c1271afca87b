"""The audit trail only grows: the database refuses to change it, each row links to the one
before, and the store finds a row changed or taken out behind the database's back."""
from __future__ import annotations

import getpass
import json
import socket
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, select
from sqlalchemy.exc import DBAPIError

from auditlib import store as store_module
from auditlib.store import AuditStore, schema
from tests.test_cli import EXAMPLE, one_line_error, run


def raw(store_url, *statements):
    """Run statements straight on the database, as someone with its file or its owner's
    password would, bypassing the store."""
    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            results = [conn.exec_driver_sql(s) for s in statements]
            return [r.fetchall() if r.returns_rows else None for r in results]
    finally:
        engine.dispose()


def drop_guards(store_url):
    """What only the owner (or whoever holds the SQLite file) can do: drop the triggers."""
    if store_url.startswith("sqlite"):
        raw(store_url, "DROP TRIGGER history_no_update", "DROP TRIGGER history_no_delete")
    else:
        raw(store_url, "DROP TRIGGER history_append_only ON history")


def row_ids(store_url):
    return [r[0] for r in raw(store_url, "SELECT id FROM history ORDER BY id")[0]]


@pytest.mark.parametrize("statement", [
    "UPDATE history SET new = '\"rewritten\"'",
    "UPDATE history SET reason = 'x' WHERE id = 1",
    "DELETE FROM history",
    "DELETE FROM history WHERE id = 2",
])
def test_the_database_refuses_to_change_the_trail(store, store_url, audit_id, statement):
    store.save_answer(audit_id, "risk", user="ash", score=4)
    before = raw(store_url, "SELECT * FROM history ORDER BY id")[0]
    with pytest.raises(DBAPIError, match="the audit trail is append-only"):
        raw(store_url, statement)
    assert raw(store_url, "SELECT * FROM history ORDER BY id")[0] == before
    assert store.verify_history() == []


def test_truncate_and_replace_are_refused_too(store, store_url, audit_id):
    if store_url.startswith("sqlite"):
        # INSERT OR REPLACE deletes the old row without firing the delete trigger
        with pytest.raises(DBAPIError, match="append-only"):
            raw(store_url, "INSERT OR REPLACE INTO history (id, at, user_name, what) "
                           "VALUES (1, 'now', 'eve', 'forged')")
    else:
        with pytest.raises(DBAPIError, match="append-only"):
            raw(store_url, "TRUNCATE history")
        with pytest.raises(DBAPIError, match="append-only"):
            raw(store_url, "INSERT INTO history (id, at, user_name, what) VALUES "
                           "(1, 'now', 'eve', 'forged') ON CONFLICT (id) DO UPDATE SET "
                           "what = 'forged'")
    assert store.history(audit_id)[0]["what"] == "audit"
    assert store.verify_history() == []


def test_every_row_links_and_says_where_it_came_from(store, audit_id, monkeypatch):
    monkeypatch.delenv("AUDITLIB_USER", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "ash")
    store.save_answer(audit_id, "risk", user="ash", score=4)
    monkeypatch.setattr(store_module, "ORIGIN", "cli:alice@host1")
    store.save_answer(audit_id, "risk", user="ash", score=5)
    trail = store.history(audit_id)
    assert [h["origin"] for h in trail[-2:]] == ["page:ash", "cli:alice@host1"]
    assert store.verify_history() == []
    assert store.check_integrity() == "ok"
    assert store.history_size() == 5 + 3  # five users, the audit, two saves


def test_a_row_changed_behind_the_databases_back_is_reported(store, store_url, audit_id):
    for score in (3, 4, 5):
        store.save_answer(audit_id, "risk", user="ash", score=score)
    ids = row_ids(store_url)
    drop_guards(store_url)
    raw(store_url, f"UPDATE history SET new = '7' WHERE id = {ids[-2]}")
    problem = f"history row {ids[-2]}: changed after it was written"
    assert store.verify_history() == [problem]
    assert problem in store.check_integrity()
    raw(store_url, f"UPDATE history SET user_name = 'bo' WHERE id = {ids[0]}")
    assert store.verify_history() == [f"history row {ids[0]}: changed after it was written",
                                      problem]


def test_rows_taken_out_are_reported(store, store_url, audit_id):
    for score in range(6):
        store.save_answer(audit_id, "risk", user="ash", score=score)
    ids = row_ids(store_url)
    drop_guards(store_url)
    raw(store_url, f"DELETE FROM history WHERE id IN ({ids[3]}, {ids[4]}, {ids[5]}, {ids[8]})")
    assert store.verify_history() == [f"history rows {ids[3]}-{ids[5]} missing",
                                      f"history row {ids[8]} missing"]
    assert store.check_integrity() != "ok"


def test_a_row_added_outside_auditlib_is_reported(store, store_url, audit_id):
    raw(store_url, "INSERT INTO history (audit_id, at, user_name, what) VALUES "
                   f"({audit_id}, 'now', 'eve', 'forged')")
    assert store.verify_history() == [f"history row {row_ids(store_url)[-1]}: has no link "
                                      "(not written by auditlib)"]
    store.save_answer(audit_id, "risk", user="ash", score=4)  # the trail goes on from there
    assert len(store.verify_history()) == 1


def test_concurrent_writers_link_one_after_another(store, store_url):
    audits = [store.add_audit(framework="scaled-social-care", child_id=f"C-{n}", auditor="ash",
                              user="lead") for n in range(4)]
    errors = []

    def write(audit_id):
        try:
            with AuditStore(store_url) as mine:
                for n in range(12):
                    mine.save_answer(audit_id, "risk", user="ash", evidence=f"draft {n}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(a,)) for a in audits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.verify_history() == []
    assert store.history_size() == 5 + 4 + 4 * 12


def test_a_trail_from_before_the_chain_is_linked_when_migrated(store_url):
    if store_url.startswith("sqlite:///"):
        Path(store_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(store_url)
    with engine.begin() as conn:
        assert schema.migrate(conn, target=3) == [1, 2, 3]
        old = schema.history.c
        for n in range(1, 5):
            conn.execute(insert(schema.history).values(
                {old.audit_id: None, old.at: f"2026-01-0{n}", old.user_name: "lead",
                 old.what: f"user.u{n}", old.new: json.dumps({"n": n})}))
        # a gap, as a write rolled back leaves on PostgreSQL
        conn.execute(schema.history.delete().where(old.id == 3))
    engine.dispose()
    with AuditStore(store_url) as store:
        assert store.schema_version() == schema.LATEST
        assert store.verify_history() == []
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        assert store.verify_history() == [] and store.history_size() == 4
    with pytest.raises(DBAPIError, match="append-only"):
        raw(store_url, "DELETE FROM history WHERE id = 1")
    engine = create_engine(store_url)
    with engine.connect() as conn:
        rows = conn.execute(select(schema.history).order_by(schema.history.c.id)).all()
    engine.dispose()
    assert [r.origin for r in rows[:3]] == [None, None, None] and all(r.chain for r in rows)


def test_the_command_line_records_the_login_beside_the_user_it_names(store, store_url,
                                                                     monkeypatch):
    monkeypatch.delenv("AUDITLIB_STORE", raising=False)
    imported = run("import", EXAMPLE, "--user", "lead", "--store", store_url, "--json")
    assert imported.returncode == 0, imported.stderr
    audit_id = json.loads(imported.stdout)["audit_id"]
    trail = json.loads(run("history", audit_id, "--store", store_url, "--user", "lead",
                           "--json").stdout)
    assert trail[0]["user"] == "lead"
    assert trail[0]["origin"] == f"cli:{getpass.getuser()}@{socket.gethostname()}"
    text = run("history", audit_id, "--store", store_url, "--user", "lead").stdout
    assert f"[cli:{getpass.getuser()}@" in text


def test_history_verify_command(store, store_url, audit_id):
    store.save_answer(audit_id, "risk", user="ash", score=4)
    ok = run("history", "--verify", "--store", store_url, "--user", "lead")
    assert (ok.returncode, ok.stdout) == (0, f"audit trail intact ({store.history_size()} rows)\n")
    ids = row_ids(store_url)
    drop_guards(store_url)
    raw(store_url, f"UPDATE history SET reason = 'nothing to see' WHERE id = {ids[-1]}")
    bad = run("history", "--verify", "--store", store_url, "--user", "lead")
    assert bad.returncode == 1
    assert bad.stdout == f"history row {ids[-1]}: changed after it was written\n"
    report = json.loads(run("history", "--verify", "--json", "--store", store_url, "--user",
                            "lead").stdout)
    assert report["intact"] is False and report["rows"] == len(ids)
    assert "--verify" in one_line_error(run("history", "--store", store_url))
