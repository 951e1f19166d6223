"""What the article view marks, read from an explanation and the two
annotations: one :class:`Card` per aligned pair, missed gold object and
spurious prediction, and one :class:`Mark` per span of each (entity mentions,
event triggers, claim spans).

A card has its object's status (*matched*, *differs*, *missed*, *spurious*); a
mark has its **own span's** status (*matched*, *missed*, *spurious*), read from
a :data:`SpanStatuses` input, never from its object: an aligned entity's mention
the system never predicted is *missed* even when the entity was found. The
view takes that input from the caller so the scorer's per-mention results can
be plugged in; :func:`scorer_span_statuses` reads them from the explanation
(the scorer's per-span results).

This is the view's only contact with :mod:`benchmark.scoring.explanation`: it
reads ``Explanation.kinds``, each kind's ``pairs`` (``gold_id``,
``predicted_id``, ``fields`` with ``field``, ``status``, ``gold``, ``predicted``,
``tp``, ``fp``, ``fn``) and its ``missed`` and ``spurious`` objects (``id``,
``fields`` as name/value/elements)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Mapping

from benchmark.model.records import Annotation, Claim, Entity, Event, Kind
from benchmark.rendering.html_page import token
from benchmark.scoring.explanation import Explanation, KindExplanation

STATUSES = ("spurious", "missed", "differs", "matched")
"""Card (object) statuses, most telling first."""

SPAN_STATUSES = ("spurious", "missed", "matched")
"""Span (fragment) statuses, most telling first; a fragment under several marks shows every one."""

ClusterIndex = Mapping[tuple[str, str, str], tuple[str, ...]]
"""(side, kind, cluster id) -> documents holding an object of that cluster."""

SpanKey = tuple[str, str, str, int, int]
"""(kind, side, object id, start, end) of one span of one object."""

SpanStatuses = Mapping[SpanKey, str]
"""Each span's own status: ``matched`` (a span of the aligned partner object
pairs with it), ``missed`` (a gold span nothing pairs with) or ``spurious`` (a
predicted span nothing pairs with). The seam for the scorer's per-mention results."""


@dataclass(frozen=True, slots=True)
class FieldRow:
    field: str
    status: str  # agree, disagree, gold only, predicted only
    gold: str | None
    predicted: str | None
    tp: int
    fp: int
    fn: int


@dataclass(frozen=True, slots=True)
class Card:
    id: str  # the HTML id
    status: str
    objects: tuple[tuple[str, str], ...]  # (side, object id), gold first
    fields: tuple[FieldRow, ...] | None  # an aligned pair's field comparison
    values: tuple[tuple[str, str, int], ...]  # a lone object's filled fields: name, value, elements (FN or FP)
    clusters: tuple[tuple[str, str, str], ...]  # (side, kind, cluster id)
    in_text: bool
    spans: tuple[tuple[str, int, int, str], ...] = ()  # (side, start, end, span status) of each marked span


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    card: str
    status: str  # the span's own status (SPAN_STATUSES)
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


def scorer_span_statuses(explanation: Explanation, length: int) -> dict[SpanKey, str]:
    """Each span's own status as the scorer counted it (``Explanation.spans``,
    from :func:`benchmark.scoring.explanation.span_statuses`), keyed like the
    marks (offsets clipped to the text)."""
    out: dict[SpanKey, str] = {}
    for r in explanation.spans:
        start, end = max(0, min(r.start, length)), max(0, min(r.end, length))
        out[(Kind(r.kind).value, _value(r.side), r.object_id, start, end)] = _value(r.status)
    return out


def kind_marks(
    k: KindExplanation, gold: Annotation, predicted: Annotation | None, length: int, span_statuses: SpanStatuses,
) -> KindMarks:
    """The cards and marks of one kind; each mark's status is ``span_statuses``'
    entry for its span (a span it lacks is shown by its side: missed or spurious)."""
    kind = Kind(k.kind).value
    by_id = {
        "gold": {o.id: o for o in gold.objects(Kind(kind))},
        "predicted": {o.id: o for o in (predicted.objects(Kind(kind)) if predicted else ())},
    }
    cards: list[Card] = []
    marks: list[Mark] = []

    def add(
        card_id: str, status: str, objects: tuple[tuple[str, str], ...],
        fields: tuple[FieldRow, ...] | None, values: tuple[tuple[str, str, int], ...],
    ) -> None:
        found = [(side, oid, by_id[side].get(oid)) for side, oid in objects]
        clusters = tuple((side, kind, obj.cluster) for side, _, obj in found if obj is not None and obj.cluster)
        shown: list[tuple[str, int, int, str]] = []
        for side, oid, obj in found:
            for start, end in spans(obj, length):
                fallback = "missed" if side == "gold" else "spurious"
                span_status = span_statuses.get((kind, side, oid, start, end), fallback)
                marks.append(Mark(start, end, card_id, span_status, side, kind, oid))
                shown.append((side, start, end, span_status))
        cards.append(Card(card_id, status, objects, fields, values, clusters, bool(shown), tuple(shown)))

    for p in k.pairs:
        rows = tuple(FieldRow(f.field, _value(f.status), f.gold, f.predicted, f.tp, f.fp, f.fn) for f in p.fields)
        status = "matched" if all(r.status == "agree" for r in rows) else "differs"
        add(f"pair-{kind}-{token(p.gold_id)}", status, (("gold", p.gold_id), ("predicted", p.predicted_id)), rows, ())
    for o in k.missed:
        add(f"gold-{kind}-{token(o.id)}", "missed", (("gold", o.id),), None, tuple((f.field, f.value, f.elements) for f in o.fields))
    for o in k.spurious:
        add(f"pred-{kind}-{token(o.id)}", "spurious", (("predicted", o.id),), None, tuple((f.field, f.value, f.elements) for f in o.fields))
    return KindMarks(kind, tuple(sorted(marks, key=lambda m: (m.start, m.end, m.card, m.side))), tuple(cards))
