"""Grading scales: the ordered grades a judgement is chosen from.

Grades are ordered best first. ``score10`` is numeric: an answer gives a whole-number score and
its grade is the band the score falls in (9-10 outstanding, 6-8 good, 3-5 requires improvement,
0-2 inadequate).
"""
from __future__ import annotations

from dataclasses import dataclass, field

NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Band:
    grade: str
    min: int
    max: int
    label: str = ""


@dataclass(frozen=True)
class Scale:
    """An ordered set of grades, best first, optionally numeric (scores banded onto grades)."""

    id: str
    levels: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    not_applicable: bool = False
    bands: tuple[Band, ...] = ()
    # rank: 0 is the best grade; built once so comparisons are dictionary look-ups
    rank: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        self.rank.update({g: i for i, g in enumerate(self.levels)})
        if self.not_applicable:
            self.labels.setdefault(NOT_APPLICABLE, "Not applicable")

    @property
    def numeric(self) -> bool:
        return bool(self.bands)

    @property
    def min(self) -> int | None:
        return min(b.min for b in self.bands) if self.bands else None

    @property
    def max(self) -> int | None:
        return max(b.max for b in self.bands) if self.bands else None

    def label(self, grade: str | None) -> str:
        """The grade in words, as a person reads it."""
        if grade is None:
            return "Not graded"
        return self.labels.get(grade) or grade.replace("_", " ").capitalize()

    def grade_for_score(self, score: int) -> str:
        for band in self.bands:
            if band.min <= score <= band.max:
                return band.grade
        raise ValueError(f"score {score} is outside {self.id} ({self.min}..{self.max})")

    def choices(self) -> list[str]:
        """Grade ids an auditor may choose, best first, with not_applicable last where offered."""
        return list(self.levels) + ([NOT_APPLICABLE] if self.not_applicable else [])


OFSTED4 = Scale(
    "ofsted4",
    ("outstanding", "good", "requires_improvement", "inadequate"),
    {"outstanding": "Outstanding", "good": "Good",
     "requires_improvement": "Requires improvement", "inadequate": "Inadequate"},
)
GOOD3 = Scale(
    "good3",
    ("exceeds_good", "meets_good", "does_not_meet_good"),
    {"exceeds_good": "Exceeds good", "meets_good": "Meets good",
     "does_not_meet_good": "Does not meet good"},
    not_applicable=True,
)
SCORE10 = Scale(
    "score10",
    OFSTED4.levels,
    dict(OFSTED4.labels),
    bands=(
        Band("outstanding", 9, 10, "Scale 9 or above"),
        Band("good", 6, 8, "Scale 6-8"),
        Band("requires_improvement", 3, 5, "Scale 3-5"),
        Band("inadequate", 0, 2, "Scale 0-2"),
    ),
)

BUILTIN_SCALES: dict[str, Scale] = {s.id: s for s in (OFSTED4, GOOD3, SCORE10)}
