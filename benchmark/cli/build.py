"""``build-documents`` and ``build-gold``: a dataset of your own made the way the
shipped one is, with offsets computed from exact strings, never typed by hand.

``build-documents --seeds DIR --data DIR`` writes ``DIR/documents.jsonl`` from the
seed articles and their ``manifest.json`` (format: :mod:`benchmark.dataset.documents`);
``build-gold --data DIR`` writes ``DIR/gold.jsonl`` from the annotation sources
``DIR/annotation/*.json`` (string specs: :mod:`benchmark.dataset.gold_sources`).
Both write atomically; ``--check`` writes nothing and exits 1 when the file differs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from benchmark.dataset.documents import ManifestError, build_document_records, jsonl_bytes
from benchmark.dataset.gold_sources import SOURCES, AnnotationError, render
from benchmark.model.files import atomic_write
from benchmark.model.paths import DOCUMENTS_FILE, GOLD_FILE
from benchmark.cli.common import EXIT_INVALID, EXIT_OK, UsageError, existing_dir


def _write(path: Path, content: bytes, check: bool, what: str, out: TextIO, err: TextIO) -> int:
    rows = content.count(b"\n")
    if check:
        current = path.read_bytes() if path.is_file() else b""
        if current != content:
            print(f"{path}: differs from what its {what} build ({rows} documents); run without --check", file=err)
            return EXIT_INVALID
        print(f"{path}: up to date ({rows} documents)", file=out)
        return EXIT_OK
    try:
        atomic_write(path, content, parents=False)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror or exc})") from None
    print(f"wrote {path} ({rows} documents)", file=out)
    return EXIT_OK


class Documents:
    NAME = "build-documents"
    HELP = f"build DIR/{DOCUMENTS_FILE} from seed articles and their manifest.json (offsets of excluded regions computed)"

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--seeds", metavar="SEEDS", required=True, help="folder of the articles and manifest.json")
        parser.add_argument("--data", metavar="DIR", required=True, help=f"dataset folder to write {DOCUMENTS_FILE} in")
        parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file differs")

    @staticmethod
    def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        seeds, data = existing_dir(args.seeds), existing_dir(args.data)
        try:
            records = build_document_records(seeds)
        except ManifestError as exc:
            print(f"{seeds / 'manifest.json'}: {exc}", file=err)
            return EXIT_INVALID
        except (OSError, ValueError, KeyError) as exc:
            print(f"{seeds}: cannot build the documents: {exc}", file=err)
            return EXIT_INVALID
        return _write(data / DOCUMENTS_FILE, jsonl_bytes(records), args.check, "seeds and manifest", out, err)


class Gold:
    NAME = "build-gold"
    HELP = (f"build DIR/{GOLD_FILE} from annotation sources DIR/{SOURCES}/*.json that give exact strings "
            "(\"left[TARGET]right\", \"TARGET#N\", \"TARGET*\"): code-point offsets computed, never typed")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--data", metavar="DIR", required=True,
                            help=f"dataset folder with {DOCUMENTS_FILE} and {SOURCES}/; {GOLD_FILE} is written there")
        parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file differs")

    @staticmethod
    def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        data = existing_dir(args.data)
        if not (data / DOCUMENTS_FILE).is_file():
            raise UsageError(f"{data}: no {DOCUMENTS_FILE} in this folder")
        try:
            content = render(data)
        except AnnotationError as exc:
            print(f"{data / SOURCES}: {exc}", file=err)
            return EXIT_INVALID
        except (ValueError, KeyError, TypeError) as exc:
            print(f"{data / SOURCES}: malformed source ({type(exc).__name__}: {exc}); see `python -m benchmark build-gold -h`",
                  file=err)
            return EXIT_INVALID
        return _write(data / GOLD_FILE, content.encode("utf-8"), args.check, "annotation sources", out, err)


