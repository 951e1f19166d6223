"""Failed and truncated documents (``meta.failed``, ``meta.truncated``): told
apart, flagged wherever a submission is scored, and a run with no answer at all
never passes for a submission."""

from __future__ import annotations

import csv
import io
import json

from baselines.llm.__main__ import run as run_llm
from benchmark.leaderboard.build import build_board
from benchmark.leaderboard.render import markdown, page, results_csv
from benchmark.model import schemas
from benchmark.model.paths import DATA, LEADERBOARD, SUBMISSIONS
from benchmark.model.records import RunStatus
from helpers import DOC_IDS, empty_submission, run_cli, write_json

REASON = "answer truncated at the token limit after 800 completion tokens"


def test_the_schema_defines_each_run_status_the_model_reads():
    meta = schemas.load("submission")["properties"]["meta"]["properties"]
    for status in RunStatus:
        prop = meta[status.value]
        assert prop["type"] == "object" and prop["additionalProperties"]["type"] == "string"
        assert prop["propertyNames"] == {"$ref": "common.schema.json#/$defs/docId"}
        assert status.value in prop["description"]
    check = schemas.fast_check("submission")
    assert check(empty_submission(truncated={"000": "cut"}))
    assert not check(empty_submission(truncated={"000": 1}))
    assert not check(empty_submission(failed={"a/b": "x"}))


def test_truncated_documents_are_valid_with_a_warning(tmp_path):
    path = write_json(tmp_path / "s.json", empty_submission(truncated={"001": REASON, "003": REASON}))
    code, out, err = run_cli("validate", str(path))
    assert code == 0 and "valid (5 documents" in out
    assert err == f"warning: {path}: 2 of 5 documents truncated (partial answers, scored as submitted): 001, 003\n"


def test_a_submission_whose_every_document_failed_is_refused(tmp_path):
    path = write_json(tmp_path / "s.json", empty_submission(failed={d: "connection refused" for d in DOC_IDS}))
    code, out, err = run_cli("validate", str(path))
    assert code == 1 and out == ""
    assert f"{path}: /meta/failed: every document failed (5 listed, none answered)" in err
    assert run_cli("score", str(path))[0] == 1


def test_some_failed_documents_are_valid_with_a_warning(tmp_path):
    path = write_json(tmp_path / "s.json", empty_submission(failed={"000": "HTTP 500", "002": "not JSON"}))
    code, _, err = run_cli("validate", str(path))
    assert code == 0 and "2 of 5 documents failed (no answer, scored as empty): 000, 002" in err


def test_run_status_names_known_documents_and_never_both(tmp_path):
    value = empty_submission(failed={"000": "x", "zzz": "y"}, truncated={"000": "z"})
    code, _, err = run_cli("validate", str(write_json(tmp_path / "s.json", value)))
    assert code == 1
    assert '/meta/failed/zzz: "zzz" is not a document of the dataset' in err
    assert '/meta/truncated/000: "000" is also listed as failed' in err


def test_every_report_format_counts_failed_and_truncated(tmp_path):
    path = write_json(tmp_path / "s.json", empty_submission(truncated={"001": REASON}, failed={"004": "HTTP 500"}))
    base = ("score", str(path), "--resamples", "0")
    code, text, err = run_cli(*base)
    assert code == 0 and "truncated" in err
    assert "WARNING: 1 of 5 documents truncated (partial answers, scored as submitted): 001" in text
    assert "WARNING: 1 of 5 documents failed (no answer, scored as empty): 004" in text
    assert "WARNING: 1 of 5 documents truncated" in run_cli(*base, "--format", "markdown")[1]
    report = json.loads(run_cli(*base, "--format", "json")[1])
    assert report["truncated"] == ["001"] and report["failed"] == ["004"]
    rows = [r for r in csv.DictReader(io.StringIO(run_cli(*base, "--format", "csv")[1])) if r["level"] == "run"]
    assert [(r["field"], r["value"], r["note"]) for r in rows] == [("failed", "1.000000", "004"), ("truncated", "1.000000", "001")]


def test_a_complete_run_reports_zero_and_no_warning(tmp_path):
    path = write_json(tmp_path / "s.json", empty_submission())
    code, text, err = run_cli("score", str(path), "--resamples", "0")
    assert code == 0 and err == "" and "WARNING" not in text
    report = json.loads(run_cli("score", str(path), "--resamples", "0", "--format", "json")[1])
    assert report["truncated"] == [] and report["failed"] == []


def test_the_board_flags_a_truncated_row_everywhere(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    rules = json.loads((SUBMISSIONS / "rules.json").read_text(encoding="utf-8"))
    rules["meta"]["truncated"] = {"002": REASON}
    write_json(folder / "rules.json", rules)
    board = build_board(folder, DATA)
    (entry,) = board.entries
    assert entry.truncated == ("002",) and entry.failed == ()
    flag = "truncated on 1 of 5 documents"
    assert f"| rules ⚠ *{flag}* |" in markdown(board)
    assert "- rules: truncated (partial answers, scored as submitted): 002" in markdown(board)
    (row,) = csv.DictReader(io.StringIO(results_csv(board)))
    assert row["truncated"] == "002" and row["failed"] == ""
    assert f'<strong class="run-flag">&#9888; {flag}</strong>' in page(board)


def test_the_committed_llm_row_is_flagged_as_truncated():
    value = json.loads((SUBMISSIONS / "llm-qwen2.5-coder-1.5b.json").read_text(encoding="utf-8"))
    assert sorted(value["meta"]["truncated"]) == DOC_IDS and value["meta"]["failed"] == {}
    board = (LEADERBOARD / "README.md").read_text(encoding="utf-8")
    assert "| llm:qwen2.5-coder-1.5b-instruct ⚠ *truncated on 5 of 5 documents* |" in board
    assert "&#9888; truncated on 5 of 5 documents" in (LEADERBOARD / "index.html").read_text(encoding="utf-8")


def test_the_llm_client_writes_nothing_when_no_server_answers(tmp_path):
    out = tmp_path / "llm.json"
    err = io.StringIO()
    argv = ["--out", str(out), "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--retries", "0",
            "--no-cache", "--prompt", "compact", "--quiet", "--timeout", "5"]
    assert run_llm(argv, err=err) == 1
    assert not out.exists()
    assert "every document failed (5 of 5); no submission written" in err.getvalue()


def test_explain_and_the_leaderboard_command_say_it_too(tmp_path):
    path = write_json(tmp_path / "s.json", empty_submission(truncated={"003": REASON}))
    code, _, err = run_cli("explain", str(path), "--doc", "003")
    assert code == 0 and "1 of 5 documents truncated" in err
    folder = tmp_path / "subs"
    folder.mkdir()
    write_json(folder / "s.json", empty_submission(system="partial", truncated={"003": REASON}))
    code, out, _ = run_cli("leaderboard", str(folder), "--out", str(tmp_path / "board"))
    assert code == 0 and any(line.endswith("partial  (truncated on 1 of 5 documents)") for line in out.splitlines())
