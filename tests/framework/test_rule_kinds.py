"""The rule kinds are registered once (auditlib.rules): the format guide's table says what the
registry says, and loading and grading both go through it."""
from __future__ import annotations

import re

import pytest

from auditlib.framework import RULE_KINDS
from auditlib.rules import RuleKind
from tests.conftest import ROOT


def guide_rows() -> dict[str, tuple[str, str]]:
    """kind -> (parameters, what it does), from the table under "## Rules"."""
    guide = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    section = guide.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (.*?) \| (.*?) \|$", section, re.M)
    return {kind: (parameters, does) for kind, parameters, does in rows}


def test_the_guide_lists_every_registered_kind_and_no_other():
    assert list(guide_rows()) == list(RULE_KINDS)


@pytest.mark.parametrize("kind", RULE_KINDS.values(), ids=lambda k: k.name)
def test_the_guides_row_says_what_the_registry_says(kind: RuleKind):
    parameters, does = guide_rows()[kind.name]
    assert does == kind.doc
    named = re.findall(r"`(\w+)`", parameters)
    assert named == list(kind.required + kind.optional)
    if "level" in kind.optional:
        assert f"`level` (default {kind.level})" in parameters
    for optional in kind.optional:
        assert optional == "level" or "optional" in parameters, optional


def test_every_kind_is_applied_by_its_own_function():
    functions = [kind.evaluate for kind in RULE_KINDS.values()]
    assert len(set(functions)) == len(functions)
    assert all(kind.level in ("error", "warning", "info") for kind in RULE_KINDS.values())
