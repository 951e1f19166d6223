"""Which section of the board a row belongs to, and the system metadata shown
for it, both read from the submission's ``meta``.

Sections: ``system`` (an extraction system), ``annotator`` (a second human or
model annotation: how far annotators agree) and ``sanity`` (the ceiling and the
floors: ``oracle``, ``empty``, ``text-blind``). A submission says where it
belongs with ``meta.row``; without it the shipped sanity names and names that
start with ``annotator-`` are placed by name, anything else is a system.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from benchmark.leaderboard.intake import shown, system_key

GROUPS = ("system", "annotator", "sanity")
TITLES = {"system": "Systems", "annotator": "Annotators (agreement, not systems)",
          "sanity": "Sanity and floor rows (ceiling and guessing)"}
SANITY_NAMES = frozenset({"oracle", "empty", "text-blind"})

DETAILS = (
    ("model", "model"),
    ("parameters", "size"),
    ("open", "open weights"),
    ("training", "tuned on"),
    ("test_material", "read test material"),
)
"""Optional ``meta`` keys shown as the system's metadata, with their labels."""

MAX_DETAIL = 300
"""Longest metadata value shown, in characters."""


def group_of(system: str, meta: Mapping[str, Any]) -> str:
    declared = meta.get("row")
    if isinstance(declared, str) and declared in GROUPS:
        return declared
    key = system_key(system)
    if key in SANITY_NAMES:
        return "sanity"
    return "annotator" if key.startswith("annotator-") else "system"


def _detail(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or isinstance(value, (dict, list)):
        return ""
    return shown(value, limit=MAX_DETAIL)


PROVENANCE_DETAILS = (
    ("model", "model"),
    ("parameters", "size"),
    ("open", "open weights"),
)
"""``meta.provenance`` keys read where ``meta`` itself lacks the label (a run's
record of what it ran, e.g. the LLM baseline's)."""


def _model_file(provenance: Mapping[str, Any]) -> str:
    """The model file a run records: name, bytes, sha256 (as given)."""
    parts = []
    if isinstance(provenance.get("model_file"), str):
        parts.append(_detail(provenance["model_file"]))
    size = provenance.get("model_bytes")
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        parts.append(f"{size:,} bytes")
    if isinstance(provenance.get("model_sha256"), str):
        parts.append("sha256 " + _detail(provenance["model_sha256"]))
    return ", ".join(p for p in parts if p)


def details(meta: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """(label, shown value) for each metadata key the submission gives, then
    what ``meta.provenance`` records (model, model file) where ``meta`` is silent."""
    found = {label: text for key, label in DETAILS if key in meta and (text := _detail(meta[key]))}
    provenance = meta.get("provenance")
    if isinstance(provenance, Mapping):
        for key, label in PROVENANCE_DETAILS:
            if label not in found and key in provenance and (text := _detail(provenance[key])):
                found[label] = text + " (from meta.provenance)"
        size = provenance.get("model_bytes")
        if "size" not in found and isinstance(size, int) and not isinstance(size, bool) and size >= 0:
            found["size"] = f"parameters not stated; model file {size:,} bytes (from meta.provenance)"
        if model_file := _model_file(provenance):
            found["model file"] = model_file
    order = [label for _, label in DETAILS] + ["model file"]
    return tuple((label, found[label]) for label in order if label in found)


SANITY_ROLES = (("oracle", "the gold, ceiling"), ("empty", "no predictions, floor"),
                ("text-blind", "guessing without reading, floor"))
"""The sanity rows, in the order they are named, and what each shows."""

CARD = "README.md"
CARD_KEY = "gold_provenance"
"""The dataset card's YAML key that says, in a sentence, who made the gold."""
CREATORS = {
    "machine-generated": "by a machine (a model or a program)",
    "expert-generated": "by experts",
    "crowdsourced": "by crowd workers",
    "found": "from an existing source",
    "no-annotation": "without annotation",
}
"""The Hugging Face card's ``annotations_creators`` values in words."""


def gold_provenance(data_dir: Path) -> str:
    """Who made the gold, from the dataset's card: its ``gold_provenance`` sentence,
    else its ``annotations_creators`` in words, else a sentence saying the card
    does not say."""
    import yaml

    card = data_dir / CARD
    try:
        text = card.read_text(encoding="utf-8")
        match = re.match(r"\A---\n(.*?)\n---\n", text, flags=re.S)
        metadata = yaml.safe_load(match.group(1)) if match else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        metadata = None
    if not isinstance(metadata, dict):
        return "The dataset has no card (README.md with YAML metadata) saying who made the gold."
    sentence = metadata.get(CARD_KEY)
    if isinstance(sentence, str) and sentence.strip():
        return " ".join(sentence.split())
    creators = metadata.get("annotations_creators")
    creators = [creators] if isinstance(creators, str) else creators
    words = [CREATORS.get(c, str(c)) for c in creators or [] if isinstance(c, str)]
    if words:
        return f"The dataset's card says the gold was made {' and '.join(words)} (annotations_creators)."
    return "The dataset's card does not say who made the gold."


def separability(documents: int, alpha: float) -> str:
    """What the paired test can tell at this many documents."""
    smallest = 2 / 2**documents if documents else 1.0
    if smallest > alpha:
        return f"with n documents no p-value can be below 2/2^n, so at n = {documents} no two rows can be told apart"
    return f"with n documents no p-value can be below 2/2^n (at n = {documents}: {smallest:.2g})"


def sanity_present(systems: list[str]) -> list[tuple[str, str]]:
    """(name, role) of the sanity rows among ``systems``, in :data:`SANITY_ROLES` order."""
    keys = {system_key(s) for s in systems}
    return [(name, role) for name, role in SANITY_ROLES if name in keys]
