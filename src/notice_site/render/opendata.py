"""The notice as open data: JSON (described by docs/measures.schema.json) and CSV, one row per clause.

Where other notices amended this one (model.versions), the JSON's measures are the text in
force and each amended one lists its `versions`; an amending notice lists its `effects`. The
CSV holds the text in force only, one row per sentence.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

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
    sibling_root,
    sibling_site,
    table_csv_path,
    theme_url,
    version_url,
)
from notice_site.render.amendments import amending_url

if TYPE_CHECKING:
    from notice_site.model.effects import Amendment, Effect
    from notice_site.model.notice import Document
    from notice_site.model.versions import History

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


def notice_data(
    notice: Notice, language: str, site_url: str, schema_url: str, history: History | None = None
) -> dict[str, Any]:
    """Plain data for measures.json; `site_url` is the absolute URL of the site's root;
    `history`, where other notices amended it, gives each amended measure its versions."""
    d = notice.document
    root = language_root(site_url, language)
    versions = history.versions if history is not None else {}
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
                        # an amended measure's sentence keeps its number (2-1 for one added)
                        | ({"n": s.n} if s.n != str(s.k) else {})
                        for s in m.sentences
                    ],
                }
                # where a measure has several paragraphs: the sentences that begin one
                | ({"breaks": list(m.breaks)} if m.breaks else {})
                | _tree_fields(m)
                | (
                    {"versions": _versions(history, m.key, language, site_url)}
                    if history is not None and versions.get(m.key)
                    else {}
                )
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
        | (
            {"effects": [_effect(e, d, language, site_url) for e in notice.effects]}
            if notice.effects
            else {}
        )
    )


def _versions(history: History, key: str, language: str, site_url: str) -> list[dict[str, Any]]:
    """Each version of amended measure `key`, oldest first: from when (start; absent for a
    text as first published that gives no date) until when (end; absent for the one in
    force), whether it is in force on the build's day, its dated page, its sentences with
    their numbers and URLs there, and the amendments that made it."""
    out = []
    for v in history.versions[key]:
        page = version_url(site_url, language, key, history.day(v))
        start = history.day(v)
        out.append(
            ({"start": start} if start != history.ORIGINAL else {})
            | ({"end": v.end} if v.end else {})
            | {
                # past, current (in force on the day the site was built) or future
                "standing": history.standing_of(v),
                "url": page,
                "sentences": [
                    {"n": s.n, "text": s.text, "url": f"{page}#{s.anchor}"}
                    for s in v.measure.sentences
                ],
            }
            | ({"breaks": list(v.measure.breaks)} if v.measure.breaks else {})
            | ({"gone": [n for n, _ in v.gone]} if v.gone else {})
            | (
                {"amendments": [_amendment(a, language, site_url) for a in v.made_by]}
                if v.made_by
                else {}
            )
        )
    return out


def _amendment(a: Amendment, language: str, site_url: str) -> dict[str, Any]:
    """An amendment as the version it made names it: the amending notice (slug, title,
    文号), its provision that makes it (citation and URL), the day, the kind."""
    return {
        "notice": a.slug,
        "title": a.title,
        **({"number": a.number} if a.number else {}),
        **({"by": a.by} if a.by else {}),
        "url": amending_url(a, site_url, language),
        "date": a.date,
        "kind": a.effect.kind,
    }


def _effect(e: Effect, amending: Document, language: str, site_url: str) -> dict[str, Any]:
    """What an amending notice does to another (model.effects), as its measures.yaml writes
    it, with the day it takes effect and, for a notice of the site, the URL of the target."""
    t = e.target
    target: dict[str, Any] = {}
    if t.notice:
        target["notice"] = t.notice
    if t.provision:
        target["provision"] = t.provision
    for name in t.PARTS:
        if getattr(t, name):
            target[name] = getattr(t, name)
    if t.notice and t.provision:
        target["url"] = measure_url(sibling_site(site_url, t.notice), language, t.provision)
    elif t.notice:
        target["url"] = sibling_root(site_url, t.notice, language)
    return (
        {"kind": e.kind, "document": e.document, "target": target}
        | ({"by": e.by} if e.by else {})
        | ({"old": e.old} if e.old else {})
        | ({"new": list(e.clauses)} if e.clauses else {})
        | ({"breaks": list(e.breaks)} if e.breaks else {})
        | ({"label": e.label} if e.label else {})
        | ({"title": e.title} if e.title else {})
        | ({"effective": day} if (day := e.takes_effect(amending.in_effect_from)) else {})
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


def notice_json(
    notice: Notice, language: str, site_url: str, schema_url: str, history: History | None = None
) -> str:
    data = notice_data(notice, language, site_url, schema_url, history)
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
