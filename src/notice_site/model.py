"""Frozen records for the notice: its document, theme taxonomy and measures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import Any, ClassVar


@dataclass(frozen=True)
class Document:
    """The notice itself: everything the site and the PDFs say about it comes from here."""

    title: str
    short_title: str
    # Names the downloads: <slug>.<lang>.pdf, <slug>-offline.zip (a published contract).
    slug: str
    attachment: str
    issuer: str
    number: str
    preamble: tuple[str, ...]
    source_url: str

    # Written in the reader's script (converted for Traditional); the slug and URL are not.
    TEXT: ClassVar[tuple[str, ...]] = ("title", "short_title", "attachment", "issuer", "number")

    def texts(self) -> list[str]:
        """Every piece of text of the document, in reading order."""
        return [getattr(self, name) for name in self.TEXT] + list(self.preamble)

    def converted(self, convert: Callable[[str], str]) -> Document:
        """The same document with its text converted (Traditional)."""
        text = {name: convert(getattr(self, name)) for name in self.TEXT}
        return replace(self, **text, preamble=tuple(convert(p) for p in self.preamble))

    def as_dict(self) -> dict[str, Any]:
        """Every field as plain data (for templates and front matter)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    description: str
    # The taxonomy's editorial rule: a required theme is never deleted or left without measures.
    required: bool = False


@dataclass(frozen=True)
class Measure:
    number: int
    title: str
    themes: tuple[str, ...]
    related: tuple[int, ...]
    clauses: tuple[str, ...]

    @property
    def text(self) -> str:
        """The measure's paragraph as the source writes it."""
        return "".join(self.clauses)


@dataclass(frozen=True)
class Notice:
    document: Document
    themes: tuple[Theme, ...]
    measures: tuple[Measure, ...]

    def measure(self, number: int) -> Measure:
        return self.measures[number - 1]

    def theme(self, slug: str) -> Theme:
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        raise KeyError(slug)

    def related_to(self, number: int) -> tuple[int, ...]:
        """Measures joined to `number` by a relation listed on either side, in number order."""
        return self._relations[number - 1]

    def sharing_a_theme(self, number: int) -> tuple[int, ...]:
        """Measures that share a theme with `number` and are not already related to it."""
        related = set(self.related_to(number))
        shared = set().union(*(self._by_theme[slug] for slug in self.measure(number).themes))
        return tuple(sorted(shared - related - {number}))

    # Computed once per notice (the notice is frozen): a page per measure asks
    # for these, and scanning every measure each time made a build O(N²).
    @cached_property
    def _relations(self) -> tuple[tuple[int, ...], ...]:
        joined: list[set[int]] = [set(m.related) for m in self.measures]
        for m in self.measures:
            for other in m.related:
                joined[other - 1].add(m.number)
        return tuple(tuple(sorted(numbers)) for numbers in joined)

    @cached_property
    def _by_theme(self) -> dict[str, tuple[int, ...]]:
        return {t.slug: tuple(m.number for m in self.measures_of(t.slug)) for t in self.themes}

    def measures_of(self, slug: str) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if slug in m.themes)
