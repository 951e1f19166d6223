"""A generated corpus of hostile submissions (issue 13, input side).

Each case is the raw bytes of a submission file and what ``validate`` must say:
``None`` when it must be accepted (the input is odd but legal), else a fragment
that one problem line must contain (its JSON pointer and cause). ``scale``
multiplies the size of the cases that probe a limit, so that ``perf/bench_hostile.py``
can build the worst accepted input per limit from the same generator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from benchmark.model.limits import MAX_DEPTH, MAX_DOCUMENTS, MAX_OBJECTS_PER_DOCUMENT, MAX_PROBLEMS
from benchmark.model.loading import load_documents

DOCUMENTS, _ = load_documents()
DOC_IDS = sorted(DOCUMENTS)
TEXT = DOCUMENTS["000"].text


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    expect: str | None
    """A fragment of one problem line, or None when the file must be valid."""


def submission(first: dict[str, Any] | None = None, **meta: Any) -> dict[str, Any]:
    records: list[dict[str, Any]] = [{"doc_id": d} for d in DOC_IDS]
    if first is not None:
        records[0] = {"doc_id": "000", **first}
    return {"meta": {"system": "hostile", **meta}, "documents": records}


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _span(needle: str) -> dict[str, Any]:
    start = TEXT.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def _mention(start: Any, end: Any) -> bytes:
    body = '{"id": "e1", "name": "U.S.", "mentions": [{"start": %s, "end": %s, "text": "U.S."}]}' % (start, end)
    return dumps(submission({"entities": ["@"]})).replace(b'"@"', body.encode())


def _raw_in(where: str, literal: str) -> bytes:
    """A submission with the JSON ``literal`` (written as is) at ``where``."""
    places = {
        "meta": submission(extra="@"),
        "system": submission(),
        "name": submission({"entities": [{"id": "e1", "name": "@"}]}),
        "content": submission({"claims": [{"id": "c1", "content": "@"}]}),
        "id": submission({"entities": [{"id": "@"}]}),
        "key": submission(),
    }
    value = places[where]
    if where == "system":
        value["meta"]["system"] = "@"
    text = json.dumps(value)
    if where == "key":
        return text.replace('"system": "hostile"', '"system": "hostile", %s: 1' % literal).encode()
    return text.replace('"@"', literal).encode()


def offsets() -> Iterator[Case]:
    """Class 2: offsets must be integers in range, however they are written."""
    good = _span("U.S.")
    yield Case("offset-integral-float", _mention(f"{good['start']}.0", f"{good['end']}.0"), None)
    yield Case("offset-exponent", _mention(f"{good['start'] / 10}e1", f"{good['end']}"), None)
    yield Case("offset-1e308", _mention("1e308", "1e308"), "/documents/0/entities/0/mentions/0: empty or reversed span")
    yield Case("offset-end-1e9", _mention("0", "1e9"), "/documents/0/entities/0/mentions/0: end 1000000000.0 is beyond")
    yield Case("offset-end-huge-int", _mention("0", "10000000000"), "/documents/0/entities/0/mentions/0: end 10000000000 is beyond")
    yield Case("offset-fraction", _mention("81.5", "85"), "/documents/0/entities/0/mentions/0/start")
    yield Case("offset-bool", _mention("true", "85"), "/documents/0/entities/0/mentions/0/start")
    yield Case("offset-negative-float", _mention("-1.0", "85"), "/documents/0/entities/0/mentions/0/start")
    trigger = dumps(submission({"events": [{"id": "v1", "trigger": {"start": 0, "end": 5e9, "text": "x"}}]}))
    yield Case("trigger-float-end", trigger, "/documents/0/events/0/trigger: end 5000000000.0 is beyond")
    span = dumps(submission({"claims": [{"id": "c1", "span": {"start": 1e308, "end": 1.5e308}}]}))
    yield Case("claim-span-1e308", span, "/documents/0/claims/0/span: end 1.5e+308 is beyond")


def values() -> Iterator[Case]:
    """Classes 4 and 8: lone surrogates, giant integers, overflowing floats anywhere;
    a date that is no calendar date; control characters in keys."""
    for where in ("meta", "system", "name", "content", "id"):
        pointer = {"meta": "/meta/extra", "system": "/meta/system", "name": "/documents/0/entities/0/name",
                   "content": "/documents/0/claims/0/content", "id": "/documents/0/entities/0/id"}[where]
        yield Case(f"surrogate-{where}", _raw_in(where, '"a\\ud800b"'), f"{pointer}: lone surrogate U+D800")
        yield Case(f"low-surrogate-{where}", _raw_in(where, '"\\udfff"'), f"{pointer}: lone surrogate U+DFFF")
        yield Case(f"giant-integer-{where}", _raw_in(where, "1" + "0" * 4999), f"{pointer}: integer of 5000 digits")
        yield Case(f"long-integer-{where}", _raw_in(where, "-" + "9" * 30), f"{pointer}: integer of 30 digits")
        yield Case(f"overflow-{where}", _raw_in(where, "1e400"), f"{pointer}: number too large")
        yield Case(f"negative-overflow-{where}", _raw_in(where, "-1" + "0" * 400 + ".5"), f"{pointer}: number too large")
    yield Case("surrogate-pair-is-fine", _raw_in("meta", '"\\ud83d\\ude00"'), None)
    yield Case("surrogate-in-key", _raw_in("key", '"k\\udc80"'), "/meta/k\\udc80: key: lone surrogate U+DC80")
    yield Case("newline-in-key", dumps(submission(**{"a\nb": {"c\r\u2028d": ["@"]}})).replace(b'"@"', b"1e400"),
               "/meta/a\\nb/c\\r\\u2028d/0: number too large")
    yield Case("newline-in-doc-id", dumps({"meta": {"system": "x"}, "documents": [{"doc_id": "x\ny"}]}), '/documents/0/doc_id: unknown doc_id "x\\ny"')
    yield Case("meta-date-not-a-date", dumps(submission(date="2026-13-99")), "/meta/date:")
    yield Case("meta-date-feb-30", dumps(submission(date="2026-02-30")), "/meta/date:")
    yield Case("meta-date-real", dumps(submission(date="2024-02-29")), None)
    yield Case("meta-infinity-literal", _raw_in("meta", "Infinity"), "Infinity is not valid JSON")
    yield Case("nfkc-blowup-name", dumps(submission({"entities": [{"id": "e1", "name": "\ufdfa" * 1000}]})),
               "/documents/0/entities/0/name: string of 1000 characters grows to 18000 under Unicode NFKC")
    yield Case("nfkc-blowup-key", dumps(submission(**{"\ufdfa" * 100: 1})), "/meta/" + "\ufdfa" * 100 + ": key: string of 100")
    yield Case("nfkc-few-ligatures-fine", dumps(submission({"entities": [{"id": "e1", "name": "\ufdfa\ufdfa \ufb01x …"}]})), None)


def limits(scale: float = 1.0) -> Iterator[Case]:
    """Class 3: every limit, just under (accepted) and over (rejected, fast)."""
    zeros = max(int(1_000_000 * scale), MAX_DOCUMENTS + 1)
    yield Case("documents-of-zeros", b'{"meta": {"system": "x"}, "documents": [' + b"0," * (zeros - 1) + b"0]}",
               f"/documents: {zeros} documents, over the limit of {MAX_DOCUMENTS}")
    many = {"meta": {"system": "x"}, "documents": [{"doc_id": "000"}] * (MAX_DOCUMENTS + 1)}
    yield Case("documents-over-limit", dumps(many), f"/documents: {MAX_DOCUMENTS + 1} documents, over the limit")
    yield Case("objects-over-limit", dumps(submission({"entities": [0] * (MAX_OBJECTS_PER_DOCUMENT + 1)})),
               f"/documents/0: {MAX_OBJECTS_PER_DOCUMENT + 1} objects, over the limit")
    yield Case("mentions-over-limit", dumps(submission({"entities": [{"id": "e", "mentions": [_span("U.S.")] * MAX_OBJECTS_PER_DOCUMENT}]})),
               f"/documents/0: {MAX_OBJECTS_PER_DOCUMENT + 1} objects, over the limit")
    nested = "[" * (MAX_DEPTH - 3) + "]" * (MAX_DEPTH - 3)  # under {"meta": {"extra": [...]}}: MAX_DEPTH in all
    wide = ", ".join([nested] * int(20_000 * scale))
    yield Case("deep-wide-meta", _raw_in("meta", f"[{wide}]"), None)
    yield Case("too-deep-meta", _raw_in("meta", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)),
               "/meta/extra" + "/0" * (MAX_DEPTH - 2) + ": JSON nested deeper")
    yield Case("nesting-bomb", b"[" * 200_000, "/: ")
    yield Case("invalid-records", dumps({"meta": {"system": "x"}, "documents": [0] * int(MAX_DOCUMENTS * scale)}),
               f"more than {MAX_PROBLEMS} problems")
    yield Case("objects-at-limit", dumps(submission({"entities": [{"id": f"e{i}", "name": "U.S."} for i in range(MAX_OBJECTS_PER_DOCUMENT)]})), None)


def all_cases(scale: float = 1.0) -> list[Case]:
    generators: list[Callable[[], Iterator[Case]]] = [offsets, values, lambda: limits(scale)]
    return [case for generate in generators for case in generate()]
