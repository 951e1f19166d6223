"""Credit only for reading: degenerate submissions built from the documents alone
(``redteam``, including the families of an outside attacker who never saw the
scorer's code) earn next to nothing in both modes, padding a real system with any
of them never raises its headline, renaming changes nothing; honest systems are
not punished (oracle 1, annotators, a boundary-perturbed oracle); lenient is
never below strict on the committed submissions."""

from __future__ import annotations

from pathlib import Path

import pytest

import redteam
from benchmark import score
from benchmark.model.loading import load_split, load_submission
from benchmark.model.paths import DATA
from benchmark.model.records import Kind
from test_alignment import assert_lenient_at_least_strict

ROOT = Path(__file__).resolve().parent.parent
CEILING = 0.05
"""Most headline a family that does not read the text may earn, in either mode."""


@pytest.fixture(scope="module")
def corpus():
    split = load_split(DATA)
    assert not split.problems and split.gold is not None
    return split.documents, split.gold


def _submission(name, documents):
    submission, problems = load_submission(ROOT / "submissions" / f"{name}.json", documents)
    assert not problems and submission is not None
    return submission.by_id()


def _headline(corpus, predicted, mode):
    documents, gold = corpus
    return score(gold, list(predicted.values()), mode, documents=documents, resamples=0)


@pytest.mark.parametrize("mode", ["strict", "lenient"])
@pytest.mark.parametrize("family", sorted(redteam.NON_READING))
def test_families_that_do_not_read_earn_next_to_nothing(corpus, family, mode):
    r = _headline(corpus, redteam.NON_READING[family](corpus[0]), mode)
    assert r.headline <= CEILING, (family, mode, r.headline)


@pytest.mark.parametrize("mode", ["strict", "lenient"])
def test_cue_sentences_earn_no_content(corpus, mode):
    """The issue's row 2: whole-document objects plus every sentence with a cue
    word as a claim: no content credit (the contents hold their cues)."""
    for family in ("cue sentences", "whole document + cue sentences"):
        r = _headline(corpus, redteam.READING_A_LITTLE[family](corpus[0]), mode)
        assert r.field("claim", "content").counts.tp == 0
        assert r.headline <= CEILING


@pytest.mark.parametrize("real", ["rules", "spacy"])
def test_padding_a_real_system_never_raises_its_headline(corpus, real):
    documents, _ = corpus
    base = _submission(real, documents)
    families = {**redteam.NON_READING, **redteam.READING_A_LITTLE}
    for mode in ("strict", "lenient"):
        before = _headline(corpus, base, mode).headline
        for name, family in families.items():
            after = _headline(corpus, redteam.pad(base, family(documents)), mode).headline
            assert after <= before, (real, name, mode, after, before)
        for name, change in (("duplicated", redteam.duplicated), ("merged clusters", redteam.merged_clusters),
                             ("singleton clusters", redteam.singleton_clusters)):
            after = _headline(corpus, change(base), mode).headline
            assert after <= before, (real, name, mode, after, before)


@pytest.mark.parametrize("mode", ["strict", "lenient"])
@pytest.mark.parametrize("family", sorted(redteam.OUTSIDE_NON_READING))
def test_outside_attackers_families_that_do_not_read_earn_next_to_nothing(corpus, family, mode):
    """The families of an attacker who never saw the scorer's code (tests/redteam.py):
    whole-document, date and trigger spam, sentence and clause claims, mention
    floods, the event grid without named entities (with and without referenced
    twins), and cue sentences rewritten without their cue (not text of the document)."""
    r = _headline(corpus, redteam.OUTSIDE_NON_READING[family](corpus[0]), mode)
    assert r.headline <= CEILING, (family, mode, r.headline)


READING_CEILING = 0.25
"""Most headline a family that reads a little (capitalisation NER, cue-word claim
splits) may earn: well below the rules baseline (0.64), reported in docs/scoring.md."""


@pytest.mark.parametrize("mode", ["strict", "lenient"])
@pytest.mark.parametrize("family", sorted(redteam.OUTSIDE_READING_A_LITTLE))
def test_outside_attackers_reading_families_are_bounded(corpus, family, mode):
    """Families that read a little keep bounded credit; the entity x event-type grids'
    events (one guessed participant, every type) earn at most ``CEILING`` event F1:
    their headline is their capitalised-token entities'."""
    r = _headline(corpus, redteam.OUTSIDE_READING_A_LITTLE[family](corpus[0]), mode)
    assert r.headline <= READING_CEILING, (family, mode, r.headline)
    if "grid" in family:
        assert r.kind(Kind.EVENT).counts.f1 <= CEILING, (family, mode, r.kind(Kind.EVENT).counts.f1)


@pytest.mark.parametrize("real", ["rules", "spacy"])
def test_outside_attackers_padding_never_raises_a_headline(corpus, real):
    """Identical twins referenced in participants and about, repeated ids, mention-only
    and capitalised entities, guessed dates, event grids, sentence claims, claim
    variants, mention floods, one cluster: none raises the headline, in either mode."""
    documents, _ = corpus
    base = _submission(real, documents)
    for mode in ("strict", "lenient"):
        before = _headline(corpus, base, mode).headline
        for name, padding in redteam.OUTSIDE_PADDING.items():
            after = _headline(corpus, padding(base, documents), mode)
            assert after.headline <= before, (real, name, mode, after.headline, before)
            assert (after.documents.array >= 0).all(), (real, name, mode)


def test_a_failed_document_scores_as_empty_whatever_its_record(corpus):
    """``meta.failed`` with the record kept scores the document as empty (the outside
    attacker found it scored as submitted); ``meta.truncated`` changes nothing."""
    from benchmark.model.records import Submission

    documents, gold = corpus
    base = _submission("rules", documents)
    records = tuple(base[d] for d in sorted(base))
    emptied = {**base, "004": type(base["004"])("004")}
    for mode in ("strict", "lenient"):
        failed = score(gold, Submission({"failed": {"004": "timeout"}}, records), mode, documents=documents, resamples=0)
        assert (failed.documents.array == _headline(corpus, emptied, mode).documents.array).all()
        assert failed.headline < _headline(corpus, base, mode).headline
        truncated = score(gold, Submission({"truncated": dict.fromkeys(base, "cut")}, records), mode,
                          documents=documents, resamples=0)
        assert truncated.headline == _headline(corpus, base, mode).headline


@pytest.mark.parametrize("real", ["rules", "spacy"])
def test_renaming_every_id_changes_no_score(corpus, real):
    documents, _ = corpus
    base = _submission(real, documents)
    renamed = {d: redteam.rename(a, lambda i: f"z{len(i)}_{i[::-1]}") for d, a in reversed(list(base.items()))}
    renamed = {d: type(a)(d, a.entities[::-1], a.events[::-1], a.claims[::-1]) for d, a in renamed.items()}
    for mode in ("strict", "lenient"):
        a, b = _headline(corpus, base, mode), _headline(corpus, renamed, mode)
        assert (a.documents.array == b.documents.array).all() and a.headline == b.headline
        assert a.coreference == b.coreference and a.mention_detection == b.mention_detection


@pytest.mark.parametrize("name", ["rules", "spacy", "annotator_c", "annotator_d", "llm-qwen2.5-coder-1.5b", "oracle"])
def test_lenient_never_below_strict_on_committed_submissions(corpus, name):
    documents, gold = corpus
    assert_lenient_at_least_strict(gold, list(_submission(name, documents).values()), documents)


def test_oracle_scores_one_in_both_modes(corpus):
    documents, gold = corpus
    for mode in ("strict", "lenient"):
        r = score(gold, list(gold.values()), mode, documents=documents, resamples=0)
        assert r.headline == 1.0 and all(f.counts.f1 == 1.0 for f in r.fields if f.counts.f1_defined)


@pytest.mark.parametrize("name,before", [("annotator_c", (0.9598, 0.9589)), ("annotator_d", (0.9601, 0.9601))])
def test_annotators_within_two_points_of_before(corpus, name, before):
    """Headlines (lenient, strict) of the scorer before the credit-only-for-reading
    change (commit f3e1f1b), measured on the current gold: an honest annotation
    loses < 0.02 to the new span, key and content rules."""
    documents, _ = corpus
    for mode, was in zip(("lenient", "strict"), before, strict=True):
        assert abs(_headline(corpus, _submission(name, documents), mode).headline - was) < 0.02


def test_boundary_perturbed_oracle_keeps_its_credit(corpus):
    """Determiners, titles, possessive 's and trailing punctuation toggled on 30 % of
    the spans that have one: lenient headline >= 0.90, and the grounding keeps most
    of its credit (strict grounding, which needs exact offsets, does not)."""
    documents, gold = corpus
    sloppy = redteam.perturbed(gold, documents)
    moved = sum(1 for d in gold for a, b in zip(gold[d].entities, sloppy[d].entities, strict=True) if a.mentions != b.mentions)
    assert moved > 10  # the perturbation happened
    lenient = _headline(corpus, sloppy, "lenient")
    strict = _headline(corpus, sloppy, "strict")
    assert lenient.headline >= 0.90
    for kind, field in (("entity", "mentions"), ("event", "trigger"), ("claim", "span")):
        assert lenient.field(kind, field).counts.f1 >= 0.95
    assert strict.field("entity", "mentions").counts.f1 < lenient.field("entity", "mentions").counts.f1
    assert lenient.kind(Kind.ENTITY).counts.f1 == 1.0
