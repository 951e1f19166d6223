"""The scored fields of each kind, their track, and how each object's fields are
prepared (normalised once) for comparison.

A field is *filled* when it is present, not null, not an empty list and not a
blank string; an unfilled field counts nowhere. Set-valued fields (``mentions``,
``participants``, ``about``) become sets, so a repeated element counts once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any, Callable, NamedTuple

from benchmark.model.records import (
    Claim, Entity, EntityType, Event, EventType, Kind, Modality, Offsets, Polarity, Quote,
)
from benchmark.scoring.field_rules import NameValue, Shape, Spans
from benchmark.scoring.normalize import TextValue, fold


class Track(str, Enum):
    CORE = "core"
    GROUNDING = "grounding"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    kind: Kind
    name: str
    track: Track
    shape: Shape
    references: Kind | None = None  # the kind a reference field points to

    @property
    def key(self) -> str:
        return f"{self.kind.value}.{self.name}"


_C, _G = Track.CORE, Track.GROUNDING
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(Kind.ENTITY, "name", _C, Shape.NAME),
    FieldSpec(Kind.ENTITY, "type", _C, Shape.ENUM),
    FieldSpec(Kind.ENTITY, "mentions", _G, Shape.SPANS),
    FieldSpec(Kind.EVENT, "type", _C, Shape.ENUM),
    FieldSpec(Kind.EVENT, "date", _C, Shape.DATE),
    FieldSpec(Kind.EVENT, "location", _C, Shape.REFERENCE, Kind.ENTITY),
    FieldSpec(Kind.EVENT, "participants", _C, Shape.REFERENCES, Kind.ENTITY),
    FieldSpec(Kind.EVENT, "modality", _C, Shape.ENUM),
    FieldSpec(Kind.EVENT, "trigger", _G, Shape.SPAN),
    FieldSpec(Kind.CLAIM, "claimant", _C, Shape.REFERENCE, Kind.ENTITY),
    FieldSpec(Kind.CLAIM, "cue", _C, Shape.CUE),
    FieldSpec(Kind.CLAIM, "content", _C, Shape.CONTENT),
    FieldSpec(Kind.CLAIM, "quote", _C, Shape.ENUM),
    FieldSpec(Kind.CLAIM, "polarity", _C, Shape.ENUM),
    FieldSpec(Kind.CLAIM, "about", _C, Shape.REFERENCES, Kind.EVENT),
    FieldSpec(Kind.CLAIM, "span", _G, Shape.SPAN),
)
"""Every scored field, in report order (kinds in dependency order)."""

KIND_FIELDS: dict[Kind, tuple[FieldSpec, ...]] = {k: tuple(f for f in FIELDS if f.kind is k) for k in Kind}
FIELD_INDEX: dict[tuple[Kind, str], int] = {(f.kind, f.name): i for i, f in enumerate(FIELDS)}
KIND_OFFSET: dict[Kind, int] = {k: FIELDS.index(KIND_FIELDS[k][0]) for k in Kind}


class EntityValues(NamedTuple):
    """An entity's prepared field values (``None``: not filled), in field order."""

    name: NameValue | None
    type: EntityType | None
    mentions: Spans | None


class EventValues(NamedTuple):
    """An event's prepared field values (``None``: not filled), in field order."""

    type: EventType | None
    date: str | None
    location: str | None
    participants: frozenset[str] | None
    modality: Modality | None
    trigger: Offsets | None


class ClaimValues(NamedTuple):
    """A claim's prepared field values (``None``: not filled), in field order."""

    claimant: str | None
    cue: TextValue | None
    content: TextValue | None
    quote: Quote | None
    polarity: Polarity | None
    about: frozenset[str] | None
    span: Offsets | None


Values = EntityValues | EventValues | ClaimValues
"""One object's prepared values; their fields are its kind's ``KIND_FIELDS``."""


@lru_cache(maxsize=1024)  # small: a text repeats within a document (gold and predicted), and cues everywhere
def _text(value: str | None) -> TextValue | None:
    if value is None:
        return None
    text = TextValue.of(value)
    return text if text.folded else None


def _date(value: str | None) -> str | None:
    return (fold(value) or None) if value is not None else None


def _refs(values: tuple[str, ...] | None) -> frozenset[str] | None:
    return frozenset(values) if values else None


def surface_forms(entity: Entity) -> frozenset[str]:
    """fold() of the entity's name, aliases and mention texts."""
    forms = set(map(fold, {m.text for m in entity.mentions})) if entity.mentions else set()
    if entity.name:
        forms.add(fold(entity.name))
    if entity.aliases:
        forms.update(map(fold, entity.aliases))
    forms.discard("")
    return frozenset(forms)


def prepare_entity(e: Entity) -> EntityValues:
    name = fold(e.name) if e.name else ""
    spans = tuple(sorted({(m.start, m.end) for m in e.mentions})) if e.mentions else None
    return EntityValues(NameValue(name, surface_forms(e)) if name else None, e.type, spans)


def prepare_event(e: Event) -> EventValues:
    trigger = (e.trigger.start, e.trigger.end) if e.trigger is not None else None
    return EventValues(e.type, _date(e.date), e.location, _refs(e.participants), e.modality, trigger)


def prepare_claim(c: Claim) -> ClaimValues:
    span = (c.span.start, c.span.end) if c.span is not None else None
    return ClaimValues(c.claimant, _text(c.cue), _text(c.content), c.quote, c.polarity, _refs(c.about), span)


PREPARE: dict[Kind, Callable[[Any], Values]] = {
    Kind.ENTITY: prepare_entity,
    Kind.EVENT: prepare_event,
    Kind.CLAIM: prepare_claim,
}
"""Per kind: object -> its prepared field values."""
