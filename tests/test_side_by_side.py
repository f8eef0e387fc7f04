"""`python -m notice_site build`: one MkDocs process per script, merged into one site.

make site builds this way; `mkdocs build` and `mkdocs serve` build every script
in one process. Both must give the same site, byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.commands import BUILD
from support.pages import Elements
from support.project import ROOT, SITE_URL, copy_project, run, snapshot

from notice_site.building.sides import BuildError, merge

EPOCH = "1764000000"


@pytest.mark.slow
@pytest.mark.parametrize("offline", [False, True], ids=["published", "offline"])
def test_side_by_side_build_equals_mkdocs_build(tmp_path: Path, offline: bool) -> None:
    env = {"SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": EPOCH}
    one = run(
        ["mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "one")],
        **env,
        **({"OFFLINE": "true"} if offline else {}),
    )
    assert one.returncode == 0, one.stderr
    flags = ["--offline"] if offline else []
    both = run([*BUILD, *flags, "--site-dir", str(tmp_path / "both")], **env)
    assert both.returncode == 0, both.stderr
    assert "every internal link and anchor resolves" in both.stdout
    assert not list(tmp_path.glob(".site-part-*"))
    one_files, both_files = snapshot(tmp_path / "one"), snapshot(tmp_path / "both")
    assert sorted(one_files) == sorted(both_files)
    differing = [name for name in one_files if one_files[name] != both_files[name]]
    assert differing == []
    # the site has what either process alone would lack
    page = "measures/13.html" if offline else "measures/13/index.html"
    assert page in both_files and f"zh-Hant/{page}" in both_files
    assert "zh-Hant/search/search_index.json" in both_files


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_404_pages_switch_to_each_script_home(small_site: Path, prefix: str) -> None:
    """static-i18n gave the Traditional 404 page the last Simplified page's language links,
    in a build of both scripts in one process (mkdocs build, mkdocs serve), as here."""
    page = Elements((small_site / prefix / "404.html").read_text(encoding="utf-8"))
    switcher = {a["hreflang"]: a["href"] for a in page.find("a", **{"class": "md-select__link"})}
    assert switcher == {"zh-Hans": "/", "zh-Hant": "/zh-Hant/"}


@pytest.mark.slow
def test_one_process_builds_only_its_script(tmp_path: Path) -> None:
    """A process started with settings naming one script (as building.sides starts them)
    builds that script alone; settings naming a script we do not publish stop it with one
    line."""
    from notice_site.settings import HANDED_VARIABLE, Settings

    out = tmp_path / "out"
    one = Settings.read(ROOT, {}).but(script="zh-Hant")
    result = run(
        ["mkdocs", "build", "--strict", "--site-dir", str(out)],
        **{HANDED_VARIABLE: one.to_json()},
    )
    assert result.returncode == 0, result.stderr
    assert (out / "zh-Hant" / "measures" / "13" / "index.html").is_file()
    assert not (out / "measures" / "13").exists()
    assert not (out / "zh-Hant" / "search" / "search_index.json").exists()  # the merge's job

    result = run(
        ["mkdocs", "build", "--site-dir", str(tmp_path / "bad")],
        **{HANDED_VARIABLE: one.but(script="zh-TW").to_json()},
    )
    assert result.returncode != 0
    assert f"{HANDED_VARIABLE}: script 'zh-TW' is not one of zh-Hans, zh-Hant" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_failing_process_fails_the_build_and_is_reported_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - 关于本文件: about.md\n", "  - 关于本文件: about.md\n  - 下载: gone.md\n")
    )
    result = run([*BUILD, "--site-dir", str(tmp_path / "out")], cwd=project)
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if "gone.md" in line]
    assert len(warnings) == 1, result.stderr  # both processes met it; shown once
    assert "error: mkdocs build failed for zh-Hans, zh-Hant" in result.stderr
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.glob(".site-part-*"))


@pytest.mark.slow
def test_a_broken_template_link_fails_the_build(tmp_path: Path) -> None:
    """The link check runs on the merged site (each process alone lacks the other script)."""
    project = copy_project(tmp_path / "project")
    template = project / "overrides" / "theme.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('href="{{ tm.overview_href }}"', 'href="../nowhere/"'))
    result = run([*BUILD, "--site-dir", str(tmp_path / "out")], cwd=project)
    assert result.returncode == 1
    assert (
        "error: broken link: themes/tariff/index.html: ../nowhere/ (no such file)" in result.stderr
    )
    assert "error: broken link: zh-Hant/themes/tariff/index.html: ../nowhere/" in result.stderr


@pytest.mark.slow
def test_bad_data_stops_the_build_with_one_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "measures.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("number: 13", "number: 31"))
    result = run([*BUILD, "--site-dir", str(tmp_path / "out")], cwd=project)
    assert result.returncode == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1, result.stderr
    assert re.fullmatch(
        r"error: data/measures\.yaml:\d+: measure 31, number: expected 13: .*", errors[0]
    )
    assert not (tmp_path / "out").exists()


def _folder(base: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_text(text, encoding="utf-8")
    return base


SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="x">\n'
    "    <url>\n        <loc>{}</loc>\n    </url>\n</urlset>"
)


def _gz(text: str) -> bytes:
    import gzip

    return gzip.compress(text.encode(), mtime=int(EPOCH))


def test_merge_refuses_builds_that_disagree(tmp_path: Path) -> None:
    shared = {"assets/app.js": "same", "404.html": "hans 404"}
    hans = _folder(
        tmp_path / "hans", {**shared, "index.html": "hans", "sitemap.xml": SITEMAP.format("/")}
    )
    (hans / "sitemap.xml.gz").write_bytes(_gz(SITEMAP.format("/")))
    hant = _folder(
        tmp_path / "hant",
        {**shared, "zh-Hant/index.html": "hant", "sitemap.xml": SITEMAP.format("/zh-Hant/")},
    )
    parts = {"zh-Hans": hans, "zh-Hant": hant}
    (hant / "assets" / "app.js").write_text("changed", encoding="utf-8")
    with pytest.raises(BuildError, match=r"assets/app\.js: the zh-Hant build wrote it differently"):
        merge(parts, tmp_path / "site")
    assert not (tmp_path / "site").exists()

    (hant / "assets" / "app.js").write_text("same", encoding="utf-8")
    merge(parts, tmp_path / "site")
    site = tmp_path / "site"
    assert (site / "zh-Hant" / "index.html").read_text(encoding="utf-8") == "hant"
    assert (site / "404.html").read_text(encoding="utf-8") == "hans 404"
    merged = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]*)</loc>", merged) == ["/", "/zh-Hant/"]
    assert merged.endswith("    </url>\n</urlset>") and "</url>\n    <url>" in merged
    assert (site / "sitemap.xml.gz").read_bytes() != _gz(SITEMAP.format("/"))
    assert (site / "sitemap.xml.gz").read_bytes()[4:8] == int(EPOCH).to_bytes(4, "little")
