"""The HTML pages without a browser: escaping, the Content-Security-Policy and
its hashes, no inline styles or handlers, same bytes every time, safe links and
anchors, cross-document links that resolve, and ``explain --format html``."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from benchmark.model.paths import LEADERBOARD
from benchmark.rendering.html_page import policy, safe_url, token
from helpers import run_cli
from view_fixture import INJECTED, view

COMMITTED = sorted((LEADERBOARD / "view").rglob("*.html"))


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def check_page(html: str) -> None:
    """A strict CSP whose hashes name exactly the page's one style and one script;
    nothing inline besides them."""
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert csp, "no CSP"
    rules = dict(part.strip().split(" ", 1) for part in csp.group(1).replace("&#x27;", "'").split(";"))
    assert rules["default-src"] == "'none'" and "unsafe" not in csp.group(1)
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    assert len(styles) == 1 and len(scripts) == 1
    assert rules["style-src"] == _hash(styles[0]) and rules["script-src"] == _hash(scripts[0])
    attributes = Attributes()
    attributes.feed(html)
    assert not [a for a in attributes.names if a == "style" or a.startswith("on")]  # no inline style or handler
    assert not [v for a, v in attributes.values if a in ("src", "href") and re.match(r"\s*(\w+:|//)", v or "")
                and not (v or "").startswith(("https://", "http://"))]
    assert not [a for a in attributes.names if a == "src"]  # nothing is loaded


class Attributes(HTMLParser):
    """Every attribute of every start tag of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.values: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.names += [a for a, _ in attrs]
        self.values += attrs


def test_view_escapes_every_submitted_string_and_has_a_strict_csp():
    html = view()
    check_page(html)
    assert INJECTED not in html and "<b>it</b>" not in html
    assert html.count(INJECTED.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")) >= 4
    assert "&lt;b&gt;it&lt;/b&gt;" in html  # the article text is data too


def test_view_is_the_same_bytes_every_time():
    assert view() == view()


def test_view_links_the_cluster_to_the_other_documents_only_when_their_views_exist():
    assert 'href="d2.html#gc-entity-k1"' in view(("d1", "d2"))
    assert "d2.html" not in view(("d1",)) and "also in d2" in view(("d1",))
    assert f'id="pc-entity-{token(INJECTED)}"' in view()  # a hostile cluster id becomes a hashed anchor


def test_token_and_safe_url():
    assert token("e12") == "e12" and token("a.b_c") == "a.b_c"
    for hostile in ("", "..", "a b", "a-b", INJECTED, "x" * 65, "é"):
        assert re.fullmatch(r"h-[0-9a-f]{16}", token(hostile))
    assert len({token(s) for s in ("a-b", "a_b", "a b")}) == 3
    assert safe_url("https://example.org/p?a=1&b=2") == "https://example.org/p?a=1&b=2"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "data:text/html,x", "baselines/README.md", "//evil.example",
                "https://x.org/\"onmouseover=\"x", "https://x.org/ a", "https://x.org/\nb", "vbscript:x", ""):
        assert safe_url(bad) is None, bad


def test_policy_names_hashes_not_unsafe_inline():
    text = policy("a{}", "b()")
    assert text.startswith("default-src 'none'; style-src 'sha256-") and "script-src 'sha256-" in text
    assert "unsafe-inline" not in text and policy("a{}") == policy("a{}")


def test_committed_board_and_views_are_strict_and_their_links_resolve():
    assert len(COMMITTED) >= 5
    check_page((LEADERBOARD / "index.html").read_text(encoding="utf-8"))
    ids: dict[Path, set[str]] = {}
    for path in COMMITTED:
        html = path.read_text(encoding="utf-8")
        check_page(html)
        ids[path] = set(re.findall(r' id="([^"]+)"', html))
    board = (LEADERBOARD / "index.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="(view/[^"#]+)"', board):
        assert (LEADERBOARD / href).is_file(), href
    checked = 0
    for path in COMMITTED:
        for href in re.findall(r'href="([^"]*)"', path.read_text(encoding="utf-8")):
            target, _, anchor = href.partition("#")
            where = (path.parent / target).resolve() if target else path
            assert where.is_file(), (path, href)
            if anchor and where.suffix == ".html" and where in ids:
                assert anchor in ids[where], (path, href)
                checked += 1
    assert checked > 100
    assert max(p.stat().st_size for p in COMMITTED) < 250_000  # each committed view stays small


def test_explain_writes_the_article_view(tmp_path):
    out = tmp_path / "view.html"
    code, _, err = run_cli("explain", "submissions/rules.json", "--doc", "003", "--format", "html", "--out", str(out))
    assert code == 0, err
    first = out.read_bytes()
    check_page(first.decode("utf-8"))
    assert 'class="s matched' in first.decode("utf-8") and "rules: document 003" in first.decode("utf-8")
    assert run_cli("explain", "submissions/rules.json", "--doc", "003", "--format", "html", "--out", str(out))[0] == 0
    assert out.read_bytes() == first


@pytest.mark.parametrize("kind", ["entity", "claim"])
def test_explain_html_honours_kind(kind):
    code, out, _ = run_cli("explain", "submissions/rules.json", "--doc", "000", "--kind", kind, "--format", "html")
    assert code == 0 and out.count('<section id="') == 1 and f'<section id="{ {"entity": "entities", "claim": "claims"}[kind]}"' in out


# --- one body for explain and the board; each fragment's own status -------------------------------

class Fragments(HTMLParser):
    """Each marked fragment of each kind's article: (kind, start, end, statuses shown)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kind = ""
        self.depth = 0  # inside an .article div: its nesting depth
        self.at = 0
        self.open: list[tuple[int, frozenset[str]] | None] = []
        self.found: list[tuple[str, int, int, frozenset[str]]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "section" and a.get("data-kind"):
            self.kind = a["data-kind"] or ""
        if tag == "div" and a.get("class") == "article":
            self.depth, self.at = 1, 0
        elif self.depth:
            self.depth += 1
            classes = (a.get("class") or "").split()
            self.open.append((self.at, frozenset(classes[1:])) if tag == "a" and "s" in classes else None)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if not self.depth:
            return
        self.depth -= 1
        if self.depth and self.open:
            top = self.open.pop()
            if top is not None:
                self.found.append((self.kind, top[0], self.at, top[1]))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self.depth:
            self.at += len(data)


def _built():
    from benchmark.leaderboard.build import build
    from benchmark.model.paths import DATA, SUBMISSIONS, WORKSPACE

    return build(SUBMISSIONS, DATA, root=WORKSPACE.resolve())


def test_every_committed_fragment_shows_exactly_the_statuses_of_its_spans():
    """In every committed view, each marked fragment shows the per-span status of
    every span over it (the scorer's own per-span results,
    ``explanation.span_statuses``), and no span's text is left unmarked."""
    from benchmark.rendering.article_html import view_path
    from benchmark.rendering.article_marks import scorer_span_statuses
    from benchmark.scoring.explanation import explain

    built = _built()
    checked = 0
    for entry in built.board.entries:
        predicted = built.submissions[entry.file].by_id()
        for doc_id in built.board.documents:
            document, gold = built.documents[doc_id], built.gold[doc_id]
            explanation = explain(gold, predicted.get(doc_id), document, built.board.mode)
            statuses = scorer_span_statuses(explanation, len(document.text))
            parser = Fragments()
            parser.feed((LEADERBOARD / view_path(entry.views, doc_id)).read_text(encoding="utf-8"))
            for kind, start, end, shown in parser.found:
                expected = {v for (k, _, _, s, e), v in statuses.items() if k == kind and s <= start and end <= e}
                assert shown == expected, (entry.views, doc_id, kind, start, end)
                checked += 1
            marked = {(f[0], i) for f in parser.found for i in range(f[1], f[2])}
            spans = {(k, i) for (k, _, _, s, e) in statuses for i in range(s, e)}
            assert spans == marked, (entry.views, doc_id)
    assert checked > 1000


def test_shown_span_statuses_agree_with_the_scorers_counts():
    """Within every aligned pair of every committed submission, the spans shown as
    matched are as many as the scorer's TP for that field (mentions, trigger, span)."""
    from benchmark.rendering.article_marks import scorer_span_statuses
    from benchmark.scoring.explanation import explain

    built = _built()
    field = {"entity": "mentions", "event": "trigger", "claim": "span"}
    pairs = 0
    for entry in built.board.entries:
        predicted = built.submissions[entry.file].by_id()
        for doc_id in built.board.documents:
            document, gold = built.documents[doc_id], built.gold[doc_id]
            explanation = explain(gold, predicted.get(doc_id), document, built.board.mode)
            statuses = scorer_span_statuses(explanation, len(document.text))
            for k in explanation.kinds:
                for p in k.pairs:
                    row = next((f for f in p.fields if f.field == field[k.kind.value]), None)
                    matched = [v for (kind, side, oid, _, _), v in statuses.items()
                               if kind == k.kind.value and side == "gold" and oid == p.gold_id and v == "matched"]
                    assert len(matched) == (row.tp if row is not None else 0), (entry.system, doc_id, p.gold_id)
                    pairs += 1
    assert pairs > 1000


def _main(html: str) -> str:
    return html.split("<main>", 1)[1].split("</main>", 1)[0]


def test_explain_html_and_the_board_view_share_one_body():
    """``explain --format html`` and the committed board view of the same document
    are built by one function from the same inputs: the articles are identical,
    and so is everything the reader sees in the body (the board's copy links the
    other documents' views, which sit beside it, by name)."""
    code, out, err = run_cli("explain", "submissions/rules.json", "--doc", "000", "--format", "html")
    assert code == 0, err
    board = (LEADERBOARD / "view" / "rules" / "000.html").read_text(encoding="utf-8")
    articles = re.compile(r'<div class="article" lang="en">.*?</div>', flags=re.DOTALL)
    assert articles.findall(_main(out)) == articles.findall(_main(board)) and len(articles.findall(_main(out))) == 3
    text = re.compile(r"<[^>]+>")
    assert text.sub("", _main(out)) == text.sub("", _main(board))


@pytest.mark.parametrize("doc", ["000", "001", "002", "003", "004"])
def test_explain_html_says_where_else_a_cluster_is(doc):
    """No "also in no other document" for a cluster that other documents hold,
    and every document named does hold it."""
    from benchmark.rendering.article_html import cluster_index

    built = _built()
    index = cluster_index(built.gold, built.submissions["submissions/rules.json"].by_id())
    code, out, _ = run_cli("explain", "submissions/rules.json", "--doc", doc, "--format", "html")
    assert code == 0
    claims = re.findall(r"<li>(gold|predicted) cluster <code>([^<]*)</code>: also in ([^<]*)</li>", out)
    assert claims
    for side, cluster, where in claims:
        holders = [docs for (s, _, c), docs in index.items() if s == side and c == cluster.replace("&amp;", "&")]
        named = () if where == "no other document" else tuple(where.split(", "))
        assert any(tuple(d for d in docs if d != doc) == named for docs in holders), (side, cluster, where)
    if doc == "000":
        assert "E:united-states" in out and "also in 001, 002, 003, 004" in out
