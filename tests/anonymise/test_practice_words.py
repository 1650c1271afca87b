"""Words of practice the anonymiser must leave readable (practice abbreviations in mixed case
and of two letters, Welsh words and headings of a bilingual record, family words in Punjabi,
Hindi, Urdu and Bengali, capitalised common words, named policies, case law and medicines),
and the names beside them that must still go, tested by category with invented sentences
(held-out-24 and held-out-25 found the categories, and held-out-28 and held-out-29 those of
record systems, maternity and early years shorthand, attendance registers, family hub sessions
and screening tools, clothing and shop brands, common nouns opening a log line and roles written
short; none of their sentences or names are used here).

All people, places and numbers are fictional.
"""
from __future__ import annotations

import pytest

from auditlib.anonymise import anonymise
from auditlib.anonymise.wordlists import NAME_STOP_WORDS, welsh_forms


def removed(text: str) -> list[str]:
    return [r.original for r in anonymise(text, key="test").replacements]


def assert_kept(text: str, kept: str) -> None:
    out = anonymise(text, key="test")
    assert kept in out.text, out.text
    assert not any(kept in r.original or r.original in kept for r in out.replacements), \
        [r.original for r in out.replacements]


# ---------------------------------------------------------------- practice abbreviations

@pytest.mark.parametrize(("text", "kept"), [
    # written with a small letter inside: whatever the lists hold, an abbreviation
    ("The PoP reported on time and is working nights.", "PoP"),
    ("Mother is a LiP for the final hearing; an interpreter is booked.", "LiP"),
    ("A CoP application is planned before he turns 18.", "CoP"),
    ("Terms agreed in the ToR at the first panel.", "ToR"),
    ("Three PoPs on the caseload are under MAPPA.", "PoPs"),
    # the plural of an abbreviation of a role
    ("Both FCs attended the review and stayed for lunch.", "FCs"),
    # two letters of practice: parental responsibility, a birth certificate, self-harm, a
    # senior practitioner, a designated safeguarding person
    ("Father has no PR and is not named on the BC.", "PR"),
    ("Father has no PR and is not named on the BC.", "BC"),
    ("School nurse: SH disclosed, no SH since the last drop-in.", "SH"),
    ("Threshold not met after discussion with SP; countersigned by the SP.", "SP"),
    ("Present: Ms Okafor, Headteacher and DSP.", "DSP"),
    ("Plan agreed by MDT on Tuesday; PPU to attend.", "MDT"),
    ("Plan agreed by MDT on Tuesday; PPU to attend.", "PPU"),
    ("Mum told OM she has moved; ABE interview not planned.", "OM"),
])
def test_practice_abbreviations_are_kept(text, kept):
    assert_kept(text, kept)


@pytest.mark.parametrize(("text", "gone", "kept"), [
    # a named person's initials spell the abbreviation; used as the abbreviation it stays
    ("Social worker Bethany Cole visited. Father not on BC, no PR.", "Bethany Cole", "BC"),
    ("Carers Phil Rimmer and Jan Rimmer. Dad has no PR.", "Phil Rimmer", "PR"),
    # an acronym every reader knows is never a named person's initials
    ("Teacher Ms Nic Giolla Phádraig said both boys are registered with GP.",
     "Nic Giolla Phádraig", "GP"),
])
def test_an_abbreviation_spelled_by_a_named_persons_initials_is_kept(text, gone, kept):
    assert gone in removed(text)
    assert_kept(text, kept)


def test_letters_before_the_service_they_name_are_no_person():
    assert removed("Email from XR hub about the clinic times.") == []
    assert removed("Plan agreed with QZ team on Monday.") == []


@pytest.mark.parametrize(("text", "gone"), [
    # initials defined after a name stand for the person, even where they spell an acronym
    ("Sarah Hughes (SH) visited. SH said mum was calm.", ["Sarah Hughes", "SH", "SH"]),
    ("Sam Price (SP) rang. SP told mum the plan.", ["Sam Price", "SP", "SP"]),
    # staff initials never named in full still go
    ("Signed off by JW.", ["JW"]),
    ("Spoke to KB about the plan. KB agreed.", ["KB", "KB"]),
])
def test_initials_used_as_a_person_still_go(text, gone):
    assert removed(text) == gone


# ---------------------------------------------------------------- Welsh

BILINGUAL = (
    "CYNHADLEDD AMDDIFFYN PLANT / CHILD PROTECTION CONFERENCE\n"
    "Dan / Under: Part 7 duties\n"
    "Cyfeirnod / Ref: 88213\n"
    "Cadeirydd / Chair: Rhodri Pugh, Ymateb Cyntaf / First Response\n"
    "Heddlu / Police: Sgt Mererid Lloyd, Uned Diogelu'r Cyhoedd\n"
    "Pennaeth / Headteacher: Mrs Bethan Rowlands\n"
    "\n"
    "1. RHESWM AM Y GYNHADLEDD / REASON FOR THE CONFERENCE\n"
    "Siân (9) told her teacher that her step-dad hurts her. She lives in Cwm-yr-Afon.\n"
    "\n"
    "2. GWYBODAETH GAN YR ASIANTAETHAU / INFORMATION FROM AGENCIES\n"
    "Heddlu: two call-outs. Ymholiadau adran 47 ar y gweill.\n"
    "\n"
    "3. PENDERFYNIADAU / DECISIONS\n"
    "Siân to be seen in Welsh under Mwy na Geiriau.\n"
    "\n"
    "Pwy / Who     Beth / What              Erbyn / By\n"
    "Rhodri        Visit                    Dydd Gwener\n")


@pytest.mark.parametrize("kept", [
    "CYNHADLEDD AMDDIFFYN PLANT", "Dan / Under", "Cyfeirnod", "Ymateb Cyntaf", "Heddlu",
    "Uned Diogelu'r Cyhoedd", "Pennaeth", "RHESWM AM Y GYNHADLEDD", "GWYBODAETH",
    "ASIANTAETHAU", "Ymholiadau", "PENDERFYNIADAU", "Mwy na Geiriau", "Beth / What",
    "Erbyn / By",
])
def test_welsh_words_and_headings_of_a_bilingual_record_are_kept(kept):
    assert kept in anonymise(BILINGUAL, key="test").text


def test_welsh_names_and_places_in_a_bilingual_record_still_go():
    gone = removed(BILINGUAL)
    for name in ("Rhodri Pugh", "Mererid Lloyd", "Bethan Rowlands", "Siân", "Cwm-yr-Afon",
                 "Rhodri"):
        assert name in gone, gone


@pytest.mark.parametrize("text", [
    "Dan said he would ring back after the meeting.",
    "Present: Beth / Mum",
    "Beth (12) attended with her nan.",
])
def test_a_welsh_word_that_is_a_given_name_is_still_a_person_outside_a_heading(text):
    assert [o for o in removed(text) if o in ("Dan", "Beth")], removed(text)


def test_a_welsh_word_is_read_in_its_mutated_forms():
    forms = welsh_forms("trafodaeth") | welsh_forms("plentyn") | welsh_forms("ysgol")
    assert {"drafodaeth", "mhlentyn", "phlentyn", "hysgol", "trafodaeth'r"} <= forms
    assert "drafodaeth" in NAME_STOP_WORDS and "bresennol" in NAME_STOP_WORDS
    # a short word is not mutated: "pam" aspirated would be a surname
    assert "pham" not in NAME_STOP_WORDS


# ---------------------------------------------------------------- family words

@pytest.mark.parametrize(("text", "kept"), [
    ("The children call her Bhua and she collects them on Fridays.", "Bhua"),
    ("Masi rang school to say the boy was unwell.", "Masi"),
    ("Mum says Bhabhi and Didi help with the baby.", "Bhabhi"),
    ("Mum says Bhabhi and Didi help with the baby.", "Didi"),
    ("He stays with Nani ji at weekends; Nana ji takes him to gurdwara.", "Nani ji"),
    ("Veerji and Bhenji came to the meeting.", "Veerji"),
    ("Mami phoned twice this week.", "Mami"),
    ("Taya ji drives her to college.", "Taya ji"),
    ("Dadi and Chachi share the cooking.", "Chachi"),
])
def test_family_words_in_punjabi_hindi_urdu_and_bengali_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_name_beside_a_family_word_still_goes():
    assert removed("Kulwinder calls her Bhua; Gurpreet was unwell.") == ["Kulwinder", "Gurpreet"]


# ---------------------------------------------------------------- capitalised common words

@pytest.mark.parametrize(("text", "kept"), [
    ("OUTREACH - CLIENT NOTES", "CLIENT"),
    ("Client spoke quietly and asked us not to ring after six.", "Client"),
    ("Client's cousin (Amrit) drove her to the appointment.", "Client"),
    ("Patient seen in clinic with her foster carer.", "Patient"),
    ("Divorce finalised 2021, mum moved out.", "Divorce"),
    ("Ortho sec rang to rebook; Derm letter attached.", "Ortho"),
    ("Second appointment missed under the Was Not Brought policy.", "Was Not Brought"),
    ("Y10, Gillick competent for this decision, Fraser guidelines met.", "Gillick"),
    ("OHI given, Duraphat applied; Fluenz declined by dad.", "Duraphat"),
    ("OHI given, Duraphat applied; Fluenz declined by dad.", "Fluenz"),
])
def test_capitalised_common_words_policies_case_law_and_medicines_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_name_after_client_still_goes():
    assert "Amrit Gill" in removed("Client: Amrit Gill\nClient spoke quietly.")


# ---------------------------------------------------------------- clinical and A&E shorthand

@pytest.mark.parametrize(("text", "kept"), [
    ("Sentenced to a YRO with ISS; Tyrese says the curfew is hard.", "ISS"),
    ("Seen in UCC overnight, discharged home with Nan.", "UCC"),
    ("Knocked his head at football, no LOC, GCS 15, obs NAD.", "LOC"),
    ("Knocked his head at football, no LOC, GCS 15, obs NAD.", "GCS"),
    ("Moved from PICU to HDU on the Tuesday; Saanvi visited.", "PICU"),
    ("MIU gave advice; Declan to see the ENP again if worse.", "ENP"),
])
def test_a_and_e_and_youth_justice_acronyms_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_practice_acronym_autocorrected_to_title_case_is_kept_when_asked_about():
    assert_kept("Ellis wanted to know what Cin means for his sister.", "Cin")
    assert removed("Ellis wanted to know what Cin means for his sister.") == ["Ellis"]


# ---------------------------------------------------------------- faith, Twi and Polish words

@pytest.mark.parametrize(("text", "kept"), [
    ('Grandad said "Nyame nhyira wo" as we left.', "Nyame"),
    ('Grandad said "Nyame nhyira wo" as we left.', "nhyira"),
    ("Mum said God will look after the baby.", "God"),
    ('Aunty welcomed me with "Akwaaba" at the door.', "Akwaaba"),
    ('Dad said "w Polsce jest inaczej" about schools.', "Polsce"),
    ("He told me about Wigilia at his grandmother's flat.", "Wigilia"),
    ('Zuzia wrote "w Anglii" on her drawing of the house.', "Anglii"),
])
def test_faith_twi_and_polish_words_are_kept(text, kept):
    assert_kept(text, kept)


@pytest.mark.parametrize(("text", "gone"), [
    ('Kwabena said "Nyame nhyira wo" to his sister Akosua.', ["Kwabena", "Akosua"]),
    ("Nhyira (6) was at school when I visited.", ["Nhyira"]),
    ("Gosia and Wojtek came to the review with Basia.", ["Gosia", "Wojtek", "Basia"]),
])
def test_akan_and_polish_given_names_still_go(text, gone):
    out = removed(text)
    assert all(any(g in o for o in out) for g in gone), out


# ---------------------------------------------------------------- headings, roles, messages

@pytest.mark.parametrize(("text", "kept"), [
    ("MINUTE of the panel held at the council offices", "MINUTE"),
    ("Fenella Brash, Minute Secretary, sent the draft.", "Minute Secretary"),
    ("Referred to Riverside Parent Advocacy for support at conference.", "Advocacy"),
    ("An advocacy leaflet was left with the young person.", "advocacy"),
    ("Their caravan is the white Hobby by the gate.", "Hobby"),
    ("09:14 SW: Blue Corsa, parked outside again.", "Blue"),
    ("18:02 SW: Aww that's lovely to hear", "Aww"),
    ("hv pls call mum back, baby weight fine", "pls"),
    ("Report by Dr Ilse Varga MBChB MRCPsych, Consultant Psychiatrist", "MRCPsych"),
    ("Signed: Renske Hall RGN RSCN, Named Nurse", "RSCN"),
    ("Mum has started the Triple P group on Thursdays.", "Triple P"),
])
def test_headings_roles_qualifications_programmes_and_text_speak_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_pet_named_after_its_owner_and_kind_is_no_name():
    assert removed("Her guinea pig died, but her cat Pudzian is fine; Ilona is sad.") == ["Ilona"]


def test_dev_in_notes_is_a_word_unless_a_child_is_called_dev():
    assert removed("Mark on shin consistent with dev stage, per HV.") == []
    assert "Dev" in removed("Spoke with Dev (5) about his new bedroom.")


# ---------------------------------------------------------------- record systems

@pytest.mark.parametrize(("text", "kept"), [
    ("Midwife flagged the plan on BadgerNet before the booking.", "BadgerNet"),
    ("Checked EuroKing for the scan dates.", "EuroKing"),
    ("Letters are scanned into CareNotes by the admin team.", "CareNotes"),
    ("Ward told; a flag is on the EPR and on PAS.", "EPR"),
    ("Ward told; a flag is on the EPR and on PAS.", "PAS"),
])
def test_clinical_and_social_care_record_systems_are_kept(text, kept):
    assert_kept(text, kept)


# ---------------------------------------------------------------- maternity and early years

@pytest.mark.parametrize(("text", "kept"), [
    ("FOB attended the scan and left early.", "FOB"),
    ("MOB booked late, LMP uncertain.", "MOB"),
    ("MOB booked late, LMP uncertain.", "LMP"),
    ("Baby BBA, taken to NNU for obs.", "NNU"),
    ("NBV done on day 12, EBF.", "NBV"),
    ("Referral came in via SPA on Monday.", "SPA"),
])
def test_maternity_and_early_years_abbreviations_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_name_beside_a_maternity_abbreviation_still_goes():
    assert removed("FOB (Kieran Shaw) was at the scan.") == ["Kieran Shaw"]


# ---------------------------------------------------------------- attendance registers

@pytest.mark.parametrize(("text", "kept"), [
    ("| Term | Possible | Auth | Unauth | Late |", "Unauth"),
    ("NOTICE: IRREGULAR SCHOOL ATTENDANCE", "IRREGULAR SCHOOL ATTENDANCE"),
    ("RE: PERSISTENT SCHOOL ABSENCE", "PERSISTENT SCHOOL ABSENCE"),
    ("| Parent | Child | New/Reg | Reg form |", "New/Reg"),
    ("| Parent | Child | New/Reg | Reg form |", "Reg form"),
    ("Signed, HCPC Reg. and dated.", "HCPC Reg"),
])
def test_attendance_register_words_and_headings_are_kept(text, kept):
    assert_kept(text, kept)


@pytest.mark.parametrize(("text", "gone"), [
    # "Reg" is a given name too: where the text shows a person it still goes
    ("Reg Hollins (grandad) signed the reg form.", ["Reg Hollins"]),
    ("Met Reg and Pauline at the hub.", ["Reg", "Pauline"]),
    ("Grandad Reg came to the review.", ["Reg"]),
])
def test_reg_as_a_persons_name_still_goes(text, gone):
    assert removed(text) == gone


# ---------------------------------------------------------------- family hub sessions

@pytest.mark.parametrize(("text", "kept"), [
    ('Stay and Play ("Rhyme Time") in the small hall.', "Rhyme Time"),
    ('AM: Stay & Play ("Baby Sensory") 09:30', "Baby Sensory"),
    ("1. STAY & PLAY - REGISTER", "STAY & PLAY"),
    ("Nan brought both boys to Stay and Play.", "Stay and Play"),
    ("Creche: 4 children, two staff.", "Creche"),
    ("WellComm screen done, amber for understanding.", "WellComm"),
    ("ASQ-3 due at the next visit.", "ASQ-3"),
])
def test_family_hub_sessions_and_screening_tools_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_child_at_a_session_and_a_named_creche_still_go():
    assert removed("Ellie-Mai came to Baby Massage with her nan.") == ["Ellie-Mai"]
    assert removed("Attends Tiny Toddlers Creche three days.") == ["Tiny Toddlers Creche"]


# ---------------------------------------------------------------- clothing and shop brands

@pytest.mark.parametrize(("text", "kept"), [
    ("Turned up in a new Moncler coat.", "Moncler"),
    ("Trapstar tracksuit and Air Max, said a friend bought them.", "Trapstar"),
    ("Trapstar tracksuit and Air Max, said a friend bought them.", "Air Max"),
    ("New North Face and new phone, would not say who paid.", "North Face"),
    ("Vouchers given for Matalan.", "Matalan"),
    ("Bought school shoes at TK Maxx.", "TK Maxx"),
])
def test_clothing_and_shop_brands_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_surname_that_is_a_brands_word_still_goes():
    assert removed("Jo North (aunt) bought him a North Face coat.") == ["Jo North"]


# ---------------------------------------------------------------- common nouns opening a line

@pytest.mark.parametrize(("text", "kept"), [
    ("09:10 Eldest refused breakfast.", "Eldest"),
    ("Youngest settled quickly.", "Youngest"),
    ("Stepson refused to come down.", "Stepson"),
    ("Landlady rang about the rent.", "Landlady"),
    ("Colleague's phone is on the rota.", "Colleague"),
])
def test_capitalised_common_nouns_opening_a_line_are_kept(text, kept):
    assert_kept(text, kept)


@pytest.mark.parametrize(("text", "gone"), [
    ("Colleague, Jane Hollis, rang.", ["Jane Hollis"]),
    # "Car" is no name, but "Carr" is a surname
    ("Jo Carr visited with her car.", ["Jo Carr"]),
    ("Mr Carr left in his car.", ["Carr"]),
])
def test_names_beside_common_nouns_still_go(text, gone):
    assert removed(text) == gone


# ---------------------------------------------------------------- roles written short

@pytest.mark.parametrize(("text", "kept"), [
    ("Cover this afternoon: Tomasz (ASW).", "ASW"),
    ("AMHP assessment requested.", "AMHP"),
    ("CPN visit on Friday.", "CPN"),
    ("EHW to call mum.", "EHW"),
    ("SWA drove the children to contact.", "SWA"),
])
def test_role_abbreviations_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_name_before_a_role_abbreviation_still_goes():
    assert removed("Cover this afternoon: Tomasz (ASW).") == ["Tomasz"]


# ---------------------------------------------------------------- action plans and headings

@pytest.mark.parametrize(("text", "kept"), [
    ("| Inform County FA safeguarding | CWO |", "Inform County FA"),
    ("| Notify Ofsted of the allegation | LADO |", "Notify"),
    ("Nodyn / Family Support Note", "Nodyn"),
])
def test_verbs_opening_an_action_and_a_welsh_heading_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_county_fa_named_by_its_place_still_goes():
    assert removed("| Inform Durham County FA | CWO |") == ["Durham County FA"]


# ------------------------------------------------ clinical examination and neonatal shorthand
# (held-out-30 and held-out-31 found these categories; their sentences are not used here)

@pytest.mark.parametrize(("text", "kept"), [
    ("PMH: term delivery, no admissions.", "PMH"),
    ("DH: paracetamol as needed only.", "DH"),
    ("FH: nil of note. HPC: fall from sofa.", "FH"),
    ("MRN: RX448120 on the wristband.", "MRN"),
    ("Wt 11.2 kg, Ht 84 cm, OFC 47 cm.", "Ht"),
    ("Fundi normal on dilated exam.", "Fundi"),
    ("Fundoscopy booked with ophthalmology.", "Fundoscopy"),
    ("Bruise pattern reviewed against TEN-4-FACESp criteria.", "TEN-4-FACESp"),
    ("ROP screen due next week; NNP to arrange.", "NNP"),
    ("| Repeat bloods | Neo reg | today |", "Neo reg"),
    ("Plan agreed with Neo cons at the ward round.", "Neo cons"),
    ("S. Okoro - Hosp SW (notes)", "Hosp"),
])
def test_clinical_examination_and_neonatal_abbreviations_are_kept(text, kept):
    assert_kept(text, kept)


@pytest.mark.parametrize(("text", "gone"), [
    # "Neo" is a given name too: only the neonatal team written short stays
    ("Neo Dube (6) was seen in clinic.", ["Neo Dube"]),
    ("Neo said the bruise came from football.", ["Neo"]),
    # a clinical heading's letters that are a named person's initials, used as the person
    ("Dominic Hale rang the ward. DH said he would visit at six.", ["Dominic Hale", "DH"]),
    ("T. Varga - Hosp SW (writer)", ["T. Varga"]),
])
def test_names_beside_clinical_abbreviations_still_go(text, gone):
    assert removed(text) == gone


# ---------------------------------------------------------------- conditions in a medical history

@pytest.mark.parametrize(("text", "kept"), [
    ("PMH: Bronchiolitis at 4 months, managed at home.", "Bronchiolitis"),
    ("Croup twice last winter.", "Croup"),
    ("Eczema on both elbows, emollients prescribed.", "Eczema"),
    ("Measles and Mumps not had; MMR given.", "Measles"),
    ("Treated for Impetigo in reception year.", "Impetigo"),
])
def test_medical_conditions_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_name_beside_a_medical_condition_still_goes():
    assert removed("Eczema reviewed by Dr Ruth Amadi at the surgery.") == ["Ruth Amadi"]


# ---------------------------------------------------------- education levels and subjects

@pytest.mark.parametrize(("text", "kept"), [
    ("Enrolled on ESOL Entry 2 at the college.", "Entry 2"),
    ("Passed Entry Level 3 English in June.", "Entry Level 3"),
    ("Timetable: Maths Functional Skills on Tuesdays.", "Maths Functional Skills"),
    ("Working towards English Functional Skills Level 1.", "English Functional Skills"),
])
def test_education_levels_and_subjects_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_tutor_beside_a_qualification_still_goes():
    assert removed("Functional Skills tutor Mia Baptiste says Entry 3 is passed.") \
        == ["Mia Baptiste"]


# ------------------------------------------------- sports club accreditation and safeguarding

@pytest.mark.parametrize(("text", "kept"), [
    ("The club holds the FA Charter Standard award.", "FA Charter Standard"),
    ("A Charter Standard club since 2019.", "Charter Standard"),
    ("The club is England Football Accredited.", "England Football Accredited"),
    ("Advice taken from the CPSU on the welfare policy.", "CPSU"),
])
def test_sports_club_accreditation_and_safeguarding_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_surname_that_is_an_accreditation_word_still_goes():
    assert removed("Coach Mr Charter denied the allegation (FA Charter Standard club).") \
        == ["Charter"]


# -------------------------------- capitalised common nouns, documents and school roles

@pytest.mark.parametrize(("text", "kept"), [
    ("Meeting moved to the Seminar room on level 2.", "Seminar"),
    ("Referred to Environmental Health about the damp.", "Environmental"),
    ("Booked the Lecture theatre for the training.", "Lecture"),
    ("Dad's NINo letter has not arrived.", "NINo"),
    ("Her BRP expires next spring.", "BRP"),
    ("PSM to phone home on Monday.", "PSM"),
    ("HoY and PSM met with mum.", "PSM"),
])
def test_common_nouns_documents_and_school_roles_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_person_whose_initials_spell_a_school_role_still_goes():
    # the text sets "PSM" for a named person: there it is the person, not the role
    assert removed("Paula Stone-Mensah (PSM) is the aunt. PSM said she would help.") \
        == ["Paula Stone-Mensah", "PSM"]


# ---------------------------------------------------------------- a parent's defined letter

def test_a_letter_defined_for_a_parents_role_is_kept():
    # "Mother (M)": M is then the role; a named person's initial still goes
    assert_kept("Present: Mother (M), Father (F). M said the baby slept well.", "M said")
    assert removed("Marta Nowak rang the office. M said the baby slept well.") \
        == ["Marta Nowak", "M"]


# ------------------------------------------------ hospital ward staff, beds and shorthand

@pytest.mark.parametrize(("text", "kept"), [
    ("Strategy discussed with SG. SG said the discharge can go ahead.", "SG"),
    ("Discharge held until cleared by SG team.", "SG"),
    ("NIC to attend the discharge meeting. Discussed with NIC.", "NIC"),
    ("Visitor buzzed in by HCA at 15:10.", "HCA"),
    ("Obs done w/ RN at 02:00, settled after.", "RN"),
    ("CSW on 1:1 overnight; handover given to CSW at 07:30.", "CSW"),
    ("HCSW stayed with him during the scan.", "HCSW"),
    ("Pt settled overnight. Pt's aunt rang the ward at 09:00.", "Pt"),
    ("Moved to Bay 2 Bed 4 after the ward round.", "Bed"),
    ("Moved to BAY 2 BED 4 after the ward round.", "BED"),
    ("Backslab intact, fingers warm and pink.", "Backslab"),
    ("Datix completed by the nurse about the fall.", "Datix"),
    ("Seen by the Reg at 10:00 and the plan agreed.", "Reg"),
    ("Plan agreed with Cannula out and Obs stable, Matron aware.", "Matron"),
])
def test_ward_staff_beds_and_shorthand_are_kept(text, kept):
    assert_kept(text, kept)


def test_names_beside_ward_shorthand_still_go():
    assert removed("HCA Precious sat with him; NIC tonight: Dorota K.") \
        == ["Precious", "Dorota K"]
    assert removed("Reviewed w/ RN Femi and Dr Lasisi + Reg Dr Varga.") \
        == ["Femi", "Lasisi", "Varga"]


def test_a_person_called_reg_still_goes():
    # only "Reg Dr", "the Reg", "paeds reg"… are the registrar: Reg the grandfather goes
    assert removed("Grandad Reg Pollitt rang. Reg said he would collect her.") \
        == ["Reg Pollitt", "Reg"]


# ------------------------------------------------------ youth justice orders and headings

@pytest.mark.parametrize(("text", "kept"), [
    ("YRO 12 months with a curfew, supervision weekly.", "YRO"),
    ("Compliance with the YRO has been poor since March.", "YRO"),
    ("Given a DTO last year; released on licence.", "DTO"),
    ("Offered a YCC by the police.", "YCC"),
    ("PREVIOUS OFFENCES / OUT OF COURT OUTCOMES", "OUT OF COURT"),
    ("RISKS / DUE DATES", "DUE"),
])
def test_youth_justice_orders_and_headings_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_name_beside_a_youth_justice_order_still_goes():
    assert removed("YRO supervised by Kieran Mulvey, YOT officer.") == ["Kieran Mulvey"]


# --------------------------------------------------- immigration and student finance letters

@pytest.mark.parametrize(("text", "kept"), [
    ("FAO: the NRPF team, re the family's support.", "FAO"),
    ("Fao the duty team.", "Fao"),
    ("Dear Sir/Madam, we write about the application.", "Madam"),
    ("Father has an FLR(M) application with the Home Office.", "FLR"),
    ("Mother was granted ILR in 2019.", "ILR"),
    ("Advised YP to ring SFE about the loan.", "SFE"),
    ("SFE told him the instalment is late.", "SFE"),
    ("The SFE instalment has now been paid.", "SFE"),
    ("Applied for DSA to fund a laptop.", "DSA"),
])
def test_immigration_and_student_finance_abbreviations_are_kept(text, kept):
    assert_kept(text, kept)


def test_the_person_a_letter_is_for_still_goes():
    assert removed("FAO: Mr Dariusz Wolak, Housing Options") == ["Dariusz Wolak"]
    assert removed("Fao Ms Yetunde Bakare (caseworker)") == ["Yetunde Bakare"]


def test_fao_is_kept_when_the_person_has_those_initials():
    # initials are a person's only where the letter does not head itself with them
    assert removed("FAO: Ms Fatima Aziz Omar, NRPF Team Manager. Ms Omar will reply.") \
        == ["Fatima Aziz Omar", "Omar"]


# ------------------------------------------------ chat and message words opening a message

@pytest.mark.parametrize(("text", "kept"), [
    ('Instagram Chat – "footy lads" (screenshots)', "Chat"),
    ("Morning all 👋 Reminder that the trip money is due Friday", "Reminder"),
    ("Voicemail left for the social worker on the duty line.", "Voicemail"),
    ("Class page 🌟 Photo of the cake sale attached", "Photo"),
    ("Sent 😊 Screenshot of the messages to the worker.", "Screenshot"),
])
def test_message_words_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_name_in_a_message_still_goes():
    assert removed("Voicemail left for Mrs Oyelaran about Tomasz's appointment.") \
        == ["Oyelaran", "Tomasz"]


# ------------------------------------------------------------ grades and college courses

@pytest.mark.parametrize(("text", "kept"), [
    ("Aiming for Grade 5 in English and maths.", "Grade 5"),
    ("Predicted a Grade 4+ in science.", "Grade 4"),
    ("Got a Grade C in the resit.", "Grade C"),
    ("Enrolled at the college – Level 2 IT & Digital, town campus.", "Digital"),
    ("Starting Level 1 Hair & Beauty in September.", "Beauty"),
    ("On the Entry 3 Carpentry & Joinery course.", "Joinery"),
])
def test_grades_and_courses_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_person_called_grade_still_goes():
    # "Grade" is kept before a number or letter only: the surname still goes
    assert removed("Jade Grade rang; Ms Grade is his aunt.") == ["Jade Grade", "Grade"]


# ------------------------------------------------------------ heritage joined by hyphens

@pytest.mark.parametrize(("text", "kept"), [
    ("Ama is of Ghanaian-British heritage.", "Ghanaian-British"),
    ("Recorded as Black-British on the referral.", "Black-British"),
    ("Dad describes himself as Polish-British.", "Polish-British"),
    ("Nan is Anglo-Indian and came in 1968.", "Anglo-Indian"),
    ("Ethnicity: Black-Caribbean", "Black-Caribbean"),
    ("Mother is Turkish-Cypriot and speaks Turkish.", "Turkish-Cypriot"),
    ("He is of Kenyan heritage.", "Kenyan"),
])
def test_heritage_words_are_kept(text, kept):
    assert_kept(text, kept)


def test_a_double_barrelled_surname_still_goes():
    assert removed("Ama (Black-British) lives with Efua Mensah-Boateng and Lee White-Jones.") \
        == ["Ama", "Efua Mensah-Boateng", "Lee White-Jones"]


# ------------------------------------------- adoption support, family words, health visiting,
# ------------------------------------- school programmes, online meetings and attendance routes

@pytest.mark.parametrize(("text", "kept", "gone"), [
    # adoption support: the fund, its cap and the therapies it pays for
    ("Orla Brennick sent the ASF bid for Tamsin in March.", "ASF", ["Orla Brennick", "Tamsin"]),
    ("Twelve sessions paid by ASF, led by Wendell Ashgrove.", "ASF", ["Wendell Ashgrove"]),
    ("Tamsin started DDP (with both carers) through Orla.", "DDP", ["Tamsin", "Orla"]),
    ("Cost went over the Fair Access Limit, so Orla Brennick asked for match funding.",
     "Fair Access Limit", ["Orla Brennick"]),
    # what the children call a parent
    ("Tamsin and Jory talk about Papa every night.", "Papa", ["Tamsin", "Jory"]),
    ("Jory drew a card for Pappa and gave it to Orla.", "Pappa", ["Jory", "Orla"]),
    ("Mom said Tamsin slept well; Mommy is her word at bedtime.", "Mommy", ["Tamsin"]),
    # health visiting: service levels, feeding and vaccines
    ("Stepped down to Universal Plus by Keturah Vance.", "Universal Plus", ["Keturah Vance"]),
    ("Universal Partnership Plus continues for Jory.", "Universal Partnership Plus", ["Jory"]),
    ("Latch improved after Keturah showed a laid-back hold.", "Latch", ["Keturah"]),
    ("Jory had Rotavirus and Hib/MenC at the clinic with Keturah.", "Rotavirus",
     ["Jory", "Keturah"]),
    ("MMR and PCV booster due; Keturah Vance to send the letter.", "MMR", ["Keturah Vance"]),
    # school reading and maths programmes
    ("Tamsin does Lexia four times a week with Mr Halloran.", "Lexia", ["Tamsin", "Halloran"]),
    ("Jory is on Accelerated Reader and Numicon with Priya Ostby.", "Accelerated Reader",
     ["Jory", "Priya Ostby"]),
    ("Sparx homework set; Tamsin logged in twice.", "Sparx", ["Tamsin"]),
    ("Read Write Inc group daily, run by Priya.", "Read Write Inc", ["Priya"]),
    ("Jory uses Nessy and IDL at home with Orla.", "Nessy", ["Jory", "Orla"]),
    # online meetings
    ("Invite sent by Priya Ostby: Microsoft Teams meeting, Passcode: 4hT9xw",
     "Microsoft Teams", ["Priya Ostby"]),
    ("Joined on Google Meet with Wendell Ashgrove and Orla.", "Google Meet",
     ["Wendell Ashgrove", "Orla"]),
    # attendance routes
    ("Jory would move to Fast Track if attendance stays under 60%.", "Fast Track", ["Jory"]),
    ("3. Fast Track timetable shared with Orla Brennick.", "Fast Track", ["Orla Brennick"]),
    ("Parenting Contract signed by Orla; ESO considered if no change for Tamsin.", "ESO",
     ["Orla", "Tamsin"]),
])
def test_words_of_support_services_stay_and_names_beside_them_go(text, kept, gone):
    out = anonymise(text, key="test")
    assert kept in out.text, out.text
    originals = [r.original for r in out.replacements]
    assert not any(kept in o or o in kept for o in originals), originals
    for name in gone:
        assert any(name in o for o in originals), (name, out.text)


def test_the_asf_reference_after_the_fund_still_goes():
    out = anonymise("ASF bid no. ASF-40217-M for Tamsin Ruddock.", key="test")
    assert out.text.startswith("ASF bid"), out.text
    assert "40217" not in out.text and "Ruddock" not in out.text, out.text


def test_a_name_after_a_family_word_still_goes():
    assert removed("Papa Deniz rang; Mama Selin will visit.") == ["Deniz", "Selin"]


# ------------------------------------- drugs, probation, hospital, school devices, Welsh and texts

@pytest.mark.parametrize(("text", "kept", "gone"), [
    # drugs by their name and by street slang, in a substance misuse assessment
    ("Ketamine use reported by Tobiah Grenfell at the first session.", "Ketamine",
     ["Tobiah Grenfell"]),
    ("Tobiah says he uses ket at weekends with Marnie.", "ket", ["Tobiah", "Marnie"]),
    ("Marnie Holloway buys bars (Xanax) from an older boy.", "Xanax", ["Marnie Holloway"]),
    ("Alprazolam was found in Marnie's bedroom by Nia.", "Alprazolam", ["Marnie", "Nia"]),
    ("Tobiah takes mandy and MDMA at parties, says Priya Ostby.", "mandy",
     ["Tobiah", "Priya Ostby"]),
    ("Benzos and xans were offered to Marnie by Jaxon.", "Benzos", ["Marnie", "Jaxon"]),
    ("Tobiah Grenfell was seen with Mcat and Spliffs near the park.", "Mcat",
     ["Tobiah Grenfell"]),
    # probation
    ("Darnell Quist resides at Approved Premises until his licence ends.",
     "Approved Premises", ["Darnell Quist"]),
    ("Darnell lives in Approved Premises and sees Ffion Tregaron weekly.", "Approved Premises",
     ["Darnell", "Ffion Tregaron"]),
    ("Email from the Offender Management Unit at HMP Oakhurst about Darnell Quist.",
     "Offender Management Unit", ["Darnell Quist"]),
    # a hospital's children's emergency department written short
    ("Kezia Wolsey was brought to Paeds ED at 02:10 by her aunt Lorna.", "Paeds ED",
     ["Kezia Wolsey", "Lorna"]),
    # school and devices
    ("Kezia left her Chromebook at Lorna's house.", "Chromebook", ["Kezia", "Lorna"]),
    ("Kezia Wolsey showed me her Insta account with Jaxon.", "Insta", ["Kezia Wolsey"]),
    ("Info: Mum rang to say Kezia Wolsey is poorly.", "Info", ["Kezia Wolsey"]),
    ("Inset day on Friday so Kezia will stay with Lorna Pybus.", "Inset",
     ["Kezia", "Lorna Pybus"]),
    # text speak without its apostrophe
    ("Ive told him not to come round, Kezia said to Jaxon.", "Ive", ["Kezia", "Jaxon"]),
    ("Theyve gone to Lorna Pybus for the night.", "Theyve", ["Lorna Pybus"]),
])
def test_drugs_probation_devices_and_text_speak_stay_and_names_go(text, kept, gone):
    out = anonymise(text, key="test")
    assert kept in out.text, out.text
    originals = [r.original for r in out.replacements]
    assert not any(kept in o or o in kept for o in originals), originals
    for name in gone:
        assert any(name in o for o in originals), (name, out.text)


def test_mandy_the_person_still_goes():
    out = anonymise("Mandy rang the office. Spoke to Mandy Corrigan about Tobiah.", key="test")
    assert "Mandy" not in out.text and "Corrigan" not in out.text, out.text
    assert "Tobiah" not in out.text, out.text


def test_welsh_mae_and_a_colour_class_stay_and_names_go():
    out = anonymise("Mae hi'n hapus yn Nosbarth Gwyrdd gyda Mrs Pritchard-Hughes.",
                    key="test")
    assert out.text.startswith("Mae hi'n hapus yn Nosbarth Gwyrdd gyda Mrs "), out.text
    assert "Pritchard" not in out.text, out.text
    assert "Lily-Mae" not in anonymise("Lily-Mae Trevenna is settled.", key="test").text
    assert "Mae" not in anonymise("Mae said she was fine at school.", key="test").text


def test_drug_slang_and_probation_words_leave_a_street_to_go():
    assert "Crack" not in anonymise("Tobiah lives at 4 Crack Lane.", key="test").text
    assert "Bryn Glas" not in anonymise("Address: 12 Bryn Glas, Aberaeron.", key="test").text


# ------------------------------------------- dishes, family words in other languages, case law,
# ---------------------------- products, services, languages, GIRFEC's wellbeing indicators, sports,
# -------------------------------------------------- police shorthand and a DASH checklist's words

@pytest.mark.parametrize(("text", "kept", "gone"), [
    # food and dishes of the family's communities
    ("Ifeoma Brackley made Jollof and Puff-puff for the party.", "Jollof", ["Ifeoma Brackley"]),
    ("Dunstan had Suya and Egusi soup with Perpetua.", "Suya", ["Dunstan", "Perpetua"]),
    ("Babcia brought Pierogi and Biryani for Oskar Wendling.", "Biryani", ["Oskar Wendling"]),
    ("Jollof rice and Moi moi at Ifeoma's birthday.", "Moi moi", ["Ifeoma"]),
    ("Perpetua likes Injera, Fufu and Plantain, says Dunstan.", "Fufu", ["Perpetua", "Dunstan"]),
    ("Oskar Wendling ate Haggis, Neeps and Tatties at school.", "Tatties", ["Oskar Wendling"]),
    # what a child calls a relative, in Lithuanian, Portuguese, Polish, Turkish, Arabic, Somali,
    # Tigrinya and German
    ("Rasa Vaitkutė says Močiutė visits on Sundays and Senelis drives.", "Močiutė",
     ["Rasa Vaitkutė"]),
    ("Rasa Vaitkutė says Močiutė visits on Sundays and Senelis drives.", "Senelis",
     ["Rasa Vaitkutė"]),
    ("Mãe told Thiago Arruda 'meu menino' at the door.", "Mãe", ["Thiago Arruda"]),
    ("Mãe told Thiago Arruda 'meu menino' at the door.", "meu menino", ["Thiago Arruda"]),
    ("Thiago stays with Avó and Avô while Mum works.", "Avó", ["Thiago"]),
    ("Zuzanna Pietrak talks about Babcia and Dziadek every visit.", "Dziadek",
     ["Zuzanna Pietrak"]),
    ("Berfin Aksoy says Dayı and Teyze collect her from school.", "Teyze", ["Berfin Aksoy"]),
    ("Berfin calls her mother Annem and her grandmother Anneanne.", "Annem", ["Berfin"]),
    ("Teta and Jiddo came to the review with Yusra Haddadin.", "Jiddo", ["Yusra Haddadin"]),
    ("Ayeeyo collects Hodan Warsame on Fridays.", "Ayeeyo", ["Hodan Warsame"]),
    ("Adey is trying her best, said Senait Tesfay.", "Adey", ["Senait Tesfay"]),
    ("Oskar sees Oma and Opa in the holidays.", "Opa", ["Oskar"]),
    # case law and principles named after a place or a person
    ("The assessment followed the Merton principles, said Dunstan Ferrabee.",
     "Merton principles", ["Dunstan Ferrabee"]),
    ("Merton compliant assessment signed off by Perpetua Aldwinckle.", "Merton compliant",
     ["Perpetua Aldwinckle"]),
    ("Ifeoma is Gillick competent; Fraser guidelines met, noted Nurse Brackley.",
     "Fraser guidelines", ["Brackley"]),
    ("Caldicott principles applied before Dunstan shared the notes.", "Caldicott principles",
     ["Dunstan"]),
    # software, apps, feeds and medicines
    ("Recorded on CareTrack by Perpetua Aldwinckle.", "CareTrack", ["Perpetua Aldwinckle"]),
    ("Dad messaged Ifeoma on WeChat and WhatsApp.", "WeChat", ["Ifeoma"]),
    ("Notes dictated via Dragon by Dunstan Ferrabee.", "Dragon", ["Dunstan Ferrabee"]),
    ("Oskar is fed Peptamen Junior via his PEG; Perpetua to review.", "Peptamen Junior",
     ["Oskar", "Perpetua"]),
    ("Oskar takes Paediasure, Epilim and Keppra daily, said Perpetua.", "Paediasure",
     ["Oskar", "Perpetua"]),
    ("Buccolam given by Perpetua Aldwinckle at 14:05.", "Buccolam", ["Perpetua Aldwinckle"]),
    ("Case notes updated in Liquidlogic and Mosaic by Dunstan.", "Liquidlogic", ["Dunstan"]),
    ("Payments set up on ContrOCC for Ifeoma Brackley.", "ContrOCC", ["Ifeoma Brackley"]),
    # services and screening questions by their national name
    ("Legal Aid granted; solicitor Perpetua Aldwinckle.", "Legal Aid", ["Perpetua Aldwinckle"]),
    ("Mum referred to NHS Talking Therapies by Dunstan Ferrabee.", "NHS Talking Therapies",
     ["Dunstan Ferrabee"]),
    ("The Public Protection Unit rang Perpetua about Oskar.", "Public Protection Unit",
     ["Perpetua", "Oskar"]),
    ("Routine Enquiry asked by Ifeoma Brackley; no disclosure.", "Routine Enquiry",
     ["Ifeoma Brackley"]),
    ("Whooley questions, GAD-2 and PHQ-9 done by Dunstan Ferrabee.", "PHQ-9",
     ["Dunstan Ferrabee"]),
    # languages and dialects
    ("Oskar is learning Gàidhlig at school with Ifeoma.", "Gàidhlig", ["Oskar", "Ifeoma"]),
    ("Mum speaks Levantine Arabic; Dunstan Ferrabee interpreted.", "Levantine",
     ["Dunstan Ferrabee"]),
    ("Dad speaks Sorani and Kurmanji; Perpetua Aldwinckle booked a Tigrinya interpreter.",
     "Kurmanji", ["Perpetua Aldwinckle"]),
    ("Grandad speaks Hokkien and Cantonese, said Ifeoma.", "Hokkien", ["Ifeoma"]),
    # GIRFEC's wellbeing indicators and sports
    ("For details see Safe; scored by Dunstan Ferrabee.", "Safe", ["Dunstan Ferrabee"]),
    ("SHANARRI: Safe, Healthy, Achieving, Nurtured, Active, Respected, Responsible, Included.",
     "Nurtured", []),
    ("Oskar plays Shinty and Ifeoma plays Camogie.", "Shinty", ["Oskar", "Ifeoma"]),
    ("Perpetua Aldwinckle plays Hurling, Netball and Cricket.", "Cricket",
     ["Perpetua Aldwinckle"]),
    # police shorthand and a proscribed organisation's acronym
    ("Police LPA informed; Dunstan Ferrabee to follow up.", "LPA", ["Dunstan Ferrabee"]),
    ("VRI completed with Ifeoma on Tuesday by DC Brackley.", "VRI", ["Ifeoma", "Brackley"]),
    ("BWV footage reviewed by PC Oskar Wendling.", "BWV", ["Oskar Wendling"]),
    ("Strategy meeting chaired by DM Rachel Onyango.", "DM", ["Rachel Onyango"]),
    ("Father has links to the PKK, Perpetua Aldwinckle said.", "PKK", ["Perpetua Aldwinckle"]),
    # a DASH checklist's words after the question's number
    ("Q7 Conflict over child contact - Yes (Ifeoma Brackley).", "Conflict", ["Ifeoma Brackley"]),
    ("Answered yes to Q18 Financial problems and Q23 Trouble with police.", "Financial", []),
    ("Q14 Hurt anyone else - Yes, said Dunstan.", "Hurt anyone else", ["Dunstan"]),
    ("(Q9) Pregnant / recent birth - Yes.", "Pregnant", []),
])
def test_dishes_family_words_products_services_and_sports_stay_and_names_go(text, kept, gone):
    out = anonymise(text, key="test")
    assert kept in out.text, out.text
    originals = [r.original for r in out.replacements]
    assert not any(kept in o or o in kept for o in originals), originals
    for name in gone:
        assert any(name in o for o in originals), (name, out.text)


@pytest.mark.parametrize(("text", "gone"), [
    # a club, a nursery, a street or a shop named with a sport, a product, a dish or a
    # wellbeing indicator still goes, in capitals or in a note written in lower case
    ("Oskar goes to Glenmore Shinty Club on Fridays.", "Glenmore Shinty Club"),
    ("tues - met ifeoma outside the chippy. ifeoma said she was fine.\n\nweds - ifeoma went to "
     "the glenmore shinty club, then home.", "glenmore shinty club"),
    ("Ifeoma attends Tapestry Nursery in Oldbury.", "Tapestry Nursery"),
    ("Mum lives near Cricket Green.", "Cricket Green"),
    ("Dad works at Jollof Kitchen on Mill Street.", "Jollof Kitchen"),
    ("Family moved to Active Court last May.", "Active Court"),
    # a person's initials, a surname and a given name that are words of the lists above
    ("Logged by DM 22:20.", "DM"),
    ("Callum Hurt attended the meeting.", "Hurt"),
    ("Ifeoma calls her aunt Anne and her dad Baba.", "Anne"),
    ("Babcia Zofia visited on Sunday.", "Zofia"),
    # a local talking therapies service goes by its place
    ("Referred to Dearnby Talking Therapies.", "Dearnby"),
])
def test_places_and_people_named_with_those_words_still_go(text, gone):
    assert gone not in anonymise(text, key="test").text


# ------------------------------------ clinical scores and hospital units, games, TV and toys,
# ------------------------------- equipment and adaptations, notes' abbreviations and generic
# --------------------------------------------------------------------------- public buildings

@pytest.mark.parametrize(("text", "kept", "gone"), [
    # scores and scales named after a person or a town, and a maternity unit by its kind
    ("Finnegan scores peaked at 14 on day 3; Midwife Bronagh Lisgoold was told.",
     "Finnegan scores", ["Bronagh Lisgoold"]),
    ("Apgars 9 and 10; baby checked by Dr Eilidh Sandercock.", "Apgars", ["Eilidh Sandercock"]),
    ("Glasgow Coma Scale 15 on arrival, noted Nurse Gethin Marchbank.", "Glasgow Coma Scale",
     ["Gethin Marchbank"]),
    ("A Brazelton assessment was done on the ward by Niamh Quarrie.", "Brazelton",
     ["Niamh Quarrie"]),
    ("Bishop score 6 before induction, said Midwife Bronagh Lisgoold.", "Bishop score",
     ["Bronagh Lisgoold"]),
    ("Guthrie test repeated on day 8; Moro reflex present, said Eilidh.", "Moro reflex",
     ["Eilidh"]),
    ("Waterlow 12 and Barthel 60, scored by Gethin Marchbank.", "Waterlow", ["Gethin Marchbank"]),
    ("Baby was born on our Delivery Suite at 03:10; Bronagh Lisgoold present.", "Delivery Suite",
     ["Bronagh Lisgoold"]),
    ("Mum moved to Labour Ward at 02:00, then went to Postnatal Ward.", "Labour Ward", []),
    ("Baby went to Transitional Care for 48 hours with Niamh Quarrie.", "Transitional Care",
     ["Niamh Quarrie"]),
    ("Admitted to NNU, then SCBU; reviewed by ANNP Eilidh Sandercock.", "SCBU",
     ["Eilidh Sandercock"]),
    ("Mum went to Birth Centre; Midwife Led Unit was full.", "Midwife Led Unit", []),
    # games, toys and children's TV
    ("We played Uno and Jenga with Gethin Marchbank.", "Uno", ["Gethin Marchbank"]),
    ("Tayo loves Bluey and Peppa Pig, said Niamh Quarrie.", "Bluey", ["Tayo", "Niamh Quarrie"]),
    ("Tayo watches Paw Patrol and Cocomelon before school.", "Cocomelon", ["Tayo"]),
    ("He plays Minecraft, Roblox and Fortnite online with Tayo.", "Fortnite", ["Tayo"]),
    ("Kairo and Nan watch Tipping Point after tea.", "Tipping Point", ["Kairo"]),
    ("We played Cluedo, Scrabble, Connect 4 and Guess Who with Bronagh.", "Guess Who",
     ["Bronagh"]),
    ("Tayo built Lego and raced on Mario Kart with Niamh Quarrie.", "Mario Kart",
     ["Tayo", "Niamh Quarrie"]),
    # equipment and adaptations
    ("Stairlift NOT recommended by OT Gethin Marchbank.", "Stairlift", ["Gethin Marchbank"]),
    ("Hoist fitted; Wet Room approved by Niamh Quarrie.", "Wet Room", ["Niamh Quarrie"]),
    ("Through-Floor Lift quote received from Bronagh Lisgoold.", "Through-Floor Lift",
     ["Bronagh Lisgoold"]),
    ("Closomat toilet fitted in the bathroom for Tayo.", "Closomat", ["Tayo"]),
    ("Tilt-in-Space chair delivered for Tayo.", "Tilt-in-Space", ["Tayo"]),
    ("Grab Rails fitted; Sara Stedy used for transfers by Eilidh Sandercock.", "Sara Stedy",
     ["Eilidh Sandercock"]),
    ("Leckey seat and Rifton chair trialled with Kairo.", "Leckey", ["Kairo"]),
    # abbreviations of notes: a section, roles written short, a housing register's band
    ("See Sect 4 for the chronology.", "Sect", []),
    ("See App 3 and Appx 2 of the report by Gethin Marchbank.", "Appx", ["Gethin Marchbank"]),
    ("PN Bronagh Lisgoold gave the vaccinations.", "PN", ["Bronagh Lisgoold"]),
    ("Seen by HCP on Monday; ANP to review.", "HCP", []),
    ("ANP Eilidh Sandercock saw him; RMN to follow up.", "RMN", ["Eilidh Sandercock"]),
    ("Mum is on band B. Niamh rang to explain the bids.", "band B", ["Niamh"]),
    # public buildings by their kind, with no place's name before them
    ("Meeting at Town Hall, Committee Room 2, with Gethin Marchbank.", "Town Hall",
     ["Gethin Marchbank"]),
    ("Mum went to the Council Offices to ask about rent.", "Council Offices", []),
    ("Sessions at the Family Hub on Tuesdays with Bronagh Lisgoold.", "Family Hub",
     ["Bronagh Lisgoold"]),
    ("Met at the Library after school, said Tayo.", "Library", ["Tayo"]),
    ("Met at the Leisure Centre, then the Sports Centre.", "Leisure Centre", []),
    ("Mum went to the One Stop Shop with Niamh Quarrie.", "One Stop Shop", ["Niamh Quarrie"]),
])
def test_scores_units_games_equipment_abbreviations_and_buildings_stay_and_names_go(
        text, kept, gone):
    out = anonymise(text, key="test")
    assert kept in out.text, out.text
    originals = [r.original for r in out.replacements]
    assert not any(kept in o or o in kept for o in originals), originals
    for name in gone:
        assert any(name in o for o in originals), (name, out.text)


@pytest.mark.parametrize(("text", "gone"), [
    # a unit or a public building named by its town or its own name still goes
    ("Baby was moved to Kelsford Neonatal Unit overnight.", "Kelsford"),
    ("Mum went to Kelsford Labour Ward at 02:00.", "Kelsford"),
    ("Ward 32 (Lantern Neonatal Unit) for 9 days.", "Lantern"),
    ("Meeting at Kelsford Town Hall on Monday.", "Kelsford"),
    ("Mum attended Kelsford Family Hub with Tayo.", "Kelsford"),
    ("Met at Kelsford Leisure Centre.", "Kelsford"),
    ("Mum went to Kelsford Council Offices.", "Kelsford"),
    ("Meeting at Kelsford Civic Centre on Monday.", "Kelsford"),
    # streets named with those words, and people named like a score or a show
    ("Dad lives on Library Road.", "Library Road"),
    ("Dad lives on Coronation Street.", "Coronation Street"),
    ("Mrs Finnegan said the baby was unsettled.", "Finnegan"),
    ("Mr Bishop scored him at the clinic.", "Bishop"),
    ("Kaye Walker (OT) visited on Monday.", "Kaye Walker"),
    ("Tayo said Ben and Holly came to contact.", "Holly"),
])
def test_places_and_people_named_like_those_words_still_go(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "kept", "gone"), [
    # role shorthand: a family liaison officer, a solicitor's grade, an interpreter, Reception
    ("| 04/05 | FLO | Rang Dad about the visit |", "FLO", []),
    ("Signed: K. Arbuthnot (FLO)", "FLO", ["Arbuthnot"]),
    ("Statement drafted for Miriam Tollemache (Associate) at the firm.", "Associate",
     ["Miriam Tollemache"]),
    ("Review held with interp. present; Dad spoke through the interp.", "interp", []),
    ("Police used PPP overnight and Tayo was placed with carers.", "PPP", ["Tayo"]),
    # a territory, family words in Nepali, Cantonese and Arabic, an honorific before a name
    ("Dad's parents are both in Hong Kong now.", "Hong Kong", []),
    ("Copies of the HK school year reports were shared.", "HK", []),
    ("Grandparents moved back to Macau last year.", "Macau", []),
    ("Hajurama and Hajurbuwa look after the baby.", "Hajurbuwa", []),
    ("Bajai cooks most evenings and Aama works nights.", "Bajai", []),
    ("Popo collects him from school on Fridays.", "Popo", []),
    ("Hajja Zainab Alawi said she would help with the children.", "Hajja",
     ["Zainab Alawi"]),
    # practice and public terms, youth groups, a regiment, trainers, a membership system
    ("Gas Safe certificate seen for the boiler.", "Gas Safe", []),
    ("She started Rainbows last week and her brother goes to Cubs.", "Rainbows", []),
    ("Dad served twelve years in the Royal Gurkha Rifles.", "Royal Gurkha Rifles", []),
    ("Home Office GWF (lead applicant): GWF093318427", "GWF", ["GWF093318427"]),
    ("Whooley Qs asked at the booking visit, both no.", "Whooley Qs", []),
    ("He wore new Air Force 1 trainers to contact.", "Air Force", []),
    ("Swim sessions booked on Gladstone for Kerensa.", "Gladstone", ["Kerensa"]),
])
def test_role_shorthand_family_words_and_public_terms_stay_and_names_go(text, kept, gone):
    out = anonymise(text, key="test")
    assert kept in out.text, out.text
    originals = [r.original for r in out.replacements]
    for name in gone:
        assert any(name in o for o in originals), (name, out.text)


@pytest.mark.parametrize(("text", "gone"), [
    # a surname, a given name and a street named with those words still go
    ("Mr Gladstone said he would attend the review.", "Gladstone"),
    ("Flo said she was fine after school.", "Flo"),
    ("Mum lives at 7 Rec Road with the children.", "Rec Road"),
])
def test_names_and_streets_named_like_those_words_still_go(text, gone):
    assert gone not in anonymise(text, key="test").text
