"""``python -m baselines.text_blind``: guesses without reading — a floor row.

Per document it submits the same objects, whatever the article says: one event
of every type the guesser expects (no trigger, no date, no participants), a few
entities named with frequent pronouns, and no claims (a claim aligns only on its
content, which cannot be guessed). Nothing of the document but its id is used.

Without ``--dev`` the guesses come from the schema alone: every event type with
modality ``actual``, and pronoun entities typed by what the pronoun usually
stands for. With ``--dev PATH`` (an annotated gold JSONL of other documents, not
the test documents) it takes from there the event types present in at least
half of the documents, each type's most frequent modality, and the most
frequent pronoun mention texts with their most frequent entity type.

Its score is what guessing earns under the scorer's rules; every real system
should be far above it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from benchmark.leaderboard.sanity import MODALITY as _MODALITY, PRONOUNS, schema_guess
from benchmark.model.schemas import load

from baselines.common import BaselineError, documents, main_guard, meta, parser, write_submission

NAME = "text-blind"
DESCRIPTION = ("Floor row: guesses from the schema alone, without reading the article (one event of each type, "
               "no trigger; entities named with frequent pronouns; no claims). Shows what guessing earns.")

MODALITY = _MODALITY.value
"""Schema-only guess of every event's modality; the guesses are declared once, in
``benchmark.leaderboard.sanity`` (the leaderboard generates this row when absent)."""


def _enum(name: str) -> list[str]:
    return list(load("common")["$defs"][name]["enum"])


def dev_guess(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The same guesses from the frequencies of an annotated dev split."""
    if not path.is_file():
        raise BaselineError(f"{path}: no such file (the dev gold for --dev)")
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise BaselineError(f"{path}: line {number}: {error.msg}") from None
    if not records:
        raise BaselineError(f"{path}: no documents")
    present: Counter[str] = Counter()
    modality: dict[str, Counter[str]] = {}
    pronoun: dict[str, Counter[str]] = {}
    for record in records:
        present.update({e.get("type") for e in record.get("events", ()) if e.get("type")})
        for event in record.get("events", ()):
            if event.get("type") and event.get("modality"):
                modality.setdefault(event["type"], Counter())[event["modality"]] += 1
        for entity in record.get("entities", ()):
            for mention in entity.get("mentions", ()):
                if mention.get("kind") == "pronoun" and entity.get("type"):
                    pronoun.setdefault(mention["text"].casefold(), Counter())[entity["type"]] += 1
    half = len(records) / 2
    events = [(t, modality.get(t, Counter({MODALITY: 1})).most_common(1)[0][0])
              for t in _enum("eventType") if present[t] >= half]
    ranked = sorted(pronoun.items(), key=lambda item: (-sum(item[1].values()), item[0]))[:len(PRONOUNS)]
    entities = [(text, types.most_common(1)[0][0]) for text, types in ranked]
    return events, entities


def records(gold: str, dev: str | None = None) -> list[dict[str, Any]]:
    events, entities = dev_guess(Path(dev)) if dev else schema_guess()
    guess_entities = [{"id": f"e{i}", "type": kind, "name": text} for i, (text, kind) in enumerate(entities, 1)]
    guess_events = [{"id": f"v{i}", "type": kind, "modality": modality} for i, (kind, modality) in enumerate(events, 1)]
    return [{"doc_id": d.doc_id, "entities": guess_entities, "events": guess_events, "claims": []}
            for d in documents(gold)]


def run(argv: Sequence[str] | None = None) -> int:
    p = parser("text_blind", DESCRIPTION)
    p.add_argument("--dev", metavar="PATH", help="annotated dev gold JSONL to take frequencies from "
                                                 "(default: the schema alone)")
    args = p.parse_args(argv)
    write_submission(args.out, meta(NAME, DESCRIPTION, guesses="dev" if args.dev else "schema"),
                     records(args.data, args.dev))
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(run))
