"""The tests see nothing of the caller's environment that a build reads: SITE=/tmp exported
in the shell that runs `make test` changes no test. The session starts without
support.project.BUILD_VARIABLES (conftest's pytest_configure); a test sets what it means."""

from __future__ import annotations

import os
import re

import pytest
from support.commands import in_process
from support.project import BUILD_VARIABLES, ROOT, forget_build_variables

from notice_site.model.urls import DEFAULT_SITE_URL
from notice_site.settings import Settings, SettingsError

# What a caller might have exported, none of it this project's defaults.
UNRELATED = {
    "SITE": "/srv/unrelated",
    "DATA": "nowhere",
    "SITE_URL": "https://unrelated.example/",
    "DRAFT": "1",
    "SHARD": "1/2",
    "OFFLINE": "true",
    "NOTICE_SITE": "/srv/unrelated.yaml",
    "NOTICE_DATA": "nowhere",
    "NOTICE_DRAFT": "1",
    "NOTICE_SHARD": "2/3",
    "NOTICE_SITE_SETTINGS": "/srv/unrelated-settings.yaml",
}


def test_the_session_holds_none_of_the_build_variables() -> None:
    """Whatever the caller exported: make test-fast passes SITE and DATA on as NOTICE_SITE
    and NOTICE_DATA, and a person's shell may hold SITE_URL."""
    assert [name for name in BUILD_VARIABLES if name in os.environ] == []


def test_a_build_reads_what_the_caller_exported_until_it_is_forgotten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The variables do change what a build reads (so a session that kept them would build
    something else), and forget_build_variables, which the session starts with, removes
    every one of them."""
    assert set(UNRELATED) == set(BUILD_VARIABLES)
    for name, value in UNRELATED.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match="not the settings of a build"):
        Settings.read(ROOT)
    monkeypatch.delenv("NOTICE_SITE_SETTINGS")
    with pytest.raises(SettingsError, match=r"SITE=/srv/unrelated\.yaml: no such file"):
        Settings.read(ROOT)
    monkeypatch.setenv("NOTICE_SITE", "site.yaml")
    settings = Settings.read(ROOT)
    assert settings.site_url == "https://unrelated.example/"
    assert settings.draft
    assert settings.shard == (2, 3)
    assert settings.notice_dir() == ROOT / "nowhere"
    assert in_process(["check"], ROOT).returncode != 0
    monkeypatch.setenv("NOTICE_SITE", UNRELATED["NOTICE_SITE"])
    monkeypatch.setenv("NOTICE_SITE_SETTINGS", UNRELATED["NOTICE_SITE_SETTINGS"])

    assert forget_build_variables() == UNRELATED
    assert [name for name in BUILD_VARIABLES if name in os.environ] == []
    settings = Settings.read(ROOT)
    assert settings.site_url == DEFAULT_SITE_URL
    assert not settings.draft
    assert settings.site_file == ROOT / "site.yaml"
    assert settings.notice_dir() == ROOT / "data"
    assert in_process(["check"], ROOT).returncode == 0


def read_variables() -> set[str]:
    """Every environment variable the package, the hooks, mkdocs.yml and the Makefile's
    exports name: os.environ[…] and os.environ.get(…) with a literal, *_VARIABLE constants,
    !ENV in mkdocs.yml, `export NOTICE_X := $(Y)` (both names)."""
    names: set[str] = set()
    for path in [*(ROOT / "src").rglob("*.py"), *(ROOT / "hooks").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"os\.environ(?:\.get\(|\[)\s*\"([A-Z_]+)\"", text))
        names |= set(re.findall(r"^[A-Z_]+_(?:ENV|VARIABLE) = \"([A-Z_]+)\"", text, re.M))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    names |= set(re.findall(r"!ENV \[([A-Z_]+)", config))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for exported, given in re.findall(
        r"^export (NOTICE_[A-Z_]+) := \$\(([A-Z_]+)\)", makefile, re.M
    ):
        names |= {exported, given}
    return names


def test_every_variable_a_build_reads_is_forgotten() -> None:
    """A variable the build starts to read must join BUILD_VARIABLES, or a caller's value of
    it would reach the tests."""
    found = read_variables()
    # the scan finds what it is written for (else the check below would hold vacuously)
    assert {"SITE_URL", "NOTICE_DATA", "NOTICE_SITE", "OFFLINE", "SITE", "DATA"} <= found
    # SOURCE_DATE_EPOCH is make's own (from the last commit), and the zip's tests expect it
    assert sorted(found - set(BUILD_VARIABLES) - {"SOURCE_DATE_EPOCH"}) == []
