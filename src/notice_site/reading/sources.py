"""The official text of a notice, from the forms an editor receives it in.

An editor gets the text as plain text (`.txt`, UTF-8), as a page saved from the
issuer's site (`.html`, `.htm`) or as a Word file (`.docx`). The importer reads
the official text's paragraphs, in order (structure.py); this module gives them
from each form:

- a text file: each non-empty line, its indent and a **bold** wrapping removed,
  with the line it stands on (messages name the line);

- a saved page: the article element (or the page's body), one paragraph per
  block element (`<p>`, `<h1>`…`<h6>`, `<li>`, a `<div>` holding text), its
  text as the browser shows it: runs of spaces and line breaks are one space,
  the spaces and indents at a paragraph's ends (`&nbsp;` runs that align the
  signature right, a leading 　　) are layout, not text; empty paragraphs
  (`<p><br></p>`) are dropped;
- a Word file: the body's paragraphs, those in tables too (python-docx), with
  Word's automatic numbering written out as the text Word shows (`一、`,
  `（一）`, `1.`, `第一条`);
- a paragraph set in bold as a whole (a heading) is marked so (`Paragraph.bold`).

Messages about a saved page or a Word file name the paragraph, counted from 1 as
they are given here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from notice_site.reading.tables import Grid, html_grid, is_data, table_mark, word_grid, word_rows

TEXT = (".txt",)
WEB_PAGE = (".html", ".htm")
WORD = (".docx",)
SUFFIXES = (*TEXT, *WEB_PAGE, *WORD)


class UnreadableSource(Exception):
    """A file the importer cannot read as an official text: the message says why."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


def kind(path: Path) -> str:
    """Which form `path` is in, by its extension: "text", "web page" or "Word file"."""
    suffix = path.suffix.lower()
    if suffix in TEXT:
        return "text"
    if suffix in WEB_PAGE:
        return "web page"
    if suffix in WORD:
        return "Word file"
    raise UnreadableSource(
        f"not a form the importer reads ({suffix or 'no extension'}): give the official "
        "text as .txt (UTF-8), a saved web page (.html) or a Word file (.docx)"
    )


def paragraphs(path: Path, data: bytes) -> list[Paragraph]:
    """The paragraphs of the saved web page or Word file `path`, whose bytes are `data`, in
    order, empty ones left out; a table's cells as paragraphs of their own."""
    return content(path, data, tables=False)[0]


def content(path: Path, data: bytes, tables: bool = True) -> tuple[list[Paragraph], list[Grid]]:
    """The paragraphs of the saved web page or Word file `path`, and (with `tables`) its
    tables of data (reading/tables.py): each stands among the paragraphs as one mark
    (tables.table_mark), in its place; a table laying out text (a signature beside its
    date) is read as paragraphs."""
    form = kind(path)
    if form == "web page":
        return web_page_paragraphs(data, tables)
    if form == "Word file":
        return word_paragraphs(data, tables)
    raise ValueError(f"{path}: a text file is read as it is")


# -- text files ------------------------------------------------------------------------


def paragraphs_of_text(text: str) -> list[str]:
    """The paragraphs of a text file: each non-empty line, its indent (　　) and a **bold**
    wrapping removed (bold is how a heading is set, not its words)."""
    return text_paragraphs(text)[0]


def text_paragraphs(text: str) -> tuple[list[str], list[int]]:
    """The paragraphs of a text file (paragraphs_of_text), and the line (from 1) each stands
    on, for messages that name it. Lines are split at \n only: str.splitlines() also breaks
    at \x0c or U+2028, and the numbers would not be those an editor's "go to line" finds."""
    found, lines = [], []
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        line = _unbold(line.strip().strip("\u3000").strip()).strip()
        if line:
            found.append(line)
            lines.append(number)
    return found, lines


def _unbold(line: str) -> str:
    """The line without the ** of a bold paragraph: around it whole (**二、示例**), or
    opening or closing one set over several lines; ** within its words (一、**示例**) stay."""
    if len(line) >= 4 and line.startswith("**") and line.endswith("**") and "**" not in line[2:-2]:
        return line[2:-2]
    if line.count("**") % 2:
        return line[2:] if line.startswith("**") else line.removesuffix("**")
    return line


# -- saved web pages ---------------------------------------------------------------------

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "td", "th", "dd", "dt"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD_TAGS = {"b", "strong"} | _HEADINGS
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.I)
# What the browser collapses (HTML's white space: not &nbsp;, not the ideographic space).
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# What stands at a paragraph's ends for layout only.
_EDGE = " \t\n\r\f\u00a0\u3000"


def web_page_paragraphs(data: bytes, tables: bool = False) -> tuple[list[Paragraph], list[Grid]]:
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(data, "lxml")
    for element in soup(["script", "style", "noscript", "template", "head"]):
        element.decompose()
    root = soup.find("article") or soup.find(id="UCAP-CONTENT") or soup.body or soup
    grids: list[Grid] = []
    for table in root.find_all("table") if tables else []:
        grid = html_grid(table) if table.find_parent("table") is None else None
        if grid is not None and is_data([grid.header, *(r.cells for r in grid.rows)]):
            grids.append(grid)
            mark = soup.new_tag("p")
            mark.string = table_mark(len(grids))
            table.replace_with(mark)
    found: list[Paragraph] = []

    def leaf_block(element: Tag) -> bool:
        return element.name in _BLOCKS and element.find(_BLOCKS) is None

    for element in root.find_all(leaf_block) if not leaf_block(root) else [root]:
        for br in element.find_all("br"):
            br.replace_with("\n")
        pieces = [
            (str(text), _is_bold(text.parent, element))
            for text in element.find_all(string=True)
            if text.parent is not None
        ]
        text = _HTML_SPACE.sub(" ", "".join(piece for piece, _ in pieces)).strip(_EDGE)
        if not text:
            continue
        bold = all(is_bold for piece, is_bold in pieces if piece.strip(_EDGE))
        found.append(Paragraph(text, bold))
    return found, grids


def _is_bold(element, block) -> bool:
    """Whether text inside `element` is set in bold (by a tag or a style), up to `block`."""
    while element is not None:
        if element.name in _BOLD_TAGS or _BOLD_STYLE.search(element.get("style") or ""):
            return True
        if element is block:
            return False
        element = element.parent
    return False


# -- Word files --------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def word_paragraphs(data: bytes, tables: bool = False) -> tuple[list[Paragraph], list[Grid]]:
    import io
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise UnreadableSource(f"not a Word (.docx) file that can be read: {e}") from None
    numbering = _Numbering(document)
    found: list[Paragraph] = []
    grids: list[Grid] = []
    for paragraph in _body_paragraphs(document, tables):
        if isinstance(paragraph, Grid):
            grids.append(paragraph)
            found.append(Paragraph(table_mark(len(grids))))
            continue
        label = numbering.label(paragraph)
        text = (label + paragraph.text).strip(_EDGE)
        if not text:
            continue
        runs = [run for run in paragraph.runs if run.text.strip(_EDGE)]
        style_bold = _style_bold(paragraph.style)
        bold = bool(runs) and all(run.bold if run.bold is not None else style_bold for run in runs)
        found.append(Paragraph(text, bold or _is_heading_style(paragraph.style)))
    return found, grids


def _body_paragraphs(container, tables: bool = False):
    """The paragraphs of a Word body (or a table cell) in reading order, those inside
    tables included, row by row and cell by cell: a signature or a list set in a table is
    text of the notice too. A cell merged across columns is read once. With `tables`, a
    table of data (tables.is_data) is its grid instead, in its place."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table) and tables and is_data(word_rows(item)):
            yield word_grid(item)
        elif isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _body_paragraphs(cell)
        else:
            yield item


def _style_bold(style) -> bool:
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _is_heading_style(style) -> bool:
    name = (style.name or "") if style is not None else ""
    return name.startswith(("Heading", "Title", "标题"))


class _Numbering:
    """Word's automatic numbering, written out as Word shows it: each list's counters by
    level, the level's format (一, 1, …) in its text (%1、, （%1）, 第%1条)."""

    def __init__(self, document) -> None:
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.lists: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.iter(f"{_W}lvl"):
                ilvl = int(level.get(f"{_W}ilvl"))
                fmt = _val(level.find(f"{_W}numFmt")) or "decimal"
                text = _val(level.find(f"{_W}lvlText")) or ""
                start = int(_val(level.find(f"{_W}start")) or 1)
                levels[ilvl] = (fmt, text, start)
            self.abstract[abstract.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            self.lists[num.get(f"{_W}numId")] = _val(num.find(f"{_W}abstractNumId"))

    def label(self, paragraph) -> str:
        properties = paragraph._p.pPr
        numbered = properties.numPr if properties is not None else None
        if numbered is None:
            numbered = self._style_numbering(paragraph.style)
        if numbered is None or numbered.numId is None:
            return ""
        num_id = str(numbered.numId.val)
        ilvl = int(numbered.ilvl.val) if numbered.ilvl is not None else 0
        levels = self.abstract.get(self.lists.get(num_id, ""), {})
        if num_id == "0" or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(levels.get(len(counters), ("decimal", "", 1))[2] - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1 :]  # a deeper level starts again under a new item
        fmt, text, _ = levels[ilvl]

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            if level >= len(counters):
                return ""
            return _format(counters[level], levels.get(level, (fmt, "", 1))[0])

        return re.sub(r"%(\d)", number, text)

    @staticmethod
    def _style_numbering(style):
        while style is not None:
            properties = style.element.pPr
            if properties is not None and properties.numPr is not None:
                return properties.numPr
            style = style.base_style
        return None


def _val(element) -> str | None:
    return element.get(f"{_W}val") if element is not None else None


def _format(n: int, fmt: str) -> str:
    from notice_site.model.numerals import chinese_numeral

    if fmt in {"chineseCounting", "chineseCountingThousand", "japaneseCounting"}:
        return chinese_numeral(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "bullet":
        return ""
    return str(n)
