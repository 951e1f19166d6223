"""Per-type breakdown: core TP/FP/FN grouped by an object's category, as seqeval
and nervaluate report per entity type.

Groupings (``GROUPINGS``): entities by ``type``, events by ``type``, claims by
``quote`` and, separately, by ``polarity``. Each object's core-field counts go to
one group (nervaluate's per-type convention):

- an aligned pair: all its counts (TP, and the FP and FN of fields that
  disagree) go to the **gold** object's group;
- an unaligned gold object: its FN go to its own group;
- an unaligned prediction: its FP go to the **predicted** group.

An object whose grouping field is not filled falls in the group ``NONE``. The
groups of a grouping partition the kind's core counts: they sum to the kind's
micro-averaged counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

from benchmark.model.records import Kind
from benchmark.scoring.alignment import DocumentAlignment, KindAlignment
from benchmark.scoring.field_rules import size
from benchmark.scoring.fields import KIND_CORE, Values
from benchmark.scoring.metrics import Counts

NONE = "(none)"
"""The group of an object whose grouping field is not filled."""

GROUPINGS: tuple[tuple[Kind, str], ...] = (
    (Kind.ENTITY, "type"), (Kind.EVENT, "type"), (Kind.CLAIM, "quote"), (Kind.CLAIM, "polarity"),
)
"""(kind, field) pairs the breakdown groups by, in report order."""


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Core counts of one kind's objects whose ``field`` is ``value``."""

    kind: Kind
    field: str
    value: str
    counts: Counts

    @property
    def label(self) -> str:
        return f"{self.field}={self.value}"


def _filled(values: Values, rows: int, kind: Kind) -> list[int]:
    """Filled core elements of every object, column by column: the sum of
    ``size`` over its filled core fields."""
    totals = [0] * rows
    for spec in KIND_CORE[kind]:
        for row, value in enumerate(spec.column(values)):
            if value is not None:
                totals[row] += size(spec.shape, value)
    return totals


def _group(obj: object, field: str) -> str:
    value = getattr(obj, field, None)
    if value is None or value == "":
        return NONE
    return str(value.value if isinstance(value, Enum) else value)


def _add(
    ka: KindAlignment, field: str, filled: tuple[list[int], list[int]], out: dict[tuple[Kind, str, str], list[int]]
) -> None:
    core = [spec.name for spec in KIND_CORE[ka.kind]]
    gold_filled, predicted_filled = filled
    for (g, p), matched in zip(ka.pairs, ka.matched, strict=True):
        tp = sum([matched[name] for name in core])
        counts = out[(ka.kind, field, _group(ka.gold[g], field))]
        counts[0] += tp
        counts[1] += predicted_filled[p] - tp
        counts[2] += gold_filled[g] - tp
    for g in ka.unaligned_gold():
        out[(ka.kind, field, _group(ka.gold[g], field))][2] += gold_filled[g]
    for p in ka.unaligned_predicted():
        out[(ka.kind, field, _group(ka.predicted[p], field))][1] += predicted_filled[p]


def add_document(alignment: DocumentAlignment, out: dict[tuple[Kind, str, str], list[int]]) -> None:
    """Add one aligned document's counts to ``out`` (key (kind, field, value) -> [tp, fp, fn])."""
    filled: dict[Kind, tuple[list[int], list[int]]] = {}
    for kind, field in GROUPINGS:
        ka = alignment.of(kind)
        if kind not in filled:  # claims are grouped twice: their filled counts are counted once
            filled[kind] = _filled(ka.gold_values, len(ka.gold), kind), _filled(ka.predicted_values, len(ka.predicted), kind)
        _add(ka, field, filled[kind], out)


def new_totals() -> dict[tuple[Kind, str, str], list[int]]:
    return defaultdict(lambda: [0, 0, 0])


def group_scores(totals: dict[tuple[Kind, str, str], list[int]]) -> tuple[GroupScore, ...]:
    """Groups in report order: by grouping, then value (``NONE`` last)."""
    order = {g: n for n, g in enumerate(GROUPINGS)}
    keys = sorted(totals, key=lambda k: (order[(k[0], k[1])], k[2] == NONE, k[2]))
    return tuple(GroupScore(k, f, v, Counts(*totals[(k, f, v)])) for k, f, v in keys)
