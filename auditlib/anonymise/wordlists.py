"""The words the anonymiser decides by: its own lists, read from ``data/`` beside this module
(one word or phrase a line, ``#`` comments), and the practice vocabulary it shares with the
moderation checks (:mod:`auditlib.vocabulary`: acronyms and practice terms, which a council can
extend through ``AUDITLIB_VOCABULARY``).
"""
from __future__ import annotations

import functools
import importlib.resources
import re

from auditlib.vocabulary import vocabulary


def _read(name: str) -> tuple[str, ...]:
    text = (importlib.resources.files(__package__) / "data" / name).read_text(encoding="utf-8")
    return tuple(entry for line in text.splitlines()
                 if (entry := line.strip()) and not entry.startswith("#"))


TITLES = _read("titles.txt")
ROLES = _read("roles.txt")
VERBS = _read("verbs.txt")
PARTICLES = frozenset(_read("particles.txt"))
FIRST_NAMES = frozenset(_read("first-names.txt"))
SURNAMES = frozenset(_read("surnames.txt"))
NAME_ALSO_WORD = frozenset(_read("name-also-word.txt"))
NEVER_BARE = frozenset(_read("never-bare.txt"))
SENTENCE_WORDS = frozenset(_read("sentence-words.txt"))
SURNAME_WORDS = frozenset(_read("surname-words.txt"))
PLACE_WORDS = frozenset(_read("place-words.txt"))
INSTITUTION_WORDS = frozenset(_read("institution-words.txt"))
NOT_INITIALS = frozenset(w.upper() for w in _read("not-initials.txt"))
"""Capitals that are no person's initials beside the shared vocabulary's acronyms: benefits,
countries, shops, school subjects ("UC", "UK", "KFC", "PE")."""
MAKES = frozenset(_read("makes.txt"))
"""Vehicle makes and phone brands: the capitalised word after one is a model, not a name."""
TOWNS = frozenset(_read("towns.txt"))
"""Towns and cities: removed wherever they stand, a sentence's start included."""
# Welsh changes a word's first letters after certain words (soft, nasal and aspirate mutation:
# "plentyn", "ei blentyn", "fy mhlentyn", "ei phlentyn"), puts "h" before a vowel after "ei",
# "ein", "eu" ("ei hysgol"), and joins the article on ("diogelu'r"): the list holds each word
# once, plain, and these are its other written forms
_SOFT = (("ll", "l"), ("rh", "r"), ("p", "b"), ("t", "d"), ("c", "g"), ("b", "f"), ("d", "dd"),
         ("g", ""), ("m", "f"))
_NASAL = (("p", "mh"), ("t", "nh"), ("c", "ngh"), ("b", "m"), ("d", "n"), ("g", "ng"))
_ASPIRATE = (("p", "ph"), ("t", "th"), ("c", "ch"))


def welsh_forms(word: str, names: frozenset[str] = frozenset()) -> set[str]:
    """A Welsh word with its mutated forms and with the article or "yn" joined on. A word of
    three letters or fewer, or one opening with a pair of letters that does not mutate or is a
    mutation already ("ddim", "chwaer", "phlant"), is not mutated, and neither is a form
    shorter than four letters or among ``names`` (a person's or town's name: "pam" aspirated
    is "pham").

    >>> sorted(welsh_forms("plant"))[:6]
    ['blant', "blant'n", "blant'r", 'blant’n', 'blant’r', 'mhlant']
    >>> {"drafodaeth", "hysgol", "diogelu'r"} <= welsh_forms("trafodaeth") | welsh_forms(
    ...     "ysgol") | welsh_forms("diogelu")
    True
    """
    stems = {word}
    if " " not in word and len(word) >= 4 and not word.startswith(_UNMUTATED):
        for rules in (_SOFT, _NASAL, _ASPIRATE):
            # "ll" and "rh" before "l" and "r": the first rule that fits is the mutation
            rule = next(((a, b) for a, b in rules if word.startswith(a)), None)
            if rule:
                stems.add(rule[1] + word[len(rule[0]):])
        if word[0] in "aeiouwyâêîôûŵŷ":
            stems.add("h" + word)
        stems = {s for s in stems if s == word or (len(s) >= 4 and s not in names)}
    return stems | {s + clitic for s in stems if " " not in s
                    for clitic in ("'r", "’r", "'n", "’n")}


_UNMUTATED = ("dd", "ch", "ph", "th", "ff", "ng", "mh", "nh")
WELSH_WORDS = tuple(sorted({form for word in _read("welsh-words.txt")
                            for form in welsh_forms(word, FIRST_NAMES | SURNAMES | TOWNS)}))
"""Common Welsh words (headings, verbs, words of practice) of bilingual documents, with their
mutated forms: stop words."""
# stop words that are first names too (Faith, Charity, Autumn) stay possible names; "will",
# "may" and "mark" are decided by name-also-word.txt instead
STOP_WORDS = frozenset(_read("stop-words.txt")) - FIRST_NAMES - {"will", "may", "mark"}
# a heritage written with hyphens ("Ghanaian-British", "Black-Caribbean", "Anglo-Indian",
# "Turkish-Cypriot"): a nationality or people of the stop list (a word no dictionary holds,
# ending as one does, or one spelt like a word: "Polish", "Dutch") joined to a wider identity,
# either way round; never a double-barrelled name, unless both halves are names too
_WIDER_HERITAGE = frozenset({
    "british", "english", "scottish", "welsh", "irish", "cornish", "american", "canadian",
    "australian", "african", "asian", "caribbean", "european", "arab", "latin", "latino",
    "latina", "hispanic", "cypriot", "jewish", "black", "white", "mixed", "anglo", "afro",
    "indo", "euro", "sino"})
_NATIONS_SPELT_AS_WORDS = frozenset({"polish", "dutch", "danish", "french", "german", "scots"})
_NATION_RE = re.compile(r"[a-z]+(?:an|ish|ese|i|ch|ss|ek|ab|ot|ic|no|na|ts|x|k|ya|ra|un)")


def _heritage_compounds() -> frozenset[str]:
    """Nationalities and peoples joined by a hyphen to a wider heritage, lower case.

    >>> {"ghanaian-british", "black-british", "anglo-indian", "polish-british"} \\
    ...     <= _heritage_compounds()
    True
    """
    from auditlib.anonymise.english import is_english
    names = FIRST_NAMES | SURNAMES | SURNAME_WORDS
    nations = {w for w in STOP_WORDS if _NATION_RE.fullmatch(w) and not is_english(w)}
    nations |= _NATIONS_SPELT_AS_WORDS
    return frozenset(f"{a}-{b}" for wide in _WIDER_HERITAGE for other in nations | _WIDER_HERITAGE
                     for a, b in ((wide, other), (other, wide))
                     if a != b and not (a in names and b in names))


STOP_WORDS |= _heritage_compounds()
NAME_STOP_WORDS = STOP_WORDS | (frozenset(WELSH_WORDS) - FIRST_NAMES)
"""The stop words and common Welsh words: never a person's name. (Welsh words stay out of the
places' stop words: "Maes yr Ysgol" is a street.)"""
WELSH_INSIDE_NAMES = NAME_STOP_WORDS - STOP_WORDS
"""Welsh words that go on inside a venue's or service's name ("Canolfan Lles Plant Bryncelyn"),
though they never open or end a person's name."""
KEPT_TERMS = _read("kept-terms.txt")
"""Programmes, tools, schemes and family words kept readable beside the shared practice terms."""
NOT_NAMES = frozenset(_read("not-names.txt")) - FIRST_NAMES - SURNAMES
"""Words that are no one's name but may name a place, a venue, a club or a shop: GIRFEC's
wellbeing indicators, dishes, sports, products ("see Safe", "plays Shinty", "had Jollof";
"Safe Haven", "Hollybank Shinty Club", "Jollof Kitchen"). Weak, and no stop words: a name only
with evidence, and a place named with one still goes, in capitals or in lower case."""
WEAK = SURNAME_WORDS | PLACE_WORDS | NEVER_BARE | NOT_NAMES
"""Words that are a name only with evidence (a title, a role, an age…), never alone."""


def never_initials() -> frozenset[str]:
    """The shared vocabulary's acronyms and abbreviations, in capitals, and the words a letter
    is headed with (``LETTER_CAPITALS``): never a person's initials, never part of a name."""
    return _with_letter_capitals(vocabulary().capitals)


LETTER_CAPITALS = frozenset({"FAO", "ATTN", "PTO", "RSVP", "TBC", "TBA", "AKA", "BCC", "PPS"})
"""What a letter or an email is headed or signed off with ("FAO: Ms …", "PTO", "RSVP"): never
a person's initials, even where someone in the letter has those initials."""


@functools.lru_cache(maxsize=8)
def _with_letter_capitals(capitals: frozenset[str]) -> frozenset[str]:
    return capitals | LETTER_CAPITALS


def practice_spans(text: str) -> list[tuple[int, int]]:
    """Where the shared vocabulary's practice terms are in ``text`` (ignoring case): they stay
    readable. The longest term starting at a place wins, leftmost first."""
    groups, rest = _practice_res(vocabulary().practice_terms + KEPT_TERMS)
    found: list[tuple[int, int]] = []
    end = 0
    # one alternation of thousands of terms is tried at every character; the terms opening
    # with a word's first two letters are tried only where a word opens with them
    for word in _WORD_START_RE.finditer(text):
        at = word.start()
        if at < end:
            continue
        regex = groups.get(_key(text[at:at + 2]))
        if regex is not None and (m := regex.match(text, at)):
            found.append(m.span())
            end = m.end()
    if rest is not None:
        found = sorted(found + [m.span() for m in rest.finditer(text)
                                if not any(s < m.end() and m.start() < e for s, e in found)])
    return found


_WORD_START_RE = re.compile(r"(?<![\w])\w")


def _key(two: str) -> str:
    return re.sub(r"\s", " ", two.lower().replace("’", "'"))


def _alternation(terms: list[str]) -> str:
    return "|".join(re.escape(t).replace(r"\ ", r"\s+").replace("'", "['’]")
                    for t in sorted(set(terms), key=len, reverse=True))


@functools.cache
def _practice_res(terms: tuple[str, ...]) -> tuple[dict[str, re.Pattern], re.Pattern | None]:
    """The terms' patterns by the first two letters they open with, and one pattern for the
    few that open with no letter."""
    by_key: dict[str, list[str]] = {}
    rest: list[str] = []
    for term in terms:
        if term[:1].isalnum() or term[:1] == "_":
            by_key.setdefault(_key(term[:2]), []).append(term)
        else:
            rest.append(term)
    groups = {key: re.compile(rf"(?:{_alternation(group)})(?![\w])", re.IGNORECASE)
              for key, group in by_key.items()}
    tail = (re.compile(rf"(?<![\w])(?:{_alternation(rest)})(?![\w])", re.IGNORECASE)
            if rest else None)
    return groups, tail
