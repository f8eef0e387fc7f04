"""The real site, built with the real mkdocs.yml: pages, anchors, languages, links, hosts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from support.notices import COUNT, NUMBERS
from support.pages import Elements, loads_from_other_hosts
from support.project import ROOT, SITE_URL

from notice_site.model.numerals import chinese_numeral
from notice_site.render.site import load_editions

EDITIONS = load_editions(ROOT / "data")
PREFIX = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
OTHER = {"zh-Hans": "zh-Hant", "zh-Hant": "zh-Hans"}


def page(site: Path, url_path: str) -> Elements:
    """Parse the built page at a site-relative URL path such as 'zh-Hant/measures/13/'."""
    return Elements((site / url_path / "index.html").read_text(encoding="utf-8"))


def resolve(site: Path, from_path: str, href: str) -> Path:
    """The file a relative link on the page at `from_path` leads to."""
    target = urlsplit(urljoin(f"http://site/{from_path}", href)).path.lstrip("/")
    return site / target / "index.html" if target.endswith("/") or not target else site / target


def test_strict_build_has_no_warnings(site: Path) -> None:
    # The fixture's build is --strict (it fails on any warning); here, every contract page exists.
    for prefix in PREFIX.values():
        assert (site / prefix / "index.html").is_file()
        for n in NUMBERS:
            assert (site / f"{prefix}measures/{n}/index.html").is_file()
    assert not (site / "measures" / "01").exists()


@pytest.mark.parametrize("language", PREFIX)
@pytest.mark.parametrize("number", [1, 8, 13, COUNT])
def test_measure_page(site: Path, language: str, number: int) -> None:
    edition = EDITIONS[language]
    m = edition.notice.measure(number)
    path = f"{PREFIX[language]}measures/{number}/"
    html = (site / path / "index.html").read_text(encoding="utf-8")
    doc = Elements(html)

    assert re.search(rf'<html lang="{language}"', html)
    numeral = chinese_numeral(number)
    assert doc.text_by_id["tm-title"] == f"{numeral}、{m.title}"
    label = edition.ui["measure_label"].format(numeral=numeral)
    assert f'<span class="tm-measure__label">{label}</span>' in html
    assert f'<span class="tm-measure__figure" aria-hidden="true">{number}</span>' in html
    assert f"<title>{numeral}、{m.title} - " in html

    for k, clause in enumerate(m.clauses, 1):
        assert doc.text_by_id[f"c{k}"] == f"{number}.{k} {clause}"
        assert doc.find("a", href=f"#c{k}", **{"class": "tm-clause__ref"})
    assert f"c{len(m.clauses) + 1}" not in doc.text_by_id

    # language switch and hreflang alternates lead to the same measure in the other script
    other = OTHER[language]
    switch = doc.find("a", hreflang=other, **{"class": "md-select__link"})
    assert len(switch) == 1
    assert (
        resolve(site, path, switch[0]["href"])
        == site / PREFIX[other] / f"measures/{number}/index.html"
    )
    # hreflang alternates are in the sitemap (test_sitemap_has_both_scripts_with_alternates):
    # in the head, Material would fetch a sitemap.xml next to each (a 404 per page load)
    assert doc.find("link", rel="alternate") == []
    assert doc.find("link", rel="canonical", href=f"{SITE_URL}{path}")

    # source of the text
    d = edition.notice.document
    assert doc.find("a", href=d.source_url, **{"class": "tm-source__link"})
    for text in (d.title, d.number, d.issuer):
        assert f"<dd>{text}</dd>" in html

    # themes, related measures, previous and next, all leading to real pages
    related = [a["href"] for a in doc.find("a") if a.get("href", "").startswith("../")]
    for other_number in edition.notice.related_to(number):
        assert f"../{other_number}/" in related
    prev = doc.find("a", rel="prev")
    nxt = doc.find("a", rel="next")
    assert [a["href"] for a in prev] == ([f"../{number - 1}/"] if number > 1 else [])
    assert [a["href"] for a in nxt] == ([f"../{number + 1}/"] if number < COUNT else [])
    for href in related:
        assert resolve(site, path, href).is_file(), href


@pytest.mark.parametrize("language", PREFIX)
def test_home_page(site: Path, language: str) -> None:
    edition = EDITIONS[language]
    path = PREFIX[language]
    html = (site / path / "index.html").read_text(encoding="utf-8")
    doc = Elements(html)
    d = edition.notice.document
    assert re.search(rf'<html lang="{language}"', html)
    assert doc.text_by_id["tm-title"] == d.title
    assert f'<span class="tm-home__number">{d.number}</span>' in html
    assert f'<span class="tm-home__issuer">{d.issuer}</span>' in html
    for paragraph in d.preamble:
        assert f"<p>{paragraph}</p>" in html
    links = [
        a["href"] for a in doc.find("a") if re.fullmatch(r"measures/\d+/", a.get("href") or "")
    ]
    assert links == [f"measures/{n}/" for n in NUMBERS]
    for m in edition.notice.measures:
        assert f"{chinese_numeral(m.number)}、</span>{m.title}</a>" in html
        assert resolve(site, path, f"measures/{m.number}/").is_file()
    switch = doc.find("a", hreflang=OTHER[language], **{"class": "md-select__link"})
    assert resolve(site, path, switch[0]["href"]) == site / PREFIX[OTHER[language]] / "index.html"


def test_every_simplified_page_shows_the_data_character_for_character(site: Path) -> None:
    """Every measure's page: its heading and each sentence exactly as measures.yaml has them,
    which tests/test_data.py holds to the official text in data/source/, character for
    character (so the page is the source; the source itself is read there, once)."""
    for m in EDITIONS["zh-Hans"].notice.measures:
        doc = page(site, f"measures/{m.number}/")
        assert doc.text_by_id["tm-title"] == f"{chinese_numeral(m.number)}、{m.title}"
        shown = [doc.text_by_id[f"c{k}"] for k in range(1, len(m.clauses) + 1)]
        assert shown == [f"{m.number}.{k} {c}" for k, c in enumerate(m.clauses, 1)]
        assert f"c{len(m.clauses) + 1}" not in doc.text_by_id


def test_nothing_loads_from_another_host(site: Path) -> None:
    # 2 home pages, a page per measure and script, 404
    assert len(sorted(site.rglob("*.html"))) >= 3 + 2 * COUNT
    assert loads_from_other_hosts(site) == []


@pytest.mark.parametrize("language", PREFIX)
def test_download_links(site: Path, language: str) -> None:
    """The home page links both booklets; each measure page links its own PDF in its script."""
    home = Elements((site / PREFIX[language] / "index.html").read_text(encoding="utf-8"))
    booklets = [a for a in home.find("a") if (a.get("class") or "") == "tm-download"]
    assert [resolve(site, PREFIX[language], a["href"]) for a in booklets] == [
        site / "downloads" / "twenty-measures.zh-Hans.pdf",
        site / "downloads" / "twenty-measures.zh-Hant.pdf",
    ]
    # the offline copy, with what it is for, in the page's script
    zips = [a for a in home.find("a") if "tm-download--zip" in (a.get("class") or "")]
    assert [resolve(site, PREFIX[language], a["href"]) for a in zips] == [
        site / "downloads" / "twenty-measures-offline.zip"
    ]
    ui = EDITIONS[language].ui
    assert home.text_by_id["tm-offline-intro"] == ui["offline_intro"]
    assert zips[0]["aria-describedby"] == "tm-offline-intro"
    for n in (1, 13, COUNT):
        path = f"{PREFIX[language]}measures/{n}/"
        doc = page(site, path)
        links = [a["href"] for a in doc.find("a") if (a.get("class") or "") == "tm-download"]
        assert len(links) == 1
        target = resolve(site, path, links[0])
        assert target == site / "downloads" / f"measure-{n}.{language}.pdf"
        assert target.read_bytes().startswith(b"%PDF-")
