"""Build a split's gold.jsonl from its annotation sources in DATA/annotation/*.json.

The resolver lives in the package (``benchmark/dataset/gold_sources.py``, which
documents the string specs), shipped as ``python -m benchmark build-gold``; this
script is its checkout entry point.

Usage: python scripts/build_gold.py [--data DIR] [--check]
  --data: the split's folder (default data/, the test split; data/dev for the dev split):
          sources DIR/annotation/*.json, text DIR/documents.jsonl, output DIR/gold.jsonl.
  --check: exit 1 if DIR/gold.jsonl differs from what would be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmark.dataset.gold_sources import AnnotationError, build_record, load_documents, render  # noqa: E402

DATA = ROOT / "data"
__all__ = ["AnnotationError", "build_record", "load_documents", "render", "main"]


def main(argv: list[str]) -> int:
    data = DATA
    if "--data" in argv:
        data = Path(argv[argv.index("--data") + 1]).resolve()
    gold = data / "gold.jsonl"
    try:
        content = render(data)
    except AnnotationError as exc:
        print(f"build_gold: {exc}", file=sys.stderr)
        return 1
    if "--check" in argv:
        current = gold.read_text(encoding="utf-8") if gold.exists() else ""
        if current != content:
            print(f"build_gold: {gold} is out of date; run python scripts/build_gold.py", file=sys.stderr)
            return 1
        return 0
    gold.write_text(content, encoding="utf-8")
    print(f"wrote {gold} ({content.count(chr(10))} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
