"""People's names: runs of capitalised words judged by the evidence around them (a title, a
role, an age, a verb, a possessive), the word lists, and every later mention and initials of a
name once seen. See the package docstring for the rules.

Longer than 500 lines because the finders of a name (runs, titles, repeats, nicknames) share
the tokens and the evidence tests (title, role, age, verb, surname lists) and are resolved
together; apart, each module would import the others' private helpers."""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from auditlib.anonymise.english import english_words, folded, is_english
from auditlib.anonymise.identifiers import POLICE_RANKS
from auditlib.anonymise.spans import PRIORITY, Mask, Span, line_after, line_before
from auditlib.anonymise.wordlists import (
    FIRST_NAMES,
    INSTITUTION_WORDS,
    MAKES,
    NAME_ALSO_WORD,
    NAME_STOP_WORDS,
    NOT_INITIALS,
    PARTICLES,
    PLACE_WORDS,
    ROLES,
    SENTENCE_WORDS,
    SURNAME_WORDS,
    SURNAMES,
    TITLES,
    TOWNS,
    VERBS,
    WEAK,
    WELSH_INSIDE_NAMES,
    WELSH_WORDS,
    never_initials,
)
from auditlib.vocabulary import vocabulary

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
    + r")(?:[ \t]*[,:(\-–][ \t]*|[ \t]+(?:is|was|called|named|known[ \t]+as)[ \t]+|[ \t]+"
    # "Support Worker (agency): Ellis Summer": what kind of worker, in brackets
    r"|[ \t]*\([^()\n]{1,25}\)[ \t]*[,:\-–][ \t]*)$")
ROLE_AFTER_RE = re.compile(
    r"(?i)^[ \t]*(?:\(|[\-–][ \t]|,[ \t]*(?=(?:the[ \t]+|his[ \t]+|her[ \t]+)?(?:maternal|"
    r"paternal|mother|father|mum|dad)))[ \t]*(?:[\w'’\-]+[ \t]+){0,2}?(?:"
    + "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True)) + r")\b")
AGE_AFTER_RE = re.compile(
    # ("(3-yearly)", "(2-weekly)" are how often, not an age)
    r"(?i)^(?:[ \t]*\([ \t]*(?:aged?:?[ \t]*|age[ \t]+)?\d{1,2}\b(?!-[a-z]+ly\b)|"
    r",?[ \t]+aged?[ \t]+\d|"
    # an age set off by commas, "another boy, Long, about 15." (never "15 minutes")
    r",[ \t]+(?:(?:about|approx\.?|around|roughly|maybe)[ \t]+)?\d{1,2}[ \t]*(?:[.,;)]|$)|"
    r"[ \t]*\([ \t]*(?:dob|d\.o\.b\.?|born|date of birth)\b|,?[ \t]+(?:dob|born|d\.o\.b)\b|"
    # an age, then the date of birth: "Dolly 10 (DOB …)"
    r"[ \t]+\d{1,2}[ \t]*[(,][ \t]*(?:dob|d\.o\.b)\b|"
    r"[ \t]*\([ \t]*\d{1,2}[ \t]*(?:years?|yrs?|y/?o|months?|mths?|weeks?)\b|"
    # a register's short form: "Summer (9m)", "Jack (2y)", "baby (6w)"
    r"[ \t]*\([ \t]*\d{1,2}[ \t]*(?:m|w|y|mo|wks?)[ \t]*\))")
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


# what may open a line before its first word: a list number ("1.", "2)", "c)", "(iv)"), a
# section number ("4.4") or a log entry's time ("03:15")
_LINE_OPENING_RE = re.compile(
    r"[ \t]*(?:\d+(?:\.\d+)*[.)]?|\d{1,2}:\d{2}|\(?(?:\d+|[a-zA-Z]|[ivx]+)\)|Q\d{1,2}[.:)]?)")
# a log entry's time before its dash: "6.00 – Feed: 200ml", "8am – Calmer", "14:05 - Rang"
_LOG_TIME_RE = re.compile(r"[ \t]*(?:\d{1,2}(?:[:.]\d{2})?[ \t]*(?:[ap]\.?m\.?|hrs)?|"
                          r"\d{3,4}[ \t]*hrs)[ \t]*")


# a word said on its own at a quotation's start ('"Sorry, sorry"', '"Thanks!"'); never one
# quoted alone ('known as "Smiley"') nor the subject of what is said ('"Gaz lets me…"')
_SPEECH_GOES_ON_RE = re.compile(r"[\w'’\-]+[,!?.][ \t]")


def _is_sentence_start(text: str, i: int) -> bool:
    """The word at ``i`` opens a sentence, a line, a quotation, or a table's cell ("|
    Alternate Sundays", "Item   Net monthly": a column two spaces or a tab from the last)."""
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘([*•·>":
        j -= 1
    if j < 0 or text[j] in ".!?:;\n|":
        return True
    if text[i - 1] in "\"“" and _SPEECH_GOES_ON_RE.match(text, i):
        return True         # the first word of what someone said: 'said "Sorry, sorry"'
    if text[j] in "-–—" and (not line_before(text, j).strip(" \t")
                            or _LOG_TIME_RE.fullmatch(line_before(text, j))):
        return True         # a list's dash, indented or not (" - Paid work at…"), or a log's
    gap = text[j + 1:i]
    if "  " in gap or "\t" in gap:
        return True
    if text[j] == "/" and gap and text[j - 1:j] in (" ", "\t"):
        return True         # a bilingual heading's other half: "Lleoliad / Venue:"
    if not (text[j].isdigit() or text[j] == ")"):
        return False
    return bool(_LINE_OPENING_RE.fullmatch(line_before(text, j + 1)))


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
    # an English ending on a word no dictionary holds is a name's: "Sioned", "Tessaly"
    return not known and bool(SUFFIX_WORD_RE.search(low)) and len(low) > 4 and is_english(low)


def _no_word(tok: Tok, text: str) -> bool:
    """A capitalised word that is no English word, nor an abbreviation ("Appt.", "Hx"): a
    name, even where it opens a sentence ("Gwilym at the farm…", "Orrin and…")."""
    core = tok.core
    return (len(core) >= 3 and core[1:].islower() and tok.capitalised
            and any(c in "aeiouy" for c in core[1:].lower())
            and not text.startswith(".", tok.end) and not is_english(core))


# "A. Munro-Kerr", "M. van der Berg": an initial's stop, particles, then a capital
_DOTTED_INITIAL_RE = re.compile(
    r"\.[ \t]+(?:(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True))
    + r")[ \t]+)*[A-Z][a-z]")


# a letter naming a part, a place or a kind is no initial: "block D. Tenant says", "Plan B
# seemed best", "Section A", "vitamin D"
_LETTER_LABEL_RE = re.compile(
    r"(?i)(?<![\w'’])(?:plan|block|flat|unit|section|part|schedule|annex|appendix|grade|type|"
    r"class|category|stage|tier|level|step|phase|option|wing|ward|room|floor|form|question|"
    r"vitamin|hepatitis|group|zone|area|bay|bed|gate|door|table|figure|exhibit|item|point|"
    r"route|side|row|column|line|box|page|court|house|building|tower|site|team)[ \t]+$")


def letter_label(text: str, start: int) -> bool:
    """The single letter at ``start`` names a part or a kind ("block D", "Plan B")."""
    return bool(_LETTER_LABEL_RE.search(text, max(0, start - 12), start))


_DAY = r"(?i:mon|tues?|wed(?:nes)?|weds|thur?s?|fri|sat(?:ur)?|sun)(?i:day)?"
_DAY_RANGE_RE = re.compile(rf"{_DAY}(?:-{_DAY})+")
# an abbreviation written with a small letter inside: "PoP", "LiP", "DfE", "NoK", "PoPs"
_MIXED_ABBREVIATION_RE = re.compile(r"(?!Mc)[A-Z][a-z]{1,2}[A-Z]{1,2}s?")
_CALENDAR_RE = re.compile(rf"{_DAY}|(?i:january|february|march|april|may|june|july|august|"
                          r"september|october|november|december|christmas|easter)")


# an Arabic family name with its article in lower case: "al-Hamwi", "el-Sayed", "ash-Shami"
_ARTICLE_NAME_RE = re.compile(r"(?:al|el|ul|ad|ud|as|ash|ar|az|at|an)-(?!Anon)[A-Z][a-z]+"
                              r"(?:-[A-Z][a-z]+)?")


def _joinable(tok: Tok, mask: Mask, text: str = "") -> bool:
    if tok.initial:
        if text and letter_label(text, tok.start):
            return False
        if _DOTTED_INITIAL_RE.match(text, tok.end) and mask.free(tok.start, tok.end):
            return True     # "A. Munro-Kerr": "A" is a word, "A." before a name an initial
    if not ((tok.capitalised or tok.initial or _ARTICLE_NAME_RE.fullmatch(tok.core))
            and tok.low not in NAME_STOP_WORDS
            and tok.core not in TITLES and not tok.contraction and not tok.adjective
            and mask.free(tok.start, tok.end)):
        return False
    if text[tok.end:tok.end + 1].isdigit():
        return False        # "Rec-Y4", "KS2", "Galaxy S23": a code, a year group, a model
    if _DAY_RANGE_RE.fullmatch(tok.core):
        return False        # "Mon-Fri", "Fri-Sun": days of the week
    if tok.core[-1] == "s" and (tok.core[:-1] in never_initials() or tok.core[:-1] in NOT_INITIALS
                                or (len(tok.core) >= 4 and tok.core[:-1].isupper())):
        return False        # "DSLs", "IROs", "URTIs", "FCs": an acronym's plural
    if _MIXED_ABBREVIATION_RE.fullmatch(tok.core):
        return False        # "PoP", "LiP": an abbreviation, whatever the lists hold
    # "SoS", "CiN": a practice acronym written with small letters inside
    return tok.core[1:].islower() or tok.initial or tok.core.upper() not in never_initials()


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
    first name: "Kirsty Day" is one person, whatever "day" means elsewhere; and so is any
    common word there when a role comes before the first name and nothing capitalised after
    ("HV Nuala Harbour"; never a day, "Mum Tracy Monday", nor a place, "Dad Kevin Street")."""
    if not (tok.capitalised and tok.core not in TITLES and not prev.possessive
            and mask.free(tok.start, tok.end)
            and re.fullmatch(r"[ \t]+", text[prev.end:tok.start])):
        return False
    if prev.low not in FIRST_NAMES:
        # a given name the lists lack and no dictionary holds, then a listed surname that is a
        # word: "Delroy Grant", never "Harrowmere Park"
        return _no_word(prev, text) and tok.low in SURNAMES and not tok.allcaps \
            and tok.low not in _PLACE_AFTER_GIVEN_NAME and tok.low not in PLACE_WORDS \
            and tok.low not in INSTITUTION_WORDS
    return tok.low in SURNAMES or (
        tok.low in NAME_STOP_WORDS and is_english(tok.core) and not tok.possessive
        and tok.low not in PLACE_WORDS and tok.low not in INSTITUTION_WORDS
        and tok.low not in _PLACE_AFTER_GIVEN_NAME and tok.low not in ROLES
        and not _CALENDAR_RE.fullmatch(tok.core)
        and bool(ROLE_BEFORE_RE.search(line_before(text, prev.start)))
        and not re.match(r"[ \t]+[A-Z]", line_after(text, tok.end)))


def _surname_after_dotted_initial(text: str, prev: Tok, tok: Tok, mask: Mask) -> bool:
    """A listed surname that is a common word too after an initial and its stop: "E. Grant",
    "K. Page" sign a report ("Plan B. Grant funding…" is a letter's label, never joined)."""
    return (prev.initial and tok.capitalised and tok.low in SURNAMES and not tok.allcaps
            and re.fullmatch(r"\.[ \t]?", text[prev.end:tok.start]) is not None
            and not letter_label(text, prev.start) and mask.free(tok.start, tok.end))


# Irish names mutate after a particle: a lower-case letter or two before the capital
# ("Nic an tSionnaigh", "Ó hAodha", "Uí nGallchóir"), Scottish Gaelic ones with a hyphen
# ("Mac an t-Sagairt")
_MUTATED_RE = re.compile(r"(?:t|h|n|bh|bp|dt|gc|mb|nd|ng)-?[A-ZÁÉÍÓÚ][a-záéíóú]+")
# "an" (the) joins Irish names after Mac, Nic, Mhic, Ó… only ("Mac an Bhaird")
_IRISH_PATRONYMICS = frozenset({"mac", "mc", "nic", "mhic", "mic", "ó", "o", "ní", "ni", "uí"})


def _particles_then_name(text: str, toks: list[Tok], i: int, mask: Mask) -> int | None:
    """Where the name word after the particles starting at ``i`` is ("van der Kolk", "ap
    Hywel", "an tSionnaigh" after Nic, "hAodha" straight after Ó), or None when ``i`` opens no
    particles or no name word follows them."""
    particles = PARTICLES | _IRISH_PATRONYMICS
    after_particle = i > 0 and toks[i - 1].low in particles
    j = i
    # (a particle is never written in capitals: "NI Number" is National Insurance)
    while j < len(toks) and mask.free(toks[j].start, toks[j].end) \
            and not (toks[j].allcaps and len(toks[j].core) > 1) and (
            toks[j].low in particles or (toks[j].low == "an" and j > 0
                                         and toks[j - 1].low in _IRISH_PATRONYMICS)):
        j += 1
        if j < len(toks) and not re.fullmatch(r"[ \t]+", text[toks[j - 1].end:toks[j].start]):
            return None
    if j >= len(toks) or (j == i and not after_particle):
        return None
    nxt = toks[j]
    if (j > i and _joinable(nxt, mask)) or (_MUTATED_RE.fullmatch(nxt.core)
                                            and mask.free(nxt.start, nxt.end)):
        return j
    return None


def _welsh_inside(text: str, toks: list[Tok], i: int, mask: Mask) -> bool:
    """Capitalised Welsh words of the language between a name's words: a venue or service
    named Welsh fashion ("Canolfan Lles Plant Bryncelyn"); they never open or end a name."""
    j = i
    while j < len(toks) and toks[j].low in WELSH_INSIDE_NAMES and toks[j].capitalised \
            and mask.free(toks[j].start, toks[j].end):
        if j + 1 >= len(toks) or text[toks[j].end:toks[j + 1].start] != " ":
            return False
        j += 1
    return j > i and j < len(toks) and _joinable(toks[j], mask, text)


def _short_word_after_accents(text: str, prev: Tok, tok: Tok, mask: Mask) -> bool:
    """"Đặng Thu Hà", "Nghệ An": a short capitalised word after a word written with accents
    is the same name's, although it is an English word or abbreviation ("An", "Thu")."""
    return not prev.core.isascii() and tok.capitalised and not tok.allcaps \
        and not tok.sentence_start and len(tok.core) <= 4 and text[prev.end:tok.start] == " " \
        and tok.low not in _SENTENCE_JOINERS and mask.free(tok.start, tok.end)


# words that carry on a sentence, never a name's ("Zoë And Mark", "José Is here")
_SENTENCE_JOINERS = frozenset({"and", "or", "but", "is", "was", "are", "has", "had", "the", "of",
                               "to", "at", "on", "in", "if", "so", "as", "for", "with", "from"})


def _runs(text: str, toks: list[Tok], mask: Mask) -> list[list[Tok]]:
    runs: list[list[Tok]] = []
    current: list[Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if _joinable(tok, mask, text) or (current and (
                _surname_after_first_name(text, current[-1], tok, mask)
                or _surname_after_dotted_initial(text, current[-1], tok, mask)
                or _welsh_inside(text, toks, i, mask)
                or _short_word_after_accents(text, current[-1], tok, mask))):
            if current:
                prev = current[-1]
                gap = text[prev.end + (2 if prev.possessive else 0):tok.start]
                # a column's gap (two spaces, a tab) parts two cells of a table
                ok_gap = gap == " " or (prev.initial and re.fullmatch(r"\. ?", gap))
                if not ok_gap or prev.possessive:
                    runs.append(current)
                    current = []
            current.append(tok)
        elif (current and re.fullmatch(r"\.?[ \t]+" if current[-1].initial else r"[ \t]+",
                                       text[current[-1].end:tok.start])
              and (end := _particles_then_name(text, toks, i, mask)) is not None):
            current += toks[i:end + 1]          # "van der Kolk", "Nic an tSionnaigh"
            i = end
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


_AT_PLACE_RE = re.compile(r"[ \t]+at[ \t]+([A-Z][\w'’\-]*)")


def _at_a_place(words: list[Tok], after: str) -> bool:
    """A given name that is also a word, at a named place: "Dot at Pen-y-Garn", "Hope at
    Oakfield Farm" (never "Hope at Christmas")."""
    m = _AT_PLACE_RE.match(after)
    return (bool(m) and len(words) == 1 and words[0].low in FIRST_NAMES
            and m.group(1).lower() not in NAME_STOP_WORDS)


# after an everyday word opening a sentence, "is", "had", "stays"… say nothing of a person
# ("Caravan was parked up", "Sleepover stays ended"); "said", "agreed" still do
_NOUN_VERB_RE = re.compile(r"[ \t]+(?:will|would|could|can|did|had|[a-z]+s)\b")


# a thing done to it: "Contract agreed + signed", "Plan agreed by all", "Attendance
# confirmed." (nothing after), "Emojis described in brackets" (a plural), never a person's doing
_PASSIVE_RE = re.compile(r"[ \t]+[a-z]+ed(?:[ \t]*(?:\+|&|and)[ \t]*[a-z]+ed\b|[ \t]+by\b"
                         # "Hunger reported at school": where it was seen, not who did it
                         r"|[ \t]+(?:at|in|during)[ \t]+(?:school|home|nursery|college|the)\b"
                         # "Marriage arranged 2013": when it was done
                         r"|[ \t]+\d"
                         r"|[ \t]*(?:[.;]|$))")


def _verb_after(words: list[Tok], after: str) -> bool:
    """A verb after the name; after an everyday word opening a sentence, only one that says
    a person did something ("said", "agreed"), and not to a thing or things ("Contract agreed
    + signed", "Emojis described")."""
    if not VERB_AFTER_RE.match(after):
        return False
    word = words[0]
    everyday = (len(words) == 1 and word.sentence_start and word.low not in FIRST_NAMES
                and word.low not in SURNAMES and is_english(word.core))
    plural = word.low.endswith("s") and is_english(word.low[:-1])
    return not (everyday and (_NOUN_VERB_RE.match(after) or _PASSIVE_RE.match(after)
                              or plural))


def _in_date_context(text: str, tok: Tok) -> bool:
    before = line_before(text, tok.start)
    after = text[tok.end:tok.end + 6]
    return bool(_DATE_CONTEXT_BEFORE.search(before) or re.match(r"[ \t]+(?:\d|'\d)", after))


# Akan day names (the day of the week a child was born on, male and female forms): "Nana"
# before one is part of a Ghanaian name ("Nana Ama Asante", "Nana Kwame"), not a grandmother
AKAN_DAY_NAMES = frozenset({
    "kwadwo", "kojo", "adwoa", "adjoa", "kwabena", "kobby", "ebo", "abena", "kwaku", "kweku",
    "akua", "ekua", "yaw", "ekow", "yaa", "aba", "kofi", "fiifi", "afua", "efua", "afia",
    "kwame", "kwamena", "ama", "amma", "kwasi", "akwasi", "kwesi", "akosua", "esi"})
_NANA_BEFORE_RE = re.compile(r"(?<![\w'’])Nana[ \t]+\Z")


# small words a title of a law, scheme or tool keeps in lower case ("Working Together to
# Safeguard Children", "When I am Ready", "No Recourse to Public Funds")
_TITLE_JOINERS = frozenset({"to", "of", "and", "the", "for", "in", "on", "a", "an", "am", "at",
                            "with"})


# a thing of a colour: "the black Golf", "a silver Astra", a brand worn ("in black Nike")
_COLOUR_BEFORE_RE = re.compile(
    r"(?i)\b(?:the|a|an|his|her|their|its|in|wearing|wore)[ \t]+(?:black|white|silver|grey|"
    r"gray|red|blue|green|yellow|orange|purple|gold|maroon|navy|dark[ \t]+\w+|light[ \t]+\w+)"
    r"[ \t]+\Z")
# a pet named: "two dogs called Biscuit and Pepper", "the cat is named Smudge", "her rabbit,
# Thumper", "his dog Rocky" (a pet's name is no person's)
_PET = (r"(?i:\b(?:dogs?|puppy|puppies|cats?|kittens?|pets?|rabbits?|hamsters?|gerbils?|"
        r"guinea[ \t]+pigs?|mice|mouse|rats?|horses?|ponies|pony|budgies?|parrots?|"
        r"tortoises?|snakes?|lizards?|ferrets?|fish)(?:[ \t]+(?:is|was|are|were))?)")
_PET_BEFORE_RE = re.compile(
    _PET + r"(?i:[ \t]+(?:called|named)[ \t]+|[ \t]*,[ \t]*)"
    r"(?:[A-Z][\w'’\-]*[ \t]*(?:,|and|&)[ \t]*)*\Z"
    r"|(?i:\b(?:her|his|their|my|our|your)[ \t]+(?:dog|puppy|cat|kitten|rabbit|hamster|"
    r"guinea[ \t]+pig|pony|horse|budgie|parrot|tortoise|ferret)[ \t]+\Z)")
# "a hamster called Mr Nibbles and a dog called Biscuit": those names are pets' wherever
# they come again ("Biscuit ate my homework")
_CALLED_RE = re.compile(r"(?i:call|nam)ed\b")
_PET_BEFORE_CALLED_RE = re.compile(_PET + r"[ \t]+\Z")
_PET_NAMES_AFTER_RE = re.compile(
    r"[ \t]+(?:(?:" + "|".join(TITLES) + r")\.?[ \t]+)?"
    r"(?P<names>[A-Z][\w'’\-]*(?:[ \t]*(?:,|and|&)[ \t]*[A-Z][\w'’\-]*)*)")


def _pet_names(text: str) -> frozenset[str]:
    names: set[str] = set()
    for m in _CALLED_RE.finditer(text):
        after = _PET_NAMES_AFTER_RE.match(text, m.end())
        if after and _PET_BEFORE_CALLED_RE.search(text, max(0, m.start() - 40), m.start()):
            names.update(w.lower() for w in re.findall(r"[A-Z][\w'’\-]*", after.group("names")))
    return frozenset(names)


_BODY_GOES_ON_RE = re.compile(r"[ \t]*(?:&|\+|(?:of|from|for|and|in|at|on|the)\b|[A-Z])")
# a film, programme, book or song by its title: "watched Ponyo", "the film Wonka", "a cartoon
# called Bluey", 'picture book "Kot Psotek"', "sang her Jerusalem"
_FILM_BEFORE_RE = re.compile(
    r"(?i)\b(?:watch(?:ed|ing|es)?(?:[ \t]+the[ \t]+(?:film|movie))?|(?:film|movie|dvd|"
    r"cartoon|programme|series|book|song|game)s?(?:[ \t]+(?:called|named))?|"
    r"(?:sing|sings|sang|sung|singing)(?:[ \t]+(?:you|him|her|them|me|us))?)[ \t]+\Z")


def _common_capitalised(tok: Tok) -> bool:
    return tok.capitalised and not tok.initial and tok.low not in FIRST_NAMES \
        and tok.low not in SURNAMES and (tok.low in NAME_STOP_WORDS or is_english(tok.core))


def _title_word(tok: Tok) -> bool:
    """A capitalised common word a title is made of; "The", "Op", "St" open a name instead
    ("at The Hideout", "Op Harebell") and a place's words end one ("Shamrock Bar")."""
    return _common_capitalised(tok) and len(tok.core) >= 4 and not tok.sentence_start \
        and tok.low not in PLACE_WORDS and tok.low not in INSTITUTION_WORDS


def _in_titled_term(text: str, toks: list[Tok], cores: list[Tok]) -> bool:
    """Words of the language, none a listed name, beside a capitalised common word (a joining
    word between allowed): the title of a law, tool, scheme or role ("Team Teach", "Paediatric
    First Aid", "Parent Assessment Manual Software", "Children's Homes (England) Regulations",
    "Responsible Individual"), not a person."""
    if not cores or not all(_common_capitalised(t) and t.low not in TOWNS for t in cores):
        return False
    first = bisect.bisect_left(toks, cores[0].start, key=lambda t: t.start)
    if first > 0 and toks[first - 1].core == "The" and not toks[first - 1].sentence_start:
        return False        # "at The Shamrock Bar": a place named
    for i, step in ((first, -1), (toks.index(cores[-1], first), 1)):
        k = i + step
        for _ in range(2):          # the next word, or the one after a joining word
            if not (0 <= k < len(toks)):
                break
            a, b = (toks[k], toks[k - step]) if step < 0 else (toks[k - step], toks[k])
            if text[a.end + (2 if a.possessive else 0):b.start] != " ":
                break
            if _title_word(toks[k]):
                return True
            if toks[k].low not in _TITLE_JOINERS:
                break
            k += step
    return False


# a stop, a colon or a dash after a sentence's first word: a heading or the topic of what
# follows ("Window - mum says…", "CHAIR: Venue."), whatever role comes before or after
_TOPIC_AFTER_RE = re.compile(r"[ \t]*(?:[.:](?:\s|$)|[\-–—][ \t])")


# a law's parts written short before their number, "Reg 24", "Art 8", "Sch 2": never a name
_NUMBERED_PARTS = frozenset({"Reg", "Regs", "Art", "Sch", "Para", "Sec", "Pt"})


# "a pie and a Bovril", "got an Uber": a word no list names after "a" is a thing's brand
_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w'’])an?[ \t]+\Z")
# "Ghanaian (Ashanti)", "Nigerian (Yoruba)": a people within a nation, in brackets after it
_NATION_BEFORE_RE = re.compile(r"(?<![\w'’])([A-Z][a-z]+(?:ian|an|ese|ish|i))[ \t]*\([ \t]*\Z")


def _bought(tok: Tok, before: str, after: str) -> bool:
    return (bool(_ARTICLE_BEFORE_RE.search(before[-4:])) and tok.low not in FIRST_NAMES
            and tok.low not in SURNAMES and tok.low not in TOWNS
            and not re.match(r"[ \t]+[A-Z]", after))


def _people(before: str, after: str) -> bool:
    nation = _NATION_BEFORE_RE.search(before[-30:])
    return bool(nation) and after.startswith(")") and nation.group(1).lower() in NAME_STOP_WORDS


# a bilingual heading's Welsh half before its English one ("Dan / Under:", "Beth / What"): a
# Welsh word that is a given name too is the heading's word there
_ENGLISH_HALF_RE = re.compile(r"[ \t]*/[ \t]*([A-Za-z][\w'’\-]*)(?:[ \t]+[A-Za-z][\w'’\-]*){0,2}"
                              r"[ \t]*(?::|[ \t]{2}|\t|$)")
_WELSH = frozenset(WELSH_WORDS)


def _welsh_heading(tok: Tok, after: str) -> bool:
    english = _ENGLISH_HALF_RE.match(after)
    return bool(english) and tok.sentence_start and tok.low in _WELSH \
        and is_english(english.group(1)) and english.group(1).lower() not in FIRST_NAMES \
        and english.group(1).lower() not in ROLES       # "Beth / Mum": a person and her role


# a practice acronym an autocorrect wrote in title case, asked about ("what Cin means")
_MEANS_AFTER_RE = re.compile(r"[ \t]+(?:means?|meant|stands?[ \t]+for)\b")


def _acronym_asked_about(tok: Tok, after: str) -> bool:
    """A practice acronym in title case before "means" or "stands for": a term, no name."""
    return tok.core.upper() in never_initials() and bool(_MEANS_AFTER_RE.match(after))


def _topic(tok: Tok, after: str) -> bool:
    """An everyday word no list names, opening a sentence, that heads what follows."""
    return (tok.sentence_start and not tok.possessive and tok.low not in FIRST_NAMES
            and tok.low not in SURNAMES and is_english(tok.core)
            and bool(_TOPIC_AFTER_RE.match(after)))


# a name with the initials it is written by in brackets ("Jo (JT) – waking night", "Marek (MW)"):
# a staffing list's way of saying who the initials are, the first letter the name's
_OWN_INITIALS_AFTER_RE = re.compile(r"[ \t]*\(([A-Z]{2,3})[ \t]*[,;)]")
# a name with a nickname quoted in brackets ('messaging Jordan ("JJ") again')
_QUOTED_NICK_AFTER_RE = re.compile(r"[ \t]*\([ \t]*[\"“'‘][^\W\d_][\w'’\-]*[\"”'’][ \t]*\)")


def _own_initials_after(words: list[Tok], after: str) -> bool:
    m = _OWN_INITIALS_AFTER_RE.match(after)
    return bool(m) and m.group(1)[0] == words[0].core[0] and m.group(1) not in never_initials()


_VERB_SET = frozenset(VERBS)
_GREETINGS = frozenset({"hi", "hiya", "hello", "hey", "dear", "morning", "afternoon", "evening",
                        "thanks", "cheers", "bye", "ta"})


# a published work cited by its authors' surnames and year: two authors joined by "and" or
# "&", or one with "et al." (a surname alone before a year may be a person born that year)
_YEAR_CITED = r"[ \t]*\([ \t]*(?:19|20)\d\d[a-z]?[ \t]*\)"
_CITED_AFTER_RE = re.compile(rf"(?:[ \t]+et[ \t]+al\b\.?|[ \t]+(?:and|&)[ \t]+[A-Z][\w'’\-]+)"
                             rf"{_YEAR_CITED}")
_CITED_BEFORE_RE = re.compile(r"(?<![\w'’\-])[A-Z][\w'’\-]+[ \t]+(?:and|&)[ \t]+\Z")


# what says a work is cited: a word of research before, or its title quoted after the year
_CITING_BEFORE_RE = re.compile(r"(?i)\b(?:framework|model|research|study|studies|theory|"
                               r"according[ \t]+to|see|cf|cited|citing|guidance|approach|"
                               r"literature|evidence|findings|found|per)\b")
_TITLE_AFTER_YEAR_RE = re.compile(_YEAR_CITED + r"[ \t]*[,:]?[ \t]*[\"“'‘]")


def _cited_author(text: str, cores: list[Tok], before: str, after: str) -> bool:
    """Authors cited with a year, none a given name the lists know ("Lord and Borthwick
    (2008) 'Together or Apart?'"); two children with a year ("Kai and Tayvion (2019)") are
    named, so a title quoted after or a word of research before must say a work is cited."""
    cited = _CITED_AFTER_RE.match(after)
    other = _CITED_BEFORE_RE.search(before[-40:])
    if not (cited or (other and re.match(_YEAR_CITED, after))):
        return False
    authors = [cores[0].low] + re.findall(r"[A-Z][\w'’\-]+", (cited or other).group(0))
    if any(a.lower() in FIRST_NAMES for a in authors):
        return False
    year_at = after.find("(")
    return bool("et al" in after[:12] or _CITING_BEFORE_RE.search(before)
                or _TITLE_AFTER_YEAR_RE.match(after, year_at))


_DOB_AFTER_RE = re.compile(r"(?i)(?:[ \t]+\d{1,2})?[ \t]*[(,]?[ \t]*(?:dob|d\.o\.b)\b")
_DOB_QUALIFIERS = frozenset({"given", "known", "true", "real", "actual", "official", "new",
                             "correct", "recorded", "stated", "claimed", "estimated", "assessed"})


def _dob_after(text: str, words: list[Tok]) -> bool:
    """One word, then a date of birth: the person's name ("Dolly 10 (DOB …)"), never what
    qualifies the date ("Claimed DOB", "Estimated DOB")."""
    return len(words) == 1 and words[0].low not in _DOB_QUALIFIERS \
        and not words[0].low.endswith("ed") \
        and bool(_DOB_AFTER_RE.match(line_after(text, words[0].end)))


_TICK_BOX_AFTER_RE = re.compile(r"[ \t]*\[[ \txX✓✔]?\]")


def name_runs(text: str, toks: list[Tok], mask: Mask) -> list[Span]:
    """Runs of capitalised words that are names by the evidence around them or the lists."""
    out: list[Span] = []
    last_end = -1
    pets = _pet_names(text)
    for run in _runs(text, toks, mask):
        # "O. Ashdown": an initial with its stop is no particle ("O'Neill", "de")
        # an initial ending the run is a surname's, particle or not ("Tayla O")
        # (a capitalised particle alone that is no English word is a name's: "Later Des
        # said"; never "Van", "Mac")
        words = [t for t in run if t.low not in PARTICLES
                 or (t.initial and (text.startswith(".", t.end) or t is run[-1]))
                 or (len(run) == 1 and t.capitalised and not is_english(t.low))]
        # drop unknown words that read like English (-ed, -ing, -tion…) from either end
        while words and not words[0].initial and _weak(words[0]) and words[0].low not in WEAK \
                and words[0].low not in NAME_ALSO_WORD \
                and not _given_name_before_surname(text, words) \
                and not _dob_after(text, words):
            words.pop(0)        # ("Dolly 10 (DOB …)": a date of birth after it says person)
        while words and _weak(words[-1]) and words[-1].low not in WEAK \
                and words[-1].low not in NAME_ALSO_WORD \
                and not _surname_the_lists_lack(text, words) \
                and not _dob_after(text, words):
            words.pop()
        # "Told Gareth", "Says Gary", "Hiya Kim": a verb or greeting opening a note's sentence
        # is no part of the name after it
        if len(words) >= 2 and words[0].sentence_start and not words[0].possessive \
                and (words[0].low in _VERB_SET or words[0].low in _GREETINGS) \
                and words[0].low not in FIRST_NAMES and words[0].low not in NAME_ALSO_WORD:
            words.pop(0)
        if not words or all(t.initial for t in words):
            continue
        first, last = words[0], words[-1]
        if run[0].low in PARTICLES and run[0].start < first.start and run[0].core[0].isupper():
            first = run[0]          # "Ní Bhriain", "Van Damme": the particle opens the name
        before = line_before(text, first.start)
        after = line_after(text, last.end + (2 if last.possessive else 0))
        title = _TITLE_BEFORE_RE.search(before)
        # "A. Munro-Kerr", "C. Whitcombe": an initial and its full stop before a word the
        # stop list does not know
        # (never before a verb opening the next sentence: "banded C. Explained the option")
        dotted = run[0].initial and text.startswith(".", run[0].end) and len(run) > 1 \
            and not (run[1].low in VERBS or (run[1].low.endswith("ed") and is_english(run[1].low)
                                             and run[1].low not in SURNAMES))
        evidence = bool(
            title or dotted or ROLE_BEFORE_RE.search(before) or AGE_AFTER_RE.match(after)
            or _at_a_place(words, after)
            or ROLE_AFTER_RE.match(after) or _verb_after(words, after) or last.possessive
            or _own_initials_after(words, after) or _QUOTED_NICK_AFTER_RE.match(after)
            or (last_end >= 0 and _LIST_GAP_RE.match(text[last_end:first.start])
                and len(words) == 1))
        cores = [t for t in words if not t.initial]
        strong = [t for t in cores if not _weak(t)]
        if len(cores) == 1 and cores[0].low in _MONTH_NAMES_ALSO_NAMES \
                and _in_date_context(text, cores[0]):
            continue
        if not title and len(cores) == 1 and (
                _topic(cores[0], after) or _bought(cores[0], before, after)
                or _welsh_heading(cores[0], after) or _acronym_asked_about(cores[0], after)
                or _people(before, after) or (
                cores[0].core in _NUMBERED_PARTS and re.match(r"[ \t]+\d", after))):
            continue        # "Venue: the Hub", "SW: Transport – I'll…", "(Reg 24)", "Art 8"
        if (not title and (_COLOUR_BEFORE_RE.search(before[-30:])
                           or _PET_BEFORE_RE.search(before[-80:].rstrip("\"“'‘")))) \
                or (cores and all(t.low in pets for t in cores)):
            continue        # "the black Golf" (a car), "two dogs called Biscuit and Pepper"
        if not title and len(cores) == 1 and _TICK_BOX_AFTER_RE.match(after):
            continue        # "Police [x]  Health [x]  Ed [x]": a form's tick box, labelled
        if not title and len(cores) == 1 and not last.possessive \
                and _cited_author(text, cores, before, after):
            continue        # "Lord and Borthwick (2008)", "Munro et al. (2011)": a book cited
        if not title and ((cores and cores[0].low in MAKES and len(cores) >= 2
                           and cores[1].low not in SURNAMES and cores[1].low not in FIRST_NAMES)
                          or _after_make(text, first)):
            continue        # "a Ford Fiesta", "a Toyota Corolla": a car, not a person
        if len(cores) >= 2:
            is_name = evidence or bool(strong) or _given_name_and_surname_word(text, cores)
        else:
            tok = cores[0]
            known = tok.low in FIRST_NAMES or tok.low in SURNAMES
            # "the Under-11 Greens", "Reds": a word of the language in the plural, with
            # nothing saying person, is a team's or a thing's name ("Voices from Care" and
            # "Greaves & Co" go on as a body's)
            plural = not known and tok.low.endswith("s") and is_english(tok.low[:-1]) \
                and not _BODY_GOES_ON_RE.match(after)
            # a town goes as an unknown word in mid-sentence does, wherever it stands
            is_name = (evidence or (bool(strong) and not plural
                                    and (known or not tok.sentence_start or _no_word(tok, text)))
                       or tok.low in TOWNS)
        if not is_name or (not evidence and (_in_titled_term(text, toks, cores) or (
                _FILM_BEFORE_RE.search(before[-40:].rstrip("\"“'‘"))
                and not any(t.low in FIRST_NAMES or t.low in SURNAMES for t in cores)))):
            continue
        title_word = title.group(0).strip().rstrip(".") if title else ""
        nana = _NANA_BEFORE_RE.search(before[-8:])
        start = first.start - len(nana.group(0)) \
            if nana and cores and cores[0].low in AKAN_DAY_NAMES else first.start
        out.append(Span(start, last.end, "name", PRIORITY["name"],
                        words=tuple(t.core for t in cores), title=title_word))
        last_end = last.end + (2 if last.possessive else 0)
    return out


# a police rank, then the officer's collar number, then the name: "PC 4471 Khan"
_COLLAR_GAP_RE = re.compile(r"\.?[ \t]*\d{2,6}[ \t]+")


_WORD_BEFORE_RE = re.compile(r"(?<![\w'’])([A-Z][a-z]+)[ \t]+$")
_WRAPPED_GAP_RE = re.compile(r"\.?[ \t]*\r?\n[ \t]*")


def title_names(text: str, toks: list[Tok], mask: Mask) -> list[Span]:
    """Any capitalised word after a title is a name, common word or not ("Mr Young"); after a
    police rank and collar number, a capitalised word that is not a common one, or a surname
    ("PC 4471 Young", never "PC 4471 Attended")."""
    out = []
    pets = _pet_names(text)     # "a cat called Mr Whiskers"
    for i, tok in enumerate(toks[:-1]):
        if tok.core not in TITLES:
            continue
        j = i + 1
        words = []
        # (particles aside: "Mr Khaled bin Yusuf al-Hamwi")
        while j < len(toks) and sum(w.low not in PARTICLES for w in words) < 3:
            nxt = toks[j]
            prev_end = words[-1].end if words else tok.end
            gap = text[prev_end:nxt.start]
            collar = (not words and tok.core in POLICE_RANKS
                      and bool(_COLLAR_GAP_RE.fullmatch(gap)))
            if not words and _WRAPPED_GAP_RE.fullmatch(gap) \
                    and re.search(r"[a-z,][ \t]+\Z", line_before(text, tok.start)):
                gap = " "       # "found by PC\nGrant Lowther": a sentence wrapped after the title
            # (an Irish patronymic written with its capital after a given name: "Cormac Ni
            # Bhriain", "Aoife Nic Giolla")
            if (re.fullmatch(r"\.?[ \t]+", gap)
                    and (not (nxt.capitalised or nxt.initial)
                         or (words and nxt.low in _IRISH_PATRONYMICS))
                    and (end := _particles_then_name(text, toks, j, mask)) is not None):
                words += toks[j:end + 1]        # "Mr van der Kolk", "Mr Ó hAodha"
                j = end + 1
                continue
            # a stop ends the name unless it is the title's or an initial's: "Dr Achterberg.
            # I'll pick you up" is two sentences, "Dr R. Hollins" one name
            stop_ends = "." in gap and words and not words[-1].initial
            # a rank in capitals takes no stop, nor does a common word follow a title's:
            # "Reg passed to PC. Missing episode closed" is two sentences
            stop_ends = stop_ends or ("." in gap and not words and (
                (tok.core.isupper() and len(tok.core) > 1)
                or (nxt.low in NAME_STOP_WORDS and nxt.low not in FIRST_NAMES
                    and nxt.low not in SURNAMES)))
            # a surname in capitals after a given name: "DS Rebecca HOLLINS"
            capitals = (nxt.allcaps and len(nxt.core) >= 3 and bool(words)
                        and words[-1].low in FIRST_NAMES and nxt.low not in NAME_STOP_WORDS
                        and nxt.core not in never_initials())
            if not (re.fullmatch(r"\.?[ \t]+|\.", gap) or collar) or stop_ends \
                    or not (nxt.capitalised or nxt.initial or capitals
                            or _ARTICLE_NAME_RE.fullmatch(nxt.core)) \
                    or not mask.free(nxt.start, nxt.end) or nxt.core in TITLES:
                break
            # a common word ends the name unless it is a surname after a first name or a
            # collar number ("PC Reece Ward", "PC 4471 Ward")
            # (after a title, the one word before a listed surname is a given name, listed or
            # not, where the name ends there: "| Mrs Hyacinth Grant |")
            surname = nxt.low in SURNAMES and (
                (words[-1].low in FIRST_NAMES or (
                    len(words) == 1 and nxt.low not in PLACE_WORDS
                    and nxt.low not in INSTITUTION_WORDS
                    and not re.match(r"[ \t]+[\dA-Z]", line_after(text, nxt.end))))
                if words else collar)
            # "(Mr Ciprian Moldovan)": after a title and a given name, the last capitalised
            # word is the surname, a nationality's word or not (no role, place or body)
            surname = surname or (len(words) == 1 and words[0].low in FIRST_NAMES
                                  and not nxt.possessive and nxt.low not in ROLES
                                  and nxt.low not in PLACE_WORDS
                                  and nxt.low not in INSTITUTION_WORDS
                                  and not re.match(r"[ \t]+[A-Z]", line_after(text, nxt.end)))
            if nxt.low in NAME_STOP_WORDS and (words or collar) and not surname:
                break
            words.append(nxt)
            j += 1
            if nxt.possessive:
                break
        cores = [w for w in words if not w.initial and w.low not in PARTICLES]
        # "Named Nurse Safeguarding", "Lead Nurse Children": the title is inside a role's
        # name, so a common word after it goes on with the role
        role_word = _WORD_BEFORE_RE.search(line_before(text, tok.start))
        if cores and words[0].low in NAME_STOP_WORDS and role_word \
                and role_word.group(1).lower() in NAME_STOP_WORDS:
            continue
        if cores and not all(w.low in pets for w in cores):
            out.append(Span(words[0].start, words[-1].end, "name", PRIORITY["name"] + 1,
                            words=tuple(w.core for w in cores), title=tok.core))
        elif not cores and len(words) == 1 and tok.low.rstrip(".") in _INITIAL_TITLES:
            # "teacher Miss T is nice", "Mr K (maths)": a pupil's way of naming a teacher
            out.append(Span(words[0].start, words[0].end, "name", PRIORITY["name"] + 1,
                            words=(words[0].core,), title=tok.core))
    return out


# titles before one initial standing for the whole name ("Miss T", "Mr K", "Dr V")
_INITIAL_TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "sir", "dr"})


def resolve_names(spans: list[Span]) -> None:
    """Give each name span the key of the person it refers to (one person whether or not
    their name is written with its accents)."""
    full = {}
    for s in spans:
        if len(s.words) >= 2:
            full.setdefault((folded(s.words[0].lower()), folded(s.words[-1].lower())), s)
    by_first: dict[str, set] = defaultdict(set)
    by_last: dict[str, set] = defaultdict(set)
    for first, last in full:
        by_first[first].add((first, last))
        by_last[last].add((first, last))
    # "Benno" for Benedikt, found on its own: the person it is short for
    by_start = _names_by_start(spans)
    for s in spans:
        if len(s.words) == 1 and s.key is None and folded(s.words[0].lower()) not in by_first \
                and folded(s.words[0].lower()) not in by_last \
                and (name := _short_form_of(folded(s.words[0].lower()), by_start)):
            s.words = (name,)
    for s in spans:
        if s.key is not None:
            continue          # initials, resolved when found
        if len(s.words) >= 2:
            s.key = ("person", folded(s.words[0].lower()), folded(s.words[-1].lower()))
            continue
        w = folded(s.words[0].lower()) if s.words else ""
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


# a table's "who" cell: the name alone, or with whom ("| Hope with Mum |", "| Hope |")
_CELL_BEFORE_RE = re.compile(r"\|[ \t]*\Z")
_CELL_AFTER_RE = re.compile(r"(?:[ \t]+(?:with|and|&|\+)[ \t]+[\w'’]+(?:[ \t]+[\w'’]+)?)?"
                            r"[ \t]*\|")


def _alone_in_cell(text: str, tok: Tok) -> bool:
    return bool(_CELL_BEFORE_RE.search(line_before(text, tok.start)[-4:])
                and _CELL_AFTER_RE.match(text, tok.end + (2 if tok.possessive else 0)))


_DOTTED_START_RE = re.compile(r"([A-Z])\.[ \t]*(?=[A-Z])")


_NOT_A_SUBJECT_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:the|a|an|to|will|would|can|could|should|must|might|may|they|we|you|i|"
    r"did|do|does|not|never)[ \t]+|[\w'’])$")


# ("jasmine was growing over the fence": a word, not the Jasmine of the text)
_BE_OR_HAVE_AFTER_RE = re.compile(r"[ \t]+(?:is|was|were|are|has|had|have)\b")


_AND_BESIDE_RE = re.compile(r"(?i)\b(?:and|&)[ \t]+\Z")


def _lower_subject(text: str, tok: Tok) -> bool:
    """A name that is a word, in lower case as the subject of a verb: "rob says", never "the
    rob", "they rob", nor "jasmine was growing"."""
    after = line_after(text, tok.end)
    return (tok.core.islower() and bool(VERB_AFTER_RE.match(after))
            and not _BE_OR_HAVE_AFTER_RE.match(after)
            and not _NOT_A_SUBJECT_BEFORE_RE.search(line_before(text, tok.start)))


def name_repeats(text: str, toks: list[Tok], names: list[Span], mask: Mask,
                 lower: Mask | None = None) -> list[Span]:
    """Every other capitalised or ALL CAPS occurrence of a word seen in a name, and initials;
    in the paragraphs of ``lower`` (written in lower case) any occurrence."""
    # with and without accents, one name ("Hùng" then "Hung", "NGUYỄN" then "Nguyen")
    components = {folded(w.lower()) for s in names for w in s.words if len(w) > 1}
    # a surname that is also a word (Day, Ward) recurs as the person only with care: see below
    word_surnames = {s.words[-1].lower() for s in names if len(s.words) >= 2} & NAME_STOP_WORDS
    # and so does a nickname that is a word ('aka "Dutch"', then '"Dutch pushed mum"')
    word_surnames |= {s.words[0].lower() for s in names
                      if s.title == _NICK and len(s.words) == 1} & NAME_STOP_WORDS
    components -= NAME_STOP_WORDS
    given_words = {folded(s.words[0].lower()) for s in names if s.words}
    alone = {folded(s.words[0].lower()) for s in names if len(s.words) == 1}
    # a nickname the text itself writes in lower case ("kayz"): so is every other time
    found_lower = {folded(w) for s in names for w in s.words if w.islower()}
    capitals = never_initials()
    out = []
    for i, tok in enumerate(toks):
        if tok.initial or not mask.free(tok.start, tok.end):
            continue
        low = folded(tok.low)
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
        # a given name no dictionary holds is the person in lower case too, and so is any such
        # name in a text message ("22:48 YP: ty bex" after "Bex")
        if not (tok.capitalised or tok.allcaps
                # (in lower case, an everyday word only if a given name: "the little one"
                # is no "Little Owls")
                or (lower is not None and all(lower.taken[tok.start:tok.end])
                    and (tok.core[0].isupper() or low in FIRST_NAMES or low in SURNAMES
                         or low in alone or not is_english(low)))
                or (tok.core.islower() and len(low) >= 3 and not is_english(low)
                    and (low in FIRST_NAMES or low in found_lower
                         or CHAT_LINE_RE.match(text, text.rfind("\n", 0, tok.start) + 1)))
                # a given name that is a word, in lower case as the subject of a verb: "rob
                # says" after "Rob", never "the rob" nor "they rob"
                or (low in FIRST_NAMES and _lower_subject(text, tok))
                # a name no dictionary holds, found in this text, in lower case with a verb
                # after or beside "and": "hawi wants" after "Hawi", "Mum and zion rooming in"
                or (tok.core.islower() and len(low) >= 3 and not is_english(low)
                    and (_lower_subject(text, tok) or _AND_BESIDE_RE.search(
                        line_before(text, tok.start)[-5:])))):
            continue
        if tok.allcaps and tok.core in capitals:
            continue
        if tok.sentence_start and low in SENTENCE_WORDS \
                and not _STATE_AFTER_RE.match(line_after(text, tok.end)) \
                and not _alone_in_cell(text, tok) and not _lower_subject(text, tok):
            continue        # "Hope is…", "Will be…"; but a diary's "Hope up at 7", "rob says"
        # a later word of a name that is a word of the language the lists lack recurs at a
        # sentence's start or in a heading only as a person does, with a verb or possessive
        # ("Caravan sites…" after "Brackenby Caravan", "FIRST CLASS POST" after "Old Post")
        if (tok.sentence_start or (tok.allcaps and _among_capitals(text, tok))) \
                and low not in given_words and low not in FIRST_NAMES and low not in SURNAMES \
                and not tok.possessive and not VERB_AFTER_RE.match(line_after(text, tok.end)) \
                and is_english(low) and not _beside_name(text, toks, i, components):
            continue
        if low in _MONTH_NAMES_ALSO_NAMES and _in_date_context(text, tok):
            continue
        out.append(Span(tok.start, tok.end, "name", PRIORITY["name"] - 10,
                        words=(tok.core.title() if tok.allcaps else tok.core,)))
    out += _nana_alone(text, toks, names, mask) + _short_forms(toks, names, mask, components)
    out += _nickname_before_name(text, toks, names, mask) + _name_before_handle(text, mask)
    out += _defined_letters(text, names, mask)
    initials, defined = name_initials(text, names)
    for tok in toks:
        core = tok.core.replace("’", "'")
        if tok.allcaps and core in initials and (core not in capitals or core in defined
                                                 or _initials_as_person(text, tok, initials)) \
                and not text[tok.start - 1:tok.start].isdigit() \
                and not DOTTED_INITIALS_RE.match(text, tok.start) \
                and mask.free(tok.start, tok.end) and not (
                    tok.low in NAME_STOP_WORDS and _among_capitals(text, tok)):    # "MATTER OF THE"
            out.append(_initials_span(tok.start, tok.end, core, initials[core]))
    # "P.M. said", "K. A.": dotted initials of a person named (never a time, "3 P.M.")
    for m in DOTTED_INITIALS_RE.finditer(text) if "." in text else ():
        letters = m.group(0).replace(".", "").replace(" ", "").replace("\t", "")
        if letters in initials and mask.free(m.start(), m.end()) \
                and not re.search(r"\d[ \t]*\Z", line_before(text, m.start())):
            out.append(_initials_span(m.start(), m.end(), letters, initials[letters]))
    return out


def _beside_name(text: str, toks: list[Tok], i: int, components: set[str]) -> bool:
    """Whether the word before or after ``toks[i]`` (a space between) is a word of a name
    found: "HUNG NGUYEN" after "Nguyễn Văn Hùng" is the person, not a heading's words."""
    return (i + 1 < len(toks) and text[toks[i].end:toks[i + 1].start] == " "
            and folded(toks[i + 1].low) in components) or (
        i > 0 and text[toks[i - 1].end:toks[i].start] == " "
        and folded(toks[i - 1].low) in components)


_WORD_BEFORE_BRACKET_RE = re.compile(r"(?<![\w'’\-])([A-Z][\w'’\-]+)[ \t]*\([ \t]*\Z")


def _nickname_before_name(text: str, toks: list[Tok], names: list[Span],
                          mask: Mask) -> list[Span]:
    """A nickname written before the full name in brackets ("Dibs (Dibyendu Sarkar, 14)",
    "Kenzie (Mackenzie Doyle)"), that person wherever it comes: it shares two letters of the
    given name."""
    found: dict[str, tuple[str, ...]] = {}
    for n in names:
        m = _WORD_BEFORE_BRACKET_RE.search(text, max(0, n.start - 30), n.start)
        if not m or len(n.words) < 2:
            continue
        nick, given = m.group(1), n.words[0]
        low = nick.lower()
        if nick != given and low[:2] in given.lower() and low not in NAME_STOP_WORDS \
                and low not in ROLES and nick not in never_initials():
            found[nick] = n.words
    return [Span(t.start, t.end, "name", PRIORITY["name"] - 10, words=found[t.core])
            for t in toks if t.core in found and mask.free(t.start, t.end)] if found else []


# a name given with its owner's handle, which spells it: '"Precious", @preciouss.x', "Jade
# (@jadey_xo)"
_NAME_THEN_HANDLE_RE = re.compile(r"(?<![\w@.])[\"“'‘]?([A-Z][a-z'’\-]{2,})[\"”'’]?[ \t]*"
                                  r"[,(\-–][ \t]*[\"“'‘]?@([\w.]+)")


def _name_before_handle(text: str, mask: Mask) -> list[Span]:
    out = []
    for m in _NAME_THEN_HANDLE_RE.finditer(text) if "@" in text else ():
        word = m.group(1).lower()
        if m.group(2).lower().startswith(word[:4]) and mask.free(m.start(1), m.end(1)) \
                and word not in NAME_STOP_WORDS:
            out.append(Span(m.start(1), m.end(1), "name", PRIORITY["name"] - 10,
                            words=(m.group(1),)))
    return out


# a text message as a log or export has it: a time, then who sent it ("17:34 YP: ty x")
# a chat's message line, opening with its time (a date perhaps before it) and who sent it, as
# the phone saved them: "22:48 YP: ty bex", "16:05 Dionne FSW: Hi both", "[12/07/2024, 08:03]
# Mr F Yr3: Morning"
CHAT_LINE_RE = re.compile(
    r"(?m)^[ \t]*\[?(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4},?[ \t]+)?\d{1,2}[:.]\d{2}(?::\d{2})?"
    r"(?:[ \t]?[apAP][mM])?\]?[ \t\-–,]*(?P<who>[^\W\d_][^:\n]{0,30}?)[ \t]*:")


def whole_chat_senders(text: str, names: list[Span], others: list[Span]) -> None:
    """A chat's sender goes whole (``names`` changed in place) when one name is in it and no
    other identifier: the role or class a phone saved with the name ("Dionne FSW", "Mr F Yr3")
    says who it is as much as the name does."""
    if ":" not in text:
        return
    for m in CHAT_LINE_RE.finditer(text):
        start, end = m.span("who")
        if len(m.group("who").split()) > 4 or any(
                o.start < end and start < o.end for o in others):
            continue
        inside = [s for s in names if start <= s.start and s.end <= end]
        if len(inside) == 1 and not any(s.start < end and start < s.end
                                        for s in names if s is not inside[0]):
            inside[0].start, inside[0].end = start, end


# how a diary or log says how a child was, with no verb: "Hope up at 7", "Will asleep by 8"
_STATE_AFTER_RE = re.compile(r"[ \t]+(?:up|awake|asleep|home|upset|unsettled|settled|tired|"
                             r"grumpy|poorly|unwell|quiet|happy|excited|in[ \t]+bed)\b")
# a playful short form of a name: "Cally" for Calum, "BRADDERS" for Mr Bradshaw, "Jonno"
# for Jonathan, "Hopey" for Hope (the name's first letters, a doubled letter, an ending)
_SHORT_FORM_SUFFIXES = r"(?:y|ie|ey|o|a|sy|ers|za|ster)"
_SHORT_FORM_ENDINGS = rf"(?:{_SHORT_FORM_SUFFIXES})?"    # (or none: "Des", "Bev")


def _short_forms(toks: list[Tok], names: list[Span], mask: Mask,
                 components: set[str]) -> list[Span]:
    """Short forms of the names found that no dictionary holds, each its person's."""
    by_start = _names_by_start(names)
    out = []
    english = english_words()     # whole words: "Bradders" is no form of "brad"
    for tok in toks if by_start else ():
        if not (4 <= len(tok.core) <= 10 and tok.core[0].isupper()
                and tok.core[:3].lower() in by_start):
            continue
        low = tok.low
        if low in components or not mask.free(tok.start, tok.end):
            continue
        # (a word in capitals cut short is an acronym's: "NASS" beside a Nassim; "BRADDERS" is
        # a short form)
        name = _short_form_of(low, by_start, bare=not tok.allcaps)
        if name and low not in NAME_STOP_WORDS and tok.core not in never_initials() \
                and low not in english and low.removesuffix("s") not in english:
            out.append(Span(tok.start, tok.end, "name", PRIORITY["name"] - 10, words=(name,)))
    return out


def _names_by_start(names: list[Span]) -> dict[str, list[str]]:
    by_start: dict[str, list[str]] = defaultdict(list)
    for s in names:
        for w in s.words:
            if len(w) >= 4 and "-" not in w:
                by_start[w[:3].lower()].append(w)
    return by_start


def _short_form_of(low: str, by_start: dict[str, list[str]], bare: bool = True) -> str | None:
    """The name (of those by their first three letters) that ``low`` is a short form of; none
    when it may be two people's ("Sam" beside a Samantha and a Samuel)."""
    found = {name.lower(): name for name in by_start.get(low[:3], ())
             if low != name.lower() and any(
                 low.startswith(name.lower()[:k]) and re.fullmatch(
                     re.escape(name.lower()[k - 1]) + "?"
                     + (_SHORT_FORM_ENDINGS if bare else _SHORT_FORM_SUFFIXES), low[k:])
                 for k in range(3, len(name) + 1))}
    return next(iter(found.values())) if len(found) == 1 else None


# "her Nana", "maternal Nana", "my nana's": the grandmother, whoever else is called Nana
_FAMILY_BEFORE_RE = re.compile(r"(?i)\b(?:her|his|my|their|your|our|the|a|maternal|paternal|"
                               r"great|great-)[ \t\-]*\Z")


def _nana_alone(text: str, toks: list[Tok], names: list[Span], mask: Mask) -> list[Span]:
    """Where a name opens with "Nana" ("Nana Ama Asante"), "Nana" alone is that person too,
    unless a word of family is before it ("her Nana") or another name after it ("Nana
    Kathleen": a grandmother)."""
    named = next((s for s in names if text.startswith("Nana", s.start) and s.words
                  and s.words[0] != "Nana"), None)
    if named is None:
        return []
    return [Span(t.start, t.end, "name", PRIORITY["name"] - 10, words=named.words[:1])
            for t in toks if t.core == "Nana" and mask.free(t.start, t.end)
            and not _FAMILY_BEFORE_RE.search(line_before(text, t.start)[-20:])
            and not re.match(r"[ \t]+[A-Z]", line_after(text, t.end))]


# initials written with stops, two or three letters: "P.M.", "K. A.", "B.T.C."
DOTTED_INITIALS_RE = re.compile(r"(?<![\w.])[A-Z](?:[\-'’][A-Z])?\."
                                r"(?:[ \t]?[A-Z](?:[\-'’][A-Z])?\.){1,2}(?![\w])")
# what says dotted initials are a young person: an age in brackets ("T.J. (15)"), in the next
# column of a table ("| T.M. | 9 |"), or sex or age after a comma ("J.B., male, age 12")
_PERSON_AFTER_INITIALS_RE = re.compile(
    r"[ \t]*\|[ \t]*\d{1,2}[ \t]*(?:y(?:rs?|ears?)?|m(?:ths?|onths?)?)?[ \t]*\|"
    r"|,[ \t]*(?i:male|female|boy|girl|aged?[ \t]*\d)\b")


def person_initials(text: str, m: re.Match) -> bool:
    """Whether dotted initials (a match of :data:`DOTTED_INITIALS_RE`) are said to be a young
    person by what follows them."""
    return bool(AGE_AFTER_RE.match(line_after(text, m.end()))
                or _PERSON_AFTER_INITIALS_RE.match(text, m.end()))


# initials set in brackets straight after a name: "Tyler (TM, 15)", "Amira (AH)"
_INITIALS_IN_BRACKETS_RE = re.compile(r"[ \t]*\(([A-Z]{2,3})(?=[,;)])")


# a letter a text sets for a named person, quoted, later on the name's line: 'Mason Bright,
# DOB … - "M" below', 'Ayo Bello ("A" from here)'
_LETTER_DEFINED_RE = re.compile(
    r"""[^\n]{0,60}?[(\-–—,][ \t]*[("“'‘][ \t]*([B-HJ-Z])[ \t]*["”'’]"""
    # or in brackets straight after the name: "Dilan (D), 9"
    r"|[ \t]*\([ \t]*([B-HJ-Z])[ \t]*\)")


def _defined_letters(text: str, names: list[Span], mask: Mask) -> list[Span]:
    """Every later use of a letter the text defines as a named person: "M very attached to
    mum", "for H"; never beside another letter, a digit or a joining mark ("H&C", "M6")."""
    letters: dict[str, tuple[str, ...]] = {}
    for s in names:
        m = _LETTER_DEFINED_RE.match(text, s.end)
        letter = m and (m.group(1) or m.group(2))
        if letter and s.words and s.words[0][:1].upper() == letter:
            letters[letter] = s.words
    out = []
    for letter, words in letters.items():
        for m in re.finditer(rf"(?<![\w'’&/\-.]){letter}(?![\w'’&/\-]|\.\w)", text):
            if mask.free(m.start(), m.end()) and not letter_label(text, m.start()):
                out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] - 10,
                                words=words))
    return out


def name_initials(text: str, names: list[Span]) -> tuple[dict[str, set[tuple[str, ...]]],
                                                        set[str]]:
    """The initials each named person may be written by (the words of their name), and those
    the text itself sets after a name ("Tyler (TM, 15)"): these stand for the person even
    where they are a practice acronym too."""
    # two words or more are a person; a surname after a dotted initial ("T. Ashworth-Lyle")
    # is resolved as the surname alone
    initials: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    defined: set[str] = set()
    for s in names:
        if not s.words:
            continue
        words = [w.lower() for w in s.words]
        person = (words[0], words[-1]) if len(words) >= 2 else tuple(words)
        bracketed = _INITIALS_IN_BRACKETS_RE.match(text, s.end)
        # ("Siobhan Gallagher (SW)": a practice acronym in brackets is her role, unless the
        # name's own initials spell it)
        if bracketed and bracketed.group(1)[0] == s.words[0][:1].upper() and (
                bracketed.group(1) not in never_initials() or len(s.words) < 2
                or bracketed.group(1)[-1] == s.words[-1][:1].upper()):
            initials[bracketed.group(1)].add(person)
            defined.add(bracketed.group(1))
        # "P-S" for Pennington-Smythe: a double-barrelled name's initials with its hyphen
        for w in s.words:
            if "-" in w:
                initials["-".join(_initial(p) for p in w.split("-") if p).upper()].add(person)
        dotted = _DOTTED_START_RE.match(text, s.start)
        if len(s.words) < 2 and not dotted:
            continue
        parts = [[p[0] for p in w.split("-") if p] for w in s.words]
        lead = dotted.group(1) if dotted and len(s.words) == 1 else ""
        # "EDB" for Efua Danquah-Boateng, "TAL" for T. Ashworth-Lyle: every part's initial;
        # "JO'R" for Jan O'Rourke, the apostrophe kept
        for initial in (lambda p: p[0]), _initial:
            initials[lead + "".join(initial(p) for w in s.words for p in w.split("-")
                                    if p).upper()].add(person)
        if len(s.words) >= 2:
            first_parts = "".join(parts[0]).upper()
            initials[s.words[0][0] + s.words[-1][0]].add(person)
            initials["".join(w[0] for w in s.words)].add(person)
            if len(first_parts) > 1:          # "KL" for Kacey-Leigh, "KLB" with the surname
                initials[first_parts].add(person)
                initials["-".join(first_parts)].add(person)      # "K-L" too
                initials[first_parts + s.words[-1][0]].add(person)
    return initials, defined


# a worker's initials that spell a practice acronym too ("PA" for Precious Adjei) are the
# worker where used as a person: what only a person does after ("PA thinks"; a service "was"
# or "will" too), or told, shown, met… before
_PERSON_VERB_AFTER_RE = re.compile(r"[ \t]+(?:thinks|thought|believes|believed|feels|felt|says|"
                                   r"said|told|asked|saw|noticed|heard|spoke|reckons|wondered|"
                                   r"remembered|recalled|laughed)\b")
_PERSON_BEFORE_RE = re.compile(r"(?i)\b(?:showed|shown|told|asked|gave|with|by|met|rang|called|"
                               r"phoned|emailed|texted)[ \t]+\Z")


def _initials_as_person(text: str, tok: Tok, initials: dict) -> bool:
    if tok.core in vocabulary().everyday:
        return False        # "registered with GP": an acronym every reader knows
    people = initials[tok.core]
    before = line_before(text, tok.start)[-12:]
    if re.search(r"(?i)\b(?:the|a|an|his|her|their|my|your|our)[ \t]+\Z", before):
        return False        # "the PA will visit": the role
    return len(people) == 1 and len(next(iter(people))) >= 2 and bool(
        _PERSON_VERB_AFTER_RE.match(line_after(text, tok.end))
        or _PERSON_BEFORE_RE.search(before))


def _initial(part: str) -> str:
    """"R" for Rourke, "O'R" for O'Rourke."""
    return part[:3].replace("’", "'") if re.match(r"\w['’][A-Z]", part) else part[0]


def _initials_span(start: int, end: int, core: str, people: set[tuple[str, ...]]) -> Span:
    """Initials standing for one named person get the person's placeholder; for two, their
    own."""
    person = next(iter(people))
    if len(people) == 1 and len(person) == 1:
        return Span(start, end, "name", PRIORITY["name"] - 10, words=person)
    span = Span(start, end, "name", PRIORITY["name"] - 10, words=(core,))
    span.key = ("person", *person) if len(people) == 1 else ("initials", core)
    return span


# "Tyrese Golding aka 'T-Bone'", "(known as Deano)", "nicknamed Tiny": the nickname is the
# same person; it may be any word, capitalised or not
_NICKNAME_RE = re.compile(
    r"(?i:\b(?:aka|a\.k\.a\.?|also known as|known(?: to \w+)? as|nicknamed|nickname|"
    r"calls? (?:him|her|them)"
    r"self|(?:everyone|every1|people|they|friends|mates)[ \t]+calls?[ \t]+(?:me|him|her|them)|"
    r"goes by|street name(?:[ \t]+(?:is|was))?|call(?:s|ed)?[ \t]+(?:him|her|them)|called"
    # the name an account, profile or booking is in: 'account name "AZ M"'
    r"|(?:account|user|profile|display|screen|booking|group|chat|channel)[ \t]*name)\b)[ \t:]*"
    r"(?:[\"“'‘](?P<quoted>[^\W\d_][\w'’\-]*"
    r"(?:[ \t]+[\w'’\-]+){0,2}?)[\"”'’](?![\w])|[\"“'‘]?"
    r"(?P<nick>[A-Za-z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?)(?P<quote>[\"”'’])?)")
_NICK = "nickname"
_AKA_RE = re.compile(r"(?i)(?:aka|a\.k\.a|also known as|known(?: to \w+)? as|nicknamed|goes by|"
                     r"street name)\b")
# more nicknames quoted after the first: 'AKA: "Merc", "DC"', 'known as "Bells" or "Izzy"'
_MORE_QUOTED_RE = re.compile(r"[ \t]*(?:,|/|or|and)[ \t]*[\"“'‘](?P<quoted>[^\W\d_][\w'’\-]*"
                             r"(?:[ \t]+[\w'’\-]+){0,2}?)[\"”'’](?![\w])")
# what friends call each other ("calls him 'bro'"): no nickname; "Bro" opens Welsh place names
# ("Bro Morgannwg"), so these are no stop words
_TERMS_OF_ADDRESS = frozenset({"bro", "bruv", "blud", "cuz", "fam", "bestie", "mate", "babe",
                               "hun", "sis", "boss"})
# a quoted nickname set against its owner, as a list of people on a risk sheet has it:
# '"Spud" = Darren Holloway', '"J-Money" - real name unknown', '"Spud" believed to be
# Darren…', 'Darren Holloway = "Spud"', or said to be nobody known yet ('"Tiny" not
# identified'), or marked as one ('"Moose" (nickname)')
_QUOTED_NICK = r"[\"“'‘](?P<quoted>[^\W\d_][\w'’\-]*(?:[ \t]+[\w'’\-]+){0,2}?)[\"”'’]"
_REAL_NAME = (r"(?i:(?:(?:his|her|their)[ \t]+)?(?:real|full|actual)[ \t]+name|"
              # '"Gaz" (surname not known to her)'
              r"(?:sur|first[ \t]+|last[ \t]+|family[ \t]+)?name[ \t]+"
              r"(?:unknown|not[ \t]+known)|identity[ \t]+(?:unknown|not[ \t]+known)|"
              r"(?:believed|thought|understood)[ \t]+to[ \t]+be[ \t]+(?-i:[A-Z]))")
_DEFINED_NICKNAME_RE = re.compile(
    rf"{_QUOTED_NICK}(?=[ \t]*(?:=[ \t]*(?:[A-Z][\w'’\-]*[ \t]+[A-Z]|\?|{_REAL_NAME}|"
    rf"(?i:unknown|not[ \t]+known))|[\-–—:(]?[ \t]*{_REAL_NAME}"
    rf"|[ \t]*\((?i:nick[ \t]*name|street[ \t]+name)\)"
    rf"|[ \t]+(?:is[ \t]+|was[ \t]+)?(?i:not[ \t]+(?:yet[ \t]+)?(?:identified|known)|"
    rf"unidentified|unknown)\b))"
    rf"|(?<=[A-Za-z])[ \t]*=[ \t]*{_QUOTED_NICK.replace('quoted', 'after')}")


# a nickname quoted in brackets straight after a name: 'Jordan ("JJ")', 'Rebecca ("Bex")'
# (or who uses it after it: 'Mrs Grant ("Mama G" to the children)')
_BRACKETED_NICK_RE = re.compile(r"(?<=[A-Za-z])[ \t]*\([ \t]*" + _QUOTED_NICK
                                + r"[ \t]*(?:(?:to|for|by|with)[ \t]+[^()\n]{1,30})?\)")
_WORDS_BEFORE_RE = re.compile(r"((?:[A-Z][\w'’\-]*[ \t]+(?:(?:of|and|for|the|in)[ \t]+)?)*"
                              r"[A-Z][\w'’\-]*)\Z")


def _glossary_acronym(text: str, m: re.Match) -> bool:
    """'Special Guardianship Order ("SGO")', 'the Local Authority ("LA")': a term's acronym
    defined, never a person's nickname (unless the words are a given name's: "Jade Jones")."""
    nick = m.group("quoted")
    if not nick.isupper():
        return False
    if nick in never_initials():
        return True
    before = _WORDS_BEFORE_RE.search(text, max(0, m.start() - 80), m.start())
    words = re.findall(r"[A-Z][\w'’\-]*", before.group(1)) if before else []
    return len(words) >= 2 and "".join(w[0] for w in words).endswith(nick) \
        and words[-len(nick)].lower() not in FIRST_NAMES


# a list of people by their nicknames, under a line that says so: "named two males only by
# street names:" then '- "Stacks" – 20s', '- "Little T" / "Tizzy" – about 18'
_NICKNAME_LIST_CUE_RE = re.compile(r"(?im)\b(?:street[ \t]+names?|nick[ \t]*names?|aliases|"
                                   r"aka|known[ \t]+as)\b[^\n:]{0,25}:[ \t]*$")
_LISTED_NICK_RE = re.compile(r"[ \t]*(?:[\-–•*]|\d{1,2}[.)])[ \t]*" + _QUOTED_NICK)


def _listed_nicknames(text: str) -> list[re.Match]:
    """The quoted nickname opening each item of a list under a line saying nicknames."""
    out = []
    for cue in _NICKNAME_LIST_CUE_RE.finditer(text) if "name" in text or "aka" in text else ():
        at = text.find("\n", cue.end()) + 1
        while at and (item := _LISTED_NICK_RE.match(text, at)):
            out.append(item)
            at = text.find("\n", item.end()) + 1
    return out


def nickname_names(text: str, mask: Mask) -> list[Span]:
    """Nicknames introduced as such ("aka", "known as"…, or quoted and set against a full
    name with "=" or "real name"); quoted, or capitalised when not quoted."""
    out = []
    found = [(m, "quoted" if m.group("quoted") else "nick") for m in _NICKNAME_RE.finditer(text)]
    found += [(m, "quoted" if m.group("quoted") else "after")
              for m in _DEFINED_NICKNAME_RE.finditer(text)]
    found += [(m, "quoted") for m in _BRACKETED_NICK_RE.finditer(text)
              if not _glossary_acronym(text, m)] if "(" in text else []
    found += [(m, "quoted") for m in _listed_nicknames(text)]
    for m, group in found:
        nick = m.group(group)       # "aka 'lil d'": all of it
        if m.re is _DEFINED_NICKNAME_RE and nick.isupper():
            continue        # '"LAC" = Looked After Child': a glossary's acronym
        quoted = group != "nick" or m.group("quote") is not None
        if not quoted and (not nick[0].isupper() or nick.lower() in NAME_STOP_WORDS):
            continue        # "called the police", "known as a good dad"
        # 'Dean Hollis aka "Dutch"': one word quoted with a capital after "aka" is a
        # nickname, whatever the word means
        # (and one quoted in brackets straight after a name: 'Chidera ("Chi")')
        named = (quoted and ((m.re is _NICKNAME_RE and _AKA_RE.match(m.group(0)))
                             or m.re in (_BRACKETED_NICK_RE, _LISTED_NICK_RE))
                 and re.fullmatch(r"[A-Z][\w'’\-]*", nick)) or m.re is _LISTED_NICK_RE
        if all(w in NAME_STOP_WORDS or w in _TERMS_OF_ADDRESS or w in ROLES
               for w in nick.lower().split()) and not (
                named and nick.lower() not in _TERMS_OF_ADDRESS and nick.lower() not in ROLES):
            continue        # "known as 'the big man'", "calls him 'bro'", "calls her 'Maame'"
        start = m.start(group)
        family = re.match(r"([A-Z][a-z]+)[ \t]+", nick)
        if not quoted and family and family.group(1).lower() in ROLES:
            start += family.end()       # "call her Nana Bernie": the family word stays
            nick = nick[family.end():]
        if not mask.free(start, m.end(group)) \
                or _PET_BEFORE_RE.search(line_before(text, start)[-80:].rstrip("\"“'‘")):
            continue
        out.append(Span(start, m.end(group), "name", PRIORITY["name"] + 1,
                        words=(nick,), title=_NICK))
        at = m.end()
        while named and (more := _MORE_QUOTED_RE.match(text, at)):
            at = more.end()     # each alias of the list, whatever it spells
            if mask.free(more.start("quoted"), more.end("quoted")):
                out.append(Span(more.start("quoted"), more.end("quoted"), "name",
                                PRIORITY["name"] + 1, words=(more.group("quoted"),),
                                title=_NICK))
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
            # '"Spud" = Darren Holloway', '"Spud" - believed to be Darren…': the name after
            after = [p for p in spans[i + 1:i + 2] if 0 <= p.start - s.end <= 25
                     and len(p.words) >= 2]
            if before or after:
                s.key = (before[-1] if before else after[0]).key
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


# a Vietnamese name: a common family name (in capitals too), a comma perhaps, then one to three
# given syllables, capitalised, words of English or not ("Pham Van Duc", "NGUYEN, Bao An",
# "Tran Thi Mai"); accents or none
_VI_FAMILY = (r"(?:Nguy[eễ]n|Tr[aầ]n|L[eê]|Ph[aạ]m|Ho[aà]ng|Hu[yỳ]nh|Phan|V[uũ]|V[oõ]|[DĐ][aặ]ng|"
              r"B[uù]i|[DĐ][oỗ]|H[oồ]|Ng[oô]|D[uư][oơ]ng|L[yý]|[DĐ]inh|Tr[uư][oơ]ng|Mai|Cao|"
              r"Lam|Quach|Qu[aá]ch|Ta|T[aạ]|Trinh|Tri[nệ]h|La|Luu|L[uư]u|Thai|Th[aá]i)")
_VI_SYLLABLE = r"[A-ZĐ][a-zà-ỹđ]{1,6}"
_VIETNAMESE_RE = re.compile(
    rf"(?<![\w\-])(?P<fam>{_VI_FAMILY}|(?-i:[A-ZĐ][A-ZÀ-ỸĐ]{{1,6}}))(?P<comma>,)?"
    rf"(?P<given>(?:[ \t]+{_VI_SYLLABLE}){{1,3}})(?![\w\-])")
# the middle names that say a Vietnamese name: "Văn", "Thị"
_VI_MIDDLE = frozenset({"van", "văn", "thi", "thị"})
# one Vietnamese syllable, accents or none: an onset, vowels, a final consonant ("Quang",
# "Nghia", "Duc"; never "Drive", "Hire")
_VI_SYLLABLE_SHAPE = re.compile(
    r"(?i)(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+"
    r"(?:ch|ng|nh|[cmnpt])?")


def vietnamese_names(text: str, mask: Mask) -> list[Span]:
    """A Vietnamese family name and its given names: three or more syllables with "Van" or
    "Thi" in the middle ("Pham Van Duc"), or a listed family name in capitals and a comma
    before the given names ("NGUYEN, Bao An"), whatever the syllables mean in English."""
    out = []
    for m in _VIETNAMESE_RE.finditer(text):
        fam, given = m.group("fam"), m.group("given").split()
        listed = bool(re.fullmatch(_VI_FAMILY, fam.title().replace("Đ", "Đ")))
        middle = len(given) >= 2 and given[0].lower() in _VI_MIDDLE
        capitals_first = fam.isupper() and m.group("comma") and listed
        if not (listed and (middle or capitals_first)) or not mask.free(m.start(), m.end()) \
                or not all(_VI_SYLLABLE_SHAPE.fullmatch(g) for g in given):
            continue
        out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] + 1,
                        words=(fam.title(), given[-1])))
    return out


# a Hong Kong name: a Cantonese family name (in capitals too) before a given name of two
# syllables joined by a hyphen ("CHAN Hoi-ting", "Lau Mei-ling", "Lau Siu-fong")
_YUE_FAMILY = (r"(?i:Chan|Chen|Cheung|Chiu|Chow|Chau|Choi|Chu|Fung|Fong|Ho|Hui|Ip|Kam|Kan|Ko|"
               r"Kong|Kwan|Kwok|Lai|Lam|Lau|Law|Lee|Leung|Li|Lo|Lui|Luk|Mak|Man|Ng|Pang|Poon|"
               r"Shum|Siu|So|Sze|Tam|Tang|Ting|Tong|Tsang|Tse|Wong|Wu|Yeung|Yip|Yu|Yuen)")
_YUE_SYLLABLE = (r"(?:ch|kw|gw|ng|sh|ts|tz|[bcdfghjklmnpstwy])?"
                 r"(?:eung|oeng|eui|oey|ui|oi|ai|au|ei|eu|iu|oo|ou|ee|ue|yu|[aeiou])(?:ng|[kmnpt])?")
_YUE_RE = re.compile(rf"(?<![\w\-])(?P<fam>{_YUE_FAMILY})[ \t]+"
                     rf"(?P<given>(?=[A-Z][a-z]*-[a-z])(?i:{_YUE_SYLLABLE})-{_YUE_SYLLABLE})"
                     rf"(?![\w\-])")


def korean_names(text: str, mask: Mask) -> list[Span]:
    """Korean given names with a hyphen, with a family name before or after them; Hong Kong
    names, a Cantonese family name before its hyphened given name."""
    out = []
    for m in _YUE_RE.finditer(text) if "-" in text else ():
        # ("Lee Sit-in": a word of the language hyphened is no given name)
        if mask.free(m.start(), m.end()) and not is_english(m.group("given")):
            out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] + 1,
                            words=(m.group("given"), m.group("fam").title())))
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


# a form's field for a person's name: "Surname: HAMWI", "Name: Zed", "Child's name: Tobi
# FLEET", "Name of child: …"; whatever words stand there are the name, English words or not
_NAME_FIELD_RE = re.compile(
    r"(?im)(?:^|(?<=[ \t]{2})|(?<=[\t|]))[ \t]*(?:(?:child|young[ \t]+person|yp|mother|mum|"
    r"father|dad|parent|carer|patient|client|baby|sibling|pupil)['’]?s?[ \t]+)?"
    r"(?:(?:full|first|given|fore|last|sur|family|maiden|preferred)[ \t]*)?names?"
    r"(?:[ \t]+of[ \t]+(?:child|young[ \t]+person|yp|parent|mother|father|carer|baby|pupil|"
    r"person|patient|referrer|worker|social[ \t]+worker|interpreter))?"
    r"(?:[ \t]*\([^)\n]{0,20}\))?[ \t]*:[ \t]*"
    r"(?P<value>[^\W\d_][^\n|\t:;,(]{0,60}?)"
    r"(?=[ \t]*(?:\r?\n|\||\t|[ \t]{2}|[(,;]|\Z|[ \t]+(?i:dob|d\.o\.b|aged?|born)\b))")
# a patient's or family's field holds a name in capitals: "Pt: LI Xiaomei", "Family: AL-HAMWI"
_CAPITALS_FIELD_RE = re.compile(
    r"(?im)(?:^|(?<=[ \t]{2})|(?<=[\t|]))[ \t]*(?:pt|patient|client|family|surname)[ \t]*:[ \t]*"
    r"(?P<value>[A-Z][A-Z'’\-]+(?:[ \t][A-Z][\w'’\-]*){0,3})"
    r"(?=[ \t]*(?:\r?\n|\||\t|[ \t]{2}|[(,;]|\Z|[ \t]+(?i:dob|d\.o\.b|aged?|born)\b))")
_NO_NAME_YET = frozenset({"unknown", "not", "n/a", "na", "tbc", "tbd", "withheld", "none",
                          "redacted", "various", "see", "as", "baby", "unborn", "same", "nil",
                          "anonymous", "no"})
_FIELD_WORD_RE = re.compile(r"[^\W\d_][\w'’\-.]*")


def field_names(text: str, mask: Mask) -> list[Span]:
    """The name in a form's name field ("Surname: HAMWI", "Name: Zed"), and a patient's or
    family's name where it is written in capitals ("Pt: LI Xiaomei", "Family: AL-HAMWI")."""
    if ":" not in text:
        return []
    out = []
    for regex in (_NAME_FIELD_RE, _CAPITALS_FIELD_RE):
        for m in regex.finditer(text):
            words = list(_FIELD_WORD_RE.finditer(m.group("value")))
            # "Name: Baby KOWALCZYK", "Name: Unknown male": no name, or not yet one
            while words and words[0].group(0).lower().rstrip(".") in _NO_NAME_YET:
                if words[0].group(0).lower() != "baby":
                    words = []
                    break
                words.pop(0)
            # every word a name's: capitalised, in capitals, an initial or a particle
            if not words or not all(w.group(0)[0].isupper() or w.group(0).lower() in PARTICLES
                                    or _ARTICLE_NAME_RE.fullmatch(w.group(0)) for w in words):
                continue
            start = m.start("value") + words[0].start()
            end = m.start("value") + words[-1].end()
            if text[end - 1] == "." and not re.fullmatch(r"[A-Z]\.", words[-1].group(0)):
                end -= 1
            if mask.free(start, end):
                cores = tuple(w.group(0).rstrip(".").title() if w.group(0).isupper()
                              and len(w.group(0)) > 1 else w.group(0).rstrip(".")
                              for w in words if w.group(0).lower() not in PARTICLES)
                out.append(Span(start, end, "name", PRIORITY["name"] + 1, words=cores))
    return out
