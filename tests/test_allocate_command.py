"""``auditlib allocate``: the lead auditor reallocates an audit from the command line; anything
wrong is one line and exit 2, and changes nothing."""
from __future__ import annotations

import json

from tests.test_cli import one_line_error, run


def test_allocate_the_auditor_and_moderator_and_read_it_in_the_history(store):
    audit = store.add_audit(framework="full-audit", child_id="C1", auditor="ash", user="lead")
    url = store.url
    result = run("allocate", audit, "--auditor", "bo", "--moderator", "mo", "--reason",
                 "Ash is on leave", "--store", url, "--user", "lead")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"audit {audit}: auditor ash -> bo; moderator none -> mo " \
                                    "(version 2)"
    result = run("allocate", audit, "--no-moderator", "--store", url, "--user", "lead")
    assert result.stdout.strip() == f"audit {audit}: moderator mo -> none (version 3)"
    trail = json.loads(run("history", audit, "--json", "--store", url, "--user", "lead").stdout)
    assert [(h["what"], h["old"], h["new"], h["reason"]) for h in trail[1:]] == [
        ("auditor", "ash", "bo", "Ash is on leave"), ("moderator", None, "mo", "Ash is on leave"),
        ("moderator", "mo", None, None)]
    assert trail[1]["origin"].startswith("cli:")


def test_refusals_are_one_line_and_change_nothing(store):
    audit = store.add_audit(framework="full-audit", child_id="C1", auditor="ash", user="lead")
    url = store.url
    before = store.history(audit)
    # an auditor giving themselves the audit, a moderator choosing what they moderate
    assert "'ash' is not a lead auditor" in one_line_error(
        run("allocate", audit, "--auditor", "ash", "--store", url, "--user", "ash"))
    assert "'mo' is not a lead auditor" in one_line_error(
        run("allocate", audit, "--moderator", "mo", "--store", url, "--user", "mo"))
    # someone who may not allocate learns nothing, not even whether the audit exists
    assert "'ash' is not a lead auditor" in one_line_error(
        run("allocate", "99999", "--auditor", "ash", "--store", url, "--user", "ash"))
    assert "no such audit: '1 OR 1=1'" in one_line_error(
        run("allocate", "1 OR 1=1", "--auditor", "bo", "--store", url, "--user", "lead"))
    own = store.add_audit(framework="full-audit", child_id="C2", auditor="lead", user="lead")
    assert "'lead' cannot be both the auditor and the moderator" in one_line_error(
        run("allocate", own, "--moderator", "lead", "--store", url, "--user", "lead"))
    assert "'ash' is not a moderator or a lead auditor" in one_line_error(
        run("allocate", audit, "--moderator", "ash", "--store", url, "--user", "lead"))
    assert "say what to change" in one_line_error(
        run("allocate", audit, "--store", url, "--user", "lead"))
    assert store.history(audit) == before
    both = run("allocate", audit, "--moderator", "mo", "--no-moderator", "--store", url,
               "--user", "lead")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
