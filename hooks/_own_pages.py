"""The process that makes a library's own pages and its search index, MkDocs inside it.

Not a hook (mkdocs.yml does not list it): `notice_site.building.pipeline.make_library`
starts it once the library's notices are read and keyed (`python hooks/_own_pages.py
SITE_DIR`), its settings handed over in the environment, their `manifest` naming each
notice's folder, key and neighbourhood (library.own_pages.Manifest). It

1. takes each notice's part kept for its key, making only those of the notices new or
   changed (library.own_pages.library_parts);
2. forks the search index's writing aside (IndexAside), on the other core;
3. builds the pages (one MkDocs build, both scripts, the hooks in library mode), and the
   feed, sitemap index and notices.json beside them (building.library_files), only where
   what they show changed (library.own_pages.pages_key), keeping them for the next build
   (building.kept); where it did not, puts back those kept (hard links);
4. moves the index into SITE_DIR, and says what it did, a line each, on its standard output,
   the last a line of JSON: whether the pages are those kept, the index's layout.

A mistake in the data ends it with the message on its standard error (exit 1); the build
that started it shows it.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from pathlib import Path

HOOKS = Path(__file__).resolve().parent
ROOT = HOOKS.parent
sys.path[:0] = [str(HOOKS)]  # the hooks import _mode as MkDocs lets them

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402
from mkdocs.utils import get_build_date  # noqa: E402

from notice_site.building.kept import Kept, link_contents  # noqa: E402
from notice_site.building.library_files import write_library_files  # noqa: E402
from notice_site.building.linkcheck import links_leaving  # noqa: E402
from notice_site.building.sides import sources_folder  # noqa: E402
from notice_site.bulk import left_to_exit  # noqa: E402
from notice_site.errors import DataError  # noqa: E402
from notice_site.folder.load import NoticeCache  # noqa: E402
from notice_site.library.own_pages import (  # noqa: E402
    IndexAside,
    Manifest,
    index_lines,
    library_parts,
    pages_key,
)
from notice_site.model.urls import base_path  # noqa: E402
from notice_site.settings import Settings, SettingsError  # noqa: E402

import _mode  # noqa: E402


def main(site_dir: Path) -> int:
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    settings = Settings.read(ROOT)  # as handed over
    site = settings.load_site()
    if site is None or settings.manifest is None:
        raise SettingsError("the library's own pages need its site file and manifest")
    manifest = Manifest.read(settings.manifest)
    start = time.perf_counter()
    parts = library_parts(
        site,
        settings.root,
        draft=settings.draft,
        today=settings.today or None,
        cache=NoticeCache(settings.cache / "notices"),
        manifest=manifest,
        kept=settings.cache / "library" / "parts",
    )
    say(f"{len(parts)} notices' parts read in {time.perf_counter() - start:.1f} s")
    # the index's work folder beside the site's (its files are moved in, not copied)
    kept = Kept(settings.cache / "library")
    published = settings.published
    previous = kept.published(published).index if published else None
    index = IndexAside(settings.root, site, parts, Path(f"{site_dir}-index"), published, previous)
    key = pages_key(manifest.code, settings.site_url, settings.draft, site, parts, get_build_date())
    start = time.perf_counter()
    found = kept.own_pages(key)
    if found is not None:
        link_contents(found, site_dir)
        say(f"the library's own pages unchanged: those kept put back ({_since(start)})")
    else:
        _build(settings, site_dir, (site, parts))
        listed = [part.listed for part in parts]
        write_library_files(site, listed, site_dir, settings.site_url)
        links = links_leaving(site_dir, base_path(settings.site_url))
        kept.keep_own_pages(site_dir, key, links)
        say(f"the library's own pages built ({_since(start)})")
    sizes = index.into(site_dir)
    say(f"the library's search index written in {index.seconds:.1f} s, beside the pages")
    for line in index_lines(sizes):
        say(line)
    # last, for the build that started it: whether the pages are those kept, and the
    # layout of the index in each script (kept with what it publishes, for the next)
    layouts = {language: size["layout"] for language, size in sizes.items()}
    say(json.dumps({"kept": found is not None, "index": layouts}))
    return 0


def _build(settings: Settings, site_dir: Path, library: tuple) -> None:
    """One MkDocs build of the library's own pages, every script, into `site_dir`."""
    docs = sources_folder(settings.root, site_dir)
    try:
        config = _mode.project_config(settings, site_dir)
        run = _mode.Run(config, settings.but(sources_dir=docs), index_elsewhere=True)
        run.loaded["library"] = library
        setattr(config, _mode.ATTRIBUTE, run)
        build(config)
    finally:
        shutil.rmtree(docs, ignore_errors=True)


def say(line: str) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def _since(start: float) -> str:
    return f"{time.perf_counter() - start:.1f} s"


if __name__ == "__main__":
    try:
        code = main(Path(sys.argv[1]))
        left_to_exit()  # a thousand notices' parts: no collection at its end
        sys.exit(code)
    except (DataError, MkDocsException, SettingsError) as e:
        sys.stderr.write(f"{e}\n")
        sys.exit(1)
