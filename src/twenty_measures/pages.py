"""Turn a notice (in one script) into the Markdown sources of its pages.

Each page is front matter (JSON, which YAML reads as is) holding the plain data
its template in overrides/ needs, and a body rendered from a Jinja2 template in
this package with autoescaping on: text from the data can never become markup.
Links are relative to the page, so the site works under any path and offline.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jinja2

from twenty_measures.model import Measure, Notice
from twenty_measures.numerals import chinese_numeral

LANGUAGES = ("zh-Hans", "zh-Hant")
DEFAULT_LANGUAGE = "zh-Hans"


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("twenty_measures", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _page(meta: dict[str, Any], template: str, **context: Any) -> str:
    # One line of JSON: a value can never close the front matter early.
    front = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    body = _env().get_template(template).render(**context)
    return f"---\n{front}\n---\n\n{body}"


def _document(notice: Notice) -> dict[str, Any]:
    d = notice.document
    return {
        "title": d.title,
        "short_title": d.short_title,
        "attachment": d.attachment,
        "issuer": d.issuer,
        "number": d.number,
        "source_url": d.source_url,
    }


def _measure_link(m: Measure, href: str) -> dict[str, Any]:
    return {
        "number": m.number,
        "numeral": chinese_numeral(m.number),
        "title": m.title,
        "href": href,
    }


def measure_page(notice: Notice, m: Measure, ui: dict[str, str]) -> str:
    """Markdown source of /measures/<n>/ (the page lives at measures/<n>.md)."""
    numeral = chinese_numeral(m.number)

    def link(n: int) -> dict[str, Any]:
        return _measure_link(notice.measure(n), f"../{n}/")

    count = len(notice.measures)
    meta = {
        "template": "measure.html",
        "title": f"{numeral}、{m.title}",
        "description": m.clauses[0],
        "hide": ["toc"],
        "tm": {
            "ui": ui,
            "home_href": "../../",
            "document": _document(notice),
            "number": m.number,
            "numeral": numeral,
            "label": ui["measure_label"].format(numeral=numeral),
            "count": count,
            "title": m.title,
            "themes": [{"slug": s, "label": notice.theme(s).label} for s in m.themes],
            "related": [link(n) for n in notice.related_to(m.number)],
            "previous": link(m.number - 1) if m.number > 1 else None,
            "next": link(m.number + 1) if m.number < count else None,
        },
    }
    return _page(meta, "measure.md.j2", measure=m, ui=ui)


def home_page(notice: Notice, ui: dict[str, str]) -> str:
    """Markdown source of the home page (index.md)."""
    meta = {
        "template": "home.html",
        "title": notice.document.short_title,
        "description": notice.document.preamble[0],
        "hide": ["toc"],
        "tm": {
            "ui": ui,
            "document": _document(notice),
            "measures": [_measure_link(m, f"measures/{m.number}/") for m in notice.measures],
        },
    }
    return _page(meta, "home.md.j2", document=notice.document, ui=ui)


def site_pages(notice: Notice, ui: dict[str, str]) -> dict[str, str]:
    """Every generated page of one script, keyed by its path under docs/<lang>/."""
    pages = {"index.md": home_page(notice, ui)}
    for m in notice.measures:
        pages[f"measures/{m.number}.md"] = measure_page(notice, m, ui)
    return pages
