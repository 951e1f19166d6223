"""Build a split's documents.jsonl from its articles and their manifest.json.

    python scripts/build_documents.py                                     # test: seeds/ -> data/
    python scripts/build_documents.py --seeds data/dev/articles --data data/dev   # the dev split

Deterministic: running it twice gives the same bytes, and `python -m benchmark
verify` (with the same --seeds/--data) checks that the committed file equals what
this script would write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.dataset.documents import build_document_records, write_jsonl  # noqa: E402
from benchmark.model.paths import DATA, DOCUMENTS_FILE, SEEDS  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="articles and manifest.json (default: seeds/)")
    parser.add_argument("--data", type=Path, default=DATA, help="where documents.jsonl goes (default: data/)")
    args = parser.parse_args()
    records = build_document_records(args.seeds)
    write_jsonl(args.data / DOCUMENTS_FILE, records)
    print(f"wrote {len(records)} documents to {args.data / DOCUMENTS_FILE}")
