"""People's names: runs of capitalised words judged by the evidence around them (a title, a
role, an age, a verb, a possessive), the word lists, and every later mention and initials of a
name once seen. See the package docstring for the rules.

Longer than 500 lines because the finders of a name (runs, titles, repeats, nicknames) share
the tokens and the evidence tests (title, role, age, verb, surname lists) and are resolved
together; apart, each module would import the others' private helpers."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from auditlib.anonymise.identifiers import POLICE_RANKS
from auditlib.anonymise.spans import PRIORITY, Mask, Span, line_after, line_before
from auditlib.anonymise.wordlists import (
    FIRST_NAMES,
    MAKES,
    NAME_ALSO_WORD,
    PARTICLES,
    ROLES,
    SENTENCE_WORDS,
    STOP_WORDS,
    SURNAME_WORDS,
    SURNAMES,
    TITLES,
    TOWNS,
    VERBS,
    WEAK,
    never_initials,
)

# months that are also first names: not a name in a date context ("since April")
_MONTH_NAMES_ALSO_NAMES = frozenset({"april", "may", "june", "august", "jan"})
# unknown words ending like English words: a name only with evidence
SUFFIX_WORD_RE = re.compile(
    r"(?:tion|sion|ment|ness|ity|ing|ings|ed|ly|ance|ence|ship|ful|less|ous|ive|able|ible|ism|"
    r"ist|ise|ize|ised|ized|ates|ated|ical|ics|ward|wards|ology|ions|ments|ers|ies)$")
_TOKEN_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*(?:['’]s\b)?")
_TITLE_BEFORE_RE = re.compile(r"(?<![\w])(?:" + "|".join(TITLES) + r")\.?[ \t]+$")
ROLE_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?:" + "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True))
    + r")(?:[ \t]*[,:(\-–][ \t]*|[ \t]+(?:is|was|called|named|known[ \t]+as)[ \t]+|[ \t]+)$")
ROLE_AFTER_RE = re.compile(
    r"(?i)^[ \t]*(?:\(|[\-–][ \t]|,[ \t]*(?=(?:the[ \t]+|his[ \t]+|her[ \t]+)?(?:maternal|"
    r"paternal|mother|father|mum|dad)))[ \t]*(?:[\w'’\-]+[ \t]+){0,2}?(?:"
    + "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True)) + r")\b")
_AGE_AFTER_RE = re.compile(
    r"(?i)^(?:[ \t]*\([ \t]*(?:aged?:?[ \t]*|age[ \t]+)?\d{1,2}\b|,?[ \t]+aged?[ \t]+\d|"
    r"[ \t]*\([ \t]*(?:dob|d\.o\.b\.?|born|date of birth)\b|,?[ \t]+(?:dob|born|d\.o\.b)\b|"
    r"[ \t]*\([ \t]*\d{1,2}[ \t]*(?:years?|yrs?|y/?o|months?|mths?|weeks?)\b)")
VERB_AFTER_RE = re.compile(r"^[ \t]+(?:" + "|".join(VERBS) + r")\b")
_LIST_GAP_RE = re.compile(r"^(?:[ \t]*\([^)\n]{0,30}\))?[ \t]*(?:,[ \t]*and|,|and|&)[ \t]*$")
_DATE_CONTEXT_BEFORE = re.compile(r"(?i)(?:in|since|by|until|till|during|of|last|next|early|"
                                  r"late|mid|from|before|after|this|each|every|end of|"
                                  r"start of)[ \t]+$")


@dataclass
class Tok:
    start: int
    end: int            # end of the word, before any possessive 's
    core: str
    possessive: bool
    sentence_start: bool

    @property
    def low(self) -> str:
        return self.core.lower().replace("’", "'")

    @property
    def initial(self) -> bool:
        return len(self.core) == 1 and self.core.isupper()

    @property
    def capitalised(self) -> bool:
        return self.core[0].isupper() and not (len(self.core) > 1 and self.core.isupper())

    @property
    def allcaps(self) -> bool:
        return len(self.core) > 1 and self.core.isupper()

    @property
    def adjective(self) -> bool:
        """"Merton-compliant", "Signs-based": a capitalised word with a lower-case word
        hyphened on is a practice adjective; a double-barrelled name has two capitals."""
        return bool(re.search(r"-[a-z]+$", self.core)) and self.core[0].isupper()

    @property
    def contraction(self) -> bool:
        """"I'm", "I've", "Don't": a word and its contraction, never a name."""
        return bool(_CONTRACTION_RE.search(self.core))


_CONTRACTION_RE = re.compile(r"(?:^I['’][a-z]+|n['’]t|['’](?:m|ve|ll|re|d))$")


def _is_sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘([*•·>":
        j -= 1
    if j < 0 or text[j] in ".!?:;\n":
        return True
    if text[j] in "-–" and (j == 0 or text[j - 1] in "\n"):
        return True
    if not text[j].isdigit():
        return False
    line = line_before(text, j + 1)        # "1. Kai…", "2) Mum…"
    return bool(re.fullmatch(r"[ \t]*\d+[.)]?", line))


def tokens(text: str) -> list[Tok]:
    """Every word of the text, with its possessive and whether it opens a sentence."""
    toks = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        possessive = bool(re.search(r"['’]s$", word)) and len(word) > 2
        core = word[:-2] if possessive else word
        toks.append(Tok(m.start(), m.start() + len(core), core, possessive,
                         _is_sentence_start(text, m.start())))
    return toks


def _weak(tok: Tok) -> bool:
    """A word that is a name only with evidence (or once seen as a name)."""
    low = tok.low
    if low in WEAK:
        return True
    if tok.sentence_start and low in NAME_ALSO_WORD:
        return True
    known = low in FIRST_NAMES or low in SURNAMES or low in TOWNS      # "Kettering"
    return not known and bool(SUFFIX_WORD_RE.search(low)) and len(low) > 4


_DOTTED_INITIAL_RE = re.compile(r"\.[ \t]+[A-Z][a-z]")


def _joinable(tok: Tok, mask: Mask, text: str = "") -> bool:
    if tok.initial and _DOTTED_INITIAL_RE.match(text, tok.end) and mask.free(tok.start, tok.end):
        return True         # "A. Munro-Kerr": "A" is a word, "A." before a name an initial
    return ((tok.capitalised or tok.initial) and tok.low not in STOP_WORDS
            and tok.core not in TITLES and not tok.contraction and not tok.adjective
            and mask.free(tok.start, tok.end))


# street and landmark words that are surnames too: after a given name they are still a place
# ("Victoria Park", "Hope Street"); "Hill", "Wood", "Green", "Marsh"… are a surname there
_PLACE_AFTER_GIVEN_NAME = frozenset({"street", "lane", "park", "vale", "dale", "bank", "mill",
                                     "cross", "north", "south", "east", "west", "little"})


def _given_name_and_surname_word(text: str, cores: list[Tok]) -> bool:
    """A known given name, even one that is also a word (Hope, Dawn, Jordan), before a
    surname that is also a word (Marsh, Hill, Brook): one person, unless more capitalised
    words follow ("Jordan Hill Road") or the surname is a street word ("Hope Street")."""
    if len(cores) != 2:
        return False
    given, surname = cores
    after = line_after(text, surname.end + (2 if surname.possessive else 0))
    return (given.low in FIRST_NAMES and not given.possessive
            and (surname.low in SURNAMES or surname.low in SURNAME_WORDS)
            and surname.low not in _PLACE_AFTER_GIVEN_NAME
            and not re.match(r"[ \t]+[A-Z]", after))


def _after_make(text: str, first: Tok) -> bool:
    """The word before is a vehicle make or phone brand: this run is its model ("a Toyota
    Corolla", "a Kia Ceed")."""
    m = re.search(r"([A-Z][\w\-]*)[ \t]+$", line_before(text, first.start))
    return bool(m) and m.group(1).lower() in MAKES


def _surname_after_first_name(text: str, prev: Tok, tok: Tok, mask: Mask) -> bool:
    """A surname that is also a common word (Day, Ward, Foster, Page) straight after a known
    first name: "Kirsty Day" is one person, whatever "day" means elsewhere."""
    return (tok.capitalised and tok.low in SURNAMES and tok.core not in TITLES
            and prev.low in FIRST_NAMES and not prev.possessive
            and mask.free(tok.start, tok.end)
            and bool(re.fullmatch(r"[ \t]+", text[prev.end:tok.start])))


def _runs(text: str, toks: list[Tok], mask: Mask) -> list[list[Tok]]:
    runs: list[list[Tok]] = []
    current: list[Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if _joinable(tok, mask, text) or (current and _surname_after_first_name(text, current[-1],
                                                                           tok, mask)):
            if current:
                prev = current[-1]
                gap = text[prev.end + (2 if prev.possessive else 0):tok.start]
                ok_gap = re.fullmatch(r"[ \t]+", gap) or (prev.initial
                                                          and re.fullmatch(r"\.[ \t]*", gap))
                if not ok_gap or prev.possessive:
                    runs.append(current)
                    current = []
            current.append(tok)
        elif (current and tok.low in PARTICLES and i + 1 < len(toks)
              and _joinable(toks[i + 1], mask)
              and re.fullmatch(r"[ \t]+", text[current[-1].end:tok.start])
              and re.fullmatch(r"[ \t]+", text[tok.end:toks[i + 1].start])):
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
        i += 1
    if current:
        runs.append(current)
    return runs


def _given_name_before_surname(text: str, words: list[Tok]) -> bool:
    """An unknown first name that reads like a word (Channing, Keeling) before a listed
    surname, or after a title or role: a given name the lists lack."""
    if len(words) < 2 or (words[0].sentence_start and words[1].low not in SURNAMES):
        return False
    before = line_before(text, words[0].start)
    return (words[1].low in SURNAMES or bool(_TITLE_BEFORE_RE.search(before))
            or bool(ROLE_BEFORE_RE.search(before)))


def _surname_the_lists_lack(text: str, words: list[Tok]) -> bool:
    """"Becca Lindqvist", "B. Lindqvist": a surname ending like an English word (-ist, -ance)
    but no word the lists know, straight after a known given name or a dotted initial, and
    no more capitalised words after it ("Lorna Resilience Award" stays)."""
    if len(words) < 2:
        return False
    prev, last = words[-2], words[-1]
    given = (prev.low in FIRST_NAMES and not prev.possessive) or (
        prev.initial and text.startswith(".", prev.end))
    return (given and not last.possessive and last.low not in WEAK
            and not re.match(r"[ \t]+[A-Z]", line_after(text, last.end)))


def _in_date_context(text: str, tok: Tok) -> bool:
    before = line_before(text, tok.start)
    after = text[tok.end:tok.end + 6]
    return bool(_DATE_CONTEXT_BEFORE.search(before) or re.match(r"[ \t]+(?:\d|'\d)", after))


def name_runs(text: str, toks: list[Tok], mask: Mask) -> list[Span]:
    """Runs of capitalised words that are names by the evidence around them or the lists."""
    out: list[Span] = []
    last_end = -1
    for run in _runs(text, toks, mask):
        # "O. Ashdown": an initial with its stop is no particle ("O'Neill", "de")
        words = [t for t in run if t.low not in PARTICLES
                 or (t.initial and text.startswith(".", t.end))]
        # drop unknown words that read like English (-ed, -ing, -tion…) from either end
        while words and not words[0].initial and _weak(words[0]) and words[0].low not in WEAK \
                and words[0].low not in NAME_ALSO_WORD \
                and not _given_name_before_surname(text, words):
            words.pop(0)
        while words and _weak(words[-1]) and words[-1].low not in WEAK \
                and words[-1].low not in NAME_ALSO_WORD \
                and not _surname_the_lists_lack(text, words):
            words.pop()
        if not words or all(t.initial for t in words):
            continue
        first, last = words[0], words[-1]
        before = line_before(text, first.start)
        after = line_after(text, last.end + (2 if last.possessive else 0))
        title = _TITLE_BEFORE_RE.search(before)
        # "A. Munro-Kerr", "C. Whitcombe": an initial and its full stop before a word the
        # stop list does not know
        dotted = run[0].initial and text.startswith(".", run[0].end) and len(run) > 1
        evidence = bool(
            title or dotted or ROLE_BEFORE_RE.search(before) or _AGE_AFTER_RE.match(after)
            or ROLE_AFTER_RE.match(after) or VERB_AFTER_RE.match(after) or last.possessive
            or (last_end >= 0 and _LIST_GAP_RE.match(text[last_end:first.start])
                and len(words) == 1))
        cores = [t for t in words if not t.initial]
        strong = [t for t in cores if not _weak(t)]
        if len(cores) == 1 and cores[0].low in _MONTH_NAMES_ALSO_NAMES \
                and _in_date_context(text, cores[0]):
            continue
        if not title and ((cores and cores[0].low in MAKES and len(cores) >= 2
                           and cores[1].low not in SURNAMES and cores[1].low not in FIRST_NAMES)
                          or _after_make(text, first)):
            continue        # "a Ford Fiesta", "a Toyota Corolla": a car, not a person
        if len(cores) >= 2:
            is_name = evidence or bool(strong) or _given_name_and_surname_word(text, cores)
        else:
            tok = cores[0]
            known = tok.low in FIRST_NAMES or tok.low in SURNAMES
            # a town goes as an unknown word in mid-sentence does, wherever it stands
            is_name = (evidence or (bool(strong) and (known or not tok.sentence_start))
                       or tok.low in TOWNS)
        if not is_name:
            continue
        title_word = title.group(0).strip().rstrip(".") if title else ""
        out.append(Span(first.start, last.end, "name", PRIORITY["name"],
                        words=tuple(t.core for t in cores), title=title_word))
        last_end = last.end + (2 if last.possessive else 0)
    return out


# a police rank, then the officer's collar number, then the name: "PC 4471 Khan"
_COLLAR_GAP_RE = re.compile(r"\.?[ \t]*\d{2,6}[ \t]+")


_WORD_BEFORE_RE = re.compile(r"(?<![\w'’])([A-Z][a-z]+)[ \t]+$")


def title_names(text: str, toks: list[Tok], mask: Mask) -> list[Span]:
    """Any capitalised word after a title is a name, common word or not ("Mr Young"); after a
    police rank and collar number, a capitalised word that is not a common one, or a surname
    ("PC 4471 Young", never "PC 4471 Attended")."""
    out = []
    for i, tok in enumerate(toks[:-1]):
        if tok.core not in TITLES:
            continue
        j = i + 1
        words = []
        while j < len(toks) and len(words) < 3:
            nxt = toks[j]
            prev_end = words[-1].end if words else tok.end
            gap = text[prev_end:nxt.start]
            collar = (not words and tok.core in POLICE_RANKS
                      and bool(_COLLAR_GAP_RE.fullmatch(gap)))
            if not (re.fullmatch(r"\.?[ \t]+|\.", gap) or collar) \
                    or not (nxt.capitalised or nxt.initial) \
                    or not mask.free(nxt.start, nxt.end) or nxt.core in TITLES:
                break
            # a common word ends the name unless it is a surname after a first name or a
            # collar number ("PC Reece Ward", "PC 4471 Ward")
            surname = nxt.low in SURNAMES and (words[-1].low in FIRST_NAMES if words else collar)
            if nxt.low in STOP_WORDS and (words or collar) and not surname:
                break
            words.append(nxt)
            j += 1
            if nxt.possessive:
                break
        cores = [w for w in words if not w.initial]
        # "Named Nurse Safeguarding", "Lead Nurse Children": the title is inside a role's
        # name, so a common word after it goes on with the role
        role_word = _WORD_BEFORE_RE.search(line_before(text, tok.start))
        if cores and words[0].low in STOP_WORDS and role_word \
                and role_word.group(1).lower() in STOP_WORDS:
            continue
        if cores:
            out.append(Span(words[0].start, words[-1].end, "name", PRIORITY["name"] + 1,
                            words=tuple(w.core for w in cores), title=tok.core))
    return out


def resolve_names(spans: list[Span]) -> None:
    """Give each name span the key of the person it refers to."""
    full = {}
    for s in spans:
        if len(s.words) >= 2:
            full.setdefault((s.words[0].lower(), s.words[-1].lower()), s)
    by_first: dict[str, set] = defaultdict(set)
    by_last: dict[str, set] = defaultdict(set)
    for first, last in full:
        by_first[first].add((first, last))
        by_last[last].add((first, last))
    for s in spans:
        if s.key is not None:
            continue          # initials, resolved when found
        if len(s.words) >= 2:
            s.key = ("person", s.words[0].lower(), s.words[-1].lower())
            continue
        w = s.words[0].lower() if s.words else ""
        lasts, firsts = by_last.get(w, set()), by_first.get(w, set())
        if s.title and len(lasts) == 1:
            s.key = ("person", *next(iter(lasts)))
        elif len(lasts | firsts) == 1:
            s.key = ("person", *next(iter(lasts | firsts)))
        else:
            gender = {"mrs": "f", "ms": "f", "miss": "f", "mr": "m"}.get(s.title.lower(),
                                                                      s.title.lower())
            s.key = ("one", gender if lasts else "", w)


def _among_capitals(text: str, tok: Tok) -> bool:
    """A word in a heading written in capitals: a word before or after it is in capitals."""
    return bool(re.search(r"[A-Z]{2,}[ \t]+$", line_before(text, tok.start))
                or re.match(r"[ \t]+[A-Z]{2,}", line_after(text, tok.end)))


def name_repeats(text: str, toks: list[Tok], names: list[Span], mask: Mask,
                 lower: Mask | None = None) -> list[Span]:
    """Every other capitalised or ALL CAPS occurrence of a word seen in a name, and initials;
    in the paragraphs of ``lower`` (written in lower case) any occurrence."""
    components = {w.lower() for s in names for w in s.words if len(w) > 1}
    # a surname that is also a word (Day, Ward) recurs as the person only with care: see below
    word_surnames = {s.words[-1].lower() for s in names if len(s.words) >= 2} & STOP_WORDS
    components -= STOP_WORDS
    capitals = never_initials()
    out = []
    for tok in toks:
        if tok.initial or not mask.free(tok.start, tok.end):
            continue
        low = tok.low
        if low in word_surnames:
            # "Foster said", "asked Day": capitalised, alone (not "Day Centre", "Foster Carer"),
            # and mid-sentence unless a verb or possessive follows
            after = line_after(text, tok.end + (2 if tok.possessive else 0))
            if (tok.capitalised and not tok.allcaps
                    and not re.match(r"[ \t]+[A-Z]", after)
                    and (not tok.sentence_start or tok.possessive
                         or VERB_AFTER_RE.match(after))):
                out.append(Span(tok.start, tok.end, "name", PRIORITY["name"] - 10,
                                words=(tok.core,)))
            continue
        if low not in components and not (low.endswith("s") and low[:-1] in components):
            continue        # "the Gallaghers" for Mrs Gallagher
        if not (tok.capitalised or tok.allcaps
                or (lower is not None and all(lower.taken[tok.start:tok.end]))):
            continue
        if tok.allcaps and tok.core in capitals:
            continue
        if tok.sentence_start and low in SENTENCE_WORDS:
            continue
        if low in _MONTH_NAMES_ALSO_NAMES and _in_date_context(text, tok):
            continue
        out.append(Span(tok.start, tok.end, "name", PRIORITY["name"] - 10,
                        words=(tok.core.title() if tok.allcaps else tok.core,)))
    initials: dict[str, set] = defaultdict(set)
    for s in names:
        if len(s.words) >= 2:
            person = (s.words[0].lower(), s.words[-1].lower())
            first_parts = "".join(p[0] for p in re.split(r"-", s.words[0]) if p).upper()
            initials[s.words[0][0] + s.words[-1][0]].add(person)
            initials["".join(w[0] for w in s.words)].add(person)
            if len(first_parts) > 1:          # "KL" for Kacey-Leigh, "KLB" with the surname
                initials[first_parts].add(person)
                initials["-".join(first_parts)].add(person)      # "K-L" too
                initials[first_parts + s.words[-1][0]].add(person)
    for tok in toks:
        if tok.allcaps and tok.core in initials and tok.core not in capitals \
                and mask.free(tok.start, tok.end) and not (
                    tok.low in STOP_WORDS and _among_capitals(text, tok)):    # "MATTER OF THE"
            people = initials[tok.core]
            span = Span(tok.start, tok.end, "name", PRIORITY["name"] - 10, words=(tok.core,))
            span.key = ("person", *next(iter(people))) if len(people) == 1 else (
                "initials", tok.core)
            out.append(span)
    return out


# "Tyrese Golding aka 'T-Bone'", "(known as Deano)", "nicknamed Tiny": the nickname is the
# same person; it may be any word, capitalised or not
_NICKNAME_RE = re.compile(
    r"(?i:\b(?:aka|a\.k\.a\.?|also known as|known as|nicknamed|nickname|calls? (?:him|her|them)"
    r"self|goes by|street name|call(?:s|ed)?[ \t]+(?:him|her|them)|called)\b)[ \t:]*"
    r"(?:[\"“'‘](?P<quoted>[^\W\d_][\w'’\-]*"
    r"(?:[ \t]+[\w'’\-]+){0,2}?)[\"”'’](?![\w])|[\"“'‘]?"
    r"(?P<nick>[A-Za-z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?)(?P<quote>[\"”'’])?)")
_NICK = "nickname"


def nickname_names(text: str, mask: Mask) -> list[Span]:
    """Nicknames introduced as such; quoted, or capitalised when not quoted."""
    out = []
    for m in _NICKNAME_RE.finditer(text):
        group = "quoted" if m.group("quoted") else "nick"      # "aka 'lil d'": all of it
        nick = m.group(group)
        quoted = group == "quoted" or m.group("quote") is not None
        if not quoted and (not nick[0].isupper() or nick.lower() in STOP_WORDS):
            continue        # "called the police", "known as a good dad"
        if all(w in STOP_WORDS for w in nick.lower().split()):
            continue        # "known as 'the big man'": words, not a name
        if not mask.free(m.start(group), m.end(group)):
            continue
        out.append(Span(m.start(group), m.end(group), "name", PRIORITY["name"] + 1,
                        words=(nick,), title=_NICK))
    return out


def link_nicknames(spans: list[Span]) -> None:
    """A nickname written just after a full name gets that person's placeholder, and so does
    every later mention of the nickname alone."""
    spans.sort(key=lambda s: s.start)
    alias: dict[str, object] = {}
    for i, s in enumerate(spans):
        if s.title == _NICK:
            before = [p for p in spans[:i] if p.end <= s.start and s.start - p.end <= 40
                      and len(p.words) >= 2]
            if before:
                s.key = before[-1].key
                alias[s.words[0].lower()] = s.key
    for s in spans:
        if s.title != _NICK and len(s.words) == 1 and s.words[0].lower() in alias:
            s.key = alias[s.words[0].lower()]


# a short name that is also a month's abbreviation ("Dec" for Declan, "Aug" for Augustus),
# used as a person: a verb after, "with"… before, beside another name, or spoken to (", Dec.")
_MONTH_NICKNAME_RE = re.compile(r"(?<![\w'’])(?:Jan|Feb|Apr|Aug|Sept|Oct|Nov|Dec)(?![\w'’])")
_WITH_BEFORE_RE = re.compile(r"(?i)\b(?:with|told|asked|thanked|reminded|praised|"
                             r"congratulated|gave)[ \t]+$")
_SPOKEN_TO_RE = re.compile(r"^[ \t]*[.!?](?:\s|$)")


def month_nicknames(text: str, names: list[Span], mask: Mask) -> list[Span]:
    """A month's abbreviation used as a person is a name, never a date; with a month's
    number, year or "of" round it, it is a date (found before the names)."""
    out = []
    named = [s for s in names if s.kind == "name"]
    for m in _MONTH_NICKNAME_RE.finditer(text):
        if not mask.free(m.start(), m.end()):
            continue
        before, after = line_before(text, m.start()), line_after(text, m.end())
        if re.match(r"[ \t]*(?:\d|['’]\d|of\b)", after) or _DATE_CONTEXT_BEFORE.search(before):
            continue
        # in a list of people: "Kai, Dec and Mo", "Mo and Dec"
        listed = any((s.end <= m.start() and _LIST_GAP_RE.match(text[s.end:m.start()]))
                     or (m.end() <= s.start and _LIST_GAP_RE.match(text[m.end():s.start]))
                     for s in named if abs(s.start - m.start()) < 40)
        if (VERB_AFTER_RE.match(after) or _WITH_BEFORE_RE.search(before) or listed
                or (before.rstrip().endswith(",") and _SPOKEN_TO_RE.match(after))):
            out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] - 10,
                            words=(m.group(0),)))
    return out


# Korean given names are two romanised syllables joined by a hyphen ("Ha-eun", "Ji-woo": "oo"
# and "ee" as families write them), a form few English words take, so they are names
# anywhere; a common family name written before or after goes with them (Korean order puts
# it first)
_KO_SYLLABLE = (r"(?:kk|tt|pp|ss|jj|ch|[gndrlmbsjkthpwy])?"
                r"(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|[aeoiu])"
                r"(?:ng|[kntlmp]|h(?![aeiouwy]))?")
_KO_FAMILY = (r"(?:Kim|Lee|Yi|Park|Pak|Choi|Choe|Jung|Jeong|Kang|Cho|Jo|Yoon|Yun|Jang|Lim|"
              r"Im|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Song|Yoo|Yu|Hong|Jeon|Ko|Go|Moon|Mun|Yang|"
              r"Son|Bae|Baek|Heo|Nam|Noh|Ha|Kwak|Sung|Cha|Woo|Ryu|Min|Ji|Eom|Chae)")
_KO_GIVEN = rf"(?=[A-Z][a-z]*-)(?i:{_KO_SYLLABLE})-{_KO_SYLLABLE}"
# "Set-up", "Sit-in", "Ta-da" take the same shape: with a family name only
_KO_ENGLISH_END = ("in", "on", "up", "da")
_KOREAN_RE = re.compile(
    rf"(?<![\w\-])(?:(?P<fam>{_KO_FAMILY})[ \t]+)?(?P<given>{_KO_GIVEN})"
    rf"(?:[ \t]+(?P<after>{_KO_FAMILY}))?(?![\w\-])")


def korean_names(text: str, mask: Mask) -> list[Span]:
    """Korean given names with a hyphen, with a family name before or after them."""
    out = []
    for m in _KOREAN_RE.finditer(text) if "-" in text else ():
        family = m.group("fam") or m.group("after")
        first, second = m.group("given").lower().split("-")
        if not family and (second in _KO_ENGLISH_END or first == second):   # "Yo-yo"
            continue
        if not mask.free(m.start(), m.end()):
            continue
        words = (m.group("given"), family) if family else (m.group("given"),)
        out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] + 1, words=words))
    return out
