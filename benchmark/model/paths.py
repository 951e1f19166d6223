"""Where the benchmark's files are, in a checkout and in an installed wheel.

The checkout's files are the single source of truth. A wheel carries a copy of
the ones the commands read (the dataset and its card, the seeds and manifest,
the JSON Schemas, the annotation guidelines) as package data under
``benchmark/bundled/``, laid out as in the checkout (``setup.py`` copies them at
build time; ``BUNDLED`` there lists them). They are found through
``importlib.resources``:

- ``RESOURCES``: the bundled copy when the package has one (an installed wheel),
  else the checkout that holds the package (a source tree or an editable install).
  The harness's own files, the schemas and the guidelines, always come from here.
- ``ROOT``: where the default dataset, seeds, submissions and leaderboard are:
  ``$BENCHMARK_ROOT`` when set (a folder laid out like the repository), else
  ``RESOURCES``.
- ``WORKSPACE``, where ``SUBMISSIONS`` and ``LEADERBOARD`` are: ``ROOT``, unless
  ``ROOT`` is the installed (read-only) copy: then the working directory (a
  relative path, resolved when used).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

BUNDLED_DIR = "bundled"


def _bundled() -> Path | None:
    """The package's bundled copy as a real folder, or ``None`` (a checkout).
    A package imported from a zip archive has no folder and is not supported."""
    bundled = resources.files("benchmark").joinpath(BUNDLED_DIR)
    if isinstance(bundled, Path) and bundled.is_dir():
        return bundled
    return None


_BUNDLED = _bundled()
RESOURCES = _BUNDLED if _BUNDLED is not None else Path(__file__).resolve().parents[2]

_ENVIRONMENT = os.environ.get("BENCHMARK_ROOT")
ROOT = Path(_ENVIRONMENT) if _ENVIRONMENT else RESOURCES

SEEDS = ROOT / "seeds"
DATA = ROOT / "data"
SCHEMA = RESOURCES / "schema"
GUIDELINES = RESOURCES / "docs" / "guidelines.md"

WORKSPACE = Path() if ROOT == _BUNDLED else ROOT
SUBMISSIONS = WORKSPACE / "submissions"
LEADERBOARD = WORKSPACE / "leaderboard"

DOCUMENTS_FILE = "documents.jsonl"
GOLD_FILE = "gold.jsonl"
