"""The documentation keeps up with the code: every command in the README, every rule kind and
condition in the format guide."""
from __future__ import annotations

import argparse

from auditlib.cli import build_parser
from auditlib.conditions import CONDITION_KEYS
from auditlib.framework import RULE_KINDS, SECTION_KINDS
from tests.conftest import ROOT


def commands(parser: argparse.ArgumentParser, prefix: str = ""):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                subcommands = list(commands(sub, f"{prefix}{name} "))
                yield from subcommands or [(f"{prefix}{name}", sub)]


def test_every_command_is_documented_and_has_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = list(commands(build_parser()))
    assert {name for name, _ in found} >= {"frameworks", "framework show", "framework validate",
                                           "check"}
    for name, parser in found:
        assert f"`auditlib {name}" in readme, f"README does not document 'auditlib {name}'"
        assert parser.description, f"'auditlib {name}' has no help text"


def test_every_rule_kind_condition_and_section_kind_is_documented():
    guide = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    for name in (*RULE_KINDS, *CONDITION_KEYS, *SECTION_KINDS):
        assert f"`{name}" in guide or f"{{{name}:" in guide or f"`{{{name}" in guide, name


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line)
    assert command in readme


def test_every_document_the_code_cites_exists():
    """A docstring that sends a reader to docs/… sends them somewhere real."""
    import re

    for module in (ROOT / "auditlib").rglob("*.py"):
        for cited in re.findall(r"docs/[\w./-]+\.md", module.read_text(encoding="utf-8")):
            assert (ROOT / cited).is_file(), f"{module.name} cites {cited}, which is missing"


def test_the_audit_record_guide_example_is_a_valid_audit():
    import json
    import re

    from auditlib.framework import get_framework
    from auditlib.record import validate_record

    guide = (ROOT / "docs" / "audit-record.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", guide, re.DOTALL).group(1))
    validate_record(get_framework(example["framework"]), example)
