"""Coreference metrics over clusterings of mentions (here: aligned objects).

A clustering is a mapping mention -> cluster id. Key (gold) and response
(predicted) may hold different mentions: a response mention without a key twin
counts in the response only, as in the CoNLL reference scorer v8 (Pradhan et al.
2014), which applies the original definitions below with no ad-hoc adjustment.

- MUC (Vilain et al. 1995): links. R = sum_k(|k| - |p(k)|) / sum_k(|k| - 1), where
  p(k) partitions k by the response (an absent mention is a part of its own).
- B-cubed (Bagga & Baldwin 1998): per mention. R = sum_k sum_r |k & r|^2/|k| / sum_k |k|.
- CEAF-e (Luo 2005): entity-based CEAF with phi4(k, r) = 2|k & r| / (|k| + |r|) and
  the optimal one-to-one cluster alignment; R = sum phi4 / |K|, P = sum phi4 / |R|.
- LEA (Moosavi & Strube 2016): link-based entity-aware. R = sum_k |k| ·
  resolved(k)/links(k) / sum_k |k|, links(k) = |k|(|k|-1)/2; a singleton has one
  self-link, resolved when its mention is a singleton of the other side too (as
  the reference implementation does).
- CoNLL (Pradhan et al. 2014): the mean of the MUC, B-cubed and CEAF-e F1.

Precision is recall with key and response swapped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import Enum
from itertools import repeat
from typing import Hashable, Mapping

import numpy as np

from benchmark.scoring.assignment import linear_sum_assignment
from benchmark.scoring.metrics import harmonic_mean, ratio


class CorefMetric(str, Enum):
    MUC = "muc"
    B3 = "b3"
    CEAFE = "ceafe"
    LEA = "lea"


@dataclass(frozen=True, slots=True)
class CorefScore:
    """Recall and precision as numerator/denominator; F1 derived."""

    recall_num: float
    recall_den: float
    precision_num: float
    precision_den: float

    @property
    def recall(self) -> float:
        return ratio(self.recall_num, self.recall_den)

    @property
    def precision(self) -> float:
        return ratio(self.precision_num, self.precision_den)

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)

    @property
    def recall_defined(self) -> bool:
        return self.recall_den > 0

    @property
    def precision_defined(self) -> bool:
        return self.precision_den > 0


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: CorefScore
    b3: CorefScore
    ceafe: CorefScore
    lea: CorefScore

    @property
    def conll(self) -> float:
        """CoNLL score: mean of the MUC, B-cubed and CEAF-e F1 (Pradhan et al. 2014)."""
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def get(self, metric: CorefMetric) -> CorefScore:
        return getattr(self, metric.value)


class _Overlap:
    """Cluster sizes of both sides and the sizes of their intersections."""

    def __init__(self, key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]):
        self.key_sizes = Counter(key.values())
        self.response_sizes = Counter(response.values())
        self.common: Counter = Counter(zip(key.values(), map(response.get, key, repeat(_ABSENT)), strict=True))
        for absent in [pair for pair in self.common if pair[1] is _ABSENT]:  # in the key only
            del self.common[absent]
        self.by_key: dict[Hashable, list[tuple[Hashable, int]]] = defaultdict(list)
        self.by_response: dict[Hashable, list[tuple[Hashable, int]]] = defaultdict(list)
        for (k, r), n in self.common.items():
            self.by_key[k].append((r, n))
            self.by_response[r].append((k, n))


_ABSENT = object()


def _muc_side(sizes: Counter, parts: Mapping[Hashable, list[tuple[Hashable, int]]]) -> tuple[int, int]:
    numerator = denominator = 0
    for cluster, size in sizes.items():
        shared = parts.get(cluster, ())
        covered = sum(n for _, n in shared)
        partitions = len(shared) + (size - covered)
        numerator += size - partitions
        denominator += size - 1
    return numerator, denominator


def _b3_side(sizes: Counter, parts: Mapping[Hashable, list[tuple[Hashable, int]]]) -> tuple[float, int]:
    numerator = 0.0
    for cluster, size in sizes.items():
        numerator += sum(n * n for _, n in parts.get(cluster, ())) / size
    return numerator, sum(sizes.values())


def _lea_side(
    sizes: Counter, other_sizes: Counter, parts: Mapping[Hashable, list[tuple[Hashable, int]]]
) -> tuple[float, int]:
    numerator = 0.0
    for cluster, size in sizes.items():
        shared = parts.get(cluster, ())
        if size == 1:
            resolved = 1.0 if shared and other_sizes[shared[0][0]] == 1 else 0.0
        else:
            resolved = sum(n * (n - 1) / 2 for _, n in shared) / (size * (size - 1) / 2)
        numerator += size * resolved
    return numerator, sum(sizes.values())


def _ceafe_similarity(overlap: _Overlap) -> float:
    """The maximum total phi4 over one-to-one cluster alignments, solved per
    connected component of the key/response intersection graph."""
    parent: dict[Hashable, Hashable] = {}

    def find(x: Hashable) -> Hashable:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, r in overlap.common:
        a, b = find(("k", k)), find(("r", r))
        if a != b:
            parent[a] = b
    components: dict[Hashable, list[tuple[Hashable, Hashable, int]]] = defaultdict(list)
    for (k, r), n in overlap.common.items():
        components[find(("k", k))].append((k, r, n))
    total = 0.0
    for edges in components.values():
        if len(edges) == 1:
            k, r, n = edges[0]
            total += 2 * n / (overlap.key_sizes[k] + overlap.response_sizes[r])
            continue
        keys = sorted({k for k, _, _ in edges}, key=repr)
        responses = sorted({r for _, r, _ in edges}, key=repr)
        ki = {k: i for i, k in enumerate(keys)}
        ri = {r: i for i, r in enumerate(responses)}
        phi = np.zeros((len(keys), len(responses)))
        for k, r, n in edges:
            phi[ki[k], ri[r]] = 2 * n / (overlap.key_sizes[k] + overlap.response_sizes[r])
        rows, cols = linear_sum_assignment(phi, maximize=True)
        total += float(phi[rows, cols].sum())
    return total


def coref_scores(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> CorefScores:
    """MUC, B-cubed, CEAF-e and LEA of ``response`` against ``key`` (each a
    mapping mention -> cluster id)."""
    o = _Overlap(key, response)
    muc_r = _muc_side(o.key_sizes, o.by_key)
    muc_p = _muc_side(o.response_sizes, o.by_response)
    b3_r = _b3_side(o.key_sizes, o.by_key)
    b3_p = _b3_side(o.response_sizes, o.by_response)
    lea_r = _lea_side(o.key_sizes, o.response_sizes, o.by_key)
    lea_p = _lea_side(o.response_sizes, o.key_sizes, o.by_response)
    phi = _ceafe_similarity(o)
    return CorefScores(
        muc=CorefScore(muc_r[0], muc_r[1], muc_p[0], muc_p[1]),
        b3=CorefScore(b3_r[0], b3_r[1], b3_p[0], b3_p[1]),
        ceafe=CorefScore(phi, len(o.key_sizes), phi, len(o.response_sizes)),
        lea=CorefScore(lea_r[0], lea_r[1], lea_p[0], lea_p[1]),
    )


def clustering(clusters: list[list[Hashable]]) -> dict[Hashable, int]:
    """A mapping mention -> cluster index from a list of clusters (for tests and examples)."""
    return {m: i for i, cluster in enumerate(clusters) for m in cluster}
