"""``download``: materialise the dataset as JSON Lines, Parquet or CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from benchmark.dataset.download import CONFIGS, DOWNLOAD_FORMATS, DownloadError, download
from benchmark.cli.common import EXIT_INVALID, EXIT_OK, UsageError, add_data_argument

NAME = "download"
HELP = "materialise the dataset through `datasets` (documents and gold) as jsonl, parquet or csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", default="dataset", help="output folder (default: ./dataset)")
    parser.add_argument("--format", choices=DOWNLOAD_FORMATS, default="jsonl")
    add_data_argument(
        parser, metavar="HUB_ID_OR_PATH", aliases=("--from",),
        help="a local dataset folder or a Hugging Face Hub dataset id (default: the shipped data/)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    source = args.data
    configs = CONFIGS if (Path(source) / "gold.jsonl").exists() or not Path(source).exists() else ("documents",)
    target = Path(args.out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{args.out}: not a directory")
    try:
        written = download(source, target, args.format, configs)
    except DownloadError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_INVALID
    except OSError as exc:
        raise UsageError(f"{args.out}: cannot write ({exc.strerror or exc})") from None
    for path, rows in written:
        print(f"wrote {path} ({rows} rows)", file=out)
    return EXIT_OK
