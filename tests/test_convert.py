"""The Traditional edition: OpenCC s2tw plus the reviewed overrides, pinned by a golden file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.notices import notice_as_text
from support.project import ROOT

from notice_site.render.convert import Converter, load_overrides
from notice_site.render.site import load_editions
from notice_site.render.sitewide import nav_translations, site_settings

GOLDEN = Path(__file__).parent / "golden" / "notice.zh-Hant.txt"


@pytest.fixture(scope="module")
def editions():
    return load_editions(ROOT / "data")


def test_traditional_notice_matches_the_reviewed_golden_file(editions) -> None:
    hant = editions["zh-Hant"]
    text = notice_as_text(hant.notice, hant.ui)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_everything_is_converted(editions) -> None:
    hans, hant = editions["zh-Hans"], editions["zh-Hant"]
    assert hant.notice.document.issuer == "海口海關"
    assert hant.notice.document.number == "瓊關法綜發〔2026〕19號"
    assert hant.notice.theme("tariff").label == "關稅"
    assert hant.notice.theme("agriculture").label == "農業"
    assert hant.notice.measure(13).title == "持續壓縮通關時間"
    assert hant.ui["related"] == "相關措施"
    # slugs, numbers and links stay as they are
    assert [t.slug for t in hant.notice.themes] == [t.slug for t in hans.notice.themes]
    assert hant.notice.document.source_url == hans.notice.document.source_url
    for a, b in zip(hans.notice.measures, hant.notice.measures, strict=True):
        assert (a.number, a.themes, a.related, len(a.clauses)) == (
            b.number,
            b.themes,
            b.related,
            len(b.clauses),
        )
        for x, y in zip(a.clauses, b.clauses, strict=True):
            assert len(x) == len(y)  # s2tw changes characters, never wording


def test_s2tw_not_s2twp(editions) -> None:
    """Official terms keep their wording: s2twp would write 支援, 最佳化, 矽谷."""
    text = notice_as_text(editions["zh-Hant"].notice, {})
    assert "南繁硅谷" in text
    assert "支持" in text and "支援" not in text
    assert "優化" in text and "最佳化" not in text
    assert "承接口岸" in text
    assert "稅" in text and "税" not in text


def test_override_table_is_applied() -> None:
    overrides = load_overrides(ROOT / "data" / "zh-Hant-overrides.yaml")
    assert ("布控", "佈控") in [(o.simplified, o.traditional) for o in overrides]
    plain, reviewed = Converter(), Converter(overrides)
    assert plain("优化风险布控查验比例") == "優化風險布控查驗比例"
    assert reviewed("优化风险布控查验比例") == "優化風險佈控查驗比例"
    assert reviewed("布局") == plain("布局") == "佈局"


def test_traditional_punctuation() -> None:
    """「」 outside, 『』 inside, ： between Chinese characters; one mark for one mark."""
    convert = Converter()
    text = "优化完善“‘零关税’+展销”新业态。附件:海口海关 Hainan’s AEO: 1:2"
    assert convert(text) == "優化完善「『零關稅』+展銷」新業態。附件：海口海關 Hainan’s AEO: 1:2"
    assert len(convert(text)) == len(text)


def test_notice_wording_is_never_changed(editions) -> None:
    """The override table changes character forms only: measure 16 says 數據, and keeps it."""
    hant = editions["zh-Hant"].notice
    assert "數據" in "".join(hant.measure(16).clauses)
    hans = editions["zh-Hans"].notice
    for a, b in zip(hans.measures, hant.measures, strict=True):
        assert [len(c) for c in a.clauses] == [len(c) for c in b.clauses]
        assert "“" not in "".join(b.clauses) and "”" not in "".join(b.clauses)
    assert sum(c.count("“") for m in hans.measures for c in m.clauses) == sum(
        c.count("「") for m in hant.measures for c in m.clauses
    )


def test_site_settings_come_from_the_notice(editions) -> None:
    """mkdocs.yml names no notice: hooks/notice.py sets these from the data, per script."""
    settings = site_settings(editions)
    assert settings["zh-Hans"]["site_name"] == "二十条措施"
    assert settings["zh-Hant"]["site_name"] == "二十條措施"
    assert settings["zh-Hant"]["copyright"] == "本站文本來自海口海關公開發布的通知，以原文為準。"
    assert settings["zh-Hant"]["site_description"] == editions["zh-Hant"].notice.document.attachment


def test_nav_labels_are_interface_strings(editions) -> None:
    """The nav's labels in mkdocs.yml are our interface strings: Traditional follows the same table."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    titles = [next(iter(item)) for item in config["nav"]]
    hant = editions["zh-Hant"].ui
    assert nav_translations(editions, titles) == {
        "zh-Hant": {
            "首页": hant["home"],
            "措施一览": hant["measures_index"],
            "按主题浏览": hant["themes_title"],
            "关于本文件": hant["about"],
        }
    }
    with pytest.raises(ValueError, match="'不存在的标签' is not one of the interface strings"):
        nav_translations(editions, ["不存在的标签"])


@pytest.mark.slow
def test_readme_golden_update_command(tmp_path) -> None:
    """The README's command to update the golden file, typed as written in a checkout (a
    copy whose .venv is this one's): it passes and, the file being current, changes nothing."""
    from support.project import copy_project, shell

    if os.environ.get("UPDATE_GOLDEN"):
        pytest.skip("this is the README's command running: no command inside it")
    project = copy_project(tmp_path / "project")
    (project / ".venv").symlink_to(ROOT / ".venv")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = "UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_convert.py"
    assert f"`{line}`" in readme
    golden = project / "tests" / "golden" / "notice.zh-Hant.txt"
    before = golden.read_bytes()
    result = shell(line, project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert golden.read_bytes() == before == GOLDEN.read_bytes()
