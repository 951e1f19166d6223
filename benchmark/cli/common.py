"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Iterable, Mapping, TextIO

from benchmark.model.loading import LoadedSubmission, Split, load_split
from benchmark.model.loading import read_submission as load_submission_file
from benchmark.model.records import Document, Submission
from benchmark.model.paths import DATA, DOCUMENTS_FILE, GOLD_FILE
from benchmark.model.problems import BenchmarkError, Problem, one_line

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class UsageError(BenchmarkError):
    """Bad arguments or a missing file: exit code 2."""


def existing_file(value: str) -> Path:
    path = Path(value)
    if not path.exists():
        raise UsageError(f"{value}: no such file")
    if not path.is_file():
        raise UsageError(f"{value}: not a file")
    return path


def existing_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"{value}: no such directory")
    return path


OLD_DATA_OPTIONS = ("--gold",)


def add_data_argument(
    parser: argparse.ArgumentParser,
    metavar: str = "DIR",
    help: str = f"dataset folder holding {DOCUMENTS_FILE} and {GOLD_FILE} (default: the shipped data/)",
    aliases: tuple[str, ...] = OLD_DATA_OPTIONS,
) -> None:
    """``--data``, the one name of the dataset folder in every command; the older
    names in ``aliases`` still work and are left out of ``--help``."""
    parser.add_argument("--data", metavar=metavar, default=str(DATA), help=help)
    for alias in aliases:
        parser.add_argument(alias, dest="data", metavar=metavar, default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def split_from(args: argparse.Namespace, gold: bool = True) -> Split:
    """The split folder of ``--data``, loaded once (``gold`` false: its documents
    alone); a missing or broken dataset is a usage error here (``verify`` is the
    command that diagnoses it)."""
    folder = existing_dir(args.data)
    for needed in (DOCUMENTS_FILE, GOLD_FILE) if gold else (DOCUMENTS_FILE,):
        if not (folder / needed).is_file():
            raise UsageError(f"{folder}: no {needed} in this folder")
    try:
        split = load_split(folder, gold=gold)
    except OSError as exc:
        raise UsageError(f"{exc.filename or folder}: cannot read ({exc.strerror or exc})") from None
    if split.problems:
        raise UsageError(f"{split.problems[0]} (run `python -m benchmark verify --data {folder}`)")
    return split


def documents_from(args: argparse.Namespace) -> dict[str, Document]:
    """The documents of ``--data`` (:func:`split_from` without the gold)."""
    return split_from(args, gold=False).documents


def read_submission(name: str, documents: Mapping[str, Document], allow_missing: bool) -> LoadedSubmission:
    """The one loader on an existing file; a file that exists but cannot be read
    (permissions, an I/O error) is a usage error, one line."""
    path = existing_file(name)
    try:
        return load_submission_file(path, documents, allow_missing, name=name)
    except OSError as exc:
        raise UsageError(f"{name}: cannot read ({exc.strerror or exc})") from None


def print_problems(problems: Iterable[Problem], err: TextIO) -> int:
    count = 0
    for problem in problems:
        print(problem, file=err)
        count += 1
    return count


def print_invalid(name: str, problems: Iterable[Problem], err: TextIO) -> None:
    """Every problem, one a line, then the summary line ``NAME: invalid (N problems)``
    (the name escaped like a problem's, so that it stays one line)."""
    count = print_problems(problems, err)
    print(one_line(f"{name}: invalid ({count} problem{'s' if count != 1 else ''})"), file=err)


def warn_run_status(name: str, submission: Submission, documents: int, err: TextIO) -> None:
    """A warning line each when the submission's ``meta`` says documents failed or
    were truncated: valid, scored, but not a complete run."""
    for ids, what in ((submission.failed, "failed (no answer, scored as empty)"),
                      (submission.truncated, "truncated (partial answers, scored as submitted)")):
        if ids:
            print(one_line(f"warning: {name}: {len(ids)} of {documents} documents {what}: {', '.join(ids)}"), file=err)
