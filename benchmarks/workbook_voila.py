"""The audit workbook in Voilà against a minimal one-widget Voilà notebook, in one run.

Two ratios, each of medians over repeated runs in the same browser and server:

* time to interactive: from navigation until the page's widgets are live (the workbook's save
  state is shown; the minimal notebook's dropdown is shown), against the minimal notebook
  (``benchmarks/notebooks/minimal_widget.ipynb``: a dropdown echoed into a label);
* a judgement change to the updated overall grade: choosing a risk score until the suggested
  overall changes on screen, against the minimal notebook's dropdown change until its echo
  changes (a bare widget round trip through the kernel).

    python benchmarks/workbook_voila.py [--runs 7]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

CHANGED_JS = "([sel, before]) => document.querySelector(sel).innerText !== before"


def round_trip(page, select: str, label: str, watch: str) -> float:
    """Seconds from choosing an option until the watched element's text changes (the same
    Playwright calls for both pages, so their overhead cancels in the ratio)."""
    before = page.inner_text(watch)
    start = time.perf_counter()
    page.select_option(select, label=label)
    page.wait_for_function(CHANGED_JS, arg=[watch, before], polling="raf", timeout=30_000)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from auditlib.service.serve import start_voila, voila_env
    from auditlib.store import AuditStore

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        shutil.copy(ROOT / "workbooks" / "audit.ipynb", folder / "audit.ipynb")
        shutil.copy(HERE / "notebooks" / "minimal_widget.ipynb", folder / "minimal.ipynb")
        url = f"sqlite:///{Path(tmp) / 'store' / 'audits.sqlite'}"
        with AuditStore(url, create=True) as store:
            store.add_user("lead", roles=["lead_auditor"], user="lead")
            store.add_user("ash", roles=["auditor"], user="lead")
            audits = [store.add_audit(framework="scaled-social-care", child_id=f"B{i}",
                                      auditor="ash", user="lead")
                      for i in range(args.runs + 1)]
        token = "benchmark-token"
        os.environ["AUDITLIB_QUIET_VOILA"] = "1"
        proc, port = start_voila(folder, 0, voila_env(AUDITLIB_STORE=url, AUDITLIB_USER="ash"),
                                 token)
        base = f"http://127.0.0.1:{port}"
        try:
            tti = {"minimal": [], "workbook": []}
            trip = {"minimal": [], "workbook": []}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                for run in range(args.runs + 1):  # the first run warms caches and is dropped
                    for name in ("minimal", "workbook"):
                        page = browser.new_page()
                        if name == "minimal":
                            link = f"{base}/voila/render/minimal.ipynb?token={token}"
                            ready, select, watch = ".widget-dropdown select", \
                                ".widget-dropdown select", ".echo"
                            label = "b"
                        else:
                            audit = audits[run]  # a fresh audit: the score really changes
                            link = (f"{base}/voila/render/audit.ipynb?audit_id={audit}"
                                    f"&token={token}")
                            ready, select, watch = ".aw-save-status", \
                                ".aw-grade-risk select", ".aw-overall-suggested"
                            label = "2 – Inadequate"
                        start = time.perf_counter()
                        page.goto(link)
                        page.wait_for_selector(ready, timeout=120_000)
                        elapsed = time.perf_counter() - start
                        took = round_trip(page, select, label, watch)
                        if run > 0:
                            tti[name].append(elapsed)
                            trip[name].append(took)
                        page.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)

    def show(label: str, data: dict[str, list[float]], target: float) -> None:
        m, wb = statistics.median(data["minimal"]), statistics.median(data["workbook"])
        print(f"{label}: workbook {wb * 1e3:8.1f} ms, minimal one-widget notebook "
              f"{m * 1e3:8.1f} ms, ratio {wb / m:5.2f} (aim {target})")

    print(f"Voilà, medians of {args.runs} runs in Chromium; baseline 'minimal one-widget Voilà "
          "notebook' (benchmarks/notebooks/minimal_widget.ipynb)")
    show("time to interactive      ", tti, 1.3)
    show("judgement -> overall grade", trip, 1.5)


if __name__ == "__main__":
    main()
