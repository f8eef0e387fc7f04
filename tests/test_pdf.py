"""The PDFs: the files as `python -m notice_site pdf` writes them, read back with pypdf.

Structure (outline, links, metadata, fonts), the text against the data, the
Chinese line-breaking rule, the QR codes (rendered by pdftoppm, decoded by
zxing-cpp), sizes and reproducibility. The PDFs are rendered once per session.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jinja2
import pypdf
import pytest
from support.commands import in_process
from support.notices import NUMBERS, PDF_COUNT, REAL
from support.project import ROOT, SITE_URL

from notice_site.model.numerals import chinese_numeral
from notice_site.model.tree import paragraphs_of
from notice_site.model.urls import (
    DEFAULT_SITE_URL,
    booklet_filename,
    clause_url,
    language_root,
    measure_filename,
    measure_url,
    offline_zip_filename,
    theme_url,
)
from notice_site.render import pdf
from notice_site.render.site import load_editions
from notice_site.settings import Settings

LANGUAGES = ("zh-Hans", "zh-Hant")
REGION = {"zh-Hans": "SC", "zh-Hant": "TC"}
CLOSING = "。，、；：？！）》”’〕」』"
OPENING = "（《“‘〔「『"
SLUG = REAL.document.slug
MM = 72 / 25.4
# The page margins of templates/pdf/pdf.css.j2: the header lives above the body, the footer below.
HEADER_BELOW = 24 * MM
FOOTER_ABOVE = 22 * MM


@pytest.fixture(scope="session")
def editions():
    return load_editions(ROOT / "data")


@pytest.fixture(scope="session")
def pdf_dir(site: Path) -> Path:
    """The PDFs of the real site build (conftest's `site`, made as `make site` does)."""
    return site / "downloads"


@pytest.fixture(scope="session")
def read(pdf_dir: Path):
    """pypdf readers of the PDFs, by file name, each opened once."""
    cache: dict[str, pypdf.PdfReader] = {}

    def reader(name: str) -> pypdf.PdfReader:
        if name not in cache:
            cache[name] = pypdf.PdfReader(pdf_dir / name)
        return cache[name]

    return reader


def all_names() -> list[str]:
    names = [booklet_filename(SLUG, language) for language in LANGUAGES]
    names += [measure_filename(language, n) for language in LANGUAGES for n in NUMBERS]
    return names


@dataclasses.dataclass
class PageText:
    header: list[str]
    body: list[str]
    footer: list[str]


def page_text(page: pypdf.PageObject) -> PageText:
    """The page's text as lines (fragments on one baseline joined left to right), by region.

    Fragments that touch (a tagged PDF starts one at each inline element, such
    as the numeral of 一、推动…) are joined as they read; apart, with a space.
    """
    fragments: dict[float, list[tuple[float, str, float]]] = defaultdict(list)

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        em = size * tm[0] * cm[0]  # the font size on the page
        # One fragment can hold several lines (pypdf breaks it at \n): they go down from y.
        for i, line in enumerate(text.split("\n")):
            if line.strip():
                fragments[round(y - i * size * 1.5)].append((x, line, em))

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    out = PageText([], [], [])
    # Lines within 4 pt of each other share a baseline (superscript-free text, refs sit a bit higher).
    baselines: list[list[float]] = []
    for y in sorted(fragments, reverse=True):
        if baselines and baselines[-1][-1] - y <= 4:
            baselines[-1].append(y)
        else:
            baselines.append([y])
    for group in baselines:
        parts = sorted(f for y in group for f in fragments[y])
        line = ""
        end = None  # where the previous fragment ends, if every glyph of it is a CJK em wide
        for x, text, em in parts:
            touching = end is not None and abs(x - end) < 0.3 * em and _wide(text[0])
            line += text.strip() if touching or not line else " " + text.strip()
            end = x + len(text) * em if all(_wide(ch) for ch in text) else None
        y = group[0]
        region = (
            out.header
            if y > height - HEADER_BELOW
            else out.footer
            if y < FOOTER_ABOVE
            else out.body
        )
        region.append(line)
    return out


def _wide(ch: str) -> bool:
    """A full-width character (CJK, its punctuation): one em wide."""
    import unicodedata

    return unicodedata.east_asian_width(ch) in {"W", "F"}


def squash(text: str) -> str:
    """Text with all whitespace removed: line breaks and the spacing of extraction do not count."""
    return re.sub(r"\s+", "", text)


def body_text(reader: pypdf.PdfReader) -> str:
    return squash("".join("".join(page_text(p).body) for p in reader.pages))


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every outline entry, in order."""
    entries: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return entries


def links(reader: pypdf.PdfReader) -> tuple[set[str], list[tuple[int, str]]]:
    """External URIs, and (page number from 1, named destination) of internal links."""
    uris: set[str] = set()
    internal: list[tuple[int, str]] = []
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            a = annotation.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            if "/A" in a and a["/A"].get("/S") == "/URI":
                uris.add(str(a["/A"]["/URI"]))
            elif "/Dest" in a:
                internal.append((number, str(a["/Dest"])))
            elif "/A" in a and a["/A"].get("/S") == "/GoTo":
                internal.append((number, str(a["/A"]["/D"])))
    return uris, internal


def fonts(reader: pypdf.PdfReader) -> dict[str, pypdf.generic.DictionaryObject]:
    """Every font used on any page, by its BaseFont name."""
    found = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            found[str(font.get("/BaseFont", font.get("/Name", "?")))] = font
    return found


def heading(m) -> str:
    return f"{chinese_numeral(m.number)}、{m.title}"


# -- the files --------------------------------------------------------------


def test_the_42_pdfs_and_nothing_else(pdf_dir: Path) -> None:
    # beside them only the offline copy (tests/test_offline.py)
    assert sorted(p.name for p in pdf_dir.iterdir()) == sorted(
        [*all_names(), offline_zip_filename(SLUG)]
    )
    assert len(all_names()) == PDF_COUNT


def test_sizes(pdf_dir: Path) -> None:
    for name in all_names():
        size = (pdf_dir / name).stat().st_size
        limit = 1_500_000 if name.startswith("twenty-measures") else 400_000
        assert 10_000 < size < limit, (name, size)


def test_page_counts(read) -> None:
    for language in LANGUAGES:
        # cover, contents, notice, measures, theme index
        assert 8 <= len(read(booklet_filename(SLUG, language)).pages) <= 30
        for n in NUMBERS:
            assert len(read(measure_filename(language, n)).pages) == 1, (language, n)


def test_cache_renders_again_only_what_changed(editions, pdf_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    jobs = [pdf.Job("zh-Hans", 3), pdf.Job("zh-Hans", 4)]
    first = pdf.write_pdfs(editions, SITE_URL, tmp_path / "a", jobs=jobs, cache_dir=cache)
    assert [w.from_cache for w in first] == [False, False]
    for w in first:
        assert w.path.read_bytes() == (pdf_dir / w.path.name).read_bytes()
    assert len(list(cache.iterdir())) == 2
    # An editor changes measure 3: its PDF is rendered again, measure 4's comes from the cache.
    hans = editions["zh-Hans"]
    m = hans.notice.measure(3)
    edited = dataclasses.replace(m, title=m.title + "（修订）")
    measures = tuple(edited if x.number == 3 else x for x in hans.notice.measures)
    notice = dataclasses.replace(hans.notice, children=measures)
    changed = {"zh-Hans": dataclasses.replace(hans, notice=notice)}
    second = pdf.write_pdfs(changed, SITE_URL, tmp_path / "b", jobs=jobs, cache_dir=cache)
    assert [w.from_cache for w in second] == [False, True]
    assert second[0].path.read_bytes() != first[0].path.read_bytes()
    assert "（修订）" in pypdf.PdfReader(second[0].path).pages[0].extract_text()
    assert second[1].path.read_bytes() == first[1].path.read_bytes()
    # Another site URL changes every link: nothing is reused.
    third = pdf.write_pdfs(
        editions, "https://example.gov.cn/", tmp_path / "c", jobs=jobs, cache_dir=cache
    )
    assert [w.from_cache for w in third] == [False, False]


@pytest.mark.slow  # the cache key asks fc-match which font files the faces are
def test_a_pdf_from_the_cache_draws_no_qr_code_and_starts_no_worker(
    editions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    jobs = [pdf.Job("zh-Hant", 5), pdf.Job("zh-Hant", 6)]
    first = pdf.write_pdfs(editions, SITE_URL, tmp_path / "a", jobs=jobs, cache_dir=cache)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("not when every PDF comes from the cache")

    monkeypatch.setattr(pdf.segno, "make_qr", forbidden)
    monkeypatch.setattr(pdf, "ProcessPoolExecutor", forbidden)
    again = pdf.write_pdfs(
        editions, SITE_URL, tmp_path / "b", jobs=jobs, workers=2, cache_dir=cache
    )
    assert [w.from_cache for w in again] == [True, True]
    for a, b in zip(first, again, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes()


def test_the_shared_fonts_and_stylesheet_give_the_bytes_of_fresh_ones(editions) -> None:
    """A process makes WeasyPrint's font configuration and stylesheet once for all its
    PDFs: a PDF's bytes do not depend on what the process rendered before."""
    hant = editions["zh-Hant"]
    html = pdf.job_html(pdf.Job("zh-Hant", 8), hant, SITE_URL)
    shared = pdf.render_pdf(html, "zh-Hant")
    pdf.render_job(pdf.Job("zh-Hans", 9), editions["zh-Hans"], SITE_URL)
    assert pdf.render_pdf(html, "zh-Hant") == shared
    assert pdf.render_pdf(html, "zh-Hant", reuse=False) == shared


def _headings(pdf_path: Path, level: str) -> list[str]:
    """The text of each heading of the PDF's structure tree, in order: the marked content
    each `level` element (/H1, /H2) names, read from the pages with pypdf's own decoding.

    (`pdfinfo -struct-text` gives the same, but takes a minute on a booklet: poppler
    reads the page's text again for every element.)"""
    reader = pypdf.PdfReader(pdf_path)
    page_index = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    texts: dict[int, dict[int, str]] = {}

    def marked_content(number: int) -> dict[int, str]:
        """The text of each marked-content id (MCID) of one page."""
        if number not in texts:
            found: dict[int, str] = defaultdict(str)
            open_ids: list[int | None] = []

            def before(operator: bytes, operands: list, cm: list, tm: list) -> None:
                if operator == b"BDC":
                    properties = operands[1] if len(operands) > 1 else None
                    open_ids.append(
                        properties.get("/MCID") if isinstance(properties, dict) else None
                    )
                elif operator == b"BMC":
                    open_ids.append(None)
                elif operator == b"EMC" and open_ids:
                    open_ids.pop()

            def text(chunk: str, cm: list, tm: list, font: object, size: float) -> None:
                ids = [i for i in open_ids if i is not None]
                if ids:
                    found[ids[-1]] += chunk

            reader.pages[page_index[number]].extract_text(
                visitor_operand_before=before, visitor_text=text
            )
            texts[number] = found
        return texts[number]

    def content(element, page: int | None) -> str:
        """The text of an element's marked content, its children's included, in order."""
        if "/Pg" in element:
            page = element.raw_get("/Pg").idnum
        kids = element.get("/K")
        kids = [] if kids is None else kids if isinstance(kids, list) else [kids]
        out = ""
        for kid in kids:
            kid = kid.get_object()
            if isinstance(kid, int):
                out += marked_content(page).get(kid, "")
            elif isinstance(kid, dict) and kid.get("/Type") == "/MCR":
                mcr_page = kid.raw_get("/Pg").idnum if "/Pg" in kid else page
                out += marked_content(mcr_page).get(kid["/MCID"], "")
            elif isinstance(kid, dict) and "/S" in kid:
                out += content(kid, page)
        return out

    headings: list[str] = []

    def walk(element) -> None:
        element = element.get_object()
        if not isinstance(element, dict):
            return
        if element.get("/S") == f"/{level}":
            headings.append(squash(content(element, None)))
            return
        kids = element.get("/K")
        for kid in [] if kids is None else kids if isinstance(kids, list) else [kids]:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return headings


def test_pdfs_are_tagged_for_screen_readers(pdf_dir: Path, editions) -> None:
    for name in all_names():
        info = subprocess.run(
            ["pdfinfo", str(pdf_dir / name)],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        ).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), name
    for language in LANGUAGES:
        notice = editions[language].notice
        titles = [squash(heading(m)) for m in notice.measures]
        # the booklet: one heading per measure, in order, with its number and title
        h2 = _headings(pdf_dir / booklet_filename(SLUG, language), "H2")
        assert [h for h in h2 if h in titles] == titles, h2
        # a single measure: its title is the page's heading
        single = _headings(pdf_dir / measure_filename(language, 13), "H1")
        assert squash(heading(notice.measure(13))) in single, single


# -- metadata, outline, links ----------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_metadata(read, editions, language: str) -> None:
    d = editions[language].notice.document
    booklet = read(booklet_filename(SLUG, language))
    assert booklet.metadata.title == f"{d.short_title} · {d.number}"
    assert booklet.trailer["/Root"]["/Lang"] == language
    for n in (1, NUMBERS[-1]):
        single = read(measure_filename(language, n))
        m = editions[language].notice.measure(n)
        assert single.metadata.title == f"{heading(m)} · {d.short_title}"
        assert single.trailer["/Root"]["/Lang"] == language
    for reader in (booklet, single):
        # Nothing that changes from one build to the next.
        assert "/CreationDate" not in reader.metadata
        assert "/ModDate" not in reader.metadata
        assert "/ID" not in reader.trailer


@pytest.mark.parametrize("language", LANGUAGES)
def test_booklet_outline_has_one_entry_per_measure_under_its_section(
    read, editions, language
) -> None:
    notice, ui = editions[language].notice, editions[language].ui
    reader = read(booklet_filename(SLUG, language))
    entries = outline(reader)
    assert [(level, title) for level, title, _ in entries] == [
        (1, ui["contents"]),
        (1, ui["preamble"]),
        (1, notice.document.short_title),
        *((2, heading(m)) for m in notice.measures),
        (1, ui["theme_index"]),
    ]
    # Each entry leads to the page where its heading is.
    for level, title, page in entries:
        if level == 2:
            assert title in page_text(reader.pages[page - 1]).body, (title, page)
    pages = [page for _, _, page in entries]
    assert pages == sorted(pages) and pages[0] == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_contents_page_numbers_and_links(read, editions, language) -> None:
    notice, ui = editions[language].notice, editions[language].ui
    reader = read(booklet_filename(SLUG, language))
    page_of = {title: page for _, title, page in outline(reader)}
    contents = page_text(reader.pages[1]).body
    assert contents[0] == ui["contents"]
    # "一、推动“零关税”政策扩容增效 ........ 4": the title, dot leaders, the page it is on.
    printed = {}
    for line in contents[1:]:
        # (a tagged PDF gives each leader dot its own fragment: ". . .")
        match = re.fullmatch(r"(.+?)\s*(?:\.\s*){3,}(\d+)", line)
        assert match, line
        printed[squash(match.group(1))] = int(match.group(2))
    expected = {heading(m): page_of[heading(m)] for m in notice.measures}
    expected[ui["preamble"]] = page_of[ui["preamble"]]
    expected[ui["theme_index"]] = page_of[ui["theme_index"]]
    expected[squash(f"{ui['attachment']}{notice.document.short_title}")] = page_of[
        notice.document.short_title
    ]
    assert printed == expected
    # Every entry is a link to its heading's page.
    _, internal = links(reader)
    destinations = reader.named_destinations
    targets = {
        name: reader.get_destination_page_number(destinations[name]) + 1
        for page, name in internal
        if page == 2
    }
    for m in notice.measures:
        assert targets[f"m{m.number}"] == page_of[heading(m)]
    assert targets["notice"] == page_of[ui["preamble"]]
    assert targets["themes"] == page_of[ui["theme_index"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_external_links_are_the_permanent_urls(read, editions, language) -> None:
    notice = editions[language].notice
    uris, _ = links(read(booklet_filename(SLUG, language)))
    expected = {language_root(SITE_URL, language)}
    for m in notice.measures:
        expected.add(measure_url(SITE_URL, language, m.number))
        expected.update(
            clause_url(SITE_URL, language, m.number, k) for k in range(1, len(m.clauses) + 1)
        )
    assert uris == expected
    for m in notice.measures:
        uris, internal = links(read(measure_filename(language, m.number)))
        assert uris == {
            measure_url(SITE_URL, language, m.number),
            *(clause_url(SITE_URL, language, m.number, k) for k in range(1, len(m.clauses) + 1)),
            notice.document.source_url,
        }
        assert internal == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_running_header_is_the_current_section_or_measure(read, editions, language) -> None:
    notice = editions[language].notice
    reader = read(booklet_filename(SLUG, language))
    entries = outline(reader)
    cover = page_text(reader.pages[0])
    assert cover.header == [] and cover.footer == []
    # The attachment's heading is in the outline but not in the header (the left one names the document).
    headings = [e for e in entries if e[1] != notice.document.short_title]
    assert len(headings) == len(entries) - 1
    current = None
    for number, page in enumerate(reader.pages, 1):
        here = [title for _, title, p in headings if p == number]
        current = here[0] if here else current
        text = page_text(page)
        if number == 1:
            continue
        assert text.header == [f"{notice.document.short_title} {current}"], number
        assert squash(" ".join(text.footer)) == f"—{number}—"


# -- fonts ------------------------------------------------------------------


@pytest.mark.parametrize("name", all_names())
def test_fonts_are_the_scripts_noto_faces_embedded_and_subset(read, name: str) -> None:
    language = "zh-Hant" if "zh-Hant" in name else "zh-Hans"
    used = fonts(read(name))
    assert used
    for base, font in used.items():
        assert font["/Subtype"] == "/Type0", base  # never /Type3
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), base
        # A subset is named XXXXXX+Name; the face is the script's (SC or TC), never JP or KR.
        assert re.fullmatch(
            rf"/[A-Z]{{6}}\+Noto-(Serif|Sans)-CJK-{REGION[language]}(-Bold)?", base
        ), base
        assert "/ToUnicode" in font, base
    if name.startswith("twenty-measures"):
        families = {re.sub(r"^/[A-Z]{6}\+", "", b) for b in used}
        r = REGION[language]
        assert families == {f"Noto-Serif-CJK-{r}", f"Noto-Sans-CJK-{r}-Bold"}


# -- text -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_booklet_text_is_the_data(read, editions, language) -> None:
    notice, ui = editions[language].notice, editions[language].ui
    d = notice.document
    text = body_text(read(booklet_filename(SLUG, language)))
    cover = squash(
        f"{d.issuer}{d.short_title}{d.attachment}{d.number}{language_root(SITE_URL, language)}"
    )
    notice_text = squash(f"{d.title}{d.number}{''.join(d.preamble)}{d.issuer}")
    measures = squash(
        f"{ui['attachment']}{d.attachment}"
        + "".join(
            heading(m)
            + (ui["themes"] + "".join(notice.theme(s).label for s in m.themes))
            + "".join(f"{m.number}.{k}{c}" for k, c in enumerate(m.clauses, 1))
            + ui["permalink"]
            + measure_url(SITE_URL, language, m.number)
            for m in notice.measures
        )
    )
    assert text.startswith(cover)
    # The notice and the measures, each in one piece and in this order.
    assert notice_text in text
    assert measures in text
    assert text.index(notice_text) < text.index(measures)
    for theme in notice.themes:
        assert squash(f"{theme.label}{theme.description}") in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_single_measure_text_is_the_data(read, editions, language) -> None:
    notice, ui = editions[language].notice, editions[language].ui
    d = notice.document
    for m in notice.measures:
        reader = read(measure_filename(language, m.number))
        numeral = chinese_numeral(m.number)
        expected = squash(
            f"{d.title}{d.issuer}{d.number}"
            + ui["measure_label"].format(numeral=numeral)
            + ui["measure_of"].format(count=len(notice.measures))
            + heading(m)
            + ui["themes"]
            + "".join(notice.theme(s).label for s in m.themes)
            + "".join(f"{m.number}.{k}{c}" for k, c in enumerate(m.clauses, 1))
            + ui["permalink"]
            + measure_url(SITE_URL, language, m.number)
            + ui["scan_to_open"]
            + ui["source"]
            + ui["official_notice"]
        )
        assert body_text(reader) == expected, m.number


def test_traditional_is_traditional(read) -> None:
    hans = body_text(read(booklet_filename(SLUG, "zh-Hans")))
    hant = body_text(read(booklet_filename(SLUG, "zh-Hant")))
    assert "关税" in hans and "關稅" not in hans
    assert "關稅" in hant and "关税" not in hant


# -- line breaking ----------------------------------------------------------


@pytest.mark.parametrize("name", all_names())
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(read, name: str) -> None:
    reader = read(name)
    lines = [line for page in reader.pages for line in page_text(page).body]
    assert len(lines) > 10
    for line in lines:
        assert line[0] not in CLOSING, line
        assert line[-1] not in OPENING, line


def test_the_rule_holds_where_a_line_is_exactly_full() -> None:
    """Ten characters fit a line: the 11th, punctuation, must pull a character down with it.

    The real PDFs pass the test above partly by chance of their line lengths;
    here every closing mark falls right after a full line, and every opening
    mark right at its end.
    """
    rows = [f"一二三四五六七八九十{c}甲乙丙丁" for c in CLOSING]
    rows += [f"一二三四五六七八九{c}甲乙丙丁戊己" for c in OPENING]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True
    )
    html = env.get_template("lines.html.j2").render(language="zh-Hans", rows=rows)
    reader = pypdf.PdfReader(io.BytesIO(pdf.render_pdf(html, "zh-Hans")))
    lines = [line for page in reader.pages for line in page_text(page).body]
    assert len(lines) == 2 * len(rows)
    for row, (first, second) in zip(rows, zip(lines[::2], lines[1::2], strict=True), strict=True):
        assert squash(first + second) == row
        assert second[0] not in CLOSING and first[-1] not in OPENING, (first, second)
        assert len(first) < 11


# -- the QR codes -----------------------------------------------------------


def test_qr_codes_decode_to_the_permanent_urls(pdf_dir: Path, tmp_path: Path) -> None:
    """What a phone sees: each single-measure PDF rendered to a 72 dpi image, then decoded."""
    import zxingcpp
    from PIL import Image

    def decode(job: tuple[str, int]) -> list[str]:
        language, n = job
        prefix = tmp_path / f"{language}-{n}"
        source = pdf_dir / measure_filename(language, n)
        subprocess.run(
            ["pdftoppm", "-r", "72", "-gray", "-png", "-singlefile", str(source), str(prefix)],
            check=True,
            timeout=600,
        )
        with Image.open(f"{prefix}.png") as image:
            results = zxingcpp.read_barcodes(image)
        return [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]

    jobs = [(language, n) for language in LANGUAGES for n in NUMBERS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = dict(zip(jobs, pool.map(decode, jobs), strict=True))
    for language, n in jobs:
        assert found[language, n] == [measure_url(SITE_URL, language, n)], (language, n)


# -- the package ------------------------------------------------------------


def test_data_never_becomes_markup(editions) -> None:
    hans = editions["zh-Hans"]
    m = hans.notice.measure(1)
    evil = dataclasses.replace(
        m, title="<b>粗</b>", paragraphs=paragraphs_of(("<script>x()</script>。", *m.clauses[1:]))
    )
    notice = dataclasses.replace(hans.notice, children=(evil, *hans.notice.measures[1:]))
    edition = dataclasses.replace(hans, notice=notice)
    for html in (pdf.booklet_html(edition, SITE_URL), pdf.measure_html(edition, 1, SITE_URL)):
        assert "<b>粗" not in html and "&lt;b&gt;粗&lt;/b&gt;" in html
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_stylesheet_names_the_scripts_faces() -> None:
    assert '"Noto Serif CJK SC"' in pdf.stylesheet("zh-Hans")
    assert '"Noto Sans CJK TC"' in pdf.stylesheet("zh-Hant")
    assert "CJK TC" not in pdf.stylesheet("zh-Hans") and "CJK SC" not in pdf.stylesheet("zh-Hant")


def test_permanent_urls() -> None:
    assert measure_url(SITE_URL, "zh-Hans", 13) == "https://measures.example.org/measures/13/"
    assert (
        measure_url(SITE_URL, "zh-Hant", 13) == "https://measures.example.org/zh-Hant/measures/13/"
    )
    assert clause_url("https://example.gov.cn/tm", "zh-Hant", 2, 3) == (
        "https://example.gov.cn/tm/zh-Hant/measures/2/#c3"
    )
    assert theme_url(SITE_URL, "zh-Hans", "tariff") == "https://measures.example.org/themes/tariff/"
    assert theme_url("https://example.gov.cn/tm", "zh-Hant", "tariff") == (
        "https://example.gov.cn/tm/zh-Hant/themes/tariff/"
    )
    assert booklet_filename(SLUG, "zh-Hant") == "twenty-measures.zh-Hant.pdf"
    assert measure_filename("zh-Hans", 7) == "measure-7.zh-Hans.pdf"
    with pytest.raises(ValueError, match="unknown language 'zh-Hk'"):
        measure_url(SITE_URL, "zh-Hk", 1)


def test_default_site_url_is_mkdocs_yml_default() -> None:
    match = re.search(
        r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]$', (ROOT / "mkdocs.yml").read_text(), re.M
    )
    assert match and match.group(1) == DEFAULT_SITE_URL


def test_command_rejects_a_bad_site_url(tmp_path: Path) -> None:
    result = in_process(["pdf", "--site-url", "example.org", "--out", str(tmp_path)], ROOT)
    assert result.returncode == 2
    assert "site URL must be an absolute http(s) URL" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_command_takes_the_site_url_from_the_environment(
    editions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    jobs = [pdf.Job("zh-Hant", 7)]
    [written] = pdf.write_pdfs(editions, "https://example.gov.cn/twenty", out, jobs=jobs)
    uris, _ = links(pypdf.PdfReader(written.path))
    assert "https://example.gov.cn/twenty/zh-Hant/measures/7/" in uris
    settings = Settings.read(tmp_path, {"SITE_URL": "https://example.gov.cn/x"})
    assert settings.site_url == "https://example.gov.cn/x/"
