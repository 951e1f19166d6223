"""Aligning predicted objects with gold objects, per document and kind.

Kinds are aligned in dependency order (entities, events, claims), so that the
references of events and claims are compared through the alignment of the kind
they point to. Within a kind the alignment is an optimal one-to-one assignment
(Kuhn 1955; ``scipy.optimize.linear_sum_assignment``) over the pairs that meet
the kind's key minimum (the same in both modes):

- entity: a shared surface form (name, alias or mention text after ``fold``) or
  an overlapping mention;
- event: the same type or overlapping triggers;
- claim: content token F1 >= ``CLAIM_KEY_F1_THRESHOLD``.

A pair's weight is lexicographic: first the true positives it scores on the
kind's core fields in the current mode (matched elements, so a set-valued field
counts each element); then, as a tie-breaker worth less than one true positive
over the whole assignment, ``(1 + grounding agreement + content token F1) / 3``
divided by ``n + 1`` (``n`` the larger side). So the alignment maximises the
kind's core TP (hence its core recall and micro-F1), and among equal ones prefers
better offsets and closer content. Remaining ties are broken deterministically:
objects enter the assignment sorted by id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from .compare import Mode, Shape, Thresholds, agreement, match
from .fields import KIND_FIELDS, PREPARE, FieldSpec, Track, surface_forms
from .model import Annotation, Claim, Entity, Event, Kind

Object = Entity | Event | Claim


@dataclass(frozen=True, slots=True)
class KindAlignment:
    """One kind of one document: objects sorted by id, their prepared field
    values, the aligned pairs as (gold index, predicted index), and the matched
    elements of each pair's core fields, computed while aligning in ``mode``."""

    kind: Kind
    mode: Mode
    gold: tuple[Object, ...]
    predicted: tuple[Object, ...]
    gold_values: tuple[tuple, ...]
    predicted_values: tuple[tuple, ...]
    pairs: tuple[tuple[int, int], ...]
    matched: tuple[tuple[int | None, ...], ...] = ()  # per pair: core-field matches in ``mode``

    def mapping(self) -> dict[str, str]:
        """Predicted id -> aligned gold id."""
        return {self.predicted[p].id: self.gold[g].id for g, p in self.pairs}

    def unaligned_gold(self) -> list[int]:
        aligned = {g for g, _ in self.pairs}
        return [i for i in range(len(self.gold)) if i not in aligned]

    def unaligned_predicted(self) -> list[int]:
        aligned = {p for _, p in self.pairs}
        return [i for i in range(len(self.predicted)) if i not in aligned]


@dataclass(frozen=True, slots=True)
class DocumentAlignment:
    doc_id: str
    entities: KindAlignment
    events: KindAlignment
    claims: KindAlignment
    maps: Mapping[Kind, Mapping[str, str]]

    def of(self, kind: Kind) -> KindAlignment:
        return getattr(self, kind.plural)


def _entity_candidates(gold: Sequence[Entity], predicted: Sequence[Entity]) -> set[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, entity in enumerate(gold):
        for form in surface_forms(entity):
            index[form].append(i)
    pairs = {(i, j) for j, entity in enumerate(predicted) for form in surface_forms(entity) for i in index.get(form, ())}
    gold_spans = [(m.start, m.end, i) for i, e in enumerate(gold) for m in e.mentions or ()]
    predicted_spans = [(m.start, m.end, j) for j, e in enumerate(predicted) for m in e.mentions or ()]
    if gold_spans and predicted_spans:
        g = np.array(gold_spans, dtype=np.int64)
        p = np.array(predicted_spans, dtype=np.int64)
        hit = (g[:, 0, None] < p[None, :, 1]) & (p[None, :, 0] < g[:, 1, None])
        rows, cols = np.nonzero(hit)
        pairs.update(zip(g[rows, 2].tolist(), p[cols, 2].tolist()))
    return pairs


def _event_candidates(gold: Sequence[Event], predicted: Sequence[Event]) -> set[tuple[int, int]]:
    pairs = set()
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if g.type is not None and g.type == p.type:
                pairs.add((i, j))
            elif g.trigger and p.trigger and g.trigger.start < p.trigger.end and p.trigger.start < g.trigger.end:
                pairs.add((i, j))
    return pairs


def _claim_candidates(gold_values: Sequence[tuple], predicted_values: Sequence[tuple], threshold: float) -> set[tuple[int, int]]:
    """Pairs whose content token F1 reaches ``threshold``: the multiset overlap with
    every gold claim is accumulated through an inverted index of token counts."""
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    gold_sizes = []
    empty_gold = []
    for i, values in enumerate(gold_values):
        content = values[_CONTENT]
        gold_sizes.append(len(content.tokens) if content else 0)
        if content is not None:
            if not content.tokens:
                empty_gold.append(i)
            for token, count in content.bag.items():
                index[token].append((i, count))
    pairs = set()
    for j, values in enumerate(predicted_values):
        content = values[_CONTENT]
        if content is None:
            continue
        if not content.tokens:  # SQuAD: two empty answers agree
            pairs.update((i, j) for i in empty_gold)
            continue
        common: dict[int, int] = defaultdict(int)
        for token, count in content.bag.items():
            for i, gold_count in index.get(token, ()):
                common[i] += count if count < gold_count else gold_count
        size = len(content.tokens)
        for i, shared in common.items():
            if 2 * shared / (gold_sizes[i] + size) >= threshold:
                pairs.add((i, j))
    return pairs


def _weight(
    fields: Sequence[FieldSpec], g: tuple, p: tuple, mode: Mode, maps: Mapping[Kind, Mapping[str, str]],
    thresholds: Thresholds, scale: float,
) -> tuple[float, tuple[int | None, ...]]:
    """Core true positives plus the scaled tie-breaker (see the module docstring),
    and the matched elements of each core field (None: not filled on both sides)."""
    core = 0
    secondary = 1.0
    matched: list[int | None] = []
    for spec, gv, pv in zip(fields, g, p):
        if gv is None or pv is None:
            matched.append(None)
            continue
        mapping = maps.get(spec.references, _EMPTY)  # type: ignore[arg-type]
        if spec.shape is Shape.CONTENT:  # token F1 once: the match and the tie-breaker
            f1 = gv.f1(pv)
            m = int(gv.folded == pv.folded) if mode is Mode.STRICT else int(f1 >= thresholds.content_f1)
            core += m
            matched.append(m)
            secondary += f1
        elif spec.track is Track.CORE:
            m = match(spec.shape, gv, pv, mode, mapping, thresholds)
            core += m
            matched.append(m)
        else:
            matched.append(None)
            secondary += agreement(spec.shape, gv, pv, mapping, thresholds)
    return core + secondary / 3 * scale, tuple(matched)


_EMPTY: Mapping[str, str] = {}
_CONTENT = [f.name for f in KIND_FIELDS[Kind.CLAIM]].index("content")


def align_kind(
    kind: Kind,
    gold: Sequence[Object],
    predicted: Sequence[Object],
    maps: Mapping[Kind, Mapping[str, str]],
    mode: Mode = Mode.LENIENT,
    thresholds: Thresholds = Thresholds(),
) -> KindAlignment:
    """The optimal one-to-one alignment of one kind's objects in one document."""
    gold = tuple(sorted(gold, key=lambda o: o.id))
    predicted = tuple(sorted(predicted, key=lambda o: o.id))
    prepare = PREPARE[kind]
    gold_values = tuple(prepare(o) for o in gold)
    predicted_values = tuple(prepare(o) for o in predicted)
    if kind is Kind.ENTITY:
        candidates = _entity_candidates(gold, predicted)  # type: ignore[arg-type]
    elif kind is Kind.EVENT:
        candidates = _event_candidates(gold, predicted)  # type: ignore[arg-type]
    else:
        candidates = _claim_candidates(gold_values, predicted_values, thresholds.claim_key_f1)
    pairs: tuple[tuple[int, int], ...] = ()
    matched: tuple[tuple[int | None, ...], ...] = ()
    if candidates:
        fields = KIND_FIELDS[kind]
        weights = np.zeros((len(gold), len(predicted)))
        scale = 1 / (max(len(gold), len(predicted)) + 1)
        cached = {}
        for i, j in candidates:
            weights[i, j], cached[(i, j)] = _weight(fields, gold_values[i], predicted_values[j], mode, maps, thresholds, scale)
        rows, cols = linear_sum_assignment(weights, maximize=True)
        pairs = tuple((int(i), int(j)) for i, j in zip(rows.tolist(), cols.tolist()) if weights[i, j] > 0)
        matched = tuple(cached[pair] for pair in pairs)
    return KindAlignment(kind, mode, gold, predicted, gold_values, predicted_values, pairs, matched)


def align(
    gold: Annotation, predicted: Annotation, mode: Mode | str = Mode.LENIENT, thresholds: Thresholds = Thresholds()
) -> DocumentAlignment:
    """Align one document, kind by kind in dependency order."""
    mode = Mode(mode)
    maps: dict[Kind, Mapping[str, str]] = {}
    kinds = {}
    for kind in Kind:
        kinds[kind] = align_kind(kind, gold.objects(kind), predicted.objects(kind), maps, mode, thresholds)
        maps[kind] = kinds[kind].mapping()
    return DocumentAlignment(gold.doc_id, kinds[Kind.ENTITY], kinds[Kind.EVENT], kinds[Kind.CLAIM], maps)
