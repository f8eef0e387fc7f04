"""MkDocs hook: the site's name, description and copyright line, the navigation and the 404
page's words in each script, come from the notice folder; mkdocs.yml names no notice."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from notice_site import DataError, security
from notice_site.site import (
    load_editions,
    nav_translations,
    not_found_page,
    notice_dir,
    site_settings,
)
from notice_site.urls import DEFAULT_LANGUAGE

# Set under `mkdocs serve`, whose live reload is an inline script that the policy would refuse.
_serving = {"on": False}


def on_startup(*, command: str, dirty: bool) -> None:
    """Priority: default. Runs once per process, before any build."""
    _serving["on"] = command == "serve"


@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: 50, before static-i18n's on_config (-100), which applies each language's
    own settings on top of these. Idempotent: static-i18n runs it again for each script."""
    root = Path(config.config_file_path).parent
    try:
        editions = load_editions(notice_dir(root), root)
    except DataError as e:
        raise PluginError(str(e)) from None
    settings = site_settings(editions)
    not_found = not_found_page(editions)
    for key, value in settings[DEFAULT_LANGUAGE].items():
        config[key] = value
    config.extra["not_found"] = not_found[DEFAULT_LANGUAGE]
    # The offline copy (file://) runs its search in iframes (iframe-worker), and the preview
    # of `mkdocs serve` reloads through an inline script: no policy in either.
    plugin = config.plugins.get("material/offline")
    offline = plugin is not None and bool(plugin.config.enabled)
    config.extra["csp"] = None if offline or _serving["on"] else security.meta()
    config.extra["referrer"] = security.REFERRER_POLICY
    try:
        labels = nav_translations(editions, [title for item in config.nav or [] for title in item])
    except ValueError as e:
        raise PluginError(str(e)) from None
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n is not None else []:
        if language.locale == DEFAULT_LANGUAGE:
            continue
        for key, value in settings[language.locale].items():
            language[key] = value
        language["nav_translations"] = labels[language.locale]
        language["extra"] = {"not_found": not_found[language.locale]}
    return config
