"""Helpers for tests: the notice as plain text (for golden files) and HTML parsing."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from notice_site.model.notice import Notice
from notice_site.model.numerals import chinese_numeral

# A fictional notice of seven measures, marked as a test sample (tests/fixtures/).
SAMPLE = Path(__file__).parent / "fixtures" / "sample-notice.txt"

# The editor's part: what the official text cannot give.
SHORT_TITLE = "七条措施（样例）"
TAXONOMY = """themes:
  - slug: duty
    label: 关税征管
    description: 关税政策与征管服务。
    required: true
  - slug: quarantine
    label: 检疫
    description: 进境农产品的检疫监管。
  - slug: transport
    label: 物流运输
    description: 多式联运与物流成本。
  - slug: trust
    label: 企业信用
    description: 信用培育与差别化监管。
  - slug: online
    label: 跨境电商
    description: 跨境电商进出口。
  - slug: service
    label: 惠企服务
    description: 面向企业的服务承诺。

"""
THEMES = {1: "[duty]", 2: "[quarantine]", 3: "[transport]", 4: "[trust]", 5: "[online]"}
THEMES |= {6: "[duty, service]", 7: "[service]"}


def fill_in(data: Path) -> None:
    """What the editor writes by hand in the imported measures.yaml."""
    path = data / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'  short_title: ""[^\n]*\n', f"  short_title: {SHORT_TITLE}\n", text)
    start, end = text.index("\nthemes:\n") + 1, text.index("\nmeasures:\n") + 1
    text = text[:start] + TAXONOMY + text[end:]
    for number, themes in THEMES.items():
        head = text.index(f"  - number: {number}\n")
        at = text.index("    themes: []\n", head)
        text = text[:at] + f"    themes: {themes}\n" + text[at + len("    themes: []\n") :]
    at = text.index("    related: []\n", text.index("  - number: 1\n"))
    text = text[:at] + "    related: [6]\n" + text[at + len("    related: []\n") :]
    path.write_text(text, encoding="utf-8")


SAMPLE_SLUG = "sample-measures"


def sample_notice(target: Path) -> Path:
    """The sample notice as a complete notice folder at `target`: imported from its official
    text, then filled in as an editor does (fill_in)."""
    from notice_site.reading.importer import import_notice

    import_notice(SAMPLE, target, SAMPLE_SLUG, Path(__file__).parents[1] / "data" / "measures.yaml")
    fill_in(target)
    return target


def notice_as_text(notice: Notice, ui: dict[str, str]) -> str:
    """Every piece of text of one edition, one per line, in reading order."""
    d = notice.document
    lines = [
        *(f"{name}: {getattr(d, name)}" for name in d.TEXT),
        *(f"preamble {i}: {p}" for i, p in enumerate(d.preamble, 1)),
        "",
        *(f"theme {t.slug}: {t.label} — {t.description}" for t in notice.themes),
        "",
    ]
    for m in notice.measures:
        lines.append(f"{chinese_numeral(m.number)}、{m.title}")
        lines.extend(f"  {m.number}.{k} {c}" for k, c in enumerate(m.clauses, 1))
    lines.append("")
    lines.extend(f"ui {key}: {value}" for key, value in ui.items())
    return "\n".join(lines) + "\n"


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
    import re

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
    import re

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
