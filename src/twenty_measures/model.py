"""Frozen records for the notice: its document, theme taxonomy and measures."""

from __future__ import annotations

from dataclasses import dataclass


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
        joined = set(self.measure(number).related)
        joined.update(m.number for m in self.measures if number in m.related)
        return tuple(sorted(joined))

    def sharing_a_theme(self, number: int) -> tuple[int, ...]:
        """Measures that share a theme with `number` and are not already related to it."""
        themes = set(self.measure(number).themes)
        related = set(self.related_to(number))
        return tuple(
            m.number
            for m in self.measures
            if m.number != number and m.number not in related and themes & set(m.themes)
        )

    def measures_of(self, slug: str) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if slug in m.themes)
