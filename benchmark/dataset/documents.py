"""Documents built from the seed articles and their manifest.

The manifest gives each article's metadata and the regions outside the
article proper as ``from``/``through`` strings; offsets are computed here, from
the exact text, never written by hand.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

from benchmark.model.files import atomic_write
from benchmark.model.problems import BenchmarkError

MANIFEST = "manifest.json"


class ManifestError(BenchmarkError, ValueError):
    pass


def locate(text: str, start_marker: str, end_marker: str) -> tuple[int, int]:
    start = text.find(start_marker)
    if start < 0:
        raise ManifestError(f"{start_marker!r} not found")
    end = text.find(end_marker, start)
    if end < 0:
        raise ManifestError(f"{end_marker!r} not found after {start_marker!r}")
    return start, end + len(end_marker)


def read_manifest(seeds: Path) -> list[dict[str, Any]]:
    with open(seeds / MANIFEST, encoding="utf-8") as handle:
        return json.load(handle)["documents"]


def build_document_records(seeds: Path) -> list[dict[str, Any]]:
    records = []
    for entry in read_manifest(seeds):
        raw = (seeds / entry["seed_file"]).read_bytes()
        text = raw.decode("utf-8")
        excluded = []
        for region in entry["excluded"]:
            start, end = locate(text, region["from"], region["through"])
            excluded.append({"start": start, "end": end, "reason": region["reason"]})
        records.append(
            {
                "doc_id": entry["doc_id"],
                "seed_file": entry["seed_file"],
                "outlet": entry["outlet"],
                "title": entry["title"],
                "published": entry["published"],
                "text": text,
                "sha256": hashlib.sha256(raw).hexdigest(),
                "excluded": sorted(excluded, key=lambda x: x["start"]),
            }
        )
    return records


def jsonl_bytes(records: Iterable[Any]) -> bytes:
    lines = [json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_jsonl(path: Path, records: Iterable[Any]) -> None:
    atomic_write(path, jsonl_bytes(records))
