"""Regenerate the YAML front matter and statistics table of data/README.md."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.dataset.card import render_card  # noqa: E402
from benchmark.model.files import atomic_write  # noqa: E402
from benchmark.model.loading import load_documents, load_gold  # noqa: E402
from benchmark.model.paths import DATA, GOLD_FILE  # noqa: E402

if __name__ == "__main__":
    card = DATA / "README.md"
    documents, problems = load_documents(DATA)
    gold = None
    if (DATA / GOLD_FILE).is_file():
        gold, problems = load_gold(DATA, documents)
    if problems:
        sys.exit(f"fix the dataset first: {problems[0]}")
    configs = ("documents", "gold") if gold else ("documents",)
    atomic_write(card, render_card(card.read_text(encoding="utf-8"), configs, gold).encode("utf-8"))
    print(f"wrote {card}")
