"""MkDocs hook: keep the site's 404 page in the default script, and give Traditional its own.

static-i18n builds every script into the same site_dir, and MkDocs writes
static templates such as 404.html at its root each time, so the last script
built (Traditional) would own /404.html. Here the Traditional build writes its
404 page to zh-Hant/404.html and leaves the root one as the Simplified build
wrote it.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def on_pre_template(template: object, *, template_name: str, config: MkDocsConfig) -> object:
    """Priority: default. The 404 page's language links lead to each script's home page.

    static-i18n sets the language switcher per page (the attribute
    config.extra.alternate) and resets it per build (the item
    config.extra["alternate"], which Jinja reads only when the attribute is
    unset), and MkDocs renders static templates before the pages: in the
    Traditional build (the second in one process) the 404 page got the links
    of the Simplified build's last page (/themes/tariff/). A process building
    one script alone never had that problem; now both ways give the same page.
    """
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and i18n is not None and getattr(i18n, "extra_alternate", None):
        # An attribute, as static-i18n sets it per page (Jinja reads it before the
        # item its per-build reset sets, hence the stale links).
        config.extra.alternate = deepcopy(i18n.extra_alternate)
    return template


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Priority: default. Runs once per script build, for each static template."""
    i18n = config.plugins.get("i18n")
    if template_name != "404.html" or i18n is None:
        return output_content
    language = i18n.current_language
    if language == i18n.default_language:
        return output_content
    site_dir = Path(config.site_dir)
    own = site_dir / language / "404.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(output_content, encoding="utf-8")
    root = site_dir / "404.html"
    return root.read_text(encoding="utf-8") if root.is_file() else output_content
