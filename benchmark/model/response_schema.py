"""The response schema for constrained decoders, derived from the submission schema.

A model server turns a ``response_format`` schema into a decoding grammar
(llama.cpp's json-schema-to-grammar, vLLM/xgrammar, OpenAI's strict Structured
Outputs). The submission schema itself is a poor grammar: it requires almost
nothing, so a decoder may stop after ``{"doc_id": ...}`` or repeat one field
for ever; ``"required": ["id"]`` sits beside a ``$ref``, which converters ignore;
strings are unbounded. :func:`response_schema` rewrites the same definitions
(``schema/submission.schema.json`` and ``schema/common.schema.json``, read at
run time, so the two cannot drift) into a form decoders can follow:

* every ``$ref`` inlined (no ``$defs``); a sibling ``description`` is kept,
  sibling constraints (the submission's ``required: ["id"]``) are dropped,
  since every property becomes required anyway;
* every object lists all its properties in ``required`` and has
  ``additionalProperties: false``; a value that may be absent is nullable
  exactly where the shared definitions allow ``null`` (date, location,
  claimant) -- the gold's shape;
* ids are patterned by kind (``e12``, ``v3``, ``c7``) and references point to
  the right kind (participants are entity ids, ``about`` event ids), so a
  decoder cannot write a name where an id belongs;
* free text has ``minLength``/``maxLength`` (``dialect="grammar"``) or, for
  OpenAI strict mode (``dialect="openai"``, whose documented string keywords
  are only ``pattern`` and ``format``), the bound in the description; arrays
  have ``maxItems`` (both dialects) sized well above the data (:data:`BOUNDS`).

``mentions=False`` leaves out the entities' mention lists (the bulk of an
answer; a repair step can mark the name and alias occurrences instead).
``offsets=False`` leaves out the character offsets (mention and trigger
``start``/``end``, the claim ``span``): a model copies text far more reliably
than it counts code points, and a repair step recomputes offsets from the text.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from benchmark.model import schemas

Dialect = Literal["grammar", "openai"]

ID_PATTERN = {"entities": "^e[0-9]{1,3}$", "events": "^v[0-9]{1,3}$", "claims": "^c[0-9]{1,3}$"}
"""Object ids per kind, as the gold writes them."""

CLUSTER_PATTERN = {"entities": "^E:[a-z0-9][a-z0-9-]{0,79}$", "events": "^V:[a-z0-9][a-z0-9-]{0,79}$",
                   "claims": "^C:[a-z0-9][a-z0-9-]{0,79}$"}
"""Cluster ids per kind, as the guidelines write them (section 1.4: ``E:varenia``,
``V:haverstad-talks``): a kind prefix and a lower-case slug; no spaces, quotes or escapes."""

BOUNDS: dict[str, int] = {
    # arrays (maxItems)
    "entities": 60, "events": 40, "claims": 40, "mentions": 60, "aliases": 8,
    "participants": 8, "about": 8,
    # strings (maxLength)
    "name": 120, "alias": 120, "mention": 120, "trigger": 60, "cue": 60, "content": 600,
}
"""Upper bounds for the decoder. The test split's largest values are 25 entities,
17 events, 14 claims, 25 mentions of one entity, 4 aliases, 3 participants, 4
events in ``about``, names of 52 and contents of 272 characters; the bounds are
at least twice that, so they stop a runaway decoder without cutting a real answer
(``tests/test_response_schema.py`` checks the gold fits)."""

_KIND_OF_FIELDS = {"entityFields": "entities", "eventFields": "events", "claimFields": "claims"}
_REFERENCE_KIND = {("eventFields", "location"): "entities", ("eventFields", "participants"): "entities",
                   ("claimFields", "claimant"): "entities", ("claimFields", "about"): "events"}
_STRING_BOUND = {("entityFields", "name"): "name", ("entityFields", "aliases"): "alias",
                 ("mention", "text"): "mention", ("textSpan", "text"): "trigger",
                 ("claimFields", "cue"): "cue", ("claimFields", "content"): "content"}
_ARRAY_BOUND = {("entityFields", "aliases"): "aliases", ("entityFields", "mentions"): "mentions",
                ("eventFields", "participants"): "participants", ("claimFields", "about"): "about",
                ("document", "entities"): "entities", ("document", "events"): "events",
                ("document", "claims"): "claims"}
_OFFSET_FIELDS = {("mention", "start"), ("mention", "end"), ("textSpan", "start"), ("textSpan", "end"),
                  ("claimFields", "span")}
_ANNOTATIONS = ("description", "title")


class _Builder:
    def __init__(self, offsets: bool, dialect: Dialect, mentions: bool) -> None:
        self.offsets = offsets
        self.mentions = mentions
        self.dialect = dialect
        self.common = schemas.load("common")["$defs"]
        self.submission = schemas.load("submission")["$defs"]

    def definition(self, ref: str) -> tuple[str, dict[str, Any]]:
        if ref.startswith(schemas.COMMON_REF):
            name = ref[len(schemas.COMMON_REF):]
            return name, self.common[name]
        if ref.startswith("#/$defs/"):  # inside common.schema.json
            name = ref[len("#/$defs/"):]
            return name, self.common[name]
        raise ValueError(f"unexpected $ref {ref!r}")

    def node(self, node: dict[str, Any], owner: str, field: str | None) -> dict[str, Any]:
        """``node`` (found at ``owner``'s property ``field``) rewritten for decoders."""
        ref = node.get("$ref")
        if isinstance(ref, str):
            name, target = self.definition(ref)
            result = self.definition_node(name, target, owner, field)
            for key in _ANNOTATIONS:  # annotations beside a $ref are kept; constraints are not
                if key in node:
                    result[key] = node[key]
            return result
        if "anyOf" in node:
            return {**{k: node[k] for k in _ANNOTATIONS if k in node},
                    "anyOf": [self.node(option, owner, field) for option in node["anyOf"]]}
        kind = node.get("type")
        if kind == "object":
            return self.object(node, owner)
        if kind == "array":
            return self.array(node, owner, field)
        result = {k: copy.deepcopy(v) for k, v in node.items()}
        if kind == "string":
            self.bound_string(result, owner, field)
        return result

    def definition_node(self, name: str, target: dict[str, Any], owner: str, field: str | None) -> dict[str, Any]:
        if name == "objectId":
            kind = _REFERENCE_KIND.get((owner, field or "")) or _KIND_OF_FIELDS.get(owner)
            if kind is None:
                raise ValueError(f"objectId at {owner}.{field} has no kind")
            return {"type": "string", "pattern": ID_PATTERN[kind], "description": target["description"]}
        if name == "clusterId":
            return {"type": "string", "pattern": CLUSTER_PATTERN[_KIND_OF_FIELDS[owner]],
                    "description": target["description"]}
        if name == "docId":
            # the submission schema's lookahead pattern (no "." or "..") is beyond
            # decoder grammars; the id is given in the prompt and checked by validate
            return self.node({k: v for k, v in target.items() if k != "pattern"}, owner, field)
        if target.get("type") == "object":
            return self.object(target, name)
        return self.node(target, owner, field)

    def object(self, node: dict[str, Any], name: str) -> dict[str, Any]:
        properties = {}
        for field, sub in node["properties"].items():
            if not self.offsets and (name, field) in _OFFSET_FIELDS:
                continue
            if not self.mentions and (name, field) == ("entityFields", "mentions"):
                continue
            properties[field] = self.node(sub, name, field)
        result: dict[str, Any] = {"type": "object"}
        if "description" in node:
            result["description"] = node["description"]
        result.update(properties=properties, required=list(properties), additionalProperties=False)
        return result

    def array(self, node: dict[str, Any], owner: str, field: str | None) -> dict[str, Any]:
        result = {k: node[k] for k in _ANNOTATIONS if k in node}
        result["type"] = "array"
        items = node["items"]
        if (owner, field) in {("document", "entities"), ("document", "events"), ("document", "claims")}:
            name, target = self.definition(items["$ref"])  # the sibling "required": ["id"] is dropped
            result["items"] = self.object(target, name)
        else:
            result["items"] = self.node(items, owner, field)
        bound = _ARRAY_BOUND.get((owner, field or ""))
        if bound is not None:
            result["maxItems"] = BOUNDS[bound]
        return result

    def bound_string(self, result: dict[str, Any], owner: str, field: str | None) -> None:
        bound = _STRING_BOUND.get((owner, field or ""))
        limit = BOUNDS[bound] if bound is not None and "enum" not in result and "pattern" not in result else None
        if self.dialect == "grammar":
            if limit is not None:
                result["minLength"] = 1
                result["maxLength"] = limit
            return
        result.pop("minLength", None)
        lengths = result.pop("maxLength", None)
        limit = limit or lengths
        if limit is not None:
            note = f"At most {limit} characters."
            result["description"] = f"{result['description']} {note}" if "description" in result else note

    def document(self) -> dict[str, Any]:
        document = self.submission["document"]
        result = self.object(document, "document")
        result["title"] = "document_annotation"
        return result


def response_schema(offsets: bool = True, dialect: Dialect = "grammar", mentions: bool = True) -> dict[str, Any]:
    """The per-document response schema for decoders (see the module docstring)."""
    if dialect not in ("grammar", "openai"):
        raise ValueError(f"unknown dialect {dialect!r}")
    return _Builder(offsets, dialect, mentions).document()


def to_response_shape(record: dict[str, Any], offsets: bool = True, mentions: bool = True) -> dict[str, Any]:
    """A complete (gold-shaped) document record in the response schema's shape:
    every field present, offsets left out when ``offsets`` is false, entity
    mentions when ``mentions`` is false. Used to render few-shot answers and to
    check that the gold fits the schema."""
    def mention(m: dict[str, Any]) -> dict[str, Any]:
        out = {"start": m["start"], "end": m["end"]} if offsets else {}
        return {**out, "text": m["text"], "kind": m.get("kind")}

    entities = []
    for e in record.get("entities", []):
        entity = {"id": e["id"], "type": e["type"], "name": e["name"], "aliases": list(e.get("aliases", []))}
        if mentions:
            entity["mentions"] = [mention(m) for m in e["mentions"]]
        entity["cluster"] = e["cluster"]
        entities.append(entity)
    events = []
    for v in record.get("events", []):
        trigger = v["trigger"]
        events.append({"id": v["id"], "type": v["type"],
                       "trigger": dict(trigger) if offsets else {"text": trigger["text"]},
                       "date": v.get("date"), "location": v.get("location"),
                       "participants": list(v.get("participants", [])), "modality": v["modality"],
                       "cluster": v["cluster"]})
    claims = []
    for c in record.get("claims", []):
        claim = {"id": c["id"], "claimant": c.get("claimant"), "cue": c["cue"], "content": c["content"]}
        if offsets:
            claim["span"] = dict(c["span"])
        claim.update(quote=c["quote"], polarity=c["polarity"], about=list(c.get("about", [])), cluster=c["cluster"])
        claims.append(claim)
    return {"doc_id": record["doc_id"], "entities": entities, "events": events, "claims": claims}
