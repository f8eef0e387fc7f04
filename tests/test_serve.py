"""`make serve` (mkdocs serve): an edit of the data shows in both scripts, and the rebuilds stop."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from support.project import SITE_URL, copy_project, environment
from support.serving import free_port

from notice_site.render.site import load_editions, write_sources

CLAUSE = "支持增设离岛免税口岸提货点。"
EDITED = "支持增设离岛免税口岸提货点和网点。"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8")


def test_sources_written_twice_are_unchanged_the_second_time(tmp_path: Path) -> None:
    """Every generated file, the CRLF CSV included: a file rewritten at every build
    makes `mkdocs serve` rebuild forever."""
    from support.project import ROOT

    editions = load_editions(ROOT / "data")
    first = write_sources(editions, tmp_path, SITE_URL)
    assert {p.name for p in first} >= {"measures.csv", "measures.json", "index.md", "13.md"}
    assert write_sources(editions, tmp_path, SITE_URL) == []
    assert write_sources(editions, tmp_path, SITE_URL, workers=2) == []
    assert b"\r\n" in (tmp_path / "zh-Hans" / "measures.csv").read_bytes()


@pytest.mark.slow
def test_an_edit_shows_in_both_scripts_and_the_rebuilds_stop(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    log_path = tmp_path / "serve.log"
    # SITE_URL as a deployment sets it: serve replaces it with its own address
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            ["mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=environment(project, SITE_URL=SITE_URL),
            stdout=log,
            stderr=log,
            start_new_session=True,
        )

    def text() -> str:
        return log_path.read_text(encoding="utf-8")

    def builds() -> int:
        return len(re.findall(r"Building documentation", text()))

    def wait(condition, seconds: float = 600) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert server.poll() is None, text()
            assert time.monotonic() < deadline, text()
            time.sleep(0.1)

    def builds_since(start: int) -> list[str]:
        """The builds logged after position `start` of the log, each one's lines, those
        finished only: MkDocs ends each with "Documentation built in", and its server then
        says "Reloading browsers" (only after a build that did not fail). Under load the
        first line was seen missing from a finished build (static-i18n filters it out of
        its inner builds with a logging filter on MkDocs' logger): either marks the end."""
        parts = text()[start:].split("Building documentation")[1:]
        ends = ("Documentation built in", "Reloading browsers")
        return [part for part in parts if any(end in part for end in ends)]

    def stopped_after(start: int) -> list[str]:
        """The builds after `start`, up to the first that wrote no page source: it changed
        nothing the watcher sees, so no rebuild follows it. (A rebuild loop never gets
        there: every build would write again, and the wait fails after 10 min.)"""
        wait(lambda: any("Generated" not in build for build in builds_since(start)))
        found = builds_since(start)
        quiet = next(k for k, build in enumerate(found) if "Generated" not in build)
        return found[: quiet + 1]

    try:
        wait(lambda: "Serving on" in text())
        base = f"http://127.0.0.1:{port}"
        page = _get(f"{base}/measures/3/")
        assert CLAUSE in page
        # the preview reloads through an inline script: no policy to refuse it there
        assert "livereload(" in page and "Content-Security-Policy" not in page
        edited_at = len(text())
        data = project / "data" / "measures.yaml"
        data.write_text(data.read_text(encoding="utf-8").replace(CLAUSE, EDITED), encoding="utf-8")
        wait(lambda: EDITED in _get(f"{base}/measures/3/"))
        wait(lambda: "支持增設離島免稅口岸提貨點和網點。" in _get(f"{base}/zh-Hant/measures/3/"))
        # the edit (its sources written), then the sources seen once more by the watcher,
        # which writes none: the rebuilds stop there
        rebuilt = stopped_after(edited_at)
        assert 1 <= len(rebuilt) <= 3, text()
        assert "Generated" in rebuilt[0], text()
        assert "Traceback" not in text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=300)
