"""``auditlib notify``: each person's daily digest by email (see :mod:`auditlib.notify`)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from auditlib.access import acting_user
from auditlib.cli.common import EXIT_OK, CommandError, open_store, print_json
from auditlib.text import shown

EXIT_NOT_SENT = 1


def _people(names: list[str]) -> str:
    return f"{len(names)} {'person has' if len(names) == 1 else 'people have'}"


def cmd_notify(args: argparse.Namespace) -> int:
    """Email each person one digest of what is new for them since their last: audits allocated
    to them, returned to them or finalised (to the auditor, the child's worker and the team's
    manager), actions due within 7 days or overdue (and a weekly overdue summary to the lead
    auditors). Lead auditor only; run it daily. Mail settings: AUDITLIB_SMTP_HOST and the
    other AUDITLIB_SMTP_* variables; without AUDITLIB_SMTP_HOST nothing is sent (exit 0).
    Exit 1 when a digest could not be sent, 2 for wrong settings or options."""
    from auditlib.dates import is_calendar_date
    from auditlib.notify import (
        DeliveryError,
        SmtpSettings,
        public_url_from_environment,
        send_digests,
    )

    on = None
    if args.on is not None:
        if not is_calendar_date(args.on):
            raise CommandError(f"--on: {args.on!r} is not a date (YYYY-MM-DD)")
        on = dt.date.fromisoformat(args.on.strip())
    settings = SmtpSettings.from_environment()  # wrong settings stop before the store opens
    public_url = public_url_from_environment()
    user = acting_user(args.user)
    code = EXIT_OK
    with open_store(args) as store:
        try:
            result = send_digests(store, settings, on, user=user, dry_run=args.dry_run,
                                  public_url=public_url)
        except DeliveryError as exc:
            print(f"auditlib: {shown(exc)}", file=sys.stderr)
            return EXIT_NOT_SENT
    if result.failed:
        code = EXIT_NOT_SENT
    if args.json:
        print_json({"configured": result.configured, "dry_run": result.dry_run,
                    "sent": result.sent, "not_sent": result.pending,
                    "no_email": result.no_email, "failed": result.failed})
        return code
    if not result.configured and not result.dry_run:
        waiting = len(result.pending) + len(result.no_email)
        print(f"no mail server configured (AUDITLIB_SMTP_HOST is not set): nothing sent; "
              f"{waiting} {'person has' if waiting == 1 else 'people have'} updates waiting "
              "on their pages")
        return code
    for name, keys in result.pending.items() if result.dry_run else ():
        print(f"would send {shown(name)}: {len(keys)} update{'s' * (len(keys) != 1)} "
              f"({', '.join(map(shown, keys))})")
    if result.sent:
        print(f"sent {len(result.sent)} digest{'s' * (len(result.sent) != 1)}: "
              f"{', '.join(map(shown, result.sent))}")
    elif not result.failed and not (result.dry_run and result.pending):
        print("nothing new to send")
    if result.no_email:
        print(f"{_people(result.no_email)} no email address: "
              f"{', '.join(map(shown, result.no_email))}")
    for name, why in result.failed.items():
        print(f"auditlib: could not send to {shown(name)}: {shown(why)} (tried again next run)",
              file=sys.stderr)
    return code
