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
import difflib
import os
import sys
import traceback
from typing import Sequence, TextIO

from benchmark.cli import download
from benchmark.cli import build_documents
from benchmark.cli import build_gold
from benchmark.cli import explain
from benchmark.cli import leaderboard
from benchmark.cli import repair
from benchmark.cli import score
from benchmark.cli import stats
from benchmark.cli import validate
from benchmark.cli import verify
from benchmark.cli.common import EXIT_INTERNAL, EXIT_INVALID, EXIT_USAGE, UsageError
from benchmark.model.jsonio import paused_gc
from benchmark.model.problems import BenchmarkError, one_line
from benchmark.version import package_version

DEBUG_VARIABLE = "BENCHMARK_DEBUG"
"""Set (not to 0) to print the traceback of an internal error."""

COMMANDS = [validate, repair, score, explain, verify, stats, download, leaderboard, build_documents, build_gold]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmark",
        description="Score information-extraction systems against the gold annotation of five news articles.",
    )
    parser.add_argument("--version", action="version", version=f"talks-ie-bench {package_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command_parser = sub.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(command_parser)
        command_parser.set_defaults(run=command.run)
    return parser


def _unknown_arguments(parser: argparse.ArgumentParser, command: str, unknown: list[str], err: TextIO) -> int:
    """argparse's usage error for arguments the command does not take, with the
    closest option of that command suggested for each (``--output``: did you
    mean ``--out``?)."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    options = sorted({o for action in sub._actions for o in action.option_strings if action.help != argparse.SUPPRESS})
    sub.print_usage(err)
    for index, argument in enumerate(unknown):
        if index and unknown[index - 1].startswith("-") and "=" not in unknown[index - 1] and not argument.startswith("-"):
            continue  # the value of the unknown option before it
        close = difflib.get_close_matches(argument.split("=", 1)[0], options, n=1, cutoff=0.6) if argument.startswith("-") else []
        hint = f" (did you mean {close[0]}?)" if close else ""
        print(one_line(f"{sub.prog}: error: unrecognized argument: {argument}{hint}"), file=err)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if unknown:
        return _unknown_arguments(parser, args.command, unknown, err)
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
