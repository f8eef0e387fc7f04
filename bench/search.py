"""Benchmark of the library's search index at scale: what a first query downloads.

The library. The project's own notice (data/) and the first --base - 1 notices (default 12 in
all) of bench/library.py's library (varied real
shapes: the sample notice repeated to sizes from 3 to 300 provisions, divisions, tables, an
amended and an amending notice, announcements) are imported and loaded once, and their search
documents made as the library's build makes them (library.own_pages.library_search); then
they are repeated, each copy under its own slug, to 100, 300 and 1,000 notices (--sizes),
in force first as the library lists them. The indexes are written in process, without HTML
(library.own_pages writes the same files in a build), in both forms:

- one file: search/search_index.json as a single notice's site has it (render/search.py),
  which the worker downloads whole;
- sharded: the library's form (render/shards.py): an entry file, postings and fragments.

Printed per size and script: the sizes (one file; sharded: all files, the entry, the number
of files), then for each query (关税, 保税维修, 零關稅, 8421, and one with a filter) the bytes
its first query downloads, worker included: the files the worker fetched when it ran the
query in Node (tests/support/worker.js), raw and gzipped (as nginx serves them, gzip level
6), how many files, and the results it lists. It prints tables and never passes or fails.

With --chromium, the largest library's sharded index is then served by nginx with
deploy/nginx-library.conf (gzip as configured there) and each query is typed, on a fresh
page each, in Debian's Chromium with its CPU slowed 4× (CDP Emulation.setCPUThrottlingRate).
The throttling slows the page's thread but not reliably a dedicated worker's (a loop of 3e7
additions: 4× slower on the page, unchanged in a worker, here), so bench/search-page/ runs
the worker's code on the page's thread, SETUP with search_index.json as Material sends it,
and times a query from the moment it is sent to the results (Material's drawing of the list
left out). Printed: the bytes the page load fetched for search (worker and entry) and the
query fetched, as transferred (compressed bodies), the files, and the milliseconds; then
the same for the one-file index of the same notices (the first two queries), which Material
would load whole on every page.

Run with `.venv/bin/python bench/search.py` (about 5 minutes on 2 cores, most of it writing
the 1,000-notice indexes; `--sizes 100` for a quick look).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "bench")]

from build import folder_size, table  # noqa: E402  (bench/build.py, beside this file)

WORKER = ROOT / "docs" / "assets" / "javascripts" / "search-worker.js"
HARNESS = ROOT / "tests" / "support" / "worker.js"
QUERIES = ["关税", "保税维修", "零關稅", "8421", "关税 状态:现行有效"]
PREFIX = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}


def base_library(project: Path, count: int):
    """The first `count` notices of bench/library.py's library, loaded: (site, their parts)."""
    from library import library, site_file

    from notice_site.folder.site_file import load_site
    from notice_site.library.own_pages import library_parts

    folders = [project / "data", *library(project, count - 1)]
    site = load_site(site_file(project, folders))
    return site, library_parts(site, project)


def repeated(groups: list, size: int) -> list:
    """`size` notices: the base ones over and over, each copy under its own slug (n<k>-…-c<j>),
    in force first (as library.own_pages.library_search lists them)."""
    found = []
    for k in range(size):
        notice, docs = groups[k % len(groups)]
        copy = k // len(groups)
        slug = docs[0].location.split("/")[-2 if docs[0].location.startswith("..") else 0]
        if copy:
            new = f"{slug}-c{copy}"
            docs = [replace(d, location=d.location.replace(f"{slug}/", f"{new}/", 1)) for d in docs]
        found.append((notice, docs))
    return sorted(found, key=lambda g: g[1][0].tier > 0 and g[0].status in ("replaced", "repealed"))


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def run_queries(site: Path, language: str, queries: list[str], fresh: bool = True) -> list[dict]:
    """Each query typed in the worker on `site` (tests/support/worker.js): its results and
    the files it fetched, each a first query unless not `fresh`."""
    index = f"{PREFIX[language]}search/search_index.json"
    args = [str(HARNESS), str(WORKER), str(site), index, json.dumps(queries)]
    out = subprocess.run(
        ["node", *args, *(["fresh"] if fresh else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def bench(
    size: int, groups: dict, fold: dict, segmenter, options: dict, tmp: Path, keep: bool = False
) -> list:
    """The rows of one size; with `keep`, its sharded site stays in `tmp` (sharded-<size>)."""
    from notice_site.render.search import index_of, write_index
    from notice_site.render.shards import write_sharded_index

    rows = []
    for language in ("zh-Hans", "zh-Hant"):
        notices = repeated(groups[language], size)
        one = tmp / f"one-{size}"  # the site: one/search/search_index.json
        docs = [d for _, ds in notices for d in ds]
        started = time.monotonic()
        one_size = write_index(one, language, index_of(language, fold, docs, segmenter), False)
        one_seconds = time.monotonic() - started
        site = tmp / f"sharded-{size}"
        folder = site / PREFIX[language] / "search"
        started = time.monotonic()
        sizes = write_sharded_index(folder, language, fold, notices, segmenter, **options[language])
        sharded_seconds = time.monotonic() - started
        worker = site / "assets" / "javascripts" / "search-worker.js"
        worker.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(WORKER, worker)
        one_json = one / PREFIX[language] / "search" / "search_index.json"
        head = [
            f"{size:,}",
            language,
            f"{len(docs):,}",
            f"{one_size / 1e6:.1f} MB ({gzipped(one_json) / 1e6:.1f}), {one_seconds:.0f} s",
            f"{folder_size(folder) / 1e6:.1f} MB, {sizes['files']:,} files, {sharded_seconds:.0f} s",
            f"{sizes['entry'] / 1e3:.1f} KB ({gzipped(folder / 'search_index.json') / 1e3:.1f})",
        ]
        for result in run_queries(site, language, QUERIES):
            files = [("assets/javascripts/search-worker.js", WORKER.stat().st_size)]
            files += [tuple(f) for f in result["files"]]
            raw = sum(n for _, n in files)
            packed = sum(gzipped(site / f) for f, _ in files)
            rows.append(
                [
                    *head,
                    result["query"],
                    f"{raw / 1e3:.0f} KB",
                    f"{packed / 1e3:.0f} KB",
                    f"{len(files)}",
                    f"{len(result['items'])}",
                ]
            )
            head = [""] * len(head)
        if keep:
            worker = one / "assets" / "javascripts" / "search-worker.js"
            worker.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(WORKER, worker)
        else:
            shutil.rmtree(one)
            shutil.rmtree(site)
    return rows


def in_chromium(site: Path, language: str, queries: list[str], tmp: Path) -> list[list[str]]:
    """Each query a first query in Chromium, CPU slowed 4×, from nginx (see the docstring)."""
    from support.browser import chromium
    from support.serving import free_port, run_nginx

    for name in ("bench-search.html", "bench-search.js"):
        shutil.copyfile(ROOT / "bench" / "search-page" / name, site / name)
    (site / "redirects.map").write_text("", encoding="utf-8")
    port = free_port()
    server = (ROOT / "deploy" / "nginx-library.conf").read_text(encoding="utf-8")
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("root /srv/www/library;", f"root {site};"),
        ("include /srv/www/library/redirects.map;", f"include {site}/redirects.map;"),
    ):
        server = server.replace(old, new)
    (tmp / "nginx").mkdir(exist_ok=True)
    process = run_nginx(tmp / "nginx", server, port)
    rows = []
    browsers = chromium()
    browser = next(browsers)
    try:
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            fetched: list[tuple[str, int]] = []
            page.on(
                "requestfinished",
                lambda r, into=fetched: into.append((r.url, r.sizes()["responseBodySize"])),
            )
            prefix = PREFIX[language]
            page.goto(f"http://127.0.0.1:{port}/bench-search.html?prefix={prefix}")
            page.wait_for_function("() => window.benchLoaded !== undefined", polling=20)
            loaded = page.evaluate("() => window.benchLoaded")
            page.wait_for_timeout(200)
            at_load = [(u, n) for u, n in fetched if "bench-search" not in u]
            fetched.clear()
            answer = page.evaluate("q => window.ask(q)", query)
            page.wait_for_timeout(200)
            load = sum(n for _, n in at_load)
            asked = sum(n for _, n in fetched)
            rows.append(
                [
                    query,
                    f"{load / 1e3:.1f} KB ({len(at_load)}), {loaded:.0f} ms",
                    f"{asked / 1e3:.1f} KB ({len(fetched)})",
                    f"{(load + asked) / 1e3:.1f} KB",
                    f"{answer['ms']:.0f} ms",
                    f"{answer['results']}",
                ]
            )
            context.close()
    finally:
        next(browsers, None)
        process.terminate()
        process.wait(timeout=60)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000", help="numbers of notices")
    parser.add_argument("--base", type=int, default=12, help="distinct notices repeated")
    parser.add_argument(
        "--chromium", action="store_true", help="also the largest index in Chromium, CPU 4× slower"
    )
    args = parser.parse_args(argv)

    from support.project import copy_project

    from notice_site.library.own_pages import library_fold, library_search, options
    from notice_site.render.site import load_converter, make_segmenter

    with tempfile.TemporaryDirectory(prefix="bench-search-") as name:
        tmp = Path(name)
        project = copy_project(tmp / "project")
        print(f"  loading {args.base} notices", file=sys.stderr)
        site, notices = base_library(project, args.base)
        fold = library_fold(notices)
        segmenter = make_segmenter(
            project, site.notices[0], load_converter(site.notices[0], project)
        )
        groups = {lang: library_search(notices, lang) for lang in ("zh-Hans", "zh-Hant")}
        opts = {lang: options(notices, lang) for lang in ("zh-Hans", "zh-Hant")}
        rows = []
        sizes = [int(s) for s in args.sizes.split(",")]
        for size in sizes:
            print(f"  {size} notices", file=sys.stderr)
            rows += bench(size, groups, fold, segmenter, opts, tmp, keep=args.chromium)
        browser_rows = []
        if args.chromium:
            print("  Chromium", file=sys.stderr)
            for form in ("sharded", "one"):
                site = tmp / f"{form}-{sizes[-1]}"
                found = in_chromium(
                    site, "zh-Hans", QUERIES if form == "sharded" else QUERIES[:2], tmp
                )
                browser_rows += [[form, *row] for row in found]
    print(
        f"library search index: {args.base} distinct notices repeated; sizes raw (gzipped); "
        "first query = search-worker.js + every file the worker fetched for the query "
        "(the entry search_index.json, postings, fragments), raw and gzipped (level 6); "
        "results = pages listed.\n"
    )
    header = ["notices", "script", "documents", "one file", "sharded", "entry"]
    header += ["query", "first query", "gzipped", "files", "results"]
    print(table(header, rows))
    if browser_rows:
        print(
            f"\n{sizes[-1]:,} notices, zh-Hans, in Chromium with the CPU 4× slower, from nginx "
            "(deploy/nginx-library.conf, gzip): bytes transferred (compressed bodies) and files "
            "at the page's load (worker, entry; one file: the whole index) and for the query "
            "(postings, fragments), and the time from the page's load until the worker's code "
            "was ready; time from the query to its results (the worker's code on the page's "
            "thread, which the throttling slows).\n"
        )
        header = ["index", "query", "page load: search", "query", "in all", "to results"]
        header.append("results")
        print(table(header, browser_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
