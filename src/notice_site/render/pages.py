"""Turn a notice (in one script) into the sources of its pages and data files.

Each page is front matter (JSON, which YAML reads as is) holding the plain data
its template in overrides/ needs, and a body rendered from a Jinja2 template in
this package with autoescaping on: text from the data can never become markup.
Links between pages are relative, so the site works under any path; they
point at folders (measures/13/) in the published site and at files
(measures/13.html) in the offline copy, opened from file://. Permanent
(absolute) URLs start with the site's URL in both.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from notice_site.model import languages
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES
from notice_site.model.notice import SHOWN, Neighbourhood, Notice
from notice_site.model.numerals import chinese_numeral
from notice_site.model.references import explaining, page_of
from notice_site.model.tree import Division, Measure, Row, Table, spaced
from notice_site.model.urls import (
    ABOUT,
    DOWNLOADS_DIR,
    HOME,
    INTERPRETATION,
    MEASURES_INDEX,
    OPEN_DATA_CSV,
    OPEN_DATA_JSON,
    THEMES_INDEX,
    VERSIONS,
    booklet_filename,
    clause_url,
    division_filename,
    division_source,
    division_url,
    interpretation_url,
    language_root,
    measure_filename,
    measure_source,
    measure_url,
    offline_zip_filename,
    page_path,
    page_sources,
    relative_href,
    sibling_site,
    source_of,
    table_csv_path,
    theme_source,
)
from notice_site.render.amendments import changes_made
from notice_site.render.gov import page_meta
from notice_site.render.opendata import (
    SCHEMA_NAME,
    csv_columns,
    notice_csv,
    notice_json,
    table_csv,
)
from notice_site.render.parts import (
    explained,
    interpretation_sections,
    row_ref,
    table_data,
)
from notice_site.render.templating import environment, front_matter
from notice_site.render.versions import VersionPages

if TYPE_CHECKING:
    from notice_site.model.versions import History

__all__ = ["Pages"]


# A measure page lists at most this many other measures sharing a theme, the
# nearest by number; its theme links lead to all of them. The real notice has
# at most 6, so its pages are unchanged.
SAME_THEME_LIMIT = SHOWN


class Pages:
    """The page sources of one edition (one script) of the notice."""

    def __init__(
        self,
        notice: Notice,
        ui: dict[str, str],
        language: str,
        site_url: str,
        directory_urls: bool = True,
        offline: bool = False,
        predecessors: list[dict[str, str]] | None = None,
        near: Neighbourhood | None = None,
        history: History | None = None,
    ) -> None:
        self.notice = notice
        # the notices this one replaces, where the site holds them (title, URL)
        self.predecessors = predecessors or []
        # in a library, what it shows of the other notices (site_file.neighbourhood)
        self.near = near or Neighbourhood()
        self.ui = ui
        self.language = language
        self.root = language_root(site_url, language)
        self.site_url = language_root(site_url, DEFAULT_LANGUAGE)
        self.directory_urls = directory_urls
        # The offline copy ships only the booklets: a measure page offers its
        # script's booklet instead of its own PDF, and the home page no zip.
        self.offline = offline
        # this script's folder under the site's root, where downloads/ is
        self.prefix = languages.of(language).prefix
        # where other notices amended it: its versions' pages (render/versions.py)
        self.versions = VersionPages(self, history) if history and history.amended else None
        # where it amends others: what it changes (its effects), listed on its pages
        self.changes = changes_made(
            notice, self.near.measures, self.near.titles, ui, self.site_url, language
        )

    # -- helpers ---------------------------------------------------------------

    def render_page(
        self,
        meta: dict[str, Any],
        template: str,
        column: str,
        keywords: list[str] | None = None,
        article_title: str | None = None,
        **context: Any,
    ) -> str:
        """The page source: front matter (`meta`, plus what every page carries) and the
        body rendered from `template`. `column` names the section the page belongs to and
        `keywords` its themes (all the notice's by default), for its identity <meta> tags
        (gov.page_meta; ArticleTitle: `article_title`, else the page's title)."""
        d = self.notice.document
        gov = page_meta(
            self.ui[column],
            article_title or meta["title"],
            d.when,
            d.issuer,
            keywords if keywords is not None else [t.label for t in self.notice.themes],
        )
        # Material prints page.title and page.meta.description without escaping,
        # so they are handed over escaped; our own templates use the raw data.
        meta = {**meta, "title": str(escape(meta["title"]))}
        if "description" in meta:
            meta["description"] = str(escape(meta["description"]))
        meta["tm"] = {
            **meta.get("tm", {}),
            "ui": self.ui,
            "og_locale": languages.of(self.language).og_locale,
            "document": self._document(),
            "gov": gov,
        }
        body = (
            environment("notice_site.render").get_template(template).render(ui=self.ui, **context)
        )
        return front_matter(meta) + body

    def _document(self) -> dict[str, Any]:
        return self.notice.document.as_dict()

    def measure_url(self, key: str) -> str:
        return measure_url(self.site_url, self.language, key)

    def _path(self, source: str) -> str:
        # where the page made from docs/<lang>/<source> is, from the site's root
        return self.prefix + page_path(source, self.directory_urls)

    def href(self, source: str, to: str) -> str:
        """The link on the page made from `source` to the page made from `to` (both .md)."""
        return relative_href(self._path(to), self._path(source))

    def _file_href(self, source: str, path: str) -> str:
        # a file by its path from the site's root (downloads/, the schema)
        return relative_href(path, self._path(source))

    def download(self, source: str, filename: str) -> str:
        """The link on the page made from `source` to a file under downloads/."""
        return self._file_href(source, f"{DOWNLOADS_DIR}/{filename}")

    def _link(self, m: Measure, source: str) -> dict[str, Any]:
        # a link to measure m on the page made from `source`
        return {
            "number": m.key,
            "numeral": chinese_numeral(m.shown),
            "mark": m.mark,
            # in the index's number column: 一, （三）, 第五条, 2
            "short_mark": (m.label or chinese_numeral(m.shown)).rstrip("、．. \u3000")
            if m.numbered
            else "",
            "title": m.heading + (self.ui["deleted_mark"] if m.deleted else ""),
            "href": self.href(source, measure_source(m.key)),
        }

    def _division_link(self, d: Division, source: str) -> dict[str, Any]:
        return {
            "address": d.address,
            "mark": spaced(d.label),
            "title": d.title,
            "href": self.href(source, division_source(d.address)),
        }

    def _outline(self, source: str, node: Notice | Division) -> list[dict[str, Any]]:
        """What stands in `node` (the notice, or a division), as links, a division holding
        its own outline: the one walk of the tree the home page, the division pages and
        the index take."""
        out: list[dict[str, Any]] = []
        for item in node.children:
            if isinstance(item, Table):
                continue  # shown whole on its division's page
            if isinstance(item, Division):
                out.append(
                    {
                        **self._division_link(item, source),
                        "contents": self._outline(source, item),
                    }
                )
            else:
                out.append(self._link(item, source))
        return out

    def _themes(self, slugs: tuple[str, ...], source: str) -> list[dict[str, str]]:
        return [
            {
                "slug": slug,
                "label": self.notice.theme(slug).label,
                "href": self.href(source, theme_source(slug)),
            }
            for slug in slugs
        ]

    def _same_theme(self, number: int) -> list[int]:
        shared = self.notice.sharing_a_theme(number)
        return sorted(sorted(shared, key=lambda n: (abs(n - number), n))[:SAME_THEME_LIMIT])

    def _elsewhere(self, m: Measure) -> list[dict[str, Any]]:
        """Measures of the library's other notices sharing a theme with m: those in force
        first, then those of the notices nearest this one in the site (Neighbours), at most
        SHOWN; absolute links (the offline copy holds one notice)."""
        return [
            {
                "mark": x.mark,
                "title": f"{x.title}（{x.notice}）",
                "href": measure_url(sibling_site(self.site_url, x.slug), self.language, x.key),
            }
            for x in self.near.sharing(m.themes)
        ]

    def row_ref(self, t: Table, row: Row) -> str:
        """A row's reference: 附件2序号23, 附件2第23行."""
        return row_ref(t, row, self.ui)

    def _table(self, t: Table, url: str) -> dict[str, Any]:
        return table_data(t, url, self.ui, self.notice.document)

    @cached_property
    def _explaining(self) -> dict[tuple[str, str], tuple[str, ...]]:
        return explaining(self.notice)

    def _explained(self, node: Measure | Division, source: str) -> list[dict[str, str]]:
        """Links to the paragraphs of the interpretation that name `node` (第三条)."""
        anchors = self._explaining.get(page_of(node), ())
        return explained(self.notice, anchors, self.href(source, INTERPRETATION))

    def label_of(self, m: Measure) -> str:
        """How a citation names the measure: the source's label (（三）, 第五条), or 第N条."""
        return m.cited_as(self.ui["measure_label"], self.ui["measure_unnumbered"])

    def clauses(self, m: Measure, url: str, page_url: str = "") -> list[dict[str, Any]]:
        """Its sentences as its page lists them: anchor, reference, text, link and citation,
        and the tables after the paragraph a sentence ends. The links are to the sentence on
        the provision's page, or on `page_url` (a version's, which keeps its wording)."""
        d = self.notice.document
        clauses = []
        # the last sentence of each paragraph: the tables after that paragraph follow it
        ends = {p.sentences[-1].k: k for k, p in enumerate(m.paragraphs, 1)}
        for s in m.sentences:
            link = f"{page_url}#{s.anchor}" if page_url else s.url(self.site_url, self.language)
            citation = self.ui["citation"].format(
                document=d.title,
                number=d.number,
                label=self.label_of(m),
                k=s.n,
                ref=s.ref,
                text=s.text,
                url=link,
            )
            clauses.append(
                {
                    "anchor": s.anchor,
                    "ref": s.ref,
                    "text": s.text,
                    "url": link,
                    "citation": citation,
                    "opens": s.opens,
                }
            )
            if s.k in ends and m.tables_after(ends[s.k]):
                clauses[-1]["tables"] = [self._table(t, url) for t in m.tables_after(ends[s.k])]
        return clauses

    # -- pages -----------------------------------------------------------------

    def measure(self, m: Measure) -> str:
        """/measures/<n>/ (source: measures/<n>.md). Long (about 85 lines) on purpose: it is
        the one list of what a measure's page holds, as overrides/measure.html reads it."""
        source = measure_source(m.key)
        numeral = chinese_numeral(m.shown)
        count = len(self.notice.measures)
        url = self.measure_url(m.key)
        clauses = self.clauses(m, url)
        meta = {
            "template": "measure.html",
            "title": f"{m.mark}{m.heading}",
            "description": m.clauses[0],
            "hide": ["toc"],
            "tm": {
                "number": m.key,
                "numeral": numeral,
                "mark": m.mark,
                # above the heading: 第十三条 (a measure whose heading carries its own label: none)
                "label": "" if m.label else self.label_of(m),
                # the divisions it stands in, from the top (none in a notice without them)
                "divisions": [self._division_link(d, source) for d in m.divisions_above],
                "departments": list(m.departments),
                "count": count,
                "title": m.heading,
                "url": url,
                "pdf": self.download(
                    source,
                    booklet_filename(self.notice.document.slug, self.language)
                    if self.offline
                    else measure_filename(self.language, m.key),
                ),
                "pdf_label": self.ui["download_booklet" if self.offline else "download_measure"],
                "themes": self._themes(m.themes, source),
                "related": [
                    self._link(self.notice.measure(n), source)
                    for n in self.notice.related_to(m.number)
                ],
                "same_theme": [
                    self._link(self.notice.measure(n), source) for n in self._same_theme(m.number)
                ],
                "elsewhere": self._elsewhere(m),
                "explained": self._explained(m, source),
                "versions": self.versions.for_measure(m, source) if self.versions else None,
                "deleted": m.deleted,
                "changes": [c for c in self.changes if c["by"] == m.key],
                "previous": (
                    self._link(self.notice.measure(m.number - 1), source) if m.number > 1 else None
                ),
                "next": (
                    self._link(self.notice.measure(m.number + 1), source)
                    if m.number < count
                    else None
                ),
            },
        }
        if m.tables:
            meta["tm"]["tables"] = True  # the page loads tables.css and tables.js
        if meta["tm"]["versions"]:
            meta["tm"][VersionPages.ASSETS] = True
        # references longer than 13.12 (d2-1.3) take a wider column
        wide = any(len(c["ref"]) > 5 for c in clauses)
        return self.render_page(
            meta,
            "measure.md.j2",
            "measures_index",
            [t["label"] for t in meta["tm"]["themes"]],
            measure=m,
            clauses=clauses,
            wide=wide,
        )

    def home(self) -> str:
        """/ (source: index.md)."""
        d = self.notice.document
        meta = {
            "template": "home.html",
            "title": d.short_title,
            # a notice whose text is its one provision has no preamble
            "description": d.preamble[0] if d.preamble else self.notice.measures[0].text,
            "hide": ["toc"],
            "tm": {
                "measures": [self._link(m, HOME) for m in self.notice.measures],
                # an amending notice: what it changes, after its text (render/versions.py)
                "changes": self.changes,
                # a notice with divisions lists its tree instead (the measures within them)
                "outline": self._outline(HOME, self.notice) if self.notice.divisions else [],
                # after the list: the attached document's closing; for measures in the
                # notice's own text, its closing and then its signature
                "closing": list(d.closing if d.in_body else d.attachment_closing),
                "signature": list(d.signature) if d.in_body else [],
                "booklets": [
                    {
                        "language": language,
                        "label": self.ui[f"edition_{language}"],
                        "href": self.download(HOME, booklet_filename(d.slug, language)),
                    }
                    for language in LANGUAGES
                ],
                "offline_zip": None
                if self.offline
                else self.download(HOME, offline_zip_filename(d.slug)),
                "interpretation": {
                    "title": self.notice.interpretation.title,
                    "href": self.href(HOME, INTERPRETATION),
                }
                if self.notice.interpretation
                else None,
            },
        }
        # several attached documents: each names itself (the notice lists them in its text)
        several = any(division.is_document for division in self.notice.divisions)
        return self.render_page(
            meta,
            "home.md.j2",
            "home",
            article_title=d.title,
            document=d,
            several=several,
            predecessors=self.predecessors,
            versions_href=self.href(HOME, VERSIONS) if self.versions else "",
        )

    def division(self, d: Division) -> str:
        """/divisions/<address>/ (source: divisions/<address>.md): a division's own paragraphs,
        what it holds, and (a document's) its closing."""
        source = division_source(d.address)
        meta = {
            "template": "division.html",
            "title": d.heading,
            "description": d.paragraphs[0] if d.paragraphs else d.heading,
            "hide": ["toc"],
            "tm": {
                "mark": spaced(d.label),
                "title": d.title,
                "url": division_url(self.site_url, self.language, d.address),
                "divisions": [self._division_link(p, source) for p in d.divisions_above],
                "paragraphs": list(d.paragraphs),
                "closing": list(d.closing),
                "contents": self._outline(source, d),
                "count": len(d.measures),
                "home_href": self.href(source, HOME),
                "explained": self._explained(d, source),
            },
        }
        if not d.tables:
            return self.render_page(meta, "empty.md.j2", "measures_index")
        # its tables are the page's body (a table of thousands of rows is no front matter)
        url = meta["tm"]["url"]
        meta["tm"]["tables"] = True
        # its PDF (the offline copy ships only the booklets)
        meta["tm"]["pdf"] = self.download(
            source,
            booklet_filename(self.notice.document.slug, self.language)
            if self.offline
            else division_filename(self.language, d.address),
        )
        own = "download_document" if d.is_document else "download_division"
        meta["tm"]["pdf_label"] = self.ui["download_booklet" if self.offline else own]
        return self.render_page(
            meta,
            "division.md.j2",
            "measures_index",
            tables=[self._table(t, url) for t in d.tables],
        )

    def measures_index(self) -> str:
        """/measures/ (source: measures/index.md): all measures in a table a theme filters,
        under the headings of the divisions they stand in (where the notice has them)."""
        departments = self.notice.all_departments
        rows = []
        for event, item, depth in self.notice.walk():
            if event == "enter" and isinstance(item, Division):
                link = self._division_link(item, MEASURES_INDEX)
                rows.append({"division": link, "level": depth + 1})
            elif isinstance(item, Measure):
                rows.append(
                    {
                        **self._link(item, MEASURES_INDEX),
                        "themes": self._themes(item.themes, MEASURES_INDEX),
                        "departments": [departments.index(x) + 1 for x in item.departments],
                    }
                )
        meta = {
            "template": "measures.html",
            "title": self.ui["measures_index"],
            "description": self.ui["measures_index_intro"],
            "hide": ["toc"],
            "tm": {
                "rows": rows,
                "count": len(self.notice.measures),
                "department_filters": [
                    {
                        "key": str(k),
                        "label": name,
                        "count": sum(name in m.departments for m in self.notice.measures),
                    }
                    for k, name in enumerate(departments, 1)
                ],
                "filters": [
                    {
                        "slug": t.slug,
                        "label": t.label,
                        "count": len(self.notice.measures_of(t.slug)),
                    }
                    for t in self.notice.themes
                ],
            },
        }
        return self.render_page(meta, "empty.md.j2", "measures_index")

    def themes_overview(self) -> str:
        """/themes/ (source: themes/index.md): every theme with its count."""
        meta = {
            "template": "themes.html",
            "title": self.ui["themes_title"],
            "description": self.ui["themes_intro"],
            "hide": ["toc"],
            "tm": {
                "themes": [
                    {
                        "slug": t.slug,
                        "label": t.label,
                        "description": t.description,
                        "href": self.href(THEMES_INDEX, theme_source(t.slug)),
                        "count": self.ui["measure_count"].format(
                            count=len(self.notice.measures_of(t.slug))
                        ),
                    }
                    for t in self.notice.themes
                ],
            },
        }
        return self.render_page(meta, "empty.md.j2", "themes_title")

    def theme(self, slug: str) -> str:
        """/themes/<slug>/ (source: themes/<slug>.md): the theme's measures in number order."""
        t = self.notice.theme(slug)
        source = theme_source(slug)
        measures = self.notice.measures_of(slug)
        meta = {
            "template": "theme.html",
            "title": f"{self.ui['themes']}：{t.label}",
            "description": t.description,
            "hide": ["toc"],
            "tm": {
                "slug": slug,
                "label": t.label,
                "description": t.description,
                "count": self.ui["measure_count"].format(count=len(measures)),
                "overview_href": self.href(source, THEMES_INDEX),
                "measures": [self._link(m, source) for m in measures],
            },
        }
        return self.render_page(meta, "empty.md.j2", "themes_title", [t.label])

    def interpretation(self) -> str:
        """/interpretation/ (source: interpretation.md): the official interpretation, its
        paragraphs each with an anchor, the provisions they name linked."""
        i = self.notice.interpretation
        source = INTERPRETATION
        sections = interpretation_sections(
            self.notice, lambda target: self.href(source, source_of(*page_of(target)))
        )
        meta = {
            "template": "interpretation.html",
            "title": i.title,
            "description": self.ui["interpretation_intro"],
            "hide": ["toc"],
            "tm": {
                "title": i.title,
                "url": interpretation_url(self.site_url, self.language),
                "home_href": self.href(source, HOME),
            },
        }
        return self.render_page(
            meta,
            "interpretation.md.j2",
            "interpretation",
            article_title=i.title,
            interpretation=i,
            sections=sections,
        )

    def about(self) -> str:
        """/about/ (source: about.md): the document, how the site is made, and the open data."""
        d = self.notice.document
        meta = {
            "template": "about.html",
            "title": self.ui["about"],
            "description": self.ui["about_intro"],
            "hide": ["toc"],
        }
        return self.render_page(
            meta,
            "about.md.j2",
            "about",
            document=d,
            example_url=clause_url(self.site_url, self.language, self.notice.measures[-1].key, 1),
            data={
                "json": self._file_href(ABOUT, f"{self.prefix}{OPEN_DATA_JSON}"),
                "csv": self._file_href(ABOUT, f"{self.prefix}{OPEN_DATA_CSV}"),
                # one schema for both scripts, at the site's root
                "schema": self._file_href(ABOUT, SCHEMA_NAME),
            },
            columns=csv_columns(self.notice),
        )

    def all(self) -> dict[str, str]:
        """Every generated file of this edition, keyed by its path under docs/<lang>/."""
        render = {
            "home": lambda _: self.home(),
            "measures_index": lambda _: self.measures_index(),
            "themes_index": lambda _: self.themes_overview(),
            "about": lambda _: self.about(),
            "interpretation": lambda _: self.interpretation(),
            "theme": self.theme,
            "measure": lambda key: self.measure(self.notice.by_key(key)),
            "division": lambda address: self.division(self.notice.division(address)),
        }
        files = {
            source_of(kind, key): render[kind](key)
            for kind, key in page_sources(
                (t.slug for t in self.notice.themes),
                (m.key for m in self.notice.measures),
                (d.address for d in self.notice.divisions),
                self.notice.interpretation is not None,
            )
        }
        files[OPEN_DATA_JSON] = notice_json(
            self.notice,
            self.language,
            self.site_url,
            f"{self.site_url}{SCHEMA_NAME}",
            self.versions.history if self.versions else None,
        )
        files[OPEN_DATA_CSV] = notice_csv(self.notice, self.language, self.site_url)
        for t in self.notice.tables:
            files[table_csv_path(t.id)] = table_csv(t, self.language, self.site_url)
        if self.versions:
            files.update(self.versions.all())
        return files
