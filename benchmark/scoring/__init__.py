"""Scoring (``docs/scoring.md``): field rules, alignment, counting, metrics,
coreference, confidence intervals, the paired test, the report and explanations.

It imports only ``benchmark.model``."""
