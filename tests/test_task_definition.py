"""The task is defined without the answers: what systems read (the guidelines,
the schemas, the dev split) carries nothing that only the test gold knows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDELINES = ROOT / "docs" / "guidelines.md"
N = 8  # words in a run that counts as copied from a test article


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _runs(words: list[str], n: int = N) -> set[str]:
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _test_runs() -> set[str]:
    runs: set[str] = set()
    for record in _jsonl(ROOT / "data" / "documents.jsonl"):
        runs |= _runs(_words(record["text"]))
    return runs


def _gold_clusters() -> set[str]:
    return {
        obj["cluster"]
        for record in _jsonl(ROOT / "data" / "gold.jsonl")
        for kind in ("entities", "events", "claims")
        for obj in record[kind]
        if obj.get("cluster")
    }


def _cluster_ids_in(text: str, clusters: set[str]) -> list[str]:
    return sorted(c for c in clusters if re.search(r"(?<![\w:-])" + re.escape(c) + r"(?![\w-])", text))


def test_the_leak_detector_finds_a_copied_sentence_and_a_cluster_id():
    """The checks below can fail: a guideline quoting 8 words of an article, or
    naming a gold cluster, is caught."""
    record = _jsonl(ROOT / "data" / "documents.jsonl")[0]
    copied = " ".join(_words(record["text"])[40:48])
    assert _runs(_words(f"For example: {copied}.")) & _test_runs()
    cluster = sorted(_gold_clusters())[0]
    assert _cluster_ids_in(f"use `{cluster}` here", _gold_clusters()) == [cluster]


def test_guidelines_quote_no_run_of_eight_words_from_a_test_article():
    copied = _runs(_words(GUIDELINES.read_text(encoding="utf-8"))) & _test_runs()
    assert not copied, f"{len(copied)} runs of {N} words copied from the test articles, e.g. {sorted(copied)[:3]}"


def test_guidelines_name_no_gold_cluster_id():
    found = _cluster_ids_in(GUIDELINES.read_text(encoding="utf-8"), _gold_clusters())
    assert not found, f"gold cluster ids in the guidelines: {found}"


def test_guidelines_refer_to_no_test_line():
    """No ``000:8``-style line references into the test articles."""
    text = GUIDELINES.read_text(encoding="utf-8")
    assert not re.findall(r"\b00[0-4]:\d+", text)


def _code_strings(path: Path) -> str:
    """Every string literal of a module except docstrings (which may say what is
    *not* read): the paths a module could open."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return "\n".join(
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    )


def test_the_baseline_check_reads_code_strings_not_docstrings(tmp_path: Path):
    module = tmp_path / "m.py"
    module.write_text('"""Never reads docs/decisions.md."""\nPATH = "docs/" + "decisions.md"\n', encoding="utf-8")
    assert _code_strings(module) == "docs/\ndecisions.md"


SYSTEMS = sorted(p for p in (ROOT / "baselines").rglob("*.py") if p.name != "oracle.py")  # the oracle is the gold


@pytest.mark.parametrize("path", SYSTEMS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_baseline_reads_test_answers(path: Path):
    """Systems read the guidelines, schemas, documents and the dev split only:
    never the decisions record, the cluster inventory, the gold sources or the
    second annotations."""
    source = _code_strings(path)
    for forbidden in ("decisions.md", "clusters.md", "disagreements.md", "data/annotation", "agreement/", "adjudication.md"):
        assert forbidden not in source, f"{path} mentions {forbidden}"


def test_dev_split_shares_no_text_with_the_test_articles():
    dev = ROOT / "data" / "dev" / "documents.jsonl"
    copied = set().union(*(_runs(_words(r["text"])) for r in _jsonl(dev))) & _test_runs()
    assert not copied, f"dev articles copy test text: {sorted(copied)[:3]}"


def test_dev_split_shares_no_cluster_with_the_test_gold():
    dev = {o["cluster"] for r in _jsonl(ROOT / "data" / "dev" / "gold.jsonl") for k in ("entities", "events", "claims") for o in r[k]}
    assert not dev & _gold_clusters()
