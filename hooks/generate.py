"""MkDocs hook: write the pages made from the notice folder ($NOTICE_DATA, else data/) into
docs/<lang>/ before MkDocs collects files."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from notice_site import DataError
from notice_site.building.sides import SOURCES_ENV, only_script, sources_stamp
from notice_site.render.site import (
    LIBRARY_ENV,
    load_editions,
    notice_dir,
    write_library_sources,
    write_sources,
)

import _mode

log = logging.getLogger("mkdocs.hooks.generate")


# Validate and generate before MkDocs cleans site_dir, so bad data leaves the old site alone.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: default (0). Runs before file collection, which is all that matters.

    static-i18n calls build() again for each extra language; its `building` flag
    is set then, and the files written on the first run are already in place.
    (A process building one script alone has the flag set from the start.)
    """
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False) and only_script() is None:
        return config
    # The offline copy (directory URLs turned off by now) links files, and ships only the booklets.
    offline = _mode.is_offline(config)
    site_url = config.site_url or "/"
    # `python -m notice_site build` wrote the sources for this very configuration
    # before starting one process per script: none of them writes again.
    if os.environ.get(SOURCES_ENV) == sources_stamp(site_url, config.use_directory_urls, offline):
        return config
    root = Path(config.config_file_path).parent
    if os.environ.get(LIBRARY_ENV):
        # a library's own pages (its home page), around notices built each under /<slug>/
        try:
            changed = write_library_sources(root, Path(config.docs_dir))
        except DataError as e:
            raise PluginError(str(e)) from None
        if changed:
            log.info(f"Generated {len(changed)} library page sources")
        return config
    try:
        editions = load_editions(notice_dir(root), root)
    except DataError as e:
        raise PluginError(str(e)) from None
    changed = write_sources(
        editions,
        Path(config.docs_dir),
        site_url,
        directory_urls=config.use_directory_urls,
        offline=offline,
    )
    if changed:
        log.info(f"Generated {len(changed)} page sources from {notice_dir(root)}")
    return config
