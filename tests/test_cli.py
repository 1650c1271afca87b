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


@pytest.mark.parametrize(("argv", "module"), [
    (["track", "2026-11"], "holidays"),
    (["track", "2026-11", "--export", "out"], "openpyxl"),
    (["report", "--month", "2026-11", "--out", "r.html"], "matplotlib"),
    (["report", "--month", "2026-11", "--out", "r.html"], "jinja2"),
    (["generate", "sample.csv", "--out", "wb"], "papermill"),
    (["generate", "sample.csv", "--out", "wb"], "nbformat"),
    (["export", "1", "--format", "docx", "--out", "a.docx"], "docx"),
])
def test_a_missing_optional_package_names_its_extra(argv, module, monkeypatch, tmp_path, capsys):
    """On a core install a command that needs an extra says which, in one line, exit 2 (it
    was "internal error: ModuleNotFoundError", exit 3); the month's commands need the month
    extra (they named notebooks and reports, which brought far more)."""
    from auditlib.cli import main
    from auditlib.store import AuditStore

    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    with AuditStore(url, create=True) as store:
        store.add_user("lead", roles=["lead_auditor"], user="lead")
        store.add_user("ash", roles=["auditor"], user="lead")
        store.import_audit(json.loads(EXAMPLE.read_text(encoding="utf-8")), user="lead")
    (tmp_path / "sample.csv").write_text("child_id,auditor,month,due_date,framework\n"
                                         "C1,ash,2026-11,2026-11-15,full-audit\n")
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    code = main([*argv, "--store", url, "--user", "lead"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2, err
    assert err == [f"auditlib: {argv[0]} needs the optional package {module!r}, which is not "
                   "installed: pip install 'auditlib[month]'"]


# --------------------------------------------------------------------------- extras

# where a package's import name is not its distribution's name
DISTRIBUTIONS = {"docx": "python-docx", "yaml": "pyyaml"}


def distribution(module: str) -> str:
    """The canonical name of the distribution that installs import name ``module``."""
    return canonical(DISTRIBUTIONS.get(module, module))


def canonical(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def third_party_imports(folder: Path = ROOT / "auditlib") -> dict[str, set[str]]:
    """Each top-level package outside the standard library that a module under ``folder``
    imports (at its top or inside a function), with the files that import it."""
    import ast

    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for top in {name.split(".")[0] for name in names}:
                if top not in sys.stdlib_module_names and top != "auditlib":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def declared(pyproject: dict, extra: str | None = None) -> set[str]:
    """The distributions the core install (``extra`` None) or ``extra`` brings, following
    ``auditlib[...]`` to the extras it names."""
    from packaging.requirements import Requirement

    project = pyproject["project"]
    lines = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    names = set()
    for line in lines:
        requirement = Requirement(line)
        if requirement.name == "auditlib":
            for inner in requirement.extras:
                names |= declared(pyproject, inner)
        else:
            names.add(canonical(requirement.name))
    return names


def extras_problems(pyproject: dict, extras: dict[str, str],
                    imported: dict[str, set[str]]) -> list[str]:
    """What is wrong between what auditlib imports, auditlib.cli.EXTRAS and pyproject's extras."""
    core = declared(pyproject)
    optional = pyproject["project"]["optional-dependencies"]
    problems = [f"{module} (imported by {', '.join(sorted(files))}) is neither a dependency nor "
                "in auditlib.cli.EXTRAS" for module, files in sorted(imported.items())
                if distribution(module) not in core and module not in extras]
    for module, extra in sorted(extras.items()):
        bringing = {name: len(declared(pyproject, name)) for name in optional
                    if distribution(module) in declared(pyproject, name)}
        if extra not in bringing:
            problems.append(f"EXTRAS sends {module} to [{extra}], which does not list "
                            f"{distribution(module)}")
        elif bringing[extra] > min(bringing.values()):
            smallest = min(bringing, key=bringing.get)
            problems.append(f"EXTRAS sends {module} to [{extra}]; [{smallest}] is smaller")
    return problems


def pyproject() -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def test_every_optional_package_is_declared_and_named_by_the_smallest_extra():
    """Whatever a command's code imports is installed by the core or by the extra its
    missing-package line names (before, generate imported tqdm and nbformat undeclared, and
    the service's tornado and jupyter_core were in no extra and EXTRAS)."""
    from auditlib.cli import EXTRAS

    problems = extras_problems(pyproject(), EXTRAS, third_party_imports())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("folder", "extra"), [("month", "month"), ("pages", "notebooks"),
                                               ("service", "notebooks")])
def test_each_area_needs_only_its_extra(folder, extra):
    """Installing the extra an area's commands name is enough for all of that area."""
    needed = {distribution(m) for m in third_party_imports(ROOT / "auditlib" / folder)}
    assert needed, folder
    assert needed - declared(pyproject()) - declared(pyproject(), extra) == set()


def test_the_extras_check_finds_what_is_wrong():
    project = {"project": {"dependencies": ["pyyaml>=6"], "optional-dependencies": {
        "month": ["holidays>=0.5"], "reports": ["auditlib[month]", "python-docx"]}}}
    assert extras_problems(project, {"holidays": "reports", "docx": "month"},
                           {"yaml": {"a.py"}, "holidays": {"b.py"}, "tqdm": {"c.py"}}) == [
        "tqdm (imported by c.py) is neither a dependency nor in auditlib.cli.EXTRAS",
        "EXTRAS sends docx to [month], which does not list python-docx",
        "EXTRAS sends holidays to [reports]; [month] is smaller",
    ]


def _serving(cwd: Path, *args: str, data: Path, user: str = "amira", link: str = "/?token"
             ) -> tuple[list[str], str]:
    """Start ``auditlib serve`` in ``cwd``, read the lines it prints up to 'Press Ctrl-C', stop
    it; return those lines and the page that the first link printed holding ``link`` opens,
    whole. All within a deadline: a page that never ends (Voilà once kept one open for ever,
    sending a heartbeat every ten seconds, when its kernel died as the page was built) fails,
    with serve's log (Voilà's included), instead of hanging the run."""
    import contextlib
    import os
    import re
    import signal
    import threading
    import urllib.request

    deadline = 300  # seconds: far beyond a page on a busy computer; only a hang reaches it
    env = dict(os.environ, AUDITLIB_DATA=str(data), AUDITLIB_USER=user)
    env.pop("AUDITLIB_QUIET_VOILA", None)  # Voilà's log, for the failure message
    proc = subprocess.Popen([sys.executable, "-m", "auditlib", "serve", "--no-browser", *args],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    said: list[str] = []  # read as it comes: a full pipe would stop Voilà
    drain = threading.Thread(target=lambda: said.extend(proc.stderr), daemon=True)
    drain.start()
    too_long = threading.Event()

    def stop_it() -> None:  # ends every read below: serve and its Voilà are gone
        too_long.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    watchdog = threading.Timer(deadline, stop_it)
    watchdog.start()
    lines: list[str] = []
    got = b""
    try:
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        links = [u for u in re.findall(r"http://127\.0\.0\.1:\d+/\S+", "".join(lines))
                 if link in u]
        if links:
            try:
                with urllib.request.urlopen(links[0], timeout=60) as response:
                    while piece := response.read1(65536):
                        got += piece
            except Exception:
                if not too_long.is_set():
                    raise
    finally:
        watchdog.cancel()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        drain.join(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    page = got.decode(errors="replace")
    log = "".join(lines) + "serve's log:\n" + "".join(said)[-8000:]
    assert not too_long.is_set(), (
        f"serve and its page did not finish within {deadline} s: {len(page)} characters came, "
        f"with {page.count('voila_heartbeat()')} heartbeats from Voilà\n{log}")
    assert links, log
    assert "voila.js" in page, f"the page was cut short ({len(page)} characters)\n{log}"
    return lines, page


def test_serve_training_works_from_any_folder(tmp_path):
    """``auditlib serve training`` from a folder that has no training/ in it serves the shipped
    calibration pages (before, 'training: no such workbook or folder')."""
    from auditlib.store import AuditStore

    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    AuditStore(url, create=True).close()
    lines, page = _serving(tmp_path, "training", "--store", url, data=tmp_path / "data")
    assert "training on http://127.0.0.1:" in lines[0], lines
    assert "calibration" in page.lower()


def test_serve_demo_as_the_demo_moderator_opens_an_audit_to_moderate(tmp_path):
    """Trying the demo as its moderator: a submitted audit to moderate, not a refusal ('user
    demo-moderator already exists'); twice, as a person would come back to it."""
    from auditlib import access
    from auditlib.store import AuditStore

    for _ in range(2):
        lines, page = _serving(tmp_path, "--demo", user="demo-moderator", data=tmp_path,
                               link="moderation.ipynb")
        text = "".join(lines)
        assert "signed in as demo-moderator" in text
        assert "To moderate:" in text and "moderation.ipynb?audit_id=" in text, text
        assert "Open an audit:" not in text  # a moderator audits nothing of their own
        assert page.startswith("<!DOCTYPE html>")  # the moderation page is served
    with AuditStore(f"sqlite:///{tmp_path / 'demo.sqlite'}") as store:
        submitted = store.find_audits(status="submitted")
        assert [(a["auditor"], a["moderator"]) for a in submitted] == [
            ("demo-auditor", "demo-moderator")]
        assert access.audits_to_moderate(store, "demo-moderator") == submitted


def refuse_nan(name):
    raise ValueError(f"not JSON: {name}")


def test_agreement_undefined_statistics_are_null_and_said_in_words(tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("unit,rater,grade\n" + "".join(f"{u},{r},good\n" for u in range(4)
                                                      for r in ("a", "b")))
    result = run("agreement", ratings, "--scale", "ofsted4", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout, parse_constant=refuse_nan)
    assert data["fleiss_kappa"] is None and data["cohen_kappa"]["unweighted"] is None
    assert data["intervals"]["fleiss_kappa"] is None
    text = run("agreement", ratings, "--scale", "ofsted4").stdout
    assert "Fleiss' kappa undefined (every grade is the same level" in text
    assert "nan" not in text
    # every unit agrees: at least as many units agree as the interval of 4 out of 4 says
    assert "percent agreement 1.000 (95% interval 0.398 to 1.000)" in text
    # two audits alike, each half agreed: no spread to build an interval from, said in words
    ratings.write_text("unit,rater,grade,audit\n" + "".join(
        f"{audit}-{field},{rater},{'good' if rater == 'a' or field else 'inadequate'},{audit}\n"
        for audit in ("x", "y") for field in range(2) for rater in ("a", "b")))
    text = run("agreement", ratings, "--scale", "ofsted4", "--cluster", "audit").stdout
    assert "percent agreement 0.500 (no interval: too few units or clusters, or every one left " \
        "out gives the same value)" in text


def test_agreement_intervals_by_audit(tmp_path):
    ratings = tmp_path / "ratings.csv"
    levels = ["outstanding", "good", "requires_improvement", "inadequate"]
    rows = []
    for audit in range(6):
        for field in range(5):
            for rater in ("l", "m"):
                slip = rater == "m" and field % 3 == 0   # the moderator differs on some fields
                grade = levels[(audit + field + slip) % 4]
                rows.append(f"a{audit}-f{field},{rater},{grade},audit {audit}")
    ratings.write_text("unit,rater,grade,audit\n" + "\n".join(rows) + "\n")
    result = run("agreement", ratings, "--scale", "ofsted4", "--cluster", "audit", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout, parse_constant=refuse_nan)
    assert data["intervals_by"]["n_clusters"] == 6 and data["intervals_by"]["method"] == "jackknife"
    low, high = data["intervals"]["cohen_kappa"]["linear"]
    assert low <= data["cohen_kappa"]["linear"] <= high
    assert set(data["intervals"]["gwet_ac2"]) == {"linear", "quadratic"}
    text = run("agreement", ratings, "--scale", "ofsted4", "--cluster", "audit").stdout
    assert "intervals count 6 clusters (audit), not 30 units" in text
    assert "Gwet's AC1 " in text and "(95% interval " in text
    assert "team: missing column" in one_line_error(
        run("agreement", ratings, "--scale", "ofsted4", "--cluster", "team"))
    ratings.write_text(ratings.read_text().replace("a0-f0,m,good,audit 0",
                                                   "a0-f0,m,good,audit 1"))
    assert ":3: audit: unit 'a0-f0' is in audit 'audit 0' at row 2" in one_line_error(
        run("agreement", ratings, "--scale", "ofsted4", "--cluster", "audit"))
