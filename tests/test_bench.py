"""The benchmark runs as the README shows it: its shortest form, typed as written, prints the
tables (the numbers are for a person to read; nothing here judges them)."""

from __future__ import annotations

import re

import pytest
from support.project import ROOT, readme_block, shell

pytestmark = pytest.mark.slow


def test_readme_bench_commands_run_and_print_their_tables() -> None:
    whole, short = readme_block("Performance")
    assert whole == "make bench"
    assert short.startswith("make bench BENCH_ARGS=") and "--runs 1" in short
    result = shell(short, ROOT)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    # bench/build.py: ours against plain MkDocs (the same sources and configuration, no hooks)
    header = next(line for line in result.stdout.splitlines() if "ours/plain" in line)
    columns = [c.strip() for c in header.strip("|").split("|")]
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 20 "))
    values = dict(zip(columns, (c.strip() for c in row.strip("|").split("|")), strict=True))
    ours, plain, ratio = (float(values[k]) for k in ("ours s", "plain s", "ours/plain"))
    assert ours > 0 and plain > 0
    assert abs(ratio - ours / plain) < 0.01 + 0.01 * ratio
    assert re.search(r"^\| MkDocs: zh-Hans and zh-Hant side by side +\| +\d", result.stdout, re.M)
    # bench/pdf.py: the booklets and the first measure's PDFs (--measures 1), one process and
    # several, before and after, then from the cache; per PDF of each kind (a measure of each
    # notice: the first one and the tables fixture)
    number = r" +\d+\.\d\d +\|"
    cold = rf"^\| twenty-measures: 4 of 42 PDFs cold, 1 process +\|{number}{number}"
    assert re.search(cold, result.stdout, re.M)
    cached = rf"^\| twenty-measures: 4 of 42 PDFs cached, in this process +\| +\|{number}"
    assert re.search(cached, result.stdout, re.M)
    assert re.search(r"^\| one measure zh-Hant \(mean of 2\) +\| +\d", result.stdout, re.M)
    assert re.search(r"^\| one division zh-Hans \(mean of 1\) +\| +\d", result.stdout, re.M)


@pytest.mark.parametrize("shapes", ["", " --shapes"])
def test_the_library_pages_bench_prints_its_table(shapes: str) -> None:
    """bench/library_pages.py in its shortest form: the bytes of a library's own pages, of
    copies of the sample notice or (--shapes) of bench/library.py's notices."""
    result = shell(f".venv/bin/python bench/library_pages.py{shapes} --sizes 12", ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    columns = [c.strip() for c in lines[0].strip("|").split("|")]
    assert columns[:3] == ["notices", "home B", "theme B"]
    row = next(line for line in lines if line.startswith("|      12 "))
    values = dict(zip(columns, (c.strip() for c in row.strip("|").split("|")), strict=True))
    assert all(int(values[c].replace(",", "")) > 0 for c in columns)
    # the largest pages, named on stderr
    assert re.search(r"^  [\d,]+ B \S+index\.html$", result.stderr, re.M), result.stderr
