"""Whole-process throughput of ``validate`` and ``score`` as a user runs them.

    python perf/bench_end_to_end.py [--docs 1000 4000 10000] [--synthetic 1000] [--runs 5] [--small 10] [--repo DIR] [--work DIR]

For each size, builds the corpus of ``perf/real_corpus.py`` (the real gold's
documents replicated under new ids, one cluster namespace per replica, and a
perturbed submission)
and, with ``--synthetic``, the corpus of ``perf/bench_score.py`` written to files;
then runs ``python -m benchmark validate SUB --data DIR`` and ``python -m benchmark
score SUB --data DIR`` (default bootstrap) in fresh processes and prints wall
time, CPU time (user + system, less disturbed by other load on the machine), peak
resident memory and documents per second. A phase breakdown in one process
(parse alone, load documents, load gold, load submission, score, render) shows
the scoring part's share and validation against the bare JSON parse. Timings are
printed, never asserted.

Figures before and after issue 22 (the one loader), with the commands, are in
``perf/README.md``: after it, ~390 documents/s for ``score`` at 4,000 and 10,000
documents (310-320 before), ~1,500/s for ``validate``; the scorer's alignment is
now the largest single cost.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "perf"))

import bench_score  # noqa: E402
import real_corpus  # noqa: E402


def run_process(argv: list[str], cwd: Path = ROOT) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS in MiB and exit code of one process
    (run in ``cwd``, whose ``benchmark`` package it imports)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a long error list must not block the child
        child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        errors.seek(0)
        message = errors.read(2000).decode(errors="replace")
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # 1 is a rejected input, as some benchmarks mean it to be
        sys.stderr.write(message)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, child.returncode


def synthetic_corpus(folder: Path, count: int, seed: int = 0) -> Path:
    documents, gold, submission = bench_score.dataset(count, seed)
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    with open(data / "documents.jsonl", "w", encoding="utf-8") as out:
        for d in documents.values():
            out.write(json.dumps({"doc_id": d.doc_id, "seed_file": d.seed_file, "outlet": d.outlet, "title": d.title,
                                  "published": d.published, "text": d.text, "sha256": d.sha256, "excluded": []}) + "\n")
    with open(data / "gold.jsonl", "w", encoding="utf-8") as out:
        for record in gold.values():
            out.write(json.dumps(record) + "\n")
    path = folder / "submission.json"
    path.write_text(json.dumps(submission), encoding="utf-8")
    return path


def phases(submission: Path, data: Path) -> dict[str, float]:
    """CPU seconds of each phase of ``score`` in this process."""
    from benchmark.model.jsonio import paused_gc
    from benchmark.model.loading import load_split, load_submission
    from benchmark.rendering.report_formats import render
    from benchmark.scoring.score import score

    def timed(fn):
        start = time.process_time()
        value = fn()
        return value, time.process_time() - start

    def parse_only():
        with paused_gc():
            json.loads(submission.read_bytes())
            for line in (data / "gold.jsonl").read_bytes().splitlines():
                json.loads(line)
            for line in (data / "documents.jsonl").read_bytes().splitlines():
                json.loads(line)

    result: dict[str, float] = {}
    _, result["bare JSON parse (all three files)"] = timed(parse_only)
    split, result["load dataset (documents and gold)"] = timed(lambda: load_split(data))
    assert not split.problems, split.problems[:3]
    documents, gold = split.documents, split.gold
    (loaded, problems), result["load submission"] = timed(lambda: load_submission(submission, documents))
    assert loaded is not None, problems[:3]
    report, result["score (bootstrap 1000)"] = timed(lambda: score(gold, loaded, "lenient"))
    _, result["render"] = timed(lambda: render(report, "text"))
    return result


def measure(label: str, submission: Path, data: Path, count: int, breakdown: bool, runs: int = 1, repo: Path = ROOT) -> None:
    """Each command ``runs`` times in fresh processes: the median wall and CPU
    seconds (and the range of the wall times)."""
    print(flush=True)
    print(f"{label}: {count} documents, submission {submission.stat().st_size / 2**20:.0f} MiB, "
          f"gold {(data / 'gold.jsonl').stat().st_size / 2**20:.0f} MiB, code {repo}, median of {runs}")
    for command in ("validate", "score"):
        results = [run_process([sys.executable, "-m", "benchmark", command, str(submission), "--data", str(data)], repo)
                   for _ in range(runs)]
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        rss = max(r[2] for r in results)
        codes = sorted({r[3] for r in results})
        low, high = min(r[0] for r in results), max(r[0] for r in results)
        print(f"  {command:8} exit {codes}  wall {wall:6.2f} s ({count / wall:6,.0f} docs/s; {low:.2f}-{high:.2f})  "
              f"cpu {cpu:6.2f} s ({count / cpu:6,.0f} docs/s)  peak {rss:5,} MiB", flush=True)
    if breakdown:  # in a child process, so that this one stays small (a child's peak RSS counts its parent's at fork)
        subprocess.run([sys.executable, __file__, "--breakdown", str(submission), str(data)], check=True)


def print_phases(submission: Path, data: Path) -> None:
    from benchmark.model.jsonio import paused_gc

    with paused_gc():  # as a command runs (benchmark.cli.main)
        parts = phases(submission, data)
    total = sum(v for k, v in parts.items() if not k.startswith("bare"))
    for name, seconds in parts.items():
        share = "" if name.startswith("bare") else f"  {100 * seconds / total:4.1f} %"
        print(f"    {name:34} {seconds:6.2f} s{share}", flush=True)


def small(repo: Path, runs: int) -> None:
    """The real five-document ``score`` of a shipped submission, as a user runs it."""
    submission = repo / "submissions" / "rules.json"
    walls = [run_process([sys.executable, "-m", "benchmark", "score", str(submission)], repo)[0] for _ in range(runs)]
    print(f"five-document score ({submission.name}), code {repo}: median wall {statistics.median(walls):.3f} s "
          f"over {runs} runs ({min(walls):.3f}-{max(walls):.3f})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="*", default=[1000, 4000, 10000])
    parser.add_argument("--synthetic", type=int, nargs="*", default=[1000])
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--work", type=Path, help="folder for the corpora (default: a temporary folder)")
    parser.add_argument("--runs", type=int, default=5, help="processes per command and size; the median is shown (default 5)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="checkout whose code runs (default: this one), to time a base commit on the same corpus")
    parser.add_argument("--small", type=int, default=10, metavar="N",
                        help="also time the real five-document `score` N times (median; 0 to skip)")
    parser.add_argument("--breakdown", nargs=2, type=Path, metavar=("SUBMISSION", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.breakdown:
        print_phases(*args.breakdown)
        return
    if args.small:
        small(args.repo, args.small)
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        for count in args.docs:
            folder = work / f"real-{count}"
            submission = folder / "submission.json"
            if not submission.exists():
                real_corpus.build(folder, count)
            measure("real gold replicated, perturbed", submission, folder / "data", count, not args.no_breakdown,
                    args.runs, args.repo)
        for count in args.synthetic:
            folder = work / f"synthetic-{count}"
            submission = folder / "submission.json"
            if not submission.exists():
                synthetic_corpus(folder, count)
            measure("synthetic (bench_score)", submission, folder / "data", count, not args.no_breakdown,
                    args.runs, args.repo)


if __name__ == "__main__":
    main()
