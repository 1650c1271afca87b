"""Checking a framework's plain data: problems collected with their paths, and "did you mean".

A framework file is typed by people, so one slip (``sectons:``, ``scale: ofsted5``) should give
one line that says what was probably meant, not a cascade. :class:`Checker` collects the
problems; :func:`did_you_mean` finds the likely intended name; :attr:`Checker.reported` remembers
what is already known to be wrong, so checks that depend on it stay silent.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from typing import Any

from auditlib.exceptions import Problem

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def did_you_mean(value: object, choices: Iterable[Any]) -> str | None:
    """The choice ``value`` was probably meant to be, or None.

    >>> did_you_mean("sectons", ["schema_version", "sections", "scales"])
    'sections'
    >>> did_you_mean("colour", ["id", "title"]) is None
    True
    """
    if not isinstance(value, str):
        return None
    names = [str(c) for c in choices]
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6) or \
        [c for c in names if c.lower() == value.lower()]
    return close[0] if close else None


def unknown(what: str, value: object, choices: Collection[Any], list_them: bool = True) -> str:
    """``unknown scale 'ofsted5' (did you mean 'ofsted4'?)``, else the choices listed."""
    guess = did_you_mean(value, choices)
    if guess is not None:
        return f"unknown {what} {value!r} (did you mean {guess!r}?)"
    if list_them and choices:
        return f"unknown {what} {value!r} (one of {', '.join(map(str, choices))})"
    return f"unknown {what} {value!r}"


def missing_section(value: object, sections: Collection[str]) -> str:
    """``names a missing section 'outcmes' (did you mean 'outcomes'?)``."""
    guess = did_you_mean(value, sections)
    return f"names a missing section {value!r}" + (f" (did you mean {guess!r}?)" if guess else "")


def join_path(path: str, key: Any) -> str:
    """``sections[2]`` + ``id`` -> ``sections[2].id``; an int key is an index."""
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))


class Checker:
    """Collects problems with their paths while the model is built."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        #: names already reported as wrong (section ids, ``"overall"``): what depends on them
        #: is not checked again, so one mistake gives one problem
        self.reported: set[str] = set()

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def keys(self, data: dict, path: str, allowed: Collection[str],
             required: Iterable[str] = ()) -> set[str]:
        """Report unknown and missing keys; return the allowed keys that were misspelt (each
        reported once, as the unknown key with "did you mean", not also as missing)."""
        meant: set[str] = set()
        for key in data:
            if key in allowed:
                continue
            guess = did_you_mean(key, [k for k in allowed if k not in data])
            if guess is not None:
                meant.add(guess)
                self.add(join_path(path, key), f"unknown key {key!r} (did you mean {guess!r}?)")
            else:
                self.add(join_path(path, key), f"unknown key {key!r} "
                         f"(expected one of {', '.join(sorted(allowed))})")
        for key in required:
            if key not in data and key not in meant:
                self.add(path, f"missing required key {key!r}")
        return meant

    def string(self, data: dict, key: str, path: str, required: bool = False,
               default: str = "") -> str:
        value = data.get(key)
        if value is None:
            if required and key in data:  # an absent key is reported by keys()
                self.add(join_path(path, key), "must not be empty")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(join_path(path, key), f"must be text (got {type(value).__name__})")
            return default
        return str(value).strip() if isinstance(value, str) else str(value)

    def ident(self, data: dict, key: str, path: str, report_missing: bool = False
              ) -> str | None:
        """The id at ``data[key]``, or None; an absent one is reported only with
        ``report_missing`` (where :meth:`keys` has not already said it is missing)."""
        value = data.get(key)
        if value is None:
            if report_missing:
                self.add(path, f"missing required key {key!r}")
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.add(join_path(path, key), f"must be an id of lower-case letters, digits, '_' or "
                     f"'-' (got {value!r})")
            return None
        return value

    def boolean(self, data: dict, key: str, path: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.add(join_path(path, key), f"must be true or false (got {value!r})")
            return default
        return value

    def mapping(self, value: Any, path: str) -> dict:
        if not isinstance(value, dict):
            self.add(path, f"must be a mapping (got {type(value).__name__})")
            return {}
        return value

    def sequence(self, value: Any, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, f"must be a list (got {type(value).__name__})")
            return []
        return value

    def strings(self, value: Any, path: str) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.sequence(value, path)):
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                out.append(str(item))
            else:
                self.add(f"{path}[{i}]", f"must be text (got {type(item).__name__})")
        return tuple(out)
