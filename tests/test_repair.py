"""``repair``: any system's output made valid, each change listed; scoring stays strict."""

from __future__ import annotations

import json

from benchmark.model.loading import load_documents
from benchmark.model.paths import SUBMISSIONS
from benchmark.model.records import Document, Excluded
from benchmark.model.repair import locate, repair_submission
from helpers import DOC_IDS, DOCUMENTS, empty_submission, run_cli, span_of, write_json


def _broken() -> dict:
    value = empty_submission()
    first = span_of("000", "Ryabkov")
    trigger = span_of("000", "talks")
    value["documents"][0] = {
        "doc_id": "000",
        "entities": [{"id": "e1", "type": "per", "name": "Ryabkov", "confidence": 0.93,
                      "mentions": [{**first, "start": first["start"] + 1, "end": first["end"] + 1}]}],
        "events": [{"id": "v1", "type": "MEET", "modality": "Planned",
                    "trigger": {**trigger, "start": trigger["start"] - 1, "end": trigger["end"] - 1}}],
    }
    return value


def test_off_by_one_offsets_an_extra_key_and_lower_case_types_are_repaired(tmp_path):
    source, fixed = write_json(tmp_path / "out.json", _broken()), tmp_path / "fixed.json"
    assert run_cli("validate", str(source))[0] == 1
    assert run_cli("score", str(source))[0] == 1  # scoring stays strict
    code, out, err = run_cli("repair", str(source), "--out", str(fixed))
    assert code == 0, err
    first, trigger = span_of("000", "Ryabkov"), span_of("000", "talks")
    assert out.splitlines() == [
        f'{source}: /documents/0/entities/0: unknown key "confidence" dropped',
        f'{source}: /documents/0/entities/0/type: "per" normalised to "PER"',
        f'{source}: /documents/0/entities/0/mentions/0: "Ryabkov" moved from [{first["start"] + 1}, {first["end"] + 1}) '
        f'to [{first["start"]}, {first["end"]})' + _nearest("Ryabkov"),
        f'{source}: /documents/0/events/0/type: "MEET" normalised to "Meet"',
        f'{source}: /documents/0/events/0/modality: "Planned" normalised to "planned"',
        f'{source}: /documents/0/events/0/trigger: "talks" moved from [{trigger["start"] - 1}, {trigger["end"] - 1}) '
        f'to [{trigger["start"]}, {trigger["end"]})' + _nearest("talks"),
        f"{fixed}: valid (5 documents, 2 objects); 6 changes",
    ]
    assert run_cli("validate", str(fixed)) == (0, f"{fixed}: valid (5 documents, 2 objects)\n", "")
    record = json.loads(fixed.read_text(encoding="utf-8"))["documents"][0]
    assert record["entities"][0] == {"id": "e1", "type": "PER", "name": "Ryabkov", "mentions": [first]}
    assert record["events"][0]["trigger"] == trigger


def _nearest(text: str) -> str:
    document = DOCUMENTS["000"]
    count = len([1 for i in range(len(document.text)) if document.text.startswith(text, i) and document.in_scope(i, i + len(text))])
    return f", the nearest of {count} free occurrences" if count > 1 else ""


def test_the_nearest_occurrence_outside_excluded_regions_is_taken_and_a_tie_is_reported():
    text = "Russia and Russia, then Russia. Advert: Russia"
    document = Document("x", "x.txt", "o", "t", "2022-01-01", text, "0" * 64, (Excluded(32, len(text), "chrome"),))
    nearest = locate(document, "Russia", 20)
    assert (nearest.start, nearest.end, nearest.candidates, nearest.tie) == (24, 30, 3, False)
    near = locate(document, "Russia", 5)  # 0 is 5 away, 11 is 6
    assert (near.start, near.tie) == (0, False)
    assert locate(document, "Russia", 17).start == 11  # 11 is 6 away, 24 is 7
    tie = locate(document, "Russia", 12, taken={(11, 17)})  # 0 and 24 are both 12 away: the earlier
    assert (tie.start, tie.candidates, tie.tie) == (0, 2, True)
    assert locate(document, "Russia", 45).start == 24  # the one at 40 lies in the excluded region
    assert locate(document, "Zorblax", 0) is None
    even = Document("y", "y.txt", "o", "t", "2022-01-01", "ab cd ab", "0" * 64)
    both = locate(even, "ab", 3)
    assert (both.start, both.tie, both.candidates) == (0, True, 2)


def test_what_cannot_be_repaired_is_dropped_and_said(tmp_path):
    value = empty_submission()
    value["documents"][0] = {"doc_id": "000", "extra": 1,
                             "entities": [{"id": "e1", "name": "X", "mentions": [{"start": 0, "end": 3, "text": "Zorblax"}]},
                                          "not an object"],
                             "events": [{"id": "v1", "date": "Jan 10", "participants": ["e9"]}, {"id": "v1"}]}
    value["documents"].append({"doc_id": "999"})
    fixed = tmp_path / "fixed.json"
    code, out, err = run_cli("repair", str(write_json(tmp_path / "o.json", value)), "--out", str(fixed))
    assert code == 0, err
    lines = [line.split(": ", 1)[1] for line in out.splitlines()[:-1]]
    assert lines == [
        '/documents/0: unknown key "extra" dropped',
        "/documents/0/entities/1: not an object (str); dropped",
        '/documents/0/events/1/id: id "v1" repeated; replaced by "v2"',
        '/documents/0/entities/0/mentions/0: "Zorblax" is not in the article proper; dropped',
        '/documents/0/events/0/participants: reference "e9" to no entity of this record dropped',
        '/documents/5: doc_id "999" is not a document of the dataset; record dropped',
        '/documents/0/events/0/date: "Jan 10" is not valid here: ISO 8601 date at the precision the text gives '
        '(YYYY, YYYY-MM or YYYY-MM-DD); relative dates ("Monday", "next month") resolved against the document\'s '
        'published date.; field dropped',
    ]
    assert run_cli("validate", str(fixed))[0] == 0


def test_a_bare_array_is_wrapped_and_a_valid_submission_is_left_alone(tmp_path):
    records = [{"doc_id": d} for d in DOC_IDS]
    code, out, _ = run_cli("repair", str(write_json(tmp_path / "mine.json", records)), "--out", str(tmp_path / "f.json"))
    assert code == 0 and '/: a bare array of document records wrapped as {"meta": {"system": "mine"}' in out
    rules = SUBMISSIONS / "rules.json"
    code, out, _ = run_cli("repair", str(rules), "--out", str(tmp_path / "r.json"))
    assert code == 0 and out == f"{tmp_path / 'r.json'}: valid (5 documents, 226 objects); 0 changes\n"
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == json.loads(rules.read_text(encoding="utf-8"))


def test_a_result_that_still_fails_is_not_written_and_the_command_says_why(tmp_path):
    fixed = tmp_path / "fixed.json"
    value = {"meta": {"system": "x"}, "documents": [{"doc_id": "000"}]}
    code, _, err = run_cli("repair", str(write_json(tmp_path / "o.json", value)), "--out", str(fixed))
    assert code == 1 and not fixed.exists()
    assert 'document "001" is missing' in err
    assert err.splitlines()[-1] == f"{tmp_path / 'o.json'}: still invalid after 0 changes (4 problems); nothing written to {fixed}"
    assert run_cli("repair", str(tmp_path / "o.json"), "--out", str(fixed), "--allow-missing")[0] == 0


def test_repair_never_makes_a_run_without_answers_valid():
    documents, _ = load_documents()
    value = empty_submission(failed={d: "connection refused" for d in DOC_IDS})
    repaired, _ = repair_submission(value, documents)
    assert repaired is not None and repaired["meta"]["failed"] == value["meta"]["failed"]


def test_the_readme_example_is_real_output(tmp_path, monkeypatch):
    from test_repository import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ python -m benchmark repair out.json --out fixed.json\n", 1)[1].split("```", 1)[0]
    mention = {**span_of("000", "Ryabkov")}
    mention["start"], mention["end"] = mention["start"] + 1, mention["end"] + 1
    value = empty_submission()
    value["documents"][0] = {"doc_id": "000", "entities": [{"id": "e1", "type": "per", "name": "Ryabkov", "confidence": 0.93,
                                                             "mentions": [mention]}],
                             "events": [{"id": "v1", "type": "MEET"}]}
    monkeypatch.chdir(tmp_path)
    write_json(tmp_path / "out.json", value)
    code, out, _ = run_cli("repair", "out.json", "--out", "fixed.json")
    assert code == 0 and out == block


def test_json_lines_are_read_as_records_and_wrapped(tmp_path):
    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps({"doc_id": d, "entities": []}) + "\n" for d in DOC_IDS), encoding="utf-8")
    fixed = tmp_path / "fixed.json"
    code, out, err = run_cli("repair", str(path), "--out", str(fixed))
    assert code == 0, err
    assert out.splitlines()[0].endswith('/: a bare array of document records wrapped as {"meta": {"system": "run"}, "documents": [...]}')
    assert run_cli("validate", str(fixed))[0] == 0
