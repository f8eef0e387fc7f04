"""The scripts are listed once (src/notice_site/model/languages.py): what repeats them for MkDocs,
Material, the open data's schema and our strings follows that table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from support.project import ROOT

from notice_site.model import languages
from notice_site.model.languages import DEFAULT_LANGUAGE, LANGUAGES, TABLE
from notice_site.render.ui import STRINGS, TABLES


def mkdocs_yml() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506


def test_the_table_has_one_default_first() -> None:
    assert [language.default for language in TABLE] == [True] + [False] * (len(TABLE) - 1)
    assert TABLE[0].code == DEFAULT_LANGUAGE
    assert len(set(LANGUAGES)) == len(LANGUAGES)
    assert [language.prefix for language in TABLE] == ["", *(f"{c}/" for c in LANGUAGES[1:])]
    with pytest.raises(ValueError, match="unknown language 'zh-Hk'"):
        languages.of("zh-Hk")


def test_mkdocs_yml_lists_the_table() -> None:
    """static-i18n reads its languages before any hook runs: mkdocs.yml repeats the table."""
    config = mkdocs_yml()
    [i18n] = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    assert i18n["languages"] == [
        {"locale": language.code, "name": language.name, "build": True}
        | ({"default": True} if language.default else {})
        for language in TABLE
    ]
    # static-i18n sets Material's theme.language to each locale; the configured one is the default's.
    assert config["theme"]["language"] == DEFAULT_LANGUAGE


def test_every_script_has_materials_strings_under_its_tag() -> None:
    """Material reads partials/languages/<theme.language>.html: ours, for every script, and
    each gives its pages the script's tag (<html lang>)."""
    import jinja2
    import material

    themes = [ROOT / "overrides", Path(material.__file__).parent / "templates"]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(themes), autoescape=True)
    for code in LANGUAGES:
        assert (ROOT / "overrides" / "partials" / "languages" / f"{code}.html").is_file(), code
        strings = env.get_template(f"partials/languages/{code}.html").module
        assert strings.t("language") == code


def test_the_open_data_schema_names_the_scripts() -> None:
    schema = json.loads((ROOT / "docs" / "measures.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["language"]["enum"] == list(LANGUAGES)


def test_our_strings_cover_every_script() -> None:
    """Each script has its booklet's label, and each but the source a reviewed table."""
    assert {f"edition_{code}" for code in LANGUAGES} <= set(STRINGS)
    assert set(TABLES) == set(LANGUAGES) - {DEFAULT_LANGUAGE}
