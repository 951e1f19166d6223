"""The paired randomisation test between two systems over the same documents.

Approximate/exact randomisation (Noreen 1989, ch. 2; Dror et al. 2018; recommended
over the bootstrap for NLP by Berg-Kirkpatrick et al. 2012's discussion): under
the null hypothesis that the two systems are exchangeable, swapping the two
systems' outputs on any subset of documents is as likely as the observed
assignment. The statistic is the headline difference
``delta = headline(sum of A's counts) - headline(sum of B's counts)``, recomputed
from summed counts after each swap. Two-sided:

- exact (``n <= EXACT_MAX_DOCUMENTS``): all ``2**n`` swap patterns,
  ``p = #{s : |delta_s| >= |delta|} / 2**n``. The identity and the full swap
  (which gives ``-delta``) always count, so ``p >= 2 / 2**n``: with five
  documents no difference can reach below 2/32 = 0.0625;
- Monte Carlo otherwise: ``DRAWS`` seeded swap patterns,
  ``p = (hits + 1) / (DRAWS + 1)`` (the observed assignment counted once).

Two systems are called *separable* only when ``p <= alpha``; when the smallest
attainable p is above alpha the test cannot separate any pair, and the report
says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable

import numpy as np

from benchmark.scoring.bootstrap import Direction, Interval, headline

ALPHA = 0.05
"""Significance level at which two systems are called separable."""

EXACT_MAX_DOCUMENTS = 20
"""Up to this many documents every swap pattern is enumerated (2**20 patterns)."""

DRAWS = 10_000
"""Monte Carlo swap patterns beyond ``EXACT_MAX_DOCUMENTS``."""

CHUNK = 4096
"""Swap patterns evaluated per step (bounds memory)."""


class Method(str, Enum):
    EXACT = "exact"
    MONTE_CARLO = "monte carlo"


METHOD_NAMES = {
    Method.EXACT: "exact paired randomisation test over documents (all 2^n swaps), two-sided",
    Method.MONTE_CARLO: "Monte Carlo paired randomisation test over documents, two-sided",
}


@dataclass(frozen=True, slots=True)
class PairedTest:
    """Paired randomisation test of ``headline(A) - headline(B)``; ``ci`` is the
    paired bootstrap percentile interval of the difference (``None`` without a
    bootstrap), which is too narrow with few documents (``docs/scoring.md``)."""

    delta: float
    p_value: float
    method: Method
    documents: int
    patterns: int  # swap patterns evaluated: 2**n (exact) or the Monte Carlo draws
    smallest_p: float  # the lowest p-value the test can give at this n
    direction: Direction
    seed: int
    alpha: float = ALPHA
    ci: Interval | None = None
    resamples: int = 0  # bootstrap resamples of ``ci``

    @property
    def decidable(self) -> bool:
        """Whether any difference could reach ``alpha`` at this number of documents."""
        return self.smallest_p <= self.alpha

    @property
    def separable(self) -> bool:
        return self.decidable and self.p_value <= self.alpha

    @property
    def description(self) -> str:
        return METHOD_NAMES[self.method]


def smallest_p(documents: int, method: Method, draws: int = DRAWS) -> float:
    """The lowest attainable two-sided p: ``2 / 2**n`` exact, ``1 / (draws + 1)`` Monte Carlo."""
    if method is Method.EXACT:
        return 1.0 if documents == 0 else 2.0 / 2 ** documents
    return 1.0 / (draws + 1)


def swap_patterns(n: int, start: int, stop: int) -> np.ndarray:
    """Rows ``start..stop-1`` of the exact enumeration: row s swaps document d
    when bit d of s is set (shape (stop - start, n), 0/1 float64)."""
    s = np.arange(start, stop, dtype=np.int64)[:, None]
    return ((s >> np.arange(n, dtype=np.int64)) & 1).astype(np.float64)


def _deltas(a: np.ndarray, b: np.ndarray, swaps: np.ndarray, statistic: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """delta after each swap pattern: A keeps a document's counts where the
    pattern is 0 and takes B's where it is 1, and B the reverse."""
    diff = (b - a).reshape(a.shape[0], -1)
    total_a = a.sum(axis=0).reshape(-1)
    total_b = b.sum(axis=0).reshape(-1)
    moved = swaps @ diff  # counts that change hands
    new_a = (total_a + moved).reshape((-1,) + a.shape[1:])
    new_b = (total_b - moved).reshape((-1,) + a.shape[1:])
    return statistic(new_a) - statistic(new_b)


def paired_randomisation(
    a: np.ndarray,
    b: np.ndarray,
    statistic: Callable[[np.ndarray], np.ndarray] = headline,
    *,
    seed: int,
    draws: int = DRAWS,
    exact_max: int = EXACT_MAX_DOCUMENTS,
    alpha: float = ALPHA,
) -> PairedTest:
    """The two-sided paired randomisation test on per-document counts of two
    systems (shape (documents, fields, 3) each, the same documents in the same order)."""
    if a.shape != b.shape:
        raise ValueError(f"per-document counts differ in shape: {a.shape} vs {b.shape}")
    n = a.shape[0]
    delta = float(statistic(a.sum(axis=0)) - statistic(b.sum(axis=0)))
    direction = Direction.A_BETTER if delta > 0 else Direction.B_BETTER if delta < 0 else Direction.EQUAL
    bound = abs(delta) - 1e-12  # float noise: a swap giving the same |delta| must count
    method = Method.EXACT if n <= exact_max else Method.MONTE_CARLO
    if method is Method.EXACT:
        patterns = 2 ** n
        hits = sum(int(np.count_nonzero(np.abs(_deltas(a, b, swap_patterns(n, lo, min(lo + CHUNK, patterns)), statistic)) >= bound))
                   for lo in range(0, patterns, CHUNK))
        p_value = hits / patterns
    else:
        patterns = draws
        rng = np.random.default_rng(seed)
        hits = 0
        for lo in range(0, draws, CHUNK):
            swaps = rng.integers(0, 2, size=(min(CHUNK, draws - lo), n)).astype(np.float64)
            hits += int(np.count_nonzero(np.abs(_deltas(a, b, swaps, statistic)) >= bound))
        p_value = (hits + 1) / (draws + 1)
    return PairedTest(delta, min(1.0, p_value), method, n, patterns, smallest_p(n, method, draws), direction, seed, alpha)


def verdict(test: PairedTest) -> str:
    """The comparison in words, for a reader (α is stated with the table)."""
    if not test.decidable:
        return f"cannot tell apart at n = {test.documents} (smallest possible p = {test.smallest_p:.4g})"
    if test.separable:
        return f"separable (p = {test.p_value:.4g})"
    return f"not separable (p = {test.p_value:.4g})"
