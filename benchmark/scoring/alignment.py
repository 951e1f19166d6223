"""Aligning predicted objects with gold objects, per document and kind.

Kinds are aligned in dependency order (entities, events, claims), so that the
references of events and claims are compared through the alignment of the kind
they point to. Within a kind the alignment is an optimal one-to-one assignment
(Kuhn 1955; ``scipy.optimize.linear_sum_assignment``) over the pairs that meet
the kind's key minimum:

- entity: a shared surface form (name or name-kind mention text after ``fold``,
  never an alias) or an agreeing mention (``field_rules.span_agrees``, lenient);
- event: the same type, and anchored in the text: agreeing triggers, or two
  distinct involved gold entities reached through aligned participants or
  location (the one, when the gold event involves one; a date is never an
  anchor);
- claim: content token F1 >= ``CLAIM_KEY_F1_THRESHOLD``.

**One alignment for both modes.** Keys and weights are always the lenient ones;
the mode changes only how each field is credited on the aligned pairs
(``KindAlignment.matched``). Every lenient criterion contains the strict one,
so lenient is never below strict, field by field.

A pair's weight is lexicographic: first the true positives it scores on the
kind's core fields (lenient); then, worth less than one true positive over the
whole assignment, its *evidence* in [0, 1] divided by ``n + 1`` (``n`` the
larger side): entity, the mean of its mentions' element F1 and the Jaccard of
the surface forms; event, the trigger agreement; claim, the mean of content
token F1 and span agreement. A pair with no evidence adds nothing, so more
pairs never beat better evidence.

**Ties** are broken by content, never by ids or input order: predicted objects
enter the assignment sorted by a canonical key of their content (references
replaced by the keys of the objects they point to, the cluster by the content
of its members over the submission; ``content_keys``, ``cluster_keys``), gold
objects by id (the gold is fixed). Objects with equal keys are identical
duplicates: each counts (the extra copies are spurious), and any choice among
them gives the same counts, because a reference to any copy resolves to the
same gold id (``_with_duplicates``). Copies in different clusters of identical content
are ordered by cluster label, the same way in every document, so the clusters
are used consistently; any consistent choice between isomorphic clusters gives
the same coreference scores.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from benchmark.model.records import Annotation, Document, Kind, Object
from benchmark.scoring.assignment import linear_sum_assignment
from benchmark.scoring.field_rules import (
    LENIENT, Context, Mode, Rule, SpanValue, Thresholds, holds_cue, matching, span_agreement, span_pairs,
)
from benchmark.scoring.fields import (
    GROUNDING, KIND_CORE, KIND_FIELDS, PREPARE, ClaimValues, EntityValues, EventValues, FieldSpec, Values,
)

_PLURAL = {kind: kind.plural for kind in Kind}
Pair = tuple[int, int]


@dataclass(frozen=True, slots=True)
class KindAlignment:
    """One kind of one document: gold objects sorted by id, predicted objects in
    canonical order, their prepared field values (``spec.column(values)[i]``),
    the aligned pairs as (gold index, predicted index), and per pair the
    matched elements of every field in ``mode``, keyed by field name (0 where a
    side is not filled): the field rules' results that the counts and
    ``explain`` read."""

    kind: Kind
    mode: Mode
    gold: tuple[Object, ...]
    predicted: tuple[Object, ...]
    gold_values: Values
    predicted_values: Values
    pairs: tuple[Pair, ...]
    matched: tuple[Mapping[str, int], ...] = ()  # per pair: field name -> matched elements
    thresholds: Thresholds = Thresholds()

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
    document: Document | None = None

    def of(self, kind: Kind) -> KindAlignment:
        alignment: KindAlignment = getattr(self, _PLURAL[kind])
        return alignment


# --- canonical content keys -------------------------------------------------------------------

ContentKey = tuple[object, ...]
"""A canonical key of an object's content (``content_keys``): plain strings,
numbers and tuples of them, so keys of one kind compare and hash."""


def _v(value: object) -> str:
    return "" if value is None else str(getattr(value, "value", value))


_MISSING: ContentKey = ("?",)


def content_keys(annotation: Annotation) -> dict[Kind, dict[str, ContentKey]]:
    """Per kind, object id -> a canonical key of the object's content: every
    field, references replaced by the referenced objects' keys (clusters aside:
    ``cluster_keys`` covers them). Ids never enter a key, so renaming ids
    changes no key; objects with equal keys are identical duplicates."""
    keys: dict[Kind, dict[str, ContentKey]] = {k: {} for k in Kind}
    ent = keys[Kind.ENTITY]
    for e in annotation.entities:
        ent[e.id] = (_v(e.name), _v(e.type), tuple(sorted(e.aliases or ())),
                     tuple(sorted((m.start, m.end, m.text, _v(m.kind)) for m in e.mentions or ())))
    evt = keys[Kind.EVENT]
    for v in annotation.events:
        trigger = (v.trigger.start, v.trigger.end) if v.trigger is not None else ()
        location = ent.get(v.location, _MISSING) if v.location else ()
        evt[v.id] = (_v(v.type), trigger, _v(v.date), location,
                     tuple(sorted(ent.get(p, _MISSING) for p in v.participants or ())), _v(v.modality))
    clm = keys[Kind.CLAIM]
    for c in annotation.claims:
        span = (c.span.start, c.span.end) if c.span is not None else ()
        claimant = ent.get(c.claimant, _MISSING) if c.claimant else ()
        clm[c.id] = (_v(c.content), _v(c.cue), claimant, span, _v(c.quote), _v(c.polarity),
                     tuple(sorted(evt.get(a, _MISSING) for a in c.about or ())))
    return keys


def cluster_keys(
    annotations: Iterable[Annotation], keys: Mapping[str, Mapping[Kind, Mapping[str, ContentKey]]] | None = None
) -> dict[tuple[Kind, str], ContentKey]:
    """(kind, cluster label) -> a canonical key of the cluster's members over the
    whole submission (doc ids and member content keys), so that identical
    duplicates in different clusters are ordered by content too. ``keys``: the
    documents' ``content_keys`` when already computed (by doc id)."""
    members: dict[tuple[Kind, str], list[tuple[str, ContentKey]]] = defaultdict(list)
    for annotation in annotations:
        own = keys[annotation.doc_id] if keys is not None else content_keys(annotation)
        for kind in Kind:
            for obj in annotation.objects(kind):
                if obj.cluster is not None:
                    members[(kind, obj.cluster)].append((annotation.doc_id, own[kind][obj.id]))
    return {label: tuple(sorted(m)) for label, m in members.items()}


def _order(
    kind: Kind, objects: Sequence[Object], keys: Mapping[str, ContentKey], clusters: Mapping[tuple[Kind, str], ContentKey]
) -> tuple[Object, ...]:
    """Predicted objects in canonical order: by content key, then by the
    content of their cluster, then by cluster label (the same choice between
    isomorphic clusters in every document)."""
    def key(o: Object) -> tuple[ContentKey, ContentKey, str]:
        cluster = clusters.get((kind, o.cluster), ()) if o.cluster is not None else ()
        return keys.get(o.id, _MISSING), cluster, o.cluster or ""
    return tuple(sorted(objects, key=key))


# --- candidates -----------------------------------------------------------------------------

def _agreeing_counts(gold: list[tuple[SpanValue, int]], predicted: list[tuple[SpanValue, int]], dice: float) -> dict[Pair, int]:
    """Owner pairs with the number of the predicted owner's spans that agree
    (lenient) with a span of the gold owner. Agreeing spans overlap: for each
    predicted span only gold spans starting before its end and after its start
    minus the longest gold span are tried."""
    if not gold or not predicted:
        return {}
    gold.sort(key=lambda x: (x[0].start, x[0].end, x[1]))
    starts = [s.start for s, _ in gold]
    reach = max(s.end - s.start for s, _ in gold)
    counts: dict[Pair, int] = defaultdict(int)
    for p, j in predicted:
        owners = {i for g, i in gold[bisect_left(starts, p.start - reach):bisect_left(starts, p.end)]
                  if g.end > p.start and span_agreement(g, p, LENIENT, dice) > 0}
        for i in owners:
            counts[(i, j)] += 1
    return counts


MENTION_KEY_SHARE = 0.5
"""Entity key by mentions: at least this share of the predicted entity's
mentions agree with mentions of the gold entity (a mention flood agrees with
every entity somewhere, and with none for most of its mentions)."""


def _entity_candidates(gold: EntityValues, predicted: EntityValues, dice: float) -> set[Pair]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(gold.name):
        for form in name.surfaces if name is not None else ():
            index[form].append(i)
    pairs = {(i, j) for j, name in enumerate(predicted.name) if name is not None
             for form in name.surfaces for i in index.get(form, ())}
    counts = _agreeing_counts([(s, i) for i, spans in enumerate(gold.mentions) for s in spans or ()],
                              [(s, j) for j, spans in enumerate(predicted.mentions) for s in spans or ()], dice)
    for (i, j), n in counts.items():
        if n >= MENTION_KEY_SHARE * len(predicted.mentions[j] or ()):
            pairs.add((i, j))
    return pairs


INVOLVED_SHARE = 0.25
"""Event anchor by involved entities: at least this share of the entities the
prediction involves (participants and location) are aligned to entities the
gold event involves. Involving every entity anchors nothing."""

INVOLVED_MIN = 2
"""Event anchor by involved entities: at least this many distinct gold entities
the gold event involves are reached through the prediction's aligned
participants and location (all of them when the gold event involves fewer). A
single guessed participant (the article's most frequent name) takes part in
most of the story's events: one entity times every type anchors without
reading."""


def _anchored(gold: EventValues, i: int, predicted: EventValues, j: int, entities: Mapping[str, str], dice: float) -> bool:
    """An event pair's anchor in the text (``docs/scoring.md``): agreeing
    triggers; or, without them, the prediction's involved entities
    (participants and location) reach at least ``INVOLVED_MIN`` distinct gold
    entities the gold event involves (all of them if it involves fewer), and at
    least ``INVOLVED_SHARE`` of the prediction's involved entities are aligned
    to them. A date is never an anchor (every
    article of a story shares its dates). A trigger that misses is no worse
    than none, so withholding triggers never pays."""
    g_trigger, p_trigger = gold.trigger[i], predicted.trigger[j]
    if g_trigger is not None and p_trigger is not None and span_agreement(g_trigger, p_trigger, LENIENT, dice) > 0:
        return True
    involved = set(gold.participants[i] or ())
    g_location = gold.location[i]
    if g_location is not None:
        involved.add(g_location)
    if not involved:
        return False
    mine = set(predicted.participants[j] or ())
    p_location = predicted.location[j]
    if p_location is not None:
        mine.add(p_location)
    hits = [entities.get(p) for p in mine]
    shared = sum(1 for g in hits if g in involved)
    reached = len(involved.intersection(hits))
    return reached >= min(INVOLVED_MIN, len(involved)) and shared >= INVOLVED_SHARE * len(mine)


def _event_candidates(gold: EventValues, predicted: EventValues, entities: Mapping[str, str], dice: float) -> set[Pair]:
    """Pairs of the same type that are anchored in the text (``_anchored``)."""
    by_type: dict[object, list[int]] = defaultdict(list)
    for i, type_ in enumerate(gold.type):
        if type_ is not None:
            by_type[type_].append(i)
    return {(i, j) for j, type_ in enumerate(predicted.type) for i in by_type.get(type_, ())
            if _anchored(gold, i, predicted, j, entities, dice)}


def _claim_candidates(gold: ClaimValues, predicted: ClaimValues, threshold: float) -> dict[Pair, float]:
    """Pairs whose content token F1 reaches ``threshold``, with that F1, unless
    the predicted content does not occur in the text (``ContentValue.read``) or
    holds a cue (``field_rules.holds_cue``: a sentence
    with its "said" is not a content). Pairs sharing no token are never
    candidates, but two empty contents are."""
    golds = [(i, c, c.text.levels) for i, c in enumerate(gold.content) if c is not None]
    pairs: dict[Pair, float] = {}
    for j, c in enumerate(predicted.content):
        if c is None or not c.read:  # a content not found in the text keys nothing
            continue
        content = c.text
        if not content.tokens:  # SQuAD: two empty answers agree
            pairs.update(((i, j), other.text.f1(content)) for i, other, _ in golds if not other.text.tokens)
            continue
        levels = content.levels
        for i, other, other_levels in golds:
            if not levels.isdisjoint(other_levels) and (f1 := other.text.f1(content)) >= threshold \
                    and not holds_cue(other, c):
                pairs[(i, j)] = f1
    return pairs


# --- weights --------------------------------------------------------------------------------

def _grounding(kind: Kind, gold: Values, i: int, predicted: Values, j: int, dice: float) -> float:
    """Lenient agreement of the pair's grounding field in [0, 1]: the element F1
    of the mentions, or the strength of the trigger or span agreement."""
    spec = GROUNDING[kind]
    g, p = spec.column(gold)[i], spec.column(predicted)[j]
    if g is None or p is None:
        return 0.0
    if spec.set_valued:
        matched = len(matching(span_pairs(g, p, LENIENT, dice)))
        return 2 * matched / (len(g) + len(p))
    return span_agreement(g, p, LENIENT, dice)


def _evidence(kind: Kind, gold: Values, i: int, predicted: Values, j: int, f1: float, dice: float) -> float:
    grounding = _grounding(kind, gold, i, predicted, j, dice)
    if isinstance(gold, EntityValues) and isinstance(predicted, EntityValues):
        g, p = gold.name[i], predicted.name[j]
        jaccard = len(g.surfaces & p.surfaces) / len(g.surfaces | p.surfaces) if g is not None and p is not None else 0.0
        return (grounding + jaccard) / 2
    if kind is Kind.CLAIM:
        return (grounding + f1) / 2
    return grounding


Columns = list[tuple[FieldSpec, Rule, tuple[Any, ...], tuple[Any, ...], Context]]
"""Per field of a kind: its spec, rule, gold and predicted columns and the
rule's context (with the field's referenced kind)."""


def _columns(specs: Sequence[FieldSpec], gold: Values, predicted: Values, ctx: Context) -> Columns:
    return [(spec, spec.rule, spec.column(gold), spec.column(predicted),
             Context(ctx.mode, ctx.thresholds, ctx.maps, spec.references)) for spec in specs]


def _core_tp(columns: Columns, i: int, j: int) -> int:
    return sum(rule(g[i], p[j], ctx) for _, rule, g, p, ctx in columns)


def matched_fields(columns: Columns, i: int, j: int) -> dict[str, int]:
    """Matched elements of every field of one pair, by field name, in the
    columns' mode (``_columns`` of ``KIND_FIELDS[kind]``)."""
    return {spec.name: rule(g[i], p[j], ctx) for spec, rule, g, p, ctx in columns}


_BY_ID = attrgetter("id")


def _assign(weights_of: Mapping[Pair, float], n_gold: int, n_predicted: int) -> tuple[Pair, ...]:
    """The maximum-weight one-to-one assignment among the candidates."""
    rows = {i for i, _ in weights_of}
    cols = {j for _, j in weights_of}
    if len(rows) == len(weights_of) == len(cols):  # no two candidates compete: the optimum takes them all
        return tuple(sorted(p for p, w in weights_of.items() if w > 0))
    weights = np.zeros((n_gold, n_predicted))
    for pair, weight in weights_of.items():
        weights[pair] = weight
    r, c = linear_sum_assignment(weights, maximize=True)
    return tuple(sorted((i, j) for i, j in zip(r.tolist(), c.tolist()) if weights[i, j] > 0))


def align_kind(
    kind: Kind,
    gold: Sequence[Object],
    predicted: Sequence[Object],
    maps: Mapping[Kind, Mapping[str, str]],
    mode: Mode = Mode.LENIENT,
    thresholds: Thresholds = Thresholds(),
    document: Document | None = None,
    keys: Mapping[str, ContentKey] | None = None,
    clusters: Mapping[tuple[Kind, str], ContentKey] | None = None,
) -> KindAlignment:
    """The optimal one-to-one alignment of one kind's objects in one document
    (the same pairs in both modes; ``mode`` sets the crediting). ``keys``:
    predicted id -> canonical content key (``content_keys``) and ``clusters``
    (``cluster_keys``): the order predicted objects enter the assignment in
    (without ``keys``: by id)."""
    gold = tuple(sorted(gold, key=_BY_ID))
    if keys is None:
        predicted = tuple(sorted(predicted, key=_BY_ID))
    else:
        predicted = _order(kind, predicted, keys, clusters or {})
    gold_values = PREPARE[kind](gold, document)
    predicted_values = PREPARE[kind](predicted, document)
    pairs: tuple[Pair, ...] = ()
    matched: tuple[Mapping[str, int], ...] = ()
    if gold and predicted:
        dice = thresholds.span_dice
        scale = 1 / (max(len(gold), len(predicted)) + 1)
        f1s: Mapping[Pair, float]
        if isinstance(gold_values, EntityValues) and isinstance(predicted_values, EntityValues):
            f1s = dict.fromkeys(_entity_candidates(gold_values, predicted_values, dice), 0.0)
        elif isinstance(gold_values, EventValues) and isinstance(predicted_values, EventValues):
            f1s = dict.fromkeys(_event_candidates(gold_values, predicted_values, maps.get(Kind.ENTITY, {}), dice), 0.0)
        else:
            assert isinstance(gold_values, ClaimValues) and isinstance(predicted_values, ClaimValues)
            f1s = _claim_candidates(gold_values, predicted_values, thresholds.claim_key_f1)
        core = _columns(KIND_CORE[kind], gold_values, predicted_values, Context(LENIENT, thresholds, maps))
        weights = {
            (i, j): _core_tp(core, i, j) + scale * _evidence(kind, gold_values, i, predicted_values, j, f1, dice)
            for (i, j), f1 in f1s.items()
        }
        if weights:
            pairs = _assign(weights, len(gold), len(predicted))
            every = _columns(KIND_FIELDS[kind], gold_values, predicted_values, Context(mode, thresholds, maps))
            matched = tuple(matched_fields(every, g, p) for g, p in pairs)
    return KindAlignment(kind, mode, gold, predicted, gold_values, predicted_values, pairs, matched, thresholds)


def _with_duplicates(ka: KindAlignment, keys: Mapping[str, ContentKey]) -> dict[str, str]:
    """The references map of a kind: predicted id -> gold id, the same for every
    prediction of one content key (clusters aside): the least gold id aligned
    with any prediction of that key. Identical duplicates cannot be told apart
    by what refers to them (``content_keys`` replaces a reference by the
    referenced object's key), so a reference to any copy resolves the same way,
    whichever copies the assignment aligned (which copy that is follows input
    order and cluster labels; which gold objects the key's copies take does not)."""
    mapping = ka.mapping()
    by_key: dict[ContentKey, str] = {}
    for p, g in mapping.items():
        key = keys.get(p)
        if key is not None and (key not in by_key or g < by_key[key]):
            by_key[key] = g
    for obj in ka.predicted:
        twin = by_key.get(keys.get(obj.id, _MISSING))
        if twin is not None:
            mapping[obj.id] = twin
    return mapping


def align(
    gold: Annotation,
    predicted: Annotation,
    mode: Mode | str = Mode.LENIENT,
    thresholds: Thresholds = Thresholds(),
    document: Document | None = None,
    clusters: Mapping[tuple[Kind, str], ContentKey] | None = None,
    keys: Mapping[Kind, Mapping[str, ContentKey]] | None = None,
) -> DocumentAlignment:
    """Align one document, kind by kind in dependency order. ``document`` (its
    text and excluded regions) is needed for excluded regions and claim-span
    boundaries; ``clusters`` (``cluster_keys`` of the whole submission) orders
    duplicates that differ only in their cluster; ``keys``: the prediction's
    ``content_keys`` when already computed."""
    mode = Mode(mode)
    if keys is None:
        keys = content_keys(predicted)
    maps: dict[Kind, Mapping[str, str]] = {}
    out: dict[Kind, KindAlignment] = {}
    for kind in Kind:
        out[kind] = align_kind(kind, gold.objects(kind), predicted.objects(kind), maps, mode, thresholds, document,
                               keys[kind], clusters)
        maps[kind] = _with_duplicates(out[kind], keys[kind])
    return DocumentAlignment(gold.doc_id, out[Kind.ENTITY], out[Kind.EVENT], out[Kind.CLAIM], maps, document)


__all__ = ["Pair", "KindAlignment", "DocumentAlignment", "ContentKey", "align", "align_kind", "content_keys",
           "cluster_keys", "matched_fields"]

