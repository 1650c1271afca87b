"""Memory of an audit workbook's kernel against a minimal ipywidgets kernel, in one run.

Every open workbook is a kernel, and a team has many open at once (design.md: close to a minimal
ipywidgets kernel, about 55 MB). Each measurement starts a fresh kernel, runs what the notebook
runs, and reads the kernel's resident memory (VmRSS). The baseline is a kernel that imports
ipywidgets and shows one slider.

    python benchmarks/kernel_memory.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
from pathlib import Path

MINIMAL = "import ipywidgets as w\nw.IntSlider(description='x')"
WORKBOOK = "from auditlib.pages.audit import open_workbook\nopen_workbook({audit_id})"
RSS = "print(open('/proc/self/status').read())"


def kernel_rss(code: str, env: dict[str, str]) -> float:
    from jupyter_client.manager import start_new_kernel

    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        manager, client = start_new_kernel(kernel_name="python3")
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        client.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
        out: list[str] = []
        client.execute_interactive(RSS, timeout=60, output_hook=lambda msg: out.append(
            msg["content"].get("text", "")) if msg["msg_type"] == "stream" else None)
        kb = int(re.search(r"VmRSS:\s+(\d+) kB", "".join(out)).group(1))
        return kb / 1024
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from auditlib.store import AuditStore

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'audits.sqlite'}"
        with AuditStore(url, create=True) as store:
            store.add_user("lead", roles=["lead_auditor"], user="lead")
            store.add_user("ash", roles=["auditor"], user="lead")
            audit = store.add_audit(framework="detailed-case-audit", child_id="MEM-1",
                                    auditor="ash", user="lead")
        env = {"AUDITLIB_STORE": url, "AUDITLIB_USER": "ash"}
        minimal = [kernel_rss(MINIMAL, env) for _ in range(args.repeat)]
        workbook = [kernel_rss(WORKBOOK.format(audit_id=audit), env)
                    for _ in range(args.repeat)]
    m, wb = statistics.median(minimal), statistics.median(workbook)
    print("kernel resident memory (VmRSS), median of "
          f"{args.repeat}; baseline 'minimal ipywidgets kernel (one slider)'")
    print(f"  minimal {m:6.1f} MB   audit workbook (detailed-case-audit, largest) {wb:6.1f} MB"
          f"   ratio {wb / m:4.2f}")


if __name__ == "__main__":
    main()
