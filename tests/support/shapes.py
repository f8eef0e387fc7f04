"""Official texts of every common shape, fictional samples written for these tests (样例, no
real issuer, number or date): A untitled numbered paragraphs, B divisions holding items,
C an announcement, D articles in chapters, E several attached documents; each written as
the text itself, a saved web page or a Word file, and built as a draft."""

from __future__ import annotations

import html
import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from support.project import copy_project, readme_block, shell

A = """样例市人民政府办公室印发《关于促进样例产业发展的若干措施》的通知

样政办发〔2099〕1号

各区人民政府，市政府各部门：

　　《关于促进样例产业发展的若干措施》已经市政府同意，现印发给你们，请认真贯彻执行。

样例市人民政府办公室

2099年3月1日

（此件公开发布）

关于促进样例产业发展的若干措施

　　为促进样例产业发展（本文为测试样例，内容虚构），现提出如下措施。

　　一、对符合条件的样例项目，应专项论证社会资本参与的可行性，并在可行性研究报告中专项说明。鼓励支持社会资本参与。

　　二、行业主管部门结合实际细化社会资本参与项目建设的具体要求。对规模较小的新建项目，鼓励社会资本参与建设运营。

　　三、清理不合理的准入限制，严禁违规设置障碍。

　　各区、各部门要加强对样例产业的服务和指导，确保各项措施落地见效。
"""

B = """样例省人民政府关于支持样例试验区深化改革创新若干措施的通知

样政发〔2099〕2号

各市人民政府，省政府各部门：

为支持样例试验区深化改革创新（测试样例，内容虚构），现将有关事项通知如下：

一、营造优良投资环境

（一）放宽样例企业外籍技术人员的比例要求。（负责部门：省人力资源社会保障厅、省商务厅；适用范围：所有试验区）

（二）将样例审批权限下放至试验区。（省住房城乡建设厅负责）

二、提升贸易便利化水平

（三）加大稳岗支持力度。对不裁员或少裁员的样例企业，返还失业保险费。（负责部门：省人力资源社会保障厅）

（四）优化通关流程：

1.企业可在货物启运后提前申报；

2.企业可先概要申报、后完整申报。

三、切实做好组织实施

坚持统筹推进。各地各部门要密切协作。

狠抓工作落实。各地要抓好措施落实工作。

样例省人民政府

2099年4月1日
"""

C = """样例海关关于样例商品进口有关事项的公告

样例海关公告2099年第3号

为规范样例商品进口（本公告为测试样例，内容虚构），现公告如下：

一、进口样例商品的企业应当符合下列条件：

（一）在海关备案登记；

（二）具有相应的仓储条件。

二、本公告自2099年5月1日起施行。

特此公告。

样例海关

2099年4月20日
"""

D = """样例市人民政府关于印发样例补贴暂行办法的通知

样政发〔2099〕4号

各区人民政府：

现将《样例补贴暂行办法》印发给你们，请认真贯彻执行。

样例市人民政府

2099年6月1日

（此件公开发布）

样例补贴暂行办法

第一章　总　　则

第一条　为规范样例补贴（本办法为测试样例，内容虚构），制定本办法。

第二条　本办法适用于本市行政区域。

第二章　补贴标准

第三条　符合条件的，按照以下标准发放补贴：

（一）一般企业每月1000元；

（二）小微企业每月1500元。

补贴按年度核定。

第四条　本办法自2099年7月1日起施行。
"""

E = """样例县人民政府办公室关于印发《样例集约化试点工作方案》等两个方案的通知

样县政办函〔2099〕5号

各乡镇人民政府，县政府各部门：

现将有关方案印发给你们，请认真组织实施。

附件：1.样例集约化试点工作方案

2.样例考核评估方案

样例县人民政府办公室

2099年8月1日

附件1

样例集约化试点工作方案

为推进集约化建设（测试样例，内容虚构），制定本方案。

一、总体要求

（一）指导思想。

以样例集约化为目标，推进平台建设。

（二）工作目标。

2099年底前建成样例平台。

二、保障措施

加强组织领导，落实工作责任。

附件2

样例考核评估方案

一、考核内容。考核各单位平台建设情况。

二、考核方式。采取自评和抽查相结合的方式。
"""

SHAPES = {"A": A, "B": B, "C": C, "D": D, "E": E}


HEADING = re.compile(r"([一二三四五六七八九十]+)、(.+)")


def saved_page(paragraphs: list[tuple[str, bool]]) -> str:
    """The notice as a government site's article page, saved from the browser."""
    body = []
    for text, bold in paragraphs:
        shown = html.escape(text)
        if bold:
            shown = f'<span style="font-weight: bold; font-size: 18pt;">{shown}</span>'
        body.append(
            '<p align="" style="margin-top: 0px; text-indent: 2em; font-family: 宋体;">'
            f"{shown}</p> \n"
            '<p style="text-indent: 2em;"><br> </p>'
        )
        if text == "特此通知。":
            # the signature, right-aligned with &nbsp; runs as such pages do
            body.append(
                '<p style="text-align: right;">示例市海关 &nbsp; &nbsp; &nbsp;&nbsp;</p> '
                '<p style="text-align: right;">2099年1月2日&nbsp;&nbsp;&nbsp;&nbsp;</p>'
            )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例</title>'
        "<style>p { margin: 0 }</style><script>var x = '<p>不是正文</p>';</script></head>"
        '<body><div class="nav"><a href="/">首页</a></div><table><tbody> <tr> '
        f'<td class="b12c" id="UCAP-CONTENT">{"".join(body)}</td> </tr></tbody></table>'
        "</body></html>"
    )


# Word's automatic numbering for the measures: 一、 二、 … (chineseCounting, "%1、").
NUMBERING = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
"""


def word_file(paragraphs: list[tuple[str, bool]], path: Path) -> Path:
    """The notice as a Word file: headings numbered by Word, the attachment's title in the
    Title style, other bold paragraphs in bold runs."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    num_id = 89
    for text, bold in paragraphs:
        heading = HEADING.fullmatch(text)
        if heading:
            if heading.group(1) == "一":  # a list of its own, which Word numbers from 一 again
                num_id += 1
                numbering.append(
                    parse_xml(
                        f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                        '<w:abstractNumId w:val="90"/></w:num>'
                    )
                )
            paragraph = document.add_paragraph()
            properties = paragraph._p.get_or_add_pPr()
            properties.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
            paragraph.add_run(heading.group(2))
        elif bold and "七条措施" in text:
            document.add_paragraph(text, style="Title")
        else:
            paragraph = document.add_paragraph("　　" if not bold else "")  # an indent typed
            paragraph.add_run(text).bold = bold or None
    document.add_paragraph("")  # an empty paragraph at the end
    document.save(str(path))
    return path


def sources_of_text(text: str) -> list[str]:
    from notice_site.reading.sources import paragraphs_of_text

    return paragraphs_of_text(text)


def as_source(text: str, path: Path) -> Path:
    """The official text `text` written at `path` in the form its extension names: the text
    (.txt), a saved web page (.html) or a Word file (.docx); headings (short paragraphs
    with no sentence in them) set in bold, as the issuers' pages set them."""
    if path.suffix == ".txt":
        path.write_text(text, encoding="utf-8")
        return path
    paragraphs = [(p, len(p) <= 20 and "。" not in p) for p in sources_of_text(text)]
    if path.suffix == ".html":
        path.write_text(saved_page(paragraphs), encoding="utf-8")
        return path
    return word_file(paragraphs, path)


def draft_of(text: str, base: Path, form: str = "txt") -> Path:
    """The official text `text`, imported and built as a draft by the README's lines in a
    copy of the project under `base`: the site it built. `form` is what the editor was
    given: the text itself (txt), a saved web page (html) or a Word file (docx), written
    as_source writes them."""
    project = copy_project(base / "project")
    source = as_source(text, base / f"notice.{form}")
    imported = shell(readme_block("Publish a new notice")[0], project, OFFICIAL_TEXT=str(source))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    built = shell(readme_block("Drafts")[1], project)
    assert built.returncode == 0, built.stdout + built.stderr
    return project / "site"


# The data rows of the made-up 税率表 (rate_workbook): 序号, 商品名称, 最惠国, 暂定.
RATE_ROWS = ((1, "样例商品甲", 10, 5), (2, "样例商品乙", 8, 4))


def rate_workbook(rows=RATE_ROWS) -> bytes:
    """A workbook as an editor receives it: a title row, a header of two rows (税率（%）
    over 最惠国 and 暂定, 序号 and 商品名称 merged down), then `rows`."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["样例税率表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "商品名称", "税率（%）"])
    sheet.append([None, None, "最惠国", "暂定"])
    for column in "AB":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("C2:D2")
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
