"""Print the "What gaming earns" table of docs/scoring.md: the headline (and each
kind's F1) of every red-team family of tests/redteam.py, alone and as padding of
the committed rules and spacy submissions, in both modes.

    python scripts/redteam_table.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import redteam  # noqa: E402  (tests/redteam.py: the generator the test suite keeps)

from benchmark import score  # noqa: E402
from benchmark.model.loading import load_split, load_submission  # noqa: E402
from benchmark.model.paths import DATA  # noqa: E402


def main() -> int:
    split = load_split(DATA)
    documents, gold = split.documents, split.gold
    assert gold is not None

    def run(predicted: dict) -> tuple[float, ...]:
        out = []
        for mode in ("strict", "lenient"):
            r = score(gold, list(predicted.values()), mode, documents=documents, resamples=0)
            out += [r.headline] + ([k.counts.f1 for k in r.kinds] if mode == "lenient" else [])
        return tuple(out)

    real = {}
    for name in ("rules", "spacy"):
        submission, _ = load_submission(ROOT / "submissions" / f"{name}.json", documents)
        assert submission is not None
        real[name] = submission.by_id()
    base = {name: run(sub) for name, sub in real.items()}
    print("| family | reads? | headline strict | headline lenient | entity | event | claim "
          f"| rules + family (rules {base['rules'][1]:.4f}) | spacy + family (spacy {base['spacy'][1]:.4f}) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    families = [(n, f, "no") for n, f in redteam.NON_READING.items()] + \
               [(n, f, "a little") for n, f in redteam.READING_A_LITTLE.items()]
    for name, family, reads in families:
        alone = family(documents)
        strict, lenient, entity, event, claim = run(alone)
        padded = [run(redteam.pad(sub, alone))[1] for sub in real.values()]
        print(f"| {name} | {reads} | {strict:.4f} | {lenient:.4f} | {entity:.4f} | {event:.4f} | {claim:.4f} "
              f"| {padded[0]:.4f} | {padded[1]:.4f} |")
    for name, change in (("every object twice", redteam.duplicated), ("one cluster per kind", redteam.merged_clusters),
                         ("every object its own cluster", redteam.singleton_clusters)):
        padded = [run(change(sub))[1] for sub in real.values()]
        print(f"| {name} (of the real system) | — | | | | | | {padded[0]:.4f} | {padded[1]:.4f} |")
    sloppy = redteam.perturbed(gold, documents)
    strict, lenient, *_ = run(sloppy)
    print(f"\nboundary-perturbed oracle: headline strict {strict:.4f}, lenient {lenient:.4f}")
    for mode in ("strict", "lenient"):
        r = score(gold, list(sloppy.values()), mode, documents=documents, resamples=0)
        print(f"  {mode} grounding F1: " + ", ".join(f"{f.spec.key} {f.counts.f1:.4f}" for f in r.grounding))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
