"""The README's own-data walk-through, run verbatim in an empty folder: two
documents built from seeds and exact-string sources, verified, exported, a
submission validated and scored, and a board whose text is computed from that
dataset and its card, with nothing about the shipped benchmark."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from benchmark.model.paths import RESOURCES
from test_repository import ROOT

SHIPPED = ("n = 5", "AI model sessions", "docs/agreement.md", "Russia", "Geneva", "five documents")


def _walkthrough() -> tuple[str, list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your own dataset\n", 1)[1].split("\n## ", 1)[0]
    script = section.split("```bash\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    return script, shown


def test_the_readme_walkthrough_runs_verbatim_with_nothing_of_the_shipped_benchmark(tmp_path):
    script, shown = _walkthrough()
    assert not any(word in script for word in SHIPPED)
    env = {**os.environ, "PYTHONPATH": str(RESOURCES), "HF_HOME": str(tmp_path / "hf"), "HF_DATASETS_OFFLINE": "1",
           "HF_HUB_OFFLINE": "1", "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    env.pop("BENCHMARK_ROOT", None)
    work = tmp_path / "empty"
    work.mkdir()
    result = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    printed = iter(result.stdout.splitlines())
    for line in shown:  # every line shown is printed, in order ("..." marks lines left out)
        if line != "...":
            assert any(p == line for p in printed), line
    bench = work / "my-bench"
    assert json.loads((bench / "exported" / "documents.jsonl").read_text(encoding="utf-8").splitlines()[1])["doc_id"] == "a2"
    board = (bench / "board" / "README.md").read_text(encoding="utf-8")
    page = (bench / "board" / "index.html").read_text(encoding="utf-8")
    assert "at n = 2 no two rows can be told apart" in board and "at n = 2 no two rows can be told apart" in page
    assert "The gold was annotated by hand by one person and not reviewed." in board
    assert "The gold was annotated by hand by one person and not reviewed." in page
    assert "Sanity rows: `oracle` (the gold, ceiling), `empty` (no predictions, floor), `text-blind`" in board
    for text in (board, page, (bench / "board" / "results.csv").read_text(encoding="utf-8")):
        assert not [word for word in SHIPPED if word in text]
    views = sorted(p.relative_to(bench / "board").as_posix() for p in (bench / "board" / "view").rglob("*.html"))
    assert len(views) == 4 * 2 and all(re.search(r"/a[12]\.html$", v) for v in views)


def test_verify_without_seeds_checks_the_text_hashes_and_says_what_it_skipped(tmp_path):
    from helpers import run_cli

    data = tmp_path / "data"
    data.mkdir()
    text = "Alpha met Beta."
    import hashlib

    record = {"doc_id": "d1", "seed_file": "d1.txt", "outlet": "o", "title": "t", "published": "2024-01-01", "text": text,
              "sha256": hashlib.sha256(text.encode()).hexdigest(), "excluded": []}
    (data / "documents.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, out, err = run_cli("verify", "--data", str(data))
    assert code == 0, err
    assert out == ("verify: OK (1 documents, no gold yet); no seeds given (--seeds DIR): skipped the seed hashes and the "
                   "documents-equal-seeds check; checked each document's sha256 against its own text\n")
    record["sha256"] = "0" * 64
    (data / "documents.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, _, err = run_cli("verify", "--data", str(data))
    assert code == 1 and f"/0/sha256: document d1: {'0' * 64} is not the SHA-256 of its text" in err


def test_a_malformed_manifest_is_one_problem_a_field(tmp_path):
    from helpers import run_cli

    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    data.mkdir()
    (seeds / "a.txt").write_text("x", encoding="utf-8")
    (seeds / "manifest.json").write_text(json.dumps({"documents": [
        {"doc_id": "a", "seed_file": "a.txt", "title": "t", "published": "6 May", "excluded": [{"from": "x"}],
         "sha256": "ABC"}]}), encoding="utf-8")
    code, _, err = run_cli("verify", "--seeds", str(seeds), "--data", str(data))
    assert code == 1
    manifest = seeds / "manifest.json"
    for line in (f"{manifest}: /documents/0/outlet: missing or not a string",
                 f"{manifest}: /documents/0/published: not a date YYYY-MM-DD",
                 f"{manifest}: /documents/0/sha256: not a SHA-256 in lower-case hex (64 characters)",
                 f"{manifest}: /documents/0/excluded/0: not {{from, through, reason}} (non-empty strings)"):
        assert line in err.splitlines()
    code, _, err = run_cli("build-documents", "--seeds", str(seeds), "--data", str(data))
    assert code == 1 and err == f"{manifest}: /documents/0/outlet: missing or not a string\n"


def test_build_gold_names_the_spec_that_does_not_resolve(tmp_path):
    from helpers import run_cli

    data = tmp_path / "data"
    (data / "annotation").mkdir(parents=True)
    text = "Alpha met Beta. Alpha left."
    import hashlib

    record = {"doc_id": "d1", "seed_file": "d1.txt", "outlet": "o", "title": "t", "published": "2024-01-01", "text": text,
              "sha256": hashlib.sha256(text.encode()).hexdigest(), "excluded": []}
    (data / "documents.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    source = {"doc_id": "d1", "entities": [{"id": "e1", "type": "ORG", "name": "Alpha", "cluster": "E:a",
                                            "mentions": {"name": ["Alpha"]}}], "events": [], "claims": []}
    (data / "annotation" / "d1.json").write_text(json.dumps(source), encoding="utf-8")
    code, _, err = run_cli("build-gold", "--data", str(data))
    assert code == 1 and "d1 entity e1 name 'Alpha': 'Alpha' occurs 2 times (need exactly 1)" in err
    assert not (data / "gold.jsonl").exists()
    source["entities"][0]["mentions"] = {"name": ["Alpha*"]}
    (data / "annotation" / "d1.json").write_text(json.dumps(source), encoding="utf-8")
    assert run_cli("build-gold", "--data", str(data))[0] == 0
    gold = json.loads((data / "gold.jsonl").read_text(encoding="utf-8"))
    assert [(m["start"], m["end"]) for m in gold["entities"][0]["mentions"]] == [(0, 5), (16, 21)]
    assert run_cli("build-gold", "--data", str(data), "--check")[0] == 0
