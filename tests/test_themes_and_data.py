"""Theme pages, the measures index, cross-links, open data and metadata, in the real build."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from support.notices import COUNT, NUMBERS
from support.pages import Elements
from support.project import ROOT, SITE_URL

from notice_site.model.numerals import chinese_numeral
from notice_site.render.site import load_editions

EDITIONS = load_editions(ROOT / "data")
PREFIX = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", PREFIX)
def test_theme_pages_list_their_measures_in_order(site: Path, language: str) -> None:
    notice = EDITIONS[language].notice
    for theme in notice.themes:
        path = f"{PREFIX[language]}themes/{theme.slug}/"
        page = html(site, path)
        doc = Elements(page)
        assert doc.text_by_id["tm-title"] == theme.label
        assert f'<p class="tm-theme__description">{theme.description}</p>' in page
        links = [
            a["href"]
            for a in doc.find("a")
            if re.fullmatch(r"\.\./\.\./measures/\d+/", a.get("href") or "")
        ]
        expected = [m.number for m in notice.measures if theme.slug in m.themes]
        assert links == [f"../../measures/{n}/" for n in expected]
        assert expected == sorted(expected)
        for n in expected:
            m = notice.measure(n)
            assert f"{chinese_numeral(n)}、</span>{m.title}</a>" in page


@pytest.mark.parametrize("language", PREFIX)
def test_themes_overview_counts(site: Path, language: str) -> None:
    edition = EDITIONS[language]
    page = html(site, f"{PREFIX[language]}themes/")
    for theme in edition.notice.themes:
        count = len(edition.notice.measures_of(theme.slug))
        assert f'<a class="tm-theme-list__link" href="{theme.slug}/">{theme.label}</a>' in page
        label = edition.ui["measure_count"].format(count=count)
        assert re.search(
            rf'data-theme="{theme.slug}">\s*<a[^>]*>[^<]*</a>\s*<span class="tm-theme-list__count">{label}</span>',
            page,
        )


@pytest.mark.parametrize("language", PREFIX)
def test_chips_on_measure_pages_link_to_theme_pages(site: Path, language: str) -> None:
    notice = EDITIONS[language].notice
    for m in notice.measures:
        page = html(site, f"{PREFIX[language]}measures/{m.number}/")
        for slug in m.themes:
            label = notice.theme(slug).label
            assert (
                f'<li class="tm-chip" data-theme="{slug}"><a href="../../themes/{slug}/">{label}</a></li>'
                in page
            )


@pytest.mark.parametrize("language", PREFIX)
def test_relations_shown_on_both_pages_and_shared_themes_separately(
    site: Path, language: str
) -> None:
    notice = EDITIONS[language].notice
    for m in notice.measures:
        page = html(site, f"{PREFIX[language]}measures/{m.number}/")
        related = re.search(r'<section class="tm-related" .*?</section>', page, re.S)
        same = re.search(r'<section class="tm-related tm-related--theme" .*?</section>', page, re.S)
        related_links = re.findall(r'href="\.\./(\d+)/"', related.group()) if related else []
        same_links = re.findall(r'href="\.\./(\d+)/"', same.group()) if same else []
        for other in m.related:  # listed on m's side in the data: shown on both pages
            assert str(other) in related_links
            other_page = html(site, f"{PREFIX[language]}measures/{other}/")
            other_related = re.search(
                r'<section class="tm-related" .*?</section>', other_page, re.S
            )
            assert f'href="../{m.number}/"' in other_related.group()
        sharing = [
            o.number
            for o in notice.measures
            if o.number != m.number and set(o.themes) & set(m.themes)
        ]
        assert sorted(map(int, related_links + same_links)) == sorted(
            set(sharing) | set(notice.related_to(m.number))
        )
        assert not set(related_links) & set(same_links)


def test_same_theme_list_is_limited_to_the_nearest_measures() -> None:
    """A notice of hundreds of measures: a page lists the 12 nearest sharing a theme, not ~30%."""
    import dataclasses

    from notice_site.render.pages import SAME_THEME_LIMIT, Pages

    real = EDITIONS["zh-Hans"].notice
    measures = tuple(
        dataclasses.replace(
            real.measures[(n - 1) % COUNT], number=n, themes=("tariff",), related=()
        )
        for n in range(1, 201)
    )
    notice = dataclasses.replace(real, children=measures)
    pages = Pages(notice, EDITIONS["zh-Hans"].ui, "zh-Hans", SITE_URL)
    for number, expected in [(1, range(2, 14)), (100, [*range(94, 100), *range(101, 107)])]:
        page = pages.measure(notice.measure(number))
        front = json.loads(page.split("\n")[1])
        shown = [link["number"] for link in front["tm"]["same_theme"]]
        assert len(shown) == SAME_THEME_LIMIT
        assert shown == [str(n) for n in expected]  # the measures' addresses


@pytest.mark.parametrize("language", PREFIX)
def test_measures_index_table(site: Path, language: str) -> None:
    notice = EDITIONS[language].notice
    page = html(site, f"{PREFIX[language]}measures/")
    rows = re.findall(
        r'<tr class="tm-index__row" id="m(\d+)" data-themes="([^"]*)">(.*?)</tr>', page, re.S
    )
    assert [int(n) for n, _, _ in rows] == list(NUMBERS)
    for (_, themes, cells), m in zip(rows, notice.measures, strict=True):
        assert themes.split() == list(m.themes)
        assert f'<a href="{m.number}/">{m.title}</a>' in cells
        for slug in m.themes:
            assert f'href="../themes/{slug}/"' in cells
    # the filter is for JavaScript only; without it every row shows
    assert re.search(r'<div class="tm-filter"[^>]* hidden>', page)
    assert " hidden" not in "".join(cells for _, _, cells in rows)


@pytest.mark.parametrize("language", PREFIX)
def test_open_data_json_validates_and_holds_everything(site: Path, language: str) -> None:
    schema = json.loads((site / "measures.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / PREFIX[language] / "measures.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    notice = EDITIONS[language].notice
    root = f"{SITE_URL}{PREFIX[language]}"
    assert data["language"] == language
    assert data["$schema"] == f"{SITE_URL}measures.schema.json"
    assert data["document"]["title"] == notice.document.title
    assert data["document"]["preamble"] == list(notice.document.preamble)
    assert [t["slug"] for t in data["themes"]] == [t.slug for t in notice.themes]
    for item, m in zip(data["measures"], notice.measures, strict=True):
        assert item["title"] == m.title
        assert item["url"] == f"{root}measures/{m.number}/"
        assert item["related"] == list(notice.related_to(m.number))
        assert [c["text"] for c in item["clauses"]] == list(m.clauses)
        assert [c["url"] for c in item["clauses"]] == [
            f"{root}measures/{m.number}/#c{k}" for k in range(1, len(m.clauses) + 1)
        ]
    # and a broken file does not validate
    data["measures"][0]["clauses"][0]["ref"] = "1-1"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("language", PREFIX)
def test_open_data_csv(site: Path, language: str) -> None:
    raw = (site / PREFIX[language] / "measures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    notice = EDITIONS[language].notice
    expected = [(m, k, c) for m in notice.measures for k, c in enumerate(m.clauses, 1)]
    assert len(rows) == len(expected) == 60
    for row, (m, k, text) in zip(rows, expected, strict=True):
        assert row == {
            "measure": str(m.number),
            "clause": str(k),
            "ref": f"{m.number}.{k}",
            "title": m.title,
            "themes": " ".join(m.themes),
            "text": text,
            "url": f"{SITE_URL}{PREFIX[language]}measures/{m.number}/#c{k}",
        }


def test_open_data_is_documented(site: Path) -> None:
    for language, prefix in PREFIX.items():
        page = html(site, f"{prefix}about/")
        doc = Elements(page)
        hrefs = [a["href"] for a in doc.find("a")]
        assert "../measures.json" in hrefs and "../measures.csv" in hrefs
        assert any(h.endswith("measures.schema.json") for h in hrefs)
        assert EDITIONS[language].ui["open_data"] in page


def test_sitemap_has_both_scripts_with_alternates(site: Path) -> None:
    """The merged sitemap of the side-by-side build: every page of both scripts once,
    Simplified first as a one-process build writes them, each with both alternates, and its
    gzip the same text."""
    import gzip

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    locs = [re.search(r"<loc>(.*?)</loc>", e).group(1) for e in entries]
    assert f"{SITE_URL}measures/13/" in locs
    assert f"{SITE_URL}zh-Hant/measures/13/" in locs
    # per script: home, the index, each measure, the themes page and each theme, about
    pages = 1 + 1 + COUNT + 1 + len(EDITIONS["zh-Hans"].notice.themes) + 1
    assert len(locs) == len(set(locs)) == 2 * pages
    first_hant = next(i for i, loc in enumerate(locs) if "/zh-Hant/" in loc)
    assert first_hant == pages and all("/zh-Hant/" in loc for loc in locs[first_hant:])
    for entry in entries:
        alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        assert set(alternates) == {"zh-Hans", "zh-Hant"}
        assert alternates["zh-Hant"] == alternates["zh-Hans"].replace(
            SITE_URL, f"{SITE_URL}zh-Hant/"
        )
    assert "<lastmod>" not in sitemap


@pytest.mark.parametrize("language", PREFIX)
def test_canonical_description_and_open_graph(site: Path, language: str) -> None:
    m = EDITIONS[language].notice.measure(13)
    path = f"{PREFIX[language]}measures/13/"
    doc = Elements(html(site, path))
    assert doc.find("link", rel="canonical", href=f"{SITE_URL}{path}")
    assert doc.find("meta", name="description", content=m.clauses[0])
    assert doc.find("meta", property="og:title", content=f"十三、{m.title}")
    assert doc.find("meta", property="og:description", content=m.clauses[0])
    assert doc.find("meta", property="og:url", content=f"{SITE_URL}{path}")
    locale = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW"}[language]
    assert doc.find("meta", property="og:locale", content=locale)


def test_navigation_is_explicit(site: Path) -> None:
    for language, prefix in PREFIX.items():
        page = html(site, f"{prefix}measures/5/")
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', page, re.S).group()
        labels = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav)
        expected = ["首页", "措施一览", "按主题浏览", "关于本文件"]
        if language == "zh-Hant":
            expected = ["首頁", "措施一覽", "依主題瀏覽", "關於本文件"]
        assert labels == expected
        # measure pages are not in the sidebar: it stays small as measures grow
        assert "推动" not in nav and "推動" not in nav
