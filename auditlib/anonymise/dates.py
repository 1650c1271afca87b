"""Dates in the formats case notes use, each moved by the same number of days in its own format
(a weekday written with it recomputed). See the package docstring for the formats.

Longer than 500 lines because every format (numeric, written out, Welsh, terms and seasons,
bare years and days) is read and written back through one shift and one rule that keeps the
order; apart, each would need the others' year inference."""
from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

from auditlib.anonymise.english import folded, is_english
from auditlib.anonymise.spans import PRIORITY, Mask, Span, finditer_in, windows
from auditlib.anonymise.wordlists import FIRST_NAMES, TOWNS, VERBS

_MONTH_NUMBERS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
                  "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
                  "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
                  "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_MONTH_FULL = ("", "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_MONTH_NAMES = frozenset(m.lower() for m in _MONTH_FULL if m)
_WEEKDAY_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# any case: a typed-up notebook writes "tue 4/3", "sat 8th march"
_WEEKDAY = (r"(?i:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:s|nesday)?|Thu(?:r(?:s(?:day)?)?)?|"
            r"Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)")
# days written in words, "the twelfth of March", "the twenty-first day of June"
_WORD_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                  "twentieth")
_WORD_DAYS = {w: n for n, w in enumerate(_WORD_ORDINALS, 1)}
_WORD_DAYS |= {f"twenty{sep}{w}": 20 + n for n, w in enumerate(_WORD_ORDINALS[:9], 1)
               for sep in ("-", " ")}
_WORD_DAYS |= {"thirtieth": 30, "thirty-first": 31, "thirty first": 31}
_WORD_DAY = "(?i:" + "|".join(w.replace(" ", r"[ \t]+")
                              for w in sorted(_WORD_DAYS, key=len, reverse=True)) + ")"
_WD_PREFIX = rf"(?:(?<![\w])(?P<wd>{_WEEKDAY})\.?,?[ \t]+(?:the[ \t]+)?)?"
# dates dictated to speech-to-text: "the twenty second of the eleventh twenty fifteen", "born
# twenty two eleven two thousand fifteen"; numbers 1-99 in words, months by their ordinal
_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_VALUES = {w: n for n, w in enumerate(_ONES) if w} | {w: 10 + n for n, w in
                                                              enumerate(_TEENS)}
_NUMBER_VALUES |= {w: 10 * n for n, w in enumerate(_TENS) if w} | {"oh": 0, "and": 0}


def _number_alternation(low: int, high: int) -> str:
    """A pattern for the numbers ``low`` to ``high`` in words ("twenty two", "twenty-two")."""
    words = [_TEENS[n - 10] if 10 <= n < 20 else _ONES[n] if n < 10 else
             _TENS[n // 10] + (r"[ \t\-]+" + _ONES[n % 10] if n % 10 else "")
             for n in range(low, high + 1)]
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?![\w])"


_SAY_DAY = "(?i:" + _number_alternation(1, 31) + ")"
_SAY_MONTH = "(?i:" + _number_alternation(1, 12) + ")"
_SAY_MONTH_ORD = "(?i:" + "|".join(sorted(_WORD_ORDINALS[:12], key=len, reverse=True)) + ")"
# a year spoken: "twenty fifteen", "nineteen ninety-eight", "twenty oh nine", "two thousand
# and fifteen"
_SAY_YEAR = (r"(?i:(?:nineteen|twenty)[ \t\-]+(?:hundred(?![\w])|oh[ \t\-]+"
             + _number_alternation(1, 9) + "|" + _number_alternation(10, 99)
             + r")|two[ \t]+thousand(?:[ \t]+(?:and[ \t]+)?" + _number_alternation(1, 39)
             + r")?(?![\w]))")
# Welsh months and weekdays, with their soft-mutated forms ("5ed o Fawrth", "nos Wener"):
# (radical, mutated) by number; a date moved keeps the mutation its place in the sentence needs
_CY_MONTHS = (("", ""), ("Ionawr", "Ionawr"), ("Chwefror", "Chwefror"), ("Mawrth", "Fawrth"),
              ("Ebrill", "Ebrill"), ("Mai", "Fai"), ("Mehefin", "Fehefin"),
              ("Gorffennaf", "Orffennaf"), ("Awst", "Awst"), ("Medi", "Fedi"),
              ("Hydref", "Hydref"), ("Tachwedd", "Dachwedd"), ("Rhagfyr", "Ragfyr"))
_CY_MONTH_NUMBERS = {w.lower(): n for n, pair in enumerate(_CY_MONTHS) for w in pair if w}
_CY_MONTH_MUTATED = {m.lower() for r, m in _CY_MONTHS if m != r}
_CY_WEEKDAYS = (("Llun", "Lun"), ("Mawrth", "Fawrth"), ("Mercher", "Fercher"), ("Iau", "Iau"),
                ("Gwener", "Wener"), ("Sadwrn", "Sadwrn"), ("Sul", "Sul"))
_CY_WEEKDAY_NUMBERS = {w.lower(): n for n, pair in enumerate(_CY_WEEKDAYS) for w in pair}
_CY_WEEKDAY_MUTATED = {m.lower() for r, m in _CY_WEEKDAYS if m != r}
# "Mai", "Medi" and "Awst" are also a name and words: months only next to a day number
_CY_MONTH = "(?:" + "|".join(sorted(_CY_MONTH_NUMBERS, key=len, reverse=True)) + ")"
_CY_MONTH_WITH_YEAR = "(?:" + "|".join(
    w for w in sorted(_CY_MONTH_NUMBERS, key=len, reverse=True)
    if w not in ("mai", "fai", "medi", "fedi", "awst")).title() + ")"
# those three straight before a year, no comma between, are the month ("since Awst 2024")
_CY_MONTH_WORD_WITH_YEAR = "(?:Mai|Fai|Medi|Fedi|Awst)"
_CY_WD_PREFIX = (r"(?:(?:[Dd]d?ydd|[Nn]os)[ \t]+(?P<cywd>"
                 + "|".join(w.title() for w in _CY_WEEKDAY_NUMBERS) + r"),?[ \t]+(?:y[ \t]+)?)?")
# Polish months by number: (nominative, genitive, locative), "lipiec 2023", "17 kwietnia",
# "w marcu 2023"; also typed without their diacritics ("wrzesnia"); a date moved keeps the
# case and the spelling it was written in
_PL_MONTHS = (("", "", ""), ("styczeń", "stycznia", "styczniu"), ("luty", "lutego", "lutym"),
              ("marzec", "marca", "marcu"), ("kwiecień", "kwietnia", "kwietniu"),
              ("maj", "maja", "maju"), ("czerwiec", "czerwca", "czerwcu"),
              ("lipiec", "lipca", "lipcu"), ("sierpień", "sierpnia", "sierpniu"),
              ("wrzesień", "września", "wrześniu"),
              ("październik", "października", "październiku"),
              ("listopad", "listopada", "listopadzie"), ("grudzień", "grudnia", "grudniu"))
_PL_PLAIN = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_PL_MONTH_FORMS = {form: (n, case) for n, forms in enumerate(_PL_MONTHS) if n
                   for case, word in enumerate(forms)
                   for form in (word, word.translate(_PL_PLAIN))}
_PL_MONTH = "(?i:" + "|".join(sorted(_PL_MONTH_FORMS, key=len, reverse=True)) + ")"
# "maja" and "Maja" are a girl's name, "luty" a word too: before a year only the others
_PL_MONTH_WITH_YEAR = "(?i:" + "|".join(
    w for w in sorted(_PL_MONTH_FORMS, key=len, reverse=True)
    if w not in ("maja", "luty")) + ")"
_CY_ORDINALS = {1: "af", 2: "il", 3: "ydd", 4: "ydd", 5: "ed", 6: "ed", 11: "eg", 13: "eg",
                14: "eg", 16: "eg", 17: "eg", 19: "eg"}
# a count, a time or a measure after "March 3" or "3 May": not a date
_COUNT_AFTER = (r"[ \t]*(?i:%|am\b|pm\b|hours?\b|hrs\b|mins?\b|minutes\b|years?\b|yrs?\b|"
                r"months?\b|weeks?\b|days?\b|times\b|people\b|children\b|kids\b|pupils\b|"
                r"sessions\b|visits\b|x\b|kg\b|cm\b|mg\b|ml\b|km\b|miles?\b)")
# what may follow a bare ordinal day that is a date ("on the 26th, …", "by the 3rd at 4pm"),
# unlike "on the 3rd floor" or "on the 2nd visit"; a closing quote too
_ORDINAL_DAY_FOLLOW = (r'(?=[ \t]*(?:\Z|[.,;:!?)"”\r\n]|'
                       r"[A-Z\d]|"
                       r"(?:at|and|or|but|when|while|as|so|"
                       r"to|for|in|with|by|she|he|they|we|it|i|there|mum|dad|after|before|until|"
                       r"till|then|because|if|which|who|where|"
                       r"of[ \t]+(?:this|next|last)[ \t]+month)\b))")
# more days of the same list: "on the 14th, 15th and 16th", "from the 3rd to the 5th"; a list
# whose last is no date ("on the 2nd and 3rd floors") or that recurs ("the 1st to the 7th of
# every month") is not dates at all
_ORDINAL_MORE = (r"(?:,[ \t]*|[ \t]+(?:and|&|or|to|until|till)[ \t]+(?:the[ \t]+)?|"
                 r"[ \t]*[\-–][ \t]*)(?P<d>\d{1,2})(?P<ord>(?i:st|nd|rd|th))(?![\w])")
# a day alone may end before a dash between words ("on the 20th - car park"; never "the
# 2nd-floor flat")
_ORDINAL_DASH = r"(?![ \t]*-\w)(?=[ \t]*[\-–—][ \t])"
# and, after a word saying when, a word no noun of the day ("on the 13th together", "by the
# 3rd his mum"; "on the 3rd floor" is a place)
_ORDINAL_THE_FOLLOW = (r"(?=[ \t]+(?P<xf>(?i:together|again|too|also|instead|anyway|though|"
                       r"although|unless|once|maybe|probably|possibly|hopefully|definitely|not|now|"
                       r"already|yet|still|only|just|either|both|all|you|us|them|him|her|me|"
                       r"from|around|about|via|without|please|ok|okay|the|a|an|his|their|our|"
                       r"my|your|its|this|that|onwards?|tbc|&))(?![\w'’\-]))")
# a text message's words after a day alone ("£11 left till the 28th wtf", "on the 4th pm"):
# no noun a day could be the number of; never shared, as "am" and "pm" after a year are times
_ORDINAL_CHAT_FOLLOW = (r"(?=[ \t]*(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]|"
                        r"(?i:wtf|lol|lmao|lmfao|omg|ffs|tbh|tho|idk|ngl|innit|init|ha(?:ha)+|"
                        r"x{1,4}|['’]?cos|coz|cuz|bc|pm|am|n|nd|yeah|yh|pls|plz|btw|asap|"
                        r"soz|im|ive|u|ur|dont|didnt|cant|wont|aint|never)(?![\w'’\-])))")
_ORDINAL_MORE_RE = re.compile(_ORDINAL_MORE + f"(?:{_ORDINAL_DAY_FOLLOW}|{_ORDINAL_DASH}|"
                              f"{_ORDINAL_CHAT_FOLLOW})")
_ORDINAL_MORE_ANY = re.compile(_ORDINAL_MORE)
_RECURRING_YEAR_RE = re.compile(r"(?i)[^.;\n]{0,30}?\b(?:(?:each|every|a)[ \t]+year|annually|"
                                r"yearly)\b")
_CENTILE_RE = re.compile(r"(?i)[^.;\n]{0,40}?\b(?:per)?centiles?\b")
_RECURRING_RE = re.compile(r"(?i)[^.;\n]{0,30}?\b(?:(?:each|every|a)[ \t]+month|monthly)\b")
# a verb after a year makes it the thing spoken of, never a count ("in 2000 words")
_VERB_AFTER_YEAR = (r"|(?=[ \t]+(?:" + "|".join(sorted({*VERBS, "were", "are", "have"}, key=len,
                                                        reverse=True)) + r")\b)")
# the meetings and documents a month names ("the February report", "the June panel")
_MONTH_NOUNS = (r"review|report|visit|panel|meeting|conference|hearing|assessment|"
                r"appointment|appt|plan|letter|referral|session|update|minutes|newsletter|"
                r"audit|inspection|return|figures|data|deadline|board|census|submission|"
                r"statement|supervision|core[ \t]+group|ICPC|RCPC|PEP|LAC|CLA|CIN|MARAC|"
                r"strategy[ \t]+(?:meeting|discussion)|"
                # and the events it dates: "after the January relapse", "the May half term"
                r"relapse|incident|overdose|admission|arrest|exclusion|move|fire|assault|"
                r"attack|fight|argument|episode|disclosure|crisis|breakdown|eviction|raid|"
                r"holiday|trip|birthday|half[ \t\-]?term|break|court|scan|exam|mock|"
                r"discharge|allegation|complaint|injury")
# a word placing something in time: "since Easter", "in Sept"
_TIME_CUE = (r"(?i:in|since|from|until|till|to|by|during|before|after|around|over|through|"
             r"throughout|at|for|of|last|next|this|"
             # a month given roughly: "approx July", "roughly March"
             r"approximately|approx\.?|roughly|circa|about)")
# the year after "12 March", never a count or a time ("12 March 20 minutes") nor the next
# date of a list ("8 Jan, 22/01/24", "8 Jan, 22 Feb")
# (or its apostrophe year straight after: "9th Sept’24")
_YEAR_AFTER_MONTH = (r"(?:(?:,?[ \t]+|(?=['’]\d\d(?![\w])))"
                     r"(?P<y>\d{4}(?![/.\-]\d\d?[/.\-]\d)|['’]?\d{2}(?![:./\-]\d)"
                     rf"(?![ \t]+(?:of[ \t]+)?(?i:{_MONTH})(?![\w]))"
                     r"(?![ \t]*(?i:%|am\b|pm\b|hours?\b|hrs\b|mins?\b|minutes\b|"
                     r"years?\b|months?\b|weeks?\b|days?\b|times\b|people\b|"
                     r"children\b|x\b|kg\b|cm\b|mg\b|ml\b))))?(?![\w])")
# named days with a fixed date that are no day off: a date with a year or placed in time
_FIXED_EVENT = (r"Bonfire[ \t]+Night|Guy[ \t]+Fawkes[ \t]+Night|Halloween|Hallowe['’]en|"
                r"Valentine['’]?s[ \t]+Day|Burns[ \t]+Night|(?:Remembrance|Armistice)[ \t]+Day|"
                r"St\.?[ \t]+(?:Patrick|David|Andrew|George)['’]?s[ \t]+Day")
# in Welsh: St David's Day (Gŵyl Ddewi, "ar Ŵyl Dewi"), St Dwynwen's Day, 1 November
_CY_FIXED_EVENT = (r"(?:[Dd]d?ydd[ \t]+)?(?:G[ŵw]|[Ŵŵ])yl[ \t]+D?[Dd]ewi(?:[ \t]+Sant)?|"
                   r"(?:[Dd]d?ydd[ \t]+)?Santes[ \t]+Dwynwen|(?:Nos[ \t]+)?Calan[ \t]+Gaeaf")
# Welsh named days with a fixed date: Christmas Day and Eve, New Year's Eve and Day, Boxing Day
_CY_HOLIDAY = (r"(?:[Dd]d?ydd|Noswyl)[ \t]+Nadolig|Nos[ \t]+Galan|[Dd]d?ydd[ \t]+Calan|"
               r"(?:(?:G[ŵw]|[Ŵŵ])yl|[Dd]d?ydd)[ \t]+San[ \t]+Steffan")
# Welsh festivals: Christmas, Easter (and its Sunday, Monday, Good Friday), New Year
_CY_FESTIVAL = (r"Nadolig|(?:Sul[ \t]+y[ \t]+|Llun[ \t]+y[ \t]+)?Pasg|Gwener[ \t]+y[ \t]+Groglith|"
                r"Calan(?![ \t]+Gaeaf)")
# festivals of other calendars, by their key (see _OTHER_FESTIVAL_DAYS), each as typed with
# its diacritics or without ("Tết", "Tet"); a date only with its year ("after Tết 2023")
_OTHER_FESTIVAL_NAMES = {
    "chinese new year": "lunar new year", "lunar new year": "lunar new year",
    "tet": "lunar new year", "tet nguyen dan": "lunar new year", "seollal": "lunar new year",
    "diwali": "diwali", "divali": "diwali", "deepavali": "diwali", "bandi chhor divas": "diwali",
    "holi": "holi", "navratri": "navratri", "navaratri": "navratri", "dussehra": "dussehra",
    "dasara": "dussehra", "dashain": "dussehra", "raksha bandhan": "raksha bandhan",
    "vaisakhi": "vaisakhi", "baisakhi": "vaisakhi", "nowruz": "nowruz", "norooz": "nowruz",
    "nowrouz": "nowruz", "newroz": "nowruz", "navruz": "nowruz",
    "ramadan": "ramadan", "ramadhan": "ramadan", "ramazan": "ramadan", "ramzan": "ramadan",
    "eid": "eid", "eid al fitr": "eid", "eid ul fitr": "eid", "eid el fitr": "eid",
    "eid al adha": "eid al-adha", "eid ul adha": "eid al-adha", "eid el adha": "eid al-adha",
    "rosh hashanah": "rosh hashanah", "rosh hashana": "rosh hashanah",
    "yom kippur": "yom kippur", "sukkot": "sukkot", "succot": "sukkot",
    "hanukkah": "hanukkah", "hanukah": "hanukkah", "chanukah": "hanukkah",
    "chanukkah": "hanukkah", "purim": "purim", "passover": "passover", "pesach": "passover",
    "orthodox easter": "orthodox easter", "orthodox christmas": "orthodox christmas"}
# each ASCII letter's lower-case forms with a diacritic ("e": "èéêëēếệ…"); those Unicode
# does not decompose ("Đán") by hand
_ACCENTED: dict[str, str] = {"d": "đ", "l": "ł", "o": "ø", "h": "ħ", "i": "ı"}
for _cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
    _base = unicodedata.normalize("NFKD", chr(_cp))[0]
    if _base.isascii() and _base.islower() and chr(_cp).islower():
        _ACCENTED[_base] = _ACCENTED.get(_base, "") + chr(_cp)


def _loose(name: str) -> str:
    """A pattern for ``name`` with its letters' diacritics or without (composed or combining)."""
    return "".join(r"[ \t\-]+" if ch == " " else f"[{ch}{_ACCENTED.get(ch, '')}]"
                   "[\u0300-\u036f]*" for ch in name)


# what else may follow a festival placed in time, never a noun it qualifies ("since
# Christmas - school say", "over Christmas too", "since Easter really", "over Christmas (at
# nan's)", "since Christmas things are calmer"; not "after Christmas dinner")
_FESTIVAL_FOLLOW = (r"(?=[ \t]*[–—(]|[ \t]+-[ \t]|[ \t]+(?:a|too|also|really|though|tho|"
                    r"anyway|either|again|yet|now|onwards?|last|this|next|each|every|"
                    r"['’]?cos|coz|cause|you|his|her|their|my|our|your|things|everything|"
                    r"everyone|nothing|not|all|both|that|on|over|at|about|without|only|"
                    r"just|even|still|already|mostly|is|was|were|are|has|had|have|will|"
                    r"would|could|can|did|does|went|got|came)\b)")
_OTHER_FESTIVAL_RE = re.compile(
    r"(?<![\w])(?P<fest>(?i:" + "|".join(_loose(n) for n in sorted(
        _OTHER_FESTIVAL_NAMES, key=len, reverse=True)) + r"))"
    r",?[ \t]+(?P<y>(?:19|20)\d\d)(?![\w'’/\-])")
_DATE_RES = [
    # a full date typed through OCR, "l" or "I" for 1 and "O" for 0 ("D.O.B: l4/02/2017",
    # "2O/O3/2025"): a date only where the digits they stand for make one (_ocr_date_ok)
    ("ocr_dmy", re.compile(r"(?<![\w/.\-])(?P<d>[\dlIO]{1,2})(?P<sep>[/.\-])(?P<m>[\dlIO]{1,2})"
                           r"(?P=sep)(?P<y>[\dlIO]{4}|[\dlIO]{2})(?![\w/\-])(?!\.\d)")),
    ("dmy", re.compile(rf"{_WD_PREFIX}(?<![\d/.\-])(?P<d>\d{{1,2}})(?P<sep>[/.\-])(?P<m>\d{{1,2}})"
                       # "jabs at 8/12/16 wk" are ages in weeks, not a date
                       rf"(?P=sep)(?P<y>\d{{4}}|\d{{2}}(?![ \t]*(?i:wks?|weeks)\b))(?![\d/\-])"
                       r"(?!\.\d)")),
    ("ymd", re.compile(r"(?<![\d/.\-])(?P<y>\d{4})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)"
                       r"(?P<d>\d{1,2})(?![\d/\-])(?!\.\d)")),
    # a date written compact in a file's or a recording's name ("Strategy meeting-20250422_0902-
    # Transcript", "IMG_20240315_142233.jpg"), never inside a reference (_compact_is_date)
    ("compact", re.compile(r"(?<![^\W_])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])"
                           r"(?P<d>0[1-9]|[12]\d|3[01])(?:(?![^\W_])|(?=T\d{4}))")),
    # a month and its year joined by hyphens, as a spreadsheet writes them: "Mar-25", "(made
    # Oct-24)", "21-Mar-25", "04-Apr-2025"; never inside a code ("ABC-MAR-25-001")
    ("mon_y", re.compile(rf"(?<![\w\-/.])(?P<d>\d{{1,2}})-(?P<mon>(?i:{_MONTH}))-"
                         r"(?P<y>\d{2}|(?:19|20)\d{2})(?![\w\-/]|\.\d)")),
    ("mon_y", re.compile(rf"(?<![\w\-/.])(?P<mon>{_MONTH}|{_MONTH.upper()})-"
                         rf"(?P<y>\d{{2}}|(?:19|20)\d{{2}})(?![\w\-/]|\.\d)(?!{_COUNT_AFTER})")),
    # a date dictated to speech-to-text, written back as it was said: "the twenty second of
    # the eleventh twenty fifteen", "the fifteenth of March two thousand and nine"; a month
    # by its ordinal needs its year ("the first of the second batch" is none)
    ("spoken", _SAY_OF_RE := re.compile(
        rf"{_WD_PREFIX}(?<![\w])(?:(?i:the)[ \t]+)?(?P<dw>{_WORD_DAY})[ \t]+(?i:day[ \t]+)?"
        rf"(?i:of)[ \t]+(?:(?i:the)[ \t]+)?(?:(?P<smo>{_SAY_MONTH_ORD})(?![\w'’\-])|"
        rf"(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?(?![\w'’\-]))"
        rf"(?:,?[ \t]+(?P<sy>{_SAY_YEAR})|{_YEAR_AFTER_MONTH})")),
    # "born twenty two eleven two thousand fifteen", "DOB: the third of four twenty twenty":
    # numbers alone, so a word of birth or "on" before and the year after
    ("spoken", _SAY_CUE_RE := re.compile(
        rf"(?<![\w])(?P<cue>(?i:born|d\.?o\.?b\.?|date[ \t]+of[ \t]+birth|birthday|dated|on))"
        rf"[ \t]*:?[ \t]+(?:(?i:the)[ \t]+)?(?:(?P<dw>{_WORD_DAY})|(?P<sdc>{_SAY_DAY}))"
        rf",?[ \t]+(?:(?i:of)[ \t]+)?(?:(?i:the)[ \t]+)?(?:(?P<smo>{_SAY_MONTH_ORD})|"
        rf"(?P<smc>{_SAY_MONTH})|(?P<mon>(?i:{_MONTH})))(?![\w'’\-]),?[ \t]+"
        rf"(?P<sy>{_SAY_YEAR})")),
    # "the 13th of March", "the 3rd day of February 2024", "Wednesday the twelfth of March":
    # "the" goes with the date (searched near "of" and a month only, see _OF_MONTH)
    ("d_month", _THE_D_MONTH_RE := re.compile(
        rf"{_WD_PREFIX}(?<![\w])(?i:the)[ \t]+(?<![\d/.\-])"
        rf"(?:(?P<d>\d{{1,2}})(?P<ord>(?i:st|nd|rd|th))|(?P<dw>{_WORD_DAY}))"
        rf"[ \t]+(?i:day[ \t]+)?of[ \t]+(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?{_YEAR_AFTER_MONTH}")),
    # a range of days in one month: "27-31 Oct", "3rd to 5th March 2025": both days move
    ("d_range", re.compile(rf"(?<![\w/.\-])(?P<d0>\d{{1,2}})(?P<ord0>(?i:st|nd|rd|th))?"
                           rf"(?:[ \t]*[\-–][ \t]*|[ \t]+(?i:to|until|till|and|&)[ \t]+)"
                           rf"(?P<d>\d{{1,2}})(?P<ord>(?i:st|nd|rd|th))?"
                           rf"(?:[ \t]+of)?[ \t]+(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?"
                           rf"{_YEAR_AFTER_MONTH}")),
    ("d_month", re.compile(rf"{_WD_PREFIX}(?<![\d/.\-])(?P<d>\d{{1,2}})"
                           rf"(?P<ord>(?i:st|nd|rd|th))?"
                           rf"(?:[ \t]+of)?[ \t]+(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?"
                           rf"{_YEAR_AFTER_MONTH}")),
    # "March 2019", "NOV 2024", "July '24" (a year with its apostrophe, never a bare "July
    # 24"); before "Nov 24" alone is read as a day
    # "Nov-Dec 2019": the first month of a range goes with it
    ("month_y", re.compile(rf"(?<![\w])(?:(?P<mon0>{_MONTH}|{_MONTH.upper()})[ \t]*[\-–/][ \t]*)?"
                           rf"(?P<mon>{_MONTH}|{_MONTH.upper()})(?P<dot>\.)?,?[ \t]+"
                           # after a range of months two digits are its year ("Sept–Nov 24")
                           rf"(?P<y>\d{{4}}|['’]\d{{2}}|(?(mon0)\d{{2}}(?![:.]\d)|(?!)))"
                           rf"(?![\w/])(?!{_COUNT_AFTER})")),
    # the same in lower case, as a young person types it ("in aug 2024", "since march '23"):
    # only with a four-digit or apostrophe year ("july 24" may be a day); "may" only after a
    # word saying when ("may 2024 be better" is a wish; see _lower_may_is_date)
    ("month_y", re.compile(rf"(?<![\w'’])(?:(?P<mon0>{_MONTH.lower()})[ \t]*[\-–/][ \t]*)?"
                           rf"(?P<lowmon>)(?P<mon>{_MONTH.lower()})(?P<dot>\.)?,?[ \t]+"
                           rf"(?P<y>(?:19|20)\d\d|['’]\d\d)(?![\w/'’])(?![.,]\d)"
                           rf"(?!{_COUNT_AFTER})(?![ \t]+(?i:words|metres|meters|pages|steps)\b)")),
    ("month_d", re.compile(rf"{_WD_PREFIX}(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?[ \t]+"
                           rf"(?P<d>\d{{1,2}})(?P<ord>(?i:st|nd|rd|th))?(?:,?[ \t]+(?P<y>\d{{4}}))?"
                           rf"(?![\w/:])")),
    ("cy_d_month", re.compile(rf"{_CY_WD_PREFIX}(?<![\d/.\-])(?P<d>\d{{1,2}})"
                              rf"(?P<cyord>af|il|ydd|fed|ed|eg|ain)?"
                              rf"(?:[ \t]+(?P<cyo>o))?[ \t]+(?P<cymon>(?i:{_CY_MONTH}))"
                              rf"(?:,?[ \t]+(?P<y>\d{{4}}))?(?![\w])")),
    ("cy_month_y", re.compile(rf"(?<![\w])(?<![Dd]ydd )(?P<cymon>{_CY_MONTH_WITH_YEAR}|"
                              rf"{_CY_MONTH_WORD_WITH_YEAR}(?=[ \t]+(?:19|20)\d\d))"
                              rf",?[ \t]+(?P<y>\d{{4}})(?![\w/])")),
    # Polish: "17 kwietnia", "3 maja 2024", "lipiec-sierpień 2023", "we wrześniu 2022" (a
    # month without its day or year is left, as Welsh "Mai" is)
    ("pl_d_month", re.compile(rf"(?<![\d/.\-])(?P<d>\d{{1,2}})\.?[ \t]+(?P<plmon>{_PL_MONTH})"
                              rf"(?:,?[ \t]+(?P<y>\d{{4}}))?(?![\w])")),
    ("pl_month_y", re.compile(rf"(?<![\w])(?:(?P<plmon0>{_PL_MONTH_WITH_YEAR})[ \t]*[\-–/]"
                              rf"[ \t]*)?(?P<plmon>{_PL_MONTH_WITH_YEAR}),?[ \t]+"
                              rf"(?P<y>(?:19|20)\d{{2}})(?![\w/])")),
    # "12/3"; "17.3" is a decimal too, a date only where the text says so (_DOTTED_DATE_CUE)
    ("dm", re.compile(rf"{_WD_PREFIX}(?<![\d/.\-£$])(?P<d>\d{{1,2}})(?P<sep>[/.])"
                      r"(?P<m>\d{1,2})(?![\d/])(?!\.\d)")),
    # a named day with a fixed date ("since Christmas Eve", "on Boxing Day", "dydd Nadolig",
    # "Nos Galan"): a day of the year, moved and written back as the date it became ("since 7
    # January"); events that are not a day off (Halloween, Bonfire Night, Gŵyl Dewi) need a
    # year ("around Bonfire Night 2023") or a word placing them in time (the festivals below)
    ("holiday", re.compile(r"(?<![\w])(?P<hol>(?i:Christmas[ \t]+(?:Eve|Day)|Boxing[ \t]+Day|"
                           r"New[ \t]+Year['’]?s[ \t]+(?:Eve|Day)|Hogmanay)|"
                           rf"{_CY_HOLIDAY}|(?:{_FIXED_EVENT}|{_CY_FIXED_EVENT})"
                           r"(?=,?[ \t]+(?:19|20)\d\d(?![\w])))"
                           r"(?:,?[ \t]+(?P<y>(?:19|20)\d\d))?(?![\w])")),
    ("festival", _OTHER_FESTIVAL_RE),
    # a festival placed in time ("since Christmas", "before Xmas", "at Easter", "over Eid", "since
    # about New Year", "ers y Pasg", "since the Pasg (Easter) holidays"): its day that year,
    # written back as the date it became; "a Christmas card", "Christmas was hard", "a Halloween
    # party" stay
    ("festival", re.compile(r"(?<![\w])(?:(?i:since|at|on|over|before|after|until|"
                            r"till|by|from|around|during|for|last|next|this)|"
                            # Welsh: since, over, before, after, until, by, on, at the time of
                            r"(?i:ers|dros|cyn|wedi|ar(?:[ \t]+ôl)?|tan|hyd|erbyn|adeg|"
                            r"yn[ \t]+ystod))"
                            r"[ \t]+(?:(?i:about|roughly|approx\.?|just)[ \t]+)?"
                            r"(?:(?i:the|y|yr|gwyliau['’]r|gwyliau[ \t]+y)[ \t]+)?"
                            rf"(?P<fest>(?P<cy>{_CY_FESTIVAL}|{_CY_FIXED_EVENT})|Christmas|"
                            # "before Xmas", "after Xmas", "by Xmas" ("since Xmas" stays)
                            r"(?:(?<=(?i:before)[ \t])|(?<=(?i:after)[ \t])|(?<=(?i:by)[ \t]))"
                            r"(?i:X-?mas)|"
                            r"Easter(?:[ \t]+(?:Sunday|Monday|Day))?|"
                            r"Good[ \t]+Friday|Eid(?:[ \t\-]+(?:al|ul|el)[ \t\-]+(?:Fitr|Adha))?|"
                            rf"New[ \t]+Year(?:['’]s)?|{_FIXED_EVENT})"
                            # a Welsh name with its English in brackets: "Pasg (Easter)"
                            r"(?(cy)(?P<gloss>[ \t]*\([A-Z][A-Za-z'’ ]{2,24}\))?|)"
                            r"(?:[ \t]+(?i:holidays?|hols|break|period|weekend|time))?"
                            # its year dates it whatever follows ("since Easter 2024 the
                            # children…"); alone, "back after Christmas a little unsettled"
                            r"(?:,?[ \t]+(?P<y>(?:19|20)\d\d)(?![\w'’])|(?![\w'’])"
                            rf"(?(cy)|(?:{_ORDINAL_DAY_FOLLOW}|{_FESTIVAL_FOLLOW})))")),
    # a festival with its year is a date wherever it stands ("he was in Libya, Easter 2023"),
    # in lower case too ("at christmas 2022", "xmas 2021"; "new year" only capitalised: "the
    # new year 2025 budget" is no day)
    ("festival", re.compile(r"(?<![\w])(?P<fest>(?i:Christmas|X-?mas|Easter(?:[ \t]+(?:Sunday|"
                            r"Monday))?|Good[ \t]+Friday)|New[ \t]+Year(?:['’]s)?)"
                            r"(?:[ \t]+(?i:holidays?|hols|break|weekend))?,?[ \t]+"
                            r"(?P<y>(?:19|20)\d\d)(?![\w'’/\-–])")),
    # a bank holiday named by its month or season: "from May bank holiday", "the August bank
    # holiday weekend", "late May bank holiday 2024": its Monday, written back as a date
    ("festival", re.compile(r"(?<![\w])(?P<fest>(?:(?i:early|late)[ \t]+)?(?:May(?:[ \t]+Day)?|"
                            r"(?i:spring|summer)|August|Aug|Easter)[ \t]+(?i:bank[ \t]+holiday))"
                            r"(?:,?[ \t]+(?P<y>(?:19|20)\d\d))?"
                            r"(?![\w'’])")),
    # a named half term: "Feb half term 2025", "from October half-term"
    ("half_term", re.compile(r"(?<![\w])(?P<ht>Feb(?:ruary)?|May|Oct(?:ober)?)[ \t]+"
                             r"(?i:half[ \t\-]?term)(?:[ \t]+(?P<y>(?:19|20)\d{2}))?(?![\w])")),
    # a range of months in brackets, as an English gloss after a date in another language
    # gives one: "lipiec-sierpień 2023 (July to August)", "(Nov–Dec)": one date, both move
    ("month_range", re.compile(rf"(?<=\()(?P<mon0>{_MONTH})\.?(?:[ \t]*[\-–][ \t]*|[ \t]+"
                               rf"(?i:to|until|till|through)[ \t]+)(?P<mon>{_MONTH})(?P<dot>\.)?"
                               r"(?=\))")),
    # a month alone where the text places something in it: "started June", "?August", "in
    # Sept", "in March", "mid-June"; one before a verb or a capitalised word stays ("since
    # June left", "June Smith")
    ("month", re.compile(rf"(?:(?<![\w])(?:(?P<prep>{_TIME_CUE})|(?i:started|starting|starts|"
                         r"began|begins|ended|ends|ending|stopped|finished|due|expected|expecting|"
                         r"early|mid|late|last|next|this)(?:[ \t]+(?i:in))?"
                         # an event's past tense: "was supplied March", "seen Sept" (see
                         # _month_alone_is_date)
                         r"|(?P<ed>[a-z]{2,}ed)"
                         # when a thing was: "the first time was Sept" (see _month_alone_is_date)
                         r"|(?P<was>was|were)"
                         # the month a thing comes back to: "a letter each September"
                         r"|(?P<each>(?i:each|every)))[ \t]+"
                         r"(?:(?i:early|mid|late)[ \t\-]+)?|(?<![\w])(?i:mid)-|\?"
                         # a part of the month: "by the end of March", "start of June"; "by
                         # end Oct", "end-Feb" (capitalised: "the end may come" is a verb)
                         r"|(?<![\w])(?P<part>(?i:end|start|beginning|middle))"
                         r"(?:[ \t]+of[ \t]+|(?P<bare>[ \t]+|-)(?=[A-Z])))"
                         rf"(?P<mon>(?i:{_MONTH}))(?![\w'’\-])(?![ \t]*\d)"
                         # "was" after it only when the month is the time a thing was measured
                         # in ("use in February was 212 hours"; see _month_alone_is_date)
                         # a capitalised word or a verb after it only after a strong word
                         # saying when ("since March Dad says", "since September has been";
                         # see _month_before_word_is_date)
                         rf"(?:(?=[ \t]+[A-Z][a-z])(?P<capnext>)|(?=[ \t]+(?:was|were)\b)"
                         rf"(?P<inwas>)|{_VERB_AFTER_YEAR[1:]}(?P<verbnext>)|)")),
    # a month naming the meeting or document it dates: "the February report", "at the March
    # and April panels" (capitalised: "the march route" is no month)
    ("month", re.compile(rf"(?<![\w])(?i:the|this|that|last|next|his|her|their|its|our|my|"
                         rf"your)[ \t]+(?P<noun>)(?P<mon>{_MONTH}|{_MONTH.upper()})(?![\w'’\-])"
                         rf"(?=(?:[ \t]*(?:,|and|or|&|/|[\-–])[ \t]*{_MONTH}(?![\w'’\-]))*"
                         rf"[ \t]+(?:{_MONTH_NOUNS})s?\b)")),
    # a month alone in a table's column of dates ("| Who | By when |" … "| Dad | Jan |")
    ("month", re.compile(rf"(?<=\|)[ \t]*(?P<cell>)(?P<mon>{_MONTH})(?P<dot>\.)?(?=[ \t]*\|)")),
    # a month after an event's irregular past ("seen Sept at the dentist"; the word before is
    # checked apart, _IRREGULAR_BEFORE: a month written so is rare, the search is quick)
    ("month", re.compile(rf"(?P<mon>{_MONTH})(?![\w'’\-])(?![ \t]*\d)(?![ \t]+[A-Z][a-z])"
                         rf"(?!{_VERB_AFTER_YEAR[1:]})(?P<irr>)")),
    # a month alone in brackets after the event it dates: "raised at the last review (June)"
    ("month", re.compile(rf"(?<=\()(?P<brk>)(?P<mon>{_MONTH})(?P<dot>\.)?(?=\))")),
    # "on the 26th", "by the 3rd", "Monday the 4th": the month is the nearest dated entry's
    # "this sat (3rd)" too: the weekday with it. In words after "the" ("on Saturday the
    # fifteenth"; "the first" to "the third" only after a weekday: "on the second by his social
    # worker" is an occasion); before a word no noun of it after a strong word saying when ("go
    # on the 13th together"; never "on the 3rd floor", "by the 21st century"); see
    # _ordinal_day_is_date
    ("ordinal_day", re.compile(rf"(?:\b(?P<when>(?i:on|by|from|until|till|to|before|after|since|"
                               # the week it opens: "w/c 9th", "week commencing the 16th"
                               rf"due|w/?c|wk/?c|w\.c\.|week[ \t]+(?:commencing|beginning|"
                               # a part of the day: "on the evening of the 6th"
                               rf"starting)|(?:morning|afternoon|evening|night)[ \t]+of))"
                               rf"[ \t]+(?P<the>(?i:the)[ \t]+)?|(?<![\w])(?P<wd>{_WEEKDAY})\.?,?"
                               rf"[ \t]+(?:(?i:the)[ \t]+|\((?=\d{{1,2}}(?i:st|nd|rd|th)\)))?)"
                               rf"(?:(?P<d>\d{{1,2}})(?P<ord>(?i:st|nd|rd|th))|(?P<dw>{_WORD_DAY}))"
                               rf"(?![\w\-])(?:{_ORDINAL_DAY_FOLLOW}|{_ORDINAL_DASH}|"
                               rf"{_ORDINAL_CHAT_FOLLOW}|{_ORDINAL_THE_FOLLOW})")),
    # a day alone in a schedule, before its time or the day it runs to: "F has 24th from 10am
    # to 26th at 2pm", "from 24th to 26th" ("has 24th birthday" is no date)
    ("ordinal_day", re.compile(r"(?<![\w])(?i:has|from)[ \t]+(?:(?i:the)[ \t]+)?"
                               r"(?P<d>\d{1,2})(?P<ord>(?i:st|nd|rd|th))(?![\w\-])"
                               r"(?=[ \t]+(?i:from|at|to|until|till)[ \t]+(?:(?i:the)[ \t]+)?"
                               r"(?:\d{1,2}(?:[:.]\d\d)?[ \t]*(?i:am|pm)|\d{1,2}[:.]\d\d|"
                               r"(?i:noon|midday)|\d{1,2}(?i:st|nd|rd|th))(?![\w]))")),
    # what a thing's day is: "his op is the 28th so…", "it's the 3rd." ("he was the 3rd to
    # arrive", "she is the 2nd." are places)
    ("ordinal_day", re.compile(r"(?<![\w'’])(?<!(?i:he|we) )(?<!(?i:she|who|you) )"
                               r"(?<!(?i:they) )(?<!(?i:i) )(?:(?i:is|was|it['’]s)[ \t]+the)"
                               r"[ \t]+(?P<d>\d{1,2})(?P<ord>(?i:st|nd|rd|th))(?![\w])"
                               r"(?=[ \t]*(?:[.,;:!?)\r\n\-–]|\Z|(?:so|at|but|when|and|then|"
                               r"because|if)\b))")),
    # a day given roughly ending a clause: "healed, last ~15th." ("came ~3rd in the race" is a
    # place)
    ("ordinal_day", re.compile(r"~(?<![\w~]~)[ \t]?(?P<d>\d{1,2})(?P<ord>(?i:st|nd|rd|th))"
                               r"(?![\w])(?=[ \t]*(?:[.,;:!?)\r\n]|\Z|[–—]|-[ \t]))")),
    # a weekday with a day number is a date whatever follows ("Mon 20th - visit", "Fri 7, at
    # home"), unless a time or a count does ("Fri 7:30", "Sat 3 exams"), or it opens a range
    # of hours ("Weds 12-2", "Mon-Fri 9-5"); after an ordinal "am", "pm" or a kiss is its
    # part of the day or a sign-off ("shut Thurs 12th pm", "see you weds 9th x")
    ("wd_day", re.compile(rf"(?<![\w])(?P<wd>{_WEEKDAY})\.?,?[ \t]+(?:the[ \t]+)?"
                          rf"(?P<d>(?:[12]\d|3[01]|0?[1-9]))(?:(?P<ord>(?i:st|nd|rd|th))(?![\w])"
                          rf"(?:(?=[ \t]*(?i:am|pm|x{{1,4}})(?![\w'’\-]))|(?!{_COUNT_AFTER}))|"
                          rf"(?![\w])(?![:.]\d)(?![ \t]*[\-–][ \t]*\d)"
                          rf"(?=[ \t]*(?:\Z|[.,;!?)\r\n–\-]|(?:at|and|or|but|when|with|in|"
                          rf"for|to|from|until|then|after|before)\b)))")),
    # seasons and school terms with a year: "spring term 2025", "Summer 2026", "autumn 2 2024"
    ("season", re.compile(r"(?<![\w])(?P<season>(?i:spring|summer|autumn|winter))"
                          r"(?:[ \t]+(?P<half>[12]))?(?:[ \t]+(?P<term>(?i:half[ \t\-]?term|term))"
                          r"(?:[ \t]+(?P<half2>[12]))?)?(?:[ \t]+of)?,?[ \t]+"
                          r"(?P<y>(?:19|20)\d{2})(?![\w/\-–])")),
    # a school or financial year, "the 2024/25 academic year": a pair of consecutive years
    ("years", re.compile(r"(?<![\w/.\-£$])(?P<y>(?:19|20)\d{2})[/\-–](?P<y2>\d{2}|(?:19|20)\d{2})"
                         r"(?![\w/\-–])(?![.,]\d)")),
    # a year alone tied to an event: "born in 1988", "since 2003", "in early 2019", "(2019)";
    # never a count or a time ("in 2000 words", "until 2000hrs")
    ("year", re.compile(r"(?:(?<![\w])(?i:in|since|from|until|till|by|during|before|after|"
                        r"circa|born|throughout|between|(?:end|start|beginning|middle|rest|part)"
                        r"[ \t]+of|d\.?o\.?b\.?:?)[ \t]+(?:(?i:the[ \t]+)?(?i:early|late|mid)"
                        r"[ \t\-]+)?"
                        # a case's episode by its year: "closed CIN 2023", "CP plan 2019"
                        r"|(?<![\w])(?:CIN|CPP?|CLA|LAC|EHA?|ICPC|RCPC|PLO|SGO|EHCP|S\.?47|"
                        r"S\.?17)(?:[ \t]+(?i:plan|episode|case))?[ \t]+"
                        r"|(?<![\w])[cbd]\.[ \t]?|(?i:mid)-|(?P<bracket>\())"
                        r"(?P<y>(?:19|20)\d{2})(?![\w])(?![/\-–.,:]\d)"
                        # "from 2000 to 3000 people": a range of counts, not years
                        r"(?![ \t]*(?:[\-–]|to|and|or)[ \t]*(?!(?:19|20)\d\d(?!\d))\d)"
                        # "(2019)", "adopted (2019, 2021)", "(2017, CP plan for neglect)"
                        r"(?(bracket)(?=(?:,[ \t]*(?:19|20)\d\d)*\)|,[ \t]+[A-Za-z])|(?:"
                        + _ORDINAL_DAY_FOLLOW.replace(r'[.,;:!?)"”\r\n]', r'[.,;:!?()"”\r\n\-–]')
                        # or a verb: "the court case from 2023 feels…", "since 2019 was"
                        + _VERB_AFTER_YEAR + "))")),
    # a year after the service or event it dates, before what says more of it: "known to Early
    # Help 2023 re housing", "DA 2019 previous partner", "CAMHS 2021 for low mood" (1990-2039;
    # never a count: "Referral 2000 words")
    ("year", re.compile(r"(?<![\w])(?:CIN|CPP?|CLA|LAC|EHA?|ICPC|RCPC|PLO|SGO|EHCP|S\.?47|S\.?17|"
                        r"DA|DV|CSE|CCE|MASH|MARAC|CSC|CAMHS|YOT|YJS|IDVA|MAPPA|LADO|"
                        r"(?i:early[ \t]+help|social[ \t]+(?:care|services)|police|referral|"
                        r"referred|arrest(?:ed)?|conviction|convicted|caution(?:ed)?|incident|"
                        r"overdose|admission|admitted|exclusion|excluded|eviction|evicted|"
                        r"separat(?:ed|ion)|divorced?|married|died|death|diagnos(?:ed|is)|"
                        r"relapsed?|miscarriage|adopted|adoption|injunction|bereavement))"
                        r"(?:[ \t]+(?i:plan|episode|case|involvement))?[ \t]+"
                        r"(?P<y>(?:199|20[0-3])\d)(?![\w])(?![/\-–.,:]\d)"
                        r"(?![ \t]*(?:[\-–]|to|and|or)[ \t]*(?!(?:19|20)\d\d(?!\d))\d)"
                        rf"(?!{_COUNT_AFTER})(?:"
                        + _ORDINAL_DAY_FOLLOW.replace(r'[.,;:!?)"”\r\n]', r'[.,;:!?()"”\r\n\-–]')
                        + r"|(?=[ \t]+(?i:re|regarding|previous|prev|prior|following|due|against|"
                        r"involving|concerning|relating|ex|former|alleged|x\d)\b)"
                        + _VERB_AFTER_YEAR + ")")),
    # a year where a record stops or starts: "the life story book stops at 2018 and…", "her
    # file goes up to 2019.", "the chronology starts around 2016" (never a count, a measure or
    # a time: "ends at 2000 hours", "stops at 2000 words"; a round number or time is checked
    # apart, _ROUND_TIME)
    ("year", re.compile(r"(?<![\w])(?i:stop(?:s|ped)?|end(?:s|ed)?|finish(?:es|ed)?|run(?:s)?|"
                        r"ran|go(?:es)?|went|cover(?:s|ed)?|continu(?:es|ed)|stretch(?:es|ed)?|"
                        r"reach(?:es|ed)?|start(?:s|ed)?|begin(?:s)?|began|date[sd]?|last(?:s|ed)|"
                        r"extend(?:s|ed)?)"
                        r"[ \t]+(?:(?i:only|just|still|back)[ \t]+)?"
                        r"(?P<rec>(?i:at|in|around|up[ \t]+to|to|until|till|from|with))[ \t]+"
                        r"(?P<y>(?:19|20)\d{2})(?![\w])(?![/\-–.,:]\d)"
                        r"(?![ \t]*(?:[\-–]|to|and|or)[ \t]*(?!(?:19|20)\d\d(?!\d))\d)"
                        rf"(?!{_COUNT_AFTER})(?![ \t]+(?i:words|metres|meters|pages|steps)\b)"
                        r"(?:" + _ORDINAL_DAY_FOLLOW.replace(r'[.,;:!?)"”\r\n]',
                                                           r'[.,;:!?()"”\r\n\-–]')
                        + _VERB_AFTER_YEAR + ")")),
    # a year after a part of it is one whatever stands round it: "Early 2022 was hard",
    # "excluded late 2019 for", "at the start of 2021 the school", "the first half of 2022"
    # (the words stay, as "the end of March"'s do; never "mid 2000 hours")
    ("year", re.compile(r"(?<![\w\-])(?:(?i:early|late|mid)(?:[ \t]+|-)|"
                        r"(?i:end|start|beginning|middle|rest|part|(?:first|second|last|latter)"
                        r"[ \t]+(?:half|part|quarter|months?))"
                        r"[ \t]+of[ \t]+)"
                        r"(?P<y>(?:19|20)\d{2})(?![\w])(?![/\-–.,:]\d)"
                        r"(?![ \t]*(?:[\-–]|to|and|or)[ \t]*(?!(?:19|20)\d\d(?!\d))\d)"
                        rf"(?!{_COUNT_AFTER})(?![ \t]+(?i:words|metres|meters|pages|steps)\b)")),
    # a year opening a range that ends in a date: "2014 to March 2019", "2016 – present"; or
    # in what is still going on, as a table of involvement has it ("| 2020 - ongoing |",
    # "2019 - to date")
    ("year", re.compile(rf"(?<![\w/.\-£$,])(?P<rng>)(?P<y>(?:19|20)\d{{2}})"
                        rf"(?=[ \t]*(?:[\-–—]|to|until|till)"
                        rf"[ \t]*(?:(?:{_MONTH}|(?:19|20)\d{{2}})(?![\w])|(?i:(?:to[ \t]+)?(?:"
                        rf"present|now|date|today)|ongoing|on[ \t\-]?going|current(?:ly)?)\b)"
                        rf"|[ \t]+(?i:onwards?)\b)")),
    # a year closing a clause after the event it dates, as a record lists them: "PNC - drink
    # drive 2021, no markers", "(theft, 2019)", "came to UK 2013." (a word of count or number
    # before it is checked apart)
    ("year", re.compile(r"(?<![\w'’])(?P<pre>[a-z]{3,}|[A-Z]{2,5}),?[ \t]+"
                        # or before the bracket saying what it was: "known to CSC 2022 (CIN)"
                        r"(?P<y>(?:19[5-9]|20[0-3])\d)(?=[ \t]*(?:[,;)]|\.(?!\d)|\r?\n|\Z|"
                        r"\((?=[A-Za-z])))")),
    # a year given as a guess: "(2009 maybe)", "2015-ish", "2019 I think", "2012 or so"
    ("year", re.compile(r"(?<![\w£$.,/\-])(?P<guess>)(?P<y>(?:19[5-9]|20[0-3])\d)(?=-?ish\b|[ \t]+"
                        r"(?:maybe|probably|perhaps|possibly|or[ \t]+so|I[ \t]+think|roughly)\b)")),
    # a year after the place it dates: "came over from Jalandhar 2014 on a visa", "moved to
    # Leeds 2019", "back to Kumasi, Ghana 2021" (a town abroad with its country; never a
    # room's, a flat's or a statute's number: see _NOT_PLACE_BEFORE_YEAR)
    ("year", re.compile(r"(?<![\w])(?i:from|to|in|into|at|left|leaving|via)[ \t]+"
                        r"(?P<place>[A-Z][a-z][\w'’\-]*(?:[ \t]+[A-Z][a-z][\w'’\-]*){0,2})"
                        r"(?:,[ \t]+(?P<country>[A-Z][a-z][\w'’\-]*"
                        r"(?:[ \t]+[A-Z][a-z][\w'’\-]*)?))?,?"
                        r"[ \t]+(?P<y>(?:19|20)\d{2})(?![\w])(?![/\-–.,:]\d)"
                        rf"(?!{_COUNT_AFTER})")),
    # a year given roughly where it dates a birth or an event: "b. approx 1990", "born about
    # 1962", "in about 1990", "moved approx 1990 after the fire", "Around 2005 she left", "|
    # approx 1944 |" in a column of dates; never a count ("approx 2000 words", "about 1500ml",
    # "owed approx 2000.")
    ("year", re.compile(r"(?:(?<![\w])(?i:b\.|born|d\.?o\.?b\.?:?|y\.?o\.?b\.?:?|in|since|"
                        r"from|until|till|by|before|after)[ \t]+"
                        r"|(?<![^\n|])[ \t]*(?P<cell>)"
                        r"|(?<![\w])(?P<ev>[A-Za-z]{2,}ed|(?i:left|came|went|met|split|fled))"
                        r"[ \t]+(?:(?i:out|in|over|here|back|"
                        r"away|up|home|there)[ \t]+)?"
                        r"|(?:^|(?<=[.;:!?(\n])[ \t]*)(?P<start>))"
                        r"(?i:approx\.?|approximately|circa|c\.|about|around|roughly)[ \t]*"
                        r"(?P<y>(?:19\d|20[0-3])\d)(?![\w])(?![/\-–.,:]\d)"
                        r"(?![ \t]*(?:[\-–]|to|and|or)[ \t]*(?!(?:19|20)\d\d(?!\d))\d)"
                        rf"(?!{_COUNT_AFTER})(?![ \t]+(?i:words|metres|meters|pages|steps)\b)"
                        r"(?(cell)(?=[ \t]*\|)|(?(start)(?=,?[ \t]+(?:(?i:she|he|they|we|mum|"
                        r"dad)|I)\b)|(?:"
                        + _ORDINAL_DAY_FOLLOW.replace(r'[.,;:!?)"”\r\n]', r'[.,;:!?()"”\r\n\-–]')
                        + _VERB_AFTER_YEAR + ")))")),
    # a year naming the event it dates: "sent the 2024 cycle reminder", "her 2019 conviction"
    ("year", re.compile(r"(?<![\w])(?i:the|his|her|their|its|our|my|your|this|last|that)[ \t]+"
                        r"(?P<y>(?:19|20)\d{2})(?=[ \t]+(?i:cycle|review|assessment|report|"
                        r"order|hearing|conference|plan|letter|referral|incident|meeting|visit|"
                        r"census|intake|cohort|exam|result|conviction|offence|arrest|caution|"
                        r"move|placement|holiday|birthday|christmas|summer|autumn|spring|winter|"
                        r"term|proceedings|application|judgm?ent|reminder|statement|lockdown|"
                        r"school[ \t]+year|academic[ \t]+year)s?\b)")),
    # a year alone in a table's column of dates ("DATE | IN/OUT" … "2020 | - | …")
    ("year", re.compile(r"(?<![^\n|])[ \t]*(?P<cell>)(?P<y>(?:19|20)\d{2})(?=[ \t]*\|)")),
    # a year of birth, whatever follows it: "DOB 1990    tel …"
    ("year", re.compile(r"(?<![\w])(?i:born|d\.?o\.?b\.?:?|y\.?o\.?b\.?:?|(?:date|year)[ \t]+of"
                        r"[ \t]+birth:?)[ \t]+(?P<y>(?:19|20)\d{2})(?![\w])(?![/\-–.,:]\d)")),
]
# the words before a year that make it a count or a number, not a date ("costs 2000.")
_NOT_YEAR_BEFORE = frozenset({
    "and", "the", "than", "about", "approx", "around", "over", "under", "nearly", "almost",
    "total", "costs", "cost", "paid", "owed", "owes", "owing", "worth", "scored", "score",
    "scores", "marks", "out", "ref", "number", "code", "pin", "page", "level", "room", "unit",
    "tel", "ext", "extension", "house", "flat", "plot", "bus", "route", "model", "version",
    "reference", "account", "case", "log", "incident", "crime", "serial", "collar", "only",
    "just", "another", "rent", "arrears", "debt", "fine", "fines", "loan", "balance", "was",
    "were", "are", "is", "has", "had", "have", "with", "for", "per", "every", "each",
    "act", "order", "rules", "regs"})     # a statute's year: "CHILDREN ACT 1989"
# the past tenses that count or measure before a number given roughly ("owed approx 2000.")
_COUNTED_BEFORE_ROUGH_YEAR = frozenset({
    "owed", "borrowed", "earned", "saved", "raised", "needed", "claimed", "received", "charged",
    "billed", "walked", "cycled", "travelled", "scored", "counted", "measured", "weighed",
    "estimated", "totalled", "reached", "increased", "dropped", "reduced", "added", "typed",
    "used", "wanted", "asked", "offered", "paid", "priced", "valued", "ordered", "printed",
    "posted", "collected", "donated", "sold", "listed", "recorded", "logged", "averaged"})
# a clock time on the quarter hour that a year after "at" may be ("finishes at 1930"); a
# round number after any such word is a count ("went up to 2000")
_ROUND_TIME = re.compile(r"(?:19|20)(?:00|15|30|45)")
# more years of a range or list: "from 2014 to 2016", "in 2009 and 2011", "(2014-2016)"
_YEAR_MORE_RE = re.compile(r"(?:[ \t]*[\-–][ \t]*|[ \t]+(?:to|and|or|until|till|&)[ \t]+|"
                           r",[ \t]*(?=(?:19|20)\d\d(?:,[ \t]*(?:19|20)\d\d)*\)))"
                           r"(?P<y>(?:19|20)\d{2})(?![\w])(?![/\-–.,:]\d)")
# a season or term by the day it stands for; a moved one is named by the nearest such day
_SEASON_DAYS = {"spring": (4, 15), "summer": (7, 15), "autumn": (10, 15), "winter": (1, 15)}
_TERM_DAYS = {("autumn", ""): (10, 20), ("spring", ""): (2, 15), ("summer", ""): (6, 1),
              ("autumn", "1"): (10, 1), ("autumn", "2"): (12, 1), ("spring", "1"): (1, 25),
              ("spring", "2"): (3, 10), ("summer", "1"): (5, 1), ("summer", "2"): (6, 25)}
# forms that say only a year (or a season): they never give their year to a date without one
_YEAR_LEVEL = ("season", "years", "year")
# a score's words before "7/10", each from its start ("Strategy … on 20/05" is a date)
_SCORE_CONTEXT = re.compile(r"(?i)\b(?:scal\w*|scor\w*|rat\w*|out of|marks?)\W{0,3}"
                            r"(?:\w+\W+){0,4}$")

# a word saying when straight before a day/month near a score's words: "(was 17 on 21/01)"
_NOT_SCORE_BEFORE = re.compile(r"(?i)\b(?:on|dated|since)[ \t]*$")


# what comes before a short day/month ("on 2/4", "next visit 2/4", "log 0417 of 3/11")
_DATE_CONTEXT = re.compile(r"(?i)(?:\b(?:on|by|from|to|until|till|due|dated|since|of|before|"
                           r"after|w/?c|visit|review|appointment|appt|meeting|contact|seen|dob|born|"
                           r"panel|conference|hearing|court|back|starts?|starting|returns?|"
                           r"date|d\.o\.b\.?|mon|tues?|wed|thu(?:rs)?|fri|sat|sun|\w+day)|[:(])"
                           r"[ \t]*$")
# what makes "17.3" a day and month, not a decimal: a word saying when, never "to", "by" or
# "from", which a measure has too ("up from 2.5 to 3.1")
_DOTTED_DATE_CUE = re.compile(r"(?i)\b(?:on|dated|since|due|until|till|w/?c|appt|appointment|"
                              r"seen|dob|born|date|\w+day)[ \t]*:?[ \t]*$")
# a short day/month opening a line of a chronology ("- 8/3 06:00 baby to…") or before a time
_ENTRY_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*•–][ \t]*)?$")
# an event's verb before it: "phone seized 2/10", "discharged 9/4" (not "completed 3/4 of it")
_EVENT_BEFORE = re.compile(r"(?i)\b(?:seized|arrested|charged|interviewed|released|bailed|"
                           r"remanded|sentenced|cautioned|excluded|suspended|admitted|"
                           r"discharged|reported|referred|received|sent|visited|attended|held|"
                           r"convened|closed|opened|started|ended|stopped|found|located|"
                           r"returned|issued|signed|submitted|completed|booked|cancelled|"
                           r"expired|expires|moved|left|"
                           # contact made: "chased 3/6", "emailed 4/7"
                           r"chased|emailed|phoned|rang|texted|called|requested|reminded|"
                           r"followed[ \t]+up|wrote|posted)"
                           # and how: "sent by email 10.3", "chased via text 4/6"
                           r"(?:[ \t]+(?:by|via)[ \t]+(?:e-?mail|post|letter|text|phone|fax|hand))?"
                           r"[ \t]*$")
# a table's column of dates: its heading says so ("| By", "Due date |")
_DATE_HEADING = re.compile(r"(?i)(?:by|when|due|date|dated|deadline|target(?:[ \t]+date)?|"
                           r"timescales?|review(?:[ \t]+date)?|completed(?:[ \t]+by)?|"
                           r"by[ \t]+when|due[ \t]+date)")
# where a thing happened, before its short day/month: "seen at school 7/10", "at the GP 3/4"
_PLACE_BEFORE = re.compile(r"(?i)\b(?:at|in|from)[ \t]+(?:(?:the|his|her|their)[ \t]+)?"
                           r"(?:school|college|nursery|home|hospital|clinic|surgery|gp|dentist|"
                           r"office|hub|court|(?:police[ \t]+)?station|ward|a&e|pru|placement|"
                           r"(?:family|contact|health|children['’]s|youth)[ \t]+centre|centre|"
                           r"church|mosque|temple|gurdwara|library|club)[ \t]*$")
# a score just before ("home 4/10, school 7/10"): the next is one too
_SCORE_BEFORE = re.compile(r"(?<![\d/.])\d\d?[ \t]*/[ \t]*(?:10|5)(?![\d/.])")
_SHARE_AFTER = re.compile(r"(?i)[ \t]+(?:of|or|in|to|and|majority|share)\b")  # "3/4 of them"
# another day/month after it in a list ("chased 3/6 and 11/6"): no share
_NEXT_DAY_MONTH_RE = re.compile(r"[ \t]+(?:and|or|to)[ \t]+\d{1,2}/\d{1,2}(?![\d/])"
                                r"(?![ \t]+(?i:of|cups?)\b)")
_TIME_AFTER = re.compile(r"[ \t,]+(?:at[ \t]+)?(?:[01]?\d|2[0-3])"
                         r"(?:[:.][0-5]\d|[0-5]\d[ \t]?hrs)\b")


_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26),
             "new year's eve": (12, 31), "new years eve": (12, 31), "hogmanay": (12, 31),
             "new year's day": (1, 1), "new years day": (1, 1), "bonfire night": (11, 5),
             "guy fawkes night": (11, 5), "halloween": (10, 31), "hallowe'en": (10, 31),
             "valentine's day": (2, 14), "valentines day": (2, 14), "burns night": (1, 25),
             "st patrick's day": (3, 17), "st david's day": (3, 1), "st andrew's day": (11, 30),
             "st george's day": (4, 23), "new year": (1, 1), "new year's": (1, 1),
             "new years": (1, 1), "remembrance day": (11, 11), "armistice day": (11, 11),
             "st dwynwen's day": (1, 25), "calan gaeaf": (11, 1)}
# the Welsh names, by the English ones' keys (radical forms, "Ddydd" and "Ŵyl" unmutated)
_CY_FESTIVAL_NAMES = {
    "nadolig": "christmas", "pasg": "easter", "sul y pasg": "easter sunday",
    "llun y pasg": "easter monday", "gwener y groglith": "good friday", "calan": "new year",
    "dydd nadolig": "christmas day", "noswyl nadolig": "christmas eve",
    "nos galan": "new year's eve", "dydd calan": "new year's day",
    "gŵyl san steffan": "boxing day", "dydd san steffan": "boxing day",
    "gŵyl dewi": "st david's day", "dydd gŵyl dewi": "st david's day",
    "santes dwynwen": "st dwynwen's day", "dydd santes dwynwen": "st dwynwen's day",
    "calan gaeaf": "calan gaeaf", "nos calan gaeaf": "halloween"}
_CY_UNMUTATED = {"ddydd": "dydd", "ŵyl": "gŵyl", "gwyl": "gŵyl", "wyl": "gŵyl", "ddewi": "dewi"}


def _festival_key(name: str) -> tuple[str, bool]:
    """A festival or named day as written, as the English key of ``_HOLIDAYS`` or
    ``_FESTIVAL_DAYS``, and whether it was written in Welsh ("Ddydd Gŵyl Dewi Sant" is
    "st david's day")."""
    words = [_CY_UNMUTATED.get(w, w) for w in
             name.lower().replace("’", "'").replace("st.", "st").split()]
    if words[-2:] == ["dewi", "sant"]:
        words.pop()
    low = " ".join(words)
    return _CY_FESTIVAL_NAMES.get(low, low), low in _CY_FESTIVAL_NAMES


def _in_date_column(text: str, m: re.Match) -> bool:
    """A short day/month alone in a table's cell, under a heading saying date ("Action | Who
    | By"): a date, not a score."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if "|" not in line:
        return False
    column = text.count("|", line_start, m.start())
    cells = line.split("|")
    if cells[column].strip() != m.group(0).strip():
        return False
    # the heading: the first of the table's lines above, all with as many cells
    heading = None
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        above = text[start:end].split("|")
        if len(above) != len(cells):
            break
        heading, end = above, start - 1
    return heading is not None and bool(_DATE_HEADING.fullmatch(heading[column].strip()))


# the words before a number that make it no year after a place ("in Room 2014", "Act 1989")
_NOT_PLACE_BEFORE_YEAR = frozenset({
    "act", "acts", "order", "rules", "regulations", "regs", "flat", "room", "unit", "box",
    "page", "year", "years", "ward", "bed", "band", "level", "section", "version", "windows",
    "office", "route", "bus", "junction", "platform", "gate", "terminal", "bay", "pitch",
    "plot", "block", "floor", "class", "group", "set", "stage", "step", "number", "no", "ref",
    "code", "model", "series", "team", "area", "zone", "grade", "tier", "phase", "item"})

# inside a title in capitals ("… for Child Protection in Scotland 2021"): two capitalised words
# before "in"
_TITLE_BEFORE = re.compile(r"[A-Z][\w'’\-]*[ \t]+[A-Z][\w'’\-]*[ \t]+\Z")


def _is_place(words: str) -> bool:
    """Capitalised words a year may date as a place ("Jalandhar", "Leeds", "Bath"): a town,
    or a word no dictionary has, and none a room's, a flat's or a statute's."""
    low = words.lower().split()
    return not set(low) & _NOT_PLACE_BEFORE_YEAR and (
        " ".join(low) in TOWNS or not all(is_english(w) for w in words.split()))


# a date alone in a table's cell: "12/09/19", "Nov '19", "2021", "3 March"
_CELL_DATE_RE = re.compile(rf"[ \t]*(?:\d{{1,2}}[/.\-]\d{{1,2}}(?:[/.\-]\d{{2,4}})?|"
                           rf"(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+)?{_MONTH}\.?(?:[ \t]+\S+)?|"
                           r"(?:19|20)\d\d)[ \t]*")


def _in_column_of_dates(text: str, m: re.Match) -> bool:
    """A cell in a table's column whose cells above or below it are dates."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    column = text.count("|", line_start, m.start())
    above_end = max(line_start - 1, 0)
    below_start = text.find("\n", m.end()) + 1
    below_end = text.find("\n", below_start) if below_start else 0
    for line in (text[text.rfind("\n", 0, above_end) + 1:above_end],
                 text[below_start:below_end if below_end >= 0 else len(text)]):
        cells = line.split("|")
        if len(cells) > column + 1 and _CELL_DATE_RE.fullmatch(cells[column]) \
                and any(c.isdigit() for c in cells[column]):
            return True
    return False


def _holiday(name: str) -> tuple[int, int]:
    return _HOLIDAYS[_festival_key(name)[0]]


# a festival's or half term's day (month, day), until its year is known; a half term is named
# after moving by the nearest of the three
_FESTIVAL_DAYS = {"christmas": (12, 25), "easter": (4, 1), "eid": (4, 10), "eid al-adha": (6, 16),
                  "feb": (2, 17), "may": (5, 27), "oct": (10, 27)}
_HALF_TERMS = ("feb", "may", "oct")


def _festival(name: str) -> str:
    """The key in ``_FESTIVAL_DAYS`` of a festival or half term as written ("Good Friday" is
    Easter's, "Eid ul-Adha" the second Eid's, "October" the October half term's)."""
    low = _festival_key(name)[0]
    if "bank" in low:                   # before "may", the May half term's key
        return "bank holiday"
    if low in ("xmas", "x-mas"):
        return "christmas"
    if low.startswith(("easter", "good")):
        return "easter"
    if low.startswith("eid"):
        return "eid al-adha" if low.endswith("adha") else "eid"
    return low[:3] if low[:3] in _HALF_TERMS else low


def _festival_month_day(name: str) -> tuple[int, int]:
    """A festival's day (month, day) until its year is known."""
    key = _festival(name)
    if key == "bank holiday":
        day = _bank_holiday(name, 2001)
        return day.month, day.day
    return _FESTIVAL_DAYS.get(key) or _HOLIDAYS[key]


def _bank_holiday(name: str, year: int) -> dt.date:
    """A bank holiday's Monday in ``year``: Easter Monday; the first of May ("May bank
    holiday", "early May"); the last of May ("late May", "spring"); the last of August."""
    low = _festival_key(name)[0]
    if low.startswith("easter"):
        return _easter(year) + _DAY
    if low.startswith(("late", "spring")) or not low.startswith(("may", "early")):
        month = 5 if low.startswith(("late", "spring")) else 8
        last = dt.date(year, month, 31)
        return last - dt.timedelta(days=last.weekday())
    first = dt.date(year, 5, 1)
    return first + dt.timedelta(days=-first.weekday() % 7)


def _easter(year: int) -> dt.date:
    """Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


# an Eid falls 354.37 days (a lunar year) after the last: counted from one known day
_EID_FROM = {"eid": dt.date(2024, 4, 10), "eid al-adha": dt.date(2024, 6, 16)}
_LUNAR_YEAR = 354.367


def _festival_day(name: str, year: int) -> dt.date:
    """The day a festival (or half term) fell in ``year``."""
    if other := _other_festival(name):
        return _OTHER_FESTIVAL_DAYS[other](year)
    key = _festival(name)
    if key == "bank holiday":
        return _bank_holiday(name, year)
    if key == "easter":
        easter = _easter(year)
        low = _festival_key(name)[0]
        return easter + dt.timedelta(days=-2 if low.startswith("good") else
                                     1 if low.endswith("monday") else 0)
    if key in _EID_FROM:
        return _eid(key, year)
    return dt.date(year, *_festival_month_day(name))


def _eid(key: str, year: int) -> dt.date:
    start = _EID_FROM[key]
    cycles = round((dt.date(year, 7, 1) - start).days / _LUNAR_YEAR)
    return start + dt.timedelta(days=round(cycles * _LUNAR_YEAR))


def _other_festival(name: str) -> str | None:
    """The key of a festival of another calendar as written ("Tết" is "lunar new year")."""
    plain = folded(name.lower())
    return _OTHER_FESTIVAL_NAMES.get(" ".join(plain.replace("-", " ").split()))


# the moon's phases by Meeus' mean phase and its two largest terms (right to within hours):
# the lunisolar festivals fall by them
_LUNATION = 29.530588861
_NEW_MOON_2000 = dt.datetime(2000, 1, 6, 14, 20)     # UTC


def _moon(k: float) -> dt.datetime:
    """The new moon ``k`` lunations from January 2000 (a full moon at k + 0.5), in UTC."""
    sun = math.radians(2.5534 + 29.10535670 * k)
    moon = math.radians(201.5643 + 385.81693528 * k)
    return _NEW_MOON_2000 + dt.timedelta(
        days=_LUNATION * k - 0.4072 * math.sin(moon) + 0.1724 * math.sin(sun))


def _new_moon(day: dt.date, hours: float, after: bool = False) -> dt.date:
    """The local date (``hours`` ahead of UTC) of the last new moon on or before ``day`` (the
    first on or after it)."""
    def local(k: int) -> dt.date:
        return (_moon(k) + dt.timedelta(hours=hours)).date()
    k = math.floor((day - _NEW_MOON_2000.date()).days / _LUNATION)
    while local(k) > day:
        k -= 1
    while local(k + 1) <= day:
        k += 1
    return local(k) if not after or local(k) == day else local(k + 1)


def _hebrew_new_year(year: int) -> dt.date:
    """1 Tishri of Hebrew ``year`` (Reingold and Dershowitz: the molad and its postponements)."""
    def elapsed(y: int) -> int:
        months = (235 * y - 234) // 19
        days = 29 * months + (12084 + 13753 * months) // 25920
        return days + 1 if (3 * (days + 1)) % 7 < 3 else days
    correction = 2 if elapsed(year + 1) - elapsed(year) == 356 else \
        1 if elapsed(year) - elapsed(year - 1) == 382 else 0
    return dt.date.fromordinal(-1373427 + elapsed(year) + correction)


def _hanukkah(year: int) -> dt.date:
    """25 Kislev: Heshvan has 30 days in a full year (355 or 385 days)."""
    new_year = _hebrew_new_year(year + 3761)
    length = (_hebrew_new_year(year + 3762) - new_year).days
    return new_year + dt.timedelta(days=30 + (30 if length % 10 == 5 else 29) + 24)


def _orthodox_easter(year: int) -> dt.date:
    """Easter by the Julian computus, as a Gregorian date (1900 to 2099)."""
    d = (19 * (year % 19) + 15) % 30
    e = (2 * (year % 4) + 4 * (year % 7) - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=13)


_DAY = dt.timedelta(days=1)
# each festival's day in a Gregorian year: the lunar new year the second new moon after the
# winter solstice (China's time); a Hindu month holds the sun's entry to its sign (Ashvin's
# new moon before 17 October, Chaitra's before 13 April, Kartika's before 15 November)
_OTHER_FESTIVAL_DAYS = {
    "lunar new year": lambda y: _new_moon(
        _new_moon(dt.date(y - 1, 12, 22), 8, after=True) + _DAY, 8, after=True),
    "diwali": lambda y: _new_moon(dt.date(y, 11, 15), 5.5) - _DAY,
    "holi": lambda y: _new_moon(dt.date(y, 4, 13), 5.5) - 14 * _DAY,
    "navratri": lambda y: _new_moon(dt.date(y, 10, 17), 5.5) + _DAY,
    "dussehra": lambda y: _new_moon(dt.date(y, 10, 17), 5.5) + 10 * _DAY,
    "raksha bandhan": lambda y: _new_moon(dt.date(y, 8, 17), 5.5) + 15 * _DAY,
    "vaisakhi": lambda y: dt.date(y, 4, 14), "nowruz": lambda y: dt.date(y, 3, 21),
    "orthodox christmas": lambda y: dt.date(y, 1, 7), "orthodox easter": _orthodox_easter,
    "eid": lambda y: _eid("eid", y), "eid al-adha": lambda y: _eid("eid al-adha", y),
    "ramadan": lambda y: _eid("eid", y) - 30 * _DAY,
    "rosh hashanah": lambda y: _hebrew_new_year(y + 3761),
    "yom kippur": lambda y: _hebrew_new_year(y + 3761) + 9 * _DAY,
    "sukkot": lambda y: _hebrew_new_year(y + 3761) + 14 * _DAY,
    "hanukkah": _hanukkah,
    "passover": lambda y: _hebrew_new_year(y + 3761) - 163 * _DAY,
    "purim": lambda y: _hebrew_new_year(y + 3761) - 193 * _DAY}


# a month in lower case is a date only after a word that cannot come before the verb "march"
# or "may" ("since sept", "in june"; not "to march")
_LOWER_MONTH_CUES = frozenset({"approx", "approx.", "approximately", "roughly", "circa",
                               "in", "since", "from", "until", "till", "during", "before",
                               "after", "throughout", "by", "around"})
_LOWER_MAY_CUES = _LOWER_MONTH_CUES | {"of", "last", "early", "mid", "late", "til", "through",
                                      "over", "thru"}


def _lower_may_is_date(text: str, m: re.Match) -> bool:
    """"may" in lower case before a year is the month only after a word saying when ("since
    may 2023", "end of may 2024"), in a range or with an apostrophe year ("may '24"); any
    other month is one ("march 2023" is no verb)."""
    if m.group("mon") != "may" or m.group("mon0") or not m.group("y")[0].isdigit():
        return True
    word = _WORD_BEFORE_RE.search(text, max(0, m.start() - 20), m.start())
    return bool(word) and word.group(1).lower().rstrip("-") in _LOWER_MAY_CUES


def _lower_month_is_date(text: str, m: re.Match) -> bool:
    """A month in lower case after a day, "12 june", "4th march 10am": a date; "may" and
    "march" are verbs too ("aged 3 may need"), dates only with an ordinal or a word saying
    when before them ("on 3 may"), and what may follow a date after them."""
    if m.group("mon").lower() not in ("may", "march", "mar"):
        return True
    before = text[max(0, m.start() - 30):m.start()]
    return bool((m.group("ord") or _DOTTED_DATE_CUE.search(before))
                and _DAY_FOLLOW_RE.match(text, m.end()))


def _month_alone_is_date(g: dict) -> bool:
    """A month alone after a preposition is a date ("in March", "since Sept"): every date
    goes. Months that are people too ("cared for April", "a note to Jan") are left to the
    names after for, to, by, at or of ("from" too for Jan and Dec)."""
    mon, prep = g["mon"].capitalize(), (g.get("prep") or "").lower()
    if g.get("part"):   # "the start of June": the month's, no person's; "start June" may be
        return not (g.get("bare") is not None and g["part"].lower() != "end"
                    and mon in _MONTHS_ALSO_NAMES)
    if g.get("inwas") is not None and not (prep in ("in", "during", "throughout")
                                           and g["mon"][0].isupper()):
        return False    # "since June was born": a person; "in June was 40 hours" a month
    if g.get("was"):    # "it was May": a person as likely as a month
        return mon[:3] not in ("Apr", "May", "Jun", "Aug", "Jan", "Dec")
    if g.get("ed") or g.get("irr") is not None:
        # "phoned April", "asked Jan", "met June": a person; "supplied March" a date
        return mon[:3] not in ("Apr", "May", "Jun", "Aug", "Jan", "Dec") and g["mon"][0].isupper()
    if mon in ("Jan", "Dec"):
        return prep not in ("from", "to", "by", "at", "for", "of", "about")
    return not (mon in _MONTHS_ALSO_NAMES and prep in ("to", "by", "at", "for", "of", "about"))


_MONTHS_ALSO_NAMES = frozenset({"April", "May", "June", "August"})
# the words that place a month in time even before a capitalised word or a verb
_STRONG_MONTH_CUES = frozenset({"since", "in", "during", "until", "till", "throughout", "before",
                                "after", "from"})
# a place's type word after a month: "in March Street" is an address
_PLACE_AFTER_MONTH = re.compile(r"[ \t]+(?:Street|St|Road|Rd|Lane|Avenue|Ave|Close|Court|Drive|"
                                r"Way|Place|Gardens|Crescent|Terrace|Grove|Park|House|Hall|"
                                r"Centre|Center|School|Academy|College|Ward|Unit|Team|Project|"
                                r"Service|Group|Estate|View|Rise|Walk|Row|Square|Mews|Hill)\b")


def _month_before_word_is_date(text: str, m: re.Match) -> bool:
    """A month before a capitalised word or a verb ("since March Dad says", "since September
    has been better") is a date after a strong word saying when and if no one is named so
    ("since June left", "in May Smith's flat") and no place ("in March Street")."""
    g = m.groupdict()
    mon = g["mon"]
    return ((g.get("prep") or "").lower() in _STRONG_MONTH_CUES and mon[0].isupper()
            and mon.capitalize() not in _MONTHS_ALSO_NAMES | {"Jan", "Dec"}
            and not (g.get("capnext") is not None and _PLACE_AFTER_MONTH.match(text, m.end())))
_IRREGULAR_BEFORE = re.compile(r"(?<![\w])(?i:seen|met|sent|held|went|saw|rang|took|came|made|"
                               r"done|wrote|paid|left|got)[ \t]+\Z")
# the event a month in brackets dates ("at the last review (June)", "letter sent (Oct)")
_BRACKET_MONTH_BEFORE = re.compile(r"(?i)(?:\b(?:review|meeting|visit|conference|hearing|panel|"
                                   r"assessment|appointment|appt|letter|report|referral|plan|"
                                   r"check|contact|session|scan|test|exam|court|strategy|"
                                   r"icpc|rcpc|pep|ehcp|lac|cla|cin|core[ \t]+group|"
                                   # an incident: "one warning for a visitor after 11pm (Aug)"
                                   r"warning|incident|episode|exclusion|suspension|arrest|"
                                   r"admission|complaint|argument|fight|overdose)s?|"
                                   # a form's answer: "previous CP? YES (August)"
                                   r"\b(?:yes|no)|"
                                   # a clock time: no person is named after one
                                   r"\b\d{1,2}(?:[:.]\d\d)?[ \t]?[ap]m|\b[a-z]{2,}ed)[ \t]*\($")


def _bracket_month_is_date(text: str, m: re.Match) -> bool:
    """A month alone in brackets is a date after the event it dates ("review (June)"), not
    after a person ("her aunt (June)") nor a heading's word ("Recommendations (Feb):")."""
    return bool(_BRACKET_MONTH_BEFORE.search(text, max(0, m.start() - 30), m.start()))


# the digits OCR reads as letters: "l" and "I" for 1, "O" for 0
_OCR_DIGITS = str.maketrans("lIO", "110")


def _int(raw: str) -> int:
    return int(raw.translate(_OCR_DIGITS))


def _ocr_date_ok(m: re.Match, year: int, month: int, day: int, digits: bool = False) -> bool:
    """A date typed through OCR: letters for some digits (``digits``: none needed), at least
    four digits read right, and the date they make real (a four-digit year 1900-2099)."""
    raw = m.group(0)
    if (raw.translate(_OCR_DIGITS) == raw and not digits) or sum(c.isdigit() for c in raw) < 4 \
            or (len(m.group("y")) == 4 and not 1900 <= year <= 2099):
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# what makes eight digits a date in a file's name: a time, an extension or a word after it
_COMPACT_AFTER = re.compile(r"_\d{4}(?:\d\d)?(?!\d)|T\d{4}|\.[A-Za-z][A-Za-z\d]{1,4}(?![\w])|"
                            r"[_\-][A-Za-z]")
# a reference's letters or digits before it ("CAD-", "REF/", "12-")
_COMPACT_CODE_BEFORE = re.compile(r"(?:(?<![\w])[A-Z]{2,}\d*[\-/]?|\d[\-/])\Z")


def _compact_is_date(text: str, m: re.Match) -> bool:
    """"meeting-20250422_0902", "IMG_20240315_142233.jpg", "Recording 20250422.mp4": eight
    digits joined to a name or an extension; never a reference's group ("CAD-20250422-0012")
    nor a number alone ("account 20250422")."""
    before = text[m.start() - 1:m.start()]
    if _COMPACT_CODE_BEFORE.search(text, max(0, m.start() - 12), m.start()) \
            or re.match(r"[\-/]\d", text[m.end():m.end() + 2]):
        return False
    return before in ("_", "-") or bool(_COMPACT_AFTER.match(text, m.end()))


def _said_number(words: str) -> int:
    """A number said in words: "twenty two", "twenty-two", "eleven"."""
    return sum(_NUMBER_VALUES[w] for w in re.split(r"[ \t\-]+", words.lower()))


def _said_year(words: str) -> int:
    """A year said in words: "twenty fifteen", "nineteen ninety-eight", "twenty oh nine",
    "nineteen hundred", "two thousand and fifteen"."""
    parts = [w for w in re.split(r"[ \t\-]+", words.lower()) if w not in ("and", "oh")]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(_NUMBER_VALUES[w] for w in parts[2:])
    return 100 * _NUMBER_VALUES[parts[0]] + sum(_NUMBER_VALUES.get(w, 0) for w in parts[1:])


def _say_number(value: int, template: str) -> str:
    """``value`` (1-99) in words, joined as ``template`` joins its words."""
    if value < 10:
        return _ONES[value]
    if value < 20:
        return _TEENS[value - 10]
    sep = "-" if "-" in template else " "
    return _TENS[value // 10] + (sep + _ONES[value % 10] if value % 10 else "")


def _say_year(year: int, template: str) -> str:
    """``year`` in words as ``template`` says its year ("two thousand and nine", "twenty
    fifteen"); one from 2000 to 2009 as "two thousand (and) …" whatever the template."""
    low = template.lower()
    rest = year % 100
    if year >= 2000 and ("thousand" in low or rest < 10):
        joiner = " and " if " and " in low or "thousand" not in low else " "
        return "two thousand" + (joiner + _say_number(rest, low) if rest else "")
    century = _say_number(year // 100, low)
    if rest == 0:
        return century + " hundred"
    return century + " " + ("oh " + _ONES[rest] if rest < 10 else _say_number(rest, low))


def _said_case(template: str, words: str) -> str:
    if template.isupper() and len(template) > 1:
        return words.upper()
    return words[0].upper() + words[1:] if template[0].isupper() else words


def _two_digit_year(y: int) -> int:
    return 2000 + y if y < 50 else 1900 + y


@dataclass
class _DateMatch:
    start: int
    end: int
    form: str
    m: re.Match
    year: int | None
    month: int                  # 0 for a bare ordinal day until its month is inferred
    day: int | None
    tentative: bool = False     # a short date kept only if it fits the chronology


def _date_matches(text: str) -> list[_DateMatch]:
    found: list[_DateMatch] = []
    taken = Mask(len(text))
    entry_openers: set[int] | None = None       # worked out when first needed
    near_festivals: list[tuple[int, int]] | None = None
    near_years = windows(text, _FOUR_DIGIT_YEAR, 40, 60)     # a year alone needs a year
    of_month = windows(text, _OF_MONTH, 50, 40)
    said: dict[re.Pattern, list[tuple[int, int]]] = {   # dates spoken: near their words
        _SAY_OF_RE: windows(text, _OF_SAID_MONTH, 60, 60),
        _SAY_CUE_RE: windows(text, _SAID_YEAR_HINT, 80, 40)}
    near_hyphen_years = windows(text, _HYPHEN_YEAR, 14, 15)     # "Mar-25", "21-Mar-25"
    for form, regex in _DATE_RES:
        if form in ("holiday", "festival") and near_festivals is None:
            near_festivals = _word_windows(text, _FESTIVAL_WORDS, 45, 70)
        for m in (finditer_in(regex, text, near_years) if form in _YEAR_LEVEL
                  # a festival's name ends just before its year
                  else finditer_in(regex, text, windows(text, _FOUR_DIGIT_YEAR, 30, 2))
                  if regex is _OTHER_FESTIVAL_RE
                  else finditer_in(regex, text, of_month) if regex is _THE_D_MONTH_RE
                  else finditer_in(regex, text, said[regex]) if form == "spoken"
                  else finditer_in(regex, text, near_hyphen_years) if form == "mon_y"
                  else finditer_in(regex, text, near_festivals or [])
                  if form in ("holiday", "festival") else regex.finditer(text)):
            if not taken.free(m.start(), m.end()):
                continue
            g = m.groupdict()
            year = None
            if g.get("y"):
                raw = g["y"].lstrip("'’")
                year = _int(raw) if len(raw) == 4 else _two_digit_year(_int(raw))
            elif g.get("sy"):
                year = _said_year(g["sy"])
            if g.get("mon"):
                month = _MONTH_NUMBERS[g["mon"].lower()]
            elif g.get("cymon"):
                month = _CY_MONTH_NUMBERS[g["cymon"].lower()]
            elif g.get("plmon"):
                month = _PL_MONTH_FORMS[g["plmon"].lower()][0]
            elif g.get("hol"):
                month = _holiday(g["hol"])[0]
            elif year and _other_festival(g.get("fest") or ""):    # its day that year
                fest_day = _festival_day(g["fest"], year)
                month, day = fest_day.month, fest_day.day
            elif g.get("fest") or g.get("ht"):
                month, day = _festival_month_day(g.get("fest") or g["ht"])
            elif g.get("smo"):
                month = _WORD_DAYS[g["smo"].lower()]
            elif g.get("smc"):
                month = _said_number(g["smc"])
            else:
                month = _int(g["m"]) if g.get("m") else 0
            if not (g.get("fest") or g.get("ht")):
                day = _holiday(g["hol"])[1] if g.get("hol") else _int(g["d"]) if g.get("d") \
                    else None
            if g.get("dw"):
                day = _WORD_DAYS[" ".join(g["dw"].lower().replace("-", " ").split())]
            elif g.get("sdc"):
                day = _said_number(g["sdc"])
            if form == "ocr_dmy" and not _ocr_date_ok(m, year or 0, month, day or 0):
                continue            # "12/03/2024" (the next form's), "Il/lO/IOIl"
            if form == "compact" and not (_compact_is_date(text, m)
                                          and _ocr_date_ok(m, year or 0, month, day or 0, True)):
                continue            # "CAD-20250422-0012": a reference; "20230229" no date
            if form == "spoken" and (
                    not 1900 <= (year or 1900) <= 2039
                    or (g.get("smo") and year is None
                        and not _SAID_END_RE.match(text, m.end()))
                    or (g.get("mon") and year is None and g["mon"].islower()
                        and g["mon"].lower() in ("may", "march", "mar"))):
                continue            # "the first of the second batch", "the first of may"
            if form == "ordinal_day" and not _ordinal_day_is_date(g):
                continue            # "on the second by his social worker": an occasion
            if form == "month_d" and not (g.get("ord") or g.get("y")) \
                    and not _month_day_is_date(text, m):
                continue            # "May 3 children": not a date
            if g.get("cell") is not None and not _in_date_column(text, m) \
                    and not (form == "year" and _in_column_of_dates(text, m)):
                continue            # a month alone in a table, not under a heading of dates
            if g.get("place") and (not _is_place(g["place"])
                                   or (g.get("country") and not _is_place(g["country"]))
                                   or _TITLE_BEFORE.search(text, max(0, m.start() - 40),
                                                           m.start())):
                continue            # "in Room 2014", "Child Protection in Scotland 2021"
            if g.get("rng") is not None and not _YEAR_MORE_RE.match(text, m.end()) \
                    and (word := _WORD_BEFORE_RE.search(text, max(0, m.start() - 20),
                                                        m.start())) \
                    and word.group(1).lower() in _NOT_PLACE_BEFORE_YEAR:
                continue            # "Flat 2022 - ongoing": a flat's ("Unit 2017–2021" dates)
            if g.get("brk") is not None and not _bracket_month_is_date(text, m):
                continue            # "her aunt (June)": a name
            if g.get("irr") is not None and not _IRREGULAR_BEFORE.search(
                    text, max(0, m.start() - 8), m.start()):
                continue            # a month after no irregular past ("seen Sept")
            if form == "month" and (not _month_alone_is_date(g)
                                    or ((g.get("capnext") is not None
                                         or g.get("verbnext") is not None)
                                        and not _month_before_word_is_date(text, m))
                                    or _RECURRING_YEAR_RE.match(text, m.end())
                                    or (g.get("each") and g["mon"].islower())
                                    or (g["mon"].islower() and (g.get("prep") or "in").lower()
                                        not in _LOWER_MONTH_CUES)):
                continue            # "reviews in Nov each year": no one date
            if g.get("lowmon") is not None and not _lower_may_is_date(text, m):
                continue            # "may 2024 be kinder to us": a wish
            if form == "pl_d_month" and g["plmon"] == "Maja" and not g.get("y"):
                continue            # "3 Maja and Ola": a girl's name (a month is lower case)
            if form == "d_range" and not int(g["d0"]) < int(g["d"]):
                continue            # "5-3 March" is no range
            month_word = g.get("mon") or g.get("cymon") or ""
            if form in ("d_month", "cy_d_month", "d_range") and month_word.islower() \
                    and not (g.get("y") or g.get("wd")) \
                    and not (form != "cy_d_month" and _lower_month_is_date(text, m)):
                continue            # "aged 3 may need": not a date ("sat 8th march" is)
            start = m.start()
            if form in ("month", "festival"):
                start = m.start("mon" if form == "month" else "fest")   # not "since"
            if form == "ordinal_day":
                pos, last_is_date = m.end(), True
                while more := _ORDINAL_MORE_ANY.match(text, pos):
                    last_is_date = bool(_ORDINAL_MORE_RE.match(text, pos))
                    pos = more.end()
                if not last_is_date or _RECURRING_RE.match(text, pos) \
                        or _CENTILE_RE.match(text, pos):
                    continue            # "on the 2nd and 3rd floors", "the 1st of each month",
                    # "dropped from the 25th to the 9th centile"
                if not g.get("wd"):             # "on the 26th": only the day is the date
                    start = m.start("d" if g.get("d") else "dw")
            if g.get("cue"):
                start = m.start("dw" if g.get("dw") else "sdc")    # "born" stays
            tentative = False       # a date only if it fits the dated entries round it
            if form == "dm":
                before = text[max(0, m.start() - 30):m.start()]
                measure = re.match(r"[\w%]|" + _COUNT_AFTER, text[m.end():m.end() + 12])
                if g["sep"] == "." and not (
                        (g.get("wd") or _DOTTED_DATE_CUE.search(before)
                         or _EVENT_BEFORE.search(before) or _TIME_AFTER.match(text, m.end()))
                        and not measure):
                    if measure or not _ENTRY_START.search(before):
                        continue        # "17.3" a measure, not "sent 17.3" nor "on 17.3"
                    if entry_openers is None:
                        entry_openers = _dotted_entry_openers(text)
                    if m.start() not in entry_openers:
                        continue        # "2.2 He was remanded": a paragraph's number
                    tentative = True    # "26.2  Mum rang": a chronology's entry
                if (_SCORE_CONTEXT.search(before) and not _NOT_SCORE_BEFORE.search(before)
                        and int(g["d"]) <= int(g["m"]) and not g["m"].startswith("0")) \
                        or (g["m"] == "10" and g["d"] == "10"):
                    continue            # "scored 7/10", "10/10": a score, not a date ("score
                    # 14 (was 17 on 21/01)" is one: a score is never over its total nor "/01")
                short = len(g["d"]) == 1 or len(g["m"]) == 1
                looks_other = ((len(g["d"]) == 1 and len(g["m"]) == 1) or g["m"] in ("10", "7")
                               or (g["m"] == "5" and len(g["d"]) == 1))
                share = (_SHARE_AFTER.match(text, m.end())
                         and not _NEXT_DAY_MONTH_RE.match(text, m.end())) \
                    or re.match(_COUNT_AFTER, text[m.end():m.end() + 12])
                if short and looks_other and not (
                        g.get("wd") or _DATE_CONTEXT.search(before)
                        or ((_ENTRY_START.search(before) or _EVENT_BEFORE.search(before))
                            and not share)
                        or _TIME_AFTER.match(text, m.end()) or _in_date_column(text, m)):
                    # "(per SW Iqbal 3/3)", "invite for 2/4.", "seen at school 7/10": a date
                    # if it fits the entry
                    if not (g["sep"] == "/" and not share
                            and ((_CLAUSE_END.match(text, m.end()) and _source_before(before))
                                 or (_PLACE_BEFORE.search(before)
                                     and not _SCORE_BEFORE.search(before)))):
                        continue        # "3/4", "7/10", "24/7": fractions, scores, hours
                    tentative = True
                if not (1 <= month <= 12 and day and 1 <= day <= 31):
                    continue
            if form in ("month_y",) and not (1900 <= (year or 0) <= 2099):
                continue
            if form == "years" and not _years_are_dates(text, m):
                continue
            if g.get("rec") and (int(g["y"]) % 50 == 0 or (
                    g["rec"].lower() == "at" and _ROUND_TIME.fullmatch(g["y"]))):
                continue            # "contact ends at 2030": a time; "went up to 2000" a count
            if g.get("pre") and g["pre"].lower() in _NOT_YEAR_BEFORE:
                continue
            if g.get("ev") and g["ev"].lower() in _COUNTED_BEFORE_ROUGH_YEAR:
                continue            # "owed approx 2000.", "walked about 2000 and": a count
            if g.get("guess") is not None and (word := _WORD_BEFORE_RE.search(
                    text, max(0, m.start() - 20), m.start())) \
                    and word.group(1).lower() in _NOT_YEAR_BEFORE | {"to", "of", "at"}:
                continue            # "costs 2000 maybe", "came to 2000 maybe": a count
            if form in _YEAR_LEVEL:
                month, day = 7, 2               # the middle of the year, until moved
                if form == "year":
                    start = m.start("y")        # "born in 1988": only the year is the date
            found.append(_DateMatch(start, m.end(), form, m, year, month, day, tentative))
            taken.add(start, m.end())
            while form == "year" and (more := _YEAR_MORE_RE.match(text, m.end())) \
                    and taken.free(more.start("y"), more.end()):
                m = more
                found.append(_DateMatch(m.start("y"), m.end(), form, m, int(m.group("y")), 7, 2))
                taken.add(m.start("y"), m.end())
            while form == "month" and (more := _MONTH_MORE_RE.match(text, m.end())) \
                    and taken.free(more.start("mon"), more.end()):
                m = more            # "in March and May", "from June to August"
                found.append(_DateMatch(m.start("mon"), m.end(), form, m, year,
                                        _MONTH_NUMBERS[m.group("mon").lower()], None))
                taken.add(m.start("mon"), m.end())
            while form == "ordinal_day" and (more := _ORDINAL_MORE_RE.match(text, m.end())) \
                    and taken.free(more.start("d"), more.end()):
                m = more
                found.append(_DateMatch(m.start("d"), m.end(), form, m, None, 0,
                                        int(m.group("d"))))
                taken.add(m.start("d"), m.end())
    found.sort(key=lambda d: d.start)
    if any(d.tentative for d in found):
        found = _fitting(text, found)
    return found


def _fitting(text: str, found: list[_DateMatch]) -> list[_DateMatch]:
    """The matches without the tentative short dates that do not fit the chronology: each
    must fall from a month before to three months after the nearest dated entry before it
    (else the nearest after it), as an entry's date or a date it speaks of does; a
    paragraph's number or a fraction seldom does."""
    anchors = [d for d in found if not d.tentative and d.month and d.day
               and d.form not in _YEAR_LEVEL and not _is_birth_date(text, d)]
    starts = [d.start for d in anchors]
    kept = []
    for d in found:
        if d.tentative:
            if not anchors:
                continue
            i = bisect.bisect_left(starts, d.start)
            near, sign = (anchors[i - 1], 1) if i > 0 else (anchors[0], -1)
            try:
                gap = sign * (dt.date(2000, d.month, d.day or 1)
                              - dt.date(2000, near.month, near.day or 1)).days
            except ValueError:
                continue
            gap = (gap + 183) % 366 - 183           # across the new year
            if not -31 <= gap <= 92:
                continue
        kept.append(d)
    return kept


# a line opening with a short day.month ("14.2", "21.5 MARAC heard."), and one opening with a
# date that says so ("12/02/24", "19/2", "21 Feb", "Mon 3/3", "w/c")
_LINE_DOTTED_RE = re.compile(r"(?m)^[ \t]*(?:[-*•–][ \t]*)?(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?![\d.])")
_LINE_DATE_RE = re.compile(rf"(?m)^[ \t]*(?:[-*•–][ \t]*)?(?:{_WEEKDAY}\.?,?[ \t]+)?"
                           r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?!\d)|\d{4}-\d\d-\d\d|"
                           rf"\d{{1,2}}/\d{{1,2}}(?![\d/])|\d{{1,2}}(?i:st|nd|rd|th)?[ \t]+"
                           rf"(?i:{_MONTH})\b|(?i:w/c)\b)")


def _dotted_entry_openers(text: str) -> set[int]:
    """Where the short day.months opening lines are a chronology's dates: the text has other
    lines opening with a date, and none of its lines opening so are a time ("10.40"), a
    decimal or one of a sequence of paragraph numbers ("5.1", "5.2")."""
    pairs = [(int(m.group("d")), int(m.group("m")), m.start("d"))
             for m in _LINE_DOTTED_RE.finditer(text)]
    if any(not (1 <= d <= 31 and 1 <= mo <= 12) for d, mo, _ in pairs) \
            or len(_LINE_DATE_RE.findall(text)) < 2:
        return set()
    numbered = {(d, mo) for d, mo, _ in pairs}
    return {at for d, mo, at in pairs
            if (d, mo - 1) not in numbered and (d, mo + 1) not in numbered}


_WORD_BEFORE_RE = re.compile(r"(?<![\w'’\-])([A-Za-z][\w'’\-]*)[ \t]*$")


def _source_before(before: str) -> bool:
    """Whether a short day/month follows "for" or "per", or a name ("per SW Iqbal 3/3")."""
    m = _WORD_BEFORE_RE.search(before)
    if m is None:
        return False
    word = m.group(1)
    if word.lower() in ("for", "per"):
        return True
    return word[0].isupper() and word[1:].islower() and word.lower() not in _MONTH_NUMBERS \
        and (word in FIRST_NAMES or not is_english(word))


# a word every festival or named day has ("Good Friday", "Gŵyl Dewi", "New Year"): they are
# searched for only near one
_FESTIVAL_WORDS = ("christmas", "xmas", "x-mas", "boxing", "year", "hogmanay", "bonfire",
                   "fawkes", "hallowe", "valentine", "burns", "remembrance", "armistice",
                   "easter", "friday", "eid", "nadolig", "galan", "calan", "pasg", "groglith",
                   "steffan", "dewi", "dwynwen", "patrick", "david", "andrew", "george", "bank")


def _word_windows(text: str, words: tuple[str, ...], before: int,
                  after: int) -> list[tuple[int, int]]:
    """As :func:`windows`, round each place a word of ``words`` is in ``text`` (any case)."""
    low = text.lower()
    if len(low) != len(text):           # a letter whose lower case is longer: search it all
        return [(0, len(text))]
    found = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            found.append((max(0, at - before), at + after))
            at = low.find(word, at + 1)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


_OF_MONTH = re.compile(rf"(?i)\bof[ \t]+{_MONTH}\b")
_OF_SAID_MONTH = re.compile(rf"(?i)\bof[ \t]+(?:the[ \t]+)?(?:{_MONTH}|{_SAY_MONTH_ORD})\b")
# what may end a month said by its ordinal with no year ("due on the fourteenth of the
# seventh."; not "the first of the second batch")
_SAID_END_RE = re.compile(r"[ \t]*(?:[.,;:!?)]|\r?\n|\Z)|[ \t]+(?:at|when|for|with|so|then)\b")
_HYPHEN_YEAR = re.compile(r"-(?:19|20)?\d\d(?![\w])")
_SAID_YEAR_HINT = re.compile(r"(?i)\b(?:nineteen|twenty|thousand)\b")
# the next month of a list or range after a month alone: "in March and May", "June to August"
_MONTH_MORE_RE = re.compile(rf"[ \t]*(?:,|,?[ \t]+(?:and|or|to|until|till|through)|&|[\-–/])"
                            rf"[ \t]*(?P<mon>{_MONTH})(?![\w'’\-])(?![ \t]*\d)"
                            r"(?![ \t]+[A-Z][a-z])")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _years_are_dates(text: str, m: re.Match) -> bool:
    """"2024/25": a school or financial year (consecutive years) is a date; another pair only
    after a word tying it to an event ("from 2014-2016", "(1988-2020)")."""
    first, second = int(m.group("y")), int(m.group("y2"))
    if second % 100 == (first + 1) % 100 and (len(m.group("y2")) == 2 or second == first + 1):
        return True
    if len(m.group("y2")) == 2:         # "(2015-18)": the second in the first's century
        second += first // 100 * 100 + (100 if second < first % 100 else 0)
    before = text[max(0, m.start() - 12):m.start()]
    return second > first and bool(
        re.search(r"(?i)(?:\b(?:in|from|between|during|since|throughout|years?)[ \t]+|\()$",
                  before))


def _month_day_is_date(text: str, m: re.Match) -> bool:
    """"Feb 26", "on Sept 9" without a year or ordinal: a date unless a count or time follows
    ("March 12 weeks") or the month is also a word or name ("May 3") with nothing before it
    saying date."""
    g = m.groupdict()
    if g["mon"][0].islower() or re.match(_COUNT_AFTER, text[m.end():m.end() + 12]):
        return False
    if g["mon"].lower() in ("may", "march", "june", "jan", "mar", "jun") and not g.get("wd"):
        # with a date word before it, or ending a clause ("fell through Jan 25 - the landlord");
        # a month shortened, as only a date's is, before what may follow a date ("Jan 25 for")
        before = text[max(0, m.start() - 30):m.start()]
        return bool(_DATE_CONTEXT.search(before) or _TEST_BEFORE.search(before)
                    or _CLAUSE_END.match(text, m.end())
                    or (len(g["mon"]) == 3 and _DAY_FOLLOW_RE.match(text, m.end())))
    return True


_CLAUSE_END = re.compile(r"[ \t]*(?:[,.;:!?)\-–]|\r?\n|\Z)")
# a test or an event that "Jan 25" dates: "HST Jan 25 still shows", "the ICPC June 24 agreed"
_TEST_BEFORE = re.compile(r"(?:\b(?i:tests?|tested|screen(?:ing)?|scans?|results?|samples?|"
                          r"swabs?|bloods|toxicology|tox|hair[ \t]+strand|assessment|report|"
                          r"referral|strategy|incident|arrest|exams?|mocks?)|"
                          r"\b(?:HST|DNA|ICPC|RCPC|PEP|EHCP|IRH|FH|CMH|MARAC|LAC|CLA|CIN|"
                          r"GCSEs?|SATs))[ \t]+$")
_DAY_FOLLOW_RE = re.compile(_ORDINAL_DAY_FOLLOW)


def _format_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template.islower():
        return word.lower()
    return word


def _shifted_date(text: str, d: _DateMatch, year: int, shift: int) -> str:
    """The date's text moved by ``shift`` days, in the same format."""
    g = d.m.groupdict()
    day = d.day if d.day is not None else 15
    try:
        original = dt.date(year, d.month, day)
    except ValueError:
        return "[Date]"
    new = original + dt.timedelta(days=shift)
    out = text[d.start:d.end]
    parts: list[tuple[int, int, str]] = []   # (start, end, replacement) within the match

    def put(group: str, value: str) -> None:
        if d.m.group(group) is not None:
            parts.append((d.m.start(group) - d.start, d.m.end(group) - d.start, value))

    def num(group: str, value: int) -> str:
        raw = d.m.group(group).translate(_OCR_DIGITS)   # 12/03/2019 pads; 4 March only if 04
        padded = raw.startswith("0")
        if d.form in ("dmy", "ymd", "dm", "ocr_dmy", "compact"):  # 26.2, 24/5 do not (7.4, 3/7)
            padded = padded or (len(raw) == 2 and len(g["d"]) == len(g["m"]) == 2)
        elif d.form == "mon_y":         # "21-Mar-25": a spreadsheet's, always two digits
            padded = len(raw) == 2
        return f"{value:02d}" if padded else str(value)

    if g.get("wd"):
        wd = g["wd"]
        full = _WEEKDAY_FULL[new.weekday()]
        long_form = wd.lower().rstrip(".") in {w.lower() for w in _WEEKDAY_FULL}
        put("wd", _format_case(wd, full if long_form else full[:3]))
    if g.get("d"):
        put("d", num("d", new.day))
    if g.get("ord"):
        put("ord", _format_case(g["ord"], _ordinal(new.day)))
    if g.get("dw"):                  # "twenty-first" or "twenty first", as written
        sep = " " if " " in g["dw"].strip() else "-"
        word = next(w for w, n in _WORD_DAYS.items() if n == new.day and "- "[sep == "-"] not in w)
        put("dw", _said_case(g["dw"], word))
    if g.get("sdc"):
        put("sdc", _said_case(g["sdc"], _say_number(new.day, g["sdc"])))
    if g.get("smo"):
        put("smo", _said_case(g["smo"], _WORD_ORDINALS[new.month - 1]))
    if g.get("smc"):
        put("smc", _said_case(g["smc"], _say_number(new.month, g["smc"])))
    if g.get("sy"):
        put("sy", _said_case(g["sy"], _say_year(new.year, g["sy"])))
    if g.get("m"):
        put("m", num("m", new.month))
    if g.get("mon"):
        put("mon", _month_word(g["mon"], new.month))
    if g.get("d0"):          # a range's first day; its own month when the move splits them
        first = dt.date(year, d.month, int(g["d0"])) + dt.timedelta(days=shift)
        value = num("d0", first.day) + (_format_case(g["ord0"], _ordinal(first.day))
                                        if g.get("ord0") else "")
        if first.month != new.month:
            value += " " + _month_word(g["mon"], first.month)
        parts.append((d.m.start("d0") - d.start, d.m.end("ord0" if g.get("ord0") else "d0")
                      - d.start, value))
    if g.get("mon0"):
        month0 = _MONTH_NUMBERS[g["mon0"].lower()]
        first = dt.date(year - (month0 > d.month), month0, 15) + dt.timedelta(days=shift)
        put("mon0", _month_word(g["mon0"], first.month))
    if g.get("cymon"):
        mutated = g["cymon"].lower() in _CY_MONTH_MUTATED or bool(g.get("cyo"))
        put("cymon", _format_case(g["cymon"], _CY_MONTHS[new.month][mutated]))
    if g.get("plmon"):
        put("plmon", _pl_month_word(g["plmon"], new.month))
    if g.get("plmon0"):
        month0 = _PL_MONTH_FORMS[g["plmon0"].lower()][0]
        first = dt.date(year - (month0 > d.month), month0, 15) + dt.timedelta(days=shift)
        put("plmon0", _pl_month_word(g["plmon0"], first.month))
    if g.get("cywd"):
        mutated = g["cywd"].lower() in _CY_WEEKDAY_MUTATED
        put("cywd", _format_case(g["cywd"], _CY_WEEKDAYS[new.weekday()][mutated]))
    if g.get("cyord"):
        put("cyord", _CY_ORDINALS.get(new.day, "fed" if new.day <= 20 else "ain"))
    if g.get("y"):
        raw = g["y"]
        if raw[0] in "'’":
            put("y", f"{raw[0]}{new.year % 100:02d}")
        elif len(raw) == 2:
            put("y", f"{new.year % 100:02d}")
        else:
            put("y", str(new.year))
    for start, end, value in sorted(parts, reverse=True):
        out = out[:start] + value + out[end:]
    return out


def _month_word(template: str, month: int) -> str:
    """``month`` named as ``template`` is: in full, in three letters, or "Sept"."""
    full = _MONTH_FULL[month]
    if template.lower() == "sept":
        value = "Sept" if month == 9 else full[:3]
    elif len(template) > 3 or template.lower() == "may":
        value = full
    else:
        value = full[:3] if month != 5 else "May"
    return _format_case(template, value)


def _pl_month_word(template: str, month: int) -> str:
    """``month`` in Polish, in the case ``template`` is in and with its diacritics or not."""
    n, case = _PL_MONTH_FORMS[template.lower()]
    word = _PL_MONTHS[month][case]
    if template.lower() != _PL_MONTHS[n][case]:         # typed without its diacritics
        word = word.translate(_PL_PLAIN)
    return _format_case(template, word.capitalize() if template[0].isupper() else word)


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


_BIRTH_RE = re.compile(r"(?i)(?:\bd\.?o\.?b\b|\bborn\b|date of birth|birthday)\W{0,4}$")


def _is_birth_date(text: str, d: _DateMatch) -> bool:
    return bool(_BIRTH_RE.search(text[max(0, d.start - 30):d.start]))


def _year_of_weekday(d: _DateMatch, year: int) -> int:
    """The year nearest ``year`` in which the written weekday falls on that day, so the
    recomputed weekday is right (``Fri 22 March`` with no year)."""
    wd, cywd = d.m.groupdict().get("wd"), d.m.groupdict().get("cywd")
    if not (wd or cywd) or d.day is None or not d.month:
        return year
    if cywd:
        number = _CY_WEEKDAY_NUMBERS[cywd.lower()]
        wanted = [n == number for n in range(7)]
    else:
        written = (wd or "").lower().rstrip(".")[:3]
        wanted = [w.lower().startswith(written) for w in _WEEKDAY_FULL]
    for candidate in (year, year + 1, year - 1, year + 2, year - 2):
        try:
            if wanted[dt.date(candidate, d.month, d.day).weekday()]:
                return candidate
        except ValueError:
            continue
    return year


def _infer_month(d: _DateMatch, with_month: list[_DateMatch], years: dict[int, int]) -> int:
    """The month (set on ``d``) and year of a bare ordinal day: the nearest dated entry
    before's month, or the month after it when the day is earlier ("20 March … by the 2nd" is
    2 April); failing that the entry after's, or the month before it. Order is kept."""
    before = [c for c in with_month if c.start < d.start]
    after = [c for c in with_month if c.start > d.start]
    year, month, day = 2001, 1, d.day or 1
    if before:
        c = before[-1]
        year, month = years[c.start], c.month
        if c.day is not None and day < c.day:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif after:
        c = after[0]
        year, month = years[c.start], c.month
        if c.day is not None and day > c.day:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    d.month = month
    return year


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "our", "my", "your", "its",
                          "this", "that"})


def _ordinal_day_is_date(g: dict) -> bool:
    """A day alone in words needs "the" or a weekday, and a weekday for "the first" to "the
    third"; in words or before a word no noun of it ("on the 13th together"), a strong word
    saying when ("moved up to the fifth." is a floor or a year group), and before a noun's
    word only "on", "by" or "until" ("after the 2nd a third baby came" is a child)."""
    when = (g.get("when") or "").lower()
    if g.get("dw") and (g["dw"].lower() in ("first", "second", "third") or not g.get("the")
                        or when in ("to", "since", "due")):
        return bool(g.get("wd"))
    xf = (g.get("xf") or "").lower()
    return not xf or not (when in ("to", "since", "due") or (when in ("after", "before", "from")
                                                              and xf in _DETERMINERS))


def _month_of_weekday(d: _DateMatch, year: int) -> int:
    """A bare day with its weekday ("Saturday the 15th"): the month (set on ``d``) nearest the
    one inferred in which that day falls on that weekday, so the weekday written stays true."""
    wd = d.m.groupdict().get("wd")
    if not wd or d.day is None:
        return year
    written = wd.lower().rstrip(".")[:3]
    for offset in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
        new_year, month = divmod(year * 12 + d.month - 1 + offset, 12)
        try:
            day = dt.date(new_year, month + 1, d.day)
        except ValueError:
            continue
        if _WEEKDAY_FULL[day.weekday()].lower().startswith(written):
            d.month = month + 1
            return new_year
    return year


def _year_delta(d: _DateMatch, full: list[_DateMatch], shift: int) -> int:
    """How many years a year written alone moves: as the nearest full date of that year in the
    text moves, so the two keep their order; failing one, as its middle (the middle of the
    school year for "2024/25") does."""
    same = [c for c in full if c.year == d.year]
    if same and d.form == "year":
        c = min(same, key=lambda c: abs(c.start - d.start))
        rep = dt.date(c.year, c.month, c.day or 15)
    elif d.form == "years" and int(d.m.group("y2")) % 100 == (d.year + 1) % 100:
        # a school year, September to August: moved as its middle is, a school year at a time
        moved = dt.date(d.year + 1, 3, 1) + dt.timedelta(days=shift)
        return moved.year - (moved.month < 9) - d.year
    else:
        rep = dt.date(d.year, 7, 2)
    return (rep + dt.timedelta(days=shift)).year - rep.year


def _shifted_years(text: str, d: _DateMatch, delta: int) -> str:
    """A year or pair of years moved by ``delta`` years, each as wide as written."""
    out = text[d.start:d.end]
    parts = []
    for group in ("y", "y2"):
        raw = d.m.groupdict().get(group)
        if raw is None:
            continue
        value = int(raw) + delta
        if len(raw) == 2:       # "2024/25", "2015-18": the second year's last two digits
            value = (int(raw) + delta) % 100
        parts.append((d.m.start(group) - d.start, d.m.end(group) - d.start,
                      f"{value:0{len(raw)}d}"))
    for start, end, value in sorted(parts, reverse=True):
        out = out[:start] + value + out[end:]
    return out


def _shifted_season(text: str, d: _DateMatch, shift: int) -> str:
    """"spring term 2025" moved: the day it stands for moved, then named by the nearest
    season or term (with its half, "Autumn 2", when one was written)."""
    g = d.m.groupdict()
    half = g.get("half") or g.get("half2") or ""
    season = g["season"].lower()
    table = {(k, ""): v for k, v in _SEASON_DAYS.items()}
    if (g.get("term") or half) and (season, half) in _TERM_DAYS:
        table = {k: v for k, v in _TERM_DAYS.items() if bool(k[1]) == bool(half)}
    month, day = table.get((season, half if g.get("term") or half else ""), (7, 2))
    moved = dt.date(d.year, month, day) + dt.timedelta(days=shift)
    (new_season, new_half), year = min(
        ((key, y) for key in table for y in (moved.year - 1, moved.year, moved.year + 1)),
        key=lambda ky: abs((dt.date(ky[1], *table[ky[0]]) - moved).days))
    out = text[d.start:d.end]
    parts = [(d.m.start("season"), d.m.end("season"),
              _format_case(g["season"], new_season.capitalize())),
             (d.m.start("y"), d.m.end("y"), str(year))]
    for group in ("half", "half2"):
        if g.get(group):
            parts.append((d.m.start(group), d.m.end(group), new_half))
    for start, end, value in sorted(parts, reverse=True):
        out = out[:start - d.start] + value + out[end - d.start:]
    return out


def _shifted_half_term(text: str, d: _DateMatch, year: int, shift: int) -> str:
    """"Feb half term 2025" moved: its day moved, then named by the nearest half term."""
    moved = _festival_day(d.m.group("ht"), year) + dt.timedelta(days=shift)
    name, new_year = min(((h, y) for h in _HALF_TERMS for y in (moved.year - 1, moved.year,
                                                                  moved.year + 1)),
                         key=lambda hy: abs((dt.date(hy[1], *_FESTIVAL_DAYS[hy[0]])
                                             - moved).days))
    parts = [(d.m.start("ht"), d.m.end("ht"), _month_word(d.m.group("ht"),
                                                          _FESTIVAL_DAYS[name][0]))]
    if d.m.group("y"):
        parts.append((d.m.start("y"), d.m.end("y"), str(new_year)))
    out = text[d.start:d.end]
    for start, end, value in sorted(parts, reverse=True):
        out = out[:start - d.start] + value + out[end - d.start:]
    return out


def find_dates(text: str, shift: int) -> list[Span]:
    """Every date, its replacement the date moved by ``shift`` days in the same format."""
    matches = _date_matches(text)
    # a date of birth says nothing about the year of the entries around it, nor does a year
    # or a season written alone
    full = [d for d in matches if d.year is not None and d.form not in _YEAR_LEVEL]
    dated = [d for d in full if not _is_birth_date(text, d)]
    if not dated:
        dated = full or [d for d in matches if d.year is not None]
    starts = [d.start for d in dated]
    years = [d.year or 0 for d in dated]        # every one has a year
    resolved: dict[int, int] = {}               # a match's position → its year
    for d in matches:
        if d.year is not None:
            resolved[d.start] = d.year
        elif d.month:                            # nearest dated entry before, else after
            i = bisect.bisect_left(starts, d.start)
            year = years[i - 1] if i > 0 else years[i] if i < len(years) else 2001
            resolved[d.start] = _year_of_weekday(d, year)
    # a festival placed in time ("since the Easter holidays") looks back: no entry's month
    with_month = [d for d in matches if d.month and d.form not in (*_YEAR_LEVEL, "festival")]
    for d in matches:
        if not d.month:
            resolved[d.start] = _month_of_weekday(d, _infer_month(d, with_month, resolved))
    out = []
    for d in matches:
        year = resolved[d.start]
        if d.form in ("year", "years"):
            out.append(Span(d.start, d.end, "date", PRIORITY["date"],
                            replacement=_shifted_years(text, d, _year_delta(d, full, shift))))
            continue
        if d.form == "season":              # "end of Spring term 2025": as "end of March"
            out.append(_widened(text, Span(d.start, d.end, "date", PRIORITY["date"],
                                           replacement=_shifted_season(text, d, shift)), d))
            continue
        valid = True
        try:
            dt.date(year, d.month, d.day or 15)
        except ValueError:
            valid = False
        if d.form in ("holiday", "festival"):   # written back as the date it became
            name = d.m.group("fest" if d.form == "festival" else "hol")
            new = (_festival_day(name, year) if d.form == "festival"
                   else dt.date(year, d.month, d.day or 1)) + dt.timedelta(days=shift)
            year_text = f" {new.year}" if d.m.group("y") else ""
            # in lower case as it was written ("xmas 2022" in a text message)
            month = _MONTH_FULL[new.month].lower() if name.islower() else _MONTH_FULL[new.month]
            replacement = f"{new.day} {month}{year_text}"
            if _festival_key(name)[1]:          # a Welsh name: a Welsh date
                replacement = f"{new.day} {_CY_MONTHS[new.month][0]}{year_text}"
                if d.form == "festival" and d.m.group("gloss"):    # "Pasg (Easter)"
                    replacement += f" ({new.day} {_MONTH_FULL[new.month]})"
        elif d.form == "half_term":
            replacement = _shifted_half_term(text, d, year, shift)
        else:
            replacement = _shifted_date(text, d, year, shift) if valid else "[Date]"
        out.append(_widened(text, Span(d.start, d.end, "date", PRIORITY["date"],
                                       replacement=replacement), d))
    return out


# words that belong to the date after them: "mid March 2025", "end of March", "Tuesdays from
# 3 Sept", "by end Oct", "the week of 10 February", "end of Spring term 2025" (kept as
# written, the date in them moved; "w/c 9th Dec" is the date alone)
_DATE_LEAD_RE = re.compile(r"(?i)(?:\b(?:early|mid|late|end(?:[ \t]+of)?|"
                           r"(?:start|beginning|middle|week)[ \t]+of)|"
                           r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days[ \t]+from)[ \t\-]*\Z")
# the clock time straight after a full date, as an email header writes it ("Sent: Thursday,
# 7 November 2024 16:52"): one date with it
_CLOCK_AFTER_RE = re.compile(r"[ \t]+(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")


def _widened(text: str, span: Span, d: _DateMatch) -> Span:
    if lead := _DATE_LEAD_RE.search(text, max(0, span.start - 16), span.start):
        span.replacement = text[lead.start():span.start] + (span.replacement or "")
        span.start = lead.start()
    if d.m.groupdict().get("y") and len(d.m.group("y")) == 4 and d.form not in _YEAR_LEVEL \
            and (clock := _CLOCK_AFTER_RE.match(text, span.end)):
        span.replacement = (span.replacement or "") + clock.group(0)
        span.end = clock.end()
    return span
