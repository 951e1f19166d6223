"""The one loader (issue 22): every split of a dataset folder, each file read once
and hashed from the bytes parsed, no process-wide side effects."""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import weakref
from pathlib import Path

import pytest

from benchmark.model import loading
from benchmark.model.loading import SPLITS, load_split, load_splits, load_submission, read_submission
from benchmark.model.paths import DATA, DOCUMENTS_FILE, GOLD_FILE, ROOT

SUBMISSION = ROOT / "submissions" / "rules.json"


class _Node:
    pass


def test_a_callers_reference_cycle_is_still_collected_after_a_load():
    """Loading must not freeze the heap (``gc.freeze`` did: a cycle the caller made
    before a load was never collected), nor leave the collector off."""
    node = _Node()
    node.self = node  # a reference cycle: only the cyclic collector frees it
    alive = weakref.ref(node)
    del node
    enabled = gc.isenabled()
    split = load_split(DATA)
    load_submission(SUBMISSION, split.documents)
    assert gc.isenabled() is enabled
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert alive() is None


def test_each_file_is_read_once_and_hashed_from_those_bytes(monkeypatch):
    reads: list[str] = []
    real = Path.read_bytes

    def counted(self: Path) -> bytes:
        reads.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    split = load_split(DATA)
    loaded = read_submission(SUBMISSION, split.documents)
    assert sorted(reads) == sorted([DOCUMENTS_FILE, GOLD_FILE, SUBMISSION.name])
    monkeypatch.undo()
    assert split.gold_sha256 == hashlib.sha256((DATA / GOLD_FILE).read_bytes()).hexdigest()
    assert loaded.submission is not None
    assert loaded.submission.sha256 == hashlib.sha256(SUBMISSION.read_bytes()).hexdigest()


def test_every_split_of_the_dataset_folder():
    splits = load_splits(DATA)
    assert list(splits) == ["test", "dev"]
    assert len(splits["test"].documents) == 5 and splits["test"].gold is not None
    assert splits["dev"].folder == DATA / "dev" and set(splits["dev"].gold or {}) == set(splits["dev"].documents)
    assert all(not s.problems for s in splits.values())


def test_a_heldout_split_plugs_in_with_its_story(tmp_path):
    """``data/heldout/`` (added by the held-out work) loads as one more split;
    its documents carry a ``story``."""
    root = tmp_path / "data"
    shutil.copytree(DATA / "dev", root)
    shutil.copytree(DATA / "dev", root / "dev")
    heldout = root / "heldout"
    heldout.mkdir()
    lines = [json.loads(line) for line in (DATA / "dev" / DOCUMENTS_FILE).read_text(encoding="utf-8").splitlines()]
    with open(heldout / DOCUMENTS_FILE, "w", encoding="utf-8") as out:
        for record in lines:
            out.write(json.dumps({**record, "story": "story-a"}) + "\n")
    shutil.copy(DATA / "dev" / GOLD_FILE, heldout / GOLD_FILE)
    splits = load_splits(root)
    assert [name for name, _ in SPLITS] == list(splits)
    assert not splits["heldout"].problems
    assert {d.story for d in splits["heldout"].documents.values()} == {"story-a"}
    dev_stories = {d.story for d in splits["dev"].documents.values()}
    expected = {json.loads(line).get("story") for line in (DATA / "dev" / DOCUMENTS_FILE).read_text(encoding="utf-8").splitlines()}
    assert dev_stories == expected and None not in dev_stories  # the dev split names its stories


def test_a_split_without_gold_and_its_problems(tmp_path):
    folder = tmp_path / "own"
    folder.mkdir()
    shutil.copy(DATA / DOCUMENTS_FILE, folder / DOCUMENTS_FILE)
    split = load_split(folder)
    assert split.gold is None and split.gold_sha256 == "" and not split.problems
    (folder / GOLD_FILE).write_text((DATA / GOLD_FILE).read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    split = load_split(folder)
    assert [p.message for p in split.problems] == [f"no gold record for document {d}" for d in ("001", "002", "003", "004")]
    with pytest.raises(FileNotFoundError):
        load_split(tmp_path)


def test_a_rejected_submission_still_names_its_system(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"meta": {"system": "mine"}, "documents": [{"doc_id": "nope"}]}), encoding="utf-8")
    loaded = read_submission(path, load_split(DATA).documents)
    assert loaded.submission is None and loaded.system == "mine" and loaded.problems
    assert loading.read_submission(path, {}, name="x").system == "mine"
