"""The field table: the scored fields of each kind, their track, shape and rule,
and how each object's fields are prepared (normalised once) for comparison.

A field is *filled* when it is present, not null, not an empty list and not a
blank string; an unfilled field counts nowhere. Set-valued fields (``mentions``,
``participants``, ``about``) become sets, so a repeated element counts once.
Alignment, counting, the per-type breakdown and ``explain`` read every field
through its ``FieldSpec`` (its shape's ``rule``, ``shape.set_valued``) and its
values by name (``column``), never by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any, Callable, NamedTuple, Sequence

from benchmark.model.records import (
    Claim, Document, Entity, EntityType, Event, EventType, Kind, MentionKind, Modality, Polarity, Quote,
)
from benchmark.scoring.field_rules import RULES, ContentValue, NameValue, Rule, Shape, Spans, SpanValue, span_value
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

    @property
    def rule(self) -> Rule:
        """The field's rule (``field_rules.RULES`` of its shape)."""
        return RULES[self.shape]

    @property
    def set_valued(self) -> bool:
        return self.shape.set_valued

    def column(self, values: "Values") -> tuple[Any, ...]:
        """This field's prepared values in one kind's ``Values``, an entry per object."""
        column: tuple[Any, ...] = getattr(values, self.name)
        return column


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
KIND_CORE: dict[Kind, tuple[FieldSpec, ...]] = {k: tuple(f for f in KIND_FIELDS[k] if f.track is Track.CORE) for k in Kind}
GROUNDING: dict[Kind, FieldSpec] = {f.kind: f for f in FIELDS if f.track is Track.GROUNDING}
"""Each kind's one grounding field (its offsets into the text)."""


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
    trigger: tuple[SpanValue | None, ...]


class ClaimValues(NamedTuple):
    """The prepared fields of one document's claims, a column per field."""

    claimant: tuple[str | None, ...]
    cue: tuple[TextValue | None, ...]
    content: tuple[ContentValue | None, ...]
    quote: tuple[Quote | None, ...]
    polarity: tuple[Polarity | None, ...]
    about: tuple[frozenset[str] | None, ...]
    span: tuple[SpanValue | None, ...]


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


def in_scope(document: Document | None, start: int, end: int) -> bool:
    """The span touches no excluded region of the document (always, without one)."""
    return document is None or not document.excluded or document.in_scope(start, end)


def surface_forms(entity: Entity, document: Document | None = None) -> frozenset[str]:
    """fold() of the entity's name and of its name-kind mention texts: the forms
    it has in the text. Never a pronoun or nominal mention ("it", "the
    alliance"), one of unstated kind, or one in an excluded region; aliases are
    not surface forms (an alias earns credit only as a mention in the text)."""
    texts = {m.text for m in entity.mentions if m.kind is MentionKind.NAME and in_scope(document, m.start, m.end)} \
        if entity.mentions else set()
    if entity.name:
        texts.add(entity.name)
    forms = frozenset(map(fold, texts))
    return forms - _BLANK if "" in forms else forms


_BLANK = frozenset({""})


def _mentions(entity: Entity, document: Document | None) -> Spans | None:
    if not entity.mentions:
        return None
    distinct = {(m.start, m.end): m for m in entity.mentions}
    return tuple(span_value(s, e, distinct[(s, e)].text, not in_scope(document, s, e)) for s, e in sorted(distinct))


def prepare_entities(entities: Sequence[Entity], document: Document | None = None) -> EntityValues:
    names = [fold(e.name) if e.name else "" for e in entities]
    return EntityValues(
        tuple([NameValue(name, surface_forms(e, document)) if name else None for name, e in zip(names, entities)]),
        tuple([e.type for e in entities]),
        tuple([_mentions(e, document) for e in entities]),
    )


def prepare_events(events: Sequence[Event], document: Document | None = None) -> EventValues:
    return EventValues(
        tuple([e.type for e in events]),
        tuple([_date(e.date) for e in events]),
        tuple([e.location for e in events]),
        tuple([_refs(e.participants) for e in events]),
        tuple([e.modality for e in events]),
        tuple([span_value(e.trigger.start, e.trigger.end, e.trigger.text,
                          not in_scope(document, e.trigger.start, e.trigger.end))
               if e.trigger is not None else None for e in events]),
    )


def occurs(content: str, document: Document | None) -> bool:
    """``content`` occurs verbatim in the document's text (runs of whitespace
    match any run of whitespace: a line break in the text is no different from
    a space) at least once outside its excluded regions. Without the document
    (scoring annotations alone) it cannot be checked and counts as read."""
    if document is None:
        return True
    words = content.split()
    if not words:
        return False
    joined, text = " ".join(words), document.text
    at = text.find(joined)
    while at >= 0:  # the common case: the content is the text with single spaces
        if in_scope(document, at, at + len(joined)):
            return True
        at = text.find(joined, at + 1)
    pattern = _verbatim(tuple(words))
    return any(in_scope(document, m.start(), m.end()) for m in pattern.finditer(document.text))


@lru_cache(maxsize=1024)
def _verbatim(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\s+".join(map(re.escape, words)))


def _content(claim: Claim, document: Document | None) -> ContentValue | None:
    text = _text(claim.content)
    if text is None or claim.content is None:
        return None
    return ContentValue(text, _text(claim.cue), occurs(claim.content, document))


def _claim_span(claim: Claim, document: Document | None) -> SpanValue | None:
    if claim.span is None:
        return None
    s, e = claim.span.start, claim.span.end
    text = document.text[s:e] if document is not None else None
    return span_value(s, e, text, not in_scope(document, s, e), head=False)


def prepare_claims(claims: Sequence[Claim], document: Document | None = None) -> ClaimValues:
    return ClaimValues(
        tuple([c.claimant for c in claims]),
        tuple([_text(c.cue) for c in claims]),
        tuple([_content(c, document) for c in claims]),
        tuple([c.quote for c in claims]),
        tuple([c.polarity for c in claims]),
        tuple([_refs(c.about) for c in claims]),
        tuple([_claim_span(c, document) for c in claims]),
    )


PREPARE: dict[Kind, Callable[[Sequence[Any], Document | None], Values]] = {
    Kind.ENTITY: prepare_entities,
    Kind.EVENT: prepare_events,
    Kind.CLAIM: prepare_claims,
}
"""Per kind: one document's objects (and the document, for excluded regions and
claim-span texts) -> their prepared values, column by column."""
