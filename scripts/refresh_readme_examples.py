"""Rewrite the command output the README shows for score, explain, stats and
verify from the real commands (tests/test_repository.py checks it).

Each ```text block that starts with ``$ python -m benchmark score|explain|stats|verify``
is re-run in-process. A block shown whole is replaced whole; in a block cut with
``...`` lines, the part before the first ``...`` becomes as many first lines of the
output, and each later part becomes as many lines of the output from the line equal
to the part's first line (a section heading, say), which must still be printed.
"""

from __future__ import annotations

import io
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmark.cli import main as cli  # noqa: E402
from benchmark.model.files import atomic_write  # noqa: E402

COMMANDS = ("score", "explain", "stats", "verify")


def refreshed(command: str, shown: list[str]) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    if cli(shlex.split(command)[4:], out=out, err=err) != 0:
        raise SystemExit(f"{command}: {err.getvalue().strip()}")
    printed = out.getvalue().splitlines()
    if "..." not in shown:
        return printed
    segments: list[list[str]] = [[]]
    for line in shown:
        if line == "...":
            segments.append([])
        else:
            segments[-1].append(line)
    result = printed[: len(segments[0])]
    for segment in segments[1:]:
        result.append("...")
        if not segment:
            continue
        if segment[0] not in printed:
            raise SystemExit(f"{command}: the shown line {segment[0]!r} is no longer printed; edit the README by hand")
        start = printed.index(segment[0])
        result += printed[start : start + len(segment)]
    return result


def refresh(readme: str) -> str:
    parts = readme.split("```text\n")
    for index in range(1, len(parts)):
        block, rest = parts[index].split("```", 1)
        lines = block.splitlines()
        if not lines or not lines[0].startswith("$ python -m benchmark ") or shlex.split(lines[0])[4] not in COMMANDS:
            continue
        end = next((i for i, line in enumerate(lines[1:], 1) if line.startswith("$ ")), len(lines))
        new = [lines[0], *refreshed(lines[0], lines[1:end]), *lines[end:]]
        parts[index] = "\n".join(new) + "\n```" + rest
    return "```text\n".join(parts)


if __name__ == "__main__":
    path = ROOT / "README.md"
    atomic_write(path, refresh(path.read_text(encoding="utf-8")).encode("utf-8"))
    print(f"wrote {path.relative_to(ROOT)}")
