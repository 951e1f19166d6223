"""The leaderboard page in a real browser (headless Chromium via Playwright):
rows, sorting by clicking headers, the chart, and escaping of submitted strings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmark.leaderboard.ranking import Board, Entry, Interval, Rejected
from benchmark.leaderboard.render import page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")

XSS = "<img src=x onerror=alert(1)>"
ARTIFACTS = Path(__file__).parent / "artifacts"


def entry(rank: int, system: str, headline: float, claims: float | None) -> Entry:
    return Entry(
        rank=rank, file=f"submissions/{rank}.json", system=system, version="1", description=f"desc {system}",
        url="", date="2026-01-01", headline=headline, interval=Interval(headline - 0.1, min(1.0, headline + 0.1)),
        kind_f1=(("entity", headline), ("event", headline / 2), ("claim", claims)),
        field_f1=(("entity.name", headline), ("event.type", 0.5)), coreference=0.25 * rank,
        missing=(), p_next=0.01 if rank < 3 else None, separable_next=True if rank < 3 else None,
    )


BOARD = Board(
    entries=(entry(1, "oracle", 1.0, 1.0), entry(2, XSS, 0.5, None), entry(3, "alpha", 0.25, 0.75)),
    rejected=(Rejected("submissions/bad.json", '"><script>alert(2)</script>', "/meta: 'system' is a required property", 1),),
    mode="lenient", alpha=0.05, resamples=1000, seed=20220110, gold_sha256="ab" * 32,
)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                  "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


def column(pg, index: int) -> list[str]:
    return pg.eval_on_selector_all(f"#leaderboard tbody tr td:nth-child({index})", "cells => cells.map(c => c.textContent)")


def test_rows_sorting_escaping_and_screenshot(browser, tmp_path):
    path = tmp_path / "index.html"
    path.write_text(page(BOARD), encoding="utf-8")
    pg = browser.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(path.as_uri())

    assert column(pg, 2) == ["oracle", XSS, "alpha"]
    assert pg.locator("#leaderboard img").count() == 0 and pg.locator("#rejected script").count() == 0
    assert pg.locator("#rejected td").nth(1).text_content() == '"><script>alert(2)</script>'

    pg.click("#leaderboard th:nth-child(2)")  # system, ascending
    assert column(pg, 2) == sorted(["oracle", XSS, "alpha"])
    pg.click("#leaderboard th:nth-child(4)")  # headline F1, ascending
    assert column(pg, 1) == ["3", "2", "1"]
    pg.click("#leaderboard th:nth-child(4)")  # again: descending
    assert column(pg, 1) == ["1", "2", "3"]
    assert pg.get_attribute("#leaderboard th:nth-child(4)", "aria-sort") == "descending"
    pg.click("#leaderboard th:nth-child(8)")  # claim F1 with an undefined value sorts below 0
    assert column(pg, 8) == ["n/a", "0.7500", "1.0000"]

    assert pg.locator("svg.chart rect").count() == 2 * 3
    assert dialogs == [] and all(u.startswith("file://") for u in requests)
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "leaderboard.png"), full_page=True)
    assert (ARTIFACTS / "leaderboard.png").stat().st_size > 1000


def test_committed_leaderboard_page_shows_every_ranked_row(browser):
    import csv

    from benchmark.model.paths import LEADERBOARD

    rows = [r for r in csv.DictReader((LEADERBOARD / "results.csv").open(encoding="utf-8")) if r["status"] == "ranked"]
    pg = browser.new_page()
    pg.goto((LEADERBOARD / "index.html").as_uri())
    assert column(pg, 2) == [r["system"] for r in rows]
    assert column(pg, 4) == [f"{float(r['headline_f1']):.4f}" for r in rows]
    pg.click("#leaderboard th:nth-child(4)")
    assert column(pg, 4) == sorted(column(pg, 4), key=float)
