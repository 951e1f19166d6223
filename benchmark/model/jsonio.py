"""Reading JSON and JSON Lines files defensively: size, encoding, syntax, depth.

Every failure becomes a :class:`Problem`; nothing here raises on bad content.
NaN and Infinity (which Python's ``json`` accepts by default) are rejected, and
so are duplicate keys, which ``json`` would silently resolve to the last value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmark.model.limits import MAX_DEPTH, MAX_FILE_BYTES
from benchmark.model.problems import Problem, pointer


class _Rejected(ValueError):
    pass


def _no_constants(name: str) -> Any:
    raise _Rejected(f"{name} is not valid JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Rejected(f"duplicate key {json.dumps(key)}")
        result[key] = value
    return result


def _too_deep(value: Any) -> list[str | int] | None:
    """Path to the first container nested deeper than MAX_DEPTH, else None."""
    stack: list[tuple[Any, list[str | int]]] = [(value, [])]
    while stack:
        node, path = stack.pop()
        if len(path) >= MAX_DEPTH and isinstance(node, (dict, list)):
            return path
        if isinstance(node, dict):
            stack.extend((v, path + [k]) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, path + [i]) for i, v in enumerate(node))
    return None


def read_bytes(path: Path, name: str) -> tuple[bytes | None, list[Problem]]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(name, "/", f"file is {size} bytes, over the limit of {MAX_FILE_BYTES} (MAX_FILE_BYTES)")]
    return path.read_bytes(), []


def parse_json(data: bytes, name: str, line: int | None = None) -> tuple[Any, list[Problem]]:
    """Parse one JSON value; ``line`` prefixes positions for JSON Lines records."""
    where = f"line {line}" if line is not None else ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, "/", f"{where + ': ' if where else ''}not valid UTF-8 at byte {exc.start}")]
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        value = json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        row = exc.lineno if line is None else line
        return None, [Problem(name, "/", f"invalid JSON at line {row}, column {exc.colno}: {exc.msg}")]
    except _Rejected as exc:
        return None, [Problem(name, "/", f"invalid JSON{' at ' + where if where else ''}: {exc}")]
    except RecursionError:
        return None, [Problem(name, "/", f"JSON nested deeper than the limit of {MAX_DEPTH} (MAX_DEPTH)")]
    deep = _too_deep(value)
    if deep is not None:
        return None, [Problem(name, pointer(deep), f"JSON nested deeper than the limit of {MAX_DEPTH} (MAX_DEPTH)")]
    return value, []


def read_json(path: Path, name: str | None = None) -> tuple[Any, list[Problem]]:
    name = name or str(path)
    data, problems = read_bytes(path, name)
    if data is None:
        return None, problems
    return parse_json(data, name)


def read_jsonl(path: Path, name: str | None = None) -> tuple[list[Any], list[Problem]]:
    """Parse every non-blank line; problems carry the 1-based line number."""
    name = name or str(path)
    data, problems = read_bytes(path, name)
    if data is None:
        return [], problems
    records: list[Any] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        value, found = parse_json(raw, name, line=number)
        problems.extend(found)
        if not found:
            records.append(value)
    return records, problems
