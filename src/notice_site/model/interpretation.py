"""A notice's official interpretation (政策解读): a document of its own, published beside
the notice, that explains it.

Its text is kept as the source has it: a title, sections (一、背景说明 …) of paragraphs,
and a closing line (the departments that wrote it, in brackets). Which provisions its
paragraphs name is model.references' to say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A section of the interpretation: its heading as the source sets it (一、背景说明),
    and its paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Interpretation:
    title: str
    sections: tuple[Section, ...]
    closing: tuple[str, ...] = ()
    source_url: str = ""
    published: str = ""

    # Written in the reader's script; the URL and the date are not.
    def converted(self, convert: Callable[[str], str]) -> Interpretation:
        return Interpretation(
            convert(self.title),
            tuple(
                Section(convert(s.heading), tuple(convert(p) for p in s.paragraphs))
                for s in self.sections
            ),
            tuple(convert(p) for p in self.closing),
            self.source_url,
            self.published,
        )

    def texts(self) -> list[str]:
        """Every piece of its text, in reading order."""
        return [
            self.title,
            *(t for s in self.sections for t in (s.heading, *s.paragraphs)),
            *self.closing,
        ]

    def paragraphs(self) -> Iterator[tuple[str, str]]:
        """Each paragraph with its anchor on the interpretation's page: p<section>-<k>,
        both from 1 (a published contract: links to a paragraph stay)."""
        for n, section in enumerate(self.sections, 1):
            for k, text in enumerate(section.paragraphs, 1):
                yield paragraph_anchor(n, k), text


def paragraph_anchor(section: int, k: int) -> str:
    return f"p{section}-{k}"
