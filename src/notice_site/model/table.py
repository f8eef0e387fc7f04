"""A table of the notice: a node of the document's tree (model.tree) holding rows of cells.

    Table (商品编号表: 序号 / 税则号列 / 商品名称 / 海关商品编号)
      Row          its cells, text kept character for character (8421392910, ex 84213929)
      GroupRow     a row naming the group of the rows below it (一、机电产品)

A table stands either as the whole content of an attached document (附件2 商品编号表: an
AttachedDocument whose children are tables and no provisions) or inside a provision, after
one of its paragraphs (`after`, counted from 1). It has its caption, one row of column
headers, its rows, and notes under it; where one column numbers the rows (序号), `numbered`
is that column's index.

Every row has an address (a published contract, README "URLs"): its anchor on the page of
what holds the table, `<table id>-r<n>`, where n is the row's 序号 in a numbered table and
its place among the table's rows (group rows not counted, from 1) otherwise; and a
citation naming it, 附件2序号23 or 附件2第23行 (render: ui strings `row_numbered`, `row_at`).

One header row only. A second header row (a heading spanning several columns above
them) would be a tuple of (text, span) pairs in `header_groups`, above `headers`; the rows
keep one cell per column of `headers` either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from notice_site.model.tree import Measure, Node

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

    def __post_init__(self) -> None:
        self._hold("rows")
        n = 0
        for row in self.rows:
            if not row.is_group:
                n += 1
                object.__setattr__(row, "_n", n)

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
        """The same table in another script: text cells, caption, headers and notes
        converted; codes, numbers and units kept (keeps_as_is)."""
        return replace(
            self,
            caption=convert(self.caption),
            headers=tuple(h if keeps_as_is(h) else convert(h) for h in self.headers),
            rows=tuple(r.converted(convert) for r in self.rows),
            notes=tuple(convert(n) for n in self.notes),
        )
