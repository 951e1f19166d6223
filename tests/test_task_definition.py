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
MASKED_N = 4  # words in a name-masked run that counts as mirrored from a test article
MASK = "<name>"


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
    for forbidden in ("decisions.md", "clusters.md", "disagreements.md", "data/annotation", "agreement/", "adjudication.md", "dev-retired"):
        assert forbidden not in source, f"{path} mentions {forbidden}"


def test_dev_split_shares_no_text_with_the_test_articles():
    dev = ROOT / "data" / "dev" / "documents.jsonl"
    copied = set().union(*(_runs(_words(r["text"])) for r in _jsonl(dev))) & _test_runs()
    assert not copied, f"dev articles copy test text: {sorted(copied)[:3]}"


def test_dev_split_shares_no_cluster_with_the_test_gold():
    dev = {o["cluster"] for r in _jsonl(ROOT / "data" / "dev" / "gold.jsonl") for k in ("entities", "events", "claims") for o in r[k]}
    assert not dev & _gold_clusters()


# --- Renamed copies: name-masked word runs (issue "the task defined blind") -------------------
#
# A guideline example that renames a test sentence ("Ostrovia denies such intentions" for a
# test article's "<Country> denies such intentions") shares its runs of words once proper names
# are masked. Any run of MASKED_N words, at least three of them real (unmasked) words, that the
# system-facing material shares with a test article is a leak unless the dev split has the same
# run too (then a system could have learnt it from the dev split).

SYSTEM_FACING = [GUIDELINES, *sorted((ROOT / "schema").glob("*.json"))]
DEV_CITATION = re.compile(r'(?:“([^“”]{3,}?)”|"([^"“”]{3,}?)")\s*\((dev-\d{3})[),;]')


def _masked_words(text: str) -> list[str]:
    """Words in order, every capitalised word masked (names, and sentence-initial words,
    so a renamed copy and its source mask alike)."""
    return [MASK if w[:1].isupper() else w.lower() for w in re.findall(r"[\w'’]+", text)]


def _masked_runs(text: str, n: int = MASKED_N) -> set[tuple[str, ...]]:
    words = _masked_words(text)
    runs = (tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return {run for run in runs if sum(w != MASK for w in run) >= 3}


def _split_runs(path: Path) -> set[tuple[str, ...]]:
    return set().union(*(_masked_runs(r["text"]) for r in _jsonl(path)))


def _mirrored(text: str) -> list[str]:
    runs = _masked_runs(text) & _split_runs(ROOT / "data" / "documents.jsonl")
    return sorted(" ".join(run) for run in runs - _split_runs(ROOT / "data" / "dev" / "documents.jsonl"))


def test_the_masked_detector_catches_a_renamed_test_sentence():
    """Renaming the names of a test sentence does not hide it."""
    record = _jsonl(ROOT / "data" / "documents.jsonl")[1]
    words = re.findall(r"[\w'’]+", record["text"])
    start = next(i for i in range(len(words) - 6) if sum(not w[:1].isupper() for w in words[i : i + 6]) == 6)
    renamed = " ".join(["Zembla", *words[start : start + 6], "Quorvia"])
    assert _mirrored(f"For example, {renamed}.")


@pytest.mark.parametrize("path", SYSTEM_FACING, ids=lambda p: str(p.relative_to(ROOT)))
def test_system_facing_text_mirrors_no_test_sentence(path: Path):
    mirrored = _mirrored(path.read_text(encoding="utf-8"))
    assert not mirrored, f"{path.name}: {len(mirrored)} name-masked runs of {MASKED_N} words shared with a test article and absent from the dev split, e.g. {mirrored[:5]}"


def _dev_texts() -> dict[str, str]:
    return {r["doc_id"]: r["text"] for r in _jsonl(ROOT / "data" / "dev" / "documents.jsonl")}


def _citation_found(quote: str, text: str) -> bool:
    """A cited quote is found when, with annotation brackets removed, its parts between
    ellipses occur in the document in order."""
    position = 0
    for part in re.split(r"\s*(?:…|\.\.\.)\s*", re.sub(r"[\[\]*]", "", quote)):
        if not part:
            continue
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_citation_checker_rejects_a_misquote():
    doc_id, text = sorted(_dev_texts().items())[0]
    quote = text.split("\n")[1][:40]
    assert _citation_found(quote, text)
    assert not _citation_found(quote + " zzz", text)


def test_every_dev_citation_quotes_its_dev_document():
    """Guideline examples cite their source as `“quoted text” (dev-00N)`: the quote is
    in that document verbatim (brackets mark the annotated part)."""
    texts = _dev_texts()
    guidelines = GUIDELINES.read_text(encoding="utf-8")
    citations = [(" ".join((curly or straight).split()), doc) for curly, straight, doc in DEV_CITATION.findall(guidelines)]
    assert citations, "the guidelines cite no dev example"
    bad = [f"{doc}: {quote!r}" for quote, doc in citations if doc not in texts or not _citation_found(quote, texts[doc])]
    assert not bad, f"dev citations not found in their document: {bad[:5]}"


def _test_entity_names() -> set[str]:
    """The proper names of the test gold: every name-kind mention text and the canonical
    name and aliases of entities that have one."""
    names: set[str] = set()
    for record in _jsonl(ROOT / "data" / "gold.jsonl"):
        for entity in record["entities"]:
            texts = {m["text"] for m in entity["mentions"] if m.get("kind") == "name"}
            if texts:
                names |= texts | {entity["name"], *(entity.get("aliases") or [])}
    return {n for n in names if len(n) >= 2}


def test_guidelines_name_no_test_entity():
    guidelines = GUIDELINES.read_text(encoding="utf-8")
    found = sorted(n for n in _test_entity_names() if re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", guidelines))
    assert not found, f"test entity names in the guidelines: {found}"


def test_every_curly_quote_of_four_words_or_more_is_a_dev_quote():
    """Curly quotation marks in the guidelines are reserved for quotes from the dev split:
    every such quote of four words or more occurs in some dev document (brackets, bold
    and blockquote markers removed, ellipses allowed), so no test sentence can pass for
    an example by being quoted without a citation."""
    texts = list(_dev_texts().values())
    guidelines = GUIDELINES.read_text(encoding="utf-8")
    bad = []
    for quote in re.findall(r"“([^“”]+?)”", guidelines):
        plain = " ".join(re.sub(r"\n>\s?", " ", quote).split())
        if len(plain.split()) >= 4 and not any(_citation_found(plain, text) for text in texts):
            bad.append(plain)
    assert not bad, f"curly quotes found in no dev document: {bad[:5]}"
