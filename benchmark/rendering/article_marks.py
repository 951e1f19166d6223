"""What the article view marks, read from an explanation and the two
annotations: one :class:`Card` per aligned pair, missed gold object and
spurious prediction, and one :class:`Mark` per span of each (entity mentions,
event triggers, claim spans) with the card's status.

This is the view's only contact with :mod:`benchmark.scoring.explanation`: it
reads ``Explanation.kinds``, each kind's ``pairs`` (``gold_id``,
``predicted_id``, ``fields`` with ``field``, ``status``, ``gold``, ``predicted``)
and its ``missed`` and ``spurious`` objects (``id``, ``fields`` as name/value)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Mapping

from benchmark.model.records import Annotation, Claim, Entity, Event, Kind
from benchmark.rendering.html_page import token
from benchmark.scoring.explanation import KindExplanation

STATUSES = ("spurious", "missed", "differs", "matched")
"""Span statuses, most telling first (a stretch under several shows the first)."""

ClusterIndex = Mapping[tuple[str, str, str], tuple[str, ...]]
"""(side, kind, cluster id) -> documents holding an object of that cluster."""


@dataclass(frozen=True, slots=True)
class FieldRow:
    field: str
    status: str  # agree, disagree, gold only, predicted only
    gold: str | None
    predicted: str | None


@dataclass(frozen=True, slots=True)
class Card:
    id: str  # the HTML id
    status: str
    objects: tuple[tuple[str, str], ...]  # (side, object id), gold first
    fields: tuple[FieldRow, ...] | None  # an aligned pair's field comparison
    values: tuple[tuple[str, str], ...]  # a lone object's filled fields
    clusters: tuple[tuple[str, str, str], ...]  # (side, kind, cluster id)
    in_text: bool


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    card: str
    status: str
    side: str
    kind: str
    object_id: str


@dataclass(frozen=True, slots=True)
class KindMarks:
    kind: str
    marks: tuple[Mark, ...]
    cards: tuple[Card, ...]


def spans(obj: object, length: int) -> list[tuple[int, int]]:
    """The object's offsets inside [0, length): mentions, trigger or span."""
    if isinstance(obj, Entity):
        found = [(m.start, m.end) for m in obj.mentions or ()]
    elif isinstance(obj, Event):
        found = [(obj.trigger.start, obj.trigger.end)] if obj.trigger is not None else []
    elif isinstance(obj, Claim):
        found = [(obj.span.start, obj.span.end)] if obj.span is not None else []
    else:
        found = []
    clipped = {(max(0, s), min(length, e)) for s, e in found}
    return sorted((s, e) for s, e in clipped if s < e)


def _value(status: object) -> str:
    return status.value if isinstance(status, Enum) else str(status)


def kind_marks(k: KindExplanation, gold: Annotation, predicted: Annotation | None, length: int) -> KindMarks:
    kind = Kind(k.kind).value
    by_id = {
        "gold": {o.id: o for o in gold.objects(Kind(kind))},
        "predicted": {o.id: o for o in (predicted.objects(Kind(kind)) if predicted else ())},
    }
    cards: list[Card] = []
    marks: list[Mark] = []

    def add(
        card_id: str, status: str, objects: tuple[tuple[str, str], ...],
        fields: tuple[FieldRow, ...] | None, values: tuple[tuple[str, str], ...],
    ) -> None:
        found = [(side, oid, by_id[side].get(oid)) for side, oid in objects]
        clusters = tuple((side, kind, obj.cluster) for side, _, obj in found if obj is not None and obj.cluster)
        in_text = False
        for side, oid, obj in found:
            for start, end in spans(obj, length):
                marks.append(Mark(start, end, card_id, status, side, kind, oid))
                in_text = True
        cards.append(Card(card_id, status, objects, fields, values, clusters, in_text))

    for p in k.pairs:
        rows = tuple(FieldRow(f.field, _value(f.status), f.gold, f.predicted) for f in p.fields)
        status = "matched" if all(r.status == "agree" for r in rows) else "differs"
        add(f"pair-{kind}-{token(p.gold_id)}", status, (("gold", p.gold_id), ("predicted", p.predicted_id)), rows, ())
    for o in k.missed:
        add(f"gold-{kind}-{token(o.id)}", "missed", (("gold", o.id),), None, tuple((f.field, f.value) for f in o.fields))
    for o in k.spurious:
        add(f"pred-{kind}-{token(o.id)}", "spurious", (("predicted", o.id),), None, tuple((f.field, f.value) for f in o.fields))
    return KindMarks(kind, tuple(sorted(marks, key=lambda m: (m.start, m.end, m.card, m.side))), tuple(cards))
