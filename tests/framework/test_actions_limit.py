"""How many actions an audit is expected to have: said once in a framework file
(``actions.max_recommended``), read as ``Framework.max_actions`` by the grading rule, the
moderation checks and the workbook."""
from __future__ import annotations

import pytest

from auditlib.exceptions import FrameworkError
from auditlib.framework import DEFAULT_MAX_ACTIONS, get_framework, load_framework
from auditlib.grading import grade
from auditlib.quality_checks import moderation_checks
from tests.framework.doc_example import write_example

ACTION = {"action": "Update the plan", "owner": "Social worker", "due": "2026-12-01"}


def record(actions: int) -> dict:
    return {"framework": "our-audit", "child_id": "C1",
            "answers": {"risk": {"grade": "good", "evidence": "Seen at home.",
                                 "impact": "Amara is safer."}},
            "actions": [dict(ACTION) for _ in range(actions)]}


@pytest.fixture
def limit_of_three(tmp_path):
    """The format guide's example: ``actions: {max_recommended: 3}`` and a max_actions rule."""
    framework = load_framework(write_example(tmp_path))
    assert framework.max_actions == 3
    return framework


def test_the_moderation_check_uses_the_frameworks_limit(limit_of_three):
    """Before, the check counted against a fixed five and said nothing about four actions."""
    assert [c.id for c in moderation_checks(limit_of_three, record(3))
            if c.id == "too-many-actions"] == []
    [check] = [c for c in moderation_checks(limit_of_three, record(4))
               if c.id == "too-many-actions"]
    assert check.message.startswith("4 actions: except in highly unusual circumstances there "
                                    "should be no more than 3.")


def test_the_rule_uses_the_frameworks_limit(limit_of_three):
    assert "at-most-three-actions" not in {f.rule for f in grade(limit_of_three,
                                                                 record(3)).findings}
    [finding] = [f for f in grade(limit_of_three, record(4)).findings
                 if f.rule == "at-most-three-actions"]
    assert (finding.level, finding.where) == ("warning", "actions")
    assert finding.message == "4 actions: the framework expects no more than 3."


def test_a_framework_that_sets_no_limit_expects_five(tmp_path):
    framework = load_framework(write_example(
        tmp_path, ("actions: {section: actions, max_recommended: 3}",
                   "actions: {section: actions}")))
    assert framework.max_actions == DEFAULT_MAX_ACTIONS == 5
    assert get_framework("full-audit").max_actions == 5
    assert get_framework("detailed-case-audit").actions is None
    assert get_framework("detailed-case-audit").max_actions == 5


def test_the_old_way_of_giving_the_number_is_refused_saying_the_new_way(tmp_path):
    path = write_example(tmp_path, ("    kind: max_actions\n",
                                    "    kind: max_actions\n    max: 3\n"))
    with pytest.raises(FrameworkError) as err:
        load_framework(path)
    [line] = err.value.lines()
    assert "rules[1].max: the number of actions is set once for the framework, as " \
        "'actions: {max_recommended: N}'" in line


def test_the_workbook_warns_past_the_frameworks_limit(tmp_path, monkeypatch, store):
    from auditlib.pages.audit import AuditWorkbook

    write_example(tmp_path)
    monkeypatch.setenv("AUDITLIB_FRAMEWORKS", str(tmp_path))
    audit_id = store.add_audit(framework="our-audit", child_id="C1", auditor="ash", user="lead")
    wb = AuditWorkbook(store, audit_id, user="ash", save_delay=0)
    for _ in range(3):
        wb.actions._on_add()
    assert wb.actions.warning.value == ""
    wb.actions._on_add()
    assert "4 actions: the framework expects no more than 3" in wb.actions.warning.value
