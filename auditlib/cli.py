"""The ``auditlib`` command line: a thin layer over the library.

Library errors become one line on stderr and a non-zero exit, never a traceback: exit 2 for input
that cannot be used (a missing file, an invalid framework or audit), exit 1 where ``check`` finds
error findings.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .exceptions import AuditlibError, FrameworkError, InvalidAudit, UnknownFramework

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


class CommandError(AuditlibError):
    """A problem with what was asked for on the command line."""


# --------------------------------------------------------------------------- commands

def cmd_frameworks(args: argparse.Namespace) -> int:
    """List the frameworks found."""
    from .framework import framework_files, get_framework

    # one broken file (a council's own framework, say) must not hide the others
    frameworks, status = [], EXIT_OK
    for framework_id in sorted(framework_files()):
        try:
            frameworks.append(get_framework(framework_id))
        except FrameworkError as exc:
            for line in exc.lines():
                print(f"auditlib: {line}", file=sys.stderr)
            status = EXIT_INVALID
    rows = [{"id": f.id, "title": f.title, "source": f.source.get("title", ""),
             "documents": f.source.get("documents", []), "path": f.path} for f in frameworks]
    if args.json:
        _print_json(rows)
    else:
        width = max((len(r["id"]) for r in rows), default=2)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['title']}")
    return status


def cmd_framework_show(args: argparse.Namespace) -> int:
    """Show a framework's sections, criteria, descriptors, flags, rules and guidance."""
    framework = _framework(args.framework)
    if args.json:
        _print_json(framework.to_dict())
        return EXIT_OK
    print(f"{framework.title} ({framework.id})")
    print(f"Source: {framework.source.get('title', '')} "
          f"[{', '.join(framework.source.get('documents', []))}]")
    for s in framework.sections:
        scale = f" — {s.scale.id}" if s.scale else ""
        na = ", may be not applicable" if s.not_applicable else ""
        print(f"  {s.number + '. ' if s.number else ''}{s.title} [{s.id}, {s.kind}{scale}{na}]")
        for c in s.criteria:
            print(f"      - {c.title} [{c.id}]")
        for f in s.flags:
            print(f"      flag: {f.label} [{f.id}]")
    if framework.overall:
        overall = framework.overall
        print(f"Overall grade: chosen in {overall.section}, on {overall.scale.id}")
    for r in framework.rules:
        print(f"  rule {r.id} ({r.kind}, {r.level})")
    return EXIT_OK


def cmd_framework_validate(args: argparse.Namespace) -> int:
    """Validate framework files; print every problem as FILE:LINE: what is wrong."""
    from .framework import load_framework

    status = EXIT_OK
    for file in args.files:
        try:
            f = load_framework(file)
        except FrameworkError as exc:
            for line in exc.lines():
                print(line, file=sys.stderr)
            status = EXIT_INVALID
            continue
        criteria = sum(len(s.criteria) for s in f.sections)
        print(f"{file}: valid framework {f.id!r} ({len(f.sections)} sections, {criteria} criteria, "
              f"{len(f.rules)} rules)")
    return status


def cmd_check(args: argparse.Namespace) -> int:
    """Grade an audit record: section grades, overall, findings, completeness."""
    from .framework import get_framework, load_framework
    from .grading import grade

    record = read_json(args.audit)
    if args.framework_file:
        framework = load_framework(args.framework_file)
    else:
        if not isinstance(record, dict) or not isinstance(record.get("framework"), str):
            raise CommandError(f"{args.audit}: framework: missing (the audit must name its "
                               "framework id)")
        try:
            framework = get_framework(record["framework"])
        except UnknownFramework as exc:
            raise CommandError(f"{args.audit}: framework: {exc}") from None
    try:
        result = grade(framework, record)
    except InvalidAudit as exc:
        raise CommandError(f"{args.audit}: {exc}") from None
    if args.json:
        _print_json(result.to_dict())
    else:
        _print_grading(args.audit, framework, record, result)
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _print_grading(name: str, framework: Any, record: dict, result: Any) -> None:
    print(f"{name}: {framework.title} — child {record.get('child_id')}")
    for s in framework.sections:
        g = result.sections.get(s.id)
        if g is None or s.id == (framework.overall.section if framework.overall else None):
            continue
        extra = f" (score {g.score})" if g.score is not None else ""
        if g.suggested and g.chosen is None:
            extra += " (suggested from criteria)"
        print(f"  {s.number + '. ' if s.number else ''}{s.title}: {g.label}{extra}")
    if framework.overall:
        scale = framework.overall.scale
        allowed = ", ".join(scale.label(a) for a in result.allowed) or "none"
        print(f"Overall: chosen {scale.label(result.chosen)}; suggested "
              f"{scale.label(result.suggested)}; allowed {allowed}")
    if result.findings:
        print("Findings:")
        for f in result.findings:
            print(f"  {f.level.upper():7} [{f.where}] {f.message}  ({f.rule})")
            if f.source:
                quote = f.source.strip().replace("\n", "\n" + " " * 18)
                print(f"          Source: \u201c{quote}\u201d")
    state = "yes" if result.complete else "no"
    print(f"Complete: {state} ({result.done} of {result.total} fields complete"
          + (f"; missing: {', '.join(result.missing)})" if result.missing else ")"))


def _store(args: argparse.Namespace) -> Any:
    from .store import AuditStore

    return AuditStore(args.store)


def acting_user(args: argparse.Namespace) -> str:
    """Who is acting: ``--user``, else ``AUDITLIB_USER``, else the operating-system login."""
    import getpass

    return args.user or os.environ.get("AUDITLIB_USER") or getpass.getuser()


def cmd_users_add(args: argparse.Namespace) -> int:
    """Add a user to the store with one or more roles (lead auditor only; the store's first
    lead auditor may be added by whoever set it up)."""
    with _store(args) as store:
        store.add_user(args.name, roles=args.role, user=acting_user(args),
                       display_name=args.display_name, service_area=args.service_area)
    print(f"added {args.name} ({', '.join(args.role)})")
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    """List the store's users and their roles."""
    with _store(args) as store:
        users = store.find_users(role=args.role)
    if args.json:
        _print_json(users)
    else:
        for u in users:
            area = f" — {u['service_area']}" if u["service_area"] else ""
            print(f"{u['name']}: {', '.join(u['roles'])}{area}")
    return EXIT_OK


def cmd_audits(args: argparse.Namespace) -> int:
    """List the audits in the store (filter by status, auditor, month or framework)."""
    filters = {k: getattr(args, k) for k in ("status", "auditor", "month", "framework")
               if getattr(args, k)}
    with _store(args) as store:
        audits = store.find_audits(**filters)
    if args.json:
        _print_json(audits)
    else:
        for a in audits:
            print(f"{a['audit_id']:>5}  {a['status']:<11} {a['framework']:<20} "
                  f"{a['auditor']:<12} child {a['child_id']}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export an audit in the JSON interchange format (to stdout, or to --out FILE), or as a
    Word document (--format docx) to share with the team manager."""
    if args.format == "docx":
        from .documents import audit_docx

        out = Path(args.out or f"audit-{args.audit_id}.docx")
        with _store(args) as store:
            data = audit_docx(store, args.audit_id)
        out.write_bytes(data)
        print(f"Written: {out}")
        return EXIT_OK
    with _store(args) as store:
        record = store.export_audit(args.audit_id)
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import an audit from a JSON interchange file (lead auditor only). An invalid file
    changes nothing."""
    record = read_json(args.file)
    with _store(args) as store:
        try:
            audit_id = store.import_audit(record, user=acting_user(args))
        except InvalidAudit as exc:
            raise CommandError(f"{args.file}: {exc}") from None
    if args.json:
        _print_json({"audit_id": audit_id})
    else:
        print(f"imported {args.file} as audit {audit_id}")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    """Show an audit's trail: every change with who, when, what, old and new value, reason."""
    with _store(args) as store:
        trail = store.history(args.audit_id)
    if args.json:
        _print_json(trail)
    else:
        for h in trail:
            reason = f"  (reason: {h['reason']})" if h["reason"] else ""
            print(f"{h['at'][:19]}  {h['user']:<12} {h['what']}: {json.dumps(h['old'])} -> "
                  f"{json.dumps(h['new'])}{reason}")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    """Draw the month's random sample of children (open on the first of the month, not audited
    in the six months before) and allocate each to an auditor from another service area, the
    work spread evenly. Writes SAMPLE.csv and SAMPLE.csv.provenance.json (seed and input
    checksums)."""
    from .sampling import sample_from_files, write_sample

    sample = sample_from_files(args.children, args.history, args.auditors, args.month,
                               args.size, args.seed, args.framework)
    provenance = write_sample(sample, args.out, args.seed, {
        "children": args.children, "history": args.history, "auditors": args.auditors})
    for warning in sample.warnings:
        print(f"auditlib: warning: {warning}", file=sys.stderr)
    if args.json:
        _print_json({"out": args.out, "provenance": str(provenance), "sampled": len(sample.rows),
                     "eligible": sample.eligible, "workload": sample.workload(),
                     "due_date": sample.due_date.isoformat(), "warnings": sample.warnings})
    else:
        load = ", ".join(f"{a} {n}" for a, n in sample.workload().items())
        print(f"{len(sample.rows)} children sampled from {sample.eligible} eligible for "
              f"{sample.month}; due {sample.due_date}. Written to {args.out} (provenance: "
              f"{provenance.name}). Workload: {load}.")
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    """Create the audit in the store and one workbook per sampled child (papermill's parameter
    injection, no kernel per child), plus manifest.csv with each child's link. Safe to re-run:
    no duplicate audits, no workbook overwritten."""
    from .generate import generate_workbooks

    with _store(args) as store:
        result = generate_workbooks(args.sample, args.out, store, acting_user(args),
                                    framework=args.framework)
    if args.json:
        _print_json({"manifest": str(result.manifest), "audits_created": result.audits_created,
                     "audits_existing": result.audits_existing,
                     "workbooks_written": result.workbooks_written,
                     "workbooks_kept": result.workbooks_kept, "users_added": result.users_added})
    else:
        print(f"{result.audits_created} audits created, {result.audits_existing} already in the "
              f"store; {result.workbooks_written} workbooks written, {result.workbooks_kept} "
              f"kept as they were. Manifest: {result.manifest}")
        if result.users_added:
            print(f"Added auditors to the store: {', '.join(result.users_added)}")
        print(f"Serve them with: auditlib serve {args.out}")
    return EXIT_OK


def cmd_track(args: argparse.Namespace) -> int:
    """Track a month: each audit's stage against its due date, when moderation is due (the
    first 10 working days of the next month), and the actions; optionally export the action
    tracker and the month's grades as CSV and Excel."""
    from .sampling import parse_month
    from .tracking import action_tracker, export_month, moderation_due, month_tracker

    parse_month(args.month)
    on = _date_arg(args.on) if args.on else None
    with _store(args) as store:
        audits = month_tracker(store, args.month, on)
        actions = action_tracker(store, on, month=args.month)
        written = export_month(store, args.month, args.export, on) if args.export else []
    if args.json:
        _print_json({"month": args.month, "moderation_due": moderation_due(args.month)
                     .isoformat(), "audits": audits, "actions": actions,
                     "exported": [str(p) for p in written]})
        return EXIT_OK
    print(f"{args.month}: {len(audits)} audits; moderation due by "
          f"{moderation_due(args.month)}")
    for a in audits:
        flag = "  OVERDUE" if a["overdue"] else ""
        print(f"  {a['audit_id']:>5}  {a['child_id']:<12} {a['auditor']:<12} {a['status']:<36}"
              f" due {a['due_date']}{flag}")
    print(f"{len(actions)} actions, {sum(a['overdue'] for a in actions)} overdue")
    for path in written:
        print(f"Written: {path}")
    return EXIT_OK


def _date_arg(text: str) -> Any:
    from .grading import is_calendar_date

    if not is_calendar_date(text):
        raise CommandError(f"--on: {text!r} is not a date (YYYY-MM-DD)")
    import datetime as dt
    return dt.date.fromisoformat(text)


def cmd_report(args: argparse.Namespace) -> int:
    """Write the monthly report for the operational board: one self-contained HTML file with
    grade distributions (overall, by service area, by field), moderation changes, actions
    raised, completed and overdue, and the themes from learning."""
    from .report import monthly_report
    from .sampling import parse_month

    parse_month(args.month)
    on = _date_arg(args.on) if args.on else None
    with _store(args) as store:
        page = monthly_report(store, args.month, on)
    Path(args.out).write_text(page, encoding="utf-8")
    print(f"Written: {args.out}")
    return EXIT_OK


def cmd_agreement(args: argparse.Namespace) -> int:
    """Inter-rater agreement on an ordered scale: percent and within-one agreement, Cohen's
    kappa (two raters), Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 and AC2, and each
    rater's bias against the reference rater. RATINGS.csv has columns unit, rater, grade."""
    from .agreement import levels_from, read_ratings_csv, summary

    if not args.levels and not args.scale:
        raise CommandError("give the ordered scale: --levels A,B,C or --scale ID "
                           "(ofsted4, good3, score10)")
    try:
        levels = levels_from(scale=args.scale, levels=args.levels)
        ratings = read_ratings_csv(args.ratings, levels)
        result = summary(ratings, levels, reference=args.reference)
    except ValueError as exc:
        raise CommandError(f"{args.ratings}: {exc}") from None
    if args.json:
        _print_json(result)
        return EXIT_OK

    def show(value: Any) -> str:
        return "n/a" if value is None else f"{value:.3f}"
    print(f"{result['n_units']} units; levels (in order): {', '.join(result['levels'])}")
    print(f"percent agreement {show(result['percent_agreement'])}; within one grade "
          f"{show(result['within_one'])}")
    if result["cohen_kappa"]:
        k = result["cohen_kappa"]
        print(f"Cohen's kappa: unweighted {show(k['unweighted'])}, linear {show(k['linear'])}, "
              f"quadratic {show(k['quadratic'])}")
    print(f"Fleiss' kappa {show(result['fleiss_kappa'])}")
    a = result["krippendorff_alpha"]
    print(f"Krippendorff's alpha: nominal {show(a['nominal'])}, ordinal {show(a['ordinal'])}, "
          f"interval {show(a['interval'])}")
    g = result["gwet_ac2"]
    print(f"Gwet's AC1 {show(result['gwet_ac1'])}; AC2 linear {show(g['linear'])}, quadratic "
          f"{show(g['quadratic'])}")
    reference = result["reference"]["rater"]
    print(f"Raters against {reference} ({result['reference']['chosen']}):")
    for rater, info in result["raters"].items():
        if info["in_common_with_reference"] is None:
            print(f"  {rater}: {info['n']} grades (the reference)")
            continue
        print(f"  {rater}: {info['n']} grades, {info['in_common_with_reference']} units in "
              f"common, exact agreement {show(info['exact_agreement'])}, mean difference "
              f"{show(info['mean_difference'])} levels (positive: later in the scale's order)")
    return EXIT_OK


def cmd_anonymise(args: argparse.Namespace) -> int:
    """Remove what identifies a person from a case text (names, dates, addresses, postcodes,
    NHS and National Insurance numbers, phones, emails, references, schools, GP practices)
    before it is shared. Dates move by one shift derived from --key (or AUDITLIB_ANONYMISE_KEY);
    --report lists every replacement for a person to review."""
    from .anonymise import anonymise_file

    key = args.key or os.environ.get("AUDITLIB_ANONYMISE_KEY")
    result = anonymise_file(args.input, args.out, key=key, report_path=args.report)
    if args.out is None:
        sys.stdout.write(result.text)
    counts = ", ".join(f"{k} {n}" for k, n in result.counts().items()) or "none"
    print(f"auditlib: {len(result.replacements)} replacements ({counts})", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the workbooks (or one workbook) with Voilà on 127.0.0.1, with token
    authentication, and print the links to open."""
    from .serve import serve

    return serve(args.path, store=args.store, port=args.port, open_browser=not args.no_browser,
                 demo=args.demo, user=args.user)


# --------------------------------------------------------------------------- helpers

def read_json(path: str) -> Any:
    """Read a JSON file, turning every failure into a one-line error naming the file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None


def _framework(id_or_path: str) -> Any:
    from .framework import get_framework, load_framework

    if id_or_path.endswith((".yaml", ".yml")) or os.sep in id_or_path:
        return load_framework(id_or_path)
    return get_framework(id_or_path)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# --------------------------------------------------------------------------- parser

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditlib",
        description="Case file audits for children's social care: frameworks, grading, "
                    "workbooks.")
    parser.add_argument("--version", action="version", version=f"auditlib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("frameworks", help="list the frameworks found",
                       description=cmd_frameworks.__doc__)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_frameworks)

    fw = sub.add_parser("framework", help="show or validate a framework",
                        description="Show or validate a framework.")
    fsub = fw.add_subparsers(dest="framework_command", metavar="ACTION", required=True)
    p = fsub.add_parser("show", help="show a framework", description=cmd_framework_show.__doc__)
    p.add_argument("framework", metavar="ID", help="framework id (or a framework file)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_framework_show)
    p = fsub.add_parser("validate", help="validate framework files",
                        description=cmd_framework_validate.__doc__)
    p.add_argument("files", metavar="FILE", nargs="+", help="framework YAML file")
    p.set_defaults(func=cmd_framework_validate)

    p = sub.add_parser("check", help="grade an audit record (JSON)", description=cmd_check.__doc__
                       + " Exit 0: no error findings; 1: error findings; 2: the file cannot be "
                       "read or is not a valid audit.")
    p.add_argument("audit", metavar="AUDIT.json",
                   help="audit record in the JSON interchange format")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--framework-file", metavar="FILE",
                   help="grade against this framework file instead of the installed one")
    p.set_defaults(func=cmd_check)

    store_options = argparse.ArgumentParser(add_help=False)
    store_options.add_argument("--store", metavar="URL",
                               help="the audit store (default: AUDITLIB_STORE, else the SQLite "
                                    "file in the data folder)")
    store_options.add_argument("--user", metavar="NAME",
                               help="who is acting (default: AUDITLIB_USER, else your login)")

    users = sub.add_parser("users", help="manage the store's users and roles",
                           description="Manage the store's users and their roles.")
    usub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    p = usub.add_parser("add", parents=[store_options], help="add a user",
                        description=cmd_users_add.__doc__)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", action="append", required=True,
                   choices=("auditor", "moderator", "lead_auditor", "trainee"),
                   help="a role (repeat for several)")
    p.add_argument("--display-name")
    p.add_argument("--service-area", help="the user's service area (auditors are allocated "
                                          "children from other areas)")
    p.set_defaults(func=cmd_users_add)
    p = usub.add_parser("list", parents=[store_options], help="list users",
                        description=cmd_users_list.__doc__)
    p.add_argument("--role", help="only users with this role")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_users_list)

    p = sub.add_parser("audits", parents=[store_options], help="list the audits in the store",
                       description=cmd_audits.__doc__)
    for name in ("status", "auditor", "month", "framework"):
        p.add_argument(f"--{name}", help=f"only audits with this {name}")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_audits)

    p = sub.add_parser("export", parents=[store_options], help="export an audit as JSON",
                       description=cmd_export.__doc__)
    p.add_argument("audit_id", metavar="AUDIT_ID")
    p.add_argument("--json", action="store_true", help="JSON (the default)")
    p.add_argument("--format", choices=("json", "docx"), default="json",
                   help="json (the interchange format) or docx (a Word document)")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=[store_options], help="import an audit from JSON",
                       description=cmd_import.__doc__)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the new audit id as JSON")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("history", parents=[store_options], help="an audit's change history",
                       description=cmd_history.__doc__)
    p.add_argument("audit_id", metavar="AUDIT_ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("sample", help="draw the month's sample and allocate auditors",
                       description=cmd_sample.__doc__)
    p.add_argument("children", metavar="CHILDREN.csv",
                   help="child_id, service_area, team, status (open/closed), other columns")
    p.add_argument("--history", metavar="AUDITS.csv", required=True,
                   help="past audits: child_id, audit_date")
    p.add_argument("--auditors", metavar="AUDITORS.csv", required=True,
                   help="auditor, service_area, optional capacity")
    p.add_argument("--month", metavar="YYYY-MM", required=True)
    p.add_argument("--size", type=int, default=20, help="children to sample (default 20)")
    p.add_argument("--seed", type=int, required=True,
                   help="the random seed (recorded, so the sample can be reproduced)")
    p.add_argument("--framework", default="full-audit",
                   help="the audit framework for children without a framework column")
    p.add_argument("--out", metavar="SAMPLE.csv", required=True)
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("generate", parents=[store_options],
                       help="create the audits and one workbook per sampled child",
                       description=cmd_generate.__doc__)
    p.add_argument("sample", metavar="SAMPLE.csv", help="the output of auditlib sample")
    p.add_argument("--out", metavar="DIR", required=True, help="folder for the workbooks")
    p.add_argument("--framework", help="use this framework for every child (default: the "
                                       "sample's framework column)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("track", parents=[store_options], help="track a month's audits and "
                       "actions", description=cmd_track.__doc__)
    p.add_argument("month", metavar="YYYY-MM")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day to judge overdue by (today)")
    p.add_argument("--export", metavar="DIR", help="write the action tracker and grades as "
                                                   "CSV and Excel into DIR")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_track)

    p = sub.add_parser("report", parents=[store_options],
                       help="the monthly report for the operational board (HTML)",
                       description=cmd_report.__doc__)
    p.add_argument("--month", metavar="YYYY-MM", required=True)
    p.add_argument("--out", metavar="FILE.html", required=True)
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day to judge overdue by (today)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("agreement", help="inter-rater agreement statistics",
                       description=cmd_agreement.__doc__)
    p.add_argument("ratings", metavar="RATINGS.csv", help="columns unit, rater, grade")
    p.add_argument("--levels", help="the ordered categories, comma-separated (e.g. 1,2,3,4,5)")
    p.add_argument("--scale", help="a scale id instead of --levels: ofsted4, good3, score10")
    p.add_argument("--reference", metavar="RATER",
                   help="the rater others are compared with (default: the one with most "
                        "ratings)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("anonymise", help="remove identifiers from a case text",
                       description=cmd_anonymise.__doc__)
    p.add_argument("input", metavar="IN")
    p.add_argument("--out", metavar="OUT", help="write the anonymised text here (default: "
                                                "standard output)")
    p.add_argument("--key", metavar="K", help="secret for this case: makes the output "
                                              "repeatable (or set AUDITLIB_ANONYMISE_KEY)")
    p.add_argument("--report", metavar="R", help="write the review report (Markdown) here")
    p.set_defaults(func=cmd_anonymise)

    p = sub.add_parser("serve", parents=[store_options], help="serve the workbooks in a browser",
                       description=cmd_serve.__doc__)
    p.add_argument("path", metavar="PATH", nargs="?",
                   help="a workbook or a folder of them (default: the audit workbooks)")
    p.add_argument("--port", type=int, help="port on 127.0.0.1 (default: 8866, or a free one)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--demo", action="store_true",
                   help="use a demo store with a demo audit for each framework")
    p.set_defaults(func=cmd_serve)
    return parser



def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FrameworkError as exc:
        for line in exc.lines():
            print(f"auditlib: {line}", file=sys.stderr)
        return EXIT_INVALID
    except AuditlibError as exc:
        print(f"auditlib: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("auditlib: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("AUDITLIB_DEBUG"):
            raise
        print(f"auditlib: internal error: {type(exc).__name__}: {exc} "
              "(run with AUDITLIB_DEBUG=1 for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
