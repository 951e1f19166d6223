"""Every validation rule, each with a failing input and its exact message."""

from __future__ import annotations


import pytest

from benchmark.model.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_OBJECTS_PER_DOCUMENT
from helpers import empty_submission, run_cli, span_of, write_json


def problems(tmp_path, value, *extra, raw: bytes | None = None) -> tuple[int, list[str]]:
    path = tmp_path / "sub.json"
    if raw is not None:
        path.write_bytes(raw)
    else:
        write_json(path, value)
    code, out, err = run_cli("validate", str(path), *extra)
    lines = err.splitlines()
    if code == 1:
        assert lines[-1].startswith(f"{path}: invalid (")
        lines = lines[:-1]
    return code, [line.removeprefix(f"{path}: ") for line in lines]


def with_doc(record: dict) -> dict:
    sub = empty_submission()
    sub["documents"][0] = {"doc_id": "000", **record}
    return sub


def test_valid_empty_submission(tmp_path):
    path = write_json(tmp_path / "s.json", empty_submission())
    assert run_cli("validate", str(path)) == (0, f"{path}: valid (5 documents, 0 objects)\n", "")


def test_json_syntax_error_has_line_and_column(tmp_path):
    assert problems(tmp_path, None, raw=b'{"meta": {\n  "system": "x",,\n}}') == (
        1, ["/: invalid JSON at line 2, column 17: Expecting property name enclosed in double quotes"])


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_rejected(tmp_path, constant):
    raw = ('{"meta": {"system": "x"}, "documents": [], "x": %s}' % constant).encode()
    assert problems(tmp_path, None, raw=raw) == (1, [f"/: invalid JSON: {constant} is not valid JSON"])


def test_duplicate_key_rejected(tmp_path):
    assert problems(tmp_path, None, raw=b'{"meta": {"system": "a", "system": "b"}, "documents": []}') == (
        1, ['/: invalid JSON: duplicate key "system"'])


def test_invalid_utf8(tmp_path):
    assert problems(tmp_path, None, raw=b'{"meta": "\xff"}') == (1, ["/: not valid UTF-8 at byte 10"])


def test_nesting_limit(tmp_path):
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    code, lines = problems(tmp_path, None, raw=('{"meta": {"system": "x"}, "documents": %s}' % deep).encode())
    assert code == 1 and len(lines) == 1
    assert lines[0].endswith(f"JSON nested deeper than the limit of {MAX_DEPTH} (MAX_DEPTH)")


def test_pathological_nesting_does_not_crash(tmp_path):
    code, lines = problems(tmp_path, None, raw=b"[" * 200_000)
    assert code == 1 and len(lines) == 1


def test_file_size_limit(tmp_path):
    path = tmp_path / "sub.json"
    with open(path, "wb") as handle:  # sparse: the size is checked before anything is read
        handle.write(b"{}")
        handle.truncate(MAX_FILE_BYTES + 1)
    code, out, err = run_cli("validate", str(path))
    assert (code, err.splitlines()[0]) == (
        1, f"{path}: /: file is {MAX_FILE_BYTES + 1} bytes, over the limit of {MAX_FILE_BYTES} (MAX_FILE_BYTES)")


def test_schema_violations_each_reported_with_pointer(tmp_path):
    sub = with_doc({
        "entities": [{"id": "e1", "type": "PERSON", "colour": "red"}],
        "events": [{"id": "v1", "date": "2022-13-01", "modality": "maybe"}],
        "claims": [{"cue": "said"}],
    })
    sub["meta"] = {}
    code, lines = problems(tmp_path, sub)
    assert code == 1
    assert lines == [
        "/documents/0/claims/0: 'id' is a required property",
        "/documents/0/entities/0: Additional properties are not allowed ('colour' was unexpected)",
        "/documents/0/entities/0/type: 'PERSON' is not one of ['PER', 'ORG', 'GPE', 'LOC', 'FAC']",
        '/documents/0/events/0/date: "2022-13-01" is not valid here: ISO 8601 date at the precision the text gives '
        '(YYYY, YYYY-MM or YYYY-MM-DD); relative dates ("Monday", "next month") resolved against the document\'s published date.',
        "/documents/0/events/0/modality: 'maybe' is not one of ['actual', 'planned', 'hypothetical']",
        "/meta: 'system' is a required property",
    ]


def test_unknown_doc_id(tmp_path):
    sub = empty_submission()
    sub["documents"].append({"doc_id": "999"})
    assert problems(tmp_path, sub) == (1, ['/documents/5/doc_id: unknown doc_id "999" (known: 000, 001, 002, 003, 004)'])


def test_duplicate_doc_id(tmp_path):
    sub = empty_submission()
    sub["documents"].append({"doc_id": "002"})
    assert problems(tmp_path, sub) == (1, ['/documents/5/doc_id: duplicate doc_id "002" (first at /documents/2)'])


def test_missing_documents_and_allow_missing(tmp_path):
    sub = empty_submission()
    del sub["documents"][1:3]
    message = "/documents: document {!r} is missing (pass --allow-missing to score it as an empty prediction)"
    assert problems(tmp_path, sub) == (1, [message.format("001").replace("'", '"'), message.format("002").replace("'", '"')])
    path = write_json(tmp_path / "m.json", sub)
    assert run_cli("validate", str(path), "--allow-missing") == (
        0, f"{path}: valid (3 documents, 0 objects; missing, scored as empty: 001, 002)\n", "")


def test_duplicate_object_id_across_kinds(tmp_path):
    sub = with_doc({"entities": [{"id": "x"}], "claims": [{"id": "x"}]})
    assert problems(tmp_path, sub) == (1, ['/documents/0/claims/0/id: duplicate id "x" (first used at /documents/0/entities/0/id)'])


def test_unresolved_references(tmp_path):
    sub = with_doc({
        "entities": [{"id": "e1"}],
        "events": [{"id": "v1", "location": "e9", "participants": ["e1", "v1"]}],
        "claims": [{"id": "c1", "claimant": "v1", "about": ["e1", "v1"]}],
    })
    assert problems(tmp_path, sub) == (1, [
        '/documents/0/events/0/location: "e9" is not the id of an entity in this document',
        '/documents/0/events/0/participants/1: "v1" is not the id of an entity in this document',
        '/documents/0/claims/0/claimant: "v1" is not the id of an entity in this document',
        '/documents/0/claims/0/about/0: "e1" is not the id of an event in this document',
    ])


def test_offsets_out_of_range_and_text_mismatch(tmp_path):
    good = span_of("000", "Vladimir Putin")
    wrong = dict(good, text="Vladimir Poutine")
    sub = with_doc({
        "entities": [{"id": "e1", "mentions": [good, wrong, {"start": 5, "end": 5, "text": ""}]}],
        "events": [{"id": "v1", "trigger": {"start": 2800, "end": 2900, "text": "x"}}],
        "claims": [{"id": "c1", "span": {"start": 10, "end": 4}}],
    })
    assert problems(tmp_path, sub) == (1, [
        f'/documents/0/entities/0/mentions/1/text: "Vladimir Poutine" does not match the text at [{good["start"]}, {good["end"]}): "Vladimir Putin"',
        "/documents/0/entities/0/mentions/2: empty or reversed span: start 5 is not before end 5",
        "/documents/0/events/0/trigger: end 2900 is beyond the end of the text (length 2817)",
        "/documents/0/claims/0/span: empty or reversed span: start 10 is not before end 4",
    ])


def test_object_limit(tmp_path):
    sub = with_doc({"entities": [{"id": f"e{i}"} for i in range(MAX_OBJECTS_PER_DOCUMENT + 1)]})
    assert problems(tmp_path, sub) == (1, [
        f"/documents/0: {MAX_OBJECTS_PER_DOCUMENT + 1} objects, over the limit of {MAX_OBJECTS_PER_DOCUMENT} (MAX_OBJECTS_PER_DOCUMENT)"])


def test_all_problems_reported_at_once(tmp_path):
    sub = with_doc({"entities": [{"id": "e1", "type": "X"}], "events": [{"id": "e1", "location": "nope"}]})
    sub["documents"].append({"doc_id": "777"})
    code, lines = problems(tmp_path, sub)
    assert code == 1 and len(lines) == 4


def test_full_featured_valid_submission(tmp_path):
    mention = dict(span_of("000", "Vladimir Putin"), kind="name")
    sub = with_doc({
        "entities": [{"id": "e1", "type": "PER", "name": "Vladimir Putin", "aliases": ["Putin"], "mentions": [mention], "cluster": "E:putin"}],
        "events": [{"id": "v1", "type": "Call", "trigger": span_of("000", "video call"), "date": "2021-12", "location": None,
                    "participants": ["e1"], "modality": "actual", "cluster": "V:call"}],
        "claims": [{"id": "c1", "claimant": None, "cue": "confirmed", "content": "talks", "span": {"start": 1, "end": 3},
                    "quote": "indirect", "polarity": "affirm", "about": ["v1"], "cluster": "C:x"}],
    })
    sub["meta"].update(version="1", description="d", url="https://example.org", date="2026-01-01", extra={"any": [1]})
    path = write_json(tmp_path / "full.json", sub)
    assert run_cli("validate", str(path)) == (0, f"{path}: valid (5 documents, 3 objects)\n", "")


def test_usage_errors_exit_2(tmp_path):
    assert run_cli("validate", str(tmp_path / "absent.json"))[0] == 2
    assert run_cli("validate", str(tmp_path))[0] == 2
    assert run_cli("validate")[0] == 2
    assert run_cli("frobnicate")[0] == 2
    code, _, err = run_cli("validate", str(write_json(tmp_path / "s.json", {})), "--gold", str(tmp_path / "nodir"))
    assert code == 2 and err == f"error: {tmp_path / 'nodir'}: no such directory\n"
