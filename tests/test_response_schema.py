"""The decoder response schema (benchmark.model.response_schema) and the two
rule sets it must satisfy (benchmark.model.decoder_rules)."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from benchmark.model import schemas
from benchmark.model.decoder_rules import grammar_problems, openai_strict_problems
from benchmark.model.paths import DATA
from benchmark.model.response_schema import BOUNDS, response_schema, to_response_shape

VARIANTS = [(offsets, dialect) for offsets in (True, False) for dialect in ("grammar", "openai")]


def gold_records() -> list[dict]:
    with open(DATA / "gold.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.mark.parametrize(("offsets", "dialect"), VARIANTS)
def test_response_schema_is_a_valid_draft_2020_12_schema(offsets, dialect):
    jsonschema.Draft202012Validator.check_schema(response_schema(offsets, dialect))


@pytest.mark.parametrize("offsets", [True, False])
def test_openai_dialect_passes_the_strict_mode_rules(offsets):
    assert openai_strict_problems(response_schema(offsets, "openai")) == []


@pytest.mark.parametrize("offsets", [True, False])
def test_grammar_dialect_passes_the_llama_cpp_rules(offsets):
    assert grammar_problems(response_schema(offsets, "grammar")) == []


def test_openai_dialect_moves_length_bounds_into_descriptions():
    text = json.dumps(response_schema(True, "openai"))
    assert "maxLength" not in text and "minLength" not in text
    content = response_schema(True, "openai")["properties"]["claims"]["items"]["properties"]["content"]
    assert content["description"].endswith(f"At most {BOUNDS['content']} characters.")


def test_grammar_dialect_bounds_lengths_but_not_the_strict_rules():
    problems = openai_strict_problems(response_schema(True, "grammar"))
    assert problems and all("Length' is not supported" in p for p in problems)


def test_the_submission_schema_itself_fails_both_rule_sets():
    """The issue's diagnosis: ``required`` beside ``$ref`` is ignored by the
    grammar converter; nothing is required; strings are unbounded."""
    document = copy.deepcopy(schemas.load("submission")["$defs"]["document"])
    grammar = grammar_problems(document)
    assert "/properties/entities/items: keywords beside $ref are ignored: required" in grammar
    assert "/: properties not in required: entities, events, claims" in grammar
    bundled = schemas.bundled("submission")
    strict = openai_strict_problems({**bundled["$defs"]["document"], "$defs": bundled["$defs"]})
    assert any("properties not in required: id, type, name" in p for p in strict)


def test_every_object_requires_all_its_fields_and_forbids_others():
    schema = response_schema(False)
    claim = schema["properties"]["claims"]["items"]
    assert claim["required"] == ["id", "claimant", "cue", "content", "quote", "polarity", "about", "cluster"]
    assert claim["additionalProperties"] is False
    mention = schema["properties"]["entities"]["items"]["properties"]["mentions"]["items"]
    assert mention["required"] == ["text", "kind"]
    assert "$ref" not in json.dumps(schema) and "$defs" not in schema


def test_references_are_patterned_by_kind():
    event = response_schema(False)["properties"]["events"]["items"]["properties"]
    assert event["id"]["pattern"] == "^v[0-9]{1,3}$"
    assert event["participants"]["items"]["pattern"] == "^e[0-9]{1,3}$"
    assert event["location"]["anyOf"][0]["pattern"] == "^e[0-9]{1,3}$"
    assert event["location"]["anyOf"][1] == {"type": "null"}
    about = response_schema(False)["properties"]["claims"]["items"]["properties"]["about"]
    assert about["items"]["pattern"] == "^v[0-9]{1,3}$"


def test_a_name_where_an_id_belongs_is_rejected():
    record = to_response_shape(gold_records()[0], offsets=False)
    record["events"][0]["participants"] = ["Joe Biden"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, response_schema(False))


def test_a_runaway_list_is_rejected():
    record = to_response_shape(gold_records()[0], offsets=False)
    record["entities"] = record["entities"] * (BOUNDS["entities"] // len(record["entities"]) + 1)
    with pytest.raises(jsonschema.ValidationError, match="too long|is too long|non-empty|expected"):
        jsonschema.validate(record, response_schema(False))


@pytest.mark.parametrize(("offsets", "dialect"), VARIANTS)
def test_the_gold_fits_the_response_schema(offsets, dialect):
    """Bounds and patterns fit the data: every gold record, in the response
    shape, validates (so a perfect answer is expressible)."""
    validator = jsonschema.Draft202012Validator(response_schema(offsets, dialect))
    for record in gold_records():
        errors = [e.message for e in validator.iter_errors(to_response_shape(record, offsets))]
        assert errors == [], (record["doc_id"], errors[:3])


def test_response_shaped_answers_are_valid_submissions():
    """What the response schema accepts (with offsets), the submission schema accepts."""
    validator = schemas.validator("submission")
    documents = [to_response_shape(r, offsets=True) for r in gold_records()]
    assert list(validator.iter_errors({"meta": {"system": "x"}, "documents": documents})) == []


def test_the_schema_follows_the_shared_definitions():
    """A field added to common.schema.json appears in the response schema."""
    common = schemas.load("common")["$defs"]
    schema = response_schema(True)
    for key, name in (("entities", "entityFields"), ("events", "eventFields"), ("claims", "claimFields")):
        assert list(schema["properties"][key]["items"]["properties"]) == list(common[name]["properties"])
    entity_type = schema["properties"]["entities"]["items"]["properties"]["type"]
    assert entity_type["enum"] == common["entityType"]["enum"]


def test_unknown_dialect_is_refused():
    with pytest.raises(ValueError):
        response_schema(True, "xml")  # type: ignore[arg-type]


def test_strict_rules_catch_each_documented_violation():
    base = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"],
            "additionalProperties": False}
    assert openai_strict_problems(base) == []
    assert openai_strict_problems({**base, "required": []}) == ["/: properties not in required: a"]
    assert openai_strict_problems({k: v for k, v in base.items() if k != "additionalProperties"}) == [
        "/: object without additionalProperties: false"]
    assert openai_strict_problems({"anyOf": [base]})[0] == "/: the root must be an object schema, not anyOf"
    assert openai_strict_problems({**base, "properties": {"a": {"type": "string", "minLength": 2}}}) == [
        "/properties/a: keyword 'minLength' is not supported in strict mode"]
    assert openai_strict_problems({**base, "allOf": [base]})[0] == "/: keyword 'allOf' is not supported in strict mode"
    nested = base
    for _ in range(10):
        nested = {**base, "properties": {"a": nested}}
    assert any("nesting deeper than 10" in p for p in openai_strict_problems(nested))


def test_grammar_rules_catch_each_documented_violation():
    base = {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"],
            "additionalProperties": False}
    assert grammar_problems(base) == []
    assert grammar_problems({**base, "properties": {"a": {"type": "number", "minimum": 0}}}) == [
        "/properties/a: numeric bounds are supported for integers only"]
    assert grammar_problems({**base, "properties": {"a": {"type": "string", "pattern": "[a-z]+"}}}) == [
        "/properties/a: pattern must start with ^ and end with $"]
    assert grammar_problems({**base, "properties": {"a": {"type": "array", "items": {"type": "integer"},
                                                          "maxItems": 3, "uniqueItems": True}}}) == [
        "/properties/a: 'uniqueItems' is not supported (skipped silently)"]
    assert grammar_problems({**base, "anyOf": [{"type": "object"}]})[0] == "/: properties mixed with anyOf/oneOf"
    assert grammar_problems({**base, "properties": {"a": {"type": "string"}}}) == ["/properties/a: unbounded string"]
