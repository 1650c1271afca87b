"""The four shipped frameworks: each loads, and its counts match the source document."""
from __future__ import annotations

import itertools
import re

import pytest

from auditlib import get_framework, list_frameworks
from auditlib.cli import main
from tests.conftest import FRAMEWORKS, SOURCES

SHIPPED = ["cla-leaving-care", "detailed-case-audit", "full-audit", "scaled-social-care"]


def test_every_file_in_frameworks_loads(capsys):
    assert [f.id for f in list_frameworks()] == SHIPPED
    assert main(["framework", "validate", *map(str, sorted(FRAMEWORKS.glob("*.yaml")))]) == 0


@pytest.mark.parametrize("framework_id", SHIPPED)
def test_records_source_and_schema_version(framework_id):
    framework = get_framework(framework_id)
    assert framework.schema_version == 1
    assert framework.source["documents"]
    assert all(rule.source.strip() for rule in framework.rules)


# the staff the source documents name, as hashes: the project must not name them, even here
REAL_PEOPLE = {"1844699de3670618", "6e451559af749297", "c2769a4df93beb87",
               "2ebba2b55c6adb0a", "0c4082dfd704fcf0"}
# the council, the trust and the consultancy behind them, likewise: a framework's
# `source.organisation` may name its organisation, the shipped documents never do
REAL_ORGANISATIONS = {"db8b94a555fe283b", "eead06ac4c9f8c6f", "5b313bce6928f869"}


def named(text: str, hashes: set[str]) -> set[str]:
    """The hashes of the words and word pairs of ``text`` (and email domains) among ``hashes``."""
    import hashlib
    words = re.findall(r"[a-z.@]+", text.lower())
    grams = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
    grams |= {w.split("@", 1)[1] for w in words if "@" in w}
    return {hashlib.sha256(g.encode()).hexdigest()[:16] for g in grams} & hashes


@pytest.mark.parametrize("framework_id", SHIPPED)
def test_names_no_real_person(framework_id):
    """The sources name staff and give addresses; the project uses role titles."""
    from pathlib import Path
    text = Path(get_framework(framework_id).path).read_text(encoding="utf-8").lower()
    assert not named(text, REAL_PEOPLE)
    assert "@" not in text and "proceduresonline" not in text


@pytest.mark.parametrize("name", sorted(p.name for p in SOURCES.iterdir()))
def test_shipped_sources_name_no_real_person_organisation_or_contact(name):
    """The published documents named staff, their council and how to reach them; the copies
    in frameworks/sources/ carry role titles in square brackets instead."""
    text = (SOURCES / name).read_text(encoding="utf-8").lower()
    assert not named(text, REAL_PEOPLE | REAL_ORGANISATIONS)
    assert "@" not in text and "proceduresonline" not in text
    assert not re.search(r"https?:|www\.|\.gov\.uk|\.co\.uk|\.org\b|\.com\b", text)
    assert not re.search(r"\+44|\b0\d{2,4}[ -]?\d{3}[ -]?\d{3,4}\b", text)  # phone numbers


def test_full_audit_against_its_source(source_text):
    """Twelve judged fields on good3 with Not applicable (field 12 the overall), field 13 the
    SMART actions; the header of the tool; the Ofsted statements of good for four strands."""
    f = get_framework("full-audit")
    assert [s.id for s in f.sections] == [f"q{i}" for i in range(1, 14)]
    for s in f.sections[:12]:
        assert s.scale.id == "good3" and s.kind == "graded"
        assert [n.id for n in s.narratives] == ["evidence", "impact"]
    assert all(s.not_applicable for s in f.sections[:11])
    assert f.overall.section == "q12"
    assert f.sections[12].kind == "actions"
    assert [h.id for h in f.header] == [
        "auditor", "audit_date", "child_id", "team", "audited_previously",
        "audited_previously_when", "age_band", "strand", "worker_spoken_to", "worker_seen_on"]
    age = next(h for h in f.header if h.id == "age_band")
    assert [c for c, _ in age.choices] == ["0", "1-5", "6-10", "11-15", "16-21"]
    assert [a["id"] for a in f.actions.fields] == ["action", "owner", "due", "signed_off"]
    document = source_text("full-audit-process.txt")
    for number, section in enumerate(f.sections[:12], start=1):
        assert f"{number}. {section.title[:30]}" in document, section.title
    statements = next(r for r in f.reference if r["id"] == "statements_of_good")
    assert len(statements["parts"]) == 4
    counts = [len(p["items"]) for p in statements["parts"]]
    assert all(c >= 9 for c in counts), counts


def test_cla_leaving_care_against_its_sources(source_text):
    f = get_framework("cla-leaving-care")
    ids = [s.id for s in f.sections]
    assert ids == ["case_recording", "involvement_of_young_people", "risk_management",
                   "supervision_management_oversight", "assessment",
                   "impact_analysis_planning_review", "overall_grade"]
    document = source_text("leaving-care-grading-criteria.txt")
    assert re.findall(r"(?:<b>|\*\*)(\d): ", document) == ["1", "2", "3", "4", "5", "6"]
    for s in f.sections[:6]:
        assert s.kind == "criteria" and s.scale.id == "ofsted4" and s.criteria
        for c in s.criteria:
            assert c.title[:20] in document, c.title
    overall = f.section("overall_grade")
    assert set(overall.descriptors) == {"outstanding", "good", "requires_improvement",
                                        "inadequate"}
    assert "sense of security and connection" in overall.descriptors["outstanding"]
    notes = " ".join(g.get("text", "") for g in f.guidance)
    assert "The child must always be at the centre of the audit" in notes


def test_scaled_social_care_against_its_source():
    f = get_framework("scaled-social-care")
    assert [s.id for s in f.sections] == [
        "summary", "risk", "child_identity", "care_planning", "living_arrangements", "outcomes",
        "themes", "actions", "grading", "observations"]
    graded = [s for s in f.sections if s.kind == "graded"]
    assert [s.id for s in graded] == ["risk", "child_identity", "care_planning",
                                      "living_arrangements", "outcomes"]
    for s in graded:
        assert s.scale.id == "score10"
        assert set(s.descriptors) == {"outstanding", "good", "requires_improvement", "inadequate"}
        assert s.areas_to_consider
    assert {fl.id: sec.id for fl, sec in ((x, s) for s in f.sections for x in s.flags)} == {
        "immediate_harm": "risk", "no_supervision": "risk", "child_not_seen": "child_identity",
        "placement_immediate_harm": "living_arrangements", "no_improved_outcomes": "outcomes"}
    assert f.overall.section == "grading"
    # the risk section's Scale 9 or above list has twenty bullets in the source
    assert len(f.section("risk").descriptors["outstanding"]) == 20


def test_detailed_case_audit_against_its_source(source_text):
    f = get_framework("detailed-case-audit")
    criteria_sections = [s for s in f.sections if s.kind == "criteria"]
    assert [s.id for s in criteria_sections] == [
        "referral_and_response", "strategy_discussion_s47", "recording", "supervision",
        "child_centred_practice", "assessment", "child_in_need_planning",
        "child_protection_planning", "looked_after_care_planning", "review"]
    assert all(s.not_applicable for s in criteria_sections)
    assert sum(len(s.criteria) for s in criteria_sections) == 62
    document = source_text("detailed-case-audit-gradings.txt")
    for s in criteria_sections:
        for c in s.criteria:
            assert set(c.descriptors) == {"outstanding", "good", "requires_improvement",
                                          "inadequate"}
            for text in c.descriptors.values():
                first = " ".join(str(text).split())[:40]
                assert first in document, (c.id, first)


def _fragments(source: str):
    """A rule's source split into the passages it quotes (joined by new lines or '…')."""
    for part in re.split(r"\n|…|\.\.\.", source):
        part = " ".join(part.split()).strip(" \"'“”‘’.;,")
        if len(part) >= 15:
            yield part


@pytest.mark.parametrize("framework_id", SHIPPED)
def test_every_rule_and_flag_quotes_its_source(framework_id, source_text):
    """Does each rule and flag carry sentences that stand, word for word, in its source?"""
    framework = get_framework(framework_id)
    text = " ".join(source_text(doc) for doc in framework.source["documents"])
    text = text.replace("’", "'").replace("‘", "'").replace("*", "")
    quoted = [(r.id, r.source) for r in framework.rules] + \
             [(f.id, f.source) for s in framework.sections for f in s.flags]
    for ident, source in quoted:
        fragments = list(_fragments(source.replace("’", "'").replace("‘", "'")))
        assert fragments, ident
        for fragment in fragments:
            assert fragment in text, (ident, fragment)
