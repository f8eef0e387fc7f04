"""Shared fixtures: the project, one real build of the site per test session, a local server.

Two layers. A test marked `slow` needs a full build, a browser, a server, a copy of the
project built by make, or the whole notice's PDFs: `make test` runs it. Every other
test is fast and runs in this process, with no command started (a guard below refuses
one): `make test-fast` runs those alone, in under two minutes. A test that uses one of
SLOW_FIXTURES is marked slow here; one that starts a command marks itself.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from notice_site.render.site import load_source_notice

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
SITE_URL = "https://measures.example.org/"
# The real notice's size, from its data: no test counts with a literal.
REAL = load_source_notice(ROOT / "data")
COUNT = len(REAL.measures)
NUMBERS = range(1, COUNT + 1)
PDF_COUNT = 2 + 2 * COUNT  # two booklets, one PDF per measure and script


def environment(cwd: Path, **env: str) -> dict[str, str]:
    """The environment a person's shell gives the project's commands in `cwd`."""
    result = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    result["PATH"] = f"{VENV_BIN}{os.pathsep}{result['PATH']}"
    # the package of the project being run (a copy under test has its own src/; a folder
    # that is no project runs this checkout's, whatever the shared venv's .pth names)
    result["PYTHONPATH"] = str(cwd / "src" if (cwd / "src").is_dir() else ROOT / "src")
    return result


def person(project: Path, **env: str) -> dict[str, str]:
    """A person's shell in `project`: no make of ours around it (make test sets MAKELEVEL and
    MAKEFLAGS). VENV points make at this checkout's virtual environment (its stamp is newer
    than a copy's lock file: nothing reinstalls)."""
    result = environment(project, VENV=str(ROOT / ".venv"), **env)
    for name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
        result.pop(name, None)
    return result


def shell(line: str, project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A command line from the README, run by bash exactly as written, in a person's shell."""
    return subprocess.run(
        ["bash", "-c", line],
        cwd=project,
        env=person(project, **env),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def readme_block(section: str) -> list[str]:
    """The command lines of the first ```sh block under the README's `## <section>`."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    text = readme.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block, f"README: no ```sh block under '{section}'"
    lines = [line.strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def run(args: list[str], cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command of the project the way a person would, capturing its output."""
    return subprocess.run(
        args,
        cwd=cwd,
        env=environment(cwd, **env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def in_process(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m notice_site <args>` in `cwd`, run in this process: its exit status and what
    it printed, as `run` gives them. An exception the command lets through fails the test,
    as a traceback would show a person."""
    from notice_site.cli import main

    out, err = io.StringIO(), io.StringIO()
    with inside(cwd, **env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as e:  # argparse's usage errors
            code = e.code if isinstance(e.code, int) else 2
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def inside(folder: Path, **env: str) -> Iterator[None]:
    """Work in `folder` with these environment variables set, as a command started there
    would; the process's own are put back after."""
    saved = {name: os.environ.get(name) for name in env}
    before = Path.cwd()
    try:
        os.environ.update(env)
        os.chdir(folder)
        yield
    finally:
        os.chdir(before)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# One step of `make site`: both scripts side by side, merged, search indexes, link check.
BUILD = ["python", "-m", "notice_site", "build"]
# All of `make site`, as the Makefile runs it (src/notice_site/building/pipeline.py).
SITE = ["python", "-m", "notice_site", "site"]


def build_notice(data_dir: Path, out: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m notice_site site` for the notice in `data_dir` into `out`, for SITE_URL,
    every PDF rendered afresh (no cache)."""
    return run([*SITE, "--data", str(data_dir), "--site-dir", str(out)], cwd, SITE_URL=SITE_URL)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once by the command `make site` runs: both scripts (one
    MkDocs process each, merged), the PDFs, the offline copy zipped into downloads/."""
    out = tmp_path_factory.mktemp("build") / "site"
    result = build_notice(ROOT / "data", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f" {PDF_COUNT} PDFs" in result.stdout, result.stdout
    # The build's own link check (pipeline.py), over every page and PDF: the one place
    # the real site's internal links and anchors are checked.
    assert "every internal link and anchor resolves, PDFs included" in result.stdout
    return out


def mkdocs_build_in_process(project: Path, out: Path, **env: str) -> None:
    """`mkdocs build --strict` of `project`'s mkdocs.yml into `out`, in this process (what
    MkDocs' command line does): both scripts, our hooks and templates, no PDFs."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with inside(project, **env):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(out), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample notice (seven measures, tests/fixtures/) built by MkDocs in this process,
    with the real mkdocs.yml, hooks and templates, for SITE_URL: the fast layer's one build,
    for what the generator does with any notice (the real notice's site is `site`)."""
    from helpers import sample_notice

    base = tmp_path_factory.mktemp("small")
    project = copy_project(base / "project")
    shutil.rmtree(project / "data")
    sample_notice(project / "data")
    out = base / "site"
    mkdocs_build_in_process(project, out, SITE_URL=SITE_URL, NOTICE_DATA="data")
    return out


# `make site` in a copy of the project, with this checkout's virtual environment,
# which the copy must never reinstall (make -o).
MAKE_SITE = [
    "make",
    "--no-print-directory",
    "-o",
    f"{ROOT / '.venv'}/.installed",
    "site",
    f"VENV={ROOT / '.venv'}",
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def project_with_a_built_site(target: Path) -> tuple[Path, Path]:
    """A copy of the project whose site/ holds a previous build: (project, site)."""
    project = copy_project(target)
    site = project / "site"
    (site / "measures" / "13").mkdir(parents=True)
    (site / "index.html").write_text("previous build", encoding="utf-8")
    (site / "measures" / "13" / "index.html").write_text("measure 13", encoding="utf-8")
    return project, site


def copy_project(target: Path) -> Path:
    """A copy of the project's sources (no venv, no build output) to break on purpose."""
    ignore = shutil.ignore_patterns(".venv", "site", ".site-*", ".git", "__pycache__", ".*cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# How long a browser step may wait: a guard against a hang, never against slowness.
PATIENCE_MS = 300_000


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (Playwright cannot download a browser here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        # Playwright waits 30 s for a page or an element by default: on a busy machine
        # that fails a test for slowness. Every context and page here waits up to 5 min.
        new_context, new_page = chromium.new_context, chromium.new_page

        def patient_context(*args: object, **kwargs: object):
            context = new_context(*args, **kwargs)
            context.set_default_timeout(PATIENCE_MS)
            context.set_default_navigation_timeout(PATIENCE_MS)
            return context

        def patient_page(*args: object, **kwargs: object):
            page = new_page(*args, **kwargs)
            page.set_default_timeout(PATIENCE_MS)
            page.set_default_navigation_timeout(PATIENCE_MS)
            return page

        chromium.new_context, chromium.new_page = patient_context, patient_page
        yield chromium
        chromium.close()


# -- the two layers -------------------------------------------------------------------

# A test that uses one of these (or a fixture that does) needs a full build, a browser
# or a served site: slow. The module fixtures build a site of their own.
SLOW_FIXTURES = {"site", "server", "browser", "deployed", "published", "hostile_site"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@contextlib.contextmanager
def port_8000() -> Iterator[None]:
    """Hold 127.0.0.1:8000 (where `make serve` listens) for the time of a test: `make test`
    runs the test files in two processes (pytest-xdist, --dist loadfile), and two files
    preview a notice as the README writes it. A lock file, released when the process ends."""
    import fcntl

    with open(Path(tempfile.gettempdir()) / "notice-site-tests-port-8000.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class CommandInAFastTest(AssertionError):
    pass


def _called_from_ctypes() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.endswith(os.path.join("ctypes", "util.py")):
            return True
        frame = frame.f_back
    return False


@pytest.fixture(autouse=True)
def _fast_tests_run_in_process(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test not marked slow starts no command: it runs in this process (make test-fast).
    Worker processes of the standard library (multiprocessing) are allowed."""
    if request.node.get_closest_marker("slow") is not None:
        yield
        return
    real = subprocess.Popen.__init__

    def refuse(self: subprocess.Popen, args: object, *rest: object, **kwargs: object) -> None:
        if _called_from_ctypes():
            # ctypes.util.find_library (ldconfig, gcc), as WeasyPrint loads its libraries
            return real(self, args, *rest, **kwargs)
        raise CommandInAFastTest(
            f"{request.node.nodeid} started {args!r}: a fast test runs in process "
            "(conftest.in_process); one that needs a command is marked @pytest.mark.slow"
        )

    subprocess.Popen.__init__ = refuse  # type: ignore[method-assign]
    try:
        yield
    finally:
        subprocess.Popen.__init__ = real  # type: ignore[method-assign]
