"""People's names, initials and nicknames the anonymiser must remove, and the words of practice,
tables and logs it must leave alone, tested by category with invented sentences (held-out-8
and held-out-9 found the categories; none of their sentences or names are used here).

All people, places and numbers are fictional.
"""
from __future__ import annotations

import pytest

from auditlib.anonymise import anonymise


def found(text: str) -> dict[str, str]:
    return {r.original: r.kind for r in anonymise(text, key="test").replacements}


def placeholders(text: str) -> dict[str, str]:
    return {r.original: r.replacement for r in anonymise(text, key="test").replacements}


# ---------------------------------------------------------------- staff initials

@pytest.mark.parametrize(("text", "initials"), [
    # every part of a double-barrelled surname gives its initial
    ("Allocated worker: Efua Danquah-Boateng (EDB). EDB rang school.", "EDB"),
    ("Strategy meeting for Lorcan Fitz-Hughes on Monday. LFH agreed to attend.", "LFH"),
    # a dotted initial before a double-barrelled surname
    ("Signed: T. Ashworth-Lyle\nActions | TAL | by Friday", "TAL"),
])
def test_initials_of_a_named_person_with_a_double_barrelled_surname(text, initials):
    result = placeholders(text)
    assert initials in result, result
    named = next(o for o in result if o != initials and len(o) > 3)
    assert result[initials] == result[named]


@pytest.mark.parametrize("verb", ["noticed", "used", "wondered", "realised", "decided"])
def test_a_bare_initial_for_a_named_worker_with_a_verb_of_reflection(verb):
    text = f"Supervisee: Tamsin (SW).\nT {verb} the plan was drifting."
    result = placeholders(text)
    assert result.get("T") == result["Tamsin"]


@pytest.mark.parametrize("text", [
    "Tamsin Gale visited. Plan B seemed better to everyone.",
    "Tamsin Gale visited. Bins behind block T. Tenant says it floods.",
    "Tamsin Gale visited. Section T covers the contact arrangements.",
])
def test_a_letter_naming_a_part_or_a_plan_is_no_initial(text):
    result = found(text)
    assert set(result) == {"Tamsin Gale"}, result


@pytest.mark.parametrize(("text", "kept"), [
    ("21:10  FC says the boy is settled. FC rang back at 22:00.", "FC"),
    ("He wants to stay at MGM's. MGM rang and agreed to have him.", "MGM"),
    ("Rang RM at the home to update. RM confirmed the bed.", "RM"),
    ("No answer x2, VM left for dad.", "VM"),
    ("PGF collected her; PGF said she was quiet.", "PGF"),
])
def test_carers_relatives_and_log_shorthand_are_no_initials(text, kept):
    assert kept not in found(text), found(text)


def test_staff_initials_are_still_removed_beside_role_abbreviations():
    result = found("22:40  FC rang. Logged by TW. Advised by JKL to call back.")
    assert result.get("TW") == "name" and result.get("JKL") == "name"
    assert "FC" not in result


def test_a_practice_acronym_written_with_small_letters_is_no_name():
    result = found(" Update SoS map with dad        | TW   | 4/11\nShe is on a CiN plan.")
    assert not any(o in ("SoS", "Update SoS", "CiN") for o in result), result


# ---------------------------------------------------------------- names with particles

@pytest.mark.parametrize(("text", "name"), [
    ("The IRO, Marloes van der Kolk, chaired.", "Marloes van der Kolk"),
    ("Guardian Pieter van den Heuvel attended.", "Pieter van den Heuvel"),
    ("Her aunt Ana de la Fuente phoned.", "Ana de la Fuente"),
    ("Joaquim dos Reis is the interpreter.", "Joaquim dos Reis"),
    ("Health visitor Siobhán Nic an tSionnaigh called.", "Siobhán Nic an tSionnaigh"),
    ("His uncle Colm Mac an Bhaird rang.", "Colm Mac an Bhaird"),
    ("Dad, Cathal Ó hAodha, attended.", "Cathal Ó hAodha"),
    ("Nurse Máire Ní Dhonnchadha saw him.", "Máire Ní Dhonnchadha"),
    ("Grandfather Emrys ap Hywel lives nearby.", "Emrys ap Hywel"),
    ("Her tutor is Iolo ab Ifan.", "Iolo ab Ifan"),
])
def test_a_name_with_particles_goes_as_one(text, name):
    assert found(text).get(name) == "name", found(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Mr van der Kolk phoned.", "van der Kolk"),
    ("Dr de la Fuente wrote.", "de la Fuente"),
    ("We met Mrs Ó hAodha.", "Ó hAodha"),
])
def test_particles_after_a_title_go_with_the_surname(text, name):
    assert found(text).get(name) == "name", found(text)


def test_the_article_an_joins_only_an_irish_name():
    result = found("We bought Kezia an Xbox for her birthday.")
    assert result == {"Kezia": "name"}


# ---------------------------------------------------------------- given names the lists now hold

@pytest.mark.parametrize("name", [
    "tomos", "eluned", "gwenllian", "tadhg", "sadhbh", "ruairidh", "kwaku", "afua",
    "adewale", "yewande", "nkechi", "ifeanyi", "fatoumata", "grzegorz", "małgorzata",
    "raluca", "mindaugas", "dmytro", "blerta", "zsófia", "siddharth", "jasbir", "humaira",
    "mizanur", "maxamed", "nimco", "warsame",
])
def test_given_names_of_many_communities_are_known_in_lower_case_text(name):
    text = f"went round to see {name} after school. mum was ok. we had tea and talked."
    assert found(text).get(name) == "name", found(text)


@pytest.mark.parametrize("text", [
    "Nest boxes went up on the fence.",       # a name that is also a word
    "Akin to the last visit, the flat was tidy.",
])
def test_names_that_are_words_need_evidence_at_a_sentence_start(text):
    assert not found(text), found(text)


def test_a_short_name_that_is_a_word_at_a_named_place_is_a_person():
    result = found("Support network:\n- Dot at Pen-y-Garn Farm, a retired nurse.")
    assert result.get("Dot") == "name"


def test_a_name_that_is_a_word_at_christmas_is_no_person():
    assert "Hope" not in found("Hope at Christmas was all the family spoke of.")


# ---------------------------------------------------------------- nicknames

@pytest.mark.parametrize(("text", "nick", "full"), [
    ('- "Spud" = Darren Holloway, 17. Spud was seen at the park.', "Spud", "Darren Holloway"),
    ('Darren Holloway = "Spud", 17.', "Spud", "Darren Holloway"),
    ('- "Smudge" - believed to be Kyle Wetherall, 19.', "Smudge", "Kyle Wetherall"),
])
def test_a_nickname_set_against_a_full_name_shares_its_placeholder(text, nick, full):
    result = placeholders(text)
    assert result[nick] == result[full], result


@pytest.mark.parametrize("text", [
    '- "J-Money" - real name unknown, drives a grey Golf.',
    '- "J-Money" (real name not known) seen twice.',
    '- "J-Money" = ? (older male).',
])
def test_a_quoted_nickname_without_a_real_name_is_still_removed(text):
    assert found(text).get("J-Money") == "name", found(text)


@pytest.mark.parametrize("text", [
    'Glossary: "LAC" = Looked After Child.',
    'Glossary: "cuckooing" = taking over a flat.',
    'He calls him "bro" and "bruv".',
])
def test_glossaries_and_terms_of_address_are_no_nicknames(text):
    assert not found(text), found(text)


# ---------------------------------------------------------------- over-redaction: tables, logs

@pytest.mark.parametrize("text", [
    "Stage 2 | Alternate Sundays 11.00-16.00 | at the contact centre",
    "All stages | Video call on Tuesdays",
    " Item          Weekly   Net monthly",
    "06:45  Quiet. Nothing to report.",
    "3.2 Maternal aunt to be assessed.",
    "He moved there in March. Sleepover stays ended after that.",
    "Caravan was parked behind the farmhouse.",
])
def test_an_everyday_word_opening_a_cell_a_log_line_or_a_sentence_stays(text):
    result = found(text)
    assert not any(k == "name" for k in result.values()), result


@pytest.mark.parametrize(("text", "name"), [
    ("Stage 2 | Kezia agreed the plan | at home", "Kezia"),
    ("06:45  Orrin woke early.", "Orrin"),
    ("3.2 Hope is happy at school.", "Hope"),
    ("Worker    Tamsin Gale    Team Manager", "Tamsin Gale"),
])
def test_a_name_opening_a_cell_or_a_log_line_is_still_removed(text, name):
    assert found(text).get(name) == "name", found(text)


def test_a_later_word_of_a_place_taken_for_a_name_is_no_name_opening_a_sentence():
    text = ("They stayed at Brackenby Caravan Park. Caravan sites nearby were checked.\n"
            "BY HAND AND FIRST CLASS POST\nShe lives at The Old Post Office.")
    result = found(text)
    assert "Caravan" not in result and "POST" not in result, result


def test_a_word_of_a_name_recurs_at_a_sentence_start_with_a_verb():
    result = placeholders("Mum is Faye Steel. Steel said the flat was cold.")
    assert result.get("Steel") == result["Faye Steel"]


# ---------------------------------------------------------------- over-redaction: words of practice

@pytest.mark.parametrize("term", [
    "Talking Mats", "Zones of Regulation", "Preparing for Adulthood", "Elklan",
    "Child Abduction Warning Notice", "Op Makesafe", "Connected Persons", "Active Offer",
    "Safe and Well visit", "Avon & Somerset", "Devon and Cornwall", "Bà Ngoại",
])
def test_programmes_notices_and_family_words_stay(term):
    text = f"The plan mentions {term} again, as agreed with Kezia Mbatha."
    result = found(text)
    assert term in anonymise(text, key="test").text, result
    assert set(result) == {"Kezia Mbatha"}, result


@pytest.mark.parametrize("text", [
    "His brother went to Australia for work and plays with Lego.",
    "Mid & West Wales Fire fitted a smoke alarm; a Calor heater was removed.",
    "Covered by Op Nightjar this month.",
])
def test_countries_brands_services_and_shorthand_stay(text):
    result = found(text)
    assert not any(o in ("Australia", "Lego", "Fire", "Calor", "Op") for o in result), result


def test_a_region_named_alone_is_still_removed():
    assert "Somerset" in found("She moved to Somerset in the spring.")


# ---------------------------------------------------------------- held-out-10/11 categories
# (invented sentences and names; none of those corpora's)

def test_initials_set_in_brackets_after_a_name_are_that_person_everywhere():
    text = ("Residents: Oisin (OK, 14), Bethan (BL, 15), Tolu (TM, 12)\n"
            "04/03/24 | TM | Absent from school.\nBL's bedroom door is broken. Agree a plan "
            "with OK's keyworker and review TM's diet.")
    result = placeholders(text)
    assert result["Tolu"] == result["TM"] and result["Bethan"] == result["BL"], result
    assert anonymise(text, key="test").text.count("TM") == 0
    # without a name before them, a practice acronym in brackets stays
    assert "TM" not in found("Signed: Ruth Akers (TM). The TM agreed.")


@pytest.mark.parametrize(("text", "dotted", "person"), [
    ("Parents: Ebony Walcott and Dayo Fashola.\nViews: E.W. \"I want him home.\"",
     "E.W.", "Ebony Walcott"),
    ("Parents: Ebony Walcott and Dayo Fashola.\nD. F. said he would do the course.",
     "D. F.", "Dayo Fashola"),
])
def test_dotted_initials_of_a_named_person(text, dotted, person):
    result = placeholders(text)
    assert result.get(dotted) == result[person], result


def test_dotted_initials_of_a_time_stay():
    text = "Parents: Pamela Morley and Kofi Adu. Contact starts at 3 P.M. on Fridays."
    assert "P.M." not in found(text)


def test_dotted_initials_alone_in_brackets_are_a_person_and_so_is_their_bare_form():
    text = ("Offence: theft from a boy aged 15 (J.K.), at the park.\n"
            "The VLO spoke to JK's dad. Moved from the U.K. (U.K.) in 2019.")
    result = placeholders(text)
    assert result.get("J.K.") == result.get("JK"), result
    assert "U.K." not in result and "VLO" not in result, result


@pytest.mark.parametrize(("text", "letter"), [
    ("Children: Sumaiya Akter and Imran Akter. S's tablet is shared, I's is broken.", "S"),
    ("Zainab Hussain (12) joined. Z's reading log is up to date.", "Z"),
])
def test_a_single_initial_with_a_possessive_is_the_named_child(text, letter):
    assert letter in found(text)


@pytest.mark.parametrize("text", [
    "Child: Hana Desta - F, dob 02.03.2013",
    "Brother: Mesfin Desta (M, aged 9)",
])
def test_a_sex_marker_is_no_initial(text):
    result = found(text)
    assert "F" not in result and "M" not in result, result


def test_a_chat_in_lower_case_with_capitalised_speaker_tags():
    text = ("19:02  Kaz: u comin out\n19:03  Me: cant\n19:05  Kaz: tell miss adeyemi ur sick\n"
            "19:06  Me: ok\n19:08  Kaz: jodie ur so boring\n19:09  Me: lol fine\n")
    result = found(text)
    assert "adeyemi" in result and "jodie" in result, result


@pytest.mark.parametrize("nick", ["Wiz", "Tiny"])
def test_a_quoted_nickname_said_to_be_unknown(nick):
    text = f'Police were told about "{nick}" not identified as yet. "LAC" not known.'
    result = found(text)
    assert nick in result and "LAC" not in result, result


def test_a_nickname_after_a_family_word_leaves_the_family_word():
    result = found("The children call her Nana Peggy.")
    assert "Peggy" in result and not any("Nana" in o for o in result), result


@pytest.mark.parametrize(("text", "name"), [
    ("Children: Nana Yaa Owusu (3) and Kwame Owusu.\nNana cried at drop-off.", "Nana Yaa Owusu"),
    ("At the park Nana Kofi ran ahead.", "Nana Kofi"),
])
def test_nana_before_an_akan_day_name_is_part_of_the_name(text, name):
    result = found(text)
    assert name in result, result
    if "cried" in text:
        assert "Nana" in result, result


@pytest.mark.parametrize("text", [
    "Mum came with her own mother, Nana Brenda Cole.",
    "Nana Brenda will have them at weekends.",
    "Children: Nana Yaa Owusu (3). They visit her Nana on Sundays.",
])
def test_nana_the_grandmother_stays(text):
    assert "Nana" in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "name"), [
    ("- Night Care Worker (bank): Hope Marsh", "Hope Marsh"),
    ("Nurse (agency): Ellis Summer", "Ellis Summer"),
])
def test_a_role_qualified_in_brackets_before_a_name(text, name):
    assert name in found(text)


@pytest.mark.parametrize(("text", "term"), [
    ("Signed: D. Okoro, BA (Hons), PGDip SW, MSc", "Hons"),
    ("Report by Gail Rooney, Director / Lead Assessor", "Director"),
    ("Both carers did Paediatric First Aid in June.", "Aid"),
    ("A Team Teach hold was used for two minutes.", "Teach"),
    ("Sent to the Registered Manager and Responsible Individual.", "Individual"),
    ("The Children's Homes (England) Regulations 2015 require a visit.", "Homes"),
    ("Under Working Together to Safeguard Children 2023 the authority must act.", "Together"),
    ("We used the Parent Assessment Manual Software (PAMS) for this.", "Software"),
    ("Tutor via Oak National Academy; Madrassah on weekdays; Bangla classes.", "Madrassah"),
    ("They have an old Labrador and two Collies.", "Labrador"),
    ("Prior schools: Hillview (Rec-Y2), then moved.", "Rec-Y"),
    ("Deregistration letter not received by school.", "Deregistration"),
    ("Supervised contact via Letterbox each spring.", "Letterbox"),
    ("The EHE officer and EAL teacher met the RSW and the VLO.", "EHE"),
    ("Located by GMP at the bus station.", "GMP"),
    ("Her Honour Judge Ruth Penhale made the order.", "Honour"),
])
def test_roles_qualifications_titles_and_tools_stay(text, term):
    result = found(text)
    assert not any(term in o for o in result), result


def test_a_name_beside_a_titled_term_still_goes():
    result = found("Team Teach trainer Lantern Quigley visited; The Shamrock Bar; at The Hideout.")
    assert "Lantern Quigley" in result, result
    assert any("Shamrock" in o for o in result) and any("Hideout" in o for o in result), result


@pytest.mark.parametrize("text", [
    "1) Criminal damage to a fence.\n2) Assault by beating.",
    "c) Arson - reckless, a bin.",
    "5. References (3-yearly, received this year)",
    "Contract agreed + signed by all.",
    "Emojis described in brackets.",
    "The black Golf was seen again; a silver Astra too.",
    "They have two dogs called Biscuit and Pepper and a cat named Smudge.",
])
def test_everyday_words_things_and_pets_are_no_names(text):
    assert found(text) == {}, found(text)


@pytest.mark.parametrize(("text", "name"), [
    ("1) Kezia Mbatha was seen at home.", "Kezia Mbatha"),
    ("Sioned agreed + signed the plan.", "Sioned"),
    ("Kai (7) and Mia (8) were seen.", "Mia"),
    ("Her brother is called Jaxon.", "Jaxon"),
])
def test_names_in_the_same_shapes_still_go(text, name):
    assert name in found(text)


def test_a_heading_of_english_words_in_capitals_is_no_address():
    text = "Fostering Service\nANNUAL REVIEW OF KINSHIP CARERS\nHOLLYBANK LODGE\n"
    result = found(text)
    assert not any("REVIEW" in o for o in result) and "HOLLYBANK LODGE" in result, result


# ---------------------------------------------------------------- records in capitals

@pytest.mark.parametrize(("text", "name"), [
    # surname first with a comma and one to three given names, all in capitals
    ("SUBJECT - OYELOWO-HART, TEMI ADUKE DOB 02/03/1990", "OYELOWO-HART, TEMI ADUKE"),
    ("WITNESS - PRZYBYLSKI, ZDZISLAW DOB 11/11/1971", "PRZYBYLSKI, ZDZISLAW"),
    # a title before more than one word of a name; a rank and collar number before one
    ("REPORTED BY MR FEROZ HAKIMI AT 21:00.", "FEROZ HAKIMI"),
    ("ARRESTED BY PC 5521 ADEYEMI ON SCENE.", "ADEYEMI"),
    # an initial before a surname
    ("OFFICER IN CASE: PC K BRIMACOMBE", "K BRIMACOMBE"),
])
def test_names_in_a_police_record_in_capitals(text, name):
    assert name in found(text), found(text)


def test_a_surname_first_in_capitals_recurs_alone():
    text = ("SUSPECT - TEMPLEMAN, ORRIN DOB 01/01/1990\n"
            "VEHICLE KEEPER TEMPLEMAN. STOPPED AT 02:00.")
    result = placeholders(text)
    assert result.get("TEMPLEMAN") == result["TEMPLEMAN, ORRIN"], result


@pytest.mark.parametrize(("text", "kept"), [
    ("LOCATION: KITCHEN, LIVING ROOM", "LIVING ROOM"),
    ("RISK LEVEL: HIGH, MEDIUM OR STANDARD", "MEDIUM"),
    ("ARRESTED FOR ASSAULT (S.39) AND DRINK DRIVE AT 01:10.", "DRINK DRIVE"),
    ("VICTIM ADVISED TO GO TO A REFUGE.", "GO"),
    ("SEE SECTION B KOWALSKI STATEMENT", "SECTION B"),
])
def test_words_of_a_record_in_capitals_stay(text, kept):
    assert not any(kept in o or o in kept for o in found(text) if len(o) > 1), found(text)


# ---------------------------------------------------------------- short forms and initials

@pytest.mark.parametrize(("text", "short", "full"), [
    ("Mr Tolleson (TOLLERS to the class) coaches the team.", "TOLLERS", "Tolleson"),
    ('Dad Jonathan Reese visited. ("Jonno made pancakes")', "Jonno", "Jonathan Reese"),
    ("Mum's partner Lachie Byrne-Ngata stays over. Lachie said Benedikt (Benno to us) "
     "was ill.", "Benno", "Benedikt"),
])
def test_a_playful_short_form_is_its_persons(text, short, full):
    result = placeholders(text)
    assert result.get(short) == result[full], result


@pytest.mark.parametrize(("text", "initials", "full"), [
    ("I like Mrs Ashby-Greene (Mrs A-G) because she is kind.", "A-G", "Ashby-Greene"),
    ("From: Niamh O'Donnell (SW)\nThanks, NO'D", "NO'D", "Niamh O'Donnell"),
])
def test_initials_with_a_hyphen_or_an_apostrophe(text, initials, full):
    result = placeholders(text)
    assert result.get(initials) == result[full], result


@pytest.mark.parametrize(("text", "name"), [
    ("HV Nuala Good visited; no concerns.", "Nuala Good"),
    ("Social worker Imogen Strong rang.", "Imogen Strong"),
    ("Child: Grace (age 6)\nGrace asleep by 8, no fuss.", "Grace"),
    ("Placed: Will (age 4)\nWill up at 6 and grumpy.", "Will"),
])
def test_a_given_name_or_surname_that_is_a_word_with_evidence(text, name):
    result = anonymise(text, key="test").text
    assert not any(word in result for word in name.split()), result


@pytest.mark.parametrize(("text", "kept"), [
    ("Mum Tracy Monday was late.", "Monday"),
    ("SW Dionne Carer rang.", "Carer"),
    ("Will be reviewed at the next meeting.", "Will"),
    ("May well be late.", "May"),
])
def test_words_beside_names_that_stay(text, kept):
    result = anonymise(text, key="test").text
    assert kept in result, result


# ---------------------------------------------------------------- practice words that stay

@pytest.mark.parametrize(("text", "term"), [
    ("Checked against Keeping Children Safe in Education Part Four.", "Safe"),
    ("Assessed with the My World Triangle and the Resilience Matrix.", "Triangle"),
    ("Referred to the Caledonian programme for his behaviour.", "Caledonian"),
    ("They are children in need under Article 17 of the Order.", "Article"),
    ("Gran takes them to Mass on Sundays.", "Mass"),
    ("Prospective Adopter's Report approved.", "Adopter"),
    ("Bloods to exclude von Willebrand; query Perthes.", "Willebrand"),
    ("Meeting with the ALNCo on Friday.", "ALNCo"),
    ("Mother rang the CWO on the Sunday.", "CWO"),
    ("| Consult DSLs at both schools | LADO |", "DSLs"),
    ("Venue: Town Hall, Rm 4.02.", "Rm"),
    ("Sees dad Thurs-Sat every other week.", "Thurs-Sat"),
    (" - Paid work at the weekend.\n - Unpaid care at home.", "Paid"),
    ("Coach for the Under-10 Greens, Sundays.", "Greens"),
    ("Attendance confirmed. Apologies noted.", "Attendance"),
    ("They watched Ponyo and had popcorn.", "Ponyo"),
    ("We have a hamster called Nugget and a cat called Mr Biscuits. Nugget escaped.",
     "Nugget"),
    ("We have a hamster called Nugget and a cat called Mr Biscuits.", "Biscuits"),
])
def test_guidance_conditions_films_pets_and_roles_stay(text, term):
    result = found(text)
    assert not any(term in o for o in result), result


@pytest.mark.parametrize(("text", "name"), [
    # the same shapes with a person in them still go
    ("They watched Tyler play football.", "Tyler"),
    ("Sioned confirmed.", "Sioned"),
    ("Spoke to Mr Banks about the Greens.", "Banks"),
    ("The dog is called Rolo. Kezia Mbatha walked him.", "Kezia Mbatha"),
    ("Mother rang Tanisha Cole on the Sunday.", "Tanisha Cole"),
])
def test_people_in_the_same_shapes_still_go(text, name):
    assert name in found(text), found(text)


# held-out-14 and held-out-15 found these categories; the sentences and names are new
@pytest.mark.parametrize("text,stays", [
    # a letter the text defines as a parent's role, and its pair
    ("Baby of: Kerry-Ann Voss (M)\nFather (F): Dale Mercer\nM says the bus is late; F was at work.",
     "M says"),
    ("Mother (M): Ola Brandt. Later M said the flat is cold.", "M said"),
    ("Evie Moss was seen at A&E, Telford.", "A&E"),
    # tools, benefits, notices, escalation routes, festivals, family words, speech
    ("Scored 15 on the Edinburgh Postnatal Depression Scale at booking.",
     "Edinburgh Postnatal Depression Scale"),
    ("Mo uses his Eye Gaze device at lunch.", "Eye Gaze"),
    ("Nan gets Pension Credit and Attendance Allowance.", "Pension Credit"),
    ("A Fixed Penalty Notice was issued.", "Fixed Penalty Notice"),
    ("The IRO raised a Dispute Resolution Process on the delay.", "Dispute Resolution Process"),
    ("The family went out for Tết.", "Tết"),
    ("He wants to visit Pradziadek and his Tata in Gdańsk.", "Tata"),
    ("We called her Seanair's wife Seanmhair.", "Seanmhair"),
    ('He said "Sorry, sorry" and left.', "Sorry"),
    # headings and topics, a role's task, a law's numbered part
    ("10:44 SW: Transport – I'll collect them.", "Transport"),
    ("- Window - mum says the landlord will pay.", "Window"),
    ("Actions:\n3. SW – confirm with mum re interpreter.", "confirm"),
    ("Allowance paid under (Reg 24) this month.", "Reg 24"),
    # brands worn or bought, books and songs by title, a people within a nation
    ("Seen in grey Adidas on the bridge.", "Adidas"),
    ("We had chips and a Vimto after.", "Vimto"),
    ('She brought the picture book "Kot Psotek" for him.', "Kot Psotek"),
    ("I used to sing you Jerusalem at night.", "Jerusalem"),
    ("Dad is Nigerian (Yoruba) and speaks it at home.", "Yoruba"),
])
def test_roles_tools_brands_and_words_of_other_languages_stay(text, stays):
    assert stays in anonymise(text, key="test").text


@pytest.mark.parametrize("text,name", [
    ('Car linked to "Spoons" (see 3).\n- "Spoons" believed to be Darnell Okafor-Reid, 21.',
     "Spoons"),
    ('She named Tayla and "Moth" (nickname) as the girls.', "Moth"),
    ("Auditor: J. van der Berg", "J. van der Berg"),
    ("Previous TM Calum Mac an t-Sagairt signed it off.", "Calum Mac an t-Sagairt"),
    # counter-examples: people still go in the same shapes
    ("Mia Fenton and Kai came. M said hi.", "M"),
    ('She said "Kayden hit me" and "Brook said no".', "Brook"),
    ('Jaden told me "Gaz lets me drive".', "Gaz"),
    ("Reg Smith came with Art, who said no.", "Reg Smith"),
    ("We sat with a Jayden from school.", "Jayden"),
    ("Dad Brian (Bri) came.", "Bri"),
    ("- Corran - mum says no.", "Corran"),
    ("notes:\n3. sw – confirm with mum re interpreter.\nsw – jazmyn said hi", "jazmyn"),
])
def test_nicknames_particles_and_people_beside_those_words_go(text, name):
    assert name in found(text), found(text)
