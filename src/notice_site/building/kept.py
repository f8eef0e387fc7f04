"""What a library's build keeps of each notice for the next: its output, the key it was made
for (pipeline.notice_key), and the links that leave it (linkcheck.check_site's `outward`).

    .cache/library/site/<slug>/     the notice's output, as published under /<slug>/
    .cache/library/keys/<slug>      its key
    .cache/library/links/<slug>.json
    .cache/library/published.json   what the site folder holds: each notice's key and
                                    outward links, and the layout of its search index
                                    (Published)
    .cache/library/own/             the library's own pages (MkDocs' output, before their
                                    search index is moved in); own.key, their key
                                    (library.own_pages.pages_key), once their links
                                    are checked (own.unchecked before); own.links.json,
                                    their links into the notices

A notice whose published output is for its key stays where it is published: the next
build neither copies nor deletes it (publish.publish_in_place).

The output is kept and put back by hard links (no copy of its PDFs), with `cp -al`, many
notices to one command: a library of a thousand notices holds over a hundred thousand
files, which Python's copytree links at a tenth of the speed. Where hard links cannot be
made (another file system), the files are copied.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Notices per `cp` command: well within the system's limit on a command's length.
BATCH = 200


@dataclass(frozen=True)
class Published:
    """What a site folder holds, as the build that published it left it: each notice's key
    (slug → key) and the links that leave it (linkcheck.check_site's `outward`), and the
    layout of its search index in each script (render.shards.write_sharded_index)."""

    keys: dict[str, str] = field(default_factory=dict)
    links: dict[str, dict[str, str]] = field(default_factory=dict)
    index: dict[str, Any] = field(default_factory=dict)


class Kept:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.site = folder / "site"

    def fitting(self, keys: dict[str, str]) -> dict[str, dict[str, str]]:
        """Of the notices `keys` names (slug → the key its output must be made for), those
        kept for that key, with the links that leave them."""
        found = {}
        for slug, key in keys.items():
            stamp = self.folder / "keys" / slug
            links = self.folder / "links" / f"{slug}.json"
            if not (stamp.is_file() and links.is_file() and (self.site / slug).is_dir()):
                continue
            if stamp.read_text(encoding="utf-8") == key:
                found[slug] = json.loads(links.read_text(encoding="utf-8"))
        return found

    def published(self, site_dir: Path) -> Published:
        """What the last build published into `site_dir` (nothing known where another
        folder, or none, was)."""
        try:
            data = json.loads((self.folder / "published.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Published()
        if data.get("site") != str(site_dir):
            return Published()
        return Published(data.get("notices", {}), data.get("links", {}), data.get("index", {}))

    def publishing(self, site_dir: Path, published: Published) -> None:
        """What `site_dir` holds once published."""
        record = self.folder / "published.json"
        record.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "site": str(site_dir),
            "notices": published.keys,
            "links": published.links,
            "index": published.index,
        }
        partial = record.with_suffix(".tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), "utf-8")
        partial.replace(record)

    def forget_published(self) -> None:
        """Before a publication: until it is done, no notice is known to be published."""
        (self.folder / "published.json").unlink(missing_ok=True)

    def put(self, slugs: list[str], target: Path) -> None:
        """The kept output of each of `slugs` into target/<slug>/."""
        _link_trees([self.site / slug for slug in slugs], target)

    def keep(self, built: Path, key: str, outward: dict[str, str]) -> None:
        """A notice's fresh output (`built`, named by its slug), its key and outward links."""
        slug = built.name
        for folder in (self.site, self.folder / "keys", self.folder / "links"):
            folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "keys" / slug).unlink(missing_ok=True)  # no key: nothing fits
        shutil.rmtree(self.site / slug, ignore_errors=True)
        _link_trees([built], self.site)
        text = json.dumps(outward, ensure_ascii=False, sort_keys=True)
        (self.folder / "links" / f"{slug}.json").write_text(text, encoding="utf-8")
        (self.folder / "keys" / slug).write_text(key, encoding="utf-8")

    def own_pages(self, key: str) -> Path | None:
        """The library's own pages, where kept for `key`."""
        stamp = self.folder / "own.key"
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
            return self.folder / "own"
        return None

    def keep_own_pages(self, built: Path, key: str, links: dict[str, str]) -> None:
        """The library's own pages just built (`built`, linked), their links into the
        notices (linkcheck.links_leaving) and their key, which fits only once the build
        has checked their links (own_pages_checked): pages with a broken link are not
        put back unchecked."""
        stamp = self.folder / "own.key"
        stamp.unlink(missing_ok=True)  # no key: nothing fits
        shutil.rmtree(self.folder / "own", ignore_errors=True)
        link_contents(built, self.folder / "own")
        text = json.dumps(links, ensure_ascii=False, sort_keys=True)
        (self.folder / "own.links.json").write_text(text, encoding="utf-8")
        stamp.with_suffix(".unchecked").write_text(key, encoding="utf-8")

    def own_pages_checked(self) -> None:
        """The library's own pages kept last have had their links checked: they fit."""
        unchecked = self.folder / "own.unchecked"
        if unchecked.is_file():
            unchecked.replace(self.folder / "own.key")

    def own_links(self) -> dict[str, str]:
        """The links into the notices of the library's own pages as kept."""
        return json.loads((self.folder / "own.links.json").read_text(encoding="utf-8"))


def link_contents(source: Path, target: Path) -> None:
    """Every file under `source` at the same place under `target` (made), by hard links
    (copies where links cannot be made). A file linked so must never be written through:
    whoever changes one replaces it (sides.write_gzipped)."""
    target.mkdir(parents=True, exist_ok=True)
    linked = subprocess.run(
        ["cp", "-al", "--", f"{source}/.", str(target)], capture_output=True, check=False
    )
    if linked.returncode != 0:
        shutil.copytree(source, target, dirs_exist_ok=True)


def _link_trees(trees: list[Path], target: Path) -> None:
    """Each of `trees` as target/<its name>/, its files hard links (copies where links
    cannot be made)."""
    target.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(trees), BATCH):
        batch = [str(tree) for tree in trees[start : start + BATCH]]
        linked = subprocess.run(
            ["cp", "-al", "--", *batch, str(target)], capture_output=True, check=False
        )
        if linked.returncode != 0:
            for tree in batch:
                copy = target / Path(tree).name
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(tree, copy)
