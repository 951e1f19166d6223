"""The dataset's own integrity: every check ``python -m benchmark verify`` runs.

Seeds match their recorded hashes; ``documents.jsonl`` is exactly what the seeds
and their manifest build; the gold (when present) is valid against the gold
schema, every offset slices to its text, every reference resolves, nothing is
annotated outside the article proper, claim content equals its span, cues occur
in the text, and each cluster id names one kind and one type across documents.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Mapping

from benchmark.dataset.documents import MANIFEST, build_document_records, jsonl_bytes, manifest_problems
from benchmark.model.loading import lacking_gold, load_documents, load_gold
from benchmark.model.records import Annotation, Document, Kind
from benchmark.model.paths import DATA, DOCUMENTS_FILE, GOLD_FILE, SEEDS
from benchmark.model.problems import Problem, pointer


def seed_problems(seeds: Path) -> list[Problem]:
    name = str(seeds / MANIFEST)
    try:
        value = json.loads((seeds / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Problem(name, "/", f"cannot read the manifest: {exc}")]
    malformed = manifest_problems(value)
    if malformed:
        return [Problem(name, path, message) for path, message in malformed]
    manifest = value["documents"]
    problems = []
    listed = set()
    for index, entry in enumerate(manifest):
        listed.add(entry["seed_file"])
        path = seeds / entry["seed_file"]
        if not path.is_file():
            problems.append(Problem(name, pointer(["documents", index, "seed_file"]), f"{path} does not exist"))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if "sha256" not in entry:
            continue  # not pinned: verify's success line says so
        if digest != entry["sha256"]:
            problems.append(Problem(str(path), "/", f"sha256 {digest} differs from the manifest's {entry['sha256']}"))
    for path in sorted(seeds.glob("*.txt")):
        if path.name not in listed:
            problems.append(Problem(str(path), "/", "seed file not listed in the manifest"))
    return problems


def text_hash_problems(documents: Mapping[str, Document], data: Path) -> list[Problem]:
    """Without seeds: each document's ``sha256`` is the hash of its text as UTF-8
    (what the seed file's bytes would give), and its excluded regions lie in the text."""
    name = str(data / DOCUMENTS_FILE)
    problems = []
    for index, doc_id in enumerate(documents):
        doc = documents[doc_id]
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        if digest != doc.sha256:
            problems.append(Problem(name, f"/{index}/sha256", f"document {doc_id}: {doc.sha256} is not the SHA-256 of its text ({digest})"))
        for r, region in enumerate(doc.excluded):
            if not 0 <= region.start < region.end <= len(doc.text):
                problems.append(Problem(name, f"/{index}/excluded/{r}", f"[{region.start}, {region.end}) is not a region of the text (length {len(doc.text)})"))
    return problems


def unpinned_seeds(seeds: Path) -> int:
    """How many manifest entries give no ``sha256`` (0 when the manifest is unreadable)."""
    try:
        value = json.loads((seeds / MANIFEST).read_text(encoding="utf-8"))
        return sum(1 for entry in value["documents"] if isinstance(entry, dict) and "sha256" not in entry)
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def documents_match_seeds(seeds: Path, data: Path) -> list[Problem]:
    rebuild = f"python -m benchmark build-documents --seeds {seeds} --data {data}"
    path = data / DOCUMENTS_FILE
    try:
        expected = jsonl_bytes(build_document_records(seeds))
    except (OSError, ValueError, KeyError) as exc:
        return [Problem(str(seeds / MANIFEST), "/", f"cannot build the documents: {exc}")]
    if not path.is_file():
        return [Problem(str(path), "/", f"missing (build it: {rebuild})")]
    actual = path.read_bytes()
    if actual == expected:
        return []
    for number, (a, b) in enumerate(zip(actual.split(b"\n"), expected.split(b"\n"), strict=True), start=1):
        if a != b:
            doc = json.loads(b).get("doc_id", "?") if b.strip() else "?"
            return [Problem(str(path), f"/{number - 1}", f"document {doc} differs from its seed and manifest (rebuild: {rebuild})")]
    return [Problem(str(path), "/", f"differs from the seeds and manifest (rebuild: {rebuild})")]


def _in_scope_problems(doc: Document, record: Annotation, name: str, index: int) -> list[Problem]:
    problems = []

    def check(start: int, end: int, path: list[str | int]) -> None:
        if not doc.in_scope(start, end):
            problems.append(Problem(name, pointer([index, *path]), f"[{start}, {end}) lies in an excluded region (chrome or credit)"))

    for e, entity in enumerate(record.entities):
        for m, mention in enumerate(entity.mentions or ()):
            check(mention.start, mention.end, ["entities", e, "mentions", m])
    for v, event in enumerate(record.events):
        if event.trigger:
            check(event.trigger.start, event.trigger.end, ["events", v, "trigger"])
    for c, claim in enumerate(record.claims):
        if claim.span:
            check(claim.span.start, claim.span.end, ["claims", c, "span"])
    return problems


def _claim_text_problems(doc: Document, record: Annotation, name: str, index: int) -> list[Problem]:
    problems = []
    for c, claim in enumerate(record.claims):
        if claim.span and claim.content != doc.text[claim.span.start:claim.span.end]:
            problems.append(Problem(name, pointer([index, "claims", c, "content"]), "content differs from the text at its span"))
        if claim.cue and claim.cue not in doc.text:
            problems.append(Problem(name, pointer([index, "claims", c, "cue"]), f"cue {claim.cue!r} does not occur in the text"))
    return problems


def cluster_problems(gold: Mapping[str, Annotation], name: str, positions: Mapping[str, int]) -> list[Problem]:
    """A cluster id names one kind, and one entity or event type, everywhere;
    pointers name each record by its position in the file (``positions``)."""
    seen: dict[str, tuple[str, str, str]] = {}
    problems = []
    for doc_id in gold:
        index = positions[doc_id]
        for kind in Kind:
            for o, obj in enumerate(gold[doc_id].objects(kind)):
                if obj.cluster is None:
                    continue
                label = getattr(obj, "type", None)
                signature = (kind.value, label.value if label is not None else "", f"{doc_id}/{obj.id}")
                first = seen.setdefault(obj.cluster, signature)
                if first[:2] != signature[:2]:
                    problems.append(Problem(
                        name, pointer([index, kind.plural, o, "cluster"]),
                        f"cluster {obj.cluster!r} is a {signature[0]} {signature[1]} here but a {first[0]} {first[1]} at {first[2]}",
                    ))
    return problems


def _within_document_clusters(record: Annotation, name: str, index: int) -> list[Problem]:
    problems = []
    for kind in Kind:
        owners: dict[str, str] = {}
        for o, obj in enumerate(record.objects(kind)):
            if obj.cluster is None:  # a singleton: never shared
                continue
            if obj.cluster in owners:
                problems.append(Problem(name, pointer([index, kind.plural, o, "cluster"]), f"cluster {obj.cluster!r} is used twice in this document (also by {owners[obj.cluster]})"))
            owners.setdefault(obj.cluster, obj.id)
    return problems


def gold_problems(data: Path, documents: Mapping[str, Document]) -> list[Problem]:
    path = data / GOLD_FILE
    if not path.is_file():
        return []
    name = str(path)
    positions: dict[str, int] = {}
    gold, problems = load_gold(data, documents, positions)
    for doc_id, record in gold.items():  # in file order, each pointer naming the record's position in the file
        doc, index = documents[doc_id], positions[doc_id]
        problems += _in_scope_problems(doc, record, name, index)
        problems += _claim_text_problems(doc, record, name, index)
        problems += _within_document_clusters(record, name, index)
    problems += cluster_problems(gold, name, positions)
    return problems + lacking_gold(data, documents, gold)


def verify(seeds: Path | None = SEEDS, data: Path = DATA) -> tuple[list[Problem], dict[str, int]]:
    """All integrity problems, and what was checked (for the success line).
    Without ``seeds`` the seed checks are skipped (``checked["seeds"]`` is -1) and
    each document's hash is checked against its own text instead."""
    problems = seed_problems(seeds) + documents_match_seeds(seeds, data) if seeds is not None else []
    if (data / DOCUMENTS_FILE).is_file():
        documents, found = load_documents(data)
        problems += found
    else:
        documents = {}
        if seeds is None:  # with seeds, documents_match_seeds has said it is missing
            problems.append(Problem(str(data / DOCUMENTS_FILE), "/", "missing"))
    if seeds is None:
        problems += text_hash_problems(documents, data)
    problems += gold_problems(data, documents)
    gold_path = data / GOLD_FILE
    checked = {"seeds": len(list(seeds.glob("*.txt"))) if seeds is not None else -1, "documents": len(documents), "gold": 0,
               "unpinned": unpinned_seeds(seeds) if seeds is not None else 0}
    if gold_path.is_file():
        checked["gold"] = sum(1 for line in gold_path.read_bytes().split(b"\n") if line.strip())
    return problems, checked
