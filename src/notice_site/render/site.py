"""The whole site's sources from the data folder: both scripts, written to docs/ only where changed."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notice_site.errors import DataError
from notice_site.folder.load import load_notice
from notice_site.folder.site_file import Site, neighbourhood
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES, TRADITIONAL
from notice_site.model.notice import Document, Neighbourhood, Notice
from notice_site.model.urls import INTERPRETATION, OPEN_DATA_CSV, OPEN_DATA_JSON, sibling_root
from notice_site.model.versions import History
from notice_site.render.convert import Converter, load_overrides
from notice_site.render.pages import Pages
from notice_site.render.ui import strings

if TYPE_CHECKING:
    from notice_site.render.search import Segmenter
    from notice_site.settings import Settings

# A notice is a folder: measures.yaml, source/<the official text>.txt, and
# optionally zh-Hant-overrides.yaml and search-words.txt.
DATA_FILE = "measures.yaml"
OVERRIDES_FILE = f"{TRADITIONAL.code}-overrides.yaml"
SEARCH_WORDS_FILE = "search-words.txt"
# Folders under docs/<lang>/ that the generator owns: files it no longer makes are deleted
# (years/ and issuers/: a library's own pages of lists, library.pages).
GENERATED_DIRS = ("measures", "themes", "divisions", "tables", "versions", "years", "issuers")


@dataclass(frozen=True)
class Edition:
    """The notice and our interface strings in one script."""

    language: str
    notice: Notice
    ui: dict[str, str]
    # A draft build (make site DATA=… DRAFT=1): every page and PDF page says 草稿.
    draft: bool = False
    # What its pages show of the site's other notices, in this script: its successor's and
    # predecessors' titles, the others' measures (site_file.neighbourhood).
    near: Neighbourhood = field(default_factory=Neighbourhood)
    # Its text through the amendments of other notices (model.versions): `notice` is the
    # text as it stands, with every amendment applied.
    history: History | None = None

    @property
    def document(self) -> Document:
        """The notice's document, as the site-wide settings read it of any edition
        (render.sitewide.Speaking)."""
        return self.notice.document

    def standing(self, site_url: str) -> dict[str, Any] | None:
        """What every page and PDF page of a notice no longer in force says (None for a
        notice in force): its status, and the notice that replaced it, with its URL
        beside this one's (a library puts each notice under /<slug>/)."""
        d = self.notice.document
        if d.status == "in_force":
            return None
        successor = None
        if d.replaced_by in self.near.titles:
            successor = {
                "title": self.near.titles[d.replaced_by],
                "url": sibling_root(site_url, d.replaced_by, self.language),
            }
        text = self.ui[f"status_banner_{d.status}"]
        if d.status == "amended" and self.history is not None and self.history.amended:
            text = self.ui["status_banner_consolidated"]  # its pages show the text as amended
        ending = self.history.ending if self.history is not None else None
        by = None
        if ending is not None and ending.slug != d.replaced_by:
            # repealed by another notice of the site: the banner links it
            by = {
                "label": self.ui["status_banner_by"],
                "title": ending.title,
                "url": sibling_root(site_url, ending.slug, self.language),
            }
        return {
            "status": d.status,
            "label": self.ui[f"status_{d.status}"],
            "text": text,
            "successor": successor,
            "by": by,
        }

    def predecessors(self, site_url: str) -> list[dict[str, str]]:
        """The notices this one replaces, where the site lists them: title and URL."""
        return [
            {
                "title": self.near.titles[slug],
                "url": sibling_root(site_url, slug, self.language),
            }
            for slug in self.notice.document.replaces
            if slug in self.near.titles
        ]


def _shown(path: Path, root: Path | None) -> str:
    # Messages name files as the user typed them: relative to the project.
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


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


def load_source_notice(data_dir: Path, root: Path | None = None, *, draft: bool = False) -> Notice:
    """The notice as written (Simplified), loaded and checked (`draft`: to-dos allowed)."""
    return load_notice(data_dir / DATA_FILE, _shown(data_dir / DATA_FILE, root), draft=draft)


def load_editions(
    data_dir: Path,
    root: Path | None = None,
    convert: Converter | None = None,
    *,
    draft: bool = False,
    site: Site | None = None,
    notice: Notice | None = None,
    near: Neighbourhood | None = None,
    today: str | None = None,
    languages: Sequence[str] = LANGUAGES,
) -> dict[str, Edition]:
    """Load and check the data (unless `notice` is it, loaded already), then convert it: one
    Edition per language, default first (`draft`: a draft build, to-dos allowed; `languages`:
    those wanted, the default always). Its neighbourhood in the site: `near`, or where the
    site file `site` lists the notice among others, read from there. Its text is the one in
    force on `today` (the build's day; None: with every amendment applied)."""
    notice = notice or load_source_notice(data_dir, root, draft=draft)
    convert = convert or load_converter(data_dir, root)
    near = near if near is not None else neighbourhood(data_dir, site)
    history = History(notice, near.amendments, today)
    current = history.notice
    editions = {
        DEFAULT_LANGUAGE: Edition(
            DEFAULT_LANGUAGE, current, strings(current, DEFAULT_LANGUAGE), draft, near, history
        )
    }
    for language in LANGUAGES:
        if language != DEFAULT_LANGUAGE and language in languages:
            there = history.converted(convert)
            ui = strings(there.notice, language, convert)
            editions[language] = Edition(
                language, there.notice, ui, draft, near.converted(convert), there
            )
    return editions


def editions_of(settings: Settings) -> dict[str, Edition]:
    """The editions a build with `settings` publishes: its notice folder, a draft or not, and
    its neighbourhood in the site (in a library, handed over by the library's build in a
    file, Settings.context; else read from the site file)."""
    near = None
    if settings.context is not None:
        near = Neighbourhood.from_json(json.loads(settings.context.read_text(encoding="utf-8")))
    return load_editions(
        settings.notice_dir(),
        settings.root,
        draft=settings.draft,
        # the site file read only where the neighbourhood is not handed over (a library's
        # of a thousand notices took 0.2 s to read, in each build of each notice)
        site=settings.load_site() if near is None else None,
        near=near,
        today=settings.today or None,
    )


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
        near=edition.near,
        history=edition.history,
    ).all()
    return write_files(base, pages)


# The files at the top of docs/<lang>/ that a notice's pages make (a library's home page
# is index.md; the rest are removed when the library is built there).
GENERATED_FILES = ("index.md", "about.md", INTERPRETATION, OPEN_DATA_JSON, OPEN_DATA_CSV)


def write_files(base: Path, pages: dict[str, str]) -> list[Path]:
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


def write_search_indexes(
    root: Path,
    data_dir: Path,
    editions: dict[str, Edition],
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

    from notice_site.render.search import fold_table, search_index, write_index

    convert = load_converter(data_dir, root)
    hans, hant = editions[DEFAULT_LANGUAGE], editions[TRADITIONAL.code]
    segmenter = make_segmenter(root, data_dir, convert, hans.notice.document.slug)
    # Our strings' Traditional wording is reviewed, not converted: align the converted ones.
    fold = fold_table(
        hans.notice,
        hant.notice,
        hans.ui,
        {k: convert(v) for k, v in hans.ui.items()},
        (hans.history, hant.history),
    )
    sizes = {}
    for language, edition in editions.items():
        index = search_index(
            edition.notice, edition.ui, language, fold, segmenter, directory_urls, edition.history
        )
        sizes[language] = write_index(site_dir, language, index, as_script)
    segmenter.save()
    return sizes


def make_segmenter(root: Path, data_dir: Path, convert: Converter, owner: str = "") -> Segmenter:
    """The segmenter of the notice in `data_dir` (its words kept whole), remembering its
    segmentations under `owner` (the notice's slug; "" for a library's own index)."""
    from notice_site.render.search import Segmenter, merged_dictionary

    cache_dir = root / ".cache"
    dictionary = merged_dictionary(convert, cache_dir, convert.key, search_words(data_dir, root))
    return Segmenter(dictionary, cache_dir, owner)


def warm_up_search(root: Path, data_dir: Path) -> None:
    """Load the segmenter's dictionary now (1-2 s), so that the next build that meets
    a new text need not: `mkdocs serve` calls it in the background after its first build."""
    make_segmenter(root, data_dir, load_converter(data_dir, root)).load()
