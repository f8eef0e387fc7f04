"""make site is reproducible and says what it built for.

Two builds of the same commit, in different folders at different times, with no PDF
cache: the same bytes, every page, PDF and the offline zip. The second build is the
session's own (conftest's `site`); here `make site` runs once more, as a person types
it, in a copy of the project. This is the one place determinism is checked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.notices import sample_notice
from support.project import MAKE_SITE, SITE_URL, copy_project, run, shell, snapshot

from notice_site.model.urls import DEFAULT_SITE_URL

pytestmark = pytest.mark.slow


def test_a_second_build_gives_identical_bytes(site: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")  # no .cache/: every PDF rendered afresh
    result = run(MAKE_SITE, cwd=project, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning:" not in result.stdout + result.stderr
    first, second = snapshot(site), snapshot(project / "site")
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert any(name.endswith(".pdf") for name in first)
    assert any(name.endswith("-offline.zip") for name in first)


def test_make_site_without_an_address_says_so_first_and_last(tmp_path: Path) -> None:
    """The README's first command, `make site` as typed with SITE_URL unset, on a small notice
    (the sample, in data/ of a copy): the default address cannot leak unnoticed."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data")
    sample_notice(project / "data")
    result = shell("make site", project, SITE_URL="")
    assert result.returncode == 0, result.stdout + result.stderr
    warning = f"warning: SITE_URL is not set: the site is built for {DEFAULT_SITE_URL}"
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(lines) == 2 and all(line.startswith(warning) for line in lines), result.stderr
    output = result.stdout.splitlines()
    assert output[-1].endswith(f"for {DEFAULT_SITE_URL}"), output[-1]
    assert (project / "site" / "measures" / "7" / "index.html").is_file()
