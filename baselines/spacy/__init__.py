"""The spaCy baseline (``python -m baselines.spacy``); needs the ``spacy`` extra."""
