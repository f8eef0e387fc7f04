"""Where a text names or quotes one of the notice's provisions or attached lists (本公告第一条,
第九条, 附件2, 《出口货物清单》, “…”): the links between a notice's official interpretation
and its provisions, both ways.

A reference finds a provision by the label the notice gives it (第九条), or, where the
notice's top level is numbered 一、 二、…, by that numeral; an attached document (a list,
a 目录, a table) by its label (附件2, 附件二, or 附件 alone where there is one) or its title in
《 》; a provision it quotes (“…” of at least QUOTED characters) by the one provision whose
text holds the quotation. Never by a guess: a provision or attachment of another document
(《转关货物监管办法》第十四条, 海关总署令第89号, 《…办法》附件1) is no reference to this
notice's, and a quotation found in two provisions names neither. Both scripts are read
alike (条 and 條).
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
# 附件2, 附件二, or 附件 alone where a mark or a word that ends the name follows it (附件。
# 附件所列, 附件中), not the 附件 of a longer word (附件材料).
_ATTACHMENT = re.compile(rf"附件(?:([{NUMERAL}]+|\d+)|(?=\W|$|[所中的列和及至]))")
# 附件1第二条: a provision of one attached document.
_WITHIN = re.compile(rf"附件([{NUMERAL}]+|\d+)第([{NUMERAL}]+|\d+)[条條]")
_TITLED = re.compile(r"《([^《》]+)》")
_QUOTED = re.compile(r"[“「]([^“”「」]+)[”」]")
# The fewest characters a quotation has to be for the provision holding it to be named:
# shorter ones (“一单制”) are terms, found in many places.
QUOTED = 8
_ANOTHERS = ("》", "令", "法", "办法", "辦法", "条例", "條例", "规定", "規定", "细则", "細則")


@dataclass(frozen=True)
class Reference:
    """Where a paragraph names a provision of the notice: the characters start:end of the
    paragraph (第一条), and the provision or division they name."""

    start: int
    end: int
    target: Measure | Division


def references(text: str, notice: Notice) -> tuple[Reference, ...]:
    """The provisions and attached documents of `notice` that `text` names (第一条, 附件2,
    《its title》) or quotes, in order; where two would overlap, the one starting first."""
    found: list[Reference] = []
    for match in _NAMED.finditer(text):
        if _anothers(text, match.start()):
            continue
        number = label_number(match.group(1))
        target = named(notice, number) if number else None
        if target is not None:
            found.append(Reference(match.start(), match.end(), target))
    documents = [d for d in notice.divisions if d.is_document]
    for match in _WITHIN.finditer(text):
        within = attachment(documents, match.group(1))
        number = label_number(match.group(2))
        target = named_in(within, number) if within and number else None
        if target is not None and not _anothers(text, match.start()):
            found.append(Reference(match.start(), match.end(), target))
    for match in _ATTACHMENT.finditer(text):
        if _anothers(text, match.start()):
            continue
        target = attachment(documents, match.group(1))
        if target is not None:
            found.append(Reference(match.start(), match.end(), target))
    for match in _TITLED.finditer(text):
        titled = [d for d in documents if d.title == match.group(1).strip()]
        if len(titled) == 1:
            found.append(Reference(match.start(), match.end(), titled[0]))
    for match in _QUOTED.finditer(text):
        target = quoted(notice, match.group(1))
        if target is not None:
            found.append(Reference(match.start(), match.end(), target))
    kept: list[Reference] = []
    for ref in sorted(found, key=lambda r: (r.start, -r.end)):
        if not kept or ref.start >= kept[-1].end:
            kept.append(ref)
    return tuple(kept)


def _anothers(text: str, at: int) -> bool:
    """Whether the words just before `at` say that what is named there is another
    document's (《…办法》第十四条, 海关总署令第89号)."""
    return text[:at].rstrip().endswith(_ANOTHERS)


def attachment(documents: list[Division], number: str | None) -> Division | None:
    """The attached document labelled 附件<number> (digits or numeral), or, with no number,
    the only one there is."""
    if number is None:
        return documents[0] if len(documents) == 1 else None
    value = label_number(number)
    for d in documents:
        own = _ATTACHMENT.fullmatch(d.label.rstrip(" 　：:"))
        if value is not None and own and own.group(1) and label_number(own.group(1)) == value:
            return d
    return None


def quoted(notice: Notice, quotation: str, shortest: int = QUOTED) -> Measure | None:
    """The one provision whose text holds `quotation` (at least `shortest` characters: an
    amendment's old words are found however short)."""
    if len(quotation) < shortest:
        return None
    holding = [m for m in notice.measures if any(quotation in c for c in m.clauses)]
    return holding[0] if len(holding) == 1 else None


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
    return named_in(notice, number)


def named_in(within: Notice | Division, number: int) -> Measure | Division | None:
    """What `within` (the notice, or one attached document) calls 第<number>条: the
    provision labelled so, else the unit labelled <numeral>、 at its top."""
    for m in within.measures:
        labelled = label(m.label)
        if labelled is not None and labelled[0] == "article" and labelled[2] == number:
            return m
    section = f"{chinese_numeral(number)}、"
    for node in within.children:
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
