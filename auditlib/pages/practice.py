"""The practitioner's and their team manager's page: the finalised audits of their own cases (or
their team's), the findings, their response, and the actions agreed, marked done and signed off.

Audits are done *with* social workers: once an audit is finalised, the child's allocated worker
and their team manager read the findings, record their response and agree the actions; the
action's owner marks it done with a note of the evidence; the team manager (or the lead auditor)
signs it off. Overdue actions are at the top, in words.

    page = PracticePage(store, audit_id=12, user="pat", save_delay=0)
    page.audit.response.value = "We have booked the visits."
    page.audit.agree.value = True
    page.audit.actions[0].evidence.value = "Visits on the file from 3 March."
    page.audit.actions[0].done_button.click()
    # the team manager's page:
    PracticePage(store, audit_id=12, user="tm").audit.actions[0].sign_off_button.click()

Who sees what is :mod:`auditlib.access`'s and the store's to say; this page asks them.

Longer than 500 lines because the response and the actions each guard against a change made
elsewhere (another tab) that the store would write over: the store keeps no version of them, so
the page reads what is saved before each write; the two share the page's saver and reload.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from auditlib import access
from auditlib.dates import is_calendar_date
from auditlib.exceptions import AuditlibError, AuditNotFound
from auditlib.pages.base import Page, Saver, audit_id_from_address, open_page
from auditlib.pages.findings import (
    actions_words,
    counted,
    date_words,
    final_overall_words,
    findings_html,
    is_overdue,
    month_words,
)
from auditlib.pages.html import e, style
from auditlib.store import AuditStore

_CSS = """<style>
.aw-practice-main { max-width: 64rem; }
.aw-practice-main .aw-table { width: 100%; }
.aw-practice-main .aw-table td, .aw-practice-main .aw-table th { padding: .5rem; }
.aw-practice a[href] { color: #1d70b8; text-decoration: underline; }
.aw-practice a[href]:visited { color: #4c2c92; }
.aw-practice a[href]:hover { color: #003078; text-decoration-thickness: 3px; }
.aw-practice .aw-overdue { font-weight: bold; border: 2px solid #0b0c0c; padding: 0 .3rem;
  white-space: nowrap; }
.aw-practice .aw-finding-section { border-top: 2px solid #b1b4b6; padding-top: .25rem; }
.aw-practice .aw-narrative p { white-space: pre-wrap; }
.aw-practice .aw-moderated { border-left: 4px solid #1d70b8; padding-left: .5rem; }
.aw-practice .aw-action { border: 2px solid #b1b4b6; padding: .5rem 1rem; margin: .5rem 0; }
.aw-practice .aw-action-state { font-weight: bold; }
.aw-practice .aw-said { font-weight: bold; margin: .25rem 0; }
.aw-practice .aw-said-error { color: #d4351c; }
</style>"""


def _said(text: str, error: bool = False) -> str:
    """A line beside a control: what happened, or why not (an error is announced at once)."""
    if not text:
        return ""
    role = "alert" if error else "status"
    css = "aw-said aw-said-error" if error else "aw-said"
    return f"<p class='{css}' role='{role}'>{e(text)}</p>"


def _as_saved(text: str | None) -> str:
    """A response as the store keeps it (blank is none), to compare."""
    return text if text and text.strip() else ""


class ActionPanel:
    """One action: what, who, when, its state in words; for whoever may, the evidence and "Mark
    done", and for the team manager or lead auditor, "Sign off"."""

    def __init__(self, panel: AuditPanel, number: int, action: dict[str, Any]):
        self.panel = panel
        self.number = number
        self.action = action
        self.info = w.HTML()
        self.evidence = w.Textarea(description=f"Evidence that action {number} is done", rows=3,
                                   continuous_update=True, layout=w.Layout(width="100%"),
                                   style={"description_width": "initial"})
        self.evidence.add_class(f"aw-evidence-{number}")
        self.evidence.observe(panel.page.saver.touch, names="value")
        self.done_button = w.Button(description=f"Mark action {number} done",
                                    layout=w.Layout(width="auto"))
        self.done_button.add_class(f"aw-mark-done-{number}")
        self.done_button.on_click(self._on_done)
        self.note = w.Text(description=f"Note with the sign-off of action {number} (optional)",
                           continuous_update=True, layout=w.Layout(width="100%"),
                           style={"description_width": "initial"})
        self.note.add_class(f"aw-sign-off-note-{number}")
        self.note.observe(panel.page.saver.touch, names="value")
        self.sign_off_button = w.Button(description=f"Sign off action {number}",
                                        layout=w.Layout(width="auto"))
        self.sign_off_button.add_class(f"aw-sign-off-{number}")
        self.sign_off_button.on_click(self._on_sign_off)
        self.said = w.HTML()
        self.said.add_class(f"aw-action-said-{number}")
        self.widget = w.VBox(layout=w.Layout(width="100%"))
        self.widget.add_class("aw-action")
        self.widget.add_class(f"aw-action-{number}")
        self.show(action)

    @property
    def may_complete(self) -> bool:
        """The audit's worker, its team manager, the lead auditor, or the action's owner (named
        in its text); the store checks again."""
        page = self.panel.page
        owner = (self.action.get("owner") or "").strip().casefold()
        return (page.may("complete_action", self.panel.record)
                or owner in {page.user.casefold(), page.display_name.casefold()})

    @property
    def may_sign_off(self) -> bool:
        return self.panel.page.may("sign_off", self.panel.record)

    def state_words(self) -> str:
        a, page = self.action, self.panel.page
        words = []
        if is_overdue(a, page.today):
            words.append("Overdue." if is_calendar_date(a.get("due") or "")
                         else "Overdue: it needs a completion date.")
        if a.get("done_on"):
            by = page.names.get(a.get("done_by"), a.get("done_by") or "someone")
            words.append(f"Done on {date_words(a['done_on'])} by {by}: {a.get('evidence') or ''}"
                         + ("" if a.get("signed_off") else " Waiting to be signed off."))
        elif not a.get("signed_off"):
            words.append("Not done yet.")
        if a.get("signed_off"):
            words.append(f"Signed off on {date_words(a['signed_off'])}.")
        return " ".join(words)

    def show(self, action: dict[str, Any]) -> None:
        self.action = action
        a = action
        due = a.get("due") or "no date"
        shown_due = date_words(due) if is_calendar_date(due) else due
        note = f"<p>Sign-off note: {e(a['note'])}</p>" if a.get("note") else ""
        self.info.value = (
            f"<h3>Action {self.number}</h3><p>{e(a.get('action') or '')}</p>"
            f"<p>Owner: {e(a.get('owner') or 'not named')}. Due: {e(shown_due)}.</p>"
            f"<p class='aw-action-state'>{e(self.state_words())}</p>{note}")
        children: list[w.Widget] = [self.info]
        if not a.get("done_on") and not a.get("signed_off") and self.may_complete:
            children += [self.evidence, w.HBox([self.done_button])]
        if not a.get("signed_off") and self.may_sign_off:
            children += [self.note, w.HBox([self.sign_off_button])]
        self.widget.children = [*children, self.said]

    # -- what the buttons do: each waits for the last words typed (Saver.when_still)

    def _on_done(self, _button: Any = None) -> None:
        self.panel.page.saver.when_still(self.mark_done)

    def _on_sign_off(self, _button: Any = None) -> None:
        self.panel.page.saver.when_still(self.sign_off)

    def _done_elsewhere(self, field: str, done: str, typed: str | None) -> bool:
        """Whether the action was ``done`` (its ``field`` set) elsewhere, in another tab or by
        another person, since this page showed it. The store would write over theirs: as on the
        audit page, theirs is kept and shown, and what was typed here is said, not saved."""
        if self.action.get(field):
            return False
        try:
            now = next((a for a in self.panel.page.store.find_audit(self.panel.audit_id)
                        ["actions"] if a["id"] == self.action["id"]), {})
        except AuditlibError:
            return False  # the write says why
        if not now.get(field):
            return False
        self.panel.reload()
        kept = f" What you typed, not saved: “{typed}”" if typed else ""
        self.said.value = _said(f"Not saved: action {self.number} was {done} elsewhere after "
                                f"you opened this page; theirs is shown above.{kept}", error=True)
        return True

    def mark_done(self) -> None:
        page = self.panel.page
        evidence = self.evidence.value.strip()
        if not evidence:
            self.said.value = _said(f"Type the evidence that action {self.number} is done "
                                    "first.", error=True)
            return
        if self._done_elsewhere("done_on", "marked done", evidence):
            return
        if self.panel.run(self, lambda: page.store.complete_action(
                self.panel.audit_id, self.action["id"], user=page.user, evidence=evidence,
                done_on=page.today)):
            self.said.value = _said(f"Action {self.number} marked done.")
            self.panel.focus_after(self)

    def sign_off(self) -> None:
        page = self.panel.page
        note = self.note.value.strip() or None
        if self._done_elsewhere("signed_off", "signed off", note):
            return
        if self.panel.run(self, lambda: page.store.sign_off_action(
                self.panel.audit_id, self.action["id"], user=page.user,
                signed_off_on=page.today, note=note)):
            self.said.value = _said(f"Action {self.number} signed off.")
            self.panel.focus_after(self)


class AuditPanel:
    """One finalised audit: the findings read-only, the responses, this person's response and
    agreement, and the actions."""

    def __init__(self, page: PracticePage, record: dict[str, Any]):
        self.page = page
        self.record = record
        self.audit_id = int(record["audit_id"])
        store = page.store
        self.framework = store.framework_of(self.audit_id)
        worker = page.names.get(record.get("worker"), record.get("worker") or "not recorded")
        self.heading = w.HTML(
            f"<h2 id='aw-audit-heading'>Audit {self.audit_id}: child {e(record['child_id'])}"
            f"</h2><p>{e(self.framework.title)}, {e(month_words(record.get('month')))}. "
            f"Allocated worker: {e(worker)}; team: {e(record.get('team') or 'not recorded')}. "
            f"Finalised on {e(date_words(record.get('updated_at')))}.</p>")
        self.findings = w.HTML("<h2>The findings</h2>" + findings_html(
            self.framework, record, store.grading(self.audit_id)))
        self.findings.add_class("aw-findings")
        self.responses = w.HTML()
        self.responses.add_class("aw-responses")
        mine = next((r for r in self._responses() if r["user_name"] == page.user), None)
        self.response = w.Textarea(value=(mine or {}).get("response") or "",
                                   description="Your response to the findings", rows=5,
                                   placeholder="Saved as you type", continuous_update=True,
                                   layout=w.Layout(width="100%"),
                                   style={"description_width": "initial"})
        self.response.add_class("aw-response")
        self.response.observe(self._on_response, names="value")
        self.agree = w.Checkbox(value=bool((mine or {}).get("actions_agreed")),
                                description="I agree the actions below", indent=False,
                                layout=w.Layout(width="auto"))
        self.agree.add_class("aw-agree")
        self.agree.observe(self._on_agree, names="value")
        self.status = w.HTML()
        self.status.add_class("aw-response-status")
        # the page's save state: the page's script marks it "Not saved" when the kernel goes
        self.status.add_class("aw-save-status")
        # the response as this page last saw it saved: one saved elsewhere since (another tab)
        # is shown beside this one until the person chooses, never written over unawares
        self.seen = _as_saved(self.response.value)
        self.conflict = w.VBox()
        self.conflict.add_class("aw-conflicts")
        self.problem: str | None = None
        self.last_saved: _dt.datetime | None = None
        self.saved_before = mine is not None
        self.may_respond = page.may("respond", record)
        yours: list[w.Widget] = [w.HTML("<h2>Your response</h2>"), self.conflict,
                                 self.response, self.agree, self.status] \
            if self.may_respond else []
        self.actions = [ActionPanel(self, n, a) for n, a in enumerate(record["actions"], 1)]
        self.actions_heading = w.HTML()
        self.show_responses()
        self.show_actions_heading()
        self.show_status()
        self.widget = w.VBox([self.heading, self.findings, self.responses, *yours,
                              self.actions_heading, *(a.widget for a in self.actions)],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("aw-practice-audit")

    def _responses(self) -> list[dict[str, Any]]:
        return self.page.store.find_responses(self.audit_id)

    def show_responses(self) -> None:
        """Everyone else's responses (the practitioner's, for the team manager), read-only."""
        others = [r for r in self._responses() if r["user_name"] != self.page.user]
        items = []
        for r in others:
            who = r.get("display_name") or r["user_name"]
            role = (r.get("role") or "").replace("_", " ")
            agreed = "Agreed the actions." if r.get("actions_agreed") else \
                "Has not agreed the actions yet."
            items.append(f"<li><strong>{e(who)}</strong>{f' ({e(role)})' if role else ''}: "
                         f"{e(r.get('response') or 'No response written.')} {agreed}</li>")
        self.responses.value = ("<h2>Responses so far</h2><ul>" + "".join(items) + "</ul>"
                                if items else "")

    def show_actions_heading(self) -> None:
        open_ = [a for a in self.record["actions"] if not a.get("signed_off")]
        late = sum(is_overdue(a, self.page.today) for a in open_)
        self.actions_heading.value = (
            "<h2>The actions</h2><p>" + (actions_words(len(open_), late) + "."
                                         if self.record["actions"] else "No actions.") + "</p>")

    # -- the response, saved as it is typed

    def _on_response(self, change: dict[str, Any]) -> None:
        text = change["new"]
        self.page.saver.later(f"response.{self.audit_id}", lambda: self._save(response=text))
        self.show_status()

    def _on_agree(self, change: dict[str, Any]) -> None:
        self.page.saver.now(f"agree.{self.audit_id}",
                            lambda: self._save(actions_agreed=bool(change["new"])))

    def _save(self, **changes: Any) -> None:
        text = changes.get("response")
        try:
            if text is not None and self._changed_elsewhere(_as_saved(text)):
                return
            self.page.store.save_response(self.audit_id, user=self.page.user, **changes)
        except AuditlibError as exc:
            self.problem = str(exc)
        else:
            self.problem = None
            self.last_saved = _dt.datetime.now()
            if text is not None:
                self.seen = _as_saved(text)
        self.show_status()

    def _changed_elsewhere(self, mine: str) -> bool:
        """Whether this person's response was changed elsewhere since this page saw it: then
        nothing is saved, and theirs is shown beside ``mine`` with "Keep mine" and "Use
        theirs", as the audit page does for a text."""
        theirs = _as_saved(next((r["response"] for r in self._responses()
                                 if r["user_name"] == self.page.user), None))
        if theirs in (self.seen, mine):
            self.seen = theirs
            return False
        self.problem = ("your response was changed elsewhere after you opened this page. Your "
                        "text is still on screen; choose which to keep above it.")

        def choose(text: str | None) -> None:
            self.seen, self.conflict.children = theirs, ()
            if text is None:  # keep mine: saved over theirs, knowingly
                self.page.saver.now(f"response.{self.audit_id}",
                                    lambda: self._save(response=self.response.value))
            else:
                self.problem = None
                self.response.value = text  # saving it then changes nothing
                self.show_status()

        keep = w.Button(description="Keep mine", tooltip="Save your response over theirs")
        keep.on_click(lambda _b: choose(None))
        take = w.Button(description="Use theirs", tooltip="Put their response on screen")
        take.on_click(lambda _b: choose(theirs))
        box = w.VBox([
            w.HTML("<p class='aw-banner' role='alert'><strong>Your response was changed "
                   "elsewhere.</strong> Your text and theirs:</p>"),
            w.HBox([w.HTML(f"<h3>{who}</h3><blockquote>{e(text) or '(empty)'}</blockquote>",
                           layout=w.Layout(flex="1 1 18rem"))
                    for who, text in (("Yours", mine), ("Theirs", theirs))],
                   layout=w.Layout(flex_flow="row wrap")),
            w.HBox([keep, take])])
        box.add_class("aw-conflict")
        self.conflict.children = (box,)
        self.show_status()
        return True

    def show_status(self) -> None:
        last = f" Last saved {self.last_saved:%H:%M}." if self.last_saved else ""
        if self.problem:
            text, css = f"Not saved: {self.problem}{last}", "aw-status aw-status-error"
        elif any(k.endswith(f".{self.audit_id}") for k in self.page.saver.pending):
            text, css = "Saving…" + last, "aw-status"
        elif self.last_saved or self.saved_before:
            text, css = "Saved." + last, "aw-status"
        else:
            text, css = "Nothing saved yet: your response is saved as you type.", "aw-status"
        self.status.value = f"<p class='{css}' role='status' aria-live='polite'>{e(text)}</p>"

    # -- the actions

    def run(self, panel: ActionPanel, write: Callable[[], Any]) -> bool:
        """Run one change to an action; its refusal or error beside it in one line; the page
        read again after it."""
        try:
            write()
        except AuditlibError as exc:
            panel.said.value = _said(str(exc), error=True)
            return False
        self.reload()
        return True

    def focus_after(self, done: ActionPanel) -> None:
        """The button pressed has gone: focus moves to the next control left, in this action
        (its sign-off) or the next, rather than to the top of the page."""
        later = self.actions[self.actions.index(done):]
        for panel in later:
            for control in panel.widget.children:
                if isinstance(control, (w.Textarea, w.Text)):
                    control.focus()
                    return

    def reload(self) -> None:
        self.record = self.page.store.find_audit(self.audit_id)
        by_id = {a["id"]: a for a in self.record["actions"]}
        for panel in self.actions:
            if panel.action["id"] in by_id:
                panel.show(by_id[panel.action["id"]])
        self.show_actions_heading()
        self.page.show_lists()


class PracticePage(Page):
    """"Your audited cases": the finalised audits of the signed-in practitioner's cases (or
    their team's, for a team manager), the overdue actions, and one audit opened."""

    def __init__(self, store: AuditStore, audit_id: int | str | None = None,
                 user: str | None = None, save_delay: float = 0.4,
                 today: _dt.date | None = None):
        super().__init__(store, user)
        self.today = today or _dt.date.today()
        # the user's team decides which audits a team manager sees (auditlib.access)
        try:
            me = store.find_user(self.user)
        except AuditNotFound:
            me = {}
        self.team = me.get("team")
        self.display_name = me.get("display_name") or self.user
        access.check(self.user, self.roles, "practice", team=self.team)
        self.names = {u["name"]: u.get("display_name") or u["name"] for u in store.find_users()}
        self.saver = Saver(save_delay, self._pending)
        self.title = w.HTML(self._title())
        self.overdue = w.HTML()
        self.overdue.add_class("aw-overdue-actions")
        self.listing = w.HTML()
        self.listing.add_class("aw-practice-list")
        self.refused = w.HTML()
        self.refused.add_class("aw-practice-refused")
        self.audit: AuditPanel | None = None
        self.chosen = self._choose(audit_id)
        self.show_lists()
        main = w.VBox([self.title, self.refused, self.overdue, self.listing]
                      + ([self.audit.widget] if self.audit else []),
                      layout=w.Layout(width="100%"))
        main.add_class("aw-practice-main")
        self.widget = w.VBox([w.HTML(style("workbook", "tables") + _CSS), main],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")
        self.widget.add_class("aw-practice")

    def may(self, action: str, record: dict[str, Any] | None = None) -> bool:
        return access.may(self.user, self.roles, action, record, team=self.team)

    @property
    def whose(self) -> str:
        """Whose cases this page lists, in the person's words."""
        if "lead_auditor" in self.roles:
            return "across the service"
        if "team_manager" in self.roles:
            return "of your team's cases"
        return "of your cases"

    def _title(self) -> str:
        roles = ", ".join(r.replace("_", " ") for r in sorted(self.roles))
        return (f"<h1>Your audited cases</h1><p>Signed in as {e(self.display_name)} ({e(roles)})"
                f"{f', team {e(self.team)}' if self.team else ''}. The finalised audits "
                f"{e(self.whose)}: read the findings, respond, agree the actions and mark "
                "them done.</p>")

    def _choose(self, audit_id: int | str | None) -> int | None:
        """The audit the address names, if this person may see it here; else nothing of it, and
        why in one line."""
        if audit_id in (None, ""):
            return None
        try:
            number = int(audit_id)
        except (TypeError, ValueError):
            self.refused.value = _said(f"No such audit: {audit_id}.", error=True)
            return None
        if number not in {a["audit_id"] for a in self.store.find_practice_audits(self.user)}:
            try:
                record = self.store.find_audit(number)
                reason = access.refusal(self.user, self.roles, "view", record,
                                        team=self.team)
            except AuditlibError as exc:
                reason = str(exc)
            self.refused.value = _said(
                f"You cannot open audit {number} here: "
                + (reason or "it is not a finalised audit of your cases").rstrip(".") + ".",
                error=True)
            return None
        self.audit = AuditPanel(self, self.store.find_audit(number))
        return number

    def _pending(self) -> None:
        if self.audit is not None:
            self.audit.show_status()

    def flush(self) -> None:
        self.saver.flush()

    # -- the lists at the top

    def show_lists(self) -> None:
        self.overdue.value = self._overdue_html()
        self.listing.value = self._list_html()

    def _overdue_html(self) -> str:
        try:
            rows = self.store.find_overdue_actions(self.user, on=self.today)
        except AuditlibError as exc:
            return _said(str(exc), error=True)
        heading = {"across the service": "Overdue actions across the service",
                   "of your team's cases": "Your team's overdue actions",
                   "of your cases": "Your overdue actions"}[self.whose]
        if not rows:
            return f"<h2>{heading}</h2><p>No actions are overdue.</p>"
        body = []
        for r in rows:
            due = r.get("due") or ""
            when = ("No completion date: it needs one" if r.get("undated")
                    else f"Due {date_words(due)}: <strong class='aw-overdue'>Overdue</strong>")
            body.append(f"<tr><td>{self._link(r)}</td><td>{e(r.get('action') or '')}</td>"
                        f"<td>{e(r.get('owner') or '')}</td><td>{when}</td></tr>")
        return (f"<h2>{heading}</h2><table class='aw-table'><caption>"
                f"{e(counted(len(rows), 'action'))} overdue, oldest first</caption><thead><tr>"
                "<th scope='col'>Audit</th><th scope='col'>Action</th><th scope='col'>Owner</th>"
                "<th scope='col'>Due</th></tr></thead><tbody>" + "".join(body)
                + "</tbody></table>")

    def _link(self, a: dict[str, Any]) -> str:
        words = f"Audit {a['audit_id']}: child {e(a['child_id'])}"
        if a["audit_id"] == self.chosen:
            return f"<a href='#aw-audit-heading' aria-current='page'>{words} (open below)</a>"
        return f"<a href='practice.ipynb?audit_id={a['audit_id']}'>{words}</a>"

    def _list_html(self) -> str:
        audits = self.store.find_practice_audits(self.user)
        heading = f"Finalised audits {self.whose}"
        if not audits:
            return f"<h2>{heading}</h2><p>No audits {e(self.whose)} have been finalised yet.</p>"
        body = []
        for a in audits:
            try:
                framework = self.store.framework_of(a["audit_id"])
                title = framework.title
                grade = final_overall_words(framework, self.store.find_audit(a["audit_id"]))
            except AuditlibError:  # a framework since removed: its id is all there is
                title, grade = a["framework"], "Not known"
            response = "Response given" if a.get("response") else "No response yet"
            if a.get("actions_agreed"):
                response += "; actions agreed"
            cells = [self._link(a), e(title), e(month_words(a.get("month"))), e(grade),
                     e(response), e(actions_words(a.get("open_actions") or 0,
                                                  a.get("overdue_actions") or 0))]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        head = "".join(f"<th scope='col'>{c}</th>" for c in (
            "Audit", "Framework", "Month", "Final overall grade", "Your response", "Actions"))
        return (f"<h2>{heading}</h2><table class='aw-table'><caption>"
                f"{e(counted(len(audits), 'audit'))}</caption><thead><tr>{head}</tr></thead>"
                "<tbody>" + "".join(body) + "</tbody></table>")


def open_practice(audit_id: int | str | None = None, store_url: str | None = None,
                  user: str | None = None) -> Any:
    """"Your audited cases" for a notebook to display (the audit from the parameter or
    ``?audit_id=``; the store from ``AUDITLIB_STORE``); one line saying why if it cannot
    open (someone neither a practitioner, a team manager nor the lead auditor)."""
    audit_id = audit_id_from_address(audit_id)
    return open_page("Your audited cases cannot be opened",
                     lambda store: PracticePage(store, audit_id, user=user), store_url)
