"""The notice as open data: JSON (described by docs/measures.schema.json) and CSV, one row per clause."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from notice_site.model import Notice
from notice_site.numerals import chinese_numeral

SCHEMA_NAME = "measures.schema.json"
CSV_COLUMNS = ("measure", "clause", "ref", "title", "themes", "text", "url")


def notice_data(notice: Notice, language: str, root: str, schema_url: str) -> dict[str, Any]:
    """Plain data for measures.json; `root` is the absolute URL of the language's home page."""
    d = notice.document

    def measure_url(n: int) -> str:
        return f"{root}measures/{n}/"

    return {
        "$schema": schema_url,
        "language": language,
        "url": root,
        "document": {
            "title": d.title,
            "short_title": d.short_title,
            "attachment": d.attachment,
            "issuer": d.issuer,
            "number": d.number,
            "preamble": list(d.preamble),
            "source_url": d.source_url,
        },
        "themes": [
            {
                "slug": t.slug,
                "label": t.label,
                "description": t.description,
                "url": f"{root}themes/{t.slug}/",
                "measures": [m.number for m in notice.measures_of(t.slug)],
            }
            for t in notice.themes
        ],
        "measures": [
            {
                "number": m.number,
                "numeral": chinese_numeral(m.number),
                "title": m.title,
                "url": measure_url(m.number),
                "themes": list(m.themes),
                "related": list(notice.related_to(m.number)),
                "clauses": [
                    {
                        "number": k,
                        "ref": f"{m.number}.{k}",
                        "text": text,
                        "url": f"{measure_url(m.number)}#c{k}",
                    }
                    for k, text in enumerate(m.clauses, 1)
                ],
            }
            for m in notice.measures
        ],
    }


def notice_json(notice: Notice, language: str, root: str, schema_url: str) -> str:
    data = notice_data(notice, language, root, schema_url)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# A cell starting with one of these is run as a formula by spreadsheets (CSV
# injection); such cells get a leading apostrophe, as OWASP recommends.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def notice_csv(notice: Notice, root: str) -> str:
    """One row per clause; starts with a byte order mark so that Excel reads UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in notice.measures:
        url = f"{root}measures/{m.number}/"
        for k, text in enumerate(m.clauses, 1):
            row = [m.number, k, f"{m.number}.{k}", m.title, " ".join(m.themes), text, f"{url}#c{k}"]
            writer.writerow([_cell(value) for value in row])
    return "\ufeff" + out.getvalue()
