"""MkDocs hook: build only the script our command named in its settings (one process per script).

`python -m notice_site build` runs `mkdocs build` once per script, side by
side, and merges the outputs (notice_site.building.sides). Here a process is told
which script it builds: static-i18n starts with that language and, its
`building` flag set, does not go on to the others. Without it
(`mkdocs build`, `mkdocs serve`) every script is built, one after another.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

import _mode


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: 100, before static-i18n's on_config (-100) picks the language to build
    (and reads docs_dir), and before hooks/generate.py writes the page sources."""
    settings = _mode.run(config).settings
    if settings.sources_dir is not None:
        # the build's own folder of page sources (building.sides.sources_folder)
        config.docs_dir = str(settings.sources_dir)
    language = settings.script
    i18n = config.plugins.get("i18n")
    if language is not None and i18n is not None:
        i18n.current_language = language
        # static-i18n's own flag for "building one of the scripts": its
        # on_post_build then builds no other, and our hooks that need every
        # script (search indexes, link check) leave them to the merge.
        i18n.building = True
    return config
