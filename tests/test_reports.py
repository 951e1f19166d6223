"""Rendering: stable JSON keys, identical bytes for identical input, undefined and
not-submitted values shown as such, the tidy DataFrame."""

from __future__ import annotations

import csv
import io
import json
import math
import re

from benchmark import score
from benchmark.rendering.report_formats import render
from scoring_builders import doc, ent
from scoring_fixture import GOLD

TOP_KEYS = {"system", "headline", "kinds", "fields", "grounding", "coreference", "groups", "per_document", "documents",
            "missing", "failed", "truncated", "config", "mention_detection"}
ROW_KEYS = {"kind", "field", "track", "submitted", "tp", "fp", "fn", "precision", "recall", "f1", "ci"}


def partial():
    """Gold 900 as predicted, 901 missing: entity name TP 6, FN 5."""
    return score(GOLD, [GOLD["900"]], gold_sha256="g" * 64)


def test_json_keys_and_values():
    value = json.loads(render(partial(), "json"))
    assert set(value) == TOP_KEYS
    assert set(value["config"]) == {"mode", "thresholds", "seed", "resamples", "confidence", "version",
                                    "gold_sha256", "submission_sha256", "distinct_resamples"}
    assert value["config"]["distinct_resamples"] == 3  # two documents: {0,0}, {0,1}, {1,1}
    assert value["config"]["thresholds"] == {"content_f1": 0.8, "claim_key_f1": 0.5, "span_dice": 0.5}
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
    mentions = next(r for r in rows if r["level"] == "field" and r["field"] == "mentions")
    assert mentions["f1"] == "" and mentions["submitted"] == "false" and mentions["tp"] == ""


def test_markdown_and_per_doc():
    md = render(partial(), "markdown", per_doc=True)
    assert md.startswith("# Scores") and "| entity | name | core | 6 | 0 | 5 |" in md
    assert "## Per document" in md
    per_doc = json.loads(render(partial(), "json", per_doc=True))["per_doc"]
    row = next(r for r in per_doc if r["doc_id"] == "901" and r["field"] == "name")
    assert (row["tp"], row["fn"]) == (0, 5)


def test_to_frame():
    frame = partial().to_frame()
    assert list(frame.columns) == ["system", "level", "doc_id", "kind", "field", "group", "track", "submitted",
                                   "tp", "fp", "fn", "precision", "recall", "f1", "f1_low", "f1_high", "value", "note"]
    fields = frame[frame.level == "field"]
    assert len(fields) == 16
    name = fields[(fields.kind == "entity") & (fields.field == "name")].iloc[0]
    assert (name.tp, name.fn, name.recall) == (6, 5, 6 / 11)
    headline = frame[frame.level == "headline"].iloc[0]
    assert headline.f1 == partial().headline and headline.f1_low <= headline.f1 <= headline.f1_high
    assert list(frame[frame.level == "kind"].kind) == ["entity", "event", "claim"]
    assert set(frame[frame.level == "coreference"].field) == {"muc", "b3", "ceafe", "lea", "conll"}
    # per document: 900 as gold, 901 empty
    docs = frame[(frame.level == "document") & (frame.field == "headline")]
    assert list(docs.doc_id) == ["900", "901"] and list(docs.f1) == [1.0, 0.0]
    per_doc = partial().to_frame(per_doc=True)
    fields = per_doc[(per_doc.level == "document") & (per_doc.track != "") & (per_doc.field != "core")]
    assert len(fields) == 32 and set(fields.doc_id) == {"900", "901"}
    row = fields[(fields.doc_id == "901") & (fields.field == "name")].iloc[0]
    assert row.tp == 0 and math.isnan(row.precision)


def test_two_reports_concatenate_into_one_tidy_table():
    import pandas

    a = partial()
    b = score(GOLD, [], gold_sha256="g" * 64)
    object.__setattr__(b, "system", "nothing")
    both = pandas.concat([a.to_frame(), b.to_frame()], ignore_index=True)
    kinds = both[both.level == "kind"].pivot(index="kind", columns="system", values="f1")
    assert kinds.loc["entity", "nothing"] == 0.0 and kinds.loc["entity", ""] > 0


def test_per_type_rows_in_every_format():
    report = partial()
    groups = {(g.kind.value, g.label): g.counts for g in report.groups}
    text, md = render(report, "text"), render(report, "markdown")
    value = json.loads(render(report, "json"))
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    for (kind, label), c in groups.items():
        field, _, group = label.partition("=")
        assert any(g["kind"] == kind and g["field"] == field and g["value"] == group and g["tp"] == c.tp
                   for g in value["groups"])
        assert any(r["level"] == "group" and r["kind"] == kind and r["group"] == group and r["tp"] == str(c.tp)
                   for r in rows)
        assert re.search(rf"^{kind} +{re.escape(label)} +{c.tp} ", text, re.M) and f"| {kind} | {label} | {c.tp} |" in md
    assert "Per document" in text and "headline spread over 2 documents" in text


def test_comparison_in_every_format():
    a, b = partial(), score(GOLD, [], gold_sha256="g" * 64)
    from benchmark import compare_reports
    t = compare_reports(a, b)
    value = json.loads(render(a, "json", comparison=t, other="B"))["comparison"]
    # 901 is empty on both sides: swapping it changes nothing, so 2 of 4 patterns give +delta, 2 give -delta
    assert (value["documents"], value["p_value"], value["smallest_p"], value["separable"]) == (2, 1.0, 0.5, False)
    assert value["verdict"] == "cannot tell apart at n = 2 (smallest possible p = 0.5)"
    assert value["bootstrap"]["distinct_resamples"] == 3
    rows = {r["field"]: r for r in csv.DictReader(io.StringIO(render(a, "csv", comparison=t, other="B"))) if r["level"] == "comparison"}
    assert rows["p_value"]["value"] == "1.000000" and rows["smallest_p"]["value"] == "0.500000"
    assert rows["verdict"]["note"] == value["verdict"] and rows["delta"]["group"] == "B"
    for fmt in ("text", "markdown"):
        shown = render(a, fmt, comparison=t, other="B")
        assert "n = 2 documents" in shown and "p = 1.0000, smallest possible p = 0.5000" in shown


def test_distinct_resamples_of_many_documents_is_null_in_json_and_bounded_in_text() -> None:
    # C(2n - 1, n) at 10,000 documents has ~6,000 digits: more than Python converts to text
    from benchmark.rendering.report_formats import MAX_EXACT_COUNT, _distinct_json, _distinct_text

    assert _distinct_json(5) == 126 and _distinct_text(5) == "126"
    assert _distinct_json(28) == 3824345300380220 <= MAX_EXACT_COUNT and _distinct_json(29) is None
    assert _distinct_text(10_000) == "more than 9,007,199,254,740,991"


def test_mention_detection_in_every_format():
    report = partial()
    md = report.mention_detection
    assert md is not None
    text, markdown = render(report, "text"), render(report, "markdown")
    value = json.loads(render(report, "json"))["mention_detection"]
    rows = [r for r in csv.DictReader(io.StringIO(render(report, "csv"))) if r["level"] == "mention_detection"]
    assert [r["field"] for r in rows] == ["strict", "exact", "partial", "ent_type"]
    for s in md.schemes:
        name = s.scheme.value
        assert value[name]["correct"] == s.correct and value[name]["missed"] == s.missed
        assert value[name]["f1"] == round(s.f1, 6)
        row = next(r for r in rows if r["field"] == name)
        assert f"correct={s.correct} " in row["note"] and float(row["f1"]) == round(s.f1, 6)
        assert re.search(rf"^ *{name} +{s.correct} +{s.incorrect} +{s.partial} +{s.missed} +{s.spurious} ", text, re.M)
        assert f"| {name} | {s.correct} | {s.incorrect} | {s.partial} | {s.missed} | {s.spurious} |" in markdown
    # gold 900 predicted as itself, 901 missing: every 900 mention found, every 901 mention missed
    assert md.get("strict").spurious == 0 and md.get("strict").missed > 0 and value["gold"] == md.gold


def test_one_markdown_escaping_policy():
    """Reports, tables and the leaderboard escape Markdown text with one function:
    no cell, link, emphasis or inline HTML can be opened by a name."""
    from benchmark.leaderboard import render
    from benchmark.rendering.tables import markdown_table, markdown_text

    assert render._md is markdown_text
    assert markdown_text("a|b\n[x](y) <i>*_`") == "a\\|b \\[x\\]\\(y\\) &lt;i&gt;\\*\\_\\`"
    assert markdown_table(["name", "F1"], [["a|b", "0.5000"]], [False, True]) == [
        "| name | F1 |", "|---|---:|", "| a\\|b | 0.5000 |"]
