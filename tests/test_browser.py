"""The built site in Debian's Chromium: clause links, the language switch, no other hosts."""

from __future__ import annotations

import io
import re
import unicodedata
from urllib.parse import urlsplit

import pypdf
import pytest
from support.browser import run_query
from support.notices import COUNT
from support.project import ROOT, SITE_URL

from notice_site.render.site import load_editions


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


KINDS = ["", "measures/", "measures/13/", "themes/", "themes/credit/", "about/", "no-such-page/"]


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"], ids=["zh-Hans", "zh-Hant"])
@pytest.mark.parametrize("kind", KINDS)
def test_pages_load_nothing_from_other_hosts(page, server, prefix: str, kind: str) -> None:
    path = f"{prefix}{kind}" if kind != "no-such-page/" else f"{prefix}404.html"
    page.goto(f"{server}/{path}", wait_until="networkidle")
    # search too: it loads the worker and the index; the results shown are the sign that
    # both loaded, and every request they made is in page.requests by then
    results = run_query(page, "关税")
    assert results, "关税 finds the measures on tariffs"
    index = f"{server}/{prefix}search/search_index.json"
    assert index in page.requests, page.requests
    assert page.locator(".md-content h1").count() == 1
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


@pytest.fixture
def clipboard_page(browser, server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize(
    ("path", "expected_citation"),
    [
        (
            "measures/13/",
            "海口海关关于印发《海口海关进一步优化口岸营商环境 助力海南自贸港外贸高质量发展二十条措施》"
            "的通知（琼关法综发〔2026〕19号）第十三条第 3 句（13.3）：优化风险布控查验比例，"
            "加大两段准入附条件提离推广力度，应用智能化一键送检功能，压缩口岸查验时间。 "
            "https://measures.example.org/measures/13/#c3",
        ),
        (
            "zh-Hant/measures/13/",
            "海口海關關於印發《海口海關進一步優化口岸營商環境 助力海南自貿港外貿高質量發展二十條措施》"
            "的通知（瓊關法綜發〔2026〕19號）第十三條第 3 句（13.3）：優化風險佈控查驗比例，"
            "加大兩段准入附條件提離推廣力度，應用智能化一鍵送檢功能，壓縮口岸查驗時間。 "
            "https://measures.example.org/zh-Hant/measures/13/#c3",
        ),
    ],
)
def test_copy_link_and_copy_citation(clipboard_page, server, path, expected_citation) -> None:
    page = clipboard_page
    page.goto(f"{server}/{path}", wait_until="networkidle")
    clause = page.locator("#c3")
    clause.hover()
    link_button = clause.locator("button.tm-copy--link")
    assert link_button.is_visible()
    link_button.click()
    url = expected_citation.rsplit(" ", 1)[1]
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert link_button.inner_text() in {"已复制", "已複製"}
    clause.locator("button.tm-copy--citation").click()
    assert page.evaluate("navigator.clipboard.readText()") == expected_citation
    # the buttons have names that say which sentence they copy
    assert clause.locator("button.tm-copy--link").get_attribute("aria-label") in {
        "复制链接（第 13.3 句）",
        "複製連結（第 13.3 句）",
    }


def test_index_filter_in_place(page, server) -> None:
    page.goto(f"{server}/measures/", wait_until="networkidle")
    rows = page.locator("tr.tm-index__row")
    assert rows.count() == COUNT
    assert page.locator(".tm-filter").is_visible()
    url_before = page.url
    page.locator(".tm-filter__button[data-theme='agriculture']").click()
    visible = [r.get_attribute("id") for r in rows.all() if r.is_visible()]
    assert visible == ["m9", "m10"]
    assert page.locator(".tm-filter__status").inner_text() == f"显示 2 / {COUNT} 条"
    assert (
        page.locator(".tm-filter__button[data-theme='agriculture']").get_attribute("aria-pressed")
        == "true"
    )
    # no page load: same document, address updated for sharing
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert page.url == url_before + "?theme=agriculture"
    page.locator(".tm-filter__button[data-theme='credit']").click()
    assert [r.get_attribute("id") for r in rows.all() if r.is_visible()] == [
        "m15",
        "m17",
        "m18",
        "m20",
    ]
    page.locator(".tm-filter__button[data-theme='']").click()
    assert sum(1 for r in rows.all() if r.is_visible()) == COUNT
    # a shared filtered address opens filtered
    page.goto(f"{server}/zh-Hant/measures/?theme=logistics", wait_until="networkidle")
    assert [r.get_attribute("id") for r in rows.all() if r.is_visible()] == ["m4", "m11"]
    assert page.locator(".tm-filter__status").inner_text() == f"顯示 2 / {COUNT} 條"


def test_index_without_javascript_shows_every_row(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/measures/?theme=agriculture")
    rows = tab.locator("tr.tm-index__row")
    assert sum(1 for r in rows.all() if r.is_visible()) == COUNT
    assert not tab.locator(".tm-filter").is_visible()
    context.close()


# What the screen shows around the text and paper must not: header and search (Material's
# label), navigation, copy buttons, pager, downloads, related measures.
SCREEN_ONLY_UI = ["home", "measures_index", "copy_link", "copy_citation", "previous", "next"]
SCREEN_ONLY_UI += ["related", "same_theme", "downloads"]
SEARCH_LABEL = {"zh-Hans": "搜索", "zh-Hant": "搜尋"}


@pytest.mark.parametrize(("language", "prefix"), [("zh-Hans", ""), ("zh-Hant", "zh-Hant/")])
def test_printing_a_measure_gives_the_text_and_its_url(page, server, language, prefix) -> None:
    """Chromium's print (what a reader gets from the browser's Print): one clean page."""
    edition = load_editions(ROOT / "data")[language]
    m = edition.notice.measure(13)
    page.goto(f"{server}/{prefix}measures/13/", wait_until="networkidle")
    assert page.locator(".tm-clause__tools").count() == 3  # the copy buttons are on screen
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    flat = _flat("".join(p.extract_text() for p in pdf.pages))
    assert re.search(_pattern(m.title), flat)
    for clause in m.clauses:
        assert re.search(_pattern(clause), flat), clause
    assert f"{SITE_URL}{prefix}measures/13/" in flat
    assert page.locator("body").inner_text().count(edition.ui["copy_link"]) == 0  # print media
    for label in [SEARCH_LABEL[language], *(edition.ui[key] for key in SCREEN_ONLY_UI)]:
        assert not re.search(_pattern(label), flat), label


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _pattern(text: str) -> str:
    """Text as pypdf reads it back from Chromium's PDF, where some characters come out as
    radicals: Kangxi ones (⼗ for 十, undone by NFKC) or supplement ones (⻚ for 页, kept)."""
    return "".join(
        f"(?:{re.escape(ch)}|[\u2e80-\u2eff])" if "\u4e00" <= ch <= "\u9fff" else re.escape(ch)
        for ch in _flat(text)
    )
