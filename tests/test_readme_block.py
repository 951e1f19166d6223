"""``leaderboard`` copies the ranked table into the README beside its output
folder, between markers, so "How to submit" step 4 leaves the tests green."""

from __future__ import annotations

import re

import shutil

import pytest

from benchmark.leaderboard.readme_block import END, START, BlockError, ranked_table, replace_block
from benchmark.model.paths import RESOURCES, SUBMISSIONS
from helpers import run_cli

BOARD = "# Leaderboard\n\nintro\n\n| rank | system |\n| ---: | --- |\n| 1 | a |\n\n## Per-field F1\n\n| system | x |\n| --- | --- |\n"


def test_ranked_table_is_the_first_table_of_the_board():
    assert ranked_table(BOARD) == "| rank | system |\n| ---: | --- |\n| 1 | a |"
    assert ranked_table("# nothing\n") == ""


def test_replace_block_keeps_everything_outside_the_markers():
    readme = f"top {START} in prose\n{START}\nold table\n{END}\n\nbottom\n"
    assert replace_block(readme, "| new |") == f"top {START} in prose\n{START}\n| new |\n{END}\n\nbottom\n"
    assert replace_block("no markers here\n", "| new |") is None


@pytest.mark.parametrize("readme", [f"{START}\n", f"{END}\n", f"{END}\n{START}\n", f"{START}\n{END}\n{START}\n{END}\n"])
def test_unusable_markers_are_an_error(readme):
    with pytest.raises(BlockError):
        replace_block(readme, "| t |")


def _submissions(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy2(SUBMISSIONS / "empty.json", folder / "empty.json")
    return folder


def test_leaderboard_rewrites_the_block_of_the_readme_beside_its_output(tmp_path):
    folder = _submissions(tmp_path)
    (tmp_path / "README.md").write_text(f"# Mine\n\n{START}\nstale\n{END}\n\nmore\n", encoding="utf-8")
    code, out, err = run_cli("leaderboard", str(folder), "--out", str(tmp_path / "leaderboard"))
    assert code == 0, err
    board = (tmp_path / "leaderboard" / "README.md").read_text(encoding="utf-8")
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme == f"# Mine\n\n{START}\n{ranked_table(board)}\n{END}\n\nmore\n"
    assert re.search(r"^\| \d \| sanity \| empty \|", readme, re.M) and "README.md (its leaderboard block)" in out


def test_leaderboard_leaves_a_readme_without_markers_alone(tmp_path):
    folder = _submissions(tmp_path)
    (tmp_path / "README.md").write_text("# Mine\n", encoding="utf-8")
    assert run_cli("leaderboard", str(folder), "--out", str(tmp_path / "leaderboard"))[0] == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Mine\n"


def test_broken_markers_stop_before_anything_is_written(tmp_path):
    folder = _submissions(tmp_path)
    (tmp_path / "README.md").write_text(f"{START}\n", encoding="utf-8")
    code, _, err = run_cli("leaderboard", str(folder), "--out", str(tmp_path / "leaderboard"))
    assert code == 2 and "README.md" in err and "leaderboard:end" in err
    assert not (tmp_path / "leaderboard").exists()


def test_the_readme_block_holds_the_committed_ranked_table():
    readme = (RESOURCES / "README.md").read_text(encoding="utf-8")
    board = (RESOURCES / "leaderboard" / "README.md").read_text(encoding="utf-8")
    assert replace_block(readme, ranked_table(board)) == readme, "run `python -m benchmark leaderboard`"
