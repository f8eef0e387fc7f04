"""A library's own pages (its home and theme pages) and its search index, for the MkDocs build
of them (building.pipeline.make_library starts it; hooks/generate.py and search.py call
these with the site file and every notice loaded once)."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import time
import weakref
from collections.abc import Sequence
from pathlib import Path

from notice_site.folder.load import NoticeCache
from notice_site.folder.site_file import Site, check_library, neighbourhoods
from notice_site.library.pages import search_docs_by_notice, sources
from notice_site.model import languages
from notice_site.model import notice as model
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES, TRADITIONAL
from notice_site.model.notice import Document
from notice_site.render.search import QUERY_SEPARATOR, SEARCH_INDEX, fold_table
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
    each as it stands on `today` (the build's day); those read before taken from `cache`."""
    notices = check_library(site, draft=draft, today=today, cache=cache)
    return list(library_editions(site, notices, root, draft=draft, today=today).values())


def library_editions(
    site: Site,
    notices: dict[Path, model.Notice],
    root: Path,
    *,
    draft: bool = False,
    today: str | None = None,
    scripts: Sequence[str] = LANGUAGES,
) -> dict[Path, dict[str, Edition]]:
    """Each of a library's notices (checked as a set) in each script (of `scripts`: the
    library's build reads the Simplified alone, and converts none), with its neighbourhood
    among the others (what its pages show of them)."""
    near = neighbourhoods(site, notices)
    return {
        folder: load_editions(
            folder,
            root,
            draft=draft,
            notice=notice,
            near=near[folder],
            today=today,
            languages=scripts,
        )
        for folder, notice in notices.items()
    }


def write_library_sources(
    site: Site, notices: list[dict[str, Edition]], docs_dir: Path
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
    notices: list[dict[str, Edition]],
    site_dir: Path,
    published: Path | None = None,
) -> dict[str, dict[str, int]]:
    """The search index of each script of a library, over every notice, in many small
    files (render/shards.py: a first query fetches a few), those unchanged since the site
    `published` linked from there; their sizes."""
    fold = library_fold(root, site, notices)
    segmenter = make_segmenter(root, site.notices[0], load_converter(site.notices[0], root))
    # each notice's postings, kept from the last build where its documents are unchanged
    shares = Shares(root / ".cache" / "search-shares")
    sizes = {}
    for language in notices[0]:
        search = _search_folder(language)
        sizes[language] = write_sharded_index(
            site_dir / search,
            language,
            fold,
            library_search(notices, language),
            segmenter,
            **options(notices, language),
            shares=shares,
            published=published / search if published else None,
        )
    shares.prune()
    segmenter.save()
    return sizes


class IndexAside:
    """The library's search index (write_library_search_indexes) written in a process forked
    from the build of the library's own pages once it holds every notice, so that the index
    (at 1,000 notices, most of that build: 126 MB of files) and the pages (their sources and
    MkDocs' rendering) are made side by side, on two cores; into() waits for it and moves
    its files into the site. The fork inherits the notices read: nothing is read twice.
    Its files are written in `work` (a folder on the site's file system: they are moved,
    not copied; one left by a build cut short is emptied), those the same as `published`'s
    (the site as published) linked."""

    def __init__(
        self,
        root: Path,
        site: Site,
        notices: list[dict[str, Edition]],
        work: Path,
        published: Path | None,
    ) -> None:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        self.work = work
        self.seconds = 0.0  # how long it took, once into() has waited for it
        context = multiprocessing.get_context("fork")
        self.process = context.Process(
            target=_index_aside, args=(root, site, notices, self.work, published)
        )
        self.process.start()
        # where the build stops before into() (an error in the pages), at the latest when
        # this process exits: the index stopped, its files deleted
        self.stop = weakref.finalize(self, _stop, self.process, self.work)

    def into(self, site_dir: Path) -> dict[str, dict[str, int]]:
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


def _search_folder(language: str) -> Path:
    """A script's search/ folder, from the site's root."""
    return (Path(languages.of(language).prefix) / SEARCH_INDEX).parent


def _stop(process: multiprocessing.process.BaseProcess, work: Path) -> None:
    if process.is_alive():
        process.kill()
        process.join()
    shutil.rmtree(work, ignore_errors=True)


def _index_aside(
    root: Path, site: Site, notices: list[dict[str, Edition]], work: Path, published: Path | None
) -> None:
    start = time.perf_counter()
    sizes = write_library_search_indexes(root, site, notices, work, published)
    written = {"sizes": sizes, "seconds": time.perf_counter() - start}
    (work / SIZES).write_text(json.dumps(written), encoding="utf-8")


def library_fold(root: Path, site: Site, notices: list[dict[str, Edition]]) -> dict[str, str]:
    """One table folding Traditional to Simplified for every notice's text."""
    fold: dict[str, str] = {}
    # each interface string converted once per conversion (most notices share both)
    converted: dict[tuple[str, str], str] = {}
    for folder, editions in zip(site.notices, notices, strict=True):
        convert = load_converter(folder, root)
        hans, hant = editions[DEFAULT_LANGUAGE], editions[TRADITIONAL.code]
        conversion, converted_ui = convert.key, {}
        for k, v in hans.ui.items():
            if (conversion, v) not in converted:
                converted[conversion, v] = convert(v)
            converted_ui[k] = converted[conversion, v]
        histories = (hans.history, hant.history)
        fold |= fold_table(hans.notice, hant.notice, hans.ui, converted_ui, histories)
    return fold


def library_search(notices: list[dict[str, Edition]], language: str) -> list:
    """Each notice's documents (library.pages.search_docs), with what the filters read."""
    return [
        (
            Notice(e.notice.document.status, e.notice.document.issuer, e.notice.document.when[:4]),
            docs,
        )
        for e, docs in search_docs_by_notice(notices, language)
    ]


def options(notices: list[dict[str, Edition]], language: str) -> dict:
    """The filters' words in `language`, and the query separator Material is told."""
    ui = notices[0][language].ui
    filters = Filters(
        ui["search_filter_status"],
        ui["search_filter_issuer"],
        ui["search_filter_year"],
        {s: ui[f"status_{s}"] for s in Document.STATUSES},
    )
    return {"filters": filters, "separator": QUERY_SEPARATOR}
