"""``verify``: the dataset's own integrity; exit 1 listing every failure."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from benchmark.model.paths import SEEDS
from benchmark.dataset.verify import verify
from benchmark.cli.common import EXIT_INVALID, EXIT_OK, add_data_argument, existing_dir, print_problems

NAME = "verify"
HELP = "check the dataset: seed hashes, documents equal seeds, gold schema, offsets, references, clusters"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_argument(parser, help="dataset folder (default: the shipped data/)")
    parser.add_argument("--seeds", metavar="DIR", default=str(SEEDS), help="seed articles folder with manifest.json (default: the shipped seeds/)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    data, seeds = existing_dir(args.data), existing_dir(args.seeds)
    problems, checked = verify(Path(seeds), Path(data))
    if problems:
        count = print_problems(problems, err)
        print(f"verify: FAILED ({count} problem{'s' if count != 1 else ''})", file=err)
        return EXIT_INVALID
    gold = f"{checked['gold']} gold records" if checked["gold"] else "no gold yet"
    print(f"verify: OK ({checked['seeds']} seeds, {checked['documents']} documents, {gold})", file=out)
    return EXIT_OK
