"""The JSON Schemas (draft 2020-12) under ``schema/``, resolved offline: the one
data model, which the loader checks and the records mirror.

The three top-level schemas share ``common.schema.json`` by ``$ref``; local
registries (jsonschema-rs's for the fast check, ``referencing``'s for
python-jsonschema) resolve those references without any network access.
python-jsonschema is imported only when errors are to be listed.
:func:`bundled` inlines the shared definitions into one self-contained schema
for consumers that cannot follow external references (an LLM's
``response_format``).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import TYPE_CHECKING, Any, Callable

import jsonschema_rs

from benchmark.model.paths import SCHEMA

if TYPE_CHECKING:
    import jsonschema
    import referencing
    from referencing._core import Resolver  # exported nowhere public

NAMES = ("common", "document", "gold", "submission")
COMMON_REF = "common.schema.json#/$defs/"


@cache
def load(name: str) -> dict[str, Any]:
    with open(SCHEMA / f"{name}.schema.json", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def registry() -> referencing.Registry:
    import referencing
    from referencing.jsonschema import DRAFT202012

    resources = [(load(n)["$id"], DRAFT202012.create_resource(load(n))) for n in NAMES]
    return referencing.Registry().with_resources(resources)


def _inline(node: Any, resolver: Resolver[Any]) -> Any:
    """``node`` with every ``$ref`` replaced by the schema it points to (our
    schemas are not recursive). A ``$ref`` alone becomes its target; with
    sibling keywords it becomes ``allOf`` of both, as draft 2020-12 defines."""
    if isinstance(node, list):
        return [_inline(v, resolver) for v in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    result = {k: _inline(v, resolver) for k, v in node.items() if k != "$ref"}
    if not isinstance(ref, str):
        return result
    resolved = resolver.lookup(ref)
    target = _inline(resolved.contents, resolved.resolver)
    constraints = {k: v for k, v in result.items() if k not in ("description", "title", "$defs")}
    return {"allOf": [target, constraints]} if constraints else target


SUBMISSION_SHELL = "submission-shell"
SUBMISSION_DOCUMENT = "submission-document"
"""Two parts of the submission schema, for listing errors record by record (only
a failing record goes through the slow error collection, and listing stops at
``MAX_PROBLEMS``): the submission with any ``documents`` items, and one item of
``documents``."""


@cache
def inlined(name: str) -> dict[str, Any]:
    """``name``'s schema with no references left, for fast validation: reference
    lookups were most of the validation time."""
    if name in (SUBMISSION_SHELL, SUBMISSION_DOCUMENT):
        whole = inlined("submission")
        documents = whole["properties"]["documents"]
        if name == SUBMISSION_DOCUMENT:
            return {**documents["items"], "$schema": whole["$schema"]}
        shell = {k: v for k, v in documents.items() if k != "items"}
        return {**whole, "properties": {**whole["properties"], "documents": shell}}
    schema = load(name)
    result = _inline({k: v for k, v in schema.items() if k != "$defs"}, registry().resolver(schema["$id"]))
    result["$schema"] = schema["$schema"]
    return result


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    """python-jsonschema's validator of ``name``: the authority that lists errors."""
    import jsonschema

    return jsonschema.Draft202012Validator(inlined(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@cache
def _rs_registry() -> jsonschema_rs.Registry:
    return jsonschema_rs.Registry([(load(n)["$id"], load(n)) for n in NAMES])


@cache
def fast_check(name: str) -> Callable[[Any], bool]:
    """A yes/no check of ``name``'s schema by jsonschema-rs (in Rust, ~200x faster
    than jsonschema's error collection, which is needed only when something is
    wrong). A yes is final; after a no, :func:`validator` (python-jsonschema) lists
    the errors and is the authority. Differential tests hold the two to the same
    answers; the one known difference is ``pattern``'s ``$`` before a final
    newline, which python-jsonschema's ``re.search`` accepts and ECMA-262 (and
    jsonschema-rs) does not: a date ``"2022-01-10\\n"`` takes the slow path and is
    accepted, as before."""
    if name in NAMES:  # the published file itself, its references resolved by the registry
        schema, registry = load(name), _rs_registry()
        return jsonschema_rs.Draft202012Validator(schema, registry=registry, validate_formats=True).is_valid
    return jsonschema_rs.Draft202012Validator(inlined(name), validate_formats=True).is_valid


def bundled(name: str) -> dict[str, Any]:
    """``name``'s schema with every ``common.schema.json`` reference made local."""
    schema = copy.deepcopy(load(name))
    defs = schema.setdefault("$defs", {})
    for key, value in load("common")["$defs"].items():
        defs.setdefault(key, copy.deepcopy(value))

    def rewrite(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(COMMON_REF):
                node["$ref"] = "#/$defs/" + ref[len(COMMON_REF):]
            for value in node.values():
                rewrite(value)
        elif isinstance(node, list):
            for value in node:
                rewrite(value)

    rewrite(schema)
    return schema
