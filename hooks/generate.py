"""MkDocs hook: write the pages made from data/ into docs/<lang>/ before MkDocs collects files."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from twenty_measures import DataError
from twenty_measures.site import load_editions, write_sources

log = logging.getLogger("mkdocs.hooks.generate")


# Validate and generate before MkDocs cleans site_dir, so bad data leaves the old site alone.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: default (0). Runs before file collection, which is all that matters.

    static-i18n calls build() again for each extra language; its `building` flag
    is set then, and the files written on the first run are already in place.
    """
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return config
    root = Path(config.config_file_path).parent
    try:
        editions = load_editions(root / "data", root)
    except DataError as e:
        raise PluginError(str(e)) from None
    # The offline copy (Material's offline plugin, OFFLINE=true; it has turned
    # directory URLs off by now) links files, and ships only the booklets.
    offline = config.plugins.get("material/offline")
    changed = write_sources(
        editions,
        Path(config.docs_dir),
        config.site_url or "/",
        directory_urls=config.use_directory_urls,
        offline=offline is not None and bool(offline.config.enabled),
    )
    if changed:
        log.info(f"Generated {len(changed)} page sources from data/")
    return config
