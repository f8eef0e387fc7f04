"""Benchmark of the PDFs: seconds per notice, cold and cached, and per PDF of each kind, before and after.

Run with `make bench` (or `.venv/bin/python bench/pdf.py --runs 5`). Prints
tables; it never passes or fails on time. Each time is the median of --runs.

"before" renders each PDF as every PDF was rendered before WeasyPrint's font
configuration and parsed stylesheet were shared (render_pdf's reuse=False: both
made again for each PDF); "after" as a build renders them now (one per process
and script). Both make the same bytes, and run in the same process, alternately,
so the machine's load weighs on both alike. Per notice: all its PDFs (or the
booklets and the first --measures of each script), cold (no cache) in one
process and in --workers, then cached (every PDF copied from the cache, as a
rebuild with nothing changed: no worker is started; the same code either way,
so no "before"). Per PDF: one render in this process, the mean over the PDFs of
that kind. --phases adds where the time of a PDF goes inside WeasyPrint.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from notice_site.building.cores import default_workers
from notice_site.render.pdf import (
    Job,
    _engine_fingerprint,
    all_jobs,
    job_html,
    render_pdf,
    write_pdfs,
)
from notice_site.render.site import Edition, load_editions

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://measures.example.org/"
# The first notice, and a notice whose attached documents hold tables (their own PDFs).
NOTICES = (ROOT / "data", ROOT / "tests" / "fixtures" / "tables-notice")


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def kind(job: Job) -> str:
    if job.division is not None:
        return "division"
    if job.number is None:
        return "booklet"
    return "version" if job.day is not None else "measure"


def selected(editions: dict[str, Edition], measures: int | None) -> list[Job]:
    """Every PDF, or the booklets, divisions and the first `measures` measures of each script."""
    jobs = all_jobs(editions)
    if measures is None:
        return jobs
    keys = {
        language: [m.key for m in edition.notice.measures][:measures]
        for language, edition in editions.items()
    }
    return [j for j in jobs if j.number is None or j.number in keys[j.language]]


def before_after(runs: int, action: Callable[[bool], object]) -> tuple[float, float]:
    """Median seconds of action(reuse=False) and action(reuse=True), run alternately."""
    before, after = [], []
    for run in range(runs):
        # Alternate which goes first, so neither always runs on a warmer machine.
        for reuse in (False, True) if run % 2 == 0 else (True, False):
            (after if reuse else before).append(timed(lambda r=reuse: action(r)))
    return statistics.median(before), statistics.median(after)


class Phases:
    """Seconds inside WeasyPrint's steps, by wrapping its functions (this version's names)
    while the `with` block runs."""

    WRAPPED = (
        ("weasyprint", "HTML", "__init__", "parse HTML"),
        ("weasyprint", "CSS", "__init__", "parse stylesheet"),
        ("weasyprint.document", None, "get_all_computed_styles", "cascade"),
        ("weasyprint.document", None, "build_formatting_structure", "boxes"),
        ("weasyprint.document", "Document", "_render", "render"),
        ("weasyprint.document", None, "generate_pdf", "PDF objects"),
        ("weasyprint.pdf", None, "build_fonts_dictionary", "fonts"),
        ("weasyprint.pdf", None, "add_tags", "tags"),
        ("pydyf", "PDF", "write", "write"),
    )

    def __enter__(self) -> Phases:
        import importlib

        self.seconds: dict[str, float] = defaultdict(float)
        self._saved = []
        for module, cls, name, label in self.WRAPPED:
            owner = importlib.import_module(module)
            owner = getattr(owner, cls) if cls else owner
            raw = owner.__dict__[name] if cls else getattr(owner, name)
            self._saved.append((owner, name, raw))
            setattr(owner, name, self._timer(getattr(owner, name), label))
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, name, raw in reversed(self._saved):
            setattr(owner, name, raw)

    def _timer(self, original: Callable, label: str) -> Callable:
        seconds = self.seconds

        def timer(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - start

        return timer

    def steps(self, total: float) -> dict[str, float]:
        """Each step's seconds; a step that contains others without theirs."""
        s = self.seconds
        steps = {
            "parse stylesheet": s["parse stylesheet"],
            "parse HTML": s["parse HTML"],
            "cascade (computed styles)": s["cascade"],
            "boxes": s["boxes"],
            "layout (pages, lines)": s["render"] - s["cascade"] - s["boxes"],
            "draw (page content, links, outline)": s["PDF objects"] - s["fonts"] - s["tags"],
            "tags (structure tree)": s["tags"],
            "fonts: subset and embed": s["fonts"],
            "write (compress, serialise)": s["write"],
        }
        steps["the rest"] = total - sum(steps.values())
        return steps


def table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in rows:
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("| " + " | ".join(cells) + " |")
    print()


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
        "and divisions (default: all; the README's short run checks that the benchmark "
        "works with 1)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        help="a notice's data folder (repeat for several; default: the first notice and "
        "tests/fixtures/tables-notice)",
    )
    parser.add_argument(
        "--phases",
        action="store_true",
        help="also print where a PDF's time goes inside WeasyPrint, per kind of PDF",
    )
    args = parser.parse_args(argv)

    import weasyprint  # imported once, outside the timings

    data_dirs = args.data or list(NOTICES)
    notices = [load_editions(d) for d in data_dirs]
    per_notice: list[list[str]] = []
    # each PDF of a kind and script: its job, the file the cold runs wrote, its HTML
    per_kind: dict[tuple[str, str], list[tuple[Job, Path, str]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        outs, caches = Path(tmp) / "out", Path(tmp) / "cache"
        # A warm-up render each way, so fontconfig's and Python's caches are in the same
        # state for every run.
        hans = notices[0]["zh-Hans"]
        warm = job_html(Job("zh-Hans", hans.notice.measures[0].key), hans, SITE_URL)
        render_pdf(warm, "zh-Hans", reuse=False)
        render_pdf(warm, "zh-Hans")

        for data_dir, editions in zip(data_dirs, notices, strict=True):
            slug = next(iter(editions.values())).notice.document.slug
            out = outs / slug
            jobs = selected(editions, args.measures)
            total = len(all_jobs(editions))
            which = f"all {total}" if len(jobs) == total else f"{len(jobs)} of {total}"
            for job in jobs:
                edition = editions[job.language]
                html = job_html(job, edition, SITE_URL)
                target = out / job.filename(slug)
                per_kind[kind(job), job.language].append((job, target, html))
            for workers in (1, args.workers):
                before, after = before_after(
                    args.runs,
                    lambda reuse, e=editions, j=jobs, w=workers, o=out: write_pdfs(
                        e, SITE_URL, o, j, workers=w, reuse=reuse
                    ),
                )
                processes = "1 process" if workers == 1 else f"{workers} processes"
                per_notice.append(
                    [
                        f"{slug}: {which} PDFs cold, {processes}",
                        f"{before:.2f}",
                        f"{after:.2f}",
                        f"{after / before:.2f}",
                        f"{before / len(jobs):.3f} → {after / len(jobs):.3f} s per PDF",
                    ]
                )
            cache = caches / slug
            every = all_jobs(editions)
            write_pdfs(editions, SITE_URL, out, every, workers=args.workers, cache_dir=cache)

            def from_cache(
                e: dict[str, Edition] = editions,
                j: list[Job] = jobs,
                c: Path = cache,
                o: Path = out,
            ) -> None:
                _engine_fingerprint.cache_clear()  # as in a new process: fc-match asked again
                written = write_pdfs(e, SITE_URL, o, j, workers=args.workers, cache_dir=c)
                assert all(w.from_cache for w in written)  # noqa: S101

            cached = statistics.median(timed(from_cache) for _ in range(args.runs))
            per_notice.append(
                [
                    f"{slug}: {which} PDFs cached, in this process",
                    "",
                    f"{cached:.2f}",
                    "",
                    "every PDF copied from the cache, no worker started",
                ]
            )
            if len(jobs) == total:
                command = [sys.executable, "-m", "notice_site", "pdf", "--out", str(out)]
                command += ["--cache", str(cache), "--site-url", SITE_URL, str(data_dir)]

                def run(command: list[str] = command, reused: str = f"0 rendered, {total}") -> None:
                    done = subprocess.run(
                        command, cwd=ROOT, capture_output=True, text=True, check=True
                    )
                    assert reused in done.stdout, done.stdout  # noqa: S101

                cached = statistics.median(timed(run) for _ in range(args.runs))
                per_notice.append(
                    [
                        f"{slug}: {which} PDFs cached, `python -m notice_site pdf`",
                        "",
                        f"{cached:.2f}",
                        "",
                        "as a build runs it: Python's start and imports included",
                    ]
                )

        rows: list[list[str]] = []
        for (what, language), items in per_kind.items():
            before, after = before_after(
                args.runs,
                lambda reuse, items=items: [
                    render_pdf(h, j.language, reuse=reuse) for j, _, h in items
                ],
            )
            sizes = [target.stat().st_size for _, target, _ in items]
            n = len(items)
            rows.append(
                [
                    f"one {what} {language} (mean of {n})",
                    f"{before / n:.3f}",
                    f"{after / n:.3f}",
                    f"{after / before:.2f}",
                    f"{statistics.mean(sizes) / 1e3:.0f} KB mean, {max(sizes) / 1e3:.0f} KB max",
                ]
            )

        phases: list[list[str]] = []
        if args.phases:
            columns: list[str] = []
            found: list[dict[str, float]] = []
            for what in sorted({w for w, _ in per_kind}):
                items = [i for (w, _), group in per_kind.items() if w == what for i in group]
                for reuse in (False, True):
                    with Phases() as spy:
                        spent = timed(
                            lambda items=items, reuse=reuse: [
                                render_pdf(h, j.language, reuse=reuse) for j, _, h in items
                            ]
                        )
                    found.append({k: v / len(items) for k, v in spy.steps(spent).items()})
                    columns.append(f"{what} {'after' if reuse else 'before'} ms")
            for step in found[0]:
                phases.append([step, *(f"{f[step] * 1e3:.0f}" for f in found)])
            phases.append(["total", *(f"{sum(f.values()) * 1e3:.0f}" for f in found)])

    print(f"WeasyPrint {weasyprint.__version__}, median of {args.runs} runs")
    print()
    header = ["what", "before s", "after s", "after/before", "note"]
    table(header, per_notice)
    table(["per PDF", "before s", "after s", "after/before", "size"], rows)
    if phases:
        print("Where one PDF's time goes (milliseconds per PDF, one run, this process):")
        print()
        table(["step", *columns], phases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
