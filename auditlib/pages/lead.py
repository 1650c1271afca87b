"""The lead auditor's workbook: the month's sample, its workbooks, and tracking to the end.

Three panels, each a class whose handlers a test drives by setting values and clicking::

    page = LeadAuditorWorkbook(store, user="lead", folder=tmp_path)
    page.sample.upload_files(children=..., history=..., auditors=...)   # bytes, as uploaded
    page.sample.month.value = "2026-11"
    page.sample.preview_button.click()     # the sample and allocation as a table
    page.sample.generate_button.click()    # audits in the store, workbooks, manifest
    page.tracking.month.value = "2026-11"  # stages, due dates, overdue, moderation due

Uploaded files are kept in the month's folder beside the sample and its provenance, so the
sample can be reproduced and checked later. Every path is built from the page's folder and the
month as parsed (never the text typed, never an uploaded file's name), kept inside the folder,
and every file written private (see :mod:`auditlib.files`).
"""
from __future__ import annotations

import datetime as _dt
import secrets
from pathlib import Path
from typing import Any

import ipywidgets as w

from auditlib.exceptions import AuditlibError
from auditlib.files import inside, make_private_dir, write_private
from auditlib.locations import data_dir
from auditlib.pages.allocation import AllocationPanel
from auditlib.pages.base import Page, open_page
from auditlib.pages.html import download_link, e, style
from auditlib.pages.html import table as html_table
from auditlib.store import AuditStore

INPUTS = (("children", "Children (CSV: child_id, service_area, team, status; or Annex A .xlsx)"),
          ("history", "Audit history (CSV: child_id, audit_date)"),
          ("auditors", "Auditors (CSV: auditor, service_area, capacity)"))


class SamplePanel:
    """Choose the month's input files, preview the sample and allocation, generate."""

    def __init__(self, page: LeadAuditorWorkbook):
        self.page = page
        today = _dt.date.today()
        self.uploads: dict[str, w.FileUpload] = {}
        rows: list[w.Widget] = []
        for key, label in INPUTS:
            # the children may come as the council's Annex A workbook
            accept = ".csv,text/csv" + (",.xlsx" if key == "children" else "")
            upload = w.FileUpload(accept=accept, multiple=False, description=label,
                                  layout=w.Layout(width="36rem", max_width="100%"))
            upload.add_class(f"aw-upload-{key}")
            self.uploads[key] = upload
            rows.append(upload)
        self.chosen = w.HTML()
        label_width = {"description_width": "12rem"}
        self.month = w.Text(value=f"{today.year}-{today.month:02d}", description="Month (YYYY-MM)",
                            style=label_width)
        self.size = w.BoundedIntText(value=20, min=1, max=10_000, description="Children to audit",
                                     style=label_width)
        self.seed = w.IntText(value=secrets.randbelow(1_000_000), description="Random seed",
                              style=label_width)
        from auditlib.framework import framework_files
        # "" is each child's own: the CSV's framework column, or its Annex A list's framework
        self.framework = w.Dropdown(options=[("Each child's own (framework column or Annex A "
                                              "list)", "")]
                                    + [(f, f) for f in sorted(framework_files())], value="",
                                    description="Framework", style=label_width,
                                    layout=w.Layout(width="36rem", max_width="100%"))
        for control, name in ((self.month, "month"), (self.size, "size"), (self.seed, "seed"),
                              (self.framework, "framework")):
            control.add_class(f"aw-sample-{name}")
        self.preview_button = w.Button(description="Preview the sample",
                                       layout=w.Layout(width="auto"))
        self.preview_button.add_class("aw-preview")
        self.preview_button.on_click(self._on_preview)
        self.generate_button = w.Button(description="Generate the workbooks", disabled=True,
                                        layout=w.Layout(width="auto"))
        self.generate_button.add_class("aw-generate")
        self.generate_button.on_click(self._on_generate)
        self.status = w.HTML()
        self.status.add_class("aw-sample-status")
        self.table = w.HTML()
        self.table.add_class("aw-sample-table")
        self.manifest = w.HTML()
        self.manifest.add_class("aw-manifest")
        for upload in self.uploads.values():
            upload.observe(self._on_upload, names="value")
        self.sample = None
        self.widget = w.VBox([
            w.HTML("<h2>1. Draw the month's sample</h2><p>Children open on the first of the "
                   "month and not audited in the six months before are eligible; each is "
                   "allocated to an auditor from another service area, the work spread "
                   "evenly, and is due two weeks after the first of the month.</p>"),
            *rows, self.chosen, self.month, self.size, self.seed, self.framework,
            w.HBox([self.preview_button, self.generate_button]), self.status, self.table,
            self.manifest])

    # -- inputs

    def month_folder(self, month: str | None = None) -> Path:
        """The month's folder inside the page's folder, named from the parsed month."""
        from auditlib.month.sampling import parse_month

        name = f"{parse_month(self.month.value if month is None else month):%Y-%m}"
        return inside(self.page.folder, f"months/{name}")

    def _private_folder(self, path: Path) -> Path:
        # every part below the page's folder is made here (0700) and may not be a symlink
        if not self.page.folder.is_dir():
            make_private_dir(self.page.folder)
        return make_private_dir(path, root=self.page.folder)

    def upload_files(self, **contents: bytes) -> None:
        """Set the uploaded files directly (tests; the page's upload buttons do the same)."""
        for key, data in contents.items():
            self.uploads[key].value = ({"name": f"{key}.csv", "type": "text/csv",
                                        "size": len(data), "content": memoryview(data),
                                        "last_modified": _dt.datetime.now(_dt.timezone.utc)},)

    def _on_upload(self, _change: Any = None) -> None:
        names = [f"{label.split(' (')[0]}: {e(self.uploads[key].value[0]['name'])}"
                 for key, label in INPUTS if self.uploads[key].value]
        self.chosen.value = ("<p>Chosen: " + "; ".join(names) + "</p>") if names else ""
        self.generate_button.disabled = True

    def _saved_inputs(self) -> dict[str, Path]:
        month_folder = self.month_folder()
        missing = [label.split(" (")[0] for key, label in INPUTS if not self.uploads[key].value]
        if missing:
            raise AuditlibError(f"choose the file{'s' * (len(missing) > 1)}: "
                                f"{', '.join(missing)}")
        folder = self._private_folder(inside(month_folder, "inputs"))
        paths = {}
        for key, _ in INPUTS:
            item = self.uploads[key].value[0]
            # the uploaded name is kept for messages only; the file is saved under a fixed name,
            # .xlsx for an Annex A workbook (the messages name it as such)
            workbook = key == "children" and bytes(item["content"][:4]) == b"PK\x03\x04"
            path = inside(folder, f"{key}.xlsx" if workbook else f"{key}.csv")
            write_private(path, bytes(item["content"]))
            paths[key] = path
        return paths

    # -- actions

    def _on_preview(self, _button: Any = None) -> None:
        from auditlib.month.sampling import audited_in_store, sample_from_files

        self.generate_button.disabled = True
        self.table.value = ""
        self.sample = None  # a failed preview leaves nothing to generate from
        try:
            inputs = self._saved_inputs()
            self.sample = sample_from_files(inputs["children"], inputs["history"],
                                            inputs["auditors"], self.month.value.strip(),
                                            self.size.value, self.seed.value,
                                            self.framework.value or None,
                                            audited_in_store(self.page.store.find_audits()))
        except AuditlibError as exc:
            self._say(f"Cannot draw the sample: {exc}", error=True)
            return
        self.inputs = inputs
        self.drawn_seed = self.seed.value  # the provenance records the seed drawn with
        load = ", ".join(f"{a} {n}" for a, n in self.sample.workload().items())
        warnings = "".join(f"<p role='alert'><strong>Warning:</strong> {e(x)}</p>"
                           for x in self.sample.warnings)
        self._say(f"{len(self.sample.rows)} children sampled from {self.sample.eligible} "
                  f"eligible; due {self.sample.due_date}. Workload: {load}.", extra=warnings)
        self.table.value = html_table(self.sample.rows, [
            ("child_id", "Child"), ("service_area", "Service area"), ("team", "Team"),
            ("worker", "Worker"), ("auditor", "Auditor"),
            ("auditor_service_area", "Auditor's service area"),
            ("due_date", "Due"), ("framework", "Framework")],
            f"Sample for {self.sample.month} (seed {self.seed.value})")
        self.generate_button.disabled = False

    def _on_generate(self, _button: Any = None) -> None:
        from auditlib.month.generate import generate_workbooks
        from auditlib.month.links import public_url
        from auditlib.month.sampling import write_sample

        if self.sample is None:
            return
        try:
            # the month is checked when used: it may have been edited since the preview
            if self.month.value.strip() != self.sample.month:
                raise AuditlibError(f"the month was changed to {self.month.value.strip()!r} "
                                    f"after the preview of {self.sample.month}; preview again")
            folder = self._private_folder(self.month_folder(self.sample.month))
            sample_csv = inside(folder, "sample.csv")
            workbooks = inside(folder, "workbooks")
            self._private_folder(workbooks)
            provenance = write_sample(self.sample, sample_csv, self.drawn_seed, self.inputs)
            result = generate_workbooks(sample_csv, workbooks, self.page.store, self.page.user,
                                        progress=False, public_url=public_url())
        except AuditlibError as exc:
            self._say(f"Cannot generate the workbooks: {exc}", error=True)
            return
        self.generate_button.disabled = True
        self._say(f"{result.audits_created} audits created ({result.audits_existing} already "
                  f"there); {result.workbooks_written} workbooks written. Sample, provenance "
                  f"({provenance.name}) and workbooks are in {folder}.")
        self.manifest.value = html_table(result.rows, [
            ("child_id", "Child"), ("auditor", "Auditor"), ("due_date", "Due"),
            ("audit_id", "Audit"), ("workbook", "Workbook"), ("link", "Link to send")],
            "Workbooks generated") + (
            "" if result.public_url else "<p class='aw-manifest-note'>Note: these links are "
            "relative to the pages and cannot be sent. To get links that can be sent, ask whoever "
            "runs the service to set its public address (AUDITLIB_PUBLIC_URL).</p>")
        self.page.tracking.month.value = self.sample.month
        self.page.tracking.refresh()

    def _say(self, text: str, error: bool = False, extra: str = "") -> None:
        role = "alert" if error else "status"
        css = "aw-banner aw-status-error" if error else "aw-banner"
        self.status.value = f"<p class='{css}' role='{role}'>{e(text)}</p>{extra}"


class TrackingPanel:
    """The month's audits against their due dates, moderation due, actions by owner, exports."""

    def __init__(self, page: LeadAuditorWorkbook, month: str | None):
        self.page = page
        today = _dt.date.today()
        self.month = w.Text(value=month or f"{today.year}-{today.month:02d}",
                            description="Month (YYYY-MM)", style={"description_width": "12rem"})
        self.month.add_class("aw-track-month")
        self.refresh_button = w.Button(description="Show the month",
                                       layout=w.Layout(width="auto"))
        self.refresh_button.add_class("aw-track-refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.audits = w.HTML()
        self.audits.add_class("aw-track-audits")
        self.actions = w.HTML()
        self.actions.add_class("aw-track-actions")
        self.downloads = w.HTML()
        self.downloads.add_class("aw-downloads")
        self.widget = w.VBox([w.HTML("<h2>2. Track the month</h2>"),
                              w.HBox([self.month, self.refresh_button]), self.audits,
                              self.actions, self.downloads])

    def refresh(self, on: _dt.date | None = None) -> None:
        from auditlib.month.sampling import parse_month
        from auditlib.month.tracking import (
            action_tracker,
            moderation_due,
            month_grades,
            month_tracker,
            to_csv,
            to_xlsx,
        )

        month = self.month.value.strip()
        try:
            parse_month(month)
            audits = month_tracker(self.page.store, month, on)
            actions = action_tracker(self.page.store, on, month=month)
            grades = month_grades(self.page.store, month)
        except AuditlibError as exc:
            self.audits.value = f"<p class='aw-banner aw-status-error' role='alert'>{e(exc)}</p>"
            return
        for a in audits:
            a["overdue_words"] = "Overdue" if a["overdue"] else ""
            a["moderator_words"] = a["moderator"] or "Not allocated"
        for a in actions:
            a["overdue_words"] = "Overdue" if a["overdue"] else ""
        overdue = sum(a["overdue"] for a in audits)
        self.audits.value = (
            f"<p>Moderation of {e(month)}'s audits is due by <strong>"
            f"{moderation_due(month):%A %d %B %Y}</strong> (the first 10 working days of the "
            f"next month, bank holidays in England and Wales excluded). {overdue} of "
            f"{len(audits)} audits overdue.</p>"
            + html_table(audits, [("child_id", "Child"), ("auditor", "Auditor"),
                                  ("moderator_words", "Moderator"), ("status", "Stage"),
                                  ("due_date", "Due"),
                                  ("overdue_words", "Overdue?"), ("overall", "Overall grade"),
                                  ("moderated_overall", "Moderated grade")],
                         f"Audits for {month}", flag="overdue"))
        self.actions.value = html_table(actions, [
            ("owner", "Person"), ("child_id", "Child"), ("action", "Action"),
            ("due", "Completion date"), ("signed_off", "Signed off"), ("state", "State"),
            ("overdue_words", "Overdue?")], f"Actions for {month}, by person", flag="overdue")
        xlsx = to_xlsx({"Audits": audits, "Actions": actions, "Grades": grades})
        xlsx_mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        self.downloads.value = "<p>Download for the council's reporting tools: " + "".join([
            download_link(to_csv(actions).encode("utf-8"), f"actions-{month}.csv", "text/csv",
                          "Action tracker (CSV)"),
            download_link(to_csv(grades).encode("utf-8"), f"grades-{month}.csv", "text/csv",
                          "Month's grades (CSV)"),
            download_link(xlsx, f"audit-tracker-{month}.xlsx", xlsx_mime,
                          "Audits, actions and grades (Excel)")]) + "</p>"


class LeadAuditorWorkbook(Page):
    """The lead auditor's page: draw and generate the sample, then track the month."""

    def __init__(self, store: AuditStore, user: str | None = None, folder: str | Path | None = None,
                 month: str | None = None):
        super().__init__(store, user, ("allocate", "track"))  # the two halves of this page
        self.folder = Path(folder) if folder else data_dir()
        self.sample = SamplePanel(self)
        self.tracking = TrackingPanel(self, month)
        # who audits and moderates each audit, of the month tracked: shown afresh with it
        self.allocation = AllocationPanel(self, self.tracking.month)
        self.tracking.audits.observe(lambda _change: self.allocation.refresh(), names="value")
        self.allocation.after_save = self.tracking.refresh
        main = w.VBox([w.HTML(f"<h1>Lead auditor: the month's audits</h1><p>Signed in as "
                              f"{e(self.user)}.</p>"), self.sample.widget,
                       self.tracking.widget, self.allocation.widget],
                      layout=w.Layout(width="100%"))
        main.add_class("aw-lead-main")
        self.widget = w.VBox([w.HTML(style("workbook", "tables")), main],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("aw-workbook")
        self.widget.add_class("aw-lead")
        self.tracking.refresh()


def open_lead_workbook(month: str | None = None, store_url: str | None = None,
                       user: str | None = None) -> LeadAuditorWorkbook | w.HTML:
    """The lead auditor's page for a notebook to display (store from ``AUDITLIB_STORE``)."""
    return open_page("This page cannot be opened",
                     lambda store: LeadAuditorWorkbook(store, user=user, month=month), store_url)
