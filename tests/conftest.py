"""Fixtures and pytest's hooks, nothing else: what tests share as code is in support/.

Two layers. A test marked `slow` needs a full build, a browser, a server, a copy of the
project built by make, or the whole notice's PDFs: `make test` runs it. Every other
test is fast and runs in this process, with no command started (a guard below refuses
one): `make test-fast` runs those alone, in under two minutes. A test that uses one of
SLOW_FIXTURES is marked slow here; one that starts a command marks itself.

The session starts without the variables a build reads (support.project.BUILD_VARIABLES):
a SITE or DATA exported in the caller's shell reaches no test and no command a test starts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

# This checkout's package first, whatever the virtual environment points at (one venv may
# serve several worktrees: its notice_site.pth names one of them); make sets PYTHONPATH
# the same way, and support.project.environment does for the commands tests start.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import pytest
from support.browser import chromium
from support.commands import build_notice, mkdocs_build_in_process
from support.project import ROOT, SITE_URL, copy_project, forget_build_variables
from support.serving import serving

# What the caller had exported of BUILD_VARIABLES, removed for the session.
CALLERS_BUILD_VARIABLES = pytest.StashKey[dict[str, str]]()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # Before any test module is imported: some read the real notice at import, and a
    # NOTICE_DRAFT or NOTICE_DATA of the caller's would change what they read. Each
    # pytest-xdist worker configures itself, so runs this too.
    config.stash[CALLERS_BUILD_VARIABLES] = forget_build_variables()


def pytest_report_header(config: pytest.Config) -> str | None:
    removed = config.stash.get(CALLERS_BUILD_VARIABLES, {})
    if removed:
        return "not seen by the tests (exported by the caller): " + ", ".join(sorted(removed))
    return None


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once by the command `make site` runs: both scripts (one
    MkDocs process each, merged), the PDFs, the offline copy zipped into downloads/."""
    from support.notices import PDF_COUNT

    out = tmp_path_factory.mktemp("build") / "site"
    result = build_notice(ROOT / "data", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f" {PDF_COUNT} PDFs" in result.stdout, result.stdout
    # The build's own link check (pipeline.py), over every page and PDF: the one place
    # the real site's internal links and anchors are checked.
    assert "every internal link and anchor resolves, PDFs included" in result.stdout
    return out


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample notice (seven measures, tests/fixtures/) built by MkDocs in this process,
    with the real mkdocs.yml, hooks and templates, for SITE_URL: the fast layer's one build,
    for what the generator does with any notice (the real notice's site is `site`)."""
    from support.notices import sample_notice

    base = tmp_path_factory.mktemp("small")
    project = copy_project(base / "project")
    shutil.rmtree(project / "data")
    sample_notice(project / "data")
    out = base / "site"
    mkdocs_build_in_process(project, out, SITE_URL=SITE_URL, NOTICE_DATA="data")
    return out


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; yields its base URL."""
    with serving(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright, patient (support.browser.chromium)."""
    yield from chromium()


# -- the two layers -------------------------------------------------------------------

# A test that uses one of these (or a fixture that does) needs a full build, a browser
# or a served site: slow. The module fixtures build a site of their own (and are set up
# before the guard below, which is a test's own fixture: they must be named here).
SLOW_FIXTURES = {
    "site",
    "server",
    "browser",
    "deployed",
    "published",
    "hostile_site",
    "deployed_library",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


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
            "(support.commands.in_process); one that needs a command is marked "
            "@pytest.mark.slow"
        )

    subprocess.Popen.__init__ = refuse  # type: ignore[method-assign]
    try:
        yield
    finally:
        subprocess.Popen.__init__ = real  # type: ignore[method-assign]
