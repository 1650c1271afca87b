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
    texts = []
    for path in sorted(HELD_OUT.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as f:
            texts.append(f.read())
    return texts


def test_held_out_notes_are_labelled_short_case_notes_one_with_windows_line_endings():
    texts = held_out()
    assert len(texts) >= 4
    assert any("\r\n" in t for t in texts)
    for marked in texts:
        plain, labels = parse_labelled(marked)
        assert 150 <= len(plain.split()) <= 400
        for lab in labels:
            assert plain[lab.start:lab.end] == lab.text


def test_held_out_recall_is_recorded_not_tuned():
    """A floor only (the held-out part is never tuned on): at least 94% removed overall."""
    scores = evaluate(held_out(), key="held-out")
    kinds = scores["kinds"].values()
    recall = sum(s["found"] for s in kinds) / sum(s["labelled"] for s in kinds)
    assert recall >= 0.94, scores["misses"]
