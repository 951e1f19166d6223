"""The board as one self-contained HTML page: links out (CSV, README,
agreement, how to submit) and the board's date; the ranked table in three
sections (systems, annotators, sanity and floor rows), ranked within each
section and shown in rank order (the README's and the CSV's order), sortable by
mouse or keyboard (each header is a button; score columns sort best first),
stacked into cards on a narrow screen; per-document scores; a per-field table
with intervals; the charts; each row's metadata (from ``meta`` and
``meta.provenance``) and its article views. Everything submitted is escaped;
``url`` is a link only when it is an ``http(s)`` address
(:mod:`benchmark.rendering.html_page`). No width from 320 px up scrolls
sideways: the wide tables stack or scroll inside their own focusable region."""

from __future__ import annotations

from collections.abc import Callable

from benchmark.leaderboard.board_charts import field_chart, headline_chart
from benchmark.leaderboard.ranking import Board, Entry, run_flag
from benchmark.leaderboard.rows import GROUPS, TITLES, sanity_present, separability
from benchmark.rendering.article_html import view_path
from benchmark.rendering.html_page import esc, page as html_page, safe_url

COMPARISON = "paired test with the next row of its section"

LINKS = (
    ("results.csv", "results.csv (every number, one row per submission)"),
    ("README.md", "README.md (this board in Markdown)"),
)
"""Links out of every board, relative to its folder."""

REPOSITORY_LINKS = (
    ("../docs/agreement.md", "how the gold was made and how far annotators agree"),
    ("../README.md#how-to-submit", "how to submit"),
)
"""Links out of the shipped benchmark's board, relative to its folder in the repository."""

SCRIPT = """
(function () {
  function sortBody(body, column, descending) {
    var rows = Array.from(body.rows).filter(function (r) { return !r.classList.contains("group-head"); });
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-value"), y = b.cells[column].getAttribute("data-value");
      var nx = parseFloat(x), ny = parseFloat(y);
      var cmp = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : (x > y ? 1 : 0));
      return descending ? -cmp : cmp;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach(function (th, i) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        var descending = current === "ascending" || (current !== "descending" && th.getAttribute("data-first") === "descending");
        Array.from(table.tBodies).forEach(function (body) { sortBody(body, i, descending); });
        heads.forEach(function (h, j) {
          if (h.querySelector("button")) { h.setAttribute("aria-sort", j === i ? (descending ? "descending" : "ascending") : "none"); }
        });
      });
    });
  });
}());
"""

STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;padding:1rem;color:#1a1a1a;max-width:75rem;line-height:1.45;overflow-wrap:break-word}
h1,h2,h3,p,dd,li,code{overflow-wrap:anywhere}
a{color:#0b4f8a}
nav.out ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.25rem 0}
nav.out a,td a,dd a,p.views a{display:inline-block;min-height:24px;min-width:24px;padding:2px 0}
table{border-collapse:collapse;margin:1rem 0;font-size:14px;width:100%}
caption{text-align:left;font-size:13px;color:#444;padding-bottom:4px}
th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:right}
td.text{overflow-wrap:anywhere}td:not(.text){white-space:nowrap}
thead th{background:#f0f0f0}
thead button{font:inherit;font-weight:600;background:none;border:1px solid transparent;padding:2px 4px;cursor:pointer;color:inherit;text-align:inherit;min-height:28px;min-width:28px}
thead button:focus-visible{outline:3px solid #0b4f8a}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.text,th.text{text-align:left}
td.na{color:#555;font-style:italic}
td .ci{display:block;color:#444;font-size:12px}
tr.group-head th{text-align:left;background:#e4ecf4;font-size:15px;padding-top:8px}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus-visible{outline:3px solid #0b4f8a}
.scroll table{width:auto;min-width:100%}
.legend{list-style:none;padding:0;display:flex;gap:.25rem 1rem;flex-wrap:wrap}
.swatch{vertical-align:middle;margin-right:4px}
.small{color:#444;font-size:13px}
.chart{max-width:48rem;display:block;height:auto}
.views a{margin-right:.6em;white-space:nowrap}
dl.about{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:.25rem 0}
dl.about dt{font-weight:600}dl.about dd{margin:0;overflow-wrap:anywhere}
section.system{border-top:1px solid #ccc;padding:.25rem 0}
@media (max-width:70rem){
 body{padding:.5rem}
 #leaderboard,#leaderboard tbody,#leaderboard tr,#leaderboard td,#leaderboard tbody th{display:block;width:auto}
 #leaderboard thead tr{display:flex;flex-wrap:wrap;gap:2px}
 #leaderboard thead th{display:block;border:0;padding:0}
 #leaderboard thead th.static{display:none}
 #leaderboard tbody tr{border:1px solid #ccc;margin:.5rem 0;padding:.25rem}
 #leaderboard tbody tr.group-head{border:0}
 #leaderboard td{text-align:left;border:0;padding:1px 4px;white-space:normal}
 #leaderboard td::before{content:attr(data-label);display:inline-block;min-width:9em;margin-right:.5em;font-weight:600}
 dl.about{grid-template-columns:1fr}
}
"""


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _cell(label: str, value: object, text: str | None = None, cls: str = "") -> str:
    shown = esc(value) if text is None else text
    return f'<td{f" class={chr(34)}{cls}{chr(34)}" if cls else ""} data-label="{esc(label)}" data-value="{esc(value)}">{shown}</td>'


def _score(label: str, value: float | None) -> str:
    """A score cell: n/a (undefined: nothing to score) is written out and set apart from 0."""
    if value is None:
        return _cell(label, "-1", '<abbr title="not defined: neither gold nor prediction has any">n/a</abbr>', "na")
    return _cell(label, f"{value:.4f}")


def _verdict(e: Entry, following: Entry | None) -> str:
    if e.p_next is None or following is None:
        return ""
    words = e.verdict_next or f"{'separable' if e.separable_next else 'not separable'} (p = {e.p_next:.4g})"
    return f"vs {following.system}: {words}"


def _views(e: Entry, docs: tuple[str, ...]) -> str:
    if not e.views:
        return ""
    return "".join(f'<a href="{esc(view_path(e.views, d))}" aria-label="{esc(e.system)}, document {esc(d)}">{esc(d)}</a>' for d in docs)


HEAD = (  # label, css class, first sort direction (None: not sortable)
    ("rank", "", "ascending"), ("system", "text", "ascending"), ("version", "text", "ascending"),
    ("headline F1", "", "descending"), ("95% CI", "", "descending"), ("entity", "", "descending"),
    ("event", "", "descending"), ("claim", "", "descending"), ("coref CoNLL", "", "descending"),
    (COMPARISON, "text", "ascending"),
)


def _header() -> str:
    cells = []
    for label, cls, first in HEAD:
        klass = f' class="{cls}"' if cls else ""
        if first is None:
            cells.append(f'<th scope="col" class="static {cls}">{esc(label)}</th>')
            continue
        sort = "ascending" if label == "rank" else "none"
        cells.append(f'<th scope="col"{klass} aria-sort="{sort}" data-first="{first}"><button type="button">{esc(label)}</button></th>')
    return "".join(cells)


def _row(e: Entry, following: Entry | None, docs: tuple[str, ...], index: int) -> str:
    name = esc(e.system)
    link = f'<a href="{esc(view_path(e.views, docs[0]))}">{name}</a>' if e.views and docs else name
    flag = run_flag(e, len(docs))
    link += f' <strong class="run-flag">&#9888; {esc(flag)}</strong>' if flag else ""
    cells = [
        _cell("rank", e.rank),
        _cell("system", e.system, f'{link} <a class="small" href="#about-{index}" aria-label="about {name}">about</a>', "text"),
        _cell("version", e.version, cls="text"),
        _cell("headline F1", f"{e.headline:.4f}"),
        _cell("95% CI", f"{e.interval.low:.4f}", f"[{e.interval.low:.4f}, {e.interval.high:.4f}]"),
        *[_score(k, v) for k, v in e.kind_f1],
        _score("coref CoNLL", e.coreference),
        _cell(COMPARISON, _verdict(e, following), cls="text"),
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _stated(given: dict[str, str], label: str) -> str:
    value = given.get(label)
    if value is None:
        return "not stated"
    return value


def _about(e: Entry, index: int, docs: tuple[str, ...]) -> str:
    given = dict(e.details)
    rows = [(label, esc(_stated(given, label))) for label in ("model", "size", "open weights", "tuned on", "read test material")]
    if "model file" in given:
        rows.append(("model file", esc(given["model file"])))
    url = safe_url(e.url)
    rows.append(("url", f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>' if url else esc(e.url) or "none"))
    rows += [("file", esc(e.file)), ("date", esc(e.date) or "not stated")]
    items = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in rows)
    views = f'<p class="views">Article views: {_views(e, docs)}</p>' if e.views else ""
    return (f'<section class="system" id="about-{index}"><h3>{esc(e.system)} {esc(e.version)}</h3>'
            f"<p>{esc(e.description) or 'no description'}</p><dl class=\"about\">{items}</dl>{views}</section>")


def _set_apart(board: Board) -> str:
    """The sentence naming the sanity rows present (computed, not fixed)."""
    present = sanity_present([e.system for e in board.entries])
    rows = "; ".join(f"{name}: {role}" for name, role in present)
    return f"Annotators and the sanity rows ({rows}) are set apart from the systems. " if present else ""


def _section_rows(entries: tuple[Entry, ...], cells: Callable[[Entry], str], width: int) -> str:
    bodies = []
    for group in GROUPS:
        members = [e for e in entries if e.group == group]
        if members:
            rows = "".join(f'<tr><th scope="row" class="text">{esc(e.system)}</th>{cells(e)}</tr>' for e in members)
            bodies.append(f'<tbody><tr class="group-head"><th colspan="{width}" scope="rowgroup">{esc(TITLES[group])}</th></tr>{rows}</tbody>')
    return "".join(bodies)


def _scroll(label: str, table: str) -> str:
    """A wide table in its own scrolling region (keyboard-focusable, named), so
    the page itself never scrolls sideways."""
    return f'<div class="scroll" role="region" tabindex="0" aria-label="{esc(label)}">{table}</div>'


def document_table(board: Board) -> str:
    """Headline F1 of each row on each document alone."""
    docs = board.documents
    head = "".join(f'<th scope="col">{esc(d)}</th>' for d in docs)

    def cells(e: Entry) -> str:
        by_doc = dict(e.per_document)
        return "".join(f"<td>{_f(by_doc.get(d))}</td>" for d in docs)

    table = (f'<table id="per-document"><caption>Headline F1 of each document on its own</caption>'
             f'<thead><tr><th scope="col" class="text">row</th>{head}</tr></thead>{_section_rows(board.entries, cells, len(docs) + 1)}</table>')
    return _scroll("Per-document headline F1", table)


def field_table(board: Board) -> str:
    """Per-field F1 of every row with its 95% bootstrap interval, one table per
    section (fields down, that section's rows across); n/a where undefined."""
    if not board.entries:
        return ""
    fields = [f for f, _ in board.entries[0].field_f1]
    tables = []
    for group in GROUPS:
        members = [e for e in board.entries if e.group == group]
        if not members:
            continue
        head = "".join(f'<th scope="col">{esc(e.system)}</th>' for e in members)
        rows = []
        for i, field in enumerate(fields):
            cells = []
            for e in members:
                value = e.field_f1[i][1]
                ci = e.field_ci[i] if i < len(e.field_ci) else None
                if value is None:
                    cells.append('<td class="na"><abbr title="not defined: neither gold nor prediction has any">n/a</abbr></td>')
                else:
                    interval = f'<span class="ci">[{ci.low:.4f}, {ci.high:.4f}]</span>' if ci is not None else ""
                    cells.append(f"<td>{value:.4f}{interval}</td>")
            rows.append(f'<tr><th scope="row" class="text">{esc(field)}</th>{"".join(cells)}</tr>')
        table = (f'<table class="per-field" id="per-field-{group}"><caption>{esc(TITLES[group])}: per-field F1 '
                 f'[95% bootstrap interval]</caption><thead><tr><th scope="col" class="text">field</th>{head}</tr></thead>'
                 f'<tbody>{"".join(rows)}</tbody></table>')
        tables.append(_scroll(f"Per-field F1, {TITLES[group]}", table))
    return "\n".join(tables)


def page(board: Board) -> str:
    entries = board.entries
    docs = board.documents
    following = {id(e): (entries[i + 1] if i + 1 < len(entries) and entries[i + 1].group == e.group else None)
                 for i, e in enumerate(entries)}
    index = {id(e): i for i, e in enumerate(entries)}
    bodies = []
    for group in GROUPS:
        members = [e for e in entries if e.group == group]
        if not members:
            continue
        rows = "\n".join(_row(e, following[id(e)], docs, index[id(e)]) for e in members)
        bodies.append(f'<tbody data-group="{group}"><tr class="group-head"><th colspan="{len(HEAD)}" scope="rowgroup">'
                      f"{esc(TITLES[group])}</th></tr>\n{rows}\n</tbody>")
    charted = [e for e in entries if e.group == "system" and any(v for _, v in e.field_f1)]
    about = "".join(_about(e, index[id(e)], docs) for e in entries)
    rejected = ""
    if board.rejected:
        items = "".join(f'<tr><td class="text">{esc(r.file)}</td><td class="text">{esc(r.system)}</td><td>{r.problems}</td>'
                        f'<td class="text">{esc(r.reason)}</td></tr>' for r in board.rejected)
        rejected = ('<h2>Rejected submissions</h2><table id="rejected"><thead><tr><th scope="col" class="text">file</th>'
                    '<th scope="col" class="text">system</th><th scope="col">problems</th><th scope="col" class="text">first problem</th>'
                    f"</tr></thead><tbody>{items}</tbody></table>")
    shown_links = LINKS + (REPOSITORY_LINKS if board.repository_links else ())
    links = "".join(f'<li><a href="{esc(href)}">{esc(text)}</a></li>' for href, text in shown_links)
    dated = (f"Data as of {esc(board.date)}." if board.date
             else "No submission states its date.")
    body = f"""<header><h1>talks-ie-bench leaderboard</h1>
<nav class="out" aria-label="more"><ul>{links}</ul></nav>
<p class="small">{dated} Gold sha256 <code>{esc(board.gold_sha256[:16])}</code>.</p></header>
<main>
<p class="small">Ranked by headline F1 ({esc(board.mode)} mode) within each section: the mean of the entity, event and claim micro-F1 over core fields, with 95% bootstrap confidence intervals over documents ({board.resamples} resamples, seed {board.seed}; with few documents these are coarse and too narrow). The paired-test column is an exact paired randomisation test against the next row of the same section, named in the cell (two-sided, &alpha; = {board.alpha}): {esc(separability(len(docs), board.alpha)).replace("2^n", "2<sup>n</sup>")}. {esc(_set_apart(board))}{esc(board.provenance)} Select a column heading to sort (scores best first); select a system for its article views. n/a: not defined (nothing to score), never 0.</p>
<table id="leaderboard" class="sortable">
<caption>Ranked submissions by section</caption>
<thead><tr>{_header()}</tr></thead>
{chr(10).join(bodies)}
</table>
<h2>Per-document headline F1</h2>
{document_table(board)}
<h2>Per-field F1</h2>
{field_table(board)}
<h2>Headline F1</h2>
<p class="small">Bars: headline F1; whiskers: 95% bootstrap interval.</p>
{headline_chart(entries, TITLES)}
<h2>Per-field F1 of the systems</h2>
<p class="small">Whiskers: 95% bootstrap interval; a bar marked n/a is undefined, a bar marked 0 scored zero. Annotators, the oracle and the floor rows are left out (they sit at or near 1 and 0); their numbers are in the per-field table above.</p>
{field_chart(charted)}
<h2>About each row</h2>
{about}
{rejected}
</main>"""
    return html_page("talks-ie-bench leaderboard", STYLE, body, SCRIPT)
