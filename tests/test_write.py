"""Writing measures.yaml (notice_site.folder.write): what the importer writes is what load.py
reads back, for every shape the tests import; a command that changes the file keeps an
editor's comments and key order."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support.notices import awkward_text, bare_text
from support.project import ROOT
from support.shapes import SHAPES

from notice_site.folder.load import load_notice
from notice_site.folder.write import dumps, rewrite
from notice_site.reading.importer import import_notice

FIXTURES = ROOT / "tests" / "fixtures"
TEXTS = {
    **{f"shape-{shape.lower()}": text for shape, text in SHAPES.items()},
    "sample-notice": (FIXTURES / "sample-notice.txt").read_text(encoding="utf-8"),
    "bare": bare_text(),
    "awkward": awkward_text(),
    "other-shape": (FIXTURES / "other-shape.txt").read_text(encoding="utf-8"),
    # two attached documents numbered from 一、 each, the second with no 附件 line
    "two-documents": (FIXTURES / "two-documents.txt").read_text(encoding="utf-8"),
    **{
        path.stem: path.read_text(encoding="utf-8")
        for path in sorted(FIXTURES.glob("announcement-*.txt"))
    },
    # an announcement in articles, and one amending it: its effects (the amended one not
    # found, no site file being given) are written and read back
    "amended-notice": (FIXTURES / "amended-notice.txt").read_text(encoding="utf-8"),
    "amending-notice": (FIXTURES / "amending-notice.txt").read_text(encoding="utf-8"),
    "haikou-customs-2026-19": (ROOT / "data" / "source" / "haikou-customs-2026-19.txt").read_text(
        encoding="utf-8"
    ),
}
DOCUMENT_FIELDS = (
    "title",
    "attachment",
    "issuer",
    "number",
    "preamble",
    "source_url",
    "recipients",
    "signature",
    "attachment_intro",
    "attachment_closing",
    "in_body",
    "closing",
    "date",
    "effective",
)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_an_import_loads_back_as_it_was_imported(tmp_path: Path, name: str) -> None:
    source = tmp_path / f"{name}.txt"
    source.write_text(TEXTS[name], encoding="utf-8")
    imported = import_notice(source, tmp_path / "next", name, ROOT / "data" / "measures.yaml")
    notice = load_notice(tmp_path / "next" / "measures.yaml", draft=True)
    d = imported.document
    expected = {f: getattr(d, f) for f in DOCUMENT_FIELDS}
    if not d.attachment and not d.in_body:
        expected["attachment"] = d.title  # a draft's stand-in until the editor writes it
    assert {f: getattr(notice.document, f) for f in DOCUMENT_FIELDS} == expected
    assert notice.document.slug == name
    # the importer and load give the one model: the same measures and divisions
    assert notice.measures == imported.measures
    assert notice.divisions == imported.divisions
    assert notice.effects == imported.effects


EDITED = """\
# The editor's own notes, at the top.

document:
  title: 示例  # kept as it is
  slug: sample
  short_title: ''   # the editor's quotes stay, and the note's column
  number: 示关发〔2099〕7号
  date: 2099-03-01

# why these themes
themes:
  - slug: tariff
    label: 关税
    description: ""

measures:
  - number: 1
    title: 第一项
    clauses:
      - 一句。  # the first sentence

  - title: 第二项  # title before number, as the editor put it
    number: 2
    clauses: [二句。]
"""


def test_a_rewrite_keeps_the_editors_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "measures.yaml"
    path.write_text(EDITED, encoding="utf-8")

    def change(data) -> None:
        data["document"]["short_title"] = "示例措施"
        data["measures"][1]["themes"] = ["tariff"]

    rewrite(path, change)
    written = path.read_text(encoding="utf-8")
    assert written == EDITED.replace("short_title: ''   #", "short_title: '示例措施' #").replace(
        "    clauses: [二句。]", "    clauses: [二句。]\n    themes:\n      - tariff"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["measures.yaml"]  # no work file left
    unchanged = tmp_path / "unchanged.yaml"
    unchanged.write_text(EDITED, encoding="utf-8")
    rewrite(unchanged, lambda data: None)
    assert unchanged.read_text(encoding="utf-8") == EDITED


def test_a_rewrite_reads_as_pyyaml_does(tmp_path: Path) -> None:
    # yes and on are true to PyYAML (YAML 1.1), as load.py reads the file: they stay so
    path = tmp_path / "measures.yaml"
    path.write_text("flag: yes\nname: 'on'\nlist: [on, off]\n", encoding="utf-8")
    rewrite(path, lambda data: data.insert(1, "text", "yes"))
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {
        "flag": True,
        "text": "yes",
        "name": "on",
        "list": [True, False],
    }


def test_a_long_text_stays_on_its_line() -> None:
    clause = "支持" * 300 + " 在 " + "试点" * 300 + "。"
    assert dumps({"clauses": [clause]}) == f"clauses:\n  - {clause}\n"


def test_the_first_notice_rewritten_unchanged_is_byte_for_byte_the_same(tmp_path: Path) -> None:
    # data/measures.yaml is written by hand: its comments, blank lines and quoting stay
    path = tmp_path / "measures.yaml"
    original = (ROOT / "data" / "measures.yaml").read_bytes()
    path.write_bytes(original)
    rewrite(path, lambda data: None)
    assert path.read_bytes() == original
