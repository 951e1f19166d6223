"""``explain``: what the scorer matched, missed and found spurious in one
document, field by field, with the text each object stands on; and
``span_statuses``: every grounding span of a document with its status.

It runs the same alignment as ``score`` and reads the field rules' results the
alignment recorded (``KindAlignment.matched``); summed over the documents, its
per-field TP/FP/FN are the report's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from operator import itemgetter
from typing import Iterable, Mapping, NamedTuple

from benchmark.scoring.alignment import ContentKey, DocumentAlignment, KindAlignment, align
from benchmark.scoring.field_rules import Mode, Shape, Spans, SpanValue, Thresholds, matching, size, span_pairs
from benchmark.scoring.fields import GROUNDING, KIND_FIELDS, FieldSpec, Values
from benchmark.model.records import Annotation, Claim, Document, Entity, Event, Kind, Object

SNIPPET_CONTEXT = 30
"""Characters of context either side of a snippet."""


class Status(str, Enum):
    AGREE = "agree"
    DISAGREE = "disagree"  # both filled; some elements unmatched
    GOLD_ONLY = "gold only"
    PREDICTED_ONLY = "predicted only"


@dataclass(frozen=True, slots=True)
class FieldComparison:
    field: str
    status: Status
    gold: str | None  # the value as shown (None: not filled)
    predicted: str | None
    tp: int
    fp: int
    fn: int


@dataclass(frozen=True, slots=True)
class PairExplanation:
    gold_id: str
    predicted_id: str
    snippet: str
    fields: tuple[FieldComparison, ...]


class FilledField(NamedTuple):
    """A filled field of a missed or spurious object: the value as shown and the
    elements it counts (FN for a missed gold object, FP for a spurious one)."""

    field: str
    value: str
    elements: int


@dataclass(frozen=True, slots=True)
class ObjectExplanation:
    """A missed gold object or a spurious prediction, with its filled fields."""

    id: str
    snippet: str
    fields: tuple[FilledField, ...]


@dataclass(frozen=True, slots=True)
class KindExplanation:
    kind: Kind
    pairs: tuple[PairExplanation, ...]
    missed: tuple[ObjectExplanation, ...]
    spurious: tuple[ObjectExplanation, ...]


class SpanStatus(str, Enum):
    MATCHED = "matched"
    MISSED = "missed"  # a gold span no predicted span of the aligned object agrees with
    SPURIOUS = "spurious"  # a predicted span no gold span of the aligned object agrees with


class Side(str, Enum):
    GOLD = "gold"
    PREDICTED = "predicted"


@dataclass(frozen=True, slots=True)
class SpanResult:
    """One grounding span of one side and what the scorer made of it.

    ``kind`` and ``field`` name the grounding field (entity ``mentions``, event
    ``trigger``, claim ``span``); ``object_id`` is the object on ``side`` that
    holds the span and ``partner_object_id`` the object aligned with it (None
    when unaligned); ``start``/``end`` the half-open offsets; ``status``
    matched, missed (gold) or spurious (predicted); ``partner`` the offsets of
    the other side's span it matched (None unless matched); ``void`` the span
    touches an excluded region (it never matches)."""

    kind: Kind
    field: str
    side: Side
    object_id: str
    partner_object_id: str | None
    start: int
    end: int
    status: SpanStatus
    partner: tuple[int, int] | None
    void: bool = False


@dataclass(frozen=True, slots=True)
class Explanation:
    doc_id: str
    mode: Mode
    kinds: tuple[KindExplanation, ...]
    spans: tuple[SpanResult, ...] = ()


def _show(spec: FieldSpec, obj: Object, mapping: Mapping[str, str] | None) -> str | None:
    value = getattr(obj, spec.name)
    if value is None or value == () or value == "":
        return None
    if spec.shape is Shape.REFERENCE and mapping is not None:
        return f"{value} (= gold {mapping[value]})" if value in mapping else f"{value} (unaligned)"
    if spec.shape is Shape.REFERENCES:
        ids = sorted(set(value))
        if mapping is None:
            return ", ".join(ids)
        return ", ".join(f"{v} (= gold {mapping[v]})" if v in mapping else f"{v} (unaligned)" for v in ids)
    if spec.shape is Shape.SPANS:
        return "; ".join(f"[{m.start}, {m.end}) {m.text!r}" for m in sorted(value, key=lambda m: (m.start, m.end)))
    if spec.shape is Shape.SPAN:
        text = getattr(value, "text", None)
        return f"[{value.start}, {value.end})" + (f" {text!r}" if text is not None else "")
    return value.value if isinstance(value, Enum) else str(value)


def _anchor(obj: Object) -> tuple[int, int] | None:
    if isinstance(obj, Entity) and obj.mentions:
        first = min(obj.mentions, key=lambda m: (m.start, m.end))
        return first.start, first.end
    if isinstance(obj, Event) and obj.trigger is not None:
        return obj.trigger.start, obj.trigger.end
    if isinstance(obj, Claim) and obj.span is not None:
        return obj.span.start, obj.span.end
    return None


def snippet(obj: Object, document: Document | None) -> str:
    """The object's first offset (or its name/content found in the text) with
    ``SNIPPET_CONTEXT`` characters either side, the object in [[brackets]]."""
    if document is None:
        return ""
    text = document.text
    where = _anchor(obj)
    if where is None:
        needle = obj.name if isinstance(obj, Entity) else obj.content if isinstance(obj, Claim) else None
        found = text.find(needle) if needle else -1
        if not needle or found < 0:
            return ""
        where = (found, found + len(needle))
    start, end = where
    left, right = max(0, start - SNIPPET_CONTEXT), min(len(text), end + SNIPPET_CONTEXT)
    shown = ("…" if left else "") + text[left:start] + "[[" + text[start:end] + "]]" + text[end:right] + ("…" if right < len(text) else "")
    return " ".join(shown.split())


def _compare(ka: KindAlignment, pair: int, maps: Mapping[Kind, Mapping[str, str]]) -> tuple[FieldComparison, ...]:
    """The fields of aligned pair number ``pair``: TP as the alignment matched
    them, FP/FN the rest of each side's elements."""
    g, p = ka.pairs[pair]
    matched = ka.matched[pair]
    out = []
    for spec in KIND_FIELDS[ka.kind]:
        gv, pv = spec.column(ka.gold_values)[g], spec.column(ka.predicted_values)[p]
        if gv is None and pv is None:
            continue
        mapping = maps.get(spec.references) if spec.references else None
        shown_gold = _show(spec, ka.gold[g], None)
        shown_predicted = _show(spec, ka.predicted[p], mapping)
        if gv is None:
            out.append(FieldComparison(spec.name, Status.PREDICTED_ONLY, None, shown_predicted, 0, size(spec.shape, pv), 0))
        elif pv is None:
            out.append(FieldComparison(spec.name, Status.GOLD_ONLY, shown_gold, None, 0, 0, size(spec.shape, gv)))
        else:
            tp = matched[spec.name]
            fp, fn = size(spec.shape, pv) - tp, size(spec.shape, gv) - tp
            status = Status.AGREE if fp == fn == 0 else Status.DISAGREE
            out.append(FieldComparison(spec.name, status, shown_gold, shown_predicted, tp, fp, fn))
    return tuple(out)


def _lone(ka: KindAlignment, obj: Object, values: Values, index: int, document: Document | None) -> ObjectExplanation:
    filled = tuple(
        FilledField(spec.name, shown, 0 if (value := spec.column(values)[index]) is None else size(spec.shape, value))
        for spec in KIND_FIELDS[ka.kind]
        if (shown := _show(spec, obj, None)) is not None
    )
    return ObjectExplanation(obj.id, snippet(obj, document), filled)


def explain(
    gold: Annotation,
    predicted: Annotation | None,
    document: Document | None = None,
    mode: Mode | str = Mode.LENIENT,
    kinds: Iterable[Kind] = tuple(Kind),
    thresholds: Thresholds = Thresholds(),
    clusters: Mapping[tuple[Kind, str], ContentKey] | None = None,
) -> Explanation:
    """Aligned pairs with per-field agreement, missed gold objects and spurious
    predictions of one document (``predicted=None``: an empty prediction), and
    the document's ``span_statuses``. ``clusters``: ``alignment.cluster_keys``
    of the whole submission, as ``score`` uses (without it, duplicates that
    differ only in their cluster may pair the other way round; no count changes)."""
    mode = Mode(mode)
    alignment = align(gold, predicted or Annotation(gold.doc_id), mode, thresholds, document, clusters)
    wanted = set(kinds)
    out = []
    for kind in Kind:
        if kind not in wanted:
            continue
        ka = alignment.of(kind)
        pairs = tuple(
            PairExplanation(ka.gold[g].id, ka.predicted[p].id, snippet(ka.gold[g], document),
                            _compare(ka, n, alignment.maps))
            for n, (g, p) in sorted(enumerate(ka.pairs), key=itemgetter(1))
        )
        missed = tuple(_lone(ka, ka.gold[g], ka.gold_values, g, document) for g in ka.unaligned_gold())
        spurious = tuple(_lone(ka, ka.predicted[p], ka.predicted_values, p, document) for p in ka.unaligned_predicted())
        out.append(KindExplanation(kind, pairs, missed, spurious))
    statuses = tuple(r for r in span_statuses(alignment) if r.kind in wanted)
    return Explanation(gold.doc_id, mode, tuple(out), statuses)


def _spans(value: SpanValue | Spans | None) -> Spans:
    if value is None:
        return ()
    return (value,) if isinstance(value, SpanValue) else value


def span_statuses(alignment: DocumentAlignment) -> tuple[SpanResult, ...]:
    """Every gold and predicted span of the document's grounding fields (entity
    mentions, event triggers, claim spans), each with its status in the
    alignment's mode, as ``score`` counts them.

    Within an aligned pair the spans are matched one-to-one by the field rule
    (``field_rules.span_pairs`` and ``matching``, the functions the counts use):
    matched spans name their partner, the others are missed (gold) or spurious
    (predicted). Every span of an unaligned object is missed or spurious with no
    partner object. A mention repeated within one entity appears once. Per
    kind, the predicted spans with status matched number the field's TP, the
    missed its FN and the spurious its FP (summed over documents: the report's
    counts, whether or not the field counts as submitted).

    Order: kinds in dependency order, then gold before predicted, then by
    offsets, then object id."""
    out: list[SpanResult] = []
    for kind in Kind:
        ka = alignment.of(kind)
        spec = GROUNDING[kind]
        gold_column, predicted_column = spec.column(ka.gold_values), spec.column(ka.predicted_values)
        partner_of_gold = {g: ka.predicted[p].id for g, p in ka.pairs}
        partner_of_predicted = {p: ka.gold[g].id for g, p in ka.pairs}
        gold_match: dict[tuple[int, int], tuple[int, int]] = {}
        predicted_match: dict[tuple[int, int], tuple[int, int]] = {}
        for g, p in ka.pairs:
            gs, ps = _spans(gold_column[g]), _spans(predicted_column[p])
            if not gs or not ps:
                continue
            for i, j in matching(span_pairs(gs, ps, ka.mode, ka.thresholds.span_dice)):
                gold_match[(g, i)] = ps[j].offsets
                predicted_match[(p, j)] = gs[i].offsets
        for side, objects, column, partners, matches, lone in (
            (Side.GOLD, ka.gold, gold_column, partner_of_gold, gold_match, SpanStatus.MISSED),
            (Side.PREDICTED, ka.predicted, predicted_column, partner_of_predicted, predicted_match, SpanStatus.SPURIOUS),
        ):
            rows = []
            for n, obj in enumerate(objects):
                for i, span in enumerate(_spans(column[n])):
                    partner = matches.get((n, i))
                    rows.append(SpanResult(kind, spec.name, side, obj.id, partners.get(n), span.start, span.end,
                                           SpanStatus.MATCHED if partner is not None else lone, partner, span.void))
            out += sorted(rows, key=lambda r: (r.start, r.end, r.object_id))
    return tuple(out)
