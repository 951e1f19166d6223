"""``python -m baselines.empty``: every document, no objects — the floor (scores 0)."""

from __future__ import annotations

import sys
from typing import Sequence

from baselines.common import documents, main_guard, run_baseline

NAME = "empty"
DESCRIPTION = "Sanity row: every document with no entities, events or claims. Must score 0."


def records(gold: str) -> list[dict]:
    return [{"doc_id": d.doc_id, "entities": [], "events": [], "claims": []} for d in documents(gold)]


def run(argv: Sequence[str] | None = None) -> int:
    return run_baseline(NAME, DESCRIPTION, records, argv)


if __name__ == "__main__":
    sys.exit(main_guard(run))
