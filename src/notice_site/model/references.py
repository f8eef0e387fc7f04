"""Where a text names one of the notice's provisions (本公告第一条, 第九条): the links between
a notice's official interpretation and its provisions, both ways.

A reference finds the provision by the label the notice gives it (第九条), or, where the
notice's top level is numbered 一、 二、…, by that numeral; never by a guess. A provision of
another document (《转关货物监管办法》第十四条, 海关总署令第89号) is no reference to this
notice's. Both scripts are read alike (条 and 條).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from notice_site.model.notice import Notice
from notice_site.model.numerals import NUMERAL, chinese_numeral, label, label_number
from notice_site.model.tree import Division, Measure

# 第九条, 第十二条: a provision named by its number. Not one of another document's: the
# characters just before it say whose it is (》 closes another document's name, 令 and
# 法 end one; 第89号 is a decree's number, not an article).
# Both scripts: the Traditional edition is read the same way (條, 辦法).
_NAMED = re.compile(rf"第([{NUMERAL}]+|\d+)[条條]")
_ANOTHERS = ("》", "令", "法", "办法", "辦法", "条例", "條例", "规定", "規定", "细则", "細則")


@dataclass(frozen=True)
class Reference:
    """Where a paragraph names a provision of the notice: the characters start:end of the
    paragraph (第一条), and the provision or division they name."""

    start: int
    end: int
    target: Measure | Division


def references(text: str, notice: Notice) -> tuple[Reference, ...]:
    """The provisions of `notice` that `text` names by number (第一条), in order."""
    found = []
    for match in _NAMED.finditer(text):
        before = text[: match.start()].rstrip()
        if before.endswith(_ANOTHERS):
            continue
        number = label_number(match.group(1))
        target = named(notice, number) if number else None
        if target is not None:
            found.append(Reference(match.start(), match.end(), target))
    return tuple(found)


def pieces(text: str, notice: Notice) -> list[tuple[str, Measure | Division | None]]:
    """`text` cut where it names a provision: (the words, the provision they name, or None
    for the words between), in order; joined, the words are `text`."""
    out: list[tuple[str, Measure | Division | None]] = []
    at = 0
    for ref in references(text, notice):
        if ref.start > at:
            out.append((text[at : ref.start], None))
        out.append((text[ref.start : ref.end], ref.target))
        at = ref.end
    if at < len(text):
        out.append((text[at:], None))
    return out


def named(notice: Notice, number: int) -> Measure | Division | None:
    """The provision the notice calls 第<number>条: the one labelled so (第九条); else,
    where its top level is numbered 一、 二、…, the unit labelled <numeral>、 at the top (a
    provision, or a division holding several)."""
    for m in notice.measures:
        labelled = label(m.label)
        if labelled is not None and labelled[0] == "article" and labelled[2] == number:
            return m
    section = f"{chinese_numeral(number)}、"
    for node in notice.children:
        if isinstance(node, Measure) and node.mark == section:
            return node
        if isinstance(node, Division) and node.label == section:
            return node
    return None


def page_of(node: Measure | Division) -> tuple[str, str]:
    """The page a provision or division has: ("measure", its key) or ("division", its
    address), as urls.source_of names it."""
    return ("measure", node.key) if isinstance(node, Measure) else ("division", node.address)


def explaining(notice: Notice) -> dict[tuple[str, str], tuple[str, ...]]:
    """For each provision and division the interpretation names (by its page, page_of),
    the anchors of the paragraphs that name it, in reading order."""
    found: dict[tuple[str, str], list[str]] = {}
    if notice.interpretation is None:
        return {}
    for anchor, text in notice.interpretation.paragraphs():
        for ref in references(text, notice):
            anchors = found.setdefault(page_of(ref.target), [])
            if anchor not in anchors:
                anchors.append(anchor)
    return {page: tuple(anchors) for page, anchors in found.items()}
