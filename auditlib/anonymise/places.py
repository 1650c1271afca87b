"""Schools, GP practices and addresses: a keyword (Primary, Surgery, Road…) and the capitalised
words before it, then an institution's own name wherever it recurs alone.

Longer than 500 lines because schools, health services, named facilities and addresses share
one grammar of a place's name (its capitalised words, the trimming of sentence words, the
practice terms a type word may be) and overlap in text ("Flat 6, Corran House", "… Juniors
FC"); apart, each module would import the others' private patterns."""
from __future__ import annotations

import re

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
    INSTITUTION_WORDS,
    PLACE_WORDS,
    STOP_WORDS,
    SURNAMES,
    TITLES,
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
                        rf"{_SCHOOL_TYPES})(?![\w])"
                        r"(?![ \t]+(?:A?FC|Football[ \t]+Club)\b)")    # "… Juniors FC": a club
_GP_RE = re.compile(rf"(?<![\w'’])(?:The[ \t]+)?{_PREFIX}[ \t]+(?P<type>Surgery|Medical Centre|"
                    rf"Medical Center|Health Centre|Health Center|Medical Practice|"
                    rf"Group Practice|Family Practice|Health Practice)(?![\w])")
# hospitals, clinics, dentists, pharmacies: the type word goes with the name ("[Health
# service 1]", never "[Name 1] Hospital"); Welsh names put the type word first
_HEALTH_TYPES = (r"(?:(?:General|District|Community|Royal|University|Children['’]s|Women['’]s|"
                 r"Teaching|Memorial|Cottage|Psychiatric)[ \t]+)*"
                 r"(?:Hospitals?|Infirmary|Clinic|Dental[ \t]+(?:Practice|Surgery|Centre|"
                 r"Center|Care|Clinic|Group)|Dentists?|Orthodontics|Pharmacy|Chemists?|"
                 r"Hospice|Maternity[ \t]+Unit|"
                 # a unit or ward of a hospital: "Riverside Women's Unit", "Lark Ward" ("Ward
                 # 12" stays: a number identifies nobody once the hospital has gone)
                 r"(?:Women['’]s|Children['’]s|Neonatal|Postnatal|Antenatal|Labour|Delivery|"
                 r"Special[ \t]+Care[ \t]+Baby|Paediatric|Mother[ \t]+and[ \t]+Baby|Adolescent|"
                 r"Inpatient|Assessment|Burns|Renal|Cardiac|Stroke)[ \t]+Unit|Ward|"
                 r"Birth(?:ing)?[ \t]+Centre|"
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

# other named places, each with its type word, which goes with the name as a hospital's does:
# education settings are schools, health services health, the rest places (an address); the
# kind is the one whose type the whole name ends with, a bare "Centre" health only among words
# about health
_FACILITY_KINDS = (
    ("school", r"(?:Learning|Education|Training|Skills|Tuition|Study)[ \t]+(?:Centre|Center|Hub)|"
               r"Alternative[ \t]+Provision"),
    ("health", r"(?:Neurodevelopment(?:al)?|Child[ \t]+Development|Paediatric|Audiology|"
               r"Therapy|Therapies|Wellbeing|Mental[ \t]+Health|Sexual[ \t]+Health|"
               r"Eating[ \t]+Disorders?|Autism|ADHD|Rehabilitation|Substance[ \t]+Misuse|"
               r"Wheelchair|0-19|0[ \t]?[\-–][ \t]?19|Recovery|Drug[ \t]+and[ \t]+Alcohol|"
               r"Health[ \t]+Visiting|School[ \t]+Nursing|Continence|Physiotherapy|"
               # a hospital's day unit by its specialty: "… Neurology Day Unit"
               r"(?:(?:Neurology|Cardiology|Oncology|Haematology|Renal|Rheumatology|"
               r"Dermatology|Respiratory|Surgical|Medical)[ \t]+)?Day)[ \t]+"
               r"(?:Services?|Centre|Center|Team|Unit|Clinic)|General|"
               # a service named by what it does: "Ashby Talking Therapies"
               r"Talking[ \t]+Therapies|Dental|School[ \t]+Nursing|"
               r"Perinatal[ \t]+Mental[ \t]+Health[ \t]+(?:Services?|Team)|CAMHS"),
    ("address", r"(?:Family|Community|Children['’]s|Youth|Leisure|Sports?|Resource|Contact|Day|"
                r"Shopping|Civic|Arts|Activity|Enterprise|Heritage|Visitor|Adventure|Outdoor)"
                r"[ \t]+(?:Centre|Center|Hub)|Family[ \t]+Hub|Community[ \t]+(?:Hall|Hub|Caf[eé])|"
                r"Youth[ \t]+Club|(?i:bus|coach|train|railway|rail|tram|tube)[ \t]+station|"
                r"[Ss]tation|Library|Village[ \t]+Hall|Church[ \t]+Hall|(?i:retail[ \t]+park)|"
                r"(?i:(?:transit|caravan|travellers['’]?|traveller)[ \t]+site)|"
                # councils, law firms and companies by their business word: "Farnley
                # Vale Metropolitan Borough Council", "Calverton Family Law", "Haddow Lettings"
                r"(?:(?:Metropolitan[ \t]+)?(?:Borough|County|City|District|Town|Parish)"
                r"[ \t]+)?Council|Family[ \t]+Law|Legal[ \t]+Services|Solicitors[ \t]+LLP|LLP|"
                r"Associates|Lettings|Estate[ \t]+Agents|Toxicology|Laboratories|Hardware|"
                r"Ltd|Limited|Taxis|Cabs|Motors|Garage|Logistics|Housing[ \t]+Association|"
                # services and clubs by what they do: "… Interpreting", "… Fostering", "…
                # Family Placements", "… Domestic Abuse Service", "… Juniors FC", a court by
                # its town ("Penarth Magistrates' Court")
                r"Interpreting|Interpreters|(?:Translation|Language)[ \t]+Services?|Fostering|"
                r"Building[ \t]+Society|Credit[ \t]+Union|Jobcentre(?:[ \t]+Plus)?|"
                r"(?:Family[ \t]+)?Placements|Domestic[ \t]+(?:Abuse|Violence)[ \t]+"
                r"(?:Services?|Support|Project)|(?:Juniors?[ \t]+|Youth[ \t]+|Town[ \t]+|"
                r"United[ \t]+)?(?:A?FC|Football[ \t]+Club)|"
                r"(?:Magistrates['’]?|Crown|County|Youth|Family)[ \t]+Court|"
                # an adoption agency or support service by its name: "Northdale RAA"
                r"Regional[ \t]+Adoption[ \t]+Agency|RAA|Post-[Aa]doption[ \t]+Support|"
                r"Centre|Center|"
                # a building, venue, takeaway or firm by its name: "Willowmere House" (a
                # respite unit, hostel, office), "the Hive Hub", "Pennant & Rowe Solicitors"
                r"House|Hub|(?:Snooker[ \t]+|Social[ \t]+|Boxing[ \t]+|"
                r"Working[ \t]+Men['’]s[ \t]+)?Club|"
                r"Grill|Takeaway|Kebabs?|Pizzeria|Pizza|Chippy|Restaurant|[Cc]af[eé]|Diner|Tavern|"
                r"Arms|Inn|Gym|Barbers?|Solicitors|Chambers|Hotel|Hostel|Lodge|Foyer"),
)
# a facility's own name: no "and" joining two, and no type word inside ("X Centre and Y Centre")
_FAC_CAP = rf"(?!Cent(?:re|er)\b|Hub\b|Station\b|House\b|Club\b){_CAP}"
_FACILITY_RE = re.compile(
    rf"(?<![\w'’])(?:The[ \t]+)?(?P<prefix>{_FAC_CAP}(?:[ \t]+(?:{_FAC_CAP}|of|the|upon|&)){{0,4}})"
    rf"[ \t]+"
    rf"(?P<type>{'|'.join(pattern for _, pattern in _FACILITY_KINDS)})(?![\w])"
    r"(?![ \t]+(?:Hospital|Practice|Surgery|Service|Road|Street|Lane)\b)")
_FACILITY_ANCHOR = re.compile(r"Cent(?:re|er)\b|Hub\b|[Ss]tation\b|Library|General\b|Hall\b|"
                              r"Council\b|Law\b|Services\b|LLP\b|Associates\b|Lettings\b|"
                              r"Agents\b|Toxicology\b|Laboratories\b|Hardware\b|Ltd\b|"
                              r"Limited\b|Taxis\b|Cabs\b|Motors\b|Garage\b|Therapies\b|"
                              r"Dental\b|Nursing\b|(?i:park|site)\b|"
                              r"Club\b|Services?\b|Team\b|Unit\b|Clinic\b|Provision\b|Park\b|"
                              r"Caf[eé]\b|House\b|Grill\b|Takeaway\b|Kebabs?\b|Pizz|Chippy\b|"
                              r"Restaurant\b|Diner\b|Tavern\b|Arms\b|Inn\b|Gym\b|Barbers?\b|"
                              r"Solicitors\b|Chambers\b|Hotel\b|Hostel\b|Lodge\b|Foyer\b|"
                              r"Logistics\b|Association\b|Agency\b|RAA\b|Support\b|"
                              r"Interpret|Translation\b|Fostering\b|Placements\b|A?FC\b|"
                              r"Court\b|Project\b|Society\b|Union\b|Jobcentre\b|Plus\b|"
                              r"CAMHS\b|caf[eé]\b")
_FACILITY_KIND_RES = tuple((kind, re.compile(rf"(?:{pattern})$"))
                           for kind, pattern in _FACILITY_KINDS)
# the council's own building, named by its type alone
_CIVIC_CENTRE_RE = re.compile(r"(?<![\w'’])(?:The[ \t]+)?Civic[ \t]+Cent(?:re|er)(?![\w])")
_WARD_BEFORE_RE = re.compile(r"(?<![\w'’])Ward[ \t]+\Z")
# "Attorney General", "Director General": a post, not a hospital
_GENERAL_POSTS = frozenset({"attorney", "secretary", "director", "surgeon", "inspector", "major",
                            "lieutenant", "brigadier", "consul", "postmaster", "solicitor",
                            "accountant", "registrar", "adjutant", "governor", "auditor"})
_HEALTH_NEAR = re.compile(
    r"(?i)\b(?:clinic\w*|paediatric\w*|pediatric\w*|nurs(?:e|es|ing)|doctor|gp|health|hospital|"
    r"camhs|therap\w*|diagnos\w*|adhd|autis\w*|asd|neurodevelopment\w*|audiolog\w*|dental|"
    r"dentist|vaccin\w*|immunis\w*|midwi\w*|consultant|psychiatr\w*|psycholog\w*|prescri\w*|"
    r"medicat\w*|physio\w*|speech[ \t]+and[ \t]+language|sexual[ \t]+health)\b")

_STREET_SUFFIX = (r"(?:Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Way|Crescent|Cres|"
                  r"Court|Ct|Gardens|Gdns|Grove|Terrace|Place|Pl|Square|Sq|Walk|Mews|Rise|Row|"
                  r"Hill|Park|Parade|Green|View|Vale|Mount|Fold|Garth|Croft|Chase|Wynd|"
                  r"Boulevard|Approach|Gate|Bank|Brow|Side|Meadows?|Wharf|Quay|Yard|Fields?|"
                  r"Heights|Lea|Dale|End|Hollow|Link|Path|Circus|Market|Broadway|Estate)")
_STREET_STRONG = (r"(?:Road|Rd|Street|Avenue|Close|Lane|Drive|Crescent|Gardens|Grove|Terrace|Mews|"
                  r"Way|Court)")
_FLAT = r"(?:(?i:flat|apartment|apt|unit|room|plot|pitch)\.?[ \t]+\d{1,4}[A-Za-z]?(?:/\d{1,3})?)"
_BUILDING = (r"(?:[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2}[ \t]+(?:House|Court|Lodge|"
             r"Mansions|Tower|Towers|Buildings|Apartments|Heights|Point|Block|Hall))")
_ADDRESS_RE = re.compile(
    rf"(?<![\w])(?:{_FLAT},?[ \t]+(?:{_BUILDING},?[ \t]+|{_CAP}(?:[ \t]+{_CAP}){{0,3}},[ \t]+)?)?"
    rf"(?P<number>\d{{1,4}}[A-Za-z]?"
    rf"(?:[ \t]*[\-–][ \t]*\d{{1,4}}[A-Za-z]?)?),?[ \t]+(?P<street>(?:{_CAP}[ \t]+){{1,4}}?"
    rf"{_STREET_SUFFIX})(?![\w])")
_STREET_ONLY_RE = re.compile(rf"(?<![\w'’])(?P<prefix>{_CAP}(?:[ \t]+{_CAP}){{0,2}})[ \t]+"
                             rf"(?P<type>{_STREET_STRONG})(?![\w])")
# a flat or unit in a named building or estate with no house number, then its street: "Flat 6,
# Corran House, Bloxwich Road", "Unit 4, Cwrt Newydd Industrial Estate" (the town follows)
_FLAT_LINE_RE = re.compile(
    rf"(?<![\w]){_FLAT},?[ \t]+(?:{_BUILDING}|{_CAP}(?:[ \t]+{_CAP}){{0,3}}[ \t]+"
    r"(?:Industrial|Business|Trading|Retail|Enterprise)[ \t]+(?:Estate|Park|Centre))"
    rf"(?:,[ \t]+(?:{_CAP}[ \t]+){{1,3}}{_STREET_SUFFIX})?(?![\w])")
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
# a Welsh name joined by hyphens is a house, street or village ("27 Maes-y-Coed",
# "Bryn-y-Mor", "Pen-yr-Heol"): no English word or person is written so
_CY_HYPHENED_RE = re.compile(rf"(?<![\w'’\-])(?:\d{{1,4}}[A-Za-z]?,?[ \t]+)?{_CY_CAP}"
                             rf"-(?:y|yr|ar|dan|tan|uwch|is|['’]r|r)-{_CY_CAP}(?![\w'’])")
# a house's own name before its street: "The Old Forge, Brinkley Lane", "Rose Cottage, 4 Mill
# Lane" (with "The" or a house word, since "Kai, 4 Mill Lane" is a person)
_HOUSE_BEFORE_RE = re.compile(
    rf"(?<![\w'’])(?:The[ \t]+{_CAP}(?:[ \t]+{_CAP}){{0,2}}|{_CAP}(?:[ \t]+{_CAP}){{0,2}}?[ \t]+"
    r"(?:Cottage|Farm|Barn|Forge|Mill|Lodge|House|Grange|Manor|Bungalow|Farmhouse|Hall))"
    r",?[ \t]+$")
# a venue named "The …" where the text says it is one: "a youth club called The Hangout", "at
# The Hangout, Elm Street Youth Club", "youth worker at The Den"
_VENUE_NAME_RE = re.compile(
    r"(?:\b(?i:club|venue|project|group|caf[eé]|centre|place|bar|shop)[ \t]+(?i:called|named)"
    r"|\b(?i:at|from|to))[ \t]+['\"“‘]?"
    r"(?P<venue>The[ \t]+[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2})"
    r"(?![\w'’])")
_VENUE_CUE_RE = re.compile(r"(?i)\b(?:youth[ \t]+(?:work\w*|club|centre|project|group)|venue|"
                           r"drop-?in|club|hangs?[ \t]+out)\b")
# a PO Box and its town: "PO Box 4412, Tonbridge"
_PO_BOX_RE = re.compile(r"(?<![\w])(?i:P\.?[ \t]?O\.?[ \t]+Box)[ \t]*\d{1,6}(?![\w])")
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
# the town (and county) after a street, in an address block: after a comma whatever follows
# ("1 Alder Street, Northmere on Monday"), without one only before a stop, and on a line of
# its own under the street
_TOWN = r"(?P<town>[A-Z](?:[^\W\d_]|['’\-])+(?:[ \t]+[A-Z](?:[^\W\d_]|['’\-])+)?)"
_TOWN_AFTER_RES = (
    re.compile(rf",[ \t]*{_TOWN}(?![\w'’\-])"),
    re.compile(rf"[ \t]+{_TOWN}(?=[ \t]*(?:,|\.|;|\)|\r?\n|$|[ \t]+[A-Za-z]{{1,2}}\d))"),
    re.compile(rf",?[ \t]*\r?\n[ \t]*{_TOWN},?(?=[ \t]*(?:\r?\n|$))"),
)

# the town of a service or court named by it: "Citizens Advice Tonbridge", "the Family Court
# sitting at Tonbridge" (the service's and court's words stay)
_TOWN_OF_SERVICE_RE = re.compile(rf"(?:Citizens[ \t]+Advice|\b(?i:sitting)[ \t]+at)[ \t]+{_TOWN}"
                                 rf"(?![\w'’\-])")

# a place someone moves to, lives in or comes from: "moved to Kingston", "lives in Bath"
_MOVE_CUE_RE = re.compile(
    r"(?i:\b(?:moved|moving|move|moves|relocated|relocating|lives|live|living|lived|based|born|"
    r"raised|grew[ \t]+up|settled|returned|returning|travelled|travelling|went|gone|going|goes|"
    r"visiting|visited|holiday(?:ed|ing|s)?|stay(?:s|ed|ing)?|originally|comes|came|fled|"
    r"transferred|rehoused|placed)(?:[ \t]+(?:back|away|out|up|down|over|here|there|home|house|"
    r"abroad|originally))?[ \t]+)$")
_PLACE_AFTER_RE = re.compile(
    r"\b(?:to|from|in|near|into|around|outside)[ \t]+"
    r"(?P<place>[A-Z][a-z][\w’'\-]*(?:[ \t]+(?:(?:upon|on|under)[ \t]+)?[A-Z][a-z][\w’'\-]*)?)"
    r"(?![\w’'])")
# towns that are also everyday words (left out of towns.txt): a place only after such a cue
_TOWNS_ALSO_WORDS = frozenset({"bath", "reading", "wells", "deal", "sale", "settle", "mold",
                               "flint", "ware", "rugby", "barking", "sandwich", "street"})
_NOT_A_PLACE = frozenset({"spring", "summer", "autumn", "winter", "january", "february",
                          "april", "may", "june", "july", "august", "monday", "tuesday",
                          "wednesday", "thursday", "friday", "saturday", "sunday"})


def _places_after_cue(text: str) -> list[Span]:
    """Capitalised words after moving, living or coming from (see ``_MOVE_CUE_RE``) that no
    word list calls a common word: a town or area, removed as an address."""
    out = []
    for m in _PLACE_AFTER_RE.finditer(text):
        if not _MOVE_CUE_RE.search(text, max(0, m.start() - 40), m.start()):
            continue
        words = m.group("place").split()
        if re.search(r"['’]s?$", words[-1]):
            continue            # "went to Kai's": a person's home, left to the names
        while words and (words[-1].lower() in STOP_WORDS or words[-1].lower() in _NOT_A_PLACE):
            words.pop()
        low = [w.lower() for w in words if w[0].isupper()]
        if not low or any((w in STOP_WORDS and w not in _TOWNS_ALSO_WORDS) or w in _NOT_A_PLACE
                          or (w in PLACE_WORDS and len(low) == 1) for w in low):
            continue
        end = m.start("place") + len(" ".join(words))
        if text[m.start("place"):end] != " ".join(words):
            end = m.start("place") + len(words[0])
        out.append(Span(m.start("place"), end, "address", PRIORITY["address"] - 1,
                        key=("place", text[m.start("place"):end].lower())))
    return out


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
                     and words[0].group(0).lower() not in ("st", "st.", "saint", "the")
                     # a place word opening a longer name is part of it ("Harbour Lane …")
                     and not (len(words) > 1 and words[0].group(0).lower() in PLACE_WORDS))
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


# a trust named by its region ("Western HSC Trust", "South Eastern HSC Trust")
_COMPASS_BEFORE_RE = re.compile(r"(?<![\w'’])(?:(?:North|South|East|West)(?:ern)?|Central|Mid)"
                                r"(?:[ \t]+(?:(?:North|South|East|West)(?:ern)?))?[ \t]+\Z")


def find_institutions(text: str, protected: Mask) -> list[Span]:
    """Schools, GP practices and health services (hospitals, clinics, dentists…), each keyed
    by its own name (``St Mary's``)."""
    out = []
    for kind, regex in (("school", _SCHOOL_RE), ("gp", _GP_RE), ("health", _HEALTH_RE)):
        for m in regex.finditer(text):
            named = _named(text, m, protected)
            if named is None:
                continue
            start, _, prefix = named
            if kind == "health" and m.group("type").endswith("Trust") \
                    and (compass := _COMPASS_BEFORE_RE.search(text, max(0, start - 30), start)):
                start = compass.start()     # "Western HSC Trust": the region is its name
            if m.group("type") == "Ward" and _person_not_ward(text, start, prefix):
                continue
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
    return out + _facilities(text, protected)


def _person_not_ward(text: str, start: int, prefix: str) -> bool:
    """"Sarah Ward", "Mrs Ward": Ward is a surname too; a ward is named by one word that is
    no given name, with no title before it."""
    words = prefix.split()
    return (len(words) > 2 or any(w.lower() in FIRST_NAMES for w in words)
            or bool(re.search(r"\b(?:" + "|".join(map(re.escape, TITLES)) + r")\.?[ \t]+\Z",
                              text[max(0, start - 12):start], re.IGNORECASE)))


def _named(text: str, m: re.Match, protected: Mask,
           service: bool = False) -> tuple[int, int, str] | None:
    """Where a named place found by ``m`` starts ("The Grange Surgery" keeps its "The"), and
    where its own name starts and what it is (leading sentence words dropped); None when its
    type word is a practice term (unless a ``service``: "Northcote Perinatal Mental Health
    Service" is one area's) or nothing distinctive is left."""
    if not service and not protected.free(m.start("type"), m.end("type")):
        return None
    trimmed = _trim_prefix(text, m.start("prefix"), m.group("prefix"))
    if trimmed is None:
        return None
    at, prefix = trimmed
    start = m.start() if at == m.start("prefix") and m.group(0).startswith("The") else at
    return start, at, prefix


def _sentence_around(text: str, start: int, end: int) -> str:
    before = re.split(r"[.!?](?:\s)", line_before(text, start))[-1]
    after = re.split(r"[.!?](?:\s|$)", line_after(text, end))[0]
    return before + text[start:end] + after


def _facilities(text: str, protected: Mask) -> list[Span]:
    """Family and community centres, learning centres, named health services, stations…
    (see ``_FACILITY_KINDS``), each with its type word; "the Family Centre" stays."""
    out = []
    for m in finditer_in(_FACILITY_RE, text, windows(text, _FACILITY_ANCHOR, 120, 20)):
        # a service's type word may be a practice term alone ("Family Hub", "CAMHS", "RAA")
        named = _named(text, m, protected, service=m.group("type").endswith(
            ("Service", "Services", "Team", "Hub", "CAMHS", "RAA", "Agency", "Support",
             "Court", "Fostering", "Placements", "Jobcentre", "Plus")))
        if named is None:
            continue
        start, at, prefix = named
        words = prefix.split()
        if m.group("type") == "General" and words[-1].lower() in _GENERAL_POSTS:
            continue
        # a name that is a practice term ("Sure Start") is no more distinctive than none
        if not any(_word_is_distinctive(w.group(0)) and protected.free(at + w.start(),
                                                                       at + w.end())
                   for w in re.finditer(r"\S+", prefix)):
            continue
        name = text[start:m.end()]
        kind = next(k for k, regex in _FACILITY_KIND_RES if regex.search(name))
        # a unit on a named ward goes with it: "Ward C2 Cardiology Day Unit"
        ward = _WARD_BEFORE_RE.search(text, 0, start) if kind == "health" else None
        start = ward.start() if ward else start
        if kind == "address" and re.fullmatch(r"Cent(?:re|er)", m.group("type")) \
                and _HEALTH_NEAR.search(_sentence_around(text, start, m.end())):
            kind = "health"         # "the Lime Tree Centre" for a child's assessment
        stem = _stem(prefix)
        out.append(Span(start, m.end(), kind, PRIORITY[kind],
                        key=(kind, stem.lower().replace("’", "'")), words=(stem,)))
    for m in _CIVIC_CENTRE_RE.finditer(text) if "Civic" in text else ():
        out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] - 1,
                        key=("address", "civic centre")))
    return out


def _with_house_name(text: str, start: int) -> int:
    """Where an address starts when a house's name is written before its street."""
    house = _HOUSE_BEFORE_RE.search(line_before(text, start))
    return start - len(house.group(0)) if house else start


def find_addresses(text: str, protected: Mask) -> list[Span]:
    """Addresses: number and street (and town), a distinctive street name, a flat."""
    out = []

    def extend(end: int) -> int:
        for _ in range(2):          # a town, then its county
            t = next((t for regex in _TOWN_AFTER_RES if (t := regex.match(text, end))), None)
            if not t or any(w.lower() in STOP_WORDS for w in t.group("town").split()):
                break
            end = t.end("town")
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
        start = _with_house_name(text, m.start())
        end = extend(m.end())
        out.append(Span(start, end, "address", PRIORITY["address"],
                        key=" ".join(text[start:end].lower().replace(",", " ").split())))
    for m in _STREET_ONLY_RE.finditer(text):
        if not protected.free(m.start("type"), m.end("type")):
            continue
        trimmed = _trim_prefix(text, m.start("prefix"), m.group("prefix"))
        if trimmed is None:
            continue
        start = _with_house_name(text, trimmed[0])
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
    for regex in (_CY_HYPHENED_RE, _PO_BOX_RE, _FLAT_LINE_RE):
        for m in regex.finditer(text):
            end = extend(m.end())
            out.append(Span(m.start(), end, "address", PRIORITY["address"],
                            key=" ".join(text[m.start():end].lower().replace(",", " ").split())))
    for m in _VENUE_NAME_RE.finditer(text) if "The " in text else ():
        words = m.group("venue").split()[1:]
        if not any(_word_is_distinctive(w) for w in words):
            continue
        called = not re.match(r"(?i)(?:at|from|to)\b", m.group(0))
        if not called and not _VENUE_CUE_RE.search(_sentence_around(text, m.start(), m.end())):
            continue
        out.append(Span(m.start("venue"), m.end("venue"), "address", PRIORITY["address"] - 1,
                        key=("venue", m.group("venue").lower())))
    for m in _TOWN_OF_SERVICE_RE.finditer(text):
        town = m.group("town")
        if town.split()[0].lower() not in STOP_WORDS:
            out.append(Span(m.start("town"), m.end("town"), "address", PRIORITY["address"] - 1,
                            key=("place", town.lower())))
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
    return out + _places_after_cue(text)


def institution_repeats(text: str, accepted: list[Span], mask: Mask) -> list[Span]:
    """A school's or practice's own name where it recurs alone ("St Mary's", "Oakfield")."""
    out = []
    stems = {s.words[0]: s for s in accepted if s.kind in ("school", "gp", "health", "address")
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
    return out + _institution_initials(text, accepted, mask)


def _institution_initials(text: str, accepted: list[Span], mask: Mask) -> list[Span]:
    """A school's or service's initials used alone ("KC" after "Kingsmead College"), with its
    placeholder; never a practice acronym."""
    capitals = never_initials()
    initials: dict[str, Span] = {}
    for span in accepted:
        if span.kind in ("school", "gp", "health") or (span.kind == "address" and span.words):
            words = [w for w in re.findall(r"[A-Z][\w'’\-]*", text[span.start:span.end])
                     if w != "The"]
            letters = "".join(w[0] for w in words)
            if 2 <= len(letters) <= 3 and letters not in capitals:
                initials.setdefault(letters, span)
    if not initials:
        return []
    out = []
    pattern = r"(?<![\w'’\-])(?:" + "|".join(initials) + r")(?![\w\-])"
    for m in re.finditer(pattern, text):
        if mask.free(m.start(), m.end()):
            span = initials[m.group(0)]
            out.append(Span(m.start(), m.end(), span.kind, PRIORITY[span.kind] - 5,
                            key=span.key))
    return out
