"""Frozen records for the notice: its document, theme taxonomy and measures."""

from __future__ import annotations

import itertools
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
    # The rest of the official text around the measures, where it has them (optional in
    # measures.yaml, empty for a notice that has none): the recipients line (…：) before
    # the preamble, the signature and date after it, and the attached document's own
    # paragraphs before and after its measures.
    recipients: str = ""
    signature: tuple[str, ...] = ()
    attachment_intro: tuple[str, ...] = ()
    attachment_closing: tuple[str, ...] = ()
    # The measures stand in the notice's own text (an announcement 公告, a decision), not in
    # an attached document: `attachment` is then "", and `closing` holds the notice's
    # paragraphs after its measures (特此公告。), before its signature.
    in_body: bool = False
    closing: tuple[str, ...] = ()

    # Written in the reader's script (converted for Traditional); the slug and URL are not.
    TEXT: ClassVar[tuple[str, ...]] = ("title", "short_title", "attachment", "issuer", "number")
    # The optional fields, and which of them are lists of paragraphs.
    OPTIONAL: ClassVar[tuple[str, ...]] = (
        "recipients",
        "signature",
        "attachment_intro",
        "attachment_closing",
        "in_body",
        "closing",
    )
    PARAGRAPHS: ClassVar[tuple[str, ...]] = (
        "preamble",
        "signature",
        "attachment_intro",
        "attachment_closing",
        "closing",
    )

    def texts(self) -> list[str]:
        """Every piece of text of the document, in reading order."""
        return [
            *(getattr(self, name) for name in self.TEXT),
            *([self.recipients] if self.recipients else []),
            *self.preamble,
            *(self.closing if self.in_body else ()),
            *self.signature,
            *self.attachment_intro,
            *self.attachment_closing,
        ]

    def converted(self, convert: Callable[[str], str]) -> Document:
        """The same document with its text converted (Traditional)."""
        text = {name: convert(getattr(self, name)) for name in (*self.TEXT, "recipients")}
        lists = {name: tuple(convert(p) for p in getattr(self, name)) for name in self.PARAGRAPHS}
        return replace(self, **text, **lists)

    def as_dict(self) -> dict[str, Any]:
        """Every field as plain data (for templates and front matter); an optional field
        only where the notice has it."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in self.OPTIONAL or getattr(self, f.name)
        }


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
    # The sentences (numbered from 1) that begin a paragraph of their own after the first:
    # a measure of several paragraphs, or of a lead-in and its list items （一）（二）.
    breaks: tuple[int, ...] = ()

    @property
    def paragraphs(self) -> list[tuple[str, ...]]:
        """Its sentences, paragraph by paragraph, as the source sets them."""
        starts = [1, *self.breaks, len(self.clauses) + 1]
        return [self.clauses[a - 1 : b - 1] for a, b in itertools.pairwise(starts)]

    @property
    def text(self) -> str:
        """The measure's paragraph as the source writes it."""
        return "".join(self.clauses)

    @property
    def heading(self) -> str:
        """What names it after its numeral: its title, or (an untitled measure, title "")
        its opening words, shortened; its text is shown whole on its page."""
        if self.title:
            return self.title
        opening = self.clauses[0].rstrip("。！？")
        return opening if len(opening) <= HEADING_WORDS else opening[:HEADING_WORDS] + "…"


# How many characters of an untitled measure's first sentence name it in headings and lists.
HEADING_WORDS = 24


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
