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

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter
from typing import Iterable, Mapping, Sequence, cast

import numpy as np
from scipy.optimize import linear_sum_assignment

from benchmark.model.records import Annotation, Entity, Kind, Object, Offsets, overlaps
from benchmark.scoring.field_rules import (
    Mode, Thresholds, content_match, cue_match, equal, match_spans, name_match, reference_match, references_match,
    span_match,
)
from benchmark.scoring.fields import PREPARE, ClaimValues, EntityValues, EventValues, Values, surface_forms

_PLURAL = {kind: kind.plural for kind in Kind}
Pair = tuple[int, int]
Scored = dict[Pair, tuple[float, tuple[int, ...]]]  # candidate -> (weight, matched elements per field)


@dataclass(frozen=True, slots=True)
class KindAlignment:
    """One kind of one document: objects sorted by id, their prepared field
    values, the aligned pairs as (gold index, predicted index), and per pair the
    matched elements of every field in ``mode`` (0 where a side is not filled):
    the field rules' results that the counts and ``explain`` read."""

    kind: Kind
    mode: Mode
    gold: tuple[Object, ...]
    predicted: tuple[Object, ...]
    gold_values: tuple[Values, ...]
    predicted_values: tuple[Values, ...]
    pairs: tuple[Pair, ...]
    matched: tuple[tuple[int, ...], ...] = ()  # per pair, per field of the kind

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
        alignment: KindAlignment = getattr(self, _PLURAL[kind])
        return alignment


def _overlapping(gold: list[tuple[Offsets, int]], predicted: list[tuple[Offsets, int]]) -> set[Pair]:
    """Owner pairs of overlapping (span, owner) items of the two sides
    (``overlaps``), found through an index: for each predicted span, only gold
    spans starting before its end, and at most the longest gold span before its
    start, can overlap it; of those, the ones ending after its start do."""
    if not gold or not predicted:
        return set()
    gold.sort()
    starts = [span[0] for span, _ in gold]
    reach = max(e - s for (s, e), _ in gold)
    pairs = set()
    for (start, end), j in predicted:
        for (_, other_end), i in gold[bisect_right(starts, start - reach):bisect_left(starts, end)]:
            if start < other_end:
                pairs.add((i, j))
    return pairs


def _entity_candidates(
    gold: Sequence[Entity], predicted: Sequence[Entity],
    gold_values: Sequence[EntityValues], predicted_values: Sequence[EntityValues],
) -> set[Pair]:
    def forms(entity: Entity, values: EntityValues) -> frozenset[str]:
        return values.name.surfaces if values.name is not None else surface_forms(entity)

    index: dict[str, list[int]] = defaultdict(list)
    for i, (entity, values) in enumerate(zip(gold, gold_values)):
        for form in forms(entity, values):
            index[form].append(i)
    pairs = {(i, j) for j, (entity, values) in enumerate(zip(predicted, predicted_values))
             for form in forms(entity, values) for i in index.get(form, ())}
    pairs |= _overlapping([(span, i) for i, v in enumerate(gold_values) for span in v.mentions or ()],
                          [(span, j) for j, v in enumerate(predicted_values) for span in v.mentions or ()])
    return pairs


def _event_candidates(gold_values: Sequence[EventValues], predicted_values: Sequence[EventValues]) -> set[Pair]:
    by_type: dict[object, list[int]] = defaultdict(list)
    for i, values in enumerate(gold_values):
        if values.type is not None:
            by_type[values.type].append(i)
    pairs = {(i, j) for j, values in enumerate(predicted_values) for i in by_type.get(values.type, ())}
    pairs |= _overlapping([(v.trigger, i) for i, v in enumerate(gold_values) if v.trigger is not None],
                          [(v.trigger, j) for j, v in enumerate(predicted_values) if v.trigger is not None])
    return pairs


def _claim_candidates(
    gold_values: Sequence[ClaimValues], predicted_values: Sequence[ClaimValues], threshold: float
) -> dict[Pair, float]:
    """Pairs whose content token F1 reaches ``threshold``, with that F1 (pairs
    sharing no token are never candidates, but two empty contents are)."""
    gold = [(i, content) for i, values in enumerate(gold_values) if (content := values.content) is not None]
    pairs: dict[Pair, float] = {}
    for j, values in enumerate(predicted_values):
        content = values.content
        if content is None:
            continue
        if not content.tokens:  # SQuAD: two empty answers agree
            pairs.update(((i, j), other.f1(content)) for i, other in gold if not other.tokens)
            continue
        levels = content.levels
        for i, other in gold:
            if not levels.isdisjoint(other.levels) and (f1 := other.f1(content)) >= threshold:
                pairs[(i, j)] = f1
    return pairs


# Pair weights (module docstring): core TP + (1 + grounding agreement + content F1) / 3 * scale,
# the terms added in field order; matched elements per field by the field rules in the
# alignment's mode, grounding agreement in lenient mode (overlap).

def _entity_weights(
    gold_values: Sequence[EntityValues], predicted_values: Sequence[EntityValues], candidates: Iterable[Pair],
    mode: Mode, maps: Mapping[Kind, Mapping[str, str]], scale: float,
) -> Scored:
    out: Scored = {}
    for i, j in candidates:
        g, p = gold_values[i], predicted_values[j]
        name = name_match(g.name, p.name, mode)
        kind = equal(g.type, p.type)
        secondary = 1.0
        spans = 0
        if g.mentions is not None and p.mentions is not None:
            if g.mentions == p.mentions:  # prepared spans are distinct: all match, exactly
                spans = len(g.mentions)
                secondary += 1.0
            else:
                overlap = match_spans(g.mentions, p.mentions, Mode.LENIENT)
                secondary += 2 * overlap / (len(g.mentions) + len(p.mentions))
                spans = overlap if mode is Mode.LENIENT else match_spans(g.mentions, p.mentions, mode)
        out[(i, j)] = (name + kind + secondary / 3 * scale, (name, kind, spans))
    return out


def _event_weights(
    gold_values: Sequence[EventValues], predicted_values: Sequence[EventValues], candidates: Iterable[Pair],
    mode: Mode, maps: Mapping[Kind, Mapping[str, str]], scale: float,
) -> Scored:
    entities = maps.get(Kind.ENTITY, _EMPTY)
    out: Scored = {}
    for i, j in candidates:
        g, p = gold_values[i], predicted_values[j]
        kind = equal(g.type, p.type)
        date = equal(g.date, p.date)
        location = reference_match(g.location, p.location, entities)
        participants = references_match(g.participants, p.participants, entities)
        modality = equal(g.modality, p.modality)
        trigger = span_match(g.trigger, p.trigger, mode)
        secondary = 1.0 + (trigger if mode is Mode.LENIENT else span_match(g.trigger, p.trigger, Mode.LENIENT))
        core = kind + date + location + participants + modality
        out[(i, j)] = (core + secondary / 3 * scale, (kind, date, location, participants, modality, trigger))
    return out


def _claim_weights(
    gold_values: Sequence[ClaimValues], predicted_values: Sequence[ClaimValues], candidates: Mapping[Pair, float],
    mode: Mode, maps: Mapping[Kind, Mapping[str, str]], scale: float, threshold: float,
) -> Scored:
    entities, events = maps.get(Kind.ENTITY, _EMPTY), maps.get(Kind.EVENT, _EMPTY)
    out: Scored = {}
    for (i, j), f1 in candidates.items():  # both contents are filled
        g, p = gold_values[i], predicted_values[j]
        claimant = reference_match(g.claimant, p.claimant, entities)
        cue = cue_match(g.cue, p.cue, mode)
        content = content_match(g.content, p.content, mode, threshold, f1)
        quote = equal(g.quote, p.quote)
        polarity = equal(g.polarity, p.polarity)
        about = references_match(g.about, p.about, events)
        span = span_match(g.span, p.span, mode)
        secondary = 1.0 + f1 + (span if mode is Mode.LENIENT else span_match(g.span, p.span, Mode.LENIENT))
        core = claimant + cue + content + quote + polarity + about
        out[(i, j)] = (core + secondary / 3 * scale, (claimant, cue, content, quote, polarity, about, span))
    return out


_EMPTY: Mapping[str, str] = {}
_BY_ID = attrgetter("id")


def _assign(scored: Scored, n_gold: int, n_predicted: int) -> tuple[Pair, ...]:
    """The maximum-weight one-to-one assignment among the scored candidates."""
    rows = {i for i, _ in scored}
    cols = {j for _, j in scored}
    if len(rows) == len(scored) == len(cols):  # no two candidates compete: the optimum takes them all
        return tuple(sorted(scored))
    weights = np.zeros((n_gold, n_predicted))
    for pair, (weight, _) in scored.items():
        weights[pair] = weight
    r, c = linear_sum_assignment(weights, maximize=True)
    return tuple((i, j) for i, j in zip(r.tolist(), c.tolist()) if weights[i, j] > 0)


def align_kind(
    kind: Kind,
    gold: Sequence[Object],
    predicted: Sequence[Object],
    maps: Mapping[Kind, Mapping[str, str]],
    mode: Mode = Mode.LENIENT,
    thresholds: Thresholds = Thresholds(),
) -> KindAlignment:
    """The optimal one-to-one alignment of one kind's objects in one document."""
    gold = tuple(sorted(gold, key=_BY_ID))
    predicted = tuple(sorted(predicted, key=_BY_ID))
    prepare = PREPARE[kind]
    gold_values = tuple(map(prepare, gold))
    predicted_values = tuple(map(prepare, predicted))
    pairs: tuple[Pair, ...] = ()
    matched: tuple[tuple[int, ...], ...] = ()
    if gold and predicted:
        scale = 1 / (max(len(gold), len(predicted)) + 1)
        scored: Scored
        # the casts name what PREPARE[kind] made: the kind's own objects and values
        if kind is Kind.ENTITY:
            g_entities = cast(tuple[EntityValues, ...], gold_values)
            p_entities = cast(tuple[EntityValues, ...], predicted_values)
            candidates = _entity_candidates(
                cast(tuple[Entity, ...], gold), cast(tuple[Entity, ...], predicted), g_entities, p_entities)
            scored = _entity_weights(g_entities, p_entities, candidates, mode, maps, scale)
        elif kind is Kind.EVENT:
            g_events = cast(tuple[EventValues, ...], gold_values)
            p_events = cast(tuple[EventValues, ...], predicted_values)
            scored = _event_weights(g_events, p_events, _event_candidates(g_events, p_events), mode, maps, scale)
        else:
            g_claims = cast(tuple[ClaimValues, ...], gold_values)
            p_claims = cast(tuple[ClaimValues, ...], predicted_values)
            f1s = _claim_candidates(g_claims, p_claims, thresholds.claim_key_f1)
            scored = _claim_weights(g_claims, p_claims, f1s, mode, maps, scale, thresholds.content_f1)
        if scored:
            pairs = _assign(scored, len(gold), len(predicted))
            matched = tuple(scored[pair][1] for pair in pairs)
    return KindAlignment(kind, mode, gold, predicted, gold_values, predicted_values, pairs, matched)


def align(
    gold: Annotation, predicted: Annotation, mode: Mode | str = Mode.LENIENT, thresholds: Thresholds = Thresholds()
) -> DocumentAlignment:
    """Align one document, kind by kind in dependency order."""
    mode = Mode(mode)
    maps: dict[Kind, Mapping[str, str]] = {}
    entities = align_kind(Kind.ENTITY, gold.entities, predicted.entities, maps, mode, thresholds)
    maps[Kind.ENTITY] = entities.mapping()
    events = align_kind(Kind.EVENT, gold.events, predicted.events, maps, mode, thresholds)
    maps[Kind.EVENT] = events.mapping()
    claims = align_kind(Kind.CLAIM, gold.claims, predicted.claims, maps, mode, thresholds)
    maps[Kind.CLAIM] = claims.mapping()
    return DocumentAlignment(gold.doc_id, entities, events, claims, maps)
