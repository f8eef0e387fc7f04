"""The library's files beside its own pages: its feed, /notices.json and the sitemap index
(MkDocs' sitemap of the own pages moved to LIBRARY_SITEMAP, each notice's /<slug>/sitemap.xml
listed beside it). The own pages' process (hooks/_own_pages.py) writes them with the pages,
from the same Listed of each notice (library/listed.py), and keeps them with the pages: a
build whose pages are those kept puts these back too, and reads no notice for them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from notice_site.building.sides import gzip_mtime, write_gzipped
from notice_site.library.pages import FEED, NOTICES_JSON, feed_xml, notices_data, sitemap_index
from notice_site.model.languages import DEFAULT_LANGUAGE
from notice_site.model.urls import LIBRARY_SITEMAP, SITEMAP

if TYPE_CHECKING:
    from notice_site.folder.site_file import Site
    from notice_site.library.listed import Listed


def write_library_files(
    site: Site, notices: list[dict[str, Listed]], site_dir: Path, site_url: str
) -> None:
    """The feed, the sitemap index and notices.json of the library whose own pages MkDocs
    wrote in `site_dir` (its sitemap among them), for `notices` in the site's order."""
    (site_dir / FEED).write_text(feed_xml(site, notices, site_url), encoding="utf-8")
    # each gzipped beside it, as MkDocs writes them
    mtime = gzip_mtime(site_dir / f"{SITEMAP}.gz")
    own = (site_dir / SITEMAP).read_text(encoding="utf-8")
    write_gzipped(site_dir / LIBRARY_SITEMAP, own, mtime)
    slugs = [n[DEFAULT_LANGUAGE].document.slug for n in notices]
    write_gzipped(site_dir / SITEMAP, sitemap_index(site_url, slugs), mtime)
    data = notices_data(site, notices, site_url)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (site_dir / NOTICES_JSON).write_text(text, encoding="utf-8")
