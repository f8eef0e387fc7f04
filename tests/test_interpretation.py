"""A notice's official interpretation (政策解读): read from its text, web page or Word file,
kept in the notice folder, published at its own page in both scripts, linked both ways
with the provisions it names, in the booklet, the open data, the search and a library's list.

The fixture tests/fixtures/sample-interpretation.txt (made up, marked as a sample) explains
the sample notice: it names 第三条 twice and 第四条, quotes another document's 第十四条
(no link) and a 第九条 the notice does not have (no link)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pypdf
import pytest
from support.notices import SAMPLE, sample_notice
from support.project import ROOT, copy_project, readme_block, shell
from support.shapes import as_source

from notice_site.errors import DataError
from notice_site.folder.load import load_notice
from notice_site.folder.write import FolderError, add_interpretation, measures_yaml
from notice_site.library.listed import Listed
from notice_site.library.pages import notices_data, rows
from notice_site.model.interpretation import Interpretation, Section
from notice_site.model.notice import Notice
from notice_site.model.references import explaining, references
from notice_site.model.tree import AttachedDocument, Division, Measure, paragraphs_of
from notice_site.model.urls import booklet_filename
from notice_site.reading.interpretation import (
    UnreadableInterpretation,
    read_interpretation,
)
from notice_site.reading.interpretation import (
    paragraphs_of as source_paragraphs,
)
from notice_site.render.site import load_editions

FIXTURE = ROOT / "tests" / "fixtures" / "sample-interpretation.txt"
TABLES = ROOT / "tests" / "fixtures" / "tables-notice"


def fixture() -> Interpretation:
    return read_interpretation(source_paragraphs(FIXTURE, FIXTURE.read_bytes()), str(FIXTURE))


# -- reading ---------------------------------------------------------------------------


def test_the_text_is_read_into_title_sections_and_closing() -> None:
    i = fixture()
    assert i.title == "《示例市海关关于印发〈示例跨境贸易便利措施〉的通知》解读"
    assert [s.heading for s in i.sections] == ["一、背景说明", "二、具体措施解读"]
    assert [len(s.paragraphs) for s in i.sections] == [1, 3]
    assert i.sections[1].paragraphs[0].startswith("（一）关于多式联运。")
    assert (i.closing, i.published) == (("（示例市海关综合业务处）",), "2099-03-02")


@pytest.mark.parametrize("form", ["html", "docx"])
def test_a_web_page_or_word_file_reads_the_same(tmp_path: Path, form: str) -> None:
    source = as_source(FIXTURE.read_text(encoding="utf-8"), tmp_path / f"jiedu.{form}")
    read = read_interpretation(source_paragraphs(source, source.read_bytes()), str(source))
    assert read == fixture()


def test_a_heading_with_nothing_under_it_is_refused() -> None:
    with pytest.raises(UnreadableInterpretation, match="二、其他 has no paragraph under it"):
        read_interpretation(["某某解读", "一、背景", "正文。", "二、其他"], "x.txt")


# -- references: which provision a paragraph names --------------------------------------


def notice_of(*children) -> Notice:
    from support.notices import REAL

    return Notice(REAL.document, (), tuple(children))


def provision(number: int, label: str = "") -> Measure:
    return Measure(
        number, f"措施{number}", (), (), paragraphs_of([f"第{number}项内容。"]), label=label
    )


def test_a_provision_is_named_by_its_number_and_never_by_another_documents() -> None:
    notice = notice_of(*(provision(n) for n in range(1, 5)))
    text = "按照第三条执行，依照《示例办法》第十四条，参照海关总署令第89号，第四條亦然，第九条无。"
    found = [(text[r.start : r.end], r.target.number) for r in references(text, notice)]
    assert found == [("第三条", 3), ("第四條", 4)]


def test_an_article_is_named_by_its_label_and_a_section_division_by_its_numeral() -> None:
    articles = notice_of(provision(1, "第一条"), provision(2, "第二条"))
    (ref,) = references("见第二条。", articles)
    assert ref.target.number == 2
    section = Division("1", "一、", "总体要求", children=(provision(1, "（一）"),))
    divided = notice_of(section)
    (ref,) = references("本公告第一条所述", divided)
    assert ref.target is divided.division("1")


# -- the folder ------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return sample_notice(tmp_path / "sample")


def test_added_to_a_folder_it_reads_back_and_names_its_provisions(folder: Path) -> None:
    before = (folder / "measures.yaml").read_text(encoding="utf-8")
    add_interpretation(folder, fixture(), FIXTURE.name, FIXTURE.read_bytes())
    after = (folder / "measures.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # the editor's file, untouched above it
    assert (folder / "source" / FIXTURE.name).read_bytes() == FIXTURE.read_bytes()
    notice = load_notice(folder / "measures.yaml")
    assert notice.interpretation == fixture()
    assert explaining(notice) == {("measure", "3"): ("p2-1",), ("measure", "4"): ("p2-2",)}
    # written whole by the importer's writer, it reads back the same
    again = folder.parent / "again.yaml"
    themes = tuple({"slug": t.slug, "label": t.label} for t in notice.themes)
    again.write_text(measures_yaml(notice, SAMPLE.name, themes, "x"), encoding="utf-8")
    assert load_notice(again, draft=True).interpretation == notice.interpretation
    with pytest.raises(FolderError, match="exists already"):
        add_interpretation(folder, fixture(), FIXTURE.name, FIXTURE.read_bytes())


def test_a_mistake_in_it_is_one_message_with_its_line(folder: Path) -> None:
    add_interpretation(folder, fixture(), FIXTURE.name, FIXTURE.read_bytes())
    path = folder / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  published: 2099-03-02", "  published: 2099-13-02"), "utf-8")
    with pytest.raises(DataError) as caught:
        load_notice(path)
    line = text.splitlines().index("  published: 2099-03-02") + 1
    assert (caught.value.line, caught.value.place) == (line, "interpretation, published")
    path.write_text(text.replace("      paragraphs:\n", "      paragraph:\n", 1), "utf-8")
    with pytest.raises(DataError, match="unknown field 'paragraph'"):
        load_notice(path)


def test_a_library_lists_it_with_its_notice(folder: Path) -> None:
    add_interpretation(folder, fixture(), FIXTURE.name, FIXTURE.read_bytes())
    editions = load_editions(folder)
    notice = {lang: Listed.of(e) for lang, e in editions.items()}
    (row,) = rows([notice], "zh-Hant")
    # from the library's Traditional home, /zh-Hant/
    assert row["interpretation"] == "../sample-measures/zh-Hant/interpretation/"
    listed = notices_data(_Site(), [notice], "https://example.org/lib/")["notices"][0]
    assert listed["interpretation"] == "https://example.org/lib/sample-measures/interpretation/"


class _Site:
    name = "样例网站"
    owner = "样例局"


# -- published, by the README's commands --------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("interpretation") / "project")
    env = {"OFFICIAL_TEXT": str(SAMPLE), "INTERPRETATION": str(FIXTURE)}
    for line in readme_block("The official interpretation"):
        result = shell(line, project, **env)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
        if line.startswith("make interpretation"):
            assert "names the provisions: 三、, 四、" in result.stdout
    return project / "site"


@pytest.mark.slow
def test_its_page_links_the_provisions_and_they_link_back(built: Path) -> None:
    for prefix, named in (("", "第三条"), ("zh-Hant/", "第三條")):
        page = (built / prefix / "interpretation" / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="\.\./measures/(\d+)/">(第.条|第.條)</a>', page)
        assert links == [("3", named), ("3", named), ("4", links[2][1])]
        assert 'id="p2-3"' in page and "第十四" in page
        measure = (built / prefix / "measures" / "3" / "index.html").read_text(encoding="utf-8")
        assert 'href="../../interpretation/#p2-1"' in measure
        home = (built / prefix / "index.html").read_text(encoding="utf-8")
        assert 'href="interpretation/"' in home
        other = (built / prefix / "measures" / "5" / "index.html").read_text(encoding="utf-8")
        assert "interpretation/" not in other


@pytest.mark.slow
def test_it_is_in_the_booklet_the_open_data_and_the_search(built: Path) -> None:
    slug = re.search(r"SLUG=(\S+)", readme_block("The official interpretation")[0]).group(1)
    booklet = pypdf.PdfReader(built / "downloads" / booklet_filename(slug, "zh-Hans"))
    assert "政策解读" in [o.title for o in booklet.outline if not isinstance(o, list)]
    assert "（一）关于多式联运" in "".join(p.extract_text() for p in booklet.pages)
    schema = json.loads((built / "measures.schema.json").read_text(encoding="utf-8"))
    for prefix in ("", "zh-Hant/"):
        data = json.loads((built / prefix / "measures.json").read_text(encoding="utf-8"))
        # a draft's themes have no descriptions yet: the interpretation is held to its part
        part = {**schema["properties"]["interpretation"], "$defs": schema["$defs"]}
        jsonschema.validate(data["interpretation"], part)
        first = data["interpretation"]["sections"][1]["paragraphs"][0]
        assert first["anchor"] == "p2-1" and first["names"][0].endswith("measures/3/")
        index = json.loads((built / prefix / "search" / "search_index.json").read_text("utf-8"))
        assert "interpretation/#p2-2" in [d["location"] for d in index["docs"]]


def test_the_section_is_in_the_readme() -> None:
    lines = readme_block("The official interpretation")
    assert any(line.startswith("make interpretation SOURCE=") for line in lines)


def test_section_record_keeps_its_text() -> None:
    section = Section("一、背景", ("甲。",))
    assert Interpretation("题", (section,)).texts() == ["题", "一、背景", "甲。"]


@pytest.mark.slow
def test_its_page_reads_well_in_a_browser(built: Path, browser) -> None:
    """No serious accessibility violation, one h1, and no sideways scrolling on a phone,
    in both scripts; a paragraph's anchor lands on it."""
    from support.browser import axe_violations, settled
    from support.serving import serving

    with serving(built) as url:
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        for prefix in ("", "zh-Hant/"):
            tab.goto(f"{url}/{prefix}interpretation/#p2-1", wait_until="networkidle")
            settled(tab)
            assert tab.locator("h1").count() == 1
            assert tab.locator("#p2-1").evaluate("el => el.matches(':target')")
            wide = tab.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert not wide
            assert axe_violations(tab) == []
        tab.close()


def test_a_page_source_no_longer_made_is_removed(tmp_path: Path) -> None:
    """`make serve` writes page sources into docs/<lang>/: once a notice no longer has an
    interpretation or tables (another notice served after it), their sources go too, so no
    page of the last notice is built into the next."""
    from notice_site.render.site import write_files

    base = tmp_path / "zh-Hans"
    write_files(base, {"interpretation.md": "解读", "tables/t1.csv": "a,b\r\n", "index.md": "首页"})
    write_files(base, {"index.md": "首页"})
    assert sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()) == [
        "index.md"
    ]


def test_an_attached_list_is_named_by_its_label_its_title_or_a_quotation() -> None:
    notice = load_notice(TABLES / "measures.yaml")
    d2 = notice.division("d2")
    second = notice.measures[1]
    text = (
        "附件2所列商品，依照附件1第二条申报，见《商品编号表》和附件二；"
        "“申报时应使用调整后的编号”；《示例办法》附件2、附件材料和“调整后的编号”不是。"
    )
    found = [(text[r.start : r.end], r.target) for r in references(text, notice)]
    assert found == [
        ("附件2", d2),
        ("附件1第二条", second),
        ("《商品编号表》", d2),
        ("附件二", d2),
        ("“申报时应使用调整后的编号”", second),
    ]
    # 附件 alone names the attachment only where there is one
    assert references("附件所列", notice) == ()
    alone = notice_of(AttachedDocument("d1", "附件", "商品编号表", children=(provision(1),)))
    (ref,) = references("附件所列商品", alone)
    assert (ref.start, ref.end, ref.target) == (0, 2, alone.divisions[0])
