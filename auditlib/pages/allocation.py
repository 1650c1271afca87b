"""The lead auditor allocates the month's audits: who audits and who moderates each, and
everyone's workload.

A panel of the lead auditor's page (:mod:`auditlib.pages.lead`), driven by a test as the page
is, by setting values and clicking::

    panel = page.allocation                 # or AllocationPanel(page, "2026-11")
    row = panel.rows[12]                    # audit 12
    row.auditor.value = "bo"                # a user name; "" for no moderator
    row.moderator.value = "mo"
    row.save_button.click()                 # store.reallocate_audit; the result beside the row
    panel.workload.value                    # to audit, overdue, to moderate, by person

The store decides (lead auditor only; the auditor while the audit is in progress or returned,
the moderator until finalised; nobody moderates an audit they audited): the page offers what
the store would allow, and shows any refusal in words beside the audit's row.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from auditlib.exceptions import AuditlibError
from auditlib.pages.base import Saver
from auditlib.pages.html import e
from auditlib.pages.html import table as html_table

#: why auditors come from elsewhere, in the words of the full audit process
OTHER_AREA = "auditors are always asked to audit a child from another area of service"
NO_MODERATOR = "None: any moderator may pick it up"
_EDITABLE = ("in_progress", "returned")
_STAGES = {"not_started": "Not started", "in_progress": "In progress",
           "submitted": "Submitted for moderation", "returned": "Returned to the auditor",
           "finalised": "Finalised"}
# one grid per row, the same columns in each, so the rows line up as a table; below 62rem
# each audit's cells wrap into two columns and its dropdowns show their labels
_CSS = """<style>
.aw-alloc-grid { display: grid; grid-template-columns: minmax(12rem, 1fr) minmax(15rem, 1.3fr)
  minmax(15rem, 1.3fr) minmax(9rem, auto) minmax(10rem, 1fr); gap: .25rem .75rem;
  align-items: start; padding: .5rem 0; border-bottom: 1px solid #b1b4b6; }
.aw-alloc-head { font-weight: bold; border-bottom: 2px solid #0b0c0c; }
.aw-alloc-grid .widget-dropdown { width: 100%; margin: 0; }
.aw-alloc-grid .widget-dropdown select { width: 100%; min-height: 2.25rem; }
.aw-alloc-grid .widget-dropdown > .widget-label { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.aw-alloc-grid .widget-button { width: auto; min-height: 2.25rem; }
.aw-alloc-info p, .aw-alloc-note p, .aw-alloc-result p { margin: 0 0 .25rem; }
.aw-alloc-warning { font-weight: bold; border-left: 5px solid #0b0c0c; padding-left: .5rem; }
.aw-alloc-overdue { font-weight: bold; border: 2px solid #0b0c0c; padding: 0 .3rem; }
@media (max-width: 62rem) {
  .aw-alloc-grid { grid-template-columns: 1fr 1fr; }
  .aw-alloc-head { display: none; }
  .aw-alloc-info { grid-column: 1 / -1; }
  .aw-alloc-grid .widget-dropdown { flex-direction: column; align-items: stretch;
    height: auto; }
  .aw-alloc-grid .widget-dropdown > select { flex: 0 0 auto; height: auto; }
  .aw-alloc-grid .widget-dropdown > .widget-label { position: static; width: auto;
    max-width: none; height: auto; clip: auto; white-space: normal; text-align: left;
    align-self: flex-start; margin: 0 0 .25rem; }
}
</style>"""


def _name(person: dict[str, Any] | None, fallback: str) -> str:
    return (person or {}).get("display_name") or fallback


class AllocationRow:
    """One audit: its facts, a dropdown for its auditor and one for its moderator, Save, and
    what came of the last save."""

    def __init__(self, panel: AllocationPanel, audit: dict[str, Any]):
        self.panel = panel
        self.audit = audit
        n, child = audit["audit_id"], audit["child_id"]
        self.info = w.HTML()
        self.info.add_class("aw-alloc-info")
        self.auditor = w.Dropdown(description=f"Auditor for audit {n}, child {child}",
                                  layout=w.Layout(width="100%"))
        self.auditor.add_class("aw-alloc-auditor")
        self.auditor_note = w.HTML()
        self.auditor_note.add_class("aw-alloc-note")
        self.moderator = w.Dropdown(description=f"Moderator for audit {n}, child {child}",
                                    layout=w.Layout(width="100%"))
        self.moderator.add_class("aw-alloc-moderator")
        self.moderator_note = w.HTML()
        self.moderator_note.add_class("aw-alloc-note")
        self.save_button = w.Button(description=f"Save audit {n}",
                                    tooltip=f"Save the auditor and moderator of audit {n}",
                                    layout=w.Layout(width="auto"))
        self.save_button.add_class("aw-alloc-save")
        # the browser holds a choice back while the kernel is busy with the one before, but
        # sends the press at once: Save waits for the row to be still (see Saver.when_still)
        self.saver = Saver(1.0, lambda: self._say("Saving…"))
        self.save_button.on_click(lambda _b: self.saver.when_still(self.save))
        self.result = w.HTML()
        self.result.add_class("aw-alloc-result")
        self.show(audit)
        self.auditor.observe(self._on_auditor, names="value")
        for control in (self.auditor, self.moderator, panel.reason):
            control.observe(self.saver.touch, names="value")
        self.widget = w.Box([self.info, w.VBox([self.auditor, self.auditor_note]),
                             w.VBox([self.moderator, self.moderator_note]), self.save_button,
                             self.result])
        self.widget.add_class("aw-alloc-grid")
        self.widget.add_class("aw-alloc-row")

    # -- showing

    def show(self, audit: dict[str, Any], keep_choice: bool = False) -> None:
        """Show the audit as the store has it now: facts, choices, what may be changed. With
        ``keep_choice``, a choice made on screen and not saved yet stays chosen."""
        # a choice differing from what the store had is one not saved yet
        chosen = [(control, value) for control, value, saved in (
            (self.auditor, self.auditor.value, self.audit["auditor"]),
            (self.moderator, self.moderator.value, self.audit["moderator"] or ""))
            if keep_choice and value != saved]
        self.audit = audit
        people = self.panel.people
        status, area = audit["status"], audit.get("service_area")
        stage = "not_started" if status == "in_progress" and audit["version"] <= 1 else status
        due = audit.get("due_date") or ""
        overdue = status in _EDITABLE and bool(due) and due < self.panel.today.isoformat()
        self.info.value = (
            f"<p><strong>Audit {audit['audit_id']}</strong>, child {e(audit['child_id'])}</p>"
            f"<p>Service area: {e(area or 'not recorded')}</p>"
            f"<p>{e(_STAGES.get(stage, status.replace('_', ' ')))}; "
            f"{'due ' + e(_date_words(due)) if due else 'no due date'}"
            + (" <span class='aw-alloc-overdue'>Overdue</span>" if overdue else "") + "</p>")
        auditors = [p for p in people if set(p["roles"]) & {"auditor", "lead_auditor"}]
        # those from another area first: the rule the sample follows
        auditors.sort(key=lambda p: (bool(area) and p.get("service_area") == area,
                                     _name(p, p["name"]).lower()))
        options = [(self._auditor_words(p), p["name"]) for p in auditors]
        if audit["auditor"] not in {p["name"] for p in auditors}:  # since lost the role
            options.insert(0, (f"{audit['auditor']} (no longer an auditor)", audit["auditor"]))
        self.auditor.options = options
        self.auditor.value = audit["auditor"]
        moderators = [p for p in people if set(p["roles"]) & {"moderator", "lead_auditor"}
                      and p["name"] != audit["auditor"]]
        moderators.sort(key=lambda p: _name(p, p["name"]).lower())
        options = [(NO_MODERATOR, "")] + [(self._moderator_words(p), p["name"])
                                          for p in moderators]
        if audit["moderator"] and audit["moderator"] not in {p["name"] for p in moderators}:
            options.append((f"{audit['moderator']} (no longer a moderator)", audit["moderator"]))
        self.moderator.options = options
        self.moderator.value = audit["moderator"] or ""
        self.auditor.disabled = status not in _EDITABLE
        self.moderator.disabled = status == "finalised"
        for control, value in chosen:  # not where it can no longer be changed
            if not control.disabled and value in {v for _, v in control.options}:
                control.value = value
        self.save_button.disabled = self.moderator.disabled
        self._on_auditor()
        self.moderator_note.value = (
            "<p>Finalised: its allocation is kept (reopen it to change it).</p>"
            if status == "finalised" else "")

    def _auditor_words(self, person: dict[str, Any]) -> str:
        area = person.get("service_area")
        same = bool(area) and area == self.audit.get("service_area")
        load = self.panel.load.get(person["name"], {}).get("to_audit", 0)
        return (f"{_name(person, person['name'])} — {area or 'no service area'}, "
                f"{load} to audit" + (" (the child's own service area)" if same else ""))

    def _moderator_words(self, person: dict[str, Any]) -> str:
        load = self.panel.load.get(person["name"], {}).get("to_moderate", 0)
        return f"{_name(person, person['name'])} — {load} to moderate"

    def _on_auditor(self, _change: Any = None) -> None:
        """Say, in words, when the auditor chosen works in the child's own service area."""
        if self.audit["status"] not in _EDITABLE:
            self.auditor_note.value = ("<p>With the moderator or finalised: the auditor can be "
                                       "changed only while the audit is in progress or "
                                       "returned.</p>")
            return
        person = self.panel.person(self.auditor.value)
        area = self.audit.get("service_area")
        if area and person and person.get("service_area") == area:
            self.auditor_note.value = (
                f"<p class='aw-alloc-warning' role='status'>Warning: "
                f"{e(_name(person, person['name']))} works in {e(area)}, the child's own "
                f"service area: {OTHER_AREA}.</p>")
        else:
            self.auditor_note.value = ""

    # -- saving

    def save(self, _button: Any = None) -> None:
        """Save what changed through the store, which decides; say what came of it."""
        n = self.audit["audit_id"]
        auditor = self.auditor.value if self.auditor.value != self.audit["auditor"] else None
        chosen = self.moderator.value or None
        changes: dict[str, Any] = {}
        if auditor is not None:
            changes["auditor"] = auditor
        if chosen != self.audit["moderator"]:
            from auditlib.store import CLEAR

            changes["moderator"] = CLEAR if chosen is None else chosen
        if not changes:
            self._say(f"Audit {n}: nothing to save, the allocation is as it was.")
            return
        if self._changed_elsewhere(changes):
            return
        before = dict(self.audit)
        try:
            self.panel.page.store.reallocate_audit(n, user=self.panel.page.user,
                                                   reason=self.panel.reason.value, **changes)
        except AuditlibError as exc:
            self._say(f"Audit {n} not saved: {exc}", error=True)
            return
        self.panel.reload(saved=n)
        if self.panel.after_save is not None:
            self.panel.after_save()
        after = self.audit
        said = "; ".join(f"{what} {self.panel.words(before[what])} → "
                         f"{self.panel.words(after[what])}"
                         for what in ("auditor", "moderator") if before[what] != after[what])
        self._say(f"Audit {n} saved: {said}.")

    def _changed_elsewhere(self, changes: dict[str, Any]) -> bool:
        """Whether what this row would change was changed elsewhere (another tab, another
        person) since it was shown: then, as on the audit page, theirs is kept and said, and
        the choice stays on screen; the row now shows theirs as saved, so pressing Save again
        replaces it, knowingly."""
        n = self.audit["audit_id"]
        try:
            now = self.panel.page.store.find_audit(n)
        except AuditlibError as exc:
            self._say(f"Audit {n} not saved: {exc}", error=True)
            return True
        changed = [what for what in changes if now[what] != self.audit[what]]
        if not changed:
            return False
        theirs = "; ".join(f"its {what} is now {self.panel.words(now[what])}"
                           for what in changed)
        self.show(now, keep_choice=True)
        self._say(f"Audit {n} not saved: it was changed elsewhere after you opened this page "
                  f"({theirs}). Your choice is still on screen: press Save again to replace "
                  "theirs with it.", error=True)
        return True

    def _say(self, text: str, error: bool = False) -> None:
        role, css = ("alert", "aw-banner aw-status-error") if error else ("status", "aw-status")
        self.result.value = f"<p class='{css}' role='{role}'>{e(text)}</p>"


class AllocationPanel:
    """The month's audits, each with its auditor and moderator to change, and the workload."""

    def __init__(self, page: Any, month: str | w.Text | None = None,
                 today: _dt.date | None = None):
        """``month``: the month to show (YYYY-MM, this month by default) in a month box of the
        panel's own, or another panel's month box (the lead auditor's page shares its
        tracking's: one month on the page), which the panel then follows."""
        self.page = page
        self.today = today or _dt.date.today()
        #: called after each save (the page refreshes its tracking)
        self.after_save: Callable[[], None] | None = None
        choose: list[w.Widget] = []
        if isinstance(month, w.Text):
            self.month = month
        else:
            this_month = f"{self.today.year}-{self.today.month:02d}"
            self.month = w.Text(value=month or this_month, description="Month (YYYY-MM)",
                                style={"description_width": "12rem"})
            self.month.add_class("aw-alloc-month")
            show = w.Button(description="Show the allocation", layout=w.Layout(width="auto"))
            show.add_class("aw-alloc-show")
            show.on_click(lambda _b: self.refresh())
            choose = [w.HBox([self.month, show])]
        self.reason = w.Text(description="Reason for a change (optional, kept in the history)",
                             style={"description_width": "initial"},
                             layout=w.Layout(width="44rem", max_width="100%"))
        self.reason.add_class("aw-alloc-reason")
        self.status = w.HTML()
        self.status.add_class("aw-alloc-status")
        self.head = w.Box([w.HTML(h) for h in ("Audit", "Auditor", "Moderator", "Save",
                                               "Result")])
        self.head.add_class("aw-alloc-grid")
        self.head.add_class("aw-alloc-head")
        self.list = w.VBox()
        self.list.add_class("aw-alloc-rows")
        self.workload = w.HTML()
        self.workload.add_class("aw-alloc-workload")
        self.rows: dict[int, AllocationRow] = {}
        self.people: list[dict[str, Any]] = []
        self.load: dict[str, dict[str, Any]] = {}
        self.shown_month: str | None = None
        self.widget = w.VBox([
            w.HTML(_CSS + "<h2>3. Allocate auditors and moderators</h2><p>For the month "
                   "tracked above: change who audits an audit while it is in progress or "
                   "returned, and who moderates it until it is finalised. Each change is kept "
                   "in the audit's history with the reason given. As the sample does, "
                   f"{OTHER_AREA}; nobody moderates an audit they audited.</p>"),
            *choose, self.reason, self.status, self.head, self.list, self.workload])
        self.widget.add_class("aw-allocation")

    # -- reading the store

    def person(self, name: str | None) -> dict[str, Any] | None:
        return next((p for p in self.people if p["name"] == name), None)

    def words(self, name: str | None) -> str:
        return "none" if not name else _name(self.person(name), name)

    def _month(self) -> str:
        from auditlib.month.sampling import parse_month

        return f"{parse_month(self.month.value.strip()):%Y-%m}"

    def refresh(self) -> None:
        """Show the month's audits as the store has them. The same month with the same audits
        is shown again in place (choices not saved yet, the last results and the keyboard's
        place kept); another month, or audits added or removed, rebuilds the rows."""
        try:
            month = self._month()
            audits = self.page.store.find_audits(month=month, training=False)
            self._read_people(month)
        except AuditlibError as exc:
            self.status.value = f"<p class='aw-banner aw-status-error' role='alert'>{e(exc)}</p>"
            self.list.children, self.rows, self.workload.value = (), {}, ""
            self.head.layout.display = "none"
            self.shown_month = None
            return
        if month == self.shown_month and [a["audit_id"] for a in audits] == list(self.rows):
            for a in audits:
                self.rows[a["audit_id"]].show(a, keep_choice=True)
        else:
            self.shown_month = month
            self.rows = {a["audit_id"]: AllocationRow(self, a) for a in audits}
            self.list.children = tuple(r.widget for r in self.rows.values())
        self.head.layout.display = None if self.rows else "none"
        self.status.value = "" if audits else (
            f"<p>No audits for {e(_month_words(month))} yet: draw the sample and generate the "
            "workbooks first.</p>")
        self._show_workload(month, audits)

    def reload(self, saved: int | None = None) -> None:
        """After a save (of audit ``saved``): every row shows the store as it is now, keeping
        its controls (and the keyboard's place), what each last save said, and the choices
        made in other rows and not saved yet."""
        month = self.shown_month
        if month is None:
            return
        audits = {a["audit_id"]: a for a in self.page.store.find_audits(month=month,
                                                                          training=False)}
        self._read_people(month)
        for n, row in self.rows.items():
            if n in audits:
                row.show(audits[n], keep_choice=n != saved)
        self._show_workload(month, list(audits.values()))

    def _read_people(self, month: str) -> None:
        self.people = self.page.store.find_users()
        self.load = {p["user"]: p for p in self.page.store.find_workloads(month, on=self.today)}

    def _show_workload(self, month: str, audits: list[dict[str, Any]]) -> None:
        rows = [{**p, "name": self.words(p["user"]),
                 "service_area": p.get("service_area") or ""}
                for p in self.load.values() if p["to_audit"] or p["to_moderate"] or
                set(p["roles"]) & {"auditor", "moderator"}]
        waiting = sum(1 for a in audits if a["status"] == "submitted" and not a["moderator"])
        self.workload.value = html_table(rows, [
            ("name", "Person"), ("service_area", "Service area"), ("to_audit", "To audit"),
            ("overdue", "Of those, overdue"), ("to_moderate", "To moderate")],
            f"Workload for {_month_words(month)}", row_headers=True) + (
            f"<p>{waiting} submitted audit{'s' * (waiting != 1)} with no moderator: any "
            "moderator may pick them up.</p>" if waiting else "")


def _date_words(iso: str) -> str:
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def _month_words(month: str) -> str:
    return f"{_dt.date.fromisoformat(f'{month}-01'):%B %Y}"
