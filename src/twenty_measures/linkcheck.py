"""Check every internal link and #anchor of a built site: files exist, anchors exist.

Pure Python over the output folder, so the build (through a hook) and the tests
use the same checker on real output.
"""

from __future__ import annotations

import html
import posixpath
import re
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
    site_dir: Path, base_path: str = "/", later: tuple[str, ...] = (), directory_urls: bool = True
) -> list[str]:
    """Every broken internal link or anchor, as 'page: link (problem)'; empty when all resolve.

    `base_path` is the path of the site's URL (e.g. /twenty-measures/), for the
    few links that are written from the site's root. Targets under the folders
    in `later` are not checked: they are written after this check runs. Without
    `directory_urls` (a site opened from file://, where a folder shows no
    index.html) a link to a folder is broken.
    """
    site_dir = site_dir.resolve()
    # One walk of the folder; every later question is a set lookup, not a system call.
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    folders = {posixpath.dirname(f) for f in files}
    folders |= {posixpath.dirname(f) for f in folders}
    pages = {
        name: Page((site_dir / name).read_text(encoding="utf-8"))
        for name in sorted(files)
        if name.endswith(".html")
    }
    problems: list[str] = []
    for relative, page in pages.items():
        for link in page.links:
            if link.startswith("//") or urlsplit(link).scheme:
                continue  # another host, or mailto: and friends: not ours to check
            inside = _inside(base_path, relative, link)
            if inside is None:
                problems.append(f"{relative}: {link} (outside the site)")
                continue
            if inside.startswith(later):
                continue
            if inside == "" or inside.endswith("/") or inside in folders:
                if not directory_urls:
                    problems.append(f"{relative}: {link} (a folder, not a file)")
                    continue
                inside = f"{inside.rstrip('/')}/index.html".lstrip("/")
            if inside not in files:
                problems.append(f"{relative}: {link} (no such file)")
                continue
            fragment = unquote(link.partition("#")[2])
            if fragment and inside.endswith(".html") and fragment not in pages[inside].ids:
                problems.append(f"{relative}: {link} (no element with id '{fragment}')")
    return problems


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
