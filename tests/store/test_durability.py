"""Crash safety and concurrency, with real processes against real databases."""
from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from auditlib.exceptions import VersionConflict
from auditlib.store import AuditStore

WRITER = textwrap.dedent("""
    import sys
    from auditlib.store import AuditStore
    store = AuditStore(sys.argv[1])
    audit_id = int(sys.argv[2])
    n = 0
    while True:
        n += 1
        store.add_action(audit_id, user="ash", action=f"save {n}", owner="SW", due="2026-12-01")
        store.save_answer(audit_id, "risk", user="ash", evidence=f"save {n}")
        print(n, flush=True)   # acknowledged: both saves have returned
""")


def test_sigkill_mid_stream_loses_no_acknowledged_save(store, store_url, audit_id):
    """A writer killed with SIGKILL while saving leaves a store that opens, passes its
    integrity check and holds every save it acknowledged."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, store_url, str(audit_id)],
                              stdout=subprocess.PIPE, text=True)
    acked = 0
    deadline = time.monotonic() + 60
    while acked < 60 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        acked = int(line)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    writer.stdout.close()
    assert acked >= 60, "the writer did not get going"
    with AuditStore(store_url) as reopened:
        assert reopened.check_integrity() == "ok"
        record = reopened.find_audit(audit_id)
        saved = {a["action"] for a in record["actions"]}
        assert {f"save {n}" for n in range(1, acked + 1)} <= saved
        last = int(record["answers"]["risk"]["evidence"].split()[1])
        assert last >= acked
        # the version counts every save that committed, none twice
        assert record["version"] == 1 + len(saved) + last


def _save_many(url: str, audit_id: int, worker: int, count: int) -> None:
    with AuditStore(url) as store:
        for n in range(count):
            store.add_action(audit_id, user="ash", action=f"w{worker}-{n}", owner="SW",
                             due="2026-12-01")


def test_concurrent_writers_lose_nothing(store, store_url, audit_id):
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_save_many, args=(store_url, audit_id, w, 25))
               for w in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=120)
        assert p.exitcode == 0
    record = store.find_audit(audit_id)
    assert len(record["actions"]) == 100
    assert {a["action"] for a in record["actions"]} == {f"w{w}-{n}" for w in range(4)
                                                       for n in range(25)}
    assert record["version"] == 101


def _stale_write(url, audit_id, version, score, barrier, results):
    with AuditStore(url) as store:
        barrier.wait()
        try:
            store.save_answer(audit_id, "risk", user="ash", score=score,
                              expected_version=version)
            results.put(("saved", score))
        except VersionConflict as exc:
            results.put((type(exc).__name__, score))


def test_two_writers_on_one_item_the_second_gets_the_conflict(store, store_url, audit_id):
    ctx = multiprocessing.get_context("spawn")
    version = store.find_audit(audit_id)["version"]
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_stale_write, args=(store_url, audit_id, version, s, barrier,
                                                    results)) for s in (3, 8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
    outcomes = sorted(results.get(timeout=5) for _ in procs)
    assert [o[0] for o in outcomes] == ["VersionConflict", "saved"]
    winner = next(score for what, score in outcomes if what == "saved")
    assert store.find_audit(audit_id)["answers"]["risk"]["score"] == winner
    assert store.find_audit(audit_id)["version"] == version + 1


@pytest.mark.parametrize("writers", [6])
def test_many_processes_saving_answers_and_actions(store, store_url, audit_id, writers):
    """Several processes saving to one store at once, each to its own audit: nothing lost."""
    ctx = multiprocessing.get_context("spawn")
    audits = [store.add_audit(framework="full-audit", child_id=f"C{w}", auditor="ash",
                              user="lead") for w in range(writers)]
    procs = [ctx.Process(target=_save_many, args=(store_url, a, w, 10))
             for w, a in enumerate(audits)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    for w, a in enumerate(audits):
        assert [x["action"] for x in store.find_audit(a)["actions"]] == \
            [f"w{w}-{n}" for n in range(10)]
