"""A plain table and its renderings (text, Markdown, CSV, JSON), byte-stable."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from typing import Any, Sequence

from benchmark.rendering.spreadsheet import csv_cell

FORMATS = ("text", "json", "csv", "markdown")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def to_text(table: Table) -> str:
    cells = [list(table.columns)] + [[_cell(v) for v in row] for row in table.rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(table.columns))]
    numeric = [all(_is_number(row[i]) or row[i] is None for row in table.rows) and table.rows for i in range(len(table.columns))]

    def line(row: Sequence[str]) -> str:
        parts = [c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule] + [line(r) for r in cells[1:]]) + "\n"


def markdown_text(text: str) -> str:
    """The one escaping policy of the package's Markdown: line breaks become
    spaces, Markdown punctuation is backslash-escaped, then HTML special
    characters become entities, so that text from a submission can open neither a
    table cell, a link, emphasis nor inline HTML."""
    text = text.replace("\\", "\\\\").replace("\n", " ").replace("\r", " ")
    for char in "`*_[]()#!|~":
        text = text.replace(char, "\\" + char)
    return html.escape(text, quote=True)


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """The one Markdown table writer: the lines of a GitHub table whose column
    ``i`` is right-aligned when ``right[i]``. Cells of left-aligned (text)
    columns and the header go through :func:`markdown_text`; right-aligned
    columns hold numbers the caller formatted, written as they are."""
    def line(cells: Sequence[str], escape: Sequence[bool]) -> str:
        return "| " + " | ".join(markdown_text(c) if e else c for c, e in zip(cells, escape, strict=True)) + " |"

    text = [not r for r in right]
    rule = "|" + "|".join("---:" if r else "---" for r in right) + "|"
    return [line(header, [True] * len(header)), rule, *(line(row, text) for row in rows)]


def to_markdown(table: Table) -> str:
    numeric = [bool(table.rows) and all(_is_number(r[i]) or r[i] is None for r in table.rows) for i in range(len(table.columns))]
    return "\n".join(markdown_table(table.columns, [[_cell(v) for v in row] for row in table.rows], numeric)) + "\n"


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if v is None else csv_cell(v) for v in row])
    return buffer.getvalue()


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def render(table: Table, fmt: str) -> str:
    if fmt == "text":
        return to_text(table)
    if fmt == "markdown":
        return to_markdown(table)
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        return to_json(table.records())
    raise ValueError(f"unknown format {fmt!r}")
