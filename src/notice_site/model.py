"""Frozen records for the notice: its document, theme taxonomy and measures."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Document:
    title: str
    short_title: str
    attachment: str
    issuer: str
    number: str
    preamble: tuple[str, ...]
    source_url: str


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    description: str


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
