"""A red team of degenerate submissions, built from the documents alone (never
from the gold): families that do not read the text, the sentence-with-cue
heuristic that reads a little, and each family added to a real system as
padding, and the families of an outside attacker who never saw the scorer's
code (``OUTSIDE_*``). ``tests/test_redteam.py`` keeps them near zero; ``docs/scoring.md``
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


# --- the outside attacker's families -------------------------------------------------------
# Ported from the generator of a black-box red team that never saw the scorer's code (issue 19's
# follow-up: /work/notes/attack-copy/attack.py and findings.md). Each family is rebuilt here from the
# documents alone (or from a real submission, for padding), rule for rule; names are the attacker's.

ATTACK_CUES = ("said", "says", "told", "warned", "added", "stated", "confirmed", "announced", "noted", "stressed",
               "insisted", "claimed", "denied", "accused", "argued", "urged", "explained", "wrote", "reported",
               "tweeted", "saying", "according")
GRID_TYPES = (EventType.MEET, EventType.DEPLOY, EventType.ATTACK, EventType.SANCTION, EventType.CALL)
_ATTACK_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’\-]*[A-Za-z.]|[A-Za-z]")
_ATTACK_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?][\"”’]?(?=\s+[\"“A-Z•])|\n+")
_MONTH_DAY = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2})\b")
_MONTHS = {m: n + 1 for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                           "dec"))}


def _tokens(d: Document) -> list[tuple[int, int, str]]:
    """The attacker's words: a trailing dot dropped unless the word has another
    (U.S.), a possessive 's dropped; none in an excluded region."""
    out = []
    for m in _ATTACK_TOKEN.finditer(d.text):
        s, e, w = m.start(), m.end(), m.group()
        if w.endswith(".") and w.count(".") == 1:
            e, w = e - 1, w[:-1]
        if w.endswith(("'s", "’s")):
            e, w = e - 2, w[:-2]
        if w and d.in_scope(s, e):
            out.append((s, e, w))
    return out


def _cap_tokens(d: Document) -> list[tuple[int, int, str]]:
    return [t for t in _tokens(d) if t[2][0].isupper()]


def _cap_runs(d: Document) -> list[tuple[int, int, str]]:
    """Maximal runs of capitalised tokens separated by one space."""
    runs: list[list[tuple[int, int, str]]] = []
    for s, e, w in _cap_tokens(d):
        if runs and d.text[runs[-1][-1][1]:s] == " ":
            runs[-1].append((s, e, w))
        else:
            runs.append([(s, e, w)])
    return [(r[0][0], r[-1][1], d.text[r[0][0]:r[-1][1]]) for r in runs]


def _sentences(d: Document) -> list[tuple[int, int]]:
    """The attacker's sentence splitter (a stop before a capital, or a line break)."""
    t, cuts, start = d.text, [], 0
    for m in _ATTACK_SENTENCE_END.finditer(t):
        cuts.append((start, m.end()))
        start = m.end()
    cuts.append((start, len(t)))
    out = []
    for s, e in cuts:
        seg = t[s:e]
        s2, e2 = s + len(seg) - len(seg.lstrip()), s + len(seg.rstrip())
        s2 = e2 - len(t[s2:e2].lstrip("•  \t"))
        if e2 - s2 > 3 and d.in_scope(s2, e2):
            out.append((s2, e2))
    return out


def _date_guess(d: Document) -> str:
    """The most frequent "Mon DD" date of the text, its year from the publication date."""
    counts: dict[str, int] = {}
    py, pm = int(d.published[:4]), int(d.published[5:7])
    for m in _MONTH_DAY.finditer(d.text):
        if not d.in_scope(m.start(), m.end()):
            continue
        mo, dd = _MONTHS[m.group(1).lower()], int(m.group(2))
        date = f"{py + 1 if mo < pm - 6 else py:04d}-{mo:02d}-{dd:02d}"
        counts[date] = counts.get(date, 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else d.published[:10]


def _top_tokens(d: Document, k: int) -> list[str]:
    counts: dict[str, int] = {}
    for _, _, w in _cap_tokens(d):
        if len(w) > 1:
            counts[w] = counts.get(w, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], list(counts).index(w)))[:k]


def cap_tokens_gpe(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every distinct capitalised token an entity: name, GPE, its first occurrence as a name mention."""
    def build(d: Document) -> Annotation:
        seen: dict[str, Entity] = {}
        for s, e, w in _cap_tokens(d):
            seen.setdefault(w.lower(), Entity(f"e{len(seen)}", EntityType.GPE, w, None, (_mention(d, s, e),)))
        return Annotation(d.doc_id, tuple(seen.values()))
    return _each(documents, build)


def cap_ngrams_name_only(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every distinct capitalised token and maximal capitalised run an entity, name only."""
    def build(d: Document) -> Annotation:
        seen: dict[str, Entity] = {}
        for _, _, w in _cap_tokens(d) + _cap_runs(d):
            seen.setdefault(w.lower(), Entity(f"e{len(seen)}", name=w))
        return Annotation(d.doc_id, tuple(seen.values()))
    return _each(documents, build)


def _flood(d: Document, per_type: Mapping[EntityType, int]) -> tuple[Entity, ...]:
    mentions = tuple(_mention(d, s, e) for s, e, _ in _cap_tokens(d))
    return tuple(Entity(f"f{t.value}{n}", t, mentions=mentions) for t, k in per_type.items() for n in range(k))


_FLOOD_TYPED = {EntityType.GPE: 6, EntityType.PER: 8, EntityType.ORG: 5, EntityType.LOC: 2, EntityType.FAC: 1}


def mention_flood_typed(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Several unnamed entities per type, each with every capitalised token as a name mention."""
    return _each(documents, lambda d: Annotation(d.doc_id, _flood(d, _FLOOD_TYPED)))


def mention_flood_single(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """One unnamed entity per type with every capitalised token as a name mention."""
    return _each(documents, lambda d: Annotation(d.doc_id, _flood(d, dict.fromkeys(TYPES, 1))))


def single_mention_entities(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every capitalised token occurrence its own unnamed GPE entity with one mention of no kind."""
    return _each(documents, lambda d: Annotation(d.doc_id, tuple(
        Entity(f"m{n}", EntityType.GPE, mentions=(_mention(d, s, e, None),)) for n, (s, e, _) in enumerate(_cap_tokens(d)))))


def kindless_mentions(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every distinct capitalised token an unnamed GPE entity, its occurrences as mentions of no kind."""
    def build(d: Document) -> Annotation:
        seen: dict[str, list[Mention]] = {}
        for s, e, w in _cap_tokens(d):
            seen.setdefault(w.lower(), []).append(_mention(d, s, e, None))
        return Annotation(d.doc_id, tuple(Entity(f"e{n}", EntityType.GPE, mentions=tuple(ms))
                                          for n, ms in enumerate(seen.values())))
    return _each(documents, build)


def _grid(d: Document, k: int, types: tuple[EventType, ...], dated: bool = False, pairs: bool = False) -> Annotation:
    """The ``k`` most frequent capitalised tokens as named GPE entities, and an
    event of each type for each (and, with ``pairs``, each pair of) entity,
    modality actual, no trigger."""
    names = _top_tokens(d, k)
    entities = tuple(Entity(f"e{n}", EntityType.GPE, w) for n, w in enumerate(names))
    groups: list[tuple[int, ...]] = [(n,) for n in range(len(names))]
    if pairs:
        groups += [(a, b) for a in range(len(names)) for b in range(a + 1, len(names))]
    date = _date_guess(d) if dated else None
    events = tuple(Event(f"v{n}", t, date=date, participants=tuple(f"e{i}" for i in g), modality=Modality.ACTUAL)
                   for n, (g, t) in enumerate((g, t) for g in groups for t in types))
    return Annotation(d.doc_id, entities, events)


def entity_event_grid_all(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """The top-3 capitalised tokens as entities; one single-participant event per (entity, type), all types."""
    return _each(documents, lambda d: _grid(d, 3, EVENT_TYPES))


def entity_event_grid_5(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """The top-4 tokens x {Meet, Deploy, Attack, Sanction, Call}."""
    return _each(documents, lambda d: _grid(d, 4, GRID_TYPES))


def entity_event_grid_5_dated(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """``entity_event_grid_5`` with the text's most frequent date on every event."""
    return _each(documents, lambda d: _grid(d, 4, GRID_TYPES, dated=True))


def entity_event_grid_pairs(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """The top-6 tokens, single and pair participants, every type, the guessed date."""
    return _each(documents, lambda d: _grid(d, 6, EVENT_TYPES, dated=True, pairs=True))


def _with_twins(a: Annotation, ids: list[str], k: int) -> Annotation:
    """``k`` identical copies of each entity in ``ids`` (ids ``<id>_t<n>``), each
    appended to the participants of every event that lists the original."""
    by_id = {e.id: e for e in a.entities}
    twins = {i: [f"{i}_t{n}" for n in range(k)] for i in ids if i in by_id}
    entities = a.entities + tuple(replace(by_id[i], id=t) for i, ts in twins.items() for t in ts)
    events = tuple(replace(v, participants=v.participants + tuple(t for p in v.participants for t in twins.get(p, ())))
                   if v.participants else v for v in a.events)
    return replace(a, entities=entities, events=events)


def grid_named_twins(k: int) -> Family:
    def family(documents: Mapping[str, Document]) -> dict[str, Annotation]:
        """``entity_event_grid_all`` with ``k`` identical twins of each entity, all participants."""
        return {d: _with_twins(a, [e.id for e in a.entities], k) for d, a in entity_event_grid_all(documents).items()}
    return family


def zero_core_twin_grid(k: int) -> Family:
    def family(documents: Mapping[str, Document]) -> dict[str, Annotation]:
        """The top-3 tokens as entities with no name or type (every occurrence a
        name mention) plus ``k`` identical twins; an event of every type listing
        the entity and its twins."""
        def build(d: Document) -> Annotation:
            occurrences: dict[str, list[Mention]] = {}
            for s, e, w in _cap_tokens(d):
                occurrences.setdefault(w, []).append(_mention(d, s, e))
            entities, events = [], []
            for n, w in enumerate(_top_tokens(d, 3)):
                ids = tuple(f"e{n}_{j}" for j in range(k + 1))
                entities += [Entity(i, mentions=tuple(occurrences[w])) for i in ids]
                events += [Event(f"v{n}{t.value}", t, participants=ids, modality=Modality.ACTUAL) for t in EVENT_TYPES]
            return Annotation(d.doc_id, tuple(entities), tuple(events))
        return _each(documents, build)
    return family


def token_trigger_spam(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every lower-case word the trigger of an event of every type."""
    return _each(documents, lambda d: Annotation(d.doc_id, events=tuple(
        Event(f"v{n}{t.value}", t, _trigger(d, s, e)) for n, (s, e, w) in enumerate(_tokens(d)) if not w[0].isupper()
        for t in EVENT_TYPES)))


def attack_whole_document(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """An unnamed entity per type and a trigger per type over the whole text, and the text as one claim."""
    def build(d: Document) -> Annotation:
        n = len(d.text)
        return Annotation(d.doc_id, tuple(Entity(f"e{t.value}", t, mentions=(_mention(d, 0, n),)) for t in TYPES),
                          tuple(Event(f"v{t.value}", t, _trigger(d, 0, n)) for t in EVENT_TYPES),
                          (Claim("c", content=d.text, span=Span(0, n)),))
    return _each(documents, build)


def date_event_spam(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every type on the publication date and the text's most frequent date, every modality."""
    def build(d: Document) -> Annotation:
        dates = sorted({d.published[:10], _date_guess(d)})
        return Annotation(d.doc_id, events=tuple(
            Event(f"v{n}", t, date=date, modality=m)
            for n, (t, date, m) in enumerate((t, date, m) for t in EVENT_TYPES for date in dates for m in Modality)))
    return _each(documents, build)


def attack_sentence_claims(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every sentence a claim, content only."""
    return _each(documents, lambda d: Annotation(d.doc_id, claims=tuple(
        Claim(f"c{n}", content=d.text[s:e]) for n, (s, e) in enumerate(_sentences(d)))))


def clause_claims(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every comma, semicolon or colon clause of three words or more a claim, content only."""
    def build(d: Document) -> Annotation:
        clauses = [m.group().strip() for s, e in _sentences(d) for m in re.finditer(r"[^,;:]+", d.text[s:e])]
        return Annotation(d.doc_id, claims=tuple(Claim(f"c{n}", content=c)
                                                 for n, c in enumerate(c for c in clauses if len(c.split()) >= 3)))
    return _each(documents, build)


def _cue_in(sentence: str) -> re.Match[str] | None:
    return next((m for m in re.finditer(r"[A-Za-z]+", sentence) if m.group().lower() in ATTACK_CUES), None)


def _strip_cues(text: str) -> str:
    text = re.sub(r"\baccording to\b", " ", text, flags=re.I)
    return " ".join(w for w in text.split() if re.sub(r"\W", "", w).lower() not in ATTACK_CUES).strip()


def _quote(sentence: str) -> Quote:
    return Quote.DIRECT if re.search("[\"“”]", sentence) else Quote.INDIRECT


def cue_sentence_cue_removed(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Sentences holding a cue word: content = the sentence with every cue word
    deleted (no longer text of the document), cue = the word, affirm."""
    def build(d: Document) -> Annotation:
        claims = []
        for n, (s, e) in enumerate(_sentences(d)):
            sentence = d.text[s:e]
            if (m := _cue_in(sentence)) is not None:
                claims.append(Claim(f"c{n}", None, m.group(), _strip_cues(sentence), None, _quote(sentence),
                                    Polarity.AFFIRM))
        return Annotation(d.doc_id, claims=tuple(claims))
    return _each(documents, build)


def _cue_split(d: Document, claimants: list[tuple[int, int, str]] | None = None) -> tuple[Claim, ...]:
    """The attacker's cue split: content = the text after the cue (after "to X,"
    for "according to X," and after "that"), or before the last comma of
    "..., X said."; claimant = the nearest capitalised run before the cue."""
    t, claims = d.text, []
    for n, (s, e) in enumerate(_sentences(d)):
        m = _cue_in(t[s:e])
        if m is None:
            continue
        cs, ce = s + m.start(), s + m.end()
        before, after = t[s:cs], t[ce:e]
        if "," in before and len(after.split()) <= 6:
            start, end = s, s + before.rfind(",")
        else:
            off, rest = len(after) - len(after.lstrip()), after.lstrip()
            if rest.lower().startswith("to "):
                rest, off = rest[3:], off + 3
                if "," in rest:
                    off += rest.index(",") + 1
                    rest = rest[rest.index(",") + 1:]
                    off += len(rest) - len(rest.lstrip())
                    rest = rest.lstrip()
            if rest.lower().startswith("that "):
                off += 5
            start, end = ce + off, e
        while end > start and t[end - 1] in ".\"”’ ":
            end -= 1
        while start < end and t[start] in "\"“ ":
            start += 1
        if end - start < 5:
            continue
        claimant = None
        if claimants is not None:
            near = [x for x in claimants if x[1] <= cs and x[0] >= s] or [x for x in claimants if x[0] >= ce and x[1] <= e]
            if near:
                claimant = near[-1][2] if near[-1][1] <= cs else near[0][2]
        claims.append(Claim(f"c{n}", claimant, m.group(), t[start:end], Span(start, end), _quote(t[s:e]), Polarity.AFFIRM))
    return tuple(claims)


def cue_split_claims(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Cue-word split claims (``_cue_split``), no entities."""
    return _each(documents, lambda d: Annotation(d.doc_id, claims=_cue_split(d)))


def cue_split_with_claimant(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Capitalised runs as entities (PER when two words or more, else GPE) and
    cue-split claims whose claimant is the nearest run."""
    def build(d: Document) -> Annotation:
        ids: dict[str, Entity] = {}
        refs = []
        for s, e, w in _cap_runs(d):
            entity = ids.setdefault(w.lower(), Entity(f"e{len(ids)}", EntityType.PER if " " in w else EntityType.GPE, w))
            refs.append((s, e, entity.id))
        return Annotation(d.doc_id, tuple(ids.values()), claims=_cue_split(d, refs))
    return _each(documents, build)


def combined_stack(documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """The dated 4 x 5 event grid, every capitalised token an entity, cue-split
    claims with the nearest token as claimant, each about the first event."""
    def build(d: Document) -> Annotation:
        a = _grid(d, 4, GRID_TYPES, dated=True)
        ids = {e.name.lower(): e.id for e in a.entities if e.name}
        entities, refs = list(a.entities), []
        for s, e, w in _cap_tokens(d):
            if w.lower() not in ids:
                ids[w.lower()] = f"e{len(ids)}"
                entities.append(Entity(ids[w.lower()], EntityType.GPE, w))
            refs.append((s, e, ids[w.lower()]))
        claims = tuple(replace(c, about=("v0",)) for c in _cue_split(d, refs))
        return Annotation(d.doc_id, tuple(entities), a.events, claims)
    return _each(documents, build)


OUTSIDE_NON_READING: dict[str, Family] = {
    "whole document (attacker)": attack_whole_document,
    "date event spam": date_event_spam,
    "token trigger spam": token_trigger_spam,
    "sentence claims (attacker)": attack_sentence_claims,
    "clause claims": clause_claims,
    "mention flood, typed": mention_flood_typed,
    "mention flood, one per type": mention_flood_single,
    "single-mention entities": single_mention_entities,
    "zero-core twin grid, 0 twins": zero_core_twin_grid(0),
    "zero-core twin grid, 5 twins": zero_core_twin_grid(5),
    "zero-core twin grid, 50 twins": zero_core_twin_grid(50),
    "cue sentence, cue removed": cue_sentence_cue_removed,
}
"""The outside attacker's families that do not read the text (or read only a
cue word and then rewrite the sentence): each at most ``CEILING`` headline.
The zero-core grids are the entity x event-type grid without its capitalised
entities (no name, no type): what the events alone earn."""

OUTSIDE_READING_A_LITTLE: dict[str, Family] = {
    "capitalised tokens, GPE (attacker)": cap_tokens_gpe,
    "capitalised n-grams, name only": cap_ngrams_name_only,
    "kindless mentions": kindless_mentions,
    "entity x event-type grid, all types": entity_event_grid_all,
    "entity x event-type grid, 5 types": entity_event_grid_5,
    "entity x event-type grid, 5 types, dated": entity_event_grid_5_dated,
    "entity x event-type grid, pairs": entity_event_grid_pairs,
    "named grid, 3 twins": grid_named_twins(3),
    "named grid, 20 twins": grid_named_twins(20),
    "cue split claims": cue_split_claims,
    "cue split + claimant": cue_split_with_claimant,
    "combined stack": combined_stack,
}
"""The outside attacker's families that read a little: capitalisation NER (the
grids' entities are the article's most frequent capitalised tokens; their
events earn at most ``CEILING`` event F1, the zero-core grids above show the
events alone) and cue-word claim splits, which find a reporting verb and take
verbatim text next to it (``docs/scoring.md``, *What gaming earns*, reports
their credit)."""


# --- the outside attacker's padding of a real submission ----------------------------------

Padding = Callable[[Mapping[str, Annotation], Mapping[str, Document]], dict[str, Annotation]]


def _referenced(a: Annotation, n: int) -> list[str]:
    """The ``n`` entity ids the events reference most (first listed first on ties)."""
    counts: dict[str, int] = {}
    for v in a.events:
        for p in v.participants or ():
            counts[p] = counts.get(p, 0) + 1
    return sorted(counts, key=lambda i: (-counts[i], list(counts).index(i)))[:n]


def pad_twins(n: int, k: int) -> Padding:
    def padding(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
        """``k`` identical twins of the ``n`` most-referenced entities, appended to every event's participants."""
        return {d: _with_twins(a, _referenced(a, n), k) for d, a in real.items()}
    return padding


def pad_strip_twins(n: int, k: int) -> Padding:
    def padding(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
        """The ``n`` most-referenced entities stripped to their mentions (no
        name, type or aliases), plus ``k`` identical twins of each in every
        event's participants."""
        out = {}
        for d, a in real.items():
            top = _referenced(a, n)
            a = replace(a, entities=tuple(replace(e, name=None, type=None, aliases=None) if e.id in top else e
                                          for e in a.entities))
            out[d] = _with_twins(a, top, k)
        return out
    return padding


def pad_twin_references(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """A twin of every entity, each twin added to the participants next to its original."""
    return {d: _with_twins(a, [e.id for e in a.entities], 1) for d, a in real.items()}


def pad_twin_about(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """A twin of every event, each twin added to every claim's ``about`` next to its original."""
    out = {}
    for d, a in real.items():
        twins = {v.id: f"{v.id}_twin" for v in a.events}
        out[d] = replace(a, events=a.events + tuple(replace(v, id=twins[v.id]) for v in a.events),
                         claims=tuple(replace(c, about=c.about + tuple(twins[i] for i in c.about if i in twins))
                                      if c.about else c for c in a.claims))
    return out


def pad_repeated_ids(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every participant and ``about`` list repeated three times."""
    return {d: replace(a, events=tuple(replace(v, participants=v.participants * 3) if v.participants else v
                                       for v in a.events),
                       claims=tuple(replace(c, about=c.about * 3) if c.about else c for c in a.claims))
            for d, a in real.items()}


def pad_zero_core_entities(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """A mention-only entity (no name or type) for every capitalised token occurrence."""
    return {d: replace(a, entities=a.entities + tuple(Entity(f"z{n}", mentions=(_mention(documents[d], s, e),))
                                                      for n, (s, e, _) in enumerate(_cap_tokens(documents[d]))))
            for d, a in real.items()}


def pad_cap_entities(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every capitalised run that is not already a name or mention text as a name-only entity."""
    out = {}
    for d, a in real.items():
        known = {(e.name or "").lower() for e in a.entities} | {m.text.lower() for e in a.entities for m in e.mentions or ()}
        extra: list[Entity] = []
        for _, _, w in _cap_runs(documents[d]):
            if w.lower() not in known:
                known.add(w.lower())
                extra.append(Entity(f"p{len(extra)}", EntityType.PER if " " in w else EntityType.GPE, w))
        out[d] = replace(a, entities=a.entities + tuple(extra))
    return out


def pad_fill_dates(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every event without a date given the text's most frequent date."""
    return {d: replace(a, events=tuple(v if v.date else replace(v, date=_date_guess(documents[d])) for v in a.events))
            for d, a in real.items()}


def pad_event_grid(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Single-participant events: the three entities with most mentions x five types."""
    out = {}
    for d, a in real.items():
        top = sorted(a.entities, key=lambda e: -len(e.mentions or ()))[:3]
        out[d] = replace(a, events=a.events + tuple(Event(f"g{e.id}{t.value}", t, participants=(e.id,),
                                                          modality=Modality.ACTUAL) for e in top for t in GRID_TYPES))
    return out


def pad_sentence_claims(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """A content-only claim for every sentence no claim span touches."""
    out = {}
    for d, a in real.items():
        spans = [(c.span.start, c.span.end) for c in a.claims if c.span is not None]
        extra = tuple(Claim(f"s{n}", content=documents[d].text[s:e]) for n, (s, e) in enumerate(_sentences(documents[d]))
                      if not any(s < y and e > x for x, y in spans))
        out[d] = replace(a, claims=a.claims + extra)
    return out


def pad_claim_variants(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every claim again under a new id with its quote flipped (a second chance at alignment)."""
    return {d: replace(a, claims=a.claims + tuple(
        replace(c, id=f"{c.id}_v", quote=Quote.DIRECT if c.quote is Quote.INDIRECT else Quote.INDIRECT) for c in a.claims))
        for d, a in real.items()}


def pad_mention_flood(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Unnamed entities per type, each with every capitalised token as a name mention."""
    flood = {EntityType.GPE: 3, EntityType.PER: 5, EntityType.ORG: 3, EntityType.LOC: 1, EntityType.FAC: 1}
    return {d: replace(a, entities=a.entities + _flood(documents[d], flood)) for d, a in real.items()}


def pad_one_cluster(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every object of a kind in one cluster."""
    return merged_clusters(real)


OUTSIDE_PADDING: dict[str, Padding] = {
    "twins of every entity in participants": pad_twin_references,
    "twins of every event in about": pad_twin_about,
    "participants and about repeated": pad_repeated_ids,
    **{f"{k} twins of the top {n} entities": pad_twins(n, k)
       for n, k in ((1, 3), (1, 6), (2, 2), (2, 3), (2, 10), (3, 2), (4, 5), (100, 1))},
    **{f"top {n} stripped + {k} free twins": pad_strip_twins(n, k) for n, k in ((1, 50), (2, 50), (2, 300))},
    "mention-only entities": pad_zero_core_entities,
    "capitalised runs as entities": pad_cap_entities,
    "null dates filled": pad_fill_dates,
    "single-participant event grid": pad_event_grid,
    "sentences as claims": pad_sentence_claims,
    "claims again, quote flipped": pad_claim_variants,
    "mention flood": pad_mention_flood,
    "one cluster per kind": pad_one_cluster,
}
"""The outside attacker's changes that add to (or duplicate within) a real
submission: none may raise its headline."""


def prune_participants(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every event's participants cut to its first two (a precision trade-off, not padding)."""
    return {d: replace(a, events=tuple(replace(v, participants=v.participants[:2]) if v.participants else v
                                       for v in a.events)) for d, a in real.items()}


def prune_claim_about(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every claim's ``about`` dropped."""
    return {d: replace(a, claims=tuple(replace(c, about=None) for c in a.claims)) for d, a in real.items()}


def prune_entity_clusters(real: Mapping[str, Annotation], documents: Mapping[str, Document]) -> dict[str, Annotation]:
    """Every entity's cluster dropped."""
    return {d: replace(a, entities=tuple(replace(e, cluster=None) for e in a.entities)) for d, a in real.items()}


OUTSIDE_PRUNING: dict[str, Padding] = {
    "participants cut to two": prune_participants,
    "claims without about": prune_claim_about,
    "entities without clusters": prune_entity_clusters,
}
"""The outside attacker's removals: honest precision trade-offs (they delete
predictions), reported, not bounded."""
