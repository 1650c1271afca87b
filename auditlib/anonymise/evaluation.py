"""How well the anonymiser does on texts labelled inline (``[[name:Jane Wilkinson]]``): recall
and precision per kind, the misses, the false alarms, and practice words it broke."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from auditlib.anonymise.core import anonymise
from auditlib.anonymise.results import KINDS


@dataclass(frozen=True)
class Label:
    """A labelled span of a corpus text: an identifier of ``kind``, or ``keep`` for words of
    practice that must come through unchanged."""

    kind: str
    start: int
    end: int
    text: str


_LABEL_RE = re.compile(r"\[\[(?P<kind>[a-z_]+):(?P<text>.*?)\]\]", re.DOTALL)


def parse_labelled(marked: str) -> tuple[str, list[Label]]:
    """Turn inline-labelled text into the plain text and its labels.

    ``[[name:Jane Wilkinson]]`` marks an identifier of a kind in ``KINDS``; ``[[keep:IRO]]`` marks
    words that must stay. Lines starting ``%%`` are comments and dropped.

    >>> parse_labelled("%% a note\\nMrs [[name:Wilkinson]] met the [[keep:IRO]].")
    ('Mrs Wilkinson met the IRO.', [Label(kind='name', start=4, end=13, text='Wilkinson'), \
Label(kind='keep', start=22, end=25, text='IRO')])
    """
    body = "".join(line for line in marked.splitlines(keepends=True)
                   if not line.startswith("%%"))
    plain, labels, pos = [], [], 0
    length = 0
    for m in _LABEL_RE.finditer(body):
        kind = m.group("kind")
        if kind not in KINDS and kind != "keep":
            raise ValueError(f"unknown label kind {kind!r} in {m.group(0)!r}")
        plain.append(body[pos:m.start()])
        length += m.start() - pos
        labels.append(Label(kind, length, length + len(m.group("text")), m.group("text")))
        plain.append(m.group("text"))
        length += len(m.group("text"))
        pos = m.end()
    plain.append(body[pos:])
    return "".join(plain), labels


def evaluate(marked_texts: Iterable[str], key: str = "evaluation") -> dict:
    """Recall and precision per kind over inline-labelled texts (see :func:`parse_labelled`).

    An identifier counts as found when every letter and digit of it was replaced (by any kind),
    a possessive "'s" at its end aside;
    ``kind_agrees`` counts those whose replacement had the labelled kind. A replacement counts
    as correct when it overlaps a labelled identifier. ``kept_broken`` lists practice words
    that were changed.
    """
    stats = {k: {"labelled": 0, "found": 0, "kind_agrees": 0, "predicted": 0, "correct": 0}
             for k in KINDS}
    misses, false_positives, kept_broken = [], [], []
    for number, marked in enumerate(marked_texts):
        plain, labels = parse_labelled(marked)
        result = anonymise(plain, key=key)
        covered = bytearray(len(plain))
        kind_at: dict[int, set] = defaultdict(set)
        for r in result.replacements:
            covered[r.start:r.end] = b"\x01" * (r.end - r.start)
            for i in range(r.start, r.end):
                kind_at[i].add(r.kind)
        identifiers = [lab for lab in labels if lab.kind != "keep"]
        for lab in labels:
            # a possessive's "'s" is grammar, not the identifier: the anonymiser keeps it after
            # the placeholder ("[Name 1]'s"), whether or not a labeller put it in the label
            end = lab.end - 2 if lab.kind != "keep" and lab.text.endswith(("'s", "’s")) \
                and len(lab.text) > 2 else lab.end
            chars = [i for i in range(lab.start, end) if plain[i].isalnum()]
            if lab.kind == "keep":
                if any(covered[i] for i in range(lab.start, lab.end)):
                    kept_broken.append((number, lab.text))
                continue
            s = stats[lab.kind]
            s["labelled"] += 1
            if all(covered[i] for i in chars):
                s["found"] += 1
                if any(lab.kind in kind_at[i] for i in chars):
                    s["kind_agrees"] += 1
            else:
                misses.append((number, lab.kind, lab.text))
        for r in result.replacements:
            s = stats[r.kind]
            s["predicted"] += 1
            if any(lab.start < r.end and r.start < lab.end for lab in identifiers):
                s["correct"] += 1
            else:
                false_positives.append((number, r.kind, r.original))
    for s in stats.values():
        s["recall"] = s["found"] / s["labelled"] if s["labelled"] else None
        s["precision"] = s["correct"] / s["predicted"] if s["predicted"] else None
    return {"kinds": stats, "misses": misses, "false_positives": false_positives,
            "kept_broken": kept_broken}
