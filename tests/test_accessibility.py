"""Accessibility in Chromium: axe-core finds no serious or critical violation; one h1, a skip link, lang."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "index": "measures/",
    "measure": "measures/13/",
    "theme": "themes/tariff/",
    "themes": "themes/",
    "about": "about/",
}


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "help": v["help"],
        }
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"], ids=["zh-Hans", "zh-Hant"])
@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_serious_violation(tab, server, kind: str, prefix: str) -> None:
    tab.goto(f"{server}/{prefix}{PAGES[kind]}", wait_until="networkidle")
    assert tab.locator("h1").count() == 1
    assert tab.locator("html").get_attribute("lang") == ("zh-Hant" if prefix else "zh-Hans")
    skip = tab.locator("a.md-skip")
    assert skip.count() == 1
    target = skip.get_attribute("href")
    assert target.startswith("#") and tab.locator(target).count() == 1
    assert axe_violations(tab) == []


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"], ids=["zh-Hans", "zh-Hant"])
def test_search_with_results_has_no_serious_violation(tab, server, prefix: str) -> None:
    tab.goto(f"{server}/{prefix}", wait_until="networkidle")
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("零关税")
    box.press("End")
    tab.wait_for_selector("li.md-search-result__item")
    # Results fade in (CSS transitions): measured halfway, a mark's contrast is not yet its own.
    tab.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    assert axe_violations(tab) == []


@pytest.mark.parametrize(
    ("name", "material", "ours"),
    [
        (
            "partials/search.html",
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" '
            "aria-label=\"{{ lang.t('search') }}\">",
        ),
    ],
)
def test_copied_material_templates_differ_only_by_our_fix(name: str, material: str, ours: str):
    """Copies of Material's files must follow Material: upgrading it shows up here."""
    import material as material_package

    theirs = Path(material_package.__file__).parent / "templates" / name
    copy = ROOT / "overrides" / name

    def body(path: Path) -> str:
        return path.read_text(encoding="utf-8").split("-#}\n", 1)[1]  # after the header

    assert material in body(theirs)
    assert body(copy) == body(theirs).replace(material, ours)


def test_traditional_pages_take_materials_taiwan_strings() -> None:
    """overrides/partials/languages/zh-Hant.html writes only what it changes of Material's
    zh-TW strings: each of its keys is one of Material's."""
    import re

    import material as material_package

    theirs = Path(material_package.__file__).parent / "templates/partials/languages/zh-TW.html"
    ours = (ROOT / "overrides/partials/languages/zh-Hant.html").read_text(encoding="utf-8")
    assert '{% import "partials/languages/zh-TW.html" as taiwan %}' in ours
    material_keys = set(re.findall(r'^  "([^"]+)":', theirs.read_text(encoding="utf-8"), re.M))
    our_keys = set(re.findall(r'^  "([^"]+)":', ours, re.M))
    assert our_keys == {"language", "action.skip"}
    assert our_keys <= material_keys
