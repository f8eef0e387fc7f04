"""MkDocs hook: keep the site's 404 page in the default script, and give Traditional its own.

static-i18n builds every script into the same site_dir, and MkDocs writes
static templates such as 404.html at its root each time, so the last script
built (Traditional) would own /404.html. Here the Traditional build writes its
404 page to zh-Hant/404.html and leaves the root one as the Simplified build
wrote it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


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
