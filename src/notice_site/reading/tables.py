"""Tables from the forms an editor receives them in: tab-separated lines of text (what
pasting from a spreadsheet gives), `<table>` in a saved web page, tables in a Word file,
and the sheets of an Excel workbook (.xlsx).

Each reader gives `Grid`s: a table as read, before it becomes a notice's table. Merged
cells are resolved so that every cell lands in its column: a cell spanning rows
(`rowspan`, Word's vertical merge) is repeated in each row it spans, so that every row
stands alone (a reader who finds a row by its code sees all of it); a cell spanning
columns keeps its text in its first column and leaves the others empty. A row that is one
cell across the whole width, inside the table, names the group of the rows below it
(一、机电产品): a group row. A header may be two rows, column groups over the headers
(税率（%） spanning 最惠国 and 暂定; `_two_row_header`). Text is kept as the source has it,
with the spaces at a cell's ends (layout) taken off; a workbook's numbers are written as
the sheet shows them (1, not 1.0; a code formatted 0000000000 keeps its leading zeros).
"""

from __future__ import annotations

import datetime
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from notice_site.model import addresses
from notice_site.model.tree import AttachedDocument, GroupRow, Row, Table
from notice_site.reading.decoding import NotUtf8, utf8_text

if TYPE_CHECKING:
    from notice_site.model.notice import Notice

# How the notes under a table begin: 注：, 注1：, 备注：, 说明：.
NOTE = re.compile(r"(?:注\d*|备注|说明)[:：]")
# The spaces at a cell's ends: layout, not text.
_SPACES = " \u3000\u00a0\t\r\n"


# Where a table stands among the paragraphs: the reader of the source puts this mark, the
# table's number and a 。 (so that no rule reads it as a title) in the table's place, and
# the importer puts the table there.
TABLE_MARK = "\ue000"


def table_mark(k: int) -> str:
    """The paragraph standing for table k (from 1) of the source."""
    return f"{TABLE_MARK}{k}。"


def table_of(paragraph: str) -> int | None:
    """The number of the table `paragraph` stands for, or None for a paragraph of text."""
    if paragraph.startswith(TABLE_MARK) and paragraph.endswith("。"):
        digits = paragraph[len(TABLE_MARK) : -1]
        return int(digits) if digits.isdigit() else None
    return None


class UnreadableTable(Exception):
    """A table the importer cannot read: the message says where and why."""


@dataclass(frozen=True)
class GridRow:
    cells: tuple[str, ...]
    group: bool = False  # one cell across the width: the name of the rows below

    @property
    def text(self) -> str:
        return self.cells[0] if self.group else ""


@dataclass(frozen=True)
class Grid:
    """A table as read: its title where the source gives one (a workbook's merged first
    row, a `<caption>`), its header cells, its rows, and the notes found under it."""

    header: tuple[str, ...]
    rows: tuple[GridRow, ...]
    title: str = ""
    notes: tuple[str, ...] = ()
    # where the header is two rows: the group heading above each column, "" for none
    # (model.tree.Table.column_groups)
    groups: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return len(self.header)


def cell_text(value: object) -> str:
    return str(value).strip(_SPACES)


# -- the grid of spans: every source's merged cells, resolved one way -------------------


@dataclass
class _Cell:
    text: str
    rows: int = 1
    columns: int = 1


def _resolve(rows: Sequence[Sequence[_Cell]]) -> list[list[str]]:
    """Rows of cells with their spans → rows of texts, each text in its column: a cell
    spanning rows is repeated in each; one spanning columns fills its first."""
    out: list[list[str]] = []
    below: dict[int, tuple[str, int]] = {}  # column → (text, rows still to fill)
    for cells in rows:
        texts: list[str] = []
        queue = list(cells)
        while queue or any(column >= len(texts) for column in below):
            column = len(texts)
            if column in below:
                text, left = below.pop(column)
                texts.append(text)
                if left > 1:
                    below[column] = (text, left - 1)
            elif queue:
                cell = queue.pop(0)
                for k in range(cell.columns):
                    text = cell.text if k == 0 else ""
                    texts.append(text)
                    if cell.rows > 1:
                        below[column + k] = (text, cell.rows - 1)
            else:
                texts.append("")  # a row shorter than the one spanning down beside it
        out.append(texts)
    return out


def _grid(resolved: list[list[str]], title: str = "", notes: Iterable[str] = ()) -> Grid:
    """The grid of resolved rows: a title row first (one cell across the width) where
    there is one, then the header (the first row of two or more cells), its rows (a row of
    one cell across the width is a group row), and notes (rows that begin with 注：…
    after the last row of cells)."""
    rows = [texts for texts in resolved if any(texts)]
    width = max((len(t) for t in rows), default=0)
    rows = [t + [""] * (width - len(t)) for t in rows]

    def single(texts: list[str]) -> bool:
        return bool(texts[0]) and not any(texts[1:])

    found_notes = list(notes)
    while rows and single(rows[-1]) and NOTE.match(rows[-1][0]):
        found_notes.insert(0, rows.pop()[0])
    while rows and width > 1 and single(rows[0]):
        title = title or rows[0][0]
        rows.pop(0)
    if not rows:
        raise UnreadableTable("a table with no rows")
    header, *body = rows
    groups: tuple[str, ...] = ()
    if body and (two := _two_row_header(header, body[0])) is not None:
        groups, header = two
        body.pop(0)
    out = [
        GridRow((texts[0],) + ("",) * (width - 1), group=True)
        if width > 1 and single(texts)
        else GridRow(tuple(texts))
        for texts in body
    ]
    return Grid(tuple(header), tuple(out), title, tuple(found_notes), groups)


def _two_row_header(
    first: list[str], second: list[str]
) -> tuple[tuple[str, ...], list[str]] | None:
    """The column groups and headers of a header of two rows (税率（%） spanning 最惠国 and
    暂定, 序号 spanning both rows), or None where `first` is the header alone. The header is
    two rows where the first leaves a cell empty right of a filled one (a cell spanning
    columns) and the second, no group row, fills every column the first leaves empty. Per
    column: a text of the first row over the same text (a cell spanning both rows,
    repeated) or over an empty cell (a text's rows) heads its column alone; followed by
    empty cells (the columns it spans) it heads a group of those columns, over their texts.
    A text over another in one column alone is no group: that is a header over a row of
    data (序号 over 1), and the header's empty cell is the editor's to fill."""
    width = len(first)
    spanning = any(not first[k] and any(first[:k]) for k in range(1, width))
    if not spanning or not first[0] or (second[0] and not any(second[1:])):
        return None
    groups: list[str] = []
    headers: list[str] = []
    k = 0
    while k < width:
        end = k + 1
        while end < width and not first[end]:
            end += 1
        if end - k == 1 and second[k] in ("", first[k]):
            groups.append("")
            headers.append(first[k])
        elif end - k > 1 and all(second[k:end]):
            groups += [first[k]] * (end - k)
            headers += second[k:end]
        else:
            return None
        k = end
    return tuple(groups), headers


# -- the four forms --------------------------------------------------------------------


def text_tables(lines: Sequence[str]) -> list[tuple[int, int, Grid]]:
    """The tables in the lines of a text: runs of lines holding a TAB (a line of one cell
    between two of them is a group row; blank lines inside are skipped), with the notes
    (注：…) right under them. Each with the index of its first line and of the line after
    it, its notes included."""

    def stripped(k: int) -> str:
        return lines[k].strip(_SPACES)

    def next_text(k: int) -> int | None:
        return next((j for j in range(k, len(lines)) if stripped(j)), None)

    found: list[tuple[int, int, Grid]] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            i += 1
            continue
        start, rows = i, []
        while i is not None and i < len(lines):
            if "\t" in lines[i]:
                rows.append([_Cell(cell_text(c)) for c in lines[i].rstrip("\r\n").split("\t")])
            else:
                after = next_text(i + 1)
                if NOTE.match(stripped(i)) or after is None or "\t" not in lines[after]:
                    break
                rows.append([_Cell(stripped(i))])  # one cell between rows: a group's name
            i = next_text(i + 1)
        end = i if i is not None else len(lines)
        notes = []
        while end < len(lines) and NOTE.match(stripped(end)):
            notes.append(stripped(end))
            following = next_text(end + 1)
            end = following if following is not None else len(lines)
        # a header and at least one row of two cells or more: else a TAB typed in the text,
        # which stays text (the importer names it)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            found.append((start, end, _grid(_resolve(rows), notes=notes)))
        i = end
    return found


def web_page_tables(data: bytes) -> list[Grid]:
    """Every `<table>` of a saved web page, `rowspan` and `colspan` resolved; its
    `<caption>` is its title. A table inside a table's cell is read as that cell's text.
    Read as the paragraphs are (sources.py: BeautifulSoup finds the page's encoding)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    tables = [t for t in soup.find_all("table") if t.find_parent("table") is None]
    return [grid for t in tables if (grid := html_grid(t)) is not None]


def html_grid(table) -> Grid | None:
    """The grid of one `<table>` element (BeautifulSoup's), or None where it has no rows."""
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        rows.append(
            [
                _Cell(
                    re.sub(r"\s+", " ", cell.get_text()).strip(_SPACES),
                    _span(cell.get("rowspan")),
                    _span(cell.get("colspan")),
                )
                for cell in tr.find_all(["td", "th"], recursive=False)
            ]
        )
    caption = table.find("caption")
    title = cell_text(caption.get_text()) if caption is not None else ""
    return _grid(_resolve(rows), title) if any(rows) else None


def is_data(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a source's table holds data (a header and rows of short cells) rather than
    laying out text (a signature beside its date, a page's article in one cell): three rows
    or more, two columns or more, no cell longer than a short phrase."""
    filled = [row for row in rows if any(cell.strip() for cell in row)]
    return (
        len(filled) >= 3
        and max(len(row) for row in filled) >= 2
        and all(len(cell) <= _CELL_SIZE for row in filled for cell in row)
    )


# The longest cell a table of data holds (a goods' name, a condition): longer is text.
_CELL_SIZE = 200


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def word_tables(data: bytes) -> list[Grid]:
    """Every table of a Word file, merged cells resolved (word_grid)."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several kinds for a damaged file
        raise UnreadableTable(f"not a Word file: {e}") from None
    return [word_grid(table) for table in document.tables]


def word_grid(table) -> Grid:
    """The grid of one Word table (python-docx's). python-docx gives a merged cell once per
    column and row it covers, as the same cell (its XML element), so a vertical merge is
    repeated in each row and a horizontal one kept in its first column."""
    return _grid(word_rows(table))


def word_rows(table) -> list[list[str]]:
    resolved: list[list[str]] = []
    for row in table.rows:
        elements = [cell._tc for cell in row.cells]
        resolved.append(
            [
                "" if k and elements[k - 1] is element else cell_text(cell.text)
                for k, (cell, element) in enumerate(zip(row.cells, elements, strict=True))
            ]
        )
    return resolved


def workbook_tables(data: bytes) -> list[Grid]:
    """One table per sheet of an Excel workbook: a merged first row across the width is
    its title, merged cells resolved, numbers as the sheet shows them."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises several kinds for a damaged file
        raise UnreadableTable(f"not an Excel workbook (.xlsx): {e}") from None
    grids = []
    for sheet in book.worksheets:
        spans = {}
        covered = set()
        for merged in sheet.merged_cells.ranges:
            spans[(merged.min_row, merged.min_col)] = (
                merged.max_row - merged.min_row + 1,
                merged.max_col - merged.min_col + 1,
            )
            covered |= {
                (r, c)
                for r in range(merged.min_row, merged.max_row + 1)
                for c in range(merged.min_col, merged.max_col + 1)
            } - {(merged.min_row, merged.min_col)}
        rows = []
        for r, row in enumerate(sheet.iter_rows(), 1):
            cells = []
            for c, cell in enumerate(row, 1):
                if (r, c) in covered:
                    continue
                height, width = spans.get((r, c), (1, 1))
                cells.append(_Cell(_shown(cell), height, width))
            rows.append(cells)
        if any(any(cell.text for cell in cells) for cells in rows):
            grids.append(_grid(_resolve(rows), title=""))
    return grids


def _shown(cell) -> str:
    """A workbook cell's value as the sheet shows it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        zeros = cell.number_format or ""
        if zeros and set(zeros) == {"0"}:
            return str(value).zfill(len(zeros))
        return str(value)
    return cell_text(value)


def to_table(grid: Grid, id: str, caption: str, after: int = 0) -> Table:
    """The model's table (model/tree.py) of a grid: `id` names it (t1), `caption` where
    the grid has no title of its own; the column headed 序号 numbers its rows."""
    rows = tuple(GroupRow((row.text,)) if row.group else Row(row.cells) for row in grid.rows)
    numbered = grid.header.index("序号") if "序号" in grid.header else None
    return Table(
        id, grid.title or caption, grid.header, rows, grid.notes, numbered, after, grid.groups
    )


def tables_of(path: Path, data: bytes) -> list[Grid]:
    """Every table of a file an editor was given: an Excel workbook (one per sheet), a
    saved web page or a Word file (its tables), or a text (its lines of TAB-separated
    cells)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return workbook_tables(data)
    if suffix in (".html", ".htm"):
        return web_page_tables(data)
    if suffix == ".docx":
        return word_tables(data)
    if suffix in (".txt", ".tsv"):
        try:
            text = utf8_text(data)
        except NotUtf8 as e:
            raise UnreadableTable(f"line {e.line}: {e}") from None
        return [grid for _, _, grid in text_tables(text.split("\n"))]
    raise UnreadableTable(
        f"not a form tables are read from ({suffix or 'no extension'}): give an Excel "
        "workbook (.xlsx), a saved web page (.html), a Word file (.docx) or a text (.txt)"
    )


class NoPlace(Exception):
    """Where the tables are to go is not in the notice (no such provision, no such
    paragraph): the message names the place as it was given."""


def _new_ids(notice: Notice) -> Iterator[str]:
    """The ids new tables of `notice` take: t<k>, the first ids no table has."""
    taken = {t.id for t in notice.tables}
    return (f"t{k}" for k in itertools.count(1) if f"t{k}" not in taken)


def in_provision(
    notice: Notice, grids: Sequence[Grid], key: str, after: int | None, name: str
) -> tuple[Table, ...]:
    """The tables `grids` (from a file named `name`) standing in the provision `key` of
    `notice` (its address, as measures.yaml's `measure:`), after its paragraph `after`
    (from 1; None: its last), after the tables standing there already; numbered after the
    notice's tables; captioned with their own title, else the file's name. NoPlace where
    the notice has no such provision or it no such paragraph."""
    keys = [m.key for m in notice.measures]
    if key not in keys:
        known = ", ".join(keys) if len(keys) <= 8 else f"{', '.join(keys[:3])} … {keys[-1]}"
        raise NoPlace(f"PROVISION={key}: the notice has no provision {key} (provisions: {known})")
    measure = notice.by_key(key)
    count = len(measure.paragraphs)
    if after is None:
        after = count
    elif not 1 <= after <= count:
        raise NoPlace(
            f"AFTER={after}: provision {key} has {count} paragraph{'s' if count > 1 else ''}: "
            f"expected 1 to {count}"
        )
    ids = _new_ids(notice)
    tables = tuple(to_table(grid, next(ids), grid.title or name, after) for grid in grids)
    # in a copy of the provision: each table knows where it stands (folder/write.py)
    holding = replace(measure, tables=(*measure.tables, *tables))
    return holding.tables[len(measure.tables) :]


def attached(
    notice: Notice, grids: Sequence[Grid], attachment: int | None, name: str
) -> tuple[AttachedDocument, bool]:
    """The attached document of `notice` that the tables `grids` (from a file named `name`)
    are: 附件<attachment>, made where the notice has none (True: it is new), else the one
    whose title is the first table's own; holding the tables, numbered after the notice's
    (t<k>, the first id no table has). UnreadableTable where none can be told, or where
    it holds a table already (it is not replaced)."""
    documents = [d for d in notice.divisions if d.is_document]
    if attachment is not None:
        address = addresses.document(attachment)
        found = next((d for d in documents if d.address == address), None)
    else:
        found = next((d for d in documents if d.title == grids[0].title), None)
        if found is None:
            raise UnreadableTable(
                f"no attached document is titled {grids[0].title or '(no title)'}: say "
                "which it is, ATTACHMENT=<its number> (附件2: ATTACHMENT=2)"
            )
        address = found.address
    if found is not None and found.tables:
        raise UnreadableTable(
            f"{found.label} {found.title} holds a table already "
            f"({found.tables[0].id}): delete it from measures.yaml to replace it"
        )
    ids = _new_ids(notice)
    title = (found.title if found else "") or grids[0].title or name
    tables = tuple(to_table(grid, next(ids), title) for grid in grids)
    label = found.label if found else f"附件{attachment}"
    return AttachedDocument(address, label, title, children=tables), found is None
