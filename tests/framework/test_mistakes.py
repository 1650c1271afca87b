"""One mistake in a framework file gives one problem line, saying what was probably meant.

Each case breaks the format guide's complete example in one place. Before, a misspelt name said
only that it was unknown, and what depended on it was reported again (a section on an unknown
scale also failed its descriptors and every condition naming it)."""
from __future__ import annotations

import pytest

from auditlib.exceptions import FrameworkError
from auditlib.framework import check_framework_file
from tests.framework.doc_example import write_example

MISTAKES = {
    "top-level key": (
        [("\nsections:\n", "\nsectons:\n")],
        ":10: sectons: unknown key 'sectons' (did you mean 'sections'?)"),
    "section key": (
        [("    scale: ofsted4\n    descriptors", "    scael: ofsted4\n    descriptors")],
        "sections[0].scael: unknown key 'scael' (did you mean 'scale'?)"),
    "section id left out": (
        [("  - id: risk\n    number", "  - number")],
        "sections[0]: missing required key 'id'"),
    "section kind": (
        [("kind: overall,", "kind: overal,")],
        "sections[3].kind: unknown section kind 'overal' (did you mean 'overall'?)"),
    "scale of a section that a rule names": (
        [("    scale: ofsted4\n    descriptors", "    scale: ofsted5\n    descriptors"),
         ("when: {flag: child_not_seen}", "when: {section: risk, below: good}")],
        "sections[0].scale: unknown scale 'ofsted5' (did you mean 'ofsted4'?)"),
    "scale of the overall": (
        [("  scale: ofsted4\n  suggest", "  scale: ofstd4\n  suggest")],
        "overall.scale: unknown scale 'ofstd4' (did you mean 'ofsted4'?)"),
    "section named by a rule": (
        [("when: {flag: child_not_seen}", "when: {section: plannig, below: good}")],
        "rules[0].when.section: names a missing section 'plannig' (did you mean 'planning'?)"),
    "section named by the overall": (
        [("  section: overall_grade", "  section: overal_grade")],
        "overall.section: names a missing section 'overal_grade' (did you mean "
        "'overall_grade'?)"),
    "flag named by a rule": (
        [("when: {flag: child_not_seen}", "when: {flag: child_not_sen}")],
        "rules[0].when.flag: unknown flag 'child_not_sen' (did you mean 'child_not_seen'?)"),
    "rule kind": (
        [("kind: overall_only", "kind: overall_onyl")],
        "rules[0].kind: unknown rule kind 'overall_onyl' (did you mean 'overall_only'?)"),
    "rule parameter": (
        [("    grades: [requires_improvement", "    grade: [requires_improvement")],
        "rules[0].grade: unknown key 'grade' (did you mean 'grades'?)"),
}


def problem_lines(path) -> list[str]:
    with pytest.raises(FrameworkError) as err:
        check_framework_file(path)
    return err.value.lines()


@pytest.mark.parametrize("mistake", MISTAKES)
def test_one_mistake_one_line_with_a_suggestion(tmp_path, mistake):
    replacements, expected = MISTAKES[mistake]
    lines = problem_lines(write_example(tmp_path, *replacements))
    assert len(lines) == 1, lines
    assert lines[0].endswith(expected), lines[0]


def test_independent_mistakes_are_each_reported(tmp_path):
    """Suppressing follow-on problems does not hide a second, separate mistake."""
    lines = problem_lines(write_example(
        tmp_path, ("kind: overall_only", "kind: overall_onyl"),
        ("    scale: ofsted4\n    descriptors", "    scale: ofsted5\n    descriptors")))
    assert len(lines) == 2, lines
    assert "did you mean 'overall_only'?" in lines[1] and "did you mean 'ofsted4'?" in lines[0]


def test_a_name_like_nothing_lists_the_choices(tmp_path):
    [line] = problem_lines(write_example(tmp_path, ("kind: overall_only", "kind: cap")))
    assert line.endswith("unknown rule kind 'cap' (one of overall_only, overall_expected, "
                         "overall_consider, reminder, narrative_required, max_actions, "
                         "action_owner_required, action_date_required)")
