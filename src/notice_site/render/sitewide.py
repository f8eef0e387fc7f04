"""What the site as a whole says in each script, for MkDocs' configuration (hooks/notice.py
sets it): its name, description, copyright line and owner, a government website's identity
and reading tools, the draft banner, the 404 page's words and the navigation's labels."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from markupsafe import escape

from notice_site.folder.identity import Identity
from notice_site.folder.site_file import Site
from notice_site.model.languages import DEFAULT_LANGUAGE
from notice_site.model.notice import Document
from notice_site.render import gov
from notice_site.render.convert import Converter
from notice_site.render.site import Edition


class Speaking(Protocol):
    """What the site-wide settings read of a notice in one script: its document and its
    interface strings (an Edition; for a library's own pages, its first notice's
    library.listed.Listed, all those pages know of it)."""

    @property
    def document(self) -> Document: ...

    @property
    def ui(self) -> dict[str, str]: ...


@cache
def _site_converter() -> Converter:
    # the site's own words (its name, its owner) take no notice's overrides
    return Converter()


def in_script(text: str, language: str) -> str:
    """Text of the site itself (its name, its owner) in the script of `language`."""
    return text if language == DEFAULT_LANGUAGE else _site_converter()(text)


def site_name(site: Site, language: str) -> str:
    """The site's name (the site file's `name`) in the script of `language`."""
    return in_script(site.name, language)


def site_owner(site: Site, language: str) -> str:
    """The site's owner, 主办单位 (the site file's `owner`), in the script of `language`."""
    return in_script(site.owner, language)


def draft_banner(editions: dict[str, Edition]) -> dict[str, str | None]:
    """What every page of a draft says at its top, per language (None: not a draft)."""
    return {
        language: edition.ui["draft_banner"] if edition.draft else None
        for language, edition in editions.items()
    }


def site_settings(editions: Mapping[str, Speaking]) -> dict[str, dict[str, str]]:
    """What MkDocs' configuration says about the notice, per language (hooks/notice.py sets it).

    These come from the data, and Material prints them sometimes as they are (a
    copyright line may hold links), sometimes escaped (`| e`): they are handed over
    as markupsafe's Markup, already escaped, which `| e` leaves as it is.
    """
    return {
        language: {
            "site_name": escape(edition.document.short_title),
            "site_description": escape(edition.document.attachment or edition.document.title),
            "copyright": escape(edition.ui["copyright"]),
        }
        for language, edition in editions.items()
    }


def government_settings(
    editions: Mapping[str, Speaking], site: Site | None, site_url: str, data_dir: Path | None = None
) -> dict[str, dict[str, Any]]:
    """What every page of a government website shows and declares (gov.py), per script:
    the footer's identity lines, the site's identity <meta> tags, and the reading tools'
    words (字号, 高对比度). From the site file (library.site_file) where it lists the
    notice in `data_dir` (or for the library's own pages, `data_dir` None); a notice
    built alone shows its issuer as the owner and no filing numbers."""
    if site and data_dir is not None:
        listed = {folder.resolve() for folder in site.notices}
        site = site if data_dir.resolve() in listed else None
    identity = site.identity if site else Identity()
    out = {}
    for language, edition in editions.items():
        ui = edition.ui

        def convert(text: str, language: str = language) -> str:
            return in_script(text, language)

        # the site's owner and name, else the notice's issuer and title (in this script)
        owner = site_owner(site, language) if site and site.owner else edition.document.issuer
        name = site_name(site, language) if site else edition.document.short_title
        out[language] = {
            "identity": gov.footer(owner, identity, ui, convert),
            "identity_label": ui["gov_identity"],
            "gov": gov.site_meta(name, site_url, identity),
            "gov_order": list(gov.META_ORDER),
            "tools": {
                "label": ui["tools"],
                "size": ui["text_size"],
                "sizes": [
                    {"value": value, "label": ui[f"text_size_{value}"]}
                    for value in ("normal", "large", "xlarge")
                ],
                "contrast": ui["high_contrast"],
            },
        }
    return out


def not_found_page(editions: Mapping[str, Speaking]) -> dict[str, dict[str, str]]:
    """What the 404 page of each script says (overrides/404.html reads it from
    config.extra.not_found: a static template has no page of ours to carry it)."""
    return {
        language: {
            "title": edition.ui["not_found"],
            "text": edition.ui["not_found_text"],
            "home_label": edition.ui["back_home"],
        }
        for language, edition in editions.items()
    }


def nav_translations(
    editions: Mapping[str, Speaking], labels: list[str]
) -> dict[str, dict[str, str]]:
    """The navigation's labels (written in mkdocs.yml in the default script) in each other
    script. Every label is one of our interface strings, so it has one translation only."""
    default = editions[DEFAULT_LANGUAGE].ui
    keys = {}
    for label in labels:
        key = next((k for k, text in default.items() if text == label), None)
        if key is None:
            raise ValueError(
                f"mkdocs.yml nav: {label!r} is not one of the interface strings (ui.py)"
            )
        keys[label] = key
    return {
        language: {label: edition.ui[key] for label, key in keys.items()}
        for language, edition in editions.items()
        if language != DEFAULT_LANGUAGE
    }
