"""Per-script search indexes for the site's own search worker, segmented with jieba.

Material's search (lunr) with static-i18n mixes both scripts in one index,
segments Traditional text badly and cannot find a word inside a longer word
(ARCHITECTURE.md, "Search"). The site therefore ships one index per script, made here from the
data, and a small worker (docs/assets/javascripts/search-worker.js) that speaks
Material's worker protocol, so Material's search box and result list stay.

Each document carries its text twice: `text` as the reader sees it, and
`words`, the same text segmented into words joined by U+200B with a jieba
dictionary that knows both scripts. The worker matches substrings (so 居民 is
found inside 岛内居民) after folding Traditional characters onto Simplified
ones (so 零關稅 finds 零关税), and uses the words to split an unspaced query
(保税维修 → 保税 维修) and to rank whole words above parts of words.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notice_site.model import languages
from notice_site.model.interpretation import paragraph_anchor
from notice_site.model.notice import Notice
from notice_site.model.tree import Division, Measure, Table
from notice_site.model.urls import page_path, page_sources, source_of, version_source
from notice_site.model.versions import History, Version
from notice_site.render.amendments import when_of
from notice_site.render.convert import QUOTE_MARKS
from notice_site.render.parts import row_ref
from notice_site.render.ui import TABLE_STRINGS

SEPARATOR = "\u200b"


def merged_dictionary(
    convert: Callable[[str], str], cache_dir: Path, key: str, words: Iterable[str] = ()
) -> Path:
    """jieba's dictionary plus every entry in Traditional script, and our own words.

    Converting the 350,000 entries takes most of a second, so the result is
    cached in `cache_dir` under a name that changes whenever jieba's dictionary,
    the converter (`key`) or our word list changes.
    """
    import jieba

    source = Path(jieba.__file__).parent / "dict.txt"
    words = sorted(set(words))
    digest = hashlib.sha256()
    digest.update(source.read_bytes())
    digest.update(key.encode())
    digest.update("\n".join(words).encode())
    target = cache_dir / f"jieba-zh-Hans-Hant-{digest.hexdigest()[:16]}.txt"
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    original = source.read_text(encoding="utf-8")
    converted = convert(original)
    lines = original.splitlines()
    extra = [
        t
        for s, t in zip(lines, converted.splitlines(), strict=True)
        if s.split(" ")[0] != t.split(" ")[0]
    ]
    ours = [f"{w} 3000 n" for w in words] + [f"{convert(w)} 3000 n" for w in words]
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text("\n".join(lines + extra + ours) + "\n", encoding="utf-8")
    partial.replace(target)  # atomic: a concurrent build never reads half a file
    return target


# One dictionary loads at a time: `mkdocs serve` loads it in the background
# (warm_up_search) while a build may ask for it.
_loading = threading.Lock()


def _tokenizer(dictionary: str, cache_dir: str) -> Any:
    with _loading:
        return _load_tokenizer(dictionary, cache_dir)


@functools.cache
def _load_tokenizer(dictionary: str, cache_dir: str) -> Any:
    # Loading a dictionary takes 1-2 s. Its file name carries a digest of its
    # content (merged_dictionary), so a process (mkdocs serve) may keep it.
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(dictionary=dictionary)
    # jieba caches its prefix dictionary next to ours, not in /tmp.
    tokenizer.tmp_dir = cache_dir
    tokenizer.initialize()
    return tokenizer


class Segmenter:
    """Segments text with jieba on the merged dictionary, remembering results on disk.

    Most builds segment the same texts as the build before, so the results are
    kept in `cache_dir` (one file per dictionary, jieba version and `owner`: a
    library's notices and its own index each keep their own, or each build would
    keep its texts only over the others') and the dictionary is loaded only when a
    text is new. Call save() after a build: it keeps the texts of this build only.
    """

    def __init__(self, dictionary: Path, cache_dir: Path, owner: str = "") -> None:
        import jieba

        self._dictionary = dictionary
        self._cache_dir = cache_dir
        key = hashlib.sha256(f"{dictionary.name} jieba {jieba.__version__}".encode())
        # what decides the words of a text: the dictionary (its name holds its hash) and jieba
        self.key = key.hexdigest()[:16]
        owned = f"-{owner}" if owner else ""
        self._file = cache_dir / f"segments-{self.key}{owned}.json"
        try:
            self._known: dict[str, str] = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._known = {}
        self._used: dict[str, str] = {}

    def load(self) -> None:
        """Load the dictionary now rather than at the first new text."""
        _tokenizer(str(self._dictionary), str(self._cache_dir))

    def words(self, text: str) -> list[str]:
        tokenizer = _tokenizer(str(self._dictionary), str(self._cache_dir))
        return [w for w in tokenizer.cut(text, HMM=True) if w.strip()]

    def segment(self, text: str) -> str:
        """The text's words joined by U+200B (spaces and punctuation dropped)."""
        words = self._known.get(text)
        if words is None:
            words = SEPARATOR.join(w for w in self.words(text) if any(ch.isalnum() for ch in w))
        self._used[text] = words
        return words

    def save(self) -> None:
        """Keep this build's segmentations for the next build (when they changed)."""
        if self._used == self._known:
            return
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        partial = self._file.with_suffix(f".{os.getpid()}.tmp")
        text = json.dumps(self._used, ensure_ascii=False, sort_keys=True, indent=0)
        partial.write_text(text, encoding="utf-8")
        partial.replace(self._file)  # atomic: a concurrent build never reads half a file
        self._known = dict(self._used)


# A theme page is what a reader searching the theme's label most likely wants.
THEME_BOOST = 5
# The tier of an earlier version's documents: after every document of the text in force.
EARLIER = 1


@dataclass(frozen=True)
class Doc:
    location: str
    title: str
    text: str
    boost: int = 1
    # Results of a higher tier come after every result of a lower one (the worker sorts by
    # it first): the text in force is 0; an earlier version of a provision (EARLIER) is 1,
    # and in a library a notice no longer in force adds 1 to each of its documents.
    tier: int = 0

    def as_json(self, segmenter: Segmenter) -> dict[str, Any]:
        data: dict[str, Any] = {
            "location": self.location,
            "title": self.title,
            "text": self.text,
            "words": segmenter.segment(f"{self.title} {self.text}"),
        }
        if self.boost != 1:
            data["boost"] = self.boost
        if self.tier:
            data["tier"] = self.tier
        return data


def documents(
    notice: Notice,
    ui: dict[str, str],
    directory_urls: bool = True,
    history: History | None = None,
) -> list[Doc]:
    """What a reader can find, with locations relative to the script's home page.

    Each clause is its own document (location measures/<n>/#c<k>), so a hit
    leads to the sentence; its page is the parent the result list groups by.
    Without directory URLs (the offline copy) locations name files: measures/<n>.html#c<k>.
    Where other notices amended this one (`history`), the sentences of each earlier
    version follow, at its dated page (earlier()).
    """
    d = notice.document
    texts = {
        # the title, number and issuer, then every paragraph of the text around the measures
        "home": (
            d.short_title,
            " ".join([d.title, d.number, d.issuer, *d.texts()[len(d.TEXT) :]]),
        ),
        "measures_index": (ui["measures_index"], ui["measures_index_intro"]),
        "themes_index": (ui["themes_title"], ui["themes_intro"]),
        "about": (ui["about"], " ".join([ui["about_intro"], ui["about_script"]])),
    }
    docs = []
    pages = page_sources(
        (t.slug for t in notice.themes),
        (m.key for m in notice.measures),
        (d.address for d in notice.divisions),
        notice.interpretation is not None,
    )
    for kind, key in pages:
        location = page_path(source_of(kind, key), directory_urls)
        if kind in texts:
            docs.append(Doc(location, *texts[kind]))
        elif kind == "theme":
            t = notice.theme(str(key))
            docs.append(Doc(location, f"{ui['themes']}：{t.label}", t.description, THEME_BOOST))
        elif kind == "interpretation":
            # the page, then each paragraph on its own (a hit leads to the paragraph)
            i = notice.interpretation
            docs.append(Doc(location, i.title, " ".join([*i.closing])))
            headings = {n: s.heading for n, s in enumerate(i.sections, 1)}
            for n, section in enumerate(i.sections, 1):
                for k, text in enumerate(section.paragraphs, 1):
                    title = f"{i.title}（{headings[n]}）" if headings[n] else i.title
                    docs.append(Doc(f"{location}#{paragraph_anchor(n, k)}", title, text))
        elif kind == "division":
            division = notice.division(str(key))
            text = " ".join([*division.paragraphs, *division.closing])
            docs.append(Doc(location, _within(division, division.heading), text))
            docs += _rows(division.tables, location, ui)
        else:
            m = notice.by_key(str(key))
            # a provision an amendment deleted: its last text, found after the text in force
            mark, tier = (ui["deleted_mark"], EARLIER) if m.deleted else ("", 0)
            title = _within(m, f"{m.mark}{m.heading}{mark}")
            docs.append(Doc(location, title, "", tier=tier))
            for s in m.sentences:
                docs.append(Doc(s.location(location), f"{s.ref}{mark}", s.text, tier=tier))
            docs += _rows(m.tables, location, ui)
    return docs + earlier(history, ui, directory_urls)


def earlier_versions(history: History | None) -> list[tuple[str, Version]]:
    """Every version of an amended provision not in force on the build's day (no longer, or
    not yet), as (key, version), provision by provision, oldest first."""
    if history is None:
        return []
    return [
        (key, v)
        for key, vs in history.versions.items()
        for v in vs
        if history.standing_of(v) != history.CURRENT
    ]


def earlier(history: History | None, ui: dict[str, str], directory_urls: bool = True) -> list[Doc]:
    """The pages of the earlier versions (measures/<key>/<day>/) and each of their sentences
    (#c<n>), their titles saying which text they are (（2099年4月1日至2099年9月1日施行的文本，
    已失效）), in tier EARLIER: a word only an old wording holds is still found, after every
    result in the text in force."""
    docs: list[Doc] = []
    for key, v in earlier_versions(history):
        m = v.measure
        location = page_path(version_source(key, history.day(v)), directory_urls)
        when = when_of(history, v, ui)
        if history.standing_of(v) == history.FUTURE:
            mark = ui["search_coming"].format(when=when)
        elif when == ui["version_original"]:
            mark = ui["search_earlier_original"]
        else:
            mark = ui["search_earlier"].format(when=when)
        docs.append(Doc(location, _within(m, f"{m.mark}{m.heading}") + mark, "", tier=EARLIER))
        for s in m.sentences:
            docs.append(Doc(s.location(location), f"{s.ref}{mark}", s.text, tier=EARLIER))
    return docs


def _rows(tables: Iterable[Table], location: str, ui: dict[str, str]) -> list[Doc]:
    """Each row of each table on the page at `location` is a document of its own (location
    <page>#<id>-r<n>), so that a search for any of its cells (a code, its first digits,
    words of the goods' name) opens the page at the row; its title names the row and the
    table, its text is its cells (not its group's heading: a search for a group's name
    would list every row of the group)."""
    docs: list[Doc] = []
    for t in tables:
        caption = "" if t.measure is not None else f"（{t.caption}）"
        for row in t.body_rows:
            text = " ".join(c for c in row.cells if c)
            docs.append(Doc(f"{location}#{row.anchor}", f"{row_ref(t, row, ui)}{caption}", text))
    return docs


def _within(node: Division | Measure, title: str) -> str:
    """A result's title naming the division it stands in: （三）…（一、总体要求）."""
    path = node.divisions_above + ((node,) if isinstance(node, Division) else ())
    if not path or path[-1].heading == title:
        path = path[:-1]
    return f"{title}（{path[-1].heading}）" if path else title


def fold_table(
    simplified: Notice,
    traditional: Notice,
    ui_s: dict,
    ui_t: dict,
    histories: tuple[History | None, History | None] = (None, None),
) -> dict[str, str]:
    """Traditional → Simplified, character by character, for every character of this text
    (and of its earlier versions, `histories` in each script, where it has them).

    s2tw changes characters one for one, so aligned texts give the table; the
    worker folds both the query and the documents with it. `ui_t` must be the
    converter's output for `ui_s`, not the reviewed wording (依 is no form of 按).
    Quotation marks fold always: 「零關稅」 and “零关税” find the same sentences,
    whether this notice quotes anything or not.
    """
    table: dict[str, str] = {t: s for s, t in QUOTE_MARKS.items()}
    texts_s = _texts(simplified, ui_s) + _earlier_texts(histories[0])
    texts_t = _texts(traditional, ui_t) + _earlier_texts(histories[1])
    for s, t in zip(texts_s, texts_t, strict=True):
        if len(s) != len(t):
            continue
        for a, b in zip(s, t, strict=True):
            if a != b:
                table[b] = a
    return dict(sorted(table.items()))


def _earlier_texts(history: History | None) -> list[str]:
    return [c for _, v in earlier_versions(history) for c in v.measure.clauses]


def _texts(notice: Notice, ui: dict[str, str]) -> list[str]:
    out = notice.document.texts()
    out += [x for t in notice.themes for x in (t.label, t.description)]
    out += [x for m in notice.measures for x in (m.title, m.label, *m.departments, *m.clauses)]
    out += [x for d in notice.divisions for x in (d.label, d.title, *d.paragraphs, *d.closing)]
    for t in notice.tables:
        out += [
            t.caption,
            *t.headers,
            *t.column_groups,
            *t.notes,
            *(c for row in t.rows for c in row.cells),
        ]
    out += notice.interpretation.texts() if notice.interpretation else []
    shown = sorted(ui) if notice.tables else sorted(set(ui) - TABLE_STRINGS)
    out += [ui[key] for key in shown]
    return out


def search_index(
    notice: Notice,
    ui: dict[str, str],
    language: str,
    fold: dict[str, str],
    segmenter: Segmenter,
    directory_urls: bool = True,
    history: History | None = None,
) -> dict[str, Any]:
    """The search_index.json of one script, in the shape Material's search box loads."""
    return index_of(language, fold, documents(notice, ui, directory_urls, history), segmenter)


# Where a script's index is, under its root (Material's search box loads it from there).
SEARCH_INDEX = "search/search_index.json"
# What separates words, for Material's search box (which highlights with it).
QUERY_SEPARATOR = "[\\s\\u200b\\u3000\\-、。，．？！；]+"


def index_of(
    language: str, fold: dict[str, str], docs: list[Doc], segmenter: Segmenter
) -> dict[str, Any]:
    """A search index in the shape Material's search box loads (and our worker reads: the
    fold table from Traditional to Simplified)."""
    return {
        "config": {
            "lang": [language],
            "separator": QUERY_SEPARATOR,
            "fold": dict(sorted(fold.items())),
        },
        "docs": [doc.as_json(segmenter) for doc in docs],
    }


def write_index(site_dir: Path, language: str, index: dict[str, Any], as_script: bool) -> int:
    """Write a script's index into a built site (with `as_script`, also as search_index.js,
    as Material's offline plugin writes it: under file:// Material reads the global
    __index); its size in bytes."""
    target = site_dir / languages.of(language).prefix / SEARCH_INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    target.write_text(text, encoding="utf-8")
    if as_script:
        target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
    return len(text.encode())
