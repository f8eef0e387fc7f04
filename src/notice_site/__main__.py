"""Command line: `check` validates the data; `build` builds the site; `pdf` renders the PDFs.

`python -m notice_site check [DATA_DIR]` is run by `make site` before
MkDocs, so a mistake stops the build before anything is written, with one
message and no traceback. `python -m notice_site build --site-dir DIR
[--offline]` builds both scripts with one MkDocs process each, side by side,
merges them, writes the search indexes and checks the links (make site; the
same output as `mkdocs build`, a third faster for a large notice).
`python -m notice_site pdf --out DIR [DATA_DIR]` writes the 42 PDFs into DIR (make site: the new site's downloads/).
`python -m notice_site check-links SITE_DIR` checks every internal link
and anchor of a finished site, PDFs included, before make site publishes it.
`python -m notice_site publish NEW SITE` swaps the finished folder in.
`python -m notice_site offline-zip SITE_DIR --booklets DIR --out FILE`
adds the booklets to the offline copy (built with OFFLINE=true), checks its
links as read from file:// and packs it into one reproducible zip.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from notice_site.errors import DataError
from notice_site.site import load_editions
from notice_site.urls import normalise_site_url, site_url_from_env


def _site_url(value: str) -> str:
    try:
        return normalise_site_url(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m notice_site")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate data/measures.yaml and the override table")
    check.add_argument("data_dir", nargs="?", default="data", type=Path)
    build = sub.add_parser("build", help="build both scripts side by side into one site")
    build.add_argument("--site-dir", required=True, type=Path, help="the folder to build into")
    build.add_argument(
        "--offline", action="store_true", help="the copy for file:// (Material's offline plugin)"
    )
    build.add_argument(
        "--report", type=Path, default=None, help="write the steps' times and peak memory as JSON"
    )
    pdf = sub.add_parser("pdf", help="render the booklets and one PDF per measure")
    pdf.add_argument("data_dir", nargs="?", default="data", type=Path)
    pdf.add_argument("--out", required=True, type=Path, help="folder for the PDFs")
    pdf.add_argument(
        "--site-url",
        type=_site_url,
        default=None,
        help="address the permanent URLs start with (default: $SITE_URL, else mkdocs.yml's default)",
    )
    pdf.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: one per core)"
    )
    pdf.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="folder of PDFs from earlier builds, reused when their input is unchanged",
    )
    links = sub.add_parser("check-links", help="check every internal link of a built site")
    links.add_argument("site_dir", type=Path)
    links.add_argument("--base-path", default="/", help="path of the site's URL, e.g. /measures/")
    swap = sub.add_parser("publish", help="swap a finished site folder in place of the old one")
    swap.add_argument("new", type=Path)
    swap.add_argument("site_dir", type=Path)
    links.add_argument(
        "--file-urls",
        action="store_true",
        help="the site is read from file:// (the offline copy): a link to a folder is broken",
    )
    pack = sub.add_parser("offline-zip", help="pack the offline build, with the booklets, as a zip")
    pack.add_argument("site_dir", type=Path, help="the site built with OFFLINE=true")
    pack.add_argument("--booklets", required=True, type=Path, help="folder with the booklet PDFs")
    pack.add_argument("--out", required=True, type=Path, help="the zip file to write")
    args = parser.parse_args(argv)
    if args.command == "publish":
        from notice_site.publish import publish

        publish(args.new, args.site_dir)
        print(f"{args.site_dir}: published")
        return 0
    if args.command == "check-links":
        return _check_links(args.site_dir, args.base_path, not args.file_urls)
    if args.command == "offline-zip":
        return _offline_zip(args.site_dir, args.booklets, args.out)
    if args.command == "build":
        return _build(args.site_dir, args.offline, args.report)
    try:
        editions = load_editions(args.data_dir, Path.cwd())
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.command == "pdf":
        return _pdf(editions, args)
    measures = next(iter(editions.values())).notice.measures
    print(f"{args.data_dir / 'measures.yaml'}: ok, {len(measures)} measures")
    return 0


def _build(site_dir: Path, offline: bool, report: Path | None) -> int:
    from notice_site.build import BuildError, build_site

    try:
        site_url = site_url_from_env()
    except ValueError as e:
        print(f"error: SITE_URL: {e}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        built = build_site(Path.cwd(), site_dir, site_url, offline=offline)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if report is not None:
        facts = {"phases": built.phases, "peak_rss": built.peak_rss}
        report.write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    for problem in built.problems:
        print(f"error: broken link: {problem}", file=sys.stderr)
    if built.problems:
        return 1
    sizes = ", ".join(f"{language} {size:,} B" for language, size in built.search_sizes.items())
    print(
        f"{site_dir}: both scripts built in {time.perf_counter() - start:.1f} s"
        f" (search indexes: {sizes}); every internal link and anchor resolves"
    )
    return 0


def _check_links(site_dir: Path, base_path: str, directory_urls: bool) -> int:
    from notice_site.cores import default_workers
    from notice_site.linkcheck import check_site

    problems = check_site(
        site_dir, base_path, directory_urls=directory_urls, workers=default_workers()
    )
    for problem in problems:
        print(f"error: broken link: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{site_dir}: every internal link and anchor resolves")
    return 0


def _offline_zip(site_dir: Path, booklets: Path, out: Path) -> int:
    from notice_site.offline import pack_offline, source_date_epoch

    try:
        epoch = source_date_epoch()
        packed = pack_offline(site_dir, booklets, out, epoch)
    except (ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    date = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(epoch))
    print(f"{out}: {packed.files} files, {packed.size / 1e6:.1f} MB, dated {date}")
    return 0


def _pdf(editions: dict, args: argparse.Namespace) -> int:
    from notice_site.cores import default_workers
    from notice_site.pdf import write_pdfs

    try:
        site_url = args.site_url or site_url_from_env()
    except ValueError as e:
        print(f"error: SITE_URL: {e}", file=sys.stderr)
        return 2
    workers = args.jobs or default_workers()
    start = time.perf_counter()
    written = write_pdfs(editions, site_url, args.out, workers=workers, cache_dir=args.cache)
    seconds = time.perf_counter() - start
    size = sum(w.path.stat().st_size for w in written)
    reused = sum(w.from_cache for w in written)
    print(
        f"{args.out}: {len(written)} PDFs ({len(written) - reused} rendered, {reused} from cache),"
        f" {size / 1e6:.1f} MB, {seconds:.1f} s ({workers} worker{'s' if workers > 1 else ''}),"
        f" links to {site_url}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
