"""A red team of degenerate submissions, built from the documents alone (never
from the gold): families that do not read the text, the sentence-with-cue
heuristic that reads a little, and each family added to a real system as
padding. ``tests/test_redteam.py`` keeps them near zero; ``docs/scoring.md``
("What gaming earns") tabulates what each earns.

Every family is a function ``documents -> {doc_id: Annotation}`` whose spans
are valid offsets into the text with their text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Mapping

from benchmark.model.records import (
    Annotation, Claim, Document, Entity, EntityType, Event, EventType, Mention, MentionKind, Modality, Polarity, Quote,
    Span, TextSpan,
)

Family = Callable[[Mapping[str, Document]], dict[str, Annotation]]
TYPES = tuple(EntityType)
EVENT_TYPES = tuple(EventType)
CUES = ("said", "says", "told", "added", "warned", "confirmed", "announced", "stressed", "insisted", "according")
STORY_DATES = ("2022-01-10", "2022-01-12", "2022-01-13")
"""Dates every article of the story shares: guessed, not read."""

_WORD = re.compile(r"[A-Za-z][\w'’.\-]*\w|[A-Za-z]")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.\-]*\w|\b[A-Z]\b")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_NP = re.compile(r"\b(?:the|a|an|The|A|An) ([a-z][\w\-]*(?: [a-z][\w\-]*)?)")


def _body(document: Document) -> list[tuple[int, int]]:
    """The in-scope stretches of the text (outside excluded regions)."""
    cuts = sorted((x.start, x.end) for x in document.excluded)
    out, at = [], 0
    for s, e in cuts:
        if s > at:
            out.append((at, s))
        at = max(at, e)
    if at < len(document.text):
        out.append((at, len(document.text)))
    return out


def _mention(document: Document, s: int, e: int, kind: MentionKind | None = MentionKind.NAME) -> Mention:
    return Mention(s, e, document.text[s:e], kind)


def _trigger(document: Document, s: int, e: int) -> TextSpan:
    return TextSpan(s, e, document.text[s:e])


def _matches(pattern: re.Pattern[str], document: Document) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(document.text) if document.in_scope(m.start(), m.end())]


def _each(documents: Mapping[str, Document], build: Callable[[Document], Annotation]) -> dict[str, Annotation]:
    return {doc_id: build(documents[doc_id]) for doc_id in sorted(documents)}


# --- families that do not read the text ---------------------------------------------------


def whole_document(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Typed entities and events whose every mention and trigger is the whole text."""
    def build(d: Document) -> Annotation:
        n = len(d.text)
        entities = tuple(Entity(f"e{k}", t, t.value, None, (_mention(d, 0, n),)) for k, t in enumerate(TYPES))
        events = tuple(Event(f"v{k}", t, _trigger(d, 0, n), modality=Modality.ACTUAL) for k, t in enumerate(EVENT_TYPES))
        return Annotation(d.doc_id, entities, events)
    return _each(documents, build)


def whole_document_claims(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """``whole_document`` plus one claim whose content and span are the whole text."""
    def build(d: Document) -> Annotation:
        a = whole_document({d.doc_id: d})[d.doc_id]
        claim = Claim("c0", "e0", "said", d.text, Span(0, len(d.text)), Quote.INDIRECT, Polarity.AFFIRM)
        return replace(a, claims=(claim,))
    return _each(documents, build)


def paragraphs(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """One entity of every type and one event of every type per paragraph, the
    paragraph as mention and trigger, and the paragraph as a claim."""
    def build(d: Document) -> Annotation:
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", d.text) if m.end() - m.start() > 1]
        entities, events, claims = [], [], []
        for n, (s, e) in enumerate(spans):
            entities += [Entity(f"e{n}_{k}", t, t.value, None, (_mention(d, s, e),)) for k, t in enumerate(TYPES)]
            events += [Event(f"v{n}_{k}", t, _trigger(d, s, e), modality=Modality.ACTUAL) for k, t in enumerate(EVENT_TYPES)]
            claims.append(Claim(f"c{n}", None, None, d.text[s:e], Span(s, e), Quote.INDIRECT, Polarity.AFFIRM))
        return Annotation(d.doc_id, tuple(entities), tuple(events), tuple(claims))
    return _each(documents, build)


def capitalised_tokens(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every capitalised token as an entity of every type (name and one name
    mention each), and as the trigger of an event of every type."""
    def build(d: Document) -> Annotation:
        entities, events = [], []
        for n, (s, e) in enumerate(_matches(_CAPITALISED, d)):
            entities += [Entity(f"e{n}_{k}", t, d.text[s:e], None, (_mention(d, s, e),)) for k, t in enumerate(TYPES)]
            events += [Event(f"v{n}_{k}", t, _trigger(d, s, e), modality=Modality.ACTUAL) for k, t in enumerate(EVENT_TYPES)]
        return Annotation(d.doc_id, tuple(entities), tuple(events))
    return _each(documents, build)


def capitalised_tokens_one_type(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every distinct capitalised token once, as an entity typed GPE (the most
    frequent gold type is not known to a non-reader; one guess), every
    occurrence a name mention."""
    def build(d: Document) -> Annotation:
        occurrences: dict[str, list[tuple[int, int]]] = {}
        for s, e in _matches(_CAPITALISED, d):
            occurrences.setdefault(d.text[s:e], []).append((s, e))
        entities = tuple(Entity(f"e{n}", EntityType.GPE, token, None, tuple(_mention(d, s, e) for s, e in spans))
                         for n, (token, spans) in enumerate(sorted(occurrences.items())))
        return Annotation(d.doc_id, entities)
    return _each(documents, build)


def noun_phrases(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every determiner phrase ("the talks", "a broader meeting") as an entity of
    every type and as the trigger of an event of every type."""
    def build(d: Document) -> Annotation:
        entities, events = [], []
        for n, (s, e) in enumerate(_matches(_NP, d)):
            entities += [Entity(f"e{n}_{k}", t, d.text[s:e], None, (_mention(d, s, e, MentionKind.NOMINAL),))
                         for k, t in enumerate(TYPES)]
            events += [Event(f"v{n}_{k}", t, _trigger(d, s, e), modality=Modality.ACTUAL) for k, t in enumerate(EVENT_TYPES)]
        return Annotation(d.doc_id, tuple(entities), tuple(events))
    return _each(documents, build)


def token_spam(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every word as a mention of one entity per type, and as the trigger of a
    Meet event (the story's most frequent type is a guess anyone makes)."""
    def build(d: Document) -> Annotation:
        words = _matches(_WORD, d)
        entities = tuple(Entity(f"e{k}", t, None, None, tuple(_mention(d, s, e, None) for s, e in words))
                         for k, t in enumerate(TYPES))
        events = tuple(Event(f"v{n}", EventType.MEET, _trigger(d, s, e), modality=Modality.ACTUAL)
                       for n, (s, e) in enumerate(words))
        return Annotation(d.doc_id, entities, events)
    return _each(documents, build)


def alias_flood(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """One entity per type per document whose aliases are every capitalised token."""
    def build(d: Document) -> Annotation:
        tokens = tuple(sorted({d.text[s:e] for s, e in _matches(_CAPITALISED, d)}))
        return Annotation(d.doc_id, tuple(Entity(f"e{k}", t, "Entity", tokens) for k, t in enumerate(TYPES)))
    return _each(documents, build)


def date_events(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Three Meet events per document on the story's dates, nothing read."""
    def build(d: Document) -> Annotation:
        return Annotation(d.doc_id, events=tuple(Event(f"v{n}", EventType.MEET, date=date, modality=Modality.ACTUAL)
                                                 for n, date in enumerate(STORY_DATES)))
    return _each(documents, build)


def every_type_events(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """An event of every type on every story date, every modality."""
    def build(d: Document) -> Annotation:
        events = tuple(Event(f"v{n}_{m}_{k}", t, date=date, modality=mod)
                       for n, date in enumerate(STORY_DATES) for m, mod in enumerate(Modality)
                       for k, t in enumerate(EVENT_TYPES))
        return Annotation(d.doc_id, events=events)
    return _each(documents, build)


def involve_everything(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """The entities of ``capitalised_tokens`` plus an event of every type whose
    participants are every one of those entities (anchored, before, by any
    aligned one)."""
    entities = capitalised_tokens(documents)
    out = {}
    for doc_id, a in entities.items():
        ids = tuple(e.id for e in a.entities)
        events = tuple(Event(f"v{k}", t, participants=ids, modality=Modality.ACTUAL) for k, t in enumerate(EVENT_TYPES))
        out[doc_id] = replace(a, events=events)
    return out


def sentence_claims(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every sentence as a claim (content and span), without a cue."""
    def build(d: Document) -> Annotation:
        claims = tuple(Claim(f"c{n}", None, None, d.text[s:e], Span(s, e), Quote.INDIRECT, Polarity.AFFIRM)
                       for n, (s, e) in enumerate(_matches(_SENTENCE, d)) if d.text[s:e].strip())
        return Annotation(d.doc_id, claims=claims)
    return _each(documents, build)


# --- a family that reads a little ----------------------------------------------------------


def cue_sentences(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every sentence holding a cue word as a claim: the cue word as cue, the
    whole sentence (cue included) as content and span. It reads the text (it
    finds the cue); its content is refused, its cue may count."""
    def build(d: Document) -> Annotation:
        claims = []
        for n, (s, e) in enumerate(_matches(_SENTENCE, d)):
            sentence = d.text[s:e]
            cue = next((c for c in CUES if re.search(rf"\b{c}\b", sentence)), None)
            if cue is not None:
                claims.append(Claim(f"c{n}", None, cue, sentence, Span(s, e), Quote.INDIRECT, Polarity.AFFIRM))
        return Annotation(d.doc_id, claims=tuple(claims))
    return _each(documents, build)


def whole_document_and_cue_sentences(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """The issue's row 2: ``whole_document`` plus ``cue_sentences``."""
    a, b = whole_document(documents), cue_sentences(documents)
    return {d: replace(a[d], claims=b[d].claims) for d in a}


NON_READING: dict[str, Family] = {
    "whole document": whole_document,
    "whole document + claim": whole_document_claims,
    "paragraphs": paragraphs,
    "capitalised tokens, every type": capitalised_tokens,
    "noun phrases, every type": noun_phrases,
    "token spam": token_spam,
    "alias flood": alias_flood,
    "date-only events": date_events,
    "every-type events": every_type_events,
    "events involving every entity": involve_everything,
    "sentence claims": sentence_claims,
}
"""Families that do not read the text: each must stay near zero."""

READING_A_LITTLE: dict[str, Family] = {
    "capitalised tokens, one type": capitalised_tokens_one_type,
    "cue sentences": cue_sentences,
    "whole document + cue sentences": whole_document_and_cue_sentences,
}
"""Families that read a little: a capitalisation NER heuristic (names are
capitalised; on par with the 1.5B LLM row), and sentences found by a cue word
(their content earns nothing, and a content holding its cue aligns with no
claim)."""


# --- transformations of a real submission --------------------------------------------------


def pad(real: Mapping[str, Annotation], junk: Mapping[str, Annotation], prefix: str = "pad") -> dict[str, Annotation]:
    """``real`` plus ``junk``'s objects, junk ids prefixed (references and
    clusters renamed with them) so that they never collide."""
    out = {}
    for doc_id in sorted(set(real) | set(junk)):
        a = real.get(doc_id) or Annotation(doc_id)
        b = rename(junk.get(doc_id) or Annotation(doc_id), lambda i: f"{prefix}_{i}")
        out[doc_id] = Annotation(doc_id, a.entities + b.entities, a.events + b.events, a.claims + b.claims)
    return out


def rename(a: Annotation, new: Callable[[str], str]) -> Annotation:
    """Every id, reference and cluster label renamed by ``new``."""
    def ref(i: str | None) -> str | None:
        return None if i is None else new(i)

    def refs(ids: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return None if ids is None else tuple(new(i) for i in ids)

    return Annotation(
        a.doc_id,
        tuple(replace(e, id=new(e.id), cluster=ref(e.cluster)) for e in a.entities),
        tuple(replace(v, id=new(v.id), location=ref(v.location), participants=refs(v.participants), cluster=ref(v.cluster))
              for v in a.events),
        tuple(replace(c, id=new(c.id), claimant=ref(c.claimant), about=refs(c.about), cluster=ref(c.cluster))
              for c in a.claims),
    )


def duplicated(real: Mapping[str, Annotation], copies: int = 2) -> dict[str, Annotation]:
    """Every object of ``real`` ``copies`` times (copies renamed, references kept within the copy)."""
    out = {}
    for doc_id, a in real.items():
        parts = [a] + [rename(a, lambda i, n=n: f"dup{n}_{i}") for n in range(1, copies)]
        out[doc_id] = Annotation(doc_id, sum((p.entities for p in parts), ()), sum((p.events for p in parts), ()),
                                 sum((p.claims for p in parts), ()))
    return out


def merged_clusters(real: Mapping[str, Annotation]) -> dict[str, Annotation]:
    """Every object of a kind in one cross-document cluster."""
    return {d: Annotation(d, tuple(replace(e, cluster="E") for e in a.entities),
                          tuple(replace(v, cluster="V") for v in a.events),
                          tuple(replace(c, cluster="C") for c in a.claims)) for d, a in real.items()}


def singleton_clusters(real: Mapping[str, Annotation]) -> dict[str, Annotation]:
    """Every object its own cluster."""
    return {d: Annotation(d, tuple(replace(e, cluster=f"{d}/{e.id}") for e in a.entities),
                          tuple(replace(v, cluster=f"{d}/{v.id}") for v in a.events),
                          tuple(replace(c, cluster=f"{d}/{c.id}") for c in a.claims)) for d, a in real.items()}


# --- an honest system with sloppy boundaries ------------------------------------------------

_DETERMINER = re.compile(r"(?:the|a|an|The|A|An) $")
_TITLE = re.compile(r"(?:President|Secretary|Minister|Mr\.|Mrs\.|Ms\.|Deputy|Foreign|Gen\.|Ambassador|Sen\.) $")
_PUNCTUATION = ".,;:!?\"”’)"


def _toggles(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Alternative boundaries of [s, e): a leading determiner or title and a
    trailing possessive 's or punctuation, each added when the text has it
    next to the span and removed when the span has it."""
    out = []
    span = text[s:e]
    before = text[max(0, s - 12):s]
    if m := _DETERMINER.search(before):
        out.append((s - len(m.group()), e))
    if m := _TITLE.search(before):
        out.append((s - len(m.group()), e))
    if m := re.match(r"(?:the|a|an|The|A|An|President|Secretary|Minister|Mr\.|Deputy) ", span):
        if e - s > len(m.group()):
            out.append((s + len(m.group()), e))
    if text[e:e + 2] in ("'s", "’s"):
        out.append((s, e + 2))
    if span.endswith(("'s", "’s")) and e - s > 2:
        out.append((s, e - 2))
    if e < len(text) and text[e] in _PUNCTUATION:
        out.append((s, e + 1))
    if span and span[-1] in _PUNCTUATION and e - s > 1:
        out.append((s, e - 1))
    return out


def perturbed(gold: Mapping[str, Annotation], documents: Mapping[str, Document], rate: float = 0.3,
              seed: int = 19) -> dict[str, Annotation]:
    """The gold with the boundaries of ``rate`` of its spans (mentions, triggers,
    claim spans with their content) toggled by ``_toggles``, where one applies."""
    import random

    rng = random.Random(seed)

    def move(text: str, s: int, e: int) -> tuple[int, int]:
        options = _toggles(text, s, e)
        if options and rng.random() < rate:
            return rng.choice(options)
        return s, e

    out = {}
    for doc_id in sorted(gold):
        a, text = gold[doc_id], documents[doc_id].text
        entities = []
        for ent in a.entities:
            mentions = []
            for m in ent.mentions or ():
                s, e = move(text, m.start, m.end)
                mentions.append(Mention(s, e, text[s:e], m.kind))
            entities.append(replace(ent, mentions=tuple(mentions) if ent.mentions is not None else None))
        events = []
        for v in a.events:
            if v.trigger is not None:
                s, e = move(text, v.trigger.start, v.trigger.end)
                v = replace(v, trigger=TextSpan(s, e, text[s:e]))
            events.append(v)
        claims = []
        for c in a.claims:
            if c.span is not None:
                s, e = move(text, c.span.start, c.span.end)
                c = replace(c, span=Span(s, e), content=text[s:e] if c.content == text[c.span.start:c.span.end] else c.content)
            claims.append(c)
        out[doc_id] = Annotation(doc_id, tuple(entities), tuple(events), tuple(claims))
    return out
