"""The rule-based baseline: patterns and lexicons, no model (``python -m baselines.rules``)."""
