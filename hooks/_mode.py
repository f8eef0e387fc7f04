"""What this MkDocs run is, for the hooks that depend on it: is it `mkdocs serve`, is it
the offline copy, which script is it building? Not a hook (mkdocs.yml does not list
it): the hooks import it.

MkDocs loads each hook by its path with hooks/ on sys.path, so `import _mode`
finds this file, and every hook of the process shares the one module.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from notice_site.model.languages import DEFAULT_LANGUAGE

_process = {"command": ""}


def started(command: str) -> None:
    """Record the command this process runs (build, serve, gh-deploy): hooks/scripts.py's
    on_startup calls it, once per process, before any build."""
    _process["command"] = command


def serving() -> bool:
    """Under `mkdocs serve`: its server runs threads, and its live reload is an inline script."""
    return _process["command"] == "serve"


def is_offline(config: MkDocsConfig) -> bool:
    """The offline copy, for file:// (Material's offline plugin enabled: OFFLINE=true; by
    its on_config, directory URLs are off)."""
    plugin = config.plugins.get("material/offline")
    return plugin is not None and bool(plugin.config.enabled)


def script(config: MkDocsConfig) -> str:
    """The script this build is for: static-i18n's choice, once its on_config (-100) has
    run (it builds each script in turn); the source script before, or without it."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT_LANGUAGE
