"""The library's own pages: a site of several notices has a home page per script listing
every notice (title, 文号, issuer, date, status, number of measures) with filters, and a
search index over them; each notice is its own site under /<slug>/ (pipeline.py).

Like pages.py, each page is front matter holding plain data for its template in
overrides/ (library.html), text from the data escaped by the template.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from notice_site import languages
from notice_site.languages import DEFAULT_LANGUAGE
from notice_site.model import Document
from notice_site.urls import relative_href

if TYPE_CHECKING:
    from notice_site.library import Site
    from notice_site.search import Doc
    from notice_site.site import Edition

HOME = "index.md"


def notice_home(slug: str, language: str) -> str:
    """Where a notice's home page of this script is, from the site's root: <slug>/ or
    <slug>/zh-Hant/."""
    return f"{slug}/{languages.of(language).prefix}"


def rows(notices: list[dict[str, Edition]], language: str) -> list[dict[str, Any]]:
    """One row per notice, newest first (by date, then by the order the site lists them),
    in force before the rest."""
    issuers = list(dict.fromkeys(e[language].notice.document.issuer for e in notices))
    found = []
    for order, editions in enumerate(notices):
        edition = editions[language]
        d = edition.notice.document
        year = (d.date or d.published)[:4]
        themes = [t for t in edition.notice.themes if edition.notice.measures_of(t.slug)]
        tokens = [f"status-{d.status}", f"issuer-{issuers.index(d.issuer) + 1}"]
        tokens += [f"year-{year}"] if year else []
        tokens += [f"theme-{t.slug}" for t in themes]
        found.append(
            {
                "slug": d.slug,
                "title": d.title,
                "number": d.number,
                "issuer": d.issuer,
                "date": d.date or d.published,
                "status": d.status,
                "status_label": edition.ui[f"status_{d.status}"],
                "count": edition.ui["measure_count"].format(count=len(edition.notice.measures)),
                "href": relative_href(notice_home(d.slug, language), languages.of(language).prefix),
                "tokens": " ".join(tokens),
                "order": order,
            }
        )
    found.sort(key=lambda r: (r["status"] != "in_force", _negated(r["date"]), r["order"]))
    return found


def _negated(date: str) -> str:
    # newest first: a date's digits turned round (no date sorts last)
    return "".join(str(9 - int(c)) if c.isdigit() else c for c in date) if date else "~"


def filters(notices: list[dict[str, Edition]], language: str) -> list[dict[str, Any]]:
    """The home page's filter groups: status, issuer, year, theme; each choice with the
    number of notices it shows."""
    table = rows(notices, language)
    ui = notices[0][language].ui

    def count(token: str) -> int:
        return sum(token in r["tokens"].split() for r in table)

    statuses = [s for s in Document.STATUSES if count(f"status-{s}")]
    issuers = list(dict.fromkeys(e[language].notice.document.issuer for e in notices))
    years = sorted({r["date"][:4] for r in table if r["date"]}, reverse=True)
    themes: dict[str, str] = {}
    for editions in notices:
        notice = editions[language].notice
        for t in notice.themes:
            if notice.measures_of(t.slug):
                themes.setdefault(t.slug, t.label)
    groups = [
        (ui["library_filter_status"], [(f"status-{s}", ui[f"status_{s}"]) for s in statuses]),
        (
            ui["library_filter_issuer"],
            [(f"issuer-{k}", name) for k, name in enumerate(issuers, 1)],
        ),
        (ui["library_filter_year"], [(f"year-{y}", y) for y in years]),
        (ui["library_filter_theme"], [(f"theme-{s}", label) for s, label in themes.items()]),
    ]
    return [
        {"label": label, "choices": [{"key": k, "label": t, "count": count(k)} for k, t in items]}
        for label, items in groups
        if items
    ]


def home(site: Site, notices: list[dict[str, Edition]], language: str) -> str:
    """/ and /zh-Hant/ (source: index.md): every notice of the site."""
    ui = notices[0][language].ui
    name = site_name(site, language)
    meta = {
        "template": "library.html",
        "title": str(escape(name)),
        "description": str(escape(ui["library_intro"].format(count=len(notices)))),
        "hide": ["toc", "navigation"],
        "tm": {
            "ui": ui,
            "og_locale": languages.of(language).og_locale,
            "name": name,
            "intro": ui["library_intro"].format(count=len(notices)),
            "rows": rows(notices, language),
            "count": len(notices),
            "filters": filters(notices, language),
        },
    }
    front = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    return f"---\n{front}\n---\n\n"


def site_name(site: Site, language: str) -> str:
    """The site's name in the script of `language` (OpenCC for the others)."""
    from notice_site.convert import Converter

    return site.name if language == DEFAULT_LANGUAGE else Converter()(site.name)


def sources(site: Site, notices: list[dict[str, Edition]]) -> dict[str, dict[str, str]]:
    """Every generated file of the library's own pages, per script, by path under docs/<lang>/."""
    return {language: {HOME: home(site, notices, language)} for language in notices[0]}


def search_docs(notices: list[dict[str, Edition]], language: str) -> list[Doc]:
    """What the library's search finds (a first step: the notices themselves; each notice's
    own search finds its sentences): title, 文号, issuer, its measures' headings."""
    from notice_site.search import Doc

    docs = []
    for editions in notices:
        notice = editions[language].notice
        d = notice.document
        text = " ".join([d.number, d.issuer, *(f"{m.mark}{m.heading}" for m in notice.measures)])
        location = relative_href(notice_home(d.slug, language), languages.of(language).prefix)
        docs.append(Doc(location, d.title, text))
    return docs
