"""The English dictionary check: a capitalised word no dictionary holds is a name, wherever it
stands; an English word still needs evidence. All names and places here are invented."""
from __future__ import annotations

import pytest

from auditlib.anonymise import anonymise
from auditlib.anonymise.english import english_words, is_english


def found(text: str) -> dict[str, str]:
    return {r.original: r.kind for r in anonymise(text, key="test").replacements}


@pytest.mark.parametrize("word", ["hideout", "Carers", "shopping", "planned", "Worried",
                                  "Drop-in", "SAFEGUARDING", "cuckooing", "Appt", "Paed"])
def test_words_their_regular_forms_and_shorthand_are_english(word):
    assert is_english(word)


@pytest.mark.parametrize("word", ["Tanwed", "Ferrisly", "Zorvath", "Kai-Leigh", "QUENBRIDGE"])
def test_made_up_names_are_not_english(word):
    assert not is_english(word)


def test_the_dictionary_is_lower_case_words_with_no_licence_lines():
    words = english_words()
    assert len(words) > 100_000 and "safeguarding" in words
    assert not any(w.startswith("#") or w != w.strip() for w in words)


@pytest.mark.parametrize(("text", "name"), [
    ("We spoke with Tanwed about the move.", "Tanwed"),       # "-ed" but no word
    ("Later Ferrisly rang the office.", "Ferrisly"),          # "-ly" but no word
    ("Zorvath at the farm knew the way.", "Zorvath"),         # opening a sentence
    ("Cadfael, the uncle, keeps the keys.", "Cadfael"),
])
def test_a_capitalised_word_no_dictionary_holds_is_a_name_wherever_it_stands(text, name):
    assert found(text).get(name) == "name", found(text)


@pytest.mark.parametrize("text", [
    "Cuckooing concerns were raised at the meeting.",
    "Safeguarding remains the priority.",
    "Appt. made for next week.",
    "Paed review booked for the spring.",
    "Hideout games were mentioned.",
])
def test_an_english_word_or_shorthand_opening_a_sentence_is_kept(text):
    assert found(text) == {}, found(text)


@pytest.mark.parametrize(("text", "word", "kind"), [
    ("QUENBRIDGE EDT - NIGHT LOG\n", "QUENBRIDGE", "address"),
    ("IN THE COUNTY COURT SITTING AT LOWMARSTON\n", "LOWMARSTON", "address"),
    ("WHAT ZEPHRINE WANTS\n", "ZEPHRINE", "name"),
])
def test_a_word_in_capitals_no_dictionary_holds_is_a_place_or_a_person(text, word, kind):
    assert found(text).get(word) == kind, found(text)


def test_headings_of_english_words_and_acronyms_are_kept():
    text = "SAFEGUARDING AND CUCKOOING CONCERNS\nCHILD IN NEED REVIEW - CAMHS\n"
    assert found(text) == {}, found(text)


def test_a_person_in_a_heading_shares_a_placeholder_with_the_same_person_in_the_text():
    result = anonymise("WHAT ZEPHRINE WANTS\nZephrine wants a dog.", key="test")
    assert result.text == "WHAT [Name 1] WANTS\n[Name 1] wants a dog.", result.text


def test_an_unknown_acronym_in_prose_is_kept():
    text = "Logged on QWERIS under no. 3308172; see the FROBNIX record.\n"
    assert {k for k in found(text)} == {"3308172"}, found(text)


@pytest.mark.parametrize("word", ["Deregistration", "deregistered"])
def test_words_of_practice_the_dictionary_lacks_are_english(word):
    assert is_english(word)


@pytest.mark.parametrize(("text", "word"), [
    ("Deregistered from roll in May, so she is now home educated.", "Deregistered"),
    ("Emojis described in brackets where the phone showed them.", "Emojis"),
])
def test_an_english_word_opening_a_sentence_before_a_verb_done_to_it_is_kept(text, word):
    assert word not in found(text)
