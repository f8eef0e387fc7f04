"""Amendments applied: an amending notice's effects (tests/fixtures/amending-sample, each kind
of effect on the sample notice, one provision amended twice, a sentence removed) give the
amended notice its versions, its current text, its status, and their pages.

The importer's proposals are tested in test_amendments.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from support.commands import in_process, mkdocs_build_in_process
from support.notices import SAMPLE_SLUG, sample_notice
from support.project import ROOT, copy_project

from notice_site.folder.site_file import check_library, load_site, neighbourhood
from notice_site.model.effects import Amendment, Effect, Target
from notice_site.model.versions import History, NotApplicable
from notice_site.render.convert import Converter
from notice_site.render.site import load_editions

AMENDING = ROOT / "tests" / "fixtures" / "amending-sample"
LIBRARY = "https://example.org/library/"
# The day the sites are built (SOURCE_DATE_EPOCH): 2100-01-01 in China, after every
# amendment of the fixtures (2099) took effect; and a day between two of them.
AFTER = "4102416000"
BETWEEN = "4095734400"  # 2099-10-15


def library_folder(base: Path) -> Path:
    """A folder with the sample notice (dated 2099-03-01, in effect from 2099-04-01), the
    amending notice and a site file listing both."""
    sample = sample_notice(base / "notices" / "sample")
    text = (sample / "measures.yaml").read_text(encoding="utf-8")
    text = text.replace(
        f"  slug: {SAMPLE_SLUG}\n",
        f"  slug: {SAMPLE_SLUG}\n  date: 2099-03-01\n  effective: 2099-04-01\n",
        1,
    )
    (sample / "measures.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(AMENDING, base / "notices" / "amending")
    (base / "site.yaml").write_text(
        "name: 样例政策文件库\nowner: 样例海关\nidentity: {}\nnotices:\n"
        "  - notices/sample\n  - notices/amending\n",
        encoding="utf-8",
    )
    return base


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return library_folder(tmp_path_factory.mktemp("amended"))


@pytest.fixture(scope="module")
def editions(library: Path):
    site = load_site(library / "site.yaml")
    notices = check_library(site)
    folder = library / "notices" / "sample"
    return load_editions(folder, notice=notices[folder], near=neighbourhood(folder, site, notices))


def texts(measure) -> list[tuple[str, str]]:
    return [(s.n, s.text) for s in measure.sentences]


# -- the model: versions --------------------------------------------------------------


def test_each_kind_of_effect_gives_the_text_as_amended(editions) -> None:
    history = editions["zh-Hans"].history
    current = history.notice
    # replaced whole, then reworded on a later day: three versions, sentence numbers kept
    assert [(v.start, v.end) for v in history.versions["2"]] == [
        ("", "2099-09-01"),
        ("2099-09-01", "2099-12-01"),
        ("2099-12-01", ""),
    ]
    assert texts(current.by_key("2")) == [
        ("1", "对进境水果、粮食等农产品实施分类检疫，缩短农产品在口岸停留时间。"),
        ("2", "对低风险农产品实施远程视频检疫和智能审图。"),
    ]
    # words of one paragraph (第二款) replaced: the sentence keeps its number
    assert texts(current.by_key("4"))[3] == ("4", "可向属地海关申请专人上门指导。")
    # a sentence deleted: its number is gone, and the version that held it says so
    assert texts(current.by_key("5")) == [("1", "支持跨境电商企业开展出口海外仓业务。")]
    assert history.versions["5"][-1].gone == (("2", ""),)
    # a paragraph added after the first: numbered after the sentence before it
    three = current.by_key("3")
    assert texts(three)[-1] == ("2-1", "支持开行海铁联运班列。")
    assert [s.anchor for s in three.sentences] == ["c1", "c2", "c2-1"]
    assert three.breaks == (3,)
    # provisions never amended are the original's, untouched
    assert "1" not in history.versions and current.by_key("1") == history.original.by_key("1")


def test_the_notice_as_it_stood_on_any_day(editions) -> None:
    history = editions["zh-Hans"].history
    original = history.original
    before = history.at("2099-08-31")
    assert [texts(m) for m in before.measures] == [texts(m) for m in original.measures]
    between = history.at("2099-10-01").by_key("2")
    assert texts(between)[1] == ("2", "对低风险农产品实施远程视频检疫。")
    assert texts(history.at("2099-12-01").by_key("2"))[1][1].endswith("和智能审图。")
    assert history.dates == ("2099-09-01", "2099-12-01")


def test_the_amendments_give_the_status_and_the_traditional_keeps_the_numbers(editions) -> None:
    hans, hant = editions["zh-Hans"], editions["zh-Hant"]
    assert hans.notice.document.status == "amended"
    assert hant.notice.document.status == "amended"
    assert texts(hant.notice.by_key("3"))[-1] == ("2-1", "支持開行海鐵聯運班列。")
    note = hant.history.versions["2"][-1].made_by[0]
    assert (note.by, note.date, note.slug) == ("第五條", "2099-12-01", "sample-amendment")
    assert hans.standing(LIBRARY + SAMPLE_SLUG + "/")["text"].startswith(
        "本文件已被修改，本站所载为修改后"
    )


def amendment(effect: Effect, date: str = "2099-09-01", index: int = 0) -> Amendment:
    return Amendment(effect, "amender", "示例公告", "示例公告2099年第1号", "第一条", date, index)


def test_a_repeal_or_replacement_gives_the_standing_once(editions) -> None:
    original = editions["zh-Hans"].history.original
    repealed = History(original, [amendment(Effect("repeal", "x", Target(SAMPLE_SLUG)))])
    assert (repealed.notice.document.status, repealed.notice.document.replaced_by) == (
        "repealed",
        "",
    )
    replaced = History(original, [amendment(Effect("replace_notice", "x", Target(SAMPLE_SLUG)))])
    assert (replaced.notice.document.status, replaced.notice.document.replaced_by) == (
        "replaced",
        "amender",
    )


@pytest.mark.parametrize(
    ("target", "old", "problem"),
    [
        (Target(SAMPLE_SLUG, "9"), "", "it has no provision '9'"),
        (Target(SAMPLE_SLUG, "4", item=1), "", "4, item 1: there is no such item"),
        (Target(SAMPLE_SLUG, "4", paragraph=3), "", "4, paragraph 3: there is no such paragraph"),
        (Target(SAMPLE_SLUG, "4"), "不在其中", "4 does not hold the words “不在其中”"),
        (Target(SAMPLE_SLUG, "4"), "企业", "4 holds more than once the words “企业”"),
    ],
)
def test_an_effect_that_cannot_apply_says_why(editions, target, old, problem) -> None:
    original = editions["zh-Hans"].history.original
    effect = Effect("replace", "x", target, old=old, clauses=("新的文字。",))
    with pytest.raises(NotApplicable) as caught:
        History(
            original,
            [
                amendment(Effect("replace", "x", Target(SAMPLE_SLUG, "1"), clauses=("甲。",))),
                amendment(effect, index=1),
            ],
        )
    assert (caught.value.index, caught.value.problem) == (1, problem)


# -- checks -----------------------------------------------------------------------------


def broken(tmp_path: Path, old: str, new: str) -> str:
    base = library_folder(tmp_path)
    path = base / "notices" / "amending" / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = in_process(["check", "--site", "site.yaml"], base)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    return result.stderr.strip()


def line_of(text: str, where: Path = AMENDING / "measures.yaml") -> int:
    return where.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_target_the_site_does_not_have_is_named_with_its_line(tmp_path: Path) -> None:
    error = broken(tmp_path, "    notice: sample-measures\n", "    notice: sample-measurez\n")
    line = line_of("    notice: sample-measures")
    assert error == (
        f"error: notices/amending/measures.yaml:{line}: effect 1, notice: 'sample-measurez' is "
        "no notice of this site (sample-amendment, sample-measures); leave notice out for a "
        "document the site does not publish"
    )


def test_quoted_old_words_the_target_lacks_are_named(tmp_path: Path) -> None:
    error = broken(tmp_path, "    old: 专人指导\n", "    old: 专人辅导\n")
    assert error == (
        f"error: notices/amending/measures.yaml:{line_of('    paragraph: 2') - 4}: effect 2: on "
        "sample-measures: 4, paragraph 2 does not hold the words “专人辅导”"
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "  - kind: delete\n",
            "  - kind: remove\n",
            "effect 3, kind: expected one of replace, insert, delete, repeal, replace_notice, got 'remove'",
        ),
        (
            '    by: "3"\n',
            '    by: "8"\n',
            "effect 3, by: this notice has no provision '8' (by names the provision that makes the change)",
        ),
        (
            "    paragraph: 1\n",
            "    paragraph: 0\n",
            "effect 4, paragraph: expected a number from 1 (第1…), got 0",
        ),
    ],
)
def test_a_mistake_in_an_effect_is_one_message(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    error = broken(tmp_path, old, new)
    assert error.startswith("error: notices/amending/measures.yaml:")
    assert error.endswith(problem)


# -- the pages ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The sample notice built for its place in the library, before the amending notice
    made its effects (its effects taken out) and after, in process, with the real
    mkdocs.yml."""
    base = tmp_path_factory.mktemp("versions")
    out = {}
    for when in ("before", "after"):
        project = copy_project(base / f"project-{when}")
        library_folder(project)
        if when == "before":
            path = project / "notices" / "amending" / "measures.yaml"
            text = path.read_text(encoding="utf-8")
            path.write_text(text[: text.index("\neffects:")] + "\n", encoding="utf-8")
        site = base / when
        mkdocs_build_in_process(
            project,
            site,
            SOURCE_DATE_EPOCH=AFTER,
            SITE_URL=f"{LIBRARY}{SAMPLE_SLUG}/",
            NOTICE_SITE="site.yaml",
            NOTICE_DATA="notices/sample",
        )
        out[when] = site
    return out


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_page_of_the_first_build_still_answers(built) -> None:
    def pages(site: Path) -> set[str]:
        return {str(p.relative_to(site)) for p in site.rglob("*.html")}

    before, after = pages(built["before"]), pages(built["after"])
    assert before <= after
    assert {"measures/2/2099-04-01/index.html", "measures/2/2099-12-01/index.html",
            "measures/2/compare/2099-04-01/2099-12-01/index.html", "versions/index.html",
            "versions/2099-09-01/index.html", "zh-Hant/measures/5/2099-09-01/index.html"} <= after - before  # fmt: skip


def test_an_amended_provision_shows_the_text_in_force_with_its_note(built) -> None:
    html = page(built["after"], "measures/2")
    assert "对低风险农产品实施远程视频检疫和智能审图。" in html
    note = re.search(r'<p class="tm-amended" role="note">(.*?)</p>', html).group(1)
    assert note == (
        '根据<a href="https://example.org/library/sample-amendment/measures/5/">'
        "示例市海关公告2099年第9号第五条</a>修订，自2099年12月1日起施行。"
    )
    # its versions, newest first, each at its dated address
    versions = re.findall(r'<p class="tm-version__when">\s*(?:<a href="([^"]+)">|<strong)', html)
    assert versions == ["2099-12-01/", "2099-09-01/", "2099-04-01/"]
    hant = page(built["after"], "zh-Hant/measures/2")
    assert "根據<a" in hant and "修訂，自2099年12月1日起施行。" in hant


def test_an_earlier_version_says_it_is_no_longer_in_force(built) -> None:
    html = page(built["after"], "measures/2/2099-04-01")
    assert "本页是第二条2099年4月1日至2099年9月1日施行的文本，现已不再有效。" in html
    assert "推广“‘口岸直通’+目的地检疫”模式" in html
    assert 'href="../"' in html  # the current text
    assert f'data-url="{LIBRARY}{SAMPLE_SLUG}/measures/2/2099-04-01/#c1"' in html


def test_the_comparison_marks_exactly_what_changed(built) -> None:
    html = page(built["after"], "measures/2/compare/2099-09-01/2099-12-01")
    assert re.findall(r"<ins>.*?</ins>", html) == [
        '<ins><span class="tm-live">增加：</span>和智能审图</ins>'
    ]
    assert re.findall(r"<del>.*?</del>", html) == []
    html = page(built["after"], "measures/5/compare/2099-04-01/2099-09-01")
    assert "tm-compare__row--removed" in html and "（本句删除）" in html


def test_a_link_to_a_removed_sentence_lands_on_a_note(built) -> None:
    html = page(built["after"], "measures/5")
    gone = re.search(r'<p class="tm-gone" id="c2" role="note">(.*?)</p>', html).group(1)
    assert gone == (
        '第 5.2 句已于2099年9月1日删除或并入他句。<a href="2099-04-01/#c2">查看此前的文本</a>'
    )
    assert 'id="c1"' in html


def test_the_notice_as_it_stood_on_a_day(built) -> None:
    before = page(built["after"], "versions/2099-04-01")
    assert "推广“‘口岸直通’+目的地检疫”模式" in before
    assert "推广跨境电商零售进口退货中心仓模式。" in before
    after = page(built["after"], "versions/2099-12-01")
    assert "推广跨境电商零售进口退货中心仓模式。" not in after
    assert "远程视频检疫和智能审图" in after
    days = page(built["after"], "versions")
    assert 'data-pattern="DAY/"' in days


PAGES = (
    "measures/2/",
    "measures/2/compare/2099-04-01/2099-12-01/",
    "measures/2/2099-04-01/",
    "versions/",
    "zh-Hant/measures/2/",
)


@pytest.mark.slow
def test_the_versions_and_the_comparison_in_chromium(built, browser) -> None:
    from support.browser import axe_violations, settled
    from support.serving import serving

    errors: list[str] = []

    def listen(tab) -> None:
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    with serving(built["after"]) as base:
        for width in (390, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900})
            tab = context.new_page()
            listen(tab)
            for path in PAGES:
                tab.goto(f"{base}/{path}")
                settled(tab)
                assert tab.evaluate("document.documentElement.scrollWidth <= innerWidth"), path
                assert axe_violations(tab) == [], (path, width)
            # the form compares any two versions
            tab.goto(f"{base}/measures/2/")
            form = tab.locator("form.tm-compare-form")
            assert form.is_visible()
            form.locator("select[name=earlier]").select_option("2099-09-01")
            form.locator("select[name=later]").select_option("2099-12-01")
            form.locator("button").click()
            tab.wait_for_url("**/measures/2/compare/2099-09-01/2099-12-01/")
            # a deleted sentence's old link lands on its note, shown
            tab.goto(f"{base}/measures/5/#c2")
            assert tab.locator("#c2.tm-gone").is_visible()
            tab.goto(f"{base}/measures/5/")
            assert not tab.locator("#c2.tm-gone").is_visible()
            # the day form opens the text in force that day
            tab.goto(f"{base}/versions/")
            tab.locator("input[name=day]").fill("2099-10-15")
            tab.locator("form.tm-day-form button").click()
            tab.wait_for_url("**/versions/2099-09-01/")
            context.close()
            assert errors == []


def test_the_amending_notice_lists_what_it_changed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    library_folder(project)
    site = tmp_path / "amending"
    mkdocs_build_in_process(
        project,
        site,
        SOURCE_DATE_EPOCH=AFTER,
        SITE_URL=f"{LIBRARY}sample-amendment/",
        NOTICE_SITE="site.yaml",
        NOTICE_DATA="notices/amending",
    )
    home = (site / "index.html").read_text(encoding="utf-8")
    changes = re.search(r'<section class="tm-changes".*?</section>', home, re.S).group(0)
    assert changes.count("<li>") == 5
    assert f'修订：<a href="{LIBRARY}{SAMPLE_SLUG}/measures/2/">' in changes
    assert "第2款</a>" in changes
    measure = page(site, "measures/3")
    assert f'删除：<a href="{LIBRARY}{SAMPLE_SLUG}/measures/5/">' in measure


def test_a_history_is_converted_once_the_amendments_applied(editions) -> None:
    history = editions["zh-Hans"].history
    converted = history.converted(Converter())
    assert [v.start for v in converted.versions["2"]] == [v.start for v in history.versions["2"]]
    assert [s.n for s in converted.notice.by_key("3").sentences] == ["1", "2", "2-1"]


def test_a_notice_alone_has_no_history(tmp_path: Path) -> None:
    folder = sample_notice(tmp_path / "sample")
    hans = load_editions(folder)["zh-Hans"]
    assert hans.history is not None and not hans.history.amended
    assert hans.notice is hans.history.original


def test_a_provision_inserted_or_deleted_keeps_every_address_and_numeral(editions) -> None:
    original = editions["zh-Hans"].history.original
    inserted = amendment(
        Effect(
            "insert", "x", Target(SAMPLE_SLUG, "3"), clauses=("新增一条措施。",), title="新增措施"
        )
    )
    deleted = amendment(Effect("delete", "x", Target(SAMPLE_SLUG, "6")), "2099-10-01", 1)
    history = History(original, [inserted, deleted])
    now = history.notice
    assert [m.key for m in now.measures] == ["1", "2", "3", "3a", "4", "5", "6", "7"]
    assert [m.number for m in now.measures] == list(range(1, 9))
    added = now.by_key("3a")
    assert (added.mark, added.heading, added.themes) == (
        "第三条之一\u3000",
        "新增措施",
        ("transport",),
    )
    # the provisions after it keep their numerals and their relations
    assert [now.by_key(k).mark for k in ("4", "7")] == ["四、", "七、"]
    assert now.by_key("1").related == (now.by_key("6").number,)
    # deleted: its page stays, marked, with its last text as the version before
    six = now.by_key("6")
    assert six.deleted and [v.start for v in history.versions["6"]] == ["", "2099-10-01"]
    assert not history.versions["6"][0].measure.deleted
    # the notice before the insertion has neither change
    assert [m.key for m in history.at("2099-08-01").measures] == [str(n) for n in range(1, 8)]
    assert [m.key for m in history.at("2099-09-15").measures][3] == "3a"
    assert not history.at("2099-09-15").by_key("6").deleted
    with pytest.raises(NotApplicable, match="provision 6 was deleted before this amendment"):
        History(
            original,
            [
                deleted,
                amendment(
                    Effect("replace", "x", Target(SAMPLE_SLUG, "6"), clauses=("甲。",)),
                    "2099-11-01",
                    2,
                ),
            ],
        )


def test_a_deleted_provision_reads_as_deleted_on_its_pages(editions) -> None:
    from notice_site.render.pages import Pages

    hans = editions["zh-Hans"]
    deleted = amendment(Effect("delete", "x", Target(SAMPLE_SLUG, "6")), "2099-10-01")
    history = History(hans.history.original, [deleted])
    pages = Pages(history.notice, hans.ui, "zh-Hans", LIBRARY + SAMPLE_SLUG + "/", history=history)
    files = pages.all()
    tm = json.loads(files["measures/6.md"].split("\n")[1])["tm"]
    note = tm["versions"]["notes"][0]
    assert tm["deleted"] and note["before"] + note["link"] + note["after"] == (
        "根据示例公告2099年第1号第一条删除，自2099年10月1日起施行。"
    )
    assert "（已删除）" in files["index.md"]
    compared = files["measures/6/compare/2099-04-01/2099-10-01.md"]
    assert compared.count("tm-compare__row--removed") == 2
    # search still finds its words, after the text in force, saying it is deleted
    from notice_site.render.search import documents

    found = {d.location: d for d in documents(history.notice, hans.ui, history=history)}
    assert (found["measures/6/#c1"].tier, found["measures/6/#c1"].title) == (1, "6.1（已删除）")
    assert found["measures/5/#c1"].tier == 0


# -- the README's commands ------------------------------------------------------------------


def readme_yaml(section: str) -> str:
    """The first ```yaml block under the README's `## <section>`, as an editor copies it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    text = readme.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    return "".join(line.removeprefix("   ") + "\n" for line in block.splitlines())


@pytest.mark.slow
def test_an_amending_announcement_is_published_as_the_readme_says(tmp_path: Path) -> None:
    """The README's lines, run as written: the amended notice, the amending one found its
    targets through the site file, the library built; the amended provisions read as the
    amendments say, the earlier wording at its dated address."""
    from support.project import readme_block, shell

    section = "Publish an amending announcement"
    project = copy_project(tmp_path / "project")
    env = {
        "AMENDED": str(ROOT / "tests" / "fixtures" / "amended-notice.txt"),
        "AMENDING": str(ROOT / "tests" / "fixtures" / "amending-notice.txt"),
        # built on a day after the fictional amendment took effect (2099-05-01)
        "SOURCE_DATE_EPOCH": AFTER,
    }
    lines = readme_block(section)
    assert len(lines) == 3
    printed = []
    for k, line in enumerate(lines):
        if k == 1:  # step 1: the site file lists the notice amended
            (project / "library.yaml").write_text(readme_yaml(section), encoding="utf-8")
        if k == 2:  # step 2: the amending notice confirmed, added to the site file
            with (project / "library.yaml").open("a", encoding="utf-8") as f:
                f.write("  - notices/amending\n")
        result = shell(line, project, **env)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
        printed.append(result.stdout)
    assert "→ sample-rules measures/5/: “口岸示例机关” → “示例海关”" in printed[1]
    site = project / "site" / "sample-rules"
    five = page(site, "measures/5")
    assert "示例货物的检验由示例海关负责。" in five
    note = re.search(r'<p class="tm-amended" role="note">(.*?)</p>', five).group(1)
    assert note == (
        '根据<a href="http://127.0.0.1:8000/amending-rules/measures/4/">公告〔2099〕9号第四条</a>'
        "修订，自2099年5月1日起施行。"
    )
    old = page(site, "measures/5/2098-03-01")
    assert "示例货物的检验由口岸示例机关负责。" in old and "现已不再有效" in old
    compared = page(site, "measures/5/compare/2098-03-01/2099-05-01")
    assert re.findall(r"<(del|ins)><span[^>]*>[^<]*</span>([^<]*)</\1>", compared) == [
        ("del", "口岸示例机"),
        ("ins", "示例海"),
    ]
    assert "逾期申报的，按照有关规定处理。" in page(site, "versions/2098-03-01")
    three = page(site, "measures/3")
    assert 'id="c2-1"' in three and "申报人可以申请延期申报。" in three
    assert "已修改" in page(site, "")
    # the Traditional edition says it in Traditional
    assert "修訂，自2099年5月1日起施行。" in page(site, "zh-Hant/measures/5")


def test_the_pdfs_give_the_text_in_force_with_its_notes_and_each_earlier_version(
    editions,
) -> None:
    import io

    import pypdf

    from notice_site.render.pdf import Job, all_jobs, render_job

    hans = editions["zh-Hans"]
    site_url = LIBRARY + SAMPLE_SLUG + "/"
    jobs = [j for j in all_jobs(editions) if j.day is not None]
    assert sorted(j.filename(SAMPLE_SLUG) for j in jobs if j.language == "zh-Hans") == [
        "measure-2.2099-04-01.zh-Hans.pdf",
        "measure-2.2099-09-01.zh-Hans.pdf",
        "measure-3.2099-04-01.zh-Hans.pdf",
        "measure-4.2099-04-01.zh-Hans.pdf",
        "measure-5.2099-04-01.zh-Hans.pdf",
    ]

    def text(job: Job) -> str:
        reader = pypdf.PdfReader(io.BytesIO(render_job(job, editions[job.language], site_url)))
        return "".join(page.extract_text() for page in reader.pages).replace("\n", "")

    current = text(Job("zh-Hans", "2"))
    assert "远程视频检疫和智能审图" in current
    assert "根据示例市海关公告2099年第9号第五条修订，自2099年12月1日起施行。" in current
    earlier = text(Job("zh-Hans", "2", day="2099-04-01"))
    assert "本页是第二条2099年4月1日至2099年9月1日施行的文本，现已不再有效。" in earlier
    assert "推广“‘口岸直通’+目的地检疫”模式" in earlier
    assert f"{site_url}measures/2/2099-04-01/" in earlier
    assert hans.history.versions["2"][0].measure.clauses[0] in earlier.replace(" ", "")


# -- everywhere the text goes: search, open data, the feed -------------------------------

# A word only the text as first published holds (measure 2 before 2099-09-01), and words of
# the text in force that earlier versions held too, in each script.
OLD_WORD = "口岸直通"
CURRENT_WORD = {"zh-Hans": "远程视频检疫", "zh-Hant": "遠程視頻檢疫"}


def test_search_finds_an_earlier_version_after_the_text_in_force(editions) -> None:
    from notice_site.render.search import EARLIER, documents

    for language, edition in editions.items():
        docs = documents(edition.notice, edition.ui, history=edition.history)
        old = [d for d in docs if OLD_WORD in d.text]
        assert [(d.location, d.tier) for d in old] == [("measures/2/2099-04-01/#c1", EARLIER)]
        assert old[0].title == "2.1（2099年4月1日至2099年9月1日施行的文本，已失效）"
        # every document of the text in force comes before any earlier version's
        tiers = [d.tier for d in docs]
        assert tiers == sorted(tiers) and tiers.count(EARLIER) == 17
        found = [(d.location, d.tier) for d in docs if CURRENT_WORD[language] in d.text]
        assert found[0] == ("measures/2/#c2", 0)
        assert {tier for _, tier in found[1:]} == {EARLIER}
        # the version in force has no documents of its own: the current page holds its text
        assert not any(d.location.startswith("measures/2/2099-12-01/") for d in docs)


@pytest.mark.slow
def test_search_finds_an_earlier_version_in_chromium(built, browser) -> None:
    from support.browser import run_query
    from support.serving import serving

    with serving(built["after"]) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        for language, prefix in (("zh-Hans", ""), ("zh-Hant", "zh-Hant/")):
            tab.goto(f"{base}/{prefix}", wait_until="networkidle")
            # a result's link carries the query (?h=…) for highlighting: the page is before it
            pages = [r["page"].split("?")[0] for r in run_query(tab, OLD_WORD)]
            assert pages == [f"{base}/{prefix}measures/2/2099-04-01/"], pages
            pages = [r["page"].split("?")[0] for r in run_query(tab, CURRENT_WORD[language])]
            assert pages[0] == f"{base}/{prefix}measures/2/", pages
            assert all("/2099-" in page for page in pages[1:]) and len(pages) > 1, pages
        context.close()


def test_the_open_data_holds_the_versions_and_the_effects(library: Path) -> None:
    import json

    import jsonschema

    from notice_site.render.opendata import notice_data

    schema = json.loads((ROOT / "docs" / "measures.schema.json").read_text(encoding="utf-8"))
    site = load_site(library / "site.yaml")
    notices = check_library(site)
    found = {}
    for name in ("sample", "amending"):
        folder = library / "notices" / name
        near = neighbourhood(folder, site, notices)
        for language, e in load_editions(folder, notice=notices[folder], near=near).items():
            there = f"{LIBRARY}{e.notice.document.slug}/"
            data = notice_data(e.notice, language, there, f"{LIBRARY}schema", e.history)
            jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
            found[name, language] = data
    hans = {m["number"]: m for m in found["sample", "zh-Hans"]["measures"]}
    versions = hans[2]["versions"]
    assert [(v.get("start"), v.get("end")) for v in versions] == [
        ("2099-04-01", "2099-09-01"),
        ("2099-09-01", "2099-12-01"),
        ("2099-12-01", None),
    ]
    assert OLD_WORD in versions[0]["sentences"][0]["text"] and "amendments" not in versions[0]
    assert versions[0]["sentences"][0]["url"] == (
        f"{LIBRARY}{SAMPLE_SLUG}/measures/2/2099-04-01/#c1"
    )
    made = versions[1]["amendments"][0]
    assert (made["notice"], made["by"], made["date"], made["kind"]) == (
        "sample-amendment",
        "第一条",
        "2099-09-01",
        "replace",
    )
    assert made["number"] == "示例市海关公告2099年第9号"
    assert made["url"] == f"{LIBRARY}sample-amendment/measures/1/"
    # the text in force is the measures' own; a sentence added keeps its number
    assert hans[2]["clauses"][1]["text"] == versions[-1]["sentences"][1]["text"]
    assert hans[3]["clauses"][-1] == {
        "number": 3,
        "n": "2-1",
        "ref": "3.2-1",
        "text": "支持开行海铁联运班列。",
        "url": f"{LIBRARY}{SAMPLE_SLUG}/measures/3/#c2-1",
    }
    assert versions[0]["sentences"] and "versions" not in hans[1]
    hant = {m["number"]: m for m in found["sample", "zh-Hant"]["measures"]}
    assert hant[2]["versions"][1]["amendments"][0]["by"] == "第一條"
    effects = found["amending", "zh-Hans"]["effects"]
    assert len(effects) == 5 and "versions" not in json.dumps(found["amending", "zh-Hans"])
    assert effects[1] == {
        "kind": "replace",
        "document": "《示例市海关支持跨境贸易便利化七条措施（测试样例）》",
        "target": {
            "notice": SAMPLE_SLUG,
            "provision": "4",
            "paragraph": 2,
            "url": f"{LIBRARY}{SAMPLE_SLUG}/measures/4/",
        },
        "by": "2",
        "old": "专人指导",
        "new": ["专人上门指导"],
        "effective": "2099-09-01",
    }
    assert effects[4]["effective"] == "2099-12-01"
    assert found["amending", "zh-Hant"]["effects"][1]["new"] == ["專人上門指導"]


def test_the_feed_announces_each_amendment(library: Path) -> None:
    import xml.etree.ElementTree as ET

    from notice_site.library.listed import Listed
    from notice_site.library.own_pages import load_library
    from notice_site.library.pages import feed_xml

    site = load_site(library / "site.yaml")
    notices = [
        {language: Listed.of(e) for language, e in editions.items()}
        for editions in load_library(site, library)
    ]
    feed = ET.fromstring(feed_xml(site, notices, LIBRARY))  # noqa: S314
    atom = "{http://www.w3.org/2005/Atom}"
    entries = [
        {name: e.findtext(f"{atom}{name}") for name in ("id", "title", "updated", "summary")}
        | {"link": e.find(f"{atom}link").get("href")}
        for e in feed.findall(f"{atom}entry")
    ]
    # the two notices and five amended provisions (measure 2 twice), newest first
    assert [e["updated"][:10] for e in entries] == [
        "2099-12-01",
        *["2099-09-01"] * 4,
        "2099-08-15",
        "2099-03-01",
    ]
    last = entries[0]
    assert last["title"] == (
        "《示例市海关关于印发〈示例市海关支持跨境贸易便利化七条措施（测试样例）〉的通知》根据"
        "《示例市海关关于修改〈示例市海关支持跨境贸易便利化七条措施（测试样例）〉的公告》修订"
    )
    assert last["link"] == f"{LIBRARY}{SAMPLE_SLUG}/measures/2/"
    assert last["summary"] == (
        "二、优化进境农产品检疫监管 根据示例市海关公告2099年第9号第五条修订，自2099年12月1日起施行。"
    )
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids)
    assert f"{LIBRARY}{SAMPLE_SLUG}/measures/2/2099-09-01/#sample-amendment" in ids
    assert {e["link"] for e in entries[1:5]} == {
        f"{LIBRARY}{SAMPLE_SLUG}/measures/{n}/" for n in (2, 3, 4, 5)
    }


def test_the_feed_names_a_repeal_at_the_notice(editions) -> None:
    from dataclasses import replace

    from notice_site.library.listed import Listed
    from notice_site.library.pages import amendment_entries

    e = editions["zh-Hans"]
    history = History(e.history.original, [amendment(Effect("repeal", "x", Target(SAMPLE_SLUG)))])
    repealed = Listed.of(replace(e, notice=history.notice, history=history))
    [entry] = amendment_entries(repealed, LIBRARY)
    assert entry["title"].endswith("的通知》根据《示例公告》废止")
    assert (entry["url"], entry["date"]) == (f"{LIBRARY}{SAMPLE_SLUG}/", "2099-09-01")
    assert entry["id"] == f"{LIBRARY}{SAMPLE_SLUG}/#repeal-amender"
    assert entry["summary"] == "示例公告2099年第1号第一条 · 已废止"


def test_what_the_library_lists_of_a_notice_holds_the_amendments_made_to_it(editions) -> None:
    """The feed is written with the library's own pages and kept with them, from each
    notice's Listed alone (library.listed): an amendment made to a notice, its text and
    status as they were, changes its Listed's digest, and so the own pages' key."""
    from dataclasses import replace

    from notice_site.library.listed import Listed

    e = editions["zh-Hans"]
    made = amendment(Effect("repeal", "x", Target(SAMPLE_SLUG)))
    alone = Listed.of(replace(e, history=History(e.history.original, [])))
    amended = Listed.of(replace(e, history=History(e.history.original, [made])))
    assert (alone.amendments, amended.amendments) == ((), (made,))
    assert amended.document == alone.document and amended.measures == alone.measures
    assert amended.digest() != alone.digest()


def test_a_notice_repealed_by_another_says_so_on_every_page(tmp_path: Path) -> None:
    """The repeal written once, as the repealing notice's effect: the repealed notice's
    status, its banner on every page, linking the notice that repealed it."""
    project = copy_project(tmp_path / "project")
    library_folder(project)
    path = project / "notices" / "amending" / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text[: text.index("\neffects:")]
        + "\neffects:\n  - kind: repeal\n    document: 《七条措施》\n"
        + f"    notice: {SAMPLE_SLUG}\n",
        encoding="utf-8",
    )
    site = tmp_path / "repealed"
    mkdocs_build_in_process(
        project,
        site,
        SOURCE_DATE_EPOCH=AFTER,
        SITE_URL=f"{LIBRARY}{SAMPLE_SLUG}/",
        NOTICE_SITE="site.yaml",
        NOTICE_DATA="notices/sample",
    )
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for html in pages:
        text = html.read_text(encoding="utf-8")
        banner = re.search(
            r'<p class="tm-standing tm-standing--repealed" role="note">(.*?)</p>', text, re.S
        )
        assert banner, html
        hant = html.relative_to(site).parts[0] == "zh-Hant"
        by = f"{LIBRARY}sample-amendment/{'zh-Hant/' if hant else ''}"
        assert f'<a href="{by}">' in banner.group(1), html
    assert "已废止" in (site / "index.html").read_text(encoding="utf-8")


def test_an_amendment_on_no_known_day_is_refused(tmp_path: Path) -> None:
    error = broken(tmp_path, "  date: 2099-08-15\n  effective: 2099-09-01\n", "")
    assert error.endswith(
        "effect 1: on sample-measures: it takes effect on no known day: give the amending "
        "notice its effective date (or date), or this effect its own effective:"
    )


def test_the_text_in_force_is_the_one_of_the_build_day(
    editions, library: Path, tmp_path: Path
) -> None:
    """An amendment published before the day it takes effect is a text to come: the page
    shows the text in force on the day of the build, says that a change is coming and
    links it, marked as not yet in force."""
    from notice_site.folder.load import load_notice

    # the notice as its folder has it (the library's check gives it its standing)
    original = load_notice(library / "notices" / "sample" / "measures.yaml")
    amendments = editions["zh-Hans"].history.amendments
    between = History(original, amendments, "2099-10-15")
    assert [between.standing_of(v) for v in between.versions["2"]] == [
        "past",
        "current",
        "future",
    ]
    assert texts(between.notice.by_key("2"))[1] == ("2", "对低风险农产品实施远程视频检疫。")
    assert between.status == "amended"
    before = History(original, amendments, "2099-08-31")
    assert before.status == "" and before.notice.document.status == "in_force"
    assert texts(before.notice.by_key("5")) == texts(original.by_key("5"))
    # the pages, built on that day
    project = copy_project(tmp_path / "project")
    library_folder(project)
    site = tmp_path / "between"
    mkdocs_build_in_process(
        project,
        site,
        SOURCE_DATE_EPOCH=BETWEEN,
        SITE_URL=f"{LIBRARY}{SAMPLE_SLUG}/",
        NOTICE_SITE="site.yaml",
        NOTICE_DATA="notices/sample",
    )
    two = page(site, "measures/2")
    assert (
        "对低风险农产品实施远程视频检疫。" in two and "智能审图" not in two.split("tm-versions")[0]
    )
    coming = re.search(r'<p class="tm-amended tm-amended--coming" role="note">(.*?)</p>', two)
    assert coming.group(1) == (
        '本条的修改已经公布，自2099年12月1日起施行。<a href="2099-12-01/">查看修改后的文本</a>'
    )
    assert '<span class="tm-version__badge tm-version__badge--future">尚未施行</span>' in two
    later = page(site, "measures/2/2099-12-01")
    assert "本页是第二条自2099年12月1日起施行的文本，尚未施行。" in later
    assert "远程视频检疫和智能审图" in later


def test_text_from_the_amending_notice_is_escaped_on_every_page(tmp_path: Path) -> None:
    """The note, the versions and the days name the amending notice by its 文号: text from
    data, never markup."""
    project = copy_project(tmp_path / "project")
    library_folder(project)
    path = project / "notices" / "amending" / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  number: 示例市海关公告2099年第9号\n", '  number: "<b>公告</b>第9号"\n'),
        encoding="utf-8",
    )
    site = tmp_path / "escaped"
    mkdocs_build_in_process(
        project,
        site,
        SOURCE_DATE_EPOCH=BETWEEN,
        SITE_URL=f"{LIBRARY}{SAMPLE_SLUG}/",
        NOTICE_SITE="site.yaml",
        NOTICE_DATA="notices/sample",
    )
    for path in ("measures/2", "measures/2/2099-04-01", "versions"):
        html = page(site, path)
        assert "&lt;b&gt;公告&lt;/b&gt;第9号" in html, path
        assert "<b>公告" not in html, path
