"""Driving Debian's chromium through Playwright for the page tests, and the
axe-core accessibility check (https://github.com/dequelabs/axe-core) run inside
the page. The browser tests skip when chromium or Playwright is missing; the
accessibility checks skip when axe-core has not been fetched with npm
(``npm install --prefix tests/.axe axe-core@AXE_VERSION``, as ``.ci/run`` does)."""

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


@pytest.fixture(scope="module")
def browser() -> Any:
    """One headless chromium per test module (import this fixture into the module)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def have_chromium() -> bool:
    return Path(CHROMIUM).exists()


def no_horizontal_scroll(pg: Any) -> tuple[int, int]:
    """(scroll width, viewport width) of the page's root element."""
    return pg.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")


def axe_violations(pg: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Rule ids and targets of the axe-core violations of ``impacts`` in the page."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE}: run `npm install --prefix tests/.axe axe-core@{AXE_VERSION}` "
                    "(npm unavailable or offline: the accessibility check is skipped)")
    pg.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # the page's context must bypass its CSP for this
    result = pg.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id, impact: v.impact, "
                         "nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))")
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in result if v["impact"] in impacts]


def screenshot(pg: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    pg.screenshot(path=str(path), full_page=True)
    return path
