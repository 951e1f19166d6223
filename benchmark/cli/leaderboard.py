"""``leaderboard [DIR]``: score every submission and write leaderboard/.

The three files and the article views (``view/<system>/<doc>.html``) are
rendered and encoded in full before anything is written, then written as one set
(:func:`~benchmark.model.files.atomic_write_all`): an error before the renames
leaves the previous set untouched. Views left from submissions no longer on the
board are removed after the renames."""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
from pathlib import Path
from typing import TextIO

from benchmark.leaderboard.render import markdown, page, results_csv
from benchmark.scoring.field_rules import Mode
from benchmark.model.files import atomic_write_all
from benchmark.leaderboard.build import InvalidDataset, build
from benchmark.leaderboard.ranking import Board
from benchmark.leaderboard.views import view_pages
from benchmark.leaderboard.intake import shown_path
from benchmark.leaderboard.ranking import run_flag
from benchmark.leaderboard.readme_block import BlockError, updated_readme
from benchmark.model.paths import LEADERBOARD, SUBMISSIONS, WORKSPACE
from benchmark.cli.common import EXIT_OK, UsageError, add_data_argument, existing_dir

NAME = "leaderboard"
HELP = "score every submission under DIR (default submissions/) and write leaderboard/ (Markdown, HTML, CSV)"
OUTPUTS = ("README.md", "index.html", "results.csv")
VIEWS = "view"


def _remove_stale_views(folder: Path, keep: set[Path]) -> None:
    """Remove ``folder/*/*.html`` files that are not in ``keep``, then the
    folders they leave empty; nothing else is touched."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for sub in sorted(folder.iterdir()):
        if not sub.is_dir() or sub.is_symlink():
            continue
        for path in sorted(sub.glob("*.html")):
            if path not in keep and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
        try:
            sub.rmdir()
        except OSError:
            pass  # not empty


def dated(board: Board, epoch: str | None) -> Board:
    """``board`` dated by ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/)
    when it is set to an integer, else by its inputs (the newest submission date)."""
    if epoch is None or not epoch.strip().isdigit():
        return board
    day = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date().isoformat()
    return dataclasses.replace(board, date=day)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", nargs="?", default=str(SUBMISSIONS), help="folder of submission JSON files")
    parser.add_argument("--out", metavar="DIR", default=str(LEADERBOARD), help="output folder (default: leaderboard/ in the checkout, else in the working directory); the ranked table is also copied into the README.md beside it when that has the leaderboard markers")
    parser.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.LENIENT.value)
    parser.add_argument("--allow-missing", action="store_true", help="rank submissions that lack documents (scored as empty)")
    add_data_argument(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    folder = existing_dir(args.folder).resolve()
    data = existing_dir(args.data)
    target = Path(args.out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{args.out}: not a directory")
    try:
        built = build(folder, data, args.mode, args.allow_missing, root=WORKSPACE.resolve(), sanity=True)
    except InvalidDataset as exc:  # only this: any other error of the scorer is a bug, not a usage error
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{exc.filename or args.data}: cannot read ({exc.strerror or exc})") from None
    board = dated(built.board, os.environ.get("SOURCE_DATE_EPOCH"))
    rendered = {"README.md": markdown(board), "index.html": page(board), "results.csv": results_csv(board)}
    views = view_pages(built)
    try:
        readme = updated_readme(target, rendered["README.md"])
    except BlockError as exc:
        raise UsageError(str(exc)) from None
    files = {target / name: rendered[name].encode("utf-8") for name in OUTPUTS}
    files.update({target / relative: text.encode("utf-8") for relative, text in views.items()})
    if readme is not None:
        files[readme[0]] = readme[1].encode("utf-8")
    try:
        atomic_write_all(files)
    except OSError as exc:
        raise UsageError(f"{args.out}: cannot write the leaderboard ({exc.strerror or exc})") from None
    _remove_stale_views(target / VIEWS, {target / relative for relative in views})
    for entry in board.entries:
        flag = run_flag(entry, len(board.documents))
        print(f"{entry.rank:>3}  {entry.headline:.4f}  [{entry.interval.low:.4f}, {entry.interval.high:.4f}]  {entry.system}"
              + (f"  ({flag})" if flag else ""), file=out)
    for rejected in board.rejected:
        print(f"rejected  {rejected.file}: {rejected.reason} ({rejected.problems} problem{'s' if rejected.problems != 1 else ''})", file=err)
    written = [shown_path(str(target / n)) for n in OUTPUTS] + [f"{len(views)} views under {shown_path(str(target / VIEWS))}"] + ([f"{shown_path(str(readme[0]))} (its leaderboard block)"] if readme else [])
    print(f"wrote {', '.join(written)}", file=out)
    return EXIT_OK
