"""``stats``: counts of the gold per document and type."""

from __future__ import annotations

import argparse
from typing import TextIO

from benchmark.dataset.stats import stats_table
from benchmark.rendering.tables import FORMATS, render
from benchmark.cli.common import EXIT_OK, add_data_argument, split_from

NAME = "stats"
HELP = "counts per document: entities and mentions by type and kind, events by type and modality, claims by quote and polarity"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="text")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    gold = split_from(args).gold
    assert gold is not None
    out.write(render(stats_table(gold), args.format))
    return EXIT_OK
