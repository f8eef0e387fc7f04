"""Benchmark of the PDFs: median time to render all of them, one at a time and in parallel; per PDF; sizes.

Run with `make bench` (or `.venv/bin/python bench/pdf.py --runs 5`). Prints a
table; it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from notice_site.building.cores import default_workers
from notice_site.render.pdf import Job, all_jobs, render_job, write_pdfs
from notice_site.render.site import load_editions

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://measures.example.org/"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each measurement (median shown)"
    )
    parser.add_argument("--workers", type=int, default=max(2, default_workers()))
    parser.add_argument(
        "--measures",
        type=int,
        default=None,
        help="render only the first N measures' PDFs of each script, besides the booklets "
        "(default: all; the README's short run checks that the benchmark works with 1)",
    )
    args = parser.parse_args(argv)

    editions = load_editions(ROOT / "data")
    import weasyprint  # imported once, outside the timings

    rows: list[tuple[str, float, str]] = []
    jobs = [
        job
        for job in all_jobs(editions)
        if job.number is None
        or args.measures is None
        or [m.key for m in editions[job.language].notice.measures].index(job.number) < args.measures
    ]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # A warm-up render, so fontconfig's and Python's caches are in the same state for every run.
        render_job(Job("zh-Hans", 1), editions["zh-Hans"], SITE_URL)

        sequential = [
            timed(lambda: write_pdfs(editions, SITE_URL, out, jobs, workers=1))
            for _ in range(args.runs)
        ]
        parallel = [
            timed(lambda: write_pdfs(editions, SITE_URL, out, jobs, workers=args.workers))
            for _ in range(args.runs)
        ]
        seq, par = statistics.median(sequential), statistics.median(parallel)
        count = len(jobs)
        total = len(all_jobs(editions))
        which = "all" if count == total else f"{count} of"
        count = count if count == total else total
        rows.append((f"{which} {count} PDFs, 1 process", seq, ""))
        rows.append(
            (f"{which} {count} PDFs, {args.workers} processes", par, f"{seq / par:.2f}× faster")
        )

        for language, edition in editions.items():
            job = Job(language)
            times = [
                timed(lambda j=job, e=edition: render_job(j, e, SITE_URL)) for _ in range(args.runs)
            ]
            size = (out / job.filename(edition.notice.document.slug)).stat().st_size
            rows.append((f"booklet {language}", statistics.median(times), f"{size / 1e3:.0f} KB"))
        for language, edition in editions.items():
            singles = [j for j in jobs if j.language == language and j.number]
            times = [
                statistics.mean(
                    timed(lambda j=j, e=edition: render_job(j, e, SITE_URL)) for j in singles
                )
                for _ in range(args.runs)
            ]
            sizes = [
                (out / j.filename(edition.notice.document.slug)).stat().st_size for j in singles
            ]
            rows.append(
                (
                    f"one measure {language} (mean of {len(singles)})",
                    statistics.median(times),
                    f"{statistics.mean(sizes) / 1e3:.0f} KB mean, {max(sizes) / 1e3:.0f} KB max",
                )
            )

    print(f"WeasyPrint {weasyprint.__version__}, median of {args.runs} runs")
    print()
    width = max(len(r[0]) for r in rows)
    print(f"| {'what':<{width}} | seconds | note |")
    print(f"| {'-' * width} | ------: | ---- |")
    for what, seconds, note in rows:
        print(f"| {what:<{width}} | {seconds:7.2f} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
