"""A scanned form read by OCR: letters and digits confused, read back for the finders."""
from __future__ import annotations

import pytest

from auditlib.anonymise import anonymise
from auditlib.anonymise.ocr import ocr_view


@pytest.mark.parametrize(("scanned", "read"), [
    ("CHlLD(REN) DETAlLS", "CHILD(REN) DETAILS"),
    ("the chi1dren in the H0USEH0LD", "the children in the HOUSEHOLD"),
    ("Ethnicity: White - 0ther", "Ethnicity: White - Other"),
    ("D.O.B: l4/02/2017   Time: 1l:4O am", "D.O.B: 14/02/2017   Time: 11:40 am"),
    ("tel 0l632 96O 871", "tel 01632 960 871"),
    ("Signed: T 0sei-B0ateng", "Signed: T Osei-Boateng"),
])
def test_ocr_confusions_are_read_back_character_for_character(scanned, read):
    view = ocr_view(scanned)
    assert view == read and len(view) == len(scanned)


@pytest.mark.parametrize("typed", [
    "Seen at 10:40 in KS1; postcode SW1A 1AA, AB10 1AA.",
    "Plate LM18 KPF, Y10 pupil, B12 injection, O2 shop, Room 101, COVID19.",
    "Call Mum on 07700 900123 about the 1:1 session.",
    "His account zee.k1ngg and j0nny@example.org, www.k1ds.example",
])
def test_typed_text_has_no_view(typed):
    assert ocr_view(typed) is None


def test_a_scanned_referral_loses_its_identifiers_and_keeps_its_words():
    scanned = ("HARWlCK SAFEGUARDlNG CHlLDREN PARTNERSHlP\n"
               "Ful1 name: Oliwia KOWALCZYK   D.O.B: l4/02/2017\n"
               "We received an Operati0n Encompass ca11 at 8.1O.\n"
               "Signed: S 0konj0-Reid")
    out = anonymise(scanned, key="test").text
    for gone in ("KOWALCZYK", "l4/02/2017", "0konj0", "Oliwia"):
        assert gone not in out, out
    # the scanned words stay as scanned, read or not
    for kept in ("D.O.B:", "Operati0n Encompass", "8.1O"):
        assert kept in out, out


def test_a_forms_tick_box_label_is_no_name():
    text = "Checks: Police [x]  Health [x]  Ed [x]  ASC [ ]"
    assert anonymise(text, key="test").text == text
