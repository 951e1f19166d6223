"""Build the dev split (FICTIONAL articles written for this project).

Writes data/dev/documents.jsonl (same fields as data/documents.jsonl) from
data/dev/manifest.json and data/dev/articles/, and data/dev/gold.jsonl from the
annotation sources data/dev/annotation/*.json. The string specs and every check are
those of scripts/build_gold.py, imported by path (its functions are reused, not
copied). Then every gold record is validated against schema/gold.schema.json and
every offset is checked against its text.

Usage: python data/dev/build.py [--check]
  --check: exit 1 if documents.jsonl or gold.jsonl differ from what would be written.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parent
ROOT = DEV.parent.parent
DOC_KEYS = ["doc_id", "seed_file", "outlet", "title", "published", "text", "sha256", "excluded"]


def _load_build_gold():
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "scripts" / "build_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bg = _load_build_gold()


def document_records() -> list[dict]:
    manifest = json.loads((DEV / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for entry in manifest["documents"]:
        raw = (DEV / "articles" / entry["seed_file"]).read_bytes()
        text = raw.decode("utf-8")
        digest = hashlib.sha256(raw).hexdigest()
        if digest != entry["sha256"]:
            raise bg.AnnotationError(f"{entry['seed_file']}: sha256 {digest} != manifest {entry['sha256']}")
        if text.split("\n", 1)[0] != entry["title"]:
            raise bg.AnnotationError(f"{entry['seed_file']}: title is not line 1 verbatim")
        if entry["excluded"]:
            raise bg.AnnotationError(f"{entry['seed_file']}: the dev articles have no excluded regions")
        rec = dict(entry, text=text, excluded=[])
        out.append({k: rec[k] for k in DOC_KEYS})
    return sorted(out, key=lambda r: r["doc_id"])


def gold_records(docs: list[dict]) -> list[dict]:
    by_id = {d["doc_id"]: bg.Doc(d) for d in docs}
    out = []
    for path in sorted((DEV / "annotation").glob("*.json")):
        src = json.loads(path.read_text(encoding="utf-8"))
        doc = by_id.get(src["doc_id"])
        if doc is None:
            raise bg.AnnotationError(f"{path.name}: unknown doc_id {src['doc_id']!r}")
        out.append(bg.build_record(doc, src))
    return sorted(out, key=lambda r: r["doc_id"])


def verify(docs: list[dict], gold: list[dict]) -> None:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "schema").glob("*.json")}
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values() if "$id" in s
    )
    validator = Draft202012Validator(schemas["gold.schema.json"], registry=registry)
    texts = {d["doc_id"]: d["text"] for d in docs}
    for rec in gold:
        errors = sorted(validator.iter_errors(rec), key=lambda e: list(e.path))
        if errors:
            raise bg.AnnotationError(f"{rec['doc_id']}: schema: {errors[0].message} at {list(errors[0].path)}")
        text = texts[rec["doc_id"]]
        for ent in rec["entities"]:
            for m in ent["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"], (rec["doc_id"], ent["id"], m)
        for ev in rec["events"]:
            t = ev["trigger"]
            assert text[t["start"]:t["end"]] == t["text"], (rec["doc_id"], ev["id"], t)
        for cl in rec["claims"]:
            assert text[cl["span"]["start"]:cl["span"]["end"]] == cl["content"], (rec["doc_id"], cl["id"])
        for kind in ("entities", "events", "claims"):
            clusters = [o["cluster"] for o in rec[kind]]
            dupes = {c for c in clusters if clusters.count(c) > 1}
            if dupes:
                raise bg.AnnotationError(f"{rec['doc_id']}: cluster used twice in one document: {sorted(dupes)}")
    # a cluster id names one kind and one type only
    seen: dict[str, str] = {}
    for rec in gold:
        for kind in ("entities", "events"):
            for o in rec[kind]:
                key = f"{kind}:{o['type']}"
                if seen.setdefault(o["cluster"], key) != key:
                    raise bg.AnnotationError(f"cluster {o['cluster']} used with {seen[o['cluster']]} and {key}")


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str]) -> int:
    try:
        docs = document_records()
        gold = gold_records(docs)
        verify(docs, gold)
    except (bg.AnnotationError, AssertionError) as exc:
        print(f"dev/build: {exc}", file=sys.stderr)
        return 1
    outputs = {DEV / "documents.jsonl": dumps(docs), DEV / "gold.jsonl": dumps(gold)}
    if "--check" in argv:
        stale = [p for p, c in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != c]
        for p in stale:
            print(f"dev/build: {p} is out of date; run python data/dev/build.py", file=sys.stderr)
        return 1 if stale else 0
    for p, c in outputs.items():
        p.write_text(c, encoding="utf-8")
    n = sum(len(r[k]) for r in gold for k in ("entities", "events", "claims"))
    print(f"wrote {len(docs)} documents and {len(gold)} gold records ({n} objects); schema and offsets OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
