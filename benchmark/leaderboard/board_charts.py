"""The board page's charts as inline SVG: headline F1 of every row and per-field
F1 of the systems, each bar with its 95% bootstrap interval as a whisker.

Bars scale with the page (``viewBox``, ``width="100%"``). Each system has an
Okabe-Ito colour (distinguishable with the common colour-vision deficiencies;
Okabe & Ito 2008, https://jfly.uni-koeln.de/color/) *and* a fill pattern, so no
two bars are told apart by colour alone; the legend comes before the chart and
lists only systems that have a bar."""

from __future__ import annotations

from typing import Sequence

from benchmark.leaderboard.ranking import Entry
from benchmark.rendering.html_page import esc

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TEXTURES = (
    "",
    '<rect width="2" height="6" fill="#fff" fill-opacity=".7"/>',
    '<circle cx="3" cy="3" r="1.4" fill="#fff" fill-opacity=".8"/>',
    '<rect width="6" height="2" fill="#fff" fill-opacity=".7"/>',
    '<rect width="2" height="6" fill="#000" fill-opacity=".5"/>',
    '<rect width="6" height="1.5" fill="#fff" fill-opacity=".7"/><rect width="1.5" height="6" fill="#fff" fill-opacity=".7"/>',
    '<circle cx="3" cy="3" r="1.4" fill="#000" fill-opacity=".6"/>',
    '<rect width="2" height="6" fill="#fff" fill-opacity=".8"/>',
)
ROTATE = (0, 45, 0, 0, -45, 0, 0, 90)
LABEL_W, PLOT_W, PAD = 130, 290, 24
WIDTH = LABEL_W + PLOT_W + PAD


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def patterns(count: int) -> str:
    """``<defs>`` with one pattern per system slot (colour and texture)."""
    out = []
    for j in range(count):
        colour, texture, angle = PALETTE[j % len(PALETTE)], TEXTURES[j % len(TEXTURES)], ROTATE[j % len(ROTATE)]
        turn = f' patternTransform="rotate({angle})"' if angle else ""
        out.append(f'<pattern id="pat-{j}" width="6" height="6" patternUnits="userSpaceOnUse"{turn}>'
                   f'<rect width="6" height="6" fill="{colour}"/>{texture}</pattern>')
    return "<defs>" + "".join(out) + "</defs>"


def swatch(j: int) -> str:
    return (f'<svg class="swatch" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">'
            f'<rect width="18" height="14" fill="url(#pat-{j})" stroke="#000" stroke-width="1"/></svg>')


def _x(value: float) -> float:
    return LABEL_W + PLOT_W * max(0.0, min(1.0, value))


def _axis(top: float, bottom: float) -> list[str]:
    parts = []
    for tick in range(0, 11, 2):
        x = _x(tick / 10)
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#ccc"/>')
        parts.append(f'<text x="{x:.1f}" y="{bottom + 14:.1f}" font-size="11" text-anchor="middle">{tick / 10:.1f}</text>')
    return parts


def _bar(y: float, height: float, value: float | None, low: float | None, high: float | None, fill: str, title: str) -> str:
    """One bar with its whisker; an undefined value (``None``) draws no bar but
    the words "n/a", and a zero a "0", so the two never look alike."""
    width = PLOT_W * max(0.0, min(1.0, value or 0.0))
    parts = [f'<rect x="{LABEL_W}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}" stroke="#333" stroke-width=".5">'
             f"<title>{title}</title></rect>"]
    if value is None or value == 0:
        size = min(11.0, height + 1)
        parts.append(f'<text x="{LABEL_W + 3}" y="{y + height - 1:.1f}" font-size="{size:.0f}" font-style="{"italic" if value is None else "normal"}">'
                     f'{"n/a" if value is None else "0"}</text>')
    if low is not None and high is not None:
        mid, x1, x2 = y + height / 2, _x(low), _x(high)
        parts.append(f'<path d="M{x1:.1f} {mid:.1f}H{x2:.1f}M{x1:.1f} {mid - 4:.1f}V{mid + 4:.1f}M{x2:.1f} {mid - 4:.1f}V{mid + 4:.1f}"'
                     ' stroke="#000" stroke-width="1.5" fill="none"/>')
    return "".join(parts)


def headline_chart(entries: Sequence[Entry], titles: dict[str, str]) -> str:
    """Headline F1 of every row, grouped by section, with its interval; each
    row's name on its own line above its bar, so no name is cut."""
    bar, gap = 14, 6
    rows: list[str] = []
    y = 4.0
    groups = [g for g in titles if any(e.group == g for e in entries)]
    for group in groups:
        rows.append(f'<text x="4" y="{y + 12:.1f}" font-size="12" font-weight="bold">{esc(titles[group])}</text>')
        y += 18
        for e in (e for e in entries if e.group == group):
            rows.append(f'<text x="12" y="{y + 11:.1f}" font-size="12">{esc(_short(e.system, 60))}</text>')
            y += 14
            title = f"{esc(e.system)}: {e.headline:.4f} [{e.interval.low:.4f}, {e.interval.high:.4f}]"
            rows.append(_bar(y, bar, e.headline, e.interval.low, e.interval.high, "#7a7a7a", title))
            y += bar + gap
    height = y + 24
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="headline-chart" role="img" viewBox="0 0 {WIDTH} {height:.0f}"'
            f' width="100%" preserveAspectRatio="xMinYMin meet" aria-label="Headline F1 with 95% confidence intervals">'
            + "".join(_axis(0, y) + rows) + "</svg>")


def field_chart(entries: Sequence[Entry]) -> str:
    """Per-field F1 of ``entries`` (the systems), a legend before the chart."""
    if not entries:
        return '<p class="small">No system has a bar.</p>'
    fields = [f for f, _ in entries[0].field_f1]
    bar, gap = 10, 10
    group_h = bar * len(entries) + gap
    height = group_h * len(fields) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="field-chart" role="img" viewBox="0 0 {WIDTH} {height}"'
             f' width="100%" preserveAspectRatio="xMinYMin meet" aria-label="Per-field F1 of the systems with 95% confidence intervals">',
             patterns(len(entries)), *_axis(0, height - 24)]
    for i, field in enumerate(fields):
        y0 = i * group_h
        parts.append(f'<text x="{LABEL_W - 6}" y="{y0 + group_h / 2 + 1:.1f}" font-size="12" text-anchor="end">{esc(field)}</text>')
        for j, entry in enumerate(entries):
            value = entry.field_f1[i][1]
            ci = entry.field_ci[i] if i < len(entry.field_ci) else None
            title = f"{esc(entry.system)} · {esc(field)}: " + ("n/a" if value is None else f"{value:.4f}")
            parts.append(_bar(y0 + j * bar, bar - 1, value, ci.low if ci else None, ci.high if ci else None, f"url(#pat-{j})", title))
    parts.append("</svg>")
    legend = "".join(f"<li>{swatch(j)} {esc(e.system)}</li>" for j, e in enumerate(entries))
    return f'<ul class="legend" aria-label="legend">{legend}</ul>\n' + "".join(parts)
