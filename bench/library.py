"""Benchmark of a library build: N notices in one site, cold and after one notice changed,
against building each notice alone.

For each N (default 1, 3, 10) it writes N copies of the sample notice (seven measures,
tests/fixtures/sample-notice.txt, imported and filled in as an editor would), each with
its own slug, and a site file listing them, into a copy of the project, and runs the
command the Makefile runs (`python -m notice_site site --site …`, PDFs included):

- cold: no output kept from an earlier build (.cache/ emptied: no PDFs, no notices);
- one changed: the same site again after one notice's first sentence was edited (the
  others' output is reused, keyed by their inputs: pipeline.notice_key);
- alone: `python -m notice_site site --data …` of one notice, times N (what building the
  notices as separate sites costs).

Each is the median of --runs runs; the ratio is against the cold build of the same N, in
the same process; peak memory is the largest child process's. It prints a table and never
passes or fails on time.

Run with `.venv/bin/python bench/library.py --sizes 1,3,10 --runs 3` (add 30 for the
issue's largest row: about half an hour).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


def notices(project: Path, count: int) -> Path:
    """`count` copies of the sample notice, slugs sample-1 … sample-N, and their site file."""
    from support.notices import sample_notice

    first = sample_notice(project / "notices" / "template")
    listed = []
    for k in range(1, count + 1):
        folder = project / "notices" / f"sample-{k}"
        shutil.copytree(first, folder)
        path = folder / "measures.yaml"
        text = path.read_text(encoding="utf-8")
        text = text.replace("  slug: sample-measures\n", f"  slug: sample-{k}\n", 1)
        path.write_text(text, encoding="utf-8")
        listed.append(f"  - notices/sample-{k}\n")
    shutil.rmtree(first)
    site = project / "bench-site.yaml"
    site.write_text(
        "name: 样例政策文件库\nowner: 样例海关\nidentity: {}\nnotices:\n" + "".join(listed),
        encoding="utf-8",
    )
    return site


def run(project: Path, *args: str) -> float:
    env = dict(os.environ, SITE_URL="https://example.org/", PYTHONPATH=str(project / "src"))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "notice_site", "site", *args, "--pdf-cache", ".cache/pdf"],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def edit(project: Path, k: int, run_number: int) -> None:
    path = project / "notices" / f"sample-{k}" / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "支持港口、机场和铁路场站之间开展多式联运"
    if marker not in text:
        raise SystemExit(f"{path}: the sentence this benchmark edits is not there")
    path.write_text(text.replace(marker, marker + "业务" * (run_number % 2 + 1), 1), "utf-8")


def measure(size: int, runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"cold": [], "changed": [], "alone": []}
    from support.project import copy_project

    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        site = notices(project, size)
        for r in range(runs):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            times["cold"].append(run(project, "--site", site.name, "--site-dir", "site"))
            edit(project, 1, r)
            times["changed"].append(run(project, "--site", site.name, "--site-dir", "site"))
            shutil.rmtree(project / ".cache", ignore_errors=True)
            one = run(project, "--data", "notices/sample-1", "--site-dir", "alone")
            times["alone"].append(one * size)
    found = {name: statistics.median(values) for name, values in times.items()}
    found["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,3,10")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"library build, median of {args.runs} run(s); ratio against the cold build\n")
    print("| notices | cold | one changed | ratio | each alone ×N | ratio | peak memory |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        t = measure(size, args.runs)
        print(
            f"| {size} | {t['cold']:.1f} s | {t['changed']:.1f} s | "
            f"{t['changed'] / t['cold']:.0%} | {t['alone']:.1f} s | {t['alone'] / t['cold']:.0%} | "
            f"{t['peak_mb']:.0f} MB |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
