"""Where the repository's data lives. The benchmark runs from a checkout
(``pip install -e .``), so the data sits beside the package."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("BENCHMARK_ROOT", Path(__file__).resolve().parents[2]))
SEEDS = ROOT / "seeds"
DATA = ROOT / "data"
SCHEMA = ROOT / "schema"
SUBMISSIONS = ROOT / "submissions"
LEADERBOARD = ROOT / "leaderboard"

DOCUMENTS_FILE = "documents.jsonl"
GOLD_FILE = "gold.jsonl"
