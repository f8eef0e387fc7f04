"""The library's search index in many small files (render/shards.py) finds what one file
finds: the worker (search-worker.js), run in Node on both forms of the same documents,
lists the same results in the same order for every query of test_search.py and more, and a
query fetches a few of the files. Filters written in the query keep the notices they name.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support.notices import SAMPLE_SLUG, sample_notice
from support.project import ROOT
from test_search import QUERIES

from notice_site.render.shards import Shares, fold, pack, read_docs, shard_of, unpack

# each runs the worker in Node
pytestmark = pytest.mark.slow

WORKER = ROOT / "docs" / "assets" / "javascripts" / "search-worker.js"
HARNESS = ROOT / "tests" / "support" / "worker.js"
PREFIX = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
# the worker lists this many pages from a sharded index (search-worker.js, LIMIT)
LIMIT = 20
MORE = ["关税", "税", "8", "海关 总署", "的", "第一条", "口岸管理", "多式联运", "𠀀税", "ａ"]


def run(site: Path, language: str, queries: list[str]) -> list[dict]:
    index = f"{PREFIX[language]}search/search_index.json"
    args = [str(HARNESS), str(WORKER), str(site), index, json.dumps(queries), "fresh"]
    done = subprocess.run(["node", *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory) -> dict:
    """The library of the first notice and the sample notice (replaced by it), its index in
    each script written both ways: one file (site one/) and sharded (site sharded/)."""
    from test_library import write_site

    from notice_site.folder.site_file import load_site
    from notice_site.library.own_pages import (
        library_fold,
        library_parts,
        library_search,
        options,
    )
    from notice_site.render.search import index_of, write_index
    from notice_site.render.shards import write_sharded_index
    from notice_site.render.site import load_converter, make_segmenter

    tmp = tmp_path_factory.mktemp("shards")
    shutil.copytree(ROOT / "data", tmp / "data")
    sample = sample_notice(tmp / "notices" / "sample")
    text = (sample / "measures.yaml").read_text(encoding="utf-8")
    text = text.replace(
        f"  slug: {SAMPLE_SLUG}\n",
        f"  slug: {SAMPLE_SLUG}\n  status: replaced\n  replaced_by: twenty-measures\n"
        "  published: 2099-01-05\n",
    )
    (sample / "measures.yaml").write_text(text, encoding="utf-8")
    site = load_site(write_site(tmp, "data", "notices/sample"))
    notices = library_parts(site, tmp)
    table = library_fold(notices)
    segmenter = make_segmenter(tmp, site.notices[0], load_converter(site.notices[0], tmp))
    for language in PREFIX:
        groups = library_search(notices, language)
        docs = [d for _, ds in groups for d in ds]
        write_index(tmp / "one", language, index_of(language, table, docs, segmenter), False)
        folder = tmp / "sharded" / PREFIX[language] / "search"
        write_sharded_index(
            folder, language, table, groups, segmenter, **options(notices, language)
        )
    return {
        "one": tmp / "one",
        "sharded": tmp / "sharded",
        "fold": table,
        "write": lambda folder, language, groups, shares=None, published=None, previous=None: (
            write_sharded_index(
                folder,
                language,
                table,
                groups,
                segmenter,
                **options(notices, language),
                shares=shares,
                published=published,
                previous=previous,
            )
        ),
        "groups": {language: library_search(notices, language) for language in PREFIX},
    }


@pytest.mark.parametrize("language", list(PREFIX))
def test_the_sharded_index_finds_what_one_file_finds(indexes, language: str) -> None:
    queries = sorted({q for _, q, _, _ in QUERIES} | set(MORE))
    one = run(indexes["one"], language, queries)
    sharded = run(indexes["sharded"], language, queries)
    differ = [
        a["query"] for a, b in zip(one, sharded, strict=True) if a["items"][:LIMIT] != b["items"]
    ]
    assert differ == []
    assert sum(len(a["items"]) > 0 for a in one) > len(queries) / 2
    for answer in sharded:
        files = [path for path, _ in answer["files"]]
        postings = [f for f in files if "/p/" in f]
        fragments = [f for f in files if "/f/" in f]
        # each pair of characters of the query names one shard, and each character of a word
        # split into single characters; each page shown and block of 32 of its documents one
        # fragment: nothing else is fetched
        assert len(postings) <= 2 * len(answer["query"]), answer["query"]
        assert len(fragments) <= 2 * len(answer["items"]) + 1, answer["query"]
        assert len(files) == 1 + len(postings) + len(fragments)


def test_filters_in_the_query_keep_the_notices_they_name(indexes) -> None:
    def notices(answer: dict) -> set[str]:
        return {
            slug
            for g in answer["items"]
            for slug in ("twenty-measures", SAMPLE_SLUG)
            if f"{slug}/" in g[0]["location"]
        }

    answers = run(
        indexes["sharded"],
        "zh-Hans",
        [
            "零关税",
            "零关税 状态:现行有效",
            "零关税 状态:已被替代",
            "零关税 年份:2099",
            "零关税 狀態:已被替代",
            "状态:现行有效",
            "零关税 状态:已废止",
            "零关税 年份:1999",
        ],
    )
    assert [notices(a) for a in answers] == [
        {"twenty-measures", SAMPLE_SLUG},
        {"twenty-measures"},
        {SAMPLE_SLUG},
        {SAMPLE_SLUG},
        {SAMPLE_SLUG},  # the other script's words fold onto this one's
        set(),  # a filter alone searches nothing
        set(),
        set(),
    ]
    # the filter's words are not highlighted as words of the text
    assert all("状态" not in json.dumps(g, ensure_ascii=False) for g in answers[1]["items"])


def test_the_worker_folds_and_hashes_as_the_index_does() -> None:
    """Python writes the shards the worker reads: the same fold, hash and numbers."""
    source = WORKER.read_text(encoding="utf-8")
    script = (
        source
        + """
    ;sharded = { shards: { count: 4096 } };
    console.log(JSON.stringify({
      fold: fold(process.argv[1], JSON.parse(process.argv[2])),
      shards: JSON.parse(process.argv[3]).map(shardOf),
      numbers: unpack(process.argv[4]),
    }));
    """
    )
    keys = ["关税", "税", "ab", "𠀀税", "８4", "零關"]
    text = "ＡＥＯ　零關稅 İstanbul 𐐀 ＃"
    table = {"關": "关", "稅": "税"}
    numbers = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 123_456_789, 7]
    done = subprocess.run(
        [
            "node",
            "-e",
            "var self = { addEventListener() {} };" + script,
            "--",
            text,
            json.dumps(table),
            json.dumps(keys),
            pack(numbers),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    assert found["fold"] == fold(text, table)
    assert found["shards"] == [shard_of(key, 4096) for key in keys]
    assert found["numbers"] == numbers


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_each_notices_postings_kept_give_the_index_made_anew(indexes, tmp_path) -> None:
    """A build keeps each notice's share (Shares); the next takes the unchanged ones from
    there, makes the changed one's again, and writes the index a build with nothing kept
    writes, byte for byte."""
    from notice_site.render.search import Doc

    language = "zh-Hant"
    fresh = files(indexes["sharded"] / "zh-Hant" / "search")
    groups = indexes["groups"][language]
    cache = tmp_path / "kept"
    for run_ in ("first", "again"):
        shares = Shares(cache)
        indexes["write"](tmp_path / run_, language, groups, shares)
        shares.prune()
        assert files(tmp_path / run_) == fresh, run_
    assert len(list(cache.iterdir())) == len(groups)  # one share a notice, no more
    # the second notice's first document edited: its share made again, the first's kept
    (notice, docs), *rest = groups[1:]
    first = docs[0]
    edited = [Doc(first.location, first.title, first.text + "（已编辑）", first.boost, first.tier)]
    changed = [groups[0], (notice, edited + list(docs[1:])), *rest]
    shares = Shares(cache)
    # written beside the first index, as a library's build writes beside the published one
    sizes = indexes["write"](tmp_path / "changed", language, changed, shares, tmp_path / "first")
    shares.prune()
    indexes["write"](tmp_path / "anew", language, changed)
    assert files(tmp_path / "changed") == files(tmp_path / "anew")
    assert files(tmp_path / "changed") != fresh
    # each file the edit left the same is the first index's, linked; the others written
    same = [n for n, data in files(tmp_path / "changed").items() if fresh.get(n) == data]
    assert 0 < len(same) < len(fresh) and sizes["linked"] == len(same)
    for name in files(tmp_path / "changed"):
        inode = (tmp_path / "changed" / name).stat().st_ino
        assert (inode == (tmp_path / "first" / name).stat().st_ino) == (name in same), name
    assert len(list(cache.iterdir())) == len(groups)  # the edited notice's old share pruned
    found = read_docs(tmp_path / "changed")
    assert [d["text"] for d in found if d["text"].endswith("（已编辑）")] == [edited[0].text]


def test_a_page_of_many_documents_is_split_and_small_pages_share_a_file(indexes, tmp_path) -> None:
    """Fragments: small pages go together in one file (32 documents at most); a page of
    more has files of its own, 32 documents each; every document is read back in order."""
    from notice_site.render.search import Doc
    from notice_site.render.shards import BLOCK, Notice

    sizes = [3, 5, 70, 1, 1, 30, 2]
    docs = [
        Doc(f"p{p}/" + (f"#s{k}" if k else ""), f"标题{p}-{k}", f"第{p}页第{k}条 海关")
        for p, n in enumerate(sizes)
        for k in range(n)
    ]
    folder = tmp_path / "search"
    indexes["write"](folder, "zh-Hans", [(Notice("in_force", "海关总署", "2025"), docs)])
    shards = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    # groups: pages 0-1 (8 documents), page 2 (70: three files), pages 3-5 (32), page 6
    assert unpack(shards["config"]["shards"]["groups"]) == [0, 2, 1, 3]
    names = sorted(p.name for p in (folder / "f" / "0").iterdir())
    assert names == ["0-0.json", "1-0.json", "1-1.json", "1-2.json", "2-0.json", "3-0.json"]
    assert max(len(json.loads((folder / "f" / "0" / n).read_text())[0][1]) for n in names) == BLOCK
    assert [(d["location"], d["title"]) for d in read_docs(folder)] == [
        (d.location, d.title) for d in docs
    ]


def test_an_index_after_an_edit_links_what_the_edit_cannot_reach_unread(indexes, tmp_path) -> None:
    """With the layout of the index published (which notice's share it was made of), an
    edit that leaves every page with the documents it had makes again only the files that
    hold what the notice changed (the postings of the keys it holds otherwise, the
    fragments of its pages); every other file is the published one, linked unread, and
    the index is byte for byte the one made anew. An edit that adds a document (every
    later page renumbered) is written as a whole."""
    from notice_site.render.search import Doc

    language = "zh-Hans"
    groups = indexes["groups"][language]
    shares = Shares(tmp_path / "kept")
    first = indexes["write"](tmp_path / "first", language, groups, shares)
    assert first["unread"] == 0
    (notice, docs), *rest = groups[1:]
    one = docs[3]
    edited = [*docs[:3], Doc(one.location, one.title, one.text + "（已编辑）", one.boost, one.tier)]
    changed = [groups[0], (notice, edited + list(docs[4:])), *rest]
    sizes = indexes["write"](
        tmp_path / "changed", language, changed, shares, tmp_path / "first", first["layout"]
    )
    anew = indexes["write"](tmp_path / "anew", language, changed)
    assert files(tmp_path / "changed") == files(tmp_path / "anew")
    # the size the shards are cut by, worked out from the published one's: the same
    assert [sizes["layout"][k] for k in ("count", "total")] == [
        anew["layout"][k] for k in ("count", "total")
    ]
    written = sizes["files"] - sizes["linked"]
    assert 0 < written <= sizes["files"] // 4, sizes
    assert sizes["unread"] >= sizes["files"] // 2, sizes
    for name in files(tmp_path / "changed"):
        same = files(tmp_path / "changed")[name] == files(tmp_path / "first").get(name)
        inode = (tmp_path / "changed" / name).stat().st_ino
        assert (inode == (tmp_path / "first" / name).stat().st_ino) == same, name
    # a document added: later pages renumbered, the index written whole (compared, linked)
    added = [groups[0], (notice, [*docs, Doc(f"{docs[-1].location}x", "新", "新增的内容")]), *rest]
    whole = indexes["write"](
        tmp_path / "added", language, added, shares, tmp_path / "first", first["layout"]
    )
    assert whole["unread"] == 0
    indexes["write"](tmp_path / "added-anew", language, added)
    assert files(tmp_path / "added") == files(tmp_path / "added-anew")
