"""Coreference metrics against the CoNLL reference scorer's published test cases
(Pradhan et al. 2014, reference-coreference-scorers test/TC-A) and cases worked
out by hand below."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmark.scoring.coref import clustering, coref_scores

approx = pytest.approx


def scores(key, response):
    return coref_scores(clustering(key), clustering(response))


KEY_A = [["a"], ["b", "c"], ["d", "e", "f"]]


def test_identical_is_perfect():
    s = scores(KEY_A, KEY_A)
    for metric in (s.muc, s.b3, s.ceafe, s.lea):
        assert (metric.recall, metric.precision, metric.f1) == (1.0, 1.0, 1.0)
    assert s.conll == 1.0


def test_tc_a_response_missing_mentions():
    # key {a}{bc}{def}, response {a}{de}
    s = scores(KEY_A, [["a"], ["d", "e"]])
    assert (s.muc.recall, s.muc.precision, s.muc.f1) == (approx(1 / 3), 1.0, approx(1 / 2))
    assert (s.b3.recall, s.b3.precision, s.b3.f1) == (approx(7 / 18), 1.0, approx(14 / 25))
    assert (s.ceafe.recall, s.ceafe.precision, s.ceafe.f1) == (approx(3 / 5), approx(9 / 10), approx(18 / 25))
    assert (s.lea.recall, s.lea.precision, s.lea.f1) == (approx(1 / 3), 1.0, approx(1 / 2))
    assert s.conll == approx((1 / 2 + 14 / 25 + 18 / 25) / 3)


def test_merged_clusters():
    # key {a}{bc}{def}, response {abc}{def}
    s = scores(KEY_A, [["a", "b", "c"], ["d", "e", "f"]])
    # MUC: R (0 + 1 + 2)/(0 + 1 + 2); P ((3-2) + (3-1))/(2 + 2)
    assert (s.muc.recall, s.muc.precision) == (1.0, approx(3 / 4))
    # B3: R (1 + 4/2 + 9/3)/6; P ((1 + 4)/3 + 9/3)/6
    assert (s.b3.recall, s.b3.precision) == (1.0, approx(7 / 9))
    # CEAF-e: best alignment {bc}-{abc} 4/5 + {def}-{def} 1 = 9/5
    assert (s.ceafe.recall, s.ceafe.precision) == (approx(3 / 5), approx(9 / 10))
    # LEA: R ({a} not a response singleton: 0; {bc} 2·1/1; {def} 3·3/3)/6; P ({abc} 3·1/3 + 3)/6
    assert (s.lea.recall, s.lea.precision) == (approx(5 / 6), approx(2 / 3))


def test_twinless_response_mention():
    # key {a}{bc}; response {a}{bcx}: x has no key twin (an unaligned prediction)
    s = scores([["a"], ["b", "c"]], [["a"], ["b", "c", "x"]])
    assert (s.muc.recall, s.muc.precision) == (1.0, approx(1 / 2))
    # B3 P: (1 + 2^2/3)/4
    assert (s.b3.recall, s.b3.precision) == (1.0, approx(7 / 12))
    assert (s.ceafe.recall, s.ceafe.precision) == (approx(9 / 10), approx(9 / 10))
    # LEA P: ({a} 1 + {bcx} 3·1/3)/4
    assert (s.lea.recall, s.lea.precision) == (1.0, approx(1 / 2))


def test_all_singletons_response():
    # key {abc}; response {a}{b}{c}
    s = scores([["a", "b", "c"]], [["a"], ["b"], ["c"]])
    assert (s.muc.recall, s.muc.precision_defined) == (0.0, False)
    # B3: R 3·(1/3)·... = (1+1+1)/3 / 3 = 1/3; P 1
    assert (s.b3.recall, s.b3.precision) == (approx(1 / 3), 1.0)
    # CEAF-e: one key cluster, best phi4 = 2·1/(3+1) = 1/2; R 1/2 / 1, P 1/2 / 3
    assert (s.ceafe.recall, s.ceafe.precision) == (approx(1 / 2), approx(1 / 6))
    # LEA: R 3·0/3 / 3 = 0; P each response singleton's key cluster is not a singleton: 0
    assert (s.lea.recall, s.lea.precision) == (0.0, 0.0)


def test_empty_response():
    s = scores(KEY_A, [])
    assert s.b3.recall == 0.0 and not s.b3.precision_defined
    assert s.conll == 0.0


partitions = st.lists(st.integers(0, 5), min_size=1, max_size=12)


@given(partitions, partitions)
def test_scores_in_unit_interval_and_symmetric(key_labels, response_labels):
    key = {i: c for i, c in enumerate(key_labels)}
    response = {i: c for i, c in enumerate(response_labels)}
    forward, backward = coref_scores(key, response), coref_scores(response, key)
    for metric in ("muc", "b3", "ceafe", "lea"):
        f, b = getattr(forward, metric), getattr(backward, metric)
        assert 0.0 <= f.recall <= 1.0 + 1e-12 and 0.0 <= f.precision <= 1.0 + 1e-12
        assert f.recall == approx(b.precision) and f.precision == approx(b.recall)
    self_scores = coref_scores(key, key)
    assert self_scores.b3.f1 == approx(1.0) and self_scores.ceafe.f1 == approx(1.0) and self_scores.lea.f1 == approx(1.0)
