"""A library's own pages stay small as it grows: a long list (the home page's, an issuer's,
a theme's) shows its newest notices and links a page per year that lists every notice of the
year, so every notice is reachable from the home page by plain links; the feed holds the
newest entries; /sitemap.xml is an index of the library's own sitemap and each notice's.

In process, over notices made in memory from the sample notice (each with its own slug,
issuer, date and status), with the thresholds made small (library.pages.LONG, NEWEST): the
real build of a small library is checked in test_library.py."""

from __future__ import annotations

import gzip
import json
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
from support.notices import sample_notice

from notice_site.library import pages
from notice_site.library.listed import Listed
from notice_site.model import languages
from notice_site.model.urls import page_path
from notice_site.render.site import Edition, load_editions

SITE_URL = "https://example.org/library/"
# Three issuers, their names in each script (the Simplified one is their page's address).
ISSUERS = [
    ("示例市海关", "示例市海關"),
    ("示例市商务局", "示例市商務局"),
    ("示例市财政局", "示例市財政局"),
]


class _Site:
    name = "样例政策文件库"
    owner = "样例海关"
    was_at_root = ""
    identity = None


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, Edition]:
    return load_editions(sample_notice(tmp_path_factory.mktemp("lists") / "sample"))


def made(sample: dict[str, Edition], count: int) -> list[dict[str, Edition]]:
    """`count` notices: the sample's text under slugs n0, n1…, dated in 2020–2024 (every
    eleventh undated), one of ISSUERS each, every seventh repealed."""
    notices = []
    for k in range(count):
        date = "" if k % 11 == 5 else f"{2020 + k % 5}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        editions = {}
        for language, edition in sample.items():
            d = edition.notice.document
            issuer = ISSUERS[k % 3][language != languages.DEFAULT_LANGUAGE]
            document = replace(
                d,
                slug=f"n{k}",
                title=f"{d.title}（第{k}号）",
                issuer=issuer,
                date=date,
                published="",
                effective="",
                status="repealed" if k % 7 == 3 else "in_force",
            )
            editions[language] = replace(edition, notice=replace(edition.notice, document=document))
        notices.append(editions)
    return notices


def listed(notices: list[dict[str, Edition]]) -> list[dict[str, Listed]]:
    """The notices as the library's pages list them."""
    return [{lang: Listed.of(e) for lang, e in editions.items()} for editions in notices]


def front(text: str) -> dict:
    """A page source's front matter (templating.front_matter: one line of JSON)."""
    return json.loads(text.split("\n")[1])


def built(notices: list[dict[str, Edition]]) -> dict[str, dict]:
    """Every own page of the library, by its path from the site's root (zh-Hant/… for the
    Traditional), as the front matter its template reads."""
    return {
        languages.of(language).prefix + page_path(source): front(text)
        for language, found in pages.sources(_Site(), listed(notices)).items()
        for source, text in found.items()
    }


def follow(here: str, href: str) -> str:
    """The path from the site's root a link on the page at `here` leads to (a folder: /)."""
    target = posixpath.normpath(posixpath.join(here, unquote(href)))
    return "" if target == "." else f"{target}/"


def notice_of(path: str) -> str:
    """The slug of a notice's home page, n3/ or n3/zh-Hant/."""
    return path.split("/")[0]


def newest_first(notices: list[dict[str, Edition]]) -> list[str]:
    """The slugs in the order a list shows them: in force first, then by date, newest first
    (undated last), then as the site lists them (a stable sort keeps that order)."""
    documents = [e[languages.DEFAULT_LANGUAGE].notice.document for e in notices]
    by_date = sorted(documents, key=lambda d: d.when, reverse=True)
    return [d.slug for d in by_date if d.in_force] + [d.slug for d in by_date if not d.in_force]


@pytest.fixture
def small_lists(monkeypatch) -> None:
    """A list of more than 10 notices is long; the first 4 are shown."""
    monkeypatch.setattr(pages, "LONG", 10)
    monkeypatch.setattr(pages, "NEWEST", 4)


def test_a_long_home_page_shows_the_newest_and_links_every_year(sample, small_lists) -> None:
    notices = made(sample, 30)
    site = built(notices)
    slugs = newest_first(notices)
    for prefix in ("", "zh-Hant/"):
        home = site[prefix]["tm"]
        assert [r["slug"] for r in home["rows"]] == slugs[:4], prefix
        assert home["newest"] and "30" in home["newest"]
        # the filters count the rows shown
        assert home["filters"][0]["choices"][0]["count"] == 4
        years, issuers = home["browse"]
        assert [link["label"] for link in years["links"]] == [
            *(f"{y} 年" for y in range(2024, 2019, -1)),
            "未标明日期" if not prefix else "未標明日期",
        ]
        assert sum(link["count"] for link in years["links"]) == 30
        assert [link["label"] for link in issuers["links"]] == [
            names[bool(prefix)] for names in ISSUERS
        ]


def test_every_notice_is_reachable_from_the_home_page_by_plain_links(sample, small_lists) -> None:
    """From the home page, its links to each year's and issuer's page (each a page of the
    build, its back link leading home), and from those the notices: every notice, once per
    year page, each year page listing exactly its year's notices."""
    notices = made(sample, 30)
    site = built(notices)
    documents = {d.slug: d for d in (e["zh-Hans"].notice.document for e in notices)}
    for prefix in ("", "zh-Hant/"):
        reached: list[str] = []
        years, issuers = site[prefix]["tm"]["browse"]
        for link in years["links"]:
            path = follow(prefix, link["href"])
            page = site[path]
            assert page["title"] and page["tm"]["name"] == page["title"]
            assert follow(path, page["tm"]["back"]["href"]) == prefix
            listed = [notice_of(follow(path, r["href"])) for r in page["tm"]["rows"]]
            year = path.removeprefix(prefix).split("/")[1]
            expected = {s for s, d in documents.items() if (d.when[:4] or "undated") == year}
            assert sorted(listed) == sorted(expected), path
            assert all(
                follow(path, r["href"]) == f"{r['slug']}/{prefix}" for r in page["tm"]["rows"]
            )
            # the year shown is marked; the links of every list page resolve
            assert [x["current"] for x in page["tm"]["browse"][0]["links"]].count(True) == 1
            for group in page["tm"]["browse"]:
                assert all(follow(path, x["href"]) in site for x in group["links"])
            reached += listed
        assert sorted(reached) == sorted(documents), prefix
        for link in issuers["links"]:
            path = follow(prefix, link["href"])
            assert path.startswith(f"{prefix}issuers/")
            page = site[path]
            issuer = unquote(path.split("/")[-2])
            of = [s for s in newest_first(notices) if documents[s].issuer == issuer]
            assert len(of) == 10 == link["count"]
            assert [r["slug"] for r in page["tm"]["rows"]] == of, path
    # the issuer's page is at its Simplified name in both scripts, percent-encoded in links
    assert "issuers/示例市海关/" in site and "zh-Hant/issuers/示例市海关/" in site
    assert site[""]["tm"]["browse"][1]["links"][0]["href"] == (
        "issuers/%E7%A4%BA%E4%BE%8B%E5%B8%82%E6%B5%B7%E5%85%B3/"
    )
    # (the sample's issuer is the first: the second's name is not the sample's)
    assert site["zh-Hant/issuers/示例市商务局/"]["title"] == "示例市商務局的文件"
    assert site["issuers/示例市商务局/"]["tm"]["name"] == "示例市商务局的文件"


def test_a_long_issuer_page_shows_its_newest(sample, small_lists) -> None:
    notices = made(sample, 45)  # 15 notices each
    site = built(notices)
    page = site["issuers/示例市商务局/"]["tm"]
    of = [s for s in newest_first(notices) if int(s[1:]) % 3 == 1]
    assert [r["slug"] for r in page["rows"]] == of[:4]
    assert "15" in page["newest"]


def test_a_short_library_lists_every_notice_and_its_themes_have_no_year_pages(sample) -> None:
    notices = made(sample, 12)
    site = built(notices)
    assert [r["slug"] for r in site[""]["tm"]["rows"]] == newest_first(notices)
    assert site[""]["tm"]["newest"] == ""
    themes = [p.removeprefix("zh-Hant/") for p in site if "themes/" in p]
    assert themes and all(p.count("/") <= 2 for p in themes)
    theme = site["themes/duty/"]["tm"]
    assert theme["years"] == [] and theme["newest"] == ""
    assert len(theme["in_force"]) + len(theme["gone"]) == 12
    # every year and issuer has its page whatever the library's size (permanent URLs)
    assert {p for p in site if p.startswith("years/")} == {
        *(f"years/{y}/" for y in range(2020, 2025)),
        "years/undated/",
    }


def test_a_long_theme_page_shows_the_newest_and_links_its_years(sample, small_lists) -> None:
    notices = made(sample, 30)
    site = built(notices)
    documents = {d.slug: d for d in (e["zh-Hans"].notice.document for e in notices)}
    for prefix in ("", "zh-Hant/"):
        here = f"{prefix}themes/duty/"
        theme = site[here]["tm"]
        groups = theme["in_force"] + theme["gone"]
        assert [notice_of(follow(here, g["href"])) for g in groups] == newest_first(notices)[:4]
        assert theme["newest"]
        assert follow(here, theme["back"]["href"]) == f"{prefix}themes/"
        reached = []
        for link in theme["years"]:
            path = follow(here, link["href"])
            year = site[path]["tm"]
            assert follow(path, year["back"]["href"]) == here
            listed = [notice_of(follow(path, g["href"])) for g in year["in_force"] + year["gone"]]
            assert len(listed) == link["count"]
            assert {(documents[s].when[:4] or "undated") for s in listed} == {path.split("/")[-2]}
            # each group's measures lead to the notice's measure pages
            for g in year["in_force"] + year["gone"]:
                assert all("/measures/" in follow(path, m["href"]) for m in g["measures"])
            reached += listed
        assert sorted(reached) == sorted(documents), prefix


def test_items_are_cut_into_pages_by_number_and_weight() -> None:
    """A page holds at most `most` items weighing at most `budget`; an item heavier than the
    budget is alone on its page; no list is no page."""
    assert pages.parts([1] * 7, 100, 3) == [range(0, 3), range(3, 6), range(6, 7)]
    assert pages.parts([5, 1, 1, 9, 1], 6, 10) == [
        range(0, 2),
        range(2, 3),
        range(3, 4),
        range(4, 5),
    ]
    assert pages.parts([], 6, 10) == [range(0, 0)]


def pages_of(site: dict[str, dict], first: str) -> list[str]:
    """The paths of the pages a list is cut into, from its first page's line of page links
    (checking that each page's line marks that page, and leads back to the first)."""
    found = [first]
    line = site[first]["tm"]["pages"]
    if line:
        found = [follow(first, link["href"]) for link in line[0]["links"]]
        assert found[0] == first
        for k, path in enumerate(found):
            links = site[path]["tm"]["pages"][0]["links"]
            assert [link["current"] for link in links] == [j == k for j in range(len(found))]
            assert follow(path, links[0]["href"]) == first
    return found


def test_a_long_year_is_cut_into_linked_pages(sample, small_lists, monkeypatch) -> None:
    """A year of more than PAGE notices is listed on pages of PAGE (/years/2020/2/, …) that
    link each other, titled apart, each notice of the year on one of them, in the order of a
    list; the home page links the first."""
    monkeypatch.setattr(pages, "PAGE", 2)
    notices = made(sample, 30)
    site = built(notices)
    documents = {d.slug: d for d in (e["zh-Hans"].notice.document for e in notices)}
    order = newest_first(notices)
    for prefix in ("", "zh-Hant/"):
        years = site[prefix]["tm"]["browse"][0]["links"]
        for link in years:
            first = follow(prefix, link["href"])
            year = first.removeprefix(prefix).split("/")[1]
            paths = pages_of(site, first)
            listed = []
            for path in paths:
                rows = site[path]["tm"]["rows"]
                assert 1 <= len(rows) <= 2, path
                listed += [notice_of(follow(path, r["href"])) for r in rows]
            expected = [s for s in order if (documents[s].when[:4] or "undated") == year]
            assert listed == expected, first
            assert len(paths) == -(-len(expected) // 2) == len({site[p]["title"] for p in paths})
            assert [x["count"] for x in site[first]["tm"]["pages"][0]["links"]] == [
                len(site[p]["tm"]["rows"]) for p in paths
            ]
            if len(paths) > 1:
                assert paths[1] == f"{first}2/"
                assert site[paths[1]]["title"].endswith(
                    "（第 2 页）" if not prefix else "（第 2 頁）"
                )


def test_a_theme_s_pages_hold_a_bounded_number_of_measures(sample, monkeypatch) -> None:
    """A theme whose measures are more than a page lists (PAGE_MEASURES) shows its newest on
    its page, at most that many, and links its years' pages, each cut where its measures
    are more: every notice with the theme on one page of its year, its measures whole."""
    per = len(sample["zh-Hans"].notice.measures_of("duty"))
    assert per >= 1
    monkeypatch.setattr(pages, "PAGE_MEASURES", 2 * per)
    notices = made(sample, 30)  # not LONG: the number of measures makes the theme long
    site = built(notices)
    documents = {d.slug: d for d in (e["zh-Hans"].notice.document for e in notices)}
    order = newest_first(notices)
    for prefix in ("", "zh-Hant/"):
        here = f"{prefix}themes/duty/"
        theme = site[here]["tm"]
        groups = theme["in_force"] + theme["gone"]
        assert [notice_of(follow(here, g["href"])) for g in groups] == order[:2]
        assert theme["newest"] and theme["years"]
        reached = []
        for link in theme["years"]:
            first = follow(here, link["href"])
            for path in pages_of(site, first):
                page = site[path]["tm"]
                shown = page["in_force"] + page["gone"]
                assert sum(len(g["measures"]) for g in shown) <= 2 * per, path
                assert all(len(g["measures"]) == per for g in shown)
                reached += [notice_of(follow(path, g["href"])) for g in shown]
        assert sorted(reached) == sorted(documents), prefix


def test_the_feed_holds_the_newest_entries(sample) -> None:
    notices = made(sample, pages.FEED_ENTRIES + 20)
    feed = ET.fromstring(pages.feed_xml(_Site(), listed(notices), SITE_URL))  # noqa: S314
    atom = "{http://www.w3.org/2005/Atom}"
    updated = [e.findtext(f"{atom}updated") for e in feed.findall(f"{atom}entry")]
    assert len(updated) == pages.FEED_ENTRIES == 50
    dates = sorted((e["zh-Hans"].notice.document.when for e in notices), reverse=True)
    assert [u[:10] for u in updated] == dates[: pages.FEED_ENTRIES]


def test_the_sitemap_is_an_index_of_the_library_and_each_notice(sample, tmp_path: Path) -> None:
    """write_library_files: MkDocs' sitemap of the library's own pages moves to
    /sitemap-library.xml, and /sitemap.xml lists it and every notice's /<slug>/sitemap.xml
    (sitemaps.org's index); each gzipped beside it, with MkDocs' time in its header."""
    from notice_site.building.library_files import write_library_files
    from notice_site.building.sides import write_gzipped

    notices = made(sample, 3)
    own = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset>…</urlset>\n'
    write_gzipped(tmp_path / "sitemap.xml", own, 1767225600)
    write_library_files(_Site(), listed(notices), tmp_path, SITE_URL)
    index = ET.parse(tmp_path / "sitemap.xml").getroot()  # noqa: S314 (our own)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert index.tag == f"{ns}sitemapindex"
    assert [s.findtext(f"{ns}loc") for s in index] == [
        f"{SITE_URL}sitemap-library.xml",
        *(f"{SITE_URL}n{k}/sitemap.xml" for k in range(3)),
    ]
    assert (tmp_path / "sitemap-library.xml").read_text(encoding="utf-8") == own
    for name in ("sitemap.xml", "sitemap-library.xml"):
        gz = (tmp_path / f"{name}.gz").read_bytes()
        assert gzip.decompress(gz) == (tmp_path / name).read_bytes(), name
        assert gz[4:8] == (1767225600).to_bytes(4, "little"), name


# The interface strings the library's pages of lists added (render/ui.py).
LIST_STRINGS = (
    "library_year",
    "library_undated",
    "library_year_title",
    "library_undated_title",
    "library_issuer_title",
    "library_list_intro",
    "library_by_year",
    "library_by_issuer",
    "library_newest",
    "library_theme_newest",
    "library_pages",
    "library_page",
)


def test_the_strings_of_the_lists_leave_a_notice_s_search_unchanged(sample) -> None:
    """Every interface string's conversion goes into each notice's search folding table
    (search.fold_table: Traditional character → Simplified): the strings of the library's
    lists add no pair the others do not give, so the search index of a site of one notice,
    and so its output, is what it was before them."""
    from notice_site.render.convert import Converter
    from notice_site.render.ui import STRINGS

    convert = Converter()

    def pairs(keys) -> set[tuple[str, str]]:
        found = set()
        for key in keys:
            simplified, traditional = STRINGS[key], convert(STRINGS[key])
            assert len(simplified) == len(traditional), key
            found |= {(a, b) for a, b in zip(simplified, traditional, strict=True) if a != b}
        return found

    assert pairs(LIST_STRINGS) <= pairs(set(STRINGS) - set(LIST_STRINGS))


def test_any_issuer_s_name_is_one_page() -> None:
    from notice_site.model.urls import issuer_source, page_href

    assert issuer_source("海口海关") == "issuers/海口海关.md"
    assert issuer_source("A/B 局") == "issuers/A／B 局.md"
    assert issuer_source(".局") == "issuers/局.md"
    assert page_href("issuers/A／B 局/", "years/2024/") == "../../issuers/A%EF%BC%8FB%20%E5%B1%80/"


def test_the_own_pages_key_changes_with_what_they_show_alone(tmp_path: Path) -> None:
    """The library's own pages are made again only where their key changes
    (own_pages.pages_key): a sentence they do not show edited leaves it as it was; a
    provision's title, or a notice's status, changes it."""
    from notice_site.library.listed import Part
    from notice_site.library.own_pages import pages_key
    from notice_site.render.site import load_converter

    folder = sample_notice(tmp_path / "sample")
    measures = folder / "measures.yaml"
    text = measures.read_text(encoding="utf-8")

    def key(edited: str) -> str:
        measures.write_text(edited, encoding="utf-8")
        part = Part.of(load_editions(folder), load_converter(folder))
        return pages_key("code", SITE_URL, False, _Site(), [part], "2026-12-04")

    first = key(text)
    assert key(text.replace("支持港口", "支持各港口")) == first
    assert key(text.replace("提升多式联运物流效率", "提升多式联运效率")) != first
    status = text.replace("  slug: ", "  status: repealed\n  slug: ", 1)
    assert status != text and key(status) != first
    assert pages_key("code", SITE_URL, True, _Site(), [], "2026-12-04") != pages_key(
        "code", SITE_URL, False, _Site(), [], "2026-12-04"
    )
