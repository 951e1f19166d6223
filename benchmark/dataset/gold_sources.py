"""Gold records from annotation sources that give exact strings, never offsets:
how the project's own gold is built, and ``python -m benchmark build-gold``.

The sources (``DIR/annotation/*.json``, one per document) give every mention,
trigger, cue and claim content as an exact string plus a disambiguator; they are
resolved to code-point offsets in the document text (``DIR/documents.jsonl``),
and a string that is not found, is ambiguous, or falls in an excluded region is
an error naming the document, the object and the spec.

String specs (for mentions, triggers, cues and claim contents):

- ``"left[TARGET]right"``: the string with the brackets removed must occur exactly
  once in the text; TARGET is the part between the brackets. ``left``/``right`` may
  be empty. A literal bracket cannot be used.
- ``"...#N"`` (suffix): take the N-th occurrence (1-based) instead of requiring one.
- ``"TARGET"`` (no brackets): TARGET must occur exactly once in the article proper on
  word boundaries.
- ``"TARGET*"`` (mentions only): every occurrence of TARGET in the article proper on
  word boundaries (case-sensitive); ``except`` lists specs of occurrences to drop.

A source record: ``{"doc_id", "entities": [{"id", "type", "name", "cluster",
"mentions": {"name"|"nominal"|"pronoun": [spec, ...]}, "except": [spec, ...]}],
"events": [{"id", "type", "trigger": spec, "date", "location", "participants",
"modality", "cluster"}], "claims": [{"id", "claimant", "cue": spec, "content": spec,
"quote", "polarity", "about", "cluster"}]}`` (aliases are the name mentions'
other surface forms, computed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from benchmark.model.paths import DATA, DOCUMENTS_FILE
from benchmark.model.problems import BenchmarkError

SOURCES = "annotation"
"""The folder of annotation sources inside a dataset folder."""

ENTITY_KEYS = ["id", "type", "name", "aliases", "mentions", "cluster"]
EVENT_KEYS = ["id", "type", "trigger", "date", "location", "participants", "modality", "cluster"]
CLAIM_KEYS = ["id", "claimant", "cue", "content", "span", "quote", "polarity", "about", "cluster"]
KINDS = ("name", "nominal", "pronoun")


class AnnotationError(BenchmarkError):
    """A source that does not resolve; the message names the document, object and spec."""


class Doc:
    def __init__(self, record: dict):
        self.id = record["doc_id"]
        self.text = record["text"]
        self.excluded = [(x["start"], x["end"]) for x in record.get("excluded", [])]

    def in_scope(self, start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in self.excluded)

    def occurrences(self, needle: str) -> list[int]:
        out, i = [], self.text.find(needle)
        while i != -1:
            out.append(i)
            i = self.text.find(needle, i + 1)
        return out

    def word_occurrences(self, target: str) -> list[tuple[int, int]]:
        pattern = re.compile(r"(?<!\w)" + re.escape(target) + r"(?!\w)")
        return [(m.start(), m.end()) for m in pattern.finditer(self.text) if self.in_scope(m.start(), m.end())]

    def resolve(self, spec: str, where: str) -> tuple[int, int]:
        """One span for a spec (not the ``*`` form)."""
        nth = None
        m = re.fullmatch(r"(.*)#(\d+)", spec, flags=re.S)
        if m:
            spec, nth = m.group(1), int(m.group(2))
        if "[" in spec:
            if spec.count("[") != 1 or spec.count("]") != 1 or spec.index("[") > spec.index("]"):
                raise AnnotationError(f"{self.id} {where}: malformed spec {spec!r}")
            left, rest = spec.split("[", 1)
            target, right = rest.split("]", 1)
            whole = left + target + right
            hits = [(i + len(left), i + len(left) + len(target)) for i in self.occurrences(whole)]
        else:
            target = spec
            hits = self.word_occurrences(target)
        if not target:
            raise AnnotationError(f"{self.id} {where}: empty target in {spec!r}")
        if nth is not None:
            if nth > len(hits):
                raise AnnotationError(f"{self.id} {where}: {spec!r} has only {len(hits)} occurrences, not {nth}")
            hit = hits[nth - 1]
        elif len(hits) != 1:
            raise AnnotationError(f"{self.id} {where}: {spec!r} occurs {len(hits)} times (need exactly 1)")
        else:
            hit = hits[0]
        if not self.in_scope(*hit):
            raise AnnotationError(f"{self.id} {where}: {spec!r} lies in an excluded region")
        return hit

    def resolve_many(self, spec: str, where: str) -> list[tuple[int, int]]:
        if spec.endswith("*") and "[" not in spec:
            hits = self.word_occurrences(spec[:-1])
            if not hits:
                raise AnnotationError(f"{self.id} {where}: {spec!r} matches nothing")
            return hits
        return [self.resolve(spec, where)]


def build_entity(doc: Doc, src: dict) -> dict:
    where = f"entity {src['id']}"
    mentions: dict[tuple[int, int], str] = {}
    dropped = {doc.resolve(s, where + " except") for s in src.get("except", [])}
    for kind in KINDS:
        for spec in src.get("mentions", {}).get(kind, []):
            for span in doc.resolve_many(spec, f"{where} {kind} {spec!r}"):
                if span in dropped:
                    continue
                if span in mentions:
                    raise AnnotationError(f"{doc.id} {where}: duplicate mention {doc.text[span[0]:span[1]]!r} at {span}")
                mentions[span] = kind
    unknown = set(src.get("mentions", {})) - set(KINDS)
    if unknown:
        raise AnnotationError(f"{doc.id} {where}: unknown mention kinds {sorted(unknown)}")
    if not mentions:
        raise AnnotationError(f"{doc.id} {where}: no mentions")
    ordered = sorted(mentions.items())
    name = src["name"]
    aliases: list[str] = []
    for (s, e), kind in ordered:
        surface = doc.text[s:e]
        if kind == "name" and surface != name and surface not in aliases:
            aliases.append(surface)
    out = {
        "id": src["id"],
        "type": src["type"],
        "name": name,
        "aliases": aliases,
        "mentions": [{"start": s, "end": e, "text": doc.text[s:e], "kind": k} for (s, e), k in ordered],
        "cluster": src["cluster"],
    }
    return {k: out[k] for k in ENTITY_KEYS}


def build_event(doc: Doc, src: dict) -> dict:
    s, e = doc.resolve(src["trigger"], f"event {src['id']} trigger")
    out = dict(src)
    out["trigger"] = {"start": s, "end": e, "text": doc.text[s:e]}
    missing = set(EVENT_KEYS) - set(out)
    if missing or set(out) - set(EVENT_KEYS):
        raise AnnotationError(f"{doc.id} event {src['id']}: keys {sorted(out)}")
    return {k: out[k] for k in EVENT_KEYS}


def build_claim(doc: Doc, src: dict) -> dict:
    cs, ce = doc.resolve(src["cue"], f"claim {src['id']} cue")
    s, e = doc.resolve(src["content"], f"claim {src['id']} content")
    out = dict(src)
    out["cue"] = doc.text[cs:ce]
    out["content"] = doc.text[s:e]
    out["span"] = {"start": s, "end": e}
    missing = set(CLAIM_KEYS) - set(out)
    if missing or set(out) - set(CLAIM_KEYS):
        raise AnnotationError(f"{doc.id} claim {src['id']}: keys {sorted(out)}")
    return {k: out[k] for k in CLAIM_KEYS}


def build_record(doc: Doc, src: dict) -> dict:
    if src["doc_id"] != doc.id:
        raise AnnotationError(f"source doc_id {src['doc_id']!r} != {doc.id!r}")
    record = {
        "doc_id": doc.id,
        "entities": [build_entity(doc, x) for x in src["entities"]],
        "events": [build_event(doc, x) for x in src["events"]],
        "claims": [build_claim(doc, x) for x in src["claims"]],
    }
    ids = [o["id"] for k in ("entities", "events", "claims") for o in record[k]]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise AnnotationError(f"{doc.id}: duplicate ids {dupes}")
    entity_ids = {o["id"] for o in record["entities"]}
    event_ids = {o["id"] for o in record["events"]}
    for ev in record["events"]:
        for ref in ev["participants"] + ([ev["location"]] if ev["location"] else []):
            if ref not in entity_ids:
                raise AnnotationError(f"{doc.id} event {ev['id']}: unknown entity {ref!r}")
    for cl in record["claims"]:
        if cl["claimant"] is not None and cl["claimant"] not in entity_ids:
            raise AnnotationError(f"{doc.id} claim {cl['id']}: unknown claimant {cl['claimant']!r}")
        for ref in cl["about"]:
            if ref not in event_ids:
                raise AnnotationError(f"{doc.id} claim {cl['id']}: unknown event {ref!r}")
    return record


def load_documents(data: Path = DATA) -> dict[str, Doc]:
    docs = {}
    with open(data / DOCUMENTS_FILE, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = Doc(json.loads(line))
                docs[d.id] = d
    return docs


def render(data: Path = DATA) -> str:
    """The text of ``data/gold.jsonl`` built from ``data/annotation/*.json``."""
    docs = load_documents(data)
    lines = []
    paths = sorted((data / SOURCES).glob("*.json"))
    if not paths:
        raise AnnotationError(f"{data / SOURCES}: no annotation sources (*.json)")
    for path in paths:
        try:
            src = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise AnnotationError(f"{path.name}: not JSON ({exc})") from None
        doc = docs.get(src["doc_id"])
        if doc is None:
            raise AnnotationError(f"{path.name}: unknown doc_id {src['doc_id']!r}")
        lines.append(build_record(doc, src))
    lines.sort(key=lambda r: r["doc_id"])
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)


