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
from typing import Iterable, Mapping, Sequence, cast

import numpy as np

from benchmark.model.records import Annotation, Entity, Kind, Object, overlaps
from benchmark.scoring.assignment import linear_sum_assignment
from benchmark.scoring.field_rules import (
    LENIENT, Mode, NameValue, Thresholds, content_match, cue_match, equal, match_spans, name_match, reference_match,
    references_match, span_match,
)
from benchmark.scoring.fields import PREPARE, ClaimValues, EntityValues, EventValues, Values, surface_forms

_PLURAL = {kind: kind.plural for kind in Kind}
Pair = tuple[int, int]
Scored = dict[Pair, tuple[float, tuple[int, ...]]]  # candidate -> (weight, matched elements per field)


@dataclass(frozen=True, slots=True)
class KindAlignment:
    """One kind of one document: objects sorted by id, their prepared field
    values (``values[f][i]``: field ``f`` of object ``i``), the aligned pairs as
    (gold index, predicted index), and per pair the matched elements of every
    field in ``mode`` (0 where a side is not filled): the field rules' results
    that the counts and ``explain`` read."""

    kind: Kind
    mode: Mode
    gold: tuple[Object, ...]
    predicted: tuple[Object, ...]
    gold_values: Values
    predicted_values: Values
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


def _overlapping(gold: list[tuple[int, int, int]], predicted: list[tuple[int, int, int]]) -> set[Pair]:
    """Owner pairs of overlapping (start, end, owner) spans of the two sides
    (``overlaps``), found through an index: for each predicted span, only gold
    spans starting before its end, and at most the longest gold span before its
    start, can overlap it; of those, the ones ending after its start do."""
    if not gold or not predicted:
        return set()
    gold.sort()
    starts = [s for s, _, _ in gold]
    reach = max(e - s for s, e, _ in gold)
    pairs = set()
    for s, e, j in predicted:
        for _, other_end, i in gold[bisect_right(starts, s - reach):bisect_left(starts, e)]:
            if s < other_end:
                pairs.add((i, j))
    return pairs


def _entity_candidates(
    gold: Sequence[Entity], predicted: Sequence[Entity], gold_values: EntityValues, predicted_values: EntityValues,
) -> set[Pair]:
    def forms(entity: Entity, name: NameValue | None) -> frozenset[str]:
        return name.surfaces if name is not None else surface_forms(entity)

    index: dict[str, list[int]] = defaultdict(list)
    for i, (entity, name) in enumerate(zip(gold, gold_values.name)):
        for form in forms(entity, name):
            index[form].append(i)
    pairs = {(i, j) for j, (entity, name) in enumerate(zip(predicted, predicted_values.name))
             for form in forms(entity, name) for i in index.get(form, ())}
    pairs |= _overlapping([(s, e, i) for i, spans in enumerate(gold_values.mentions) for s, e in spans or ()],
                          [(s, e, j) for j, spans in enumerate(predicted_values.mentions) for s, e in spans or ()])
    return pairs


DAY = len("YYYY-MM-DD")
"""Length of a day-precision ISO date: only such a date anchors an event (a year
or a month can be guessed from the publication date)."""


def _anchored(gold: EventValues, i: int, predicted: EventValues, j: int, entities: Mapping[str, str]) -> bool:
    """An event pair's anchor in the text (``docs/scoring.md``): overlapping
    triggers, or an entity the prediction involves (participant or location)
    aligned to one the gold event involves, or the same day-precision date. A
    trigger that misses is no worse than none, so withholding triggers never pays."""
    g_trigger, p_trigger = gold.trigger[i], predicted.trigger[j]
    if g_trigger is not None and p_trigger is not None and overlaps(g_trigger, p_trigger):
        return True
    involved = set(gold.participants[i] or ())
    g_location = gold.location[i]
    if g_location is not None:
        involved.add(g_location)
    p_location = predicted.location[j]
    if any(entities.get(p) in involved for p in (*(predicted.participants[j] or ()), p_location) if p is not None):
        return True
    g_date = gold.date[i]
    return g_date is not None and g_date == predicted.date[j] and len(g_date) == DAY


def _event_candidates(gold_values: EventValues, predicted_values: EventValues, entities: Mapping[str, str]) -> set[Pair]:
    """Pairs of the same type that are anchored in the text (``_anchored``)."""
    by_type: dict[object, list[int]] = defaultdict(list)
    for i, type_ in enumerate(gold_values.type):
        if type_ is not None:
            by_type[type_].append(i)
    return {(i, j) for j, type_ in enumerate(predicted_values.type) for i in by_type.get(type_, ())
            if _anchored(gold_values, i, predicted_values, j, entities)}


def _claim_candidates(gold_values: ClaimValues, predicted_values: ClaimValues, threshold: float) -> dict[Pair, float]:
    """Pairs whose content token F1 reaches ``threshold``, with that F1 (pairs
    sharing no token are never candidates, but two empty contents are)."""
    gold = [(i, content, content.levels) for i, content in enumerate(gold_values.content) if content is not None]
    pairs: dict[Pair, float] = {}
    for j, content in enumerate(predicted_values.content):
        if content is None:
            continue
        if not content.tokens:  # SQuAD: two empty answers agree
            pairs.update(((i, j), other.f1(content)) for i, other, _ in gold if not other.tokens)
            continue
        levels = content.levels
        for i, other, other_levels in gold:
            if not levels.isdisjoint(other_levels) and (f1 := other.f1(content)) >= threshold:
                pairs[(i, j)] = f1
    return pairs


# Pair weights (module docstring): core TP + (1 + grounding agreement + content F1) / 3 * scale,
# the terms added in field order; matched elements per field by the field rules in the
# alignment's mode, grounding agreement in lenient mode (overlap).

def _entity_weights(
    gold: EntityValues, predicted: EntityValues, candidates: Iterable[Pair],
    mode: Mode, maps: Mapping[Kind, Mapping[str, str]], scale: float,
) -> Scored:
    g_name, g_type, g_mentions = gold.name, gold.type, gold.mentions
    p_name, p_type, p_mentions = predicted.name, predicted.type, predicted.mentions
    out: Scored = {}
    for i, j in candidates:
        name = name_match(g_name[i], p_name[j], mode)
        kind = equal(g_type[i], p_type[j])
        secondary = 1.0
        spans = 0
        g, p = g_mentions[i], p_mentions[j]
        if g is not None and p is not None:
            if g == p:  # prepared spans are distinct: all match, exactly
                spans = len(g)
                secondary += 1.0
            else:
                overlap = match_spans(g, p, LENIENT)
                secondary += 2 * overlap / (len(g) + len(p))
                spans = overlap if mode is LENIENT else match_spans(g, p, mode)
        out[(i, j)] = (name + kind + secondary / 3 * scale, (name, kind, spans))
    return out


def _event_weights(
    gold: EventValues, predicted: EventValues, candidates: Iterable[Pair],
    mode: Mode, maps: Mapping[Kind, Mapping[str, str]], scale: float,
) -> Scored:
    entities = maps.get(Kind.ENTITY, _EMPTY)
    lenient = mode is LENIENT
    g_type, g_date, g_location, g_participants, g_modality, g_trigger = (
        gold.type, gold.date, gold.location, gold.participants, gold.modality, gold.trigger)
    p_type, p_date, p_location, p_participants, p_modality, p_trigger = (
        predicted.type, predicted.date, predicted.location, predicted.participants, predicted.modality,
        predicted.trigger)
    out: Scored = {}
    for i, j in candidates:
        kind = equal(g_type[i], p_type[j])
        date = equal(g_date[i], p_date[j])
        location = reference_match(g_location[i], p_location[j], entities)
        participants = references_match(g_participants[i], p_participants[j], entities)
        modality = equal(g_modality[i], p_modality[j])
        g, p = g_trigger[i], p_trigger[j]
        trigger = span_match(g, p, mode)
        secondary = 1.0 + (trigger if lenient else span_match(g, p, LENIENT))
        core = kind + date + location + participants + modality
        out[(i, j)] = (core + secondary / 3 * scale, (kind, date, location, participants, modality, trigger))
    return out


def _claim_weights(
    gold: ClaimValues, predicted: ClaimValues, candidates: Mapping[Pair, float],
    mode: Mode, maps: Mapping[Kind, Mapping[str, str]], scale: float, threshold: float,
) -> Scored:
    entities, events = maps.get(Kind.ENTITY, _EMPTY), maps.get(Kind.EVENT, _EMPTY)
    lenient = mode is LENIENT
    g_claimant, g_cue, g_content, g_quote, g_polarity, g_about, g_span = (
        gold.claimant, gold.cue, gold.content, gold.quote, gold.polarity, gold.about, gold.span)
    p_claimant, p_cue, p_content, p_quote, p_polarity, p_about, p_span = (
        predicted.claimant, predicted.cue, predicted.content, predicted.quote, predicted.polarity, predicted.about,
        predicted.span)
    out: Scored = {}
    for (i, j), f1 in candidates.items():  # both contents are filled
        claimant = reference_match(g_claimant[i], p_claimant[j], entities)
        cue = cue_match(g_cue[i], p_cue[j], mode)
        content = content_match(g_content[i], p_content[j], mode, threshold, f1)
        quote = equal(g_quote[i], p_quote[j])
        polarity = equal(g_polarity[i], p_polarity[j])
        about = references_match(g_about[i], p_about[j], events)
        g, p = g_span[i], p_span[j]
        span = span_match(g, p, mode)
        secondary = 1.0 + f1 + (span if lenient else span_match(g, p, LENIENT))
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
    gold_values = PREPARE[kind](gold)
    predicted_values = PREPARE[kind](predicted)
    pairs: tuple[Pair, ...] = ()
    matched: tuple[tuple[int, ...], ...] = ()
    if gold and predicted:
        scale = 1 / (max(len(gold), len(predicted)) + 1)
        scored: Scored
        # PREPARE[kind] made the kind's own values; the isinstance checks say so to the type checker
        if isinstance(gold_values, EntityValues) and isinstance(predicted_values, EntityValues):
            entities = cast(tuple[Entity, ...], gold), cast(tuple[Entity, ...], predicted)
            candidates = _entity_candidates(*entities, gold_values, predicted_values)
            scored = _entity_weights(gold_values, predicted_values, candidates, mode, maps, scale)
        elif isinstance(gold_values, EventValues) and isinstance(predicted_values, EventValues):
            candidates = _event_candidates(gold_values, predicted_values, maps.get(Kind.ENTITY, _EMPTY))
            scored = _event_weights(gold_values, predicted_values, candidates, mode, maps, scale)
        else:
            assert isinstance(gold_values, ClaimValues) and isinstance(predicted_values, ClaimValues)
            f1s = _claim_candidates(gold_values, predicted_values, thresholds.claim_key_f1)
            scored = _claim_weights(gold_values, predicted_values, f1s, mode, maps, scale, thresholds.content_f1)
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
