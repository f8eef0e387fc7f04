"""Accessibility in Chromium: axe-core finds no serious or critical violation; one h1, a skip link, lang."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.browser import axe_violations, settled
from support.project import ROOT

PAGES = {
    "home": "",
    "index": "measures/",
    "measure": "measures/13/",
    "theme": "themes/tariff/",
    "themes": "themes/",
    "about": "about/",
}


# Desktop and phone: the clause tools and the navigation lay out differently.
WIDTHS = [1280, 390]


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def tab(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# The states a reader reaches, beyond a page as it opens: (page, what the reader does).
STATES = {
    "clause opened by its link": ("measures/13/#c2", None),
    "clause pointed at": ("measures/13/", "hover"),
    "clause tools by keyboard": ("measures/13/", "tab"),
    "index filtered by a theme": ("measures/?theme=agriculture", None),
    "404 page": ("404.html", None),
}


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"], ids=["zh-Hans", "zh-Hant"])
@pytest.mark.parametrize("state", STATES)
def test_state_has_no_serious_violation(tab, server, state: str, prefix: str) -> None:
    path, action = STATES[state]
    tab.goto(f"{server}/{prefix}{path}", wait_until="networkidle")
    clause = tab.locator("#c2")
    if action == "hover":
        clause.hover()
        assert clause.locator("button.tm-copy").first.is_visible()
    elif action == "tab":
        clause.locator("a.tm-clause__ref").focus()
        tab.keyboard.press("Tab")
        focused = tab.evaluate("document.activeElement.className")
        assert "tm-copy--link" in focused
    if path.endswith("#c2"):
        assert clause.evaluate("el => el.matches(':target')")
    settled(tab)
    assert axe_violations(tab) == []


def test_copy_buttons_names_start_with_their_labels(tab, server) -> None:
    """Voice control users say what they see (WCAG 2.5.3): the name contains the label."""
    for prefix in ("", "zh-Hant/"):
        tab.goto(f"{server}/{prefix}measures/13/#c2", wait_until="networkidle")
        buttons = tab.locator("#c2 button.tm-copy")
        assert buttons.count() == 2
        for i in range(2):
            button = buttons.nth(i)
            label = button.inner_text()
            assert button.get_attribute("aria-label").startswith(label), label


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
    if tab.viewport_size["width"] < 960:  # a phone: the search opens from the header's button
        tab.locator("label.md-header__button[for='__search']").click()
        settled(tab)
    box.click()
    box.fill("零关税")
    box.press("End")
    tab.wait_for_selector("li.md-search-result__item")
    settled(tab)  # results fade in
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


def test_copies_of_material_name_the_installed_version() -> None:
    """Our copies of Material's templates and scripts say which Material they follow
    ("material/templates/base.html, 9.8"): the installed one, so an upgrade shows up here
    too (the generator tag takes the full version from the package, hooks/theme.py)."""
    import re
    from importlib.metadata import version

    installed = ".".join(version("mkdocs-material").split(".")[:2])
    copies = [
        *sorted((ROOT / "overrides").rglob("*.html")),
        *sorted((ROOT / "docs" / "assets" / "javascripts").glob("material-*.js")),
    ]
    named = {
        path.relative_to(ROOT).as_posix(): re.findall(
            r"\.html[\s,(*]+(\d+\.\d+)[):]", path.read_text(encoding="utf-8")
        )
        for path in copies
    }
    named = {path: versions for path, versions in named.items() if versions}
    assert {"overrides/main.html", "docs/assets/javascripts/material-scope.js"} <= set(named)
    assert {v for versions in named.values() for v in versions} == {installed}, named


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
