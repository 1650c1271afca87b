"""Words written in capitals: identifiers in headings, letterheads and address blocks
("HOLLYBANK LODGE", "SITTING AT SHEFFIELD", "MEADOWCROFT JUNIOR SCHOOL"), and initials
standing for a person the text never names in full ("BN and HC on shift", "GF (DSL) phoned
dad", "logged by TW", "— SV"). See the package docstring for the rules.

Longer than 500 lines because every finder here reads the same view of the text's capitals
(headings, surnames first, family lists, staff initials) and shares its tests of a word in
capitals; apart, each module would import the others' private helpers."""
from __future__ import annotations

import bisect
import itertools
import re

from auditlib.anonymise.english import folded, is_english
from auditlib.anonymise.identifiers import POLICE_RANKS
from auditlib.anonymise.names import (
    AGE_AFTER_RE,
    DOTTED_INITIALS_RE,
    VERB_AFTER_RE,
    Tok,
    letter_label,
    person_initials,
)
from auditlib.anonymise.places import find_addresses, find_institutions
from auditlib.anonymise.spans import PRIORITY, Mask, Span, line_after, line_before
from auditlib.anonymise.wordlists import (
    FIRST_NAMES,
    NAME_ALSO_WORD,
    NAME_STOP_WORDS,
    NOT_INITIALS,
    ROLES,
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
        if any(s < span.end and span.start < e for s, e in words) \
                and (not _heading_of_words(text, span) or _council(text[span.start:span.end])):
            out.append(span)
    for start, end in words:
        low = text[start:end].lower()
        if low in TOWNS:        # "SITTING AT SHEFFIELD"
            out.append(Span(start, end, "address", PRIORITY["address"] - 1,
                            key=("place", low)))
        elif _unknown_capitals(text[start:end]) and protected.free(start, end):
            # a word no dictionary or list holds, opening a heading or after a place word:
            # "HARROWMERE EDT", "SITTING AT NORTHBRIDGE" (elsewhere a person: capital_names)
            before = line_before(text, start)
            if _heading(text, start) and (not before.strip()
                                          or _PLACE_BEFORE_CAPITALS.search(before)):
                out.append(Span(start, end, "address", PRIORITY["address"] - 2,
                                key=("place", low)))
    return out


def _council(name: str) -> bool:
    """"HIGHLAND COUNCIL", "MOORFIELD DISTRICT COUNCIL": a council's name is its place, words of
    the language or not (never "CHILDREN IN CARE COUNCIL", a kept term)."""
    words = name.upper().split()
    return len(words) >= 2 and words[-1] == "COUNCIL" and any(
        w.lower() not in NAME_STOP_WORDS for w in words[:-1])


def _heading_of_words(text: str, span: Span) -> bool:
    """"ANNUAL REVIEW OF FOSTER CARERS", "ARRESTED FOR DRINK DRIVE": words of the language in
    capitals, with no house number in or before them, name no address whatever type word they
    end in."""
    numbered = re.search(r"\d[\w/\-]*[ \t,]*\Z", line_before(text, span.start))
    return span.kind == "address" and _heading(text, span.start) \
        and not numbered and not any(c.isdigit() for c in text[span.start:span.end]) \
        and all(is_english(w) or w.lower() in NAME_STOP_WORDS
                for w in re.findall(r"[A-Za-z'’\-]+", text[span.start:span.end]))


_PLACE_BEFORE_CAPITALS = re.compile(r"\b(?:AT|IN|FROM|TO|NEAR|OF)[ \t]+\Z")


def _heading(text: str, i: int) -> bool:
    """Whether the line round ``i`` is written all in capitals: there an unknown word is a
    place or person; in prose it is more likely a system's acronym ("WCCIS no. 3308172")."""
    return not any(c.islower() for c in line_before(text, i) + line_after(text, i))


def _unknown_capitals(word: str) -> bool:
    core = word[:-2] if word.endswith(("'S", "’S")) else word
    return (len(core) >= 5 and core.isalpha() and any(c in "AEIOUY" for c in core)
            and core not in never_initials() and core not in NOT_INITIALS
            and core.lower() not in NAME_STOP_WORDS and core.lower() not in FIRST_NAMES
            and core.lower() not in SURNAMES and not is_english(core))


def _name_in_capitals(word: str) -> bool:
    """A word in capitals that may be a name: a listed given name or surname, or a word no
    dictionary or list holds ("OKONKWO", "WARSAME-CLARKE"); never an acronym or a town."""
    low = folded(word.lower())      # "NGUYỄN" is Nguyen
    if word in never_initials() or word in NOT_INITIALS or low in TOWNS or len(word) < 2:
        return False
    return low in FIRST_NAMES or low in SURNAMES or (
        len(word) >= 3 and low not in NAME_STOP_WORDS and any(c in "AEIOUY" for c in word)
        and not is_english(word))


# a police rank, then the officer's collar number, then the name: "PC 5521 ADEYEMI"
_COLLAR_RE = re.compile(r"[ \t]+\d{2,6}[ \t]+")
_RANKS = frozenset(r.upper() for r in POLICE_RANKS)


# a form's field label, then the name: "Pupil: ", "Young person (YP): "
# (or its dot leaders: "Name ........ Dean HOLLIS")
_FIELD_LABEL_RE = re.compile(r"(?:^|[ \t]{2}|\t)[ \t]*[A-Z][\w ()'’/\-]{0,30}?"
                             r"(?::|[ \t]*\.{3,})[ \t]*$")


def _surname_in_capitals(text: str, toks: list[Tok], i: int) -> int | None:
    """"IP: Andreea IONESCU dob …", "SUSP: Connor WALSH", "Name: Harpreet Kaur SANDHU": given
    names, then the surname in capitals as police, court and form lists write it; a given name
    the lists know, or an age or date of birth after, and never a word of a sentence in capitals
    ("Sam SAID NO"). The index of the first given name, or None."""
    tok, nxt = toks[i], toks[i + 1]
    word = _name_in_capitals(nxt.core)
    # a given name that is also a word ("Dean", "Hope") straight after a form's field label
    labelled = tok.low in NAME_STOP_WORDS and tok.low in FIRST_NAMES and bool(
        _FIELD_LABEL_RE.search(line_before(text, tok.start))) and word
    if not (tok.capitalised and not tok.possessive and len(tok.core) > 1
            and text[tok.end:nxt.start] == " " and (tok.low not in NAME_STOP_WORDS or labelled)
            and (word or (len(nxt.core) >= 4 and nxt.core.isalpha() and nxt.low not in TOWNS
                          and nxt.core not in never_initials() and nxt.core not in NOT_INITIALS
                          and nxt.low not in NAME_STOP_WORDS))):
        return None
    first = i       # up to two more given names before: "Jayden Lee", "Gurpreet Singh"
    while first > max(0, i - 2) and text[toks[first - 1].end:toks[first].start] == " " \
            and toks[first - 1].capitalised and not toks[first - 1].possessive \
            and toks[first - 1].low not in NAME_STOP_WORDS and not toks[first].sentence_start \
            and (toks[first - 1].low in FIRST_NAMES or not is_english(toks[first - 1].low)):
        first -= 1
    after = line_after(text, nxt.end + (2 if nxt.possessive else 0))
    if re.match(r"[ \t]+[A-Z]{2,}(?![\w'’])", after) and not AGE_AFTER_RE.match(after):
        return None
    # an Arabic family name in capitals with its article says surname by itself: "Arwa Saleh
    # AL-QADHI,"
    if AGE_AFTER_RE.match(after) or re.fullmatch(r"(?:AL|EL|ABU|BIN|BINT|ABD)-[A-Z]{3,}", nxt.core):
        return first
    known = any(t.low in FIRST_NAMES and t.low not in NAME_ALSO_WORD for t in toks[first:i + 1]) \
        or bool(_FIELD_LABEL_RE.search(line_before(text, toks[first].start)))
    # a surname that is also a word ("CASTLE") where a form's field ends: the line's end, a
    # bracket or comma, or the next field two spaces on
    field_ends = bool(re.match(r"(?:[ \t]*$|[ \t]*[,;:()]|[ \t]{2}|\t)", after))
    if known and (word or field_ends):
        return first
    return None


def capital_names(text: str, toks: list[Tok], mask: Mask) -> list[Span]:
    """A person's name in capitals: a listed first name before another word in capitals that
    is not a common word ("TYLER BRANNIGAN"), a title before one or more ("MRS OKORO", "MR
    FEROZ HAKIMI", "PC 5521 ADEYEMI"), an initial before a surname ("K MORLEY")."""
    out = []
    for i, (tok, nxt) in enumerate(itertools.pairwise(toks)):
        if not nxt.allcaps:
            continue
        gap = text[tok.end:nxt.start]
        if tok.core in _RANKS and _COLLAR_RE.fullmatch(gap) and _name_in_capitals(nxt.core) \
                and mask.free(nxt.start, nxt.end):
            out.append(Span(nxt.start, nxt.end, "name", PRIORITY["name"],
                            words=(nxt.core.title(),), title=tok.core))
            continue
        # ("MR A MACLEOD": after a title, "A" is an initial)
        if tok.initial and (tok.core not in ("I", "A") or (
                i > 0 and toks[i - 1].low.rstrip(".") in _LOWER_TITLES
                and re.fullmatch(r"\.?[ \t]+", text[toks[i - 1].end:tok.start]))) \
                and re.fullmatch(r"[ \t]+", gap) and not letter_label(text, tok.start) \
                and (nxt.low in SURNAMES or _unknown_capitals(nxt.core)) \
                and mask.free(tok.start, nxt.end):
            out.append(Span(tok.start, nxt.end, "name", PRIORITY["name"],
                            words=(tok.core, nxt.core.title())))
            continue
        first = _surname_in_capitals(text, toks, i)
        if first is not None:
            # the given names may be taken already ("Imani" by the lists): the rest goes
            while first <= i and not mask.free(toks[first].start, nxt.end):
                first += 1
            if mask.free(nxt.start, nxt.end):
                start = toks[first].start if first <= i else nxt.start
                words = tuple(t.core for t in toks[first:i + 1]) + (nxt.core.title(),)
                out.append(Span(start, nxt.end, "name", PRIORITY["name"], words=words))
            continue
        if not (tok.allcaps and re.fullmatch(r"[ \t]+", gap)):
            continue
        title = tok.low.rstrip(".") in _LOWER_TITLES
        given = tok.low in FIRST_NAMES and tok.low not in NAME_ALSO_WORD \
            and tok.low not in NAME_STOP_WORDS
        surname = nxt.low not in NAME_STOP_WORDS or nxt.low in SURNAMES
        if given and VERB_AFTER_RE.match(" " + nxt.low + " "):
            # "WHO KACPER CARES FOR": the heading's verb stays, the name goes
            if mask.free(tok.start, tok.end):
                out.append(Span(tok.start, tok.end, "name", PRIORITY["name"],
                                words=(tok.core.title(),)))
            continue
        if not ((title or given) and surname and len(nxt.core) > 2
                and nxt.core not in never_initials()):
            continue
        start, last = nxt.start if title else tok.start, i + 1
        # "MR FEROZ HAKIMI": the words of a name after the title go with it, and after given
        # names ("TOBI JAMES FLEET", "CERYS ANGHARAD PRITCHARD-MORGAN")
        while last + 1 < min(len(toks), i + 4) and toks[last + 1].allcaps \
                and re.fullmatch(r"[ \t]+", text[toks[last].end:toks[last + 1].start]) \
                and _name_in_capitals(toks[last + 1].core):
            last += 1
        nxt = toks[last]
        if mask.free(start, nxt.end):
            words = tuple(t.core.title() for t in toks[i + 1 if title else i:last + 1])
            out.append(Span(start, nxt.end, "name", PRIORITY["name"], words=words,
                            title=tok.core.title() if title else ""))
    for tok in toks:
        # "WHAT TAFADZWA WANTS": a word in capitals no dictionary or list holds
        if tok.allcaps and _unknown_capitals(tok.core) and mask.free(tok.start, tok.end) \
                and _heading(text, tok.start):
            out.append(Span(tok.start, tok.end, "name", PRIORITY["name"] - 1,
                            words=(tok.core.title(),)))
    for start, end, surname, _ in family_lists(text):
        if mask.free(start, end):
            out.append(Span(start, end, "name", PRIORITY["name"], words=(surname.title(),)))
    return out + _surname_first(text, mask)


# a caseload or supervision record lists each family by its surname in capitals, then the
# children by their initials and age: "2. OKAFOR - JO (9), TO (6). CIN." The initials end
# with the surname's letter, which tells the family from a heading ("SUMMARY - …")
_FAMILY_LINE_RE = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[.)][ \t]*)?(?P<surname>[A-Z][A-Z'’\-]*[A-Z])(?![\w'’])"
    r"[ \t]*[\-–—:][ \t]*(?P<rest>[^\n]*)")
_AGE_IN_BRACKETS = (r"[ \t]*\([ \t]*(?:aged?[ \t]*)?\d{1,2}[ \t]*(?:yrs?|years?|y/?o|mths?|"
                    r"months?)?[ \t]*[,)]")
_CHILD_INITIALS_RE = re.compile(r"(?<![\w'’\-/&.@])(?P<core>[A-Z]{2,3})(?=" + _AGE_IN_BRACKETS
                                + ")")


def family_lists(text: str) -> list[tuple[int, int, str, set[str]]]:
    """Each family a record lists by its surname in capitals with its children's initials
    and ages: where the surname is, the surname, and the children's initials."""
    out = []
    for m in _FAMILY_LINE_RE.finditer(text) if "(" in text else ():
        surname = m.group("surname")
        if len(surname) < 3 or surname in never_initials() or surname in NOT_INITIALS \
                or surname.lower() in TOWNS:
            continue
        cores = {c.group("core") for c in _CHILD_INITIALS_RE.finditer(m.group("rest"))
                 if c.group("core")[-1] == surname[0]}
        if cores:
            out.append((m.start("surname"), m.end("surname"), surname, cores))
    return out


# a police or court record puts the surname first, in capitals: "DANFORTH, Lewis",
# "DANFORTH L", "SMITH J (DOB …)" (the initial with no word in lower case after it), or all
# in capitals with up to three given names: "OYELOWO-HART, TEMI ADUKE"
_SURNAME_FIRST_RE = re.compile(
    r"(?<![\w'’\-])(?P<surname>[A-Z][A-Z'’\-]*[A-Z])(?:,[ \t]*(?P<given>[A-Z][a-z][\w'’\-]*)"
    r"|,[ \t]*(?P<givens>[A-Z][A-Z'’\-]*[A-Z](?:[ \t]+[A-Z][A-Z'’\-]*[A-Z]){0,3})(?![\w'’\-])"
    r"|[ \t]+(?P<initial>[A-Z])(?![\w'’&/\-])(?!\.?[ \t]+[a-z])(?!\.[A-Za-z]\.))")


# a listed surname in capitals, in any alphabet's letters, before the given names, as Vietnamese,
# Chinese and Korean names are written: "NGUYỄN Văn Hùng", "WANG Xiu Ying"
_SURNAME_BEFORE_GIVEN_RE = re.compile(r"(?<![\w'’\-])(?P<surname>[^\W\d_]{2,})(?=[ \t]+"
                                      r"[^\W\d_a-z][^\W\d_A-Z])")

_FIELD_END_RE = re.compile(r"[ \t]*(?:[|,;(]|\r?\n|\Z|[ \t]{2}|\t)")


def _given_after_surname(text: str, surname: str, given: str, end: int) -> bool:
    """"DANFORTH, Lewis": a listed given name (each part of a double-barrelled one,
    "Brooke-Lily"); or, where a list's field ends after it ("HUSSEIN, Amal | 11/12"), any
    word no dictionary holds after a surname in capitals that may be one."""
    low = given.lower()
    if low in FIRST_NAMES or all(p in FIRST_NAMES for p in low.split("-") if p):
        return True
    return (_name_in_capitals(surname) and low not in NAME_STOP_WORDS and not is_english(low)
            and bool(_FIELD_END_RE.match(text, end)))


# a family or a baby by its surname in capitals: "PEARSON baby (no forename yet)", "the OKAFOR
# family", "KOWALSKI twins"
_SURNAME_OF_FAMILY_RE = re.compile(
    r"(?<![\w'’\-])(?P<surname>[A-Z][A-Z'’\-]*[A-Z])(?=[ \t]+(?:baby|babies|twins|family|"
    r"families|household|children|siblings|boys|girls)\b)")


# Chinese, Korean and Vietnamese family names of two letters, in capitals
_SHORT_FAMILY_NAMES = frozenset({"LI", "WU", "XU", "HU", "MA", "HE", "YU", "LU", "GU", "SU",
                                 "DU", "FU", "YE", "LO", "HO", "NG", "KO", "OH", "IM", "YI",
                                 "MO", "QI", "VU", "DO", "LY"})


def _given_name_like(word: str) -> bool:
    """A listed given name or surname, with or without its accents ("Văn", "Xiu"), or a word
    no dictionary holds."""
    low = word.lower()
    return folded(low) in FIRST_NAMES or folded(low) in SURNAMES or (
        low not in NAME_STOP_WORDS and not is_english(low))


# a newborn by its surname in capitals after "Baby boy" (no given name yet): "Baby boy
# OKONJO-REID", "Baby girl NOWAK"
_BABY_SURNAME_RE = re.compile(r"\b(?i:baby[ \t]+(?:boy|girl)|twin[ \t]+(?:1|2|one|two|a|b))"
                              r"[ \t]+(?P<surname>[A-Z][A-Z'’\-]*[A-Z])(?![\w'’])")


def _surname_first(text: str, mask: Mask) -> list[Span]:
    out = []
    capitals = never_initials()
    for m in _BABY_SURNAME_RE.finditer(text) if "aby" in text or "win" in text else ():
        surname = m.group("surname")
        if surname not in capitals and surname not in NOT_INITIALS \
                and all(_name_in_capitals(part) for part in surname.split("-") if part) \
                and mask.free(m.start("surname"), m.end()):
            out.append(Span(m.start("surname"), m.end(), "name", PRIORITY["name"] + 1,
                            words=(surname.title(),)))
    for m in _SURNAME_OF_FAMILY_RE.finditer(text):
        surname = m.group("surname")
        if len(surname) >= 3 and surname not in capitals and surname not in NOT_INITIALS \
                and _name_in_capitals(surname) and mask.free(m.start(), m.end()):
            out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] + 1,
                            words=(surname.title(),)))
    for m in _SURNAME_BEFORE_GIVEN_RE.finditer(text):
        surname = m.group("surname")
        low = folded(surname.lower())
        given = re.match(r"[ \t]+([^\W\d_]+)", text[m.end():]).group(1)
        if surname in _SHORT_FAMILY_NAMES and mask.free(m.start(), m.end()) \
                and not is_english(given.lower()) and given.lower() not in NAME_STOP_WORDS:
            # "LI Xiaomei", "WU Jian": a family name of two letters, before a given name no
            # dictionary holds
            out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] + 1,
                            words=(surname.title(),)))
            continue
        if len(surname) >= 3 and surname.isupper() and low in SURNAMES \
                and low not in NAME_STOP_WORDS \
                and surname not in capitals and low not in TOWNS \
                and mask.free(m.start(), m.end()) \
                and _given_name_like(given):
            out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] + 1,
                            words=(surname.title(),)))
    for m in _SURNAME_FIRST_RE.finditer(text):
        surname, given, initial = m.group("surname"), m.group("given"), m.group("initial")
        low = surname.lower()
        if len(surname) < 3 or surname in capitals or surname in NOT_INITIALS \
                or (low in NAME_STOP_WORDS and low not in SURNAMES) or low in TOWNS \
                or (given and not _given_after_surname(text, surname, given, m.end())) \
                or initial in ("I", "A"):
            continue
        end, words = m.end(), (surname.title(),) + ((given,) if given else ())
        if m.group("givens"):
            # the given names run on while they read as names ("… ADUKE DOB" stops at DOB)
            givens = list(itertools.takewhile(lambda g: _name_in_capitals(g.group(0)),
                                              re.finditer(r"\S+", m.group("givens"))))
            if not givens or not _name_in_capitals(surname):
                continue
            end = m.start("givens") + givens[-1].end()
            words = tuple(g.group(0).title() for g in givens) + (surname.title(),)
        if mask.free(m.start(), end):
            out.append(Span(m.start(), end, "name", PRIORITY["name"] + 1, words=words))
    return out


# initials used as a person: a verb after, a role or shift in brackets after ("GF (DSL)",
# "AJ (sleep-in)"), "by", "with", "and"… before, a speaker or signature on its own ("08:15 –
# LM: Rang the nurse", "— SV"), or beside another person's initials ("EB and CK", "BN, HC")
_INITIALS_RE = re.compile(r"(?<![\w'’\-/&.@])[A-Z]{2,3}(?:(?=['’]s\b)|(?![\w'’\-/&@]|\.\w))")
_BRACKET_WORDS = (r"(?i:sleep[ \t\-]*in|waking[ \t]+night|bank|agency|on[ \t]+shift|senior|"
                  r"deputy|lead|manager|keyworker|key[ \t]+worker|staff|shift[ \t]+lead|"
                  r"relief|student|trainee|locum|cover|acting)")
_ROLE_IN_BRACKETS = re.compile(
    r"[ \t]*\((?:[^)\n]{0,20}?\b)?(?:" + "|".join(
        re.escape(r) for r in sorted(ROLES, key=len, reverse=True)) + "|" + _BRACKET_WORDS
    + r"|[A-Z]{2,5})\b[^)\n]{0,20}\)")
# what the text calls initials: "(13 yrs, initials K.N.)", "initials: KN"
_INITIALS_WORD_BEFORE = re.compile(r"(?i)\binitials?[ \t]*[:\-]?[ \t]*\Z")
_BY_BEFORE = re.compile(r"(?i)\b(?:by|with|and|to|from|told|asked|informed|alerted|cc|"
                        r"called|rang|phoned|emailed|per|via)[ \t]+$|[&/][ \t]*$")
_SPEAKER = re.compile(r"(?:^|[\d:.]+[ \t]*[\-–—][ \t]*|[\-–—][ \t]*)$")
# (not a label before its number: "UPN: H8212…", "ref: 4471")
_SPEAKER_AFTER = re.compile(r"[ \t]*:[ \t]*(?![A-Za-z]*\d)|[ \t]*$")
# a log's entry for a person opening its line, a dash after: "JJ - quiet, asked about her"
_ENTRY_AFTER = re.compile(r"[ \t]+[\-–—][ \t]+[a-z]")
# a note signed with its writer's initials and the date: "… NOT FOR SENDING - PR 13/3/25"
_SIGNED_DATE_AFTER = re.compile(r"[ \t]+\d{1,2}/\d{1,2}/\d{2,4}[ \t]*$")
# a word of a thing after: "and TB screening", "by PEG feed" are no person
_NOUN_AFTER = re.compile(r"[ \t]+([a-z][\w\-]*)")
_PAIR_AFTER = re.compile(r"[ \t]*(?:,|and|&|/|\+)[ \t]*([A-Z]{2,3})(?![\w'’\-/&@])")
# a line's label naming who is listed after it: "YP in home tonight: KD, SN", "On shift: JT,
# MW", "Present: …" (a log's or minutes' people, by their initials)
_PEOPLE_LABEL_BEFORE = re.compile(
    r"(?i)^[ \t]*(?:[\-–•*][ \t]*)?(?:yp|young[ \t]+(?:people|persons?)|children|child|"
    r"residents?|staff|on[ \t]+shift|on[ \t]+duty|present|attendees|attending|in[ \t]+attendance"
    r"|apologies|workers?)\b[^:\n]{0,25}:[ \t]*\Z"
    # a shift's heading before its staff: "EARLY (07:00-15:00)  staff on: SH / DK",
    # "NIGHT  waking night: RA"
    r"|(?i:\b(?:staff[ \t]+on|on[ \t]+shift|waking[ \t]+nights?|sleep[ \t\-]*ins?|sleeping[ \t]+in)"
    r"[ \t]*:[ \t]*(?:[A-Za-z]{2,3}[ \t]*(?:/|,|&|\+|and)[ \t]*)*\Z)")
# who handed over, signed or took a record, by initials: "From: RB / SM   To: AK", "Signed
# off: SM", "Rec'd by: JMcG" (a form's field, at a line's start or two spaces on)
_SIGNED_LIST_RE = re.compile(
    r"(?im)(?:^|(?<=[ \t]{2})|(?<=[\t|]))[ \t]*(?P<label>from|to|handover[ \t]+(?:from|to)|"
    r"signed(?:[ \t]+off)?(?:[ \t]+by)?|(?:rec['’]?d|received|taken|completed|logged|recorded|"
    r"written|checked|authorised|entered|countersigned|reviewed|updated)[ \t]+by|author|"
    r"allocated[ \t]+(?:to|sw|worker)|key[ \t]*worker)[ \t]*:[ \t]*"
    r"(?P<list>(?-i:[A-Z]{2,3})(?:[ \t]*(?:/|,|&|\+|and)[ \t]*(?-i:[A-Z]{2,3}))*)"
    r"(?=[ \t]*(?:$|[ \t]{2}|\t|\||[ \t]+\d|[ \t]*\())")
# (never a word in capitals: "WHO'S WHO")
_GAELIC_INITIALS_RE = re.compile(r"(?<![\w'’\-])(?!WHO|TWO)[A-Z]{1,2}(?:Mc|Mac|O['’])[A-Z]"
                                 r"(?![\w'’\-])")
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:the|a|an|our|their|his|her|your)[ \t]+\Z")
# a table's column of people by their initials: its heading says who ("SW", "Worker",
# "Initials"; not "Who" or "Lead": those cells hold roles and bodies, "| CSC |", "| HT |")
_PEOPLE_HEADING = re.compile(
    r"(?i)[ \t]*(?:sw|worker|allocated(?:[ \t]+(?:worker|sw|to))?|key[ \t]*worker|staff|"
    r"initials|practitioner|assigned(?:[ \t]+to)?|case[ \t]+holder)[ \t]*")


_ROLE_LETTERS = frozenset({"TM", "DM", "YP", "CYP", "FSW", "SSW", "CSW", "ASW", "PA", "SN",
                           "PC", "DC", "DS", "DI", "SENCO", "BSO", "ATM", "HOS"})


def _signed_initials(text: str) -> dict[int, str]:
    """Initials after a record's "From:", "Signed off:", "Rec'd by:"… and in a table's column
    of workers, by where they start."""
    out = {}
    for m in _SIGNED_LIST_RE.finditer(text) if ":" in text else ():
        line = line_before(text, m.start()) + line_after(text, m.start())
        # a handover's "From: … To: …" on one line; an email's "From:" alone names a sender
        if m.group("label").lower() in ("from", "to") \
                and not re.search(r"(?i)\bfrom[ \t]*:.*\bto[ \t]*:", line):
            continue
        for item in _INITIALS_RE.finditer(m.group("list")):
            if item.group(0).lower() not in NAME_STOP_WORDS:
                out[m.start("list") + item.start()] = item.group(0)
    for m in _INITIALS_RE.finditer(text) if "\t" in text or "|" in text else ():
        if _in_people_column(text, m.start(), m.end()):
            out[m.start()] = m.group(0)
    # a role is no one's initials: "| Ring GP | SW | Friday |"
    return {at: core for at, core in out.items()
            if core.lower() not in ROLES and core not in _ROLE_LETTERS}


def _in_people_column(text: str, start: int, end: int) -> bool:
    """Initials alone in a table's cell (tab or bar between cells), under a heading that
    names a person: the table's first line, above rows of as many cells."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    sep = "\t" if "\t" in line else "|" if "|" in line else None
    if sep is None:
        return False
    cells = line.split(sep)
    column = text.count(sep, line_start, start)
    if not re.fullmatch(r"[ \t]*[A-Z'’]{2,5}[ \t]*(?:\([a-z ]{0,12}\))?[ \t]*", cells[column]):
        return False
    # the heading: the table's first line, above rows of as many cells (a "## Team" line
    # between them aside), before a blank line or a line cut otherwise
    heading = None
    above_end = line_start - 1
    for _ in range(40):
        if above_end <= 0:
            break
        above_start = text.rfind("\n", 0, above_end) + 1
        line = text[above_start:above_end]
        if not line.strip() or (sep in line and len(line.split(sep)) != len(cells)):
            break
        if sep in line and re.search(r"[A-Za-z]", line):
            heading = line.split(sep)
        above_end = above_start - 1
    return heading is not None and bool(_PEOPLE_HEADING.fullmatch(heading[column]))


# a shift's staff by their initials, in either case, after such a heading: "staff on: SH / dk"
_STAFF_LIST_RE = re.compile(
    r"(?i:\b(?:staff[ \t]+on|on[ \t]+shift|waking[ \t]+nights?|sleep[ \t\-]*ins?|sleeping[ \t]+in)"
    r"[ \t]*:[ \t]*)(?P<list>[A-Za-z]{2,3}(?:[ \t]*(?:/|,|&|\+|and)[ \t]*[A-Za-z]{2,3})*)"
    r"[ \t]*$", re.M)


# a service, team or record named by the letters before it: "email from SH hub", "with SP
# team", "by DA service", "to CP conference" (common words, so the stop list holds them)
_THINGS = frozenset({
    "hub", "hubs", "team", "teams", "service", "services", "clinic", "clinics", "unit", "units",
    "nurse", "nurses", "worker", "workers", "meeting", "meetings", "referral", "referrals",
    "plan", "plans", "panel", "panels", "conference", "conferences", "office", "offices",
    "assessment", "assessments", "appointment", "appointments", "appt", "appts", "group",
    "groups", "course", "courses", "session", "sessions", "record", "records", "notes", "report",
    "reports", "form", "forms", "screening", "feed", "feeds", "policy", "procedures",
    "protocol", "strategy", "board", "forum", "line", "helpline", "website", "app", "leaflet",
    "pathway", "programme", "project", "scheme", "provider", "providers", "medical", "medicals"})


def _noun_after(after: str) -> bool:
    word = _NOUN_AFTER.match(after)
    return bool(word) and (word.group(1) not in NAME_STOP_WORDS or word.group(1) in _THINGS) \
        and not VERB_AFTER_RE.match(after)


def staff_initials(text: str, mask: Mask, protected: Mask) -> list[Span]:
    """Initials of two or three capitals that stand for a person (see the rules above) and are
    no practice acronym nor inside a practice term (``protected``): every mention of them
    goes, under one placeholder each."""
    capitals = never_initials()

    def candidate(core: str, shorthand: bool = False) -> bool:
        # (``shorthand``: a note's shorthand, "SN", "MW", may still be listed as a person)
        return core not in capitals and (shorthand or core not in NOT_INITIALS) \
            and core.lower() not in NAME_STOP_WORDS and core.lower() not in _LOWER_TITLES

    # "victim, 17 (B.T.)": initials with stops, alone in brackets, are a person, and so are
    # they written without stops ("BT's mum"), whatever else those letters may stand for
    dotted = {}
    for m in DOTTED_INITIALS_RE.finditer(text) if "." in text else ():
        core = re.sub(r"[.\s]", "", m.group(0))
        # "T.J. (15)", 'A-R.M. "Amber" (14)', "| T.M. | 9 |": a young person, whatever else
        # the letters spell
        aged = bool(_AGE_AFTER_DOTTED_RE.match(text, m.end()) or person_initials(text, m)) \
            and not (core in ("AM", "PM")      # "3 P.M.", never "3.1 K.D. (Kayden, 15)"
                     and re.search(r"\d[ \t]*\Z", text[max(0, m.start() - 3):m.start()]))
        if ((text[m.start() - 1:m.start()] == "(" and text.startswith(")", m.end()))
                or _INITIALS_WORD_BEFORE.search(text, max(0, m.start() - 12), m.start()) or aged
                # "boy T.W. in with", "YP: L.O'D."
                or _CHILD_WORD_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
                or _PEOPLE_LABEL_BEFORE.search(line_before(text, m.start()))
                # "J.M. arrived with significant anger": a person does what the verb says
                or VERB_AFTER_RE.match(line_after(text, m.end()))) \
                and (aged or core not in capitals) and core not in _DOTTED_ABBREVIATIONS:
            dotted[core] = m
            if "-" in core:
                dotted[core.replace("-", "")] = m     # "A-M.W." is "AMW" in a table
    # a family's children by their initials ("MOHAMUD - AM (14)"), whatever else they spell
    children = {core for *_, cores in family_lists(text) for core in cores}
    hits = [(m.start(), m.end(), m.group(0)) for m in _INITIALS_RE.finditer(text)
            if (candidate(m.group(0), shorthand=True) or m.group(0) in dotted
                or (m.group(0) in children
                    and not re.search(r"\d[ \t]*\Z", text[max(0, m.start() - 3):m.start()])))
            and protected.free(m.start(), m.end())]
    hits += [(m.start(), m.end(), core) for m in DOTTED_INITIALS_RE.finditer(text)
             if (core := re.sub(r"[.\s]", "", m.group(0))) in dotted]
    # a shift's staff: every one of them a person, written in capitals or not
    shift_staff = {}
    for m in _STAFF_LIST_RE.finditer(text) if ":" in text else ():
        for item in re.finditer(r"[A-Za-z]{2,3}", m.group("list")):
            core = item.group(0)
            # (even letters that are an acronym elsewhere: "SH" on a rota is no self-harm)
            if core.lower() != "and" and core.lower() not in NAME_STOP_WORDS:
                shift_staff[m.start("list") + item.start()] = core
    # who signed, took or handed over a record, and a table's column of workers: a person,
    # whatever else the letters stand for ("TB" covering is no tuberculosis), and so are
    # their other mentions unless a thing's word follows ("TB screening")
    signed = _signed_initials(text)
    for m in _INITIALS_RE.finditer(text) if signed else ():
        if m.group(0) in signed.values() and m.start() not in signed \
                and not _noun_after(line_after(text, m.end())) \
                and not _ARTICLE_BEFORE.search(line_before(text, m.start())):
            signed[m.start()] = m.group(0)
    shift_staff.update(signed)
    listed = {start for start, _, _ in hits}
    hits += [(at, at + len(core), core.upper()) for at, core in shift_staff.items()
             if at not in listed and protected.free(at, at + len(core))]
    # "JMcG", "AO'C": initials of a Mc or O' surname are a person's, never an acronym
    gaelic_hits = list(_GAELIC_INITIALS_RE.finditer(text))
    gaelic = {m.group(0) for m in gaelic_hits}
    hits += [(m.start(), m.end(), m.group(0)) for m in gaelic_hits
             if protected.free(m.start(), m.end())]
    if not hits:
        return []
    people: set[str] = set(dotted) | children | {c.upper() for c in shift_staff.values()} \
        | gaelic
    pairs: list[tuple[str, str]] = []
    for start, end, core in hits:
        before, after = line_before(text, start), line_after(text, end)
        pair = _PAIR_AFTER.match(after)
        if pair and candidate(pair.group(1), shorthand=True):
            pairs.append((core, pair.group(1)))
        if core in people:
            continue
        if core in NOT_INITIALS:
            # shorthand ("SN" a school nurse) is a person only listed as one: "YP in: KD, SN"
            if _PEOPLE_LABEL_BEFORE.search(before):
                people.add(core)
            continue
        if (VERB_AFTER_RE.match(after) or _ROLE_IN_BRACKETS.match(after)
                or _INITIALS_WORD_BEFORE.search(before[-12:])
                or _PEOPLE_LABEL_BEFORE.search(before)
                or re.match(_AGE_IN_BRACKETS, after)        # "KT (15)": a young person
                or (_BY_BEFORE.search(before[-12:]) and not _noun_after(after))
                or (_SPEAKER.search(before) and _SPEAKER_AFTER.match(after))
                or (not before.strip() and _ENTRY_AFTER.match(after))
                or (re.search(r"[\-–—][ \t]*$", before) and _SIGNED_DATE_AFTER.match(after))
                or (pair and candidate(pair.group(1)))):
            people.add(core)
    for _ in range(2):          # "BN, HC and …": beside a person's initials, a person's
        people |= {b for a, b in pairs if a in people} | {a for a, b in pairs if b in people}
    out = []
    for start, end, core in hits:
        if core in people and mask.free(start, end):
            span = Span(start, end, "name", PRIORITY["name"] - 10, words=(core,))
            span.key = ("initials", core.replace("-", ""))     # "A-M.W." and "AMW": one
            out.append(span)
    return out


# an age in brackets after initials, a nickname in quotes between: 'A-R.M. "Amber" (14)'
# (or the given name and age in brackets: "K.D. (Kayden, 15)")
_AGE_AFTER_DOTTED_RE = re.compile(r"[ \t]*(?:[\"“][^\"”\n]{1,25}[\"”][ \t]*)?(?:"
                                  + _AGE_IN_BRACKETS + r"|[ \t]*\([ \t]*[A-Z][\w'’\-]*[ \t]*,"
                                  + _AGE_IN_BRACKETS.replace(r"\(", "", 1) + ")")
# a word for a child just before: "Yr 4 boy T.W.", "her son J.P."
_CHILD_WORD_BEFORE_RE = re.compile(r"(?i)\b(?:boy|girl|child|yp|son|daughter|brother|sister|"
                                   r"sibling|baby|pupil)[ \t]+\Z")
# letters written with stops that are words, not a person: "(U.K.)", "(a.k.a.)", "(D.O.B.)"
_DOTTED_ABBREVIATIONS = frozenset({"UK", "US", "USA", "EU", "GB", "UAE", "AKA", "RIP", "DOB",
                                   "BA", "MA", "QC", "KC", "AD", "BC", "PS", "NB", "AM", "PM",
                                   "IE", "EG", "ETA", "ASAP", "RSVP"})
