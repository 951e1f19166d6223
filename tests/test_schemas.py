"""The JSON Schemas: valid draft 2020-12, shared definitions, documented fields."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmark.model import schemas
from benchmark.model.records import EntityType, EventType, MentionKind, Modality, Polarity, Quote
from benchmark.model.paths import SCHEMA
from benchmark.model.validation import schema_problems

ROOT = SCHEMA.parent


@pytest.mark.parametrize("name", schemas.NAMES)
def test_schema_is_valid_draft_2020_12_with_id(name):
    schema = schemas.load(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.schema.json")


def _resolve(node, name):
    ref = node.get("$ref")
    if not ref:
        return node
    file, _, fragment = ref.partition("#")
    target = schemas.load(file.removesuffix(".schema.json")) if file else schemas.load(name)
    for part in fragment.strip("/").split("/"):
        target = target[part]
    return target


def _properties(node, name, path=()):
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield path + (key,), value
        for key, value in node.items():
            yield from _properties(value, name, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, name, path + (i,))


@pytest.mark.parametrize("name", schemas.NAMES)
def test_every_property_is_described(name):
    undocumented = [
        "/".join(map(str, path)) for path, prop in _properties(schemas.load(name), name)
        if "description" not in prop and "description" not in _resolve(prop, name) and set(prop) - {"items", "minItems"}
    ]
    assert undocumented == []


def test_top_level_schemas_share_definitions_instead_of_repeating_them():
    common = set(schemas.load("common")["$defs"])
    for name in ("gold", "submission"):
        text = (SCHEMA / f"{name}.schema.json").read_text()
        assert "common.schema.json#/$defs/" in text
        assert not (set(schemas.load(name).get("$defs", {})) & common)


def test_enums_match_the_model():
    defs = schemas.load("common")["$defs"]
    for key, enum in [("entityType", EntityType), ("eventType", EventType), ("mentionKind", MentionKind),
                      ("modality", Modality), ("quote", Quote), ("polarity", Polarity)]:
        assert defs[key]["enum"] == [m.value for m in enum]


def test_bundled_schema_is_self_contained_and_equivalent():
    bundled = schemas.bundled("submission")
    assert "common.schema.json" not in json.dumps(bundled)
    jsonschema.Draft202012Validator.check_schema(bundled)
    standalone = jsonschema.Draft202012Validator(bundled)
    good = {"meta": {"system": "x"}, "documents": [{"doc_id": "000", "events": [{"id": "v", "type": "Meet", "date": "2022-01-10"}]}]}
    bad = {"meta": {"system": "x"}, "documents": [{"doc_id": "000", "events": [{"id": "v", "type": "Party", "date": "2022-1-10"}]}]}
    for instance in (good, bad):
        assert sorted(e.message for e in standalone.iter_errors(instance)) == sorted(
            e.message for e in schemas.validator("submission").iter_errors(instance))
    assert not list(standalone.iter_errors(good))


def test_gold_schema_requires_every_field():
    validator = schemas.validator("gold")
    record = {"doc_id": "000", "entities": [{"id": "e1"}], "events": [], "claims": []}
    messages = sorted(e.message for e in validator.iter_errors(record))
    assert messages == sorted(f"'{f}' is a required property" for f in ("type", "name", "aliases", "mentions", "cluster"))


@pytest.mark.parametrize("name", ["document", "gold", "submission"])
def test_inlined_schema_has_no_references_and_judges_alike(name):
    inlined = schemas.inlined(name)
    assert "$ref" not in json.dumps(inlined)
    jsonschema.Draft202012Validator.check_schema(inlined)
    referenced = jsonschema.Draft202012Validator(schemas.load(name), registry=schemas.registry())
    samples = [
        {"doc_id": "000", "entities": [{"id": "e1", "type": "PER", "mentions": [{"start": 0, "end": 1, "text": "x", "kind": "name"}]}],
         "events": [{"id": "v1", "date": "2022-13", "extra": 1}], "claims": [{"id": 3}]},
        {"meta": {"system": ""}, "documents": [{"doc_id": 5, "claims": [{"id": "c", "span": {"start": -1}}]}]},
        {"doc_id": "000", "seed_file": "x.txt", "text": "t", "excluded": [{"start": 0, "end": 1, "reason": "ads"}]},
    ]
    for sample in samples:
        expected = sorted((tuple(e.absolute_path), e.message) for e in referenced.iter_errors(sample))
        assert sorted((tuple(e.absolute_path), e.message) for e in schemas.validator(name).iter_errors(sample)) == expected


_SEED_SUBMISSION = json.loads((SCHEMA.parent / "submissions" / "annotator_c.json").read_text(encoding="utf-8"))
_SEED_SUBMISSION["documents"] = _SEED_SUBMISSION["documents"][:2]
_GOLD_LINE = json.loads((SCHEMA.parent / "data" / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
_DOCUMENT_LINE = json.loads((SCHEMA.parent / "data" / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
_odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "x", "Meet", "PER", "name", "2022-01-10", "2022-13-01", "2022-02-30", "2022", "C:x", "e1", "indirect",
                     "deny", "\n", "chrome"]),
    st.sampled_from([81.0, 1e308, 0.5]),
    st.lists(st.sampled_from(["e1", 1, None]), max_size=2), st.builds(dict), st.builds(lambda: {"start": 0, "end": 1}),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:3]):
            yield from _paths(value, (*prefix, index))


def _mutate(instance, data):
    """The instance with a few random edits: a value replaced, a key deleted or added."""
    instance = copy.deepcopy(instance)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = list(_paths(instance))[1:]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent = instance
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = data.draw(_odd_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][data.draw(st.sampled_from(["extra", "id", "type", "start"]))] = data.draw(_odd_values)
    return instance


@pytest.mark.parametrize("name", ["submission", "gold", "document", schemas.SUBMISSION_SHELL, schemas.SUBMISSION_DOCUMENT])
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_check_agrees_with_jsonschema(name, data):
    """jsonschema-rs (the fast yes/no) accepts exactly what python-jsonschema
    accepts, on valid instances and on small mutations of them, but for the one
    documented difference (``$`` before a final newline, see ``schemas.fast_check``)."""
    seed = {"submission": _SEED_SUBMISSION, "gold": _GOLD_LINE, "document": _DOCUMENT_LINE,
            schemas.SUBMISSION_SHELL: _SEED_SUBMISSION, schemas.SUBMISSION_DOCUMENT: _SEED_SUBMISSION["documents"][0]}[name]
    instance = _mutate(seed, data) if data.draw(st.booleans()) else seed
    errors = list(schemas.validator(name).iter_errors(instance))
    assert schemas.fast_check(name)(instance) == (errors == []) or _newline_at_end(instance)


def _newline_at_end(value) -> bool:
    if isinstance(value, str):
        return value.endswith("\n")
    if isinstance(value, dict):
        return any(map(_newline_at_end, value.values()))
    if isinstance(value, list):
        return any(map(_newline_at_end, value))
    return False


@pytest.mark.parametrize("name, path", [("document", ("published",)), ("submission", ("meta", "date"))])
@pytest.mark.parametrize("date, valid", [("2021-12-28", True), ("2024-02-29", True), ("2026-13-99", False), ("2023-02-29", False)])
def test_fast_check_asserts_calendar_dates(name, path, date, valid):
    """``format: date`` is a real calendar date in both validators (a pattern alone
    would accept 2026-13-99)."""
    instance = copy.deepcopy({"document": _DOCUMENT_LINE, "submission": _SEED_SUBMISSION}[name])
    parent = instance
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = date
    assert schemas.fast_check(name)(instance) is valid
    assert (list(schemas.validator(name).iter_errors(instance)) == []) is valid


def test_submission_parts_cover_the_whole_schema():
    """The shell and the record schema together say what the whole schema says."""
    whole = schemas.inlined("submission")
    shell = schemas.inlined(schemas.SUBMISSION_SHELL)
    record = schemas.inlined(schemas.SUBMISSION_DOCUMENT)
    assert {**shell["properties"]["documents"], "items": {k: v for k, v in record.items() if k != "$schema"}} == whole["properties"]["documents"]
    assert {k: v for k, v in shell.items() if k != "properties"} == {k: v for k, v in whole.items() if k != "properties"}


def test_fast_check_keeps_jsonschema_meanings():
    """Edge cases of jsonschema-rs, each as python-jsonschema decides it: an integral
    float is an integer, a keyword applies only to its type, formats are asserted;
    and the one difference, ``$`` before a final newline, where a no from the fast
    check only sends the instance to python-jsonschema, whose yes stands."""
    import jsonschema_rs

    def fast(schema, instance):
        return jsonschema_rs.Draft202012Validator(schema, validate_formats=True).is_valid(instance)

    def agree(schema, instance):
        expected = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).is_valid(instance)
        assert fast(schema, instance) is expected
        return expected

    assert agree({"type": "integer", "minimum": 0}, 81.0) is True
    assert agree({"type": "integer", "minimum": 0}, -(10**19)) is False
    assert agree({"type": "integer", "minimum": 0}, 10**19 + 1) is True
    assert agree({"type": "integer"}, 81.5) is False
    assert agree({"type": "integer"}, True) is False
    assert agree({"minLength": 3, "minimum": 2, "required": ["a"], "items": {"type": "string"}}, 1) is False
    assert agree({"minLength": 3, "required": ["a"], "items": {"type": "string"}}, [1]) is False
    assert agree({"minLength": 3, "required": ["a"]}, {"b": 1}) is False
    assert agree({"type": "string", "maxLength": 2}, "\U0001F600\U0001F600") is True
    assert agree({"anyOf": [{"type": "null"}, {"type": "string", "format": "date"}]}, "2026-13-99") is False
    assert agree({"type": "object", "properties": {"a": {"enum": ["x"]}}, "additionalProperties": False}, {"a": "x"}) is True
    date = {"type": "string", "pattern": "^[0-9]{4}$"}
    assert fast(date, "2022\n") is False
    assert jsonschema.Draft202012Validator(date).is_valid("2022\n") is True
    assert schema_problems({"doc_id": "000", "entities": [], "events": [{"id": "v", "date": "2022\n"}], "claims": []},
                           schemas.SUBMISSION_DOCUMENT, "f") == []


def test_no_generated_code():
    """The package generates and runs no code of its own (issue 22)."""
    for path in (ROOT / "benchmark").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "exec(" not in text and "gc.freeze" not in text, path
