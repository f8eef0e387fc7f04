"""A notice folder's tables, read and checked: measures.yaml's `tables:` list, where each
table stands and what names it, and its rows in tables/<id>.csv beside it (one file per
table: a spreadsheet's work, and thousands of rows load in milliseconds). Every problem is
one DataError naming the file, the line and the place, as for the rest of the folder."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path

from notice_site.errors import DataError
from notice_site.folder.yaml_file import CONTROL, Reader, YamlMap, read_bytes
from notice_site.model.tree import GroupRow, Measure, Row, Table, anchor_part, column_name

# The tables' rows, one file per table beside measures.yaml: tables/<id>.csv.
TABLES_DIR = "tables"
TABLE_ID = re.compile(r"^[a-z][a-z0-9]*$")


def read_tables(
    r: Reader,
    top: YamlMap,
    divisions: set[str],
    placed: tuple[tuple[Measure, str], ...],
    folder: Path,
) -> tuple[tuple[tuple[Measure, str], ...], dict[str, tuple[Table, ...]]]:
    """The notice's tables (measures.yaml's `tables`, each with its rows from
    tables/<id>.csv): the measures with the tables standing in them, and the tables
    standing in a division or attached document, by its address. Long (about 110 lines)
    on purpose, as load._measures is: the checks read as the schema of one table, top to
    bottom, each message naming the table by its place in the list."""
    items = r.seq(top, "tables", "", allow_empty=True)
    keys = {m.key: i for i, (m, _) in enumerate(placed)}
    in_measures: dict[int, list[Table]] = {}
    standing: dict[str, list[Table]] = {}
    seen: dict[str, int] = {}
    csv_dir = Path(r.path).parent / TABLES_DIR
    for i, item in enumerate(items, 1):
        place = f"table {i}"
        t = r.fields(
            item,
            place,
            items.lines[i - 1],
            ("id", "caption"),
            ("division", "measure", "after", "numbered", "header_rows", "notes"),
        )
        id_ = t["id"]
        if not isinstance(id_, str) or not TABLE_ID.match(id_):
            r.fail(
                t.lines["id"],
                f"{place}, id",
                "a table's id is a lower-case ASCII letter, then letters or digits (t1, t2): "
                f"it names its rows' anchors (t1-r23) and its file tables/t1.csv; got {id_!r}",
            )
        place = f"table {id_}"
        if id_ in seen:
            r.fail(
                t.lines["id"], f"{place}, id", f"'{id_}' is used twice (also on line {seen[id_]})"
            )
        seen[id_] = t.lines["id"]
        caption = r.text(t, "caption", place)
        notes = r.texts(t, "notes", place, "note") if "notes" in t else ()
        where = [key for key in ("division", "measure") if key in t]
        if len(where) != 1:
            r.fail(
                t.line,
                place,
                "say where the table stands: `division: <address>` (the whole of an attached "
                "document or division) or `measure: <address>` with `after: <paragraph>`",
            )
        (key,) = where
        target = t[key]
        if isinstance(target, int) and not isinstance(target, bool):
            target = str(target)
        after = 0
        if key == "division":
            if "after" in t:
                r.fail(
                    t.lines["after"],
                    f"{place}, after",
                    "only a table in a measure stands after a paragraph",
                )
            if target not in divisions:
                known = ", ".join(sorted(divisions)) or "none are listed"
                r.fail(
                    t.lines[key],
                    f"{place}, division",
                    f"there is no division '{target}' (divisions: {known})",
                )
        else:
            if target not in keys:
                r.fail(
                    t.lines[key],
                    f"{place}, measure",
                    f"there is no measure '{target}' (measures: {_span(list(keys))})",
                )
            measure = placed[keys[target]][0]
            count = len(measure.paragraphs)
            after = t.get("after", count)
            if not isinstance(after, int) or isinstance(after, bool) or not 1 <= after <= count:
                r.fail(
                    t.lines.get("after", t.lines[key]),
                    f"{place}, after",
                    f"expected the number of the paragraph it follows, 1 to {count} "
                    f"(measure {target} has {count}), got {after!r}",
                )
        numbered = None
        if "numbered" in t:
            numbered = r.text(t, "numbered", place)
        header_rows = t.get("header_rows", 1)
        if header_rows not in (1, 2) or isinstance(header_rows, bool):
            r.fail(
                t.lines["header_rows"],
                f"{place}, header_rows",
                "expected 1 (the column headers alone, the default) or 2 (a line of column "
                f"groups above them), got {header_rows!r}",
            )
        path = folder / TABLES_DIR / f"{id_}.csv"
        display = str(csv_dir / f"{id_}.csv")
        if not path.is_file():
            r.fail(
                t.lines["id"],
                f"{place}, id",
                f"its rows are not there: no file {TABLES_DIR}/{id_}.csv beside this one",
            )
        headers, table_rows, numbered_at, groups = read_rows(
            path, display, numbered, t.lines.get("numbered"), r.path, place, header_rows
        )
        table = Table(id_, caption, headers, table_rows, notes, numbered_at, after, groups)
        if key == "division":
            standing.setdefault(target, []).append(table)
        else:
            in_measures.setdefault(keys[target], []).append(table)
    measures = tuple(
        (replace(m, tables=tuple(sorted(in_measures[k], key=lambda t: t.after))), within)
        if k in in_measures
        else (m, within)
        for k, (m, within) in enumerate(placed)
    )
    return measures, {address: tuple(found) for address, found in standing.items()}


def _span(keys: list[str]) -> str:
    return ", ".join(keys) if len(keys) <= 8 else f"{', '.join(keys[:3])} … {keys[-1]}"


def read_rows(
    path: Path,
    display: str,
    numbered: str | None = None,
    numbered_line: int | None = None,
    yaml_name: str = "measures.yaml",
    place: str = "table",
    header_rows: int = 1,
) -> tuple[tuple[str, ...], tuple[Row, ...], int | None, tuple[str, ...]]:
    """A table's file: its column headers (the first line; with `header_rows` 2, the second,
    under a line of column groups: a group's heading in each column it spans, empty over a
    column standing alone), its rows (one a line; a line of one cell alone is a group
    heading, 一、机电产品), the index of the column `numbered` names and the column groups
    (empty for one header line). Every cell is text, as written; a mistake raises DataError
    naming the line. Long (about 120 lines) on purpose: the file's checks, line by line, in
    one place."""
    raw = read_bytes(path, display)
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError(
            display, "", f"is not UTF-8 text (byte 0x{raw[e.start]:02x})", line
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        lines = [(reader.line_num, cells) for cells in reader]
    except csv.Error as e:
        raise DataError(display, "", f"not CSV as expected: {e}", reader.line_num) from None
    lines = [(n, cells) for n, cells in lines if cells]  # blank lines are no rows
    if not lines:
        raise DataError(display, "", "is empty: expected the column headers on the first line")
    groups: list[str] = []
    if header_rows == 2:
        group_line, groups = lines.pop(0)
        if not lines:
            raise DataError(
                display, "", "expected the column headers on the line after the column groups"
            )
    line, headers = lines[0]
    for k, header in enumerate(headers, 1):
        if not header.strip():
            raise DataError(display, "column headers", f"column {k} has no header", line)
        _cell_text(header, display, line, f"column headers, column {k}")
    if groups:
        if len(groups) != len(headers):
            raise DataError(
                display,
                "column groups",
                f"has {len(groups)} cells; the headers below name {len(headers)} columns "
                "(header_rows: 2: a group's heading in each column it spans, an empty cell "
                "over a column standing alone)",
                group_line,
            )
        for k, group in enumerate(groups, 1):
            _cell_text(group, display, group_line, f"column groups, column {k}")
        if not any(g.strip() for g in groups):
            raise DataError(
                display,
                "column groups",
                "names no group (header_rows: 2: this line holds the column groups above the "
                "headers; for a header of one line, leave header_rows out)",
                group_line,
            )
    names = [column_name(g, h) for g, h in zip(groups or [""] * len(headers), headers, strict=True)]
    if len(set(names)) != len(names):
        twice = next(h for h in names if names.count(h) > 1)
        raise DataError(display, "column headers", f"'{twice}' names two columns", line)
    numbered_at = None
    if numbered is not None:
        if numbered not in headers:
            raise DataError(
                yaml_name,
                f"{place}, numbered",
                f"no column is headed '{numbered}' in the table (columns: {', '.join(headers)})",
                numbered_line,
            )
        numbered_at = headers.index(numbered)
    rows: list[Row] = []
    first: dict[str, int] = {}
    addressed: dict[str, int] = {}
    width = len(headers)
    n = 0  # the row's place among the rows of cells
    for line, cells in lines[1:]:
        if len(cells) == 1 and width > 1:
            _cell_text(cells[0], display, line, "group heading")
            if not cells[0].strip():
                raise DataError(display, "group heading", "is empty", line)
            rows.append(GroupRow((cells[0],)))
            continue
        n += 1
        if len(cells) != width:
            raise DataError(
                display,
                f"row {n}",
                f"has {len(cells)} cells; the table has {width} columns "
                f"({', '.join(headers)}); a group heading stands alone on its line",
                line,
            )
        for k, cell in enumerate(cells):
            _cell_text(cell, display, line, f"row {n}, {headers[k]}")
        if numbered_at is not None:
            number = cells[numbered_at]
            if not any(cells[1:]) and cells[0] and anchor_part(cells[0]) is None:
                # 一、机电产品,,, as a spreadsheet saves a group heading
                raise DataError(
                    display,
                    f"row {n}",
                    f"only its first cell is filled ({cells[0]!r}): a group heading stands "
                    "alone on its line, without the commas after it",
                    line,
                )
            if not number.strip():
                raise DataError(display, f"row {n}, {numbered}", f"the {numbered} is empty", line)
            if number in first:
                raise DataError(
                    display,
                    f"row {n}, {numbered}",
                    f"{numbered} {number} is used twice (also on line {first[number]})",
                    line,
                )
            first[number] = line
            # its address: 序号 2.1 is r2-1, a 序号 no anchor can hold (（一）) its place
            part = anchor_part(number) or str(n)
            if part in addressed:
                raise DataError(
                    display,
                    f"row {n}, {numbered}",
                    f"{numbered} {number} gives the row the address r{part} of the row on "
                    f"line {addressed[part]}: each row needs its own",
                    line,
                )
            addressed[part] = line
        rows.append(Row(tuple(cells)))
    if not any(not r.is_group for r in rows):
        raise DataError(display, "", "holds no row: expected one line per row after the headers")
    return tuple(headers), tuple(rows), numbered_at, tuple(groups)


def _cell_text(cell: str, display: str, line: int, where: str) -> None:
    bad = CONTROL.search(cell)
    if bad:
        raise DataError(
            display, where, f"contains a line break or control character ({bad.group()!r})", line
        )
