"""Plain typed data for documents, gold annotations and submissions.

Every object is a frozen dataclass; categorical values are enums. A field a
submission leaves out is ``None`` (for lists too), so that "not predicted" and
"predicted empty" stay distinguishable where scoring needs it (grounding).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping


class Kind(str, Enum):
    """The three kinds of annotated object, in alignment (dependency) order."""

    ENTITY = "entity"
    EVENT = "event"
    CLAIM = "claim"

    @property
    def plural(self) -> str:
        return {"entity": "entities", "event": "events", "claim": "claims"}[self.value]


class EntityType(str, Enum):
    PER = "PER"
    ORG = "ORG"
    GPE = "GPE"
    LOC = "LOC"
    FAC = "FAC"


class MentionKind(str, Enum):
    NAME = "name"
    NOMINAL = "nominal"
    PRONOUN = "pronoun"


class EventType(str, Enum):
    MEET = "Meet"
    CALL = "Call"
    DEPLOY = "Deploy"
    ATTACK = "Attack"
    ANNEX = "Annex"
    SANCTION = "Sanction"
    AID = "Aid"
    ENACT = "Enact"
    JOIN = "Join"
    PROPOSE = "Propose"
    EXERCISE = "Exercise"


class Modality(str, Enum):
    ACTUAL = "actual"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"


class Quote(str, Enum):
    DIRECT = "direct"
    INDIRECT = "indirect"


class Polarity(str, Enum):
    AFFIRM = "affirm"
    DENY = "deny"


Offsets = tuple[int, int]
"""A half-open code-point range (start, end) as plain numbers."""


def overlaps(a: Offsets, b: Offsets) -> bool:
    """Half-open ranges share at least one code point. The one overlap test: the
    lenient span rule, the alignment keys and the excluded regions use it."""
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open code-point range [start, end) of a document's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextSpan:
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: MentionKind | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: EntityType | None = None
    name: str | None = None
    aliases: tuple[str, ...] | None = None
    mentions: tuple[Mention, ...] | None = None
    cluster: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: EventType | None = None
    trigger: TextSpan | None = None
    date: str | None = None
    location: str | None = None
    participants: tuple[str, ...] | None = None
    modality: Modality | None = None
    cluster: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    claimant: str | None = None
    cue: str | None = None
    content: str | None = None
    span: Span | None = None
    quote: Quote | None = None
    polarity: Polarity | None = None
    about: tuple[str, ...] | None = None
    cluster: str | None = None


Object = Entity | Event | Claim
"""An annotated object of any kind."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """The entities, events and claims of one document (gold or predicted)."""

    doc_id: str
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()

    def objects(self, kind: Kind) -> tuple[Object, ...]:
        objects: tuple[Object, ...] = getattr(self, kind.plural)
        return objects


@dataclass(frozen=True, slots=True)
class Excluded:
    """A region of a document outside the article proper (chrome or credit)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    seed_file: str
    outlet: str
    title: str
    published: str
    text: str
    sha256: str
    excluded: tuple[Excluded, ...] = ()
    story: str | None = None
    """The story the document reports, in a split of several stories (dev,
    held-out); documents of one story share cluster ids. ``None`` in the test
    split, whose five documents all report one story."""

    def in_scope(self, start: int, end: int) -> bool:
        """True when [start, end) touches no excluded region."""
        return not any(overlaps((start, end), (x.start, x.end)) for x in self.excluded)


class RunStatus(str, Enum):
    """What ``meta`` may say went wrong with a document of a run: each is a key of
    ``meta`` (the submission schema's ``failed`` and ``truncated``) mapping doc
    ids to a reason. ``failed``: no answer, the record is empty or absent;
    ``truncated``: the answer was cut off and kept in part."""

    FAILED = "failed"
    TRUNCATED = "truncated"


def run_status(meta: Mapping[str, Any], status: RunStatus) -> tuple[str, ...]:
    """The doc ids ``meta`` lists under ``status``, sorted (none when absent or malformed)."""
    listed = meta.get(status.value)
    return tuple(sorted(k for k in listed if isinstance(k, str))) if isinstance(listed, dict) else ()


@dataclass(frozen=True, slots=True)
class Submission:
    """A parsed, validated submission. ``missing`` lists gold documents it lacks;
    ``failed`` and ``truncated`` those its ``meta`` says failed or were cut off."""

    meta: Mapping[str, Any]
    documents: tuple[Annotation, ...]
    source: str = "<submission>"
    sha256: str = ""
    missing: tuple[str, ...] = field(default=())

    def by_id(self) -> dict[str, Annotation]:
        return {d.doc_id: d for d in self.documents}

    @property
    def failed(self) -> tuple[str, ...]:
        return run_status(self.meta, RunStatus.FAILED)

    @property
    def truncated(self) -> tuple[str, ...]:
        return run_status(self.meta, RunStatus.TRUNCATED)
