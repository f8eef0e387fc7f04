"""The notice as open data: JSON (described by docs/measures.schema.json) and CSV, one row per clause."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from notice_site.model.interpretation import paragraph_anchor
from notice_site.model.notice import Notice
from notice_site.model.numerals import chinese_numeral
from notice_site.model.references import page_of, references
from notice_site.model.tree import Measure, Table
from notice_site.model.urls import (
    division_url,
    interpretation_url,
    language_root,
    measure_url,
    row_url,
    table_csv_path,
    theme_url,
)

SCHEMA_NAME = "measures.schema.json"
CSV_COLUMNS = ("measure", "clause", "ref", "title", "themes", "text", "url")
# A notice with divisions adds where each sentence stands: the headings from the top.
TREE_COLUMNS = ("division",)


def csv_columns(notice: Notice) -> tuple[str, ...]:
    return CSV_COLUMNS + (TREE_COLUMNS if notice.divisions else ())


def _tree_fields(m: Measure) -> dict[str, Any]:
    """A measure's place in the document's tree, where the notice has one."""
    found: dict[str, Any] = {}
    if m.address:
        found["address"] = m.address
    if m.label:
        found["label"] = m.label
    if m.within:
        found["division"] = m.within
    if m.departments:
        found["departments"] = list(m.departments)
    if not m.numbered:
        found["numbered"] = False
    return found


def notice_data(notice: Notice, language: str, site_url: str, schema_url: str) -> dict[str, Any]:
    """Plain data for measures.json; `site_url` is the absolute URL of the site's root."""
    d = notice.document
    root = language_root(site_url, language)
    return (
        {
            "$schema": schema_url,
            "language": language,
            "url": root,
            # The slug names files, not the notice: the schema leaves it out.
            "document": {
                key: list(value) if isinstance(value, tuple) else value
                for key, value in d.as_dict().items()
                if key != "slug"
            },
            "themes": [
                {
                    "slug": t.slug,
                    "label": t.label,
                    "description": t.description,
                    "url": theme_url(site_url, language, t.slug),
                    "measures": [m.number for m in notice.measures_of(t.slug)],
                }
                for t in notice.themes
            ],
            "measures": [
                {
                    "number": m.number,
                    "numeral": chinese_numeral(m.shown),
                    "title": m.title,
                    "url": measure_url(site_url, language, m.key),
                    "themes": list(m.themes),
                    "related": list(notice.related_to(m.number)),
                    "clauses": [
                        {
                            "number": s.k,
                            "ref": s.ref,
                            "text": s.text,
                            "url": s.url(site_url, language),
                        }
                        for s in m.sentences
                    ],
                }
                # where a measure has several paragraphs: the sentences that begin one
                | ({"breaks": list(m.breaks)} if m.breaks else {})
                | _tree_fields(m)
                for m in notice.measures
            ],
        }
        | (
            {
                "divisions": [
                    {
                        "address": d.address,
                        "label": d.label,
                        "title": d.title,
                        "url": division_url(site_url, language, d.address),
                        "paragraphs": list(d.paragraphs),
                    }
                    | ({"within": d.within} if d.within else {})
                    | ({"closing": list(d.closing)} if d.closing else {})
                    for d in notice.divisions
                ]
            }
            if notice.divisions
            else {}
        )
        | (
            {"tables": [_table_data(t, language, site_url) for t in notice.tables]}
            if notice.tables
            else {}
        )
        | (
            {"interpretation": _interpretation(notice, language, site_url)}
            if notice.interpretation
            else {}
        )
    )


def _interpretation(notice: Notice, language: str, site_url: str) -> dict[str, Any]:
    i = notice.interpretation
    url = interpretation_url(site_url, language)

    def named(text: str) -> list[str]:
        urls = []
        for ref in references(text, notice):
            kind, key = page_of(ref.target)
            to = measure_url if kind == "measure" else division_url
            urls.append(to(site_url, language, key))
        return list(dict.fromkeys(urls))

    return (
        {"title": i.title, "url": url}
        | ({"source_url": i.source_url} if i.source_url else {})
        | ({"published": i.published} if i.published else {})
        | {
            "sections": [
                {
                    "heading": section.heading,
                    "paragraphs": [
                        {
                            "anchor": paragraph_anchor(n, k),
                            "text": text,
                            "url": f"{url}#{paragraph_anchor(n, k)}",
                            "names": named(text),
                        }
                        for k, text in enumerate(section.paragraphs, 1)
                    ],
                }
                for n, section in enumerate(i.sections, 1)
            ]
        }
        | ({"closing": list(i.closing)} if i.closing else {})
    )


def table_page_url(t: Table, language: str, site_url: str) -> str:
    """The permanent URL of the page holding table `t`: its provision's, or its division's."""
    if t.measure is not None:
        return measure_url(site_url, language, t.measure.key)
    return division_url(site_url, language, t.parent.address)


def _table_data(t: Table, language: str, site_url: str) -> dict[str, Any]:
    """A table in measures.json: where it stands, its caption, headers (and column groups,
    where it has them) and notes, its rows
    in order (a group row as {"group": heading}), each row its anchor, URL and cells."""
    page = table_page_url(t, language, site_url)
    where = (
        {"measure": t.measure.key, "after": t.after}
        if t.measure is not None
        else {"division": t.parent.address}
    )
    rows: list[dict[str, Any]] = []
    for row in t.rows:
        if row.is_group:
            rows.append({"group": row.heading})
        else:
            rows.append(
                {
                    "anchor": row.anchor,
                    "number": row.number,
                    "url": row_url(page, row.anchor),
                    "cells": list(row.cells),
                }
            )
    return {
        "id": t.id,
        "caption": t.caption,
        **where,
        "url": page,
        "csv": language_root(site_url, language) + table_csv_path(t.id),
        "headers": list(t.headers),
        **({"column_groups": list(t.column_groups)} if t.column_groups else {}),
        **({"numbered": t.headers[t.numbered]} if t.numbered is not None else {}),
        "notes": list(t.notes),
        "rows": rows,
    }


def notice_json(notice: Notice, language: str, site_url: str, schema_url: str) -> str:
    data = notice_data(notice, language, site_url, schema_url)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# A cell starting with one of these is run as a formula by spreadsheets (CSV
# injection); such cells get a leading apostrophe, as OWASP recommends.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def notice_csv(notice: Notice, language: str, site_url: str) -> str:
    """One row per clause; starts with a byte order mark so that Excel reads UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns(notice))
    for m in notice.measures:
        path = " › ".join(d.heading for d in m.divisions_above)
        for s in m.sentences:
            url = s.url(site_url, language)
            row = [m.number, s.k, s.ref, m.title, " ".join(m.themes), s.text, url]
            row += [path] if notice.divisions else []
            writer.writerow([_cell(value) for value in row])
    return "\ufeff" + out.getvalue()


# What a table's own CSV adds after the source's columns: the group heading a row stands
# under (empty where none) and the row's permanent URL.
TABLE_EXTRA_COLUMNS = ("group", "url")


def table_csv(t: Table, language: str, site_url: str) -> str:
    """A table as its own CSV (tables/<id>.csv): its column headers as the source has them
    (a column under a column group named with it, Table.column_names), then `group` and
    `url`; one line per row (a group row is no line: its heading is in
    the `group` column of the rows under it); a byte order mark for Excel, and cells that
    a spreadsheet would run as a formula start with an apostrophe, as in measures.csv."""
    page = table_page_url(t, language, site_url)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_cell(h) for h in (*t.column_names, *TABLE_EXTRA_COLUMNS)])
    group = ""
    for row in t.rows:
        if row.is_group:
            group = row.heading
            continue
        writer.writerow([_cell(v) for v in (*row.cells, group, row_url(page, row.anchor))])
    return "\ufeff" + out.getvalue()
