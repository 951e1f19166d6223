"""``validate SUBMISSION``: every problem at once, one line each."""

from __future__ import annotations

import argparse
from typing import TextIO

from benchmark.model.problems import one_line
from benchmark.cli.common import EXIT_INVALID, EXIT_OK, add_data_argument, documents_from, existing_file, print_invalid, read_submission, warn_run_status

NAME = "validate"
HELP = "check a submission: JSON, schema, doc ids, object ids, references, offsets"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submission", metavar="SUBMISSION", help="submission JSON file")
    parser.add_argument("--allow-missing", action="store_true", help="accept a submission that lacks some documents")
    add_data_argument(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    existing_file(args.submission)
    documents = documents_from(args)
    loaded = read_submission(args.submission, documents, args.allow_missing)
    submission = loaded.submission
    if submission is None:
        print_invalid(args.submission, loaded.problems, err)
        return EXIT_INVALID
    missing = f"; missing, scored as empty: {', '.join(submission.missing)}" if submission.missing else ""
    objects = sum(len(d.entities) + len(d.events) + len(d.claims) for d in submission.documents)
    print(one_line(f"{args.submission}: valid ({len(submission.documents)} documents, {objects} objects{missing})"), file=out)
    warn_run_status(args.submission, submission, len(documents), err)
    return EXIT_OK
