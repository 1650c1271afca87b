"""Text written all in lower case (a typed-up notebook, text-speak): capitals say nothing there,
so names are known by the word lists and by what is round them, and places and schools by their
type words. Also a person's initials used as their name ("k said", "with KB"), in any text.
See the package docstring for the rules.

Longer than 500 lines because every finder here judges a word by the same tests of text typed
in lower case (the regions, an everyday word, a word where a person goes); apart, each module
would import the others' private helpers."""
from __future__ import annotations

import bisect
import re

from auditlib.anonymise.english import is_english
from auditlib.anonymise.names import (
    DOTTED_INITIALS_RE,
    ROLE_AFTER_RE,
    ROLE_BEFORE_RE,
    SUFFIX_WORD_RE,
    VERB_AFTER_RE,
    Tok,
    letter_label,
    person_initials,
)
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
    NAME_ALSO_WORD,
    NAME_STOP_WORDS,
    SURNAMES,
    TITLES,
    TOWNS,
    VERBS,
    WEAK,
    WELSH_WORDS,
    never_initials,
)

_PARAGRAPH_RE = re.compile(r"(?:[^\n]|\n(?![ \t]*\r?\n))+")
_VERB_SET = frozenset(VERBS)
_LOWER_TITLES = frozenset(t.lower() for t in TITLES)
_WELSH = frozenset(WELSH_WORDS)


def lower_case_regions(text: str, toks: list[Tok]) -> Mask | None:
    """The paragraphs written mostly in lower case (most sentences open in lower case, or
    hardly a capital at all), or the whole text when it is; None when there are none."""
    starts = [t.start for t in toks]
    # running counts, so each paragraph is judged in constant time: words (not ALL CAPS),
    # sentence openings (and "i"), those in lower case, and capitalised words
    counts = [(0, 0, 0, 0)]
    speakers = {m.start("tag") for m in _SPEAKER_RE.finditer(text)} if ":" in text else set()
    for t in toks:
        w, o, small, caps = counts[-1]
        if not t.allcaps and t.start not in speakers:
            opening = t.sentence_start or t.core in ("i", "I")
            upper = t.core[0].isupper()
            w, caps = w + 1, caps + upper
            o, small = o + opening, small + (opening and not upper)
        counts.append((w, o, small, caps))

    def lower(first: int, last: int) -> bool:
        w, o, small, caps = (b - a for a, b in zip(counts[first], counts[last]))
        return w >= 4 and ((o >= 2 and small >= 0.6 * o) or (w >= 12 and caps < 0.04 * w))

    def lower_message(first: int, last: int) -> bool:
        # one message: short, so every sentence opening in lower case and hardly a capital
        w, o, small, caps = (b - a for a, b in zip(counts[first], counts[last]))
        return w >= 3 and o >= 1 and small == o and caps <= 0.1 * w

    whole = lower(0, len(toks))
    regions = Mask(len(text))
    found = False
    for m in _PARAGRAPH_RE.finditer(text):
        first, last = bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, m.end())
        if whole or lower(first, last):
            regions.add(m.start(), m.end())
            found = True
    # a chat where one writer types in lower case and the others do not: each message after
    # its speaker is judged alone ("15:34 Shan: kyle is my brother")
    for m in _SPEAKER_RE.finditer(text) if speakers else ():
        if not m.group("time"):
            continue        # "Carers: would prefer …" is a form's field, not a chat
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        first, last = bisect.bisect_left(starts, m.end()), bisect.bisect_left(starts, end)
        if lower_message(first, last):
            regions.add(m.end(), end)
            found = True
    return regions if found else None


# a chat or transcript's speaker opening its line, after a time perhaps ("21:58  Kaz: u up",
# "Me: ye"): a label, capitalised whatever case the messages are written in
_SPEAKER_RE = re.compile(r"(?m)^[ \t]*(?P<time>\[?\d{1,2}[:.]\d{2}(?::\d{2})?\]?[ \t\-–,]*)?"
                         r"(?P<tag>[^\W\d_][\w'’\-]*)[ \t]*:")


def _inside(regions: Mask, start: int, end: int) -> bool:
    return all(regions.taken[start:end])


def _plain(low: str, suffix: bool = True) -> bool:
    """An everyday word: never part of a name in lower-case text (nor, with ``suffix``
    False, a word ending like one, "boxing", of a place's)."""
    return (low in NAME_STOP_WORDS or low in _VERB_SET or low in _LOWER_TITLES
            or (suffix and bool(SUFFIX_WORD_RE.search(low))))


def _given(tok: Tok) -> bool:
    low = tok.low
    return (low in FIRST_NAMES and low not in NAME_STOP_WORDS and low not in NAME_ALSO_WORD
            and low not in WEAK)


_SURNAME_SHAPE_RE = re.compile(r"(?:mc|mac|o['’])[a-z]|[a-z]+[\-'’][a-z]")
_NAME_END_RE = re.compile(r"[ \t]*(?:$|[,.;:!?)(\-–+&/]|\d|(?:" + "|".join(VERBS)
                          + r"|and|aka|d\.?o\.?b)\b)")


def _surname_after(text: str, prev: Tok, tok: Tok) -> bool:
    """The word after a given name is its surname ("jayden mckellar", "darren s") unless an
    everyday word."""
    if not re.fullmatch(r"[ \t]+", text[prev.end + (2 if prev.possessive else 0):tok.start]) \
            or prev.possessive:
        return False
    low = tok.low
    if len(low) == 1:
        return low not in ("a", "i", "x") and tok.core.islower()
    if len(low) < 3 or _plain(low) or low in WEAK or tok.contraction:
        return False        # ("lacey didn't leave": a contraction is no surname)
    # a listed surname or one shaped as surnames are (mc-, o'-, double-barrelled); an unknown
    # word only where a name ends: before a stop, a verb or the end of the line
    # ("can jess come": a word of the language ending the line is no surname)
    return (low in SURNAMES or bool(_SURNAME_SHAPE_RE.match(low))
            or (not is_english(low) and bool(_NAME_END_RE.match(
                line_after(text, tok.end + (2 if tok.possessive else 0))))))


_LIST_RE = re.compile(r"[ \t]*(?:\+|&|,|and|,[ \t]*and)[ \t]*")


# where a person goes in a young person's words: after "with" or "me and", before a verb of
# speech or going, or with a possessive
_NAME_PLACE_BEFORE_RE = re.compile(r"(?:\bwith|\bme[ \t]+and|\band[ \t]+me)[ \t]+\Z")
_NAME_PLACE_AFTER_RE = re.compile(r"[ \t]+(?:said|says|told|asked|texted|rang|messaged|picked|"
                                  r"dropped|and[ \t]+me)\b")


# one letter in lower case is a word in text speak: "will b there", "c u", "r u ok", "n"
_TEXT_SPEAK_LETTERS = frozenset("abcinruxy")
_PHRASE_END_RE = re.compile(r"[ \t]*(?:$|[,.;:!?)\"”'’]|(?:and|&|\+)(?![\w]))", re.M)


def _unknown_in_name_place(text: str, tok: Tok, before: str) -> bool:
    """A word no dictionary or list holds, in lower case, where a person goes: a nickname."""
    low = tok.low
    if len(low) < 3 or not low.replace("-", "").isalpha() or is_english(low) \
            or low in _WELSH or _plain(low) or low in WEAK:
        return False
    if tok.possessive or _NAME_PLACE_AFTER_RE.match(text, tok.end):
        return True
    # "with kayz and them", but never "with creche worker", "with petechiae on": the word ends
    # its phrase, and the text names it again ("more time with aabbe" once is a family word)
    return bool(_NAME_PLACE_BEFORE_RE.search(before[-12:])
                and _PHRASE_END_RE.match(text, tok.end)
                and len(re.findall(rf"(?<![\w'’]){re.escape(tok.core)}(?![\w])", text)) >= 2)


def lower_case_names(text: str, toks: list[Tok], regions: Mask, blocked: Mask) -> list[Span]:
    """In lower-case paragraphs: a known given name (a word also everyday, "dean", "will",
    with a surname after it), a known surname, a word after a title ("pc kapoor") or a role
    ("his mum tracey"), and the word after a given name as its surname."""
    out: list[Span] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        # a list going on from a name: "dean + sal", "kyle, tia and jay"
        listed = bool(out) and bool(_LIST_RE.fullmatch(text, out[-1].end, tok.start))
        if not (tok.core[0].islower() and _inside(regions, tok.start, tok.end)
                and blocked.free(tok.start, tok.end)):
            i += 1
            continue
        low = tok.low
        words = [tok]
        before = line_before(text, tok.start)
        titled = bool(re.search(r"(?i)(?<![\w])(?:" + "|".join(map(re.escape, _LOWER_TITLES))
                                + r")\.?[ \t]+$", before[-12:]))
        roled = bool(ROLE_BEFORE_RE.search(before)) or bool(
            ROLE_AFTER_RE.match(line_after(text, tok.end)))
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        surname_next = (nxt is not None and blocked.free(nxt.start, nxt.end)
                        and _surname_after(text, tok, nxt))
        # "SW – confirm with mum": after a role, a word of the language no list names is
        # what the role is to do
        everyday = is_english(low) and low not in FIRST_NAMES and low not in SURNAMES
        if _given(tok) or ((titled or roled or listed) and not _plain(low) and len(low) >= 2
                           and low not in WEAK and not (roled and everyday)):
            pass
        elif titled and len(low) == 1 and low not in ("a", "i", "x"):
            pass                # "sorry mr f": a teacher by the letter of their name
        elif low in FIRST_NAMES and surname_next and len(nxt.low) == 1:
            pass                # "jordan m": a given name, however weak, and an initial
        elif low in NAME_ALSO_WORD and low in FIRST_NAMES and surname_next:
            pass                # "dean o'hare", never "the dean"
        elif _unknown_in_name_place(text, tok, before):
            pass                # "with kayz and them", "kayz said"
        elif low in SURNAMES and not _plain(low) and low not in WEAK:
            pass
        else:
            i += 1
            continue
        if surname_next and not titled:
            words.append(nxt)
            i += 1
        out.append(Span(words[0].start, words[-1].end, "name", PRIORITY["name"],
                        words=tuple(w.core for w in words)))
        i += 1
    return out


_LOWER_TITLE_WORDS = frozenset({"mr", "mrs", "ms", "mx", "dr"})
_FAMILY_WORDS = frozenset({"nan", "nanny", "nana", "nain", "taid", "auntie", "aunty", "uncle",
                           "grandad", "granda", "granny", "grandma", "grandpa"})


def lower_case_given_names(text: str, toks: list[Tok], regions: Mask | None,
                           blocked: Mask) -> list[Span]:
    """A given name typed in lower case in a text otherwise written with capitals ("can bernie
    come", "a kieran doyle (dob …)"): a name the lists hold that is no word of English or
    Welsh, with a surname after it when one follows; any word after a title or a family word
    in lower case ("mr nowak", "nanny pat"); two given names hyphened ("lacey-mae")."""
    out: list[Span] = []
    prev_low = ""
    for i, tok in enumerate(toks):
        before, prev_low = prev_low, tok.low
        core = tok.core
        if not core.islower():
            continue
        # the word before, cheaply: a title or a family word in lower case right before
        after_word = before in _LOWER_TITLE_WORDS or before in _FAMILY_WORDS
        if after_word and blocked.free(tok.start, tok.end) \
                and not (regions is not None and _inside(regions, tok.start, tok.end)):
            if before in _LOWER_TITLE_WORDS and re.fullmatch(
                    r"\.?[ \t]+", text[toks[i - 1].end:tok.start]) and toks[i - 1].core.islower() \
                    and (len(core) == 1 or not _plain(tok.low)):
                out.append(Span(tok.start, tok.end, "name", PRIORITY["name"], words=(core,)))
                continue        # "mr nowak", "spoke to mr n": a title typed in lower case
            if before in _FAMILY_WORDS and len(core) >= 2 \
                    and re.fullmatch(r"[ \t]+", text[toks[i - 1].end:tok.start]) \
                    and not _plain(tok.low) \
                    and (tok.low in FIRST_NAMES or not is_english(tok.low)):
                out.append(Span(tok.start, tok.end, "name", PRIORITY["name"], words=(core,)))
                continue        # "nanny pat", "uncle dev": a family word, then the name
        if len(core) < 3:
            continue
        outside = blocked.free(tok.start, tok.end) and not (
            regions is not None and _inside(regions, tok.start, tok.end))
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if outside and tok.low in FIRST_NAMES and tok.low not in NAME_ALSO_WORD \
                and nxt is not None and len(nxt.core) == 1 and nxt.core.islower() \
                and nxt.core not in _TEXT_SPEAK_LETTERS and _surname_after(text, tok, nxt) \
                and _PHRASE_END_RE.match(text, nxt.end):
            out.append(Span(tok.start, nxt.end, "name", PRIORITY["name"],
                            words=(core, nxt.core)))
            continue        # "rhys and jordan m and …": a given name and its initial
        if outside and _unknown_in_name_place(text, tok, line_before(text, tok.start)):
            out.append(Span(tok.start, tok.end, "name", PRIORITY["name"], words=(core,)))
            continue        # "I was with kayz and them": a nickname in a young person's words
        # two given names hyphened ("lacey-mae", "ruby-jo") are one, words or not
        joined = "-" in core and all(p in FIRST_NAMES and p not in NAME_STOP_WORDS
                                     for p in tok.low.split("-"))
        if not ((joined or _given(tok)) and tok.low not in _WELSH
                and (joined or not is_english(tok.low))
                and blocked.free(tok.start, tok.end)
                and (joined or not (regions is not None
                                    and _inside(regions, tok.start, tok.end)))
                and text[tok.start - 1:tok.start] not in ("@", "/", ".", "#", "_")
                and text[tok.end:tok.end + 1] not in ("@", "/", "_")):
            continue
        words = [tok]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.core.islower() and blocked.free(nxt.start, nxt.end) \
                and (len(nxt.low) == 1 or (nxt.low in SURNAMES and not is_english(nxt.low))) \
                and _surname_after(text, tok, nxt):
            words.append(nxt)
        out.append(Span(words[0].start, words[-1].end, "name", PRIORITY["name"],
                        words=tuple(w.core for w in words)))
    return out


# a nickname in quotes straight after a name: "darren s ('dazza')", "kyle “k-dog”"
_QUOTED_AFTER_RE = re.compile(r"[ \t]*\(?[ \t]*[\"“'‘]"
                              r"(?P<nick>[^\W\d_][\w'’\-]*(?:[ \t]+[\w'’\-]+)?)[\"”'’]")


def name_phrases(text: str, names: list[Span], regions: Mask | None, mask: Mask) -> list[Span]:
    """A nickname quoted after a name, and every other mention, in any case, of a name of two
    words or more found in a lower-case paragraph ("lil d", "jayden mckellar")."""
    if regions is None:
        return []
    out = []
    phrases = {}
    for s in names:
        if not _inside(regions, s.start, s.end):
            continue
        phrase = " ".join(s.words).lower()
        if len(phrase.split()) >= 2:
            phrases.setdefault(phrase, s)
        m = _QUOTED_AFTER_RE.match(text, s.end)
        if m and mask.free(m.start("nick"), m.end("nick")) \
                and not _plain(m.group("nick").lower()):
            nick = Span(m.start("nick"), m.end("nick"), "name", PRIORITY["name"],
                        words=tuple(m.group("nick").split()), title="nickname")
            out.append(nick)
            phrases.setdefault(m.group("nick").lower(), nick)
    for phrase, s in phrases.items():
        pattern = r"(?<![\w'’])" + r"[ \t]+".join(map(re.escape, phrase.split())) + r"(?![\w])"
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if mask.free(m.start(), m.end()) and _inside(regions, m.start(), m.end()):
                out.append(Span(m.start(), m.end(), "name", PRIORITY["name"] - 5,
                                words=s.words, title=s.title))
    return out


# used like a name: a verb after it, or with/and/told… before it
_INITIAL_BEFORE_RE = re.compile(r"(?i)(?:\b(?:with|and|told|asked|saw|met|to|for|gave|by|"
                                r"picked[ \t]+up|dropped|drove|took|called|rang|texted)|[&,])"
                                r"[ \t]+$")
_SEX_AFTER_RE = re.compile(r"(?i)[ \t]*[,;/)]?[ \t]*(?:dob|d\.o\.b|born|aged?|\d)")
_JOINED_LETTERS_RE = re.compile(r"[A-Za-z][&/][A-Za-z](?![\w'’])")
# a side of the body after "L" or "R" in a medical note ("bruise to L upper arm", "R eye")
_BODY_AFTER_RE = re.compile(
    r"(?i)[ \t]*(?:(?:upper|lower|inner|outer|side[ \t]+of)[ \t]+)?(?:arm|forearm|leg|hand|"
    r"foot|eye|ear|cheek|thigh|knee|shin|shoulder|wrist|elbow|ankle|hip|temple|side|chest|"
    r"buttock|flank|back|breast|lung|kidney|finger|toe|jaw|brow)s?\b")
_DOTTED_IN_SENTENCE_RE = re.compile(r"\.[ \t]+[a-z]")
# (or their words quoted after: 'told her that M "fell off the sofa"')
_INITIAL_AFTER_RE = re.compile(r"^(?:[ \t]*(?:,|&|and)[ \t]+[\w'’]+|[ \t]*\(|[ \t]+[\"“][a-z])")


# a letter the text defines as a role ("Father (F):", "Mother (M)", "(M = mother)"): "M says"
# is then the mother, not someone's initial; M and F for parents come as a pair
_ROLE_LETTER_RE = re.compile(
    r"(?i:\b(?:mother|mum|father|dad)[ \t]*\((?-i:([A-Z]))\)|\((?-i:([A-Z]))[ \t]*=[ \t]*"
    r"(?:mother|mum|father|dad)\b)")
_PARENT_PAIR = {"m": "f", "f": "m"}


# "F has Sat–Mon only; M rest", "M's address": a text using both letters alone, again and
# again, calls the parents so, whatever else the letters begin
_LONE_LETTER_RE = {x: re.compile(rf"(?<![\w'’.\-]){x.upper()}(?![\w\-.]|['’][a-rt-z])")
                   for x in _PARENT_PAIR}


def _role_letters(text: str) -> set[str]:
    letters = {(m.group(1) or m.group(2)).lower() for m in _ROLE_LETTER_RE.finditer(text)}
    if all(len(regex.findall(text)) >= 3 for regex in _LONE_LETTER_RE.values()):
        letters |= set(_PARENT_PAIR)
    return letters | {_PARENT_PAIR[x] for x in letters if x in _PARENT_PAIR}


def initial_names(text: str, toks: list[Tok], names: list[Span], regions: Mask | None,
                  mask: Mask) -> list[Span]:
    """A person's initial or initials used as their name where the text names them ("k said"
    for Kyle, "with KB" for Kyle B…): the token is their initial(s) and is used as a name is
    (a verb after it, "with", "and", "told" before it, or in a list)."""
    people: dict[str, set[tuple[str, ...]]] = {}
    for s in names:
        if not s.words or not s.words[0][:1].isalpha() or s.title:
            continue        # after a title it is a surname; a nickname has no initials
        person = tuple(w.lower() for w in s.words)
        people.setdefault(s.words[0][0].lower(), set()).add(person[:1])
        if len(s.words) >= 2:
            people.setdefault((s.words[0][0] + s.words[-1][0]).lower(), set()).add(
                (person[0], person[-1]))
    # a young person a log lists by initials and age ("T.J. (15)") is "T" later: "T back"
    for m in DOTTED_INITIALS_RE.finditer(text) if "." in text else ():
        if person_initials(text, m):
            people.setdefault(m.group(0)[0].lower(), set()).add((m.group(0),))
    if not people:
        return []
    capitals = never_initials()
    roles = _role_letters(text)
    out = []
    for tok in toks:
        low = tok.low
        after = line_after(text, tok.end)
        # "I. told the worker": with its stop and a verb after, "I" and "A" are initials too
        stop_verb = len(low) == 1 and tok.core.isupper() and after[:1] == "." \
            and bool(VERB_AFTER_RE.match(after[1:]))
        if len(low) > 2 or low not in people or (low in ("a", "i", "o", "x") and not stop_verb) \
                or low in roles or not mask.free(tok.start, tok.end) \
                or DOTTED_INITIALS_RE.match(text, tok.start):    # "L.O'D.": another person's
            continue
        lower_here = regions is not None and _inside(regions, tok.start, tok.end)
        # alone in a table's cell, the initials of the one person the text names so are that
        # person's, whatever acronym they spell ("| Phone dad | EP |" for Euan Petrie)
        cell = len(low) == 2 and tok.core.isupper() and len(people[low]) == 1 \
            and len(next(iter(people[low]))) == 2 \
            and bool(re.search(r"\|[ \t]*\Z", line_before(text, tok.start))) \
            and bool(re.match(r"[ \t]*\|", after))
        if not (tok.core.isupper() or lower_here) or (tok.core.upper() in capitals and not cell) \
                or (len(low) == 2 and low in NAME_STOP_WORDS) or letter_label(text, tok.start):
            continue
        if _JOINED_LETTERS_RE.match(text, max(0, tok.start - 2)) \
                or _JOINED_LETTERS_RE.match(text, tok.start):
            continue        # "A&E", "B&B", "P/T": one abbreviation
        if low in ("m", "f") and _SEX_AFTER_RE.match(after):
            continue        # "Selam Tesfaye - F, dob …": the child's sex
        if after[:1].isdigit() or text[tok.start - 1:tok.start].isdigit() \
                or (low in ("l", "r") and _BODY_AFTER_RE.match(after)):
            continue        # "R3", "9MB" (a code, a step, a form group), "to L upper arm" (a side)
        # "S. describes him", "sees L. as easy": a named person's initial and its stop inside
        # a sentence that goes on in lower case
        dotted = len(low) == 1 and tok.core.isupper() and _DOTTED_IN_SENTENCE_RE.match(after) \
            and (re.search(r"[a-z]", line_before(text, tok.start)) or stop_verb)
        if not (dotted or cell or VERB_AFTER_RE.match(after) or _INITIAL_BEFORE_RE.search(
                line_before(text, tok.start)[-20:]) or _INITIAL_AFTER_RE.match(after)
                or tok.possessive       # "R's login" for Rahima's
                # "M wet the bed": a capital letter alone opening a sentence is no word
                or (len(low) == 1 and tok.core.isupper() and tok.sentence_start
                    and re.match(r"[ \t]+[a-z]{2,}\b(?![ \t]*[:=])", after))):
            continue
        found = people[low]
        # one person: their placeholder (a single word resolves to its full name later)
        words = next(iter(found)) if len(found) == 1 else (tok.core,)
        span = Span(tok.start, tok.end, "name", PRIORITY["name"] - 10, words=words)
        if len(found) > 1:
            span.key = ("initials", low)
        elif "." in words[0]:       # the person of "T.J. (15)": one placeholder for both
            span.key = ("initials", re.sub(r"[.\s\-]", "", words[0]))
        out.append(span)
    return out


# a capital letter and its stop inside a sentence, a word before it in lower case: "told A. I'd
# need to", "push A. towards", "see A. on 20/02", "given A.'s request"
_STOPPED_LETTER_RE = re.compile(r"(?<=[a-z,] )([A-Z])\.(?=['’]s\b|[ \t]+(?:[a-z]|I\b))")


# a letter and its stop before the given name it stands for and an age: "R. (Radek, 16)"
_LETTER_BEFORE_NAME_AGE_RE = re.compile(r"(?<![\w.'’&/\-])([A-Z])\.[ \t]*\([ \t]*\1[a-z][\w'’\-]*"
                                        r"[ \t]*,[ \t]*(?:aged?[ \t]*)?\d{1,2}\b")


def stopped_letter_people(text: str, mask: Mask) -> list[Span]:
    """A person a note calls by one letter and its stop, never by name ("A. self-referred",
    "told A. I'd…"): a letter used so inside sentences twice or more is a person, and goes
    wherever it stands with its stop (never "A. Smith", an initial before a name, nor a letter
    naming a part, "Plan B.")."""
    if "." not in text:
        return []
    seen: dict[str, int] = {}
    for m in _STOPPED_LETTER_RE.finditer(text):
        if not letter_label(text, m.start()):
            seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    for m in _LETTER_BEFORE_NAME_AGE_RE.finditer(text):
        seen[m.group(1)] = 2        # "R. (Radek, 16)": the letter is set for him
    out = []
    for letter in (x for x, n in seen.items() if n >= 2):
        for m in re.finditer(rf"(?<![\w.'’&/\-]){letter}\.(?![ \t]?[A-Z][a-z]|\w)", text):
            if mask.free(m.start(), m.start() + 1) and not letter_label(text, m.start()) \
                    and not re.search(r"(?<![\d.])\d[ \t]*\Z",      # "room 3 B.", not "3.3 R."
                                      text[max(0, m.start() - 5):m.start()]):
                span = Span(m.start(), m.start() + 1, "name", PRIORITY["name"] - 10,
                            words=(letter,))
                span.key = ("initials", letter)
                out.append(span)
    return out


# a message signed off with the writer's letter at its end, after an emoji, a kiss or a
# closing word: '… the train money 😊 R"', "see u then x J", "cheers, M" (never "plan A, B"
# nor "Grade - A")
_SIGN_OFF_LETTER_RE = re.compile(
    r"(?m)(?:[\U0001F300-\U0001FAFF\u2600-\u2712\u2719-\u27BF]|(?<![\w'’])x{1,3}"
    r"|(?i:\b(?:thanks|thank[ \t]+you|cheers|ta|love|regards|speak[ \t]+soon|bye|laters"
    r"|see[ \t]+ya?|best[ \t]+wishes|best)[ \t]*[,\-–—!.]?))[ \t]*"
    # (or on the line under it, an email's: "Thanks\nC")
    r"(?:\r?\n[ \t]*)?(?P<letter>[A-HJ-Z])[ \t]*[\"”']?[ \t]*\r?$")


def sign_off_letters(text: str, mask: Mask) -> list[Span]:
    """The letter a message is signed with, at the end of its line: its writer."""
    out = []
    for m in _SIGN_OFF_LETTER_RE.finditer(text):
        at = m.start("letter")
        if "\n" in m.group(0) and not re.match(r"(?i)[ \t]*(?!x{1,3}\b)[a-z]{2}", m.group(0)):
            continue        # a letter on the line under a kiss or emoji is no sign-off
        if mask.free(at, at + 1):
            span = Span(at, at + 1, "name", PRIORITY["name"] - 10, words=(m.group("letter"),))
            span.key = ("initials", m.group("letter"))
            out.append(span)
    return out


# streets, venues and schools written in lower case, known by their type word
_LOW_WORD = r"[a-z][a-z'’\-]*"
_STREET_TYPES = (r"road|street|avenue|close|lane|drive|crescent|gardens|grove|terrace|mews|row|"
                 r"park|way|court|walk|rise|square|parade|view|green|hill|fold|croft|garth")
# without a house number, only these say street
_STREET_ALONE = frozenset({"road", "street", "avenue", "close", "lane", "drive", "crescent",
                           "gardens", "grove", "terrace", "mews", "row", "park"})
_VENUE_TYPES = (r"snooker[ \t]+club|club|grill|interchange|bus[ \t]+station|train[ \t]+station|"
                r"station|takeaway|kebabs?|chippy|caf[eé]|gym|arcade|precinct|"
                r"leisure[ \t]+centre|shopping[ \t]+centre|retail[ \t]+park")
_SCHOOL_TYPES = (r"primary[ \t]+school|primary|high[ \t]+school|high|academy|college|pru|"
                 r"juniors|infants|nursery|school|sixth[ \t]+form")
_PLACE_RE = re.compile(
    rf"(?<![\w'’])(?:(?P<number>\d{{1,4}}[a-z]?)[ \t]+)?(?P<prefix>(?:{_LOW_WORD}[ \t]+){{1,3}}?)"
    rf"(?:(?P<street>{_STREET_TYPES})|(?P<venue>{_VENUE_TYPES})|(?P<school>{_SCHOOL_TYPES}))"
    r"(?![\w])")
# the words of a generic place: "the skate park", "the youth club", "the local high"
_GENERIC = frozenset({"skate", "car", "play", "country", "theme", "water", "trampoline", "big",
                      "main", "back", "front", "dog", "bike", "chip", "kebab", "pizza", "chicken",
                      "snooker", "pool", "boxing", "golf", "cricket", "rugby", "tennis", "social",
                      "night", "after", "old", "new", "same", "other", "next", "nearest",
                      "secondary", "special", "sports", "bus", "train", "petrol", "fire", "police",
                      "youth", "football", "breakfast", "homework", "local", "high", "primary"})
# street names ending -gate (westgate, kirkgate): a consonant before it, unlike the verbs
_GATE_RE = re.compile(r"(?<![\w'’])[a-z]{2,}[^aeiou\W]gate(?![\w'’])")
_GATE_WORDS = frozenset({"tailgate", "floodgate", "stargate", "watergate", "tollgate"})


_PLACE_ANCHOR = re.compile(rf"(?<![\w])(?:{_STREET_TYPES}|{_VENUE_TYPES}|{_SCHOOL_TYPES})(?![\w])")


def lower_case_places(text: str, toks: list[Tok], regions: Mask | None,
                      protected: Mask) -> list[Span]:
    """In lower-case paragraphs: a street ("carr lane", "22 manor row"), a venue ("the cue
    club", "bradford interchange") or a school ("thornbury high", "bridge pru") by its type
    word after a word that is not everyday or generic; a town from the list; a street named
    -gate."""
    if regions is None:
        return []
    out = []
    for m in finditer_in(_PLACE_RE, text, windows(text, _PLACE_ANCHOR, 60, 0)):
        if not _inside(regions, m.start(), m.end()) or not protected.free(m.start(), m.end()):
            continue
        parts = list(re.finditer(r"\S+", m.group("prefix")))
        if any(re.search(r"['’]s?$", p.group(0)) for p in parts):
            continue            # "nan's house", "kyle's road": a person's, left to names
        numbered = m.group("number") is not None and m.group("street") is not None
        if not numbered:
            # the words after the last everyday one ("went with jayden to the cue club")
            plain = [i for i, p in enumerate(parts) if _plain(p.group(0), suffix=False)]
            parts = parts[plain[-1] + 1:] if plain else parts
            while parts and parts[0].group(0) in _GENERIC:
                parts.pop(0)
            if not parts:
                continue
            if m.group("street") and m.group("street") not in _STREET_ALONE:
                continue
        kind = "school" if m.group("school") else "address"
        start = m.start() if numbered else m.start("prefix") + parts[0].start()
        out.append(Span(start, m.end(), kind, PRIORITY[kind] - 1,
                        key=(kind, " ".join(text[start:m.end()].split()))))
    for m in _GATE_RE.finditer(text) if "gate" in text else ():
        if m.group(0) not in _GATE_WORDS and _inside(regions, m.start(), m.end()):
            out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] - 2,
                            key=("address", m.group(0))))
    for tok in toks:
        low = tok.core
        if low in TOWNS and low not in NAME_STOP_WORDS and _inside(regions, tok.start, tok.end):
            out.append(Span(tok.start, tok.end, "address", PRIORITY["address"] - 3,
                            key=("address", low)))
    return out
