"""Scoring every submission in a folder into a ranked
:class:`~benchmark.leaderboard.ranking.Board`.

Each ``*.json`` entry is taken in (``leaderboard.intake``), validated and scored
on its own; a bad one becomes a :class:`~benchmark.leaderboard.ranking.Rejected`
row and never stops the others; an exception that is not a ``BenchmarkError``
is a bug and stops the board (the command's internal error), never a row. Entries
are ranked by headline F1 within their section (systems, annotators, sanity rows:
``leaderboard.rows.GROUPS``), sections in that order, so the board, its README
and its CSV read one order with ranks in order (standard competition ranking:
equal scores share a rank; order among equals by system name, then file). Each
entry is compared with the next one down in its section by the paired
randomisation test of ``scoring.compare``; the pair is called separable when
p <= ``ALPHA`` and the test can reach ``ALPHA`` at all. The board's date is the
newest ``meta.date`` of its ranked submissions, so the same inputs give the same
bytes (the command may override it with ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping, NamedTuple

from benchmark.leaderboard.intake import shown, shown_path, system_key, unreadable
from benchmark.leaderboard.ranking import Board, Entry, Rejected
from benchmark.leaderboard.rows import GROUPS, details, gold_provenance, group_of
from benchmark.leaderboard.sanity import sanity_rows
from benchmark.model.records import Annotation, Document, Submission
from benchmark.rendering.html_page import token
from benchmark.scoring.bootstrap import Interval
from benchmark.scoring.metrics import Counts
from benchmark.scoring.field_rules import Mode
from benchmark.model.loading import load_split, read_submission
from benchmark.model.paths import DATA
from benchmark.scoring import significance
from benchmark.model.problems import BenchmarkError
from benchmark.scoring.report import Report
from benchmark.scoring.score import compare, score
from benchmark.scoring.significance import PairedTest, verdict

ALPHA = significance.ALPHA
"""Significance level of the paired test between neighbouring rows."""


def _is_date(text: str) -> bool:
    return len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit()


def _f1(counts: Counts) -> float | None:
    return counts.f1 if counts.f1_defined else None


def _coreference(report: Report) -> float | None:
    """Mean CoNLL F1 over the kinds whose clusters were submitted."""
    values = [c.scores.conll for c in report.coreference if c.submitted]
    return sum(values) / len(values) if values else None


class _Scored(NamedTuple):
    """A scored submission with its shown strings, before ranking."""

    file: str
    system: str
    report: Report
    texts: dict[str, str]
    submission: Submission


def _texts(meta: Mapping[str, Any]) -> dict[str, str]:
    """The shown ``meta`` strings of a valid submission (the schema bounds their length)."""
    return {key: shown(meta.get(key, ""), limit=None) for key in ("version", "description", "url", "date")}


class Built(NamedTuple):
    """A board with what its article views are made of."""

    board: Board
    documents: Mapping[str, Document]
    gold: Mapping[str, Annotation]
    submissions: Mapping[str, Submission]
    """Each ranked entry's submission, by ``Entry.file``."""


def _view_folders(files: list[str]) -> dict[str, str]:
    """A distinct folder name for each file: its stem where that is a plain
    token, otherwise (or when two would clash) the stem's token and a hash."""
    plain = {f: token(Path(f).stem) for f in files}
    counts: dict[str, int] = {}
    for name in plain.values():
        counts[name] = counts.get(name, 0) + 1
    return {f: name if counts[name] == 1 else f"{name}-{token('/' + f)[2:10]}" for f, name in plain.items()}


def _entry(rank: int, item: _Scored, test: PairedTest | None, views: str = "") -> Entry:
    report = item.report
    return Entry(
        rank=rank,
        file=item.file,
        system=item.system,
        version=item.texts["version"],
        description=item.texts["description"],
        url=item.texts["url"],
        date=item.texts["date"],
        headline=report.headline,
        interval=report.headline_ci or Interval(report.headline, report.headline),
        kind_f1=tuple((k.kind.value, _f1(k.counts)) for k in report.kinds),
        field_f1=tuple((f.spec.key, _f1(f.counts) if f.submitted else None) for f in report.fields),
        coreference=_coreference(report),
        missing=report.missing,
        p_next=None if test is None else test.p_value,
        separable_next=None if test is None else test.separable,
        verdict_next="" if test is None else verdict(test),
        group=group_of(item.system, item.submission.meta),
        details=details(item.submission.meta),
        field_ci=tuple(f.ci if f.submitted and f1 is not None else None
                       for f, f1 in zip(report.fields, (_f1(f.counts) for f in report.fields), strict=True)),
        views=views,
        failed=report.failed,
        truncated=report.truncated,
        per_document=tuple((d.doc_id, d.headline) for d in report.document_scores()),
    )


class InvalidDataset(BenchmarkError, ValueError):
    """The dataset to rank against does not load; the message is its first problem."""


def _reject(name: str, reason: str, problems: int = 1, system: str = "") -> Rejected:
    """A rejected row; ``system`` is the file's shown ``meta.system`` where it could be read."""
    return Rejected(name, system, shown(reason), problems)


def _take(
    path: Path, name: str, documents: dict, gold: dict, mode: Mode, allow_missing: bool, digest: str,
    claimed: dict[str, str],
) -> _Scored | Rejected:
    """Validate and score one folder entry, or say why it is rejected."""
    reason = unreadable(path)
    if reason is not None:
        return Rejected(name, "", f"/: {reason}", 1)
    try:
        loaded = read_submission(path, documents, allow_missing, name=name)
    except OSError as exc:  # vanished or unreadable between the listing and the read
        return Rejected(name, "", shown(f"/: cannot read ({exc.strerror or exc})"), 1)
    submission, found = loaded.submission, loaded.problems
    if found or submission is None:
        return _reject(name, str(found[0]).removeprefix(f"{name}: "), len(found), "" if loaded.system is None else shown(loaded.system))
    system = shown(submission.meta.get("system", ""), limit=None)
    other = claimed.get(system_key(system))
    if other is not None:
        quoted = json.dumps(system, ensure_ascii=False)
        return _reject(name, f"/meta/system: the system {quoted} is already ranked from {other}", system=system)
    try:
        report = score(gold, submission, mode, documents=documents, gold_sha256=digest)
    except BenchmarkError as exc:  # the scorer refuses this entry; a bug (any other exception) stops the board
        return _reject(name, f"/: could not be scored ({type(exc).__name__}: {exc})", system=system)
    return _Scored(name, system, report, _texts(submission.meta), submission)


def build_board(
    folder: Path, data_dir: Path, mode: Mode | str = Mode.LENIENT, allow_missing: bool = False, root: Path | None = None,
    sanity: bool = False,
) -> Board:
    """:func:`build`'s board alone."""
    return build(folder, data_dir, mode, allow_missing, root, sanity).board


def build(
    folder: Path, data_dir: Path, mode: Mode | str = Mode.LENIENT, allow_missing: bool = False, root: Path | None = None,
    sanity: bool = False,
) -> Built:
    """Validate and score every ``*.json`` in ``folder`` (sorted by name); an
    entry that cannot be read, is invalid, fails to score or repeats the system
    name of an earlier ranked file is rejected with a one-line reason. File
    names in the board are relative to ``root`` when given. With ``sanity``, the
    sanity rows the folder lacks (by system name) are generated from the gold
    (:mod:`~benchmark.leaderboard.sanity`)."""
    mode = Mode(mode)
    split = load_split(data_dir)
    if split.problems or split.gold is None:
        cause = split.problems[0] if split.problems else f"{data_dir}: no gold.jsonl"
        raise InvalidDataset(f"the dataset is invalid: {cause}")
    documents, gold, digest = split.documents, split.gold, split.gold_sha256
    scored: list[_Scored] = []
    rejected: list[Rejected] = []
    claimed: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        name = shown_path(str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path))
        outcome = _take(path, name, documents, gold, mode, allow_missing, digest, claimed)
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
            continue
        claimed[system_key(outcome.system)] = outcome.file
        scored.append(outcome)
    if sanity:
        for made in sanity_rows(gold, set(claimed)):
            system = str(made.meta["system"])
            try:
                report = score(gold, made, mode, documents=documents, gold_sha256=digest)
            except BenchmarkError as exc:  # as for any entry: the scorer's refusal is a row, a bug stops the board
                rejected.append(Rejected(made.source, system, shown(f"/: could not be scored ({type(exc).__name__}: {exc})"), 1))
                continue
            scored.append(_Scored(made.source, system, report, _texts(made.meta), made))
    section = {item.file: GROUPS.index(group_of(item.system, item.submission.meta)) for item in scored}
    scored.sort(key=lambda item: (section[item.file], -item.report.headline, item.system, item.file))
    entries: list[Entry] = []
    folders = _view_folders([item.file for item in scored])
    for position, item in enumerate(scored):
        following = scored[position + 1] if position + 1 < len(scored) else None
        if following is not None and section[following.file] != section[item.file]:
            following = None
        first_of_section = not position or section[scored[position - 1].file] != section[item.file]
        rank = 1 if first_of_section else len([e for e in entries if e.group == entries[-1].group]) + 1
        if not first_of_section and item.report.headline == scored[position - 1].report.headline:
            rank = entries[-1].rank
        test = compare(item.report, following.report, ALPHA) if following is not None else None
        entries.append(_entry(rank, item, test, folders[item.file]))
    first = scored[0].report.config if scored else None
    board = Board(
        entries=tuple(entries),
        rejected=tuple(rejected),
        mode=mode.value,
        alpha=ALPHA,
        resamples=first.resamples if first else 0,
        seed=first.seed if first else 0,
        gold_sha256=digest,
        documents=tuple(sorted(documents)),
        provenance=gold_provenance(data_dir),
        repository_links=data_dir.resolve() == DATA.resolve(),
        date=max((e.date for e in entries if _is_date(e.date)), default=""),
    )
    return Built(board, documents, gold, {item.file: item.submission for item in scored})
