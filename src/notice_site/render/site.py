"""The whole site's sources from the data folder: both scripts, written to docs/ only where changed."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from notice_site.errors import DataError
from notice_site.folder.load import load_notice
from notice_site.model import languages
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES, TRADITIONAL
from notice_site.model.notice import Notice
from notice_site.model.urls import sibling_root
from notice_site.render.convert import Converter, convert_notice, load_overrides
from notice_site.render.pages import Pages
from notice_site.render.ui import strings

if TYPE_CHECKING:
    from notice_site.render.search import Segmenter

# A notice is a folder: measures.yaml, source/<the official text>.txt, and
# optionally zh-Hant-overrides.yaml and search-words.txt.
DATA_FILE = "measures.yaml"
OVERRIDES_FILE = f"{TRADITIONAL.code}-overrides.yaml"
SEARCH_WORDS_FILE = "search-words.txt"
# The notice folder a build publishes (make's DATA=, passed on to MkDocs and its hooks).
DATA_ENV = "NOTICE_DATA"
DEFAULT_DATA_DIR = "data"
# Folders under docs/<lang>/ that the generator owns: files it no longer makes are deleted.
GENERATED_DIRS = ("measures", "themes", "divisions")


@dataclass(frozen=True)
class Edition:
    """The notice and our interface strings in one script."""

    language: str
    notice: Notice
    ui: dict[str, str]
    # A draft build (make site DATA=… DRAFT=1): every page and PDF page says 草稿.
    draft: bool = False
    # The titles (in this script) of the notices this one names as its successor or
    # predecessors, by slug, where the site lists them (library.neighbours).
    neighbours: dict[str, str] = field(default_factory=dict)
    # The measures of the library's other notices (library.elsewhere), in this script.
    elsewhere: tuple[dict[str, Any], ...] = ()

    def standing(self, site_url: str) -> dict[str, Any] | None:
        """What every page and PDF page of a notice no longer in force says (None for a
        notice in force): its status, and the notice that replaced it, with its URL
        beside this one's (a library puts each notice under /<slug>/)."""
        d = self.notice.document
        if d.status == "in_force":
            return None
        successor = None
        if d.replaced_by in self.neighbours:
            successor = {
                "title": self.neighbours[d.replaced_by],
                "url": sibling_root(site_url, d.replaced_by, self.language),
            }
        return {
            "status": d.status,
            "label": self.ui[f"status_{d.status}"],
            "text": self.ui[f"status_banner_{d.status}"],
            "successor": successor,
        }

    def predecessors(self, site_url: str) -> list[dict[str, str]]:
        """The notices this one replaces, where the site lists them: title and URL."""
        return [
            {
                "title": self.neighbours[slug],
                "url": sibling_root(site_url, slug, self.language),
            }
            for slug in self.notice.document.replaces
            if slug in self.neighbours
        ]


# DRAFT=1 on make's command line (the Makefile exports it as this variable): the notice
# is built as a draft, to-dos and all. Every step of a build reads it here.
DRAFT_ENV = "NOTICE_DRAFT"


def draft_from_env() -> bool:
    return os.environ.get(DRAFT_ENV, "").strip().lower() in {"1", "true", "yes"}


def _shown(path: Path, root: Path | None) -> str:
    # Messages name files as the user typed them: relative to the project.
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def notice_dir(root: Path) -> Path:
    """The notice folder to publish: $NOTICE_DATA; else the one notice of the site file
    ($NOTICE_SITE, else site.yaml, where there is one); else data/. Relative paths are
    from `root`."""
    if os.environ.get(DATA_ENV):
        return root / os.environ[DATA_ENV]
    from notice_site.folder.site_file import load_site, site_file

    path = site_file(root)
    if path.is_file():
        site = load_site(path)
        if site.single is not None:
            return site.single
        raise DataError(
            str(path),
            "notices",
            f"holds {len(site.notices)} notices, a library: build it with `make site "
            f"SITE={path.name}`; `DATA=<folder>` previews or builds one notice alone",
        )
    return root / DEFAULT_DATA_DIR


def load_converter(data_dir: Path, root: Path | None = None) -> Converter:
    """The Traditional converter with the reviewed overrides, if the notice has any; load
    it once per build."""
    path = data_dir / OVERRIDES_FILE
    if not path.exists():
        return Converter()
    return Converter(load_overrides(path, _shown(path, root)))


def search_words(data_dir: Path, root: Path | None = None) -> list[str]:
    """Words of this text that segmentation must keep whole (search-words.txt, if any)."""
    path = data_dir / SEARCH_WORDS_FILE
    if not path.exists():
        return []
    words = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if any(not (ch.isalnum()) for ch in word):
            raise DataError(_shown(path, root), "", f"not a single word: {word!r}", number)
        words.append(word)
    return words


def load_source_notice(
    data_dir: Path, root: Path | None = None, *, draft: bool | None = None
) -> Notice:
    """The notice as written (Simplified), loaded and checked; load_editions reuses it.
    `draft` defaults to the build's (DRAFT=1, draft_from_env)."""
    draft = draft_from_env() if draft is None else draft
    return load_notice(data_dir / DATA_FILE, _shown(data_dir / DATA_FILE, root), draft=draft)


def load_editions(
    data_dir: Path,
    root: Path | None = None,
    convert: Converter | None = None,
    *,
    draft: bool | None = None,
) -> dict[str, Edition]:
    """Load and check the data, then convert it: one Edition per language, default first.
    `draft` defaults to the build's (DRAFT=1, draft_from_env)."""
    draft = draft_from_env() if draft is None else draft
    notice = load_source_notice(data_dir, root, draft=draft)
    convert = convert or load_converter(data_dir, root)
    near = {}
    d = notice.document
    if d.replaced_by or d.replaces:
        from notice_site.folder.site_file import neighbours

        near = neighbours(data_dir, root or Path.cwd())
    from notice_site.folder.site_file import elsewhere

    others = tuple(elsewhere(data_dir, root or Path.cwd()))
    editions = {
        DEFAULT_LANGUAGE: Edition(
            DEFAULT_LANGUAGE, notice, strings(notice, DEFAULT_LANGUAGE), draft, near, others
        )
    }
    for language in LANGUAGES:
        if language != DEFAULT_LANGUAGE:
            converted = convert_notice(notice, convert)
            ui = strings(converted, language, convert)
            titles = {slug: convert(title) for slug, title in near.items()}
            there = tuple(
                {
                    **m,
                    "notice": convert(m["notice"]),
                    "mark": convert(m["mark"]),
                    "title": convert(m["title"]),
                }
                for m in others
            )
            editions[language] = Edition(language, converted, ui, draft, titles, there)
    return editions


def draft_banner(editions: dict[str, Edition]) -> dict[str, str | None]:
    """What every page of a draft says at its top, per language (None: not a draft)."""
    return {
        language: edition.ui["draft_banner"] if edition.draft else None
        for language, edition in editions.items()
    }


def write_sources(
    editions: dict[str, Edition],
    docs_dir: Path,
    site_url: str,
    directory_urls: bool = True,
    offline: bool = False,
    workers: int = 1,
) -> list[Path]:
    """Write every generated page under docs/<lang>/; return the files that changed.

    For the offline copy `directory_urls` is False (its links between pages
    name files, as MkDocs places them then) and `offline` True (it ships only
    the booklets; see Pages).

    Unchanged files are not touched, so `mkdocs serve` does not rebuild in a loop;
    generated files that are no longer produced are deleted. With `workers` > 1
    each script is written by its own process (forked: only from a program
    without threads, such as `python -m notice_site build`).
    """
    jobs = [
        (edition, docs_dir / language, site_url, directory_urls, offline)
        for language, edition in editions.items()
    ]
    if workers < 2:
        return [path for job in jobs for path in _write_script(*job)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context) as pool:
        return [
            path
            for changed in pool.map(_write_script, *zip(*jobs, strict=True))
            for path in changed
        ]


def _write_script(
    edition: Edition, base: Path, site_url: str, directory_urls: bool, offline: bool
) -> list[Path]:
    pages = Pages(
        edition.notice,
        edition.ui,
        edition.language,
        site_url,
        directory_urls,
        offline,
        predecessors=edition.predecessors(site_url),
        elsewhere=edition.elsewhere,
    ).all()
    return _write_files(base, pages)


# The files at the top of docs/<lang>/ that a notice's pages make (a library's home page
# is index.md; the rest are removed when the library is built there).
GENERATED_FILES = ("index.md", "about.md", "measures.json", "measures.csv")


def _write_files(base: Path, pages: dict[str, str]) -> list[Path]:
    """Write `pages` under `base` where changed; delete generated files no longer made."""
    changed: list[Path] = []
    for relative, text in pages.items():
        target = base / relative
        # Bytes, not text: read_text() would turn the CSV's CRLF into LF, the file
        # would never look unchanged, and `mkdocs serve` would rebuild forever.
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(target)
    stale = [base / name for name in GENERATED_FILES]
    stale += [p for folder in GENERATED_DIRS for p in sorted((base / folder).glob("**/*"))]
    for path in stale:
        if path.is_file() and path.relative_to(base).as_posix() not in pages:
            path.unlink()
            changed.append(path)
    return changed


# Set (to the site file) when MkDocs builds a library's own pages (pipeline.make_library).
LIBRARY_ENV = "NOTICE_LIBRARY"
# Set (to the feed's URL) while a library builds: every page announces the feed.
FEED_ENV = "NOTICE_LIBRARY_FEED"


def library_from_env(root: Path) -> tuple[Any, list[dict[str, Edition]]] | None:
    """The site and every notice's editions, when this build is a library's own pages
    (loaded once per build: its sources and its search index both need them)."""
    path = os.environ.get(LIBRARY_ENV)
    if not path:
        return None
    return _library(root, path)


@cache
def _library(root: Path, path: str) -> tuple[Any, list[dict[str, Edition]]]:
    # a library's own pages are built by one `mkdocs build` process (pipeline.make_library)
    from notice_site.folder.site_file import check_library, load_site

    site = load_site(root / path)
    check_library(site)
    return site, [load_editions(folder, root) for folder in site.notices]


def write_library_sources(root: Path, docs_dir: Path) -> list[Path]:
    """The library's own pages under docs/<lang>/ (notice pages there are removed)."""
    from notice_site.library.pages import sources

    found = library_from_env(root)
    if found is None:
        return []
    site, notices = found
    return [
        path
        for language, pages in sources(site, notices).items()
        for path in _write_files(docs_dir / language, pages)
    ]


def write_library_search_indexes(root: Path, site_dir: Path) -> dict[str, int]:
    """search/search_index.json of each script of a library's own pages."""
    import json

    from notice_site.library.pages import search_docs
    from notice_site.render.search import fold_table

    found = library_from_env(root)
    if found is None:
        return {}
    site, notices = found
    first = notices[0]
    # one table folding Traditional to Simplified for every notice's text
    fold: dict[str, str] = {}
    for folder, editions in zip(site.notices, notices, strict=True):
        convert = load_converter(folder, root)
        hans, hant = editions[DEFAULT_LANGUAGE], editions[TRADITIONAL.code]
        converted_ui = {k: convert(v) for k, v in hans.ui.items()}
        fold |= fold_table(hans.notice, hant.notice, hans.ui, converted_ui)
    segmenter = _segmenter(root, site.notices[0], load_converter(site.notices[0], root))
    sizes = {}
    for language in first:
        docs = search_docs(notices, language)
        index = {
            "config": {
                "lang": [language],
                "separator": "[\\s\\u200b\\u3000\\-、。，．？！；]+",
                "fold": dict(sorted(fold.items())),
            },
            "docs": [doc.as_json(segmenter) for doc in docs],
        }
        target = site_dir / languages.of(language).prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        target.write_text(text, encoding="utf-8")
        sizes[language] = len(text.encode())
    segmenter.save()
    return sizes


def write_search_indexes(
    root: Path,
    data_dir: Path,
    site_dir: Path,
    *,
    directory_urls: bool = True,
    as_script: bool = False,
) -> dict[str, int]:
    """Write search/search_index.json of each script into a built site; return their sizes.

    With `as_script` (the offline copy) each index is also written as
    search_index.js, which Material loads under file:// where it cannot fetch
    JSON. Segmentations are kept in root/.cache/ between builds.
    """
    import json

    from notice_site.render.search import fold_table, search_index

    convert = load_converter(data_dir, root)
    editions = load_editions(data_dir, root, convert)
    segmenter = _segmenter(root, data_dir, convert)
    hans, hant = editions[DEFAULT_LANGUAGE], editions[TRADITIONAL.code]
    # Our strings' Traditional wording is reviewed, not converted: align the converted ones.
    fold = fold_table(
        hans.notice, hant.notice, hans.ui, {k: convert(v) for k, v in hans.ui.items()}
    )
    sizes = {}
    for language, edition in editions.items():
        folder = site_dir / languages.of(language).prefix
        target = folder / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        index = search_index(edition.notice, edition.ui, language, fold, segmenter, directory_urls)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        target.write_text(text, encoding="utf-8")
        if as_script:
            # as Material's offline plugin writes it: Material reads the global __index
            target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
        sizes[language] = len(text.encode())
    segmenter.save()
    return sizes


def _segmenter(root: Path, data_dir: Path, convert: Converter) -> Segmenter:
    from notice_site.render.search import Segmenter, merged_dictionary

    cache_dir = root / ".cache"
    dictionary = merged_dictionary(convert, cache_dir, convert.key, search_words(data_dir, root))
    return Segmenter(dictionary, cache_dir)


def warm_up_search(root: Path, data_dir: Path) -> None:
    """Load the segmenter's dictionary now (1-2 s), so that the next build that meets
    a new text need not: `mkdocs serve` calls it in the background after its first build."""
    _segmenter(root, data_dir, load_converter(data_dir, root)).load()


def site_settings(editions: dict[str, Edition]) -> dict[str, dict[str, str]]:
    """What MkDocs' configuration says about the notice, per language (hooks/notice.py sets it).

    These come from the data, and Material prints them sometimes as they are (a
    copyright line may hold links), sometimes escaped (`| e`): they are handed over
    as markupsafe's Markup, already escaped, which `| e` leaves as it is.
    """
    return {
        language: {
            "site_name": escape(edition.notice.document.short_title),
            "site_description": escape(
                edition.notice.document.attachment or edition.notice.document.title
            ),
            "copyright": escape(edition.ui["copyright"]),
        }
        for language, edition in editions.items()
    }


def government_settings(
    editions: dict[str, Edition], root: Path, site_url: str, data_dir: Path | None = None
) -> dict[str, dict[str, Any]]:
    """What every page of a government website shows and declares (gov.py), per script:
    the footer's identity lines, the site's identity <meta> tags, and the reading tools'
    words (字号, 高对比度). From the site file (library.site_file) where it lists the
    notice in `data_dir` (or for the library's own pages, `data_dir` None); a notice
    built alone shows its issuer as the owner and no filing numbers."""
    from notice_site.folder.site_file import load_site, site_file
    from notice_site.library.pages import site_name
    from notice_site.render import gov

    path = site_file(root)
    site = load_site(path, os.path.relpath(path, root)) if path.is_file() else None
    if site and data_dir is not None:
        listed = {folder.resolve() for folder in site.notices}
        site = site if data_dir.resolve() in listed else None
    identity = site.identity if site else gov.Identity()
    to_traditional = Converter()
    out = {}
    for language, edition in editions.items():
        ui = edition.ui
        convert = to_traditional if language != DEFAULT_LANGUAGE else (lambda text: text)
        # the site's owner and name, else the notice's issuer and title (in this script)
        owner = convert(site.owner) if site and site.owner else edition.notice.document.issuer
        name = site_name(site, language) if site else edition.notice.document.short_title
        out[language] = {
            "identity": gov.footer(owner, identity, ui, convert),
            "identity_label": ui["gov_identity"],
            "gov": gov.site_meta(name, site_url, identity),
            "gov_order": list(gov.META_ORDER),
            "tools": {
                "label": ui["tools"],
                "size": ui["text_size"],
                "sizes": [
                    {"value": value, "label": ui[f"text_size_{value}"]}
                    for value in ("normal", "large", "xlarge")
                ],
                "contrast": ui["high_contrast"],
            },
        }
    return out


def not_found_page(editions: dict[str, Edition]) -> dict[str, dict[str, str]]:
    """What the 404 page of each script says (overrides/404.html reads it from
    config.extra.not_found: a static template has no page of ours to carry it)."""
    return {
        language: {
            "title": edition.ui["not_found"],
            "text": edition.ui["not_found_text"],
            "home_label": edition.ui["back_home"],
        }
        for language, edition in editions.items()
    }


def nav_translations(editions: dict[str, Edition], labels: list[str]) -> dict[str, dict[str, str]]:
    """The navigation's labels (written in mkdocs.yml in the default script) in each other
    script. Every label is one of our interface strings, so it has one translation only."""
    default = editions[DEFAULT_LANGUAGE].ui
    keys = {}
    for label in labels:
        key = next((k for k, text in default.items() if text == label), None)
        if key is None:
            raise ValueError(
                f"mkdocs.yml nav: {label!r} is not one of the interface strings (ui.py)"
            )
        keys[label] = key
    return {
        language: {label: edition.ui[key] for label, key in keys.items()}
        for language, edition in editions.items()
        if language != DEFAULT_LANGUAGE
    }
