"""The rule baseline: date normalisation, trigger lexicon, entities, claims,
valid and byte-reproducible output, and the committed submission up to date."""

from __future__ import annotations

import subprocess
import sys

import pytest

from baselines.common import documents, sentences, submission_bytes
from baselines.rules.__main__ import run
from baselines.rules.dates import find_dates, normalise
from baselines.rules.events import TRIGGERS, find_triggers, modality
from baselines.rules.system import extract
from benchmark.model.loading import load_submission
from benchmark.model.records import EventType
from benchmark.model.paths import DATA, ROOT

TUESDAY = "2021-12-28"  # 003/004: published Tuesday 28 December 2021
MONDAY = "2021-12-27"  # 001: published Monday 27 December 2021


@pytest.mark.parametrize(("expression", "published", "expected"), [
    ("Jan. 10", TUESDAY, "2022-01-10"),  # across the year boundary
    ("January 10", TUESDAY, "2022-01-10"),
    ("the 12th of January", TUESDAY, "2022-01-12"),
    ("Jan. 12 and 13", TUESDAY, "2022-01-12"),
    ("Dec. 23", TUESDAY, "2021-12-23"),  # the nearest year, not the next one
    ("Jan. 30, 2019", TUESDAY, "2019-01-30"),
    ("December 7, 2021", TUESDAY, "2021-12-07"),
    ("Monday", TUESDAY, "2021-12-27"),  # the Monday on or before published
    ("Monday", MONDAY, "2021-12-27"),  # published on a Monday: that day
    ("Tuesday", MONDAY, "2021-12-21"),
    ("earlier this month", TUESDAY, "2021-12"),
    ("next month", TUESDAY, "2022-01"),
    ("early next year", TUESDAY, "2022"),
    ("mid-January", TUESDAY, "2022-01"),
    ("in January", TUESDAY, "2022-01"),
    ("since 2002", TUESDAY, "2002"),
    ("Dec. 10", "2022-01-05", "2021-12-10"),  # the boundary the other way
    ("the following day", TUESDAY, None),
])
def test_date_normalisation(expression, published, expected):
    assert normalise(expression, published) == expected


def test_dates_found_with_offsets():
    text = "Talks on Jan. 10, confirmed Monday, after a call earlier this month."
    found = find_dates(text, TUESDAY)
    assert [(d.text, d.value) for d in found] == [
        ("Jan. 10", "2022-01-10"), ("Monday", "2021-12-27"), ("earlier this month", "2021-12")]
    assert all(text[d.start:d.end] == d.text for d in found)


def test_lexicon_covers_exactly_the_eleven_types():
    assert set(TRIGGERS) == {t.value for t in EventType}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("the two sides will hold talks", [("talks", "Meet")]),
    ("Biden and Putin spoke in a video call", [("video call", "Call")]),
    ("the massing of troops and a large-scale invasion", [("massing", "Deploy"), ("invasion", "Attack")]),
    ("the annexation of Crimea triggered sanctions", [("annexation", "Annex"), ("sanctions", "Sanction")]),
    ("more military aid for Kyiv", [("military aid", "Aid")]),
    ("Biden signed into law a spending bill", [("signed into law", "Enact")]),
    ("Ukraine's bid to join NATO", [("join", "Join")]),
    ("Russia unveiled security proposals", [("proposals", "Propose")]),
    ("military exercises near the border", [("exercises", "Exercise")]),
    ("certain offensive weapons", []),  # an adjective, not an Attack
])
def test_trigger_lexicon(sentence, expected):
    assert [(t.text, t.type) for t in find_triggers(sentence)] == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    ("US and Russian officials will attend security talks", "talks", "planned"),
    ("Russia has denied plans for an assault", "assault", "hypothetical"),
    ("the US will impose sanctions if Russia invades Ukraine", "invades", "hypothetical"),
    ("Biden and Putin spoke in a video call earlier this month", "video call", "actual"),
])
def test_modality_cues(sentence, word, expected):
    (trigger,) = [t for t in find_triggers(sentence) if t.text == word]
    assert modality(sentence, 0, trigger) == expected


@pytest.fixture(scope="module")
def docs():
    return documents(DATA)


@pytest.fixture(scope="module")
def records(docs):
    return {d.doc_id: extract(d) for d in docs}


def test_nothing_is_extracted_from_excluded_regions(docs, records):
    for doc in docs:
        record = records[doc.doc_id]
        spans = [(m["start"], m["end"]) for e in record["entities"] for m in e["mentions"]]
        spans += [(v["trigger"]["start"], v["trigger"]["end"]) for v in record["events"]]
        spans += [(c["span"]["start"], c["span"]["end"]) for c in record["claims"]]
        assert spans and all(doc.in_scope(s, e) for s, e in spans)
    assert all(not s.text.startswith("Sign up") for s in sentences(docs[0]))


def test_entities_link_names_across_documents(records):
    def clusters(doc_id, name):
        return {e["cluster"] for e in records[doc_id]["entities"] if name in [e["name"], *e["aliases"]]}
    assert clusters("001", "Vladimir Putin") == clusters("004", "Vladimir Putin") == {"per-putin"}
    assert clusters("002", "United States") == clusters("000", "U.S.") == {"gpe-united-states"}
    putin = next(e for e in records["001"]["entities"] if e["cluster"] == "per-putin")
    assert putin["type"] == "PER" and "Putin" in putin["aliases"]


def test_denial_claim_and_its_event(records):
    claims = records["003"]["claims"]
    (deny,) = [c for c in claims if c["polarity"] == "deny"]
    assert deny["cue"] == "denied" and deny["content"] == "plans for an assault"
    entities = {e["id"]: e for e in records["003"]["entities"]}
    assert entities[deny["claimant"]]["name"] == "Russia"
    events = {v["id"]: v for v in records["003"]["events"]}
    assert [events[a]["type"] for a in deny["about"]] == ["Attack"]


def test_direct_quote_claim_with_claimant(records):
    claims = records["001"]["claims"]
    direct = [c for c in claims if c["quote"] == "direct"]
    assert direct and direct[0]["content"].startswith("When we sit down to talk")
    entities = {e["id"]: e for e in records["001"]["entities"]}
    assert "spokesperson" in entities[direct[0]["claimant"]]["name"]


def test_talks_event_is_dated_and_planned(records):
    meets = [v for v in records["004"]["events"] if v["type"] == "Meet" and v["date"] == "2022-01-10"]
    assert len(meets) == 1 and meets[0]["modality"] == "planned" and meets[0]["cluster"] == "meet-2022-01-10"


def test_output_validates_and_is_byte_reproducible(docs, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(["--out", str(first)]) == 0
    assert run(["--out", str(second), "--gold", str(DATA)]) == 0
    assert first.read_bytes() == second.read_bytes()
    submission, problems = load_submission(first, {d.doc_id: d for d in docs})
    assert problems == [] and submission is not None
    assert submission.meta["date"] == "2026-11-22" and submission.meta["system"] == "rules"


def test_committed_submission_is_up_to_date(docs, records):
    from baselines.common import meta
    from baselines.rules.system import DESCRIPTION, META, NAME
    expected = submission_bytes(meta(NAME, DESCRIPTION, **META), [records[d.doc_id] for d in docs])
    committed = (ROOT / "submissions" / "rules.json").read_bytes()
    assert committed == expected, "regenerate: python -m baselines.rules --out submissions/rules.json"


def test_command_line(tmp_path):
    out = tmp_path / "rules.json"
    done = subprocess.run([sys.executable, "-m", "baselines.rules", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (ROOT / "submissions" / "rules.json").read_bytes()
    missing = subprocess.run([sys.executable, "-m", "baselines.rules", "--out", str(out), "--gold",
                              str(tmp_path / "nowhere")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "no documents.jsonl" in missing.stderr
    assert "Traceback" not in missing.stderr
