"""A file's own scales: the keys a scale takes, and numeric bands that give every score one
grade. A scale's ``not_applicable``, ``min`` and ``max`` were documented but did nothing; they
are refused now with a message saying where each belongs."""
from __future__ import annotations

import pytest

from auditlib import FrameworkError, framework_from_dict
from auditlib.scales import GOOD3


def framework(scale: dict) -> dict:
    return {"schema_version": 1, "id": "x", "title": "X", "source": {"documents": ["d"]},
            "scales": {"marks": scale},
            "sections": [{"id": "risk", "title": "Risk", "scale": "marks"}]}


LEVELS = [{"id": "high"}, {"id": "middle"}, {"id": "low"}]
BANDS = [{"grade": "high", "min": 7, "max": 9}, {"grade": "middle", "min": 4, "max": 6},
         {"grade": "low", "min": 1, "max": 3}]


def problems(scale: dict) -> list[tuple[str, str]]:
    with pytest.raises(FrameworkError) as err:
        framework_from_dict(framework(scale))
    return [(p.path, p.message) for p in err.value.problems]


def test_a_numeric_scale_runs_over_its_bands():
    marks = framework_from_dict(framework({"levels": LEVELS, "bands": BANDS})).scales["marks"]
    assert (marks.min, marks.max) == (1, 9)
    assert [marks.grade_for_score(s) for s in (1, 4, 9)] == ["low", "middle", "high"]


@pytest.mark.parametrize("key,says", [
    ("not_applicable", "a scale does not offer Not applicable: a section does, with "
                       "'not_applicable: true' on the section"),
    ("min", "a numeric scale's scores run from its lowest band's min to its highest band's max: "
            "remove 'min'"),
    ("max", "a numeric scale's scores run from its lowest band's min to its highest band's max: "
            "remove 'max'"),
])
def test_documented_keys_that_did_nothing_are_refused(key, says):
    value = True if key == "not_applicable" else 0
    assert problems({"levels": LEVELS, "bands": BANDS, key: value}) == [
        (f"scales.marks.{key}", says)]


def test_a_gap_between_bands_is_named():
    """Before, a score in the gap passed validation and then had no grade (a ValueError)."""
    gap = [BANDS[0], {"grade": "middle", "min": 4, "max": 5}, BANDS[2]]
    assert problems({"levels": LEVELS, "bands": gap}) == [
        ("scales.marks.bands", "score 6 falls in no band (between 'middle' and 'high')")]


def test_overlapping_bands_are_named():
    overlap = [BANDS[0], {"grade": "middle", "min": 3, "max": 6}, BANDS[2]]
    assert problems({"levels": LEVELS, "bands": overlap}) == [
        ("scales.marks.bands", "bands 'low' and 'middle' overlap at score 3")]


def test_not_applicable_is_the_sections_to_offer():
    """The same scale, with and without "Not applicable": it is the section that says."""
    data = framework({"levels": LEVELS})
    data["sections"].append({"id": "plans", "title": "Plans", "scale": "marks",
                             "not_applicable": True})
    loaded = framework_from_dict(data)
    assert loaded.section("risk").choices() == ["high", "middle", "low"]
    assert loaded.section("plans").choices() == ["high", "middle", "low", "not_applicable"]
    assert GOOD3.label("not_applicable") == "Not applicable"
