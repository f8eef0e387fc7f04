"""The notices tests use: the real one's size (no test counts with a literal), the sample
notice (a fictional official text, imported and filled in as an editor does), and the first
notice's data to break."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from notice_site.model.notice import Notice
from notice_site.model.numerals import chinese_numeral
from notice_site.render.site import load_source_notice
from support.project import ROOT

# The real notice's size, from its data.
REAL = load_source_notice(ROOT / "data")
COUNT = len(REAL.measures)
NUMBERS = range(1, COUNT + 1)
PDF_COUNT = 2 + 2 * COUNT  # two booklets, one PDF per measure and script

# The first notice's data, which tests break in one place each.
GOOD = (ROOT / "data" / "measures.yaml").read_text(encoding="utf-8")


def write_data(data_dir: Path, broken: Callable[[str], str] | bytes) -> None:
    """A notice folder at `data_dir`: the first notice's measures.yaml as `broken` makes it
    (a function of the good text, or the bytes to write), beside its override table."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data" / "zh-Hant-overrides.yaml", data_dir)
    raw = broken if isinstance(broken, bytes) else broken(GOOD).encode("utf-8")
    (data_dir / "measures.yaml").write_bytes(raw)


# A fictional notice of seven measures, marked as a test sample (tests/fixtures/).
SAMPLE = ROOT / "tests" / "fixtures" / "sample-notice.txt"

# The editor's part: what the official text cannot give.
SHORT_TITLE = "七条措施（样例）"
TAXONOMY = """themes:
  - slug: duty
    label: 关税征管
    description: 关税政策与征管服务。
    required: true
  - slug: quarantine
    label: 检疫
    description: 进境农产品的检疫监管。
  - slug: transport
    label: 物流运输
    description: 多式联运与物流成本。
  - slug: trust
    label: 企业信用
    description: 信用培育与差别化监管。
  - slug: online
    label: 跨境电商
    description: 跨境电商进出口。
  - slug: service
    label: 惠企服务
    description: 面向企业的服务承诺。

"""
THEMES = {1: "[duty]", 2: "[quarantine]", 3: "[transport]", 4: "[trust]", 5: "[online]"}
THEMES |= {6: "[duty, service]", 7: "[service]"}


def fill_in(data: Path) -> None:
    """What the editor writes by hand in the imported measures.yaml."""
    path = data / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'  short_title: ""[^\n]*\n', f"  short_title: {SHORT_TITLE}\n", text)
    start, end = text.index("\nthemes:\n") + 1, text.index("\nmeasures:\n") + 1
    text = text[:start] + TAXONOMY + text[end:]
    for number, themes in THEMES.items():
        head = text.index(f"  - number: {number}\n")
        at = text.index("    themes: []\n", head)
        text = text[:at] + f"    themes: {themes}\n" + text[at + len("    themes: []\n") :]
    at = text.index("    related: []\n", text.index("  - number: 1\n"))
    text = text[:at] + "    related: [6]\n" + text[at + len("    related: []\n") :]
    path.write_text(text, encoding="utf-8")


SAMPLE_SLUG = "sample-measures"


def sample_notice(target: Path) -> Path:
    """The sample notice as a complete notice folder at `target`: imported from its official
    text, then filled in as an editor does (fill_in)."""
    from notice_site.reading.importer import import_notice

    import_notice(SAMPLE, target, SAMPLE_SLUG, ROOT / "data" / "measures.yaml")
    fill_in(target)
    return target


def notice_as_text(notice: Notice, ui: dict[str, str]) -> str:
    """Every piece of text of one edition, one per line, in reading order."""
    d = notice.document
    lines = [
        *(f"{name}: {getattr(d, name)}" for name in d.TEXT),
        *(f"preamble {i}: {p}" for i, p in enumerate(d.preamble, 1)),
        "",
        *(f"theme {t.slug}: {t.label} — {t.description}" for t in notice.themes),
        "",
    ]
    for m in notice.measures:
        lines.append(f"{chinese_numeral(m.number)}、{m.title}")
        lines.extend(f"  {m.number}.{k} {c}" for k, c in enumerate(m.clauses, 1))
    lines.append("")
    lines.extend(f"ui {key}: {value}" for key, value in ui.items())
    return "\n".join(lines) + "\n"


# Texts that try the importer and the writer: the sample with parts left out, and strings
# YAML would read as something else.


def bare_text() -> str:
    """The sample with no 附件 line and no URL."""
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "https://www.example.org/sample-customs/notices/2099-7.html", ""
    )
    text = text.replace("附件:示例市海关支持跨境贸易便利化七条措施（测试样例）\n", "")
    return text.replace("附件:\n\n**示例市海关支持跨境贸易便利化\n七条措施（测试样例）**\n", "")


AWKWARD = [
    "“引号”开头的标题",
    "- 像列表项的开头",
    "键: 值",
    "# 像注释",
    "中间有 # 号",
    "*星号开头",
    "**粗体**文字",  # (a paragraph set whole in **…** is bold: its words are read)
    "123",
    "1.5",
    "true",
    "no",
    "null",
    "~",
    "2099-01-01",
    "'单引号'",
    '"双引号"',
    "[方括号]",
    "{花括号}",
    "&锚",
    "!标签",
    "%百分号",
    "@at",
    "`反引号`",
    "|竖线",
    ">大于",
    "以冒号结尾:",
    "反斜杠\\n不是换行",
    "? 问号",
    "...",
    "---",
]


def awkward_text() -> str:
    """Every awkward string as a preamble paragraph, a measure title and a clause."""
    head = SAMPLE.read_text(encoding="utf-8").split("为进一步便利跨境贸易", 1)[0]
    text = head + "\n\n".join(AWKWARD) + "\n\n附件:" + AWKWARD[1] + "\n\n"
    text += "".join(
        f"{numeral}、{title}\n\n{title}。{title}\n\n"
        for numeral, title in zip(
            ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
            + [f"十{d}" for d in "一二三四五六七八九"]
            + ["二十"]
            + [f"二十{d}" for d in "一二三四五六七八九"]
            + ["三十"],
            AWKWARD,
            strict=True,
        )
    )
    return text
