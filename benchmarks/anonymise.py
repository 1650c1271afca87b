"""Anonymisation of the labelled corpus: recall and precision per identifier kind, and the time
per 1,000 words against a named baseline measured in the same run.

Recall is the share of labelled identifiers whose every letter and digit was replaced; precision
the share of replacements that overlap a labelled identifier (a replaced town counts against the
names). The rules were tuned on texts 01-08; 09-11 were written afterwards as a held-out set and
first scored before any change (names 41/42, addresses 1/2, postcodes 1/2, schools 3/4, GP
practices 1/2, every other kind complete); the rules were then fixed in general ways for what
they missed. The baseline is ``re.sub`` of the email pattern over the same text: one regular
expression pass, the least an anonymiser must do.

Each ``held-out*/`` folder holds texts written by someone who had not seen the code; each is
scored and reported apart (per kind), in order: ``held-out``, then ``held-out-2``… Each was
scored once before any change of rule for it (its first score, the figure for text the
anonymiser has never seen), and its misses then fixed by category, never by its sentences:

``held-out/`` (issue 15): 95/128 (74.2%): name 53/57, date 16/25, address 2/4, postcode 3/3,
nhs_number 2/2, ni_number 1/1, phone 4/5, email 2/2, reference 6/11, vehicle 0/3, handle 0/5,
school 4/4, gp 1/1, health 1/5; nine practice terms changed. After the category fixes (tuned
on 01-12 only): 121/128 (94.5%), no practice term changed; after a second round of category
fixes, 128/128.

``held-out-2/``: 304/340 (89.4%): name 160/169, date 54/64, address 23/28, postcode 7/7,
nhs_number 3/3, ni_number 2/2, phone 9/12, email 8/8, reference 11/11, vehicle 2/4, handle
2/3, school 15/17, gp 4/4, health 4/8; three practice terms changed. After the category fixes
(years tied to events, seasons and terms, weekday with a day number, phone extensions, named
facilities, part plates, mixed-case usernames, surnames that are words, a school's initials,
towns after a street or a move; headings, brands, languages, contractions and "Yr 9" kept):
337/340 (99.1%), every kind complete but name 166/169, no practice term changed; left: "DA"
three times, the initials of someone the text never names (and an acronym, domestic abuse).

``held-out-3/``: 242/308 (78.6%): name 99/132, date 45/55, address 31/45, postcode 7/7,
nhs_number 2/2, ni_number 1/1, phone 12/14, email 6/6, reference 19/19, vehicle 2/3, handle
3/3, school 6/8, gp 4/4, health 5/9; eight practice terms changed. After the category fixes
(text written in lower case, initials used as a name, dates written out, named buildings,
venues, firms and services, a name after an initial, international numbers; police forces,
Scottish and NI orders, panels and grants, roles, capitalised headings and common nouns and
practice adjectives kept): 304/308 (98.7%), every kind complete but name 128/132, no practice
term changed; left, in the lower-case log: an initial with no verb after it, a short name and
two nicknames with nothing round them saying name. The time per 1,000 words went from 17.0 to
20.6 ms (ratio 105 to 115-131 over runs).

``held-out-4/``: 237/286 (82.9%): name 121/144, date 40/41, address 24/42, postcode 4/4,
nhs_number 2/2, ni_number 1/1, phone 11/11, email 5/5, reference 10/12, vehicle 3/3, handle
2/2, school 7/8, gp 3/3, health 4/8; four practice terms changed and 17 over-redactions. After
the category fixes (initials of staff never named, identifiers in capitals, named councils,
firms and services, stations, sites and plots, a month with an apostrophe year, a month's
abbreviation used as a person, benefit and DX references, an initial with its stop before a
surname; log, family-court and education words and named protocols kept): 285/286 (99.7%),
no practice term changed, no over-redaction; left: "Mr Pike", labelled with its title, which
is kept by design (the surname goes). The time per 1,000 words went from 20.6 to 22-23 ms
(ratio 125-128 to 128-143 over runs).

``held-out-5/``: 279/302 (92.4%): name 128/132, date 60/62, address 26/37, postcode 6/6,
nhs_number 3/3, ni_number 2/2, phone 13/16, email 9/9, reference 12/14, vehicle 2/2, handle
1/1, school 4/4, gp 4/4, health 9/10; one practice term changed and 14 over-redactions. After
the category fixes (extensions and bleeps alone, an officer's number after the name,
letters-year-number codes, surnames first in capitals, a surname the lists lack after a known
given name or initial, housing associations, family hubs, firms, adoption agencies and
services, cafés, a named CAMHS, the town of Citizens Advice and of a court sitting, Welsh
hyphened names, house names and PO boxes, a year before a verb or after "b."; headings, roles,
apps, informal words and funds kept): 300/302 (99.3%), no practice term changed, one
over-redaction (an officer's number the labels left out, "DC … 2817", removed by design);
left, by design: "Citizens Advice" and "Family Court sitting at", labelled with their towns,
which are kept (the towns go). The time per 1,000 words went from 22.9 to 23.0-23.2 ms
(ratio 122-145 to 129-152 over runs).

``held-out-6/``: 265/286 (92.7%): name 134/137, date 37/40, address 31/40, postcode 6/6,
nhs_number 3/3, ni_number 1/1, phone 14/14, email 5/5, reference 10/10, vehicle 2/3, handle
6/6, school 5/5, gp 4/4, health 7/12; three practice terms changed ("ammu", "ABH", "Report
Remove") and six over-redactions. After the category fixes (a current plate whose area letters
are an acronym, Arabic naming chains with binti/binte, a flat or unit in a named building or
estate with its street and town, services, firms, clubs and courts by their type word, venues
named "The …" with a venue cue, hospital units and named wards, a short day/month opening a
chronology line or before a time, named days with a fixed date, a carer's verbs after a name
that is also a word; family words in other languages, offence abbreviations, national services,
delivery apps, "Band" and "Man" kept): 286/286 (100%), no practice term changed, one
over-redaction (a bleep number the labels left out, removed by design). The time per 1,000
words went from 22.7-22.9 to 23.7-24.1 ms (ratio 129-139 to 136-150 over runs).

``held-out-7/`` (after the held-out-6 fixes): 262/284 (92.3%): name 121/129, date 38/38,
address 37/46, postcode 9/9, nhs_number 3/3, ni_number 1/1, phone 16/16, email 6/6, reference
11/14, vehicle 3/3, handle 2/2, school 8/8, gp 4/4, health 3/5; five practice terms changed and
13 over-redactions. Missed, by category: Korean names (given names with a
hyphen, family name first), an address abroad, a passport number in groups of three, a travel
card number, an officer's warrant number after letters, named hostels, services, a building
society, a Jobcentre by town, "Station Approach"; over-removed: a heading in capitals, "Young
Carers (Card)", "Registered Intermediary", "Drinkaware", country names, a case name
("Southwark Judgment"). After the category fixes (Korean given names with a hyphen and a
family name before or after; passport, travel card and warrant numbers in groups, a place word
opening a service's name, day units on a named ward, language services, building societies and
a Jobcentre by town; carers' services, intermediaries, campaigns, country names and case law
kept): 278/284 (97.9%), no practice term changed, two over-redactions (a heading in capitals
opening with the child's name); left: an address abroad and its district, a venue, "Station
Approach", a police force labelled as an address, a passport number far from its cue. The time
per 1,000 words went from 24.2 to 24.3-24.7 ms (ratio 143 to 137-150 over runs). A second
round (streets abroad with their numbers and districts, a building before its apartment, a
street of common words before its town and postcode, codes of capitals and digits with no cue,
a capital "The" inside a sentence taken with the name after it, a heading's verb after a name
kept): 283/284 (99.6%); left: "Sussex Police", kept by design.

``held-out-8/`` (after the second held-out-7 round): 291/319 (91.2%): name 106/112, date 57/62,
address 56/68, postcode 10/10, nhs_number 1/1, phone 14/14, email 7/7, reference 13/14, vehicle
4/4, handle 3/3, school 12/14, gp 4/4, health 4/6; seven practice terms changed and 21
over-redactions. Missed: a town in capitals, a building and its street on one line, a council
of two towns, a named half term, a pupil referral unit and a "Catholic High" by short names, a
flat number before a block's name, a park, an arcade, nicknames after "aka" (one a word), a
bare month or festival, an educational psychology service and speech and language therapy of
a place, a neurodevelopmental pathway, a DX number, suites, floors and old post offices, a
locality team, Welsh given names, a what3words address. After the category fixes (below, with
held-out-9's): 319/319.

``held-out-9/`` (written beside held-out-8, scored before its fixes too): 294/320 (91.9%): name
155/164, date 36/42, address 43/53, postcode 3/3, nhs_number 1/1, ni_number 2/2, phone 12/12,
email 4/4, reference 13/14, vehicle 6/6, handle 3/3, school 6/6, gp 3/3, health 7/7; three
practice terms changed and 26 over-redactions. Missed: towns in capitals, staff initials of
three letters and a bare initial, a Dutch particle name and an Irish "Nic an tSaoir", a
collar number far from its rank, a bare year and month, a day range, short day/month dates, a
prison, a town abroad with its country, a named church, a carers' group, a youth project, a
filling station, a saint's name for a church, "Christmas"; over-removed: shift abbreviations
("Snr", "Strat"), foster carers' and family abbreviations ("FC", "MGM"), "Op Makesafe",
"Connected Persons", "Child Abduction Warning Notice", a country. After the category fixes for
both sets (an English dictionary telling names from words, at a sentence's start and in
headings in capitals; 1,128 given names of many communities; particle chains and Irish
mutations; quoted nicknames set against a name; staff initials of every part of a
double-barrelled name; table cells and log lines opening a sentence; address lines of
comma-separated parts; named places with their type words (PRU, Catholic High, Locality
Team, Pentecostal Church, Amusements, HMP…); parks, councils of two towns, towns abroad with
their country, what3words; festivals and bare months placed in time, half terms, day ranges,
short dates after an event's verb; collar numbers after a name; DX in capitals; role
abbreviations, programmes and family words in other languages kept): 320/320, no practice
term changed, no over-redaction. Bare months and festivals placed in time now go by policy
(every date goes); the older sets leave ten of them unlabelled, which now count as
over-redactions there.

Over the rounds for held-out-8 to -15 the time per 1,000 words of the tuning corpus went from
36 to 47 ms (best of 7, against the session's first commit in the same run); practice terms
were then looked up by their first two letters (one alternation of every term had been tried
at every character: six times faster, the same spans on all 97 texts), leaving it at 40-44 ms,
12-20% above where the session started.

``held-out-10/`` and ``held-out-11/`` (written while held-out-8 and -9 were fixed, scored once
after those fixes and the English dictionary): 291/320 (90.9%) and 279/311 (89.7%): name
117/129 and 132/150, date 61/62 and 46/47, address 35/48 and 47/57, health 3/4 and 8/11,
school 17/18 and 7/7, handle 3/4 and 2/2, every other kind complete; eight and five practice
terms changed, 35 and 23 over-redactions. Of the 61 misses, about half left words that
identify (staff initials never named, "TM", "RJ", 12 times in one report; dotted initials
"P.M."; names in a pasted chat written in lower case; a year and a short date; a street
written "Wharf St"; an ethnic community's association); the rest left only type words or
countries after the name had gone ("[Name] Women's Aid", "[Name] estate", "[Address], Sudan",
a possessive "'s" inside the label). The scorer now leaves a possessive's "'s" at a label's end
out of the identifier (the anonymiser keeps it after the placeholder, "[Name 1]'s", and the
older sets label it outside): scored so, the same first run gives 297/320 (92.8%) and 279/311.
After the category fixes (the words continuing a removed place's name, decided by the last;
a place noun in lower case after a place; addresses and towns abroad with their country;
places of worship named type first; bodies named by a people; abbreviated street types;
initials set in brackets after a name and dotted initials; chat speakers' tags; "Nana" with
an Akan name; runs of ordinary words as terms; list markers, pets and headings of English
words kept; roles, qualifications, guidance titles and practice tools kept): 319/320 and
311/311, no practice term changed; left: "Servizi Sociali Municipio 2" (a number after a
name is more often an age).

``held-out-12/`` and ``held-out-13/`` (written while held-out-10 and -11 were fixed, scored once
after those fixes): 299/318 (94.0%) and 292/318 (91.8%): name 123/128 and 148/158, date 60/61
and 52/55, address 50/57 and 35/46, phone 12/14 and 8/8, reference 14/15 and 19/19,
nhs_number 1/1 and 2/3, school 10/11 and 6/7, health 7/9 and 4/4, every other kind complete;
one and three practice terms changed, 15 and 12 over-redactions. Missed: phone numbers of
twelve digits (no UK number has them, but a writer typed them), a Scottish CHI number's last
four digits, a benefit reference in groups; a police notice in capitals with surnames first
and several given names ("WARSAME, HODAN ABDI"), a venue and a custody suite in capitals; a
townland and county in Northern Ireland, Irish-language clubs and schools; leagues and teams
by age group, housing providers and firms by their own word; nicknames in capitals; "Hope" as
a name; a lower-case month, a day.month date. After the category fixes (phone-shaped runs of any
length, CHI numbers 6+4, benefit codes in groups, months with two-digit years and in
capitals; townlands and counties, rooms and venues opening address lines, shop branches,
teams by age group, leagues, trades, Irish-medium schools; police records in capitals with
surnames first, short forms and initials of named people, pets, films, day ranges, guidance
titles and eponymous conditions kept): 317/318 and 318/318, no practice term changed; left:
"0-19 Healthy Child Service" with no place before it (kept as the generic service is).

``held-out-14/`` and ``held-out-15/`` (written while held-out-12 and -13 were fixed, scored once
after those fixes): 286/303 (94.4%) and 296/312 (94.9%): name 101/103 and 141/146, date 54/57
and 48/48, address 73/80 and 55/62, reference 17/21 and 13/14, health 8/9 and 6/8, gp 2/2
and 1/2, every other kind complete; five practice terms changed in each, 33 and 20
over-redactions. Of the 33 misses, 14 left words that identify (a nickname "Dots" twice, a
town at a sentence's start, a bird's name as a surname, an initial "R", initials "COB", a
short date "20/05", "Christmas" after "at", a short-breaks provider, a police force's letters
before a reference, an Irish name with a hyphened mutation, a particle name after an
initial); the rest left type words ("… Foster Care", "… Children in Care Team", "Ward 21",
kept by design, "w/c", "The" opening a sentence). After the category fixes (exhibits by
initials, a benefit's reference by its grouping, a force's letters before a reference, a
festival before "a", services and firms by their last word (Mobility, Direct, Transport,
Short Breaks, Foster Care…), a town before a national service ("Kirklees Citizens Advice"), a
venue on its street, "The" opening a line before a place, Welsh joining words inside a
surgery's name, "Isle of …", 41 more towns, numbered wards where a hospital is named; role
letters a text defines ("M" = mother), quoted nicknames, hyphened Gaelic mutations, headings
and speech kept, brands after a colour, titles after "song" or "book", tools, benefits,
festivals and family words in other languages kept): 301/303 and 310/312; left: "w/c" and
"of" inside two date labels (the date itself goes; the cue words stay by design), the
initials "COB" and a child's "R" with nothing round them saying person.

``held-out-16/`` and ``held-out-17/`` (written while held-out-14 and -15 were fixed, scored once
after those fixes): 310/320 (96.9%) and 294/319 (92.2%): name 122/125 and 138/142, date 76/77
and 36/49, address 47/50 and 44/48, reference 15/17 and 15/16, phone 14/14 and 13/14, gp 1/2
and 3/4, health 6/6 and 11/12, every other kind complete; one and three practice terms
changed. Eight of held-out-17's thirteen date misses are weekdays alone ("Sunday", "Weds",
"Last Saturday"), which the anonymiser keeps by design (dates move by whole weeks, so a
weekday tells nothing the moved dates do not); without them held-out-17 scores 294/311
(94.5%). Missed otherwise: a surname's initial after a given name ("Tayla O", "AZ M"), a
single initial, a bare month, a year, a short date, "Nov-Dec 2019", a nickname, a pub by one
word, a Welsh service's name, "Newcastle upon Tyne", a caravan park and a food bank by words
of the language, a GP practice named after a street, a reference in letter groups, a
system's number after "LCS", an officer's number after "PCSO", a phone's menu option.

``held-out-18/`` and ``held-out-19/`` (a foster carer's log, an email chain, an age assessment,
a supervision record, a return interview; a Welsh care and support plan, LADO minutes, a family
time record, a court statement, a special guardianship assessment of an Irish Traveller family;
written while held-out-16 and -17 waited, scored once before any fix for them): 285/317 (89.9%)
and 288/306 (94.1%): name 142/159 and 127/130, date 48/57 and 61/63, address 41/45 and 46/57,
vehicle 3/4, handle 5/6, reference 20/20 and 19/20, health 3/3 and 4/5, every other kind
complete; 30 and 64 over-redactions (most of held-out-19's are Welsh words and headings), three
and four practice terms changed. Missed: surnames in capitals and pairs of initials standing
for people in a supervision record ("NGUYEN", "TN", "BN"), email headers' dates with times,
"w/c 20th Jan", "mid March 2025", bare years, "8/1", a council as "Northshire CC", a partial
plate, a handle with a dot, a shop "on Dale Rd", a town abroad, Welsh council, family centre,
service and month names ("Awst 2024"), a police force, a county FA, firms of solicitors and
assessors, a horse fair, "K.N.", a crime number in groups of four, a solicitor's full name
after "(Mr", a name or surname that is an English word ("Precious", "Ward").

After held-out-16 to -19's category fixes: 318/320, 310/319, 316/317 and 306/306. What is
left is by design or by the labels' scope: weekdays alone (seven of held-out-17's nine), "w/c"
and a system's or rank's name before its number ("LCS", "PCSO"), which are kept while the date
or number goes, and a charity named by ordinary words alone ("Stepping Stones North East").

``held-out-20/`` and ``held-out-21/`` (a school's safeguarding log, an initial health
assessment, a youth justice summary, a home visit through an interpreter, a care leaver's
messages; a Scottish Children's Hearing report, a GP's conference report, a children's home's
night log, a child permanence report, a homeless 16-17 assessment; written while held-out-16 to
-19 were fixed, scored once after those fixes): 291/303 (96.0%) and 290/318 (91.2%): name
123/127 and 119/132, date 66/66 and 65/70, address 36/40 and 42/49, reference 15/17 and 20/20,
health 11/13 and 6/9, every other kind complete; 15 and 10 over-redactions, three and four
practice terms changed. Missed: staff by initials and first names in a night log ("JT", "KD",
"Jo"), a name that is a word in lower case in texts ("bex", "bev"), a dotted initial before a
surname that is a given name ("E. Grant"), a full name after a title at a line's end, community
paediatrics and audiology services by a place, an urgent treatment centre "at" a town, a health
board ("NHS Strathavon"), solicitors with a street after them, a mosque with its street, a
community garden, a café "Bap & Brew", a night shelter, supported housing, an adoption agency by
region, a staffing agency, a private hire firm, a home's name in capitals, "Sept–Nov 24", "Jan
25", bare years, "w/c 23/12", Home Office numbers after "UKH".
After their category fixes: 303/303 and 317/318 ("w/c" left, by design).

``held-out-22/`` and ``held-out-23/`` (a private law safeguarding letter, an early help
assessment, a police vulnerability note, a disabled children's review, a sibling assessment; a
MASH research record, a virtual school's PEP review, a psychologist's notes, a child death
notification, an advocate's report in a child's words; written while held-out-20 and -21 were
fixed, scored once after those fixes): 285/308 (92.5%) and 264/292 (90.4%): name 141/147 and
125/132, date 48/53 and 45/53, address 44/50 and 30/40, reference 19/20 and 22/24, health 3/8
and 4/5, every other kind complete; 36 and 43 over-redactions, four and five practice terms
changed (medicines, an exam board, a game, a framework's authors). About half the misses leave
only generic words of the label ("Family Mediation", "custody suite", "refuge", "w/c"), the
place's own name gone; the rest leak: a surname in capitals after a given name in an occupants'
list ("Andreea IONESCU"), a quoted nickname after "aka", a name that is a word in a table's
action column ("Hope"), dotted initials ("S.", "L."), a teacher's "Miss T", a festival with a
year ("Bonfire Night 2024"), a bare year, month or short date, "2015-18", "Feb/March", a crime
reference with slashes, "CAD 1123-0876", a wheelchair service by its region, a children's
centre "for" a specialty, a youth club "at St Mark's", a football pitch and a team by a town.
After their category fixes: 303/308 and 282/292; what is left leaves generic words only ("North"
of a policing area, "Town" of a team, "3G", "w/c", "Coroner's Office", "Cafcass").

``held-out-24/`` and ``held-out-25/`` (an IRO's consultation notes with a child's own words, a
probation safeguarding enquiry, a school nurse's drop-in record, a Northern Ireland Gateway
assessment, a guardian's analysis notes; a dental "was not brought" letter, a bilingual Welsh
strategy discussion, a housing officer's ASB notes, an adoption letterbox log, outreach notes
with a Punjabi family; written while held-out-22 and -23 were fixed, scored once after those
fixes): 305/325 (93.8%) and 283/317 (89.3%): name 114/122 and 99/113, date 76/84 and 76/87,
address 48/52 and 44/49, reference 21/21 and 19/21, vehicle 2/2 and 1/2, handle 1/1 and 1/2,
every other kind complete; 14 and 31 over-redactions, one and six practice terms changed
("Gillick", "Was Not Brought", a varnish, "PPN", a Welsh policy's name, a Punjabi aunt). The
leaks: given names then a surname in capitals ("Imani CASTLE", "Harpreet Kaur SANDHU") on a form
line; lower-case names in a child's words and in officers' notes ("rob says", "mr nowak");
letters a text defines as a person ('"M" below', "Dr V", "cb/dn"); short dates with a stop
("26.2"), after a name ("Iqbal 3/3") or a word ("for 2/4"), lone ordinals ("~15th"), bare
months ("(June)") and years in a table's first cell; festivals ("Halloween", "New Year", the
Welsh "Pasg"); organisations in a capitals heading; an Irish townland's name; house numbers
("no. 31"); a repair number "R-558102"; a graffiti tag; a part plate "KX19 R..". Kept by
design and labelled otherwise: "w/e" and "w/c" before a date, a regional police force.
Over-redacted: mixed-case abbreviations ("PoP", "LiP", "FCs"), "GP", "SH", "BC", "PR", Welsh
headings and words ("Heddlu", "Beth / What").
After their category fixes (given names before a surname in capitals, names in lower case in a
cased text, letters a text sets for a person, "Dr" with an initial, British short forms of given
names; short dates at a chronology line's start or after a name, lone ordinals, bare months
with a cue, years in a table or after a place, fixed-date festivals in English and Welsh; a
trust by its region in any case, adoption agencies, a practice's town, neighbours' house
numbers, probation hostels, Irish place names; one-letter repair numbers, masked plates,
graffiti tags; mixed-case and practice abbreviations, about 400 Welsh words with their
mutations, South Asian family words, medicines and dental products kept): 322/325 and 313/317,
one over-redaction ("after Easter", a festival placed in time, moved by design) and no
practice term changed; left: a real police force ("Thames Valley Police", kept by design),
"w/e" and "w/c", a guardian's own initials never defined, a short name in brackets after an
abbreviated role, a signature "cb/dn", "Nanny" before a nickname that goes. Across all sets
over-redactions fell from 95 to 56 and practice terms changed from 9 to 2; neighbours' house
numbers that earlier writers left unlabelled ("at no. 41") now go, by design (5 of the 56).
The time per 1,000 words went from 33.7 to 34.9-35.0 ms (ratio 163 to 168-169 over runs).

``held-out-26/`` and ``held-out-27/`` (a youth justice worker's custody visit, a home visit to a
Ghanaian-British family typed on a phone, a liaison health visitor's list of A&E attendances, a
Highland fostering panel minute with Gaelic names, a kinship carer's WhatsApp messages; a
section 20 agreement letter, a Traveller site visit, a child exploitation meeting, a
psychiatrist's report for court, interpreter-assisted notes with a Polish family; written while
held-out-24 and -25 were fixed, scored once after those fixes): 279/310 (90.0%) and 311/324
(96.0%): name 105/120 and 128/134, date 58/63 and 65/70, address 32/39 and 44/45, reference
19/21 and 14/14, school 11/12 and 17/18, health 6/7 and 9/9, every other kind complete; 21 and
9 over-redactions, one practice term changed in each ("Youth Justice Service", "Triple P"). The
leaks: surnames first in capitals with a comma ("WALSH, Brooke-Lily"), "A MACLEOD", a family
word before a short name ("Auntie Bev", "Granny Min"), "young Johnny", names in lower case in
messages ("deacs", "lolo", "lacey-mae", "rachel b", "pat"), an autocorrected name ("coffee" for
Kofi); "end of March", "4th march", "21/01", lone ordinals; Polish dates ("17 kwietnia") and a
Polish school; Gaelic places and a Gaelic school ("Àird an t-Sruthain", "Bun-sgoil …"); a council
in capitals, a church by name, a house name "The Hollies", a fracture clinic in lower case,
"Station Parade"; "CV4471", a card number in groups of four. Over-redacted: clinical acronyms
(ISS, UCC, LOC, GCS), Twi and Polish words, "God", "MINUTE", "Advocacy", "Hobby", "MRCPsych".
After their category fixes (a surname first in capitals before a given name the lists lack, a
surname before "baby" or "family", "A" as an initial after a title, a nickname quoted in
brackets whatever the word, a word before a date of birth, a word after a family word or a
title in lower case, two given names hyphened in lower case; "end of March", months in lower
case after a day, short dates after "on", lone ordinals after "is the", Polish months in every
case; a council in capitals, Gaelic places and schools, churches by "… Ministries", "The …"
before its kind, "… Parade", a named clinic in lower case, prison and hospital numbers, numbers
in groups; clinical abbreviations, post-nominals, faith, Twi and Polish words, caravan makes,
text-speak and parenting programmes kept): 302/310 and 317/324, five over-redactions ("C" of a
pay band, a collar number read as a phone's end, "3/12" and "11/12" as ages in months, "from
Sept") and one practice term changed (a youth justice service with its town before it, removed
whole by design, as earlier writers labelled such services); left: names in lower case in a
carer's messages ("deacon", "lolo", "tomtom", "deacs", "D"), an autocorrected name, a family
word before a short name ("Auntie Bev": the name goes, the family word stays by design), "w/c",
"pat" after "ring", a Polish school's name, the initials "DP". The time per 1,000 words went
from 35.0 to 36.9-37.1 ms (ratio 169-170 to 178-179 over runs).

``held-out-28/`` and ``held-out-29/`` (a community midwife's pre-birth referral, a children's
home's daily log by shift, a CAMHS discharge letter, a National Referral Mechanism referral for a
Vietnamese young person, an attendance warning letter; a family hub's session notes, a Scottish
GIRFEC child's plan minute, a detached youth worker's outreach log, a duty social worker's phone
and voicemail log, an interpreted meeting with a Romanian Roma family; written while held-out-26
and -27 were fixed, scored once after those fixes): 278/307 (90.6%) and 279/306 (91.2%): name
88/106 and 117/130, date 77/80 and 44/53, address 40/45 and 43/44, vehicle 2/3 and 2/2, health
12/14 and 9/9, reference 16/16 and 14/15, handle 2/2 and 0/2, school 8/8 and 12/13, every other
kind complete; 10 and 15 over-redactions, one and three practice terms changed ("BadgerNet",
"Little Movers", "WellComm" twice). The leaks: staff initials on a shift line ("staff on: SH /
dk", "waking night: RA"), young people's initials with stops ("T.J.", "A-R.M.", "L.O'D.", "I.",
"M.", "L. Shields") and lone capitals as a person ("A returned", "T back"); a given name that is
a word before a surname in capitals ("Dean HOLLIS"), Vietnamese names in capitals and without
their accents ("HUNG NGUYEN", "Hung", "Long", "Đặng Thu Hà"), a Vietnamese province ("Nghệ An":
"An" kept), "Tết 2023"; nicknames in lower case in a youth worker's log ("deano", "tiny",
"mouse", "little kai", "Little K", "Jaz"), a name that is a word in a table ("Summer"); handles
with a dot ("kxng.rio_", "jazzyy.x"); a place in a capitals heading ("HARTLEY REC"), a named
recovery service, a CAMHS by its valley, house numbers on a street the text names ("2
Wellgate"), a Scottish primary "Kirkbrae PS"; "8 Jan" after a colon, "end Feb" and "end Oct" in a
table, "7/10" after "at school"; a police log "1093 of 14/11"; a part plate in quotes ("KWU").
Weekdays alone and "tomorrow" (7, labelled as dates by these writers) stay by design.
Over-redacted: "FOB", "EPR", "SPA", "Reg", "Unauth", "Eldest", "IRREGULAR SCHOOL", "Stay &
Play", "PLAY", "Creche", "Colleague", "Car", "North Face", "ASW".
After their category fixes (a shift's staff after its heading in either case, initials with
stops, hyphens or apostrophes before an age or after a child word, a listed young person's
first letter later, "I." and "M." with a stop before a verb, a given name that is a word after
a form's dot leaders, register ages "(9m)", an age set off by commas, a surname in capitals
before given names, names with and without their accents as one person, a short word inside an
accented name; a short date opening a list, "end Feb", a day/month after where it happened,
festivals of other calendars with their year moved as that year's day; recreation grounds,
Scotland's "PS" and "HS", one-word "-gate" streets after a number; a username after its
platform or "calls himself"; record systems, maternity, early-years, attendance and role
abbreviations, family hub sessions and screening tools, clothing brands and capitalised common
nouns kept): 301/307 and 290/306, one over-redaction ("Car" opening a log line) and no practice
term changed; left: weekdays alone and "tomorrow" (7, by design), lower-case nicknames in a
youth worker's list ("deano", "tiny", "mouse"; "little" of "little kai" and "Little K" stays),
"Jaz" after "mouse" read as a pet's name, "L. Shields" (a surname that is a plural word), a
named recovery service, the generic words of a CAMHS whose place goes, "A" as a person, "A-R",
a part plate in quotes before its whole plate, "of" in "1093 of 14/11" (the number goes, the
date moves). Across all sets over-redactions fell from 86 to 59 and practice terms changed from
7 to 3. The time per 1,000 words went from 38.9-40.8 to 41.8-42.7 ms (ratio 205-219 to 221-228
over runs).

``held-out-30/`` and ``held-out-31/`` (an independent parenting assessment, a pathway plan for
an unaccompanied young person from Eritrea, a school's suspension letter and reintegration
meeting, a school sexual health nurse's note, a family group conference plan with a
Jamaican-British family; a foster carers' annual review, a LADO referral from a youth football
club, a visit to a Kurdish family with an interpreter, a child protection medical report, a
hospital social worker's neonatal discharge planning notes; written while held-out-28 and -29
were fixed, scored once after those fixes): 281/299 (94.0%) and 287/305 (94.1%): name 113/122
and 98/111, date 69/75 and 76/78, reference 14/15 and 17/19, health 6/8 and 13/14, every other
kind complete; 17 and 17 over-redactions, none and two practice terms changed ("FA Charter
Standard", "TEN-4-FACESp"). The leaks: a young person's initial with a stop alone ("A." five
times), dotted initials in a carers' review ("T.M.", "K.D.", "L-J.S.", "J.B."), lone capitals as
people ("T", "D", "R", "M", "Z"), "J&A", a given name in lower case ("hawi", "tj", "zion"), a
surname that is a word after a listed given name ("Delroy Grant"), a hyphened surname in
capitals ("OKONJO-REID"), "Dec" as a short name; a year alone ("2009", "2022"), "Easter 2023",
"May bank holiday", "August", "w/c 17 Mar", "10.3", a lone ordinal ("6th"); a Home Office
reference in groups ("UKA 0312 4478 06"), an FA number ("FAN 300418872"), "PS 4471"; a
0-19 service and a sexual health clinic by name, a trust's "Paediatric Safeguarding Service".
Over-redacted: "M" and "PSM" as initials, clinical abbreviations ("PMH", "DH", "Ht", "MRN",
"Hosp", "Neo", "Fundi"), "NINo", "Entry", "Maths Functional Skills", "Bronchiolitis",
"Seminar", "Environmental", extensions read as phones, a gestation range "34-36/40",
"Christmas" and "Easter hols" unplaced, "no. 3".
After their category fixes (a person called by one letter and its stop, a letter set in
brackets after a name, dotted initials before an age column or sex and age, a newborn's surname
after "Baby boy", a found name in lower case before a verb or after "and", an initial before
quoted words, a surname that is a word after a given name no dictionary holds; a guessed year, a
year closing a clause, a festival with its year anywhere, bank holidays moved as their Monday, a
month in brackets after an incident, a day.month after a sending verb, an ordinal after a part of
the day; a residence card's number with its letters; gestations, numbered reviews, clinical and
neonatal abbreviations, conditions, qualification levels, club accreditation and school roles
kept): 294/299 and 301/305, 8 over-redactions ("M" for a mother never defined, four times;
extensions, removed by design; "22/4 (after Easter hols)" and "at Christmas", festivals placed
in time, moved by design so the shift cannot be read back) and no practice term changed; left:
"w/c", a service's generic name ("0-19 Public Health Nursing Service", "Paediatric Safeguarding
Service"), "Sexual Health" after a place that goes, "tj" in lower case, "Dec" for Declan, "J&A",
the label words "FAN" and "PS" before numbers that go. Across all sets over-redactions fell from
93 to 67 and practice terms changed from 5 to 3. The time per 1,000 words did not measurably
change (38.7-41.1 against 39.7-40.7 ms, ratio 201-220 against 221-226 over runs).

``held-out-32/`` and ``held-out-33/`` (a private fostering visit, a police-led MASH strategy
discussion's minutes, a youth justice pre-sentence report, an EHCP annual review with a
Polish-speaking family, a missing-from-home return interview in the young person's words; a
special guardianship assessment with an Irish Traveller family, a paediatric ward's nursing
handover and safeguarding log, an exported chat between a parent, a family support worker and
a teacher, an immigration solicitor's letter about a family with no recourse to public funds, a
personal adviser's recordings for a care leaver at university; written while held-out-30 and
-31 were fixed, scored once after those fixes): 304/314 (96.8%) and 279/312 (89.4%): name
102/107 and 104/124, date 75/76 and 67/74, reference 23/26 and 21/24, school 14/15 and 6/7,
vehicle 6/6 and 0/1, health 11/11 and 6/7, every other kind complete; 10 and 36
over-redactions, no practice term changed. The leaks: nicknames in lower case in a young
person's or a parent's words ("kayz" four times, "jordan m", "dee", "kyle", "tj", "mr f"), a
chat's senders labelled with the role or class the sender saved ("Dionne FSW" ten times, "Mr F
Yr3" six; the name part went, the role and title stayed), a sign-off initial ("R"), a surname
after a hyphen was cut from a given name ("Dr Priya Raman-Sheth"); weekdays alone ("Saturday",
"Mon", "Monday", "next Mon", "Tues"), "early 2022", "the end of February", "Christmas"; an
incident log's CAD number, officers' numbers after a name in a table or after a comma, an
application number in groups of four, a student finance customer number and query reference;
a sixth form and a university by name, a mental health unit, a part plate with a "?" for the
unknown letter. Over-redacted: ward shorthand ("SG", "NIC", "HCA", "RN", "Pt", "Reg", "Bed",
"Backslab", "Datix"), "I'll" (taken into a doctor's name before it, then everywhere), "Chat",
"Reminder", "Voicemail", "Grade", "Digital", "Ghanaian-British", "OUT OF COURT", "YRO", "FAO",
"FLR", "SFE" five times.
After their category fixes (a chat's sender goes whole with the role or class saved beside the
name, a chat message in lower case is judged alone, a nickname no dictionary holds where a
person goes in a young person's words and its later uses, a given name in lower case with an
initial, a message's sign-off letter, a surname in capitals after a title and given name,
initials alone in a "who" cell whatever acronym they spell, a stop after a surname ends the
name; a year after "early", "the start of"… whatever follows, a festival before a dash, bracket
or small word; application numbers in four hyphened groups, a number after its label and "is", a
code with a one-letter part, officers' numbers after an initialled name or a comma, a plate
masked anywhere; a sixth form, "University of …", a mental health unit; ward, youth justice,
immigration and student finance shorthand, letter and chat words, grades, courses and heritage
compounds kept; "EP" an acronym of the shared vocabulary): 312/314 and 301/312, 2
over-redactions ("McDonald's", a restaurant, removed by design; "Chase CAMHS", a service the
labels left) and no practice term changed; left: weekdays alone (five), "CAD" and "Dr" and "mr"
inside labels whose numbers and names go, "early" and "the end of" around dates that move,
"TJ"/"tj" and "dee" (a child's initials in a chat's title and lower case, a worker's short
name). Across the earlier sets over-redactions went from 67 to 69 (festivals placed in time with
a dash or bracket after, moved by design) and practice terms changed stayed at 3. The time per
1,000 words did not measurably change (41.1-41.3 against 40.7-41.4 ms, ratio 196-197 against
192-195 over runs).

``held-out-34/`` and ``held-out-35/`` (a children's home's independent visitor's report, an
IDVA's MARAC referral, a social worker's statement in care proceedings, a school attendance
panel with a Romany family, a detached youth work team's hastily typed incident sheet; an
adoption support assessment, a health visitor's record with a Vietnamese-speaking mother, a
looked-after child's personal education plan, a LADO allegation meeting, a foster carer's email
chain about a missing episode; written while held-out-32 and -33 were fixed, scored once after
those fixes): 292/318 (91.8%) and 289/309 (93.5%): name 121/138 and 119/126, date 67/69 and
68/77, address 41/46 and 25/26, phone 7/8 and 12/12, reference 25/26 and 23/26, every other
kind complete; 4 and 15 over-redactions, no practice term changed. The leaks: young people's
dotted initials before a name and age in brackets ("K.D. (Kayden, 15)", "A-M.W.", "R.", "J.")
and their undotted forms in an incidents table ("AMW", "J"), initials in a "who" cell for
someone never named ("AP", "MOB"), an alias in quotes after "AKA" ("DC"), a short name for
Amelia-Rose ("Milly"), a quoted nickname after "known to us as" ("Bells" three times), a
surname in capitals beside its guess ("HORVATH"), a name in capitals heading a party's line
("ROSS SHAW – Second Respondent"), a co-signer's initials after a slash ("A.W."), Vietnamese
names ("NGUYEN, Bao An", "Pham Van Duc", "Chi Lan"), an Irish surname without its accent
("Ní Bhriain"), a name run into a possessive with no apostrophe ("jades"), a name in brackets
after "friends mum" ("Carly"); "February" alone, "2018" after "stops at", "end of Spring term
2025", "week of 10 February 2025", dates labelled with their times; a place after "of" ("Holt
End"), a road, hall, estate and youth club in shorthand ("hadley rd", "St Cuthberts hall",
"Oakfield est", "Westgate YC"), a province abroad; a log number with its date ("LOG 1127
28/04/24", "0947 of 01/03"), a meeting's link and passcode; a half-written phone ("07700 900
4.."). Over-redacted: "ASF" (the Adoption Support Fund) and "DDP", "Papa", "Universal Plus",
"Latch", "Rotavirus", "Lexia", "Microsoft", "Passcode", "Fast Track", "no. 27" and "McDonald's".
After their category fixes (every alias quoted after "AKA" or "known to … as", a young person's
dotted initials before the given name and age in brackets and the same letters later without
stops, a numbered paragraph's digits no bar to them, Vietnamese names by their family name and
the shape of their syllables; a capitalised month in a report's own time, a year where a record
stops, "week of" and "end of" with the date they place; web links (a public body's page kept),
passcodes, PINs and meeting IDs; a log's short place nouns, "est", "YC", "hall"; the Adoption
Support Fund, health visiting words and vaccines, school programmes, family words, "Fast Track"
kept): 307/318 and 296/309, 3 over-redactions ("McDonald's", "no. 27", and "s again" after a
name's apostrophe read as a quote, left) and no practice term changed; left: six dates labelled
with their clock times (the date moves, the time stays by design), "J." and "J" for a young
person never named, "AP" and "MOB" in "who" cells for people never named, "Milly" for
Amelia-Rose, "HORVATH" guessed beside "Horvat", "ROSS SHAW" heading a party's line, "A.W." after
a slash, "Chi Lan" and "Ní Bhriain" without its accent, "jades", "(Carly)", a place after "of"
("Holt End"), a province abroad, "LOG 1127 28/04/24" and "0947 of 01/03" (their numbers go, the
label words and dates are kept or moved), a half-written phone. Across the earlier sets
over-redactions stayed at 71 and no set's score fell. The time per 1,000 words did not clearly
change (43.2-44.3 against 42.9-43.8 ms, ratio 203-207 against 193-203 over alternating runs).

``held-out-36/`` and ``held-out-37/`` (a child in need review for a disabled child's
Pakistani-heritage family, an emergency duty team's weekend log, a school's safeguarding
chronology for a Year 9 pupil, a probation officer's letter on licence conditions, a kinship
carer's diary; a Welsh council's bilingual care and support plan review, a young people's
substance misuse assessment, a children's guardian's initial analysis, a joint housing and
social work visit to an Afghan family in a hotel, a sports coach's safeguarding email; written
while held-out-34 and -35 were fixed, scored once after those fixes): 304/316 (96.2%) and
283/300 (94.3%): name 133/141 and 108/113, address 35/36 and 40/42, handle 8/10 and 4/4, school
6/7 and 9/9, date 60/60 and 65/69, reference 17/17 and 15/18, gp 2/2 and 3/4, health 6/6 and
8/10, every other kind complete; 12 and 15 over-redactions, no practice term changed. The leaks:
staff initials in a chronology ("TWS", "RF"), a hyphened surname alone ("Lewis-Bray"), a family's
pet names in a diary ("dommy", "beb", "K", "Nana Pat"), nicknames ("Tiny", "lil mo"), full names
in capitals in a heading ("CERYS ANGHARAD PRITCHARD-MORGAN", "AMARA GRACE OKONKWO-FLEET", "TOBI
JAMES FLEET"); usernames with dots and no cue nearby ("k.bren.x", "kelz.marie.x"); a nursery by
name ("Tiny Steps"), a village ("Upper Wendlow"), a Welsh surgery and ward by name ("Meddygfa
Glan yr Afon", "Ward Enlli"), a service in capitals; "Jan 25", "2024", "half term", a weekday;
hotel rooms, a housing benefit number after "HB", an FA number. Over-redacted: drug names and
slang ("Ketamine", "ket", "Alprazolam", "bars"), Welsh words ("Mae", "Gwyrdd"), "Approved
Premises", "Offender Management Unit", "Paeds ED", "Chromebook", "Insta", "Info", "Inset",
"Ive", "no. 29", a fostering agency the labels left, and "Eid" and "Easter" placed in time
(moved by design).
After their category fixes (common given names the lists lacked, "Carly", "Keeley", "Brooke";
an Irish patronymic without its accent after a given name; full names in capitals after a
given name; a housing benefit number after "HB"; an account posted under or messaged from on a
platform's line; drug names, devices, text speak, probation hostels and units, "Paeds ED",
Welsh class colours and "Mae" kept): 306/316 and 286/300, 5 and 6 over-redactions (a fostering
agency and a hub the labels left, "Eid" and "Easter" placed in time, "no. 29", "bars" and "the
estate lot" in quotes, "B. Largest", "Gwyrdd" in a heading) and no practice term changed; left:
staff initials in a chronology ("TWS", "RF"), a family's pet names in a diary ("dommy", "beb",
"K", "Nana Pat"), "Lewis-Bray" at a clause's start (both halves are words), "TOBI JAMES FLEET"
(a given name the lists lack, a surname that is a word), "Tiny" and "lil mo" quoted in a list, a
Welsh surgery and ward by name, a service in capitals, a nursery and a village by name, hotel
rooms, an FA number after "FAN", "Jan 25" in a table, "2024" and "half term", a weekday. Across
the earlier sets over-redactions stayed at 74 and no set's score fell.

``held-out-38/`` to ``held-out-41/`` (four sets written at once, after the held-out-36 and -37
fixes: a family group conference plan for a Yoruba-heritage family, a Teams transcript of a
strategy discussion, a children's home's shift handover log, a young carer's assessment in a
Lithuanian family, a CAMHS clinic letter; an age assessment of an Eritrean young person, a
supervised family time record for a Somali family, an OCR-scanned handwritten referral, a case
tracking spreadsheet export, a PLO letter before proceedings to a Sikh family; a Scottish
Child's Plan with Gaelic names, a Northern Ireland UNOCINI referral, a school's suspension
letter to a Kurdish family, a midwife's pre-birth notes with a Mandarin-speaking mother, a
police domestic abuse notice; a resettlement worker's notes for a Syrian family, a short-breaks
carer's weekend log, a county lines NRM referral, an IRO's email chain, a duty log transcribed
by speech-to-text), scored once before any change: 285/304 (93.8%), 285/321 (88.8%), 286/304
(94.1%) and 260/307 (84.7%); by pair 91.2% and 89.4%. By kind: name 149/164, 137/152, 111/115
and 109/126; date 44/48, 52/67, 62/71 and 49/56; address 28/28, 29/35, 31/34 and 33/35;
reference 16/17 and handle 2/3 in held-out-40; in held-out-41 reference 9/21, phone 14/17,
nhs_number 4/5, email 6/7, postcode 8/9, vehicle 3/4, handle 4/5 and school 8/9; every other
kind complete. 7, 12, 31 and 14 over-redactions; 2, 3, 5 and 2 practice terms changed (five of them
teams or hubs labelled whole with their town, which goes by design).

``held-out-42/`` and ``held-out-43/`` (written after the held-out-38 to -41 fixes had landed: a GP
practice's report to a child protection conference for a Bangladeshi-heritage family, a
fostering panel's annual review of Jamaican-heritage carers, a discharge planning meeting for a
baby with neonatal abstinence syndrome, a police exploitation risk assessment for an
Albanian-heritage boy, a personal adviser's text messages with a care leaver; a private law
welfare report for a Romanian family, an occupational therapist's home adaptations assessment,
a family drug and alcohol court's progress report, an admin officer's telephone message pad, a
teenager's "All About Me" form in her own words), scored once before any change: 301/317
(95.0%) and 298/312 (95.5%), the pair 95.2%: name 124/133 and 123/125, date 85/90 and 68/76,
address 28/30 and 39/41, reference 14/14 and 17/18, handle 3/3 and 3/4, every other kind
complete; 8 and 16 over-redactions, 3 and no practice terms changed.

After the category fixes for held-out-38 to -43 (the package docstring lists them: a form's
name field, Arabic articles, initials that hand over, sign or receive a record and a table's
column of workers, two-letter family names, short forms cut from a given name, log entries'
first words, numbered streets of common words and floors, Scottish Gaelic streets, an issuer's
letters before a reference, a scanned form's OCR confusions read back, identifiers dictated
through speech-to-text, dates in spreadsheet, file-name, lower-case, chat and dictated forms;
dishes, sports, products, family words, clinical scores, games and equipment kept):
held-out-38 301/304 (99.0%), -39 315/321 (98.1%), -40 296/304 (97.4%), -41 293/307 (95.4%),
-42 308/317 (97.2%), -43 305/312 (97.8%); 3, 0, 16, 2, 3 and 12 over-redactions (most are
teams, councils, a police force, cities and a housing association the labels left, and a pet);
eight teams and services labelled as kept terms whole with their town lose the town, by design.
Left: a country or city on a journey ("Ethiopia", "Paris"), "the" or "w/c" or "CAD", "collar",
"intel ref" and a record system's letters ("LCS") inside labels whose dates and numbers go, a
speech-to-text mishearing ("Dean pole it", "Ramesh warren", "are see primary"), a date in the
Eritrean calendar, lower-case short names in a text message ("jess", "dec"), single letters
for people never named in full ("P", "E"), a shop's name in Polish, a townland's "Upper", a
district abroad, a refugee camp's "camp", "Pathway Point" and a church's full name. Across the
earlier sets no set's score fell and over-redactions went from 85 to 84 (two gone; "since
September" in held-out-15 added, a month placed in time, moved by design); the six new sets
had 88 at first sight and 36 after; practice terms changed went from 3 to 11 (the eight teams).
The time per 1,000 words went from 42.5-42.7 to 47.0-47.1 ms (ratio 201-202 to 221), measured
alternately against the session's first commit: the new date forms cost most of it; the OCR,
dictation, name-field and sign-off readers about 3% between them.

``held-out-44/`` and ``held-out-45/`` (written after the held-out-42 and -43 fixes: a Homes for
Ukraine welfare check, an Early Help Assessment for a Nepali family, a "Three Houses" direct work
session, a police missing person report, a child arrangements order schedule; a school's
safeguarding transfer note for a Hong Kong family, a health visitor's two-year review with a
Yemeni family, a kinship placement plan, a leisure centre's incident log, a genogram key),
scored once before any change: 301/314 (95.9%) and 295/312 (94.6%), the pair 95.2%: name
110/113 and 125/134, date 83/87 and 66/69, address 35/39 and 25/27, reference 19/19 and 21/23,
health 7/8 and 7/8, every other kind complete; 42 and 24 over-redactions, 2 and 2 practice
terms changed.

After their category fixes (Hong Kong names, an Arabic family name in capitals after given
names, a house named as a View before its street, a second account after a slash, Ukrainian
streets and a flat after an address abroad's number, a year given roughly, "before Xmas", a day
alone in a schedule, the parents' letters "M" and "F" kept where a text uses both again and
again; FLO, PPP, GWF, Hong Kong, Nepali, Cantonese and Arabic family words, regiments and youth
groups kept): 306/314 (97.5%) and 302/312 (96.8%), 19 and 13 over-redactions (a child
arrangements schedule's festivals and half terms, moved by design, a dog, law firms and a
council the labels left), 2 and no practice terms changed; left: an address in Hong Kong, a
village in Poland, a service named before its place ("Talking Therapies Ashbury Vale"), a
football club, "The Crescent shops", staff initials in brackets ("SW + AW"), "EL", "Josh P",
"CHT" for a girl named in full, "SG017" (a folder), "w/c" and "of" inside labels whose dates go.
No earlier set's score fell; "Xmas" after "before" now moves in held-out-22 (a festival placed
in time), and the parents' letters no longer go in held-out-23 and -30 (nine fewer
over-redactions there).

Machines here are noisy, so the ratio is the figure to read; the absolute time is printed for
context.

    python benchmarks/anonymise.py [--repeat N] [--held-out NAME ...]
"""
from __future__ import annotations

import argparse
import re
import timeit
from pathlib import Path

from auditlib.anonymise import KINDS, anonymise, evaluate, parse_labelled

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "anonymise" / "corpus"
EMAIL = re.compile(r"[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def show(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def read(path: Path) -> str:
    # byte-exact: a note with Windows line endings keeps them
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def report(title: str, marked: list[str]) -> None:
    """Recall and precision per kind, then every miss and over-redaction, for one part."""
    scores = evaluate(marked, key="benchmark")
    labelled = sum(s["labelled"] for s in scores["kinds"].values())
    found = sum(s["found"] for s in scores["kinds"].values())
    print(f"{title}: {len(marked)} texts, {found}/{labelled} identifiers removed "
          f"({found / max(labelled, 1):.1%})")
    print(f"{'kind':12} {'labelled':>8} {'recall':>7} {'precision':>9}  (replacements)")
    for kind in KINDS:
        s = scores["kinds"][kind]
        print(f"{kind:12} {s['labelled']:8d} {show(s['recall']):>7} {show(s['precision']):>9}"
              f"  ({s['correct']}/{s['predicted']})")
    for number, kind, text in scores["misses"]:
        print(f"missed      text {number + 1}: {kind} {text!r}")
    for number, kind, text in scores["false_positives"]:
        print(f"over-redacted text {number + 1}: {kind} {text!r}")
    for number, text in scores["kept_broken"]:
        print(f"practice term changed text {number + 1}: {text!r}")


def held_out_folders() -> list[Path]:
    """Every ``held-out*`` folder, in order: held-out, held-out-2, held-out-3… (held-out-10
    after held-out-9)."""
    def order(path: Path) -> tuple[int, str]:
        suffix = path.name.removeprefix("held-out").lstrip("-")
        return (int(suffix) if suffix.isdigit() else 1 if not suffix else 10**9, path.name)

    return sorted((p for p in CORPUS.glob("held-out*") if p.is_dir()), key=order)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--held-out", action="append", metavar="NAME",
                        help="score only this held-out folder (repeatable); a new one is "
                             "scored once before any rule changes for it")
    args = parser.parse_args()

    folders = held_out_folders()
    if args.held_out:
        unknown = sorted(set(args.held_out) - {p.name for p in folders})
        if unknown:
            parser.error(f"no held-out folder {', '.join(unknown)} in {CORPUS}")
        folders = [p for p in folders if p.name in args.held_out]
    marked = [read(p) for p in sorted(CORPUS.glob("*.txt"))]
    plain = [parse_labelled(m)[0] for m in marked]
    words = sum(len(t.split()) for t in plain)

    print(f"corpus: {len(marked)} texts, {words} words")
    report("tuning corpus", marked)
    print()
    for folder in folders:
        texts = [read(p) for p in sorted(folder.glob("*.txt"))]
        if texts:
            report(f"{folder.name} (written apart, scored once before its fixes)", texts)
            print()

    def run_anonymise() -> None:
        for text in plain:
            anonymise(text, key="benchmark")

    def run_baseline() -> None:
        for text in plain:
            EMAIL.sub("[Email]", text)

    run_anonymise()
    per_k = 1000 / words
    anon = min(timeit.repeat(run_anonymise, number=1, repeat=args.repeat)) * per_k
    base_number = 200
    base = min(timeit.repeat(run_baseline, number=base_number, repeat=args.repeat)) \
        / base_number * per_k
    print(f"time per 1,000 words vs baseline 're.sub of the email pattern over the same text' "
          f"(best of {args.repeat})")
    print(f"anonymise {anon * 1e3:8.2f} ms  baseline {base * 1e3:8.3f} ms  "
          f"(ratio {anon / base:.0f})")


if __name__ == "__main__":
    main()
