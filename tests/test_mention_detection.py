"""mention_detection: our implementation of nervaluate's four schemes, equal to
nervaluate 1.2 on every committed submission and on generated nested, duplicate
and adjacent spans; a hand-worked example; never part of the headline."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nervaluate import Evaluator

from benchmark import score
from benchmark.model.loading import load_split, load_submission
from benchmark.model.paths import DATA
from benchmark.model.records import Annotation
from benchmark.scoring.mention_detection import Scheme, evaluate_mentions, flat_mentions
from scoring_builders import doc, ent

ROOT = Path(__file__).resolve().parent.parent


def nervaluate(gold: dict[str, Annotation], predicted: dict[str, Annotation]) -> dict[str, tuple[int, ...]]:
    """nervaluate's overall counts over the same flat mention lists (inclusive ends)."""
    doc_ids = sorted(gold)
    true = [[{"label": m.label, "start": m.start, "end": m.end - 1} for m in flat_mentions(gold[d])] for d in doc_ids]
    pred = [[{"label": m.label, "start": m.start, "end": m.end - 1} for m in flat_mentions(predicted.get(d))]
            for d in doc_ids]
    tags = sorted({m["label"] for docs in (true, pred) for d in docs for m in d}) or ["X"]
    # nervaluate infers its loader from the first document, which must not be empty
    true, pred = [[{"label": tags[0], "start": 0, "end": 0}]] + true, [[{"label": tags[0], "start": 0, "end": 0}]] + pred
    result = Evaluator(true, pred, tags=tags, loader="dict").evaluate()["overall"]
    return {s: (r.correct - 1, r.incorrect, r.partial, r.missed, r.spurious, r.precision, r.recall, r.f1)
            for s, r in result.items()}


def ours(gold, predicted):
    md = evaluate_mentions(gold, predicted)
    return {s.scheme.value: (s.correct, s.incorrect, s.partial, s.missed, s.spurious) for s in md.schemes}


def assert_agrees(gold, predicted):
    theirs = nervaluate(gold, predicted)
    mine = ours(gold, predicted)
    for scheme in Scheme:
        assert mine[scheme.value] == theirs[scheme.value][:5], scheme
    # precision/recall/F1 from the same counts (nervaluate's, without its padding document)
    md = evaluate_mentions(gold, predicted)
    for s in md.schemes:
        if s.actual and s.possible:
            credit = s.correct + (0.5 * s.partial if s.scheme in (Scheme.PARTIAL, Scheme.ENT_TYPE) else 0)
            assert s.precision == pytest.approx(credit / s.actual)
            assert s.recall == pytest.approx(credit / s.possible)


def test_hand_worked_schemes():
    gold = {"d": doc(entities=[ent("g1", "A", "PER", mentions=[(0, 10, "a" * 10), (20, 30, "b" * 10)]),
                               ent("g2", "B", "ORG", mentions=[(40, 50, "c" * 10)])])}
    predicted = {"d": doc(entities=[ent("p1", "A", "PER", mentions=[(0, 10, "a" * 10), (22, 30, "b" * 8)]),
                                    ent("p2", "B", "GPE", mentions=[(40, 50, "c" * 10), (60, 65, "d" * 5)])])}
    # flat: gold (0,10,PER) (20,30,PER) (40,50,ORG); predicted (0,10,PER) (22,30,PER) (40,50,GPE) (60,65,GPE)
    # strict: correct (0,10); incorrect (22,30) overlaps, (40,50) label differs; spurious (60,65)
    # exact: correct (0,10), (40,50); incorrect (22,30); spurious (60,65)
    # partial: correct (0,10), (40,50); partial (22,30); spurious (60,65)
    # ent_type: correct (0,10), (22,30); incorrect (40,50); spurious (60,65)
    assert ours(gold, predicted) == {
        "strict": (1, 2, 0, 0, 1), "exact": (2, 1, 0, 0, 1), "partial": (2, 0, 1, 0, 1), "ent_type": (2, 1, 0, 0, 1)}
    md = evaluate_mentions(gold, predicted)
    partial = md.get("partial")  # (2 + 0.5) / 4 and (2 + 0.5) / 3
    assert (partial.precision, partial.recall) == (2.5 / 4, 2.5 / 3)
    assert_agrees(gold, predicted)


def _committed():
    split = load_split(DATA)
    assert not split.problems and split.gold is not None
    return split.documents, split.gold


@pytest.mark.parametrize("path", sorted((ROOT / "submissions").glob("*.json")), ids=lambda p: p.stem)
def test_equals_nervaluate_on_every_committed_submission(path):
    documents, gold = _committed()
    submission, problems = load_submission(path, documents, allow_missing=True)
    assert not problems and submission is not None
    assert_agrees(gold, submission.by_id())


def test_in_every_report_and_not_in_the_headline():
    documents, gold = _committed()
    spam = {d: doc(d, entities=[ent("x", "X", "GPE", mentions=[(m.start, m.end, m.text) for e in gold[d].entities
                                                               for m in e.mentions or ()])]) for d in gold}
    r = score(gold, list(spam.values()), documents=documents, resamples=0)
    assert r.mention_detection is not None and r.mention_detection.get("exact").f1 == 1.0  # every offset found
    assert r.headline < 0.05  # one entity per document: the headline does not read mention detection


# nested, duplicate and adjacent spans over a small line
spans = st.lists(st.tuples(st.integers(0, 12), st.integers(1, 6), st.sampled_from(["PER", "ORG", "GPE"])), max_size=7)


def _annotation(doc_id, drawn, prefix):
    by_label: dict[str, list] = {}
    for start, width, label in drawn:
        by_label.setdefault(label, []).append((start, start + width, "x" * width))
        if width > 2:  # a nested span inside it, and an adjacent one after it
            by_label[label] += [(start + 1, start + width - 1, "x" * (width - 2)), (start + width, start + width + 2, "xx")]
    return doc(doc_id, entities=[ent(f"{prefix}{n}", label, label, mentions=m) for n, (label, m) in enumerate(sorted(by_label.items()))])


@given(st.lists(st.tuples(spans, spans), min_size=1, max_size=3))
def test_equals_nervaluate_on_generated_spans(documents):
    gold = {f"d{i}": _annotation(f"d{i}", g, "g") for i, (g, _) in enumerate(documents)}
    predicted = {f"d{i}": _annotation(f"d{i}", p, "p") for i, (_, p) in enumerate(documents)}
    assert_agrees(gold, predicted)
