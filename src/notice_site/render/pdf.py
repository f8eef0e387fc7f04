"""The notice as PDFs: a booklet per script and one PDF per measure, rendered by WeasyPrint.

Python hands plain data to the Jinja2 templates in templates/pdf/ (HTML
autoescaped, so text from the data never becomes markup); WeasyPrint lays them
out with the Noto CJK faces of the script (languages.py: SC for Simplified, TC
for Traditional), named explicitly because fontconfig would otherwise pick the
Japanese face. The output holds no dates or random identifiers, so the same
data gives the same bytes; that is what lets a build reuse the PDFs whose
input did not change.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import segno

from notice_site.model import languages
from notice_site.model.numerals import chinese_numeral
from notice_site.model.references import pieces
from notice_site.model.tree import Division, Measure, Table
from notice_site.model.urls import (
    booklet_filename,
    division_filename,
    division_url,
    language_root,
    measure_filename,
    measure_url,
    normalise_site_url,
    version_filename,
    version_url,
)
from notice_site.render.amendments import note, notes_of, when_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from notice_site.model.notice import Notice
    from notice_site.model.versions import History
    from notice_site.render.site import Edition


@dataclass(frozen=True)
class Job:
    """One PDF to render: the booklet of a script (number and division None), one measure's
    PDF, or the PDF of a division holding a table (an attached 商品编号表)."""

    language: str
    number: str | None = None  # the measure's address (Measure.key)
    division: str | None = None  # the division's address
    day: str | None = None  # an earlier version of the measure: the day it took effect

    def filename(self, slug: str) -> str:
        """Its file name under downloads/; a booklet's starts with the notice's slug."""
        if self.division is not None:
            return division_filename(self.language, self.division)
        if self.day is not None and self.number is not None:
            return version_filename(self.language, self.number, self.day)
        if self.number is None:
            return booklet_filename(slug, self.language)
        return measure_filename(self.language, self.number)


def all_jobs(editions: dict[str, Edition]) -> list[Job]:
    """Every PDF of the site, booklets first: they take longest, so a pool starts them first."""
    jobs = [Job(language) for language in editions]
    for language, edition in editions.items():
        jobs.extend(Job(language, m.key) for m in edition.notice.measures)
        jobs.extend(Job(language, division=d.address) for d in edition.notice.divisions if d.tables)
        history = edition.history
        if history is not None:
            jobs.extend(
                Job(language, key, day=history.day(v))
                for key, versions in history.versions.items()
                for v in versions
                if history.standing_of(v) != history.CURRENT
            )
    return jobs


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("notice_site.render", "templates/pdf"),
        # HTML is escaped; the stylesheet template only receives our own constants.
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), disabled_extensions=("css.j2",), default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def stylesheet(language: str) -> str:
    """The CSS of both kinds of PDF, with the font faces of the script."""
    region = languages.of(language).font_region
    return (
        _env()
        .get_template("pdf.css.j2")
        .render(serif=f"Noto Serif CJK {region}", sans=f"Noto Sans CJK {region}")
    )


QR_ERROR, QR_BORDER = "m", 4  # error correction level; quiet zone, in modules


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data URI (vector, so it prints sharp at any size)."""
    # make_qr, not make: a Micro QR code would be smaller but many phone readers skip it.
    return segno.make_qr(url, error=QR_ERROR).svg_data_uri(border=QR_BORDER)


def qr_stand_in(url: str) -> str:
    """What decides qr_data_uri(url), in its place in the HTML a cache key is made of:
    looking a PDF up in the cache then draws no QR code (40 of them took 0.4 s)."""
    return f"qr:segno {segno.__version__},{QR_ERROR},{QR_BORDER}:{url}"


def _table(t: Table) -> dict[str, Any]:
    """A table for templates/pdf/_table.html.j2: its rows in groups, as on its page."""
    groups: list[dict[str, Any]] = [{"heading": None, "rows": []}]
    for row in t.rows:
        if row.is_group:
            groups.append({"heading": row.heading, "rows": []})
        else:
            groups[-1]["rows"].append(row.cells)
    return {
        "caption": t.caption,
        "headers": t.headers,
        "head": t.head,
        "groups": [g for g in groups if g["heading"] is not None or g["rows"]],
        "notes": t.notes,
    }


def _clauses(m: Measure, site_url: str, language: str, page_url: str = "") -> list[dict[str, Any]]:
    """A measure's sentences; the last of a paragraph carries the tables standing after it.
    Each links to itself on the measure's page, or on `page_url` (an earlier version's)."""
    ends = {p.sentences[-1].k: k for k, p in enumerate(m.paragraphs, 1)}
    clauses = []
    for s in m.sentences:
        url = f"{page_url}#{s.anchor}" if page_url else s.url(site_url, language)
        clause = {"ref": s.ref, "text": s.text, "url": url, "opens": s.opens}
        if s.k in ends and m.tables_after(ends[s.k]):
            clause["tables"] = [_table(t) for t in m.tables_after(ends[s.k])]
        clauses.append(clause)
    return clauses


def _measure(
    notice: Notice,
    m: Measure,
    ui: dict[str, str],
    language: str,
    site_url: str,
    history: History | None = None,
) -> dict[str, Any]:
    numeral = chinese_numeral(m.shown)
    return {
        # where other notices amended it: what did, and since when (render/versions.py)
        "notes": notes_of(history, m, ui, normalise_site_url(site_url), language),
        "number": m.key,
        "numeral": numeral,
        "mark": m.mark,
        "title": m.heading + (ui["deleted_mark"] if m.deleted else ""),
        "label": m.cited_as(ui["measure_label"], ui["measure_unnumbered"]),
        "anchor": f"m{m.key}",
        "url": measure_url(site_url, language, m.key),
        "departments": list(m.departments),
        "themes": [{"slug": s, "label": notice.theme(s).label} for s in m.themes],
        # a provision an amendment deleted: its heading and the note, no text in force
        "clauses": [] if m.deleted else _clauses(m, site_url, language),
    }


def _common(edition: Edition, site_url: str) -> dict[str, Any]:
    site_url = normalise_site_url(site_url)
    return {
        "language": edition.language,
        "draft": edition.draft,
        "standing": edition.standing(site_url),
        "document": edition.notice.document,
        "ui": edition.ui,
        "count": len(edition.notice.measures),
        "home_url": language_root(site_url, edition.language),
    }


def booklet_html(edition: Edition, site_url: str) -> str:
    """The booklet as HTML: cover, contents, the notice, the measures, the themes."""
    notice, ui = edition.notice, edition.ui
    measures = [
        _measure(notice, m, ui, edition.language, site_url, edition.history)
        for m in notice.measures
    ]
    # the tree in reading order: a division's heading and paragraphs before its first
    # measure, its closing after its last; headings one level deeper per division (the
    # outline follows them); a notice without divisions is its measures at level 2
    by_key = {m["number"]: m for m in measures}
    body: list[dict[str, Any]] = []
    for event, item, depth in notice.walk():
        if isinstance(item, Division):
            body.append({"event": event, "division": item, "level": depth + 2})
        elif isinstance(item, Table):
            body.append({"event": event, "table": _table(item), "level": depth + 2})
        else:
            body.append({"event": event, "measure": by_key[item.key], "level": depth + 2})
    themes = [
        {
            "slug": t.slug,
            "label": t.label,
            "description": t.description,
            "measures": [by_key[m.key] for m in notice.measures_of(t.slug)],
        }
        for t in notice.themes
    ]
    return (
        _env()
        .get_template("booklet.html.j2")
        .render(
            **_common(edition, site_url),
            measures=measures,
            themes=themes,
            body=body,
            interpretation=_interpretation(notice),
        )
    )


def _interpretation(notice: Notice) -> dict[str, Any] | None:
    """The interpretation after the notice in the booklet: its paragraphs, the provisions
    they name linked inside the booklet (#m<key>, #division-<address>)."""
    i = notice.interpretation
    if i is None:
        return None

    def anchor(target: Measure | Division) -> str:
        return f"#m{target.key}" if isinstance(target, Measure) else f"#division-{target.address}"

    return {
        "title": i.title,
        "closing": list(i.closing),
        "published": i.published,
        "sections": [
            {
                "heading": section.heading,
                "paragraphs": [
                    [
                        {"text": words, "href": anchor(target) if target else None}
                        for words, target in pieces(text, notice)
                    ]
                    for text in section.paragraphs
                ],
            }
            for section in i.sections
        ],
    }


def measure_html(
    edition: Edition, key: str, site_url: str, qr: Callable[[str], str] = qr_data_uri
) -> str:
    """One measure's PDF as HTML: the document it belongs to, the measure, its URL as a QR
    code (`qr` makes it: qr_stand_in for a cache key)."""
    notice, ui = edition.notice, edition.ui
    m = notice.by_key(str(key))
    measure = _measure(notice, m, ui, edition.language, site_url, edition.history)
    measure["divisions"] = [d.heading for d in m.divisions_above]
    return (
        _env()
        .get_template("measure.html.j2")
        .render(
            **_common(edition, site_url),
            measure=measure,
            of=ui["measure_of"].format(count=len(notice.measures)),
            qr=qr(measure["url"]),
        )
    )


def version_html(
    edition: Edition, key: str, day: str, site_url: str, qr: Callable[[str], str] = qr_data_uri
) -> str:
    """The PDF of a version of an amended provision not in force on the build's day (an
    earlier one, or one to come): as measure_html, its text as from `day`, saying so, its
    URL the version's."""
    notice, ui, history = edition.notice, edition.ui, edition.history
    v = next(v for v in history.versions[key] if history.day(v) == day)
    m = v.measure
    url = version_url(site_url, edition.language, key, day)
    measure = _measure(notice, m, ui, edition.language, site_url)
    label = measure["label"]
    measure |= {
        "url": url,
        "clauses": _clauses(m, site_url, edition.language, page_url=url),
        "notes": [note(a, ui, normalise_site_url(site_url), edition.language) for a in v.made_by],
        "divisions": [],
        "version": ui[f"version_banner_{history.standing_of(v)}"].format(
            label=label, when=when_of(history, v, ui)
        ),
    }
    return (
        _env()
        .get_template("measure.html.j2")
        .render(**_common(edition, site_url), measure=measure, of="", qr=qr(url))
    )


def division_html(
    edition: Edition, address: str, site_url: str, qr: Callable[[str], str] = qr_data_uri
) -> str:
    """The PDF of a division holding a table (附件2 商品编号表): the document it belongs to,
    its heading, paragraphs, tables and closing, its URL as a QR code."""
    d = edition.notice.division(address)
    url = division_url(site_url, edition.language, address)
    return (
        _env()
        .get_template("division.html.j2")
        .render(
            **_common(edition, site_url),
            division=d,
            above=[x.heading for x in d.divisions_above],
            tables=[_table(t) for t in d.tables],
            url=url,
            qr=qr(url),
        )
    )


# Tagged PDF: headings, paragraphs, lists and links in a structure tree, so a
# screen reader reads the measures as a document (8 % larger, about 10 % slower).
WRITE_OPTIONS = {"pdf_tags": True}


@dataclass
class _Engine:
    """What WeasyPrint needs besides a PDF's HTML and is the same for every PDF of a
    script: the font configuration (fontconfig's fonts, Pango's font map and the faces it
    has loaded) and the parsed stylesheet. Made once per process, so each PDF pays only
    for its own parse, cascade, layout and writing."""

    pid: int
    font_config: Any
    stylesheets: dict[str, Any]

    def css(self, language: str) -> Any:
        if language not in self.stylesheets:
            import weasyprint

            self.stylesheets[language] = weasyprint.CSS(
                string=stylesheet(language), font_config=self.font_config
            )
        return self.stylesheets[language]


_engine: _Engine | None = None


def _process_engine() -> _Engine:
    """This process's engine; a process forked from one that had one makes its own."""
    global _engine
    if _engine is None or _engine.pid != os.getpid():
        from weasyprint.text.fonts import FontConfiguration

        _engine = _Engine(os.getpid(), FontConfiguration(), {})
    return _engine


def render_pdf(html: str, language: str, *, reuse: bool = True) -> bytes:
    """Lay out one HTML document with WeasyPrint; the PDF's bytes.

    The fonts and the stylesheet come from this process's engine; with reuse=False
    they are made for this PDF alone, as every PDF made them before the engine was
    shared (the benchmark's baseline). The bytes are the same either way.
    """
    import weasyprint  # slow to import: only where a PDF is made

    # No dcterms.created/modified in the HTML and no pdf_identifier: nothing varies between runs.
    document = weasyprint.HTML(string=html)
    if not reuse:
        css = weasyprint.CSS(string=stylesheet(language))
        return document.write_pdf(stylesheets=[css], **WRITE_OPTIONS)
    engine = _process_engine()
    return document.write_pdf(
        stylesheets=[engine.css(language)], font_config=engine.font_config, **WRITE_OPTIONS
    )


def job_html(
    job: Job, edition: Edition, site_url: str, qr: Callable[[str], str] = qr_data_uri
) -> str:
    if job.division is not None:
        return division_html(edition, job.division, site_url, qr)
    if job.number is None:
        return booklet_html(edition, site_url)
    if job.day is not None:
        return version_html(edition, job.number, job.day, site_url, qr)
    return measure_html(edition, job.number, site_url, qr)


def render_job(job: Job, edition: Edition, site_url: str) -> bytes:
    return render_pdf(job_html(job, edition, site_url), job.language)


@cache
def _text_libraries() -> Any:
    """WeasyPrint's text libraries (Pango, HarfBuzz) as it loads them: its module
    weasyprint/text/ffi.py. Before WeasyPrint is imported (a build whose PDFs all come
    from the cache never imports it: 1.3 s a notice), that module is run by itself: it
    imports nothing else of WeasyPrint's, and when a version of it does, WeasyPrint is
    imported after all."""
    if "weasyprint" not in sys.modules:
        package = importlib.util.find_spec("weasyprint")
        if package and package.submodule_search_locations:
            path = Path(package.submodule_search_locations[0]) / "text" / "ffi.py"
            spec = importlib.util.spec_from_file_location("_weasyprint_text_ffi", path)
            if spec and spec.loader:
                module = importlib.util.module_from_spec(spec)
                with suppress(ImportError):
                    spec.loader.exec_module(module)
                    return module
    from weasyprint.text import ffi

    return ffi


@cache
def _engine_fingerprint(language: str) -> str | None:
    """What besides the HTML decides a PDF's bytes: library versions and the font files used.

    None when fontconfig's fc-match is missing: then nothing is taken from the cache.
    """
    import pydyf

    text = _text_libraries()
    # HarfBuzz declares no version getter to WeasyPrint's cffi: whether it can subset
    # stands in for it, and the Debian packages' versions move together with Pango's.
    harfbuzz = text.harfbuzz.hb_version_atleast(6, 0, 0)
    parts = [
        f"WeasyPrint {importlib.metadata.version('weasyprint')}",
        pydyf.__version__,
        repr(sorted(WRITE_OPTIONS.items())),
        f"pango {text.pango.pango_version()}",
        f"harfbuzz 6+ {harfbuzz}, subset {bool(text.harfbuzz_subset)}",
    ]
    region = languages.of(language).font_region
    for pattern in (f"Noto Serif CJK {region}", f"Noto Sans CJK {region}:bold"):
        try:
            found = subprocess.run(
                ["fc-match", "--format=%{file}", pattern],
                capture_output=True,
                text=True,
                check=True,
                timeout=30,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        info = Path(found).stat()
        parts.append(f"{pattern}={found}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def _cache_key(job: Job, html: str) -> str | None:
    engine = _engine_fingerprint(job.language)
    if engine is None:
        return None
    digest = hashlib.sha256()
    for part in (engine, stylesheet(job.language), html):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Written:
    path: Path
    key: str | None
    from_cache: bool


def _render_into(
    html: str, language: str, target: Path, cached: Path | None, reuse: bool = True
) -> None:
    """Render one PDF into `target` and, with a cache, into `cached` (in a worker process)."""
    data = render_pdf(html, language, reuse=reuse)
    target.write_bytes(data)
    if cached:
        # Written whole, then renamed: a build stopped halfway leaves no truncated PDF behind.
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(cached)


def write_pdfs(
    editions: dict[str, Edition],
    site_url: str,
    out_dir: Path,
    jobs: list[Job] | None = None,
    workers: int = 1,
    cache_dir: Path | None = None,
    reuse: bool = True,
) -> list[Written]:
    """Render the PDFs (all of them by default) into out_dir, in up to `workers` processes.

    Each PDF depends only on its HTML (and the engine and fonts), so the bytes
    are the same whatever the number of workers or the order they finish in.
    With a cache_dir, a PDF whose HTML, stylesheet, library versions and font
    files are unchanged is copied from there instead of rendered again; after
    a full build, entries no longer used are deleted. This process writes each
    PDF's HTML, looks it up and copies what the cache holds; only the others go
    to the worker processes, started with the first of them (none when every PDF
    comes from the cache). `reuse` as render_pdf's.
    """
    site_url = normalise_site_url(site_url)
    todo = all_jobs(editions) if jobs is None else jobs
    out_dir.mkdir(parents=True, exist_ok=True)
    if cache_dir:
        cache_dir.mkdir(parents=True, exist_ok=True)
    written: list[Written] = []
    with ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None
        rendering = []
        for job in todo:
            edition = editions[job.language]
            target = out_dir / job.filename(edition.notice.document.slug)
            key = (
                _cache_key(job, job_html(job, edition, site_url, qr_stand_in))
                if cache_dir
                else None
            )
            cached = cache_dir / f"{key}.pdf" if cache_dir and key else None
            if cached and cached.is_file():
                shutil.copyfile(cached, target)
                written.append(Written(target, key, from_cache=True))
                continue
            written.append(Written(target, key, from_cache=False))
            html = job_html(job, edition, site_url)
            if workers <= 1:
                _render_into(html, job.language, target, cached, reuse)
                continue
            if pool is None:
                pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
            rendering.append(pool.submit(_render_into, html, job.language, target, cached, reuse))
        for future in rendering:
            future.result()
    if cache_dir and jobs is None:
        used = {f"{w.key}.pdf" for w in written}
        for entry in cache_dir.iterdir():
            if entry.name not in used:
                entry.unlink()
    return written
