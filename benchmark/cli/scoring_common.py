"""Loading the gold and a submission for ``score`` and ``explain``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Mapping, TextIO

from benchmark.model.loading import load_complete_gold, load_submission
from benchmark.model.records import Annotation, Document, Submission
from benchmark.model.paths import GOLD_FILE
from benchmark.cli.common import UsageError, existing_file, print_problems


def gold_from(args: argparse.Namespace, documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """The gold of ``--data``; absent or broken gold is a usage error (``verify``
    diagnoses it)."""
    folder = Path(args.data)
    if not (folder / GOLD_FILE).is_file():
        raise UsageError(f"{folder}: no {GOLD_FILE} in this folder")
    gold, problems = load_complete_gold(folder, documents)
    if problems:
        raise UsageError(f"{problems[0]} (run `python -m benchmark verify --data {folder}`)")
    return gold


def submission_from(
    name: str, documents: Mapping[str, Document], allow_missing: bool, err: TextIO
) -> Submission | None:
    """A validated submission, or ``None`` after printing every problem, one a line,
    exactly as ``validate`` does."""
    path = existing_file(name)
    submission, problems = load_submission(path, documents, allow_missing, name=name)
    if problems:
        count = print_problems(problems, err)
        print(f"{name}: invalid ({count} problem{'s' if count != 1 else ''})", file=err)
        return None
    return submission


def write_output(text: str, out_file: str | None, out: TextIO) -> None:
    """To ``--out FILE`` (exact bytes, UTF-8, ``\\n`` line ends) or to ``out``."""
    if out_file is None:
        out.write(text)
        return
    try:
        with open(out_file, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except OSError as exc:
        raise UsageError(f"{out_file}: cannot write ({exc.strerror})") from None
