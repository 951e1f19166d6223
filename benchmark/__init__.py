"""talks-ie-bench: gold annotation and scoring harness.

Library use mirrors the command line::

    from benchmark import score, Report
    report = score(gold, submission)          # gold: doc id -> Annotation
    report.headline, report.headline_ci, report.to_frame()

``compare_reports(a, b)`` is the paired randomisation test between two reports
(``benchmark.scoring.score.compare``). ``load_dataset(config="gold", folder=None)``
is every split of the dataset as a ``datasets.DatasetDict``, from the packaged
files, offline (``benchmark.dataset.hf``). ``score``, ``score_file``,
``compare_reports``, ``load_dataset``, ``Report`` and ``Mode`` are imported
lazily, so that ``import benchmark`` stays cheap for commands that do not score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Mode", "Report", "compare_reports", "load_dataset", "score", "score_file"]

if TYPE_CHECKING:
    from benchmark.dataset.hf import load_dataset
    from benchmark.scoring.field_rules import Mode
    from benchmark.scoring.report import Report
    from benchmark.scoring.score import compare as compare_reports
    from benchmark.scoring.score import score, score_file


def __getattr__(name: str) -> Any:
    if name in ("score", "score_file", "compare_reports"):
        from benchmark.scoring import score as scoring

        return getattr(scoring, "compare" if name == "compare_reports" else name)
    if name == "load_dataset":
        from benchmark.dataset.hf import load_dataset

        return load_dataset
    if name == "Report":
        from benchmark.scoring.report import Report

        return Report
    if name == "Mode":
        from benchmark.scoring.field_rules import Mode

        return Mode
    raise AttributeError(f"module 'benchmark' has no attribute {name!r}")
