"""MkDocs hook: the offline copy (Material's offline plugin, OFFLINE=true) loads nothing from another host
and keeps the published site's permanent URLs.

The offline plugin turns directory URLs off (pages become measures/13.html) and
would load the iframe-worker shim from unpkg.com; this hook hands it our
vendored copy instead, and gives every page the canonical URL it has in the
published site. The published build (plugin disabled) is left as it is.
"""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from notice_site.model.urls import directory_url

import _mode

# docs/assets/javascripts/vendor/iframe-worker/SOURCE.txt says where it comes from.
SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: 50, before the offline plugin's on_config (0), which adds unpkg's shim
    unless extra.polyfills already names an iframe-worker. Idempotent: static-i18n
    runs it again for each script."""
    if _mode.run(config).offline:
        polyfills = config.extra.get("polyfills") or []
        if SHIM not in polyfills:
            config.extra["polyfills"] = [*polyfills, SHIM]
    return config


# Canonical links (and og:url, the sitemap) name the published page, never measures/13.html.
def on_pre_page(page: Page, *, config: MkDocsConfig, files: object) -> Page:
    """Priority: default. Runs before the page and the sitemap are rendered."""
    if not config.use_directory_urls and config.site_url:
        page.canonical_url = urljoin(config.site_url, directory_url(page.url))
    return page
