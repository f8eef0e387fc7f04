"""The README's test commands, as typed: `make test-fast` runs the in-process layer alone
(at least 40 % of all tests, no site/ written); `make test` is what CI runs (.ci/run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.project import ROOT, copy_project, readme_block, shell

pytestmark = pytest.mark.slow


def test_readme_test_commands() -> None:
    commands = [line.split("  #")[0].strip() for line in readme_block("Tests")]
    assert commands == ["make test-fast", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_make_test_fast_runs_the_fast_layer_and_writes_no_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    [line, _] = readme_block("Tests")
    assert line.startswith("make test-fast ")  # then its comment, which bash ignores
    result = shell(line, project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    summary = re.search(r"(\d+) passed, (\d+) deselected", output)
    assert summary, output
    passed, deselected = map(int, summary.groups())
    assert "failed" not in output.splitlines()[-1] and "error" not in output.splitlines()[-1]
    assert passed >= 0.4 * (passed + deselected), (passed, deselected)
    assert not (project / "site").exists()
    assert not list(project.glob(".site-*"))
