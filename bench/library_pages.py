"""Benchmark of the size of a library's own pages: how many bytes its home page, its largest
theme page, its largest other page of lists (a year's, an issuer's), its feed and its
sitemap weigh as the library grows, in each script.

For each N (--sizes, default 100,300,1000) it writes N notice folders in a temporary folder:
the sample notice (tests/fixtures/sample-notice.txt, filled in as tests/support/notices.py
does: seven measures, six themes) again and again, each with its own slug, a title and
文号 of its own, one of twelve issuers, a date from 2012 to 2026 and, for one in eight, the
status 已废止 (a fixed seed: the same library on every run). Then, in this process, the
library's own pages are built as `make site` builds them (one `mkdocs build` in library
mode: hooks/generate.py writes library.pages.sources), and the feed and the files at the
library's root are written as the own pages' process writes them (building.library_files). The
notices' own sites are not built (their pages weigh what they weigh alone), nor the
library's search index.

It prints a table of bytes (the largest of the two scripts where each has its own; the
sitemap: /sitemap.xml, and the largest sitemap file the library writes at its root), names
its three largest pages on stderr, and never passes or fails. Run with `.venv/bin/python bench/library_pages.py` (100, 300 and
1,000 notices: reading and converting each notice twice, once here and once in the MkDocs
build, takes most of the time, about half an hour on a busy 2-core machine);
`--sizes 12` is its shortest form (a test runs it).

With `--shapes`, the notices are bench/library.py's instead (the fixtures' shapes, from 3 to
300 provisions, most of them of one year or undated: the lists a year's and a theme's pages
cut into pages, library.pages.PAGE and PAGE_MEASURES).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "bench")]

from build import _Dumper  # noqa: E402  (bench/build.py, beside this file)

SEED = 27
SITE_URL = "https://www.example.gov.cn/"
ISSUERS = [
    "示例市海关",
    "示例市商务局",
    "示例市财政局",
    "示例市税务局",
    "示例市交通运输局",
    "示例市农业农村局",
    "示例市市场监督管理局",
    "示例市发展和改革委员会",
    "示例市人民政府办公厅",
    "示例市口岸办公室",
    "示例市地方金融监督管理局",
    "示例市工业和信息化局",
]
SUBJECTS = ["跨境贸易便利化", "优化营商环境", "支持外贸稳规模优结构", "促进跨境电商发展"]
SUBJECTS += ["推动物流降本增效", "进一步做好进口农产品监管", "支持企业信用培育", "口岸通关提效"]


def notices(base: Path, count: int) -> Path:
    """`count` notice folders under base/notices/ and a site file listing them."""
    from support.notices import sample_notice

    model = base / "model"
    sample_notice(model)
    data = yaml.safe_load((model / "measures.yaml").read_text(encoding="utf-8"))
    rng = random.Random(SEED)  # noqa: S311  (not for secrets: a reproducible library)
    listed = []
    for k in range(1, count + 1):
        folder = base / "notices" / f"n{k}"
        shutil.copytree(model, folder)
        issuer = rng.choice(ISSUERS)
        year = rng.randint(2012, 2026)
        d = dict(data["document"])
        subject = rng.choice(SUBJECTS)
        d |= {
            "slug": f"notice-{k}",
            "title": f"{issuer}关于印发《{issuer}{subject}若干措施（第{k}批）》的通知",
            "short_title": f"{subject}措施（第{k}批）",
            "issuer": issuer,
            "number": f"{issuer[:3]}〔{year}〕{k}号",
            "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        d.pop("published", None)
        d.pop("effective", None)
        if rng.random() < 0.125:
            d["status"] = "repealed"
        text = yaml.dump(
            {**data, "document": d}, Dumper=_Dumper, allow_unicode=True, sort_keys=False
        )
        (folder / "measures.yaml").write_text(text, encoding="utf-8")
        listed.append(f"  - notices/n{k}\n")
    shutil.rmtree(model)
    site = base / "library.yaml"
    site.write_text(
        "name: 样例政策文件库\nowner: 样例海关\nidentity: {}\nnotices:\n" + "".join(listed),
        encoding="utf-8",
    )
    return site


def own_pages(site_file: Path, out: Path) -> None:
    """The library's own pages into `out`, as building.pipeline.make_library makes them (its
    MkDocs build run in this process), with the files it writes at the library's root."""
    from support.commands import mkdocs_build_in_process

    from notice_site.building.library_files import write_library_files
    from notice_site.building.sides import sources_folder
    from notice_site.library import own_pages
    from notice_site.library.listed import Listed
    from notice_site.library.own_pages import load_library
    from notice_site.settings import HANDED_VARIABLE, Settings

    # The library's search index over every notice (hooks/search.py) is not measured here,
    # and at 1,000 notices it takes most of the time and memory: left out.
    own_pages.write_library_search_indexes = lambda *args, **kwargs: {}
    settings = Settings.read(ROOT, {"NOTICE_SITE": str(site_file), "SITE_URL": SITE_URL})
    site = settings.load_site()
    docs = sources_folder(ROOT, out)
    handed = settings.but(library=True, data=site.notices[0].resolve(), sources_dir=docs)
    try:
        mkdocs_build_in_process(
            ROOT, out, **{HANDED_VARIABLE: handed.to_json(), "SITE_URL": SITE_URL}
        )
    finally:
        shutil.rmtree(docs, ignore_errors=True)
    notices = [
        {language: Listed.of(e) for language, e in editions.items()}
        for editions in load_library(site, ROOT, today=settings.today or None)
    ]
    write_library_files(site, notices, out, SITE_URL)


def sizes(out: Path) -> dict[str, int]:
    """Bytes of the pages and files the table shows."""

    found: dict[str, list[int]] = {"home": [], "theme": [], "other lists": []}
    for page in out.rglob("index.html"):
        path = page.relative_to(out).as_posix().removeprefix("zh-Hant/")
        kind = "home" if path == "index.html" else "other lists"
        kind = "theme" if path.startswith("themes/") and path != "themes/index.html" else kind
        found[kind].append(page.stat().st_size)
    sitemaps = [p.stat().st_size for p in out.glob("sitemap*.xml")]
    largest = sorted(out.rglob("index.html"), key=lambda p: p.stat().st_size)[-3:]
    for page in reversed(largest):
        print(f"  {page.stat().st_size:,} B {page.relative_to(out)}", file=sys.stderr)
    return {
        **{kind: max(bytes_, default=0) for kind, bytes_ in found.items()},
        "pages": sum(len(bytes_) for bytes_ in found.values()),
        "feed": (out / "feed.xml").stat().st_size,
        "sitemap.xml": (out / "sitemap.xml").stat().st_size,
        "largest sitemap": max(sitemaps),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument(
        "--shapes", action="store_true", help="the notices of bench/library.py (see above)"
    )
    args = parser.parse_args()
    columns = ["home", "theme", "other lists", "pages", "feed", "sitemap.xml", "largest sitemap"]
    header = ["notices", *(f"{c} B" if c != "pages" else c for c in columns)]
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("-" * len(h) for h in header) + " |", flush=True)
    for count in (int(n) for n in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="library-pages-") as tmp:
            base = Path(tmp)
            started = time.perf_counter()
            if args.shapes:
                from library import library
                from library import site_file as written

                site_file = written(base, library(base, count))
            else:
                site_file = notices(base, count)
            own_pages(site_file, base / "site")
            found = sizes(base / "site")
        cells = [f"{count:,}", *(f"{found[c]:,}" for c in columns)]
        print(
            "| " + " | ".join(c.rjust(len(h)) for c, h in zip(cells, header, strict=True)) + " |",
            flush=True,
        )
        print(f"N = {count}: done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
