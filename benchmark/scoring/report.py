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

from benchmark.scoring.bootstrap import Interval
from benchmark.scoring.field_rules import Mode, Thresholds
from benchmark.scoring.coref import CorefScores
from benchmark.scoring.fields import FIELD_INDEX, FIELDS, FieldSpec, Track
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

    def kind(self, kind: Kind | str) -> KindScore:
        return next(k for k in self.kinds if k.kind is _as_kind(kind))

    def field(self, kind: Kind | str, field: str) -> FieldScore:
        return self.fields[FIELD_INDEX[(_as_kind(kind), field)]]

    def coref(self, kind: Kind | str) -> CorefResult:
        return next(c for c in self.coreference if c.kind is _as_kind(kind))

    @property
    def core(self) -> tuple[FieldScore, ...]:
        return tuple(f for f in self.fields if f.track is Track.CORE)

    @property
    def grounding(self) -> tuple[FieldScore, ...]:
        return tuple(f for f in self.fields if f.track is Track.GROUNDING)

    def to_frame(self, per_doc: bool = False) -> "pandas.DataFrame":
        """A tidy DataFrame, one row per field (per document and field with
        ``per_doc``): kind, field, track, submitted, tp, fp, fn, precision,
        recall, f1 (NaN where undefined or not submitted), f1_low, f1_high."""
        import pandas

        rows: list[dict[str, object]] = []
        scopes = [(None, f.counts, f) for f in self.fields] if not per_doc else [
            (doc_id, Counts(*self.documents.array[d, i].tolist()), self.fields[i])
            for d, doc_id in enumerate(self.documents.doc_ids)
            for i in range(len(FIELDS))
        ]
        for doc_id, counts, score in scopes:
            shown = score.submitted
            row: dict[str, object] = {"doc_id": doc_id} if per_doc else {}
            row.update(
                kind=score.kind.value,
                field=score.field,
                track=score.track.value,
                submitted=score.submitted,
                tp=counts.tp if shown else None,
                fp=counts.fp if shown else None,
                fn=counts.fn if shown else None,
                precision=counts.precision if shown and counts.precision_defined else float("nan"),
                recall=counts.recall if shown and counts.recall_defined else float("nan"),
                f1=counts.f1 if shown and counts.f1_defined else float("nan"),
            )
            if not per_doc:
                row.update(
                    f1_low=score.ci.low if shown and score.ci else float("nan"),
                    f1_high=score.ci.high if shown and score.ci else float("nan"),
                )
            rows.append(row)
        frame = pandas.DataFrame(rows)
        for column in ("tp", "fp", "fn"):
            frame[column] = frame[column].astype("Int64")
        return frame
