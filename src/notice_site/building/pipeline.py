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
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notice_site.building.builders import Builders, BuildFailed, Job
from notice_site.building.cores import default_workers
from notice_site.building.kept import Kept, Published
from notice_site.building.linkcheck import check_notices, check_site
from notice_site.building.offline import pack_offline, source_date_epoch
from notice_site.building.publish import publish, publish_in_place, recover
from notice_site.building.sides import (
    BuildError,
    Built,
    build_site,
)
from notice_site.bulk import collector_paused
from notice_site.errors import DataError
from notice_site.folder.load import NoticeCache
from notice_site.folder.site_file import Site, check_library, neighbourhoods
from notice_site.library.own_pages import Entry, Manifest
from notice_site.library.pages import (
    FEED,
    REDIRECT_MAP,
    moved,
)
from notice_site.model.languages import LANGUAGES
from notice_site.model.notice import Neighbourhood, Notice
from notice_site.model.urls import (
    DOWNLOADS_DIR,
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
    # a notice of a library: the links that leave it (linkcheck.check_site's `outward`)
    outward: dict[str, str] = field(default_factory=dict)
    # and the key it was made for (notice_key)
    key: str = ""


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
    # a library's record of what it published may name this folder: no longer true
    Kept(settings.cache / "library").forget_published()
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
    link of the whole; publish it as `site_dir`. A builder process starts first: its start
    and imports are paid while this one reads the notices (most rebuilds build one)."""
    with Builders(settings, 1) as builders:
        return _make_library(settings, site_dir, builders, pdf_cache=pdf_cache, say=say)


def _make_library(
    settings: Settings,
    site_dir: Path,
    builders: Builders,
    *,
    pdf_cache: Path | None,
    say: Callable[[str], None],
) -> list[Made]:
    root = settings.root
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_url = settings.site_url
    if not settings.site_url_given:
        say(default_address_warning(site_url))
    # a thousand notices' trees read, by a process that ends with the build
    with collector_paused(freeze=True):
        # raises DataError before anything is written
        site, notices, read = _checked_library(settings)
    recover(site_dir)  # a publication cut short is undone before the site is read
    work = site_dir.parent
    new, own = work / f".{site_dir.name}-library", work / f".{site_dir.name}-library-pages"
    contexts = work / f".{site_dir.name}-library-context"
    for folder in (new, own, contexts):
        shutil.rmtree(folder, ignore_errors=True)
    new.mkdir(parents=True)
    contexts.mkdir(parents=True)
    own_pages = None
    try:
        # Every notice read once: its neighbourhood among the others, and so its key
        with collector_paused(freeze=True):
            near = neighbourhoods(site, notices)
            wanted, code, handed = _keyed(settings, site, notices, near, contexts, read)
        first = next(iter(notices))
        if settings.shard is None:
            # the library's own pages need the notices' keys alone: started now, they are
            # made beside the notices' builds
            manifest = contexts / "manifest.pickle"
            Manifest(
                code.hex(),
                tuple(
                    Entry(alone.notice_dir(), key, handed[slug].decode())
                    for slug, (_, alone, key) in wanted.items()
                ),
            ).write(manifest)
            own_pages = _OwnPages(settings, first, own, site_dir, manifest)
        made = _build_notices(
            settings,
            wanted,
            handed,
            new,
            builders,
            pdf_cache=pdf_cache,
            say=say,
            site_dir=site_dir,
        )
        if own_pages is None:
            shutil.rmtree(new)
            k, n = settings.shard or (1, 1)
            say(
                f"share {k} of {n}: {len(made)} of {len(notices)} notices built or found "
                f"unchanged, kept in {settings.cache / 'library'}; with every share's kept "
                "there, `make site` without SHARD joins them and publishes the library"
            )
            return made
        own_made = own_pages.into(new, say)
    except BaseException:
        if own_pages is not None:
            own_pages.stop()
        raise
    finally:
        shutil.rmtree(contexts, ignore_errors=True)
    # where each notice's output is: in the new site, or left where it is published
    places = {Path(m.site_dir).name: Path(m.site_dir) for m in made}
    _write_redirects(settings, site, (first, notices[first], near[first]), new, places, say)
    say(f"{new.name}: the library's own files written, {len(made)} notices")
    start = time.perf_counter()
    outward = {Path(m.site_dir).name: m.outward for m in made}
    # the notices left where they are published: their folders there
    stay = {Path(m.site_dir).name for m in made if Path(m.site_dir).parent == site_dir}
    kept = Kept(settings.cache / "library")
    # Own pages kept (the same files, checked whole when made): their links into the
    # notices alone are checked, where they lead now. The notices left where they are
    # published are the files the site was checked with: only links into, or out of,
    # the others (made or put back now, or gone from the site) are looked up.
    changed = None
    if site_dir.is_dir():
        gone = {e.name for e in site_dir.iterdir()} - set(outward)
        changed = (set(outward) - stay) | (gone - {e.name for e in new.iterdir()})
    problems = check_notices(
        new,
        base_path(site_url),
        outward,
        workers=default_workers(),
        beside=(site_dir, stay),
        own=kept.own_links() if own_made["kept"] else None,
        changed=changed,
    )
    if problems:
        raise StepFailed("broken links: " + "; ".join(problems))
    if not own_made["kept"]:
        kept.own_pages_checked()  # kept for the next build only now
    say(
        f"{new.name}: every internal link and anchor resolves, across the notices "
        f"({time.perf_counter() - start:.1f} s)"
    )
    keys = {Path(m.site_dir).name: m.key for m in made}
    kept.forget_published()
    if stay:
        publish_in_place(new, site_dir, stay)
    else:
        publish(new, site_dir)
    kept.publishing(site_dir, Published(keys, outward, own_made["index"]))
    say(f"{site_dir}: published, a library of {len(made)} notices, for {site_url}")
    if not settings.site_url_given:
        say(default_address_warning(site_url))
    return made


def _checked_library(settings: Settings) -> tuple[Site, dict[Path, Notice], dict[Path, str]]:
    """The site file of `settings` and its notices, checked as a set; no notice's slug may be
    a folder of the library's own pages; what each notice folder (resolved) was read as
    (a hash of its files: NoticeCache.names)."""
    site = settings.load_site()
    if site is None:
        raise StepFailed(f"{settings.site_file}: no such site file")
    # the notices read before taken from the cache; those of no notice now, deleted
    cache = NoticeCache(settings.cache / "notices")
    notices = check_library(site, draft=settings.draft, today=settings.today or None, cache=cache)
    cache.prune()
    for folder, notice in notices.items():
        if notice.document.slug in RESERVED:
            raise DataError(
                str(folder / "measures.yaml"),
                "document, slug",
                f"'{notice.document.slug}' is the name of a folder of the library's own "
                f"pages; choose another ({', '.join(sorted(RESERVED))} are taken)",
            )
    return site, notices, cache.names


def _keyed(
    settings: Settings,
    site: Site,
    notices: dict[Path, Notice],
    near: dict[Path, Neighbourhood],
    contexts: Path,
    read: dict[Path, str],
) -> tuple[dict[str, tuple[Notice, Settings, str]], bytes, dict[str, bytes]]:
    """Each notice (by slug) with its own settings, as it is built alone for its own
    address under the library's, and its key (notice_key); the code's digest. Its
    neighbourhood is handed to its build in a file of its own in `contexts`
    (Settings.context, written where it is built: _build_notices), and every page of it
    announces the library's feed (hooks/notice.py)."""
    code = code_digest(settings.root)
    wanted: dict[str, tuple[Notice, Settings, str]] = {}
    handing: dict[str, bytes] = {}
    for folder, notice in notices.items():
        slug = notice.document.slug
        context = contexts / f"{slug}.json"
        around = near[folder]
        handed = json.dumps(around.to_json(), ensure_ascii=False).encode()
        resolved = folder.resolve()
        alone = settings.but(
            data=resolved,
            site_url=f"{settings.site_url}{slug}/",
            feed=f"{settings.site_url}{FEED}",
            context=context,
        )
        # an amended notice's text is the one in force on the build's day
        today = settings.today if around.amendments else ""
        key = notice_key(alone, folder, site, handed + today.encode(), code, read.get(resolved))
        wanted[slug] = (notice, alone, key)
        handing[slug] = handed
    return wanted, code, handing


def _build_notices(
    settings: Settings,
    wanted: dict[str, tuple[Notice, Settings, str]],
    handed: dict[str, bytes],
    new: Path,
    builders: Builders,
    *,
    pdf_cache: Path | None,
    say: Callable[[str], None],
    site_dir: Path,
) -> list[Made]:
    """Each notice of `wanted` (_keyed; `handed`, its neighbourhood as its build reads it)
    under new/<slug>/, exactly as it is built alone
    for its own address under the library's (an unchanged one left where `site_dir`
    publishes it, or put back from .cache/library/), by builder processes
    (building.builders), one per core: first every notice's pages and search, then their
    PDFs and offline copies."""
    kept = Kept(settings.cache / "library")
    made: dict[str, Made] = {}
    if settings.shard is not None:
        wanted = {slug: wanted[slug] for slug in in_share(list(wanted), *settings.shard)}
    else:
        # published for its key already: it stays where it is (publish.publish_in_place)
        published = kept.published(site_dir)
        for slug, (notice, alone, key) in wanted.items():
            if (
                published.keys.get(slug) == key
                and slug in published.links
                and (site_dir / slug).is_dir()
            ):
                say(f"{slug}: unchanged since the last build, its output reused")
                outward = published.links[slug]
                made[slug] = Made(
                    site_dir / slug, alone.site_url, len(notice.measures), -1, outward, key
                )
    fitting = kept.fitting({slug: key for slug, (_, _, key) in wanted.items() if slug not in made})
    if settings.shard is None:  # a share only keeps what it builds
        kept.put(list(fitting), new)
    for slug, outward in fitting.items():
        notice, alone, key = wanted[slug]
        say(f"{slug}: unchanged since the last build, its output reused")
        made[slug] = Made(new / slug, alone.site_url, len(notice.measures), -1, outward, key)
    todo = [wanted[slug] for slug in wanted if slug not in made]
    for notice, alone, _ in todo:
        if alone.context is not None:
            alone.context.write_bytes(handed[notice.document.slug])
    if todo:
        cache = None
        if pdf_cache is not None:
            cache = pdf_cache if pdf_cache.is_absolute() else settings.root / pdf_cache
        workers = min(default_workers(), len(todo))
        try:
            builders.grow(workers)
            start = time.perf_counter()
            builders.run([Job("site", alone, new / n.document.slug) for n, alone, _ in todo])
            say(
                f"{new.name}: {len(todo)} notices' pages and search built in "
                f"{time.perf_counter() - start:.1f} s ({workers} builders)"
            )
            start = time.perf_counter()
            answers = builders.run(
                [
                    Job(
                        "downloads",
                        alone,
                        new / n.document.slug,
                        cache / n.document.slug if cache else None,
                        # one notice changed: its PDFs on every core
                        max(1, default_workers() // len(todo)),
                    )
                    for n, alone, _ in todo
                ]
            )
            builders.release()
        except BuildFailed as e:
            raise StepFailed(str(e)) from None
        rendered = sum(a["rendered"] for a in answers)
        pdfs = sum(a["pdfs"] for a in answers)
        say(
            f"{new.name}: {len(todo)} notices' PDFs ({pdfs}, {rendered} rendered, "
            f"{sum(a['pdf_seconds'] for a in answers):.1f} s) and offline copies made in "
            f"{time.perf_counter() - start:.1f} s"
        )
        for (notice, alone, key), answer in zip(todo, answers, strict=True):
            slug = notice.document.slug
            outward = answer["outward"]
            made[slug] = Made(
                new / slug, alone.site_url, len(notice.measures), answer["pdfs"], outward, key
            )
            kept.keep(new / slug, key, outward)
    return [made[slug] for slug in wanted]


def in_share(slugs: list[str], k: int, n: int) -> list[str]:
    """The notices (`slugs`, in the site's order) the k-th of n shares builds: every n-th,
    from the k-th. Deterministic: every runner of a build given the same site file agrees,
    and a large notice early in the file is not followed by its neighbours in one share."""
    return slugs[k - 1 :: n]


class _OwnPages:
    """The library's own pages and search index (hooks/_own_pages.py: each notice's part
    taken from what the last build kept where its key is the same, the pages built again
    only where what they show changed), in a process started once the notices are keyed
    (it needs nothing of their builds: a rebuild of one notice and of the library's pages go
    side by side), then moved into `new`."""

    def __init__(
        self, settings: Settings, first: Path, own: Path, published: Path, manifest: Path
    ) -> None:
        self.own = own
        own_pages = settings.but(
            library=True, data=first.resolve(), published=published, manifest=manifest
        )
        # what it says and its errors in files (a pipe nobody reads until the notices are
        # built would fill), closed by into() or stop()
        self.said = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, str(settings.root / "hooks" / "_own_pages.py"), str(own)],
            cwd=settings.root,
            env=own_pages.environment(),
            stdout=self.said,
            stderr=self.log,
            text=True,
        )

    def stop(self) -> None:
        """Where the build stops early: the process and what it wrote go."""
        self.process.kill()
        self.process.wait()
        self.said.close()
        self.log.close()
        shutil.rmtree(self.own, ignore_errors=True)

    def into(self, new: Path, say: Callable[[str], None]) -> dict[str, Any]:
        """Wait for the pages; say what the process said; move them into `new`. Whether
        they are those kept by the last build that made them (the same files: "kept"), and
        the layout of the index in each script ("index")."""
        try:
            self.process.wait()
            self.said.seek(0)
            self.log.seek(0)
            said, errors = self.said.read(), self.log.read()
        finally:
            self.said.close()
            self.log.close()
        if self.process.returncode != 0:
            raise StepFailed("the library's own pages could not be built:\n" + errors[-3000:])
        *lines, last = said.splitlines()
        for line in lines:
            say(f"{new.name}: {line}")
        for path in sorted(self.own.iterdir()):
            path.rename(new / path.name)
        shutil.rmtree(self.own)
        return json.loads(last)


def _write_redirects(
    settings: Settings,
    site: Site,
    first: tuple[Path, Notice, Neighbourhood],
    new: Path,
    places: dict[str, Path],
    say: Callable[[str], None],
) -> None:
    """The redirects from where a notice once stood at the root (its output at
    `places`[slug]) to its pages under /<slug>/, in the interface strings of the `first`
    notice of the site (its folder, notice and neighbourhood); nginx's map of them, empty
    where none moved. (The library's feed, sitemap index and notices.json are the own
    pages' process's: building.library_files.)"""
    if not site.was_at_root:
        (new / REDIRECT_MAP).write_text("", encoding="utf-8")  # nothing moved (nginx reads it)
        return
    folder, notice, near = first
    editions = load_editions(
        folder,
        settings.root,
        draft=settings.draft,
        notice=notice,
        near=near,
        today=settings.today or None,
    )
    ui = {language: edition.ui for language, edition in editions.items()}
    pages = moved(places[site.was_at_root], new, site.was_at_root, settings.site_url, ui)
    say(f"{new.name}: {pages} pages published at the root lead to /{site.was_at_root}/")


# What besides a notice's own folder decides its output: the project's code and templates.
CODE = ("src", "hooks", "overrides", "docs/assets", "docs/measures.schema.json", "mkdocs.yml")


def code_digest(root: Path) -> bytes:
    """The project's code and templates (CODE), hashed once per build: every notice's output
    depends on them."""
    import hashlib

    digest = hashlib.sha256()
    for top in (root / name for name in CODE):
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(root)).encode())
            digest.update(b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def notice_key(
    settings: Settings,
    folder: Path,
    site: Any,
    context: bytes,
    code: bytes,
    files: str | None = None,
) -> str:
    """Everything a notice's output in a library depends on, hashed: its folder (its
    files; `files`, where given, the hash its reading made of them, NoticeCache.names), the
    site's name, owner and identity (every page's footer and <meta> tags), the code
    (`code_digest`), its address, the draft flag, and what its pages show of the other
    notices as handed to its build (`context`: its neighbourhood, model.Neighbourhood, which
    holds only what can reach its pages: the titles of the notices it names, the measures
    its pages can offer, the amendments made to it). Equal keys give the same output; a
    change to another notice changes this key only where it changes what this one shows."""
    import hashlib

    root = settings.root
    digest = hashlib.sha256(code)
    digest.update(f"{settings.site_url}\0{int(settings.draft)}\0".encode())
    digest.update(context + b"\0")
    if site is not None:
        digest.update(f"{site.name}\0{site.owner}\0{site.identity!r}\0".encode())
    if files is not None:  # the folder's files as its reading hashed them, with its name
        digest.update(files.encode())
        return digest.hexdigest()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
        digest.update(b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
