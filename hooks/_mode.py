"""What this MkDocs run is, answered in one place for every hook: its settings (read once, by
notice_site.settings), whether it is `mkdocs serve`, the offline copy, a library's own pages
or static-i18n's inner build, which script it builds; and what it loaded (the notice's
editions, the library's notices), once per build. Not a hook (mkdocs.yml does not list it):
the hooks import it. MkDocs loads each hook by its path with hooks/ on sys.path, so `import
_mode` finds this file.

The state lives on a `Run` object kept on MkDocs' configuration object (as Material's
plugins keep theirs on the plugin): static-i18n builds every script with that one object, and
`mkdocs serve` makes a new one for each rebuild, so each rebuild starts clean. Nothing is
kept at module level.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from notice_site import DataError
from notice_site.folder.load import NoticeCache
from notice_site.folder.site_file import Site
from notice_site.library.listed import Part
from notice_site.library.own_pages import Manifest, library_parts
from notice_site.model.languages import DEFAULT_LANGUAGE
from notice_site.render.site import editions_of
from notice_site.settings import Settings, SettingsError

# The attribute of MkDocs' configuration object that holds the run.
ATTRIBUTE = "notice_site_run"


@dataclass
class Run:
    """One build, as the hooks see it."""

    config: MkDocsConfig
    settings: Settings
    loaded: dict[str, Any] = field(default_factory=dict)
    # Compiled templates the process keeps for every build it makes (a Jinja BytecodeCache;
    # hooks/_builder.py), and whether the links are checked later, with a whole library's.
    templates: Any = None
    links_later: bool = False
    # A library's search index, written aside while its own pages build (hooks/search.py),
    # or by the process that runs this build (hooks/_own_pages.py: index_elsewhere).
    index_aside: Any = None
    index_elsewhere: bool = False

    @property
    def root(self) -> Path:
        return self.settings.root

    @property
    def serving(self) -> bool:
        """Under `mkdocs serve`: its server runs threads, and its live reload is an inline
        script. MkDocs' serve builds into a folder of its own that it makes in the system's
        temporary folder, named mkdocs_… (mkdocs/commands/serve.py); no build does that."""
        site_dir = Path(self.config.site_dir)
        return site_dir.name.startswith("mkdocs_") and site_dir.parent == Path(
            tempfile.gettempdir()
        )

    @property
    def offline(self) -> bool:
        """The offline copy, for file:// (Material's offline plugin enabled: OFFLINE=true; by
        its on_config, directory URLs are off)."""
        plugin = self.config.plugins.get("material/offline")
        return plugin is not None and bool(plugin.config.enabled)

    @property
    def script(self) -> str:
        """The script this build is for: static-i18n's choice, once its on_config (-100) has
        run (it builds each script in turn); the source script before, or without it."""
        i18n = self.config.plugins.get("i18n")
        return getattr(i18n, "current_language", None) or DEFAULT_LANGUAGE

    @property
    def inner(self) -> bool:
        """static-i18n's build of a further script (it runs the whole build again, its
        `building` flag set), or a process that builds one script alone: the steps that
        need every script (search indexes, link check) are left to the outer build or to
        the merge."""
        i18n = self.config.plugins.get("i18n")
        return i18n is not None and bool(getattr(i18n, "building", False))

    @property
    def library(self) -> bool:
        """This build makes a library's own pages (building.pipeline.make_library)."""
        return self.settings.library

    def site(self) -> Site | None:
        """The site file, read and checked once per build (None: there is none)."""
        if "site" not in self.loaded:
            self.loaded["site"] = _checked(self.settings.load_site)
        return self.loaded["site"]

    def notice_dir(self) -> Path:
        """The notice folder this build publishes."""
        return _checked(self.settings.notice_dir)

    def editions(self) -> dict[str, Any]:
        """The notice in each script, read, checked and converted once per build (an
        Edition each); for a library's own pages, its first notice as they know it (a
        library.listed.Listed each: what the site-wide settings read, render.sitewide)."""
        if "editions" not in self.loaded:
            if self.library:
                self.loaded["editions"] = self.library_parts()[1][0].listed
            else:
                self.loaded["editions"] = _checked(lambda: editions_of(self.settings))
        return self.loaded["editions"]

    def library_parts(self) -> tuple[Site, list[Part]]:
        """A library's site file and every notice's part (library.listed), once per build:
        those the library's build keyed (its manifest) taken from what it kept, else every
        notice read here."""
        if "library" not in self.loaded:
            site = self.site()
            if site is None:
                raise PluginError(f"{self.settings.site_file}: no site file for a library")
            manifest = self.settings.manifest
            self.loaded["library"] = (
                site,
                _checked(
                    lambda: library_parts(
                        site,
                        self.root,
                        draft=self.settings.draft,
                        today=self.settings.today or None,
                        cache=NoticeCache(self.settings.cache / "notices"),
                        manifest=Manifest.read(manifest) if manifest else None,
                        kept=self.settings.cache / "library" / "parts",
                    )
                ),
            )
        return self.loaded["library"]


def project_config(settings: Settings, site_dir: Path) -> MkDocsConfig:
    """The project's MkDocs configuration for a build of `settings` into `site_dir`, as
    `mkdocs build --strict` reads it (for a process that runs MkDocs inside it)."""
    from mkdocs.config import load_config

    return load_config(
        str(settings.root / "mkdocs.yml"),
        site_dir=str(site_dir),
        site_url=settings.site_url,
        strict=True,
    )


def run(config: MkDocsConfig) -> Run:
    """The run `config` belongs to, made by the first hook that asks."""
    found = getattr(config, ATTRIBUTE, None)
    if found is None:
        try:
            settings = Settings.read(Path(config.config_file_path).parent)
        except SettingsError as e:
            raise PluginError(str(e)) from None
        found = Run(config, settings)
        setattr(config, ATTRIBUTE, found)
    return found


def _checked(load: Any) -> Any:
    # a mistake in the data stops the build with its message, not a traceback
    try:
        return load()
    except DataError as e:
        raise PluginError(str(e)) from None
