"""frameworks/framework.schema.json, the JSON Schema editors check framework files with: every
shipped framework and the format guide's example fit it, a broken file does not, and it names the
same keys and rule kinds as the loader."""
from __future__ import annotations

import json

import jsonschema
import pytest

from auditlib.framework import RULE_COMMON, RULE_KINDS, SECTION_KEYS, TOP_KEYS, check_framework_file
from auditlib.yamlsafe import load_yaml, read_yaml_file
from tests.conftest import FRAMEWORKS, ROOT
from tests.framework.doc_example import example_text, write_example

SCHEMA = json.loads((FRAMEWORKS / "framework.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def data(path) -> dict:
    return load_yaml(read_yaml_file(path))[0]


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", sorted(FRAMEWORKS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_framework_fits_the_schema(path):
    assert [e.message for e in VALIDATOR.iter_errors(data(path))] == []


def test_the_guides_example_is_valid_and_fits_the_schema(tmp_path):
    path = write_example(tmp_path)
    assert check_framework_file(path).id == "our-audit"
    assert [e.message for e in VALIDATOR.iter_errors(data(path))] == []
    assert example_text().startswith("# yaml-language-server: $schema=framework.schema.json\n")
    assert 20 <= len(example_text().splitlines()) <= 40


@pytest.mark.parametrize("old,new", [
    ("\nsections:\n", "\nsectons:\n"),                               # a misspelt key
    ("kind: overall_only", "kind: overall_onyl"),                    # an unknown rule kind
    ("    kind: max_actions\n", "    kind: max_actions\n    max: 3\n"),  # the retired way
    ("max_recommended: 3", "max_recommended: three"),                # a wrong type
], ids=["key", "rule-kind", "retired-max", "type"])
def test_a_broken_example_does_not_fit(tmp_path, old, new):
    assert list(VALIDATOR.iter_errors(data(write_example(tmp_path, (old, new)))))


def test_the_schema_names_the_loaders_keys_and_rule_kinds():
    assert tuple(SCHEMA["properties"]) == TOP_KEYS
    definitions = SCHEMA["definitions"]
    assert tuple(definitions["section"]["properties"]) == SECTION_KEYS
    assert definitions["rule"]["properties"]["kind"]["enum"] == list(RULE_KINDS)
    for name, kind in RULE_KINDS.items():
        rule = definitions[f"rule_{name}"]
        assert set(rule["properties"]) == {*RULE_COMMON, *kind.required, *kind.optional}, name
        assert rule["required"] == ["id", "kind", "source", *kind.required], name
        assert rule["properties"]["kind"] == {"const": name}


def test_the_guide_says_how_to_point_an_editor_at_the_schema():
    guide = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    assert "frameworks/framework.schema.json" in guide
    assert "# yaml-language-server: $schema=../frameworks/framework.schema.json" in guide
