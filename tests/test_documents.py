"""The Word export as it is printed and filed: A4, marked OFFICIAL-SENSITIVE, its pages numbered
"Page X of Y", and in words throughout (section titles, grades, status), never ids or 'None'."""
from __future__ import annotations

import io
import re

import pytest

from auditlib.month.documents import audit_docx
from tests.stores import submitted_audit

MARKING = "OFFICIAL-SENSITIVE"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def audits(store):
    """A full audit with a moderator's change and an action nobody has signed off, and a
    scaled-social-care audit submitted for moderation."""
    full = store.add_audit(framework="full-audit", child_id="C1", auditor="ash", user="lead",
                           moderator="mo", month="2026-11")
    for q in range(1, 13):
        store.save_answer(full, f"q{q}", user="ash",
                          grade="does_not_meet_good" if q == 3 else "meets_good",
                          evidence="Two assessments were completed.", impact="For Jo, safety.")
    store.save_answer(full, "q13", user="ash",
                      narratives={"service_actions": "Chronologies are out of date."})
    store.add_action(full, user="ash", action="Update the chronology", owner="Team manager",
                     due="2026-11-10")
    store.submit(full, user="ash")
    store.save_moderation(full, "q3", user="mo", grade="meets_good", comment="Better.")
    scaled = submitted_audit(store, moderator="mo", evidence="Visits are late.", impact="Sam.")
    return [full, scaled]


def _document(store, audit_id):
    from docx import Document

    return Document(io.BytesIO(audit_docx(store, audit_id)))


def _all_text(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_every_page_is_a4_marked_and_numbered(store, audits):
    for audit_id in audits:
        doc = _document(store, audit_id)
        for section in doc.sections:
            assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
            assert section.orientation == 0  # portrait
            assert not section.header.is_linked_to_previous or section is doc.sections[0]
            assert MARKING in [p.text for p in section.header.paragraphs]
            footer = [p.text for p in section.footer.paragraphs]
            assert MARKING in footer
            numbers = next(p for p in section.footer.paragraphs if p.text.startswith("Page "))
            fields = [t.text.strip() for t in numbers._p.iter(f"{W}instrText")]
            assert fields == ["PAGE", "NUMPAGES"]
            kinds = [f.get(f"{W}fldCharType") for f in numbers._p.iter(f"{W}fldChar")]
            assert kinds == ["begin", "separate", "end"] * 2
            assert re.fullmatch(r"Page \d+ of \d+", numbers.text)


def test_words_never_ids_or_none(store, audits):
    from auditlib.framework import get_framework

    for audit_id in audits:
        doc = _document(store, audit_id)
        framework = get_framework(store.find_audit(audit_id)["framework"])
        ids = {s.id for s in framework.sections} | {c.id for s in framework.sections
                                                    for c in s.criteria}
        headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        assert headings
        for heading in headings:
            assert heading not in ids and not re.fullmatch(r"[a-z_]+\d*", heading), heading
        sections = [h for h in headings if re.match(r"\d+\. \S", h)]
        assert len(sections) >= 5  # numbered section titles
        text = _all_text(doc)
        assert "None" not in text
        levels = {level for s in framework.sections if s.scale for level in s.scale.levels}
        for line in text.splitlines():
            if line.startswith(("Judgement:", "Moderator:", "Auditor:")):
                assert not levels & set(re.findall(r"[a-z_]+", line)), line  # words: no ids
        assert "Submitted for moderation" in text
    full = _all_text(_document(store, audits[0]))
    assert "3. Decision making is effective and timely." in full
    assert "Judgement: Does not meet good" in full
    assert "Moderator: Meets good. Better." in full
    assert "Not signed off" in full
