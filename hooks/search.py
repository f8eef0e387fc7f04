"""MkDocs hook: replace Material's merged search index with one index per script.

The indexes come from the data (notice_site.render.search); Material's search box
loads them through our worker (overrides/main.html points `search` at it and
`base` at the page's script, so zh-Hant pages load zh-Hant/search/).

In the offline copy (Material's offline plugin enabled) each index is also
written as search/search_index.js, which Material loads instead under file://,
where it cannot fetch the JSON.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from notice_site.library.own_pages import (
    IndexAside,
    index_lines,
    write_library_search_indexes,
)
from notice_site.render.site import (
    warm_up_search,
    write_search_indexes,
)

import _mode

log = logging.getLogger("mkdocs.hooks.search")


# Material's search plugin would segment every page with jieba (a quarter of a
# plain build) for an index that on_post_build below replaces.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    """Priority: default. Runs after the front matter is read and before Material's
    search plugin indexes the page (on_page_context), which skips excluded pages.
    Its search box, worker and everything else stay."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: 50, before hooks/generate.py writes the pages' sources (on_config, 0). A
    library's own pages: its search index starts in a process of its own (IndexAside) as
    soon as every notice is read, beside the pages' sources and build; not under `mkdocs
    serve`, whose server runs threads (a fork would copy them half-way), nor in
    static-i18n's inner builds, nor where the process running the build writes it
    (hooks/_own_pages.py, index_elsewhere)."""
    run = _mode.run(config)
    if run.library and not run.inner and not run.serving and not run.index_elsewhere:
        site, parts = run.library_parts()
        # its work folder beside the site's (its files are moved in, not copied)
        work = Path(f"{config.site_dir}-index")
        run.index_aside = IndexAside(run.root, site, parts, work, run.settings.published)
    return config


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Priority: -200, after static-i18n's on_post_build (-100) wrote its merged index,
    and after the offline plugin's (-100) wrote search_index.js from that merged index.

    Inner builds of static-i18n (its `building` flag set) skip; the outer build
    writes both indexes once.
    """
    run = _mode.run(config)
    if run.inner:
        return
    started = time.monotonic()
    if run.library:
        if run.index_elsewhere:
            return
        if run.index_aside is not None:
            sizes = run.index_aside.into(Path(config.site_dir))
            log.info(
                f"Library search index written in {run.index_aside.seconds:.1f} s, beside the pages"
            )
        else:
            site, parts = run.library_parts()
            sizes = write_library_search_indexes(
                run.root, site, parts, Path(config.site_dir), run.settings.published
            )
        for line in index_lines(sizes):
            log.info(line)
        return
    sizes = write_search_indexes(
        run.root,
        run.notice_dir(),
        run.editions(),
        Path(config.site_dir),
        directory_urls=config.use_directory_urls,
        as_script=run.offline,
    )
    for language, size in sizes.items():
        log.info(f"Search index {language}: {size:,} bytes")
    log.info(f"Search indexes written in {time.monotonic() - started:.2f} s")


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """Priority: default. Under `mkdocs serve`, once, after its first build: texts found in
    .cache/ need no dictionary, so that build loaded none, and the first edit would wait
    1-2 s for it: load it now, aside."""
    run = _mode.run(config)
    threading.Thread(target=warm_up_search, args=(run.root, run.notice_dir()), daemon=True).start()
    return server
