"""The moderator's workbook: one submitted audit, field by field, the moderator's view beside it.

For each field the page shows the auditor's judgement, evidence and impact (read-only), the
moderation checks for that field with the sentence of the guidance behind each, and the
moderator's own judgement and comment, which the store keeps beside the auditor's answer, never
over it. The moderator then returns the audit to the auditor, or finalises it.

    page = ModerationWorkbook(store, audit_id, user="mo", save_delay=0)
    page.fields["risk"].judgement.value = 5
    page.fields["risk"].comment.value = "Supervision could be strengthened by…"
    page.return_reason.value = "Please revisit risk"
    page.return_button.click()           # asks to confirm, on the page
    page.confirm_return_button.click()
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from auditlib.framework import Section
from auditlib.pages.base import AuditPage, Choice, audit_id_from_address, message, open_page
from auditlib.pages.html import e, style, table
from auditlib.pages.section import judgement_control
from auditlib.record import moderated_grade
from auditlib.store import CLEAR, AuditStore

#: the moderator's "Agree with the auditor": no grade of their own (never a grade's id)
AGREE = "agree"


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")


def _checks_html(checks: list[Any]) -> str:
    if not checks:
        return "<p>No moderation checks raised for this field.</p>"
    items = []
    for c in checks:
        items.append(f"<li class='aw-check'><strong>{e(c.level.capitalize())}:</strong> "
                     f"{e(c.message)}<blockquote>Source: “{e(c.source)}”</blockquote></li>")
    return "<ul>" + "".join(items) + "</ul>"


class ModerationField:
    """One field: the auditor's answer and checks on the left, the moderator's on the right."""

    def __init__(self, page: ModerationWorkbook, section: Section, checks: list[Any]):
        self.page = page
        self.section = section
        record = page.record
        answer = record["answers"].get(section.id, {})
        moderated = record["moderation"].get(section.id, {})
        result = page.grading.sections.get(section.id)
        if section.id == page.overall_id:
            chosen = section.scale.label(record.get("overall")) if section.scale else ""
        else:
            chosen = result.label if result is not None else ""
        score = f" (score {answer['score']})" if "score" in answer else ""
        narratives = "".join(
            f"<h4>{e(n.label)}</h4><p class='aw-narrative'>"
            f"{e(answer.get(n.id) or 'Empty')}</p>" for n in section.narratives)
        criteria = table([{"title": c.title, "grade": section.scale.label(
            record["answers"].get(c.id, {}).get("grade"))} for c in section.criteria],
            [("title", "Criterion"), ("grade", "Auditor's grade")],
            "Criteria") if section.criteria else ""
        flags = "".join(f"<li>{e(f.label)}</li>" for f in section.flags
                        if (answer.get("flags") or {}).get(f.id))
        auditor_view = w.HTML(
            f"<div class='aw-auditor-view'><h3>Auditor</h3><p>Judgement: <strong>"
            f"{e(chosen or 'Not graded')}</strong>{e(score)}</p>"
            + (f"<p>Flags ticked:</p><ul>{flags}</ul>" if flags else "")
            + criteria + narratives + "<h4>Moderation checks</h4>" + _checks_html(checks)
            + "</div>")
        auditor_view.add_class(f"aw-checks-{section.id}")
        self.judgement: w.ValueWidget | None = None
        controls: list[w.Widget] = [w.HTML("<h3>Moderator</h3>")]
        if section.scale is not None:
            self.judgement = self._judgement(section, moderated)
            controls.append(self.judgement)
        self.comment = w.Textarea(value=moderated.get("comment") or "",
                                  description="Moderator's comment", rows=5,
                                  placeholder="Saved as you type", continuous_update=True,
                                  layout=w.Layout(width="100%"),
                                  style={"description_width": "initial"})
        self.comment.add_class(f"aw-mod-comment-{section.id}")
        self.comment.observe(self._on_comment, names="value")
        controls.append(self.comment)
        number = f"{section.number}. " if section.number else ""
        columns = w.HBox([auditor_view, w.VBox(controls, layout=w.Layout(width="100%"))],
                         layout=w.Layout(width="100%"))
        columns.add_class("aw-mod-columns")
        self.widget = w.VBox([w.HTML(f"<h2 id='aw-h-{e(section.id)}'>{e(number)}"
                                     f"{e(section.title)}</h2>"), columns],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("aw-mod-field")

    def _judgement(self, section: Section, moderated: dict[str, Any]) -> w.ValueWidget:
        # agreeing is a choice shown as chosen (a checked radio, a selected option), saved as
        # no moderator's grade
        agree = ("Agree with the auditor (no change)", AGREE)
        if section.scale.numeric:  # a score: the moderator grades, never marks not applicable
            control = judgement_control(section, "Moderator's judgement",
                                        moderated.get("score"), agree, False)
        else:
            control = judgement_control(section, "Moderator's judgement", moderated.get("grade"),
                                        agree, section.not_applicable)
        control.add_class(f"aw-mod-grade-{section.id}")
        control.observe(self._on_judgement, names="value")
        return control

    def _on_judgement(self, change: dict[str, Any]) -> None:
        value = change["new"]
        kept = CLEAR if value == AGREE else value
        self.page.save(self.section.id, now=True,
                       **{"score" if self.section.scale.numeric else "grade": kept})
        self.page.show_title()

    def _on_comment(self, change: dict[str, Any]) -> None:
        self.page.save(self.section.id, now=False, comment=change["new"] or CLEAR)

    def controls(self) -> list[w.Widget]:
        return ([self.judgement] if self.judgement is not None else []) + [self.comment]


class ModerationWorkbook(AuditPage):
    """The whole moderation page for one audit."""

    # the audit's moderator once it is submitted (any moderator while unallocated) moderates; a
    # lead auditor, or the auditor reading the moderator's comments, reads: auditlib.access
    edit_action = "moderate"

    def __init__(self, store: AuditStore, audit_id: int | str, user: str | None = None,
                 save_delay: float = 0.4, child_name: str | None = None):
        from auditlib.quality_checks import moderation_checks, uk_speller

        super().__init__(store, audit_id, user, save_delay)
        self.framework = store.framework_of(self.audit_id)
        self.overall_id = self.framework.overall.section if self.framework.overall else None
        self.grading = store.grading(self.audit_id)
        record_for_checks = {k: v for k, v in self.record.items()}
        self.checks = moderation_checks(self.framework, record_for_checks, child_name=child_name,
                                        speller=uk_speller())
        by_field: dict[str, list[Any]] = {}
        for check in self.checks:
            by_field.setdefault(check.where.split("[")[0], []).append(check)
        self.fields: dict[str, ModerationField] = {}
        children: list[w.Widget] = []
        for section in self.framework.sections:
            if section.kind == "actions":
                continue
            field = ModerationField(self, section, by_field.get(section.id, []))
            self.fields[section.id] = field
            children.append(field.widget)
        action_checks = [c for c in self.checks if c.where.startswith("actions")]
        actions = [{k: a.get(k) or "" for k in ("action", "owner", "due")}
                   for a in self.record["actions"]]
        self.actions = w.HTML(
            "<h2>Actions</h2>" + (table(actions, [("action", "Action"), ("owner", "Person"),
                                                  ("due", "Completion date")],
                                        "The auditor's actions")
                                  if actions else "<p>No actions.</p>")
            + "<h3>Moderation checks on the actions</h3>" + _checks_html(action_checks))
        self.actions.add_class("aw-checks-actions")
        self.status = self.status_box = w.HTML()
        self.status.add_class("aw-mod-status")
        self.return_reason = w.Textarea(description="What the auditor should revisit", rows=3,
                                        layout=w.Layout(width="100%"),
                                        style={"description_width": "initial"})
        self.return_reason.add_class("aw-return-reason")
        self.return_reason.observe(lambda _change: self._show_decision(), names="value")
        self.return_button = w.Button(description="Return to the auditor",
                                      layout=w.Layout(width="auto"))
        self.return_button.add_class("aw-return")
        self.return_button.on_click(self._on_return)
        self.finalise_button = w.Button(description="Finalise the audit",
                                        layout=w.Layout(width="auto"))
        self.finalise_button.add_class("aw-finalise")
        self.finalise_button.on_click(self._on_finalise)
        # why Return is not available yet, beside it
        self.decision_hint = w.HTML()
        self.decision_hint.add_class("aw-decision-hint")
        # each decision is confirmed on the page (no browser dialog), or cancelled
        self.confirm_text = w.HTML()
        self.confirm_text.add_class("aw-confirm-text")
        self.confirm_return_button = w.Button(description="Confirm return",
                                              layout=w.Layout(width="auto"))
        self.confirm_return_button.add_class("aw-confirm-return")
        self.confirm_return_button.on_click(self._on_confirm_return)
        self.confirm_finalise_button = w.Button(description="Confirm finalise",
                                                layout=w.Layout(width="auto"))
        self.confirm_finalise_button.add_class("aw-confirm-finalise")
        self.confirm_finalise_button.on_click(self._on_confirm_finalise)
        self.cancel_button = w.Button(description="Cancel", layout=w.Layout(width="auto"))
        self.cancel_button.add_class("aw-confirm-cancel")
        self.cancel_button.on_click(self._on_cancel)
        self.confirm_box = w.VBox()
        self.confirm_box.add_class("aw-confirm")
        self.title = w.HTML()
        self.title.add_class("aw-mod-title")
        self.show_title(self.record)
        self.banner = w.HTML()
        lifecycle = w.VBox([w.HTML("<h2>Decision</h2>"), self.status, self.return_reason,
                            w.HBox([self.return_button, self.finalise_button]),
                            self.decision_hint, self.confirm_box])
        # a comment changed in another tab too: both texts at the top until one is chosen
        main = w.VBox([self.title, self.banner, self.conflicts, *children, self.actions, lifecycle],
                      layout=w.Layout(width="100%"))
        main.add_class("aw-moderation-main")
        self.widget = w.VBox([w.HTML(style("workbook", "tables", "moderation")), main],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")
        self.widget.add_class("aw-moderation")
        self.apply_access()
        self.show_status()

    def show_title(self, record: dict[str, Any] | None = None) -> None:
        """The heading and its figures, as the store has them (read again unless ``record`` is
        given): a grade saved, a return or a finalisation changes them."""
        if record is None:
            record = self.store.find_audit(self.audit_id)
        changed = sum(1 for s in self.framework.sections
                      if s.scale is not None and moderated_grade(record, s) is not None)
        self.title.value = (
            f"<h1>Moderation: {e(self.framework.title)}</h1><p>Audit {self.audit_id} of child "
            f"<strong>{e(record['child_id'])}</strong> by {e(record['auditor'])}. "
            f"You are signed in as {e(self.user)}. {_count(len(self.checks), 'moderation check')} "
            f"raised; {_count(changed, 'grade')} moderated"
            + (" so far" if record["status"] == "submitted" else "") + ".</p>")

    # -- saving

    def write(self, item_id: str, *, expected_version: int, **changes: Any) -> int:
        return self.store.save_moderation(self.audit_id, item_id, user=self.user,
                                          expected_version=expected_version, **changes)

    def item_words(self, item_id: str) -> str:
        """What a moderator saves for a field: its moderation, not the auditor's answer."""
        return f"the moderation of {super().item_words(item_id)}"

    def choice_for(self, item_id: str, changes: dict[str, Any]) -> Choice | None:
        """A comment changed here and elsewhere: theirs beside yours, to choose (a grade is a
        choice made again, not a text to compare)."""
        field = self.fields.get(item_id)
        if set(changes) != {"comment"} or field is None:
            return None
        mine = changes["comment"]
        return Choice(None if mine is CLEAR else mine,
                      lambda: self.store.find_audit(self.audit_id)["moderation"]
                      .get(item_id, {}).get("comment"),
                      lambda text: setattr(field.comment, "value", text))

    def settled_words(self) -> str:
        if self.record["status"] != "submitted":
            return f"Saved. This audit is {self.status_words()}."
        return "Saved"

    # -- lifecycle

    def _on_return(self, _button: Any = None) -> None:
        # the reason's last words may still be on their way from the browser: wait for them
        self.saver.when_still(self._ask_return)

    def _ask_return(self) -> None:
        """Ask to confirm returning the audit, with the reason the auditor will read."""
        reason = self.return_reason.value.strip()
        if not reason:
            self._show_decision()
            return
        self.confirm_text.value = (
            f"<p role='alert'>Return audit {self.audit_id} to {e(self.record['auditor'])} "
            f"with this reason?</p><blockquote>{e(reason)}</blockquote><p>They will see it, "
            "and every comment you made, when they open the audit.</p>")
        self.confirm_box.children = [self.confirm_text, w.HBox(
            [self.confirm_return_button, self.cancel_button])]
        self.confirm_return_button.focus()  # in view, and where the keyboard is

    def _on_finalise(self, _button: Any = None) -> None:
        self.saver.when_still(self._ask_finalise)  # a comment's last words, as above

    def _ask_finalise(self) -> None:
        """Ask to confirm finalising the audit."""
        self.confirm_text.value = (
            f"<p role='alert'>Finalise audit {self.audit_id}? It becomes read-only for "
            "everyone; only a lead auditor can reopen it, giving a reason.</p>")
        self.confirm_box.children = [self.confirm_text, w.HBox(
            [self.confirm_finalise_button, self.cancel_button])]
        self.confirm_finalise_button.focus()

    def _on_cancel(self, _button: Any = None) -> None:
        self.confirm_box.children = []
        self.return_button.focus()

    def _on_confirm_return(self, _button: Any = None) -> None:
        self.flush()
        reason = self.return_reason.value
        self.confirm_box.children = []
        if self.run_save("return", lambda: self.store.return_to_auditor(
                self.audit_id, user=self.user, reason=reason)) is not None:
            self._reload()

    def _on_confirm_finalise(self, _button: Any = None) -> None:
        self.flush()
        self.confirm_box.children = []
        if self.run_save("finalisation", lambda: self.store.finalise(self.audit_id,
                                                                user=self.user)) is not None:
            self._reload()

    def apply_access(self) -> None:
        super().apply_access()
        self._show_decision()

    def _show_decision(self) -> None:
        """Return needs a reason: the button waits for one, and says so beside it."""
        if not self.editable:
            self.confirm_box.children = []
            self.decision_hint.value = ""
            return
        typed = bool(self.return_reason.value.strip())
        self.return_button.disabled = not typed
        self.return_button.tooltip = ("Return the audit to the auditor with this reason" if typed
                                      else "Type what the auditor should revisit first")
        self.decision_hint.value = "" if typed else (
            "<p class='aw-decision-hint-text'>To return the audit, first type what the auditor "
            "should revisit: they will read it.</p>")

    def _reload(self) -> None:
        self.record = self.store.find_audit(self.audit_id)
        self.show_title(self.record)
        self.apply_access()
        self.show_status()

    def read_only_reason(self) -> str:
        if self.record["status"] != "submitted":
            return (f"This audit is {self.status_words()}, not submitted for moderation: it is "
                    "shown read-only.")
        if self.user == self.record["auditor"]:
            return "You audited this case, so you cannot moderate it."
        return f"{self.user} is not the moderator of this audit: it is shown read-only."

    def controls(self) -> list[w.Widget]:
        out: list[w.Widget] = []
        for field in self.fields.values():
            out += field.controls()
        return out + [self.return_reason, self.return_button, self.finalise_button,
                      self.confirm_return_button, self.confirm_finalise_button,
                      self.cancel_button]


def open_moderation(audit_id: int | str | None = None, store_url: str | None = None,
                    user: str | None = None) -> ModerationWorkbook | w.HTML:
    """The moderation page for a notebook to display (audit from the parameter or
    ``?audit_id=``; store from ``AUDITLIB_STORE``)."""
    audit_id = audit_id_from_address(audit_id)
    if audit_id is None:
        return message("No audit chosen", "Open this page from the link in the list of audits "
                       "to moderate (it ends with ?audit_id=…).")
    return open_page("This audit cannot be opened",
                     lambda store: ModerationWorkbook(store, audit_id, user=user), store_url)
