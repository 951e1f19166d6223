"""Inter-annotator agreement: the published tables are what the command computes,
annotator B's file is what its sources build, and the measure behaves as documented
(docs/agreement.md)."""

from __future__ import annotations

import copy
import importlib.util
import json

import pytest

from benchmark.dataset.agreement import (
    ANNOTATOR_B, BEFORE, END, START, AgreementError, field_table, markdown_tables, measure, measured, replace_block,
)
from benchmark.model.loading import annotation_from_json, load_documents, load_gold
from benchmark.model.records import Submission
from benchmark.model.paths import DATA, ROOT, SUBMISSIONS
from scoring_fixture import GOLD, gold_copy


@pytest.fixture(scope="module")
def tables() -> str:
    return markdown_tables(measured())


@pytest.mark.parametrize("path", ["docs/agreement.md", "data/README.md"])
def test_published_tables_are_fresh(tables, path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert replace_block(text, tables) == text, "run: python scripts/agreement.py"


def test_replace_block_refuses_a_file_without_markers():
    with pytest.raises(AgreementError, match="markers"):
        replace_block("no markers here", "table")
    assert replace_block(f"a\n{START}\nold\n{END}\nb", "new\n") == f"a\n{START}\nnew\n{END}\nb"


def test_annotator_b_is_built_from_its_sources():
    spec = importlib.util.spec_from_file_location("build_annotator_b", DATA / "agreement" / "build_annotator_b.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    docs = builder.load_docs()
    built = [
        builder.build_doc(docs[d], json.loads((builder.SRC / f"{d}.json").read_text(encoding="utf-8")))
        for d in sorted(docs)
    ]
    committed = json.loads(ANNOTATOR_B.read_text(encoding="utf-8"))
    assert committed["documents"] == built


def test_leaderboard_row_is_annotator_b_original():
    assert (SUBMISSIONS / "annotator_b.json").read_bytes() == ANNOTATOR_B.read_bytes()


def test_adjudication_changed_the_gold_and_both_versions_load():
    documents, problems = load_documents(DATA)
    before, more = load_gold(BEFORE, documents)
    after, most = load_gold(DATA, documents)
    assert problems == more == most == []
    changed = sorted(d for d in documents if before[d] != after[d])
    assert changed == ["002"]  # docs/adjudication.md: decisions 1-3, all in 002


def _submission(records) -> Submission:
    return Submission({"system": "b"}, tuple(annotation_from_json(r) for r in records))


def test_self_agreement_is_perfect_in_both_modes():
    agreement = measure("self", GOLD, _submission(gold_copy()))
    assert agreement.lenient.headline == agreement.strict.headline == 1.0
    row = field_table((agreement,)).rows[0]
    assert row == ("all", "headline", "core", "1.0000", "1.0000")


def test_agreement_f1_is_symmetric_in_the_two_annotators():
    """Swapping reference and second annotator swaps precision and recall, so F1 per
    field is the same either way."""
    other = gold_copy()
    other[0]["entities"] = other[0]["entities"][1:]
    other[1]["events"][0]["participants"] = []
    other[0]["claims"][0]["cue"] = "declared"
    b = {r["doc_id"]: annotation_from_json(r) for r in other}
    one = measure("x", GOLD, _submission(copy.deepcopy(other)))
    two = measure("x", b, _submission(gold_copy()))
    for mode in ("lenient", "strict"):
        first, second = getattr(one, mode), getattr(two, mode)
        assert first.headline == pytest.approx(second.headline)
        assert first.headline < 1.0
        for f, g in zip(first.fields, second.fields):
            assert (f.counts.tp, f.counts.fp, f.counts.fn) == (g.counts.tp, g.counts.fn, g.counts.fp)
