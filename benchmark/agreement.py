"""Inter-annotator agreement, computed with the harness itself.

A second annotation (in submission format) is scored against a reference
annotation in both modes; per-field F1 is symmetric in the two annotators
(swapping them swaps precision and recall), so it is reported as the agreement.
Coreference agreement is the CoNLL F1 and LEA of the cluster ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .compare import Mode
from .metrics import Counts
from .model import Annotation, Submission
from .results import Report
from .scoring import score
from .tables import Table, to_markdown


@dataclass(frozen=True)
class Agreement:
    label: str
    lenient: Report
    strict: Report


def measure(label: str, reference: Mapping[str, Annotation], other: Submission) -> Agreement:
    return Agreement(
        label,
        score(reference, other, Mode.LENIENT, resamples=0),
        score(reference, other, Mode.STRICT, resamples=0),
    )


def _f(counts: Counts) -> str:
    return f"{counts.f1:.4f}" if counts.f1_defined else "n/a"


def field_table(agreements: tuple[Agreement, ...]) -> Table:
    """One row per field (and per kind's core micro-average, and the headline);
    for each agreement, lenient and strict F1."""
    first = agreements[0].lenient
    columns = ["kind", "field", "track"]
    for a in agreements:
        columns += [f"{a.label}: lenient F1", f"{a.label}: strict F1"]
    rows = [("all", "headline", "core", *[v for a in agreements for v in (f"{a.lenient.headline:.4f}", f"{a.strict.headline:.4f}")])]
    for kind in first.kinds:
        rows.append((kind.kind.value, "core micro-average", "core", *[
            v for a in agreements for v in (_f(a.lenient.kind(kind.kind).counts), _f(a.strict.kind(kind.kind).counts))]))
    for spec_score in first.fields:
        spec = spec_score.spec
        rows.append((spec.kind.value, spec.name, spec.track.value, *[
            v for a in agreements for v in (_f(a.lenient.field(spec.kind, spec.name).counts),
                                            _f(a.strict.field(spec.kind, spec.name).counts))]))
    return Table(tuple(columns), tuple(rows))


def coreference_table(agreements: tuple[Agreement, ...]) -> Table:
    columns = ["kind"]
    for a in agreements:
        columns += [f"{a.label}: lenient CoNLL", f"{a.label}: lenient LEA", f"{a.label}: strict CoNLL"]
    rows = []
    for result in agreements[0].lenient.coreference:
        kind = result.kind
        cells = []
        for a in agreements:
            lenient, strict = a.lenient.coref(kind).scores, a.strict.coref(kind).scores
            cells += [f"{lenient.conll:.4f}", f"{lenient.lea.f1:.4f}", f"{strict.conll:.4f}"]
        rows.append((kind.value, *cells))
    return Table(tuple(columns), tuple(rows))


def markdown_tables(agreements: tuple[Agreement, ...]) -> str:
    return (
        "Per field (F1, symmetric in the two annotators):\n\n"
        + to_markdown(field_table(agreements))
        + "\nCross-document coreference (cluster ids of aligned objects):\n\n"
        + to_markdown(coreference_table(agreements))
    )
