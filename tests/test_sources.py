"""The official text from a saved web page or a Word file: the same notice as from its text.

The fixtures are written here, from the sample notice's text (fictional, marked as a
sample): a page as an issuer's site serves it (the article in a table cell, a <p> per
paragraph, bold <span> headings, &nbsp; runs aligning the signature, empty <p><br></p>
spacers), and a Word file written with python-docx (bold runs, a heading style, and the
measures' 一、 二、 … as Word's automatic numbering, which is not in the runs' text).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from support.notices import SAMPLE
from support.shapes import HEADING, NUMBERING, saved_page, sources_of_text, word_file

from notice_site.reading import sources
from notice_site.reading.importer import SourceError, import_notice, notice_of_text

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def text_paragraphs(text: str) -> list[tuple[str, bool]]:
    """The sample's paragraphs as its text form has them: lines up to a blank line, joined;
    **…** around a whole paragraph is bold."""
    found = []
    for block in re.split(r"\n\s*\n", text):
        joined = "".join(line.strip() for line in block.splitlines())
        if not joined:
            continue
        bold = joined.startswith("**") and joined.endswith("**")
        found.append((joined.strip("*") if bold else joined, bold))
    return found


PARAGRAPHS = text_paragraphs(SAMPLE_TEXT)


def test_the_sample_has_headings_and_bold_paragraphs() -> None:
    assert sum(bool(HEADING.fullmatch(text)) for text, _ in PARAGRAPHS) == 7
    assert any(bold for _, bold in PARAGRAPHS)


def test_saved_web_page_gives_the_notice_of_its_text(tmp_path: Path) -> None:
    page = tmp_path / "notice.html"
    page.write_text(saved_page(PARAGRAPHS), encoding="utf-8")
    found = sources.paragraphs(page, page.read_bytes())
    assert [(p.text, p.bold) for p in found if p.text not in ("示例市海关", "2099年1月2日")] == (
        PARAGRAPHS
    )
    notice = import_notice(page, tmp_path / "from-page", "sample", None)
    # the same notice, with the signature and date the page adds after 特此通知。
    expected = notice_of_text(SAMPLE_TEXT, str(SAMPLE))
    signed = replace(expected.document, signature=("示例市海关", "2099年1月2日"), date="2099-01-02")
    assert notice == replace(expected, document=signed)
    # the page itself is kept, byte for byte, as the notice's source
    assert (tmp_path / "from-page" / "source" / "notice.html").read_bytes() == page.read_bytes()


def test_word_file_gives_the_notice_of_its_text(tmp_path: Path) -> None:
    path = word_file(PARAGRAPHS, tmp_path / "notice.docx")
    found = sources.paragraphs(path, path.read_bytes())
    # Word's numbering is written out as Word shows it; the typed indent is layout
    assert [(p.text, p.bold) for p in found] == PARAGRAPHS
    notice = import_notice(path, tmp_path / "from-word", "sample", None)
    assert notice == notice_of_text(SAMPLE_TEXT, str(SAMPLE))


def test_word_numbering_counts_levels_and_restarts_below() -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for level, text in [(0, "甲"), (1, "乙"), (1, "丙"), (0, "丁"), (1, "戊")] * 3:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            )
        )
    import io

    buffer = io.BytesIO()
    document.save(buffer)
    labels = [p.text[:-1] for p in sources.word_paragraphs(buffer.getvalue())[0]]
    assert labels[:5] == ["一、", "（一）", "（二）", "二、", "（一）"]
    assert labels[-2:] == ["六、", "（一）"]
    assert labels.count("（二）") == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notice.pdf", b"%PDF-1.7", "not a form the importer reads (.pdf)"),
        ("notice.doc", b"\xd0\xcf\x11\xe0", "not a form the importer reads (.doc)"),
        ("notice.docx", b"not a zip", "not a Word (.docx) file that can be read"),
        (
            "notice.html",
            b"<html><body><p>&nbsp;</p></body></html>",
            "no text found in this web page",
        ),
    ],
)
def test_unreadable_files_are_refused_with_one_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(SourceError) as refused:
        import_notice(source, tmp_path / "next", "next", None)
    assert str(refused.value).startswith(f"{source}: {message}")
    assert not (tmp_path / "next").exists()


def test_an_error_in_a_web_page_names_its_paragraph(tmp_path: Path) -> None:
    broken = [(t, b) for t, b in PARAGRAPHS if not t.startswith("三、")]
    page = tmp_path / "notice.html"
    page.write_text(saved_page(broken), encoding="utf-8")
    with pytest.raises(SourceError) as refused:
        import_notice(page, tmp_path / "next", "next", None)
    # the paragraph as the page shows them, empty ones left out, counted from 1
    found = sources.paragraphs(page, page.read_bytes())
    where = next(i for i, p in enumerate(found, 1) if p.text.startswith("四、"))
    assert str(refused.value) == (
        f"{page}, paragraph {where}: expected 三、 (3) but found 四、 (4): measures are "
        "numbered in order, with no gap or repeat"
    )


@pytest.mark.parametrize("shape", ["A", "B", "C", "D", "E"])
def test_every_shape_reads_the_same_from_a_web_page_and_a_word_file(
    tmp_path: Path, shape: str
) -> None:
    """The tree of each shape's sample (tests/support/shapes.py) is the same whichever form
    the text comes in: the paragraphs, the structure, the addresses."""
    from support.shapes import SHAPES

    from notice_site.reading.importer import source_structure
    from notice_site.reading.report import describe

    text = tmp_path / "notice.txt"
    text.write_text(SHAPES[shape], encoding="utf-8")
    paragraphs = [(p, False) for p in sources_of_text(SHAPES[shape])]
    page = tmp_path / "notice.html"
    page.write_text(saved_page(paragraphs), encoding="utf-8")
    word = word_file(paragraphs, tmp_path / "notice.docx")
    expected = source_structure(text)
    for other in (page, word):
        reading = source_structure(other)
        assert reading.source_paragraphs() == expected.source_paragraphs(), other.suffix
        assert describe(reading) == describe(expected), other.suffix


def test_a_word_file_keeps_the_text_set_in_tables(tmp_path: Path) -> None:
    """Text laid out in a table (a signature beside its date, a list of attachments) is
    text of the notice: read in place, row by row, a merged cell once."""
    from notice_site.reading.sources import word_paragraphs

    document = docx.Document()
    document.add_paragraph("样例通知正文。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "样例市人民政府"
    table.cell(0, 1).text = "2099年1月2日"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "（此件公开发布）"
    document.add_paragraph("附件")
    path = tmp_path / "notice.docx"
    document.save(str(path))
    assert [p.text for p in word_paragraphs(path.read_bytes())[0]] == [
        "样例通知正文。",
        "样例市人民政府",
        "2099年1月2日",
        "（此件公开发布）",
        "附件",
    ]
