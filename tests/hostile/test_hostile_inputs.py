"""The hostile corpus (``cases.py``) against ``validate``, ``score`` and ``explain``,
and hypothesis variants: a hostile value put anywhere in a valid submission."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmark.model import limits
from benchmark.model.loading import load_gold
from benchmark.model.paths import DATA, SEEDS, SUBMISSIONS
from helpers import run_cli
from hostile.cases import Case, all_cases

CASES = all_cases()


def _lines_are_problems(err: str, path: str) -> None:
    """One problem per line: every line names the file (a raw newline inside a
    pointer or message would start a line that does not)."""
    for line in err.splitlines():
        assert line.startswith(f"{path}: ") or line.startswith("error: "), line
        assert "internal error" not in line, line


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_each_class_with_its_pointer(tmp_path, case: Case):
    path = tmp_path / "sub.json"
    path.write_bytes(case.data)
    code, out, err = run_cli("validate", str(path))
    _lines_are_problems(err, str(path))
    if case.expect is None:
        assert (code, err) == (0, ""), err[:500]
    else:
        assert code == 1
        assert any(case.expect in line for line in err.splitlines()), (case.expect, err[:500])
        assert len(err.splitlines()) <= limits.MAX_PROBLEMS + 2


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_score_and_explain_never_crash(tmp_path, case: Case):
    path = tmp_path / "sub.json"
    path.write_bytes(case.data)
    for argv in (["score", str(path), "--resamples", "0", "--format", "json"], ["explain", str(path), "--doc", "000"]):
        code, out, err = run_cli(*argv)
        _lines_are_problems(err, str(path))
        assert code == (0 if case.expect is None else 1), err[:500]
        if argv[0] == "score" and code == 0:
            json.loads(out)


_BASE = json.loads((SUBMISSIONS / "annotator_c.json").read_text(encoding="utf-8"))
_HOSTILE = [  # (JSON literal, fragment of the problem at its pointer)
    ('"x\\ud800"', "lone surrogate U+D800"),
    ('"\\udc00y"', "lone surrogate U+DC00"),
    ("1" + "0" * 5000, "integer of 5001 digits"),
    ("-" + "7" * 21, "integer of 21 digits"),
    ("1e400", "number too large"),
    ("-2.5e999", "number too large"),
    ('"' + "\\ufdfa" * 300 + '"', "grows to 5400 under Unicode NFKC"),
]


def _places(node, prefix=()):
    """Every path into ``node`` (the first few items of long lists)."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:2]):
            yield from _places(value, (*prefix, index))


_PLACES = [p for p in _places(_BASE) if p]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(_PLACES), hostile=st.sampled_from(_HOSTILE), as_key=st.booleans())
def test_hostile_value_anywhere_is_reported_at_its_pointer(tmp_path, place, hostile, as_key):
    """Anywhere in a valid submission (names, content, ids, offsets, meta), a hostile
    value, or a hostile value under a key with a newline, is one problem line with
    its JSON pointer, and score never crashes."""
    literal, fragment = hostile
    value = json.loads(json.dumps(_BASE))
    parent = value
    for key in place[:-1]:
        parent = parent[key]
    parent[place[-1]] = {"a\nb": "@HOSTILE@"} if as_key else "@HOSTILE@"
    path = tmp_path / "sub.json"
    path.write_text(json.dumps(value).replace('"@HOSTILE@"', literal), encoding="utf-8")
    pointer = "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in place) + ("/a\\nb" if as_key else "")
    code, _, err = run_cli("validate", str(path))
    _lines_are_problems(err, str(path))
    first = err.splitlines()[0]
    assert code == 1 and first.startswith(f"{path}: {pointer}: ") and fragment in first, (pointer, err[:300])
    code, _, err = run_cli("score", str(path), "--resamples", "0")
    assert code == 1 and "internal error" not in err


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.integers(0, 3000), length=st.integers(-2, 30), fraction=st.sampled_from([0.0, 0.5]),
       big=st.sampled_from([None, 1e9, 1e308, 2.0**53 + 2]))
def test_float_offsets_are_converted_exactly_or_rejected(tmp_path, start, length, fraction, big):
    """A float offset is an integer only when its value is integral; then it is range
    checked like an integer, and an accepted one scores and explains as that integer."""
    from hostile.cases import TEXT, submission

    end = big if big is not None else float(start + length) + fraction
    mention = {"start": float(start), "end": end, "text": TEXT[start:int(end) if end < 1e6 else start]}
    path = tmp_path / "sub.json"
    path.write_text(json.dumps(submission({"entities": [{"id": "e1", "name": "x", "mentions": [mention]}]})), encoding="utf-8")
    code, _, err = run_cli("validate", str(path))
    valid = fraction == 0.0 and big is None and 0 <= start < start + length <= len(TEXT)
    assert code == (0 if valid else 1), err
    for argv in (["score", str(path), "--resamples", "0"], ["explain", str(path), "--doc", "000"]):
        code, _, err = run_cli(*argv)
        assert code == (0 if valid else 1) and "internal error" not in err


def test_verify_rejects_gold_with_float_offsets_out_of_range(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    lines = (data / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["entities"][0]["mentions"][0]["end"] = 1e308
    lines[0] = json.dumps(record, ensure_ascii=False)
    (data / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run_cli("verify", "--data", str(data), "--seeds", str(SEEDS))
    assert code == 1
    assert f"{data / 'gold.jsonl'}: /0/entities/0/mentions/0: end 1e+308 is beyond the end of the text" in err


def test_limits_apply_to_submissions_not_to_the_dataset(tmp_path, monkeypatch):
    """A dataset file over MAX_FILE_BYTES loads; a submission over it does not."""
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    assert (DATA / "gold.jsonl").stat().st_size > 1000
    gold, problems = load_gold(DATA, __import__("helpers").DOCUMENTS)
    assert problems == [] and len(gold) == 5
    code, _, err = run_cli("validate", str(SUBMISSIONS / "annotator_c.json"))
    assert code == 1 and "over the limit of 1000 (MAX_FILE_BYTES)" in err


@pytest.mark.parametrize("command", ["validate", "score"])
def test_a_file_name_with_a_newline_stays_one_line_per_problem_and_summary(tmp_path, command):
    path = tmp_path / "a\nb\u2028c.json"
    path.write_text('{"meta": {"system": "x"}, "documents": 5}', encoding="utf-8")
    code, out, err = run_cli(command, str(path))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith(str(tmp_path) + "/a\\nb\\u2028c.json: ") for line in lines)
    assert lines[1].endswith(": invalid (1 problem)")
