"""explain: aligned pairs with agreeing and disagreeing fields, missed and
spurious objects with snippets; its counts sum to the report's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmark import score
from benchmark.model.loading import load_split, load_submission
from benchmark.model.paths import DATA
from benchmark.scoring.fields import FIELDS, Track
from benchmark.scoring.explanation import Side, SpanStatus, Status, explain, span_statuses
from benchmark.model.loading import annotation_from_json
from benchmark.model.records import Kind
from benchmark.rendering.report_formats import explanation_json, explanation_text
from scoring_fixture import DOCUMENTS, GOLD, gold_copy

ROOT = Path(__file__).resolve().parent.parent


def edited():
    records = gold_copy()
    first = records[0]
    first["entities"][0]["type"] = "ORG"  # e1 Putin: type disagrees
    del first["events"][1]  # v2 missed
    first["claims"].append({"id": "zz", "cue": "said", "content": "something else entirely"})  # spurious
    return annotation_from_json(first)


def test_pairs_missed_spurious():
    e = explain(GOLD["900"], edited(), DOCUMENTS["900"], "lenient")
    entities, events, claims = e.kinds
    putin = next(p for p in entities.pairs if p.gold_id == "e1")
    type_ = next(f for f in putin.fields if f.field == "type")
    assert (type_.status, type_.gold, type_.predicted, type_.fp, type_.fn) == (Status.DISAGREE, "PER", "ORG", 1, 1)
    assert "[[Vladimir Putin]]" in putin.snippet
    assert [o.id for o in events.missed] == ["v2"] and "[[expand]]" in events.missed[0].snippet
    assert [o.id for o in claims.spurious] == ["zz"]
    # c2 is about v2, which is no longer predicted: the reference cannot map to the gold
    c2 = next(p for p in claims.pairs if p.gold_id == "c2")
    about = next(f for f in c2.fields if f.field == "about")
    assert (about.status, about.gold, about.predicted) == (Status.DISAGREE, "v2", "v2 (unaligned)")


def explained_counts(e):
    """Per field (kind, name): tp, fp, fn summed over explain's aligned pairs,
    missed gold objects (FN) and spurious predictions (FP)."""
    totals = {}
    for k in e.kinds:
        for p in k.pairs:
            for f in p.fields:
                t = totals.setdefault((k.kind, f.field), [0, 0, 0])
                t[0] += f.tp
                t[1] += f.fp
                t[2] += f.fn
        for objects, at in ((k.spurious, 1), (k.missed, 2)):
            for o in objects:
                for f in o.fields:
                    totals.setdefault((k.kind, f.field), [0, 0, 0])[at] += f.elements
    return totals


def span_counts(e):
    """(kind, field) -> [tp, fp, fn] from the span statuses: matched predicted spans, spurious, missed."""
    totals = {}
    for r in e.spans:
        row = totals.setdefault((r.kind, r.field), [0, 0, 0])
        if r.side is Side.PREDICTED:
            row[0 if r.status is SpanStatus.MATCHED else 1] += 1
        elif r.status is SpanStatus.MISSED:
            row[2] += 1
    return totals


def assert_explain_agrees(gold, documents, predicted, mode):
    report = score(gold, predicted, mode, documents=documents, resamples=0)
    by_id = {d.doc_id: d for d in predicted}
    for doc_id in sorted(gold):
        e = explain(gold[doc_id], by_id.get(doc_id), documents.get(doc_id), mode)
        totals = explained_counts(e)
        spans = span_counts(e)
        for spec in FIELDS:
            expected = report.documents.counts(doc_id, spec.kind, spec.name)
            assert tuple(totals.get((spec.kind, spec.name), (0, 0, 0))) == (expected.tp, expected.fp, expected.fn), (
                doc_id, spec.key, mode)
            if spec.track is Track.GROUNDING:
                assert tuple(spans.get((spec.kind, spec.name), (0, 0, 0))) == (expected.tp, expected.fp, expected.fn), (
                    doc_id, spec.key, mode)
        gold_spans = sum(1 for r in e.spans if r.side is Side.GOLD)
        assert all((r.status is SpanStatus.MATCHED) == (r.partner is not None) for r in e.spans)
        assert gold_spans == sum(report.documents.counts(doc_id, spec.kind, spec.name).gold
                                 for spec in FIELDS if spec.track is Track.GROUNDING)


def test_explain_counts_sum_to_the_report():
    assert_explain_agrees({"900": GOLD["900"]}, DOCUMENTS, [edited()], "lenient")


@pytest.mark.parametrize("mode", ["lenient", "strict"])
@pytest.mark.parametrize("path", sorted((ROOT / "submissions").glob("*.json")), ids=lambda p: p.stem)
def test_explain_agrees_with_the_report_on_every_field(path, mode):
    """Every committed submission, every document and field: explain's per-pair,
    missed and spurious counts sum to the report's per-document counts."""
    split = load_split(DATA)
    assert not split.problems
    documents, gold = split.documents, split.gold
    submission, problems = load_submission(path, documents, allow_missing=True)
    assert not problems and submission is not None
    assert_explain_agrees(gold, documents, submission.documents, mode)


def test_kind_filter_and_renderings():
    e = explain(GOLD["900"], edited(), DOCUMENTS["900"], "strict", kinds=[Kind.CLAIM])
    assert [k.kind for k in e.kinds] == [Kind.CLAIM]
    value = json.loads(explanation_json(e))
    assert value["mode"] == "strict" and set(value["kinds"]) == {"claim"}
    assert value["kinds"]["claim"]["spurious"][0]["fields"] == {"cue": "said", "content": "something else entirely"}
    text = explanation_text(e)
    assert "CLAIMS: 3 aligned, 0 missed, 1 spurious" in text and "spurious predicted zz" in text


def test_empty_prediction_misses_everything():
    e = explain(GOLD["901"], None, DOCUMENTS["901"])
    assert all(not k.pairs and not k.spurious for k in e.kinds)
    assert sum(len(k.missed) for k in e.kinds) == 5 + 3 + 3


def test_span_statuses_hand_worked():
    from benchmark.scoring.alignment import align
    from scoring_builders import doc, ent, evt

    gold = doc(entities=[ent("g", "NATO", "ORG", mentions=[(0, 4, "NATO", "name"), (10, 20, "the allies", "nominal")])],
               events=[evt("v", "Meet", trigger=(30, 35, "talks"))])
    predicted = doc(entities=[ent("p", "NATO", "ORG", mentions=[(0, 4, "NATO"), (40, 44, "junk")])],
                    events=[evt("w", "Call", trigger=(30, 35, "talks"))])
    rows = [(r.kind.value, r.side.value, r.object_id, r.partner_object_id, r.start, r.end, r.status.value, r.partner)
            for r in span_statuses(align(gold, predicted, "lenient"))]
    assert rows == [
        ("entity", "gold", "g", "p", 0, 4, "matched", (0, 4)),
        ("entity", "gold", "g", "p", 10, 20, "missed", None),
        ("entity", "predicted", "p", "g", 0, 4, "matched", (0, 4)),
        ("entity", "predicted", "p", "g", 40, 44, "spurious", None),
        ("event", "gold", "v", None, 30, 35, "missed", None),  # another type: unaligned
        ("event", "predicted", "w", None, 30, 35, "spurious", None),
    ]
    value = json.loads(explanation_json(explain(gold, predicted)))
    assert value["spans"][0] == {"kind": "entity", "field": "mentions", "side": "gold", "object_id": "g",
                                 "partner_object_id": "p", "start": 0, "end": 4, "status": "matched",
                                 "partner": [0, 4], "void": False}
