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


ATTACKER_BEFORE = {
    "whole document (attacker)": "0.0000", "date event spam": "0.0000", "token trigger spam": "0.0024",
    "sentence claims (attacker)": "0.0075", "clause claims": "0.0191", "mention flood, typed": "0.0000",
    "mention flood, one per type": "0.0000", "single-mention entities": "0.0312",
    "zero-core twin grid, 0 twins": "0.0875", "zero-core twin grid, 5 twins": "0.1310",
    "zero-core twin grid, 50 twins": "0.1660", "cue sentence, cue removed": "0.1515",
    "capitalised tokens, GPE (attacker)": "0.0783", "capitalised n-grams, name only": "0.0770",
    "kindless mentions": "0.0466", "entity x event-type grid, all types": "0.1474",
    "entity x event-type grid, 5 types": "0.1352", "entity x event-type grid, 5 types, dated": "0.1275",
    "entity x event-type grid, pairs": "0.0886", "named grid, 3 twins": "0.1655", "named grid, 20 twins": "0.1757",
    "cue split claims": "0.1439", "cue split + claimant": "0.2351", "combined stack": "0.2574",
    "twins of every entity in participants": "0.5950", "twins of every event in about": "0.5858",
    "participants and about repeated": "0.6457", "3 twins of the top 1 entities": "0.6570",
    "6 twins of the top 1 entities": "0.6574", "2 twins of the top 2 entities": "0.6486",
    "3 twins of the top 2 entities": "0.6485", "10 twins of the top 2 entities": "0.6355",
    "2 twins of the top 3 entities": "0.6437", "5 twins of the top 4 entities": "0.6189",
    "1 twins of the top 100 entities": "0.6052", "top 1 stripped + 50 free twins": "0.5815",
    "top 2 stripped + 50 free twins": "0.6062", "top 2 stripped + 300 free twins": "0.6052",
    "mention-only entities": "0.6457", "capitalised runs as entities": "0.5746", "null dates filled": "0.6366",
    "single-participant event grid": "0.6125", "sentences as claims": "0.6370", "claims again, quote flipped": "0.5689",
    "mention flood": "0.6147", "one cluster per kind": "0.6457", "participants cut to two": "0.6542",
    "claims without about": "0.6344", "entities without clusters": "0.6457",
}
"""Lenient headlines the outside attacker measured (``findings.md``) on the scorer
before its fixes (the rules baseline then: 0.6457); families rebuilt rule for
rule, so the *after* columns are the same submissions."""


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
    print("\n**Outside attacker** (families of a red team that never saw the scorer's code, "
          "rebuilt in `tests/redteam.py`; *before*: lenient headline on the scorer before issue 19's "
          "follow-up, as the attacker measured it)\n")
    print("| family | reads? | before (lenient) | headline strict | headline lenient | entity | event | claim |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    outside = [(n, f, "no") for n, f in redteam.OUTSIDE_NON_READING.items()] + \
              [(n, f, "a little") for n, f in redteam.OUTSIDE_READING_A_LITTLE.items()]
    for name, family, reads in outside:
        strict, lenient, entity, event, claim = run(family(documents))
        print(f"| {name} | {reads} | {ATTACKER_BEFORE.get(name, '')} | {strict:.4f} | {lenient:.4f} | {entity:.4f} "
              f"| {event:.4f} | {claim:.4f} |")
    print(f"\n| change to a real system | before (rules, lenient) | rules + change strict (rules {base['rules'][0]:.4f}) "
          f"| rules + change lenient (rules {base['rules'][1]:.4f}) | spacy + change lenient (spacy {base['spacy'][1]:.4f}) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, change in {**redteam.OUTSIDE_PADDING, **redteam.OUTSIDE_PRUNING}.items():
        rules_strict, rules_lenient, *_ = run(change(real["rules"], documents))
        spacy_lenient = run(change(real["spacy"], documents))[1]
        kind = "pruning: " if name in redteam.OUTSIDE_PRUNING else ""
        print(f"| {kind}{name} | {ATTACKER_BEFORE.get(name, '')} | {rules_strict:.4f} | {rules_lenient:.4f} "
              f"| {spacy_lenient:.4f} |")
    sloppy = redteam.perturbed(gold, documents)
    strict, lenient, *_ = run(sloppy)
    print(f"\nboundary-perturbed oracle: headline strict {strict:.4f}, lenient {lenient:.4f}")
    for mode in ("strict", "lenient"):
        r = score(gold, list(sloppy.values()), mode, documents=documents, resamples=0)
        print(f"  {mode} grounding F1: " + ", ".join(f"{f.spec.key} {f.counts.f1:.4f}" for f in r.grounding))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
