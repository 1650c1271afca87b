"""The month's commands: sample, generate, track, report."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditlib.access import acting_user
from auditlib.cli.common import EXIT_OK, CommandError, authorise, open_store, print_json
from auditlib.text import shown


def cmd_sample(args: argparse.Namespace) -> int:
    """Draw the month's random sample of children (open on the first of the month, not audited
    in the six months before) and allocate each to an auditor from another service area, the
    work spread evenly. The children come as a CSV or as the council's Ofsted Annex A workbook
    (Lists 6 to 9). Writes SAMPLE.csv and SAMPLE.csv.provenance.json (seed and input
    checksums)."""
    from auditlib.month.sampling import sample_from_files, write_sample

    audited = _audited(args)
    sample = sample_from_files(args.children, args.history, args.auditors, args.month,
                               args.size, args.seed, args.framework, audited)
    provenance = write_sample(sample, args.out, args.seed, {
        "children": args.children, "history": args.history, "auditors": args.auditors})
    if audited is None:
        print("auditlib: note: no audit store yet: only the history file says who was "
              "audited", file=sys.stderr)
    for warning in sample.warnings:
        print(f"auditlib: warning: {shown(warning)}", file=sys.stderr)
    if args.json:
        print_json({"out": args.out, "provenance": str(provenance), "sampled": len(sample.rows),
                     "eligible": sample.eligible, "workload": sample.workload(),
                     "due_date": sample.due_date.isoformat(), "warnings": sample.warnings})
    else:
        load = ", ".join(f"{a} {n}" for a, n in sample.workload().items())
        print(f"{len(sample.rows)} children sampled from {sample.eligible} eligible for "
              f"{sample.month}; due {sample.due_date}. Written to {args.out} (provenance: "
              f"{provenance.name}). Workload: {load}.")
    return EXIT_OK


def _audited(args: argparse.Namespace) -> dict | None:
    """The children the store has audits of, by month: they count as audited, as the history
    file's do (a child allocated last month is not sampled again). Only a lead auditor may read
    the store for this. The store is the one named (--store, AUDITLIB_STORE, its file) or, if
    none is, the default store once there is one: the first month has only the history file."""
    from auditlib.month.sampling import audited_in_store
    from auditlib.store import default_store_url, store_url

    url = store_url(args.store)
    if url == default_store_url() and not Path(url.removeprefix("sqlite:///")).exists():
        return None  # said once the sample is drawn
    authorise(args, "allocate")
    with open_store(args) as store:
        return audited_in_store(store.find_audits())


def cmd_generate(args: argparse.Namespace) -> int:
    """Create the audit in the store and one workbook per sampled child (papermill's parameter
    injection, no kernel per child), plus manifest.csv with each child's link. Safe to re-run:
    no duplicate audits, no workbook overwritten. With --public-url (or AUDITLIB_PUBLIC_URL)
    each link opens the child's audit under that address, for whoever signs in there; it never
    holds a token."""
    from auditlib.month.generate import generate_workbooks
    from auditlib.month.links import public_url

    public = public_url(args.public_url)  # checked before the store is opened
    with open_store(args) as store:
        result = generate_workbooks(args.sample, args.out, store, acting_user(args.user),
                                    framework=args.framework, public_url=public)
    if public is None:
        print("auditlib: note: the manifest's links are relative to the pages and cannot be "
              "sent: set a public URL (--public-url, or AUDITLIB_PUBLIC_URL) to get links that "
              "can be sent", file=sys.stderr)
    if args.json:
        print_json({"manifest": str(result.manifest), "audits_created": result.audits_created,
                     "audits_existing": result.audits_existing,
                     "workbooks_written": result.workbooks_written,
                     "workbooks_kept": result.workbooks_kept, "users_added": result.users_added,
                     "public_url": public})
    else:
        print(f"{result.audits_created} audits created, {result.audits_existing} already in the "
              f"store; {result.workbooks_written} workbooks written, {result.workbooks_kept} "
              f"kept as they were. Manifest: {result.manifest}")
        if result.users_added:
            print(f"Added auditors to the store: {shown(', '.join(result.users_added))}")
        print(f"Serve them with: auditlib serve {args.out}")
        if public:
            print(f"Send each auditor their link from the manifest: it opens their audit at "
                  f"{public} once they have signed in, and nobody else's.")
    return EXIT_OK


def cmd_track(args: argparse.Namespace) -> int:
    """Track a month: each audit's stage against its due date, when moderation is due (the
    first 10 working days of the next month), and the actions; optionally export the action
    tracker and the month's grades as CSV and Excel."""
    from auditlib.month.sampling import parse_month
    from auditlib.month.tracking import action_tracker, export_month, moderation_due, month_tracker

    authorise(args, "track")
    parse_month(args.month)
    on = _date_arg(args.on) if args.on else None
    with open_store(args) as store:
        audits = month_tracker(store, args.month, on)
        actions = action_tracker(store, on, month=args.month)
        written = export_month(store, args.month, args.export, on) if args.export else []
    if args.json:
        print_json({"month": args.month, "moderation_due": moderation_due(args.month)
                     .isoformat(), "audits": audits, "actions": actions,
                     "exported": [str(p) for p in written]})
        return EXIT_OK
    print(f"{args.month}: {len(audits)} audits; moderation due by "
          f"{moderation_due(args.month)}")
    for a in audits:
        flag = "  OVERDUE" if a["overdue"] else ""
        print(f"  {a['audit_id']:>5}  {shown(a['child_id']):<12} {shown(a['auditor']):<12} "
              f"{shown(a['status']):<36} due {shown(a['due_date'])}{flag}")
    print(f"{len(actions)} actions, {sum(a['overdue'] for a in actions)} overdue")
    for path in written:
        print(f"Written: {path}")
    return EXIT_OK


def _date_arg(text: str) -> Any:
    from auditlib.dates import is_calendar_date

    if not is_calendar_date(text):
        raise CommandError(f"--on: {text!r} is not a date (YYYY-MM-DD)")
    import datetime as dt
    return dt.date.fromisoformat(text)


def cmd_report(args: argparse.Namespace) -> int:
    """Write the monthly report for the operational board: one self-contained HTML file with
    grade distributions (overall, by service area, by field), moderation changes, actions
    raised, completed and overdue, and the themes from learning."""
    from auditlib.exceptions import OutputError
    from auditlib.files import write_private
    from auditlib.month.report import monthly_report
    from auditlib.month.sampling import parse_month

    authorise(args, "report")
    parse_month(args.month)
    on = _date_arg(args.on) if args.on else None
    with open_store(args) as store:
        page = monthly_report(store, args.month, on)
    try:  # the report is private too, never written through a symlink
        write_private(args.out, page)
    except OutputError as exc:
        raise CommandError(f"--out {exc}") from None
    print(f"Written: {args.out}")
    return EXIT_OK
