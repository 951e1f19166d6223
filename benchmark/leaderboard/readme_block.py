"""The ranked leaderboard table copied into a README, between two HTML comments.

``python -m benchmark leaderboard`` rewrites the block in the README.md beside
its output folder (the repository's README for the default ``leaderboard/``), so
the table shown on the project page is the board's own.
"""

from __future__ import annotations

from pathlib import Path

START = "<!-- leaderboard:start -->"
END = "<!-- leaderboard:end -->"


class BlockError(ValueError):
    """The README's markers are unusable (one missing, repeated or out of order)."""


def ranked_table(board_markdown: str) -> str:
    """The first Markdown table of the board's page (the ranked rows), its lines
    joined with ``\\n``; "" when the page has none."""
    lines = board_markdown.splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("| rank ")), None)
    if first is None:
        return ""
    table = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        table.append(line)
    return "\n".join(table)


def replace_block(readme: str, table: str) -> str | None:
    """``readme`` with the lines between the marker lines (each marker alone on its
    line) replaced by ``table``; ``None`` when it has neither marker line. Raises
    BlockError for unusable markers."""
    lines = readme.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == START]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if not starts and not ends:
        return None
    if len(starts) != 1 or len(ends) != 1 or starts[0] > ends[0]:
        raise BlockError(f"needs exactly one line {START} followed by one line {END}")
    return "\n".join(lines[: starts[0] + 1] + table.split("\n") + lines[ends[0]:])


def readme_beside(out_dir: Path) -> Path:
    """The README that shows the board written to ``out_dir``."""
    return out_dir.resolve().parent / "README.md"


def updated_readme(out_dir: Path, board_markdown: str) -> tuple[Path, str] | None:
    """``(path, new text)`` of the README beside ``out_dir`` when it exists and has
    the markers, else ``None``. Raises BlockError (with the path) for unusable markers."""
    path = readme_beside(out_dir)
    if not path.is_file():
        return None
    try:
        text = replace_block(path.read_text(encoding="utf-8"), ranked_table(board_markdown))
    except BlockError as exc:
        raise BlockError(f"{path}: {exc}") from None
    return None if text is None else (path, text)
