"""The built site in Debian's Chromium: clause links, the language switch, no other hosts."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.requests = requests
    yield tab
    context.close()


def same_origin(url: str, server: str) -> bool:
    return url.startswith(("data:", "blob:")) or urlsplit(url).netloc == urlsplit(server).netloc


@pytest.mark.parametrize("path", ["", "measures/13/", "zh-Hant/", "zh-Hant/measures/13/"])
def test_pages_load_nothing_from_other_hosts(page, server, path: str) -> None:
    page.goto(f"{server}/{path}", wait_until="networkidle")
    assert page.locator("h1").count() == 1
    assert page.requests
    assert [u for u in page.requests if not same_origin(u, server)] == []


def test_clause_link_opens_at_the_highlighted_clause(page, server) -> None:
    page.goto(f"{server}/measures/15/#c5", wait_until="networkidle")
    clause = page.locator("#c5")
    assert clause.evaluate("el => el.matches(':target')")
    box = clause.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    # the highlight is visible: an outline the other clauses do not have
    assert clause.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    assert page.locator("#c4").evaluate("el => getComputedStyle(el).outlineStyle") == "none"
    assert "AEO" in clause.inner_text()


def test_clause_number_is_a_link_to_itself(page, server) -> None:
    page.goto(f"{server}/measures/13/", wait_until="networkidle")
    page.locator("#c3 a.tm-clause__ref").click()
    assert page.url.endswith("/measures/13/#c3")
    assert page.locator("#c3").evaluate("el => el.matches(':target')")


def test_language_switch_leads_to_the_same_measure(page, server) -> None:
    page.goto(f"{server}/measures/13/", wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh-Hant']").click()
    page.wait_for_url(f"{server}/zh-Hant/measures/13/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.locator("h1").inner_text() == "十三、持續壓縮通關時間"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh-Hans']").click()
    page.wait_for_url(f"{server}/measures/13/")
    assert page.locator("h1").inner_text() == "十三、持续压缩通关时间"


def test_previous_and_next(page, server) -> None:
    page.goto(f"{server}/measures/1/", wait_until="networkidle")
    assert page.locator("a[rel=prev]").count() == 0
    page.locator("a[rel=next]").click()
    page.wait_for_url(f"{server}/measures/2/")
    page.locator("a[rel=prev]").click()
    page.wait_for_url(f"{server}/measures/1/")
