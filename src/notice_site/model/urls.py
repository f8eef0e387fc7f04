"""Permanent addresses: the URL of a measure and of a clause, and the file names of the downloads.

These are contracts (README "URLs", ARCHITECTURE.md "Contracts"): printed PDFs
and pasted links point at them for years. The file names of the downloads
start with the notice's slug (document.slug in its measures.yaml).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import quote, urljoin, urlsplit

from notice_site.model import languages

# mkdocs.yml: site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"] (a test keeps them equal).
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
DOWNLOADS_DIR = "downloads"
# Every page of both scripts, for search engines (sitemaps.org), MkDocs' own at the site's
# root (gzipped beside it); at a library's root, an index of the sitemaps: the library's own
# pages' (LIBRARY_SITEMAP) and each notice's, /<slug>/sitemap.xml.
SITEMAP = "sitemap.xml"
LIBRARY_SITEMAP = "sitemap-library.xml"
# The open data of each script, at its root (README "URLs").
OPEN_DATA_JSON = "measures.json"
OPEN_DATA_CSV = "measures.csv"


def base_path(site_url: str) -> str:
    """The path of the site's URL (/ at a host's root, /notices/ under a path): links
    inside the site start with it."""
    return urlsplit(site_url).path or "/"


def normalise_site_url(url: str) -> str:
    """An absolute http(s) URL ending in a slash, as MkDocs makes site_url."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"site URL must be an absolute http(s) URL, got {url!r}")
    return url if url.endswith("/") else url + "/"


def language_root(site_url: str, language: str) -> str:
    """The home page of one script: / for Simplified, /zh-Hant/ for Traditional
    (languages.py: the source script is served at the root, the others under /<lang>/)."""
    prefix = languages.of(language).prefix
    return normalise_site_url(site_url) + prefix


def sibling_site(site_url: str, slug: str) -> str:
    """The address of the notice `slug` beside the one at `site_url`: in a library every
    notice is under <library>/<slug>/."""
    return urljoin(normalise_site_url(site_url), f"../{slug}/")


def sibling_root(site_url: str, slug: str, language: str) -> str:
    """The home page of one script of the notice `slug` beside the one at `site_url`."""
    return language_root(sibling_site(site_url, slug), language)


def measure_url(site_url: str, language: str, key: int | str) -> str:
    """The permanent URL of the measure whose address is `key` (Measure.key: its number, or
    the path its numbering gives): <site>/measures/<key>/ or <site>/zh-Hant/measures/<key>/."""
    return f"{language_root(site_url, language)}measures/{key}/"


def division_url(site_url: str, language: str, address: str) -> str:
    """The permanent URL of a division (Division.address): <site>/divisions/<address>/."""
    return f"{language_root(site_url, language)}divisions/{address}/"


def interpretation_url(site_url: str, language: str) -> str:
    """The permanent URL of the notice's interpretation: <site>/interpretation/; a paragraph
    of it is #p<section>-<k> (model.interpretation.paragraph_anchor)."""
    return f"{language_root(site_url, language)}interpretation/"


def clause_url(site_url: str, language: str, key: int | str, clause: int) -> str:
    """The permanent URL of clause n.k: the measure's URL with #c<k>."""
    return f"{measure_url(site_url, language, key)}#{clause_anchor(clause)}"


def table_csv_path(table_id: str) -> str:
    """A table's own CSV, under its script's root: tables/<id>.csv (a published contract)."""
    return f"tables/{table_id}.csv"


def row_url(page_url: str, anchor: str) -> str:
    """The permanent URL of a table's row: the page holding the table, #<table id>-r<n>."""
    return f"{page_url}#{anchor}"


def clause_anchor(clause: int) -> str:
    """The id of sentence k on its measure's page: c<k> (a published contract)."""
    return f"c{clause}"


def theme_url(site_url: str, language: str, slug: str) -> str:
    """The permanent URL of a theme's page: <site>/themes/<slug>/ or <site>/zh-Hant/themes/<slug>/."""
    return f"{language_root(site_url, language)}themes/{slug}/"


def booklet_filename(slug: str, language: str) -> str:
    """<slug>.<lang>.pdf, under downloads/."""
    return f"{slug}.{languages.of(language).code}.pdf"


def offline_zip_filename(slug: str) -> str:
    """<slug>-offline.zip, under downloads/: the whole site for reading from file://."""
    return f"{slug}-offline.zip"


def measure_filename(language: str, key: int | str) -> str:
    """measure-<key>.<lang>.pdf, under downloads/."""
    return f"measure-{key}.{languages.of(language).code}.pdf"


def version_filename(language: str, key: int | str, day: str) -> str:
    """measure-<key>.<day>.<lang>.pdf, under downloads/: an earlier version of an amended
    provision (model.versions), as it stood from `day`."""
    return f"measure-{key}.{day}.{languages.of(language).code}.pdf"


def division_filename(language: str, address: str) -> str:
    """division-<address>.<lang>.pdf, under downloads/: a division or attached document that
    holds a table (附件2 商品编号表) has a PDF of its own."""
    return f"division-{address}.{languages.of(language).code}.pdf"


# The pages of a notice's site, by their sources under docs/<lang>/: the one list
# that the page generator (pages.py) and the search index (search.py) both follow.
HOME = "index.md"
MEASURES_INDEX = "measures/index.md"
THEMES_INDEX = "themes/index.md"
ABOUT = "about.md"
# The notice's official interpretation (政策解读), where its folder holds one.
INTERPRETATION = "interpretation.md"


def measure_source(key: int | str) -> str:
    return f"measures/{key}.md"


# An amended provision's versions (model.versions), each at the day it took effect: its
# wording as it stood from that day, and the comparison of two of them; the whole notice as
# it stood on a day, and the list of those days (published contracts: README "URLs").
VERSIONS = "versions/index.md"


def version_source(key: str, day: str) -> str:
    """measures/<key>/<day>.md: the page of the provision's version in force from `day`."""
    return f"measures/{key}/{day}.md"


def comparison_source(key: str, earlier: str, later: str) -> str:
    """measures/<key>/compare/<earlier>/<later>.md: two versions of a provision compared."""
    return f"measures/{key}/compare/{earlier}/{later}.md"


def point_in_time_source(day: str) -> str:
    """versions/<day>.md: the whole notice as it stood from `day`."""
    return f"versions/{day}.md"


def version_url(site_url: str, language: str, key: str, day: str) -> str:
    return f"{measure_url(site_url, language, key)}{day}/"


def division_source(address: str) -> str:
    return f"divisions/{address}.md"


def theme_source(slug: str) -> str:
    return f"themes/{slug}.md"


# A library's own pages of lists (library.pages): the notices of one year, by the year of
# their date (Document.when; those with no date under UNDATED), of one issuer, by its name
# as the Simplified text writes it; and the measures of a theme in the notices of one year.
UNDATED = "undated"


def year_source(year: str, page: int = 1) -> str:
    """years/<year>.md: a library's notices dated in `year` (years/undated/: no date); the
    `page`th page of a long year's, years/<year>/<page>.md."""
    return f"years/{year}.md" if page == 1 else f"years/{year}/{page}.md"


def issuer_source(issuer: str) -> str:
    """issuers/<name>.md: a library's notices of one issuer, by its Simplified name (in a
    link, percent-encoded: page_href); a / in it written ／ and a leading . left out, so
    that any name is one page (MkDocs skips files whose names start with a dot)."""
    name = issuer.replace("/", "／").lstrip(".") or "_"
    return f"issuers/{name}.md"


def theme_year_source(slug: str, year: str, page: int = 1) -> str:
    """themes/<slug>/<year>.md: a library theme's measures in the notices of one year; the
    `page`th page of a long year's, themes/<slug>/<year>/<page>.md."""
    return f"themes/{slug}/{year}.md" if page == 1 else f"themes/{slug}/{year}/{page}.md"


def page_href(target: str, start: str) -> str:
    """relative_href for paths that may hold non-ASCII characters (an issuer's page): the
    link percent-encoded, as a sitemap gives the page's URL."""
    return relative_href(quote(target), quote(start))


def page_sources(
    theme_slugs: Iterable[str],
    measure_keys: Iterable[str],
    division_addresses: Iterable[str] = (),
    interpretation: bool = False,
) -> list[tuple[str, str | None]]:
    """Every page as (kind, key): the four site pages, a page per theme, a page per measure
    (by its address), a page per division, then the interpretation's where there is one, in
    this order (the search index's)."""
    pages: list[tuple[str, str | None]] = [
        ("home", None),
        ("measures_index", None),
        ("themes_index", None),
        ("about", None),
    ]
    pages += [("theme", slug) for slug in theme_slugs]
    pages += [("measure", key) for key in measure_keys]
    pages += [("division", address) for address in division_addresses]
    pages += [("interpretation", None)] if interpretation else []
    return pages


def source_of(kind: str, key: str | None) -> str:
    """The source under docs/<lang>/ of a page of page_sources."""
    fixed = {"home": HOME, "measures_index": MEASURES_INDEX, "themes_index": THEMES_INDEX}
    if kind in fixed:
        return fixed[kind]
    if kind == "about":
        return ABOUT
    if kind == "interpretation":
        return INTERPRETATION
    if kind == "theme":
        return theme_source(str(key))
    if kind == "measure" and key is not None:
        return measure_source(key)
    if kind == "division" and key is not None:
        return division_source(key)
    raise ValueError(f"unknown page {kind!r} {key!r}")


def page_path(source: str, directory_urls: bool = True) -> str:
    """Where the page made from `source` (its path under docs/<lang>/) is, relative to its script's home.

    As MkDocs places pages: with directory URLs (the published site) measures/13.md
    is measures/13/ and measures/index.md is measures/; without them (the offline
    copy, opened from file:// where a folder shows no index.html) they are
    measures/13.html and measures/index.html.
    """
    if not source.endswith(".md"):
        raise ValueError(f"not a page source: {source!r}")
    stem = source.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"


def directory_url(path: str) -> str:
    """The published (directory-style) form of a page's path: measures/13.html → measures/13/."""
    if not path.endswith(".html"):
        return path
    stem = path.removesuffix(".html")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"


def notice_home(slug: str, language: str) -> str:
    """Where a notice's home page of this script is in a library, from the site's root:
    <slug>/ or <slug>/zh-Hant/."""
    return f"{slug}/{languages.of(language).prefix}"


def relative_href(target: str, start: str) -> str:
    """The relative link from the page at `start` to `target`, both paths from the same root.

    A path ending in / (or empty: the root) is a folder; the link to it keeps the slash.
    """
    start_dir = start.rsplit("/", 1)[0] if "/" in start else ""
    href = posixpath.relpath(target or ".", start_dir or ".")
    if target == "" or target.endswith("/"):
        return "./" if href == "." else f"{href}/"
    return href
