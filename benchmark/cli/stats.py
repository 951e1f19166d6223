"""``stats``: counts of the gold per document and type."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..loading import load_gold
from ..paths import GOLD_FILE
from ..stats import stats_table
from ..tables import FORMATS, render
from .common import EXIT_OK, UsageError, add_gold_argument, documents_from

NAME = "stats"
HELP = "counts per document: entities and mentions by type and kind, events by type and modality, claims by quote and polarity"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_gold_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="text")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    documents = documents_from(args)
    folder = Path(args.gold)
    if not (folder / GOLD_FILE).is_file():
        raise UsageError(f"{folder}: no {GOLD_FILE} in this folder")
    gold, problems = load_gold(folder, documents)
    if problems:
        raise UsageError(f"{problems[0]} (run `python -m benchmark verify`)")
    out.write(render(stats_table(gold), args.format))
    return EXIT_OK
