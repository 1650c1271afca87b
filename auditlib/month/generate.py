"""Generate the month's workbooks: one audit in the store and one notebook per sampled child.

Each workbook is ``workbooks/audit.ipynb`` with its parameters injected by papermill
(``parameterize_notebook``, what ``prepare_only`` does), so no kernel starts per child. A
workbook holds ids only (audit id, child id, framework, auditor); everything typed lives in the
store. A child id is data: it becomes a quoted parameter and a cleaned file name, never code or a
path outside the output folder. Re-running is safe: an audit that exists is reused, and a workbook
that exists is never overwritten. Files are written private (0600) and never through a symbolic
link: a link planted in the output folder stops the run before anything is written.

The manifest's ``link`` opens the child's audit page (``voila/render/audit.ipynb?audit_id=N``)
under the service's public address (:mod:`auditlib.month.links`), never the workbook file, and
never with a token: whoever opens it signs in, and sees the audit only if it is theirs.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditlib.dates import parse_date, parse_month
from auditlib.exceptions import AuditlibError, InvalidAudit, InvalidValue, OutputError
from auditlib.files import SYMLINK, csv_text, inside, make_private_dir, write_private
from auditlib.month.links import audit_link
from auditlib.month.links import public_url as checked_public_url
from auditlib.month.sampling import SampleError
from auditlib.tables import read_rows
from auditlib.text import clean_id

MANIFEST_COLUMNS = ("child_id", "auditor", "due_date", "audit_id", "workbook", "link")


@dataclass
class Generated:
    """What a run did: the manifest rows, and how many audits and workbooks are new."""

    out_dir: Path
    #: the public address the links are under; None: they are relative to the pages
    public_url: str | None = None
    rows: list[dict[str, str]] = field(default_factory=list)
    audits_created: int = 0
    audits_existing: int = 0
    workbooks_written: int = 0
    workbooks_kept: int = 0
    users_added: list[str] = field(default_factory=list)

    @property
    def manifest(self) -> Path:
        return self.out_dir / "manifest.csv"


def safe_file_stem(child_id: str, limit: int = 40) -> str:
    """A file-name stem from a child id: letters, digits, '-' and '_' only, never empty, never
    a path. The audit id is added to the name, so two ids that clean alike cannot collide."""
    text = unicodedata.normalize("NFKD", child_id).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_-.")
    return text[:limit] or "child"


def read_sample(path: str | Path, framework: str | None = None) -> list[dict[str, Any]]:
    """The sample CSV, checked whole before anything is written."""
    from auditlib.framework import get_framework

    name = str(path)
    # written by write_sample: undo its formula escape so child ids are exactly as drawn
    header, rows = read_rows(path, ("child_id", "auditor", "month", "due_date"), escaped=True)
    if framework is None and "framework" not in header:
        raise SampleError(name, "missing column (or choose one framework for every child)", 1,
                          "framework")
    out, seen = [], {}
    for number, values in rows:
        child = values["child_id"]
        if not child:
            raise SampleError(name, "empty child id", number, "child_id")
        for column in ("child_id", "auditor", "worker"):
            # the store's rule for ids, checked here so the error names the row, before
            # anything is written (the child's worker is a user name, as a practitioner signs
            # in with it)
            try:
                values[column] = clean_id(values[column], column) if values.get(column) else ""
            except InvalidAudit as exc:
                raise SampleError(name, exc.message, number, column) from None
        child = values["child_id"]
        fw = framework or values.get("framework") or ""
        key = (child, fw, values["month"])
        if key in seen:
            raise SampleError(name, f"child {child!r} appears twice (also row {seen[key]})",
                              number, "child_id")
        seen[key] = number
        if not values["auditor"]:
            raise SampleError(name, "empty auditor", number, "auditor")
        try:
            parse_month(values["month"])
        except InvalidValue:
            raise SampleError(name, f"{values['month']!r} is not a month (YYYY-MM)", number,
                              "month") from None
        try:
            due = parse_date(values["due_date"]).isoformat()
        except ValueError as exc:
            raise SampleError(name, str(exc), number, "due_date") from None
        try:
            get_framework(fw)
        except AuditlibError as exc:
            raise SampleError(name, str(exc), number, "framework") from None
        out.append({"row": number, "child_id": child, "auditor": values["auditor"],
                    "service_area": values.get("service_area") or None,
                    "auditor_service_area": values.get("auditor_service_area") or None,
                    "worker": values["worker"] or None, "team": values.get("team") or None,
                    "month": values["month"], "due_date": due, "framework": fw})
    return out


def generate_workbooks(sample_csv: str | Path, out_dir: str | Path, store: Any, user: str,
                       framework: str | None = None, template: str | Path | None = None,
                       progress: bool | None = None, public_url: str | None = None
                       ) -> Generated:
    """Create the audits and workbooks for a sample; write ``manifest.csv`` in ``out_dir``.

    ``public_url`` is the service's public address, already checked
    (:func:`auditlib.month.links.public_url`); without it the links are relative to the pages.
    """
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from auditlib.locations import workbooks_dir

    rows = read_sample(sample_csv, framework)
    if public_url is not None:  # checked again here: a link is sent, a bad one must not be
        public_url = checked_public_url(public_url)
    out = Path(out_dir)
    _refuse_links(out)  # before the store or any file is touched
    make_private_dir(out)
    template_path = Path(template) if template else workbooks_dir() / "audit.ipynb"
    template_nb = load_notebook_node(str(template_path))  # as papermill reads it
    result = Generated(out, public_url=public_url)
    known_users = {u["name"] for u in store.find_users()}
    iterator: Any = rows
    if progress is None:
        progress = sys.stderr.isatty()
    if progress:
        from tqdm import tqdm
        iterator = tqdm(rows, desc="Generating workbooks", unit="workbook", file=sys.stderr)
    new_auditors: dict[str, Any] = {}
    for row in rows:
        if row["auditor"] not in known_users:
            new_auditors.setdefault(row["auditor"], row["auditor_service_area"])
    if new_auditors:
        result.users_added = store.add_users(
            [{"name": name, "roles": ["auditor"], "service_area": area}
             for name, area in new_auditors.items()], user=user)
    # every audit in one transaction: all or nothing, and one disk sync instead of hundreds
    ids = store.add_audits([{k: row[k] for k in ("framework", "child_id", "auditor", "month",
                                                 "due_date", "service_area", "worker", "team")}
                            for row in rows],
                           user=user)
    for row, (audit_id, created) in zip(iterator, ids):
        if created:
            result.audits_created += 1
        else:
            result.audits_existing += 1
        # cannot leave with a cleaned stem; inside() makes sure of it
        file = inside(out, f"{safe_file_stem(row['child_id'])}-audit{audit_id}.ipynb")
        if file.is_symlink():
            raise OutputError(file, SYMLINK)
        if file.exists():
            result.workbooks_kept += 1
        else:
            nb = parameterize_notebook(template_nb, {
                "audit_id": audit_id, "child_id": row["child_id"],
                "framework": row["framework"], "auditor": row["auditor"]})
            # never overwrite a workbook, even one written by a run at the same moment
            if write_private(file, nbformat.writes(nb), overwrite=False):
                result.workbooks_written += 1
            else:
                result.workbooks_kept += 1
        result.rows.append({"child_id": row["child_id"], "auditor": row["auditor"],
                            "due_date": row["due_date"], "audit_id": str(audit_id),
                            "workbook": file.name, "link": audit_link(audit_id, public_url)})
    _write_manifest(result)
    return result


def _refuse_links(out: Path) -> None:
    # a link planted in the folder would have a workbook or the manifest written elsewhere (or
    # served in place of a workbook): refuse the run while nothing has been written yet
    if out.is_symlink():
        raise OutputError(out, SYMLINK)
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputError(out, "is not a folder")
    for entry in sorted(out.iterdir()):
        if entry.is_symlink():
            raise OutputError(entry, SYMLINK)


def _write_manifest(result: Generated) -> None:
    # child ids are data from a spreadsheet: no manifest cell may run as a formula
    write_private(result.manifest, csv_text(result.rows, MANIFEST_COLUMNS), atomic=True)
