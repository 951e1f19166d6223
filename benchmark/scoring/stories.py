"""Comparing two systems at the unit that is independent: the story.

Documents of one story are not independent: the outlets report the same facts,
quote the same statements and share the gold's cross-document clusters, so a
system that gets a story's central fact right tends to get it right in every
document of that story. The unit of resampling and permutation is therefore the
story (a document without a story is its own story).

**Statistic.** Each story ``s`` has its own headline ``h_X(s)`` for each system,
computed from that story's summed counts, and a weight ``w_s`` that does not
depend on the systems: its share of the gold's core elements (TP + FN summed
over the core fields). The compared quantity is the story-weighted difference

    T = sum_s w_s * (h_A(s) - h_B(s)),

close to the difference of the pooled headlines (reported beside it), but a sum
of independent story terms, which is what makes an exact test and an interval
obtained from the same test possible.

**Test** (Fisher-Pitman paired randomisation test; Pitman 1937, Good 2005 §3):
under the null hypothesis the two systems are exchangeable within every story,
so swapping them on a story flips the sign of its term. Two-sided,

    p = #{patterns e : |sum_s w_s e_s x_s| >= |T|} / #patterns,   x_s = h_A(s) - h_B(s),

over all ``2**n`` sign patterns when ``n <= EXACT_MAX_STORIES`` (smallest
attainable p ``2 / 2**n``), otherwise over ``DRAWS`` seeded random patterns with
``p = (hits + 1) / (DRAWS + 1)`` and its Monte Carlo standard error
``sqrt(p (1 - p) / DRAWS)``.

**Interval from the same test** (test inversion; Hartigan 1969): the
``1 - alpha`` interval is the set of shifts ``d`` for which the test of
``x_s - d`` does not reject at ``alpha``. The same sign patterns are used for
every ``d`` (Monte Carlo draws included), so the interval excludes 0 exactly when
``p <= alpha``: the interval and the test cannot contradict each other.

**Minimum detectable difference** at ``alpha`` with 80 % power, by the normal
approximation to the randomisation distribution (the test statistic's standard
error estimated from the spread of the story terms):
``MDD = (z_{1 - alpha/2} + z_{0.8}) * sqrt(sum_s w_s^2) * s_w``, with ``s_w`` the
weighted standard deviation of ``x_s``; ``None`` when the smallest attainable p
is above alpha (no difference is detectable at this n).

**Several comparisons.** A column of neighbouring-row tests is corrected with
Holm's step-down procedure (Holm 1979), which controls the family-wise error rate
without assuming independence.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist
from typing import Mapping, Sequence

import numpy as np

from benchmark.scoring.bootstrap import Direction, Interval, headline

ALPHA = 0.05
"""Level of the test and of the interval (1 - ALPHA coverage)."""

POWER = 0.8
"""Power at which the minimum detectable difference is stated."""

EXACT_MAX_STORIES = 20
"""Up to this many stories every sign pattern is enumerated."""

DRAWS = 20_000
"""Monte Carlo sign patterns beyond ``EXACT_MAX_STORIES``."""

SEED = 20220110
"""Seed of the Monte Carlo patterns (NumPy PCG64)."""

_TOLERANCE = 1e-12  # a pattern giving the same |statistic| up to float noise counts as a hit
_BISECTION_STEPS = 60


@dataclass(frozen=True, slots=True)
class StoryTest:
    """The comparison of systems A and B over the same stories (module docstring)."""

    difference: float  # T, the story-weighted headline difference A - B
    pooled_difference: float  # headline(A) - headline(B) from counts summed over every document
    interval: Interval  # 1 - alpha interval of T by inverting the test
    p_value: float
    p_error: float  # Monte Carlo standard error of p (0 for the exact test)
    exact: bool
    stories: int
    documents: int
    patterns: int
    smallest_p: float
    mdd: float | None  # minimum detectable |T| at alpha with POWER, None when undecidable
    direction: Direction
    alpha: float = ALPHA
    seed: int = SEED

    @property
    def decidable(self) -> bool:
        """Whether any difference could reach ``alpha`` with this many stories."""
        return self.smallest_p <= self.alpha

    @property
    def separable(self) -> bool:
        return self.decidable and self.p_value <= self.alpha

    @property
    def method(self) -> str:
        if self.exact:
            return f"exact paired randomisation test over stories (all 2^{self.stories} sign patterns), two-sided"
        return f"Monte Carlo paired randomisation test over stories ({self.patterns} seeded sign patterns), two-sided"


def story_index(doc_ids: Sequence[str], stories: Mapping[str, str]) -> tuple[list[str], np.ndarray]:
    """The distinct stories in first-seen order and, per document, its story's index
    (a document that has no story is a story of its own)."""
    names: list[str] = []
    position: dict[str, int] = {}
    index = []
    for doc_id in doc_ids:
        story = stories.get(doc_id) or f"document {doc_id}"
        if story not in position:
            position[story] = len(names)
            names.append(story)
        index.append(position[story])
    return names, np.asarray(index, dtype=np.int64)


def by_story(counts: np.ndarray, index: np.ndarray, n_stories: int) -> np.ndarray:
    """Per-document counts (documents, fields, 3) summed per story (stories, fields, 3)."""
    out = np.zeros((n_stories,) + counts.shape[1:], dtype=counts.dtype)
    np.add.at(out, index, counts)
    return out


def story_weights(story_counts: np.ndarray, core: np.ndarray) -> np.ndarray:
    """Each story's share of the gold's core elements (TP + FN over the core fields)."""
    gold = story_counts[:, core, 0].sum(axis=1) + story_counts[:, core, 2].sum(axis=1)
    total = gold.sum()
    if total == 0:
        return np.full(len(gold), 1.0 / max(len(gold), 1))
    weights: np.ndarray = gold / total
    return weights


def sign_patterns(n: int, exact: bool, draws: int, seed: int) -> np.ndarray:
    """Rows of +1/-1: all 2**n patterns (exact) or ``draws`` seeded random ones."""
    if exact:
        rows = np.arange(2 ** n, dtype=np.int64)[:, None]
        bits = (rows >> np.arange(n, dtype=np.int64)) & 1
    else:
        bits = np.random.default_rng(seed).integers(0, 2, size=(draws, n))
    patterns: np.ndarray = 1.0 - 2.0 * bits
    return patterns


def p_value(x: np.ndarray, w: np.ndarray, shift: float, patterns: np.ndarray, exact: bool) -> float:
    """Two-sided p of the sign-flip test of ``x - shift`` with weights ``w``."""
    terms = w * (x - shift)
    observed = abs(float(terms.sum()))
    hits = int(np.count_nonzero(np.abs(patterns @ terms) >= observed - _TOLERANCE))
    if exact:
        return hits / patterns.shape[0]
    return min(1.0, (hits + 1) / (patterns.shape[0] + 1))


def _boundary(x: np.ndarray, w: np.ndarray, inside: float, outside: float, patterns: np.ndarray, exact: bool,
              alpha: float) -> float:
    """Bisection for the point between ``inside`` (not rejected) and ``outside``
    (rejected) where the test starts to reject: the last shift not rejected."""
    for _ in range(_BISECTION_STEPS):
        middle = (inside + outside) / 2
        if p_value(x, w, middle, patterns, exact) > alpha:
            inside = middle
        else:
            outside = middle
    return inside


def compare_stories(
    a: np.ndarray,
    b: np.ndarray,
    index: np.ndarray,
    n_stories: int,
    core: np.ndarray,
    *,
    alpha: float = ALPHA,
    exact_max: int = EXACT_MAX_STORIES,
    draws: int = DRAWS,
    seed: int = SEED,
) -> StoryTest:
    """Test and interval for systems A and B from their per-document counts
    (documents, fields, 3), ``index`` giving each document's story and ``core``
    the mask of the core fields."""
    if a.shape != b.shape:
        raise ValueError(f"per-document counts differ in shape: {a.shape} vs {b.shape}")
    sa, sb = by_story(a, index, n_stories), by_story(b, index, n_stories)
    w = story_weights(sa, core)
    x = np.asarray(headline(sa) - headline(sb), dtype=np.float64)
    difference = float(w @ x)
    pooled = float(headline(a.sum(axis=0)) - headline(b.sum(axis=0)))
    exact = n_stories <= exact_max
    patterns = sign_patterns(n_stories, exact, draws, seed)
    p = p_value(x, w, 0.0, patterns, exact)
    smallest = (2.0 / 2 ** n_stories if n_stories else 1.0) if exact else 1.0 / (draws + 1)
    p_error = 0.0 if exact else float(np.sqrt(p * (1 - p) / draws))
    if smallest > alpha:
        interval = Interval(float("-inf"), float("inf"))
        mdd = None
    else:
        span = float(np.max(np.abs(x))) + 1.0  # every term has one sign beyond this: rejected
        interval = Interval(
            _boundary(x, w, difference, difference - span, patterns, exact, alpha),
            _boundary(x, w, difference, difference + span, patterns, exact, alpha),
        )
        z = NormalDist().inv_cdf(1 - alpha / 2) + NormalDist().inv_cdf(POWER)
        spread = float(np.sqrt(np.sum(w * (x - difference) ** 2) / max(1e-12, 1 - float(np.sum(w ** 2)))))
        mdd = z * float(np.sqrt(np.sum(w ** 2))) * spread
    direction = Direction.A_BETTER if difference > 0 else Direction.B_BETTER if difference < 0 else Direction.EQUAL
    return StoryTest(difference, pooled, interval, p, p_error, exact, n_stories, a.shape[0], patterns.shape[0],
                     smallest, mdd, direction, alpha, seed)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values (Holm 1979), in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def story_bootstrap(counts: np.ndarray, index: np.ndarray, n_stories: int, *, resamples: int = 2000,
                    confidence: float = 1 - ALPHA, seed: int = SEED) -> Interval:
    """Percentile interval of one system's pooled headline, resampling stories with
    replacement: the spread of the score over stories (a description, not a test)."""
    per_story = by_story(counts, index, n_stories).reshape(n_stories, -1)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_stories, size=(resamples, n_stories))
    weights = np.zeros((resamples, n_stories))
    np.add.at(weights, (np.arange(resamples)[:, None], draws), 1.0)
    totals = (weights @ per_story).reshape((resamples,) + counts.shape[1:])
    values = headline(totals)
    tail = (1 - confidence) / 2
    return Interval(float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail)))
