"""The loader spike of issue 22: typed structs decoded in C (msgspec) against the
JSON Schema checked by jsonschema-rs, against the loader before the change.

    python perf/spike_loader.py SUBMISSION [--code DIR] [--runs 5]

Times, in this process with the collector paused as a command runs, median CPU milliseconds of ``--runs`` repetitions over one
submission file (``perf/real_corpus.py`` builds one), each step of loading it:
parsing (with and without the duplicate-key check), the schema check (python-
jsonschema, the compiled check that the code before issue 22 generated and
``exec``'d, jsonschema-rs), the value walk, the semantic checks and the conversion
to records; and msgspec decoding straight into typed structs (parse, types and
conversion in one). ``--code`` names the checkout whose ``benchmark`` supplies the
"today" rows (the base commit, where ``schema_check`` still exists); rows whose
code is missing there are skipped. Also prints what each candidate gets wrong
against the rules (duplicate keys, integral floats, ``meta``'s extra keys).
Figures are in the note of issue 22 and in ``perf/README.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, Literal

import gc

import jiter
import jsonschema
import jsonschema_rs
import msgspec

ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], Any], runs: int) -> tuple[Any, float]:
    times = []
    value = None
    for _ in range(runs):
        start = time.process_time()
        value = fn()
        times.append(time.process_time() - start)
    return value, 1000 * statistics.median(times)


# The submission model as msgspec structs: the schema's types, enums and bounds.
Offset = msgspec.Meta(ge=0)
NonEmpty = msgspec.Meta(min_length=1)
ObjectId = msgspec.Meta(min_length=1, max_length=200)


class _Struct(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    pass


class Mention(_Struct):
    start: Any
    end: Any
    text: str
    kind: Literal["name", "nominal", "pronoun"] | None = None


class TextSpan(_Struct):
    start: Any
    end: Any
    text: str


class Span(msgspec.Struct):
    start: Any
    end: Any


class Entity(_Struct):
    id: str
    type: Literal["PER", "ORG", "GPE", "LOC", "FAC"] | None = None
    name: str | None = None
    aliases: list[str] | None = None
    mentions: list[Mention] | None = None
    cluster: str | None = None


class Event(_Struct):
    id: str
    type: Literal["Meet", "Call", "Deploy", "Attack", "Annex", "Sanction", "Aid", "Enact", "Join", "Propose", "Exercise"] | None = None
    trigger: TextSpan | None = None
    date: str | None = None
    location: str | None = None
    participants: list[str] | None = None
    modality: Literal["actual", "planned", "hypothetical"] | None = None
    cluster: str | None = None


class Claim(_Struct):
    id: str
    claimant: str | None = None
    cue: str | None = None
    content: str | None = None
    span: Span | None = None
    quote: Literal["direct", "indirect"] | None = None
    polarity: Literal["affirm", "deny"] | None = None
    about: list[str] | None = None
    cluster: str | None = None


class Record(_Struct):
    doc_id: str
    entities: list[Entity] = []
    events: list[Event] = []
    claims: list[Claim] = []


class Submission(_Struct):
    meta: dict[str, Any]
    documents: list[Record]


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def candidates_rules() -> list[str]:
    """What each candidate does with the three inputs the rules fix."""
    lines = []
    duplicate = b'{"meta": {"system": "x"}, "meta": {"system": "y"}, "documents": []}'
    integral = b'{"meta": {"system": "x"}, "documents": [{"doc_id": "000", "entities": [{"id": "e", "mentions": [{"start": 81.0, "end": 85, "text": "U.S."}]}]}]}'
    extra = b'{"meta": {"system": "x", "failed": ["000"]}, "documents": []}'
    try:
        value = msgspec.json.decode(duplicate, type=Submission)
        lines.append(f"msgspec, duplicate key: accepted, keeps the last ({value.meta})")
    except msgspec.ValidationError as exc:
        lines.append(f"msgspec, duplicate key: refused ({exc})")
    value = msgspec.json.decode(integral, type=Submission)
    lines.append(f"msgspec, offset 81.0: {value.documents[0].entities[0].mentions[0].start!r} "
                 "(typed int refuses it; JSON Schema's integer admits it)")
    value = msgspec.json.decode(extra, type=Submission)
    lines.append(f"msgspec, meta extra key: {value.meta} (kept only as an untyped dict)")
    try:
        json.loads(duplicate, object_pairs_hook=_no_duplicates)
    except ValueError:
        lines.append("json.loads with the pairs hook + jsonschema-rs: duplicate key refused at parse")
    lines.append(f"jsonschema-rs, offset 81.0 as integer: {jsonschema_rs.Draft202012Validator({'type': 'integer'}).is_valid(81.0)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submission", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout for the 'today' rows (default: this one)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    gc.disable()  # as a command runs them (the collector paused for the command)
    sys.path.insert(0, str(args.code))
    from benchmark.model import schemas  # noqa: E402  (from --code)
    from benchmark.model.jsonio import value_problems  # noqa: E402
    from benchmark.model.loading import load_documents, submission_from_json  # noqa: E402
    from benchmark.model.validation import record_problems  # noqa: E402

    data = args.submission.read_bytes()
    folder = args.submission.parent / "data"
    documents, _ = load_documents(folder) if (folder / "documents.jsonl").exists() else ({}, [])
    rows: list[tuple[str, float]] = []
    value, ms = timed(lambda: json.loads(data), args.runs)
    rows.append(("parse: json.loads, no duplicate-key check", ms))
    value, ms = timed(lambda: json.loads(data, object_pairs_hook=_no_duplicates), args.runs)
    rows.append(("parse: json.loads + pairs hook (duplicates refused)", ms))
    _, ms = timed(lambda: jiter.from_json(data, allow_inf_nan=False, catch_duplicate_keys=True, cache_mode="keys"), args.runs)
    rows.append(("parse: jiter, duplicate keys refused (chosen)", ms))
    _, ms = timed(lambda: msgspec.json.decode(data), args.runs)
    rows.append(("parse: msgspec.json.decode untyped (keeps last duplicate)", ms))
    _, ms = timed(lambda: msgspec.json.decode(data, type=Submission), args.runs)
    rows.append(("msgspec typed structs: parse + types + structs", ms))
    _, ms = timed(lambda: value_problems(value, "x"), args.runs)
    rows.append(("value walk (depth, numbers, strings)", ms))
    rs = jsonschema_rs.Draft202012Validator(schemas.inlined("submission"), validate_formats=True)
    ok, ms = timed(lambda: rs.is_valid(value), args.runs)
    rows.append((f"schema: jsonschema-rs is_valid ({ok})", ms))
    if hasattr(schemas, "fast_check"):
        check = schemas.fast_check("submission")
        ok, ms = timed(lambda: check(value), args.runs)
        rows.append((f"schema: compiled + exec'd check, before issue 22 ({ok})", ms))
    reference = jsonschema.Draft202012Validator(schemas.inlined("submission"), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    ok, ms = timed(lambda: reference.is_valid(value), 1)
    rows.append((f"schema: python-jsonschema is_valid, one run ({ok})", ms))
    if documents:
        def semantic() -> int:
            return sum(len(record_problems(r, documents.get(r["doc_id"]), "x", ["documents", i]))
                       for i, r in enumerate(value["documents"]))
        _, ms = timed(semantic, args.runs)
        rows.append(("semantic checks (ids, references, offsets)", ms))
    _, ms = timed(lambda: submission_from_json(value, "x", "", []), args.runs)
    rows.append(("conversion to records (frozen dataclasses)", ms))
    print(f"{args.submission} ({len(data) / 2**20:.1f} MiB), code {args.code}, median CPU ms of {args.runs}")
    for name, ms in rows:
        print(f"  {name:62} {ms:8.0f}")
    for line in candidates_rules():
        print("  " + line)


if __name__ == "__main__":
    main()
