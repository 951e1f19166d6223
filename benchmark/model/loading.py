"""The one loader: a dataset's splits and submissions into the typed model.

Every command, the library API and the leaderboard load through here. Each file
is read once: its bytes are hashed (the digest in a report is of the bytes
scored), parsed (``jsonio``), validated (``validation``) and converted to
records. :func:`load_split` loads one split folder (``documents.jsonl`` and, when
present, ``gold.jsonl``); :func:`load_splits` every split a dataset folder holds
(``SPLITS``: the test split in the folder itself, ``dev/``, ``heldout/``);
:func:`load_submission` a submission file.

``load_*`` functions return ``(value, problems)`` or a value carrying its
problems: when there are problems the value is ``None`` (or partial for the
dataset, so that ``verify`` can go on and report everything). Conversion from
JSON assumes the JSON passed validation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, Mapping

from benchmark.model.jsonio import paused_gc, parse_json, read_bytes
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
        story=record.get("story"),
    )


def _jsonl(data: bytes, name: str) -> Iterator[tuple[Any, list[Problem]]]:
    """``(value, problems)`` for every non-blank line of a JSON Lines file's bytes,
    parsed one at a time; problems carry the 1-based line number."""
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.strip():
            yield parse_json(raw, name, line=number)


def _documents(data: bytes, name: str, rows: list[Any] | None = None) -> tuple[dict[str, Document], list[Problem]]:
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    index = 0
    for record, found in _jsonl(data, name):
        if found:
            problems += found
            continue
        if rows is not None:
            rows.append(record)
        found = schema_problems(record, "document", name, [index])
        problems += found
        if not found:
            documents[record["doc_id"]] = document_from_json(record)
        index += 1
    return documents, problems


def load_documents(data_dir: Path = DATA) -> tuple[dict[str, Document], list[Problem]]:
    path = data_dir / DOCUMENTS_FILE
    return _documents(path.read_bytes(), str(path))


def _gold(
    data: bytes, name: str, documents: Mapping[str, Document], rows: list[Any] | None = None,
    positions: dict[str, int] | None = None,
) -> tuple[dict[str, Annotation], list[Problem]]:
    gold: dict[str, Annotation] = {}
    problems: list[Problem] = []
    index = 0
    with paused_gc():
        for record, found in _jsonl(data, name):
            if found:
                problems += found
                continue
            if rows is not None:
                rows.append(record)
            _gold_record(record, index, name, documents, gold, problems)
            if positions is not None and type(record) is dict and record.get("doc_id") in gold:
                positions.setdefault(record["doc_id"], index)
            index += 1
    return gold, problems


def load_gold(
    data_dir: Path, documents: Mapping[str, Document], positions: dict[str, int] | None = None
) -> tuple[dict[str, Annotation], list[Problem]]:
    """Gold records keyed by doc id, in file order, and every problem found;
    ``positions``, when given, receives each kept record's position in the file
    (the index its JSON pointers use).

    Records that fail the schema are left out; records with only semantic
    problems (references, offsets) are kept so that ``verify`` can go on checking
    them. Callers other than ``verify`` must treat any problem as fatal."""
    path = data_dir / GOLD_FILE
    return _gold(path.read_bytes(), str(path), documents, positions=positions)


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


SPLITS = (("test", ""), ("dev", "dev"), ("heldout", "heldout"))
"""Each split's name and folder inside a dataset folder: the test split is the
folder itself (``data/``), the others sit in subfolders (``data/dev/``, and
``data/heldout/`` once it exists, whose documents carry a ``story``)."""


@dataclass(frozen=True, slots=True)
class Split:
    """One split folder, loaded: its documents, its gold (``None`` where the
    folder has no ``gold.jsonl``), the SHA-256 of the gold bytes that were parsed,
    and every problem (any problem is fatal to scoring; ``verify`` lists them)."""

    name: str
    folder: Path
    documents: dict[str, Document]
    gold: dict[str, Annotation] | None
    gold_sha256: str
    problems: tuple[Problem, ...]
    rows: Mapping[str, list[Any]] | None = None
    """The parsed JSON records of each file (``documents``, ``gold``), when asked
    for (``rows=True``: the Hugging Face view is built from them)."""


def load_split(folder: Path = DATA, name: str = "test", gold: bool = True, rows: bool = False) -> Split:
    """Read, hash, validate and convert a split folder's files, each read once;
    ``gold=False`` leaves the gold unread (``validate`` needs only documents);
    ``rows`` keeps the parsed records too. A missing ``documents.jsonl`` is an
    ``OSError`` (``FileNotFoundError``)."""
    kept: dict[str, list[Any]] | None = {"documents": [], "gold": []} if rows else None
    path = folder / DOCUMENTS_FILE
    documents, problems = _documents(path.read_bytes(), str(path), None if kept is None else kept["documents"])
    path = folder / GOLD_FILE
    if not gold or not path.is_file():
        if kept is not None:
            del kept["gold"]
        return Split(name, folder, documents, None, "", tuple(problems), kept)
    data = path.read_bytes()
    annotations, found = _gold(data, str(path), documents, None if kept is None else kept["gold"])
    found += lacking_gold(folder, documents, annotations)
    return Split(name, folder, documents, annotations, hashlib.sha256(data).hexdigest(), tuple(problems + found), kept)


def load_splits(root: Path = DATA, rows: bool = False) -> dict[str, Split]:
    """Every split present in a dataset folder (``SPLITS``), by name."""
    return {name: load_split(root / sub, name, rows=rows)
            for name, sub in SPLITS if (root / sub / DOCUMENTS_FILE).is_file()}


def submission_from_json(value: Mapping[str, Any], source: str, sha256: str, missing: list[str]) -> Submission:
    return Submission(
        meta=dict(value["meta"]),
        documents=tuple(annotation_from_json(r) for r in value["documents"]),
        source=source,
        sha256=sha256,
        missing=tuple(missing),
    )


@dataclass(frozen=True, slots=True)
class LoadedSubmission:
    """A submission file after loading: the submission when it is valid, every
    problem otherwise, and its ``meta.system`` whenever the JSON could be read
    (a rejected leaderboard row still shows its name)."""

    submission: Submission | None
    problems: list[Problem]
    system: str | None


def read_submission(
    path: Path, documents: Mapping[str, Document], allow_missing: bool = False, name: str | None = None
) -> LoadedSubmission:
    """Read a submission file's bytes once, hash them, parse, validate and convert."""
    name = name or str(path)
    data, problems = read_bytes(path, name)
    if data is None:
        return LoadedSubmission(None, problems, None)
    value, problems = parse_json(data, name)
    if problems:
        return LoadedSubmission(None, [shape_hint(p) for p in problems], None)
    meta = value.get("meta") if type(value) is dict else None
    system = meta.get("system") if type(meta) is dict else None
    system = system if type(system) is str else None
    problems, missing = submission_problems(value, documents, name, allow_missing)
    if problems:
        return LoadedSubmission(None, problems, system)
    with paused_gc():
        submission = submission_from_json(value, name, hashlib.sha256(data).hexdigest(), missing)
    return LoadedSubmission(submission, [], system)


def load_submission(
    path: Path, documents: Mapping[str, Document], allow_missing: bool = False, name: str | None = None
) -> tuple[Submission | None, list[Problem]]:
    """Read, validate and convert a submission file; ``None`` with problems if invalid."""
    loaded = read_submission(path, documents, allow_missing, name)
    return loaded.submission, loaded.problems
