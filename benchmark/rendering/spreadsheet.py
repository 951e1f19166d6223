"""CSV cells that a spreadsheet cannot run as formulas (CWE-1236).

A spreadsheet treats a cell as a formula when its text starts with ``=``, ``+``,
``-`` or ``@`` (some also after leading white space or control characters, and
some read full-width ``＝`` as ``=``); a bare carriage return inside a cell
starts a new row for a naive reader. :func:`csv_cell` makes every text cell one
line (control characters and line or paragraph separators become spaces) and
prefixes ``'`` when the first visible character, read under NFKC, could start a
formula. Numbers pass through unchanged, so numeric cells stay numbers.
"""

from __future__ import annotations

import unicodedata

FORMULA_STARTS = frozenset("=+-@")
"""Characters that make a spreadsheet read a cell as a formula."""

_BREAKS = frozenset({"Cc", "Zl", "Zp"})
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


def formula_like(text: str) -> bool:
    """Whether ``text`` could be read as a formula: its first character that is
    neither white space nor invisible is, after NFKC, one of ``FORMULA_STARTS``."""
    for char in unicodedata.normalize("NFKC", text):
        if char.isspace() or unicodedata.category(char) in _INVISIBLE:
            continue
        return char in FORMULA_STARTS
    return False


def csv_text(text: str) -> str:
    """``text`` as one inert line for a CSV cell."""
    flat = "".join(" " if unicodedata.category(char) in _BREAKS else char for char in text)
    return "'" + flat if formula_like(flat) else flat


def csv_cell(value: object) -> object:
    """A CSV cell: text made inert by :func:`csv_text`, anything else unchanged."""
    return csv_text(value) if isinstance(value, str) else value
