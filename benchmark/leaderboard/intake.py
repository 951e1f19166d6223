"""Taking in one folder entry of the leaderboard without trusting it.

A submissions folder can hold anything a file name can: a directory, a FIFO or
a device named ``x.json``, a dangling symbolic link or a loop of them, a file the
process may not read, a name that is not UTF-8. :func:`unreadable` names why an
entry cannot be read as a regular file without ever blocking on it: an entry
that is not a regular file is never opened, and a regular one is opened with
``O_NONBLOCK`` (so one swapped for a FIFO meanwhile cannot hang the check). :func:`shown` turns any
submitted string into one line of printable, encodable text for the board, and
:func:`system_key` is the identity under which two submissions count as the
same system.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path

MAX_SHOWN = 500
"""Longest string from a rejected file (its system name, its first problem) shown
on the board, in characters: a rejected file is not bound by the schema's lengths."""

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Unicode bidirectional embeddings, overrides and isolates (UAX #9)."""

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def shown(text: object, limit: int | None = MAX_SHOWN) -> str:
    """``text`` as one printable line: lone surrogates become U+FFFD (they cannot
    be encoded), control characters and line or paragraph separators become
    spaces, bidirectional embedding, override and isolate controls are dropped
    (they can make a name read as another, and reorder the cells around it), and
    anything past ``limit`` characters (if given) is cut with an ellipsis."""
    value = text if isinstance(text, str) else str(text)
    if limit is not None and len(value) > limit:
        value = value[:limit] + "…"
    return "".join(
        "\ufffd" if "\ud800" <= char <= "\udfff"
        else " " if unicodedata.category(char) in ("Cc", "Zl", "Zp")
        else "" if char in BIDI_CONTROLS
        else char
        for char in value
    )


def shown_path(name: str) -> str:
    """A file name as one printable line; bytes that are not UTF-8 (kept by
    Python as surrogate escapes) are shown as ``\\xNN``."""
    return shown(os.fsencode(name).decode("utf-8", "backslashreplace"), limit=None)


def unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be read as a regular file, or ``None`` when it can.
    A file name must be UTF-8 without control characters (it is shown on the
    board and kept in git). Symbolic links are followed; nothing is read."""
    if any("\udc80" <= char <= "\udcff" for char in path.name):
        return "the file name is not valid UTF-8"
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in path.name):
        return "the file name has control characters or line breaks"
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            if exc.errno == errno.ENOENT:
                return "dangling symbolic link"
        return f"cannot read ({exc.strerror})"
    if not stat.S_ISREG(mode):  # never opened: opening a device can have effects
        return f"not a regular file ({_kind(mode)})"
    try:  # non-blocking, in case it was swapped for a FIFO since
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return f"cannot read ({exc.strerror})"
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    if not stat.S_ISREG(mode):
        return f"not a regular file ({_kind(mode)})"
    return None


def system_key(system: str) -> str:
    """The identity of a system name: NFKC, case-folded, invisible format
    characters dropped and white space collapsed, so that ``Oracle``,
    ``oracle `` and a full-width ``ｏracle`` name one system."""
    folded = unicodedata.normalize("NFKC", system).casefold()
    visible = "".join(char for char in folded if unicodedata.category(char) != "Cf")
    return " ".join(visible.split())
