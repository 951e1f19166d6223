"""Counting one aligned document: TP/FP/FN per field, and the coreference
mentions each side contributes.

Per field (``docs/scoring.md``): an aligned pair with both values filled counts
TP for each matched element and FP/FN for the unmatched ones (a single value that
disagrees is FP and FN); a value filled on one side only counts FP (predicted) or
FN (gold) for each element; an unaligned object counts FP or FN for each filled
field, element by element.
"""

from __future__ import annotations

from typing import Any, Hashable

from benchmark.scoring.alignment import DocumentAlignment, KindAlignment
from benchmark.scoring.field_rules import Shape
from benchmark.scoring.fields import FIELDS, KIND_FIELDS, KIND_OFFSET, Values
from benchmark.model.records import Kind

N_FIELDS = len(FIELDS)
_SET_VALUED = {k: tuple(f.shape is Shape.REFERENCES or f.shape is Shape.SPANS for f in KIND_FIELDS[k]) for k in Kind}


def _filled(values: Values, set_valued: tuple[bool, ...]) -> list[int]:
    """Per field: the elements of the filled values over all objects (a set-valued
    value is never empty: ``fields`` prepares an empty one as not filled)."""
    columns: tuple[tuple[Any, ...], ...] = values  # set-valued columns hold sets and tuples (or None)
    return [sum(map(len, filter(None, column))) if many else len(column) - column.count(None)
            for column, many in zip(columns, set_valued, strict=True)]


def _count_kind(ka: KindAlignment, out: list[int]) -> None:
    """TP = matched elements of the aligned pairs; every other filled element of a
    side is an FP (predicted) or FN (gold), aligned or not."""
    set_valued = _SET_VALUED[ka.kind]
    tps = [sum(column) for column in zip(*ka.matched, strict=True)] if ka.matched else [0] * len(set_valued)
    gold = _filled(ka.gold_values, set_valued)
    predicted = _filled(ka.predicted_values, set_valued)
    at = 3 * KIND_OFFSET[ka.kind]
    for tp, p, g in zip(tps, predicted, gold, strict=True):
        out[at:at + 3] = tp, p - tp, g - tp
        at += 3


def count_document(alignment: DocumentAlignment) -> list[int]:
    """Flat counts ``[tp, fp, fn] * len(FIELDS)`` of one aligned document, in the
    mode it was aligned in."""
    out = [0] * (3 * N_FIELDS)
    _count_kind(alignment.entities, out)
    _count_kind(alignment.events, out)
    _count_kind(alignment.claims, out)
    return out


def coref_mentions(
    alignment: DocumentAlignment, kind: Kind, key: dict[Hashable, Hashable], response: dict[Hashable, Hashable]
) -> None:
    """Add one document's mentions of ``kind`` to the key and response clusterings.

    A mention is a gold object (doc id, gold id). An aligned prediction takes its
    gold twin's identity; an unaligned one enters the response without a twin.
    An object with no cluster id is a singleton.
    """
    ka = alignment.of(kind)
    doc = alignment.doc_id
    key.update(((doc, g.id), g.cluster if g.cluster is not None else ("singleton", doc, g.id)) for g in ka.gold)
    twin = {p: ka.gold[g].id for g, p in ka.pairs}
    response.update(
        ((doc, twin[p]) if p in twin else (doc, "predicted", obj.id),
         ("predicted", obj.cluster) if obj.cluster is not None else ("singleton", doc, "predicted", obj.id))
        for p, obj in enumerate(ka.predicted)
    )
