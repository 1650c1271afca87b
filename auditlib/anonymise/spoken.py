"""Identifiers spoken rather than written, as speech-to-text dictation types them: digits as
words ("oh one six three two nine six …", "double seven"), the NATO alphabet mixed with digits
("alpha sierra four six delta whiskey"), names spelled letter by letter ("W-H-I-T-F-I-E-L-D",
"P O L L I T T"), emails read aloud ("d dot foulkes at ashcombe homes dot example dot org")
and house numbers in words before a street ("forty four Pelham Court").

Each shape is decoded (digits, letters, an address) and kinded as its written form would be, with
the same key, so the spoken and the written form of one number share a placeholder. Ordinary
prose ("one or two", "at one point", "he is nine") never forms a run long enough to count.
"""
from __future__ import annotations

import re
from itertools import pairwise

from auditlib.anonymise.english import is_english
from auditlib.anonymise.identifiers import nhs_number_is_valid
from auditlib.anonymise.places import STREET_NAME
from auditlib.anonymise.spans import (
    PRIORITY,
    Mask,
    Span,
    finditer_in,
    line_after,
    line_before,
    windows,
)
from auditlib.anonymise.wordlists import (
    FIRST_NAMES,
    PLACE_WORDS,
    STOP_WORDS,
    SURNAMES,
    never_initials,
)

_DIGITS = {"zero": "0", "oh": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
           "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_TIMES = {"double": 2, "treble": 3, "triple": 3}
_NATO = {"alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E",
         "foxtrot": "F", "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J",
         "kilo": "K", "lima": "L", "mike": "M", "november": "N", "oscar": "O", "papa": "P",
         "quebec": "Q", "romeo": "R", "sierra": "S", "tango": "T", "uniform": "U",
         "victor": "V", "whiskey": "W", "whisky": "W", "xray": "X", "x-ray": "X", "x ray": "X",
         "yankee": "Y", "zulu": "Z"}
# longest first, so "juliett" is not read as "juliet" and a stray "t"
_WORDS = "|".join(sorted(set(_DIGITS) | {w.replace(" ", "[ \t]") for w in _NATO},
                         key=len, reverse=True))
# a token: a digit or NATO word (any case), a lone digit, or a lone capital (a spelled letter);
# "double"/"treble" repeat the next
# (a quote may open or close a run: "plate 'Lima Mike …'"; never "Mike's")
_TOKEN = (r"(?:(?i:double|treble|triple)[ \t]+)?"
          rf"(?:(?i:{_WORDS})(?![\w\-]|['’]\w)|\d(?![\w]|['’]\w|[.:/,]\d)"
          r"|[A-Z](?![\w]|['’]\w|\.\w))")
_SEP = r"(?:[ \t]*-[ \t]*|[ \t]+)"
# two tokens or more: nothing spoken is an identifier in one
_RUN_RE = re.compile(rf"(?<![\w’])(?<!\w')(?<![\w'’]-){_TOKEN}(?:{_SEP}{_TOKEN})+")
_TOKEN_RE = re.compile(rf"(?P<times>(?i:double|treble|triple)[ \t]+)?(?P<t>(?i:{_WORDS})|\d|"
                       r"[A-Z])")

# what the words just before a run call it
_NHS_CUE = re.compile(r"(?i)\b(?:nhs|chi|h&c)\b[^.\n]{0,25}\Z")
_PHONE_CUE = re.compile(r"(?i)\b(?:phone|telephone|tel|mobile|mob|landline|line|ring|call|"
                        r"text|whatsapp|contact)\b[^.\n]{0,20}\Z")
_EXTENSION_CUE = re.compile(r"(?i)\b(?:ext|extn|extension|bleep)\b[ \t:.]*(?:is[ \t]+)?\Z")
_REF_CUE = re.compile(r"(?i)\b(?:log|ref|reference|collar|crime|case|number|no|incident|cad|"
                      r"serial|id|account|warrant|badge|shoulder|pin|passcode|code|claim|"
                      r"policy|order|job|ticket|urn|upn|membership|exhibit)\b"
                      r"(?:[ \t]*(?:number|no|num|ref|is|was|[:#.]))*[ \t]*\Z")
_POSTCODE_CUE = re.compile(r"(?i)\bpost[ \t]?code\b[^.\n]{0,20}\Z")
_VEHICLE_CUE = re.compile(r"(?i)\b(?:reg(?:istration)?|vrm|plates?|car|van|vehicle|motorbike|"
                          r"moped|scooter|taxi|lorry|truck|hatchback|saloon|driv\w*|drove|"
                          r"parked|fiesta|corsa|golf)\b")
# a name's cue takes even an English word ("surname C-O-O-K"); spelling alone does not ("he
# can spell C-A-T")
_NAME_CUE = re.compile(r"(?i)\b(?:that['’]?s|that[ \t]+is|surname|name[ds]?|called|"
                       r"known[ \t]+as)\b[^.\n]{0,30}\Z")
_SPELL_CUE = re.compile(r"(?i)\b(?:spell\w*|spelt)\b[^.\n]{0,30}\Z")

_POSTCODE = re.compile(r"[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d"
                       r"[ABEHMNPRV-Y])(?P<inward>\d[ABD-HJLNP-UW-Z]{2})?")
_PLATE = re.compile(r"[A-HJ-PR-Y]{2}(?:0[1-9]|[1-9]\d)[A-HJ-PR-Z]{3}"
                    r"|[A-HJ-NP-Y]\d{1,3}[A-Z]{3}|[A-Z]{3}\d{1,3}[A-HJ-NP-Y]")
_VOWEL = re.compile(r"[AEIOUY]")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _trie(words: list[str]) -> str:
    """An alternation grouped by first letter: a regular expression tries far fewer branches
    at each place."""
    first: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        first.setdefault(w[0], []).append(re.escape(w[1:]))
    return "(?:" + "|".join(c + (f"(?:{'|'.join(rest)})" if any(rest) else "")
                            for c, rest in sorted(first.items())) + ")"


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
# the pre-check, over the text in lower case: a spoken digit, NATO, "double" or number word
# after a space or bracket. Starting with a character class lets the search skip between
# spaces; a lookbehind at every character would cost five times as much
_ANCHOR_WORDS = _trie([*_DIGITS, *_NATO, *_TIMES, *_TENS, *_TEENS, "hundred"])
_ANCHOR_RE = re.compile(rf"[\s(\[\"'“‘:,;./\-](?P<w>{_ANCHOR_WORDS})(?![a-z'’])")
_ANCHOR_AT_START = re.compile(rf"(?P<w>{_ANCHOR_WORDS})(?![a-z'’])")
# what makes a run: another token after the word, or a lone letter or digit before it
_TOKEN_AFTER = re.compile(rf"{_SEP}(?:{_ANCHOR_WORDS}|[a-z\d])(?![a-z'’\d])")
_TOKEN_BEFORE = re.compile(rf"(?<![a-z'’\d])[a-z\d]{_SEP}\Z")
_CAPITALS_ANCHOR = re.compile(rf"[A-Z]{_SEP}[A-Z]{_SEP}[A-Z](?![\w'’])")
_NUMBER_WORDS = frozenset([*_DIGITS, *_TENS, *_TEENS, "hundred"])
_NUMBER_GAP = re.compile(r"[ \t\-]+(?:and[ \t]+)?")
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")
_MARGIN = 60        # a run reaches this far past the words that found it (a letter or two)


def find_spoken(text: str, protected: Mask) -> list[Span]:
    """Phones, NHS numbers, references, postcodes, plates, names, emails and addresses read
    aloud (see the module docstring); none where ``protected`` (practice terms) lies."""
    low = text.lower()
    if len(low) != len(text):       # "İ" lowers to two characters: keep the offsets
        low = "".join(c.lower() if c.isascii() else c for c in text)
    stretches: list[tuple[int, int]] = []
    houses: list[list[int]] = []      # the words a number before a capital may start at
    chain: list[int] = []
    hits = list(_ANCHOR_RE.finditer(low))
    if first := _ANCHOR_AT_START.match(low):
        hits.insert(0, first)
    end = -1
    for m in hits:
        w = m.start("w")
        if _TOKEN_AFTER.match(low, m.end()) or _TOKEN_BEFORE.search(low, max(0, w - 8), w):
            stretches.append((max(0, w - _MARGIN), m.end() + _MARGIN))
        if m.group("w") not in _NUMBER_WORDS:
            continue
        # "forty four", "one hundred and two": number words one after another (the last few)
        chain = [*chain[-4:], w] if _NUMBER_GAP.fullmatch(low, end, w) else [w]
        end = m.end()
        if _CAPITAL_AFTER.match(text, end):
            houses.append(chain)
    stretches += [(max(0, m.start() - _MARGIN), m.end() + _MARGIN)
                  for m in _CAPITALS_ANCHOR.finditer(text)]
    out: list[Span] = []
    for m in finditer_in(_RUN_RE, text, _merged(stretches)):
        for tokens in _groups(_tokens(text, m.start(), m.end())):
            span = _classify(text, tokens)
            if span is not None:
                out.append(span)
                if span.kind == "name":
                    out += _said_beside(text, span)
    if " at " in low and " dot " in low:
        out += _emails(text, low)
    out += _house_numbers(text, houses)
    return [s for s in out if protected.free(s.start, s.end)]


def _merged(stretches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(stretches):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


# ---- runs of spoken digits and letters

class _Tok:
    __slots__ = ("end", "gap", "kind", "said", "start", "value")

    def __init__(self, start: int, end: int, kind: str, value: str, gap: str, said: bool):
        self.start, self.end, self.kind, self.value = start, end, kind, value
        self.gap = gap              # what separates it from the token before ("" for the first)
        self.said = said            # a word, not a digit or a capital as written


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out: list[_Tok] = []
    for t in _TOKEN_RE.finditer(text, start, end):
        word = t.group("t")
        low = " ".join(word.lower().split())
        if low in _DIGITS:
            kind, value = "D", _DIGITS[low]
        elif word.isdigit():
            kind, value = "D", word
        elif low in _NATO:
            kind, value = "P", _NATO[low]
        else:
            kind, value = "L", word
        if t.group("times"):
            value *= _TIMES[t.group("times").split()[0].lower()]
        gap = text[out[-1].end:t.start()] if out else ""
        out.append(_Tok(t.start(), t.end(), kind, value, gap, len(word) > 1))
    # a lone capital next to digits only is a word ("I", "A") or an initial, not a letter read
    while out and _lone_letter(out, 0):
        out.pop(0)
    while out and _lone_letter(out, len(out) - 1):
        out.pop()
    return out


def _lone_letter(tokens: list[_Tok], i: int) -> bool:
    tok = tokens[i]
    if tok.kind != "L":
        return False
    neighbours = [tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
    hyphened = "-" in tok.gap or (i + 1 < len(tokens) and "-" in tokens[i + 1].gap)
    return not hyphened and not any(n.kind in "LP" for n in neighbours)


def _groups(tokens: list[_Tok]) -> list[list[_Tok]]:
    """Capitals spaced out as a heading ("C H I L D  R E V I E W") part at the gaps wider
    than those between their letters."""
    gaps = [len(t.gap) for t in tokens[1:] if "-" not in t.gap]
    narrowest = min(gaps, default=1)
    groups: list[list[_Tok]] = [[]]
    for t in tokens:
        if t.kind == "L" and groups[-1] and groups[-1][-1].kind == "L" \
                and len(t.gap) > narrowest and "-" not in t.gap:
            groups.append([])
        groups[-1].append(t)
    return groups


def _classify(text: str, tokens: list[_Tok]) -> Span | None:
    if len(tokens) < 2:
        return None
    if not any(t.said for t in tokens) and any(t.kind == "D" for t in tokens):
        return None         # digits as written ("0 7 7 0 0 …", "A 1 2"): the other finders'
    start, end = tokens[0].start, tokens[-1].end
    value = "".join(t.value for t in tokens)
    kinds = {t.kind for t in tokens}
    before = line_before(text, start)[-60:]
    if kinds == {"D"}:
        return _digits(start, end, value, before)
    if "D" in kinds:
        return _code(tokens, before)
    if kinds == {"L"}:
        return _spelled(text, start, end, value, before, tokens)
    return _phonetic(text, start, end, value, before, len(tokens))


def _digits(start: int, end: int, digits: str, before: str) -> Span | None:
    n = len(digits)
    if n < 3 or (n >= 4 and _counting(digits)):
        return None
    if n == 10 and _NHS_CUE.search(before):
        # labelled: an NHS number even if a word was misheard and its check digit fails
        return Span(start, end, "nhs_number", PRIORITY["nhs_number"], key=digits)
    if (digits[0] == "0" and n in (10, 11)) or (_PHONE_CUE.search(before) and 9 <= n <= 11):
        return Span(start, end, "phone", PRIORITY["phone"], key=digits)
    if _EXTENSION_CUE.search(before):
        return Span(start, end, "phone", PRIORITY["phone"] - 1, key="ext " + digits)
    if n == 10 and nhs_number_is_valid(digits):
        return Span(start, end, "nhs_number", PRIORITY["nhs_number"], key=digits)
    if _REF_CUE.search(before) or n >= 6:
        return Span(start, end, "reference", PRIORITY["reference"], key=digits)
    return None


def _counting(digits: str) -> bool:
    """A child counting ("one two three four five six"), not a number."""
    steps = {int(b) - int(a) for a, b in pairwise(digits)}
    return steps in ({1}, {-1})


def _code(tokens: list[_Tok], before: str) -> Span | None:
    """Letters (NATO words or capitals) mixed with spoken digits: a postcode, a plate or a
    reference, by the words before it and then by its shape; a NATO word before a whole plate
    or postcode is the car's model or a word ("silver Golf Lima Mike one eight …")."""
    postcode_cue = _POSTCODE_CUE.search(before)
    vehicle_cue = _VEHICLE_CUE.search(before[-40:])
    for first in (0, 1):
        part = tokens[first:]
        if first and (tokens[0].kind != "P" or len(part) < 4):
            break
        code = "".join(t.value for t in part)
        start, end = part[0].start, part[-1].end
        postcode = _POSTCODE.fullmatch(code)
        if postcode and (postcode.group("inward") or postcode_cue):
            return Span(start, end, "postcode", PRIORITY["postcode"], key=code)
        if _PLATE.fullmatch(code):
            return Span(start, end, "vehicle", PRIORITY["vehicle"], key=code)
    code = "".join(t.value for t in tokens)
    letters = sum(t.kind in "LP" for t in tokens)
    digits = sum(len(t.value) for t in tokens if t.kind == "D")
    cued = postcode_cue or vehicle_cue or _REF_CUE.search(before)
    if len(code) < 4 or (letters < 2 and not cued) \
            or (not any(t.kind == "P" for t in tokens) and digits < 3 and not cued):
        return None         # "Mike nine nine nine", "hotel one two", "A-E two three"
    start, end = tokens[0].start, tokens[-1].end
    if vehicle_cue and len(code) <= 7:
        return Span(start, end, "vehicle", PRIORITY["vehicle"], key=code)
    return Span(start, end, "reference", PRIORITY["reference"], key=code)


def _phonetic(text: str, start: int, end: int, letters: str, before: str,
              count: int) -> Span | None:
    """NATO words alone: a spelled name, a part plate, or a reference."""
    if count < 3 or letters in _ALPHABET:
        return None         # "Alpha Bravo Charlie": the alphabet
    if _said(text, start, end, letters) or _NAME_CUE.search(before) \
            or _SPELL_CUE.search(before):
        return Span(start, end, "name", PRIORITY["name"], words=(letters.capitalize(),))
    if _VEHICLE_CUE.search(before[-40:]):
        return Span(start, end, "vehicle", PRIORITY["vehicle"], key=letters)
    if _REF_CUE.search(before) or count >= 4:
        return Span(start, end, "reference", PRIORITY["reference"], key=letters)
    return None


def _spelled(text: str, start: int, end: int, letters: str, before: str,
             tokens: list[_Tok]) -> Span | None:
    """Capitals spelled one by one: a name when the name is said beside them; else never an
    acronym, the alphabet, grades or "Y N" columns, an English word only after a name's cue
    ("surname", "that's"; "he can spell C-A-T" stays), and three letters only after a cue
    ("I O U" stays)."""
    n = len(letters)
    if n < 3:
        return None
    word = letters.capitalize()
    if _said(text, start, end, letters):
        return Span(start, end, "name", PRIORITY["name"], words=(word,))
    spaced = not any("-" in t.gap for t in tokens[1:])
    name = letters.lower() in FIRST_NAMES or letters.lower() in SURNAMES
    if (letters in never_initials() and not name) or letters in _ALPHABET \
            or not _VOWEL.search(letters) or set(letters) <= set("YN") \
            or (spaced and set(letters) <= set("ABCDEU")):
        return None
    name_cue = _NAME_CUE.search(before)
    if not name_cue and not name and is_english(letters):
        return None
    if n >= 4 or name_cue or _SPELL_CUE.search(before):
        return Span(start, end, "name", PRIORITY["name"], words=(word,))
    return None


def _said(text: str, start: int, end: int, letters: str) -> list[re.Match]:
    """The word the letters spell said on their line as a name is, capitalised ("Szabo
    S-Z-A-B-O"; never "cat, C-A-T")."""
    word = re.compile(rf"(?i)(?<![\w'’\-]){re.escape(letters)}(?![\w'’\-])")
    lo = start - len(line_before(text, start))
    hi = end + len(line_after(text, end))
    return [m for m in word.finditer(text, lo, hi)
            if m.group(0)[0].isupper() and (m.end() <= start or m.start() >= end)]


def _said_beside(text: str, span: Span) -> list[Span]:
    """The name said beside its spelling goes too (one person, one placeholder)."""
    return [Span(m.start(), m.end(), "name", PRIORITY["name"], words=(m.group(0),))
            for m in _said(text, span.start, span.end, span.words[0].upper())]


# ---- emails read aloud: "d dot foulkes at ashcombe homes dot example dot org"

_TLD = (r"(?:com|org|net|uk|gov|nhs|ac|co|io|info|me|scot|wales|cymru|ie|eu|biz|edu|sch|"
        r"police|mod|ltd|plc)")
_EMAIL_WORD = r"(?!(?i:at|on|is|me|to|email|e-mail)\b)[A-Za-z0-9]+"
_EMAIL_SEP = r"(?:[ \t]+(?i:dot|underscore|dash|hyphen)[ \t]+|[._\-]|[ \t]+)"
_SPOKEN_EMAIL_RE = re.compile(
    r"(?i:\b(?:e-?mail(?:ed|ing)?|address|on|is|to|at|me|was|via|contact|cc)\b)[ \t]*:?[ \t]+"
    rf"(?P<email>{_EMAIL_WORD}(?:{_EMAIL_SEP}{_EMAIL_WORD}){{0,5}}?[ \t]+(?i:at)[ \t]+"
    rf"{_EMAIL_WORD}(?:{_EMAIL_SEP}{_EMAIL_WORD}){{0,6}}?[ \t]+(?i:dot)[ \t]+(?i:{_TLD})"
    rf"(?:[ \t]+(?i:dot)[ \t]+(?i:{_TLD}))*)(?![\w'’])")
_SPOKEN_SEPARATORS = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-", "at": "@"}
_DOT_RE = re.compile(" dot ")


def _emails(text: str, low: str) -> list[Span]:
    out = []
    # only round a spoken "dot": the cue, the name and "at" come at most 160 characters before
    for m in finditer_in(_SPOKEN_EMAIL_RE, text, windows(low, _DOT_RE, 160, 40)):
        words = m.group("email").split()
        address = "".join(_SPOKEN_SEPARATORS.get(w.lower(), w.lower()) for w in words)
        out.append(Span(m.start("email"), m.end("email"), "email", PRIORITY["email"],
                        key=address))
    return out


# ---- a house number in words before its street: "forty four Pelham Court"

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_BELOW_HUNDRED = (rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                  rf"(?:[ \t\-]+(?:{_UNITS}))?|ten|eleven|twelve|"
                  rf"(?:thir|four|fif|six|seven|eigh|nine)teen|{_UNITS})")
_NUMBER = (rf"(?:(?:{_UNITS})[ \t]+hundred(?:(?:[ \t]+and)?[ \t]+{_BELOW_HUNDRED})?"
           rf"|{_BELOW_HUNDRED})")
_HOUSE_RE = re.compile(
    rf"(?<![\w'’\-])(?P<number>(?i:{_NUMBER}|(?:{_UNITS}|zero|oh)(?:[ \t]+(?:{_UNITS}|zero|oh))"
    rf"{{1,3}}))[ \t]+(?P<street>{STREET_NAME})(?![\w'’])")


def _house_numbers(text: str, chains: list[list[int]]) -> list[Span]:
    """Number words before a capital, tried from the first of them: a number and a street
    (the street's own words as the address finder has them)."""
    out: list[Span] = []
    for chain in chains:
        m = next((m for start in chain if (m := _HOUSE_RE.match(text, start))), None)
        if m is None:
            continue
        words = m.group("street").split()[:-1]
        if all(w.lower() in STOP_WORDS and w.lower() not in PLACE_WORDS for w in words):
            continue        # "two Children Services Road" is unlikely
        out.append(Span(m.start(), m.end(), "address", PRIORITY["address"],
                        key=" ".join(m.group(0).lower().split())))
    return out
