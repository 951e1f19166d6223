"""Build data/documents.jsonl from seeds/ and seeds/manifest.json.

Deterministic: running it twice gives the same bytes, and `python -m benchmark
verify` checks that the committed file equals what this script would write.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.dataset.documents import build_document_records, write_jsonl  # noqa: E402
from benchmark.model.paths import DATA, DOCUMENTS_FILE, SEEDS  # noqa: E402

if __name__ == "__main__":
    records = build_document_records(SEEDS)
    write_jsonl(DATA / DOCUMENTS_FILE, records)
    print(f"wrote {len(records)} documents to {DATA / DOCUMENTS_FILE}")
