"""What several pages show the same way, as plain data for their templates: a table (its
groups of rows, each row's id and reference), a row's reference, the interpretation's
paragraphs with the provisions they name linked, and the links to the paragraphs that
name a provision. Pages (pages.py) and search (search.py) take them from here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from notice_site.model.interpretation import paragraph_anchor
from notice_site.model.notice import Document, Notice
from notice_site.model.references import pieces
from notice_site.model.tree import Division, Measure, Row, Table, shortened


def row_ref(t: Table, row: Row, ui: dict[str, str]) -> str:
    """How a citation (and a search result) names a table's row: what holds the table (its
    attached document's label, 附件2; or the provision and the caption, 第二条所附“…”),
    then its 序号 (序号23) in a numbered table, else its place (第23行)."""
    if t.measure is not None:
        place = ui["table_in_measure"].format(
            label=t.measure.cited_as(ui["measure_label"], ui["measure_unnumbered"]),
            caption=t.caption,
        )
    else:
        place = t.parent.label.rstrip(" \u3000") or t.parent.title
    key = "row_numbered" if t.numbered is not None else "row_at"
    return place + ui[key].format(n=row.number)


def table_data(t: Table, url: str, ui: dict[str, str], d: Document) -> dict[str, Any]:
    """A table for templates/_table.md.j2: its rows in groups (a group row heads the rows
    below it), each row its id and reference; the page's URL, and the citation with the
    row's reference, text and URL left for tables.js to fill in."""
    groups: list[dict[str, Any]] = [{"heading": None, "rows": []}]
    for row in t.rows:
        if row.is_group:
            groups.append({"heading": row.heading, "rows": []})
        else:
            groups[-1]["rows"].append(
                {"id": row.anchor, "ref": row_ref(t, row, ui), "cells": row.cells}
            )
    if not groups[0]["rows"]:
        groups.pop(0)
    citation = ui["row_citation"].replace("{document}", d.title).replace("{number}", d.number)
    return {
        "id": t.id,
        "caption": t.caption,
        "headers": t.headers,
        "head": t.head,
        "groups": groups,
        "notes": t.notes,
        "url": url,
        "citation": citation,
    }


def interpretation_sections(
    notice: Notice, href: Callable[[Measure | Division], str]
) -> list[dict[str, Any]]:
    """The interpretation's sections for templates/interpretation.md.j2: each paragraph
    with its anchor and its words, those naming a provision with `href` to it."""
    sections = []
    for n, section in enumerate(notice.interpretation.sections, 1):
        paragraphs = [
            {
                "anchor": paragraph_anchor(n, k),
                "pieces": [
                    {"text": words, "href": href(target) if target else None}
                    for words, target in pieces(text, notice)
                ],
            }
            for k, text in enumerate(section.paragraphs, 1)
        ]
        sections.append({"heading": section.heading, "paragraphs": paragraphs})
    return sections


def explained(notice: Notice, anchors: Iterable[str], page: str) -> list[dict[str, str]]:
    """Links (from a page, to the interpretation's page at `page`) to its paragraphs at
    `anchors`, each named by its section's heading and its opening words."""
    anchors = set(anchors)
    if not anchors:
        return []
    return [
        {"href": f"{page}#{anchor}", "heading": section.heading, "text": shortened(text)}
        for n, section in enumerate(notice.interpretation.sections, 1)
        for k, text in enumerate(section.paragraphs, 1)
        if (anchor := paragraph_anchor(n, k)) in anchors
    ]
