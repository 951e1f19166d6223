"""Mention detection: entity mentions as a flat span set, scored per
nervaluate's four schemes (Segura-Bedmar et al. 2013, SemEval-2013 task 9;
nervaluate 1.2, Batista 2018). A diagnostic beside grounding, never part of the
headline: it ignores which entity a mention belongs to.

The flat set of one document: every mention of every entity as
``(start, end, label)``, offsets half-open code points, label the entity's
``type`` (``NO_LABEL`` when it has none); identical triples counted once;
sorted by (start, end, label), the order both sides are scanned in. Mentions in
a document's excluded regions stay in the set (the gold marks none there, so a
predicted one is spurious).

Per document and scheme, predictions are taken in order and each claims at
most one gold mention not yet claimed, exactly as nervaluate 1.2 does
(min_overlap_percentage 1: a pair *overlaps* when the shared characters are at
least 1 % of the gold mention):

- strict: correct when offsets and label are equal; else *incorrect* when it
  overlaps an unclaimed gold mention (the first such), else spurious;
- exact: as strict, ignoring labels;
- partial: correct when offsets are equal, *partial* when it only overlaps
  (the first such), else spurious; labels ignored;
- ent_type: correct when it overlaps a gold mention of the same label (the one
  with the closest boundaries), else incorrect when it overlaps one of another
  label, else spurious.

Unclaimed gold mentions are missed. Counts add over documents. With
``possible = correct + incorrect + partial + missed`` and ``actual = correct +
incorrect + partial + spurious``: precision = (correct + ½·partial) / actual,
recall = (correct + ½·partial) / possible (partial only in ``partial``), F1 their
harmonic mean. Tested equal to nervaluate on every committed submission and on
generated nested, duplicate and adjacent spans.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Mapping, NamedTuple

from benchmark.model.records import Annotation
from benchmark.scoring.metrics import harmonic_mean, ratio

NO_LABEL = "(none)"
"""The label of a mention whose entity has no type."""


class Scheme(str, Enum):
    STRICT = "strict"
    EXACT = "exact"
    PARTIAL = "partial"
    ENT_TYPE = "ent_type"


class FlatMention(NamedTuple):
    """One flat mention; tuples order by start, end, label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class SchemeScore:
    """nervaluate's counts of one scheme, and the scores derived from them."""

    scheme: Scheme
    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    @property
    def possible(self) -> int:
        return self.correct + self.incorrect + self.partial + self.missed

    @property
    def actual(self) -> int:
        return self.correct + self.incorrect + self.partial + self.spurious

    @property
    def _credit(self) -> float:
        return self.correct + 0.5 * self.partial

    @property
    def precision(self) -> float:
        return ratio(self._credit, self.actual)

    @property
    def recall(self) -> float:
        return ratio(self._credit, self.possible)

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)

    def __add__(self, other: "SchemeScore") -> "SchemeScore":
        return SchemeScore(self.scheme, self.correct + other.correct, self.incorrect + other.incorrect,
                           self.partial + other.partial, self.missed + other.missed, self.spurious + other.spurious)


@dataclass(frozen=True, slots=True)
class MentionDetection:
    """The four schemes over all documents, in ``Scheme`` order."""

    schemes: tuple[SchemeScore, ...]
    gold: int  # flat gold mentions
    predicted: int  # flat predicted mentions

    def get(self, scheme: Scheme | str) -> SchemeScore:
        return next(s for s in self.schemes if s.scheme is Scheme(scheme))


def flat_mentions(annotation: Annotation | None) -> list[FlatMention]:
    """The document's flat mention set, sorted (module docstring)."""
    if annotation is None:
        return []
    found = {
        FlatMention(m.start, m.end, e.type.value if e.type is not None else NO_LABEL)
        for e in annotation.entities for m in e.mentions or () if m.end > m.start
    }
    return sorted(found)


def _overlaps(pred: FlatMention, true: FlatMention) -> bool:
    """nervaluate's test at min_overlap_percentage 1, in half-open offsets."""
    shared = min(pred.end, true.end) - max(pred.start, true.start)
    if shared <= 0:
        return False
    return (shared / (true.end - true.start)) * 100.0 >= 1.0


def _candidates(gold: list[FlatMention], predicted: list[FlatMention]) -> list[list[int]]:
    """Per prediction, the gold mentions it overlaps (nervaluate's 1 % rule), in
    gold order. Only these can be claimed by it (equal offsets overlap); they
    start before its end and after its start minus the longest gold mention."""
    starts = [g.start for g in gold]
    reach = max((g.end - g.start for g in gold), default=0)
    return [[i for i in range(bisect_left(starts, p.start - reach), bisect_left(starts, p.end)) if _overlaps(p, gold[i])]
            for p in predicted]


def _scheme(
    scheme: Scheme, gold: list[FlatMention], predicted: list[FlatMention], candidates: list[list[int]]
) -> SchemeScore:
    """nervaluate's scan, visiting only the overlapping gold mentions (``_candidates``)."""
    correct = incorrect = partial = spurious = 0
    claimed: set[int] = set()
    for pred, overlapping in zip(predicted, candidates, strict=True):
        hit: int | None = None  # the gold mention claimed as correct
        other: int | None = None  # the first overlapping unclaimed one otherwise
        best: int | None = None  # ent_type: closest boundaries so far
        for i in overlapping:
            true = gold[i]
            if i in claimed:
                continue
            same_offsets = pred.start == true.start and pred.end == true.end
            if scheme is Scheme.STRICT or scheme is Scheme.EXACT:
                if same_offsets and (scheme is Scheme.EXACT or pred.label == true.label):
                    hit = i
                    break
                if other is None:
                    other = i
            elif scheme is Scheme.PARTIAL:
                if same_offsets:
                    hit = i
                    break
                if other is None:
                    other = i
            else:
                distance = abs(pred.start - true.start) + abs(pred.end - true.end)
                if pred.label == true.label:
                    if best is None or distance < best:
                        hit, best = i, distance
                elif other is None:
                    other = i
        if hit is not None:
            correct += 1
            claimed.add(hit)
        elif other is not None:
            if scheme is Scheme.PARTIAL:
                partial += 1
            else:
                incorrect += 1
            claimed.add(other)
        else:
            spurious += 1
    return SchemeScore(scheme, correct, incorrect, partial, len(gold) - len(claimed), spurious)


def evaluate_mentions(
    gold: Mapping[str, Annotation], predicted: Mapping[str, Annotation] | Iterable[Annotation]
) -> MentionDetection:
    """The four schemes over every gold document (a document the prediction
    lacks has no predicted mentions)."""
    by_id = predicted if isinstance(predicted, Mapping) else {a.doc_id: a for a in predicted}
    totals = {s: SchemeScore(s) for s in Scheme}
    n_gold = n_predicted = 0
    for doc_id in sorted(gold):
        g, p = flat_mentions(gold[doc_id]), flat_mentions(by_id.get(doc_id))
        n_gold += len(g)
        n_predicted += len(p)
        candidates = _candidates(g, p)
        for s in Scheme:
            totals[s] = totals[s] + _scheme(s, g, p, candidates)
    return MentionDetection(tuple(totals[s] for s in Scheme), n_gold, n_predicted)
