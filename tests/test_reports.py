"""Rendering: stable JSON keys, identical bytes for identical input, undefined and
not-submitted values shown as such, the tidy DataFrame."""

from __future__ import annotations

import csv
import io
import json
import math

from benchmark import score
from benchmark.rendering.report_formats import render
from scoring_builders import doc, ent
from scoring_fixture import GOLD

TOP_KEYS = {"system", "headline", "kinds", "fields", "grounding", "coreference", "documents", "missing", "config"}
ROW_KEYS = {"kind", "field", "track", "submitted", "tp", "fp", "fn", "precision", "recall", "f1", "ci"}


def partial():
    """Gold 900 as predicted, 901 missing: entity name TP 6, FN 5."""
    return score(GOLD, [GOLD["900"]], gold_sha256="g" * 64)


def test_json_keys_and_values():
    value = json.loads(render(partial(), "json"))
    assert set(value) == TOP_KEYS
    assert set(value["config"]) == {"mode", "thresholds", "seed", "resamples", "confidence", "version",
                                    "gold_sha256", "submission_sha256"}
    assert value["config"]["thresholds"] == {"content_f1": 0.5, "claim_key_f1": 0.5}
    assert value["missing"] == ["901"] and value["documents"] == ["900", "901"]
    row = value["fields"][0]
    assert set(row) == ROW_KEYS
    # entity name: TP 6, FN 5 -> R 6/11 rounded to 6 places
    assert (row["kind"], row["field"], row["tp"], row["fp"], row["fn"]) == ("entity", "name", 6, 0, 5)
    assert row["recall"] == round(6 / 11, 6)
    assert set(value["kinds"]) == {"entity", "event", "claim"}
    assert set(value["coreference"]["entity"]) == {"submitted", "muc", "b3", "ceafe", "lea", "conll"}
    assert [g["field"] for g in value["grounding"]] == ["mentions", "trigger", "span"]


def test_same_input_same_bytes():
    for fmt in ("text", "json", "csv", "markdown"):
        assert render(partial(), fmt, per_doc=True) == render(partial(), fmt, per_doc=True)


def test_undefined_and_not_submitted():
    gold = {"d": doc("d", entities=[ent("e", "Putin", "PER", mentions=[(0, 5, "Putin")])])}
    report = score(gold, [doc("d", entities=[ent("p", "Putin", "PER")])])
    value = json.loads(render(report, "json"))
    mentions = next(r for r in value["fields"] if r["field"] == "mentions")
    assert mentions["submitted"] is False and mentions["f1"] is None and mentions["tp"] is None
    date = next(r for r in value["fields"] if r["field"] == "date")
    assert date["submitted"] is True and date["precision"] is None and date["f1"] is None  # 0/0
    assert value["coreference"]["entity"]["submitted"] is False
    text = render(report, "text")
    assert "not submitted" in text and "n/a" in text
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert rows[2]["field"] == "mentions" and rows[2]["f1"] == "" and rows[2]["submitted"] == "false"


def test_markdown_and_per_doc():
    md = render(partial(), "markdown", per_doc=True)
    assert md.startswith("# Scores") and "| entity | name | core | 6 | 0 | 5 |" in md
    assert "## Per document" in md
    per_doc = json.loads(render(partial(), "json", per_doc=True))["per_doc"]
    row = next(r for r in per_doc if r["doc_id"] == "901" and r["field"] == "name")
    assert (row["tp"], row["fn"]) == (0, 5)


def test_to_frame():
    frame = partial().to_frame()
    assert list(frame.columns) == ["kind", "field", "track", "submitted", "tp", "fp", "fn",
                                   "precision", "recall", "f1", "f1_low", "f1_high"]
    assert len(frame) == 16
    name = frame[(frame.kind == "entity") & (frame.field == "name")].iloc[0]
    assert (name.tp, name.fn, name.recall) == (6, 5, 6 / 11)
    per_doc = partial().to_frame(per_doc=True)
    assert len(per_doc) == 32 and set(per_doc.doc_id) == {"900", "901"}
    row = per_doc[(per_doc.doc_id == "901") & (per_doc.field == "name")].iloc[0]
    assert row.tp == 0 and math.isnan(row.precision)
