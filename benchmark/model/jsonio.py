"""Reading JSON and JSON Lines files defensively: size, encoding, syntax, depth,
and values no later step can handle.

Every failure becomes a :class:`Problem`; nothing here raises on bad content.
NaN and Infinity (which Python's ``json`` accepts by default) are rejected, and
so are duplicate keys, which ``json`` would silently resolve to the last value.
After parsing, one walk over the value (:func:`value_problems`), linear in its
size, rejects what would break or slow the later steps: nesting deeper than
``MAX_DEPTH``, numbers that overflow a float (``1e400``) or have more than
``MAX_INTEGER_DIGITS`` digits, strings with a lone surrogate (``"\\ud800"``, not
encodable as UTF-8) and strings that Unicode NFKC (which scoring applies) would
grow past ``MAX_NFKC_GROWTH``. JSON pointers are built only for what is wrong.
"""

from __future__ import annotations

import gc
import json
import math
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import jiter

from benchmark.model import limits
from benchmark.model.limits import MAX_DEPTH, MAX_INTEGER_DIGITS, MAX_NFKC_GROWTH, NFKC_ALLOWANCE
from benchmark.model.problems import Problem, pointer


class _Rejected(ValueError):
    pass


class _BigInteger(str):
    """The text of an integer literal longer than ``MAX_INTEGER_DIGITS`` digits
    (Python refuses to convert past 4,300 digits; nothing needs more than 20)."""


def _no_constants(name: str) -> Any:
    raise _Rejected(f"{name} is not valid JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Rejected(f"duplicate key {json.dumps(key)}")
            seen.add(key)
    return result


def _integer(text: str) -> int | _BigInteger:
    digits = len(text) - text.startswith("-")
    return int(text) if digits <= MAX_INTEGER_DIGITS else _BigInteger(text)


# Only a text with an escaped surrogate code unit can hold a lone surrogate (raw
# ones are not valid UTF-8): other texts skip that check.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_INTEGER_LIMIT = 10**MAX_INTEGER_DIGITS


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a large JSON tree and its records
    are built (it would rescan the growing heap again and again: ~40 % of a large
    file's parse time), and back on, as it was, when the block ends. Nothing is
    frozen (freezing the heap would also exempt a caller's own reference cycles
    from collection for good) and nothing is collected here."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_bytes(path: Path, name: str, capped: bool = True) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem when it is over ``MAX_FILE_BYTES`` (``capped``
    is false for the dataset the user points at, which has no size limit)."""
    size = path.stat().st_size
    limit = limits.MAX_FILE_BYTES
    if capped and size > limit:
        return None, [Problem(name, "/", f"file is {size} bytes, over the limit of {limit} (MAX_FILE_BYTES)")]
    return path.read_bytes(), []


def _fast(data: bytes) -> Any:
    """The parsed value when jiter (pydantic's parser, in Rust) takes the bytes
    with duplicate keys refused and no NaN or Infinity, else ``_UNPARSED``; the
    caller then parses with ``json`` for today's exact message. jiter refuses
    more than ``json`` (lone surrogate escapes, nesting past ~200, a BOM), never
    less (a differential test holds both to it), so the fallback decides those."""
    try:
        return jiter.from_json(data, allow_inf_nan=False, catch_duplicate_keys=True, cache_mode="keys")
    except ValueError:
        return _UNPARSED


_UNPARSED = object()


def _loads(text: str) -> Any:
    with paused_gc():
        try:
            return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError:
            raise
        except ValueError:  # an integer too long for Python to convert: parse again to locate it
            return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates, parse_int=_integer)


def parse_json(data: bytes, name: str, line: int | None = None) -> tuple[Any, list[Problem]]:
    """Parse one JSON value; ``line`` prefixes positions for JSON Lines records."""
    where = f"line {line}" if line is not None else ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, "/", f"{where + ': ' if where else ''}not valid UTF-8 at byte {exc.start}")]
    if text.startswith("\ufeff"):
        text = text[1:]
        data = data[3:]
    # A string can only be refused if the text holds an escape (``\\u``) or is not
    # in NFKC itself: NFKC works character by character between the quotes.
    strings = "\\u" in text or not unicodedata.is_normalized("NFKC", text)
    careful = _SURROGATE_ESCAPE.search(text) is not None
    with paused_gc():
        value = _fast(data)
        if value is not _UNPARSED and _clean(value, careful, strings):
            return value, []
    try:
        value = _loads(text)
    except json.JSONDecodeError as exc:
        row = exc.lineno if line is None else line
        return None, [Problem(name, "/", f"invalid JSON at line {row}, column {exc.colno}: {exc.msg}")]
    except _Rejected as exc:
        return None, [Problem(name, "/", f"invalid JSON{' at ' + where if where else ''}: {exc}")]
    except RecursionError:
        return None, [Problem(name, "/", f"JSON nested deeper than the limit of {MAX_DEPTH} (MAX_DEPTH)")]
    problems = value_problems(value, name, careful=careful, strings=strings)
    if where:
        problems = [Problem(p.file, p.path, f"{where}: {p.message}") for p in problems]
    return (None, problems) if problems else (value, [])


_MAX_EXPANSION = 18
"""The most characters one character becomes under NFKC or NFKD (U+FDFA): shorter
strings cannot break the growth limit."""


@cache
def _decomposed_length(char: str) -> int:
    return len(unicodedata.normalize("NFKD", char))


def nfkc_bound(text: str) -> int:
    """An upper bound of ``len(NFKC(text))``, exact unless characters compose: the
    length of its compatibility decomposition, character by character (NFKC is
    that decomposition, then canonical composition, which only shortens). Counted
    over distinct characters, so it costs one pass over ``text``."""
    return sum(count * _decomposed_length(char) for char, count in Counter(text).items())


def _bad_string(text: str, careful: bool) -> str | None:
    """Why a (non-ASCII) string is refused, else None."""
    if careful:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"lone surrogate U+{ord(text[exc.start]):04X} at character {exc.start} (not valid Unicode text)"
    if (_MAX_EXPANSION - MAX_NFKC_GROWTH) * len(text) > NFKC_ALLOWANCE and not unicodedata.is_normalized("NFKC", text):
        grown = nfkc_bound(text)
        if grown > MAX_NFKC_GROWTH * len(text) + NFKC_ALLOWANCE:
            return (f"string of {len(text)} characters grows to {grown} under Unicode NFKC, over the limit of "
                    f"{MAX_NFKC_GROWTH} x + {NFKC_ALLOWANCE} (MAX_NFKC_GROWTH)")
    return None


def _bad_scalar(value: Any, careful: bool) -> str | None:
    kind = type(value)
    if kind is str:
        return None if value.isascii() else _bad_string(value, careful)
    if kind is float:
        return None if math.isfinite(value) else "number too large for a 64-bit float (it would be Infinity)"
    if kind is int and not -_INTEGER_LIMIT < value < _INTEGER_LIMIT or kind is _BigInteger:
        digits = len(str(value).lstrip("-"))
        return f"integer of {digits} digits, over the limit of {MAX_INTEGER_DIGITS} (MAX_INTEGER_DIGITS)"
    return None


def _any_bad(level: list[Any], careful: bool, strings: bool) -> bool:
    """Whether the tree under ``level`` holds a refused value or key, or nests too
    deep: a breadth-first walk that builds no paths. ``strings`` false skips the
    string checks (for a text where no string can be refused)."""
    depth = 0
    low, high = -_INTEGER_LIMIT, _INTEGER_LIMIT
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return True
        containers: list[Any] = []
        keep = containers.append
        for node in level:
            if type(node) is dict:
                if strings and not all(map(str.isascii, node)) and any(_bad_string(key, careful) for key in node if not key.isascii()):
                    return True
                node = node.values()
            for item in node:
                kind = type(item)
                if kind is str:
                    if strings and not item.isascii() and _bad_string(item, careful):
                        return True
                elif kind is dict or kind is list:
                    keep(item)
                elif kind is int:
                    if not low < item < high:
                        return True
                elif kind is not bool and item is not None and _bad_scalar(item, careful):
                    return True
        level = containers
    return False


def _locate(value: Any, careful: bool, name: str) -> list[Problem]:
    """Every refused value with its JSON pointer (the slow path, for a bad file)."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if type(node) is dict or type(node) is list:
            if len(path) >= MAX_DEPTH:
                problems.append(Problem(name, pointer(path), f"JSON nested deeper than the limit of {MAX_DEPTH} (MAX_DEPTH)"))
                continue
            if type(node) is dict:
                for key in node:
                    why = None if key.isascii() else _bad_string(key, careful)
                    if why:
                        problems.append(Problem(name, pointer((*path, key)), f"key: {why}"))
                items = list(node.items())
            else:
                items = list(enumerate(node))
            stack.extend((item, (*path, key)) for key, item in reversed(items))
        else:
            why = _bad_scalar(node, careful)
            if why:
                problems.append(Problem(name, pointer(path), why))
    return problems


def _clean(value: Any, careful: bool, strings: bool) -> bool:
    """Whether :func:`value_problems` would find nothing, without locating anything."""
    if type(value) is dict or type(value) is list:
        return not _any_bad([value], careful, strings)
    return type(value) is not _BigInteger and not _bad_scalar(value, careful)


def value_problems(value: Any, name: str, careful: bool = True, strings: bool = True) -> list[Problem]:
    """Problems of a parsed value that no later step can handle (see the module
    docstring), in document order; ``careful=False`` skips the surrogate check,
    for text that cannot hold one, ``strings=False`` every string check, for text
    that can hold no refused string."""
    if type(value) is dict or type(value) is list:
        if not _any_bad([value], careful, strings):
            return []
    elif not _bad_scalar(value, careful):
        return []
    return _locate(value, careful, name)


def read_json(path: Path, name: str | None = None, capped: bool = True) -> tuple[Any, list[Problem]]:
    name = name or str(path)
    data, problems = read_bytes(path, name, capped)
    if data is None:
        return None, problems
    return parse_json(data, name)


def iter_jsonl(path: Path, name: str | None = None, capped: bool = True) -> Iterator[tuple[Any, list[Problem]]]:
    """``(value, problems)`` for every non-blank line, parsed one at a time so that
    a caller that converts as it goes never holds the whole file's JSON at once;
    problems carry the 1-based line number."""
    name = name or str(path)
    data, problems = read_bytes(path, name, capped)
    if data is None:
        yield None, problems
        return
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.strip():
            yield parse_json(raw, name, line=number)


def read_jsonl(path: Path, name: str | None = None, capped: bool = True) -> tuple[list[Any], list[Problem]]:
    """Parse every non-blank line; problems carry the 1-based line number."""
    records: list[Any] = []
    problems: list[Problem] = []
    for value, found in iter_jsonl(path, name, capped):
        problems.extend(found)
        if not found:
            records.append(value)
    return records, problems
