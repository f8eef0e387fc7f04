"""A build's settings: read once from the environment and the command line, a bad value is
one line naming it, and what a command hands to the processes it starts comes back whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notice_site.settings import HANDED_VARIABLE, Settings, SettingsError

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_are_the_projects(tmp_path: Path) -> None:
    settings = Settings.read(tmp_path, {})
    assert settings.site_file == tmp_path.resolve() / "site.yaml"
    assert settings.data is None
    assert (settings.site_url, settings.site_url_given) == ("http://127.0.0.1:8000/", False)
    assert (settings.draft, settings.epoch, settings.script, settings.library) == (
        False,
        None,
        None,
        False,
    )
    # no site file: the notice is data/
    assert settings.notice_dir() == tmp_path.resolve() / "data"


def test_the_environment_is_read_as_make_passes_it() -> None:
    settings = Settings.read(
        ROOT,
        {
            "NOTICE_SITE": "site.yaml",
            "NOTICE_DATA": "data",
            "NOTICE_DRAFT": "1",
            "SITE_URL": "https://www.example.gov.cn/x",
            "SOURCE_DATE_EPOCH": "1700000000",
        },
    )
    assert settings.site_file == ROOT / "site.yaml"
    assert settings.notice_dir() == ROOT / "data"
    assert settings.site_url == "https://www.example.gov.cn/x/"
    assert settings.site_url_given and settings.draft and settings.epoch == 1700000000


def test_the_command_line_wins_over_the_environment() -> None:
    settings = Settings.read(
        ROOT,
        {"NOTICE_DATA": "nowhere", "SITE_URL": "https://a.example/"},
        data=Path("data"),
        site_url="https://b.example/",
    )
    assert settings.data == ROOT / "data"
    assert settings.site_url == "https://b.example/"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"NOTICE_SITE": "data"},
            "SITE=data: is a folder; expected a site file such as site.yaml (DATA=<folder> "
            "builds one notice folder alone)",
        ),
        (
            {"NOTICE_SITE": "nowhere.yaml"},
            "SITE=nowhere.yaml: no such file; expected a site file such as site.yaml",
        ),
        (
            {"NOTICE_DATA": "site.yaml"},
            "DATA=site.yaml: is a file; expected a notice folder (with measures.yaml)",
        ),
        (
            {"SITE_URL": "www.example.gov.cn"},
            "SITE_URL=www.example.gov.cn: site URL must be an absolute http(s) URL, got "
            "'www.example.gov.cn'",
        ),
        ({"NOTICE_DRAFT": "maybe"}, "DRAFT=maybe: expected 1 (or nothing)"),
        (
            {"NOTICE_SHARD": "3/2"},
            "SHARD=3/2: expected k/n, the k-th of n shares, 1 ≤ k ≤ n (SHARD=1/4)",
        ),
        (
            {"NOTICE_SHARD": "half"},
            "SHARD=half: expected k/n, the k-th of n shares, 1 ≤ k ≤ n (SHARD=1/4)",
        ),
        (
            {"SOURCE_DATE_EPOCH": "yesterday"},
            "SOURCE_DATE_EPOCH=yesterday: expected whole seconds since 1970",
        ),
        (
            {HANDED_VARIABLE: '{"root": "/"}'},
            f"{HANDED_VARIABLE}: not the settings of a build ('site_file')",
        ),
    ],
)
def test_a_bad_value_is_one_line_naming_it(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.read(ROOT, environ)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_a_process_gets_the_settings_whole_and_nothing_of_the_callers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings.read(ROOT, {"SITE_URL": "https://www.example.gov.cn/"}).but(
        data=ROOT / "data", script="zh-Hant", library=True, feed="https://x.example/feed.xml"
    )
    monkeypatch.setenv("NOTICE_DATA", "elsewhere")
    monkeypatch.setenv("OFFLINE", "true")
    env = settings.environment()
    assert "NOTICE_DATA" not in env and "OFFLINE" not in env
    assert env["SITE_URL"] == "https://www.example.gov.cn/"
    assert Settings.read(Path("/"), env) == settings
    assert settings.environment(offline=True)["OFFLINE"] == "true"
    # one serialised object, not a set of variables
    assert json.loads(env[HANDED_VARIABLE])["script"] == "zh-Hant"


def test_a_handed_script_must_be_one_of_ours() -> None:
    handed = Settings.read(ROOT, {}).but(script="zh-Latn").to_json()
    with pytest.raises(SettingsError, match="script 'zh-Latn' is not one of zh-Hans, zh-Hant"):
        Settings.read(ROOT, {HANDED_VARIABLE: handed})


@pytest.mark.slow
def test_make_takes_site_and_data_from_its_command_line_before_the_shell() -> None:
    """An exported DATA meant for another program does not turn `make check SITE=…` into a
    check of one notice; SITE exported alone is read, and a bad one is one line."""
    from support.project import shell

    given = shell("make check SITE=site.yaml", ROOT, DATA="nowhere", SITE="/srv/unrelated")
    assert (given.returncode, given.stdout) == (0, "data/measures.yaml: ok, 20 measures\n")
    exported = shell("make check", ROOT, SITE="data")  # a folder, where a file is expected
    assert exported.returncode == 2
    errors = [line for line in exported.stderr.splitlines() if not line.startswith("make:")]
    assert errors == [
        "error: SITE=data: is a folder; expected a site file such as site.yaml "
        "(DATA=<folder> builds one notice folder alone)"
    ]
    assert "Traceback" not in exported.stderr


def test_a_share_is_read_and_handed_on() -> None:
    """SHARD=2/4 is the second of four shares, handed to a started process unchanged; none
    given, every notice."""
    settings = Settings.read(ROOT, {"NOTICE_SHARD": "2/4"})
    assert settings.shard == (2, 4)
    assert Settings.from_json(settings.to_json()).shard == (2, 4)
    assert Settings.read(ROOT, {}).shard is None


def test_one_notice_alone_refuses_a_share(tmp_path: Path) -> None:
    """SHARD is for a library: `make site` of one notice with it stops with one line, before
    anything is written."""
    from support.commands import in_process

    result = in_process(["site", "--site-dir", str(tmp_path / "site")], ROOT, NOTICE_SHARD="1/2")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: SHARD=1/2: shares are for a library (a site file of several notices); one "
        "notice is built whole"
    ]
    assert not (tmp_path / "site").exists()
