"""Tables read from the four forms an editor receives (reading/tables.py): the same small
table (a title, a header, a group row, a cell spanning two rows, a note) written as
tab-separated text, a web page, a Word file and a workbook, made here; each reads into the
same grid, every cell in its column. Milliseconds each."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from support.shapes import rate_workbook

from notice_site.reading.tables import (
    Grid,
    GridRow,
    UnreadableTable,
    text_tables,
    web_page_tables,
    word_tables,
    workbook_tables,
)

HEADER = ("序号", "税则号列", "商品名称", "海关商品编号")
# The table every form below holds: rows 1 and 2 share their 税则号列 (a cell spanning
# two rows), a group row names the rows below it.
EXPECTED = Grid(
    HEADER,
    (
        GridRow(("一、机电产品", "", "", ""), group=True),
        GridRow(("1", "ex 84213929", "样例过滤器", "8421392910")),
        GridRow(("2", "ex 84213929", "样例净化器", "8421392990")),
        GridRow(("二、其他", "", "", ""), group=True),
        GridRow(("3", "0101.2100", "样例马", "0101210010")),
    ),
    title="样例商品编号表",
    notes=("注：本表为样例，仅供测试。",),
)


def test_tab_separated_lines_in_a_text() -> None:
    lines = [
        "附件2",
        "",
        "样例商品编号表",
        "序号\t税则号列\t商品名称\t海关商品编号",
        "一、机电产品",
        "1\tex 84213929\t样例过滤器\t8421392910",
        "",
        "2\tex 84213929\t样例净化器\t8421392990 ",
        "二、其他\t\t\t",
        "3\t0101.2100\t样例马\t0101210010",
        "注：本表为样例，仅供测试。",
        "",
        "附件3",
    ]
    ((start, end, grid),) = text_tables(lines)
    assert (start, end) == (3, 12)
    # a text has no title row: the line above the table is the attachment's title
    assert grid == Grid(EXPECTED.header, EXPECTED.rows, "", EXPECTED.notes)


def test_a_text_line_after_the_table_ends_it() -> None:
    lines = ["甲\t乙", "1\t2", "本公告自发布之日起施行。"]
    ((start, end, grid),) = text_tables(lines)
    assert (start, end, grid.rows) == (0, 2, (GridRow(("1", "2")),))


WEB_PAGE = """<html><body><p>附件2</p><table>
<caption>样例商品编号表</caption>
<tr><th>序号</th><th>税则号列</th><th>商品名称</th><th>海关商品编号</th></tr>
<tr><td colspan="4">一、机电产品</td></tr>
<tr><td>1</td><td rowspan="2">ex&nbsp;84213929</td><td>样例过滤器</td><td>8421392910</td></tr>
<tr><td>2</td><td>样例净化器</td><td> 8421392990</td></tr>
<tr><td colspan="4">二、其他</td></tr>
<tr><td>3</td><td>0101.2100</td><td>样例马</td><td>0101210010</td></tr>
<tr><td colspan="4">注：本表为样例，仅供测试。</td></tr>
</table></body></html>"""


def test_a_web_page_table_with_rowspan_and_colspan() -> None:
    (grid,) = web_page_tables(WEB_PAGE.encode("utf-8"))
    assert grid == Grid(EXPECTED.header, EXPECTED.rows, EXPECTED.title, EXPECTED.notes)


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("附件2")
    rows = [
        ["样例商品编号表", None, None, None],
        list(HEADER),
        ["一、机电产品", None, None, None],
        ["1", "ex 84213929", "样例过滤器", "8421392910"],
        ["2", None, "样例净化器", "8421392990"],
        ["二、其他", None, None, None],
        ["3", "0101.2100", "样例马", "0101210010"],
        ["注：本表为样例，仅供测试。", None, None, None],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value
    for r in (0, 2, 5, 7):
        table.cell(r, 0).merge(table.cell(r, 3))
    table.cell(3, 1).merge(table.cell(4, 1))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_table_with_merged_cells() -> None:
    (grid,) = word_tables(word_file())
    assert grid == EXPECTED


def workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件2"
    sheet.append(["样例商品编号表"])
    sheet.merge_cells("A1:D1")
    sheet.append(list(HEADER))
    sheet.append(["一、机电产品"])
    sheet.merge_cells("A3:D3")
    sheet.append([1, "ex 84213929", "样例过滤器", 8421392910])
    sheet.append([2.0, None, "样例净化器", "8421392990"])
    sheet.merge_cells("B4:B5")
    sheet.append(["二、其他"])
    sheet.merge_cells("A6:D6")
    sheet.append([3, "0101.2100", "样例马", 101210010])
    sheet["D7"].number_format = "0000000000"  # a code typed as a number keeps its zero
    sheet.append(["注：本表为样例，仅供测试。"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_sheet_with_its_title_row_and_merged_cells() -> None:
    (grid,) = workbook_tables(workbook())
    assert grid == EXPECTED


@pytest.mark.parametrize(
    ("read", "data"),
    [(word_tables, b"not a zip"), (workbook_tables, b"PK\x03\x04 broken")],
)
def test_a_damaged_file_is_one_message(read, data: bytes) -> None:
    with pytest.raises(UnreadableTable, match=r"^not a"):
        read(data)


# -- a header of two rows: column groups over the headers ---------------------------------

# 序号 and 商品名称 span both header rows; 税率（%） spans the two columns below it.
TWO_ROWS = Grid(
    ("序号", "商品名称", "最惠国", "暂定"),
    (
        GridRow(("1", "样例商品甲", "10", "5")),
        GridRow(("2", "样例商品乙", "8", "")),
    ),
    title="样例税率表",
    groups=("", "", "税率（%）", "税率（%）"),
)


def test_a_text_with_a_header_of_two_rows() -> None:
    lines = [
        "序号\t商品名称\t税率（%）\t",
        "\t\t最惠国\t暂定",
        "1\t样例商品甲\t10\t5",
        "2\t样例商品乙\t8\t",
    ]
    ((_, _, grid),) = text_tables(lines)
    assert grid == Grid(TWO_ROWS.header, TWO_ROWS.rows, "", groups=TWO_ROWS.groups)


def test_a_web_page_header_of_two_rows_with_rowspan_and_colspan() -> None:
    page = """<table><caption>样例税率表</caption>
<tr><th rowspan="2">序号</th><th rowspan="2">商品名称</th><th colspan="2">税率（%）</th></tr>
<tr><th>最惠国</th><th>暂定</th></tr>
<tr><td>1</td><td>样例商品甲</td><td>10</td><td>5</td></tr>
<tr><td>2</td><td>样例商品乙</td><td>8</td><td></td></tr>
</table>"""
    (grid,) = web_page_tables(page.encode("utf-8"))
    assert grid == TWO_ROWS


def test_a_word_header_of_two_rows_with_merged_cells() -> None:
    document = docx.Document()
    rows = [
        ["样例税率表", None, None, None],
        ["序号", "商品名称", "税率（%）", None],
        [None, None, "最惠国", "暂定"],
        ["1", "样例商品甲", "10", "5"],
        ["2", "样例商品乙", "8", None],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value
    table.cell(0, 0).merge(table.cell(0, 3))
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 2).merge(table.cell(1, 3))
    out = io.BytesIO()
    document.save(out)
    (grid,) = word_tables(out.getvalue())
    assert grid == TWO_ROWS


def test_a_workbook_header_of_two_rows_with_merged_cells() -> None:
    # the last row leaves its 暂定 cell empty
    (grid,) = workbook_tables(rate_workbook(((1, "样例商品甲", 10, 5), (2, "样例商品乙", 8))))
    assert grid == TWO_ROWS


@pytest.mark.parametrize(
    "second",
    [
        "1\t样例商品甲\t10\t5",  # a row of data fills the empty header: one header row
        "一、样例组\t\t\t",  # a group row is no header
    ],
)
def test_a_header_of_one_row_stays_one(second: str) -> None:
    lines = ["序号\t商品名称\t税率（%）\t", second, "2\t样例商品乙\t8\t4"]
    ((_, _, grid),) = text_tables(lines)
    assert grid.groups == () and grid.header == ("序号", "商品名称", "税率（%）", "")


def test_the_model_table_of_a_header_of_two_rows() -> None:
    from notice_site.reading.tables import to_table

    t = to_table(TWO_ROWS, "t1", "表1")
    assert t.column_groups == TWO_ROWS.groups and t.headers == TWO_ROWS.header
    assert t.numbered == 0 and t.caption == "样例税率表"
