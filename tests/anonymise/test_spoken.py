"""Identifiers read aloud into speech-to-text dictation (:mod:`auditlib.anonymise.spoken`):
digits as words, the NATO alphabet, names spelled letter by letter, emails, house numbers in
words; and the ordinary prose round them kept. Every sentence here is invented; phone numbers
are in Ofcom's drama ranges, NHS numbers in the 999 range or invented."""
from __future__ import annotations

import pytest

from auditlib.anonymise.spans import Mask
from auditlib.anonymise.spoken import find_spoken


def spoken(text: str) -> dict[str, str]:
    return {text[s.start:s.end]: s.kind for s in find_spoken(text, Mask(len(text)))}


# ---------------------------------------------------------------- digits as words

@pytest.mark.parametrize(("text", "number", "kind"), [
    # eleven digits from 0: a phone, with "double"/"treble" repeating a digit
    ("Her mobile is oh seven seven zero zero nine double oh one two three, texts only.",
     "oh seven seven zero zero nine double oh one two three", "phone"),
    ("Landline: zero one one three four nine six zero eight eight one.",
     "zero one one three four nine six zero eight eight one", "phone"),
    ("Rang the duty desk on nought one six one four nine six treble oh two.",
     "nought one six one four nine six treble oh two", "phone"),
    ("Direct dial oh 1 6 3 two nine six oh one five five, ask for the duty worker.",
     "oh 1 6 3 two nine six oh one five five", "phone"),
    # after an extension or bleep cue
    ("Ward sister on extension four four one two.", "four four one two", "phone"),
    # ten digits after an NHS label, whatever the check digit
    ("NHS no nine nine nine three four seven six five nine one for the baby.",
     "nine nine nine three four seven six five nine one", "nhs_number"),
    ("His NHS number is four zero one double two three three nine eight one.",
     "four zero one double two three three nine eight one", "nhs_number"),
    # three digits or more after a reference cue
    ("Incident log five five three of this morning refers.", "five five three", "reference"),
    ("PC Yates, shoulder number two two six one, attended.", "two two six one", "reference"),
    ("Crime reference one four seven seven two nine was given.",
     "one four seven seven two nine", "reference"),
    ("The case number is three oh eight eight one.", "three oh eight eight one", "reference"),
    # six digits or more with no cue
    ("She read out eight two four four one nine three from the letter.",
     "eight two four four one nine three", "reference"),
])
def test_digits_read_as_words_are_found_by_their_cue_and_length(text, number, kind):
    assert spoken(text).get(number) == kind, spoken(text)


def test_a_spoken_phone_has_the_key_of_the_written_one():
    text = "Call oh one six three two nine six oh one five five."
    (span,) = find_spoken(text, Mask(len(text)))
    assert span.key == "01632960155"


# ---------------------------------------------------------------- the NATO alphabet

@pytest.mark.parametrize(("text", "code", "kind"), [
    # a postcode, whole or outward after "post code"
    ("Post code is lima sierra one one alpha bravo.", "lima sierra one one alpha bravo",
     "postcode"),
    ("Address confirmed, postcode Mike two one four Tango Romeo.",
     "Mike two one four Tango Romeo", "postcode"),
    ("post code BRAVO DELTA NINE, the rest not heard.", "BRAVO DELTA NINE", "postcode"),
    # a plate: its shape, or a vehicle word before it; "whisky", "x-ray", "juliett"
    ("Silver Astra, Bravo Delta one five X-ray Hotel Whisky, outside the flat.",
     "Bravo Delta one five X-ray Hotel Whisky", "vehicle"),
    ("A grey van Yankee Kilo six eight Charlie Juliett November was seen.",
     "Yankee Kilo six eight Charlie Juliett November", "vehicle"),
    ("Reg was xray alpha one two bravo charlie delta.", "xray alpha one two bravo charlie delta",
     "vehicle"),
    ("The car was a silver Golf Lima Mike one eight Kilo Papa Foxtrot.",
     "Lima Mike one eight Kilo Papa Foxtrot", "vehicle"),
    # otherwise a reference, NATO words or capitals with the digits
    ("Reference Golf Tango seven seven four one on the letter.",
     "Golf Tango seven seven four one", "reference"),
    ("Their ref is K-L-M two zero four four.", "K-L-M two zero four four", "reference"),
    # letters that are also an acronym still open the code they are read with
    ("The letter's reference is C-S-C four four one nine.", "C-S-C four four one nine",
     "reference"),
])
def test_nato_words_and_letters_with_spoken_digits_are_found(text, code, kind):
    assert spoken(text).get(code) == kind, spoken(text)


def test_a_spoken_postcode_has_the_key_of_the_written_one():
    text = "post code lima sierra one one alpha bravo"
    (span,) = find_spoken(text, Mask(len(text)))
    assert (span.kind, span.key) == ("postcode", "LS11AB")


# ---------------------------------------------------------------- names spelled out

@pytest.mark.parametrize(("text", "spelling", "name"), [
    ("Her surname is Okonkwo, O-K-O-N-K-W-O.", "O-K-O-N-K-W-O", "Okonkwo"),
    ("Grandad's name is spelt M A R S D E N on the form.", "M A R S D E N", "Marsden"),
    ("The teacher is Mr Lee, that's L-E-E.", "L-E-E", "Lee"),
    ("Foster carer confirmed K-E-I-R-A as the child's name.", "K-E-I-R-A", "Keira"),
    ("Mum's maiden name P O double L I T T.", "P O double L I T T", "Pollitt"),
    ("Uncle's surname, that's Sierra Zulu Alpha Bravo Oscar.",
     "Sierra Zulu Alpha Bravo Oscar", "Szabo"),
])
def test_names_spelled_letter_by_letter_are_names(text, spelling, name):
    spans = {text[s.start:s.end]: s for s in find_spoken(text, Mask(len(text)))}
    assert spelling in spans, spans
    assert (spans[spelling].kind, spans[spelling].words) == ("name", (name,))


def test_the_name_said_beside_its_spelling_goes_too():
    found = spoken("Spoke to Ms Brannigan, B-R-A-N-N-I-G-A-N, about Brannigan family time.")
    assert found.get("B-R-A-N-N-I-G-A-N") == "name"
    assert found.get("Brannigan") == "name"


# ---------------------------------------------------------------- emails read aloud

@pytest.mark.parametrize(("text", "email", "key"), [
    ("Her email is sam dot bright at example dot co dot uk for the minutes.",
     "sam dot bright at example dot co dot uk", "sam.bright@example.co.uk"),
    ("Send it to j underscore khan at northfield academy dot sch dot uk please.",
     "j underscore khan at northfield academy dot sch dot uk", "j_khan@northfieldacademy.sch.uk"),
    ("Email address: tom dot reid at hotmail dot com.", "tom dot reid at hotmail dot com",
     "tom.reid@hotmail.com"),
    ("Contact him on rj dash walsh at brookfield care dot org",
     "rj dash walsh at brookfield care dot org", "rj-walsh@brookfieldcare.org"),
])
def test_spoken_emails_are_found_from_the_cue_to_the_last_dot(text, email, key):
    spans = {text[s.start:s.end]: s for s in find_spoken(text, Mask(len(text)))}
    assert email in spans, spans
    assert (spans[email].kind, spans[email].key) == ("email", key)


# ---------------------------------------------------------------- house numbers in words

@pytest.mark.parametrize(("text", "address"), [
    ("They now live at twenty seven Hawthorn Avenue with Nan.", "twenty seven Hawthorn Avenue"),
    ("Moved to one hundred and twelve Kingsley Road last month.",
     "one hundred and twelve Kingsley Road"),
    ("Visit at three Old Mill Lane, nobody in.", "three Old Mill Lane"),
    ("Dad is at Flat 2, fifteen Carrington Street.", "fifteen Carrington Street"),
    ("The address is four one two Ferndale Close.", "four one two Ferndale Close"),
])
def test_a_house_number_in_words_goes_with_its_street(text, address):
    assert spoken(text).get(address) == "address", spoken(text)


# ---------------------------------------------------------------- ordinary prose kept

@pytest.mark.parametrize("text", [
    "She has seen him one or two times since the summer.",
    "At one point he ran off towards the park.",
    "He caught the nine o'clock bus to school.",
    "Two of them were in the room when I arrived.",
    "He is nine and in Year four at school.",
    "We waited ten minutes and then left; about four weeks later she rang.",
    "Dad counted one two three four five six on the stairs with her.",
    "Count down: case nine eight seven six five four three two one, then go.",
    "Told to call nine nine nine if worried.",
    "He went to A-E on Friday and the C-S team saw him; I O U note found.",
    "Mum took him to A and E, then A-E two three times in a month.",
    "The table was marked Y N N Y for the four questions.",
    "Predicted grades A B B C in her exams.",
    "Mike and Charlie came to the door, then Oscar.",
    "Victor Oscar Romeo are the three brothers.",
    "Grandad played golf two times and stayed at the hotel one night.",
    "She likes dot to dot puzzles at home, and is at school most days.",
    "Oh no, oh well, she said, one day at a time.",
    "Teacher said he could spell C-A-T and D-O-G now, and S-T-O-P.",
    "C H I L D  P R O T E C T I O N  P L A N",
    "Alpha Bravo Charlie Delta is on the classroom wall.",
    "One Saturday two Park Rangers came to the Green.",
    "Digits as written, 0 7 7 0 0 9 0 0 1 2 3, are the phone finder's.",
    "The A-B-C-D list and the C-A-M-H-S referral.",
    "Log in one two three times a week to the portal.",
])
def test_ordinary_prose_round_numbers_and_letters_gives_nothing(text):
    assert spoken(text) == {}


def test_nothing_is_found_inside_a_protected_term():
    text = "Ref: Golf Tango seven seven four one."
    protected = Mask(len(text))
    protected.add(0, len(text))
    assert find_spoken(text, protected) == []


def test_a_dictated_call_loses_its_identifiers_through_the_anonymiser():
    from auditlib.anonymise import anonymise

    text = ("caller said it's Joanne Whitfield that's W-H-I-T-F-I-E-L-D my direct line is oh "
            "one six three two nine six oh one nine three and the post code is alpha sierra "
            "four six delta whiskey, he is nine and sees Dad one or two times a month")
    out = anonymise(text, key="test").text
    for gone in ("W-H-I-T", "oh one six", "alpha sierra", "Whitfield"):
        assert gone not in out, out
    assert "he is nine and sees Dad one or two times a month" in out, out
    # the spelling is the person just named: one placeholder
    assert out.count("[Name 1]") == 2, out
