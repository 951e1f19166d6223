"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Iterable, TextIO

from benchmark.model.loading import load_documents
from benchmark.model.records import Document
from benchmark.model.paths import DATA, DOCUMENTS_FILE
from benchmark.model.problems import BenchmarkError, Problem

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


def add_gold_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gold", metavar="DIR", default=str(DATA),
        help=f"dataset folder holding {DOCUMENTS_FILE} and gold.jsonl (default: the shipped data/)",
    )


def documents_from(args: argparse.Namespace) -> dict[str, Document]:
    """The documents of ``--gold``; a broken dataset is a usage error here
    (``verify`` is the command that diagnoses it)."""
    folder = existing_dir(args.gold)
    if not (folder / DOCUMENTS_FILE).is_file():
        raise UsageError(f"{folder}: no {DOCUMENTS_FILE} in this folder")
    documents, problems = load_documents(folder)
    if problems:
        raise UsageError(f"{problems[0]} (run `python -m benchmark verify`)")
    return documents


def print_problems(problems: Iterable[Problem], err: TextIO) -> int:
    count = 0
    for problem in problems:
        print(problem, file=err)
        count += 1
    return count
