"""Official texts of every shape (the samples of tests/support/shapes.py: A untitled
paragraphs, B divisions holding items, C an announcement, D articles in chapters, E several
attached documents), from the text, a saved web page and a Word file: imported the same
from all three, built as drafts by the README's lines and read back, pages, search, open
data and the booklet's outline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest
import yaml
from support.commands import in_process
from support.pages import Elements
from support.shapes import SHAPES, as_source

from notice_site.reading.sources import paragraphs_of_text
from notice_site.reading.structure import Unit, read_structure


def imported_yaml(text: str, folder: Path, form: str) -> str:
    source = as_source(text, folder / f"notice.{form}")
    result = in_process(["import", str(source), "--data", "next", "--slug", "next"], folder)
    assert result.returncode == 0, result.stderr
    written = (folder / "next" / "measures.yaml").read_text(encoding="utf-8")
    return written.replace(f"notice.{form}", "notice")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_imports_the_same_from_each_form(tmp_path: Path, shape: str) -> None:
    """The measures.yaml of a text, of its saved web page and of its Word file are the same
    (but for the source's name), and hold every provision the tree has."""
    written = {}
    for form in ("txt", "html", "docx"):
        (tmp_path / form).mkdir()
        written[form] = imported_yaml(SHAPES[shape], tmp_path / form, form)
    assert written["html"] == written["txt"]
    assert written["docx"] == written["txt"]
    reading = read_structure(paragraphs_of_text(SHAPES[shape]))
    provisions = [u for part in reading.parts for u in part.provisions()]
    data = yaml.safe_load(written["txt"])
    assert len(data["measures"]) == len(provisions)
    assert [m.get("address", str(m["number"])) for m in data["measures"]] == [
        u.address for u in provisions
    ]


# Each shape the others do not build is built once, from the form named.
BUILT = {"B": "html", "D": "docx", "E": "txt"}


@pytest.fixture(scope="module", params=sorted(BUILT))
def drafted(request, tmp_path_factory) -> dict:
    from support.shapes import draft_of

    shape = request.param
    site = draft_of(SHAPES[shape], tmp_path_factory.mktemp(f"shape-{shape}"), BUILT[shape])
    return {
        "shape": shape,
        "site": site,
        "reading": read_structure(paragraphs_of_text(SHAPES[shape])),
    }


def page_paragraphs(html: str) -> list[str]:
    """A measure page's text, paragraph by paragraph as its sentences open them."""
    page = Elements(html)
    opens = {
        a["id"]
        for a in page.find("li")
        if a.get("id") and "tm-clause--opens" in (a.get("class") or "")
    }
    out: list[str] = []
    k = 1
    while f"c{k}" in page.text_by_id:
        text = page.text_by_id[f"c{k}"].strip().split(" ", 1)[1]
        if f"c{k}" in opens or not out:
            out.append(text)
        else:
            out[-1] += text
        k += 1
    return out


def expected_paragraphs(unit: Unit) -> tuple[str, list[str]]:
    """The heading and the text of a provision's page: its label's paragraph is its heading
    when that holds only its title, else its text's first paragraph (the label shown in
    the heading); then every other paragraph, its list items' included."""
    first, *rest = unit.source_paragraphs()
    if unit.heading_only:
        return first, rest
    return unit.prefix, [unit.head, *rest]


@pytest.mark.slow
def test_every_provision_has_a_page_holding_its_whole_text(drafted) -> None:
    site, reading = drafted["site"], drafted["reading"]
    for unit in (u for part in reading.parts for u in part.provisions()):
        path = Path("measures") / unit.address / "index.html"
        html = (site / path).read_text(encoding="utf-8")
        heading, text = expected_paragraphs(unit)
        title = Elements(html).text_by_id["tm-title"]
        assert title.startswith(heading.strip("\u3000 ")), (path, title)
        assert page_paragraphs(html) == text, path
        assert (site / "zh-Hant" / path).is_file()


@pytest.mark.slow
def test_divisions_and_documents_have_pages_with_their_own_text(drafted) -> None:
    site, reading = drafted["site"], drafted["reading"]
    data = json.loads((site / "measures.json").read_text(encoding="utf-8"))
    divisions = data.get("divisions", [])
    headings = [u for part in reading.parts for u in part.walk() if u.is_division]
    assert len([d for d in divisions if not re.fullmatch(r"d\d+", d["address"])]) == len(headings)
    for d in divisions:
        html = (site / "divisions" / d["address"] / "index.html").read_text(encoding="utf-8")
        assert d["title"] in html
        for paragraph in d["paragraphs"] + d.get("closing", []):
            assert f">{paragraph}<" in html, (d["address"], paragraph)
        assert (site / "zh-Hant" / "divisions" / d["address"] / "index.html").is_file()
    # every paragraph of every document is on the site: the division pages hold their own,
    # the home page the notice's
    for part in reading.parts[1:]:
        for paragraph in part.intro + part.closing:
            assert any(
                paragraph
                in (site / "divisions" / d["address"] / "index.html").read_text(encoding="utf-8")
                for d in divisions
            ) or paragraph in (site / "index.html").read_text(encoding="utf-8"), paragraph


@pytest.mark.slow
def test_the_home_page_has_the_number_the_date_and_the_notice(drafted) -> None:
    site, reading = drafted["site"], drafted["reading"]
    home = (site / "index.html").read_text(encoding="utf-8")
    notice = reading.parts[0]
    for paragraph in [reading.number, reading.recipients, *notice.intro, *notice.signature]:
        assert paragraph in home, paragraph


@pytest.mark.slow
def test_search_and_open_data_hold_the_tree(drafted) -> None:
    site = drafted["site"]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"])
    data = json.loads((site / "measures.json").read_text(encoding="utf-8"))
    for m in data["measures"]:
        assert m["clauses"][0]["text"] in texts
        if m.get("division"):
            # a result names the division it stands in
            page = next(
                d
                for d in index["docs"]
                if d["location"] == f"measures/{m.get('address', m['number'])}/"
            )
            division = next(d for d in data["divisions"] if d["address"] == m["division"])
            assert division["title"] in page["title"], page["title"]
    # the JSON's tree as its schema describes it
    import jsonschema

    schema = json.loads((site / "measures.schema.json").read_text(encoding="utf-8"))
    tree = {"$defs": schema["$defs"], **schema["properties"]["divisions"]}
    jsonschema.validate(data["divisions"], tree, format_checker=jsonschema.FormatChecker())
    fields = schema["properties"]["measures"]["items"]["properties"]
    for m in data["measures"]:
        for key in ("address", "label", "division", "departments"):
            if key in m:
                jsonschema.validate(m[key], {"$defs": schema["$defs"], **fields[key]})
    # the CSV: one row per sentence, with where it stands
    rows = (site / "measures.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(",division")
    assert len(rows) - 1 == sum(len(m["clauses"]) for m in data["measures"])


@pytest.mark.slow
def test_the_booklet_outline_follows_the_divisions(drafted) -> None:
    site = drafted["site"]
    data = json.loads((site / "measures.json").read_text(encoding="utf-8"))
    booklets = (site / "downloads").glob("*.zh-Hans.pdf")
    reader = pypdf.PdfReader(next(p for p in booklets if not p.name.startswith("measure-")))

    def titles(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from titles(item, depth + 1)
            else:
                yield depth, item.title

    outline = list(titles(reader.outline))
    names = [t for _, t in outline]
    for d in data["divisions"]:
        assert any(d["title"] in t for t in names), d["title"]
    # a measure in a division stands below its division's entry
    depth = {t: k for k, t in outline}
    top = min(
        depth[t]
        for t in names
        if any(d["title"] in t for d in data["divisions"] if "within" not in d)
    )
    for m in (m for m in data["measures"] if m.get("division")):
        entry = next(
            t
            for t in names
            if t.startswith(m.get("label", "")) and (m["title"] or m["clauses"][0]["text"][:8]) in t
        )
        assert depth[entry] > top, entry
    # every page says 草稿
    assert all("草稿" in page.extract_text() for page in reader.pages)


@pytest.mark.slow
def test_the_index_filters_by_department(drafted, browser) -> None:
    """Departments named by the provisions filter the index, as themes do (shape B)."""
    site = drafted["site"]
    data = json.loads((site / "measures.json").read_text(encoding="utf-8"))
    named = [m for m in data["measures"] if m.get("departments")]
    if drafted["shape"] != "B":
        assert not named
        return
    department = named[0]["departments"][0]
    holding = sum(department in m.get("departments", []) for m in data["measures"])
    page = browser.new_page()
    page.goto((site / "measures" / "index.html").as_uri())
    page.get_by_role("button", name=re.compile(re.escape(department))).click()
    assert page.locator("tr.tm-index__row:visible").count() == holding
    assert "department=" in page.url
    # a division with no row shown hides its heading
    shown = page.locator("tr.tm-index__division:visible").count()
    assert 1 <= shown <= len(data["divisions"])
    page.close()


def test_check_names_a_provision_of_one_short_sentence() -> None:
    """`make check` passes a valid notice but names what looks odd: an untitled provision
    whose whole text is one short sentence (a heading read as text?). The first notice has
    none."""
    import dataclasses

    from support.project import ROOT

    from notice_site.folder.load import load_notice, oddities
    from notice_site.model.tree import paragraphs_of

    notice = load_notice(ROOT / "data" / "measures.yaml")
    assert oddities(notice) == []
    short = dataclasses.replace(
        notice.measures[2], title="", paragraphs=paragraphs_of(["总体要求。"])
    )
    odd = oddities(dataclasses.replace(notice, children=(*notice.measures[:2], short)))
    assert odd == [
        "measure 3 (三、): its whole text is one short sentence ('总体要求。'): a heading read "
        "as a provision? If so, make it the title of the measure below, or a division"
    ]


def test_check_names_a_division_holding_nothing_and_a_wrong_division(tmp_path: Path) -> None:
    """A division no measure stands in is named (an empty page would be published); a
    measure naming a division that is not listed stops the check with one message."""
    from support.notices import write_data

    divisions = (
        '\ndivisions:\n  - address: "1"\n    label: 一、\n    title: 总体要求\n'
        '\n  - address: "2"\n    label: 二、\n    title: 保障措施\n\nmeasures:\n'
    )

    def with_divisions(text: str) -> str:
        text = text.replace("\nmeasures:\n", divisions, 1)
        return text.replace("  - number: 1\n", '  - number: 1\n    division: "1"\n', 1)

    write_data(tmp_path / "data", with_divisions)
    result = in_process(["check", "data"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: data/measures.yaml:")
    assert "division 2: holds no measure and no division: a heading read as a division?" in (
        result.stderr
    )
    assert "division 1" not in result.stderr

    def wrong(text: str) -> str:
        return with_divisions(text).replace('division: "1"', 'division: "9"')

    write_data(tmp_path / "data", wrong)
    result = in_process(["check", "data"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "measure 1, division: there is no division '9' (divisions: 1, 2)" in result.stderr

    def apart(text: str) -> str:
        # measures 1 and 3 in division 1, measure 2 at the top between them: the file's
        # order is the reading order, so the tree cannot be read from it
        text = with_divisions(text)
        return text.replace("  - number: 3\n", '  - number: 3\n    division: "1"\n', 1)

    write_data(tmp_path / "data", apart)
    result = in_process(["check", "data"], tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "measure 3, division: '1' closed before measure 2" in result.stderr


@pytest.mark.slow
def test_citations_use_the_source_labels(drafted) -> None:
    """ "Copy citation" names a provision by the source's own label (（三）, 第三条), never a
    第N条 made from its place; the reference shown is its address and the sentence."""
    site, reading = drafted["site"], drafted["reading"]
    for unit in (u for part in reading.parts for u in part.provisions()):
        html = (site / "measures" / unit.address / "index.html").read_text(encoding="utf-8")
        first = next(a for a in Elements(html).find("li") if a.get("id") == "c1")
        assert f"{unit.label}第 1 句（{unit.address}.1）" in (first["data-citation"] or "")


def test_the_importer_reads_the_dates_the_text_gives(tmp_path: Path) -> None:
    """The signature's date (成文日期, in figures or in Chinese numerals) and the day a
    provision says the text takes effect (自…起施行) become the document's dates."""
    from notice_site.reading.vocabulary import DATE, iso_date

    data = yaml.safe_load(imported_yaml(SHAPES["D"], tmp_path, "txt"))
    assert (str(data["document"]["date"]), str(data["document"]["effective"])) == (
        "2099-06-01",
        "2099-07-01",
    )
    for text, iso in [
        ("二〇二五年十一月三日", "2025-11-03"),
        ("2025年11月3日", "2025-11-03"),
        ("二〇二五年十二月二十三日", "2025-12-23"),
        ("二〇二五年二月三十日", ""),
    ]:
        match = DATE.fullmatch(text)
        assert match and iso_date(match) == iso, text
