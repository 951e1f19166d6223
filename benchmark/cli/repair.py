"""``repair SUBMISSION --out FIXED``: a system's output made valid, every change
listed (:mod:`benchmark.model.repair`). ``validate`` and ``score`` stay strict:
they never repair; this is the explicit step before them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from benchmark.model.files import atomic_write
from benchmark.model.jsonio import read_json, read_jsonl
from benchmark.model.problems import one_line
from benchmark.model.repair import repair_submission
from benchmark.model.validation import shape_hint, submission_problems
from benchmark.cli.common import (
    EXIT_INVALID, EXIT_OK, UsageError, add_data_argument, documents_from, existing_file, print_invalid,
)

NAME = "repair"
HELP = ("repair a system's output into a valid submission: offsets moved to the nearest occurrence of their text, "
        "unknown keys dropped, enum values normalised, what cannot be fixed dropped; one line per change")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submission", metavar="SUBMISSION", help="the output to repair (JSON)")
    parser.add_argument("--out", metavar="FIXED", required=True, help="where to write the repaired submission")
    parser.add_argument("--allow-missing", action="store_true", help="accept a result that lacks some documents")
    add_data_argument(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path = existing_file(args.submission)
    target = Path(args.out)
    if target.is_dir():
        raise UsageError(f"{args.out}: is a directory")
    if not target.parent.is_dir():
        raise UsageError(f"{args.out}: no such directory {str(target.parent)!r}")
    documents = documents_from(args)
    try:
        value, problems = read_json(path, args.submission)
    except OSError as exc:
        raise UsageError(f"{args.submission}: cannot read ({exc.strerror or exc})") from None
    if problems and "Extra data" in problems[0].message:  # JSON Lines: one record a line, read as a bare array
        records, line_problems = read_jsonl(path, args.submission)
        if not line_problems:
            value, problems = records, []
    if problems:
        print_invalid(args.submission, [shape_hint(p) for p in problems], err)
        return EXIT_INVALID
    repaired, changes = repair_submission(value, documents, system=path.stem)
    for change in changes:
        print(one_line(f"{args.submission}: {change}"), file=out)
    if repaired is None:
        print(one_line(f"{args.submission}: cannot repair: not a JSON object or an array of document records; "
                       "nothing written"), file=err)
        return EXIT_INVALID
    problems, missing = submission_problems(repaired, documents, args.out, args.allow_missing)
    if problems:
        for problem in problems:
            print(problem, file=err)
        print(one_line(f"{args.submission}: still invalid after {len(changes)} changes ({len(problems)} problems); "
                       f"nothing written to {args.out}"), file=err)
        return EXIT_INVALID
    try:
        atomic_write(target, (json.dumps(repaired, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), parents=False)
    except OSError as exc:
        raise UsageError(f"{args.out}: cannot write ({exc.strerror or exc})") from None
    objects = sum(len(r[k]) for r in repaired["documents"] for k in ("entities", "events", "claims"))
    gaps = f"; missing, scored as empty: {', '.join(missing)}" if missing else ""
    print(one_line(f"{args.out}: valid ({len(repaired['documents'])} documents, {objects} objects{gaps}); "
                   f"{len(changes)} change{'s' if len(changes) != 1 else ''}"), file=out)
    return EXIT_OK
