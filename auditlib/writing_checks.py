"""The writing checks: what the moderation guidance asks a moderator to look for in the prose
of an audit (the spelling check is in :mod:`auditlib.spelling`). Pure functions, no I/O.

Each takes the record's prose as :class:`Prose` items (where, the field's label, the text) and
returns :class:`Finding` items (check id, level, where, message);
:func:`auditlib.quality_checks.moderation_checks` gathers the prose, runs these beside the
checks of the record's structure, and adds to each finding the sentence of guidance it comes
from. Acronyms and ordinary abbreviations come from the vocabulary shared with the anonymiser
(:mod:`auditlib.vocabulary`), which a council extends through ``AUDITLIB_VOCABULARY``.

Heuristics and their limits
---------------------------
* Each offending word is reported once per record, where it first occurs.
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
  acronym's first letter); a use before the explanation is not flagged. Known acronyms (those
  of the vocabulary) get their meaning suggested; an unknown two- or three-capital token is
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
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from auditlib.vocabulary import vocabulary

__all__ = ["COMMON_UPPER_WORDS", "NOT_NAMES", "Finding", "Prose", "acronyms_and_initials",
           "blunt_negatives", "classify_token", "mentions_child", "name_candidates",
           "names_child"]


def _words(text: str) -> list[str]:
    return text.split()


#: ordinary English words an auditor may write in capitals (for emphasis or a heading)
COMMON_UPPER_WORDS = frozenset(_words("""
A AN AND ARE AS AT BE BUT BY CAN DID DO FOR GO HAS HAD HE HER HIM HIS HOW IF IN IS IT ITS ME MY
NO NOR NOT NOW OF ON OR OUR OUT SHE SO THE TO TOO TWO UP US WAS WE WHO WHY YES YET YOU ALL ANY
NEW OFF OLD ONE OWN SAY SEE SET TRY USE WAY DAY GET GOT LET MAY PUT SAW SEEN DUE END FEW FAR
BIG BAD AGO ASK MUM DAD NAN NOTE ALSO ONLY VERY MUST NEVER NONE THIS THAT THEY THEM WILL NEED
NEEDS WITH FROM HAVE BEEN WERE WHEN WHAT DONE SAFE RISK PLAN HOME GOOD POOR HIGH LOW KEY ACT
AIM BOTH EACH EVERY SOME MORE MOST LESS WELL JUST EVEN STILL YEAR YEARS WEEK WEEKS DATE DATES
"""))
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


@dataclass(frozen=True)
class Prose:
    """A piece of prose in an audit record: ``where`` (a section or criterion id, or
    ``actions[i]``), ``label`` (the field in the moderator's words) and the ``text``."""

    where: str
    label: str
    text: str


class Finding(NamedTuple):
    """What a writing check found: the check's id, ``warning`` or ``info``, where, and the
    message for the moderator."""

    id: str
    level: str
    where: str
    message: str


# --------------------------------------------------------------------------- acronyms, initials

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
    vocab = vocabulary()
    spans = []
    for m in _CAPS_RUN.finditer(text):
        words = re.findall(r"[A-Z]{2,}", m.group(0))
        if not all(vocab.acronym(w) is not None for w in words):
            spans.append(m.span())
    return spans


def classify_token(token: str) -> tuple[str, str] | None:
    """``("known", KEY)`` for an acronym of the vocabulary (``KEY`` as its list writes it),
    ``("unknown", BASE)`` for other
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
    vocab = vocabulary()
    key = vocab.acronym(base)
    if key is not None:
        return "known", key
    if not _ALL_CAPS.fullmatch(base) or sum(ch.isalpha() for ch in base) < 2:
        return None
    if (base in vocab.abbreviations or base in COMMON_UPPER_WORDS or _ROMAN.fullmatch(base)
            or len(base) > 5):
        return None
    return "unknown", base


def _acronym_tokens(text: str) -> list[tuple[int, str, tuple[str, str]]]:
    """(offset, as written, classification) of each possible acronym, dotted ones
    (``C.I.N.``) included where their letters spell a known acronym."""
    found = [(m.start(), m.group(0), kind) for m in _TOKEN.finditer(text)
             if (kind := classify_token(m.group(0))) is not None]
    for m in re.finditer(r"(?<![\w.])(?:[A-Z]\.){2,}", text):
        key = vocabulary().acronym(re.sub(r"[^A-Z]", "", m.group(0)))
        if key is not None:
            found.append((m.start(), m.group(0), ("known", key)))
    return sorted(found)


def _initials(text: str) -> list[str]:
    """Initials for a person, overlapping matches joined.

    >>> _initials("Mr J.S. met Ms K, Child B and A.B.; the C.I.N. plan and U.K. are not.")
    ['Mr J.S.', 'Ms K', 'Child B', 'A.B.']
    """
    capitals = vocabulary().capitals
    spans: list[list[int]] = []
    for m in sorted((*_TITLE_INITIAL.finditer(text), *_ROLE_LETTER.finditer(text),
                     *_DOTTED.finditer(text)), key=lambda m: m.start()):
        letters = re.sub(r"[^A-Z]", "", m.group(0))
        if m.re is _DOTTED and letters in capitals:
            continue
        if spans and m.start() < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], m.end())
        else:
            spans.append([m.start(), m.end()])
    return [text[a:b].strip() for a, b in spans]


def acronyms_and_initials(texts: list[Prose], child: str | None) -> list[Finding]:
    """``initials-instead-of-name`` and ``acronym-without-meaning``; ``child`` is the child's
    first name, if known (written in capitals it is not initials)."""
    defined = _defined_acronyms(t.text for t in texts)
    name = child.upper() if child else None
    vocab = vocabulary()
    seen: set[str] = set()
    out: list[Finding] = []
    for item in texts:
        for words in _initials(item.text):
            if words in seen:
                continue
            seen.add(words)
            out.append(Finding(
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
                meaning = vocab.acronyms[base]
                level = "info" if base in vocab.everyday else "warning"
                out.append(Finding(
                    "acronym-without-meaning", level, item.where,
                    f"{item.label}: ‘{written}’ is used without saying what it means. Avoid "
                    f"acronyms: write ‘{meaning}’, or ‘{meaning} ({base})’ the first time."))
            elif len(base) <= 3:
                out.append(Finding(
                    "initials-instead-of-name", "warning", item.where,
                    f"{item.label}: ‘{written}’ looks like initials. Use the child or young "
                    "person's name (or the person's role) rather than initials, which can lead "
                    "to confusion; if it is an acronym, write it out in full."))
            else:
                out.append(Finding(
                    "acronym-without-meaning", "warning", item.where,
                    f"{item.label}: ‘{written}’ is not explained. Avoid acronyms: write it out "
                    "in full, or give its meaning the first time, e.g. ‘Words in full "
                    f"({written})’."))
    return out


# --------------------------------------------------------------------------- blunt negatives

def _suggestion(subject: str) -> str:
    subject = " ".join(subject.split())
    return f"{subject[0].upper()}{subject[1:]} could be strengthened by…"


def blunt_negatives(texts: list[Prose]) -> list[Finding]:
    """``blunt-negative``: a bare negative statement about practice, with a suggestion."""
    out: list[Finding] = []
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
                out.append(Finding(
                    "blunt-negative", "warning", item.where,
                    f"{item.label}: ‘{' '.join(words.split())}’ is a bare negative statement. "
                    "Make a suggestion for improvement instead, e.g. "
                    f"‘{_suggestion(subject)}’."))
    return out


# --------------------------------------------------------------------------- the child

def _sentence_start(text: str, start: int) -> bool:
    before = text[:start]
    stripped = before.rstrip()
    if not stripped or "\n" in before[len(stripped):]:
        return True
    return stripped[-1] in ".!?:•·*-–—\"“‘'("


def name_candidates(texts: Iterable[str]) -> set[str]:
    """Capitalised words that look like names: written mid-sentence (or possessive) somewhere
    in the record, and not a role, place or calendar word.

    >>> sorted(name_candidates(["For Sam, home is safer.", "Mum's worry eased. Police left."]))
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


def mentions_child(impact: str, names: set[str]) -> bool:
    """Does the Impact refer to a child: a child word or pronoun, a name used elsewhere in the
    record, or a capitalised word acting as a person ("Leo feels", "Leo is settled")?

    >>> mentions_child("Leo is settled at home.", set())
    True
    >>> mentions_child("Home is calmer and risks are reducing.", set())
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


def names_child(impact: str, first: str) -> bool:
    """Does the Impact name the child (``first``, any case, possessive allowed)?"""
    return re.search(rf"(?<![\w]){re.escape(first)}(?![\w])", impact, re.IGNORECASE) is not None
