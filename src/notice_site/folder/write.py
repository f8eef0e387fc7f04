"""Writing a notice folder's measures.yaml: a new one (from the importer), and a change to
one an editor has worked on, keeping their comments and key order (ruamel.yaml, round trip).

What is written is read by load.py with PyYAML (YAML 1.1): every text is written plain
where PyYAML reads it back as that same text, else in double quotes, on one line."""

from __future__ import annotations

import csv
import datetime
import io
import os
import secrets
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver

from notice_site.folder.tables import TABLES_DIR
from notice_site.folder.yaml_file import CONTROL

if TYPE_CHECKING:
    from notice_site.model.effects import Effect
    from notice_site.model.interpretation import Interpretation
    from notice_site.model.notice import Document, Notice
    from notice_site.model.tree import Division, Measure, Table


class _Resolver(VersionedResolver):
    """YAML 1.1's rules (yes, on, 0x1F, 2026-01-01 are no text), as PyYAML reads the file, with
    no %YAML directive written: under ruamel's default, 1.2, an editor's `required: yes`
    would be read as text and written back as "yes", no longer true."""

    def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None) -> None:
        super().__init__((1, 1), loader, loadumper)


class _Representer(RoundTripRepresenter):
    pass


def _text(representer: _Representer, text: str) -> Any:
    # PyYAML's own resolver has the last word: plain only where it reads the text back as
    # text. White space at an end (an ideographic space too, which YAML would keep) is
    # quoted so that an editor sees it, and so is a - ? or : first (`- -开头` reads as a
    # nested list to a person, though not to YAML).
    plain = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    clear = text == text.strip() and not text.startswith(("-", "?", ":"))
    style = None if plain == "tag:yaml.org,2002:str" and clear else '"'
    return representer.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Representer.add_representer(str, _text)


class _Emitter(Emitter):
    def choose_scalar_style(self) -> Any:
        # Double quotes where a text cannot stand plain ("", "1", "- 开头"), as the files have
        # always been written; a text the editor put in single quotes keeps them.
        style = super().choose_scalar_style()
        return '"' if style == "'" and self.event.style != "'" else style


def _yaml() -> YAML:
    out = YAML()  # round trip: comments and key order are kept
    out.Resolver = _Resolver
    out.Representer = _Representer
    out.Emitter = _Emitter
    out.indent(mapping=2, sequence=4, offset=2)
    out.width = sys.maxsize  # a clause stays on its line, however long: no folding
    out.allow_unicode = True
    out.preserve_quotes = True
    return out


def dumps(data: Any) -> str:
    """`data` (plain or commented maps and lists) as the text of a YAML file."""
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def rewrite(path: Path, change: Callable[[CommentedMap], None]) -> None:
    """Apply `change` to the data of the YAML file `path` and write it back, atomically: an
    editor's comments, key order and quoting stay where the change does not touch them."""
    path = Path(path)
    data = _yaml().load(path.read_text(encoding="utf-8").removeprefix("\ufeff"))
    change(data)
    work = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}")
    try:
        work.write_text(dumps(data), encoding="utf-8")
        os.replace(work, path)
    finally:
        work.unlink(missing_ok=True)


def _note(mapping: CommentedMap, key: str, comment: str, indent: int) -> None:
    """`# comment` two spaces after the value of `key` (ruamel places a comment at a column)."""
    value = dumps({key: mapping[key]}).rstrip("\n")
    mapping.yaml_add_eol_comment(f"# {comment}", key, column=indent + len(value) + 2)


def _flow(items: Iterable[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


_DATE_NOTES = {
    "date": "成文日期, from the signature",
    "effective": "施行日期, from the text (自…起施行)",
}


def measures_yaml(
    notice: Notice,
    source_name: str,
    themes: tuple[dict[str, Any], ...],
    folder: str,
    effects: Sequence[tuple[Effect, str]] = (),
) -> str:
    """The measures.yaml of an imported notice, in the hand-written style of data/measures.yaml;
    `effects`, what it does to other documents as the importer proposes it, each with a
    to-do comment for the editor ("" for none)."""
    data = CommentedMap()
    data.yaml_set_start_comment(
        _header(notice, source_name, themes, folder, bool(effects)) + "\n\n"
    )
    data["document"] = _document(notice.document)
    data["themes"] = CommentedSeq()
    for theme in themes:
        item = CommentedMap(slug=theme["slug"], label=theme["label"], description="")
        if "required" in theme:
            item["required"] = bool(theme["required"])
        data["themes"].append(item)
    data.yaml_set_comment_before_after_key(
        "themes",
        "\nTheme taxonomy: the slug is part of the URL /themes/<slug>/ and never changes."
        if themes
        else "\n",
    )
    if notice.divisions:
        data["divisions"] = _spaced(_division(division) for division in notice.divisions)
        data.yaml_set_comment_before_after_key(
            "divisions",
            "\nThe document's tree: each numbered heading that holds measures (and, where\n"
            "several documents hold them, each document), with its own paragraphs; its page\n"
            "is /divisions/<address>/. Measures name the division they stand in.",
        )
    data["measures"] = _spaced(_measure(measure) for measure in notice.measures)
    data.yaml_set_comment_before_after_key("measures", "\n")
    if notice.tables:
        data["tables"] = _spaced(_table(table) for table in notice.tables)
        data.yaml_set_comment_before_after_key("tables", _TABLES_NOTE)
    if effects:
        data["effects"] = _effects(effects)
        data.yaml_set_comment_before_after_key("effects", _EFFECTS_NOTE)
    if notice.interpretation is not None:
        data["interpretation"] = interpretation_map(notice.interpretation)
        data.yaml_set_comment_before_after_key("interpretation", _INTERPRETATION_NOTE)
    return dumps(data)


_TABLES_NOTE = (
    "\nThe tables: where each stands (a division's whole content, or a measure after\n"
    "one of its paragraphs), its caption and notes; its rows are tables/<id>.csv, the\n"
    "column headers on the first line, a group heading alone on its line."
)


_EFFECTS_NOTE = (
    "\nWhat this notice does to other documents, as the importer read it in the text (make\n"
    "import printed it): confirm or correct each effect (kind, document, the notice of this\n"
    "site it acts on and where, the old and new words); delete one the text does not make.\n"
    "An effect naming no notice is recorded and changes nothing."
)


def _effects(effects: Sequence[tuple[Effect, str]]) -> CommentedSeq:
    """The `effects` list (folder/effects.py reads it), its keys in the order documented
    there; a to-do comment above an effect where the editor has something to write."""
    seq = CommentedSeq()
    for k, (effect, todo) in enumerate(effects):
        item = CommentedMap(kind=effect.kind, document=effect.document)
        target = effect.target
        if target.notice:
            item["notice"] = target.notice
        if target.provision:
            item["provision"] = target.provision
        part = target.part
        if part is not None:
            item[part[0]] = part[1]
        if effect.by:
            item["by"] = effect.by
        if effect.old:
            item["old"] = effect.old
        if effect.clauses:
            item["clauses"] = CommentedSeq(effect.clauses)
        if effect.breaks:
            item["breaks"] = _flow(effect.breaks)
        for name in ("label", "title"):
            if getattr(effect, name):
                item[name] = getattr(effect, name)
        if effect.effective:
            item["effective"] = datetime.date.fromisoformat(effect.effective)
        seq.append(item)
        note = textwrap.wrap(f"to do: {_comment(todo)}", 86, subsequent_indent="  ") if todo else []
        before = ("\n" if k else "") + "\n".join(note)
        if before:
            seq.yaml_set_comment_before_after_key(k, before, indent=2)
    return seq


def _table(table: Table) -> CommentedMap:
    item = CommentedMap(id=table.id)
    _note(item, "id", f"its rows: {TABLES_DIR}/{table.id}.csv", 4)
    if table.measure is not None:
        key = table.measure.key
        item["measure"] = int(key) if key.isdigit() else key  # measure: 2, as an editor writes it
        item["after"] = table.after
    else:
        item["division"] = table.parent.address
    item["caption"] = table.caption
    if table.numbered is not None:
        item["numbered"] = table.headers[table.numbered]
    if table.column_groups:
        item["header_rows"] = 2
        _note(item, "header_rows", "the column groups on the first line, the headers below", 4)
    if table.notes:
        item["notes"] = CommentedSeq(table.notes)
    return item


def table_csv(table: Table) -> bytes:
    """A table's file, tables/<id>.csv: UTF-8 with a byte order mark (a spreadsheet then
    reads the Chinese right), the column headers on the first line (under a line of column
    groups where it has them: header_rows: 2), a row a line, a group heading alone on its
    line. Every cell as it is: load reads each back as text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if table.column_groups:
        writer.writerow(table.column_groups)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(row.cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_files(notice: Notice) -> dict[str, bytes]:
    """The files of a notice's tables, by their path in its folder (for new_folder)."""
    return {f"{TABLES_DIR}/{t.id}.csv": table_csv(t) for t in notice.tables}


_INTERPRETATION_NOTE = (
    "\nIts official interpretation (政策解读), the source's text: published at\n"
    "/interpretation/, linked both ways with the provisions it names (第一条)."
)


def interpretation_map(interpretation: Interpretation) -> CommentedMap:
    """The `interpretation` mapping of measures.yaml (folder/interpretation.py reads it)."""
    item = CommentedMap(title=interpretation.title)
    if interpretation.source_url:
        item["source_url"] = interpretation.source_url
    if interpretation.published:
        item["published"] = datetime.date.fromisoformat(interpretation.published)
    item["sections"] = CommentedSeq(
        CommentedMap(heading=s.heading, paragraphs=CommentedSeq(s.paragraphs))
        for s in interpretation.sections
    )
    if interpretation.closing:
        item["closing"] = CommentedSeq(interpretation.closing)
    return item


def add_interpretation(
    folder: Path, interpretation: Interpretation, source_name: str, raw: bytes
) -> None:
    """Add `interpretation` to the notice folder `folder`: its source, byte for byte, as
    source/<source_name>, and the `interpretation` mapping at the end of its measures.yaml,
    the rest of the file (an editor's comments and key order) as it was. FolderError where
    the folder holds one already, or its source's name is taken."""
    path = folder / "measures.yaml"
    target = folder / "source" / source_name
    if target.exists():
        raise FolderError(f"{target} exists already: give the interpretation another name")

    def change(data: CommentedMap) -> None:
        if "interpretation" in data:
            raise FolderError(
                f"{path} holds an interpretation already: delete it there to import it again"
            )
        data["interpretation"] = interpretation_map(interpretation)
        data.yaml_set_comment_before_after_key("interpretation", _INTERPRETATION_NOTE)

    try:
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(raw)
    except OSError as e:
        raise FolderError(f"cannot write {target} ({e.strerror or e})") from None
    try:
        rewrite(path, change)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _header(
    notice: Notice,
    source_name: str,
    themes: tuple[dict[str, Any], ...],
    folder: str,
    effects: bool = False,
) -> str:
    d = notice.document
    todo = ["document.short_title: the notice's short name (left empty on purpose)"]
    if not d.attachment and not d.in_body:
        todo.append(
            "document.attachment: the source has no 附件 line; write the attachment's title"
        )
    if not d.source_url:
        todo.append("document.source_url: the source gives none; write where the text is published")
    if themes:
        todo.append("themes: each theme's description")
    else:
        todo.append("themes: the taxonomy (none was given to copy): slug, label, description")
    todo.append("measures: each measure's themes (and related measures)")
    if effects:
        todo.append("effects: confirm each effect the importer read in the text (see there)")
    return "\n".join(
        [
            f"The notice, as data: imported from source/{_comment(source_name)}.",
            "Title, issuer, number, attachment, preamble and every measure's title and",
            "clauses are the source's text, character for character (one clause per sentence).",
            "Still to write by hand:",
            *(f"  - {line};" for line in todo),
            f"  then run `make check DATA={_comment(folder)}`.",
        ]
    )


def _document(notice: Document) -> CommentedMap:
    document = CommentedMap(title=notice.title, short_title="")
    _note(document, "short_title", "left empty on purpose: the editor writes it", 2)
    document["slug"] = notice.slug
    document["attachment"] = notice.attachment
    if notice.in_body:
        _note(document, "attachment", "none: the measures stand in the notice's own text", 2)
    elif not notice.attachment:
        _note(document, "attachment", "the source has no 附件 line: write it", 2)
    document["issuer"] = notice.issuer
    document["number"] = notice.number
    if notice.recipients:
        document["recipients"] = notice.recipients
    document["preamble"] = CommentedSeq(notice.preamble)
    if notice.in_body:
        document["in_body"] = True
    for name in ("closing", "signature", "attachment_intro", "attachment_closing"):
        if getattr(notice, name):
            document[name] = CommentedSeq(getattr(notice, name))
    for name in ("date", "effective"):
        if getattr(notice, name):
            # a date as YAML writes it (2026-03-01, unquoted), as load.py expects
            document[name] = datetime.date.fromisoformat(getattr(notice, name))
            _note(document, name, _DATE_NOTES[name], 2)
    document["source_url"] = notice.source_url
    if not notice.source_url:
        _note(document, "source_url", "the source gives no http(s) address: write it", 2)
    return document


def _spaced(items: Iterable[CommentedMap]) -> CommentedSeq:
    """A list whose items stand apart, a blank line between two."""
    seq = CommentedSeq(items)
    for k in range(1, len(seq)):
        seq.yaml_set_comment_before_after_key(k, "\n")
    return seq


def add_tables(folder: Path, tables: Sequence[Table], new: Division | None = None) -> None:
    """Add `tables` (each standing where its parent says: an attached document, 附件2, or a
    provision after one of its paragraphs) to the notice folder `folder`: their rows as
    tables/<id>.csv, their entries at the end of measures.yaml's `tables:` and, for a `new`
    attached document, its entry in `divisions:`; the rest of the file, comments included,
    as it was. FolderError where a table's file exists already."""
    files = {folder / TABLES_DIR / f"{t.id}.csv": table_csv(t) for t in tables}
    for path in files:
        if path.exists():
            raise FolderError(f"{path} exists already")

    def change(data: CommentedMap) -> None:
        if new is not None:
            data.setdefault("divisions", CommentedSeq()).append(_division(new))
        if "tables" not in data:  # as a new notice's file has them (measures_yaml)
            data["tables"] = CommentedSeq()
            data.yaml_set_comment_before_after_key("tables", _TABLES_NOTE)
        listed = data["tables"]
        for t in tables:
            listed.append(_table(t))
            if len(listed) > 1:
                listed.yaml_set_comment_before_after_key(len(listed) - 1, "\n")

    written = []
    try:
        for path, content in files.items():
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(content)
            written.append(path)
        rewrite(folder / "measures.yaml", change)
    except BaseException as e:
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise FolderError(f"cannot write the folder ({e.strerror or e})") from None
        raise


def _division(division: Division) -> CommentedMap:
    item = CommentedMap(address=division.address, label=division.label, title=division.title)
    if division.within:
        item["within"] = division.within
    for name in ("paragraphs", "closing"):
        if getattr(division, name):
            item[name] = CommentedSeq(getattr(division, name))
    return item


def _measure(measure: Measure) -> CommentedMap:
    item = CommentedMap(number=measure.number)
    if measure.address:
        item["address"] = measure.address
        _note(item, "address", "its page: measures/<address>/", 4)
    if measure.label:
        item["label"] = measure.label
    if measure.within:
        item["division"] = measure.within
    item["title"] = measure.title
    if not measure.title:
        _note(item, "title", "untitled in the source: its opening words name it", 4)
    item["themes"] = CommentedSeq()
    item["related"] = CommentedSeq()
    item["clauses"] = CommentedSeq(measure.clauses)
    if measure.breaks:
        item["breaks"] = _flow(measure.breaks)
    if measure.departments:
        item["departments"] = _flow(measure.departments)
    if not measure.numbered:
        item["numbered"] = False
        _note(item, "numbered", "the text numbers no paragraph: it is this one provision", 4)
    return item


def _comment(text: str) -> str:
    # A line break in a file name would end the comment and break the YAML.
    return CONTROL.sub("?", text)


class FolderError(Exception):
    """A notice folder that could not be written: the message says what and why."""


def new_folder(target: Path, files: dict[str, bytes]) -> None:
    """Make the folder `target` holding `files` (path inside it → bytes): all of it, or
    nothing. It is built beside the target and renamed into place, so that a failure at any
    point (a full disk, an interrupt) leaves no half-written notice for a build to pick up.
    FileExistsError where `target` exists (rename() would silently replace an empty folder
    made meanwhile: checked again before it); FolderError for anything else."""
    if target.exists() or target.is_symlink():
        raise FileExistsError(target)
    # DATA=notices/next on a fresh clone: the folder of notices is made with the first one.
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise FolderError(f"cannot create {target.parent} ({e.strerror})") from None
    work = target.parent / f".{target.name}.importing-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        work.mkdir()
    except OSError as e:
        raise FolderError(f"cannot create {work.name} beside it ({e.strerror})") from None
    try:
        for name, data in files.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_bytes(data)
        if target.exists() or target.is_symlink():
            raise FileExistsError(target)
        os.rename(work, target)
    except BaseException as e:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(e, OSError) and not isinstance(e, FileExistsError):
            raise FolderError(f"cannot write the folder ({e.strerror or e})") from None
        raise
