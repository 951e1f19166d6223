"""Messages a new user meets first: the wrong shape of file, a bad date, a
mistyped option, the version."""

from __future__ import annotations

import json

from benchmark.version import package_version
from helpers import run_cli, write_json

SHAPE = '{"meta": {"system": "NAME"}, "documents": [{"doc_id": "...", "entities": [...], ...}, ...]}'


def test_a_bare_array_gets_a_reason_and_the_expected_shape(tmp_path):
    path = write_json(tmp_path / "a.json", [{"doc_id": "000"}, {"doc_id": "001"}])
    code, _, err = run_cli("validate", str(path))
    assert code == 1
    assert err.splitlines()[0] == (f"{path}: /: a bare JSON array (2 items); a submission is one object {SHAPE} "
                                   '(put the document records under "documents" and name the system in "meta")')
    assert "doc_id" in err and "'000'" not in err  # the shape, not the data


def test_json_lines_get_the_expected_shape(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"doc_id": "000"}\n{"doc_id": "001"}\n', encoding="utf-8")
    code, _, err = run_cli("validate", str(path))
    assert code == 1
    assert err.splitlines()[0] == (f"{path}: /: invalid JSON at line 2, column 1: Extra data: this looks like JSON Lines "
                                   f"(one record a line); a submission is one JSON object {SHAPE}")


def test_a_bad_date_is_said_in_words_not_as_a_regular_expression(tmp_path):
    value = {"meta": {"system": "x", "date": "22-11-2026"},
             "documents": [{"doc_id": "000", "events": [{"id": "v", "date": "Jan 10"}]}]}
    code, _, err = run_cli("validate", str(write_json(tmp_path / "d.json", value)), "--allow-missing")
    assert code == 1 and "[0-9]" not in err and "^" not in err
    lines = err.splitlines()
    assert lines[0].endswith('/documents/0/events/0/date: "Jan 10" is not valid here: ISO 8601 date at the precision '
                             "the text gives (YYYY, YYYY-MM or YYYY-MM-DD); relative dates (\"Monday\", \"next month\") "
                             "resolved against the document's published date.")
    assert lines[1].endswith('/meta/date: "22-11-2026" is not valid here: Date of the run, a calendar date YYYY-MM-DD.')
    assert lines[2].endswith("invalid (2 problems)")  # the pattern and the format say it once


def test_an_unknown_option_suggests_the_close_one():
    code, out, err = run_cli("score", "x.json", "--output", "y.txt")
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == "python -m benchmark score: error: unrecognized argument: --output (did you mean --out?)"
    code, _, err = run_cli("validate", "x.json", "--zzz")
    assert code == 2 and err.splitlines()[-1] == "python -m benchmark validate: error: unrecognized argument: --zzz"


def test_version(capsys):
    code, _, _ = run_cli("--version")
    assert code == 0 and capsys.readouterr().out == f"talks-ie-bench {package_version()}\n"
    assert json.dumps(package_version()) != '"unknown"'
