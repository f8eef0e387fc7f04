"""YAML files read safely, for every data file of a notice folder and the site file: at most
MAX_BYTES, no aliases, no duplicate keys, every mapping and list knowing the line of each
of its items; and `Reader`, which checks values against a schema with one DataError per
mistake (the file, the line, the place, the problem), collecting what is still to fill in."""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Any

import yaml

from notice_site.errors import DataError, DataErrors
from notice_site.model import addresses

# The real notice is 20 KB, about 1 KB a measure: 8 MB holds thousands of
# measures (bench/build.py builds 2,000 in 1.5 MB). Anything bigger is a
# mistake, and reading it whole into YAML would take long enough to look like a hang.
MAX_BYTES = 8_000_000

# Text fields are single lines: no line breaks, tabs or other control characters.
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
# What an address on the web (a source_url) may be.
URL = re.compile(r"^https?://[^\s<>\"']+$")


class YamlMap(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    lines: dict


class YamlSeq(list):
    """A YAML sequence that remembers the line of itself and of each item."""

    line: int = 0
    lines: list


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        self.key = key
        self.line = line


class _Loader(yaml.SafeLoader):
    """Safe YAML with line numbers, no aliases (no exponential expansion) and no duplicate keys."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> YamlMap:
    result = YamlMap()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            key = str(key)
        if key in result:
            raise _DuplicateKey(key, line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> YamlSeq:
    result = YamlSeq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # 2099-13-02 looks like a date to YAML and is none: kept as the text it is, so that the
    # field that reads it names the mistake (Reader.date), where PyYAML would raise.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return f"a {type(value).__name__}"


class Reader:
    """Checks values against the schema, raising DataError with the place and line."""

    def __init__(self, path: str) -> None:
        self.path = path
        # What the editor has still to fill in: reported together, after the whole file is read.
        self.todo: list[DataError] = []

    def fail(self, line: int | None, place: str, problem: str) -> None:
        raise DataError(self.path, place, problem, line)

    def later(self, line: int | None, place: str, problem: str) -> None:
        self.todo.append(DataError(self.path, place, problem, line))

    def unfinished(self) -> None:
        """Raise every problem noted with later(), if any."""
        if self.todo:
            # In the file's order, as an editor goes through it.
            raise DataErrors(sorted(self.todo, key=lambda e: e.line or 0))

    def to_fill(self, m: YamlMap, key: str, place: str, hint: str) -> str:
        """A text field an editor fills in by hand (an import leaves it ""): empty is noted, not fatal."""
        value = m[key]
        if isinstance(value, str) and not value.strip():
            self.later(m.lines[key], f"{place}, {key}", f"is empty: {hint}")
            return value
        return self.text(m, key, place)

    def fields(
        self, value: Any, place: str, line: int | None, required: tuple[str, ...], optional=()
    ) -> YamlMap:
        if not isinstance(value, dict):
            self.fail(line, place, f"expected a mapping of fields, got {kind_of(value)}")
        known = required + tuple(optional)
        for key in value:
            if key not in known:
                hint = difflib.get_close_matches(str(key), known, n=1)
                did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
                allowed = ", ".join(known)
                self.fail(
                    value.lines[key],
                    place,
                    f"unknown field '{key}'{did_you_mean}; allowed fields: {allowed}",
                )
        for key in required:
            if key not in value:
                self.fail(value.line, place, f"missing required field '{key}'")
        return value

    def text(self, m: YamlMap, key: str, place: str) -> str:
        value = m[key]
        line = m.lines[key]
        where = f"{place}, {key}" if place else key
        if not isinstance(value, str):
            self.fail(line, where, f"expected text, got {kind_of(value)}")
        return self.check_text(value, line, where)

    def check_text(self, value: str, line: int, where: str) -> str:
        if not value.strip():
            self.fail(line, where, "is empty")
        if value != value.strip():
            self.fail(line, where, "starts or ends with whitespace")
        bad = CONTROL.search(value)
        if bad:
            self.fail(line, where, f"contains a line break or control character ({bad.group()!r})")
        return value

    def seq(self, m: YamlMap, key: str, place: str, *, allow_empty: bool = False) -> YamlSeq:
        value = m[key]
        where = f"{place}, {key}" if place else key
        if not isinstance(value, list):
            self.fail(m.lines[key], where, f"expected a list, got {kind_of(value)}")
        if not value and not allow_empty:
            self.fail(m.lines[key], where, "is an empty list")
        return value

    def date(self, m: YamlMap, key: str, place: str) -> str:
        """A date as ISO 8601 text: YAML reads 2026-03-01 as a date, "2026-03-01" as text."""
        value = m[key]
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        self.fail(
            m.lines[key],
            f"{place}, {key}",
            f"expected a date written 2026-03-01 (year-month-day), got {value!r}",
        )
        return ""

    def address(self, m: YamlMap, key: str, place: str) -> str:
        """A provision's or division's address (model.addresses): 13, 1-3, d2-4."""
        value = m[key]
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not addresses.is_valid(value):
            self.fail(
                m.lines[key],
                f"{place}, {key}",
                "an address is lower-case ASCII letters and digits joined by '-', as it appears "
                f"in the page's URL (13, 1-3, d2-4); got {value!r}",
            )
        return value

    def url(self, m: YamlMap, key: str, place: str, value: str) -> str:
        """`value` (the text at `key`) where it is an http(s) URL or empty."""
        if value and not URL.match(value):
            self.fail(m.lines[key], f"{place}, {key}", f"not an http(s) URL: {value!r}")
        return value

    def texts(self, m: YamlMap, key: str, place: str, noun: str = "") -> tuple[str, ...]:
        items = self.seq(m, key, place)
        out = []
        for i, item in enumerate(items, 1):
            where = f"{place}, {noun or key + ' item'} {i}"
            if not isinstance(item, str):
                self.fail(items.lines[i - 1], where, f"expected text, got {kind_of(item)}")
            out.append(self.check_text(item, items.lines[i - 1], where))
        return tuple(out)


def read_yaml(path: Path, display: str | None = None) -> Any:
    """Parse a YAML data file safely, turning every failure into a DataError."""
    name = display or str(path)
    return parse_yaml(read_bytes(path, name), name)


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, refusing at once a file far too large to be a notice."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise DataError(name, "", f"cannot read the file ({e.strerror})") from None
    if size > MAX_BYTES:
        raise DataError(
            name, "", f"the file is {size:,} bytes; a notice is far smaller (limit {MAX_BYTES:,})"
        )
    return path.read_bytes()


def parse_yaml(raw: bytes, name: str) -> Any:
    """Parse YAML bytes safely (UTF-8, an optional BOM), every failure a DataError."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError(
            name, "", f"is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})", line
        ) from None
    text = text.removeprefix("\ufeff")
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except _AliasFound as e:
        raise DataError(
            name, "", "YAML aliases (*name) are not allowed here; write the value out", e.line
        ) from None
    except _DuplicateKey as e:
        raise DataError(
            name, "", f"the field '{e.key}' appears twice in the same place", e.line
        ) from None
    except yaml.MarkedYAMLError as e:
        # An unclosed quote or bracket is found only at the end of the file: the
        # place where the construct began is the line the reader needs.
        at_end = "end of stream" in (e.problem or "")
        mark = (e.context_mark if at_end else None) or e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = e.problem or "invalid YAML"
        if e.context:
            problem = f"{e.context}, {problem}"
        if "'\\t'" in str(problem):
            problem = f"{problem} (YAML indentation must use spaces, not tabs)"
        raise DataError(name, "", f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as e:
        raise DataError(name, "", f"invalid YAML: {e}") from None
