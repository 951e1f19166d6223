"""The package installed from a wheel, not from the checkout.

Builds an sdist from a copy of the repository, a wheel from that sdist (the
longest path: ``MANIFEST.in`` and ``setup.py``'s build hook both have to be
right), installs it without ``-e`` into a fresh folder (``--target``, no
dependencies: those come from this environment), and runs the commands from an
unrelated working directory. Offline: ``--no-index --no-build-isolation``, so
the running environment's setuptools (``[dev]`` pins one new enough) builds.
"""

from __future__ import annotations

import ast
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.model.paths import RESOURCES

ROOT = RESOURCES  # in the checkout this test runs in
SUBMISSION = ROOT / "submissions" / "rules.json"
COPIED = ("benchmark", "baselines", "data", "seeds", "schema", "docs", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE")

pytestmark = pytest.mark.install


def _setuptools_can_build() -> bool:
    try:
        import setuptools
    except ImportError:
        return False
    return int(setuptools.__version__.split(".")[0]) >= 77


if not _setuptools_can_build():
    reason = "needs setuptools>=77 (in the [dev] extra) to build the wheel offline"
    if os.environ.get("CI"):
        raise RuntimeError(reason)  # CI installs [dev]: never skip there
    pytest.skip(reason, allow_module_level=True)


def _run(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _bundled_patterns() -> tuple[str, ...]:
    """setup.py's BUNDLED, read without running setup()."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "BUNDLED" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no BUNDLED")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("build")
    source = base / "src"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    built = _run(sys.executable, "-c", "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))",
                 base / "sdist", cwd=source)
    assert built.returncode == 0, built.stderr[-3000:]
    sdist = base / "sdist" / built.stdout.strip().splitlines()[-1]
    made = _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index", "--no-build-isolation",
                "-w", base / "wheel", sdist, cwd=base)
    assert made.returncode == 0, made.stderr[-3000:]
    (path,) = (base / "wheel").glob("*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a process that imports the installed copy."""
    target = tmp_path_factory.mktemp("site")
    done = _run(sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", target, wheel, cwd=target)
    assert done.returncode == 0, done.stderr[-3000:]
    env = {k: v for k, v in os.environ.items() if k not in ("BENCHMARK_ROOT", "PYTHONPATH")}
    env["PYTHONPATH"] = str(target)
    return env


def _in_checkout(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def test_the_wheel_carries_every_bundled_file(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for pattern in _bundled_patterns():
        for path in ROOT.glob(pattern):
            assert f"benchmark/bundled/{path.relative_to(ROOT).as_posix()}" in names, path
    for needed in ("data/documents.jsonl", "data/gold.jsonl", "seeds/manifest.json", "schema/submission.schema.json", "docs/guidelines.md"):
        assert f"benchmark/bundled/{needed}" in names
    assert not any(name.startswith(("tests/", "submissions/", "data/")) for name in names)


def test_commands_work_from_another_folder_after_a_plain_install(installed: dict[str, str], tmp_path: Path):
    where = _run(sys.executable, "-c", "import benchmark.model.paths as p; print(p.__file__); print(p.DATA)", cwd=tmp_path, env=installed)
    module, data = where.stdout.splitlines()
    assert module.startswith(installed["PYTHONPATH"]) and data.startswith(installed["PYTHONPATH"])

    def cli(*argv: str) -> str:
        done = _run(sys.executable, "-m", "benchmark", *argv, cwd=tmp_path, env=installed)
        assert done.returncode == 0, (argv, done.stderr)
        return done.stdout

    assert cli("score", str(SUBMISSION)) == _in_checkout("score", str(SUBMISSION))
    assert cli("validate", str(SUBMISSION)) == _in_checkout("validate", str(SUBMISSION))
    assert cli("stats") == _in_checkout("stats")
    assert cli("verify") == _in_checkout("verify")
    assert cli("explain", str(SUBMISSION), "--doc", "002") == _in_checkout("explain", str(SUBMISSION), "--doc", "002")


def test_leaderboard_of_an_installed_copy_reads_and_writes_the_working_directory(installed: dict[str, str], tmp_path: Path):
    (tmp_path / "submissions").mkdir()
    shutil.copy2(ROOT / "submissions" / "empty.json", tmp_path / "submissions" / "empty.json")
    done = _run(sys.executable, "-m", "benchmark", "leaderboard", cwd=tmp_path, env=installed)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "leaderboard").iterdir()) == ["README.md", "index.html", "results.csv", "view"]
    assert sorted(p.name for p in (tmp_path / "leaderboard" / "view" / "empty").iterdir()) == [f"{d}.html" for d in
                                                                                              ("000", "001", "002", "003", "004")]
    assert "submissions/empty.json" in (tmp_path / "leaderboard" / "README.md").read_text(encoding="utf-8")


def test_the_readme_loading_lines_work_from_the_wheel_offline(installed: dict[str, str], tmp_path: Path):
    """``benchmark.load_dataset()`` from an installed wheel in an empty folder, offline:
    every split from the bundled files, no Hub request (issue 23, item 3)."""
    env = {**installed, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    code = ("import benchmark\n"
            "gold = benchmark.load_dataset()\n"
            "documents = benchmark.load_dataset('documents')\n"
            "print(sorted(gold), gold['test'].num_rows, documents['test'][0]['doc_id'], benchmark.load_dataset.__module__)")
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _run(sys.executable, "-c", code, cwd=empty, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["['dev',", "'test']", "5", "000", "benchmark.dataset.hf"]
