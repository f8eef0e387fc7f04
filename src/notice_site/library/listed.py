"""What a library's own pages and its search index need of one notice: its Part, made once
for each version of the notice (its key, building.pipeline.notice_key) and kept from one
build to the next, so that a build after one notice changed reads the others' parts and
converts none of them.

- Listed: the notice as the library's pages and files (its feed, notices.json, sitemap)
  list it, in one script (library/pages.py reads nothing else of a notice): its document,
  its themes, each of its measures as a theme page links it, whether it has an
  interpretation, the interface strings of its edition, the amendments other notices made
  to it. Its digest is part of the own pages' key (own_pages.pages_key): an edit none of
  this shows leaves the library's pages and files as they were.
- Part: its Listed in each script, its documents in the library's search index in each
  script (under its slug, each page titled with its name), and the table folding the
  Traditional characters of its text to Simplified.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from notice_site.model import languages
from notice_site.model.effects import Amendment
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES, TRADITIONAL
from notice_site.model.notice import Document, MeasureRef, Theme
from notice_site.model.urls import notice_home, relative_href
from notice_site.render.search import Doc, documents, fold_table
from notice_site.render.shards import Documents

if TYPE_CHECKING:
    from collections.abc import Callable

    from notice_site.render.site import Edition


@dataclass(frozen=True)
class Listed:
    """One notice as the library's own pages and files list it, in one script: each
    measure a MeasureRef titled by its heading (as a theme page links it); what the other
    notices of the site did to it (its History's amendments: the feed's entries)."""

    document: Document
    themes: tuple[Theme, ...]
    measures: tuple[MeasureRef, ...]
    interpretation: bool
    ui: dict[str, str] = field(hash=False)
    amendments: tuple[Amendment, ...] = ()

    @classmethod
    def of(cls, edition: Edition) -> Listed:
        notice = edition.notice
        return cls(
            notice.document,
            notice.themes,
            tuple(MeasureRef.of(notice, m) for m in notice.measures),
            notice.interpretation is not None,
            edition.ui,
            edition.history.amendments if edition.history is not None else (),
        )

    def measures_of(self, slug: str) -> tuple[MeasureRef, ...]:
        """Its measures with the theme `slug`, in its order."""
        return self._by_theme.get(slug, ())

    @cached_property
    def _by_theme(self) -> dict[str, tuple[MeasureRef, ...]]:
        found: dict[str, list[MeasureRef]] = {}
        for m in self.measures:
            for theme in m.themes:
                found.setdefault(theme, []).append(m)
        return {theme: tuple(ms) for theme, ms in found.items()}

    def digest(self) -> str:
        """What the library's pages can show of it, hashed (its fields' repr: frozen
        records of text, in their order)."""
        shown = (self.document, self.themes, self.measures, self.interpretation, self.amendments)
        text = repr(shown) + repr(sorted(self.ui.items()))
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Part:
    """What a library's own pages and search index need of one notice (module docstring)."""

    listed: dict[str, Listed]
    docs: dict[str, Documents]
    fold: dict[str, str]
    # each Listed's digest, made once with the part
    digests: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, editions: dict[str, Edition], convert: Callable[[str], str]) -> Part:
        """The part of a notice read in every script (`convert`: its Traditional converter,
        which the fold table reads the interface strings with)."""
        hans, hant = editions[DEFAULT_LANGUAGE], editions[TRADITIONAL.code]
        converted_ui = {k: convert(v) for k, v in hans.ui.items()}
        histories = (hans.history, hant.history)
        listed = {language: Listed.of(edition) for language, edition in editions.items()}
        return cls(
            listed,
            {
                language: Documents.of(search_docs(edition))
                for language, edition in editions.items()
            },
            fold_table(hans.notice, hant.notice, hans.ui, converted_ui, histories),
            {language: shown.digest() for language, shown in listed.items()},
        )

    @property
    def document(self) -> Document:
        return self.listed[DEFAULT_LANGUAGE].document


def search_docs(edition: Edition) -> list[Doc]:
    """What the library's search finds of one notice: every page and sentence of it (as its
    own search does), its location under the notice's slug, each page's title naming the
    notice; a notice no longer in force marked 不再有效, its documents one tier later (an
    earlier version of a provision of a notice in force comes with the text of a notice no
    longer in force, one of a notice no longer in force after both)."""
    d = edition.notice.document
    prefix = languages.of(edition.language).prefix
    home = relative_href(notice_home(d.slug, edition.language), prefix)
    gone = not d.in_force
    name = f"{d.short_title}{edition.ui['no_longer_in_force'] if gone else ''}"
    found = []
    for doc in documents(edition.notice, edition.ui, history=edition.history):
        page = "#" not in doc.location
        title = f"{doc.title} · {name}" if page else doc.title
        found.append(Doc(f"{home}{doc.location}", title, doc.text, doc.boost, doc.tier + gone))
    return found


class Parts:
    """Each notice's Part, kept in `folder` under its key (one file each) from one build
    to the next; prune() deletes those this build did not use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str, make: Callable[[], Part]) -> Part:
        """The part kept for `key`, else `make()`'s, kept: its documents in a file of
        their own in each script (<key>.<script>.docs), read only when wanted
        (shards.Documents), before the rest (<key>.pickle), written last."""
        name = f"{key}.pickle"
        path = self.folder / name
        docs = {language: self.folder / f"{key}.{language}.docs" for language in LANGUAGES}
        self.used |= {name, *(p.name for p in docs.values())}
        try:
            part = pickle.loads(path.read_bytes())  # noqa: S301  (our own cache)
            for language, documents in part.docs.items():
                documents.path = docs[language]
            return part
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # none kept, or kept by other code: made again
        part = make()
        self.folder.mkdir(parents=True, exist_ok=True)
        for language, documents in part.docs.items():
            _whole(docs[language], list(documents))
        _whole(path, part)
        return part

    def prune(self) -> None:
        for path in self.folder.glob("*"):
            if path.name not in self.used:
                path.unlink()


def _whole(path: Path, value: object) -> None:
    """`value` pickled into `path`, whole or not at all (a build cut short leaves no half
    file)."""
    partial = path.with_suffix(f"{path.suffix}.tmp")
    partial.write_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    partial.replace(path)
