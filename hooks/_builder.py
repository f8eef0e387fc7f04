"""A process that builds a library's notices one after another, MkDocs running inside it.

Not a hook (mkdocs.yml does not list it): `notice_site.building.library` starts one per core
(`python hooks/_builder.py`) and hands it jobs, one JSON line each on its standard input; it
answers each with one JSON line on its standard output. Building a notice in a process of
its own would pay, for every notice, the start of Python, the imports of MkDocs, Material,
static-i18n, jieba and OpenCC, and the compiling of Material's templates; here each is paid
once per process, and the templates compiled once are kept for every later build (a Jinja
bytecode cache held by this process, handed to each build on its Run; the source of a
template is compared before its code is reused).

A job is one of:

- `site`: the notice's pages in every script and their search indexes (one MkDocs build;
  static-i18n builds the scripts in turn), into `target`, exactly as `mkdocs build` builds
  them; its links are checked with the whole library's (`links_later`);
- `downloads`: its PDFs into `target`/downloads/ (from the PDF cache where unchanged), then
  its offline copy (the build again, for file://, its links checked here), packed with the
  booklets into the offline zip; then every link of the notice is checked, those leaving
  it returned to be checked with the whole library.

The notice's settings come in the job (`Settings.to_json`), as a process our command starts
gets them in its environment; nothing is read from the environment here.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HOOKS = Path(__file__).resolve().parent
ROOT = HOOKS.parent
sys.path[:0] = [str(HOOKS)]  # the hooks import _mode as MkDocs lets them

import jinja2  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

from notice_site.building.linkcheck import check_site  # noqa: E402
from notice_site.building.offline import pack_offline, source_date_epoch  # noqa: E402
from notice_site.building.sides import sources_folder  # noqa: E402
from notice_site.bulk import left_to_exit  # noqa: E402
from notice_site.errors import DataError  # noqa: E402
from notice_site.folder.site_file import Site  # noqa: E402
from notice_site.model.urls import DOWNLOADS_DIR, base_path, offline_zip_filename  # noqa: E402
from notice_site.render.site import Edition, editions_of  # noqa: E402
from notice_site.settings import Settings  # noqa: E402

import _mode  # noqa: E402


class Templates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for every build of this process (Jinja checks each
    template's source against the kept code's before using it)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


class Builder:
    """This process: its templates, and the notice it last loaded (a `site` job and the
    `downloads` job of the same notice share its editions)."""

    def __init__(self) -> None:
        self.templates = Templates()
        self.loaded: tuple[str, dict[str, Edition]] | None = None
        # the library's site file, read once for every build of this process (a thousand
        # notices' took 0.2 s to read, twice in each notice's jobs); by its path
        self.sites: dict[Path, Site | None] = {}

    def site_file(self, settings: Settings) -> Site | None:
        if settings.site_file not in self.sites:
            self.sites[settings.site_file] = settings.load_site()
        return self.sites[settings.site_file]

    def editions(self, settings: Settings) -> dict[str, Edition]:
        handed = settings.to_json()
        if self.loaded is None or self.loaded[0] != handed:
            self.loaded = (handed, editions_of(settings))
        return self.loaded[1]

    def mkdocs(self, settings: Settings, target: Path, *, offline: bool, links_later: bool) -> None:
        """One MkDocs build of every script of the notice of `settings` into `target`."""
        docs = sources_folder(settings.root, target)
        try:
            config = _mode.project_config(settings, target)
            if offline:
                # what OFFLINE=true gives mkdocs.yml: Material's offline plugin enabled
                config.plugins["material/offline"].config.enabled = True
            run = _mode.Run(
                config,
                settings.but(sources_dir=docs),
                templates=self.templates,
                links_later=links_later,
            )
            run.loaded["editions"] = self.editions(settings)
            run.loaded["site"] = self.site_file(settings)
            setattr(config, _mode.ATTRIBUTE, run)
            build(config)
        finally:
            shutil.rmtree(docs, ignore_errors=True)

    def site(self, settings: Settings, target: Path) -> dict[str, Any]:
        self.mkdocs(settings, target, offline=False, links_later=True)
        return {}

    def downloads(
        self, settings: Settings, target: Path, pdf_cache: Path | None, pdf_workers: int
    ) -> dict[str, Any]:
        from notice_site.render.pdf import write_pdfs

        editions = self.editions(settings)
        slug = next(iter(editions.values())).notice.document.slug
        downloads = target / DOWNLOADS_DIR
        start = time.perf_counter()
        written = write_pdfs(
            editions, settings.site_url, downloads, workers=pdf_workers, cache_dir=pdf_cache
        )
        pdf_seconds = time.perf_counter() - start
        offline = target.parent / f".{target.name}-offline"
        shutil.rmtree(offline, ignore_errors=True)
        try:
            self.mkdocs(settings, offline, offline=True, links_later=False)
            problems = check_site(
                offline,
                base_path(settings.site_url),
                later=(f"{DOWNLOADS_DIR}/",),
                directory_urls=False,
                workers=1,
            )
            if problems:
                raise DataError(str(offline), "links", "broken: " + "; ".join(problems))
            zip_path = downloads / offline_zip_filename(slug)
            packed = pack_offline(
                offline, downloads, zip_path, source_date_epoch(settings.epoch), slug
            )
        finally:
            shutil.rmtree(offline, ignore_errors=True)
        # Every link of the notice, now that its PDFs are there: those that leave it are
        # checked with the library's (building.linkcheck.check_notices).
        outward: dict[str, str] = {}
        problems = check_site(target, base_path(settings.site_url), outward=outward)
        if problems:
            raise DataError(str(target), "links", "broken: " + "; ".join(problems))
        return {
            "pdfs": len(written),
            "rendered": sum(not w.from_cache for w in written),
            "pdf_seconds": pdf_seconds,
            "zip_files": packed.files,
            "outward": outward,
        }


def main() -> int:
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    builder = Builder()
    for line in sys.stdin:
        job = json.loads(line)
        settings = Settings.from_json(job["settings"])
        target = Path(job["target"])
        start = time.perf_counter()
        try:
            if job["kind"] == "site":
                answer = builder.site(settings, target)
            else:
                cache = Path(job["pdf_cache"]) if job.get("pdf_cache") else None
                answer = builder.downloads(settings, target, cache, job.get("pdf_workers", 1))
            answer["ok"] = True
        except (MkDocsException, DataError, OSError, ValueError) as e:
            answer = {"ok": False, "error": f"{target.name}: {e}"}
        except Exception:  # a bug: its traceback, for a developer
            answer = {"ok": False, "error": f"{target.name}: " + traceback.format_exc()}
        answer["seconds"] = time.perf_counter() - start
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    code = main()
    left_to_exit()  # its pages and notices: no collection at its end
    sys.exit(code)
