"""The rule system end to end: one document in, one submission record out."""

from __future__ import annotations

from benchmark.model.records import Document

from baselines.common import sentences
from baselines.rules.claims import find_claims
from baselines.rules.dates import find_dates
from baselines.rules.entities import find_entities, mention_index
from baselines.rules.events import Argument, SentenceView, build_events

NAME = "rules"
DESCRIPTION = (
    "Transparent pattern baseline, no model: a small gazetteer, titled capitalised spans and role "
    "nouns for entities; trigger lexicons with modality cues for events; dates normalised against "
    "the publication date; quotation marks and reporting verbs for claims. Excluded regions skipped."
)
META = {"model": "none"}
"""Extra ``meta``: the board shows "model: none" (patterns only, no learned model)."""


def extract(document: Document) -> dict:
    """The submission record of one document."""
    text = document.text
    spans = sentences(document)
    entities = find_entities(text, spans)
    args = [Argument(m.start, m.end, e.id, e.type) for m, e in mention_index(entities)]
    dates = find_dates(text, document.published)
    views = [
        SentenceView(s.start, s.end,
                     tuple(d for d in dates if s.start <= d.start < s.end),
                     tuple(a for a in args if s.start <= a.start < s.end))
        for s in spans
    ]
    events, triggers = build_events(document.doc_id, text, views)
    claims = find_claims(text, spans, args, triggers)
    return {"doc_id": document.doc_id, "entities": [e.to_json() for e in entities],
            "events": events, "claims": claims}
