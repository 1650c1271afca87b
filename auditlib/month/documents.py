"""A finished audit as a Word document, to share with the team manager and attach to the
child's record (``auditlib export AUDIT_ID --format docx``).

On A4, marked OFFICIAL-SENSITIVE at the top and foot of every page (it holds a child's case), with
"Page X of Y" in the footer: printed and filed, its pages can be told apart and counted.
"""
from __future__ import annotations

import io
from typing import Any

from auditlib.files import xml_text as _x  # typed text may hold characters a .docx cannot
from auditlib.month.tracking import STATUS_WORDS, audit_stage
from auditlib.record import moderated_grade

#: the protective marking of every page (Government Security Classifications: a child's case)
MARKING = "OFFICIAL-SENSITIVE"


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
    _a4_marked_and_numbered(doc)
    doc.add_heading(framework.title, level=0)
    people = {u["name"]: u.get("display_name") or u["name"] for u in store.find_users()}
    facts = [("Audit", str(record["audit_id"])), ("Child", record["child_id"]),
             ("Auditor", people.get(record["auditor"], record["auditor"])),
             ("Moderator", people.get(record["moderator"], record["moderator"])
              if record["moderator"] else "—"),
             ("Status", STATUS_WORDS[audit_stage(record)]), ("Month", record["month"] or "—"),
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
        if not action.get("signed_off"):
            cells[3].text = "Not signed off"


def _a4_marked_and_numbered(doc: Any) -> None:
    """A4 pages with the protective marking in the header and footer, and "Page X of Y"."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(20))
        top = section.header.paragraphs[0]
        top.alignment = WD_ALIGN_PARAGRAPH.CENTER
        top.add_run(MARKING).bold = True
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot.add_run(MARKING).bold = True
        pages = section.footer.add_paragraph()
        pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pages.add_run("Page ")
        _field(pages, "PAGE", "1")
        pages.add_run(" of ")
        _field(pages, "NUMPAGES", "1")


def _field(paragraph: Any, code: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in as they lay out pages;
    ``shown`` until they do."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(tag: str, **attrs: str) -> None:
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        paragraph.add_run()._r.append(element)

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    paragraph.add_run()._r.append(instr)
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run(shown)
    run_with("w:fldChar", **{"w:fldCharType": "end"})
