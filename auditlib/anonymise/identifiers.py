"""Identifiers with a shape of their own: email addresses, NHS numbers (modulus 11), National
Insurance numbers (HMRC's prefix rules), UK phone numbers, postcodes (Royal Mail's letter rules),
case references, police numbers, vehicle registrations and handles. See the package docstring
for the rules, kind by kind.

Longer than 500 lines because each kind is a handful of patterns with the checks that keep
look-alikes out (scores, years, devices), and the kinds share those checks and their order.
"""
from __future__ import annotations

import re

from auditlib.anonymise.english import is_english
from auditlib.anonymise.spans import (
    PRIORITY,
    Span,
    finditer_in,
    line_after,
    line_before,
    windows,
)
from auditlib.anonymise.wordlists import STOP_WORDS, never_initials


def nhs_number_is_valid(number: str) -> bool:
    """The NHS modulus-11 check on a ten-digit number (spaces and hyphens ignored).

    >>> nhs_number_is_valid("943 476 5919"), nhs_number_is_valid("943 476 5918")
    (True, False)
    """
    digits = re.sub(r"[ \t\-]", "", number)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_NI_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def ni_number_is_valid(number: str) -> bool:
    """Whether a National Insurance number obeys HMRC's prefix and suffix rules; the specimen
    prefix QQ used in HMRC's examples is accepted.

    >>> [ni_number_is_valid(n) for n in ("QQ 12 34 56 C", "AB123456C", "DA123456A", "GB123456A")]
    [True, True, False, False]
    """
    compact = re.sub(r"\s", "", number).upper()
    m = re.fullmatch(r"([A-Z]{2})(\d{6})([A-D]?)", compact)
    if not m:
        return False
    prefix = m.group(1)
    if prefix == "QQ":
        return True
    return (prefix[0] not in "DFIQUV" and prefix[1] not in "DFIOQUV"
            and prefix not in _NI_BAD_PREFIXES)


_EMAIL_RE = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def find_emails(text: str) -> list[Span]:
    """Email addresses (a trailing full stop or hyphen left out); web links (a reference: a
    meeting's or a profile's link carries its ids), but a public body's page with no query
    (gov.uk, nhs.uk) stays; a passcode, password, PIN or meeting ID after its label."""
    out = []
    for m in _EMAIL_RE.finditer(text):
        end = m.end()
        while text[end - 1] in ".-":
            end -= 1
        out.append(Span(m.start(), end, "email", PRIORITY["email"],
                        key=text[m.start():end].lower()))
    for m in _URL_RE.finditer(text) if "http" in text or "www." in text else ():
        url = m.group(0).rstrip(".,;:!?)'\"”’")
        if _PUBLIC_PAGE_RE.match(url):
            continue
        out.append(Span(m.start(), m.start() + len(url), "reference", PRIORITY["email"] + 1,
                        key=url.lower()))
    for m in _SECRET_RE.finditer(text):
        code = m.group("code")
        if any(c.isdigit() for c in code):
            out.append(Span(m.start("code"), m.end("code"), "reference", PRIORITY["reference"],
                            key=code))
    return out


_URL_RE = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"]+")
# a public body's page names nobody: "https://www.gov.uk/guidance/…", "www.nhs.uk/conditions/…"
_PUBLIC_PAGE_RE = re.compile(r"(?i)(?:https?://)?(?:www\.)?(?:[\w\-]+\.)*(?:gov\.uk|nhs\.uk)"
                             r"(?:/[^?#]*)?\Z")
# what lets someone into a meeting or an account: "Passcode: Xk7p3Q", "Meeting ID: 345 678 901"
_SECRET_RE = re.compile(r"\b(?i:pass[ \t]?code|password|passwd|pin|meeting[ \t]+id|"
                        r"conference[ \t]+id)\b[ \t]*(?:is[ \t]+)?[:#]?[ \t]*"
                        r"(?P<code>[A-Za-z0-9][A-Za-z0-9\-_]{3,}(?:[ \t]\d{3,})*)(?![\w])")


# ten digits, together or 3-3-4, or a Scottish CHI number written as its date of birth and
# four digits ("140617 9382")
_NHS_RE = re.compile(r"(?<![\w/.\-()+])(?P<a>\d{3})(?:(?P<sep>[ \t\-]?)(?P<b>\d{3})(?P=sep)|"
                     r"(?P<chi>\d{3})[ \t\-])(?P<c>\d{4})(?![\w/\-])(?!\.\d)")


# ten digits in any groups after the label of a health number (NHS, CHI, Northern Ireland's
# H&C): "CHI: 1406 1793 82"
_LABELLED_HEALTH_NUMBER_RE = re.compile(
    r"(?<![\w])(?:NHS|CHI|H&C)(?:[ \t]+(?i:no|number|num))?"
    r"\.?[ \t]*[:#]?[ \t]*(?P<n>\d[\d \t\-]{8,16}\d)(?![\w/])(?!\.\d)")


_HEALTH_LABEL = re.compile("NHS|CHI|H&C")


def find_nhs_numbers(text: str) -> list[Span]:
    """Ten digits, together or 3-3-4, a CHI number's 6-4 (a date of birth and four digits) or
    any grouping after a health number's label: NHS, CHI or H&C numbers if the check digit
    fits (all three use the same), else references."""
    out = []

    def add(start: int, end: int, digits: str) -> None:
        kind = "nhs_number" if nhs_number_is_valid(digits) else "reference"
        out.append(Span(start, end, kind, PRIORITY[kind], key=digits))

    for m in _NHS_RE.finditer(text):
        digits = m.group("a") + (m.group("b") or m.group("chi")) + m.group("c")
        if m.group("b") or (1 <= int(digits[:2]) <= 31 and 1 <= int(digits[2:4]) <= 12):
            add(m.start(), m.end(), digits)
    for m in finditer_in(_LABELLED_HEALTH_NUMBER_RE, text, windows(text, _HEALTH_LABEL, 0, 40)):
        count = 0
        for group in re.finditer(r"\d+", m.group("n")):
            count += len(group.group(0))
            if count >= 10:
                break
        if count == 10:         # the groups making ten digits, not a count after them
            end = m.start("n") + group.end()
            add(m.start("n"), end, re.sub(r"\D", "", text[m.start("n"):end]))
    return out


_NI_RE = re.compile(r"(?<![\w])(?:([A-Z]{2})[ \t]?(\d{2})[ \t]?(\d{2})[ \t]?(\d{2})"
                    r"(?:[ \t]?([A-D]))?"
                    r"|([a-z]{2}\d{6}[a-d]?))(?![\w])")


def find_ni_numbers(text: str) -> list[Span]:
    """National Insurance numbers; one of that shape HMRC would not issue is a reference."""
    out = []
    for m in _NI_RE.finditer(text):
        compact = re.sub(r"\s", "", m.group(0)).upper()
        if ni_number_is_valid(compact):
            out.append(Span(m.start(), m.end(), "ni_number", PRIORITY["ni_number"],
                            key=compact))
        else:       # below a labelled reference, so "Mosaic ID 556677" keeps its label word
            out.append(Span(m.start(), m.end(), "reference", PRIORITY["reference"] - 5,
                            key=compact))
    return out


# (never after letters and a hyphen: "GMP-0319-161124" is a force's log reference)
_PHONE_RE = re.compile(r"(?<![\w+])(?<![A-Z]-)(?:\+44[ \t]?(?:\(0\)[ \t]?)?|0044[ \t]?|\(?0)\d+\)?"
                       r"(?:[ \t\-.]\d+)*")
# digits written as a phone number is, whatever their count: an area or mobile code of three
# to six digits from 0 (bracketed or not), then groups ("(01423) 555 7190", "07700 900 1234",
# "0113.496.0000"); a date's two-digit day never starts one
_PHONE_SHAPED_RE = re.compile(r"\(?0[1-9]\d{1,4}\)?(?:[ \t\-.]\d{2,5}){1,3}")


# an extension goes with its number: "ext. 214", "extn 33", "x4471", "(ext 12)", and so does
# the menu option to press: "0161 496 0000 opt 3", "option 2"
_EXTENSION_RE = re.compile(r"[ \t]*,?[ \t]*(?P<open>\()?(?:(?i:ext(?:ension|n)?)\.?[ \t]*|x|"
                           r"(?i:opt(?:ion)?|press)\.?[ \t]*(?=\d{1,2}(?![\w])))"
                           r"\d{1,5}(?![\w])(?(open)\))")


# an extension or bleep on its own, its digits (the cue stays readable): "ext. 4022", "bleep 2290",
# "extension 3107"; "x5198" only after a phone word or a comma or slash ("Tel: x5198"); never
# a year after "extension" (a house's)
_BARE_EXTENSION_RE = re.compile(
    r"(?<![\w])(?:(?i:ext(?:n)?\.?|bleep(?:er)?)[ \t]*:?[ \t]*|(?i:extension)[ \t]*:?[ \t]*"
    r"(?!(?:19|20)\d\d(?!\d))|(?:(?<=[,/:][ \t])|(?<=(?i:tel|ext)[ \t])|(?<=(?i:phone)[ \t]))x)"
    r"(?P<ext>\d{3,5})(?![\w])(?![.,:/]\d)")


def find_phones(text: str) -> list[Span]:
    """UK phone numbers, national or +44/0044, of the right length and first digit, with an
    extension written after."""
    out = []
    pos = 0
    while m := _PHONE_RE.search(text, pos):
        raw, pos = m.group(0), m.end()
        groups = list(re.finditer(r"\d+", raw))
        international = raw.startswith(("+", "0044"))
        while groups:
            end = groups[-1].end()
            digits = "".join(g.group(0) for g in groups)
            if international:
                national = digits[4:] if raw.startswith("0044") else digits[2:]
                if "(0)" in raw[:end]:
                    national = national[1:]
                ok_len, first = len(national) in (9, 10), national[:1]
            else:
                ok_len, first = len(digits) in (10, 11), digits[1:2]
            if ok_len and first in set("123578"):
                start = m.start()
                span_text = raw[:end]
                if span_text.startswith("(") and ")" not in span_text:
                    # "(07700 900123)": the brackets are the writer's, not the area code's
                    start, span_text = start + 1, span_text[1:]
                national_digits = ("0" + national) if international else digits
                # +44 numbers outrank NHS numbers: "+44 113 496 0999" has a 3-3-4 shape
                priority = PRIORITY["phone"] + (10 if international else 0)
                end = start + len(span_text)
                if ext := _EXTENSION_RE.match(text, end):
                    end = ext.end()
                out.append(Span(start, end, "phone", priority, key=national_digits))
                pos = end       # two numbers written one after the other
                break
            if len(digits) < 10:
                groups = []
            else:
                groups.pop()
        else:
            if _PHONE_SHAPED_RE.fullmatch(raw) and 9 <= sum(c.isdigit() for c in raw) <= 13:
                # no UK length, but written as a phone number is: the whole run goes
                start = m.start() + (raw.startswith("(") and ")" not in raw)
                out.append(Span(start, m.end(), "phone", PRIORITY["phone"],
                                key=re.sub(r"\D", "", raw)))
    for m in _INTERNATIONAL_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group("rest"))
        if m.group("cc") != "44" and 7 <= len(digits) <= 12:
            end = m.end()
            if ext := _EXTENSION_RE.match(text, end):
                end = ext.end()
            out.append(Span(m.start(), end, "phone", PRIORITY["phone"] + 10,
                            key="+" + m.group("cc") + digits))
    for m in _BARE_EXTENSION_RE.finditer(text):
        # lower than a full number, which takes its extension with it
        out.append(Span(m.start("ext"), m.end(), "phone", PRIORITY["phone"] - 1,
                        key="ext " + m.group("ext")))
    return out


# another country's number: "+", a country code of one to three digits, then 7-12 digits in
# groups ("+93 70 900 0142", "+48 512-900-123"); it outranks the NHS number its groups can mimic
_INTERNATIONAL_RE = re.compile(r"(?<![\w+])\+(?P<cc>[1-9]\d{0,2})(?:[ \t]?\(0\))?"
                               r"(?P<rest>(?:[ \t\-]?\d{1,5}){2,6})(?![\w])")


# ---- postcodes

_POSTCODE_STRICT = re.compile(r"[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|"
                              r"[A-HK-Y][0-9][ABEHMNPRV-Y])")
_INWARD_STRICT = re.compile(r"[0-9][ABD-HJLNP-UW-Z]{2}")
_POSTCODE_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[ \t]?"
                          r"([0-9][A-Za-z]{2})"
                          r"(?![A-Za-z0-9])")
_OUTWARD_RE = re.compile(r"(?<![A-Za-z0-9\-/])([A-Z]{1,2}[0-9][A-Z0-9]?)(?![A-Za-z0-9\-/])")
_OUTWARD_NOT = re.compile(r"(?:KS[1-5]|Y\d{1,2}|P[1-7]|S(?:17|20|31|38|47))$")
# the UK's postcode areas: an outward code alone must start with one, so paper sizes and
# codes of the same shape ("A3", "A4", "C5") are never taken for a district
_POSTCODE_AREA = re.compile(r"(?:AB|AL|B[ABDFHLNRSTX]?|C[ABFHMORTVW]|D[ADEGHLNTY]|E[CHNX]?|F[KY]|"
                            r"G[LUY]?|H[ADGPRSUX]|I[GMPV]|JE|K[ATWY]|L[ADELNSU]?|M[EKL]?|"
                            r"N[EGNPRW]?|O[LX]|P[AEHLOR]|R[GHM]|S[AEGKLMNOPRSTWY]?|T[ADFNQRSW]|UB|"
                            r"W[ACDFNRSV]?|YO|ZE)[0-9]")


def find_postcodes(text: str) -> list[Span]:
    """Full postcodes; an outward code alone when labelled or after a place name."""
    out = []
    for m in _POSTCODE_RE.finditer(text):
        letters = re.sub(r"[^A-Za-z]", "", m.group(0))
        if not (letters.isupper() or letters.islower() or " " in m.group(0)):
            continue        # "s17ZA" is a section of an Act; a postcode run together is in one case
        outward, inward = m.group(1).upper(), m.group(2).upper()
        if _POSTCODE_STRICT.fullmatch(outward) and _INWARD_STRICT.fullmatch(inward):
            out.append(Span(m.start(), m.end(), "postcode", PRIORITY["postcode"],
                            key=outward + inward))
    for m in _OUTWARD_RE.finditer(text):
        code = m.group(1)
        if not _POSTCODE_STRICT.fullmatch(code) or _OUTWARD_NOT.fullmatch(code) \
                or not _POSTCODE_AREA.match(code):
            continue
        before = line_before(text, m.start())
        labelled = (re.search(r"(?i)(?:post ?code|postal district|area)\s*:?\s*$", before)
                    or re.match(r"(?i)[ \t]+(?:area|postcode|district)\b",
                                line_after(text, m.end())))
        place = re.search(r"([A-Z][a-z]+)(?:,)?[ \t]+$", before)
        if labelled or (place and place.group(1).lower() not in STOP_WORDS):
            out.append(Span(m.start(), m.end(), "postcode", PRIORITY["postcode"], key=code))
    return out


# ---- references

_SYSTEMS = (r"Mosaic|LCS|Liquidlogic|Liquid Logic|Eclipse|CareFirst|Carefirst|EHM|ICS|"
            r"Frameworki|SystmOne|EMIS|Capita|SIMS|PNC|Niche|Athena|Paris|ContrOCC")
_LABELLED_REF_RE = re.compile(
    rf"(?:\b(?i:ref(?:erence)?|case[ \t]+(?:no|number|id)|client[ \t]+(?:no|number|id)|"
    rf"child[ \t]+(?:no|number|id)|person[ \t]+(?:no|number|id)|id|crime[ \t]+(?:no|number)|"
    rf"urn|upn|uln|crn|nhs[ \t]+(?:no|number)|(?:employee|staff|payroll|membership|member|"
    rf"tenancy|policy|certificate|cert|account|acc|prison|prisoner|hospital|patient|"
    rf"unit)[ \t]+(?:no|number|id|ref))\b\.?(?:[ \t]+(?i:is|was)\b)?|"
    rf"\b(?:{_SYSTEMS})\b(?:[ \t]+(?i:id|no|number|"
    rf"ref(?:erence)?)\b\.?)?|\bno\.|#)[ \t]*[:#]?[ \t]*"
    # (the issuer's letters may stand apart before the digits: "ref CHB 7730 1192")
    r"(?P<ref>(?:(?!TBC|TBA|NFA|DOB|AND|FOR|THE)[A-Z]{2,5}[ \t]+(?=\d{3}))?"
    r"[A-Za-z0-9](?:[A-Za-z0-9/\-]*[A-Za-z0-9])?"
    # a number in groups of digits: "no. 0019 0226 6874"
    r"(?:(?<=\d)[ \t]\d{3,6}(?![\w/]))*)")
# (a case system's letters-year-number too: "CAS-25-00931")
# (and one letter before five digits or more: a repair's or job's number, "R-558102")
# (a second part may be one letter: a query's "SFE-Q-00827741")
_CODE_REF_RE = re.compile(r"(?<![\w/\-])(?:[A-Z]{2,5}[\-/]|[A-Z]-(?=\d{5}))(?:[A-Z]{1,5}[\-/])?"
                          r"(?:\d{2,4}[\-/])?\d{3,}"
                          r"(?:[\-/][A-Z0-9]+)*"
                          r"(?![\w/\-])")
_LONG_NUMBER_RE = re.compile(r"(?<![\w/\-.£$,])[A-Za-z]{0,4}\d[\dA-Za-z/\-]*(?<![/\-])(?![\w/\-])"
                             r"(?!\.\d)(?!,\d)")
# a benefit's or agency's reference in groups of letters and digits, its cue with it: "UC 5520
# 3381 TM", "HMRC ref 123 4567 890", "DWP reference: AB 12 34 56", "UC ref: UC-4410 2231 07"
_AGENCY_REF_RE = re.compile(
    r"\b(?P<cue>UC|Universal[ \t]+Credit|PC|Pension[ \t]+Credit|HMRC|DWP|PIP|ESA|JSA|DLA|HB|"
    r"Child[ \t]+Benefit|Tax[ \t]+Credits?|Housing[ \t]+Benefit|Council[ \t]+Tax)"
    r"(?:[ \t]+(?i:claim|account|journal|award))?"
    r"(?:[ \t]+(?i:ref(?:erence)?|no|number|id)\b\.?)?[ \t]*[:#]?[ \t]*"
    r"(?P<ref>(?:[A-Z]{1,4}-)?[A-Z0-9]*\d[A-Z0-9]*(?:[ \t\-][A-Z0-9]*\d[A-Z0-9]*)*"
    r"(?:[ \t][A-Z]{1,3}(?![\w'’]))?)")
# a law firm's or court's Document Exchange address: "DX 612004 Halton 4"
_DX_RE = re.compile(r"\bDX[ \t]*:?[ \t]*"
                    r"(?P<ref>\d{3,7}(?:[ \t]+[A-Z](?:[a-z]+|[A-Z]+)){0,2}(?:[ \t]+\d{1,2})?)"
                    r"(?![\w])")
# a document's or travel card's number in groups after its cue: "passport no. K7T-2MW-9QD",
# "bus pass (no. ABCD 1234 5678 9012)", the issuer's letters with it
_DOCUMENT_REF_RE = re.compile(
    r"\b(?i:passport|visa|brp|arc|travel[ \t]?card|oyster|card|pass)\b[ \t]*\(?[ \t]*"
    r"(?:(?i:no|number|num|ref(?:erence)?)\b\.?)?[ \t]*[:#]?[ \t]*"
    r"(?P<ref>(?:[A-Z]{2,5}[ \t]+(?=\d))?[A-Z0-9]*\d[A-Z0-9]*(?:[ \t\-][A-Z0-9]*\d[A-Z0-9]*)*)"
    r"(?![\w\-])")
# exhibits by the officer's initials and a number: "exhibits RG/03 & RG/04", "exhibit KT1"
# (a bundle's "exhibit E9" names no one)
_EXHIBITS_RE = re.compile(r"\b(?i:exhibits?|exh\.|productions?)[ \t]*(?:(?i:no|ref)\.?)?[ \t]*:?"
                          r"[ \t]*(?P<list>[A-Z]{2,4}/?\d{1,4}(?:(?:[ \t]*[,&][ \t]*|[ \t]+"
                          r"(?:and|to)[ \t]+)[A-Z]{2,4}/?\d{1,4})*)(?![\w/])")
_EXHIBIT_RE = re.compile(r"[A-Z]{2,4}/?\d{1,4}")
# a court bundle's page by its section's letter: "bundle p.C114", "pages E12-E15"
_BUNDLE_PAGE_RE = re.compile(r"(?<![\w])(?i:pp?|pages?|pg)(?:\.[ \t]*|[ \t]+)(?P<ref>[A-Z]\d{1,4}"
                             r"(?:[ \t]*[\-–][ \t]*[A-Z]?\d{1,4})?)(?![\w/\-])")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}[\-/](?:(?:19|20)?\d{2})")
# a dose's strengths, a score or a share: "co-codamol 30/500", "scored 18/120"
_FRACTION = re.compile(r"\d{1,3}/\d{1,4}")
_MONTH_YEAR = re.compile(r"(?:0?[1-9]|1[0-2])/(?:19|20)\d\d")     # "08/2023": a date
_WEEKS_AFTER_RE = re.compile(r"[ \t]*(?i:wks?|weeks)\b")
# weeks of a pregnancy out of forty, alone or a range: "31+2/40", "34-36/40"
_GESTATION_RE = re.compile(r"\d{1,2}(?:\+\d)?(?:[\-–]\d{1,2}(?:\+\d)?)?/40")
# a code of capitals and digits with no cue: a share code, a booking or account code
# ("W8K-3TQ-R7P", "AB12CD34"); letters and digits woven together, or digits in several groups,
# say it is no word ("COVID-19", "KS2", "A&E" stay)
_CAPITALS_CODE_RE = re.compile(r"(?<![\w/\-.])[A-Z0-9]+(?:[\-/][A-Z0-9]+)*(?![\w/\-])")
_WOVEN = re.compile(r"[A-Z]\d+[A-Z]|\d[A-Z]+\d")


def _code_shaped(token: str) -> bool:
    letters = sum(c.isalpha() for c in token)
    digits = sum(c.isdigit() for c in token)
    groups = re.split(r"[\-/]", token)
    with_digits = sum(any(c.isdigit() for c in g) for g in groups)
    if any(g.isalpha() and len(g) > 2 and g.lower() in STOP_WORDS for g in groups):
        return False        # "16/17-YEAR-OLD" is words
    return letters + digits >= 7 and letters >= 2 and digits >= 2 \
        and (bool(_WOVEN.search(token)) or (with_digits >= 2 and digits >= 3))


# a card's or scheme's number in groups of digits, no label needed: "1700 2456 8813 0092", or
# joined by hyphens, as an application's number is ("3434-0119-2208-7751")
_GROUPED_NUMBER_RE = re.compile(r"(?<![\w/\-.£$,+])\d{3,4}(?P<sep>[ \t\-])\d{3,4}"
                                r"(?:(?P=sep)\d{3,4}){1,3}(?![\w/\-]|[.,]\d)")
_YEARS_RE = re.compile(r"(?:(?:19|20)\d\d[ \t]?)+")


def find_references(text: str) -> list[Span]:
    """Labelled numbers, codes like ``CHI-00123``, and runs of five or more digits."""
    out = []
    for m in _GROUPED_NUMBER_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) >= 12 and not _YEARS_RE.fullmatch(m.group(0)):
            # twelve digits joined by hyphens are no UK phone, though a phone's shape fits
            # their tail ("3434-0119-2208-7751")
            rank = PRIORITY["phone"] + 1 if m.group("sep") == "-" else PRIORITY["reference"] - 1
            out.append(Span(m.start(), m.end(), "reference", rank, key=digits))
    for m in _LABELLED_REF_RE.finditer(text):
        ref, start = m.group("ref"), m.start("ref")
        # a record system's or a practice acronym's letters before the number stay ("Ref:
        # WCCIS 7730419"); an issuer's own code goes with it ("ref CHB 7730 1192")
        issuer = re.match(r"([A-Z]{2,5})[ \t]+(?=\d)", ref)
        if issuer and (issuer.group(1) in never_initials() or re.fullmatch(
                _SYSTEMS, issuer.group(1))):
            ref, start = ref[issuer.end():], start + issuer.end()
        if sum(c.isdigit() for c in ref) >= 3 and not _YEAR_RANGE.fullmatch(ref):
            out.append(Span(start, m.end("ref"), "reference", PRIORITY["reference"],
                            key=ref.upper()))
    for m in _AGENCY_REF_RE.finditer(text):
        ref = m.group("ref")
        # "PC" is Pension Credit only before more digits than a constable's collar has
        least = 9 if m.group("cue") == "PC" else 5
        if sum(c.isdigit() for c in ref) >= least and not _YEAR_RANGE.fullmatch(ref):
            # the cue goes too when the code follows it straight: "UC 5520 3381 TM"
            start = m.start() if m.group("cue").isupper() and re.fullmatch(
                r"[ \t]+", text[m.end("cue"):m.start("ref")]) else m.start("ref")
            out.append(Span(start, m.end("ref"), "reference", PRIORITY["reference"] + 1,
                            key=ref.upper()))
    for m in _DOCUMENT_REF_RE.finditer(text):
        ref = m.group("ref")
        if sum(c.isdigit() for c in ref) >= 3 and sum(c.isalnum() for c in ref) >= 7 \
                and not _YEAR_RANGE.fullmatch(ref):
            # (before a phone: "ARC no: UKA 0312 4478 06" has a phone's shape after its letters)
            out.append(Span(m.start("ref"), m.end("ref"), "reference", PRIORITY["phone"] + 1,
                            key=ref.upper()))
    for m in _EXHIBITS_RE.finditer(text):
        for code in _EXHIBIT_RE.finditer(text, m.start("list"), m.end("list")):
            out.append(Span(code.start(), code.end(), "reference", PRIORITY["reference"],
                            key=code.group(0)))
    for m in _BUNDLE_PAGE_RE.finditer(text):
        out.append(Span(m.start("ref"), m.end("ref"), "reference", PRIORITY["reference"],
                        key=m.group("ref").upper()))
    for m in _DX_RE.finditer(text) if "DX" in text else ():
        out.append(Span(m.start("ref"), m.end("ref"), "reference", PRIORITY["reference"] + 1,
                        key=m.group("ref").upper()))
    for m in _CODE_REF_RE.finditer(text):
        out.append(Span(m.start(), m.end(), "reference", PRIORITY["reference"] - 1,
                        key=m.group(0).upper()))
    for m in _CAPITALS_CODE_RE.finditer(text):
        if _code_shaped(m.group(0)):
            out.append(Span(m.start(), m.end(), "reference", PRIORITY["reference"] - 2,
                            key=m.group(0)))
    for m in _LONG_NUMBER_RE.finditer(text):
        token = m.group(0)
        if sum(c.isdigit() for c in token) < 5 or _YEAR_RANGE.fullmatch(token) \
                or (_FRACTION.fullmatch(token) and not _MONTH_YEAR.fullmatch(token)) \
                or _WEEKS_AFTER_RE.match(text, m.end()) or _GESTATION_RE.fullmatch(token):
            continue        # "jabs at 8/12/16 wk": ages in weeks; "34-36/40" a pregnancy's
        out.append(Span(m.start(), m.end(), "reference", PRIORITY["reference"] - 2,
                        key=token.upper()))
    return out


# ---- police numbers

# an officer's collar (shoulder) number after a rank, or labelled; a log, incident or CAD
# number after its label: short numbers, so only ever with their label
POLICE_RANKS = ("PC", "DC", "PS", "DS", "DI", "DCI", "DCS", "Sgt", "Sergeant", "PCSO", "Insp",
                "Inspector", "Constable", "Officer")
_RANK = "(?:" + "|".join(POLICE_RANKS) + ")"
# a time or a measure after a number is no officer's: "DS 21:40", "PC Dunn 200 metres"
_MEASURE_AFTER = (r"[ \t]*(?i:m|km|metres?|meters?|miles?|yards?|feet|ft|hours?|hrs|mins?|minutes|"
                  r"seconds|secs|times|pounds|people|calls|words)\b")
_COLLAR_RE = re.compile(
    rf"(?:\b{_RANK}\.?[ \t]*(?:no\.?[ \t]*)?|\b(?i:collar|shoulder|badge|warrant)(?:[ \t]+"
    rf"(?i:no|number|num))?\.?[ \t]*[:#]?[ \t]*)"
    # letters before the number after a space ("warrant no. KT 5182"), never a rank's end
    # (never one of several groups: "PC 7720 4419 08" is a Pension Credit reference)
    rf"(?P<ref>(?:(?<=[\s:#.])[A-Z]{{2,3}}[ \t]?)?\d{{2,6}})"
    rf"(?![\w/]|[:.]\d|[ \t]\d{{2,4}}[ \t]\d|{_MEASURE_AFTER})")
# the number after the officer's name, bracketed or not: "Sgt Page (1022)", "DC Ann Lowe 4471,"
# "PC Dunn 2291 attended", "DS R. Hollins 4471", or after a comma closing brackets: "(PC
# Whitlock, 6612)"
_OFFICER_BRACKET_RE = re.compile(
    rf"\b{_RANK}\.?[ \t]+[A-Z](?:\.[ \t]*[A-Z])?[\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?[ \t]*"
    rf"(?:\((?P<ref>\d{{2,6}})\)|,[ \t]*(?P<comma>\d{{3,6}})(?=\))"
    rf"|(?P<bare>\d{{3,6}})(?![\w/]|[:.]\d|{_MEASURE_AFTER}))")
_LOG_RE = re.compile(
    r"\b(?i:(?:force[ \t]+)?log|incident|cad|storm|serial|occurrence|crime|crime[ \t]+report)"
    r"(?:[ \t]+(?i:no|number|num|ref(?:erence)?))?\.?[ \t]*[:#]?[ \t]*"
    r"(?P<ref>\d{3,}(?:[/\-]\d+)*)(?![\w/])")


def find_police_numbers(text: str) -> list[Span]:
    """Officers' collar numbers (``PC 4471``, ``Sgt Page (1022)``, ``collar 3310``) and log,
    incident and CAD numbers (``log 0417 of 03/11``): references."""
    out = []
    for regex in (_COLLAR_RE, _OFFICER_BRACKET_RE, _LOG_RE):
        for m in regex.finditer(text):
            group = next(g for g in ("ref", "comma", "bare") if m.groupdict().get(g))
            out.append(Span(m.start(group), m.end(group), "reference", PRIORITY["reference"],
                            key=m.group(group)))
    return out


# ---- vehicle registrations

# current (2001-): two letters, age digits, three letters; older prefix (A123 BCD), suffix
# (ABC 123D) and Northern Irish (ABZ 1234) plates only near a word about a vehicle, since
# their shapes also fit road numbers and codes
_PLATE_CURRENT = re.compile(r"(?<![\w/\-])(?P<plate>[A-HJ-PR-Y][A-HJ-PR-Y](?:0[1-9]|[1-9]\d)"
                            r"[ \t]?[A-HJ-PR-Z]{3})(?![\w/\-])")
# the same in lower case, as a typed-up notebook writes it ("bd15 xhw"): with its space only
_PLATE_LOWER = re.compile(r"(?<![\w/\-])(?P<plate>[a-hj-pr-y]{2}(?:0[1-9]|[1-9]\d)[ \t]"
                          r"[a-hj-pr-z]{3})(?![\w/\-])")
_PLATE_OLDER = re.compile(r"(?<![\w/\-])(?P<plate>[A-HJ-NP-Y]\d{1,3}[ \t]?[A-Z]{3}"
                          r"|[A-Z]{3}[ \t]?\d{1,3}[A-HJ-NP-Y]|[A-Z]{2}[A-Z][ \t]?\d{1,4})"
                          r"(?![\w/\-])")
_VEHICLE_WORDS = re.compile(
    r"(?i)\b(?:reg(?:istration)?|vrm|index|number[ \t]?plate|plates?|car|van|vehicle|motorbike|"
    r"moped|scooter|taxi|lorry|truck|4x4|hatchback|saloon|estate|driv\w*|drove|parked)\b")


# part of a plate, after words saying so: "partial reg KXF", "the plate started YR68", "the
# first letters of the registration were LD"
_PLATE_WORD = r"(?:reg(?:istration)?|(?:number[ \t]?)?plate|vrm)(?:[ \t]+(?:number|no\.?))?"
_PLATE_WORD_RE = re.compile(rf"(?i)\b{_PLATE_WORD}\b")
_PARTIAL_PLATE_RE = re.compile(
    rf"(?i:\b(?:partial|part)[ \t]+{_PLATE_WORD}(?:[ \t]+(?:was|is|of|reads?))?"
    rf"|\b{_PLATE_WORD}[ \t]+(?:(?:was|is)[ \t]+)?(?:start(?:ed|s|ing)?|beg[ia]n(?:s|ning)?|"
    rf"end(?:ed|s|ing)?|partly|partially)"
    rf"(?:[ \t]+(?:with|in|on|as))?"
    rf"|\b(?:first|last)[ \t]+(?:part|half|bit|few|two|three|four|letters|digits|characters)"
    rf"(?:[ \t]+(?:letters|digits|characters))?[ \t]+of[ \t]+(?:(?:the|a|his|her|their)[ \t]+)?"
    rf"{_PLATE_WORD}(?:[ \t]+(?:was|were|is|are))?)"
    rf"[ \t]*[:\-–]?[ \t]*['\"“‘]?(?P<plate>(?=[A-Z0-9]*[A-Z])[A-Z0-9]{{2,7}})(?![\w])")
# "…the plate started YR68 and it ended KXF": "it" once a plate has been spoken of
_PLATE_IT_RE = re.compile(
    r"\bit[ \t]+(?:(?:was|is)[ \t]+)?(?:start(?:ed|s)?|beg[ia]ns?|end(?:ed|s)?)"
    r"(?:[ \t]+(?:with|in))?[ \t]*['\"“‘]?"
    r"(?P<plate>(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,7})(?![\w])")


# a current plate with the letters not caught masked: "KX19 R..", "WN17 ???", "LD70 K**"
# (or any of the three masked: "YK19 ?HU", "BD15 X?W")
_PLATE_MASKED_RE = re.compile(r"(?<![\w/\-])(?P<plate>[A-HJ-PR-Y]{2}(?:0[1-9]|[1-9]\d)[ \t]?"
                              r"(?:[A-Z]{0,2}(?:\.{2,3}|…|\?{1,3}|\*{1,3}|_{1,3})"
                              r"|(?=[A-Z?*_]{0,2}[?*_])[A-Z?*_]{3}))"
                              # (a stop may end the sentence: "reg BX14 ?KT.", "KX19 R...")
                              r"(?![\w?*])(?!\.[\w.])")


def find_vehicles(text: str) -> list[Span]:
    """UK vehicle registrations (see the module docstring for the shapes), and part of one
    where the text says it is part of a plate."""
    from auditlib.anonymise.wordlists import never_initials

    acronyms = never_initials()
    out = []
    low = text.lower()
    partial = (list(_PARTIAL_PLATE_RE.finditer(text))
               if "reg" in low or "plate" in low or "vrm" in low else [])
    if partial:
        partial += [m for m in _PLATE_IT_RE.finditer(text)
                    if _PLATE_WORD_RE.search(line_before(text, m.start())[-100:])]
    partial += list(_PLATE_MASKED_RE.finditer(text))
    for m in partial:       # said to be (part of) a plate: an acronym's letters too
        out.append(Span(m.start("plate"), m.end("plate"), "vehicle", PRIORITY["vehicle"],
                        key=m.group("plate")))
    for regex, needs_context in ((_PLATE_CURRENT, False), (_PLATE_LOWER, False),
                                 (_PLATE_OLDER, True)):
        current = not needs_context
        for m in regex.finditer(text):
            plate = m.group("plate").upper()
            letters = re.findall(r"[A-Z]+", plate)
            # "Y7 SEN", "KS2 SAT": a year group and an acronym. A current plate's area code
            # may be an acronym ("CP67 HYR"): it is no plate only when its last three letters
            # are one too and no vehicle is spoken of
            if current:
                if letters[-1] in acronyms and not _VEHICLE_WORDS.search(
                        text[max(0, m.start() - 80):m.start()]):
                    continue
            elif any(part in acronyms for part in letters if len(part) >= 2):
                continue
            if needs_context and not _VEHICLE_WORDS.search(text[max(0, m.start() - 80):m.start()]):
                continue
            out.append(Span(m.start(), m.end(), "vehicle", PRIORITY["vehicle"],
                            key=re.sub(r"\s", "", plate)))
            if current and len(plate.replace(" ", "")) == 7:
                # its first half alone elsewhere is the same car remembered in part
                # ("as 'LR68 something' - PNC shows LR68 XNV")
                half = re.escape(plate[:4])
                for h in re.finditer(rf"(?<![\w/\-]){half}(?![\w/\-])(?![ \t]?[A-Z]{{3}}\b)",
                                     text):
                    out.append(Span(h.start(), h.end(), "vehicle", PRIORITY["vehicle"],
                                    key=re.sub(r"\s", "", plate)))
    return out


# ---- social media handles and usernames

_AT_HANDLE_RE = re.compile(r"(?<![\w.+'@-])@(?P<h>[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
_PLATFORMS = (r"(?:snap(?:chat|ping|ped|s)?|insta(?:gram)?|ig|tik[ \t]?tok|twitter|facebook|fb|"
              r"whatsapp|discord|telegram|threads|youtube|twitch|roblox|fortnite|xbox|psn|playstation|"
              r"steam|kik|wink|yubo|onlyfans|reddit|grindr|tinder|bumble|hinge|wizz|omegle|"
              r"gamertag|tag|username|user[ \t]?name|handle|screen[ \t]?name|account|profile)")
_PLATFORM_WORDS = re.compile(rf"(?i)\b{_PLATFORMS}\b")
# a token shaped like a username: letters, digits, dots, underscores, hyphens, with at least
# one digit, underscore or inner dot (plain words are left to the name rules)
_BARE_HANDLE_RE = re.compile(
    # (or straight after the platform, or after "calls himself": "her insta k.r_", "calls
    # himself kxng.r")
    # ("posting under k.bren.x", "messaged me from kelz.marie.x": an account named as one)
    rf"(?i:\b(?:as|called|named|name|is|was|handle|username|account|profile|id|tag|under|from|"
    rf"(?:him|her|them)sel(?:f|ves)|{_PLATFORMS})|:|\()"
    r"[ \t]*['\"“‘]?"
    r"(?P<h>(?=[\w.\-]*(?:\d|_|[A-Za-z]\.[A-Za-z]))[A-Za-z0-9_](?:[\w.\-]*[\w])?_?)"
    r"(?![\w@])")


# a username of letters alone straight after a platform's label: "snap: kacexleigh", "her
# insta is kaceyyy" (a word of the language there is the sentence going on)
_PLATFORM_LABEL_HANDLE_RE = re.compile(
    r"(?i:\b(?:snap(?:chat)?|insta(?:gram)?|ig|tik[ \t]?tok|twitter|facebook|fb|discord|"
    r"telegram|threads|youtube|twitch|roblox|kik|yubo|gamertag|user[ \t]?name|screen[ \t]?name)"
    r"(?:[ \t]*:|[ \t]+(?:is|was|name[ \t]*:?)))[ \t]*(?P<h>[a-z][a-z0-9]{3,29})(?![\w@.\-])")
_NEXT_ACCOUNT_RE = re.compile(r"[ \t]*/[ \t]*@?(?P<h>[A-Za-z][\w.]*\d[\w.]*|[\w.]*_[\w.]+)"
                              r"(?![\w@])")
# a username with no cue word before it: shaped as no word, name or code is ("dark_wolf_77",
# "k.smith04", "ghostrider2011"), in a sentence about being online or quoted
_SHAPED_HANDLE_RE = re.compile(r"(?<![\w.@/\-+])(?P<q>['\"“‘])?"
                               r"(?P<h>(?=[\w.\-]*[\d_])[A-Za-z0-9][\w.\-]*\w)"
                               r"(?P<q2>['\"”’])?(?![\w@]|[.\-]\w)")
_ONLINE_WORDS = re.compile(
    rf"(?i)\b(?:{_PLATFORMS}|online|messag\w*|chat\w*|dms?|dm['’]?d|follow\w*|friend[ \t]+"
    r"requests?|posts?|posted|stor(?:y|ies)|stream\w*|gam(?:e|es|er|ing)\w*|apps?|platforms?|"
    r"log[ \t\-]?ins?|usernames?|profiles?)\b")
_NOT_HANDLE = re.compile(
    r"(?i).*\.(?:docx?|pdf|xlsx?|txt|jpe?g|png|gif|mp[34]|mov|csv|pptx?|zip|html?)"
    r"|(?:xbox|ps|playstation|iphone|ipad|fifa|gta|covid|mp|windows|galaxy|pixel|switch)[\d\-].*")


def _username_shaped(h: str) -> bool:
    """An underscore among letters, or lower-case letters run into digits ("tyler.m09",
    "jaydenb2009"); a capitalised word with digits ("Shadow99") needs a cue word."""
    if _NOT_HANDLE.fullmatch(h) or sum(c.isalpha() for c in h) < 2:
        return False
    if "_" in h:
        return True
    return (h[0].islower() and sum(c.isalpha() for c in h) >= 3
            and bool(re.search(r"[a-z]\.?\d", h))
            and ("." in h or sum(c.isdigit() for c in h) >= 2))


# a username of words run together with capitals ("xXNightOwlXx", "LilTeeFromDaEnd"; digits
# may end it, "NightOwlGamer07"): at least two small-to-capital changes, which a name
# ("McDonald") or a brand ("PlayStation", "iPhone") has fewer of
_CAMEL_HANDLE_RE = re.compile(r"(?<![\w.@/\-+'’])(?P<q>['\"“‘])?"
                              r"(?P<h>[A-Za-z]*[a-z][A-Z][A-Za-z]*[a-z][A-Z][A-Za-z]*\d{0,4})"
                              r"(?P<q2>['\"”’])?(?![\w@'’\-])")
_SMALL_THEN_CAPITAL = re.compile(r"[a-z][A-Z]")
_CAMEL_NOT_HANDLE = frozenset({"gofundme", "justgiving", "playstationplus", "youtubekids"})


def find_handles(text: str) -> list[Span]:
    """Social media handles: ``@name`` anywhere; a username-shaped token introduced by
    "as"/":" on a line that names a platform or says username/account; and a token shaped
    only like a username (see :func:`_username_shaped`) near a word about being online, or
    in quotes."""
    out = []
    for m in _AT_HANDLE_RE.finditer(text):
        if m.group("h").isdigit():
            continue            # "@ 10", "@3pm"
        out.append(Span(m.start(), m.end(), "handle", PRIORITY["handle"],
                        key=m.group("h").lower()))
    for m in _BARE_HANDLE_RE.finditer(text):
        h = m.group("h")
        if h.isdigit() or re.fullmatch(r"\d+(?:[.:]\d+)*(?:am|pm)?|[\d.]+%?", h, re.I) \
                or _NOT_HANDLE.fullmatch(h):
            continue            # numbers, times, files and devices are not usernames
        near = text[max(0, m.start() - 60):m.end() + 40]
        if not _PLATFORM_WORDS.search(near):
            continue
        out.append(Span(m.start("h"), m.end("h"), "handle", PRIORITY["handle"] - 30,
                        key=h.lower()))
    for m in _PLATFORM_LABEL_HANDLE_RE.finditer(text):
        h = m.group("h")
        if h.lower() not in STOP_WORDS and not is_english(h):
            out.append(Span(m.start("h"), m.end("h"), "handle", PRIORITY["handle"] - 30,
                            key=h.lower()))
    for m in _SHAPED_HANDLE_RE.finditer(text):
        h = m.group("h")
        if not _username_shaped(h):
            continue
        if _online_or_quoted(text, m):
            out.append(Span(m.start("h"), m.end("h"), "handle", PRIORITY["handle"] - 30,
                            key=h.lower()))
    for m in finditer_in(_CAMEL_HANDLE_RE, text, windows(text, _SMALL_THEN_CAPITAL, 60, 60)):
        h = m.group("h")
        if h.lower() not in _CAMEL_NOT_HANDLE and _online_or_quoted(text, m):
            out.append(Span(m.start("h"), m.end("h"), "handle", PRIORITY["handle"] - 30,
                            key=h.lower()))
    # another account after a found one and a slash: "account GemmaW_89 / TomekW86"
    for s in list(out):
        nxt = _NEXT_ACCOUNT_RE.match(text, s.end)
        if nxt:
            out.append(Span(nxt.start("h"), nxt.end("h"), "handle", PRIORITY["handle"] - 30,
                            key=nxt.group("h").lower()))
    # a username found once is one wherever it comes again ("handle k.ryder09 … intel form
    # re k.ryder09"); only those no word can be (a dot, digit or underscore inside)
    seen = {text[s.start:s.end].lstrip("@") for s in out}
    for h in seen:
        if re.search(r"\w[._\d]", h):
            for m in re.finditer(rf"(?<![\w.@/\-]){re.escape(h)}(?![\w@]|[.\-]\w)", text):
                out.append(Span(m.start(), m.end(), "handle", PRIORITY["handle"] - 31,
                                key=h.lower()))
    return out


def _online_or_quoted(text: str, m: re.Match) -> bool:
    """A token in quotes, or within 80 characters of a word about being online."""
    if m.group("q") is not None and m.group("q2") is not None:
        return True
    near = line_before(text, m.start())[-80:] + line_after(text, m.end())[:80]
    return bool(_ONLINE_WORDS.search(near))
