"""Checks on parsed JSON: the schema first, then what a schema cannot say.

Semantic rules (all reported at once, one :class:`Problem` each): unknown or
duplicate ``doc_id``, missing documents, duplicate object ids, references that
do not resolve within the document record, offsets outside the text or whose
``text`` differs from the document's, and the size limits in :mod:`limits`.
The checks are defensive: they skip what the schema already reported as
malformed, so any JSON value can be fed in without an exception.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Sequence

from jsonschema.exceptions import ValidationError, best_match

from benchmark.model import schemas
from benchmark.model.limits import MAX_DOCUMENTS, MAX_OBJECTS_PER_DOCUMENT
from benchmark.model.records import Document
from benchmark.model.problems import Problem, pointer

MAX_MESSAGE = 240
KIND_KEYS = ("entities", "events", "claims")
REFERENCES = (
    ("events", "location", "entities", "entity"),
    ("events", "participants", "entities", "entity"),
    ("claims", "claimant", "entities", "entity"),
    ("claims", "about", "events", "event"),
)
OFFSET_FIELDS = (("entities", "mentions"), ("events", "trigger"), ("claims", "span"))


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


def _quote(text: Any) -> str:
    return _short(json.dumps(text, ensure_ascii=False))


def _message(error: ValidationError) -> str:
    """The error's message; for ``anyOf`` the best branch's, skipping the
    ``null`` alternative so a bad date says why it is bad."""
    if error.context:
        informative = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        error = best_match(informative or error.context)
    return _short(error.message)


def schema_problems(value: Any, schema: str, file: str, base: Sequence[str | int] = ()) -> list[Problem]:
    """One problem per schema violation, in document order."""
    fast = schemas.fast_check(schema)
    if fast is not None and fast(value):
        return []
    found = {
        Problem(file, pointer([*base, *error.absolute_path]), _message(error))
        for error in schemas.validator(schema).iter_errors(value)
    }
    return sorted(found, key=lambda p: (_path_key(p.path), p.message))


def _path_key(path: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in path.strip("/").split("/") if t)


def _objects(record: Mapping[str, Any], key: str) -> Iterable[tuple[int, Mapping[str, Any]]]:
    items = record.get(key)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _ids(record: Mapping[str, Any], key: str) -> set[str]:
    return {o["id"] for _, o in _objects(record, key) if isinstance(o.get("id"), str)}


def _check_ids(record: Mapping[str, Any], file: str, base: list[str | int]) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for key in KIND_KEYS:
        for index, obj in _objects(record, key):
            oid = obj.get("id")
            if not isinstance(oid, str):
                continue
            here = pointer([*base, key, index, "id"])
            if oid in seen:
                problems.append(Problem(file, here, f"duplicate id {_quote(oid)} (first used at {seen[oid]})"))
            else:
                seen[oid] = here
    return problems


def _check_references(record: Mapping[str, Any], file: str, base: list[str | int]) -> list[Problem]:
    problems = []
    for key, field, target, noun in REFERENCES:
        valid = _ids(record, target)
        for index, obj in _objects(record, key):
            value = obj.get(field)
            refs = [(i, v) for i, v in enumerate(value)] if isinstance(value, list) else [(None, value)]
            for position, ref in refs:
                if isinstance(ref, str) and ref not in valid:
                    path = [*base, key, index, field] + ([position] if position is not None else [])
                    problems.append(Problem(file, pointer(path), f"{_quote(ref)} is not the id of an {noun} in this document"))
    return problems


def _check_span(span: Any, text: str, file: str, path: list[str | int], check_text: bool) -> list[Problem]:
    if not isinstance(span, dict):
        return []
    start, end = span.get("start"), span.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        return []
    where = pointer(path)
    if start >= end:
        return [Problem(file, where, f"empty or reversed span: start {start} is not before end {end}")]
    if end > len(text):
        return [Problem(file, where, f"end {end} is beyond the end of the text (length {len(text)})")]
    given = span.get("text")
    if check_text and isinstance(given, str) and given != text[start:end]:
        return [Problem(file, pointer([*path, "text"]), f"{_quote(given)} does not match the text at [{start}, {end}): {_quote(text[start:end])}")]
    return []


def _check_offsets(record: Mapping[str, Any], text: str, file: str, base: list[str | int]) -> list[Problem]:
    problems = []
    for index, entity in _objects(record, "entities"):
        mentions = entity.get("mentions")
        if isinstance(mentions, list):
            for m, mention in enumerate(mentions):
                problems += _check_span(mention, text, file, [*base, "entities", index, "mentions", m], True)
    for index, event in _objects(record, "events"):
        problems += _check_span(event.get("trigger"), text, file, [*base, "events", index, "trigger"], True)
    for index, claim in _objects(record, "claims"):
        problems += _check_span(claim.get("span"), text, file, [*base, "claims", index, "span"], False)
    return problems


def _count_objects(record: Mapping[str, Any]) -> int:
    total = 0
    for key in KIND_KEYS:
        items = record.get(key)
        if isinstance(items, list):
            total += len(items)
    for _, entity in _objects(record, "entities"):
        if isinstance(entity.get("mentions"), list):
            total += len(entity["mentions"])
    return total


def record_problems(record: Any, document: Document | None, file: str, base: list[str | int]) -> list[Problem]:
    """Semantic problems of one document record (ids, references, offsets, size)."""
    if not isinstance(record, dict):
        return []
    count = _count_objects(record)
    if count > MAX_OBJECTS_PER_DOCUMENT:
        return [Problem(file, pointer(base), f"{count} objects, over the limit of {MAX_OBJECTS_PER_DOCUMENT} (MAX_OBJECTS_PER_DOCUMENT)")]
    problems = _check_ids(record, file, base) + _check_references(record, file, base)
    if document is not None:
        problems += _check_offsets(record, document.text, file, base)
    return problems


def document_id_problems(
    records: Sequence[Any], documents: Mapping[str, Document], file: str, base: list[str | int], allow_missing: bool
) -> tuple[list[Problem], list[str]]:
    """Unknown, duplicate and missing doc ids; returns the problems and the missing ids."""
    problems = []
    first: dict[str, int] = {}
    for index, record in enumerate(records):
        doc_id = record.get("doc_id") if isinstance(record, dict) else None
        if not isinstance(doc_id, str):
            continue
        here = pointer([*base, index, "doc_id"])
        if doc_id not in documents:
            problems.append(Problem(file, here, f"unknown doc_id {_quote(doc_id)} (known: {', '.join(sorted(documents))})"))
        elif doc_id in first:
            problems.append(Problem(file, here, f"duplicate doc_id {_quote(doc_id)} (first at {pointer([*base, first[doc_id]])})"))
        else:
            first[doc_id] = index
    missing = sorted(set(documents) - set(first))
    if missing and not allow_missing:
        for doc_id in missing:
            problems.append(Problem(file, pointer(base), f"document {_quote(doc_id)} is missing (pass --allow-missing to score it as an empty prediction)"))
    return problems, missing


def submission_problems(
    value: Any, documents: Mapping[str, Document], file: str, allow_missing: bool = False
) -> tuple[list[Problem], list[str]]:
    """Every problem of a parsed submission, and the doc ids it lacks."""
    problems = schema_problems(value, "submission", file)
    records = value.get("documents") if isinstance(value, dict) else None
    if not isinstance(records, list):
        return problems, []
    if len(records) > MAX_DOCUMENTS:
        return problems + [Problem(file, "/documents", f"{len(records)} documents, over the limit of {MAX_DOCUMENTS} (MAX_DOCUMENTS)")], []
    id_problems, missing = document_id_problems(records, documents, file, ["documents"], allow_missing)
    problems += id_problems
    for index, record in enumerate(records):
        doc_id = record.get("doc_id") if isinstance(record, dict) else None
        document = documents.get(doc_id) if isinstance(doc_id, str) else None
        problems += record_problems(record, document, file, ["documents", index])
    return problems, missing
