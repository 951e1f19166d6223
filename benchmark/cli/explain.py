"""``explain SUBMISSION --doc ID``: matched, missed and spurious, field by field."""

from __future__ import annotations

import argparse
from typing import TextIO

from benchmark.scoring.field_rules import Mode
from benchmark.model.records import Kind
from benchmark.rendering.report_formats import explanation_json, explanation_text
from benchmark.cli.common import EXIT_INVALID, EXIT_OK, UsageError, add_data_argument, split_from, warn_run_status
from benchmark.cli.scoring_common import submission_from, write_output

NAME = "explain"
HELP = "show, for one document, the aligned pairs and their fields, the missed gold objects and the spurious predictions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submission", metavar="SUBMISSION", help="submission JSON file")
    parser.add_argument("--doc", required=True, metavar="ID", help="document id, e.g. 000")
    parser.add_argument("--kind", choices=[k.value for k in Kind], help="only this kind of object")
    parser.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.LENIENT.value,
                        help="field comparison (default: lenient)")
    parser.add_argument("--format", choices=["text", "json", "html"], default="text",
                        help="output format (default: text); html is the article view: the text with gold and predicted spans marked")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--allow-missing", action="store_true", help="accept a submission that lacks some documents")
    add_data_argument(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # imported here, not at the top: every other command (``score``'s process
    # above all) would pay for loading them
    from benchmark.rendering.article_html import article_page, cluster_index
    from benchmark.scoring.explanation import explain

    split = split_from(args)
    documents, gold = split.documents, split.gold
    assert gold is not None
    if args.doc not in documents:
        raise UsageError(f"--doc {args.doc!r}: no such document (known: {', '.join(sorted(documents))})")
    submission = submission_from(args.submission, documents, args.allow_missing, err)
    if submission is None:
        return EXIT_INVALID
    warn_run_status(args.submission, submission, len(documents), err)
    kinds = [Kind(args.kind)] if args.kind else list(Kind)
    result = explain(gold[args.doc], submission.by_id().get(args.doc), documents[args.doc], args.mode, kinds)
    if args.format == "html":
        # the same inputs as the leaderboard's view of this document: the
        # cluster index over every document, so "also in" tells the truth
        system = str(submission.meta.get("system", ""))
        predicted = submission.by_id()
        text = article_page(result, gold[args.doc], predicted.get(args.doc), documents[args.doc], system,
                            cluster_index(gold, predicted))
    else:
        text = explanation_json(result) if args.format == "json" else explanation_text(result)
    write_output(text, args.out, out)
    return EXIT_OK
