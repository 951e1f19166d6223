"""The prompt and the ``response_format`` for one document.

The JSON Schema is the submission's per-document schema (bundled, so it is
self-contained): the same definitions the validator uses, so the two cannot
drift. The instructions are the annotation guidelines (``docs/guidelines.md``,
read at run time when present) and the field descriptions of that schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmark.model import schemas
from benchmark.model.records import Document
from benchmark.model.paths import GUIDELINES

SCHEMA_NAME = "document_annotation"

SYSTEM = """You are an expert annotator for an information-extraction benchmark of news articles.
Annotate ONE article with its ENTITIES, EVENTS and CLAIMS and answer with a single JSON object
that follows the given JSON Schema exactly. Rules:
- Annotate only the article proper (headline, body, captions); ignore the excluded regions listed.
- Copy every text field (mention text, trigger text, claim content, cue) verbatim from the article.
- Offsets are Python string indices (Unicode code points) into the article text, half-open [start, end).
  If unsure of an offset, still copy the text exactly: offsets are recomputed from the text.
- Ids: entities e1, e2, ...; events v1, v2, ...; claims c1, c2, ... References (location,
  participants, claimant, about) must use these ids.
- Resolve relative dates ("Monday", "earlier this month") against the published date.
- cluster: a stable, descriptive cross-document id (e.g. "vladimir-putin", "meet-2022-01-10")."""


def response_schema() -> dict[str, Any]:
    """The per-document submission schema, self-contained."""
    bundle = schemas.bundled("submission")
    defs = bundle["$defs"]
    document = dict(defs["document"])
    document["$defs"] = {k: v for k, v in defs.items() if k != "document"}
    return document


def response_format(strict: bool = False) -> dict[str, Any]:
    return {"type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "schema": response_schema(), "strict": strict}}


def field_definitions() -> str:
    """Every description in the shared schema definitions, one line each."""
    lines = []
    for name, node in schemas.load("common")["$defs"].items():
        if "description" in node:
            lines.append(f"- {name}: {node['description']}")
        for prop, sub in node.get("properties", {}).items():
            if isinstance(sub, dict) and "description" in sub:
                lines.append(f"  - {name}.{prop}: {sub['description']}")
    return "\n".join(lines)


def guidelines(path: Path = GUIDELINES) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def messages(document: Document, guidelines_text: str | None) -> list[dict[str, str]]:
    parts = [SYSTEM, "## Field definitions (from the JSON Schema)\n" + field_definitions()]
    if guidelines_text:
        parts.append("## Annotation guidelines\n" + guidelines_text)
    excluded = "\n".join(f"- [{x.start}, {x.end}) {x.reason}: {document.text[x.start:x.end][:80]!r}"
                         for x in document.excluded) or "- none"
    user = (f"doc_id: {document.doc_id}\noutlet: {document.outlet}\npublished: {document.published}\n"
            f"excluded regions (not annotated):\n{excluded}\n\n"
            f"Article text (between the markers):\n<<<TEXT\n{document.text}\nTEXT>>>")
    return [{"role": "system", "content": "\n\n".join(parts)}, {"role": "user", "content": user}]
