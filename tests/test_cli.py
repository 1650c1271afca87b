"""The command line as a user runs it: real processes, exit codes, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "scaled-social-care-audit.json"


def run(*args, cwd=None):
    """Run the installed console script, as a lead auditor would."""
    script = Path(sys.executable).with_name("auditlib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "auditlib"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=60)


def one_line_error(result):
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_frameworks_json():
    result = run("frameworks", "--json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == ["cla-leaving-care", "detailed-case-audit", "full-audit",
                                      "scaled-social-care"]
    assert all(r["title"] and r["source"] for r in rows)


def test_framework_show_json():
    result = run("framework", "show", "scaled-social-care", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["id"] == "scaled-social-care"
    risk = next(s for s in data["sections"] if s["id"] == "risk")
    assert risk["scale"] == "score10"
    assert [f["id"] for f in risk["flags"]] == ["immediate_harm", "no_supervision"]
    assert risk["criteria"] == []
    assert risk["descriptors"]["good"].startswith("• ")
    detailed = json.loads(run("framework", "show", "detailed-case-audit", "--json").stdout)
    criterion = detailed["sections"][0]["criteria"][0]
    assert set(criterion) >= {"id", "title", "descriptors"}
    assert set(criterion["descriptors"]) == {"outstanding", "good", "requires_improvement",
                                             "inadequate"}


def test_framework_show_unknown_id():
    line = one_line_error(run("framework", "show", "no-such-framework"))
    assert "unknown framework 'no-such-framework'" in line


def test_framework_validate_reports_every_problem():
    bad = ROOT / "tests" / "framework" / "files" / "many-problems.yaml"
    result = run("framework", "validate", bad)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 5 and all(line.startswith(f"{bad}:") for line in lines)
    assert "Traceback" not in result.stderr


def test_framework_validate_refuses_a_file_not_named_after_its_id(tmp_path):
    """Valid inside, but no command could find it by its id: one line, at the id's line."""
    misnamed = tmp_path / "our-audit.yaml"
    misnamed.write_text((ROOT / "frameworks" / "full-audit.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")
    line = one_line_error(run("framework", "validate", misnamed))
    id_line = next(n for n, text in enumerate(misnamed.read_text().splitlines(), 1)
                   if text.startswith("id:"))
    assert line.startswith(f"{misnamed}:{id_line}: id: 'full-audit' does not match the file "
                           "name our-audit.yaml"), line
    assert "save it as full-audit.yaml" in line


def test_framework_validate_ok():
    result = run("framework", "validate", ROOT / "frameworks" / "full-audit.yaml")
    assert result.returncode == 0 and "valid framework 'full-audit'" in result.stdout


def test_check_example_exits_1_with_error_findings():
    result = run("check", EXAMPLE, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["overall"] == {"chosen": "good", "suggested": "requires_improvement",
                               "allowed": ["requires_improvement", "inadequate"]}
    assert {"outcomes-below-good-caps-overall", "action-needs-date"} <= \
        {f["rule"] for f in data["findings"] if f["level"] == "error"}
    assert data["sections"]["outcomes"] == {"grade": "requires_improvement",
                                            "label": "Requires improvement", "score": 4}
    assert isinstance(data["complete"], bool)


def test_check_text_output_matches_readme():
    """The README's worked example is what the command prints."""
    result = run("check", "examples/scaled-social-care-audit.json", cwd=ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ auditlib check examples/scaled-social-care-audit.json\n", 1)[1]
    block = block.split("$ echo $?", 1)[0]
    assert result.stdout == block
    assert result.returncode == 1


def test_check_clean_audit_exits_0(write_json):
    record = {"framework": "full-audit", "child_id": "C1",
              "answers": {"q1": {"grade": "meets_good", "evidence": "e", "impact": "i"}}}
    result = run("check", write_json(record), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["complete"] is False


@pytest.mark.parametrize("record,expected", [
    ({"framework": "nope", "child_id": "C1"}, "unknown framework 'nope'"),
    ({"framework": "scaled-social-care", "child_id": "C1",
      "answers": {"risk": {"score": 11}}},
     "answers.risk.score: must be a whole number 0..10 (got 11)"),
    ({"framework": "scaled-social-care", "child_id": "C1",
      "answers": {"risk": {"score": "seven"}}}, "answers.risk.score: must be a whole number"),
    ({"framework": "scaled-social-care", "child_id": "C1",
      "answers": {"risky": {"score": 3}}}, "answers.risky: unknown id 'risky'"),
    ({"framework": "full-audit", "child_id": "C1",
      "answers": {"q1": {"grade": "good"}}},
     "answers.q1.grade: 'good' is not a grade of scale good3"),
    ({"framework": "scaled-social-care", "child_id": "C1",
      "answers": {"risk": {"flags": {"child_not_seen": True}}}},
     "answers.risk.flags.child_not_seen: unknown flag"),
    ({"framework": "scaled-social-care", "child_id": "C1",
      "answers": {"child_not_seen": True}}, "is a flag of section 'child_identity'"),
    ({"framework": "scaled-social-care", "child_id": "C1",
      "answers": {"risk": {"score": 2, "grade": "good"}}}, "'good' does not match score 2"),
    ({"framework": "full-audit", "child_id": ""}, "child_id: must be a non-empty text id"),
    ({"framework": "full-audit", "child_id": "C1", "overall": "good"},
     "overall: 'good' is not a grade of scale good3"),
    ({"child_id": "C1"}, "framework: missing"),
    ([1, 2], "framework: missing"),
])
def test_check_invalid_audits(write_json, record, expected):
    path = write_json(record)
    line = one_line_error(run("check", path))
    assert expected in line
    assert str(path) in line


def test_check_unreadable_files(tmp_path):
    assert "no such file" in one_line_error(run("check", tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text('{"framework": "full-audit",\n  "child_id": }')
    assert f"{broken}:2:15: not valid JSON" in one_line_error(run("check", broken))
    assert "is a directory" in one_line_error(run("check", tmp_path))


def test_check_against_a_framework_file(write_json):
    minimal = ROOT / "tests" / "framework" / "files" / "minimal.yaml"
    record = {"framework": "minimal", "child_id": "C1",
              "answers": {"risk": {"grade": "good"}, "plans": {"grade": "inadequate"},
                          "overall_grade": {"grade": "good"}}}
    result = run("check", write_json(record), "--framework-file", minimal, "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["overall"]["allowed"] == ["requires_improvement",
                                                              "inadequate"]


def test_hostile_child_id_is_just_data(write_json):
    record = {"framework": "full-audit", "child_id": "../../etc/passwd\"; import os #\n",
              "answers": {}}
    result = run("check", write_json(record), "--json")
    assert result.returncode == 0


def test_no_command_is_a_usage_error():
    result = run()
    assert result.returncode == 2 and "usage:" in result.stderr


def test_a_broken_framework_does_not_hide_the_others(tmp_path, monkeypatch):
    (tmp_path / "ours.yaml").write_text("schema_version: 1\nid: ours\ntitle: [unclosed\n")
    monkeypatch.setenv("AUDITLIB_FRAMEWORKS", str(tmp_path))
    result = run("frameworks", "--json")
    assert result.returncode == 2
    assert "ours.yaml:3: not valid YAML" in result.stderr
    assert "full-audit" in {r["id"] for r in json.loads(result.stdout)}


def test_a_council_adds_its_own_framework(tmp_path, monkeypatch, write_json):
    """A local authority writes one file, without touching Python."""
    minimal = ROOT / "tests" / "framework" / "files" / "minimal.yaml"
    (tmp_path / "minimal.yaml").write_text(minimal.read_text())
    monkeypatch.setenv("AUDITLIB_FRAMEWORKS", str(tmp_path))
    assert "minimal" in {r["id"] for r in json.loads(run("frameworks", "--json").stdout)}
    record = {"framework": "minimal", "child_id": "C1", "answers": {"risk": {"grade": "good"}}}
    result = run("check", write_json(record), "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["overall"]["suggested"] == "good"


def test_serve_refuses_a_missing_path(tmp_path):
    line = one_line_error(run("serve", tmp_path / "nowhere", "--no-browser",
                              "--store", f"sqlite:///{tmp_path / 's.sqlite'}"))
    assert "nowhere: no such workbook or folder" in line


@pytest.mark.parametrize(("argv", "module", "extra"), [
    (["track", "2026-11"], "holidays", "notebooks"),
    (["report", "--month", "2026-11", "--out", "r.html"], "matplotlib", "reports"),
    (["generate", "sample.csv", "--out", "wb"], "papermill", "notebooks"),
])
def test_a_missing_optional_package_names_its_extra(argv, module, extra, monkeypatch, tmp_path,
                                                   capsys):
    """On a core install a command that needs an extra says which, in one line, exit 2 (it
    was "internal error: ModuleNotFoundError", exit 3)."""
    from auditlib.cli import main
    from auditlib.store import AuditStore

    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    with AuditStore(url, create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("ash", roles=["auditor"], user="lead")
    (tmp_path / "sample.csv").write_text("child_id,auditor,month,due_date,framework\n"
                                         "C1,ash,2026-11,2026-11-15,full-audit\n")
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    code = main([*argv, "--store", url, "--user", "lead"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2, err
    assert err == [f"auditlib: {argv[0]} needs the optional package {module!r}, which is not "
                   f"installed: pip install 'auditlib[{extra}]'"]
