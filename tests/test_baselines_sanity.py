"""Sanity rows: oracle (the gold) and empty validate; oracle scores 1.0,
empty 0, and every baseline lies strictly in between."""

from __future__ import annotations

from pathlib import Path

import pytest

from baselines import empty, oracle
from baselines.common import BaselineError, documents, main_guard
from benchmark import score
from benchmark.model.loading import load_gold, load_submission
from benchmark.model.paths import DATA, ROOT

SUBMISSIONS = ROOT / "submissions"


@pytest.fixture(scope="module")
def docs():
    return {d.doc_id: d for d in documents(DATA)}


def _valid(path: Path, docs) -> object:
    submission, problems = load_submission(path, docs)
    assert problems == [], problems
    return submission


def test_empty_has_every_document_and_no_object(docs, tmp_path):
    out = tmp_path / "empty.json"
    assert empty.run(["--out", str(out)]) == 0
    submission = _valid(out, docs)
    assert [d.doc_id for d in submission.documents] == sorted(docs)
    assert all(not (d.entities or d.events or d.claims) for d in submission.documents)
    assert out.read_bytes() == (SUBMISSIONS / "empty.json").read_bytes()


@pytest.mark.parametrize("name", ["rules", "spacy", "empty", "oracle"])
def test_committed_submissions_validate(name, docs):
    _valid(SUBMISSIONS / f"{name}.json", docs)


def test_oracle_without_gold_is_a_clear_error(tmp_path):
    (tmp_path / "documents.jsonl").write_bytes((DATA / "documents.jsonl").read_bytes())
    with pytest.raises(BaselineError, match="gold.jsonl"):
        oracle.records(str(tmp_path))
    assert main_guard(oracle.run, ["--out", str(tmp_path / "o.json"), "--gold", str(tmp_path)]) == 2
    assert not (tmp_path / "o.json").exists()


def test_oracle_is_the_gold(docs, tmp_path):
    out = tmp_path / "oracle.json"
    assert oracle.run(["--out", str(out)]) == 0
    submission = _valid(out, docs)
    gold, problems = load_gold(DATA, docs)
    assert problems == []
    assert {d.doc_id: d for d in submission.documents} == gold
    committed = SUBMISSIONS / "oracle.json"
    assert committed.read_bytes() == out.read_bytes(), "regenerate: python -m baselines.oracle --out submissions/oracle.json"


@pytest.fixture(scope="module")
def headline(docs):
    gold, problems = load_gold(DATA, docs)
    assert problems == [] and set(gold) == set(docs)

    def run(path: Path) -> float:
        return score(gold, _valid(path, docs), resamples=0).headline

    return run


def test_oracle_scores_one(headline, tmp_path):
    out = tmp_path / "oracle.json"
    assert oracle.run(["--out", str(out)]) == 0
    assert headline(out) == pytest.approx(1.0)


def test_empty_scores_zero(headline):
    assert headline(SUBMISSIONS / "empty.json") == 0.0


@pytest.mark.parametrize("name", ["rules", "spacy"])
def test_baselines_lie_strictly_between(headline, name):
    value = headline(SUBMISSIONS / f"{name}.json")
    assert 0.05 < value < 1.0  # clearly better than nothing, clearly short of the gold
