"""Inter-annotator agreement: the published tables are what the command computes,
each second annotation is what its sources build, the gold is the central reading,
and the measure behaves as documented (docs/agreement.md)."""

from __future__ import annotations

import copy
import importlib.util
import json

import pytest

from benchmark.dataset.agreement import (
    END, GOLD_BEFORE, START, AgreementError, Source, field_table, markdown_tables, measure, measured, replace_block,
)
from benchmark.scoring.field_rules import Mode
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


def test_history_annotator_b_is_built_from_its_sources():
    history = DATA / "agreement" / "history"
    spec = importlib.util.spec_from_file_location("build_annotator_b", history / "build_annotator_b.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    docs = builder.load_docs()
    built = [
        builder.build_doc(docs[d], json.loads((builder.SRC / f"{d}.json").read_text(encoding="utf-8")))
        for d in sorted(docs)
    ]
    committed = json.loads((history / "annotator_b.json").read_text(encoding="utf-8"))
    assert committed["documents"] == built


@pytest.mark.parametrize("letter", ["c", "d", "e", "f", "g", "h"])
def test_second_annotations_are_built_from_their_sources_and_frozen_on_the_board(letter):
    spec = importlib.util.spec_from_file_location("build_second", ROOT / "scripts" / "build_second_annotation.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    source = Source("x", DATA / "agreement" / f"annotator_{letter}.json")
    assert source.path.read_text(encoding="utf-8") == builder.render(letter)
    assert (SUBMISSIONS / f"annotator_{letter}.json").read_bytes() == source.path.read_bytes()
    assert "AI model session (not a human)" in json.loads(builder.render(letter))["meta"]["description"]


def test_no_annotator_row_claims_to_be_human():
    for path in SUBMISSIONS.glob("*.json"):
        description = json.loads(path.read_text(encoding="utf-8"))["meta"].get("description", "").lower()
        assert "human-agreement" not in description and "hand-annotated" not in description


def test_frozen_gold_before_revision_loads_and_differs_from_the_gold():
    documents, problems = load_documents(DATA)
    before, more = load_gold(GOLD_BEFORE.path, documents)
    after, most = load_gold(DATA, documents)
    assert problems == more == most == []
    assert all(before[d] != after[d] for d in documents)


@pytest.fixture(scope="module")
def agreements():
    return {a.label: a for a in measured()}


GUIDELINES_V2 = "33c28211ca9f970a1ed0067853222f335e4b8dc8a3072e27beeee025dd8448e6"
"""sha256 of docs/guidelines.md as guidelines-v2, the version E and F annotated from."""


def test_e_and_f_read_guidelines_v2_and_the_page_reports_them(agreements):
    """E and F annotated from guidelines-v2: their frozen meta names its sha256, the
    agreement page names it too, and it reports their three pairs as measured."""
    page = (ROOT / "docs" / "agreement.md").read_text(encoding="utf-8")
    for letter in ("e", "f"):
        meta = json.loads((DATA / "agreement" / f"annotator_{letter}.json").read_text(encoding="utf-8"))["meta"]
        assert GUIDELINES_V2 in meta["description"] and "guidelines-v2" in meta["description"]
    assert GUIDELINES_V2 in page
    for label in ("gold vs annotator E", "gold vs annotator F", "annotator E vs annotator F"):
        a = agreements[label]
        assert f"| {label} | lenient | {a.lenient.headline:.4f} |" in page


def test_every_recorded_guidelines_audit_names_the_text_it_audited():
    """An outside audit is recorded with the sha256 of the guidelines it read: the
    recorded v2 audit names v2; an audit of the current text names the current sha256
    (any edit invalidates it)."""
    import hashlib

    v2 = (ROOT / "docs" / "guidelines-audit-v2.md").read_text(encoding="utf-8")
    assert v2.splitlines()[0] == f"guidelines sha256: {GUIDELINES_V2}"
    current = ROOT / "docs" / "guidelines-audit.md"
    if current.exists():
        digest = hashlib.sha256((ROOT / "docs" / "guidelines.md").read_bytes()).hexdigest()
        assert current.read_text(encoding="utf-8").splitlines()[0] == f"guidelines sha256: {digest}"


def test_the_page_states_what_the_current_agreement_is(agreements):
    """The prose quotes the measured figures, and says so when the gold is not the
    central reading of the current annotators (it never claims what the data deny)."""
    page = " ".join((ROOT / "docs" / "agreement.md").read_text(encoding="utf-8").split())
    e, f = agreements["gold vs annotator E"].lenient.headline, agreements["gold vs annotator F"].lenient.headline
    between = agreements["annotator E vs annotator F"].lenient.headline
    assert f"gold–E {e:.4f}, gold–F {f:.4f}, E–F {between:.4f}" in page
    central = min(e, f) >= between
    assert ("The gold is not the central reading of E and F" in page) == (not central)


def _submission(records) -> Submission:
    return Submission({"system": "b"}, tuple(annotation_from_json(r) for r in records))


def test_self_agreement_is_perfect_in_both_modes():
    agreement = measure("self", GOLD, _submission(gold_copy()))
    assert agreement.lenient.headline == agreement.strict.headline == 1.0
    assert field_table((agreement,), Mode.LENIENT).rows[0] == ("all", "headline", "core", "1.0000")
    assert field_table((agreement,), Mode.STRICT).rows[0] == ("all", "headline", "core", "1.0000")


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
        for f, g in zip(first.fields, second.fields, strict=True):
            assert (f.counts.tp, f.counts.fp, f.counts.fn) == (g.counts.tp, g.counts.fn, g.counts.fp)
