"""Screenshots of the main kinds of page, and layout facts a later change could break.

Set SCREENSHOT_DIR to keep the screenshots for looking at them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PAGES = {
    "home": "",
    "index": "measures/",
    "measure": "measures/13/",
    "theme": "themes/tariff/",
}
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("SCREENSHOT_DIR")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"], ids=["zh-Hans", "zh-Hant"])
@pytest.mark.parametrize("kind", PAGES)
def test_layout(browser, server, shots: Path, kind: str, prefix: str, width: str) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=width == "phone")
    page = context.new_page()
    page.goto(f"{server}/{prefix}{PAGES[kind]}", wait_until="networkidle")
    name = f"{kind}-{prefix.strip('/') or 'zh-Hans'}-{width}.png"
    page.screenshot(path=str(shots / name), full_page=True)

    # no horizontal scrolling, at any width
    assert page.evaluate("document.documentElement.scrollWidth") <= w

    # the title is in the first screen; on a measure page, its first clause too
    title = page.locator("h1").first.bounding_box()
    assert title and title["y"] >= 0 and title["y"] + title["height"] <= h
    if kind == "measure":
        clause = page.locator("#c1").bounding_box()
        assert clause and clause["y"] + clause["height"] <= h

    # language switch and search are reachable
    switch = page.locator(".md-header__option .md-select > button")
    assert switch.is_visible()
    box = switch.bounding_box()
    assert box and box["x"] + box["width"] <= w
    if width == "phone":
        search = page.locator("label.md-header__button[for='__search']")
        assert search.is_visible()
        search.click()
    assert page.locator("input.md-search__input").is_visible()
    context.close()
