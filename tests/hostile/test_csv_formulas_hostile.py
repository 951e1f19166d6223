"""CSV formula injection (issue 13, class 5): no text cell of any CSV the
harness writes can start a formula, whatever white space, control characters,
line breaks or compatibility forms come first; numbers stay numbers."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.leaderboard.ranking import Board, Entry, Interval, Rejected
from benchmark.leaderboard.render import results_csv
from benchmark.rendering.spreadsheet import FORMULA_STARTS, csv_cell, csv_text, formula_like
from benchmark.rendering.tables import Table, to_csv

STARTS = sorted(FORMULA_STARTS)
WIDE = {"=": "\uff1d", "+": "\uff0b", "-": "\uff0d", "@": "\uff20"}  # full-width forms
SMALL = {"=": "\ufe66", "+": "\ufe62", "-": "\ufe63", "@": "\ufe6b"}  # small forms
JUNK = " \t\r\n\x0b\x0c\x00\x1b\x85\u00a0\u2028\u2029\u200b\u200e\ufeff\u3000"


def visible_start(text: str) -> str:
    """The first character a spreadsheet would look at, read under NFKC."""
    for char in unicodedata.normalize("NFKC", text):
        if not char.isspace() and unicodedata.category(char)[0] not in "CZ":
            return char
    return ""


@pytest.mark.parametrize("text", [
    "ok\r=2+3", "ok\n=2+3", "ok\r\n@SUM(A1)", " =1", "\t=1", "\r=1", "＝1", "＋1", "－1", "＠x", "\u3000=1",
    "\u200b=1", "\ufeff+1", "=HYPERLINK(\"http://x\")", "-2+3", "@SUM(1)", "+1", "\x00=1", "﹦1",
])
def test_examples_are_neutralised(text):
    cell = csv_text(text)
    assert cell.startswith("'") or not formula_like(cell)
    for line in cell.splitlines():
        assert visible_start(line) not in FORMULA_STARTS, (text, cell)


@pytest.mark.parametrize("text", ["ok", "a=b", "0.123456", "n/a", "", "système", "1e-3", "x-y"])
def test_plain_text_is_unchanged(text):
    assert csv_text(text) == text


def test_numbers_pass_through():
    assert csv_cell(-1) == -1 and csv_cell(-0.5) == -0.5 and csv_cell(3) == 3 and csv_cell(None) is None


dangerous = st.builds(
    lambda junk, start, form, rest: junk + {"plain": start, "wide": WIDE[start], "small": SMALL[start]}[form] + rest,
    st.text(alphabet=JUNK, max_size=6),
    st.sampled_from(STARTS),
    st.sampled_from(["plain", "wide", "small"]),
    st.text(max_size=20),
)
mixed = st.builds(lambda a, b: a + b, st.text(max_size=15), dangerous)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(dangerous, mixed, st.text(max_size=40)))
def test_no_line_of_a_cell_can_start_a_formula(text):
    cell = csv_text(text)
    assert not any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in cell)  # one line
    assert len(cell.splitlines()) <= 1
    assert visible_start(cell) not in FORMULA_STARTS or cell.startswith("'")
    assert csv_text(cell) == cell  # neutralising twice changes nothing
    if visible_start(text) in FORMULA_STARTS:
        assert cell.startswith("'")


def board(systems: list[str], reasons: list[str]) -> Board:
    entries = tuple(
        Entry(rank=i + 1, file=f"submissions/{i}.json", system=s, version=s, description=s, url=s, date=s,
              headline=0.5, interval=Interval(0.25, 0.75), kind_f1=(("entity", 0.5), ("event", None)),
              field_f1=(("entity.name", 0.125),), coreference=None, missing=(), p_next=0.5 if i + 1 < len(systems) else None,
              separable_next=False if i + 1 < len(systems) else None)
        for i, s in enumerate(systems))
    rejected = tuple(Rejected(f"bad{i}.json", r, r, 1) for i, r in enumerate(reasons))
    return Board(entries=entries, rejected=rejected, mode="lenient", alpha=0.05, resamples=10, seed=1, gold_sha256="0" * 64)


@settings(max_examples=100, deadline=None)
@given(systems=st.lists(st.one_of(dangerous, mixed), min_size=1, max_size=4),
       reasons=st.lists(st.one_of(dangerous, mixed), max_size=3))
def test_the_leaderboard_csv_is_inert(systems, reasons):
    text = results_csv(board(systems, reasons))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 1 + len(systems) + len(reasons)
    header = rows[0]
    for row in rows[1:]:
        assert len(row) == len(header)
        for cell in row:
            assert visible_start(cell) not in FORMULA_STARTS, cell
    for row in rows[1:1 + len(systems)]:  # score cells are plain numbers
        values = dict(zip(header, row, strict=True))
        assert float(values["headline_f1"]) == 0.5 and float(values["entity.name_f1"]) == 0.125
        assert int(values["rank"]) >= 1
    for line in text.splitlines():  # a naive reader that splits on any line break
        assert visible_start(line) not in FORMULA_STARTS, line


@settings(max_examples=50, deadline=None)
@given(names=st.lists(st.one_of(dangerous, mixed), min_size=1, max_size=4))
def test_plain_tables_are_inert(names):
    text = to_csv(Table(("name", "value"), tuple((name, -1.5) for name in names)))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[1] for row in rows[1:]] == ["-1.5"] * len(names)  # numbers are not touched
    assert all(visible_start(row[0]) not in FORMULA_STARTS for row in rows[1:])
