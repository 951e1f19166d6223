"""Cost of the worst input each limit lets through, and of the hostile inputs it
stops, measured as whole processes (``validate`` and ``score``).

    python perf/bench_hostile.py [--scale 1.0] [--only NAME ...]

Each row: the input's size, exit code, wall and CPU seconds, peak resident memory
(``os.wait4``'s rusage of the child). The acceptance line of issue 13 is a few
seconds and a few hundred MB per 10 MB of input. Inputs come from the generators
of ``tests/hostile/cases.py`` and from the limits in ``benchmark/model/limits.py``;
``--scale`` shrinks or grows the ones whose size is free. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "perf")]

from bench_end_to_end import run_process  # noqa: E402
from benchmark.model.limits import (  # noqa: E402
    MAX_DEPTH, MAX_DOCUMENTS, MAX_INTEGER_DIGITS, MAX_NFKC_GROWTH, MAX_OBJECTS_PER_DOCUMENT, NFKC_ALLOWANCE,
)
from hostile.cases import TEXT, dumps, submission  # noqa: E402


def _tiny_dataset(folder: Path, count: int) -> Path:
    """``count`` one-word documents with empty gold: the most documents a submission may hold."""
    data = folder / "tiny-data"
    data.mkdir(parents=True, exist_ok=True)
    with open(data / "documents.jsonl", "w") as docs, open(data / "gold.jsonl", "w") as gold:
        for i in range(count):
            doc_id = f"{i:06d}"
            docs.write(json.dumps({"doc_id": doc_id, "seed_file": "000_0.txt", "outlet": "o", "title": "t",
                                   "published": "2021-12-27", "text": "word", "sha256": "0" * 64, "excluded": []}) + "\n")
            gold.write(json.dumps({"doc_id": doc_id, "entities": [], "events": [], "claims": []}) + "\n")
    return data


def cases(folder: Path, scale: float) -> Iterator[tuple[str, bytes, Path | None]]:
    """(name, submission bytes, dataset folder or None for the shipped data)."""
    start = TEXT.index("U.S.")
    u_s = {"start": start, "end": start + 4, "text": "U.S.", "kind": "name"}
    n = MAX_OBJECTS_PER_DOCUMENT
    yield "objects: 10,000 entities named U.S.", dumps(submission({"entities": [
        {"id": f"e{i}", "name": "U.S.", "type": "GPE", "mentions": [u_s]} for i in range(n // 2)]})), None
    yield "objects: 10,000 Meet events on one trigger", dumps(submission({"events": [
        {"id": f"v{i}", "type": "Meet", "trigger": {"start": start, "end": start + 4, "text": "U.S."}} for i in range(n)]})), None
    content = TEXT[start:start + 200]
    yield "objects: 10,000 claims of one content", dumps(submission({"claims": [
        {"id": f"c{i}", "cue": "said", "content": content, "span": {"start": start, "end": start + 200}} for i in range(n)]})), None
    k = (MAX_NFKC_GROWTH * 200 + NFKC_ALLOWANCE - 200) // 17  # U+FDFA (18 characters under NFKC) per 200-character name
    name = "\ufdfa" * k + "a" * (200 - k)
    yield f"nfkc: 5 x 2,000 names growing {MAX_NFKC_GROWTH}x under NFKC", dumps({"meta": {"system": "x"}, "documents": [
        {"doc_id": d, "entities": [{"id": f"e{i}", "name": name} for i in range(2000)]} for d in ("000", "001", "002", "003", "004")]}), None
    wide = int(200_000 * scale)
    nested = "[" * (MAX_DEPTH - 3) + "]" * (MAX_DEPTH - 3)
    yield f"depth: {wide:,} arrays {MAX_DEPTH - 3} deep in meta", dumps(submission(extra="@")).replace(
        b'"@"', ("[" + ",".join([nested] * wide) + "]").encode()), None
    ints = int(500_000 * scale)
    yield f"integers: {ints:,} of {MAX_INTEGER_DIGITS} digits in meta", dumps(submission(extra="@")).replace(
        b'"@"', ("[" + ",".join(["9" * MAX_INTEGER_DIGITS] * ints) + "]").encode()), None
    yield f"documents: {MAX_DOCUMENTS:,} (one-word documents)", dumps({"meta": {"system": "x"}, "documents": [
        {"doc_id": f"{i:06d}"} for i in range(MAX_DOCUMENTS)]}), _tiny_dataset(folder, MAX_DOCUMENTS)
    zeros = int(20_000_000 * scale)
    yield f"rejected: {zeros:,} zeros in documents", b'{"meta": {"system": "x"}, "documents": [' + b"0," * (zeros - 1) + b"0]}", None
    yield f"rejected: {MAX_DOCUMENTS:,} records that are not objects", dumps(
        {"meta": {"system": "x"}, "documents": [0] * MAX_DOCUMENTS}), None
    yield "rejected: 15 MB of U+FDFA in one name", dumps(submission({"entities": [{"id": "e", "name": "\ufdfa" * 5_000_000}]})), None
    yield "rejected: 200,000 nested arrays", b"[" * 200_000 + b"]" * 200_000, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", nargs="*", default=[], help="cases whose name contains one of these")
    args = parser.parse_args()
    print(f"{'case':52} {'MB':>6}  command   exit   wall s   cpu s  peak MiB")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, data, dataset in cases(folder, args.scale):
            if args.only and not any(o in name for o in args.only):
                continue
            path = folder / "submission.json"
            path.write_bytes(data)
            gold = ["--gold", str(dataset)] if dataset else []
            for command in ("validate", "score"):
                wall, cpu, rss, code = run_process([sys.executable, "-m", "benchmark", command, str(path), *gold])
                print(f"{name:52} {len(data) / 1e6:6.1f}  {command:8} {code:4}  {wall:7.2f} {cpu:7.2f}  {rss:8,}", flush=True)


if __name__ == "__main__":
    main()
