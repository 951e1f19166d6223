"""A submission and the output file of ``score`` and ``explain``."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, TextIO

from benchmark.model.files import atomic_write
from benchmark.model.records import Document, Submission
from benchmark.cli.common import UsageError, print_invalid, read_submission


def submission_from(
    name: str, documents: Mapping[str, Document], allow_missing: bool, err: TextIO
) -> Submission | None:
    """A validated submission, or ``None`` after printing every problem, one a line,
    exactly as ``validate`` does."""
    loaded = read_submission(name, documents, allow_missing)
    if loaded.problems:
        print_invalid(name, loaded.problems, err)
        return None
    return loaded.submission


def write_output(text: str, out_file: str | None, out: TextIO) -> None:
    """To ``--out FILE`` (exact bytes, UTF-8, ``\\n`` line ends) or to ``out``.
    The file is written atomically: a failed write leaves whatever was there
    before, never a truncated file. A directory, a missing parent folder or a
    place that cannot be written is a usage error."""
    if out_file is None:
        out.write(text)
        return
    path = Path(out_file)
    if path.is_dir():
        raise UsageError(f"{out_file}: is a directory")
    if not path.parent.is_dir():
        raise UsageError(f"{out_file}: no such directory {str(path.parent)!r}")
    try:
        atomic_write(path, text.encode("utf-8"), parents=False)
    except OSError as exc:
        raise UsageError(f"{out_file}: cannot write ({exc.strerror or exc})") from None
