"""A library built in shares, each on a machine of its own, then joined: the site is the one
built on one machine, byte for byte (README, "A large library, on several machines").

A file of its own, so that its builds run beside test_library.py's (the tests run a file
per process)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.notices import SAMPLE_SLUG, sample_notice
from support.project import ROOT, copy_project, readme_block, shell, snapshot

LINES = [
    "SITE_URL=https://www.example.gov.cn/ make site SITE=library.yaml SHARD=1/2",
    "SITE_URL=https://www.example.gov.cn/ make site SITE=library.yaml SHARD=2/2",
    "SITE_URL=https://www.example.gov.cn/ make site SITE=library.yaml",
]


def _runner(project: Path, target: Path) -> Path:
    """A copy of `project` as a runner of its own gets it: nothing built or kept; the PDFs'
    cache spares rendering them again (it changes no byte of them)."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        if Path(folder) == project:
            return {n for n in names if n == "site" or n.startswith(".site-")}
        if Path(folder) == project / ".cache":
            return {"library", "notices"} & set(names)
        return {"__pycache__"} & set(names)

    shutil.copytree(project, target, ignore=ignore)
    return target


@pytest.mark.slow
def test_a_library_built_in_two_shares_is_the_one_built_on_one_machine(tmp_path: Path) -> None:
    """The README's lines as written: the library on one machine (the last line alone);
    then each share in a copy of the project of its own (a runner), the second's
    .cache/library/ copied into the first's (as CI joins them), and the joining build. A
    share publishes nothing and builds only its notices; the joined site equals the one
    built on one machine."""
    assert readme_block("A large library, on several machines") == LINES
    project = copy_project(tmp_path / "project")
    sample_notice(project / "notices" / "sample")
    (project / "library.yaml").write_text(
        "name: 样例政策文件库\nowner: 样例海关\nidentity: {}\nnotices:\n"
        "  - data\n  - notices/sample\n",
        encoding="utf-8",
    )
    result = shell(LINES[2], project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    runners = []
    for k, line in enumerate(LINES[:2], 1):
        runner = _runner(project, tmp_path / f"runner-{k}")
        result = shell(line, runner)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert f"share {k} of 2: 1 of 2 notices built" in result.stdout, result.stdout[-2000:]
        assert not (runner / "site").exists()
        runners.append(runner)
    first, second = runners
    kept = sorted(p.name for p in (first / ".cache" / "library" / "site").iterdir())
    assert kept == ["twenty-measures"]  # the first in the site file's order
    for part in ("site", "keys", "links"):
        target = first / ".cache" / "library" / part
        for entry in sorted((second / ".cache" / "library" / part).iterdir()):
            assert not (target / entry.name).exists(), entry
        shutil.copytree(second / ".cache" / "library" / part, target, dirs_exist_ok=True)
    result = shell(LINES[2], first)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for slug in ("twenty-measures", SAMPLE_SLUG):
        assert f"{slug}: unchanged since the last build, its output reused" in result.stdout
    joined, alone = snapshot(first / "site"), snapshot(project / "site")
    assert sorted(joined) == sorted(alone)
    assert [name for name in joined if joined[name] != alone[name]] == []


def test_the_ci_example_builds_the_shares_then_joins_them() -> None:
    """deploy/ci-shards.yml: a matrix of shares, each building SHARD=k/n of the library and
    uploading .cache/library/; a join that downloads them all there and runs make site."""
    import yaml

    ci = yaml.safe_load((ROOT / "deploy" / "ci-shards.yml").read_text(encoding="utf-8"))
    shard, join = ci["jobs"]["shard"], ci["jobs"]["join"]
    shares = shard["strategy"]["matrix"]["shard"]
    assert shares == list(range(1, len(shares) + 1))
    runs = [step.get("run", "") for step in shard["steps"]]
    assert f"make site SITE=library.yaml SHARD=${{{{ matrix.shard }}}}/{len(shares)}" in runs
    uploads = [s["with"]["path"] for s in shard["steps"] if "upload-artifact" in s.get("uses", "")]
    assert uploads == [".cache/library/"]
    assert join["needs"] == "shard"
    steps = join["steps"]
    download = next(s for s in steps if "download-artifact" in s.get("uses", ""))
    assert download["with"]["path"] == ".cache/library/" and download["with"]["merge-multiple"]
    runs = [step.get("run", "") for step in steps]
    assert runs.index("make site SITE=library.yaml") > steps.index(download)
