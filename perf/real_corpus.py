"""A large corpus built from the real gold, for whole-process measurements.

    python perf/real_corpus.py DIR --docs 4000 [--seed 0]

writes ``DIR/data/{documents,gold}.jsonl`` (the shipped documents and gold
replicated under new doc ids, ``000-000001`` ...) and ``DIR/submission.json``: the
gold of every replica as the prediction, documents and objects in shuffled order,
and 30 % of the event dates removed. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


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
            record = {**gold[source["doc_id"]], "doc_id": doc_id}
            g_out.write(json.dumps(record, ensure_ascii=False) + "\n")
            prediction = copy.deepcopy(record)
            for key in ("entities", "events", "claims"):
                rng.shuffle(prediction[key])
            for event in prediction["events"]:
                if rng.random() < 0.3:
                    event["date"] = None
            predicted.append(prediction)
    rng.shuffle(predicted)
    submission = folder / "submission.json"
    submission.write_text(json.dumps({"meta": {"system": "gold-replica"}, "documents": predicted}, ensure_ascii=False), encoding="utf-8")
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
