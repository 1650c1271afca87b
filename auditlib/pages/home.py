"""The landing page: the signed-in person's work, by role, as tables of links.

What a person lands on (``auditlib serve`` and the hub open it at the server's base URL): their
audits to do (status, due date, progress, the moderator's reason when one came back), those
with the moderator or finalised, the audits waiting for them to moderate, the lead auditor's
month in numbers, and the training. Every status is in words, never colour alone.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import ipywidgets as w

from auditlib import access
from auditlib.dates import is_calendar_date
from auditlib.exceptions import AuditlibError
from auditlib.framework import get_framework
from auditlib.grading import grade
from auditlib.pages.base import Page, open_page
from auditlib.pages.html import e, style
from auditlib.record import interchange_record
from auditlib.store import AuditStore

#: an audit's status in the auditor's words (``not_started``: in progress, nothing saved yet)
STATUS_WORDS = {"not_started": "Not started", "in_progress": "In progress",
                "returned": "Returned to you for changes",
                "submitted": "Awaiting moderation", "finalised": "Finalised"}
TO_DO = ("in_progress", "returned")
#: the lead auditor's month, in the order an audit goes through it
MONTH_COUNTS = (("allocated", "Allocated"), ("in_progress", "In progress"),
                ("submitted", "Submitted for moderation"), ("returned", "Returned to the auditor"),
                ("finalised", "Finalised"))
_CSS = """<style>
.aw-home-main { max-width: 64rem; }
.aw-home-main .aw-table { width: 100%; }
.aw-home-main .aw-table td, .aw-home-main .aw-table th { padding: .5rem; }
.aw-home-main .aw-counts { width: auto; min-width: 20rem; }
.aw-home-main .aw-counts td { text-align: right; }
.aw-home-main .aw-overdue { font-weight: bold; border: 2px solid #0b0c0c; padding: 0 .3rem;
  margin-left: .25rem; white-space: nowrap; }
.aw-home-main .aw-reason { display: block; margin-top: .25rem; }
</style>"""


def home_html(store: AuditStore, user: str, month: str | None = None,
              today: _dt.date | None = None, training: str | None = None) -> str:
    """What ``user`` may open, by role, with links relative to the pages' folder.

    ``month`` (YYYY-MM) keeps only that month's audits of their own and sets the lead
    auditor's month (else this month); ``training`` is the training pages' link when they are
    served beside this page (else the page says to ask for their address)."""
    today = today or _dt.date.today()
    roles = store.roles_of(user)
    names = {u["name"]: u.get("display_name") or u["name"] for u in store.find_users()}
    if not roles:
        return (f"<h1>Case file audits</h1><p class='aw-banner' role='alert'>{e(user)} has no "
                "role in the audit store yet: ask the lead auditor to add you.</p>")
    parts = [f"<h1>Case file audits</h1><p>Signed in as {e(names.get(user, user))} "
             f"({e(', '.join(r.replace('_', ' ') for r in sorted(roles)))}).</p>"]
    mine = [a for a in access.visible(user, roles, store.find_audits(auditor=user,
                                                                      training=False))
            if month in (None, a["month"])]
    if mine or roles & {"auditor", "lead_auditor"}:
        parts.append("<h2>Your audits</h2>" + _your_audits(store, mine, today, names))
    if roles & {"moderator", "lead_auditor"}:
        parts.append("<h2>To moderate</h2>" + _to_moderate(store, user, names))
        if access.may(user, roles, "dashboard"):
            parts.append("<p><a href='consistency.ipynb'>Grade consistency across "
                         "auditors and moderators</a></p>")
    if access.may(user, roles, "allocate"):
        parts.append(_lead_month(store, month or today.strftime("%Y-%m")))
    if roles & {"practitioner", "team_manager", "lead_auditor"}:
        parts.append(_audited_cases(store, user, roles, today))
    if "trainee" in roles:
        parts.append("<h2>Training</h2>" + (
            f"<p><a href='{e(training)}'>Calibration training: grade an exemplar case and "
            "compare your grades with the benchmark</a></p>" if training else
            "<p>The calibration training pages are served separately: ask the lead auditor "
            "for their address.</p>"))
    return "".join(parts)


def _your_audits(store: AuditStore, mine: list[dict], today: _dt.date,
                 names: dict[str, str]) -> str:
    if not mine:
        return "<p>No audits are allocated to you.</p>"
    to_do = sorted((a for a in mine if a["status"] in TO_DO), key=_by_due)
    done = sorted((a for a in mine if a["status"] not in TO_DO), key=_by_due)
    out = ""
    if to_do:
        late = sum(_overdue(a, today) for a in to_do)
        rows = [[_link("audit", a), e(_title(a["framework"])), _due(a, today),
                 _status(store, a, names), e(_progress(store, a))] for a in to_do]
        out += _table(f"To do: {_count(len(to_do))}" + (f", {late} overdue" if late else "")
                      + ", soonest due first",
                      ["Audit", "Framework", "Due", "Status", "Progress"], rows)
    else:
        out += "<p>Nothing to do: every audit of yours is with the moderator or finalised.</p>"
    if done:
        rows = [[_link("audit", a), e(_title(a["framework"])), _due(a, today),
                 _status(store, a, names)] for a in done]
        out += _table(f"With the moderator or finalised: {_count(len(done))}",
                      ["Audit", "Framework", "Due", "Status"], rows)
    return out


def _audited_cases(store: AuditStore, user: str, roles: set[str], today: _dt.date) -> str:
    """The finalised audits of a practitioner's cases (a team manager's team's), each linking to
    its findings and actions, overdue actions counted; the lead auditor's overdue actions
    across the service (see auditlib.pages.practice)."""
    try:
        overdue = len(store.find_overdue_actions(user, on=today))
    except AuditlibError as exc:  # a team manager with no team yet, say: why, in one line
        return f"<h2>Audits of your cases</h2><p>{e(str(exc))}</p>"
    late = (f"<strong class='aw-overdue'>{overdue} action{'s' * (overdue != 1)} overdue"
            "</strong>" if overdue else "No actions overdue")
    if "lead_auditor" in roles:
        return ("<h2>Actions across the service</h2><p>" + late + ". <a href='practice.ipynb'>"
                "Finalised audits and their actions, overdue first</a></p>")
    whose = "your team's cases" if "team_manager" in roles else "your cases"
    audits = store.find_practice_audits(user)
    if not audits:
        return f"<h2>Audits of {whose}</h2><p>No audits of {whose} have been finalised yet.</p>"
    rows = []
    for a in audits:
        n, late_n = a.get("open_actions") or 0, a.get("overdue_actions") or 0
        actions = ("No actions open" if not n else f"{n} action{'s' * (n != 1)} open"
                   + (f", {late_n} overdue" if late_n else ""))
        rows.append([_link("practice", a), e(_title(a["framework"])),
                     e(_month_words(a["month"])),
                     "Response given" if a.get("response") else "No response yet", e(actions)])
    return (f"<h2>Audits of {whose}</h2><p>{late}.</p>"
            + _table(f"Finalised: {_count(len(audits))}",
                     ["Audit", "Framework", "Month", "Your response", "Actions"], rows))


def _to_moderate(store: AuditStore, user: str, names: dict[str, str]) -> str:
    waiting = sorted(access.audits_to_moderate(store, user),
                     key=lambda a: (a["month"] or "", a["audit_id"]))
    if not waiting:
        return "<p>Nothing is waiting for you to moderate.</p>"
    rows = [[_link("moderation", a), e(names.get(a["auditor"], a["auditor"])),
             e(_title(a["framework"])), e(_month_words(a["month"]))] for a in waiting]
    return _table(f"Submitted for moderation: {_count(len(waiting))}, oldest month first",
                  ["Audit", "Auditor", "Framework", "Month"], rows)


def _lead_month(store: AuditStore, month: str) -> str:
    audits = store.find_audits(month=month, training=False)
    counts = {"allocated": len(audits)}
    for a in audits:
        counts[a["status"]] = counts.get(a["status"], 0) + 1
    rows = "".join(f"<tr><th scope='row'>{label}</th><td>{counts.get(key, 0)}</td></tr>"
                   for key, label in MONTH_COUNTS)
    return (f"<h2>The month: {e(_month_words(month))}</h2>"
            f"<table class='aw-table aw-counts'><caption>Audits of {e(_month_words(month))} by "
            "stage</caption><thead><tr><th scope='col'>Stage</th><th scope='col'>Audits</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
            "<p><a href='lead_auditor.ipynb'>The lead auditor's page: the month's sample, "
            "workbooks and tracking</a></p>")


def _table(caption: str, columns: list[str], rows: list[list[str]]) -> str:
    """A GOV.UK-style table of cells already made HTML (links, escaped text)."""
    head = "".join(f"<th scope='col'>{e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return (f"<table class='aw-table'><caption>{e(caption)}</caption><thead><tr>{head}</tr>"
            f"</thead><tbody>{body}</tbody></table>")


def _link(page: str, a: dict) -> str:
    return (f"<a href='{page}.ipynb?audit_id={a['audit_id']}'>Audit {a['audit_id']}: "
            f"child {e(a['child_id'])}</a>")


def _by_due(a: dict) -> tuple:
    due = a["due_date"] or ""
    return (not is_calendar_date(due), due, a["audit_id"])  # undated last


def _overdue(a: dict, today: _dt.date) -> bool:
    due = a["due_date"] or ""
    return a["status"] in TO_DO and is_calendar_date(due) and due < today.isoformat()


def _due(a: dict, today: _dt.date) -> str:
    due = a["due_date"] or ""
    if not due:
        return "No due date"
    shown = _date_words(due) if is_calendar_date(due) else e(due)
    return shown + (" <strong class='aw-overdue'>Overdue</strong>" if _overdue(a, today) else "")


def _status(store: AuditStore, a: dict, names: dict[str, str]) -> str:
    """The status in words, as HTML (a returned audit's with the moderator's reason)."""
    status = a["status"]
    if status == "in_progress":
        return STATUS_WORDS["not_started" if a["version"] <= 1 else "in_progress"]
    if status == "finalised":
        return f"Finalised on {_date_words(str(a['updated_at'])[:10])}"
    if status == "returned":
        back = store.find_return_reason(a["audit_id"])
        if back:
            who = names.get(back["by"], back["by"])
            return (f"<strong>Returned to you</strong>: {e(back['reason'])} "
                    f"<span class='aw-reason'>({e(who)}, {_date_words(str(back['at'])[:10])})"
                    "</span>")
    return e(STATUS_WORDS.get(status, status.replace("_", " ")))


def _progress(store: AuditStore, a: dict) -> str:
    """'5 of 8 fields complete', as the audit's own page counts them."""
    try:
        record = store.find_audit(a["audit_id"])
        result = grade(get_framework(a["framework"]), interchange_record(record), validate=False)
    except AuditlibError:  # a framework since removed: the audit's page says why
        return "Not known"
    return f"{result.done} of {result.total} fields complete"


def _count(n: int) -> str:
    return f"{n} audit" + ("" if n == 1 else "s")


def _date_words(iso: str) -> str:
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return e(iso)
    return f"{day.day} {day:%B %Y}"


def _month_words(month: str | None) -> str:
    try:
        return f"{_dt.date.fromisoformat(f'{month}-01'):%B %Y}"
    except (TypeError, ValueError):
        return month or "No month"


def _title(framework: str) -> str:
    try:
        return get_framework(framework).title
    except AuditlibError:  # a framework since removed: its id is all there is to show
        return framework


class HomePage(Page):
    """The landing page: what the person signed in may open, by role."""

    def __init__(self, store: AuditStore, user: str | None = None, month: str | None = None,
                 training: str | None = None):
        super().__init__(store, user)  # anyone signed in: it lists only what they may open
        self.widget = w.HTML(style("workbook", "tables") + _CSS
                             + "<div class='aw-workbook aw-home-main'>"
                             f"{home_html(store, self.user, month, training=training)}</div>")
        self.widget.add_class("aw-home")


#: the training pages, when they are served from the same folder as this page
TRAINING_PAGE = "calibration.ipynb"


def open_home(month: str | None = None, store_url: str | None = None,
              user: str | None = None, folder: str | Path | None = None) -> Any:
    """The landing page for a notebook to display (store from ``AUDITLIB_STORE``). ``folder``
    is the pages' folder (the kernel's, Voilà's notebook folder, by default): the training is
    linked when its page is there."""
    here = Path(folder) if folder is not None else Path.cwd()
    training = TRAINING_PAGE if (here / TRAINING_PAGE).is_file() else None
    # built once, its links need nothing more of the store: open_page gives it back
    return open_page("The audits cannot be listed",
                     lambda store: HomePage(store, user, month, training).widget, store_url)
