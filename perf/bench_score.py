"""Throughput of validate, score and bootstrap on synthetic data, and nervaluate
on the entity-mention subset of the same data.

    python perf/bench_score.py [--docs 1000 10000] [--seed 0]

Synthetic documents have realistic sizes (~3,000 characters; ~25 entities with
~3 mentions each, ~10 events, ~15 claims) and the submission has controlled noise
(dropped, retyped, renamed, shifted and truncated objects, spurious ones). Runs on
one core (BLAS threads pinned to 1). Timings are printed, never asserted.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.scoring import bootstrap  # noqa: E402
from benchmark.model.loading import annotation_from_json, submission_from_json  # noqa: E402
from benchmark.model.records import Document  # noqa: E402
from benchmark.scoring.score import score  # noqa: E402
from benchmark.model.validation import submission_problems  # noqa: E402

TYPES = ["PER", "ORG", "GPE", "LOC", "FAC"]
EVENTS = ["Meet", "Call", "Deploy", "Attack", "Sanction", "Aid", "Propose"]
VOCAB = [f"w{i}" for i in range(2000)]
NAMES = [f"Name{i}" for i in range(300)]
TRIGGERS = [f"trig{i}" for i in range(50)]
CUES = ["said", "warned", "told", "confirmed", "denied"]


def make_document(doc_id: str, rng: random.Random) -> tuple[dict, dict]:
    """One synthetic document record and its gold record."""
    words = [rng.choice(VOCAB) for _ in range(500)]
    free = list(range(500))
    rng.shuffle(free)
    entities, events, claims = [], [], []
    used_names = rng.sample(NAMES, 25)
    placed: list[tuple[int, str, int]] = []  # (word index, word, owner)
    for i, name in enumerate(used_names):
        for _ in range(rng.randint(1, 5)):
            placed.append((free.pop(), name, i))
    for j in range(10):
        placed.append((free.pop(), rng.choice(TRIGGERS), -1 - j))
    for index, word, _ in placed:
        words[index] = word
    starts, position = [], 0
    for w in words:
        starts.append(position)
        position += len(w) + 1
    text = " ".join(words)
    span_of = lambda a, b: (starts[a], starts[b - 1] + len(words[b - 1]))  # noqa: E731
    for i, name in enumerate(used_names):
        mentions = [{"start": starts[x], "end": starts[x] + len(name), "text": name, "kind": "name"}
                    for x, _, owner in placed if owner == i]
        entities.append({"id": f"e{i}", "type": rng.choice(TYPES), "name": name, "aliases": [],
                         "mentions": mentions, "cluster": name})
    for j in range(10):
        x = next(x for x, _, owner in placed if owner == -1 - j)
        events.append({"id": f"v{j}", "type": rng.choice(EVENTS),
                       "trigger": {"start": starts[x], "end": starts[x] + len(words[x]), "text": words[x]},
                       "date": rng.choice([None, "2022-01-10", "2022-01-12", "2022"]),
                       "location": rng.choice([None, f"e{rng.randrange(25)}"]),
                       "participants": [f"e{k}" for k in rng.sample(range(25), rng.randint(1, 3))],
                       "modality": rng.choice(["actual", "planned", "hypothetical"]),
                       "cluster": f"event{rng.randrange(40)}"})
    for k in range(15):
        a = rng.randrange(0, 480)
        b = a + rng.randint(6, 15)
        start, end = span_of(a, b)
        claims.append({"id": f"c{k}", "claimant": f"e{rng.randrange(25)}", "cue": rng.choice(CUES),
                       "content": text[start:end], "span": {"start": start, "end": end},
                       "quote": rng.choice(["direct", "indirect"]), "polarity": rng.choice(["affirm", "deny"]),
                       "about": [f"v{e}" for e in rng.sample(range(10), rng.randint(0, 2))],
                       "cluster": f"claim{rng.randrange(60)}"})
    document = {"doc_id": doc_id, "text": text}
    return document, {"doc_id": doc_id, "entities": entities, "events": events, "claims": claims}


def noisy(gold: dict, text: str, rng: random.Random) -> dict:
    """A prediction: 10% dropped, 10% retyped, names lower-cased, mentions shifted,
    content truncated, 5% spurious; ids renamed."""
    def keep(items):
        return [dict(o) for o in items if rng.random() > 0.1]

    entities, events, claims = keep(gold["entities"]), keep(gold["events"]), keep(gold["claims"])
    ids = {o["id"] for o in entities + events}
    for e in entities:
        if rng.random() < 0.1:
            e["type"] = rng.choice(TYPES)
        if rng.random() < 0.2:
            e["name"] = e["name"].lower()
        mentions = []
        for m in e["mentions"]:
            if rng.random() < 0.1 and m["start"] > 0:
                m = {**m, "start": m["start"] - 1, "text": text[m["start"] - 1 : m["end"]]}
            mentions.append(m)
        e["mentions"] = mentions
    for v in events:
        if rng.random() < 0.1:
            v["type"] = rng.choice(EVENTS)
        v["participants"] = [p for p in v["participants"] if p in ids]
        v["location"] = v["location"] if v["location"] in ids else None
    for c in claims:
        if rng.random() < 0.3:
            cut = c["content"].rsplit(" ", 2)[0]
            c["content"] = cut
            c["span"] = {"start": c["span"]["start"], "end": c["span"]["start"] + len(cut)}
        c["claimant"] = c["claimant"] if c["claimant"] in ids else None
        c["about"] = [a for a in c["about"] if a in ids]
    for n in range(rng.randint(0, 3)):
        entities.append({"id": f"x{n}", "name": rng.choice(NAMES), "type": rng.choice(TYPES)})
    rename = lambda i: "p" + i  # noqa: E731
    for e in entities:
        e["id"] = rename(e["id"])
    for v in events:
        v["id"] = rename(v["id"])
        v["participants"] = [rename(p) for p in v["participants"]]
        v["location"] = rename(v["location"]) if v["location"] else None
    for c in claims:
        c["id"] = rename(c["id"])
        c["claimant"] = rename(c["claimant"]) if c["claimant"] else None
        c["about"] = [rename(a) for a in c["about"]]
    return {"doc_id": gold["doc_id"], "entities": entities, "events": events, "claims": claims}


def dataset(n: int, seed: int):
    rng = random.Random(seed)
    documents, gold, predicted = {}, {}, []
    for i in range(n):
        doc_id = f"{i:06d}"
        document, record = make_document(doc_id, rng)
        documents[doc_id] = Document(doc_id, f"{i % 1000:03d}_00.txt", "synthetic", doc_id, "2021-12-27",
                                     document["text"], "0" * 64)
        gold[doc_id] = record
        predicted.append(noisy(record, document["text"], rng))
    return documents, gold, {"meta": {"system": "synthetic"}, "documents": predicted}


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def nervaluate_time(gold: dict, value: dict) -> float:
    from nervaluate import Evaluator

    def spans(records):
        return [[{"label": e.get("type") or "X", "start": m["start"], "end": m["end"] - 1}
                 for e in r["entities"] for m in sorted(e.get("mentions") or [], key=lambda m: m["start"])]
                for r in records]

    true = spans([gold[d] for d in sorted(gold)])
    pred = spans(sorted(value["documents"], key=lambda r: r["doc_id"]))
    _, seconds = timed(lambda: Evaluator(true, pred, tags=TYPES).evaluate())
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-nervaluate", action="store_true")
    parser.add_argument("--validate-docs", type=int, default=1000, help="validate at most this many documents (time extrapolated)")
    args = parser.parse_args()
    score_seconds = {}
    for n in args.docs:
        documents, gold_json, value = dataset(n, args.seed)
        gold = {d: annotation_from_json(r) for d, r in gold_json.items()}
        objects = sum(len(r["entities"]) + len(r["events"]) + len(r["claims"]) for r in gold_json.values())
        mentions = sum(len(e["mentions"]) for r in gold_json.values() for e in r["entities"])
        print(f"{n} documents: {objects / n:.1f} gold objects and {mentions / n:.1f} mentions per document")
        sample = {"meta": value["meta"], "documents": value["documents"][: args.validate_docs]}
        known = {d: documents[d] for d in list(documents)[: args.validate_docs]}
        (problems, _), t_validate = timed(lambda: submission_problems(sample, known, "synthetic.json"))
        assert not problems, problems[:3]
        t_validate *= n / len(sample["documents"])  # extrapolated when only a sample is validated
        submission, t_load = timed(lambda: submission_from_json(value, "synthetic.json", "", []))
        print(f"  validate {n / t_validate:10,.0f} documents/s  ({t_validate:.2f} s; + convert {t_load:.2f} s)")
        for mode in ("lenient", "strict"):
            report, t_score = timed(lambda: score(gold, submission, mode, resamples=0))
            score_seconds[(n, mode)] = t_score
            print(f"  score {mode:8}{n / t_score:9,.0f} documents/s  ({t_score:.2f} s; headline {report.headline:.4f})")
        per_doc = report.documents.array
        _, t_boot = timed(lambda: [bootstrap.interval(bootstrap.headline(
            bootstrap.resampled_totals(per_doc, bootstrap.RESAMPLES, bootstrap.SEED)))])
        print(f"  bootstrap {bootstrap.RESAMPLES} resamples over {n} documents: {t_boot:.3f} s "
              f"({n * bootstrap.RESAMPLES / t_boot:,.0f} document-resamples/s)")
        if not args.no_nervaluate:
            t_ner = nervaluate_time(gold_json, value)
            print(f"  nervaluate, entity mentions only: {n / t_ner:9,.0f} documents/s  ({t_ner:.2f} s; "
                  f"full lenient scoring is {t_ner / score_seconds[(n, 'lenient')]:.1f}x as fast)")
    sizes = sorted(args.docs)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = score_seconds[(large, "lenient")] / score_seconds[(small, "lenient")]
        print(f"lenient scoring time {large} / {small} documents: {ratio:.2f} (linear: {large / small:g})")


if __name__ == "__main__":
    main()
