"""A notice folder's effects on other notices (model.effects), read and checked: the optional
`effects` list of measures.yaml.

    effects:
      - kind: replace                    # replace, insert, delete, repeal, replace_notice
        document: 海关总署公告2099年第5号  # the amended document, as the text names it
        notice: sample-rules             # its slug, where this site publishes it
        provision: "3"                   # its address there (the path of its page)
        item: 1                          # optional: paragraph (第Y款), item (第Y项) or sentence
        by: "1"                          # optional: this notice's provision that makes it
        old: 旧的措辞                     # optional: the words replaced or deleted
        clauses:                         # the new text, one sentence each (replace, insert);
          - 新的措辞。                    # with old: the words that take their place
        breaks: [2]                      # optional: sentences that open a paragraph
        effective: 2099-05-01            # optional: where not this notice's effective date

An effect on a document this site does not publish names no `notice` (a repeal too: the
text's 海关总署公告2023年第26号同时废止 is recorded, and changes nothing here).
What one notice can check is checked here; whether the target exists, and holds the words
`old` quotes, only the site can say (site_file.check_library, model.versions).
"""

from __future__ import annotations

from notice_site.folder.yaml_file import Reader, YamlMap
from notice_site.model.effects import KINDS, WHOLE, Effect, Target

REQUIRED = ("kind", "document")
OPTIONAL = (
    "notice", "provision", "paragraph", "item", "sentence", "by", "old", "clauses", "breaks",
    "label", "title", "effective",
)  # fmt: skip


def read_effects(r: Reader, top: YamlMap, provisions: set[str]) -> tuple[Effect, ...]:
    """The notice's effects; `provisions`, the addresses of its own provisions (by)."""
    items = r.seq(top, "effects", "", allow_empty=True)
    found = []
    for i, item in enumerate(items, 1):
        place = f"effect {i}"
        e = r.fields(item, place, items.lines[i - 1], REQUIRED, OPTIONAL)
        kind = e["kind"]
        if kind not in KINDS:
            r.fail(
                e.lines["kind"],
                f"{place}, kind",
                f"expected one of {', '.join(KINDS)}, got {kind!r}",
            )
        notice = r.text(e, "notice", place) if e.get("notice") not in (None, "") else ""
        provision = r.address(e, "provision", place) if e.get("provision") not in (None, "") else ""
        parts = {name: _number(r, e, name, place) for name in Target.PARTS if name in e}
        if len([n for n in parts.values() if n]) > 1:
            r.fail(e.line, place, "name one of paragraph, item and sentence, not several")
        if kind in WHOLE and (provision or parts):
            r.fail(
                e.lines["kind"],
                f"{place}, kind",
                f"{kind} acts on the whole notice: leave out provision, paragraph, item and sentence",
            )
        if parts and not provision:
            r.fail(
                e.line,
                place,
                "a paragraph, item or sentence is of a provision: name it (provision: <its address>)",
            )
        if notice and kind not in WHOLE and not provision:
            r.fail(
                e.line,
                place,
                f"{kind} acts on a provision: name it (provision: <its address in that notice, as in its URL>)",
            )
        by = r.address(e, "by", place) if e.get("by") not in (None, "") else ""
        if by and by not in provisions:
            r.fail(
                e.lines["by"],
                f"{place}, by",
                f"this notice has no provision '{by}' (by names the provision that makes the change)",
            )
        old = r.text(e, "old", place) if "old" in e else ""
        clauses = r.texts(e, "clauses", place, "clause") if "clauses" in e else ()
        if kind in ("replace", "insert") and not clauses:
            r.fail(e.line, place, f"{kind} needs the new text: clauses (one sentence each)")
        if kind in ("delete", *WHOLE) and clauses:
            r.fail(e.lines["clauses"], f"{place}, clauses", f"{kind} takes no new text")
        if kind == "insert" and old:
            r.fail(
                e.lines["old"],
                f"{place}, old",
                "insert adds text: old names words replaced or deleted",
            )
        if old and len(clauses) > 1:
            r.fail(
                e.lines["clauses"],
                f"{place}, clauses",
                "with old, clauses holds one item: the words that take the place of old",
            )
        breaks = _breaks(r, e, place, len(clauses)) if "breaks" in e else ()
        found.append(
            Effect(
                kind,
                r.text(e, "document", place),
                Target(notice, provision, **parts),
                by,
                old,
                clauses,
                breaks,
                r.text(e, "label", place) if "label" in e else "",
                r.text(e, "title", place) if "title" in e else "",
                r.date(e, "effective", place) if "effective" in e else "",
            )
        )
    return tuple(found)


def _number(r: Reader, e: YamlMap, key: str, place: str) -> int:
    value = e[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        r.fail(e.lines[key], f"{place}, {key}", f"expected a number from 1 (第1…), got {value!r}")
    return value


def _breaks(r: Reader, e: YamlMap, place: str, count: int) -> tuple[int, ...]:
    items = r.seq(e, "breaks", place, allow_empty=True)
    out: list[int] = []
    for k, value in enumerate(items):
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 2 <= value <= count
            or (out and value <= out[-1])
        ):
            r.fail(
                items.lines[k],
                f"{place}, breaks",
                f"expected the numbers of the sentences (2 to {count}, in order) that open a "
                f"paragraph, got {value!r}",
            )
        out.append(value)
    return tuple(out)
