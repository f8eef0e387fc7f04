"""The importer proposes the effects an amending text states (reading/amendments.py): each
phrasing read into an Effect, the amended notice and provision found among the site file's
notices, what is not found kept with a to-do, the lines `make import` prints, and the
folder it writes read back by `make check` (and applied by model.versions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.commands import in_process
from support.project import ROOT, copy_project, readme_block, shell

from notice_site.folder.load import load_notice
from notice_site.model.effects import Effect, Target
from notice_site.model.notice import Notice, amendments_on
from notice_site.model.numerals import chinese_numeral
from notice_site.model.versions import History
from notice_site.reading.amendments import Cited, read, resolve
from notice_site.reading.importer import import_notice, notice_of_text
from notice_site.reading.report import proposed
from notice_site.reading.vocabulary import CITED_NUMBER, number_key, same_number

FIXTURES = ROOT / "tests" / "fixtures"
AMENDED = FIXTURES / "amended-notice.txt"
AMENDING = FIXTURES / "amending-notice.txt"
# How the amending fixture names the notice it amends (its preamble).
CITED = "《示例总署关于示例货物申报管理事项的公告》（示例总署公告2098年第5号）"
MARK = "（测试样例：虚构的示例公告，仅供软件测试使用，不是真实文件。）"
PREAMBLE = f"为规范示例货物申报，示例总署决定对{CITED}作如下修改："


def announcement(*items: str, preamble: str = PREAMBLE) -> Notice:
    """A fictional amending announcement (a test sample) whose items 一、二、… are `items`."""
    numbered = "\n\n".join(f"{chinese_numeral(k)}、{item}" for k, item in enumerate(items, 1))
    text = (
        f"{MARK}\n\n示例总署关于修改示例货物申报管理事项公告的公告\n\n公告〔2099〕9号\n\n"
        f"{preamble}\n\n{numbered}\n\n特此公告。\n\n示例总署\n\n2099年4月1日\n"
    )
    return notice_of_text(text, "sample.txt")


def effects(notice: Notice) -> list[Effect]:
    return [p.effect for p in read(notice)]


# --- reading: each phrasing --------------------------------------------------------------


def test_the_amending_fixture_gives_one_effect_per_phrasing() -> None:
    notice = notice_of_text(AMENDING.read_text(encoding="utf-8"), str(AMENDING))
    proposals = read(notice)
    assert [p.cited.words for p in proposals] == [
        "第一条", "第三条第二款", "第四条第二项", "第五条", "第二条", "第三条", "",
    ]  # fmt: skip
    assert [p.at for p in proposals] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert [p.effect for p in proposals] == [
        # 修订为 a whole article, quoted over two paragraphs: its label left out
        Effect(
            "replace", CITED, Target(), "1",
            clauses=("为规范示例货物申报，便利示例货物通关，制定本公告。", "本公告所称申报人，是指示例货物的收发货人。"),
            breaks=(2,),
        ),
        Effect("replace", CITED, Target(), "2", clauses=("逾期申报的，由示例海关按照有关规定处理。",)),
        Effect("replace", CITED, Target(), "3", clauses=("（二）示例合同或者协议；",)),
        Effect("replace", CITED, Target(), "4", old="口岸示例机关", clauses=("示例海关",)),
        Effect("delete", CITED, Target(), "5", old="、完整"),
        Effect("insert", CITED, Target(), "6", clauses=("申报人可以申请延期申报。",)),
        Effect("repeal", "示例总署公告2098年第7号", Target(), "7"),
    ]  # fmt: skip
    assert proposals[1].cited == Cited("第三条第二款", 3, 0, 2, 0)
    assert proposals[2].cited == Cited("第四条第二项", 4, 0, 0, 2)
    assert proposals[5].adds == "款"


def test_a_quotation_goes_on_in_the_next_paragraph_with_or_without_its_opening_mark() -> None:
    notice = announcement(
        "将第一条修订为：“第一条　甲句。\n\n“乙句。丙句。”",
        "将第二条修改为：“第二条　丁句。\n\n戊句。”",
    )
    assert [(e.clauses, e.breaks) for e in effects(notice)] == [
        (("甲句。", "乙句。", "丙句。"), (2,)),
        (("丁句。", "戊句。"), (2,)),
    ]
    # the last item's quotation goes on in its next paragraph: not the notice's closing
    assert notice.document.closing == ("特此公告。",)
    assert [p.text for p in notice.measures[1].paragraphs] == [
        "将第二条修改为：“第二条\u3000丁句。",
        "戊句。”",
    ]


def test_a_quotation_left_open_takes_no_numbered_paragraph_after_it() -> None:
    notice = announcement("将第一条修订为：“第一条　甲句。", "删除第三条。")
    assert [m.text for m in notice.measures] == [
        "将第一条修订为：“第一条\u3000甲句。",
        "删除第三条。",
    ]
    assert [(e.kind, e.by) for e in effects(notice)] == [("delete", "2")]


def test_deleting_and_adding_articles() -> None:
    notice = announcement(
        "删除第二条、第六条。",
        "删除第三条第二款。",
        "在第三条后增加一条，作为第三条之一：“第三条之一　申报人可以申请延期申报。”",
        "在第四条第三项后增加一项：“（四）示例装箱单。”",
    )
    proposals = read(notice)
    assert [(p.effect.kind, p.cited.words, p.adds) for p in proposals] == [
        ("delete", "第二条", ""),
        ("delete", "第六条", ""),
        ("delete", "第三条第二款", ""),
        ("insert", "第三条", "条"),
        ("insert", "第四条第三项", "项"),
    ]
    assert proposals[3].effect.label == "第三条之一"
    assert proposals[3].effect.clauses == ("申报人可以申请延期申报。",)
    assert proposals[4].effect.clauses == ("（四）示例装箱单。",)


def test_words_deleted_or_renamed_in_other_phrasings() -> None:
    notice = announcement(
        "将第二条中的“、完整”删除。",
        "删除“示例申报表”“示例发票”等两个申报项目。",
        "“口岸示例机关”申报项目名称调整为“示例海关”。",
        "将第五条“检验”的要求由“由口岸示例机关负责”修改为“由示例海关负责”，“示例货物”修改为“示例商品”。",
    )
    assert [(e.kind, e.old, e.clauses) for e in effects(notice)] == [
        ("delete", "、完整", ()),
        ("delete", "示例申报表", ()),
        ("delete", "示例发票", ()),
        ("replace", "口岸示例机关", ("示例海关",)),
        ("replace", "由口岸示例机关负责", ("由示例海关负责",)),
        ("replace", "示例货物", ("示例商品",)),
    ]
    assert [p.cited.words for p in read(notice)] == ["第二条", "", "", "", "第五条", "第五条"]


def test_a_repeal_names_the_documents_of_its_clause_or_its_list() -> None:
    notice = announcement(
        "本公告自2099年5月1日起施行，示例总署、示例部2097年联合公告第3号同时废止。",
        "《示例规定》（示例总署2096年第4号公告发布）、公告〔2096〕5号予以废止。",
        "下列公告同时废止：\n\n（一）示例总署公告2095年第1号；\n\n（二）《示例办法》。",
        "示例总署此前发布的规定与本公告不一致的，同时废止。",
    )
    assert [(e.kind, e.document, e.by) for e in effects(notice)] == [
        ("repeal", "示例总署、示例部2097年联合公告第3号", "1"),
        ("repeal", "《示例规定》（示例总署2096年第4号公告发布）", "2"),
        ("repeal", "公告〔2096〕5号", "2"),
        ("repeal", "示例总署公告2095年第1号", "3"),
        ("repeal", "《示例办法》", "3"),
    ]


def test_the_document_is_the_nearest_citation_before_and_goes_on_to_the_next_items() -> None:
    notice = announcement(
        "将《示例其他规定》第二条修改为：“乙。”",
        "将第三条修改为：“丙。”",
        "删除第四条。填报要求见《示例代码表》。",
        "删除第五条。",
    )
    assert [e.document for e in effects(notice)] == [
        "《示例其他规定》",
        "《示例其他规定》",
        "《示例其他规定》",
        "《示例其他规定》",  # 《示例代码表》, named after the phrasing, is not the amended one
    ]
    assert effects(announcement("将第三条修改为：“丙。”"))[0].document == CITED


def test_words_in_quotation_marks_are_never_a_phrasing() -> None:
    notice = announcement(
        "将第一条修订为：“第一条　删除第二条的，同时废止示例总署公告2098年第7号。”"
    )
    assert [(e.kind, e.clauses) for e in effects(notice)] == [
        ("replace", ("删除第二条的，同时废止示例总署公告2098年第7号。",))
    ]
    # a quotation never closed is no quotation, and states nothing
    assert effects(announcement("将第一条修订为：“第一条　甲。")) == []


def number(text: str) -> tuple[str, int, int]:
    return number_key(CITED_NUMBER.search(text), text)


def test_a_文号_is_its_kind_year_and_number_in_either_form() -> None:
    assert same_number(number("公告〔2098〕5号"), number("示例总署公告2098年第5号"))
    assert same_number(number("公告〔2098〕5号"), number("示例总署2098年第5号公告"))
    assert same_number(number("示关发〔2098〕5号"), number("将示关发〔2098〕5号"))
    assert not same_number(number("公告〔2098〕5号"), number("示例总署公告2098年第6号"))
    # a joint announcement is numbered in a series of its own
    assert not same_number(number("公告〔2098〕5号"), number("示例总署、示例部2098年联合公告第5号"))
    assert same_number(number("2098年联合公告第5号"), number("示例总署、示例部2098年联合公告第5号"))


# --- resolving against the site's notices -----------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site file listing the amended fixture, imported (a test sample) and another
    notice of the site (the first one's folder, data/)."""
    import_notice(AMENDED, tmp_path / "rules", "sample-rules", ROOT / "data" / "measures.yaml")
    (tmp_path / "site.yaml").write_text(
        f"name: 示例网站\nnotices:\n  - rules\n  - {ROOT / 'data'}\n", encoding="utf-8"
    )
    return tmp_path / "site.yaml"


def amended(site: Path) -> Notice:
    return load_notice(site.parent / "rules" / "measures.yaml", draft=True)


def test_the_amended_notice_and_its_provisions_are_found(site: Path) -> None:
    notice = notice_of_text(AMENDING.read_text(encoding="utf-8"), str(AMENDING))
    proposals = resolve(read(notice), [amended(site)], "site.yaml")
    assert [p.effect.target for p in proposals] == [
        Target("sample-rules", "1"),
        Target("sample-rules", "3", paragraph=2),
        Target("sample-rules", "4", item=2),
        Target("sample-rules", "5"),
        Target("sample-rules", "2"),
        Target("sample-rules", "3", paragraph=2),  # 在第三条后增加一款: after its last
        Target(),  # 示例总署公告2098年第7号 is not on the site
    ]
    assert [p.todo for p in proposals[:6]] == [""] * 6
    assert proposals[6].todo == (
        "the text cites 示例总署公告2098年第7号, which is not a notice of site.yaml: recorded, "
        "this effect changes nothing; where the site publishes it, write notice: <its slug>"
    )


def test_a_notice_is_found_by_its_title_or_its_文号_and_a_provision_by_its_words(
    site: Path,
) -> None:
    rules = amended(site)
    for preamble in (
        "为规范示例货物申报，现对《示例总署关于示例货物申报管理事项的公告》作如下修改：",
        "为规范示例货物申报，现对公告〔2098〕5号作如下修改：",
    ):
        notice = announcement("删除“口岸示例机关”。", "删除第九条。", preamble=preamble)
        found, missing = resolve(read(notice), [rules], "site.yaml")
        assert found.effect.target == Target("sample-rules", "5")  # the one holding the words
        assert missing.effect.target == Target()
        assert (
            "sample-rules is that notice, but it has no provision labelled 第九条" in missing.todo
        )
    joint = announcement(
        "删除第二条。", preamble="现对示例总署、示例部2098年联合公告第5号作如下修改："
    )
    assert resolve(read(joint), [rules], "site.yaml")[0].effect.target == Target()


def test_old_words_the_target_does_not_hold_are_flagged(site: Path) -> None:
    notice = announcement("将第五条中的“示例口岸”修改为“示例海关”。")
    [p] = resolve(read(notice), [amended(site)], "site.yaml")
    assert p.effect.target == Target("sample-rules", "5")
    assert p.todo == "check: sample-rules 5 does not hold the words “示例口岸”"


# --- make import -------------------------------------------------------------------------

PRINTED = f"""\
Effects on other documents, as read (7):
  一、 修改 {CITED}第一条 → sample-rules measures/1/: “为规范示例货物申报，便利示例货物通关，制…”
  二、 修改 {CITED}第三条第二款 → sample-rules measures/3/ paragraph 2: “逾期申报的，由示例海关按照有关规定处理。”
  三、 修改 {CITED}第四条第二项 → sample-rules measures/4/ item 2: “（二）示例合同或者协议；”
  四、 修改 {CITED}第五条 → sample-rules measures/5/: “口岸示例机关” → “示例海关”
  五、 删除 {CITED}第二条 → sample-rules measures/2/: “、完整”
  六、 增加 {CITED}第三条 → sample-rules measures/3/ after paragraph 2: “申报人可以申请延期申报。”
  七、 废止 示例总署公告2098年第7号 → not on this site (recorded only)
    to do: the text cites 示例总署公告2098年第7号, which is not a notice of site.yaml: recorded, this effect changes nothing; where the site publishes it, write notice: <its slug>
Confirm or correct each under effects: in amending/measures.yaml (a to-do comment stands above those to finish by hand); `make check` reads them.
"""


def test_a_long_rewording_shows_the_words_that_differ() -> None:
    notice = announcement(
        "将第三条第二款由“逾期申报的，按照有关规定处理，并记录示例信用信息。”"
        "修改为“逾期申报的，由示例海关按照有关规定处理，并记录示例信用信息。”"
    )
    [line] = proposed(read(notice), Path("amending/measures.yaml"))[1:2]
    assert line.endswith(": “…按照…” → “…由示例海关按照…”")
    assert line.startswith(f"  一、 修改 {CITED}第三条第二款 → not on this site (recorded only)")


@pytest.mark.parametrize("how", ["--site", "SITE="])
def test_make_import_prints_what_it_proposes(site: Path, how: str) -> None:
    args = ["import", str(AMENDING), "--data", "amending", "--slug", "sample-amending"]
    if how == "--site":
        result = in_process([*args, "--site", "site.yaml"], site.parent)
    else:  # as the Makefile passes SITE= on
        result = in_process(args, site.parent, NOTICE_SITE="site.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(PRINTED)


def test_without_a_site_file_nothing_is_found(tmp_path: Path) -> None:
    # the default site.yaml of one notice is that notice's own site: not searched
    import_notice(AMENDED, tmp_path / "rules", "sample-rules", ROOT / "data" / "measures.yaml")
    (tmp_path / "site.yaml").write_text("name: 示例网站\nnotices:\n  - rules\n", encoding="utf-8")
    args = ["import", str(AMENDING), "--data", "amending", "--slug", "sample-amending"]
    result = in_process(args, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "→ sample-rules" not in result.stdout
    assert "no site file was given to find it in (make import SITE=<file>)" in result.stdout
    # where site.yaml lists several notices (a library), it is searched
    (tmp_path / "site.yaml").write_text(
        f"name: 示例网站\nnotices:\n  - rules\n  - {ROOT / 'data'}\n", encoding="utf-8"
    )
    result = in_process([*args[:3], "again", *args[4:]], tmp_path)
    assert "一、 修改 " + CITED + "第一条 → sample-rules measures/1/" in result.stdout


def test_a_site_file_that_cannot_be_used_stops_the_import(tmp_path: Path) -> None:
    args = ["import", str(AMENDING), "--data", "amending", "--slug", "sample-amending"]
    result = in_process([*args, "--site", "missing.yaml"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "error: --site missing.yaml: no such file; expected a site file such as site.yaml\n"
    )
    assert not (tmp_path / "amending").exists()


def filled(folder: Path) -> None:
    """What the editor writes by hand in an imported measures.yaml (short title, one theme
    with its description, each measure's theme, the source's address)."""
    path = folder / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'  short_title: ""[^\n]*\n', "  short_title: 示例修改\n", text)
    text = re.sub(r'  source_url: ""[^\n]*\n', "  source_url: https://example.org/9\n", text)
    start, end = text.index("\nthemes:\n") + 1, text.index("\nmeasures:\n") + 1
    theme = "themes:\n  - slug: clearance\n    label: 通关\n    description: 示例。\n"
    text = text[:start] + theme + text[end:]
    path.write_text(text.replace("    themes: []\n", "    themes: [clearance]\n"), encoding="utf-8")


def test_what_the_import_writes_make_check_reads_and_the_amendments_apply(site: Path) -> None:
    args = ["import", str(AMENDING), "--data", "amending", "--slug", "sample-amending"]
    args += ["--taxonomy", str(ROOT / "data" / "measures.yaml")]
    assert in_process([*args, "--site", "site.yaml"], site.parent).returncode == 0
    folder = site.parent / "amending"
    text = (folder / "measures.yaml").read_text(encoding="utf-8")
    assert "#   - effects: confirm each effect the importer read in the text (see there);" in text
    assert (
        "      - 申报人可以申请延期申报。\n"
        "\n"
        "  # to do: the text cites 示例总署公告2098年第7号, which is not a notice of site.yaml: recorded,\n"
        "  #   this effect changes nothing; where the site publishes it, write notice: <its slug>\n"
        "  - kind: repeal\n"
        "    document: 示例总署公告2098年第7号\n"
        '    by: "7"\n'
    ) in text
    assert (
        "\n"
        "  - kind: replace\n"
        f"    document: {CITED}\n"
        "    notice: sample-rules\n"
        '    provision: "4"\n'
        "    item: 2\n"
        '    by: "3"\n'
        "    clauses:\n"
        "      - （二）示例合同或者协议；\n"
    ) in text
    draft = load_notice(folder / "measures.yaml", draft=True)
    assert [e.target.notice for e in draft.effects] == ["sample-rules"] * 6 + [""]
    filled(folder)
    notice = load_notice(folder / "measures.yaml", draft=False)
    assert notice.effects == draft.effects
    history = History(amended(site), amendments_on("sample-rules", [notice]))
    texts = {m.key: [p.text for p in m.paragraphs] for m in history.notice.measures}
    assert texts["1"] == [
        "为规范示例货物申报，便利示例货物通关，制定本公告。",
        "本公告所称申报人，是指示例货物的收发货人。",
    ]
    assert texts["2"] == ["申报人应当如实申报示例货物。申报内容应当真实、准确。"]
    assert texts["3"] == [
        "申报人应当自示例货物进境之日起十日内申报。",
        "逾期申报的，由示例海关按照有关规定处理。",
        "申报人可以申请延期申报。",
    ]
    assert texts["4"][2] == "（二）示例合同或者协议；"
    assert texts["5"] == ["示例货物的检验由示例海关负责。"]
    assert history.status == "amended"


@pytest.mark.slow
def test_the_readmes_import_of_an_amending_announcement(tmp_path: Path) -> None:
    """The README's line, as written, in a copy of the project whose site file lists the
    amended notice (imported from its fixture) and the first notice."""
    project = copy_project(tmp_path / "project")
    rules = project / "notices" / "rules"
    import_notice(AMENDED, rules, "sample-rules", ROOT / "data" / "measures.yaml")
    (project / "library.yaml").write_text(
        "name: 示例网站\nnotices:\n  - data\n  - notices/rules\n", encoding="utf-8"
    )
    [line] = readme_block("An amending announcement: proposed effects")
    result = shell(line, project, AMENDING=str(AMENDING))
    assert result.returncode == 0, result.stdout + result.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"\n```\n(  四、.*?)```\n", readme, re.S)
    assert shown, "README: no example of the lines printed"
    for printed in shown.group(1).splitlines():
        assert printed in result.stdout.splitlines()
    folder = project / "notices" / "amending"
    notice = load_notice(folder / "measures.yaml", draft=True)
    assert [e.target.notice for e in notice.effects] == ["sample-rules"] * 6 + [""]


def test_a_change_to_no_document_named_is_printed_not_written(tmp_path: Path) -> None:
    preamble = "为规范示例货物申报，现将有关事项公告如下："
    notice = announcement("删除第二条。", "将第三条修改为：“”", preamble=preamble)
    [p] = resolve(read(notice), [], "")  # an empty quotation is no new text
    assert p.effect == Effect("delete", "", Target(), "1") and not p.written
    assert p.todo.startswith("the text names no document it amends: not written in measures.yaml")
    assert proposed((p,), Path("x/measures.yaml"))[1] == (
        "  一、 删除 (no document named) 第二条 → not on this site (recorded only)"
    )
    source = tmp_path / "sample.txt"
    source.write_text(
        f"{MARK}\n\n示例总署关于示例事项的公告\n\n公告〔2099〕9号\n\n{preamble}\n\n"
        "一、删除第二条。\n\n特此公告。\n\n示例总署\n\n2099年4月1日\n",
        encoding="utf-8",
    )
    imported = import_notice(source, tmp_path / "out", "sample", ROOT / "data" / "measures.yaml")
    assert imported.effects == ()
    assert "effects:" not in (tmp_path / "out" / "measures.yaml").read_text(encoding="utf-8")
