"""Permanent addresses: the URL of a measure and of a clause, and the file names of the downloads.

These are contracts (README "URLs", DESIGN.md "downloads"): printed PDFs and
pasted links point at them for years.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

# mkdocs.yml: site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"] (a test keeps them equal).
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
DOWNLOADS_DIR = "downloads"
# The source script first; it is served at the site's root, the others under /<lang>/.
LANGUAGES = ("zh-Hans", "zh-Hant")
DEFAULT_LANGUAGE = "zh-Hans"


def site_url_from_env() -> str:
    """The site URL MkDocs would use: $SITE_URL, else the default of mkdocs.yml."""
    return normalise_site_url(os.environ.get("SITE_URL") or DEFAULT_SITE_URL)


def normalise_site_url(url: str) -> str:
    """An absolute http(s) URL ending in a slash, as MkDocs makes site_url."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"site URL must be an absolute http(s) URL, got {url!r}")
    return url if url.endswith("/") else url + "/"


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (expected one of {', '.join(LANGUAGES)})")


def language_root(site_url: str, language: str) -> str:
    """The home page of one script: / for Simplified, /zh-Hant/ for Traditional."""
    _check_language(language)
    base = normalise_site_url(site_url)
    return base if language == DEFAULT_LANGUAGE else f"{base}{language}/"


def measure_url(site_url: str, language: str, number: int) -> str:
    """The permanent URL of measure `number`: <site>/measures/<n>/ or <site>/zh-Hant/measures/<n>/."""
    return f"{language_root(site_url, language)}measures/{number}/"


def clause_url(site_url: str, language: str, number: int, clause: int) -> str:
    """The permanent URL of clause n.k: the measure's URL with #c<k>."""
    return f"{measure_url(site_url, language, number)}#c{clause}"


def booklet_filename(language: str) -> str:
    """twenty-measures.<lang>.pdf, under downloads/."""
    _check_language(language)
    return f"twenty-measures.{language}.pdf"


def measure_filename(language: str, number: int) -> str:
    """measure-<n>.<lang>.pdf, under downloads/."""
    _check_language(language)
    return f"measure-{number}.{language}.pdf"
