"""No code, template or configuration names a notice: everything about one comes from its folder.

The README and deploy/ may use the first notice as their example; the places a
build reads (src/, hooks/, overrides/, the hand-written part of docs/,
mkdocs.yml, the Makefile) may not.
"""

from __future__ import annotations

from pathlib import Path

from support.project import ROOT

from notice_site.model.languages import LANGUAGES
from notice_site.render.site import load_editions

# The generated part of docs/ (docs/<lang>/) holds a notice's pages by design.
GENERATED = {ROOT / "docs" / language for language in LANGUAGES}
PLACES = ["src", "hooks", "overrides", "docs", "mkdocs.yml", "Makefile"]


def names_of_the_notice() -> set[str]:
    """How the first notice is named, in both scripts: title, short title, issuer, number, slug."""
    names = set()
    for edition in load_editions(ROOT / "data").values():
        d = edition.notice.document
        names |= {d.title, d.short_title, d.issuer, d.number}
    slug = load_editions(ROOT / "data")["zh-Hans"].notice.document.slug
    return names | {slug, slug.replace("-", "_"), slug.replace("-", " ")}


def files() -> list[Path]:
    found = []
    for place in PLACES:
        path = ROOT / place
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        for candidate in candidates:
            if not candidate.is_file() or "__pycache__" in candidate.parts:
                continue
            if any(candidate.is_relative_to(g) for g in GENERATED):
                continue
            found.append(candidate)
    return found


def test_the_names_are_what_the_data_says() -> None:
    names = names_of_the_notice()
    assert {"二十条措施", "二十條措施", "海口海关", "海口海關", "twenty-measures"} <= names
    assert "琼关法综发〔2026〕19号" in names


def test_no_code_template_or_configuration_names_the_notice() -> None:
    names = names_of_the_notice()
    checked = files()
    assert any(p.suffix == ".py" for p in checked) and any(p.suffix == ".html" for p in checked)
    found = []
    for path in checked:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary assets
        lowered = text.lower()
        found += [f"{path.relative_to(ROOT)}: {n}" for n in sorted(names) if n.lower() in lowered]
    assert found == []
