"""Terse builders of model objects for the scorer's hand-worked tests."""

from __future__ import annotations

from benchmark.model.records import (
    Annotation, Claim, Entity, EntityType, Event, EventType, Mention, MentionKind, Modality, Polarity, Quote, Span, TextSpan,
)


def ent(id, name=None, type=None, aliases=None, mentions=None, cluster=None) -> Entity:
    return Entity(
        id=id, name=name, type=EntityType(type) if type else None,
        aliases=tuple(aliases) if aliases is not None else None,
        mentions=tuple(Mention(*m[:3], MentionKind(m[3]) if len(m) > 3 else None) for m in mentions)  # (start, end, text[, kind])
        if mentions is not None else None,
        cluster=cluster,
    )


def evt(id, type=None, date=None, location=None, participants=None, modality=None, trigger=None, cluster=None) -> Event:
    return Event(
        id=id, type=EventType(type) if type else None, date=date, location=location,
        participants=tuple(participants) if participants is not None else None,
        modality=Modality(modality) if modality else None,
        trigger=TextSpan(*trigger) if trigger else None, cluster=cluster,
    )


def clm(id, content=None, cue=None, claimant=None, quote=None, polarity=None, about=None, span=None, cluster=None) -> Claim:
    return Claim(
        id=id, content=content, cue=cue, claimant=claimant, quote=Quote(quote) if quote else None,
        polarity=Polarity(polarity) if polarity else None, about=tuple(about) if about is not None else None,
        span=Span(*span) if span else None, cluster=cluster,
    )


def doc(doc_id="d", entities=(), events=(), claims=()) -> Annotation:
    return Annotation(doc_id, tuple(entities), tuple(events), tuple(claims))
