"""Repository metadata: citation file, packaging, licence."""

from __future__ import annotations

import datetime
import json
import tomllib
from pathlib import Path

import jsonschema
import yaml

from benchmark.paths import ROOT

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
    assert {"datasets", "pandas", "jsonschema", "scikit-learn"} <= names
    dev = {d.split(">")[0].split("=")[0].strip() for d in project["optional-dependencies"]["dev"]}
    assert {"pytest", "hypothesis", "nervaluate"} <= dev
    assert project["requires-python"] == ">=3.11"
