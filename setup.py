"""Build hook: the wheel carries the files the commands read.

The checkout's ``data/``, ``seeds/``, ``schema/`` and ``docs/guidelines.md`` stay
the single source of truth (one copy in git). When a wheel is built, directly
from the checkout or from an sdist (``MANIFEST.in`` puts the same files in the
sdist), ``build_py`` copies them into the built package as
``benchmark/bundled/<the same relative path>``, where ``benchmark.model.paths``
finds them through ``importlib.resources``. An editable install copies nothing:
the package then reads the checkout itself.

Everything else about the project is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# Relative to the repository root; keep MANIFEST.in in step (tests/test_install.py
# builds the wheel from an sdist and checks every pattern matched).
BUNDLED = (
    "data/README.md",
    "data/documents.jsonl",
    "data/gold.jsonl",
    "data/dev/*.jsonl",
    "seeds/manifest.json",
    "seeds/*.txt",
    "schema/*.schema.json",
    "docs/guidelines.md",
)
TARGET = ("benchmark", "bundled")


class BuildPyWithData(build_py):
    """``build_py`` that also copies ``BUNDLED`` into ``benchmark/bundled/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib, *TARGET)
        shutil.rmtree(target, ignore_errors=True)  # nothing stale from an earlier build
        for pattern in BUNDLED:
            for source in sorted(HERE.glob(pattern)):
                destination = target / source.relative_to(HERE)
                self.mkpath(str(destination.parent))
                self.copy_file(str(source), str(destination), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            target = Path(self.build_lib, *TARGET)
            for pattern in BUNDLED:
                outputs += [str(target / source.relative_to(HERE)) for source in sorted(HERE.glob(pattern))]
        return outputs


setup(cmdclass={"build_py": BuildPyWithData})
