"""MkDocs hook: write the pages made from the notice folder (the build's settings: DATA, else
the site file's one notice) into docs/<lang>/ before MkDocs collects files."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from notice_site.building.sides import sources_stamp
from notice_site.library.own_pages import write_library_sources
from notice_site.render.site import write_sources

import _mode

log = logging.getLogger("mkdocs.hooks.generate")


# Validate and generate before MkDocs cleans site_dir, so bad data leaves the old site alone.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: default (0). Runs before file collection, which is all that matters.

    static-i18n calls build() again for each extra language; its `building` flag
    is set then, and the files written on the first run are already in place.
    (A process building one script alone has the flag set from the start.)
    """
    run = _mode.run(config)
    if run.inner and run.settings.script is None:
        return config
    # The offline copy (directory URLs turned off by now) links files, and ships only the booklets.
    site_url = config.site_url or "/"
    # `python -m notice_site build` wrote the sources for this very configuration
    # before starting one process per script: none of them writes again.
    if run.settings.sources == sources_stamp(site_url, config.use_directory_urls, run.offline):
        return config
    if run.library:
        # a library's own pages (its home page), around notices built each under /<slug>/
        site, parts = run.library_parts()
        listed = [part.listed for part in parts]
        changed = write_library_sources(site, listed, Path(config.docs_dir))
        if changed:
            log.info(f"Generated {len(changed)} library page sources")
        return config
    changed = write_sources(
        run.editions(),
        Path(config.docs_dir),
        site_url,
        directory_urls=config.use_directory_urls,
        offline=run.offline,
    )
    if changed:
        log.info(f"Generated {len(changed)} page sources from {run.notice_dir()}")
    return config


# Our page sources open with one line of JSON (render.templating.front_matter), which MkDocs
# would read with YAML: constructing a library theme page's list took 0.1 s a page (10 s for
# the own pages of 1,000 notices). Read here as JSON instead, the same data.
FRONT, END = "---\n{", "\n---\n"


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    """Priority: default. A generated source's front matter read as JSON and kept for
    on_page_markdown; the rest handed to MkDocs, which then finds no front matter. Any other
    source (none opens so) is left to MkDocs."""
    source = page.file.content_string
    end = source.find(END, len(FRONT)) if source.startswith(FRONT) else -1
    if end < 0 or "\n" in source[len(FRONT) - 1 : end]:
        return None
    _mode.run(config).loaded.setdefault("front", {})[page.file.src_uri] = json.loads(
        source[len(FRONT) - 1 : end]
    )
    return source[end + len(END) :].lstrip("\n")


@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    """Priority: 100, before every other hook and plugin reads the page's meta."""
    meta = _mode.run(config).loaded.get("front", {}).pop(page.file.src_uri, None)
    if meta is not None:
        page.meta = {**meta, **page.meta}
    return markdown
