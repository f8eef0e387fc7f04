"""The model and the reader on trees and texts made here, a few lines each: no notice folder,
no build, milliseconds. What the pages, PDFs and the importer take from them is tested
through the builds; here each rule is held alone, on a case small enough to read whole."""

from __future__ import annotations

import pytest

from notice_site.model.notice import Document, Notice, Theme
from notice_site.model.tree import (
    AttachedDocument,
    Division,
    ListItem,
    Measure,
    Paragraph,
    paragraphs_of,
    spaced,
)
from notice_site.model.urls import (
    booklet_filename,
    measure_filename,
    normalise_site_url,
    page_path,
    relative_href,
    sibling_root,
    source_of,
)
from notice_site.reading.report import oddities
from notice_site.reading.sources import paragraphs_of_text
from notice_site.reading.structure import read_structure

DOCUMENT = Document(
    title="样例局关于样例措施的通知",
    short_title="样例措施",
    slug="sample",
    attachment="样例措施",
    issuer="样例局",
    number="样例〔2099〕1号",
    preamble=("现将样例措施印发给你们。",),
    source_url="https://example.org/notice",
)
THEMES = (Theme("duty", "关税", "关税政策。"), Theme("trust", "信用", "企业信用。"))


def measure(
    number: int, clauses: tuple[str, ...] = (), breaks: tuple[int, ...] = (), **fields: object
) -> Measure:
    values: dict = {"title": f"措施{number}", "themes": ("duty",), "related": ()}
    sentences = clauses or (f"第{number}条措施的内容。",)
    return Measure(number=number, paragraphs=paragraphs_of(sentences, breaks), **(values | fields))


def tree() -> tuple[Notice, dict[int, Measure], dict[str, Division]]:
    """一、 holds measures 1 and 2; 二、 holds （一）, which holds 3 and 4; measure 5 stands
    at the top after them; 三、 holds nothing. Made anew for each test: a node belongs to
    one tree."""
    m = {n: measure(n) for n in range(1, 6)}
    d = {"1": Division("1", "一、", "总体要求", children=(m[1], m[2]))}
    d["2-1"] = Division("2-1", "（一）", "经费保障", children=(m[3], m[4]))
    d["2"] = Division("2", "二、", "保障措施", children=(d["2-1"],))
    d["3"] = Division("3", "三、", "附则")
    return Notice(DOCUMENT, THEMES, (d["1"], d["2"], m[5], d["3"])), m, d


# -- model/tree.py and model/notice.py: the tree ---------------------------------------


def test_walk_enters_and_leaves_each_division_around_what_it_holds() -> None:
    notice, _, _ = tree()
    steps = [
        (step, item.number if isinstance(item, Measure) else item.address, depth)
        for step, item, depth in notice.walk()
    ]
    assert steps == [
        ("enter", "1", 0),
        ("measure", 1, 1),
        ("measure", 2, 1),
        ("leave", "1", 0),
        ("enter", "2", 0),
        ("enter", "2-1", 1),
        ("measure", 3, 2),
        ("measure", 4, 2),
        ("leave", "2-1", 1),
        ("leave", "2", 0),
        ("measure", 5, 0),
        ("enter", "3", 0),
        ("leave", "3", 0),
    ]


def test_walk_of_a_notice_without_divisions_is_its_measures() -> None:
    flat = Notice(DOCUMENT, THEMES, (measure(1), measure(2)))
    assert [(step, depth) for step, _, depth in flat.walk()] == [("measure", 0), ("measure", 0)]


def test_every_node_knows_its_parent() -> None:
    notice, m, d = tree()
    assert m[3].parent is d["2-1"] and d["2-1"].parent is d["2"] and d["2"].parent is notice
    assert m[5].parent is notice and notice.parent is None
    assert m[3].divisions_above == (d["2"], d["2-1"])
    assert (m[3].within, d["2-1"].within, m[5].within) == ("2-1", "2", "")
    sentence = m[3].sentences[0]
    assert sentence.parent.parent is m[3] and sentence.measure is m[3]


def test_what_a_notice_and_a_division_hold() -> None:
    notice, m, d = tree()
    assert notice.measures == tuple(m.values())
    assert notice.divisions == (d["1"], d["2"], d["2-1"], d["3"])
    assert d["2"].children == (d["2-1"],) and d["3"].children == ()
    assert d["2"].measures == (m[3], m[4]) and d["1"].measures == (m[1], m[2])
    assert notice.division("2-1") is d["2-1"] and notice.by_key("4") is m[4]


def test_an_attached_document_is_a_node_of_its_own_kind() -> None:
    attached = AttachedDocument("d2", "附件2", "样例方案", children=(measure(1),))
    assert attached.is_document and isinstance(attached, Division)
    assert not Division("d2", "（二）", "样例").is_document


def test_a_converted_notice_is_a_new_tree() -> None:
    notice, _, _ = tree()
    converted = notice.converted(lambda text: text.replace("措施", "措施＊"))
    assert converted.measure(3).title == "措施＊3"
    assert converted.measure(3).parent is converted.division("2-1")
    assert converted.measure(3).divisions_above[0] is converted.division("2")
    assert notice.measure(3).title == "措施3"  # the original is untouched


def test_paragraphs_list_items_and_sentences() -> None:
    placed = measure(
        3,
        clauses=("甲。", "乙：", "（一）丙；", "（二）丁。", "戊。", "1.不是列表项。"),
        breaks=(3, 4, 5, 6),
        address="1-2",
        label="（二）",
    )
    kinds = [type(p) for p in placed.paragraphs]
    # items follow a lead-in ending in ： (or another item); a numbered paragraph after a
    # plain one is no item
    assert kinds == [Paragraph, ListItem, ListItem, Paragraph, Paragraph]
    assert [p.text for p in placed.paragraphs][:2] == ["甲。乙：", "（一）丙；"]
    assert (placed.key, placed.mark) == ("1-2", "（二）")
    assert placed.clauses[2] == "（一）丙；" and placed.breaks == (3, 4, 5, 6)
    assert [s.k for s in placed.sentences] == [1, 2, 3, 4, 5, 6]
    assert placed.text == "甲。乙：（一）丙；（二）丁。戊。1.不是列表项。"
    assert measure(1, label="第五条").mark == "第五条\u3000"
    assert spaced("附件1") == "附件1\u3000" and spaced("1.") == "1." and spaced("") == ""


def test_a_text_that_opens_with_a_numbered_list_is_its_list_items() -> None:
    listed = measure(1, clauses=("1.食品、饮料；", "2.化妆品；", "3.玩具。"), breaks=(2, 3))
    assert all(p.is_item for p in listed.paragraphs)
    alone = measure(2, clauses=("1.只有一条。", "其他。"), breaks=(2,))
    assert not any(p.is_item for p in alone.paragraphs)


def test_an_untitled_measure_is_named_by_its_opening_words() -> None:
    short = measure(1, title="", clauses=("支持企业开展保税维修。", "其余。"))
    assert short.heading == "支持企业开展保税维修"
    long = measure(2, title="", clauses=("对" + "样" * 30 + "。",))
    assert long.heading == "对" + "样" * 23 + "…"


def test_relations_are_both_ways_and_themes_add_the_others() -> None:
    notice = Notice(
        DOCUMENT,
        THEMES,
        (
            measure(1, related=(3,)),
            measure(2),
            measure(3, themes=("trust",)),
            measure(4, themes=("trust", "duty")),
        ),
    )
    assert notice.related_to(3) == (1,)
    assert notice.related_to(1) == (3,)
    assert notice.sharing_a_theme(1) == (2, 4)  # 3 is related already
    assert notice.sharing_a_theme(3) == (4,)
    assert notice.measures_of("trust") == (notice.measure(3), notice.measure(4))


# -- model/tree.py: a sentence's addresses ---------------------------------------------


def test_a_sentence_has_its_anchor_reference_and_url() -> None:
    first, second, third = measure(
        2, address="1-2", clauses=("甲。", "乙。", "丙。"), breaks=(3,)
    ).sentences
    assert (third.text, third.k, third.opens) == ("丙。", 3, True)
    assert not first.opens and not second.opens
    assert (third.anchor, third.ref) == ("c3", "1-2.3")
    assert third.location("measures/1-2/") == "measures/1-2/#c3"
    site = "https://example.org/notice"
    assert third.url(site, "zh-Hans") == "https://example.org/notice/measures/1-2/#c3"
    assert third.url(site, "zh-Hant") == "https://example.org/notice/zh-Hant/measures/1-2/#c3"


def test_site_addresses() -> None:
    assert normalise_site_url("https://example.org/a") == "https://example.org/a/"
    for bad in ("example.org/a/", "ftp://example.org/", "/a/"):
        with pytest.raises(ValueError, match="absolute http"):
            normalise_site_url(bad)
    # a library's notices stand side by side under it
    assert sibling_root("https://example.org/lib/first/", "second", "zh-Hant") == (
        "https://example.org/lib/second/zh-Hant/"
    )
    assert measure_filename("zh-Hant", "1-2") == "measure-1-2.zh-Hant.pdf"
    assert booklet_filename("sample", "zh-Hans") == "sample.zh-Hans.pdf"


def test_page_paths_and_relative_links() -> None:
    assert source_of("division", "2-1") == "divisions/2-1.md"
    assert page_path("divisions/2-1.md") == "divisions/2-1/"
    assert page_path("measures/index.md") == "measures/"
    assert page_path("measures/index.md", directory_urls=False) == "measures/index.html"
    assert relative_href("measures/13/", "themes/tariff/") == "../../measures/13/"
    assert relative_href("", "measures/13/") == "../../"
    assert relative_href("measures/", "measures/") == "./"
    with pytest.raises(ValueError, match="unknown page"):
        source_of("chapter", "1")


# -- reading/structure.py: the tree of a short text -----------------------------------


def read(text: str):
    paragraphs = paragraphs_of_text(text)
    reading = read_structure(paragraphs)
    # whatever the shape, every paragraph is found again, in order
    assert reading.source_paragraphs() == paragraphs
    return reading


def test_five_lines_three_titled_provisions() -> None:
    reading = read(
        "样例局关于样例工作的通知\n"
        "样例〔2099〕4号\n"
        "一、加强领导。各单位要高度重视，明确责任分工。\n"
        "二、落实经费。各单位要保障经费，按期拨付到位。\n"
        "三、强化督查。各单位要定期检查，及时整改问题。\n"
    )
    assert (reading.title, reading.number) == ("样例局关于样例工作的通知", "样例〔2099〕4号")
    (part,) = reading.parts
    provisions = part.provisions()
    assert [(u.label, u.title, u.title_form) for u in provisions] == [
        ("一、", "加强领导", "run-in"),
        ("二、", "落实经费", "run-in"),
        ("三、", "强化督查", "run-in"),
    ]
    assert [u.address for u in provisions] == ["1", "2", "3"]
    assert [u.address for p in reading.parts for u in p.walk() if u.is_division] == []
    assert oddities(reading) == []


def test_a_division_a_run_in_title_and_a_lead_in_with_its_list() -> None:
    reading = read(
        "样例局关于样例工作的通知\n"
        "样例〔2099〕1号\n"
        "一、总体要求\n"
        "（一）加强领导。各单位要高度重视。\n"
        "（二）压实责任：\n"
        "1.明确分工；\n"
        "2.按期完成。\n"
        "二、保障措施。各单位要做好保障。\n"
    )
    (part,) = reading.parts
    heading, *_ = part.units
    assert (heading.label, heading.title, heading.title_form) == ("一、", "总体要求", "line")
    assert heading.is_division and heading.paragraphs == []
    # （二） leads in with ： and its items have no titles: one provision with its list
    lead_in = heading.children[1]
    assert lead_in.lists and not lead_in.is_division
    assert [c.label for c in lead_in.children] == ["1.", "2."]
    provisions = part.provisions()
    assert [u.address for u in provisions] == ["1-1", "1-2", "2"]
    assert [u.address for p in reading.parts for u in p.walk() if u.is_division] == ["1"]


def test_a_repeated_number_is_told_apart_by_its_division() -> None:
    reading = read(
        "样例局关于样例工作的通知\n"
        "样例〔2099〕2号\n"
        "一、总体要求\n"
        "（一）加强领导。各单位要高度重视。\n"
        "二、保障措施\n"
        "（一）落实经费。各单位要保障经费。\n"
    )
    (part,) = reading.parts
    assert [u.address for u in part.provisions()] == ["1-1", "2-1"]


def test_articles_are_numbered_straight_through_their_chapters() -> None:
    reading = read(
        "样例市人民政府关于样例事项的规定\n"
        "样府〔2099〕3号\n"
        "第一章　总则\n"
        "第一条　为了规范样例工作，制定本规定。\n"
        "第二条　本规定适用于本市。\n"
        "第二章　附则\n"
        "第三条　本规定自发布之日起施行。\n"
    )
    (part,) = reading.parts
    assert [(u.kind, u.prefix) for u in part.units] == [
        ("chapter", "第一章\u3000"),
        ("chapter", "第二章\u3000"),
    ]
    provisions = part.provisions()
    assert [u.label for u in provisions] == ["第一条", "第二条", "第三条"]
    assert [u.address for u in provisions] == ["1", "2", "3"]
    assert [u.address for p in reading.parts for u in p.walk() if u.is_division] == ["1", "2"]


def test_a_document_is_called_by_the_kind_its_title_names_last() -> None:
    def kind(title: str) -> str:
        return Document(title, "", "", "", "", "", (), "").kind

    assert kind("海关总署公告2099年第1号（关于样例要求的公告）") == "公告"
    assert kind("样例局关于印发《样例工作方案》的通知") == "通知"
    assert kind("樣例局關於印發樣例暫行辦法的通知") == "通知"  # the Traditional edition
    assert kind("样例局关于样例事项的决定") == "决定"
    assert kind("样例") == "文件"
