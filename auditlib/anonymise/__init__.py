"""Remove what identifies a person from case text before an exemplar case is shared.

``anonymise(text, key=None, date_shift_days=None)`` finds names, dates, addresses, postcodes, NHS
and National Insurance numbers, phone numbers, email addresses, case references, schools and GP
practices, and puts a readable placeholder in place of each (``[Name 1]``, ``[School 1]``,
``[Postcode 1]``…). The same person, school or address gets the same placeholder throughout the
text, numbered in order of first appearance; dates are moved by one number of days, so a
chronology still reads in order with its intervals intact. ``Result.to_report()`` lists every
replacement for a person to review before the case is published.

>>> result = anonymise("Mrs Wilkinson phoned on 12/03/2019 about Kai (7).", date_shift_days=14)
>>> result.text
'Mrs [Name 1] phoned on 26/03/2019 about [Name 2] (7).'
>>> [(r.kind, r.original) for r in result.replacements]
[('name', 'Wilkinson'), ('date', '12/03/2019'), ('name', 'Kai')]

Everything runs offline on the rules in these modules and the word lists in ``data/`` (first
names, surnames, stop words, titles, roles, place words…: one a line): no model, no download, no
dependency beyond the standard library. It errs towards removing too much, but the words of
practice stay readable: ``PRACTICE_TERMS`` (Child Protection Plan, IRO, Signs of Safety, …) and
``data/kept-terms.txt`` (programmes, police operations, family words such as Nain, services
and case law such as Young Carers and the Southwark Judgment), the
acronyms of the vocabulary it shares with the moderation checks (:mod:`auditlib.vocabulary`,
which a council extends through ``AUDITLIB_VOCABULARY``), the days of the week, and months that
are not part of a date are never replaced.

The modules: :mod:`~auditlib.anonymise.identifiers` (email, NHS and NI numbers, phone,
postcode, reference), :mod:`~auditlib.anonymise.dates`, :mod:`~auditlib.anonymise.places`
(school, GP practice, address), :mod:`~auditlib.anonymise.names`,
:mod:`~auditlib.anonymise.lowercase` (text written in lower case, initials) and
:mod:`~auditlib.anonymise.capitals` (words in capitals, staff initials) each find
candidate spans (:mod:`~auditlib.anonymise.spans`); :mod:`~auditlib.anonymise.core`
combines them and writes the placeholders; :mod:`~auditlib.anonymise.results` holds what is
returned and the report; :mod:`~auditlib.anonymise.evaluation` scores it on labelled texts.

Heuristics, kind by kind (first match wins where two overlap: email, then +44 phone numbers,
NHS and NI numbers, other phone numbers, date, postcode, reference, then school, GP practice and
address, then names):

``email``
    ``local@domain.tld``.
``nhs_number``
    ten digits, together or spaced 3-3-4, that pass the NHS modulus-11 check. Ten digits that
    fail it are a ``reference`` (still removed).
``ni_number``
    two letters, six digits and a suffix A-D (spaces allowed), whose prefix obeys HMRC's rules
    (first letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V; not BG, GB, KN, NK,
    NT, TN or ZZ). HMRC's specimen prefix QQ (``QQ 12 34 56 C``) counts too, so sample texts are
    caught. Anything else of that shape is a ``reference``.
``phone``
    UK numbers starting 01, 02, 03, 05, 07 or 08 with 10 or 11 digits, or ``+44``/``0044`` with
    ``(0)`` allowed, grouped by spaces or hyphens; brackets round the area code allowed; an
    extension written after goes with the number (``ext. 214``, ``extn 33``, ``x4471``). An
    extension or bleep on its own (``ext. 4022``, ``bleep 2290``, ``extension 3107``; never a
    year after "extension"; ``x5198`` after Tel, Ext, Phone, a comma or slash): its digits.
    Another country's number: ``+``, a country code, then 7-12 digits in groups (``+93 70 900
    0142``, ``+48 512 900 123``).
``date``
    12/03/2019, 12.03.19, 12-03-2019, 2019-03-12, 12 March 2019, 12th of March 2019, Monday 12
    March 2019, March 12th 2019, March 12, 2019, 12 Mar, 12 Mar 19 (not before a time or a
    count), March 2019, 12/03 and 9/4 (a short day/month that could be a fraction or a score,
    ``3/4``, ``7/10``, ``24/7``, only after on/by/visit/a weekday…, opening a line of a
    chronology ("- 8/3 06:00 …", not "3/4 of the group") or before a time; never after
    "scored"). Named days with a fixed date (Christmas Eve, Christmas Day, Boxing Day, New
    Year's Eve and Day, Hogmanay; a year may follow) are dates: moved, and written back as
    the date they became ("since Boxing Day" → "since 5 January"); Christmas alone stays.
    Feb 26 and Sept 9 (not before a count, "March 12 weeks"; May, March, June and Jan only
    after on/by/a weekday…). A bare ordinal day after on/by/from/until/to/before/after or a
    weekday ("on the 26th", "by the 3rd", and the rest of its list, "14th, 15th and 16th"),
    when what follows is not a noun ("the 3rd floor") and it does not recur ("the 1st of
    every month"): its month is the nearest dated entry's before it, or the next month when
    the day is earlier ("20 March … by the 2nd" is 2 April), so order is kept. Welsh dates:
    Dydd Llun 5 Chwefror 2024, 5ed o Fawrth, 12fed Medi, Rhagfyr 2023, with the months'
    soft-mutated forms (Fawrth, Fai, Orffennaf…) and Welsh ordinals (1af, 2il, 5ed, 21ain);
    they move in Welsh, keeping the mutation and recomputing the weekday. Mai, Medi and Awst
    are months only next to a day number. Dates written out: "the 13th of March", "the twelfth
    of March", "Wednesday the twelfth of March", "the 3rd day of February 2024" (ordinals in
    words to thirty-first, "the" and "day of" with the date), moved and written back in the
    same style ("the twenty-sixth of March"). Weekdays in any case ("tue 4/3", "sat 8th
    march": a lower-case month is a date only with a year or a weekday).
    Every date moves by the same number of days and keeps its format; a weekday written with
    it is recomputed. A date without a year is moved within the year of the nearest dated
    entry that is not a date of birth, or the nearest year in which a weekday written with it
    falls on it. A date-shaped string that is no real date
    becomes ``[Date]``. A month with an apostrophe year ("July '24", "Sept ’23") is a date. A
    weekday with a day number ("Mon 20th", "Fri 7") is a date whose month
    is inferred as a bare ordinal's is (not before a time or count, "Fri 7:30"). A year alone
    tied to an event ("born in 1988", "b. 2016", "since 2003", "in early 2019", "(2019)", "2014
    to March 2019", "from 2014 to 2016", "from 2023 feels…": a verb after it) is a date,
    never a count, money or a time ("2000 words",
    "1400hrs"); it moves by whole years as the nearest full date of that year in the text
    moves (else as its middle), so the order holds. Seasons and school terms with a year
    ("spring term 2025", "Autumn 2 2024", "summer 2026") move as the day they stand for and
    are renamed by it; a school year "2024/25" moves a school year at a time. Months alone and
    seasons without a year are kept.
``postcode``
    full UK postcodes in any case (``ls6 2ab``, ``LS62AB``), validated against the Royal Mail
    letter rules; an outward code alone (``LS6``) only in one of the UK's postcode areas (so
    never ``A3``, ``A4``) and only after "postcode"/"area", before "area", or straight after a
    capitalised place name (``Pudsey LS28``).
``address``
    ``PO Box 7781[, Town]``; a house's name before its street, starting "The" or ending in a
    house word (Cottage, Farm, Forge, Mill…: "The Old Forge, Brinkley Lane"), goes with it;
    ``[Flat 3,] [Building,] 22 Larch Close[, Town]``: a house number and capitalised words ending
    in a street suffix (Road, Street, Avenue, Close, Lane, Drive, Way, Crescent, Court, Gardens,
    Grove, Terrace, Place, Mews, Rise, Hill, Walk, Row, Square, View, …); without a number, a
    distinctive word before Road, Street, Avenue, Close, Lane, Drive, Crescent, Gardens, Grove,
    Terrace, Mews, Way or Court (never Family Court, Crown Court…); "Flat 3" alone; a flat or
    unit in a named building or estate, its street and town, with no house number ("Flat 6,
    Corran House, Bloxwich Road, Walsall", "Unit 4, Ashgrove Business Park, Tamworth"). Welsh
    streets put the type word first: ``[Tŷ Capel,] 14 Heol y Bont[, Town]`` with Stryd, Heol,
    Lôn, Ffordd, Rhodfa, Cilgant, Coedlan, and after a number Maes, Cae, Clos, Teras, Cwrt,
    Llys, Rhes, Sgwâr, Gerddi, Llwyn, Parc, Allt (joining words y, yr, 'r… and accented
    capitals allowed); the first seven without a number too ("Ffordd Glyndŵr"); a Welsh name
    joined by hyphens with or without a number ("27 Maes-y-Coed", "Bryn-y-Mor"). A road number
    is a place as a town is, and goes with the addresses: ``the A629``, ``the M62``, ``B6265
    junction``; A0-A7 only before a word saying road, since they are paper sizes too ("A4
    paper", "the A3 sheet" stay). After a street, a town (and county) goes with it: after a
    comma whatever follows ("1 Alder Street, Northmere on Monday"), or on its own line under
    the street. A capitalised place after moving, living or coming from ("moved to Kingston",
    "lives in Bath") that the word lists do not call a common word; the town of "Citizens
    Advice <Town>" and "the Family Court sitting at <Town>" (the service's words stay).
``reference``
    a number after a label (``Case ref: 123456``, ``Mosaic ID 556677``, ``LCS 98765``, ``Police
    ref``, ``UPN``, ``ID:``) with three or more digits; codes like ``CHI-00123`` and
    ``CAS-25-00931`` (letters, year, number); an officer's number after the name ("DC Ann
    Lowe 4471", never before a measure); and any other
    run of five or more digits that is not money or a year range (over-redaction by design).
    After a benefit or agency (UC, Universal Credit, HMRC, DWP, PIP…), a code of letter and
    digit groups with five digits or more, the cue too when the code follows it straight
    (``UC 5520 3381 TM``); a Document Exchange address (``DX 551203 Northmere 2``). After
    passport, visa, BRP, card or pass (a "no." allowed, bracketed or not), a number in letter
    and digit groups, three digits or more and seven characters at least, the issuer's letters
    with it (``K7T-2MW-9QD``, ``MTRO 4410 2290 7731``; never "3 of 4 cards", "pass 2024"); a
    warrant or collar number with letters before it (``warrant no. KT 5182``).
``vehicle``
    UK registrations: current ``AB51 CDE`` anywhere (in lower case too, with its space:
    ``bd15 xhw``), even when its area letters are an acronym (``CP67 …``; no plate only when
    its last three letters are an acronym too and no vehicle is spoken of); the older prefix
    (``K123 LMN``), suffix (``GHJ 456T``) and Northern Irish shapes only within 80 characters
    after a word about a vehicle (car, van, reg, drove…); never when a part is a practice
    acronym (``Y7 SEN``).
    Part of a plate where the text says so: "partial reg KXF", "the plate started YR68" (and
    "it ended …" after), "the first letters of the registration were LD".
``handle``
    ``@name`` anywhere; a username-shaped token (with a digit, underscore or inner dot) after
    "as", "name", "username", ":" on a line naming a platform (Snapchat, TikTok, Xbox…); and
    with no cue word, a token shaped only as a username is (an underscore among letters,
    ``dark_wolf_77``, or lower-case letters run into digits, ``k.smith04``, ``jaydenb2009``)
    within 80 characters of a word about being online (a platform, chat, messaged, gaming,
    followers…) or in quotes. Files (``report_v2.pdf``), devices and games (``PS5``,
    ``FIFA23``, ``Xbox360``), times and capitalised words with digits (``Shadow99``, which
    needs a cue) are not. Letters only with two or more small-to-capital changes
    (``xXNightOwlXx``, ``LilTeeFromDaEnd``) near a word about being online or in quotes; names
    and brands (McDonald, PlayStation, iPhone) have fewer.
``school``
    capitalised words before Primary (School|Academy), Infant/Junior/First/Middle/High/Secondary/
    Grammar/Nursery/Special School, Academy, College, Nursery, Pre-school, Pupil Referral Unit,
    University, with C of E, CE, RC, Catholic… allowed (``St Mary's C of E Primary``); the name
    needs one word that is not generic (so "the High School" and "Virtual School" stay). The
    name alone (``St Mary's``, ``Oakfield``) is then replaced wherever it recurs.
``gp``
    capitalised words before Surgery, Medical Centre, Health Centre, Medical/Group/Family Practice,
    and ``Dr Patel's practice`` (or surgery); the practice's name alone is replaced where it recurs.
``health``
    capitalised words before Hospital, Infirmary, Clinic, Dental Practice/Surgery, Pharmacy,
    Hospice, Maternity Unit, a hospital's units ("… Neonatal Unit", "… Women's Unit", a day
    unit by its specialty, "… Neurology Day Unit", with the ward before it, "Ward C2 …") and a
    ward named by a word ("Lark Ward"; never a given name or after a title: "Sarah Ward", "Mrs
    Ward" are names; "Ward 12" stays, a number identifying nobody once the hospital has
    gone)…, or after Ysbyty, Clinig, Meddygfa: one placeholder with its type word; the name
    alone is replaced where it recurs. "the General Hospital" stays.
``school``, ``health`` and ``address``: other named facilities
    a distinctive name before a type word, the whole removed with it: Learning/Education
    Centre (school); "… General" (a hospital, not "Attorney General"), "… Neurodevelopmental
    Service", Child Development/Therapy/Audiology… Service, Centre or Team, and a bare
    "… Centre" among words about health (health), "… Talking Therapies", "… Dental", "… School
    Nursing", "… Perinatal Mental Health Service" (health, even where the service's words alone
    are a practice term); Family/Community/Children's/Youth Centre,
    Family Hub, a bus or train station, "… station", "… retail park", "… transit site", "…
    caravan site", Library, Village Hall, a bare "… Centre", and "Civic Centre" alone
    (address). Councils ("… Metropolitan Borough Council", "… County Council", "… Council"),
    law firms ("… Family Law", "… Legal Services", "… Solicitors LLP") and firms by their
    business word ("… Associates", "… Lettings", "… Toxicology", "… Hardware", "… Ltd", "…
    Taxis", "… Logistics", "… Housing Association", "… Interpreting", "… Language Services",
    "… Building Society", "… Credit Union", "<Town> Jobcentre Plus", "… Fostering", "…
    Family Placements", "… Domestic Abuse Service", a football club "… FC", "… Juniors FC",
    "… Football Club", a court by its town "… Magistrates' Court") and adoption services
    ("… Regional
    Adoption Agency", "… RAA", "… Post-Adoption Support") go whole as addresses;
    "the council", "Legal Services", "the Magistrates' Court", "the Jobcentre Plus" alone
    stay. A venue named "The …" where the text says it is one ("a youth club called The
    Loft"; "at The Loft" in a sentence about a youth club, youth worker, drop-in or venue) is
    an address. A plot or pitch on a site ("Plot 12", "pitch 4") is an address as a flat is.
    Generic ones ("the Family Centre", "a children's centre", "Public Health Nursing Service")
    stay. Buildings, venues
    and firms by name and type word (address): "… House" (a respite unit, hostel, office),
    "… Hub", "… Club", "… Grill",
    takeaways, cafés ("Bean & Leaf café"), pubs, hotels, hostels, "… Solicitors" ("Pennant &
    Rowe Solicitors");
    health services: "… Wheelchair/0-19/Recovery/Drug and Alcohol… Service" (a place word
    opening the name goes with it, "Upper Mill Recovery Service") and a trust
    named by its region ("Western HSC Trust"), a named CAMHS ("Ashdown CAMHS"). "the Trust",
    "the hub", "the 0-19 service", "the Family Hub", "the RAA", "CAMHS" alone stay.
    Initials of a school, practice or service named in
    the text (``KC`` for Kingsmead College) get its placeholder, unless a practice acronym.
``name``
    sequences of capitalised words that are not in the stop list (common words, roles, places
    of work, practice vocabulary, nationalities, faiths, festivals, apps, shops…), decided so:

    - a title before (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Rev, Cllr, PC, DC, Sgt, Judge…): any
      capitalised word after it is a name, even a common one (``Mr Young``); the title is kept;
      after a police rank and collar number (``PC 4471 Khan``, ``Sgt 1180 Young``) a
      capitalised word that is a surname or not a common word (the number is a reference);
    - a family or professional role before (``mother, Jane``, ``Social Worker: Priya Shah``,
      ``stepdad Dean``, ``the child Hope``) or after (``Dean (Mum's partner)``);
    - an age or date of birth after (``Kai (7)``, ``Kai, aged 7``, ``Kai (DOB …``);
    - a verb of speech or action after (``Kezia said``, ``Kezia attended``, a carer's
      ``Dawn supervised``, even for a name that is also a word opening a sentence) or a
      possessive (``Kezia's``);
    - a list continuing one of those (``children Kai, Mia and Leo``);
    - two or more capitalised words together unless all are weak (see below): ``Kezia Mbatha``;
    - one word from the first-name list shipped here (about 1,400 names from UK birth
      registrations and from the communities social care works with; 570 surnames beside it),
      except at the start of a sentence for names that are also common words (Will, May, Mark,
      Hope…), and never for words mostly used otherwise (Amber, Summer, Jordan, Christian…)
      without other evidence;
    - one unknown capitalised word in the middle of a sentence (over-redaction: towns and
      organisations not in the stop list go too);
    - a town or city from ``data/towns.txt`` wherever it stands, a sentence's start included
      ("Wakefield is where he lives"), as it would in mid-sentence (towns that are also
      everyday words, Bath, Reading, Wells…, are left out of the list);
    - then every later or earlier capitalised (or ALL CAPS) occurrence of a word already seen as
      part of a name (``Jane`` after ``Jane Wilkinson``), except months in a date context; words
      also common (Young, Will, Hope…) only in mid-sentence;
    - a known given name, even one that is also a word (Hope, Dawn, Jordan), before a surname
      that is also a word (Marsh, Hill, Brook), unless a capitalised word follows ("Jordan
      Hill Road") or it is a street word ("Hope Street"); the surname alone then recurs;
    - a make's model is no name ("a Toyota Corolla", "a Ford Fiesta"), nor are brands,
      languages (Twi, Yoruba), contractions ("I'm") or words of job titles and service
      names (Adviser, Pathway, Tool, Therapeutic, Public, Type, Yr);
    - a surname that is also a word (Day, Ward, Foster) straight after a known first name,
      and later alone when capitalised, not before another capitalised word, and mid-sentence
      or before a verb; an unknown given name reading like a word (-ing) before a listed
      surname or after a title or role; an unknown word reading like one (-ist, -ance) after
      a known given name, short forms too, or a dotted initial ("Becca Lindqvist", "B.
      Lindqvist"), unless a capitalised word follows;
    - a common word after a title inside a role's name ("Named Nurse Safeguarding") is none;
    - a nickname after "aka", "known as", "nicknamed"…, with the full name's placeholder;
    - an Arabic or Somali naming chain is one name: given name, bin/binti/binte/ibn, the
      father's name and an Al- family name ("Amira binti Yusuf Al-Harbi", "Omar ibn Khalid");
    - a Korean given name, two romanised syllables joined by a hyphen ("Ha-eun", "Ji-woo"),
      anywhere, with a common family name before or after it ("Jang Do-hyun", "Ha-eun Kim");
      "Set-up", "Sit-in", "Yo-yo" (an English ending or a repeat) only with a family name;
    - initials of a full name seen (``JW`` for Jane Wilkinson, ``I-M`` for Isla-Mae), unless
      a practice acronym or an abbreviation of the shared vocabulary; and a named person's
      initial or initials used as a name ("K said" for Kyle, "with KB"): a verb after it,
      with/and/told… before it, or in a list (never "a", "i", "o", "x");
    - an initial and its full stop before a word the stop list lacks: ``A. Munro-Kerr``,
      ``Dr J. Okafor``; a quoted nickname of up to three words ("aka 'lil d'", "called him
      'big m'"); a capitalised word with a lower-case word hyphened on ("Merton-compliant")
      is an adjective, never a name; "O. Ashdown": an initial with its stop is no particle;
    - a month's abbreviation used as a person ("Dec" for Declan): a verb after, "with" before,
      in a list of names, or spoken to (", Dec."); never with a day, year or "of";
    - initials of two or three capitals for a person the text never names in full (staff in
      a log): a verb after, a role or shift in brackets after ("GF (DSL)", "AJ (sleep-in)"),
      "by", "with", "and", "to"… before (not before a noun: "and TB screening"), a speaker or
      signature ("08:15 – LM: …", "— SV"), beside such initials ("EB and CK", "BN, HC");
      every mention then goes under one placeholder. Never an acronym of the shared
      vocabulary nor of ``data/not-initials.txt`` (benefits, school subjects, shops: UC, PE,
      KFC), a common word in capitals ("OK", "NO") or inside a practice term.

``name``, ``address``, ``school`` written in capitals
    Lines holding words in capitals (headings, letterheads, address blocks) are read again
    with those words written as names are ("HOLLYBANK LODGE" as "Hollybank Lodge"): the
    schools, services, buildings and addresses found there go, and a town of the list
    ("SITTING AT SHEFFIELD"); a listed first name or a title before a word in capitals that is
    not a common one is a name ("CHILD: TYLER BRANNIGAN"), and so is a surname in capitals
    before a listed given name or an initial, as police records write them ("DANFORTH, Lewis",
    "DANFORTH L", "SMITH J (DOB …)"; never "SECTION B", "PLAN A"). Heading words ("HANDOVER",
    "APPLICANT", "SHIFT NOTES") stay, and a word in capitals that is a common word is no
    name's initials ("MATTER OF THE" beside an Olive Fenwick).

``name``, ``address``, ``school`` in text written in lower case
    A paragraph (or the whole text) is in lower case when most of its sentences open in
    lower case (two or more), or it has twelve words or more and hardly a capital
    (:mod:`~auditlib.anonymise.lowercase`). There: a given name from the list (not one that is
    also a word, "will", "dean", unless a surname follows), a surname from the list, a word
    after a title ("pc kapoor"), a role ("his mum tracey") or a name in a list ("dean + sal");
    the word after a given name is its surname when listed, shaped as one (mc-, o'-,
    hyphened) or where a name ends (before a stop, a verb), or a single letter ("darren s");
    a nickname quoted after a name; every later mention of a name in any case. Streets by
    their type word ("carr lane", "22 manor row", "ravensworth park"), venues ("the cue club",
    "bradford interchange", "sizzlin grill") and schools ("thornbury high", "bridge pru")
    after words that are not everyday or generic ("the skate park", "the youth club" stay);
    towns from the list; streets named -gate ("westgate"). Everyday words (the stop list,
    verbs, words ending -ing, -ed, -ly…) stay.

    Weak words (names only with evidence): English words that are also surnames (Young, Brown,
    Green, Hill, Wood…), place words (Park, View, North…), months that are names (April, May,
    June, August), and unknown words ending like English words (-tion, -ment, -ing, -ed, -ly…).
    ``Jane``, ``Jane Wilkinson``, ``Mrs Wilkinson``: a single word joins the one full name it can
    belong to; when two full names share it (two Wilkinsons), it gets its own placeholder.

The UK's police forces by name ("West Yorkshire Police", "Police Scotland"), Scottish and
Northern Irish orders, hearings and roles ("Compulsory Supervision Order", "Children's
Reporter"), panels and grants by their type ("Short Breaks Panel", "Disabled Facilities
Grant") are kept terms: practice context, not where the family lives. A region named alone
("moved to West Yorkshire") is still a place and goes.

Family-court parties and stages ("Applicant", "Respondent", "Issues Resolution Hearing", "Part
25", "Final Hearing"), log words ("Handover", "Shift", "Driver"), education words and grants
("Diploma", "Access course", "Higher Education Bursary"), funds ("Adoption and Special
Guardianship Support Fund", "Fund"), table and minute headings ("Role", "Owner", "Subject",
"Joint", "Reconvene", "Secure"), "Skeletal", "Xmas", "Weds", apps ("FaceTime") and named
protocols of practice
("Philomena Protocol", "Herbert Protocol", listed together in ``data/kept-terms.txt``) stay.

Charities and helplines named with ordinary words (Mind, Relate, Childline, Shelter…) are kept
terms: organisations the family is referred to, not identifiers; so are national services and
campaigns (Report Remove, CEOP, IWF), offences by their abbreviation (ABH, GBH, NFS, s.47),
delivery and ride apps (Deliveroo, Uber, Just Eat), "Man Utd", family words in Arabic, Somali,
South Asian, Turkish and Eastern European languages (ammu, hooyo, aabo, ayeeyo, jiddah, khala…:
``data/kept-terms.txt``), and "Band" (a pay or housing band) and "Man" are no names.

Not covered: towns missing from ``data/towns.txt`` at the start of a sentence with nothing after
them saying name, the local authority's name, free-text descriptions (a job, a distinctive
event), date ranges written ``12-14 March`` (the last day moves, the first stays), years
written in words, and in lower-case text a nickname or short name ("bev", "jay") with nothing
round it saying name.
"""
from __future__ import annotations

from auditlib.anonymise.core import MAX_INPUT_BYTES, anonymise, anonymise_file
from auditlib.anonymise.evaluation import Label, evaluate, parse_labelled
from auditlib.anonymise.identifiers import nhs_number_is_valid, ni_number_is_valid
from auditlib.anonymise.results import KINDS, Replacement, Result
from auditlib.vocabulary import vocabulary

__all__ = [
    "KINDS",
    "MAX_INPUT_BYTES",
    "PRACTICE_TERMS",
    "Label",
    "Replacement",
    "Result",
    "anonymise",
    "anonymise_file",
    "evaluate",
    "nhs_number_is_valid",
    "ni_number_is_valid",
    "parse_labelled",
]


def __getattr__(name: str):
    # PRACTICE_TERMS follows AUDITLIB_VOCABULARY at the time it is read, as the anonymiser does
    if name == "PRACTICE_TERMS":
        return vocabulary().practice_terms
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
