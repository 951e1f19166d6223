"""Loading the dataset and submissions into the typed model.

``load_*`` functions return ``(value, problems)``: when ``problems`` is non-empty
the value is ``None`` (or partial for the dataset, so that ``verify`` can go on
and report everything). Conversion from JSON assumes the JSON passed validation.
"""

from __future__ import annotations

import hashlib
from enum import Enum
from pathlib import Path
from typing import Any, Mapping

from benchmark.model.jsonio import iter_jsonl, paused_gc, read_json
from benchmark.model.records import (
    Annotation,
    Claim,
    Document,
    Entity,
    EntityType,
    Event,
    EventType,
    Excluded,
    Mention,
    MentionKind,
    Modality,
    Polarity,
    Quote,
    Span,
    Submission,
    TextSpan,
)
from benchmark.model.paths import DATA, DOCUMENTS_FILE, GOLD_FILE
from benchmark.model.problems import Problem
from benchmark.model.validation import record_problems, schema_problems, shape_hint, submission_problems


def _enum(cls: type[Enum], value: Any) -> Any:
    return None if value is None else cls._value2member_map_[value]  # the lookup Enum(value) makes, without its overhead


def _int(value: Any) -> int:
    """An offset that passed validation as the exact int it denotes (``81.0`` is 81)."""
    return value if type(value) is int else int(value)


def _tuple(values: Any) -> tuple | None:
    return None if values is None else tuple(values)


_MENTION_KINDS: dict[Any, Any] = {None: None, **MentionKind._value2member_map_}


def _mention(m: Mapping[str, Any]) -> Mention:
    start, end = m["start"], m["end"]
    if type(start) is not int or type(end) is not int:
        start, end = int(start), int(end)
    return Mention(start, end, m["text"], _MENTION_KINDS[m.get("kind")])


def entity_from_json(o: Mapping[str, Any]) -> Entity:
    mentions = o.get("mentions")
    return Entity(  # positional, in field order: keyword calls cost ~2x for every object loaded
        o["id"],  # id
        _enum(EntityType, o.get("type")),  # type
        o.get("name"),  # name
        _tuple(o.get("aliases")),  # aliases
        None if mentions is None else tuple(map(_mention, mentions)),  # mentions
        o.get("cluster"),  # cluster
    )


def event_from_json(o: Mapping[str, Any]) -> Event:
    trigger = o.get("trigger")
    return Event(  # positional, in field order
        o["id"],  # id
        _enum(EventType, o.get("type")),  # type
        None if trigger is None else TextSpan(_int(trigger["start"]), _int(trigger["end"]), trigger["text"]),  # trigger
        o.get("date"),  # date
        o.get("location"),  # location
        _tuple(o.get("participants")),  # participants
        _enum(Modality, o.get("modality")),  # modality
        o.get("cluster"),  # cluster
    )


def claim_from_json(o: Mapping[str, Any]) -> Claim:
    span = o.get("span")
    return Claim(  # positional, in field order
        o["id"],  # id
        o.get("claimant"),  # claimant
        o.get("cue"),  # cue
        o.get("content"),  # content
        None if span is None else Span(_int(span["start"]), _int(span["end"])),  # span
        _enum(Quote, o.get("quote")),  # quote
        _enum(Polarity, o.get("polarity")),  # polarity
        _tuple(o.get("about")),  # about
        o.get("cluster"),  # cluster
    )


def annotation_from_json(record: Mapping[str, Any]) -> Annotation:
    return Annotation(
        doc_id=record["doc_id"],
        entities=tuple(entity_from_json(o) for o in record.get("entities", ())),
        events=tuple(event_from_json(o) for o in record.get("events", ())),
        claims=tuple(claim_from_json(o) for o in record.get("claims", ())),
    )


def document_from_json(record: Mapping[str, Any]) -> Document:
    return Document(
        doc_id=record["doc_id"],
        seed_file=record["seed_file"],
        outlet=record["outlet"],
        title=record["title"],
        published=record["published"],
        text=record["text"],
        sha256=record["sha256"],
        excluded=tuple(Excluded(_int(x["start"]), _int(x["end"]), x["reason"]) for x in record.get("excluded", ())),
    )


def load_documents(data_dir: Path = DATA) -> tuple[dict[str, Document], list[Problem]]:
    path = data_dir / DOCUMENTS_FILE
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    index = 0
    for record, found in iter_jsonl(path, capped=False):
        if found:
            problems += found
            continue
        found = schema_problems(record, "document", str(path), [index])
        problems += found
        if not found:
            documents[record["doc_id"]] = document_from_json(record)
        index += 1
    return documents, problems


def load_gold(data_dir: Path, documents: Mapping[str, Document]) -> tuple[dict[str, Annotation], list[Problem]]:
    """Gold records keyed by doc id, and every problem found.

    Records that fail the schema are left out; records with only semantic
    problems (references, offsets) are kept so that ``verify`` can go on checking
    them. Callers other than ``verify`` must treat any problem as fatal."""
    path = data_dir / GOLD_FILE
    name = str(path)
    gold: dict[str, Annotation] = {}
    problems: list[Problem] = []
    index = 0
    with paused_gc():
        for record, found in iter_jsonl(path, capped=False):
            if found:
                problems += found
                continue
            _gold_record(record, index, name, documents, gold, problems)
            index += 1
    return gold, problems


def _gold_record(
    record: Any, index: int, name: str, documents: Mapping[str, Document], gold: dict[str, Annotation], problems: list[Problem]
) -> None:
    """Check one gold record, add its problems, and keep it in ``gold`` if it is convertible."""
    found = schema_problems(record, "gold", name, [index])
    doc_id = record.get("doc_id") if isinstance(record, dict) else None
    document = documents.get(doc_id) if isinstance(doc_id, str) else None
    if isinstance(doc_id, str) and document is None:
        found.append(Problem(name, f"/{index}/doc_id", f"doc_id {doc_id!r} is not in {DOCUMENTS_FILE}"))
    elif isinstance(doc_id, str) and doc_id in gold:
        found.append(Problem(name, f"/{index}/doc_id", f"duplicate gold record for doc_id {doc_id!r}"))
    convertible = not found
    found += record_problems(record, document, name, [index])
    problems += found
    if convertible and isinstance(doc_id, str):
        gold[doc_id] = annotation_from_json(record)


def lacking_gold(data_dir: Path, documents: Mapping[str, Document], gold: Mapping[str, Annotation]) -> list[Problem]:
    """One problem per document that has no gold record."""
    name = str(data_dir / GOLD_FILE)
    return [Problem(name, "/", f"no gold record for document {doc_id}") for doc_id in sorted(set(documents) - set(gold))]


def load_complete_gold(data_dir: Path, documents: Mapping[str, Document]) -> tuple[dict[str, Annotation], list[Problem]]:
    """``load_gold`` plus a problem for every document without a gold record: the
    gold that scoring needs, where any problem is fatal."""
    gold, problems = load_gold(data_dir, documents)
    return gold, problems + lacking_gold(data_dir, documents, gold)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def submission_from_json(value: Mapping[str, Any], source: str, sha256: str, missing: list[str]) -> Submission:
    return Submission(
        meta=dict(value["meta"]),
        documents=tuple(annotation_from_json(r) for r in value["documents"]),
        source=source,
        sha256=sha256,
        missing=tuple(missing),
    )


def load_submission(
    path: Path, documents: Mapping[str, Document], allow_missing: bool = False, name: str | None = None
) -> tuple[Submission | None, list[Problem]]:
    """Read, validate and convert a submission file; ``None`` with problems if invalid."""
    name = name or str(path)
    value, problems = read_json(path, name)
    if problems:
        return None, [shape_hint(p) for p in problems]
    problems, missing = submission_problems(value, documents, name, allow_missing)
    if problems:
        return None, problems
    with paused_gc():
        return submission_from_json(value, name, sha256_file(path), missing), []
