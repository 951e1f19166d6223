"""A two-document fixture dataset for the scorer's tests (doc ids 900, 901),
built in code so that every offset is computed from its text."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

from benchmark.model.loading import annotation_from_json, document_from_json

TEXTS = {
    "900": (
        "Russian President Vladimir Putin said on Monday that talks with the United States "
        "would begin on Jan. 10 in Geneva. Putin warned that NATO must not expand. "
        "The White House confirmed the talks."
    ),
    "901": (
        "NATO will meet Russian officials on Jan. 12 in Brussels, the alliance said. "
        "Talks in Geneva begin on Jan. 10, U.S. officials said, and they denied plans for sanctions."
    ),
}


def _at(doc: str, needle: str, nth: int = 0) -> dict[str, Any]:
    text = TEXTS[doc]
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def _mention(doc: str, needle: str, kind: str = "name", nth: int = 0) -> dict[str, Any]:
    return {**_at(doc, needle, nth), "kind": kind}


def _span(doc: str, needle: str) -> dict[str, int]:
    at = _at(doc, needle)
    return {"start": at["start"], "end": at["end"]}


def _entity(id: str, type: str, name: str, aliases: list[str], mentions: list, cluster: str) -> dict[str, Any]:
    return {"id": id, "type": type, "name": name, "aliases": aliases, "mentions": mentions, "cluster": cluster}


def gold_records() -> list[dict[str, Any]]:
    a, b = "900", "901"
    return [
        {
            "doc_id": a,
            "entities": [
                _entity("e1", "PER", "Vladimir Putin", ["Putin"], [_mention(a, "Vladimir Putin"), _mention(a, "Putin", nth=1)], "putin"),
                _entity("e2", "GPE", "United States", [], [_mention(a, "United States")], "usa"),
                _entity("e3", "GPE", "Geneva", [], [_mention(a, "Geneva")], "geneva"),
                _entity("e4", "ORG", "NATO", [], [_mention(a, "NATO")], "nato"),
                _entity("e5", "ORG", "White House", [], [_mention(a, "The White House", "nominal")], "white-house"),
                _entity("e6", "GPE", "Russia", [], [_mention(a, "Russian")], "russia"),
            ],
            "events": [
                {"id": "v1", "type": "Meet", "trigger": _at(a, "talks"), "date": "2022-01-10", "location": "e3",
                 "participants": ["e2", "e6"], "modality": "planned", "cluster": "geneva-talks"},
                {"id": "v2", "type": "Join", "trigger": _at(a, "expand"), "date": None, "location": None,
                 "participants": ["e4"], "modality": "hypothetical", "cluster": "nato-expansion"},
            ],
            "claims": [
                {"id": "c1", "claimant": "e1", "cue": "said",
                 "content": "talks with the United States would begin on Jan. 10 in Geneva",
                 "span": _span(a, "talks with the United States would begin on Jan. 10 in Geneva"),
                 "quote": "indirect", "polarity": "affirm", "about": ["v1"], "cluster": "talks-announced"},
                {"id": "c2", "claimant": "e1", "cue": "warned", "content": "NATO must not expand",
                 "span": _span(a, "NATO must not expand"), "quote": "indirect", "polarity": "affirm",
                 "about": ["v2"], "cluster": "no-expansion"},
                {"id": "c3", "claimant": "e5", "cue": "confirmed", "content": "the talks",
                 "span": _span(a, "the talks."), "quote": "indirect", "polarity": "affirm",
                 "about": ["v1"], "cluster": "talks-confirmed"},
            ],
        },
        {
            "doc_id": b,
            "entities": [
                _entity("n", "ORG", "NATO", ["the alliance"], [_mention(b, "NATO"), _mention(b, "the alliance", "nominal")], "nato"),
                _entity("r", "GPE", "Russia", [], [_mention(b, "Russian")], "russia"),
                _entity("b", "GPE", "Brussels", [], [_mention(b, "Brussels")], "brussels"),
                _entity("u", "GPE", "United States", ["U.S."], [_mention(b, "U.S."), _mention(b, "they", "pronoun")], "usa"),
                _entity("g", "GPE", "Geneva", [], [_mention(b, "Geneva")], "geneva"),
            ],
            "events": [
                {"id": "m", "type": "Meet", "trigger": _at(b, "meet"), "date": "2022-01-12", "location": "b",
                 "participants": ["n", "r"], "modality": "planned", "cluster": "brussels-talks"},
                {"id": "t", "type": "Meet", "trigger": _at(b, "Talks"), "date": "2022-01-10", "location": "g",
                 "participants": ["u", "r"], "modality": "planned", "cluster": "geneva-talks"},
                {"id": "s", "type": "Sanction", "trigger": _at(b, "sanctions"), "date": None, "location": None,
                 "participants": ["u"], "modality": "hypothetical", "cluster": "sanctions"},
            ],
            "claims": [
                {"id": "k1", "claimant": "n", "cue": "said",
                 "content": "NATO will meet Russian officials on Jan. 12 in Brussels",
                 "span": _span(b, "NATO will meet Russian officials on Jan. 12 in Brussels"),
                 "quote": "indirect", "polarity": "affirm", "about": ["m"], "cluster": "brussels-announced"},
                {"id": "k3", "claimant": "u", "cue": "said", "content": "Talks in Geneva begin on Jan. 10",
                 "span": _span(b, "Talks in Geneva begin on Jan. 10"), "quote": "indirect", "polarity": "affirm",
                 "about": ["t"], "cluster": "talks-announced"},
                {"id": "k2", "claimant": "u", "cue": "denied", "content": "plans for sanctions",
                 "span": _span(b, "plans for sanctions"), "quote": "indirect", "polarity": "deny",
                 "about": ["s"], "cluster": "no-sanctions"},
            ],
        },
    ]


# the second claim span of 900 ends before the full stop
def _fix(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    span = records[0]["claims"][2]["span"]
    span["end"] -= 1
    return records


def document_records() -> list[dict[str, Any]]:
    return [
        {"doc_id": d, "seed_file": f"{d}_ab.txt", "outlet": "Fixture", "title": f"Fixture {d}",
         "published": "2021-12-27", "text": t, "sha256": hashlib.sha256(t.encode()).hexdigest(), "excluded": []}
        for d, t in TEXTS.items()
    ]


GOLD_RECORDS = _fix(gold_records())
GOLD = {r["doc_id"]: annotation_from_json(r) for r in GOLD_RECORDS}
DOCUMENTS = {r["doc_id"]: document_from_json(r) for r in document_records()}


def gold_copy() -> list[dict[str, Any]]:
    """A deep copy of the gold records, to edit into a submission."""
    return copy.deepcopy(GOLD_RECORDS)


def submission(records: list[dict[str, Any]], system: str = "fixture") -> dict[str, Any]:
    return {"meta": {"system": system}, "documents": records}


def write_dataset(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "documents.jsonl").write_text("".join(json.dumps(r) + "\n" for r in document_records()), encoding="utf-8")
    (folder / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in GOLD_RECORDS), encoding="utf-8")
    return folder
