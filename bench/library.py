"""Benchmark of a library build: N notices of varied real shapes in one site, cold and after
one change of each kind, against plain MkDocs building the same pages in the same run.

The library. For each N (--sizes, default 10) it writes N notices into a copy of the
project, each with its own slug, and a site file listing them, from the shapes the tests
import (tests/fixtures/ and tests/support/shapes.py), each imported with the importer as
the tests do and filled in as an editor would (short title, a theme and its description,
each measure's theme, the source's address):

- every third notice is the sample notice (tests/fixtures/sample-notice.txt, filled in as
  tests/support/notices.py does) with its seven measures repeated and renumbered to a size
  drawn from 3 to 300 provisions (log-uniform, so most are small and a few large), as
  bench/build.py repeats the real measures;
- the others cycle through the other shapes (those furthest apart first): A–E (divisions, chapters, several documents),
  the announcements of tests/fixtures/announcement-*.txt, other-shape.txt,
  two-documents.txt, the tables fixture (tests/fixtures/tables-notice), the amended and
  amending announcements (amended-notice.txt, and amending-notice.txt imported against it,
  its effects found by the importer), and the sample notice with the amending sample
  (tests/fixtures/amending-sample) amending it.

The seed is fixed (the first notices of a larger library are those of a smaller one), so
runs and machines build the same libraries.

What it runs, each the command the Makefile runs (`python -m notice_site site --site …`,
with the PDF cache `make site` uses):

- PDFs: the first build, with nothing kept (.cache/ emptied): every PDF rendered. Its time,
  and the seconds the builder processes spent on PDFs (what the build says of its step of
  PDFs and offline copies), cold; and the same with every PDF taken from the cache, in the
  cold build below. Per notice: sum / N.
- cold (HTML and search): the library again with no notice's output kept (.cache/library/
  emptied) but the PDF cache and the segmentation cache as the first build left them, less
  the wall time of its step of PDFs and offline copies (which the build reports, and the
  table shows on its own, "downloads s"): every notice's pages in both scripts and its
  search index, the library's own pages and index, the link check of the whole.
- one changed: one notice's first sentence edited;
- one added: a sample notice of seven measures added to the site file;
- status changed: a notice marked `status: replaced` with `replaced_by:` another (its
  successor's home page links back; the library's pages list both);
- plain: the same pages as plain MkDocs in one process: for every notice, the Markdown
  sources our build generates for its published pages (both scripts, under
  docs/<lang>/<slug>/, written for its address as the library writes them), and the
  library's own page sources (docs/<lang>/, its home and theme pages), in one docs folder,
  with our template overrides and the same MkDocs, Material, search and static-i18n
  configuration but without our hooks (bench/build.py's plain_project), built by one
  `mkdocs build`. Not in plain: the offline copies, the PDFs, our search indexes, the feed,
  notices.json, the link check (the work our build does besides MkDocs' own).

Printed per N: those seconds (cold and plain the median of --runs runs; each change once),
ours/plain, the largest process's peak memory in the cold build, the output's size (and
how much of it is PDFs and offline zips), and what the library's home page downloads for
search: search/search_index.json of the script (the entry of the sharded index: a query
then fetches a few more of its files, which bench/search.py counts) and the search worker,
as stored and gzipped. It prints tables and never passes or fails on time.

Run with `.venv/bin/python bench/library.py` (10 notices, about 10 minutes on 2 cores, four
of them rendering the PDFs; `--sizes 10,30` adds the 30-notice row, about 20 more);
the issue's rows are `--sizes 100,300,1000`. With `--stand-in-pdfs` every PDF is a stand-in
of a few bytes (stand_in_pdfs): the first build of 1,000 notices would otherwise render
some 60,000 PDFs, most of a day on 2 cores; the rows then measure everything but the
laying out of PDFs, and the PDF table says so.
"""

from __future__ import annotations

import argparse
import gzip
import math
import random
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "bench")]

from build import (  # noqa: E402  (bench/build.py, beside this file)
    SITE_URL,
    VENV_BIN,
    _Dumper,
    folder_size,
    measure,
    plain_project,
    table,
)

FIXTURES = ROOT / "tests" / "fixtures"
SEED = 27
SMALLEST, LARGEST = 3, 300  # provisions of the repeated sample notices


# -- the notices --------------------------------------------------------------------------


def _texts() -> dict[str, str]:
    """The official texts of the shapes the tests import, by name."""
    from support.shapes import SHAPES

    texts = {f"shape-{shape.lower()}": text for shape, text in SHAPES.items()}
    for path in sorted(FIXTURES.glob("announcement-*.txt")):
        if path.stem == "announcement-workbook":  # a division of tables only: a draft's
            continue
        texts[path.stem] = path.read_text(encoding="utf-8")
    for name in ("other-shape", "two-documents"):
        texts[name] = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return texts


def _load(folder: Path) -> dict:
    return yaml.safe_load((folder / "measures.yaml").read_text(encoding="utf-8"))


def _dump(folder: Path, data: dict) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    (folder / "measures.yaml").write_text(text, encoding="utf-8")


def filled(folder: Path, slug: str) -> None:
    """What the editor writes by hand in an imported measures.yaml: a short title, the
    source's address, one theme with its description, each measure's theme."""
    data = _load(folder)
    d = data["document"]
    d["slug"] = slug
    d["short_title"] = d.get("short_title") or f"样例{slug}"
    d["source_url"] = d.get("source_url") or f"https://example.org/{slug}.html"
    data["themes"] = [{"slug": "clearance", "label": "通关", "description": "示例。"}]
    for m in data["measures"]:
        m["themes"] = ["clearance"]
    _dump(folder, data)


def imported(text: str, folder: Path, slug: str, notices: tuple = ()) -> Path:
    from notice_site.reading.importer import import_notice

    source = folder.parent / f"{slug}.txt"
    source.write_text(text, encoding="utf-8")
    import_notice(source, folder, slug, ROOT / "data" / "measures.yaml", notices)
    source.unlink()
    filled(folder, slug)
    return folder


def sample(folder: Path, slug: str, provisions: int = 7) -> Path:
    """The sample notice as an editor fills it in, its measures repeated and renumbered to
    `provisions` (the first seven as they are)."""
    from support.notices import sample_notice

    sample_notice(folder)
    data = _load(folder)
    data["document"]["slug"] = slug
    model = data["measures"]
    measures = []
    for number in range(1, provisions + 1):
        m = dict(model[(number - 1) % len(model)], number=number)
        m["related"] = [k for k in m.get("related", []) if k <= provisions and k != number]
        measures.append(m)
    data["measures"] = measures
    used = {t for m in measures for t in m["themes"]}
    data["themes"] = [t for t in data["themes"] if t["slug"] in used]
    _dump(folder, data)
    return folder


def library(project: Path, count: int) -> list[Path]:
    """`count` notice folders under project/notices/ (see the docstring), in order."""
    from notice_site.folder.load import load_notice

    rng = random.Random(SEED)  # noqa: S311  (not for secrets: a reproducible library)
    texts = _texts()
    # the shapes furthest apart first, so that a small library holds them too
    first = ["shape-b", "tables", "amended-pair", "shape-d", "announcement-table"]
    first += ["amending-sample", "shape-e", "two-documents"]
    others = [*first, *(name for name in texts if name not in first)]
    base = project / "notices"
    base.mkdir(exist_ok=True)
    folders: list[Path] = []
    k = 0
    while len(folders) < count:
        k += 1
        if k % 3 == 1:
            size = round(math.exp(rng.uniform(math.log(SMALLEST), math.log(LARGEST))))
            slug = f"n{k}-sample-{size}"
            folders.append(sample(base / slug, slug, size))
            continue
        kind = others[(k - 1 - (k + 1) // 3) % len(others)]
        slug = f"n{k}-{kind}"
        if kind in texts:
            folders.append(imported(texts[kind], base / slug, slug))
        elif kind == "tables":
            shutil.copytree(FIXTURES / "tables-notice", base / slug)
            data = _load(base / slug)
            data["document"]["slug"] = slug
            _dump(base / slug, data)
            folders.append(base / slug)
        elif kind == "amended-pair":
            amended = (FIXTURES / "amended-notice.txt").read_text(encoding="utf-8")
            rules = imported(amended, base / f"{slug}-rules", f"{slug}-rules")
            text = (FIXTURES / "amending-notice.txt").read_text(encoding="utf-8")
            target = (load_notice(rules / "measures.yaml"),)
            folders += [
                rules,
                imported(text, base / f"{slug}-amending", f"{slug}-amending", target),
            ]
        else:  # the sample notice and the amending sample acting on it
            amended = sample(base / f"{slug}-measures", f"{slug}-measures")
            amending = base / f"{slug}-amendment"
            shutil.copytree(FIXTURES / "amending-sample", amending)
            text = (amending / "measures.yaml").read_text(encoding="utf-8")
            text = text.replace("slug: sample-amendment", f"slug: {slug}-amendment")
            text = text.replace("notice: sample-measures", f"notice: {slug}-measures")
            (amending / "measures.yaml").write_text(text, encoding="utf-8")
            folders += [amended, amending]
    for extra in folders[count:]:  # a pair that went past `count`
        shutil.rmtree(extra)
    return folders[:count]


def site_file(project: Path, folders: list[Path]) -> Path:
    path = project / "bench-site.yaml"
    listed = "".join(f"  - {f.relative_to(project).as_posix()}\n" for f in folders)
    path.write_text(
        f"name: 样例政策文件库\nowner: 样例海关\nidentity: {{}}\nnotices:\n{listed}", "utf-8"
    )
    return path


# -- the builds ---------------------------------------------------------------------------

# What the library's build says of its notices' downloads: PDFs made, rendered, the seconds
# their rendering took (summed over the builder processes), and the step's wall seconds.
PDF_LINE = re.compile(
    r"(\d+) notices' PDFs \((\d+), (\d+) rendered, ([\d.]+) s\) and offline copies made in "
    r"([\d.]+) s"
)


def ours(project: Path, site: Path):
    """The command the Makefile runs for a site file, with make site's PDF cache."""
    args = [sys.executable, "-m", "notice_site", "site", "--site", site.name]
    return measure([*args, "--site-dir", "site", "--pdf-cache", ".cache/pdf"], project)


def pdf_steps(log: str) -> tuple[int, int, float, float]:
    """PDFs, of them rendered, the seconds rendering them took, and the wall seconds of the
    step of PDFs and offline copies, as the build's log reports them (zeros where no notice
    was built)."""
    found = PDF_LINE.search(log)
    if found is None:
        return 0, 0, 0.0, 0.0
    return int(found[2]), int(found[3]), float(found[4]), float(found[5])


def plain_sources(project: Path, site: Path, target: Path) -> Path:
    """A project folder for bench/build.py's plain_project: docs/ with every notice's
    generated page sources under docs/<lang>/<slug>/ and the library's own at docs/<lang>/."""
    from notice_site.folder.site_file import load_site
    from notice_site.library.listed import Listed
    from notice_site.library.own_pages import load_library, write_library_sources
    from notice_site.render.site import write_sources

    target.mkdir()
    for name in ("overrides", "mkdocs.yml", "data"):
        (target / name).symlink_to(project / name)
    shutil.copytree(project / "docs", target / "docs", symlinks=True)
    loaded = load_site(site)
    everything = load_library(loaded, project)
    # the library's own first (from what they list of each notice): writing them clears
    # docs/<lang>/ of other pages
    listed = [{lang: Listed.of(e) for lang, e in editions.items()} for editions in everything]
    write_library_sources(loaded, listed, target / "docs")
    scratch = target / "scratch"
    for editions in everything:
        slug = next(iter(editions.values())).notice.document.slug
        write_sources(editions, scratch, f"{SITE_URL}{slug}/")  # its address in the library
        for language in sorted(scratch.iterdir()):
            language.rename(target / "docs" / language.name / slug)
    shutil.rmtree(scratch, ignore_errors=True)
    return target


def plain(base: Path, project: Path, site: Path, runs: int) -> list[float]:
    sources = plain_sources(project, site, base / "plain-sources")
    config = plain_project(sources, base / "plain")
    # The navigation hooks/notice.py gives the library's own pages (the notices' own, of
    # one notice, would name pages at the root the library does not have); links among the
    # sources MkDocs cannot check (the PDFs, other notices) warn without stopping it.
    text = (config / "mkdocs.yml").read_text(encoding="utf-8")
    text, count = re.subn(
        r"(?m)^nav:\n(?:  - .*\n)+",
        "nav:\n  - 首页: index.md\n  - 按主题浏览: themes/index.md\n",
        text,
    )
    text, strict = re.subn(r"(?m)^strict: true$", "strict: false", text)
    if count != 1 or strict != 1:
        raise SystemExit("mkdocs.yml: no nav: list or strict: true found")
    (config / "mkdocs.yml").write_text(text, encoding="utf-8")
    times = []
    for _ in range(runs):
        out = base / "plain-site"
        shutil.rmtree(out, ignore_errors=True)
        times.append(
            measure([str(VENV_BIN / "mkdocs"), "build", "--site-dir", str(out)], config).seconds
        )
        shutil.rmtree(out, ignore_errors=True)
    return times


def edit_sentence(folder: Path) -> None:
    data = _load(folder)
    clauses = data["measures"][0]["clauses"]
    clauses[0] = clauses[0][:-1] + "（已编辑）" + clauses[0][-1]
    _dump(folder, data)


def mark_replaced(folder: Path, successor: str) -> None:
    data = _load(folder)
    data["document"]["status"] = "replaced"
    data["document"]["replaced_by"] = successor
    _dump(folder, data)


def first_search(site: Path, language: str) -> tuple[int, int]:
    """Bytes the home page of `language` fetches for search: its index's entry and the search
    worker; as stored, and gzipped (as a server compresses them)."""
    prefix = "" if language == "zh-Hans" else f"{language}/"
    files = [site / prefix / "search" / "search_index.json"]
    files.append(site / "assets" / "javascripts" / "search-worker.js")
    raw = sum(f.stat().st_size for f in files)
    return raw, sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)


# Where --stand-in-pdfs stands in for WeasyPrint in the project's copy (render/pdf.py).
RENDER = "    import weasyprint  # slow to import: only where a PDF is made\n"
STAND_IN = '    return b"%PDF-1.4\\n% a stand-in: bench/library.py --stand-in-pdfs\\n"\n'


def stand_in_pdfs(project: Path) -> None:
    """In the project's copy, every PDF rendered is a stand-in of a few bytes: render_pdf
    returns it before WeasyPrint lays anything out. Everything else of the PDF step runs
    (each PDF's HTML, the cache, the offline zips); for a library whose first build would
    otherwise render PDFs for hours (1,000 notices: some 60,000 PDFs)."""
    path = project / "src" / "notice_site" / "render" / "pdf.py"
    text = path.read_text(encoding="utf-8")
    if text.count(RENDER) != 1:
        raise SystemExit(f"{path}: render_pdf has changed; --stand-in-pdfs must learn it anew")
    path.write_text(text.replace(RENDER, STAND_IN + RENDER), encoding="utf-8")


def bench(size: int, runs: int, stand_ins: bool = False) -> dict:
    from support.project import copy_project

    from notice_site.folder.load import load_notice

    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp:
        base = Path(tmp)
        project = copy_project(base / "project")
        if stand_ins:
            stand_in_pdfs(project)
        folders = library(project, size)
        site = site_file(project, folders)
        provisions = sum(len(load_notice(f / "measures.yaml").measures) for f in folders)
        found: dict = {"notices": size, "provisions": provisions, "stand_ins": stand_ins}
        shutil.rmtree(project / ".cache", ignore_errors=True)
        first = ours(project, site)
        found["pdfs_cold_build"] = first.seconds
        found["pdfs"], found["rendered"], found["pdf_cold"], _ = pdf_steps(first.log)
        print(f"  N={size}: cold, PDFs rendered: {first.seconds:.1f} s", file=sys.stderr)
        cold = []
        for _ in range(runs):
            shutil.rmtree(project / ".cache" / "library")
            cold.append(ours(project, site))
            print(f"  N={size}: cold: {cold[-1].seconds:.1f} s", file=sys.stderr)
        # the HTML and search: the whole build but its step of PDFs and offline copies
        found["cold"] = statistics.median(r.seconds - pdf_steps(r.log)[3] for r in cold)
        found["downloads"] = statistics.median(pdf_steps(r.log)[3] for r in cold)
        found["pdf_cached"] = statistics.median(pdf_steps(r.log)[2] for r in cold)
        found["peak"] = max(r.peak_rss for r in cold)
        built = project / "site"
        found["output"] = folder_size(built)
        found["pdf_zip"] = sum(
            p.stat().st_size for p in built.rglob("*") if p.suffix in (".pdf", ".zip")
        )
        found["search"] = {lang: first_search(built, lang) for lang in ("zh-Hans", "zh-Hant")}
        found["plain"] = statistics.median(plain(base, project, site, runs))
        print(f"  N={size}: plain: {found['plain']:.1f} s", file=sys.stderr)
        edit_sentence(folders[0])
        found["changed"] = ours(project, site).seconds
        added = sample(project / "notices" / "added", "added")
        site_file(project, [*folders, added])
        found["added"] = ours(project, site).seconds
        mark_replaced(folders[0], load_notice(folders[2] / "measures.yaml").document.slug)
        found["status"] = ours(project, site).seconds
        print(
            f"  N={size}: changed {found['changed']:.1f} s, added {found['added']:.1f} s, "
            f"status {found['status']:.1f} s",
            file=sys.stderr,
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10", help="numbers of notices, comma-separated")
    parser.add_argument(
        "--runs", type=int, default=1, help="cold and plain builds of each size (median shown)"
    )
    parser.add_argument(
        "--stand-in-pdfs",
        action="store_true",
        help="every PDF a stand-in of a few bytes, not rendered (the PDF columns then say so)",
    )
    args = parser.parse_args(argv)
    results = [bench(int(s), args.runs, args.stand_in_pdfs) for s in args.sizes.split(",")]

    from importlib.metadata import version

    print(
        f"library build: MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}; "
        f"output in {tempfile.gettempdir()}. cold and plain: median of {args.runs} run(s); "
        "each change: one run (the whole build). cold = the build with nothing kept but the "
        "PDFs' cache, less its step of PDFs and offline copies (on their own: downloads s): "
        "the HTML and search of every notice in both scripts, the library's own pages and "
        "index, the link check; "
        "plain = the same pages' sources, one mkdocs build, no hooks. Peak = the largest "
        "process. First search = the script's search_index.json + search-worker.js, "
        "stored / gzipped.\n"
    )
    rows = []
    for r in results:
        hans, hant = r["search"]["zh-Hans"], r["search"]["zh-Hant"]
        rows.append(
            [
                f"{r['notices']:,}",
                f"{r['provisions']:,}",
                f"{r['cold']:.1f}",
                f"{r['plain']:.1f}",
                f"{r['cold'] / r['plain']:.2f}",
                f"{r['downloads']:.1f}",
                f"{r['changed']:.1f}",
                f"{r['added']:.1f}",
                f"{r['status']:.1f}",
                f"{r['peak'] / 1e6:,.0f}",
                f"{r['output'] / 1e6:,.1f} ({r['pdf_zip'] / 1e6:,.1f})",
                f"{hans[0] / 1e3:,.0f} / {hans[1] / 1e3:,.0f}",
                f"{hant[0] / 1e3:,.0f} / {hant[1] / 1e3:,.0f}",
            ]
        )
    header = [
        "notices",
        "provisions",
        "cold s",
        "plain s",
        "cold/plain",
        "downloads s",
        "one changed s",
        "one added s",
        "status changed s",
        "peak MB",
        "output MB (PDFs, zips)",
        "first search zh-Hans KB",
        "zh-Hant KB",
    ]
    print(table(header, rows))
    print()
    pdf_rows = [
        [
            f"{r['notices']:,}",
            f"{r['pdfs']:,}",
            f"{r['pdfs_cold_build']:.1f}",
            f"{r['pdf_cold'] / r['notices']:.2f}" + (" (stand-ins)" if r["stand_ins"] else ""),
            f"{r['pdf_cached'] / r['notices']:.2f}",
        ]
        for r in results
    ]
    print(
        "PDFs: the first build renders every one; seconds per notice = the seconds the "
        "builders spent on PDFs (rendering, or copying from the cache) / notices:\n"
    )
    print(
        table(
            [
                "notices",
                "PDFs",
                "build with PDFs rendered s",
                "PDF s per notice, cold",
                "from the cache",
            ],
            pdf_rows,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
