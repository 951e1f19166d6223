"""``leaderboard [DIR]``: score every submission and write leaderboard/ atomically."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from benchmark.leaderboard.render import markdown, page, results_csv
from benchmark.scoring.field_rules import Mode
from benchmark.model.files import atomic_write
from benchmark.leaderboard.build import InvalidDataset, build_board
from benchmark.model.paths import LEADERBOARD, ROOT, SUBMISSIONS
from benchmark.cli.common import EXIT_OK, UsageError, add_gold_argument, existing_dir

NAME = "leaderboard"
HELP = "score every submission under DIR (default submissions/) and write leaderboard/ (Markdown, HTML, CSV)"
OUTPUTS = ("README.md", "index.html", "results.csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", nargs="?", default=str(SUBMISSIONS), help="folder of submission JSON files")
    parser.add_argument("--out", metavar="DIR", default=str(LEADERBOARD), help="output folder (default: leaderboard/)")
    parser.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.LENIENT.value)
    parser.add_argument("--allow-missing", action="store_true", help="rank submissions that lack documents (scored as empty)")
    add_gold_argument(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    folder = existing_dir(args.folder).resolve()
    data = existing_dir(args.gold)
    try:
        board = build_board(folder, data, args.mode, args.allow_missing, root=ROOT)
    except InvalidDataset as exc:  # only this: any other error of the scorer is a bug, not a usage error
        raise UsageError(str(exc)) from None
    rendered = {"README.md": markdown(board), "index.html": page(board), "results.csv": results_csv(board)}
    target = Path(args.out)
    for name in OUTPUTS:
        atomic_write(target / name, rendered[name].encode("utf-8"))
    for entry in board.entries:
        print(f"{entry.rank:>3}  {entry.headline:.4f}  [{entry.interval.low:.4f}, {entry.interval.high:.4f}]  {entry.system}", file=out)
    for rejected in board.rejected:
        print(f"rejected  {rejected.file}: {rejected.reason} ({rejected.problems} problem{'s' if rejected.problems != 1 else ''})", file=err)
    print(f"wrote {', '.join(str(target / n) for n in OUTPUTS)}", file=out)
    return EXIT_OK
