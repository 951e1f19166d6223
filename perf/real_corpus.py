"""A large corpus built from the real gold, for whole-process measurements.

    python perf/real_corpus.py DIR --docs 4000 [--seed 0]

writes ``DIR/data/{documents,gold}.jsonl``: the shipped documents and gold
replicated under new doc ids (``000-000001`` ...), each replica of the five
documents with its own cluster namespace (``E:russia@3``), so that a
cross-document cluster spans one story's five documents however large the corpus
(copying the cluster ids into every replica made coreference superlinear); and
``DIR/submission.json``: a realistic, imperfect prediction of every replica,
derived from its gold with a seeded random perturbation (an object dropped 10 %
of the time, a mention dropped 10 % and shifted by one character 5 %, event types
and claim polarities changed 10 % and 5 %, 30 % of event dates removed, entity
names cut to their first word 10 %, a tenth of the cluster ids wrong, one
spurious entity per document), documents and objects in shuffled order; every
reference still resolves and every offset still matches, so it validates.
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVENT_TYPES = ["Meet", "Call", "Deploy", "Attack", "Annex", "Sanction", "Aid", "Enact", "Join", "Propose", "Exercise"]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _namespaced(record: dict[str, Any], replica: int) -> dict[str, Any]:
    record = copy.deepcopy(record)
    for key in ("entities", "events", "claims"):
        for obj in record[key]:
            obj["cluster"] = f"{obj['cluster']}@{replica}"
    return record


def _perturbed(gold: dict[str, Any], text: str, rng: random.Random) -> dict[str, Any]:
    """An imperfect prediction of one gold record that still validates."""
    record = copy.deepcopy(gold)
    for key in ("entities", "events", "claims"):
        record[key] = [o for o in record[key] if rng.random() >= 0.1]
    for entity in record["entities"]:
        mentions = []
        for mention in entity["mentions"]:
            roll = rng.random()
            if roll < 0.1:
                continue
            if roll < 0.15 and mention["end"] + 1 <= len(text):
                start, end = mention["start"] + 1, mention["end"] + 1
                mention = {**mention, "start": start, "end": end, "text": text[start:end]}
            mentions.append(mention)
        entity["mentions"] = mentions or entity["mentions"][:1]
        if rng.random() < 0.1:
            entity["name"] = entity["name"].split()[0]
    entities = {e["id"] for e in record["entities"]}
    events = {v["id"] for v in record["events"]}
    for event in record["events"]:
        if rng.random() < 0.1:
            event["type"] = rng.choice(EVENT_TYPES)
        if rng.random() < 0.3:
            event["date"] = None
        event["participants"] = [p for p in event["participants"] if p in entities]
        if event["location"] not in entities:
            event["location"] = None
    for claim in record["claims"]:
        if rng.random() < 0.05:
            claim["polarity"] = "deny" if claim["polarity"] == "affirm" else "affirm"
        if claim["claimant"] not in entities:
            claim["claimant"] = None
        claim["about"] = [a for a in claim["about"] if a in events]
    for key in ("entities", "events", "claims"):
        for obj in record[key]:
            if rng.random() < 0.1:
                obj["cluster"] = f"wrong-{rng.randrange(10**6)}"
        rng.shuffle(record[key])
    if record["entities"]:
        source = rng.choice(record["entities"])
        record["entities"].append({**source, "id": "spurious", "cluster": "spurious", "mentions": source["mentions"][:1]})
    return record


def build(folder: Path, count: int, seed: int = 0) -> Path:
    """Write the corpus of ``count`` documents under ``folder``; return the submission's path."""
    rng = random.Random(seed)
    documents = _lines(ROOT / "data" / "documents.jsonl")
    gold = {r["doc_id"]: r for r in _lines(ROOT / "data" / "gold.jsonl")}
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    predicted = []
    with open(data / "documents.jsonl", "w", encoding="utf-8") as d_out, open(data / "gold.jsonl", "w", encoding="utf-8") as g_out:
        for i in range(count):
            source = documents[i % len(documents)]
            doc_id = f"{source['doc_id']}-{i:06d}"
            d_out.write(json.dumps({**source, "doc_id": doc_id}, ensure_ascii=False) + "\n")
            record = {**_namespaced(gold[source["doc_id"]], i // len(documents)), "doc_id": doc_id}
            g_out.write(json.dumps(record, ensure_ascii=False) + "\n")
            predicted.append(_perturbed(record, source["text"], rng))
    rng.shuffle(predicted)
    submission = folder / "submission.json"
    meta = {"system": "perturbed-gold-replica"}
    submission.write_text(json.dumps({"meta": meta, "documents": predicted}, ensure_ascii=False), encoding="utf-8")
    return submission


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(build(args.folder, args.docs, args.seed))


if __name__ == "__main__":
    main()
