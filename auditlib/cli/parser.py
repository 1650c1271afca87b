"""The command line's arguments: every command, its options and its help."""
from __future__ import annotations

import argparse

from auditlib import __version__
from auditlib.cli.audits import (
    cmd_allocate,
    cmd_audits,
    cmd_export,
    cmd_history,
    cmd_import,
    cmd_store_grant,
    cmd_users_add,
    cmd_users_list,
    cmd_users_update,
)
from auditlib.cli.frameworks import (
    cmd_check,
    cmd_framework_show,
    cmd_framework_validate,
    cmd_frameworks,
)
from auditlib.cli.month import cmd_generate, cmd_report, cmd_sample, cmd_track
from auditlib.cli.notify import cmd_notify
from auditlib.cli.practice import cmd_action_done, cmd_action_sign_off, cmd_actions, cmd_respond
from auditlib.cli.tools import cmd_agreement, cmd_anonymise, cmd_serve


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
                   choices=("auditor", "moderator", "lead_auditor", "trainee", "practitioner",
                            "team_manager"),
                   help="a role (repeat for several)")
    p.add_argument("--display-name")
    p.add_argument("--service-area", help="the user's service area (auditors are allocated "
                                          "children from other areas)")
    p.add_argument("--email", metavar="ADDRESS", help="where their notifications go")
    p.add_argument("--team", metavar="TEAM", help="a practitioner's or team manager's team, as "
                                                  "the sample's team column names it")
    p.set_defaults(func=cmd_users_add)
    p = usub.add_parser("update", parents=[store_options], help="change a user's details",
                        description=cmd_users_update.__doc__)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--email", metavar="ADDRESS", help="where their notifications go")
    p.add_argument("--team", metavar="TEAM", help="a practitioner's or team manager's team")
    p.add_argument("--display-name")
    p.add_argument("--service-area")
    p.set_defaults(func=cmd_users_update)
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

    p = sub.add_parser("allocate", parents=[store_options],
                       help="give an audit another auditor or moderator (lead auditor)",
                       description=cmd_allocate.__doc__)
    p.add_argument("audit_id", metavar="AUDIT_ID")
    p.add_argument("--auditor", metavar="NAME", help="the new auditor (while the audit is in "
                                                     "progress or returned)")
    moderator = p.add_mutually_exclusive_group()
    moderator.add_argument("--moderator", metavar="NAME", help="the new moderator (until the "
                                                               "audit is finalised)")
    moderator.add_argument("--no-moderator", action="store_true",
                           help="no moderator: any moderator may pick it up once submitted")
    p.add_argument("--reason", metavar="TEXT", help="why, recorded in the history")
    p.set_defaults(func=cmd_allocate)

    p = sub.add_parser("respond", parents=[store_options],
                       help="respond to a finalised audit's findings and agree its actions",
                       description=cmd_respond.__doc__)
    p.add_argument("audit_id", metavar="AUDIT_ID")
    p.add_argument("--response", metavar="TEXT", help="your response to the findings")
    p.add_argument("--agree-actions", action="store_true", help="agree the audit's actions")
    p.set_defaults(func=cmd_respond)

    action = sub.add_parser("action", help="mark an audit's action done, or sign it off",
                            description="Mark an audit's action done, or sign it off.")
    asub = action.add_subparsers(dest="action_command", metavar="ACTION", required=True)
    p = asub.add_parser("done", parents=[store_options], help="mark an action done",
                        description=cmd_action_done.__doc__)
    p.add_argument("audit_id", metavar="AUDIT_ID")
    p.add_argument("action_id", metavar="ACTION_ID")
    p.add_argument("--evidence", metavar="TEXT", required=True,
                   help="what shows it was done (recorded in the audit's history)")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day it was done (today)")
    p.set_defaults(func=cmd_action_done)
    p = asub.add_parser("sign-off", parents=[store_options], help="sign an action off",
                        description=cmd_action_sign_off.__doc__)
    p.add_argument("audit_id", metavar="AUDIT_ID")
    p.add_argument("action_id", metavar="ACTION_ID")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day of the sign-off (today)")
    p.add_argument("--note", metavar="TEXT", help="a note, such as why it is no longer needed")
    p.set_defaults(func=cmd_action_sign_off)

    p = sub.add_parser("actions", parents=[store_options],
                       help="the actions of the finalised audits you follow up",
                       description=cmd_actions.__doc__)
    p.add_argument("--overdue", action="store_true", help="only those overdue")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day to judge overdue by (today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_actions)

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

    p = sub.add_parser("sample", parents=[store_options],
                       help="draw the month's sample and allocate auditors",
                       description=cmd_sample.__doc__)
    p.add_argument("children", metavar="CHILDREN",
                   help="children.csv (child_id, service_area, team, status open or closed, "
                        "optional worker and other columns) or the council's Annex A workbook "
                        "(.xlsx: Lists 6 to 9)")
    p.add_argument("--history", metavar="AUDITS.csv", required=True,
                   help="past audits: child_id, audit_date")
    p.add_argument("--auditors", metavar="AUDITORS.csv", required=True,
                   help="auditor, service_area, optional capacity")
    p.add_argument("--month", metavar="YYYY-MM", required=True)
    p.add_argument("--size", type=int, default=20, help="children to sample (default 20)")
    p.add_argument("--seed", type=int, required=True,
                   help="the random seed (recorded, so the sample can be reproduced)")
    p.add_argument("--framework",
                   help="the audit framework for children without a framework column (default: "
                        "for Annex A, cla-leaving-care for Lists 8 and 9, else full-audit)")
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
    p.add_argument("--public-url", metavar="URL",
                   help="the service's address where each signed-in person's pages live, for "
                        "links that can be sent (default: AUDITLIB_PUBLIC_URL; without one the "
                        "manifest's links are relative to the pages)")
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

    p = sub.add_parser("notify", parents=[store_options],
                       help="email each person a digest of what is new for them (daily)",
                       description=cmd_notify.__doc__)
    p.add_argument("--on", metavar="YYYY-MM-DD", help="the day to judge due and overdue "
                                                      "actions by (today)")
    p.add_argument("--dry-run", action="store_true",
                   help="say who would be sent what; send and record nothing")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_notify)

    p = sub.add_parser("agreement", help="inter-rater agreement statistics",
                       description=cmd_agreement.__doc__)
    p.add_argument("ratings", metavar="RATINGS.csv", help="columns unit, rater, grade")
    p.add_argument("--levels", help="the ordered categories, comma-separated (e.g. 1,2,3,4,5)")
    p.add_argument("--scale", help="a scale id instead of --levels: ofsted4, good3, score10")
    p.add_argument("--reference", metavar="RATER",
                   help="the rater others are compared with (default: the one with most "
                        "ratings)")
    p.add_argument("--cluster", metavar="COLUMN",
                   help="the column giving each unit's audit, when units are fields of audits: "
                        "the intervals then leave out one audit at a time, not one field")
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
    p.add_argument("--public-url", metavar="URL",
                   help="the address people reach these pages at (a reverse proxy in front of "
                        "127.0.0.1): print links under it, without the token (default: "
                        "AUDITLIB_PUBLIC_URL)")
    p.set_defaults(func=cmd_serve)
    return parser
