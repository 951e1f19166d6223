"""Validate the annotation: build data/gold.jsonl from data/annotation/*.json (exact
strings -> offsets), then check every record against schema/gold.schema.json and the
cluster conventions. Usage: python validate.py  (prints "valid" and exits 0 when valid)."""

import json
import re
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

HERE = Path(__file__).resolve().parent
PREFIX = {"entities": "E:", "events": "V:", "claims": "C:"}
SLUG = re.compile(r"[EVC]:[a-z0-9]+(-[a-z0-9]+)*")


def main() -> int:
    if subprocess.run([sys.executable, str(HERE / "build.py"), "--data", str(HERE / "data")]).returncode:
        return 1
    schemas = {p.name: json.loads(p.read_text()) for p in (HERE / "schema").glob("*.json")}
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    validator = Draft202012Validator(schemas["gold.schema.json"], registry=registry)
    problems = []
    for line in (HERE / "data" / "gold.jsonl").read_text().splitlines():
        record = json.loads(line)
        doc = record.get("doc_id")
        for error in validator.iter_errors(record):
            problems.append(f"{doc}: /{'/'.join(map(str, error.absolute_path))}: {error.message}")
        seen = set()
        for kind, prefix in PREFIX.items():
            for obj in record.get(kind, []):
                cluster = obj.get("cluster")
                if not cluster or not cluster.startswith(prefix) or not SLUG.fullmatch(cluster):
                    problems.append(f"{doc}: {obj['id']}: bad cluster {cluster!r}")
                elif cluster in seen:
                    problems.append(f"{doc}: {obj['id']}: cluster {cluster} used twice in one document")
                seen.add(cluster)
    print("\n".join(problems) if problems else "valid")
    if problems:
        print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
