"""Text from the data is only ever text: markup in a title or clause is shown, never run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pypdf
import pytest
from support.browser import settled
from support.project import copy_project, run
from support.serving import serving

TITLE = '# <script>alert("t")</script>{{ 7*7 }}**粗体**'
CLAUSE = "<img src=x onerror=alert(1)>[链接](javascript:alert(2)) | a | <!-- material/tags -->{% raw %}。"
LONG = "A" * 3000 + "。"
SHORT_TITLE = "二十条<i>措施</i>"
ISSUER = '海口<b>海关</b>"&amp;'
ATTACHMENT = '"><script>alert(3)</script>措施'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A copy of the project whose data holds markup and a very long unbroken string, built."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "project")
    data = project / "data" / "measures.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("    title: 持续压缩通关时间\n", f"    title: '{TITLE}'\n")
    text = text.replace(
        "      - 节假日预约收样检测，优化检测流程，压缩检测时间。\n", f"      - '{CLAUSE}'\n"
    )
    text = text.replace("      - 支持海口空港综合保税区按需扩区。\n", f"      - {LONG}\n")
    # the document's fields reach MkDocs' own configuration: site name, description, copyright
    text = text.replace("  short_title: 二十条措施\n", f"  short_title: '{SHORT_TITLE}'\n")
    text = text.replace("  issuer: 海口海关\n", f"  issuer: '{ISSUER}'\n")
    start = text.index("  attachment: ")
    end = text.index("\n", start)
    text = text[:start] + f"  attachment: '{ATTACHMENT}'" + text[end:]
    data.write_text(text, encoding="utf-8")
    out = tmp / "site"
    result = run(["mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = ["python", "-m", "notice_site", "pdf", "--jobs", "2", "--out", str(out / "downloads")]
    result = run(pdf, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_pages_show_markup_as_text(hostile_site: Path) -> None:
    out = hostile_site
    for page in (
        out / "measures" / "13" / "index.html",
        out / "measures" / "15" / "index.html",
        out / "measures" / "index.html",
        out / "index.html",
        out / "themes" / "clearance" / "index.html",
        out / "zh-Hant" / "measures" / "13" / "index.html",
    ):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
    measure = (out / "measures" / "13" / "index.html").read_text(encoding="utf-8")
    assert "# &lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;{{ 7*7 }}**粗体**" in measure
    assert "<title>十三、# &lt;script&gt;" in measure
    clause = (out / "measures" / "15" / "index.html").read_text(encoding="utf-8")
    assert (
        "&lt;img src=x onerror=alert(1)&gt;[链接](javascript:alert(2)) | a | "
        "&lt;!-- material/tags --&gt;{% raw %}。"
    ) in clause


def test_document_fields_are_escaped_once_everywhere(hostile_site: Path) -> None:
    """Short title, issuer and attachment become the site's name, description and copyright
    line, which Material prints sometimes escaped and sometimes not: never markup, never
    escaped twice (a reader would see &amp;lt;)."""
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for raw in ("<i>措施</i>", "<b>海关</b>", "<b>海關</b>", "<script>alert(3)"):
            assert raw not in html, (path, raw)
        assert "&amp;lt;" not in html and "&amp;#34;" not in html, path
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "二十条&lt;i&gt;措施&lt;/i&gt;" in home  # the header's name
    assert "本站文本来自海口&lt;b&gt;海关&lt;/b&gt;&#34;&amp;amp;公开发布的通知" in home
    about = (hostile_site / "zh-Hant" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'content="&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;措施"' in (
        hostile_site / "zh-Hant" / "404.html"
    ).read_text(encoding="utf-8")
    assert "海口&lt;b&gt;海關&lt;/b&gt;" in about


def test_data_files_and_search_index_hold_the_text_as_is(hostile_site: Path) -> None:
    data = json.loads((hostile_site / "measures.json").read_text(encoding="utf-8"))
    assert data["measures"][12]["title"] == TITLE
    assert data["measures"][14]["clauses"][5]["text"] == CLAUSE
    rows = list(csv.DictReader(io.StringIO((hostile_site / "measures.csv").read_text("utf-8-sig"))))
    assert next(r["title"] for r in rows if r["measure"] == "13") == TITLE
    assert [r["text"] for r in rows if r["ref"] == "15.6"] == [CLAUSE]
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["title"] == f"十三、{TITLE}" for d in index["docs"])


def test_pdfs_print_the_text(hostile_site: Path) -> None:
    text = "".join(
        page.extract_text()
        for page in pypdf.PdfReader(hostile_site / "downloads" / "measure-13.zh-Hans.pdf").pages
    )
    assert "<script>alert" in "".join(text.split())
    text = "".join(
        page.extract_text()
        for page in pypdf.PdfReader(hostile_site / "downloads" / "measure-15.zh-Hans.pdf").pages
    )
    assert "<imgsrc=xonerror=alert(1)>" in "".join(text.split())


@pytest.mark.parametrize(
    "path", ["measures/13/", "measures/15/", "measures/6/", "measures/", "zh-Hant/measures/13/"]
)
def test_nothing_runs_in_chromium(browser, hostile_site: Path, path: str) -> None:
    with serving(hostile_site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.goto(f"{base}/{path}", wait_until="networkidle")
            box = page.locator("input.md-search__input")
            page.locator("label.md-header__button[for='__search']").click()
            box.fill("script")
            box.press("End")
            # the results, once shown, hold the markup of the data as text; the search
            # overlay grows over the page in a transition: the width is measured after it
            page.locator("li.md-search-result__item").first.wait_for()
            settled(page)
            shown = page.locator(".md-search-result__list").inner_text()
            assert '<script>alert("t")</script>' in shown, shown
            assert dialogs == []
            # no element made from the data: no image, no script that mentions alert
            assert page.locator("main img, .md-search-result img").count() == 0
            assert not page.evaluate(
                "[...document.scripts].some(s => s.textContent.includes('alert'))"
            )
            # a very long unbroken string wraps instead of widening the page
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        finally:
            context.close()


def test_the_policy_refuses_an_injected_script(browser, hostile_site: Path) -> None:
    """Were markup to get through, the page's policy stops it: a script injected into the DOM
    as an attacker would, inline or in an onerror attribute, is refused with a violation
    report, while the page's own features (its files) still work."""
    with serving(hostile_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__violations.push(e.effectiveDirective));"
        )
        page = context.new_page()
        try:
            page.goto(f"{base}/measures/15/", wait_until="networkidle")
            assert page.evaluate("window.__violations") == []
            page.evaluate(
                """() => {
                    const script = document.createElement('script');
                    script.textContent = 'window.__injected = 1';
                    document.body.appendChild(script);
                    document.body.insertAdjacentHTML(
                        'beforeend', '<img src="x-missing.png" onerror="window.__injected = 2">');
                }"""
            )
            page.wait_for_function("window.__violations.length >= 2")
            assert page.evaluate("window.__injected") is None
            assert sorted(set(page.evaluate("window.__violations"))) == [
                "script-src-attr",
                "script-src-elem",
            ]
            # the page's own scripts ran: the clause tools and the search work
            assert page.locator("#c6 button.tm-copy").count() == 2
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("居民")
            box.press("End")
            page.wait_for_selector("li.md-search-result__item")
        finally:
            context.close()
