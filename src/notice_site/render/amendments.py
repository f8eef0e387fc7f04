"""What an amendment says wherever a reader meets it (model.effects, model.versions): the
day in the text's own words, when a version was in force, the note on an amended provision
(根据…第一条修订，自…起施行。) and where it links, and what an amending notice changes. The
pages, the PDFs, the search, the open data and the feed all word it here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from notice_site.model.tree import shortened
from notice_site.model.urls import measure_url, sibling_root, sibling_site

if TYPE_CHECKING:
    from collections.abc import Iterable

    from notice_site.model.effects import Amendment
    from notice_site.model.notice import MeasureRef, Notice
    from notice_site.model.tree import Measure
    from notice_site.model.versions import History, Version


def day_text(iso: str, ui: dict[str, str]) -> str:
    """2099-09-01 as the text writes a date: 2099年9月1日."""
    year, month, day = iso.split("-")
    return ui["day"].format(year=year, month=int(month), day=int(day))


def when_of(history: History, v: Version, ui: dict[str, str]) -> str:
    """When a version was in force, as its pages, its search results and the open data's
    readers see it: 自2099年9月1日起施行, 2099年5月1日至2099年9月1日施行, 发布时的文本."""
    day = history.day(v)
    if day == history.ORIGINAL:
        return ui["version_original"]
    start = day_text(day, ui)
    if v.end:
        return ui["version_from_to"].format(start=start, end=day_text(v.end, ui))
    return ui["version_from"].format(start=start)


def amending_url(a: Amendment, site_url: str, language: str) -> str:
    """Where the amending notice makes amendment `a`: its provision's page, else its home."""
    if a.effect.by:
        return measure_url(sibling_site(site_url, a.slug), language, a.effect.by)
    return sibling_root(site_url, a.slug, language)


def note(a: Amendment, ui: dict[str, str], site_url: str, language: str) -> dict[str, str]:
    """The note an amendment leaves on the provision it changed, on its page and in the
    PDFs: 根据[海关总署公告2099年第9号第一条]修订，自2099年9月1日起施行。, as the words before
    the amending document, the document and its provision (linked to it: `href`), the
    words after."""
    e = a.effect
    whole = e.target.part is None and not e.old
    words = ui[
        "deleted_by"
        if whole and e.kind == "delete"
        else "added_by"
        if whole and e.kind == "insert"
        else "amended_by"
    ]
    before, after = words.split("{document}", 1)
    return {
        "before": before,
        "link": f"{a.number or a.title}{a.by}",
        "after": after.format(date=day_text(a.date, ui)),
        "href": amending_url(a, site_url, language),
    }


def notes_of(
    history: History | None, m: Measure, ui: dict[str, str], site_url: str, language: str
) -> list[dict[str, str]]:
    """The notes of the amendments that made provision `m`'s current wording (none for a
    provision never amended)."""
    if history is None or m.key not in history.versions:
        return []
    current = history.in_force(m.key)
    return [note(a, ui, site_url, language) for a in current.made_by] if current else []


def changes_made(
    notice: Notice,
    elsewhere: Iterable[MeasureRef],
    titles: dict[str, str],
    ui: dict[str, str],
    site_url: str,
    language: str,
) -> list[dict[str, Any]]:
    """What an amending notice's effects do, as its pages list them: the kind (修订, 删除 …),
    what they act on (the notice and provision, linked where the site publishes them; else
    the document as the text names it), and the address of its provision that does it."""
    provisions = {(m.slug, m.key): m for m in elsewhere}
    out = []
    for e in notice.effects:
        t = e.target
        target = titles.get(t.notice, e.document) if t.notice else e.document
        href = sibling_root(site_url, t.notice, language) if t.notice in titles else ""
        ref = provisions.get((t.notice, t.provision))
        if ref is not None:
            target = f"{target} {ref.mark}{ref.title}"
            href = measure_url(sibling_site(site_url, t.notice), language, t.provision)
        part = t.part
        out.append(
            {
                "kind": ui[f"change_{e.kind}"],
                "target": target + (ui[f"change_{part[0]}"].format(n=part[1]) if part else ""),
                "href": href,
                # the words, where the effect quotes them: “A” → “B”, shortened
                "detail": ui["change_words"].format(old=shortened(e.old), new=shortened(e.text))
                if e.old and e.text
                else ui["change_deleted_words"].format(old=shortened(e.old))
                if e.old
                else "",
                "away": "" if href else ui["change_not_here"],
                "by": e.by,
            }
        )
    return out
