"""Is a word English? The anonymiser's own lists know names, places and practice words; this
knows the language's ordinary words (a dictionary shipped with the package, see
``data/english-words.txt.gz``), so that a capitalised word the lists lack can be told apart:
"Sioned", "Tessaly" and "HARROWMERE" are no English words, so they are names; "Hideout",
"Cuckooing" and "SAFEGUARDING" are words, so they need evidence first.
"""
from __future__ import annotations

import functools
import gzip
import importlib.resources
import unicodedata


@functools.cache
def english_words() -> frozenset[str]:
    """The dictionary's words and practitioners' shorthand (``data/shorthand.txt``), lower
    case (read once: about 115,000 words)."""
    data = importlib.resources.files(__package__) / "data"
    text = gzip.decompress((data / "english-words.txt.gz").read_bytes()).decode("utf-8")
    text += (data / "shorthand.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


# endings an English word takes that the dictionary may not list: the stem must be a word
_ENDINGS = (("'s", ""), ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
            ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""), ("ers", ""), ("er", ""),
            ("ness", ""), ("ment", ""), ("able", ""))
_DOUBLED = frozenset("bdfgklmnprstz")


def is_english(word: str) -> bool:
    """Whether ``word`` (any case) is an English word or a regular form of one; a word with
    hyphens is English when every part is ("Drop-in", not "Kai-Leigh").

    >>> is_english("Cuckooing"), is_english("SAFEGUARDING"), is_english("shopping")
    (True, True, True)
    >>> is_english("Sioned"), is_english("Tessaly"), is_english("Kai-Leigh")
    (False, False, False)
    """
    low = word.lower().replace("’", "'")
    words = english_words()
    if low in words:
        return True
    if "-" in low:
        parts = [p for p in low.split("-") if p]
        return bool(parts) and all(is_english(p) for p in parts)
    for ending, instead in _ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[:-len(ending)]
            if stem + instead in words:
                return True
            # "shopping", "planned": the doubled last letter of the stem
            if ending in ("ing", "ed", "er", "ers") and len(stem) > 3 and stem[-1] == stem[-2] \
                    and stem[-1] in _DOUBLED and stem[:-1] in words:
                return True
    return False


# letters with no decomposition to a plain one: "Đặng" is Dang, "Łukasz" Lukasz
_PLAIN = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i",
                        "ħ": "h", "Ħ": "H",
                        "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe"})


def folded(word: str) -> str:
    """``word`` without its accents, so a name written both ways is one name: records type
    "Hùng" and "Hung", "NGUYỄN" and "Nguyen", "Ștefan" and "Stefan".

    >>> folded("Nguyễn"), folded("Đặng"), folded("Ștefan"), folded("Hung")
    ('Nguyen', 'Dang', 'Stefan', 'Hung')
    """
    if word.isascii():
        return word
    plain = unicodedata.normalize("NFKD", word.translate(_PLAIN))
    return "".join(c for c in plain if not unicodedata.combining(c))
