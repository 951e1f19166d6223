"""The JSON Schemas (draft 2020-12) under ``schema/``, resolved offline.

The three top-level schemas share ``common.schema.json`` by ``$ref``; a local
``referencing`` registry resolves those references without any network access.
:func:`bundled` inlines the shared definitions into one self-contained schema
for consumers that cannot follow external references (an LLM's
``response_format``).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

import jsonschema
import referencing
from referencing.jsonschema import DRAFT202012

from .paths import SCHEMA

NAMES = ("common", "document", "gold", "submission")
COMMON_REF = "common.schema.json#/$defs/"


@cache
def load(name: str) -> dict[str, Any]:
    with open(SCHEMA / f"{name}.schema.json", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def registry() -> referencing.Registry:
    resources = [(load(n)["$id"], DRAFT202012.create_resource(load(n))) for n in NAMES]
    return referencing.Registry().with_resources(resources)


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        load(name), registry=registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


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
