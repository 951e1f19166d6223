"""Shared test helpers: run the CLI in-process and build submissions."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from benchmark.cli import main
from benchmark.model.loading import load_documents

DOCUMENTS, _ = load_documents()
DOC_IDS = sorted(DOCUMENTS)


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def empty_submission(**meta: Any) -> dict[str, Any]:
    return {"meta": {"system": "test", **meta}, "documents": [{"doc_id": d} for d in DOC_IDS]}


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def span_of(doc_id: str, needle: str) -> dict[str, Any]:
    text = DOCUMENTS[doc_id].text
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}
