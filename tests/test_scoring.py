"""Hand-worked examples for every field rule in both modes, gold against itself,
and agreement with scikit-learn on label fields. Expected values are written as
the fractions worked out in the comments."""

from __future__ import annotations

import pytest
from sklearn.metrics import precision_recall_fscore_support

from benchmark import score
from benchmark.model.loading import load_documents, load_gold
from benchmark.scoring.metrics import Counts
from benchmark.model.paths import DATA
from scoring_builders import clm, doc, ent, evt
from scoring_fixture import GOLD


def counts(gold, predicted, mode="lenient", kind=None, field=None):
    report = score({g.doc_id: g for g in gold}, predicted, mode, resamples=0)
    return report if kind is None else report.field(kind, field).counts


# --- entities -------------------------------------------------------------------------------

GOLD_ENTITIES = doc(entities=[
    ent("e1", "Vladimir Putin", "PER", aliases=["Putin", "Vova"],
        mentions=[(0, 14, "Vladimir Putin", "name"), (30, 35, "Putin", "name")]),
    ent("e2", "NATO", "ORG", aliases=[], mentions=[(50, 54, "NATO", "name")]),
])


def test_entity_name_lenient_matches_any_gold_surface_form():
    predicted = doc(entities=[ent("p1", "putin", "PER"), ent("p2", "Geneva", "GPE")])
    # p1 ~ e1 (shared surface "putin", a name mention of e1); p2 shares no key with any gold entity: spurious
    c = counts([GOLD_ENTITIES], [predicted], "lenient", "entity", "name")
    assert c == Counts(tp=1, fp=1, fn=1)
    assert (c.precision, c.recall) == (1 / 2, 1 / 2)


def test_an_alias_that_is_no_mention_earns_nothing():
    # "Vova" is an alias of e1 but never a mention in the text: no surface form, so no key and no name
    r = counts([GOLD_ENTITIES], [doc(entities=[ent("p", "Vova", "PER")])])
    assert r.field("entity", "name").counts == Counts(0, 1, 2)
    # predicted aliases are no key either: an entity whose aliases flood every name aligns with nothing
    r = counts([GOLD_ENTITIES], [doc(entities=[ent("p", "Entity", "PER", aliases=["Putin", "NATO", "Vova"])])])
    assert r.field("entity", "type").counts == Counts(0, 1, 2)


US = doc(entities=[ent("e1", "United States", "GPE", aliases=["U.S."], mentions=[
    (0, 13, "United States", "name"), (40, 50, "Washington", "name"), (60, 62, "it", "pronoun"),
    (70, 81, "the country", "nominal")])])


def test_entity_name_lenient_never_matches_a_pronoun_or_nominal_mention():
    # "Washington" is a name-kind mention of e1: aligned, and the lenient name agrees
    assert counts([US], [doc(entities=[ent("p", "Washington", "GPE")])], "lenient", "entity", "name") == Counts(1, 0, 0)
    # "it" and "the country" are a pronoun and a nominal: no shared surface form, so no
    # alignment at all; each prediction is spurious (name FP 1, type FP 1) and e1 missed
    for name in ("it", "The country"):
        r = counts([US], [doc(entities=[ent("p", name, "GPE")])])
        assert r.field("entity", "name").counts == Counts(0, 1, 1)
        assert r.field("entity", "type").counts == Counts(0, 1, 1)
    # aligned through an overlapping mention, a prediction named "it" still disagrees on the name
    r = counts([US], [doc(entities=[ent("p", "it", "GPE", mentions=[(60, 62, "it", "pronoun")])])])
    assert r.field("entity", "type").counts == Counts(1, 0, 0)
    assert r.field("entity", "name").counts == Counts(0, 1, 1)
    # a predicted mention of unstated kind gives no surface form either (it aligns by offsets only)
    unkinded = doc(entities=[ent("p", "it", "GPE", mentions=[(90, 92, "it")])])
    gold = doc(entities=[ent("e1", "Russia", "GPE", mentions=[(5, 7, "it", "pronoun")])])
    assert counts([gold], [unkinded], "lenient", "entity", "type") == Counts(0, 1, 1)


def test_entity_name_strict_needs_the_canonical_name():
    predicted = doc(entities=[ent("p1", "putin", "PER"), ent("p2", "  VLADIMIR\u00a0putin ", "PER")])
    # p2 ~ e1 (the canonical name after NFKC/case/whitespace folding wins the assignment), p1 is left over
    c = counts([GOLD_ENTITIES], [predicted], "strict", "entity", "name")
    assert c == Counts(tp=1, fp=1, fn=1)


def test_entity_type_and_unaligned_objects():
    predicted = doc(entities=[ent("p1", "Putin", "ORG"), ent("p2", "Geneva", "GPE")])
    for mode in ("strict", "lenient"):
        c = counts([GOLD_ENTITIES], [predicted], mode, "entity", "type")
        # p1~e1 disagree: FP+FN; p2 unaligned: FP; e2 unaligned: FN
        assert c == Counts(tp=0, fp=2, fn=2)


def test_entity_key_by_agreeing_mention():
    # "President Putin" at (21, 36) against the gold "Putin" (30, 35): minimal spans equal
    # (the title goes), so the mentions agree and the entities align by them
    predicted = doc(entities=[ent("p1", "Russian leader", "PER", mentions=[(21, 36, "President Putin")])])
    report = counts([GOLD_ENTITIES], [predicted])
    assert report.field("entity", "type").counts == Counts(tp=1, fp=0, fn=1)  # aligned through the mention
    assert report.field("entity", "mentions").counts == Counts(tp=1, fp=0, fn=2)
    # mere overlap is no agreement: a span (0, 60) over "Vladimir Putin" (0, 14) has Dice
    # 2*14/74 = 0.38 < 1/2 with it, and none with the others: it aligns with nothing
    long = doc(entities=[ent("p1", "Russian leader", "PER", mentions=[(0, 60, "x" * 60)])])
    assert counts([GOLD_ENTITIES], [long]).field("entity", "type").counts == Counts(0, 1, 2)


def test_entity_key_by_mentions_needs_half_of_the_predicted_mentions():
    # a predicted entity with 3 mentions, one agreeing with e2's "NATO": 1 < 3/2, no key
    flood = doc(entities=[ent("p", "Alliance", "ORG", mentions=[(50, 54, "NATO"), (60, 64, "aaaa"), (70, 74, "bbbb")])])
    assert counts([GOLD_ENTITIES], [flood]).field("entity", "type").counts == Counts(0, 1, 2)
    # with two of them agreeing (e2 gains a second mention), 2 >= 3/2: aligned
    gold = doc(entities=[ent("e2", "NATO", "ORG", mentions=[(50, 54, "NATO", "name"), (60, 64, "aaaa", "name")])])
    assert counts([gold], [flood]).field("entity", "type").counts == Counts(1, 0, 0)


def test_mentions_strict_exact_lenient_extent_one_to_one():
    gold = doc(entities=[ent("e", "X", "PER", mentions=[(0, 5, "aaaaa"), (10, 20, "bbbbbbbbbb")])])
    predicted = doc(entities=[ent("p", "X", "PER", mentions=[
        (0, 5, "aaaaa"), (11, 19, "bbbbbbbb"), (12, 18, "bbbbbb"), (14, 15, "b")])])
    # strict: only (0,5) exact -> TP 1, FP 3, FN 1
    assert counts([gold], [predicted], "strict", "entity", "mentions") == Counts(1, 3, 1)
    # lenient: (10,20) agrees with (11,19) (Dice 16/18) and (12,18) (12/16) but matches one;
    # (14,15) covers one character: Dice 2/11 < 1/2, no agreement -> TP 2, FP 2, FN 0
    c = counts([gold], [predicted], "lenient", "entity", "mentions")
    assert c == Counts(2, 2, 0)
    assert (c.precision, c.recall) == (2 / 4, 2 / 2)


def test_lenient_mentions_maximum_matching():
    # gold A=(0,10) B=(4,14); predicted X=(0,10) agrees with A (exact) and B (Dice 12/20),
    # Y=(0,8) with A only (Dice 16/18; with B 8/18 < 1/2): matching A-Y, B-X gives 2
    # (greedy exact-first would pair X-A and leave 1)
    gold = doc(entities=[ent("e", "X", mentions=[(0, 10, "a" * 10), (4, 14, "b" * 10)])])
    predicted = doc(entities=[ent("p", "X", mentions=[(0, 10, "a" * 10), (0, 8, "y" * 8)])])
    assert counts([gold], [predicted], "lenient", "entity", "mentions") == Counts(2, 0, 0)
    assert counts([gold], [predicted], "strict", "entity", "mentions") == Counts(1, 1, 1)


def test_minimal_spans_and_heads():
    gold = doc(entities=[ent("e", "Ryabkov", "PER", mentions=[
        (0, 46, "Russian Deputy Foreign Minister Sergei Ryabkov", "name"),
        (100, 132, "the two countries' top diplomats", "nominal"),
        (200, 209, "Russia's", "name")])])
    predicted = doc(entities=[ent("p", "Ryabkov", "PER", mentions=[
        (32, 46, "Sergei Ryabkov"),  # Dice 2*14/(14+46) = 0.47 < 1/2, but the same head "Ryabkov", 0.47 >= 1/4
        (123, 132, "diplomats"),  # the gold nominal's head word
        (200, 206, "Russia")])])  # equal minimal spans (possessive 's)
    assert counts([gold], [predicted], "lenient", "entity", "mentions") == Counts(3, 0, 0)
    # "Sergei" alone: Dice 12/52 < 1/2, not the head, another head: no agreement
    first = doc(entities=[ent("p", "Ryabkov", "PER", mentions=[(32, 38, "Sergei")])])
    assert counts([gold], [first], "lenient", "entity", "mentions") == Counts(0, 1, 3)
    head = doc(entities=[ent("p", "Ryabkov", "PER", mentions=[(39, 46, "Ryabkov")])])
    assert counts([gold], [head], "lenient", "entity", "mentions") == Counts(1, 0, 2)


def test_equal_heads_agree_within_a_bounded_extent():
    # gold "the line" (149,157), predicted "the line of separation" (149,171): minimal spans
    # "line" and "line of separation" have Dice 8/22 = 0.36 < 1/2, but both heads are "line"
    # and 0.36 >= 1/4: they agree
    gold = doc(entities=[ent("g", "line", "LOC", mentions=[(149, 157, "the line", "nominal")])])
    wider = doc(entities=[ent("p", "line of separation", "LOC", mentions=[(149, 171, "the line of separation")])])
    assert counts([gold], [wider], "lenient", "entity", "mentions") == Counts(1, 0, 0)
    assert counts([gold], [wider], "strict", "entity", "mentions") == Counts(0, 1, 1)
    # the same head inside a much longer span ("line" 4 characters against 40): Dice 8/44 < 1/4
    text = "the line of separation between the forces"
    far = doc(entities=[ent("p", "x", "LOC", mentions=[(149, 149 + len(text), text)])])
    assert counts([gold], [far], "lenient", "entity", "mentions") == Counts(0, 1, 1)


# --- events --------------------------------------------------------------------------------

ENTITIES = [ent("e1", "Putin", "PER"), ent("e2", "United States", "GPE"), ent("e3", "Geneva", "GPE")]
PREDICTED_ENTITIES = [ent("a", "Putin", "PER"), ent("b", "United States", "GPE"), ent("c", "Geneva", "GPE"),
                      ent("d", "Lavrov", "PER")]
GOLD_EVENT = evt("v1", "Meet", "2022-01-10", "e3", ["e1", "e2"], "planned", trigger=(100, 105, "talks"))


def test_event_fields_through_the_entity_alignment():
    gold = doc(entities=ENTITIES, events=[GOLD_EVENT])
    predicted = doc(entities=PREDICTED_ENTITIES,
                    events=[evt("x", "Meet", "2022-01", "c", ["a", "d"], "actual", trigger=(101, 104, "alk"))])
    for mode in ("strict", "lenient"):
        r = counts([gold], [predicted], mode)
        assert r.field("event", "type").counts == Counts(1, 0, 0)
        # date compares exactly: "2022-01" is not "2022-01-10" (no partial credit)
        assert r.field("event", "date").counts == Counts(0, 1, 1)
        # location c -> e3 through the entity alignment
        assert r.field("event", "location").counts == Counts(1, 0, 0)
        # participants {a->e1, d (unaligned)} vs {e1, e2}: TP 1, FP 1, FN 1
        assert r.field("event", "participants").counts == Counts(1, 1, 1)
        assert r.field("event", "modality").counts == Counts(0, 1, 1)
        # core micro over the event: TP 1+0+1+1+0 = 3, FP 0+1+0+1+1 = 3, FN 3 -> P 3/6, R 3/6
        assert r.kind("event").counts == Counts(3, 3, 3)
    # trigger (101,104) inside (100,105): Dice 6/8 >= 1/2, lenient TP; strict FP+FN
    assert counts([gold], [predicted], "lenient", "event", "trigger") == Counts(1, 0, 0)
    assert counts([gold], [predicted], "strict", "event", "trigger") == Counts(0, 1, 1)


def test_reference_to_a_wrongly_aligned_entity_disagrees():
    gold = doc(entities=ENTITIES, events=[GOLD_EVENT])
    # predicted location is Putin (a -> e1), gold location is Geneva (e3)
    predicted = doc(entities=PREDICTED_ENTITIES, events=[evt("x", "Meet", location="a")])
    assert counts([gold], [predicted], "lenient", "event", "location") == Counts(0, 1, 1)


def test_only_one_side_filled_and_set_elements_of_unaligned_objects():
    gold = doc(entities=ENTITIES, events=[GOLD_EVENT])
    predicted = doc(entities=PREDICTED_ENTITIES, events=[
        evt("x", "Meet", trigger=(100, 105, "talks")),  # aligned to v1 (same type, same trigger); only type filled
        evt("y", "Attack", participants=["a", "b"], modality="actual"),  # no key: spurious
    ])
    r = counts([gold], [predicted])
    assert r.field("event", "date").counts == Counts(0, 0, 1)  # gold only: FN
    assert r.field("event", "participants").counts == Counts(0, 2, 2)  # y's two elements FP, v1's two FN
    assert r.field("event", "type").counts == Counts(1, 1, 0)
    assert r.field("event", "modality").counts == Counts(0, 1, 1)


def test_hungarian_beats_greedy():
    # gold g1 trigger (0,10) on 2022-01-10, g2 trigger (4,14) on 2022-01-12; predicted p1 trigger
    # (0,10) on 2022-01-12 (agrees with g1 exactly, with g2 at Dice 12/20), p2 trigger (0,8) on
    # 2022-01-10 (agrees with g1 only). Greedy by trigger pairs p1-g1 (no date agrees); the
    # optimum pairs p1-g2 and p2-g1 and every date agrees.
    gold = doc(events=[evt("g1", "Meet", "2022-01-10", trigger=(0, 10, "a" * 10)),
                       evt("g2", "Meet", "2022-01-12", trigger=(4, 14, "b" * 10))])
    predicted = doc(events=[evt("p1", "Meet", "2022-01-12", trigger=(0, 10, "a" * 10)),
                            evt("p2", "Meet", "2022-01-10", trigger=(0, 8, "c" * 8))])
    assert counts([gold], [predicted], "strict", "event", "date") == Counts(2, 0, 0)


def test_duplicate_references_count_the_set_of_gold_objects_they_reach():
    """Hand-worked: three identical Putin entities (a, a2, a3) all listed as
    participants: they reach one gold participant (e1) of two. TP = |{e1} & {e1, e2}|
    = 1, FP = 3 references - 1 = 2, FN = 2 - 1 = 1 (the old per-id count gave TP 3,
    FP 0, FN -1). A claim about an event and its identical twin: TP 1, FP 1, FN 0."""
    gold = doc(entities=ENTITIES, events=[GOLD_EVENT], claims=[GOLD_CLAIM])
    putin = [ent(i, "Putin", "PER") for i in ("a", "a2", "a3")]
    events = [evt(i, "Meet", participants=["a", "a2", "a3"], trigger=(100, 105, "talks")) for i in ("x", "x2")]
    claim = clm("k", GOLD_CLAIM.content, "said", about=["x", "x2"])
    predicted = doc(entities=putin, events=events, claims=[claim])
    for mode in ("strict", "lenient"):
        r = counts([gold], [predicted], mode)
        assert r.field("event", "participants").counts == Counts(1, 2 + 3, 1)  # x: 1, 2, 1; the twin x2: FP 3
        assert r.field("claim", "about").counts == Counts(1, 1, 0)
        assert r.field("entity", "name").counts == Counts(1, 2, 2)  # the twins a2, a3 are spurious
        assert all(f.counts.fp >= 0 and f.counts.fn >= 0 for f in r.fields)
    # the same counts whichever copy is listed, and however often
    once = doc(entities=putin, events=[evt("x", "Meet", participants=["a3", "a3"], trigger=(100, 105, "talks"))])
    assert counts([gold], [once], "lenient", "event", "participants") == Counts(1, 0, 1)


def test_a_date_never_anchors_an_event():
    gold = doc(events=[evt("g", "Meet", "2022-01-10")])
    assert counts([gold], [doc(events=[evt("p", "Meet", "2022-01-10")])], "lenient", "event", "date") == Counts(0, 1, 1)


def test_involving_every_entity_anchors_nothing():
    entities = [ent(f"e{i}", n, "GPE") for i, n in enumerate(["Russia", "Ukraine", "Geneva", "Moscow", "Kyiv"])]
    gold = doc(entities=entities, events=[evt("g", "Meet", participants=["e0"])])
    predicted = [ent(f"p{i}", e.name, "GPE") for i, e in enumerate(entities)]
    # p0 -> e0 is the only involved entity of g: 1 of 5 predicted participants < 1/4... no: 1/5 < 1/4
    every = doc(entities=predicted, events=[evt("v", "Meet", participants=[f"p{i}" for i in range(5)])])
    assert counts([gold], [every], "lenient", "event", "type").tp == 0
    # 1 of 4 (a quarter) anchors
    four = doc(entities=predicted, events=[evt("v", "Meet", participants=[f"p{i}" for i in range(4)])])
    assert counts([gold], [four], "lenient", "event", "type").tp == 1


# --- claims --------------------------------------------------------------------------------

GOLD_CLAIM = clm("c1", "talks with the United States would begin on Jan. 10 in Geneva", "said", "e1",
                 "indirect", "affirm", ["v1"], span=(200, 262))


def test_claim_fields_both_modes():
    gold = doc(entities=ENTITIES, events=[GOLD_EVENT], claims=[GOLD_CLAIM])
    predicted = doc(entities=PREDICTED_ENTITIES, events=[evt("x", "Meet", trigger=(100, 105, "talks"))], claims=[
        # tokens talks with united states would begin on jan 10 (9) against the gold's 11 (the
        # same plus in geneva): F1 = 18/20 = 0.9, above the key (1/2) and the content threshold (0.8)
        clm("k", "talks with the United States would begin on Jan. 10", "Said.", "a", "direct", "affirm", ["x"],
            span=(200, 250)),
    ])
    lenient, strict = counts([gold], [predicted], "lenient"), counts([gold], [predicted], "strict")
    assert lenient.field("claim", "content").counts == Counts(1, 0, 0)  # 0.9 >= 0.8
    assert strict.field("claim", "content").counts == Counts(0, 1, 1)
    assert lenient.field("claim", "cue").counts == Counts(1, 0, 0)  # SQuAD form "said" both
    assert strict.field("claim", "cue").counts == Counts(0, 1, 1)  # "said." vs "said"
    for r in (lenient, strict):
        assert r.field("claim", "claimant").counts == Counts(1, 0, 0)  # a -> e1
        assert r.field("claim", "about").counts == Counts(1, 0, 0)  # x -> v1
        assert r.field("claim", "quote").counts == Counts(0, 1, 1)
        assert r.field("claim", "polarity").counts == Counts(1, 0, 0)
    # span (200,250) against (200,262): Dice 100/112 >= 1/2
    assert lenient.field("claim", "span").counts == Counts(1, 0, 0)
    assert strict.field("claim", "span").counts == Counts(0, 1, 1)
    # lenient claim core: TP 1+1+1+0+1+1 = 5, FP 1, FN 1 -> P 5/6
    assert lenient.kind("claim").counts.precision == 5 / 6


def test_claim_content_between_the_key_and_the_content_threshold():
    gold = doc(claims=[GOLD_CLAIM])
    # "talks would begin on Jan. 10": F1 12/17 = 0.71, aligned (>= 1/2) but no content credit (< 0.8)
    r = counts([gold], [doc(claims=[clm("k", "talks would begin on Jan. 10", "said")])])
    assert r.field("claim", "cue").counts == Counts(1, 0, 0)
    assert r.field("claim", "content").counts == Counts(0, 1, 1)


def test_a_content_holding_its_cue_is_no_content():
    gold = doc(claims=[GOLD_CLAIM])
    # the whole sentence, "said" included: F1 with the gold content 22/25 = 0.88, but a cue
    # and its content are distinct spans: the claim aligns with nothing, in both modes
    sentence = "Putin said talks with the United States would begin on Jan. 10 in Geneva"
    for mode in ("strict", "lenient"):
        for cue in ("said", None, "stated"):
            r = counts([gold], [doc(claims=[clm("k", sentence, cue, quote="indirect")])], mode)
            assert r.field("claim", "content").counts == Counts(0, 1, 1)
            assert r.field("claim", "quote").counts == Counts(0, 1, 1)
    # a content holding the cue as often as the gold content does is fine (nested speech)
    nested = doc(claims=[clm("g", "Lavrov said NATO must not expand", "told", quote="indirect")])
    r = counts([nested], [doc(claims=[clm("k", "Lavrov said NATO must not expand", "said")])], "strict")
    assert r.field("claim", "content").counts == Counts(1, 0, 0)


def test_a_content_not_in_the_text_earns_nothing():
    """A predicted content must occur verbatim in the document outside its excluded
    regions (runs of whitespace are one space); else it earns no content credit and
    keys no claim, in both modes. The span is scored on its own."""
    from benchmark.model.records import Document, Excluded

    text = ("Putin said talks with the United States would begin on Jan. 10 in Geneva.\n"
            "Quoted elsewhere: talks with the US would begin on Jan. 10 in Geneva.")
    gold_content = "talks with the United States would begin on Jan. 10 in Geneva"
    start = text.index(gold_content)
    gold = doc(claims=[clm("g", gold_content, "said", quote="indirect", span=(start, start + len(gold_content)))])
    cut = text.index("Quoted")
    plain = Document("d", "seed", "outlet", "title", "2022-01-10", text, "")
    fenced = Document("d", "seed", "outlet", "title", "2022-01-10", text, "", excluded=(Excluded(cut, len(text), "quote"),))
    rewritten = "talks with the US would begin on Jan. 10 in Geneva"  # F1 0.9 with the gold: in the text only after the cut

    def claim_counts(content, document, mode):
        r = score({"d": gold}, [doc(claims=[clm("k", content, "said", quote="indirect")])], mode,
                  documents={"d": document}, resamples=0)
        return r.field("claim", "content").counts, r.field("claim", "quote").counts

    for mode in ("strict", "lenient"):
        # not verbatim at all: the cue removed, or words swapped
        for content in ("Putin talks with the United States would begin on Jan. 10 in Geneva",
                        "talks with the United States would begin in Geneva on Jan. 10"):
            assert claim_counts(content, plain, mode) == (Counts(0, 1, 1), Counts(0, 1, 1))  # unaligned
        # in the text, but only inside an excluded region: not read either
        assert claim_counts(rewritten, fenced, mode) == (Counts(0, 1, 1), Counts(0, 1, 1))
        # the same content outside the region keys the claim (quote agrees); its content is
        # credited in lenient mode only (F1 0.9)
        content, quote = claim_counts(rewritten, plain, mode)
        assert quote == Counts(1, 0, 0) and content == (Counts(1, 0, 0) if mode == "lenient" else Counts(0, 1, 1))
    # a line break in the text matches a space in the content
    wrapped = Document("d", "seed", "outlet", "title", "2022-01-10", text.replace("would begin", "would\nbegin"), "")
    assert claim_counts(gold_content, wrapped, "strict")[0] == Counts(1, 0, 0)


def test_a_document_listed_as_failed_is_scored_as_empty():
    """``meta.failed`` says the run gave no answer for a document: it is scored as
    the empty record, whatever the record holds (docs/scoring.md)."""
    from benchmark.model.records import Submission

    gold = doc(entities=ENTITIES, events=[GOLD_EVENT])
    record = doc(entities=PREDICTED_ENTITIES)
    kept = score({"d": gold}, Submission({"failed": {"d": "timeout"}}, (record,)), resamples=0)
    empty = score({"d": gold}, [doc()], resamples=0)
    assert kept.failed == ("d",)
    assert (kept.documents.array == empty.documents.array).all() and kept.headline == empty.headline == 0.0
    assert score({"d": gold}, Submission({}, (record,)), resamples=0).headline > 0


def test_claim_below_the_key_threshold_stays_unaligned():
    gold = doc(claims=[GOLD_CLAIM])
    # tokens "geneva talks" vs 11 gold tokens: common 2, F1 = 4/13 < 1/2
    predicted = doc(claims=[clm("k", "Geneva talks", "said")])
    r = counts([gold], [predicted])
    assert r.field("claim", "cue").counts == Counts(0, 1, 1)
    assert r.field("claim", "content").counts == Counts(0, 1, 1)
    assert r.field("claim", "about").counts == Counts(0, 0, 1)


# --- tracks, headline, missing documents ---------------------------------------------------

def test_grounding_not_submitted_and_headline():
    gold = doc(entities=ENTITIES, events=[GOLD_EVENT], claims=[GOLD_CLAIM])
    predicted = doc(entities=[ent("a", "Putin", "PER")])
    r = counts([gold], [predicted])
    assert [f.submitted for f in r.grounding] == [False, False, False]
    # entity core: name 1/3 TP, type 1/3 TP -> TP 2, FN 4 -> F1 4/8; events and claims F1 0
    assert r.kind("entity").counts.f1 == 4 / 8
    assert r.headline == (4 / 8 + 0 + 0) / 3


def test_missing_document_counts_as_empty():
    report = score(GOLD, [GOLD["900"]], resamples=0)
    assert report.missing == ("901",)
    assert report.field("entity", "name").counts == Counts(tp=6, fp=0, fn=5)  # 901 has 5 entities


def test_unknown_document_is_an_error():
    with pytest.raises(ValueError, match="not in the gold"):
        score(GOLD, [doc("nope")], resamples=0)


def test_undefined_scores_are_flagged():
    r = counts([doc()], [doc()])
    c = r.field("event", "date").counts
    assert c == Counts() and not c.f1_defined and r.headline == 0.0


# --- gold against itself -------------------------------------------------------------------

def _real_gold():
    documents, problems = load_documents()
    gold, more = load_gold(DATA, documents)
    assert problems == more == [] and set(gold) == set(documents)
    return gold


@pytest.mark.parametrize("which", ["fixture", "data/gold.jsonl"])
@pytest.mark.parametrize("mode", ["strict", "lenient"])
def test_gold_against_itself_is_perfect(which, mode):
    gold = GOLD if which == "fixture" else _real_gold()
    report = score(gold, gold.values(), mode, resamples=20)
    assert report.headline == 1.0
    for f in report.fields:
        assert f.submitted and f.counts.fp == f.counts.fn == 0
        assert f.counts.f1 == 1.0 or not f.counts.f1_defined
    for c in report.coreference:
        for metric in ("b3", "ceafe", "lea"):
            assert c.scores.get(__import__("benchmark.scoring.coref").scoring.coref.CorefMetric(metric)).f1 == 1.0
        assert c.scores.muc.f1 == 1.0 or not c.scores.muc.recall_defined


# --- agreement with scikit-learn -----------------------------------------------------------

def test_type_field_agrees_with_sklearn_when_every_object_aligns():
    # with a one-to-one alignment covering every object, a label field's micro P/R/F1 equals
    # sklearn's micro average over the aligned pairs: both count a wrong label as FP and FN
    types = [("PER", "PER"), ("ORG", "GPE"), ("GPE", "GPE"), ("LOC", "FAC"), ("FAC", "FAC")]
    gold = doc(entities=[ent(f"e{i}", f"name {i}", g) for i, (g, _) in enumerate(types)])
    predicted = doc(entities=[ent(f"p{i}", f"name {i}", p) for i, (_, p) in enumerate(types)])
    c = counts([gold], [predicted], "strict", "entity", "type")
    p, r, f, _ = precision_recall_fscore_support([g for g, _ in types], [p for _, p in types], average="micro")
    assert (c.precision, c.recall) == (3 / 5, 3 / 5)
    assert (c.precision, c.recall, c.f1) == pytest.approx((p, r, f))


def test_modality_per_label_agrees_with_sklearn():
    labels = [("planned", "planned"), ("actual", "planned"), ("hypothetical", "hypothetical"), ("actual", "actual")]
    gold = doc(events=[evt(f"g{i}", "Meet", modality=g, trigger=(10 * i, 10 * i + 5, "talks"))
                       for i, (g, _) in enumerate(labels)])
    predicted = doc(events=[evt(f"p{i}", "Meet", modality=p, trigger=(10 * i, 10 * i + 5, "talks"))
                            for i, (_, p) in enumerate(labels)])
    c = counts([gold], [predicted], "strict", "event", "modality")
    p, r, f, _ = precision_recall_fscore_support([g for g, _ in labels], [p for _, p in labels], average="micro")
    assert c == Counts(3, 1, 1)
    assert (c.precision, c.recall, c.f1) == pytest.approx((p, r, f))
