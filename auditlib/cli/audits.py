"""The store's commands: users add and list, audits, allocate, export, import, history, store
grant."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from auditlib import access
from auditlib.access import acting_user
from auditlib.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    CommandError,
    authorise,
    open_store,
    print_json,
    read_json,
)
from auditlib.exceptions import AuditlibError, InvalidAudit
from auditlib.text import shown


def cmd_users_add(args: argparse.Namespace) -> int:
    """Add a user to the store with one or more roles (lead auditor only; the store's first
    lead auditor may be added by whoever set it up)."""
    # the one command that sets a store up: with its first lead auditor, the only user a new
    # store takes (anyone else named in a store that is not there is a misspelt --store)
    with open_store(args, create="lead_auditor" in args.role) as store:
        store.add_user(args.name, roles=args.role, user=acting_user(args.user),
                       display_name=args.display_name, service_area=args.service_area,
                       email=args.email, team=args.team)
    print(f"added {shown(args.name)} ({', '.join(args.role)})")
    return EXIT_OK


def cmd_users_update(args: argparse.Namespace) -> int:
    """Change a user's email address, team, display name or service area (lead auditor only;
    an empty value removes it)."""
    from auditlib.store import CLEAR

    fields = {key: (CLEAR if value == "" else value)
              for key in ("email", "team", "display_name", "service_area")
              if (value := getattr(args, key)) is not None}
    if not fields:
        raise AuditlibError("users update: give at least one of --email, --team, "
                            "--display-name, --service-area")
    with open_store(args) as store:
        store.update_user(args.name, user=acting_user(args.user), **fields)
    print(f"updated {shown(args.name)}: {', '.join(k.replace('_', ' ') for k in fields)}")
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    """List the store's users and their roles."""
    authorise(args, "users")
    with open_store(args) as store:
        users = store.find_users(role=args.role)
    if args.json:
        print_json(users)
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
    user, roles = authorise(args, "list_others" if naming_others else "list")
    with open_store(args) as store:
        audits = access.visible(user, roles, store.find_audits(**filters),
                                team=access.team_of(store, user))
    if args.json:
        print_json(audits)
    else:
        for a in audits:
            print(f"{a['audit_id']:>5}  {shown(a['status']):<11} {shown(a['framework']):<20} "
                  f"{shown(a['auditor']):<12} child {shown(a['child_id'])}")
    return EXIT_OK


def cmd_allocate(args: argparse.Namespace) -> int:
    """Give an audit another auditor (while it is in progress or returned) or another
    moderator (until it is finalised; --no-moderator leaves it for any moderator to pick up),
    with an optional reason; each change is recorded in the audit's history (lead auditor
    only). Nobody moderates an audit they audited."""
    from auditlib.store import CLEAR

    if args.auditor is None and args.moderator is None and not args.no_moderator:
        raise CommandError("say what to change: --auditor NAME, --moderator NAME or "
                           "--no-moderator")
    user, _ = authorise(args, "allocate")  # before the audit is read: refused, learn nothing
    with open_store(args) as store:
        before = store.find_audit(args.audit_id)
        version = store.reallocate_audit(
            args.audit_id, user=user, auditor=args.auditor,
            moderator=CLEAR if args.no_moderator else args.moderator, reason=args.reason)
        after = store.find_audit(args.audit_id)
    changes = [f"{what} {shown(before[what] or 'none')} -> {shown(after[what] or 'none')}"
               for what in ("auditor", "moderator") if before[what] != after[what]]
    print(f"audit {after['audit_id']}: " + ("; ".join(changes) or "nothing changed")
          + f" (version {version})")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export an audit in the JSON interchange format (to stdout, or to --out FILE), or as a
    Word document (--format docx) to share with the team manager."""
    from auditlib.exceptions import OutputError
    from auditlib.files import write_private

    authorise(args, "export", args.audit_id)
    if args.format == "docx":
        from auditlib.month.documents import audit_docx

        out = Path(args.out or f"audit-{args.audit_id}.docx")
        with open_store(args) as store:
            data = audit_docx(store, args.audit_id)
        try:  # private, never through a symlink; a bad --out is one line, not a traceback
            write_private(out, data)
        except OutputError as exc:
            raise CommandError(f"--out {exc}") from None
        print(f"Written: {out}")
        return EXIT_OK
    with open_store(args) as store:
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
    with open_store(args) as store:
        try:
            audit_id = store.import_audit(record, user=acting_user(args.user))
        except InvalidAudit as exc:
            raise CommandError(f"{args.file}: {exc}") from None
    if args.json:
        print_json({"audit_id": audit_id})
    else:
        print(f"imported {shown(args.file)} as audit {audit_id}")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    """Show an audit's trail: every change with who, when, what, old and new value, reason, and
    where it came from (the login behind a command, the user of a page). With --verify, check
    that the whole trail is as it was written: exit 0 if intact, 1 with each problem if not."""
    # one audit's trail is for whoever may open it; the whole trail is the lead auditor's
    if args.verify:
        authorise(args, "list_all")
    elif args.audit_id is not None:
        authorise(args, "history", args.audit_id)
    if args.verify:
        with open_store(args) as store:
            problems, size = store.verify_history(), store.history_size()
        if args.json:
            print_json({"intact": not problems, "rows": size, "problems": problems})
        elif problems:
            for line in problems:
                print(shown(line))
        else:
            print(f"audit trail intact ({size} rows)")
        return EXIT_FINDINGS if problems else EXIT_OK
    if args.audit_id is None:
        raise CommandError("give an AUDIT_ID, or --verify to check the whole trail")
    with open_store(args) as store:
        trail = store.history(args.audit_id)
    if args.json:
        print_json(trail)
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
