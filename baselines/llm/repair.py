"""Turning a model's raw answer into a valid document record, or saying why not.

What is particular to a model's answer is here: strip Markdown code fences and
text around the outermost JSON object; of an answer cut off at the token limit,
keep the array elements completed before the cut (:func:`salvage`); force
``doc_id`` to the requested document; a claim's span is where its content occurs
(or left out); entities answered without mentions (the compact answer) get
their names' and aliases' occurrences (:func:`fill_mentions`).

Everything else is the harness's own repair of any system's output
(:mod:`benchmark.model.repair`, also ``python -m benchmark repair``): offsets
moved to the nearest occurrence of their text outside excluded regions, unknown
keys dropped, enum values normalised, fresh ids, dangling references dropped,
then what still fails validation dropped. Each change is a note. Nothing here
raises on bad input.
"""

from __future__ import annotations

import json
import re
from typing import Any

from benchmark.model.records import Document
from benchmark.model.repair import locate, occurrences, repair_submission
from benchmark.model.validation import submission_problems

KINDS = ("entities", "events", "claims")
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)


def parse_json(content: str) -> tuple[Any, list[str]]:
    """The JSON object in ``content`` (fences and chatter stripped), or None."""
    notes: list[str] = []
    fenced = _FENCE.search(content)
    if fenced:
        content = fenced.group(1)
        notes.append("stripped code fence")
    try:
        return json.loads(content), notes
    except ValueError:
        pass
    start, end = content.find("{"), content.rfind("}")
    if 0 <= start < end:
        try:
            value = json.loads(content[start:end + 1])
            return value, notes + ["stripped text around the JSON object"]
        except ValueError:
            pass
    return None, notes + ["answer is not JSON"]


def salvage(content: str) -> tuple[Any, list[str]]:
    """The complete part of a JSON object cut off mid-way (an answer truncated at
    the token limit): the text up to the last array element that was closed,
    with the brackets still open closed after it. None when there is none."""
    start = content.find("{")
    if start < 0:
        return None, ["no JSON object in the truncated answer"]
    stack: list[str] = []
    cuts: list[tuple[int, str]] = []  # (end of a closed array element, closers still needed)
    in_string = escaped = False
    for index in range(start, len(content)):
        char = content[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]":
            if not stack or stack.pop() != char:
                break
            if stack and stack[-1] == "]":
                cuts.append((index + 1, "".join(reversed(stack))))
    for end, closers in reversed(cuts[-50:]):
        try:
            value = json.loads(content[start:end] + closers)
        except ValueError:
            continue
        return value, [f"truncated answer: kept the first {end - start} of {len(content) - start} characters"]
    return None, ["truncated answer: no complete object to keep"]


def _claim_spans(record: dict, document: Document, notes: list[str]) -> None:
    """A claim's span is where its content occurs in the article proper (nearest
    the given start), or left out when the content is not verbatim."""
    claims = record.get("claims")
    for claim in claims if isinstance(claims, list) else ():
        if not isinstance(claim, dict):
            continue
        content, given = claim.get("content"), claim.get("span")
        start = given.get("start") if isinstance(given, dict) else None
        hint = start if isinstance(start, int) else 0
        found = locate(document, content, hint) if isinstance(content, str) and content.strip() else None
        if found is not None:
            claim["span"] = {"start": found.start, "end": found.end}
        elif "span" in claim:
            del claim["span"]
            notes.append(f"claim {claim.get('id')}: content not verbatim, span dropped")


def _word_bounded(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def fill_mentions(record: dict, document: Document, notes: list[str]) -> None:
    """Entities given without mentions (the compact answer) get every in-scope,
    word-bounded occurrence of their name and aliases as a mention, longest
    forms first, no span given to two entities."""
    targets = [e for e in record.get("entities", []) if "mentions" not in e]
    if not targets:
        return
    taken: list[tuple[int, int]] = [(m["start"], m["end"]) for e in record.get("entities", [])
                                    for m in e.get("mentions", []) if isinstance(m, dict) and "start" in m]
    forms = sorted({(form, index) for index, entity in enumerate(targets)
                    for form in [entity.get("name"), *(entity.get("aliases") or [])]
                    if isinstance(form, str) and form.strip()}, key=lambda f: (-len(f[0]), f[1], f[0]))
    found: dict[int, list[dict]] = {index: [] for index in range(len(targets))}
    for form, index in forms:
        form = form.strip()
        for at in occurrences(document, form):
            end = at + len(form)
            if _word_bounded(document.text, at, end) and not any(at < e and s < end for s, e in taken):
                taken.append((at, end))
                found[index].append({"start": at, "end": end, "text": form,
                                     "kind": "name" if form[:1].isupper() else "nominal"})
    for index, entity in enumerate(targets):
        entity["mentions"] = sorted(found[index], key=lambda m: m["start"])
    notes.append(f"mentions of {len(targets)} entities marked from their names and aliases")


def repair(content: str, document: Document, truncated: bool = False,
           mentions_from_names: bool = False) -> tuple[dict | None, list[str]]:
    """A valid record for ``document`` from the model's answer, and the notes of
    what was repaired; ``None`` when nothing usable could be recovered. A
    ``truncated`` answer keeps what was complete before the cut. With
    ``mentions_from_names``, entities without mentions get them from their names."""
    value, notes = salvage(content) if truncated else parse_json(content)
    if isinstance(value, dict) and "documents" in value and isinstance(value["documents"], list) and value["documents"]:
        value, notes = value["documents"][0], notes + ["unwrapped a whole submission"]
    if not isinstance(value, dict):
        return None, notes + (["answer is not a JSON object"] if value is not None else [])
    if value.get("doc_id") != document.doc_id:
        notes.append(f"doc_id {value.get('doc_id')!r} set to {document.doc_id!r}")
    record: dict[str, Any] = {"doc_id": document.doc_id, **{key: value.get(key, []) for key in KINDS}}
    _claim_spans(record, document, notes)
    repaired, changes = repair_submission({"meta": {"system": "llm"}, "documents": [record]}, {document.doc_id: document})
    notes += [str(change).removeprefix("/documents/0") for change in changes]
    if repaired is None or not repaired["documents"]:
        return None, notes + ["no usable record"]
    record = repaired["documents"][0]
    if mentions_from_names:
        fill_mentions(record, document, notes)
    problems, _ = submission_problems({"meta": {"system": "llm"}, "documents": [record]}, {document.doc_id: document}, "<llm>", True)
    if problems:
        return None, notes + ["still invalid after repair"]
    return record, notes
