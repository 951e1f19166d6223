"""A validation problem: one line naming the file, the JSON pointer and what is
wrong; and ``BenchmarkError``, the base of the package's expected errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


def pointer(parts: Iterable[str | int]) -> str:
    """RFC 6901 JSON pointer for a path; the document root is shown as ``/``."""
    tokens = [str(p).replace("~", "~0").replace("/", "~1") for p in parts]
    return "/" + "/".join(tokens)


class BenchmarkError(Exception):
    """An expected failure, explained in one line by its message (bad input, a
    usage error, an unreachable source). Anything else the package raises is a
    bug: the command line reports it as an internal error."""


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"
