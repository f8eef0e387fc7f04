"""The offline copy of the site: with the booklets, checked for file://, packed into one zip.

make site builds the site a second time with Material's offline plugin
(OFFLINE=true: links name files, search loads from a script) and hands the
folder to `pack_offline`. The zip is the same, byte for byte, every time one
commit is built: entries are sorted, every timestamp is SOURCE_DATE_EPOCH
(make site sets it from the last commit; else a fixed date), permissions fixed.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from notice_site.building.linkcheck import check_site
from notice_site.model.languages import LANGUAGES
from notice_site.model.urls import DOWNLOADS_DIR, booklet_filename

NOT_FOUND = "404.html"
# 2026-01-01 00:00:00 UTC, when SOURCE_DATE_EPOCH is not set.
DEFAULT_EPOCH = 1767225600
# ZIP stores local dates from 1980 on.
_ZIP_EPOCH = 315532800
# What the built folder holds that a reader on disk never uses, by path pattern.
LEFT_OUT = (
    "sitemap.xml",  # the published URLs, for search engines
    "sitemap.xml.gz",
    "*.map",  # source maps of Material's scripts, for developers
    # Material's own search worker and its lunr languages: our worker replaces them
    "assets/javascripts/workers/*",
    "assets/javascripts/lunr/*",
)


@dataclass(frozen=True)
class Packed:
    path: Path
    files: int
    size: int


def source_date_epoch(epoch: int | None) -> int:
    """The date of every file in the zip: SOURCE_DATE_EPOCH (reproducible-builds.org, read
    into Settings.epoch) if set, else DEFAULT_EPOCH."""
    return DEFAULT_EPOCH if epoch is None else epoch


def write_zip(
    folder: Path, target: Path, top: str, epoch: int = DEFAULT_EPOCH, leave_out: Iterable[str] = ()
) -> Packed:
    """Zip the files under `folder` as `top`/<path>, sorted, all dated `epoch` (UTC).

    Paths matching a pattern of `leave_out` (fnmatch, * crosses /) are not packed.
    """
    patterns = tuple(leave_out)
    # ZIP keeps times to two seconds: round down, so that what is stored is `epoch`'s date
    date_time = time.gmtime(max(epoch, _ZIP_EPOCH) // 2 * 2)[:6]
    files = sorted(
        name
        for name in (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        if not any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
    )
    if not files:
        raise ValueError(f"{folder}: nothing to pack")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with zipfile.ZipFile(partial, "w") as archive:
        for name in files:
            info = zipfile.ZipInfo(f"{top}/{name}", date_time)
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (folder / name).read_bytes(), compresslevel=9)
    partial.replace(target)
    return Packed(target, len(files), target.stat().st_size)


def pack_offline(site_dir: Path, booklets_dir: Path, target: Path, epoch: int, slug: str) -> Packed:
    """Add the booklets to the offline build in `site_dir`, check its links, zip it.

    Only the two booklets go in (about 1 MB for a notice of 20 measures; the one-measure
    PDFs would add 12 MB and repeat them): the offline pages link the booklet of their script.
    The zip's folder is named after the zip, so unpacking makes one folder.
    """
    # No server answers a missing file under file://, so the 404 pages serve no one; and
    # MkDocs writes their links from the site's path (/<path>/assets/…), which a folder
    # on disk does not have: with SITE_URL under a path they would be broken links.
    for page in [site_dir / NOT_FOUND, *(site_dir / lang / NOT_FOUND for lang in LANGUAGES)]:
        page.unlink(missing_ok=True)
    downloads = site_dir / DOWNLOADS_DIR
    downloads.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        name = booklet_filename(slug, language)
        shutil.copyfile(booklets_dir / name, downloads / name)
    problems = check_site(site_dir, directory_urls=False)
    if problems:
        raise ValueError(f"{site_dir}: broken links: " + "; ".join(problems))
    return write_zip(site_dir, target, target.name.removesuffix(".zip"), epoch, LEFT_OUT)
