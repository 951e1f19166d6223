"""Bootstrap: resampling, vectorised totals, intervals, the paired interval of a difference."""

from __future__ import annotations

import numpy as np
import pytest

from benchmark import compare_reports as compare
from benchmark import score
from benchmark.scoring.bootstrap import (
    Direction, delta_interval, distinct_resamples, headline, interval, kind_f1, resample_weights, resampled_totals,
)
from benchmark.scoring.fields import FIELD_INDEX, FIELDS
from benchmark.model.records import Kind
from scoring_fixture import GOLD


def test_weights_are_multiplicities_of_n_draws_and_seeded():
    w = resample_weights(7, 50, seed=3)
    assert w.shape == (50, 7) and (w.sum(axis=1) == 7).all()
    assert (w == resample_weights(7, 50, seed=3)).all()
    assert not (w == resample_weights(7, 50, seed=4)).all()


def test_vectorised_totals_equal_a_loop():
    rng = np.random.default_rng(0)
    per_doc = rng.integers(0, 9, size=(11, len(FIELDS), 3))
    totals = resampled_totals(per_doc, 300, seed=1)  # crosses a chunk boundary
    w = resample_weights(11, 300, seed=1)
    for b in (0, 127, 128, 299):
        assert (totals[b] == sum(int(w[b, d]) * per_doc[d] for d in range(11))).all()


def test_headline_is_mean_of_kind_core_f1():
    counts = np.zeros((len(FIELDS), 3), dtype=np.int64)
    counts[FIELD_INDEX[(Kind.ENTITY, "name")]] = (1, 1, 0)  # F1 2/3
    counts[FIELD_INDEX[(Kind.ENTITY, "mentions")]] = (0, 9, 9)  # grounding: not in the headline
    counts[FIELD_INDEX[(Kind.EVENT, "type")]] = (1, 0, 0)  # F1 1
    assert kind_f1(counts, Kind.ENTITY) == pytest.approx(2 / 3)
    assert headline(counts) == pytest.approx((2 / 3 + 1 + 0) / 3)


def test_percentile_interval():
    samples = np.arange(101, dtype=float)
    assert interval(samples, 0.95) == interval(samples)
    assert (interval(samples).low, interval(samples).high) == pytest.approx((2.5, 97.5))


def test_paired_delta_interval_resamples_both_systems_together():
    # one field, 2 documents; A gets document 0 right, B gets nothing right
    a = np.zeros((2, len(FIELDS), 3), dtype=np.int64)
    b = np.zeros_like(a)
    name = FIELD_INDEX[(Kind.ENTITY, "name")]
    a[0, name] = (1, 0, 0)
    b[0, name] = (0, 1, 1)
    a[1, name] = b[1, name] = (0, 0, 1)
    ci = delta_interval(a, b, resamples=200, seed=5)
    w = resample_weights(2, 200, seed=5)
    ta, tb = np.einsum("bd,dfc->bfc", w, a), np.einsum("bd,dfc->bfc", w, b)
    assert ci == interval(headline(ta) - headline(tb))
    same = np.ones((3, len(FIELDS), 3), dtype=np.int64)
    assert delta_interval(same, same.copy()) == interval(np.zeros(1))


def test_distinct_resamples_is_multisets_of_n_from_n():
    # C(2n-1, n): 1, 3, 10, 35, 126 multisets; counted by brute force for n <= 5
    from itertools import combinations_with_replacement
    for n in range(1, 6):
        assert distinct_resamples(n) == len(set(combinations_with_replacement(range(n), n)))
    assert distinct_resamples(5) == 126 and distinct_resamples(0) == 0


def test_report_intervals_and_compare():
    perfect = score(GOLD, GOLD.values())
    empty = score(GOLD, [])
    assert perfect.headline_ci.low == perfect.headline_ci.high == 1.0
    assert empty.headline == 0.0
    t = compare(perfect, empty)
    assert t.direction is Direction.A_BETTER and t.delta == 1.0
    assert compare(empty, perfect).direction is Direction.B_BETTER
    again = score(GOLD, GOLD.values())
    assert again.headline_ci == perfect.headline_ci and again.fields == perfect.fields


def test_compare_refuses_mismatched_reports():
    with pytest.raises(ValueError, match="modes"):
        compare(score(GOLD, [], "strict"), score(GOLD, [], "lenient"))
    with pytest.raises(ValueError, match="documents"):
        compare(score(GOLD, []), score({"900": GOLD["900"]}, []))
