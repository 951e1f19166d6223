"""Aligning predicted objects with gold objects, per document and kind.

Kinds are aligned in dependency order (entities, events, claims), so that the
references of events and claims are compared through the alignment of the kind
they point to. Within a kind the alignment is an optimal one-to-one assignment
(Kuhn 1955; ``scipy.optimize.linear_sum_assignment``) over the pairs that meet
the kind's key minimum (the same in both modes):

- entity: a shared surface form (name, alias or name-kind mention text after ``fold``) or
  an overlapping mention;
- event: the same type, and anchored in the text: overlapping triggers, or an
  aligned participant or location, or the same day-precision date;
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
from typing import Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from benchmark.scoring.field_rules import Mode, Thresholds, match_spans
from benchmark.scoring.fields import KIND_FIELDS, PREPARE, surface_forms
from benchmark.model.records import Annotation, Claim, Entity, Event, Kind

Object = Entity | Event | Claim
_PLURAL = {kind: kind.plural for kind in Kind}
Pair = tuple[int, int]
Scored = dict[Pair, tuple[float, tuple[int, ...]]]  # candidate -> (weight, matched elements per field)


@dataclass(frozen=True, slots=True)
class KindAlignment:
    """One kind of one document: objects sorted by id, their prepared field
    values, the aligned pairs as (gold index, predicted index), and per pair the
    matched elements of every field in ``mode`` (0 where a side is not filled)."""

    kind: Kind
    mode: Mode
    gold: tuple[Object, ...]
    predicted: tuple[Object, ...]
    gold_values: tuple[tuple, ...]
    predicted_values: tuple[tuple, ...]
    pairs: tuple[tuple[int, int], ...]
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
        return getattr(self, _PLURAL[kind])


def _overlapping(gold: list[tuple[int, int, int]], predicted: list[tuple[int, int, int]]) -> set[Pair]:
    """Owner pairs of overlapping (start, end, owner) spans of the two sides: for
    each predicted span, only gold spans starting within the longest gold span
    before its end can overlap it."""
    if not gold or not predicted:
        return set()
    gold.sort()
    starts = [s for s, _, _ in gold]
    reach = max(e - s for s, e, _ in gold)
    pairs = set()
    for s, e, j in predicted:
        for gs, ge, i in gold[bisect_right(starts, s - reach):bisect_left(starts, e)]:
            if s < ge:
                pairs.add((i, j))
    return pairs


def _entity_candidates(gold: Sequence[Entity], predicted: Sequence[Entity], gold_values, predicted_values) -> set[Pair]:
    def forms(entity: Entity, values: tuple) -> frozenset[str]:
        return values[0].surfaces if values[0] is not None else surface_forms(entity)

    index: dict[str, list[int]] = defaultdict(list)
    for i, (entity, values) in enumerate(zip(gold, gold_values)):
        for form in forms(entity, values):
            index[form].append(i)
    pairs = {(i, j) for j, (entity, values) in enumerate(zip(predicted, predicted_values))
             for form in forms(entity, values) for i in index.get(form, ())}
    pairs |= _overlapping([(s, e, i) for i, v in enumerate(gold_values) for s, e in v[2] or ()],
                          [(s, e, j) for j, v in enumerate(predicted_values) for s, e in v[2] or ()])
    return pairs


DAY = len("YYYY-MM-DD")
"""Length of a day-precision ISO date: only such a date anchors an event (a year
or a month can be guessed from the publication date)."""


def _anchored(gold: tuple, predicted: tuple, entities: Mapping[str, str]) -> bool:
    """An event pair's anchor in the text (``docs/scoring.md``): overlapping
    triggers, or an entity the prediction involves (participant or location)
    aligned to one the gold event involves, or the same day-precision date. A
    trigger that misses is no worse than none, so withholding triggers never pays."""
    _, g_date, g_location, g_participants, _, g_trigger = gold
    _, p_date, p_location, p_participants, _, p_trigger = predicted
    if g_trigger is not None and p_trigger is not None and g_trigger[0] < p_trigger[1] and p_trigger[0] < g_trigger[1]:
        return True
    involved = set(g_participants or ())
    if g_location is not None:
        involved.add(g_location)
    if any(entities.get(p) in involved for p in (*(p_participants or ()), p_location) if p is not None):
        return True
    return g_date is not None and g_date == p_date and len(g_date) == DAY


def _event_candidates(gold_values: Sequence[tuple], predicted_values: Sequence[tuple], entities: Mapping[str, str]) -> set[Pair]:
    """Pairs of the same type that are anchored in the text (``_anchored``)."""
    by_type: dict[object, list[int]] = defaultdict(list)
    for i, values in enumerate(gold_values):
        if values[0] is not None:
            by_type[values[0]].append(i)
    return {(i, j) for j, values in enumerate(predicted_values) for i in by_type.get(values[0], ())
            if _anchored(gold_values[i], values, entities)}


def _claim_candidates(gold_values: Sequence[tuple], predicted_values: Sequence[tuple], threshold: float) -> dict[Pair, float]:
    """Pairs whose content token F1 reaches ``threshold``, with that F1 (pairs
    sharing no token are never candidates, but two empty contents are)."""
    gold = [(i, content.levels, len(content.tokens)) for i, values in enumerate(gold_values)
            if (content := values[_CONTENT]) is not None]
    pairs: dict[Pair, float] = {}
    for j, values in enumerate(predicted_values):
        content = values[_CONTENT]
        if content is None:
            continue
        size = len(content.tokens)
        if not size:  # SQuAD: two empty answers agree
            pairs.update(((i, j), 1.0) for i, _, n in gold if not n)
            continue
        levels = content.levels
        for i, gold_levels, n in gold:
            shared = len(levels & gold_levels)  # the multiset overlap (``normalize.token_levels``)
            if shared:
                f1 = 2 * shared / (n + size)
                if f1 >= threshold:
                    pairs[(i, j)] = f1
    return pairs


# Pair weights (module docstring): core TP + (1 + grounding agreement + content F1) / 3 * scale,
# the terms added in field order; matched elements per field, grounding in the alignment's mode.

def _entity_weights(gold_values, predicted_values, candidates, lenient: bool, maps, scale: float) -> Scored:
    out: Scored = {}
    for i, j in candidates:
        g_name, g_type, g_spans = gold_values[i]
        p_name, p_type, p_spans = predicted_values[j]
        name = 0
        if g_name is not None and p_name is not None:
            name = int(p_name.canonical in g_name.surfaces) if lenient else int(p_name.canonical == g_name.canonical)
        kind = int(g_type is not None and g_type == p_type)
        secondary = 1.0
        spans = 0
        if g_spans is not None and p_spans is not None:
            if g_spans == p_spans:  # prepared spans are distinct: all match, exactly
                spans = len(g_spans)
                secondary += 2 * spans / (spans + spans)
            else:
                overlap = match_spans(g_spans, p_spans, Mode.LENIENT)
                secondary += 2 * overlap / (len(g_spans) + len(p_spans))
                spans = overlap if lenient else match_spans(g_spans, p_spans, Mode.STRICT)
        out[(i, j)] = (name + kind + secondary / 3 * scale, (name, kind, spans))
    return out


def _event_weights(gold_values, predicted_values, candidates, lenient: bool, maps, scale: float) -> Scored:
    entities = maps.get(Kind.ENTITY, _EMPTY)
    out: Scored = {}
    for i, j in candidates:
        g_type, g_date, g_location, g_participants, g_modality, g_trigger = gold_values[i]
        p_type, p_date, p_location, p_participants, p_modality, p_trigger = predicted_values[j]
        kind = int(g_type is not None and g_type == p_type)
        date = int(g_date is not None and g_date == p_date)
        location = int(g_location is not None and p_location is not None and entities.get(p_location) == g_location)
        participants = 0
        if g_participants is not None and p_participants is not None:
            participants = sum(1 for p in p_participants if entities.get(p) in g_participants)
        modality = int(g_modality is not None and g_modality == p_modality)
        secondary = 1.0
        trigger = 0
        if g_trigger is not None and p_trigger is not None:
            overlap = g_trigger[0] < p_trigger[1] and p_trigger[0] < g_trigger[1]
            secondary += 1.0 if overlap else 0.0
            trigger = int(overlap) if lenient else int(g_trigger == p_trigger)
        core = kind + date + location + participants + modality
        out[(i, j)] = (core + secondary / 3 * scale, (kind, date, location, participants, modality, trigger))
    return out


def _claim_weights(gold_values, predicted_values, candidates, lenient: bool, maps, scale: float, threshold: float) -> Scored:
    entities, events = maps.get(Kind.ENTITY, _EMPTY), maps.get(Kind.EVENT, _EMPTY)
    out: Scored = {}
    for (i, j), f1 in candidates.items():  # both contents are filled
        g_claimant, g_cue, g_content, g_quote, g_polarity, g_about, g_span = gold_values[i]
        p_claimant, p_cue, p_content, p_quote, p_polarity, p_about, p_span = predicted_values[j]
        claimant = int(g_claimant is not None and p_claimant is not None and entities.get(p_claimant) == g_claimant)
        cue = 0
        if g_cue is not None and p_cue is not None:
            cue = int(g_cue.tokens == p_cue.tokens) if lenient else int(g_cue.folded == p_cue.folded)
        content = int(f1 >= threshold) if lenient else int(g_content.folded == p_content.folded)
        quote = int(g_quote is not None and g_quote == p_quote)
        polarity = int(g_polarity is not None and g_polarity == p_polarity)
        about = 0
        if g_about is not None and p_about is not None:
            about = sum(1 for p in p_about if events.get(p) in g_about)
        secondary = 1.0 + f1
        span = 0
        if g_span is not None and p_span is not None:
            overlap = g_span[0] < p_span[1] and p_span[0] < g_span[1]
            secondary += 1.0 if overlap else 0.0
            span = int(overlap) if lenient else int(g_span == p_span)
        core = claimant + cue + content + quote + polarity + about
        out[(i, j)] = (core + secondary / 3 * scale, (claimant, cue, content, quote, polarity, about, span))
    return out


_EMPTY: Mapping[str, str] = {}
_CONTENT = [f.name for f in KIND_FIELDS[Kind.CLAIM]].index("content")
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
        lenient = mode is Mode.LENIENT
        scale = 1 / (max(len(gold), len(predicted)) + 1)
        scored: Scored
        if kind is Kind.ENTITY:
            candidates = _entity_candidates(gold, predicted, gold_values, predicted_values)  # type: ignore[arg-type]
            scored = _entity_weights(gold_values, predicted_values, candidates, lenient, maps, scale)
        elif kind is Kind.EVENT:
            candidates = _event_candidates(gold_values, predicted_values, maps.get(Kind.ENTITY, _EMPTY))
            scored = _event_weights(gold_values, predicted_values, candidates, lenient, maps, scale)
        else:
            f1s = _claim_candidates(gold_values, predicted_values, thresholds.claim_key_f1)
            scored = _claim_weights(gold_values, predicted_values, f1s, lenient, maps, scale, thresholds.content_f1)
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
