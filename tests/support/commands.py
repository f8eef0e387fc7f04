"""Our command and MkDocs, run in this process (the fast tests start no command), and the
real build as `make site` runs it (a command: for slow tests)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from support.project import ROOT, SITE_URL, run

# One step of `make site`: both scripts side by side, merged, search indexes, link check.
BUILD = ["python", "-m", "notice_site", "build"]
# All of `make site`, as the Makefile runs it (src/notice_site/building/pipeline.py).
SITE = ["python", "-m", "notice_site", "site"]


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


def build_notice(data_dir: Path, out: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m notice_site site` for the notice in `data_dir` into `out`, for SITE_URL,
    every PDF rendered afresh (no cache)."""
    return run([*SITE, "--data", str(data_dir), "--site-dir", str(out)], cwd, SITE_URL=SITE_URL)
