"""Counting one aligned document: TP/FP/FN per field, and the coreference
mentions each side contributes.

Per field (``docs/scoring.md``): an aligned pair with both values filled counts
TP for each matched element and FP/FN for the unmatched ones (a single value that
disagrees is FP and FN); a value filled on one side only counts FP (predicted) or
FN (gold) for each element; an unaligned object counts FP or FN for each filled
field, element by element. Fields are read through the field table
(``FieldSpec.column``, ``FieldSpec.set_valued``), by name.
"""

from __future__ import annotations

from typing import Any, Hashable

from benchmark.model.records import Kind
from benchmark.scoring.alignment import DocumentAlignment, KindAlignment
from benchmark.scoring.fields import FIELD_INDEX, FIELDS, KIND_FIELDS, FieldSpec, Values

N_FIELDS = len(FIELDS)


def filled_elements(spec: FieldSpec, values: Values) -> int:
    """Elements of a field's filled values over all objects (a set-valued value
    is never empty: ``fields`` prepares an empty one as not filled)."""
    column: tuple[Any, ...] = spec.column(values)
    if spec.set_valued:
        return sum(map(len, filter(None, column)))
    return len(column) - column.count(None)


def _count_kind(ka: KindAlignment, out: list[int]) -> None:
    """TP = matched elements of the aligned pairs; every other filled element of a
    side is an FP (predicted) or FN (gold), aligned or not."""
    for spec in KIND_FIELDS[ka.kind]:
        tp = sum(m[spec.name] for m in ka.matched)
        at = 3 * FIELD_INDEX[(spec.kind, spec.name)]
        fp, fn = filled_elements(spec, ka.predicted_values) - tp, filled_elements(spec, ka.gold_values) - tp
        if fp < 0 or fn < 0:  # a rule matched an element twice: a scorer bug, never a score
            raise AssertionError(f"{spec.key}: negative count (tp {tp}, fp {fp}, fn {fn})")
        out[at:at + 3] = tp, fp, fn


def count_document(alignment: DocumentAlignment) -> list[int]:
    """Flat counts ``[tp, fp, fn] * len(FIELDS)`` (``FIELDS`` order) of one
    aligned document, in the mode it was aligned in."""
    out = [0] * (3 * N_FIELDS)
    for kind in Kind:
        _count_kind(alignment.of(kind), out)
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
