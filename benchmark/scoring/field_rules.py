"""Field comparison: how a gold and a predicted value of one field agree, per mode.

Every field is prepared once per object into a normalised *value* (``None`` when
the field is not filled: absent, null, an empty list or a blank string) and a
*size* (1, or the number of elements of a set-valued field). Comparing two
filled values gives the number of matched elements (0 or 1 for a single value);
the counts follow: TP = matched, FP = size(predicted) - matched,
FN = size(gold) - matched.

Modes (``docs/scoring.md`` has the full table):

- strict: text equal after ``fold`` (NFKC, case-fold, whitespace); exact offsets.
- lenient (default): entity names match any gold surface form (name, aliases,
  mention texts); cues equal after SQuAD normalisation; claim content matches at
  token F1 >= ``CONTENT_F1_THRESHOLD``; spans match when they overlap. Mentions
  are matched one-to-one (a maximum matching of overlapping spans).

Enumerated fields, dates and references compare the same way in both modes.

Each rule is written once, as one function per shape below; the alignment
applies them to its candidate pairs and keeps, per aligned pair, the matched
elements of every field, which the counts and ``explain`` read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Mapping, NamedTuple

import numpy as np

from benchmark.model.records import Offsets, overlaps
from benchmark.scoring.assignment import linear_sum_assignment
from benchmark.scoring.normalize import TextValue


CONTENT_F1_THRESHOLD = 0.5
"""Lenient mode: claim content agrees at SQuAD token F1 >= this."""

CLAIM_KEY_F1_THRESHOLD = 0.5
"""Alignment key minimum for claims: content token F1 >= this (both modes)."""


class Mode(str, Enum):
    STRICT = "strict"
    LENIENT = "lenient"


STRICT, LENIENT = Mode.STRICT, Mode.LENIENT
"""The modes as module constants: reading an Enum member through its class is
slow enough to matter in the scorer's inner loops."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The named constants that change scores; written into every report."""

    content_f1: float = CONTENT_F1_THRESHOLD
    claim_key_f1: float = CLAIM_KEY_F1_THRESHOLD


class Shape(str, Enum):
    """How a field's values compare."""

    ENUM = "enum"  # a category; equal or not
    DATE = "date"  # ISO date string: equal after fold, no partial credit
    NAME = "name"  # entity name: strict canonical name, lenient any gold surface form
    CUE = "cue"  # short text: strict fold, lenient SQuAD normal form
    CONTENT = "content"  # long text: strict fold, lenient token F1 >= threshold
    REFERENCE = "reference"  # id of another object, mapped through its kind's alignment
    REFERENCES = "references"  # set of ids, element by element through the alignment
    SPAN = "span"  # one offset pair: strict exact, lenient overlap
    SPANS = "spans"  # set of offset pairs, element by element, one-to-one


class NameValue(NamedTuple):
    """A prepared entity name: the canonical form and every surface form."""

    canonical: str
    surfaces: frozenset[str]


Spans = tuple[Offsets, ...]
"""A set of spans as distinct offsets in sorted order."""

# The rules, one function per shape. Each takes two prepared values (``None``:
# not filled) and returns the matched elements: 0 when either side is not filled.


def equal(gold: object, predicted: object) -> int:
    """ENUM and DATE: equal values (dates are prepared in ``fold`` form)."""
    return int(gold is not None and gold == predicted)


def name_match(gold: NameValue | None, predicted: NameValue | None, mode: Mode) -> int:
    """NAME: strict, the canonical names are equal; lenient, the predicted name is
    one of the gold entity's surface forms."""
    if gold is None or predicted is None:
        return 0
    if mode is STRICT:
        return int(predicted.canonical == gold.canonical)
    return int(predicted.canonical in gold.surfaces)


def cue_match(gold: TextValue | None, predicted: TextValue | None, mode: Mode) -> int:
    """CUE: strict, equal after ``fold``; lenient, equal SQuAD token sequences."""
    if gold is None or predicted is None:
        return 0
    if mode is STRICT:
        return int(gold.folded == predicted.folded)
    return int(gold.tokens == predicted.tokens)


def content_match(
    gold: TextValue | None, predicted: TextValue | None, mode: Mode, threshold: float, f1: float | None = None
) -> int:
    """CONTENT: strict, equal after ``fold``; lenient, token F1 >= ``threshold``
    (``f1``: the pair's token F1 when already computed)."""
    if gold is None or predicted is None:
        return 0
    if mode is STRICT:
        return int(gold.folded == predicted.folded)
    return int((gold.f1(predicted) if f1 is None else f1) >= threshold)


def span_match(gold: Offsets | None, predicted: Offsets | None, mode: Mode) -> int:
    """SPAN: strict, identical offsets; lenient, overlapping spans."""
    if gold is None or predicted is None:
        return 0
    if mode is STRICT:
        return int(gold == predicted)
    return int(overlaps(gold, predicted))


def _iou(a: Offsets, b: Offsets) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match_spans(gold: Spans | None, predicted: Spans | None, mode: Mode) -> int:
    """SPANS: matched elements between two sets of spans, one-to-one.

    strict: spans with identical offsets. lenient: a maximum matching of
    overlapping pairs; among maximum matchings, the one with the largest total
    overlap (intersection over union) wins, so exact pairs are kept together.
    """
    if gold is None or predicted is None:
        return 0
    exact = len(set(gold).intersection(predicted))
    if mode is STRICT or exact == len(gold) or exact == len(predicted):
        return exact  # in lenient mode: every span of one side already matched exactly, so maximal
    pairs = [(i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted) if overlaps(g, p)]
    if len({i for i, _ in pairs}) == len(pairs) and len({j for _, j in pairs}) == len(pairs):
        return len(pairs)  # no span overlaps two others: the matching is the pairs themselves
    rows = sorted({i for i, _ in pairs})
    cols = sorted({j for _, j in pairs})
    ri, ci = {r: n for n, r in enumerate(rows)}, {c: n for n, c in enumerate(cols)}
    weights = np.zeros((len(rows), len(cols)))
    scale = 1 / (max(len(rows), len(cols)) + 1)
    for i, j in pairs:
        weights[ri[i], ci[j]] = 1 + scale * _iou(gold[i], predicted[j])
    r, c = linear_sum_assignment(weights, maximize=True)
    return int(np.count_nonzero(weights[r, c]))


def reference_match(gold: str | None, predicted: str | None, mapping: Mapping[str, str]) -> int:
    """REFERENCE: the predicted id is aligned with the gold id (``mapping``:
    predicted ids of the referenced kind -> their aligned gold ids)."""
    return int(gold is not None and predicted is not None and mapping.get(predicted) == gold)


def references_match(gold: frozenset[str] | None, predicted: frozenset[str] | None, mapping: Mapping[str, str]) -> int:
    """REFERENCES: the predicted ids aligned with one of the gold ids."""
    if gold is None or predicted is None:
        return 0
    return sum(map(gold.__contains__, map(mapping.get, predicted)))


def size(shape: Shape, value: object) -> int:
    """Elements a filled value counts for: its length if set-valued, else 1."""
    if shape is Shape.REFERENCES or shape is Shape.SPANS:
        assert isinstance(value, (tuple, frozenset))
        return len(value)
    return 1
