"""Two make site runs of the same commit, in different folders at different times: the same bytes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import MAKE_SITE, copy_project, run, snapshot

from notice_site.urls import DEFAULT_SITE_URL


@pytest.mark.slow
def test_two_builds_give_identical_sites(tmp_path: Path) -> None:
    sites = []
    for name in ("first", "second"):
        project = copy_project(tmp_path / name)  # no .cache/: every PDF rendered afresh
        # SITE_URL unset, as a new user runs it
        result = run(MAKE_SITE, cwd=project, SITE_URL="")
        assert result.returncode == 0, result.stdout + result.stderr
        # the default address cannot leak unnoticed: said first and last
        warning = f"warning: SITE_URL is not set: the site is built for {DEFAULT_SITE_URL}"
        lines = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        assert len(lines) == 2 and all(line.startswith(warning) for line in lines), result.stderr
        output = result.stdout.splitlines()
        assert output[-1].endswith(f"for {DEFAULT_SITE_URL}"), output[-1]
        sites.append(snapshot(project / "site"))
        time.sleep(1.1)  # a different second: no build time may leak into the output
    first, second = sites
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert any(name.endswith(".pdf") for name in first)
