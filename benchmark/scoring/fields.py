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
from typing import Any, Callable, NamedTuple, Sequence

from benchmark.model.records import (
    Claim, Entity, EntityType, Event, EventType, Kind, MentionKind, Modality, Offsets, Polarity, Quote,
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
    """The prepared fields of one document's entities: a column per field, an
    entry per entity (``None``: not filled)."""

    name: tuple[NameValue | None, ...]
    type: tuple[EntityType | None, ...]
    mentions: tuple[Spans | None, ...]


class EventValues(NamedTuple):
    """The prepared fields of one document's events, a column per field."""

    type: tuple[EventType | None, ...]
    date: tuple[str | None, ...]
    location: tuple[str | None, ...]
    participants: tuple[frozenset[str] | None, ...]
    modality: tuple[Modality | None, ...]
    trigger: tuple[Offsets | None, ...]


class ClaimValues(NamedTuple):
    """The prepared fields of one document's claims, a column per field."""

    claimant: tuple[str | None, ...]
    cue: tuple[TextValue | None, ...]
    content: tuple[TextValue | None, ...]
    quote: tuple[Quote | None, ...]
    polarity: tuple[Polarity | None, ...]
    about: tuple[frozenset[str] | None, ...]
    span: tuple[Offsets | None, ...]


Values = EntityValues | EventValues | ClaimValues
"""One kind's prepared values in one document: the columns are the kind's
``KIND_FIELDS`` in order (``values[f][i]``: field ``f`` of object ``i``)."""


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
    """fold() of the entity's name, aliases and name-kind mention texts: never a
    pronoun or nominal mention ("it", "the alliance"), nor one of unstated kind."""
    texts = {m.text for m in entity.mentions if m.kind is MentionKind.NAME} if entity.mentions else set()
    if entity.name:
        texts.add(entity.name)
    if entity.aliases:
        texts.update(entity.aliases)
    forms = frozenset(map(fold, texts))
    return forms - _BLANK if "" in forms else forms


_BLANK = frozenset({""})


def prepare_entities(entities: Sequence[Entity]) -> EntityValues:
    names = [fold(e.name) if e.name else "" for e in entities]
    return EntityValues(
        tuple([NameValue(name, surface_forms(e)) if name else None for name, e in zip(names, entities)]),
        tuple([e.type for e in entities]),
        tuple([tuple(sorted({(m.start, m.end) for m in e.mentions})) if e.mentions else None for e in entities]),
    )


def prepare_events(events: Sequence[Event]) -> EventValues:
    return EventValues(
        tuple([e.type for e in events]),
        tuple([_date(e.date) for e in events]),
        tuple([e.location for e in events]),
        tuple([_refs(e.participants) for e in events]),
        tuple([e.modality for e in events]),
        tuple([(e.trigger.start, e.trigger.end) if e.trigger is not None else None for e in events]),
    )


def prepare_claims(claims: Sequence[Claim]) -> ClaimValues:
    return ClaimValues(
        tuple([c.claimant for c in claims]),
        tuple([_text(c.cue) for c in claims]),
        tuple([_text(c.content) for c in claims]),
        tuple([c.quote for c in claims]),
        tuple([c.polarity for c in claims]),
        tuple([_refs(c.about) for c in claims]),
        tuple([(c.span.start, c.span.end) if c.span is not None else None for c in claims]),
    )


PREPARE: dict[Kind, Callable[[Sequence[Any]], Values]] = {
    Kind.ENTITY: prepare_entities,
    Kind.EVENT: prepare_events,
    Kind.CLAIM: prepare_claims,
}
"""Per kind: one document's objects -> their prepared values, column by column."""
