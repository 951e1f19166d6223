"""Sanity rows: oracle (the gold), empty and text-blind validate; oracle scores
1.0, empty 0, text-blind (guessing without reading) far below every real
baseline, and every baseline lies strictly in between."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from baselines import empty, oracle, text_blind
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


@pytest.mark.parametrize("name", ["rules", "spacy", "empty", "oracle", "text_blind"])
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


def test_text_blind_reads_nothing_but_doc_ids(docs, tmp_path):
    out = tmp_path / "blind.json"
    assert text_blind.run(["--out", str(out)]) == 0
    assert out.read_bytes() == (SUBMISSIONS / "text_blind.json").read_bytes(), \
        "regenerate: python -m baselines.text_blind --out submissions/text_blind.json"
    submission = _valid(out, docs)
    first = submission.documents[0]
    # the same guesses in every document: one event of each of the eleven types, no trigger
    assert all((d.entities, d.events, d.claims) == (first.entities, first.events, first.claims) for d in submission.documents)
    assert len(first.events) == 11 and all(v.trigger is None and v.participants is None for v in first.events)
    assert {e.name for e in first.entities} <= {"we", "its", "it", "he", "our", "they", "she"}


def test_text_blind_scores_far_below_every_real_baseline(headline):
    blind = headline(SUBMISSIONS / "text_blind.json")
    # pronoun names never match (lenient names are names, aliases and name-kind mentions),
    # and type-only events have no anchor in the text: guessing earns nothing
    assert blind == 0.0
    for name in ("rules", "spacy"):
        assert headline(SUBMISSIONS / f"{name}.json") > blind + 0.5


def test_text_blind_takes_frequencies_from_a_dev_split(tmp_path):
    dev = tmp_path / "dev.jsonl"
    records = [
        {"doc_id": "x1", "entities": [{"id": "e", "type": "ORG", "mentions": [{"start": 0, "end": 2, "text": "We", "kind": "pronoun"}]}],
         "events": [{"id": "v", "type": "Meet", "modality": "planned"}, {"id": "w", "type": "Call", "modality": "actual"}],
         "claims": []},
        {"doc_id": "x2", "entities": [], "events": [{"id": "v", "type": "Meet", "modality": "planned"}], "claims": []},
        {"doc_id": "x3", "entities": [], "events": [], "claims": []},
    ]
    dev.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    guesses = text_blind.records(str(DATA), str(dev))[0]
    # Meet is in 2 of 3 documents (>= half), Call in 1 (< half); "we" was an ORG
    assert [(v["type"], v["modality"]) for v in guesses["events"]] == [("Meet", "planned")]
    assert [(e["name"], e["type"]) for e in guesses["entities"]] == [("we", "ORG")]
    with pytest.raises(BaselineError, match="no such file"):
        text_blind.records(str(DATA), str(tmp_path / "absent.jsonl"))
