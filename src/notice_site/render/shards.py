"""A search index in many small files, for a library of many notices (ARCHITECTURE.md,
"Search"): a first query downloads a few of them, never the whole.

The worker (docs/assets/javascripts/search-worker.js) finds exactly what it finds in a
one-file index (render/search.py): the same documents, the same words (jieba's, made here
with the same Segmenter), the same folding, the same scores and order. What it needs for
that is split so that a query fetches only what its characters name:

- search/search_index.json, the entry Material's search box loads on every page: the fold
  table, the number of shards, each page's tier (in runs), each notice's first page and
  what the filters read (status, issuer, year), and their labels;
- search/p/<k>.json, the postings: for each pair of characters (bigram) of the folded text,
  where it occurs (page, document, and its positions in the title and in the text), for each
  character (unigram) how often, and for each word jieba found (the worker's vocabulary, and
  what ranks a whole word first) the documents holding it; a key's shard is a hash of its
  first two characters (first one for one-character keys), so a query's words name theirs;
- search/f/<d>/<page>-<block>.json, the fragments: the location, title and text of each
  document of a page, 32 a file, fetched only for the results shown.

Positions are counted in code points of the folded text (fold() below, the worker's fold),
title and text apart; a word of three characters or more occurs where its bigrams follow
one another. Numbers in postings are deltas, each key's written as one string of base-64
digits (pack(): 5 bits a digit, the sixth saying another follows), which takes half the
bytes of a JSON array of the same numbers.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notice_site.model import languages
from notice_site.render.search import SEPARATOR, Doc, Segmenter

# Documents of a page per fragment file.
BLOCK = 32
# Pages per folder of fragments.
FAN_OUT = 256
# What a shard of postings holds on average, raw; the number of shards is a power of two.
SHARD_BYTES = 6_000
FORMAT = 2

# The worker's query separators (search-worker.js, SPLIT), JavaScript's \s included: a
# query's words never hold them, so no pair of characters with one of them is indexed.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
_JS_SPACE += "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
SPLIT = frozenset(
    _JS_SPACE + "\u200b\u3000,，、。．.；;：:！!？?\"'“”‘’()（）《》〈〉「」『』【】[]{}<>-—…·+*~^"
)


DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def pack(numbers: list[int]) -> str:
    """Numbers (none negative) as base-64 digits, low 5 bits first, 32 added to every digit
    but a number's last (search-worker.js, unpack)."""
    out = []
    for n in numbers:
        while n >= 32:
            out.append(DIGITS[32 | (n & 31)])
            n >>= 5
        out.append(DIGITS[n])
    return "".join(out)


def fold_char(ch: str, table: dict[str, str]) -> str:
    """search-worker.js foldChar: full-width ASCII to ASCII, lower case, then the table."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ch = chr(code - 0xFEE0)
    elif code == 0x3000:
        ch = " "
    # JavaScript folds case per UTF-16 unit: a character outside the BMP keeps its case
    if code <= 0xFFFF:
        lower = ch.lower()
        if len(lower) == 1:
            ch = lower
    return table.get(ch, ch)


def fold(text: str, table: dict[str, str]) -> str:
    return "".join(fold_char(ch, table) for ch in text)


def shard_of(key: str, count: int) -> int:
    """FNV-1a (32 bits) of the key's first two characters' UTF-16 units, modulo `count`
    (search-worker.js, shardOf)."""
    h = 0x811C9DC5
    units = key[:2].encode("utf-16-le")[:4]
    for k in range(0, len(units), 2):
        h ^= units[k] | (units[k + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % count


@dataclass(frozen=True)
class Notice:
    """What the filters read of one notice: its status (Document.STATUSES), issuer and
    year ("" when it has no date)."""

    status: str
    issuer: str
    year: str


@dataclass(frozen=True)
class Filters:
    """The filters' words in one script: the label of each group, and of each status."""

    status: str
    issuer: str
    year: str
    statuses: dict[str, str]


def _pages(docs: Sequence[Doc]) -> list[list[int]]:
    """Documents grouped by page (location before #), pages in the order of their first
    document, as the worker's one-file setup() groups them."""
    by_page: dict[str, list[int]] = {}
    for k, doc in enumerate(docs):
        by_page.setdefault(doc.location.split("#")[0], []).append(k)
    return list(by_page.values())


def _encode_positions(positions: list[int]) -> list[int]:
    out = [len(positions)]
    last = 0
    for p in positions:
        out.append(p - last)
        last = p
    return out


def _page(flats: dict[str, list[int]], last: dict[str, int], key: str, page: int, n: int) -> list:
    """The flat list of `key`, a page's record begun in it (page delta, number of entries)."""
    flat = flats.setdefault(key, [])
    flat += [page - last.get(key, 0), n]
    last[key] = page
    return flat


def write_sharded_index(
    folder: Path,
    language: str,
    table: dict[str, str],
    notices: Sequence[tuple[Notice, Sequence[Doc]]],
    segmenter: Segmenter,
    filters: Filters,
    separator: str,
) -> dict[str, int]:
    """Write the index of `notices` (each with its documents, in the order results list
    them) into `folder` (a script's search/); returns sizes: entry, postings, fragments
    (bytes) and files."""
    docs = [doc for _, ds in notices for doc in ds]
    pages = _pages(docs)
    page_of: dict[int, tuple[int, int]] = {}
    for p, members in enumerate(pages):
        for e, k in enumerate(members):
            page_of[k] = (p, e)
    # every notice's first page (its documents are consecutive, and so its pages)
    firsts, start = [], 0
    for _, ds in notices:
        firsts.append(page_of[start][0] if start < len(docs) else len(pages))
        start += len(ds)
    # Pages in order, each page's postings appended to each key's flat list as it is met:
    # nothing but those lists is kept (a library of 1,000 notices holds millions of positions).
    shards: dict[str, dict[str, list[int]]] = {"b": {}, "u": {}, "w": {}}
    last: dict[str, dict[str, int]] = {"b": {}, "u": {}, "w": {}}
    for p, members in enumerate(pages):
        bigrams: dict[str, dict[int, tuple[list[int], list[int]]]] = {}
        unigrams: dict[str, dict[int, list[int]]] = {}
        words: dict[str, list[int]] = {}
        for e, k in enumerate(members):
            doc = docs[k]
            for field, text in enumerate((fold(doc.title, table), fold(doc.text, table))):
                for at, ch in enumerate(text):
                    if ch in SPLIT:
                        continue
                    counts = unigrams.setdefault(ch, {}).setdefault(e, [0, 0])
                    counts[field] += 1
                    if at + 1 < len(text) and text[at + 1] not in SPLIT:
                        found = bigrams.setdefault(text[at : at + 2], {}).setdefault(e, ([], []))
                        found[field].append(at)
            segmented = segmenter.segment(f"{doc.title} {doc.text}")
            for w in dict.fromkeys(fold(w, table) for w in segmented.split(SEPARATOR) if w):
                words.setdefault(w, []).append(e)
        boost = {e: docs[k].boost for e, k in enumerate(members) if docs[k].boost != 1}
        for gram, entries in bigrams.items():
            flat = _page(shards["b"], last["b"], gram, p, len(entries))
            previous = 0
            for e, (title, text) in entries.items():
                flat.append(e - previous)
                previous = e
                flat += _encode_positions(title)
                if title:
                    flat.append(boost.get(e, 1))
                flat += _encode_positions(text)
        for ch, entries in unigrams.items():
            flat = _page(shards["u"], last["u"], ch, p, len(entries))
            previous = 0
            for e, counts in entries.items():
                flat += [e - previous, *counts]
                previous = e
                if counts[0]:
                    flat.append(boost.get(e, 1))
        for w, entries in words.items():
            flat = _page(shards["w"], last["w"], w, p, len(entries))
            previous = 0
            for e in entries:
                flat.append(e - previous)
                previous = e
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sizes = {"postings": 0, "fragments": 0, "files": 0}
    total = sum(len(k) * 3 + 2 * len(v) for kind in shards.values() for k, v in kind.items())
    count = 1
    while total / count > SHARD_BYTES and count < 1 << 16:
        count *= 2
    split: list[dict[str, dict[str, str]]] = [{} for _ in range(count)]
    for kind, entries in shards.items():
        for key, flat in entries.items():
            split[shard_of(key, count)].setdefault(kind, {})[key] = pack(flat)
    (folder / "p").mkdir()
    for k, shard in enumerate(split):
        sizes["postings"] += _write(folder / "p" / f"{k}.json", shard)
        sizes["files"] += 1
    for p, members in enumerate(pages):
        location = docs[members[0]].location.split("#")[0]
        sub = folder / "f" / str(p // FAN_OUT)
        sub.mkdir(parents=True, exist_ok=True)
        for b in range(0, len(members), BLOCK):
            block = [
                [docs[k].location[len(location) :], docs[k].title, docs[k].text]
                for k in members[b : b + BLOCK]
            ]
            sizes["fragments"] += _write(sub / f"{p}-{b // BLOCK}.json", [location, block])
            sizes["files"] += 1
    tiers: list[list[int]] = []
    for p, members in enumerate(pages):
        tier = docs[members[0]].tier
        if not tiers or tiers[-1][1] != tier:
            tiers.append([p, tier])
    issuers = list(dict.fromkeys(n.issuer for n, _ in notices))
    statuses = list(filters.statuses)
    entry = {
        "config": {
            "lang": [language],
            "separator": separator,
            "fold": dict(sorted(table.items())),
            "shards": {
                "format": FORMAT,
                # this folder, from the site's root (where the worker is)
                "path": f"{languages.of(language).prefix}search/",
                "count": count,
                "pages": len(pages),
                "block": BLOCK,
                "fan_out": FAN_OUT,
                "tiers": tiers,
                # no article (a document at the page's own address) first: none today
                "sections_only": [p for p, m in enumerate(pages) if "#" in docs[m[0]].location],
                "notices": [
                    [first, statuses.index(n.status), issuers.index(n.issuer), n.year]
                    for first, (n, _) in zip(firsts, notices, strict=True)
                ],
                "filters": {
                    "status": [filters.status, [filters.statuses[s] for s in statuses]],
                    "issuer": [filters.issuer, issuers],
                    "year": [filters.year],
                },
            },
        },
        "docs": [],
    }
    sizes["entry"] = _write(folder / "search_index.json", entry)
    sizes["files"] += 1
    return sizes


def _write(path: Path, data: Any) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def read_docs(folder: Path) -> list[dict[str, str]]:
    """Every document of a sharded index (folder: a script's search/), pages in order: the
    location, title and text of each (for tests and tools; the worker never reads them all)."""
    entry = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    shards = entry["config"]["shards"]
    found = []
    for p in range(shards["pages"]):
        sub = folder / "f" / str(p // shards["fan_out"])
        for path in sorted(sub.glob(f"{p}-*.json"), key=lambda f: int(f.stem.split("-")[1])):
            location, block = json.loads(path.read_text(encoding="utf-8"))
            found += [
                {"location": location + suffix, "title": title, "text": text}
                for suffix, title, text in block
            ]
    return found
