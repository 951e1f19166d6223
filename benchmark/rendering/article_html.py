"""The article view of one submission on one document: the text with gold and
predicted spans marked per kind (entity mentions, event triggers, claim
contents), each object's fields side by side, and links to the same
cross-document cluster in the other documents' views.

It reads an :class:`~benchmark.scoring.explanation.Explanation` through
:mod:`benchmark.rendering.article_marks` (which objects were aligned, missed or
spurious, and each field's agreement) and the two annotations for the offsets.
A span's status is its object's: *matched* (aligned, every field agrees),
*differs* (aligned, some field does not), *missed* (gold, unaligned) or
*spurious* (predicted, unaligned); each has its own border style, text marker
and label besides its colour. Same input, same bytes; every submitted string is
escaped (:mod:`benchmark.rendering.html_page`)."""

from __future__ import annotations

from typing import Mapping, Sequence

from benchmark.model.records import Annotation, Document, Kind
from benchmark.rendering.article_marks import (
    STATUSES, Card, ClusterIndex, KindMarks, Mark, kind_marks,
)
from benchmark.rendering.html_page import esc, page, token
from benchmark.scoring.explanation import Explanation

MARKERS = {"matched": "=", "differs": "≠", "missed": "−", "spurious": "+"}
"""The text marker after each marked stretch: status is never shown by colour alone."""

WORDS = {"matched": "matched: aligned, every field agrees", "differs": "aligned but a field differs",
         "missed": "missed: gold, no prediction aligned", "spurious": "spurious: predicted, no gold aligned"}

AGREEMENT = {"agree": "= agree", "disagree": "≠ differs", "gold only": "− gold only", "predicted only": "+ predicted only"}

STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;padding:1rem;color:#1a1a1a;max-width:60rem;line-height:1.5;overflow-wrap:anywhere}
a{color:#0b4f8a}
nav ul,.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.article{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ccc;padding:.75rem;background:#fff}
.s{color:inherit;text-decoration:none;padding:0 1px}
.s::after{font-size:.75em;vertical-align:super;font-weight:bold}
.matched{background:#d6ecff;border-bottom:2px solid #0b4f8a}.matched::after{content:"="}
.differs{background:#fff0c2;border-bottom:3px dashed #8a5a00}.differs::after{content:"\\2260"}
.missed{background:#ffe0e0;outline:2px dotted #a00000;outline-offset:-1px}.missed::after{content:"\\2212"}
.spurious{background:#eadcff;border-bottom:4px double #5a2d91}.spurious::after{content:"+"}
.s:focus,.s:hover{outline:3px solid #000;outline-offset:1px}
.legend .s::after{vertical-align:baseline}
.cards{list-style:none;padding:0}
.card{list-style:none;border:1px solid #bbb;border-left-width:6px;margin:.5rem 0;padding:.25rem .5rem;background:#fafafa}
.card.matched{border-left-color:#0b4f8a}.card.differs{border-left-color:#8a5a00;border-left-style:dashed}
.card.missed{border-left-color:#a00000;border-left-style:dotted}.card.spurious{border-left-color:#5a2d91;border-left-style:double}
.card.matched,.card.differs,.card.missed,.card.spurious{outline:none;background:#fafafa}
.card::after{content:none}
.card h4{margin:.25rem 0;font-size:1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;table-layout:fixed}
th,td{border-bottom:1px solid #ddd;padding:2px 4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.small{color:#444;font-size:.9rem}
#panel{position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;background:#fff;border-top:3px solid #333;padding:.5rem 1rem;box-shadow:0 -2px 8px #0004}
#panel[hidden]{display:none}
#panel button{float:right}
"""

SCRIPT = """
(function () {
  var panel = document.getElementById("panel"), body = document.getElementById("panel-body");
  function show(link) {
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
  }
  document.querySelectorAll("a.s[data-cards]").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); show(link); });
    link.addEventListener("focus", function () { show(link); });
  });
  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { panel.hidden = true; } });
}());
"""


def _segments(text: str, marks: Sequence[Mark]) -> str:
    """The text with every stretch covered by marks wrapped in one link per
    stretch (marks may overlap or cross; the text is cut at every boundary)."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    anchored: set[str] = set()
    previous: tuple[Mark, ...] = ()
    pieces: list[tuple[tuple[Mark, ...], str]] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = tuple(m for m in marks if m.start <= start and end <= m.end)
        if pieces and covering == previous:
            pieces[-1] = (covering, pieces[-1][1] + text[start:end])
        else:
            pieces.append((covering, text[start:end]))
        previous = covering
    for covering, piece in pieces:
        if not covering:
            out.append(esc(piece))
            continue
        statuses = [s for s in STATUSES if any(m.status == s for m in covering)]
        cards = list(dict.fromkeys(m.card for m in covering))
        sides = sorted({m.side for m in covering})
        label = "; ".join(f"{m.side} {m.kind} {m.object_id}: {m.status}" for m in covering)
        targets = "".join(f'<span id="at-{c}"></span>' for c in cards if c not in anchored)  # "in the text" links
        anchored.update(cards)
        out.append(f'{targets}<a class="s {" ".join(statuses)}" href="#{cards[0]}" data-cards="{" ".join(cards)}"'
                   f' data-status="{statuses[0]}" data-sides="{" ".join(sides)}"'
                   f' aria-label="{esc(label)}">{esc(piece)}</a>')
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


def _card(card: Card, clusters: ClusterIndex, siblings: frozenset[str], doc_id: str, anchors: set[str]) -> str:
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
                       f"<td>{esc(f.predicted if f.predicted is not None else '—')}</td><td>{esc(AGREEMENT.get(f.status, f.status))}</td></tr>"
                       for f in card.fields)
        table = ('<table><thead><tr><th scope="col">field</th><th scope="col">gold</th><th scope="col">predicted</th>'
                 f'<th scope="col">agreement</th></tr></thead><tbody>{rows}</tbody></table>')
    else:
        rows = "".join(f"<tr><th scope=\"row\">{esc(name)}</th><td>{esc(value)}</td></tr>" for name, value in card.values)
        table = f'<table><thead><tr><th scope="col">field</th><th scope="col">{card.objects[0][0]} value</th></tr></thead><tbody>{rows}</tbody></table>'
    return (f'<li class="card {card.status}" id="{card.id}">{targets}<h4>{MARKERS[card.status]} {esc(card.status)}: {title}{where}</h4>'
            f'{table}{_cluster_links(card, clusters, siblings, doc_id)}</li>')


def _kind_section(km: KindMarks, text: str, clusters: ClusterIndex, siblings: frozenset[str], doc_id: str) -> str:
    counts = ", ".join(f"{sum(1 for c in km.cards if c.status == s)} {s}" for s in STATUSES)
    anchors: set[str] = set()
    cards = "".join(_card(c, clusters, siblings, doc_id, anchors) for c in km.cards)
    what = {"entity": "entity mentions", "event": "event triggers", "claim": "claim contents"}[km.kind]
    plural = Kind(km.kind).plural
    return (f'<section id="{plural}" aria-labelledby="h-{plural}"><h2 id="h-{plural}">{plural.capitalize()}: {what}</h2>'
            f'<p class="small">{counts}. Select a marked stretch for the fields of both objects.</p>'
            f'<div class="article" lang="en">{_segments(text, km.marks)}</div>'
            f'<h3>{plural.capitalize()}: every object</h3><ul class="cards">{cards}</ul></section>')


def article_page(
    explanation: Explanation, gold: Annotation, predicted: Annotation | None, document: Document, system: str,
    clusters: ClusterIndex | None = None, siblings: Sequence[str] = (), board_href: str | None = None,
) -> str:
    """The whole page. ``siblings`` are the documents whose views sit beside this
    one as ``<doc_id>.html`` (cross-document links go only to them);
    ``board_href`` links back to the leaderboard."""
    kinds = [kind_marks(k, gold, predicted, len(document.text)) for k in explanation.kinds]
    siblings_set = frozenset(siblings)
    clusters = clusters or {}
    nav = [f'<li><a href="{esc(board_href)}">leaderboard</a></li>'] if board_href else []
    nav += [f'<li><a href="#{Kind(k.kind).plural}">{Kind(k.kind).plural}</a></li>' for k in kinds]
    nav += [f'<li>{"<strong aria-current=" + chr(34) + "page" + chr(34) + ">" + esc(d) + "</strong>" if d == document.doc_id else f"<a href={chr(34)}{esc(token(d))}.html{chr(34)}>{esc(d)}</a>"}</li>'
            for d in siblings]
    legend = "".join(f'<li><span class="s {s}">{s}</span> {esc(WORDS[s])}</li>' for s in STATUSES)
    body = (
        f'<header><nav aria-label="views"><ul>{"".join(nav)}</ul></nav>'
        f"<h1>{esc(system)}: document {esc(document.doc_id)}</h1>"
        f'<p class="small">{esc(document.title)} · {esc(document.outlet)} · {esc(document.published)} · '
        f"scored in {esc(explanation.mode.value)} mode</p>"
        f'<ul class="legend" aria-label="legend">{legend}</ul></header>\n<main>'
        + "\n".join(_kind_section(k, document.text, clusters, siblings_set, document.doc_id) for k in kinds)
        + '</main>\n<aside id="panel" hidden aria-live="polite" aria-label="selected objects">'
        '<button type="button" id="panel-close">close</button><div id="panel-body"></div></aside>'
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
