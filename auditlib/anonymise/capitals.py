"""Words written in capitals: identifiers in headings, letterheads and address blocks
("HOLLYBANK LODGE", "SITTING AT SHEFFIELD", "MEADOWCROFT JUNIOR SCHOOL"), and initials
standing for a person the text never names in full ("BN and HC on shift", "GF (DSL) phoned
dad", "logged by TW", "— SV"). See the package docstring for the rules."""
from __future__ import annotations

import bisect
import itertools
import re

from auditlib.anonymise.names import VERB_AFTER_RE, Tok
from auditlib.anonymise.places import find_addresses, find_institutions
from auditlib.anonymise.spans import PRIORITY, Mask, Span, line_after, line_before
from auditlib.anonymise.wordlists import (
    FIRST_NAMES,
    NAME_ALSO_WORD,
    NOT_INITIALS,
    ROLES,
    STOP_WORDS,
    SURNAMES,
    TITLES,
    TOWNS,
    never_initials,
)

# a word of two or more capitals (headings, letterheads): the lines holding one are read
# again with those words written as a name is ("Hollybank Lodge"), so the finders that know
# names by their capital letter see them
_CAPS_WORD_RE = re.compile(r"(?<![\w'’])[A-Z][A-Z'’\-]*[A-Z](?![\w'’])")
_LOWER_TITLES = frozenset(t.lower() for t in TITLES)


def _as_name(word: str) -> str:
    """"MARLEY'S" → "Marley's", "KIRKBY-LONSDALE" → "Kirkby-Lonsdale"; same length."""
    return "".join(c if (i == 0 or word[i - 1] in "-") or len(c.lower()) != 1 else c.lower()
                   for i, c in enumerate(word))


def capitals_view(text: str) -> tuple[str, list[int], list[tuple[int, int]]] | None:
    """The lines that hold a word of three capitals or more, one under another, with every
    word in capitals written as names are; where each line starts in the text; and where the
    words in capitals are. None when no line has one."""
    capitals = never_initials()
    words = [m for m in _CAPS_WORD_RE.finditer(text)
             if m.group(0) not in capitals and m.group(0) not in NOT_INITIALS]
    if not any(m.end() - m.start() > 2 for m in words):
        return None
    starts: list[int] = []
    pieces: list[str] = []
    for m in words:
        start = text.rfind("\n", 0, m.start()) + 1
        if m.end() - m.start() > 2 and (not starts or starts[-1] != start):
            end = text.find("\n", m.start())
            starts.append(start)
            pieces.append(text[start:len(text) if end < 0 else end])
    lines = "\n".join(pieces)
    view = list(lines)
    offset = {start: sum(len(p) + 1 for p in pieces[:i]) for i, start in enumerate(starts)}
    for m in words:
        line = text.rfind("\n", 0, m.start()) + 1
        if line in offset:
            at = offset[line] + m.start() - line
            view[at:at + m.end() - m.start()] = _as_name(m.group(0))
    return "".join(view), starts, [m.span() for m in words]


def capital_places(text: str, protected: Mask) -> list[Span]:
    """Schools, services, buildings, addresses and towns written in capitals, found as they
    would be written with capital letters only at the start of each word."""
    found = capitals_view(text)
    if found is None:
        return []
    view, starts, words = found
    # where each line is in the view, and the practice terms there
    at, view_starts = 0, []
    shielded = Mask(len(view))
    for start in starts:
        view_starts.append(at)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        shielded.taken[at:at + end - start] = protected.taken[start:end]
        at += end - start + 1
    out = []
    for span in find_institutions(view, shielded) + find_addresses(view, shielded):
        i = bisect.bisect_right(view_starts, span.start) - 1
        line_end = view_starts[i + 1] - 1 if i + 1 < len(view_starts) else len(view)
        if span.end > line_end:
            continue        # the lines are not one under another in the text
        span.start += starts[i] - view_starts[i]
        span.end += starts[i] - view_starts[i]
        if any(s < span.end and span.start < e for s, e in words):
            out.append(span)
    for start, end in words:
        low = text[start:end].lower()
        if low in TOWNS:        # "SITTING AT SHEFFIELD"
            out.append(Span(start, end, "address", PRIORITY["address"] - 1,
                            key=("place", low)))
    return out


def capital_names(text: str, toks: list[Tok], mask: Mask) -> list[Span]:
    """A person's name in capitals: a listed first name before another word in capitals that
    is not a common word ("TYLER BRANNIGAN"), or a title before one ("MRS OKORO")."""
    out = []
    for tok, nxt in itertools.pairwise(toks):
        if not (tok.allcaps and nxt.allcaps and re.fullmatch(r"[ \t]+", text[tok.end:nxt.start])):
            continue
        title = tok.low.rstrip(".") in _LOWER_TITLES
        given = tok.low in FIRST_NAMES and tok.low not in NAME_ALSO_WORD \
            and tok.low not in STOP_WORDS
        surname = nxt.low not in STOP_WORDS or nxt.low in SURNAMES
        if not ((title or given) and surname and len(nxt.core) > 2
                and nxt.core not in never_initials()):
            continue
        start = nxt.start if title else tok.start
        if mask.free(start, nxt.end):
            words = (nxt.core.title(),) if title else (tok.core.title(), nxt.core.title())
            out.append(Span(start, nxt.end, "name", PRIORITY["name"], words=words,
                            title=tok.core.title() if title else ""))
    return out + _surname_first(text, mask)


# a police or court record puts the surname first, in capitals: "DANFORTH, Lewis",
# "DANFORTH L", "SMITH J (DOB …)"; the initial with no word in lower case after it
_SURNAME_FIRST_RE = re.compile(
    r"(?<![\w'’\-])(?P<surname>[A-Z][A-Z'’\-]*[A-Z])(?:,[ \t]*(?P<given>[A-Z][a-z][\w'’\-]*)"
    r"|[ \t]+(?P<initial>[A-Z])(?![\w'’&/\-])(?!\.?[ \t]+[a-z]))")


def _surname_first(text: str, mask: Mask) -> list[Span]:
    out = []
    capitals = never_initials()
    for m in _SURNAME_FIRST_RE.finditer(text):
        surname, given, initial = m.group("surname"), m.group("given"), m.group("initial")
        low = surname.lower()
        if len(surname) < 3 or surname in capitals or surname in NOT_INITIALS \
                or (low in STOP_WORDS and low not in SURNAMES) or low in TOWNS \
                or (given and given.lower() not in FIRST_NAMES) or initial in ("I", "A"):
            continue
        if mask.free(m.start(), m.end()):
            words = (surname.title(),) + ((given,) if given else ())
            out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] + 1, words=words))
    return out


# initials used as a person: a verb after, a role or shift in brackets after ("GF (DSL)",
# "AJ (sleep-in)"), "by", "with", "and"… before, a speaker or signature on its own ("08:15 –
# LM: Rang the nurse", "— SV"), or beside another person's initials ("EB and CK", "BN, HC")
_INITIALS_RE = re.compile(r"(?<![\w'’\-/&.@])[A-Z]{2,3}(?![\w'’\-/&@]|\.\w)")
_BRACKET_WORDS = (r"(?i:sleep[ \t\-]*in|waking[ \t]+night|bank|agency|on[ \t]+shift|senior|"
                  r"deputy|lead|manager|keyworker|key[ \t]+worker|staff|shift[ \t]+lead|"
                  r"relief|student|trainee|locum|cover|acting)")
_ROLE_IN_BRACKETS = re.compile(
    r"[ \t]*\((?:[^)\n]{0,20}?\b)?(?:" + "|".join(
        re.escape(r) for r in sorted(ROLES, key=len, reverse=True)) + "|" + _BRACKET_WORDS
    + r"|[A-Z]{2,5})\b[^)\n]{0,20}\)")
_BY_BEFORE = re.compile(r"(?i)\b(?:by|with|and|to|from|told|asked|informed|alerted|cc|"
                        r"called|rang|phoned|emailed|per|via)[ \t]+$|[&/][ \t]*$")
_SPEAKER = re.compile(r"(?:^|[\d:.]+[ \t]*[\-–—][ \t]*|[\-–—][ \t]*)$")
# (not a label before its number: "UPN: H8212…", "ref: 4471")
_SPEAKER_AFTER = re.compile(r"[ \t]*:[ \t]*(?![A-Za-z]*\d)|[ \t]*$")
# a word of a thing after: "and TB screening", "by PEG feed" are no person
_NOUN_AFTER = re.compile(r"[ \t]+([a-z][\w\-]*)")
_PAIR_AFTER = re.compile(r"[ \t]*(?:,|and|&|/)[ \t]*([A-Z]{2,3})(?![\w'’\-/&@])")


def _noun_after(after: str) -> bool:
    word = _NOUN_AFTER.match(after)
    return bool(word) and word.group(1) not in STOP_WORDS and not VERB_AFTER_RE.match(after)


def staff_initials(text: str, mask: Mask, protected: Mask) -> list[Span]:
    """Initials of two or three capitals that stand for a person (see the rules above) and are
    no practice acronym nor inside a practice term (``protected``): every mention of them
    goes, under one placeholder each."""
    capitals = never_initials()

    def candidate(core: str) -> bool:
        return core not in capitals and core not in NOT_INITIALS \
            and core.lower() not in STOP_WORDS and core.lower() not in _LOWER_TITLES

    hits = [m for m in _INITIALS_RE.finditer(text)
            if candidate(m.group(0)) and protected.free(m.start(), m.end())]
    if not hits:
        return []
    people: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for m in hits:
        core = m.group(0)
        before, after = line_before(text, m.start()), line_after(text, m.end())
        pair = _PAIR_AFTER.match(after)
        if pair and candidate(pair.group(1)):
            pairs.append((core, pair.group(1)))
        if core in people:
            continue
        if (VERB_AFTER_RE.match(after) or _ROLE_IN_BRACKETS.match(after)
                or (_BY_BEFORE.search(before[-12:]) and not _noun_after(after))
                or (_SPEAKER.search(before) and _SPEAKER_AFTER.match(after))
                or (pair and candidate(pair.group(1)))):
            people.add(core)
    for _ in range(2):          # "BN, HC and …": beside a person's initials, a person's
        people |= {b for a, b in pairs if a in people} | {a for a, b in pairs if b in people}
    out = []
    for m in hits:
        if m.group(0) in people and mask.free(m.start(), m.end()):
            span = Span(m.start(), m.end(), "name", PRIORITY["name"] - 10, words=(m.group(0),))
            span.key = ("initials", m.group(0))
            out.append(span)
    return out
