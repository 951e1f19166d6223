"""``python -m baselines.oracle``: the gold annotation as a submission — the ceiling (scores 1.0).

Records are copied from ``gold.jsonl`` verbatim (every field, offsets and
clusters included), in doc_id order; a gold file that does not load cleanly is
an error rather than a silently partial ceiling.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from benchmark.model.jsonio import read_jsonl
from benchmark.model.loading import load_split
from benchmark.model.paths import GOLD_FILE

from baselines.common import BaselineError, main_guard, run_baseline

NAME = "oracle"
DESCRIPTION = "Sanity row: the gold annotation itself, submitted as a system. Must score 1.0."
FIELDS = ("doc_id", "entities", "events", "claims")


def records(gold: str) -> list[dict]:
    folder = Path(gold)
    path = folder / GOLD_FILE
    if not path.is_file():
        raise BaselineError(f"{path}: no such file (the gold annotation is needed for the oracle)")
    problems = load_split(folder).problems
    if problems:
        raise BaselineError(f"{problems[0]} (run `python -m benchmark verify`)")
    raw, found = read_jsonl(path)
    if found:
        raise BaselineError(str(found[0]))
    return sorted(({k: r[k] for k in FIELDS if k in r} for r in raw), key=lambda r: r["doc_id"])


def run(argv: Sequence[str] | None = None) -> int:
    return run_baseline(NAME, DESCRIPTION, records, argv)


if __name__ == "__main__":
    sys.exit(main_guard(run))
