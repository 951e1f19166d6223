"""Exit codes and output of the command line, in-process and once as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

from benchmark.model.paths import ROOT
from helpers import empty_submission, run_cli, write_json


def test_help_and_usage_codes():
    assert run_cli("--help")[0] == 0
    assert run_cli()[0] == 2
    assert run_cli("validate", "--no-such-flag", "x")[0] == 2
    assert run_cli("stats", "--format", "xml")[0] == 2


def test_validate_exit_codes(tmp_path):
    good = write_json(tmp_path / "good.json", empty_submission())
    bad = write_json(tmp_path / "bad.json", {"meta": {}, "documents": "no"})
    assert run_cli("validate", str(good))[0] == 0
    code, out, err = run_cli("validate", str(bad))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{bad}: /documents: 'no' is not of type 'array'",
        f"{bad}: /meta: 'system' is a required property",
        f"{bad}: invalid (2 problems)",
    ]
    assert run_cli("validate", str(tmp_path / "missing.json")) == (2, "", f"error: {tmp_path / 'missing.json'}: no such file\n")


def test_verify_and_stats_formats():
    assert run_cli("verify")[0] == 0
    from benchmark.model.paths import DATA, GOLD_FILE

    if not (DATA / GOLD_FILE).is_file():
        assert run_cli("stats")[0] == 2
        return
    code, out, _ = run_cli("stats", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["kind"] == "entities" and rows[0]["category"] == "all"
    assert rows[0]["total"] == sum(rows[0][d] for d in ("000", "001", "002", "003", "004"))
    for fmt, marker in (("csv", "kind,category,000"), ("markdown", "| kind | category |"), ("text", "kind")):
        code, out, _ = run_cli("stats", "--format", fmt)
        assert code == 0 and out.startswith(marker)


def test_internal_errors_are_one_line(monkeypatch, tmp_path):
    import benchmark.cli.validate as command

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(command, "read_submission", boom)
    monkeypatch.delenv("BENCHMARK_DEBUG", raising=False)
    path = str(write_json(tmp_path / "s.json", empty_submission()))
    code, out, err = run_cli("validate", path)
    assert (code, out) == (3, "")
    assert err == "internal error: RuntimeError: boom (please report it; BENCHMARK_DEBUG=1 shows the traceback)\n"
    monkeypatch.setenv("BENCHMARK_DEBUG", "1")
    code, _, err = run_cli("validate", path)
    assert code == 3 and err.startswith("Traceback (most recent call last):\n") and 'raise RuntimeError("boom")' in err
    assert err.endswith("RuntimeError: boom\ninternal error: RuntimeError: boom (please report it; BENCHMARK_DEBUG=1 "
                        "shows the traceback)\n")


def test_expected_errors_share_one_base_and_exit_1(monkeypatch, tmp_path):
    import benchmark.cli.validate as command
    from benchmark.cli.common import UsageError
    from benchmark.dataset.agreement import AgreementError
    from benchmark.dataset.documents import ManifestError
    from benchmark.dataset.download import DownloadError
    from benchmark.leaderboard.build import InvalidDataset
    from benchmark.model.problems import BenchmarkError
    from benchmark.scoring.score import ScoringError

    for error in (UsageError, AgreementError, ManifestError, DownloadError, InvalidDataset, ScoringError):
        assert issubclass(error, BenchmarkError)

    def refuse(*args, **kwargs):
        raise ScoringError("doc ids not in the gold: x")

    monkeypatch.setattr(command, "read_submission", refuse)
    code, out, err = run_cli("validate", str(write_json(tmp_path / "s.json", empty_submission())))
    assert (code, out, err) == (1, "", "error: doc ids not in the gold: x\n")


def test_leaderboard_rejects_an_entry_the_scorer_refuses_and_never_calls_it_usage(monkeypatch, tmp_path):
    """Only an invalid dataset is a usage error. An entry the scorer refuses
    (``ScoringError``) is a rejected row with the error named (the board
    finishes); it is never reported as a usage error."""
    import benchmark.leaderboard.build as build
    from benchmark.scoring.score import ScoringError

    def refuse(*args, **kwargs):
        raise ScoringError("unexpected")

    monkeypatch.setattr(build, "score", refuse)
    code, out, err = run_cli("leaderboard", "--out", str(tmp_path / "board"))
    assert code == 0 and "error:" not in err and "internal error" not in err
    rejected = [line for line in err.splitlines() if line.startswith("rejected ")]
    assert rejected and all("could not be scored (ScoringError: unexpected)" in line for line in rejected)
    assert (tmp_path / "board" / "README.md").is_file()


def test_leaderboard_does_not_hide_a_scorer_bug_as_a_rejected_row(monkeypatch, tmp_path):
    """Any other exception in the scorer is a bug: an internal error (exit 3), no
    board written, never a "rejected" row blaming the submission (issue 22)."""
    import benchmark.leaderboard.build as build

    def broken(*args, **kwargs):
        raise ValueError("unexpected")

    monkeypatch.setattr(build, "score", broken)
    code, out, err = run_cli("leaderboard", "--out", str(tmp_path / "board"))
    assert code == 3 and "internal error: ValueError: unexpected" in err
    assert not any(line.startswith("rejected ") for line in err.splitlines())
    assert not (tmp_path / "board").exists()


def test_subprocess_smoke(tmp_path):
    good = write_json(tmp_path / "good.json", empty_submission())
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{\x00")
    ok = subprocess.run([sys.executable, "-m", "benchmark", "validate", str(good)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert ok.returncode == 0 and ok.stdout == f"{good}: valid (5 documents, 0 objects)\n"
    broken = subprocess.run([sys.executable, "-m", "benchmark", "validate", str(bad)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert broken.stderr.splitlines()[0].startswith(f"{bad}: /: invalid JSON at line 1, column 2")
    usage = subprocess.run([sys.executable, "-m", "benchmark", "validate"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert usage.returncode == 2 and "usage:" in usage.stderr
