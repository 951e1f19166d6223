"""Time and peak memory of ``python -m benchmark leaderboard`` over a folder of
hostile entries next to good ones, as a user runs it (a separate process).

    python perf/bench_leaderboard_hostile.py [--good 5] [--copies 1]

The folder holds ``--good`` valid submissions (copies of the shipped oracle under
distinct system names) and ``--copies`` of each hostile entry: a directory, a FIFO,
a dangling symbolic link, a symbolic link loop, a file name that is not UTF-8, a
5,000-digit integer, truncated JSON, a lone surrogate in the system name, a formula
in the system name and a duplicate system name. Prints the wall time, the peak
resident memory of the child and the number of ranked and rejected rows; nothing
is asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_folder(folder: Path, good: int, copies: int) -> None:
    oracle = json.loads((ROOT / "submissions" / "oracle.json").read_text(encoding="utf-8"))

    def named(system: str) -> str:
        return json.dumps({**oracle, "meta": {**oracle["meta"], "system": system}})

    for i in range(good):
        (folder / f"good{i:03}.json").write_text(named(f"system {i}"), encoding="utf-8")
    for c in range(copies):
        (folder / f"dir{c}.json").mkdir()
        os.mkfifo(folder / f"fifo{c}.json")
        (folder / f"dangling{c}.json").symlink_to(folder / "nowhere")
        (folder / f"loop{c}.json").symlink_to(folder / f"loop{c}.json")
        with open(os.fsencode(str(folder)) + f"/bad{c}\xff.json".encode("latin-1"), "w") as handle:
            handle.write(named(f"bytes {c}"))
        giant = named(f"giant {c}").replace('"version": "0.1.0"', '"version": "0.1.0", "x": ' + "7" * 5000, 1)
        (folder / f"giant{c}.json").write_text(giant, encoding="utf-8")
        (folder / f"truncated{c}.json").write_text(named("cut")[:1000], encoding="utf-8")
        (folder / f"surrogate{c}.json").write_text(named(f"\ud800 {c}"), encoding="utf-8")
        (folder / f"formula{c}.json").write_text(named(f"ok\r=2+3 {c}"), encoding="utf-8")
        (folder / f"zz_duplicate{c}.json").write_text(named("SYSTEM 0"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--good", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "subs", Path(tmp) / "board"
        folder.mkdir()
        build_folder(folder, args.good, args.copies)
        entries = len(list(folder.iterdir()))
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "benchmark", "leaderboard", str(folder), "--out", str(out)],
                                cwd=ROOT, capture_output=True, text=True, timeout=600)
        wall = time.perf_counter() - start
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows = list(csv.DictReader((out / "results.csv").open(encoding="utf-8"))) if result.returncode == 0 else []
        ranked = sum(r["status"] == "ranked" for r in rows)
        print(f"{entries} entries: exit {result.returncode}, {wall:.2f} s wall, peak RSS {peak_mib:.0f} MiB, "
              f"{ranked} ranked, {len(rows) - ranked} rejected")
        if result.returncode:
            print(result.stderr, file=sys.stderr)


if __name__ == "__main__":
    main()
