"""Count the changes between two versions of data/gold.jsonl, by layer.

Usage: python scripts/gold_diff.py [OLD_REV] (any git ref; default HEAD): compares `git show OLD_REV:data/gold.jsonl`
with the working-tree data/gold.jsonl. Objects are matched by (doc_id, id); mentions by (start, end).
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(text):
    return {r["doc_id"]: r for r in map(json.loads, filter(str.strip, text.splitlines()))}


def main(argv):
    rev = argv[0] if argv else "HEAD"
    old = load(subprocess.run(["git", "show", f"{rev}:data/gold.jsonl"], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    new = load((ROOT / "data" / "gold.jsonl").read_text(encoding="utf-8"))
    c = Counter()
    detail = []
    for doc in sorted(new):
        o, n = old[doc], new[doc]
        oe, ne = {e["id"]: e for e in o["entities"]}, {e["id"]: e for e in n["entities"]}
        for i in ne.keys() - oe.keys():
            c["entities added"] += 1
            c["mentions added"] += len(ne[i]["mentions"])
            detail.append(f"{doc} +entity {i} {ne[i]['type']} {ne[i]['name']!r} {ne[i]['cluster']}")
        c["entities removed"] += len(oe.keys() - ne.keys())
        for i in oe.keys() - ne.keys():
            c["mentions removed"] += len(oe[i]["mentions"])
            detail.append(f"{doc} -entity {i} {oe[i]['type']} {oe[i]['name']!r} {oe[i]['cluster']}")
        for i in oe.keys() & ne.keys():
            a, b = oe[i], ne[i]
            if a["type"] != b["type"]:
                c["entity types changed"] += 1
                detail.append(f"{doc} {i} type {a['type']} -> {b['type']}")
            am = {(m["start"], m["end"]): m["kind"] for m in a["mentions"]}
            bm = {(m["start"], m["end"]): m["kind"] for m in b["mentions"]}
            c["mentions added"] += len(bm.keys() - am.keys())
            c["mentions removed"] += len(am.keys() - bm.keys())
            for k in bm.keys() - am.keys():
                detail.append(f"{doc} {i} +mention {n and [m['text'] for m in b['mentions'] if (m['start'], m['end']) == k][0]!r}@{k[0]}")
            for k in am.keys() - bm.keys():
                detail.append(f"{doc} {i} -mention {[m['text'] for m in a['mentions'] if (m['start'], m['end']) == k][0]!r}@{k[0]}")
            if a["cluster"] != b["cluster"]:
                c["entity clusters changed"] += 1
                detail.append(f"{doc} {i} cluster {a['cluster']} -> {b['cluster']}")
            if a["name"] != b["name"]:
                c["entity names changed"] += 1
                detail.append(f"{doc} {i} name {a['name']!r} -> {b['name']!r}")
            if a["aliases"] != b["aliases"]:
                c["entity aliases changed"] += 1
                detail.append(f"{doc} {i} aliases {a['aliases']} -> {b['aliases']}")
        ov, nv = {v["id"]: v for v in o["events"]}, {v["id"]: v for v in n["events"]}
        c["events added"] += len(nv.keys() - ov.keys())
        c["events removed"] += len(ov.keys() - nv.keys())
        for i in ov.keys() & nv.keys():
            a, b = ov[i], nv[i]
            for f in ("type", "trigger", "date", "location", "modality"):
                if a[f] != b[f]:
                    c[f"event {f} changed"] += 1
                    detail.append(f"{doc} {i} {f} {a[f]} -> {b[f]}")
            if a["participants"] != b["participants"]:
                c["events with participants changed"] += 1
                add, rem = set(b["participants"]) - set(a["participants"]), set(a["participants"]) - set(b["participants"])
                c["participants added"] += len(add)
                c["participants removed"] += len(rem)
                detail.append(f"{doc} {i} participants +{sorted(add)} -{sorted(rem)}")
            if a["cluster"] != b["cluster"]:
                c["event clusters changed"] += 1
        oc, nc = {x["id"]: x for x in o["claims"]}, {x["id"]: x for x in n["claims"]}
        for i in nc.keys() - oc.keys():
            c["claims added"] += 1
            detail.append(f"{doc} +claim {i} {nc[i]['content']!r} {nc[i]['cluster']}")
        c["claims removed"] += len(oc.keys() - nc.keys())
        for i in oc.keys() & nc.keys():
            a, b = oc[i], nc[i]
            for f in ("claimant", "cue", "content", "span", "quote", "polarity", "about"):
                if a[f] != b[f]:
                    c[f"claim {f} changed"] += 1
                    detail.append(f"{doc} {i} {f} {a[f]} -> {b[f]}")
            if a["cluster"] != b["cluster"]:
                c["claim clusters changed (object moved)"] += 1
                detail.append(f"{doc} {i} cluster {a['cluster']} -> {b['cluster']}")
    # cluster inventories
    for kind, pre in (("entities", "E:"), ("events", "V:"), ("claims", "C:")):
        oi = {x["cluster"] for r in old.values() for x in r[kind]}
        ni = {x["cluster"] for r in new.values() for x in r[kind]}
        c[f"{kind} cluster ids old"] = len(oi)
        c[f"{kind} cluster ids new"] = len(ni)
        c[f"{kind} cluster ids added"] = len(ni - oi)
        c[f"{kind} cluster ids removed"] = len(oi - ni)
    for line in detail:
        print(line)
    print()
    for k, v in c.items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
