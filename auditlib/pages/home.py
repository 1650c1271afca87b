"""The landing page: the signed-in person's work, by role, as links."""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from auditlib import access
from auditlib.exceptions import AuditlibError
from auditlib.framework import get_framework
from auditlib.pages.base import Page, open_page
from auditlib.pages.html import e, style
from auditlib.store import AuditStore

#: an audit's status on the landing page (only audits its auditor can still change are listed)
STATUS_WORDS = {"in_progress": "in progress", "returned": "returned to you for changes"}


def home_html(store: AuditStore, user: str, month: str | None = None) -> str:
    """Links (relative to the workbooks folder) to what this user may open."""

    roles = store.roles_of(user)
    names = {u["name"]: u.get("display_name") or u["name"] for u in store.find_users()}
    if not roles:
        return (f"<h1>Case file audits</h1><p class='aw-banner' role='alert'>{e(user)} has no "
                "role in the audit store yet: ask the lead auditor to add you.</p>")
    parts = [f"<h1>Case file audits</h1><p>Signed in as {e(names.get(user, user))} "
             f"({e(', '.join(r.replace('_', ' ') for r in sorted(roles)))}).</p>"]
    mine = [a for a in access.visible(user, roles, store.find_audits(auditor=user,
                                                                      training=False))
            if a["status"] in ("in_progress", "returned") and month in (None, a["month"])]
    if mine or roles & {"auditor", "lead_auditor"}:
        items = "".join(f"<li><a href='audit.ipynb?audit_id={a['audit_id']}'>Audit "
                        f"{a['audit_id']}: child {e(a['child_id'])}</a> — "
                        f"{e(_title(a['framework']))}, due "
                        f"{e(a['due_date'] or 'no date')}, {e(STATUS_WORDS[a['status']])}</li>"
                        for a in mine)
        parts.append("<h2>Your audits</h2>" + (f"<ul>{items}</ul>" if items else
                                               "<p>None allocated to you.</p>"))
    if roles & {"moderator", "lead_auditor"}:
        moderate = access.audits_to_moderate(store, user)
        items = "".join(f"<li><a href='moderation.ipynb?audit_id={a['audit_id']}'>Audit "
                        f"{a['audit_id']}: child {e(a['child_id'])}</a> by "
                        f"{e(names.get(a['auditor'], a['auditor']))} — "
                        f"{e(_title(a['framework']))}</li>" for a in moderate)
        parts.append("<h2>To moderate</h2>" + (f"<ul>{items}</ul>" if items else
                                               "<p>Nothing waiting.</p>"))
        if access.may(user, roles, "dashboard"):
            parts.append("<p><a href='consistency.ipynb'>Grade consistency</a></p>")
    if access.may(user, roles, "allocate"):
        parts.append("<p><a href='lead_auditor.ipynb'>The month's sample and tracking</a></p>")
    if "trainee" in roles:
        parts.append("<p>Training: ask for the calibration pages' address.</p>")
    return "".join(parts)


def _title(framework: str) -> str:
    try:
        return get_framework(framework).title
    except AuditlibError:  # a framework since removed: its id is all there is to show
        return framework


class HomePage(Page):
    """The landing page: links to what the person signed in may open."""

    def __init__(self, store: AuditStore, user: str | None = None, month: str | None = None):
        super().__init__(store, user)  # anyone signed in: it lists only what they may open
        self.widget = w.HTML(style("workbook") + "<div class='aw-workbook'>"
                             f"{home_html(store, self.user, month)}</div>")
        self.widget.add_class("aw-home")


def open_home(month: str | None = None, store_url: str | None = None,
              user: str | None = None) -> Any:
    """The landing page for a notebook to display (store from ``AUDITLIB_STORE``)."""
    # built once, its links need nothing more of the store: open_page gives it back
    return open_page("The audits cannot be listed",
                     lambda store: HomePage(store, user, month).widget, store_url)
