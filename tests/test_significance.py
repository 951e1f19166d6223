"""The paired randomisation test: exact enumeration checked against a brute
force written here independently, the n = 5 floor, Monte Carlo, verdicts."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from benchmark import compare_reports as compare
from benchmark import score
from benchmark.model.records import Kind
from benchmark.scoring.bootstrap import Direction
from benchmark.scoring.fields import FIELD_INDEX, FIELDS, Track
from benchmark.scoring.significance import (
    Method, PairedTest, paired_randomisation, smallest_p, swap_patterns, verdict,
)
from scoring_fixture import GOLD

CORE = {k: [i for i, f in enumerate(FIELDS) if f.kind is k and f.track is Track.CORE] for k in Kind}


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _headline(docs: list[np.ndarray]) -> float:
    """Plain-Python headline of summed per-document counts."""
    total = sum(docs)
    scores = []
    for kind in Kind:
        tp = sum(int(total[i][0]) for i in CORE[kind])
        fp = sum(int(total[i][1]) for i in CORE[kind])
        fn = sum(int(total[i][2]) for i in CORE[kind])
        scores.append(_f1(tp, fp, fn))
    return sum(scores) / 3


def brute_force_p(a: np.ndarray, b: np.ndarray) -> float:
    """Every subset of documents swapped, with itertools; two-sided."""
    n = len(a)
    observed = abs(_headline(list(a)) - _headline(list(b)))
    hits = 0
    for flips in itertools.product((False, True), repeat=n):
        xa = [b[d] if f else a[d] for d, f in enumerate(flips)]
        xb = [a[d] if f else b[d] for d, f in enumerate(flips)]
        if abs(_headline(xa) - _headline(xb)) >= observed - 1e-12:
            hits += 1
    return hits / 2 ** n


def _random_counts(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(0, 6, size=(n, len(FIELDS), 3)).astype(np.int64)


@pytest.mark.parametrize("n, seed", [(1, 0), (2, 1), (3, 2), (5, 3), (5, 4), (7, 5), (8, 6)])
def test_exact_test_equals_brute_force_enumeration(n, seed):
    rng = np.random.default_rng(seed)
    a, b = _random_counts(rng, n), _random_counts(rng, n)
    t = paired_randomisation(a, b, seed=0)
    assert t.method is Method.EXACT and t.patterns == 2 ** n and t.documents == n
    assert t.p_value == pytest.approx(brute_force_p(a, b))
    assert t.delta == pytest.approx(_headline(list(a)) - _headline(list(b)))


def test_five_documents_floor_is_two_in_thirty_two():
    # A right on every entity name of every document, B wrong on all: the best
    # possible separation; only the identity and the full swap are as extreme
    a = np.zeros((5, len(FIELDS), 3), dtype=np.int64)
    b = np.zeros_like(a)
    name = FIELD_INDEX[(Kind.ENTITY, "name")]
    a[:, name] = (3, 0, 0)
    b[:, name] = (0, 3, 3)
    t = paired_randomisation(a, b, seed=0)
    assert t.p_value == t.smallest_p == 2 / 32 == 0.0625
    assert t.direction is Direction.A_BETTER and not t.decidable and not t.separable
    assert verdict(t) == "cannot tell apart at n = 5 (smallest possible p = 0.0625)"
    # six documents: 2/64 = 0.03125 <= 0.05, so the same separation is separable
    a6, b6 = np.concatenate([a, a[:1]]), np.concatenate([b, b[:1]])
    t6 = paired_randomisation(a6, b6, seed=0)
    assert t6.p_value == 2 / 64 and t6.decidable and t6.separable
    assert verdict(t6) == "separable (p = 0.03125)"


def test_identical_systems_p_is_one():
    a = np.ones((4, len(FIELDS), 3), dtype=np.int64)
    t = paired_randomisation(a, a.copy(), seed=0)
    assert (t.delta, t.p_value, t.direction) == (0.0, 1.0, Direction.EQUAL)


def test_swap_patterns_enumerate_every_subset_once():
    rows = swap_patterns(4, 0, 16)
    assert {tuple(r) for r in rows.astype(int).tolist()} == set(itertools.product((0, 1), repeat=4))
    assert (swap_patterns(4, 5, 9) == rows[5:9]).all()  # chunks are slices of the enumeration


def test_monte_carlo_beyond_the_exact_limit():
    rng = np.random.default_rng(9)
    a, b = _random_counts(rng, 6), _random_counts(rng, 6)
    t = paired_randomisation(a, b, seed=11, draws=999, exact_max=4)
    assert t.method is Method.MONTE_CARLO and t.patterns == 999 and t.smallest_p == 1 / 1000
    assert t == paired_randomisation(a, b, seed=11, draws=999, exact_max=4)  # seeded
    # (hits + 1) / (draws + 1): at least the floor, and close to the exact value (64 patterns)
    exact = brute_force_p(a, b)
    assert t.p_value >= 1 / 1000 and abs(t.p_value - exact) < 0.05
    # p counts the observed assignment: it is never 0
    far = np.zeros_like(a)
    far[:, FIELD_INDEX[(Kind.EVENT, "type")]] = (4, 0, 0)
    assert paired_randomisation(far, np.zeros_like(a), seed=1, draws=99, exact_max=4).p_value >= 1 / 100


def test_smallest_p():
    assert smallest_p(5, Method.EXACT) == 0.0625 and smallest_p(0, Method.EXACT) == 1.0
    assert smallest_p(30, Method.MONTE_CARLO, draws=9999) == 1 / 10000


def test_compare_reports_uses_the_exact_test():
    perfect, empty = score(GOLD, GOLD.values()), score(GOLD, [])
    t = compare(perfect, empty)
    assert isinstance(t, PairedTest) and t.method is Method.EXACT
    assert t.documents == len(GOLD) and t.p_value == 2 / 2 ** len(GOLD) == t.smallest_p
    assert t.delta == 1.0 and t.direction is Direction.A_BETTER
    assert t.ci is not None and t.resamples == perfect.config.resamples
    assert compare(score(GOLD, GOLD.values(), resamples=0), empty).ci is None


def test_rules_against_spacy_on_the_shipped_data_and_the_numbers_docs_quote():
    from pathlib import Path

    from benchmark import score_file
    from benchmark.model.paths import ROOT

    reports = {name: score_file(ROOT / "submissions" / f"{name}.json")[0] for name in ("rules", "spacy", "text_blind")}
    t = compare(reports["rules"], reports["spacy"])
    assert (t.documents, t.p_value, t.smallest_p, t.separable) == (5, 0.0625, 0.0625, False)
    # rules is ahead on every document, so only the identity and the full swap are as extreme
    rules, spacy = reports["rules"].document_scores(), reports["spacy"].document_scores()
    assert all(r.headline > s.headline for r, s in zip(rules, spacy, strict=True))
    docs = Path(ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    after = (f"| after (anchored events, name-kind mentions) | {reports['text_blind'].kind('event').counts.f1:.4f} | "
             f"{reports['text_blind'].headline:.4f} | n/a | {reports['rules'].headline:.4f} | {reports['spacy'].headline:.4f} |")
    assert after in docs
    low, high = min(r.headline for r in rules), max(r.headline for r in rules)
    assert f"{low:.4f}–{high:.4f}" in docs
