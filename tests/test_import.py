"""The importer: official text in, a notice folder out, exactly the source's words or nothing."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from support.notices import AWKWARD, awkward_text, bare_text
from support.project import ROOT, run
from support.shapes import as_source

from notice_site.folder.write import dumps
from notice_site.model.notice import Notice
from notice_site.reading.importer import (
    SourceError,
    import_notice,
    notice_of_text,
    read_notice,
    split_clauses,
)
from notice_site.reading.sources import paragraphs_of_text

REAL = ROOT / "data" / "source" / "haikou-customs-2026-19.txt"
DATA = ROOT / "data" / "measures.yaml"
SAMPLE = ROOT / "tests" / "fixtures" / "sample-notice.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_TITLES = [
    "扩大“零关税”政策惠及面",
    "优化进境农产品检疫监管",
    "提升多式联运物流效率",
    "加强企业信用培育",
    "支持跨境电商发展",
    "优化关税征管服务",
    "践行“服务企业”承诺",
]


def line_of(text: str, fragment: str) -> int:
    """The line number (from 1) on which `fragment` first appears in `text`."""
    return text[: text.index(fragment)].count("\n") + 1


def sample() -> Notice:
    return notice_of_text(SAMPLE_TEXT, "sample-notice.txt")


# --- the real notice --------------------------------------------------------------------------


def test_real_source_gives_todays_data_exactly() -> None:
    notice = notice_of_text(REAL.read_text(encoding="utf-8"), str(REAL))
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    document = data["document"]
    assert notice.document.title == document["title"]
    assert notice.document.issuer == document["issuer"]
    assert notice.document.number == document["number"]
    assert notice.document.attachment == document["attachment"]
    assert notice.document.preamble == tuple(document["preamble"])
    assert notice.document.source_url == document["source_url"]
    assert len(notice.measures) == len(data["measures"]) > 0
    for imported, written in zip(notice.measures, data["measures"], strict=True):
        assert imported.number == written["number"]
        assert imported.title == written["title"], imported.number
        assert imported.clauses == tuple(written["clauses"]), imported.number


def test_real_source_imports_and_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "haikou"
    notice = import_notice(REAL, target, "haikou-customs-2026-19", DATA)
    assert (target / "source" / REAL.name).read_bytes() == REAL.read_bytes()
    assert_reads_back(target / "measures.yaml", notice, "haikou-customs-2026-19")


# --- the sample notice ------------------------------------------------------------------------


def test_sample_document_fields() -> None:
    notice = sample()
    assert notice.document.issuer == "示例市海关"
    assert notice.document.number == "示关发〔2099〕7号"
    assert notice.document.title == (
        "示例市海关关于印发《示例市海关支持跨境贸易便利化七条措施（测试样例）》的通知"
    )
    assert notice.document.attachment == "示例市海关支持跨境贸易便利化七条措施（测试样例）"
    assert (
        notice.document.source_url == "https://www.example.org/sample-customs/notices/2099-7.html"
    )
    assert len(notice.document.preamble) == 2
    assert notice.document.preamble[0].startswith("为进一步便利跨境贸易")
    assert notice.document.preamble[-1] == "特此通知。"


def test_sample_measures() -> None:
    notice = sample()
    assert [m.number for m in notice.measures] == list(range(1, 8))
    assert [m.title for m in notice.measures] == SAMPLE_TITLES
    # Each measure's text, found independently: the lines under its heading, stripped and joined.
    body = SAMPLE_TEXT.split("**\n", 1)[1]
    parts = re.split(r"^[一二三四五六七]、(.+)$", body, flags=re.M)[1:]
    assert parts[::2] == SAMPLE_TITLES
    for m, block in zip(notice.measures, parts[1::2], strict=True):
        text = "".join(line.strip() for line in block.split("\n"))
        assert "".join(m.clauses) == text, m.number
        for clause in m.clauses:
            assert clause == clause.strip()
            assert clause.rstrip("”’」』）》")[-1] in "。！？"


def test_sample_paragraph_broken_over_a_blank_line_is_joined() -> None:
    assert "示范\n\n线路" in SAMPLE_TEXT
    assert sample().measures[2].clauses[0].endswith("打造多式联运示范线路。")


def test_sample_two_paragraphs_quotes_and_latin_term() -> None:
    m2, m4, m7 = (sample().measures[i] for i in (1, 3, 6))
    assert "“‘口岸直通’+目的地检疫”" in m2.clauses[0]
    assert m4.clauses == (
        "将重点外贸企业纳入 AEO 认证培育库，开展“一对一”培育辅导。",
        "对高信用企业降低查验比例，优先办理业务。",
        "企业在认证中遇到困难怎么办？",
        "可向属地海关申请专人指导。",
    )
    assert m7.clauses[0] == "坚持“企业有求必应，无事不扰。”"


def test_sample_is_marked_fictional() -> None:
    framing = SAMPLE_TEXT.split("附录", 1)[0]
    assert "测试样例" in framing
    assert "虚构" in framing
    for word in ("海口", "海南", "二十条", "Haikou", "Hainan"):
        assert word not in SAMPLE_TEXT


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["bom", "crlf"],
)
def test_bom_and_crlf_are_accepted(tmp_path: Path, encode: Callable[[str], bytes]) -> None:
    source = tmp_path / "sample.txt"
    source.write_bytes(encode(SAMPLE_TEXT))
    assert import_notice(source, tmp_path / "out", "sample", None) == sample()
    assert (tmp_path / "out" / "source" / "sample.txt").read_bytes() == source.read_bytes()


# --- source shapes ----------------------------------------------------------------------------


def test_no_attachment_line() -> None:
    text = SAMPLE_TEXT.replace("附件:示例市海关支持跨境贸易便利化七条措施（测试样例）\n", "")
    text = text.replace("附件:\n\n**示例市海关支持跨境贸易便利化\n七条措施（测试样例）**\n", "")
    notice = notice_of_text(text, "s.txt")
    assert notice.document.attachment == ""
    assert notice.document.preamble == sample().document.preamble
    assert notice.measures == sample().measures


def test_attachment_title_taken_from_the_bold_lines() -> None:
    text = SAMPLE_TEXT.replace(
        "附件:示例市海关支持跨境贸易便利化七条措施（测试样例）\n", "附件：\n"
    )
    assert (
        notice_of_text(text, "s.txt").document.attachment
        == "示例市海关支持跨境贸易便利化七条措施（测试样例）"
    )


def test_no_url_and_other_year_brackets() -> None:
    text = SAMPLE_TEXT.replace("https://www.example.org/sample-customs/notices/2099-7.html", "")
    text = text.replace("〔2099〕", "[2099]")
    notice = notice_of_text(text, "s.txt")
    assert notice.document.source_url == ""
    assert notice.document.number == "示关发[2099]7号"


def test_text_after_the_last_sentence_end_is_kept() -> None:
    text = SAMPLE_TEXT.replace("及时回应企业诉求。", "及时回应企业诉求")
    assert (
        notice_of_text(text, "s.txt").measures[-1].clauses[-1]
        == "全面落实涉企服务承诺，及时回应企业诉求"
    )


def test_large_numerals() -> None:
    body = "".join(
        f"{numeral}、措施{n}\n\n第{n}条的正文。\n\n"
        for n, numeral in enumerate(["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"], 1)
    )
    body += "十一、措施11\n\n第11条的正文。\n"
    head = SAMPLE_TEXT.split("一、", 1)[0]
    notice = notice_of_text(head + body, "s.txt")
    assert [m.number for m in notice.measures] == list(range(1, 12))
    assert notice.measures[-1].title == "措施11"


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("甲。乙！丙？", ("甲。", "乙！", "丙？")),
        ("他说：“好。”然后走了。", ("他说：“好。”", "然后走了。")),
        ("（见附件。）再议。", ("（见附件。）", "再议。")),
        ("没有句号", ("没有句号",)),
        ("一句。尾巴", ("一句。", "尾巴")),
        ("", ()),
    ],
)
def test_split_clauses(text: str, clauses: tuple[str, ...]) -> None:
    assert split_clauses(text) == clauses
    assert "".join(split_clauses(text)) == text


# --- the folder written -----------------------------------------------------------------------


def assert_reads_back(path: Path, notice: Notice, slug: str) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    document = data["document"]
    assert document == {
        "title": notice.document.title,
        "short_title": "",
        "slug": slug,
        "attachment": notice.document.attachment,
        "issuer": notice.document.issuer,
        "number": notice.document.number,
        "preamble": list(notice.document.preamble),
        "source_url": notice.document.source_url,
    }
    assert data["measures"] == [
        {
            "number": m.number,
            "title": m.title,
            "themes": [],
            "related": [],
            "clauses": list(m.clauses),
        }
        | ({"breaks": list(m.breaks)} if m.breaks else {})
        for m in notice.measures
    ]
    return data


def test_import_writes_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "sample"
    notice = import_notice(SAMPLE, target, "sample-customs-2099-7", DATA)
    assert notice == sample()
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == [
        "measures.yaml",
        "source",
        "source/sample-notice.txt",
    ]
    assert (target / "source" / "sample-notice.txt").read_bytes() == SAMPLE.read_bytes()
    data = assert_reads_back(target / "measures.yaml", notice, "sample-customs-2099-7")
    taxonomy = yaml.safe_load(DATA.read_text(encoding="utf-8"))["themes"]
    assert data["themes"] == [
        {
            "slug": t["slug"],
            "label": t["label"],
            "description": "",
            **({"required": t["required"]} if "required" in t else {}),
        }
        for t in taxonomy
    ]
    assert os.listdir(tmp_path) == ["sample"]


def test_written_yaml_reads_like_the_hand_written_file(tmp_path: Path) -> None:
    target = tmp_path / "sample"
    import_notice(SAMPLE, target, "sample-customs-2099-7", DATA)
    written = (target / "measures.yaml").read_text(encoding="utf-8")
    assert written.startswith("# ")
    assert "source/sample-notice.txt" in written.split("\ndocument:", 1)[0]
    assert f"make check DATA={target}" in written
    assert '  short_title: ""' in written
    assert (
        "  title: 示例市海关关于印发《示例市海关支持跨境贸易便利化七条措施（测试样例）》的通知\n"
        in written
    )
    assert "    - 特此通知。\n" in written
    assert "    themes: []\n    related: []\n" in written
    assert "\n\n  - number: 2\n" in written
    assert "\t" not in written
    assert written.endswith("。\n")


def test_taxonomy_required_flags_are_copied(tmp_path: Path) -> None:
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text(
        "themes:\n"
        "  - slug: tariff\n    label: 关税\n    description: 旧的说明。\n    required: true\n"
        "  - slug: extra\n    label: 其他\n    description: 旧的说明。\n",
        encoding="utf-8",
    )
    import_notice(SAMPLE, tmp_path / "out", "sample", taxonomy)
    data = yaml.safe_load((tmp_path / "out" / "measures.yaml").read_text(encoding="utf-8"))
    assert data["themes"] == [
        {"slug": "tariff", "label": "关税", "description": "", "required": True},
        {"slug": "extra", "label": "其他", "description": ""},
    ]


def test_no_taxonomy_gives_no_themes(tmp_path: Path) -> None:
    import_notice(SAMPLE, tmp_path / "out", "sample", None)
    written = (tmp_path / "out" / "measures.yaml").read_text(encoding="utf-8")
    assert "\nthemes: []\n" in written
    assert yaml.safe_load(written)["themes"] == []


def test_empty_attachment_and_url_are_left_for_the_editor(tmp_path: Path) -> None:
    source = tmp_path / "bare.txt"
    source.write_text(bare_text(), encoding="utf-8")
    notice = import_notice(source, tmp_path / "out", "bare", None)
    written = (tmp_path / "out" / "measures.yaml").read_text(encoding="utf-8")
    assert '  attachment: ""  # the source has no 附件 line' in written
    assert '  source_url: ""  # the source gives no http(s) address' in written
    assert_reads_back(tmp_path / "out" / "measures.yaml", notice, "bare")


def test_awkward_strings_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "awkward.txt"
    source.write_text(awkward_text(), encoding="utf-8")
    notice = import_notice(source, tmp_path / "out", "awkward", None)
    assert notice.document.preamble == tuple(AWKWARD)
    assert [m.title for m in notice.measures] == AWKWARD
    assert notice.document.attachment == AWKWARD[1]
    assert_reads_back(tmp_path / "out" / "measures.yaml", notice, "awkward")


@pytest.mark.parametrize(
    "text",
    [
        *AWKWARD,
        "",
        " 前后有空格 ",
        "制表\t符",
        "换\n行",
        "U+2028\u2028分隔",
        "NEL\x85",
        "DEL\x7f",
        "BOM\ufeff",
        "零宽\u200b空格",
        "表情😀",
        "on",
        "0x1F",
        "1e3",
        ".inf",
        "<<",
        "=",
    ],
)
def test_text_reads_back(text: str) -> None:
    # load.py reads measures.yaml with PyYAML: each text, as a value and as a list item,
    # on one line, reads back as that same text
    for data in ({"key": text}, {"list": [text]}):
        written = dumps(data)
        assert written.count("\n") == (2 if "list" in data else 1)
        assert yaml.safe_load(written) == data


def test_plain_where_plain_is_safe() -> None:
    assert dumps({"k": "支持跨境电商 OTC 药品进口试点。"}) == "k: 支持跨境电商 OTC 药品进口试点。\n"
    assert dumps({"k": "琼关法综发〔2026〕19号"}) == "k: 琼关法综发〔2026〕19号\n"
    assert dumps({"k": "true"}) == 'k: "true"\n'
    assert dumps({"k": "on"}) == 'k: "on"\n'  # YAML 1.1, as PyYAML reads it
    assert dumps({"k": "- 开头"}) == 'k: "- 开头"\n'
    assert dumps({"k": "-开头"}) == 'k: "-开头"\n'
    assert dumps({"k": "全角空格结尾\u3000"}) == 'k: "全角空格结尾\u3000"\n'
    assert dumps({"k": ""}) == 'k: ""\n'


# --- refusals: a clear message, and nothing written -------------------------------------------


def cut_from(fragment: str) -> Callable[[str], str]:
    return lambda text: text[: text.index(fragment)]


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return change


BAD_SOURCES = {
    "no measures": (
        cut_from("一、扩大"),
        line_of(SAMPLE_TEXT, "附件:示例"),
        "no numbered measures (paragraphs numbered 一、, （一）, 1. or 第一条) after the 附件 line",
    ),
    "gap": (
        replace("三、提升", "四、提升"),
        line_of(SAMPLE_TEXT, "三、提升"),
        "expected 三、 (3) but found 四、 (4): measures are numbered in order",
    ),
    "repeat": (
        replace("三、提升", "二、提升"),
        line_of(SAMPLE_TEXT, "三、提升"),
        f"expected 三、 (3) but found 二、 (2) again (first on line {line_of(SAMPLE_TEXT, '二、')})",
    ),
    "not a numeral": (
        replace("三、提升", "三三、提升"),
        line_of(SAMPLE_TEXT, "三、提升"),
        "三三、 is not a numeral as measures are numbered: expected 三、 (3)",
    ),
    "no 文号": (
        replace("示关发〔2099〕7号\n", ""),
        line_of(SAMPLE_TEXT, "为进一步便利") - 1,
        "no 文号 (document number) line after the title: expected a line such as "
        "某关发〔2026〕1号 or 某海关公告2026年第1号, found '为进一步便利跨境贸易",
    ),
    "no title": (
        replace("》的通知\n", "》\n"),
        None,
        "no title: no line ends in the kind of document a title names (通知、意见、公告、通告、",
    ),
    "no 关于": (
        replace("示例市海关关于印发", "示例市海关"),
        line_of(SAMPLE_TEXT, "》的通知"),
        "the title ending on this line has no 关于 or 印发 line above it",
    ),
    "no issuer": (
        replace("示例市海关关于印发", "关于印发"),
        line_of(SAMPLE_TEXT, "示例市海关关于印发"),
        "no issuer before 关于 in the title",
    ),
    "heading without a title": (
        replace("六、优化关税征管服务", "六、"),
        line_of(SAMPLE_TEXT, "六、优化"),
        "the heading 六、 (6) has no title after 、",
    ),
    "heading without text": (
        replace("支持跨境电商企业开展出口海外仓业务。推广跨境电商零售进口退货中心仓模式。", ""),
        line_of(SAMPLE_TEXT, "五、支持"),
        "measure 五、 (5) 支持跨境电商发展 has no text below its heading",
    ),
    "last heading without text": (
        cut_from("坚持“企业有求必应"),
        line_of(SAMPLE_TEXT, "七、践行"),
        "measure 七、 (7) 践行“服务企业”承诺 has no text below its heading",
    ),
    "control character": (
        replace("线路。推动物流信息共享", "\u3000\u3000线路。推动物流\t信息共享"),
        line_of(SAMPLE_TEXT, "推动物流信息共享"),
        "contains a control character (U+0009) at column 10",
    ),
}


def assert_nothing_written(out: Path) -> None:
    assert os.listdir(out) == [], "the import left files behind"


@pytest.mark.parametrize("case", BAD_SOURCES)
def test_bad_source_is_refused(tmp_path: Path, case: str) -> None:
    change, line, problem = BAD_SOURCES[case]
    source = tmp_path / "bad-notice.txt"
    source.write_text(change(SAMPLE_TEXT), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SourceError) as caught:
        import_notice(source, out / "notice", "bad-notice", DATA)
    where = f"{source}:{line}" if line else f"{source}"
    assert str(caught.value).startswith(f"{where}: {problem}"), str(caught.value)
    assert caught.value.line == line
    assert_nothing_written(out)


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "sample-gb18030.txt"
    source.write_bytes(SAMPLE_TEXT.encode("gb18030"))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SourceError) as caught:
        import_notice(source, out / "notice", "sample", DATA)
    # The first non-ASCII character, （, begins on line 3 after two blank lines.
    assert str(caught.value) == (
        f"{source}:3: is not UTF-8 text (byte 0xa3 at offset 2); save it as UTF-8 and import it again"
    )
    assert_nothing_written(out)


@pytest.mark.parametrize("contents", [{}, {"measures.yaml": b"kept"}])
def test_existing_target_is_left_untouched(tmp_path: Path, contents: dict[str, bytes]) -> None:
    target = tmp_path / "notice"
    target.mkdir()
    for name, data in contents.items():
        (target / name).write_bytes(data)
    with pytest.raises(SourceError) as caught:
        import_notice(SAMPLE, target, "sample", DATA)
    assert str(caught.value) == (
        f"{target}: already exists: an import never writes into an existing folder "
        "(choose a new folder, or remove this one first)"
    )
    assert {p.name: p.read_bytes() for p in target.iterdir()} == contents
    assert os.listdir(tmp_path) == ["notice"]


@pytest.mark.parametrize(
    "slug", ["Sample", "sample_notice", "sample notice", "-sample", "示例", ""]
)
def test_bad_slug_is_refused(tmp_path: Path, slug: str) -> None:
    target = tmp_path / "notice"
    with pytest.raises(SourceError) as caught:
        import_notice(SAMPLE, target, slug, DATA)
    assert str(caught.value) == (
        f"{target}: the slug {slug!r} is not lower-case ASCII letters and digits joined by '-' "
        "(such as customs-2026-1)"
    )
    assert_nothing_written(tmp_path)


def test_missing_source_and_missing_parent(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(SourceError, match=r"missing\.txt: cannot read the file"):
        import_notice(missing, tmp_path / "out", "sample", None)
    assert_nothing_written(tmp_path)
    # a folder of notices that does not exist yet is made with the first notice
    import_notice(SAMPLE, tmp_path / "notices" / "out", "sample", None)
    assert (tmp_path / "notices" / "out" / "measures.yaml").is_file()
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="is a file, not a folder"):
        import_notice(SAMPLE, tmp_path / "file" / "out", "sample", None)


def test_bad_taxonomy_is_refused(tmp_path: Path) -> None:
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text("themes:\n  - slug: tariff\n    label: 关税\n    required: yes please\n")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SourceError) as caught:
        import_notice(SAMPLE, out / "notice", "sample", taxonomy)
    assert str(caught.value) == f"{taxonomy}:4: theme 1 (tariff), required: expected true or false"
    assert_nothing_written(out)


def test_failure_while_writing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_rename(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "rename", no_rename)
    with pytest.raises(SourceError) as caught:
        import_notice(SAMPLE, tmp_path / "notice", "sample", DATA)
    assert str(caught.value) == (
        f"{tmp_path / 'notice'}: cannot write the folder (No space left on device)"
    )
    assert_nothing_written(tmp_path)


MAKE_IMPORT_CASES = {
    "no measures": BAD_SOURCES["no measures"][0],
    "gap": BAD_SOURCES["gap"][0],
    "repeat": BAD_SOURCES["repeat"][0],
    "no 文号": BAD_SOURCES["no 文号"][0],
    "not UTF-8": lambda text: text.encode("gb18030"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", [*MAKE_IMPORT_CASES, "existing folder"])
def test_make_import_refuses_bad_text_with_one_message(tmp_path: Path, case: str) -> None:
    """`make import` as a person types it: one line starting with "error:", the file named,
    no traceback, exit status 2, and nothing written."""
    source = tmp_path / "notice.txt"
    target = tmp_path / "notices" / "next"
    if case == "existing folder":
        source.write_text(SAMPLE_TEXT, encoding="utf-8")
        target.mkdir(parents=True)
        (target / "measures.yaml").write_text("kept", encoding="utf-8")
    else:
        broken = MAKE_IMPORT_CASES[case](SAMPLE_TEXT)
        raw = broken if isinstance(broken, bytes) else broken.encode("utf-8")
        source.write_bytes(raw)
    line = f"make import SOURCE={source} DATA={target} SLUG=next-measures"
    result = run(["bash", "-c", line])
    output = result.stdout + result.stderr
    errors = [text for text in output.splitlines() if text.startswith("error:")]
    assert len(errors) == 1, output
    assert str(source if case != "existing folder" else target) in errors[0]
    assert "Traceback" not in output
    assert result.returncode != 0
    if case == "existing folder":
        assert [p.name for p in target.iterdir()] == ["measures.yaml"]
        assert (target / "measures.yaml").read_text(encoding="utf-8") == "kept"
    else:
        assert not (tmp_path / "notices").exists() or os.listdir(tmp_path / "notices") == []


def test_other_shapes_of_official_text() -> None:
    """Shapes other notices use: a salutation (the recipients), a signature and date after
    the last paragraph, a 附件 line with a full-width colon and the title unbolded below it,
    headings in bold, a heading whose text runs on after its 。 (a run-in title, which the
    text keeps), a heading holding items （一） （二） (a division: each item a measure),
    and a signature, a publication note and a 抄送 line after the last measure."""
    text = (
        "某某海关关于印发《某某海关促进贸易便利化三条措施》的通知\n"
        "某关发〔2025〕8号\n\n"
        "各隶属海关，机关各处室：\n\n"
        "为贯彻落实有关部署，现将措施印发给你们，请认真贯彻执行。\n\n"
        "某某海关\n"
        "2025年3月1日\n\n"
        "附件：某某海关促进贸易便利化三条措施\n\n"
        "某某海关促进贸易便利化三条措施\n\n"
        "一、优化通关流程。推行“提前申报”模式。压缩整体通关时间。\n\n"
        "**二、支持加工贸易发展**\n"
        "（一）支持企业开展保税维修业务。\n"
        "（二）推进加工贸易监管改革，简化手续！\n\n"
        "三、强化信用管理\n"
        "对高级认证企业实施便利措施；对失信企业依法实施严格管理。\n\n"
        "某某海关\n"
        "2025年3月1日\n\n"
        "（此件公开发布）\n\n"
        "抄送：海关总署办公厅。\n"
    )
    notice = notice_of_text(text, "other.txt")
    assert notice.document.issuer == "某某海关"
    assert notice.document.recipients == "各隶属海关，机关各处室："
    assert notice.document.preamble == ("为贯彻落实有关部署，现将措施印发给你们，请认真贯彻执行。",)
    assert notice.document.signature == ("某某海关", "2025年3月1日")
    assert notice.document.attachment == "某某海关促进贸易便利化三条措施"
    assert [(m.number, m.label, m.title, m.within) for m in notice.measures] == [
        (1, "", "优化通关流程", ""),
        (2, "（一）", "", "2"),
        (3, "（二）", "", "2"),
        (4, "三、", "强化信用管理", ""),
    ]
    assert [(d.address, d.label, d.title) for d in notice.divisions] == [
        ("2", "二、", "支持加工贸易发展")
    ]
    assert notice.measures[0].clauses == (
        "优化通关流程。",
        "推行“提前申报”模式。",
        "压缩整体通关时间。",
    )
    assert notice.measures[1].clauses == ("支持企业开展保税维修业务。",)
    assert notice.measures[2].clauses == ("推进加工贸易监管改革，简化手续！",)
    # the signature, the publication note and the 抄送 line after the last measure are not its text
    assert notice.measures[3].clauses == (
        "对高级认证企业实施便利措施；对失信企业依法实施严格管理。",
    )


def test_document_number_above_the_title() -> None:
    head, rest = SAMPLE_TEXT.split("示例市海关关于印发", 1)
    title, body = rest.split("示关发〔2099〕7号\n", 1)
    moved = head + "示关发〔2099〕7号\n\n示例市海关关于印发" + title + body
    notice = notice_of_text(moved, "moved.txt")
    expected = notice_of_text(SAMPLE_TEXT, "sample.txt")
    assert notice == expected


def test_a_notice_signed_before_a_bare_attachment_line() -> None:
    """The shape of notices that sign and date the notice before the attachment, mark it
    （此件公开发布）, write 附件 alone on its line, and end the attachment with a 抄送 line."""
    path = ROOT / "tests" / "fixtures" / "other-shape.txt"
    notice = notice_of_text(path.read_text(encoding="utf-8"), str(path))
    assert notice.document.issuer == "示例总署"
    assert notice.document.number == "示综发〔2099〕12号"
    assert notice.document.recipients == "各示例分署，各直属单位："
    assert notice.document.preamble == (
        "为贯彻落实有关决策部署，现将《示例总署支持外贸稳定发展若干措施》印发给你们，"
        "请结合实际认真贯彻执行。",
    )
    assert notice.document.signature == ("示例总署", "2025年5月20日", "（此件公开发布）")
    assert notice.document.attachment == "示例总署支持外贸稳定发展若干措施"
    assert [(m.number, m.title, m.clauses) for m in notice.measures] == [
        (1, "提升通关便利化水平", ("压缩整体通关时间。", "推广“提前申报”模式。")),
        (2, "支持新业态发展", ("支持跨境电商发展。",)),
    ]


def test_issuer_on_a_line_of_its_own() -> None:
    text = SAMPLE_TEXT.replace("示例市海关关于印发\n", "示例市海关\n关于印发\n", 1)
    notice = notice_of_text(text, "issuer-above.txt")
    assert notice == notice_of_text(SAMPLE_TEXT, "sample.txt")


# --- one reader: the tree, its refusals naming the line or the paragraph --------------------

NOTICE = (
    "样例市海关关于印发样例措施的通知\n样关发〔2099〕1号\n为样例，现予印发。\n特此通知。\n"
    "附件：样例市海关 样例措施\n附件\n样例市海关样例措施\n"
    "一、样例一\n第一段正文。\n二、样例二\n第二段\n\n正文。\n另一段。\n"
)


def test_the_attachment_line_names_the_attachment_and_a_broken_paragraph_is_joined() -> None:
    notice = notice_of_text(NOTICE, "n.txt")
    # as the notice lists it (its space kept), not as its title is set above it
    assert notice.document.attachment == "样例市海关 样例措施"
    assert notice.document.preamble == ("为样例，现予印发。", "特此通知。")
    # 第二段 / 正文。: one paragraph the page broke; 另一段。: a paragraph of its own
    assert notice.measures[1].clauses == ("第二段正文。", "另一段。")
    assert notice.measures[1].breaks == (2,)


def test_the_signature_names_the_issuer_where_the_title_does_not() -> None:
    text = NOTICE.replace("样例市海关关于", "关于").replace(
        "特此通知。\n", "样例市海关\n2099年1月1日\n"
    )
    assert notice_of_text(text, "n.txt").document.issuer == "样例市海关"


@pytest.mark.parametrize(
    ("change", "at", "problem"),
    [
        (("二、样例二", "三、样例二"), 10, "expected 二、 (2) but found 三、 (3): measures are"),
        (
            ("二、样例二", "一、样例二"),
            10,
            "expected 二、 (2) but found 一、 (1) again (first on paragraph 8)",
        ),
        (
            ("第二段\n\n正文。", "一一、第二段"),
            11,
            "一一、 is not a numeral as measures are numbered: expected 三、 (3)",
        ),
        (
            ("第一段正文。", "第一段\t正文。"),
            9,
            "contains a control character (U+0009) at column 4",
        ),
        (("第一段正文。\n", ""), 8, "measure 一、 (1) 样例一 has no text below its heading"),
        (("样关发〔2099〕1号\n", ""), 2, "no 文号 (document number) line after the title"),
    ],
)
def test_a_refusal_in_a_page_or_word_file_names_the_paragraph(
    change: tuple[str, str], at: int, problem: str
) -> None:
    paragraphs = paragraphs_of_text(NOTICE.replace(*change, 1))
    with pytest.raises(SourceError) as refused:
        read_notice(paragraphs, "n.html")
    assert (refused.value.line, refused.value.paragraph) == (None, at)
    assert str(refused.value).startswith(f"n.html, paragraph {at}: {problem}"), str(refused.value)


def test_a_label_alone_is_a_heading_without_a_title_in_every_shape() -> None:
    text = NOTICE.replace("一、样例一\n", "一、\n").replace("二、样例二\n", "二、对样例。\n")
    with pytest.raises(SourceError) as refused:
        notice_of_text(text, "n.txt")
    assert str(refused.value) == "n.txt:8: the heading 一、 (1) has no title after 、"


# --- announcements as the customs website publishes them (issue 25) -------------------------

ANNOUNCEMENTS = {
    # the title as the website prints it, 附件：1.<file> then 2.<file>
    "announcement-published.txt": (
        "示例总署公告2099年第196号（关于执行示例调整方案有关事宜的公告）",
        "公告〔2099〕196号",
        "示例总署",
        "2099-12-25",
        ("附件：1.示例商品清单.pdf", "2.示例申请表.xlsx"),
    ),
    # a joint title and signature, the 文号 as 某署公告<year>年第<n>号, 附件：<file>
    "announcement-joint.txt": (
        "示例总署 示例部 示例委员会关于示例产品检验检疫要求的公告",
        "示例总署公告2099年第7号",
        "示例总署 示例部 示例委员会",
        "2099-03-01",
        ("附件：示例产品检验检疫要求.doc",),
    ),
    # 附件1：<file>, 附件2：<file>, each on its line
    "announcement-attachments.txt": (
        "示例总署关于公布示例名单的公告",
        "公告〔2099〕8号",
        "示例总署",
        "2099-04-01",
        ("附件1：示例名单.xlsx", "附件2：示例目录.pdf"),
    ),
}


@pytest.mark.parametrize("form", ["txt", "html", "docx"])
@pytest.mark.parametrize("name", sorted(ANNOUNCEMENTS))
def test_announcements_as_published_import_from_each_form(
    tmp_path: Path, name: str, form: str
) -> None:
    text = (ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8")
    source = as_source(text, tmp_path / f"notice.{form}")
    notice = import_notice(source, tmp_path / "out", "next", None)
    title, number, issuer, date, listed = ANNOUNCEMENTS[name]
    document = notice.document
    assert (document.title, document.number, document.issuer) == (title, number, issuer)
    assert (document.signature[0], document.date) == (issuer, date)
    # the measures stand in the announcement; its attachments are files, named after 特此公告。
    assert document.in_body and document.attachment == ""
    assert document.closing == ("特此公告。", *listed)
    assert [m.number for m in notice.measures] == list(range(1, len(notice.measures) + 1))
    assert all(m.clauses for m in notice.measures)


def test_a_refusal_names_the_kinds_a_title_may_end_with() -> None:
    text = (ROOT / "tests" / "fixtures" / "announcement-published.txt").read_text(encoding="utf-8")
    with pytest.raises(SourceError) as refused:
        notice_of_text(text.replace("有关事宜的公告）", "有关事宜）"), "a.txt")
    assert "no title: no line ends in the kind of document a title names (通知、意见、公告" in str(
        refused.value
    )


def test_tables_in_the_text_become_the_notices_tables(tmp_path: Path) -> None:
    """Lines of cells separated by TABs (a table pasted from a spreadsheet) are a table
    where they stand: inside the provision whose lead-in introduces them, or as the whole of
    an attached document; with its header, group rows (一、机电产品), notes (注：) and the
    column that numbers its rows (序号); the rows written to tables/<id>.csv, every cell
    as the text has it."""
    from notice_site.folder.load import load_notice
    from notice_site.model.tree import AttachedDocument

    source = ROOT / "tests" / "fixtures" / "announcement-table.txt"
    imported = import_notice(source, tmp_path / "next", "next", DATA)
    notice = load_notice(tmp_path / "next" / "measures.yaml", draft=True)
    inside, attached = notice.tables
    assert (inside.measure.key, inside.after, inside.caption) == ("1", 1, "检验范围")
    assert inside.headers == ("品名", "税则号列", "检验方式")
    assert inside.rows[0].cells == ("示例过滤器", "ex 84213929", "抽检")
    assert isinstance(attached.parent, AttachedDocument) and attached.parent.address == "d2"
    assert (attached.caption, attached.numbered, attached.notes) == (
        "示例商品编号表",
        0,
        ("注：本表为示例。",),
    )
    assert [r.cells[0] for r in attached.rows if r.is_group] == ["一、机电产品", "二、其他"]
    assert attached.row("t2-r3").cells[1:] == ("0101.2100", "示例马", "0101210010")
    # the provision keeps its text whole, the table standing after its first paragraph
    assert notice.measure(1).clauses == ("检验范围。", "下列商品实施检验：")
    assert notice.tables == imported.tables


def _with_real_tables(text: str, path: Path, titled: str = "") -> Path:
    """The fixture `text` as a saved web page (.html) or a Word file (.docx) whose tables
    are real ones (<table>, a Word table): each run of TAB-separated lines becomes one, a
    line of one cell a row merged across the width. With `titled`, an attachment's title
    (the line between its label 附件 and its table) is the table's own instead: its first
    row, merged across the width ("row"), or a web page's `<caption>` ("caption")."""
    import docx
    from markupsafe import escape

    from notice_site.reading.sources import paragraphs_of_text
    from notice_site.reading.tables import text_tables

    lines = text.split("\n")
    blocks = {start: (end, grid) for start, end, grid in text_tables(lines)}
    items: list[str | list[list[str]]] = []
    i = 0
    while i < len(lines):
        if i in blocks:
            end, grid = blocks[i]
            rows = [list(grid.header)] + [
                [r.cells[0]] if r.group else list(r.cells) for r in grid.rows
            ]
            if titled and len(items) >= 2 and re.fullmatch(r"附件\d*", str(items[-2])):
                rows.insert(0, [items.pop()])
            items.append(rows)
            items.extend(grid.notes)
            i = end
            continue
        items.extend(paragraphs_of_text(lines[i]))
        i += 1
    width = 4
    if path.suffix == ".html":
        body = []
        for item in items:
            if isinstance(item, str):
                body.append(f"<p>{escape(item)}</p>")
                continue
            caption = ""
            if titled == "caption" and len(item[0]) == 1:
                caption = f"<caption>{escape(item[0][0])}</caption>"
                item = item[1:]
            cells = [
                "".join(f"<td>{escape(c)}</td>" for c in row)
                if len(row) > 1
                else f'<td colspan="{len(max(item, key=len))}">{escape(row[0])}</td>'
                for row in item
            ]
            rows = "".join(f"<tr>{c}</tr>" for c in cells)
            body.append(f"<table>{caption}{rows}</table>")
        path.write_text(
            f'<html><head><meta charset="utf-8"></head><body>{"".join(body)}</body></html>',
            encoding="utf-8",
        )
        return path
    document = docx.Document()
    for item in items:
        if isinstance(item, str):
            document.add_paragraph(item)
            continue
        width = len(max(item, key=len))
        table = document.add_table(rows=len(item), cols=width)
        for r, row in enumerate(item):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
            if len(row) == 1:
                table.cell(r, 0).merge(table.cell(r, width - 1))
    document.save(str(path))
    return path


@pytest.mark.parametrize("form", ["html", "docx"])
def test_the_tables_of_a_web_page_or_word_file_are_read_alike(tmp_path: Path, form: str) -> None:
    """A saved page's <table>s and a Word file's tables (merged group rows) are the notice's
    tables, placed as the text's are; a table laying out text is read as text (test_sources)."""
    fixture = ROOT / "tests" / "fixtures" / "announcement-table.txt"
    text = fixture.read_text(encoding="utf-8")
    from_text = import_notice(fixture, tmp_path / "a", "a", DATA)
    source = _with_real_tables(text, tmp_path / f"notice.{form}")
    imported = import_notice(source, tmp_path / "b", "b", DATA)
    assert imported.tables == from_text.tables
    assert imported.measures == from_text.measures


@pytest.mark.parametrize(
    ("form", "titled"), [("html", "row"), ("html", "caption"), ("docx", "row")]
)
def test_an_attachment_titled_by_its_tables_title_row(
    tmp_path: Path, form: str, titled: str
) -> None:
    """An attached document under its label alone (附件) whose table carries the title (a
    Word table's merged first row, a page's title row or <caption>) is titled by it, as the
    line above the table titles it in a text: the same notice from every form."""
    from notice_site.reading.importer import source_structure
    from notice_site.reading.report import describe

    fixture = ROOT / "tests" / "fixtures" / "announcement-table.txt"
    from_text = import_notice(fixture, tmp_path / "a", "a", DATA)
    source = _with_real_tables(fixture.read_text(encoding="utf-8"), tmp_path / f"n.{form}", titled)
    imported = import_notice(source, tmp_path / "b", "a", DATA)
    assert imported.divisions[0].title == "示例商品编号表"
    assert imported.divisions == from_text.divisions and imported.document == from_text.document
    assert imported.tables == from_text.tables and imported.measures == from_text.measures
    assert "document 2 (附件): 示例商品编号表" in describe(source_structure(source))


def test_make_table_refuses_what_it_cannot_place(tmp_path: Path) -> None:
    """`table` names the attachment it needs, and refuses an attachment holding a table
    already; nothing is written either time."""
    from support.commands import in_process

    source = ROOT / "tests" / "fixtures" / "announcement-table.txt"
    import_notice(source, tmp_path / "next", "next", DATA)
    before = (tmp_path / "next" / "measures.yaml").read_bytes()
    lonely = tmp_path / "其他.txt"
    lonely.write_text("其他表\n品名\t数量\n甲\t1\n乙\t2\n", encoding="utf-8")
    result = in_process(["table", str(lonely), "--data", "next"], tmp_path)
    assert result.returncode == 2
    assert "no attached document is titled (no title): say which it is" in result.stderr
    result = in_process(["table", str(lonely), "--data", "next", "--attachment", "2"], tmp_path)
    assert result.returncode == 2 and "holds a table already (t2)" in result.stderr
    assert (tmp_path / "next" / "measures.yaml").read_bytes() == before
    result = in_process(["table", str(lonely), "--data", "next", "--attachment", "3"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "added table t3 (其他, 2 rows) to 附件3" in result.stdout
    # a table deleted by the editor leaves its id free; the next table takes the first free one
    path = tmp_path / "next" / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: t1", "  - id: t9"), encoding="utf-8")
    (tmp_path / "next" / "tables" / "t1.csv").rename(tmp_path / "next" / "tables" / "t9.csv")
    result = in_process(["table", str(lonely), "--data", "next", "--attachment", "4"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "added table t1 (其他, 2 rows) to 附件4" in result.stdout


def test_an_announcement_whose_text_numbers_nothing_is_one_provision(tmp_path: Path) -> None:
    """A short announcement (no numbered paragraph, no attachment) is its one provision,
    unnumbered: no numeral before it, cited as 正文; `numbered: false` in measures.yaml, only
    ever false."""
    from notice_site.errors import DataError
    from notice_site.folder.load import load_notice

    source = ROOT / "tests" / "fixtures" / "announcement-unnumbered.txt"
    import_notice(source, tmp_path / "next", "next", DATA)
    notice = load_notice(tmp_path / "next" / "measures.yaml", draft=True)
    (only,) = notice.measures
    assert (only.numbered, only.mark, only.cited_as("第{numeral}条", "正文")) == (False, "", "正文")
    assert only.clauses[-1] == "示例总署、示例部2098年联合公告第3号同时废止。"
    assert notice.document.preamble == () and notice.document.closing == ("特此公告。",)
    assert notice.document.issuer == "示例总署 示例部"
    path = tmp_path / "next" / "measures.yaml"
    path.write_text(path.read_text("utf-8").replace("numbered: false", "numbered: true"), "utf-8")
    with pytest.raises(DataError, match="only `numbered: false` is written"):
        load_notice(path, draft=True)
