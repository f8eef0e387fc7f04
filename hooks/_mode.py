"""What this MkDocs run is, for the hooks that depend on it: is it `mkdocs serve`, is it
the offline copy? Not a hook (mkdocs.yml does not list it): the hooks import it.

MkDocs loads each hook by its path with hooks/ on sys.path, so `import _mode`
finds this file, and every hook of the process shares the one module.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

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
