"""The story-level paired test, its interval from the same test, Holm and the MDD."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from benchmark.scoring.stories import (
    compare_stories, holm, p_value, sign_patterns, story_bootstrap, story_index,
)
from benchmark.scoring.bootstrap import CORE_MASKS
from benchmark.model.records import Kind

CORE = np.logical_or.reduce([CORE_MASKS[k] for k in Kind])
FIELDS = len(CORE)


def test_p_value_worked_by_hand():
    """Three stories, equal weights, differences 0.3, 0.1, 0.2: T = 0.2 (mean).
    Of the 8 sign patterns, |±0.3 ± 0.1 ± 0.2| / 3 >= 0.2 holds for (+,+,+) and
    (-,-,-) only (0.6), and for (+,-,+)? 0.3 - 0.1 + 0.2 = 0.4 < 0.6: no. So p = 2/8."""
    x = np.array([0.3, 0.1, 0.2])
    w = np.full(3, 1 / 3)
    patterns = sign_patterns(3, True, 0, 0)
    assert p_value(x, w, 0.0, patterns, True) == pytest.approx(2 / 8)
    # shifted by 0.2 the terms are 0.1, -0.1, 0: every pattern has |sum| >= 0, p = 1
    assert p_value(x, w, 0.2, patterns, True) == pytest.approx(1.0)


def test_holm_worked_by_hand():
    # sorted p: 0.01 (x3), 0.02 (x2), 0.04 (x1) -> 0.03, 0.04, 0.04
    assert holm([0.04, 0.01, 0.02]) == pytest.approx([0.04, 0.03, 0.04])
    assert holm([0.5, 0.6]) == pytest.approx([1.0, 1.0])
    assert holm([]) == []


def test_story_index_groups_documents_and_keeps_storyless_ones_apart():
    names, index = story_index(["a1", "b1", "a2", "x"], {"a1": "A", "a2": "A", "b1": "B"})
    assert names == ["A", "B", "document x"]
    assert index.tolist() == [0, 1, 0, 2]


def _counts(rng: np.random.Generator, documents: int) -> np.ndarray:
    tp = rng.integers(0, 20, size=(documents, FIELDS))
    fp = rng.integers(0, 10, size=(documents, FIELDS))
    fn = rng.integers(0, 10, size=(documents, FIELDS))
    return np.stack([tp, fp, fn], axis=-1).astype(np.int64)


def _paired(rng: np.random.Generator, documents: int) -> tuple[np.ndarray, np.ndarray]:
    """Two systems on the same gold: TP + FN per field equal for both."""
    a = _counts(rng, documents)
    b = a.copy()
    gold = a[..., 0] + a[..., 2]
    tp_b = np.minimum(gold, rng.integers(0, 20, size=gold.shape))
    b[..., 0], b[..., 2] = tp_b, gold - tp_b
    b[..., 1] = rng.integers(0, 10, size=gold.shape)
    return a, b


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=2, max_value=9))
def test_interval_excludes_zero_exactly_when_the_test_rejects(seed: int, n_stories: int):
    rng = np.random.default_rng(seed)
    a, b = _paired(rng, n_stories * 2)
    index = np.repeat(np.arange(n_stories), 2)
    result = compare_stories(a, b, index, n_stories, CORE)
    if not result.decidable:
        assert result.mdd is None and result.interval.low == float("-inf")
        return
    assert result.interval.low <= result.difference <= result.interval.high
    excludes_zero = result.interval.low > 0 or result.interval.high < 0
    assert excludes_zero == (result.p_value <= result.alpha)


def test_the_test_agrees_with_scipy_permutation_test():
    """The same statistic and the same pairs: scipy's exact paired permutation test
    (``permutation_type='samples'`` swaps the two systems within a pair) gives the same p."""
    rng = np.random.default_rng(7)
    a, b = _paired(rng, 12)
    index = np.repeat(np.arange(6), 2)
    result = compare_stories(a, b, index, 6, CORE)
    from benchmark.scoring.stories import by_story, story_weights
    from benchmark.scoring.bootstrap import headline
    sa, sb = by_story(a, index, 6), by_story(b, index, 6)
    w = story_weights(sa, CORE)
    ha, hb = headline(sa), headline(sb)
    reference = stats.permutation_test(
        (ha, hb), lambda x, y, axis=-1: np.sum(w * (x - y), axis=axis), permutation_type="samples",
        alternative="two-sided", n_resamples=np.inf,
    )
    assert result.p_value == pytest.approx(reference.pvalue)
    assert result.difference == pytest.approx(float(np.sum(w * (ha - hb))))


def test_five_documents_of_one_story_cannot_be_separated():
    rng = np.random.default_rng(1)
    a, b = _paired(rng, 5)
    result = compare_stories(a, b, np.zeros(5, dtype=np.int64), 1, CORE)
    assert result.stories == 1 and result.documents == 5
    assert not result.decidable and not result.separable and result.mdd is None


def test_a_clearly_better_system_is_separable_over_twelve_stories():
    rng = np.random.default_rng(3)
    b = _counts(rng, 24)
    a = b.copy()
    a[..., 0] += a[..., 2]  # A finds everything B missed
    a[..., 2] = 0
    index = np.repeat(np.arange(12), 2)
    result = compare_stories(a, b, index, 12, CORE)
    assert result.exact and result.patterns == 2**12
    assert result.separable and result.interval.low > 0
    assert result.p_value == pytest.approx(2 / 2**12)
    assert result.mdd is not None and 0 < result.mdd


def test_monte_carlo_beyond_the_exact_limit_states_its_error_and_is_reproducible():
    rng = np.random.default_rng(5)
    a, b = _paired(rng, 30)
    index = np.arange(30)
    first = compare_stories(a, b, index, 30, CORE, draws=2000)
    again = compare_stories(a, b, index, 30, CORE, draws=2000)
    assert not first.exact and first.patterns == 2000
    assert first == again
    assert first.p_error == pytest.approx(np.sqrt(first.p_value * (1 - first.p_value) / 2000))


def test_story_bootstrap_is_a_percentile_interval_of_the_headline():
    rng = np.random.default_rng(11)
    a, _ = _paired(rng, 10)
    interval = story_bootstrap(a, np.repeat(np.arange(5), 2), 5, resamples=500)
    from benchmark.scoring.bootstrap import headline
    assert interval.low <= float(headline(a.sum(axis=0))) <= interval.high
