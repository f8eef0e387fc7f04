"""make site replaces site/ only when everything succeeded; a killed build leaves it as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from support.project import MAKE_SITE, environment, project_with_a_built_site, snapshot

from notice_site.building.publish import publish, recover


@pytest.mark.slow
def test_killed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    project, site = project_with_a_built_site(tmp_path / "project")
    before = snapshot(site)
    build = subprocess.Popen(
        MAKE_SITE,
        cwd=project,
        env=environment(project),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # kill it in the middle: once MkDocs has started writing the new site (one
    # process per script, each into its own .site-part-* folder before the merge)
    deadline = time.monotonic() + 600  # a hang, not slowness
    while not any(project.glob(".site-part-*/assets")):
        assert build.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(timeout=300)
    assert snapshot(site) == before


def test_publish_swaps_and_recovers(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / ".site-new"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    publish(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert not new.exists() and not (tmp_path / ".site-old").exists()
    # a build killed between the two renames: site/ gone, the old one aside
    site.rename(tmp_path / ".site-old")
    assert recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert not recover(site)
