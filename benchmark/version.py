"""The package version written into reports."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import metadata

from benchmark.model.paths import RESOURCES

DISTRIBUTION = "talks-ie-bench"


@lru_cache(maxsize=1)
def package_version() -> str:
    """The installed distribution's version, else pyproject.toml's, else "unknown"."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    try:
        with open(RESOURCES / "pyproject.toml", "rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"
