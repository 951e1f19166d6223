"""The leaderboard against a folder of hostile entries (issue 13, classes 1, 6
and 8): every bad entry is one rejected row with a one-line reason, the good
ones are ranked, the command finishes, and the three files are written whole,
as a set, with the umask's mode; a run killed while writing leaves no file
half-written and the next run cleans up after it."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.leaderboard.intake import BIDI_CONTROLS, shown, system_key
from benchmark.model.paths import DATA, GOLD_FILE
from helpers import empty_submission, run_cli, write_json

REPO = Path(__file__).resolve().parents[2]
OUTPUTS = ("README.md", "index.html", "results.csv")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(autouse=True)
def no_generated_rows(monkeypatch):
    """These tests are about the folder's own entries: the sanity rows the
    leaderboard generates when a folder lacks them (tests/test_leaderboard.py)
    are left out here."""
    import benchmark.leaderboard.build as build

    monkeypatch.setattr(build, "sanity_rows", lambda gold, present: [])


def oracle(system: str, **meta: object) -> dict:
    records = [json.loads(line) for line in (DATA / GOLD_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
    return {"meta": {"system": system, "version": "1", **meta}, "documents": records}


def good_pair(folder: Path) -> None:
    write_json(folder / "a_good.json", oracle("oracle"))
    write_json(folder / "b_good.json", empty_submission(system="empty"))


def hostile_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The hostile entries next to two good ones; returns file name -> a piece
    of the expected rejection reason ("" where any reason will do)."""
    good_pair(folder)
    expected: dict[str, str] = {}
    (folder / "dir.json").mkdir()
    expected["dir.json"] = "not a regular file (a directory)"
    os.mkfifo(folder / "fifo.json")
    expected["fifo.json"] = "not a regular file (a FIFO)"
    (folder / "device.json").symlink_to("/dev/null")
    expected["device.json"] = "not a regular file (a character device)"
    (folder / "dangling.json").symlink_to(folder / "nowhere")
    expected["dangling.json"] = "dangling symbolic link"
    (folder / "loop.json").symlink_to(folder / "loop.json")
    expected["loop.json"] = "symbolic link loop"
    unreadable = write_json(folder / "unreadable.json", empty_submission(system="unreadable"))
    expected["unreadable.json"] = "cannot read (Permission denied)"
    if IS_ROOT:  # root reads anything: make opening it fail as it would for anyone else
        real_open = os.open

        def deny(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            if Path(path) == unreadable:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr("benchmark.leaderboard.intake.os.open", deny)
    else:
        unreadable.chmod(0)
    raw = os.fsencode(str(folder)) + b"/bad\xff\xfename.json"
    with open(raw, "wb") as handle:
        handle.write(json.dumps(empty_submission(system="bytes")).encode())
    expected["bad\\xff\\xfename.json"] = "the file name is not valid UTF-8"
    write_json(folder / "new\nline.json", empty_submission(system="newline"))
    expected["new line.json"] = "the file name has control characters"
    giant = json.dumps(oracle("giant")).replace('"version": "1"', '"version": "1", "extra": ' + "7" * 5000, 1)
    (folder / "giant.json").write_text(giant, encoding="utf-8")
    expected["giant.json"] = ""
    (folder / "truncated.json").write_text('{"meta": {"system": "cut"}, "documents": [', encoding="utf-8")
    expected["truncated.json"] = "invalid JSON"
    write_json(folder / "z_duplicate.json", oracle(" ORACLE"))
    expected["z_duplicate.json"] = "already ranked from"
    return expected


def read_board(out: Path) -> tuple[list[dict[str, str]], dict[str, dict[str, str]]]:
    rows = list(csv.DictReader(io.StringIO((out / "results.csv").read_text(encoding="utf-8"), newline="")))
    ranked = [r for r in rows if r["status"] == "ranked"]
    rejected = {Path(r["file"]).name: r for r in rows if r["status"] == "rejected"}
    return ranked, rejected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_hostile_folder_builds_what_it_can(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    expected = hostile_folder(subs, monkeypatch)
    out = tmp_path / "board"
    out.mkdir()
    stale = [out / ".README.md.k1ll3d.tmp", out / ".results.csv.x.tmp"]
    for path in stale:
        path.write_text("half", encoding="utf-8")
    keep = out / ".notes.tmp"  # not a temporary file of ours: left alone
    keep.write_text("mine", encoding="utf-8")
    previous = os.umask(0o027)
    try:
        code, stdout, stderr = run_cli("leaderboard", str(subs), "--out", str(out))
    finally:
        os.umask(previous)
    assert code == 0, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    ranked, rejected = read_board(out)
    assert [(r["rank"], r["system"], Path(r["file"]).name) for r in ranked] == [
        ("1", "oracle", "a_good.json"), ("2", "empty", "b_good.json")]
    assert set(rejected) == set(expected)
    for name, piece in expected.items():
        reason = rejected[name]["reason"]
        assert piece in reason and "\n" not in reason and "\r" not in reason, (name, reason)
        assert f"rejected  {rejected[name]['file']}: {reason} (" in stderr
    assert "b_good.json" not in rejected["z_duplicate.json"]["reason"]
    assert Path(rejected["z_duplicate.json"]["reason"].rsplit(" ", 1)[1]).name == "a_good.json"
    for name in OUTPUTS:
        data = (out / name).read_bytes()
        data.decode("utf-8")  # the whole file, strictly encoded
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o640
    assert not any(path.exists() for path in stale) and keep.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in out.iterdir()) == [".notes.tmp", *sorted(OUTPUTS), "view"]
    assert sorted(p.name for p in (out / "view").iterdir()) == ["a_good", "b_good"]  # article views of the ranked files


def test_a_non_utf8_file_name_is_rejected_under_an_escaped_name(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    good_pair(subs)
    with open(os.fsencode(str(subs)) + b"/caf\xe9.json", "wb") as handle:
        handle.write(json.dumps(empty_submission(system="latin-1 name")).encode())
    out = tmp_path / "board"
    code, stdout, stderr = run_cli("leaderboard", str(subs), "--out", str(out))
    assert code == 0, stderr
    ranked, rejected = read_board(out)
    assert len(ranked) == 2 and rejected["caf\\xe9.json"]["reason"] == "/: the file name is not valid UTF-8"
    assert "caf\\\\xe9.json" in (out / "README.md").read_text(encoding="utf-8")  # Markdown-escaped backslash


def test_a_scorer_refusal_of_one_entry_rejects_only_that_entry(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    good_pair(subs)
    write_json(subs / "c_crash.json", oracle("crash"))
    import benchmark.leaderboard.build as build
    from benchmark.scoring.score import ScoringError

    real = build.score

    def fragile(gold, submission, *args, **kwargs):  # type: ignore[no-untyped-def]
        if submission.meta["system"] == "crash":
            raise ScoringError("Exceeds the limit (4300 digits)\nfor integer string conversion")
        return real(gold, submission, *args, **kwargs)

    monkeypatch.setattr(build, "score", fragile)
    code, _, stderr = run_cli("leaderboard", str(subs), "--out", str(tmp_path / "board"))
    assert code == 0, stderr
    ranked, rejected = read_board(tmp_path / "board")
    assert [r["system"] for r in ranked] == ["oracle", "empty"]
    assert rejected["c_crash.json"]["reason"] == (
        "/: could not be scored (ScoringError: Exceeds the limit (4300 digits) for integer string conversion)")
    assert rejected["c_crash.json"]["system"] == "crash"


@pytest.mark.parametrize("twin", ["oracle", "Oracle", " oracle  ", "ｏｒａｃｌｅ", "ora\u200bcle", "ORACLE\t"])
def test_one_system_name_is_ranked_once(tmp_path, twin):
    subs = tmp_path / "subs"
    subs.mkdir()
    good_pair(subs)
    write_json(subs / "0_first.json", empty_submission(system=twin))  # sorts first: it keeps the name
    code, _, stderr = run_cli("leaderboard", str(subs), "--out", str(tmp_path / "board"))
    assert code == 0, stderr
    ranked, rejected = read_board(tmp_path / "board")
    assert [Path(r["file"]).name for r in ranked] == ["b_good.json", "0_first.json"] or \
        [Path(r["file"]).name for r in ranked] == ["0_first.json", "b_good.json"]
    assert set(rejected) == {"a_good.json"}
    assert rejected["a_good.json"]["reason"].endswith("is already ranked from " + str(subs / "0_first.json"))


def test_a_rejected_file_does_not_claim_its_name(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    good_pair(subs)
    write_json(subs / "0_invalid.json", {"meta": {"system": "oracle"}, "documents": [{"doc_id": "nope"}]})
    code, _, stderr = run_cli("leaderboard", str(subs), "--out", str(tmp_path / "board"))
    ranked, rejected = read_board(tmp_path / "board")
    assert code == 0 and [r["system"] for r in ranked] == ["oracle", "empty"] and set(rejected) == {"0_invalid.json"}


def test_lone_surrogates_never_reach_the_outputs(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    good_pair(subs)
    (subs / "c_surrogate.json").write_text(
        json.dumps(oracle("\ud800 evil", description="\udfff", version="\ud83d")), encoding="utf-8")
    (subs / "d_bad_surrogate.json").write_text('{"meta": {"system": "\\udc00"}, "documents": 5}', encoding="utf-8")
    out = tmp_path / "board"
    code, stdout, stderr = run_cli("leaderboard", str(subs), "--out", str(out))
    assert code == 0, stderr
    stdout.encode("utf-8"), stderr.encode("utf-8")
    for name in OUTPUTS:
        (out / name).read_bytes().decode("utf-8")
    ranked, rejected = read_board(out)
    # validation refuses a lone surrogate anywhere, so both files are rejected, with their pointer
    assert {"c_surrogate.json", "d_bad_surrogate.json"} <= set(rejected)
    assert "surrogate" in rejected["c_surrogate.json"]["reason"] and rejected["c_surrogate.json"]["system"] == ""
    assert [r["system"] for r in ranked] == ["oracle", "empty"]


def test_out_must_be_a_writable_directory(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    good_pair(subs)
    regular = tmp_path / "file"
    regular.write_text("x", encoding="utf-8")
    code, _, stderr = run_cli("leaderboard", str(subs), "--out", str(regular))
    assert (code, stderr) == (2, f"error: {regular}: not a directory\n")
    import benchmark.model.files as files

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    code, _, stderr = run_cli("leaderboard", str(subs), "--out", str(tmp_path / "board"))
    assert (code, stderr) == (2, f"error: {tmp_path / 'board'}: cannot write the leaderboard (Permission denied)\n")
    assert [p for p in (tmp_path / "board").rglob("*") if not p.is_dir()] == []


def test_a_failed_write_changes_none_of_the_three(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    good_pair(subs)
    out = tmp_path / "board"
    assert run_cli("leaderboard", str(subs), "--out", str(out))[0] == 0
    before = snapshot(out)
    write_json(subs / "c_new.json", oracle("new"))
    import benchmark.model.files as files

    real = files.os.fsync
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:  # the last of the three temporary files
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(files.os, "fsync", full_disk)
    code, _, stderr = run_cli("leaderboard", str(subs), "--out", str(out))
    assert (code, stderr.splitlines()[-1]) == (2, f"error: {out}: cannot write the leaderboard (No space left on device)")
    assert snapshot(out) == before


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the board and its article views) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


KILLER = """
import os, sys, time
import benchmark.model.files as files
from benchmark.cli import main
stop_after = int(sys.argv[1])
real_replace, real_write = files.os.replace, files._write_temporary
state = {"temporaries": 0, "renames": 0}
def pause(where):
    open(sys.argv[2], "w").write(where)
    time.sleep(60)
def write(path, data, mode):
    if state["temporaries"] == stop_after == 1:
        pause("between temporary files")
    state["temporaries"] += 1
    return real_write(path, data, mode)
def replace(src, dst):
    if state["renames"] == stop_after - 10:
        pause("between renames")
    state["renames"] += 1
    real_replace(src, dst)
files._write_temporary, files.os.replace = write, replace
main(["leaderboard", sys.argv[3], "--out", sys.argv[4]])
"""


@pytest.mark.parametrize("stop_after", [1, 10, 11, 12], ids=["writing", "before renames", "after one rename", "after two"])
def test_sigkill_while_writing_leaves_whole_files(tmp_path, stop_after):
    subs = tmp_path / "subs"
    subs.mkdir()
    good_pair(subs)
    write_json(subs / "t_blind.json", empty_submission(system="text-blind"))  # no row generated in the killed process
    out = tmp_path / "board"
    assert run_cli("leaderboard", str(subs), "--out", str(out))[0] == 0
    old = {name: (out / name).read_bytes() for name in OUTPUTS}
    write_json(subs / "c_new.json", oracle("new"))
    marker = tmp_path / "paused"
    process = subprocess.Popen([sys.executable, "-c", KILLER, str(stop_after), str(marker), str(subs), str(out)],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), process.stderr.read().decode() if process.poll() is not None else "no pause"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
        process.stderr.close()
    assert run_cli("leaderboard", str(subs), "--out", str(tmp_path / "fresh"))[0] == 0
    new = {name: (tmp_path / "fresh" / name).read_bytes() for name in OUTPUTS}
    assert new != old
    renamed = max(0, stop_after - 10)
    for index, name in enumerate(OUTPUTS):  # every file is whole: the old one, or the new one once renamed
        assert (out / name).read_bytes() == (new[name] if index < renamed else old[name]), name
    leftovers = [p.name for p in out.iterdir() if p.name not in (*OUTPUTS, "view")]
    assert all(p.startswith(".") and p.endswith(".tmp") for p in leftovers) and len(leftovers) == (
        1 if stop_after == 1 else 3 - renamed)
    assert run_cli("leaderboard", str(subs), "--out", str(out))[0] == 0  # the next run repairs and cleans
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, "view"])
    assert not [p for p in (out / "view").rglob("*") if p.name.endswith(".tmp")]  # stale view temporaries removed too
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == new


def _disguise(name: str, draw: st.DataObject) -> str:
    """``name`` with its case, width, surrounding white space and invisible
    characters changed: what a second submitter might try to pass as new."""
    chars = []
    for char in name:
        if draw.draw(st.booleans()):
            char = char.upper()
        if "!" <= char <= "~" and draw.draw(st.booleans()):
            char = chr(ord(char) + 0xFEE0)  # the full-width form
        chars.append(char + draw.draw(st.sampled_from(["", "", "\u200b", "\u2060", "\ufeff"])))
    pad = st.text(alphabet=" \t\u00a0\u3000", max_size=3)
    return draw.draw(pad) + "".join(chars) + draw.draw(pad)


@settings(max_examples=200, deadline=None)
@given(name=st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=20),
       data=st.data())
def test_disguised_system_names_are_one_system(name, data):
    assert system_key(_disguise(name, data)) == system_key(name)


@settings(max_examples=200, deadline=None)
@given(a=st.text(alphabet="abcxyz0-", min_size=1, max_size=8), b=st.text(alphabet="abcxyz0-", min_size=1, max_size=8))
def test_different_names_stay_different(a, b):
    assert (system_key(a) == system_key(b)) == (a == b)


def test_shown_strings_are_one_encodable_line():
    assert shown("a\r=b\nc\u2028d\x00e") == "a =b c d e"
    assert shown("\u202eelcaro\u202c") == "elcaro" and shown("\u2067x\u2069") == "x"
    assert shown("\ud800x\udfff") == "\ufffdx\ufffd"
    assert shown("x" * 600) == "x" * 500 + "…" and shown("x" * 600, limit=None) == "x" * 600


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60))
def test_any_string_is_shown_as_one_encodable_line(text):
    line = shown(text)
    line.encode("utf-8")
    assert len(line.splitlines()) <= 1 and not BIDI_CONTROLS & set(line)
