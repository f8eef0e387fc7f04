"""Bad data stops the build with one clear message, and never touches the built site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.commands import in_process
from support.notices import COUNT, GOOD, write_data
from support.project import MAKE_SITE, ROOT, copy_project, project_with_a_built_site, run, snapshot


def replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return mutate


MEASURE_3 = "  - number: 3\n    title: 支持离岛免税产业发展\n"


def line(marker: str, below: int = 0) -> int:
    """The line of the good file where `marker` starts, plus `below` lines."""
    assert GOOD.count(marker) == 1, marker
    return GOOD[: GOOD.index(marker)].count("\n") + 1 + below


M3 = line(MEASURE_3)
M2 = line("  - number: 2\n")

# (name, how the good file is broken, the exact message printed)
SLUG_LINE = line("  slug: twenty-measures\n")


def standing(lines: str) -> Callable[[str], str]:
    """The good file with `lines` (a notice's status and dates) after its slug."""
    return replace("  slug: twenty-measures\n", "  slug: twenty-measures\n" + lines)


CASES: list[tuple[str, Callable[[str], str] | bytes, str]] = [
    (
        "unknown-status",
        standing("  status: expired\n"),
        f"data/measures.yaml:{SLUG_LINE + 1}: document, status: expected one of in_force, "
        "amended, replaced, repealed, got 'expired'",
    ),
    (
        "replaced-without-successor",
        standing("  status: replaced\n"),
        f"data/measures.yaml:{SLUG_LINE + 1}: document, status: a replaced notice names its "
        "successor: add replaced_by: <the slug of the notice that replaces it>",
    ),
    (
        "successor-of-a-notice-in-force",
        standing("  replaced_by: next-measures\n"),
        f"data/measures.yaml:{SLUG_LINE + 1}: document, replaced_by: the notice is in_force, "
        "yet names a successor: set status: replaced, or remove replaced_by",
    ),
    (
        "successor-not-a-slug",
        standing("  status: replaced\n  replaced_by: 新措施\n"),
        f"data/measures.yaml:{SLUG_LINE + 2}: document, replaced_by: expected a notice's slug "
        "(such as customs-2026-1), got '新措施'",
    ),
    (
        "malformed-date",
        standing("  date: 2026年3月1日\n"),
        f"data/measures.yaml:{SLUG_LINE + 1}: document, date: expected a date written "
        "2026-03-01 (year-month-day), got '2026年3月1日'",
    ),
    (
        # YAML takes it for a date, and PyYAML raised on it: now the field names it
        "impossible-date",
        standing("  published: 2026-02-30\n"),
        f"data/measures.yaml:{SLUG_LINE + 1}: document, published: expected a date written "
        "2026-03-01 (year-month-day), got '2026-02-30'",
    ),
    (
        "dates-out-of-order",
        standing("  date: 2026-03-01\n  effective: 2026-02-01\n"),
        f"data/measures.yaml:{SLUG_LINE + 2}: document, effective: 2026-02-01 is before the "
        "date it was signed (date: 2026-03-01); dates run date ≤ published ≤ effective ≤ expires",
    ),
    (
        "yaml-syntax",
        replace("    title: 支持离岛免税产业发展\n", '    title: "支持离岛免税产业发展\n'),
        f"data/measures.yaml:{M3 + 1}: invalid YAML: while scanning a quoted scalar, found unexpected "
        "end of stream",
    ),
    (
        "empty-file",
        b"",
        "data/measures.yaml: the file is empty; expected the fields document, themes and measures",
    ),
    (
        "top-level-list",
        b"- number: 1\n",
        "data/measures.yaml:1: top level: expected a mapping of fields, got a list",
    ),
    (
        "missing-title",
        replace(MEASURE_3, "  - number: 3\n"),
        f"data/measures.yaml:{M3}: measure at position 3: missing required field 'title'",
    ),
    (
        "misspelt-field",
        replace(MEASURE_3, "  - number: 3\n    titel: 支持离岛免税产业发展\n"),
        f"data/measures.yaml:{M3 + 1}: measure at position 3: unknown field 'titel' (did you mean "
        "'title'?); allowed fields: number, title, themes, related, clauses, breaks, address, label, division, "
        "departments, numbered",
    ),
    (
        "title-is-a-list",
        replace(MEASURE_3, "  - number: 3\n    title: [支持, 离岛免税]\n"),
        f"data/measures.yaml:{M3 + 1}: measure 3, title: expected text, got a list",
    ),
    (
        "number-is-text",
        replace(MEASURE_3, '  - number: "3"\n    title: 支持离岛免税产业发展\n'),
        f"data/measures.yaml:{M3}: measure at position 3, number: expected a whole number, got text",
    ),
    (
        "duplicate-number",
        replace("  - number: 3\n", "  - number: 2\n"),
        f"data/measures.yaml:{M3}: measure 2, number: measure 2 appears twice (also on line {M2})",
    ),
    (
        "gap-in-numbering",
        replace("  - number: 3\n", "  - number: 4\n"),
        f"data/measures.yaml:{M3}: measure 4, number: expected 3: measures are numbered 1, 2, 3… "
        "in order with no gap",
    ),
    (
        "unknown-theme",
        replace(
            "    themes: [tariff]\n    related: [7]\n", "    themes: [tarif]\n    related: [7]\n"
        ),
        f"data/measures.yaml:{M3 + 2}: measure 3, themes: unknown theme 'tarif' (did you mean "
        "'tariff'?); themes are: agriculture, bonded, clearance, credit, ecommerce, logistics, "
        "services, tariff",
    ),
    (
        "related-does-not-exist",
        replace("    related: [7]\n", f"    related: [{COUNT + 1}]\n"),
        f"data/measures.yaml:{M3 + 3}: measure 3, related: there is no measure 21 (measures are 1–{COUNT})",
    ),
    (
        "related-to-itself",
        replace("    related: [7]\n", "    related: [3]\n"),
        f"data/measures.yaml:{M3 + 3}: measure 3, related: a measure cannot relate to itself",
    ),
    (
        "empty-clause",
        replace("      - 支持增设离岛免税口岸提货点。\n", '      - ""\n'),
        f"data/measures.yaml:{M3 + 5}: measure 3, clause 1: is empty",
    ),
    (
        "clause-not-a-sentence",
        replace("      - 支持增设离岛免税口岸提货点。\n", "      - 支持增设离岛免税口岸提货点\n"),
        f"data/measures.yaml:{M3 + 5}: measure 3, clause 1: does not end a sentence (with 。, ！ or ？): "
        "…'持增设离岛免税口岸提货点'",
    ),
    (
        "two-sentences-in-a-clause",
        replace(
            "      - 支持增设离岛免税口岸提货点。\n      - 支持更多国内热销品进入离岛免税渠道销售。\n",
            "      - 支持增设离岛免税口岸提货点。支持更多国内热销品进入离岛免税渠道销售。\n",
        ),
        f"data/measures.yaml:{M3 + 5}: measure 3, clause 1: holds more than one sentence; split it after "
        "…'岛免税口岸提货点。'",
    ),
    (
        "not-utf8",
        GOOD.encode("gb18030"),
        "data/measures.yaml:2: is not UTF-8 text (byte 0xc7 at offset 135)",
    ),
    (
        "tab-indentation",
        replace("    title: 支持离岛免税产业发展\n", "\ttitle: 支持离岛免税产业发展\n"),
        f"data/measures.yaml:{M3 + 1}: invalid YAML: while scanning for the next token, found character '\\t' that cannot start any token "
        "(YAML indentation must use spaces, not tabs)",
    ),
    (
        "duplicate-field",
        replace(MEASURE_3, MEASURE_3 + "    title: 支持离岛免税产业发展\n"),
        f"data/measures.yaml:{M3 + 2}: the field 'title' appears twice in the same place",
    ),
    (
        "alias-bomb",
        b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        "data/measures.yaml:2: YAML aliases (*name) are not allowed here; write the value out",
    ),
    (
        "required-theme-without-measures",
        replace(
            "\nmeasures:\n",
            "  - slug: health\n    label: 医疗\n    description: 医疗。\n    required: true\n\nmeasures:\n",
        ),
        f"data/measures.yaml:{line(chr(10) + 'measures:' + chr(10))}: theme 9 (health): no measure "
        "has this theme, which the taxonomy marks required: give it to at least one measure (a "
        "notice with none for it: delete its `required: true`)",
    ),
    (
        "theme-without-measures",
        replace(
            "\nmeasures:\n",
            "  - slug: health\n    label: 医疗\n    description: 医疗。\n\nmeasures:\n",
        ),
        f"data/measures.yaml:{line(chr(10) + 'measures:' + chr(10))}: theme 9 (health): no measure "
        "has this theme: give it to a measure, or delete it from themes",
    ),
    (
        "required-is-not-true-or-false",
        replace("    required: true\n", "    required: yes please\n"),
        f"data/measures.yaml:{line('  - slug: tariff', 3)}: theme 1 (tariff), required: expected true "
        "or false, got text",
    ),
    (
        "empty-short-title",
        replace("  short_title: 二十条措施\n", '  short_title: ""\n'),
        f"data/measures.yaml:{line('  short_title:')}: document, short_title: is empty: the notice's "
        "short name, the site's name (e.g. 七条措施)",
    ),
    (
        "empty-theme-description",
        replace(
            "    description: 跨境电商进出口、药品进口试点和出海基地建设。\n",
            '    description: ""\n',
        ),
        f"data/measures.yaml:{line('  - slug: ecommerce', 2)}: theme 7 (ecommerce), description: is "
        "empty: one sentence on what the theme covers",
    ),
    (
        "missing-slug",
        replace("  slug: twenty-measures\n", ""),
        f"data/measures.yaml:{line('document:' + chr(10), 1)}: document: missing required field 'slug'",
    ),
    (
        "slug-with-a-dot",
        replace("  slug: twenty-measures\n", "  slug: twenty.measures\n"),
        f"data/measures.yaml:{line('  slug: twenty-measures')}: document, slug: a slug is lower-case "
        "ASCII letters and digits joined by '-', as it appears in the download names "
        "(<slug>.zh-Hans.pdf); got 'twenty.measures'",
    ),
    (
        "unsafe-source-url",
        replace("  source_url: http://", "  source_url: javascript://"),
        f"data/measures.yaml:{line('  source_url:')}: document, source_url: not an http(s) URL: "
        "'javascript://haikou.customs.gov.cn/haikou_customs/605737/zfxxgkml10/7071112/index.html'",
    ),
    (
        "no-measures",
        lambda text: text[: text.index("measures:\n")] + "measures: []\n",
        f"data/measures.yaml:{line(chr(10) + 'measures:' + chr(10), 1)}: measures: is an empty list",
    ),
    (
        "misspelt-top-level-field",
        replace("\nmeasures:\n", "\nmeasure:\n"),
        f"data/measures.yaml:{line(chr(10) + 'measures:' + chr(10), 1)}: top level: unknown field "
        "'measure' (did you mean 'measures'?); allowed fields: document, themes, measures, "
        "divisions, tables, interpretation, effects",
    ),
    (
        "missing-issuer",
        replace("  issuer: 海口海关\n", ""),
        f"data/measures.yaml:{line('document:' + chr(10), 1)}: document: missing required field 'issuer'",
    ),
    (
        "empty-preamble",
        lambda text: text.replace(
            text[text.index("  preamble:\n") : text.index("  source_url:")], "  preamble: []\n"
        ),
        f"data/measures.yaml:{line('  preamble:')}: document, preamble: is an empty list",
    ),
    (
        "slug-not-lower-case",
        replace("  - slug: tariff\n", "  - slug: Tariff\n"),
        f"data/measures.yaml:{line('  - slug: tariff')}: theme 1 (Tariff), slug: a slug is lower-case "
        "ASCII letters and digits joined by '-', as it appears in /themes/<slug>/; got 'Tariff'",
    ),
    (
        "duplicate-theme-slug",
        replace("  - slug: bonded\n", "  - slug: tariff\n"),
        f"data/measures.yaml:{line('  - slug: bonded')}: theme 5 (tariff), slug: the slug 'tariff' is "
        "used twice",
    ),
    (
        "measure-without-theme",
        replace("    themes: [tariff]\n    related: [7]\n", "    themes: []\n    related: [7]\n"),
        f"data/measures.yaml:{M3 + 2}: measure 3, themes: no theme yet; choose from: tariff (关税), "
        "agriculture (农业), logistics (物流), credit (信用), bonded (保税), clearance (通关), "
        "ecommerce (跨境电商), services (惠企服务)",
    ),
    (
        "related-is-text",
        replace("    related: [7]\n", "    related: [seven]\n"),
        f"data/measures.yaml:{M3 + 3}: measure 3, related: expected a measure number, got text",
    ),
    (
        "related-zero",
        replace("    related: [7]\n", "    related: [0]\n"),
        f"data/measures.yaml:{M3 + 3}: measure 3, related: there is no measure 0 (measures are 1–{COUNT})",
    ),
    (
        "clauses-is-one-string",
        lambda text: text.replace(
            "    clauses:\n      - 支持增设离岛免税口岸提货点。\n",
            "    clauses: 支持增设离岛免税口岸提货点。\n    notes:\n      - x。\n",
        ),
        f"data/measures.yaml:{M3 + 5}: measure at position 3: unknown field 'notes'; allowed fields: "
        "number, title, themes, related, clauses, breaks, address, label, division, departments, numbered",
    ),
    (
        "clause-is-a-number",
        replace("      - 支持增设离岛免税口岸提货点。\n", "      - 2025\n"),
        f"data/measures.yaml:{M3 + 5}: measure 3, clause 1: expected text, got the number 2025",
    ),
    (
        "title-with-a-line-break",
        replace("    title: 支持离岛免税产业发展\n", '    title: "支持离岛免税\\n产业发展"\n'),
        f"data/measures.yaml:{M3 + 1}: measure 3, title: contains a line break or control character "
        "('\\n')",
    ),
    (
        "title-with-trailing-space",
        replace("    title: 支持离岛免税产业发展\n", '    title: "支持离岛免税产业发展 "\n'),
        f"data/measures.yaml:{M3 + 1}: measure 3, title: starts or ends with whitespace",
    ),
    (
        "number-is-decimal",
        replace("  - number: 3\n", "  - number: 3.0\n"),
        f"data/measures.yaml:{M3}: measure at position 3, number: expected a whole number, got the "
        "number 3.0",
    ),
    (
        "title-is-yes",
        replace("    title: 支持离岛免税产业发展\n", "    title: yes\n"),
        f"data/measures.yaml:{M3 + 1}: measure 3, title: expected text, got true/false",
    ),
    (
        "measure-pasted-twice",
        lambda text: text + text[text.index(f"  - number: {COUNT}\n") :],
        f"data/measures.yaml:{GOOD.count(chr(10)) + 1}: measure {COUNT}, number: measure {COUNT} appears "
        f"twice (also on line {line(f'  - number: {COUNT}')})",
    ),
    (
        "empty-title",
        replace("    title: 支持离岛免税产业发展\n", "    title:\n"),
        f"data/measures.yaml:{M3 + 1}: measure 3, title: expected text, got nothing (the value is "
        "empty)",
    ),
]


@pytest.mark.parametrize(("name", "broken", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_data_gives_one_clear_message(
    tmp_path: Path, name: str, broken: Callable[[str], str] | bytes, message: str
) -> None:
    write_data(tmp_path / "data", broken)
    result = in_process(["check", "data"], tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\n"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    write_data(tmp_path / "data", b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    result = in_process(["check", "data"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"data/measures.yaml: ok, {COUNT} measures\n"


def test_huge_file_is_refused_at_once(tmp_path: Path) -> None:
    write_data(tmp_path / "data", GOOD.encode("utf-8") + b"#" * 50_000_000)
    result = in_process(["check", "data"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "error: data/measures.yaml: the file is 50,022,015 bytes; a notice is far smaller "
        "(limit 8,000,000)\n"
    ).replace("50,022,015", f"{len(GOOD.encode()) + 50_000_000:,}")


def test_bad_override_table(tmp_path: Path) -> None:
    write_data(tmp_path / "data", lambda text: text)
    (tmp_path / "data" / "zh-Hant-overrides.yaml").write_text(
        "- simplified: 布控\n  traditional: 佈控\n", encoding="utf-8"
    )
    result = in_process(["check", "data"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "error: data/zh-Hant-overrides.yaml:1: override 1: missing required field 'why'\n"
    )


HUGE = GOOD.encode("utf-8") + b"#" * 50_000_000
# Every bad file, and the start of the one message `make site` must give for it.
CORPUS = [
    *((name, broken, message) for name, broken, message in CASES),
    ("huge-file", HUGE, f"data/measures.yaml: the file is {len(HUGE):,} bytes"),
]


def assert_refused(name: str, result, message: str, site: Path, before: dict) -> None:
    """One message, the file's own, no traceback, and the previous site byte for byte."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, name
    assert "Traceback" not in output, name
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {message}"), (name, output)
    assert snapshot(site) == before, name
    assert not (site.parent / ".site-new").exists(), name


def test_site_with_each_bad_file_leaves_site_alone(tmp_path: Path) -> None:
    """`python -m notice_site site` (what `make site` runs), once per bad file of the corpus,
    in this process: each run stops before it builds anything (it would start MkDocs,
    which a fast test refuses), with the file's one message and the old site/ as it was."""
    site = tmp_path / "site"
    (site / "measures" / "13").mkdir(parents=True)
    (site / "index.html").write_text("previous build", encoding="utf-8")
    (site / "measures" / "13" / "index.html").write_text("measure 13", encoding="utf-8")
    before = snapshot(site)
    for name, broken, message in CORPUS:
        write_data(tmp_path / "data", broken)
        result = in_process(["site", "--data", "data", "--site-dir", "site"], tmp_path)
        assert_refused(name, result, message, site, before)


# One bad file of each kind of mistake, for the whole `make site` as a person types it.
MAKE_SITE_CASES = ["yaml-syntax", "not-utf8", "unknown-theme", "measure-without-theme", "huge-file"]


@pytest.mark.slow
def test_make_site_with_a_bad_file_leaves_site_alone(tmp_path: Path) -> None:
    """The real `make site`, in a copy of the project, for one bad file of each kind (the
    test above runs the whole corpus through the same command in process): the Makefile
    adds nothing that hides the message or touches site/."""
    project, old_site = project_with_a_built_site(tmp_path / "project")
    before = snapshot(old_site)
    corpus = {name: (broken, message) for name, broken, message in CORPUS}
    for name in MAKE_SITE_CASES:
        broken, message = corpus[name]
        write_data(project / "data", broken)
        assert_refused(name, run(MAKE_SITE, cwd=project), message, old_site, before)


@pytest.mark.slow
def test_mkdocs_build_with_bad_data_leaves_site_alone(tmp_path: Path) -> None:
    """Straight `mkdocs build` (no Makefile) also stops before it cleans the site folder."""
    project = copy_project(tmp_path / "project")
    old_site = project / "site"
    old_site.mkdir()
    (old_site / "index.html").write_text("previous build", encoding="utf-8")
    write_data(
        project / "data",
        replace(
            "    themes: [tariff]\n    related: [7]\n", "    themes: [tarif]\n    related: [7]\n"
        ),
    )
    result = run(["mkdocs", "build", "--strict"], cwd=project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert f"data/measures.yaml:{M3 + 2}: measure 3, themes: unknown theme 'tarif'" in output
    assert snapshot(old_site) == {"index.html": b"previous build"}


def test_status_and_dates_are_read_and_published_in_the_open_data(tmp_path: Path) -> None:
    """A notice replaced by another: its status, successor and dates are data, in its JSON
    as the schema describes them; a notice in force says nothing of it (the first notice's
    JSON is unchanged)."""
    import json

    import jsonschema

    from notice_site.folder.load import load_notice
    from notice_site.render.opendata import notice_data

    lines = (
        "  status: replaced\n  replaced_by: next-measures\n  replaces: [old-measures]\n"
        '  date: 2026-03-01\n  published: "2026-03-05"\n  effective: 2026-04-01\n'
    )
    write_data(tmp_path / "data", standing(lines))
    notice = load_notice(tmp_path / "data" / "measures.yaml")
    d = notice.document
    assert (d.status, d.replaced_by, d.replaces) == ("replaced", "next-measures", ("old-measures",))
    assert (d.date, d.published, d.effective, d.expires) == (
        "2026-03-01",
        "2026-03-05",
        "2026-04-01",
        "",
    )
    schema = json.loads((ROOT / "docs" / "measures.schema.json").read_text(encoding="utf-8"))
    data = notice_data(notice, "zh-Hans", "https://example.org/", "https://example.org/s.json")
    document = {"$defs": schema["$defs"], **schema["properties"]["document"]}
    jsonschema.validate(data["document"], document, format_checker=jsonschema.FormatChecker())
    assert data["document"]["effective"] == "2026-04-01"
    assert (
        "status"
        not in notice_data(
            load_notice(ROOT / "data" / "measures.yaml"), "zh-Hans", "https://example.org/", ""
        )["document"]
    )
