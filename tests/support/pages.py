"""Built pages read back: their elements, the URLs a site publishes, what loads from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class Elements(HTMLParser):
    """Collects start tags with their attributes, and the text inside elements with an id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._open: list[tuple[str, str | None]] = []
        self.text_by_id: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            self._open.append((tag, attributes.get("id")))
            if attributes.get("id"):
                self.text_by_id.setdefault(attributes["id"], "")

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, _ = self._open.pop()
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, element_id in self._open:
            if element_id:
                self.text_by_id[element_id] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def published_urls(site) -> set[str]:
    """Every URL the built site publishes: pages, clause anchors, data files (not assets)."""
    urls: set[str] = set()
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or relative.startswith(("assets/", "search/", "zh-Hant/search/")):
            continue
        if relative.endswith("index.html"):
            page = "/" + relative.removesuffix("index.html")
            urls.add(page)
            if re.fullmatch(r"/(zh-Hant/)?measures/\d+/", page):
                for element_id in Elements(path.read_text(encoding="utf-8")).text_by_id:
                    if re.fullmatch(r"c\d+", element_id):
                        urls.add(f"{page}#{element_id}")
        elif path.suffix in {".json", ".csv", ".xml", ".pdf", ".zip"}:
            urls.add("/" + relative)
    return urls


# Elements that load what their attribute names, and <link> relations that load their href.
LOADING = {
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
LINK_LOADS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "manifest",
    "prefetch",
    "apple-touch-icon",
}


def is_external(url: str) -> bool:
    """True for a URL on another host (any scheme but data:, or protocol-relative)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    return bool(parts.scheme and parts.scheme not in {"data"}) or url.strip().startswith("//")


def loads_from_other_hosts(folder) -> list[str]:
    """What the pages and stylesheets under `folder` would load from another host, as 'file: url'."""
    found: list[str] = []
    for html_file in sorted(folder.rglob("*.html")):
        shown = html_file.relative_to(folder).as_posix()
        for tag, attrs in Elements(html_file.read_text(encoding="utf-8")).tags:
            if tag in LOADING and attrs.get(LOADING[tag]) and is_external(attrs[LOADING[tag]]):
                found.append(f"{shown}: {attrs[LOADING[tag]]}")
            rel = set((attrs.get("rel") or "").split())
            if tag == "link" and rel & LINK_LOADS and is_external(attrs.get("href") or ""):
                found.append(f"{shown}: {attrs['href']}")
            style = attrs.get("style") or ""
            if "url(" in style and "http" in style:
                found.append(f"{shown}: {style}")
    stylesheets = sorted(folder.rglob("*.css"))
    assert stylesheets, folder
    for css in stylesheets:
        text = css.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
            r"@import\s+['\"]([^'\"]+)", text
        ):
            if is_external(url):
                found.append(f"{css.relative_to(folder).as_posix()}: {url}")
    return found
