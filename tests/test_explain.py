"""explain: aligned pairs with agreeing and disagreeing fields, missed and
spurious objects with snippets; its counts sum to the report's."""

from __future__ import annotations

import json

from benchmark import score
from benchmark.scoring.explanation import Status, explain
from benchmark.model.loading import annotation_from_json
from benchmark.model.records import Kind
from benchmark.rendering.report_formats import explanation_json, explanation_text
from scoring_fixture import DOCUMENTS, GOLD, gold_copy


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


def test_explain_counts_sum_to_the_report():
    predicted = edited()
    report = score({"900": GOLD["900"]}, [predicted], resamples=0)
    e = explain(GOLD["900"], predicted, DOCUMENTS["900"])
    for k in e.kinds:
        for name in ("type", "about"):
            if not any(f.field == name for p in k.pairs for f in p.fields):
                continue
            tp = sum(f.tp for p in k.pairs for f in p.fields if f.field == name)
            fp = sum(f.fp for p in k.pairs for f in p.fields if f.field == name) + sum(
                1 for o in k.spurious if name in dict(o.fields))
            assert (tp, fp) == (report.field(k.kind, name).counts.tp, report.field(k.kind, name).counts.fp)


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
