"""What a build is told, read once: every environment variable and command-line option that
decides what is built and how, in one frozen object that the code below takes as an argument.

A person sets make's `SITE`, `DATA`, `DRAFT` and `SITE_URL` (the Makefile passes the first
three on as NOTICE_SITE, NOTICE_DATA and NOTICE_DRAFT, names no other program uses), or the
command line's `--site`, `--data` and `--site-url`; `SOURCE_DATE_EPOCH` dates the offline
zip. Our own commands hand their settings to the MkDocs processes they start as one
serialised object (NOTICE_SITE_SETTINGS), with what only such a process needs to know (the
one script it builds, that its page sources are written, that it builds a library's own
pages, the library's feed). Nothing else in the package reads the environment; a bad value
is one `SettingsError` naming the variable, its value and what was expected.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from pathlib import Path

from notice_site.errors import DataError, shown
from notice_site.folder.site_file import Site, load_site
from notice_site.model.languages import LANGUAGES
from notice_site.model.urls import DEFAULT_SITE_URL, normalise_site_url

# The variables a person sets (through make: SITE=, DATA=, DRAFT=; SITE_URL as it is).
SITE_VARIABLE = "NOTICE_SITE"
DATA_VARIABLE = "NOTICE_DATA"
DRAFT_VARIABLE = "NOTICE_DRAFT"
SHARD_VARIABLE = "NOTICE_SHARD"
SITE_URL_VARIABLE = "SITE_URL"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
# How our commands hand their settings to the processes they start.
HANDED_VARIABLE = "NOTICE_SITE_SETTINGS"
# What mkdocs.yml itself reads (`!ENV`): the site's address, and the offline plugin's switch.
OFFLINE_VARIABLE = "OFFLINE"
# The names a person knows them by, in messages (make's variables).
_SHOWN = {
    SITE_VARIABLE: "SITE",
    DATA_VARIABLE: "DATA",
    DRAFT_VARIABLE: "DRAFT",
    SHARD_VARIABLE: "SHARD",
}
# Every variable above: a build's child gets these from its settings, never from the caller.
VARIABLES = (
    SITE_VARIABLE,
    DATA_VARIABLE,
    DRAFT_VARIABLE,
    SHARD_VARIABLE,
    SITE_URL_VARIABLE,
    HANDED_VARIABLE,
    OFFLINE_VARIABLE,
)

# A notice is a folder holding this file; a site file names the notices it publishes.
NOTICE_FILE = "measures.yaml"
SITE_FILE = "site.yaml"
DEFAULT_DATA_DIR = "data"


class SettingsError(Exception):
    """A setting with a value that cannot be used: the message is one line."""


# The settings that are paths, none where unset (handed over as text).
PATHS = ("data", "sources_dir", "context", "published", "manifest")


@dataclass(frozen=True)
class Settings:
    """One build's settings. Paths are absolute."""

    # the project: mkdocs.yml, overrides/, and where relative paths start
    root: Path
    # the site file (SITE; site.yaml by default, which may not exist)
    site_file: Path
    # one notice folder built alone (DATA), else None: the site file says
    data: Path | None = None
    site_url: str = DEFAULT_SITE_URL
    # SITE (or --site) named the site file: it was not the default
    site_given: bool = False
    # SITE_URL was set: the build is for a real address (else a warning says so)
    site_url_given: bool = False
    # DRAFT=1: every page and PDF page says 草稿, to-dos and all
    draft: bool = False
    # SHARD=k/n: build only the k-th of n shares of a library's notices, kept for the
    # build that joins them (building.pipeline.make_library); (k, n), or None: every notice
    shard: tuple[int, int] | None = None
    # SOURCE_DATE_EPOCH: the dates inside the offline zip
    epoch: int | None = None
    # The day of the build (ISO 8601), in China's time: SOURCE_DATE_EPOCH's day where it is
    # set, else today's. An amendment is in force from its day on (model.versions): the
    # pages show the text in force on this day. "" where not read (every amendment applies).
    today: str = ""
    # Set by our commands for the MkDocs processes they start:
    # the one script this process builds (None: every script, one after another)
    script: str | None = None
    # the page sources are written for this configuration (building.sides.sources_stamp)
    sources: str | None = None
    # the folder of this build's page sources (MkDocs' docs_dir), where it has one of its
    # own (None: the project's docs/, as `mkdocs serve` and a plain `mkdocs build` use)
    sources_dir: Path | None = None
    # this process builds a library's own pages (the site file's), not a notice's
    library: bool = False
    # the library's feed, which every page of its notices announces
    feed: str | None = None
    # a file holding the notice's neighbourhood in a library (model.Neighbourhood, JSON),
    # written by the library's build, which read every notice once
    context: Path | None = None
    # a library's own pages: the library as published (its search index's files that are
    # the same are linked from there, not written again)
    published: Path | None = None
    # a library's own pages: its notices as the library's build read and keyed them, a file
    # (library.own_pages.Manifest; None: read here, as `mkdocs serve` does)
    manifest: Path | None = None

    @classmethod
    def read(
        cls,
        root: Path,
        environ: Mapping[str, str] | None = None,
        *,
        site: Path | None = None,
        data: Path | None = None,
        site_url: str | None = None,
    ) -> Settings:
        """The settings of a run in `root`: the command line's values (site, data,
        site_url) over the environment's; in a process our command started, the
        settings it handed over."""
        environ = os.environ if environ is None else environ
        handed = environ.get(HANDED_VARIABLE)
        if handed:
            return cls.from_json(handed)
        root = root.resolve()
        site_path = _site_file(root, site, environ.get(SITE_VARIABLE))
        data_path = _data(root, data, environ.get(DATA_VARIABLE))
        url = site_url or environ.get(SITE_URL_VARIABLE) or ""
        try:
            normalised = normalise_site_url(url or DEFAULT_SITE_URL)
        except ValueError as e:
            shown = "--site-url" if site_url else SITE_URL_VARIABLE
            raise SettingsError(f"{shown}={url}: {e}") from None
        return cls(
            root=root,
            site_file=site_path,
            data=data_path,
            site_url=normalised,
            site_given=site is not None or bool(environ.get(SITE_VARIABLE)),
            site_url_given=bool(url),
            draft=_flag(environ, DRAFT_VARIABLE),
            shard=_shard(environ.get(SHARD_VARIABLE, "")),
            epoch=(epoch := _epoch(environ.get(EPOCH_VARIABLE, ""))),
            today=_today(epoch),
        )

    @classmethod
    def from_json(cls, text: str) -> Settings:
        """The settings a command handed to a process it started."""
        try:
            values = json.loads(text)
            values["root"] = Path(values["root"])
            values["site_file"] = Path(values["site_file"])
            for key in PATHS:
                values[key] = Path(values[key]) if values[key] else None
            values["shard"] = tuple(values["shard"]) if values["shard"] else None
            settings = cls(**values)
        except (ValueError, KeyError, TypeError) as e:
            raise SettingsError(f"{HANDED_VARIABLE}: not the settings of a build ({e})") from None
        if settings.script is not None and settings.script not in LANGUAGES:
            raise SettingsError(
                f"{HANDED_VARIABLE}: script {settings.script!r} is not one of "
                f"{', '.join(LANGUAGES)}"
            )
        return settings

    def to_json(self) -> str:
        values = asdict(self)
        for key in ("root", "site_file", *PATHS):
            values[key] = str(values[key]) if values[key] else None
        return json.dumps(values, ensure_ascii=False, sort_keys=True)

    def but(self, **changes: object) -> Settings:
        """These settings with some changed (a notice of a library: its address, its data)."""
        return replace(self, **changes)

    def environment(self, *, offline: bool = False) -> dict[str, str]:
        """The environment of a process started with these settings: this process's,
        without any of the variables above, then the handed-over settings, and what
        mkdocs.yml reads."""
        env = {key: value for key, value in os.environ.items() if key not in VARIABLES}
        env[HANDED_VARIABLE] = self.to_json()
        env[SITE_URL_VARIABLE] = self.site_url
        if offline:
            env[OFFLINE_VARIABLE] = "true"
        return env

    @property
    def cache(self) -> Path:
        """Where builds keep what a later build may reuse (the segmentations, the PDFs, a
        library's notices as read and as built), each in a folder of its own."""
        return self.root / ".cache"

    def notice_dir(self) -> Path:
        """The notice folder to publish: DATA; else the site file's one notice; else data/
        (where there is no site file). A site file of several notices is a library."""
        if self.data is not None:
            return self.data
        site = self.load_site()
        if site is None:
            return self.root / DEFAULT_DATA_DIR
        if site.single is not None:
            return site.single
        raise DataError(
            shown(self.site_file),
            "notices",
            f"holds {len(site.notices)} notices, a library: build it with `make site "
            f"SITE={self.site_file.name}`; `DATA=<folder>` previews or builds one notice alone",
        )

    def load_site(self) -> Site | None:
        """The site file, read and checked once for these settings (a process, or a
        rebuild under `mkdocs serve`, makes new ones), or None where there is none."""
        return self._site

    @cached_property
    def _site(self) -> Site | None:
        # cached_property writes the instance's __dict__ itself: allowed on a frozen dataclass
        if not self.site_file.is_file():
            return None
        return load_site(self.site_file, shown(self.site_file))


def _site_file(root: Path, given: Path | None, variable: str | None) -> Path:
    shown = f"--site {given}" if given is not None else f"SITE={variable}"
    value = given if given is not None else Path(variable) if variable else None
    if value is None:
        return root / SITE_FILE
    path = value if value.is_absolute() else root / value
    if path.is_dir():
        raise SettingsError(
            f"{shown}: is a folder; expected a site file such as {SITE_FILE} "
            f"(DATA=<folder> builds one notice folder alone)"
        )
    if not path.is_file():
        raise SettingsError(f"{shown}: no such file; expected a site file such as {SITE_FILE}")
    return path


def _data(root: Path, given: Path | None, variable: str | None) -> Path | None:
    shown = f"--data {given}" if given is not None else f"DATA={variable}"
    value = given if given is not None else Path(variable) if variable else None
    if value is None:
        return None
    path = value if value.is_absolute() else root / value
    if path.exists() and not path.is_dir():
        raise SettingsError(f"{shown}: is a file; expected a notice folder (with {NOTICE_FILE})")
    return path


def _flag(environ: Mapping[str, str], name: str) -> bool:
    value = environ.get(name, "").strip().lower()
    if value in {"1", "true", "yes"}:
        return True
    if value in {"", "0", "false", "no"}:
        return False
    raise SettingsError(f"{_SHOWN.get(name, name)}={value}: expected 1 (or nothing)")


def _shard(value: str) -> tuple[int, int] | None:
    """SHARD=k/n: the k-th of n shares (1 ≤ k ≤ n); nothing: None."""
    value = value.strip()
    if not value:
        return None
    found = re.fullmatch(r"(\d+)/(\d+)", value)
    if found is None or not 1 <= int(found[1]) <= int(found[2]):
        raise SettingsError(
            f"SHARD={value}: expected k/n, the k-th of n shares, 1 ≤ k ≤ n (SHARD=1/4)"
        )
    return int(found[1]), int(found[2])


# The time the day of a build is counted in: China's (UTC+8), where the notices take effect.
CHINA = datetime.timezone(datetime.timedelta(hours=8))


def _today(epoch: int | None) -> str:
    """The build's day in China: SOURCE_DATE_EPOCH's, else now's."""
    moment = (
        datetime.datetime.fromtimestamp(epoch, CHINA)
        if epoch is not None
        else datetime.datetime.now(CHINA)
    )
    return moment.date().isoformat()


def _epoch(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise SettingsError(f"{EPOCH_VARIABLE}={value}: expected whole seconds since 1970")
    return int(value)
