"""Events from a trigger lexicon, with modality cues, dates and participants.

Shared with the spaCy baseline: :data:`TRIGGERS`, :func:`find_triggers`,
:func:`modality` and :func:`build_events` take plain offsets and entity
mentions, not a particular NLP pipeline.

Per sentence: every trigger match is an event of its type; its date is the
nearest date expression in the sentence (after the trigger first); its
location the place after "in"/"at"; its participants the other entities
mentioned in the sentence. Within a document, events of the same type and
date are one event (the talks of Jan. 10 are one event however often they are
mentioned); the cluster is the type and date, the same in every document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from baselines.rules.dates import DateMention

# Lower-case regular expressions, matched at word boundaries, case-insensitively.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "Meet": (r"talks", r"meet(?:ing|ings|s)?", r"summit", r"consultations",
             r"dialogue", r"negotiations?", r"discussions", r"conference"),
    "Call": (r"(?:video|phone|telephone) call", r"(?<=their )call", r"spoke (?:by|via|on the) (?:phone|secure video|video)"),
    "Deploy": (r"positioning", r"deploy(?:ed|ment|ments|ing|s)?", r"build-?ups?", r"buildup",
               r"massing", r"troop presence", r"troop movements"),
    "Attack": (r"invasion", r"invad(?:e|es|ed|ing)", r"attacks?", r"assault", r"offensive(?! weapons)",
               r"military action", r"moves on"),
    "Annex": (r"annexation", r"annex(?:ed|es)?", r"seized?"),
    "Sanction": (r"sanctions?", r"countermeasures"),
    "Aid": (r"military aid", r"aid", r"weaponry", r"re-arming", r"funding", r"\$ ?\d+ million"),
    "Enact": (r"signed into law", r"signed(?= an? [\w ]*bill)", r"adopted"),
    "Join": (r"join", r"expand", r"expansion", r"membership", r"admittance", r"acceptance into"),
    "Propose": (r"proposals?", r"proposed", r"demanded", r"wish ?list", r"draft agreements", r"offered"),
    "Exercise": (r"exercises", r"drills"),
}

HYPOTHETICAL_CUES = ("if", "could", "may", "might", "would", "fears", "fear", "feared", "denied", "denies",
                     "potential", "possible", "threat", "unless", "prepared", "poised", "considering",
                     "consider", "whether", "must", "risk")
PLANNED_CUES = ("will", "to", "set for", "set to", "scheduled", "slated", "plans", "planned", "agreed",
                "expected", "likely", "would launch", "intends", "next", "upcoming", "begin", "wants")
LOCATION_TYPES = ("GPE", "LOC", "FAC")


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    type: str


@dataclass(frozen=True, slots=True)
class Argument:
    """An entity mention as events see it: offsets, entity id, entity type."""

    start: int
    end: int
    entity: str
    type: str


_COMPILED = tuple(
    (type_, re.compile(rf"(?<![\w-])(?:{'|'.join(patterns)})(?![\w])", re.IGNORECASE))
    for type_, patterns in TRIGGERS.items()
)


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Trigger matches in ``text[start:end]``, longest first where they overlap."""
    end = len(text) if end is None else end
    found = [Trigger(m.start(), m.end(), m.group(), type_)
             for type_, pattern in _COMPILED for m in pattern.finditer(text, start, end)]
    kept: list[Trigger] = []
    for t in sorted(found, key=lambda t: (t.start, -(t.end - t.start))):
        if not any(t.start < k.end and k.start < t.end for k in kept):
            kept.append(t)
    return kept


def _has_cue(window: str, cues: Sequence[str]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", window, re.IGNORECASE) for cue in cues)


def modality(text: str, sentence_start: int, trigger: Trigger) -> str:
    """hypothetical if a conditional/fear/denial cue precedes the trigger in its
    clause, planned if a future/schedule cue is near it, else actual."""
    before = text[max(sentence_start, trigger.start - 60):trigger.start]
    clause = re.split(r"[,;:]\s", before)[-1]
    after = text[trigger.end:trigger.end + 25]
    if _has_cue(clause, HYPOTHETICAL_CUES):
        return "hypothetical"
    if _has_cue(clause, PLANNED_CUES) or _has_cue(after, ("will", "is set", "are set", "scheduled", "slated")):
        return "planned"
    return "actual"


def nearest_date(trigger: Trigger, dates: Sequence[DateMention]) -> str | None:
    if not dates:
        return None
    after = [d for d in dates if d.start >= trigger.end]
    pool = after if after and after[0].start - trigger.end < 40 else dates
    return min(pool, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end))).value


def _location(text: str, args: Sequence[Argument]) -> str | None:
    for a in args:
        if a.type in LOCATION_TYPES and re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(0, a.start - 8):a.start]):
            return a.entity
    return None


@dataclass(frozen=True, slots=True)
class SentenceView:
    """What events need of one sentence: its range, dates and entity mentions."""

    start: int
    end: int
    dates: tuple[DateMention, ...]
    args: tuple[Argument, ...]


def _order(entity_id: str) -> int:
    return int(entity_id[1:]) if entity_id[1:].isdigit() else 0


def build_events(doc_id: str, text: str, views: Sequence[SentenceView]) -> tuple[list[dict], dict[str, list[int]]]:
    """Event records (ids ``v1``...) for a document, merged by type and date,
    and for each event id the start offsets of all its trigger matches."""
    merged: dict[str, dict] = {}
    starts: dict[str, list[int]] = {}
    for view in views:
        for trigger in find_triggers(text, view.start, view.end):
            date = nearest_date(trigger, view.dates)
            location = _location(text, view.args)
            participants = sorted({a.entity for a in view.args if a.entity != location}, key=_order)
            key = f"{trigger.type.lower()}-{date}" if date else f"{trigger.type.lower()}-{doc_id}-{trigger.start}"
            starts.setdefault(key, []).append(trigger.start)
            if key in merged:
                event = merged[key]
                event["participants"] = sorted(set(event["participants"]) | set(participants), key=_order)
                event["location"] = event["location"] or location
                continue
            merged[key] = {
                "id": "", "type": trigger.type,
                "trigger": {"start": trigger.start, "end": trigger.end, "text": trigger.text},
                "date": date, "location": location, "participants": participants,
                "modality": modality(text, view.start, trigger), "cluster": key,
            }
    events = sorted(merged.values(), key=lambda e: e["trigger"]["start"])
    positions = {}
    for index, event in enumerate(events, 1):
        event["id"] = f"v{index}"
        positions[event["id"]] = starts[event["cluster"]]
    return events, positions
