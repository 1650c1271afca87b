"""What the anonymiser returns: the text, every :class:`Replacement`, and the report a person
reviews before a case is shared."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

KINDS = ("name", "date", "address", "postcode", "nhs_number", "ni_number", "phone", "email",
         "reference", "vehicle", "handle", "school", "gp", "health")
"""Every kind of identifier, in the order the report lists them."""

LABELS = {"name": "Name", "address": "Address", "postcode": "Postcode",
          "nhs_number": "NHS number", "ni_number": "NI number", "phone": "Phone",
          "email": "Email", "reference": "Reference", "vehicle": "Vehicle", "handle": "Username",
          "school": "School", "gp": "GP practice", "health": "Health service"}
"""The word in each kind's placeholder (``[Name 1]``); dates are moved, not labelled."""


@dataclass(frozen=True)
class Replacement:
    """One identifier found: its kind, the original text, what replaced it, and where it was
    (``start``/``end`` are offsets in the ORIGINAL text)."""

    kind: str
    original: str
    replacement: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"kind": self.kind, "original": self.original, "replacement": self.replacement,
                "start": self.start, "end": self.end}


@dataclass
class Result:
    """The anonymised ``text``, every ``replacement`` (in order of position) and the date shift.

    ``to_report()`` lists them for the person who checks the case before it is shared.
    """

    text: str
    replacements: list[Replacement]
    date_shift_days: int
    original_text: str = field(repr=False, default="")

    def counts(self) -> dict[str, int]:
        """How many replacements of each kind (kinds with none are left out)."""
        found = Counter(r.kind for r in self.replacements)
        return {kind: found[kind] for kind in KINDS if found[kind]}

    def to_report(self) -> str:
        """A Markdown report of every replacement, grouped by kind, with counts.

        It contains the original identifiers: keep it with the case file, never publish it.
        """
        lines = ["# Anonymisation report", "",
                 "Check every replacement below before the case is shared, and read the "
                 "anonymised text for anything identifying that was missed (nicknames, places, "
                 "jobs, distinctive events).", "",
                 "**This report contains the original identifiers: keep it with the case file "
                 "and do not publish it.**", ""]
        shift = self.date_shift_days
        lines.append(f"Dates moved by {shift:+d} days ({_weeks(shift)}).")
        counts = self.counts()
        total = len(self.replacements)
        summary = ", ".join(f"{kind} {n}" for kind, n in counts.items()) or "none"
        lines += [f"Replacements: {total} ({summary}).", ""]
        starts = _line_starts(self.original_text)
        for kind in KINDS:
            items = [r for r in self.replacements if r.kind == kind]
            if not items:
                continue
            distinct = len({r.replacement for r in items}) if kind != "date" else len(
                {r.original for r in items})
            lines += [f"## {kind}: {len(items)} replacement{'s' * (len(items) != 1)}, "
                      f"{distinct} distinct", "",
                      "| # | original | replacement | line | characters |",
                      "|---|---|---|---|---|"]
            for i, r in enumerate(items, 1):
                line = bisect.bisect_right(starts, r.start)
                lines.append(f"| {i} | {_cell(r.original)} | {_cell(r.replacement)} | {line} | "
                             f"{r.start}–{r.end} |")
            lines.append("")
        return "\n".join(lines)


def _weeks(days: int) -> str:
    weeks, rest = divmod(abs(days), 7)
    if rest == 0:
        return f"{weeks} week{'s' * (weeks != 1)} {'later' if days >= 0 else 'earlier'}"
    return f"{abs(days)} days {'later' if days >= 0 else 'earlier'}"


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]
