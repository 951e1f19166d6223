"""Bootstrap over documents (Efron & Tibshirani 1993), vectorised with NumPy.

Every statistic is a function of summed counts, so a resample is a vector of
document multiplicities and its totals are one matrix product: ``weights @
per_document_counts``. Intervals are percentile intervals; the interval of a
difference between two systems resamples the same documents for both.

Caveat (``docs/scoring.md``): resampling n documents with replacement can only
produce C(2n - 1, n) distinct multisets (126 at n = 5), so at this size the
intervals are coarse and too narrow; the paired *test* is the exact
randomisation test of ``significance``, not the bootstrap.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from math import comb
from typing import Callable, Iterator

import numpy as np

from benchmark.scoring.fields import FIELDS, Track
from benchmark.scoring.metrics import f1_from_arrays
from benchmark.model.records import Kind

SEED = 20220110
"""Seed of the resampling generator (NumPy PCG64): the date of the talks."""

RESAMPLES = 1000
"""Bootstrap resamples."""

CONFIDENCE = 0.95
"""Coverage of the percentile intervals."""

CHUNK = 128
"""Resamples drawn per step (bounds memory)."""

CORE_MASKS = {k: np.array([f.kind is k and f.track is Track.CORE for f in FIELDS]) for k in Kind}


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float


class Direction(str, Enum):
    A_BETTER = "A better"
    B_BETTER = "B better"
    EQUAL = "equal"


def kind_f1(counts: np.ndarray, kind: Kind) -> np.ndarray:
    """Micro-F1 of a kind over its core fields; ``counts`` has shape (..., fields, 3)."""
    core = counts[..., CORE_MASKS[kind], :].sum(axis=-2)
    return f1_from_arrays(core[..., 0], core[..., 1], core[..., 2])


def headline(counts: np.ndarray) -> np.ndarray:
    """The headline: mean of the three kinds' core micro-F1."""
    entity, event, claim = (kind_f1(counts, k) for k in Kind)
    mean: np.ndarray = (entity + event + claim) / len(Kind)
    return mean


def field_f1(counts: np.ndarray) -> np.ndarray:
    """F1 per field; shape (..., fields)."""
    return f1_from_arrays(counts[..., 0], counts[..., 1], counts[..., 2])


def weight_chunks(n_documents: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Resample multiplicities, ``CHUNK`` resamples at a time: row b of the
    (resamples, n_documents) matrix counts how often each document was drawn in
    resample b (n draws with replacement, uniform)."""
    rng = np.random.default_rng(seed)
    for start in range(0, resamples, CHUNK):
        draws = rng.integers(0, n_documents, size=(min(CHUNK, resamples - start), n_documents))
        weights = np.empty(draws.shape, dtype=np.float64)
        for row, drawn in enumerate(draws):
            weights[row] = np.bincount(drawn, minlength=n_documents)
        yield weights


def resample_weights(n_documents: int, resamples: int, seed: int) -> np.ndarray:
    """The whole (resamples, n_documents) multiplicity matrix."""
    return np.concatenate(list(weight_chunks(n_documents, resamples, seed)) or [np.zeros((0, n_documents))])


def resampled_totals(per_document: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Summed counts of every resample: shape (resamples, *per_document.shape[1:]).
    Counts are integers well below 2**53, so the float64 products are exact."""
    n = per_document.shape[0]
    flat = per_document.reshape(n, -1).astype(np.float64)
    parts = [weights @ flat for weights in weight_chunks(n, resamples, seed)]
    out = np.concatenate(parts) if parts else np.zeros((0, flat.shape[1]))
    return out.reshape((resamples,) + per_document.shape[1:])


def interval(samples: np.ndarray, confidence: float = CONFIDENCE) -> Interval:
    """Percentile interval of a 1-d sample."""
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return Interval(float(low), float(high))


def intervals(samples: np.ndarray, confidence: float = CONFIDENCE) -> list[Interval]:
    """Percentile intervals of each column of a (resamples, k) sample."""
    tail = (1 - confidence) / 2 * 100
    bounds = np.percentile(samples, [tail, 100 - tail], axis=0)
    return [Interval(float(lo), float(hi)) for lo, hi in zip(bounds[0], bounds[1], strict=True)]


def distinct_resamples(n_documents: int) -> int:
    """How many different multisets of documents a resample can be: C(2n - 1, n)."""
    return comb(2 * n_documents - 1, n_documents) if n_documents else 0


def delta_interval(
    a: np.ndarray,
    b: np.ndarray,
    statistic: Callable[[np.ndarray], np.ndarray] = headline,
    resamples: int = RESAMPLES,
    seed: int = SEED,
    confidence: float = CONFIDENCE,
) -> Interval:
    """Paired percentile interval of ``statistic(A) - statistic(B)`` on per-document
    counts of two systems (the same documents in the same order, resampled together)."""
    if a.shape != b.shape:
        raise ValueError(f"per-document counts differ in shape: {a.shape} vs {b.shape}")
    if a.shape[0] == 0 or resamples == 0:
        delta = float(statistic(a.sum(axis=0)) - statistic(b.sum(axis=0)))
        return Interval(delta, delta)
    totals = resampled_totals(np.stack([a, b], axis=1), resamples, seed)
    return interval(statistic(totals[:, 0]) - statistic(totals[:, 1]), confidence)
