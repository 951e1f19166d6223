"""Driving Debian's chromium through Playwright for the page tests, and the
axe-core accessibility check (https://github.com/dequelabs/axe-core) run inside
the page with the WCAG 2.2 AA rule set (tags ``wcag2a`` ... ``wcag22aa``). On a
workstation the browser tests skip when chromium or Playwright is missing and
the accessibility checks skip when axe-core has not been fetched with npm
(``npm install --prefix tests/.axe axe-core@AXE_VERSION``); in CI (``CI=true``,
as ``.ci/run`` sets, which installs both) they fail instead, so a missing tool
can never pass for a clean page."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE_VERSION = "4.11.0"
AXE = Path(os.environ.get("AXE_CORE_JS", Path(__file__).parent / ".axe" / "node_modules" / "axe-core" / "axe.min.js"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync"]


AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
"""The axe-core rule tags run: WCAG 2.0, 2.1 and 2.2, levels A and AA (target size, 2.5.8, is wcag22aa)."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def unavailable(reason: str) -> None:
    """Skip for ``reason`` on a workstation; fail in CI, where the tool must be there."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser and accessibility checks must run; .ci/run installs them)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Any:
    """One headless chromium per test module (import this fixture into the module)."""
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("Playwright is not installed")
    if not have_chromium():
        unavailable(f"chromium is not installed at {CHROMIUM}")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def have_chromium() -> bool:
    return Path(CHROMIUM).exists()


def overflowing_widths(pg: Any, widths: range = range(320, 1921, 40), height: int = 900) -> list[tuple[int, int]]:
    """(viewport width, scroll width) at each width of the sweep where the page scrolls sideways."""
    found = []
    for width in widths:
        pg.set_viewport_size({"width": width, "height": height})
        scroll, client = no_horizontal_scroll(pg)
        if scroll > client:
            found.append((width, scroll))
    return found


def no_horizontal_scroll(pg: Any) -> tuple[int, int]:
    """(scroll width, viewport width) of the page's root element."""
    return pg.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")


def axe_violations(pg: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Rule ids and targets of the axe-core violations of ``impacts`` in the page."""
    if not AXE.is_file():
        unavailable(f"axe-core is not installed at {AXE}: run `npm install --prefix tests/.axe axe-core@{AXE_VERSION}`")
    if not pg.evaluate("typeof axe !== 'undefined'"):
        pg.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # the page's context must bypass its CSP for this
    result = pg.evaluate("async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations.map("
                         "v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))",
                         list(AXE_TAGS))
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in result if v["impact"] in impacts]


def screenshot(pg: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    pg.screenshot(path=str(path), full_page=True)
    return path
