"""Turn the official text of a notice into a new notice folder, ready for an editor to finish."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from notice_site.errors import DataError
from notice_site.folder.load import CLOSERS, SENTENCE_END, SLUG
from notice_site.folder.write import FolderError, measures_yaml, new_folder
from notice_site.folder.yaml_file import CONTROL, MAX_BYTES, read_yaml
from notice_site.model.notice import Division, Document, Measure, Notice
from notice_site.model.numerals import LARGEST, chinese_numeral, numeral_value
from notice_site.reading import sources
from notice_site.reading.sources import paragraphs_of_text
from notice_site.reading.structure import Part, Reading, Unit, read_structure
from notice_site.reading.vocabulary import (
    ATTACHMENT,
    AUTHORITY,
    DATE,
    DOC_NUMBER,
    EFFECTIVE,
    HEADING,
    department_names,
    iso_date,
    signs_off,
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
_SENTENCE = re.compile(f"[{SENTENCE_END}][{CLOSERS}]*")
_EXAMPLE_NUMBER = "某关发〔2026〕1号 or 某海关公告2026年第1号"


def parse_notice(text: str, name: str) -> Notice:
    """The notice in `text` (the official text; `name` is the file named in errors)."""
    # Split on \n only: str.splitlines() also breaks at \x0c, \x1c or U+2028, and the
    # line numbers in messages would no longer be those an editor's "go to line" finds.
    source = _Source(name, text.removeprefix("\ufeff").split("\n"))
    lines = source.lines
    start, end = source.title_lines()
    title = "".join(source.field(i) for i in range(start, end + 1) if lines[i])
    issuer = title.split("关于", 1)[0].strip()
    if not issuer:
        raise SourceError(
            name,
            "no issuer before 关于 in the title (a title reads <issuer>关于…的通知)",
            start + 1,
        )
    number_line = source.next_line(end + 1)
    before = source.previous_line(start - 1)
    body_from = number_line
    if (number_line is None or not DOC_NUMBER.fullmatch(lines[number_line])) and (
        before is not None and DOC_NUMBER.fullmatch(lines[before])
    ):
        # Some notices set the 文号 above the title: the preamble then starts after the title.
        number_line, body_from = before, end
    if number_line is None or not DOC_NUMBER.fullmatch(lines[number_line]):
        found = f"found {lines[number_line][:40]!r}" if number_line is not None else "found nothing"
        raise SourceError(
            name,
            f"no 文号 (document number) line after the title: expected a line such as "
            f"{_EXAMPLE_NUMBER}, {found}",
            (number_line if number_line is not None else end) + 1,
        )
    attachment_line = source.find(ATTACHMENT, body_from + 1)
    if attachment_line is None:
        # No 附件 line: the measures begin at the first heading, and the editor writes
        # the attachment's title (measures.yaml says so).
        first = source.find(HEADING, body_from + 1)
        preamble_end = first if first is not None else len(lines)
        attachment = ""
        after, after_what = body_from, "文号"
    else:
        preamble_end = attachment_line
        first = source.find(HEADING, attachment_line + 1)
        attachment = source.attachment(attachment_line, first)
        after, after_what = attachment_line, "附件"
    preamble = [source.field(i) for i in range(body_from + 1, preamble_end) if lines[i]]
    while len(preamble) > 1 and signs_off(preamble[-1], issuer):
        preamble.pop()
    if first is None:
        raise SourceError(
            name,
            f"no numbered measures (headings such as 一、<title>) after the {after_what} line",
            after + 1,
        )
    return _imported(
        Document(
            title=title,
            short_title="",
            slug="",
            attachment=attachment,
            issuer=issuer,
            number=lines[number_line],
            preamble=tuple(preamble),
            source_url=source.url(before=start),
        ),
        source.measures(first, issuer),
    )


def split_clauses(text: str) -> tuple[str, ...]:
    """The sentences of `text`, each with the closing marks after its 。！？; joined, they are `text`."""
    clauses = []
    start = 0
    for end in _SENTENCE.finditer(text):
        clauses.append(text[start : end.end()])
        start = end.end()
    # Text after the last sentence end stays a clause: the validator names it, and the
    # importer never invents punctuation the official text does not have. A note in
    # brackets there (（负责部门：…）, （市场监管总局负责）) belongs to the sentence before it.
    rest = text[start:]
    if rest and clauses and _TRAILING_NOTE.fullmatch(rest):
        clauses[-1] += rest
    elif rest:
        clauses.append(rest)
    return tuple(clauses)


# A bracketed note ending a paragraph after its last sentence: （负责部门：…；适用范围：…）
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[）)]")  # (load.TRAILING_NOTE checks it)


class _Source:
    """The stripped lines of a source text, with the searches parse_notice makes in them."""

    def __init__(self, name: str, raw: list[str]) -> None:
        self.name = name
        self.raw = raw
        self.lines = [line.strip() for line in raw]

    def fail(self, index: int | None, problem: str) -> NoReturn:
        raise SourceError(self.name, problem, None if index is None else index + 1)

    def field(self, index: int) -> str:
        """Line `index`, checked to be usable as (part of) a one-line text field."""
        line = self.lines[index]
        bad = CONTROL.search(line)
        if bad:
            self.fail(
                index,
                f"contains a control character (U+{ord(bad.group()):04X}) at column "
                f"{self._indent(index) + bad.start() + 1}; the text of a notice has none",
            )
        return line

    def _indent(self, index: int) -> int:
        raw = self.raw[index]
        return len(raw) - len(raw.lstrip())

    def next_line(self, index: int) -> int | None:
        while index < len(self.lines) and not self.lines[index]:
            index += 1
        return index if index < len(self.lines) else None

    def previous_line(self, index: int) -> int | None:
        while index >= 0 and not self.lines[index]:
            index -= 1
        return index if index >= 0 else None

    def find(self, pattern: re.Pattern[str], index: int) -> int | None:
        for i in range(index, len(self.lines)):
            if pattern.fullmatch(self.lines[i]):
                return i
        return None

    def title_lines(self) -> tuple[int, int]:
        """The first and last line of the title: <issuer>关于… over lines, the last ending in 通知."""
        end = next((i for i, line in enumerate(self.lines) if line.endswith("通知")), None)
        if end is None:
            self.fail(None, "no title: no line ends in 通知 (a title reads <issuer>关于…的通知)")
        start = end
        while "关于" not in self.lines[start]:
            start -= 1
            # A sentence or a link belongs to the framing before the title, never to the
            # title itself: past one, a 关于 would be some other text's.
            if start < 0 or _SENTENCE.search(self.lines[start]) or "://" in self.lines[start]:
                self.fail(
                    end,
                    "the title ending on this line has no 关于 line above it "
                    "(a title reads <issuer>关于…的通知)",
                )
        # The issuer on a line of its own above 关于… (某某海关 / 关于印发…): a short line
        # naming an authority, not the framing before the title.
        above = self.previous_line(start - 1)
        if (
            self.lines[start].startswith("关于")
            and above is not None
            and len(self.lines[above]) <= 30
            and self.lines[above].endswith(AUTHORITY)
            and not _SENTENCE.search(self.lines[above])
        ):
            start = above
        return start, end

    def attachment(self, line: int, first: int | None) -> str:
        """The attachment's title: after the 附件 colon, or else the title repeated below it."""
        text = (ATTACHMENT.fullmatch(self.field(line)).group(1) or "").strip()  # type: ignore[union-attr]
        if text:
            return text
        # The attachment begins with its own title (a second, empty 附件 line, then the
        # title in **bold**, over several lines); what stands after the last 附件 line is it.
        stop = first if first is not None else len(self.lines)
        block = range(line + 1, stop)
        last = max((i for i in block if ATTACHMENT.fullmatch(self.lines[i])), default=line)
        parts = [self.field(i) for i in range(last + 1, stop) if self.lines[i]]
        return "".join(parts).replace("**", "").strip()

    def url(self, before: int) -> str:
        for line in self.lines[:before]:
            found = _URL.search(line)
            if found:
                url = _trim_url(found.group())
                if "://" in url and not url.endswith("://"):
                    return url
        return ""

    def measures(self, first: int, issuer: str) -> tuple[Measure, ...]:
        # (number, title, heading line, text lines) of each heading, in order.
        found: list[tuple[int, str, int, list[str]]] = []
        seen: dict[int, int] = {}
        for i in range(first, len(self.lines)):
            if found and found[-1][3] and signs_off(self.lines[i], issuer):
                break
            heading = HEADING.fullmatch(self.lines[i])
            if heading is None:
                if self.lines[i]:
                    found[-1][3].append(self.field(i))
                continue
            self._check_has_text(found)
            expected = len(found) + 1
            numeral, title = heading.group(2), heading.group(3).strip()
            number = numeral_value(numeral)
            if expected > LARGEST:
                self.fail(i, f"more than {LARGEST} measures: numbers stop at {LARGEST}")
            if number is None:
                self.fail(
                    i,
                    f"{numeral}、 is not a numeral as measures are numbered: expected "
                    f"{chinese_numeral(expected)}、 ({expected})",
                )
            if number != expected:
                again = f" again (first on line {seen[number] + 1})" if number in seen else ""
                self.fail(
                    i,
                    f"expected {chinese_numeral(expected)}、 ({expected}) but found "
                    f"{numeral}、 ({number}){again}: measures are numbered in order, "
                    "with no gap or repeat",
                )
            # 一、<title>。<text>…: the title ends at its 。, the text runs on after it.
            title, _, rest = title.partition("。")
            if not title:
                self.fail(i, f"the heading {numeral}、 ({number}) has no title after 、")
            self.field(i)
            seen[number] = i
            found.append((number, title, i, [rest.strip()] if rest.strip() else []))
        self._check_has_text(found)
        # A measure's lines are one paragraph broken by the page (示范 / blank / 基地。)
        # or several paragraphs: either way its sentences run on, so no separator.
        return tuple(
            Measure(number, title, (), (), split_clauses("".join(text)))
            for number, title, _, text in found
        )

    def _check_has_text(self, found: list[tuple[int, str, int, list[str]]]) -> None:
        if found and not found[-1][3]:
            number, title, line, _ = found[-1]
            self.fail(
                line,
                f"measure {chinese_numeral(number)}、 ({number}) {title} has no text below its heading",
            )


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


def import_notice(source: Path, target: Path, slug: str, taxonomy_from: Path | None) -> Notice:
    """Make the notice folder `target` from the official text `source`: all of it, or nothing.

    Writes target/source/<source's name> (the source, byte for byte) and
    target/measures.yaml (the text fields filled, what the editor must write left
    empty); themes are those of the measures.yaml `taxonomy_from`, descriptions emptied.
    Returns the notice as its text gives it (the slug is the editor's, in the folder).
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
    themes = _taxonomy(taxonomy_from)
    named = replace(notice, document=replace(notice.document, slug=slug))
    text = measures_yaml(named, source.name, themes, str(target))
    try:
        new_folder(
            target,
            {f"source/{source.name}": raw, "measures.yaml": text.encode("utf-8")},
        )
    except FileExistsError:
        _refuse_existing(target)
    except FolderError as e:
        raise SourceError(str(target), str(e)) from None
    return notice


def _parse(source: Path, raw: bytes, name: str) -> Notice:
    """The notice in the official text `raw`: a text file as it is; a saved web page or a
    Word file by its paragraphs (notice_site.reading.sources), errors naming the paragraph.

    Measures headed 一、 二、 … each with a title of its own are read line by line
    (parse_notice); a text of any other shape is taken from its tree (from_structure)."""
    try:
        form = sources.kind(source)
        if form == "text":
            text = _decode(raw, name)
            paragraphs = paragraphs_of_text(text)
        else:
            found = sources.paragraphs(source, raw)
            if not found:
                raise SourceError(name, f"no text found in this {form}")
            text = sources.as_text(found)
            paragraphs = [p.text for p in found]
    except sources.UnreadableSource as e:
        raise SourceError(name, str(e)) from None
    tree = None
    if not any(CONTROL.search(p) for p in paragraphs):  # refused below, with the line
        tree = from_structure(read_structure(paragraphs))
    # Measures 一、 二、 … alone, some of them titled: read line by line, as before, which
    # also refuses a gap or a repeat in their numbers, and a heading with its title missing.
    simple = (
        tree is not None
        and not tree.divisions
        and all(m.label.endswith("、") or not m.label for m in tree.measures)
        and any(m.title for m in tree.measures)
    )
    if tree is not None and not simple:
        # Any other shape: from the tree. (Untitled paragraphs read line by line would each
        # pass their first sentence off as a title; items （一） would collapse into their
        # divisions.)
        return tree
    try:
        return parse_notice(text, name)
    except SourceError as e:
        if e.line is None or form == "text":
            raise
        raise SourceError(name, e.problem, paragraph=sources.paragraph_of(e.line)) from None


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


def from_structure(reading: Reading) -> Notice | None:
    """The notice from its tree: its provisions in reading order, each with its address,
    label, title as the source has it, paragraphs, departments and the division it stands
    in; the divisions (numbered headings holding provisions; and, where several documents
    hold provisions, each document); the notice's own text, the recipients, the signature
    and an attached document's intro and closing around them. None where the text holds
    no provision, or a provision with no text."""
    holding = [part for part in reading.parts if part.provisions()]
    if not holding or not reading.number:
        return None
    notice = reading.parts[0]
    in_body = holding == [notice]  # an announcement: its measures are its own text
    divisions: list[Division] = []
    found: list[tuple[Unit, str]] = []  # each provision, and the division it stands in

    def visit(units: list[Unit], within: str) -> None:
        for unit in units:
            if unit.is_division:
                address = unit.address
                title = unit.head if unit.heading_only else unit.title
                divisions.append(
                    Division(address, unit.label, title, within, tuple(unit.paragraphs))
                )
                visit(unit.children, address)
            else:
                found.append((unit, within))

    for part in holding:
        top = part.address
        if top:
            label = part.label.rstrip("：: ")
            title = part.title or (reading.title if part is notice else "")
            divisions.append(
                Division(top, label, title, "", tuple(part.intro), tuple(part.closing))
            )
        visit(part.units, top)
    measures = []
    for number, (unit, within) in enumerate(found, 1):
        paragraphs = _paragraphs_of(unit)
        if not paragraphs:
            return None
        measures.append(_measure(unit, number, paragraphs, unit.address, within))
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
        preamble=tuple(notice.intro if in_body else notice.intro + notice.closing),
        source_url=_trim_url(found_url.group()) if found_url else "",
        recipients=reading.recipients,
        signature=tuple(notice.signature),
        attachment_intro=tuple(single.intro) if single else (),
        attachment_closing=tuple(single.closing) if single else (),
        in_body=in_body,
        closing=tuple(notice.closing) if in_body else (),
    )
    return _imported(document, tuple(measures), tuple(divisions))


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


def _imported(
    document: Document, measures: tuple[Measure, ...], divisions: tuple[Division, ...] = ()
) -> Notice:
    """A notice as read from its text: the model's own, with no themes yet (the editor
    chooses them) and its slug and short title still to write."""
    return Notice(document, (), measures, divisions)


def source_structure(source: Path) -> Reading:
    """The document tree of the official text `source` (notice_site.reading.structure), for the
    editor to see what was read; `source` is known to be readable (it was imported)."""
    raw = Path(source).read_bytes()
    if sources.kind(Path(source)) == "text":
        found = paragraphs_of_text(_decode(raw, str(source)))
    else:
        found = [p.text for p in sources.paragraphs(Path(source), raw)]
    return read_structure(found)


def _paragraphs_of(unit: Unit) -> list[str]:
    """A provision's text, paragraph by paragraph: its own, and its list items with their
    labels (（一）…；), in the source's order."""
    out = [] if unit.heading_only or not unit.head else [unit.head]
    for item in unit.content:
        out.extend([item] if isinstance(item, str) else item.source_paragraphs())
    return out


def _measure(
    unit: Unit, number: int, paragraphs: list[str], address: str, division: str
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
    plain = unit.kind == "section" and unit.number == number and not division
    return Measure(
        number,
        title,
        (),
        (),
        tuple(clauses),
        tuple(breaks),
        address="" if address == str(number) else address,
        label="" if plain and unit.label == f"{chinese_numeral(number)}、" else unit.label,
        division=division,
        departments=department_names(unit.departments),
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
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise SourceError(
            name,
            f"is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}); "
            "save it as UTF-8 and import it again",
            line,
        ) from None
    return text.removeprefix("\ufeff")


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
