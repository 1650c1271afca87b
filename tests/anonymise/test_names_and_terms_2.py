"""People's names, initials and nicknames the anonymiser must remove, and the words it must
leave readable (Welsh headings and words, note shorthand, practice acronyms, brands, family
words), tested by category with invented sentences (held-out-16 to held-out-19 found the
categories; none of their sentences or names are used here).

All people, places and numbers are fictional.
"""
from __future__ import annotations

import pytest

from auditlib.anonymise import anonymise


def found(text: str) -> dict[str, str]:
    return {r.original: r.kind for r in anonymise(text, key="test").replacements}


def placeholders(text: str) -> dict[str, str]:
    return {r.original: r.replacement for r in anonymise(text, key="test").replacements}


# ---------------------------------------------------------------- families listed in a record

def test_a_family_listed_by_its_surname_in_capitals_and_the_childrens_initials():
    text = ("Supervision notes\n"
            "1. OKONJI - KO (11), PO (6). CIN.\n"
            "Disc'd: KO attendance 80%. PO settled at nursery.\n"
            "2. BRENNAN - AB (15). CP.\n"
            "AB missing twice, located each time.\n"
            "ACTIONS - review in 6 weeks.")
    result = placeholders(text)
    for original in ("OKONJI", "KO", "PO", "BRENNAN"):
        assert original in result, result
    assert "ACTIONS" not in result          # a heading, no family
    # "AB" spells an abbreviation too, but here it is a child of the family listed
    assert [r.original for r in anonymise(text, key="t").replacements].count("AB") == 2


# ---------------------------------------------------------------- initials and single letters

@pytest.mark.parametrize(("text", "initial"), [
    ("Jenna Foulkes (9) placed Friday. Slept well. J binned the letter.", "J"),
    ("Rahim Dhillon, 17, wants a flat. Supported lodgings not wanted by R.", "R"),
])
def test_a_single_initial_for_a_named_young_person(text, initial):
    assert initial in found(text)


@pytest.mark.parametrize("text", [
    "Dr Vance: bruise to R forearm, 2cm. Rafe Collins (6) seen.",
    "Targets R1 and R2 met. Rafe Collins (6) pleased.",
])
def test_left_and_right_and_numbered_targets_are_no_initials(text):
    assert "R" not in found(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Friends listed:\n- Nia O - not seen since June", "Nia O"),
    ("Also spoke with Darcey O and her mum.", "Darcey O"),
])
def test_a_given_name_with_one_initial_after_it(text, name):
    assert name in found(text)


def test_dotted_initials_called_initials():
    text = "A girl (14, initials R.T.) reported it. R.T. later withdrew the account."
    assert [r.original for r in anonymise(text, key="t").replacements].count("R.T.") == 2


def test_the_name_an_account_is_in():
    assert "JK B" in found('Booking found under account name "JK B", paid cash.')


def test_a_workers_initials_that_spell_an_acronym_used_as_a_person():
    text = ("Staff on shift: Lorna Mbeki (lead), Priya Adeyinka\n"
            "A lad showed PA a video - PA thinks the car was blue. The PA role is vacant.")
    result = [r.original for r in anonymise(text, key="t").replacements]
    assert result.count("PA") == 2, result


def test_an_acronym_in_brackets_after_a_name_is_a_role_not_initials():
    text = "Present: Sian Ravel (SW), Tom Hale (IRO)\nSW to book the review."
    assert "SW" not in found(text)


# ---------------------------------------------------------------- nicknames and names as words

def test_a_nickname_written_before_the_full_name_in_brackets():
    text = "Met them at 7. Chips (Chipo Banda, 15) was chatty. I worry re Chips - new phone."
    result = placeholders(text)
    assert "Chips" in result and result["Chips"] == result["Chipo Banda"]
    assert [r.original for r in anonymise(text, key="t").replacements].count("Chips") == 2


def test_a_name_given_with_the_handle_that_spells_it():
    assert "Cherish" in found('Boy mentioned: "Cherish", @cherishh.k, older girl.')


@pytest.mark.parametrize(("text", "surname"), [
    ("Grandmother Nora Keane (née Bishop) attended.", "Bishop"),
    ("Solicitor for dad: Crane & Co (Mr Andrei Romanian).", "Andrei Romanian"),
])
def test_a_surname_that_is_a_word_after_nee_or_a_title_and_given_name(text, surname):
    assert surname in found(text)


@pytest.mark.parametrize("text", [
    "Visit done. Told Callum the plan was changing.",
    "Home visit. Says Kirsty has moved out.",
    "Hiya Tegan,\nthanks for the update.",
])
def test_a_verb_or_greeting_opening_a_sentence_is_no_part_of_the_name(text):
    originals = found(text)
    assert not any(o.split()[0] in ("Told", "Says", "Hiya") for o in originals), originals


# ---------------------------------------------------------------- words that must stay

@pytest.mark.parametrize("text", [
    "Dyddiad / Date: 3 Mawrth\nCroeso / Welcome: the chair opened the meeting.",
    "Camau gweithredu / Actions\nCyfarfod nesaf / Next meeting: to be arranged.",
    "Llofnod / Signed: Gweithiwr Cymdeithasol\nRheolwr Tîm / Team Manager",
    "3. PWY FYDD YN GWNEUD BETH / WHO WILL DO WHAT\n4. CEFNDIR / BACKGROUND",
    "Canlyniad 2 - Iechyd / Health. Amser teulu weekly.",
    "He loves Ysgol and reads in Cymraeg. Diolch i bawb.",
])
def test_welsh_headings_and_words_are_kept(text):
    assert not [o for o, kind in found(text).items() if kind == "name"], found(text)
    # a venue named in Welsh still goes whole, its Welsh words with it
    assert "Canolfan Lles Plant Trefelwyn" in found(
        text + "\nSessions at Canolfan Lles Plant Trefelwyn on Mondays.")


@pytest.mark.parametrize("text", [
    "Didnt want tea. Girl said nothing more about it.",
    "Messaged her on Snap last night.",
    "He is Deaf and uses BSL; Physio - 12th May.",
    "Rang EDT at 23:10. TSO visited re rent. HTT daily visits. HoY informed.",
    "Went for Maccies with friends.",
])
def test_shorthand_and_practice_words_in_notes_are_kept(text):
    assert not [o for o, kind in found(text).items() if kind == "name"], found(text)


@pytest.mark.parametrize(("text", "term"), [
    ("She had a Paw Patrol lunchbox.", "Paw Patrol"),
    ("Nurse to use the Brook Traffic Light Tool next week.", "Brook Traffic Light Tool"),
    ("Two cans of Dark Fruits found in his bag.", "Dark Fruits"),
    ("Appropriate adult from the Refugee Council attended.", "Refugee Council"),
    ("Religion: Orthodox Christian", "Orthodox Christian"),
    ("The children call their grandfather Daddo.", "Daddo"),
    ("They speak Gammon (Cant) at home.", "Gammon"),
    ("Assessment completed (Merton compliant).", "Merton"),
])
def test_brands_programmes_faiths_and_family_words_are_kept(text, term):
    assert not any(term in o or o in term for o in found(text)), found(text)


# ------------------------------------------ held-out-20/21 categories (own sentences, names)

@pytest.mark.parametrize(("text", "gone"), [
    # a staffing list: a first name with the initials the log then uses
    ("On shift: Rob (RT) - waking night, Bryony (BK) - sleep-in\n"
     "23:40  RT + BK used de-escalation. RT rang on-call.", ["Rob", "RT", "BK"]),
    # young people listed by their initials after a label of people
    ("Young people in tonight: TF, SN (one bed empty)\n"
     "21:10  TF threw a mug. SN light on, could not sleep.", ["TF", "SN"]),
    # a name with its nickname quoted in brackets after it
    ('She has been texting Morgan ("MB") again, the adult male in her plan.\n'
     "Strategy discussion re MB.", ["Morgan", "MB"]),
])
def test_staff_and_young_people_in_a_log_by_first_names_and_initials(text, gone):
    out = anonymise(text, key="test")
    removed = [r.original for r in out.replacements]
    for word in gone:
        assert word in removed, (word, out.text)


@pytest.mark.parametrize(("text", "gone"), [
    ('PA: Lucinda Harbottle ("Cin")\n'
     "10:02 PA: Thanks for today Tamsin. I will chase the landlord about the damp. Proud of you\n"
     "10:05 YP: thx cin x\n10:06 YP: Sorry Cin I mean lol", "cin"),
    ("Carer: Kerensa Oduya (\"Kez\")\n"
     "19:55 YP: kez messaged me on fb\n19:56 YP: Kez as in my old carer\n"
     "20:10 PA: That is lovely. How do you feel about it? Let me know.", "kez"),
])
def test_a_name_seen_written_again_in_lower_case_in_messages(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("Signed: F. Grant                 Date: 14/06/2025", "Grant"),
    ("The knife was found in a hedge nearby by PC\nGrant Dunmore; he logged it.", "Grant"),
])
def test_a_surname_that_is_a_word_after_a_dotted_initial_or_a_title_on_the_line_before(text,
                                                                                       gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


@pytest.mark.parametrize(("text", "term"), [
    ("5. WELLBEING (SHANARRI)\nSafe: she feels safe at home.", "SHANARRI"),
    ("He is a practising Sunni Muslim and attends on Fridays.", "Sunni"),
    ("Her father is Shia; her mother is Sunni.", "Shia"),
    ("An advocacy referral to Coram Voice was offered.", "Coram Voice"),
    ("He lives at the Foyer; review next week at the Foyer.", "Foyer"),
    ("He took her Monzo card and her Revolut one.", "Monzo"),
    ("She banks with NatWest and Barclays.", "NatWest"),
])
def test_wellbeing_frameworks_faiths_charities_housing_and_banks_are_kept(text, term):
    assert not any(term in o or o in term for o in found(text)), found(text)


@pytest.mark.parametrize("text", [
    "Born at term, NVD, BW 3.1kg, no concerns.",
    "- Frequent UTIs; no known allergies.",
    "Chest clear.\nAbdo soft, non-tender.",
    "Seen by Dr Farida Okoye, Specialty Registrar, with mum.",
    "Anxiety reported at school may be linked to late nights.",
    "Form: 10KP. A friend from 10KP told me at lunch that Kacey Pryce was upset.",
])
def test_clinical_shorthand_acronym_plurals_form_groups_and_reported_states_are_kept(text):
    names = [o for o, kind in found(text).items() if kind == "name"]
    assert set(names) <= {"Farida Okoye", "Kacey Pryce"}, names


@pytest.mark.parametrize(("text", "gone"), [
    ("PERSONS PRESENT\nVICTIM: Marisol KOVACEVIC dob 03/02/1991 (33)", "KOVACEVIC"),
    ("SUSPECT: Brandon TILSLEY dob 22.06.1988 (36) ex-partner", "TILSLEY"),
    ("CHILD 2: Amira HADDOUCHE (6) asleep upstairs", "HADDOUCHE"),
])
def test_a_surname_in_capitals_after_a_given_name_in_a_police_list_goes(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ('Associate: Warren Blakey aka "Welsh" (age 41).\nShe said "Welsh hit me".', "Welsh"),
    ('Previous partners:\n 1. "Chunk" (surname not known to him) - 2019', "Chunk"),
])
def test_a_quoted_nickname_after_aka_or_with_no_surname_known_goes(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ('She said "my form tutor Mr K is kind".', " K "),
    ("Mother: Tamsin Avery. T. describes the flat as cold.", "T."),
    ("Toddler: Priya Avery (3). Dad sees P. as a happy child.", "P."),
])
def test_a_teachers_initial_after_a_title_and_a_named_persons_dotted_initial_go(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


def test_a_name_that_is_a_word_alone_in_a_tables_who_cell_goes():
    text = ("Faith Morrow (9) lives with her nan.\n| Action | Who | By |\n"
            "| Apply for a grant | Faith with Nan | 3 Dec |\n| Book the club | Faith | 4 Dec |")
    out = anonymise(text, key="test")
    assert "Faith" not in out.text, out.text


@pytest.mark.parametrize(("text", "term"), [
    ("Meds: Epilim 300mg BD, Buccolam 5mg as per plan, Laxido 1 sachet.", "Buccolam"),
    ("Meds: Epilim 300mg BD, Buccolam 5mg as per plan, Laxido 1 sachet.", "Laxido"),
    ("GCSEs: Eng Lit (WJEC), Maths Higher (Edexcel), BTEC Sport.", "Edexcel"),
    ("GCSEs: Eng Lit (WJEC), Maths Higher (Edexcel), BTEC Sport.", "Sport"),
    ("Guidance from the DfE says so.", "DfE"),
    ('He said "I play Brawl Stars. My name on Brawl is kz".', "Brawl"),
    ("WAIS-IV (short form: Vocab, Digit Span, Coding) - low average", "Digit Span"),
    ("Tests: Parenting Stress Index (PSI-4) - Parental Distress high", "Stress Index"),
    ("MCMI-IV showed a raised Dependent scale, Anxiety too.", "Anxiety"),
    ("Two officers attended; IP was in the kitchen and BWV was on.", "IP"),
    ("The model used was Lord and Borthwick (2008) 'Together or Apart?'.", "Borthwick"),
    ("Per Farmer et al. (2011) placement stability matters.", "Farmer"),
])
def test_medicines_exam_boards_games_tests_police_shorthand_and_cited_authors_are_kept(text,
                                                                                       term):
    assert not any(term in o or o in term for o in found(text)), found(text)


def test_two_children_with_a_year_are_no_citation():
    out = anonymise("Tayvion and Brixley (2019) moved to nan's.", key="test")
    assert "Tayvion" not in out.text and "Brixley" not in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("Young person: Tobias Wren HOLLAND   D.O.B. 12/12/2012", "HOLLAND"),
    ("Young person: Tobias Wren HOLLAND   D.O.B. 12/12/2012", "Wren"),
    ("Carer: Manjit Kaur DHALIWAL (MKD)   tel on file", "DHALIWAL"),
    ("Carer: Manjit Kaur DHALIWAL (MKD)   tel on file", "Kaur"),
    ("Stepfather, Ranjit Singh DHILLON", "DHILLON"),
    ("Pupil: Ellis BROOKS", "BROOKS"),
    ("Pupil: Ellis BROOKS, Year 5", "BROOKS"),
])
def test_given_names_then_a_surname_in_capitals_on_a_form_line_go(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


@pytest.mark.parametrize(("text", "kept"), [
    ("We told Ellis STOP twice and he did.", "STOP"),
    ("Then Ellis SAID NO to the plan.", "SAID NO"),
])
def test_a_shouted_word_after_a_given_name_in_a_sentence_stays(text, kept):
    out = anonymise(text, key="test")
    assert kept in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("Neighbour at 12, mr okonjo, complained about the noise again.", "okonjo"),
    ("Rang the tenant; mrs b answered and said she would call back.", " b "),
    ("Shop owner linked the moped to a declan farrelly (dob 02/02/2002).", "declan farrelly"),
    ("Sessions with family support worker rhiannon continue weekly.", "rhiannon"),
    ('Carers: Tess and Mark Ruddock.\n"i like it here. mark says i can have a dog"', "mark"),
])
def test_a_name_in_lower_case_in_a_text_written_with_capitals_goes(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


@pytest.mark.parametrize(("text", "kept"), [
    ('Carers: Tess and Mark Ruddock.\nPlease mark the form as seen.', "mark the form"),
    ("Nan is Jasmine Cole.\nThe jasmine was in flower by the door.", "jasmine was"),
    ("Mae hi'n hapus yn yr ysgol.", "hi'n hapus"),
    ("They said the dr said rest.", "dr said"),
])
def test_everyday_words_in_lower_case_stay_beside_those_names(text, kept):
    out = anonymise(text, key="test")
    assert kept in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("Can trev come to the meeting as well?", "trev"),
    ("Shaz rang about the bus pass.", "Shaz"),
    ("Her uncle Jonno drives her to school.", "Jonno"),
])
def test_british_short_forms_of_given_names_go(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("7. OKONJO, Tobenna | 9y | fall from bike", "OKONJO"),
    ("8. BRENNAN, Ruby-Rose | 2y | scald", "BRENNAN"),
    ("2. FENWICK baby (not yet named) | DOB 01/02/25", "FENWICK"),
    ("REVIEW - MR A LINDQVIST AND MRS B LINDQVIST", "LINDQVIST"),
    ('1. ADEYEMI, Oluwaseun ("Seun") | 15y', "Seun"),
    ("Kids on the pitch: Bonny 9 (DOB 01.01.16) and her brother.", "Bonny"),
    ('Her gran - "nanny jean" - rang twice.', "jean"),
    ("he wants to go to ruby-jo's party", "ruby-jo"),
])
def test_names_in_a_clinical_list_a_heading_and_family_words_go(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


@pytest.mark.parametrize(("text", "kept"), [
    ("Claimed DOB 01/01/2008; Estimated DOB 2009.", "Claimed DOB"),
    ("The CIN family and the LAC children were seen.", "CIN family"),
    ("nan came and uncle said no.", "uncle said"),
])
def test_words_before_a_dob_or_a_family_word_stay(text, kept):
    out = anonymise(text, key="test")
    assert kept in out.text, out.text


def test_a_contraction_after_a_name_in_lower_case_is_no_surname():
    out = anonymise("omg it was lovely, tayla didn't stop smiling and kez won't forget", key="t")
    assert "didn't stop" in out.text and "won't forget" in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("LATE (15:00-23:00)  staff on: PW / gk", "gk"),
    ("LATE (15:00-23:00)  staff on: PW / gk", "PW"),
    ("NIGHTS  waking night: BQ", "BQ"),
    ("EARLY  staff on: SH / MV", "SH"),           # a rota's "SH" is a person, not self-harm
    ("Young people here tonight: R.P. (16), K-L.D. (12), M.O'B. (14)", "K-L.D."),
    ("Young people here tonight: R.P. (16), K-L.D. (12), M.O'B. (14)", "M.O'B."),
    ('Placed together: D.F. "Dee" (13) and her brother', "D.F."),
    ("Year 2 girl P.K. came in with a cut lip.", "P.K."),
])
def test_a_rotas_staff_and_young_peoples_initials_go(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


def test_self_harm_outside_a_rota_stays():
    out = anonymise("EARLY  staff on: SH / MV\n10:00 SH risk assessment reviewed.", key="t")
    assert "SH risk assessment" in out.text, out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("Zoe Hart joined. Later Z. said she was fine.", "Z. said"),
    ("Child: Ivy BROWN. At the review I. told the nurse she sleeps well.", "I. told"),
    ("Name ......... Hope MALLORY", "Hope"),
    ("Name ......... Hope MALLORY", "MALLORY"),
    ("| Carly (mum) | Autumn (7m) | new |", "Autumn"),
    ("Twins Rain (2y) and Storm (2y) came with dad.", "Storm"),
])
def test_initials_with_a_stop_field_labels_and_short_ages(text, gone):
    out = anonymise(text, key="test")
    assert gone not in out.text, out.text


def test_i_and_a_with_a_stop_and_no_verb_stay():
    out = anonymise("I. Background\nA. Chronology\nI told the nurse.", key="t")
    assert "I. Background" in out.text and "A. Chronology" in out.text, out.text


def test_a_name_with_and_without_its_accents_is_one_person():
    out = anonymise("Name: TRẦN Minh Đức (family name first); police wrote \"DUC TRAN\". "
                    "Duc says Đức is what his mum calls him.", key="t")
    for gone in ("TRẦN", "Đức", "DUC", "TRAN", "Duc"):
        assert gone not in out.text, (gone, out.text)
    marks = {r.original: r.replacement for r in out.replacements}
    # (the name field is one name: its words later are that person)
    assert marks["Duc"] == marks["DUC"] == marks["Đức"] == marks["TRAN"] \
        == marks["TRẦN Minh Đức"], marks


@pytest.mark.parametrize("text", ["LONG Term plan agreed", "WARD Round notes typed",
                                  "TRAN Sport contract signed"])
def test_a_heading_in_capitals_is_no_surname_before_given_names(text):
    out = anonymise(text, key="t")
    assert out.text.split()[0] == text.split()[0], out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("The interpreter was Lương Thu Trang, by phone.", "Thu"),
    ("He speaks the Hải An dialect.", "An"),
])
def test_a_short_word_inside_a_name_written_with_accents_goes_with_it(text, gone):
    out = anonymise(text, key="test").text
    assert f" {gone} " not in out, out


def test_a_word_that_carries_the_sentence_on_is_no_part_of_an_accented_name():
    out = anonymise("Zoë And Mark came; José Is away.", key="test").text
    assert " And " in out and " Is away" in out, out


def test_a_young_person_listed_by_initials_and_age_is_their_first_letter_later():
    out = anonymise("Young people in: J.P. (16), K-L.D. (12)\n14:05 J back from college, calm.\n"
                    "15:30 K out with her keyworker.", key="test")
    marks = {r.original: r.replacement for r in out.replacements}
    assert marks.get("J") == marks["J.P."] and marks.get("K") == marks["K-L.D."], out.text


@pytest.mark.parametrize(("text", "gone"), [
    ("He shared a room with another lad, Rich, about 16.", "Rich"),
    ("Her friend, Sunny, 14, was there too.", "Sunny"),
])
def test_a_name_that_is_a_word_before_an_age_set_off_by_commas(text, gone):
    out = anonymise(text, key="test").text
    assert gone not in out, out


def test_a_count_after_a_comma_is_no_age():
    text = "It took Long, 15 minutes to walk; see Page 4, 15."
    assert anonymise(text, key="test").text == text


def test_a_person_a_note_calls_by_one_letter_and_its_stop():
    out = anonymise("B. came alone. Told B. I would share it; given B.'s wishes I will see B. "
                    "on Friday. Plan C. agreed. Dr B. Khan signed.", key="test").text
    assert "B." not in out.replace("Dr [", "") and "Plan C." in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("| R.W.   | 11  | S20 | ongoing |\nR has settled well at school.", "R.W."),
    ("| R.W.   | 11  | S20 | ongoing |\nR has settled well at school.", "R has"),
    ("2. P.N., female, age 10, U11s", "P.N."),
    ("- Shwan (S), 8 - at school\nS is shy and polite.", "S is"),
    ("Baby boy ADEBAYO-HUNT in cot 4", "ADEBAYO-HUNT"),
    ("Ife Akin (4). Later ife wants her mum. Mum and ife slept.", "ife"),
    ('Leo Hart (3). Dad said in a text that L "slipped in the bath".', 'L "slipped'),
])
def test_initials_letters_and_names_a_record_sets_for_a_child(text, gone):
    out = anonymise(text, key="test").text
    assert gone not in out, out


@pytest.mark.parametrize(("text", "kept"), [
    ("- Dilan (D), 9 - at home\nVitamin D given; plan D agreed.", "Vitamin D given; plan D"),
    ("| T.M. | 9 | S20 |\nClinic at 3 P.M. (2 hrs).", "3 P.M. (2 hrs)"),
    ("Told E. I'd ring; saw E. later. See section A. then annex B. then sign.",
     "section A. then annex B."),
])
def test_letters_naming_parts_and_times_stay(text, kept):
    assert kept in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "gone"), [
    ("Uncle Orville Grant will drive on Sundays.", "Grant"),
    ("Cousin Fitzroy Ward said he would help.", "Ward"),
])
def test_a_surname_that_is_a_word_after_a_given_name_the_lists_lack(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "kept"), [
    ("Appointment booked with Dr Varga. I'll take them both.", "I'll take"),
    ("I rang Mrs Odell. I'm to call back at four.", "I'm to call"),
    ("Met Sophie CARRICK at the office.", "Met "),
])
def test_a_stop_after_a_surname_ends_the_name(text, kept):
    out = anonymise(text, key="test").text
    assert kept in out and "[Name 1]" in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("Chair: DI Marcus OYELOWO, Child Abuse Investigation Team", "OYELOWO"),
    ("Met Mrs Janet PRIDDY at the door.", "PRIDDY"),
])
def test_a_surname_in_capitals_after_a_title_and_given_name(text, gone):
    assert gone not in anonymise(text, key="test").text


def test_a_chats_sender_goes_whole_with_the_role_the_phone_saved():
    chat = ("09:12 Karen EHW: Morning both, see you at ten\n"
            "09:15 Mrs P Yr5: Thank you, Karen\n"
            "09:20 Tash: ok see u then, call me tash\n")
    out = anonymise(chat, key="test").text
    assert "EHW" not in out and "Yr5" not in out and "Mrs P" not in out, out
    assert out.splitlines()[0].startswith("09:12 [Name 1]: Morning"), out
    # the same person keeps one placeholder in the messages
    assert "Thank you, [Name 1]" in out, out


def test_a_chat_message_typed_in_lower_case_is_judged_alone():
    chat = ("18:01 Mr Hale: Good evening. The trip letter is in her bag.\n"
            "18:40 Tash: thanks. bradley is my cousin he was round all day. sorry mr h\n")
    out = anonymise(chat, key="test").text
    assert "bradley" not in out and "mr h\n" not in out + "\n", out


@pytest.mark.parametrize(("text", "gone"), [
    ('"I was with zeddy and them all night. Me and zeddy got chips." Zeddy later denied it.',
     "zeddy"),
    ('"It was rhys and casey t and me at the flat," she said.', "casey t"),
    ('"Tayo said nothing. Ask ree-ree." ree-ree said she was there.', "ree-ree said"),
])
def test_nicknames_in_lower_case_in_a_young_persons_own_words(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize("text", [
    "Children play with creche workers while parents meet.",
    'He said he wants "more time with abbo" at weekends.',
    "Bruising with petechiae on the left ear.",
])
def test_unknown_words_in_a_persons_place_once_are_no_nickname(text):
    assert anonymise(text, key="test").text == text


def test_a_roles_acronym_stays_though_someones_initials_match_it():
    out = anonymise("Apologies: Dr Ann Hale (EP, report sent).\nEP: Dr Hale. Escort Mrs Erin "
                    "Pike. Grey van.", key="test").text
    assert out.count("EP") == 2 and "Pike" not in out and "Grey van" in out, out


def test_initials_alone_in_a_who_cell_are_the_person_whatever_they_spell():
    out = anonymise("Lead: Elspeth Pringle, social worker.\n| Ring school | EP | 3/3/25 |\n"
                    "Report from the EP (educational psychologist) awaited.", key="test").text
    assert "| EP |" not in out and "the EP (" in out, out


@pytest.mark.parametrize(("text", "signed"), [
    ('> "can u ring the college for me pls 🙏 T"', "T"),
    ("ok see u thurs x D", "D"),
    ("Thanks for today, cheers, W", "W"),
])
def test_the_letter_a_message_is_signed_with(text, signed):
    out = anonymise(text, key="test").text
    assert out.rstrip('"').endswith("[Name 1]"), out


@pytest.mark.parametrize("text", ["Options: plan A, B", "Grade - A", "Checked 7/10 ✓ B"])
def test_letters_ending_a_line_that_sign_nothing_stay(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "gone"), [
    ('Risk sheet. AKA: "Spanner", "TK", "Boss-man"', "TK"),
    ('A boy known to staff as "Rocket" or "Ro" was there. Rocket left.', "Ro"),
    ('A boy known to staff as "Rocket" or "Ro" was there. Rocket left.', "Rocket left"),
])
def test_every_alias_after_aka_or_known_to_someone_as(text, gone):
    out = anonymise(text, key="test").text
    assert f'"{gone}"' not in out and gone not in out.replace("Risk sheet", ""), out


@pytest.mark.parametrize(("text", "gone"), [
    ("4.2 T.B. (Tobias, 12) enjoyed the trip.", "T.B."),
    ("4.3 L-J.K. (Lily-Jo, 9) was tired. Later L-J.K. slept.\n| 3/3 | LJK | fall |", "LJK"),
    ("4.3 L-J.K. (Lily-Jo, 9) was tired. Later L-J.K. slept.", "L-J.K."),
    ("2.1 D. (Dawid, 15) was out. Staff said D. came back late.", "D."),
])
def test_young_peoples_initials_before_their_given_name_and_age(text, gone):
    out = anonymise(text, key="test").text
    assert gone not in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("Dropped him back at Ashdene est after the session.", "Ashdene"),
    ("Session ended; van back to Morley Vale YC at nine.", "YC"),
    ("Leaflets left at St Barnabas hall for the parents.", "Barnabas hall"),
])
def test_a_named_place_with_its_type_written_short(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "gone"), [
    ("Interpreter Mr Vu Van Long attended by phone.", "Vu Van Long"),
    ("Baby: TRAN, Minh Chau   DOB 01/02/2025", "Minh Chau"),
    ("Grandmother Hoang Thi Lan lives with them.", "Thi Lan"),
])
def test_vietnamese_names_whatever_their_syllables_mean(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "gone"), [
    ("Her friend's mum (Keeley) said she had not seen her.", "Keeley"),
    ("I saw Carly at the gate.", "Carly"),
    ("Letter from Dr Aisling Ni Dhuibhir, clinical psychologist.", "Dhuibhir"),
])
def test_common_given_names_and_an_irish_surname_without_its_accent(text, gone):
    assert gone not in anonymise(text, key="test").text


def test_national_insurance_in_capitals_is_no_particle():
    out = anonymise("Mr Jones NI Insurance letter sent.", key="test").text
    assert "NI Insurance letter" in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("Child's name: MILLIE JADE ASHWORTH-KANE", "ASHWORTH-KANE"),
    ("IN THE MATTER OF: KIAN LEWIS OSEI (boy, DOB 02/02/2019)", "OSEI"),
])
def test_a_full_name_in_capitals_after_a_given_name(text, gone):
    assert gone not in anonymise(text, key="test").text


# ---------------------------------------------------------------- held-out-38 to -41

@pytest.mark.parametrize(("text", "gone"), [
    ("Surname: BRENNOCK   First name: Tadhg", "BRENNOCK"),
    ("Name: Zed", "Zed"),
    ("Name of child: ORLA MAE DUNNE", "ORLA MAE DUNNE"),
    ("Child's name: Hope Ward  DOB 03/03/2019", "Hope Ward"),
    ("| Name: Merrin | Role: carer |", "Merrin"),
    ("Family: AL-SHAMI      Address: Flat 2", "AL-SHAMI"),
    ("Patient: ZHOU Meiling (prefers Ling)   DOB 04/05/1996", "ZHOU Meiling"),
])
def test_the_name_in_a_forms_name_field_whatever_its_words(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize("text", [
    "Name: Unknown male, about 30",
    "Name: Not known to the school",
    "Family: supportive of the plan",
    "Patient: seen alone for part of the visit",
])
def test_a_name_field_with_no_name_in_it_keeps_its_words(text):
    assert anonymise(text, key="test").text == text


def test_a_baby_with_no_given_name_yet_keeps_the_word_baby():
    out = anonymise("Name: Baby PRZYBYLSKA", key="test").text
    assert out.startswith("Name: Baby [Name") and "PRZYBYLSKA" not in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("Present: Mr Tariq bin Hassan al-Jabari (father) and Mrs Rana al-Jabari.", "al-Jabari"),
    ("Mrs el-Masri was worried about the letter.", "el-Masri"),
    ("His uncle Sami ash-Shami is still in Lebanon.", "ash-Shami"),
])
def test_an_arabic_surname_with_its_article_in_lower_case(text, gone):
    out = anonymise(text, key="test").text
    assert gone not in out and "Jabari" not in out, out


def test_an_article_hyphened_to_a_word_that_is_no_name_is_kept():
    assert "al-Anon" in anonymise("Mum goes to the al-Anon group.", key="test").text


@pytest.mark.parametrize(("text", "gone"), [
    ("EARLY -> LATE   Handover 14:40   From: WQ / HN   To: BZ\nYP settled.", ("WQ", "HN", "BZ")),
    ("Entry closed.\nSigned off: HN 22:10", ("HN",)),
    ("Rec'd by: KMcL   Date/time: 04.02.25 09:12", ("KMcL",)),
    ("Please pass the file to BO'D once her review is done.", ("BO'D",)),
])
def test_initials_that_hand_over_sign_or_receive_a_record(text, gone):
    out = anonymise(text, key="test").text
    assert not any(g in out for g in gone), out


def test_initials_in_a_tables_column_of_workers_and_their_later_mentions():
    text = ("Team\tChild\tSW\tRAG\n"
            "CIN\tKai Brannock\tQH\tAMBER\n"
            "CP\tLola Dunmore\tYV (agency)\tRED\n\n"
            "Notes: QH on leave next week, YV covering. The SW will ring.")
    out = anonymise(text, key="test").text
    assert "QH" not in out and "YV" not in out, out
    assert "The SW will ring" in out and "\tRAG\n" in out, out


@pytest.mark.parametrize("text", [
    "| Action | Who | By |\n| Ring GP | SW | Friday |\n| Update plan | CSC | ongoing |",
    "From: HR\nTo: the team\nSubject: rota",
    "WHO'S WHO\n- Mum, Dad and two brothers",
    "Mother rang the CWO on Sunday.\nSigned off: CWO",
])
def test_roles_bodies_and_words_in_those_places_are_kept(text):
    out = anonymise(text, key="test").text
    for kept in ("SW", "CSC", "HR", "WHO'S"):
        if kept in text:
            assert kept in out, out
    if "Mother rang the CWO" in text:
        assert "rang the CWO" in out, out


@pytest.mark.parametrize("text", [
    "6.00 – Feed: 200ml via pump.",
    "8am – Calmer. Packed his bag.",
    "12.30 - Settled after lunch.",
    "Q7 Conflict over child contact - YES",
    "Q14 Hurt anyone else - NO",
    "Keys handed to PC. Missing episode closed 01:55.",
])
def test_a_word_opening_a_log_entry_after_its_time_or_question_number_is_kept(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "gone"), [
    ("6.00 – Kacper arrived with his dad.", "Kacper"),
    ("Q3 Orrin said he felt safe at home.", "Orrin"),
    ("Seen by Dr. Okonedo at the clinic.", "Okonedo"),
    ("Paddy attends appointments when he can.", "Paddy"),
    ("Mother LI Xiaoling attended with the interpreter.", "LI"),
    ("Grandfather WU Jianguo is in Harbin.", "WU"),
])
def test_names_after_a_log_time_a_titles_stop_short_forms_and_two_letter_family_names(
        text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize("text", ["MA Social Work (2019)", "HE Said no in capitals"])
def test_two_capitals_before_an_english_word_are_no_family_name(text):
    assert anonymise(text, key="test").text.split()[0] == text.split()[0]


def test_quoted_nicknames_listed_under_a_line_saying_street_names():
    text = ('He knew the older males only by their street names:\n'
            ' - "Brick" – 20s, drives a grey car.\n'
            ' - "Small G" / "Gizmo" – about 18.\n'
            'He says he owes "Brick" money.')
    out = anonymise(text, key="test").text
    assert not any(n in out for n in ("Brick", "Small G", "Gizmo")), out
    marks = [line.split('"')[1] for line in out.splitlines()[1:2]]
    assert marks[0] in out.splitlines()[3], out


def test_a_quoted_phrase_in_another_list_is_no_nickname():
    text = 'Risks identified:\n- "County lines" activity near school.'
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "letter"), [
    ("I'll chase the school today.\nThanks\nQ\n\n-----Original Message-----", "\nQ\n"),
    ("See you at the review.\nKind regards,\nW", "\nW"),
])
def test_an_emails_sign_off_letter_on_the_line_under_its_closing(text, letter):
    assert letter not in anonymise(text, key="test").text


@pytest.mark.parametrize("text", ["Tick the option x\nA", "Thanks all.\nA. Background"])
def test_a_letter_under_a_kiss_or_a_lettered_heading_is_no_sign_off(text):
    assert anonymise(text, key="test").text == text


def test_initials_opening_a_log_entry_before_its_dash():
    text = "WQ - quiet, asked about her mum twice.\nZB - returned 01:15, settled."
    out = anonymise(text, key="test").text
    assert "WQ" not in out and "ZB" not in out, out


@pytest.mark.parametrize("text", ["CP - plan agreed at conference.", "DA - ongoing concerns.",
                                  "NB - check the plan.", "PE - kit forgotten again."])
def test_an_acronym_opening_a_line_before_a_dash_is_kept(text):
    assert anonymise(text, key="test").text == text


# ---------------------------------------------------------------- held-out-42 and -43

def test_a_short_form_cut_from_a_given_name_is_that_person():
    out = anonymise("Carers: Rosalind Pike & Desmond Pike. Des still has to do the course. "
                    "Ros agreed.", key="test").text
    assert "Des " not in out and "Ros " not in out, out
    assert out.count("[Name 1]") == 2 and out.count("[Name 2]") == 2, out


def test_a_short_form_two_given_names_share_gets_its_own_placeholder():
    out = anonymise("Samantha Cole and Samuel Ng came. Sam said no.", key="test").text
    assert "Sam " not in out and "[Name 3] said" in out, out


def test_an_acronym_in_capitals_that_starts_a_given_name_is_no_short_form():
    out = anonymise("Nassim Haddad attended. NASS support ref given.", key="test").text
    assert "NASS support" in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("| Mrs Hyacinth Brown    | carer's mother        | 83  |", "Brown"),
    ('Mrs Grant ("Mama G" to the children) moved in last year.', "Mama G"),
    ("Name: Tayla Moss but EVERYONE calls me TJ or Tay lol", "TJ or"),
    ("J.M. arrived with a lot of anger and some school refusal.", "J.M."),
    ("Later Des said he would ring.", "Des"),
])
def test_names_after_a_title_in_a_table_quoted_by_who_uses_them_and_dotted_initials(
        text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize("text", ["P.S. said to ring back.", "The U.K. has rules on this.",
                                  "He came in a Van today."])
def test_dotted_abbreviations_and_a_particle_that_is_a_word_stay(text):
    assert anonymise(text, key="test").text == text


def test_a_word_of_the_language_ending_a_chat_line_is_no_surname():
    out = anonymise("13:48  IN   can jess come\n13:55  OUT  Course she can.", key="test").text
    assert out.splitlines()[0].endswith(" come"), out


@pytest.mark.parametrize(("text", "gone"), [
    ("a food bank voucher for St Barnabas Community Pantry, open Thurs", "St "),
    ("an NA meeting at St Barnabas Hall, Wyvern Vale on Sundays", "St "),
])
def test_a_saints_title_goes_with_the_place_named_after_the_saint(text, gone):
    out = anonymise(text, key="test").text
    assert gone not in out and "Barnabas" not in out, out


def test_a_streets_short_type_before_a_name_stays():
    out = anonymise("on Wharf St Kyle said hi", key="test").text
    assert "St [Name" in out, out


# ---------------------------------------------------------------- held-out-44 and -45

@pytest.mark.parametrize(("text", "family", "given"), [
    ("Pupil:   CHEUNG Ka-yan (known as \"Kathy\")    DOB 03/11/2011", "CHEUNG", "Ka-yan"),
    ("Her mum is Wong Wing-yee; they moved in the summer.", "Wong", "Wing-yee"),
    (" Tsang Siu-ming (mat. grandad) | approx 70 |", "Tsang", "Siu-ming"),
])
def test_a_hong_kong_name_with_its_hyphened_given_name(text, family, given):
    out = anonymise(text, key="test").text
    assert family not in out and given not in out, out


def test_a_cantonese_family_name_before_a_hyphened_word_is_no_name():
    text = "Mr Fong said the drop-in was busy; Ho set-up the room."
    assert "drop-in" in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "gone"), [
    ("Present: mother Rania Nabil AL-SHAMRI, paternal grandmother Huda", "AL-SHAMRI"),
    ("Banded C. Explained the rematch option to the family.", None),
])
def test_an_arabic_surname_in_capitals_and_a_band_before_a_verb(text, gone):
    out = anonymise(text, key="test").text
    if gone:
        assert gone not in out, out
    else:
        assert out == text, out


def test_a_schedule_calling_the_parents_m_and_f_keeps_the_letters():
    text = ("Children: Maja (7). F has M's address. | Christmas | F: Eve; M rest | M: Day |\n"
            "M to hand over passports. Recital: M's concerns re F noted.")
    out = anonymise(text, key="test").text
    assert "Maja" not in out and out.count("M") >= 5 and "F has M's address" in out, out


def test_a_childs_initial_used_alone_still_goes():
    out = anonymise("Maja (7) came. M said she was fine. M wants to go home.", key="test").text
    assert " M " not in out, out
