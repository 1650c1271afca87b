"""The moderator's workbook: one submitted audit, field by field, the moderator's view beside it.

For each field the page shows the auditor's judgement, evidence and impact (read-only), the
moderation checks for that field with the sentence of the guidance behind each, and the
moderator's own judgement and comment, which the store keeps beside the auditor's answer, never
over it. The moderator then returns the audit to the auditor, or finalises it.

    page = ModerationWorkbook(store, audit_id, user="mo", save_delay=0)
    page.fields["risk"].judgement.value = 5
    page.fields["risk"].comment.value = "Supervision could be strengthened by…"
    page.return_reason.value = "Please revisit risk"
    page.return_button.click()
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from auditlib import access
from auditlib.access import acting_user
from auditlib.exceptions import AuditlibError, AuditNotFound
from auditlib.framework import Section
from auditlib.pages.audit import NOT_SCORED
from auditlib.pages.base import Saver, StoreWriter, message
from auditlib.pages.html import e, style
from auditlib.scales import NOT_APPLICABLE
from auditlib.store import CLEAR, AuditStore


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
        criteria = ""
        if section.criteria:
            rows = "".join(
                f"<tr><td>{e(c.title)}</td><td>"
                f"{e(section.scale.label(record['answers'].get(c.id, {}).get('grade')))}"
                f"</td></tr>" for c in section.criteria)
            criteria = (f"<table class='aw-table'><caption>Criteria</caption><thead><tr>"
                        f"<th scope='col'>Criterion</th><th scope='col'>Auditor's grade</th>"
                        f"</tr></thead><tbody>{rows}</tbody></table>")
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
        label = "Moderator's judgement"
        if section.scale.numeric:
            options: list[tuple[str, Any]] = [("Agree with the auditor (no change)", NOT_SCORED)]
            options += [(f"{n} – {section.scale.label(section.scale.grade_for_score(n))}", n)
                        for n in range(section.scale.max, section.scale.min - 1, -1)]
            control: w.ValueWidget = w.Dropdown(
                options=options, value=moderated.get("score", NOT_SCORED),
                description=f"{label} (0-10)", style={"description_width": "initial"})
        else:
            choices = [("Agree with the auditor (no change)", None)]
            choices += [(section.scale.label(g), g) for g in section.scale.levels]
            if section.not_applicable:
                choices.append(("Not applicable", NOT_APPLICABLE))
            control = w.RadioButtons(options=choices, value=moderated.get("grade"),
                                     description=label, style={"description_width": "initial"},
                                     layout=w.Layout(width="auto"))
        control.add_class(f"aw-mod-grade-{section.id}")
        control.observe(self._on_judgement, names="value")
        return control

    def _on_judgement(self, change: dict[str, Any]) -> None:
        value = change["new"]
        if self.section.scale.numeric:
            kwargs = {"score": CLEAR if value == NOT_SCORED else value}
        else:
            kwargs = {"grade": CLEAR if value is None else value}
        self.page.save(self.section.id, now=True, **kwargs)

    def _on_comment(self, change: dict[str, Any]) -> None:
        self.page.save(self.section.id, now=False, comment=change["new"] or CLEAR)

    def controls(self) -> list[w.Widget]:
        return ([self.judgement] if self.judgement is not None else []) + [self.comment]


class ModerationWorkbook(StoreWriter):
    """The whole moderation page for one audit."""

    def __init__(self, store: AuditStore, audit_id: int | str, user: str | None = None,
                 save_delay: float = 0.4, child_name: str | None = None):
        from auditlib.quality_checks import moderation_checks, uk_speller

        self.store = store
        try:
            self.audit_id = int(audit_id)
        except (TypeError, ValueError):
            raise AuditNotFound(f"no such audit: {audit_id!r}") from None
        self.user = user or acting_user()
        self.record = store.find_audit(self.audit_id)
        # the audit's moderator once it is submitted (any moderator while unallocated), a lead
        # auditor, or the auditor reading the moderator's comments: auditlib.access decides
        self.roles = store.roles_of(self.user)
        access.check(self.user, self.roles, "view", self.record)
        self.framework = store.framework_of(self.audit_id)
        self.overall_id = self.framework.overall.section if self.framework.overall else None
        self.grading = store.grading(self.audit_id)
        self.loaded_version = self.record["version"]
        self.seen: dict[str, int] = {}
        self.problem: str | None = None
        self.saver = Saver(save_delay, self.show_status)
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
        actions = "".join(
            f"<tr><td>{e(a.get('action') or '')}</td><td>{e(a.get('owner') or '')}</td>"
            f"<td>{e(a.get('due') or '')}</td></tr>" for a in self.record["actions"])
        self.actions = w.HTML(
            "<h2>Actions</h2>" + (f"<table class='aw-table'><caption>The auditor's actions"
                                  f"</caption><thead><tr><th scope='col'>Action</th>"
                                  f"<th scope='col'>Person</th><th scope='col'>Completion "
                                  f"date</th></tr></thead><tbody>{actions}</tbody></table>"
                                  if actions else "<p>No actions.</p>")
            + "<h3>Moderation checks on the actions</h3>" + _checks_html(action_checks))
        self.actions.add_class("aw-checks-actions")
        self.status = w.HTML()
        self.status.add_class("aw-mod-status")
        self.return_reason = w.Textarea(description="What the auditor should revisit", rows=3,
                                        layout=w.Layout(width="100%"),
                                        style={"description_width": "initial"})
        self.return_reason.add_class("aw-return-reason")
        self.return_button = w.Button(description="Return to the auditor",
                                      layout=w.Layout(width="auto"))
        self.return_button.add_class("aw-return")
        self.return_button.on_click(self._on_return)
        self.finalise_button = w.Button(description="Finalise the audit",
                                        layout=w.Layout(width="auto"))
        self.finalise_button.add_class("aw-finalise")
        self.finalise_button.on_click(self._on_finalise)
        changed = sum(1 for m in self.record["moderation"].values()
                      if m.get("grade") is not None or m.get("score") is not None)
        title = w.HTML(
            f"<h1>Moderation: {e(self.framework.title)}</h1><p>Audit {self.audit_id} of child "
            f"<strong>{e(self.record['child_id'])}</strong> by {e(self.record['auditor'])}. "
            f"You are signed in as {e(self.user)}. {len(self.checks)} moderation checks "
            f"raised; {changed} grades moderated so far.</p>")
        self.banner = w.HTML()
        lifecycle = w.VBox([w.HTML("<h2>Decision</h2>"), self.status, self.return_reason,
                            w.HBox([self.return_button, self.finalise_button])])
        main = w.VBox([title, self.banner, *children, self.actions, lifecycle],
                      layout=w.Layout(width="100%"))
        main.add_class("aw-moderation-main")
        self.widget = w.VBox([w.HTML(style("workbook", "tables", "moderation")), main],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")
        self.widget.add_class("aw-moderation")
        self._apply_access()
        self.show_status()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    # -- saving

    @property
    def editable(self) -> bool:
        return access.may(self.user, self.roles, "moderate", self.record)

    def save(self, item_id: str, *, now: bool, **changes: Any) -> None:
        key = f"{item_id}.{'.'.join(sorted(changes))}"

        def do_save() -> None:
            self.run_save(item_id, lambda: self.store.save_moderation(
                self.audit_id, item_id, user=self.user,
                expected_version=self.seen.get(item_id, self.loaded_version), **changes),
                seen=item_id)
        if now:
            self.saver.now(key, do_save)
        else:
            self.saver.later(key, do_save)
            self.show_status()

    def show_status(self) -> None:
        if self.problem:
            text, css = f"Not saved: {self.problem}", "aw-status aw-status-error"
        elif self.saver.pending:
            text, css = "Saving…", "aw-status"
        elif self.record["status"] != "submitted":
            text, css = (f"Saved. This audit is {self.record['status'].replace('_', ' ')}."),\
                "aw-status"
        else:
            text, css = "Saved", "aw-status"
        self.status.value = f"<p class='{css}' role='status' aria-live='polite'>{e(text)}</p>"

    def flush(self) -> None:
        self.saver.flush()

    # -- lifecycle

    def _on_return(self, _button: Any = None) -> None:
        self.flush()
        reason = self.return_reason.value.strip() or None
        if self.run_save("return", lambda: self.store.return_to_auditor(
                self.audit_id, user=self.user, reason=reason)) is not None:
            self._reload()

    def _on_finalise(self, _button: Any = None) -> None:
        self.flush()
        if self.run_save("finalisation", lambda: self.store.finalise(self.audit_id,
                                                                user=self.user)) is not None:
            self._reload()

    def _reload(self) -> None:
        self.record = self.store.find_audit(self.audit_id)
        self._apply_access()
        self.show_status()

    def _apply_access(self) -> None:
        read_only = not self.editable
        for control in self.controls():
            control.disabled = read_only
        if read_only:
            if self.record["status"] != "submitted":
                why = (f"This audit is {self.record['status'].replace('_', ' ')}, not "
                       "submitted for moderation: it is shown read-only.")
            elif self.user == self.record["auditor"]:
                why = "You audited this case, so you cannot moderate it."
            else:
                why = (f"{self.user} is not the moderator of this audit: it is shown "
                       "read-only.")
            self.banner.value = f"<p class='aw-banner' role='status'>{e(why)}</p>"
        else:
            self.banner.value = ""

    def controls(self) -> list[w.Widget]:
        out: list[w.Widget] = []
        for field in self.fields.values():
            out += field.controls()
        return out + [self.return_reason, self.return_button, self.finalise_button]


def open_moderation(audit_id: int | str | None = None, store_url: str | None = None,
                    user: str | None = None) -> ModerationWorkbook | w.HTML:
    """The moderation page for a notebook to display (audit from the parameter or
    ``?audit_id=``; store from ``AUDITLIB_STORE``)."""
    import os
    from urllib.parse import parse_qs

    if audit_id in (None, ""):
        audit_id = (parse_qs(os.environ.get("QUERY_STRING", "")).get("audit_id") or [None])[0]
    if audit_id in (None, ""):
        return message("No audit chosen", "Open this page from the link in the list of audits "
                        "to moderate (it ends with ?audit_id=…).")
    store = None
    try:
        store = AuditStore(store_url)
        return ModerationWorkbook(store, audit_id, user=user)
    except AuditlibError as exc:
        if store is not None:
            store.close()
        return message("This audit cannot be opened", str(exc))
