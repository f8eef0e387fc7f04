"""MkDocs hook: replace Material's merged search index with one index per script.

The indexes come from the data (twenty_measures.search); Material's search box
loads them through our worker (overrides/main.html points `search` at it and
`base` at the page's script, so zh-Hant pages load zh-Hant/search/).

In the offline copy (Material's offline plugin enabled) each index is also
written as search/search_index.js, which Material loads instead under file://,
where it cannot fetch the JSON.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from twenty_measures.search import Segmenter, fold_table, merged_dictionary, search_index
from twenty_measures.site import load_converter, load_editions, search_words
from twenty_measures.urls import DEFAULT_LANGUAGE

log = logging.getLogger("mkdocs.hooks.search")


# Material's search plugin would segment every page with jieba (a quarter of a
# plain build) for an index that on_post_build below replaces.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    """Priority: default. Runs after the front matter is read and before Material's
    search plugin indexes the page (on_page_context), which skips excluded pages.
    Its search box, worker and everything else stay."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Priority: -200, after static-i18n's on_post_build (-100) wrote its merged index,
    and after the offline plugin's (-100) wrote search_index.js from that merged index.

    Inner builds of static-i18n (its `building` flag set) skip; the outer build
    writes both indexes once.
    """
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    started = time.monotonic()
    root = Path(config.config_file_path).parent
    data_dir = root / "data"
    cache_dir = root / ".cache"
    convert = load_converter(data_dir, root)
    editions = load_editions(data_dir, root, convert)
    dictionary = merged_dictionary(convert, cache_dir, convert.key, search_words(data_dir, root))
    segmenter = Segmenter(dictionary, cache_dir)
    hans, hant = editions[DEFAULT_LANGUAGE], editions["zh-Hant"]
    fold = fold_table(hans.notice, hant.notice, hans.ui, hant.ui)
    site_dir = Path(config.site_dir)
    offline = config.plugins.get("material/offline")
    as_script = offline is not None and bool(offline.config.enabled)
    for language, edition in editions.items():
        folder = site_dir if language == DEFAULT_LANGUAGE else site_dir / language
        target = folder / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        index = search_index(
            edition.notice, edition.ui, language, fold, segmenter, config.use_directory_urls
        )
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        target.write_text(text, encoding="utf-8")
        if as_script:
            # as the offline plugin writes it: Material reads the global __index
            target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
        log.info(f"Search index {language}: {len(text.encode()):,} bytes")
    segmenter.save()
    log.info(f"Search indexes written in {time.monotonic() - started:.2f} s")
