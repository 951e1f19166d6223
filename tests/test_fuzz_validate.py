"""No input file, however malformed, makes ``validate`` print a traceback."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import DOC_IDS, run_cli

LINE = re.compile(r"^\S.*: (/\S*): .+$")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10**6, max_value=10**6) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)

field_names = st.sampled_from(["id", "type", "name", "aliases", "mentions", "cluster", "trigger", "date", "location",
                               "participants", "modality", "claimant", "cue", "content", "span", "quote", "polarity",
                               "about", "start", "end", "text", "kind"])
objects = st.dictionaries(field_names, json_values, max_size=6)
records = st.fixed_dictionaries(
    {"doc_id": st.sampled_from(DOC_IDS + ["999", ""]) | json_values},
    optional={k: st.lists(objects, max_size=3) | json_values for k in ("entities", "events", "claims")},
)
submissions = st.fixed_dictionaries(
    {"meta": st.fixed_dictionaries({"system": st.text(max_size=5)}) | json_values,
     "documents": st.lists(records, max_size=6) | json_values},
)


def check(tmp_path, raw: bytes) -> None:
    path = tmp_path / "fuzz.json"
    path.write_bytes(raw)
    code, out, err = run_cli("validate", str(path))
    assert code in (0, 1)
    assert "Traceback" not in err and "internal error" not in err
    if code == 1:
        lines = err.splitlines()
        assert lines[-1].startswith(f"{path}: invalid (")
        assert lines[:-1] and all(line.startswith(f"{path}: /") for line in lines[:-1])
    else:
        assert out.startswith(f"{path}: valid")


SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(value=json_values)
def test_arbitrary_json(tmp_path, value):
    check(tmp_path, json.dumps(value).encode())


@SETTINGS
@given(value=submissions)
def test_submission_shaped_json(tmp_path, value):
    check(tmp_path, json.dumps(value).encode())


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes(tmp_path, raw):
    check(tmp_path, raw)
