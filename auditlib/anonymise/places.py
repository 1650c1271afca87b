"""Schools, GP practices and addresses: a keyword (Primary, Surgery, Road…) and the capitalised
words before it, then an institution's own name wherever it recurs alone."""
from __future__ import annotations

import re

from auditlib.anonymise.spans import PRIORITY, Mask, Span
from auditlib.anonymise.wordlists import (
    FIRST_NAMES,
    INSTITUTION_WORDS,
    PLACE_WORDS,
    STOP_WORDS,
    SURNAMES,
    never_initials,
)

_CAP = r"(?:St\.?|Saint|[A-Z][\w'’\-]*)"
_PREFIX = rf"(?P<prefix>{_CAP}(?:[ \t]+(?:{_CAP}|of|the|and|&|upon)){{0,5}})"
_CHURCH = (r"(?:(?:C[ \t]?of[ \t]?E|CofE|CE|C\.E\.|RC|R\.C\.|Roman Catholic|Catholic|"
           r"Church of England|Methodist|Community|Foundation|Free|VA|VC|Voluntary Aided|"
           r"Voluntary Controlled)[ \t]+)*")
_SCHOOL_TYPES = (r"(?:Primary School|Primary Academy|Primary|Infant and Junior School|"
                 r"Junior and Infant School|Infants'? School|Infant School|Infants|"
                 r"Junior School|Juniors|First School|Middle School|High School|"
                 r"Secondary School|Grammar School|Secondary Academy|Academy|Sixth Form College|"
                 r"College|Nursery School|Nursery|Pre-?[Ss]chool|Special School|School|"
                 r"Pupil Referral Unit|University)")
_SCHOOL_RE = re.compile(rf"(?<![\w'’])(?:The[ \t]+)?{_PREFIX}[ \t]+(?P<type>{_CHURCH}"
                        rf"{_SCHOOL_TYPES})(?![\w])")
_GP_RE = re.compile(rf"(?<![\w'’])(?:The[ \t]+)?{_PREFIX}[ \t]+(?P<type>Surgery|Medical Centre|"
                    rf"Medical Center|Health Centre|Health Center|Medical Practice|"
                    rf"Group Practice|Family Practice|Health Practice)(?![\w])")
# hospitals, clinics, dentists, pharmacies: the type word goes with the name ("[Health
# service 1]", never "[Name 1] Hospital"); Welsh names put the type word first
_HEALTH_TYPES = (r"(?:(?:General|District|Community|Royal|University|Children['’]s|Women['’]s|"
                 r"Teaching|Memorial|Cottage|Psychiatric)[ \t]+)*"
                 r"(?:Hospitals?|Infirmary|Clinic|Dental[ \t]+(?:Practice|Surgery|Centre|"
                 r"Center|Care|Clinic|Group)|Dentists?|Orthodontics|Pharmacy|Chemists?|"
                 r"Hospice|Maternity[ \t]+Unit|Birth(?:ing)?[ \t]+Centre|"
                 r"Minor[ \t]+Injuries[ \t]+Unit|Walk-[Ii]n[ \t]+Centre|"
                 r"Urgent[ \t]+Treatment[ \t]+Centre|Opticians?|Eye[ \t]+Centre|"
                 r"(?:NHS[ \t]+)?(?:Foundation[ \t]+)?Trust)")
_HEALTH_RE = re.compile(rf"(?<![\w'’])(?:The[ \t]+)?{_PREFIX}[ \t]+(?P<type>{_HEALTH_TYPES})"
                        rf"(?![\w])")
_HEALTH_WELSH_RE = re.compile(r"(?<![\w'’])(?P<type>Ysbyty|Clinig|Meddygfa|Canolfan[ \t]+Iechyd|"
                              r"Fferyllfa|Deintyddfa)[ \t]+(?P<prefix>[A-Z][\w'’\-]*"
                              r"(?:[ \t]+(?:[A-Z][\w'’\-]*|y|yr|a|ac|ap)){0,3})")
_DR_PRACTICE_RE = re.compile(r"\bDr\.?[ \t]+(?P<prefix>[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?)"
                             r"['’]s?[ \t]+(?:GP[ \t]+)?(?i:practice|surgery)\b")

_STREET_SUFFIX = (r"(?:Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Way|Crescent|Cres|"
                  r"Court|Ct|Gardens|Gdns|Grove|Terrace|Place|Pl|Square|Sq|Walk|Mews|Rise|Row|"
                  r"Hill|Park|Parade|Green|View|Vale|Mount|Fold|Garth|Croft|Chase|Wynd|"
                  r"Boulevard|Approach|Gate|Bank|Brow|Side|Meadows?|Wharf|Quay|Yard|Fields?|"
                  r"Heights|Lea|Dale|End|Hollow|Link|Path|Circus|Market|Broadway|Estate)")
_STREET_STRONG = (r"(?:Road|Street|Avenue|Close|Lane|Drive|Crescent|Gardens|Grove|Terrace|Mews|"
                  r"Way|Court)")
_FLAT = r"(?:(?i:flat|apartment|apt|unit|room)\.?[ \t]+\d{1,4}[A-Za-z]?(?:/\d{1,3})?)"
_BUILDING = (r"(?:[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2}[ \t]+(?:House|Court|Lodge|"
             r"Mansions|Tower|Towers|Buildings|Apartments|Heights|Point|Block|Hall))")
_ADDRESS_RE = re.compile(
    rf"(?<![\w])(?:{_FLAT},?[ \t]+(?:{_BUILDING},?[ \t]+|{_CAP}(?:[ \t]+{_CAP}){{0,3}},[ \t]+)?)?"
    rf"(?P<number>\d{{1,4}}[A-Za-z]?"
    rf"(?:[ \t]*[\-–][ \t]*\d{{1,4}}[A-Za-z]?)?),?[ \t]+(?P<street>(?:{_CAP}[ \t]+){{1,4}}?"
    rf"{_STREET_SUFFIX})(?![\w])")
_STREET_ONLY_RE = re.compile(rf"(?<![\w'’])(?P<prefix>{_CAP}(?:[ \t]+{_CAP}){{0,2}})[ \t]+"
                             rf"(?P<type>{_STREET_STRONG})(?![\w])")
_FLAT_ONLY_RE = re.compile(rf"(?<![\w]){_FLAT}(?:,?[ \t]+{_BUILDING})?(?![\w])")
# Welsh puts the street's type word first ("14 Heol y Bont", "3 Lôn Las", "Rhodfa'r Môr"),
# with lower-case joining words and accented capitals; a house name may come first ("Tŷ Capel,")
_CY_CAP = r"[A-ZÂÊÎÔÛŴŶÁÉÍÓÚÀÈÌÒÙÄËÏÖÜ][\w'’\-]*"
_CY_JOIN = r"(?:y|yr|a|ac|ap|ar|o|dan|tan|uwch|is)"
_CY_NAME = (rf"(?:{_CY_JOIN}[ \t]+)?{_CY_CAP}"
            rf"(?:[ \t]+(?:{_CY_JOIN}[ \t]+)?{_CY_CAP}){{0,2}}")
# types not used as English words; with a house number, the commoner ones too (Maes, Cae…)
_CY_STREET_STRONG = r"(?:Stryd|Heol|Hewl|Lôn|Ffordd|Rhodfa|Cilgant|Coedlan)"
# (not Bryn, "hill", a first name too: "aged 2 Bryn Jones")
_CY_STREET = (rf"(?:{_CY_STREET_STRONG}|Lon|Maes|Cae|Clos|Teras|Cwrt|Llys|Rhes|Sgwâr|Gerddi|"
              rf"Llwyn|Parc|Allt)")
_CY_HOUSE = rf"(?:(?:Tŷ|Ty|Bwthyn|Fferm|Plas|Hafod|Llety)[ \t]+{_CY_NAME},?[ \t]+)"
_CY_FLAT = rf"(?:(?:{_FLAT}|Fflat[ \t]+\d{{1,4}}[A-Za-z]?),?[ \t]+)"
_CY_ADDRESS_RE = re.compile(
    rf"(?<![\w])(?:{_CY_FLAT}?{_CY_HOUSE}|{_CY_FLAT})?\d{{1,4}}[A-Za-z]?,?[ \t]+"
    rf"(?P<type>{_CY_STREET})(?:['’]r)?[ \t]+(?P<name>{_CY_NAME})(?![\w])")
_CY_STREET_ONLY_RE = re.compile(
    rf"(?<![\w'’])(?P<type>{_CY_STREET_STRONG})(?:['’]r)?[ \t]+(?P<name>{_CY_NAME})(?![\w])")
# a road number is a place, like a town, so it goes: "off the A629", "the M62", "the A5 road".
# A0-A7 are paper sizes too ("the A4 sheet"), so those only before a word saying road
_ROAD_RE = re.compile(r"(?<![\w/\-])(?P<road>(?:A\d{1,4}|B\d{3,4}|M\d{1,3})(?:\(M\))?)"
                      r"(?![\w/\-])")
_ROAD_WORD_AFTER = re.compile(r"[ \t]+(?i:road|rd|roundabout|junction|slip[ \t]*road|by-?pass|"
                              r"dual[ \t]+carriageway|northbound|southbound|eastbound|westbound|"
                              r"flyover|underpass|services|lay-?by)\b")
_PAPER_AFTER = re.compile(r"[ \t]+(?i:paper|sheets?|size|pages?|posters?|print\w*|pads?|"
                          r"envelopes?|folders?|booklets?|cards?|format|landscape|portrait|"
                          r"sketchbooks?|leaflets?|notebooks?|books?|files?|forms?|one)\b")
_TOWN_AFTER_RE = re.compile(r",?[ \t]+(?P<town>[A-Z](?:[^\W\d_]|['’\-])+"
                            r"(?:[ \t]+[A-Z](?:[^\W\d_]|['’\-])+)?)"
                            r"(?=[ \t]*(?:,|\.|;|\)|\n|$|[ \t]+[A-Za-z]{1,2}\d))")


def _word_is_distinctive(word: str) -> bool:
    low = word.lower().rstrip(".").replace("’", "'")
    low = low[:-2] if low.endswith("'s") else low
    if not low or (word.isupper() and len(word) > 1 and word in never_initials()):
        return False
    return low not in STOP_WORDS and low not in INSTITUTION_WORDS


def _trim_prefix(text: str, start: int, prefix: str) -> tuple[int, str] | None:
    """Drop leading sentence words ("Yesterday Oakfield…" → "Oakfield…"); None if nothing
    distinctive is left."""
    words = list(re.finditer(r"\S+", prefix))
    while words and not (len(words) > 1 and words[0].group(0) == "Our"
                         and words[1].group(0) == "Lady") \
            and ((words[0].group(0).lower().strip(",") in STOP_WORDS
                     and words[0].group(0).lower() not in ("st", "st.", "saint", "the"))
                     or words[0].group(0) in ("of", "and", "&", "the", "upon", "on", "in")):
        words.pop(0)
    if not words or not any(_word_is_distinctive(w.group(0)) for w in words):
        return None
    return start + words[0].start(), prefix[words[0].start():]


def _stem(prefix: str) -> str:
    """An institution's own name: "St Mary's C of E" → "St Mary's", "The Grange" → "Grange"."""
    words = prefix.split()
    if words and words[0] in ("The", "the"):
        words.pop(0)
    while words and (words[-1].lower() in INSTITUTION_WORDS
                     or words[-1] in ("C", "E", "CofE", "&")):
        words.pop()
    return " ".join(words)


def find_institutions(text: str, protected: Mask) -> list[Span]:
    """Schools, GP practices and health services (hospitals, clinics, dentists…), each keyed
    by its own name (``St Mary's``)."""
    out = []
    for kind, regex in (("school", _SCHOOL_RE), ("gp", _GP_RE), ("health", _HEALTH_RE)):
        for m in regex.finditer(text):
            if not protected.free(m.start("type"), m.end("type")):
                continue
            trimmed = _trim_prefix(text, m.start("prefix"), m.group("prefix"))
            if trimmed is None:
                continue
            start, prefix = trimmed
            if start == m.start("prefix") and m.group(0).startswith("The"):
                start = m.start()             # "The Grange Surgery"
            stem = _stem(prefix)
            # a dental surgery is a health service, not a GP practice: the longer type wins
            priority = PRIORITY[kind] + (1 if kind == "health" else 0)
            out.append(Span(start, m.end(), kind, priority,
                            key=(kind, stem.lower().replace("’", "'")), words=(stem,)))
    for m in _HEALTH_WELSH_RE.finditer(text):
        words = m.group("prefix").split()
        while words and words[-1] in ("y", "yr", "a", "ac", "ap"):
            words.pop()
        end = m.start("prefix") + len(" ".join(words)) if words else m.end("type")
        stem = text[m.start("prefix"):end]
        if not words or not any(_word_is_distinctive(w) for w in words):
            continue
        out.append(Span(m.start(), end, "health", PRIORITY["health"] + 1,
                        key=("health", stem.lower()), words=(stem,)))
    for m in _DR_PRACTICE_RE.finditer(text):
        out.append(Span(m.start(), m.end(), "gp", PRIORITY["gp"] + 1,
                        key=("gp", "dr " + m.group("prefix").lower())))
    return out


def find_addresses(text: str, protected: Mask) -> list[Span]:
    """Addresses: number and street (and town), a distinctive street name, a flat."""
    out = []

    def extend(end: int) -> int:
        t = _TOWN_AFTER_RE.match(text, end)
        if t and all(w.lower() not in STOP_WORDS for w in t.group("town").split()):
            return t.end("town")
        return end

    for m in _ADDRESS_RE.finditer(text):
        street = m.group("street")
        suffix_start = m.start("street") + street.rfind(street.split()[-1])
        if not protected.free(suffix_start, m.end()):
            continue
        words = street.split()[:-1]
        if all(w.lower() in STOP_WORDS and w.lower() not in PLACE_WORDS
               and w.lower() not in ("st", "st.", "the") for w in words):
            continue      # "3 Children Services Road" is unlikely; "2 Core Group Way" protected
        end = extend(m.end())
        out.append(Span(m.start(), end, "address", PRIORITY["address"],
                        key=" ".join(text[m.start():end].lower().replace(",", " ").split())))
    for m in _STREET_ONLY_RE.finditer(text):
        if not protected.free(m.start("type"), m.end("type")):
            continue
        trimmed = _trim_prefix(text, m.start("prefix"), m.group("prefix"))
        if trimmed is None:
            continue
        start, _ = trimmed
        end = extend(m.end())
        out.append(Span(start, end, "address", PRIORITY["address"] - 1,
                        key=" ".join(text[start:end].lower().replace(",", " ").split())))
    for regex, priority in ((_CY_ADDRESS_RE, PRIORITY["address"]),
                            (_CY_STREET_ONLY_RE, PRIORITY["address"] - 1)):
        for m in regex.finditer(text):
            # a trailing common word is the sentence going on ("2 Lôn Las Mum said")
            parts = list(re.finditer(r"\S+", m.group("name")))
            while len(parts) > 1 and parts[-1].group(0).lower() in STOP_WORDS:
                parts.pop()
            end = extend(m.start("name") + parts[-1].end())
            out.append(Span(m.start(), end, "address", priority,
                            key=" ".join(text[m.start():end].lower().replace(",", " ").split())))
    for m in _ROAD_RE.finditer(text):
        after = text[m.end():m.end() + 40]
        road_word = _ROAD_WORD_AFTER.match(after)
        paper_size = re.fullmatch(r"A[0-7]", m.group("road"))
        after_the = re.search(r"(?i)\bthe[ \t]+$", text[max(0, m.start() - 8):m.start()])
        if road_word or (after_the and not paper_size and not _PAPER_AFTER.match(after)):
            out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] - 1,
                            key=m.group("road").lower()))
    for m in _FLAT_ONLY_RE.finditer(text):
        out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] - 2,
                        key=" ".join(m.group(0).lower().split())))
    return out


def institution_repeats(text: str, accepted: list[Span], mask: Mask) -> list[Span]:
    """A school's or practice's own name where it recurs alone ("St Mary's", "Oakfield")."""
    out = []
    stems = {s.words[0]: s for s in accepted if s.kind in ("school", "gp", "health")
             and s.words}
    for span in stems.values():         # one search per distinct name, not per mention
        words = span.words[0].split()
        if not words or not any(_word_is_distinctive(w) for w in words):
            continue
        if len(words) == 1 and (words[0].lower() in FIRST_NAMES
                                or words[0].lower() in SURNAMES):
            continue     # "Hope Academy": "Hope" alone is more likely the child
        pattern = r"(?<![\w'’])" + r"[ \t]+".join(re.escape(w) for w in words) + \
            r"(?![\w])(?![ \t]+[A-Z][a-z])"
        for m in re.finditer(pattern, text):
            if mask.free(m.start(), m.end()):
                out.append(Span(m.start(), m.end(), span.kind, PRIORITY[span.kind],
                                key=span.key))
    return out
