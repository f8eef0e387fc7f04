"""The site file (site.yaml): a site of one notice is that notice's own site, checked and
built exactly as the notice alone; a site of several notices is checked as a set (one slug
each, successors and predecessors in the site, one label per theme slug)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from support.commands import in_process
from support.notices import SAMPLE_SLUG, sample_notice
from support.project import ROOT

from notice_site.folder.site_file import load_site


def write_site(folder: Path, *notices: str, name: str = "样例政策文件库") -> Path:
    path = folder / "site.yaml"
    listed = "".join(f"  - {n}\n" for n in notices)
    path.write_text(
        f"name: {name}\nowner: 样例海关\nidentity: {{}}\nnotices:\n{listed}", encoding="utf-8"
    )
    return path


def test_the_default_site_is_the_first_notice_alone() -> None:
    """site.yaml lists data alone: `check` with no folder checks it, as `check data` does."""
    site = load_site(ROOT / "site.yaml")
    assert site.single == ROOT / "data"
    for args in (["check"], ["check", "--site", "site.yaml"], ["check", "data"]):
        result = in_process(args, ROOT)
        assert (result.returncode, result.stdout, result.stderr) == (
            0,
            "data/measures.yaml: ok, 20 measures\n",
            "",
        ), args


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A folder holding the first notice and the sample notice, and a site file of both."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    sample_notice(tmp_path / "notices" / "sample")
    write_site(tmp_path, "data", "notices/sample")
    return tmp_path


def test_a_site_of_two_notices_is_checked_as_a_set(library: Path) -> None:
    result = in_process(["check", "--site", "site.yaml"], library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "data/measures.yaml: ok, 20 measures",
        "notices/sample/measures.yaml: ok, 7 measures",
        "site.yaml: ok, 2 notices",
    ]


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` everywhere in the file at `path`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("case", "change", "message"),
    [
        (
            "same slug",
            ("notices/sample/measures.yaml", f"slug: {SAMPLE_SLUG}", "slug: twenty-measures"),
            "error: site.yaml: notices: notices/sample and data have the same slug "
            "'twenty-measures': each notice's pages are under /<slug>/",
        ),
        (
            "successor not in the site",
            (
                "data/measures.yaml",
                "  slug: twenty-measures\n",
                "  slug: twenty-measures\n  status: replaced\n  replaced_by: later-measures\n",
            ),
            "error: data/measures.yaml: document, replaced_by: 'later-measures' is no notice "
            f"of this site (site.yaml: {SAMPLE_SLUG}, twenty-measures)",
        ),
        (
            "one theme slug, two labels",
            # the sample's theme duty renamed tariff, the first notice's slug for 关税
            ("notices/sample/measures.yaml", "duty", "tariff"),
            "error: notices/sample/measures.yaml: theme tariff: labelled '关税征管' here and "
            "'关税' in data/measures.yaml: a theme is shared across the site by its slug, "
            "with one label",
        ),
        (
            "a folder with no notice",
            ("site.yaml", "  - notices/sample\n", "  - notices/none\n"),
            "error: site.yaml:6: notices, item 2: notices/none: no measures.yaml there (a "
            "notice folder holds one)",
        ),
        (
            "a notice listed twice",
            ("site.yaml", "  - notices/sample\n", "  - data\n"),
            "error: site.yaml:6: notices, item 2: data is listed twice",
        ),
        (
            "no notices",
            ("site.yaml", "notices:\n  - data\n  - notices/sample\n", "notices: []\n"),
            "error: site.yaml:4: notices: is an empty list",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and " " in value else None,
)
def test_a_mistake_in_the_set_gets_one_message(
    library: Path, case: str, change: tuple[str, str, str], message: str
) -> None:
    file, old, new = change
    edit(library / file, old, new)
    result = in_process(["check", "--site", "site.yaml"], library)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == message, case
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_readme_checks_the_site_file_as_written() -> None:
    from support.project import readme_block, shell

    (line,) = readme_block("The site file")
    result = shell(line, ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("data/measures.yaml: ok, 20 measures")


@pytest.fixture(scope="module")
def succession(tmp_path_factory) -> dict:
    """A copy of the project whose site holds the first notice and the sample notice, the
    sample replaced by the first: each built alone for its place in the library
    (<site>/<slug>/), in process, with the real mkdocs.yml."""
    from support.commands import mkdocs_build_in_process
    from support.project import copy_project

    base = tmp_path_factory.mktemp("succession")
    project = copy_project(base / "project")
    sample = sample_notice(project / "notices" / "sample")
    edit(
        sample / "measures.yaml",
        f"  slug: {SAMPLE_SLUG}\n",
        f"  slug: {SAMPLE_SLUG}\n  status: replaced\n  replaced_by: twenty-measures\n",
    )
    edit(
        project / "data" / "measures.yaml",
        "  slug: twenty-measures\n",
        f"  slug: twenty-measures\n  replaces: [{SAMPLE_SLUG}]\n",
    )
    write_site(project, "data", "notices/sample")
    root = "https://example.org/library/"
    built = {}
    for slug, folder in ((SAMPLE_SLUG, "notices/sample"), ("twenty-measures", "data")):
        out = base / slug
        mkdocs_build_in_process(project, out, SITE_URL=f"{root}{slug}/", NOTICE_DATA=folder)
        built[slug] = out
    return {"project": project, "root": root, "built": built}


def test_every_page_of_a_replaced_notice_says_so_and_links_its_successor(succession) -> None:
    import re

    root, site = succession["root"], succession["built"][SAMPLE_SLUG]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        traditional = page.relative_to(site).parts[0] == "zh-Hant"
        successor = f"{root}twenty-measures/{'zh-Hant/' if traditional else ''}"
        banner = re.search(
            r'<p class="tm-standing tm-standing--replaced" role="note">(.*?)</p>', html
        )
        assert banner, page
        assert ("已被替代" in banner.group(1)) and f'href="{successor}"' in banner.group(1), page
        title = "海口海關" if traditional else "海口海关"
        assert title in banner.group(1), page


def test_the_successor_links_back_and_a_notice_in_force_has_no_banner(succession) -> None:
    root, site = succession["root"], succession["built"]["twenty-measures"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="tm-replaces">本文件替代：' in home
    assert f'href="{root}{SAMPLE_SLUG}/"' in home
    assert f'href="{root}{SAMPLE_SLUG}/zh-Hant/"' in (site / "zh-Hant" / "index.html").read_text(
        encoding="utf-8"
    )
    assert not any("tm-standing" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_every_pdf_page_of_a_replaced_notice_says_so(succession) -> None:
    import io

    import pypdf
    from support.commands import inside

    from notice_site.render.pdf import Job, render_job
    from notice_site.render.site import load_editions
    from notice_site.settings import Settings

    project = succession["project"]
    site_url = f"{succession['root']}{SAMPLE_SLUG}/"
    with inside(project):
        site = Settings.read(project, {}).load_site()
        editions = load_editions(project / "notices" / "sample", project, site=site)
    for language in editions:
        pdf = pypdf.PdfReader(
            io.BytesIO(render_job(Job(language, "3"), editions[language], site_url))
        )
        label = "已被替代"
        assert all(label in page.extract_text() for page in pdf.pages), language
        links = [
            a["/A"]["/URI"]
            for page in pdf.pages
            for a in (x.get_object() for x in page.get("/Annots", []))
            if "/A" in a and "/URI" in a["/A"]
        ]
        assert any(url.startswith(f"{succession['root']}twenty-measures/") for url in links)


@pytest.fixture(scope="module")
def built_library(deployed_library) -> dict:
    """The library the deployment tests built (tests below read its site/)."""
    return deployed_library


def test_a_notice_shows_one_date_and_the_owner_speaks_each_script(built_library) -> None:
    """The sample notice was signed on 2099-01-02 and published on 2099-01-05: the library's
    list, its feed and the notice's PubDate tag give one date (Document.when); the
    library's Traditional pages name its owner in Traditional."""
    site = built_library["site"]
    home = (site / "index.html").read_text(encoding="utf-8")
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    own = (site / SAMPLE_SLUG / "index.html").read_text(encoding="utf-8")
    assert "<td>2099-01-05</td>" in home and "2099-01-02" not in home
    assert "<updated>2099-01-05T00:00:00Z</updated>" in feed and "2099-01-02" not in feed
    assert '<meta name="PubDate" content="2099-01-05">' in own
    for page in ("index.html", "themes/index.html"):
        traditional = (site / "zh-Hant" / page).read_text(encoding="utf-8")
        assert "本站由樣例海關主辦。" in traditional, page
        assert "样例海关" not in traditional, page


@pytest.mark.slow
def test_a_library_holds_each_notice_under_its_slug_with_every_url_it_had(
    built_library, site: Path
) -> None:
    """Every URL the first notice publishes alone (its pages, sentences, data, PDFs) is
    published under /twenty-measures/; the library's home pages list both notices."""
    from support.pages import Elements, published_urls

    library = built_library["site"]
    alone = published_urls(site)
    inside = published_urls(library / "twenty-measures")
    assert alone <= inside, sorted(alone - inside)[:10]
    for language, prefix in (("zh-Hans", ""), ("zh-Hant", "zh-Hant/")):
        home = (library / prefix / "index.html").read_text(encoding="utf-8")
        rows = [a for a in Elements(home).find("tr") if "tm-index__row" in (a.get("class") or "")]
        assert [r["id"] for r in rows] == ["twenty-measures", SAMPLE_SLUG], language
        assert "status-replaced" in rows[1]["data-themes"]
        assert f'href="{"../" if prefix else ""}twenty-measures/{prefix}"' in home
        # each notice's offline copy, from its own downloads
        zip_link = f"{'../' if prefix else ''}twenty-measures/downloads/twenty-measures-offline.zip"
        assert f'href="{zip_link}"' in home
    assert "a library of 2 notices" in built_library["stdout"]


@pytest.mark.slow
def test_a_library_home_filters_by_status_in_chromium(built_library, browser) -> None:
    page = browser.new_page()
    page.goto((built_library["site"] / "index.html").as_uri())
    page.get_by_role("button", name=re.compile("已被替代")).click()
    assert page.locator("tr.tm-index__row:visible").count() == 1
    assert page.locator(f"tr#{SAMPLE_SLUG}").is_visible()
    page.close()


@pytest.mark.slow
def test_a_library_has_its_feed_and_its_list_of_notices(built_library) -> None:
    """/feed.xml (Atom): one entry per notice, newest first, announced in every page's head;
    /notices.json: each notice's metadata and links to its own JSON and CSV."""
    import xml.etree.ElementTree as ET

    library = built_library["site"]
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(library / "feed.xml").getroot()  # noqa: S314 (our own build's file)
    entries = feed.findall(f"{atom}entry")
    base = built_library["base"]
    assert [e.find(f"{atom}id").text for e in entries] == [
        f"{base}{SAMPLE_SLUG}/",  # dated 2099-01-02
        f"{base}twenty-measures/",  # no date: last
    ]
    assert "已被替代" in entries[0].find(f"{atom}summary").text
    link = '<link rel="alternate" type="application/atom+xml"'
    pages = [library / "index.html", library / "twenty-measures" / "measures" / "13" / "index.html"]
    pages += [library / SAMPLE_SLUG / "zh-Hant" / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert link in html and f'href="{base}feed.xml"' in html, page
    data = json.loads((library / "notices.json").read_text(encoding="utf-8"))
    assert [n["slug"] for n in data["notices"]] == ["twenty-measures", SAMPLE_SLUG]
    assert data["notices"][1]["replaced_by"] == "twenty-measures"
    for notice in data["notices"]:
        for key in ("json", "csv"):
            path = notice[key].removeprefix(base)
            assert (library / path).is_file(), notice[key]


@pytest.mark.slow
def test_a_library_links_a_page_per_year_and_issuer_and_indexes_its_sitemaps(
    built_library,
) -> None:
    """The home page links, with no script, each year's page (the sample's 2099, the first
    notice's undated) and each issuer's, in each script, each listing its notices (the
    build's link check followed every link); /sitemap.xml is a sitemap index of the
    library's own sitemap and each notice's, every one of them published."""
    import gzip
    import xml.etree.ElementTree as ET

    from support.pages import Elements

    library, base = built_library["site"], built_library["base"]
    for prefix in ("", "zh-Hant/"):
        home = (library / prefix / "index.html").read_text(encoding="utf-8")
        links = [a["href"] for a in Elements(home).find("a") if a.get("href")]
        issuers = [href for href in links if href.startswith("issuers/")]
        assert [h for h in links if h.startswith("years/")] == ["years/2099/", "years/undated/"]
        assert len(issuers) == 2, issuers
        for path, slugs in (
            ("years/2099/", [SAMPLE_SLUG]),
            ("years/undated/", ["twenty-measures"]),
        ):
            page = (library / prefix / path / "index.html").read_text(encoding="utf-8")
            rows = [
                r for r in Elements(page).find("tr") if "tm-index__row" in (r.get("class") or "")
            ]
            assert [r["id"] for r in rows] == slugs, (prefix, path)
            up = "../" * (2 + bool(prefix))
            assert f'href="{up}{slugs[0]}/{prefix}"' in page
        for href in issuers:
            folder = library / prefix / unquote(href)
            assert (folder / "index.html").is_file(), href
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.parse(library / "sitemap.xml").getroot()  # noqa: S314 (our own build's file)
    locs = [s.findtext(f"{ns}loc") for s in index.findall(f"{ns}sitemap")]
    assert locs == [
        f"{base}sitemap-library.xml",
        f"{base}twenty-measures/sitemap.xml",
        f"{base}{SAMPLE_SLUG}/sitemap.xml",
    ]
    for loc in locs:
        path = library / loc.removeprefix(base)
        ET.parse(path)  # noqa: S314 (our own build's file)
        assert gzip.decompress(path.with_name(f"{path.name}.gz").read_bytes()) == path.read_bytes()
    own = (library / "sitemap-library.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}years/2099/</loc>" in own and f"<loc>{base}zh-Hant/</loc>" in own


@pytest.mark.slow
def test_the_library_search_holds_every_notice_those_in_force_first(built_library) -> None:
    from notice_site.render.shards import read_docs

    library = built_library["site"]
    for prefix in ("", "zh-Hant/"):
        # in many small files (render/shards.py): every document, in the order they are listed
        index = {"docs": read_docs(library / prefix / "search")}
        locations = [d["location"] for d in index["docs"]]
        up = "../" if prefix else ""
        assert f"{up}twenty-measures/{prefix}measures/13/#c2" in locations
        sample = [k for k, loc in enumerate(locations) if SAMPLE_SLUG in loc]
        first = [k for k, loc in enumerate(locations) if "twenty-measures" in loc]
        assert sample and min(sample) > max(first)  # no longer in force: after
        page = index["docs"][sample[1]]
        assert page["title"].endswith("（不再有效）"), page["title"]
        # the pages it names exist
        for location in {loc.split("#")[0] for loc in locations}:
            target = (library / prefix / location).resolve()
            assert (target / "index.html").is_file(), location


@pytest.mark.slow
def test_a_theme_page_lists_every_notice_those_no_longer_in_force_apart(built_library) -> None:
    from support.pages import Elements

    library = built_library["site"]
    html = (library / "themes" / "tariff" / "index.html").read_text(encoding="utf-8")
    page = Elements(html)
    links = [a["href"] for a in page.find("a") if a.get("href")]
    assert "../../twenty-measures/measures/1/" in links
    assert f"../../{SAMPLE_SLUG}/measures/1/" in links
    assert html.index("twenty-measures/measures/1/") < html.index("不再有效")
    assert html.index("不再有效") < html.index(f"{SAMPLE_SLUG}/measures/1/")
    assert (library / "zh-Hant" / "themes" / "tariff" / "index.html").is_file()
    overview = (library / "themes" / "index.html").read_text(encoding="utf-8")
    assert 'href="tariff/"' in overview


@pytest.fixture(scope="module")
def deployed_library(tmp_path_factory) -> dict:
    """The library (the first notice, once at the site's root, and the sample notice) built
    and copied by the README's lines for http://127.0.0.1:<port>/, served by nginx with
    deploy/nginx-library.conf."""
    from support.project import copy_project, readme_block, shell
    from support.serving import free_port, run_nginx

    tmp = tmp_path_factory.mktemp("nginx-library")
    project = copy_project(tmp / "project")
    sample = sample_notice(project / "notices" / "sample")
    # the sample is replaced by the first notice, and shares its theme tariff (关税)
    edit(
        sample / "measures.yaml",
        f"  slug: {SAMPLE_SLUG}\n",
        f"  slug: {SAMPLE_SLUG}\n  status: replaced\n  replaced_by: twenty-measures\n"
        "  date: 2099-01-02\n  published: 2099-01-05\n",
    )
    edit(sample / "measures.yaml", "duty", "tariff")
    edit(sample / "measures.yaml", "label: 关税征管", "label: 关税")
    edit(
        project / "data" / "measures.yaml",
        "  slug: twenty-measures\n",
        f"  slug: twenty-measures\n  replaces: [{SAMPLE_SLUG}]\n",
    )
    site = write_site(project, "data", "notices/sample")
    site.rename(project / "library.yaml")
    with (project / "library.yaml").open("a", encoding="utf-8") as f:
        f.write("was_at_root: twenty-measures\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    www = tmp / "www"
    stdout = ""
    lines = readme_block("Publishing a library")
    assert lines == [
        "SITE_URL=https://www.example.gov.cn/ make site SITE=library.yaml",
        "rsync -a --delete site/ /srv/www/library/",
    ]
    for line in lines:
        line = line.replace("https://www.example.gov.cn/", base)
        line = line.replace("/srv/www/library/", f"{www}/")
        www.mkdir(exist_ok=True)
        result = shell(line, project)
        assert result.returncode == 0, f"{line}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        stdout = stdout if "rsync" in line else result.stdout
    server = (ROOT / "deploy" / "nginx-library.conf").read_text(encoding="utf-8")
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("root /srv/www/library;", f"root {www};"),
        ("include /srv/www/library/redirects.map;", f"include {www}/redirects.map;"),
    ):
        assert old in server, old
        server = server.replace(old, new)
    process = run_nginx(tmp, server, port)
    yield {
        "base": base,
        "www": www,
        "project": project,
        "site": project / "site",
        "stdout": stdout,
    }
    process.terminate()
    process.wait(timeout=300)


def answer(url: str) -> tuple[int, dict[str, str], bytes]:
    """The response to `url` as it comes: a redirect is not followed."""
    import urllib.error
    import urllib.request

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(Stay)
    try:
        with opener.open(url, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.mark.slow
def test_every_url_the_root_published_leads_to_its_new_place(deployed_library) -> None:
    """Every URL of published-urls.txt (the first notice at the root) answers 301 with the
    same path under /twenty-measures/, except those the library serves itself (its home,
    its themes), and the new place answers 200."""
    base = deployed_library["base"]
    lines = (ROOT / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    listed = [line.strip() for line in lines if line.startswith("/")]
    www = deployed_library["www"]

    def the_librarys(url: str) -> bool:
        # a file of the library's own at that path (a page that is no redirect page)
        path = www / url.lstrip("/")
        path = path / "index.html" if url.endswith("/") else path
        return path.is_file() and b'http-equiv="refresh"' not in path.read_bytes()

    urls = {u.split("#")[0] for u in listed}
    own = {u for u in urls if the_librarys(u)}
    # the library's home pages, themes and sitemap, and the schema every notice shares
    shared = ("/", "/zh-Hant/", "/measures.schema.json", "/sitemap.xml")
    assert all(u in shared or "/themes/" in u for u in own), own
    pages = urls - own
    assert len(pages) > 50
    for path in sorted(pages):
        status, headers, _ = answer(base + path.lstrip("/"))
        assert status == 301, path
        assert headers["Location"].endswith(f"/twenty-measures{path}"), (path, headers)
        assert answer(base + f"twenty-measures{path}")[0] == 200, path
    for path in sorted(own):
        assert answer(base + path.lstrip("/"))[0] == 200, path
    # what nginx should not show, and the right 404 in each place
    assert answer(base + "redirects.map")[0] == 404
    for path, page in [
        ("twenty-measures/zh-Hant/measures/99/", "twenty-measures/zh-Hant/404.html"),
        ("twenty-measures/measures/99/", "twenty-measures/404.html"),
        ("zh-Hant/nothing/", "zh-Hant/404.html"),
        ("nothing/", "404.html"),
    ]:
        status, headers, body = answer(base + path)
        assert status == 404, path
        assert body == (deployed_library["www"] / page).read_bytes(), path
        assert "Content-Security-Policy" in headers


@pytest.mark.slow
def test_a_moved_page_keeps_the_sentence_without_nginx(deployed_library, browser) -> None:
    """On a host without the configuration, the page left at the old path leads to the new
    one, its anchor kept (the redirect script; without it, the meta refresh)."""
    from support.serving import serving

    www = deployed_library["www"]
    with serving(www) as base:
        # the pages were built for the nginx port: the canonical link names it; served here,
        # the relative meta refresh and link lead within this server
        html = (www / "measures" / "13" / "index.html").read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' in html and 'rel="canonical"' in html
        assert 'href="../../twenty-measures/measures/13/"' in html
        page = browser.new_page(java_script_enabled=False)
        page.goto(f"{base}/measures/13/#c2")
        page.wait_for_url(re.compile(r"/twenty-measures/measures/13/"))
        page.close()
    # with JavaScript, against nginx: the anchor is kept (the canonical URL is nginx's)
    page = browser.new_page()
    page.goto(deployed_library["base"] + "measures/13/index.html#c2")
    page.wait_for_url(re.compile(r"/twenty-measures/measures/13/#c2$"))
    page.close()


@pytest.mark.slow
def test_a_library_rebuild_reuses_each_unchanged_notice(built_library) -> None:
    """Built again unchanged: every notice's output is reused, and the site is the same;
    after one notice is edited, only that one is built again."""
    import subprocess

    from support.project import MAKE_SITE, snapshot

    project, site = built_library["project"], built_library["site"]
    before = snapshot(site)
    env = {**os.environ, "SITE_URL": built_library["base"]}

    def rebuild() -> str:
        result = subprocess.run(
            [*MAKE_SITE, "SITE=library.yaml"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout

    out = rebuild()
    for slug in ("twenty-measures", SAMPLE_SLUG):
        assert f"{slug}: unchanged since the last build, its output reused" in out
    assert "the library's own pages unchanged: those kept put back" in out
    assert snapshot(site) == before
    # the files of the library's search index, each with its inode (its file on disk)
    index = {p: p.stat().st_ino for p in site.glob("**/search/[pf]/**/*.json")}
    edit(project / "notices" / "sample" / "measures.yaml", "支持港口", "支持各港口")
    out = rebuild()
    assert "twenty-measures: unchanged since the last build, its output reused" in out
    assert f"{SAMPLE_SLUG}: unchanged" not in out
    # a sentence no page of the library's own lists: those pages put back, not built
    assert "the library's own pages unchanged: those kept put back" in out
    # a file of the index the edit left the same is the published one, linked (not
    # written again); those the edit changed are new files
    same = {
        p for p in index if p.is_file() and p.read_bytes() == before[p.relative_to(site).as_posix()]
    }
    assert same and len(same) < len(index)
    assert [p for p in same if p.stat().st_ino != index[p]] == []
    page = (site / SAMPLE_SLUG / "measures" / "3" / "index.html").read_text(encoding="utf-8")
    assert "支持各港口" in page
    # the notices read are kept for the next build, the edited one's earlier reading not
    assert len(list((project / ".cache" / "notices").glob("*.pickle"))) == 2
    # what the rebuild made is, byte for byte, what a build with nothing kept makes
    incremental = snapshot(site)
    shutil.rmtree(project / ".cache" / "library")
    out = rebuild()
    assert "unchanged since the last build" not in out
    cold = snapshot(site)
    assert sorted(cold) == sorted(incremental)
    assert [name for name in cold if cold[name] != incremental[name]] == []


@pytest.mark.slow
def test_the_library_search_finds_every_notice_in_chromium(deployed_library, browser) -> None:
    """零关税 typed in the library's search box finds sentences of both notices: the notice
    in force first, then the one it replaced."""
    from support.browser import run_query

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(deployed_library["base"], wait_until="networkidle")
    pages = [result["page"] for result in run_query(tab, "零关税")]
    context.close()
    first = [k for k, url in enumerate(pages) if "/twenty-measures/" in url]
    replaced = [k for k, url in enumerate(pages) if f"/{SAMPLE_SLUG}/" in url]
    assert first and replaced, pages
    assert max(first) < min(replaced), pages


@pytest.mark.slow
def test_the_library_search_fetches_a_few_files_and_filters(deployed_library, browser) -> None:
    """The library's index is in many small files (render/shards.py): a first query fetches
    the entry, a few postings and the text of the results shown, never the whole index. A
    word of both notices that no query of test_search.py holds (多式联运) is found in both,
    from either script; a filter written in the query (状态:, 机关:, 年份:), or chosen in
    the home page's form, keeps only the notices it names."""
    from support.browser import run_query

    base, site = deployed_library["base"], deployed_library["site"]
    listed = json.loads((site / "notices.json").read_text(encoding="utf-8"))["notices"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))

    def notices(results: list[dict]) -> set[str]:
        return {n["slug"] for n in listed for r in results if f"/{n['slug']}/" in r["page"]}

    for prefix, query in (("", "多式联运"), ("zh-Hant/", "多式聯運"), ("zh-Hant/", "多式联运")):
        tab.goto(f"{base}{prefix}", wait_until="networkidle")
        requests.clear()
        results = run_query(tab, query)
        assert notices(results) == {"twenty-measures", SAMPLE_SLUG}, (query, results)
        index = f"{base}{prefix}search/"
        postings = [u for u in requests if u.startswith(f"{index}p/")]
        fragments = [u for u in requests if u.startswith(f"{index}f/")]
        # one shard per pair of characters (3 here) at most, one fragment per result page
        # and block of 32 documents: a bounded set, whatever the library's size
        assert 1 <= len(postings) <= 3, postings
        assert 1 <= len(fragments) <= 2 * len(results), fragments
        assert f"{index}search_index.json" not in requests  # the page's load fetched it
        assert [u for u in requests if "search" in u and u not in postings + fragments] == []
        # the postings of a word are a few of the index's shards, not all of them (what a
        # first query downloads at 1,000 notices is bench/library.py's to measure)
        shards = sum(1 for _ in (site / prefix / "search" / "p").glob("*.json"))
        assert len(postings) <= shards / 5, (postings, shards)

    tab.goto(base, wait_until="networkidle")
    everywhere = run_query(tab, "零关税")
    assert notices(everywhere) == {"twenty-measures", SAMPLE_SLUG}
    for query, expected in (
        ("零关税 状态:现行有效", {"twenty-measures"}),
        ("零关税 状态:已被替代", {SAMPLE_SLUG}),
        ("零关税 年份:2099", {SAMPLE_SLUG}),
        ("零关税 状态:已废止", set()),
        (
            f"零关税 机关:{listed[0]['issuer']}",
            {n["slug"] for n in listed if n["issuer"] == listed[0]["issuer"]},
        ),
    ):
        assert notices(run_query(tab, query)) == expected, query
    tab.goto(f"{base}zh-Hant/", wait_until="networkidle")
    assert notices(run_query(tab, "零關稅 狀態:已被替代")) == {SAMPLE_SLUG}

    # the home page's form writes the filter and opens the search box with it
    tab.goto(f"{base}zh-Hant/", wait_until="networkidle")
    form = tab.locator("form.tm-library-search")
    form.locator("input[name=q]").fill("零關稅")
    form.get_by_label("依狀態篩選：").select_option("現行有效")
    form.locator("button[type=submit]").click()
    tab.wait_for_url(re.compile(r".*[?&]q="))
    box = tab.locator("input.md-search__input")
    tab.wait_for_function("() => document.querySelectorAll('li.md-search-result__item').length")
    assert box.input_value() == "零關稅 狀態:現行有效"
    shown = tab.evaluate(
        "() => [...document.querySelectorAll('li.md-search-result__item > a')].map(a => a.href)"
    )
    assert notices([{"page": url} for url in shown]) == {"twenty-measures"}
    context.close()


def test_one_notice_of_a_library_is_chosen_with_data(library: Path) -> None:
    """Where the site file holds several notices, what builds or previews one notice asks
    which (DATA=<folder>) instead of taking one silently."""
    from support.commands import inside

    from notice_site.errors import DataError
    from notice_site.settings import Settings

    with inside(library), pytest.raises(DataError) as caught:
        Settings.read(library, {"NOTICE_SITE": "site.yaml", "NOTICE_DATA": ""}).notice_dir()
    assert str(caught.value) == (
        "site.yaml: notices: holds 2 notices, a library: build it with `make site "
        "SITE=site.yaml`; `DATA=<folder>` previews or builds one notice alone"
    )
    settings = Settings.read(library, {"NOTICE_SITE": "site.yaml", "NOTICE_DATA": "notices/sample"})
    assert settings.notice_dir() == library.resolve() / "notices" / "sample"


@pytest.mark.slow
def test_a_measure_page_offers_measures_of_other_notices_sharing_a_theme(
    built_library, site: Path
) -> None:
    """In a library, a measure's page lists the measures of the other notices with one of
    its themes (the one in force first); a notice built alone has no such list."""
    from support.pages import Elements

    library, base = built_library["site"], built_library["base"]
    first = (library / "twenty-measures" / "measures" / "1" / "index.html").read_text("utf-8")
    assert 'class="tm-related tm-related--elsewhere"' in first
    links = [a["href"] for a in Elements(first).find("a") if a.get("href")]
    assert f"{base}{SAMPLE_SLUG}/measures/1/" in links  # its tariff measure
    sample = (library / SAMPLE_SLUG / "zh-Hant" / "measures" / "1" / "index.html").read_text(
        "utf-8"
    )
    assert f'href="{base}twenty-measures/zh-Hant/measures/1/"' in sample
    alone = (site / "measures" / "1" / "index.html").read_text(encoding="utf-8")
    assert "tm-related--elsewhere" not in alone


@pytest.mark.slow
def test_make_serve_previews_a_library_as_the_readme_says(built_library) -> None:
    """`make serve SITE=library.yaml`, as the README writes it: the library's home page
    at http://127.0.0.1:8000/, listing both notices."""
    from support.serving import serve_once

    line = "make serve SITE=library.yaml"
    assert f"`{line}`" in " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    home = serve_once(line, built_library["project"], {})
    assert 'id="twenty-measures"' in home and f'id="{SAMPLE_SLUG}"' in home


@pytest.mark.slow
def test_every_page_of_a_library_names_the_site_owner(built_library) -> None:
    """The library's site file names the owner (样例海关): its own pages and each notice's
    pages show it in the footer, and carry the library's name as SiteName."""
    library = built_library["site"]
    for path in (
        "index.html",
        "zh-Hant/themes/index.html",
        "twenty-measures/measures/13/index.html",
        f"{SAMPLE_SLUG}/zh-Hant/index.html",
    ):
        html = (library / path).read_text(encoding="utf-8")
        owner = "主辦單位：樣例海關" if "zh-Hant" in path else "主办单位：样例海关"
        assert owner in html, path
        name = "樣例政策文件庫" if "zh-Hant" in path else "样例政策文件库"
        assert f'<meta name="SiteName" content="{name}">' in html, path
