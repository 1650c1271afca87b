"""Schools, GP practices and addresses: a keyword (Primary, Surgery, Road…) and the capitalised
words before it, then an institution's own name wherever it recurs alone.

Longer than 500 lines because schools, health services, named facilities and addresses share
one grammar of a place's name (its capitalised words, the trimming of sentence words, the
practice terms a type word may be) and overlap in text ("Flat 6, Corran House", "… Juniors
FC"); apart, each module would import the others' private patterns."""
from __future__ import annotations

import itertools
import re

from auditlib.anonymise.english import is_english
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
    ROLES,
    STOP_WORDS,
    SURNAMES,
    TITLES,
    TOWNS,
    VERBS,
    never_initials,
)

_CAP = r"(?:St\.?|Saint|[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŠŽČ][\w'’\-]*)"
# (Welsh names join with "y"/"yr": "Heol y Nant Surgery")
_PREFIX = rf"(?P<prefix>{_CAP}(?:[ \t]+(?:{_CAP}|of|the|and|&|upon|y|yr)){{0,5}})"
_CHURCH = (r"(?:(?:C[ \t]?of[ \t]?E|CofE|CE|C\.E\.|RC|R\.C\.|Roman Catholic|Catholic|"
           r"Church of England|Methodist|Community|Foundation|Free|VA|VC|Voluntary Aided|"
           r"Voluntary Controlled)[ \t]+)*")
_SCHOOL_TYPES = (r"(?:Primary School|Primary Academy|Primary|Infant and Junior School|"
                 r"Junior and Infant School|Infants'? School|Infant School|Infants|"
                 r"Junior School|Juniors|First School|Middle School|High School|"
                 r"Secondary School|Grammar School|Secondary Academy|Academy|Sixth Form College|"
                 r"Sixth Form|"
                 r"College|Nursery School|Nursery|Pre-?[Ss]chool|Special School|School|"
                 r"Pupil Referral Unit|PRU|University|"
                 # Scotland's short forms: "Kirkbrae PS", "Braeside HS" (never "PS:" a postscript)
                 r"PS(?![:\w])|HS(?![:\w])|"
                 # "St Bede's Catholic High", "Thornbury High" (not "High Street", "High Risk")
                 r"High(?![ \t]+[A-Z]))")
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
                 r"Inpatient|Assessment|Burns|Renal|Cardiac|Stroke|Mental[ \t]+Health|"
                 r"Psychiatric|Eating[ \t]+Disorders?)[ \t]+Unit|Ward|"
                 r"Birth(?:ing)?[ \t]+Centre|"
                 r"Minor[ \t]+Injuries[ \t]+Unit|Walk-[Ii]n[ \t]+Centre|"
                 r"Urgent[ \t]+Treatment[ \t]+Centre|Opticians?|Eye[ \t]+Centre|"
                 r"(?:NHS[ \t]+)?(?:Foundation[ \t]+)?Trust)")
_HEALTH_RE = re.compile(rf"(?<![\w'’])(?:The[ \t]+)?{_PREFIX}[ \t]+(?P<type>{_HEALTH_TYPES})"
                        rf"(?![\w])")
_HEALTH_WELSH_RE = re.compile(r"(?<![\w'’])(?P<type>Ysbyty|Clinig|Meddygfa|Canolfan[ \t]+Iechyd|"
                              r"Fferyllfa|Deintyddfa)[ \t]+(?P<prefix>[A-Z][\w'’\-]*"
                              r"(?:[ \t]+(?:[A-Z][\w'’\-]*|y|yr|a|ac|ap)){0,3})")
# a Welsh body, its type word first: "Canolfan Deulu Tŷ'r Afon" (a family centre), "Cyngor Sir
# …", "CYNGOR BWRDEISTREF SIROL …" (councils), "Teuluoedd yn Gyntaf …" (Families First),
# "Gwasanaeth Alcohol …" (a service); "Gwasanaethau Plant a Theuluoedd" names no one
_WELSH_BODY_RE = re.compile(
    r"(?<![\w'’])(?P<type>Canolfan|CANOLFAN|Gwasanaeth|GWASANAETH|Prosiect|PROSIECT|"
    r"Teuluoedd[ \t]+yn[ \t]+Gyntaf|TEULUOEDD[ \t]+YN[ \t]+GYNTAF|"
    r"Cyngor(?:[ \t]+(?:Sir|Dinas|Bwrdeistref(?:[ \t]+Sirol)?|Tref|Cymuned))?|"
    r"CYNGOR(?:[ \t]+(?:SIR|DINAS|BWRDEISTREF(?:[ \t]+SIROL)?|TREF|CYMUNED))?)(?![\w'’])"
    r"[ \t]+(?P<prefix>[A-ZÂÊÎÔÛŴŶ][\w'’\-]*(?:[ \t]+(?:[A-ZÂÊÎÔÛŴŶ][\w'’\-]*|y|yr|a|ac)){0,3})")
# a Welsh body's words that say what it is, not whose
_WELSH_BODY_WORDS = frozenset({"gymunedol", "cymunedol", "gyfiawnder", "hamdden", "ieuenctid",
                               "chwaraeon", "adnoddau", "cyffuriau", "sir", "dinas", "tref",
                               "cymuned", "bwrdeistref", "sirol", "gwybodaeth", "cymorth"})
_WELSH_HEALTH_WORDS = frozenset({"alcohol", "iechyd", "lles", "cyffuriau", "meddwl"})
# a school named Welsh or Irish fashion, its type word first: "Ysgol Bro Dinefwr", "Gaelscoil
# na Mí", "Naíscoil an Locha" (Irish joining words and eclipsed names, "an tSléibhe", allowed)
_SCHOOL_FIRST_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*|[a-z]{1,2}-?[A-ZÀ-ÖØ-Þ][\w'’\-]*)"
_SCHOOL_FIRST_RE = re.compile(
    r"(?<![\w'’])(?P<type>Ysgol|Bunscoil|Gaelscoil|Na[ií]scoil|Me[aá]nscoil|Scoil|Col[aá]iste|"
    # Scottish Gaelic: a primary and a secondary school
    r"Bun-[Ss]goil|[AÀ]rd-[Ss]goil|"
    # a university by its town: "University of Wexcombe" (the town is what identifies it)
    r"University[ \t]+of(?:[ \t]+the)?|"
    rf"Gaelchol[aá]iste)[ \t]+(?P<prefix>(?:(?:an|na)[ \t]+)?{_SCHOOL_FIRST_WORD}"
    rf"(?:[ \t]+(?:{_SCHOOL_FIRST_WORD}|"
    r"an|na|y|yr|a|ac|ap|dan|uwch)){0,3})")
_SCHOOL_FIRST_ANCHOR = re.compile(r"scoil|[Ss]goil|Ysgol|ol[aá]iste|University of")
# a hospital's or health centre's service written after it: "Ashby Health Centre Children's
# Speech & Language Therapy" is one health service
_SERVICE_AFTER_RE = re.compile(
    r"[ \t]+(?:(?:Children['’]s|Paediatric|Adult|Community)[ \t]+)?(?:Speech[ \t]+(?:&|and)[ \t]+"
    r"Language[ \t]+Therap(?:y|ies)|Physiotherapy|Occupational[ \t]+Therapy|Audiology|"
    r"Dietetics|Podiatry|Orthoptics|Continence[ \t]+Service|Sexual[ \t]+Health|"
    r"Health[ \t]+Visiting|School[ \t]+Nursing)(?:[ \t]+(?:Services?|Team|Department|Clinic))?"
    r"(?![\w])")
_DR_PRACTICE_RE = re.compile(r"\bDr\.?[ \t]+(?P<prefix>[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?)"
                             r"['’]s?[ \t]+(?:GP[ \t]+)?(?i:practice|surgery)\b")

# a place of worship by its name and denomination: "Living Waters Pentecostal Church"
_WORSHIP = (r"(?:Church|Chapel|Cathedral|Mosque|Masjid|Gurdwara|Mandir|Temple|Synagogue|"
            r"Kingdom[ \t]+Hall|Tabernacle|Meeting[ \t]+House|Ministries)")
_WORSHIP_RE = re.compile(_WORSHIP + "$")
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
               r"Wheelchair|(?:0-19|0[ \t]?[\-–][ \t]?19)(?:[ \t]+Healthy[ \t]+Child)?|Recovery|"
               r"Drug[ \t]+and[ \t]+Alcohol|"
               r"Health[ \t]+Visiting|School[ \t]+Nursing|Continence|Physiotherapy|"
               # a hospital's day unit by its specialty: "… Neurology Day Unit"
               r"(?:(?:Neurology|Cardiology|Oncology|Haematology|Renal|Rheumatology|"
               r"Dermatology|Respiratory|Surgical|Medical)[ \t]+)?Day)"
               # a second field joined to the first: "… Wheelchair and Seating Service"
               r"(?:[ \t]+(?:and|&)[ \t]+[A-Z][a-z]+)?[ \t]+"
               r"(?:Services?|Centre|Center|Team|Unit|Clinic|Pathway)|General|"
               # a service named by what it does: "Ashby Talking Therapies"
               r"Talking[ \t]+Therapies|Dental|School[ \t]+Nursing|"
               # a service by its specialty alone: "Ashby Community Paediatrics", "… Audiology"
               r"(?:Community[ \t]+)?Paediatrics|Audiology|"
               r"Perinatal[ \t]+Mental[ \t]+Health[ \t]+(?:Services?|Team)|CAMHS|"
               # an area's mental health or crisis team: "Eastbrook CMHT"
               r"CMHT|CRHT|Crisis[ \t]+Team|Home[ \t]+Treatment[ \t]+Team"),
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
                r"Associates|Partnership|Lettings|Estate[ \t]+Agents|Toxicology|Laboratories|"
                r"Hardware|"
                r"Ltd|Limited|Taxis|Cabs|Motors|Garage|Logistics|"
                # a council by its letters ("Northshire CC", "… MBC"), a police force (the
                # real ones are kept terms), a county FA, firms by their business word
                r"CC|MBC|CBC|Police|Constabulary|County[ \t]+FA|(?:&[ \t]+)?Partners|"
                r"Assessments|Consultancy|Consultants|Consulting|"
                # shops, food banks, fairs, caravan parks, boxing clubs
                r"(?:Mini[ \t\-]?)?Mart|Supermarket|Stores|Off[ \t\-]?Licen[cs]e|Newsagents?|"
                r"Food[ \t]+Bank|Foodbank|(?:Horse|Fun)[ \t]+Fair|Fairground|"
                r"(?i:(?:caravan|holiday|static)[ \t]+park)|ABC|"
                # gardens, shelters and supported housing, agencies by their trade: "Ashby
                # Community Garden", "… Night Shelter", "… Private Hire", "… Staffing"
                r"Community[ \t]+(?:Gardens?|Allotments?|Farm|Orchard)|City[ \t]+Farm|"
                r"(?:Night[ \t]+)?Shelter|Refuge|Supported[ \t]+(?:Housing|Lodgings)|"
                r"Private[ \t]+Hire|Staffing|Recruitment|Adoption|"
                # a housing provider by its name ("Skyline Homes Housing"; "Supported
                # Housing" has no name of its own)
                r"Housing(?:[ \t]+(?:Association|Trust|Group))?|"
                # services and clubs by what they do: "… Interpreting", "… Fostering", "…
                # Family Placements", "… Domestic Abuse Service", "… Juniors FC", a court by
                # its town ("Penarth Magistrates' Court")
                r"Interpreting|Interpreters|Short[ \t]+Breaks?|"
                r"(?:Translation|Language)[ \t]+Services?|Fostering|"
                r"Building[ \t]+Society|Credit[ \t]+Union|Jobcentre(?:[ \t]+Plus)?|"
                r"(?:Family[ \t]+)?Placements|Domestic[ \t]+(?:Abuse|Violence)[ \t]+"
                r"(?:Services?|Support|Project)|(?:Juniors?[ \t]+|Youth[ \t]+|Town[ \t]+|"
                r"United[ \t]+)?(?:A?FC|Football[ \t]+Club)|Rovers|Wanderers|Athletic|"
                r"(?:Magistrates['’]?|Crown|County|Youth|Family)[ \t]+Court|"
                # an adoption agency or support service by its name: "Northdale RAA"
                r"Regional[ \t]+Adoption[ \t]+Agency|RAA|Post-[Aa]doption[ \t]+Support|"
                # an area's team or service ("Holmbridge Locality Team", "… Educational
                # Psychology Service"), a carers' group, a project, a prison, a church
                r"(?:Locality|Neighbourhood|Area|District)[ \t]+Team|"
                r"(?:Educational[ \t]+Psychology|Early[ \t]+Help|Youth[ \t]+Justice|"
                r"Youth[ \t]+Offending|Sensory[ \t]+Support|Portage)[ \t]+(?:Services?|Team)|"
                r"(?:Kinship|Foster|Young|Parent)[ \t]+Carers(?:[ \t]+(?:Group|Network))?|"
                r"Carers['’]?[ \t]+(?:Group|Network|Centre|Trust|Association)|"
                r"(?:Youth|Community|Family|Women['’]s|Men['’]s|Outreach)[ \t]+Project|"
                r"Prison|YOI|Secure[ \t]+(?:Training[ \t]+Centre|Children['’]s[ \t]+Home)|"
                rf"{_WORSHIP}|Amusements|Arcade|Bingo|Casino|Cinema|"
                r"Centre|Center|"
                # a building, venue, takeaway or firm by its name: "Willowmere House" (a
                # respite unit, hostel, office), "the Hive Hub", "Pennant & Rowe Solicitors"
                r"House|Hub|(?:Snooker[ \t]+|Social[ \t]+|Boxing[ \t]+|"
                r"Working[ \t]+Men['’]s[ \t]+)?Club|"
                r"Grill|Takeaway|Kebabs?|Pizzeria|Pizza|Chippy|Restaurant|[Cc]af[eé]|Diner|Tavern|"
                r"Arms|Inn|Gym|Barbers?|Solicitors|Chambers|Hotel|Hostel|Lodge|Foyer"),
)
# a facility's own name: no "and" joining two, and no type word inside ("X Centre and Y Centre")
_FAC_CAP = (rf"(?!Cent(?:re|er)\b|Hub\b|Station\b|House\b|Club\b|"
            rf"Supported[ \t]+(?:Housing|Lodgings)\b){_CAP}")
_FACILITY_RE = re.compile(
    rf"(?<![\w'’])(?:The[ \t]+)?(?P<prefix>{_FAC_CAP}(?:[ \t]+(?:{_FAC_CAP}|of|the|upon|&)){{0,4}})"
    rf"[ \t]+"
    rf"(?P<type>{'|'.join(pattern for _, pattern in _FACILITY_KINDS)})(?![\w])"
    r"(?![ \t]+(?:Hospital|Practice|Surgery|Service|Road|Street|Lane)\b)")
_FACILITY_ANCHOR = re.compile(r"Cent(?:re|er)\b|Hub\b|[Ss]tation\b|Library|General\b|Hall\b|"
                              r"Council\b|Law\b|Services\b|LLP\b|Associates\b|Lettings\b|"
                              r"Agents\b|Partnership\b|Rovers\b|Wanderers\b|Athletic\b|"
                              r"Toxicology\b|Laboratories\b|Hardware\b|Ltd\b|"
                              r"Limited\b|Taxis\b|Cabs\b|Motors\b|Garage\b|Therapies\b|"
                              r"Dental\b|Nursing\b|(?i:park|site)\b|"
                              r"Club\b|Services?\b|Team\b|Unit\b|Clinic\b|Provision\b|Park\b|"
                              r"Caf[eé]\b|House\b|Grill\b|Takeaway\b|Kebabs?\b|Pizz|Chippy\b|"
                              r"Restaurant\b|Diner\b|Tavern\b|Arms\b|Inn\b|Gym\b|Barbers?\b|"
                              r"Solicitors\b|Chambers\b|Hotel\b|Hostel\b|Lodge\b|Foyer\b|"
                              r"Logistics\b|Association\b|Agency\b|RAA\b|Support\b|"
                              r"Interpret|Translation\b|Breaks?\b|Fostering\b|Placements\b|A?FC\b|"
                              r"Court\b|Project\b|Society\b|Union\b|Jobcentre\b|Plus\b|"
                              r"CAMHS\b|caf[eé]\b|Pathway\b|Team\b|Carers\b|Group\b|"
                              r"Network\b|Trust\b|Housing\b|Prison\b|YOI\b|Home\b|Amusements\b|"
                              r"Arcade\b|Bingo\b|Casino\b|Cinema\b|Church\b|Chapel\b|"
                              r"Cathedral\b|Mosque\b|Masjid\b|Gurdwara\b|Mandir\b|Temple\b|"
                              r"Synagogue\b|Tabernacle\b|Ministries\b|CMHT\b|CRHT\b|Treatment\b|"
                              r"CC\b|MBC\b|CBC\b|Police\b|Constabulary\b|FA\b|Partners\b|"
                              r"Assessments\b|Consult|Mart\b|Supermarket\b|Stores\b|Licen|"
                              r"Newsagent|Bank\b|Foodbank\b|Fair|ABC\b|Paediatrics\b|"
                              r"Audiology\b|Gardens?\b|Allotments?\b|Farm\b|Orchard\b|"
                              r"Shelter\b|Refuge\b|Lodgings\b|Hire\b|Staffing\b|"
                              r"Recruitment\b|Adoption\b")
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
                  r"Court|Ct|Gardens|Gdns|Grove|Terrace|Tce|Terr|Place|Pl|Square|Sq|Walk|Mews|"
                  r"Rise|Row|Hill|Park|Parade|Pde|Green|View|Vale|Mount|Fold|Garth|Croft|Chase|Wynd|"
                  r"Boulevard|Approach|Gate|Bank|Brow|Side|Meadows?|Wharf|Quay|Yard|Fields?|"
                  r"Heights|Lea|Dale|End|Hollow|Link|Path|Circus|Market|Broadway|Estate)")
# a street's name and its type word ("Pelham Court"), for the finders of other modules
STREET_NAME = rf"(?:{_CAP}[ \t]+){{1,4}}?{_STREET_SUFFIX}"
_STREET_STRONG = (r"(?:Road|Rd|Street|Avenue|Close|Lane|Drive|Crescent|Gardens|Grove|Terrace|Mews|"
                  r"Way|Court|Parade)")
_FLAT = (r"(?:(?i:flat|apartment|apt|unit|room|plot|pitch)\.?[ \t]+\d{1,4}[A-Za-z]?"
         r"(?:[/\-]\d{1,4})?)")
# a floor of a building, before it and its street: "2nd Floor, Ravensworth House, 14 Market St"
_FLOOR = (r"(?:(?:\d{1,2}(?:st|nd|rd|th)|Ground|First|Second|Third|Fourth|Fifth|Top|Lower|"
          r"Upper|Basement)[ \t]+Floor)")
_BUILDING = (r"(?:[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2}[ \t]+(?:House|Court|Lodge|"
             r"Mansions|Tower|Towers|Buildings|Apartments|Heights|Point|Block|Hall))")
_ADDRESS_RE = re.compile(
    rf"(?<![\w])(?:(?:{_FLAT}|{_FLOOR}),?[ \t]+"
    rf"(?:{_BUILDING},?[ \t]+|{_CAP}(?:[ \t]+{_CAP}){{0,3}},[ \t]+)?)?"
    rf"(?P<number>\d{{1,4}}[A-Za-z]?"
    rf"(?:[ \t]*[\-–][ \t]*\d{{1,4}}[A-Za-z]?)?),?[ \t]+(?P<street>(?:{_CAP}[ \t]+){{1,4}}?"
    # (or a northern street of one word, "12 Kirkgate", "40 Wellgate": never "Tailgate")
    rf"{_STREET_SUFFIX}|(?!Tailgate|Floodgate|Tollgate)[A-Z][a-z]+[b-df-hj-np-tv-z]gate)(?![\w])")
# a house number before one or two common words and a street's own type word is an address
# whatever the words mean ("3 High Street", "14 Market Street", "12 Long Lane"); "Way",
# "Court" and "Parade" are left out ("Section 8 Family Court", "Tier 2 Early Help Way")
_STREET_OF_WORDS_RE = re.compile(r"(?:[A-Z][a-z]+[ \t]+){1,2}(?:Road|Rd|Street|St|Lane|Avenue|"
                                 r"Ave|Close|Drive|Crescent|Terrace|Gardens|Grove|Mews)")
_STREET_ONLY_RE = re.compile(rf"(?<![\w'’])(?P<prefix>{_CAP}(?:[ \t]+{_CAP}){{0,2}})[ \t]+"
                             rf"(?P<type>{_STREET_STRONG})(?![\w])")
# a street with no number, its type abbreviated, which only a street's is: "on Wharf St",
# "Mill Rd" ("St" before a capital is a saint: "St Anne's")
_STREET_ABBREVIATED_RE = re.compile(rf"(?<![\w'’])(?P<prefix>{_CAP}(?:[ \t]+{_CAP})?)[ \t]+"
                                    r"(?:St(?![ \t]*[A-Z])|Rd|Ave|Tce|Pde)\.?(?![\w'’])")
_STREET_ABBREVIATION = re.compile(r"\b(?:St|Rd|Ave|Tce|Pde)\b")
_NOT_A_STREET_NAME = frozenset({"the", "a", "an", "on", "in", "at", "off", "near", "by", "to",
                                "from", "and", "or", "i"})
# a street with no number on an address line, before its town and postcode: "Station
# Approach, Mansfield NG18 1QD" (its words may all be common ones)
_STREET_ON_ADDRESS_LINE_RE = re.compile(
    rf"(?<![\w'’])(?P<street>{_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]+{_STREET_SUFFIX})"
    rf"(?=,?[ \t]+(?:{_CAP},?[ \t]+){{0,3}}[A-Z]{{1,2}}\d[A-Z\d]?[ \t]*\d[A-Z]{{2}}(?![\w]))")
# a flat or unit in a named building or estate with no house number, then its street: "Flat 6,
# Corran House, Bloxwich Road", "Unit 4, Cwrt Newydd Industrial Estate" (the town follows)
_FLAT_LINE_RE = re.compile(
    rf"(?<![\w]){_FLAT},?[ \t]+(?:{_BUILDING}|{_CAP}(?:[ \t]+{_CAP}){{0,3}}[ \t]+"
    r"(?:Industrial|Business|Trading|Retail|Enterprise)[ \t]+(?:Estate|Park|Centre))"
    rf"(?:,[ \t]+(?:{_CAP}[ \t]+){{1,3}}{_STREET_SUFFIX})?(?![\w])")
_FLAT_RE = re.compile(_FLAT)
_FLAT_WORD_BEFORE_RE = re.compile(r"(?<![\w])(?i:flat|apartment|apt|unit|room)\.?[ \t]+\Z")
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
# Scottish Gaelic too puts the type word first, with an article between: "2 Taigh na Mara",
# "14 Sràid a' Chnuic", "3 Rathad an Locha"
_GD_JOIN = r"(?:na|nan|an|am|a['’]|na[ \t]+h-|an[ \t]+t-)"
_GD_ADDRESS_RE = re.compile(
    rf"(?<![\w])\d{{1,4}}[A-Za-z]?,?[ \t]+(?P<type>Taigh|Tigh|Sràid|Sraid|Rathad|Cnoc|Bruach|"
    rf"Ceann|Cùl|Druim|Lòn|Achadh|Gleann|Cladach|Tobar|Baile)[ \t]+"
    rf"(?P<name>(?:{_GD_JOIN}[ \t]*)?{_CY_CAP}(?:[ \t]+{_CY_CAP})?)(?![\w])")
# a Welsh name joined by hyphens is a house, street or village ("27 Maes-y-Coed",
# "Bryn-y-Mor", "Pen-yr-Heol"): no English word or person is written so
_CY_HYPHENED_RE = re.compile(rf"(?<![\w'’\-])(?:\d{{1,4}}[A-Za-z]?,?[ \t]+)?{_CY_CAP}"
                             rf"-(?:y|yr|ar|dan|tan|uwch|is|['’]r|r)-{_CY_CAP}(?![\w'’])")
# a house's own name before its street: "The Old Forge, Brinkley Lane", "Rose Cottage, 4 Mill
# Lane" (with "The" or a house word, since "Kai, 4 Mill Lane" is a person)
_HOUSE_BEFORE_RE = re.compile(
    rf"(?<![\w'’])(?:The[ \t]+{_CAP}(?:[ \t]+{_CAP}){{0,2}}|{_CAP}(?:[ \t]+{_CAP}){{0,2}}?[ \t]+"
    r"(?:Cottage|Cottages|Farm|Barn|Forge|Mill|Lodge|House|Grange|Manor|Bungalow|Farmhouse|Hall|"
    r"View|Villa|Gables|Haven|Nook|Retreat))"
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
_FACILITY_AFTER_RE = re.compile(r"[ \t]+(?:family|contact|children['’]s|day|resource)[ \t]+"
                                r"centre\b|[ \t]+(?:care[ \t]+home|children['’]s[ \t]+home|"
                                r"hostel|refuge|nursery)\b")
# a PO Box and its town: "PO Box 4412, Tonbridge"
_PO_BOX_RE = re.compile(r"(?<![\w])(?i:P\.?[ \t]?O\.?[ \t]+Box)[ \t]*\d{1,6}(?![\w])")
_CY_STREET_ONLY_RE = re.compile(
    rf"(?<![\w'’])(?P<type>{_CY_STREET_STRONG})(?:['’]r)?[ \t]+(?P<name>{_CY_NAME})(?![\w])")
# an address abroad: the street's type word before its name ("ul. Kwiatowa 12/4", "Calle de
# Alcalá 45", "14 rue des Lilas", "Strada Mihai Eminescu nr. 7") or joined after it
# ("Lindenstraße 8", "45 Banpo-daero", "Seocho-gu"), a building's name before "Apt"
_ABROAD_TYPE = (r"(?:ul\.|ulica|al\.|aleja|os\.|osiedle|Calle|C/|Avenida|Avda\.|Av\.|Rua|"
                r"Travessa|Largo|[Rr]ue|[Aa]venue|[Bb]oulevard|Via|Viale|Piazza|Corso|Strada|"
                r"Str\.|Stradă|Bulevardul|Bd\.|Sokak|Sok\.|Sk\.|Caddesi|Cad\.|Cd\.|Mahallesi|"
                r"Mah\.|Jalan|Jl\.|Plac|Carrer|Camino|Chemin|Platz|Straat|Laan|Ulitsa|ulitsa|"
                # Ukrainian: "vul. Sadova 22, kv. 41", "prov. Tykhyi 3", "prosp. Nauky 14"
                r"vul\.|[Vv]ulytsia|prov\.|[Pp]rovulok|prosp\.|[Pp]rospekt)")
_ABROAD_JOIN = r"(?:de|del|de[ \t]+la|des|du|da|do|dos|das|di|della|von|van|der|le|la)"
_ABROAD_NAME = rf"(?:{_ABROAD_JOIN}[ \t]+)?{_CAP}(?:[ \t]+(?:{_ABROAD_JOIN}[ \t]+)?{_CAP}){{0,3}}"
# (and the flat after it: "22, kv. 41", "12, apt 4")
_ABROAD_NUMBER = (r"(?:,?[ \t]+(?:(?i:nr|no|n)\.?[ \t]*)?\d{1,5}[A-Za-z]?(?:[/\-]\d{1,4}[A-Za-z]?)?"
                  r"(?:,?[ \t]+(?i:kv|apt|app|lok)\.?[ \t]*\d{1,4}[A-Za-z]?)?)")
_ABROAD_STREET_RE = re.compile(
    rf"(?<![\w'’])(?:\d{{1,5}}[A-Za-z]?,?[ \t]+)?{_ABROAD_TYPE}[ \t]+{_ABROAD_NAME}"
    rf"{_ABROAD_NUMBER}?(?![\w])")
_ABROAD_SUFFIX_RE = re.compile(
    r"(?<![\w'’])(?:\d{1,5}[A-Za-z]?,?[ \t]+)?[A-ZÀ-Ý][\w'’]*(?:straße|strasse|gasse|weg|allee|"
    r"platz|gatan|vägen|gade|vej|katu|utca|-daero|-ro|-gil|-dong|-gu|-si|-ku|-shi|-cho|-machi)"
    rf"{_ABROAD_NUMBER}?(?![\w\-])")
_BUILDING_APT_RE = re.compile(
    rf"(?<![\w'’])(?:{_CAP}[ \t]+){{1,2}}(?=(?i:apt|apartment)\.?[ \t]+\d)")
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
_TOWN = (r"(?P<town>(?:Co\.[ \t]*|County[ \t]+)?[A-Z](?:[^\W\d_]|['’\-])+"
         r"(?:[ \t]+[A-Z](?:[^\W\d_]|['’\-])+)?)")
# an Irish county after the town: "Co. Fermanagh", "County Down"
_COUNTY_RE = re.compile(r"Co\.|County\b")
# the lower-case word after a townland's or village's name on an address line
_LOCALITY_AFTER_RE = re.compile(r"[ \t]+(?:townland|village|parish)(?![\w'’\-])")
_TOWN_AFTER_RES = (
    re.compile(rf",[ \t]*{_TOWN}(?![\w'’\-])"),
    re.compile(rf"[ \t]+{_TOWN}(?=[ \t]*(?:,|\.|;|\)|\r?\n|$|[ \t]+[A-Za-z]{{1,2}}\d))"),
    re.compile(rf",?[ \t]*\r?\n[ \t]*{_TOWN},?(?=[ \t]*(?:\r?\n|$))"),
)

# the town of a service or court named by it: "Citizens Advice Tonbridge", "the Family Court
# sitting at Tonbridge" (the service's and court's words stay)
_TOWN_OF_SERVICE_RE = re.compile(rf"(?:Citizens[ \t]+Advice|\b(?i:sitting[ \t]+at))[ \t]+{_TOWN}"
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
                     # a place word opening a longer name is part of it ("Harbour Lane …"),
                     # and so is a word before one ("Page Hall Road Surgery", "Page Valley
                     # Medical Centre"), unless a sentence's ("At Church Lane …")
                     and not (len(words) > 1 and (words[0].group(0).lower() in PLACE_WORDS
                                                  or _opens_place_name(words[0].group(0),
                                                                       words[1].group(0)))))
                     or words[0].group(0) in ("of", "and", "&", "the", "upon", "on", "in")
                     or _plan_verb(text, start + words[0].start(), words[0].group(0))):
        words.pop(0)
    # a question word, preposition or verb inside ends a heading, not a name: "How Amira
    # Feels About School" names no school
    for i in range(len(words) - 1, 0, -1):
        if _breaks_name(words[i].group(0)):
            words = words[i + 1:]
            break
    if not words or not any(_word_is_distinctive(w.group(0)) for w in words):
        return None
    return start + words[0].start(), prefix[words[0].start():]


# a plan's item opens with what to do, never a service's name: "c) Consider CAMHS", "- Refer
# Audiology"
_PLAN_VERBS = frozenset({"consider", "refer", "re-refer", "contact", "request", "arrange",
                         "chase", "inform", "notify", "liaise", "invite", "explore", "seek",
                         "discuss", "update", "signpost", "continue", "complete", "offer",
                         "email", "ring", "phone", "ask", "tell", "send", "share"})
_ITEM_START_RE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•–]|\(?(?:[a-z]|\d{1,2})[).:])?[ \t]*\Z")


def _plan_verb(text: str, at: int, word: str) -> bool:
    return word.lower() in _PLAN_VERBS and bool(
        _ITEM_START_RE.search(text, max(0, at - 12), at))


def _opens_place_name(word: str, following: str) -> bool:
    low = word.lower()
    return (word[:1].isupper() and not word.isupper() and following.lower() in PLACE_WORDS
            and low not in _INNER_BREAKS and low not in _SENTENCE_OPENERS
            and low not in _VERB_WORDS)


# words opening a sentence before a place's name, never part of it
_SENTENCE_OPENERS = frozenset({
    "at", "in", "on", "the", "a", "an", "and", "of", "to", "our", "this", "that", "these",
    "those", "today", "yesterday", "tomorrow", "tonight", "visited", "via", "near", "off",
    "also", "then", "now", "so", "not", "no", "yes", "ok", "re", "new", "old", "both", "all",
    "any", "some", "each", "every", "another", "other", "same", "local", "nearest", "usual"})


_INNER_BREAKS = frozenset({
    "about", "how", "what", "who", "why", "where", "when", "which", "for", "with", "from", "into",
    "onto", "my", "his", "her", "their", "your", "its", "is", "are", "was", "were", "has", "have",
    "had", "to", "at", "by", "if", "but", "or", "because", "than", "then", "said", "says"})


_VERB_WORDS = frozenset(v for v in VERBS if v.isalpha())


def _breaks_name(word: str) -> bool:
    low = word.lower().strip(",:;")
    return low in _INNER_BREAKS or low in _VERB_WORDS


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
_COMPASS = (r"(?:(?:North|South|East|West)(?:ern)?|Central|Mid)"
            r"(?:[ \t]+(?:North|South|East|West)(?:ern)?)?")
_COMPASS_BEFORE_RE = re.compile(rf"(?<![\w'’]){_COMPASS}[ \t]+\Z")


# a Northern Ireland trust by its region, in any case ("Southern Health and Social Care Trust",
# "SOUTH EASTERN HSC TRUST"): the region is its name
_REGION_TRUST_RE = re.compile(
    rf"(?i)(?<![\w'’]){_COMPASS}[ \t]+"
    r"(?:health[ \t]+(?:and|&)[ \t]+social[ \t]+care|hsc)[ \t]+trust(?![\w])")
# a regional adoption agency: "Adopt Severn Vale", "ADOPT NORTH MERE"
_ADOPT_RE = re.compile(r"(?<![\w'’])(?:Adopt|ADOPT)[ \t]+(?P<name>(?!A[ \t])[A-Z][\w'’\-]*"
                       r"(?:[ \t]+(?:&[ \t]+)?[A-Z][\w'’\-]*){0,2})")


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
            end = m.end()
            if service := _SERVICE_AFTER_RE.match(text, end):
                kind, end = "health", service.end()     # "… Health Centre Audiology"
            # a dental surgery is a health service, not a GP practice: the longer type wins
            priority = PRIORITY[kind] + (1 if kind == "health" else 0)
            out.append(Span(start, end, kind, priority,
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
    for m in _WELSH_BODY_RE.finditer(text):
        words = m.group("prefix").split()
        while words and words[-1].lower() in ("y", "yr", "a", "ac"):
            words.pop()
        end = m.start("prefix") + len(" ".join(words))
        if not protected.free(m.start(), end) or not any(
                _word_is_distinctive(w) and w.lower() not in _WELSH_BODY_WORDS for w in words):
            continue
        kind = "health" if any(w.lower() in _WELSH_HEALTH_WORDS for w in words) else "address"
        out.append(Span(m.start(), end, kind, PRIORITY[kind] + 1,
                        key=(kind, text[m.start():end].lower())))
    for m in finditer_in(_SCHOOL_FIRST_RE, text, windows(text, _SCHOOL_FIRST_ANCHOR, 12, 80)):
        words = m.group("prefix").split()
        while words and words[-1] in ("an", "na", "y", "yr", "a", "ac", "ap", "dan", "uwch"):
            words.pop()
        stem = " ".join(words)
        if words and any(_word_is_distinctive(w) for w in words):
            out.append(Span(m.start(), m.start("prefix") + len(stem), "school",
                            PRIORITY["school"] + 1, key=("school", stem.lower()), words=(stem,)))
    for m in _DR_PRACTICE_RE.finditer(text):
        out.append(Span(m.start(), m.end(), "gp", PRIORITY["gp"] + 1,
                        key=("gp", "dr " + m.group("prefix").lower())))
    for m in _REGION_TRUST_RE.finditer(text) if "rust" in text or "RUST" in text else ():
        if protected.free(m.start(), m.end()):
            out.append(Span(m.start(), m.end(), "health", PRIORITY["health"] + 2,
                            key=("health", m.group(0).lower())))
    for m in _ADOPT_RE.finditer(text) if "dopt" in text or "DOPT" in text else ():
        name = m.group("name")
        words = name.split()
        # a verb's object is no agency ("Adopt The Plan"); a heading's words after a dash stay
        # ("ADOPT SEVERN VALE - LETTERBOX LOG")
        if protected.free(m.start(), m.end()) and not any(
                w.lower() in STOP_WORDS for w in words[:1]):
            out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] + 1,
                            key=("address", name.lower())))
    out += _facilities(text, protected)
    if any(s.kind == "health" for s in out):
        out += _numbered_wards(text)
    return out


# a hospital's ward by its number or code: "Ward 21", "Ward C4" (not "Ward 3 times" nor a
# year); removed where the text names a hospital or health service, whose ward it is
_NUMBERED_WARD_RE = re.compile(r"(?<![\w'’])Ward[ \t]+(?P<code>[A-Z]{0,2}\d{1,3}[A-Z]?)"
                               r"(?![\w/:.\-])(?![ \t]+(?i:times|years?|months?|weeks?|days?|"
                               r"hours?|mins?)\b)")


def _numbered_wards(text: str) -> list[Span]:
    out = []
    for m in _NUMBERED_WARD_RE.finditer(text) if "Ward" in text else ():
        if not _after_title(text, m.start()) and not _given_names(
                text, Span(*_word_before(text, m.start()), "name", 0)):
            out.append(Span(m.start(), m.end(), "health", PRIORITY["health"],
                            key=("health", "ward " + m.group("code").lower())))
    return out


def _word_before(text: str, i: int) -> tuple[int, int]:
    """Where the word before ``i`` (across spaces) starts and ends."""
    end = len(text[:i].rstrip(" \t"))
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-"):
        start -= 1
    return start, end


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
    Service" is one area's) or nothing distinctive is left. A practice term inside the type
    does not count when the type's last word is free: "Ashgrove Mental Health Unit" is a place."""
    last = m.group("type").rsplit(None, 1)[-1]
    if not service and not protected.free(m.end("type") - len(last), m.end("type")):
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


# a body named by the people it is for, whose name is their nationality: "the Eritrean
# Embassy", "Somali Community Association" (not "British Association of …", national)
_PEOPLES_BODY_RE = re.compile(
    r"(?<![\w'’])(?!British|English|National|European|International)"
    r"[A-Z][a-z]+(?:an|ese|ish|i|ic)[ \t]+(?:Embassy|Consulate|High[ \t]+Commission|"
    r"(?:Community|Cultural|Welfare|Refugee|Women['’]s)[ \t]+(?:Association|Society|Centre|"
    r"Group|Project|Hub))(?![\w])")
_PEOPLES_BODY_ANCHOR = re.compile(r"Embassy|Consulate|Commission|Association|Society|Centre|"
                                  r"Group|Project|Hub")


# a body by its name with what it is in brackets after it, on its line or the next: "Seaview
# Adoption (Regional Adoption Agency)", "BRIDGEWAYS (independent fostering agency)"
_DESCRIBED_BODY_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|&)){{0,3}})[ \t]*(?:\r?\n[ \t]*)?"
    r"\((?i:(?:a|an|the)[ \t]+)?(?:(?i:(?:regional|independent|voluntary)[ \t]+)?"
    r"(?i:adoption|fostering)[ \t]+(?i:agency)|RAA|IFA|"
    r"(?i:(?:registered[ \t]+)?charity|housing[ \t]+association))\)")
_BODY_DESCRIPTION = re.compile(r"\((?i:(?:a|an|the)[ \t]+)?(?i:regional|independent|voluntary|"
                               r"adoption|fostering|RAA|IFA|registered|charity|housing)")
# a team by its name and age group: "Brookfield Rangers Girls U13s", "Hillside United Under 11s"
# ("the U12s" alone is no team's name)
_AGE_GROUP_TEAM_RE = re.compile(
    rf"(?<![\w'’])(?:{_CAP}[ \t]+){{0,3}}(?:Rangers|Rovers|United|Town|City|Athletic|Wanderers|"
    r"Albion|Celtic|Colts|Juniors|Youth|Harriers|Lions|Tigers|Eagles|A?FC|JFC)"
    r"(?:[ \t]+(?:Girls|Boys|Ladies|Women|Men|Youth))?[ \t]+(?:U|Under[ \t\-]?)\d{1,2}['’]?s?"
    r"(?![\w'’])")
_AGE_GROUP = re.compile(r"U(?:nder[ \t\-]?)?\d")


# a health board or area by its name after "NHS": "NHS Glenmorvan" (the service after it, "…
# CAMHS", stays a practice term); the nation's bodies are no one's area
_NHS_AREA_RE = re.compile(rf"(?<![\w'’])NHS[ \t]+(?P<name>{_CAP}(?:[ \t]+(?:(?!NHS\b){_CAP}|"
                          r"and|&)){0,3})(?![\w'’\-])")
_NHS_NATIONAL = frozenset({"england", "scotland", "wales", "digital", "direct", "choices",
                           "inform", "app", "login", "number", "trust", "foundation", "board",
                           "improvement", "resolution", "education", "protect", "test",
                           "borders", "24", "pathways", "jobs", "careers", "property",
                           "blood", "supply", "business", "counter", "fraud", "sussex"})
# a unit named by the town it is in: "the Urgent Treatment Centre at Ashby"
_UNIT_AT_TOWN_RE = re.compile(
    rf"(?<![\w'’])(?:Urgent[ \t]+Treatment[ \t]+Centre|Minor[ \t]+Injuries[ \t]+Unit|"
    rf"Walk-[Ii]n[ \t]+Centre|UTC|MIU)[ \t]+(?:at|in)[ \t]+(?P<town>{_CAP}(?:[ \t]+{_CAP}){{0,2}})"
    rf"(?![\w'’])")
# a place of worship named type first: "Masjid al-Huda", "Gurdwara Guru Nanak"
_WORSHIP_NAMED_RE = re.compile(
    r"(?<![\w'’])(?:(?:Jamia|Jame|Jami)[ \t]+)?(?:Masjid|Gurdwara|Mandir)[ \t]+"
    r"(?:(?i:al|el|an|ar|as|at|ul|e)[\-‘'’][A-Za-z][\w'’\-]*|[A-Z][\w'’\-]*)"
    r"(?:[ \t]+[A-Z][\w'’\-]*){0,2}")
# the street a body or venue is on, written after it: "… Solicitors, Station Parade"
_BODY_STREET_RE = re.compile(rf",[ \t]+(?P<street>(?:{_CAP}[ \t]+){{1,3}}{_STREET_SUFFIX})"
                              r"(?![\w'’])")
# a line in capitals: a heading, where a home's or centre's name is written ("LARKSPUR HOUSE")
_CAPITALS_LINE_RE = re.compile(r"^[^a-z\n]*[A-Z]{3,}[^a-z\n]*$", re.MULTILINE)
_HEADING_BUILDING_RE = re.compile(r"(?:HOUSE|LODGE|HOSTEL|CENTRE|CENTER)\Z")
_SMALL_WORDS = frozenset({"Of", "And", "The", "For", "In", "On", "To", "At", "By", "With"})
# a building's street after it is found on its own: the building may recur alone
_BUILDING_TYPE_RE = re.compile(r"(?:House|Lodge|Hall|Court|Hotel|Hostel|Foyer|Chambers)\Z")


def _titled(text: str) -> str | None:
    """``text`` with its lines in capitals written in Title Case (the same length), or None
    when it has none."""
    if not _CAPITALS_LINE_RE.search(text):
        return None
    def word(w: re.Match) -> str:
        titled = w.group(0)[0] + w.group(0)[1:].lower()
        return titled.lower() if titled in _SMALL_WORDS else titled

    return _CAPITALS_LINE_RE.sub(
        lambda line: re.sub(r"[A-Z][A-Z'’\-]+", word, line.group(0)), text)


def _street_after(text: str, end: int, protected: Mask) -> int:
    """Where a body's name ends with the street written after it."""
    street = _BODY_STREET_RE.match(text, end)
    if street and protected.free(street.start("street"), street.end("street")) \
            and street.group("street").split()[0].lower() not in _NOT_A_STREET_NAME:
        return street.end()
    return end


def _facilities(text: str, protected: Mask) -> list[Span]:
    """Family and community centres, learning centres, named health services, stations…
    (see ``_FACILITY_KINDS``), each with its type word; "the Family Centre" stays."""
    out = _typed_facilities(text, text, protected, windows(text, _FACILITY_ANCHOR, 120, 20))
    out += _described_bodies(text, protected)
    if (titled := _titled(text)) is not None:
        lines = [m.span() for m in _CAPITALS_LINE_RE.finditer(text)]
        out += [s for s in _typed_facilities(titled, text, protected, lines)
                if s.kind == "address" and _HEADING_BUILDING_RE.search(text, s.start, s.end)]
    for m in _NHS_AREA_RE.finditer(text) if "NHS" in text else ():
        words = []
        for w in re.finditer(r"\S+", m.group("name")):
            if w.group(0) not in ("and", "&") and not (
                    _word_is_distinctive(w.group(0)) and w.group(0).lower() not in _NHS_NATIONAL
                    and protected.free(m.start("name") + w.start(), m.start("name") + w.end())):
                break       # "NHS Glenmorvan CAMHS": the service is no part of the area
            words.append(w)
        while words and words[-1].group(0) in ("and", "&"):
            words.pop()
        if words:
            end = m.start("name") + words[-1].end()
            out.append(Span(m.start(), end, "health", PRIORITY["health"] + 2,
                            key=("health", text[m.start("name"):end].lower())))
    for m in _UNIT_AT_TOWN_RE.finditer(text) if " at " in text or " in " in text else ():
        if all(_word_is_distinctive(w) for w in m.group("town").split()):
            out.append(Span(m.start(), m.end(), "health", PRIORITY["health"] + 1,
                            key=("health", m.group(0).lower())))
    for m in _WORSHIP_NAMED_RE.finditer(text) if "Masjid" in text or "Gurdwara" in text \
            or "Mandir" in text else ():
        if protected.free(m.start(), m.end()):
            out.append(Span(m.start(), _street_after(text, m.end(), protected), "address",
                            PRIORITY["address"], key=("address", m.group(0).lower())))
    return out


def _typed_facilities(text: str, original: str, protected: Mask,
                      stretches: list[tuple[int, int]]) -> list[Span]:
    """The places of :func:`_facilities` found by their type word (in ``text``, which may be
    ``original`` with its headings in Title Case)."""
    out = []
    for m in finditer_in(_FACILITY_RE, text, stretches):
        # a service's type word may be a practice term alone ("Family Hub", "CAMHS", "RAA")
        named = _named(text, m, protected, service=m.group("type").endswith(
            ("Service", "Services", "Team", "Hub", "CAMHS", "RAA", "Agency", "Support",
             "Court", "Fostering", "Placements", "Jobcentre", "Plus", "Pathway", "Carers",
             "Group", "Network", "Project", "Breaks", "Break", "Housing", "Lodgings",
             "Adoption", "Paediatrics", "Audiology", "Shelter", "Refuge", "Foyer")))
        if named is None:
            continue
        # "the imam of Masjid al-Noor": the name comes after this type word, not before it
        if m.group("type") in ("Masjid", "Gurdwara", "Mandir") \
                and _WORSHIP_NAMED_RE.match(text, m.start("type")):
            continue
        start, at, prefix = named
        if at > m.start("prefix") and _WORSHIP_RE.search(m.group("type")):
            start = at = _church_name_start(text, m, at)
            prefix = text[at:m.start("type")].rstrip()
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
        if m.group("type").endswith("Council") and (
                other := _TOWN_AND_BEFORE_RE.search(text, max(0, start - 40), start)) \
                and any(_word_is_distinctive(w) for w in other.group("town").split()):
            start = other.start("town")     # "Brighton and Hove City Council"
        # a unit on a named ward goes with it: "Ward C2 Cardiology Day Unit"
        ward = _WARD_BEFORE_RE.search(text, 0, start) if kind == "health" else None
        start = ward.start() if ward else start
        if kind == "address" and re.fullmatch(r"Cent(?:re|er)", m.group("type")) \
                and _HEALTH_NEAR.search(_sentence_around(text, start, m.end())):
            kind = "health"         # "the Lime Tree Centre" for a child's assessment
        stem = _stem(prefix)
        end = m.end() if kind != "address" or _BUILDING_TYPE_RE.search(m.group("type")) \
            else _street_after(original, m.end(), protected)
        out.append(Span(start, end, kind, PRIORITY[kind],
                        key=(kind, stem.lower().replace("’", "'")), words=(stem,)))
    return out


def _described_bodies(text: str, protected: Mask) -> list[Span]:
    """Bodies by their people, by a description after them, teams by age group, pubs, the
    civic centre."""
    out = []
    for m in finditer_in(_PEOPLES_BODY_RE, text, windows(text, _PEOPLES_BODY_ANCHOR, 60, 20)):
        if protected.free(m.start(), m.end()):
            out.append(Span(m.start(), m.end(), "address", PRIORITY["address"],
                            key=("address", m.group(0).lower())))
    for m in finditer_in(_DESCRIBED_BODY_RE, text, windows(text, _BODY_DESCRIPTION, 80, 60)):
        words = m.group("name").split()
        if protected.free(m.start("name"), m.end("name")) \
                and any(_word_is_distinctive(w) for w in words):
            out.append(Span(m.start("name"), m.end("name"), "address", PRIORITY["address"],
                            key=("address", m.group("name").lower()), words=(m.group("name"),)))
    for m in finditer_in(_AGE_GROUP_TEAM_RE, text, windows(text, _AGE_GROUP, 80, 12)):
        # below a club found by its own name ("Thornleigh Rovers"), which goes as itself
        out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] - 1,
                        key=("address", m.group(0).lower())))
    for m in finditer_in(_PUB_BY_NAME_RE, text, windows(text, _PUB_WORD_RE, 90, 20)):
        name = m.group("name")
        # a pub's name is everyday words ("the Red Lion"): the word "pub" says it is one
        if protected.free(m.start("name"), m.end("name")) and _PUB_WORD_RE.search(
                text, m.end(), m.end() + 60) and not any(w.lower() in ROLES
                                                         for w in name.split()):
            out.append(Span(m.start("name"), m.end("name"), "address", PRIORITY["address"],
                            key=("address", name.lower())))
    for m in _CIVIC_CENTRE_RE.finditer(text) if "Civic" in text else ():
        out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] - 1,
                        key=("address", "civic centre")))
    return out


# a pub by its name alone, the text saying it is one: "in the Feathers most nights, the pub on
# the corner", "drinking at the Red Lion (pub)"
_PUB_BY_NAME_RE = re.compile(r"\b(?:in|at|to|from|outside|near|by)[ \t]+the[ \t]+"
                             r"(?P<name>[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+)?)(?![\w'’])")
_PUB_WORD_RE = re.compile(r"(?i)\b(?:pub|boozer|inn|tavern)\b")
# the first of two towns sharing a council: "Brereton and Wyndham Council"
_TOWN_AND_BEFORE_RE = re.compile(rf"(?<![\w'’])(?P<town>{_CAP}(?:[ \t]+{_CAP})?)[ \t]+and[ \t]+\Z")


def _church_name_start(text: str, m: re.Match, at: int) -> int:
    """A church's name may open with everyday words ("Living Waters", "New Life"): mid-sentence
    they are its name, unless a role or title ("Mum New Life Church" is unlikely, "Pastor")."""
    words = list(re.finditer(r"\S+", text[m.start("prefix"):at]))
    before = line_before(text, m.start("prefix"))
    if not re.search(r"[a-z][ \t]+\Z", before):
        return at       # a sentence's or line's first words may be the sentence's own
    while words and _breaks_name(words[0].group(0)):
        words.pop(0)
    if any(w.group(0).lower() in ROLES or w.group(0) in TITLES for w in words):
        return at
    return m.start("prefix") + words[0].start() if words else at


def _street_name_start(text: str, m: re.Match, trimmed: int) -> int:
    """Mid-sentence, the capitalised common words before a street's type word are its name
    ("back of Page Hall Road"), not words of the sentence, unless a role, title, month,
    letter or sentence word ("told Mum", "in June", "Said", "see Plan B")."""
    if trimmed == m.start("prefix") or not re.search(r"[a-z,][ \t]+\Z",
                                                     line_before(text, m.start("prefix"))):
        return trimmed
    dropped = text[m.start("prefix"):trimmed].split()
    if len(dropped) > 2 or re.match(r"\w\b", text[trimmed:trimmed + 2]):
        return trimmed          # "Plan B Hartley Road"
    if any(not w.isalpha() or len(w) < 3 or w.lower() in ROLES or w in TITLES
           or w.lower() in _NOT_A_PLACE or _breaks_name(w) or w.lower() in _NOT_A_STREET_NAME
           for w in dropped):
        return trimmed
    return m.start("prefix")


_ON_A_STREET_RE = re.compile(r"(?i)\b(?:on|in|at|off|along|from|to|near|by|into|onto)[ \t]+\Z")


def _common_street_name(text: str, m: re.Match) -> bool:
    """A street named by common words alone, mid-sentence, is still a street ("referred to
    Harbour Road probation office", "lives on Church Lane"); not a court or a "Way", which name
    other things ("Crown Court", "Best Way"), nor a role, title, month or sentence word."""
    before = line_before(text, m.start("prefix"))
    if m.group("type") in ("Way", "Court") or not re.search(r"[a-z,][ \t]+\Z", before):
        return False
    return not any(not w.isalpha() or len(w) < 3 or w.isupper() or w.lower() in ROLES
                   or w in TITLES or w.lower() in _NOT_A_PLACE or _breaks_name(w)
                   or w.lower() in _NOT_A_STREET_NAME for w in m.group("prefix").split())


def _with_house_name(text: str, start: int) -> int:
    """Where an address starts when a house's name is written before its street."""
    house = _HOUSE_BEFORE_RE.search(line_before(text, start))
    return start - len(house.group(0)) if house else start


# a town or village abroad by its common first word and a joining word: "Vila do Sol", "Rio de
# la Plata", "Puerto de la Cruz" (a person's "da Silva" has no such first word)
_PLACE_ABROAD_RE = re.compile(
    rf"(?<![\w'’])(?:Vila|Villa|Vilanova|Rio|San|Santa|Santo|São|Sao|Porto|Puerto|Praia|Playa|"
    rf"Costa|Cala|Ciudad|Cidade|Castel|Castello|Castillo|Monte|Ponte|Torre|Quinta|Aldea|"
    rf"Nova|Nueva|Nuevo|Villeneuve|Saint|Sainte|Bad|Sankt)[ \t]+{_ABROAD_JOIN}[ \t]+{_CAP}"
    rf"(?:[ \t]+{_CAP})?(?![\w'’])")


def find_addresses_abroad(text: str, protected: Mask) -> list[Span]:
    """Streets abroad, with their numbers: taken before dates, so "ul. Kwiatowa 12/4" is
    one address, not a street and a date."""
    out = []
    for regex in (_ABROAD_STREET_RE, _ABROAD_SUFFIX_RE):
        for m in regex.finditer(text):
            if protected.free(m.start(), m.end()):
                out.append(Span(m.start(), m.end(), "address", PRIORITY["date"] + 1,
                                key=" ".join(m.group(0).lower().split())))
    for m in _PLACE_ABROAD_RE.finditer(text):
        if protected.free(m.start(), m.end()):
            out.append(Span(m.start(), m.end(), "address", PRIORITY["address"],
                            key=("place", " ".join(m.group(0).lower().split()))))
    for m in _BUILDING_APT_RE.finditer(text):
        flat = _FLAT_RE.match(text, m.end())
        words = list(re.finditer(r"\S+", m.group(0)))
        while words and _breaks_name(words[0].group(0)):
            words.pop(0)        # "At Apt 4": the sentence's word
        if flat and words:
            start = m.start() + words[0].start()
            out.append(Span(start, flat.end(), "address", PRIORITY["date"] + 1,
                            key=" ".join(text[start:flat.end()].lower().split())))
    return out


def find_addresses(text: str, protected: Mask) -> list[Span]:
    """Addresses: number and street (and town), a distinctive street name, a flat."""
    out = []

    capitals = never_initials()     # "…, PPN submitted": an acronym is no town

    def extend(end: int) -> int:
        for i in range(3):          # a townland or village, a town, then its county
            t = next((t for regex in _TOWN_AFTER_RES if (t := regex.match(text, end))), None)
            if not t or any(w.lower() in STOP_WORDS or w.upper() in capitals
                            for w in t.group("town").split()) \
                    or (i == 2 and not _COUNTY_RE.match(t.group("town"))):
                break
            end = t.end("town")
            if local := _LOCALITY_AFTER_RE.match(text, end):
                end = local.end()       # "Derrylea townland"
        return end

    for m in _ADDRESS_RE.finditer(text):
        street = m.group("street")
        suffix_start = m.start("street") + street.rfind(street.split()[-1])
        if not protected.free(suffix_start, m.end()):
            continue
        words = street.split()[:-1]
        if words and all(w.lower() in STOP_WORDS and w.lower() not in PLACE_WORDS
               and w.lower() not in ("st", "st.", "the") for w in words) \
                and not _STREET_OF_WORDS_RE.fullmatch(street):
            continue      # "2 Core Group Way" protected; "3 High Street", "14 Fast Lane" not
        end = extend(m.end())
        # "Apartment 3, Abbey Street Mews": the flat's number, read as a house number, with it
        flat = _FLAT_WORD_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
        begin = flat.start() if flat and "," in text[m.start("number"):m.start("street")] \
            else m.start()
        # the street alone too, for when the house's name is found as a building of its own
        for start in {_with_house_name(text, begin), begin}:
            out.append(Span(start, end, "address", PRIORITY["address"],
                            key=" ".join(text[start:end].lower().replace(",", " ").split())))
    for m in _STREET_ONLY_RE.finditer(text):
        if not protected.free(m.start("type"), m.end("type")):
            continue
        if m.group("type") == "Parade" and not _ON_A_STREET_RE.search(
                line_before(text, m.start("prefix"))):
            continue        # "the takeaway on Station Parade"; never "watched the Pride Parade"
        trimmed = _trim_prefix(text, m.start("prefix"), m.group("prefix"))
        if trimmed is None and _common_street_name(text, m):
            trimmed = (m.start("prefix"), m.group("prefix"))
        if trimmed is None:
            continue
        end = extend(m.end())
        begin = _street_name_start(text, m, trimmed[0])
        for start in {_with_house_name(text, begin), begin}:
            out.append(Span(start, end, "address", PRIORITY["address"] - 1,
                            key=" ".join(text[start:end].lower().replace(",", " ").split())))
    for m in finditer_in(_STREET_ABBREVIATED_RE, text,
                         windows(text, _STREET_ABBREVIATION, 80, 4)):
        words = list(re.finditer(r"\S+", m.group("prefix")))
        while words and (words[0].group(0).lower() in _NOT_A_STREET_NAME
                         or _breaks_name(words[0].group(0))):
            words.pop(0)
        if words and not any(w.group(0) in TITLES or w.group(0).lower() in ROLES
                             for w in words) and protected.free(m.start(), m.end()):
            start = m.start("prefix") + words[0].start()
            end = extend(m.end())
            out.append(Span(start, end, "address", PRIORITY["address"] - 1,
                            key=" ".join(text[start:end].lower().replace(",", " ").split())))
    for m in _STREET_ON_ADDRESS_LINE_RE.finditer(text):
        if protected.free(m.start(), m.end()):
            out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] - 2,
                            key=" ".join(m.group(0).lower().split())))
    for regex, priority in ((_CY_ADDRESS_RE, PRIORITY["address"]),
                            (_GD_ADDRESS_RE, PRIORITY["address"]),
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
        # "at The Hollies family centre": its kind after it names it, words or not
        kind_after = _FACILITY_AFTER_RE.match(text, m.end())
        if not kind_after and not any(_word_is_distinctive(w) for w in words):
            continue
        called = not re.match(r"(?i)(?:at|from|to)\b", m.group(0))
        if not called and not kind_after \
                and not _VENUE_CUE_RE.search(_sentence_around(text, m.start(), m.end())):
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
        if m.group(0)[:4].lower() == "room" and _FLAT_RE.fullmatch(m.group(0)):
            continue        # a meeting room or a hostel's room alone: its building is gone
        out.append(Span(m.start(), m.end(), "address", PRIORITY["address"] - 2,
                        key=" ".join(m.group(0).lower().split())))
    for m in _PRISON_RE.finditer(text) if "HM" in text else ():
        if _word_is_distinctive(m.group("name").split()[0]):
            out.append(Span(m.start(), m.end(), "address", PRIORITY["address"],
                            key=("place", m.group("name").lower())))
    for m in _ISLE_OF_RE.finditer(text) if " of " in text else ():
        out.append(Span(m.start(), m.end(), "address", PRIORITY["address"],
                        key=("place", m.group(0).lower())))
    for m in _WHAT3WORDS_RE.finditer(text):
        start = m.start("words") - 3 * text.startswith("///", m.start("words") - 3)
        out.append(Span(start, m.end(), "address", PRIORITY["address"],
                        key=m.group("words").lower()))
    return out + _parks(text, protected) + _towns_abroad(text) + _places_after_cue(text) \
        + _house_numbers(text) + _irish_place_names(text, protected)


# a place's name in Irish or Scottish Gaelic: capitalised words joined by "na", "nan" or "a'",
# or with a mutated word (a small letter or two before the capital: "hAbhann", "nGall",
# "t-Sruthain"): "Baile na hAbhann Mór", "Dún na nGall", "Tigh a' Chomhairle", "Àird an
# t-Sruthain"
_IRISH_WORD = r"[A-ZÁÉÍÓÚÀÈÌÒÙ][a-záéíóúàèìòù]+"
_MUTATED = (r"(?:(?:h|n|t|bh|mb|gc|nd|ng|bp|dt)|[thn]-)[A-ZÁÉÍÓÚÀÈÌÒÙ][a-záéíóúàèìòù]+")
_IRISH_PLACE_RE = re.compile(
    rf"(?<![\w'’]){_IRISH_WORD}(?:[ \t]+(?:(?:na|nan|an|a['’])[ \t]+)?"
    rf"(?:{_IRISH_WORD}|{_MUTATED})){{1,3}}(?![\w'’])")
_IRISH_JOIN_RE = re.compile(rf"[ \t](?:(?:na|nan|a['’])[ \t]+(?:{_IRISH_WORD}|{_MUTATED})|"
                            rf"(?:an[ \t]+)?{_MUTATED})(?![\w'’])")


_IRISH_NAME_PARTICLES = frozenset({"Mac", "Nic", "Ní", "Ó", "Ua", "Uí", "Mhic", "Bean"})


def _irish_place_names(text: str, protected: Mask) -> list[Span]:
    if " na " not in text and " a'" not in text and " a’" not in text \
            and not re.search(_MUTATED, text):
        return []
    out = []
    for m in _IRISH_PLACE_RE.finditer(text):
        words = m.group(0).split()
        if any(w in _IRISH_NAME_PARTICLES for w in words) or words[0].lower() in FIRST_NAMES:
            continue        # a person: "Siobhán Nic an tSionnaigh", "Seán Mac an tSaoi"
        if _IRISH_JOIN_RE.search(m.group(0)) and protected.free(m.start(), m.end()):
            out.append(Span(m.start(), m.end(), "address", PRIORITY["address"],
                            key=("place", m.group(0).lower())))
    return out


# a neighbour's home by its number alone, where a clause ends: "the family at no. 29.", "the
# flat opposite (no 31)", "Mr Nowak, no 36 (…)": never a count ("no 5 times", "no. of
# visits"), a case's number (longer, a reference) nor a list's item ("point no. 3")
_HOUSE_NUMBER_RE = re.compile(
    r"(?:(?<![\w'’])(?i:at|from|to|next[ \t]+door[ \t]+at|lives[ \t]+at|opposite|above|below)"
    r"[ \t]+|\([ \t]*|(?<=[a-z])[ \t]*,?[ \t]+)(?P<no>(?i:no|number)\.?[ \t]?\d{1,3}[A-Za-z]?)"
    r"(?![\w/\-]|[.:]\d)(?=[ \t]*(?:[(),.;:\-–]|\r?\n|\Z))")


def _house_numbers(text: str) -> list[Span]:
    if "no" not in text.lower():
        return []
    out = []
    for m in _HOUSE_NUMBER_RE.finditer(text):
        before = line_before(text, m.start())
        if re.search(r"(?i)\b(?:case|ref|reference|item|point|page|question|session|visit|"
                     r"week|stage|step|room|ward|bed|bus|route|platform|gate|size|exhibit|"
                     r"appointment|contact|entry|section|para(?:graph)?|review|plan|meeting|"
                     r"conference|panel|hearing|version|issue|attempt|child|sibling)\w*[ \t]*\Z",
                     before):
            continue
        out.append(Span(m.start("no"), m.end("no"), "address", PRIORITY["address"],
                        key=("place", m.group("no").lower())))
    return out


# a prison by its name after HMP ("HMP Northmoor", "HMP & YOI Eastfield")
_PRISON_RE = re.compile(rf"(?<![\w])(?:HMP(?:[ \t]*(?:&|and)[ \t]*YOI)?|HMYOI|HMPYOI|"
                        rf"HM[ \t]+Prison(?:[ \t]+(?:&|and)[ \t]+YOI)?)[ \t]+"
                        rf"(?P<name>{_CAP}(?:[ \t]+{_CAP})?)(?![\w'’])")
# an island, vale or forest by its name: "the Isle of Skye", "Vale of Glamorgan"
_ISLE_OF_RE = re.compile(rf"(?<![\w'’])(?:Isles?|Vale|Forest)[ \t]+of[ \t]+{_CAP}(?![\w'’])")
# a what3words address: "///ladder.sparrow.fencing", "w3w: ladder.sparrow.fencing"
_WHAT3WORDS_RE = re.compile(r"(?:(?<![\w/])///|\b(?i:what3words|w3w)\b[ \t]*:?[ \t]*(?:///)?)"
                            r"(?P<words>[^\W\d_]+\.[^\W\d_]+\.[^\W\d_]+)(?![\w]|\.\w)")
# a park by its name, even of common words ("Grange Park", "Memorial Park"); not a kind of
# park ("Car Park", "Skate Park") nor a person ("Mr Park", "Ji-woo Park")
# (and a recreation ground or playing field: "Hartley Rec", "Moor Lane Playing Fields")
_PARK_RE = re.compile(rf"(?<![\w'’])(?P<prefix>{_CAP}(?:[ \t]+{_CAP}){{0,2}})[ \t]+"
                      r"(?:Park|Rec|Recreation[ \t]+Ground|Playing[ \t]+Fields?)"
                      rf"(?![\w'’])(?![ \t]+[A-Z])")
_KINDS_OF_PARK = frozenset({"car", "skate", "retail", "business", "industrial", "science", "theme",
                            "water", "safari", "country", "national", "holiday", "caravan",
                            "trampoline", "play", "mobile", "home", "trailer", "technology",
                            "enterprise", "office", "leisure", "amusement", "ball", "dog",
                            "nature", "the", "a"})


def _parks(text: str, protected: Mask) -> list[Span]:
    out = []
    for m in _PARK_RE.finditer(text) if re.search(r"Park|Rec|Playing", text) else ():
        if not protected.free(m.start(), m.end()):
            continue
        trimmed = _trim_prefix(text, m.start("prefix"), m.group("prefix"))
        if trimmed is None:
            continue
        at, prefix = trimmed
        words = prefix.split()
        if words[-1].lower() in _KINDS_OF_PARK or re.search(r"-[a-z]", prefix) \
                or re.search(r"\b(?:" + "|".join(map(re.escape, TITLES)) + r")\.?[ \t]+\Z",
                             text[max(0, at - 12):at], re.IGNORECASE):
            continue
        out.append(Span(at, m.end(), "address", PRIORITY["address"] - 2,
                        key=("place", text[at:m.end()].lower())))
    return out


# a town abroad with its country: "of Kingston, Jamaica" (the country goes with it)
_COUNTRIES = (r"(?:Jamaica|Trinidad|Barbados|Ghana|Nigeria|Kenya|Uganda|Zimbabwe|Zambia|"
              r"Somalia|Somaliland|Ethiopia|Eritrea|Sudan|Egypt|Morocco|Algeria|Libya|"
              r"Pakistan|India|Bangladesh|Sri[ \t]+Lanka|Afghanistan|Iran|Iraq|Syria|Yemen|"
              r"Turkey|Poland|Romania|Lithuania|Latvia|Slovakia|Czechia|Hungary|Bulgaria|"
              r"Albania|Kosovo|Ukraine|Russia|Portugal|Spain|France|Italy|Germany|Greece|"
              r"Ireland|Philippines|China|Vietnam|Hong[ \t]+Kong|Brazil|Colombia|Eritrea|"
              r"Congo|DRC|Cameroon|Sierra[ \t]+Leone|Gambia|Senegal|Malawi|Tanzania|"
              r"South[ \t]+Africa|Australia|Canada|USA|the[ \t]+US|Spain|Cyprus|Malta|"
              r"Netherlands|the[ \t]+Netherlands|Belgium|Denmark|Sweden|Norway|Finland|Austria|"
              r"Switzerland|Czech[ \t]+Republic|Serbia|Croatia|Bosnia|Moldova|Armenia|"
              r"Lebanon|Kuwait|Qatar|UAE|Saudi[ \t]+Arabia|Libya|Tunisia|Mali|"
              r"Guinea|Liberia|Rwanda|Burundi|Angola|Mozambique|Namibia|Botswana|Djibouti|"
              r"Nepal|Myanmar|Thailand|Malaysia|Indonesia|Japan|(?:South[ \t]+)?Korea|Mexico|"
              r"Venezuela|Ecuador|Peru|Chile|Argentina|Guyana|New[ \t]+Zealand|Kurdistan)")
_TOWN_ABROAD_RE = re.compile(rf"\b(?i:of|in|from|to|near|at|outside)[ \t]+(?P<place>(?P<town>"
                             rf"{_CAP}(?:[ \t]+{_CAP})?),[ \t]+{_COUNTRIES})(?![\w'’])")


def _towns_abroad(text: str) -> list[Span]:
    return [Span(m.start("place"), m.end("place"), "address", PRIORITY["address"],
                 key=("place", m.group("place").lower()))
            for m in _TOWN_ABROAD_RE.finditer(text)
            if _word_is_distinctive(m.group("town").split()[0])]


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
        names = r"[ \t]+".join(re.escape(w) for w in words)
        if len(words) > 1 and _coined(words[0]):
            names += "|" + re.escape(words[0])     # "BrightPath" of "BrightPath Coaching Ltd"
        pattern = rf"(?<![\w'’])(?:{names})(?![\w])(?![ \t]+[A-Z][a-z])"
        for m in re.finditer(pattern, text):
            if mask.free(m.start(), m.end()):
                out.append(Span(m.start(), m.end(), span.kind, PRIORITY[span.kind],
                                key=span.key))
    return out + _institution_initials(text, accepted, mask)


def _coined(word: str) -> bool:
    """A firm's coined word, a name no list or dictionary holds, two words run together
    ("BrightPath") or none at all."""
    low = word.lower()
    return bool(re.fullmatch(r"[A-Z][a-z]+[A-Z][a-z]+", word)) or not (
        is_english(word) or low in STOP_WORDS or low in FIRST_NAMES or low in SURNAMES
        or low in PLACE_WORDS or low in INSTITUTION_WORDS or not word.isalpha())


def _institution_initials(text: str, accepted: list[Span], mask: Mask) -> list[Span]:
    """A school's or service's initials used alone ("KC" after "Kingsmead College"), with its
    placeholder; never a practice acronym."""
    capitals = never_initials()
    initials: dict[str, Span] = {}
    out = []
    for span in accepted:
        if span.kind in ("school", "gp", "health") or (span.kind == "address" and span.words):
            words = [w for w in re.findall(r"[A-Z][\w'’\-]*", text[span.start:span.end])
                     if w != "The"]
            letters = "".join(w[0] for w in words)
            if 2 <= len(letters) <= 4 and letters not in capitals:
                initials.setdefault(letters, span)
            elif 2 <= len(letters) <= 4 and (defined := re.match(
                    rf"[ \t]*\(({letters})\)", text[span.end:span.end + 12])) \
                    and mask.free(span.end + defined.start(1), span.end + defined.end(1)):
                # an acronym too, but defined here as the name's ("… College (CPC)")
                out.append(Span(span.end + defined.start(1), span.end + defined.end(1),
                                span.kind, PRIORITY[span.kind] - 5, key=span.key))
    if not initials:
        return out
    pattern = r"(?<![\w'’\-])(?:" + "|".join(initials) + r")(?![\w\-])"
    for m in re.finditer(pattern, text):
        if mask.free(m.start(), m.end()):
            span = initials[m.group(0)]
            out.append(Span(m.start(), m.end(), span.kind, PRIORITY[span.kind] - 5,
                            key=span.key))
    return out


# ---- after every finder: an address line taken whole, a saint's name for a church

# the parts of an address line, between its commas: a flat, suite or floor; a building by its
# name ("Albion Mills", "The Old Post Office"); a street, numbered or not ("Market Place",
# "5-7 Brunel Arcade"); then its town (and county) before the postcode or the line's end
_LINE_UNIT_RE = re.compile(
    rf"{_FLAT}|(?i:suite|floor|block)[ \t]+\w{{1,4}}|(?:Ground|Lower[ \t]+Ground|First|Second|"
    r"Third|Fourth|Top|Upper|Lower|Basement)[ \t]+Floor")
_LINE_BUILDING_RE = re.compile(
    rf"(?:The[ \t]+{_CAP}(?:[ \t]+{_CAP}){{0,4}}|{_CAP}(?:[ \t]+{_CAP}){{0,3}}[ \t]+"
    r"(?:House|Mills?|Works|Court|Lodge|Hotel|Office|Offices|Buildings|Chambers|Arcade|Towers?|"
    r"Hall|Farm|Cottage|Barn|Mansions|Apartments|Heights|Point|Block|Wharf|Exchange|Yard|"
    r"Estate|Park|Plaza|Precinct|Studios|Centre|Center|"
    # a venue or a room in a building: "Ironworks Gym, Kirkstall Road", "Harbour Room, Civic
    # Offices"
    r"Gym|Club|Inn|Arms|Tavern|Bar|Caf[eé]|Stadium|Arena|Rooms?|Suite|Lounge))")
# the end of an address line's first part, after the sentence's words: "Venue: Harbour Room"
_LINE_PART_END_RE = re.compile(rf"(?<![\w'’\-])(?:{_LINE_BUILDING_RE.pattern})\Z")
_LINE_STREET_RE = re.compile(
    rf"(?:\d{{1,4}}[A-Za-z]?(?:[ \t]*[\-–][ \t]*\d{{1,4}}[A-Za-z]?)?,?[ \t]+)?"
    rf"(?:{_CAP}[ \t]+){{1,4}}(?:{_STREET_SUFFIX}|Arcade|Precinct)"
    rf"|\d{{1,4}}[A-Za-z]?(?:[ \t]*[\-–][ \t]*\d{{1,4}}[A-Za-z]?)?[ \t]+{_CAP}"
    rf"(?:[ \t]+{_CAP}){{0,3}}")
_LINE_TOWN_RE = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:upon|on|under|in|le)[ \t]+)?{_CAP}){{0,2}}")
# a building's flat number before its name: "flat at 41 Larch House"
_NUMBER_BEFORE_RE = re.compile(r"(?<![\w.,:/£$])\d{1,4}[A-Za-z]?[ \t]+\Z")
_BLOCK_RE = re.compile(r"(?:House|Court|Lodge|Mansions|Towers?|Buildings|Apartments|Heights|"
                       r"Point|Block|Flats)\Z")
_SAINT_BEFORE_RE = re.compile(r"(?<![\w'’])(?:St\.?|Saint)[ \t]+\Z")


def _address_part(text: str, start: int, end: int) -> bool:
    part = text[start:end]
    if part.isupper():
        part = part.title()         # a police record's "IRONWORKS GYM, KIRKSTALL ROAD"
    return any(regex.fullmatch(part) for regex in (_LINE_UNIT_RE, _LINE_BUILDING_RE,
                                                   _LINE_STREET_RE))


def join_addresses(text: str, spans: list[Span]) -> None:
    """Take each address line whole (``spans`` changed in place): the comma-separated parts
    round an address or before a postcode ("Suite 4, Albion Mills, Leeds Road, Dewsbury",
    "Kestrel Lodge Hotel, Station Approach") become one address, the names and places found
    in it included; a flat number before a block's name goes with it ("41 Larch House"); and
    "St Colmcille's", a saint's name standing for a church or school, is a place, not a
    person."""
    spans.sort(key=lambda s: s.start)
    taken = Mask(len(text))
    for s in spans:
        taken.add(s.start, s.end)
    for s in spans:
        before = max(0, s.start - 8)
        if s.kind == "address" and _BLOCK_RE.search(text, s.start, s.end) \
                and (number := _NUMBER_BEFORE_RE.search(text, before, s.start)) \
                and taken.free(number.start(), number.end()):
            s.start = number.start()
        elif s.kind == "name" and (saint := _SAINT_BEFORE_RE.search(text, before, s.start)) \
                and re.match(r"['’]s(?![\w'’])(?![ \t]+[A-Z])", text[s.end:s.end + 5]) \
                and taken.free(saint.start(), saint.end()):
            # "St Colmcille's every Sunday" ("St Mary's Hospital" is the hospital's)
            s.start, s.end, s.kind, s.priority = saint.start(), s.end + 2, "address", \
                PRIORITY["address"]
            s.key, s.words = ("place", text[s.start:s.end].lower().replace("’", "'")), ()
    spans += _towns_after_institutions(text, spans, taken)
    for line_start, line_end in _address_lines(text, spans):
        _join_line(text, spans, line_start, line_end)


# the town after a named school, practice or clinic, ending its line or before a bracket:
# "Bright Smile Dental, Hope (GDP)", "Oakfield Surgery, Long Ashby"
_TOWN_AFTER_RE = re.compile(r",[ \t]*(?P<town>[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+)?)"
                            r"(?=[ \t]*(?:\(|\r?\n|\Z))")


def _towns_after_institutions(text: str, spans: list[Span], taken: Mask) -> list[Span]:
    out = []
    for s in spans:
        if s.kind not in ("school", "gp", "health"):
            continue
        m = _TOWN_AFTER_RE.match(text, s.end)
        if m is None:
            continue
        words = m.group("town").split()
        if any(w.lower() in STOP_WORDS or w in TITLES or w.lower() in ROLES
               or w.upper() in never_initials() for w in words):
            continue        # "…, Mum", "…, Tuesday", "…, Dr"
        start, end = m.span("town")
        key = ("place", m.group("town").lower())
        if taken.free(start, end):
            out.append(Span(start, end, "address", PRIORITY["address"], key=key))
        for o in spans:     # read as a person's name: it is the town
            if o.kind == "name" and o.start == start and o.end == end:
                o.kind, o.key, o.words = "address", key, ()
    return out


def _address_lines(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """The lines holding a comma and an address or postcode."""
    lines = set()
    for s in spans:
        if s.kind in ("address", "postcode") or _place_read_as_name(text, s):
            start = text.rfind("\n", 0, s.start) + 1
            end = text.find("\n", s.end)
            end = len(text) if end < 0 else end
            if "," in text[start:end]:
                lines.add((start, end))
    return sorted(lines)


_PART_CUT_RE = re.compile(r",|[ \t]*\t[ \t]*|[ ]{3,}")


def _join_line(text: str, spans: list[Span], line_start: int, line_end: int) -> None:
    inside = [s for s in spans if line_start <= s.start < line_end]
    postcode = next((s for s in inside if s.kind == "postcode"), None)
    stop = postcode.start if postcode else line_end
    # the parts between commas (and a table's column gaps: "Venue: Harbour Room, Civic
    # Offices, Minster Square     Panel ref: …"), without their spaces
    cuts = [(line_start - 1, line_start)] + [
        m.span() for m in _PART_CUT_RE.finditer(text, line_start, stop)] + [(stop, stop)]
    parts = []
    for (_, a), (b, _) in itertools.pairwise(cuts):
        piece = text[a:b]
        if piece.strip():
            parts.append((b - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())))
    addresses = [s for s in inside if s.kind == "address" or _place_read_as_name(text, s)]
    others = [s for s in inside if s.kind not in ("address", "name")]

    def part_of_address(a: int, b: int) -> bool:
        whole = _address_part(text, a, b) or any(s.start == a and s.end == b for s in addresses)
        return whole and not any(s.start < b and a < s.end for s in others)  # "12 March"

    i = 0
    while i < len(parts):
        a, b = parts[i]
        # the first part may open with the sentence's words: "… at Kingfisher House"
        start = a if part_of_address(a, b) else next(
            (s.start for s in addresses if a <= s.start and s.end == b), None)
        if start is None and (tail := _part_end(text, a, b)) is not None \
                and not any(o.start < b and a + tail < o.end for o in others):
            start = a + tail
        j = i + 1
        while start is not None and j < len(parts) and part_of_address(*parts[j]):
            j += 1
        if j - i < 2:           # a street and its town alone stay as found
            i += 1
            continue
        end = parts[j - 1][1]
        for k in range(j, min(j + 2, len(parts))):
            town = _LINE_TOWN_RE.match(text, *parts[k])       # its town, then county
            if not town or any(w.lower() in STOP_WORDS for w in town.group(0).split()):
                break
            end, j = town.end(), k + 1
            if town.end() < parts[k][1]:
                break           # "Brereton on 2 September": the sentence goes on
        if _not_all_found(text, inside, start, end) and (
                any(start <= s.start and s.end <= end for s in addresses)
                or (postcode and j == len(parts))):
            _replace_with_address(text, spans, start, end)
        i = j


def _part_end(text: str, a: int, b: int) -> int | None:
    """Where a building or room ends the part of a line from ``a`` to ``b`` ("Venue: Harbour
    Room"), in capitals too: its offset in the part."""
    part = text[a:b]
    end = _LINE_PART_END_RE.search(part.title() if part.isupper() else part)
    return end.start() if end else None


# a building's or street's type word no surname is ("Civic Offices", "Minster Square"; not
# "Amy Hall", "Tom Court")
_NO_SURNAME_TYPE_RE = re.compile(r"(?:Square|Street|Road|Avenue|Lane|Offices?|Mills|Works|"
                                 r"Buildings|Chambers|Cent(?:re|er)|Rooms?|Suite|Gym)\Z")


def _place_read_as_name(text: str, s: Span) -> bool:
    """A name span that is a building or street by its type word: a part of an address line."""
    return s.kind == "name" and bool(_NO_SURNAME_TYPE_RE.search(text, s.start, s.end)) \
        and _address_part(text, s.start, s.end)


def _not_all_found(text: str, spans: list[Span], start: int, end: int) -> bool:
    """Whether a letter between ``start`` and ``end`` is in no span yet or taken for a name
    ("Quay Street" after a building, "North Parade" as a name): else the parts stay as found."""
    covered = bytearray(end - start)
    for s in spans:
        a, b = max(s.start, start), min(s.end, end)
        if a < b and s.kind != "name":
            covered[a - start:b - start] = b"\x01" * (b - a)
    return any(ch.isalpha() and not covered[i] for i, ch in enumerate(text[start:end]))


def _replace_with_address(text: str, spans: list[Span], start: int, end: int) -> None:
    """One address span from ``start`` to ``end``, in place of the names and addresses in it."""
    if any(s.start < start < s.end or s.start < end < s.end for s in spans) \
            or any(s.start == start and s.end == end for s in spans):
        return          # a span crossing its edge: left as found
    spans[:] = [s for s in spans if not (start <= s.start and s.end <= end)]
    spans.append(Span(start, end, "address", PRIORITY["address"],
                      key=" ".join(text[start:end].lower().replace(",", " ").split())))
    spans.sort(key=lambda s: s.start)


# ---- after every finder: what is left of a place's name once its own words were taken

# the word ending a body's or place's name, saying what it is ("[Tamworth] Women's Aid",
# "[Hayling Sands] Holiday Park", "St [Hilda]'s Junior"): the words before it, up to a
# removed name, are the rest of that name; its kind is decided by this last word
_NAME_END_KINDS = (
    ("school", r"Juniors?|Infants?|Primary|Nursery|Academy|College|School|Pre-?[Ss]chool"),
    # "[Sheffield] Children's": a children's hospital by its town
    ("health", r"ED|A&E|Ward|Unit|Department|Clinic|Hospital|Hospice|Pharmacy|Surgery|"
               r"Children['’]s|CDC"),
    ("address", r"Aid|Partnerships?|Park|Allotments?|Association|Embassy|Consulate|Play|"
                r"Packaging|Services?|Team|Trust|Foundation|Charity|Society|Network|Forum|"
                r"Alliance|Collective|Project|Cent(?:re|er)|Hub|Club|Group|Estate|Farm|Market|"
                r"Stores?|Supermarket|Foods|Bakery|Logistics|Engineering|Construction|Builders|"
                r"Homes|Housing|Industries|Distribution|Recycling|Cleaning|Recruitment|Agency|"
                r"Solutions|Rovers|Wanderers|Athletic|Court|Council|Leisure|Fitness|Gym|Stadium|"
                r"Arena|Theatre|Museum|Zoo|Hall|Cymru|Ltd|Limited|Plc|Church|Chapel|Mosque|Hotel|Inn|Arms|Caf[eé]|"
                r"Restaurant|Takeaway|Garage|Motors|Taxis|Station|Library|Gardens|Suite|League|"
                r"Foyer|Shelter|Staffing|Adoption|Hire|"
                # firms by their trade ("[Ardglass] Meat Packers"), a body of one nation of the
                # UK ("[Signpost] NI"), a club by its letters (a GAA club's "CLG", "GAC")
                r"Packers|Processors|Suppliers|Traders|Wholesale|Haulage|Removals|Caterers|"
                r"Contractors|Butchers|NI|UK|A?FC|JFC|RFC|GAA|GAC|CLG|"
                # services and firms by what they do ("[Ashby] Mobility", "… Community
                # Transport", "… Adoption Together", "[Leeds] Citizens Advice")
                r"Mobility|Direct|Transport|Together|Advice|Breaks|"
                # "[Riverside] Family Mediation", "… Community Pantry", "[Dalby] Roofing"
                r"Mediation|Pantry|Larder|Roofing|Plumbing|Scaffolding|Landscaping|Glazing|"
                r"Electrical|Joinery|Decorating|Cleaners"),
)
# letters no person's name is followed by: a club's or firm's
_CLUB_OR_FIRM_RE = re.compile(r"\b(?:A?FC|JFC|RFC|GAA|GAC|CLG|Ltd|Limited|Plc|LLP)\Z")
_NAME_END_RES = tuple((kind, re.compile(rf"(?:{pattern})")) for kind, pattern in _NAME_END_KINDS)
# a service ending a name is a health service among words about health
_HEALTH_WORD_RE = re.compile(r"Health|Healthy|Drug|Alcohol|Substance|Mental|Nursing|Visiting|"
                             r"Therap(?:y|ies)|0-19|Sexual|Maternity|Midwifery|Paediatric|"
                             r"Wellbeing|Recovery|Dental|Medical|CAMHS|Neurodevelopment(?:al)?")
_NEXT_WORD_RE = re.compile(r"[ \t]+(?P<w>&|and|of|for|from|the|in(?=[ \t]+Care\b)|"
                           r"[A-Z][\w'’&\-]*|\d{1,2}-\d{1,2})"
                           r"(?![\w'’&\-])(?![ \t]+(?i:no|number|num)\b)")   # "UK number"
_JOINING = frozenset({"&", "and", "of", "for", "from", "the", "in"})     # "Children in Care"
_POSSESSIVE_RE = re.compile(r"['’]s(?=[ \t])")
# a place of worship whose type word comes first: "Masjid Al-Noor", "Gurdwara Guru Nanak Sahib"
_WORSHIP_FIRST = r"(?:(?:Jamia|Jame|Jami)[ \t]+)?(?:Masjid|Gurdwara|Mandir)"
_NAME_AFTER_TYPE_RE = re.compile(rf"{_WORSHIP_FIRST}\Z")
_WORSHIP_BEFORE_RE = re.compile(rf"(?<![\w'’]){_WORSHIP_FIRST}(?:[ \t]+[A-Z][\w'’\-]*){{0,2}}?"
                                r"[ \t]+\Z")
_WORSHIP_OPENING_RE = re.compile(rf"{_WORSHIP_FIRST}(?![\w])")
# a lower-case word saying what sort of place a named place is: "[Moorside] estate", "[the
# Hospice] shop" (not "estate agent")
_PLACE_NOUN_AFTER_RE = re.compile(r"[ \t]+(?:estate|shop|site|flats|precinct|allotments?|"
                                  r"park|rec|refuge|hostel|custody[ \t]+suite|"
                                  # a log's short forms: "[Oakfield] est", "[Westgate] YC",
                                  # "[St Cuthberts] hall", "[Hadley] rd"
                                  r"est|YC|hall|centre|rd|st|ave|ln|cl|dr|cres|gdns|"
                                  # "[Eastgate] custody suite", "[Hollins Lane] children's home"
                                  r"(?:children['’]s|care)[ \t]+home|police[ \t]+station|"
                                  r"(?:probation|housing|council)[ \t]+office|"
                                  # "[Ridgeway] fracture clinic", "[Elm Tree] clinic"
                                  r"(?:(?:fracture|eye|dental|sexual[ \t]+health|baby|"
                                  r"asthma|diabetes|outpatients?|plaster|burns)[ \t]+)?clinic|"
                                  # "[Redlands House] Approved Premises": probation's hostel
                                  r"(?i:approved[ \t]+premises|bail[ \t]+hostel))"
                                  r"(?![\w'’\-])(?![ \t]+agents?\b)")
_WORDS_OF_PLACES = ("address", "school", "gp", "health", "name")


def continue_place_names(text: str, spans: list[Span], protected: Mask) -> None:
    """Extend a removed place's or body's name (``spans`` changed in place) over the words
    left after it that continue it: Title Case words ending in a word saying what it is
    ("[Coastline] Training Partnership"), a place noun in lower case ("[Moorside] estate"),
    and a town's country, with the towns and flat before it ("[Wrocław], Poland"). Never over
    a role or a title, nor from a person after a title; over a practice term only when it is
    a national body a place makes local ("[Leeds] Women's Aid")."""
    spans.sort(key=lambda s: s.start)
    starts = {s.start: s for s in spans}
    for s in list(spans):
        if starts.get(s.start) is not s or s.kind not in _WORDS_OF_PLACES:      # merged
            continue
        if s.kind == "name" and _after_title(text, s.start):
            continue
        if s.kind == "name" and _WORSHIP_OPENING_RE.match(text, s.start):
            _merge(text, spans, starts, [s], s.start, s.end, "address")    # "Masjid Al-Falah"
            s = starts[s.start]
        elif s.kind == "name" and (worship := _WORSHIP_BEFORE_RE.search(
                text, max(0, s.start - 40), s.start)):
            _merge(text, spans, starts, [s], worship.start(), s.end, "address")
            s = starts[worship.start()]         # "Gurdwara Sri [Dasmesh Sahib]"
        if s.kind in ("address", "name"):
            s = _town_word_before(text, spans, starts, s, protected)
        if s.kind == "address":
            s = _venue_on_street(text, spans, starts, s, protected)
        if s.kind in ("address", "name"):
            s = _body_before_town(text, spans, starts, s, protected)
            s = _town_upon(text, spans, starts, s)
        _continue_one(text, spans, starts, s, protected)


# a town by its river: "Newcastle upon Tyne", "Kingston upon Thames" (one place)
_UPON_AFTER_RE = re.compile(r"[ \t]+upon[ \t]+[A-Z][\w'’\-]*")


def _town_upon(text: str, spans: list[Span], starts: dict[int, Span], s: Span) -> Span:
    if not (m := _UPON_AFTER_RE.match(text, s.end)):
        return s
    parts = [s] + [o for o in spans if o is not s and s.end <= o.start < m.end()]
    if any(o.end > m.end() or o.kind not in ("address", "name") for o in parts):
        return s
    _merge(text, spans, starts, parts, s.start, m.end(), "address")
    return starts[s.start]


# a town's common first word ("Port [Talbot]", "Market [Harborough]", "Bishop's [Stortford]"),
# and a shop's branch before its town ("Asda Superstore, [Killinghall]"): one place with it
_TOWN_WORD_BEFORE_RE = re.compile(r"(?<![\w'’\-])(?:Port|Market|Chipping|Bishop['’]?s|King['’]?s|"
                                  r"Castle|Church|Long|Much|Steeple|Nether|Great)[ \t]+\Z")
_SHOP_BRANCH_BEFORE_RE = re.compile(
    r"(?<![\w'’\-])[A-Z][\w'’&\-]*(?:[ \t]+[A-Z][\w'’&\-]*)?[ \t]+(?:Extra|Express|Metro|Local|"
    r"Superstore|Supermarket|Megastore|Hypermarket|Store|Depot|Warehouse|Distribution[ \t]+"
    r"Centre),[ \t]*\Z")


def _town_word_before(text: str, spans: list[Span], starts: dict[int, Span], s: Span,
                      protected: Mask) -> Span:
    if _after_title(text, s.start) or _given_names(text, s):
        return s
    before = text[max(0, s.start - 40):s.start]
    word = _TOWN_WORD_BEFORE_RE.search(before) or _SHOP_BRANCH_BEFORE_RE.search(before)
    start = s.start - len(before) + word.start() if word else s.start
    if start == s.start or not protected.free(start, s.start) \
            or any(o.start < s.start and start < o.end for o in spans if o is not s):
        return s
    _merge(text, spans, starts, [s], start, s.end, "address")
    return starts[start]


_TITLE_BEFORE_RE = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, TITLES)) + r")\.?[ \t]+\Z")


def _after_title(text: str, start: int) -> bool:
    return bool(_TITLE_BEFORE_RE.search(text, max(0, start - 12), start))


def _continue_one(text: str, spans: list[Span], starts: dict[int, Span], s: Span,
                  protected: Mask) -> None:
    worship_first = bool(_NAME_AFTER_TYPE_RE.search(text, s.start, s.end))
    pos = s.end
    possessive = _POSSESSIVE_RE.match(text, pos)
    if possessive:
        pos = possessive.end()
    # each word after it: where it ends, the kind of name it would end, the span it is
    ends: list[tuple[int, str | None, Span | None]] = []
    while (m := _NEXT_WORD_RE.match(text, pos)) and len(ends) < 8:
        w, last = m.group("w"), ""
        other = starts.get(m.start("w"))
        if other is not None and other.kind in _WORDS_OF_PLACES:
            pos, last = other.end, text[other.start:other.end].split()[-1]
        elif other is None and w not in _JOINING and _may_continue(m, protected):
            pos, last = m.end(), w
        elif other is None and not ends and (body := _body_named_after(text, m, s, protected)):
            pos, last = body, text[m.start("w"):body].split()[-1]     # "[Leeds] Women's Aid"
        elif other is None and w in _JOINING and protected.free(m.start("w"), m.end()) \
                and not (w in ("and", "&") and s.kind == "name" and _given_names(text, s)):
            pos = m.end()           # ("Kai and Bexley Youth Court" are a boy and a court)
        else:
            break
        kind = _name_end_kind(last, text[s.start:pos]) if last else None
        ends.append((pos, kind or ("address" if worship_first and last else None), other))
    best = next((i for i in range(len(ends) - 1, -1, -1) if ends[i][1]), None)
    saint = _SAINT_BEFORE_RE.search(text, max(0, s.start - 8), s.start) if possessive else None
    if best is not None:
        end, kind, _ = ends[best]
        taken = [other for _, _, other in ends[:best + 1] if other is not None]
        if s.kind == "name" and best == 0 and not taken and not saint \
                and _given_names(text, s) and not _CLUB_OR_FIRM_RE.search(text, s.end, end):
            return      # "Jade Park": a person as likely as a park ("Naomh Pádraig CLG" a club)
    elif (noun := _PLACE_NOUN_AFTER_RE.match(text, s.end)) and not (
            s.kind == "name" and _given_names(text, s)) and not (
            noun.group(0).endswith("clinic") and re.search(
                r"(?:Hospital|Infirmary|Clinic|Cent(?:re|er)|Surgery|Practice|Unit)\Z",
                text[s.start:s.end])):
        # ("Kai shop" is chat; "[Tickhill Road Hospital] clinic" is the hospital's clinic)
        end, kind, taken = noun.end(), "address", []
        saint = saint or _SAINT_BEFORE_RE.search(text, max(0, s.start - 8), s.start)
    else:
        _with_country(text, spans, starts, s)
        return
    start = saint.start() if saint else s.start       # "St Hilda's Junior"
    _merge(text, spans, starts, [s] + taken, start, end, kind)
    if kind == "address" and (street := _STREET_AFTER_RE.match(text, end)) \
            and (other := starts.get(street.end())) and other.kind in ("name", "address") \
            and not _given_names(text, other):
        _merge(text, spans, starts, [starts[start], other], start, other.end, "address")


# the street after a place, numbered: "[the Hospice shop], 22 [Towngate]"
_STREET_AFTER_RE = re.compile(r",[ \t]*\d{1,4}[A-Za-z]?[ \t]+")


# a venue by its name, placed on a street: "shifts at Golden Lotus on [Mill St]", "went to
# Spar on [Dale Rd]"
_VENUE_ON_STREET_RE = re.compile(r"\b(?:at|to|from|outside|near|by)[ \t]+"
                                 r"(?P<venue>[A-Z][\w&\-]*(?:[ \t]+[A-Z][\w&\-]*){0,2})"
                                 r"[ \t]+(?:on|in|off)[ \t]+\Z")
_NOT_A_VENUE = frozenset({"home", "school", "church", "work", "college", "court", "christmas",
                          "easter", "night", "nan", "nana", "gran", "grandma", "mum", "dad"})


def _venue_on_street(text: str, spans: list[Span], starts: dict[int, Span], s: Span,
                     protected: Mask) -> Span:
    """The venue and its street as one place (``s`` the street), or ``s`` as it was."""
    venue = _VENUE_ON_STREET_RE.search(text, max(0, s.start - 50), s.start)
    if venue is None or not protected.free(venue.start("venue"), venue.end("venue")):
        return s
    start, end = venue.span("venue")
    inside = [sp for sp in spans if sp.start < end and start < sp.end]
    if inside and not (len(inside) == 1 and inside[0].kind == "name"
                       and inside[0].start == start and inside[0].end == end):
        return s        # taken for something else, or part of a longer name
    words = venue.group("venue").lower().split()
    if any(w in _NOT_A_VENUE or w in ROLES or w in _NOT_A_PLACE or w in FIRST_NAMES
           for w in words):
        return s
    _merge(text, spans, starts, inside + [s], start, s.end, "address")
    return starts[start]


# a body named with its town after it, met at or with: "key worker at Turning Point [Leeds]"
_BODY_BEFORE_TOWN_RE = re.compile(r"\b(?:at|with)[ \t]+(?P<body>[A-Z][\w'’&\-]*(?:[ \t]+"
                                  r"[A-Z][\w'’&\-]*){0,2})[ \t]+\Z")


def _body_before_town(text: str, spans: list[Span], starts: dict[int, Span], s: Span,
                      protected: Mask) -> Span:
    """The body and its town as one place, the town ending ``s``; or ``s`` as it was."""
    if text[s.start:s.end].split()[-1].lower() not in TOWNS:
        return s
    body = _BODY_BEFORE_TOWN_RE.search(text, max(0, s.start - 50), s.start)
    if body is None or not protected.free(body.start("body"), s.start) \
            or any(o.start < s.start and body.start("body") < o.end for o in spans) \
            or any(w.lower() in FIRST_NAMES or w.lower() in _NOT_A_VENUE or w in TITLES
                   for w in body.group("body").split()):
        return s        # "Citizens Advice Leeds": the national service's words stay
    _merge(text, spans, starts, [s], body.start("body"), s.end, "address")
    return starts[body.start("body")]


def _given_names(text: str, s: Span) -> bool:
    return any(w.lower() in FIRST_NAMES for w in text[s.start:s.end].split())


# a flat abroad, written after its street: "int. 9", "m. 4", "lok. 3", "apt 12"
_FLAT_ABROAD_RE = re.compile(r"(?i:int|interno|apt|app|ap|m|lok|piso|bl|sc|et)\.?[ \t]*"
                             r"\d{1,4}[A-Za-z]?(?![\w])")
_COUNTRY_RE = re.compile(rf"{_COUNTRIES}(?![\w'’\-])")
_COMMA_RE = re.compile(r",[ \t]*")


def _with_country(text: str, spans: list[Span], starts: dict[int, Span], s: Span) -> None:
    """A town abroad and its country, with the towns, flat and postcode between, are one
    address: "[ul. Lipowa 4], m. 2, [31-042] [Kraków], Poland", "[Asmara], Eritrea"."""
    pos, taken = s.end, []
    for _ in range(5):
        comma = _COMMA_RE.match(text, pos)
        if comma is None:
            return
        pos = comma.end()
        if country := _COUNTRY_RE.match(text, pos):
            if s.kind == "name" and not taken and _given_names(text, s):
                return          # "Amina, Somalia": a person and where she is from
            _merge(text, spans, starts, [s] + taken, s.start, country.end(), "address")
            return
        if flat := _FLAT_ABROAD_RE.match(text, pos):
            pos = flat.end()
            continue
        found = len(taken)
        while (other := starts.get(pos)) and other.kind in _WORDS_OF_PLACES + (
                "reference", "postcode"):
            taken.append(other)        # a postcode abroad and its town: "20127 Milano"
            pos = other.end
            if text.startswith(" ", pos) and pos + 1 in starts:
                pos += 1
        if len(taken) == found:
            return


# whom a service is for: roles, but words of its name too ("… Young People's Drug Service")
_SERVED = frozenset({"child", "children", "young", "people", "family", "families", "parent",
                     "parents", "women", "men", "youth", "carers", "adult", "adults"})


def _may_continue(m: re.Match, protected: Mask) -> bool:
    """Whether a Title Case word after a removed name may be more of it: not a practice
    term, a role, a title, a month or day, nor a word that ends a name ("Said", "For")."""
    w = m.group("w")
    low = re.sub(r"['’]s?$", "", w.lower())
    return (protected.free(m.start("w"), m.end())
            and (low not in ROLES or low in _SERVED) and w not in TITLES
            and low not in _NOT_A_PLACE and not _breaks_name(w))


def _body_named_after(text: str, m: re.Match, s: Span, protected: Mask) -> int | None:
    """Where a national body's name ends when a place is written before it, making it a
    local one ("[Leeds] Women's Aid"); never after a person's name ("Kai Core Group")."""
    end = m.start("w")
    while end < len(text) and not protected.free(end, end + 1):
        end += 1
    body = text[m.start("w"):end]
    if end == m.start("w") or not re.search(r"\w\Z", body) or not _name_end_kind(
            body.split()[-1], body) or any(w.lower() in FIRST_NAMES or w.lower() in SURNAMES
                                           for w in text[s.start:s.end].split()):
        return None
    return end


def ends_in_place_word(text: str, s: Span) -> bool:
    """Whether a span's last word says what sort of place or body it is ("… Suite", "…
    CONTACT CENTRE")."""
    words = text[s.start:s.end].split()
    return bool(words) and (_name_end_kind(words[-1], "") is not None
                            or bool(_NO_SURNAME_TYPE_RE.search(words[-1].title())))


def _name_end_kind(word: str, name: str) -> str | None:
    kind = next((k for k, regex in _NAME_END_RES if regex.fullmatch(word)
                 or (word.isupper() and len(word) > 3 and regex.fullmatch(word.title()))),
                None)       # "[ELLAND ROAD] CUSTODY SUITE" in a police record
    if kind is None and word == "Care" and re.search(r"(?:Foster|Home)[ \t]+Care\Z", name):
        return "address"        # "[Glenholt] Foster Care" ("Children's Social Care" stays)
    if kind == "address" and re.fullmatch(r"Services?|Team", word) \
            and _HEALTH_WORD_RE.search(name):
        return "health"         # "[Kirkmoor] Refugee Health Service"
    return kind


def _merge(text: str, spans: list[Span], starts: dict[int, Span], parts: list[Span],
           start: int, end: int, kind: str) -> None:
    for part in parts:
        spans.remove(part)
        starts.pop(part.start, None)
    merged = Span(start, end, kind, PRIORITY[kind],
                  key=(kind, " ".join(text[start:end].lower().replace("’", "'").split())))
    spans.append(merged)
    starts[start] = merged
