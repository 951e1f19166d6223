"""Counting one aligned document: TP/FP/FN per field, and the coreference
mentions each side contributes.

Per field (``docs/scoring.md``): an aligned pair with both values filled counts
TP for each matched element and FP/FN for the unmatched ones (a single value that
disagrees is FP and FN); a value filled on one side only counts FP (predicted) or
FN (gold) for each element; an unaligned object counts FP or FN for each filled
field, element by element.
"""

from __future__ import annotations

from typing import Hashable

from .alignment import DocumentAlignment, KindAlignment
from .compare import Mode, Thresholds, match, size
from .fields import FIELDS, KIND_FIELDS, KIND_OFFSET
from .model import Kind

N_FIELDS = len(FIELDS)


def _count_kind(ka: KindAlignment, mode: Mode, maps, thresholds: Thresholds, out: list[int]) -> None:
    fields = KIND_FIELDS[ka.kind]
    base = 3 * KIND_OFFSET[ka.kind]
    reuse = ka.mode is mode and len(ka.matched) == len(ka.pairs)
    for n, (g, p) in enumerate(ka.pairs):
        cached = ka.matched[n] if reuse else None
        for f, (spec, gv, pv) in enumerate(zip(fields, ka.gold_values[g], ka.predicted_values[p])):
            at = base + 3 * f
            if gv is None:
                if pv is not None:
                    out[at + 1] += size(spec.shape, pv)
            elif pv is None:
                out[at + 2] += size(spec.shape, gv)
            else:
                matched = cached[f] if cached is not None and cached[f] is not None else \
                    match(spec.shape, gv, pv, mode, maps.get(spec.references, {}), thresholds)
                out[at] += matched
                out[at + 1] += size(spec.shape, pv) - matched
                out[at + 2] += size(spec.shape, gv) - matched
    for g in ka.unaligned_gold():
        for f, (spec, gv) in enumerate(zip(fields, ka.gold_values[g])):
            if gv is not None:
                out[base + 3 * f + 2] += size(spec.shape, gv)
    for p in ka.unaligned_predicted():
        for f, (spec, pv) in enumerate(zip(fields, ka.predicted_values[p])):
            if pv is not None:
                out[base + 3 * f + 1] += size(spec.shape, pv)


def count_document(alignment: DocumentAlignment, mode: Mode, thresholds: Thresholds = Thresholds()) -> list[int]:
    """Flat counts ``[tp, fp, fn] * len(FIELDS)`` of one aligned document."""
    out = [0] * (3 * N_FIELDS)
    for kind in Kind:
        _count_kind(alignment.of(kind), mode, alignment.maps, thresholds, out)
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
    for g in ka.gold:
        key[(doc, g.id)] = g.cluster if g.cluster is not None else ("singleton", doc, g.id)
    twin = {p: g for g, p in ka.pairs}
    for p, obj in enumerate(ka.predicted):
        mention = (doc, ka.gold[twin[p]].id) if p in twin else (doc, "predicted", obj.id)
        response[mention] = ("predicted", obj.cluster) if obj.cluster is not None else ("singleton", doc, "predicted", obj.id)
