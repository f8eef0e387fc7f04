"""The Traditional edition reads as if written for Taiwan and Hong Kong, in the built site.

Typography: 「」『』 for quotation marks and ： between Chinese characters in every
zh-Hant page, title, PDF, search index, JSON and CSV. Wording: outside the notice's
own text, no Simplified character and none of the mainland words a reader there
would notice, in our strings and in Material's. The Simplified edition keeps the
source's marks.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import opencc
import pypdf
import pytest
from support.notices import REAL
from support.project import ROOT

from notice_site.model.urls import booklet_filename, measure_filename
from notice_site.render.site import load_editions
from notice_site.render.ui import STRINGS, TRADITIONAL, untranslated

EDITIONS = load_editions(ROOT / "data")
HANT = EDITIONS["zh-Hant"]
MAINLAND_QUOTES = "“”‘’"
# Words a reader in Taiwan or Hong Kong takes for mainland usage, as s2tw writes them
# (the list: our strings, and Material's zh-Hant file).
MAINLAND_WORDS = (
    "鏈接",
    "開放數據",
    "數據",
    "信息",
    "打開",
    "單元格",
    "表格軟件",
    "軟件",
    "壓縮包",
    "解壓後",
    "不聯網",
    "二維碼",
    "按主題",
    "措施翻頁",
    "頁脚",
    "跳轉",
    "導航",
    "拷貝",
    "鍵入",
    "檢索",
    "清空",
    "缺失",
)
# The language switcher names each edition in its own script: 简体中文 is the Simplified one.
OWN_NAMES = ("简体中文",)
# What the page shows besides text: titles, labels, placeholders, strings our scripts show.
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "content", "value"}


class _Shown(HTMLParser):
    """The text a reader sees or hears: text nodes, labels, and Material's translations."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._script: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in {"script", "style"}:
            self._script = attributes.get("id") or ""
        for name, value in attrs:
            if value and (name in SHOWN_ATTRIBUTES or name.startswith("data-")):
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is None:
            self.parts.append(data)
        elif self._script == "__config":  # Material's strings for its search box
            self.parts.extend(json.loads(data)["translations"].values())


def notice_texts() -> list[str]:
    """Every text of the notice itself in Traditional, longest first."""
    n = HANT.notice
    texts = n.document.texts() + [x for t in n.themes for x in (t.label, t.description)]
    texts += [x for m in n.measures for x in (m.title, *m.clauses)]
    return sorted(texts, key=len, reverse=True)


def outside_the_notice(text: str) -> str:
    for piece in [*notice_texts(), *OWN_NAMES]:
        text = text.replace(piece, "")
    return re.sub(r"https?://\S+", "", text)


def zh_hant_files(site: Path, *suffixes: str) -> list[Path]:
    files = sorted(p for p in (site / "zh-Hant").rglob("*") if p.suffix in suffixes)
    assert files, suffixes
    return files


def test_every_zh_hant_file_quotes_with_corner_brackets(site: Path) -> None:
    found = []
    for path in zh_hant_files(site, ".html", ".json", ".csv"):
        text = path.read_text(encoding="utf-8")
        if path.name == "search_index.json":
            # its documents; its fold table maps 「 onto “ on purpose (either style finds)
            text = json.dumps(json.loads(text)["docs"], ensure_ascii=False)
        found += [f"{path.relative_to(site)}: {m}" for m in MAINLAND_QUOTES if m in text]
    assert found == []
    data = json.loads((site / "zh-Hant" / "measures.json").read_text(encoding="utf-8"))
    hans = (site / "measures.json").read_text(encoding="utf-8")
    dumped = json.dumps(data, ensure_ascii=False)
    assert dumped.count("「") == hans.count("“") > 30
    assert dumped.count("『") == hans.count("‘") == 1  # measure 1.4, nested
    title = (site / "zh-Hant" / "measures" / "1" / "index.html").read_text(encoding="utf-8")
    assert "<title>一、推動「零關稅」政策擴容增效 - 二十條措施</title>" in title


def test_simplified_edition_keeps_the_sources_marks(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "附件:海口海关进一步优化口岸营商环境" in home
    page = (site / "measures" / "1" / "index.html").read_text(encoding="utf-8")
    assert "优化完善“‘零关税’+展销”新业态" in page
    assert "「" not in (site / "measures.json").read_text(encoding="utf-8")


def test_colon_between_chinese_words(site: Path) -> None:
    home = (site / "zh-Hant" / "index.html").read_text(encoding="utf-8")
    assert "附件：海口海關進一步優化口岸營商環境" in home
    assert not re.search(r"[\u4e00-\u9fff]:[\u4e00-\u9fff]", home)


@pytest.mark.parametrize("name", [booklet_filename(REAL.document.slug, "zh-Hant"), "single"])
def test_zh_hant_pdfs_quote_with_corner_brackets(site: Path, name: str) -> None:
    path = site / "downloads" / (measure_filename("zh-Hant", 1) if name == "single" else name)
    reader = pypdf.PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    assert not [m for m in MAINLAND_QUOTES if m in text]
    assert "「零關稅」" in text and "『零關稅』" in text
    if name == "single":
        assert str(reader.metadata.title).startswith("一、推動「零關稅」政策擴容增效")


def test_no_simplified_character_or_mainland_word_outside_the_notice(site: Path) -> None:
    convert = opencc.OpenCC("s2tw")
    found = []
    for path in zh_hant_files(site, ".html"):
        text = outside_the_notice("\n".join(_Shown(path.read_text(encoding="utf-8")).parts))
        shown = path.relative_to(site)
        found += [f"{shown}: {ch}" for ch in sorted(set(text)) if convert.convert(ch) != ch]
        found += [f"{shown}: {word}" for word in MAINLAND_WORDS if word in text]
    index = json.loads((site / "zh-Hant/search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        text = outside_the_notice(f"{doc['title']}\n{doc['text']}")
        found += [f"search {doc['location']}: {w}" for w in MAINLAND_WORDS if w in text]
    assert found == []


def test_our_strings_have_reviewed_traditional_wording() -> None:
    """Every one of our strings is in the reviewed table: none falls back to the converter."""
    assert untranslated("zh-Hant") == [], "not reviewed for zh-Hant: " + ", ".join(
        untranslated("zh-Hant")
    )
    assert set(TRADITIONAL) == set(STRINGS)
    for key, text in TRADITIONAL.items():
        assert re.findall(r"\{\w+\}", text) == re.findall(r"\{\w+\}", STRINGS[key]), key
        assert not [w for w in MAINLAND_WORDS if w in text], key
    assert HANT.ui["copy_link"] == "複製連結"
    assert HANT.ui["open_data"] == "開放資料"


def test_nav_labels_follow_the_table(site: Path) -> None:
    page = (site / "zh-Hant" / "index.html").read_text(encoding="utf-8")
    for key in ("home", "measures_index", "themes_title", "about"):
        assert f"{TRADITIONAL[key]}\n" in page or f">{TRADITIONAL[key]}<" in page, key
    assert "依主題瀏覽" in page and "按主題瀏覽" not in page


@pytest.mark.parametrize(
    ("prefix", "title", "description"),
    [
        ("", "找不到这个页面", "海口海关进一步优化口岸营商环境"),
        ("zh-Hant/", "找不到這個頁面", "海口海關進一步優化口岸營商環境"),
    ],
)
def test_404_pages_in_their_own_script(site: Path, prefix: str, title: str, description: str):
    html = (site / prefix / "404.html").read_text(encoding="utf-8")
    assert f'<h1 id="tm-title">{title}</h1>' in html
    assert f'<meta name="description" content="{description}' in html
    assert "Not found" not in html
    assert f'lang="{"zh-Hant" if prefix else "zh-Hans"}"' in html


def test_about_page_says_what_the_traditional_edition_changes(site: Path) -> None:
    about = (site / "zh-Hant" / "about" / "index.html").read_text(encoding="utf-8")
    assert "只改字形和標點（引號寫作「」『』），從不改動措辭" in about
