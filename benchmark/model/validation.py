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
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from benchmark.model import schemas
from benchmark.model.limits import MAX_DOCUMENTS, MAX_OBJECTS_PER_DOCUMENT, MAX_PROBLEMS
from benchmark.model.records import Document, Kind, RunStatus
from benchmark.model.problems import Problem, pointer

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

MAX_MESSAGE = 240
MAX_KNOWN_SHOWN = 20
KIND_KEYS = tuple(kind.plural for kind in Kind)
"""The keys of a document record that hold objects (``Kind.plural``)."""
REFERENCES = (
    ("events", "location", "entities", "entity"),
    ("events", "participants", "entities", "entity"),
    ("claims", "claimant", "entities", "entity"),
    ("claims", "about", "events", "event"),
)


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


def _quote(text: Any) -> str:
    return _short(json.dumps(text, ensure_ascii=False))


def _message(error: ValidationError) -> str:
    """The error's message; for ``anyOf`` the best branch's, skipping the
    ``null`` alternative so a bad date says why it is bad."""
    from jsonschema.exceptions import best_match

    if error.context:
        informative = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        error = best_match(informative or error.context)
    if error.validator in ("pattern", "format"):  # the schema's words, not its regular expression
        described = error.schema.get("description") if isinstance(error.schema, dict) else None
        return _short(f"{_quote(error.instance)} is not valid here: {described}" if described
                      else f"{_quote(error.instance)} does not have the required form")
    return _short(error.message)


def schema_problems(value: Any, schema: str, file: str, base: Sequence[str | int] = ()) -> list[Problem]:
    """One problem per schema violation, in document order."""
    if schemas.fast_check(schema)(value):
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
    if type(items) is list:
        for index, item in enumerate(items):
            if type(item) is dict:
                yield index, item


def _ids(record: Mapping[str, Any], key: str) -> set[str]:
    return {o["id"] for _, o in _objects(record, key) if type(o.get("id")) is str}


def _check_ids(record: Mapping[str, Any], file: str, base: list[str | int]) -> list[Problem]:
    problems = []
    seen: dict[str, tuple[str, int]] = {}
    for key in KIND_KEYS:
        for index, obj in _objects(record, key):
            oid = obj.get("id")
            if type(oid) is not str:
                continue
            if oid in seen:
                first = pointer([*base, *seen[oid], "id"])
                problems.append(Problem(file, pointer([*base, key, index, "id"]), f"duplicate id {_quote(oid)} (first used at {first})"))
            else:
                seen[oid] = (key, index)
    return problems


def _check_references(record: Mapping[str, Any], file: str, base: list[str | int]) -> list[Problem]:
    problems = []
    for key, field, target, noun in REFERENCES:
        valid = _ids(record, target)
        for index, obj in _objects(record, key):
            value = obj.get(field)
            if type(value) is list:
                for position, ref in enumerate(value):
                    if type(ref) is str and ref not in valid:
                        path = pointer([*base, key, index, field, position])
                        problems.append(Problem(file, path, f"{_quote(ref)} is not the id of an {noun} in this document"))
            elif type(value) is str and value not in valid:
                path = pointer([*base, key, index, field])
                problems.append(Problem(file, path, f"{_quote(value)} is not the id of an {noun} in this document"))
    return problems


def offset_value(value: Any) -> int | None:
    """A JSON offset as the exact ``int`` it denotes: an integer, or a float with an
    integral value (JSON Schema counts ``81.0`` as an integer); else None."""
    kind = type(value)
    if kind is int:
        return value
    if kind is float and value.is_integer():
        return int(value)
    return None


def _number(value: Any) -> str:
    return repr(value) if type(value) is float else str(value)


def _span_problem(span: Any, text: str, check_text: bool) -> tuple[tuple[str, ...], str] | None:
    """What is wrong with one span (the key under it that is at fault, and why), else None."""
    if type(span) is not dict:
        return None
    given_start, given_end = span.get("start"), span.get("end")
    start, end = offset_value(given_start), offset_value(given_end)
    if start is None or end is None:
        return None
    if start >= end:
        return (), f"empty or reversed span: start {_number(given_start)} is not before end {_number(given_end)}"
    if end > len(text):
        return (), f"end {_number(given_end)} is beyond the end of the text (length {len(text)})"
    given = span.get("text")
    if check_text and type(given) is str and given != text[start:end]:
        return ("text",), f"{_quote(given)} does not match the text at [{start}, {end}): {_quote(text[start:end])}"
    return None


def _check_offsets(record: Mapping[str, Any], text: str, file: str, base: list[str | int]) -> list[Problem]:
    problems = []
    length = len(text)
    for index, entity in _objects(record, "entities"):
        mentions = entity.get("mentions")
        if type(mentions) is list:
            for m, mention in enumerate(mentions):
                if type(mention) is dict:  # the common, valid case inline: ~200 mentions per document
                    start, end = mention.get("start"), mention.get("end")
                    if type(start) is int and type(end) is int and start < end <= length and mention.get("text") == text[start:end]:
                        continue
                found = _span_problem(mention, text, True)
                if found:
                    path = pointer([*base, "entities", index, "mentions", m, *found[0]])
                    problems.append(Problem(file, path, found[1]))
    for key, field, check_text in (("events", "trigger", True), ("claims", "span", False)):
        for index, obj in _objects(record, key):
            found = _span_problem(obj.get(field), text, check_text)
            if found:
                problems.append(Problem(file, pointer([*base, key, index, field, *found[0]]), found[1]))
    return problems


def count_objects(record: Any) -> int:
    """Entities + events + claims + mentions of a document record, whatever its shape."""
    if type(record) is not dict:
        return 0
    total = 0
    for key in KIND_KEYS:
        items = record.get(key)
        if type(items) is list:
            total += len(items)
    for _, entity in _objects(record, "entities"):
        mentions = entity.get("mentions")
        if type(mentions) is list:
            total += len(mentions)
    return total


def _too_many_objects(record: Any, file: str, base: list[str | int]) -> Problem | None:
    count = count_objects(record)
    if count > MAX_OBJECTS_PER_DOCUMENT:
        return Problem(file, pointer(base), f"{count} objects, over the limit of {MAX_OBJECTS_PER_DOCUMENT} (MAX_OBJECTS_PER_DOCUMENT)")
    return None


def record_problems(record: Any, document: Document | None, file: str, base: list[str | int]) -> list[Problem]:
    """Semantic problems of one document record (ids, references, offsets, size)."""
    if type(record) is not dict:
        return []
    too_many = _too_many_objects(record, file, base)
    if too_many:
        return [too_many]
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
        doc_id = record.get("doc_id") if type(record) is dict else None
        if type(doc_id) is not str:
            continue
        if doc_id not in documents:
            known = ", ".join(sorted(documents)) if len(documents) <= MAX_KNOWN_SHOWN else f"{len(documents)} documents"
            problems.append(Problem(file, pointer([*base, index, "doc_id"]), _short(f"unknown doc_id {_quote(doc_id)} (known: {known})")))
        elif doc_id in first:
            here = pointer([*base, index, "doc_id"])
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
    """Every problem of a parsed submission, and the doc ids it lacks.

    The limits come first (they cost one ``len`` per list), then the schema:
    jsonschema-rs's yes for the whole submission, or else python-jsonschema's
    errors, the submission without its records first and then record by record
    (a failing record only, at most ``MAX_PROBLEMS``); then the semantic checks."""
    if type(value) is not dict:
        return [not_an_object(value, file)], []
    records = value.get("documents")
    if type(records) is not list:
        return schema_problems(value, "submission", file), []
    if len(records) > MAX_DOCUMENTS:
        return [Problem(file, "/documents", f"{len(records)} documents, over the limit of {MAX_DOCUMENTS} (MAX_DOCUMENTS)")], []
    too_many = [p for index, record in enumerate(records) if (p := _too_many_objects(record, file, ["documents", index]))]
    if too_many:
        return too_many, []
    problems: list[Problem] = []
    if not schemas.fast_check("submission")(value):  # then the errors, part by part, at most MAX_PROBLEMS
        problems = schema_problems(value, schemas.SUBMISSION_SHELL, file)
        for index, record in enumerate(records):
            if len(problems) > MAX_PROBLEMS:
                break
            problems += schema_problems(record, schemas.SUBMISSION_DOCUMENT, file, ["documents", index])
        problems.sort(key=lambda p: (_path_key(p.path), p.message))
    id_problems, missing = document_id_problems(records, documents, file, ["documents"], allow_missing)
    problems += id_problems + run_status_problems(value, records, documents, file)
    for index, record in enumerate(records):
        if len(problems) > MAX_PROBLEMS:
            break
        doc_id = record.get("doc_id") if type(record) is dict else None
        document = documents.get(doc_id) if type(doc_id) is str else None
        problems += record_problems(record, document, file, ["documents", index])
    return capped(problems, file), missing


SUBMISSION_SHAPE = '{"meta": {"system": "NAME"}, "documents": [{"doc_id": "...", "entities": [...], ...}, ...]}'
"""The shape of a submission, said when a file has another."""


def not_an_object(value: Any, file: str) -> Problem:
    """Why a parsed submission that is not a JSON object is refused, and the shape expected."""
    if type(value) is list:
        return Problem(file, "/", f"a bare JSON array ({len(value)} item{'s' if len(value) != 1 else ''}); a submission is one object {SUBMISSION_SHAPE} "
                                  "(put the document records under \"documents\" and name the system in \"meta\")")
    kind = {str: "a string", bool: "a boolean", type(None): "null", int: "a number", float: "a number"}.get(type(value), "not an object")
    return Problem(file, "/", f"{kind}; a submission is one JSON object {SUBMISSION_SHAPE}")


def shape_hint(problem: Problem) -> Problem:
    """A JSON syntax problem of a submission file with the expected shape added
    when the file looks like JSON Lines (one record per line)."""
    if "Extra data" not in problem.message:
        return problem
    return Problem(problem.file, problem.path, f"{problem.message}: this looks like JSON Lines (one record a line); "
                                               f"a submission is one JSON object {SUBMISSION_SHAPE}")


def run_status_problems(value: Any, records: Sequence[Any], documents: Mapping[str, Document], file: str) -> list[Problem]:
    """``meta.failed`` and ``meta.truncated`` name known documents, no document is
    both, and not every submitted document failed (a run with no answer at all is
    not a submission)."""
    meta = value.get("meta") if type(value) is dict else None
    if type(meta) is not dict:
        return []
    listed = {s: meta[s.value] for s in RunStatus if type(meta.get(s.value)) is dict}
    problems = []
    for status, ids in listed.items():
        for doc_id in ids:
            if doc_id not in documents:
                problems.append(Problem(file, pointer(["meta", status.value, doc_id]), f"{_quote(doc_id)} is not a document of the dataset"))
    both = sorted(set(listed.get(RunStatus.FAILED, ())) & set(listed.get(RunStatus.TRUNCATED, ())))
    problems += [Problem(file, pointer(["meta", RunStatus.TRUNCATED.value, d]), f"{_quote(d)} is also listed as failed: a document failed or was truncated, not both") for d in both]
    failed = listed.get(RunStatus.FAILED)
    submitted = {r.get("doc_id") for r in records if type(r) is dict and type(r.get("doc_id")) is str}
    if failed and submitted <= set(failed):
        problems.append(Problem(file, "/meta/failed", f"every document failed ({len(failed)} listed, none answered): a run without answers is not a submission"))
    return problems


def capped(problems: list[Problem], file: str) -> list[Problem]:
    """At most ``MAX_PROBLEMS`` problems, and one more saying that the rest are not listed."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return problems[:MAX_PROBLEMS] + [Problem(file, "/", f"more than {MAX_PROBLEMS} problems; the rest are not listed (MAX_PROBLEMS)")]
