"""data/measures.yaml against the source text: every character, every measure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.project import ROOT

from notice_site.folder.load import load_notice
from notice_site.model.numerals import chinese_numeral

SOURCE = ROOT / "data" / "source" / "haikou-customs-2026-19.txt"
NOTICE = load_notice(ROOT / "data" / "measures.yaml")


def source_measures() -> dict[int, tuple[str, str]]:
    """Parse the source independently of the data: {number: (numeral heading, paragraph)}."""
    text = SOURCE.read_text(encoding="utf-8")
    body = text.split("二十条措施**", 1)[1]
    heading = re.compile(r"^([一二三四五六七八九十]+)、(.+)$", re.M)
    parts = heading.split(body)[1:]
    out = {}
    for i in range(0, len(parts), 3):
        numeral, title, paragraph = parts[i : i + 3]
        # The blank line inside measure 8 is an artefact of the source: join it.
        out[len(out) + 1] = (numeral, title, "".join(paragraph.split()))
    return out


def test_measures_numbered_as_the_source() -> None:
    source = source_measures()
    numbers = [m.number for m in NOTICE.measures]
    assert sorted(source) == numbers == list(range(1, len(numbers) + 1))
    for m in NOTICE.measures:
        assert chinese_numeral(m.number) == source[m.number][0]


@pytest.mark.parametrize("number", [m.number for m in NOTICE.measures])
def test_measure_is_the_source_text(number: int) -> None:
    _, title, paragraph = source_measures()[number]
    m = NOTICE.measure(number)
    assert m.title == title
    # Whitespace inside a paragraph is kept (measure 7's "跨境电商 OTC 药品"), so compare
    # with the source paragraph's own spaces restored rather than stripped.
    raw = SOURCE.read_text(encoding="utf-8")
    assert m.text in raw.replace("示范\n\n基地", "示范基地")
    assert "".join(m.text.split()) == paragraph
    for clause in m.clauses:
        assert clause.endswith("。")
        assert "。" not in clause[:-1]


def test_source_typo_is_kept() -> None:
    assert NOTICE.measure(5).clauses[0].startswith("深入推出口商品质量安全提升促进行动")


def test_measure_8_line_break_is_joined() -> None:
    assert NOTICE.measure(8).text.endswith("打造健康管理示范基地。")


def test_document_is_the_source() -> None:
    raw = SOURCE.read_text(encoding="utf-8")
    d = NOTICE.document
    assert d.issuer == "海口海关"
    assert d.number == "琼关法综发〔2026〕19号"
    assert f"\n{d.number}\n" in raw
    assert d.title == (
        "海口海关关于印发《海口海关进一步优化口岸营商环境 "
        "助力海南自贸港外贸高质量发展二十条措施》的通知"
    )
    assert "海口海关关于印发\n\n《海口海关进一步优化口岸营商环境 助力" in raw
    assert d.preamble[0].startswith("为深入贯彻落实")
    assert d.preamble[-1] == "特此通知。"
    for paragraph in d.preamble:
        assert f"\n{paragraph}\n" in raw
    assert f"附件:{d.attachment}\n" in raw
    assert d.source_url in raw
    assert d.source_url.startswith("http://haikou.customs.gov.cn/")


def test_themes() -> None:
    # The site's editorial rule, written in the taxonomy: these four always exist.
    required = [t.slug for t in NOTICE.themes if t.required]
    assert required == ["tariff", "agriculture", "logistics", "credit"]
    labels = {t.slug: t.label for t in NOTICE.themes}
    assert (labels["tariff"], labels["agriculture"], labels["logistics"], labels["credit"]) == (
        "关税",
        "农业",
        "物流",
        "信用",
    )
    for m in NOTICE.measures:
        assert m.themes, f"measure {m.number} has no theme"
    for t in NOTICE.themes:
        assert NOTICE.measures_of(t.slug), f"theme {t.slug} has no measure"


def test_relations_are_shown_both_ways() -> None:
    for m in NOTICE.measures:
        for other in m.related:
            assert other in NOTICE.related_to(m.number)
            assert m.number in NOTICE.related_to(other)


def test_numerals() -> None:
    assert [chinese_numeral(n) for n in (1, 9, 10, 11, 13, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "十三",
        "二十",
        "二十一",
        "九十九",
    ]
    with pytest.raises(ValueError):
        chinese_numeral(0)


@pytest.mark.parametrize(
    ("n", "numeral"),
    [
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (120, "一百二十"),
        (123, "一百二十三"),
        (200, "二百"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1011, "一千零一十一"),
        (1100, "一千一百"),
        (1234, "一千二百三十四"),
        (2000, "二千"),
        (2005, "二千零五"),
        (2050, "二千零五十"),
        (9999, "九千九百九十九"),
    ],
)
def test_numerals_beyond_ninety_nine(n: int, numeral: str) -> None:
    """Synthetic notices of hundreds of measures (bench/build.py) need the larger numbers."""
    assert chinese_numeral(n) == numeral


@pytest.mark.parametrize("n", [0, -1, 10_000, True, 1.0])
def test_no_numeral_outside_one_to_9999(n: object) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(n)  # type: ignore[arg-type]


def test_data_file_is_plain_utf8(tmp_path: Path) -> None:
    raw = (ROOT / "data" / "measures.yaml").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\t" not in raw
    raw.decode("utf-8")
