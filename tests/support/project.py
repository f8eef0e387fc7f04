"""This checkout, copies of it to break, and its commands run as a person runs them: the
README's lines in a shell, with nothing of the caller's environment that a build reads."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from notice_site.settings import VARIABLES

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
# The address every test build is for, unless a test names another.
SITE_URL = "https://measures.example.org/"

# Every variable a build reads, as a person sets it (SITE, DATA, DRAFT: the Makefile turns
# them into the NOTICE_ ones) or as the build passes it to its own processes. One exported
# in the shell that runs the tests would change what every test builds: the session starts
# without them (conftest), and a test sets the ones it means.
BUILD_VARIABLES = (
    # what a person gives make (the Makefile passes SITE, DATA, DRAFT and SHARD on as NOTICE_*)
    "SITE",
    "DATA",
    "DRAFT",
    "SHARD",
    # what the package reads, all in notice_site/settings.py (SOURCE_DATE_EPOCH aside: make
    # sets it from the last commit, and the tests of the zip expect that)
    *VARIABLES,
)


def forget_build_variables() -> dict[str, str]:
    """Remove BUILD_VARIABLES from this process's environment (so from every command it
    starts); returns those that were set."""
    return {name: os.environ.pop(name) for name in BUILD_VARIABLES if name in os.environ}


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


def readme_block(section: str) -> list[str]:
    """The command lines of the first ```sh block under the README's `## <section>` (or
    `### <section>`, a part of one)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if f"\n## {section}\n" in readme:
        text = readme.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    else:
        text = re.split(r"\n###? ", readme.split(f"\n### {section}\n", 1)[1], maxsplit=1)[0]
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block, f"README: no ```sh block under '{section}'"
    lines = [line.strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def copy_project(target: Path) -> Path:
    """A copy of the project's sources (no venv, no build output) to break on purpose."""
    ignore = shutil.ignore_patterns(".venv", "site", ".site-*", ".git", "__pycache__", ".*cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def project_with_a_built_site(target: Path) -> tuple[Path, Path]:
    """A copy of the project whose site/ holds a previous build: (project, site)."""
    project = copy_project(target)
    site = project / "site"
    (site / "measures" / "13").mkdir(parents=True)
    (site / "index.html").write_text("previous build", encoding="utf-8")
    (site / "measures" / "13" / "index.html").write_text("measure 13", encoding="utf-8")
    return project, site


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


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
