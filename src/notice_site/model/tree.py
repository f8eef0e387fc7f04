"""The document's own tree: the nodes a notice is made of, each knowing its parent.

    Notice (model.notice)                      the root: its document's fields and themes
      AttachedDocument (附件1, 附件2 …)          one of several attached documents
      Division (一、总体要求, 第二章)              a numbered heading holding provisions
        Measure (a provision: 一、 （三） 第五条)   a page of its own, and its PDF
          Paragraph / ListItem                 its text, as the source sets it
            Sentence                           the unit a link can point at (#c<k>)
          Table (below)                        a table after one of its paragraphs
        Table                                  a table standing alone (附件2 商品编号表)
          Row / GroupRow                       a row of cells (#t1-r23), a group's heading

A notice whose provisions stand directly in its (single) document has them as its own
children; divisions and attached documents appear only where the text has them. Every
node is frozen; its parent is set once, by the node that takes it as a child, and a node
belongs to one tree (a node handed to a second parent is copied: Node._hold). Readers build the tree (the
importer from the official text, `folder.load` from measures.yaml); pages, PDFs, search,
open data and the library render it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import ClassVar

from notice_site.model import urls
from notice_site.model.numerals import chinese_numeral, label

# Where a paragraph's text may end to lead in a list of items: 有关事项如下：
LEAD_IN_ENDS = ("：", ":")
# The kinds of numbering label (numerals.LABELS) a list item starts with: （一） 1. （1）.
ITEM_LABELS = ("item", "point", "subpoint")


class Node:
    """What every node of the tree has: its parent (None for the root) and its ancestors."""

    @property
    def parent(self) -> Node | None:
        return self.__dict__.get("_parent")

    def _hold(self, name: str) -> None:
        """Become the parent of the nodes in field `name`: the one place a parent is set,
        when the parent is made. A node another tree holds already is copied first (made
        anew, with copies of its own children), so that a node belongs to one tree and
        editing a copy (dataclasses.replace) never moves a node out of the original."""
        children = tuple(
            child if child.parent is None else replace(child) for child in getattr(self, name)
        )
        object.__setattr__(self, name, children)
        for child in children:
            object.__setattr__(child, "_parent", self)

    @property
    def divisions_above(self) -> tuple[Division, ...]:
        """The divisions (and attached document) it stands in, from the top down."""
        found: list[Division] = []
        node = self.parent
        while node is not None:
            if isinstance(node, Division):
                found.insert(0, node)
            node = node.parent
        return tuple(found)

    @property
    def within(self) -> str:
        """The address of the division it stands in directly; "" at the top."""
        return self.parent.address if isinstance(self.parent, Division) else ""


@dataclass(frozen=True)
class Sentence(Node):
    """One sentence of a provision (a clause): the smallest unit a link points at. Its
    number k (from 1, through the whole provision) is given by its provision."""

    text: str
    # Its number where it is not its place: in a provision an amendment changed, a sentence
    # keeps the number it had (2), and one added after sentence 2 is numbered 2-1
    # (model.versions), so that a link to it keeps landing on it. "" elsewhere.
    number: str = ""

    @property
    def k(self) -> int:
        return self.__dict__["_k"]

    @property
    def n(self) -> str:
        """Its number in its anchor and reference (#c2, 13.2): its place, or the number an
        amended provision kept for it."""
        return self.number or str(self.k)

    @property
    def opens(self) -> bool:
        """It begins a paragraph of its own, not the provision's first."""
        return self.k > 1 and self.parent.sentences[0] is self

    @property
    def measure(self) -> Measure:
        return self.parent.parent

    @property
    def anchor(self) -> str:
        """Its id on its provision's page: c<k> (a published contract)."""
        return urls.clause_anchor(self.n)

    @property
    def ref(self) -> str:
        """The reference readers see and cite: 13.2, 1-3.2."""
        return f"{self.measure.key}.{self.n}"

    def url(self, site_url: str, language: str) -> str:
        return urls.clause_url(site_url, language, self.measure.key, self.n)

    def location(self, page: str) -> str:
        """Its place on the page at `page` (a path such as measures/13/): page#c<k>."""
        return f"{page}#{self.anchor}"


@dataclass(frozen=True)
class Paragraph(Node):
    """A paragraph of a provision: its sentences, as the source sets them."""

    sentences: tuple[Sentence, ...]

    is_item: ClassVar[bool] = False

    def __post_init__(self) -> None:
        self._hold("sentences")

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)

    def converted(self, convert: Callable[[str], str]) -> Paragraph:
        return type(self)(tuple(Sentence(convert(s.text), s.number) for s in self.sentences))


@dataclass(frozen=True)
class ListItem(Paragraph):
    """A list item of a provision: a paragraph numbered （一） 1. （1） after a lead-in ending
    in ： (or after another item)."""

    is_item: ClassVar[bool] = True


def paragraphs_of(
    clauses: Iterable[str], breaks: Iterable[int] = (), numbers: Iterable[str] = ()
) -> tuple[Paragraph, ...]:
    """A provision's paragraphs from its sentences and the numbers of the sentences that
    begin a paragraph after the first (measures.yaml's clauses and breaks). A paragraph is
    a list item where it starts with a list's numbering label and follows a lead-in (a
    paragraph ending in ：) or another item; or where the provision's text opens with a
    list numbered from 1 (1.食品、饮料； 2.化妆品； under a heading of its own). `numbers`,
    where given, are the sentences' own numbers (Sentence.number)."""
    clauses = tuple(clauses)
    numbers = tuple(numbers) or ("",) * len(clauses)
    starts = [1, *breaks, len(clauses) + 1]
    made = tuple(Sentence(text, n) for text, n in zip(clauses, numbers, strict=True))
    groups = [made[a - 1 : b - 1] for a, b in itertools.pairwise(starts)]
    labels = [_item_label("".join(s.text for s in group)) for group in groups]
    opens_a_list = len(labels) > 1 and labels[0] == (labels[1][0] if labels[1] else None, 1)
    found: list[Paragraph] = []
    for k, sentences in enumerate(groups):
        before = found[-1] if found else None
        after_lead_in = before is not None and (
            before.is_item or before.text.endswith(LEAD_IN_ENDS)
        )
        in_a_list = labels[k] is not None and (after_lead_in or (k == 0 and opens_a_list))
        found.append((ListItem if in_a_list else Paragraph)(sentences))
    return tuple(found)


def _item_label(text: str) -> tuple[str, int] | None:
    """The kind and number of the list label `text` starts with ((一) 1. (1)), if any."""
    labelled = label(text)
    if labelled is None or labelled[0] not in ITEM_LABELS:
        return None
    return labelled[0], labelled[2]


@dataclass(frozen=True)
class Measure(Node):
    """A provision: a page of its own (measures/<key>/) and its PDF."""

    number: int  # its place among the notice's provisions, from 1
    title: str  # as the source has it; "" for an untitled provision (its opening words name it)
    themes: tuple[str, ...]
    related: tuple[int, ...]
    paragraphs: tuple[Paragraph, ...]
    # Where the document's own tree puts it (all optional; the first notice has none):
    # its address, the path of its page under measures/ (default: its number); its label
    # as the source writes it (（三）, 第五条　, 2.; default: the numeral, 一、); the
    # departments its text names as responsible.
    address: str = ""
    label: str = ""
    departments: tuple[str, ...] = ()
    # its tables, each after the paragraph it names (Table.after), in reading order
    tables: tuple[Table, ...] = ()
    # False for the one provision of a notice whose text has no numbered paragraph (a short
    # announcement): no numeral before it, and a citation names it as the text (正文)
    numbered: bool = True
    # Where an amendment inserted a provision before it (model.versions): the number its
    # numeral still shows (四、 stays 四、 in its fifth place); 0 elsewhere (its place).
    numeral: int = 0
    # Deleted by an amendment (model.versions): its page stays and says so; its text is the
    # last it had, shown as no longer in force.
    deleted: bool = False

    def __post_init__(self) -> None:
        self._hold("paragraphs")
        self._hold("tables")
        for k, sentence in enumerate(self.sentences, 1):
            object.__setattr__(sentence, "_k", k)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Its sentences in order: the one walk every output makes of them."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def clauses(self) -> tuple[str, ...]:
        """The text of its sentences, in order (measures.yaml's clauses)."""
        return tuple(s.text for s in self.sentences)

    @property
    def breaks(self) -> tuple[int, ...]:
        """The numbers of the sentences that begin a paragraph after the first."""
        return tuple(s.k for s in self.sentences if s.opens)

    @property
    def key(self) -> str:
        """Its address: the path of its page (measures/<key>/) and of its PDF."""
        return self.address or str(self.number)

    @property
    def shown(self) -> int:
        """The number its numeral shows: its place, or the number it kept (numeral)."""
        return self.numeral or self.number

    @property
    def mark(self) -> str:
        """Its label as the source writes it before its heading: 一、, （三）, 第五条　; ""
        for a provision the text does not number."""
        if not self.numbered:
            return ""
        return spaced(self.label) if self.label else f"{chinese_numeral(self.shown)}、"

    def cited_as(self, numbered: str, unnumbered: str = "") -> str:
        """How a citation names it: the source's label (（三）, 第五条), else `numbered` (the
        interface's 第{numeral}条 in the reader's script) with its Chinese numeral; a
        provision the text does not number, `unnumbered` (the interface's 正文)."""
        if not self.numbered:
            return unnumbered
        if self.label:
            return self.label.rstrip(" \u3000")
        return numbered.format(numeral=chinese_numeral(self.shown))

    @property
    def text(self) -> str:
        """The measure's text as the source writes it, its paragraphs run together."""
        return "".join(p.text for p in self.paragraphs)

    @property
    def heading(self) -> str:
        """What names it after its numeral: its title, or (an untitled measure, title "")
        its opening words, shortened; its text is shown whole on its page."""
        if self.title:
            return self.title
        return shortened(self.sentences[0].text.rstrip("。！？"))

    def converted(self, convert: Callable[[str], str]) -> Measure:
        """The same provision with its text converted (Traditional); addresses unchanged."""
        return replace(
            self,
            title=convert(self.title),
            paragraphs=tuple(p.converted(convert) for p in self.paragraphs),
            label=convert(self.label),
            departments=tuple(convert(d) for d in self.departments),
            tables=tuple(t.converted(convert) for t in self.tables),
        )

    def tables_after(self, paragraph: int) -> tuple[Table, ...]:
        """The tables standing after its paragraph `paragraph` (from 1)."""
        return tuple(t for t in self.tables if t.after == paragraph)


# How a citation names a provision the text numbers without a label of its own (第三条), and
# the one provision of a text that numbers none (正文): the interface's words in Simplified
# (render.ui), and how an amendment's note names the amending provision (model.effects).
ARTICLE = "第{numeral}条"
UNNUMBERED = "正文"

# How many characters of an untitled measure's first sentence name it in headings and lists.
HEADING_WORDS = 24


def shortened(text: str, size: int = HEADING_WORDS) -> str:
    """`text` cut to `size` characters, with … where it was cut: how an untitled unit's
    opening words name it (headings, lists, what the importer prints)."""
    return text if len(text) <= size else text[:size] + "…"


def spaced(label: str) -> str:
    """A label as it stands before a heading: 第二章 and 附件1 take the ideographic space the
    official texts set after them (第二章　总　　则); 一、 （一） 1. end in their own mark."""
    return label if not label or label[-1] in "、．.）)：:" else label + "\u3000"


@dataclass(frozen=True)
class Division(Node):
    """A numbered heading whose numbered children are provisions (一、总体要求, 第二章　…):
    it has a page listing what it holds, with its own paragraphs before them."""

    address: str  # its page is divisions/<address>/
    label: str  # as the source writes it: 一、, （二）, 第二章　, 附件1
    title: str
    paragraphs: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    # What stands in it, in reading order: divisions, provisions and tables.
    children: tuple[Division | Measure | Table, ...] = ()

    is_document: ClassVar[bool] = False

    def __post_init__(self) -> None:
        self._hold("children")

    @property
    def heading(self) -> str:
        return f"{spaced(self.label)}{self.title}"

    @property
    def measures(self) -> tuple[Measure, ...]:
        """Every provision in it, its sub-divisions' included, in reading order."""
        return tuple(n for n in walk_nodes(self.children) if isinstance(n, Measure))

    @property
    def tables(self) -> tuple[Table, ...]:
        """The tables standing in it directly (a 商品编号表 attached as a document)."""
        return tuple(c for c in self.children if not isinstance(c, (Division, Measure)))

    def converted(self, convert: Callable[[str], str]) -> Division:
        return replace(
            self,
            label=convert(self.label),
            title=convert(self.title),
            paragraphs=tuple(convert(p) for p in self.paragraphs),
            closing=tuple(convert(p) for p in self.closing),
            children=tuple(c.converted(convert) for c in self.children),
        )


@dataclass(frozen=True)
class AttachedDocument(Division):
    """One of several attached documents (附件1, 附件2) holding provisions: a document of
    its own, with its title, its paragraphs before its provisions and its closing after."""

    is_document: ClassVar[bool] = True


def walk_nodes(
    children: Iterable[Division | Measure | Table],
) -> Iterator[Division | Measure | Table]:
    """The divisions, provisions and standing tables under `children`, in reading order
    (each division before what it holds)."""
    for child in children:
        yield child
        if isinstance(child, Division):
            yield from walk_nodes(child.children)


# -- tables -----------------------------------------------------------------------------
# A table of the notice: a node of the document's tree (model.tree) holding rows of cells.
#
#     Table (商品编号表: 序号 / 税则号列 / 商品名称 / 海关商品编号)
#       Row          its cells, text kept character for character (8421392910, ex 84213929)
#       GroupRow     a row naming the group of the rows below it (一、机电产品)
#
# A table stands either as the whole content of an attached document (附件2 商品编号表: an
# AttachedDocument whose children are tables and no provisions) or inside a provision, after
# one of its paragraphs (`after`, counted from 1). It has its caption, one row of column
# headers, its rows, and notes under it; where one column numbers the rows (序号), `numbered`
# is that column's index.
#
# Every row has an address (a published contract, README "URLs"): its anchor on the page of
# what holds the table, `<table id>-r<n>`, where n is the row's 序号 in a numbered table and
# its place among the table's rows (group rows not counted, from 1) otherwise; and a
# citation naming it, 附件2序号23 or 附件2第23行 (render: ui strings `row_numbered`, `row_at`).
#
# One header row only. A second header row (a heading spanning several columns above
# them) would be a tuple of (text, span) pairs in `header_groups`, above `headers`; the rows
# keep one cell per column of `headers` either way.

# A cell written in figures or Latin letters: a code, a number, a unit (8421392910,
# 0101.2100, ex 84213929, kg, 25%). The Traditional edition keeps it as it is.
_LATIN = re.compile(r"^[\x00-\x7f\u00a0\u3000]*$")
# A 序号 that can stand in an anchor: ASCII letters and digits, maybe joined by - . (1, 23,
# 3a, 2-1, 1.2 → 1-2).
_ANCHOR_PART = re.compile(r"^[0-9A-Za-z]+([-.][0-9A-Za-z]+)*$")


def keeps_as_is(cell: str) -> bool:
    """A cell the Traditional edition never converts: figures, Latin letters, dots,
    spaces, `ex` (a code, a number, a unit)."""
    return _LATIN.match(cell) is not None


def anchor_part(number: str) -> str | None:
    """The form a row's 序号 takes in its anchor (lower case, dots as -), or None where it
    cannot stand in one."""
    if not _ANCHOR_PART.match(number):
        return None
    return number.lower().replace(".", "-")


@dataclass(frozen=True)
class Row(Node):
    """One row of a table: one cell per column, as text."""

    cells: tuple[str, ...]

    is_group: ClassVar[bool] = False

    @property
    def table(self) -> Table:
        return self.parent

    @property
    def n(self) -> int:
        """Its place among its table's rows, from 1 (group rows not counted)."""
        return self.__dict__["_n"]

    @property
    def number(self) -> str:
        """What numbers it in a citation: its 序号 in a numbered table, else its place."""
        t = self.table
        return self.cells[t.numbered] if t.numbered is not None else str(self.n)

    @property
    def anchor(self) -> str:
        """Its id on the page: <table id>-r<序号> or <table id>-r<n> (a published contract)."""
        t = self.table
        part = anchor_part(self.number) if t.numbered is not None else None
        return f"{t.id}-r{part or self.n}"

    @property
    def text(self) -> str:
        return " ".join(cell for cell in self.cells if cell)

    def converted(self, convert: Callable[[str], str]) -> Row:
        return Row(tuple(c if keeps_as_is(c) else convert(c) for c in self.cells))


@dataclass(frozen=True)
class GroupRow(Row):
    """A row naming the group of the rows below it (一、机电产品): one heading over every
    column. Its `cells` hold the heading alone."""

    is_group: ClassVar[bool] = True

    @property
    def heading(self) -> str:
        return self.cells[0]

    @property
    def anchor(self) -> str:
        return ""

    def converted(self, convert: Callable[[str], str]) -> GroupRow:
        return GroupRow((convert(self.heading),))


@dataclass(frozen=True)
class HeadCell:
    """A cell of a table's header as it is laid out: its text, what it heads (`col`, one
    column; `colgroup`, the columns it spans) and how many columns and header rows it spans."""

    text: str
    scope: str = "col"
    columns: int = 1
    rows: int = 1


def column_name(group: str, header: str) -> str:
    """A column's name where it stands alone (open data's CSV, a check's message): its
    header, after its group's heading where it stands under one (税率（%）/最惠国)."""
    return f"{group}/{header}" if group else header


@dataclass(frozen=True)
class Table(Node):
    """A table: where it stands is its parent (an attached document, or a provision)."""

    id: str  # t1, t2 …: its rows' anchors (t1-r23) and its CSV (tables/t1.csv)
    caption: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    # the column that numbers the rows (序号), by its index; None where none does
    numbered: int | None = None
    # in a provision: the paragraph it follows (from 1); 0 for a table standing alone
    after: int = 0
    # the column groups above the headers (a second header row): empty, or one entry per
    # column, the heading of the group it stands under ("" for none); equal entries side by
    # side are one group spanning those columns (税率（%） over 最惠国 and 暂定)
    column_groups: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.column_groups and len(self.column_groups) != len(self.headers):
            raise ValueError(
                f"table {self.id}: {len(self.column_groups)} column groups for "
                f"{len(self.headers)} columns"
            )
        self._hold("rows")
        n = 0
        for row in self.rows:
            if not row.is_group:
                n += 1
                object.__setattr__(row, "_n", n)

    @property
    def head(self) -> tuple[tuple[HeadCell, ...], ...]:
        """Its header as laid out, one tuple of cells per header row: the headers alone; or,
        under column groups, a first row holding each group once (spanning its columns) and
        each ungrouped column's header (spanning both rows), and a second row holding the
        grouped columns' headers. Pages and PDFs both lay it out from here."""
        if not self.column_groups:
            return (tuple(HeadCell(h) for h in self.headers),)
        first: list[HeadCell] = []
        second: list[HeadCell] = []
        for group, run in itertools.groupby(
            zip(self.column_groups, self.headers, strict=True), key=lambda pair: pair[0]
        ):
            headers = [h for _, h in run]
            if group:
                first.append(HeadCell(group, "colgroup", columns=len(headers)))
                second += [HeadCell(h) for h in headers]
            else:
                first += [HeadCell(h, rows=2) for h in headers]
        return tuple(first), tuple(second)

    @property
    def column_names(self) -> tuple[str, ...]:
        """Each column's name where it stands alone (column_name)."""
        groups = self.column_groups or ("",) * len(self.headers)
        return tuple(column_name(g, h) for g, h in zip(groups, self.headers, strict=True))

    @property
    def body_rows(self) -> tuple[Row, ...]:
        """Its rows of cells, group rows left out."""
        return tuple(r for r in self.rows if not r.is_group)

    def row(self, anchor: str) -> Row:
        for r in self.rows:
            if not r.is_group and r.anchor == anchor:
                return r
        raise KeyError(anchor)

    @property
    def measure(self) -> Measure | None:
        """The provision it stands in, or None (a table standing in an attached document)."""
        return self.parent if isinstance(self.parent, Measure) else None

    def converted(self, convert: Callable[[str], str]) -> Table:
        """The same table in another script: text cells, caption, headers, column groups and
        notes converted; codes, numbers and units kept (keeps_as_is)."""
        return replace(
            self,
            caption=convert(self.caption),
            headers=tuple(h if keeps_as_is(h) else convert(h) for h in self.headers),
            column_groups=tuple(g if keeps_as_is(g) else convert(g) for g in self.column_groups),
            rows=tuple(r.converted(convert) for r in self.rows),
            notes=tuple(convert(n) for n in self.notes),
        )
