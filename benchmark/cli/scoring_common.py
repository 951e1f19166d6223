"""Loading the gold and a submission for ``score`` and ``explain``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Mapping, TextIO

from benchmark.model.files import atomic_write
from benchmark.model.loading import load_complete_gold
from benchmark.model.records import Annotation, Document, Submission
from benchmark.model.paths import GOLD_FILE
from benchmark.cli.common import UsageError, print_invalid, read_submission


def gold_from(args: argparse.Namespace, documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """The gold of ``--data``; absent or broken gold is a usage error (``verify``
    diagnoses it)."""
    folder = Path(args.data)
    if not (folder / GOLD_FILE).is_file():
        raise UsageError(f"{folder}: no {GOLD_FILE} in this folder")
    try:
        gold, problems = load_complete_gold(folder, documents)
    except OSError as exc:
        raise UsageError(f"{exc.filename or folder}: cannot read ({exc.strerror or exc})") from None
    if problems:
        raise UsageError(f"{problems[0]} (run `python -m benchmark verify --data {folder}`)")
    return gold


def submission_from(
    name: str, documents: Mapping[str, Document], allow_missing: bool, err: TextIO
) -> Submission | None:
    """A validated submission, or ``None`` after printing every problem, one a line,
    exactly as ``validate`` does."""
    submission, problems = read_submission(name, documents, allow_missing)
    if problems:
        print_invalid(name, problems, err)
        return None
    return submission


def write_output(text: str, out_file: str | None, out: TextIO) -> None:
    """To ``--out FILE`` (exact bytes, UTF-8, ``\\n`` line ends) or to ``out``.
    The file is written atomically: a failed write leaves whatever was there
    before, never a truncated file. A directory, a missing parent folder or a
    place that cannot be written is a usage error."""
    if out_file is None:
        out.write(text)
        return
    path = Path(out_file)
    if path.is_dir():
        raise UsageError(f"{out_file}: is a directory")
    if not path.parent.is_dir():
        raise UsageError(f"{out_file}: no such directory {str(path.parent)!r}")
    try:
        atomic_write(path, text.encode("utf-8"), parents=False)
    except OSError as exc:
        raise UsageError(f"{out_file}: cannot write ({exc.strerror or exc})") from None
