"""Helpers shared by the baselines: arguments, documents, sentences, writing.

A baseline turns each :class:`~benchmark.model.Document` into a plain JSON
record (``{"doc_id", "entities", "events", "claims"}``) and hands the records to
:func:`write_submission`, which writes them atomically and byte-reproducibly.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from benchmark.model.files import atomic_write
from benchmark.model.loading import load_documents
from benchmark.model.records import Document
from benchmark.model.paths import DATA

VERSION = "0.1.0"
# A fixed date (the baselines' release), never today's: outputs are byte-reproducible.
RELEASE_DATE = "2026-11-22"
URL = "baselines/README.md"  # in this repository


class BaselineError(Exception):
    """A problem the command line reports in one line (exit 2)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document's article proper: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str


def parser(name: str, description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"python -m baselines.{name}", description=description)
    p.add_argument("--out", metavar="FILE", required=True, help="where to write the submission JSON")
    p.add_argument("--data", metavar="DIR", default=str(DATA),
                   help="dataset folder holding documents.jsonl (default: the shipped data/)")
    p.add_argument("--gold", dest="data", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS)  # the older name
    return p


def documents(folder: str | Path) -> list[Document]:
    """The dataset's documents in doc_id order; a broken folder raises BaselineError."""
    path = Path(folder)
    if not (path / "documents.jsonl").is_file():
        raise BaselineError(f"{path}: no documents.jsonl in this folder")
    docs, problems = load_documents(path)
    if problems:
        raise BaselineError(str(problems[0]))
    return [docs[k] for k in sorted(docs)]


def meta(system: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"system": system, "version": VERSION, "description": description, "url": URL,
            "date": RELEASE_DATE, **extra}


def submission_bytes(meta_: Mapping[str, Any], records: Sequence[Mapping[str, Any]]) -> bytes:
    value = {"meta": dict(meta_), "documents": list(records)}
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_submission(path: str | Path, meta_: Mapping[str, Any], records: Sequence[Mapping[str, Any]]) -> None:
    atomic_write(Path(path), submission_bytes(meta_, records))


def run_baseline(name: str, description: str, records: Callable[[str], Sequence[Mapping[str, Any]]],
                 argv: Sequence[str] | None = None, extra: Mapping[str, Any] | None = None) -> int:
    """The command line of a baseline without options of its own: ``--out FILE
    [--data DIR]``, records computed from the dataset folder, written atomically."""
    args = parser(name, description).parse_args(argv)
    write_submission(args.out, meta(name, description, **(extra or {})), records(args.data))
    return 0


def main_guard(run: Any, argv: Sequence[str] | None = None) -> int:
    """Run ``run(argv)``; a BaselineError becomes a one-line message and exit 2."""
    try:
        return run(argv)
    except BaselineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


# --- text -----------------------------------------------------------------

_BOUNDARY = re.compile(r"\n+|(?<=[.!?])\s+(?=[\"“‘'(]?[A-Z•])|(?<=[.!?][\"”’'])\s+")
_ABBREVIATIONS = ("U.S.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "Mr.", "Mrs.", "Dr.", "St.")


def in_scope_pieces(document: Document) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of the text outside every excluded region."""
    pieces, at = [], 0
    for region in sorted(document.excluded, key=lambda x: x.start):
        if region.start > at:
            pieces.append((at, region.start))
        at = max(at, region.end)
    if at < len(document.text):
        pieces.append((at, len(document.text)))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "•"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(document: Document) -> list[Sentence]:
    """Sentences of the article proper (excluded regions skipped), in order."""
    text, found = document.text, []
    for lo, hi in in_scope_pieces(document):
        start = lo
        for match in _BOUNDARY.finditer(text, lo, hi):
            before = text[start:match.start()]
            if match.group().strip() == "" and "\n" not in match.group() and before.endswith(_ABBREVIATIONS):
                continue
            found.append(_strip(text, start, match.start()))
            start = match.end()
        found.append(_strip(text, start, hi))
    return [Sentence(s, e, text[s:e]) for s, e in found if e > s]


def slug(text: str) -> str:
    """A normalised key: NFKC, case-folded, non-alphanumerics to single dashes."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace(".", "")
    return re.sub(r"[^0-9a-z]+", "-", folded).strip("-") or "x"


def records_in_order(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return sorted(records, key=lambda r: r["doc_id"])
