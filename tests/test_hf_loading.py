"""``benchmark.load_dataset()``: every split as a ``datasets.DatasetDict`` from the
packaged files, from any folder, offline, with no Hub request (issue 23, item 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark.model.paths import DATA, ROOT

_NO_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise AssertionError("a network connection was attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
"""


def _run(code: str, cwd: Path, tmp_path: Path) -> str:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"),
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _NO_NETWORK + code], capture_output=True, text=True, env=env,
                            cwd=cwd, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_split_from_another_folder_offline(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = _run(
        "import json, benchmark\n"
        "gold = benchmark.load_dataset()\n"
        "docs = benchmark.load_dataset('documents')\n"
        "print(json.dumps({'gold': {k: v.num_rows for k, v in gold.items()},"
        " 'documents': {k: v.num_rows for k, v in docs.items()},"
        " 'first': gold['test'][0]['entities'][0]['mentions'][0], 'dev': docs['dev'][0]['doc_id'],"
        " 'published': str(docs['test'][1]['published'])}))\n",
        elsewhere, tmp_path)
    value = json.loads(out)
    test_gold, dev_gold = _lines(DATA / "gold.jsonl"), _lines(DATA / "dev" / "gold.jsonl")
    assert value["gold"] == {"test": len(test_gold), "dev": len(dev_gold)}
    assert value["documents"] == {"test": 5, "dev": len(_lines(DATA / "dev" / "documents.jsonl"))}
    assert value["first"] == test_gold[0]["entities"][0]["mentions"][0]
    assert value["dev"] == _lines(DATA / "dev" / "documents.jsonl")[0]["doc_id"]
    assert value["published"] == "2021-12-27"
    assert not list(elsewhere.iterdir())  # nothing written where it ran


def test_the_download_folder_loads_with_the_same_call_and_as_json(tmp_path):
    """``download`` writes the test split; ``benchmark.load_dataset(config, folder)``
    and the documented ``datasets.load_dataset("json", data_files=...)`` load it."""
    folder = tmp_path / "dataset"
    out = _run(
        "import json, sys, datasets, benchmark\n"
        "from benchmark.cli import main\n"
        f"assert main(['download', '--out', {str(folder)!r}]) == 0\n"
        f"ours = benchmark.load_dataset('gold', {str(folder)!r})\n"
        f"theirs = datasets.load_dataset('json', data_files={{'test': {str(folder / 'gold.jsonl')!r}}})\n"
        "print(json.dumps({'ours': list(ours), 'rows': ours['test'].num_rows, 'theirs': theirs['test'].num_rows,"
        " 'same': ours['test'][0]['claims'] == theirs['test'][0]['claims']}))\n",
        tmp_path, tmp_path)
    assert json.loads(out.splitlines()[-1]) == {"ours": ["test"], "rows": 5, "theirs": 5, "same": True}


def test_errors_are_one_line(tmp_path):
    from benchmark.dataset.hf import DatasetError, load_dataset

    with pytest.raises(DatasetError, match="no documents.jsonl"):
        load_dataset("gold", tmp_path)
    with pytest.raises(DatasetError, match="unknown config 'nope'"):
        load_dataset("nope")
    (tmp_path / "documents.jsonl").write_text('{"doc_id": 1}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="documents.jsonl: /0"):
        load_dataset("documents", tmp_path)
