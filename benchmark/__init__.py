"""talks-ie-bench: gold annotation and scoring harness.

Library use mirrors the command line::

    from benchmark import score, Report
    report = score(gold, submission)          # gold: doc id -> Annotation
    report.headline, report.headline_ci, report.to_frame()

``score``, ``score_file``, ``compare``, ``Report`` and ``Mode`` are imported lazily,
so that ``import benchmark`` stays cheap for commands that do not score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Mode", "Report", "compare", "score", "score_file"]

if TYPE_CHECKING:
    from .compare import Mode
    from .results import Report
    from .scoring import compare, score, score_file


def __getattr__(name: str) -> Any:
    if name in ("score", "score_file", "compare"):
        from . import scoring

        return getattr(scoring, name)
    if name == "Report":
        from .results import Report

        return Report
    if name == "Mode":
        from .compare import Mode

        return Mode
    raise AttributeError(f"module 'benchmark' has no attribute {name!r}")
