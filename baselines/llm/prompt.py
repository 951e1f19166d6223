"""The prompt and the ``response_format`` for one document.

What a system may read, and nothing else: the system-facing guidelines
(``docs/guidelines.md``), the schemas' field definitions and, as few-shot
examples, documents of the fictional dev split (``data/dev/``). Never
``docs/decisions.md``, the test gold or the annotation sources.

Variants (``--prompt``):

* ``full``: instructions, the answer's outline, the field definitions and the
  whole guidelines (about 10,000 tokens);
* ``compact``: the same without the guidelines (about 2,000 tokens), for
  small models and slow machines.

The response schema is :func:`benchmark.model.response_schema.response_schema`
(all fields required, ids patterned, lengths bounded). A server that builds a
grammar from it does not show it to the model (llama.cpp says so), so the
prompt spells out the same structure as an outline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from benchmark.model import schemas
from benchmark.model.paths import DATA, GUIDELINES
from benchmark.model.records import Document, Excluded
from benchmark.model.response_schema import CLUSTER_PATTERN, ID_PATTERN, Dialect, response_schema, to_response_shape

DEV = DATA / "dev"
SCHEMA_NAME = "document_annotation"
CHARS_PER_TOKEN = 4  # a rough rule for English BPE vocabularies, for the size shown before a run
Variant = Literal["full", "compact"]

INSTRUCTIONS = """You are an expert annotator for an information-extraction benchmark of news articles.
Annotate ONE article with its ENTITIES, EVENTS and CLAIMS and answer with a single JSON object
in exactly the outline below: every field present, no other fields, no text around the JSON.
- Annotate only the article proper (headline, body, captions); ignore the excluded regions listed.
- Copy every text field (mention text, trigger text, claim content, cue) verbatim from the article.
- Ids: entities e1, e2, ...; events v1, v2, ...; claims c1, c2, ..., numbered in reading order.
  References (location, participants, claimant, about) are these ids, never names.
- Resolve relative dates ("Monday", "earlier this month") against the published date.
- cluster: a kind prefix and a lower-case slug naming the real-world object, the same in every
  article: "E:vladimir-putin", "V:geneva-talks-2022-01-10", "C:nato-rejects-demands"."""

OFFSETS_NOTE = """- Offsets are Python string indices (Unicode code points) into the article text, half-open
  [start, end). If unsure of an offset, still copy the text exactly: offsets are recomputed from it."""


NO_MENTIONS_NOTE = """- List each entity once with its fullest name and its other names (aliases) as written;
  its mentions are found from those names."""


@dataclass(frozen=True, slots=True)
class Example:
    """A dev-split document and its gold record (a few-shot example)."""

    document: Document
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PromptConfig:
    variant: Variant = "full"
    offsets: bool = False
    mentions: bool = True
    guidelines: str | None = None
    examples: tuple[Example, ...] = ()


def response_format(offsets: bool = False, strict: bool = False, mentions: bool = True) -> dict[str, Any]:
    dialect: Dialect = "openai" if strict else "grammar"
    return {"type": "json_schema", "json_schema": {"name": SCHEMA_NAME, "strict": strict,
                                                   "schema": response_schema(offsets, dialect, mentions)}}


_PATTERN_HINTS = {
    **{pattern: f'"{pattern[1]}<n>"' for pattern in ID_PATTERN.values()},
    **{pattern: f'"{pattern[1:3]}<slug>"' for pattern in CLUSTER_PATTERN.values()},
    schemas.load("common")["$defs"]["isoDate"]["pattern"]: '"YYYY" | "YYYY-MM" | "YYYY-MM-DD"',
}


def _outline(node: dict[str, Any], indent: str = "") -> str:
    """A one-look outline of a response-schema node: objects as JSON with each
    value's type, enums as ``"A" | "B"``, arrays as ``[item, ...]``."""
    if "anyOf" in node:
        return " | ".join(_outline(option, indent) for option in node["anyOf"])
    kind = node.get("type")
    if kind == "object":
        inner = indent + "  "
        fields = [f'{inner}"{name}": {_outline(sub, inner)}' for name, sub in node["properties"].items()]
        return "{\n" + ",\n".join(fields) + f"\n{indent}}}"
    if kind == "array":
        return f"[{_outline(node['items'], indent)}, ...]"
    if "enum" in node:
        return " | ".join(json.dumps(value) for value in node["enum"])
    if "pattern" in node:
        return _PATTERN_HINTS.get(node["pattern"], f"string matching {node['pattern']}")
    return "null" if kind == "null" else str(kind)


def outline(offsets: bool = False, mentions: bool = True) -> str:
    return _outline(response_schema(offsets, mentions=mentions))


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


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def examples(count: int, folder: Path = DEV, test_folder: Path = DATA) -> tuple[Example, ...]:
    """The first ``count`` dev-split documents (doc_id order) with their gold.
    Refuses any document of the test set (``test_folder``): the gold of the
    test documents is never shown to a system."""
    if count <= 0:
        return ()
    test_ids = {r["doc_id"] for r in _read_jsonl(test_folder / "documents.jsonl")}
    docs = {}
    for raw in _read_jsonl(folder / "documents.jsonl"):
        excluded = tuple(Excluded(x["start"], x["end"], x["reason"]) for x in raw.get("excluded", []))
        docs[raw["doc_id"]] = Document(raw["doc_id"], raw.get("seed_file", ""), raw["outlet"], raw["title"],
                                       raw["published"], raw["text"], raw.get("sha256", ""), excluded)
    gold = {r["doc_id"]: r for r in _read_jsonl(folder / "gold.jsonl")}
    leaked = sorted(test_ids & (set(docs) | set(gold)))
    if leaked:
        raise ValueError(f"{folder}: holds test documents ({', '.join(leaked)}); few-shot examples come from the dev split only")
    chosen = [doc_id for doc_id in sorted(docs) if doc_id in gold][:count]
    if len(chosen) < count:
        raise ValueError(f"{folder}: {count} shots asked, {len(chosen)} annotated dev documents")
    return tuple(Example(docs[d], gold[d]) for d in chosen)


def system_message(config: PromptConfig) -> str:
    parts = [INSTRUCTIONS + ("\n" + OFFSETS_NOTE if config.offsets else "")
             + ("" if config.mentions else "\n" + NO_MENTIONS_NOTE),
             "## Answer outline\n" + outline(config.offsets, config.mentions),
             "## Field definitions (from the JSON Schema)\n" + field_definitions()]
    if config.variant == "full" and config.guidelines:
        parts.append("## Annotation guidelines\n" + config.guidelines)
    return "\n\n".join(parts)


def user_message(document: Document) -> str:
    excluded = "\n".join(f"- [{x.start}, {x.end}) {x.reason}: {document.text[x.start:x.end][:80]!r}"
                         for x in document.excluded) or "- none"
    return (f"doc_id: {document.doc_id}\noutlet: {document.outlet}\npublished: {document.published}\n"
            f"excluded regions (not annotated):\n{excluded}\n\n"
            f"Article text (between the markers):\n<<<TEXT\n{document.text}\nTEXT>>>")


def answer_text(record: dict[str, Any], offsets: bool, mentions: bool = True) -> str:
    return json.dumps(to_response_shape(record, offsets, mentions), ensure_ascii=False, separators=(",", ":"))


def messages(document: Document, config: PromptConfig) -> list[dict[str, str]]:
    """System message, then one user/assistant turn per example, then the document.
    The shared prefix is the same for every document (servers cache it)."""
    result = [{"role": "system", "content": system_message(config)}]
    for example in config.examples:
        result.append({"role": "user", "content": user_message(example.document)})
        result.append({"role": "assistant", "content": answer_text(example.record, config.offsets, config.mentions)})
    result.append({"role": "user", "content": user_message(document)})
    return result


def size(messages_: list[dict[str, str]]) -> tuple[int, int]:
    """Characters of a prompt and its approximate tokens (``CHARS_PER_TOKEN``)."""
    chars = sum(len(m["content"]) for m in messages_)
    return chars, -(-chars // CHARS_PER_TOKEN)
