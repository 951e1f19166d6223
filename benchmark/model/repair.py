"""Repairing a system's output into a valid submission, every change listed.

Scoring stays strict: ``validate`` and ``score`` never repair anything. This is a
separate, explicit step (``python -m benchmark repair``, and the LLM baseline's
answers) for outputs that fail validation for reasons with one obvious fix:

* a span whose offsets do not match its ``text`` (or that has none) moves to the
  occurrence of the text nearest the given start in the article proper (outside
  the excluded regions), not already taken by another mention of the record;
  when there are several, the change says how many and which tie was broken;
  a span whose text is not in the article is dropped;
* keys the schema does not define are dropped (a ``confidence``, a ``score``);
* values the schema defines case-insensitively are normalised (``per`` is
  ``PER``, ``meet`` is ``Meet``); a trigger given as a bare string becomes
  ``{"text": ...}``;
* missing or duplicate object ids get fresh ones; references to ids that do not
  exist are dropped; records of unknown or repeated documents are dropped;
* then the submission is validated exactly as ``validate`` does, and a field
  still at fault is dropped, then an object still at fault.

Each change is one :class:`Change` (a JSON pointer into the output and what was
done). Nothing here raises on bad input; the caller validates the result.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping

from benchmark.model import schemas
from benchmark.model.problems import one_line, pointer
from benchmark.model.records import Document, EntityType, EventType, MentionKind, Modality, Polarity, Quote, RunStatus
from benchmark.model.validation import offset_value, submission_problems

UNNAMED = "unnamed"
"""``meta.system`` of an output that names no system."""

KINDS = (("entities", "e", "entityFields"), ("events", "v", "eventFields"), ("claims", "c", "claimFields"))
RECORD_KEYS = ("doc_id", "entities", "events", "claims")
ENUMS: dict[tuple[str, str], type[Enum]] = {
    ("entities", "type"): EntityType, ("events", "type"): EventType, ("events", "modality"): Modality,
    ("claims", "quote"): Quote, ("claims", "polarity"): Polarity,
}
"""The fields whose values are an enum of the model (the schema's enums equal them, a test checks)."""
REFERENCES = (("events", "location", "entities"), ("events", "participants", "entities"),
              ("claims", "claimant", "entities"), ("claims", "about", "events"))
NOUNS = {"entities": "entity", "events": "event"}
MAX_ROUNDS = 4
STATUS_KEYS = frozenset(s.value for s in RunStatus)


@dataclass(frozen=True, slots=True)
class Change:
    """One change: where (a JSON pointer into the repaired submission) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.path}: {self.message}")


def _keys(definition: str) -> frozenset[str]:
    return frozenset(schemas.load("common")["$defs"][definition]["properties"])


def occurrences(document: Document, needle: str) -> list[int]:
    """Starts of ``needle`` in the document's text that touch no excluded region."""
    found, at = [], document.text.find(needle) if needle else -1
    while at >= 0:
        if document.in_scope(at, at + len(needle)):
            found.append(at)
        at = document.text.find(needle, at + 1)
    return found


@dataclass(frozen=True, slots=True)
class Located:
    start: int
    end: int
    candidates: int  # occurrences not taken
    tie: bool  # another occurrence was as near


def locate(document: Document, text: str, hint: int, taken: set[tuple[int, int]] | None = None) -> Located | None:
    """The occurrence of ``text`` (stripped) nearest ``hint`` in the article proper,
    not in ``taken``; the earlier one of two as near; None when there is none."""
    needle = text.strip()
    free = [at for at in occurrences(document, needle) if (at, at + len(needle)) not in (taken or set())]
    if not free:
        return None
    free.sort(key=lambda at: (abs(at - hint), at))
    tie = len(free) > 1 and abs(free[1] - hint) == abs(free[0] - hint)
    return Located(free[0], free[0] + len(needle), len(free), tie)


class _Repair:
    def __init__(self, document: Document, base: list[str | int], changes: list[Change]) -> None:
        self.document = document
        self.base = base
        self.changes = changes
        self.taken: dict[str, set[tuple[int, int]]] = {"mentions": set(), "trigger": set()}

    def note(self, path: list[str | int], message: str) -> None:
        self.changes.append(Change(pointer([*self.base, *path]), message))

    def fits(self, span: Any) -> tuple[int, int] | None:
        """The offsets of a span whose offsets fit its text, else None."""
        if not isinstance(span, dict) or not isinstance(span.get("text"), str):
            return None
        start, end = offset_value(span.get("start")), offset_value(span.get("end"))
        if start is not None and end is not None and 0 <= start < end and self.document.text[start:end] == span["text"]:
            return start, end
        return None

    def span(self, span: Any, path: list[str | int], keys: frozenset[str], field: str) -> dict | None:
        """``span`` with offsets that fit its text, or None (noted) when it cannot
        be; a moved span avoids the spans of ``field`` already placed."""
        if isinstance(span, str):
            self.note(path, f"a bare string {_show(span)} made a span {{\"text\": ...}}")
            span = {"text": span}
        if not isinstance(span, dict):
            self.note(path, f"not a span ({type(span).__name__}); dropped")
            return None
        span = self.known_keys(span, keys, path)
        text = span.get("text")
        if not isinstance(text, str) or not text.strip():
            self.note(path, "no text to place the span by; dropped")
            return None
        fitting = self.fits(span)
        if fitting is not None:
            return {**span, "start": fitting[0], "end": fitting[1]}
        start = offset_value(span.get("start"))
        found = locate(self.document, text, start if start is not None else 0, self.taken[field])
        if found is None:
            self.note(path, f"{_show(text)} is not in the article proper; dropped")
            return None
        self.taken[field].add((found.start, found.end))
        given = f"[{_show(span.get('start'))}, {_show(span.get('end'))})" if "start" in span or "end" in span else "no offsets"
        ambiguity = ""
        if found.candidates > 1:
            ambiguity = f", the nearest of {found.candidates} free occurrences" + (" (a tie: the earlier taken)" if found.tie else "")
        self.note(path, f"{_show(text)} moved from {given} to [{found.start}, {found.end}){ambiguity}")
        return {**span, "start": found.start, "end": found.end, "text": self.document.text[found.start:found.end]}

    def known_keys(self, value: dict, keys: frozenset[str], path: list[str | int]) -> dict:
        unknown = [k for k in value if k not in keys]
        for key in unknown:
            self.note(path, f"unknown key {_show(key)} dropped")
        return {k: v for k, v in value.items() if k in keys} if unknown else value

    def enum(self, obj: dict, key: str, field: str, path: list[str | int], enum: type[Enum]) -> None:
        value = obj.get(field)
        if not isinstance(value, str) or value in enum._value2member_map_:
            return
        match = [m.value for m in enum if m.value.casefold() == value.strip().casefold()]
        if match:
            self.note([*path, field], f"{_show(value)} normalised to {_show(match[0])}")
            obj[field] = match[0]


def _show(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _fix_ids(record: dict, fix: _Repair) -> None:
    seen: set[str] = set()
    for key, prefix, _ in KINDS:
        for index, obj in enumerate(record[key]):
            oid = obj.get("id")
            if isinstance(oid, str) and oid and oid not in seen:
                seen.add(oid)
                continue
            fresh, n = f"{prefix}{index + 1}", index + 1
            while fresh in seen or any(o.get("id") == fresh for k, _, _ in KINDS for o in record[k]):
                n += 1
                fresh = f"{prefix}{n}"
            fix.note([key, index, "id"], f"id {_show(oid)} {'repeated' if isinstance(oid, str) and oid else 'missing'}; "
                                         f"replaced by {_show(fresh)}")
            obj["id"] = fresh
            seen.add(fresh)


def _fix_references(record: dict, fix: _Repair) -> None:
    ids = {key: {o["id"] for o in record[key] if isinstance(o.get("id"), str)} for key, _, _ in KINDS}
    for key, field, target in REFERENCES:
        for index, obj in enumerate(record[key]):
            value = obj.get(field)
            if isinstance(value, list):
                kept = [v for v in value if isinstance(v, str) and v in ids[target]]
                for gone in (v for v in value if v not in kept):
                    fix.note([key, index, field], f"reference {_show(gone)} to no {NOUNS[target]} of this record dropped")
                obj[field] = kept
            elif isinstance(value, str) and value not in ids[target]:
                fix.note([key, index, field], f"reference {_show(value)} to no entity of this record dropped")
                obj[field] = None


def _fix_objects(record: dict, fix: _Repair) -> None:
    fields = {key: _keys(definition) for key, _, definition in KINDS}
    mention_keys, trigger_keys, span_keys = _keys("mention"), _keys("textSpan"), _keys("span")
    for entity in record["entities"]:  # spans that fit first: a moved span never lands on one of them
        for mention in entity.get("mentions") if isinstance(entity.get("mentions"), list) else ():
            fitting = fix.fits(mention)
            if fitting:
                fix.taken["mentions"].add(fitting)
    for event in record["events"]:
        fitting = fix.fits(event.get("trigger"))
        if fitting:
            fix.taken["trigger"].add(fitting)
    for key, _, _ in KINDS:
        for index, obj in enumerate(record[key]):
            path: list[str | int] = [key, index]
            for unknown in [k for k in obj if k not in fields[key]]:
                fix.note(path, f"unknown key {_show(unknown)} dropped")
                del obj[unknown]
            for (kind, field), enum in ENUMS.items():
                if kind == key:
                    fix.enum(obj, key, field, path, enum)
            if key == "entities" and isinstance(obj.get("mentions"), list):
                mentions = []
                for m, mention in enumerate(obj["mentions"]):
                    placed = fix.span(mention, [*path, "mentions", m], mention_keys, "mentions")
                    if placed is not None:
                        fix.enum(placed, key, "kind", [*path, "mentions", m], MentionKind)
                        mentions.append(placed)
                obj["mentions"] = mentions
            if key == "events" and "trigger" in obj and obj["trigger"] is not None:
                trigger = fix.span(obj["trigger"], [*path, "trigger"], trigger_keys, "trigger")
                if trigger is None:
                    del obj["trigger"]
                else:
                    obj["trigger"] = trigger
            if key == "claims" and isinstance(obj.get("span"), dict):
                obj["span"] = fix.known_keys(obj["span"], span_keys, [*path, "span"])


def repair_record(record: Any, document: Document, base: list[str | int] | None = None) -> tuple[dict, list[Change]]:
    """``record`` for ``document`` with the repairs of this module's docstring
    applied before the final validation (which :func:`repair_submission` does);
    ``base`` is the record's JSON pointer, for the changes."""
    changes: list[Change] = []
    fix = _Repair(document, list(base or []), changes)
    value = copy.deepcopy(record) if isinstance(record, dict) else {}
    value = fix.known_keys(value, frozenset(RECORD_KEYS), [])
    out: dict[str, Any] = {"doc_id": document.doc_id}
    for key, _, _ in KINDS:
        items = value.get(key, [])
        if not isinstance(items, list):
            fix.note([key], f"not a list ({type(items).__name__}); dropped")
            items = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                fix.note([key, index], f"not an object ({type(item).__name__}); dropped")
        out[key] = [item for item in items if isinstance(item, dict)]
    _fix_ids(out, fix)
    _fix_objects(out, fix)
    _fix_references(out, fix)
    return out, changes


def _drop_at_fault(value: dict, paths: list[list[str]], changes: list[Change], problems: list[str]) -> bool:
    """Drop what the remaining problems point at: a meta key, an object's field
    (never its id), else the object. False when a problem points elsewhere."""
    dropped_objects: dict[tuple[int, str], set[int]] = {}
    handled = True
    for path, problem in zip(paths, problems, strict=True):
        if len(path) >= 2 and path[0] == "meta" and isinstance(value.get("meta"), dict):
            listed = value["meta"].get(path[1])
            if path[1] in STATUS_KEYS and not (len(path) == 3 and isinstance(listed, dict)):
                handled = False  # a run whose every document failed stays refused
            elif path[1] in STATUS_KEYS:
                listed.pop(_unescape(path[2]), None)
                changes.append(Change(pointer(path[:3]), f"{problem}; entry dropped"))
            elif path[1] == "system":
                value["meta"]["system"] = UNNAMED
                changes.append(Change("/meta/system", f"{problem}; set to {_show(UNNAMED)}"))
            elif path[1] in value["meta"]:
                del value["meta"][path[1]]
                changes.append(Change(pointer(["meta", path[1]]), f"{problem}; dropped"))
            continue
        if len(path) >= 4 and path[0] == "documents" and path[1].isdigit() and path[3].isdigit():
            record, key, index = value["documents"][int(path[1])], path[2], int(path[3])
            obj = record.get(key, [])[index] if key in record and index < len(record.get(key, [])) else None
            if isinstance(obj, dict) and len(path) >= 5 and path[4] != "id" and path[4] in obj:
                del obj[path[4]]
                changes.append(Change(pointer(path[:5]), f"{problem}; field dropped"))
                continue
            dropped_objects.setdefault((int(path[1]), key), set()).add(index)
            continue
        handled = False
    for (r, key), indexes in dropped_objects.items():
        record = value["documents"][r]
        for index in sorted(indexes):
            changes.append(Change(pointer(["documents", r, key, index]), "still invalid after repair; object dropped"))
        record[key] = [o for i, o in enumerate(record[key]) if i not in indexes]
    return handled


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def repair_submission(value: Any, documents: Mapping[str, Document], system: str = UNNAMED) -> tuple[dict | None, list[Change]]:
    """A repaired copy of a parsed submission and every change made; ``None`` when
    the value cannot be read as one (not an object or a list of records).
    ``system`` names an output that names none. The caller validates the result."""
    changes: list[Change] = []
    if isinstance(value, list):
        changes.append(Change("/", f"a bare array of document records wrapped as {{\"meta\": {{\"system\": {_show(system)}}}, \"documents\": [...]}}"))
        value = {"meta": {"system": system}, "documents": value}
    if not isinstance(value, dict):
        return None, changes
    value = copy.deepcopy(value)
    for key in [k for k in value if k not in ("meta", "documents")]:
        changes.append(Change(pointer([key]), "unknown key dropped"))
        del value[key]
    meta = value.get("meta")
    if not isinstance(meta, dict):
        changes.append(Change("/meta", f"missing or not an object; set to {{\"system\": {_show(system)}}}"))
        value["meta"] = {"system": system}
    elif not isinstance(meta.get("system"), str) or not meta["system"].strip():
        changes.append(Change("/meta/system", f"missing or empty; set to {_show(system)}"))
        meta["system"] = system
    records = value.get("documents")
    if not isinstance(records, list):
        changes.append(Change("/documents", "missing or not a list; no documents"))
        records = []
    kept: list[dict] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        doc_id = record.get("doc_id") if isinstance(record, dict) else None
        if not isinstance(doc_id, str) or doc_id not in documents or doc_id in seen:
            why = ("not a record" if not isinstance(record, dict) else f"doc_id {_show(doc_id)} "
                   + ("repeated" if doc_id in seen else "is not a document of the dataset"))
            changes.append(Change(pointer(["documents", index]), f"{why}; record dropped"))
            continue
        seen.add(doc_id)
        fixed, found = repair_record(record, documents[doc_id], ["documents", len(kept)])
        kept.append(fixed)
        changes += found
    value["documents"] = kept
    for _ in range(MAX_ROUNDS):
        problems, _missing = submission_problems(value, documents, "", allow_missing=True)
        if not problems:
            break
        paths = [p.path.strip("/").split("/") for p in problems]
        if not _drop_at_fault(value, paths, changes, [p.message for p in problems]):
            break
        for index, record in enumerate(value["documents"]):
            _fix_references(record, _Repair(documents[record["doc_id"]], ["documents", index], changes))
    return value, changes
