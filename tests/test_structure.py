"""The document's own tree, read from official texts of every common shape.

The texts (tests/support/shapes.py) are fictional samples written for these tests (样例, no real issuer,
number or date), in the shapes real notices take: A untitled numbered paragraphs,
B divisions holding items, C an announcement, D articles in chapters, E several
attached documents. Each is read, its tree checked, and every paragraph found again
in the tree, in order: nothing dropped, nothing changed.
"""

from __future__ import annotations

import pytest
import yaml
from support.shapes import SHAPES, A, B, C, D, E

from notice_site.reading.report import describe, oddities
from notice_site.reading.sources import paragraphs_of_text, text_paragraphs
from notice_site.reading.structure import read_structure


@pytest.mark.parametrize("shape", SHAPES)
def test_every_paragraph_is_read_once_in_order(shape: str) -> None:
    paragraphs = paragraphs_of_text(SHAPES[shape])
    assert read_structure(paragraphs).source_paragraphs() == paragraphs


def test_a_untitled_numbered_paragraphs_in_an_attached_document() -> None:
    reading = read_structure(paragraphs_of_text(A))
    assert reading.title == "样例市人民政府办公室印发《关于促进样例产业发展的若干措施》的通知"
    assert reading.number == "样政办发〔2099〕1号"
    assert reading.recipients == "各区人民政府，市政府各部门："
    notice, measures = reading.parts
    assert notice.signature == ["样例市人民政府办公室", "2099年3月1日", "（此件公开发布）"]
    assert measures.title == "关于促进样例产业发展的若干措施" and not measures.label
    assert measures.intro == ["为促进样例产业发展（本文为测试样例，内容虚构），现提出如下措施。"]
    provisions = measures.provisions()
    assert [(u.label, u.title) for u in provisions] == [("一、", ""), ("二、", ""), ("三、", "")]
    assert provisions[1].paragraphs == [
        "行业主管部门结合实际细化社会资本参与项目建设的具体要求。对规模较小的新建项目，鼓励社会资本参与建设运营。"
    ]
    assert measures.closing == ["各区、各部门要加强对样例产业的服务和指导，确保各项措施落地见效。"]
    assert provisions[0].heading == "一、对符合条件的样例项目，应专项论证社会资本…"


def test_b_divisions_items_run_in_titles_departments_and_a_list() -> None:
    reading = read_structure(paragraphs_of_text(B))
    [notice] = reading.parts
    assert notice.intro[0].endswith("现将有关事项通知如下：")
    divisions = [u for u in notice.walk() if u.is_division]
    assert [u.heading for u in divisions] == ["一、营造优良投资环境", "二、提升贸易便利化水平"]
    provisions = notice.provisions()
    assert [u.label for u in provisions] == ["（一）", "（二）", "（三）", "（四）", "三、"]
    first, second, third, fourth, last = provisions
    assert first.departments == "省人力资源社会保障厅、省商务厅"
    assert second.departments == "省住房城乡建设厅"
    assert (third.title, third.title_form) == ("加大稳岗支持力度", "run-in")
    assert third.paragraphs == [
        "加大稳岗支持力度。对不裁员或少裁员的样例企业，返还失业保险费。（负责部门：省人力资源社会保障厅）"
    ]
    # a lead-in ending in ： and its items 1. 2. (ASCII full stop): one provision, its list
    assert fourth.lists and [c.label for c in fourth.children] == ["1.", "2."]
    # a division of unnumbered paragraphs with run-in titles: one provision of two paragraphs
    assert (last.title, last.title_form) == ("切实做好组织实施", "line")
    assert last.paragraphs == [
        "坚持统筹推进。各地各部门要密切协作。",
        "狠抓工作落实。各地要抓好措施落实工作。",
    ]
    assert notice.signature == ["样例省人民政府", "2099年4月1日"]


def test_c_an_announcement() -> None:
    reading = read_structure(paragraphs_of_text(C))
    assert reading.title == "样例海关关于样例商品进口有关事项的公告"
    assert reading.number == "样例海关公告2099年第3号"
    assert reading.recipients == ""
    [notice] = reading.parts
    assert notice.intro[0].endswith("现公告如下：")
    provisions = notice.provisions()
    assert [u.label for u in provisions] == ["一、", "二、"]
    assert provisions[0].lists and [c.label for c in provisions[0].children] == ["（一）", "（二）"]
    assert notice.closing == ["特此公告。"]
    assert notice.signature == ["样例海关", "2099年4月20日"]


def test_d_articles_in_chapters() -> None:
    reading = read_structure(paragraphs_of_text(D))
    notice, measures = reading.parts
    assert notice.signature == ["样例市人民政府", "2099年6月1日", "（此件公开发布）"]
    assert measures.title == "样例补贴暂行办法"
    chapters = measures.units
    assert [(u.prefix, u.title) for u in chapters] == [
        ("第一章　", "总　　则"),
        ("第二章　", "补贴标准"),
    ]
    articles = measures.provisions()
    assert [u.label for u in articles] == ["第一条", "第二条", "第三条", "第四条"]
    third = articles[2]
    # an article over several paragraphs, its items between them
    assert third.paragraphs == ["符合条件的，按照以下标准发放补贴：", "补贴按年度核定。"]
    assert [c.label for c in third.children] == ["（一）", "（二）"] and third.lists
    assert third.source_paragraphs() == [
        "第三条　符合条件的，按照以下标准发放补贴：",
        "（一）一般企业每月1000元；",
        "（二）小微企业每月1500元。",
        "补贴按年度核定。",
    ]


def test_e_several_attached_documents() -> None:
    reading = read_structure(paragraphs_of_text(E))
    notice, first, second = reading.parts
    # the notice's list of its attachments, no paragraph of its closing
    assert notice.attachments == ["附件：1.样例集约化试点工作方案", "2.样例考核评估方案"]
    assert notice.closing == []
    assert notice.signature == ["样例县人民政府办公室", "2099年8月1日"]
    assert (first.label, first.title) == ("附件1", "样例集约化试点工作方案")
    assert (second.label, second.title) == ("附件2", "样例考核评估方案")
    # a sub-item whose title stands alone (（一）指导思想。), its text in the next paragraph
    guiding = first.provisions()[0]
    assert (guiding.label, guiding.title, guiding.title_form) == ("（一）", "指导思想", "run-in")
    assert guiding.paragraphs == ["以样例集约化为目标，推进平台建设。"]
    assert [u.heading for u in first.provisions()] == [
        "（一）指导思想",
        "（二）工作目标",
        "二、保障措施",
    ]
    # numbering restarts in the second document
    assert [u.label for u in second.provisions()] == ["一、", "二、"]
    assert [u.title for u in second.provisions()] == ["考核内容", "考核方式"]


def test_describe_says_what_was_read() -> None:
    assert describe(read_structure(paragraphs_of_text(B))) == [
        "title: 样例省人民政府关于支持样例试验区深化改革创新若干措施的通知",
        "文号: 样政发〔2099〕2号",
        "recipients: 各市人民政府，省政府各部门：",
        "document 1: 样例省人民政府关于支持样例试验区深化改革创新若干措施的通知",
        "  intro: 1 paragraph(s): 为支持样例试验区深化改革创新（测试样例，内容虚构…",
        "  division 一、营造优良投资环境",
        "    provisions （一）–（二） (2, untitled, 2 naming departments) at measures/1-1/–measures/1-2/",
        "  division 二、提升贸易便利化水平",
        "    provisions （三）–（四） (2, 1 titled, 1 untitled, 1 naming departments) at "
        "measures/2-3/–measures/2-4/",
        "      with 2 list item(s) on their pages",
        "  provisions 三、 (1, titled (line)) at measures/3/",
        "  signature: 样例省人民政府 / 2099年4月1日",
    ]


def test_the_shapes_look_right() -> None:
    for text in SHAPES.values():
        assert oddities(read_structure(paragraphs_of_text(text))) == []


def test_what_looks_odd_is_named() -> None:
    odd = B.replace("（三）加大稳岗支持力度。", "（五）加大稳岗支持力度。")  # a gap
    odd = odd.replace("二、提升贸易便利化水平\n", "二、提升贸易便利化水平\n\n三、样例空标题\n")
    odd = odd.replace("三、切实做好组织实施", "四、切实做好组织实施")
    odd = odd.replace(
        "（二）将样例审批权限下放至试验区。（省住房城乡建设厅负责）", "（二）下放审批权限。"
    )
    lines = describe(read_structure(paragraphs_of_text(odd)))
    start = lines.index("looks odd (check it in the source):")
    assert lines[start + 1 :] == [
        # one sentence and nothing below it: the provision's text, named as odd
        "  document 1: （二）下放审批权限。 is one short sentence: a heading read as text?",
        "  document 1: 二、提升贸易便利化水平 has a title and no text",
        "  document 1, in 三、: （五） comes first: a number skipped or repeated?",
        "  document 1, in 三、: （四） follows （五）: a number skipped or repeated?",
    ]


def shown_addresses(text: str) -> list[tuple[str, str]]:
    reading = read_structure(paragraphs_of_text(text))
    return [(u.label, u.address) for part in reading.parts for u in part.provisions()]


def test_addresses_come_from_the_source_numbering() -> None:
    # unique numbers: the number alone (the first notice's /measures/1/…/measures/20/)
    assert shown_addresses(A) == [("一、", "1"), ("二、", "2"), ("三、", "3")]
    assert shown_addresses(D) == [
        ("第一条", "1"),
        ("第二条", "2"),
        ("第三条", "3"),
        ("第四条", "4"),
    ]
    # items numbered straight through, beside a provision of the level above: the path
    assert shown_addresses(B) == [
        ("（一）", "1-1"),
        ("（二）", "1-2"),
        ("（三）", "2-3"),
        ("（四）", "2-4"),
        ("三、", "3"),
    ]
    # several documents holding provisions: the document's number first
    assert shown_addresses(E) == [
        ("（一）", "d1-1-1"),
        ("（二）", "d1-1-2"),
        ("二、", "d1-2"),
        ("一、", "d2-1"),
        ("二、", "d2-2"),
    ]
    # the same text read again: the same addresses
    assert shown_addresses(E) == shown_addresses(E)


def test_the_first_notice_keeps_its_addresses() -> None:
    from support.notices import NUMBERS
    from support.project import ROOT

    text = (ROOT / "data" / "source" / "haikou-customs-2026-19.txt").read_text(encoding="utf-8")
    assert [a for _, a in shown_addresses(text)] == [str(n) for n in NUMBERS]


def test_make_import_writes_divisions_holding_items(tmp_path) -> None:
    """Divisions holding items: every item a measure of its own (its label, its address,
    its division, its departments), each division with its heading; the tree printed."""
    from support.commands import in_process

    source = tmp_path / "b.txt"
    source.write_text(B, encoding="utf-8")
    result = in_process(["import", str(source), "--data", "next", "--slug", "next"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "  division 一、营造优良投资环境\n" in result.stdout
    assert result.stderr == ""
    data = yaml.safe_load((tmp_path / "next" / "measures.yaml").read_text(encoding="utf-8"))
    reading = read_structure(paragraphs_of_text(B))
    provisions = [u for part in reading.parts for u in part.provisions()]
    assert [m.get("label", "") for m in data["measures"]] == [
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "三、",
    ]
    assert [m.get("address", str(m["number"])) for m in data["measures"]] == [
        u.address for u in provisions
    ]
    assert [(d["label"], d["title"]) for d in data["divisions"]] == [
        ("一、", "营造优良投资环境"),
        ("二、", "提升贸易便利化水平"),
    ]
    assert [m.get("division") for m in data["measures"]] == ["1", "1", "2", "2", None]
    assert data["measures"][0]["departments"] == ["省人力资源社会保障厅", "省商务厅"]
    assert data["measures"][1]["departments"] == ["省住房城乡建设厅"]
    # the list items stay on their provision's page, as paragraphs of their own
    assert data["measures"][3]["clauses"] == [
        "优化通关流程：",
        "1.企业可在货物启运后提前申报；",
        "2.企业可先概要申报、后完整申报。",
    ]
    assert data["measures"][3]["breaks"] == [2, 3]


def test_untitled_numbered_paragraphs_import_whole(tmp_path) -> None:
    """Shape A (untitled numbered paragraphs, no heading line) is taken from its tree:
    every paragraph of the text lands in measures.yaml, and the
    notice loads (as a draft until the editor has written the themes)."""
    import dataclasses

    from support.project import ROOT

    from notice_site.folder.load import load_notice
    from notice_site.reading.importer import import_notice

    source = tmp_path / "a.txt"
    source.write_text(A, encoding="utf-8")
    imported = import_notice(source, tmp_path / "next", "next", ROOT / "data" / "measures.yaml")
    assert imported.document.issuer == "样例市人民政府办公室"
    assert imported.document.recipients == "各区人民政府，市政府各部门："
    assert imported.document.signature == (
        "样例市人民政府办公室",
        "2099年3月1日",
        "（此件公开发布）",
    )
    assert imported.document.attachment == "关于促进样例产业发展的若干措施"
    assert imported.document.attachment_intro == (
        "为促进样例产业发展（本文为测试样例，内容虚构），现提出如下措施。",
    )
    assert imported.document.attachment_closing[0].startswith("各区、各部门要加强")
    assert [(m.number, m.title) for m in imported.measures] == [(1, ""), (2, ""), (3, "")]
    notice = load_notice(tmp_path / "next" / "measures.yaml", draft=True)
    document = notice.document
    # every paragraph of the text is in the data, in the source's order
    paragraphs = paragraphs_of_text(A)
    held = [
        document.title,
        document.number,
        document.recipients,
        *document.preamble,
        *document.signature,
        document.attachment,
        *document.attachment_intro,
        *(f"{chinese}、{m.text}" for chinese, m in zip("一二三", notice.measures, strict=True)),
        *document.attachment_closing,
    ]
    assert held == paragraphs
    # an untitled measure is named by its opening words, its text whole
    first = notice.measure(1)
    assert (
        first.title == "" and first.heading == "对符合条件的样例项目，应专项论证社会资本参与的可…"
    )
    assert dataclasses.replace(first, title="名").heading == "名"


def test_a_provision_of_several_paragraphs_and_its_list_items(tmp_path) -> None:
    """A provision keeps its paragraphs (breaks), a lead-in ending in ： keeps its list
    items （一）（二） as paragraphs of its own, and a paragraph may end in ； or ："""
    from support.project import ROOT

    from notice_site.errors import DataErrors
    from notice_site.folder.load import load_notice
    from notice_site.reading.importer import import_notice

    text = A.replace(
        "　　三、清理不合理的准入限制，严禁违规设置障碍。\n",
        "　　三、清理不合理的准入限制，严禁违规设置障碍。\n\n"
        "　　对已清理的限制，定期公布。\n\n"
        "　　四、符合下列条件的项目优先支持：\n\n"
        "　　（一）已完成备案；\n\n"
        "　　（二）资金已落实。\n",
    )
    source = tmp_path / "a.txt"
    source.write_text(text, encoding="utf-8")
    import_notice(source, tmp_path / "next", "next", ROOT / "data" / "measures.yaml")
    notice = load_notice(tmp_path / "next" / "measures.yaml", draft=True)
    third, fourth = notice.measure(3), notice.measure(4)
    assert [p.text for p in third.paragraphs] == [
        "清理不合理的准入限制，严禁违规设置障碍。",
        "对已清理的限制，定期公布。",
    ]
    assert fourth.breaks == (2, 3)
    # read back, the lead-in's list is the provision's list items
    assert [(p.text, p.is_item) for p in fourth.paragraphs] == [
        ("符合下列条件的项目优先支持：", False),
        ("（一）已完成备案；", True),
        ("（二）资金已落实。", True),
    ]
    # published, only the editor's to-dos remain: no clause is taken for a broken sentence
    with pytest.raises(DataErrors) as todo:
        load_notice(tmp_path / "next" / "measures.yaml")
    problems = [p.problem for p in todo.value.problems]
    assert problems and not [p for p in problems if "a sentence" in p or "one sentence;" in p]


# --- what the importer needs of the tree: where things stand, what is no text ---------------


def test_a_text_files_paragraphs_remember_their_lines() -> None:
    text = "\ufeff样例\n\n　　正文一\n**二、样例标题**\n\n**跨行的\n粗体**\n一、**样例**文字\n"
    assert text_paragraphs(text) == (
        ["样例", "正文一", "二、样例标题", "跨行的", "粗体", "一、**样例**文字"],
        [1, 3, 4, 6, 7, 8],
    )
    assert paragraphs_of_text(text) == text_paragraphs(text)[0]


HEAD = "样例市海关\n关于样例事项的通知\n样关发〔2099〕1号\n为样例，通知如下。\n"


def test_the_issuer_on_a_line_of_its_own_and_where_the_title_stands() -> None:
    reading = read_structure(paragraphs_of_text("（样例框注）\n" + HEAD + "一、样例\n正文。\n"))
    assert reading.framing == ["（样例框注）"]
    assert reading.title == "样例市海关关于样例事项的通知"
    assert (reading.title_at, reading.issuer) == (1, "样例市海关")
    assert [(u.label, u.at) for u in reading.parts[0].walk()] == [("一、", 5)]


def test_the_list_of_attachments_ends_the_notice_and_is_no_closing() -> None:
    text = HEAD + "特此通知。\n附件：样例措施 第二行\n2.样例清单\n一、样例\n正文。\n"
    paragraphs = paragraphs_of_text(text)
    reading = read_structure(paragraphs)
    notice, attached = reading.parts
    assert (notice.closing, notice.attachments) == (
        ["特此通知。"],
        ["附件：样例措施 第二行", "2.样例清单"],
    )
    assert notice.listed_titles() == ["样例措施 第二行"]
    assert "  attachments listed: 附件：样例措施 第二行 / 2.样例清单" in describe(reading)
    assert [u.label for u in attached.provisions()] == ["一、"]
    assert reading.source_paragraphs() == paragraphs


def test_a_closing_formula_ends_the_notice() -> None:
    reading = read_structure(paragraphs_of_text(HEAD + "特此通知。\n一、样例\n正文。\n"))
    notice, attached = reading.parts
    assert (notice.closing, notice.units) == (["特此通知。"], [])
    assert (attached.title, [u.label for u in attached.units]) == ("", ["一、"])


def test_an_attachment_line_after_the_signature_labels_the_attachment() -> None:
    text = HEAD + "样例市海关\n2099年1月1日\n附件：样例措施\n附件：\n一、样例\n正文。\n"
    paragraphs = paragraphs_of_text(text)
    reading = read_structure(paragraphs)
    notice, attached = reading.parts
    assert notice.signature == ["样例市海关", "2099年1月1日"]
    # the second, bare 附件 line stands with the title's lines, and is none of its words
    assert (attached.label, attached.named, attached.title) == (
        "附件：样例措施",
        "样例措施",
        "样例措施",
    )
    assert reading.source_paragraphs() == paragraphs


def test_the_copies_line_begins_the_record_at_the_foot() -> None:
    text = HEAD + "一、样例\n正文。\n抄送：样例局。\n样例市海关办公室　2099年1月1日印发\n"
    paragraphs = paragraphs_of_text(text)
    reading = read_structure(paragraphs)
    assert reading.record == ["抄送：样例局。", "样例市海关办公室　2099年1月1日印发"]
    assert describe(reading)[-1] == (
        "record at the foot (not imported): 抄送：样例局。 / 样例市海关办公室　2099年1月1日印发"
    )
    assert reading.parts[0].provisions()[0].paragraphs == ["正文。"]
    assert reading.source_paragraphs() == paragraphs


def test_a_list_of_attachments_by_number_and_issuers_signing_on_lines_of_their_own() -> None:
    text = (
        "样例总署 样例部关于样例事项的公告\n公告〔2099〕1号\n一、样例正文，内容虚构。\n特此公告。\n"
        "附件1：样例名单.xlsx\n附件2：样例目录.pdf\n样例总署\n样例部\n2099年1月1日\n"
    )
    paragraphs = paragraphs_of_text(text)
    reading = read_structure(paragraphs)
    (notice,) = reading.parts
    assert notice.attachments == ["附件1：样例名单.xlsx", "附件2：样例目录.pdf"]
    assert notice.closing_as_set() == ["特此公告。", *notice.attachments]
    assert notice.signature == ["样例总署", "样例部", "2099年1月1日"]
    assert reading.issuer == "样例总署 样例部"
    assert reading.source_paragraphs() == paragraphs


def test_a_second_document_with_no_attachment_line_starts_at_its_title() -> None:
    """Numbering that restarts under a document's title is a new attached document (the
    国办发〔2018〕124号 shape), and an item whose whole text is one short sentence is an
    untitled provision, not a heading with no text."""
    from support.project import ROOT

    text = (ROOT / "tests" / "fixtures" / "two-documents.txt").read_text(encoding="utf-8")
    reading = read_structure(paragraphs_of_text(text))
    assert [part.title for part in reading.parts[1:]] == ["样例甲方案", "样例乙办法"]
    first = reading.parts[2].provisions()[0]
    assert (first.title, first.paragraphs) == ("", ["本办法适用于样例事项。"])
    assert [u.address for u in reading.parts[2].provisions()][:2] == ["d2-1-1", "d2-1-2"]


QUOTING = """（测试样例：虚构的示例公告，仅供软件测试使用。）
示例总署关于示例条款适用有关事项的公告
示例总署公告2099年第9号
为明确示例条款的适用，现将有关事项公告如下：
一、关于条款适用
（一）相关条款。
第十四条　海关对进口货物实施检验。
第十五条　进口货物应当如实申报。
（二）适用范围。本公告适用于示例口岸。
二、商品范围
本公告所称商品包括：
1.食品、饮料；
2.化妆品；
3.玩具。
三、目录范围
1.食品、饮料；
2.化妆品；
3.玩具。
特此公告。
示例总署
2099年1月1日
"""


def test_quoted_articles_are_text_and_short_items_are_a_list() -> None:
    """An announcement quoting another document's articles under its item keeps them as
    that item's text (never its own provisions, never "a number skipped"); a list of short
    items ending in ； is the list of the provision above it, with no warning, whether a
    lead-in ending in ： or a heading of its own stands above it."""
    reading = read_structure(paragraphs_of_text(QUOTING))
    (part,) = reading.parts
    provisions = part.provisions()
    assert [u.label for u in provisions] == ["（一）", "（二）", "二、", "三、"]
    assert provisions[0].paragraphs == [
        "第十四条　海关对进口货物实施检验。",
        "第十五条　进口货物应当如实申报。",
    ]
    assert [c.label for c in provisions[3].children] == ["1.", "2.", "3."]
    assert provisions[2].lists and provisions[3].lists
    assert oddities(reading) == []
