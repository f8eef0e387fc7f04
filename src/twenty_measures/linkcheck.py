"""Check every internal link and #anchor of a built site: files exist, anchors exist.

Pure Python over the output folder, so the build (through a hook) and the tests
use the same checker on real output.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# (tag, attribute) pairs that point at another resource
LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")}
# Links that are not navigation: canonical and alternates are absolute by design.
SKIP_REL = {"canonical", "alternate"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(key):
                self.ids.add(attributes[key])
        if tag == "link" and set((attributes.get("rel") or "").split()) & SKIP_REL:
            return
        for element, attribute in LINK_ATTRIBUTES:
            if tag == element and attributes.get(attribute):
                self.links.append(attributes[attribute])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


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
    pages = {p: _parse(p) for p in sorted(site_dir.rglob("*.html"))}
    problems: list[str] = []
    for path, page in pages.items():
        relative = path.relative_to(site_dir).as_posix()
        here = f"http://site{base_path}{relative}"
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # another host, or mailto: and friends: not ours to check
            target_url = urlsplit(urljoin(here, link))
            target_path = unquote(target_url.path)
            if not target_path.startswith(base_path):
                problems.append(f"{relative}: {link} (outside the site)")
                continue
            inside = target_path[len(base_path) :]
            if inside.startswith(later):
                continue
            target = site_dir / inside
            if target_path.endswith("/") or target.is_dir():
                if not directory_urls:
                    problems.append(f"{relative}: {link} (a folder, not a file)")
                    continue
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{relative}: {link} (no such file)")
                continue
            fragment = unquote(target_url.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target.resolve()].ids if target.resolve() in pages else set()
                if fragment not in ids:
                    problems.append(f"{relative}: {link} (no element with id '{fragment}')")
    return problems
