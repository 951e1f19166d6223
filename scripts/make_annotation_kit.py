"""Make an isolated annotation folder (a "kit") for an independent annotator.

    python scripts/make_annotation_kit.py KITS_DIR/NAME REPO DOCS_JSONL DOC_ID[,DOC_ID...]

The kit holds only what an independent annotator may read: the guidelines, the gold and
common schemas, the documents to annotate, three worked dev examples (by default the blind-written
dev-004..006: sources and built gold; EXAMPLES), build.py (the exact-string resolver) and validate.py (schema,
offsets, references, cluster conventions). Never the test gold, docs/decisions.md, earlier
annotations or any other part of the repository. Used for annotators E and F (test) and
for the held-out annotation (docs/agreement.md)."""
import json
import os
import shutil
import sys
from pathlib import Path

EXAMPLES = tuple(os.environ.get("KIT_EXAMPLES", "dev-004,dev-005,dev-006").split(","))
"""The worked examples a kit holds (E and F had dev-001..003; later kits the blind-written dev-004..006)."""
kit, repo, docs_jsonl, ids = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4].split(",")
if kit.exists():
    shutil.rmtree(kit)
(kit / "data" / "annotation").mkdir(parents=True)
(kit / "schema").mkdir()
shutil.copy(repo / "docs" / "guidelines.md", kit / "guidelines.md")
for s in ("gold.schema.json", "common.schema.json"):
    shutil.copy(repo / "schema" / s, kit / "schema" / s)
recs = [json.loads(line) for line in docs_jsonl.read_text().splitlines() if line.strip()]
recs = [r for r in recs if r["doc_id"] in ids]
assert len(recs) == len(ids), (ids, [r["doc_id"] for r in recs])
(kit / "data" / "documents.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
for r in recs:
    (kit / "data" / f"{r['doc_id']}.txt").write_text(r["text"])
ex = kit / "examples"
ex.mkdir()
dev = repo / "data" / "dev"
shutil.copytree(dev / "annotation", ex / "annotation", ignore=lambda d, f: [x for x in f if x.endswith(".json") and x[:7] not in EXAMPLES])
devrecs = [json.loads(line) for line in (dev / "documents.jsonl").read_text().splitlines() if line.strip()]
(ex / "documents.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in devrecs if r["doc_id"] in EXAMPLES))
goldrecs = [json.loads(line) for line in (dev / "gold.jsonl").read_text().splitlines() if line.strip()]
(ex / "gold.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in goldrecs if r["doc_id"] in EXAMPLES))
shutil.copy(repo / "scripts" / "build_gold.py", kit / "build.py")
shutil.copy(Path(__file__).resolve().parent / "annotation_kit" / "validate.py", kit / "validate.py")
(kit / "README.md").write_text(f"""# Annotation task (isolated)

You annotate {len(ids)} news article(s) for an information-extraction benchmark: entities (with every
mention), events and claims, with cross-document cluster ids, following `guidelines.md` exactly.

Independence rules: read ONLY the files in this folder. Do not open, list or search anything else on this
machine (no other folder, no git history, no other annotation), and do not look anything up
with any tool. Your annotation must come from the guidelines, the schemas, the worked examples and the
documents alone.

Files:
- `guidelines.md` — the annotation guidelines (the rules; read them in full before starting).
- `schema/gold.schema.json`, `schema/common.schema.json` — the JSON shape of a gold record.
- `data/documents.jsonl` — the documents (one JSON record per line: doc_id, outlet, title, published,
  text, excluded regions); `data/<doc_id>.txt` the same texts as plain files for reading.
- `examples/` — three annotated dev documents ({", ".join(EXAMPLES)}; where an example disagrees with `guidelines.md`, the guidelines win): `examples/annotation/*.json` are annotation
  SOURCES in the exact-string format you write; `examples/gold.jsonl` what they build to.
- `build.py` — resolves your sources (exact strings with context, never offsets) into `data/gold.jsonl`;
  its docstring explains the string spec format (`"left[TARGET]right"`, `"TARGET"`, `"TARGET*"`, `#N`).
- `validate.py` — run `python validate.py` (with the project's Python): builds and checks
  your annotation against the schema and the cluster conventions. It must print `valid`.

Deliver: one source file per document, `data/annotation/<doc_id>.json`, in the format of the examples,
and `notes.md`: every point where the guidelines left you unsure, what you decided and why (cite the
guideline section). Annotate every document completely (every entity mention including pronouns and
nominals, every event with all fields, every claim), then assign clusters across your documents
(section 9). Cluster ids are descriptive slugs (`E:...`, `V:...`, `C:...`).
""")
print(kit)
