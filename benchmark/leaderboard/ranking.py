"""The leaderboard's typed rows, shared by its computation and its renderings."""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.scoring.bootstrap import Interval


@dataclass(frozen=True, slots=True)
class Entry:
    """One scored submission. ``kind_f1``/``field_f1`` are (name, value) pairs in
    report order; a value is ``None`` where F1 is undefined."""

    rank: int
    file: str
    system: str
    version: str
    description: str
    url: str
    date: str
    headline: float
    interval: Interval
    kind_f1: tuple[tuple[str, float | None], ...]
    field_f1: tuple[tuple[str, float | None], ...]
    coreference: float | None
    missing: tuple[str, ...]
    p_next: float | None
    """Paired randomisation test p-value against the next entry down (``None`` for the last)."""
    separable_next: bool | None
    verdict_next: str = ""
    """The paired test against the next entry down in words (``significance.verdict``)."""
    group: str = "system"
    """The board section: ``system``, ``annotator`` or ``sanity`` (``leaderboard.rows``)."""
    details: tuple[tuple[str, str], ...] = ()
    """System metadata as (label, shown value), from optional ``meta`` keys."""
    field_ci: tuple[Interval | None, ...] = ()
    """The bootstrap interval of each ``field_f1`` value (``None`` where there is none)."""
    views: str = ""
    """The folder (under ``view/``) of this entry's article views; "" when none were written."""
    failed: tuple[str, ...] = ()
    """Documents the submission's ``meta.failed`` lists (no answer, scored as empty)."""
    truncated: tuple[str, ...] = ()
    """Documents the submission's ``meta.truncated`` lists (partial answers, scored as submitted)."""
    per_document: tuple[tuple[str, float], ...] = ()
    """(doc id, headline F1 of that document alone) for each document (``Report.document_scores``)."""


def run_flag(entry: Entry, documents: int) -> str:
    """The mark of a row whose run was not complete, e.g. "truncated on 5 of 5
    documents" ("" for a complete run): shown beside the system's name on the
    board, in its README table and CSV, so that a partial run never passes for
    a complete one."""
    parts = [f"{label} on {len(ids)} of {documents} documents"
             for label, ids in (("failed", entry.failed), ("truncated", entry.truncated)) if ids]
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Rejected:
    file: str
    system: str
    reason: str
    problems: int


@dataclass(frozen=True, slots=True)
class Board:
    entries: tuple[Entry, ...]
    rejected: tuple[Rejected, ...]
    mode: str
    alpha: float
    resamples: int
    seed: int
    gold_sha256: str
    documents: tuple[str, ...] = ()
    """The documents every entry has an article view of."""
    provenance: str = ""
    """Who made the gold, in a sentence from the dataset's card (``rows.gold_provenance``)."""
    repository_links: bool = False
    """Whether the board ranks against the shipped dataset, so that its links to
    the repository's documentation (agreement study, how to submit) apply."""
    date: str = ""
    """The board's date (YYYY-MM-DD): the newest ``meta.date`` of its ranked
    submissions, or ``SOURCE_DATE_EPOCH``'s day; "" when none is known."""
