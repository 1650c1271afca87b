"""The auditor's workbook: an audit form built from a framework, graded live, saved as you type.

Each panel is a class holding its widgets (a section's, in :mod:`auditlib.pages.section`);
handlers are named ``_on_…`` and a test drives them by setting ``.value`` on a widget and reading
the result, with no browser and no kernel::

    workbook = AuditWorkbook(store, audit_id, user="ash", save_delay=0)
    workbook.sections["risk"].judgement.value = 7
    workbook.summary.suggested.value      # the live suggested overall, in words

A notebook displays ``workbook`` (or ``open_workbook(audit_id)``) and nothing else.

Saving: a judgement, flag or date is saved at once; typing is saved ``save_delay`` seconds after
the last keystroke (so the history records what was written, not every letter), and always within
a second. ``save_delay=0`` saves immediately (tests). The save state reads "Saved", "Saving…" or
"Not saved: reason", with "Last saved HH:MM"; a change made elsewhere is shown, never overwritten,
and stays shown (a text beside theirs, to keep or replace) until that field is saved. When the
kernel is gone the page itself says so (the template's ``static/connection.js``).
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from auditlib.framework import Framework
from auditlib.grading import Grading, grade
from auditlib.pages.base import AuditPage, Choice, audit_id_from_address, message, open_page
from auditlib.pages.feedback import ErrorSummary, ModeratorFeedback, show_submit
from auditlib.pages.html import bullets, e, style
from auditlib.pages.section import SectionPanel
from auditlib.pages.summary import SummaryPanel
from auditlib.record import interchange_record
from auditlib.store import CLEAR, EDITABLE, AuditStore


class ActionsPanel:
    """The SMART actions: action, person, completion date; a warning past the recommended
    number."""

    def __init__(self, workbook: AuditWorkbook):
        self.workbook = workbook
        spec = workbook.framework.actions
        self.max_recommended = workbook.framework.max_actions
        labels = {f["id"]: f["label"] for f in (spec.fields if spec else ())}
        self.labels = {"action": labels.get("action", "Agreed action"),
                       "owner": labels.get("owner", "Person"),
                       "due": labels.get("due", "Completion date")}
        self.rows: list[dict[str, Any]] = []
        self.box = w.VBox()
        self.warning = w.HTML()
        self.add_button = w.Button(description="Add an action",
                                   tooltip="Add a SMART action")
        self.add_button.add_class("aw-add-action")
        self.add_button.on_click(self._on_add)
        guidance = spec.guidance if spec else ""
        self.widget = w.VBox([w.HTML("<h2>Actions</h2>" + (bullets(guidance) if guidance
                                                             else "")),
                              self.box, self.warning, self.add_button])
        self.widget.add_class("aw-actions")
        for action in workbook.record["actions"]:
            self._add_row(action)
        self._show_warning()

    def _add_row(self, action: dict[str, Any]) -> dict[str, Any]:
        n = len(self.rows) + 1
        due = None
        if action.get("due"):
            try:
                due = _dt.date.fromisoformat(action["due"])
            except ValueError:
                due = None
        row = {"id": action["id"],
               "action": w.Textarea(value=action.get("action") or "",
                                    description=f"{self.labels['action']} {n}", rows=2,
                                    layout=w.Layout(width="100%"),
                                    style={"description_width": "10rem"}),
               "owner": w.Text(value=action.get("owner") or "",
                               description=f"{self.labels['owner']} (action {n})",
                               style={"description_width": "10rem"}),
               "due": w.DatePicker(value=due, description=f"{self.labels['due']} (action {n})",
                                   style={"description_width": "10rem"}),
               "remove": w.Button(description=f"Remove action {n}")}
        for key in ("action", "owner", "due"):
            row[key].add_class(f"aw-action-{key}")
            row[key].observe(self._on_field_change(row, key), names="value")
        row["remove"].on_click(lambda _b, r=row: self._on_remove(r))
        row["widget"] = w.VBox([row["action"], w.HBox([row["owner"], row["due"]]),
                                row["remove"]])
        row["widget"].add_class("aw-action")
        self.rows.append(row)
        self.box.children = [r["widget"] for r in self.rows]
        return row

    def _on_add(self, _button: Any = None) -> dict[str, Any] | None:
        action_id = self.workbook.run_save("action", lambda: self.workbook.store.add_action(
            self.workbook.audit_id, user=self.workbook.user, action="", owner="", due=None))
        if action_id is None:
            return None
        # the version that added it: an edit from another tab since is a change made elsewhere
        self.workbook.run_save("action", lambda: self.workbook.store.action_version(
            self.workbook.audit_id, action_id), seen=f"action.{action_id}")
        self.workbook.record["actions"].append({"id": action_id, "action": "", "owner": "",
                                                "due": None, "signed_off": None})
        row = self._add_row({"id": action_id})
        self._show_warning()
        self.workbook.refresh()
        return row

    def _on_field_change(self, row: dict[str, Any], key: str
                         ) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            value = change["new"]
            if key == "due":
                value = value.isoformat() if value else None
            record_action = next(a for a in self.workbook.record["actions"]
                                 if a["id"] == row["id"])
            record_action[key] = value

            def save() -> None:
                self.workbook.run_save(
                    f"{self.labels[key]} (action {self.rows.index(row) + 1})"
                    if row in self.rows else "action",
                    lambda: wb.store.update_action(
                        wb.audit_id, row["id"], user=wb.user,
                        expected_version=wb.seen.get(seen, wb.loaded_version),
                        **{key: value if value else CLEAR}),
                    seen=seen, choice=None if key == "due" else Choice(
                        value, lambda: wb.store.action_text(wb.audit_id, row["id"], key),
                        lambda text: setattr(row[key], "value", text)))
            wb, seen = self.workbook, f"action.{row['id']}"
            if key == "due":
                self.workbook.saver.now(f"action.{row['id']}.{key}", save)
            else:
                self.workbook.saver.later(f"action.{row['id']}.{key}", save)
                self.workbook.show_status()
            self.workbook.refresh()
        return handler

    def _on_remove(self, row: dict[str, Any]) -> None:
        for key in ("action", "owner"):
            self.workbook.saver.cancel(f"action.{row['id']}.{key}")
        done = self.workbook.run_save("action", lambda: self.workbook.store.remove_action(
            self.workbook.audit_id, row["id"], user=self.workbook.user))
        if done is None:
            return
        self.workbook.record["actions"] = [a for a in self.workbook.record["actions"]
                                           if a["id"] != row["id"]]
        self.rows.remove(row)
        self.box.children = [r["widget"] for r in self.rows]
        self._show_warning()
        self.workbook.refresh()

    def _show_warning(self) -> None:
        n = len(self.rows)
        self.warning.value = (f"<p class='aw-banner' role='alert'>{n} actions: the framework "
                              f"expects no more than {self.max_recommended}, except in highly "
                              "unusual circumstances. Consider rolling actions up.</p>"
                              if n > self.max_recommended else "")

    def controls(self) -> list[w.Widget]:
        return [self.add_button] + [r[k] for r in self.rows
                                    for k in ("action", "owner", "due", "remove")]


class HeaderPanel:
    """The audit's header fields: auditor, audit date, team…"""

    def __init__(self, workbook: AuditWorkbook):
        self.workbook = workbook
        header = workbook.record.get("header") or {}
        self.fields: dict[str, w.ValueWidget] = {}
        label_width = {"description_width": "16rem"}
        wide = w.Layout(width="36rem", max_width="100%")
        for field in workbook.framework.header:
            value = header.get(field.id)
            if field.type == "child_id":
                control: w.ValueWidget = w.Text(value=str(workbook.record["child_id"]),
                                                description=field.label, disabled=True,
                                                style=label_width, layout=wide)
            elif field.type == "date":
                try:
                    day = _dt.date.fromisoformat(value) if value else None
                except ValueError:
                    day = None
                control = w.DatePicker(value=day, description=field.label, style=label_width,
                                       layout=wide)
            elif field.type == "yes_no":
                control = w.RadioButtons(options=[("Yes", "yes"), ("No", "no")],
                                         value=value if value in ("yes", "no") else None,
                                         description=field.label, style=label_width)
            elif field.type == "choice":
                control = w.Dropdown(options=[("Not chosen", "")] + [(lbl, c) for c, lbl
                                                                    in field.choices],
                                     value=value or "", description=field.label, style=label_width,
                                     layout=wide)
            else:
                control = w.Text(value=value or "", description=field.label, style=label_width,
                                 continuous_update=True, layout=wide)
            control.add_class(f"aw-header-{field.id}")
            if field.type != "child_id":
                control.observe(self._on_change(field.id, field.type), names="value")
            self.fields[field.id] = control
        self.widget = w.VBox([w.HTML("<h2>About this audit</h2>"), *self.fields.values()])
        self.widget.add_class("aw-header")

    def _on_change(self, field_id: str, kind: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            value = change["new"]
            if kind == "date":
                value = value.isoformat() if value else None
            self.workbook.record.setdefault("header", {})[field_id] = value

            def save() -> None:
                key = f"header.{field_id}"
                self.workbook.run_save(f"header {field_id}", lambda: self.workbook.store
                                       .save_header(self.workbook.audit_id, field_id,
                                                    value if value else CLEAR,
                                                    user=self.workbook.user,
                                                    expected_version=self.workbook.seen.get(
                                                        key, self.workbook.loaded_version)),
                                       seen=key)
            if kind in ("text", "person"):
                self.workbook.saver.later(f"header.{field_id}", save)
                self.workbook.show_status()
            else:
                self.workbook.saver.now(f"header.{field_id}", save)
        return handler

    def controls(self) -> list[w.Widget]:
        return [c for fid, c in self.fields.items()
                if next(f for f in self.workbook.framework.header if f.id == fid).type
                != "child_id"]


class AuditWorkbook(AuditPage):
    """The whole audit form for one audit in the store."""

    def __init__(self, store: AuditStore, audit_id: int | str, user: str | None = None,
                 save_delay: float = 0.4, on_submitted: Callable[[], None] | None = None,
                 submit_label: str = "Submit for moderation"):
        super().__init__(store, audit_id, user, save_delay)
        self.framework: Framework = store.framework_of(self.audit_id)
        self.overall_id = self.framework.overall.section if self.framework.overall else None
        self.header = HeaderPanel(self)
        self.sections: dict[str, SectionPanel] = {}
        groups: list[list[w.Widget]] = []  # each section's widgets
        self.actions: ActionsPanel | None = None
        for section in self.framework.sections:
            panel = SectionPanel(self, section)
            self.sections[section.id] = panel
            groups.append([panel.widget])
            if section.kind == "actions":
                self.actions = ActionsPanel(self)
                groups[-1].append(self.actions.widget)
        if self.actions is None:
            self.actions = ActionsPanel(self)
            groups[-1].append(self.actions.widget)
        children: list[w.Widget] = [self.header.widget]
        for group, link in zip(groups, self._next_links()):
            children += [*group, link]
        self.on_submitted = on_submitted
        self.errors = ErrorSummary(self)  # GOV.UK's error summary, after a Submit not ready
        self.summary = SummaryPanel(self)
        self.summary.submit_button.description = submit_label
        self.status_box = self.summary.save_status
        self.banner = w.HTML()
        title = w.HTML(f"<h1>{e(self.framework.title)}</h1><p>Audit {self.audit_id} of child "
                       f"<strong>{e(self.record['child_id'])}</strong>, allocated to "
                       f"{e(self.record['auditor'])}. You are signed in as "
                       f"{e(self.user)}.</p>")
        self.feedback = ModeratorFeedback(self)  # a returned audit: what the moderator said
        main = w.VBox([title, self.errors.widget, self.banner, self.conflicts,
                       self.feedback.widget, *children],
                      layout=w.Layout(width="100%"))
        main.add_class("aw-main")
        self.widget = w.HBox([w.HTML(style("workbook", "feedback")), main, self.summary.widget],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")
        # a closing browser tab shuts the kernel down: typing still waiting to be saved is
        # saved on the way out
        import atexit
        atexit.register(self.saver.flush)
        self.refresh()
        self.apply_access()
        self.show_status()

    def _next_links(self) -> list[w.HTML]:
        """At each section's end, a link on to the next (the last: to the summary), so the
        keyboard moves on in one key press; the template's script moves focus with it."""
        sections, links = self.framework.sections, []
        for i, _section in enumerate(sections):
            if i + 1 < len(sections):
                after = sections[i + 1]
                number = f"{after.number}. " if after.number else ""
                html = (f"<a href='#aw-h-{e(after.id)}'>Next section: {e(number)}"
                        f"{e(after.title.rstrip('.'))}</a>")
            else:
                html = "<a href='#aw-summary-heading'>Go to the summary</a>"
            link = w.HTML(f"<p class='aw-next-section'>{html}</p>")
            link.add_class("aw-next-link")
            links.append(link)
        return links

    # -- saving

    def save(self, item_id: str, *, now: bool, key: str | None = None, **changes: Any) -> None:
        """Apply a change to the in-memory record, regrade, and save it (now or after typing)."""
        self._apply_locally(item_id, changes)
        self.refresh()
        super().save(item_id, now=now, key=key, **changes)

    def write(self, item_id: str, *, expected_version: int, **changes: Any) -> int:
        return self.store.save_answer(self.audit_id, item_id, user=self.user,
                                      expected_version=expected_version, **changes)

    def choice_for(self, item_id: str, changes: dict[str, Any]) -> Choice | None:
        """A narrative changed here and elsewhere: theirs beside yours, to choose."""
        texts = changes.get("narratives") or {}
        panel = self.sections.get(item_id)
        if len(changes) != 1 or len(texts) != 1 or panel is None:
            return None
        [(nid, mine)] = texts.items()
        control = panel.narratives.get(nid)
        if control is None:
            return None
        return Choice(None if mine is CLEAR else mine,
                      lambda: self.store.find_audit(self.audit_id)["answers"]
                      .get(item_id, {}).get(nid),
                      lambda text: setattr(control, "value", text))

    def settled_words(self) -> str:
        if self.record["status"] not in EDITABLE:
            return f"Saved. This audit is {self.status_words()}: read-only for the auditor."
        return "Saved"

    def _apply_locally(self, item_id: str, changes: dict[str, Any]) -> None:
        answer = self.record["answers"].setdefault(item_id, {})
        for key, value in changes.items():
            if key == "flags":
                answer.setdefault("flags", {}).update(value)
            elif key == "narratives":
                for nid, text in value.items():
                    if text is CLEAR:
                        answer.pop(nid, None)
                    else:
                        answer[nid] = text
            elif value is CLEAR:
                answer.pop(key, None)
            else:
                answer[key] = value
        if self.overall_id and item_id == self.overall_id:
            self.record["overall"] = answer.get("grade")

    # -- grading

    def grading(self) -> Grading:
        return grade(self.framework, interchange_record(self.record), validate=False)

    def refresh(self) -> None:
        result = self.grading()
        self.summary.show(result)
        for panel in self.sections.values():
            panel.show_grade(result)
        self.result = result
        show_submit(self, result)
        self.errors.update(result)

    # -- lifecycle

    def _on_submit(self, _button: Any = None) -> None:
        # the last words typed may still be on their way from the browser: wait for them
        self.saver.when_still(self._submit)

    def _submit(self) -> None:
        self.flush()
        self.refresh()
        if self.editable and (not self.result.complete or self.result.errors):
            # not ready: say what to put right, at the top and at each field; the store
            # would refuse it anyway
            self.errors.show(self.result, focus=True)
            return
        done = self.run_save("submission", lambda: self.store.submit(self.audit_id,
                                                                    user=self.user))
        if done is None:
            return
        self.record = self.store.find_audit(self.audit_id)
        self.apply_access()
        self.refresh()
        self.show_status()
        if self.on_submitted is not None:
            self.on_submitted()

    def apply_access(self) -> None:
        super().apply_access()
        show_submit(self, self.result)

    def read_only_reason(self) -> str:
        if self.user != self.record["auditor"] and \
                self.roles & {"practitioner", "team_manager"} and "lead_auditor" not in self.roles:
            # the child's worker or their manager, reading the findings: in their words
            return ("This is the finalised audit of a child "
                    + ("allocated to you" if self.record.get("worker") == self.user
                       else "in your team")
                    + ", shown read-only. Respond to its findings, agree its actions and mark "
                    "them done on the \u201cYour audited cases\u201d page.")
        if self.user != self.record["auditor"]:
            return (f"This audit is allocated to {self.record['auditor']}; you are signed in "
                    f"as {self.user}, so it is shown read-only.")
        return f"This audit is {self.status_words()}: it is read-only for the auditor."

    def controls(self) -> list[w.Widget]:
        out = self.header.controls()
        for panel in self.sections.values():
            out += panel.controls()
        if self.actions is not None:
            out += self.actions.controls()
        return out


def open_workbook(audit_id: int | str | None = None, store_url: str | None = None,
                  user: str | None = None, expect_child_id: str | None = None
                  ) -> AuditWorkbook | w.HTML:
    """The workbook for an audit, for a notebook to display.

    The audit comes from the notebook's ``audit_id`` parameter, else the page address
    (``?audit_id=12``). The store comes from ``AUDITLIB_STORE`` (``store_url`` is for tests),
    never from the notebook. A generated workbook also names its child: a workbook opened on
    another child's audit says so.
    """
    audit_id = audit_id_from_address(audit_id)
    if audit_id is None:
        return message("No audit chosen", "Open this workbook from the link you were sent "
                       "(it ends with ?audit_id=…).")

    def build(store: AuditStore) -> AuditWorkbook | w.HTML:
        workbook = AuditWorkbook(store, audit_id, user=user)
        if expect_child_id not in (None, "") and workbook.record["child_id"] != expect_child_id:
            return message("This workbook does not match its audit",
                           f"The workbook was made for child {expect_child_id}, but audit "
                           f"{audit_id} is of another child. Ask the lead auditor for the "
                           "right link.")
        return workbook
    return open_page("This audit cannot be opened", build, store_url)
