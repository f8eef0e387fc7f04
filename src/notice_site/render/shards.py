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
- search/f/<d>/<group>-<block>.json, the fragments: the location, title and text of each
  document, fetched only for the results shown; a file holds a group of consecutive pages
  of 32 documents at most (a library of 1,000 notices has some 80,000 pages, most of a few
  documents: a file each was 80,000 files to write a build), or 32 of a larger page's
  (the entry lists each group's first page).

An index is made notice by notice: each notice's postings (its Share) depend on its own
documents alone, and are kept from one build to the next (Shares), so a build after one
notice changed makes only that notice's again and joins them. A key's postings hold page
numbers, so a changed sentence changes the keys of its own page alone (its notice's pages
and every later page keep their numbers), and with them a few shards and one file of
fragments: a file the same as the published index's is linked from there (Files), not
written again (at 1,000 notices, 22,000 files; writing them was most of the index's time).

Positions are counted in code points of the folded text (fold() below, the worker's fold),
title and text apart; a word of three characters or more occurs where its bigrams follow
one another. Numbers in postings are deltas, each key's written as one string of base-64
digits (pack(): 5 bits a digit, the sixth saying another follows), which takes half the
bytes of a JSON array of the same numbers.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import json
import os
import pickle
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notice_site.bulk import collector_paused
from notice_site.model import languages
from notice_site.render.search import SEPARATOR, Doc, Segmenter

# Documents of a page per fragment file.
BLOCK = 32
# Pages per folder of fragments.
FAN_OUT = 256
# What a shard of postings holds on average, raw; the number of shards is a power of two.
SHARD_BYTES = 6_000
FORMAT = 3

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


def unpack(text: str) -> list[int]:
    """The numbers pack() wrote."""
    numbers, n, shift = [], 0, 0
    for digit in text:
        value = DIGITS.index(digit)
        n |= (value & 31) << shift
        if value & 32:
            shift += 5
        else:
            numbers.append(n)
            n, shift = 0, 0
    return numbers


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


def _groups(pages: list[list[int]]) -> list[int]:
    """The first page of each group of consecutive pages whose documents' fragments go in
    one file: as many pages as hold BLOCK documents at most, or one page of more."""
    starts, held = [], BLOCK
    for p, members in enumerate(pages):
        if held + len(members) > BLOCK:
            starts.append(p)
            held = 0
        held += len(members)
    return starts


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


@dataclass(frozen=True)
class Share:
    """One notice's part of the postings, made from its documents alone, its pages numbered
    from 0: for each kind ("b", "u", "w") and key, the page of its first record and of its
    last, how many numbers its records hold, and those numbers packed less the first (the
    first record's page delta, which depends on the pages before the notice's). pack() of a
    list is the concatenation of pack() of its parts, so the index's postings are these,
    joined in the notices' order, each behind its first page's delta (write_sharded_index):
    a notice's share is made again only when its documents change (Shares)."""

    pages: int
    postings: dict[str, dict[str, tuple[int, int, int, str]]]
    # its pages' documents (their places among its own), each page's tier and whether it
    # opens at an #anchor: what the index's entry and fragments need besides the text
    members: tuple[tuple[int, ...], ...] = ()
    tiers: tuple[int, ...] = ()
    sections: tuple[bool, ...] = ()
    # how many numbers its records hold in all (what it adds to the index's size)
    numbers: int = 0


def share_of(docs: Sequence[Doc], table: dict[str, str], segmenter: Segmenter) -> Share:
    """The share of one notice's documents (in the order results list them)."""
    pages = _pages(docs)
    # Pages in order, each page's postings appended to each key's flat list as it is met.
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
    return Share(
        len(pages),
        {
            kind: {
                key: (flat[0], last[kind][key], len(flat), pack(flat[1:]))
                for key, flat in entries.items()
            }
            for kind, entries in shards.items()
        },
        tuple(tuple(members) for members in pages),
        tuple(docs[members[0]].tier for members in pages),
        tuple("#" in docs[members[0]].location for members in pages),
        sum(len(flat) for entries in shards.values() for flat in entries.values()),
    )


class Documents(Sequence[Doc]):
    """One notice's documents as its share is named by: how many they are, what they are
    (hashed) and the characters the fold table can fold in them (each folded once), known
    without reading them; the documents themselves in memory, or read from `path` when
    first wanted (a library's notices kept, listed.Parts: an index after one edit reads
    the documents of the notices it changed alone)."""

    def __init__(
        self, count: int, digest: str, chars: frozenset[str], docs: list[Doc] | None = None
    ) -> None:
        self.count, self.digest, self.chars = count, digest, chars
        self.docs = docs
        self.path: Path | None = None

    @classmethod
    def of(cls, docs: list[Doc]) -> Documents:
        digest = hashlib.sha256()
        for doc in docs:
            digest.update(repr((doc.location, doc.title, doc.text, doc.boost, doc.tier)).encode())
        chars = frozenset(fold_char(ch, {}) for ch in set("".join(d.title + d.text for d in docs)))
        return cls(len(docs), digest.hexdigest(), chars, docs)

    def _read(self) -> list[Doc]:
        if self.docs is None:
            if self.path is None:
                raise ValueError("documents neither held nor kept")
            self.docs = pickle.loads(self.path.read_bytes())  # noqa: S301  (our own cache)
        return self.docs

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: Any) -> Any:
        return self._read()[index]

    def __iter__(self) -> Iterator[Doc]:
        return iter(self._read())

    def __getstate__(self) -> dict[str, Any]:
        # kept without the documents (listed.Parts keeps them apart) nor where they were
        return {"count": self.count, "digest": self.digest, "chars": self.chars}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["count"], state["digest"], state["chars"])


@functools.cache
def _code() -> str:
    """This module's code, hashed once per process: a kept share is only as good as the code
    that made it."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


class Shares:
    """Each notice's Share, kept in `cache_dir` (one file each, named by a hash of what
    makes it: its documents, the folding of the characters they hold, the segmenter's
    dictionary, this module's code) from one build to the next; prune() deletes those this build did
    not use."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.used: set[str] = set()

    def get(self, docs: Sequence[Doc], table: dict[str, str], segmenter: Segmenter) -> Share:
        return self.named(docs, table, segmenter)[1]

    def kept(self, name: str) -> Share | None:
        """The share kept under `name` (a share an earlier build used), if it still is."""
        try:
            return pickle.loads((self.cache_dir / name).read_bytes())  # noqa: S301
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def named(
        self, docs: Sequence[Doc], table: dict[str, str], segmenter: Segmenter
    ) -> tuple[str, Share]:
        """The share of `docs`, and the name it is kept under (what the documents are and
        the characters they hold read from them once, or known: Documents)."""
        known = docs if isinstance(docs, Documents) else Documents.of(list(docs))
        digest = hashlib.sha256(f"{_code()}\0{segmenter.key}\0{known.digest}\0".encode())
        digest.update(repr(sorted((c, table[c]) for c in known.chars if c in table)).encode())
        name = f"{digest.hexdigest()}.pickle"
        self.used.add(name)
        path = self.cache_dir / name
        kept = self.kept(name)
        if kept is not None:
            return name, kept
        # none kept, or kept by other code: made again
        share = share_of(docs, table, segmenter)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(share, pickle.HIGHEST_PROTOCOL))
        partial.replace(path)  # whole or not at all: a build cut short leaves no half file
        return name, share

    def prune(self) -> None:
        for path in self.cache_dir.glob("*"):
            if path.name not in self.used:
                path.unlink()


def write_sharded_index(
    folder: Path,
    language: str,
    table: dict[str, str],
    notices: Sequence[tuple[Notice, Sequence[Doc]]],
    segmenter: Segmenter,
    filters: Filters,
    separator: str,
    shares: Shares | None = None,
    published: Path | None = None,
    previous: dict[str, Any] | None = None,
    ending: bool = False,
) -> dict[str, Any]:
    """Write the index of `notices` (each with its documents, in the order results list
    them) into `folder` (a script's search/), each notice's postings from `shares` where
    given (made again only where its documents changed), each file the same as the one of
    the index `published` (the same script's search/ of the published site) linked from
    there. With the `layout` that index was written with (`previous`, as this returns it),
    where only some notices' documents changed and their pages are as they were, only the
    files those hold are made again (Changes); the others are linked unread. Returns the
    sizes (entry, postings, fragments: bytes; files, of them linked, of those unread) and
    this index's
    `layout`: each notice's share's name, the number of shards, the size they are cut by.
    `ending`: written by a process that ends with it (bulk.collector_paused's freeze)."""
    with collector_paused(freeze=ending):  # every notice's share read
        named = [
            shares.named(ds, table, segmenter) if shares else ("", share_of(ds, table, segmenter))
            for _, ds in notices
        ]
    made = [share for _, share in named]
    docs = _Flat([ds for _, ds in notices])
    # the pages, each notice's numbered after those of the notices before it
    pages: list[list[int]] = []
    firsts: list[int] = []
    offset = 0
    for share, (_, ds) in zip(made, notices, strict=True):
        firsts.append(len(pages))
        pages += [[offset + k for k in members] for members in share.members]
        offset += len(ds)
    changes = Changes.since(previous, [name for name, _ in named], made, shares, published)
    try:
        files, count, total, postings, fragments = _files(
            folder, published, made, firsts, pages, docs, changes
        )
    except (OSError, ValueError, KeyError):
        if changes is None:
            raise
        # the published index is not what its layout says (a file gone): written whole
        files, count, total, postings, fragments = _files(
            folder, published, made, firsts, pages, docs, None
        )
    starts = _groups(pages)
    tiers: list[list[int]] = []
    for p, tier in enumerate(tier for share in made for tier in share.tiers):
        if not tiers or tiers[-1][1] != tier:
            tiers.append([p, tier])
    sections = [p for p, opens in enumerate(o for share in made for o in share.sections) if opens]
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
                # the first page of each group of pages whose fragments share a file
                "groups": pack([b - a for a, b in zip([0, *starts], starts, strict=False)]),
                "tiers": tiers,
                # no article (a document at the page's own address) first: none today
                "sections_only": sections,
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
    return {
        "entry": files.write("search_index.json", entry),
        "postings": postings,
        "fragments": fragments,
        "files": files.written + files.linked,
        "linked": files.linked,
        "unread": files.unread,
        "layout": {"shares": [name for name, _ in named], "count": count, "total": total},
    }


class _Flat:
    """The notices' documents numbered one after another, each notice's read only when one
    of its documents is wanted."""

    def __init__(self, notices: list[Sequence[Doc]]) -> None:
        self.notices = notices
        self.starts = list(itertools.accumulate((len(ds) for ds in notices), initial=0))

    def __getitem__(self, k: int) -> Doc:
        n = bisect.bisect_right(self.starts, k) - 1
        return self.notices[n][k - self.starts[n]]


def _files(
    folder: Path,
    published: Path | None,
    made: list[Share],
    firsts: list[int],
    pages: list[list[int]],
    docs: _Flat,
    changes: Changes | None,
) -> tuple[Files, int, int, int, int]:
    """The index's postings and fragments written into `folder` (emptied first): its
    Files, the number of shards, the size they are cut by, the bytes of each."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "p").mkdir(parents=True)
    files = Files(folder, published)
    if changes is None:
        count, total, postings = _postings(files, made, firsts)
    else:
        count, total, postings = changes.postings(files, made, firsts)
    fragments = _fragments(files, folder, pages, docs, changes, firsts, made)
    return files, count, total, postings, fragments


def _shard_count(total: int) -> int:
    """How many shards postings of this size (raw) are cut into: a power of two."""
    count = 1
    while total / count > SHARD_BYTES and count < 1 << 16:
        count *= 2
    return count


def _postings(files: Files, made: list[Share], firsts: list[int]) -> tuple[int, int, int]:
    """Every shard of postings: each notice's share joined behind the others', its first
    record's page delta from the key's last page before it (nothing but the packed pieces
    kept). The number of shards, the size they were cut by, their bytes."""
    pieces: dict[str, dict[str, list[str]]] = {"b": {}, "u": {}, "w": {}}
    last: dict[str, dict[str, int]] = {"b": {}, "u": {}, "w": {}}
    for first, share in zip(firsts, made, strict=True):
        for kind, entries in share.postings.items():
            kind_pieces, kind_last = pieces[kind], last[kind]
            for key, (begin, end, _, rest) in entries.items():
                delta = pack([first + begin - kind_last.get(key, 0)])
                kind_pieces.setdefault(key, []).extend((delta, rest))
                kind_last[key] = first + end
    total = _size(pieces, made)
    count = _shard_count(total)
    split: list[dict[str, dict[str, str]]] = [{} for _ in range(count)]
    for kind, entries in pieces.items():
        for key, packed in entries.items():
            split[shard_of(key, count)].setdefault(kind, {})[key] = "".join(packed)
    return count, total, sum(files.write(f"p/{k}.json", shard) for k, shard in enumerate(split))


def _size(keys: dict[str, Any], made: list[Share]) -> int:
    """The postings' size as the shards are cut by it: each key's characters (three
    bytes each) once, and two bytes a number."""
    return sum(len(k) * 3 for entries in keys.values() for k in entries) + 2 * sum(
        share.numbers for share in made
    )


def _fragments(
    files: Files,
    folder: Path,
    pages: list[list[int]],
    docs: _Flat,
    changes: Changes | None,
    firsts: list[int],
    made: list[Share],
) -> int:
    """The files of fragments, a group of pages in each (a group of several pages holds
    BLOCK documents at most: one file; a page of more is a group of its own, in files of
    BLOCK documents each); where `changes` says which pages changed, the files of the
    other groups linked unread. Their bytes."""
    changed = changes.pages(firsts, made) if changes is not None else None
    starts = _groups(pages)
    written = 0
    for g, first in enumerate(starts):
        end = starts[g + 1] if g + 1 < len(starts) else len(pages)
        group = pages[first:end]
        if g % FAN_OUT == 0:
            (folder / "f" / str(g // FAN_OUT)).mkdir(parents=True)
        for b in range(0, max(len(members) for members in group), BLOCK):
            path = f"f/{g // FAN_OUT}/{g}-{b // BLOCK}.json"
            if changed is not None and not changed.intersection(range(first, end)):
                written += files.same(path)
                continue
            content = []
            for members in group:
                location = docs[members[0]].location.split("#")[0]
                block = [
                    [docs[k].location[len(location) :], docs[k].title, docs[k].text]
                    for k in members[b : b + BLOCK]
                ]
                content.append([location, block])
            written += files.write(path, content)
    return written


@dataclass(frozen=True)
class Changes:
    """What changed since the index published was written: which notices' shares (by
    their place), each with its share then; the number of shards, unchanged, and the
    size they are cut by now. Known only where every changed notice's pages hold the
    documents they held (so every other page keeps its number and its documents)."""

    then: dict[int, Share]
    count: int
    total: int

    @classmethod
    def since(
        cls,
        previous: dict[str, Any] | None,
        names: list[str],
        made: list[Share],
        shares: Shares | None,
        published: Path | None,
    ) -> Changes | None:
        if previous is None or shares is None or published is None:
            return None
        if len(previous["shares"]) != len(names) or not published.is_dir():
            return None
        then: dict[int, Share] = {}
        for place, (before, name) in enumerate(zip(previous["shares"], names, strict=True)):
            if before == name:
                continue
            old = shares.kept(before)
            now = made[place]
            if old is None or (old.members, old.tiers, old.sections) != (
                now.members,
                now.tiers,
                now.sections,
            ):
                return None
            then[place] = old
        total = previous["total"] + cls._grown(then, made)
        if _shard_count(total) != previous["count"]:
            return None
        return cls(then, previous["count"], total)

    @staticmethod
    def _grown(then: dict[int, Share], made: list[Share]) -> int:
        """What the changed shares add to the postings' size (_size): their numbers, and
        the characters of each key that no notice held before and one holds now, or the
        other way round."""
        grown = 2 * sum(made[place].numbers - old.numbers for place, old in then.items())
        for kind in ("b", "u", "w"):
            now = [share.postings.get(kind, {}) for share in made]
            before = list(now)
            for place, old in then.items():
                before[place] = old.postings.get(kind, {})
            moved: set[str] = set()
            for place in then:
                moved |= before[place].keys() ^ now[place].keys()
            for key in moved:
                held = any(key in keys for keys in now) - any(key in keys for keys in before)
                grown += len(key) * 3 * held
        return grown

    def postings(self, files: Files, made: list[Share], firsts: list[int]) -> tuple[int, int, int]:
        """The shards of postings: those holding a key a changed share holds otherwise
        (its records, or where they end) made from the published one, those keys joined
        again; the others linked unread. As _postings returns."""
        dirty: dict[int, list[tuple[str, str]]] = {}
        for place, old in self.then.items():
            now = made[place]
            for kind in ("b", "u", "w"):
                before, after = old.postings.get(kind, {}), now.postings.get(kind, {})
                for key in before.keys() | after.keys():
                    if before.get(key) != after.get(key):
                        dirty.setdefault(shard_of(key, self.count), []).append((kind, key))
        written = 0
        for k in range(self.count):
            name = f"p/{k}.json"
            if k not in dirty:
                written += files.same(name)
                continue
            shard = json.loads((files.published / name).read_text(encoding="utf-8"))
            for kind, key in dirty[k]:
                joined = _joined(kind, key, made, firsts)
                if joined:
                    shard.setdefault(kind, {})[key] = joined
                else:
                    shard.get(kind, {}).pop(key, None)
                    if kind in shard and not shard[kind]:
                        del shard[kind]
            written += files.write(name, shard)
        return self.count, self.total, written

    def pages(self, firsts: list[int], made: list[Share]) -> set[int]:
        """The pages of the changed notices."""
        return {
            p
            for place in self.then
            for p in range(firsts[place], firsts[place] + made[place].pages)
        }


def _joined(kind: str, key: str, made: list[Share], firsts: list[int]) -> str:
    """One key's postings across the notices, as _postings joins them ("" where none
    holds it)."""
    pieces, last = [], 0
    for first, share in zip(firsts, made, strict=True):
        entry = share.postings.get(kind, {}).get(key)
        if entry is not None:
            begin, end, _, rest = entry
            pieces += [pack([first + begin - last]), rest]
            last = first + end
    return "".join(pieces)


class Files:
    """The files of one index, written under `folder`; where `published` (the index of the
    site as published) holds a file of the same name and bytes, a hard link to it instead:
    the site replaced at publication, the file stays, now the new site's."""

    def __init__(self, folder: Path, published: Path | None) -> None:
        self.folder, self.published = folder, published
        self.written = self.linked = self.unread = 0

    def write(self, name: str, data: Any) -> int:
        """`data` as JSON in the file `name` (a path under the folder); its size."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        encoded = text.encode()
        path = self.folder / name
        if self.published is not None and _same(self.published / name, encoded):
            try:
                os.link(self.published / name, path)
                self.linked += 1
                return len(encoded)
            except OSError:  # another file system, or none may be linked: written
                pass
        path.write_bytes(encoded)
        self.written += 1
        return len(encoded)

    def same(self, name: str) -> int:
        """The published index's file `name`, known to be what this index holds there,
        linked unread (Changes); its size."""
        if self.published is None:
            raise ValueError("no published index to link from")
        source = self.published / name
        os.link(source, self.folder / name)
        self.linked += 1
        self.unread += 1
        return source.stat().st_size


def _same(path: Path, encoded: bytes) -> bool:
    try:
        return path.stat().st_size == len(encoded) and path.read_bytes() == encoded
    except OSError:
        return False


def read_docs(folder: Path) -> list[dict[str, str]]:
    """Every document of a sharded index (folder: a script's search/), pages in order: the
    location, title and text of each (for tests and tools; the worker never reads them all)."""
    entry = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    shards = entry["config"]["shards"]
    found = []
    starts, at = [], 0
    for delta in unpack(shards["groups"]):
        at += delta
        starts.append(at)
    for g in range(len(starts)):
        sub = folder / "f" / str(g // shards["fan_out"])
        files = sorted(sub.glob(f"{g}-*.json"), key=lambda f: int(f.stem.split("-")[1]))
        blocks = [json.loads(path.read_text(encoding="utf-8")) for path in files]
        for page in range(len(blocks[0])):  # a page's documents: its block in each file
            for content in blocks:
                location, block = content[page]
                found += [
                    {"location": location + suffix, "title": title, "text": text}
                    for suffix, title, text in block
                ]
    return found
