"""A notice's official interpretation (政策解读) from its text, saved web page or Word file.

An interpretation reads: its title (《…的公告》解读, or 关于…的解读), sections headed
一、背景说明 / 二、… whose paragraphs explain the notice (（一）关于业务范围。…), and at its
end, in brackets, the departments that wrote it (（口岸监管司、重庆海关）), sometimes a
date. Every paragraph is kept whole and in order; nothing is reworded.
"""

from __future__ import annotations

import re
from pathlib import Path

from notice_site.model.interpretation import Interpretation, Section
from notice_site.model.numerals import label
from notice_site.reading import sources
from notice_site.reading.decoding import NotUtf8, utf8_text
from notice_site.reading.sources import paragraphs_of_text
from notice_site.reading.vocabulary import DATE, iso_date

# The departments that wrote it, or a note, wholly in brackets: （口岸监管司、重庆海关）.
_BRACKETED = re.compile(r"[（(][^（()）]+[）)]")
_URL = re.compile(r"https?://\S+")
# A section's heading: 一、背景说明 — short, and no sentence.
_HEADING_SIZE = 30


class UnreadableInterpretation(Exception):
    """An interpretation that cannot be read: the message names the file and the problem."""


def paragraphs_of(source: Path, raw: bytes) -> list[str]:
    """The paragraphs of the interpretation's source, whatever its form."""
    name = str(source)
    try:
        if sources.kind(source) == "text":
            try:
                return paragraphs_of_text(utf8_text(raw))
            except NotUtf8 as e:
                raise UnreadableInterpretation(f"{name}:{e.line}: {e}") from None
        return [p.text for p in sources.paragraphs(source, raw)]
    except sources.UnreadableSource as e:
        raise UnreadableInterpretation(f"{name}: {e}") from None


def read_interpretation(paragraphs: list[str], name: str) -> Interpretation:
    """The interpretation whose paragraphs are given, in order (`name` is the file named
    in errors)."""
    found = list(paragraphs)
    url = ""
    while found and _URL.search(found[0]) and len(found[0]) < 200:
        url = url or _URL.search(found[0]).group().rstrip("。，；）)")
        found.pop(0)
    if not found:
        raise UnreadableInterpretation(f"{name}: no text found")
    title, *body = found
    published = ""
    closing: list[str] = []
    while body and (_BRACKETED.fullmatch(body[-1]) or DATE.fullmatch(body[-1])):
        line = body.pop()
        if DATE.fullmatch(line):
            published = published or iso_date(DATE.fullmatch(line))
        else:
            closing.insert(0, line)
    sections: list[tuple[str, list[str]]] = []
    for paragraph in body:
        if _is_heading(paragraph):
            sections.append((paragraph, []))
        elif sections:
            sections[-1][1].append(paragraph)
        else:
            sections.append(("", [paragraph]))
    empty = [heading for heading, texts in sections if not texts]
    if not sections or empty:
        what = f"the heading {empty[0]} has no paragraph under it" if empty else "no paragraph"
        raise UnreadableInterpretation(f"{name}: {what}")
    return Interpretation(
        title,
        tuple(Section(heading, tuple(texts)) for heading, texts in sections),
        tuple(closing),
        url,
        published,
    )


def _is_heading(paragraph: str) -> bool:
    labelled = label(paragraph)
    return (
        labelled is not None
        and labelled[0] in ("section", "chapter")
        and len(paragraph) <= _HEADING_SIZE
        and not any(mark in paragraph for mark in "。；：！？")
    )
