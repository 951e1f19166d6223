"""``score(gold, submission) -> Report``: the scorer of ``docs/scoring.md``.

Per document: align (``alignment``), count per field (``counting``); over all
documents: sum the counts, derive the scores, bootstrap the intervals
(``bootstrap``), and score cross-document coreference (``coref``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Hashable, Iterable, Mapping, Sequence

import numpy as np

from benchmark.scoring import bootstrap, breakdown, significance
from benchmark.scoring.alignment import align, cluster_keys, content_keys
from benchmark.scoring.field_rules import Mode, Thresholds
from benchmark.scoring.coref import coref_scores
from benchmark.scoring.counting import N_FIELDS, coref_mentions, count_document
from benchmark.scoring.fields import FIELDS, Track
from benchmark.scoring.mention_detection import evaluate_mentions
from benchmark.model.loading import load_split, load_submission
from benchmark.scoring.metrics import Counts
from benchmark.model.records import Annotation, Document, Kind, Submission
from benchmark.model.paths import DATA, GOLD_FILE
from benchmark.model.problems import BenchmarkError, Problem
from benchmark.scoring.bootstrap import Interval
from benchmark.scoring.report import Config, CorefResult, DocumentCounts, FieldScore, KindScore, Report
from benchmark.version import package_version


class ScoringError(BenchmarkError, ValueError):
    """The arguments cannot be scored together (doc ids not in the gold, reports
    that cannot be compared)."""


def _submitted(predicted: Iterable[Annotation]) -> tuple[set[str], set[Kind]]:
    """Grounding fields filled anywhere in the submission, and kinds with any cluster id."""
    fields: set[str] = set()
    clusters: set[Kind] = set()
    for doc in predicted:
        for e in doc.entities:
            if e.mentions:
                fields.add("entity.mentions")
            if e.cluster is not None:
                clusters.add(Kind.ENTITY)
        for v in doc.events:
            if v.trigger is not None:
                fields.add("event.trigger")
            if v.cluster is not None:
                clusters.add(Kind.EVENT)
        for c in doc.claims:
            if c.span is not None:
                fields.add("claim.span")
            if c.cluster is not None:
                clusters.add(Kind.CLAIM)
        if len(fields) == len(clusters) == 3:  # nothing left to find
            break
    return fields, clusters


def score(
    gold: Mapping[str, Annotation],
    submission: Submission | Iterable[Annotation],
    mode: Mode | str = Mode.LENIENT,
    *,
    documents: Mapping[str, Document] | None = None,
    thresholds: Thresholds = Thresholds(),
    resamples: int = bootstrap.RESAMPLES,
    seed: int = bootstrap.SEED,
    confidence: float = bootstrap.CONFIDENCE,
    gold_sha256: str = "",
) -> Report:
    """Score a submission against the gold.

    ``gold`` maps doc id -> gold ``Annotation`` (``loading.load_gold``); every gold
    document is scored, and one the submission lacks counts as an empty
    prediction and is listed in ``Report.missing``. ``submission`` is a loaded
    ``Submission`` or any iterable of predicted ``Annotation``s; a doc id not in
    the gold raises ``ScoringError``, a ``ValueError`` (``validate`` reports it
    for files). A document the submission's ``meta.failed`` lists is scored as
    an empty record, whatever the record holds.
    ``resamples=0`` skips the bootstrap (no intervals).
    """
    mode = Mode(mode)
    texts: Mapping[str, Document] = documents or {}
    annotations = submission.documents if isinstance(submission, Submission) else tuple(submission)
    predicted = {d.doc_id: d for d in annotations}
    unknown = sorted(set(predicted) - set(gold))
    if unknown:
        raise ScoringError(f"doc ids not in the gold: {', '.join(unknown)}")
    failed = submission.failed if isinstance(submission, Submission) else ()
    if failed:  # a document the run says failed is scored as empty, whatever its record holds
        annotations = tuple(Annotation(d.doc_id) if d.doc_id in failed else d for d in annotations)
        predicted = {d.doc_id: d for d in annotations}
    doc_ids = tuple(sorted(gold))
    missing = tuple(d for d in doc_ids if d not in predicted)
    keys: dict[Kind, dict[Hashable, Hashable]] = {k: {} for k in Kind}
    responses: dict[Kind, dict[Hashable, Hashable]] = {k: {} for k in Kind}
    rows = []
    groups = breakdown.new_totals()
    contents = {doc_id: content_keys(annotation) for doc_id, annotation in predicted.items()}
    clusters = cluster_keys(predicted.values(), contents)
    for doc_id in doc_ids:
        alignment = align(gold[doc_id], predicted.get(doc_id) or Annotation(doc_id), mode, thresholds,
                          texts.get(doc_id), clusters, contents.get(doc_id))
        rows.append(count_document(alignment))
        breakdown.add_document(alignment, groups)
        for kind in Kind:
            coref_mentions(alignment, kind, keys[kind], responses[kind])
    per_document = np.array(rows, dtype=np.int64).reshape(len(doc_ids), N_FIELDS, 3)
    per_document.setflags(write=False)
    grounded, clustered = _submitted(annotations)
    totals = per_document.sum(axis=0)

    field_cis: Sequence[Interval | None] = [None] * N_FIELDS
    kind_cis: dict[Kind, Interval | None] = {k: None for k in Kind}
    headline_ci: Interval | None = None
    if resamples > 0 and doc_ids:
        resampled = bootstrap.resampled_totals(per_document, resamples, seed)
        headline_ci = bootstrap.interval(bootstrap.headline(resampled), confidence)
        kind_cis = {k: bootstrap.interval(bootstrap.kind_f1(resampled, k), confidence) for k in Kind}
        field_cis = bootstrap.intervals(bootstrap.field_f1(resampled), confidence)

    fields = tuple(
        FieldScore(spec, Counts(*totals[i].tolist()), spec.track is Track.CORE or spec.key in grounded, field_cis[i])
        for i, spec in enumerate(FIELDS)
    )
    kinds = tuple(
        KindScore(k, sum((f.counts for f in fields if f.kind is k and f.track is Track.CORE), Counts()), kind_cis[k])
        for k in Kind
    )
    coreference = tuple(
        CorefResult(k, k in clustered, coref_scores(keys[k], responses[k])) for k in Kind
    )
    config = Config(
        mode=mode,
        thresholds=thresholds,
        seed=seed,
        resamples=resamples,
        confidence=confidence,
        version=package_version(),
        gold_sha256=gold_sha256,
        submission_sha256=submission.sha256 if isinstance(submission, Submission) else "",
    )
    system = str(submission.meta.get("system", "")) if isinstance(submission, Submission) else ""
    return Report(
        system=system,
        config=config,
        documents=DocumentCounts(doc_ids, per_document),
        missing=missing,
        headline=float(bootstrap.headline(totals)),
        headline_ci=headline_ci,
        kinds=kinds,
        fields=fields,
        coreference=coreference,
        groups=breakdown.group_scores(groups),
        mention_detection=evaluate_mentions(gold, predicted),
        failed=failed,
        truncated=submission.truncated if isinstance(submission, Submission) else (),
    )


def compare(a: Report, b: Report, alpha: float = significance.ALPHA) -> significance.PairedTest:
    """Paired randomisation test of ``a.headline - b.headline`` over the same
    documents (exact up to ``significance.EXACT_MAX_DOCUMENTS`` documents, else
    Monte Carlo with ``a``'s seed), with the paired bootstrap interval of the
    difference (``a``'s resamples; none when ``a`` was scored without a bootstrap)."""
    if a.documents.doc_ids != b.documents.doc_ids:
        raise ScoringError("the two reports cover different documents")
    if a.config.mode is not b.config.mode or a.config.thresholds != b.config.thresholds:
        raise ScoringError("the two reports were scored with different modes or thresholds")
    if a.config.gold_sha256 != b.config.gold_sha256:
        raise ScoringError("the two reports were scored against different gold files")
    test = significance.paired_randomisation(a.documents.array, b.documents.array, seed=a.config.seed, alpha=alpha)
    if a.config.resamples and a.documents.doc_ids:
        ci = bootstrap.delta_interval(a.documents.array, b.documents.array, resamples=a.config.resamples,
                                      seed=a.config.seed, confidence=a.config.confidence)
        test = replace(test, ci=ci, resamples=a.config.resamples)
    return test


def score_file(
    submission: Path,
    data_dir: Path = DATA,
    mode: Mode | str = Mode.LENIENT,
    *,
    allow_missing: bool = False,
    name: str | None = None,
    **options: Any,
) -> tuple[Report | None, list[Problem]]:
    """Load the dataset in ``data_dir`` and a submission file, validate, and score:
    ``(report, [])``, or ``(None, problems)`` when the dataset or the submission
    is invalid (the same problems ``validate`` reports)."""
    split = load_split(data_dir)
    if split.problems or split.gold is None:
        return None, list(split.problems) or [Problem(str(data_dir / GOLD_FILE), "/", "no such file")]
    loaded, problems = load_submission(submission, split.documents, allow_missing, name=name)
    if problems or loaded is None:
        return None, problems
    return score(split.gold, loaded, mode, documents=split.documents, gold_sha256=split.gold_sha256, **options), []
