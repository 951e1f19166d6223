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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping, NamedTuple

import numpy as np
from scipy.optimize import linear_sum_assignment


CONTENT_F1_THRESHOLD = 0.5
"""Lenient mode: claim content agrees at SQuAD token F1 >= this."""

CLAIM_KEY_F1_THRESHOLD = 0.5
"""Alignment key minimum for claims: content token F1 >= this (both modes)."""

class Mode(str, Enum):
    STRICT = "strict"
    LENIENT = "lenient"


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


@dataclass(frozen=True, slots=True)
class TextValue:
    """A prepared text: its ``fold`` form, its SQuAD tokens and their multiset as
    a set (``normalize.token_levels``)."""

    folded: str
    tokens: tuple[str, ...]
    levels: frozenset[str | tuple[str, int]] = field(compare=False, repr=False)

    def f1(self, other: "TextValue") -> float:
        """SQuAD token F1 against another text."""
        if not self.tokens or not other.tokens:
            return float(len(self.tokens) == len(other.tokens))
        return 2 * len(self.levels & other.levels) / (len(self.tokens) + len(other.tokens))


Spans = tuple[tuple[int, int], ...]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open spans share at least one code point."""
    return a[0] < b[1] and b[0] < a[1]


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match_spans(gold: Spans, predicted: Spans, mode: Mode) -> int:
    """Matched elements between two sets of spans, one-to-one.

    strict: spans with identical offsets. lenient: a maximum matching of
    overlapping pairs; among maximum matchings, the one with the largest total
    overlap (intersection over union) wins, so exact pairs are kept together.
    """
    exact = len(set(gold).intersection(predicted))
    if mode is Mode.STRICT or exact == len(gold) or exact == len(predicted):
        return exact  # in lenient mode: every span of one side already matched exactly, so maximal
    pairs = [(i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted) if g[0] < p[1] and p[0] < g[1]]
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


def match(shape: Shape, gold: object, predicted: object, mode: Mode, mapping: Mapping[str, str], thresholds: Thresholds) -> int:
    """Matched elements between two filled prepared values of a field.

    ``mapping`` maps predicted ids of the referenced kind to their aligned gold ids.
    """
    if shape is Shape.ENUM or shape is Shape.DATE:
        return 1 if gold == predicted else 0
    if shape is Shape.REFERENCES:
        return sum(1 for p in predicted if mapping.get(p) in gold)  # type: ignore[union-attr]
    if shape is Shape.REFERENCE:
        return 1 if mapping.get(predicted) == gold else 0  # type: ignore[call-overload]
    if shape is Shape.NAME:
        if mode is Mode.STRICT:
            return int(predicted.canonical == gold.canonical)  # type: ignore[attr-defined]
        return int(predicted.canonical in gold.surfaces)  # type: ignore[attr-defined]
    if shape is Shape.CUE or shape is Shape.CONTENT:
        if mode is Mode.STRICT:
            return int(gold.folded == predicted.folded)  # type: ignore[attr-defined]
        if shape is Shape.CUE:
            return int(gold.tokens == predicted.tokens)  # type: ignore[attr-defined]
        return int(gold.f1(predicted) >= thresholds.content_f1)  # type: ignore[attr-defined]
    if shape is Shape.SPAN:
        if mode is Mode.STRICT:
            return int(gold == predicted)
        return int(overlaps(gold, predicted))  # type: ignore[arg-type]
    assert shape is Shape.SPANS
    return match_spans(gold, predicted, mode)  # type: ignore[arg-type]


def size(shape: Shape, value: object) -> int:
    """Elements a filled value counts for: its length if set-valued, else 1."""
    if shape is Shape.REFERENCES or shape is Shape.SPANS:
        return len(value)  # type: ignore[arg-type]
    return 1
