"""Command line: `site` builds and publishes a notice; `import` turns an official text into a
notice folder; `check` validates a notice folder; the other commands are the steps of `site`.

`python -m notice_site site [--data DIR] [--site-dir site]` is what `make site`
runs (notice_site.building.pipeline says the steps). `python -m notice_site import
SOURCE --data DIR --slug SLUG` writes a new notice folder from the official
text (`make import`). `python -m notice_site check [DIR]` validates a notice
folder with one message per problem and no traceback (`make check`).
The steps, for tests and benchmarks: `build --site-dir DIR [--offline]`
builds both scripts side by side and merges them; `pdf --out DIR [DIR]`
renders the booklets and one PDF per measure; `check-links SITE_DIR` checks
every internal link; `offline-zip` packs the offline copy; `publish NEW SITE`
swaps a finished folder in.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from notice_site.errors import DataError, messages, shown
from notice_site.model.urls import normalise_site_url
from notice_site.render.site import editions_of, load_editions
from notice_site.settings import DEFAULT_DATA_DIR, Settings, SettingsError

if TYPE_CHECKING:
    from notice_site.folder.site_file import Site
    from notice_site.model.notice import Notice


def _site_url(value: str) -> str:
    try:
        return normalise_site_url(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def _parser() -> argparse.ArgumentParser:
    """The commands and their options (one declaration each: long, and flat, on purpose)."""
    parser = argparse.ArgumentParser(prog="python -m notice_site")
    sub = parser.add_subparsers(dest="command", required=True)
    whole = sub.add_parser("site", help="build the notice's site, PDFs and offline zip; publish it")
    whole.add_argument("--data", type=Path, default=None, help=_DATA_HELP)
    whole.add_argument("--site", type=Path, default=None, help=_SITE_HELP)
    whole.add_argument("--site-dir", type=Path, default=Path("site"), help="default: site")
    whole.add_argument(
        "--pdf-cache",
        type=Path,
        default=None,
        help=_CACHE_HELP,
    )
    imp = sub.add_parser("import", help="write a new notice folder from an official text")
    imp.add_argument(
        "source",
        type=Path,
        help="the official text: .txt (UTF-8), a saved web page (.html) or .docx",
    )
    imp.add_argument("--data", required=True, type=Path, help="the new folder (must not exist)")
    imp.add_argument("--slug", required=True, help="names the downloads: <slug>.zh-Hans.pdf")
    imp.add_argument(
        "--site",
        type=Path,
        default=None,
        help="the site file whose notices the text's amendments are found among (default: "
        "$NOTICE_SITE, else site.yaml where it lists several notices)",
    )
    imp.add_argument(
        "--taxonomy",
        type=Path,
        default=Path(DEFAULT_DATA_DIR) / "measures.yaml",
        help="the measures.yaml whose themes start the new one (default: data/measures.yaml)",
    )
    interpret = sub.add_parser(
        "interpret", help="add a notice's official interpretation (政策解读) to its folder"
    )
    interpret.add_argument(
        "source", type=Path, help="the interpretation: .txt (UTF-8), a saved web page or .docx"
    )
    interpret.add_argument("--data", required=True, type=Path, help="the notice's folder")
    table = sub.add_parser(
        "table", help="add the tables of a workbook (or page, Word file, text) as an attachment"
    )
    table.add_argument(
        "source", type=Path, help="the tables: .xlsx (one per sheet), .html, .docx or .txt"
    )
    table.add_argument("--data", required=True, type=Path, help="the notice's folder")
    table.add_argument(
        "--attachment",
        type=int,
        default=None,
        help="the number of the attached document they are (附件2: 2); by default the "
        "attached document whose title is the table's",
    )
    table.add_argument(
        "--provision",
        default=None,
        help="or the provision they stand in, by its address (measures.yaml's `measure:`, "
        "2 for 第二条)",
    )
    table.add_argument(
        "--after",
        type=int,
        default=None,
        help="in that provision, the paragraph they follow (from 1; by default its last)",
    )
    lib = sub.add_parser(
        "is-library", help="exit 0 if the build is of a site file of several notices, else 1"
    )
    lib.add_argument("--site", type=Path, default=None, help=_SITE_HELP)
    preview = sub.add_parser(
        "preview", help="build a library into .site-preview/ and serve it on 127.0.0.1:8000"
    )
    preview.add_argument("--site", type=Path, default=None, help=_SITE_HELP)
    check = sub.add_parser("check", help="validate a notice folder (measures.yaml, overrides)")
    check.add_argument("data_dir", nargs="?", default=None, type=Path, help=_DATA_HELP)
    check.add_argument("--site", type=Path, default=None, help=_SITE_HELP)
    build = sub.add_parser("build", help="build both scripts side by side into one site")
    build.add_argument("--data", type=Path, default=None, help=_DATA_HELP)
    build.add_argument("--site-dir", required=True, type=Path, help="the folder to build into")
    build.add_argument(
        "--offline", action="store_true", help="the copy for file:// (Material's offline plugin)"
    )
    build.add_argument(
        "--report", type=Path, default=None, help="write the steps' times and peak memory as JSON"
    )
    pdf = sub.add_parser("pdf", help="render the booklets and one PDF per measure")
    pdf.add_argument("data_dir", nargs="?", default=None, type=Path, help=_DATA_HELP)
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
        help=_CACHE_HELP,
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
    pack.add_argument("--data", type=Path, default=None, help=_DATA_HELP)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "import":
        return _import(args.source, args.data, args.slug, args.taxonomy, args.site)
    if args.command == "interpret":
        return _interpret(args.source, args.data)
    if args.command == "table":
        return _table(args.source, args.data, args.attachment, args.provision, args.after)
    if args.command == "publish":
        from notice_site.building.publish import publish

        publish(args.new, args.site_dir)
        print(f"{args.site_dir}: published")
        return 0
    if args.command == "check-links":
        return _check_links(args.site_dir, args.base_path, not args.file_urls)
    if args.command == "check" and args.site is not None and args.data_dir is not None:
        print("error: check takes a notice folder or --site, not both", file=sys.stderr)
        return 2
    # Every other command builds or checks: its settings, read once, passed down.
    try:
        settings = Settings.read(
            Path.cwd(),
            site=getattr(args, "site", None),
            data=args.data_dir if args.command in ("check", "pdf") else getattr(args, "data", None),
            site_url=getattr(args, "site_url", None),
        )
        return _with_settings(args, settings)
    except SettingsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except DataError as e:
        _print_errors(e)
        return 2


def _with_settings(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "is-library":
        return 0 if _library_of(settings) is not None else 1
    if args.command == "preview":
        return _preview(settings)
    site = _library_of(settings) if args.command in ("site", "check") else None
    if site is not None:
        return _library(args, settings, site)
    if args.command == "site":
        return _site(settings, args.site_dir, args.pdf_cache)
    if args.command == "check":
        return _check(settings.notice_dir())
    if args.command == "offline-zip":
        return _offline_zip(args.site_dir, args.booklets, args.out, settings)
    if args.command == "build":
        return _build(settings, args.site_dir, args.offline, args.report)
    # pdf renders what the build builds (a draft where DRAFT=1 says so)
    return _pdf(editions_of(settings), settings, args)


def _library_of(settings: Settings) -> Site | None:
    """The site file, where the build is of a library (several notices and no DATA)."""
    if settings.data is not None:
        return None
    site = settings.load_site()
    return site if site is not None and site.single is None else None


def _check(data_dir: Path) -> int:
    """check one notice folder: every to-do, draft or not; then what looks odd."""
    from notice_site.folder.load import oddities

    data_file = shown(data_dir / "measures.yaml")
    try:
        editions = load_editions(data_dir, Path.cwd(), draft=False)
    except DataError as e:
        _print_errors(e)
        if len(messages(e)) > 1:
            print(
                f"{data_file}: {len(messages(e))} things to fix or fill in",
                file=sys.stderr,
            )
        return 2
    notice = next(iter(editions.values())).notice
    for odd in oddities(notice):
        print(f"warning: {data_file}: {odd}", file=sys.stderr)
    tables = ""
    if notice.tables:
        rows = sum(len(t.body_rows) for t in notice.tables)
        tables = f", {len(notice.tables)} tables ({rows:,} rows)"
    print(f"{data_file}: ok, {len(notice.measures)} measures{tables}")
    return 0


def _say(line: str) -> None:
    """A step's line: warnings on standard error, the rest on standard output."""
    print(line, file=sys.stderr if line.startswith("warning:") else sys.stdout, flush=True)


_DATA_HELP = "the notice folder (default: $NOTICE_DATA, else the site file's one notice)"
_SITE_HELP = "the site file listing the notices to publish (default: $NOTICE_SITE, else site.yaml)"


def _preview(settings: Settings) -> int:
    """`make serve` of a library: build it (each notice as `make site` does, reusing what
    is unchanged) into .site-preview/ for its address (http://127.0.0.1:8000/ unless
    SITE_URL says otherwise), then serve that folder until stopped. No live reload: run
    `make serve` again after an edit."""
    import functools
    import http.server

    from notice_site.building.pipeline import StepFailed, make_library

    out = Path(".site-preview")
    try:
        make_library(settings, out, pdf_cache=Path(".cache/pdf"), say=_say)
    except StepFailed as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 8000), handler)
    print(f"Serving the library at {settings.site_url} (stop with Ctrl-C)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _library(args: argparse.Namespace, settings: Settings, site: Site) -> int:
    """check or site for a site file of several notices: checked as a set, or built as a
    library."""
    from notice_site.folder.site_file import check_library

    if args.command == "check":
        failed = [folder for folder in site.notices if _check(folder) != 0]
        if failed:
            return 2
        check_library(site)  # what only the set shows: slugs, successors, theme labels
        print(f"{shown(settings.site_file)}: ok, {len(site.notices)} notices")
        return 0
    from notice_site.building.pipeline import StepFailed, make_library

    try:
        make_library(settings, args.site_dir, pdf_cache=args.pdf_cache, say=_say)
    except StepFailed as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


_CACHE_HELP = "folder of PDFs from earlier builds, reused when their input is unchanged"


def _print_errors(error: DataError) -> None:
    for line in messages(error):
        print(f"error: {line}", file=sys.stderr)


def _site(settings: Settings, site_dir: Path, pdf_cache: Path | None) -> int:
    from notice_site.building.pipeline import StepFailed, make_site

    if settings.shard is not None:
        print(
            f"error: SHARD={settings.shard[0]}/{settings.shard[1]}: shares are for a library "
            "(a site file of several notices); one notice is built whole",
            file=sys.stderr,
        )
        return 2
    try:
        make_site(settings, site_dir, pdf_cache=pdf_cache, say=_say)
    except StepFailed as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


def _import(source: Path, target: Path, slug: str, taxonomy: Path, site: Path | None) -> int:
    from notice_site.reading.amendments import proposals
    from notice_site.reading.importer import SourceError, import_notice
    from notice_site.reading.report import proposed

    try:
        settings = Settings.read(Path.cwd(), site=site)
        notices, site_name = _amendable(settings)
    except SettingsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except DataError as e:
        _print_errors(e)
        return 2
    try:
        imported = import_notice(
            source, target, slug, taxonomy if taxonomy.exists() else None, notices, site_name
        )
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(
        f"{target}: imported {len(imported.measures)} measures from {source}; now give each "
        f"measure its themes and fill in what `make check DATA={target}` names"
    )
    from notice_site.reading.importer import source_structure
    from notice_site.reading.report import describe

    reading = source_structure(source)
    print("What the text holds, as read:")
    for line in describe(reading):
        print(f"  {line}")
    provisions = sum(len(part.provisions()) for part in reading.parts) or int(reading.unnumbered)
    if provisions != len(imported.measures):
        print(
            f"warning: the text holds {provisions} provisions, but measures.yaml has "
            f"{len(imported.measures)} measures: check them against the structure above "
            "before publishing",
            file=sys.stderr,
        )
    for line in proposed(proposals(imported, notices, site_name), target / "measures.yaml"):
        print(line)
    return 0


def _amendable(settings: Settings) -> tuple[list[Notice], str]:
    """The notices an imported text's amendments may act on, and the site file's name: those
    of the site file where SITE named it, or where it is a library (the default site.yaml
    of one notice is that notice's own site); none without one. A notice that cannot be
    read is left out, with a warning (its own check says why)."""
    from notice_site.folder.load import load_notice

    site = settings.load_site()
    if site is None or not (settings.site_given or site.single is None):
        return [], ""
    notices = []
    for folder in site.notices:
        try:
            notices.append(load_notice(folder / "measures.yaml", draft=True))
        except DataError as e:
            print(f"warning: {e} (its amendments are not found)", file=sys.stderr)
    return notices, shown(settings.site_file)


def _interpret(source: Path, folder: Path) -> int:
    """Read the interpretation `source` and add it to the notice folder `folder`; print what
    was read and which provisions it names."""
    from notice_site.folder.load import load_notice
    from notice_site.folder.write import FolderError, add_interpretation
    from notice_site.model.references import references
    from notice_site.reading.interpretation import (
        UnreadableInterpretation,
        paragraphs_of,
        read_interpretation,
    )

    try:
        notice = load_notice(folder / "measures.yaml", draft=True)
        raw = source.read_bytes()
        interpretation = read_interpretation(paragraphs_of(source, raw), str(source))
        add_interpretation(folder, interpretation, source.name, raw)
    except (DataError, UnreadableInterpretation, FolderError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"error: {source}: cannot read the file ({e.strerror})", file=sys.stderr)
        return 2
    print(f"{folder}: added the interpretation {interpretation.title} from {source}")
    for section in interpretation.sections:
        print(
            f"  {section.heading or '(before the first heading)'}: "
            f"{len(section.paragraphs)} paragraph(s)"
        )
    named = [
        ref.target for _, text in interpretation.paragraphs() for ref in references(text, notice)
    ]
    marks = ", ".join(dict.fromkeys(getattr(t, "mark", None) or t.heading for t in named))
    print(f"  names the provisions: {marks or 'none'} (linked both ways on the site)")
    return 0


def _table(
    source: Path,
    folder: Path,
    attachment: int | None,
    provision: str | None = None,
    after: int | None = None,
) -> int:
    """Add the tables of `source` to the notice folder `folder`: in the provision
    `provision`, after its paragraph `after` (else its last); or as (or in) an attached
    document: 附件<attachment>, else the one whose title is the tables' own."""
    from notice_site.folder.load import load_notice
    from notice_site.folder.write import FolderError, add_tables
    from notice_site.reading.tables import (
        NoPlace,
        UnreadableTable,
        attached,
        in_provision,
        tables_of,
    )

    if attachment is not None and provision is not None:
        print(
            f"error: ATTACHMENT={attachment} and PROVISION={provision}: say one, where the "
            "tables go (an attached document, or a provision)",
            file=sys.stderr,
        )
        return 2
    if after is not None and provision is None:
        print(
            f"error: AFTER={after} is a paragraph of a provision: say which, "
            "PROVISION=<its number>",
            file=sys.stderr,
        )
        return 2
    try:
        notice = load_notice(folder / "measures.yaml", draft=True)
        grids = tables_of(source, source.read_bytes())
        if not grids:
            raise UnreadableTable("no table found in it")
        if provision is not None:
            tables = in_provision(notice, grids, provision, after, source.stem)
            add_tables(folder, tables)
            label = tables[0].parent.label.rstrip(" \u3000")
            place = f"provision {provision}{f' ({label})' if label else ''}, after its paragraph"
            place += f" {tables[0].after}"
        else:
            document, new = attached(notice, grids, attachment, source.stem)
            tables = document.tables
            add_tables(folder, tables, document if new else None)
            place = document.label
        load_notice(folder / "measures.yaml", draft=True)
    except (DataError, UnreadableTable, FolderError, NoPlace) as e:
        print(
            f"error: {source}: {e}" if isinstance(e, UnreadableTable) else f"error: {e}",
            file=sys.stderr,
        )
        return 2
    except OSError as e:
        print(f"error: {source}: cannot read the file ({e.strerror})", file=sys.stderr)
        return 2
    for t in tables:
        print(f"{folder}: added table {t.id} ({t.caption}, {len(t.body_rows)} rows) to {place}")
    return 0


def _build(settings: Settings, site_dir: Path, offline: bool, report: Path | None) -> int:
    from notice_site.building.sides import BuildError, build_site

    start = time.perf_counter()
    try:
        built = build_site(settings, site_dir, offline=offline)
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
    from notice_site.building.cores import default_workers
    from notice_site.building.linkcheck import check_site

    problems = check_site(
        site_dir, base_path, directory_urls=directory_urls, workers=default_workers()
    )
    for problem in problems:
        print(f"error: broken link: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{site_dir}: every internal link and anchor resolves")
    return 0


def _offline_zip(site_dir: Path, booklets: Path, out: Path, settings: Settings) -> int:
    from notice_site.building.offline import pack_offline, source_date_epoch
    from notice_site.render.site import load_source_notice

    slug = load_source_notice(settings.notice_dir(), Path.cwd(), draft=settings.draft)
    slug = slug.document.slug
    try:
        epoch = source_date_epoch(settings.epoch)
        packed = pack_offline(site_dir, booklets, out, epoch, slug)
    except (ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    date = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(epoch))
    print(f"{out}: {packed.files} files, {packed.size / 1e6:.1f} MB, dated {date}")
    return 0


def _pdf(editions: dict, settings: Settings, args: argparse.Namespace) -> int:
    from notice_site.building.cores import default_workers
    from notice_site.render.pdf import write_pdfs

    site_url = settings.site_url
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
