"""A library's own pages (its home, year, issuer and theme pages) and its search index, made
from each notice's Part (library/listed.py).

The library's build (building.pipeline.make_library) reads and keys every notice, then
starts the own pages' process (hooks/_own_pages.py) with a Manifest: each notice's folder,
key and neighbourhood. That process takes the part kept for each notice's key
(listed.Parts), making those of the notices new or changed alone; writes the search index
in a process forked aside (IndexAside); and builds the pages with MkDocs only where what
they show changed (pages_key), else puts back those kept (building.kept). Under `mkdocs
serve` (no manifest) the hooks read every notice and make their parts there."""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import pickle
import shutil
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notice_site.bulk import collector_paused
from notice_site.errors import shown
from notice_site.folder.load import NoticeCache, load_notice
from notice_site.folder.site_file import Site, check_library, neighbourhoods
from notice_site.library.listed import Listed, Part, Parts
from notice_site.library.pages import sources
from notice_site.model import languages
from notice_site.model.notice import Document, Neighbourhood
from notice_site.render.search import QUERY_SEPARATOR, SEARCH_INDEX
from notice_site.render.shards import Filters, Notice, Shares, write_sharded_index
from notice_site.render.site import (
    Edition,
    load_converter,
    load_editions,
    make_segmenter,
    write_files,
)


def load_library(
    site: Site,
    root: Path,
    *,
    draft: bool = False,
    today: str | None = None,
    cache: NoticeCache | None = None,
) -> list[dict[str, Edition]]:
    """Every notice of a library, checked as a set, in each script (`draft`: to-dos allowed),
    each as it stands on `today` (the build's day), with its neighbourhood among the others
    (what its pages show of them); those read before taken from `cache`."""
    notices = check_library(site, draft=draft, today=today, cache=cache)
    near = neighbourhoods(site, notices)
    return [
        load_editions(folder, root, draft=draft, notice=notice, near=near[folder], today=today)
        for folder, notice in notices.items()
    ]


@dataclass(frozen=True)
class Entry:
    """A notice of the library as its build hands it to the own pages' process: its folder,
    its key (building.pipeline.notice_key: what its output, and so its part, is made of) and
    its neighbourhood (model.Neighbourhood, as its build reads it: Neighbourhood.to_json as
    JSON text)."""

    folder: Path
    key: str
    context: str


@dataclass(frozen=True)
class Manifest:
    """The library's notices, in the site's order, as its build read and keyed them, and
    the digest of the code (building.pipeline.code_digest), which the own pages are made by."""

    code: str
    entries: tuple[Entry, ...]

    def write(self, path: Path) -> None:
        """Pickled, for the process it is handed to (at 1,000 notices, 10 MB of
        neighbourhoods: as JSON, 0.15 s to write and read)."""
        entries = [(str(e.folder), e.key, e.context) for e in self.entries]
        path.write_bytes(pickle.dumps((self.code, entries), pickle.HIGHEST_PROTOCOL))

    @classmethod
    def read(cls, path: Path) -> Manifest:
        code, entries = pickle.loads(path.read_bytes())  # noqa: S301  (written by our build)
        return cls(code, tuple(Entry(Path(f), key, context) for f, key, context in entries))


def library_parts(
    site: Site,
    root: Path,
    *,
    draft: bool = False,
    today: str | None = None,
    cache: NoticeCache | None = None,
    manifest: Manifest | None = None,
    kept: Path | None = None,
) -> list[Part]:
    """Each notice's part, in the site's order: with a `manifest` (a library's build), the
    part kept in `kept` for its key, else made from its folder and neighbourhood as its own
    build reads them (and kept); without, every notice read here (`cache`: those read
    before) and checked as a set."""
    if manifest is None:
        notices = load_library(site, root, draft=draft, today=today, cache=cache)
        return [
            Part.of(editions, load_converter(folder, root))
            for folder, editions in zip(site.notices, notices, strict=True)
        ]
    parts = Parts(kept or root / ".cache" / "library" / "parts")
    with collector_paused(freeze=True):  # the own pages' process, which ends with the build
        found = [
            parts.get(e.key, functools.partial(_part, e, root, draft, today, cache))
            for e in manifest.entries
        ]
    parts.prune()
    return found


def _part(
    entry: Entry, root: Path, draft: bool, today: str | None, cache: NoticeCache | None
) -> Part:
    """A notice's part, read as its own build reads it (render.site.editions_of)."""
    measures = entry.folder / "measures.yaml"
    notice = load_notice(measures, shown(measures), draft=draft, cache=cache)
    near = Neighbourhood.from_json(json.loads(entry.context))
    convert = load_converter(entry.folder, root)
    editions = load_editions(
        entry.folder, root, convert, draft=draft, notice=notice, near=near, today=today
    )
    return Part.of(editions, convert)


def pages_key(
    code: str, site_url: str, draft: bool, site: Site, parts: list[Part], day: str
) -> str:
    """Everything the library's own pages are made of, hashed: the code, the site's address,
    the draft flag, its name, owner and identity, what each notice's Listed holds in each
    script (those pages read nothing else of a notice), and the build's `day` (MkDocs dates
    its sitemap). Equal keys give the same pages."""
    digest = hashlib.sha256(f"{code}\0{site_url}\0{int(draft)}\0{day}\0".encode())
    digest.update(f"{site.name}\0{site.owner}\0{site.identity!r}\0".encode())
    for part in parts:
        for language, listed in part.digests.items():
            digest.update(f"{language}\0{listed}\0".encode())
    return digest.hexdigest()


def write_library_sources(
    site: Site, notices: list[dict[str, Listed]], docs_dir: Path
) -> list[Path]:
    """The library's own pages under docs/<lang>/ (notice pages there are removed)."""
    return [
        path
        for language, pages in sources(site, notices).items()
        for path in write_files(docs_dir / language, pages)
    ]


def write_library_search_indexes(
    root: Path,
    site: Site,
    parts: list[Part],
    site_dir: Path,
    published: Path | None = None,
    previous: dict[str, dict[str, Any]] | None = None,
    ending: bool = False,
) -> dict[str, dict[str, Any]]:
    """The search index of each script of a library, over every notice, in many small
    files (render/shards.py: a first query fetches a few), those unchanged since the site
    `published` linked from there (`previous`: the layout of its index in each script,
    where known); their sizes and layout. `ending`: written by a process that ends with
    it (bulk.collector_paused's freeze)."""
    fold = library_fold(parts)
    segmenter = make_segmenter(root, site.notices[0], load_converter(site.notices[0], root))
    # each notice's postings, kept from the last build where its documents are unchanged
    shares = Shares(root / ".cache" / "search-shares")
    sizes = {}
    for language in parts[0].listed:
        search = _search_folder(language)
        sizes[language] = write_sharded_index(
            site_dir / search,
            language,
            fold,
            library_search(parts, language),
            segmenter,
            **options(parts, language),
            shares=shares,
            published=published / search if published else None,
            previous=(previous or {}).get(language),
            ending=ending,
        )
    shares.prune()
    segmenter.save()
    return sizes


class IndexAside:
    """The library's search index (write_library_search_indexes) written in a process forked
    from the build of the library's own pages once it holds every notice, so that the index
    (at 1,000 notices, most of that build: 126 MB of files) and the pages (their sources and
    MkDocs' rendering) are made side by side, on two cores; into() waits for it and moves
    its files into the site. The fork inherits the parts read: nothing is read twice.
    Its files are written in `work` (a folder on the site's file system: they are moved,
    not copied; one left by a build cut short is emptied), those the same as `published`'s
    (the site as published) linked."""

    def __init__(
        self,
        root: Path,
        site: Site,
        parts: list[Part],
        work: Path,
        published: Path | None,
        previous: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        self.work = work
        self.seconds = 0.0  # how long it took, once into() has waited for it
        context = multiprocessing.get_context("fork")
        self.process = context.Process(
            target=_index_aside, args=(root, site, parts, self.work, published, previous)
        )
        self.process.start()
        # where the build stops before into() (an error in the pages), at the latest when
        # this process exits: the index stopped, its files deleted
        self.stop = weakref.finalize(self, _stop, self.process, self.work)

    def into(self, site_dir: Path) -> dict[str, dict[str, Any]]:
        """Wait for the index; move each script's search/ files into `site_dir`, replacing
        what is there; the sizes written (as write_library_search_indexes returns them)."""
        try:
            self.process.join()
            if self.process.exitcode != 0:
                raise RuntimeError(
                    f"the library's search index was not written (exit {self.process.exitcode})"
                )
            written = json.loads((self.work / SIZES).read_text(encoding="utf-8"))
            sizes, self.seconds = written["sizes"], written["seconds"]
            for language in sizes:
                folder = _search_folder(language)
                search, target = self.work / folder, site_dir / folder
                target.mkdir(parents=True, exist_ok=True)
                for entry in sorted(search.iterdir()):
                    if (target / entry.name).is_dir():
                        shutil.rmtree(target / entry.name)
                    entry.replace(target / entry.name)
        finally:
            self.stop()
        return sizes


SIZES = "sizes.json"


def index_lines(sizes: dict[str, dict[str, Any]]) -> list[str]:
    """What a build says of the library's search index it wrote (sizes as
    write_library_search_indexes returns them), a line per script."""
    return [
        f"Library search index {language}: entry {size['entry']:,} bytes, postings "
        f"{size['postings']:,}, fragments {size['fragments']:,}, {size['files']:,} files "
        f"({size['linked']:,} the same as the published site's, linked from there, "
        f"{size['unread']:,} of them unread)"
        for language, size in sizes.items()
    ]


def _search_folder(language: str) -> Path:
    """A script's search/ folder, from the site's root."""
    return (Path(languages.of(language).prefix) / SEARCH_INDEX).parent


def _stop(process: multiprocessing.process.BaseProcess, work: Path) -> None:
    if process.is_alive():
        process.kill()
        process.join()
    shutil.rmtree(work, ignore_errors=True)


def _index_aside(
    root: Path,
    site: Site,
    parts: list[Part],
    work: Path,
    published: Path | None,
    previous: dict[str, dict[str, Any]] | None,
) -> None:
    start = time.perf_counter()
    sizes = write_library_search_indexes(root, site, parts, work, published, previous, True)
    written = {"sizes": sizes, "seconds": time.perf_counter() - start}
    (work / SIZES).write_text(json.dumps(written), encoding="utf-8")


def library_fold(parts: list[Part]) -> dict[str, str]:
    """One table folding Traditional to Simplified for every notice's text."""
    fold: dict[str, str] = {}
    for part in parts:
        fold |= part.fold
    return fold


def library_search(parts: list[Part], language: str) -> list:
    """Each notice's documents (listed.search_docs), the notices in force first, with what
    the filters read."""
    ordered = sorted(parts, key=lambda p: not p.listed[language].document.in_force)
    return [
        (Notice(p.document.status, p.document.issuer, p.document.when[:4]), p.docs[language])
        for p in ordered
    ]


def options(parts: list[Part], language: str) -> dict:
    """The filters' words in `language`, and the query separator Material is told."""
    ui = parts[0].listed[language].ui
    filters = Filters(
        ui["search_filter_status"],
        ui["search_filter_issuer"],
        ui["search_filter_year"],
        {s: ui[f"status_{s}"] for s in Document.STATUSES},
    )
    return {"filters": filters, "separator": QUERY_SEPARATOR}
