"""The vocabulary of official text (notice_site.reading.vocabulary) on small strings: what
each pattern takes, and what it must not; numerals both ways (notice_site.model.numerals)."""

from __future__ import annotations

import re

import pytest
from support.project import ROOT

from notice_site.model.numerals import (
    LARGEST,
    chinese_numeral,
    digits_value,
    label,
    label_number,
    numeral_value,
)
from notice_site.reading import vocabulary as v
from notice_site.reading.importer import notice_of_text


def takes(pattern: re.Pattern[str], yes: list[str], no: list[str]) -> None:
    assert [s for s in yes if not pattern.fullmatch(s)] == []
    assert [s for s in no if pattern.fullmatch(s)] == []


def test_doc_number() -> None:
    takes(
        v.DOC_NUMBER,
        yes=[
            "某关法综发〔2099〕19号",
            "国办发[2099]38号",
            "某发【2099】1号",
            "某函（2099）71号",
            "某函(2099)71号",
            "〔2099〕1号",
            "海关总署公告2099年第196号",
            "公告2099年第1号",
        ],
        no=[
            "某关发〔99〕1号",  # a year has four digits
            "某关发〔2099〕号",  # and the document its number
            "某关发〔2099〕1",
            "某关发 〔2099〕1号",  # one word: no space inside
            "海关总署公告第196号",
            "海关总署2099年第196号",  # 公告 names the form
            "根据某关发〔2099〕1号，现通知如下。",
        ],
    )


def test_date_and_iso_date() -> None:
    cases = {
        "2099年3月1日": "2099-03-01",
        "2099年12月31日": "2099-12-31",
        "二〇九九年三月一日": "2099-03-01",
        "二零九九年十一月三日": "2099-11-03",
        "二〇二五年十二月二十三日": "2025-12-23",
        "二〇二五年一二月三十一日": "2025-12-31",  # digit by digit, as a year
        "二〇二五年二月三十日": "",  # no such day
        "2099年13月1日": "",
    }
    for text, iso in cases.items():
        match = v.DATE.fullmatch(text)
        assert match and v.iso_date(match) == iso, text
    takes(
        v.DATE,
        yes=list(cases),
        no=["99年3月1日", "2099年3月", "2099年3月1", "2099年三百月1日", "二〇九九年三月一日起"],
    )


def test_effective() -> None:
    found = v.EFFECTIVE.search("本办法自2099年7月1日起施行。")
    assert found and v.iso_date(found) == "2099-07-01"
    for verb in ("实施", "执行", "生效"):
        assert v.EFFECTIVE.search(f"自二〇九九年七月一日起{verb}")
    assert not v.EFFECTIVE.search("2099年7月1日起施行")  # 自 opens it
    assert not v.EFFECTIVE.search("自2099年7月1日起废止")


def test_authority_and_signature_lines() -> None:
    for name in (
        "示例市海关",
        "海关总署",
        "商务部",
        "示例市人民政府",
        "示例管理委员会",
        "示例中心",
    ):
        assert name.endswith(v.AUTHORITY) and v.is_signature_line(name), name
    assert not "示例市人民".endswith(v.AUTHORITY)
    for line in ("2099年3月1日", "（此件公开发布）", "(此件主动公开)"):
        assert v.is_signature_line(line), line
    for line in ("请各部门遵照执行。", "示例市海关，商务部", "关于示例事项的通知", "此件公开发布"):
        assert not v.is_signature_line(line), line
    takes(v.NOTE, yes=["（此件公开发布）", "(此件不公开)"], no=["（公开发布）", "（此件公开发布"])


def test_copies_line() -> None:
    takes(
        v.COPIES,
        yes=["抄送：示例局。", "抄送:示例局，示例厅。"],
        no=["抄送示例局", "请抄送：示例局"],
    )


def test_titles_as_the_customs_website_prints_them() -> None:
    published = "示例总署公告2099年第1号（关于示例事项的公告）"
    assert v.names_kind(published) and v.names_kind("示例总署关于示例事项的公告")
    assert not v.names_kind("示例总署公告2099年第1号（关于示例事项）")
    assert not v.names_kind("示例事项（示例说明）")
    assert v.title_issuer(published) == "示例总署"


def test_several_authorities_sign_together() -> None:
    for line in ("示例总署 示例部 示例委员会", "示例总署　示例部", "示例市海关"):
        assert v.names_authorities(line) and v.is_signature_line(line), line
    for line in ("示例总署 和 示例部", "示例总署，示例部", "示例总署 2099年", ""):
        assert not v.names_authorities(line), line


def test_lists_of_attachments_naming_files() -> None:
    assert v.listed_title("1.示例商品清单.pdf") == "示例商品清单"
    assert v.listed_title("示例要求.DOC") == "示例要求"
    assert v.listed_title("示例措施 第二行") == "示例措施 第二行"
    assert v.listed_title("示例1.5版说明") == "示例1.5版说明"
    for line in ("2.示例申请表.xlsx", "附件2：示例目录.pdf", "3、示例清单"):
        assert v.continues_attachments(line), line
    for line in ("附件2", "附件：", "一、示例", "示例总署"):
        assert not v.continues_attachments(line), line


def test_title_issuer() -> None:
    assert v.title_issuer("示例市海关关于示例事项的通知") == "示例市海关"
    assert v.title_issuer("示例市政府办公室印发《关于示例的措施》的通知") == "示例市政府办公室"
    assert v.title_issuer("示例总署 示例部关于示例事项的公告") == "示例总署 示例部"
    assert v.title_issuer("关于示例事项的通知") == ""
    assert v.title_issuer("示例事项的通知") == "示例事项的通知"  # no 关于: refused before


def test_attachment_lines() -> None:
    found = v.ATTACHMENT.fullmatch("附件：示例措施")
    assert found and found.group(1) == "示例措施"
    assert v.ATTACHMENT.fullmatch("附件1:示例").group(1) == "示例"  # type: ignore[union-attr]
    assert v.ATTACHMENT.fullmatch("附件").group(1) is None  # type: ignore[union-attr]
    takes(
        v.ATTACHMENT, yes=["附件", "附件1", "附件 2：", "附件：示例"], no=["附表：示例", "见附件"]
    )
    takes(
        v.BARE_ATTACHMENT,
        yes=["附件", "附件1", "附件2：", "附件 3:"],
        no=["附件：示例措施", "附件1：示例", "附录", "见附件"],
    )


def test_kinds_and_closing_formulas() -> None:
    assert "示例市海关关于示例事项的公告".endswith(v.KINDS)
    assert "示例暂行办法".endswith(v.KINDS)
    assert not "示例事项的说明".endswith(v.KINDS)
    assert "特此公告。" in v.CLOSING_FORMULAS and "特此说明。" not in v.CLOSING_FORMULAS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("第一章　总则", ("chapter", "第一章", 1, "总则")),
        ("第十二条 示例。", ("article", "第十二条", 12, "示例。")),
        ("二十三、示例", ("section", "二十三、", 23, "示例")),
        ("（一）示例", ("item", "（一）", 1, "示例")),
        ("(五十三)示例", ("item", "(五十三)", 53, "示例")),
        ("1.示例", ("point", "1.", 1, "示例")),
        ("2．示例", ("point", "2．", 2, "示例")),
        ("（3）示例", ("subpoint", "（3）", 3, "示例")),
    ],
)
def test_labels(text: str, expected: tuple) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "示例",
        "1.5%的比例",
        "一十、示例",
        "两、示例",
        "〇、示例",
        "第一节 示例",
        "一，示例",
        "（）示例",
    ],
)
def test_no_label(text: str) -> None:
    assert label(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("三三、示例", ("section", "三三、")),
        ("一十、示例", ("section", "一十、")),
        ("两、示例", ("section", "两、")),
        ("（二二）示例", ("item", "（二二）")),
        ("第一十条 示例", ("article", "第一十条")),
        ("三、示例", None),
        ("（一）示例", None),
        ("示例", None),
        ("1.5%的比例", None),
    ],
)
def test_bad_label(text: str, expected: tuple[str, str] | None) -> None:
    assert v.bad_label(text) == expected


def test_numerals_both_ways() -> None:
    assert all(numeral_value(chinese_numeral(n)) == n for n in range(1, LARGEST + 1))
    for text in ("一十", "两", "〇", "零", "二二", "1", "", "一万"):
        assert numeral_value(text) is None, text
    assert label_number("12") == 12 and label_number("十二") == 12
    assert digits_value("二〇二六") == 2026 and digits_value("二零二六") == 2026
    assert digits_value("一二") == 12
    for text in ("二十", "2026", ""):
        assert digits_value(text) is None, text


def test_the_importer_takes_an_announcements_number() -> None:
    # an announcement's 文号 (公告<year>年第<n>号) as well as the 〔year〕 form
    sample = (ROOT / "tests" / "fixtures" / "sample-notice.txt").read_text(encoding="utf-8")
    assert "示关发〔2099〕7号" in sample
    notice = notice_of_text(sample.replace("示关发〔2099〕7号", "示例市海关公告2099年第7号"), "t")
    assert notice.document.number == "示例市海关公告2099年第7号"
