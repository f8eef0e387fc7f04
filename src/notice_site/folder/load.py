"""Read data/measures.yaml into a Notice, checking everything a single mistake could break.

Every problem raises DataError naming the file, the line, the place (measure
number and field) and what is wrong. Nothing here prints or exits.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import pickle
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from notice_site.folder.effects import read_effects
from notice_site.folder.interpretation import read_interpretation
from notice_site.folder.tables import TABLES_DIR, read_tables
from notice_site.folder.yaml_file import (
    Reader,
    YamlMap,
    kind_of,
    parse_yaml,
    read_bytes,
)
from notice_site.model import addresses
from notice_site.model.notice import Document, Notice, Theme
from notice_site.model.tree import (
    AttachedDocument,
    Division,
    Measure,
    Table,
    paragraphs_of,
    walk_nodes,
)

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SENTENCE_END = "。！？"
# A sentence may close inside quotes or brackets: 。” or 。）
CLOSERS = "”’」』）》"
# A bracketed note ending a sentence: 。（负责部门：住房城乡建设部）
TRAILING_NOTE = re.compile(r"(?<=[。！？])[（(][^（()）]*[）)]$")

# The last notice loaded, by file name and content: a build reads the data in
# two hooks, and parsing 2,000 measures with line numbers takes seconds. The
# key is the content, so a changed file (mkdocs serve) is always read anew.
_last: dict[tuple[str, bytes], Notice] = {}


class NoticeCache:
    """Where a library's build keeps the notices it read and checked (load_notice), one
    file each, and which of them it used: prune() deletes the others (a notice since
    edited or removed, or read by other code), so the folder holds one library's notices,
    not every version of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        # each notice folder read, resolved → what it is kept under (a hash of its files,
        # among the rest: others that hash the folder take it from here)
        self.names: dict[Path, str] = {}

    def path(self, name: str) -> Path:
        self.used.add(f"{name}.pickle")
        return self.folder / f"{name}.pickle"

    def prune(self) -> None:
        for path in self.folder.glob("*.pickle"):
            if path.name not in self.used:
                path.unlink()


def load_notice(
    path: Path | str,
    display: str | None = None,
    *,
    draft: bool = False,
    cache: NoticeCache | None = None,
) -> Notice:
    """Load and validate the notice; raise DataError on the first problem found.

    A draft (a notice fresh from the import, built to be looked at) may still lack
    what the editor writes by hand: its to-dos (an empty short title, a measure with
    no theme yet) are not raised; a mistake in the structure still is.

    With a `cache` folder (a library's build: a thousand notices, most unchanged, read
    with line numbers in pure Python take most of a minute), a notice read and checked
    before is taken from there: kept under a name made of everything it came from (its
    folder's files, the draft flag, the name it is shown by, and this package's code), so
    a change to any of them reads it anew. Only a notice that passed is kept."""
    path = Path(path)
    name = display or str(path)
    raw = read_bytes(path, name)
    digest = hashlib.sha256(raw)
    # the tables' rows are files of their own (tables/<id>.csv): a changed row reads anew
    for table in sorted(path.parent.glob(f"{TABLES_DIR}/*.csv")):
        digest.update(table.name.encode() + b"\0" + table.read_bytes())
    kept = None
    if cache is not None:
        kept_name = _kept_name(path, name, draft)
        cache.names[path.parent.resolve()] = kept_name
        kept = cache.path(kept_name)
    key = (name, digest.digest(), draft)
    if key in _last:
        return _last[key]
    notice = None
    if kept is not None and kept.is_file():
        try:
            notice = pickle.loads(kept.read_bytes())  # noqa: S301  (our own cache)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            notice = None
    if notice is None:
        notice = _notice(parse_yaml(raw, name), name, draft=draft, folder=path.parent)
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            partial = kept.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(pickle.dumps(notice, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(kept)
    _last.clear()
    _last[key] = notice
    return notice


def _kept_name(path: Path, name: str, draft: bool) -> str:
    """What a notice in the cache is kept under: its folder's every file, how it is shown,
    the draft flag, the code that reads it."""
    digest = hashlib.sha256(f"{name}\0{int(draft)}\0".encode() + _code_version())
    for parts, file in _files(path.parent):
        digest.update("/".join(parts).encode() + b"\0")
        with open(file, "rb") as f:
            digest.update(f.read() + b"\0")
    return digest.hexdigest()


def _files(folder: Path) -> list[tuple[tuple[str, ...], str]]:
    """Every file under `folder` (the parts of its path from there, and its path), ordered
    by those parts, as sorted paths are (os.walk: pathlib's rglob took a third of hashing a
    thousand notice folders)."""
    found = []
    for top, _, names in os.walk(folder):
        inside = os.path.relpath(top, folder).split(os.sep) if top != str(folder) else []
        for name in names:
            file = os.path.join(top, name)
            if os.path.isfile(file):
                found.append(((*inside, name), file))
    return sorted(found)


@functools.cache
def _code_version() -> bytes:
    """This package's code, hashed once per process: a cached notice is only as good as the
    code that read it."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for file in sorted(package.rglob("*.py")):
        digest.update(file.relative_to(package).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.digest()


def _notice(data: Any, name: str, *, draft: bool = False, folder: Path | None = None) -> Notice:
    r = Reader(name)
    if data is None:
        r.fail(None, "", "the file is empty; expected the fields document, themes and measures")
    top = r.fields(
        data,
        "top level",
        1,
        ("document", "themes", "measures"),
        ("divisions", "tables", "interpretation", "effects"),
    )
    document = _document(r, top)
    themes = _themes(r, top)
    rows = _divisions(r, top) if "divisions" in top else ()
    placed = _measures(r, top, themes, rows)
    standing: dict[str, tuple[Table, ...]] = {}
    if "tables" in top:
        addresses_of = {row.division.address for row in rows}
        placed, standing = read_tables(r, top, addresses_of, placed, folder or Path(name).parent)
    _empty_divisions(r, rows, placed, standing)
    children = _tree_of(r, top, rows, placed, standing)
    _every_theme_used(r, top, themes, [m for m, _ in placed])
    interpretation = read_interpretation(r, top) if "interpretation" in top else None
    own = {m.key for m, _ in placed}
    effects = read_effects(r, top, own) if "effects" in top else ()
    if not draft:
        r.unfinished()
    elif not document.short_title or not (document.attachment or document.in_body):
        # A draft's site still needs a name: the document's title until the editor writes one.
        document = replace(
            document,
            short_title=document.short_title or document.title,
            attachment=document.attachment or ("" if document.in_body else document.title),
        )
    return Notice(document, themes, children, interpretation, effects)


@dataclass(frozen=True)
class _Row:
    """A division as measures.yaml lists it: flat, naming the division it stands in."""

    division: Division  # without its children yet
    within: str
    line: int


def _divisions(r: Reader, top: YamlMap) -> tuple[_Row, ...]:
    """The document's tree above its measures: each division with the one it stands in,
    listed before the divisions within it."""
    items = r.seq(top, "divisions", "", allow_empty=True)
    found: list[_Row] = []
    for i, item in enumerate(items, 1):
        place = f"division {i}"
        d = r.fields(
            item,
            place,
            items.lines[i - 1],
            ("address", "label", "title"),
            ("within", "paragraphs", "closing"),
        )
        address = r.address(d, "address", place)
        place = f"division {address}"
        if any(earlier.division.address == address for earlier in found):
            r.fail(d.lines["address"], f"{place}, address", f"'{address}' is used twice")
        within = ""
        if "within" in d:
            within = r.address(d, "within", place)
            if not any(earlier.division.address == within for earlier in found):
                r.fail(
                    d.lines["within"],
                    f"{place}, within",
                    f"no division '{within}' is listed before this one "
                    "(a division is listed before the divisions within it)",
                )
        texts = {
            key: r.texts(d, key, place, f"{key} paragraph") if d.get(key) else ()
            for key in ("paragraphs", "closing")
        }
        label = "" if d["label"] == "" else r.text(d, "label", place)
        title = "" if d["title"] == "" else r.text(d, "title", place)
        if not label and not title:
            r.fail(d.lines["title"], f"{place}, title", "a division needs a label or a title")
        # An attached document (附件1, 附件2) is written as a top-level division addressed
        # d<n>: measures.yaml's one convention for it, read here alone.
        kind = AttachedDocument if not within and addresses.is_document(address) else Division
        found.append(_Row(kind(address, label, title, **texts), within, items.lines[i - 1]))
    return tuple(found)


def _every_theme_used(
    r: Reader, top: YamlMap, themes: tuple[Theme, ...], measures: tuple[Measure, ...]
) -> None:
    # A theme no measure has would publish an empty page. Until every measure has its
    # themes (a notice just imported has none), that is only a consequence: not said.
    if any(not m.themes for m in measures):
        return
    used = {slug for m in measures for slug in m.themes}
    items = top["themes"]
    for i, t in enumerate(themes, 1):
        if t.slug in used:
            continue
        line = items[i - 1].lines["slug"]
        if t.required:
            problem = (
                "no measure has this theme, which the taxonomy marks required: give it to at "
                "least one measure (a notice with none for it: delete its `required: true`)"
            )
        else:
            problem = "no measure has this theme: give it to a measure, or delete it from themes"
        r.later(line, f"theme {i} ({t.slug})", problem)


def _document(r: Reader, top: YamlMap) -> Document:
    d = r.fields(
        top["document"],
        "document",
        top.lines["document"],
        tuple(f.name for f in fields(Document) if f.name not in Document.OPTIONAL),
        Document.OPTIONAL,
    )
    around: dict[str, Any] = {}
    if "recipients" in d:
        around["recipients"] = r.text(d, "recipients", "document")
    if "in_body" in d:
        if not isinstance(d["in_body"], bool):
            r.fail(
                d.lines["in_body"],
                "document, in_body",
                f"expected true or false, got {kind_of(d['in_body'])}",
            )
        around["in_body"] = d["in_body"]
    for name in Document.PARAGRAPHS:
        if name != "preamble" and name in d:
            around[name] = r.texts(d, name, "document", f"{name} paragraph")
    around.update(_standing(r, d))
    in_body = around.get("in_body", False)
    if in_body and d["attachment"] != "":
        r.fail(
            d.lines["attachment"],
            "document, attachment",
            'the measures stand in the notice itself (in_body: true): leave it "" ',
        )
    url = r.to_fill(
        d, "source_url", "document", "the address of the official text on the issuer's site"
    )
    r.url(d, "source_url", "document", url)
    slug = r.text(d, "slug", "document")
    if not SLUG.match(slug):
        r.fail(
            d.lines["slug"],
            "document, slug",
            "a slug is lower-case ASCII letters and digits joined by '-', as it appears in "
            f"the download names (<slug>.zh-Hans.pdf); got {slug!r}",
        )
    return Document(
        title=r.text(d, "title", "document"),
        short_title=r.to_fill(
            d, "short_title", "document", "the notice's short name, the site's name (e.g. 七条措施)"
        ),
        slug=slug,
        attachment=""
        if in_body
        else r.to_fill(d, "attachment", "document", "the title of the attached measures"),
        issuer=r.text(d, "issuer", "document"),
        number=r.text(d, "number", "document"),
        # a notice whose text is its one provision (in_body) may have none
        preamble=r.texts(d, "preamble", "document", "preamble paragraph")
        if d["preamble"] or not in_body
        else (),
        source_url=url,
        **around,
    )


def _standing(r: Reader, d: YamlMap) -> dict[str, Any]:
    """A notice's status, its successor and predecessors, and its dates, where given."""
    found: dict[str, Any] = {}
    if "status" in d:
        status = d["status"]
        if status not in Document.STATUSES:
            r.fail(
                d.lines["status"],
                "document, status",
                f"expected one of {', '.join(Document.STATUSES)}, got {status!r}",
            )
        found["status"] = status
    if "replaced_by" in d:
        found["replaced_by"] = _slug(r, d, "replaced_by", "document, replaced_by")
    if "replaces" in d:
        items = r.seq(d, "replaces", "document", allow_empty=True)
        found["replaces"] = tuple(
            _slug_value(r, v, items.lines[k], "document, replaces") for k, v in enumerate(items)
        )
    status = found.get("status", "in_force")
    if status == "replaced" and not found.get("replaced_by"):
        r.fail(
            d.lines["status"],
            "document, status",
            "a replaced notice names its successor: add replaced_by: <the slug of the notice "
            "that replaces it>",
        )
    if found.get("replaced_by") and status != "replaced":
        r.fail(
            d.lines["replaced_by"],
            "document, replaced_by",
            f"the notice is {status}, yet names a successor: set status: replaced, or remove "
            "replaced_by",
        )
    for name in Document.DATES:
        if name in d:
            found[name] = r.date(d, name, "document")
    given = [(name, found[name]) for name in Document.DATES if found.get(name)]
    for k, (later, b) in enumerate(given):
        for earlier, a in given[:k]:
            if a > b:
                r.fail(
                    d.lines[later],
                    f"document, {later}",
                    f"{b} is before the {_DATE_NAMES[earlier]} ({earlier}: {a}); dates run "
                    "date ≤ published ≤ effective ≤ expires",
                )
    return found


_DATE_NAMES = {
    "date": "date it was signed",
    "published": "date of publication",
    "effective": "date it takes effect",
    "expires": "date it expires",
}


def _slug_value(r: Reader, value: Any, line: int, where: str) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        r.fail(line, where, f"expected a notice's slug (such as customs-2026-1), got {value!r}")
    return value


def _slug(r: Reader, d: YamlMap, key: str, where: str) -> str:
    return _slug_value(r, d[key], d.lines[key], where)


def _themes(r: Reader, top: YamlMap) -> tuple[Theme, ...]:
    items = r.seq(top, "themes", "")
    themes: list[Theme] = []
    for i, item in enumerate(items, 1):
        place = f"theme {i}"
        t = r.fields(
            item, place, items.lines[i - 1], ("slug", "label", "description"), ("required",)
        )
        slug = r.text(t, "slug", place)
        place = f"theme {i} ({slug})"
        if not SLUG.match(slug):
            r.fail(
                t.lines["slug"],
                f"{place}, slug",
                "a slug is lower-case ASCII letters and digits joined by '-', "
                f"as it appears in /themes/<slug>/; got {slug!r}",
            )
        label = r.text(t, "label", place)
        for earlier in themes:
            if earlier.slug == slug:
                r.fail(t.lines["slug"], f"{place}, slug", f"the slug '{slug}' is used twice")
            if earlier.label == label:
                r.fail(t.lines["label"], f"{place}, label", f"the label '{label}' is used twice")
        required = t.get("required", False)
        if not isinstance(required, bool):
            r.fail(
                t.lines["required"],
                f"{place}, required",
                f"expected true or false, got {kind_of(required)}",
            )
        description = r.to_fill(t, "description", place, "one sentence on what the theme covers")
        themes.append(Theme(slug=slug, label=label, description=description, required=required))
    return tuple(themes)


def _measures(
    r: Reader, top: YamlMap, themes: tuple[Theme, ...], rows: tuple[_Row, ...] = ()
) -> tuple[tuple[Measure, str], ...]:
    """Every measure, checked field by field in the file's order, with the address of the
    division it stands in ("" for none). Long (about 100 lines) on purpose: the checks read
    as the schema of one measure, top to bottom, each message naming the measure by the
    number checked first."""
    items = r.seq(top, "measures", "")
    raw: list[tuple[YamlMap, int]] = []
    # Numbers first: every later message names the measure by its number.
    for i, item in enumerate(items, 1):
        m = r.fields(
            item,
            f"measure at position {i}",
            items.lines[i - 1],
            ("number", "title", "themes", "related", "clauses"),
            ("breaks", "address", "label", "division", "departments", "numbered"),
        )
        number = m["number"]
        if not isinstance(number, int) or isinstance(number, bool):
            r.fail(
                m.lines["number"],
                f"measure at position {i}, number",
                f"expected a whole number, got {kind_of(number)}",
            )
        for earlier, earlier_number in raw:
            if earlier_number == number:
                r.fail(
                    m.lines["number"],
                    f"measure {number}, number",
                    f"measure {number} appears twice (also on line {earlier.line})",
                )
        if number != i:
            r.fail(
                m.lines["number"],
                f"measure {number}, number",
                f"expected {i}: measures are numbered 1, 2, 3… in order with no gap",
            )
        raw.append((m, number))
    count = len(raw)

    choices = ", ".join(f"{t.slug} ({t.label})" for t in themes)
    slugs = {t.slug for t in themes}
    measures = []
    for m, number in raw:
        place = f"measure {number}"
        # "" is an untitled measure (一、对…。 as a paragraph of its own): its opening words
        # name it (Measure.heading); nothing at all is a mistake, as elsewhere.
        title = "" if m["title"] == "" else r.text(m, "title", place)
        themes = _list_of_unique(r, m, "themes", place, str, allow_empty=True)
        if not themes:
            r.later(m.lines["themes"], f"{place}, themes", f"no theme yet; choose from: {choices}")
        for k, slug in enumerate(themes):
            if slug not in slugs:
                hint = difflib.get_close_matches(slug, sorted(slugs), n=1)
                did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
                r.fail(
                    m["themes"].lines[k],
                    f"{place}, themes",
                    f"unknown theme '{slug}'{did_you_mean}; themes are: {', '.join(sorted(slugs))}",
                )
        related = _list_of_unique(r, m, "related", place, int, allow_empty=True)
        for k, other in enumerate(related):
            if other == number:
                r.fail(
                    m["related"].lines[k], f"{place}, related", "a measure cannot relate to itself"
                )
            if not 1 <= other <= count:
                r.fail(
                    m["related"].lines[k],
                    f"{place}, related",
                    f"there is no measure {other} (measures are 1–{count})",
                )
        clauses = r.texts(m, "clauses", place, "clause")
        breaks = _breaks(r, m, place, len(clauses)) if "breaks" in m else ()
        ends = {*(k - 1 for k in breaks), len(clauses)}
        for k, clause in enumerate(clauses, 1):
            where = f"{place}, clause {k}"
            _check_clause(r, m["clauses"].lines[k - 1], where, clause, k in ends)
        tree = _tree(r, m, place, rows)
        within = tree.pop("division", "")
        measure = Measure(number, title, themes, related, paragraphs_of(clauses, breaks), **tree)
        measures.append((measure, within))
    if not measures:
        r.fail(items.line, "measures", "is an empty list")
    seen: dict[str, int] = {}
    for (m, number), (measure, _) in zip(raw, measures, strict=True):
        if measure.key in seen:
            r.fail(
                m.lines.get("address", m.lines["number"]),
                f"measure {number}, address",
                f"'{measure.key}' is also the address of measure {seen[measure.key]}: "
                "each measure's page needs its own",
            )
        seen[measure.key] = number
    return tuple(measures)


def _empty_divisions(
    r: Reader,
    rows: tuple[_Row, ...],
    placed: tuple[tuple[Measure, str], ...],
    standing: dict[str, tuple[Table, ...]],
) -> None:
    held = {row.within for row in rows} | {within for _, within in placed} | set(standing)
    for row in rows:
        if row.division.address not in held:
            r.later(
                row.line,
                f"division {row.division.address}",
                "holds no measure and no division: a heading read as a division?",
            )


def _tree_of(
    r: Reader,
    top: YamlMap,
    rows: tuple[_Row, ...],
    placed: tuple[tuple[Measure, str], ...],
    standing: dict[str, tuple[Table, ...]] | None = None,
) -> tuple[Division | Measure, ...]:
    """The document's tree from measures.yaml's flat lists: each division holds, in reading
    order, its measures and the divisions within it (a division stands before its first
    measure). A division's measures must stand together: the measures are the document's
    reading order, and the tree is read from it."""
    rows_at = {row.division.address: row for row in rows}
    held: dict[str, list[tuple[str, Any]]] = {}
    placed_rows: set[str] = set()

    def place(address: str) -> None:
        if address in placed_rows or not address:
            return
        placed_rows.add(address)
        row = rows_at[address]
        place(row.within)
        held.setdefault(row.within, []).append(("division", address))

    for measure, within in placed:
        place(within)
        held.setdefault(within, []).append(("measure", measure))
    for row in rows:
        place(row.division.address)

    standing = standing or {}

    def build(address: str) -> tuple[Division | Measure | Table, ...]:
        # a division's tables stand after the rest of what it holds
        return tuple(
            replace(rows_at[item].division, children=build(item)) if kind == "division" else item
            for kind, item in held.get(address, ())
        ) + standing.get(address, ())

    children = build("")
    in_order = [n for n in walk_nodes(children) if isinstance(n, Measure)]
    for k, (measure, _) in enumerate(placed):
        if in_order[k].number != measure.number:
            apart = in_order[k]  # the first measure listed apart from its division's others
            r.fail(
                top["measures"].lines[apart.number - 1],
                f"measure {apart.number}, division",
                f"'{apart.within}' closed before measure {apart.number - 1}: a division's "
                "measures stand together, in the file as in the text",
            )
    return children


def _tree(r: Reader, m: YamlMap, place: str, rows: tuple[_Row, ...]) -> dict[str, Any]:
    """A measure's place in the document's tree: its address, label, division and the
    departments it names (each optional)."""
    tree: dict[str, Any] = {}
    if "address" in m:
        tree["address"] = r.address(m, "address", place)
    if "label" in m:
        tree["label"] = r.text(m, "label", place)
    if "division" in m:
        division = r.address(m, "division", place)
        if not any(row.division.address == division for row in rows):
            known = ", ".join(row.division.address for row in rows) or "none are listed"
            r.fail(
                m.lines["division"],
                f"{place}, division",
                f"there is no division '{division}' (divisions: {known})",
            )
        tree["division"] = division
    if "departments" in m:
        tree["departments"] = _list_of_unique(r, m, "departments", place, str, allow_empty=True)
    if "numbered" in m:
        # false: the one provision of a notice whose text numbers none (no label, no numeral)
        if m["numbered"] is not False or "label" in m:
            r.fail(
                m.lines["numbered"],
                f"{place}, numbered",
                "only `numbered: false` is written, for a provision with no label that the "
                "text does not number (leave it out otherwise)",
            )
        tree["numbered"] = False
    return tree


def _list_of_unique(r: Reader, m: YamlMap, key: str, place: str, kind: type, *, allow_empty=False):
    items = r.seq(m, key, place, allow_empty=allow_empty)
    seen = []
    noun = "text" if kind is str else "a measure number"
    for k, item in enumerate(items):
        if not isinstance(item, kind) or isinstance(item, bool):
            r.fail(items.lines[k], f"{place}, {key}", f"expected {noun}, got {kind_of(item)}")
        if item in seen:
            r.fail(items.lines[k], f"{place}, {key}", f"'{item}' is listed twice")
        seen.append(item)
    return tuple(seen)


def _breaks(r: Reader, m: YamlMap, place: str, count: int) -> tuple[int, ...]:
    """The sentences that begin a new paragraph: numbers 2…count, in order."""
    breaks = _list_of_unique(r, m, "breaks", place, int, allow_empty=True)
    for k, start in enumerate(breaks):
        if not 2 <= start <= count or (k and start <= breaks[k - 1]):
            r.fail(
                m["breaks"].lines[k],
                f"{place}, breaks",
                f"{start}: a paragraph begins at a later sentence than the one before, "
                f"2 to {count} (the measure's sentences are 1–{count})",
            )
    return breaks


# How a paragraph may end besides a sentence: a list item （一）…； or a lead-in …：
_PARAGRAPH_END = "；：;:"


def _check_clause(
    r: Reader, line: int, where: str, clause: str, ends_paragraph: bool = False
) -> None:
    # The rest of the file reads the same either way: noted as a to-do (an import can leave
    # such a clause, which a draft still builds), not raised at once.
    # a bracketed note after the sentence (（负责部门：…）) is part of it, as the source sets it
    body = TRAILING_NOTE.sub("", clause) if clause[-1:] in "）)" else clause
    body = body.rstrip(CLOSERS) if body else clause.rstrip(CLOSERS)
    if ends_paragraph and body and body[-1] in _PARAGRAPH_END:
        body = body[:-1] + "。"  # a list item's or a lead-in's end: checked as a sentence's
    if not body or body[-1] not in SENTENCE_END:
        r.later(line, where, f"does not end a sentence (with 。, ！ or ？): …{clause[-12:]!r}")
        return
    inner = [i for i, ch in enumerate(body[:-1]) if ch in SENTENCE_END]
    if inner:
        r.later(
            line,
            where,
            "holds more than one sentence; split it after "
            f"…{body[max(0, inner[0] - 8) : inner[0] + 1]!r}",
        )


# An untitled measure of one sentence this short looks like a heading read as text.
SHORT_SENTENCE = 12


def oddities(notice: Notice) -> list[str]:
    """What looks odd in a valid notice, for the editor to check against the source (`make
    check` prints it and still passes): an untitled measure of one short sentence, a
    heading that may have been read as a provision's text."""
    found = []
    for m in notice.measures:
        if not m.title and len(m.clauses) == 1 and len(m.clauses[0]) <= SHORT_SENTENCE:
            found.append(
                f"measure {m.number} ({m.mark.strip()}): its whole text is one short sentence "
                f"({m.clauses[0]!r}): a heading read as a provision? If so, make it the title "
                "of the measure below, or a division"
            )
    return found
