"""`make site`, step by step: the one description of how a notice becomes a published site.

The Makefile, the tests' session fixture and the benchmark all run
`python -m notice_site site`, which calls `make_site`:

1. load and check the notice folder (nothing is touched if it has a mistake);
2. build both scripts side by side into .site-new/ (notice_site.building.sides);
3. at the same time, render the PDFs into .site-new/downloads/ (another process,
   `python -m notice_site pdf`, since MkDocs renders on one core) and build
   the offline copy (the site again, for file://) into .site-offline/;
4. pack the offline copy with the two booklets into downloads/<slug>-offline.zip;
5. check every internal link and anchor of .site-new/, PDFs included;
6. publish: .site-new/ replaces the site folder by two renames, so a build
   that fails or is killed leaves the previous site as it was.

Every step reports through `say` (one line each) and a failure raises
StepFailed with the message to show; nothing here prints or exits.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notice_site.building.cores import default_workers
from notice_site.building.linkcheck import check_site
from notice_site.building.offline import pack_offline, source_date_epoch
from notice_site.building.publish import publish
from notice_site.building.sides import (
    BuildError,
    Built,
    build_site,
    gzip_mtime,
    sources_folder,
    write_gzipped,
)
from notice_site.errors import DataError
from notice_site.folder.site_file import Site, check_library, neighbourhood
from notice_site.library.pages import (
    FEED,
    NOTICES_JSON,
    REDIRECT_MAP,
    feed_xml,
    moved,
    notices_data,
    sitemap_index,
)
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES
from notice_site.model.notice import Notice
from notice_site.model.urls import (
    DOWNLOADS_DIR,
    LIBRARY_SITEMAP,
    SITEMAP,
    base_path,
    offline_zip_filename,
)
from notice_site.render.site import Edition, editions_of, load_editions
from notice_site.settings import Settings


class StepFailed(Exception):
    """A step of make site failed; the message says which and why."""


@dataclass(frozen=True)
class Made:
    site_dir: Path
    site_url: str
    measures: int
    pdfs: int


def default_address_warning(site_url: str) -> str:
    """What make site says when SITE_URL is unset: the PDFs and QR codes would carry this address."""
    return (
        f"warning: SITE_URL is not set: the site is built for {site_url}, and every PDF, QR code "
        "and canonical link points there. To publish, build for the real address: "
        "SITE_URL=https://<host>/<path>/ make site"
    )


def make_site(
    settings: Settings,
    site_dir: Path,
    *,
    pdf_cache: Path | None,
    say: Callable[[str], None],
    editions: dict[str, Edition] | None = None,
) -> Made:
    """Build the notice of `settings` (its folder, for its address; a library gives each
    notice its own, and its `editions`, loaded once) and publish it as `site_dir`."""
    root = settings.root
    # Raises DataError before anything is written (the caller shows its messages).
    data_dir = settings.notice_dir().resolve()
    settings = settings.but(data=data_dir)
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_url = settings.site_url
    default_address = not settings.site_url_given
    if default_address:
        say(default_address_warning(site_url))
    editions = editions or editions_of(settings)
    slug = next(iter(editions.values())).notice.document.slug
    work = site_dir.parent
    new, offline = work / f".{site_dir.name}-new", work / f".{site_dir.name}-offline"
    # What a build that was killed may have left (sides.py names its parts .site-part-*, its
    # page sources .site-docs-*).
    for folder in (new, offline, *work.glob(".site-part-*"), *work.glob(".site-docs-*")):
        shutil.rmtree(folder, ignore_errors=True)

    built = _build(settings, new, offline=False, editions=editions)
    say(f"{new.name}: both scripts built; search indexes {_sizes(built.search_sizes)}")

    # The PDFs and the offline copy need nothing from each other: side by side.
    downloads = new / DOWNLOADS_DIR
    pdf_command = [sys.executable, "-m", "notice_site", "pdf", "--out", str(downloads)]
    pdf_command += ["--site-url", site_url]
    if pdf_cache is not None:
        # One folder per notice: a build prunes what it did not use, and must not
        # throw away the PDFs of the notice an editor switches back to.
        cache = pdf_cache if pdf_cache.is_absolute() else root / pdf_cache
        pdf_command += ["--cache", str(cache / slug)]
    pdfs = subprocess.Popen(
        [*pdf_command, str(data_dir)],
        cwd=root,
        env=settings.environment(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        _build(settings, offline, offline=True, editions=editions)
    finally:
        out, _ = pdfs.communicate()
    if pdfs.returncode != 0:
        raise StepFailed("the PDFs could not be rendered (see above)")
    say(out.strip())
    zip_path = downloads / offline_zip_filename(slug)
    try:
        packed = pack_offline(offline, downloads, zip_path, source_date_epoch(settings.epoch), slug)
    except (ValueError, OSError) as e:
        raise StepFailed(str(e)) from None
    shutil.rmtree(offline)
    say(
        f"{zip_path.relative_to(work)}: the offline copy, {packed.files} files, {packed.size / 1e6:.1f} MB"
    )

    problems = check_site(new, base_path(site_url), workers=default_workers())
    if problems:
        raise StepFailed("broken links: " + "; ".join(problems))
    say(f"{new.name}: every internal link and anchor resolves, PDFs included")
    made = Made(
        site_dir,
        site_url,
        measures=len(next(iter(editions.values())).notice.measures),
        pdfs=len(list(downloads.glob("*.pdf"))),
    )
    publish(new, site_dir)
    say(f"{site_dir}: published, {made.measures} measures, {made.pdfs} PDFs, for {site_url}")
    if default_address:
        say(default_address_warning(site_url))
    return made


def _build(
    settings: Settings, target: Path, *, offline: bool, editions: dict[str, Edition]
) -> Built:
    try:
        built = build_site(settings, target, offline=offline, editions=editions)
    except BuildError as e:
        raise StepFailed(str(e)) from None
    if built.problems:
        raise StepFailed("broken links: " + "; ".join(built.problems))
    return built


def _sizes(sizes: dict[str, int]) -> str:
    return ", ".join(f"{language} {size:,} B" for language, size in sizes.items())


# What a notice's slug may not be in a library: the folders the library's own pages use.
RESERVED = {"assets", "search", *LANGUAGES, "themes", "years", "issuers", "downloads", "divisions"}


def make_library(
    settings: Settings,
    site_dir: Path,
    *,
    pdf_cache: Path | None,
    say: Callable[[str], None],
) -> list[Made]:
    """Build every notice of the site file of `settings` under /<slug>/ (each exactly as it
    is built alone, for its place), then the library's own pages around them; check every
    link of the whole; publish it as `site_dir`."""
    root = settings.root
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_url = settings.site_url
    if not settings.site_url_given:
        say(default_address_warning(site_url))
    site, notices = _checked_library(settings)  # raises DataError before anything is written
    work = site_dir.parent
    new, own = work / f".{site_dir.name}-library", work / f".{site_dir.name}-library-pages"
    for folder in (new, own):
        shutil.rmtree(folder, ignore_errors=True)
    new.mkdir(parents=True)
    # Every notice read once: its editions, and its neighbourhood among the others (what its
    # pages show of them).
    editions = {
        folder: load_editions(
            folder,
            root,
            draft=settings.draft,
            notice=notice,
            near=neighbourhood(folder, site, notices),
            today=settings.today or None,
        )
        for folder, notice in notices.items()
    }
    made = _build_notices(settings, site, notices, editions, new, pdf_cache=pdf_cache, say=say)
    _build_own_pages(settings, next(iter(notices)), own, new)
    _write_library_files(site, list(editions.values()), new, site_url, say)
    say(f"{new.name}: the library's own pages built, {len(made)} notices")
    problems = check_site(new, base_path(site_url), workers=default_workers())
    if problems:
        raise StepFailed("broken links: " + "; ".join(problems))
    say(f"{new.name}: every internal link and anchor resolves, across the notices")
    publish(new, site_dir)
    say(f"{site_dir}: published, a library of {len(made)} notices, for {site_url}")
    if not settings.site_url_given:
        say(default_address_warning(site_url))
    return made


def _checked_library(settings: Settings) -> tuple[Site, dict[Path, Notice]]:
    """The site file of `settings` and its notices, checked as a set; no notice's slug may be
    a folder of the library's own pages."""
    site = settings.load_site()
    if site is None:
        raise StepFailed(f"{settings.site_file}: no such site file")
    notices = check_library(site, draft=settings.draft, today=settings.today or None)
    for folder, notice in notices.items():
        if notice.document.slug in RESERVED:
            raise DataError(
                str(folder / "measures.yaml"),
                "document, slug",
                f"'{notice.document.slug}' is the name of a folder of the library's own "
                f"pages; choose another ({', '.join(sorted(RESERVED))} are taken)",
            )
    return site, notices


def _build_notices(
    settings: Settings,
    site: Site,
    notices: dict[Path, Notice],
    editions: dict[Path, dict[str, Edition]],
    new: Path,
    *,
    pdf_cache: Path | None,
    say: Callable[[str], None],
) -> list[Made]:
    """Each notice under new/<slug>/, exactly as it is built alone for its own address
    under the library's (an unchanged one reused from .cache/library/). Its neighbourhood
    is handed to the processes that build it in a file of its own (Settings.context), and
    every page of it announces the library's feed (hooks/notice.py)."""
    contexts = new.parent / f"{new.name}-context"
    shutil.rmtree(contexts, ignore_errors=True)
    contexts.mkdir(parents=True)
    kept = settings.root / ".cache" / "library"
    made = []
    for folder, notice in notices.items():
        slug = notice.document.slug
        context = contexts / f"{slug}.json"
        near = editions[folder][DEFAULT_LANGUAGE].near
        context.write_text(json.dumps(near.to_json(), ensure_ascii=False), encoding="utf-8")
        alone = settings.but(
            data=folder.resolve(),
            site_url=f"{settings.site_url}{slug}/",
            feed=f"{settings.site_url}{FEED}",
            context=context,
        )
        # an amended notice's text is the one in force on the build's day
        today = settings.today if near.amendments else ""
        key = notice_key(alone, notices, folder, site, context.read_bytes() + today.encode())
        if _reuse(kept / slug, key, new / slug):
            say(f"{slug}: unchanged since the last build, its output reused")
            made.append(Made(new / slug, alone.site_url, len(notice.measures), -1))
            continue
        built = make_site(
            alone, new / slug, pdf_cache=pdf_cache, say=say, editions=editions[folder]
        )
        made.append(built)
        _keep(new / slug, kept / slug, key)
    shutil.rmtree(contexts)
    return made


def _build_own_pages(settings: Settings, first: Path, own: Path, new: Path) -> None:
    """The library's own pages: one MkDocs build of both scripts (static-i18n), its hooks in
    library mode (hooks/generate.py, notice.py, search.py), moved into `new`."""
    docs = sources_folder(settings.root, own)
    own_pages = settings.but(library=True, data=first.resolve(), sources_dir=docs)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(own)],
            cwd=settings.root,
            env=own_pages.environment(),
            capture_output=True,
            text=True,
        )
    finally:
        shutil.rmtree(docs, ignore_errors=True)
    if result.returncode != 0:
        raise StepFailed("the library's own pages could not be built:\n" + result.stderr[-3000:])
    for path in sorted(own.iterdir()):
        path.rename(new / path.name)
    shutil.rmtree(own)


def _write_library_files(
    site: Site,
    editions: list[dict[str, Edition]],
    new: Path,
    site_url: str,
    say: Callable[[str], None],
) -> None:
    """The redirects from where a notice once stood at the root, the feed, the sitemap
    index, notices.json."""
    if site.was_at_root:
        ui = {language: edition.ui for language, edition in editions[0].items()}
        pages = moved(new / site.was_at_root, new, site.was_at_root, site_url, ui)
        say(f"{new.name}: {pages} pages published at the root lead to /{site.was_at_root}/")
    else:
        (new / REDIRECT_MAP).write_text("", encoding="utf-8")  # nothing moved (nginx reads it)
    (new / FEED).write_text(feed_xml(site, editions, site_url), encoding="utf-8")
    # /sitemap.xml: an index of the library's own pages' sitemap (MkDocs' /sitemap.xml, moved)
    # and each notice's /<slug>/sitemap.xml; each gzipped beside it, as MkDocs writes them
    mtime = gzip_mtime(new / f"{SITEMAP}.gz")
    own = (new / SITEMAP).read_text(encoding="utf-8")
    write_gzipped(new / LIBRARY_SITEMAP, own, mtime)
    slugs = [e[DEFAULT_LANGUAGE].notice.document.slug for e in editions]
    write_gzipped(new / SITEMAP, sitemap_index(site_url, slugs), mtime)
    data = notices_data(site, editions, site_url)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (new / NOTICES_JSON).write_text(text, encoding="utf-8")


# What besides a notice's own folder decides its output: the project's code and templates.
CODE = ("src", "hooks", "overrides", "docs/assets", "docs/measures.schema.json", "mkdocs.yml")


def notice_key(
    settings: Settings,
    notices: dict[Path, Any],
    folder: Path,
    site: Any = None,
    context: bytes = b"",
) -> str:
    """Everything a notice's output in a library depends on, hashed: its folder, the titles
    of the notices it names as successor or predecessors (they show on its pages), the
    site's name, owner and identity (every page's footer and <meta> tags), the code, its
    address, the draft flag, and its neighbourhood as handed to its build (`context`: the
    amendments other notices make to it among the rest). Equal keys give the same output."""
    import hashlib

    root = settings.root
    digest = hashlib.sha256()
    digest.update(f"{settings.site_url}\0{int(settings.draft)}\0".encode())
    digest.update(context + b"\0")
    if site is not None:
        digest.update(f"{site.name}\0{site.owner}\0{site.identity!r}\0".encode())
    d = notices[folder].document
    named = {d.replaced_by, *d.replaces}
    for other in notices.values():
        if other.document.slug in named:
            digest.update(f"{other.document.slug}\0{other.document.title}\0".encode())
    # what its measure pages show of the others (site_file.neighbourhood): their measures'
    # addresses, labels, headings and themes, their notices' titles and standing
    for other in notices.values():
        o = other.document
        if o.slug == d.slug:
            continue
        digest.update(f"{o.slug}\0{o.title}\0{o.status}\0".encode())
        for m in other.measures:
            digest.update(f"{m.key}\0{m.mark}\0{m.heading}\0{','.join(m.themes)}\0".encode())
    tops = [folder, *(root / name for name in CODE)]
    for top in tops:
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(
                str(path.relative_to(root) if path.is_relative_to(root) else path).encode()
            )
            digest.update(b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _reuse(kept: Path, key: str, target: Path) -> bool:
    """Put the kept output of a notice at `target` if it was made for `key` (hard links:
    no copy of its PDFs)."""
    stamp = kept / ".key"
    if not stamp.is_file() or stamp.read_text() != key:
        return False
    shutil.copytree(kept / "site", target, copy_function=_link)
    return True


def _keep(built: Path, kept: Path, key: str) -> None:
    """Keep a notice's fresh output for the next build (hard links), with its key."""
    shutil.rmtree(kept, ignore_errors=True)
    kept.mkdir(parents=True)
    shutil.copytree(built, kept / "site", copy_function=_link)
    (kept / ".key").write_text(key)


def _link(source: str, target: str) -> None:
    # a hard link where both are on one file system, else a copy
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
