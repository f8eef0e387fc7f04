"""An announcement published with its table and its interpretation, by the README's own
commands ("Publish an announcement with its tables"), in a copy of the project: the text
(its attachment given by its title alone), a workbook holding the attachment's table (made
here, as an editor receives it: a title in a merged first row, a merged group row, a code
typed as a number) and the interpretation. The built draft is read back."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from support.project import ROOT, copy_project, readme_block, shell

FIXTURES = ROOT / "tests" / "fixtures"


def workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["示例商品编号表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "税则号列", "商品名称", "海关商品编号"])
    sheet.append(["一、机电产品"])
    sheet.merge_cells("A3:D3")
    sheet.append([1, "ex 84213929", "示例过滤器", "8421392910"])
    sheet.append([2, "84213991", "示例净化器", 101210010])
    sheet["D5"].number_format = "0000000000"
    book.save(str(path))
    return path


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("announcement")
    project = copy_project(base / "project")
    env = {
        "ANNOUNCEMENT": str(FIXTURES / "announcement-workbook.txt"),
        "WORKBOOK": str(workbook(base / "附件.xlsx")),
        "INTERPRETATION": str(FIXTURES / "interpretation-of-announcement.txt"),
    }
    printed = {}
    for line in readme_block("Publish an announcement with its tables"):
        result = shell(line, project, **env)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
        printed[line.split()[1]] = result.stdout
    return {"site": project / "site", "printed": printed}


@pytest.mark.slow
def test_the_table_is_the_attachments_and_the_interpretation_is_linked(published) -> None:
    printed, site = published["printed"], published["site"]
    assert "added table t2 (示例商品编号表, 2 rows) to 附件" in printed["table"]
    assert "names the provisions: 一、" in printed["interpretation"]
    page = (site / "divisions" / "d2" / "index.html").read_text(encoding="utf-8")
    assert 'id="t2-r2"' in page and "0101210010" in page  # the zero kept
    assert "一、机电产品" in page
    data = json.loads((site / "measures.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["tables"]] == ["t1", "t2"]  # the text's own, the workbook's
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    rows = [d for d in index["docs"] if d["location"].startswith("divisions/d2/#t2-r")]
    assert any("8421392910" in d["text"] for d in rows)
    interpretation = (site / "interpretation" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../measures/1/">第一条</a>' in interpretation
