"""``python -m benchmark <command>``: the only place that prints or exits.

Exit codes: 0 success; 1 the input was read but is invalid or a check failed;
2 usage errors (bad arguments, a file that does not exist); 3 an internal error
(a bug). Every failure is a one-line cause on stderr, never a traceback, except
that an internal error also prints its traceback when the environment variable
``BENCHMARK_DEBUG`` is set (to anything but ``0`` or nothing). Expected errors
derive from ``BenchmarkError``; any other exception is internal. Each command
lives in its own module exposing ``NAME``, ``HELP``, ``add_arguments(parser)``
and ``run(args, out, err) -> int``.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import Sequence, TextIO

from benchmark.cli import download
from benchmark.cli import explain
from benchmark.cli import leaderboard
from benchmark.cli import score
from benchmark.cli import stats
from benchmark.cli import validate
from benchmark.cli import verify
from benchmark.cli.common import EXIT_INTERNAL, EXIT_INVALID, EXIT_USAGE, UsageError
from benchmark.model.jsonio import paused_gc
from benchmark.model.problems import BenchmarkError, one_line

DEBUG_VARIABLE = "BENCHMARK_DEBUG"
"""Set (not to 0) to print the traceback of an internal error."""

COMMANDS = [validate, score, explain, verify, stats, download, leaderboard]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmark",
        description="Score information-extraction systems against the gold annotation of five news articles.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command_parser = sub.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(command_parser)
        command_parser.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        # The cyclic collector paused for the one command and restored as it was:
        # the loaded data holds no reference cycles (scoring 1,000 documents
        # leaves ~2,000 unreachable objects), and each collection would traverse
        # millions of loaded records again (~15 % of a large `score`).
        with paused_gc():
            return args.run(args, out, err)
    except UsageError as exc:
        print(one_line(f"error: {exc}"), file=err)
        return EXIT_USAGE
    except BenchmarkError as exc:
        print(one_line(f"error: {exc}"), file=err)
        return EXIT_INVALID
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("error: interrupted", file=err)
        return 130
    except Exception as exc:  # a bug: one line, the traceback only when asked for
        if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
            traceback.print_exception(exc, file=err)
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        print(one_line(f"internal error: {message} (please report it; {DEBUG_VARIABLE}=1 shows the traceback)"), file=err)
        return EXIT_INTERNAL


def console_main() -> None:
    sys.exit(main())
