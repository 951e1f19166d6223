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
from typing import Callable

from benchmark.scoring.field_rules import NameValue, Shape, TextValue
from benchmark.model.records import Claim, Entity, Event, Kind, MentionKind
from benchmark.scoring.normalize import fold, fold_uncached, folded_tokens, token_levels


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


@lru_cache(maxsize=1024)  # small: a text repeats within a document (gold and predicted), and cues everywhere
def _text(value: str | None) -> TextValue | None:
    if value is None:
        return None
    folded = fold_uncached(value)
    if not folded:
        return None
    tokens = folded_tokens(folded)
    return TextValue(folded, tokens, token_levels(tokens))


def _date(value: str | None) -> str | None:
    return (fold(value) or None) if value is not None else None


def _refs(values: tuple[str, ...] | None) -> frozenset[str] | None:
    return frozenset(values) if values else None


def surface_forms(entity: Entity) -> frozenset[str]:
    """fold() of the entity's name, aliases and name-kind mention texts: never a
    pronoun or nominal mention ("it", "the alliance"), nor one of unstated kind."""
    forms = set(map(fold, {m.text for m in entity.mentions if m.kind is MentionKind.NAME})) if entity.mentions else set()
    if entity.name:
        forms.add(fold(entity.name))
    if entity.aliases:
        forms.update(map(fold, entity.aliases))
    forms.discard("")
    return frozenset(forms)


def _entity(e: Entity) -> tuple:
    name = fold(e.name) if e.name else ""
    spans = tuple(sorted({(m.start, m.end) for m in e.mentions})) if e.mentions else None
    return (NameValue(name, surface_forms(e)) if name else None, e.type, spans)


def _event(e: Event) -> tuple:
    trigger = (e.trigger.start, e.trigger.end) if e.trigger is not None else None
    participants = _refs(e.participants)
    return (e.type, _date(e.date), e.location, participants, e.modality, trigger)


def _claim(c: Claim) -> tuple:
    span = (c.span.start, c.span.end) if c.span is not None else None
    return (c.claimant, _text(c.cue), _text(c.content), c.quote, c.polarity, _refs(c.about), span)


PREPARE: dict[Kind, Callable[[object], tuple]] = {
    Kind.ENTITY: _entity,  # type: ignore[dict-item]
    Kind.EVENT: _event,  # type: ignore[dict-item]
    Kind.CLAIM: _claim,  # type: ignore[dict-item]
}
"""Per kind: object -> its prepared field values, in ``KIND_FIELDS`` order."""
