"""Output files and usage errors (issue 13, classes 6 and 7): ``atomic_write``
gives the umask's mode and never a truncated file; ``score --out`` and
``explain --out`` refuse a directory, a missing parent or an unwritable place
with one usage line; out-of-range numbers and unreadable inputs are usage
errors, not internal errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import benchmark.model.files as files
from benchmark.model.files import atomic_write, atomic_write_all
from helpers import run_cli



def no_space(*args: object) -> None:
    raise OSError(28, "No space left on device")


@settings(max_examples=25, deadline=None)
@given(umask=st.integers(0, 0o777))
def test_atomic_write_takes_the_umask(tmp_path_factory, umask):
    folder = tmp_path_factory.mktemp("umask")
    previous = os.umask(umask)
    try:
        atomic_write(folder / "new.txt", b"x")
        atomic_write(folder / "new.txt", b"y")  # replacing keeps the rule
        with open(folder / "plain.txt", "w") as handle:  # what a plain open gives
            handle.write("x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((folder / "new.txt").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((folder / "plain.txt").stat().st_mode) == 0o666 & ~umask


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(files.os, "fsync", no_space)
    with pytest.raises(OSError):
        atomic_write(target, b"new" * 100_000)
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_set_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    paths = [tmp_path / name for name in ("a", "b", "c")]
    for path in paths:
        path.write_bytes(b"old")
    real = files._write_temporary
    calls = []

    def third_fails(path, data, mode):  # type: ignore[no-untyped-def]
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, data, mode)

    monkeypatch.setattr(files, "_write_temporary", third_fails)
    with pytest.raises(OSError):
        atomic_write_all({path: b"new" for path in paths})
    assert [p.read_bytes() for p in paths] == [b"old"] * 3 and sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "c"]
    monkeypatch.setattr(files, "_write_temporary", real)
    atomic_write_all({path: b"new" for path in paths})
    assert [p.read_bytes() for p in paths] == [b"new"] * 3


def test_stale_temporaries_of_these_names_only_are_removed(tmp_path):
    for name in (".a.1234.tmp", ".a.zz.tmp", ".b.1.tmp", ".a.txt", "a.tmp", ".ab.1.tmp"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".a.dir.tmp").mkdir()
    atomic_write(tmp_path / "a", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.dir.tmp", ".a.txt", ".ab.1.tmp", ".b.1.tmp", "a", "a.tmp"]


@pytest.mark.parametrize("command", ["score", "explain"])
def test_out_refuses_a_directory_a_missing_parent_or_an_unwritable_place(tmp_path, data, perfect, monkeypatch, command):
    extra = ["--doc", "900"] if command == "explain" else []

    def run(out: Path) -> tuple[int, str]:
        code, stdout, stderr = run_cli(command, perfect, "--gold", data, *extra, "--out", str(out))
        assert stdout == "" and stderr.count("\n") == 1 and "internal error" not in stderr, stderr
        return code, stderr

    assert run(tmp_path) == (2, f"error: {tmp_path}: is a directory\n")
    missing = tmp_path / "no" / "such" / "report.txt"
    assert run(missing) == (2, f"error: {missing}: no such directory {str(missing.parent)!r}\n")
    assert not (tmp_path / "no").exists()
    target = tmp_path / "report.txt"
    target.write_text("previous", encoding="utf-8")
    monkeypatch.setattr(files.os, "fsync", no_space)
    assert run(target) == (2, f"error: {target}: cannot write (No space left on device)\n")
    assert target.read_text(encoding="utf-8") == "previous"

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    assert run(target) == (2, f"error: {target}: cannot write (Permission denied)\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_out_is_written_whole(tmp_path, data, perfect):
    target = tmp_path / "report.json"
    target.write_text("x" * 1_000_000, encoding="utf-8")  # longer than the report: nothing of it may remain
    code, stdout, _ = run_cli("score", perfect, "--gold", data, "--format", "json")
    assert run_cli("score", perfect, "--gold", data, "--format", "json", "--out", str(target))[0] == code == 0
    assert target.read_text(encoding="utf-8") == stdout


@pytest.mark.parametrize("option, value", [
    ("--seed", "-1"), ("--seed", str(2**32)), ("--seed", "9" * 40),
    ("--resamples", "-1"), ("--resamples", "1000001"), ("--resamples", str(10**30)),
])
def test_out_of_range_numbers_are_usage_errors(data, perfect, option, value):
    code, stdout, stderr = run_cli("score", perfect, "--gold", data, option, value)
    assert (code, stdout) == (2, "") and stderr.count("\n") == 1
    assert stderr.startswith(f"error: {option} must be from 0 to ") and stderr.endswith(f", not {value}\n")


def test_numbers_at_the_edges_are_accepted(data, perfect):
    assert run_cli("score", perfect, "--gold", data, "--seed", "0", "--resamples", "0")[0] == 0
    assert run_cli("score", perfect, "--gold", data, "--seed", str(2**32 - 1), "--resamples", "2")[0] == 0


def _deny_reading(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() != 0:
        path.chmod(0)
        return
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.resolve() == path.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)


@pytest.mark.parametrize("command", ["score", "explain", "validate"])
def test_an_unreadable_submission_is_one_line(tmp_path, data, perfect, monkeypatch, command):
    _deny_reading(Path(perfect), monkeypatch)
    extra = ["--doc", "900"] if command == "explain" else []
    code, stdout, stderr = run_cli(command, perfect, "--gold", data, *extra)
    assert stdout == "" and stderr.count("\n") == 1 and "internal error" not in stderr, stderr
    assert code in (1, 2) and "Permission denied" in stderr


def test_an_unreadable_gold_is_one_line(tmp_path, data, perfect, monkeypatch):
    _deny_reading(Path(data) / "gold.jsonl", monkeypatch)
    code, stdout, stderr = run_cli("score", perfect, "--gold", data)
    assert (code, stdout) == (2, "") and stderr.count("\n") == 1 and "Permission denied" in stderr, stderr


def test_a_directory_in_the_way_stops_the_set_before_anything_is_written(tmp_path):
    (tmp_path / "a").write_bytes(b"old")
    (tmp_path / "b").mkdir()
    with pytest.raises(IsADirectoryError):
        atomic_write_all({tmp_path / "a": b"new", tmp_path / "b": b"new"})
    assert (tmp_path / "a").read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_download_out_must_be_a_directory(tmp_path):
    regular = tmp_path / "file"
    regular.write_text("x", encoding="utf-8")
    code, stdout, stderr = run_cli("download", "--out", str(regular))
    assert (code, stdout, stderr) == (2, "", f"error: {regular}: not a directory\n")
    assert regular.read_text(encoding="utf-8") == "x"
