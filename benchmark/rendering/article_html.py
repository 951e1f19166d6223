"""The article view of one submission on one document: the text with gold and
predicted spans marked per kind (entity mentions, event triggers, claim
contents; one kind shown at a time), each object's fields side by side with
their counts, and links to the same cross-document cluster in the other
documents' views.

It reads an :class:`~benchmark.scoring.explanation.Explanation` through
:mod:`benchmark.rendering.article_marks`. Each marked fragment shows the status
of *its own* span or spans (*matched*, *missed*, *spurious*; every status of
every mark over it), read from a per-span status input
(:data:`~benchmark.rendering.article_marks.SpanStatuses`), never from its
object; each card shows its object's status (*matched*, *differs*, *missed*,
*spurious*). Every status has its own border style, text marker and label
besides its colour. Excluded regions (chrome, credits) are shown as such.

:func:`article_body` is the one function that builds the article and its cards:
``explain --format html`` and the leaderboard's views both call it through
:func:`article_page`. Same input, same bytes; every submitted string is escaped
(:mod:`benchmark.rendering.html_page`)."""

from __future__ import annotations

from typing import Mapping, Sequence

from benchmark.model.records import Annotation, Document, Excluded, Kind
from benchmark.rendering.article_marks import (
    SPAN_STATUSES, Card, ClusterIndex, KindMarks, Mark, SpanStatuses, kind_marks, scorer_span_statuses,
)
from benchmark.rendering.html_page import esc, page, token
from benchmark.scoring.explanation import Explanation

MARKERS = {"matched": "=", "differs": "≠", "missed": "−", "spurious": "+"}
"""The text marker of each status: status is never shown by colour alone."""

WORDS = {"matched": "matched: this span pairs with a span of the aligned object",
         "missed": "missed: a gold span no predicted span pairs with",
         "spurious": "spurious: a predicted span no gold span pairs with"}

CARD_WORDS = {"matched": "aligned, every field agrees", "differs": "aligned, some field differs",
              "missed": "gold, no prediction aligned", "spurious": "predicted, no gold aligned"}

AGREEMENT = {"agree": "= agree", "disagree": "≠ differs", "gold only": "− gold only", "predicted only": "+ predicted only"}

WHAT = {"entity": "entity mentions", "event": "event triggers", "claim": "claim spans"}

STYLE = """
html{scroll-padding-bottom:1rem}
body{font-family:system-ui,sans-serif;margin:0 auto;padding:1rem;color:#1a1a1a;max-width:60rem;line-height:1.5;overflow-wrap:anywhere}
body.panel-open{padding-bottom:50vh}
a{color:#0b4f8a}
nav ul,.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a,nav strong{display:inline-block;min-height:24px;min-width:24px;padding:2px 4px}
.kinds{border:1px solid #ccc;padding:.25rem .75rem;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.kinds label{display:inline-flex;align-items:center;gap:.35rem;min-height:28px;cursor:pointer}
.kinds input{width:20px;height:20px;margin:0}
main:has(.kinds input:checked) .kind-section{display:none}
main:has(#k-entity:checked) #entities,main:has(#k-event:checked) #events,main:has(#k-claim:checked) #claims{display:block}
.article{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ccc;padding:.75rem;background:#fff}
.s{color:inherit;text-decoration:none;padding:0 1px}
.s::after{content:attr(data-marks);font-size:.75em;vertical-align:super;font-weight:bold}
.matched{background:#d6ecff;border-bottom:2px solid #0b4f8a}
.missed{background:#ffe0e0;outline:2px dotted #a00000;outline-offset:-1px}
.spurious{background:#eadcff;border-bottom:4px double #5a2d91}
.s:focus,.s:hover{outline:3px solid #000;outline-offset:1px}
.x{color:#555;background:repeating-linear-gradient(135deg,#f2f2f2 0 6px,#e4e4e4 6px 12px)}
.x::before{content:"[excluded: " attr(data-reason) "] ";font-size:.8em;font-weight:bold;color:#333}
.legend .s::after{vertical-align:baseline}
.legend .x::before{content:none}
.cards{list-style:none;padding:0}
details.every>summary{cursor:pointer;min-height:24px;font-weight:600;padding:.25rem 0}
.card{list-style:none;border:1px solid #bbb;border-left-width:6px;margin:.5rem 0;padding:.25rem .5rem;background:#fafafa}
.card.matched{border-left-color:#0b4f8a}.card.differs{border-left-color:#8a5a00;border-left-style:dashed}
.card.missed{border-left-color:#a00000;border-left-style:dotted}.card.spurious{border-left-color:#5a2d91;border-left-style:double}
.card.matched,.card.differs,.card.missed,.card.spurious{outline:none;background:#fafafa;border-bottom-width:1px;border-bottom-style:solid;border-bottom-color:#bbb}
.card h4{margin:.25rem 0;font-size:1rem}
.card a{display:inline-block;min-height:24px;min-width:24px}
table{border-collapse:collapse;width:100%;font-size:.9rem;table-layout:fixed}
th,td{border-bottom:1px solid #ddd;padding:2px 4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th.n,td.n{width:2.6em;text-align:right}
td.ne{background:#fff3d6}
.spans{margin:.25rem 0;padding-left:1.25rem;font-size:.9rem}
.small{color:#444;font-size:.9rem}
#panel{position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;background:#fff;border-top:3px solid #333;padding:.5rem 1rem;box-shadow:0 -2px 8px #0004}
#panel[hidden]{display:none}
#panel-close{float:right;min-width:44px;min-height:32px;font:inherit}
"""

SCRIPT = """
(function () {
  var panel = document.getElementById("panel"), body = document.getElementById("panel-body");
  var closer = document.getElementById("panel-close"), root = document.documentElement, opener = null, returning = false;
  function fill(link) {
    body.textContent = "";
    link.getAttribute("data-cards").split(" ").forEach(function (id) {
      var card = document.getElementById(id);
      if (!card) { return; }
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      body.appendChild(copy);
    });
    panel.hidden = false;
    document.body.classList.add("panel-open");
    root.style.scrollPaddingBottom = (panel.offsetHeight + 16) + "px";
  }
  function uncover(link) {
    var r = link.getBoundingClientRect(), top = panel.hidden ? window.innerHeight : panel.getBoundingClientRect().top;
    if (r.bottom > top - 8) { window.scrollBy(0, r.bottom - top + 24); }
    else if (r.top < 0) { window.scrollBy(0, r.top - 24); }
  }
  function close() {
    panel.hidden = true;
    document.body.classList.remove("panel-open");
    root.style.scrollPaddingBottom = "";
    if (opener) { returning = true; opener.focus(); returning = false; opener = null; }
  }
  document.querySelectorAll("a.s[data-cards]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault(); fill(link); uncover(link); opener = link; closer.focus({preventScroll: true});
    });
    link.addEventListener("focus", function () {  // keyboard focus previews; a mouse press waits for its click
      if (returning || !link.matches(":focus-visible")) { return; }
      fill(link); window.setTimeout(function () { uncover(link); }, 0);
    });
  });
  closer.addEventListener("click", close);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape" && !panel.hidden) { close(); } });
  function showTarget() {
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    var section = target && target.closest(".kind-section"), radio = section && document.getElementById("k-" + section.getAttribute("data-kind"));
    if (radio) { radio.checked = true; var open = target.closest("details"); if (open) { open.open = true; } target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();
}());
"""


def _pieces(text: str, marks: Sequence[Mark], excluded: Sequence[Excluded]) -> list[tuple[int, int, tuple[Mark, ...], int]]:
    """The text cut at every mark and excluded-region boundary: (start, end,
    covering marks, excluded region index or -1), equal neighbours joined."""
    regions = [(max(0, x.start), min(len(text), x.end)) for x in excluded]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks),
                   *(s for s, e in regions if s < e), *(e for s, e in regions if s < e)})
    out: list[tuple[int, int, tuple[Mark, ...], int]] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = tuple(m for m in marks if m.start <= start and end <= m.end)
        region = next((i for i, (s, e) in enumerate(regions) if s <= start and end <= e), -1)
        if out and out[-1][2] == covering and out[-1][3] == region:
            out[-1] = (out[-1][0], end, covering, region)
        else:
            out.append((start, end, covering, region))
    return out


def _segments(text: str, marks: Sequence[Mark], excluded: Sequence[Excluded] = ()) -> str:
    """The text with every stretch covered by marks wrapped in one link per
    stretch (marks may overlap or cross; the text is cut at every boundary).
    Only each mark's first non-blank stretch is a tab stop; the others are
    reached with the mouse (their mark is already one stop). Excluded regions
    are wrapped whole, marks inside them."""
    pieces = _pieces(text, marks, excluded)
    stops: set[int] = set()
    for mark in marks:
        first = next((i for i, (s, e, cov, _) in enumerate(pieces) if mark in cov and text[s:e].strip()), None)
        if first is None:
            first = next(i for i, (_, _, cov, _) in enumerate(pieces) if mark in cov)
        stops.add(first)
    out: list[str] = []
    anchored: set[str] = set()
    open_region = -1
    for n, (start, end, covering, region) in enumerate(pieces):
        if region != open_region:
            if open_region >= 0:
                out.append("</span>")
            if region >= 0:
                out.append(f'<span class="x" data-reason="{esc(excluded[region].reason)}">')
            open_region = region
        piece = text[start:end]
        if not covering:
            out.append(esc(piece))
            continue
        statuses = [s for s in SPAN_STATUSES if any(m.status == s for m in covering)]
        cards = list(dict.fromkeys(m.card for m in covering))
        label = "; ".join(f"{m.side} {m.kind} {m.object_id}: span {m.status}" for m in covering)
        targets = "".join(f'<span id="at-{c}"></span>' for c in cards if c not in anchored)  # "in the text" links
        anchored.update(cards)
        stop = "" if n in stops else ' tabindex="-1"'
        out.append(f'{targets}<a class="s {" ".join(statuses)}" href="#{cards[0]}"{stop} data-cards="{" ".join(cards)}"'
                   f' data-status="{statuses[0]}" data-marks="{"".join(MARKERS[s] for s in statuses)}"'
                   f' aria-label="{esc(label)}">{esc(piece)}</a>')
    if open_region >= 0:
        out.append("</span>")
    return "".join(out)


def _cluster_links(card: Card, clusters: ClusterIndex, siblings: frozenset[str], doc_id: str) -> str:
    items = []
    for side, kind, cluster in card.clusters:
        others = [d for d in clusters.get((side, kind, cluster), ()) if d != doc_id]
        anchor = f"{'g' if side == 'gold' else 'p'}c-{kind}-{token(cluster)}"
        where = ", ".join(f'<a href="{esc(token(d))}.html#{anchor}">{esc(d)}</a>' if d in siblings else esc(d)
                          for d in others) or "no other document"
        items.append(f"<li>{side} cluster <code>{esc(cluster)}</code>: also in {where}</li>")
    return f'<ul class="small">{"".join(items)}</ul>' if items else ""


def _n(value: int, differs: bool = False) -> str:
    return f'<td class="n{" ne" if differs and value else ""}">{value}</td>'


def _card(card: Card, text: str, clusters: ClusterIndex, siblings: frozenset[str], doc_id: str, anchors: set[str]) -> str:
    ids = []
    for side, kind, cluster in card.clusters:
        anchor = f"{'g' if side == 'gold' else 'p'}c-{kind}-{token(cluster)}"
        if anchor not in anchors:
            anchors.add(anchor)
            ids.append(anchor)
    targets = "".join(f'<span id="{a}"></span>' for a in ids)
    title = " ~ ".join(f"{side} <code>{esc(oid)}</code>" for side, oid in card.objects)
    where = f' · <a href="#at-{card.id}">in the text</a>' if card.in_text else " · not in the text (no offsets)"
    if card.fields is not None:
        rows = "".join(f"<tr><th scope=\"row\">{esc(f.field)}</th><td>{esc(f.gold if f.gold is not None else '—')}</td>"
                       f"<td>{esc(f.predicted if f.predicted is not None else '—')}</td><td>{esc(AGREEMENT.get(f.status, f.status))}</td>"
                       f"{_n(f.tp)}{_n(f.fp, True)}{_n(f.fn, True)}</tr>"
                       for f in card.fields)
        table = ('<table><thead><tr><th scope="col">field</th><th scope="col">gold</th><th scope="col">predicted</th>'
                 '<th scope="col">agreement</th><th scope="col" class="n"><abbr title="true positives">TP</abbr></th>'
                 '<th scope="col" class="n"><abbr title="false positives">FP</abbr></th>'
                 f'<th scope="col" class="n"><abbr title="false negatives">FN</abbr></th></tr></thead><tbody>{rows}</tbody></table>')
    else:
        count = "FN" if card.objects[0][0] == "gold" else "FP"
        rows = "".join(f"<tr><th scope=\"row\">{esc(name)}</th><td>{esc(value)}</td>{_n(elements, True)}</tr>"
                       for name, value, elements in card.values)
        table = (f'<table><thead><tr><th scope="col">field</th><th scope="col">{card.objects[0][0]} value</th>'
                 f'<th scope="col" class="n">{count}</th></tr></thead><tbody>{rows}</tbody></table>')
    spans = "".join(f"<li>{MARKERS[status]} {status}: {side} [{start}, {end}) “{esc(text[start:end])}”</li>"
                    for side, start, end, status in card.spans)
    spans = f'<ul class="spans" aria-label="spans">{spans}</ul>' if spans else ""
    return (f'<li class="card {card.status}" id="{card.id}">{targets}<h4>{MARKERS[card.status]} {esc(card.status)}'
            f' ({esc(CARD_WORDS[card.status])}): {title}{where}</h4>'
            f'{table}{spans}{_cluster_links(card, clusters, siblings, doc_id)}</li>')


def _kind_section(km: KindMarks, document: Document, clusters: ClusterIndex, siblings: frozenset[str]) -> str:
    span_counts = ", ".join(f"{sum(1 for m in km.marks if m.status == s)} {s}" for s in SPAN_STATUSES)
    card_counts = ", ".join(f"{sum(1 for c in km.cards if c.status == s)} {s}" for s in MARKERS)
    anchors: set[str] = set()
    cards = "".join(_card(c, document.text, clusters, siblings, document.doc_id, anchors) for c in km.cards)
    plural = Kind(km.kind).plural
    return (f'<section id="{plural}" class="kind-section" data-kind="{km.kind}" aria-labelledby="h-{plural}">'
            f'<h2 id="h-{plural}">{plural.capitalize()}: {WHAT[km.kind]}</h2>'
            f'<p class="small">Spans: {span_counts}. Objects: {card_counts}. Select a marked stretch for the fields of both objects.</p>'
            f'<div class="article" lang="en">{_segments(document.text, km.marks, document.excluded)}</div>'
            f'<details class="every"><summary>{plural.capitalize()}: every object ({len(km.cards)})</summary>'
            f'<ul class="cards">{cards}</ul></details></section>')


def article_body(
    explanation: Explanation, gold: Annotation, predicted: Annotation | None, document: Document,
    clusters: ClusterIndex | None = None, siblings: Sequence[str] = (), span_statuses: SpanStatuses | None = None,
) -> str:
    """The kind switch, the marked article of each kind and its cards: the part
    of the page ``explain --format html`` and the leaderboard's views share.
    ``span_statuses`` gives each span's own status; by default the scorer's
    (:func:`~benchmark.rendering.article_marks.scorer_span_statuses`)."""
    length = len(document.text)
    if span_statuses is None:
        span_statuses = scorer_span_statuses(explanation, length)
    kinds = [kind_marks(k, gold, predicted, length, span_statuses) for k in explanation.kinds]
    siblings_set = frozenset(siblings)
    switch = "".join(f'<label><input type="radio" name="kind" id="k-{k.kind}" value="{k.kind}"{" checked" if i == 0 else ""}>'
                     f"{Kind(k.kind).plural} ({len(k.marks)} spans)</label>" for i, k in enumerate(kinds))
    return (f'<fieldset class="kinds"><legend>Show</legend>{switch}</fieldset>'
            + "\n".join(_kind_section(k, document, clusters or {}, siblings_set) for k in kinds))


def article_page(
    explanation: Explanation, gold: Annotation, predicted: Annotation | None, document: Document, system: str,
    clusters: ClusterIndex | None = None, siblings: Sequence[str] = (), board_href: str | None = None,
    span_statuses: SpanStatuses | None = None,
) -> str:
    """The whole page. ``siblings`` are the documents whose views sit beside this
    one as ``<doc_id>.html`` (cross-document links go only to them);
    ``board_href`` links back to the leaderboard."""
    nav = [f'<li><a href="{esc(board_href)}">leaderboard</a></li>'] if board_href else []
    nav += [f'<li>{"<strong aria-current=" + chr(34) + "page" + chr(34) + ">" + esc(d) + "</strong>" if d == document.doc_id else f"<a href={chr(34)}{esc(token(d))}.html{chr(34)}>{esc(d)}</a>"}</li>'
            for d in siblings]
    legend = "".join(f'<li><span class="s {s}" data-marks="{MARKERS[s]}">{s}</span> {esc(WORDS[s])}</li>' for s in SPAN_STATUSES)
    legend += '<li><span class="x">excluded</span> outside the article (chrome, credits): not scored</li>'
    nav_html = f'<nav aria-label="views"><ul>{"".join(nav)}</ul></nav>' if nav else ""
    body = (
        f"<header>{nav_html}"
        f"<h1>{esc(system)}: document {esc(document.doc_id)}</h1>"
        f'<p class="small">{esc(document.title)} · {esc(document.outlet)} · {esc(document.published)} · '
        f"scored in {esc(explanation.mode.value)} mode</p>"
        f'<ul class="legend" aria-label="legend">{legend}</ul></header>\n<main>'
        + article_body(explanation, gold, predicted, document, clusters, siblings, span_statuses)
        + '</main>\n<aside id="panel" hidden aria-label="selected objects">'
        '<button type="button" id="panel-close">close</button><ul id="panel-body" class="cards"></ul></aside>'
    )
    return page(f"{system}: document {document.doc_id}", STYLE, body, SCRIPT)


def view_path(system_token: str, doc_id: str) -> str:
    """Where the leaderboard writes a view, relative to its output folder."""
    return f"view/{system_token}/{token(doc_id)}.html"


def cluster_index(gold: Mapping[str, Annotation], predicted: Mapping[str, Annotation]) -> ClusterIndex:
    """(side, kind, cluster id) -> the documents holding an object of that cluster."""
    index: dict[tuple[str, str, str], list[str]] = {}
    for side, records in (("gold", gold), ("predicted", predicted)):
        for doc_id in sorted(records):
            for kind in Kind:
                for obj in records[doc_id].objects(kind):
                    if obj.cluster:
                        docs = index.setdefault((side, kind.value, obj.cluster), [])
                        if doc_id not in docs:
                            docs.append(doc_id)
    return {key: tuple(value) for key, value in index.items()}
