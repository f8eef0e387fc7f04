"""The scripts the site is published in, and what each is called where: the one table.

Every Python user reads it: URLs, page sources, PDFs, the build, the hooks.
mkdocs.yml repeats it where MkDocs reads it before any hook runs (static-i18n's
`languages:`, `theme.language`), and so does docs/measures.schema.json's
`language` enum: tests/test_languages.py keeps them equal to this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One script of the site."""

    # BCP 47 tag: <html lang>, hreflang, static-i18n's locale and so Material's
    # theme.language (overrides/partials/languages/<code>.html), docs/<code>/, and
    # the download names (<slug>.<code>.pdf, a published contract).
    code: str
    # In the language switcher (static-i18n's `name`).
    name: str
    # The source script: the notice is written in it, and it is served at the site's root.
    default: bool
    # Open Graph wants language_TERRITORY.
    og_locale: str
    # The Noto CJK region of the PDFs' faces (Debian's fonts-noto-cjk ships SC, TC, HK, JP, KR).
    font_region: str

    @property
    def prefix(self) -> str:
        """Its home from the site's root, which is also its folder in the built site: ''
        for the source script, '<code>/' for the others."""
        return "" if self.default else f"{self.code}/"


SIMPLIFIED = Language(
    code="zh-Hans", name="简体中文", default=True, og_locale="zh_CN", font_region="SC"
)
# Converted from the source at build time (convert.py), with reviewed interface strings (ui.py).
TRADITIONAL = Language(
    code="zh-Hant", name="繁體中文", default=False, og_locale="zh_TW", font_region="TC"
)

# The source script first: the order of builds, sitemaps and downloads.
TABLE: tuple[Language, ...] = (SIMPLIFIED, TRADITIONAL)
LANGUAGES: tuple[str, ...] = tuple(language.code for language in TABLE)
DEFAULT_LANGUAGE: str = next(language.code for language in TABLE if language.default)


def of(code: str) -> Language:
    """The script whose tag is `code`; ValueError for any other."""
    for language in TABLE:
        if language.code == code:
            return language
    raise ValueError(f"unknown language {code!r} (expected one of {', '.join(LANGUAGES)})")


def of_path(relative: str) -> str:
    """The script of a page from its path inside the site (zh-Hant/… is Traditional; the
    source script is at the root)."""
    for language in TABLE:
        if language.prefix and relative.startswith(language.prefix):
            return language.code
    return DEFAULT_LANGUAGE
