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
names, surnames, stop words, titles, roles, place words…: one a line; an English word list):
no model, no download, no dependency beyond the standard library. It errs towards removing
too much, but the words of practice stay readable: ``PRACTICE_TERMS`` (Child Protection Plan,
IRO, Signs of Safety, …) and ``data/kept-terms.txt`` (programmes, police operations, family
words such as Nain, services and case law such as Young Carers and the Southwark Judgment), the
acronyms of the vocabulary it shares with the moderation checks (:mod:`auditlib.vocabulary`:
practice, youth justice and A&E shorthand such as ISS, UCC, LOC, GCS; a council extends it
through ``AUDITLIB_VOCABULARY``), the days of the week, and months that
are not part of a date are never replaced.

Longer than 500 lines because this docstring is the anonymiser's specification, kind by
kind, where a reviewer reads what goes and what stays; the code is in the modules.

The modules: :mod:`~auditlib.anonymise.identifiers` (email, NHS and NI numbers, phone,
postcode, reference), :mod:`~auditlib.anonymise.dates`, :mod:`~auditlib.anonymise.places`
(school, GP practice, address), :mod:`~auditlib.anonymise.names`,
:mod:`~auditlib.anonymise.lowercase` (text written in lower case, initials) and
:mod:`~auditlib.anonymise.capitals` (words in capitals, staff initials) and
:mod:`~auditlib.anonymise.spoken` (identifiers dictated in words) each find
candidate spans (:mod:`~auditlib.anonymise.spans`); :mod:`~auditlib.anonymise.core`
combines them (over :mod:`~auditlib.anonymise.ocr`'s reading of a scanned text) and writes the
placeholders; :mod:`~auditlib.anonymise.results` holds what is
returned and the report; :mod:`~auditlib.anonymise.evaluation` scores it on labelled texts.

Scanned and dictated text. A form read by OCR from a scan confuses letters and digits ("CHlLD",
"H0USEH0LD", "D.O.B: l4/02/2017", "1l:4O am"): the finders read a view of the text with those
confusions undone, character for character, and the text as scanned is what is replaced; typed
text has no view, and codes, postcodes, plates and handles keep their digits ("KS1", "SW1A 1AA",
"zee.k1ngg"). Notes typed by speech-to-text carry identifiers spoken: digits as words ("oh one
six three two …", "double seven": phones, NHS numbers, references and collar numbers after their
cue), the NATO alphabet mixed with digits (postcodes, plates and references: "alpha sierra four
six delta whiskey"), names spelled letter by letter ("W-H-I-T-F-I-E-L-D", "P O L L I T T", with
the placeholder of the name they spell), emails read aloud ("d dot foulkes at … dot org") and
house numbers in words before a street ("forty four Pelham Court"); ordinary counting and prose
("one or two", "he is nine") stay. Dates dictated in words ("the twenty second of the eleventh
twenty fifteen") move like any date and are written back in words.

Heuristics, kind by kind (first match wins where two overlap: email, then +44 phone numbers,
NHS and NI numbers, other phone numbers, date, postcode, reference, then school, GP practice and
address, then names):

``email``
    ``local@domain.tld``. A web link goes as a ``reference`` (a meeting's or a profile's link
    carries its ids: ``https://…``, ``www.…``), but a public body's page with no query
    (gov.uk, nhs.uk) stays; so does a passcode, password, PIN or meeting ID with a digit, after
    its label ("Passcode: Xk7p3Q", "Meeting ID: 845 2231 9907").
``nhs_number``
    ten digits, together or spaced 3-3-4, that pass the NHS modulus-11 check; a Scottish CHI
    written 6+4 (the first six a day and month), and ten digits in any grouping after an NHS,
    CHI or H&C label. Ten digits that fail the check are a ``reference`` (still removed).
``ni_number``
    two letters, six digits and a suffix A-D (spaces allowed), whose prefix obeys HMRC's rules
    (first letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V; not BG, GB, KN, NK,
    NT, TN or ZZ). HMRC's specimen prefix QQ (``QQ 12 34 56 C``) counts too, so sample texts are
    caught. Anything else of that shape is a ``reference``.
``phone``
    UK numbers starting 01, 02, 03, 05, 07 or 08 with 10 or 11 digits, or ``+44``/``0044`` with
    ``(0)`` allowed, grouped by spaces or hyphens; brackets round the area code allowed; an
    extension written after goes with the number (``ext. 214``, ``extn 33``, ``x4471``), and so
    does the menu option to press (``opt 3``, ``option 2``, ``press 1``). An
    extension or bleep on its own (``ext. 4022``, ``bleep 2290``, ``extension 3107``; never a
    year after "extension"; ``x5198`` after Tel, Ext, Phone, a comma or slash): its digits.
    Another country's number: ``+``, a country code, then 7-12 digits in groups (``+93 70 900
    0142``, ``+48 512 900 123``). Any other run shaped like a phone goes whole, whatever its
    length: a 0 and a code of 3-6 digits (bracketed or not), then groups split by spaces,
    hyphens or dots, 9-13 digits in all (``(01632) 555 7190``, ``0113.496.0000``; never
    ``0800 1111``, ``0930 1030``).
``date``
    12/03/2019, 12.03.19, 12-03-2019, 2019-03-12, 12 March 2019, 12th of March 2019, Monday 12
    March 2019, March 12th 2019, March 12, 2019, 12 Mar, 12 Mar 19 (not before a time or a
    count), March 2019, 12/03 and 9/4 (a short day/month that could be a fraction or a score,
    ``3/4``, ``7/10``, ``24/7``, only after on/by/visit/a weekday…, opening a line of a
    chronology ("- 8/3 06:00 …", not "3/4 of the group") or before a time; never after
    "scored"). A short day.month opening a line ("26.2  Mum rang", "14.2" alone) is a date
    when other lines open with dates, none opening so is a time, a decimal or one of a run of
    paragraph numbers ("5.1", "5.2"), and it falls from a month before to three months after
    the dated entry before it; a short day/month ending a clause after "for", "per" or a name
    ("(per SW Iqbal 3/3)", "invite for 2/4.") is one on the same test ("Maths 3/5", "scored
    3/5", "attended 2/3 sessions" stay). Named days with a fixed date (Christmas Eve,
    Christmas Day, Boxing Day, New Year's Eve and Day, Hogmanay, and in Welsh dydd Nadolig,
    Noswyl Nadolig, Gŵyl San Steffan, Nos Galan, Dydd Calan; a year may follow) are dates:
    moved, and written back as the date they became ("since Boxing Day" → "since 5
    January"). A festival placed in time ("since Christmas", "at Easter", "over Eid", Good
    Friday, Eid al-Adha, "since about New Year", and the fixed days that are no day off:
    "since Halloween", "on Valentine's Day", Bonfire Night, St David's Day…; a year may
    follow) is its day that year (Easter computed, Eid within a day or so), moved and written
    back as a date, whatever small word, dash or bracket follows ("over Christmas too", "since
    Easter - school say", "over Christmas (at nan's)"); "a Christmas card", "Christmas was
    hard", "a Halloween party", "after Christmas dinner" stay. Their
    Welsh names (Nadolig, Pasg, Calan, Gŵyl Dewi, Santes Dwynwen, Calan Gaeaf; "ers y Pasg",
    "dros y Nadolig", "since the Pasg (Easter) holidays") are written back as a Welsh date,
    the English in brackets after it as the English date. A named half term ("Feb half term
    2025") moves as its day and is renamed by the nearest half term. A range of days in one
    month ("27-31 Oct") moves both days. A short day/month after an event's verb ("seized
    2/10", not "completed 3/4 of it") or in a table column headed By/Date/Due is a date; so
    is a year after "by", dob or a case episode's acronym ("closed CIN 2023", "dob 1989"), and
    a short day/month after "appt".
    Feb 26 and Sept 9 (not before a count, "March 12 weeks"; May, March, June and Jan only
    after on/by/a weekday… or a test's or event's word, "HST Jan 25 still shows"). A bare
    ordinal day after on/by/from/until/to/before/after or a weekday ("on the 26th", "by the
    3rd", and the rest of its list, "14th, 15th and 16th"), when what follows is not a noun
    ("the 3rd floor"; a dash between words may, "on the 20th - car park") and it does not
    recur ("the 1st of every month"), or given roughly and ending a clause ("last ~15th."):
    its month is the nearest dated entry's before it, or the next month when the day is
    earlier ("20 March … by the 2nd" is 2 April), so order is kept. Welsh dates:
    Dydd Llun 5 Chwefror 2024, 5ed o Fawrth, 12fed Medi, Rhagfyr 2023, with the months'
    soft-mutated forms (Fawrth, Fai, Orffennaf…) and Welsh ordinals (1af, 2il, 5ed, 21ain);
    they move in Welsh, keeping the mutation and recomputing the weekday. Mai, Medi and Awst
    are months only next to a day number or before a year ("Awst 2024"). Dates written out:
    "the 13th of March", "the twelfth of March", "Wednesday the twelfth of March", "the 3rd day
    of February 2024" (ordinals in words to thirty-first, "the" and "day of" with the date),
    moved and written back in the same style ("the twenty-sixth of March"). Weekdays in any
    case ("tue 4/3", "sat 8th march"); a lower-case month after a day is a date ("12 june",
    "4th march 10am"), but "may" and "march" only with an ordinal or a word saying when
    before them and what may follow a date after them ("aged 3 may need" stays). Polish dates:
    17 kwietnia, 3 maja 2024, lipiec-sierpień 2023, we wrześniu 2022 (the months in the
    nominative, genitive and locative, with or without diacritics; "maja" and "luty" only
    with a day), moved in Polish in the same case and spelling; a range of months in
    brackets, as the English gloss after one gives it ("(July to August)"), is one date.
    Every date moves by the same number of days and keeps its format; a weekday written with
    it is recomputed. A date without a year is moved within the year of the nearest dated
    entry that is not a date of birth, or the nearest year in which a weekday written with it
    falls on it. A date-shaped string that is no real date
    becomes ``[Date]``. A month with an apostrophe year ("July '24", "Sept ’23") is a date. A
    weekday with a day number ("Mon 20th", "Fri 7") is a date whose month
    is inferred as a bare ordinal's is (not before a time or count, "Fri 7:30"). A year alone
    tied to an event ("born in 1988", "b. 2016", "since 2003", "in early 2019", "(2019)", "2014
    to March 2019", "from 2014 to 2016", "from 2023 feels…": a verb after it; after a part of
    it whatever stands round it, "Early 2022 was hard", "the first half of 2022") is a date,
    never a count, money or a time ("2000 words",
    "1400hrs"); it moves by whole years as the nearest full date of that year in the text
    moves (else as its middle), so the order holds. Seasons and school terms with a year
    ("spring term 2025", "Autumn 2 2024", "summer 2026") move as the day they stand for and
    are renamed by it; a school year "2024/25" moves a school year at a time. A month alone
    placed in time ("in March", "started June", "?August", "mid-June", "in March and May",
    "June to August", "seen Sept", "a letter each September", "raised at the review (June)")
    is a date, moved as a whole month; "cared for April", "a note to Jan", "met June" (a
    month that is a name too, after for/to/by/at/of or a verb), a schedule's months ("in Nov
    each year"), one in brackets after no event ("her aunt (June)") and one before a verb or
    a capitalised word ("June Smith") stay for the names. A capitalised month in a report's
    own time ("Agency use in February was…", "the February report", "the March and April
    visits") and a year where a record stops or starts ("the book stops at 2018 and…"; never
    "ends at 1930", a time, nor a round count) are dates; "week of" and "end of" go with the
    date or term they place ("week of 10 February 2025", "end of Spring term 2025").
    Seasons without a year are kept. "Jan 25" ending a clause, a lower-case month after a
    time cue ("since sept"), "NOV 2024" in capitals and a day.month ("17.3") after a date word,
    an event's verb or a weekday are dates ("17.3kg", "scored 17.3" stay).
    A full date straight before a clock time, as in an email's header ("Thursday, 7 November
    2024 16:52"), is one date, the time kept; "mid", "early" or "late", "end of", "start of",
    "beginning of", "middle of" (a date with any month: "the start of June") and a weekday's
    "from" go with the date they place ("mid March 2025", "end of March", "Tuesdays from 3
    Sept"); a month range with
    its year ("Nov-Dec 2019") moves both months; years listed in brackets ("(2019, 2021)") and a
    year closing a clause after a lower-case word ("drink drive 2021,"; never a count, money or
    an Act's year) are dates; so are a month after a past-tense verb ("supplied March"; not the
    months that are names), a short day/month after panel, conference, hearing, court, back,
    starts or returns, and "on 26th by …"; a bare ordinal a thing is on ("the op is the 28th
    so…", not "he was the 3rd to…") and one in brackets after a weekday ("this sat (3rd)")
    too; a short day/month near a score's words is a date after "on" ("(was 17 on 21/01)") or
    when no score could be it (over its total, "/01"). Hours are no date: "Weds 12-2",
    "Mon-Fri 9-5".
    A month range with a two-digit year ("Sept–Nov 24"), "Jan 25" before a word a date goes
    before, a death's year ("(d. 2018)") and a year opening a bracket ("(2017, …") are dates;
    so are a festival or named day with a year ("Bonfire Night 2024"), a festival of another
    calendar with its year, moved as that year's festival day ("Tết 2023", "Diwali 2022", "Eid
    al-Adha 2021", "Hanukkah 2019"), "end Feb" and "by end Oct" (a part of a month without
    "of"), a short date opening a list after a colon ("DNA x3: 8 Jan, 22/01/24"), a short
    day/month after where it happened ("seen at school 7/10") where it fits the dated entries
    around it (never a score, "6/10 at home"), a year given as a guess ("2009 maybe",
    "2015-ish"), a year closing a clause before a bracket ("known to CSC 2022 (CIN, …)"), a
    festival with its year wherever it stands ("…, Easter 2023"), bank holidays by month or
    season, moved as their Monday ("May bank holiday"), a month in brackets after an incident
    or a time ("after 11pm (August)"), a short day.month after a sending verb ("sent by email
    10.3"), a lone ordinal after a part of the day ("evening of 6th"), "DOB 1990", a year
    after a comma or acronym ending a clause, "(2015-18)", months joined by "/" ("Feb/March"),
    a month in a table's date column and short dates listed after a contact verb ("chased 3/6
    and 11/6"); "8/12/16 wk" (ages in weeks) is none. So are a year alone in a table's column
    of dates ("2020 | - | …"), a year after the place it dates ("came over from Jalandhar
    2014"; a town or a word no dictionary has, never "Room 2014" nor a title's "… in Scotland
    2021") and a year naming its event ("sent the 2024 cycle reminder", "her 2019
    conviction"). A short date keeps its padding: "26.2" and "24/5" move to "7.4" and "3/7",
    "12/03" to "05/04".
    Also (held-out-38 to -41): a month and year joined by hyphens as a spreadsheet writes them
    ("Mar-25", "21-Mar-25", "04-Apr-2025"; never inside a code, "ABC-MAR-25-001"), a compact
    date in a file's or recording's name ("…-20250422_0902-Transcript"), a bare month placed by
    the event it dates or by "approx", "roughly" ("after the January relapse", "approx July",
    "YES (August)"), a day alone after "w/c" or "week commencing", a year alone after a service
    or event word ("Known to Early Help 2023 re housing", "DA 2019 previous partner"), a day's
    ordinal alone after a word saying when and before no noun of it ("on the 13th together";
    never "the 3rd floor", "the 21st century"), in words after a weekday ("on Saturday the
    fifteenth"). A day given with its weekday and no month keeps its weekday true.
    From held-out-42 and -43: months and festivals with their year in lower case ("july 2024",
    "christmas 2023"; "may 2025 be better" stays), a day alone before chat words ("till the 28th
    wtf"), a weekday and ordinal before am or pm ("Fri 21st pm"), a year after a town abroad and
    its country ("returned to Durrës, Albania 2022"), and a year opening an open range ("2022 -
    ongoing").
    From held-out-44 and -45: a year given roughly after a birth or a word saying when ("b.
    approx 1990", "| approx 1944 |"; never "approx 2000 words"), "Xmas" after before, after or
    by, and a day alone in a schedule before a time or another day ("F has 24th from 10am to
    26th at 2pm").
``postcode``
    full UK postcodes in any case (``ls6 2ab``, ``LS62AB``), validated against the Royal Mail
    letter rules; an outward code alone (``LS6``) only in one of the UK's postcode areas (so
    never ``A3``, ``A4``) and only after "postcode"/"area", before "area", or straight after a
    capitalised place name (``Pudsey LS28``).
``address``
    An address line whose comma-separated parts (a flat, suite or floor; a building by name, "The
    Old Post Office"; a street, numbered or not, "Station Approach") round an address found or
    before a postcode is one address with its town ("Suite 4, Albion Mills, Leeds Road, Dewsbury");
    a flat number before a block's name ("41 Larch House"); a park by name ("Grange Park"; never Car
    or Skate Park, nor "Mr Park"); a council of two towns ("A and B Council"); a prison ("HMP
    Northmoor"); a town abroad with its country ("Kingston, Jamaica"); a what3words address
    (``///word.word.word``); "St X's" alone (a saint's name for a church or school). Streets abroad
    with their numbers, the type word before the name ("ul. Lipowa 7/3", "Calle del Prado 18", "22
    rue du Moulin", "Rua das Flores 230") or joined after it ("Bergstraße 41", "19 Teheran-ro",
    "Gangnam-gu"), and a building before its apartment ("Sunrise Apt 402-1101"). A capital "The"
    inside a sentence goes with the name after it ("at The Hideout"). The words left after a removed
    place's or body's name that continue it go with it, its kind decided by the last word (Aid,
    Partnership, Holiday Park, Packaging, Allotments, Junior, Children's ED, Health Service…):
    "[Leeds] Women's Aid" (a national body a place makes local), "St [Hilda]'s Junior"; a lower-case
    place noun after a place ("[Moorside] estate", "… shop", a log's "est", "YC", "hall",
    "rd"; "St Cuthberts hall" with its saint; never "estate agent"); a place of worship
    with its type word first ("Masjid Al-Falah", "Gurdwara Sri …"); a venue by name before
    "on <street>", one place with it ("at Golden Lotus on Mill St"); a body met at or with before
    its town ("at Second Step Bristol"; "Citizens Advice Leeds" keeps the service's words); services
    and firms by what they do ("… Mobility", "… Direct", "… Community Transport", "… Short Breaks",
    "… Foster Care", "… Children in Care Team", "… Adoption Together", "[Calderdale] Citizens
    Advice"); an island, vale or forest ("Isle of Skye"); a "The" opening a line or sentence before
    a place's type word when the place stands alone or is placed ("The Birches Suite at …", "THE …
    CONTACT CENTRE"); a body named by a people ("Eritrean Embassy", "Somali Community Association");
    a street with its type abbreviated ("Wharf St", "9 Ferncliffe Tce"; "St" before a capital is a
    saint); an address or town abroad with its flat ("int. 9", "piso 3"), postcode, towns and
    country as one address ("Calle Mayor 14, piso 3, 28013 Madrid, Spain"); never a person ("Amina,
    Somalia", "Kai and Bexley Youth Court"). An address may run on to a townland, a town and a
    county ("…, Derrylappen townland, Clonmore, Co. Tyrone"); a room or venue opens an address line
    ("Harbour Room, Civic Offices, …"), in capitals too; "Port", "Market", "Great"… join the town
    after them; a shop branch joins its town; teams by age group ("… Rangers Girls U13s"), leagues,
    trades ("… Packers"), Irish and Welsh schools with the type word first (Naíscoil, Bunscoil,
    Ysgol, Coláiste), a body named before "(Regional Adoption Agency)" or "(charity)", and an
    acronym defined in brackets after its school's name ("College (CPC)") go. ``PO Box 7781[,
    Town]``; a house's name before its street, starting "The" or ending in a house word (Cottage,
    Farm, Forge, Mill…: "The Old Forge, Brinkley Lane"), goes with it; ``[Flat 3,] [Building,] 22
    Larch Close[, Town]``: a house number and capitalised words ending in a street suffix (Road,
    Street, Avenue, Close, Lane, Drive, Way, Crescent, Court, Gardens, Grove, Terrace, Place, Mews,
    Rise, Hill, Walk, Row, Square, View, …); without a number, a distinctive word before Road,
    Street, Avenue, Close, Lane, Drive, Crescent, Gardens, Grove, Terrace, Mews, Way or Court (never
    Family Court, Crown Court…); "Flat 3" alone; a flat or unit in a named building or estate, its
    street and town, with no house number ("Flat 6, Corran House, Bloxwich Road, Walsall", "Unit 4,
    Ashgrove Business Park, Tamworth"). Welsh streets put the type word first: ``[Tŷ Capel,] 14 Heol
    y Bont[, Town]`` with Stryd, Heol, Lôn, Ffordd, Rhodfa, Cilgant, Coedlan, and after a number
    Maes, Cae, Clos, Teras, Cwrt, Llys, Rhes, Sgwâr, Gerddi, Llwyn, Parc, Allt (joining words y, yr,
    'r… and accented capitals allowed); the first seven without a number too ("Ffordd Glyndŵr"); a
    Welsh name joined by hyphens with or without a number ("27 Maes-y-Coed", "Bryn-y-Mor"). A road
    number is a place as a town is, and goes with the addresses: ``the A629``, ``the M62``, ``B6265
    junction``; A0-A7 only before a word saying road, since they are paper sizes too ("A4 paper",
    "the A3 sheet" stay). After a street, a town (and county) goes with it: after a comma whatever
    follows ("1 Alder Street, Northmere on Monday"), or on its own line under the street. A
    capitalised place after moving, living or coming from ("moved to Kingston", "lives in Bath")
    that the word lists do not call a common word; the town of "Citizens Advice <Town>" and "the
    Family Court sitting at <Town>" (the service's words stay).
    A house number before one or two common words and a street's own type word is an address
    whatever the words mean ("3 High Street", "14 Fast Lane", "14 Market Street"; not "Way",
    "Court" or "Parade": "Section 8 Family Court"); a floor before its building and street goes
    with them ("2nd Floor, Ravensworth House, 14 Market Street"; "the 2nd floor of the block"
    stays); Scottish Gaelic streets put their type word first ("2 Taigh na Mara", "14 Sràid a'
    Chnuic", "3 Rathad an Locha"). Ukrainian streets too ("vul. Sadova 22, kv. 41", "prosp.
    Nauky 14"), with the flat after an address abroad's number.
``reference``
    a number after a label (``Case ref: 123456``, ``Mosaic ID 556677``, ``LCS 98765``, ``Police
    ref``, ``UPN``, ``ID:``) with three or more digits; codes like ``CHI-00123`` and
    ``CAS-25-00931`` (letters, year, number); an officer's number after the name ("DC Ann
    Lowe 4471", "PC Dunn 2291 attended", never before a time or measure: "DS 21:40"); a code
    of capitals and digits woven together or in several groups, with no cue ("W8K-3TQ-R7P",
    "AB12CD34"; never "COVID-19", "KS2", "16/17-YEAR-OLD"); and any other
    run of five or more digits that is not money or a year range (over-redaction by design).
    After a benefit or agency (UC, Universal Credit, Pension Credit, HMRC, DWP, PIP, HB…), a code
    of letter and digit groups with five digits or more, the cue too when the code follows it
    straight (``UC 5520 3381 TM``; "PC" only before nine digits or more, ``PC 6631 2087 14``,
    a constable's collar number being one short group); a force's letters before a log
    reference (``WMP-0412-101023``, never a phone); exhibits by an officer's initials
    (``exhibits KT/07 & KT/08``; never a bundle's "exhibit E9"); a Document Exchange address
    (``DX 551203 Northmere 2``, in capitals too). After
    passport, visa, BRP, card or pass (a "no." allowed, bracketed or not), a number in letter
    and digit groups, three digits or more and seven characters at least, the issuer's letters
    with it (``K7T-2MW-9QD``, ``MTRO 4410 2290 7731``; never "3 of 4 cards", "pass 2024"); a
    warrant or collar number with letters before it (``warrant no. KT 5182``). Employee,
    staff, payroll, member, tenancy, policy, certificate and account numbers after their label;
    after any label, a number in groups of digits (``no. 0019 0226 6874``); codes with two
    letter groups (``AB-NE-30917``); an immigration card's letters after "ARC" (``ARC UKH 4427190``,
    ``ARC no: UKA 0312 4478 06``, never read as a phone); one letter, a hyphen and five digits or
    more (``R-558102``, a repair's or job's number; never "C-12"); a prison, prisoner, hospital,
    patient or unit number after its label; a number in three to five groups of three or four
    digits, twelve digits or more (a card's or scheme's; never years in a row), or in four
    groups of four joined by hyphens, never a phone (an application's ``3434-0119-2208-7751``);
    a number after its label and "is" ("my CRN is 1189 3306 271"); a code whose second part is
    one letter (``SFE-Q-00827741``); an officer's number after an initialled name or after a
    comma closing brackets ("DS R. Hollins 4471", "(PC Whitlock, 6612)"). A gestation
    ("31+2/40", "34-36/40"), a dose or fraction ("30/500") is no reference.
    After a label, an issuer's letters standing apart before the digits go with them ("ref CHB
    7730 1192"), but a record system's or practice acronym's stay ("Ref: WCCIS 7730419", "LCS
    2094417"). A section of an Act run together ("s17ZA") is no postcode: a postcode run
    together is in one case.
``vehicle``
    UK registrations: current ``AB51 CDE`` anywhere (in lower case too, with its space:
    ``bd15 xhw``), even when its area letters are an acronym (``CP67 …``; no plate only when
    its last three letters are an acronym too and no vehicle is spoken of); the older prefix
    (``K123 LMN``), suffix (``GHJ 456T``) and Northern Irish shapes only within 80 characters
    after a word about a vehicle (car, van, reg, drove…); never when a part is a practice
    acronym (``Y7 SEN``).
    Part of a plate where the text says so: "partial reg KXF", "the plate started YR68" (and
    "it ended …" after), "the first letters of the registration were LD". A plate's first
    half alone where the whole plate is in the text ("LR68" beside "LR68 XNV"); a current
    plate with its unread letters masked, any of the three (``KX19 R..``, ``YR68 ???``,
    ``YK19 ?HU``), a sentence's stop after it or not.
``handle``
    ``@name`` anywhere; a username-shaped token (with a digit, underscore or inner dot) after "as",
    "name", "username", "tag", "under", "from", ":", the platform's own name or "calls himself" on a
    line naming a platform (Snapchat, TikTok, Xbox…, "snapping"; a graffiti tag too: "her insta
    jazzyy.x", "calls himself kxng.rio_", "posting under k.bren.x"); and with no cue word, a token
    shaped only as a username is (an underscore among letters, ``dark_wolf_77``, or lower-case
    letters run into digits, ``k.smith04``, ``jaydenb2009``) within 80 characters of a word about
    being online (a platform, chat, messaged, gaming, followers…) or in quotes. Files
    (``report_v2.pdf``), devices and games (``PS5``, ``FIFA23``, ``Xbox360``), times and capitalised
    words with digits (``Shadow99``, which needs a cue) are not. Letters only with two or more
    small-to-capital changes (``xXNightOwlXx``, ``LilTeeFromDaEnd``, ``SkyRunnerKid22``: digits may
    end it) near a word about being online (login, username, profile and platform among them) or in
    quotes; names and brands (McDonald, PlayStation, ``PlayStation5``, iPhone) have fewer. A
    username found once, with a dot, digit or underscore in it, goes wherever it comes again.
``school``
    capitalised words before Primary (School|Academy), Infant/Junior/First/Middle/High/
    Secondary/Grammar/Nursery/Special School, Academy, College,
    Sixth Form, Nursery, Pre-school, Pupil Referral Unit, University, and after "University of"
    (``University of Wexcombe``), with C of E, CE, RC, Catholic… allowed (``St Mary's C of E
    Primary``); the name needs one word that is not generic (so "the High School" and "Virtual
    School" stay). The name alone (``St Mary's``, ``Oakfield``) is then replaced wherever it
    recurs.
``gp``
    capitalised words before Surgery, Medical Centre, Health Centre, Medical/Group/Family Practice,
    and ``Dr Patel's practice`` (or surgery); the practice's name alone is replaced where it recurs.
``health``
    capitalised words before Hospital, Infirmary, Clinic, Dental Practice/Surgery, Pharmacy,
    Hospice, Maternity Unit, a hospital's units ("… Neonatal Unit", "… Women's Unit", "…
    Mental Health Unit", though "Mental Health" alone is a practice term, a day
    unit by its specialty, "… Neurology Day Unit", with the ward before it, "Ward C2 …") and a
    ward named by a word ("Lark Ward"; never a given name or after a title: "Sarah Ward", "Mrs
    Ward" are names), a numbered ward ("Ward 21", "Ward C4") where the text names a hospital
    or health service (else it stays, a number identifying nobody)…, or after Ysbyty, Clinig,
    Meddygfa: one placeholder with its type word; the name alone is replaced where it recurs.
    "the General Hospital" stays.
``school``, ``health`` and ``address``: other named facilities
    a distinctive name before a type word, the whole removed with it: Learning/Education
    Centre, "… PRU", "… High", "… Catholic High" (school); "… Pathway" of a neurodevelopmental
    service and a service written after a hospital or health centre ("… Health Centre
    Children's Speech & Language Therapy") (health); Locality/Area Team, Educational
    Psychology/Early Help… Service of a place, Kinship/Foster/Young Carers groups, Youth or
    Community Project, Prison, YOI, churches, chapels and mosques with their denomination
    ("Living Waters Pentecostal Church"), Amusements, Arcade, Bingo, Cinema (address; the
    generic "the Educational Psychology Service", "Young Carers" stay); "… General" (a
    hospital, not "Attorney General"), "… Neurodevelopmental Service", Child
    Development/Therapy/Audiology… Service, Centre or Team, and a bare "… Centre" among words
    about health (health), "… Talking Therapies", "… Dental", "… School Nursing", "… Perinatal
    Mental Health Service" (health, even where the service's words alone are a practice term);
    Family/Community/Children's/Youth Centre, Family Hub, a bus or train station, "…
    station", "… retail park", "… transit site", "… caravan site", Library, Village Hall, a bare "…
    Centre", and "Civic Centre" alone (address). Councils ("… Metropolitan Borough Council", "…
    County Council", "… Council"), law firms ("… Family Law", "… Legal Services", "… Solicitors
    LLP") and firms by their business word ("… Associates", "… Lettings", "… Toxicology", "…
    Hardware", "… Ltd", "… Taxis", "… Logistics", "… Housing Association", "… Interpreting", "…
    Language Services", "… Building Society", "… Credit Union", "<Town> Jobcentre Plus", "…
    Fostering", "… Family Placements", "… Domestic Abuse Service", a football club "… FC", "…
    Juniors FC", "… Football Club", a court by its town "… Magistrates' Court") and adoption
    services ("… Regional Adoption Agency", "… RAA", "… Post-Adoption Support") go whole as
    addresses;
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
    named by its region ("Western HSC Trust", "SOUTHERN HEALTH AND SOCIAL CARE TRUST"), a
    regional adoption agency ("Adopt Severn Vale"), a town after a named school, practice or
    clinic where the line ends or a bracket opens ("… Dental Practice, Hope (GDP)"), a
    neighbour's house number alone where a clause ends ("the family at no. 29."; never "no 5
    times", "session no. 4", "review no. 3"), a probation hostel with its kind ("… Approved
    Premises"), a council's name in a heading in capitals whatever its words ("HIGHLAND COUNCIL";
    never "CHILDREN IN CARE COUNCIL"), places in Irish or Scottish Gaelic ("Tigh a' Chomhairle",
    "Àird an t-Sruthain") and Gaelic schools ("Bun-sgoil …"), a recreation ground or playing fields
    by name ("Hartley Rec", "… Playing Fields"; never "the rec"), Scotland's "… PS" and "… HS"
    (never "PS:"), a street of one
    word ending "-gate" after its number ("40 Wellgate"), a church by "… Ministries", a venue "The
    …" before its kind ("The Hollies family centre"), "… Parade" after on, in or at, a named clinic
    in lower case ("Ridgeway fracture clinic"), a named CAMHS or CMHT ("Ashdown CAMHS"). Councils by
    their letters ("… CC", "… MBC", "… CBC"), police forces by name, "… County FA", firms ("… &
    Partners", "… Assessments", "… Consultancy"), shops ("… Mini Mart", "… Stores", "… Off
    Licence"), food banks, horse fairs, caravan and holiday parks, boxing clubs ("… ABC"); Welsh
    bodies with the type word
    first (Canolfan, Cyngor Sir, Teuluoedd yn Gyntaf, Gwasanaeth, Prosiect; their generic words
    alone stay); "X upon Y" towns; a place abroad of a common word and a joining word ("Vila do
    Sol"); a pub by its name alone where the text calls it a pub ("in the Feathers … the pub"); a
    venue on a street after to, from, outside, near or by; a GP practice named after a street keeps
    its street's words. Health services by specialty and place ("… Community Paediatrics", "…
    Audiology"), a health board's area ("NHS …", the service after it kept; "NHS England" stays), an
    urgent treatment centre, minor injuries unit or walk-in centre "at <town>"; community gardens,
    shelters, refuges, supported housing or lodgings, a "… House Foyer", private hire, staffing and
    adoption agencies by name; a firm, venue or place of worship with its street after it; "Masjid
    al-…"; a home's name in a heading in capitals ("… HOUSE", "… LODGE"); a word joined by "&" to a
    removed name ("Bap & Brew"). A plan's item opening with a verb ("Refer Audiology") names no
    service; an Act's title and a judicial review's citation ("R(G) v LB Southwark") stay readable.
    A street of common words mid-sentence ("at Harbour Road probation office"), a service of two
    fields ("… Wheelchair and Seating Service"), a lower-case place noun or a trade after a removed
    name ("[…] refuge", "[…] Roofing") go. "the Trust", "the hub", "the 0-19 service", "the Family
    Hub", "the RAA", "CAMHS" alone stay. Initials of a school, practice or service named in the text
    (``KC`` for Kingsmead College) get its placeholder, unless a practice acronym.
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
    - one word from the first-name list shipped here (about 2,500 names from UK birth
      registrations and from the communities social care works with; 570 surnames beside it),
      except at the start of a sentence for names that are also common words (Will, May, Mark,
      Hope…), and never for words mostly used otherwise (Amber, Summer, Jordan, Christian…)
      without other evidence;
    - one unknown capitalised word in the middle of a sentence (over-redaction: towns and
      organisations not in the stop list go too), and one opening a sentence when no English
      dictionary holds it nor a regular form of it (``data/english-words.txt.gz``, SCOWL's
      British English list, with practitioners' shorthand from ``data/shorthand.txt``): "Cadfael,
      the uncle…" goes, "Cuckooing concerns…", "Appt. made…" stay. A word reading like English
      (-ed, -ly, -ing…) is treated as one only if the dictionary holds it ("Sioned" is a name);
      a word of five letters or more in capitals that no dictionary or list holds is a place
      opening a heading or after AT/IN/FROM/TO/NEAR/OF ("SITTING AT NORTHBRIDGE"), otherwise
      a person ("WHAT TAFADZWA WANTS");
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
    - a nickname after "aka", "known as", "nicknamed"…, with the full name's placeholder; a
      quoted nickname said to be unknown ('"Mo" not identified'), or set against a name
      ('"Spud" = Darren Holloway', '"J-Money" - real name unknown'), never a glossary's
      acronym or a term of address ("bro", "mate");
    - particles join a name, chains of them too ("van der Kolk", "de la Cruz", "ap Hywel"),
      and Irish forms with their mutations ("Nic an tSaoir", "Ó hAodha", "Uí nGallchóir");
    - the first word of a table's cell (after "|", two spaces or a tab), after a log's time
      ("03:15") or a section number ("4.4") opens a sentence; a name never runs across a
      column's gap; an everyday word opening a sentence before "is", "had" or a verb in -s
      ("Caravan was parked") is no name, before "said" or "agreed" it is;
    - a given name that is also a word at a named place ("Dot at Pen-y-Garn");
    - in a record in capitals, a surname first, a comma and up to three given names
      ("OYELOWO-HART, TEMI ADUKE"), a title or a rank and collar number before several name
      words ("MR FEROZ HAKIMI", "PC 5521 ADEYEMI"), an initial before a surname ("K
      BRIMACOMBE"); a run of English words in capitals is no address without a number;
    - a playful short form of a named person ("Cally" for Calum, "BRADDERS" for Bradshaw),
      hyphened and apostrophe initials ("A-G" for Ashby-Greene, "NO'D" for Niamh O'Donnell),
      a surname that is a word after a role and a listed given name ("HV Nuala Good"), a
      given name that is a word opening a sentence once seen as a person, before a diary's
      state word ("Will up at 6");
    - a pet's name after "a cat called…" or "her cat…", a film after "watched", a day range
      ("Fri-Sun"), a practice acronym in title case before "means" ("what Cin means"),
      an acronym's plural ("DSLs", "FCs"), an abbreviation with a small letter inside ("PoP",
      "LiP", "ToR"), statutory guidance titles, GIRFEC tools and conditions named after a
      person ("von Willebrand") are no names;
    - initials in brackets after a name ("Tyler (TM, 15)") and dotted initials matching a
      person named ("P.M."; never "3 P.M.") stand for that person everywhere, possessives too
      ("AH's"), even where the letters are also an acronym; dotted initials alone in brackets
      ("(B.T.)") are a person, the bare form later too; a single letter's possessive ("R's
      login") is the named child ("M" or "F" before dob or an age is the child's sex);
    - "Nana" before an Akan day name ("Nana Ama") is part of the name, and alone then that
      person unless "her/my/maternal…" comes before it; "Nana Kathleen" keeps "Nana";
    - a run of ordinary English words with no evidence and no listed name beside a
      capitalised common word is a term, not a person ("Team Teach", "Responsible Individual",
      "Children's Homes (England) Regulations 2015"; never after a mid-sentence "The");
      a word after a list marker ("1)", "(iv)"), glued to a digit ("Rec-Y4"), before a passive
      verb ("Contract agreed", "Marriage arranged 2013"), in the plural, after a colour ("the
      black Golf") or a pet's name after "dogs called…" is no name; a heading of English words
      in capitals with no digit is never an address; a speaker's tag at a line's start
      ("21:58  Kaz:") does not make a chat in lower case read as capitalised;
    - an Arabic or Somali naming chain is one name: given name, bin/binti/binte/ibn, the
      father's name and an Al- family name ("Amira binti Yusuf Al-Harbi", "Omar ibn Khalid");
    - a Korean given name, two romanised syllables joined by a hyphen ("Ha-eun", "Ji-woo"),
      anywhere, with a common family name before or after it ("Jang Do-hyun", "Ha-eun Kim");
      "Set-up", "Sit-in", "Yo-yo" (an English ending or a repeat) only with a family name;
    - a Vietnamese name, a common family name and given syllables whatever they mean in
      English, with "Van" or "Thi" in the middle ("Pham Van Duc", "Nguyen Thi Mai") or the
      family name in capitals and a comma first ("NGUYEN, Bao An"); every syllable shaped as
      Vietnamese ones are ("Drive", "Hire" are no syllables of it); an Irish patronymic after a
      given name, with its accent or without ("Cormac Ni Bhriain"; never "NI Insurance");
    - every alias quoted after "AKA" or "known to … as" ('AKA: "Merc", "DC"', 'known to us as
      "Bells"'), whatever it spells; a young person's dotted initials before the given name
      and age in brackets ("K.D. (Kayden, 15)", "A-M.W. (Amara-Mae, 14)", "R. (Radek, 16)"),
      and the same letters later, with or without stops and hyphen ("AMW" in a table);
    - initials of a full name seen (``JW`` for Jane Wilkinson, ``I-M`` for Isla-Mae, ``TAL``
      for T. Ashworth-Lyle, every part of a double-barrelled name), unless
      a practice acronym or an abbreviation of the shared vocabulary; and a named person's
      initial or initials used as a name ("K said" for Kyle, "with KB"): a verb after it,
      with/and/told… before it, or in a list (never "a", "i", "o", "x"; never an acronym
      every reader knows, "registered with GP");
    - an initial and its full stop before a word the stop list lacks: ``A. Munro-Kerr``,
      ``Dr J. Okafor``; a quoted nickname of up to three words ("aka 'lil d'", "called him
      'big m'"); a capitalised word with a lower-case word hyphened on ("Merton-compliant")
      is an adjective, never a name; "O. Ashdown": an initial with its stop is no particle;
    - a month's abbreviation used as a person ("Dec" for Declan): a verb after, "with" before,
      in a list of names, or spoken to (", Dec."); never with a day, year or "of";
    - initials of two or three capitals for a person the text never names in full (staff in
      a log): a verb after, a role or shift in brackets after ("GF (DSL)", "AJ (sleep-in)"),
      "by", "with", "and", "to"… before (not before a noun or a service's word: "and TB
      screening", "email from SH hub"), a speaker or
      signature ("08:15 – LM: …", "— SV"), beside such initials ("EB and CK", "BN, HC");
      every mention then goes under one placeholder. Never an acronym of the shared
      vocabulary nor of ``data/not-initials.txt`` (benefits, school subjects, shops: UC, PE,
      KFC), a common word in capitals ("OK", "NO") or inside a practice term.
    - God by any name ("God", "Allah", Twi "Nyame"), common words of Twi and Polish a family
      says or a worker quotes ("akwaaba", "w Anglii", "Wigilia"), qualifications after a name
      ("MRCPsych", "MBChB", "RSCN"), "MINUTE" and "Advocacy", caravan makes ("Hobby"),
      "Blue" and text-speak ("Aww", "pls") are stop words, never a name; a word that is a
      given name too ("nhyira", "dev") is one in lower case only with evidence, and Akan and
      Polish given names and their short forms (Kofi, Adwoa, Gosia, Wojtek) still go;
    - common Welsh words (``data/welsh-words.txt``: headings, verbs, words of practice and of
      family) are never a name, though they go on inside a venue's name ("Canolfan Lles Plant
      …"); they are known in their mutated forms and with the article joined on
      ("drafodaeth", "mhlentyn", "diogelu'r"); a word after " / " opens a bilingual heading's
      cell ("Lleoliad / Venue:"), and one that is a given name too is the heading's word before
      its English half ("Dan / Under:", "Beth / What"; never "Beth / Mum");
    - a family listed in a record ("2. SURNAME - XX (9), YY (6)"): the surname in capitals and
      every later use of the initials, even initials that spell an abbreviation; initials
      before an age in brackets are a person; a single initial after a given name ("Tayla
      O"), a lone capital opening a sentence when a person with that initial is named, dotted
      initials after "initials" ("initials K.N."); a worker's initials that spell an acronym
      when one named person has them ("PA thinks", never "the PA"); a nickname before the full
      name in brackets ("Dibs (Dibyendu Sarkar, 14)"); the name an account is in ('account
      name "AZ M"'); a name beside the handle that spells it; "née" is a title; an acronym in
      brackets after a name is their role ("(SW)") unless their initials spell it; a verb or
      greeting before a name ("Told Gareth", "Hi Adaeze") is no part of it;
    - in a log, staff known by a name and initials in brackets ("Jo (JT)"), people listed by
      initials after "On shift:", "Present:", "Staff:" or "in home tonight:", and initials
      joined by "+", are people, their initials gone wherever they recur; a nickname quoted in
      brackets after a name ('Jordan ("JJ")'; never a defined acronym, '("SGO")'); a name
      written again in lower case ("bex") when it is a known given name no dictionary holds, or
      on a text message's line; a surname that is a word after a dotted initial ("E. Grant");
    - a shift's staff after its heading ("EARLY (07:00-15:00)  staff on: SH / dk", "waking
      night: RA"), in either case and whatever else the letters spell ("SH" elsewhere stays
      self-harm); initials with stops, hyphens or apostrophes before an age, a quoted nickname
      and an age, after a child word or a people label ("T.J. (15)", 'A-R.M. "Amber" (14)',
      "L.O'D.", "boy T.W."), and such a young person's first letter later ("T back from PRU");
      "I." or "M." with its stop before a verb ("I. told the nurse"; "I. Background" stays); a
      given name that is a word after a form's dot leaders ("Name ...... Dean HOLLIS"); an age
      as a register writes it ("Summer (9m)", "(2y)"); a listed surname in capitals before the
      given names ("NGUYỄN Văn Hùng", "WANG Xiu Ying"); a name written with and without its
      accents is one person ("Hùng", "Hung", "HUNG NGUYEN"), and a short word inside a name
      written with accents is the name's ("Đặng Thu Hà", "Nghệ An"; never "and", "is"); a
      person a note calls by one letter and its stop, used so twice inside sentences ("A.
      self-referred", "told A. I'd…"; never "Dr A. Smith", "Plan B."); a letter set in
      brackets after a name ("Dilan (D), 9", then "D is quiet"; never "Vitamin D"); dotted
      initials before an age in a table's next column or sex and age after ("| T.M. | 9 |",
      "J.B., male, age 12"); a newborn's surname in capitals after "Baby boy"; a name no
      dictionary holds, found in the text, in lower case before a verb or after "and" ("hawi
      wants", "Mum and zion"); an initial before quoted words ('that M "fell off"'); a
      surname that is a word after a given name the lists lack and no dictionary holds
      ("Delroy Grant");
      a title ending a line with the name on the next; a surname in capitals after a given
      name before an age or date of birth ("Andreea IONESCU dob"); a quoted nickname after
      "aka" even when a word ('aka "Dutch"'), and its later use as a person; a title with one
      initial ("Miss T"); a named person's dotted initial mid-sentence ("S. describes"); a
      known name alone in a table's "who" cell; given names then a surname in capitals on a
      form line ("Harpreet Kaur SANDHU", and a surname that is a word where the field ends:
      "Pupil: Ellis BROOKS"); a given name typed in lower case in a text written with capitals,
      when no English or Welsh word ("can bernie come", "a kieran doyle (dob …)"); a word
      after a title in lower case ("mr nowak", "mr n"); a name that is a word, in lower case
      as a verb's subject once seen as a person ("rob says"; never "the rob", "jasmine was");
      a letter the text sets for a named person ('Mason Bright … - "M" below') wherever it
      stands alone after; "Dr" with one initial ("Dr V"); a surname first in capitals before
      a given name the lists lack where a list's field ends ("HUSSEIN, Amal |"), or before
      "baby", "family", "twins" ("PEARSON baby"); "A" as an initial after a title ("MR A
      MACLEOD"); a nickname quoted in brackets after a name whatever the word ('Chidera
      ("Chi")'); a word before a date of birth ("Dolly 10 (DOB …)"; never "Claimed DOB"); a
      word after a family word in lower case ("nanny pat") and two given names hyphened in
      lower case ("lacey-mae"); a chat's sender with the role or class the phone saved ("16:05
      Dionne FSW:", "Mr F Yr3:") goes whole when a name is in it; a nickname no dictionary holds
      where a person goes in a young person's words ("kayz said", "kayz's", "with kayz and them"
      when the text names it twice; never "with creche worker"), and every later use of a name
      found in lower case; a given name in lower case with an initial ("jordan m"); the letter a
      message is signed with after an emoji, a kiss or "cheers," ('😊 R"'; never "plan A, B",
      "Grade - A"); a surname in capitals after a title and a given name ("DS Rebecca HOLLINS");
      initials alone in a table's "who" cell, for the one person named so, whatever acronym they
      spell ("| EP |" for Euan Petrie; "the EP (educational psychologist)" stays). A stop after
      a surname ends a title's name ("Dr Achterberg. I'll …"), as does a word of a sentence
      before given names ("Met Rebecca HOLLINS"). Authors cited with a year ("Lord and Borthwick
      (2008)", "et al.") stay readable, as do common medicines, exam boards, games and
      psychometric tests (``data/kept-terms.txt``).
      From held-out-38 to -41: the name in a form's name field, English words or not ("Surname:
      HAMWI", "Name: Zed", "Name of child: TOBI FLEET"; "Name: Unknown male" and "Name: Baby
      …"'s "Baby" stay), and a patient's or family's name where it is written in capitals ("Pt:
      LI Xiaomei", "Family: AL-HAMWI"); an Arabic surname with its article in lower case ("Mrs
      al-Hamwi", "Khaled bin Yusuf al-Hamwi"; "al-Anon" stays); two-letter family names in
      capitals before a given name no dictionary holds ("LI Xiaomei", "WU Jian"); initials after
      a record's "From: … To: …" handover, "Signed off:", "Rec'd by:" and in a table's column of
      workers (a "SW", "Worker" or "Initials" heading; not a "Who" column, whose cells are roles
      and bodies), with their other mentions, whatever else the letters spell ("TB covering",
      but "TB screening" stays); initials of a Mc or O' surname ("JMcG", "AO'C"); initials
      opening a log entry before its dash ("JJ - quiet, asked about her"); nicknames quoted in a
      list under a line saying street names or aliases, and after "street name is"; a chat
      group's name; an email's sign-off letter on the line under its closing ("Thanks", then "C"
      on the next line). A word opening a log entry after its time or a question number is a
      sentence's first word ("6.00 – Feed: 200ml", "Q7 Conflict over child contact"), a stop
      after a rank in capitals ends a sentence ("passed to PC. Missing episode closed"), and a
      form's tick box label is no name ("Ed [x]"). From held-out-42 and -43: a given name cut
      short ("Des", "Bev") is its person's, unless two given names share it ("Sam" beside a
      Samantha and a Samuel); a title's given name before a listed surname ("| Mrs Hyacinth
      Grant |"); a nickname quoted with who uses it ('("Mama G" to the children)') or after
      "everyone calls me"; dotted initials before a verb ("J.M. arrived"); a saint's title with
      the place named after the saint ("St Barnabas Hall"); a username of letters alone after a
      platform's label ("snap: kacexleigh").
      From held-out-44 and -45: Hong Kong names, a Cantonese family name before a hyphened given
      name ("CHAN Hoi-ting", "Lau Mei-ling"); an Arabic family name in capitals with its article
      after given names ("Arwa Saleh AL-QADHI,"); a second account after a slash ("GemmaW_89 /
      TomekW86"); a house named as a View or Villa before its street ("Orchard View, 7 Kestrel
      Lane"); an initial's stop before a verb opening the next sentence is no name ("banded C.
      Explained the option"). A text that calls the parents "M" and "F", both alone again and
      again, keeps the letters ("F has M's address"), whoever else's initial "M" is.

``name``, ``address``, ``school`` written in capitals
    Lines holding words in capitals (headings, letterheads, address blocks) are read again
    with those words written as names are ("HOLLYBANK LODGE" as "Hollybank Lodge"): the
    schools, services, buildings and addresses found there go, and a town of the list
    ("SITTING AT SHEFFIELD"); a listed first name or a title before a word in capitals that is
    not a common one is a name ("CHILD: TYLER BRANNIGAN"), with the further names in capitals
    that are not common words ("CERYS ANGHARAD PRITCHARD-MORGAN"), and so is a surname in capitals
    before a listed given name or an initial, as police records write them ("DANFORTH, Lewis",
    "DANFORTH L", "SMITH J (DOB …)"; never "SECTION B", "PLAN A"). Heading words ("HANDOVER",
    "APPLICANT", "SHIFT NOTES") stay, and a word in capitals that is a common word is no
    name's initials ("MATTER OF THE" beside an Olive Fenwick).

``name``, ``address``, ``school`` in text written in lower case
    A paragraph (or the whole text) is in lower case when most of its sentences open in lower
    case (two or more), or it has twelve words or more and hardly a capital
    (:mod:`~auditlib.anonymise.lowercase`); in a chat, a message after its time and sender is
    judged alone ("15:34 Shan: kyle is my brother"). There: a given name from the list (not one
    that is also a word, "will", "dean", unless a surname follows), a surname from the list, a
    word after a title ("pc kapoor"), a role ("his mum tracey") or a name in a list ("dean +
    sal"); the word after a given name is its surname when listed, shaped as one (mc-, o'-,
    hyphened) or where a name ends (before a stop, a verb), or a single letter ("darren s"); a
    nickname quoted after a name; every later mention of a name in any case. Streets by their
    type word ("carr lane", "22 manor row", "ravensworth park"), venues ("the cue club",
    "bradford interchange", "sizzlin grill") and schools ("thornbury high", "bridge pru") after
    words that are not everyday or generic ("the skate park", "the youth club" stay); towns from
    the list; streets named -gate ("westgate"). Everyday words (the stop list, verbs, words
    ending -ing, -ed, -ly…) stay.

    Weak words (names only with evidence): English words that are also surnames (Young, Brown,
    Green, Hill, Wood…), place words (Park, View, North…), months that are names (April, May,
    June, August), and unknown words ending like English words (-tion, -ment, -ing, -ed, -ly…).
    Words that are no one's name but may name a place, a venue, a club or a shop
    (``data/not-names.txt``: dishes, sports, products, GIRFEC's wellbeing indicators, "Safe",
    "Shinty", "Jollof", "Tapestry") are weak too, and no stop words: "see Safe" stays, "Safe
    Haven" and "Hollybank Shinty Club" go.
    ``Jane``, ``Jane Wilkinson``, ``Mrs Wilkinson``: a single word joins the one full name it can
    belong to; when two full names share it (two Wilkinsons), it gets its own placeholder.

Ward shorthand ("SG", "NIC", "HCA", "RN", "Pt", "Bed 2", "Datix", "the Reg"), youth justice
orders ("YRO", "DTO"), the abbreviations of immigration and student finance letters ("FLR",
"ILR", "SFE", "FAO"), a chat's and a letter's words ("Chat", "Reminder", "Voicemail",
"Passcode", "Dear Sir/Madam"), grades and courses ("Grade 5", "IT & Digital"), heritage
compounds ("Ghanaian-British"), family words (Papa, Mama), health visiting words and vaccines
("Universal Plus", "Latch", "Rotavirus"), school programmes (Lexia, Sparx), "Fast Track" and
the Adoption Support Fund ("ASF", "DDP") are kept; the names beside them still go ("HCA
Gemma", "Reg Pollitt").

The UK's police forces by name ("West Yorkshire Police", "Police Scotland"), Scottish and
Northern Irish orders, hearings and roles ("Compulsory Supervision Order", "Children's
Reporter"), panels and grants by their type ("Short Breaks Panel", "Disabled Facilities
Grant") are kept terms: practice context, not where the family lives. A region named alone
("moved to West Yorkshire") is still a place and goes.

Family-court parties and stages ("Applicant", "Respondent", "Issues Resolution Hearing", "Part
25", "Final Hearing"), log words ("Handover", "Shift", "Driver"), education words and grants
("Diploma", "Access course", "Higher Education Bursary"), funds ("Adoption and Special
Guardianship Support Fund", "Fund"), table and minute headings ("Role", "Owner", "Subject",
"Joint", "Reconvene", "Secure"), "Skeletal", "Xmas", "Weds", apps ("FaceTime"), the person a
service works with ("Client", "Patient", "Tenant"), hospital specialties written short
("Ortho", "Derm"), policies and case law ("Was Not Brought", "Gillick competent", "Mwy na
Geiriau"), dental products and medicines ("Duraphat", "Fluenz") and named protocols of practice
("Philomena Protocol", "Herbert Protocol", listed together in ``data/kept-terms.txt``) stay.

Charities and helplines named with ordinary words (Mind, Relate, Childline, Shelter…) are kept
terms: organisations the family is referred to, not identifiers; so are national services and
campaigns (Report Remove, CEOP, IWF), offences by their abbreviation (ABH, GBH, NFS, s.47),
delivery and ride apps (Deliveroo, Uber, Just Eat), "Man Utd", parenting programmes
("Triple P", "Mellow Parenting"), family words in Arabic, Somali,
South Asian, Turkish and Eastern European languages (ammu, hooyo, aabo, ayeeyo, jiddah, khala,
bhua, masi, bhabhi, nani ji…:
``data/kept-terms.txt``), and "Band" (a pay or housing band) and "Man" are no names.

From held-out-38 to -43, kept: dishes of many communities ("Jollof", "egusi"), sports
("Shinty"), apps, record systems and products ("CareTrack", "WeChat", "Peptamen Junior",
"Stairlift"), GIRFEC's wellbeing indicators ("SAFE - Amber"), family words in Lithuanian,
Portuguese, Polish, Tigrinya and more ("Močiutė", "meu menino"), case law and principles
("Merton principles"), Legal Aid, NHS Talking Therapies, Routine Enquiry and screening scales
(GAD-2, PHQ-9, "Whooley questions"), clinical scores with their score word ("Finnegan scores",
"Glasgow Coma Scale"), maternity units ("Delivery Suite", "Labour Ward"), games and children's
television ("Uno", "Bluey", "Tipping Point"), equipment and adaptations ("through-floor lift",
"wet room"), page and section shorthand ("See Sect 4"), a practice nurse's "PN", housing bands
("band B"), generic public buildings ("Town Hall", "Council Offices"), police shorthand (LPA,
VRI), languages and dialects ("Gàidhlig", "Levantine"). Words that are no one's name but may
name a place sit in ``data/not-names.txt`` (weak, see above). From held-out-44 and -45, kept
too: FLO, PPP and GWF, a solicitor's "Associate", interpreter shorthand, Hong Kong and Macau,
Nepali, Cantonese and Arabic family words and honorifics ("Hajurama", "Popo", "Hajja"), Gas
Safe, regiments, youth groups and a leisure system's name.

Not covered: towns that are English words too at the start of a sentence with nothing after
them saying name, the local authority's name, free-text descriptions (a job, a distinctive
event), years written in words outside a dictated date, and in lower-case text a nickname or
short name ("bev", "jay") with nothing round it saying name.
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
