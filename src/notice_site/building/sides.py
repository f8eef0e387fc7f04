"""Build the site with one MkDocs process per script, side by side, and merge their output.

static-i18n builds the scripts one after the other in one process, and MkDocs
renders on one core. Here the sources are written once (before any process
collects files), then `mkdocs build` runs once per script at the same time
(hooks/scripts.py makes a process build only the script named in
its settings), and the outputs are merged into one folder: the default script's
build gives the root and its files, each other script adds its own folder, and
the sitemaps are joined in script order, as the sequential build writes them.
Then the steps that need every script run once: the search indexes and the
link check. The result is the same, byte for byte, as `mkdocs build` in one
process (tests/test_side_by_side.py compares them); at 2,000 measures it takes
about 70 % of the time (bench/build.py: 21.6 s against 30.3 s).

MkDocs runs as a subprocess: this module does not import it.
"""

from __future__ import annotations

import filecmp
import gzip
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from notice_site.building.cores import default_workers
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES
from notice_site.model.urls import DOWNLOADS_DIR, SITEMAP, base_path
from notice_site.render.site import (
    Edition,
    editions_of,
    load_source_notice,
    write_search_indexes,
    write_sources,
)
from notice_site.settings import Settings

# The one script a `mkdocs build` process builds, and that its page sources are written, are
# handed to it in its settings (Settings.script, Settings.sources; hooks/scripts.py, generate.py).
# Files at the root that each script's build writes for itself; the merge makes them.
PER_SCRIPT_ROOT = {"404.html", SITEMAP, f"{SITEMAP}.gz", "search"}


class BuildError(Exception):
    """A build step failed; the message says which, the processes' output is already shown."""


def sources_stamp(site_url: str, directory_urls: bool, offline: bool) -> str:
    """What the sources were written for; the hook compares it with its own configuration."""
    return f"{site_url} directory_urls={directory_urls} offline={offline}"


@dataclass(frozen=True)
class Built:
    site_dir: Path
    search_sizes: dict[str, int]
    problems: list[str]
    # Wall seconds of each step, in order (what `--report` writes and bench/build.py prints).
    phases: dict[str, float]
    # Peak resident memory in bytes: this process ("merge") and each script's MkDocs process.
    peak_rss: dict[str, int]


class _Clock:
    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase] = now - self._last
        self._last = now


def build_site(
    settings: Settings,
    site_dir: Path,
    *,
    offline: bool = False,
    editions: dict[str, Edition] | None = None,
) -> Built:
    """Build every script of the notice of `settings` (its folder, its address) into
    `site_dir`, one process per script (`editions`: the notice, where the caller loaded it).

    `offline` builds the copy for file:// (Material's offline plugin, OFFLINE=true).
    The link check's problems are returned, not raised: the caller reports them.
    """
    root, site_dir = settings.root, site_dir.resolve()
    data_dir = settings.notice_dir().resolve()
    site_url = settings.site_url
    directory_urls = not offline
    clock = _Clock()
    if editions is None:
        load_source_notice(data_dir, root, draft=settings.draft)
        clock.lap("data: load and validate")
        editions = editions_of(settings.but(data=data_dir))
        clock.lap("data: convert to Traditional")
    docs = sources_folder(root, site_dir)
    write_sources(editions, docs, site_url, directory_urls, offline, workers=len(editions))
    clock.lap("page sources: generate, write the changed ones")
    parts = {language: _part_dir(site_dir, language) for language in LANGUAGES}
    handed = settings.but(
        data=data_dir,
        sources=sources_stamp(site_url, directory_urls, offline),
        sources_dir=docs,
    )
    try:
        peaks = _run_side_by_side(
            {
                language: [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "--site-dir",
                    str(part),
                ]
                for language, part in parts.items()
            },
            root,
            {
                language: handed.but(script=language).environment(offline=offline)
                for language in parts
            },
        )
        clock.lap(f"MkDocs: {' and '.join(LANGUAGES)} side by side")
        merge(parts, site_dir)
        clock.lap("merge the scripts' folders")
    finally:
        for part in parts.values():
            shutil.rmtree(part, ignore_errors=True)
        shutil.rmtree(docs, ignore_errors=True)
    sizes = write_search_indexes(
        root, data_dir, editions, site_dir, directory_urls=directory_urls, as_script=offline
    )
    clock.lap("search indexes")
    from notice_site.building.linkcheck import check_site

    problems = check_site(
        site_dir,
        base_path(site_url),
        later=(f"{DOWNLOADS_DIR}/",),
        directory_urls=directory_urls,
        workers=default_workers(),
    )
    clock.lap("link check")
    # ru_maxrss: KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return Built(site_dir, sizes, problems, clock.phases, {"merge": own, **peaks})


def sources_folder(root: Path, site_dir: Path) -> Path:
    """A folder of its own for the page sources of the build into `site_dir`, beside it (so
    two builds at once, in two test workers say, never write into one): the project's
    hand-written docs/ (assets, the schema) linked into it, the generated pages written
    there by the caller. MkDocs reads it as docs_dir (hooks/scripts.py); the caller
    removes it."""
    folder = site_dir.parent / f".site-docs-{site_dir.name.lstrip('.')}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for entry in sorted((root / "docs").iterdir()):
        if entry.name not in LANGUAGES:  # docs/<lang>/ holds generated pages only
            (folder / entry.name).symlink_to(entry.resolve())
    return folder


def _part_dir(site_dir: Path, language: str) -> Path:
    # Beside the target (the same file system, so the merge renames); .gitignore has /.site-*/.
    return site_dir.parent / f".site-part-{site_dir.name.lstrip('.')}-{language}"


def _run_side_by_side(
    commands: dict[str, list[str]], cwd: Path, environments: dict[str, dict[str, str]]
) -> dict[str, int]:
    """Run one command per script at the same time; fail if any fails.

    Their output is shown as it comes, each line once: a message both
    processes print (the same mistake met twice) appears once. Returns each
    process's peak resident memory in bytes.
    """
    seen: set[str] = set()
    lock = threading.Lock()

    def relay(stream: IO[str]) -> None:
        for line in stream:
            with lock:
                if line not in seen:
                    seen.add(line)
                    sys.stderr.write(line)
                    sys.stderr.flush()

    running: dict[str, subprocess.Popen[str]] = {}
    readers = []
    for language, command in commands.items():
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=environments[language],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        running[language] = process
        reader = threading.Thread(target=relay, args=(process.stdout,), daemon=True)
        reader.start()
        readers.append(reader)
    failed = []
    peaks: dict[str, int] = {}
    for language, process in running.items():
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        peaks[language] = usage.ru_maxrss * 1024
        if process.returncode != 0:
            failed.append(language)
    for reader in readers:
        reader.join()
    for process in running.values():
        if process.stdout is not None:
            process.stdout.close()
    if failed:
        raise BuildError(f"mkdocs build failed for {', '.join(failed)}")
    return peaks


def merge(parts: dict[str, Path], site_dir: Path) -> None:
    """One site from the per-script builds in `parts` (moved, not copied).

    The default script's build becomes the site; each other script's folder is
    moved into it. Their shared files (assets, the theme's) must be identical:
    anything else means the builds disagree, and the merge stops.
    """
    if site_dir.exists():
        shutil.rmtree(site_dir)
    default = parts[DEFAULT_LANGUAGE]
    sitemaps = [(default / SITEMAP).read_text(encoding="utf-8")]
    for language, part in parts.items():
        if language == DEFAULT_LANGUAGE:
            continue
        _same_shared_files(default, part, language)
        if (default / language).exists():
            raise BuildError(f"{default}: the {DEFAULT_LANGUAGE} build wrote {language}/")
        (part / language).rename(default / language)
        sitemaps.append((part / SITEMAP).read_text(encoding="utf-8"))
    default.rename(site_dir)
    _write_sitemap(site_dir, sitemaps)


def _same_shared_files(default: Path, other: Path, language: str) -> None:
    tops = [p for p in sorted(other.iterdir()) if p.name not in PER_SCRIPT_ROOT | {language}]
    for path in (q for top in tops for q in ([top] if top.is_file() else sorted(top.rglob("*")))):
        if path.is_dir():
            continue
        relative = path.relative_to(other)
        twin = default / relative
        if not twin.is_file() or not filecmp.cmp(path, twin, shallow=False):
            raise BuildError(
                f"{relative}: the {language} build wrote it differently from the {DEFAULT_LANGUAGE} build"
            )


def _write_sitemap(site_dir: Path, sitemaps: list[str]) -> None:
    """The scripts' sitemaps as one, each script's <url> entries in turn; gzipped as MkDocs does.

    The gzip header keeps the time MkDocs gave the default script's copy
    (SOURCE_DATE_EPOCH when set), so the output stays reproducible.
    """
    first, *others = sitemaps
    end = first.rindex("</urlset>")
    # Each one's entries: from the line after <urlset ...> to </urlset>.
    bodies = [s[s.index("\n", s.index("<urlset")) + 1 : s.rindex("</urlset>")] for s in others]
    text = first[:end] + "".join(bodies) + first[end:]
    write_gzipped(site_dir / SITEMAP, text, gzip_mtime(site_dir / f"{SITEMAP}.gz"))


def gzip_mtime(gz: Path) -> int:
    """The time in the header of the gzipped file `gz` (MkDocs': SOURCE_DATE_EPOCH when set)."""
    return int.from_bytes(gz.read_bytes()[4:8], "little")


def write_gzipped(target: Path, text: str, mtime: int) -> None:
    """`text` as `target` and, gzipped with `mtime` in its header, as `target`.gz (so the
    output stays reproducible), as MkDocs writes its sitemap. Either may be a hard link to
    a file kept for a later build (kept.py, the library's own pages): replaced, never
    written through."""
    gz = target.with_name(f"{target.name}.gz")
    for path in (target, gz):
        path.unlink(missing_ok=True)
    target.write_text(text, encoding="utf-8")
    with (
        open(gz, "wb") as f,
        gzip.GzipFile(fileobj=f, filename=str(gz), mode="wb", mtime=mtime) as z,
    ):
        z.write(text.encode("utf-8"))
