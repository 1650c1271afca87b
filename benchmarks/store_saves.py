"""Save latency with 20 concurrent writers on SQLite, against a bare sqlite3 insert loop.

Each of 20 processes saves answers to its own audit in one shared SQLite store, timing every
``save_answer`` (one transaction: validate, lock, write the answer and its history, bump the
version). The baseline, run the same way in the same run, is 20 processes each inserting a row
with the plain ``sqlite3`` module under the same settings (WAL, synchronous=FULL, BEGIN
IMMEDIATE, commit per row): the least any durable save can cost here. The ratios are the figures
to read.

Two scenarios: "saturated", every writer saving back to back (the worst case: 20 workbooks
saving without pause, far more than a team types), and "paced", every writer pausing 20-80 ms
between saves (a workbook saving as fast as its debounce allows, still faster than anyone types).

    python benchmarks/store_saves.py [--writers 20] [--saves 50]
"""
from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _pause(paced: bool, rng) -> None:
    if paced:
        time.sleep(rng.uniform(0.02, 0.08))


def _store_writer(url: str, audit_id: int, saves: int, paced: bool, barrier, out) -> None:
    import random

    from auditlib.store import AuditStore

    rng = random.Random(audit_id)
    with AuditStore(url) as store:
        store.framework_of(audit_id)  # a workbook loads its framework to build the form
        barrier.wait()
        times = []
        for n in range(saves):
            _pause(paced, rng)
            start = time.perf_counter()
            store.save_answer(audit_id, "risk", user="ash", evidence=f"Evidence, draft {n}.")
            times.append(time.perf_counter() - start)
    out.put(times)


def _sqlite_writer(path: str, writer: int, saves: int, paced: bool, barrier, out) -> None:
    import random

    rng = random.Random(writer)
    conn = sqlite3.connect(path, timeout=60, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    barrier.wait()
    times = []
    for n in range(saves):
        _pause(paced, rng)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO saves (writer, n, text) VALUES (?, ?, ?)",
                     (writer, n, f"Evidence, draft {n}."))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    out.put(times)


def _run(target, args_for, writers: int) -> list[float]:
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(writers), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args_for(w), barrier, out))
             for w in range(writers)]
    for p in procs:
        p.start()
    times: list[float] = []
    for _ in procs:
        times.extend(out.get(timeout=600))
    for p in procs:
        p.join()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--saves", type=int, default=50, help="saves per writer")
    args = parser.parse_args()

    from auditlib.store import AuditStore

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'store' / 'audits.sqlite'}"
        with AuditStore(url, create=True) as store:
            store.add_user("lead", roles=["lead_auditor"], user="lead")
            store.add_user("ash", roles=["auditor"], user="lead")
            audits = [store.add_audit(framework="scaled-social-care", child_id=f"B{w}",
                                      auditor="ash", user="lead") for w in range(args.writers)]
        bare = str(Path(tmp) / "bare.sqlite")
        with sqlite3.connect(bare) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, writer INT, n INT, "
                         "text TEXT)")
        print(f"save latency, {args.writers} concurrent writers x {args.saves} saves, SQLite; "
              "baseline 'bare sqlite3 insert loop (WAL, synchronous=FULL, BEGIN IMMEDIATE)'")
        for paced in (False, True):
            baseline = _run(_sqlite_writer, lambda w, p=paced: (bare, w, args.saves, p),
                            args.writers)
            saves = _run(_store_writer, lambda w, p=paced: (url, audits[w], args.saves, p),
                         args.writers)
            base_p50, base_p99 = statistics.median(baseline), _percentile(baseline, 0.99)
            p50, p99 = statistics.median(saves), _percentile(saves, 0.99)
            print(f"{'paced' if paced else 'saturated'}:")
            print(f"  baseline     median {base_p50 * 1e3:8.2f} ms   p99 {base_p99 * 1e3:8.2f} ms")
            print(f"  save_answer  median {p50 * 1e3:8.2f} ms   p99 {p99 * 1e3:8.2f} ms")
            print(f"  ratio        median {p50 / base_p50:8.2f}      p99 {p99 / base_p99:8.2f}")


if __name__ == "__main__":
    main()
