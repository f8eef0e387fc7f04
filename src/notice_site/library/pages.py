"""The library's own pages: a site of several notices has a home page per script listing
every notice (title, 文号, issuer, date, status, number of measures) with filters, and a
search index over them; each notice is its own site under /<slug>/ (pipeline.py).

Like pages.py, each page is front matter holding plain data for its template in
overrides/ (library.html), text from the data escaped by the template.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from notice_site.model import languages
from notice_site.model.effects import AMENDED, STATUS
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES
from notice_site.model.notice import Document
from notice_site.model.urls import (
    HOME,
    INTERPRETATION,
    LIBRARY_SITEMAP,
    OPEN_DATA_CSV,
    OPEN_DATA_JSON,
    SITEMAP,
    THEMES_INDEX,
    UNDATED,
    base_path,
    issuer_source,
    measure_source,
    measure_url,
    notice_home,
    offline_zip_filename,
    page_href,
    page_path,
    relative_href,
    theme_source,
    theme_year_source,
    version_url,
    year_source,
)
from notice_site.render.amendments import note
from notice_site.render.gov import page_meta
from notice_site.render.sitewide import site_name
from notice_site.render.templating import environment, front_matter

if TYPE_CHECKING:
    from notice_site.folder.site_file import Site
    from notice_site.library.listed import Listed


def rows(
    notices: list[dict[str, Listed]], language: str, here: str | None = None
) -> list[dict[str, Any]]:
    """One row per notice, newest first (by date, then by the order the site lists them),
    in force before the rest; its links from the page at `here` (the script's home)."""
    prefix = languages.of(language).prefix
    here = prefix if here is None else here
    issuers = list(dict.fromkeys(e[language].document.issuer for e in notices))
    found = []
    for order, editions in enumerate(notices):
        edition = editions[language]
        d = edition.document
        year = d.when[:4]
        themes = [t for t in edition.themes if edition.measures_of(t.slug)]
        tokens = [f"status-{d.status}", f"issuer-{issuers.index(d.issuer) + 1}"]
        tokens += [f"year-{year}"] if year else []
        tokens += [f"theme-{t.slug}" for t in themes]
        found.append(
            {
                "slug": d.slug,
                "title": d.title,
                "number": d.number,
                "issuer": d.issuer,
                "date": d.when,
                "in_force": d.in_force,
                "status": d.status,
                "status_label": edition.ui[f"status_{d.status}"],
                "count": edition.ui["measure_count"].format(count=len(edition.measures)),
                "href": relative_href(notice_home(d.slug, language), here),
                # its offline copy, from its own downloads
                "offline": relative_href(
                    f"{d.slug}/downloads/{offline_zip_filename(d.slug)}", here
                ),
                "offline_label": edition.ui["download_offline"],
                # its official interpretation (政策解读), listed with it
                "interpretation": relative_href(
                    notice_home(d.slug, language) + page_path(INTERPRETATION), here
                )
                if edition.interpretation
                else None,
                "interpretation_label": edition.ui["interpretation"],
                "tokens": " ".join(tokens),
                "order": order,
            }
        )
    found.sort(key=lambda r: (not r["in_force"], _negated(r["date"]), r["order"]))
    return found


def _negated(date: str) -> str:
    # newest first: a date's digits turned round (no date sorts last)
    return "".join(str(9 - int(c)) if c.isdigit() else c for c in date) if date else "~"


def filters(
    notices: list[dict[str, Listed]], language: str, table: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """A list's filter groups: status, issuer, year, theme; each choice with the number of
    the rows shown (`table`, the rows of `notices`) it shows, those showing none left out."""
    table = rows(notices, language) if table is None else table
    ui = notices[0][language].ui

    def count(token: str) -> int:
        return sum(token in r["tokens"].split() for r in table)

    statuses = [s for s in Document.STATUSES if count(f"status-{s}")]
    issuers = list(dict.fromkeys(e[language].document.issuer for e in notices))
    years = sorted({r["date"][:4] for r in table if r["date"]}, reverse=True)
    themes: dict[str, str] = {}
    for editions in notices:
        notice = editions[language]
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
    found = [
        {
            "label": label,
            "choices": [{"key": k, "label": t, "count": n} for k, t in items if (n := count(k))],
        }
        for label, items in groups
    ]
    return [group for group in found if group["choices"]]


# A list of more than LONG notices (the home page's, an issuer's, a theme's) shows the first
# NEWEST of them (in force first, newest first) and links the pages of each year, which list
# every notice of their year: each notice is a link or two from the home page, with no
# script, and no page grows with the library (at 1,000 notices, about 200 KB of HTML at
# most: bench/library_pages.py). A year's own page lists all its notices, cut where they are
# many into pages of at most PAGE notices (/years/2024/, /years/2024/2/, …, linked by a line
# of page links); a theme's lists at most PAGE_MEASURES measures a page (a notice's measures
# never cut: one with more is alone on its page), its first page the theme's newest.
LONG = 100
NEWEST = 50
PAGE = 100
PAGE_MEASURES = 400


def shown(items: list[Any]) -> list[Any]:
    """What a list of items shows: all of them, or the first NEWEST of a long one."""
    return items if len(items) <= LONG else items[:NEWEST]


def parts(weights: list[int], budget: int, most: int) -> list[range]:
    """Items of these weights cut into consecutive pages of at most `most` items weighing at
    most `budget` together (an item heavier than that alone on its page): at least one."""
    found, start, load = [], 0, 0
    for k, weight in enumerate(weights):
        if k > start and (k - start >= most or load + weight > budget):
            found.append(range(start, k))
            start, load = k, 0
        load += weight
    return [*found, range(start, len(weights))]


def pager(
    sources: list[str], page: int, counts: list[int], language: str, ui: dict[str, str]
) -> list[dict[str, Any]]:
    """The line of links to the pages (`sources`) a list is cut into, each with the number
    of notices it lists, the `page`th marked, as `browse` gives its lines; none where the
    list is one page."""
    if len(sources) < 2:
        return []
    prefix = languages.of(language).prefix
    here = prefix + page_path(sources[page - 1])
    links = [
        {
            "href": page_href(prefix + page_path(source), here),
            "label": ui["library_page"].format(page=k),
            "count": count,
            "current": k == page,
        }
        for k, (source, count) in enumerate(zip(sources, counts, strict=True), 1)
    ]
    return [{"label": ui["library_pages"], "links": links}]


def paged_title(title: str, page: int, ui: dict[str, str]) -> str:
    """A list's title on its `page`th page: 2024 年的文件（第 2 页）."""
    return title if page == 1 else f"{title}（{ui['library_page'].format(page=page)}）"


def year_of(document: Document) -> str:
    """The year whose page lists the notice: its date's (Document.when), else UNDATED."""
    return document.when[:4] or UNDATED


def year_label(year: str, ui: dict[str, str]) -> str:
    return ui["library_undated"] if year == UNDATED else ui["library_year"].format(year=year)


def _years(documents: list[Document]) -> list[str]:
    """The years of these notices, newest first, UNDATED last."""
    return _ordered({year_of(d) for d in documents})


def _ordered(years: set[str]) -> list[str]:
    """Years newest first, UNDATED last."""
    return sorted(years - {UNDATED}, reverse=True) + ([UNDATED] if UNDATED in years else [])


def _issuers(notices: list[dict[str, Listed]]) -> dict[str, int]:
    """The issuers of these notices, by their Simplified name (their pages' address), in the
    order the site first lists them, with the number of their notices."""
    counted: dict[str, int] = {}
    for editions in notices:
        issuer = editions[DEFAULT_LANGUAGE].document.issuer
        counted[issuer] = counted.get(issuer, 0) + 1
    return counted


def browse(
    notices: list[dict[str, Listed]], language: str, here: str, current: str = ""
) -> list[dict[str, Any]]:
    """The links of a list of notices to the pages of each year and each issuer (with the
    number of notices each lists), the page at `here` (made from `current`) marked."""
    ui = notices[0][language].ui
    prefix = languages.of(language).prefix
    documents = [e[DEFAULT_LANGUAGE].document for e in notices]
    names = {e[DEFAULT_LANGUAGE].document.issuer: e[language].document.issuer for e in notices}

    def link(source: str, label: str, count: int) -> dict[str, Any]:
        return {
            "href": page_href(prefix + page_path(source), here),
            "label": label,
            "count": count,
            "current": source == current,
        }

    years = [
        link(year_source(y), year_label(y, ui), sum(year_of(d) == y for d in documents))
        for y in _years(documents)
    ]
    issuers = [
        link(issuer_source(issuer), names[issuer], count)
        for issuer, count in _issuers(notices).items()
    ]
    return [
        {"label": ui["library_by_year"], "links": years},
        {"label": ui["library_by_issuer"], "links": issuers},
    ]


def search_form(notices: list[dict[str, Listed]], language: str) -> dict[str, Any]:
    """The home page's search of every notice, with its filters (status, issuer, year): the
    worker reads them in the query (状态:现行有效, render/shards.py), which the form writes
    (measures.js) and Material's search box opens with (?q=)."""
    ui = notices[0][language].ui
    documents = [e[language].document for e in notices]
    statuses = [s for s in Document.STATUSES if any(d.status == s for d in documents)]
    groups = [
        ("status", ui["library_filter_status"], [ui[f"status_{s}"] for s in statuses]),
        ("issuer", ui["library_filter_issuer"], list(dict.fromkeys(d.issuer for d in documents))),
        (
            "year",
            ui["library_filter_year"],
            sorted({d.when[:4] for d in documents if d.when}, reverse=True),
        ),
    ]
    return {
        "label": ui["library_search"],
        "submit": ui["library_search_submit"],
        "all": ui["filter_all"],
        "groups": [
            {"kind": kind, "name": ui[f"search_filter_{kind}"], "label": label, "options": options}
            for kind, label, options in groups
        ],
    }


def listing(
    site: Site,
    everything: list[dict[str, Listed]],
    listed: list[dict[str, Listed]],
    language: str,
    source: str,
    title: str,
    intro: str,
    back: dict[str, str] | None = None,
    *,
    part: range | None = None,
    pages: list[dict[str, Any]] | None = None,
    search: dict[str, Any] | None = None,
) -> str:
    """A page listing the notices `listed` of the library (`everything`), as a table (the
    first NEWEST where they are many, or the rows of one `part` of a year's, with the links
    to its other `pages`) with its filters, and the links to every year's and issuer's page
    (library.html); the home page has the `search` of every notice (search_form)."""
    ui = everything[0][language].ui
    here = languages.of(language).prefix + page_path(source)
    table = rows(listed, language, here)
    visible = shown(table) if part is None else table[part.start : part.stop]
    meta = {
        "template": "library.html",
        "title": title,
        "description": intro,
        "hide": ["toc", "navigation"],
        "tm": {
            "name": title,
            "intro": intro,
            "back": back,
            "rows": visible,
            "count": len(visible),
            "newest": ui["library_newest"].format(shown=len(visible), count=len(table))
            if len(visible) < len(table) and part is None
            else "",
            "pages": pages or [],
            "filters": filters(listed, language, visible),
            "browse": browse(everything, language, here, source),
            "search": search,
        },
    }
    keywords = [t.label for t in shared_themes(listed, language).values()]
    return _page(meta, language, ui, gov_meta(listed, language, "home", title, keywords))


def home(site: Site, notices: list[dict[str, Listed]], language: str) -> str:
    """/ and /zh-Hant/ (source: index.md): every notice of the site (the newest where they
    are many)."""
    ui = notices[0][language].ui
    intro = ui["library_intro"].format(count=len(notices))
    return listing(
        site,
        notices,
        notices,
        language,
        HOME,
        site_name(site, language),
        intro,
        search=search_form(notices, language),
    )


def _of_year(notices: list[dict[str, Listed]], year: str) -> list[dict[str, Listed]]:
    return [e for e in notices if year_of(e[DEFAULT_LANGUAGE].document) == year]


def year_parts(notices: list[dict[str, Listed]], year: str) -> list[range]:
    """The pages of the year's list: its rows, PAGE a page."""
    return parts([1] * len(_of_year(notices, year)), PAGE, PAGE)


def year_page(
    site: Site, notices: list[dict[str, Listed]], language: str, year: str, page: int = 1
) -> str:
    """/years/<year>/ (/years/undated/): every notice of the year, those in force first; its
    `page`th page (/years/<year>/<page>/) where they are many (year_parts)."""
    listed = _of_year(notices, year)
    ui = notices[0][language].ui
    title = (
        ui["library_undated_title"]
        if year == UNDATED
        else ui["library_year_title"].format(year=year)
    )
    cut = year_parts(notices, year)
    sources = [year_source(year, k) for k in range(1, len(cut) + 1)]
    return listing(
        site,
        notices,
        listed,
        language,
        sources[page - 1],
        paged_title(title, page, ui),
        ui["library_list_intro"].format(count=len(listed)),
        _back_home(language, sources[page - 1], ui),
        part=cut[page - 1],
        pages=pager(sources, page, [len(p) for p in cut], language, ui),
    )


def issuer_page(site: Site, notices: list[dict[str, Listed]], language: str, issuer: str) -> str:
    """/issuers/<name>/: every notice of one issuer (its Simplified name), the newest where
    they are many (every one is on its year's page)."""
    listed = [e for e in notices if e[DEFAULT_LANGUAGE].document.issuer == issuer]
    ui = notices[0][language].ui
    name = listed[0][language].document.issuer
    return listing(
        site,
        notices,
        listed,
        language,
        issuer_source(issuer),
        ui["library_issuer_title"].format(name=name),
        ui["library_list_intro"].format(count=len(listed)),
        _back_home(language, issuer_source(issuer), ui),
    )


def _back_home(language: str, source: str, ui: dict[str, str]) -> dict[str, str]:
    prefix = languages.of(language).prefix
    return {"href": page_href(prefix, prefix + page_path(source)), "label": ui["home"]}


def gov_meta(
    notices: list[dict[str, Listed]], language: str, column: str, title: str, keywords: list[str]
) -> dict[str, str]:
    """A library page's identity <meta> tags (gov.page_meta): its section, its title, the
    issuers of the notices it lists, its themes; no date (the page lists several)."""
    ui = notices[0][language].ui
    issuers = dict.fromkeys(e[language].document.issuer for e in notices)
    return page_meta(ui[column], title, "", "、".join(issuers), keywords)


def _page(meta: dict[str, Any], language: str, ui: dict[str, str], gov: dict[str, str]) -> str:
    meta = {**meta, "title": str(escape(meta["title"]))}
    meta["description"] = str(escape(meta["description"]))
    meta["tm"] = {
        **meta["tm"],
        "ui": ui,
        "og_locale": languages.of(language).og_locale,
        "gov": gov,
    }
    return front_matter(meta)


def shared_themes(notices: list[dict[str, Listed]], language: str) -> dict[str, Any]:
    """Every theme some notice's measures have, by slug (shared across the site: one label
    per slug, library.check_library), with the first description given."""
    found: dict[str, Any] = {}
    for editions in notices:
        notice = editions[language]
        for t in notice.themes:
            if notice.measures_of(t.slug) and t.slug not in found:
                found[t.slug] = t
    return found


def _theme_notices(notices: list[dict[str, Listed]], language: str, slug: str) -> list[dict]:
    """Every notice with the theme, as a group of its measures, those in force first, newest
    first, then in the site's order."""
    every = []
    for order, editions in enumerate(notices):
        measures = editions[language].measures_of(slug)
        if measures:
            d = editions[language].document
            every.append(
                {
                    "in_force": d.in_force,
                    "date": d.when,
                    "year": year_of(editions[DEFAULT_LANGUAGE].document),
                    "order": order,
                    "measures": measures,
                }
            )
    every.sort(key=lambda g: (not g["in_force"], _negated(g["date"]), g["order"]))
    return every


def _theme_parts(groups: list[dict], most: int) -> list[range]:
    return parts([len(g["measures"]) for g in groups], PAGE_MEASURES, most)


def _long_theme(every: list[dict]) -> bool:
    """Whether a theme's notices are too many for one page: more than LONG of them, or more
    measures than a page lists."""
    return len(every) > LONG or len(_theme_parts(every, len(every) or 1)) > 1


def theme_page(
    notices: list[dict[str, Listed]],
    language: str,
    slug: str,
    year: str | None = None,
    page: int = 1,
) -> str:
    """/themes/<slug>/ of the library: the measures of every notice with the theme, notice by
    notice, those in force first, newest first (where they are many, _long_theme: the first
    NEWEST notices, at most PAGE_MEASURES measures); the others apart, under 不再有效; where
    they are many, the links to the theme's page of each year, /themes/<slug>/<year>/
    (`year`: that page, every notice of the year, its `page`th page where they are many)."""
    theme = shared_themes(notices, language)[slug]
    ui = notices[0][language].ui
    prefix = languages.of(language).prefix
    every = _theme_notices(notices, language, slug)
    if year is None:
        sources = [theme_source(slug)]
        first = _theme_parts(every, NEWEST)[0] if _long_theme(every) else range(len(every))
        groups = every[first.start : first.stop]
        pages: list[dict[str, Any]] = []
    else:
        of_year = [g for g in every if g["year"] == year]
        cut = _theme_parts(of_year, PAGE)
        sources = [theme_year_source(slug, year, k) for k in range(1, len(cut) + 1)]
        groups = of_year[cut[page - 1].start : cut[page - 1].stop]
        pages = pager(sources, page, [len(p) for p in cut], language, ui)
    here = prefix + page_path(sources[page - 1])
    groups = [dict(g) for g in groups]
    for g in groups:
        d = notices[g["order"]][language].document
        home = notice_home(d.slug, language)
        g |= {
            "title": d.title,
            "href": relative_href(home, here),
            "status_label": ui[f"status_{d.status}"],
            "measures": [
                {
                    "mark": m.mark,
                    "title": m.title,
                    "href": relative_href(home + page_path(measure_source(m.key)), here),
                }
                for m in g["measures"]
            ],
        }
    count = sum(len(g["measures"]) for g in groups)
    years = [
        {
            "href": page_href(prefix + page_path(theme_year_source(slug, y)), here),
            "label": year_label(y, ui),
            "count": sum(g["year"] == y for g in every),
            "current": y == year,
        }
        for y in (_ordered({g["year"] for g in every}) if _long_theme(every) else [])
    ]
    if year is None:
        title = f"{ui['themes']}：{theme.label}"
        back = {
            "href": relative_href(prefix + page_path(THEMES_INDEX), here),
            "label": ui["themes"],
        }
        label = theme.label
    else:
        title = paged_title(f"{ui['themes']}：{theme.label}（{year_label(year, ui)}）", page, ui)
        back = {
            "href": relative_href(prefix + page_path(theme_source(slug)), here),
            "label": theme.label,
        }
        label = paged_title(f"{theme.label}（{year_label(year, ui)}）", page, ui)
    meta = {
        "template": "library-theme.html",
        "title": title,
        "description": theme.description or theme.label,
        "hide": ["toc"],
        "tm": {
            "label": label,
            "description": theme.description,
            "count": ui["measure_count"].format(count=count),
            "back": back,
            "newest": ui["library_theme_newest"].format(shown=len(groups), count=len(every))
            if len(groups) < len(every) and year is None
            else "",
            "years": years,
            "years_label": ui["library_by_year"],
            "pages": pages,
            "in_force": [g for g in groups if g["in_force"]],
            "gone": [g for g in groups if not g["in_force"]],
        },
    }
    listed = [notices[g["order"]] for g in groups]
    return _page(
        meta, language, ui, gov_meta(listed, language, "themes_title", meta["title"], [theme.label])
    )


def theme_years(notices: list[dict[str, Listed]], slug: str) -> dict[str, int]:
    """The theme's own pages of each year, with the number of pages each is cut into: for
    each year of its notices where they are many (_long_theme: its page then shows the
    newest), else none (its page lists them all)."""
    every = _theme_notices(notices, DEFAULT_LANGUAGE, slug)
    if not _long_theme(every):
        return {}
    return {
        y: len(_theme_parts([g for g in every if g["year"] == y], PAGE))
        for y in _ordered({g["year"] for g in every})
    }


def themes_page(notices: list[dict[str, Listed]], language: str) -> str:
    """/themes/ of the library: every theme, with the number of measures across notices."""
    ui = notices[0][language].ui
    prefix = languages.of(language).prefix
    themes = []
    for slug, t in shared_themes(notices, language).items():
        count = sum(len(e[language].measures_of(slug)) for e in notices)
        themes.append(
            {
                "slug": slug,
                "label": t.label,
                "description": t.description,
                "href": relative_href(
                    prefix + page_path(theme_source(slug)), prefix + page_path(THEMES_INDEX)
                ),
                "count": ui["measure_count"].format(count=count),
            }
        )
    meta = {
        "template": "themes.html",
        "title": ui["themes_title"],
        "description": ui["themes_intro"],
        "hide": ["toc"],
        "tm": {"themes": themes},
    }
    labels = [t["label"] for t in themes]
    return _page(
        meta, language, ui, gov_meta(notices, language, "themes_title", meta["title"], labels)
    )


def sources(site: Site, notices: list[dict[str, Listed]]) -> dict[str, dict[str, str]]:
    """Every generated file of the library's own pages, per script, by path under docs/<lang>/."""
    found: dict[str, dict[str, str]] = {}
    documents = [e[DEFAULT_LANGUAGE].document for e in notices]
    for language in notices[0]:
        pages = {HOME: home(site, notices, language), THEMES_INDEX: themes_page(notices, language)}
        for slug in shared_themes(notices, language):
            pages[theme_source(slug)] = theme_page(notices, language, slug)
            for year, count in theme_years(notices, slug).items():
                for k in range(1, count + 1):
                    pages[theme_year_source(slug, year, k)] = theme_page(
                        notices, language, slug, year, k
                    )
        for year in _years(documents):
            for k in range(1, len(year_parts(notices, year)) + 1):
                pages[year_source(year, k)] = year_page(site, notices, language, year, k)
        for issuer in _issuers(notices):
            pages[issuer_source(issuer)] = issuer_page(site, notices, language, issuer)
        found[language] = pages
    return found


FEED = "feed.xml"
# The feed's newest entries: a reader polls it for what is new (the site's pages and
# notices.json list every notice), so it stays the same size as the library grows.
FEED_ENTRIES = 50
NOTICES_JSON = "notices.json"


def sitemap_index(site_url: str, slugs: list[str]) -> str:
    """A library's /sitemap.xml (templates/sitemap-index.xml.j2): a sitemap index
    (sitemaps.org) of its own pages' sitemap and each notice's, /<slug>/sitemap.xml."""
    sitemaps = [f"{site_url}{LIBRARY_SITEMAP}", *(f"{site_url}{s}/{SITEMAP}" for s in slugs)]
    template = environment("notice_site.library").get_template("sitemap-index.xml.j2")
    return template.render(sitemaps=sitemaps)


def notices_data(site: Site, notices: list[dict[str, Listed]], site_url: str) -> dict[str, Any]:
    """/notices.json: the site and every notice's metadata, with links to its own data."""
    listed = []
    for scripts in notices:
        notice = scripts[DEFAULT_LANGUAGE]
        d = notice.document
        home = f"{site_url}{d.slug}/"
        fields = {name: getattr(d, name) for name in Document.DATES if getattr(d, name)}
        listed.append(
            {
                "slug": d.slug,
                "title": d.title,
                "number": d.number,
                "issuer": d.issuer,
                "status": d.status,
                **({"replaced_by": d.replaced_by} if d.replaced_by else {}),
                **({"replaces": list(d.replaces)} if d.replaces else {}),
                **fields,
                "measures": len(notice.measures),
                "url": home,
                "json": f"{home}{OPEN_DATA_JSON}",
                "csv": f"{home}{OPEN_DATA_CSV}",
                **(
                    {"interpretation": f"{home}{page_path(INTERPRETATION)}"}
                    if notice.interpretation
                    else {}
                ),
            }
        )
    return {"name": site.name, "owner": site.owner, "url": site_url, "notices": listed}


def feed_xml(site: Site, notices: list[dict[str, Listed]], site_url: str) -> str:
    """/feed.xml (Atom, templates/feed.xml.j2): one entry per notice, from the data's dates
    (its publication and its status), and one per amendment another notice of the site made
    to it (amendment_entries), newest first, the newest FEED_ENTRIES of them."""
    entries = []
    for scripts in notices:
        notice = scripts[DEFAULT_LANGUAGE]
        d = notice.document
        entries.append(
            {
                "id": f"{site_url}{d.slug}/",
                "url": f"{site_url}{d.slug}/",
                "title": d.title,
                "date": d.when,
                "summary": f"{d.number} {d.issuer} · {notice.ui[f'status_{d.status}']}",
            }
        )
        entries += amendment_entries(notice, site_url)
    # newest first; on one day, in the order made (a notice before its amendments)
    entries = sorted(entries, key=lambda e: e["date"], reverse=True)[:FEED_ENTRIES]
    for entry in entries:
        entry["updated"] = f"{entry['date'] or '1970-01-01'}T00:00:00Z"
    newest = max((e["date"] for e in entries), default="") or "1970-01-01"
    return (
        environment("notice_site.library")
        .get_template("feed.xml.j2")
        .render(
            site_url=site_url,
            name=site.name,
            owner=site.owner or site.name,
            updated=f"{newest}T00:00:00Z",
            entries=entries,
        )
    )


def amendment_entries(notice: Listed, site_url: str) -> list[dict[str, str]]:
    """The feed's entries for what other notices of the site did to this one (its
    History's amendments): one per amending notice, provision and day (effects one notice
    makes to one provision on one day make one new version), titled 《被修改文件》根据《修改
    文件》修订 (废止, 替代 for the whole notice), dated the day it takes effect, linked to the
    provision's page or the notice's. Its id is the address of what it made: the dated page
    of the provision's version (with the amending notice's slug, as two notices may amend
    one provision on one day), or the notice's with the kind of its ending."""
    d = notice.document
    ui = notice.ui
    there = f"{site_url}{d.slug}/"
    measures = {m.key: m for m in notice.measures}
    entries: dict[str, dict[str, str]] = {}
    for a in notice.amendments:
        key = a.effect.target.provision
        status = STATUS.get(a.effect.kind, AMENDED)
        title = ui[f"feed_{status}"]
        text = note(a, ui, there, DEFAULT_LANGUAGE)
        if key:
            # the note the provision's page shows: 根据…第一条修订，自…起施行。
            summary = f"{text['before']}{text['link']}{text['after']}"
            m = measures.get(key)
            summary = f"{m.mark}{m.title} {summary}" if m is not None else summary
            url = measure_url(there, DEFAULT_LANGUAGE, key)
            at = f"{version_url(there, DEFAULT_LANGUAGE, key, a.date)}#{a.slug}"
        else:
            # the whole notice: the provision ending it, and the status it gives (已废止)
            summary = f"{text['link']} · {ui[f'status_{status}']}"
            url = there
            at = f"{there}#{a.effect.kind}-{a.slug}"
        entries.setdefault(
            at,
            {
                "id": at,
                "url": url,
                "title": title.format(amended=_inner(d.title), amending=_inner(a.title)),
                "date": a.date,
                "summary": summary,
            },
        )
    return list(entries.values())


def _inner(title: str) -> str:
    """A title set inside 《》: the 《》 it holds become 〈〉, as Chinese nests them."""
    return title.replace("《", "〈").replace("》", "〉")


REDIRECT_SCRIPT = "assets/javascripts/redirect.js"
# nginx's map of every moved URL to its new one (deploy/nginx-library.conf includes it)
REDIRECT_MAP = "redirects.map"


def moved(
    notice_dir: Path, site_dir: Path, slug: str, site_url: str, ui: dict[str, dict[str, str]]
):
    """The URLs a notice published at the site's root before the site held several, now
    under /<slug>/: a redirect page at each of its pages' old paths that the library does
    not use itself, and for nginx (REDIRECT_MAP) every old path, pages and files, with its
    new one. Returns the number of pages written."""

    base = base_path(site_url)
    template = environment("notice_site.library").get_template("redirect.html.j2")
    lines = []
    pages = 0
    for path in sorted(notice_dir.rglob("*")):
        relative = path.relative_to(notice_dir).as_posix()
        if not path.is_file() or relative.startswith(_NOT_MOVED):
            continue
        if relative.endswith("index.html"):
            old = relative.removesuffix("index.html")
        elif path.suffix in {".json", ".csv", ".pdf", ".zip"}:
            old = relative
        else:
            continue
        new = f"{slug}/{old}"
        target = site_dir / relative
        if target.exists():
            continue  # the library's own page (its home, a theme) stands there now
        lines.append(f"{base}{old} {base}{new};")
        if not relative.endswith("index.html"):
            continue  # a file: nginx redirects it (REDIRECT_MAP)
        depth = relative.count("/")
        up = "../" * depth
        language = languages.of_path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            template.render(
                language=language,
                moved=ui[language]["moved"],
                target=f"{up}{new}",
                target_url=f"{site_url}{new}",
                script=f"{up}{REDIRECT_SCRIPT}",
            ),
            encoding="utf-8",
        )
        pages += 1
    script = site_dir / REDIRECT_SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_bytes((Path(__file__).parent / "templates" / "redirect.js").read_bytes())
    (site_dir / REDIRECT_MAP).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pages


# What a notice's own build has that never moves: the theme's assets, its search index,
# its 404 pages and sitemap (a library has its own).
_NOT_MOVED = (
    "assets/",
    "sitemap",
    *(
        f"{languages.of(code).prefix}{name}"
        for code in LANGUAGES
        for name in ("search/", "404.html")
    ),
)
