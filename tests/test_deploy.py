"""Deployed as a real site: nginx (deploy/nginx.conf, as the README shows it) under /twenty-measures/."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, run

PREFIX = "/twenty-measures/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def deployed(tmp_path_factory, site: Path):
    """The site built for http://127.0.0.1:<port>/twenty-measures/ and served by nginx."""
    if not shutil.which("nginx"):
        pytest.fail("nginx is missing: make test installs nginx-light (system-packages.txt)")
    tmp = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"http://127.0.0.1:{port}{PREFIX}"
    www = tmp / "www"
    target = www / PREFIX.strip("/")
    result = run(["mkdocs", "build", "--strict", "--site-dir", str(target)], SITE_URL=base)
    assert result.returncode == 0, result.stdout + result.stderr
    # The PDFs are the session's (rendered for another address): only serving them is tested here.
    shutil.copytree(site / "downloads", target / "downloads")

    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 80;" in server and "root /srv/www;" in server
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/www;", f"root {www};")
    temp = {name: tmp / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    (tmp / "nginx.conf").write_text(
        f"""daemon off;
user root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
{server}
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)])
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail((tmp / "error.log").read_text())
    yield base
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.mark.parametrize(
    ("path", "content_type", "cache"),
    [
        ("", "text/html; charset=utf-8", "no-cache"),
        ("measures/13/", "text/html; charset=utf-8", "no-cache"),
        ("zh-Hant/measures/13/", "text/html; charset=utf-8", "no-cache"),
        ("measures.json", "application/json; charset=utf-8", "no-cache"),
        ("zh-Hant/measures.json", "application/json; charset=utf-8", "no-cache"),
        ("measures.csv", "text/csv; charset=utf-8", "no-cache"),
        ("zh-Hant/measures.csv", "text/csv; charset=utf-8", "no-cache"),
        ("search/search_index.json", "application/json; charset=utf-8", "no-cache"),
        ("downloads/twenty-measures.zh-Hans.pdf", "application/pdf", "public, max-age=86400"),
        ("downloads/measure-13.zh-Hant.pdf", "application/pdf", "public, max-age=86400"),
        ("assets/stylesheets/measures.css", "text/css; charset=utf-8", "no-cache"),
    ],
)
def test_content_types_and_caching(deployed: str, path: str, content_type: str, cache: str) -> None:
    status, headers, body = fetch(deployed + path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert headers["Cache-Control"] == cache
    assert headers["X-Content-Type-Options"] == "nosniff"
    if path.endswith(".csv"):
        assert body.startswith(b"\xef\xbb\xbf")


def test_hashed_assets_are_cached_for_a_year(deployed: str, site: Path) -> None:
    css = next((site / "assets" / "stylesheets").glob("main.*.min.css")).name
    status, headers, _ = fetch(f"{deployed}assets/stylesheets/{css}")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_not_found_pages_in_each_script(deployed: str) -> None:
    status, _, body = fetch(deployed + "measures/99/")
    assert status == 404 and b'lang="zh-Hans"' in body
    status, _, body = fetch(deployed + "zh-Hant/measures/99/")
    assert status == 404 and b'lang="zh-Hant"' in body


def test_in_chromium_under_a_path(browser, deployed: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    origin = deployed.split(PREFIX)[0]

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

    # a clause link, the PDF of the page and the open data
    page.goto(f"{deployed}measures/15/#c5", wait_until="networkidle")
    assert page.locator("#c5").evaluate("el => el.matches(':target')")
    pdf = page.locator("a.tm-download").get_attribute("href")
    response = page.request.get(f"{deployed}measures/15/{pdf}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    data = page.request.get(f"{deployed}zh-Hant/measures.json").json()
    assert data["measures"][14]["clauses"][4]["url"] == f"{deployed}zh-Hant/measures/15/#c5"

    assert [u for u in requests if not u.startswith(origin)] == []
    context.close()
