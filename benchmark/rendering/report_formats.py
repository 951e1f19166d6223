"""Rendering a ``Report`` as text, JSON, CSV or Markdown.

Same report, same bytes: keys and rows in a fixed order, floats at fixed
precision, no timestamps. Undefined scores (a zero denominator) are ``null`` in
JSON, empty in CSV and ``n/a`` in text and Markdown; a grounding field or a
coreference kind the submission gave nothing for reads ``not submitted``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import statistics
from enum import Enum
from typing import Any, Callable

from benchmark.rendering.spreadsheet import csv_text
from benchmark.rendering.tables import markdown_table
from benchmark.scoring.bootstrap import Direction, Interval, distinct_resamples
from benchmark.scoring.significance import PairedTest, verdict
from benchmark.scoring.coref import CorefMetric, CorefScore
from benchmark.scoring.fields import FIELDS
from benchmark.scoring.metrics import Counts
from benchmark.scoring.explanation import Explanation, ObjectExplanation
from benchmark.scoring.report import TIDY_COLUMNS, FieldScore, Report, tidy_rows

DIGITS = 6
"""Decimals of every score in JSON and CSV."""

TEXT_DIGITS = 4
"""Decimals of every score in text and Markdown."""

VERDICTS = {Direction.A_BETTER: "this submission scores higher", Direction.B_BETTER: "the other submission scores higher",
            Direction.EQUAL: "no difference"}

METRIC_NAMES = {CorefMetric.MUC: "MUC", CorefMetric.B3: "B3", CorefMetric.CEAFE: "CEAF-e", CorefMetric.LEA: "LEA"}


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def _num(value: float, defined: bool = True) -> float | None:
    return round(value, DIGITS) if defined else None


def _txt(value: float | None, defined: bool = True) -> str:
    return f"{value:.{TEXT_DIGITS}f}" if defined and value is not None else "n/a"


def _ci_json(ci: Interval | None) -> dict[str, float | None] | None:
    return None if ci is None else {"low": _num(ci.low), "high": _num(ci.high)}


def _ci_txt(ci: Interval | None) -> str:
    return "" if ci is None else f"[{_txt(ci.low)}, {_txt(ci.high)}]"


def _counts_json(c: Counts, shown: bool = True) -> dict[str, Any]:
    return {
        "tp": c.tp if shown else None,
        "fp": c.fp if shown else None,
        "fn": c.fn if shown else None,
        "precision": _num(c.precision, shown and c.precision_defined),
        "recall": _num(c.recall, shown and c.recall_defined),
        "f1": _num(c.f1, shown and c.f1_defined),
    }


def _field_json(f: FieldScore) -> dict[str, Any]:
    return {
        "kind": f.kind.value, "field": f.field, "track": f.track.value, "submitted": f.submitted,
        **_counts_json(f.counts, f.submitted), "ci": _ci_json(f.ci) if f.submitted else None,
    }


def _coref_json(score: CorefScore) -> dict[str, Any]:
    return {
        "recall": _num(score.recall, score.recall_defined),
        "precision": _num(score.precision, score.precision_defined),
        "f1": _num(score.f1, score.recall_defined and score.precision_defined),
    }


MAX_EXACT_COUNT = 2**53 - 1
"""The largest count written exactly: every JSON reader holds it exactly, and
C(2n - 1, n) passes it from n = 29 (at 10,000 documents it has ~6,000 digits,
more than Python converts to text)."""


def _distinct_json(n: int) -> int | None:
    """``distinct_resamples(n)``, or null when it is over ``MAX_EXACT_COUNT``."""
    count = distinct_resamples(n)
    return count if count <= MAX_EXACT_COUNT else None


def _distinct_text(n: int) -> str:
    count = distinct_resamples(n)
    return str(count) if count <= MAX_EXACT_COUNT else f"more than {MAX_EXACT_COUNT:,}"


def comparison_json(test: PairedTest) -> dict[str, Any]:
    return {
        "test": test.description, "method": test.method.value, "documents": test.documents,
        "swap_patterns": test.patterns, "delta": _num(test.delta), "p_value": _num(test.p_value),
        "smallest_p": _num(test.smallest_p), "alpha": test.alpha, "decidable": test.decidable,
        "separable": test.separable, "verdict": verdict(test), "direction": test.direction.value, "seed": test.seed,
        "bootstrap": {"ci": _ci_json(test.ci), "resamples": test.resamples,
                      "distinct_resamples": _distinct_json(test.documents)},
    }


def _documents_json(report: Report) -> list[dict[str, Any]]:
    return [{"doc_id": d.doc_id, "headline": _num(d.headline), "entity": _num(d.entity), "event": _num(d.event),
             "claim": _num(d.claim)} for d in report.document_scores()]


def _groups_json(report: Report) -> list[dict[str, Any]]:
    return [{"kind": g.kind.value, "field": g.field, "value": g.value, **_counts_json(g.counts)} for g in report.groups]


def _mention_detection_json(report: Report) -> dict[str, Any] | None:
    md = report.mention_detection
    if md is None:
        return None
    return {
        "gold": md.gold, "predicted": md.predicted,
        **{m.scheme.value: {"correct": m.correct, "incorrect": m.incorrect, "partial": m.partial, "missed": m.missed,
                            "spurious": m.spurious, "possible": m.possible, "actual": m.actual,
                            "precision": _num(m.precision), "recall": _num(m.recall), "f1": _num(m.f1)}
           for m in md.schemes},
    }


def report_json(report: Report, per_doc: bool = False, comparison: PairedTest | None = None, other: str = "") -> dict[str, Any]:
    """The stable JSON report as a Python value (see ``docs/scoring.md``)."""
    c = report.config
    value: dict[str, Any] = {
        "system": report.system,
        "headline": {"f1": _num(report.headline), "ci": _ci_json(report.headline_ci)},
        "kinds": {k.kind.value: {**_counts_json(k.counts), "ci": _ci_json(k.ci)} for k in report.kinds},
        "fields": [_field_json(f) for f in report.fields],
        "grounding": [_field_json(f) for f in report.grounding],
        "coreference": {
            r.kind.value: {
                "submitted": r.submitted,
                **{m.value: _coref_json(r.scores.get(m)) if r.submitted else None for m in CorefMetric},
                "conll": _num(r.scores.conll) if r.submitted else None,
            }
            for r in report.coreference
        },
        "groups": _groups_json(report),
        "mention_detection": _mention_detection_json(report),
        "per_document": _documents_json(report),
        "documents": list(report.documents.doc_ids),
        "missing": list(report.missing),
        "failed": list(report.failed),
        "truncated": list(report.truncated),
        "config": {
            "mode": c.mode.value,
            "thresholds": {"content_f1": c.thresholds.content_f1, "claim_key_f1": c.thresholds.claim_key_f1,
                           "span_dice": c.thresholds.span_dice},
            "seed": c.seed, "resamples": c.resamples, "confidence": c.confidence,
            "distinct_resamples": _distinct_json(len(report.documents.doc_ids)),
            "version": c.version, "gold_sha256": c.gold_sha256, "submission_sha256": c.submission_sha256,
        },
    }
    if per_doc:
        value["per_doc"] = [
            {"doc_id": doc_id, "kind": spec.kind.value, "field": spec.name,
             **_counts_json(Counts(*report.documents.array[d, i].tolist()))}
            for d, doc_id in enumerate(report.documents.doc_ids)
            for i, spec in enumerate(FIELDS)
        ]
    if comparison is not None:
        value["comparison"] = {"against": other, **comparison_json(comparison)}
    return value


def to_json(report: Report, per_doc: bool = False, comparison: PairedTest | None = None, other: str = "") -> str:
    return json.dumps(report_json(report, per_doc, comparison, other), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _per_doc_rows(report: Report) -> list[tuple[str, str, str, Counts]]:
    return [
        (doc_id, spec.kind.value, spec.name, Counts(*report.documents.array[d, i].tolist()))
        for d, doc_id in enumerate(report.documents.doc_ids)
        for i, spec in enumerate(FIELDS)
    ]


def to_csv(report: Report, per_doc: bool = False, comparison: PairedTest | None = None, other: str = "") -> str:
    """``Report.tidy_rows`` as CSV: headline, kinds, fields, groups, coreference,
    per-document scores (and field counts with ``per_doc``), and the comparison.
    Undefined and not-applicable cells are empty; a text cell that a spreadsheet
    would read as a formula is prefixed with ``'``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TIDY_COLUMNS)
    for row in tidy_rows(report, per_doc, comparison, other):
        writer.writerow([_csv_cell(row[c]) for c in TIDY_COLUMNS])
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.{DIGITS}f}"
    return csv_text(str(value))


LABELS = frozenset({"kind", "fields", "field", "track", "doc", "group"})
"""Columns that hold names (left-aligned); the others hold numbers."""


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    left = [h in LABELS for h in header]
    if markdown:
        return markdown_table(header, rows, [not is_left for is_left in left])
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    fmt = lambda r: "  ".join(x.ljust(w) if is_left else x.rjust(w) for x, w, is_left in zip(r, widths, left, strict=True)).rstrip()  # noqa: E731
    return [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]


def _score_row(c: Counts, ci: Interval | None) -> list[str]:
    return [str(c.tp), str(c.fp), str(c.fn), _txt(c.precision, c.precision_defined), _txt(c.recall, c.recall_defined),
            _txt(c.f1, c.f1_defined), _ci_txt(ci)]


def run_status_lines(report: Report) -> list[str]:
    """One line each for the documents the run says failed or were truncated:
    a report of a partial run never passes for a complete one."""
    n = len(report.documents.doc_ids)
    lines = []
    if report.failed:
        lines.append(f"WARNING: {len(report.failed)} of {n} documents failed (no answer, scored as empty): {', '.join(report.failed)}")
    if report.truncated:
        lines.append(f"WARNING: {len(report.truncated)} of {n} documents truncated (partial answers, scored as submitted): "
                     f"{', '.join(report.truncated)}")
    return lines


def _readable(report: Report, per_doc: bool, comparison: PairedTest | None, other: str, markdown: bool) -> str:
    c = report.config
    pct = f"{c.confidence * 100:g}%"
    heading = (lambda s: f"## {s}") if markdown else (lambda s: s)
    ci = f"  {pct} CI {_ci_txt(report.headline_ci)}" if report.headline_ci else ""
    lines = [
        ("# " if markdown else "") + f"Scores: {report.system or '(unnamed system)'}",
        "",
        f"mode {c.mode.value}; {len(report.documents.doc_ids)} documents"
        + (f"; missing, scored as empty: {', '.join(report.missing)}" if report.missing else ""),
        *run_status_lines(report),
        "",
        ("**" if markdown else "") + f"Headline F1 {_txt(report.headline)}" + ("**" if markdown else "") + ci,
        "",
        heading("Kinds (core fields, micro-averaged)"),
        "",
    ]
    score_header = ["tp", "fp", "fn", "precision", "recall", "F1", f"{pct} CI"]
    lines += _table(["kind", "fields", *score_header],
                    [[k.kind.value, "core", *_score_row(k.counts, k.ci)] for k in report.kinds], markdown)
    rows = []
    for f in report.fields:
        cells = _score_row(f.counts, f.ci) if f.submitted else ["", "", "", "not submitted", "", "", ""]
        rows.append([f.kind.value, f.field, f.track.value, *cells])
    lines += ["", heading("Fields"), ""] + _table(["kind", "field", "track", *score_header], rows, markdown)
    group_rows = [[g.kind.value, g.label, *_score_row(g.counts, None)[:6]] for g in report.groups]
    lines += ["", heading("Per type (core fields; aligned pairs under the gold value, spurious under the predicted)"), ""]
    lines += _table(["kind", "group", *score_header[:6]], group_rows, markdown)
    scores = report.document_scores()
    heads = sorted(d.headline for d in scores)
    lines += ["", heading("Per document (each scored on its own)"), ""]
    lines += _table(["doc", "headline", "entity", "event", "claim"],
                    [[d.doc_id, *(_txt(v) for v in (d.headline, d.entity, d.event, d.claim))] for d in scores], markdown)
    if heads:
        lines += ["", f"headline spread over {len(heads)} documents: min {_txt(heads[0])}, "
                      f"median {_txt(float(statistics.median(heads)))}, max {_txt(heads[-1])}"]
    coref_rows = []
    for r in report.coreference:
        if not r.submitted:
            coref_rows.append([r.kind.value, "not submitted", *[""] * 4])
            continue
        s = r.scores
        coref_rows.append([r.kind.value, *[_txt(s.get(m).f1, s.get(m).recall_defined and s.get(m).precision_defined) for m in CorefMetric], _txt(s.conll)])
    lines += ["", heading("Cross-document coreference (F1)"), ""]
    lines += _table(["kind", *METRIC_NAMES.values(), "CoNLL"], coref_rows, markdown)
    md = report.mention_detection
    if md is not None:
        lines += ["", heading("Mention detection (flat entity mentions, nervaluate schemes; diagnostic, not in the headline)"), ""]
        lines += _table(["scheme", "correct", "incorrect", "partial", "missed", "spurious", "precision", "recall", "F1"],
                        [[m.scheme.value, str(m.correct), str(m.incorrect), str(m.partial), str(m.missed), str(m.spurious),
                          _txt(m.precision, m.actual > 0), _txt(m.recall, m.possible > 0),
                          _txt(m.f1, m.actual + m.possible > 0)] for m in md.schemes], markdown)
    if per_doc:
        doc_rows = [[d, f"{k}.{f}", *_score_row(cnt, None)[:6]] for d, k, f, cnt in _per_doc_rows(report)]
        lines += ["", heading("Per document"), ""] + _table(["doc", "field", *score_header[:6]], doc_rows, markdown)
    if comparison is not None:
        t = comparison
        ci_part = f"; paired bootstrap {pct} CI {_ci_txt(t.ci)} (coarse: see caveat)" if t.ci else ""
        lines += ["", heading(f"Paired test against {other}"), "",
                  f"headline difference {t.delta:+.{TEXT_DIGITS}f}: {VERDICTS[t.direction]}{ci_part}",
                  f"{t.description}: n = {t.documents} documents, {t.patterns} swap patterns, "
                  f"p = {t.p_value:.{TEXT_DIGITS}f}, smallest possible p = {t.smallest_p:.{TEXT_DIGITS}f}",
                  f"verdict: {verdict(t)}"]
    n = len(report.documents.doc_ids)
    if c.resamples and n:
        lines += ["", f"caveat: the {pct} CIs resample {n} documents with replacement, which gives at most "
                      f"{_distinct_text(n)} distinct resamples; at this size they are coarse and too narrow."]
    th = c.thresholds
    lines += ["", heading("Configuration"), "",
              f"thresholds: content_f1 {th.content_f1:g}, claim_key_f1 {th.claim_key_f1:g}, span_dice {th.span_dice:g}; "
              f"bootstrap: {c.resamples} resamples, seed {c.seed}; version {c.version}",
              f"gold sha256 {c.gold_sha256 or 'n/a'}", f"submission sha256 {c.submission_sha256 or 'n/a'}"]
    return "\n".join(lines) + "\n"


def to_text(report: Report, per_doc: bool = False, comparison: PairedTest | None = None, other: str = "") -> str:
    return _readable(report, per_doc, comparison, other, markdown=False)


def to_markdown(report: Report, per_doc: bool = False, comparison: PairedTest | None = None, other: str = "") -> str:
    return _readable(report, per_doc, comparison, other, markdown=True)


RENDERERS: dict[Format, Callable[..., str]] = {
    Format.TEXT: to_text, Format.JSON: to_json, Format.CSV: to_csv, Format.MARKDOWN: to_markdown,
}


def render(report: Report, fmt: Format | str = Format.TEXT, per_doc: bool = False,
           comparison: PairedTest | None = None, other: str = "") -> str:
    """The report in one of the four formats; ``comparison`` adds a paired test against ``other``."""
    return RENDERERS[Format(fmt)](report, per_doc, comparison, other)


def _lone_json(o: ObjectExplanation) -> dict[str, object]:
    return {"id": o.id, "snippet": o.snippet, "fields": {f.field: f.value for f in o.fields}}


def explanation_json(e: Explanation) -> str:
    """An explanation as stable JSON."""
    value = {
        "doc_id": e.doc_id,
        "mode": e.mode.value,
        "kinds": {
            k.kind.value: {
                "aligned": [
                    {"gold_id": p.gold_id, "predicted_id": p.predicted_id, "snippet": p.snippet,
                     "fields": [{"field": f.field, "status": f.status.value, "gold": f.gold, "predicted": f.predicted,
                                 "tp": f.tp, "fp": f.fp, "fn": f.fn} for f in p.fields]}
                    for p in k.pairs
                ],
                "missed": [_lone_json(o) for o in k.missed],
                "spurious": [_lone_json(o) for o in k.spurious],
            }
            for k in e.kinds
        },
        "spans": [
            {"kind": r.kind.value, "field": r.field, "side": r.side.value, "object_id": r.object_id,
             "partner_object_id": r.partner_object_id, "start": r.start, "end": r.end, "status": r.status.value,
             "partner": list(r.partner) if r.partner is not None else None, "void": r.void}
            for r in e.spans
        ],
    }
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


MARKS = {"agree": "=", "disagree": "≠", "gold only": "-", "predicted only": "+"}


def explanation_text(e: Explanation) -> str:
    """An explanation for reading: ``=`` agree, ``≠`` disagree, ``-`` gold only,
    ``+`` predicted only; each field shows gold | predicted."""
    lines = [f"Document {e.doc_id} (mode {e.mode.value})"]
    for k in e.kinds:
        lines += ["", f"{k.kind.plural.upper()}: {len(k.pairs)} aligned, {len(k.missed)} missed, {len(k.spurious)} spurious"]
        for p in k.pairs:
            lines.append(f"  aligned gold {p.gold_id} ~ predicted {p.predicted_id}" + (f"  {p.snippet}" if p.snippet else ""))
            for f in p.fields:
                lines.append(f"    {MARKS[f.status.value]} {f.field}: {f.gold if f.gold is not None else '—'} | "
                             f"{f.predicted if f.predicted is not None else '—'}  (tp {f.tp}, fp {f.fp}, fn {f.fn})")
        for label, objects in (("missed gold", k.missed), ("spurious predicted", k.spurious)):
            for o in objects:
                lines.append(f"  {label} {o.id}" + (f"  {o.snippet}" if o.snippet else ""))
                lines += [f"    {f.field}: {f.value}" for f in o.fields]
    return "\n".join(lines) + "\n"
