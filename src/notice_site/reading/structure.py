"""The document's own tree, read from the official text's paragraphs.

Official texts come in several shapes: measures with titles (一、<title>, its text
below), untitled numbered paragraphs (一、对…。), divisions holding items
(一、总体要求 → （一）… → 1.), announcements whose items lead in with ： and list
（一）（二）, articles 第一条 in chapters 第一章, and several documents (the notice,
then one or more attached documents, each with its own title, intro, numbering
and closing). `read_structure` walks the paragraphs once and gives the tree:

    Reading: title, 文号, recipients, the documents
      Part (a document): title, intro paragraphs, units, closing paragraphs, signature
        Unit: the source's label (一、 （一） 1. 第一条 第一章), its kind and number,
              its title (a line of its own, a run-in first sentence, or none), its own
              paragraphs, the departments it names, and its children

A unit whose children are numbered is a division, unless its own text leads in
with ： (its children are then its list items: a provision). Every other unit is a
provision. Nothing here changes a character of the text: titles are read from
it, paragraphs are kept whole, labels are the source's own. `describe` says
what was read, for the editor (`make import` prints it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import takewhile

from notice_site.model import addresses
from notice_site.model.numerals import label
from notice_site.model.tree import shortened
from notice_site.reading.tables import table_of
from notice_site.reading.vocabulary import (
    ATTACHMENT,
    BARE_ATTACHMENT,
    CLOSING_FORMULAS,
    COPIES,
    DATE,
    DEPARTMENTS,
    DOC_NUMBER,
    NOTE,
    TITLE_JOINS,
    continues_attachments,
    is_recipients,
    is_signature_line,
    listed_title,
    names_authorities,
    names_kind,
    quotations,
    title_issuer,
)

_SENTENCE_END = "。！？"


# A run-in title: a first sentence this short (its 。 included), with no pause in it.
RUN_IN = 12


@dataclass
class Unit:
    kind: str
    label: str
    number: int
    # the label as the source sets it, its space included (第一章　), and the rest of that
    # paragraph exactly: together, the paragraph as the source has it
    prefix: str = ""
    head: str = ""
    title: str = ""
    # how the title stands in the source: "line" (a heading of its own), "run-in" (the
    # first sentence of its text), or "" (none: the label and opening words name it)
    title_form: str = ""
    # what follows the label's paragraph, in order: its paragraphs and numbered children
    content: list[str | Unit] = field(default_factory=list)
    departments: str = ""
    # the text before its first numbered child ends in ： (a lead-in)
    leads_in: bool = False
    # a provision's or division's address (model.addresses), once the whole text is read
    address: str = ""
    # where its label's paragraph stands among the paragraphs read (from 0)
    at: int = -1

    @property
    def heading_only(self) -> bool:
        """The label's paragraph holds its title only; its text, if any, is below."""
        return self.title_form == "line" or (
            self.title_form == "run-in" and self.head[:-1] == self.title
        )

    @property
    def paragraphs(self) -> list[str]:
        """Its own text, paragraph by paragraph (the label's paragraph after the label,
        unless that is a heading only), without its children's."""
        own = [] if self.heading_only or not self.head else [self.head]
        return own + [c for c in self.content if isinstance(c, str)]

    @property
    def children(self) -> list[Unit]:
        return [c for c in self.content if isinstance(c, Unit)]

    @property
    def lists(self) -> bool:
        """Its numbered children are the list items of its lead-in (ending in ：), shown on its
        page: untitled items. Children with titles of their own are provisions. Items that
        read as a list whatever stands above them (short, one paragraph each, ending in ；
        but the last: 1.食品、饮料； 2.…) are list items too."""
        children = self.children
        if any(child.title or child.children for child in children):
            return False
        return self.leads_in or _reads_as_a_list(children)

    @property
    def is_division(self) -> bool:
        """Numbered children that are not the list items of a lead-in ending in ："""
        return bool(self.children) and not self.lists

    @property
    def heading(self) -> str:
        """What names it: its label and title, or its label and opening words."""
        if self.title:
            return f"{self.prefix or self.label}{self.title}"
        opening = self.paragraphs[0] if self.paragraphs else ""
        return f"{self.label}{shortened(opening, 20)}"

    def source_paragraphs(self) -> list[str]:
        """Its paragraphs exactly as the source has them, children included, in order."""
        out = [self.prefix + self.head]
        for c in self.content:
            out.extend([c] if isinstance(c, str) else c.source_paragraphs())
        return out

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Part:
    """One document: the notice itself, or an attached document."""

    title: str = ""
    title_lines: list[str] = field(default_factory=list)  # as the source sets it
    label: str = ""  # 附件, 附件1: the label it stands under, if any
    intro: list[str] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    # the list of its attachments (附件：<title>, 2.<title>…), which ends its text (what
    # follows is an attachment, or the signature), no paragraph of its closing; and where
    # it stands among them
    attachments: list[str] = field(default_factory=list)
    listed_at: int = 0
    signature: list[str] = field(default_factory=list)
    # where several documents hold provisions, this one's address (d1, d2), once read
    address: str = ""

    def source_paragraphs(self) -> list[str]:
        out = ([self.label] if self.label else []) + self.title_lines + self.intro
        for unit in self.units:
            out.extend(unit.source_paragraphs())
        return out + self.closing_as_set() + self.signature

    @property
    def named(self) -> str:
        """The title its label gives (附件：<title>), if it gives one."""
        listed = ATTACHMENT.fullmatch(self.label)
        return (listed.group(1) or "").strip() if listed else ""

    def listed_titles(self) -> list[str]:
        """The titles its list of attachments gives after 附件：, in order."""
        found = (ATTACHMENT.fullmatch(line) for line in self.attachments)
        return [listed_title(title) for m in found if m and (title := m.group(1) or "").strip()]

    def closing_as_set(self) -> list[str]:
        """Its closing with its list of attachments where the source sets it (an
        announcement's attachments are files: the list is the only word of them)."""
        at = self.listed_at
        return self.closing[:at] + self.attachments + self.closing[at:]

    def walk(self):
        for unit in self.units:
            yield from unit.walk()

    def tables(self) -> list[int]:
        """The tables standing in it outside its provisions (an attachment that is a table)."""
        return [k for p in self.intro + self.closing if (k := table_of(p)) is not None]

    def provisions(self) -> list[Unit]:
        """Its provisions in reading order: the units that are no division (a provision's
        own numbered children are its list items, shown on its page)."""
        found: list[Unit] = []

        def visit(units: list[Unit]) -> None:
            for unit in units:
                if unit.is_division:
                    visit(unit.children)
                else:
                    found.append(unit)

        visit(self.units)
        return found


@dataclass
class Reading:
    title: str = ""
    number: str = ""
    recipients: str = ""
    parts: list[Part] = field(default_factory=list)
    framing: list[str] = field(default_factory=list)  # before the title (a site's notes)
    title_lines: list[str] = field(default_factory=list)
    title_at: int = 0  # where the title's first paragraph stands (from 0)
    number_above: bool = False  # the 文号 set above the title
    # the record at the foot (版记): the 抄送 line and what follows it, no document's text
    record: list[str] = field(default_factory=list)

    @property
    def issuer(self) -> str:
        """Who issues the notice: the signature's names (several signing together: one
        line each, or one line), or the title's words before 关于 (印发)."""
        signature = self.parts[0].signature if self.parts else []
        names = takewhile(
            lambda line: not (DATE.fullmatch(line) or NOTE.fullmatch(line)), signature
        )
        return " ".join(names) or title_issuer(self.title)

    @property
    def unnumbered(self) -> bool:
        """A notice with no numbered paragraph and no attached document (a short
        announcement: 根据…，解除…禁令。特此公告。): its text is its one provision."""
        notice = self.parts[0]
        return (
            len(self.parts) == 1
            and not notice.units
            and not notice.attachments
            and any(table_of(p) is None for p in notice.intro)
        )

    def source_paragraphs(self) -> list[str]:
        """Every paragraph read, in the source's order: nothing is dropped or changed."""
        notice, *attached = self.parts
        head = (
            [*notice.title_lines, self.number]
            if not self.number_above
            else [
                self.number,
                *notice.title_lines,
            ]
        )
        out = self.framing + [p for p in head if p]
        out += [self.recipients] if self.recipients else []
        out += notice.source_paragraphs()[len(notice.title_lines) :]
        for part in attached:
            out.extend(part.source_paragraphs())
        return out + self.record


def _is_title_end(text: str) -> bool:
    return names_kind(text) and not any(mark in text for mark in _SENTENCE_END + "，；：")


def read_structure(paragraphs: list[str]) -> Reading:
    """The tree of the official text whose paragraphs (in order, non-empty) are given."""
    reading = Reading()
    i = _find_title(paragraphs, reading)
    # the 文号 after the title (or just above it), then the recipients line ending in ：
    if i < len(paragraphs) and DOC_NUMBER.fullmatch(paragraphs[i]):
        reading.number = paragraphs[i]
        i += 1
    elif reading.framing and DOC_NUMBER.fullmatch(reading.framing[-1]):
        reading.number = reading.framing.pop()
        reading.number_above = True
    if i < len(paragraphs) and is_recipients(paragraphs[i]):
        reading.recipients = paragraphs[i]
        i += 1
    part = Part(title=reading.title, title_lines=reading.title_lines)
    reading.parts.append(part)
    while i < len(paragraphs):
        i = _read_part(paragraphs, i, part)
        if i < len(paragraphs) and COPIES.fullmatch(paragraphs[i]):
            reading.record = paragraphs[i:]
            break
        if i >= len(paragraphs):
            break
        part, i = _attached_part(paragraphs, i)
        reading.parts.append(part)
    for part in reading.parts:
        _settle_titles(part)
    _give_addresses(reading)
    return reading


def _find_title(paragraphs: list[str], reading: Reading) -> int:
    end = next((k for k, p in enumerate(paragraphs) if _is_title_end(p)), None)
    if end is None:
        return 0
    start = end
    # a title over two or three lines: the lines above that are no sentence and no number
    while (
        start > 0
        and end - start < 2
        and not any(join in paragraphs[start] for join in TITLE_JOINS)
        and not any(m in paragraphs[start - 1] for m in _SENTENCE_END + "，；：")
        and not DOC_NUMBER.fullmatch(paragraphs[start - 1])
        and "://" not in paragraphs[start - 1]
        and len(paragraphs[start - 1]) <= 40
    ):
        start -= 1
    if (
        start > 0
        and paragraphs[start].startswith(TITLE_JOINS)
        and names_authorities(paragraphs[start - 1])
    ):
        start -= 1  # the issuer on a line of its own above 关于…
    reading.framing = paragraphs[:start]
    reading.title_at = start
    reading.title_lines = paragraphs[start : end + 1]
    reading.title = "".join(reading.title_lines)
    return end + 1


def _attached_part(paragraphs: list[str], i: int) -> tuple[Part, int]:
    """An attached document from paragraph i: its 附件 label if any, its title over up to
    three lines; returns it and where its body starts."""
    part = Part()
    # 附件 (附件1) alone; or 附件：<title> where the notice listed it below its signature
    if ATTACHMENT.fullmatch(paragraphs[i]):
        part.label = paragraphs[i]
        i += 1
    lines = []
    # a second 附件 line (the first listed the attachment, with no title after its colon)
    # stands with the title's lines, and is no part of it
    while i < len(paragraphs) and part.label and BARE_ATTACHMENT.fullmatch(paragraphs[i]):
        lines.append(paragraphs[i])
        i += 1
    words: list[str] = []
    while (
        i < len(paragraphs)
        and len(words) < 3
        and label(paragraphs[i]) is None
        and _looks_like_title(paragraphs[i])
        and not (words and BARE_ATTACHMENT.fullmatch(paragraphs[i]))  # the next one's label
    ):
        words.append(paragraphs[i])
        i += 1
        if _is_title_end(words[-1]) or (
            i < len(paragraphs) and not _looks_like_title(paragraphs[i])
        ):
            break
    part.title, part.title_lines = "".join(words) or part.named, lines + words
    return part, i


def _looks_like_title(text: str) -> bool:
    return len(text) <= 60 and not any(m in text for m in _SENTENCE_END + "，；：")


def _read_part(paragraphs: list[str], i: int, part: Part) -> int:
    """Read one document's body from paragraph i; return where the next document starts."""
    stack: list[Unit] = []
    rank: dict[str, int] = {}
    owns: dict[int, bool] = {}  # id(unit) → whether unlabelled paragraphs after it are its own
    after_units = False
    pending: tuple[Unit, int] | None = None  # paragraphs after a provision, taken for closing
    while i < len(paragraphs):
        text = paragraphs[i]
        if is_signature_line(text) and _signature_follows(paragraphs, i):
            while i < len(paragraphs) and is_signature_line(paragraphs[i]):
                part.signature.append(paragraphs[i])
                i += 1
            return i
        if _ends_here(paragraphs, i, part):
            return i
        if ATTACHMENT.fullmatch(text) and (part.units or part.intro):
            i = _read_attachments(paragraphs, i, part)
            continue
        if stack and _quotation_goes_on(stack[-1], text):
            stack[-1].content.append(text)  # a quotation over several paragraphs: its unit's
            i += 1
            continue
        labelled = label(text)
        if labelled is not None and _quoted(labelled, stack, rank):
            labelled = None
        if labelled is not None and part.closing and part.closing[-1] in CLOSING_FORMULAS:
            return i  # 特此通知。 closed the notice: its attached document (no 附件 line) starts
        if labelled is not None and pending is not None:
            unit, at = pending
            unit.content.extend(part.closing[at:])
            del part.closing[at:]
            pending = None
        if labelled is not None:
            kind, shown, number, rest = labelled
            if kind not in rank:
                rank[kind] = len(stack)
            while stack and rank.get(stack[-1].kind, 0) >= rank[kind]:
                stack.pop()
            unit = Unit(kind, shown, number, text[: len(text) - len(rest)], rest, at=i)
            parent = stack[-1] if stack else None
            in_a_list = bool(
                parent
                and not parent.children
                and parent.paragraphs
                and parent.paragraphs[-1].endswith(("：", ":"))
            ) or bool(parent and parent.lists)
            _read_title(unit, in_a_list)
            owns[id(unit)] = unit.heading_only or kind == "article" or rest.endswith(("：", ":"))
            if stack:
                parent = stack[-1]
                if not parent.children and parent.paragraphs:
                    parent.leads_in = parent.paragraphs[-1].endswith(("：", ":"))
                if not parent.heading_only and parent.kind != "article":
                    # a lead-in's text ends where its list begins: what follows the list
                    # is its own only if more numbered units follow (see `pending`)
                    owns[id(parent)] = False
                parent.content.append(unit)
            else:
                part.units.append(unit)
            stack.append(unit)
            after_units = True
        elif text in CLOSING_FORMULAS:
            part.closing.append(text)
            stack = []
        else:
            owner = next((u for u in reversed(stack) if owns[id(u)]), None)
            if owner is not None:
                owner.content.append(text)
                _read_departments(owner)
            elif after_units:
                # After a provision whose text is its own paragraph: the closing, unless
                # more numbered units follow (then it was that provision's next paragraph).
                if stack:
                    pending = (stack[-1], len(part.closing))
                part.closing.append(text)
                stack = []
            else:
                part.intro.append(text)
        i += 1
    return i


def _read_attachments(paragraphs: list[str], i: int, part: Part) -> int:
    """The notice's list of its attachments from paragraph i (附件：<title>, then 2.<title>
    or 附件2：<title>); returns where it ends."""
    part.listed_at = len(part.closing)
    part.attachments.append(paragraphs[i])
    i += 1
    while i < len(paragraphs) and continues_attachments(paragraphs[i]):
        part.attachments.append(paragraphs[i])
        i += 1
    return i


# A list item that reads as one: a short phrase, not a provision of its own.
_ITEM_SIZE = 60


def _reads_as_a_list(items: list[Unit]) -> bool:
    """Two or more one-paragraph items, each short and ending in ；, the last in ； or 。."""
    texts = [item.paragraphs for item in items]
    if len(texts) < 2 or any(len(t) != 1 or len(t[0]) > _ITEM_SIZE for t in texts):
        return False
    *others, last = (t[0] for t in texts)
    return all(t.endswith(("；", ";")) for t in others) and last.endswith(("；", ";", "。"))


def _quotation_goes_on(unit: Unit, text: str) -> bool:
    """Whether the paragraph `text` goes on with a quotation `unit`'s text leaves open (将第三条
    修订为：“…, the article quoted over several paragraphs): it opens with “, as each
    paragraph of such a quotation does, or it closes the quotation."""
    own = "\n".join(unit.paragraphs)
    start = quotations(own)[1]
    if start < 0:
        return False
    return text.startswith("“") or quotations(f"{own}\n{text}")[1] != start


def _quoted(labelled: tuple[str, str, int, str], stack: list[Unit], rank: dict[str, int]) -> bool:
    """An article of another document quoted under this one's item (（一）相关条款。 then
    第十四条　海关对……): 第N条 met for the first time inside a unit that is no chapter. It is
    that unit's text, never a provision of this document."""
    return (
        labelled[0] == "article"
        and "article" not in rank
        and bool(stack)
        and stack[0].kind != "chapter"
    )


def _ends_here(paragraphs: list[str], i: int, part: Part) -> bool:
    """Whether this document's text ends before paragraph i: at 附件 alone on its line (the
    attached document starts), at the record at the foot (版记: 抄送…), after the notice's
    list of its attachments (the first of them follows), or at a document's title after
    this one's provisions, numbered from 1 again below it (a second attached document with
    no 附件 line: 样例甲方案 … 样例乙办法)."""
    text = paragraphs[i]
    if BARE_ATTACHMENT.fullmatch(text):
        # an attached document given by its title alone (its table comes from a workbook)
        # ends at the next one's label too
        return bool(part.units or part.intro or part.closing or part.label)
    if COPIES.fullmatch(text) or part.attachments:
        return True
    if not part.units or not _is_title_end(text) or label(text) is not None:
        return False
    below = next((found for p in paragraphs[i + 1 :] if (found := label(p))), None)
    return below is not None and below[2] == 1


def _settle_titles(part: Part) -> None:
    """A unit whose whole text is one short sentence, with nothing below it, is an untitled
    provision, not a heading: （一）本办法适用于样例事项。 (read as a run-in title while it
    could still have had its text below)."""
    for unit in part.walk():
        if unit.title_form == "run-in" and unit.heading_only and not unit.content:
            unit.title, unit.title_form = "", ""


def _signature_follows(paragraphs: list[str], i: int) -> bool:
    """Whether the signature block starts here: signature lines up to a date or a note."""
    k = i
    while k < len(paragraphs) and is_signature_line(paragraphs[k]):
        if DATE.fullmatch(paragraphs[k]) or NOTE.fullmatch(paragraphs[k]):
            return True
        k += 1
    return False


def _read_title(unit: Unit, in_a_list: bool) -> None:
    """The unit's title, from the text after its label: the whole of it when it is no
    sentence (a heading), its first sentence when that is short and plain and more text
    follows it (run in), or when it stands alone outside a lead-in's list (（一）指导思想。,
    its text below; in a list, 小微企业每月1500元。 is an item's whole text)."""
    rest = unit.head
    if not rest:
        return
    if unit.kind == "chapter" or not any(m in rest for m in _SENTENCE_END + "；："):
        unit.title, unit.title_form = rest, "line"
        return
    first = re.match(rf"[^{_SENTENCE_END}]*[{_SENTENCE_END}]", rest)
    short = first and len(first.group()) <= RUN_IN and not re.search(r"[，、；：]", first.group())
    if short and (first.group() != rest or not in_a_list):
        unit.title, unit.title_form = first.group()[:-1], "run-in"
    _read_departments(unit)


def _read_departments(unit: Unit) -> None:
    found = DEPARTMENTS.search(unit.paragraphs[-1]) if unit.paragraphs else None
    if found:
        unit.departments = (found.group(1) or found.group(2) or "").strip()


def _give_addresses(reading: Reading) -> None:
    """Give every provision, division and (where several hold provisions) document its
    address, as its page's path under measures/: its
    own number where every provision's is unique in its document (一、…二十、 → 1…20,
    第一条… → 1…, articles numbered straight through the chapters); else the numbers of
    the units above it from the top, then its own (1-3 for item （三） of division 一、,
    1-2-4 for point 4. of （二） of 一、); and where more than one document
    holds provisions, the document's number first (d2-3: attached document 2, provision
    3). Read from the source's numbering only, so the same text imported again gets the
    same addresses."""
    holding = [(n, part) for n, part in enumerate(reading.parts) if part.provisions()]
    for position, (n, part) in enumerate(holding, 1):
        top = addresses.document(_document_number(reading.parts[n], position))
        part.address = top if len(holding) > 1 else ""
        paths = [(unit, _numbers_to(unit, part.units)) for unit in part.provisions()]
        keys = [(path[-1],) for _, path in paths]
        if len(set(keys)) < len(keys):
            keys = [tuple(path) for _, path in paths]
        for (unit, _), key in zip(paths, keys, strict=True):
            unit.address = addresses.of(key, part.address)
        for unit in part.walk():
            if unit.is_division:
                unit.address = addresses.of(_numbers_to(unit, part.units), part.address)
    # an attached document holding tables and no provisions (附件2 商品编号表), or given by
    # its label and title alone (its table is to come from a workbook): its own page
    for position, part in enumerate(reading.parts[1:], 2):
        if (part.tables() or part.label) and not part.provisions():
            part.address = addresses.document(_document_number(part, position))


def _numbers_to(unit: Unit, units: list[Unit]) -> list[int]:
    """The numbers of the units from the document's top down to `unit`, its own last."""
    for candidate in units:
        if candidate is unit:
            return [unit.number]
        below = _numbers_to(unit, candidate.children)
        if below:
            return [candidate.number, *below]
    return []


def _document_number(part: Part, position: int) -> int:
    """附件2 → 2; a document with no numbered label: its place among those with provisions."""
    digits = re.search(r"\d+", part.label)
    return int(digits.group()) if digits else position
