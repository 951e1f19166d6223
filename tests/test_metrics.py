"""Counts: scores derived from counts, summed as counts (micro averaging)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from benchmark.scoring.metrics import Counts


def test_derived_scores():
    c = Counts(tp=2, fp=1, fn=3)
    assert c.precision == 2 / 3
    assert c.recall == 2 / 5
    # F1 = 2·2 / (2·2 + 1 + 3)
    assert c.f1 == 4 / 8
    assert (c.predicted, c.gold) == (3, 5)


def test_undefined_is_zero_and_flagged():
    nothing = Counts()
    assert (nothing.precision, nothing.recall, nothing.f1) == (0.0, 0.0, 0.0)
    assert not (nothing.precision_defined or nothing.recall_defined or nothing.f1_defined)
    only_gold = Counts(fn=4)
    assert not only_gold.precision_defined and only_gold.recall_defined and only_gold.f1 == 0.0


def test_counts_add_not_scores():
    # nervaluate's lesson: averaging per-document scores is wrong; summing counts is micro-F1
    a, b = Counts(tp=1, fp=0, fn=0), Counts(tp=0, fp=3, fn=1)
    total = a + b
    assert total == Counts(1, 3, 1)
    assert total.precision == 1 / 4
    assert sum([a, b]) == total
    assert (a.precision + b.precision) / 2 == 1 / 2 != total.precision


counts = st.builds(Counts, st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))


@given(counts, counts)
def test_scores_bounded_and_f1_is_harmonic_mean(a, b):
    c = a + b
    for value in (c.precision, c.recall, c.f1):
        assert 0.0 <= value <= 1.0
    if c.tp:
        assert abs(c.f1 - 2 * c.precision * c.recall / (c.precision + c.recall)) < 1e-12
