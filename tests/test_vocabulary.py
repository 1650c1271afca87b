"""One vocabulary of practice (acronyms, abbreviations, practice terms) for the moderation checks
and the anonymiser, shipped as data and extended by a council through ``AUDITLIB_VOCABULARY``."""
from __future__ import annotations

import copy
import importlib.resources
import os
import subprocess
import sys
from pathlib import Path

import pytest

import auditlib.anonymise
from auditlib import get_framework
from auditlib.anonymise import PRACTICE_TERMS, anonymise
from auditlib.anonymise.wordlists import FIRST_NAMES, never_initials
from auditlib.quality_checks import ACRONYMS, classify_token, moderation_checks
from auditlib.vocabulary import ENVIRONMENT, LISTS, VocabularyError, vocabulary
from tests.test_checks import FULL_AUDIT

SHIPPED = importlib.resources.files("auditlib") / "vocabulary_lists"


def council(tmp_path: Path, monkeypatch, **lists: str) -> Path:
    """A council's vocabulary folder holding ``lists`` (file stem, with _ for - → text), named
    in AUDITLIB_VOCABULARY."""
    folder = tmp_path / "vocabulary"
    folder.mkdir()
    for stem, text in lists.items():
        (folder / f"{stem.replace('_', '-')}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setenv(ENVIRONMENT, str(folder))
    return folder


def check_ids(evidence: str) -> list[tuple[str, str]]:
    record = copy.deepcopy(FULL_AUDIT)
    record["answers"]["q5"]["evidence"] = evidence
    return [(c.id, c.message) for c in moderation_checks(get_framework("full-audit"), record)]


# --------------------------------------------------------------------------- shipped lists

def test_shipped_lists_are_in_the_package_and_read_as_resources():
    assert sorted(f.name for f in SHIPPED.iterdir() if f.name.endswith(".txt")) == sorted(
        f"{name}.txt" for name in LISTS)
    v = vocabulary()
    assert v.acronyms["CAMHS"] == "Child and Adolescent Mental Health Services"
    assert v.everyday == {"A&E", "ADHD", "DBS", "GP", "NHS", "NSPCC"}
    assert {"OK", "GCSE", "SMART"} <= v.abbreviations
    assert "Signs of Safety" in v.practice_terms and "genogram" in v.practice_terms


@pytest.mark.parametrize("name", LISTS)
def test_shipped_lists_hold_each_entry_once(name):
    """The two acronym lists used to disagree and repeat themselves; now each entry is written
    once, in one list."""
    entries = [line.split("\t")[0].strip().upper()
               for line in (SHIPPED / f"{name}.txt").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    assert len(entries) == len(set(entries))
    others = {e.split("\t")[0].strip().upper()
              for other in LISTS if other != name and other != "practice-terms"
              for e in (SHIPPED / f"{other}.txt").read_text(encoding="utf-8").splitlines()
              if e.strip() and not e.startswith("#")}
    if name != "practice-terms":
        assert not set(entries) & others


def capitals_that_can_be_initials() -> list[str]:
    return sorted(c for c in vocabulary().capitals if c.isalpha() and 2 <= len(c) <= 4)


@pytest.mark.parametrize("acronym", capitals_that_can_be_initials())
def test_checks_and_anonymiser_read_the_same_acronyms(acronym):
    """Every acronym or abbreviation of the vocabulary is, for the checks, never possible
    initials, and, for the anonymiser, never the initials of a person named in the text."""
    assert classify_token(acronym) != ("unknown", acronym)
    names = [next(n for n in sorted(FIRST_NAMES) if n[0] == letter.lower() and len(n) > 3)
             for letter in acronym]
    person = " ".join(n.title() for n in names)
    text = f"{person} (7) was seen at home. {acronym} was discussed."
    result = anonymise(text, key="k")
    assert [r.original for r in result.replacements] == [person]
    assert acronym in never_initials()


def test_the_lists_the_two_used_to_disagree_on():
    """DWP, NQSW, PSW and ASYE were the anonymiser's only; OT and LD the checks' only."""
    for acronym in ("DWP", "NQSW", "PSW", "ASYE", "OT", "LD"):
        assert classify_token(acronym) == ("known", acronym)
        assert acronym in never_initials()
    assert ACRONYMS is vocabulary().acronyms
    assert vocabulary().practice_terms == PRACTICE_TERMS


# --------------------------------------------------------------------------- a council's lists

def test_a_council_acronym_is_no_longer_taken_for_initials(tmp_path, monkeypatch):
    """Before: "MST" is flagged to the moderator as initials and replaced by the anonymiser as
    the initials of Molly Sarah Taylor. With the council's acronym: explained, and kept."""
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    text = "Molly Sarah Taylor (7) was seen. MST was discussed."
    assert [i for i, _ in check_ids("The MST worker visited weekly.")] == [
        "initials-instead-of-name"]
    assert anonymise(text, key="k").text == "[Name 1] (7) was seen. [Name 1] was discussed."

    council(tmp_path, monkeypatch, acronyms="# our services\nMST\tMulti-Systemic Therapy\n")
    found = check_ids("The MST worker visited weekly.")
    assert [i for i, _ in found] == ["acronym-without-meaning"]
    assert "write ‘Multi-Systemic Therapy’, or ‘Multi-Systemic Therapy (MST)’" in found[0][1]
    assert check_ids("Multi-Systemic Therapy (MST) started. The MST worker visits.") == []
    assert anonymise(text, key="k").text == "[Name 1] (7) was seen. MST was discussed."
    assert vocabulary().acronyms["IRO"] == "Independent Reviewing Officer"   # shipped kept


def test_a_council_abbreviation_is_never_reported(tmp_path, monkeypatch):
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    assert check_ids("Recorded on LCS the same day.") != []
    council(tmp_path, monkeypatch, abbreviations="LCS\n")
    assert check_ids("Recorded on LCS the same day.") == []


def test_a_council_practice_term_stays_readable(tmp_path, monkeypatch):
    """A team's or service's name in practice-terms-teams.txt is kept by the anonymiser."""
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    text = "Seen at Oakwood Family Hub today."
    assert anonymise(text, key="k").text == "Seen at [Address 1] today."   # a named hub, whole
    council(tmp_path, monkeypatch, practice_terms_teams="Oakwood Family Hub\n")
    assert anonymise(text, key="k").text == text
    assert "Oakwood Family Hub" in auditlib.anonymise.PRACTICE_TERMS   # read when asked


def test_the_first_folder_named_gives_the_meaning(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, meaning in ((first, "Independent Reviewing Officer (chair)"), (second, "other")):
        folder.mkdir()
        (folder / "acronyms.txt").write_text(f"IRO\t{meaning}\n", encoding="utf-8")
    monkeypatch.setenv(ENVIRONMENT, os.pathsep.join([str(first), str(second)]))
    assert vocabulary().acronyms["IRO"] == "Independent Reviewing Officer (chair)"
    assert "write ‘Independent Reviewing Officer (chair)’" in check_ids("The IRO agreed.")[0][1]


# --------------------------------------------------------------------------- malformed

@pytest.mark.parametrize("stem, text, line, problem", [
    ("acronyms", "# ours\nMST Multi-Systemic Therapy\n", 2,
     "no tab after 'MST': write the acronym, a tab, and its meaning"),
    ("acronyms", "\nMST\t\n", 2, "no meaning after the tab for 'MST'"),
    ("acronyms", "MST\tMulti\tSystemic\n", 1,
     "more than one tab: write the acronym, a tab, and its meaning"),
    ("everyday-acronyms", "Mst\tMulti-Systemic Therapy\n", 1,
     "'Mst' is not an acronym: two or more capital letters, no spaces (digits and & allowed)"),
    ("abbreviations", "OK\nL C S\n", 2,
     "'L C S' is not an acronym: two or more capital letters, no spaces (digits and & allowed)"),
    ("abbreviations", "LCS\tcase system\n", 1,
     "a tab: abbreviations.txt takes one entry a line, with no meaning"),
    ("practice-terms", "Oakwood Hub\n---\n", 2, "'---' is not a term: a term has letters"),
])
def test_a_malformed_line_is_one_line_naming_file_and_line(tmp_path, monkeypatch, stem, text,
                                                            line, problem):
    folder = council(tmp_path, monkeypatch, **{stem.replace("-", "_"): text})
    with pytest.raises(VocabularyError) as caught:
        vocabulary()
    assert str(caught.value) == f"{folder / stem}.txt:{line}: {problem}"
    assert (caught.value.file, caught.value.line) == (f"{folder / stem}.txt", line)


def test_a_file_that_is_not_utf8_names_its_line(tmp_path, monkeypatch):
    folder = council(tmp_path, monkeypatch)
    (folder / "practice-terms.txt").write_bytes("Oakwood Hub\nCaf\xe9 Team\n".encode("latin-1"))
    with pytest.raises(VocabularyError, match=r"practice-terms\.txt:2: not UTF-8 text"):
        vocabulary()


def test_a_file_of_no_known_list_and_a_missing_folder(tmp_path, monkeypatch):
    folder = council(tmp_path, monkeypatch, teams="Oakwood Hub\n")
    with pytest.raises(VocabularyError) as caught:
        vocabulary()
    assert str(caught.value) == (
        f"{folder / 'teams.txt'}: not a vocabulary list: name it acronyms.txt, "
        "everyday-acronyms.txt, abbreviations.txt or practice-terms.txt (a suffix is allowed: "
        "practice-terms-teams.txt)")
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "missing"))
    with pytest.raises(VocabularyError,
                       match=r"missing: no such folder \(named in AUDITLIB_VOCABULARY\)"):
        vocabulary()


def test_the_command_line_says_it_in_one_line(tmp_path):
    folder = tmp_path / "vocabulary"
    folder.mkdir()
    (folder / "acronyms.txt").write_text("MST Multi-Systemic Therapy\n", encoding="utf-8")
    case = tmp_path / "case.txt"
    case.write_text("Molly Taylor was seen.\n", encoding="utf-8")
    env = {**os.environ, ENVIRONMENT: str(folder)}
    done = subprocess.run([sys.executable, "-m", "auditlib", "anonymise", str(case), "--out",
                           str(tmp_path / "out.txt")], capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert done.stderr == (f"auditlib: {folder / 'acronyms.txt'}:1: no tab after 'MST': write "
                           "the acronym, a tab, and its meaning\n")
