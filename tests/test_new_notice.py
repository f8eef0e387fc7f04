"""A second notice, from its official text to a published site, by the README's own commands.

The commands of the README's "Publish a new notice" are run exactly as written,
in a copy of the project, with the variable they name ($OFFICIAL_TEXT) set to
tests/fixtures/sample-notice.txt: a fictional notice of seven measures, with
its own title, issuer, number, slug and themes. Between the first and second
`make check` the test does what the editor does (short title, themes). Then
the built site is read: pages in both scripts, themes, index, search, the
PDFs named after its slug, the offline zip; nothing of it names the first
notice or counts its twenty measures. Counts come from the sample's data.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest
from support.browser import run_query
from support.notices import SAMPLE, SHORT_TITLE, fill_in
from support.project import ROOT, copy_project, readme_block, shell
from support.serving import serve_once, serving

from notice_site.model.languages import LANGUAGES
from notice_site.model.urls import booklet_filename, measure_filename, offline_zip_filename
from notice_site.render.site import load_editions

PREFIX = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
# What a page or PDF of another notice must never say: the first notice's names and its count.
FOREIGN = (
    "海口",
    "海南",
    "琼关",
    "瓊關",
    "二十条",
    "二十條",
    "共 20 条",
    "共 20 條",
    "1–20",
    "twenty-measures",
    "Haikou",
)


def readme_commands() -> list[str]:
    """The command lines of the README's "Publish a new notice" block, in order."""
    return readme_block("Publish a new notice")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict:
    """The README's steps, run in a fresh copy of the project; what each printed."""
    project = copy_project(tmp_path_factory.mktemp("new-notice") / "project")
    env = {"OFFICIAL_TEXT": str(SAMPLE)}
    seen: dict = {"project": project, "checks": [], "served": None, "site": None}
    for line in readme_commands():
        if line.startswith("make serve"):
            seen["served"] = serve_once(line, project, env)
            continue
        result = shell(line, project, **env)
        if line.startswith("make check") and not seen["checks"]:
            seen["checks"].append(result)
            assert result.returncode == 2, result.stdout + result.stderr
            data = re.search(r"DATA=(\S+)", line)
            assert data
            seen["data"] = project / data.group(1)
            fill_in(seen["data"])
            continue
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
        if line.startswith("make import"):
            seen["import"] = result
            seen["slug"] = re.search(r"SLUG=(\S+)", line).group(1)
        elif line.startswith("make check"):
            seen["checks"].append(result)
        elif "make site" in line:
            seen["site"] = result
            seen["site_url"] = re.search(r"SITE_URL=(\S+)", line).group(1)
    assert seen["site"] is not None, "the README's steps build no site"
    seen["editions"] = load_editions(seen["data"])
    return seen


def test_the_import_says_what_to_do_next(published) -> None:
    assert "imported 7 measures" in published["import"].stdout
    source = published["data"] / "source" / SAMPLE.name
    assert source.read_bytes() == SAMPLE.read_bytes()


def test_check_names_what_the_editor_must_fill_in(published) -> None:
    first, last = published["checks"]
    errors = first.stderr.splitlines()
    editions = load_editions(ROOT / "data")
    choices = ", ".join(f"{t.slug} ({t.label})" for t in editions["zh-Hans"].notice.themes)
    for number in range(1, 8):
        assert any(
            f"measure {number}, themes: no theme yet; choose from: {choices}" in e for e in errors
        ), first.stderr
    assert any("document, short_title: is empty" in e for e in errors)
    assert any("theme 1 (tariff), description: is empty" in e for e in errors)
    assert "notices/next/measures.yaml: ok, 7 measures" in last.stdout.splitlines()


def test_the_build_warns_only_without_an_address(published) -> None:
    assert "SITE_URL is not set" not in published["site"].stdout + published["site"].stderr
    assert f"7 measures, 16 PDFs, for {published['site_url']}" in published["site"].stdout


def test_serve_shows_the_new_notice(published) -> None:
    assert f"<title>{SHORT_TITLE} - {SHORT_TITLE}</title>" in published["served"]


def site_of(published) -> Path:
    return published["project"] / "site"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_in_both_scripts(published, language: str) -> None:
    site = site_of(published)
    edition = published["editions"][language]
    notice = edition.notice
    prefix = site / PREFIX[language]
    count = len(notice.measures)
    for m in notice.measures:
        html = (prefix / "measures" / str(m.number) / "index.html").read_text(encoding="utf-8")
        for k, clause in enumerate(m.clauses, 1):
            assert f'id="c{k}"' in html and clause in html
    assert not (prefix / "measures" / str(count + 1)).exists()
    home = (prefix / "index.html").read_text(encoding="utf-8")
    title = notice.document.short_title
    assert f"<title>{title} - {title}</title>" in home
    assert notice.document.title in home
    for t in notice.themes:
        page = (prefix / "themes" / t.slug / "index.html").read_text(encoding="utf-8")
        for m in notice.measures_of(t.slug):
            assert m.title in page
    assert not (prefix / "themes" / "tariff").exists()
    index = (prefix / "measures" / "index.html").read_text(encoding="utf-8")
    assert index.count('class="tm-index__row"') == count
    for m in notice.measures:
        assert m.title in index
    about = (prefix / "about" / "index.html").read_text(encoding="utf-8")
    assert edition.ui["field_measure"] in about and f"1–{count}" in edition.ui["field_measure"]
    search = json.loads((prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    clauses = [d for d in search["docs"] if re.fullmatch(r"measures/\d+/#c\d+", d["location"])]
    assert len(clauses) == sum(len(m.clauses) for m in notice.measures)


def test_downloads_are_named_after_the_slug(published) -> None:
    notice = published["editions"]["zh-Hans"].notice
    slug = notice.document.slug
    assert slug == published["slug"]
    expected = {booklet_filename(slug, language) for language in LANGUAGES}
    expected |= {measure_filename(lang, m.number) for lang in LANGUAGES for m in notice.measures}
    expected.add(offline_zip_filename(slug))
    assert {p.name for p in (site_of(published) / "downloads").iterdir()} == expected
    with zipfile.ZipFile(site_of(published) / "downloads" / offline_zip_filename(slug)) as z:
        names = z.namelist()
    top = offline_zip_filename(slug).removesuffix(".zip")
    assert f"{top}/downloads/{booklet_filename(slug, 'zh-Hant')}" in names
    assert f"{top}/measures/7.html" in names


def test_nothing_names_the_first_notice(published) -> None:
    site = site_of(published)
    found = []
    read = {".html": 0, ".pdf": 0, ".zip": 0, ".json": 0, ".csv": 0}
    for path in sorted(site.rglob("*")):
        read[path.suffix] = read.get(path.suffix, 0) + 1
        if path.suffix in {".html", ".json", ".csv", ".xml", ".js", ".txt"}:
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(site)}: {w}" for w in FOREIGN if w in text]
        elif path.suffix == ".pdf":
            reader = pypdf.PdfReader(path)
            text = "".join(page.extract_text() for page in reader.pages)
            text += json.dumps({k: str(v) for k, v in (reader.metadata or {}).items()})
            found += [f"{path.relative_to(site)}: {w}" for w in FOREIGN if w in text]
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.endswith((".html", ".json", ".js")):
                        text = z.read(name).decode("utf-8")
                        found += [f"{name}: {w}" for w in FOREIGN if w in text]
    count = len(published["editions"]["zh-Hans"].notice.measures)
    assert read[".pdf"] == 2 + 2 * count and read[".zip"] == 1, read
    assert read[".html"] > 2 * count and read[".json"] >= 4 and read[".csv"] == 2, read
    assert found == []


def test_pdfs_carry_the_notice_and_its_address(published) -> None:
    notice = published["editions"]["zh-Hant"].notice
    downloads = site_of(published) / "downloads"
    booklet = pypdf.PdfReader(downloads / booklet_filename(notice.document.slug, "zh-Hant"))
    text = "".join(page.extract_text() for page in booklet.pages)
    assert notice.document.number in text
    assert f"{published['site_url']}zh-Hant/measures/7/" in text
    single = pypdf.PdfReader(downloads / measure_filename("zh-Hans", 3))
    text = single.pages[0].extract_text()
    assert "共 7 条" in text
    assert published["editions"]["zh-Hans"].notice.measure(3).title in text


def test_search_finds_a_sentence_of_the_new_notice(published, browser) -> None:
    site = site_of(published)
    with serving(site) as base:
        tab = browser.new_page()
        tab.goto(f"{base}/", wait_until="networkidle")
        results = run_query(tab, "多式联运")
        links = [link for result in results for link in result["links"]]
        found = [urlsplit(link) for link in links]
        assert any(u.path == "/measures/3/" and u.fragment == "c1" for u in found), results
        tab.close()


def test_readme_block_is_the_whole_journey() -> None:
    lines = readme_commands()
    kinds = [line.split()[1] if line.startswith("make") else line.split()[-2] for line in lines]
    assert kinds[0] == "import" and kinds.count("check") == 2 and "serve" in kinds
    assert lines[-1].startswith("SITE_URL=https://") and "make site DATA=" in lines[-1]
