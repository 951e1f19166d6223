"""Another dataset in the same format: any safe doc ids and seed file names,
chosen with ``--data DIR`` (the older ``--gold``/``--from`` still work)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark.cli import build_parser
from benchmark.model.loading import load_documents
from benchmark.model.paths import DATA, RESOURCES
from helpers import run_cli

TEXT = "Biden met Putin in Geneva on Monday."


def _document(doc_id: str = "x1", seed_file: str = "x1.txt") -> dict:
    return {"doc_id": doc_id, "seed_file": seed_file, "outlet": "Example", "title": "Talks", "published": "2022-01-10",
            "text": TEXT, "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "excluded": []}


def _entity(id_: str, type_: str, name: str, cluster: str) -> dict:
    start = TEXT.index(name)
    mention = {"start": start, "end": start + len(name), "text": name, "kind": "name"}
    return {"id": id_, "type": type_, "name": name, "aliases": [], "mentions": [mention], "cluster": cluster}


def _dataset(folder: Path) -> Path:
    folder.mkdir()
    (folder / "documents.jsonl").write_text(json.dumps(_document()) + "\n", encoding="utf-8")
    gold = {"doc_id": "x1", "entities": [_entity("e1", "PER", "Biden", "biden"), _entity("e2", "PER", "Putin", "putin")],
            "events": [], "claims": []}
    (folder / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return folder


def _submission(path: Path) -> Path:
    entities = [{"id": "a", "type": "PER", "name": "Biden"}, {"id": "b", "type": "LOC", "name": "Geneva"}]
    path.write_text(json.dumps({"meta": {"system": "mine"}, "documents": [{"doc_id": "x1", "entities": entities}]}), encoding="utf-8")
    return path


def test_a_one_document_dataset_with_other_ids_is_scored_with_data(tmp_path):
    data, submission = _dataset(tmp_path / "mine"), _submission(tmp_path / "s.json")
    code, out, err = run_cli("score", str(submission), "--data", str(data), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    entity = report["kinds"]["entity"]
    # name and type: Biden aligned (tp 1 each), Geneva spurious (fp 1 each), Putin missed (fn 1 each)
    assert (entity["tp"], entity["fp"], entity["fn"]) == (2, 2, 2)
    assert run_cli("validate", str(submission), "--data", str(data))[0] == 0
    assert run_cli("explain", str(submission), "--data", str(data), "--doc", "x1")[0] == 0
    code, out, _ = run_cli("stats", "--data", str(data), "--format", "json")
    assert code == 0 and "x1" in out
    # the shipped dataset does not know x1
    code, _, err = run_cli("validate", str(submission))
    assert code == 1 and 'unknown doc_id "x1"' in err


def test_the_older_option_names_are_hidden_aliases_of_data(tmp_path):
    data, submission = _dataset(tmp_path / "mine"), _submission(tmp_path / "s.json")
    assert run_cli("score", str(submission), "--data", str(data)) == run_cli("score", str(submission), "--gold", str(data))
    parser = build_parser()
    assert parser.parse_args(["download", "--from", "x/y"]).data == "x/y"
    assert parser.parse_args(["stats", "--gold", "g"]).data == "g"
    assert parser.parse_args(["verify"]).data == str(DATA)
    for command in ("score", "validate", "explain", "stats", "verify", "leaderboard", "download"):
        sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
        text = sub.format_help()
        assert "--data" in text and "--gold" not in text and "--from" not in text, command


@pytest.mark.parametrize("doc_id", ["a/b", "..", ".", "a\\b", "x\n", "", "x" * 65])
def test_unsafe_doc_ids_are_refused(tmp_path, doc_id):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "documents.jsonl").write_text(json.dumps(_document(doc_id=doc_id)) + "\n", encoding="utf-8")
    _, problems = load_documents(folder)
    assert any("/0/doc_id" in str(p) for p in problems), problems


@pytest.mark.parametrize("seed_file", ["../x.txt", "a/x.txt", "..", "x\\y.txt", ""])
def test_unsafe_seed_file_names_are_refused(tmp_path, seed_file):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "documents.jsonl").write_text(json.dumps(_document(seed_file=seed_file)) + "\n", encoding="utf-8")
    _, problems = load_documents(folder)
    assert any("/0/seed_file" in str(p) for p in problems), problems


def _readme_block(heading: str, fence: str) -> str:
    section = (RESOURCES / "README.md").read_text(encoding="utf-8").split(heading, 1)[1]
    return section.split(fence, 1)[1].split("```", 1)[0]


def test_benchmark_root_moves_the_default_dataset(tmp_path):
    _dataset(tmp_path / "data")
    env = dict(os.environ, BENCHMARK_ROOT=str(tmp_path),
               PYTHONPATH=os.pathsep.join(filter(None, [str(RESOURCES), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-m", "benchmark", "stats", "--format", "json"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "x1" in done.stdout and "000" not in done.stdout
