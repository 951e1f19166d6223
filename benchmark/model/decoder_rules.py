"""Checks that a JSON Schema is usable by two constrained decoders, by their
documented rules (written from the documentation, not from their code):

* :func:`openai_strict_problems` -- OpenAI Structured Outputs with
  ``strict: true`` ("Supported schemas" in the Structured Outputs guide): the
  root is an object (not ``anyOf``); every object has
  ``additionalProperties: false`` and lists every property in ``required``;
  only the documented keywords (string ``pattern``/``format``; number
  ``minimum``/``maximum``/``exclusiveMinimum``/``exclusiveMaximum``/
  ``multipleOf``; array ``minItems``/``maxItems``; ``anyOf``, ``enum``,
  ``const``, ``$ref``/``$defs``); at most 10 levels of object nesting, 5,000
  properties and 1,000 enum values.
* :func:`grammar_problems` -- llama.cpp's json-schema-to-grammar converter
  (``grammars/README.md``, "JSON Schemas → GBNF"): unsupported features are
  skipped silently, so anything it would skip or get wrong is a problem here:
  keywords beside a ``$ref`` (ignored), ``properties`` mixed with ``anyOf``/
  ``oneOf``, numeric bounds on ``number`` (integers only), patterns not
  anchored with ``^``…``$``, ``uniqueItems``, ``contains``, ``not``,
  conditionals, ``patternProperties``, ``prefixItems``, ``$anchor``,
  ``uri``/``email`` formats. A property missing from ``required`` is optional
  in the grammar, so the decoder may leave it out: also reported.

Each problem is one line ``/json/pointer: message``.
"""

from __future__ import annotations

from typing import Any, Iterator

_ANNOTATIONS = {"description", "title", "$comment", "examples"}
_OPENAI_ALLOWED = {
    "type", "properties", "required", "additionalProperties", "items", "anyOf", "enum", "const", "$ref", "$defs",
    "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minItems", "maxItems",
} | _ANNOTATIONS
_OPENAI_TYPES = {"string", "number", "boolean", "integer", "object", "array", "null"}
_OPENAI_MAX_DEPTH = 10
_OPENAI_MAX_PROPERTIES = 5000
_OPENAI_MAX_ENUM_VALUES = 1000

_GRAMMAR_UNSUPPORTED = {"uniqueItems", "contains", "minContains", "maxContains", "not", "if", "then", "else",
                        "dependentSchemas", "dependentRequired", "patternProperties", "prefixItems", "$anchor",
                        "unevaluatedProperties", "unevaluatedItems"}
_GRAMMAR_FORMATS_UNSUPPORTED = {"uri", "email"}
_NUMERIC_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _subschemas(node: dict[str, Any], pointer: str) -> Iterator[tuple[dict[str, Any], str]]:
    """The schemas directly inside ``node`` with their pointers."""
    for key in ("properties", "$defs", "definitions"):
        for name, sub in (node.get(key) or {}).items():
            if isinstance(sub, dict):
                yield sub, f"{pointer}/{key}/{_escape(name)}"
    for key in ("items", "additionalProperties", "not", "if", "then", "else", "contains"):
        sub = node.get(key)
        if isinstance(sub, dict):
            yield sub, f"{pointer}/{key}"
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for index, sub in enumerate(node.get(key) or []):
            if isinstance(sub, dict):
                yield sub, f"{pointer}/{key}/{index}"


def _walk(node: dict[str, Any], pointer: str = "") -> Iterator[tuple[dict[str, Any], str, int]]:
    """Every schema node with its pointer and object-nesting depth."""
    stack = [(node, pointer, 1 if node.get("type") == "object" else 0)]
    while stack:
        current, at, depth = stack.pop()
        yield current, at, depth
        for sub, sub_at in _subschemas(current, at):
            stack.append((sub, sub_at, depth + (1 if sub.get("type") == "object" else 0)))


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type")
    return set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()


def _object_problems(node: dict[str, Any], at: str) -> list[str]:
    problems = []
    if node.get("additionalProperties") is not False:
        problems.append(f"{at}: object without additionalProperties: false")
    missing = [p for p in node.get("properties", {}) if p not in node.get("required", [])]
    if missing:
        problems.append(f"{at}: properties not in required: {', '.join(missing)}")
    return problems


def openai_strict_problems(schema: dict[str, Any]) -> list[str]:
    """Why OpenAI strict mode would reject ``schema`` (empty: it accepts it)."""
    problems: list[str] = []
    if schema.get("type") != "object" or "anyOf" in schema:
        problems.append("/: the root must be an object schema, not anyOf")
    properties = enum_values = 0
    for node, at, depth in _walk(schema):
        shown = at or "/"
        for key in sorted(set(node) - _OPENAI_ALLOWED):
            problems.append(f"{shown}: keyword {key!r} is not supported in strict mode")
        if not _types(node) <= _OPENAI_TYPES:
            problems.append(f"{shown}: unsupported type {node.get('type')!r}")
        if "type" not in node and not {"anyOf", "$ref", "enum", "const"} & set(node):
            problems.append(f"{shown}: schema without a type")
        if "object" in _types(node):
            problems += _object_problems(node, shown)
            properties += len(node.get("properties", {}))
        enum_values += len(node.get("enum") or [])
        if depth > _OPENAI_MAX_DEPTH:
            problems.append(f"{shown}: object nesting deeper than {_OPENAI_MAX_DEPTH}")
    if properties > _OPENAI_MAX_PROPERTIES:
        problems.append(f"/: {properties} object properties (at most {_OPENAI_MAX_PROPERTIES})")
    if enum_values > _OPENAI_MAX_ENUM_VALUES:
        problems.append(f"/: {enum_values} enum values (at most {_OPENAI_MAX_ENUM_VALUES})")
    return problems


def grammar_problems(schema: dict[str, Any]) -> list[str]:
    """What llama.cpp's schema-to-grammar converter would ignore or get wrong."""
    problems: list[str] = []
    for node, at, _ in _walk(schema):
        shown = at or "/"
        if "$ref" in node:
            ignored = sorted(set(node) - {"$ref"} - _ANNOTATIONS)
            if ignored:
                problems.append(f"{shown}: keywords beside $ref are ignored: {', '.join(ignored)}")
        if "properties" in node and ({"anyOf", "oneOf"} & set(node)):
            problems.append(f"{shown}: properties mixed with anyOf/oneOf")
        if "allOf" in node:
            problems.append(f"{shown}: allOf (merged only for simple cases)")
        for key in sorted(_GRAMMAR_UNSUPPORTED & set(node)):
            problems.append(f"{shown}: {key!r} is not supported (skipped silently)")
        if "number" in _types(node) and any(k in node for k in _NUMERIC_BOUNDS):
            problems.append(f"{shown}: numeric bounds are supported for integers only")
        pattern = node.get("pattern")
        if isinstance(pattern, str) and not (pattern.startswith("^") and pattern.endswith("$")):
            problems.append(f"{shown}: pattern must start with ^ and end with $")
        if node.get("format") in _GRAMMAR_FORMATS_UNSUPPORTED:
            problems.append(f"{shown}: format {node['format']!r} is not supported")
        if "object" in _types(node):
            problems += _object_problems(node, shown)
        if "string" in _types(node) and "maxLength" not in node and not {"enum", "const", "pattern"} & set(node):
            problems.append(f"{shown}: unbounded string")
        if "array" in _types(node) and "maxItems" not in node:
            problems.append(f"{shown}: unbounded array")
    return problems
