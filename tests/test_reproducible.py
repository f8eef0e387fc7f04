"""Two make site runs of the same commit, in different folders at different times: the same bytes."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import MAKE_SITE, copy_project, run, snapshot


def test_two_builds_give_identical_sites(tmp_path: Path) -> None:
    sites = []
    for name in ("first", "second"):
        project = copy_project(tmp_path / name)  # no .cache/: every PDF rendered afresh
        result = run(
            MAKE_SITE,
            cwd=project,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(snapshot(project / "site"))
        time.sleep(1.1)  # a different second: no build time may leak into the output
    first, second = sites
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert any(name.endswith(".pdf") for name in first)
