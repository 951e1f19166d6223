"""``verify``: the dataset's own integrity; exit 1 listing every failure."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from benchmark.model.paths import DATA, SEEDS
from benchmark.dataset.verify import verify
from benchmark.cli.common import EXIT_INVALID, EXIT_OK, add_data_argument, existing_dir, print_problems

NAME = "verify"
HELP = "check the dataset: seed hashes, documents equal seeds, gold schema, offsets, references, clusters"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_argument(parser, help="dataset folder (default: the shipped data/)")
    parser.add_argument("--seeds", metavar="DIR", default=None,
                        help="seed articles folder with manifest.json (default: the shipped seeds/ for the shipped data/; "
                             "none for another --data: the seed checks are skipped and said so)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    data = existing_dir(args.data)
    if args.seeds is not None:
        seeds: Path | None = existing_dir(args.seeds)
    else:
        seeds = SEEDS if Path(data).resolve() == DATA.resolve() and SEEDS.is_dir() else None
    problems, checked = verify(seeds, Path(data))
    if problems:
        count = print_problems(problems, err)
        print(f"verify: FAILED ({count} problem{'s' if count != 1 else ''})", file=err)
        return EXIT_INVALID
    gold = f"{checked['gold']} gold records" if checked["gold"] else "no gold yet"
    if checked["seeds"] < 0:
        print(f"verify: OK ({checked['documents']} documents, {gold}); no seeds given (--seeds DIR): skipped the seed "
              "hashes and the documents-equal-seeds check; checked each document's sha256 against its own text", file=out)
    else:
        unpinned = (f"; {checked['unpinned']} seed{'s' if checked['unpinned'] != 1 else ''} not pinned (no sha256 in the "
                    "manifest): their hashes were not checked") if checked["unpinned"] else ""
        print(f"verify: OK ({checked['seeds']} seeds, {checked['documents']} documents, {gold}){unpinned}", file=out)
    return EXIT_OK
