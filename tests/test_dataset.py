"""The shipped dataset: documents equal the seeds, the card loads through
``datasets`` with typed features, and ``verify``/``download`` behave."""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark.dataset.card import FILES, render_card
from benchmark.dataset.documents import build_document_records, jsonl_bytes
from benchmark.dataset.features import FEATURES
from benchmark.model.paths import DATA, GOLD_FILE, ROOT, SEEDS
from helpers import DOCUMENTS, run_cli

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_five_documents_with_exact_seed_text():
    assert sorted(DOCUMENTS) == ["000", "001", "002", "003", "004"]
    for doc in DOCUMENTS.values():
        raw = (SEEDS / doc.seed_file).read_bytes()
        assert doc.text == raw.decode("utf-8")
        assert doc.sha256 == hashlib.sha256(raw).hexdigest()
        assert doc.seed_file.startswith(doc.doc_id + "_")
        assert doc.title in doc.text


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the shared seed folder is not beside this checkout")
def test_seeds_byte_for_byte_as_shared():
    for path in sorted(SHARED_SEEDS.glob("*.txt")):
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()


def test_documents_jsonl_is_rebuilt_identically():
    assert (DATA / "documents.jsonl").read_bytes() == jsonl_bytes(build_document_records(SEEDS))


def test_published_dates_and_excluded_regions():
    assert {d: doc.published for d, doc in DOCUMENTS.items()} == {
        "000": "2021-12-28", "001": "2021-12-27", "002": "2021-12-28", "003": "2021-12-28", "004": "2021-12-28"}
    chrome = {d: [doc.text[x.start:x.end] for x in doc.excluded] for d, doc in DOCUMENTS.items()}
    assert chrome["004"] == [" | Russia", "Comments are closed."]
    assert chrome["001"][0] == "Andriy Dubchak | AP"
    assert all(doc.in_scope(0, 5) == (d != "000") for d, doc in DOCUMENTS.items())


def test_card_is_up_to_date():
    from benchmark.model.loading import load_gold

    card = (DATA / "README.md").read_text(encoding="utf-8")
    gold = load_gold(DATA, DOCUMENTS)[0]
    assert card == render_card(card, ("documents", "gold"), gold), "run scripts/build_card.py"


def test_load_dataset_documents_typed(hf_cache):
    import datasets

    ds = datasets.load_dataset(str(DATA), "documents", split="test")
    assert ds.num_rows == 5
    assert ds.features == FEATURES["documents"]
    rows = {r["doc_id"]: r for r in ds}
    for doc_id, doc in DOCUMENTS.items():
        assert rows[doc_id]["text"] == doc.text
        assert rows[doc_id]["published"] == datetime.date.fromisoformat(doc.published)
        assert [(x["start"], x["end"], x["reason"]) for x in rows[doc_id]["excluded"]] == [(x.start, x.end, x.reason) for x in doc.excluded]


def test_load_dataset_gold_typed(hf_cache):
    import datasets

    ds = datasets.load_dataset(str(DATA), "gold", split="test")
    assert ds.num_rows == 5 and ds.features == FEATURES["gold"]
    lines = [json.loads(line) for line in (DATA / GOLD_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [r["doc_id"] for r in ds] == [r["doc_id"] for r in lines]
    assert [len(r["entities"]) for r in ds] == [len(r["entities"]) for r in lines]


@pytest.mark.parametrize("config", ["documents", "gold"])
def test_load_dataset_dev_split(hf_cache, config):
    """The fictional dev split loads with the same typed features as the test split."""
    import datasets

    ds = datasets.load_dataset(str(DATA), config, split="dev")
    lines = [json.loads(line) for line in (DATA / "dev" / FILES[config]).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert ds.num_rows == len(lines) >= 3
    assert ds.features == FEATURES[config]
    assert [r["doc_id"] for r in ds] == [r["doc_id"] for r in lines]
    assert not {r["doc_id"] for r in ds} & set(DOCUMENTS)


def test_dev_split_verifies_like_the_gold():
    code, out, err = run_cli("verify", "--data", str(DATA / "dev"), "--seeds", str(DATA / "dev" / "articles"))
    assert (code, err) == (0, "")
    assert out.startswith("verify: OK (9 seeds, 9 documents, 9 gold records")


def test_verify_passes_on_shipped_data():
    code, out, err = run_cli("verify")
    assert (code, err) == (0, "")
    assert out.startswith("verify: OK (5 seeds, 5 documents")


def copy_dataset(tmp_path: Path) -> tuple[Path, Path]:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(DATA, data)
    return seeds, data


def test_verify_detects_a_changed_seed(tmp_path):
    seeds, data = copy_dataset(tmp_path)
    path = seeds / "003_1fb32dcd358afb83.txt"
    path.write_bytes(path.read_bytes().replace(b"Geneva", b"Genf"))
    code, _, err = run_cli("verify", "--seeds", str(seeds), "--data", str(data))
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}: /: sha256 ")
    assert lines[1] == f"{data / 'documents.jsonl'}: /3: document 003 differs from its seed and manifest (rebuild: python -m benchmark build-documents --seeds {seeds} --data {data})"
    assert lines[-1] == "verify: FAILED (2 problems)"


def test_verify_detects_a_broken_gold(tmp_path):
    seeds, data = copy_dataset(tmp_path)
    doc = DOCUMENTS["001"]
    start = doc.text.index("Putin")
    record = {
        "doc_id": "001",
        "entities": [
            {"id": "e1", "type": "PER", "name": "Putin", "aliases": [], "cluster": "E:putin",
             "mentions": [{"start": start, "end": start + 5, "text": "Putin", "kind": "name"},
                          {"start": 0, "end": 3, "text": "U.S", "kind": "name"}]},
            {"id": "e2", "type": "GPE", "name": "AP", "aliases": [], "cluster": "E:putin",
             "mentions": [{"start": doc.text.index("AP\n"), "end": doc.text.index("AP\n") + 2, "text": "AP", "kind": "name"}]},
        ],
        "events": [],
        "claims": [{"id": "c1", "claimant": "e1", "cue": "shouted", "content": "U.S. and", "span": {"start": 0, "end": 5},
                    "quote": "direct", "polarity": "affirm", "about": ["e2"], "cluster": "C:x"}],
    }
    (data / GOLD_FILE).write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, _, err = run_cli("verify", "--seeds", str(seeds), "--data", str(data))
    name = data / GOLD_FILE
    assert code == 1
    assert err.splitlines() == [
        f'{name}: /0/claims/0/about/0: "e2" is not the id of an event in this document',
        f"{name}: /0/entities/1/mentions/0: [{doc.text.index('AP')}, {doc.text.index('AP') + 2}) lies in an excluded region (chrome or credit)",
        f"{name}: /0/claims/0/content: content differs from the text at its span",
        f"{name}: /0/claims/0/cue: cue 'shouted' does not occur in the text",
        f"{name}: /0/entities/1/cluster: cluster 'E:putin' is used twice in this document (also by e1)",
        f"{name}: /0/entities/1/cluster: cluster 'E:putin' is a entity GPE here but a entity PER at 001/e1",
        f"{name}: /: no gold record for document 000",
        f"{name}: /: no gold record for document 002",
        f"{name}: /: no gold record for document 003",
        f"{name}: /: no gold record for document 004",
        "verify: FAILED (10 problems)",
    ]


def test_download_formats(tmp_path, hf_cache):
    for fmt in ("jsonl", "csv", "parquet"):
        code, out, err = run_cli("download", "--out", str(tmp_path), "--format", fmt)
        assert code == 0, err
        assert f"wrote {tmp_path / ('documents.' + fmt)} (5 rows)" in out
    rows = [json.loads(line) for line in (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == [DOCUMENTS[r["doc_id"]].text for r in rows]
    assert rows[1]["published"] == "2021-12-27"
    import pandas

    frame = pandas.read_parquet(tmp_path / "documents.parquet")
    assert list(frame["doc_id"]) == ["000", "001", "002", "003", "004"]
    csv_frame = pandas.read_csv(tmp_path / "documents.csv", dtype=str, keep_default_na=False)
    assert csv_frame["text"][2] == DOCUMENTS["002"].text
    assert json.loads(csv_frame["excluded"][4])[1]["reason"] == "chrome"


def test_download_offline_hub_id_is_one_line_error(tmp_path):
    env = {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "benchmark", "download", "--from", "no-such-user/no-such-dataset", "--out", str(tmp_path / "o")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: cannot load config 'documents' from 'no-such-user/no-such-dataset'")
    assert not (tmp_path / "o").exists()


def test_verify_points_at_records_by_their_place_in_the_file(tmp_path):
    """A gold file not in doc-id order: every pointer names the record's position
    in the file (the index the loader's own problems use), not its sorted rank."""
    seeds, data = copy_dataset(tmp_path)
    lines = (DATA / GOLD_FILE).read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[4])
    last["entities"][0]["cluster"] = last["entities"][1]["cluster"]  # used twice in one document
    (data / GOLD_FILE).write_text("\n".join([json.dumps(last), *lines[:4]]) + "\n", encoding="utf-8")
    code, _, err = run_cli("verify", "--seeds", str(seeds), "--data", str(data))
    assert code == 1
    twice = [line for line in err.splitlines() if "is used twice" in line]
    assert twice and all(line.startswith(f"{data / GOLD_FILE}: /0/entities/") for line in twice), err
