"""``score`` and ``explain`` on the command line: formats, --out, --per-doc,
--compare, --allow-missing, and refusal of bad submissions (exit 1, one line per
problem, never a traceback) or bad usage (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from benchmark.model.paths import ROOT
from helpers import run_cli, write_json
from scoring_fixture import gold_copy, submission



@pytest.fixture
def noisy(tmp_path):
    records = gold_copy()
    records[0]["entities"][0]["type"] = "ORG"
    return str(write_json(tmp_path / "noisy.json", submission(records, "noisy")))


def test_text_default(data, perfect):
    code, out, err = run_cli("score", perfect, "--gold", data)
    assert (code, err) == (0, "")
    assert "Headline F1 1.0000" in out and "entity  name" in out and "seed 20220110" in out


def test_json_is_stable_and_complete(data, perfect, tmp_path):
    code, out, _ = run_cli("score", perfect, "--gold", data, "--format", "json")
    value = json.loads(out)
    assert code == 0 and value["headline"]["f1"] == 1.0 and value["system"] == "oracle"
    assert len(value["config"]["gold_sha256"]) == 64 and len(value["config"]["submission_sha256"]) == 64
    target = tmp_path / "report.json"
    assert run_cli("score", perfect, "--gold", data, "--format", "json", "--out", str(target))[:2] == (0, "")
    assert target.read_text(encoding="utf-8") == out


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_other_formats_and_per_doc(data, noisy, fmt):
    code, out, _ = run_cli("score", noisy, "--gold", data, "--format", fmt, "--per-doc", "--mode", "strict")
    assert code == 0 and "900" in out and "901" in out


def test_compare(data, perfect, noisy):
    code, out, _ = run_cli("score", noisy, "--gold", data, "--compare", perfect, "--format", "json")
    comparison = json.loads(out)["comparison"]
    assert code == 0 and comparison["direction"] == "B better" and comparison["delta"] < 0
    assert 0 < comparison["p_value"] <= 1


def test_missing_documents(data, tmp_path):
    only = write_json(tmp_path / "only.json", submission(gold_copy()[:1]))
    code, _, err = run_cli("score", str(only), "--gold", data)
    assert code == 1 and "document \"901\" is missing" in err and "Traceback" not in err
    code, out, _ = run_cli("score", str(only), "--gold", data, "--allow-missing", "--format", "json")
    assert code == 0 and json.loads(out)["missing"] == ["901"]


def test_invalid_submission_is_refused_like_validate(data, tmp_path):
    records = gold_copy()
    records[0]["events"][0]["location"] = "nope"
    records[1]["entities"][0]["type"] = "ALIEN"
    bad = str(write_json(tmp_path / "bad.json", submission(records)))
    code, out, err = run_cli("score", bad, "--gold", data)
    v_code, _, v_err = run_cli("validate", bad, "--gold", data)
    assert (code, out) == (1, "") and code == v_code and err == v_err
    lines = err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in err  # two problems and the summary line
    assert any("/documents/0/events/0/location" in line for line in lines)
    assert any("/documents/1/entities/0/type" in line for line in lines)


def test_usage_errors(data, perfect, tmp_path):
    assert run_cli("score", str(tmp_path / "absent.json"), "--gold", data)[0] == 2
    assert run_cli("score", perfect, "--gold", str(tmp_path / "nowhere"))[0] == 2
    assert run_cli("score", perfect, "--gold", data, "--mode", "fuzzy")[0] == 2
    assert run_cli("score", perfect, "--gold", data, "--resamples", "-1")[0] == 2
    assert run_cli("score", perfect, "--gold", data, "--out", str(tmp_path / "no" / "dir" / "x"))[0] == 2
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    code, _, err = run_cli("score", str(garbage), "--gold", data)
    assert code == 1 and "Traceback" not in err and err.count("\n") >= 1


def test_explain(data, noisy):
    code, out, _ = run_cli("explain", noisy, "--gold", data, "--doc", "900", "--kind", "entity")
    assert code == 0 and "≠ type: PER | ORG" in out and "EVENTS" not in out
    code, out, _ = run_cli("explain", noisy, "--gold", data, "--doc", "901", "--format", "json")
    assert code == 0 and json.loads(out)["doc_id"] == "901"
    assert run_cli("explain", noisy, "--gold", data, "--doc", "999")[0] == 2
    assert run_cli("explain", noisy, "--gold", data)[0] == 2  # --doc is required


def test_same_bytes_across_processes_with_different_hash_seeds():
    """Set and dict order keyed by strings changes with PYTHONHASHSEED: two
    processes with different seeds must still write the same report bytes."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "benchmark", "score", "submissions/rules.json", "--format", "json", "--per-doc"],
            capture_output=True, cwd=ROOT, env=env, timeout=300,
        )
        assert (done.returncode, done.stderr) == (0, b"")
        outputs.append(done.stdout)
    assert json.loads(outputs[0])["system"] and outputs[0] == outputs[1]
