"""``score SUBMISSION``: the per-field report (``docs/scoring.md``)."""

from __future__ import annotations

import argparse
from typing import TextIO

from benchmark.scoring.bootstrap import RESAMPLES, SEED
from benchmark.scoring.field_rules import Mode
from benchmark.rendering.report_formats import Format, render
from benchmark.scoring.score import compare, score
from benchmark.cli.common import EXIT_INVALID, EXIT_OK, UsageError, add_data_argument, split_from, warn_run_status
from benchmark.cli.scoring_common import submission_from, write_output

NAME = "score"
HELP = "score a submission: precision, recall and F1 per field, with bootstrap confidence intervals"

MAX_RESAMPLES = 1_000_000
"""Most bootstrap resamples (the time taken grows linearly with them)."""

MAX_SEED = 2**32 - 1
"""Largest bootstrap seed."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submission", metavar="SUBMISSION", help="submission JSON file")
    parser.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.LENIENT.value,
                        help="field comparison (default: lenient)")
    parser.add_argument("--format", choices=[f.value for f in Format], default=Format.TEXT.value,
                        help="output format (default: text; json is the stable machine-readable report)")
    parser.add_argument("--per-doc", action="store_true", help="add per-document counts")
    parser.add_argument("--out", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--compare", metavar="OTHER", help="exact paired randomisation test against another submission (states n, p and the smallest possible p)")
    parser.add_argument("--allow-missing", action="store_true",
                        help="score missing documents as empty predictions (the report lists them)")
    parser.add_argument("--resamples", type=int, default=RESAMPLES, metavar="N",
                        help=f"bootstrap resamples, 0 for none, at most {MAX_RESAMPLES:,} (default: {RESAMPLES})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"bootstrap seed, 0 to {MAX_SEED} (default: {SEED})")
    add_data_argument(parser)


def _check_range(option: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise UsageError(f"{option} must be from {low} to {high}, not {value}")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _check_range("--resamples", args.resamples, 0, MAX_RESAMPLES)
    _check_range("--seed", args.seed, 0, MAX_SEED)
    split = split_from(args)
    assert split.gold is not None
    gold, documents = split.gold, split.documents
    submission = submission_from(args.submission, documents, args.allow_missing, err)
    other = submission_from(args.compare, documents, args.allow_missing, err) if args.compare else None
    if submission is None or (args.compare and other is None):
        return EXIT_INVALID
    warn_run_status(args.submission, submission, len(documents), err)
    if other is not None:
        warn_run_status(args.compare, other, len(documents), err)
    options = dict(resamples=args.resamples, seed=args.seed, gold_sha256=split.gold_sha256, documents=documents)
    report = score(gold, submission, args.mode, **options)
    comparison = compare(report, score(gold, other, args.mode, **options)) if other is not None else None
    text = render(report, args.format, per_doc=args.per_doc, comparison=comparison, other=args.compare or "")
    write_output(text, args.out, out)
    return EXIT_OK
