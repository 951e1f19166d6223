"""Build an independent second annotation (submission format) from its sources.

    python scripts/build_second_annotation.py c      # data/agreement/annotator_c/*.json -> annotator_c.json

The sources use the exact-string format of the gold's sources (scripts/build_gold.py,
whose resolver is reused, so both are built by one implementation); offsets are never
typed. The output is the annotation as the annotator handed it in, with a ``meta``
block saying who made it, and is frozen: adjudication never edits it.
"""

from __future__ import annotations

import importlib.util
import json
from typing import NamedTuple
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = ROOT / "data" / "agreement"

CLAUDE = "an AI model session (not a human): Claude (Anthropic), a fresh session that had not seen the gold"


class Round(NamedTuple):
    """One round of independent annotation: when, from which guidelines, with which examples."""

    date: str
    guidelines: str
    examples: str


ROUNDS = {
    # as of commit c3fcb29, before guidelines-v2 (docs/agreement.md)
    "cd": Round("2026-11-30", "the system-facing guidelines (docs/guidelines.md)", "the fictional dev split"),
    "ef": Round("2026-12-08", "the frozen guidelines-v2 (docs/guidelines.md, sha256 "
                "33c28211ca9f970a1ed0067853222f335e4b8dc8a3072e27beeee025dd8448e6)",
                "the fictional dev split (three worked examples)"),
    "gh": Round("2026-12-08", "guidelines-v3 (docs/guidelines.md, sha256 "
                "c278c77839183e92f55667bd422d6b7d5e1003b2ccd271ceeaf318fc9e05eeb0)",
                "three worked dev examples (the blind-written dev-004..006)"),
}
ROUND = {letter: r for letters, r in ROUNDS.items() for letter in letters}
ANNOTATORS = {letter: r.date for letter, r in ROUND.items()}

MODEL = {
    "c": "an AI model session (not a human)",
    "d": "an AI model session (not a human)",
    "e": f"{CLAUDE}, C, D or the adjudication",
    "f": f"{CLAUDE}, C, D, E or the adjudication",
    "g": f"{CLAUDE} or any other annotation",
    "h": f"{CLAUDE} or any other annotation",
}


def _build_gold():
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "scripts" / "build_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def meta(letter: str) -> dict[str, str]:
    return {
        "system": f"annotator-{letter}",
        "version": "1",
        "description": (
            f"Second annotation by annotator {letter.upper()}: {MODEL[letter]} that read only "
            f"{ROUND[letter].guidelines}, the JSON Schemas, the five articles and {ROUND[letter].examples}, in an isolated folder "
            "without the gold, docs/decisions.md or any earlier annotation; frozen as handed in, before "
            "adjudication (docs/agreement.md)"
        ),
        "date": ANNOTATORS[letter],
    }


def render(letter: str) -> str:
    builder = _build_gold()
    docs = builder.load_documents()
    records = []
    for path in sorted((AGREEMENT / f"annotator_{letter}").glob("*.json")):
        source = json.loads(path.read_text(encoding="utf-8"))
        records.append(builder.build_record(docs[source["doc_id"]], source))
    records.sort(key=lambda r: r["doc_id"])
    return json.dumps({"meta": meta(letter), "documents": records}, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    letters = argv or sorted(ANNOTATORS)
    for letter in letters:
        if letter not in ANNOTATORS:
            print(f"unknown annotator {letter!r} (known: {', '.join(sorted(ANNOTATORS))})", file=sys.stderr)
            return 2
        out = AGREEMENT / f"annotator_{letter}.json"
        out.write_text(render(letter), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
