"""Integrity and completeness of the gold annotation (data/gold.jsonl).

See docs/guidelines.md: offsets and ids (section 1 "Scope, offsets, ids"), references,
the name/alias completeness rule (section 2, "Named": every occurrence of a name), the
quotation rule (6.4 "quote": a quotation is a direct claim) and cluster consistency
(sections 8-9).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from benchmark.model.loading import load_documents, load_gold
from benchmark.model.paths import DATA

ROOT = Path(__file__).resolve().parent.parent
DOC_IDS = ["000", "001", "002", "003", "004"]

# Quotation-mark pairs in the article proper that are deliberately NOT inside a direct
# claim (docs/guidelines.md 6.4): quoted words or fragments inside indirect claims.
QUOTE_ALLOW = {
    ("000", '"unacceptable."'),
    # 000:19: the fronted report begins with the author's lead-in "Biden’s", so the claim is
    # indirect speech embedding a quotation (guidelines 6.3-6.4; docs/decisions.md §6, §10)
    ("000", '"approach on Ukraine has been clear and consistent: Unite the alliance behind two tracks: '
            'deterrence and diplomacy. We are unified as an Alliance on the consequences Russia would face '
            'if it moves on Ukraine,"'),
    ("002", "“the bilateral Russian-American consultations”"),
    ("002", "“immediate”"),
    ("004", "“abstract”"),
}
QUOTE_MARKS = '"“”'


@pytest.fixture(scope="module")
def dataset():
    documents, problems = load_documents(DATA)
    assert not problems, [str(p) for p in problems]
    gold, problems = load_gold(DATA, documents)
    assert not problems, [str(p) for p in problems]
    return documents, gold


def test_gold_is_built_from_sources():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_gold.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_document_annotated(dataset):
    documents, gold = dataset
    assert sorted(gold) == DOC_IDS == sorted(documents)
    lines = [line for line in (DATA / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == len(DOC_IDS)


def test_offsets_slice_and_stay_in_scope(dataset):
    documents, gold = dataset
    bad = []
    for doc_id, ann in gold.items():
        doc = documents[doc_id]
        text = doc.text
        for e in ann.entities:
            assert e.mentions, (doc_id, e.id)
            for m in e.mentions:
                if text[m.start:m.end] != m.text or not doc.in_scope(m.start, m.end) or m.text != m.text.strip():
                    bad.append((doc_id, e.id, m))
        for v in ann.events:
            t = v.trigger
            if text[t.start:t.end] != t.text or not doc.in_scope(t.start, t.end):
                bad.append((doc_id, v.id, t))
        for c in ann.claims:
            if text[c.span.start:c.span.end] != c.content or not doc.in_scope(c.span.start, c.span.end):
                bad.append((doc_id, c.id, c.span))
            if c.cue not in text:
                bad.append((doc_id, c.id, c.cue))
    assert not bad


def test_references_resolve_and_ids_follow_convention(dataset):
    _, gold = dataset
    bad = []
    for doc_id, ann in gold.items():
        entity_ids = {e.id for e in ann.entities}
        event_ids = {v.id for v in ann.events}
        ids = [o.id for o in (*ann.entities, *ann.events, *ann.claims)]
        assert len(ids) == len(set(ids)), doc_id
        bad += [(doc_id, e.id) for e in ann.entities if not re.fullmatch(r"e\d+", e.id)]
        bad += [(doc_id, v.id) for v in ann.events if not re.fullmatch(r"v\d+", v.id)]
        bad += [(doc_id, c.id) for c in ann.claims if not re.fullmatch(r"c\d+", c.id)]
        for v in ann.events:
            refs = list(v.participants) + ([v.location] if v.location else [])
            bad += [(doc_id, v.id, r) for r in refs if r not in entity_ids]
            assert len(set(v.participants)) == len(v.participants), (doc_id, v.id)
        for c in ann.claims:
            if c.claimant is not None and c.claimant not in entity_ids:
                bad.append((doc_id, c.id, c.claimant))
            bad += [(doc_id, c.id, r) for r in c.about if r not in event_ids]
        # every entity is used or mentioned (mentions are checked above); aliases are name mentions
        for e in ann.entities:
            names = {m.text for m in e.mentions if m.kind.value == "name"}
            if set(e.aliases) - names or (names and e.name not in names and e.name not in e.aliases):
                # canonical name of an adjective-only or unnamed entity need not be a mention
                if set(e.aliases) - names:
                    bad.append((doc_id, e.id, "aliases", e.aliases))
    assert not bad


def _occurrences(text: str, surface: str):
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_every_name_occurrence_is_a_mention(dataset):
    """Guidelines section 2 ("Named"): each in-scope occurrence of a name/alias lies in a
    mention of an entity carrying that surface, unless it is inside another entity's name
    mention."""
    documents, gold = dataset
    missing = []
    for doc_id, ann in gold.items():
        doc = documents[doc_id]
        owners = defaultdict(list)
        for e in ann.entities:
            # the surfaces of its name mentions: canonical name and aliases (an unnamed
            # entity's canonical name is a head nominal and is not checked)
            for surface in {m.text for m in e.mentions if m.kind.value == "name"} | set(e.aliases):
                owners[surface].append(e)
        name_spans = [(m.start, m.end, e.id) for e in ann.entities for m in e.mentions if m.kind.value == "name"]
        for surface, entities in owners.items():
            for start, end in _occurrences(doc.text, surface):
                if not doc.in_scope(start, end):
                    continue
                covered = any(m.start <= start and end <= m.end for e in entities for m in e.mentions)
                inside_other_name = any(
                    s <= start and end <= t and (s, t) != (start, end) and eid not in {e.id for e in entities}
                    for s, t, eid in name_spans
                )
                if not covered and not inside_other_name:
                    missing.append((doc_id, surface, start, doc.text[max(0, start - 30):end + 30]))
    assert not missing, "occurrences not annotated:\n" + "\n".join(map(repr, missing))


def test_proper_names_are_atomic(dataset):
    """Guidelines 3.3 ("Names are atomic"): a name inside a longer proper-name mention is
    not a mention ("NATO-Russia Council" is one name; found by the second annotation,
    docs/adjudication.md)."""
    _, gold = dataset
    nested = []
    for doc_id, ann in sorted(gold.items()):
        names = [(m.start, m.end, e.id) for e in ann.entities for m in e.mentions if m.kind.value == "name"]
        nested += [
            (doc_id, inner, outer) for inner in names for outer in names
            if outer[0] <= inner[0] and inner[1] <= outer[1] and outer[1] - outer[0] > inner[1] - inner[0]
        ]
    assert nested == []


def _quote_pairs(doc):
    marks = [i for i, ch in enumerate(doc.text) if ch in QUOTE_MARKS and doc.in_scope(i, i + 1)]
    assert len(marks) % 2 == 0, (doc.doc_id, "odd number of quotation marks", marks)
    return [(marks[i], marks[i + 1] + 1) for i in range(0, len(marks), 2)]


def test_every_quotation_is_in_a_direct_claim_or_allowed(dataset):
    documents, gold = dataset
    bad, used = [], set()
    for doc_id, ann in gold.items():
        doc = documents[doc_id]
        direct = [c.span for c in ann.claims if c.quote.value == "direct"]
        for start, end in _quote_pairs(doc):
            quoted = doc.text[start:end]
            if any(s.start <= start and end <= s.end for s in direct):
                continue
            if (doc_id, quoted) in QUOTE_ALLOW:
                used.add((doc_id, quoted))
                continue
            bad.append((doc_id, start, quoted))
        for c in ann.claims:
            if c.quote.value == "direct":
                assert any(ch in c.content for ch in QUOTE_MARKS), (doc_id, c.id, "direct claim without quotation marks")
    assert not bad, bad
    assert used == QUOTE_ALLOW, QUOTE_ALLOW - used


def test_clusters_are_consistent(dataset):
    _, gold = dataset
    seen: dict[str, tuple[str, str]] = {}
    bad = []
    prefixes = {"entity": "E:", "event": "V:", "claim": "C:"}
    for doc_id, ann in sorted(gold.items()):
        for kind, objects in (("entity", ann.entities), ("event", ann.events), ("claim", ann.claims)):
            in_doc = [o.cluster for o in objects]
            dupes = {c for c in in_doc if in_doc.count(c) > 1}
            bad += [(doc_id, kind, "cluster used twice in one document", c) for c in dupes]
            for o in objects:
                if not o.cluster.startswith(prefixes[kind]) or not re.fullmatch(r"[ECV]:[a-z0-9-]+", o.cluster):
                    bad.append((doc_id, o.id, o.cluster))
                key = (kind, getattr(o, "type", None).value if getattr(o, "type", None) else "")
                if seen.setdefault(o.cluster, key) != key:
                    bad.append((doc_id, o.id, o.cluster, key, seen[o.cluster]))
    assert not bad, bad


def test_every_field_filled(dataset):
    _, gold = dataset
    for doc_id, ann in gold.items():
        for e in ann.entities:
            assert e.type and e.name and e.aliases is not None and e.cluster, (doc_id, e.id)
            assert all(m.kind is not None for m in e.mentions), (doc_id, e.id)
        for v in ann.events:
            assert v.type and v.trigger and v.modality and v.cluster and v.participants is not None, (doc_id, v.id)
        for c in ann.claims:
            assert c.cue and c.content and c.span and c.quote and c.polarity and c.about is not None, (doc_id, c.id)
            assert c.claimant is not None, (doc_id, c.id, "every claim in these articles names its source")
