"""Deployed as a real site: built and copied by the README's own commands, for an address
under a path and for a root address, served by nginx with deploy/nginx.conf; its headers
read, and every kind of page opened in Chromium with nothing failing."""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.request

import pytest
from support.project import ROOT, copy_project, readme_block, shell
from support.serving import free_port, run_nginx

from notice_site.render import security

# The README's example: its address and its web root, replaced by the test's own.
README_ORIGIN = "https://www.example.gov.cn"
README_PATH = "/twenty-measures/"
README_ROOT = "/srv/www"
PREFIX = README_PATH


def deploy_commands() -> list[str]:
    """The README's build and copy lines ("Publishing"), as a person types them."""
    lines = readme_block("Publishing (deploying)")
    assert lines[0] == f"SITE_URL={README_ORIGIN}{README_PATH} make site", lines
    assert lines[1] == f"rsync -a --delete site/ {README_ROOT}{README_PATH}", lines
    return lines


@pytest.fixture(scope="module", params=[README_PATH, "/"], ids=["under-a-path", "at-the-root"])
def deployed(tmp_path_factory, request) -> str:
    """The site built by the README's commands for http://127.0.0.1:<port><path> in a copy of
    the project, copied into a web root by its rsync line, and served by nginx."""
    if not shutil.which("nginx"):
        pytest.fail("nginx is missing: make test installs nginx-light (system-packages.txt)")
    path = request.param
    tmp = tmp_path_factory.mktemp("nginx")
    project = copy_project(tmp / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}{path}"
    www = tmp / "www"
    for line in deploy_commands():
        line = line.replace(f"{README_ORIGIN}{README_PATH}", base)
        line = line.replace(f"{README_ROOT}{README_PATH}", f"{www}{path}")
        www.mkdir(exist_ok=True)
        result = shell(line, project)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
    assert (www / path.strip("/") / "downloads" / "twenty-measures-offline.zip").is_file()

    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace(README_PATH, path)
    assert "listen 80;" in server and "root /srv/www;" in server
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/www;", f"root {www};")
    process = run_nginx(tmp, server, port)
    yield base
    process.terminate()
    process.wait(timeout=300)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


# (path under the site, type, caching, status): a page, the data, a PDF, a hashed asset, 404s
RESPONSES = [
    ("", "text/html; charset=utf-8", "no-cache", 200),
    ("measures/13/", "text/html; charset=utf-8", "no-cache", 200),
    ("zh-Hant/measures/13/", "text/html; charset=utf-8", "no-cache", 200),
    ("measures.json", "application/json; charset=utf-8", "no-cache", 200),
    ("zh-Hant/measures.json", "application/json; charset=utf-8", "no-cache", 200),
    ("measures.csv", "text/csv; charset=utf-8", "no-cache", 200),
    ("zh-Hant/measures.csv", "text/csv; charset=utf-8", "no-cache", 200),
    ("search/search_index.json", "application/json; charset=utf-8", "no-cache", 200),
    ("downloads/twenty-measures.zh-Hans.pdf", "application/pdf", "public, max-age=86400", 200),
    ("downloads/measure-13.zh-Hant.pdf", "application/pdf", "public, max-age=86400", 200),
    ("assets/stylesheets/measures.css", "text/css; charset=utf-8", "no-cache", 200),
    ("HASHED", "text/css; charset=utf-8", "public, max-age=31536000, immutable", 200),
    ("measures/99/", "text/html; charset=utf-8", "no-cache", 404),
    ("zh-Hant/measures/99/", "text/html; charset=utf-8", "no-cache", 404),
]


@pytest.mark.parametrize(("path", "content_type", "cache", "status"), RESPONSES)
def test_headers(deployed: str, path: str, content_type: str, cache: str, status: int) -> None:
    """Types, caching and the security headers, on every kind of response."""
    if path == "HASHED":  # Material's stylesheet, its name carrying a content hash
        _, _, home = fetch(deployed)
        path = re.search(r'href="(assets/stylesheets/main\.[0-9a-f]{8}\.min\.css)"', home.decode())[
            1
        ]
    code, headers, body = fetch(deployed + path)
    assert code == status
    assert headers["Content-Type"] == content_type
    assert headers["Cache-Control"] == cache
    assert headers["Content-Security-Policy"] == security.header()
    assert headers["Referrer-Policy"] == security.REFERRER_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in headers  # only for a host with HTTPS
    if path.endswith(".csv"):
        assert body.startswith(b"\xef\xbb\xbf")
    if status == 404:
        script = "zh-Hant" if path.startswith("zh-Hant/") else "zh-Hans"
        assert f'lang="{script}"'.encode() in body


def test_urls_carry_the_address_built_for(deployed: str) -> None:
    """PDFs, QR codes, open data and canonical links name the address the README's build gave."""
    import io

    import pypdf

    _, _, body = fetch(f"{deployed}zh-Hant/measures.json")
    data = json.loads(body)
    assert data["measures"][14]["clauses"][4]["url"] == f"{deployed}zh-Hant/measures/15/#c5"
    _, _, page = fetch(f"{deployed}measures/13/")
    assert f'<link rel="canonical" href="{deployed}measures/13/">' in page.decode()
    _, _, pdf = fetch(f"{deployed}downloads/measure-13.zh-Hans.pdf")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert f"{deployed}measures/13/" in "".join(text.split())


# Every kind of page in both scripts (the 404 page's status aside, nothing may fail).
PAGES = [
    "",
    "measures/?theme=agriculture",
    "measures/13/#c2",
    "themes/tariff/",
    "themes/",
    "about/",
    "measures/99/",
]


def test_nothing_fails_in_chromium(browser, deployed: str) -> None:
    """Every kind of page, a search and its result, the language switch, copy link and copy
    citation: no policy violation, no console error, no response of 400 or more, no request
    to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.effectiveDirective + ' ' + e.blockedURI))"
    )
    page = context.new_page()
    problems: list[str] = []
    origin = deployed.split("/", 3)[:3]

    def console(message) -> None:
        # The browser logs the 404 page's own status as a failed load: that one is meant.
        own_404 = "/99/" in message.location.get("url", "") and "status of 404" in message.text
        if message.type == "error" and not own_404:
            problems.append(f"console {message.type}: {message.text} {message.location}")

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "request",
        lambda r: (
            problems.append(f"other host: {r.url}")
            if r.url.split("/", 3)[:3] != origin and not r.url.startswith("data:")
            else None
        ),
    )

    def failed(response) -> None:
        missing_page = response.request.is_navigation_request() and "/99/" in response.url
        if response.status >= 400 and not missing_page:
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("response", failed)
    for prefix in ("", "zh-Hant/"):
        for path in PAGES:
            page.goto(f"{deployed}{prefix}{path}", wait_until="networkidle")
    # a search typed and a result opened
    page.goto(deployed, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("零关税")
    box.press("End")
    page.wait_for_selector("li.md-search-result__item")
    page.locator("a.md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    # the language switch
    page.goto(f"{deployed}measures/13/", wait_until="networkidle")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh-Hant']").click()
    page.wait_for_url(f"{deployed}zh-Hant/measures/13/")
    page.wait_for_load_state("networkidle")
    # copy link and copy citation of a sentence
    clause = page.locator("#c2")
    clause.hover()
    clause.locator("button.tm-copy--link").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{deployed}zh-Hant/measures/13/#c2"
    clause.locator("button.tm-copy--citation").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("海口海關關於印發")
    context.close()
    assert problems == []


def test_in_chromium_under_a_path(browser, deployed: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(deployed, wait_until="networkidle")
    page.locator("a[href='measures/13/']").first.click()
    page.wait_for_url(f"{deployed}measures/13/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh-Hant']").click()
    page.wait_for_url(f"{deployed}zh-Hant/measures/13/")

    # search from a Traditional page: results stay under the path, in Traditional
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("居民")
    box.press("End")
    page.wait_for_selector("li.md-search-result__item")
    links = page.eval_on_selector_all("a.md-search-result__link", "els => els.map(a => a.href)")
    assert links and all(link.startswith(f"{deployed}zh-Hant/measures/") for link in links)
    page.locator("a.md-search-result__link[href*='#c']").first.click()
    page.wait_for_url(f"{deployed}zh-Hant/measures/4/**")
    assert page.locator(":target").count() == 1

    # a clause link, the PDF of the page
    page.goto(f"{deployed}measures/15/#c5", wait_until="networkidle")
    assert page.locator("#c5").evaluate("el => el.matches(':target')")
    pdf = page.locator("a.tm-download").get_attribute("href")
    response = page.request.get(f"{deployed}measures/15/{pdf}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    context.close()
