"""Repository metadata: citation file, packaging, licence."""

from __future__ import annotations

import datetime
import io
import json
import tomllib
from pathlib import Path

import jsonschema
import yaml

from benchmark.model.paths import ROOT

FIXTURES = Path(__file__).parent / "fixtures"


def test_citation_cff_is_valid_cff_1_2():
    schema = json.loads((FIXTURES / "cff" / "schema-1.2.0.json").read_text())
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    citation = {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in citation.items()}
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(citation)] == []
    assert citation["cff-version"] == "1.2.0"


def test_pyproject_declares_the_design_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].strip() for d in project["dependencies"]}
    assert {"datasets", "pandas", "jsonschema"} <= names
    dev = {d.split(">")[0].split("=")[0].strip() for d in project["optional-dependencies"]["dev"]}
    assert {"pytest", "hypothesis", "nervaluate", "scikit-learn"} <= dev


def test_the_default_install_stays_light():
    """Test-only and heavy optional packages stay in extras: scikit-learn is imported
    only by tests, playwright and spaCy by the browser test and the spaCy baseline."""
    import re

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {re.split(r"[<>=!~; \[]", d, maxsplit=1)[0].lower() for d in project["dependencies"]}
    assert not names & {"scikit-learn", "playwright", "spacy", "pytest", "hypothesis", "nervaluate", "setuptools"}
    runtime = [p for folder in ("benchmark", "baselines") for p in (ROOT / folder).rglob("*.py")]
    assert not [p for p in runtime if re.search(r"^\s*(import|from) sklearn", p.read_text(encoding="utf-8"), re.M)]
    assert project["requires-python"] == ">=3.11"


def _ranked_table(markdown: str) -> list[str]:
    """The first Markdown table in ``markdown`` (the ranked rows of the leaderboard)."""
    lines = markdown.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("| rank "))
    table = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        table.append(line)
    return table


def test_readme_shows_the_current_leaderboard():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    board = (ROOT / "leaderboard" / "README.md").read_text(encoding="utf-8")
    assert _ranked_table(readme) == _ranked_table(board), "run `python -m benchmark leaderboard` (it rewrites README.md's leaderboard block)"


def test_readme_submission_example_is_valid(tmp_path):
    """The example in "How to submit" passes validate (with the other documents missing)."""
    from benchmark.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How to submit", 1)[1]
    example = section.split("```json", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.json"
    path.write_text(example, encoding="utf-8")
    assert main(["validate", "--allow-missing", str(path)], out=io.StringIO(), err=io.StringIO()) == 0


def _readme_examples() -> list[tuple[list[str], list[str]]]:
    """``(argv, shown output lines)`` for each README example of a command that reads
    only committed files; "..." marks lines left out."""
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = []
    for block in readme.split("```text\n")[1:]:
        lines = block.split("```", 1)[0].splitlines()
        if not lines or not lines[0].startswith("$ python -m benchmark "):
            continue
        argv = shlex.split(lines[0])[4:]
        if argv[0] not in ("score", "explain", "stats", "verify"):
            continue
        shown = []
        for line in lines[1:]:
            if line.startswith("$ "):
                break
            shown.append(line)
        examples.append((argv, shown))
    return examples


def test_readme_examples_are_real_output():
    """Every line the README shows for score, explain, stats and verify is printed by
    the command, in that order (the README is regenerated when the gold changes)."""
    from benchmark.cli import main

    examples = _readme_examples()
    assert {argv[0] for argv, _ in examples} == {"score", "explain", "stats", "verify"}
    for argv, shown in examples:
        out, err = io.StringIO(), io.StringIO()
        assert main(argv, out=out, err=err) == 0, err.getvalue()
        printed = iter(out.getvalue().splitlines())
        for line in shown:
            if line == "...":
                continue
            assert any(p == line for p in printed), (argv, line)
