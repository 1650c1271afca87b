"""Generating the month's workbooks against papermill's own parameter injection, in one run.

For 20 and for 1,000 children: ``auditlib generate`` (store included: each audit created in a
fresh SQLite store, its workbook written, the manifest) against the baseline, a loop of
``papermill.execute_notebook(..., prepare_only=True)`` over the same template writing one
notebook per child. The ratio is the figure to read (aim: at most 2).

    python benchmarks/generate.py [--sizes 20 1000]
"""
from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_sample(path: Path, n: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["child_id", "service_area", "team", "auditor", "auditor_service_area",
                         "month", "due_date", "framework"])
        for i in range(n):
            writer.writerow([f"C{i:05d}", "Safeguarding", "Team 1", f"auditor{i % 20}",
                             "Children in care", "2026-11", "2026-11-15", "full-audit"])


def papermill_loop(template: Path, out: Path, n: int) -> float:
    import papermill

    out.mkdir()
    start = time.perf_counter()
    for i in range(n):
        papermill.execute_notebook(str(template), str(out / f"C{i:05d}.ipynb"),
                                   parameters={"audit_id": i + 1, "child_id": f"C{i:05d}",
                                               "framework": "full-audit",
                                               "auditor": f"auditor{i % 20}"},
                                   prepare_only=True, progress_bar=False)
    return time.perf_counter() - start


def auditlib_generate(tmp: Path, n: int) -> float:
    from auditlib.month.generate import generate_workbooks
    from auditlib.store import AuditStore

    sample = tmp / f"sample-{n}.csv"
    write_sample(sample, n)
    with AuditStore(f"sqlite:///{tmp / f'store-{n}' / 'audits.sqlite'}", create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        start = time.perf_counter()
        generate_workbooks(sample, tmp / f"wb-{n}", store, "lead", progress=False)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 1000])
    args = parser.parse_args()
    template = ROOT / "workbooks" / "audit.ipynb"
    print("generating workbooks vs baseline 'loop of papermill prepare_only over the same "
          "template'")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        auditlib_generate(tmp_path / "warm", 2) if (tmp_path / "warm").mkdir() is None else None
        for n in args.sizes:
            base = papermill_loop(template, tmp_path / f"pm-{n}", n)
            ours = auditlib_generate(tmp_path, n)
            print(f"{n:5} children: auditlib generate {ours:7.2f} s, papermill prepare_only "
                  f"loop {base:7.2f} s, ratio {ours / base:5.2f} (aim 2)")


if __name__ == "__main__":
    main()
