"""Scoring every submission in a folder into a ranked :class:`~benchmark.board.Board`.

Each ``*.json`` file is validated and scored on its own; a bad one becomes a
:class:`~benchmark.board.Rejected` row and never stops the others. Entries are
ranked by headline F1 (standard competition ranking: equal scores share a rank;
order among equals by system name, then file). Each entry is compared with the
next one down by the paired bootstrap test of ``scoring.compare``; the pair is
called separable when p < ``ALPHA``.
"""

from __future__ import annotations

from pathlib import Path

from benchmark.leaderboard.ranking import Board, Entry, Rejected
from benchmark.scoring.bootstrap import Interval
from benchmark.scoring.metrics import Counts
from benchmark.scoring.field_rules import Mode
from benchmark.model.jsonio import read_json
from benchmark.model.loading import load_complete_gold, load_documents, load_submission
from benchmark.model.problems import BenchmarkError
from benchmark.scoring.report import Report
from benchmark.scoring.score import compare, gold_sha256, score

ALPHA = 0.05
"""Significance level of the paired test between neighbouring rows."""


def _system_name(path: Path) -> str:
    value, problems = read_json(path)
    meta = value.get("meta") if isinstance(value, dict) else None
    system = meta.get("system") if isinstance(meta, dict) else None
    return system if isinstance(system, str) else ""


def _f1(counts: Counts) -> float | None:
    return counts.f1 if counts.f1_defined else None


def _coreference(report: Report) -> float | None:
    """Mean CoNLL F1 over the kinds whose clusters were submitted."""
    values = [c.scores.conll for c in report.coreference if c.submitted]
    return sum(values) / len(values) if values else None


def _entry(rank: int, file: str, report: Report, meta: dict, p_next: float | None) -> Entry:
    return Entry(
        rank=rank,
        file=file,
        system=report.system,
        version=str(meta.get("version", "")),
        description=str(meta.get("description", "")),
        url=str(meta.get("url", "")),
        date=str(meta.get("date", "")),
        headline=report.headline,
        interval=report.headline_ci or Interval(report.headline, report.headline),
        kind_f1=tuple((k.kind.value, _f1(k.counts)) for k in report.kinds),
        field_f1=tuple((f.spec.key, _f1(f.counts) if f.submitted else None) for f in report.fields),
        coreference=_coreference(report),
        missing=report.missing,
        p_next=p_next,
        separable_next=None if p_next is None else p_next < ALPHA,
    )


class InvalidDataset(BenchmarkError, ValueError):
    """The dataset to rank against does not load; the message is its first problem."""


def build_board(
    folder: Path, data_dir: Path, mode: Mode | str = Mode.LENIENT, allow_missing: bool = False, root: Path | None = None
) -> Board:
    """Validate and score every ``*.json`` in ``folder`` (sorted by name).
    File names in the board are relative to ``root`` when given."""
    mode = Mode(mode)
    documents, problems = load_documents(data_dir)
    gold, more = load_complete_gold(data_dir, documents)
    if problems or more:
        raise InvalidDataset(f"the dataset is invalid: {(problems + more)[0]}")
    digest = gold_sha256(data_dir)
    scored: list[tuple[str, Report, dict]] = []
    rejected: list[Rejected] = []
    for path in sorted(folder.glob("*.json")):
        name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        submission, found = load_submission(path, documents, allow_missing, name=name)
        if found or submission is None:
            rejected.append(Rejected(name, _system_name(path), str(found[0]).removeprefix(f"{name}: "), len(found)))
            continue
        scored.append((name, score(gold, submission, mode, gold_sha256=digest), dict(submission.meta)))
    scored.sort(key=lambda item: (-item[1].headline, item[1].system, item[0]))
    entries: list[Entry] = []
    for position, (name, report, meta) in enumerate(scored):
        rank = position + 1
        if position and report.headline == scored[position - 1][1].headline:
            rank = entries[-1].rank
        p_next = compare(report, scored[position + 1][1]).p_value if position + 1 < len(scored) else None
        entries.append(_entry(rank, name, report, meta, p_next))
    first = scored[0][1].config if scored else None
    return Board(
        entries=tuple(entries),
        rejected=tuple(rejected),
        mode=mode.value,
        alpha=ALPHA,
        resamples=first.resamples if first else 0,
        seed=first.seed if first else 0,
        gold_sha256=digest,
    )
