"""The typed result of scoring: ``Report`` and its parts (plain frozen data).

Counts are the stored truth; every precision, recall and F1 is derived from them
(``metrics.Counts``). ``Report.documents`` keeps the per-document counts so that
two reports can be compared by a paired test (``scoring.compare``) and any
aggregate recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from benchmark.scoring.bootstrap import CORE_MASKS, Interval, headline, kind_f1
from benchmark.scoring.breakdown import GroupScore
from benchmark.scoring.field_rules import Mode, Thresholds
from benchmark.scoring.coref import CorefMetric, CorefScores
from benchmark.scoring.significance import PairedTest, verdict
from benchmark.scoring.fields import FIELD_INDEX, FIELDS, FieldSpec, Track
from benchmark.scoring.mention_detection import MentionDetection
from benchmark.scoring.metrics import Counts
from benchmark.model.records import Kind

if TYPE_CHECKING:
    import pandas


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that determines the numbers, written into every report."""

    mode: Mode
    thresholds: Thresholds
    seed: int
    resamples: int
    confidence: float
    version: str
    gold_sha256: str
    submission_sha256: str


@dataclass(frozen=True, slots=True)
class FieldScore:
    """One field over all documents. ``submitted`` is False for a grounding field
    the submission gives no offsets for: then it is reported as not submitted."""

    spec: FieldSpec
    counts: Counts
    submitted: bool
    ci: Interval | None  # bootstrap interval of F1

    @property
    def kind(self) -> Kind:
        return self.spec.kind

    @property
    def field(self) -> str:
        return self.spec.name

    @property
    def track(self) -> Track:
        return self.spec.track


@dataclass(frozen=True, slots=True)
class KindScore:
    """A kind's micro-averaged counts over its core fields."""

    kind: Kind
    counts: Counts
    ci: Interval | None  # bootstrap interval of F1


@dataclass(frozen=True, slots=True)
class CorefResult:
    """Cross-document coreference of one kind; ``submitted`` is False when no
    predicted object of the kind carries a cluster id."""

    kind: Kind
    submitted: bool
    scores: CorefScores


def _as_kind(kind: Kind | str) -> Kind:
    return kind if isinstance(kind, Kind) else Kind(kind)


@dataclass(frozen=True, eq=False)
class DocumentCounts:
    """Per-document counts: ``array[d, f] = (tp, fp, fn)`` of document
    ``doc_ids[d]`` and field ``FIELDS[f]`` (read-only int64 array)."""

    doc_ids: tuple[str, ...]
    array: np.ndarray

    def counts(self, doc_id: str, kind: Kind | str, field: str) -> Counts:
        row = self.doc_ids.index(doc_id)
        tp, fp, fn = self.array[row, FIELD_INDEX[(_as_kind(kind), field)]].tolist()
        return Counts(tp, fp, fn)


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """One document scored on its own: headline and each kind's core micro-F1
    (an undefined F1 counts 0, as in the headline)."""

    doc_id: str
    headline: float
    entity: float
    event: float
    claim: float


@dataclass(frozen=True, eq=False)
class Report:
    """The scores of one submission against the gold."""

    system: str
    config: Config
    documents: DocumentCounts
    missing: tuple[str, ...]  # gold documents the submission lacked, scored as empty
    headline: float  # mean of the three kinds' core micro-F1
    headline_ci: Interval | None
    kinds: tuple[KindScore, ...]
    fields: tuple[FieldScore, ...]
    coreference: tuple[CorefResult, ...]
    groups: tuple[GroupScore, ...] = ()  # per-type breakdown (``breakdown``)
    mention_detection: MentionDetection | None = None  # nervaluate's four schemes (diagnostic, not in the headline)
    failed: tuple[str, ...] = ()  # documents ``meta.failed`` lists: no answer, scored as empty
    truncated: tuple[str, ...] = ()  # documents ``meta.truncated`` lists: partial answers, scored as submitted

    def kind(self, kind: Kind | str) -> KindScore:
        return next(k for k in self.kinds if k.kind is _as_kind(kind))

    def field(self, kind: Kind | str, field: str) -> FieldScore:
        return self.fields[FIELD_INDEX[(_as_kind(kind), field)]]

    def coref(self, kind: Kind | str) -> CorefResult:
        return next(c for c in self.coreference if c.kind is _as_kind(kind))

    def document_scores(self) -> tuple[DocumentScore, ...]:
        """Headline and kind F1 of each document on its own (the spread behind
        the micro-averaged totals)."""
        array = self.documents.array
        heads = headline(array).tolist() if len(array) else []
        kinds = {k: kind_f1(array, k).tolist() for k in Kind} if len(array) else {}
        return tuple(DocumentScore(doc_id, heads[d], kinds[Kind.ENTITY][d], kinds[Kind.EVENT][d], kinds[Kind.CLAIM][d])
                     for d, doc_id in enumerate(self.documents.doc_ids))

    def group(self, kind: Kind | str, field: str, value: str) -> GroupScore:
        return next(g for g in self.groups if g.kind is _as_kind(kind) and g.field == field and g.value == value)

    @property
    def core(self) -> tuple[FieldScore, ...]:
        return tuple(f for f in self.fields if f.track is Track.CORE)

    @property
    def grounding(self) -> tuple[FieldScore, ...]:
        return tuple(f for f in self.fields if f.track is Track.GROUNDING)

    def to_frame(self, per_doc: bool = False, comparison: "PairedTest | None" = None, other: str = "") -> "pandas.DataFrame":
        """A tidy DataFrame of ``tidy_rows`` (columns ``TIDY_COLUMNS``): the headline,
        kinds, fields, per-type groups, coreference, per-document scores (and
        per-document field counts with ``per_doc``), each row carrying ``system``
        so that the frames of several reports concatenate into one table."""
        import pandas

        frame = pandas.DataFrame(tidy_rows(self, per_doc, comparison, other), columns=list(TIDY_COLUMNS))
        for column in ("tp", "fp", "fn"):
            frame[column] = frame[column].astype("Int64")
        for column in ("precision", "recall", "f1", "f1_low", "f1_high", "value"):
            frame[column] = frame[column].astype("float64")
        return frame


TIDY_COLUMNS = ("system", "level", "doc_id", "kind", "field", "group", "track", "submitted", "tp", "fp", "fn",
                "precision", "recall", "f1", "f1_low", "f1_high", "value", "note")
"""Columns of ``tidy_rows``; ``level`` is headline, run (how many documents
failed or were truncated, their ids in ``note``), kind, field, group, coreference,
mention_detection, document or comparison (``docs/scoring.md``)."""

_NAN = float("nan")


def _scores(counts: Counts, shown: bool = True) -> dict[str, object]:
    return dict(
        tp=counts.tp if shown else None, fp=counts.fp if shown else None, fn=counts.fn if shown else None,
        precision=counts.precision if shown and counts.precision_defined else _NAN,
        recall=counts.recall if shown and counts.recall_defined else _NAN,
        f1=counts.f1 if shown and counts.f1_defined else _NAN,
    )


def _ci(ci: Interval | None, shown: bool = True) -> dict[str, float]:
    return dict(f1_low=ci.low if shown and ci else _NAN, f1_high=ci.high if shown and ci else _NAN)


def tidy_rows(report: Report, per_doc: bool = False, comparison: "PairedTest | None" = None,
              other: str = "") -> list[dict[str, object]]:
    """Every number of the report as rows of ``TIDY_COLUMNS`` (NaN or None where
    undefined, not submitted or not applicable), in a fixed order."""
    blank = dict.fromkeys(TIDY_COLUMNS, None)
    blank.update(system=report.system, doc_id="", kind="", field="", group="", track="", note="",
                 precision=_NAN, recall=_NAN, f1=_NAN, f1_low=_NAN, f1_high=_NAN, value=_NAN)
    rows = [{**blank, "level": "headline", "field": "headline", "f1": report.headline, **_ci(report.headline_ci)}]
    rows += [{**blank, "level": "run", "field": name, "value": float(len(ids)), "note": " ".join(ids)}
             for name, ids in (("failed", report.failed), ("truncated", report.truncated))]
    rows += [{**blank, "level": "kind", "kind": k.kind.value, "field": "core", "track": "core", **_scores(k.counts),
              **_ci(k.ci)} for k in report.kinds]
    rows += [{**blank, "level": "field", "kind": f.kind.value, "field": f.field, "track": f.track.value,
              "submitted": f.submitted, **_scores(f.counts, f.submitted), **_ci(f.ci, f.submitted)} for f in report.fields]
    rows += [{**blank, "level": "group", "kind": g.kind.value, "field": g.field, "group": g.value, "track": "core",
              **_scores(g.counts)} for g in report.groups]
    for r in report.coreference:
        for metric in CorefMetric:
            s = r.scores.get(metric)
            defined = r.submitted and s.recall_defined and s.precision_defined
            rows.append({**blank, "level": "coreference", "kind": r.kind.value, "field": metric.value, "submitted": r.submitted,
                         "precision": s.precision if r.submitted and s.precision_defined else _NAN,
                         "recall": s.recall if r.submitted and s.recall_defined else _NAN,
                         "f1": s.f1 if defined else _NAN})
        rows.append({**blank, "level": "coreference", "kind": r.kind.value, "field": "conll", "submitted": r.submitted,
                     "f1": r.scores.conll if r.submitted else _NAN})
    if report.mention_detection is not None:
        for m in report.mention_detection.schemes:
            rows.append({**blank, "level": "mention_detection", "field": m.scheme.value, "track": "diagnostic",
                         "precision": m.precision, "recall": m.recall, "f1": m.f1,
                         "note": f"correct={m.correct} incorrect={m.incorrect} partial={m.partial} "
                                 f"missed={m.missed} spurious={m.spurious}"})
    for d in report.document_scores():
        rows.append({**blank, "level": "document", "doc_id": d.doc_id, "field": "headline", "f1": d.headline})
        rows += [{**blank, "level": "document", "doc_id": d.doc_id, "kind": k.value, "field": "core", "track": "core",
                  **_scores(Counts(*report.documents.array[n, CORE_MASKS[k]].sum(axis=0).tolist()))}
                 for k in Kind for n in [report.documents.doc_ids.index(d.doc_id)]]
    if per_doc:
        for n, doc_id in enumerate(report.documents.doc_ids):
            rows += [{**blank, "level": "document", "doc_id": doc_id, "kind": spec.kind.value, "field": spec.name,
                      "track": spec.track.value, "submitted": f.submitted,
                      **_scores(Counts(*report.documents.array[n, i].tolist()))}
                     for i, (spec, f) in enumerate(zip(FIELDS, report.fields, strict=True))]
    if comparison is not None:
        t = comparison
        row = {**blank, "level": "comparison", "group": other}
        rows += [
            {**row, "field": "delta", "value": t.delta, **_ci(t.ci), "note": f"headline difference; {t.direction.value}"},
            {**row, "field": "p_value", "value": t.p_value, "note": t.description},
            {**row, "field": "smallest_p", "value": t.smallest_p, "note": "lowest p the test can give at this n"},
            {**row, "field": "documents", "value": float(t.documents), "note": f"{t.patterns} swap patterns"},
            {**row, "field": "verdict", "value": t.alpha, "note": verdict(t)},
        ]
    return rows
