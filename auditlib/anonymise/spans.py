"""What every finder returns and how the finds are combined: a :class:`Span` of text of one kind,
accepted best first (:data:`PRIORITY`, then length) unless it overlaps one already taken, and
the context a span is judged by (:func:`line_before`, :func:`line_after`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Span:
    """A candidate: ``start``/``end`` in the text, its ``kind`` (one of ``KINDS``) and
    ``priority`` (where two overlap, the higher wins)."""

    start: int
    end: int
    kind: str
    priority: int
    key: object = None          # what makes two spans the same entity (resolved later for names)
    replacement: str | None = None   # set directly for dates
    words: tuple[str, ...] = ()      # name words (cores), for names
    title: str = ""


PRIORITY = {"email": 100, "nhs_number": 90, "ni_number": 90, "phone": 85, "date": 80,
            "postcode": 75, "reference": 70, "vehicle": 78, "handle": 95, "school": 62, "gp": 62,
            "health": 62, "address": 60, "name": 50}


class Mask:
    """Character ranges already taken (or protected), for quick overlap tests."""

    def __init__(self, size: int):
        self.taken = bytearray(size)

    def add(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])


def accept(candidates: list[Span], mask: Mask, accepted: list[Span]) -> None:
    """Accept candidates best first (priority, then length), skipping any that overlap."""
    for span in sorted(candidates, key=lambda s: (-s.priority, -(s.end - s.start), s.start)):
        if span.end > span.start and mask.free(span.start, span.end):
            mask.add(span.start, span.end)
            accepted.append(span)


# the context a name is judged by: its line, but no more than this either side, so that text
# with no line breaks (a pasted export) takes time in proportion to its length, not its square
_CONTEXT = 300


def line_before(text: str, i: int) -> str:
    """The text before ``i`` on its line (at most ``_CONTEXT`` characters)."""
    start = max(i - _CONTEXT, 0)
    return text[text.rfind("\n", start, i) + 1 or start:i]


def line_after(text: str, i: int) -> str:
    """The text after ``i`` on its line (at most ``_CONTEXT`` characters)."""
    end = text.find("\n", i, i + _CONTEXT)
    return text[i:end if end >= 0 else min(i + _CONTEXT, len(text))]


def windows(text: str, anchor: re.Pattern, before: int, after: int) -> list[tuple[int, int]]:
    """The stretches from ``before`` characters before to ``after`` characters after each match
    of ``anchor`` (merged where they meet): a pattern that can only match round its anchor (a
    year, a type word) is searched for there, not through the whole text."""
    spans: list[tuple[int, int]] = []
    for m in anchor.finditer(text):
        start, end = max(0, m.start() - before), m.end() + after
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def finditer_in(regex: re.Pattern, text: str, spans: list[tuple[int, int]]):
    """``regex.finditer`` over each stretch of :func:`windows` in turn."""
    for start, end in spans:
        yield from regex.finditer(text, start, end)
