"""Calibration training: the exemplars, the comparison with the benchmark, the pages driven
without a browser."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditlib.pages.calibration import CalibrationPage, CohortPage
from auditlib.training import compare, list_exemplars, load_exemplar
from tests.conftest import ROOT
from tests.stores import only
from tests.test_cli import run

TINY = Path(__file__).parent / "training_files" / "tiny.yaml"
SHIPPED = sorted((ROOT / "training" / "exemplars").glob("*.yaml"))


@pytest.fixture
def people():
    """A lead auditor and two trainees."""
    return {**only("lead", "tia"), "tom": "trainee"}


def test_shipped_exemplars_cover_the_ground():
    """At least eight fictional cases across plan types; every Ofsted grade appears; each has
    benchmarks for two frameworks or more."""
    exemplars = list_exemplars()
    assert len(exemplars) >= 8
    assert {e.child["plan"] for e in exemplars} >= {"child in need", "child protection",
                                                    "looked after", "care leaver"}
    assert all(len(e.benchmarks) >= 2 for e in exemplars)
    overall = set()
    for e in exemplars:
        for b in e.benchmarks.values():
            from auditlib import get_framework
            fw = get_framework(b.framework)
            chosen = b.record.get("overall") or b.record["answers"].get(fw.overall.section,
                                                                        {}).get("grade")
            overall.add(fw.overall.scale.label(chosen))
    assert {"Outstanding", "Good", "Requires improvement", "Inadequate"} <= overall
    assert all("fictional" in e.notice.lower() for e in exemplars)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_benchmark_passes_auditlib_check(path, tmp_path):
    exemplar = load_exemplar(path)
    for framework, benchmark in exemplar.benchmarks.items():
        file = tmp_path / f"{framework}.json"
        file.write_text(json.dumps(benchmark.record))
        result = run("check", file, "--json")
        assert result.returncode == 0, (framework, result.stdout[-800:], result.stderr)
        assert json.loads(result.stdout)["complete"], framework
        text = " ".join(t for _, t in exemplar.case_file)
        assert len(text.split()) >= 400


def test_compare_field_by_field():
    exemplar = load_exemplar(TINY)
    from auditlib import get_framework
    fw = get_framework("scaled-social-care")
    mine = json.loads(json.dumps(exemplar.benchmarks[fw.id].record))
    mine["answers"]["risk"]["score"] = 2          # two grades lower than the benchmark's Good
    mine["answers"]["living_arrangements"]["score"] = 7   # one higher
    result = compare(fw, mine, exemplar.benchmarks[fw.id])
    rows = {r["item"]: r for r in result.rows}
    assert rows["risk"]["off_by"] == "2 grades lower"
    assert rows["living_arrangements"]["off_by"] == "1 grade higher"
    assert rows["risk"]["rationale"] == "Decision making will be timely"
    assert result.exact == pytest.approx(4 / 6)  # five sections and the overall
    assert result.within_one == pytest.approx(5 / 6)
    assert result.tendency == "harsher than the benchmark"


def test_calibration_page_grades_blind_then_compares(store):
    exemplars = [load_exemplar(TINY)]
    page = CalibrationPage(store, user="tia", exemplars=exemplars, save_delay=0)
    assert page.framework.value == "scaled-social-care"
    page.start_button.click()
    assert "entirely fictional" in page.case.value
    assert page.results.value == ""  # blind: no benchmark before submitting
    _grade_scaled_social_care(page)
    assert "1 grade higher" in page.results.value  # living arrangements: 7 against 4
    audits = store.find_audits(training=True, auditor="tia")
    assert [a["status"] for a in audits] == ["submitted"]  # the trainee's grades are kept
    page.again_button.click()
    assert len(store.find_audits(training=True, auditor="tia")) == 2
    cohort = CohortPage(store, exemplars=exemplars, user="lead")
    assert "tia" in cohort.trainees.value and "83%" in cohort.trainees.value
    # one exercise submitted: each is one observation, and one is too few for an interval
    assert "83% (no interval)" in cohort.trainees.value
    assert "“No interval” means too few exercises, or exercises all alike" in \
        cohort.widget.children[0].value
    assert "treat each exercise as one observation" in cohort.widget.children[0].value
    assert "5. Child/young persons living arrangements" in cohort.fields.value
    assert "Progress over repeated exercises" in cohort.progress.value


def _grade_scaled_social_care(page) -> None:
    """Grade the page's exemplar against scaled-social-care, in full, and submit."""
    wb = page.workbook
    for sid, score in (("risk", 7), ("child_identity", 7), ("care_planning", 6),
                       ("living_arrangements", 7), ("outcomes", 6)):
        wb.sections[sid].judgement.value = score
        wb.sections[sid].narratives["evidence"].value = "e"
        wb.sections[sid].narratives["impact"].value = "For Testa"
    wb.sections["summary"].narratives["summary"].value = "s"
    wb.sections["observations"].narratives["working_well"].value = "a"
    wb.sections["observations"].narratives["not_working_well"].value = "b"
    wb.sections["grading"].judgement.value = "good"
    wb.sections["grading"].narratives["team_manager_id"].value = "TM"
    assert wb.summary.submit_button.description == "Submit and compare with the benchmark"
    wb.summary.submit_button.click()
    assert "Your grades against the benchmark" in page.results.value


#: the tiny exemplar's benchmark, as grades: its five scored sections and the overall
BENCHMARK = {"risk": "good", "child_identity": "good", "care_planning": "good",
             "living_arrangements": "requires_improvement", "outcomes": "good",
             "grading": "good"}
#: an exercise off the benchmark on every field: scores in another band, another overall
OFF = {"risk": 4, "child_identity": 4, "care_planning": 4, "living_arrangements": 7,
       "outcomes": 4}
OFF_GRADES = {**{s: "requires_improvement" for s in OFF}, "living_arrangements": "good",
              "grading": "requires_improvement"}


def test_a_trainees_intervals_treat_each_exercise_as_one_observation(store):
    """Five exercises matching the benchmark on every field and three matching it on none
    (fields perfectly correlated within an exercise): the alignment and weighted kappa
    intervals are auditlib.agreement.intervals' with each exercise as a cluster, wider than
    the Wilson interval over fields (30 of 48) and the kappa interval over fields."""
    from auditlib.agreement import intervals
    from auditlib.training import cohort_results
    from tests.stores import complete
    from tests.test_consistency import wider_than_by_field

    exemplar = load_exemplar(TINY)
    ratings, clusters = [], {}
    for attempt in range(8):
        audit = store.add_audit(framework="scaled-social-care", child_id=exemplar.child_id,
                                auditor="tia", user="tia", training=True)
        complete(store, audit, "tia")
        off = attempt >= 5
        answers = exemplar.benchmarks["scaled-social-care"].record["answers"]
        for section in OFF:
            store.save_answer(audit, section, user="tia",
                              score=OFF[section] if off else answers[section]["score"])
        store.save_answer(audit, "grading", user="tia", grade=OFF_GRADES["grading"] if off
                          else "good")
        store.submit(audit, user="tia")
        for item, benchmark in BENCHMARK.items():
            unit = (audit, item)
            ratings += [(unit, "trainee", OFF_GRADES[item] if off else benchmark),
                        (unit, "benchmark", benchmark)]
            clusters[unit] = audit
    [row] = cohort_results(store, [exemplar])["trainees"]
    assert (row["exercises"], row["fields"], row["alignment"]) == (8, 48, 30 / 48)
    levels = ["outstanding", "good", "requires_improvement", "inadequate"]
    by_exercise = intervals(ratings, levels, clusters)
    assert [row["low"], row["high"]] == by_exercise["percent_agreement"]
    assert row["kappa_interval"] == by_exercise["cohen_kappa"]["linear"]
    wider_than_by_field([row["low"], row["high"]], 30, 48, row["kappa_interval"], ratings,
                        levels)
    kappa_low, kappa_high = row["kappa_interval"]
    assert cohort_results(store, [exemplar])["trainees"][0] == row  # the same every time
    shown = CohortPage(store, exemplars=[exemplar], user="lead").trainees.value
    assert f"{100 * 30 / 48:.0f}% ({100 * row['low']:.0f}% to {100 * row['high']:.0f}%)" in shown
    assert f"({kappa_low:.2f} to {kappa_high:.2f})" in shown


def test_grading_again_offers_another_exemplar(store):
    """'Grade it again' once reopened the exemplar just graded. Now it offers another of the same
    framework not yet graded, then the one graded longest ago."""
    exemplars = [x for x in list_exemplars() if "scaled-social-care" in x.benchmarks][:3]
    assert len(exemplars) == 3
    first, second, third = (x.id for x in exemplars)
    page = CalibrationPage(store, user="tia", exemplars=exemplars, save_delay=0,
                           exemplar=second)
    page.framework.value = "scaled-social-care"
    page.start_button.click()
    _grade_scaled_social_care(page)
    seen = [second]
    for _ in range(2):
        page.again_button.click()
        assert page.exemplar.value not in seen  # a case not yet graded by tia
        assert page.framework.value == "scaled-social-care"
        assert page.results.value == ""  # blind again
        assert page.workbook.record["child_id"] == f"EXEMPLAR-{page.exemplar.value}"
        seen.append(page.exemplar.value)
        _grade_scaled_social_care(page)
    assert sorted(seen) == sorted([first, second, third])
    page.again_button.click()  # all graded: the one graded longest ago, afresh
    assert page.exemplar.value == second
    assert page.results.value == "" and page.workbook.record["status"] == "in_progress"
    attempts = store.find_audits(training=True, auditor="tia", child_id=f"EXEMPLAR-{second}")
    assert [a["status"] for a in attempts] == ["submitted", "in_progress"]
    # another trainee's grading does not count as tia's
    other = CalibrationPage(store, user="tom", exemplars=exemplars, save_delay=0,
                            exemplar=first)
    other.framework.value = "scaled-social-care"
    other.start_button.click()
    _grade_scaled_social_care(other)
    other.again_button.click()
    assert other.exemplar.value == second


def test_the_cohort_page_shows_words_not_ids(store):
    """Exemplar, framework and field titles, and people's names, where the cohort page showed
    'exemplar-01', 'scaled-social-care', 'risk'."""
    import re

    from auditlib import get_framework

    store.add_user("tina", roles=["trainee"], user="lead", display_name="Tina Trainee")
    exemplars = [x for x in list_exemplars() if "scaled-social-care" in x.benchmarks][:2]
    for user, exemplar in (("tina", exemplars[0]), ("tina", exemplars[1])):
        page = CalibrationPage(store, user=user, exemplars=exemplars, save_delay=0,
                               exemplar=exemplar.id)
        page.framework.value = "scaled-social-care"
        page.start_button.click()
        _grade_scaled_social_care(page)
    cohort = CohortPage(store, exemplars=exemplars, user="lead")
    framework = get_framework("scaled-social-care")
    ids = {s.id for s in framework.sections} | {framework.id, "tina"} | {x.id for x in exemplars}
    for html in (cohort.trainees.value, cohort.fields.value, cohort.progress.value):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html)
        assert cells and not ids & set(cells), ids & set(cells)
    assert "Tina Trainee" in cohort.trainees.value and "Tina Trainee" in cohort.progress.value
    assert exemplars[0].title in cohort.progress.value
    assert framework.title in cohort.progress.value and framework.title in cohort.fields.value
    assert "2. Risk management (including decision making and assessment)" in cohort.fields.value


# -- issue 13, driven by the keyboard: after Submit, the trainee is taken to the comparison


def test_after_submit_the_comparison_takes_focus_in_a_trainees_words(store):
    """The comparison's heading is where focus goes after each Submit (the template's script
    focuses a heading with a new data-aw-show), not on reopening an exercise already submitted;
    what the page says is said to a trainee, never "read-only for the auditor"."""
    import re

    exemplars = [load_exemplar(TINY)]
    page = CalibrationPage(store, user="tia", exemplars=exemplars, save_delay=0)
    page.start_button.click()
    _grade_scaled_social_care(page)
    heading = re.search(r"<h2 [^>]*class='aw-results-heading'[^>]*>", page.results.value)
    assert heading and "tabindex='-1'" in heading.group(0), page.results.value
    assert "data-aw-show='1'" in heading.group(0)
    said = page.results.value + page.workbook.status_box.value + page.workbook.banner.value
    assert "Your exercise is submitted: compare your grades with the benchmark below." in said
    assert "Your exercise is submitted" in page.workbook.status_box.value
    assert "Your exercise is submitted" in page.workbook.banner.value
    assert "auditor" not in said and "moderation" not in said.lower()
    page.again_button.click()  # another exercise, submitted: focus goes there again
    assert page.results.value == ""
    _grade_scaled_social_care(page)
    assert "data-aw-show='2'" in page.results.value
    reopened = CalibrationPage(store, user="tia", exemplars=exemplars, save_delay=0)
    reopened.start_button.click()  # the exercise already submitted: shown, focus left alone
    assert "Your grades against the benchmark" in reopened.results.value
    assert "data-aw-show" not in reopened.results.value
    assert "auditor" not in reopened.workbook.banner.value
