"""The anonymiser itself: every finder run over the text, the finds combined (the best of any
two that overlap wins), and each replaced by its numbered placeholder."""
from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections import defaultdict
from pathlib import Path

from auditlib.anonymise.capitals import capital_names, capital_places, staff_initials
from auditlib.anonymise.dates import find_dates
from auditlib.anonymise.identifiers import (
    find_emails,
    find_handles,
    find_nhs_numbers,
    find_ni_numbers,
    find_phones,
    find_police_numbers,
    find_postcodes,
    find_references,
    find_vehicles,
)
from auditlib.anonymise.lowercase import (
    initial_names,
    lower_case_given_names,
    lower_case_names,
    lower_case_places,
    lower_case_regions,
    name_phrases,
    sign_off_letters,
    stopped_letter_people,
)
from auditlib.anonymise.names import (
    field_names,
    korean_names,
    link_nicknames,
    month_nicknames,
    name_repeats,
    name_runs,
    nickname_names,
    resolve_names,
    title_names,
    tokens,
    vietnamese_names,
    whole_chat_senders,
)
from auditlib.anonymise.ocr import ocr_view
from auditlib.anonymise.places import (
    continue_place_names,
    ends_in_place_word,
    find_addresses,
    find_addresses_abroad,
    find_institutions,
    institution_repeats,
    join_addresses,
)
from auditlib.anonymise.results import LABELS, Replacement, Result
from auditlib.anonymise.spans import PRIORITY, Mask, Span, accept
from auditlib.anonymise.spoken import find_spoken
from auditlib.anonymise.wordlists import (
    FIRST_NAMES,
    ROLES,
    STOP_WORDS,
    SURNAMES,
    TITLES,
    practice_spans,
)
from auditlib.exceptions import AuditlibError


def _shift_from_key(key: str | None) -> int:
    """A whole number of weeks (so weekdays in the text stay true), 4 to 52 either way."""
    if key is None:
        weeks = secrets.choice([w for w in range(-52, 53) if abs(w) >= 4])
    else:
        digest = hashlib.sha256(("auditlib.anonymise date shift\0" + key).encode()).digest()
        n = int.from_bytes(digest[:8], "big")
        weeks = 4 + n % 49
        weeks = -weeks if (n >> 32) & 1 else weeks
    return 7 * weeks


def anonymise(text: str, key: str | None = None, date_shift_days: int | None = None) -> Result:
    """Replace what identifies a person in ``text``; the rules are in the docstring of
    :mod:`auditlib.anonymise`.

    :param text: the case text.
    :param key: a secret for this case: the date shift derives from it, so the same text and
        key always give the same output. Without a key (and without ``date_shift_days``) the
        shift is drawn at random for each call; placeholders are numbered by first appearance
        either way.
    :param date_shift_days: the number of days to move every date (overrides ``key``).
    """
    shift = date_shift_days if date_shift_days is not None else _shift_from_key(key)
    # a scanned form's OCR confusions undone for the finders ("CHlLD", "l4/02/2017"); the
    # text as scanned is what gets replaced
    scanned, text = text, ocr_view(text) or text
    protected = Mask(len(text))
    for start, end in practice_spans(text) + _law_spans(text):
        protected.add(start, end)

    taken = Mask(len(text))
    accepted: list[Span] = []
    # dictated identifiers ("oh one six three two…", "W-H-I-T-F-I-E-L-D"): names go with the
    # names below, so a spelling and the name it spells share a placeholder
    spoken = find_spoken(text, protected)
    accept(find_emails(text) + find_nhs_numbers(text) + find_ni_numbers(text) + find_phones(text)
           + find_dates(text, shift) + find_postcodes(text) + find_references(text)
           + find_police_numbers(text) + find_vehicles(text) + find_handles(text)
           + find_addresses_abroad(text, protected)
           + [s for s in spoken if s.kind != "name"], taken, accepted)
    toks = tokens(text)
    lower = lower_case_regions(text, toks)
    accept(find_institutions(text, protected) + find_addresses(text, protected)
           + lower_case_places(text, toks, lower, protected), taken, accepted)
    accept(capital_places(text, protected), taken, accepted)
    accept(institution_repeats(text, accepted, taken), taken, accepted)

    # from here on practice terms count as taken: no name, nor a word seen in one, goes
    # inside one ("Op" of "Op Makesafe")
    blocked = Mask(len(text))
    blocked.taken = bytearray(a | b for a, b in zip(taken.taken, protected.taken))
    taken = blocked
    names: list[Span] = []
    accept(nickname_names(text, blocked) + korean_names(text, blocked) + field_names(text, blocked)
           + vietnamese_names(text, blocked)
           + title_names(text, toks, blocked)
           + name_runs(text, toks, blocked) + capital_names(text, toks, blocked)
           + (lower_case_names(text, toks, lower, blocked) if lower else [])
           + lower_case_given_names(text, toks, lower, blocked)
           + [s for s in spoken if s.kind == "name"], taken, names)
    accept(name_phrases(text, names, lower, taken), taken, names)
    accept(name_repeats(text, toks, names, taken, lower), taken, names)
    accept(initial_names(text, toks, names, lower, taken), taken, names)
    accept(month_nicknames(text, names, taken) + staff_initials(text, taken, protected)
           + stopped_letter_people(text, taken) + sign_off_letters(text, taken), taken, names)
    resolve_names(names)
    link_nicknames(names)
    whole_chat_senders(text, names, accepted)
    accepted += names
    accepted += _joined_by_ampersand(text, names, taken)
    continue_place_names(text, accepted, protected)
    join_addresses(text, accepted)
    _take_the(text, accepted)
    _take_saint(text, accepted)
    return _build(scanned, accepted, shift)


# the law a text cites, public and named by no one: a statute ("Criminal Justice Act 1988") and
# a judicial review against a public body ("R(G) v LB Southwark, 2009"), kept readable
_STATUTE_RE = re.compile(r"(?<![\w'’])(?P<title>[A-Z][\w'’\-]*(?:,?[ \t]+(?:(?:of|and|the|for|to|"
                         r"in|on)[ \t]+)*[A-Z][\w'’\-]*){0,6})[ \t]+Act(?=[ \t]+(?:1[89]|20)\d\d"
                         r"(?!\d))")
_CITATION_RE = re.compile(
    r"(?<![\w'’])R[ \t]?\((?:on[ \t]+the[ \t]+application[ \t]+of[ \t]+)?[A-Z]{1,3}\)[ \t]+"
    r"v\.?[ \t]+(?:(?:LB|RB|LBC|London[ \t]+Borough[ \t]+of)[ \t]+[A-Z][\w'’\-]*"
    r"(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’\-]*)?|(?:the[ \t]+)?Secretary[ \t]+of[ \t]+State"
    r"(?:[ \t]+for[ \t]+(?:the[ \t]+)?[A-Z][\w'’\-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’\-]*){0,2})?|"
    r"[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,3}[ \t]+(?:City[ \t]+|County[ \t]+|Borough[ \t]+)?"
    r"(?:Council|LBC|CC|MBC|BC))")
_LAW_ANCHOR_RE = re.compile(r"\bAct[ \t]+(?:1[89]|20)\d\d|\)[ \t]+v\b")


def _law_spans(text: str) -> list[tuple[int, int]]:
    """Where a statute's title or a judicial review's citation is."""
    if not _LAW_ANCHOR_RE.search(text):
        return []
    out = [m.span() for m in _CITATION_RE.finditer(text)]
    for m in _STATUTE_RE.finditer(text):
        words = list(re.finditer(r"[\w'’\-]+", m.group("title")))
        # a person's name before the title is no part of it ("Sam Children Act…" is unlikely,
        # but a name is worth more than a title's word)
        while words and (words[0].group(0).lower() in FIRST_NAMES
                         or words[0].group(0).lower() in SURNAMES):
            words.pop(0)
        out.append((m.start("title") + words[0].start() if words else m.end("title"), m.end()))
    return out


# a capitalised word joined by "&" to a removed name: the other half of a firm's name ("Bap &
# [Brew]") or of a couple; never a role, a title, a common word or an acronym ("Mum & [Kai]")
_AMPERSAND_BEFORE_RE = re.compile(r"(?<![\w'’\-&])(?P<w>[A-Z][a-z'’\-]+)[ \t]*&[ \t]*\Z")
_AMPERSAND_AFTER_RE = re.compile(r"[ \t]*&[ \t]*(?P<w>[A-Z][a-z'’\-]+)(?![\w'’\-&])")


def _joined_by_ampersand(text: str, names: list[Span], taken: Mask) -> list[Span]:
    out = []
    for s in names:
        for m in (_AMPERSAND_BEFORE_RE.search(text, max(0, s.start - 30), s.start),
                  _AMPERSAND_AFTER_RE.match(text, s.end)):
            if m is None or not taken.free(m.start("w"), m.end("w")):
                continue
            word = m.group("w")
            if word.lower() in STOP_WORDS or word.lower() in ROLES or word in TITLES:
                continue
            taken.add(m.start("w"), m.end("w"))
            out.append(Span(m.start("w"), m.end("w"), "name", PRIORITY["name"],
                            key=word.lower(), words=(word,)))
    return out


_THE_BEFORE_RE = re.compile(r"(?<![\w'’])(?:The|THE)[ \t]+\Z")
_PLACE_ALONE_AFTER_RE = re.compile(r"[ \t]*(?:\r?\n|\Z|[,;:(–]|[ \t]-|"
                                   r"[ \t](?:at|in|on|near|off)\b)")


def _take_the(text: str, spans: list[Span]) -> None:
    """A capital "The" before a place's or person's name is part of the name ("at The
    Hideout", "The Larches"): it goes with it, and the name keeps its one placeholder."""
    for s in spans:
        if s.kind == "date" or not _THE_BEFORE_RE.search(text, max(0, s.start - 8), s.start):
            continue
        the = max(text.rfind("The", max(0, s.start - 8), s.start),
                  text.rfind("THE", max(0, s.start - 8), s.start))
        # "The" opening a sentence or line may be the sentence's own ("The [Southern HSC
        # Trust] holds…"), but not before a place's type word where the place stands alone
        # or is placed: "The Birches Suite at [Ormskirk]", "THE … CONTACT CENTRE" on its line
        if text[max(0, the - 40):the].rstrip(" \t")[-1:] in ("", ".", "!", "?", "\n") \
                and not (ends_in_place_word(text, s) and _PLACE_ALONE_AFTER_RE.match(text, s.end)):
            continue
        if s.key is None:
            s.key = text[s.start:s.end].lower()
        s.start = the


# a saint's name naming a church, hall, school or pantry: "St" goes with it ("St [Barnabas
# Hall]" would leave the saint's title); never a street's "St" after its name ("Wharf St Kyle")
_SAINT_BEFORE_RE = re.compile(r"(?:^|(?<=[\s(\[\"“'‘,;:/]))(?:St\.?|Saint)[ \t]+\Z")
_WORD_BEFORE_SAINT_RE = re.compile(r"[A-Z][\w'’\-]*[ \t]+\Z")


def _take_saint(text: str, spans: list[Span]) -> None:
    for s in spans:
        if s.kind == "date":
            continue
        m = _SAINT_BEFORE_RE.search(text, max(0, s.start - 8), s.start)
        if m is None or _WORD_BEFORE_SAINT_RE.search(text, max(0, m.start() - 30), m.start()):
            continue
        if s.key is None:
            s.key = text[s.start:s.end].lower()
        s.start = m.start()


def _build(text: str, spans: list[Span], shift: int) -> Result:
    spans.sort(key=lambda s: s.start)
    numbers: dict[str, dict[object, int]] = defaultdict(dict)
    replacements = []
    for s in spans:
        if s.kind == "date":
            value = s.replacement or "[Date]"
        else:
            seen = numbers[s.kind]
            key = s.key if s.key is not None else text[s.start:s.end].lower()
            if key not in seen:
                seen[key] = len(seen) + 1
            value = f"[{LABELS[s.kind]} {seen[key]}]"
        replacements.append(Replacement(s.kind, text[s.start:s.end], value, s.start, s.end))
    pieces, pos = [], 0
    for r in replacements:
        pieces += [text[pos:r.start], r.replacement]
        pos = r.end
    pieces.append(text[pos:])
    return Result("".join(pieces), replacements, shift, original_text=text)


MAX_INPUT_BYTES = 20_000_000  # a case file's text; a bigger "file" is a mistake or a device


def anonymise_file(in_path: str | os.PathLike, out_path: str | os.PathLike | None = None,
                   key: str | None = None, report_path: str | os.PathLike | None = None,
                   date_shift_days: int | None = None) -> Result:
    """Anonymise a UTF-8 text file; write the text to ``out_path`` and the review report to
    ``report_path`` (readable by its owner only: it holds the originals) when given.

    Raises :class:`~auditlib.exceptions.AuditlibError` with one line for an unreadable input or
    an unwritable output, and refuses to overwrite the input.
    """
    from auditlib.files import read_input

    source = Path(in_path)
    text = read_input(source, limit=MAX_INPUT_BYTES,
                      too_big="split the case file and anonymise each part")
    for target in (out_path, report_path):
        if target is not None and _same_file(source, Path(target)):
            raise AuditlibError(f"{target}: is the input file; refusing to overwrite it")
    result = anonymise(text, key=key, date_shift_days=date_shift_days)
    if out_path is not None:
        _write(Path(out_path), result.text)
    if report_path is not None:
        _write(Path(report_path), result.to_report())
    return result


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _write(path: Path, content: str) -> None:
    # owner-only, never through a symbolic link: the text is still a child's case until a person
    # has reviewed it, and the report holds the originals
    from auditlib.files import write_private

    write_private(path, content)
