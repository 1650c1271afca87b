"""A finished audit as a Word document, to share with the team manager and attach to the
child's record (``auditlib export AUDIT_ID --format docx``)."""
from __future__ import annotations

import io
from typing import Any

from auditlib.files import xml_text as _x  # typed text may hold characters a .docx cannot
from auditlib.record import moderated_grade


def audit_docx(store: Any, audit_id: int | str) -> bytes:
    """The audit, its grades (the auditor's and, beside them, the moderator's), narratives,
    findings and actions, as a .docx file."""
    from docx import Document
    from docx.shared import Pt

    record = store.find_audit(audit_id)
    framework = store.framework_of(audit_id)
    result = store.grading(audit_id)
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = _x(f"{framework.title}: audit {record['audit_id']}")
    doc.add_heading(framework.title, level=0)
    facts = [("Audit", str(record["audit_id"])), ("Child", record["child_id"]),
             ("Auditor", record["auditor"]), ("Moderator", record["moderator"] or "—"),
             ("Status", record["status"].replace("_", " ")), ("Month", record["month"] or "—"),
             ("Due", record["due_date"] or "—")]
    header = record.get("header") or {}
    for field in framework.header:
        if header.get(field.id) not in (None, ""):
            facts.append((field.label, str(header[field.id])))
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = _x(label), _x(value)
    if framework.overall:
        scale = framework.overall.scale
        doc.add_heading("Overall grade", level=1)
        moderated = moderated_grade(record, framework.section_by_id[framework.overall.section])
        doc.add_paragraph(f"Auditor: {scale.label(result.chosen)}. Suggested by the framework: "
                          f"{scale.label(result.suggested)}."
                          + (f" Moderator: {scale.label(moderated)}." if moderated else ""))
    for section in framework.sections:
        answer = record["answers"].get(section.id) or {}
        moderation = record["moderation"].get(section.id) or {}
        graded = result.sections.get(section.id)
        if not answer and not moderation and section.kind != "actions":
            continue
        number = f"{section.number}. " if section.number else ""
        doc.add_heading(f"{number}{section.title}", level=1)
        if graded is not None and section.id != (framework.overall.section
                                                 if framework.overall else None):
            score = f" (score {graded.score})" if graded.score is not None else ""
            doc.add_paragraph(f"Judgement: {graded.label}{score}")
        if moderation:
            m_grade = moderated_grade(record, section)
            text = "Moderator: " + (section.scale.label(m_grade) if m_grade else "no change")
            if moderation.get("comment"):
                text += f". {moderation['comment']}"
            doc.add_paragraph(_x(text))
        for narrative in section.narratives:
            if answer.get(narrative.id):
                doc.add_heading(narrative.label, level=2)
                doc.add_paragraph(_x(answer[narrative.id]))
        if section.kind == "actions" or (framework.actions is None and
                                         section is framework.sections[-1]):
            _actions(doc, record)
    if framework.actions is None:
        _actions(doc, record)
    if result.findings:
        doc.add_heading("What the framework says", level=1)
        for finding in result.findings:
            doc.add_paragraph(_x(f"{finding.level.capitalize()}: {finding.message}"),
                              style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _actions(doc: Any, record: dict[str, Any]) -> None:
    if not record["actions"]:
        return
    doc.add_heading("Agreed actions", level=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Action", "Person", "Completion date",
                                                 "Manager's sign-off date")):
        cell.text = text
    for action in record["actions"]:
        cells = table.add_row().cells
        for cell, key in zip(cells, ("action", "owner", "due", "signed_off")):
            cell.text = _x(action.get(key))
