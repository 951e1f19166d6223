"""Reference systems that write submissions: ``python -m baselines.<name> --out FILE``."""
