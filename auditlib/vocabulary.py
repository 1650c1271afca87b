"""The vocabulary of practice that the moderation checks and the anonymiser share: acronyms with
their meanings, ordinary abbreviations, and practice terms.

The lists are plain text files, one entry a line; blank lines and lines starting ``#`` are
skipped; files are UTF-8 (a byte order mark is allowed):

``acronyms.txt``
    ``ACRONYM<tab>meaning``: the checks suggest the meaning where an audit uses the acronym
    unexplained, and the anonymiser never takes it for a person's initials.
``everyday-acronyms.txt``
    the same form, for acronyms most readers know (``GP``, ``NHS``): reported only as info.
``abbreviations.txt``
    one abbreviation a line that is ordinary English (``OK``, ``GCSE``): never reported, never
    initials.
``practice-terms.txt``
    one term a line (``Child Protection Plan``, ``Signs of Safety``, a team's name): the
    anonymiser keeps it readable although capitalised; the spelling check accepts a one-word
    term.

auditlib ships these lists (``auditlib/vocabulary_lists/``). A council adds its own by putting
files of the same names in a folder and naming the folder in ``AUDITLIB_VOCABULARY`` (several
separated by ``os.pathsep``, like ``AUDITLIB_FRAMEWORKS``). A file may also be named after its
list with a suffix (``practice-terms-teams.txt``). Entries are added to the shipped ones; where
two folders give an acronym different meanings, the first folder named wins and the shipped list
comes last. Other ``.txt`` files in such a folder are an error, as is a line that does not fit
its list: :class:`VocabularyError` names the file and the line.

The lists are read once per value of ``AUDITLIB_VOCABULARY``: restart to pick up an edited file.

>>> v = vocabulary()
>>> v.acronyms["IRO"], v.meaning("iros") is None, v.meaning("IRO")
('Independent Reviewing Officer', True, 'Independent Reviewing Officer')
>>> "DWP" in v.capitals and "OK" in v.capitals and "JS" not in v.capitals
True
"""
from __future__ import annotations

import functools
import importlib.resources
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from auditlib.exceptions import AuditlibError

__all__ = ["ENVIRONMENT", "LISTS", "Vocabulary", "VocabularyError", "vocabulary"]

ENVIRONMENT = "AUDITLIB_VOCABULARY"
"""The environment variable naming a council's vocabulary folders."""

LISTS = ("acronyms", "everyday-acronyms", "abbreviations", "practice-terms")
"""The lists, each read from ``NAME.txt`` (or ``NAME-anything.txt``) in a vocabulary folder."""

# as the checks find acronyms in prose: a letter, then letters, digits or &
_ACRONYM = re.compile(r"[A-Za-z][A-Za-z0-9&]*")


class VocabularyError(AuditlibError):
    """A vocabulary folder or file cannot be used; ``file`` and ``line`` say where (``line`` is
    None for the file or folder as a whole)."""

    def __init__(self, file: str, line: int | None, problem: str):
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Vocabulary:
    """The lists, merged: ``acronyms`` maps each acronym as written (``DoLS``) to its meaning,
    the everyday ones included; ``everyday`` names those; ``abbreviations`` are in capitals;
    ``practice_terms`` keep the order they were read in, without repeats (ignoring case)."""

    acronyms: Mapping[str, str]
    everyday: frozenset[str]
    abbreviations: frozenset[str]
    practice_terms: tuple[str, ...]
    _by_capitals: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_capitals",
                           MappingProxyType({a.upper(): a for a in self.acronyms}))

    def acronym(self, written: str) -> str | None:
        """The acronym as the list writes it, for any case of it (``CIN``, ``CiN``); else None."""
        return self._by_capitals.get(written.upper())

    def meaning(self, written: str) -> str | None:
        """What an acronym stands for, for any case of it; None if it is not in the lists."""
        key = self.acronym(written)
        return None if key is None else self.acronyms[key]

    @functools.cached_property
    def capitals(self) -> frozenset[str]:
        """Every acronym and abbreviation in capitals: never a person's initials."""
        return frozenset(self._by_capitals) | self.abbreviations


def vocabulary() -> Vocabulary:
    """The vocabulary: the folders named in ``AUDITLIB_VOCABULARY`` first, then the shipped
    lists. Raises :class:`VocabularyError` for a folder or file that cannot be used."""
    return _load(os.environ.get(ENVIRONMENT, ""))


@functools.cache
def _load(folders: str) -> Vocabulary:
    acronyms: dict[str, str] = {}
    seen_capitals: set[str] = set()
    everyday: set[str] = set()
    abbreviations: set[str] = set()
    terms: dict[str, str] = {}
    for name, where, text in (*_council_files(folders), *_shipped_files()):
        for entry, meaning in _entries(name, where, text):
            if name == "practice-terms":
                terms.setdefault(" ".join(entry.lower().split()), entry)
            elif name == "abbreviations":
                abbreviations.add(entry.upper())
            elif entry.upper() not in seen_capitals:     # a council's meaning before ours
                seen_capitals.add(entry.upper())
                acronyms[entry] = meaning
                if name == "everyday-acronyms":
                    everyday.add(entry)
    return Vocabulary(MappingProxyType(acronyms), frozenset(everyday), frozenset(abbreviations),
                      tuple(terms.values()))


def _list_name(file: Path) -> str | None:
    for name in sorted(LISTS, key=len, reverse=True):      # everyday-acronyms before acronyms
        if file.stem == name or file.stem.startswith(name + "-"):
            return name
    return None


def _council_files(folders: str) -> Iterable[tuple[str, str, str]]:
    for folder in (Path(p) for p in folders.split(os.pathsep) if p):
        if not folder.is_dir():
            raise VocabularyError(str(folder), None,
                                  f"no such folder (named in {ENVIRONMENT})")
        for file in sorted(folder.glob("*.txt")):
            name = _list_name(file)
            if name is None:
                raise VocabularyError(
                    str(file), None, "not a vocabulary list: name it "
                    + ", ".join(f"{n}.txt" for n in LISTS[:-1]) + f" or {LISTS[-1]}.txt "
                    "(a suffix is allowed: practice-terms-teams.txt)")
            try:
                data = file.read_bytes()
            except OSError as exc:
                raise VocabularyError(str(file), None,
                                      f"cannot be read ({exc.strerror})") from None
            yield name, str(file), _decode(str(file), data)


def _shipped_files() -> Iterable[tuple[str, str, str]]:
    folder = importlib.resources.files("auditlib") / "vocabulary_lists"
    for name in LISTS:
        file = folder / f"{name}.txt"
        yield name, f"auditlib/vocabulary_lists/{name}.txt", _decode(str(file), file.read_bytes())


def _decode(where: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise VocabularyError(where, line, "not UTF-8 text: save the file as UTF-8") from None


def _entries(name: str, where: str, text: str) -> Iterable[tuple[str, str]]:
    """(entry, meaning or "") for each entry of a list's file."""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        def error(problem: str) -> VocabularyError:
            return VocabularyError(where, number, problem)   # noqa: B023 (raised at once)

        if name in ("acronyms", "everyday-acronyms"):
            acronym, tab, meaning = raw.partition("\t")      # "MST<tab>" has no meaning
            acronym, meaning = acronym.strip(), meaning.strip()
            if not tab:
                raise error(f"no tab after {acronym.split()[0]!r}: write the acronym, a tab, "
                            "and its meaning")
            if "\t" in meaning:
                raise error("more than one tab: write the acronym, a tab, and its meaning")
            if not meaning:
                raise error(f"no meaning after the tab for {acronym!r}")
            _check_acronym(acronym, error)
            yield acronym, meaning
        elif "\t" in line:
            raise error(f"a tab: {Path(where).name} takes one entry a line, with no meaning")
        elif name == "abbreviations":
            _check_acronym(line, error)
            yield line, ""
        elif not any(ch.isalpha() for ch in line):
            raise error(f"{line!r} is not a term: a term has letters")
        else:
            yield line, ""


def _check_acronym(written: str, error) -> None:
    if not _ACRONYM.fullmatch(written) or sum(ch.isupper() for ch in written) < 2:
        raise error(f"{written!r} is not an acronym: two or more capital letters, no spaces "
                    "(digits and & allowed)")
