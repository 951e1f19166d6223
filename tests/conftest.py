import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest
from hypothesis import settings

pytest_plugins = ["browser"]  # the shared chromium fixture of the page tests (tests/browser.py)

# Hypothesis profiles: a quick one by default, a fuller one in CI (``.ci/run``
# sets CI=true); HYPOTHESIS_PROFILE=NAME picks one by name. Tests set only what
# they need beyond these (health checks), never their own number of examples.
settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


@pytest.fixture
def hf_cache(tmp_path, monkeypatch):
    """A private, offline Hugging Face cache for one test."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import datasets.config

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf-cache")
    return tmp_path / "hf-cache"


@pytest.fixture
def data(tmp_path):
    """A dataset folder holding the scoring fixture's documents and gold."""
    from scoring_fixture import write_dataset

    return str(write_dataset(tmp_path / "data"))


@pytest.fixture
def perfect(tmp_path):
    """A submission of the scoring fixture's gold itself."""
    from helpers import write_json
    from scoring_fixture import gold_copy, submission

    return str(write_json(tmp_path / "perfect.json", submission(gold_copy(), "oracle")))
