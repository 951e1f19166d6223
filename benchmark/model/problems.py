"""A validation problem: one line naming the file, the JSON pointer and what is
wrong; and ``BenchmarkError``, the base of the package's expected errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

# What must never reach a terminal or log raw: control characters (a newline
# would split one problem into two lines, the second forged by the submitter),
# line and paragraph separators, and lone surrogates (not encodable as UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def one_line(text: str) -> str:
    """``text`` with every unsafe character written as a JSON-style escape."""
    return _UNSAFE.sub(_escape, text)


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
        """One line, whatever the file name, pointer or message hold."""
        return one_line(f"{self.file}: {self.path}: {self.message}")
