"""Load test: many people saving answers at once to one store, bounded in time, on loopback.

Each of N simulated users (a process of its own, as each signed-in person has a server of their
own under JupyterHub) saves answers to their own audit as fast as a debounced workbook would, for
a fixed time. At the end every save that was acknowledged must be in the store; the latency
percentiles are reported, with the ratio against a named baseline measured in the same run: one
user saving alone.

    python benchmarks/load.py [--store URL] [--users 30] [--seconds 120]

The store defaults to the local PostgreSQL test database (a schema made for the run, dropped
after). Traffic goes only to 127.0.0.1.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import time
import uuid

PAUSE = 0.05  # a workbook saves typing after a short pause


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _user(url: str, name: str, audit_id: int, seconds: float, barrier, out) -> None:
    from auditlib.store import AuditStore

    fields = [f"q{i}" for i in range(1, 13)]
    with AuditStore(url) as store:
        store.framework_of(audit_id)
        barrier.wait()
        end = time.monotonic() + seconds
        times, acked, n = [], [], 0
        while time.monotonic() < end:
            n += 1
            field = fields[n % len(fields)]
            text = f"{name} draft {n}"
            start = time.perf_counter()
            store.save_answer(audit_id, field, user=name, evidence=text)
            times.append(time.perf_counter() - start)
            acked.append((field, n))
            time.sleep(PAUSE)
    last = {}
    for field, n in acked:
        last[field] = n
    out.put((name, audit_id, times, last))


def run(url: str, users: int, seconds: float) -> dict:
    from auditlib.store import AuditStore

    with AuditStore(url, create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_users([{"name": f"user{i:02d}", "roles": ["auditor"]} for i in range(users)],
                        user="lead")
        audits = [a for a, _ in store.add_audits([
            {"framework": "full-audit", "child_id": f"LOAD-{i}", "auditor": f"user{i:02d}"}
            for i in range(users)], user="lead")]
    ctx = multiprocessing.get_context("spawn")

    def go(count: int) -> list:
        barrier, out = ctx.Barrier(count), ctx.Queue()
        procs = [ctx.Process(target=_user, args=(url, f"user{i:02d}", audits[i], seconds,
                                                  barrier, out)) for i in range(count)]
        for p in procs:
            p.start()
        results = [out.get(timeout=seconds + 300) for _ in procs]
        for p in procs:
            p.join()
        return results

    alone = go(1)
    together = go(users)
    missing = 0
    with AuditStore(url) as store:
        for name, audit_id, _, last in together:
            answers = store.find_audit(audit_id)["answers"]
            for field, n in last.items():
                if answers.get(field, {}).get("evidence") != f"{name} draft {n}":
                    missing += 1
    base = [t for r in alone for t in r[2]]
    times = [t for r in together for t in r[2]]
    return {"users": users, "seconds": seconds, "saves": len(times), "missing": missing,
            "alone_p50": statistics.median(base), "p50": statistics.median(times),
            "p90": _percentile(times, 0.90), "p99": _percentile(times, 0.99),
            "alone_p99": _percentile(base, 0.99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="store URL (default: a fresh schema in the local "
                                        "PostgreSQL test database)")
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()
    schema = None
    url = args.store
    if url is None:
        import psycopg
        schema = f"load_{uuid.uuid4().hex[:8]}"
        base = os.environ.get("AUDITLIB_TEST_POSTGRES",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=test", autocommit=True) as c:
            c.execute(f"CREATE SCHEMA {schema}")
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    try:
        r = run(url, args.users, args.seconds)
    finally:
        if schema:
            import psycopg
            with psycopg.connect("host=127.0.0.1 user=postgres dbname=test",
                                 autocommit=True) as c:
                c.execute(f"DROP SCHEMA {schema} CASCADE")
    print(f"load: {r['users']} users saving for {r['seconds']:.0f} s: {r['saves']} saves, "
          f"{r['missing']} acknowledged saves missing; baseline 'one user saving alone'")
    print(f"  latency p50 {r['p50'] * 1e3:.1f} ms (ratio {r['p50'] / r['alone_p50']:.2f}), "
          f"p90 {r['p90'] * 1e3:.1f} ms, p99 {r['p99'] * 1e3:.1f} ms "
          f"(ratio {r['p99'] / r['alone_p99']:.2f})")
    if r["missing"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
