"""Benchmark of the site build: time, peak memory and output size for N measures, against plain MkDocs.

For each N (default 20, 200, 2000) it writes a synthetic notice of N measures
(copies of the real ones with new numbers, themes and relations, so the text
statistics stay those of the real notice) into a copy of the project, so the
real mkdocs.yml, hooks and templates run, and builds it three ways:

- ours: `python -m notice_site build`, as `make site` does (both scripts,
  one MkDocs process each side by side, merged; search indexes, link check;
  no PDFs, no offline copy);
- one process: `mkdocs build --strict` (every script in turn in one process,
  as `mkdocs serve` builds; the same output);
- plain: the same pages as plain MkDocs: the generated Markdown sources (front
  matter included) and our template overrides, with the same theme, search
  and static-i18n configuration, but without our hooks (no generation, no own
  search index, no link check), built by `mkdocs build` in one process.

It also prints where the time of the largest side-by-side build goes (the
steps it reports), a cProfile of the largest one-process build by phase (so
Python code runs slower than in the timed builds: read the shares, not the
seconds), the whole `make site` of the real notice (`python -m notice_site
site`, the command the Makefile and the tests run: PDFs with no cache, the
offline zip), and a `mkdocs serve` rebuild after editing the first clause of
the real notice.

Run with `make bench` (or `.venv/bin/python bench/build.py --sizes 20,200 --runs 3`).
Prints tables; it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pstats
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
SITE_URL = "https://measures.example.org/"
# What a copy of the project leaves out: build output, caches of other tools, tests.
IGNORE = shutil.ignore_patterns(
    ".venv", "site", ".site-*", ".git", "__pycache__", ".*cache", "node_modules", "tests"
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss: int  # bytes, the largest process of the build
    log: str


@dataclass(frozen=True)
class Result:
    n: int
    runs: list[Run]  # ours: side by side
    one_process: list[Run]
    plain: list[Run]
    size: int
    index_sizes: dict[str, int]
    reports: list[dict]  # what each of our builds reported: steps' seconds, peak memory

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def one_process_seconds(self) -> float:
        return statistics.median(r.seconds for r in self.one_process)

    @property
    def plain_seconds(self) -> float:
        return statistics.median(r.seconds for r in self.plain)

    @property
    def peak_rss(self) -> int:
        """Our build's memory at most at once: its own peak plus each MkDocs process's."""
        return max(sum(report["peak_rss"].values()) for report in self.reports)

    def phases(self) -> list[tuple[str, float]]:
        """Median seconds of each step our builds reported."""
        names = list(self.reports[0]["phases"])
        return [(n, statistics.median(r["phases"][n] for r in self.reports)) for n in names]


def environment(project: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, **extra}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env['PATH']}"
    env["PYTHONPATH"] = str(project / "src")  # the copy's own package
    env.pop("OFFLINE", None)
    return env


def measure(args: list[str], project: Path, **extra: str) -> Run:
    """Run a command in `project`; its wall time and the peak RSS of its largest process."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            args, cwd=project, env=environment(project, **extra), stdout=output, stderr=output
        )
        # wait4 gives this child's own resource usage (ru_maxrss in KiB on Linux).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        log = output.read()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed in {project}:\n{log}")
    return Run(seconds, usage.ru_maxrss * 1024, log)


def mkdocs_build(project: Path, site_dir: Path) -> Run:
    """`mkdocs build --strict`: every script, one after another, in one process."""
    shutil.rmtree(site_dir, ignore_errors=True)
    return measure(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir)], project
    )


def side_by_side_build(project: Path, site_dir: Path) -> tuple[Run, dict]:
    """What make site runs: one MkDocs process per script, merged; and the build's own report."""
    shutil.rmtree(site_dir, ignore_errors=True)
    report = site_dir.with_name(f"{site_dir.name}.json")
    run = measure(
        [
            sys.executable,
            "-m",
            "notice_site",
            "build",
            "--site-dir",
            str(site_dir),
            "--report",
            str(report),
        ],
        project,
    )
    return run, json.loads(report.read_text(encoding="utf-8"))


# -- the projects ---------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True  # the loader forbids aliases


def synthetic_notice(real: dict, n: int) -> dict:
    """N measures: the real ones over and over, renumbered, with new themes and relations.

    Each copy keeps the title and clauses of its model and as many themes and
    related measures as it has, drawn at random (a fixed seed per N, so runs
    and machines build the same notice).
    """
    rng = random.Random(n)  # noqa: S311  (not for secrets: a reproducible notice)
    slugs = [t["slug"] for t in real["themes"]]
    model = real["measures"]
    measures = []
    for number in range(1, n + 1):
        source = model[(number - 1) % len(model)]
        others = [k for k in range(1, n + 1) if k != number] if n <= 200 else None
        count = min(len(source["related"]), n - 1)
        if others is None:  # sampling from range() is enough and avoids an O(N²) list
            related = set()
            while len(related) < count:
                k = rng.randint(1, n)
                if k != number:
                    related.add(k)
            related = sorted(related)
        else:
            related = sorted(rng.sample(others, count))
        measures.append(
            {
                "number": number,
                "title": source["title"],
                "themes": rng.sample(slugs, len(source["themes"])),
                "related": related,
                "clauses": list(source["clauses"]),
            }
        )
    return {**real, "measures": measures}


def make_project(base: Path, name: str, notice: dict, template: Path) -> Path:
    """A copy of the template project whose data/measures.yaml holds `notice`."""
    project = base / name
    shutil.copytree(template, project, ignore=IGNORE)
    cache = template / ".cache"
    if cache.is_dir():  # jieba's merged dictionary as a previous build left it (not the PDFs)
        shutil.copytree(cache, project / ".cache", ignore=shutil.ignore_patterns("pdf"))
    text = yaml.dump(notice, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    (project / "data" / "measures.yaml").write_text(text, encoding="utf-8")
    return project


def plain_project(ours: Path, target: Path) -> Path:
    """The same pages as plain MkDocs: the generated sources and our overrides, no hooks.

    The sources keep their front matter, so our templates (overrides/) still
    render the same pages: without them Material would print an empty page for
    most of our sources, whose content is in the front matter. What is left
    out is our hooks' work: generating the sources, our search indexes (Material's
    own search index, segmented with jieba, is still made), the link check.
    """
    shutil.copytree(ours / "docs", target / "docs")
    shutil.copytree(ours / "overrides", target / "overrides")
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^hooks:\n(?:  - .*\n)+", "", config)
    if count != 1:
        raise SystemExit("mkdocs.yml: no hooks: list found")
    config = re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", config)
    # What hooks/notice.py would set, written into the configuration as static values
    # (the default script's; the 404 template needs them): the same configuration.
    config, count = re.subn(r"(?m)^extra:\n", "extra:\n" + _hook_settings(ours), config)
    if count != 1:
        raise SystemExit("mkdocs.yml: no extra: block found")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def _hook_settings(project: Path) -> str:
    """What hooks/notice.py and hooks/theme.py put in config.extra, for the default script,
    as YAML lines."""
    from notice_site.model import languages
    from notice_site.model.languages import DEFAULT_LANGUAGE
    from notice_site.render.security import REFERRER_POLICY
    from notice_site.render.site import load_editions
    from notice_site.render.sitewide import not_found_page

    editions = load_editions(project / "data", project)
    extra = {
        "not_found": not_found_page(editions)[DEFAULT_LANGUAGE],
        "referrer": REFERRER_POLICY,
        "script_home": languages.of(DEFAULT_LANGUAGE).prefix,  # hooks/theme.py
    }
    # JSON is YAML: one flow mapping per key, indented under extra:
    return "".join(
        f"  {key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in extra.items()
    )


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def index_sizes(site: Path) -> dict[str, int]:
    return {
        "zh-Hans": (site / "search" / "search_index.json").stat().st_size,
        "zh-Hant": (site / "zh-Hant" / "search" / "search_index.json").stat().st_size,
    }


def bench_size(base: Path, real: dict, n: int, runs: int, template: Path) -> Result:
    project = make_project(base, f"ours-{n}", synthetic_notice(real, n), template)
    site = base / f"site-{n}"
    ours, reports, one_process = [], [], []
    # The first build of a copy writes its page sources: every build timed below finds
    # them in place, as a rebuild does (the first build of a checkout writes them once).
    mkdocs_build(project, site)
    for i in range(runs):
        run, report = side_by_side_build(project, site)
        ours.append(run)
        reports.append(report)
        print(f"  N={n} ours run {i + 1}: {run.seconds:.1f} s", file=sys.stderr)
    size, indexes = folder_size(site), index_sizes(site)
    for i in range(runs):
        one_process.append(mkdocs_build(project, base / f"one-site-{n}"))
        print(f"  N={n} one-process run {i + 1}: {one_process[-1].seconds:.1f} s", file=sys.stderr)
    shutil.rmtree(base / f"one-site-{n}", ignore_errors=True)
    plain = plain_project(project, base / f"plain-{n}")
    plain_runs = []
    for i in range(runs):
        plain_runs.append(mkdocs_build(plain, base / f"plain-site-{n}"))
        print(f"  N={n} plain run {i + 1}: {plain_runs[-1].seconds:.1f} s", file=sys.stderr)
    shutil.rmtree(base / f"plain-site-{n}", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    return Result(n, ours, one_process, plain_runs, size, indexes, reports)


# -- the profile ------------------------------------------------------------------

# (phase, file suffix, function) whose cumulative time is the phase's; nested rows
# (indented) are part of the row above them.
PHASES = [
    ("whole build (mkdocs build, both scripts)", "mkdocs/commands/build.py", "build"),
    ("generate hook: load, convert, write sources", "hooks/generate.py", "on_config"),
    (
        "data load and validation (generate and search hooks)",
        "notice_site/load.py",
        "load_notice",
    ),
    (
        "conversion to Traditional (generate and search hooks)",
        "notice_site/convert.py",
        "convert_notice",
    ),
    ("  page sources (Markdown) and writing them", "notice_site/site.py", "write_sources"),
    ("MkDocs: Markdown to HTML", "mkdocs/structure/pages.py", "render"),
    ("MkDocs: templates to HTML files", "mkdocs/commands/build.py", "_build_page"),
    (
        "  Material search: index pages (jieba)",
        "material/plugins/search/plugin.py",
        "add_entry_from_context",
    ),
    (
        "static-i18n: merge search indexes",
        "mkdocs_static_i18n/plugin.py",
        "reconfigure_search_index",
    ),
    ("search hook: our indexes", "hooks/search.py", "on_post_build"),
    ("  jieba dictionary", "notice_site/search.py", "__init__"),
    ("  segmentation", "notice_site/search.py", "segment"),
    ("link check hook", "hooks/linkcheck.py", "on_post_build"),
]


def profile(project: Path, site: Path, out: Path) -> list[tuple[str, float]]:
    """cProfile one build; cumulative seconds of each phase in PHASES."""
    shutil.rmtree(site, ignore_errors=True)
    args = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs"]
    measure([*args, "build", "--strict", "--site-dir", str(site)], project)
    stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    rows = []
    for label, suffix, function in PHASES:
        total = 0.0
        for (filename, _, name), (_, _, _, cumulative, _) in stats.items():
            if name == function and filename.endswith(suffix):
                total = max(total, cumulative) if function == "build" else total + cumulative
        rows.append((label, total))
    return rows


# -- PDFs and mkdocs serve ---------------------------------------------------------


def whole_site(project: Path, out: Path, runs: int) -> list[float]:
    """All of make site for the real notice (python -m notice_site site: both scripts, the
    PDFs with no cache, the offline zip, the link check, publishing)."""
    times = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        args = [sys.executable, "-m", "notice_site", "site", "--site-dir", str(out)]
        times.append(measure(args, project).seconds)
    return times


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuilds(project: Path, edits: int) -> list[float]:
    """Seconds from saving data/measures.yaml with one clause changed to the browsers' reload."""
    data = project / "data" / "measures.yaml"
    original = data.read_text(encoding="utf-8")
    # The first clause of the first measure, whatever the notice: a word goes in before its end.
    clause = yaml.safe_load(original)["measures"][0]["clauses"][0]
    if f"- {clause}\n" not in original:
        raise SystemExit(f"data/measures.yaml: the clause to edit is not written plain: {clause}")
    log_path = project / "serve.log"
    port = free_port()
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [str(VENV_BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=environment(project),
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    try:

        def wait_for(pattern: str, count: int, limit: float = 120) -> float:
            deadline = time.monotonic() + limit
            while time.monotonic() < deadline:
                if len(re.findall(pattern, log_path.read_text(encoding="utf-8"))) >= count:
                    return time.perf_counter()
                time.sleep(0.02)
            raise SystemExit(
                f"mkdocs serve: no '{pattern}' after {limit} s:\n{log_path.read_text()}"
            )

        def reloads() -> int:
            return len(re.findall(r"Reloading browsers", log_path.read_text(encoding="utf-8")))

        def settle(quiet: float = 3.0) -> None:
            """Wait until no rebuild has started for `quiet` seconds: an edit of the data
            is followed by rebuilds for the sources the hook rewrote."""
            size, since = -1, time.monotonic()
            while time.monotonic() - since < quiet:
                now = log_path.stat().st_size
                if now != size:
                    size, since = now, time.monotonic()
                time.sleep(0.1)

        wait_for(r"Serving on", 1)
        times = []
        for i in range(edits):
            settle()
            before = reloads()
            edited = clause[:-1] + "和网点" * (i + 1) + clause[-1]
            start = time.perf_counter()
            data.write_text(original.replace(f"- {clause}\n", f"- {edited}\n"), encoding="utf-8")
            # the first reload after the edit shows the edited clause
            times.append(wait_for(r"Reloading browsers", before + 1) - start)
        return times
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server we started, and only it
        server.wait(timeout=30)
        data.write_text(original, encoding="utf-8")


# -- the report -------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("| " + " | ".join("-" * w for w in widths) + " |")
    for row in rows:
        lines.append(
            "| "
            + " | ".join(
                str(x).rjust(w) if i else str(x).ljust(w)
                for i, (x, w) in enumerate(zip(row, widths, strict=True))
            )
            + " |"
        )
    return "\n".join(lines)


def mb(size: int) -> str:
    return f"{size / 1e6:,.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="20,200,2000", help="numbers of measures, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds of each size (median shown)")
    parser.add_argument(
        "--large-runs", type=int, default=None, help="builds of sizes over 500 (default: --runs)"
    )
    parser.add_argument(
        "--site-runs",
        type=int,
        default=3,
        help="runs of the whole make site, real notice (0: skip)",
    )
    parser.add_argument(
        "--serve-edits", type=int, default=3, help="edits under mkdocs serve (0: skip)"
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="skip the profile of the largest N"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    real = yaml.safe_load((ROOT / "data" / "measures.yaml").read_text(encoding="utf-8"))

    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        base = Path(tmp)
        # A warm-up build of the real notice: jieba's caches (ours in .cache/, Material's
        # in /tmp) exist from then on, as they do after a checkout's first build.
        template = base / "template"
        shutil.copytree(ROOT, template, ignore=IGNORE)
        mkdocs_build(template, base / "warm-up")
        for n in sizes:
            runs = args.large_runs if n > 500 and args.large_runs else args.runs
            results.append(bench_size(base, real, n, runs, template))
        largest = max(sizes)
        phases = (
            []
            if args.no_profile
            else profile(base / f"ours-{largest}", base / "prof-site", base / "build.prof")
        )
        site_times = whole_site(template, base / "site", args.site_runs) if args.site_runs else []
        serve_times = serve_rebuilds(template, args.serve_edits) if args.serve_edits else []

    from importlib.metadata import version

    print(
        f"MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
        f"static-i18n {version('mkdocs-static-i18n')}; {os.cpu_count()} cores; output in {tempfile.gettempdir()}"
    )
    print(
        "ours = python -m notice_site build (make site: one MkDocs process per script, side by side, "
        "merged; search indexes, link check); one process = mkdocs build --strict (as mkdocs serve); "
        "plain = the same sources and templates, no hooks, mkdocs build. No PDFs, no offline copy. "
        "Median of the runs shown. RSS: ours = its own peak + each MkDocs process's (at most that at once); "
        "the others = the build process."
    )
    print()
    rows = []
    for r in results:
        rows.append(
            [
                f"{r.n:,}",
                str(len(r.runs)),
                f"{r.seconds:.2f}",
                f"{r.one_process_seconds:.2f}",
                f"{r.plain_seconds:.2f}",
                f"{r.seconds / r.plain_seconds:.2f}",
                f"{r.one_process_seconds / r.plain_seconds:.2f}",
                f"{r.peak_rss / 1e6:,.0f}",
                f"{max(x.peak_rss for x in r.plain) / 1e6:,.0f}",
                mb(r.size),
                mb(r.index_sizes["zh-Hans"]),
                mb(r.index_sizes["zh-Hant"]),
            ]
        )
    print(
        table(
            [
                "N measures",
                "runs",
                "ours s",
                "one process s",
                "plain s",
                "ours/plain",
                "one process/plain",
                "ours RSS MB",
                "plain RSS MB",
                "output MB",
                "index zh-Hans MB",
                "index zh-Hant MB",
            ],
            rows,
        )
    )
    print()
    growth = []
    for a, b in itertools.pairwise(results):
        factor = b.n / a.n
        growth.append(
            [
                f"{a.n:,} → {b.n:,} (×{factor:g})",
                f"×{b.seconds / a.seconds:.2f}",
                f"×{b.one_process_seconds / a.one_process_seconds:.2f}",
                f"×{b.plain_seconds / a.plain_seconds:.2f}",
                f"×{b.size / a.size:.2f}",
                f"×{b.index_sizes['zh-Hans'] / a.index_sizes['zh-Hans']:.2f}",
            ]
        )
    if growth:
        print(
            table(
                ["growth", "ours time", "one process time", "plain time", "output", "index"],
                growth,
            )
        )
        print()
    big = next(r for r in results if r.n == largest)
    steps = big.phases()
    total = sum(seconds for _, seconds in steps)
    print(
        f"Where the time goes: our build of N = {largest:,} (median of {len(big.reports)}; "
        "steps in order, wall time):"
    )
    print()
    print(
        table(
            ["step", "seconds", "share"],
            [[label, f"{sec:.2f}", f"{sec / total:.0%}"] for label, sec in steps]
            + [["total", f"{total:.2f}", "100%"]],
        )
    )
    print()
    if phases:
        total = phases[0][1]
        print(
            f"Inside MkDocs: profile of the one-process build of N = {largest:,} (cProfile: Python runs slower than unprofiled; cumulative, nested rows are part of the row above):"
        )
        print()
        print(
            table(
                ["phase", "seconds", "share"],
                [[label, f"{s:.2f}", f"{s / total:.0%}"] for label, s in phases],
            )
        )
        print()
    if site_times:
        print(
            f"make site of the real notice (python -m notice_site site: both scripts, every PDF with no cache, the offline zip): median {statistics.median(site_times):.2f} s of {len(site_times)}"
        )
    if serve_times:
        print(
            f"mkdocs serve, real notice, one clause edited → browsers reloaded: median {statistics.median(serve_times):.2f} s of {len(serve_times)} ({', '.join(f'{t:.2f}' for t in serve_times)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
