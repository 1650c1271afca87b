"""Loading framework files: every problem reported as FILE:LINE: what is wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditlib import FrameworkError, framework_from_dict, load_framework

FILES = Path(__file__).parent / "files"


def problems(name):
    with pytest.raises(FrameworkError) as err:
        load_framework(FILES / name)
    return err.value.lines()


def test_minimal_framework_loads():
    framework = load_framework(FILES / "minimal.yaml")
    assert [s.id for s in framework.sections] == ["risk", "plans", "overall_grade"]
    assert framework.graded_sections == ("risk", "plans")


def test_duplicate_ids_name_both_places():
    [line] = problems("duplicate-section-ids.yaml")
    assert line.endswith("duplicate-section-ids.yaml:10: sections[1].id: duplicate id 'risk' "
                         "(already used at sections[0].id)")


def test_unknown_scale():
    [line] = problems("unknown-scale.yaml")
    assert ":9: sections[0].scale: unknown scale 'ofsted5'" in line


def test_rule_naming_a_missing_section():
    [line] = problems("rule-names-missing-section.yaml")
    assert ":20: rules[0].when.section: names a missing section 'outcomes'" in line


def test_bad_yaml_names_the_line():
    [line] = problems("bad-yaml.yaml")
    assert "bad-yaml.yaml:" in line and "not valid YAML" in line


def test_schema_too_new():
    [line] = problems("schema-too-new.yaml")
    assert ":1: schema_version: 2 is too new" in line


def test_every_problem_is_reported_at_once():
    lines = problems("many-problems.yaml")
    text = "\n".join(lines)
    assert ":2: id: must be an id" in text
    assert ":12: sections[0].descriptors.excellent: 'excellent' is not a grade of scale ofsted4" \
        in text
    assert "sections[0].flags[0].id: duplicate id 'risk'" in text
    assert ":18: sections[1].colour: unknown key 'colour'" in text
    assert ":21: rules[0].kind: unknown rule kind 'overall_cap'" in text
    assert len(lines) == 5


def test_duplicate_yaml_keys_are_reported(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text((FILES / "minimal.yaml").read_text() + "title: Again\n")
    lines = problems_at(path)
    assert any("duplicate key 'title'" in line for line in lines)


def problems_at(path):
    with pytest.raises(FrameworkError) as err:
        load_framework(path)
    return err.value.lines()


def test_missing_file():
    [line] = problems("no-such-file.yaml")
    assert line.endswith("no-such-file.yaml: no such file")


def test_dates_stay_text(tmp_path):
    """YAML dates are not turned into date objects (papermill's NoDatesSafeLoader)."""
    path = tmp_path / "dated.yaml"
    path.write_text((FILES / "minimal.yaml").read_text().replace(
        "title: A minimal framework", "title: 2024-01-31"))
    assert load_framework(path).title == "2024-01-31"


def test_from_dict_is_pure_and_reports_paths():
    with pytest.raises(FrameworkError) as err:
        framework_from_dict({"schema_version": 1, "id": "x", "title": "X",
                             "source": {"documents": []}, "sections": [{"id": "a"}]})
    assert [(p.path, p.message) for p in err.value.problems] == [
        ("sections[0]", "missing required key 'title'"),
        ("sections[0]", "a graded section needs a scale")]


@pytest.mark.parametrize("condition,message", [
    ({"flag": "nope"}, "unknown flag 'nope'"),
    ({"section": "risk", "at_least": "great"}, "'great' is not a grade of scale ofsted4"),
    ({"most_sections": {"below": "good"}, "among": ["ghost"]}, "names a missing section 'ghost'"),
    ({"sometimes": True}, "a condition needs exactly one of"),
    ({"all": []}, "'all' must be a non-empty list"),
])
def test_bad_conditions(condition, message):
    data = {"schema_version": 1, "id": "x", "title": "X", "source": {"documents": ["d"]},
            "sections": [{"id": "risk", "title": "Risk", "scale": "ofsted4"},
                         {"id": "o", "title": "O", "kind": "overall", "scale": "ofsted4"}],
            "overall": {"section": "o", "scale": "ofsted4"},
            "rules": [{"id": "r", "kind": "reminder", "when": condition, "source": "s"}]}
    with pytest.raises(FrameworkError) as err:
        framework_from_dict(data)
    assert any(message in p.message for p in err.value.problems), err.value.problems
