"""Turn the official text of a notice into a new notice folder, ready for an editor to finish."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from notice_site.errors import DataError
from notice_site.folder.load import SLUG
from notice_site.folder.write import FolderError, measures_yaml, new_folder, table_files
from notice_site.folder.yaml_file import CONTROL, MAX_BYTES, read_yaml
from notice_site.model.notice import Document, Notice
from notice_site.model.numerals import chinese_numeral
from notice_site.model.tree import AttachedDocument, Division, Measure, Table, paragraphs_of
from notice_site.reading import amendments, refusals, sources
from notice_site.reading.decoding import NotUtf8, utf8_text
from notice_site.reading.sources import text_paragraphs
from notice_site.reading.structure import Part, Reading, Unit, read_structure
from notice_site.reading.tables import NOTE, Grid, table_mark, table_of, text_tables, to_table
from notice_site.reading.vocabulary import (
    DATE,
    EFFECTIVE,
    department_names,
    iso_date,
    split_clauses,
)


class SourceError(Exception):
    """A source text (or import) that cannot become a notice: the file, the line if known, the problem."""

    def __init__(
        self, path: str, problem: str, line: int | None = None, paragraph: int | None = None
    ) -> None:
        super().__init__(path, problem, line, paragraph)
        self.path = path
        self.problem = problem
        self.line = line
        self.paragraph = paragraph  # in a web page or Word file, which have no lines to go to

    def __str__(self) -> str:
        # file:line: first, as compilers do, so editors and terminals can jump to it
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.paragraph:
            where = f"{self.path}, paragraph {self.paragraph}"
        return f"{where}: {self.problem}"


# ASCII only, so that a URL running into Chinese text (…index.html）。) stops where it should.
_URL = re.compile(r"https?://[^\s<>\"'\u0080-\U0010ffff]+")


def _trim_url(url: str) -> str:
    # Punctuation ending a URL is the sentence's, and a closing bracket the framing's
    # (…index.html)) unless the URL opened it itself.
    pairs = {")": "(", "]": "[", "}": "{"}
    while url and url[-1] in ".,;:!?)]}":
        last = url[-1]
        if last in pairs and url.count(pairs[last]) >= url.count(last):
            break
        url = url[:-1]
    return url


def import_notice(
    source: Path,
    target: Path,
    slug: str,
    taxonomy_from: Path | None,
    notices: Sequence[Notice] = (),
    site: str = "",
) -> Notice:
    """Make the notice folder `target` from the official text `source`: all of it, or nothing.

    Writes target/source/<source's name> (the source, byte for byte) and
    target/measures.yaml (the text fields filled, what the editor must write left
    empty); themes are those of the measures.yaml `taxonomy_from`, descriptions emptied;
    the effects its text states on other documents, found among `notices` (those of the
    site file `site`) where they are there (reading.amendments.proposals).
    Returns the notice as its text gives it, with those effects (the slug is the
    editor's, in the folder).
    """
    source, target = Path(source), Path(target)
    if not SLUG.match(slug):
        raise SourceError(
            str(target),
            f"the slug {slug!r} is not lower-case ASCII letters and digits joined by '-' "
            "(such as customs-2026-1)",
        )
    _refuse_existing(target)
    if target.parent.exists() and not target.parent.is_dir():
        raise SourceError(str(target), f"{target.parent} is a file, not a folder")
    name = str(source)
    raw = _read(source, name)
    notice = with_dates(_parse(source, raw, name))
    proposed = [p for p in amendments.proposals(notice, notices, site) if p.written]
    notice = replace(notice, effects=tuple(p.effect for p in proposed))
    themes = _taxonomy(taxonomy_from)
    named = replace(notice, document=replace(notice.document, slug=slug))
    effects = [(p.effect, p.todo) for p in proposed]
    text = measures_yaml(named, source.name, themes, str(target), effects)
    try:
        new_folder(
            target,
            {
                f"source/{source.name}": raw,
                "measures.yaml": text.encode("utf-8"),
                **table_files(named),
            },
        )
    except FileExistsError:
        _refuse_existing(target)
    except FolderError as e:
        raise SourceError(str(target), str(e)) from None
    return notice


def _parse(source: Path, raw: bytes, name: str) -> Notice:
    """The notice in the official text `raw`: a text file by its lines (errors name the
    line), a saved web page or a Word file by its paragraphs (notice_site.reading.sources;
    errors name the paragraph); its tables with it (reading/tables.py)."""
    try:
        form = sources.kind(source)
        if form == "text":
            return notice_of_text(_decode(raw, name), name)
        found, grids = sources.content(source, raw)
    except sources.UnreadableSource as e:
        raise SourceError(name, str(e)) from None
    if not found:
        raise SourceError(name, f"no text found in this {form}")
    return read_notice([p.text for p in found], name, grids=grids)


def notice_of_text(text: str, name: str) -> Notice:
    """The notice in the official text `text`, a text file's (`name` is the file named in
    errors, with the line)."""
    paragraphs, at, raw, grids = text_and_tables(text)
    return read_notice(paragraphs, name, at, raw, grids)


def text_and_tables(text: str) -> tuple[list[str], list[int], list[str], list[Grid]]:
    """A text file's paragraphs, the line each stands on, its lines as they are, and its
    tables: lines of cells separated by TABs, read by reading/tables.py, each standing
    among the paragraphs as one mark (tables.table_mark)."""
    raw = text.removeprefix("\ufeff").split("\n")
    lines = list(raw)
    grids = []
    for k, (start, end, grid) in enumerate(text_tables(raw), 1):
        lines[start:end] = [table_mark(k)] + [""] * (end - start - 1)
        grids.append(grid)
    paragraphs, at = text_paragraphs("\n".join(lines))
    return paragraphs, at, raw, grids


def read_notice(
    paragraphs: list[str],
    name: str,
    lines: list[int] | None = None,
    raw: list[str] | None = None,
    grids: Sequence[Grid] = (),
) -> Notice:
    """The notice whose paragraphs are given, read as a tree (structure.read_structure), or
    SourceError naming what is missing or wrong where it is: the line of each paragraph is
    in `lines` (`raw` holds the text's lines as they are), else its paragraph number."""

    def fail(problem: str, at: int | None) -> SourceError:
        if at is None:
            return SourceError(name, problem)
        if lines:
            return SourceError(name, problem, lines[at])
        return SourceError(name, problem, paragraph=at + 1)

    def place(at: int) -> str:
        return f"line {lines[at]}" if lines else f"paragraph {at + 1}"

    for at, paragraph in enumerate(paragraphs):
        bad = CONTROL.search(paragraph)
        if bad:
            # the column on the line as a text editor shows it, its indent included
            indent = raw[lines[at] - 1].find(paragraph) if lines and raw else 0
            raise fail(
                f"contains a control character (U+{ord(bad.group()):04X}) at column "
                f"{indent + bad.start() + 1}; the text of a notice has none",
                at,
            )
    reading = titled_by_tables(read_structure(paragraphs), grids)
    try:
        refusals.check(reading, paragraphs, place)
    except refusals.Refused as e:
        raise fail(e.problem, e.at) from None
    try:
        notice = from_structure(reading, grids)
    except UnplacedTable as e:
        raise fail(str(e), paragraphs.index(table_mark(e.k))) from None
    if notice is None:  # refusals.check names every case first
        raise SourceError(name, "no notice could be read from this text")
    return notice


def with_dates(notice: Notice) -> Notice:
    """The notice with the dates its text gives: the signature's date, and the day it takes
    effect where a provision says 自2099年7月1日起施行."""
    signed = next((m for line in notice.document.signature if (m := DATE.fullmatch(line))), None)
    effective = next(
        (m for measure in notice.measures for c in measure.clauses if (m := EFFECTIVE.search(c))),
        None,
    )
    date = iso_date(signed) if signed else ""
    takes_effect = iso_date(effective) if effective else ""
    if date and takes_effect and takes_effect < date:
        takes_effect = ""  # not this notice's own (a date quoted from another text)
    return replace(notice, document=replace(notice.document, date=date, effective=takes_effect))


class UnplacedTable(Exception):
    """A table standing where no provision or attached document can hold it."""

    def __init__(self, k: int) -> None:
        super().__init__(
            "a table outside any provision or attached document: put it under its 附件 line, "
            "or in the provision it belongs to"
        )
        self.k = k


def from_structure(reading: Reading, grids: Sequence[Grid] = ()) -> Notice | None:
    """The notice from its tree: its provisions in reading order, each with its address,
    label, title as the source has it, paragraphs, departments and the division it stands
    in; the divisions (numbered headings holding provisions; and, where several documents
    hold provisions, each document); the notice's own text, the recipients, the signature
    and an attached document's intro and closing around them. None where the text holds
    no provision, or a provision with no text."""
    holding = [part for part in reading.parts if part.provisions()]
    if not reading.number or not (holding or reading.unnumbered):
        return None
    tables = _Tables(grids)
    notice = reading.parts[0]
    # an announcement: its measures are its own text (a short one: its text is one)
    in_body = holding == [notice] or not holding
    numbered = itertools.count(1)

    def nodes(units: list[Unit], inside: bool) -> tuple[Division | Measure, ...] | None:
        """The units as the tree's nodes: divisions holding theirs, provisions numbered in
        reading order; None where a provision has no text. `inside`: they stand in a
        division or an attached document."""
        out: list[Division | Measure] = []
        for unit in units:
            if unit.is_division:
                children = nodes(unit.children, True)
                if children is None:
                    return None
                title = unit.head if unit.heading_only else unit.title
                paragraphs = tuple(unit.paragraphs)
                out.append(Division(unit.address, unit.label, title, paragraphs, (), children))
            else:
                paragraphs, placed = tables.in_text(_paragraphs_of(unit), unit.title)
                if not paragraphs:
                    return None
                out.append(_measure(unit, next(numbered), paragraphs, inside, placed))
        return tuple(out)

    top: list[Division | Measure | Table] = []
    if not holding:  # the text numbers no paragraph: it is the notice's one provision
        text, placed = tables.in_text(list(notice.intro), "")
        clauses = [c for paragraph in text for c in split_clauses(paragraph)]
        breaks = list(itertools.accumulate(len(split_clauses(t)) for t in text[:-1]))
        top.append(
            Measure(
                1, "", (), (), paragraphs_of(clauses, [b + 1 for b in breaks]), tables=placed,
                numbered=False,
            )
        )  # fmt: skip
    for part in reading.parts:
        if part in holding:
            children = nodes(part.units, bool(part.address))
            if children is None:
                return None
            if part.address:  # one of several documents holding provisions
                label = part.label.rstrip("：: ")
                title = part.title or (reading.title if part is notice else "")
                intro, closing = tuple(part.intro), tuple(part.closing)
                top.append(AttachedDocument(part.address, label, title, intro, closing, children))
            else:
                top.extend(children)
        if part.tables() and (part in holding or part is notice):
            raise UnplacedTable(part.tables()[0])
        if part is not notice and part not in holding and (part.tables() or part.label):
            # an attachment that is a table (附件2 商品编号表), or its label and title alone
            intro, placed = tables.in_text(part.intro + part.closing, part.title)
            label = part.label.rstrip("：: ")
            title = part.title or label
            top.append(AttachedDocument(part.address, label, title, tuple(intro), (), placed))
    issuer = reading.issuer
    found_url = next((_URL.search(line) for line in reading.framing if _URL.search(line)), None)
    single = holding[0] if len(holding) == 1 and not in_body else None
    attached = [part for part in holding if part is not notice]
    document = Document(
        title=reading.title,
        short_title="",
        slug="",
        attachment="" if in_body else _attachment_title(notice, attached),
        issuer=issuer,
        number=reading.number,
        preamble=tuple(
            () if not holding else notice.intro if in_body else notice.intro + notice.closing
        ),
        source_url=_trim_url(found_url.group()) if found_url else "",
        recipients=reading.recipients,
        signature=tuple(notice.signature),
        attachment_intro=tuple(single.intro) if single else (),
        attachment_closing=tuple(single.closing) if single else (),
        in_body=in_body,
        closing=tuple(notice.closing_as_set()) if in_body else (),
    )
    return _imported(document, tuple(top))


class _Tables:
    """The source's tables (reading/tables.py), made the model's where their marks stand."""

    def __init__(self, grids: Sequence[Grid]) -> None:
        self.grids = list(grids)

    def in_text(self, paragraphs: list[str], caption: str) -> tuple[list[str], tuple[Table, ...]]:
        """`paragraphs` without the marks of tables, and those tables, each after the
        paragraph it follows (from 1; 0 before the first); `caption` names a table whose
        source gives it no title (the provision's or the attached document's)."""
        text: list[str] = []
        placed: list[Table] = []
        notes_of: Table | None = None  # the table right above: a 注： paragraph is its note
        for paragraph in paragraphs:
            k = table_of(paragraph)
            if k is not None:
                notes_of = self.table(k, len(text), caption)
                placed.append(notes_of)
            elif notes_of is not None and NOTE.match(paragraph):
                notes_of = replace(notes_of, notes=(*notes_of.notes, paragraph))
                placed[-1] = notes_of
            else:
                text.append(paragraph)
                notes_of = None
        return text, tuple(placed)

    def table(self, k: int, after: int, caption: str) -> Table:
        return to_table(self.grids[k - 1], f"t{k}", caption or f"表{k}", after)


def _attachment_title(notice: Part, attached: list[Part]) -> str:
    """The attached document's title as a 附件：<title> line gives it (the notice's list of
    its attachments, or the line the attachment stands under), where there is one attached
    document; else the titles set above them, one phrase each."""
    listed = notice.listed_titles() or [part.named for part in attached if part.named]
    if len(attached) == 1 and len(listed) == 1:
        return listed[0]
    # several documents: their titles, one phrase each (the booklet's cover sets them
    # on lines of their own)
    return "\u3000".join(p.title for p in attached if p.title)


def _imported(document: Document, children: tuple[Division | Measure, ...]) -> Notice:
    """A notice as read from its text: the model's own, with no themes yet (the editor
    chooses them) and its slug and short title still to write."""
    return Notice(document, (), children)


def source_structure(source: Path) -> Reading:
    """The document tree of the official text `source` (notice_site.reading.structure), for the
    editor to see what was read; `source` is known to be readable (it was imported)."""
    raw = Path(source).read_bytes()
    if sources.kind(Path(source)) == "text":
        found, _, _, grids = text_and_tables(_decode(raw, str(source)))
    else:
        paragraphs, grids = sources.content(Path(source), raw)
        found = [p.text for p in paragraphs]
    return titled_by_tables(read_structure(found), grids)


def titled_by_tables(reading: Reading, grids: Sequence[Grid]) -> Reading:
    """`reading`, where an attached document under its label alone (附件2) opens with a table
    titled in its source (a Word table's merged first row, a web page's `<caption>` or
    title row), with that title as its own: what the line above the table gives it in a
    text, so every form gives the same notice."""
    for part in reading.parts:
        k = table_of(part.intro[0]) if part.label and not part.title and part.intro else None
        if k is not None and grids[k - 1].title:
            part.title = grids[k - 1].title
    return reading


def _paragraphs_of(unit: Unit) -> list[str]:
    """A provision's text, paragraph by paragraph: its own, and its list items with their
    labels (（一）…；), in the source's order."""
    out = [] if unit.heading_only or not unit.head else [unit.head]
    runs_on = bool(out) and _broken(out[-1])
    for item in unit.content:
        if isinstance(item, str) and runs_on:
            out[-1] += item  # a paragraph the page broke (…示范 / 基地。): one paragraph
        else:
            out.extend([item] if isinstance(item, str) else item.source_paragraphs())
        runs_on = isinstance(item, str) and _broken(out[-1])
    return out


def _broken(paragraph: str) -> bool:
    """A paragraph that stops in mid-sentence (a word, a comma): its text runs on below."""
    return paragraph[-1:].isalnum() or paragraph.endswith(("，", "、", ","))


def _measure(
    unit: Unit, number: int, paragraphs: list[str], inside: bool, tables: tuple[Table, ...] = ()
) -> Measure:
    """A provision as data: its title as the source has it (a heading of its own line,
    its 。 included; a run-in first sentence, which its text keeps; or none), its sentences
    paragraph by paragraph, and its label and address where they are not 一、 and its number."""
    clauses: list[str] = []
    breaks: list[int] = []
    for paragraph in paragraphs:
        if clauses:
            breaks.append(len(clauses) + 1)
        clauses.extend(split_clauses(paragraph))
    title = unit.head if unit.heading_only else unit.title
    plain = unit.kind == "section" and unit.number == number and not inside
    address = unit.address
    return Measure(
        number,
        title,
        (),
        (),
        paragraphs_of(clauses, breaks),
        address="" if address == str(number) else address,
        label="" if plain and unit.label == f"{chinese_numeral(number)}、" else unit.label,
        departments=department_names(unit.departments),
        tables=tables,
    )


def _refuse_existing(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise SourceError(
            str(target),
            "already exists: an import never writes into an existing folder "
            "(choose a new folder, or remove this one first)",
        )


def _read(source: Path, name: str) -> bytes:
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(
                name, f"the file is {size:,} bytes; a notice is far smaller (limit {MAX_BYTES:,})"
            )
        return source.read_bytes()
    except OSError as e:
        raise SourceError(name, f"cannot read the file ({e.strerror or e})") from None


def _decode(raw: bytes, name: str) -> str:
    try:
        return utf8_text(raw)
    except NotUtf8 as e:
        raise SourceError(name, f"{e} and import it again", e.line) from None


def _taxonomy(path: Path | None) -> tuple[dict[str, Any], ...]:
    """The themes of the measures.yaml `path`: slug, label and `required` where it is set."""
    if path is None:
        return ()
    name = str(path)
    try:
        data = read_yaml(Path(path), name)
    except DataError as e:
        problem = f"{e.place}: {e.problem}" if e.place else e.problem
        raise SourceError(e.path, problem, e.line) from None
    if not isinstance(data, dict):
        raise SourceError(
            name, "expected a measures.yaml (fields such as themes) to copy themes from"
        )
    items = data.get("themes")
    if not items:
        return ()
    if not isinstance(items, list):
        raise SourceError(name, "themes: expected a list of themes", _line(data, "themes"))
    themes = []
    for i, item in enumerate(items, 1):
        line = getattr(items, "lines", [None] * len(items))[i - 1]
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) for key in ("slug", "label")
        ):
            raise SourceError(name, f"theme {i}: expected a slug and a label, as text", line)
        theme: dict[str, Any] = {"slug": item["slug"], "label": item["label"]}
        if "required" in item:
            if not isinstance(item["required"], bool):
                raise SourceError(
                    name,
                    f"theme {i} ({item['slug']}), required: expected true or false",
                    _line(item, "required"),
                )
            theme["required"] = item["required"]
        themes.append(theme)
    return tuple(themes)


def _line(mapping: dict, key: str) -> int | None:
    return getattr(mapping, "lines", {}).get(key)
