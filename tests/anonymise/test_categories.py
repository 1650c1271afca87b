"""Issue 15: each category the outside check found leaking, tested as a category (shapes and
contexts), not by the check's own examples; and the held-out corpus kept apart and scored.

All data is fictional: phone numbers in Ofcom's drama ranges, NHS numbers in the 999 range.
"""
from __future__ import annotations

import re

import pytest

from auditlib.anonymise import anonymise, anonymise_file, evaluate, parse_labelled
from tests.conftest import ROOT

HELD_OUT = ROOT / "tests" / "anonymise" / "corpus" / "held-out"


def found(text: str) -> dict[str, str]:
    return {r.original: r.kind for r in anonymise(text, key="test").replacements}


# ---------------------------------------------------------------- vehicle registrations

@pytest.mark.parametrize(("text", "plate"), [
    ("Seen getting into a car, AB51 CDE, outside.", "AB51 CDE"),          # current, 2001-
    ("The plate was ND07XYZ on the camera.", "ND07XYZ"),                  # without a space
    ("An old van, registration K123 LMN, parked up.", "K123 LMN"),        # prefix, to 2001
    ("His dad drove a GHJ 456T that day.", "GHJ 456T"),                   # suffix, to 1983
])
def test_vehicle_registrations_in_every_uk_shape_are_removed(text, plate):
    assert found(text).get(plate) == "vehicle"


@pytest.mark.parametrize(("text", "plate"), [
    ("A blue Fiesta, plate LD70 K.. (the rest not seen), drove off.", "LD70 K.."),
    ("Neighbour only got YR68 ??? before it turned.", "YR68 ???"),
    ("CCTV shows a van, WN21 **, at the gate.", "WN21 **"),
])
def test_a_current_plate_with_its_unread_letters_masked_goes(text, plate):
    assert found(text).get(plate) == "vehicle", found(text)


@pytest.mark.parametrize("text", [
    "He is in Y7 SEN support at school.",      # a year group and an acronym
    "Road works on the A629 near school.",     # a road
    "She got 5 GCSEs in summer.",
])
def test_shapes_like_older_plates_without_a_vehicle_nearby_are_kept(text):
    assert not any(k == "vehicle" for k in found(text).values()), found(text)


def test_car_makes_and_models_are_not_names_but_a_surname_ford_still_is():
    result = found("Mum has a Vauxhall Astra and Jane Ford drives a Kia.")
    assert "Vauxhall Astra" not in result and "Kia" not in result
    assert result.get("Jane Ford") == "name"


# ---------------------------------------------------------------- police numbers

@pytest.mark.parametrize(("text", "number"), [
    ("Attended by PC 6612 and another officer.", "6612"),
    ("Attended by PCSO7731 on foot.", "7731"),
    ("Officer: Sgt Ellery (1456) attended.", "1456"),
    ("Collar number 2209 gave the account.", "2209"),
    ("Police log 0732 of 02/12 refers.", "0732"),
    ("CAD 4411 was raised overnight.", "4411"),
    ("See incident no. 551 for the history.", "551"),
])
def test_police_collar_log_and_incident_numbers_are_references(text, number):
    assert found(text).get(number) == "reference"


@pytest.mark.parametrize(("text", "number"), [
    ("Boiler job raised, J-7730142, engineer Tuesday.", "J-7730142"),
    ("Window repair (W-44120) still outstanding.", "W-44120"),
])
def test_one_letter_and_a_long_number_is_a_reference(text, number):
    assert found(text).get(number) == "reference", found(text)


def test_one_letter_and_a_short_number_stays():
    out = anonymise("Use form C-12 and plan B-2 for the meeting.", key="test").text
    assert "C-12" in out and "B-2" in out, out


def test_short_numbers_without_a_police_label_stay():
    kept = "She scored 412 points and walked 3000 steps."
    assert anonymise(kept, key="k").text == kept


# ---------------------------------------------------------------- social media handles

@pytest.mark.parametrize(("text", "handle"), [
    ("Messages came from @lil_jay.22 last night.", "@lil_jay.22"),
    ("He uses Snapchat as jay.b_07 with friends.", "jay.b_07"),
    ("Her TikTok username: mia.xo_x is public.", "mia.xo_x"),
    ("He games on Xbox under the name Shadow_99 most nights.", "Shadow_99"),
])
def test_social_media_handles_are_removed(text, handle):
    assert found(text).get(handle) == "handle"


@pytest.mark.parametrize(("text", "tag"), [
    ('Fresh graffiti on the bins: his tag "KRZ77" again.', "KRZ77"),
    ("Tag ZED_09 sprayed on the underpass wall.", "ZED_09"),
])
def test_a_graffiti_tag_is_a_handle(text, tag):
    assert found(text).get(tag) == "handle", found(text)


def test_a_handle_token_without_a_platform_nearby_and_email_addresses_are_not_handles():
    result = found("The file is v2_final.docx; email mia.s@example.org at 10.30.")
    assert result == {"mia.s@example.org": "email"}


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize(("text", "date"), [
    ("Seen on 3 Jun 22 at home.", "3 Jun 22"),
    ("Seen on 14 October 21.", "14 October 21"),
    ("Visit on 9/4 went well.", "9/4"),
    ("Seen 21/1 by the nurse.", "21/1"),
    ("Seen on Wed 3/7 at school.", "Wed 3/7"),
])
def test_two_digit_years_and_short_day_month_dates_are_moved(text, date):
    assert found(text).get(date) == "date"


@pytest.mark.parametrize("text", [
    "She scored 8/10 in the test.", "He ate 1/2 of it.", "Support is 24/7.",
    "On 3 May 10:30 the meeting began.", "By 4 June 14 children had left.",
])
def test_fractions_scores_times_and_counts_are_not_years(text):
    result = anonymise(text, key="k")
    assert all(not re.search(r"\d{1,2}/\d{1,2}|10:30|14 children", r.original)
               for r in result.replacements), result.replacements


def test_a_date_of_birth_does_not_give_its_year_to_later_dates_without_one():
    # a birth in 2016, then a 2023 chronology; "Fri 10 Nov" is a Friday in 2023, not 2016
    text = "DOB 02/02/2016. Seen Fri 10 Nov and on 17 Nov."
    result = anonymise(text, date_shift_days=7)
    assert "Fri 17 Nov" in result.text and "on 24 Nov" in result.text


def test_a_written_weekday_chooses_the_year_of_a_date_without_one():
    result = anonymise("Review 2/1/2024. Seen Sun 31 Dec.", date_shift_days=7)
    assert "Sun 7 Jan" in result.text        # 31 Dec 2023 was a Sunday; 2024's a Tuesday


def test_dates_without_a_year_keep_their_order_and_intervals_across_february():
    text = "DOB 12/06/2011. Seen 27/2/24, then 28/2, 29/2 and 01/03."
    result = anonymise(text, date_shift_days=14)
    assert result.text.endswith("then 13/3, 14/3 and 15/03.")


# ---------------------------------------------------------------- names

def test_a_surname_that_is_a_word_joins_a_known_first_name_and_recurs():
    result = anonymise("Victim: Chloe Marsh and Liam Day. Later Day said no. Day 3 passed. "
                       "The Day Centre rang.", key="k")
    assert result.text == ("Victim: [Name 1] and [Name 2]. Later [Name 2] said no. Day 3 "
                           "passed. The Day Centre rang.")


def test_a_given_name_the_lists_lack_before_a_listed_surname():
    assert found("Present: Fielding Smith and the IRO.").get("Fielding Smith") == "name"


def test_a_nickname_gets_the_placeholder_of_the_full_name():
    result = anonymise('Kai Brennan, known as "Spud", was seen. Spud said he was fine.',
                       key="k")
    assert result.text == '[Name 1], known as "[Name 1]", was seen. [Name 1] said he was fine.'


# ---------------------------------------------------------------- institutions

@pytest.mark.parametrize(("text", "place"), [
    ("Seen at St Luke's Hospital today.", "St Luke's Hospital"),
    ("Seen at Hillside Dental Practice today.", "Hillside Dental Practice"),
    ("Seen at the Brampton Road Clinic today.", "Brampton Road Clinic"),
    ("Admitted to Ysbyty Glan Clwyd overnight.", "Ysbyty Glan Clwyd"),
    ("Collected from Moorgate Pharmacy.", "Moorgate Pharmacy"),
])
def test_health_services_are_one_placeholder_with_their_type_word(text, place):
    result = anonymise(text, key="k")
    assert found(text).get(place) == "health"
    assert "[Health service 1]" in result.text


def test_a_generic_hospital_stays():
    kept = "Taken to the General Hospital and then the Children's Hospital."
    assert anonymise(kept, key="k").text == kept


# ---------------------------------------------------------------- text kept as written

def test_windows_line_endings_and_brackets_round_a_phone_number_are_kept(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"Mum (07700 900456) rang.\r\nTel (0113) 496 0001.\r\n")
    anonymise_file(source, tmp_path / "out.txt", key="k")
    assert (tmp_path / "out.txt").read_bytes() == \
        b"Mum ([Phone 1]) rang.\r\nTel [Phone 2].\r\n"


@pytest.mark.parametrize("text", [
    "Operation Makesafe training was given.",
    "The Family Nurse Partnership and Flying Start are involved.",
    "She is close to Mamgu and Tadcu.",
    "A Domestic Violence Protection Order was granted.",
])
def test_kept_terms_from_the_data_file_stay_readable(text):
    assert anonymise(text, key="k").text == text


# ---------------------------------------------------------------- held-out corpus

def held_out() -> list[str]:
    return read_marked(HELD_OUT)


def test_held_out_notes_are_labelled_short_case_notes_one_with_windows_line_endings():
    texts = held_out()
    assert len(texts) >= 4
    assert any("\r\n" in t for t in texts)
    for marked in texts:
        plain, labels = parse_labelled(marked)
        assert 150 <= len(plain.split()) <= 400
        for lab in labels:
            assert plain[lab.start:lab.end] == lab.text


# Each held-out folder was written by someone who had not seen the code and scored once, before
# any rule was changed for it (the first scores are in the docstring of
# benchmarks/anonymise.py); its misses were then fixed by category, never by its own sentences.
# The floors sit just under what each scores now: a guard against regressions, not a target. A
# new folder gets its floor here once it has been scored.
HELD_OUT_FLOORS = {"held-out": 0.99, "held-out-2": 0.99, "held-out-3": 0.98,
                   "held-out-4": 0.99, "held-out-5": 0.99, "held-out-6": 0.99,
                   "held-out-7": 0.99,    # 92.3% first; 99.6% after its category fixes
                   "held-out-8": 0.99,   # 91.2% first; 100% after its category fixes
                   "held-out-9": 0.99,   # 91.9% first; 100% after its category fixes
                   "held-out-10": 0.99,  # 90.9% first (92.8%: possessive rule); 99.7% after
                   "held-out-11": 0.99,  # 89.7% first; 100% after its category fixes
                   "held-out-12": 0.99,  # 94.0% first; 99.7% after its category fixes
                   "held-out-13": 0.99,  # 91.8% first; 100% after its category fixes
                   "held-out-14": 0.99,  # 94.4% first; 99.3% after its category fixes
                   "held-out-15": 0.99,  # 94.9% first; 99.4% after its category fixes
                   "held-out-16": 0.99,  # 96.9% first; 99.4% after its category fixes
                   "held-out-17": 0.97,  # 92.2% first (94.5% without weekdays); 97.2% after
                   "held-out-18": 0.99,  # 89.9% first; 99.7% after its category fixes
                   "held-out-19": 0.99,  # 94.1% first; 100% after its category fixes
                   "held-out-20": 0.99,  # 96.0% first; 100% after its category fixes
                   "held-out-21": 0.99,  # 91.2% first; 99.7% after its category fixes
                   "held-out-22": 0.98,  # 92.5% first; 98.4% after its category fixes
                   "held-out-23": 0.96,  # 90.4% first; 96.6% after its category fixes
                   "held-out-24": 0.99,  # 93.8% first; 99.1% after its category fixes
                   "held-out-25": 0.98,  # 89.3% first; 98.7% after its category fixes
                   "held-out-26": 0.97,  # 90.0% first; 97.4% after its category fixes
                   "held-out-27": 0.97,  # 96.0% first; 97.8% after its category fixes
                   "held-out-28": 0.98,  # 90.6% first; 98.0% after its category fixes
                   "held-out-29": 0.94,  # 91.2% first; 94.8% after (7 weekdays by design)
                   "held-out-30": 0.98,  # 94.0% first; 98.3% after its category fixes
                   "held-out-31": 0.98,  # 94.1% first; 98.7% after its category fixes
                   "held-out-32": 0.99,  # 96.8% first; 99.4% after its category fixes
                   "held-out-33": 0.96,  # 89.4% first; 96.5% after (4 weekdays by design)
                   "held-out-34": 0.96,  # 91.8% first; 96.5% after its category fixes
                   "held-out-35": 0.95,  # 93.5% first; 95.8% after (6 times in date labels)
                   "held-out-36": 0.96,  # 96.2% first; 96.8% after its category fixes
                   "held-out-37": 0.95,  # 94.3% first; 95.3% after its category fixes
                   "held-out-38": 0.99,  # 93.8% first; 99.0% after its category fixes
                   "held-out-39": 0.98,  # 88.8% first; 98.1% after its category fixes
                   "held-out-40": 0.97,  # 94.1% first; 97.4% after its category fixes
                   "held-out-41": 0.95,  # 84.7% first; 95.4% after its category fixes
                   "held-out-42": 0.97,  # 95.0% first (301/317); 97.2% after
                   "held-out-43": 0.97,  # 95.5% first; 97.8% after its category fixes
                   "held-out-44": 0.97,  # 95.9% first; 97.5% after its category fixes
                   "held-out-45": 0.96}  # 94.6% first; 96.8% after its category fixes


def read_marked(folder) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as f:
            texts.append(f.read())
    return texts


@pytest.mark.parametrize("folder", sorted(p.name for p in HELD_OUT.parent.glob("held-out*")
                                          if p.is_dir()))
def test_held_out_recall_is_recorded_not_tuned(folder):
    assert folder in HELD_OUT_FLOORS, (
        f"{folder}: score it once with benchmarks/anonymise.py, record the first score in its "
        "docstring and a floor in HELD_OUT_FLOORS")
    scores = evaluate(read_marked(HELD_OUT.parent / folder), key="held-out")
    kinds = scores["kinds"].values()
    recall = sum(s["found"] for s in kinds) / sum(s["labelled"] for s in kinds)
    assert recall >= HELD_OUT_FLOORS[folder], scores["misses"]


# ================================================================ issue 15, second round
# Categories the held-out notes still leaked, each tested on sentences written for it.

# ---------------------------------------------------------------- Welsh addresses

@pytest.mark.parametrize(("text", "address"), [
    ("Mam lives at 12 Stryd y Castell with the twins.", "12 Stryd y Castell"),
    ("The family moved to 4 Heol Tŷ Gwyn last month.", "4 Heol Tŷ Gwyn"),
    ("Visited 9 Lôn Goed after school.", "9 Lôn Goed"),
    ("Nain's flat is at 21 Ffordd Penrhyn, Bangor.", "21 Ffordd Penrhyn, Bangor"),
    ("Post goes to 6 Rhodfa'r Môr now.", "6 Rhodfa'r Môr"),
    ("Contact at 15 Maes yr Ysgol was calm.", "15 Maes yr Ysgol"),
    ("He stays at 2 Cae Bryn Ŵyn most weekends.", "2 Cae Bryn Ŵyn"),
    ("Taid lives at Bwthyn Eithin, 3 Lôn Uchaf.", "Bwthyn Eithin, 3 Lôn Uchaf"),
])
def test_welsh_street_names_with_a_house_number_are_addresses(text, address):
    assert found(text).get(address) == "address", found(text)


@pytest.mark.parametrize(("text", "address"), [
    ("Dad has rented a house on Ffordd Glyndŵr.", "Ffordd Glyndŵr"),
    ("They were seen walking along Heol Eglwys.", "Heol Eglwys"),
])
def test_a_welsh_street_without_a_number_is_an_address(text, address):
    assert found(text).get(address) == "address", found(text)


def test_welsh_words_that_are_not_a_street_stay():
    kept = "Nain said 3 times that the cae was muddy. She has 2 maes of sheep."
    assert anonymise(kept, key="k").text == kept


# ---------------------------------------------------------------- dates written in Welsh

@pytest.mark.parametrize(("text", "date"), [
    ("Ymweliad ar Dydd Mercher 6 Mawrth 2024 gyda Mam.", "Dydd Mercher 6 Mawrth 2024"),
    ("Cyfarfod ar 12fed o Fedi 2023.", "12fed o Fedi 2023"),
    ("Seen on 3ydd o Fai at the school.", "3ydd o Fai"),
    ("Review held 30 Tachwedd 2022 with the IRO.", "30 Tachwedd 2022"),
    ("Moved on 1af Ionawr 2024.", "1af Ionawr 2024"),
    ("The plan changed on 21ain o Orffennaf 2023.", "21ain o Orffennaf 2023"),
    ("Seen ddydd Gwener 9 Chwefror 2024.", "ddydd Gwener 9 Chwefror 2024"),
    ("Conference in Rhagfyr 2023.", "Rhagfyr 2023"),
])
def test_dates_written_in_welsh_are_moved(text, date):
    assert found(text).get(date) == "date", found(text)


def test_welsh_dates_move_in_welsh_keeping_mutation_weekday_and_order():
    text = ("Dydd Llun 4 Mawrth 2024: ymweliad. 11eg o Fawrth 2024: cyfarfod. "
            "25ain o Fawrth: adolygiad.")
    result = anonymise(text, date_shift_days=7)
    assert result.text == ("Dydd Llun 11 Mawrth 2024: ymweliad. 18fed o Fawrth 2024: cyfarfod. "
                           "1af o Ebrill: adolygiad.")
    result = anonymise("Dydd Llun 4 Mawrth 2024 a 29ain o Fehefin 2024.", date_shift_days=2)
    assert result.text == "Dydd Mercher 6 Mawrth 2024 a 1af o Orffennaf 2024."


def test_mai_medi_and_awst_are_months_only_next_to_a_day_number():
    text = "Mai said Medi and Awst were at home. Mawrth is Tuesday in Welsh."
    result = anonymise(text, key="k")
    assert not any(r.kind == "date" for r in result.replacements), result.replacements
    assert found("Mai was seen on 14 Mai 2024.").get("14 Mai 2024") == "date"


# ---------------------------------------------------------------- month-then-day, bare ordinals

@pytest.mark.parametrize(("text", "date"), [
    ("Mum rang on Feb 26 about the visit.", "Feb 26"),
    ("Next review is March 3rd.", "March 3rd"),
    ("Seen on Sept 9 with Nan.", "Sept 9"),
    ("Contact resumed Oct 14, as agreed.", "Oct 14"),
    ("Due by Jan 5.", "Jan 5"),
])
def test_month_then_day_without_a_year_is_a_date(text, date):
    assert found(text).get(date) == "date", found(text)


@pytest.mark.parametrize(("text", "date"), [
    ("Seen 12 March 2024. Kai was seen again on the 26th.", "26th"),
    ("Review 2 May 2024. The report is due by the 3rd, and Mum knows.", "3rd"),
    ("Visit 4 June 2024. From the 10th to the 14th he stays with Nan.", "14th"),
    ("Plan 1 July 2024; the next visit is on the 9th at home.", "9th"),
])
def test_a_bare_ordinal_day_after_on_or_by_is_a_date(text, date):
    assert found(text).get(date) == "date", found(text)


def test_a_bare_ordinal_day_moves_in_the_month_of_the_entry_before_it_keeping_order():
    text = "Seen 20 March 2024. Seen again on the 28th and then by the 2nd."
    result = anonymise(text, date_shift_days=7)
    # the 28th is 28 March; the 2nd, being before the 20th, is 2 April: both move a week
    assert result.text == "Seen 27 March 2024. Seen again on the 4th and then by the 9th."


def test_a_list_of_ordinal_days_moves_together():
    result = anonymise("Seen 10 May 2024. Contact on the 14th, 15th and 17th.", date_shift_days=3)
    assert result.text == "Seen 13 May 2024. Contact on the 17th, 18th and 20th."


@pytest.mark.parametrize("text", [
    "May 3 children come to the group?",
    "He lives on the 3rd floor and came 2nd in the race.",
    "Her flat is on the 2nd and 3rd floors.",
    "Money arrives on the 1st of every month; rent by the 5th each month.",
    "It was the 4th time he ran off; on the 2nd visit he hid.",
    "She has March 12 weeks away for respite.",
])
def test_counts_floors_and_places_in_a_race_are_not_dates(text):
    assert not any(r.kind == "date" for r in anonymise(text, key="k").replacements), \
        anonymise(text, key="k").replacements


# ---------------------------------------------------------------- usernames with no cue word

@pytest.mark.parametrize(("text", "handle"), [
    ("He talks to dark_wolf_77 on Discord every night.", "dark_wolf_77"),
    ("Snapchat messages from tyler.m09 were shown to the worker.", "tyler.m09"),
    ("On Instagram, xX_k1ra_Xx keeps adding her.", "xX_k1ra_Xx"),
    ("She says rosie_b_2010 is her TikTok.", "rosie_b_2010"),
    ("Mum found chats with 'lilmo_2008' on his phone.", "lilmo_2008"),
    ("He plays Fortnite with ghostrider2011 after school.", "ghostrider2011"),
])
def test_username_shaped_tokens_in_an_online_context_are_handles(text, handle):
    assert found(text).get(handle) == "handle", found(text)


@pytest.mark.parametrize("text", [
    "He got a PS5 and plays FIFA23 on Xbox360 with his cousin online.",
    "The Snapchat screenshots were saved as report_v2.pdf for the police.",
    "She has 2 Instagram accounts and posts at 10.30 most days.",
    "Kai plays Roblox in Y7 and has a 4x4 toy.",
])
def test_ordinary_words_devices_files_and_times_near_a_platform_stay(text):
    assert not any(r.kind == "handle" for r in anonymise(text, key="k").replacements), \
        anonymise(text, key="k").replacements


# ---------------------------------------------------------------- officer after a collar number

@pytest.mark.parametrize(("text", "name"), [
    ("Attended by PC 2719 Hill at 9pm.", "Hill"),
    ("Present: DC 448 Bird and a social worker.", "Bird"),
    ("Statement from Sgt. 3302 Frost (response team).", "Frost"),
    ("Discussed with PC 5120 Young on the phone.", "Young"),
    ("Information from DS 907 Ward was shared.", "Ward"),
    ("Officer PC4406 Lamb, at the door, spoke to Mum.", "Lamb"),
])
def test_an_officers_name_after_rank_and_collar_number_is_removed(text, name):
    result = found(text)
    assert result.get(name) == "name", result
    assert any(k == "reference" for k in result.values())


def test_a_collar_number_with_no_name_after_keeps_the_next_word():
    result = anonymise("PC 2719 Attended and PC 3040 then left.", key="k")
    assert result.text == "PC [Reference 1] Attended and PC [Reference 2] then left."


# ---------------------------------------------------------------- towns starting a sentence

@pytest.mark.parametrize(("text", "town"), [
    ("Dad moved away last year. Wakefield is where he lives now.", "Wakefield"),
    ("Swansea: Mum's sister has offered a room.", "Swansea"),
    ("Caernarfon seemed a long way for contact.", "Caernarfon"),
    ("Kettering has a refuge space.", "Kettering"),
    ("Paisley, where Gran is, was discussed.", "Paisley"),
])
def test_a_town_starting_a_sentence_is_removed_as_mid_sentence(text, town):
    assert found(text).get(town) == "name", found(text)


def test_words_that_are_also_towns_stay_at_a_sentence_start():
    kept = "Reading is improving. Bath time is calm. Street safety was discussed."
    assert anonymise(kept, key="k").text == kept


# ---------------------------------------------------------------- charities, paper, roads

@pytest.mark.parametrize("text", [
    "Mum was referred to Mind for counselling.",
    "Mind have offered her a peer group.",
    "She rang Childline twice last week.",
    "The couple were referred to Relate.",
    "Kooth and the Samaritans were both suggested.",
    "A Barnardo's worker and the NSPCC helpline were involved.",
    "Women's Aid offered a refuge place.",
])
def test_charities_named_with_ordinary_words_stay_readable(text):
    assert anonymise(text, key="k").text == text


@pytest.mark.parametrize(("text", "code"), [
    ("The school sent Crayola A3 paper home.", "A3"),
    ("Mum bought Ryman A4 folders for the plan.", "A4"),
    ("The worker used Canson A5 sketchbooks.", "A5"),
    ("Poster printed on the A4 sheet, then the A3 one.", "A4"),
    ("The B12 injection was given by the nurse.", "B12"),
])
def test_paper_sizes_and_codes_are_not_postcodes_plates_or_roads(text, code):
    result = anonymise(text, key="k")
    assert code in result.text, result.replacements


@pytest.mark.parametrize(("text", "road"), [
    ("Dad lives just off the A629 outside town.", "A629"),
    ("They were stopped on the M62 at night.", "M62"),
    ("The house faces the B6265 near the shop.", "B6265"),
    ("Walked along the A5 road to the garage.", "A5"),
])
def test_a_road_number_is_a_place_and_removed_with_the_address(text, road):
    assert found(text).get(road) == "address", found(text)


# ================================================================ third round (held-out-2)
# Categories held-out-2 leaked or over-removed, each tested on sentences written for it.

def kept(text: str) -> None:
    assert anonymise(text, key="k").text == text, anonymise(text, key="k").replacements


# ---------------------------------------------------------------- years alone, tied to an event

@pytest.mark.parametrize(("text", "year"), [
    ("Gran was born in 1961 in Dundee.", "1961"),
    ("They separated in 2017, after the fire.", "2017"),
    ("The family have been known since 2009.", "2009"),
    ("An earlier referral (2016) was closed.", "2016"),
    ("Dad left in early 2020 and came back.", "2020"),
    ("Her tenancy ran 2015 to June 2021.", "2015"),
    ("Known to CAMHS between 2018 and 2019.", "2018"),
])
def test_a_year_tied_to_an_event_is_a_date(text, year):
    assert found(text).get(year) == "date", found(text)


@pytest.mark.parametrize("text", [
    "Her statement ran to 2000 words.",
    "He was home by 2100hrs and in bed at 2230.",
    "The grant was £1500 in 2000 pound steps.",
    "In 2000 cases a year the panel meets.",
    "Referrals rose from 2000 to 3000 a year.",
])
def test_counts_times_and_money_are_not_years(text):
    kept(text)


def test_years_move_with_the_dates_so_their_order_holds():
    text = ("Mum was born in 1990, moved here in 2015 and on 3 March 2015 she signed; since "
            "2019 fine.")
    late = anonymise(text, date_shift_days=280).text     # about nine months on
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", late)]
    assert years == sorted(years) and years[0] == 1991, late
    # a year with a full date of its own moves as that date does: they stay in one year
    assert "in 2015 and on 8 December 2015" in late, late


# ---------------------------------------------------------------- seasons and school terms

@pytest.mark.parametrize(("text", "date"), [
    ("The move is planned for the summer term 2025.", "summer term 2025"),
    ("Exclusions rose in Autumn 2023.", "Autumn 2023"),
    ("A review is due in winter 2026.", "winter 2026"),
    ("Attendance in Spring 2 2024 was 61%.", "Spring 2 2024"),
    ("Her EHCP covers the 2025/26 academic year.", "2025/26"),
])
def test_seasons_and_terms_with_a_year_are_dates(text, date):
    assert found(text).get(date) == "date", found(text)


def test_a_moved_season_is_named_by_the_day_it_stands_for():
    assert anonymise("By the spring term 2025.", date_shift_days=7).text == \
        "By the spring term 2025."
    assert anonymise("By the spring term 2025.", date_shift_days=210).text == \
        "By the autumn term 2025."
    assert anonymise("In the 2024/25 school year.", date_shift_days=210).text == \
        "In the 2025/26 school year."


def test_a_season_without_a_year_stays():
    kept("In spring the garden is used; the summer term is busy.")


# ---------------------------------------------------------------- weekday and day number

@pytest.mark.parametrize(("text", "date"), [
    ("Seen 4 March 2024. Next visit Mon 11th - at home.", "Mon 11th"),
    ("Seen 4 March 2024. Contact Tues 12th with Nan.", "Tues 12th"),
    ("Seen 4 March 2024. Call back Fri 15, as agreed.", "Fri 15"),
    ("Seen 4 March 2024. Weds 13th: home visit.", "Weds 13th"),
])
def test_a_weekday_with_a_day_number_is_a_date(text, date):
    assert found(text).get(date) == "date", found(text)


def test_weekday_days_keep_their_order():
    text = "Seen Mon 4 March 2024. Then Mon 11th and Fri 15."
    assert anonymise(text, date_shift_days=7).text == \
        "Seen Mon 11 March 2024. Then Mon 18th and Fri 22."


def test_a_weekday_before_a_time_or_a_count_stays():
    kept("The group is Fri 7:30 to 9. Sat 3 exams went well.")


# ---------------------------------------------------------------- phone extensions

@pytest.mark.parametrize(("text", "phone"), [
    ("Ring the duty desk on 0113 496 0321 ext. 42 today.", "0113 496 0321 ext. 42"),
    ("Direct line (0161) 496 0755 extn 8 after 2pm.", "(0161) 496 0755 extn 8"),
    ("Reception 020 7946 0818 x219, then press 1.", "020 7946 0818 x219"),
    ("Tel 01632 960456, ext 7.", "01632 960456, ext 7"),
])
def test_a_phone_extension_goes_with_the_number(text, phone):
    assert found(text).get(phone) == "phone", found(text)


def test_a_count_after_a_number_is_not_an_extension():
    result = anonymise("Call 0113 496 0002 x 2 boxes were left.", key="k")
    assert "x 2 boxes" in result.text


# ---------------------------------------------------------------- named facilities

@pytest.mark.parametrize(("text", "place", "kind"), [
    ("Contact happens at Brambleside Family Centre weekly.", "Brambleside Family Centre",
     "address"),
    ("The party is at Hollins Community Centre.", "Hollins Community Centre", "address"),
    ("Mum takes him to Fernlea Children's Centre.", "Fernlea Children's Centre", "address"),
    ("He is on roll at Westgate Learning Centre.", "Westgate Learning Centre", "school"),
    ("She was found at Marlow Road bus station.", "Marlow Road bus station", "address"),
    ("Admitted to Ashdown General overnight.", "Ashdown General", "health"),
    ("Referred to Copperfield Neurodevelopmental Service.",
     "Copperfield Neurodevelopmental Service", "health"),
    ("An ADHD assessment at the Rowan Lodge Centre is booked.", "Rowan Lodge Centre", "health"),
    ("The meeting was held at the Civic Centre.", "Civic Centre", "address"),
])
def test_a_named_facility_goes_whole_with_its_type_word(text, place, kind):
    result = found(text)
    assert result.get(place) == kind or result.get("the " + place) == kind, result


@pytest.mark.parametrize("text", [
    "Sessions are at the Family Centre and a children's centre nearby.",
    "The 0-19 Public Health Nursing Service and Public Health Nursing Service were told.",
    "She was taken to the Police Station and the Attorney General was mentioned.",
])
def test_generic_facilities_and_services_stay(text):
    kept(text)


# ---------------------------------------------------------------- part of a plate

@pytest.mark.parametrize(("text", "plate"), [
    ("Police have a partial reg WN19 only.", "WN19"),
    ("She said the number plate began with BX.", "BX"),
    ("The plate started KM21 and it ended HTP.", "HTP"),
    ("The first three letters of the registration were FYV.", "FYV"),
])
def test_part_of_a_plate_in_a_vehicle_context_is_a_vehicle(text, plate):
    assert found(text).get(plate) == "vehicle", found(text)


def test_registration_words_without_a_plate_stay():
    kept("Her GP registration included NHS details. The school registration started late.")


# ---------------------------------------------------------------- usernames in mixed case

@pytest.mark.parametrize(("text", "handle"), [
    ("On Snapchat she talks to xXMoonGirlXx most nights.", "xXMoonGirlXx"),
    ("He is messaged by BigManFromTheBlock on Instagram.", "BigManFromTheBlock"),
    ("Online, oLuckyStarChildo sent the pictures.", "oLuckyStarChildo"),
])
def test_mixed_case_usernames_online_are_handles(text, handle):
    assert found(text).get(handle) == "handle", found(text)


def test_ordinary_capitalised_words_and_brands_online_are_not_handles():
    result = anonymise("Online he uses his iPhone, PlayStation and YouTube; MacKenzie "
                       "messaged him.", key="k")
    assert not any(r.kind == "handle" for r in result.replacements), result.replacements


# ---------------------------------------------------------------- surnames that are words

@pytest.mark.parametrize(("text", "name"), [
    ("The carers are Joy Wood and her partner.", "Joy Wood"),
    ("Seen with Jordan Green at the shop.", "Jordan Green"),
    ("Grace Marsh, the childminder, was present.", "Grace Marsh"),
])
def test_a_given_name_and_a_surname_that_is_a_word_are_one_person(text, name):
    assert found(text).get(name) == "name", found(text)


def test_the_surname_alone_follows_the_full_name():
    result = anonymise("The carers are Joy Wood and her partner. Later Mrs Wood rang; "
                       "Wood said she was fine.", key="k")
    assert result.text == ("The carers are [Name 1] and her partner. Later Mrs [Name 1] rang; "
                           "[Name 1] said she was fine.")


def test_a_given_name_before_a_street_is_the_street():
    result = anonymise("The flat on Jordan Green Road is near Hope Street.", key="k")
    assert not any(r.kind == "name" for r in result.replacements), result.replacements


# ---------------------------------------------------------------- a school's initials

def test_a_schools_initials_alone_get_its_placeholder():
    result = anonymise("She attends Thornbury College. TC have offered tutoring.", key="k")
    assert result.text == "She attends [School 1]. [School 1] have offered tutoring."


def test_initials_nobody_in_the_text_has_and_practice_acronyms_stay():
    kept("TC have offered tutoring; the GP and the IRO agree.")
    result = anonymise("He attends Grange Primary; the GP agrees.", key="k")
    assert "the GP agrees" in result.text


# ---------------------------------------------------------------- towns and places

@pytest.mark.parametrize(("text", "place"), [
    ("Last year the family moved to Kingston.", "Kingston"),
    ("Dad now lives in Bath with his brother.", "Bath"),
    ("Nan originally came from Jersey.", "Jersey"),
    ("The address is 22 Larch Close, Eastbridge on the estate.", "22 Larch Close, Eastbridge"),
    ("Address:\n9 Birch Road\nWestholme\nSeen at home.", "9 Birch Road\nWestholme"),
])
def test_a_town_after_a_street_or_a_move_is_removed(text, place):
    assert found(text).get(place) == "address", found(text)


def test_common_words_after_moving_stay():
    kept("He went to Court, moved in and stays at Nan's.")


# ---------------------------------------------------------------- over-removal

@pytest.mark.parametrize("text", [
    "I'm not sure, I've asked and I'll ring back.",
    "The Education Adviser suggested Therapeutic Parenting training.",
    "The Child Exploitation Screening Tool and the Care Pathway were used.",
    "She has Type 1 diabetes; the Public Health team know.",
    "She has a Samsung Galaxy, a Nokia and an iPhone.",
    "Dad drives a Toyota Corolla and Mum a Ford Fiesta.",
    "Mum speaks Twi and Yoruba; Dad speaks Punjabi and Urdu.",
    "He is in Yr 9 and his sister in Y10.",
])
def test_headings_brands_languages_contractions_and_year_groups_stay(text):
    kept(text)


def test_a_surname_that_is_a_make_is_still_a_surname():
    assert found("Jane Ford drives a Kia.").get("Jane Ford") == "name"


# ================================================================ held-out-3 categories
# Each category held-out-3 leaked, tested on sentences written for it, with what must stay.

# ---------------------------------------------------------------- text written in lower case

NOTEBOOK = ("mon - met shannon and her nan brenda outside the chippy. shannon said she was "
            "fine. walked with shannon okonjo-reid down pellow lane to 14 quarry row.\n\n"
            "thurs - s and marcus went to the hollybank boxing club, then the frizzle grill. "
            "marcus calls himself 'big m'. big m was loud. shannon now at greystone high, "
            "marcus at the lantern pru. bus home from wakefield. met her at the park.")


@pytest.mark.parametrize(("original", "kind"), [
    ("shannon", "name"),                     # a known given name, in lower case
    ("brenda", "name"),                      # after a role
    ("shannon okonjo-reid", "name"),         # the word after a given name is its surname
    ("pellow lane", "address"),              # a street by its type word
    ("14 quarry row", "address"),
    ("hollybank boxing club", "address"),    # a venue
    ("frizzle grill", "address"),
    ("big m", "name"),                       # a nickname in quotes
    ("greystone high", "school"),
    ("lantern pru", "school"),
    ("wakefield", "address"),                # a town from the list
    ("s", "name"),                           # her initial, used as a name
])
def test_lower_case_text_loses_names_places_and_schools(original, kind):
    assert found(NOTEBOOK).get(original) == kind, found(NOTEBOOK)


def test_lower_case_text_keeps_its_ordinary_words():
    text = anonymise(NOTEBOOK, key="k").text
    for words in ("outside the chippy", "said she was fine", "walked with", "was loud",
                  "met her at the park", "bus home from"):
        assert words in text, text


def test_a_nickname_in_quotes_recurs_with_its_placeholder():
    result = anonymise(NOTEBOOK, key="k")
    assert [r.replacement for r in result.replacements if r.original.lower() == "big m"] \
        == ["[Name 4]"] * 2, result.replacements


def test_capitalised_text_keeps_lower_case_words_that_are_names():
    kept("Mum said the park was busy; grace was said before tea and the kids will rob nobody.")


@pytest.mark.parametrize(("text", "date"), [
    ("tue 4/3 - seen at home", "tue 4/3"),
    ("fri 7.3.25 no answer", "fri 7.3.25"),
    ("sun 16-03-2025 phoned", "sun 16-03-2025"),
    ("thurs 13/03 - text sent", "thurs 13/03"),
    ("sat 8th march, rang nan", "sat 8th march"),
])
def test_lower_case_weekday_dates_are_dates(text, date):
    assert found(text).get(date) == "date", found(text)


def test_a_lower_case_number_plate_is_a_vehicle():
    assert found("got in a silver car, yx21 bnd, by the shops").get("yx21 bnd") == "vehicle"


# ---------------------------------------------------------------- initials as a name

@pytest.mark.parametrize(("text", "initial"), [
    ("Kyra Linton (9) was seen. K said school was good.", "K"),
    ("Kyra Linton (9) was seen. Later I sat with KL and Mum.", "KL"),
    ("Kyra (9) was seen. Mum, K and I talked.", "K"),
])
def test_a_named_persons_initials_used_as_a_name_go(text, initial):
    assert found(text).get(initial) == "name", found(text)


def test_initials_of_nobody_or_not_used_as_a_name_stay():
    kept("Plan A was agreed. He got a B in maths and K is a letter.")


# ---------------------------------------------------------------- dates written out

@pytest.mark.parametrize(("text", "moved"), [
    ("Seen on the 14th of May 2024.", "Seen on the 28th of May 2024."),
    ("Seen on the fourteenth of May 2024.", "Seen on the twenty-eighth of May 2024."),
    ("On Tuesday the fourteenth of May 2024 we met.",
     "On Tuesday the twenty-eighth of May 2024 we met."),
    ("Sworn on the 2nd day of July 2023.", "Sworn on the 16th day of July 2023."),
    ("Met 1 May 2024, again on the ninth of June.",
     "Met 15 May 2024, again on the twenty-third of June."),
])
def test_dates_written_out_move_in_their_own_style(text, moved):
    assert anonymise(text, date_shift_days=14).text == moved


def test_ordinal_words_that_are_not_dates_stay():
    kept("The first of his worries was money; he came second of ten.")


# ---------------------------------------------------------------- named buildings and venues

@pytest.mark.parametrize(("text", "place", "kind"), [
    ("Respite is at Larkspur House on Fridays.", "Larkspur House", "address"),
    ("He attends the Beacon Youth Hub.", "Beacon Youth Hub", "address"),
    ("They met at the Penrose Club.", "Penrose Club", "address"),
    ("Food from the Golden Spoon Grill.", "Golden Spoon Grill", "address"),
    ("Advice from Hartley & Quinn Solicitors.", "Hartley & Quinn Solicitors", "address"),
    ("The Southern HSC Trust holds the file.", "Southern HSC Trust", "health"),
    ("Referred to the Ashdown Wheelchair Service.", "Ashdown Wheelchair Service", "health"),
    ("Visits from the Brackley 0-19 Service.", "Brackley 0-19 Service", "health"),
    ("Dad uses the Tallow Recovery Service.", "Tallow Recovery Service", "health"),
])
def test_named_buildings_and_services_go_whole_with_a_kind(text, place, kind):
    assert found(text).get(place) == kind, found(text)


def test_generic_buildings_and_services_stay():
    kept("The Trust agreed; the hub and the 0-19 service will visit; Children's Services "
         "were named.")


# ---------------------------------------------------------------- initials with a full stop

@pytest.mark.parametrize(("text", "name"), [
    ("Report written by B. Ashcombe-Lyle on Monday.", "B. Ashcombe-Lyle"),
    ("E. Trelawny agreed the plan.", "E. Trelawny"),
    ("Tilly-Rae Dunmore (5) was seen. T-R smiled.", "T-R"),
])
def test_a_name_after_an_initial_or_hyphened_initials_go(text, name):
    assert found(text).get(name) == "name", found(text)


def test_a_letter_ending_a_sentence_is_no_initial():
    kept("We chose option B. Then we went home. Grade A. Good work.")


# ---------------------------------------------------------------- international phones

@pytest.mark.parametrize("number", ["+93 70 555 0183", "+964 750 555 0421", "+48 512 555 017",
                                    "+234 803 555 0199", "+1 212 555 0147"])
def test_international_numbers_are_phones(number):
    assert found(f"Uncle's number is {number} (WhatsApp).").get(number) == "phone"


def test_plus_signs_that_are_no_number_stay():
    kept("He scored +5 on the scale, up +12 from the last review.")


# ---------------------------------------------------------------- over-removal

@pytest.mark.parametrize("text", [
    "SHORT BREAKS REVIEW\nThe Short Breaks Panel met.",
    "The Chair opened the meeting; the Independent Chair thanked Everyone.",
    "The Children's Reporter asked for a Compulsory Supervision Order.",
    "A Disabled Facilities Grant was agreed.",
    "Greater Manchester Police and Police Scotland shared logs.",
    "The assessment was Merton-compliant and trauma-informed.",
    "Transport: Port, Fleet, Ferry.",
])
def test_headings_roles_orders_forces_and_practice_adjectives_stay(text):
    kept(text)


def test_a_region_named_alone_is_still_a_place():
    # the force is practice context; a region named alone may be where the family lives
    assert "West Yorkshire" in anonymise("West Yorkshire Police attended.", key="k").text
    assert found("They moved to West Yorkshire last year.").get("West Yorkshire") == "address"


# ================================================================ held-out-4 categories
# Residential and school logs, court statements, pathway and site assessments: each category
# tested on sentences written for it.

def removed(text: str) -> str:
    return anonymise(text, key="k").text


# ---------------------------------------------------------------- initials of unnamed staff

@pytest.mark.parametrize(("text", "initials"), [
    ("On shift: BN, HC and a bank worker. BN did the medication round.", ["BN", "HC"]),
    ("GF (DSL) phoned dad at lunch; GF noted the call.", ["GF"]),
    ("Night check completed, logged by TW.", ["TW"]),
    ("08:15 – LM: Rang the nurse, no answer.\n09:00 – LM: Tried again.", ["LM"]),
    ("Calm evening, bed at nine.\n— SV", ["SV"]),
    ("EB and CK took the boys bowling.", ["EB", "CK"]),
    ("Handover to AJ (sleep-in) at ten.", ["AJ"]),
])
def test_initials_of_staff_the_text_never_names_are_removed(text, initials):
    out = removed(text)
    for letters in initials:
        assert not re.search(rf"\b{letters}\b", out), out


def test_one_person_initials_share_a_placeholder_throughout():
    out = removed("RK (keyworker) met Tia. Tia asked RK about contact. RK agreed.")
    assert out.count("[Name 1]") == 3 and "RK" not in out, out


@pytest.mark.parametrize("text", [
    "The DSL and the IRO met; CAMHS said the LAC review is due.",
    "She is fed by PEG overnight and TB screening is booked.",
    "He moved to UC last year and went to KFC with his mum.",
    "The UPN is on the PEP.\nNB: check the PEP.",
])
def test_acronyms_and_labels_in_capitals_are_not_initials(text):
    kept(text)


# ---------------------------------------------------------------- identifiers in capitals

@pytest.mark.parametrize(("text", "original", "kind"), [
    ("HOLLYBANK LODGE – NIGHT LOG\nAll quiet.", "HOLLYBANK LODGE", "address"),
    ("IN THE FAMILY COURT SITTING AT SHEFFIELD\nCase no. 9", "SHEFFIELD", "address"),
    ("MEADOWCROFT JUNIOR SCHOOL – WELFARE RECORD\nSeen at 9.", "MEADOWCROFT JUNIOR SCHOOL",
     "school"),
    ("CHILD: TYLER BRANNIGAN\nAge 9.", "TYLER BRANNIGAN", "name"),
])
def test_identifiers_written_in_capitals_are_removed(text, original, kind):
    assert found(text).get(original) == kind, found(text)


def test_a_school_in_capitals_is_removed_again_written_normally():
    out = removed("MEADOWCROFT JUNIOR SCHOOL – RECORD\nMeadowcroft suits her.")
    assert "Meadowcroft" not in out and "MEADOWCROFT" not in out, out


@pytest.mark.parametrize("text", [
    "DAILY LOG & HANDOVER\nAll quiet.",
    "POSITION STATEMENT ON BEHALF OF THE APPLICANT\nSee below.",
    "SHIFT NOTES – WAKING NIGHT\nNo concerns.",
])
def test_heading_words_in_capitals_stay(text):
    kept(text)


# ---------------------------------------------------------------- named organisations

@pytest.mark.parametrize(("text", "original", "kind"), [
    ("Rent is owed to Farnley Vale Metropolitan Borough Council.",
     "Farnley Vale Metropolitan Borough Council", "address"),
    ("The site is run by Thornaby Council.", "Thornaby Council", "address"),
    ("Mum is advised by Calverton Family Law.", "Calverton Family Law", "address"),
    ("The council instructs Brantwood Legal Services.", "Brantwood Legal Services", "address"),
    ("The report is from Elmstead Psychology Associates.", "Elmstead Psychology Associates",
     "address"),
    ("He rents through Haddow Lettings.", "Haddow Lettings", "address"),
    ("Samples went to Quillon Toxicology.", "Quillon Toxicology", "address"),
    ("She works at Marley's Hardware on Saturdays.", "Marley's Hardware", "address"),
    ("Dad drives for Swaledale Taxis.", "Swaledale Taxis", "address"),
    ("He is referred to Ashby Talking Therapies.", "Ashby Talking Therapies", "health"),
    ("Check-up booked at Penrose Dental.", "Penrose Dental", "health"),
    ("Referred to Northcote Perinatal Mental Health Service.",
     "Northcote Perinatal Mental Health Service", "health"),
    ("A referral to Harrowby School Nursing went in.", "Harrowby School Nursing", "health"),
    ("Referred to Upper Mill Recovery Service last week.", "Upper Mill Recovery Service",
     "health"),                                                  # a place word opens the name
    ("Seen at Ward C2 Cardiology Day Unit today.", "Ward C2 Cardiology Day Unit", "health"),
    ("Interpreter booked via Wearmouth Language Services.", "Wearmouth Language Services",
     "address"),
    ("He banks with Eastholme Building Society.", "Eastholme Building Society", "address"),
    ("An appointment at Kettering Jobcentre Plus on Monday.", "Kettering Jobcentre Plus",
     "address"),
])
def test_named_organisations_go_whole_with_their_kind(text, original, kind):
    assert found(text).get(original) == kind, found(text)


@pytest.mark.parametrize("text", [
    "The council wrote; the local authority and Legal Services will reply.",
    "The perinatal mental health team visited.",
    "The Family Law Act applies.",
])
def test_generic_organisations_stay(text):
    kept(text)


# ---------------------------------------------------------------- places by type word

@pytest.mark.parametrize(("text", "original"), [
    ("She was dropped at Holbeck station.", "Holbeck station"),
    ("They shopped at Crossgates retail park.", "Crossgates retail park"),
    ("The family pulled onto the Moor End transit site.", "Moor End transit site"),
    ("They winter at the Sandhill caravan site.", "Sandhill caravan site"),
    ("Her aunt lives on Plot 9 and her brother on pitch 3.", "Plot 9"),
    ("Her aunt lives on Plot 9 and her brother on pitch 3.", "pitch 3"),
])
def test_stations_parks_sites_and_plots_are_addresses(text, original):
    assert found(text).get(original) == "address", found(text)


def test_the_station_and_the_site_alone_stay():
    kept("Police took him to the station; the site was quiet.")


# ---------------------------------------------------------------- months and nicknames

@pytest.mark.parametrize("text", ["He left in Aug '23 for college.",
                                  "Tenancy started Sept ’24."])
def test_a_month_with_an_apostrophe_year_is_a_date(text):
    assert "date" in found(text).values(), found(text)


@pytest.mark.parametrize(("text", "nick"), [
    ("Really proud of you, Dec.", "Dec"),
    ("Dec said he would ring on Monday.", "Dec"),
    ("We went for lunch with Aug after the review.", "Aug"),
    ("Kai, Dec and Mo went swimming.", "Dec"),
])
def test_a_month_abbreviation_used_as_a_person_is_a_name(text, nick):
    assert found(text).get(nick) == "name", found(text)


def test_months_that_are_months_stay_months():
    kept("Reviews in Nov and Dec each year.")


# ---------------------------------------------------------------- benefit references

@pytest.mark.parametrize(("text", "ref"), [
    ("Her claim (UC 5520 3381 TM) was paused.", "UC 5520 3381 TM"),
    ("HMRC ref 412 7790 118 on the letter.", "412 7790 118"),
    ("Court address: DX 612004 Halton 4.", "612004 Halton 4"),
])
def test_benefit_and_agency_references_are_removed(text, ref):
    assert found(text).get(ref) == "reference", found(text)


def test_a_benefit_with_a_small_number_stays():
    kept("She scored 12 points for PIP in 2024.")


# ---------------------------------------------------------------- surnames and initials

@pytest.mark.parametrize(("text", "name"), [
    ("Mr Crane did not attend.", "Crane"),
    ("Mrs Wren said the boys were fine.", "Wren"),
    ("O. Ashdown said she would visit.", "O. Ashdown"),      # "O" is no particle here
    ("Signed by Dr E. Mallory.", "E. Mallory"),
])
def test_word_surnames_after_a_title_and_initial_plus_surname_are_names(text, name):
    assert found(text).get(name) == "name", found(text)


# ---------------------------------------------------------------- practice words kept

@pytest.mark.parametrize("text", [
    "Handover at ten. Shift lead: none. Driver confirmed the drop. Drove back at six.",
    "The Applicant and the First Respondent attend the Issues Resolution Hearing.",
    "A Part 25 application before the Final Hearing and the Case Management Hearing.",
    "He finished the Access course and the Diploma; the Higher Education Bursary is paid.",
    "Staff followed the Philomena Protocol and the Herbert Protocol.",
])
def test_log_court_education_words_and_protocols_stay(text):
    kept(text)


# ================================================================ held-out-5's categories

# ---------------------------------------------------------------- bare extensions and bleeps

@pytest.mark.parametrize(("text", "ext"), [
    ("Ward sister: Tamsin Hale, ext. 3316, for results.", "3316"),
    ("Ring the registrar on bleep 4470 after six.", "4470"),
    ("Her direct line is extension 3452 at the base.", "3452"),
    ("Tel: x6652 (duty desk).", "6652"),
    ("Leaving care office, ext 7214 / 01632 960 551.", "7214"),
])
def test_an_extension_or_bleep_on_its_own_is_a_phone(text, ext):
    assert found(text).get(ext) == "phone", found(text)


def test_an_extension_to_a_house_and_a_size_stay():
    kept("They built an extension 2019 style; the board is 3x400 mm.")


# ---------------------------------------------------------------- collar numbers and case codes

@pytest.mark.parametrize(("text", "ref"), [
    ("Officer in case: DS Marnie Coyle 5520, CID.", "5520"),
    ("Statement taken by PC no. 3317 at the door.", "3317"),
    ("Shoulder number 1184 gave the account.", "1184"),
    ("Linked police case TRI-24-07761 is open.", "TRI-24-07761"),
    ("Quote MASH-2025-00412 on any reply.", "MASH-2025-00412"),
])
def test_collar_numbers_and_letters_year_number_codes_are_references(text, ref):
    assert found(text).get(ref) == "reference", found(text)


def test_an_officer_with_a_measure_after_keeps_the_measure():
    result = found("Seen by DS Coyle 250 metres from the house.")
    assert result.get("Coyle") == "name" and "250" not in result


# ---------------------------------------------------------------- surname first, in capitals

@pytest.mark.parametrize(("text", "name"), [
    ("PNC check: OKONJO, Rachel – no trace.", "OKONJO, Rachel"),
    ("Nominal: FAIRCLOUGH D, address as above.", "FAIRCLOUGH D"),
    ("Arrested: PRENDERGAST K (DOB 04/09/1991).", "PRENDERGAST K"),
])
def test_a_surname_in_capitals_first_then_a_name_or_initial_is_a_name(text, name):
    assert found(text).get(name) == "name", found(text)


def test_headings_in_capitals_with_a_letter_stay():
    kept("See SECTION B and PLAN A; the NHS A and E team agreed.")


# ---------------------------------------------------------------- surnames the lists lack

@pytest.mark.parametrize(("text", "name"), [
    ("Key worker: Becca Sandquist visited.", "Becca Sandquist"),
    ("Lorna Quennevist rang the team.", "Lorna Quennevist"),       # ends like "-ist"
    ("The report is by Nicky Brightance.", "Nicky Brightance"),    # ends like "-ance"
    ("Case notes (K. Vallentist): seen alone.", "K. Vallentist"),
])
def test_a_known_given_name_or_initial_before_an_unknown_word_is_a_full_name(text, name):
    assert found(text).get(name) == "name", found(text)


def test_a_given_name_before_a_known_word_keeps_the_word():
    result = found("Jordan Achievement day was lovely; Sarah Resilience Award next.")
    assert "Achievement" not in " ".join(result) and "Resilience" not in " ".join(result)


# ---------------------------------------------------------------- organisations

@pytest.mark.parametrize(("text", "org", "kind"), [
    ("Tenancy through Larkfield Housing Association since spring.",
     "Larkfield Housing Association", "address"),
    ("Group sessions at Tŷ Heulwen Family Hub.", "Tŷ Heulwen Family Hub", "address"),
    ("Stepdad drives for Corran Logistics.", "Corran Logistics", "address"),
    ("Plan agreed with Westdale Regional Adoption Agency.",
     "Westdale Regional Adoption Agency", "address"),
    ("Letterbox goes via Westdale RAA each year.", "Westdale RAA", "address"),
    ("Peer group at Bright Steps Post-Adoption Support.",
     "Bright Steps Post-Adoption Support", "address"),
    ("She works shifts at Crumb & Kettle café now.", "Crumb & Kettle café", "address"),
    ("Discharged from Ashdown CAMHS in the summer.", "Ashdown CAMHS", "health"),
])
def test_named_organisations_go_with_their_type_word(text, org, kind):
    assert found(text).get(org) == kind, found(text)


@pytest.mark.parametrize(("text", "town"), [
    ("Debt advice from Citizens Advice Tonbridge next week.", "Tonbridge"),
    ("Order made at the Family Court sitting at Wrexham.", "Wrexham"),
])
def test_the_town_of_citizens_advice_or_a_court_sitting_goes_the_service_stays(text, town):
    result = anonymise(text, key="k")
    assert [(r.kind, r.original) for r in result.replacements] == [("address", town)]


def test_generic_services_stay():
    kept("The Family Hub, the RAA and a housing association; CAMHS and Citizens Advice "
         "helped; post-adoption support from the Regional Adoption Agency.")


# ---------------------------------------------------------------- Welsh, house names, PO boxes

@pytest.mark.parametrize(("text", "address"), [
    ("They moved to 9 Pen-y-Graig, Tonyrefail last year.", "9 Pen-y-Graig, Tonyrefail"),
    ("Nain lives at Bryn-yr-Eithin now.", "Bryn-yr-Eithin"),
    ("Carers' home: The Granary, Moorside Lane.", "The Granary, Moorside Lane"),
    ("Send it to Ivy Cottage, 3 Church Lane.", "Ivy Cottage, 3 Church Lane"),
    ("Post to PO Box 5521, Ellesby.", "PO Box 5521, Ellesby"),
])
def test_welsh_hyphened_names_house_names_and_po_boxes_are_addresses(text, address):
    assert found(text).get(address) == "address", found(text)


def test_a_person_before_a_street_is_no_house_name():
    result = found("Kai, 4 Mill Lane, came round.")
    assert result.get("Kai") == "name" and result.get("4 Mill Lane") == "address"


# ---------------------------------------------------------------- years before a verb

@pytest.mark.parametrize(("text", "year"), [
    ("The court case from 2021 feels far away now.", "2021"),
    ("Half-sister Ava (b. 2014) lives with her dad.", "2014"),
    ("Everything since 2022 was a struggle.", "2022"),
    ("The move in 2016 seemed to help.", "2016"),
])
def test_a_year_before_a_verb_or_after_born_is_a_date(text, year):
    assert found(text).get(year) == "date", found(text)


def test_a_count_before_a_noun_is_still_a_count():
    kept("In 2000 homes a year and from 1500 people.")


# ---------------------------------------------------------------- headings, apps, funds kept

@pytest.mark.parametrize("text", [
    "| No. | Action | Owner | Role | By |",
    "| 2.1 | Joint visit to the flat |",
    "| 2.2 | Skeletal survey and bloods |",
    "| 2.3 | Reconvene meeting |",
    "Subject completed the course. Secure: please use the portal.",
    "Named Nurse Safeguarding: not yet allocated.",
    "Quiet since Xmas; contact every other Weds on FaceTime or WhatsApp.",
    "Paid from the Adoption and Special Guardianship Support Fund; the Fund agreed.",
    "RAA: letters go through the RAA.",
])
def test_headings_roles_apps_and_funds_stay(text):
    kept(text)


# ================================================================ held-out-6's categories
# Each category the sixth held-out set leaked, tested on sentences written for it.

# ---------------------------------------------------------------- plates whose letters are acronyms

@pytest.mark.parametrize(("text", "plate"), [
    ("Her ex was seen in a grey Corsa CP19 MKT near school.", "CP19 MKT"),    # CP: an acronym
    ("Seen outside at 10pm: LA70 BWJ.", "LA70 BWJ"),                          # no vehicle word
    ("The Sprinter, reg SW22 FNR, was his boss's.", "SW22 FNR"),
    ("they clocked cp68 dhz on the cctv", "cp68 dhz"),                        # lower case
])
def test_a_current_plate_goes_even_when_its_area_letters_are_an_acronym(text, plate):
    assert found(text).get(plate) == "vehicle", found(text)


def test_a_plate_shape_ending_in_an_acronym_with_no_vehicle_is_kept():
    kept("The code LA12 SEN was on the form.")


# ---------------------------------------------------------------- Arabic and Somali name chains

@pytest.mark.parametrize(("text", "name"), [
    ("Aunt Samira binti Yusuf Al-Harbi came to the meeting.", "Samira binti Yusuf Al-Harbi"),
    ("His uncle Khalid bin Omar phoned the school.", "Khalid bin Omar"),
    ("Great-grandfather Idris ibn Hamza Al-Masri lives abroad.", "Idris ibn Hamza Al-Masri"),
    ("The cousin Layla binte Rashid attended.", "Layla binte Rashid"),
])
def test_an_arabic_naming_chain_is_one_name(text, name):
    assert found(text).get(name) == "name", found(text)


# ---------------------------------------------------------------- address lines without a number

@pytest.mark.parametrize(("text", "address"), [
    ("They moved to Flat 9, Wrenfield House, Garrow Road, Dudley last month.",
     "Flat 9, Wrenfield House, Garrow Road, Dudley"),
    ("He packs boxes at Unit 12, Ashgrove Business Park, Tamworth on nights.",
     "Unit 12, Ashgrove Business Park, Tamworth"),
    ("Post goes to Apartment 3, Kestrel Court, Pellow Street.",
     "Apartment 3, Kestrel Court, Pellow Street"),
])
def test_a_flat_or_unit_in_a_named_building_with_its_street_and_town_is_one_address(text,
                                                                                    address):
    assert found(text).get(address) == "address", found(text)


# ---------------------------------------------------------------- services, firms, clubs, courts

@pytest.mark.parametrize(("text", "place"), [
    ("The interpreter came from Wordwise Interpreting this time.", "Wordwise Interpreting"),
    ("Mum is supported by Tidewater Domestic Abuse Service.", "Tidewater Domestic Abuse Service"),
    ("The carers are approved by Cedarline Fostering.", "Cedarline Fostering"),
    ("Respite through Moorfield Family Placements was agreed.", "Moorfield Family Placements"),
    ("He trains with Oakridge Juniors FC on Tuesdays.", "Oakridge Juniors FC"),
    ("His brother plays for Lowbridge Football Club.", "Lowbridge Football Club"),
    ("The hearing is at Harlow Magistrates' Court next week.", "Harlow Magistrates' Court"),
])
def test_named_services_firms_clubs_and_courts_go_whole(text, place):
    assert found(text).get(place) == "address", found(text)


@pytest.mark.parametrize(("text", "venue"), [
    ("She goes to a youth club called The Loft on Fridays.", "The Loft"),
    ("Youth worker Ellis said he was at The Bunker, Mill Street Youth Club.", "The Bunker"),
])
def test_a_venue_named_the_something_goes_where_the_text_says_it_is_a_venue(text, venue):
    assert found(text).get(venue) == "address", found(text)


def test_a_the_name_with_no_venue_cue_and_generic_courts_are_left_to_the_other_rules():
    kept("The hearing is at the Magistrates' Court. We met at The Council offices.")


# ---------------------------------------------------------------- hospital units and wards

@pytest.mark.parametrize(("text", "unit"), [
    ("Baby was moved to Westbury Neonatal Unit overnight.", "Westbury Neonatal Unit"),
    ("She was booked at Hartfield Women's Unit.", "Hartfield Women's Unit"),
    ("Mum stayed on Heron Ward for two nights.", "Heron Ward"),
])
def test_named_hospital_units_and_wards_are_health_services(text, unit):
    assert found(text).get(unit) == "health", found(text)


def test_a_surname_ward_is_a_name_and_a_numbered_ward_is_kept():
    result = found("Karen Ward and Mrs Ward visited her on Ward 7.")
    assert result.get("Karen Ward") == "name" and result.get("Ward") == "name", result
    assert "Ward 7" not in result and "7" not in result


# ---------------------------------------------------------------- short dates opening an entry

@pytest.mark.parametrize(("text", "date"), [
    ("Plan agreed 02/04/2025.\n- 5/4 09:15 home visit, all well.", "5/4"),
    ("Plan agreed 02/04/2025.\n* 6/4 Mum phoned the duty line.", "6/4"),
    ("Plan agreed 02/04/2025. Seen at school 7/4 10:30 with Kai.", "7/4"),
])
def test_a_short_day_month_opening_a_chronology_line_or_before_a_time_is_a_date(text, date):
    assert found(text).get(date) == "date", found(text)


def test_a_fraction_opening_a_line_is_kept():
    kept("Plan agreed today.\n3/4 of the group attended.")


# ---------------------------------------------------------------- named days of the year

def test_named_days_become_the_shifted_date():
    result = anonymise("Seen 10/01/2025. No contact since Boxing Day. Christmas was hard.",
                       date_shift_days=10)
    assert result.text == "Seen 20/01/2025. No contact since 5 January. Christmas was hard."
    result = anonymise("On New Year's Eve 2024 police attended.", date_shift_days=3)
    assert result.text == "On 3 January 2025 police attended."


# ---------------------------------------------------------------- a given name that is a word

@pytest.mark.parametrize(("text", "name"), [
    ("Contact at the centre. Dawn supervised.", "Dawn"),
    ("Home visit went well. Joy collected him at 3.", "Joy"),
    ("Contact went ahead. Faith facilitated and Hope observed.", "Hope"),
])
def test_a_given_name_that_is_a_word_opening_a_sentence_before_an_action_is_a_name(text, name):
    assert found(text).get(name) == "name", found(text)


def test_a_word_that_is_a_name_opening_a_sentence_with_no_action_after_is_kept():
    kept("Dawn broke over the estate. Faith in the plan is low.")


# ---------------------------------------------------------------- words of practice kept

@pytest.mark.parametrize("text", [
    "The boys call her hooyo and their grandad awoowe.",
    "They are close to their Khala and call their uncle Ammu.",
    "Charged with ABH; an earlier GBH was NFS.",
    "She was shown Report Remove and CEOP and rang Childline.",
    "He got a Deliveroo voucher, an Uber home and a Just Eat order.",
    "Nurse on Band 6. The family are in housing Band B.",
    "Man Utd shirt on. Man, he was buzzing.",
])
def test_family_words_offences_national_services_apps_and_bands_are_kept(text):
    kept(text)


# ---------------------------------------------------------------- held-out-7 categories

@pytest.mark.parametrize(("text", "ref"), [
    ("Passport number K7T-2MW-9QD was checked.", "K7T-2MW-9QD"),          # groups of three
    ("Her bus pass (no. MTRO 4410 2290 7731) has expired.", "MTRO 4410 2290 7731"),
    ("Travel card: NXWM 5520 1187 3302.", "NXWM 5520 1187 3302"),         # issuer's letters
    ("DS Ola Banks, warrant no. KT 5182, attended.", "KT 5182"),           # letters first
    ("Collar number HB2209 took the account.", "HB2209"),
])
def test_document_card_and_warrant_numbers_in_groups_are_references(text, ref):
    assert found(text).get(ref) == "reference", found(text)


def test_a_card_or_pass_with_a_count_or_year_is_no_reference():
    assert found("She played 3 of 4 cards and won a pass 2024 award.") == {}


@pytest.mark.parametrize("text", [
    "He went to the Jobcentre Plus with his ID.",
    "He has a Young Carers Card; Young Carers meets on Friday.",
    "A Registered Intermediary was not needed.",
    "Drinkaware leaflets were given.",
    "Under the Southwark Judgment housing must assess him.",
    "Born in the Republic of Korea; Korea is still home.",
    "A Homestay with Adolescent services. Passport is in date.",
])
def test_generic_services_campaigns_countries_and_case_law_are_kept(text):
    assert found(text) == {}, found(text)


def test_young_as_a_surname_still_goes():
    assert found("Helen Young visited.").get("Helen Young") == "name"


@pytest.mark.parametrize(("text", "name"), [
    ("Ha-eun Kim arrived from Busan last week.", "Ha-eun Kim"),          # given name first
    ("Her uncle, Jang Do-hyun, signed the form.", "Jang Do-hyun"),       # family name first
    ("Her aunt Yoon Seo-ah visits on Sundays.", "Yoon Seo-ah"),
    ("Later Ji-woo said she felt settled.", "Ji-woo"),                   # the given name alone
])
def test_korean_given_names_with_a_hyphen_and_their_family_name_are_names(text, name):
    assert found(text).get(name) == "name", found(text)


def test_a_korean_name_and_its_bare_given_name_share_one_placeholder():
    result = anonymise("Ha-eun Kim is 14. Ha-eun likes art.", key="test")
    assert result.text == "[Name 1] is 14. [Name 1] likes art."


def test_english_words_of_the_same_shape_are_kept():
    text = "Set-up, Sit-in, Top-up, Co-op, Drop-in, Yo-yo and a follow-up on self-esteem."
    assert found(text) == {}, found(text)


# ---------------------------------------------------------------- addresses abroad

@pytest.mark.parametrize(("text", "street"), [
    ("Her aunt lives at ul. Lipowa 7/3 in Gdańsk.", "ul. Lipowa 7/3"),
    ("Post went to Calle del Prado 18, Sevilla.", "Calle del Prado 18"),
    ("Dad's flat is at 22 rue du Moulin, Lyon.", "22 rue du Moulin"),
    ("Grandad stays on Strada Florilor nr. 12 in Iași.", "Strada Florilor nr. 12"),
    ("Uncle's address: Bergstraße 41, Köln.", "Bergstraße 41"),
    ("The family lived at 19 Teheran-ro, Gangnam-gu.", "19 Teheran-ro"),
    ("They rented at Rua das Flores 230, Porto.", "Rua das Flores 230"),
])
def test_a_street_abroad_goes_with_its_number(text, street):
    assert found(text).get(street) == "address", found(text)


def test_a_district_by_its_suffix_and_a_building_before_its_apartment_go():
    result = found("Mum's parents: Sunrise Apt 402-1101, 8 Olympic-ro, Songpa-gu.")
    assert result.get("Songpa-gu") == "address", result
    assert any("Sunrise" in original for original in result), result


@pytest.mark.parametrize("text", [
    "We walked down the avenue of lime trees.",
    "He travelled via Crewe on the train.",
    "The boulevard was closed for the parade.",
])
def test_english_words_shared_with_street_types_abroad_are_no_street(text):
    assert not any((kind == "address" and "via" in original.lower().split())
                   or "avenue" in original or "boulevard" in original
                   for original, kind in found(text).items()), found(text)


# ---------------------------------------------------------------- streets on an address line

@pytest.mark.parametrize(("text", "street"), [
    ("Write to her at Church Row, Thornbury BS35 2XX.", "Church Row"),
    ("Hostel: Victoria Parade, Wexham SL3 9QQ.", "Victoria Parade"),
    ("Registered office Market Hill, Settlebrook, TN4 7YY.", "Market Hill"),
])
def test_a_street_of_common_words_before_its_town_and_postcode_is_an_address(text, street):
    assert found(text).get(street) == "address", found(text)


# ---------------------------------------------------------------- codes with no cue

@pytest.mark.parametrize("code", ["Q4T-8LM-2ZB", "RB57XK22", "AX9-774-301"])
def test_a_code_of_capitals_and_digits_woven_or_in_groups_is_a_reference(code):
    assert found(f"He was given the code {code} at the desk.").get(code) == "reference"


@pytest.mark.parametrize("text", [
    "COVID-19 restrictions, KS2 SATs and a Y10 option.",
    "He is a 16/17-YEAR-OLD in law.",
    "She plays on a PS5 and an MP3 player.",
])
def test_acronyms_with_numbers_and_words_are_no_code(text):
    assert not any(kind == "reference" for kind in found(text).values()), found(text)


# ---------------------------------------------------------------- "The" and headings

def test_a_capital_the_inside_a_sentence_goes_with_the_name_after_it():
    result = anonymise("He meets friends at The Sandpit on Fridays and likes the Sandpit.",
                       key="test")
    assert "The" not in result.text.replace("He meets", ""), result.text
    assert len({r.replacement for r in result.replacements}) == 1, result.text


def test_a_name_in_a_heading_before_a_verb_goes_and_the_verb_stays():
    result = anonymise("Tomasz is 11.\nWHAT TOMASZ WORRIES ABOUT\nWHO TOMASZ CARES FOR\n",
                       key="test")
    assert "TOMASZ" not in result.text and "WORRIES ABOUT" in result.text \
        and "CARES FOR" in result.text, result.text


def test_a_question_or_verb_inside_a_heading_names_no_school():
    text = "HOW LEILA FEELS ABOUT SCHOOL\nWhat Leila Thinks About Her School\n"
    assert not any(kind == "school" for kind in found(text).values()), found(text)


# ---------------------------------------------------------------- places named by their kind

@pytest.mark.parametrize(("text", "place", "kind"), [
    ("Referral from the Northern Health and Social Care Trust.",
     "Northern Health and Social Care Trust", "health"),
    ("WESTERN HEALTH AND SOCIAL CARE TRUST\nGateway Service",
     "WESTERN HEALTH AND SOCIAL CARE TRUST", "health"),
    ("Post-order support from Adopt Tamar Coast since 2022.", "Adopt Tamar Coast", "address"),
    ("ADOPT LONGMERE - SUPPORT PLAN", "ADOPT LONGMERE", "address"),
    ("Dentist: Pearl Dental Care, Dunmore (NHS)", "Dunmore", "address"),
    ("GP: Hollins Surgery, Marsh Gibbon\nHV: named", "Marsh Gibbon", "address"),
])
def test_a_trust_by_its_region_an_adoption_agency_and_a_practices_town_go(text, place, kind):
    assert found(text).get(place) == kind, found(text)


@pytest.mark.parametrize(("text", "gone"), [
    ("Bailed to Kestrel Court Approved Premises until trial.", "Kestrel Court Approved Premises"),
    ("Now at Fenwick Row bail hostel.", "Fenwick Row bail hostel"),
])
def test_a_probation_hostel_goes_with_its_kind(text, gone):
    out = anonymise(text, key="test").text
    assert not any(w in out for w in gone.split()), out


def test_a_trust_with_no_region_and_a_practice_before_a_weekday_or_mum_keep_those_words():
    text = ("The Health and Social Care Trust holds the file.\nSeen at Pearl Dental Care, "
            "Tuesday\nTaken to Hollins Surgery, Mum\nWe hope to adopt a child.")
    out = anonymise(text, key="test").text
    for kept in ("Health and Social Care Trust", "Tuesday", "Mum", "adopt a child"):
        assert kept in out, out


@pytest.mark.parametrize(("text", "number"), [
    ("The couple at no. 12, both retired, heard shouting.", "no. 12"),
    ("Complaint from the flat below (no 7).", "no 7"),
    ("Second caller - Mr Lis, no 44 (speaks Polish).", "no 44"),
])
def test_a_neighbours_house_number_alone_goes(text, number):
    assert found(text).get(number) == "address", found(text)


@pytest.mark.parametrize("text", [
    "She said no 5 times before agreeing.",
    "There were no 3 year olds in the group.",
    "Session no. 4 covered budgeting.",
    "Rule: no 1:1 messaging with players.",
    "The no. of visits was 6.",
])
def test_counts_sessions_and_ratios_after_no_stay(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "place"), [
    ("Her granny's townland, Gort na Móna, is on the post.", "Gort na Móna"),
    ("They lived outside Cill an tSléibhe for years.", "Cill an tSléibhe"),
])
def test_a_place_named_in_irish_goes_whole(text, place):
    assert found(text).get(place) == "address", found(text)


@pytest.mark.parametrize(("text", "place"), [
    ("HARROWDALE COUNCIL - CHILDREN'S SERVICES", "HARROWDALE COUNCIL"),
    ("HIGHMOOR COUNCIL\nFostering panel", "HIGHMOOR COUNCIL"),
    ("Panel met at Tigh a' Bhaile in the town.", "Tigh a' Bhaile"),
    ("They live near Achadh na h-Aibhne now.", "Achadh na h-Aibhne"),
    ("Pupil at Bun-sgoil Loch Carrainn (P5).", "Bun-sgoil Loch Carrainn"),
    ("Naming at Living Word Ministries hall.", "Living Word Ministries"),
    ("Seen at The Laurels family centre.", "The Laurels"),
    ("Chips at the takeaway on Market Parade.", "Market Parade"),
    ("Missed Ashgrove fracture clinic twice.", "Ashgrove fracture clinic"),
])
def test_councils_in_capitals_gaelic_places_and_named_venues_go(text, place):
    out = anonymise(text, key="test").text
    assert not any(w in out for w in place.split() if w[0].isupper() and w != "The"), out


def test_children_in_care_council_and_a_parade_that_is_no_street_stay():
    text = "CHILDREN IN CARE COUNCIL MEETING\nWe watched the parade in town."
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "number"), [
    ("Prison no: KT9921 since March.", "KT9921"),
    ("Hospital number RX22019 on the letter.", "RX22019"),
    ("Scheme number 1234 5678 9012 3456 for the carer.", "1234 5678 9012 3456"),
])
def test_prison_hospital_and_grouped_scheme_numbers_are_references(text, number):
    assert found(text).get(number) == "reference", found(text)


def test_years_in_a_row_stay_as_years():
    assert "reference" not in found("Moves in 2019 2020 2021 2022 were hard.").values()


@pytest.mark.parametrize(("text", "place"), [
    ("19:40 BRANTWOOD REC", "BRANTWOOD REC"),
    ("Lads kicking a ball about on Ashby Rec again.", "Ashby Rec"),
    ("Met at Colne Lane Playing Fields.", "Colne Lane Playing Fields"),
    ("| Mr Hay | Depute Head | Glenmuir PS |", "Glenmuir PS"),
    ("She moved up to Strathbeg HS in August.", "Strathbeg HS"),
    ("Clinic address: 7 Northgate, Brackley", "7 Northgate"),
    ("He stays at 31 Kirkgate with his gran.", "31 Kirkgate"),
])
def test_recreation_grounds_scottish_schools_and_gate_streets_go(text, place):
    out = anonymise(text, key="test").text
    assert not any(w in out for w in place.split() if w not in ("Lane",)), out


@pytest.mark.parametrize("text", ["PS: ring me back after 4.", "We went to the rec after tea.",
                                  "Went through the tailgate of the van."])
def test_a_postscript_the_rec_and_a_tailgate_stay(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "handle"), [
    ("She has been snapping an older lad who calls himself dr1ll.kidd and he picks her up.",
     "dr1ll.kidd"),
    ("He gave us his insta lil.moe_x so he can follow the project.", "lil.moe_x"),
    ("She calls herself queen_b.07 online.", "queen_b.07"),
])
def test_usernames_after_a_platform_or_calls_himself_are_handles(text, handle):
    assert found(text).get(handle) == "handle", found(text)


def test_a_residence_cards_number_with_its_issuers_letters_is_one_reference():
    out = found("ARC no:      UKB 0457 2291 08")
    assert out.get("UKB 0457 2291 08") == "reference", out


@pytest.mark.parametrize("text", ["Born at 31+2/40, discharge expected at 34-36/40.",
                                  "Pathway plan review no. 3 held today.",
                                  "Child protection conference no. 2 is booked."])
def test_gestations_and_numbered_reviews_stay(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "number"), [
    ("Seen at the scene (PC Marsh, 7731) and taken home.", "7731"),
    ("| DC J. Pollard 2208 | Officer in case | CID |", "2208"),
])
def test_an_officers_number_after_an_initialled_name_or_a_comma(text, number):
    assert found(text).get(number) == "reference", found(text)


@pytest.mark.parametrize(("text", "code"), [
    ("A neighbour saw a grey van, reg BX14 ?KT, leave at speed.", "BX14 ?KT"),
    ("The van's reg was BX14 ?KT.", "BX14 ?KT"),
    ("The van's reg was BX14 K*T. It left.", "BX14 K*T"),
    ("Her visa application (number 5120-0448-3391-0027) is pending.", "5120-0448-3391-0027"),
    ("His customer reference is CRN 2207 4419 380 with the loans company; my CRN is "
     "2207 4419 380.", "2207 4419 380"),
    ("Helpline query logged as HLP-Z-00411923 this morning.", "HLP-Z-00411923"),
])
def test_masked_plates_hyphened_application_numbers_and_query_codes(text, code):
    assert code in found(text), found(text)


@pytest.mark.parametrize(("text", "place"), [
    ("He hopes to join Larkfield Sixth Form in September.", "Larkfield Sixth Form"),
    ("She now studies nursing at the University of Brackenmoor.", "University of Brackenmoor"),
    ("Dad spent a month on Willowbank Mental Health Unit.", "Willowbank Mental Health Unit"),
])
def test_a_sixth_form_a_university_by_its_town_and_a_mental_health_unit(text, place):
    assert place in found(text), found(text)


@pytest.mark.parametrize("text", ["He wants to stay on in the sixth form; the Sixth Form is small.",
                                  "Referred to the Mental Health Unit and to CAMHS.",
                                  "A query code is needed: write HLP first."])
def test_generic_sixth_forms_and_units_stay(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "code"), [
    ("Join here: https://meet.example.net/j/88231?pwd=Qx7tR2 before ten.",
     "https://meet.example.net/j/88231?pwd=Qx7tR2"),
    ("Her page is www.example-social.com/amber.k.2011, set to public.",
     "www.example-social.com/amber.k.2011"),
    ("Meeting ID: 845 2231 9907\nPasscode: Rt5w9K", "Rt5w9K"),
    ("Meeting ID: 845 2231 9907\nPasscode: Rt5w9K", "845 2231 9907"),
])
def test_links_passcodes_and_meeting_ids_go(text, code):
    assert found(text).get(code) == "reference", found(text)


@pytest.mark.parametrize("text", [
    "Guidance: https://www.gov.uk/government/publications/keeping-children-safe-in-education.",
    "Advice given from www.nhs.uk/conditions/baby/ about colic.",
    "Password reset by IT; the PIN pad was broken.",
])
def test_public_pages_and_words_about_passwords_stay(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "code"), [
    ("Housing benefit claim HB 51200388 is suspended.", "51200388"),
    ("She posts on TikTok under jaz.rae.x most nights.", "jaz.rae.x"),
    ("Dad messaged her on Instagram from dee.j.official at 2am.", "dee.j.official"),
])
def test_a_housing_benefit_number_and_an_account_posted_under_or_messaged_from(text, code):
    assert code in "".join(found(text)), found(text)


# ---------------------------------------------------------------- held-out-38 to -41

@pytest.mark.parametrize(("text", "gone"), [
    ("They moved to 3 High Street last spring.", "3 High Street"),
    ("Nan lives at 14 Fast Lane with her dog.", "14 Fast Lane"),
    ("Office: 2nd Floor, Kestrel House, 14 Market Street, Dunmere", "Kestrel House"),
    ("Ground Floor, Arden Court, 6 Mill Road", "Arden Court"),
])
def test_a_numbered_street_of_common_words_and_a_floor_before_its_building(text, gone):
    out = anonymise(text, key="test").text
    assert gone not in out and "Floor" not in out.replace("floor", ""), out


@pytest.mark.parametrize("text", [
    "She lives on the 2nd floor of the block.",
    "Listed under Section 8 Family Court rules.",
])
def test_floors_and_court_rules_in_a_sentence_stay(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize("text", [
    "An assessment under s17ZA of the Children Act 1989.",
    "Needs assessed (s17ZA) and a plan agreed.",
])
def test_a_section_number_run_together_is_no_postcode(text):
    assert anonymise(text, key="test").text == text


@pytest.mark.parametrize(("text", "gone"), [
    ("Post code: ls63qw", "ls63qw"),
    ("Postcode LS63QW on the letter.", "LS63QW"),
])
def test_a_postcode_run_together_in_one_case_still_goes(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "gone"), [
    ("Rang the benefit line, ref CHB 7730 1192, told six weeks.", "CHB 7730 1192"),
    ("Housing ref: TAH 00912 on the letter.", "TAH 00912"),
])
def test_a_labelled_reference_with_its_issuers_letters_apart(text, gone):
    assert gone.split()[0] not in anonymise(text, key="test").text


def test_a_labelled_reference_word_that_is_no_issuer_stays():
    assert anonymise("Ref: TBC 2024 review", key="test").text == "Ref: TBC 2024 review"


@pytest.mark.parametrize("system", ["WCCIS", "LCS", "Mosaic"])
def test_a_record_systems_name_before_a_labelled_number_stays(system):
    out = anonymise(f"Ref: {system} 7730419", key="test").text
    assert out.startswith(f"Ref: {system} [Reference") and "7730419" not in out, out


def test_a_chat_groups_name_goes():
    out = anonymise('She showed screenshots from a group (group name "Westend Crew").',
                    key="test").text
    assert "Westend" not in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("Address: 2 Taigh na Mara, Achnacreig, IV54 8QT", "Taigh na Mara"),
    ("They moved to 14 Sràid a' Chnuic last year.", "Chnuic"),
    ("Gran is at 3 Rathad an Locha now.", "Rathad an Locha"),
])
def test_a_scottish_gaelic_street_with_its_type_word_first(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize(("text", "gone"), [
    ("snap: brynnexo", "brynnexo"),
    ("her snap is brynnexo and she posts a lot", "brynnexo"),
])
def test_a_username_of_letters_alone_after_a_platforms_label(text, gone):
    assert gone not in anonymise(text, key="test").text


@pytest.mark.parametrize("text", ["her insta is private now", "snap: blocked him",
                                  "Facebook: none known"])
def test_a_word_after_a_platforms_label_is_no_username(text):
    assert anonymise(text, key="test").text == text


def test_a_house_named_as_a_view_before_its_street():
    out = anonymise("Address: Meadow View, 7 Heron Lane, Little Hadcombe", key="test").text
    assert "Meadow View" not in out, out


def test_a_second_account_after_a_slash():
    out = anonymise("Messages via the app only (accounts DanaP_91 / RickyB84).", key="test").text
    assert "DanaP_91" not in out and "RickyB84" not in out, out


@pytest.mark.parametrize(("text", "gone"), [
    ("Previous address: vul. Sadova 22, kv. 41, Kharkiv, Ukraine.", "kv. 41"),
    ("They lived at prosp. Nauky 14, Kyiv until 2022.", "Nauky 14"),
])
def test_a_ukrainian_street_and_its_flat(text, gone):
    assert gone not in anonymise(text, key="test").text
