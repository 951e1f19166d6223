"""The leaderboard command: ranking, rejection, escaping, atomic writes, freshness."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from benchmark.model.paths import DATA, GOLD_FILE, LEADERBOARD, SUBMISSIONS
from helpers import empty_submission, run_cli, write_json

XSS = "<img src=x onerror=alert(1)>"


def oracle_submission(system: str) -> dict:
    records = [json.loads(line) for line in (DATA / GOLD_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
    return {"meta": {"system": system, "version": "1", "description": f"described as {system}"}, "documents": records}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    subs = tmp_path / "subs"
    subs.mkdir()
    write_json(subs / "a_oracle.json", oracle_submission("oracle"))
    write_json(subs / "b_empty.json", empty_submission(version="0"))
    write_json(subs / "c_xss.json", oracle_submission(XSS))
    (subs / "d_broken.json").write_text('{"meta": {"system": "broken"}, "documents": [', encoding="utf-8")
    write_json(subs / "e_unknown.json", {"meta": {"system": "unknown-doc"}, "documents": [{"doc_id": "999"}]})
    return subs


def test_ranks_rejects_and_escapes(folder, tmp_path):
    out = tmp_path / "board"
    code, stdout, stderr = run_cli("leaderboard", str(folder), "--out", str(out))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO((out / "results.csv").read_text(encoding="utf-8"))))
    ranked = [(r["rank"], r["system"], r["headline_f1"]) for r in rows if r["status"] == "ranked"]
    # ranked within sections (systems, then sanity rows), in that order in every output;
    # the sanity rows the folder lacks (empty, text-blind) are generated
    assert ranked == [("1", XSS, "1.000000"), ("2", "test", "0.000000"), ("1", "oracle", "1.000000"),
                      ("2", "empty", "0.000000"), ("2", "text-blind", "0.000000")]
    assert [r["section"] for r in rows if r["status"] == "ranked"] == ["system", "system", "sanity", "sanity", "sanity"]
    generated = {r["system"]: r["file"] for r in rows if r["file"].startswith("generated: ")}
    assert generated == {"empty": "generated: empty", "text-blind": "generated: text-blind"}
    rejected = {r["system"]: r["reason"] for r in rows if r["status"] == "rejected"}
    assert set(rejected) == {"", "unknown-doc"}
    assert rejected[""].startswith("/: invalid JSON at line 1")
    assert rejected["unknown-doc"].startswith('/documents/0/doc_id: unknown doc_id "999"')
    assert stderr.count("rejected") == 2
    # with five documents no pair is separable, not even a copy of the gold vs empty: the
    # exact paired test cannot give p below 2/2^5 = 0.0625 > 0.05, and the board says so in
    # words; the last row of a section is compared with nothing
    by_system = {r["system"]: r for r in rows}
    assert by_system[XSS]["separable_next"] == "false" and by_system[XSS]["p_next"] == "0.062500"
    assert by_system["text-blind"]["p_next"] == "" and by_system["test"]["p_next"] == ""
    assert "| cannot tell apart at n = 5 (smallest possible p = 0.0625) |" in (out / "README.md").read_text(encoding="utf-8")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    md = (out / "README.md").read_text(encoding="utf-8")
    assert XSS not in md and "&lt;img src=x onerror=alert\\(1\\)&gt;" in md
    assert "described as &lt;img src=x onerror=alert\\(1\\)&gt;" in md  # descriptions are escaped too
    assert "<p>described as &lt;img src=x onerror=alert(1)&gt;</p>" in html
    views = sorted(p.relative_to(out).as_posix() for p in (out / "view").rglob("*.html"))
    assert len(views) == 5 * 5 and "view/c_xss/000.html" in views  # one view per ranked row and document
    assert all(XSS not in p.read_text(encoding="utf-8") for p in (out / "view").rglob("*.html"))


def test_failed_render_leaves_previous_files_intact(folder, tmp_path, monkeypatch):
    out = tmp_path / "board"
    assert run_cli("leaderboard", str(folder), "--out", str(out))[0] == 0
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import benchmark.cli.leaderboard as command

    def explode(board):
        raise RuntimeError("disk full")

    monkeypatch.setattr(command, "results_csv", explode)
    write_json(folder / "f_new.json", empty_submission())
    code, _, err = run_cli("leaderboard", str(folder), "--out", str(out))
    assert code == 3 and "disk full" in err
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_csv_neutralises_formulas(folder, tmp_path):
    write_json(folder / "g_formula.json", oracle_submission("=HYPERLINK(\"http://x\")"))
    out = tmp_path / "board"
    assert run_cli("leaderboard", str(folder), "--out", str(out))[0] == 0
    text = (out / "results.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_usage_errors(tmp_path):
    assert run_cli("leaderboard", str(tmp_path / "nope"))[0] == 2


def test_committed_leaderboard_is_fresh(tmp_path):
    out = tmp_path / "board"
    code, _, err = run_cli("leaderboard", str(SUBMISSIONS), "--out", str(out))
    assert code == 0, err
    views = sorted(p.relative_to(out).as_posix() for p in (out / "view").rglob("*.html"))
    assert views == sorted(p.relative_to(LEADERBOARD).as_posix() for p in (LEADERBOARD / "view").rglob("*.html")), (
        "leaderboard/view/ is stale: run `python -m benchmark leaderboard`")
    for name in ("README.md", "index.html", "results.csv", *views):
        assert (LEADERBOARD / name).read_text(encoding="utf-8") == (out / name).read_text(encoding="utf-8"), (
            f"leaderboard/{name} is stale: run `python -m benchmark leaderboard`")


def test_the_board_is_dated_by_its_inputs_or_source_date_epoch(folder, tmp_path, monkeypatch):
    """Same inputs, same bytes: the date is the newest submission's meta.date, or
    SOURCE_DATE_EPOCH's day when that is set; never the clock."""
    for name in ("d_broken.json", "e_unknown.json"):
        (folder / name).unlink()
    write_json(folder / "f_dated.json", empty_submission(system="dated", date="2026-03-04"))
    write_json(folder / "g_dated.json", empty_submission(system="older", date="2025-12-31"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "board"
    assert run_cli("leaderboard", str(folder), "--out", str(out))[0] == 0
    assert "Data as of 2026-03-04." in (out / "index.html").read_text(encoding="utf-8")
    assert "Data as of 2026-03-04." in (out / "README.md").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert run_cli("leaderboard", str(folder), "--out", str(out))[0] == 0
    assert "Data as of 1970-01-02." in (out / "index.html").read_text(encoding="utf-8")


def test_provenance_is_read_where_meta_is_silent():
    from benchmark.leaderboard.rows import details

    meta = {"provenance": {"model": "m-1", "model_file": "m.gguf", "model_bytes": 2048, "model_sha256": "ab" * 32}}
    shown = dict(details(meta))
    assert shown["model"] == "m-1 (from meta.provenance)"
    assert shown["model file"] == f"m.gguf, 2,048 bytes, sha256 {'ab' * 32}" and "2,048 bytes" in shown["size"]
    assert dict(details({"model": "given", "provenance": {"model": "other"}}))["model"] == "given"
    assert details({"provenance": "not a mapping"}) == ()
