"""Tables are data (issue 25): the model's Table, its rows' addresses, reading and checking a
notice folder's tables (measures.yaml's `tables`, the rows in tables/<id>.csv), writing them
back. On the fixture tests/fixtures/tables-notice/ (two short made-up tables, a group row and
notes) and a generated table of 5,000 rows; in-process, no build."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
from support.project import ROOT
from support.shapes import rate_workbook as workbook_bytes

from notice_site.errors import DataError
from notice_site.folder.load import load_notice
from notice_site.model.tree import (
    AttachedDocument,
    GroupRow,
    Measure,
    Row,
    Table,
    keeps_as_is,
    paragraphs_of,
)

FIXTURE = ROOT / "tests" / "fixtures" / "tables-notice"


def fixture_copy(tmp_path: Path) -> Path:
    target = tmp_path / "notice"
    shutil.copytree(FIXTURE, target)
    return target


# -- the model -------------------------------------------------------------------------


def small_table(numbered: int | None = 0) -> Table:
    return Table(
        "t1",
        "商品编号表",
        ("序号", "税则号列", "商品名称"),
        (
            GroupRow(("一、机电产品",)),
            Row(("1", "84213929", "空气过滤器")),
            Row(("2", "ex 84213990", "过滤器零件")),
            GroupRow(("二、农产品",)),
            Row(("3", "01012100", "改良种用马")),
        ),
        ("注：样例。",),
        numbered,
    )


def test_rows_know_their_table_and_their_address() -> None:
    t = small_table()
    rows = t.body_rows
    assert [r.n for r in rows] == [1, 2, 3]
    assert all(r.parent is t for r in t.rows)
    assert [r.anchor for r in rows] == ["t1-r1", "t1-r2", "t1-r3"]
    assert [r.number for r in rows] == ["1", "2", "3"]
    assert t.row("t1-r2").cells[1] == "ex 84213990"
    assert [r.heading for r in t.rows if r.is_group] == ["一、机电产品", "二、农产品"]


def test_a_numbered_table_names_its_rows_by_their_number() -> None:
    t = Table("t3", "表", ("序号", "名称"), (Row(("10", "甲")), Row(("2.1", "乙"))), numbered=0)
    assert [r.anchor for r in t.rows] == ["t3-r10", "t3-r2-1"]
    # a 序号 that cannot stand in an anchor: the row's place does
    odd = Table("t4", "表", ("序号", "名称"), (Row(("（一）", "甲")),), numbered=0)
    assert odd.rows[0].anchor == "t4-r1" and odd.rows[0].number == "（一）"
    plain = Table("t5", "表", ("名称",), (Row(("甲",)), Row(("乙",))))
    assert [(r.anchor, r.number) for r in plain.rows] == [("t5-r1", "1"), ("t5-r2", "2")]


def test_a_table_stands_in_a_document_or_in_a_provision() -> None:
    alone = small_table()
    document = AttachedDocument("d2", "附件2", "商品编号表", children=(alone,))
    assert document.tables == (alone,) and alone.parent is document and alone.measure is None
    assert document.measures == ()
    inside = Table("t2", "表", ("甲", "乙"), (Row(("1", "2")),), after=1)
    m = Measure(1, "标题", (), (), paragraphs_of(("如下：", "完。"), (2,)), tables=(inside,))
    assert inside.measure is m and m.tables_after(1) == (inside,) and m.tables_after(2) == ()


def test_traditional_converts_text_cells_and_never_a_code() -> None:
    def convert(text: str) -> str:
        return text.replace("机", "機").replace("马", "馬").replace("编号", "編號")

    t = small_table().converted(convert)
    assert t.rows[0].heading == "一、機电产品"
    assert t.rows[4].cells == ("3", "01012100", "改良種用馬".replace("種", "种"))
    assert t.rows[2].cells[:2] == ("2", "ex 84213990")
    assert t.caption == "商品編號表"
    for cell in ("8421392910", "0101.2100", "ex 84213929", "kg", "25%", "1 000"):
        assert keeps_as_is(cell)
    assert not keeps_as_is("千克")


def test_column_groups_lay_out_a_header_of_two_rows() -> None:
    from notice_site.model.tree import HeadCell

    t = Table(
        "t1",
        "税率表",
        ("序号", "商品名称", "最惠国", "暂定", "单位"),
        (Row(("1", "样例商品", "10", "5", "千克")),),
        column_groups=("", "", "税率（%）", "税率（%）", ""),
    )
    first, second = t.head
    assert first == (
        HeadCell("序号", rows=2),
        HeadCell("商品名称", rows=2),
        HeadCell("税率（%）", "colgroup", columns=2),
        HeadCell("单位", rows=2),
    )
    assert second == (HeadCell("最惠国"), HeadCell("暂定"))
    assert t.column_names == ("序号", "商品名称", "税率（%）/最惠国", "税率（%）/暂定", "单位")
    # one header row: the headers alone
    assert small_table().head == (tuple(HeadCell(h) for h in small_table().headers),)
    assert small_table().column_names == small_table().headers
    # Traditional converts a group's heading as a header, never a code
    hant = t.converted(lambda text: text.replace("税率", "稅率"))
    assert hant.column_groups == ("", "", "稅率（%）", "稅率（%）", "")
    coded = replace(t, column_groups=("", "", "2099", "2099", "")).converted(lambda x: "X")
    assert coded.column_groups == ("", "", "2099", "2099", "")
    with pytest.raises(ValueError, match="2 column groups for 5 columns"):
        replace(t, column_groups=("甲", "甲"))


# -- the notice folder -------------------------------------------------------------------


def test_the_fixture_reads_into_the_tree() -> None:
    notice = load_notice(FIXTURE / "measures.yaml")
    t1, t2 = notice.tables
    assert t1.measure is notice.measure(2) and t1.after == 1
    assert t1.rows[1].cells == ("0101.2100", "0101.2110", "改良种用马")
    assert isinstance(t2.parent, AttachedDocument) and t2.parent.address == "d2"
    assert t2.headers == ("序号", "税则号列", "商品名称", "海关商品编号")
    assert t2.numbered == 0 and t2.notes[0].startswith("注：")
    assert [r.is_group for r in t2.rows] == [True, False, False, True, False, False]
    # cells are text as written: a code never becomes a number, a formula stays text
    assert t2.rows[1].cells == ("1", "84213929", "空气过滤器", "8421392910")
    assert t2.rows[2].cells[1] == "ex 84213990"
    assert t2.rows[-1].cells[1:3] == ("=1+1", "含逗号,的名称")
    assert [e for e, _, _ in notice.walk()].count("table") == 1
    # header_rows: 2: the column groups on the first line of tables/t1.csv
    assert t1.column_groups == ("商品编号", "商品编号", "")
    assert t1.headers == ("原编号", "新编号", "商品名称") and t2.column_groups == ()


def _broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = fixture_copy(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _line(folder: Path, file: str, marker: str) -> int:
    text = (folder / file).read_text(encoding="utf-8")
    return text[: text.index(marker)].count("\n") + 1


@pytest.mark.parametrize(
    ("file", "old", "new", "marker", "message"),
    [
        (
            "tables/t2.csv",
            "2,ex 84213990,过滤器零件,8421399010",
            "2,ex 84213990,过滤器零件",
            "2,ex",
            "row 2: has 3 cells; the table has 4 columns (序号, 税则号列, 商品名称, 海关商品编号); "
            "a group heading stands alone on its line",
        ),
        (
            "tables/t2.csv",
            "序号,税则号列,商品名称",
            "序号,,商品名称",
            "序号",
            "column headers: column 2 has no header",
        ),
        (
            "tables/t2.csv",
            "3,01012100",
            "2,01012100",
            "2,01012100",
            "row 3, 序号: 序号 2 is used twice (also on line 4)",
        ),
        (
            "tables/t2.csv",
            "3,01012100,改良种用马,0101210010\n4,",
            "（一）,01012100,改良种用马,0101210010\n3,",
            "3,=1+1",
            "row 4, 序号: 序号 3 gives the row the address r3 of the row on line 6",
        ),
        (
            "tables/t2.csv",
            "\n一、机电产品\n",
            "\n一、机电产品,,,\n",
            "一、机电产品",
            "row 1: only its first cell is filled ('一、机电产品'): a group heading stands alone "
            "on its line, without the commas after it",
        ),
        (
            "measures.yaml",
            "division: d2",
            "division: d9",
            "division: d9",
            "table t2, division: there is no division 'd9' (divisions: d1, d2)",
        ),
        (
            "measures.yaml",
            "measure: 2",
            "measure: 7",
            "measure: 7",
            "table t1, measure: there is no measure '7' (measures: 1, 2)",
        ),
        (
            "measures.yaml",
            "after: 1",
            "after: 3",
            "after: 3",
            "table t1, after: expected the number of the paragraph it follows, 1 to 2 "
            "(measure 2 has 2), got 3",
        ),
        (
            "measures.yaml",
            "numbered: 序号",
            "numbered: 编号",
            "numbered: 编号",
            "table t2, numbered: no column is headed '编号' in the table "
            "(columns: 序号, 税则号列, 商品名称, 海关商品编号)",
        ),
        (
            "measures.yaml",
            "header_rows: 2",
            "header_rows: 3",
            "header_rows: 3",
            "table t1, header_rows: expected 1 (the column headers alone, the default) or 2 "
            "(a line of column groups above them), got 3",
        ),
        (
            "tables/t1.csv",
            "商品编号,商品编号,\n",
            "商品编号,商品编号\n",
            "商品编号,商品编号",
            "column groups: has 2 cells; the headers below name 3 columns (header_rows: 2: "
            "a group's heading in each column it spans, an empty cell over a column standing "
            "alone)",
        ),
        (
            "tables/t1.csv",
            "商品编号,商品编号,\n",
            ",,\n",
            ",,",
            "column groups: names no group (header_rows: 2: this line holds the column groups "
            "above the headers; for a header of one line, leave header_rows out)",
        ),
        (
            "tables/t1.csv",
            "商品编号,商品编号,\n原编号,新编号,",
            "商品编号,商品编号,\n编号,编号,",
            "编号,编号,商品名称",
            "column headers: '商品编号/编号' names two columns",
        ),
        (
            "measures.yaml",
            "  - id: t2\n",
            "  - id: t1\n",
            "  - id: t1\n    division",
            "table t1, id: 't1' is used twice (also on line",
        ),
    ],
)
def test_make_check_names_the_file_line_and_problem(
    tmp_path: Path, file: str, old: str, new: str, marker: str, message: str
) -> None:
    folder = _broken(tmp_path, file, old, new)
    with pytest.raises(DataError) as caught:
        load_notice(folder / "measures.yaml")
    line = _line(folder, file, marker)
    assert str(caught.value).startswith(f"{folder / file}:{line}: {message}"), str(caught.value)


def test_a_missing_table_file_is_named(tmp_path: Path) -> None:
    folder = fixture_copy(tmp_path)
    (folder / "tables" / "t1.csv").unlink()
    with pytest.raises(DataError, match=r"table t1, id: its rows are not there: no file tables/t1"):
        load_notice(folder / "measures.yaml")


def test_make_check_runs_on_a_folder_with_tables(tmp_path: Path) -> None:
    from support.commands import in_process

    good = in_process(["check", str(FIXTURE)], ROOT)
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout.strip().endswith("measures.yaml: ok, 2 measures, 2 tables (6 rows)")
    folder = _broken(tmp_path, "tables/t2.csv", "3,01012100", "2,01012100")
    bad = in_process(["check", str(folder)], ROOT)
    assert bad.returncode != 0
    assert "tables/t2.csv:6: row 3, 序号: 序号 2 is used twice" in bad.stdout + bad.stderr


# -- make table into a provision ---------------------------------------------------------


def rate_workbook(path: Path) -> Path:
    """The made-up 税率表 (support.shapes.rate_workbook) saved at `path`."""
    path.write_bytes(workbook_bytes())
    return path


@pytest.mark.parametrize(
    ("place", "message"),
    [
        (["--provision", "9"], "PROVISION=9: the notice has no provision 9 (provisions: 1, 2)"),
        (
            ["--provision", "2", "--after", "3"],
            "AFTER=3: provision 2 has 2 paragraphs: expected 1 to 2",
        ),
        (
            ["--provision", "2", "--after", "0"],
            "AFTER=0: provision 2 has 2 paragraphs: expected 1 to 2",
        ),
        (
            ["--provision", "2", "--attachment", "2"],
            "ATTACHMENT=2 and PROVISION=2: say one, where the tables go (an attached document, "
            "or a provision)",
        ),
        (
            ["--after", "1"],
            "AFTER=1 is a paragraph of a provision: say which, PROVISION=<its number>",
        ),
    ],
)
def test_make_table_refuses_a_place_the_notice_has_not(
    tmp_path: Path, place: list[str], message: str
) -> None:
    from support.commands import in_process
    from support.project import snapshot

    folder = fixture_copy(tmp_path)
    before = snapshot(folder)
    source = rate_workbook(tmp_path / "税率表.xlsx")
    result = in_process(["table", str(source), "--data", str(folder), *place], ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
    assert snapshot(folder) == before


def test_tables_added_are_listed_as_an_imported_notice_lists_them(tmp_path: Path) -> None:
    """`make table` writes `tables:` as `make import` does: its note above it the first
    time, a blank line between two tables, so that a notice whose tables come as files is
    the notice whose text held them."""
    from support.commands import in_process

    folder = fixture_copy(tmp_path)
    path = folder / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\ntables:")] + "\n", encoding="utf-8")
    shutil.rmtree(folder / "tables")
    source = rate_workbook(tmp_path / "税率表.xlsx")
    for after in ("1", "2"):
        result = in_process(
            ["table", str(source), "--data", str(folder), "--provision", "2", "--after", after],
            ROOT,
        )
        assert result.returncode == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "\n\n# The tables: where each stands (a division's whole content, " in text
    assert "alone on its line.\ntables:\n  - id: t1  # its rows: tables/t1.csv\n" in text
    assert "    header_rows: 2  # the column groups on the first line, the headers below\n" in text
    assert "\n\n  - id: t2  # its rows: tables/t2.csv\n    measure: 2\n    after: 2\n" in text


@pytest.mark.slow
def test_make_table_puts_a_workbook_in_a_provision_as_the_readme_says(tmp_path: Path) -> None:
    from support.project import copy_project, readme_block, shell

    project = copy_project(tmp_path / "project")
    shutil.copytree(FIXTURE, project / "notices" / "next")
    source = rate_workbook(tmp_path / "税率表.xlsx")
    (line,) = readme_block("Tables")
    result = shell(line, project, TABLE=str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "added table t3 (样例税率表, 2 rows) to provision 2" in result.stdout
    assert result.stdout.rstrip().endswith("after its paragraph 1")
    notice = load_notice(project / "notices" / "next" / "measures.yaml")
    t1, t3 = notice.measure(2).tables
    assert (t1.id, t3.id, t3.after, t3.caption) == ("t1", "t3", 1, "样例税率表")
    assert t3.column_groups == ("", "", "税率（%）", "税率（%）")
    assert t3.headers == ("序号", "商品名称", "最惠国", "暂定") and t3.numbered == 0
    assert t3.rows[1].cells == ("2", "样例商品乙", "8", "4")


# -- 5,000 rows --------------------------------------------------------------------------

ROWS = 5000


def big_table(folder: Path, groups: bool = False) -> None:
    """Table t2 of the fixture made 5,000 rows long, a group heading every 500; with
    `groups`, its header two rows (商品 over 商品名称 and 海关商品编号)."""
    lines = ["序号,税则号列,商品名称,海关商品编号"]
    if groups:
        lines.insert(0, ",,商品,商品")
        yaml = folder / "measures.yaml"
        text = yaml.read_text(encoding="utf-8")
        yaml.write_text(text.replace("numbered: 序号\n", "numbered: 序号\n    header_rows: 2\n"))
    for n in range(1, ROWS + 1):
        if n % 500 == 1:
            lines.append(f"第{n // 500 + 1}组商品")
        code = f"{84000000 + n * 7:08d}"
        # one heading names part of its goods, as a 税则号列 does: ex 84014000
        heading = f"ex {code}" if n == 2000 else code
        lines.append(f'{n},{heading},"样例商品{n}，含零件",{code}{n % 100:02d}')
    (folder / "tables" / "t2.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_table_of_5000_rows_loads_whole(tmp_path: Path) -> None:
    """Every row of a long table read, each at its address. How long it takes is printed
    (pytest -s), not asserted: a busy machine would fail a bound on time."""
    folder = fixture_copy(tmp_path)
    big_table(folder)
    start = time.perf_counter()
    notice = load_notice(folder / "measures.yaml")
    took = time.perf_counter() - start
    t2 = notice.table("t2")
    assert len(t2.body_rows) == ROWS and len(t2.rows) == ROWS + ROWS // 500
    assert t2.row("t2-r4999").cells[0] == "4999"
    print(f"5,000 rows loaded in {took * 1000:.0f} ms")


# -- written back ------------------------------------------------------------------------


def test_tables_written_are_the_tables_read(tmp_path: Path) -> None:
    from notice_site.folder import load, write

    notice = load_notice(FIXTURE / "measures.yaml")
    themes = tuple({"slug": t.slug, "label": t.label} for t in notice.themes)
    files = {"measures.yaml": write.measures_yaml(notice, "s.txt", themes, "x").encode()}
    files |= write.table_files(notice)
    assert sorted(files) == ["measures.yaml", "tables/t1.csv", "tables/t2.csv"]
    write.new_folder(tmp_path / "again", files)
    again = load_notice(tmp_path / "again" / "measures.yaml", draft=True)
    assert again.tables == notice.tables
    assert [t.parent.key if t.measure else t.parent.address for t in again.tables] == ["2", "d2"]
    assert again.measures[1].tables == notice.measures[1].tables
    # the file an editor opens: a row a line, codes as written, a group heading alone
    text = files["tables/t2.csv"].decode("utf-8")
    assert text.startswith("\ufeff序号,税则号列,商品名称,海关商品编号\n一、机电产品\n1,84213929,")
    assert '4,=1+1,"含逗号,的名称",0203000000\n' in text
    assert write.TABLES_DIR == load.TABLES_DIR
    assert "    measure: 2\n    after: 1\n" in files["measures.yaml"].decode()
    # a header of two rows: header_rows: 2, the column groups on the line above the headers
    assert (
        "    header_rows: 2  # the column groups on the first line"
        in files["measures.yaml"].decode()
    )
    assert (
        files["tables/t1.csv"]
        .decode()
        .startswith("\ufeff商品编号,商品编号,\n原编号,新编号,商品名称\n")
    )
    assert again.table("t1").column_groups == ("商品编号", "商品编号", "")
    # a notice without tables writes no tables: field and no file
    plain = load_notice(ROOT / "data" / "measures.yaml")
    assert "tables:" not in write.measures_yaml(plain, "s.txt", (), "x")
    assert write.table_files(plain) == {}


def test_the_rows_of_5000_written_read_back(tmp_path: Path) -> None:
    from notice_site.folder import write

    folder = fixture_copy(tmp_path)
    big_table(folder)
    notice = load_notice(folder / "measures.yaml")
    (folder / "tables" / "t2.csv").write_bytes(write.table_csv(notice.table("t2")))
    assert load_notice(folder / "measures.yaml").table("t2") == notice.table("t2")


# -- pages and open data (page sources, in process) --------------------------------------


def editions(folder: Path = FIXTURE):
    from notice_site.render.site import load_editions

    return load_editions(folder)


def sources(language: str, folder: Path = FIXTURE) -> dict[str, str]:
    from notice_site.render.pages import Pages

    e = editions(folder)[language]
    return Pages(e.notice, e.ui, language, "https://example.org/").all()


def test_the_attached_document_page_holds_a_real_table() -> None:
    import json

    page = sources("zh-Hans")["divisions/d2.md"]
    meta = json.loads(page.split("\n")[1])
    assert meta["tm"]["tables"] is True and meta["template"] == "division.html"
    body = page.split("---\n\n", 1)[1]
    assert "<caption>商品编号表</caption>" in body
    assert (
        '<tr><th scope="col">序号</th><th scope="col">税则号列</th><th scope="col">商品名称</th>'
        '<th scope="col">海关商品编号</th>'
    ) in body
    assert '<th scope="rowgroup" colspan="5">一、机电产品</th>' in body
    assert body.count("<tbody>") == 2  # a group and its rows: one row group each
    assert '<tr id="t2-r3" data-ref="附件2序号3"><td>3</td><td>01012100</td>' in body
    assert '<a class="tm-row__link" href="#t2-r3" aria-label="链接到附件2序号3">#</a>' in body
    assert '<p class="tm-table__note">注：“ex”表示该税则号列下的部分商品。</p>' in body
    assert 'role="region" tabindex="0" aria-label="表格：商品编号表（可左右滚动）"' in body
    # {rows} is filled in by tables.js ({total} would be the notice's number of measures)
    assert 'data-filter-status="显示 {shown} / {rows} 行"' in body
    # no blank line: Markdown keeps the block as it is
    assert "\n\n" not in body.strip()


def test_a_table_stands_in_its_provision_after_its_paragraph() -> None:
    pages = sources("zh-Hans")
    body = pages["measures/2.md"].split("---\n\n", 1)[1]
    c1, table, c2 = body.index('id="c1"'), body.index('id="t1"'), body.index('id="c2"')
    assert c1 < table < c2
    assert body.count("<ol ") == 2 and body.count("</ol>") == 2
    assert 'data-ref="（二）所附“调整前后的编号”第2行"' not in body  # the label is 第二条
    assert 'data-ref="第二条所附“调整前后的编号”第2行"' in body
    assert '"tables": true' in pages["measures/2.md"].split("\n")[1]
    # its header is two rows: the column group over the two columns it spans, the column
    # standing alone spanning both rows, as the row's tools do
    assert (
        '<thead>\n<tr><th scope="colgroup" colspan="2">商品编号</th>'
        '<th scope="col" rowspan="2">商品名称</th><th scope="col" class="tm-row__tools" '
        'rowspan="2"><span class="tm-visually-hidden">'
    ) in body
    assert (
        '</tr>\n<tr><th scope="col">原编号</th><th scope="col">新编号</th></tr>\n</thead>' in body
    )
    # a page without a table loads nothing of them
    assert '"tables"' not in pages["measures/1.md"].split("\n")[1]
    assert '"tables"' not in pages["divisions/d1.md"].split("\n")[1]


def test_cells_are_escaped(tmp_path: Path) -> None:
    folder = fixture_copy(tmp_path)
    with (folder / "tables" / "t2.csv").open("a", encoding="utf-8") as f:
        f.write('5,<b>粗</b>,"<script>alert(1)</script>",&amp;\n')
    body = sources("zh-Hans", folder)["divisions/d2.md"]
    assert "<script>alert" not in body and "<b>" not in body
    assert "<td>&lt;b&gt;粗&lt;/b&gt;</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in body
    assert "<td>&amp;amp;</td>" in body


def test_traditional_converts_text_and_keeps_codes() -> None:
    body = sources("zh-Hant")["divisions/d2.md"]
    assert "<caption>商品編號表</caption>" in body
    assert '<th scope="col">稅則號列</th>' in body
    assert "<td>2</td><td>ex 84213990</td><td>過濾器零件</td><td>8421399010</td>" in body
    assert 'data-ref="附件2序號2"' in body
    assert "一、機電產品" in body
    t1 = editions()["zh-Hant"].notice.table("t1")
    assert t1.rows[1].cells == ("0101.2100", "0101.2110", "改良種用馬")


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant"])
def test_open_data_holds_each_table(language: str) -> None:
    import csv
    import io
    import json

    import jsonschema

    files = sources(language)
    raw = files["tables/t2.csv"]
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw[1:], newline="")))
    headers = ["序号", "税则号列", "商品名称", "海关商品编号"]
    if language == "zh-Hant":
        headers = ["序號", "稅則號列", "商品名稱", "海關商品編號"]
    assert rows[0] == [*headers, "group", "url"]
    assert len(rows) == 1 + 4  # one line per row; group headings in the group column
    root = "https://example.org/" + ("zh-Hant/" if language == "zh-Hant" else "")
    assert rows[1][:2] == ["1", "84213929"] and rows[1][5] == f"{root}divisions/d2/#t2-r1"
    assert rows[4][1] == "'=1+1"  # a spreadsheet runs no formula
    assert rows[3][4].startswith("二、")
    assert files["tables/t1.csv"].count("\r\n") == 3
    # a column under a column group is named with it: one header line
    grouped = "商品编号" if language == "zh-Hans" else "商品編號"
    assert files["tables/t1.csv"].split("\r\n")[0].lstrip("\ufeff").split(",") == [
        f"{grouped}/原编号" if language == "zh-Hans" else f"{grouped}/原編號",
        f"{grouped}/新编号" if language == "zh-Hans" else f"{grouped}/新編號",
        "商品名称" if language == "zh-Hans" else "商品名稱",
        "group",
        "url",
    ]
    data = json.loads(files["measures.json"])
    schema = json.loads((ROOT / "docs" / "measures.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    t1, t2 = data["tables"]
    assert (t1["measure"], t1["after"], t2["division"]) == ("2", 1, "d2")
    assert t2["csv"] == f"{root}tables/t2.csv" and t2["numbered"] == headers[0]
    assert t1["column_groups"] == [grouped, grouped, ""] and "column_groups" not in t2
    assert t2["rows"][0] == {"group": "一、机电产品" if language == "zh-Hans" else "一、機電產品"}
    assert t2["rows"][2]["cells"][1] == "ex 84213990"
    assert t2["rows"][2]["url"] == f"{root}divisions/d2/#t2-r2"
    # a row in the wrong shape does not validate
    t2["rows"][1]["cells"] = 5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_pdfs_hold_the_tables() -> None:
    from notice_site.render.pdf import booklet_html, measure_html

    e = editions()["zh-Hans"]
    booklet = booklet_html(e, "https://example.org/")
    assert booklet.count('<table class="table">') == 2
    assert '<th scope="rowgroup" colspan="4">一、机电产品</th>' in booklet
    assert (
        '<thead>\n<tr><th scope="colgroup" colspan="2">商品编号</th>'
        '<th scope="col" rowspan="2">商品名称</th></tr>\n'
        '<tr><th scope="col">原编号</th><th scope="col">新编号</th></tr>\n</thead>'
    ) in booklet
    single = measure_html(e, "2", "https://example.org/")
    assert (
        single.index("下列商品的编号调整如下")
        < single.index("<caption")
        < single.index("申报时应使用调整后的编号")
    )
    # an attached document holding a table has its own PDF, offered on its page
    from notice_site.render.pdf import Job, all_jobs, division_html, stylesheet

    jobs = all_jobs(editions())
    assert Job("zh-Hant", division="d2") in jobs and Job("zh-Hans", division="d1") not in jobs
    assert Job("zh-Hans", division="d2").filename("x") == "division-d2.zh-Hans.pdf"
    attached = division_html(e, "d2", "https://example.org/")
    assert "附件2\u3000商品编号表</h1>" in attached and "<caption" in attached
    assert "https://example.org/divisions/d2/" in attached
    page = sources("zh-Hans")["divisions/d2.md"].split("\n")[1]
    assert '"pdf": "../../downloads/division-d2.zh-Hans.pdf"' in page
    assert '"pdf_label": "下载本附件（PDF）"' in page
    css = stylesheet("zh-Hans")
    assert "table.table thead { display: table-header-group; }" in css
    assert "table.table tr { break-inside: avoid; }" in css


# -- a built draft site, in Chromium -----------------------------------------------------


@pytest.fixture(scope="module")
def tables_site(tmp_path_factory) -> Path:
    """The fixture with table t2 made 5,000 rows long under a header of two rows, built as a
    draft by MkDocs in this process (both scripts, our hooks and templates, no PDFs)."""
    from support.commands import mkdocs_build_in_process
    from support.project import SITE_URL, copy_project

    base = tmp_path_factory.mktemp("tables")
    project = copy_project(base / "project")
    shutil.rmtree(project / "data")
    shutil.copytree(FIXTURE, project / "data")
    big_table(project / "data", groups=True)
    out = base / "site"
    start = time.perf_counter()
    mkdocs_build_in_process(project, out, SITE_URL=SITE_URL, NOTICE_DATA="data", NOTICE_DRAFT="1")
    print(f"built with a table of 5,000 rows in {time.perf_counter() - start:.1f} s")
    return out


@pytest.mark.slow
def test_the_built_pages_hold_the_tables(tables_site: Path) -> None:
    from support.pages import loads_from_other_hosts

    page = (tables_site / "divisions" / "d2" / "index.html").read_text(encoding="utf-8")
    assert page.count("<tr id=") == ROWS
    assert '<th scope="rowgroup" colspan="5">第1组商品</th>' in page
    assert '<tr id="t2-r4999" data-ref="附件2序号4999">' in page
    assert "assets/stylesheets/tables.css" in page and "assets/javascripts/tables.js" in page
    print(f"the page of 5,000 rows: {len(page.encode()) / 1e6:.2f} MB")
    measure = (tables_site / "measures" / "2" / "index.html").read_text(encoding="utf-8")
    assert measure.index('id="c1"') < measure.index('id="t1-r1"') < measure.index('id="c2"')
    home = (tables_site / "index.html").read_text(encoding="utf-8")
    assert "tables.css" not in home
    assert (tables_site / "tables" / "t2.csv").is_file()
    assert (tables_site / "zh-Hant" / "tables" / "t2.csv").is_file()
    hant = (tables_site / "zh-Hant" / "divisions" / "d2" / "index.html").read_text("utf-8")
    assert '<th scope="col" rowspan="2">稅則號列</th>' in hant
    assert '<th scope="colgroup" colspan="2">商品</th>' in hant
    assert loads_from_other_hosts(tables_site) == []


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    yield tab
    context.close()


def _sideways(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.slow
def test_on_a_phone_the_table_scrolls_in_its_own_box(tables_site: Path, phone) -> None:
    from support.browser import axe_violations, settled
    from support.serving import serving

    with serving(tables_site) as base:
        for path in ("divisions/d2/#t2-r4321", "measures/2/", "zh-Hant/divisions/d2/"):
            for size, contrast in ((None, None), ("xlarge", None), ("xlarge", "high")):
                phone.goto(f"{base}/{path}")
                phone.evaluate(
                    "([size, contrast]) => { const h = document.documentElement;"
                    " if (size) h.dataset.tmSize = size; else delete h.dataset.tmSize;"
                    " if (contrast) h.dataset.tmContrast = contrast;"
                    " else delete h.dataset.tmContrast; }",
                    [size, contrast],
                )
                settled(phone)
                assert _sideways(phone) <= 0, (path, size, contrast)
                box = phone.locator(".tm-table__scroll").first
                # the table is wider than the phone: its box scrolls, labelled and focusable
                assert box.evaluate("el => el.scrollWidth > el.clientWidth") or size is None
                assert box.get_attribute("tabindex") == "0"
                assert box.get_attribute("role") == "region" and box.get_attribute("aria-label")
        # a row's link opens the page at the row, marked; its tools copy its link
        phone.goto(f"{base}/divisions/d2/#t2-r4321")
        row = phone.locator("#t2-r4321")
        assert row.evaluate("el => el.matches(':target')")
        box = row.bounding_box()
        assert box is not None and 0 <= box["y"] < 800
        assert row.locator("button.tm-copy--link").count() == 1
        assert row.locator("button.tm-copy--citation").get_attribute("aria-label") == (
            "复制引用（附件2序号4321）"
        )
        # a row pointed at or focused gets its tools; the others have none (5,000 rows)
        assert phone.locator("button.tm-copy").count() == 2
        phone.locator("#t2-r4322 a.tm-row__link").focus()
        assert phone.locator("#t2-r4322 button.tm-copy").count() == 2
        # a long table has a filter box: the rows holding what is typed stay
        box = phone.get_by_label("在表中查找（编号、名称）")
        box.fill("样例商品4321")
        status = phone.locator(".tm-table__count")
        status.filter(has_text="显示 1 / 5000 行").wait_for()
        assert phone.locator("#t2-r4321").is_visible()
        assert not phone.locator("#t2-r4322").is_visible()
        assert phone.locator("tbody:not([hidden])").count() == 1  # its group only
        assert _sideways(phone) <= 0
        box.fill("")
        status.filter(has_text="").first.wait_for()
        phone.locator("#t2-r4322").wait_for(state="visible")
        assert phone.locator("tbody[hidden], tr[hidden]").count() == 0
        # the short table of a provision has none
        phone.goto(f"{base}/measures/2/")
        assert phone.locator(".tm-table__filter").count() == 0
        # the clauses after a table have their tools too
        phone.goto(f"{base}/measures/2/")
        assert phone.locator("#c2 button.tm-copy").count() == 2
        assert phone.locator("#c1 button.tm-copy").count() == 2
        settled(phone)
        assert axe_violations(phone) == []
        phone.goto(f"{base}/divisions/d2/")
        phone.evaluate("document.documentElement.dataset.tmContrast = 'high'")
        settled(phone)
        assert axe_violations(phone) == []
    # nothing refused by the Content-Security-Policy, no script error
    assert phone.errors == []


@pytest.mark.slow
def test_a_header_of_two_rows_in_chromium(tables_site: Path, phone) -> None:
    """The column group stands over the columns it spans, a column alone spans both header
    rows, on a phone and at 特大; the filter box and the rows below are as with one row."""
    from support.serving import serving

    measure = """() => Array.from(document.querySelectorAll('#t2 thead tr')).map(
        tr => Array.from(tr.cells).map(c => {
            const r = c.getBoundingClientRect();
            return [c.textContent.trim(), c.scope, c.colSpan, c.rowSpan,
                    Math.round(r.left), Math.round(r.right), Math.round(r.top),
                    Math.round(r.bottom)];
        }))"""
    with serving(tables_site) as base:
        for size in (None, "xlarge"):
            phone.goto(f"{base}/divisions/d2/")
            if size:
                phone.evaluate(f"document.documentElement.dataset.tmSize = '{size}'")
            first, second = phone.evaluate(measure)
            assert [c[:4] for c in first] == [
                ["序号", "col", 1, 2],
                ["税则号列", "col", 1, 2],
                ["商品", "colgroup", 2, 1],
                ["链接", "col", 1, 2],  # the row's tools (its name hidden)
            ]
            assert [c[:4] for c in second] == [
                ["商品名称", "col", 1, 1],
                ["海关商品编号", "col", 1, 1],
            ]
            group, (name, code) = first[2], second
            # the group spans exactly its two columns, and stands above them
            assert (group[4], group[5]) == (name[4], code[5]) and group[7] <= name[6] + 1
            # a column alone spans both rows: from the group's top to its headers' bottom
            assert (first[0][6], first[0][7]) == (group[6], name[7])
            # the first row's cells line up with the rows' cells below
            cell = phone.evaluate(
                "() => { const r = document.querySelector('#t2-r1 td:nth-child(3)')"
                ".getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right)]; }"
            )
            assert cell == [name[4], name[5]]
            assert _sideways(phone) <= 0
        box = phone.get_by_label("在表中查找（编号、名称）")
        box.fill("样例商品4321")
        phone.locator(".tm-table__count").filter(has_text="显示 1 / 5000 行").wait_for()
        assert phone.locator("#t2 thead").is_visible()
        assert phone.locator("#t2-r4321").is_visible()
    assert phone.errors == []


@pytest.mark.slow
def test_copy_citation_names_the_row(tables_site: Path, browser) -> None:
    from support.project import SITE_URL
    from support.serving import serving

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    tab = context.new_page()
    with serving(tables_site) as base:
        tab.goto(f"{base}/divisions/d2/")
        row = tab.locator("#t2-r2")
        row.hover()
        row.locator("button.tm-copy--citation").click()
        assert tab.evaluate("navigator.clipboard.readText()") == (
            "样例海关关于调整部分商品编号的公告（测试样例）（样例公告2099年第1号）附件2序号2："
            f"2 {84000014:08d} 样例商品2，含零件 {84000014:08d}02 {SITE_URL}divisions/d2/#t2-r2"
        )
        row.locator("button.tm-copy--link").click()
        assert tab.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}divisions/d2/#t2-r2"
    context.close()


@pytest.mark.slow
def test_search_finds_a_row_by_any_of_its_cells(tables_site: Path, browser) -> None:
    from support.browser import run_query
    from support.serving import serving

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    with serving(tables_site) as base:
        for prefix in ("", "zh-Hant/"):
            tab.goto(f"{base}/{prefix}measures/1/")
            queries = {
                "8421392910": f"{prefix}measures/2/#t1-r1",  # the full code
                "8421": f"{prefix}measures/2/#t1-r1",  # its first digits
                "842139": f"{prefix}measures/2/#t1-r1",
                "ex 84014000": f"{prefix}divisions/d2/#t2-r2000",  # a 税则号列 with its prefix
                "0101.21": f"{prefix}measures/2/#t1-r2",
                "8400070": f"{prefix}divisions/d2/#t2-r101",  # in the table of 5,000 rows
                "过滤机器": f"{prefix}measures/2/#t1-r1",  # words of the goods' name
                "過濾機器": f"{prefix}measures/2/#t1-r1",  # in either script
                "样例商品4321": f"{prefix}divisions/d2/#t2-r4321",
            }
            for query, expected in queries.items():
                results = run_query(tab, query)
                # Material adds ?h=<query> to highlight the words: the address is the rest
                links = [
                    re.sub(r"\?h=[^#]*", "", link)
                    for r in results
                    for link in (r["page"], *r["links"])
                ]
                assert f"{base}/{expected}" in links, (prefix, query, links[:5])
        # the result opens the page at the row
        tab.goto(f"{base}/divisions/d2/#t2-r101")
        assert tab.locator("#t2-r101").evaluate("el => el.matches(':target')")
    context.close()


def test_each_row_is_a_search_document() -> None:
    from notice_site.render.search import documents

    e = editions()["zh-Hans"]
    docs = {d.location: d for d in documents(e.notice, e.ui)}
    row = docs["divisions/d2/#t2-r2"]
    assert (row.title, row.text) == (
        "附件2序号2（商品编号表）",
        "2 ex 84213990 过滤器零件 8421399010",
    )
    assert docs["measures/2/#t1-r1"].title == "第二条所附“调整前后的编号”第1行"
    locations = list(docs)
    assert locations.index("measures/2/#c2") < locations.index("measures/2/#t1-r1")
    assert not any(d.text == "一、机电产品" for d in docs.values())


def test_a_notice_without_tables_keeps_its_search_fold_table() -> None:
    """The strings only tables show add characters (滾) to the fold table: a notice without
    tables leaves them out, so its search index is byte for byte what it was."""
    from notice_site.render.search import fold_table
    from notice_site.render.site import load_converter
    from notice_site.render.ui import TABLE_STRINGS

    first = editions(ROOT / "data")
    hans, hant = first["zh-Hans"], first["zh-Hant"]
    convert = load_converter(ROOT / "data")
    ui_t = {k: convert(v) for k, v in hans.ui.items()}
    without = {k: v for k, v in hans.ui.items() if k not in TABLE_STRINGS}
    ui_t_without = {k: v for k, v in ui_t.items() if k not in TABLE_STRINGS}
    assert fold_table(hans.notice, hant.notice, hans.ui, ui_t) == fold_table(
        hans.notice, hant.notice, without, ui_t_without
    )
    tables = editions()
    fold = fold_table(
        tables["zh-Hans"].notice,
        tables["zh-Hant"].notice,
        tables["zh-Hans"].ui,
        {k: convert(v) for k, v in tables["zh-Hans"].ui.items()},
    )
    assert fold["滾"] == "滚" and fold["編"] == "编"


@pytest.mark.slow
@pytest.mark.parametrize("header_rows", [1, 2])
def test_a_long_table_repeats_its_header_on_every_pdf_page(
    tmp_path: Path, header_rows: int
) -> None:
    """A4 portrait; every page the table runs over starts with its header (both rows of a
    header of two); every row is whole on one page (its cells on one line of the extracted
    text)."""
    import io

    import pypdf

    from notice_site.render.pdf import division_html, render_pdf

    folder = fixture_copy(tmp_path)
    lines = ["序号,税则号列,商品名称,海关商品编号"]
    if header_rows == 2:
        lines.insert(0, ",,样例分组,样例分组")
        yaml = folder / "measures.yaml"
        text = yaml.read_text(encoding="utf-8")
        yaml.write_text(text.replace("numbered: 序号\n", "numbered: 序号\n    header_rows: 2\n"))
    lines += [
        f"{n},{84000000 + n:08d},样例商品{n}，含零件,{84000000 + n:08d}10" for n in range(1, 301)
    ]
    (folder / "tables" / "t2.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    e = editions(folder)["zh-Hans"]
    reader = pypdf.PdfReader(
        io.BytesIO(render_pdf(division_html(e, "d2", "https://x.org/"), "zh-Hans"))
    )
    pages = [p.extract_text() for p in reader.pages]
    running = [text for text in pages if "样例商品" in text]
    assert len(running) > 3
    for page in reader.pages:
        assert [round(float(x)) for x in page.mediabox[2:]] == [595, 842]  # A4 portrait
    header = (
        "序号 税则号列 商品名称 海关商品编号"
        if header_rows == 1
        else "序号 税则号列 样例分组\n商品名称 海关商品编号"
    )
    for text in running:
        assert header in text, text[:200]
    found = re.findall(r"(\d+) (\d{8}) 样例商品(\d+)，含零件 (\d{10})", "\n".join(running))
    assert [int(row[0]) for row in found] == list(range(1, 301))
