"""Links staff rely on: the committed URL manifest, and every internal link and anchor."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.notices import NUMBERS
from support.pages import published_urls
from support.project import ROOT

from notice_site.building import linkcheck
from notice_site.building.linkcheck import (
    LINK_ATTRIBUTES,
    SKIP_REL,
    Page,
    check_notices,
    check_site,
    links_leaving,
)

MANIFEST = ROOT / "published-urls.txt"
HEADER = """\
# Every URL the site publishes, relative to the site's URL. Links to these are
# pasted into notices and chats and must keep working for years: a build that
# no longer produces one of them fails the tests. A new URL must be added here.
"""


def read_manifest() -> set[str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_build_publishes_exactly_the_manifest(site: Path) -> None:
    built = published_urls(site)
    if os.environ.get("UPDATE_MANIFEST") == "1":
        MANIFEST.write_text(HEADER + "\n".join(sorted(built)) + "\n", encoding="utf-8")
    manifest = read_manifest()
    missing = sorted(manifest - built)
    assert not missing, f"the build no longer publishes these contract URLs: {missing}"
    new = sorted(built - manifest)
    assert not new, f"new URLs: add them to published-urls.txt: {new}"


def test_manifest_holds_the_contract() -> None:
    manifest = read_manifest()
    for prefix in ("/", "/zh-Hant/"):
        assert f"{prefix}" in manifest
        assert f"{prefix}measures/" in manifest
        assert f"{prefix}measures.json" in manifest
        assert f"{prefix}measures.csv" in manifest
        for n in NUMBERS:
            assert f"{prefix}measures/{n}/" in manifest
            assert f"{prefix}measures/{n}/#c1" in manifest
        for slug in ("tariff", "agriculture", "logistics", "credit"):
            assert f"{prefix}themes/{slug}/" in manifest
    assert "/measures/15/#c6" in manifest
    assert "/measures/15/#c7" not in manifest


def test_link_checker_finds_broken_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "measures" / "2").mkdir(parents=True)
    (tmp_path / "index.html").write_text(
        '<a href="measures/2/#c1">ok</a> <a href="measures/2/#c9">bad anchor</a>'
        ' <a href="measures/3/">missing</a> <a href="https://example.org/">other host</a>'
        ' <link rel="canonical" href="/nowhere/"> <a href="#top">self</a> <p id="top"></p>'
        ' <a href="../../etc/passwd">outside</a>',
        encoding="utf-8",
    )
    (tmp_path / "measures" / "2" / "index.html").write_text(
        '<li id="c1"></li><img src="../../logo.png">', encoding="utf-8"
    )
    expected = [
        "index.html: measures/2/#c9 (no element with id 'c9')",
        "index.html: measures/3/ (no such file)",
        "index.html: ../../etc/passwd (no such file)",
        "measures/2/index.html: ../../logo.png (no such file)",
    ]
    assert check_site(tmp_path) == expected
    # read by two processes (as a large site is), the same findings in the same order
    monkeypatch.setattr(linkcheck, "PARALLEL_FROM", 1)
    assert check_site(tmp_path, workers=2) == expected
    # deployed under a path, a link that climbs above it leaves the site
    assert "index.html: ../../etc/passwd (outside the site)" in check_site(
        tmp_path, "/twenty-measures/"
    )


def write_pages(folder: Path, pages: dict[str, str]) -> None:
    """Each page's text at its path under `folder`."""
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def test_a_library_is_checked_notice_by_notice_then_across(tmp_path: Path) -> None:
    """A notice checked alone (as its builder checks it) keeps the links that leave it; the
    library's check reads its own pages whole and, of each notice, only those links, where
    they lead now: a page or an anchor gone from another notice is found without reading
    the notice that links it again."""
    library = tmp_path / "lib"
    pages = {
        "index.html": '<a href="a/">a</a> <a href="b/measures/1/#c2">b1</a>',
        "a/index.html": '<a href="measures/1/">own</a> <a href="../">library</a>',
        "a/measures/1/index.html": (
            '<p id="c1"></p><a href="../../../b/measures/1/#c1">b1</a>'
            ' <a href="/lib/b/measures/2/">b2</a> <a href="../../#nowhere">own, bad</a>'
        ),
        "b/index.html": '<a href="measures/1/">own</a>',
        "b/measures/1/index.html": '<p id="c1"></p><p id="c2"></p>',
        "b/measures/2/index.html": "<p></p>",
    }
    write_pages(library, pages)
    outward: dict[str, dict[str, str]] = {"a": {}, "b": {}}
    assert check_site(library / "a", "/lib/a/", outward=outward["a"]) == [
        "measures/1/index.html: ../../#nowhere (no element with id 'nowhere')"
    ]
    assert outward["a"] == {
        "/lib/": "index.html",
        "/lib/b/measures/1/#c1": "measures/1/index.html",
        "/lib/b/measures/2/": "measures/1/index.html",
    }
    assert check_site(library / "b", "/lib/b/", outward=outward["b"]) == []
    assert check_notices(library, "/lib/", outward) == []
    # b loses its second provision and an anchor; a is not read again, and is caught
    (library / "b" / "measures" / "2" / "index.html").unlink()
    (library / "b" / "measures" / "1" / "index.html").write_text('<p id="c2"></p>', "utf-8")
    assert check_notices(library, "/lib/", outward) == [
        "a/measures/1/index.html: /lib/b/measures/1/#c1 (no element with id 'c1')",
        "a/measures/1/index.html: /lib/b/measures/2/ (no such file)",
    ]
    # the library's own pages are read whole
    (library / "index.html").write_text('<a href="c/">gone</a>', encoding="utf-8")
    assert "index.html: c/ (no such file)" in check_notices(library, "/lib/", outward)


def test_a_library_s_own_pages_kept_are_checked_by_their_links_into_the_notices(
    tmp_path: Path,
) -> None:
    """The library's own pages, built apart, keep their links into the notices
    (links_leaving); kept for a later build (the same files), they are not read again, and
    a provision or an anchor gone from a notice they link is still found."""
    own, library = tmp_path / "own", tmp_path / "lib"
    pages = {
        "index.html": '<a href="a/">a</a> <a href="themes/">themes</a>',
        "themes/index.html": (
            '<a href="../a/measures/1/#c1">a1</a> <a href="/lib/a/measures/2/">a2</a>'
            ' <a href="../">home</a> <a href="https://example.org/">elsewhere</a>'
        ),
    }
    for folder in (own, library):
        write_pages(folder, pages)
    links = links_leaving(own, "/lib/")
    assert links == {
        "/lib/a/": "index.html",
        "/lib/a/measures/1/#c1": "themes/index.html",
        "/lib/a/measures/2/": "themes/index.html",
    }
    notice = {"index.html": "", "measures/1/index.html": '<p id="c1"></p>'}
    notice["measures/2/index.html"] = ""
    write_pages(library / "a", notice)
    assert check_notices(library, "/lib/", {"a": {}}, own=links) == []
    (library / "a" / "measures" / "2" / "index.html").unlink()
    (library / "a" / "measures" / "1" / "index.html").write_text("<p></p>", "utf-8")
    # an own page broken inside itself is not read again (it was checked when made)
    (library / "index.html").write_text('<a href="c/">gone</a>', encoding="utf-8")
    assert check_notices(library, "/lib/", {"a": {}}, own=links) == [
        "themes/index.html: /lib/a/measures/1/#c1 (no element with id 'c1')",
        "themes/index.html: /lib/a/measures/2/ (no such file)",
    ]


@pytest.mark.slow
def test_strict_build_fails_on_a_broken_template_link(tmp_path: Path) -> None:
    """The link check runs inside `mkdocs build --strict`: a bad link in a template fails it."""
    from support.project import copy_project, run

    project = copy_project(tmp_path / "project")
    template = project / "overrides" / "theme.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('href="{{ tm.overview_href }}"', 'href="../nowhere/"'))
    result = run(["mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")], cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Broken link: themes/tariff/index.html: ../nowhere/ (no such file)" in output
    assert "Aborted with 16 warnings in strict mode!" in output


class _Reference(HTMLParser):
    """What html.parser reads from a page: the ids and links the fast scanner must find."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.feed(text)

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


def test_fast_scanner_reads_pages_as_html_parser_does(small_site: Path) -> None:
    """Every page of a built site (the sample notice's, every kind of page in both scripts)."""
    pages = sorted(small_site.rglob("*.html"))
    names = {p.relative_to(small_site).as_posix() for p in pages}
    kinds = ["index.html", "measures/index.html", "measures/7/index.html", "themes/index.html"]
    kinds += ["themes/duty/index.html", "about/index.html", "404.html"]
    assert {*kinds, *(f"zh-Hant/{kind}" for kind in kinds)} <= names
    for path in pages:
        text = path.read_text(encoding="utf-8")
        fast, reference = Page(text), _Reference(text)
        assert fast.ids == reference.ids, path
        assert sorted(fast.links) == sorted(reference.links), path
    tricky = (
        "<a href='x/?a=1&amp;b=2#c'>x</a><p id=bare>t</p><!-- <a href=\"gone\"> -->"
        '<script>if (a<b) document.write("<a href=no>")</script><img src="i.png" alt="a>b">'
        '<a name="n1"></a><link rel="canonical" href="/c/">'
    )
    fast, reference = Page(tricky), _Reference(tricky)
    assert (fast.ids, sorted(fast.links)) == (reference.ids, sorted(reference.links))


def test_only_links_into_or_out_of_notices_changed_are_looked_up_again(tmp_path: Path) -> None:
    """A library rebuilt after one notice changed: the links between notices left as they
    were published (the files the site was checked with) are not looked up again; those
    into the changed notice, or out of it, are (a provision gone from it is found)."""
    library = tmp_path / "lib"
    pages = {
        "index.html": '<a href="a/">a</a>',
        "a/index.html": '<a href="../b/measures/1/">b1</a> <a href="../c/measures/1/">c1</a>',
        "b/index.html": '<a href="../c/">c</a>',
        "b/measures/1/index.html": "",
        "c/index.html": "",
        "c/measures/1/index.html": "",
    }
    write_pages(library, pages)
    outward = {slug: {} for slug in "abc"}
    for slug in "abc":
        assert check_site(library / slug, f"/lib/{slug}/", outward=outward[slug]) == []
    (library / "b" / "measures" / "1" / "index.html").unlink()  # b changed
    (library / "c" / "measures" / "1" / "index.html").unlink()  # c "as it was": not looked up
    assert check_notices(library, "/lib/", outward, changed={"b"}) == [
        "a/index.html: /lib/b/measures/1/ (no such file)"
    ]
    assert len(check_notices(library, "/lib/", outward)) == 2  # everything looked up
    # c gone from the site: a link into it is looked up, and found broken
    assert "a/index.html: /lib/c/measures/1/ (no such file)" in check_notices(
        library, "/lib/", outward, changed={"b", "c"}
    )


@pytest.mark.parametrize(
    "target",
    [
        "/lib/sample/measures/1/",
        "/lib/sample#top",
        "/lib/sample?q=1",
        "/lib/",
        "/lib/feed.xml",
        "/lib/zh-Hant/years/2024/#row",
        "/lib/%73ample/",
        "/lib/sample/../other/page/",
        "/lib/./sample/",
        "/lib/.",
        "/elsewhere/sample/",
        "/lib",
    ],
)
def test_the_top_folder_a_kept_link_leads_into_is_where_it_resolves(target: str) -> None:
    """check_notices asks, of each link kept as leaving a notice, which top folder it leads
    into: the quick answer (linkcheck._top) is the one the resolution gives."""
    resolved = (linkcheck._inside("/lib/", "", target) or "").partition("/")[0]
    assert linkcheck._top("/lib/", target) == resolved
