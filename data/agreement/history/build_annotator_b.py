#!/usr/bin/env python3
"""Build data/agreement/annotator_b.json from the compact sources in
data/agreement/annotator_b/NNN.json (second, independent annotation).

Offsets are never typed: every span is resolved from exact strings against
the document text in data/documents.jsonl. The build fails loudly on a string
that is not found, is ambiguous, or lies in an excluded region.

Source format (one file per document):

  entities: [{id, type, name, cluster, mentions: [M, ...]}]
    M is a string "K:selector" with K one of
      N  name mention            M  nominal mention      P  pronoun mention
      N* every word-bounded, case-sensitive occurrence of the selector in the
         article proper (skipping occurrences strictly inside a longer name
         mention of another entity: the atomic-name rule)
    selector: an anchor string that occurs exactly once in the text; the
    mention is the part in [[...]] (or the whole anchor when there are no
    brackets).
    aliases are derived: distinct name-mention texts other than `name`, in
    order of first occurrence.
  events: [{id, type, trigger: selector, date, location, participants,
            modality, cluster}]
  claims: [{id, claimant, cue, cue_at?: selector, content: selector, quote,
            polarity, about, cluster}]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "data" / "agreement" / "history" / "annotator_b"
OUT = ROOT / "data" / "agreement" / "history" / "annotator_b.json"
DOCS = ROOT / "data" / "documents.jsonl"

META = {
    "system": "annotator-b",
    "version": "1",
    "description": "Human-agreement row: annotator B's independent second annotation from docs/guidelines.md alone, before adjudication (an AI-model session without access to the gold; see docs/agreement.md)",
    "date": "2026-11-22",
}
KINDS = {"N": "name", "M": "nominal", "P": "pronoun"}


class BuildError(Exception):
    pass


def load_docs() -> dict[str, dict]:
    docs = {}
    with DOCS.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                docs[d["doc_id"]] = d
    return docs


def excluded(doc: dict, start: int, end: int) -> bool:
    return any(start < r["end"] and r["start"] < end for r in doc["excluded"])


def resolve(doc: dict, selector: str, where: str) -> tuple[int, int]:
    """Offsets of the [[marked]] part of a unique anchor."""
    text = doc["text"]
    if selector.count("[[") > 1 or selector.count("[[") != selector.count("]]"):
        raise BuildError(f"{where}: bad brackets in {selector!r}")
    if "[[" in selector:
        pre, rest = selector.split("[[", 1)
        mid, post = rest.split("]]", 1)
    else:
        pre, mid, post = "", selector, ""
    anchor = pre + mid + post
    if not mid:
        raise BuildError(f"{where}: empty mention in {selector!r}")
    hits = [m.start() for m in re.finditer(re.escape(anchor), text)]
    if not hits:
        raise BuildError(f"{where}: anchor not found: {anchor!r}")
    if len(hits) > 1:
        raise BuildError(f"{where}: anchor ambiguous ({len(hits)} hits): {anchor!r}")
    start = hits[0] + len(pre)
    end = start + len(mid)
    if excluded(doc, start, end):
        raise BuildError(f"{where}: span in excluded region: {anchor!r}")
    assert text[start:end] == mid
    return start, end


def all_occurrences(doc: dict, needle: str) -> list[tuple[int, int]]:
    text = doc["text"]
    pat = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pat.finditer(text) if not excluded(doc, m.start(), m.end())]


def build_doc(doc: dict, src: dict) -> dict:
    did = doc["doc_id"]
    text = doc["text"]
    ids: set[str] = set()

    def new_id(i: str) -> None:
        if i in ids:
            raise BuildError(f"{did}: duplicate id {i}")
        ids.add(i)

    # pass 1: explicit mentions
    ents = []
    explicit_names: list[tuple[int, int, str]] = []  # (start, end, entity id)
    for e in src["entities"]:
        new_id(e["id"])
        ms = []
        for m in e["mentions"]:
            k, sel = m.split(":", 1)
            if k == "N*":
                continue
            if k not in KINDS:
                raise BuildError(f"{did}/{e['id']}: bad mention kind {k!r}")
            s, t = resolve(doc, sel, f"{did}/{e['id']}")
            ms.append((s, t, KINDS[k]))
            if k == "N":
                explicit_names.append((s, t, e["id"]))
        ents.append((e, ms))
    # pass 2: N* (all occurrences), skipping those strictly inside a longer
    # name mention (explicit or N*) of any entity: the atomic-name rule
    cands: list[tuple[int, int, int]] = []  # (start, end, index into ents)
    for i, (e, ms) in enumerate(ents):
        for m in e["mentions"]:
            k, sel = m.split(":", 1)
            if k != "N*":
                continue
            occ = all_occurrences(doc, sel)
            if not occ:
                raise BuildError(f"{did}/{e['id']}: N* found nothing: {sel!r}")
            cands.extend((s, t, i) for s, t in occ)
    longer = [(s, t) for s, t, _ in explicit_names] + [(s, t) for s, t, _ in cands]
    for s, t, i in cands:
        if any(a <= s and t <= b and (b - a) > (t - s) for a, b in longer):
            continue
        ents[i][1].append((s, t, "name"))
    out_entities = []
    spans_seen: dict[tuple[int, int], str] = {}
    for e, ms in ents:
        ms = sorted(set(ms))
        seen_span = {}
        for s, t, k in ms:
            if (s, t) in seen_span:
                raise BuildError(f"{did}/{e['id']}: span {text[s:t]!r}@{s} listed twice")
            seen_span[(s, t)] = k
            if (s, t) in spans_seen:
                raise BuildError(f"{did}: span {text[s:t]!r}@{s} in {spans_seen[(s, t)]} and {e['id']}")
            spans_seen[(s, t)] = e["id"]
        names = [text[s:t] for s, t, k in ms if k == "name"]
        if names and e["name"] not in names:
            raise BuildError(f"{did}/{e['id']}: name {e['name']!r} is not a name mention")
        aliases = []
        for n in names:
            if n != e["name"] and n not in aliases:
                aliases.append(n)
        out_entities.append({
            "id": e["id"], "type": e["type"], "name": e["name"], "aliases": aliases,
            "mentions": [{"start": s, "end": t, "text": text[s:t], "kind": k} for s, t, k in ms],
            "cluster": e["cluster"],
        })
    ent_ids = {e["id"] for e in out_entities}

    out_events = []
    for v in src["events"]:
        new_id(v["id"])
        s, t = resolve(doc, v["trigger"], f"{did}/{v['id']}")
        for p in v["participants"]:
            if p not in ent_ids:
                raise BuildError(f"{did}/{v['id']}: unknown participant {p}")
        if len(set(v["participants"])) != len(v["participants"]):
            raise BuildError(f"{did}/{v['id']}: duplicate participant")
        if v["location"] is not None and v["location"] not in ent_ids:
            raise BuildError(f"{did}/{v['id']}: unknown location")
        out_events.append({
            "id": v["id"], "type": v["type"], "trigger": {"start": s, "end": t, "text": text[s:t]},
            "date": v["date"], "location": v["location"], "participants": v["participants"],
            "modality": v["modality"], "cluster": v["cluster"],
        })
    ev_ids = {v["id"] for v in out_events}

    out_claims = []
    for c in src["claims"]:
        new_id(c["id"])
        s, t = resolve(doc, c["content"], f"{did}/{c['id']}")
        if c["claimant"] is not None and c["claimant"] not in ent_ids:
            raise BuildError(f"{did}/{c['id']}: unknown claimant")
        if c["cue"] not in text:
            raise BuildError(f"{did}/{c['id']}: cue not verbatim")
        if "cue_at" in c:
            cs, ct = resolve(doc, c["cue_at"], f"{did}/{c['id']} cue")
            if text[cs:ct] != c["cue"]:
                raise BuildError(f"{did}/{c['id']}: cue_at does not mark the cue")
        for a in c["about"]:
            if a not in ev_ids:
                raise BuildError(f"{did}/{c['id']}: unknown event {a}")
        out_claims.append({
            "id": c["id"], "claimant": c["claimant"], "cue": c["cue"], "content": text[s:t],
            "span": {"start": s, "end": t}, "quote": c["quote"], "polarity": c["polarity"],
            "about": c["about"], "cluster": c["cluster"],
        })

    # clusters: one per kind/type, never twice in a document
    seen = set()
    for o in out_entities + out_events + out_claims:
        if o["cluster"] in seen:
            raise BuildError(f"{did}: cluster {o['cluster']} used twice")
        seen.add(o["cluster"])
    completeness(doc, out_entities)
    return {"doc_id": did, "entities": out_entities, "events": out_events, "claims": out_claims}


def completeness(doc: dict, entities: list[dict]) -> None:
    """Every word-bounded occurrence of a name/alias must lie inside a mention
    of an entity having that string as name or alias (atomic-name exemption)."""
    owners: dict[str, set[str]] = {}
    for e in entities:
        if not any(m["kind"] == "name" for m in e["mentions"]):
            continue  # unnamed entity: its name is a nominal, not a name
        for n in [e["name"], *e["aliases"]]:
            owners.setdefault(n, set()).add(e["id"])
    name_spans = [(m["start"], m["end"], e["id"]) for e in entities for m in e["mentions"] if m["kind"] == "name"]
    all_spans = [(m["start"], m["end"], e["id"]) for e in entities for m in e["mentions"]]
    for n, who in owners.items():
        for s, t in all_occurrences(doc, n):
            ok = any(a <= s and t <= b and eid in who for a, b, eid in all_spans)
            exempt = any(a <= s and t <= b and (b - a) > (t - s) and eid not in who for a, b, eid in name_spans)
            if not ok and not exempt:
                raise BuildError(f"{doc['doc_id']}: completeness: {n!r}@{s} not covered")


def main() -> int:
    docs = load_docs()
    out_docs = []
    try:
        for did in sorted(docs):
            if "--partial" in sys.argv and not (SRC / f"{did}.json").exists():
                continue
            src = json.loads((SRC / f"{did}.json").read_text(encoding="utf-8"))
            if src["doc_id"] != did:
                raise BuildError(f"{did}: doc_id mismatch")
            out_docs.append(build_doc(docs[did], src))
    except BuildError as exc:
        print(f"build_annotator_b: ERROR: {exc}", file=sys.stderr)
        return 1
    OUT.write_text(json.dumps({"meta": META, "documents": out_docs}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for d in out_docs:
        n_m = sum(len(e["mentions"]) for e in d["entities"])
        print(f"{d['doc_id']}: entities={len(d['entities'])} mentions={n_m} events={len(d['events'])} claims={len(d['claims'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
