"""MkDocs hook: the site's name, description and copyright line, the navigation and the 404
page's words in each script, come from the notice folder; mkdocs.yml names no notice."""

from __future__ import annotations

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from notice_site.model.languages import DEFAULT_LANGUAGE
from notice_site.render import security
from notice_site.render.sitewide import (
    draft_banner,
    government_settings,
    nav_translations,
    not_found_page,
    site_name,
    site_owner,
    site_settings,
)

import _mode


@event_priority(-150)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: -150, after static-i18n's on_config (-100) has chosen the script this build is
    for: the values are that script's, set directly (static-i18n's own per-language overrides
    accept only plain text, and these arrive escaped, see sitewide.site_settings). Runs again
    for each script static-i18n builds; its navigation labels are applied later, in on_nav."""
    run = _mode.run(config)
    editions = run.editions()
    language = run.script
    for key, value in site_settings(editions)[language].items():
        config[key] = value
    site = run.site()
    if run.library and site is not None:
        # a library's own pages: the site's name and owner, one page in the navigation
        name = escape(site_name(site, language))
        config["site_name"] = config["site_description"] = name
        config["copyright"] = escape(
            editions[language].ui["library_owner"].format(owner=site_owner(site, language))
        )
        ui = editions[DEFAULT_LANGUAGE].ui
        config.nav = [{ui["home"]: "index.md"}, {ui["themes_title"]: "themes/index.md"}]
    config.extra["not_found"] = not_found_page(editions)[language]
    # A government website: its identity in every footer and <meta> tags, the reading tools
    # in every header (overrides/main.html, partials/copyright.html, partials/tm-gov-meta.html).
    government = government_settings(
        editions, site, config.site_url or "", None if run.library else run.notice_dir()
    )
    config.extra.update(government[language])
    # A draft: a banner on every page and no indexing by search engines (main.html).
    # In a library, every page announces its feed (make_library hands its address over).
    config.extra["feed"] = f"{config.site_url}feed.xml" if run.library else run.settings.feed
    config.extra["draft"] = None if run.library else draft_banner(editions)[language]
    # A notice no longer in force: its status and its successor on every page (main.html).
    config.extra["standing"] = (
        None if run.library else editions[language].standing(config.site_url or "/")
    )
    # The offline copy (file://) runs its search in iframes (iframe-worker), and the preview
    # of `mkdocs serve` reloads through an inline script: no policy in either.
    no_policy = run.offline or run.serving
    config.extra["csp"] = None if no_policy else security.meta()
    config.extra["referrer"] = security.REFERRER_POLICY
    try:
        labels = nav_translations(editions, [title for item in config.nav or [] for title in item])
    except ValueError as e:
        raise PluginError(str(e)) from None
    i18n = config.plugins.get("i18n")
    for other in i18n.config.languages if i18n is not None else []:
        if other.locale != DEFAULT_LANGUAGE:
            other["nav_translations"] = labels[other.locale]
    return config
