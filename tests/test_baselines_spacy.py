"""The spaCy baseline; skipped cleanly where spaCy or its English model is absent."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from baselines.common import BaselineError, documents  # noqa: E402
from baselines.spacy.__main__ import load_model, run  # noqa: E402
from baselines.spacy.system import LABELS, extract  # noqa: E402
from benchmark.model.loading import load_submission  # noqa: E402
from benchmark.model.paths import DATA  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    try:
        return load_model("en_core_web_sm")[0]
    except BaselineError as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def docs():
    return documents(DATA)


@pytest.fixture(scope="module")
def records(nlp, docs):
    return {d.doc_id: extract(nlp, d) for d in docs}


def test_label_mapping_drops_norp():
    assert LABELS["PERSON"] == "PER" and "NORP" not in LABELS


def test_unknown_model_is_a_one_line_error():
    with pytest.raises(BaselineError, match="not installed"):
        load_model("no_such_model_xyz")


def test_entities_are_grounded_and_in_scope(records, docs):
    for doc in docs:
        for entity in records[doc.doc_id]["entities"]:
            assert entity["type"] in {"PER", "ORG", "GPE", "LOC", "FAC"}
            for m in entity["mentions"]:
                assert doc.text[m["start"]:m["end"]] == m["text"] and doc.in_scope(m["start"], m["end"])
    names = {e["name"] for e in records["002"]["entities"]}
    assert {"Jen Psaki", "Geneva"} <= names


def test_denial_claim_from_the_parse(records):
    (deny,) = [c for c in records["003"]["claims"] if c["polarity"] == "deny"]
    assert deny["cue"] == "denied" and deny["content"] == "plans for an assault"
    entities = {e["id"]: e["name"] for e in records["003"]["entities"]}
    assert entities[deny["claimant"]] == "Russia"


def test_quoted_complement_is_direct(records):
    direct = [c for c in records["002"]["claims"] if c["quote"] == "direct"]
    assert any(c["content"].startswith("There have been proposals") and c["cue"] == "said" for c in direct)


def test_output_validates_and_is_reproducible(nlp, docs, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run(["--out", str(a)]) == 0 and run(["--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    submission, problems = load_submission(a, {d.doc_id: d for d in docs})
    assert problems == [] and submission is not None and submission.meta["system"] == "spacy"
