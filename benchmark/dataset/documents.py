"""Documents built from the seed articles and their manifest.

The manifest gives each article's metadata and the regions outside the
article proper as ``from``/``through`` strings; offsets are computed here, from
the exact text, never written by hand.

``manifest.json`` is ``{"description": ..., "documents": [ENTRY, ...]}``, one
ENTRY per seed file (:data:`MANIFEST_FIELDS`): ``doc_id``; ``seed_file``, the
article's file name beside the manifest (UTF-8 text, used byte for byte);
``sha256`` (optional), the SHA-256 (lower-case hex) of that file's raw bytes,
which pins the seed: ``verify`` checks the file against it (without it, ``verify``
says the seed is not pinned); the document's ``sha256`` in ``documents.jsonl``
is always this hash, computed from the file, and equals the hash of its ``text``
encoded as UTF-8; ``outlet``, ``title``; ``published`` (YYYY-MM-DD);
``excluded``, the regions outside the article proper, each ``{"from": TEXT,
"through": TEXT, "reason": "chrome"|"credit"}`` (from the first occurrence of
``from`` through the end of the first ``through`` after it). Other keys (the
shipped manifest's ``*_evidence`` notes) are allowed and ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Iterable

from benchmark.model.files import atomic_write
from benchmark.model.problems import BenchmarkError

MANIFEST = "manifest.json"
MANIFEST_FIELDS = {"doc_id": str, "seed_file": str, "outlet": str, "title": str, "published": str, "excluded": list}
OPTIONAL_FIELDS = {"sha256": str}
"""The fields of a manifest entry and their JSON types (the module docstring says what each holds)."""
REGION_FIELDS = ("from", "through", "reason")


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


def manifest_problems(value: Any) -> list[tuple[str, str]]:
    """(JSON pointer, message) for each way ``value`` is not a manifest."""
    if not isinstance(value, dict) or not isinstance(value.get("documents"), list):
        return [("/", 'not {"documents": [ENTRY, ...]}')]
    found = []
    for index, entry in enumerate(value["documents"]):
        if not isinstance(entry, dict):
            found.append((f"/documents/{index}", "not an object"))
            continue
        for key, kind in MANIFEST_FIELDS.items():
            if not isinstance(entry.get(key), kind):
                found.append((f"/documents/{index}/{key}", f"missing or not a {'string' if kind is str else 'list'}"))
        if "sha256" in entry and not isinstance(entry["sha256"], str):
            found.append((f"/documents/{index}/sha256", "not a string"))
        if isinstance(entry.get("sha256"), str) and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]) is None:
            found.append((f"/documents/{index}/sha256", "not a SHA-256 in lower-case hex (64 characters)"))
        if isinstance(entry.get("published"), str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", entry["published"]) is None:
            found.append((f"/documents/{index}/published", "not a date YYYY-MM-DD"))
        regions = entry.get("excluded")
        for r, region in enumerate(regions if isinstance(regions, list) else []):
            if not isinstance(region, dict) or not all(isinstance(region.get(k), str) and region.get(k) for k in REGION_FIELDS):
                found.append((f"/documents/{index}/excluded/{r}", f"not {{{', '.join(REGION_FIELDS)}}} (non-empty strings)"))
    return found


def read_manifest(seeds: Path) -> list[dict[str, Any]]:
    """The manifest's entries; a malformed manifest raises ManifestError naming
    its first problem."""
    with open(seeds / MANIFEST, encoding="utf-8") as handle:
        value = json.load(handle)
    problems = manifest_problems(value)
    if problems:
        raise ManifestError(f"{problems[0][0]}: {problems[0][1]}")
    documents: list[dict[str, Any]] = value["documents"]
    return documents


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
                **({"story": entry["story"]} if entry.get("story") else {}),
            }
        )
    return records


def jsonl_bytes(records: Iterable[Any]) -> bytes:
    lines = [json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_jsonl(path: Path, records: Iterable[Any]) -> None:
    atomic_write(path, jsonl_bytes(records))
