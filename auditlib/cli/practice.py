"""The practitioner's and team manager's commands: respond to a finalised audit's findings, mark
an action done with its evidence, sign one off, and list the actions they follow up."""
from __future__ import annotations

import argparse
import datetime as _dt

from auditlib.access import acting_user
from auditlib.cli.common import EXIT_OK, CommandError, authorise, open_store, print_json
from auditlib.exceptions import PermissionRefused
from auditlib.text import show, shown


def _day(value: str | None, option: str = "--on") -> str:
    """The day an option names (today if none), or one line saying it is not a date."""
    from auditlib.dates import is_calendar_date

    if value is None:
        return _dt.date.today().isoformat()
    if not is_calendar_date(value):
        raise CommandError(f"{option}: {show(value)} is not a date YYYY-MM-DD")
    return value.strip()


def cmd_respond(args: argparse.Namespace) -> int:
    """Respond to the findings of a finalised audit of your case (or your team's), and agree
    its actions: for the child's allocated worker and their team manager. Each change is
    recorded in the audit's history."""
    if args.response is None and not args.agree_actions:
        raise CommandError("say what to record: --response TEXT, --agree-actions, or both")
    user, _ = authorise(args, "respond", args.audit_id)
    with open_store(args) as store:
        store.save_response(args.audit_id, user=user, response=args.response,
                            actions_agreed=True if args.agree_actions else None)
    said = [w for w, given in (("response recorded", args.response is not None),
                               ("actions agreed", args.agree_actions)) if given]
    print(f"audit {shown(args.audit_id)}: {' and '.join(said)}")
    return EXIT_OK


def cmd_action_done(args: argparse.Namespace) -> int:
    """Mark an action of a finalised audit done, with a note of the evidence (the child's
    worker, their team manager, the lead auditor, or the person the action names as its
    owner). It then waits for the team manager's sign-off."""
    day = _day(args.on)
    user = acting_user(args.user)
    with open_store(args) as store:
        if not store.roles_of(user):  # a stranger learns nothing, not even the audit's ids
            raise PermissionRefused(user, f"{user!r} is not a user of this store")
        version = store.complete_action(args.audit_id, args.action_id, user=user,
                                        evidence=args.evidence, done_on=day)
    print(f"audit {shown(args.audit_id)}: action {shown(args.action_id)} marked done on {day}; "
          f"it waits for its sign-off (version {version})")
    return EXIT_OK


def cmd_action_sign_off(args: argparse.Namespace) -> int:
    """Sign off an action (the child's team manager once the audit is finalised; the lead
    auditor, a moderator or the audit's auditor at any stage), with an optional note such as
    why it is no longer needed."""
    day = _day(args.on)
    user, _ = authorise(args, "sign_off", args.audit_id)
    with open_store(args) as store:
        version = store.sign_off_action(args.audit_id, args.action_id, user=user,
                                        signed_off_on=day, note=args.note)
    print(f"audit {shown(args.audit_id)}: action {shown(args.action_id)} signed off on {day} "
          f"(version {version})")
    return EXIT_OK


def cmd_actions(args: argparse.Namespace) -> int:
    """The actions of the finalised audits you follow up (a practitioner's cases, a team
    manager's team's, every one for the lead auditor), each with its state; with --overdue,
    only those overdue, yours as owner too."""
    on = _day(args.on)
    user, _ = authorise(args, "practice")
    with open_store(args) as store:
        if args.overdue:
            rows = store.find_overdue_actions(user, on=on)
        else:
            rows = [a for audit in store.find_practice_audits(user)
                    for a in store.find_actions(audit_id=audit["audit_id"])]
    if args.json:
        print_json(rows)
        return EXIT_OK
    for a in rows:
        state = ("signed off " + a["signed_off"] if a.get("signed_off") else
                 "done " + a["done_on"] + ", to sign off" if a.get("done_on") else
                 "OVERDUE" if args.overdue else "open")
        print(f"audit {a['audit_id']:>5}  action {a['action_id']:>5}  due {shown(a['due'] or '-')}"
              f"  {shown(a['owner'] or '(no person named)')}: {shown(a['action'] or '')}"
              f"  [{state}]")
    print(f"{len(rows)} action{'s' * (len(rows) != 1)}" + (" overdue" if args.overdue else ""))
    return EXIT_OK
