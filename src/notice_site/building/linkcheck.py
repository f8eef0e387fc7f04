"""Check every internal link and #anchor of a built site: files exist, anchors exist.

Pure Python over the output folder, so the build (through a hook) and the tests
use the same checker on real output.
"""

from __future__ import annotations

import html
import multiprocessing
import os
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs that point at another resource
LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")}
# Links that are not navigation: canonical and alternates are absolute by design.
SKIP_REL = {"canonical", "alternate"}

# A regular expression scanner, not html.parser: the pages are our own
# well-formed output, and at 2,000 measures html.parser took 2/3 of the check
# (a test compares the two on every page of a real build).
_NOT_MARKUP = re.compile(r"<!--.*?-->|(<(script|style)\b[^>]*>).*?</\2\s*>", re.S | re.I)
_LINK_TAG = re.compile(r"<(a|link|script|img)(\s[^>]*)?>", re.I)
_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


class Page:
    """The ids of a page (link targets) and its links to other resources."""

    def __init__(self, text: str) -> None:
        text = _NOT_MARKUP.sub(lambda m: m.group(1) or "", text)
        self.ids: set[str] = {html.unescape(a or b or c) for a, b, c in _ID.findall(text)}
        self.ids.discard("")
        self.links: list[str] = []
        for match in _LINK_TAG.finditer(text):
            tag, rest = match.group(1).lower(), match.group(2) or ""
            attributes = {
                m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                for m in _ATTRIBUTE.finditer(rest)
            }
            if tag == "a" and attributes.get("name"):
                self.ids.add(attributes["name"])
            if tag == "link" and set((attributes.get("rel") or "").split()) & SKIP_REL:
                continue
            for element, attribute in LINK_ATTRIBUTES:
                if tag == element and attributes.get(attribute):
                    self.links.append(attributes[attribute])


def check_site(
    site_dir: Path,
    base_path: str = "/",
    later: tuple[str, ...] = (),
    directory_urls: bool = True,
    workers: int = 1,
    outward: dict[str, str] | None = None,
) -> list[str]:
    """Every broken internal link or anchor, as 'page: link (problem)'; empty when all resolve.

    `base_path` is the path of the site's URL (e.g. /notices/), for the
    few links that are written from the site's root. Targets under the folders
    in `later` are not checked: they are written after this check runs. Without
    `directory_urls` (a site opened from file://, where a folder shows no
    index.html) a link to a folder is broken. With `workers` > 1 a large site is
    read by that many processes (forked: only from a program without threads).

    With `outward`, the site is a notice of a library checked on its own: a link that
    leaves it is no problem here but is put in `outward`, its target's absolute path
    (with its #anchor) → the first page linking it, for `check_notices` to check where
    every notice stands beside the others.
    """
    site = _site(site_dir, base_path, later, directory_urls, outward is not None)
    names = sorted(f for f in site.files if f.endswith(".html"))
    scanned = dict(zip(names, _scan_pages(site, names, workers), strict=True))
    problems: list[str] = []
    # Anchors last: a page's links were resolved on their own, its targets' ids are known now.
    for relative, (_, findings) in scanned.items():
        for finding in findings:
            if isinstance(finding, str):
                problems.append(finding)
            elif finding[0] == OUTWARD and outward is not None:
                outward.setdefault(finding[2], relative)
            else:
                link, target, fragment = finding
                if fragment not in scanned[target][0]:
                    problems.append(f"{relative}: {link} (no element with id '{fragment}')")
    return problems


def check_notices(
    site_dir: Path,
    base_path: str,
    notices: dict[str, dict[str, str]],
    workers: int = 1,
    beside: tuple[Path, set[str]] | None = None,
    own: dict[str, str] | None = None,
    changed: set[str] | None = None,
) -> list[str]:
    """`check_site` of a library whose notices' folders (`notices`: slug → what `check_site`
    put in `outward` when the notice was checked on its own, as it was built) were checked
    already: the library's own pages are read and checked whole; of each notice, only the
    links that leave it, where they lead now. So a library whose notices are mostly
    unchanged is checked without reading their pages again. `beside`: a folder holding
    the named notices' folders, which `site_dir` lacks (those left where they are
    published); a link into them is looked up there. `own`: the library's own pages are
    those checked whole before (kept, the same files): only their links into the notices
    (`links_leaving` as they were built) are checked, where they lead now. `changed`: the
    notices whose output is not the one the site was last checked with (made or put back
    now, or gone), all others left as they were: a link between two of those others, or
    from one of them or own pages kept into the library's own pages kept, leads where it
    led then, and is not looked up again (at 1,000 notices, 50,000 lookups a build)."""
    elsewhere, placed = beside or (site_dir, set())
    site = _site(site_dir, base_path, (), True, False, elsewhere, frozenset(placed))
    inside = tuple(f"{slug}/" for slug in notices)
    names = sorted(f for f in site.files if f.endswith(".html") and not f.startswith(inside))
    if own is not None:
        names = []
        notices = {**notices, "": own}
    scanned = dict(zip(names, _scan_pages(site, names, workers), strict=True))
    ids: dict[str, set[str]] = {name: found[0] for name, found in scanned.items()}

    def ids_of(target: str) -> set[str]:
        if target not in ids:
            ids[target] = Page(site.path(target).read_text(encoding="utf-8")).ids
        return ids[target]

    found: list[tuple[str, str | tuple[str, str, str]]] = [
        (relative, finding) for relative, (_, findings) in scanned.items() for finding in findings
    ]

    def again(source: str, target: str) -> bool:
        """Whether a link leaving `source` (a notice's slug, "" the own pages) is looked up."""
        if changed is None or source in changed:
            return True
        top = _top(base_path, target)
        if top in changed:
            return True
        # into a notice left as it was, or into the library's own pages as they were
        return top not in notices and own is None

    for slug, outward in notices.items():
        for target, page in outward.items():
            if not again(slug, target):
                continue
            relative = f"{slug}/{page}" if slug else page
            finding = _resolve(site, relative, target)
            if finding is not None:
                found.append((relative, finding))
    problems: list[str] = []
    for relative, finding in found:
        if isinstance(finding, str):
            problems.append(finding)
            continue
        link, target, fragment = finding
        if fragment not in ids_of(target):
            problems.append(f"{relative}: {link} (no element with id '{fragment}')")
    return problems


def links_leaving(site_dir: Path, base_path: str) -> dict[str, str]:
    """The links of the pages of `site_dir` (a library's own pages, built apart from its
    notices) into a top folder it does not hold (a notice's): each target's absolute path,
    with its #anchor, → the first page linking it (check_notices' `own`)."""
    site = _site(site_dir, base_path, (), True, False)
    tops = {f.partition("/")[0] for f in site.files}
    found: dict[str, str] = {}
    for relative in sorted(f for f in site.files if f.endswith(".html")):
        for link in Page((site.folder / relative).read_text(encoding="utf-8")).links:
            if link.startswith("//") or urlsplit(link).scheme:
                continue
            inside = _inside(base_path, relative, link)
            if inside is None or not inside or inside.partition("/")[0] in tops:
                continue
            found.setdefault(_absolute(base_path, relative, link), relative)
    return found


def _absolute(base_path: str, relative: str, link: str) -> str:
    """A link of the page `relative` as an absolute path, with its #anchor."""
    target = posixpath.join(posixpath.dirname(base_path + relative), link)
    path, _, fragment = target.partition("#")
    absolute = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    return absolute + (f"#{fragment}" if fragment else "")


def _site(
    site_dir: Path,
    base_path: str,
    later: tuple[str, ...],
    directory_urls: bool,
    alone: bool,
    elsewhere: Path | None = None,
    placed: frozenset[str] = frozenset(),
) -> _Site:
    site_dir = site_dir.resolve()
    # One walk of the folder; every later question is a set lookup, not a system call.
    found = []
    for top, _, names in os.walk(site_dir):
        inside = os.path.relpath(top, site_dir)
        prefix = "" if inside == "." else f"{inside.replace(os.sep, '/')}/"
        found += [prefix + name for name in names]
    files = frozenset(found)
    folders = {posixpath.dirname(f) for f in files}
    folders |= {posixpath.dirname(f) for f in folders}
    return _Site(
        site_dir, base_path, later, directory_urls, files, frozenset(folders), alone,
        elsewhere, placed,
    )  # fmt: skip


# What a notice checked alone finds of a link that leaves it: (OUTWARD, link, target path).
OUTWARD = "outward"


@dataclass(frozen=True)
class _Site:
    folder: Path
    base_path: str
    later: tuple[str, ...]
    directory_urls: bool
    files: frozenset[str]
    folders: frozenset[str]
    # a notice of a library checked alone: links leaving it are found, not problems
    alone: bool = False
    # a folder holding these top folders of the site, which `folder` lacks (check_notices)
    elsewhere: Path | None = None
    placed: frozenset[str] = frozenset()

    def _there(self, inside: str) -> Path | None:
        """Where a path of the site is, if it is under one of the `placed` folders."""
        if self.elsewhere is not None and inside.partition("/")[0] in self.placed:
            return self.elsewhere / inside
        return None

    def has_file(self, inside: str) -> bool:
        there = self._there(inside)
        return there.is_file() if there is not None else inside in self.files

    def has_folder(self, inside: str) -> bool:
        there = self._there(inside)
        return there.is_dir() if there is not None else inside in self.folders

    def path(self, inside: str) -> Path:
        return self._there(inside) or self.folder / inside


# A page's ids, and what its links gave: a problem, or an anchor to look for (link, page, id).
_Scanned = tuple[set[str], list[str | tuple[str, str, str]]]

# Below this many pages one process is quicker than starting others.
PARALLEL_FROM = 400


def _scan_pages(site: _Site, names: list[str], workers: int) -> list[_Scanned]:
    """Read and resolve every page; a large site in `workers` processes."""
    if workers < 2 or len(names) < PARALLEL_FROM:
        return _scan(site, names)
    size = -(-len(names) // workers)
    chunks = [names[i : i + size] for i in range(0, len(names), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [page for chunk in pool.map(_scan, [site] * len(chunks), chunks) for page in chunk]


def _scan(site: _Site, names: list[str]) -> list[_Scanned]:
    return [_scan_page(site, name) for name in names]


def _scan_page(site: _Site, relative: str) -> _Scanned:
    page = Page((site.folder / relative).read_text(encoding="utf-8"))
    findings: list[str | tuple[str, str, str]] = []
    for link in page.links:
        finding = _resolve(site, relative, link)
        if finding is not None:
            findings.append(finding)
    return page.ids, findings


def _resolve(site: _Site, relative: str, link: str) -> str | tuple[str, str, str] | None:
    """What a link of the page `relative` gives: None (it resolves, or is not ours to
    check), a problem, an anchor to look for (link, page, id), or, for a notice checked
    alone, the link leaving it (OUTWARD, link, its target's absolute path)."""
    if link.startswith("//") or urlsplit(link).scheme:
        return None  # another host, or mailto: and friends: not ours to check
    inside = _inside(site.base_path, relative, link)
    if inside is None:
        if site.alone and link.partition("#")[0]:
            return (OUTWARD, link, _absolute(site.base_path, relative, link))
        return f"{relative}: {link} (outside the site)"
    if inside.startswith(site.later):
        return None
    if inside == "" or inside.endswith("/") or site.has_folder(inside):
        if not site.directory_urls:
            return f"{relative}: {link} (a folder, not a file)"
        inside = f"{inside.rstrip('/')}/index.html".lstrip("/")
    if not site.has_file(inside):
        return f"{relative}: {link} (no such file)"
    fragment = unquote(link.partition("#")[2])
    if fragment and inside.endswith(".html"):
        return (link, inside, fragment)
    return None


def _top(base_path: str, target: str) -> str:
    """The top folder of the site (a notice's slug, "" for none) an absolute path (a link
    that leaves a page, as `links_leaving` and `check_site`'s `outward` keep it) leads
    into: its first segment after `base_path` where the path is plain (no "%", no "." or
    ".." segment), else as `_inside` resolves it (at 1,000 notices, 50,000 links a build)."""
    if target.startswith(base_path):
        rest = target[len(base_path) :].partition("#")[0].partition("?")[0]
        if "%" not in rest and ".." not in rest and "." not in rest.split("/"):
            return rest.partition("/")[0]
    return (_inside(base_path, "", target) or "").partition("/")[0]


def _inside(base_path: str, page: str, link: str) -> str | None:
    """Where a relative or root-relative link of `page` leads, as a path in the site folder.

    A folder ends with "/" ("" is the site's root); None when the link leaves the site.
    """
    path = link.partition("#")[0].partition("?")[0]
    if not path:
        return page
    joined = posixpath.join(posixpath.dirname(base_path + page), path)  # an absolute path wins
    full = posixpath.normpath(unquote(joined))
    if path.endswith("/") or posixpath.basename(path) in {".", ".."}:
        full = full.rstrip("/") + "/"
    if full.rstrip("/") + "/" == base_path:
        return ""
    if not full.startswith(base_path):
        return None
    return full[len(base_path) :]
