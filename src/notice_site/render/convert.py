"""Simplified → Traditional: OpenCC's s2tw plus a small reviewed override table, then
Traditional punctuation (「」 『』 for quotation marks, ： between Chinese characters).

s2tw changes character forms only, never wording (s2twp would rewrite official
terms, see ARCHITECTURE.md). The override table of a notice fixes the few places where
s2tw's choice is inconsistent with the rest of this text.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from pathlib import Path

import opencc

from notice_site.folder.yaml_file import Reader, read_yaml

OPENCC_CONFIG = "s2tw"


@dataclasses.dataclass(frozen=True)
class Override:
    simplified: str
    traditional: str
    why: str


def load_overrides(path: Path | str, display: str | None = None) -> tuple[Override, ...]:
    """Read the reviewed override table: a list of {simplified, traditional, why}."""
    path = Path(path)
    name = display or str(path)
    data = read_yaml(path, name)
    r = Reader(name)
    if not isinstance(data, list):
        r.fail(1, "top level", "expected a list of overrides")
    out = []
    for i, item in enumerate(data, 1):
        place = f"override {i}"
        o = r.fields(item, place, data.lines[i - 1], ("simplified", "traditional", "why"))
        out.append(
            Override(
                simplified=r.text(o, "simplified", place),
                traditional=r.text(o, "traditional", place),
                why=r.text(o, "why", place),
            )
        )
    return tuple(out)


# Traditional typography: corner brackets for quotation marks (「」 outside, 『』 inside), and
# full-width colons between Chinese characters. One mark for one mark, so sentence lengths,
# clause anchors and search positions stay those of the Simplified text.
# Simplified quotation marks and the Traditional ones written for them.
QUOTE_MARKS = {"“": "「", "”": "」", "‘": "『", "’": "』"}
QUOTES = str.maketrans(QUOTE_MARKS)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_COLON = re.compile(f"(?<=[{_CJK}]):(?=[{_CJK}])")
# An apostrophe inside a Latin word (Hainan’s) is no quotation mark.
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])』(?=[A-Za-z])")
TYPOGRAPHY = "quotes+colon-1"  # part of Converter.key: change it when the rules change


def traditional_punctuation(text: str) -> str:
    """Mainland punctuation as Traditional typesetting writes it: “” ‘’ → 「」 『』, 附件:附 → 附件：附."""
    text = _COLON.sub("：", text.translate(QUOTES))
    return _APOSTROPHE.sub("’", text)


@functools.cache
def _opencc() -> opencc.OpenCC:
    """OpenCC's converter, loaded once per process: loading its dictionaries takes a tenth of
    a second and freeing them as long, which a library of a thousand notices, each with its
    Converter, paid a thousand times. It holds no state between conversions."""
    return opencc.OpenCC(OPENCC_CONFIG)


class Converter:
    """Converts text to Traditional script: OpenCC, then a notice's reviewed overrides."""

    def __init__(self, overrides: tuple[Override, ...] = ()) -> None:
        self._opencc = _opencc()
        self._table = {o.simplified: o.traditional for o in overrides}
        # Longest phrase first, so a longer override wins over one inside it.
        keys = sorted(self._table, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, keys))) if keys else None

    @property
    def key(self) -> str:
        """Identifies this conversion (config and overrides), for caches of converted text."""
        table = "\n".join(f"{s}\t{t}" for s, t in sorted(self._table.items()))
        return f"{OPENCC_CONFIG}:{TYPOGRAPHY}:{hashlib.sha256(table.encode()).hexdigest()[:16]}"

    def __call__(self, text: str) -> str:
        return traditional_punctuation(self._characters(text))

    def _characters(self, text: str) -> str:
        if self._pattern is None:
            return self._opencc.convert(text)
        out = []
        pos = 0
        for match in self._pattern.finditer(text):
            out.append(self._opencc.convert(text[pos : match.start()]))
            out.append(self._table[match.group()])
            pos = match.end()
        out.append(self._opencc.convert(text[pos:]))
        return "".join(out)
