"""Counts of the gold annotation per document: what ``stats`` prints and the
dataset card's statistics table is generated from."""

from __future__ import annotations

from collections import Counter
from typing import Mapping

from benchmark.model.records import Annotation, EntityType, EventType, Kind, MentionKind, Modality, Polarity, Quote
from benchmark.rendering.tables import Table


def _rows(annotation: Annotation) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    counts[("entities", "all")] = len(annotation.entities)
    for entity in annotation.entities:
        counts[("entities", entity.type.value if entity.type else "?")] += 1
        for mention in entity.mentions or ():
            counts[("mentions", "all")] += 1
            counts[("mentions", mention.kind.value if mention.kind else "?")] += 1
    counts[("events", "all")] = len(annotation.events)
    for event in annotation.events:
        counts[("events", event.type.value if event.type else "?")] += 1
        counts[("event modality", event.modality.value if event.modality else "?")] += 1
    counts[("claims", "all")] = len(annotation.claims)
    for claim in annotation.claims:
        counts[("claim quote", claim.quote.value if claim.quote else "?")] += 1
        counts[("claim polarity", claim.polarity.value if claim.polarity else "?")] += 1
    return counts


ORDER: tuple[tuple[str, str], ...] = (
    (("entities", "all"),)
    + tuple(("entities", t.value) for t in EntityType)
    + (("mentions", "all"),)
    + tuple(("mentions", k.value) for k in MentionKind)
    + (("events", "all"),)
    + tuple(("events", t.value) for t in EventType)
    + tuple(("event modality", m.value) for m in Modality)
    + (("claims", "all"),)
    + tuple(("claim quote", q.value) for q in Quote)
    + tuple(("claim polarity", p.value) for p in Polarity)
)


def _cluster_rows(gold: Mapping[str, Annotation], doc_ids: list[str]) -> list[tuple]:
    """Per kind: distinct clusters (per document, and across the set), and those
    linked across documents (per document: its objects whose cluster occurs in
    another document; total: distinct clusters in two or more documents)."""
    rows = []
    for plural in (kind.plural for kind in Kind):
        docs: dict[str, set[str]] = {}
        for doc_id in doc_ids:
            for obj in getattr(gold[doc_id], plural):
                docs.setdefault(obj.cluster, set()).add(doc_id)
        shared = {c for c, d in docs.items() if len(d) > 1}
        per_doc = [len({o.cluster for o in getattr(gold[d], plural)}) for d in doc_ids]
        linked = [sum(1 for o in getattr(gold[d], plural) if o.cluster in shared) for d in doc_ids]
        rows.append(("clusters", plural, *per_doc, len(docs)))
        rows.append(("clusters", plural + " linked across documents", *linked, len(shared)))
    return rows


def stats_table(gold: Mapping[str, Annotation]) -> Table:
    """One row per (kind, category), one column per document, and the total."""
    doc_ids = sorted(gold)
    per_doc = {d: _rows(gold[d]) for d in doc_ids}
    rows = []
    for key in ORDER:
        values = [per_doc[d][key] for d in doc_ids]
        rows.append((key[0], key[1], *values, sum(values)))
    rows += _cluster_rows(gold, doc_ids)
    return Table(("kind", "category", *doc_ids, "total"), tuple(rows))
