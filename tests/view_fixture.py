"""A one-sentence document with a known matched, missed, differing and spurious
entity, for the article view's tests."""

from __future__ import annotations

from benchmark.model.records import Annotation, Document, Entity, EntityType, Mention, MentionKind
from benchmark.rendering.article_html import article_page
from benchmark.scoring.explanation import explain

INJECTED = '"><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
TEXT = "Alice met Bob in Paris. Carol said <b>it</b> rained."
DOCUMENT = Document("d1", "d1.html", "Outlet " + INJECTED, "Title " + INJECTED, "2026-01-01", TEXT, "")
EXPECTED = {(0, 5): "matched", (10, 13): "missed", (17, 22): "matched", (24, 29): "spurious"}
"""Each marked span's own status: Paris is matched as a span although its object's type differs."""
CARDS = {"pair-entity-e1": "matched", "gold-entity-e2": "missed", "pair-entity-e3": "differs"}


def _entity(oid: str, type_: EntityType, start: int, end: int, cluster: str | None = None, name: str | None = None) -> Entity:
    text = TEXT[start:end]
    return Entity(oid, type_, name or text, None, (Mention(start, end, text, MentionKind.NAME),), cluster)


GOLD = Annotation("d1", entities=(
    _entity("e1", EntityType.PER, 0, 5, cluster="k1"),
    _entity("e2", EntityType.PER, 10, 13),
    _entity("e3", EntityType.GPE, 17, 22),
))
PREDICTED = Annotation("d1", entities=(
    _entity("a", EntityType.PER, 0, 5, cluster=INJECTED),
    _entity("b", EntityType.LOC, 17, 22),  # aligned with e3 by name, its type differs
    _entity(INJECTED, EntityType.PER, 24, 29, name="Carol " + INJECTED),
))
CLUSTERS = {("gold", "entity", "k1"): ("d1", "d2"), ("predicted", "entity", INJECTED): ("d1",)}


def view(siblings: tuple[str, ...] = ("d1", "d2")) -> str:
    explanation = explain(GOLD, PREDICTED, DOCUMENT, "lenient")
    return article_page(explanation, GOLD, PREDICTED, DOCUMENT, "system " + INJECTED, CLUSTERS, siblings, "../../index.html")
