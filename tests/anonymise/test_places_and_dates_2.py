"""More places, bodies, dates and references the anonymiser takes: dates with their clock time
or leading words, Welsh months by a year, years listed or closing a clause, month ranges,
short dates after a word saying when; councils, forces, firms, shops and services by their
type word, Welsh bodies type first, towns by their river, places abroad; a phone's menu
option, numbers in groups, a plate remembered in part, a username repeated. Every sentence
here is invented."""
from __future__ import annotations

import pytest

from auditlib.anonymise import anonymise


def found(text: str) -> dict[str, str]:
    return {r.original: r.kind for r in anonymise(text, key="test").replacements}


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize(("text", "date"), [
    # an email header's date with its time
    ("Sent: Monday, 3 March 2025 08:41\nTo: duty team", "Monday, 3 March 2025 08:41"),
    ("Sent: Tue 18/02/2025 13:05\nSubject: visit", "Tue 18/02/2025 13:05"),
    # the words that go with a date
    ("Baby due early April 2023 per the midwife.", "early April 2023"),
    ("Swimming is Fridays from 6 June, he said he might go.", "Fridays from 6 June"),
    # a month range with its year
    ("Stayed with an aunt Jan-Mar 2022 then returned.", "Jan-Mar 2022"),
    # Welsh months that are words too, straight before a year
    ("No contact from him since Medi 2023, she says.", "Medi 2023"),
])
def test_a_date_goes_with_its_time_and_leading_words(text, date):
    assert found(text).get(date) == "date", found(text)


@pytest.mark.parametrize(("text", "dates"), [
    # years listed in brackets, a year closing a clause after the event it dates
    ("Two older siblings placed for adoption (2016, 2018). Dad unknown.", ("2016", "2018")),
    ("PNC shows theft 2017, nothing since.", ("2017",)),
    # a month alone after an event's past tense
    ("The walking frame was delivered March and is too tall.", ("March",)),
    # a short date after a word saying when
    ("Discussed at the resource panel 7/2 - agreed funding.", ("7/2",)),
    ("Both girls go back 3/9. Uniform sorted.", ("3/9",)),
    # a bare ordinal day with "by" after it
    ("Reviewed on 14th by the duty psychiatrist.", ("14th",)),
])
def test_dates_in_context(text, dates):
    result = found(text)
    assert all(result.get(d) == "date" for d in dates), result


@pytest.mark.parametrize("text", [
    "Drop-in at the hub, Tues 10-12, no booking.",
    "Office hours Mon-Fri 8-6 only.",
    "Her weight dropped from the 50th to just under the 25th centile.",
])
def test_hours_centiles_and_acts_are_no_dates(text):
    assert "date" not in found(text).values(), found(text)


# ---------------------------------------------------------------- bodies and places

@pytest.mark.parametrize(("text", "body"), [
    ("Checks requested from Hillmarsh CC last week.", "Hillmarsh CC"),
    ("LADO, Dunmore MBC, chaired.", "Dunmore MBC"),
    ("Strategy with DC Holt, Ravensholt Police, by phone.", "Ravensholt Police"),
    ("Welfare officer, Eastfold County FA, attended.", "Eastfold County FA"),
    ("Father is represented by Okonjo & Partners today.", "Okonjo & Partners"),
    ("The report of Larchfield Assessments was received.", "Larchfield Assessments"),
    ("Independent assessor, Brightwater Consultancy, visited.", "Brightwater Consultancy"),
    ("Voucher given for St Anselm's Food Bank, open Thursdays.", "St Anselm's Food Bank"),
    ("They travel to Sandmere Horse Fair each summer.", "Sandmere Horse Fair"),
    ("Mum works at Sunnyside Caravan Park now.", "Sunnyside Caravan Park"),
    ("He trains at Riverside ABC twice a week.", "Riverside ABC"),
    ("Care coordinator at Westholm CMHT to call.", "Westholm CMHT"),
    ("Seen buying cider in Gorsey Mini Mart again.", "Gorsey Mini Mart"),
])
def test_a_body_by_its_type_word(text, body):
    assert found(text).get(body) in ("address", "health"), found(text)


@pytest.mark.parametrize(("text", "body", "kind"), [
    ("Family time at Canolfan Deulu Bryn Hafod, supervised.", "Canolfan Deulu Bryn Hafod",
     "address"),
    ("CYNGOR SIR MAESGLAS / MAESGLAS COUNTY COUNCIL", "CYNGOR SIR MAESGLAS", "address"),
    ("Keyworker, Teuluoedd yn Gyntaf Penrhosfa, rang.", "Teuluoedd yn Gyntaf Penrhosfa",
     "address"),
    ("Dad to engage with Gwasanaeth Alcohol Penrhosfa weekly.", "Gwasanaeth Alcohol Penrhosfa",
     "health"),
])
def test_a_welsh_body_by_its_type_word_first(text, body, kind):
    assert found(text).get(body) == kind, found(text)


@pytest.mark.parametrize(("text", "place"), [
    # a practice named after its street, its first word an everyday one
    ("Registered with Well Meadow Surgery since birth.", "Well Meadow Surgery"),
    # a town by its river, ending an address line
    ("Room is at Flat 2, Kestrel Court, Kingston upon Thames KT1 1AA. It has",
     "Flat 2, Kestrel Court, Kingston upon Thames"),
    # a court's town in capitals
    ("IN THE FAMILY COURT SITTING AT ASHCOMBE VALE          Case No: AB12C00999",
     "ASHCOMBE VALE"),
    # a place abroad by its first word and a joining word
    ("Mum works in a hotel in Puerto del Carmen now.", "Puerto del Carmen"),
    # a pub by its name, the text saying it is one
    ("He drinks in the Bell most days, the pub by the bus stop.", "Bell"),
    # a shop on its street
    ("She walked to Spar on Kings Rd for milk.", "Spar on Kings Rd"),
])
def test_named_places(text, place):
    assert found(text).get(place) == "address" or (
        found(text).get(place) == "gp"), found(text)


def test_a_city_abroad_that_is_an_english_word_goes():
    assert "Tangier" in found("- Tangier, then by boat to Spain.")


# ---------------------------------------------------------------- references

@pytest.mark.parametrize(("text", "ref", "kind"), [
    ("Ring the hub on 01632 960 111 option 2 for duty.", "01632 960 111 option 2", "phone"),
    ("DBS cert no. 0041 3318 2290, dated last year.", "0041 3318 2290", "reference"),
    ("Staff no KT-WX-44120 on the rota.", "KT-WX-44120", "reference"),
])
def test_references_in_groups_and_menu_options(text, ref, kind):
    assert found(text).get(ref) == kind, found(text)


def test_a_plate_remembered_in_part_is_the_plate_found_whole():
    result = found('He said the car was "AB19 something". PNC shows AB19 CDE, a grey Focus.')
    assert result.get("AB19") == "vehicle" and result.get("AB19 CDE") == "vehicle", result


def test_a_username_found_once_goes_everywhere():
    text = ("On Insta his handle is j.okoro07 and he messages her late at night.\n\n"
            "PLAN\n1. Intel form to police re the older male, the grey car and j.okoro07.")
    result = anonymise(text, key="test")
    assert "j.okoro07" not in result.text, result.text
