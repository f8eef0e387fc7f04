"""MkDocs hook: after both scripts are built, every internal link and #anchor must resolve.

A broken one is a warning, so `mkdocs build --strict` fails on it. This covers
the links our templates write (related measures, themes, previous/next), which
MkDocs' own validation, limited to Markdown links, never sees.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from notice_site.building.cores import default_workers
from notice_site.building.linkcheck import check_site
from notice_site.model.urls import DOWNLOADS_DIR, base_path

import _mode

log = logging.getLogger("mkdocs.hooks.linkcheck")


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Priority: -200, after static-i18n's on_post_build (-100) has built the other scripts.

    static-i18n runs the whole build again for each extra language; those inner
    builds (its `building` flag set) skip the check, the outer one checks the lot.
    (A process of `python -m notice_site build` has the flag set: the merged
    site is checked after the merge.)
    """
    run = _mode.run(config)
    if run.inner:
        return
    if run.library or run.links_later:
        # a library's own pages link the notices, built beside them, and a notice of it
        # links the others: the library build (pipeline.make_library) checks the whole
        # once they are together
        return
    # The PDFs are rendered after MkDocs (make site); `python -m notice_site
    # check-links` checks the finished folder, PDFs included, before it is published.
    # Without directory URLs (the offline copy, opened from file://) a link to a
    # folder shows a file listing, not its index.html: the checker reports it.
    problems = check_site(
        Path(config.site_dir),
        base_path(config.site_url or "/"),
        later=(f"{DOWNLOADS_DIR}/",),
        directory_urls=config.use_directory_urls,
        # `mkdocs serve` runs threads (its server, our dictionary warm-up): no forking there.
        workers=1 if run.serving else default_workers(),
    )
    for problem in problems:
        log.warning(f"Broken link: {problem}")
