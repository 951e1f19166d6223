"""Reproduce the inter-annotator agreement tables: ``python scripts/agreement.py``.

Scores every pair of benchmark.dataset.agreement.PAIRS (the gold, the gold before
its revision, and the independent annotations of annotators C and D in
data/agreement/) in both modes, and writes the tables into docs/agreement.md and
the dataset card, between the agreement markers.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.dataset.agreement import AgreementError, markdown_tables, measured, replace_block  # noqa: E402
from benchmark.model.files import atomic_write  # noqa: E402
from benchmark.model.paths import DATA, ROOT  # noqa: E402

TARGETS = (ROOT / "docs" / "agreement.md", DATA / "README.md")


def main() -> int:
    try:
        block = markdown_tables(measured())
        texts = {path: replace_block(path.read_text(encoding="utf-8"), block) for path in TARGETS}
    except AgreementError as error:
        print(f"agreement: {error}", file=sys.stderr)
        return 1
    for path, text in texts.items():
        atomic_write(path, text.encode("utf-8"))
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
