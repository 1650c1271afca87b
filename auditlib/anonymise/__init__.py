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

Everything runs offline on the rules and word lists in this module: no model, no download, no
dependency beyond the standard library. It errs towards removing too much, but the words of
practice stay readable: ``PRACTICE_TERMS`` (Child Protection Plan, IRO, Signs of Safety, …), the
days of the week, and months that are not part of a date are never replaced.

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
    ``(0)`` allowed, grouped by spaces or hyphens; brackets round the area code allowed.
``date``
    12/03/2019, 12.03.19, 12-03-2019, 2019-03-12, 12 March 2019, 12th of March 2019, Monday 12
    March 2019, March 12th 2019, March 12, 2019, 12 Mar, March 2019 and 12/03 (not ``7/10`` or
    ``24/7``, nor after "scaled"/"scored"). Every date moves by the same number of days and
    keeps its format; a weekday written with it is recomputed. A date without a year is moved
    within the year of the nearest dated entry. A date-shaped string that is no real date
    becomes ``[Date]``. Years alone and months alone are kept.
``postcode``
    full UK postcodes in any case (``ls6 2ab``, ``LS62AB``), validated against the Royal Mail
    letter rules; an outward code alone (``LS6``) only after "postcode"/"area", before "area",
    or straight after a capitalised place name (``Pudsey LS28``).
``address``
    ``[Flat 3,] [Building,] 22 Larch Close[, Town]``: a house number and capitalised words ending
    in a street suffix (Road, Street, Avenue, Close, Lane, Drive, Way, Crescent, Court, Gardens,
    Grove, Terrace, Place, Mews, Rise, Hill, Walk, Row, Square, View, …); without a number, a
    distinctive word before Road, Street, Avenue, Close, Lane, Drive, Crescent, Gardens, Grove,
    Terrace, Mews, Way or Court (never Family Court, Crown Court…); "Flat 3" alone.
``reference``
    a number after a label (``Case ref: 123456``, ``Mosaic ID 556677``, ``LCS 98765``, ``Police
    ref``, ``UPN``, ``ID:``) with three or more digits; codes like ``CHI-00123``; and any other
    run of five or more digits that is not money or a year range (over-redaction by design).
``school``
    capitalised words before Primary (School|Academy), Infant/Junior/First/Middle/High/Secondary/
    Grammar/Nursery/Special School, Academy, College, Nursery, Pre-school, Pupil Referral Unit,
    University, with C of E, CE, RC, Catholic… allowed (``St Mary's C of E Primary``); the name
    needs one word that is not generic (so "the High School" and "Virtual School" stay). The
    name alone (``St Mary's``, ``Oakfield``) is then replaced wherever it recurs.
``gp``
    capitalised words before Surgery, Medical Centre, Health Centre, Medical/Group/Family Practice,
    and ``Dr Patel's practice`` (or surgery); the practice's name alone is replaced where it recurs.
``name``
    sequences of capitalised words that are not in the stop list (common words, roles, places
    of work, practice vocabulary, nationalities, faiths, festivals, apps, shops…), decided so:

    - a title before (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Rev, Cllr, PC, DC, Sgt, Judge…): any
      capitalised word after it is a name, even a common one (``Mr Young``); the title is kept;
    - a family or professional role before (``mother, Jane``, ``Social Worker: Priya Shah``,
      ``stepdad Dean``, ``the child Hope``) or after (``Dean (Mum's partner)``);
    - an age or date of birth after (``Kai (7)``, ``Kai, aged 7``, ``Kai (DOB …``);
    - a verb of speech or action after (``Kezia said``, ``Kezia attended``) or a possessive
      (``Kezia's``);
    - a list continuing one of those (``children Kai, Mia and Leo``);
    - two or more capitalised words together unless all are weak (see below): ``Kezia Mbatha``;
    - one word from the first-name list shipped here (about 1,400 names from UK birth
      registrations and from the communities social care works with; 570 surnames beside it),
      except at the start of a sentence for names that are also common words (Will, May, Mark,
      Hope…), and never for words mostly used otherwise (Amber, Summer, Jordan, Christian…)
      without other evidence;
    - one unknown capitalised word in the middle of a sentence (over-redaction: towns and
      organisations not in the stop list go too);
    - then every later or earlier capitalised (or ALL CAPS) occurrence of a word already seen as
      part of a name (``Jane`` after ``Jane Wilkinson``), except months in a date context; words
      also common (Young, Will, Hope…) only in mid-sentence;
    - initials of a full name seen (``JW`` for Jane Wilkinson), unless a practice acronym.

    Weak words (names only with evidence): English words that are also surnames (Young, Brown,
    Green, Hill, Wood…), place words (Park, View, North…), months that are names (April, May,
    June, August), and unknown words ending like English words (-tion, -ment, -ing, -ed, -ly…).
    ``Jane``, ``Jane Wilkinson``, ``Mrs Wilkinson``: a single word joins the one full name it can
    belong to; when two full names share it (two Wilkinsons), it gets its own placeholder.

Not covered: towns on their own at the start of a sentence, hospitals, the local authority's
name, free-text descriptions (a job, a distinctive event), date ranges written ``12-14 March``
(the last day moves, the first stays) and dates written in words ("the twelfth").
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import os
import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from auditlib.exceptions import AuditlibError

__all__ = [
    "KINDS",
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

KINDS = ("name", "date", "address", "postcode", "nhs_number", "ni_number", "phone", "email",
         "reference", "school", "gp")
"""Every kind of identifier, in the order the report lists them."""

_LABELS = {"name": "Name", "address": "Address", "postcode": "Postcode",
           "nhs_number": "NHS number", "ni_number": "NI number", "phone": "Phone",
           "email": "Email", "reference": "Reference", "school": "School", "gp": "GP practice"}

# --------------------------------------------------------------------------- word lists


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PRACTICE_TERMS = (
    # the brief's list
    "Child Protection Plan", "Child in Need", "Child in Need Plan", "Independent Reviewing Officer",
    "IRO", "Signs of Safety", "Pathway Plan", "Personal Education Plan", "PEP",
    "Looked After Child", "Looked After Children", "Care Leaver", "Care Leavers", "Ofsted",
    "Local Authority", "Social Worker", "Team Manager", "Family Support Worker",
    "Child and Adolescent Mental Health Services", "CAMHS", "Education Health and Care Plan",
    "Education, Health and Care Plan", "EHCP", "Public Law Outline", "Section 47", "Section 20",
    "Section 17", "Section 31", "Initial Child Protection Conference", "Core Group",
    "Core Group Meeting", "Strategy Discussion", "Strategy Meeting", "Health Visitor",
    "Youth Offending Team", "Virtual School", "Virtual School Head", "Leaving Care Team",
    "Staying Put", "Staying Close", "MARAC", "Early Help",
    # plans, meetings, assessments
    "Review Child Protection Conference", "Child Protection Conference", "Child Protection",
    "Looked After Review", "Child Looked After", "Children Looked After", "Care Plan",
    "Permanence Plan", "Placement Plan", "Safety Plan", "Delegated Authority", "Life Story Work",
    "Later Life Letter", "Early Help Assessment", "Early Help Plan", "Single Assessment",
    "Child and Family Assessment", "Parenting Assessment", "Viability Assessment",
    "Initial Health Assessment", "Review Health Assessment", "Strengths and Difficulties",
    "Strengths and Difficulties Questionnaire", "Return Home Interview", "Family Group Conference",
    "Team Around the Family", "Team Around the Child", "Lifelong Links", "Legal Planning Meeting",
    "Legal Gateway Meeting", "Letter Before Proceedings", "Pre-Proceedings", "Care Proceedings",
    "Care Order", "Interim Care Order", "Supervision Order", "Placement Order",
    "Special Guardianship Order", "Special Guardianship", "Special Guardian",
    "Child Arrangements Order", "Emergency Protection Order", "Police Protection",
    "Non-Molestation Order", "Prohibited Steps Order", "Family Court", "Crown Court",
    "County Court", "Magistrates Court", "Magistrates' Court", "Youth Court", "High Court",
    "Court of Appeal", "Children's Guardian", "Cafcass", "Local Offer", "Pupil Premium",
    "Pupil Premium Plus", "Designated Teacher", "Designated Safeguarding Lead", "SENCO",
    "Education Welfare Officer", "School Nurse", "Personal Adviser", "Independent Visitor",
    "Independent Advocate", "Supervising Social Worker", "Senior Social Worker",
    "Advanced Practitioner", "Senior Practitioner", "Practice Supervisor", "Service Manager",
    "Head of Service", "Principal Social Worker", "Director of Children's Services",
    "Agency Decision Maker", "Fostering Panel", "Adoption Panel", "Foster Carer", "Foster Carers",
    "Kinship Carer", "Connected Person", "Connected Carer", "Supported Lodgings",
    "Children's Home", "Residential Children's Home", "Semi-Independent", "Leaving Care Grant",
    "Setting Up Home Allowance", "Care Leavers Covenant", "Multi-Agency Safeguarding Hub", "MASH",
    "Front Door", "Duty and Assessment Team", "Children's Services", "Children's Social Care",
    "Edge of Care", "Supporting Families", "Troubled Families", "Youth Justice Service",
    "Multi-Agency Risk Assessment Conference", "MAPPA", "LADO", "Child Sexual Exploitation",
    "Child Criminal Exploitation", "County Lines", "Domestic Abuse", "Domestic Violence",
    "National Referral Mechanism", "Unaccompanied Asylum Seeking Child", "Home Office",
    "Universal Credit", "Child Benefit", "Housing Benefit", "Jobcentre Plus", "Citizens Advice",
    "Women's Aid", "Barnardo's", "NSPCC", "Action for Children", "The Children's Society",
    "Quality Assurance", "Requires Improvement", "Case Audit", "Graded Care Profile",
    "Neglect Toolkit", "Mental Health", "Adult Social Care", "Probation Service",
    "Health Assessment", "Dental Check", "Sexual Health", "Substance Misuse",
)
"""Words of practice that stay readable although capitalised (matched ignoring case)."""

# Words that are never (part of) a person's name: function words, roles, places of work,
# practice vocabulary, headings, nationalities, languages, faiths, festivals, apps, shops.
_STOP_TEXT = """
a an the this that these those there here then than and but or nor so yet for of in on at by to
from with without within into onto upon about above below under over after before during since
until till while whilst when where which who whom whose what why how if unless although though
because as also not no yes all any some each every both either neither none one two three four
five six seven eight nine ten eleven twelve first second third fourth fifth last next other
another such same own only just very much many more most less least few several i me my mine
we us our ours you your yours he him his she her hers it its they them their theirs myself
yourself himself herself itself ourselves themselves is are was were be been being am have has
had having do does did done shall should can could might must need ought let please thank
thanks dear regards best sincerely faithfully today yesterday tomorrow tonight now later
earlier previously currently recently initially subsequently finally overall unfortunately
fortunately however therefore thus additionally furthermore moreover meanwhile following further
again already still perhaps maybe possibly clearly generally usually often sometimes always
never once twice instead otherwise despite nonetheless nevertheless accordingly consequently
similarly importantly notably regarding re per via around approximately please note nb ps
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
sun january february march july september october november december jan feb mar apr jun jul aug
sep sept oct nov dec morning afternoon evening night weekend week weeks month months year years
day days date dates time times term half holidays holiday spring autumn
case note notes summary chronology visit visits visited home school schools nursery college
health education housing police family families child children childs person people
parent parents carer carers mum mums mam mammy mummy mother mothers dad dads daddy father
fathers nan nana nanna nanny gran granny grandma grandmother grandad granddad grandpa grandfather
grandparent grandparents grandchild brother brothers sister sisters sibling siblings baby babies
son sons daughter daughters aunt auntie aunty uncle cousin cousins nephew niece partner partners
boyfriend girlfriend husband wife stepdad stepmum stepfather stepmother stepbrother stepsister
twin twins friend friends neighbour neighbours teacher teachers headteacher head deputy staff
worker workers manager managers officer officers nurse nurses doctor doctors consultant
paediatrician midwife therapist psychologist psychiatrist counsellor solicitor solicitors
barrister judge magistrate magistrates court courts council councils authority authorities
service services team teams department office unit hub centre center hospital ward clinic
surgery practice agency agencies trust board panel meeting meetings conference conferences
review reviews plan plans planning assessment assessments report reports referral referrals
contact contacts telephone phone call calls email emails letter letters text texts message
messages record records file files form forms action actions outcome outcomes decision
decisions risk risks concern concerns worry worries worried strength strengths safety
safeguarding protection protective support supported supporting need needs help early care
cared looked leaving leaver leavers order orders section present absent apologies attendees
attendance attended agenda minutes update updates progress background history analysis
recommendation recommendations step steps name names address addresses dob age aged ref
reference id number numbers no tel mob mobile postcode code email fax signed author worker's
allocated duty reason reasons purpose visit's observation observations observed discussion
discussed agreed agreement agreements outcome's voice views view wishes feelings feeling
goals goal scaling scale score scores scored rating rated danger harm harmful neglect abuse
abused emotional physical sexual domestic violence alcohol drugs drug substance misuse mental
wellbeing wellness behaviour behaviours presentation presented appearance development
developmental speech language communication therapy medication medical appointment
appointments dental dentist optician immunisations weight height sleep diet food hygiene
bedroom room house flat property tenancy landlord rent arrears benefits income money debt
finance finances work job employment unemployed college's university apprenticeship training
course exam exams gcse gcses a-levels qualification qualifications homework lesson lessons
class classes year group reception nursery's placement placements foster fostering adoption
adopted adoptive residential respite kinship connected carer's guardian guardians guardianship
special educational needs disability disabilities send sen ehcp statement transition transitions
independence independent independently living accommodation supported lodgings hostel refuge
police's officer's incident incidents arrest arrested charged bail caution custody prison
probation offending offence offences crime crimes victim victims witness statement statements
missing episode episodes exploitation grooming trafficking gang gangs county lines online
internet phone's social media screen gaming games game football swimming dancing music
cooking shopping church mosque temple gurdwara synagogue madrassa faith religion religious
culture cultural identity ethnicity heritage language languages interpreter interpreters
english british welsh scottish irish polish romanian lithuanian latvian estonian czech slovak
hungarian bulgarian albanian kurdish turkish syrian iraqi iranian afghan pakistani indian
bangladeshi somali eritrean ethiopian sudanese nigerian ghanaian zimbabwean congolese jamaican
caribbean african asian european arabic arab urdu punjabi bengali sylheti gujarati hindi tamil
farsi persian pashto dari tigrinya amharic portuguese spanish french italian german russian
ukrainian chinese mandarin cantonese vietnamese roma gypsy traveller travellers muslim muslims
catholic protestant anglican methodist baptist pentecostal sikh hindu jewish buddhist
rastafarian islam islamic christianity hinduism sikhism judaism bible quran koran christmas
easter eid diwali ramadan halloween hanukkah passover vaisakhi bonfire new birthday birthdays
facebook instagram snapchat tiktok whatsapp youtube twitter xbox playstation fortnite roblox
minecraft netflix google teams zoom skype ipad iphone android tesco asda aldi lidl sainsbury's
morrisons primark mcdonald's kfc greggs costa argos amazon calpol ritalin covid coronavirus
autism autistic asperger's down's syndrome tourette's adhd dyslexia epilepsy asthma diabetes
england wales scotland britain ireland europe africa asia uk gb city town county borough
village district region regional national local metropolitan international northern southern
eastern western central upper lower greater general community children's women's men's youth
adult adults primary secondary high junior infant infants sixth form virtual learning
academy trust foundation charity charities organisation organisations association society
government parliament ministry benefit benefits jobcentre council's nhs a&e ae emergency
ambulance paramedic paramedics gp gps hv dsl iro sw tm pa dr mr mrs ms miss mx prof st saint
positive negative good bad well better best worse worst poor fair excellent outstanding
adequate inadequate requires improvement improvements improved improve strong strengths
weak weakness weaknesses concerns impact impacts evidence evidenced gaps gap areas area
further actions action's overview introduction conclusion conclusions comments comment
response responses consent confidential confidentiality private official sensitive draft final
version page pages appendix annex attachment attachments enclosed see please tbc tba n/a
what's who's child's mum's dad's mother's father's parents' carers' family's school's
social work worker's workers' manager's practitioner practitioners professional professionals
agency's multi-agency multiagency partnership partner's network networks group groups
session sessions programme programmes course's intervention interventions direct work
life story relationships relationship contact's supervision supervisor supervised unsupervised
visit's visiting visitor visitors observation's consultation consultations strategy strategic
initial interim full short long-term short-term term's ongoing current previous past future
red rag yes/no ok okay gender sex male female ethnicity nationality status category
closure transfer allocation escalation step-down step-up freedom cubs scouts brownies guides
beavers cadets club clubs programme desk helpline line
mondays tuesdays wednesdays thursdays fridays saturdays sundays
weekends afghanistan albania algeria bangladesh brazil bulgaria canada china congo czechia egypt
eritrea ethiopia france germany ghana greece hungary iran iraq italy jamaica kosovo kurdistan
latvia libya lithuania morocco nigeria pakistan philippines poland portugal romania russia
rwanda sierra leone slovakia somalia somaliland spain sri lanka sudan syria turkey uganda ukraine
usa america vietnam yemen zambia zimbabwe
mosaic lcs liquidlogic eclipse carefirst ehm systmone emis capita
sims niche athena controcc frameworki
"""
_STOP = _words(_STOP_TEXT)

_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lady",
           "Lord", "Rev", "Revd", "Reverend", "Fr", "Cllr", "Councillor", "PC", "DC", "DS", "DI",
           "DCI", "Sgt", "Sergeant", "Inspector", "Judge", "HHJ", "DJ", "Master", "Nurse")

_ROLES = (
    "mother", "mum", "mam", "mummy", "father", "dad", "daddy", "stepmother", "step-mother",
    "stepfather", "step-father", "stepdad", "step-dad", "stepmum", "step-mum", "parent", "brother",
    "sister", "half-brother", "half-sister", "stepbrother", "stepsister", "sibling", "siblings",
    "son", "daughter", "sons", "daughters", "brothers", "sisters", "twin", "twins", "grandmother",
    "grandfather", "grandma", "grandad", "granddad", "grandpa", "nan", "nana", "nanna", "nanny",
    "gran", "granny", "grandparent", "grandparents", "great-grandmother", "great-grandfather",
    "aunt", "auntie", "aunty", "uncle", "cousin", "nephew", "niece", "partner", "ex-partner",
    "boyfriend", "girlfriend", "husband", "wife", "ex-husband", "ex-wife", "fiancé", "fiance",
    "fiancée", "carer", "carers", "guardian", "child", "children", "baby", "infant",
    "young person", "friend", "neighbour", "lodger", "landlord", "worker", "manager", "officer",
    "teacher", "headteacher", "head teacher", "deputy head", "senco", "dsl", "visitor", "nurse",
    "midwife", "gp", "paediatrician", "consultant", "doctor", "therapist", "psychologist",
    "psychiatrist", "counsellor", "solicitor", "advocate", "adviser", "advisor", "practitioner",
    "keyworker", "key worker", "mentor", "coach", "interpreter", "chair", "iro", "named",
    "called", "known as",
)

_VERBS = (
    "said", "says", "told", "tells", "reported", "reports", "stated", "states", "explained",
    "shared", "disclosed", "described", "asked", "attended", "attends", "was", "is", "has", "had",
    "will", "would", "could", "can", "did", "does", "lives", "lived", "moved", "appeared",
    "presented", "became", "went", "goes", "came", "comes", "spoke", "confirmed", "agreed",
    "refused", "declined", "denied", "wants", "wanted", "likes", "liked", "enjoys", "enjoyed",
    "loves", "loved", "feels", "felt", "seemed", "seems", "looked", "looks", "cried", "smiled",
    "played", "plays", "showed", "walked", "ran", "returned", "arrived", "left", "stayed",
    "stays", "slept", "ate", "added", "answered", "called", "phoned", "rang", "texted",
    "emailed", "wrote", "visited", "met", "thinks", "thought", "knows", "knew", "needs",
    "needed", "gave", "gives", "took", "takes", "made", "makes", "remains", "remained",
    "continues", "continued", "completed", "started", "began", "missed", "joined", "helped",
    "alleged", "admitted", "acknowledged", "accepted", "expressed", "mentioned", "recalled",
    "responded", "replied", "requested", "understands", "understood", "hopes", "hoped",
)

_PARTICLES = _words("""
de da di du del della van von der den ter le la al el bin ibn abu ap mac mc o
""")

# First names: the commonest in England and Wales birth registrations across the decades, and
# names common in the communities children's social care works with (South Asian, Arabic,
# Somali, West African, Eastern European, Irish, Scottish, Welsh, Caribbean, Chinese, Turkish,
# Kurdish, Vietnamese). Names that are also common words are handled by _NAME_ALSO_WORD and
# _NEVER_BARE below.
_FIRST_NAMES_TEXT = """
olivia amelia isla ava mia ivy lily isabella rosie sophia grace freya willow florence emily
ella poppy evie elsie charlotte evelyn sienna sofia daisy phoebe sophie alice harper matilda
ruby emilia maya millie isabelle layla esme luna eva aria zara chloe jessica ellie scarlett
hallie molly lucy bonnie thea hannah erin imogen maisie lola georgia bella harriet holly eliza
orla violet robyn lottie darcie darcey darcy nancy mila penelope arabella emma aisha amira
maryam fatima fatimah zainab hafsa khadija khadijah aaliyah hawa halima ayesha aisha amina
safiya sumaya sumayyah nadia noor nur leila laila yasmin yasmine jasmine jasmin samira sara
sarah hana hanna inaya anaya aleena alina anya ania zuzanna julia zofia maja lena oliwia
natalia wiktoria amelie gabriela alicja antonia ioana maria elena andreea bianca daria
alexandra ana irina olga tatiana katarzyna agnieszka magdalena joanna ewa monika kinga
justyna paulina patrycja karolina dominika aleksandra marta agata kamila ieva egle greta laura
rasa ruta chidinma chioma ngozi adaeze amara ifeoma nneka folake funmi funmilayo yetunde bukola
temitope tolu titilayo abena ama akosua efua adwoa esi yaa akua ayan hodan ifrah nasra sagal
hibo deqa fartun muna ruqia sahra blessing precious favour mercy patience comfort gift joy hope
faith grace charity rose rosa rosemary jade amber crystal tia tiana keisha shanice tanisha
kiara jada nia imani destiny chantelle kayleigh kayla kelsey courtney chelsea leanne stacey
tracey tracy sharon karen julie jane janet susan sue linda patricia pat margaret maggie
elizabeth beth liz lizzie betty dorothy barbara jean joan joyce shirley sheila pauline
christine gillian gill jill lesley leslie alison angela anne ann anna annie heather helen
ellen eleanor nora norah catherine katherine kathryn kathleen kate katie caroline carol claire
clare deborah debbie dawn denise diane donna elaine gemma hayley haley jennifer jenny jo joanne
jodie kelly kerry kim kirsty kirsten lisa louise lynn lynne mandy amanda michelle nicola
nicole nikki paula rachel rebecca becky samantha sam sandra sian siobhan sally stephanie
steph suzanne teresa theresa vanessa vicky victoria wendy yvonne zoe abigail abbie abby amy
bethany caitlin kaitlyn charlie danielle eloise felicity francesca frances gabrielle georgina
hollie jess katy lauren leah libby lilly megan melissa naomi natasha niamh paige rhiannon sadie
shannon tegan tilly toni tamsin ffion cerys carys seren mali lowri eira eilidh ailsa morag
mhairi catriona fiona iona aoife ciara sinead saoirse roisin orlaith caoimhe grainne aine
mairead bridget brigid maeve dervla priya pooja anjali simran harpreet jaspreet manpreet
gurpreet kiran navdeep amrit sunita anita rekha meena neha ritu divya shreya aditi ananya diya
riya isha kavya sana saba hira mariam rabia nabila shazia tahira rukhsana bushra farah farida
nasreen parveen shabana shamima rubina razia salma rahima jamila leyla elif zeynep ayse emine
merve mei ling xin jing hui ying linh hoa nga thuy lan huong trang ngoc tamara tanya sonia
sonya svetlana yulia kateryna oksana nataliya vera lyudmila ingrid astrid freja sigrid heidi
hilde marie mary maureen marian marion mavis muriel doris edith ethel gladys hilda irene iris
ivy lilian lillian mabel nellie peggy phyllis rita stella sylvia vera violet winifred audrey
beryl brenda gloria hazel june maxine norma rosalind valerie avril april may august tina gina
lorraine jacqueline jackie josephine josie judith judy julia juliet kay kayleigh laura lydia
martha miriam nadine naomi natalie olive ophelia paulette pearl rosalie roxanne ruth sabrina
sasha selina serena sharon shelley sheridan simone sophia tara tessa una ursula veronica
whitney yolanda zara zoe aimee alisha alyssa amelie anais annabel annabelle aurora autumn
ayla beatrice bonnie bridie camille cara carla cassandra cecilia celia charlene cheryl
christina claudia connie cora daniella delilah demi eden edie elise elsa elle emilie erica
esther eve evangeline fern gabriella gracie hattie heidi honor honour ines isobel ivana jasmin
jemima jenna jessie joanna jocelyn kacey kacie kara kasey keira kiera kyra lacey lana lara
lexi lexie liberty lila lilah lilia lorna lula lyla macy madison madeleine madeline mae maddison
margot maria marnie matilda melody mollie myla nadia neve nevaeh orla pippa primrose rae raya
remi riley rosa rosalie rowan ruth sapphire savannah sky skye stevie sydney taya tiana tilly
valentina vivienne wren zainab zahra zoya aliyah amani anisa ayah basma dalia dina ghada hala
huda iman lamar lina lubna malak manal mona nour rania reem rima salwa sawsan siham soraya
tasnim wafa yara zaynab shirin parisa mahsa nasrin roya shadi zahra
oliver noah george arthur muhammad mohammed mohammad mohamed mohamud ahmed ahmad ali omar umar
yusuf yousef yusef ibrahim ismail hamza bilal zayn zain ayaan rayyan musa idris adam aaron
abdul abdullah abdirahman abdi abdirizak hassan hussein hussain mustafa khalid karim kareem
tariq imran irfan faisal asif arif kamran zubair zaid zayd sami samir nabil yasin yaseen amir
amaan arham aryan arjun rohan rahul ravi raj rajesh sanjay vijay amit anil sunil deepak vikram
krishna dev jai harjit gurdeep jaswinder sukhdev mandeep kuldeep arman reza dariusz jakub
kacper szymon filip antoni franciszek stanislaw wojciech piotr pawel tomasz krzysztof marcin
michal lukasz mateusz bartosz kamil dawid adrian andrei alexandru ionut mihai stefan bogdan
cristian florin marius vasile gheorghe nicolae lukas mantas tomas jonas darius dmitri ivan
sergei sergey oleksandr artem maksim chinedu chukwuemeka emeka obinna ikenna uche tunde
babatunde femi olufemi segun kunle dapo adebayo oluwaseun seun kwame kofi kwabena kwasi yaw
kojo kobby tendai tatenda farai themba sipho thabo kayode abiodun jamal jamar tyrone tyrese
marcus malachi jermaine leon levi elijah isaiah josiah ezekiel nathaniel nathan reuben reggie
rocco rory ronan ruairi ciaran cian conor connor declan eoin fionn niall oisin padraig seamus
sean shane cormac darragh eamon eamonn liam kieran callum calum cameron craig douglas duncan
euan ewan fraser gregor hamish iain ian lachlan murray ross alasdair alistair angus gareth
geraint gethin dylan rhys rhodri owain iwan ieuan osian emrys dafydd aled alun bryn cai noah
leo harry oscar archie henry theodore freddie jack theo alfie jacob thomas finley arlo william
lucas roman tommy isaac teddy alexander luca edward james joshua albie max hugo sebastian
ronnie jude louie ezra frankie benjamin joseph toby harrison bobby jaxon mason ethan logan
daniel samuel david michael matthew andrew christopher chris mark paul peter john jon jonathan
stephen steven steve richard rich robert rob bob robbie anthony tony kevin gary garry darren
dean lee neil neal simon stuart wayne martin jason ryan jamie scott kyle luke ben jake joe tom
dan danny matt nick nicholas patrick philip phil graham graeme keith kenneth ken brian colin
derek dennis terry trevor barry roy ray raymond ronald ron donald don gordon alan allan allen
frank frederick fred harold albert alfred ernest stanley leonard walter norman edwin eric
clive howard malcolm nigel roger russell shaun tristan vincent victor will willie billy bill
charles carl karl kenny lewis louis lenny mitchell owen reece ricky ruben tyler zach zachary
zak jayden kai kian kaiden bradley brandon corey cory curtis dale dominic elliot elliott finn
gabriel harvey hayden jenson jesse joel jonah kayden kit leighton lennon lennox maddox milo
myles niko nico orion otis ralph rupert sonny spencer taylor travis troy ty vinnie wilf wilfred
xavier zac zack aiden aidan caden brody blake bailey ellis alex alexis ashley casey drew jody
lindsay robin sasha sidney quinn ari kiyan tymon igor oskar nikodem hubert leonardo luka mateo
matteo marco giovanni giuseppe alessandro francesco pedro diego carlos jose juan luis miguel
rafael tiago joao rui andre thiago bruno paulo hao jun lei ming tao jian bao minh tuan huy
quang kenji hiroshi yuki emre mehmet murat burak deniz kerem berat baran rojin azad dilan hevin
shivan karzan aram ahmet hakan serkan volkan yunus ilyas elias eli jed ted ned ed eddie
edgar felix fabian ivor jasper jerome julian justin kenzie lorcan marley montgomery monty
nathanael percy reginald remy rex ronan rufus solomon sullivan tobias warren wesley wyatt
zane abel alvin ambrose barnaby basil bertie cecil clement conrad cyril dexter elliot emmett
ernie errol ezekiel gideon godfrey hector herbert horace humphrey jarvis jeremy jethro lawrence
laurence leroy lionel lloyd lucien marvin maurice melvin mervyn neville noel oswald percival
quentin ralph randolph rodney rowland sampson septimus stanley sylvester terence thaddeus
timothy tim vernon vic wilbur winston abdulahi abdirashid abdikarim abdiaziz abdullahi
abdulrahman ahmadou aliyu amadou bakary chidi daniyal dawood ehsan farhan fahad haris haroon
hasan huzaifa ishaq jibril junaid kashif luqman mahdi mahmoud mehdi moussa muhammed mujtaba
naveed nasir osama rehan rizwan saad saif salman sameer shahid shoaib sohail sufyan suleiman
talha usman waqas waseem yahya yaqub younis zakariya zakaria zeeshan javed saeed rasheed
waheed majid hameed sayed hamid kamal jamil akbar anwar aziz bashir farid habib jalal jawad
karam latif mansoor mukhtar qasim rashid shafiq tahir
"""

# First names that are also everyday words: not names at the start of a sentence unless seen
# as a name elsewhere in the text.
_NAME_ALSO_WORD = _words("""
will may mark hope bill sue pat rob don guy ray chase miles drew grant frank art rich earl norm
dean wade reed bob jack joy faith dawn gift favour mercy comfort patience charity precious destiny
honour honor liberty sky skye rowan robin ivy holly fern hazel pearl crystal ruby jade sunny sonny
rex eve una kit ben jo jay max kim lee bailey taylor ellis cameron douglas murray stanley norman
harvey spencer lewis ross fraser grace rose violet iris olive heather june
""")

# Words mostly used otherwise: a name only with evidence (a title, a role, an age…) or after
# being seen as part of a full name.
_NEVER_BARE = _words("""
amber summer autumn winter spring april may june august jordan chad georgia india kenya israel
devon kent paris sydney lincoln chester austin victoria albert christian major royal king prince
princess star page sterling justice chance unique hunter river storm rain brook diamond honey sage
angel cherry ginger pepper sunday tuesday marley harley phoenix dakota carolina virginia camden
kingston orlando adelaide florence jersey china
""")

_MONTH_NAMES_ALSO_NAMES = frozenset({"april", "may", "june", "august", "jan"})

# Names that often begin an English sentence as ordinary words: a name seen elsewhere is not
# replaced where one of these starts a sentence ("Will be reviewed", "Young people…").
_SENTENCE_WORDS = _words("""
will may mark hope bill sue pat rob don guy ray chase miles drew grant frank art rich earl norm
wade reed young little long short strong best good fair love new old great north south east
west faith joy
""")

# English words that are also surnames, and place words: weak on their own.
_SURNAME_WORDS = _words("""
young brown green white black gray grey hill wood woods hall king wright walker turner baker cook
cooke bird fox rose little small long short strong moss marsh field fields bell stone day lamb law
cross rich gold silver sharp swift frost snow best good bishop knight noble prince duke lord bond
banks bank brook brooks lane street house park parks mill mills ford marshall parker mason carter
cooper fisher hunter archer butler porter miller taylor smith ward wells holmes price power page
hunt hart heath holt mann nash read reed rice ball booth burns cole dunn gardner hayes hope lane
lowe payne rowe stokes webb west north south east middleton newton preston sutton walton hale dale
vale hardy wise gentle sweet love fair
""")

_PLACE_WORDS = _words("""
north south east west upper lower new old great little park view hill green wood church castle
bridge valley field lake river brook mill grange manor abbey priory meadow meadows moor heath
forest vale dale city town village royal saint st central grove lodge farm cottage cottages tower
towers court hall gardens garden place square road street lane avenue close crescent drive way
terrace rise mews walk row bank side end gate cross common wharf quay harbour bay
""")

_SURNAMES_TEXT = """
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson
wright walker white edwards hughes green hall lewis harris clarke clark patel jackson wood turner
martin cooper hill ward morris moore lee king baker harrison morgan allen james scott phillips
watson davis parker price bennett young griffiths mitchell kelly cook carter richardson bailey
collins bell shaw murphy miller cox richards khan marshall anderson simpson ellis adams singh
begum wilkinson foster chapman powell webb rogers gray grey mason ali hunt hussain campbell
matthews owen palmer holmes mills barnes knight lloyd butler russell barker fisher stevens
jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson howard andrews
stewart elliott reynolds saunders payne fox ford pearce day brooks west lawrence cole atkinson
bradley spencer gill dawson ball burton o'brien watts rose booth perry ryan grant wells
armstrong francis rees hayes hart hudson newman barrett webster hunter gregory carr lowe page
marsh riley dunn woods parsons berry stone reid holland hawkins harding porter robertson newton
oliver reed kennedy williamson bird gardner shah dean lane cooke bates henderson parry burgess
bishop walton burns nicholson shepherd ross cross long freeman warren nicholls hamilton byrne
sutton mcdonald macdonald yates hodgson robson curtis hopkins o'connor harper coleman watkins
moss mccarthy chambers o'neill griffin sharp hardy wheeler potter osborne johnston gordon doyle
wallace george jordan hutchinson rowe burke pritchard gilbert willis higgins miles stevenson
stephenson hammond arnold buckley walters hewitt barber nelson slater austin sullivan
whitehead mann frost lambert stephens blake akhtar lynch goodwin barton woodward thomson
cunningham quinn barnett baxter bibi clayton nash greenwood jennings holt kemp poole gallagher
bond stokes tucker davidson fowler heath norman middleton lawson banks stanley jarvis gibbs
ferguson hayward carroll douglas dickinson todd barlow peters lucas knowles hartley miah simmons
morton alexander field morrison norris townsend preston hancock thornton baldwin burrows briggs
storey haworth sykes hirst firth crossley ackroyd holroyd sutcliffe ingham lister pickles
rhodes schofield whiteley mellor kershaw ogden nuttall nowak kowalski kowalska wisniewski
wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak dabrowski kozlowski jankowski
mazur kwiatkowski krawczyk piotrowski grabowski pawlowski michalski popescu popa ionescu
dumitru stoica rusu munteanu matei constantin petrov ivanov kazlauskas jankauskas petrauskas
okafor okonkwo okeke eze nwosu obi adeyemi adebayo oyelaran ogunleye olawale afolabi balogun
bello mensah owusu asante boateng osei addo agyeman appiah darko mohamud mohamed abdi hassan
farah warsame jama yusuf omar osman ismail aden hersi mbatha ndlovu dube moyo banda phiri
mwangi otieno kamau chaudhry chaudhary iqbal rashid malik mahmood aslam butt qureshi siddiqui
hussein rehman rahman uddin hoque choudhury chowdhury sharma gupta kumar mistry parmar solanki
chauhan joshi desai mehta rao reddy nair menon pillai das bose sandhu sidhu dhillon grewal
johal bains bhatti cheema sohal atwal wang zhang liu chen yang huang zhao zhou sun lin wong
chan cheung lam ng nguyen tran pham hoang vu dang bui yilmaz kaya demir sahin celik yildiz
aydin ozturk arslan dogan kilic o'sullivan o'reilly o'donnell o'shea doherty brennan flynn
fitzgerald kavanagh keane mclaughlin mcguinness mulligan nolan quinlan regan whelan maguire
mckenna macleod mackenzie mackay maclean macpherson fraser sinclair cameron munro sutherland
kerr hendry gunn innes laing urquhart llewellyn pryce prosser vaughan bowen meredith gwynne
rowlands hopkin thorne akinola olatunji adeleke oyedele nwachukwu okoro udeh eke igwe chukwu
manning fleming browning golding fielding gosling spalding redding cummings pickering keeling
dowling daly healy connolly donnelly reilly langley oakley shelley whitley hadley saeed
rasheed waheed majeed hameed naveed javed okonjo adeyinka ogundipe onyango achieng njoroge
"""

_FIRST_NAMES = _words(_FIRST_NAMES_TEXT)
_SURNAMES = _words(_SURNAMES_TEXT)
_STOP_WORDS = _STOP - _FIRST_NAMES - {"will", "may", "mark"}
_WEAK = _SURNAME_WORDS | _PLACE_WORDS | _NEVER_BARE

# Practice acronyms: never taken for a person's initials.
_ACRONYMS = _words("""
CP CIN CLA LAC IRO PEP EHCP SEN SEND SENCO DSL SW TM PA GP HV YP CYP DV DA MH FSW SGO ICO EPO PLO
ICPC RCPC CPP TAF TAC FGC MASH MARAC MAPPA LADO CAMHS CSE CCE YOT YJS UASC NFA ASD ADHD SDQ RHI IHA
RHA DBS DWP NHS NI UK AM PM OK TV ID DOB ETA FYI ASAP RE PE IT ED AE LA EH EHA CAF CYPS CSC SSW
ASYE NQSW ADM HOS SM PS AP PSW DCS QA RAG CE RC MP BBC CCTV PC DC DS DI SS NB PS IQ GCSE
""")

_SUFFIX_WORD_RE = re.compile(
    r"(?:tion|sion|ment|ness|ity|ing|ings|ed|ly|ance|ence|ship|ful|less|ous|ive|able|ible|ism|"
    r"ist|ise|ize|ised|ized|ates|ated|ical|ics|ward|wards|ology|ions|ments|ers|ies)$")

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Replacement:
    """One identifier found: its kind, the original text, what replaced it, and where it was
    (``start``/``end`` are offsets in the ORIGINAL text)."""

    kind: str
    original: str
    replacement: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"kind": self.kind, "original": self.original, "replacement": self.replacement,
                "start": self.start, "end": self.end}


@dataclass
class Result:
    """The anonymised ``text``, every ``replacement`` (in order of position) and the date shift.

    ``to_report()`` lists them for the person who checks the case before it is shared.
    """

    text: str
    replacements: list[Replacement]
    date_shift_days: int
    original_text: str = field(repr=False, default="")

    def counts(self) -> dict[str, int]:
        """How many replacements of each kind (kinds with none are left out)."""
        found = Counter(r.kind for r in self.replacements)
        return {kind: found[kind] for kind in KINDS if found[kind]}

    def to_report(self) -> str:
        """A Markdown report of every replacement, grouped by kind, with counts.

        It contains the original identifiers: keep it with the case file, never publish it.
        """
        lines = ["# Anonymisation report", "",
                 "Check every replacement below before the case is shared, and read the "
                 "anonymised text for anything identifying that was missed (nicknames, places, "
                 "jobs, distinctive events).", "",
                 "**This report contains the original identifiers: keep it with the case file "
                 "and do not publish it.**", ""]
        shift = self.date_shift_days
        lines.append(f"Dates moved by {shift:+d} days ({_weeks(shift)}).")
        counts = self.counts()
        total = len(self.replacements)
        summary = ", ".join(f"{kind} {n}" for kind, n in counts.items()) or "none"
        lines += [f"Replacements: {total} ({summary}).", ""]
        starts = _line_starts(self.original_text)
        for kind in KINDS:
            items = [r for r in self.replacements if r.kind == kind]
            if not items:
                continue
            distinct = len({r.replacement for r in items}) if kind != "date" else len(
                {r.original for r in items})
            lines += [f"## {kind}: {len(items)} replacement{'s' * (len(items) != 1)}, "
                      f"{distinct} distinct", "",
                      "| # | original | replacement | line | characters |",
                      "|---|---|---|---|---|"]
            for i, r in enumerate(items, 1):
                line = bisect.bisect_right(starts, r.start)
                lines.append(f"| {i} | {_cell(r.original)} | {_cell(r.replacement)} | {line} | "
                             f"{r.start}–{r.end} |")
            lines.append("")
        return "\n".join(lines)


def _weeks(days: int) -> str:
    weeks, rest = divmod(abs(days), 7)
    if rest == 0:
        return f"{weeks} week{'s' * (weeks != 1)} {'later' if days >= 0 else 'earlier'}"
    return f"{abs(days)} days {'later' if days >= 0 else 'earlier'}"


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


# --------------------------------------------------------------------------- checksums


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


# --------------------------------------------------------------------------- candidates


@dataclass
class _Span:
    start: int
    end: int
    kind: str
    priority: int
    key: object = None          # what makes two spans the same entity (resolved later for names)
    replacement: str | None = None   # set directly for dates
    words: tuple[str, ...] = ()      # name words (cores), for names
    title: str = ""


_PRIORITY = {"email": 100, "nhs_number": 90, "ni_number": 90, "phone": 85, "date": 80,
             "postcode": 75, "reference": 70, "school": 62, "gp": 62, "address": 60, "name": 50}


class _Mask:
    """Character ranges already taken (or protected), for quick overlap tests."""

    def __init__(self, size: int):
        self.taken = bytearray(size)

    def add(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])


def _accept(candidates: list[_Span], mask: _Mask, accepted: list[_Span]) -> None:
    """Accept candidates best first (priority, then length), skipping any that overlap."""
    for span in sorted(candidates, key=lambda s: (-s.priority, -(s.end - s.start), s.start)):
        if span.end > span.start and mask.free(span.start, span.end):
            mask.add(span.start, span.end)
            accepted.append(span)


_EMAIL_RE = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _emails(text: str) -> list[_Span]:
    out = []
    for m in _EMAIL_RE.finditer(text):
        end = m.end()
        while text[end - 1] in ".-":
            end -= 1
        out.append(_Span(m.start(), end, "email", _PRIORITY["email"],
                         key=text[m.start():end].lower()))
    return out


_NHS_RE = re.compile(r"(?<![\w/.\-()+])(\d{3})([ \t\-]?)(\d{3})\2(\d{4})(?![\w/\-])(?!\.\d)")


def _nhs_numbers(text: str) -> list[_Span]:
    out = []
    for m in _NHS_RE.finditer(text):
        digits = m.group(1) + m.group(3) + m.group(4)
        valid = nhs_number_is_valid(digits)
        kind = "nhs_number" if valid else "reference"
        out.append(_Span(m.start(), m.end(), kind, _PRIORITY[kind], key=digits))
    return out


_NI_RE = re.compile(r"(?<![\w])(?:([A-Z]{2})[ \t]?(\d{2})[ \t]?(\d{2})[ \t]?(\d{2})"
                    r"(?:[ \t]?([A-D]))?"
                    r"|([a-z]{2}\d{6}[a-d]?))(?![\w])")


def _ni_numbers(text: str) -> list[_Span]:
    out = []
    for m in _NI_RE.finditer(text):
        compact = re.sub(r"\s", "", m.group(0)).upper()
        if ni_number_is_valid(compact):
            out.append(_Span(m.start(), m.end(), "ni_number", _PRIORITY["ni_number"],
                             key=compact))
        else:       # below a labelled reference, so "Mosaic ID 556677" keeps its label word
            out.append(_Span(m.start(), m.end(), "reference", _PRIORITY["reference"] - 5,
                             key=compact))
    return out


_PHONE_RE = re.compile(r"(?<![\w+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|0044[ \t]?|\(?0)\d+\)?"
                       r"(?:[ \t\-]\d+)*")


def _phones(text: str) -> list[_Span]:
    out = []
    for m in _PHONE_RE.finditer(text):
        raw = m.group(0)
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
                national_digits = ("0" + national) if international else digits
                # +44 numbers outrank NHS numbers: "+44 113 496 0999" has a 3-3-4 shape
                priority = _PRIORITY["phone"] + (10 if international else 0)
                out.append(_Span(start, start + len(span_text), "phone", priority,
                                 key=national_digits))
                break
            if len(digits) < 10:
                break
            groups.pop()
    return out


# ---- dates

_MONTH_NUMBERS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
                  "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
                  "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
                  "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_MONTH_FULL = ("", "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_WEEKDAY_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_WEEKDAY = (r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|"
            r"Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)")
_WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY})\.?,?[ \t]+(?:the[ \t]+)?)?"
_DATE_RES = [
    ("dmy", re.compile(rf"{_WD_PREFIX}(?<![\d/.\-])(?P<d>\d{{1,2}})(?P<sep>[/.\-])(?P<m>\d{{1,2}})"
                       rf"(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\d/\-])(?!\.\d)")),
    ("ymd", re.compile(r"(?<![\d/.\-])(?P<y>\d{4})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)"
                       r"(?P<d>\d{1,2})(?![\d/\-])(?!\.\d)")),
    ("d_month", re.compile(rf"{_WD_PREFIX}(?<![\d/.\-])(?P<d>\d{{1,2}})"
                           rf"(?P<ord>(?i:st|nd|rd|th))?"
                           rf"(?:[ \t]+of)?[ \t]+(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?"
                           rf"(?:,?[ \t]+(?P<y>\d{{4}}|['’]\d{{2}}))?(?![\w])")),
    ("month_d", re.compile(rf"{_WD_PREFIX}(?P<mon>(?i:{_MONTH}))(?P<dot>\.)?[ \t]+"
                           rf"(?P<d>\d{{1,2}})(?P<ord>(?i:st|nd|rd|th))?(?:,?[ \t]+(?P<y>\d{{4}}))?"
                           rf"(?![\w/:])")),
    ("month_y", re.compile(rf"(?<![\w])(?P<mon>{_MONTH})(?P<dot>\.)?,?[ \t]+(?P<y>\d{{4}})"
                           rf"(?![\w/])")),
    ("dm", re.compile(r"(?<![\d/.\-£$])(?P<d>\d{2})/(?P<m>\d{2})(?![\d/])")),
]
_SCORE_CONTEXT = re.compile(r"(?i)(?:scal\w*|scor\w*|rat\w*|out of|marks?)\W{0,3}"
                            r"(?:\w+\W+){0,4}$")


def _two_digit_year(y: int) -> int:
    return 2000 + y if y < 50 else 1900 + y


@dataclass
class _DateMatch:
    start: int
    end: int
    form: str
    m: re.Match
    year: int | None
    month: int
    day: int | None


def _date_matches(text: str) -> list[_DateMatch]:
    found: list[_DateMatch] = []
    taken = _Mask(len(text))
    for form, regex in _DATE_RES:
        for m in regex.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            g = m.groupdict()
            year = None
            if g.get("y"):
                raw = g["y"].lstrip("'’")
                year = int(raw) if len(raw) == 4 else _two_digit_year(int(raw))
            month = _MONTH_NUMBERS[g["mon"].lower()] if g.get("mon") else int(g["m"])
            day = int(g["d"]) if g.get("d") else None
            if form == "month_d" and not (g.get("ord") or g.get("y")):
                continue            # "May 3 children": not a date
            if form == "d_month" and g["mon"].islower() and not g.get("y"):
                continue            # "aged 3 may need": not a date
            if form == "dm":
                before = text[max(0, m.start() - 30):m.start()]
                if _SCORE_CONTEXT.search(before) or (g["m"] == "10" and g["d"] == "10"):
                    continue            # "scored 7/10", "10/10": a score, not a date
                if not (1 <= month <= 12 and day and 1 <= day <= 31):
                    continue
            if form in ("month_y",) and not (1900 <= (year or 0) <= 2099):
                continue
            found.append(_DateMatch(m.start(), m.end(), form, m, year, month, day))
            taken.add(m.start(), m.end())
    return sorted(found, key=lambda d: d.start)


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
        raw = d.m.group(group)           # 12/03/2019 pads; 4 March pads only if written 04
        padded = raw.startswith("0") if d.form in ("d_month", "month_d") else len(raw) == 2
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
    if g.get("m"):
        put("m", num("m", new.month))
    if g.get("mon"):
        mon = g["mon"]
        full = _MONTH_FULL[new.month]
        if mon.lower() in ("sept",):
            value = "Sept" if new.month == 9 else full[:3]
        elif len(mon) > 3 or mon.lower() == "may":
            value = full
        else:
            value = full[:3] if new.month != 5 else "May"
        put("mon", _format_case(mon, value))
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


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _dates(text: str, shift: int) -> list[_Span]:
    matches = _date_matches(text)
    starts = [d.start for d in matches if d.year is not None]
    years = [d.year for d in matches if d.year is not None]
    out = []
    for d in matches:
        year = d.year
        if year is None:                       # nearest dated entry before, else after
            i = bisect.bisect_left(starts, d.start)
            year = years[i - 1] if i > 0 else years[i] if i < len(years) else 2001
        valid = True
        try:
            dt.date(year, d.month, d.day or 15)
        except ValueError:
            valid = False
        replacement = _shifted_date(text, d, year, shift) if valid else "[Date]"
        out.append(_Span(d.start, d.end, "date", _PRIORITY["date"], replacement=replacement))
    return out


# ---- postcodes

_POSTCODE_STRICT = re.compile(r"[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|"
                              r"[A-HK-Y][0-9][ABEHMNPRV-Y])")
_INWARD_STRICT = re.compile(r"[0-9][ABD-HJLNP-UW-Z]{2}")
_POSTCODE_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[ \t]?"
                          r"([0-9][A-Za-z]{2})"
                          r"(?![A-Za-z0-9])")
_OUTWARD_RE = re.compile(r"(?<![A-Za-z0-9\-/])([A-Z]{1,2}[0-9][A-Z0-9]?)(?![A-Za-z0-9\-/])")
_OUTWARD_NOT = re.compile(r"(?:KS[1-5]|Y\d{1,2}|P[1-7]|S(?:17|20|31|38|47))$")


def _postcodes(text: str) -> list[_Span]:
    out = []
    for m in _POSTCODE_RE.finditer(text):
        outward, inward = m.group(1).upper(), m.group(2).upper()
        if _POSTCODE_STRICT.fullmatch(outward) and _INWARD_STRICT.fullmatch(inward):
            out.append(_Span(m.start(), m.end(), "postcode", _PRIORITY["postcode"],
                             key=outward + inward))
    for m in _OUTWARD_RE.finditer(text):
        code = m.group(1)
        if not _POSTCODE_STRICT.fullmatch(code) or _OUTWARD_NOT.fullmatch(code):
            continue
        before = _line_before(text, m.start())
        labelled = (re.search(r"(?i)(?:post ?code|postal district|area)\s*:?\s*$", before)
                    or re.match(r"(?i)[ \t]+(?:area|postcode|district)\b",
                                _line_after(text, m.end())))
        place = re.search(r"([A-Z][a-z]+)(?:,)?[ \t]+$", before)
        if labelled or (place and place.group(1).lower() not in _STOP_WORDS):
            out.append(_Span(m.start(), m.end(), "postcode", _PRIORITY["postcode"], key=code))
    return out


# ---- references

_SYSTEMS = (r"Mosaic|LCS|Liquidlogic|Liquid Logic|Eclipse|CareFirst|Carefirst|EHM|ICS|"
            r"Frameworki|SystmOne|EMIS|Capita|SIMS|PNC|Niche|Athena|Paris|ContrOCC")
_LABELLED_REF_RE = re.compile(
    rf"(?:\b(?i:ref(?:erence)?|case[ \t]+(?:no|number|id)|client[ \t]+(?:no|number|id)|"
    rf"child[ \t]+(?:no|number|id)|person[ \t]+(?:no|number|id)|id|crime[ \t]+(?:no|number)|"
    rf"urn|upn|uln|crn|nhs[ \t]+(?:no|number))\b\.?|\b(?:{_SYSTEMS})\b(?:[ \t]+(?i:id|no|number|"
    rf"ref(?:erence)?)\b\.?)?|\bno\.|#)[ \t]*[:#]?[ \t]*"
    r"(?P<ref>[A-Za-z0-9](?:[A-Za-z0-9/\-]*[A-Za-z0-9])?)")
_CODE_REF_RE = re.compile(r"(?<![\w/\-])[A-Z]{2,5}[\-/]\d{3,}(?:[\-/][A-Z0-9]+)*(?![\w/\-])")
_LONG_NUMBER_RE = re.compile(r"(?<![\w/\-.£$,])[A-Za-z]{0,4}\d[\dA-Za-z/\-]*(?<![/\-])(?![\w/\-])"
                             r"(?!\.\d)(?!,\d)")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}[\-/](?:(?:19|20)?\d{2})")


def _references(text: str) -> list[_Span]:
    out = []
    for m in _LABELLED_REF_RE.finditer(text):
        ref = m.group("ref")
        if sum(c.isdigit() for c in ref) >= 3 and not _YEAR_RANGE.fullmatch(ref):
            out.append(_Span(m.start("ref"), m.end("ref"), "reference", _PRIORITY["reference"],
                             key=ref.upper()))
    for m in _CODE_REF_RE.finditer(text):
        out.append(_Span(m.start(), m.end(), "reference", _PRIORITY["reference"] - 1,
                         key=m.group(0).upper()))
    for m in _LONG_NUMBER_RE.finditer(text):
        token = m.group(0)
        if sum(c.isdigit() for c in token) < 5 or _YEAR_RANGE.fullmatch(token):
            continue
        out.append(_Span(m.start(), m.end(), "reference", _PRIORITY["reference"] - 2,
                         key=token.upper()))
    return out


# ---- practice terms (protected)

_PRACTICE_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+").replace("'", "['’]")
                               for t in sorted(set(PRACTICE_TERMS), key=len, reverse=True))
    + r")(?![\w])", re.IGNORECASE)


def _protected(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PRACTICE_RE.finditer(text)]


# ---- schools, GP practices, addresses (a keyword and the capitalised words before it)

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
_DR_PRACTICE_RE = re.compile(r"\bDr\.?[ \t]+(?P<prefix>[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?)"
                             r"['’]s?[ \t]+(?:GP[ \t]+)?(?i:practice|surgery)\b")
_GENERIC = _words("""
community catholic church england methodist foundation free special local primary secondary high
junior infant infants nursery sixth form virtual the and of st saint c e ce rc va vc voluntary
aided controlled roman general medical health family group city county national new upon on in le
de
""")

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
_TOWN_AFTER_RE = re.compile(r",?[ \t]+(?P<town>[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+)?)"
                            r"(?=[ \t]*(?:,|\.|;|\)|\n|$|[ \t]+[A-Za-z]{1,2}\d))")


def _word_is_distinctive(word: str) -> bool:
    low = word.lower().rstrip(".").replace("’", "'")
    low = low[:-2] if low.endswith("'s") else low
    if not low or (word.isupper() and len(word) > 1 and word in _ACRONYMS):
        return False
    return low not in _STOP_WORDS and low not in _GENERIC


def _trim_prefix(text: str, start: int, prefix: str) -> tuple[int, str] | None:
    """Drop leading sentence words ("Yesterday Oakfield…" → "Oakfield…"); None if nothing
    distinctive is left."""
    words = list(re.finditer(r"\S+", prefix))
    while words and not (len(words) > 1 and words[0].group(0) == "Our"
                         and words[1].group(0) == "Lady") \
            and ((words[0].group(0).lower().strip(",") in _STOP_WORDS
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
    while words and (words[-1].lower() in _GENERIC or words[-1] in ("C", "E", "CofE", "&")):
        words.pop()
    return " ".join(words)


def _institutions(text: str, protected: _Mask) -> list[_Span]:
    out = []
    for kind, regex in (("school", _SCHOOL_RE), ("gp", _GP_RE)):
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
            out.append(_Span(start, m.end(), kind, _PRIORITY[kind],
                             key=(kind, stem.lower().replace("’", "'")), words=(stem,)))
    for m in _DR_PRACTICE_RE.finditer(text):
        out.append(_Span(m.start(), m.end(), "gp", _PRIORITY["gp"] + 1,
                         key=("gp", "dr " + m.group("prefix").lower())))
    return out


def _addresses(text: str, protected: _Mask) -> list[_Span]:
    out = []

    def extend(end: int) -> int:
        t = _TOWN_AFTER_RE.match(text, end)
        if t and all(w.lower() not in _STOP_WORDS for w in t.group("town").split()):
            return t.end("town")
        return end

    for m in _ADDRESS_RE.finditer(text):
        street = m.group("street")
        suffix_start = m.start("street") + street.rfind(street.split()[-1])
        if not protected.free(suffix_start, m.end()):
            continue
        words = street.split()[:-1]
        if all(w.lower() in _STOP_WORDS and w.lower() not in _PLACE_WORDS
               and w.lower() not in ("st", "st.", "the") for w in words):
            continue      # "3 Children Services Road" is unlikely; "2 Core Group Way" protected
        end = extend(m.end())
        out.append(_Span(m.start(), end, "address", _PRIORITY["address"],
                         key=" ".join(text[m.start():end].lower().replace(",", " ").split())))
    for m in _STREET_ONLY_RE.finditer(text):
        if not protected.free(m.start("type"), m.end("type")):
            continue
        trimmed = _trim_prefix(text, m.start("prefix"), m.group("prefix"))
        if trimmed is None:
            continue
        start, _ = trimmed
        end = extend(m.end())
        out.append(_Span(start, end, "address", _PRIORITY["address"] - 1,
                         key=" ".join(text[start:end].lower().replace(",", " ").split())))
    for m in _FLAT_ONLY_RE.finditer(text):
        out.append(_Span(m.start(), m.end(), "address", _PRIORITY["address"] - 2,
                         key=" ".join(m.group(0).lower().split())))
    return out


def _stem_repeats(text: str, accepted: list[_Span], mask: _Mask) -> list[_Span]:
    """A school's or practice's own name where it recurs alone ("St Mary's", "Oakfield")."""
    out = []
    stems = {s.words[0]: s for s in accepted if s.kind in ("school", "gp") and s.words}
    for span in stems.values():         # one search per distinct name, not per mention
        words = span.words[0].split()
        if not words or not any(_word_is_distinctive(w) for w in words):
            continue
        if len(words) == 1 and (words[0].lower() in _FIRST_NAMES
                                or words[0].lower() in _SURNAMES):
            continue     # "Hope Academy": "Hope" alone is more likely the child
        pattern = r"(?<![\w'’])" + r"[ \t]+".join(re.escape(w) for w in words) + \
            r"(?![\w])(?![ \t]+[A-Z][a-z])"
        for m in re.finditer(pattern, text):
            if mask.free(m.start(), m.end()):
                out.append(_Span(m.start(), m.end(), span.kind, _PRIORITY[span.kind],
                                 key=span.key))
    return out


# --------------------------------------------------------------------------- names

_TOKEN_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*(?:['’]s\b)?")
_TITLE_BEFORE_RE = re.compile(r"(?<![\w])(?:" + "|".join(_TITLES) + r")\.?[ \t]+$")
_ROLE_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?:" + "|".join(re.escape(r) for r in sorted(_ROLES, key=len, reverse=True))
    + r")(?:[ \t]*[,:(\-–][ \t]*|[ \t]+(?:is|was|called|named|known[ \t]+as)[ \t]+|[ \t]+)$")
_ROLE_AFTER_RE = re.compile(
    r"(?i)^[ \t]*(?:\(|[\-–][ \t]|,[ \t]*(?=(?:the[ \t]+|his[ \t]+|her[ \t]+)?(?:maternal|"
    r"paternal|mother|father|mum|dad)))[ \t]*(?:[\w'’\-]+[ \t]+){0,2}?(?:"
    + "|".join(re.escape(r) for r in sorted(_ROLES, key=len, reverse=True)) + r")\b")
_AGE_AFTER_RE = re.compile(
    r"(?i)^(?:[ \t]*\([ \t]*(?:aged?:?[ \t]*|age[ \t]+)?\d{1,2}\b|,?[ \t]+aged?[ \t]+\d|"
    r"[ \t]*\([ \t]*(?:dob|d\.o\.b\.?|born|date of birth)\b|,?[ \t]+(?:dob|born|d\.o\.b)\b|"
    r"[ \t]*\([ \t]*\d{1,2}[ \t]*(?:years?|yrs?|y/?o|months?|mths?|weeks?)\b)")
_VERB_AFTER_RE = re.compile(r"^[ \t]+(?:" + "|".join(_VERBS) + r")\b")
_LIST_GAP_RE = re.compile(r"^(?:[ \t]*\([^)\n]{0,30}\))?[ \t]*(?:,[ \t]*and|,|and|&)[ \t]*$")
_DATE_CONTEXT_BEFORE = re.compile(r"(?i)(?:in|since|by|until|till|during|of|last|next|early|"
                                  r"late|mid|from|before|after|this|each|every|end of|"
                                  r"start of)[ \t]+$")


@dataclass
class _Tok:
    start: int
    end: int            # end of the word, before any possessive 's
    core: str
    possessive: bool
    sentence_start: bool

    @property
    def low(self) -> str:
        return self.core.lower().replace("’", "'")

    @property
    def initial(self) -> bool:
        return len(self.core) == 1 and self.core.isupper()

    @property
    def capitalised(self) -> bool:
        return self.core[0].isupper() and not (len(self.core) > 1 and self.core.isupper())

    @property
    def allcaps(self) -> bool:
        return len(self.core) > 1 and self.core.isupper()


def _is_sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘([*•·>":
        j -= 1
    if j < 0 or text[j] in ".!?:;\n":
        return True
    if text[j] in "-–" and (j == 0 or text[j - 1] in "\n"):
        return True
    if not text[j].isdigit():
        return False
    line = _line_before(text, j + 1)        # "1. Kai…", "2) Mum…"
    return bool(re.fullmatch(r"[ \t]*\d+[.)]?", line))


def _tokens(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        possessive = bool(re.search(r"['’]s$", word)) and len(word) > 2
        core = word[:-2] if possessive else word
        toks.append(_Tok(m.start(), m.start() + len(core), core, possessive,
                         _is_sentence_start(text, m.start())))
    return toks


def _weak(tok: _Tok) -> bool:
    """A word that is a name only with evidence (or once seen as a name)."""
    low = tok.low
    if low in _WEAK:
        return True
    if tok.sentence_start and low in _NAME_ALSO_WORD:
        return True
    known = low in _FIRST_NAMES or low in _SURNAMES
    return not known and bool(_SUFFIX_WORD_RE.search(low)) and len(low) > 4


def _joinable(tok: _Tok, mask: _Mask) -> bool:
    return ((tok.capitalised or tok.initial) and tok.low not in _STOP_WORDS
            and tok.core not in _TITLES and mask.free(tok.start, tok.end))


def _runs(text: str, toks: list[_Tok], mask: _Mask) -> list[list[_Tok]]:
    runs: list[list[_Tok]] = []
    current: list[_Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if _joinable(tok, mask):
            if current:
                prev = current[-1]
                gap = text[prev.end + (2 if prev.possessive else 0):tok.start]
                ok_gap = re.fullmatch(r"[ \t]+", gap) or (prev.initial
                                                          and re.fullmatch(r"\.[ \t]*", gap))
                if not ok_gap or prev.possessive:
                    runs.append(current)
                    current = []
            current.append(tok)
        elif (current and tok.low in _PARTICLES and i + 1 < len(toks)
              and _joinable(toks[i + 1], mask)
              and re.fullmatch(r"[ \t]+", text[current[-1].end:tok.start])
              and re.fullmatch(r"[ \t]+", text[tok.end:toks[i + 1].start])):
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
        i += 1
    if current:
        runs.append(current)
    return runs


# the context a name is judged by: its line, but no more than this either side, so that text
# with no line breaks (a pasted export) takes time in proportion to its length, not its square
_CONTEXT = 300


def _line_before(text: str, i: int) -> str:
    start = max(i - _CONTEXT, 0)
    return text[text.rfind("\n", start, i) + 1 or start:i]


def _line_after(text: str, i: int) -> str:
    end = text.find("\n", i, i + _CONTEXT)
    return text[i:end if end >= 0 else min(i + _CONTEXT, len(text))]


def _in_date_context(text: str, tok: _Tok) -> bool:
    before = _line_before(text, tok.start)
    after = text[tok.end:tok.end + 6]
    return bool(_DATE_CONTEXT_BEFORE.search(before) or re.match(r"[ \t]+(?:\d|'\d)", after))


def _name_runs(text: str, toks: list[_Tok], mask: _Mask) -> list[_Span]:
    out: list[_Span] = []
    last_end = -1
    for run in _runs(text, toks, mask):
        words = [t for t in run if t.low not in _PARTICLES]
        # drop unknown words that read like English (-ed, -ing, -tion…) from either end
        while words and not words[0].initial and _weak(words[0]) and words[0].low not in _WEAK \
                and words[0].low not in _NAME_ALSO_WORD:
            words.pop(0)
        while words and _weak(words[-1]) and words[-1].low not in _WEAK \
                and words[-1].low not in _NAME_ALSO_WORD:
            words.pop()
        if not words or all(t.initial for t in words):
            continue
        first, last = words[0], words[-1]
        before = _line_before(text, first.start)
        after = _line_after(text, last.end + (2 if last.possessive else 0))
        title = _TITLE_BEFORE_RE.search(before)
        evidence = bool(
            title or _ROLE_BEFORE_RE.search(before) or _AGE_AFTER_RE.match(after)
            or _ROLE_AFTER_RE.match(after) or _VERB_AFTER_RE.match(after) or last.possessive
            or (last_end >= 0 and _LIST_GAP_RE.match(text[last_end:first.start])
                and len(words) == 1))
        cores = [t for t in words if not t.initial]
        strong = [t for t in cores if not _weak(t)]
        if len(cores) == 1 and cores[0].low in _MONTH_NAMES_ALSO_NAMES \
                and _in_date_context(text, cores[0]):
            continue
        if len(cores) >= 2:
            is_name = evidence or bool(strong)
        else:
            tok = cores[0]
            known = tok.low in _FIRST_NAMES or tok.low in _SURNAMES
            is_name = evidence or (bool(strong) and (known or not tok.sentence_start))
        if not is_name:
            continue
        title_word = title.group(0).strip().rstrip(".") if title else ""
        out.append(_Span(first.start, last.end, "name", _PRIORITY["name"],
                         words=tuple(t.core for t in cores), title=title_word))
        last_end = last.end + (2 if last.possessive else 0)
    return out


def _title_names(text: str, toks: list[_Tok], mask: _Mask) -> list[_Span]:
    """Any capitalised word after a title is a name, common word or not ("Mr Young")."""
    out = []
    for i, tok in enumerate(toks[:-1]):
        if tok.core not in _TITLES:
            continue
        j = i + 1
        words = []
        while j < len(toks) and len(words) < 3:
            nxt = toks[j]
            prev_end = words[-1].end if words else tok.end
            gap = text[prev_end:nxt.start]
            if not re.fullmatch(r"\.?[ \t]+|\.", gap) or not (nxt.capitalised or nxt.initial) \
                    or not mask.free(nxt.start, nxt.end) or nxt.core in _TITLES:
                break
            if words and nxt.low in _STOP_WORDS:
                break
            words.append(nxt)
            j += 1
            if nxt.possessive:
                break
        cores = [w for w in words if not w.initial]
        if cores:
            out.append(_Span(words[0].start, words[-1].end, "name", _PRIORITY["name"] + 1,
                             words=tuple(w.core for w in cores), title=tok.core))
    return out


def _resolve_names(spans: list[_Span]) -> None:
    """Give each name span the key of the person it refers to."""
    full = {}
    for s in spans:
        if len(s.words) >= 2:
            full.setdefault((s.words[0].lower(), s.words[-1].lower()), s)
    by_first: dict[str, set] = defaultdict(set)
    by_last: dict[str, set] = defaultdict(set)
    for first, last in full:
        by_first[first].add((first, last))
        by_last[last].add((first, last))
    for s in spans:
        if s.key is not None:
            continue          # initials, resolved when found
        if len(s.words) >= 2:
            s.key = ("person", s.words[0].lower(), s.words[-1].lower())
            continue
        w = s.words[0].lower() if s.words else ""
        lasts, firsts = by_last.get(w, set()), by_first.get(w, set())
        if s.title and len(lasts) == 1:
            s.key = ("person", *next(iter(lasts)))
        elif len(lasts | firsts) == 1:
            s.key = ("person", *next(iter(lasts | firsts)))
        else:
            gender = {"mrs": "f", "ms": "f", "miss": "f", "mr": "m"}.get(s.title.lower(),
                                                                      s.title.lower())
            s.key = ("one", gender if lasts else "", w)


def _name_repeats(text: str, toks: list[_Tok], names: list[_Span], mask: _Mask) -> list[_Span]:
    """Every other capitalised or ALL CAPS occurrence of a word seen in a name, and initials."""
    components = {w.lower() for s in names for w in s.words if len(w) > 1}
    components -= _STOP_WORDS
    out = []
    for tok in toks:
        if tok.initial or not mask.free(tok.start, tok.end):
            continue
        low = tok.low
        if low not in components and not (low.endswith("s") and low[:-1] in components):
            continue        # "the Gallaghers" for Mrs Gallagher
        if not (tok.capitalised or tok.allcaps):
            continue
        if tok.allcaps and tok.core in _ACRONYMS:
            continue
        if tok.sentence_start and low in _SENTENCE_WORDS:
            continue
        if low in _MONTH_NAMES_ALSO_NAMES and _in_date_context(text, tok):
            continue
        out.append(_Span(tok.start, tok.end, "name", _PRIORITY["name"] - 10,
                         words=(tok.core.title() if tok.allcaps else tok.core,)))
    initials: dict[str, set] = defaultdict(set)
    for s in names:
        if len(s.words) >= 2:
            person = (s.words[0].lower(), s.words[-1].lower())
            first_parts = "".join(p[0] for p in re.split(r"-", s.words[0]) if p).upper()
            initials[s.words[0][0] + s.words[-1][0]].add(person)
            initials["".join(w[0] for w in s.words)].add(person)
            if len(first_parts) > 1:          # "KL" for Kacey-Leigh, "KLB" with the surname
                initials[first_parts].add(person)
                initials[first_parts + s.words[-1][0]].add(person)
    for tok in toks:
        if tok.allcaps and tok.core in initials and tok.core not in _ACRONYMS \
                and mask.free(tok.start, tok.end):
            people = initials[tok.core]
            span = _Span(tok.start, tok.end, "name", _PRIORITY["name"] - 10, words=(tok.core,))
            span.key = ("person", *next(iter(people))) if len(people) == 1 else (
                "initials", tok.core)
            out.append(span)
    return out


# --------------------------------------------------------------------------- anonymise


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
    """Replace what identifies a person in ``text``; see the module docstring for the rules.

    :param text: the case text.
    :param key: a secret for this case: the date shift derives from it, so the same text and
        key always give the same output. Without a key (and without ``date_shift_days``) the
        shift is drawn at random for each call; placeholders are numbered by first appearance
        either way.
    :param date_shift_days: the number of days to move every date (overrides ``key``).
    """
    shift = date_shift_days if date_shift_days is not None else _shift_from_key(key)
    protected = _Mask(len(text))
    for start, end in _protected(text):
        protected.add(start, end)

    taken = _Mask(len(text))
    accepted: list[_Span] = []
    _accept(_emails(text) + _nhs_numbers(text) + _ni_numbers(text) + _phones(text)
            + _dates(text, shift) + _postcodes(text) + _references(text), taken, accepted)
    _accept(_institutions(text, protected) + _addresses(text, protected), taken, accepted)
    _accept(_stem_repeats(text, accepted, taken), taken, accepted)

    blocked = _Mask(len(text))
    blocked.taken = bytearray(a | b for a, b in zip(taken.taken, protected.taken))
    toks = _tokens(text)
    names: list[_Span] = []
    _accept(_title_names(text, toks, taken) + _name_runs(text, toks, blocked), taken, names)
    _accept(_name_repeats(text, toks, names, taken), taken, names)
    _resolve_names(names)
    accepted += names
    return _build(text, accepted, shift)


def _build(text: str, spans: list[_Span], shift: int) -> Result:
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
            value = f"[{_LABELS[s.kind]} {seen[key]}]"
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


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class Label:
    """A labelled span of a corpus text: an identifier of ``kind``, or ``keep`` for words of
    practice that must come through unchanged."""

    kind: str
    start: int
    end: int
    text: str


_LABEL_RE = re.compile(r"\[\[(?P<kind>[a-z_]+):(?P<text>.*?)\]\]", re.DOTALL)


def parse_labelled(marked: str) -> tuple[str, list[Label]]:
    """Turn inline-labelled text into the plain text and its labels.

    ``[[name:Jane Wilkinson]]`` marks an identifier of a kind in ``KINDS``; ``[[keep:IRO]]`` marks
    words that must stay. Lines starting ``%%`` are comments and dropped.

    >>> parse_labelled("%% a note\\nMrs [[name:Wilkinson]] met the [[keep:IRO]].")
    ('Mrs Wilkinson met the IRO.', [Label(kind='name', start=4, end=13, text='Wilkinson'), \
Label(kind='keep', start=22, end=25, text='IRO')])
    """
    body = "".join(line for line in marked.splitlines(keepends=True)
                   if not line.startswith("%%"))
    plain, labels, pos = [], [], 0
    length = 0
    for m in _LABEL_RE.finditer(body):
        kind = m.group("kind")
        if kind not in KINDS and kind != "keep":
            raise ValueError(f"unknown label kind {kind!r} in {m.group(0)!r}")
        plain.append(body[pos:m.start()])
        length += m.start() - pos
        labels.append(Label(kind, length, length + len(m.group("text")), m.group("text")))
        plain.append(m.group("text"))
        length += len(m.group("text"))
        pos = m.end()
    plain.append(body[pos:])
    return "".join(plain), labels


def evaluate(marked_texts: Iterable[str], key: str = "evaluation") -> dict:
    """Recall and precision per kind over inline-labelled texts (see :func:`parse_labelled`).

    An identifier counts as found when every letter and digit of it was replaced (by any kind);
    ``kind_agrees`` counts those whose replacement had the labelled kind. A replacement counts
    as correct when it overlaps a labelled identifier. ``kept_broken`` lists practice words
    that were changed.
    """
    stats = {k: {"labelled": 0, "found": 0, "kind_agrees": 0, "predicted": 0, "correct": 0}
             for k in KINDS}
    misses, false_positives, kept_broken = [], [], []
    for number, marked in enumerate(marked_texts):
        plain, labels = parse_labelled(marked)
        result = anonymise(plain, key=key)
        covered = bytearray(len(plain))
        kind_at: dict[int, set] = defaultdict(set)
        for r in result.replacements:
            covered[r.start:r.end] = b"\x01" * (r.end - r.start)
            for i in range(r.start, r.end):
                kind_at[i].add(r.kind)
        identifiers = [lab for lab in labels if lab.kind != "keep"]
        for lab in labels:
            chars = [i for i in range(lab.start, lab.end) if plain[i].isalnum()]
            if lab.kind == "keep":
                if any(covered[i] for i in range(lab.start, lab.end)):
                    kept_broken.append((number, lab.text))
                continue
            s = stats[lab.kind]
            s["labelled"] += 1
            if all(covered[i] for i in chars):
                s["found"] += 1
                if any(lab.kind in kind_at[i] for i in chars):
                    s["kind_agrees"] += 1
            else:
                misses.append((number, lab.kind, lab.text))
        for r in result.replacements:
            s = stats[r.kind]
            s["predicted"] += 1
            if any(lab.start < r.end and r.start < lab.end for lab in identifiers):
                s["correct"] += 1
            else:
                false_positives.append((number, r.kind, r.original))
    for s in stats.values():
        s["recall"] = s["found"] / s["labelled"] if s["labelled"] else None
        s["precision"] = s["correct"] / s["predicted"] if s["predicted"] else None
    return {"kinds": stats, "misses": misses, "false_positives": false_positives,
            "kept_broken": kept_broken}
