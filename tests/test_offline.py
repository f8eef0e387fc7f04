"""The offline copy, downloads/twenty-measures-offline.zip: its files, its links, and Chromium
reading it from file:// with no network."""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.notices import NUMBERS, REAL
from support.pages import Elements, loads_from_other_hosts
from support.project import ROOT, SITE_URL

from notice_site.building.linkcheck import check_site
from notice_site.building.offline import DEFAULT_EPOCH, source_date_epoch, write_zip
from notice_site.model.urls import directory_url, offline_zip_filename, page_path, relative_href
from notice_site.render.site import load_editions
from notice_site.settings import Settings, SettingsError

OFFLINE_ZIP_NAME = offline_zip_filename(REAL.document.slug)
TOP = OFFLINE_ZIP_NAME.removesuffix(".zip")
EDITIONS = load_editions(ROOT / "data")


@pytest.fixture(scope="module")
def archive(site: Path) -> Path:
    return site / "downloads" / OFFLINE_ZIP_NAME


@pytest.fixture(scope="module")
def offline(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unpacked as a reader unpacks it: one folder."""
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as z:
        z.extractall(out)
    assert [p.name for p in out.iterdir()] == [TOP]
    return out / TOP


# -- URL style -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "folder", "file"),
    [
        ("index.md", "", "index.html"),
        ("measures/index.md", "measures/", "measures/index.html"),
        ("measures/13.md", "measures/13/", "measures/13.html"),
        ("themes/tariff.md", "themes/tariff/", "themes/tariff.html"),
        ("about.md", "about/", "about.html"),
    ],
)
def test_page_path_as_mkdocs_places_pages(source: str, folder: str, file: str) -> None:
    assert page_path(source) == folder
    assert page_path(source, directory_urls=False) == file
    assert directory_url(file) == folder


@pytest.mark.parametrize(
    ("target", "start", "href"),
    [
        ("measures/4/", "measures/13/", "../4/"),
        ("measures/4.html", "measures/13.html", "4.html"),
        ("themes/tariff/", "measures/13/", "../../themes/tariff/"),
        ("themes/tariff.html", "measures/13.html", "../themes/tariff.html"),
        ("measures/13/", "", "measures/13/"),
        ("measures/13.html", "index.html", "measures/13.html"),
        ("themes/", "themes/tariff/", "../"),
        ("zh-Hant/", "zh-Hant/measures/1/", "../../"),
        ("downloads/a.pdf", "zh-Hant/measures/13/", "../../../downloads/a.pdf"),
        ("downloads/a.pdf", "zh-Hant/measures/13.html", "../../downloads/a.pdf"),
    ],
)
def test_relative_href(target: str, start: str, href: str) -> None:
    assert relative_href(target, start) == href


# -- the zip -------------------------------------------------------------------


def test_zip_holds_the_site_in_both_scripts_and_the_booklets(archive: Path) -> None:
    with zipfile.ZipFile(archive) as z:
        infos = z.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert all(n.startswith(f"{TOP}/") for n in names)
    files = {n.removeprefix(f"{TOP}/") for n in names}
    for prefix in ("", "zh-Hant/"):
        assert f"{prefix}index.html" in files
        assert f"{prefix}search/search_index.js" in files
        for n in NUMBERS:
            assert f"{prefix}measures/{n}.html" in files
    assert "downloads/twenty-measures.zh-Hans.pdf" in files
    assert "downloads/twenty-measures.zh-Hant.pdf" in files
    assert "assets/javascripts/vendor/iframe-worker/shim.js" in files
    assert "assets/javascripts/vendor/iframe-worker/LICENSE" in files
    # left out: one-measure PDFs (the booklets hold them), sitemaps, source maps, Material's search
    assert not [f for f in files if f.startswith("downloads/measure-")]
    assert not [f for f in files if "sitemap" in f or f.endswith(".map") or "/lunr/" in f]
    assert not [f for f in files if f.endswith("/") or f.endswith("index.html/")]
    assert archive.stat().st_size < 3_000_000
    # one date for every entry: SOURCE_DATE_EPOCH (make sets it from the last commit)
    epoch = source_date_epoch(Settings.read(ROOT).epoch)
    assert {i.date_time for i in infos} == {time.gmtime(epoch // 2 * 2)[:6]}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_zip_dates_and_order_come_from_the_input_only(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "z.txt").write_text("z")
    (folder / "a.txt").write_text("a")
    (folder / "sitemap.xml").write_text("left out")
    first = write_zip(folder, tmp_path / "1.zip", "top", 1767225600, ["sitemap.xml"])
    (folder / "a.txt").touch()  # a newer modification time changes nothing
    second = write_zip(folder, tmp_path / "2.zip", "top", 1767225600, ["sitemap.xml"])
    assert first.path.read_bytes() == second.path.read_bytes()
    with zipfile.ZipFile(first.path) as z:
        assert z.namelist() == ["top/a.txt", "top/b/z.txt"]
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert source_date_epoch(Settings.read(tmp_path, {}).epoch) == DEFAULT_EPOCH
    epoch = Settings.read(tmp_path, {"SOURCE_DATE_EPOCH": "1700000000"}).epoch
    assert source_date_epoch(epoch) == 1700000000
    with pytest.raises(SettingsError, match="SOURCE_DATE_EPOCH=yesterday"):
        Settings.read(tmp_path, {"SOURCE_DATE_EPOCH": "yesterday"})


# -- the files in it -------------------------------------------------------------


def test_every_link_names_a_file_that_exists(offline: Path) -> None:
    """From file:// a link to a folder shows a listing: every link must name a file."""
    assert check_site(offline, directory_urls=False) == []


# Addresses in Material's bundle that it only loads in cases this site never has: no
# ResizeObserver (every browser since 2020 has it), a mermaid diagram, a repo_url (GitHub's
# or a GitLab's API), and the licence comment of clipboard.js. The Chromium test below sees no request leave file://.
MATERIAL_UNUSED = {
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    "https://api.github.com/users/${e}",
    "https://api.github.com/repos/${e}/${t}",
    "https://${e}/api/v4/projects/${encodeURIComponent(t",
    "https://clipboardjs.com/",
}
URL = re.compile(r"https?://[^\s\"'`)<>]+")


def test_nothing_refers_to_another_host(offline: Path) -> None:
    """No script src, link href or CSS url() leaves the folder (as on the published site),
    and no page or script names another host to load, save Material's unused fallbacks."""
    assert loads_from_other_hosts(offline) == []
    for path in sorted(offline.rglob("*.js")):
        urls = set(URL.findall(path.read_text(encoding="utf-8")))
        if path.name.startswith("bundle."):
            assert urls <= MATERIAL_UNUSED, urls - MATERIAL_UNUSED
        else:
            assert not urls, (path, urls)
    for path in sorted(offline.rglob("*.html")):
        doc = Elements(path.read_text(encoding="utf-8"))
        for tag, attrs in doc.tags:
            for name in ("src", "srcset", "data", "action", "poster"):
                assert not URL.match(attrs.get(name) or ""), (path, tag, attrs)


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_search_index_script_is_ours_with_file_locations(offline: Path, prefix: str) -> None:
    """search_index.js (what Material loads under file://) is our per-script index, not
    the offline plugin's copy of the merged one."""
    text = (offline / prefix / "search" / "search_index.js").read_text(encoding="utf-8")
    assert text.startswith("var __index = ")
    index = json.loads(text.removeprefix("var __index = "))
    assert index["config"]["lang"] == [prefix.rstrip("/") or "zh-Hans"]
    locations = [d["location"].split("#")[0] for d in index["docs"]]
    assert "measures/13.html" in locations
    assert all(loc.endswith(".html") for loc in locations), locations
    for loc in set(locations):
        assert (offline / prefix / loc).is_file(), loc


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant"])
def test_permanent_urls_stay_the_published_ones(offline: Path, language: str) -> None:
    prefix = "" if language == "zh-Hans" else f"{language}/"
    doc = Elements((offline / prefix / "measures" / "13.html").read_text(encoding="utf-8"))
    url = f"{SITE_URL}{prefix}measures/13/"
    assert doc.find("link", rel="canonical", href=url)
    assert doc.find("meta", property="og:url", content=url)
    assert doc.find("li", id="c1", **{"data-url": f"{url}#c1"})
    assert doc.find("p", **{"class": "tm-print-url"})
    # the measure's download is its script's booklet, shipped in the zip
    download = [a for a in doc.find("a") if (a.get("class") or "") == "tm-download"]
    up = "../" if language == "zh-Hans" else "../../"
    assert [a["href"] for a in download] == [f"{up}downloads/twenty-measures.{language}.pdf"]
    home = Elements((offline / prefix / "index.html").read_text(encoding="utf-8"))
    assert not [a for a in home.find("a") if OFFLINE_ZIP_NAME in (a.get("href") or "")]
    canonical = home.find("link", rel="canonical")
    assert [c["href"] for c in canonical] == [f"{SITE_URL}{prefix}"]


# -- in Chromium, from file:// -----------------------------------------------------


@pytest.fixture
def tab(browser):
    """A tab that records every request of the page, its frames and workers."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests
    # what the console says (no CORS error for a sitemap, no script error under file://)
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def _search(tab, query: str) -> list[str]:
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # typing CJK fires no keyup in Playwright; End does
    tab.wait_for_selector("li.md-search-result__item", timeout=600_000)
    return tab.evaluate(
        "() => [...document.querySelectorAll('li.md-search-result__item > a')].map(a => a.href)"
    )


def test_reading_offline_navigation_language_and_search(offline: Path, tab) -> None:
    root = offline.as_uri()
    tab.goto(f"{root}/index.html")
    assert tab.locator("html").get_attribute("lang") == "zh-Hans"
    tab.locator("a[href='measures/13.html']").click()
    tab.wait_for_url(f"{root}/measures/13.html")
    assert tab.locator("h1").inner_text() == "十三、持续压缩通关时间"

    tab.locator("a[rel=next]").click()
    tab.wait_for_url(f"{root}/measures/14.html")

    tab.locator(".md-header__option .md-select").hover()
    tab.locator("a.md-select__link[hreflang='zh-Hant']").click()
    tab.wait_for_url(f"{root}/zh-Hant/measures/14.html")
    assert tab.locator("html").get_attribute("lang") == "zh-Hant"
    assert tab.locator("h1").inner_text() == "十四、便利人員跨境往來"

    # search in the page's script, through our worker under iframe-worker's shim
    results = _search(tab, "零關稅")
    assert results[0].startswith(f"{root}/zh-Hant/measures/1.html")
    assert all(r.startswith(f"{root}/zh-Hant/") for r in results), results
    tab.locator("li.md-search-result__item > a").first.click()
    tab.wait_for_url(re.compile(re.escape(f"{root}/zh-Hant/measures/1.html")))
    assert tab.locator("h1").inner_text().startswith("一、推動")

    tab.locator(".md-header__option .md-select").hover()
    tab.locator("a.md-select__link[hreflang='zh-Hans']").click()
    tab.wait_for_url(f"{root}/measures/1.html")
    results = _search(tab, "居民")
    assert {urlsplit(r).path.rsplit("/", 1)[1] for r in results} >= {"4.html", "7.html"}
    assert not [r for r in results if "/zh-Hant/" in r]

    # everything came from the unpacked folder: no network at all, and nothing failed
    schemes = {urlsplit(url).scheme for url in tab.requests}
    assert schemes <= {"file", "data"}, sorted(set(tab.requests))
    assert tab.errors == []
    assert any(url.endswith("zh-Hant/search/search_index.js") for url in tab.requests)
    assert any("search-worker.js" in url for url in tab.requests)
