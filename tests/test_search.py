"""Search as readers type it, in Chromium on the built site: one index per script.

The table below is typed into the search box of the served site; each query
must find its measures among the first five results, lead into the sentence,
and never show a page of the other script. The recall over the table is printed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from support.browser import run_query

# (script of the page searched from, query, measures expected among the first five results,
#  theme page expected among them or None)
QUERIES: list[tuple[str, str, list[int], str | None]] = [
    # words of the text
    ("zh-Hans", "零关税", [1, 2, 4], None),
    ("zh-Hans", "跨境电商", [7], None),
    ("zh-Hans", "南繁硅谷", [9], None),
    ("zh-Hans", "首违不罚", [20], None),
    ("zh-Hans", "糟粕醋", [10], None),
    ("zh-Hans", "新三样", [5], None),
    ("zh-Hans", "成品油", [12], None),
    ("zh-Hans", "医疗器械", [8], None),
    ("zh-Hans", "知识产权", [19], None),
    ("zh-Hans", "消博会", [14], None),
    ("zh-Hans", "一物一码", [5], None),
    ("zh-Hans", "二线口岸", [18], None),
    # part of a longer word
    ("zh-Hans", "电商", [7], None),
    ("zh-Hans", "居民", [4, 7], None),
    ("zh-Hans", "冰鲜", [4], None),
    ("zh-Hans", "博鳌", [8, 14], None),
    ("zh-Hans", "石化", [12], None),
    # several words, with or without spaces
    ("zh-Hans", "保税维修", [6], None),
    ("zh-Hans", "保税 维修", [6], None),
    ("zh-Hans", "压缩 时间", [13, 15], None),
    ("zh-Hans", "压缩时间", [13, 15], None),
    ("zh-Hans", "月亮岛 实验室", [15], None),
    ("zh-Hans", "离岛免税 跨境电商", [7], None),
    # Latin terms, any case or width
    ("zh-Hans", "AEO", [15, 17], None),
    ("zh-Hans", "aeo", [15, 17], None),
    ("zh-Hans", "ＡＥＯ", [15, 17], None),
    ("zh-Hans", "OTC", [7], None),
    ("zh-Hans", "WCO", [15], None),
    # the other script on a Simplified page
    ("zh-Hans", "零關稅", [1, 2, 4], None),
    ("zh-Hans", "離島免稅", [3, 7], None),
    ("zh-Hans", "月亮島", [9, 15], None),
    # theme labels offer the theme page
    ("zh-Hans", "关税", [1, 2, 4], "tariff"),
    ("zh-Hans", "信用", [18], "credit"),
    ("zh-Hans", "物流", [4, 11], "logistics"),
    # Traditional pages
    ("zh-Hant", "零關稅", [1, 2, 4], None),
    ("zh-Hant", "零关税", [1, 2, 4], None),
    ("zh-Hant", "電商", [7], None),
    ("zh-Hant", "电商", [7], None),
    ("zh-Hant", "保稅維修", [6], None),
    ("zh-Hant", "保稅 維修", [6], None),
    ("zh-Hant", "居民", [4, 7], None),
    ("zh-Hant", "島內居民", [4, 7], None),
    ("zh-Hant", "AEO", [15, 17], None),
    ("zh-Hant", "月亮島", [9, 15], None),
    ("zh-Hant", "月亮岛", [9, 15], None),
    ("zh-Hant", "佈控", [13], None),
    ("zh-Hant", "布控", [13], None),
    ("zh-Hant", "農業", [10], "agriculture"),
    ("zh-Hant", "农业", [10], "agriculture"),
    ("zh-Hant", "壓縮 時間", [13, 15], None),
    # either quotation style, on either edition
    ("zh-Hant", "「零關稅」", [1, 2, 4], None),
    ("zh-Hant", "“零关税”", [1, 2, 4], None),
    ("zh-Hant", "“零關稅”", [1, 2, 4], None),
    ("zh-Hans", "“零关税”", [1, 2, 4], None),
    ("zh-Hans", "「零關稅」", [1, 2, 4], None),
    ("zh-Hant", "『零關稅』", [1], None),
    ("zh-Hans", "‘零关税’", [1], None),
    ("zh-Hans", "「新三樣」", [5], None),
    # words absent from the notice find nothing
    ("zh-Hans", "比特币", [], None),
    ("zh-Hans", "火星", [], None),
    ("zh-Hans", "blockchain", [], None),
    ("zh-Hans", "疫苗护照", [], None),
    ("zh-Hant", "足球", [], None),
    ("zh-Hant", "區塊鏈", [], None),
]

# (script, query, the sentence the first result must lead to)
SENTENCES = [
    ("zh-Hans", "居民", "measures/4/#c3"),
    ("zh-Hans", "AEO", "measures/17/#c1"),
    ("zh-Hans", "糟粕醋", "measures/10/#c4"),
    ("zh-Hant", "佈控", "zh-Hant/measures/13/#c3"),
    ("zh-Hant", "电商", "zh-Hant/measures/7/#c3"),  # 电商 twice in 7.3
]

HOME = {"zh-Hans": "/", "zh-Hant": "/zh-Hant/"}


@pytest.fixture(scope="module")
def search_pages(browser, server):
    """One tab per script, on its home page, with the search worker ready."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tabs = {}
    for language, path in HOME.items():
        tab = context.new_page()
        tab.goto(f"{server}{path}", wait_until="networkidle")
        tabs[language] = tab
    yield tabs
    context.close()


def site_path(url: str) -> str:
    parts = urlsplit(url)
    return unquote(parts.path) + (f"#{parts.fragment}" if parts.fragment else "")


def test_query_table(search_pages) -> None:
    failures = []
    passed = 0
    for language, query, measures, theme in QUERIES:
        results = run_query(search_pages[language], query)
        prefix = "/zh-Hant/" if language == "zh-Hant" else "/"
        pages = [site_path(r["page"]) for r in results]
        # every result in the page's own script
        wrong_script = [
            link
            for r in results
            for link in map(site_path, r["links"])
            if link.startswith("/zh-Hant/") != (language == "zh-Hant")
        ]
        top = pages[:5]
        found = [n for n in measures if f"{prefix}measures/{n}/" in top]
        ok = not wrong_script and found == measures
        if theme:
            ok = ok and f"{prefix}themes/{theme}/" in top
        if not measures and not theme:
            ok = ok and results == []
        if ok:
            passed += 1
        else:
            failures.append((language, query, measures, theme, pages[:6], wrong_script[:3]))
    print(f"\nsearch recall: {passed}/{len(QUERIES)} queries = {passed / len(QUERIES):.0%}")
    assert len(QUERIES) >= 40
    assert failures == []


@pytest.mark.parametrize(("language", "query", "target"), SENTENCES)
def test_results_lead_to_the_sentence(search_pages, language, query, target) -> None:
    results = run_query(search_pages[language], query)
    # the first measure among the results (a theme page may come first for a theme word)
    first = next(r for r in results if re.search(r"/measures/\d+/", r["page"]))
    sections = [site_path(link) for link in first["links"] if "#" in link]
    assert sections and sections[0] == f"/{target}"
    number, k = re.search(r"measures/(\d+)/#c(\d+)", target).groups()
    assert first["sections"][0] == f"{number}.{k}"
    assert first["marks"], "the matching text is highlighted"


def test_result_opens_the_sentence(search_pages, server) -> None:
    tab = search_pages["zh-Hans"]
    run_query(tab, "糟粕醋")
    tab.locator("li.md-search-result__item a.md-search-result__link[href*='#c4']").first.click()
    tab.wait_for_url(re.compile(r".*/measures/10/.*#c4$"))
    assert tab.locator("#c4").evaluate("el => el.matches(':target')")
    tab.goto(f"{server}/", wait_until="networkidle")


def test_one_index_per_script(site: Path) -> None:
    for language, folder in (("zh-Hans", site), ("zh-Hant", site / "zh-Hant")):
        index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [language]
        other = "zh-Hant/" if language == "zh-Hans" else None
        for doc in index["docs"]:
            assert not doc["location"].startswith(("/", "zh-Hant/", "http"))
            if other:
                assert other not in doc["location"]
        texts = " ".join(d["title"] + d["text"] for d in index["docs"])
        if language == "zh-Hans":
            assert "零关税" in texts and "零關稅" not in texts
        else:
            assert "零關稅" in texts and "零关税" not in texts


def test_pages_load_their_own_scripts_index(site: Path) -> None:
    for path, base in (
        ("measures/13/index.html", '"base": "../.."'),
        ("zh-Hant/measures/13/index.html", '"base": "../../../zh-Hant/"'),
        ("zh-Hant/index.html", '"base": "../zh-Hant/"'),
    ):
        html = (site / path).read_text(encoding="utf-8")
        assert base in html
        assert "search-worker.js" in html


def test_segmentation_is_on_and_knows_both_scripts(site: Path) -> None:
    """jieba missing, or our dictionary not loaded, would show here (no U+200B, bad cuts)."""
    for language, folder, words in (
        ("zh-Hans", site, ["保税", "保税维修", "跨境电商", "自贸港", "口岸", "冰鲜"]),
        ("zh-Hant", site / "zh-Hant", ["保稅", "保稅維修", "跨境電商", "自貿港", "口岸", "冰鮮"]),
    ):
        index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        segmented = [w for d in index["docs"] for w in d["words"].split("\u200b")]
        assert "\u200b" in index["docs"][0]["words"]
        for word in words:
            assert word in segmented, (language, word)
        # the Traditional text is cut like the Simplified one: same number of words per clause
    hans = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hant = json.loads(
        (site / "zh-Hant" / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    same = sum(
        len(a["words"].split("\u200b")) == len(b["words"].split("\u200b"))
        for a, b in zip(hans["docs"], hant["docs"], strict=True)
    )
    assert same / len(hans["docs"]) > 0.95


def test_index_size(site: Path) -> None:
    for folder in (site, site / "zh-Hant"):
        size = (folder / "search" / "search_index.json").stat().st_size
        print(f"\nsearch index {folder.name}: {size:,} bytes")
        assert size < 200_000
