"""The article views in a real browser (headless Chromium via Playwright):
every marked stretch lies inside the article text and carries its status, a
click or keyboard focus shows both objects' fields, nothing submitted runs or
becomes an element, no horizontal scroll at 400 px, and axe-core finds no
serious accessibility violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark.model.paths import LEADERBOARD
from browser import axe_violations, have_chromium, no_horizontal_scroll, screenshot
from view_fixture import EXPECTED, TEXT, view

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not have_chromium(), reason="Debian's chromium is not installed")

COMMITTED = LEADERBOARD / "view" / "rules" / "000.html"

OFFSETS = """article => {
  const out = [];
  let at = 0;
  const walk = node => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) { at += child.data.length; continue; }
      const start = at;
      walk(child);
      if (child.matches('a.s')) {
        out.push({start: start, end: at, text: child.textContent, classes: child.className, status: child.dataset.status});
      }
    }
  };
  walk(article);
  return out;
}"""



def open_view(browser, path: Path, width: int = 1000, bypass_csp: bool = False):
    pg = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=bypass_csp).new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(path.as_uri())
    return pg


@pytest.fixture
def fixture_view(tmp_path) -> Path:
    path = tmp_path / "d1.html"
    path.write_text(view(), encoding="utf-8")
    return path


def test_every_span_lies_in_the_text_with_its_status(browser, fixture_view):
    pg = open_view(browser, fixture_view)
    article = pg.locator("#entities .article")
    assert article.text_content() == TEXT  # markers are CSS, not text: the article reads as written
    spans = article.evaluate(OFFSETS)
    assert spans and all(0 <= s["start"] < s["end"] <= len(TEXT) and TEXT[s["start"]:s["end"]] == s["text"] for s in spans)
    found = {(s["start"], s["end"]): s["status"] for s in spans}
    assert found == EXPECTED
    for s in spans:
        assert s["status"] in s["classes"].split()
    assert pg.evaluate("window.pwned") is None and pg.dialogs == [] and pg.locator("img").count() == 0
    assert pg.locator("script").count() == 1
    screenshot(pg, "view-fixture.png")


def test_click_and_keyboard_focus_show_both_objects(browser, fixture_view):
    pg = open_view(browser, fixture_view)
    assert pg.locator("#panel").is_hidden()
    pg.locator("#entities .article a.s").nth(2).click()  # Paris: aligned, type differs
    panel = pg.locator("#panel")
    assert panel.is_visible()
    rows = panel.locator("tbody tr").evaluate_all("rs => rs.map(r => Array.from(r.cells).map(c => c.textContent))")
    assert ["type", "GPE", "LOC", "≠ differs"] in rows and ["name", "Paris", "Paris", "= agree"] in rows
    pg.keyboard.press("Escape")
    assert panel.is_hidden()
    pg.locator("#entities .article a.s").nth(0).focus()
    pg.keyboard.press("Tab")  # to Bob: missed
    assert panel.is_visible() and "missed" in panel.text_content() and "e2" in panel.text_content()
    assert pg.locator("#panel-body [id]").count() == 0  # copies carry no ids


def test_views_fit_400px_and_pass_axe(browser, fixture_view):
    for path in (fixture_view, COMMITTED):
        pg = open_view(browser, path, width=400, bypass_csp=True)
        scroll, width = no_horizontal_scroll(pg)
        assert scroll <= width == 400, path
        screenshot(pg, f"view-400-{path.parent.name}-{path.stem}.png")
        assert axe_violations(pg) == [], path


def test_committed_view_links_back_and_across(browser):
    pg = open_view(browser, COMMITTED)
    assert pg.get_attribute("nav a", "href") == "../../index.html"
    spans = pg.locator("#entities .article").evaluate(OFFSETS)
    text = pg.locator("#entities .article").text_content()
    assert spans and all(text[s["start"]:s["end"]] == s["text"] for s in spans)
    link = pg.locator(".card a[href*='.html#gc-']").first
    href = link.get_attribute("href")
    link.click()
    assert pg.url.endswith(href) and pg.locator(f"#{href.split('#')[1]}").count() == 1
