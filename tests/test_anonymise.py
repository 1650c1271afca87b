"""The anonymiser removes every identifier kind, keeps the words of practice, gives the same
person the same placeholder, moves dates consistently, and reports every replacement.

The labelled corpus (``tests/anonymise/corpus/*.txt``, inline labels ``[[kind:text]]``, see
:func:`auditlib.anonymise.parse_labelled`) is fictional: NHS numbers are in the 999 test range,
phone numbers in Ofcom's drama ranges, emails at example domains.
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import stat
import subprocess
import sys

import pytest

from auditlib.anonymise import (
    KINDS,
    PRACTICE_TERMS,
    anonymise,
    anonymise_file,
    evaluate,
    nhs_number_is_valid,
    ni_number_is_valid,
    parse_labelled,
)
from auditlib.exceptions import AuditlibError
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "anonymise" / "corpus"


def kinds_of(text: str, **kwargs) -> dict[str, str]:
    """original → kind for every replacement made in ``text``."""
    return {r.original: r.kind for r in anonymise(text, key="test", **kwargs).replacements}


# --------------------------------------------------------------------------- every kind

@pytest.mark.parametrize(("text", "kind", "original"), [
    # names: full names, first names after the full name, titles, roles, ages, verbs
    ("Present: Jane Wilkinson and the IRO.", "name", "Jane Wilkinson"),
    ("Mrs Wilkinson phoned.", "name", "Wilkinson"),
    ("Seen by Dr Patel today.", "name", "Patel"),
    ("Mr. Okafor attended.", "name", "Okafor"),
    ("Mr Young attended the meeting.", "name", "Young"),
    ("The worker spoke to the mother, Jane, at home.", "name", "Jane"),
    ("His stepdad Dean was present.", "name", "Dean"),
    ("The children, Kezia (7) and Tariku (5), were seen.", "name", "Tariku"),
    ("We met Zubeyda, aged 7, at school.", "name", "Zubeyda"),
    ("At school Oluwadamilare said he was hungry.", "name", "Oluwadamilare"),
    ("She stayed at Kezia's house.", "name", "Kezia"),
    ("Kai Brennan was seen. Later Kai said he was fine.", "name", "Kai"),
    # dates in every format
    ("DOB: 12/03/2019.", "date", "12/03/2019"),
    ("Visit on 12.03.19.", "date", "12.03.19"),
    ("Visit on 12 March 2019.", "date", "12 March 2019"),
    ("Visit on March 12th 2019.", "date", "March 12th 2019"),
    ("Visit on 2019-03-12.", "date", "2019-03-12"),
    ("Visit on 12th of March 2019.", "date", "12th of March 2019"),
    ("Visit on Tuesday 12 March 2019.", "date", "Tuesday 12 March 2019"),
    ("Visit on March 12, 2019.", "date", "March 12, 2019"),
    ("Moved in March 2019.", "date", "March 2019"),
    ("Review on 12/03.", "date", "12/03"),
    # addresses and postcodes
    ("Lives at 22 Larch Close with Mum.", "address", "22 Larch Close"),
    ("Lives at Flat 3, 22 Larch Close, Harrogate HG1 4AB.", "address",
     "Flat 3, 22 Larch Close, Harrogate"),
    ("Moved to 14a Mill Lane.", "address", "14a Mill Lane"),
    ("Moved to Flat 4 last week.", "address", "Flat 4"),
    ("She lives on Larch Close now.", "address", "Larch Close"),
    ("Postcode: LS6 2AB.", "postcode", "LS6 2AB"),
    ("Postcode ls6 2ab in lower case.", "postcode", "ls6 2ab"),
    ("Postcode LS62AB without a space.", "postcode", "LS62AB"),
    ("They moved from the LS9 area.", "postcode", "LS9"),
    ("They moved to Pudsey LS28 in March.", "postcode", "LS28"),
    # numbers
    ("NHS number 943 476 5919.", "nhs_number", "943 476 5919"),
    ("NHS number 9434765919.", "nhs_number", "9434765919"),
    ("NHS number 943 476 5918 (fails the check).", "reference", "943 476 5918"),
    ("NI number QQ 12 34 56 C.", "ni_number", "QQ 12 34 56 C"),
    ("NI number AB123456C.", "ni_number", "AB123456C"),
    ("NI number DA 12 34 56 A (D is never a first letter).", "reference", "DA 12 34 56 A"),
    ("Call 07700 900123.", "phone", "07700 900123"),
    ("Call 0113 496 0123.", "phone", "0113 496 0123"),
    ("Call (0113) 496 0123.", "phone", "(0113) 496 0123"),
    ("Call +44 7700 900123.", "phone", "+44 7700 900123"),
    ("Call +44 (0)113 496 0999.", "phone", "+44 (0)113 496 0999"),
    ("Call 07700900123.", "phone", "07700900123"),
    ("Email jane.wilkinson@example.org today.", "email", "jane.wilkinson@example.org"),
    ("Case ref: 123456.", "reference", "123456"),
    ("Child ID CHI-00123 on file.", "reference", "CHI-00123"),
    ("Mosaic ID 556677.", "reference", "556677"),
    ("Updated LCS 98765.", "reference", "98765"),
    ("Police ref 13/45678/19.", "reference", "13/45678/19"),
    # schools and GP practices
    ("Kai attends Oakfield Primary School.", "school", "Oakfield Primary School"),
    ("Kai attends St Mary's C of E Primary.", "school", "St Mary's C of E Primary"),
    ("Kai attends Castleton Academy.", "school", "Castleton Academy"),
    ("Kai attends Moorside High School.", "school", "Moorside High School"),
    ("Will studies at Leeds City College.", "school", "Leeds City College"),
    ("Kai attends Our Lady of Lourdes Catholic Primary School.", "school",
     "Our Lady of Lourdes Catholic Primary School"),
    ("Registered at Leafield Surgery.", "gp", "Leafield Surgery"),
    ("Registered at Oakwood Medical Centre.", "gp", "Oakwood Medical Centre"),
    ("Registered at Bramley Health Centre.", "gp", "Bramley Health Centre"),
    ("Registered at Dr Patel's practice.", "gp", "Dr Patel's practice"),
    ("Registered at The Grange Surgery.", "gp", "The Grange Surgery"),
    # vehicles, usernames, hospitals and other health services (issue 15)
    ("A silver Corsa, YH17 WKD, was stopped.", "vehicle", "YH17 WKD"),
    ("His Instagram is @kai_b.2010 now.", "handle", "@kai_b.2010"),
    ("Born at Airedale General Hospital.", "health", "Airedale General Hospital"),
])
def test_each_kind_is_found(text, kind, original):
    """Every kind of identifier is found and replaced, with its kind."""
    found = kinds_of(text)
    assert found.get(original) == kind, found


def test_every_kind_has_a_case_above():
    """The parametrized cases cover every kind."""
    params = test_each_kind_is_found.pytestmark[0].args[1]
    assert {kind for _, kind, _ in params} == set(KINDS)


def test_replacement_offsets_point_into_the_original():
    text = (CORPUS / "08-core-group.txt").read_text(encoding="utf-8")
    plain, _ = parse_labelled(text)
    result = anonymise(plain, key="offsets")
    assert result.replacements == sorted(result.replacements, key=lambda r: r.start)
    rebuilt, pos = [], 0
    for r in result.replacements:
        assert plain[r.start:r.end] == r.original
        assert r.as_dict() == {"kind": r.kind, "original": r.original,
                               "replacement": r.replacement, "start": r.start, "end": r.end}
        rebuilt += [plain[pos:r.start], r.replacement]
        pos = r.end
    assert "".join([*rebuilt, plain[pos:]]) == result.text


# --------------------------------------------------------------------------- checksums

def test_nhs_checksum():
    """Only numbers passing the modulus-11 check are NHS numbers; any one digit changed fails."""
    assert nhs_number_is_valid("943 476 5919")          # NHS Digital's published example
    assert nhs_number_is_valid("9990001235")
    assert not nhs_number_is_valid("943 476 591")        # too short
    assert not nhs_number_is_valid("943-476-591X")
    for i in range(10):
        digits = list("9434765919")
        digits[i] = str((int(digits[i]) + 1) % 10)
        assert not nhs_number_is_valid("".join(digits)), i
    # 000 000 006x: weighted sum 12, remainder 1, check digit 10: never valid
    assert not any(nhs_number_is_valid(f"000000006{d}") for d in "0123456789")


def test_nhs_shaped_number_failing_the_check_is_a_reference_and_still_removed():
    result = anonymise("Old NHS no 999 000 1230 and new 999 000 1235.", key="k")
    assert [(r.kind, r.original) for r in result.replacements] == [
        ("reference", "999 000 1230"), ("nhs_number", "999 000 1235")]
    assert "999" not in result.text


def test_ni_prefix_rules():
    assert ni_number_is_valid("QQ 12 34 56 C")            # HMRC's specimen prefix
    assert ni_number_is_valid("AB 12 34 56 C")
    assert ni_number_is_valid("JT487219B")
    for bad in ("DA123456A", "FA123456A", "AO123456A", "BG123456A", "GB123456A", "NK123456A",
                "TN123456A", "ZZ123456A", "AB123456E", "AB12345C"):
        assert not ni_number_is_valid(bad), bad


# --------------------------------------------------------------------------- consistency

def test_same_person_gets_the_same_placeholder():
    text = ("Jane Wilkinson attended with Kai Brennan. Jane said Kai had slept well. "
            "Mrs Wilkinson later phoned; JANE WILKINSON signed the plan. JW agreed.")
    result = anonymise(text, key="k")
    by_original = {}
    for r in result.replacements:
        by_original.setdefault(r.original.lower(), set()).add(r.replacement)
    assert by_original["jane wilkinson"] == by_original["jane"] == by_original["wilkinson"] \
        == by_original["jw"] == {"[Name 1]"}
    assert by_original["kai brennan"] == by_original["kai"] == {"[Name 2]"}
    assert result.text.startswith("[Name 1] attended with [Name 2]. [Name 1] said [Name 2]")


def test_two_people_with_one_surname_are_kept_apart():
    """Two Nowaks: each full name, and each first name, keeps its own placeholder; the surname
    alone cannot be told apart, so it gets a placeholder of its own."""
    text = ("Present: Agnieszka Nowak (mother) and Piotr Nowak (father). Agnieszka said Piotr "
            "works nights. Mrs Nowak asked about childcare; Mr Nowak agreed to attend.")
    result = anonymise(text, key="k")
    placeholder = {r.original: r.replacement for r in result.replacements}
    assert placeholder["Agnieszka Nowak"] == placeholder["Agnieszka"] == "[Name 1]"
    assert placeholder["Piotr Nowak"] == placeholder["Piotr"] == "[Name 2]"
    mrs, mr = [r.replacement for r in result.replacements if r.original == "Nowak"]
    assert len({mrs, mr, "[Name 1]", "[Name 2]"}) == 4
    assert "Mrs [Name 3] asked" in result.text and "Mr [Name 4] agreed" in result.text


def test_school_named_again_on_its_own_keeps_its_placeholder():
    text = ("Mia attends St Bernadette's RC Primary School. St Bernadette's reports good "
            "attendance. She moved from Castleton Primary Academy; Castleton sent her file.")
    result = anonymise(text, key="k")
    assert result.text == ("[Name 1] attends [School 1]. [School 1] reports good attendance. "
                           "She moved from [School 2]; [School 2] sent her file.")


def test_placeholders_are_numbered_by_first_appearance_per_kind():
    text = ("Call 07700 900111, then 07700 900222, then 07700 900111 again. "
            "Postcodes LS6 2AB, LS7 3DE and ls6 2ab.")
    result = anonymise(text, key="k")
    assert result.text == ("Call [Phone 1], then [Phone 2], then [Phone 1] again. "
                           "Postcodes [Postcode 1], [Postcode 2] and [Postcode 1].")


# --------------------------------------------------------------------------- dates

CHRONOLOGY = """\
Tuesday 12/03/2019 referral received.
14.03.19 strategy discussion.
2019-03-20 conference.
2 April 2019 first core group.
May 14th 2019 moved to a refuge.
Tue 4 June 2019 home visit.
17th of July 2019 review.
21/10/2019 programme completed.
4 Nov. 2019 plan ended.
"""
FORMATS = ["%A %d/%m/%Y", "%d.%m.%y", "%Y-%m-%d", "%d %B %Y", "%B %d %Y", "%a %d %B %Y",
           "%d of %B %Y", "%d/%m/%Y", "%d %b. %Y"]


def read_dates(text: str) -> list[dt.date]:
    out = []
    for line, fmt in zip(text.splitlines(), FORMATS):
        words = line.split()
        for n in (1, 2, 3, 4):
            value = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", " ".join(words[:n]))
            try:
                out.append(dt.datetime.strptime(value, fmt).date())
                break
            except ValueError:
                continue
        else:
            raise AssertionError(f"no date at the start of {line!r}")
    return out


@pytest.mark.parametrize("shift", [-364, -30, 1, 10, 7 * 20])
def test_dates_move_by_one_shift_keeping_order_intervals_and_format(shift):
    original = read_dates(CHRONOLOGY)
    result = anonymise(CHRONOLOGY, date_shift_days=shift)
    moved = read_dates(result.text)               # same formats, weekdays right (strptime %A)
    assert moved == [d + dt.timedelta(days=shift) for d in original]
    assert moved == sorted(moved)
    assert [b - a for a, b in itertools.pairwise(moved)] == \
        [b - a for a, b in itertools.pairwise(original)]
    assert [r.kind for r in result.replacements] == ["date"] * len(original)
    assert result.date_shift_days == shift


def test_weekday_written_with_a_date_is_recomputed():
    result = anonymise("Seen on Tuesday 12 March 2019 and Wed 13/03/2019.", date_shift_days=3)
    assert result.text == "Seen on Friday 15 March 2019 and Sat 16/03/2019."


def test_date_without_year_moves_within_the_year_of_the_nearest_dated_entry():
    text = "Conference on 28 December 2020. Visit on 30/12 and on 2nd Jan. Plan agreed 5/1/21."
    result = anonymise(text, date_shift_days=7)
    assert result.text == ("Conference on 4 January 2021. Visit on 06/01 and on 9th Jan. "
                           "Plan agreed 12/1/21.")


def test_month_year_and_two_digit_years_and_impossible_dates():
    result = anonymise("In March 2019; on 31/12/99; born 31/02/2019.", date_shift_days=1)
    assert result.text == "In March 2019; on 01/01/00; born [Date]."


def test_scores_and_24_7_are_not_dates_but_months_alone_are():
    text = "He scaled his worry at 7/10 and Mum at 10/10; 24/7 care; seen in March and May."
    assert anonymise(text, date_shift_days=30).text == \
        "He scaled his worry at 7/10 and Mum at 10/10; 24/7 care; seen in April and June."


def test_key_gives_a_deterministic_whole_week_shift():
    for key in ("case-1", "case-2", "another secret", ""):
        a = anonymise(CHRONOLOGY, key=key)
        b = anonymise(CHRONOLOGY, key=key)
        assert a.text == b.text and a.replacements == b.replacements
        assert a.date_shift_days % 7 == 0 and 28 <= abs(a.date_shift_days) <= 364
    shifts = {anonymise("x", key=f"case-{i}").date_shift_days for i in range(40)}
    assert len(shifts) > 10 and any(s < 0 for s in shifts) and any(s > 0 for s in shifts)


def test_without_a_key_placeholders_are_stable_and_the_shift_is_random():
    text = "Jane Wilkinson phoned 07700 900123 on 12/03/2019."
    runs = [anonymise(text) for _ in range(12)]
    assert {r.text.split(" on ")[0] for r in runs} == {"[Name 1] phoned [Phone 1]"}
    assert all(r.date_shift_days % 7 == 0 and r.date_shift_days != 0 for r in runs)
    assert len({r.date_shift_days for r in runs}) > 1


# --------------------------------------------------------------------------- practice terms

PRACTICE_TEXT = """\
PRACTICE SUMMARY
The Independent Reviewing Officer (IRO) chaired the Initial Child Protection Conference on Monday.
The Child Protection Plan was agreed and the Core Group met on Wednesday; a Strategy Discussion
had been held under Section 47 before that. The Social Worker and the Team Manager used Signs of
Safety mapping with the family, and the Family Support Worker will continue direct work. The
Health Visitor, the School Nurse and CAMHS (Child and Adolescent Mental Health Services) attended.
For the Looked After Child, the Personal Education Plan (PEP) was reviewed with the Virtual School,
and the Education Health and Care Plan (EHCP) is in place. The Pathway Plan for the Care Leaver was
updated by the Leaving Care Team; Staying Put continues. The Local Authority considered the Public
Law Outline, and a Section 20 agreement remains. The Youth Offending Team, MARAC and Early Help
were consulted. The case moved from Child in Need to a Child Protection Plan in the spring and back
in summer. Ofsted will inspect in the autumn. Reviews take place every Tuesday and Thursday, and on
Friday in the holidays. Will the Core Group meet soon? Risk is rated Amber, and Green for school
attendance. The Designated Safeguarding Lead, the Designated Teacher and the Personal Adviser
agreed the Care Plan, the Placement Plan and the Safety Plan. A Family Group Conference and
Lifelong Links were offered; the Special Guardianship Order was granted by the Family Court. The
Supervising Social Worker and the Fostering Panel approved the Foster Carers. Life Story Work and a
Return Home Interview were completed after a missing episode. The Multi-Agency Safeguarding Hub
(MASH) and the LADO were informed. Universal Credit and Child Benefit were discussed with Citizens
Advice. Mum and Dad, Nan and Grandad, the GP and the SENCO came to the Review Health Assessment.
"""


def test_text_full_of_practice_terms_comes_out_unchanged():
    """Over-redaction check: capitalised words of practice, weekdays, months alone, RAG ratings
    and family roles are never replaced."""
    result = anonymise(PRACTICE_TEXT, key="k")
    assert result.replacements == []
    assert result.text == PRACTICE_TEXT


@pytest.mark.parametrize("term", PRACTICE_TERMS)
def test_every_shipped_practice_term_survives_in_a_sentence(term):
    text = f"The {term} was discussed with the family on Monday."
    assert anonymise(text, key="k").text == text


def test_known_over_redaction_of_names_that_are_words():
    """Documented over-redaction: a capitalised name-word starting a sentence before a verb is
    taken for a name ("Hope remains…"); "Will be…" is kept, and a month in a date context is
    a date, not the person of the same name."""
    assert anonymise("Hope remains that the family will engage.", key="k").text == \
        "[Name 1] remains that the family will engage."
    kept = "Will be reviewed in May. There is hope and goodwill."
    assert anonymise(kept, date_shift_days=0).text == kept
    child = anonymise("April Flanagan (2) has lived with Nan since April. April is settled.",
                      date_shift_days=0)
    assert child.text == "[Name 1] (2) has lived with Nan since April. [Name 1] is settled."
    assert [r.kind for r in child.replacements] == ["name", "date", "name"]


# --------------------------------------------------------------------------- the report

def test_report_lists_every_replacement_grouped_by_kind_with_counts():
    plain, _ = parse_labelled((CORPUS / "05-strategy.txt").read_text(encoding="utf-8"))
    result = anonymise(plain, key="report")
    report = result.to_report()
    rows = [line for line in report.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == len(result.replacements)
    for r in result.replacements:
        assert f"| {r.original} | {r.replacement} |" in report
        assert f"{r.start}–{r.end}" in report
    counts = result.counts()
    assert f"Replacements: {len(result.replacements)} (" in report
    headings = re.findall(r"^## (\w+): (\d+) replacements?", report, re.M)
    assert [(k, int(n)) for k, n in headings] == list(counts.items())
    assert [k for k, _ in headings] == [k for k in KINDS if k in counts]
    assert f"Dates moved by {result.date_shift_days:+d} days" in report
    assert "do not publish it" in report


def test_report_escapes_table_pipes_and_names_lines():
    result = anonymise("Line one.\nEmail a|b@example.org\nJane Wilkinson.", key="k")
    report = result.to_report()
    assert "| Jane Wilkinson | [Name 1] | 3 |" in report


# --------------------------------------------------------------------------- the word lists

DATA = ROOT / "auditlib" / "anonymise" / "data"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_each_word_list_holds_each_entry_once_in_lower_case(path):
    """The word lists are data (one entry a line, # comments), each entry written once; all but
    the titles are in lower case, as the anonymiser compares them."""
    entries = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    assert entries and len(entries) == len(set(entries))
    if path.name != "titles.txt":
        assert all(e == e.lower() for e in entries)


def test_a_stop_word_that_is_also_a_first_name_stays_a_name():
    """"faith" is in the stop list (a word of practice) and the first names: a name wins."""
    from auditlib.anonymise.wordlists import FIRST_NAMES, STOP_WORDS

    assert "faith" in FIRST_NAMES and "faith" not in STOP_WORDS
    assert kinds_of("We met Faith at school.") == {"Faith": "name"}


# --------------------------------------------------------------------------- the corpus

def corpus_texts() -> list[str]:
    # the tuning corpus only: held-out/ is scored by the benchmark and tests/anonymise/
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def test_corpus_is_short_case_notes_with_every_kind_labelled():
    texts = corpus_texts()
    assert len(texts) >= 8
    kinds = set()
    for marked in texts:
        plain, labels = parse_labelled(marked)
        assert 150 <= len(plain.split()) <= 400
        assert "[[" not in plain and "]]" not in plain
        for lab in labels:
            assert plain[lab.start:lab.end] == lab.text
        kinds |= {lab.kind for lab in labels}
    assert kinds == {*KINDS, "keep"}


@pytest.fixture(scope="module")
def corpus_scores():
    return evaluate(corpus_texts(), key="corpus")


# What the anonymiser achieves on the corpus (the rules were tuned on 01-08; 09-11 were written
# afterwards and scored before any change: see the benchmark's docstring). Recall is 1.0 for
# every kind; the names' precision is below 1 because towns in mid-sentence are replaced too,
# and the addresses' because a town after "moved to", "lives in"… goes as a place (the corpus
# leaves two of those unlabelled).
RECALL = dict.fromkeys(KINDS, 1.0)
PRECISION = {**dict.fromkeys(KINDS, 1.0), "name": 0.98, "address": 0.8}


@pytest.mark.parametrize("kind", KINDS)
def test_corpus_recall_and_precision(kind, corpus_scores):
    s = corpus_scores["kinds"][kind]
    print(f"{kind}: recall {s['found']}/{s['labelled']}, precision {s['correct']}/"
          f"{s['predicted']}")
    assert s["labelled"] > 0
    assert s["recall"] >= RECALL[kind], [m for m in corpus_scores["misses"] if m[1] == kind]
    assert s["kind_agrees"] == s["found"]
    assert s["precision"] >= PRECISION[kind], [f for f in corpus_scores["false_positives"]
                                               if f[1] == kind]


def test_corpus_practice_terms_are_kept(corpus_scores):
    assert corpus_scores["kept_broken"] == []


def test_parse_labelled_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown label kind 'person'"):
        parse_labelled("[[person:Jane]]")


# --------------------------------------------------------------------------- files

def test_anonymise_file_writes_the_text_and_a_private_report(tmp_path):
    source = tmp_path / "case.txt"
    source.write_text("Mrs Wilkinson phoned on 12/03/2019.\n", encoding="utf-8")
    out, report = tmp_path / "case.anon.txt", tmp_path / "case.report.md"
    report.write_text("an old report", encoding="utf-8")
    report.chmod(0o644)
    result = anonymise_file(source, out, key="case-1", report_path=report)
    assert out.read_text(encoding="utf-8") == result.text
    assert result.text.startswith("Mrs [Name 1] phoned on ")
    assert report.read_text(encoding="utf-8") == result.to_report()
    if os.name == "posix":
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
        # the text is still a child's case until someone has reviewed it: owner-only too
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert anonymise_file(source, key="case-1").text == result.text   # nothing written


def test_anonymise_file_never_writes_through_a_symlink(tmp_path):
    source = tmp_path / "case.txt"
    source.write_text("Mrs Wilkinson phoned.\n", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "out.txt").symlink_to(victim)
    with pytest.raises(AuditlibError, match="symbolic link"):
        anonymise_file(source, tmp_path / "out.txt")
    assert victim.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
    (lambda d: (d / "latin1.txt", (d / "latin1.txt").write_bytes(b"caf\xe9"))[0],
     "not UTF-8 text"),
])
def test_anonymise_file_unreadable_input_is_one_clear_line(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(AuditlibError) as info:
        anonymise_file(path)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_anonymise_file_refuses_to_overwrite_its_input(tmp_path):
    source = tmp_path / "case.txt"
    source.write_text("Jane Wilkinson\n", encoding="utf-8")
    with pytest.raises(AuditlibError, match="refusing to overwrite"):
        anonymise_file(source, out_path=source)
    with pytest.raises(AuditlibError, match="refusing to overwrite"):
        anonymise_file(source, report_path=tmp_path / "." / "case.txt")
    assert source.read_text(encoding="utf-8") == "Jane Wilkinson\n"


def test_anonymise_file_unwritable_output_is_one_clear_line(tmp_path):
    source = tmp_path / "case.txt"
    source.write_text("Jane Wilkinson\n", encoding="utf-8")
    with pytest.raises(AuditlibError, match="does not exist"):
        anonymise_file(source, out_path=tmp_path / "no-such-dir" / "out.txt")


# --------------------------------------------------------------------------- benchmark

def test_benchmark_prints_scores_and_a_ratio():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "anonymise.py"),
                          "--repeat", "1"], capture_output=True, text=True, check=True,
                         timeout=300, cwd=ROOT).stdout
    assert "baseline 're.sub of the email pattern over the same text'" in out
    assert "ratio" in out
    for kind in KINDS:
        assert re.search(rf"^{kind}\s+\d+\s+[\d.]+\s+[\d.n/a]+", out, re.M), kind


def test_a_possessive_inside_a_label_is_not_the_identifier():
    """The placeholder keeps a possessive ("[Name 1]'s"): a label written with it counts as
    found all the same, and one whose name is left does not."""
    found_it = evaluate(["Mrs Okafor saw [[name:Kobby's]] bike, then [[name:Kobby]] rode it."])
    assert found_it["kinds"]["name"]["found"] == 2, found_it["misses"]
    missed = evaluate(["We saw [[address:the old bridge's]] arch."])
    assert missed["kinds"]["address"]["found"] == 0


def test_practice_terms_are_found_longest_first_and_leftmost_in_any_case():
    from auditlib.anonymise.wordlists import practice_spans

    text = "A child in need plan, then the Child Protection Plan; CHILD IN NEED. Mischild in need"
    spans = [text[s:e] for s, e in practice_spans(text)]
    assert spans == ["child in need plan", "Child Protection Plan", "CHILD IN NEED"], spans
