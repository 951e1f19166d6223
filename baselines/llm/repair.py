"""Turning a model's raw answer into a valid document record, or saying why not.

Repairs, each noted in the returned list of notes:
* strip Markdown code fences and text around the outermost JSON object; of an
  answer cut off at the token limit, keep the array elements completed before
  the cut (:func:`salvage`);
* force ``doc_id`` to the requested document; drop non-object items and
  unknown keys; give missing or duplicate ids fresh ones;
* recompute offsets from the quoted text (the occurrence nearest the given
  start, outside excluded regions, not already taken by another mention, so
  repeated mentions without offsets get successive occurrences); drop
  mentions/triggers whose text is not in the document; a claim span is the
  content's position, or left out; entities answered without mentions (the
  compact answer) get their names' and aliases' occurrences (:func:`fill_mentions`);
* drop references (location, participants, claimant, about) to ids that do
  not exist; drop fields whose values the schema rejects;
* finally validate exactly as ``benchmark validate`` does, and drop any
  object still at fault.
Nothing here raises on bad input.
"""

from __future__ import annotations

import json
import re
from typing import Any

from benchmark.model import schemas
from benchmark.model.records import Document
from benchmark.model.validation import record_problems, schema_problems


KINDS = (("entities", "e"), ("events", "v"), ("claims", "c"))
FIELDS = {"entities": "entityFields", "events": "eventFields", "claims": "claimFields"}
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


def _occurrences(document: Document, needle: str) -> list[int]:
    found, at = [], document.text.find(needle)
    while at >= 0 and needle:
        if document.in_scope(at, at + len(needle)):
            found.append(at)
        at = document.text.find(needle, at + 1)
    return found


def _locate(document: Document, span: dict, key: str = "text", used: set[tuple[int, int]] | None = None) -> dict | None:
    """``span`` with offsets that fit its text, or None when the text is not there.
    Given offsets that fit are kept; otherwise the occurrence nearest the given
    start (the first when none is given) that is not in ``used`` is taken."""
    text = span.get(key)
    start, end = span.get("start"), span.get("end")
    if not isinstance(text, str) or not text:
        return None
    taken = used if used is not None else set()
    if (isinstance(start, int) and isinstance(end, int) and 0 <= start < end and document.text[start:end] == text
            and (start, end) not in taken):
        taken.add((start, end))
        return span
    stripped = text.strip()
    found = [f for f in _occurrences(document, stripped) if (f, f + len(stripped)) not in taken]
    if not found:
        return None
    hint = start if isinstance(start, int) else 0
    at = min(found, key=lambda f: (abs(f - hint), f))
    taken.add((at, at + len(stripped)))
    return {**span, "start": at, "end": at + len(stripped), key: stripped}


def _fix_offsets(record: dict, document: Document, notes: list[str]) -> None:
    used: set[tuple[int, int]] = set()
    for entity in record.get("entities", []):
        mentions = entity.get("mentions")
        if isinstance(mentions, list):
            fixed = [m for m in (_locate(document, m, used=used) for m in mentions if isinstance(m, dict)) if m]
            if len(fixed) != len(mentions):
                notes.append(f"entity {entity.get('id')}: dropped {len(mentions) - len(fixed)} mention(s) "
                             "not found in the text")
            entity["mentions"] = [{k: m[k] for k in ("start", "end", "text", "kind") if m.get(k) is not None}
                                  for m in fixed]
    for event in record.get("events", []):
        trigger = event.get("trigger")
        if isinstance(trigger, str):
            trigger = {"text": trigger}
        if isinstance(trigger, dict):
            located = _locate(document, trigger)
            if located is None:
                notes.append(f"event {event.get('id')}: dropped trigger not found in the text")
                del event["trigger"]
            else:
                event["trigger"] = {k: located[k] for k in ("start", "end", "text")}
    for claim in record.get("claims", []):
        content = claim.get("content")
        given = claim.get("span") if isinstance(claim.get("span"), dict) else {}
        found = _locate(document, {**given, "text": content}) if isinstance(content, str) else None
        if found:
            claim["span"] = {"start": found["start"], "end": found["end"]}
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
        for at in _occurrences(document, form):
            end = at + len(form)
            if _word_bounded(document.text, at, end) and not any(at < e and s < end for s, e in taken):
                taken.append((at, end))
                found[index].append({"start": at, "end": end, "text": form,
                                     "kind": "name" if form[:1].isupper() else "nominal"})
    for index, entity in enumerate(targets):
        entity["mentions"] = sorted(found[index], key=lambda m: m["start"])
    notes.append(f"mentions of {len(targets)} entities marked from their names and aliases")


def _fix_ids(record: dict, notes: list[str]) -> None:
    seen: set[str] = set()
    for key, prefix in KINDS:
        items = record.get(key)
        record[key] = [o for o in items if isinstance(o, dict)] if isinstance(items, list) else []
        for index, obj in enumerate(record[key], 1):
            if not isinstance(obj.get("id"), str) or not obj["id"] or obj["id"] in seen:
                fresh = f"{prefix}{index}"
                while fresh in seen:
                    fresh += "_"
                notes.append(f"{key}[{index - 1}]: id {obj.get('id')!r} replaced by {fresh!r}")
                obj["id"] = fresh
            seen.add(obj["id"])


def _fix_references(record: dict, notes: list[str]) -> None:
    entities = {e["id"] for e in record["entities"]}
    events = {e["id"] for e in record["events"]}
    for event in record["events"]:
        if "location" in event and event["location"] is not None and event["location"] not in entities:
            notes.append(f"event {event['id']}: dropped unknown location {event['location']!r}")
            event["location"] = None
        if isinstance(event.get("participants"), list):
            kept = [p for p in event["participants"] if p in entities]
            if len(kept) != len(event["participants"]):
                notes.append(f"event {event['id']}: dropped unknown participants")
            event["participants"] = kept
    for claim in record["claims"]:
        if claim.get("claimant") is not None and claim.get("claimant") not in entities:
            notes.append(f"claim {claim['id']}: dropped unknown claimant {claim['claimant']!r}")
            claim["claimant"] = None
        if isinstance(claim.get("about"), list):
            kept = [a for a in claim["about"] if a in events]
            if len(kept) != len(claim["about"]):
                notes.append(f"claim {claim['id']}: dropped unknown events in about")
            claim["about"] = kept


def _problems(record: dict, document: Document) -> list[tuple[str, ...]]:
    wrapped = {"meta": {"system": "llm"}, "documents": [record]}
    found = schema_problems(wrapped, "submission", "<llm>") + record_problems(record, document, "<llm>", ["documents", 0])
    return [tuple(p.path.strip("/").split("/")) for p in found]


def _drop_faulty(record: dict, document: Document, notes: list[str]) -> bool:
    """Drop fields (then objects) that fail validation; True when the record is valid."""
    defs = schemas.load("common")["$defs"]
    allowed = {key: set(defs[name]["properties"]) for key, name in FIELDS.items()}
    for key, _ in KINDS:
        for obj in record[key]:
            for extra in sorted(set(obj) - allowed[key]):
                notes.append(f"{obj['id']}: dropped unknown field {extra!r}")
                del obj[extra]
    for _ in range(4):
        paths = _problems(record, document)
        if not paths:
            return True
        faulty: dict[str, set[int]] = {}
        for path in paths:
            if len(path) >= 5 and path[2] in record and path[3].isdigit():
                obj = record[path[2]][int(path[3])]
                if path[4] != "id" and path[4] in obj:
                    notes.append(f"{obj['id']}: dropped invalid field {path[4]!r}")
                    del obj[path[4]]
                    continue
            if len(path) >= 4 and path[2] in record and path[3].isdigit():
                faulty.setdefault(path[2], set()).add(int(path[3]))
        for key, indexes in faulty.items():
            notes.append(f"{key}: dropped {len(indexes)} invalid object(s)")
            record[key] = [o for i, o in enumerate(record[key]) if i not in indexes]
        _fix_references(record, notes)
    return not _problems(record, document)


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
    record: dict[str, Any] = {"doc_id": document.doc_id}
    for key, _ in KINDS:
        record[key] = value.get(key, [])
    _fix_ids(record, notes)
    _fix_offsets(record, document, notes)
    if mentions_from_names:
        fill_mentions(record, document, notes)
    _fix_references(record, notes)
    if not _drop_faulty(record, document, notes):
        return None, notes + ["still invalid after repair"]
    return record, notes
