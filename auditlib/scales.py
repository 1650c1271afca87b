"""Grading scales: the ordered grades a judgement is chosen from.

Grades are ordered best first. ``score10`` is numeric: an answer gives a whole-number score and
its grade is the band the score falls in (9-10 outstanding, 6-8 good, 3-5 requires improvement,
0-2 inadequate).

"Not applicable" is not part of a scale: a section offers it (``not_applicable: true`` on the
section), and a not-applicable answer has no grade.
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
    bands: tuple[Band, ...] = ()
    # rank: 0 is the best grade; built once so comparisons are dictionary look-ups
    rank: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        self.rank.update({g: i for i, g in enumerate(self.levels)})

    @property
    def numeric(self) -> bool:
        return bool(self.bands)

    @property
    def min(self) -> int | None:
        return min(b.min for b in self.bands) if self.bands else None

    @property
    def max(self) -> int | None:
        return max(b.max for b in self.bands) if self.bands else None

    @property
    def scores(self) -> range:
        """The whole-number scores a numeric scale takes (none for a scale of grades only).

        >>> SCORE10.scores, GOOD3.scores
        (range(0, 11), range(0, 0))
        """
        low, high = self.min, self.max
        return range(0) if low is None or high is None else range(low, high + 1)

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
