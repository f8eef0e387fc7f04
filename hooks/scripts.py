"""MkDocs hook: build only the script named in $NOTICE_SITE_SCRIPT (one process per script).

`python -m notice_site build` runs `mkdocs build` once per script, side by
side, and merges the outputs (notice_site.building.sides). Here a process is told
which script it builds: static-i18n starts with that language and, its
`building` flag set, does not go on to the others. Without the variable
(`mkdocs build`, `mkdocs serve`) every script is built, one after another.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from notice_site.building.sides import only_script

import _mode


def on_startup(*, command: str, dirty: bool) -> None:
    """Priority: default. Runs once per process, before any build: the hooks that
    behave differently under `mkdocs serve` ask hooks/_mode.py."""
    _mode.started(command)


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Priority: 100, before static-i18n's on_config (-100) picks the language to build."""
    try:
        language = only_script()
    except ValueError as e:
        raise PluginError(str(e)) from None
    i18n = config.plugins.get("i18n")
    if language is not None and i18n is not None:
        i18n.current_language = language
        # static-i18n's own flag for "building one of the scripts": its
        # on_post_build then builds no other, and our hooks that need every
        # script (search indexes, link check) leave them to the merge.
        i18n.building = True
    return config
