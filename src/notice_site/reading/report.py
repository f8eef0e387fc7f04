"""What `make import` prints of the text it read, for the editor: the document's tree as
read (`describe`), what in it looks odd (`oddities`): a number skipped or repeated, a
heading with no text, a provision of one short sentence; and the effects on other documents
it proposes (`proposed`). It prints; it never refuses."""

from __future__ import annotations

from pathlib import Path

from notice_site.model.tree import shortened
from notice_site.model.urls import measure_source, page_path
from notice_site.reading.amendments import KIND_WORDS, Proposal
from notice_site.reading.structure import RUN_IN, Reading, Unit
from notice_site.reading.tables import table_of


def describe(reading: Reading) -> list[str]:
    """What was read, one line each, for the editor."""
    lines = [f"title: {reading.title or '(none found)'}", f"文号: {reading.number or '(none)'}"]
    if reading.recipients:
        lines.append(f"recipients: {reading.recipients}")
    for n, part in enumerate(reading.parts, 1):
        name = part.title or "(untitled)"
        lines.append(f"document {n}{f' ({part.label})' if part.label else ''}: {name}")
        intro = [p for p in part.intro if table_of(p) is None]
        if intro:
            lines.append(f"  intro: {len(intro)} paragraph(s): {shortened(intro[0], 24)}")
        lines.extend(f"  table t{k}: its rows in tables/t{k}.csv" for k in part.tables())
        lines.extend(_describe_units(part.units, "  "))
        if n == 1 and reading.unnumbered:
            lines.append("  its text numbers no paragraph: it is one provision, unnumbered")
        closing = [p for p in part.closing if table_of(p) is None]
        if closing:
            lines.append(f"  closing: {len(closing)} paragraph(s): {shortened(closing[0], 24)}")
        if part.attachments:
            lines.append(f"  attachments listed: {' / '.join(part.attachments)}")
        if part.signature:
            lines.append(f"  signature: {' / '.join(part.signature)}")
    if reading.record:
        lines.append(f"record at the foot (not imported): {' / '.join(reading.record)}")
    odd = oddities(reading)
    if odd:
        lines.append("looks odd (check it in the source):")
        lines.extend(f"  {line}" for line in odd)
    return lines


def oddities(reading: Reading) -> list[str]:
    """What looks odd in the tree, for the editor to check: a provision of one short
    sentence (a heading read as text?), a heading with no text under it, numbering that
    skips or repeats (straight through the divisions, or restarting in each, is fine)."""
    found: list[str] = []
    for n, part in enumerate(reading.parts, 1):
        _odd_units(part.units, f"document {n}", "", {}, False, found)
    return found


def _odd_units(
    units: list[Unit], where: str, inside: str, last: dict[str, int], items: bool, found: list[str]
) -> None:
    """`last`: the last number of each kind met in the document (numbering may run
    straight through the divisions); `items`: these are a provision's list items."""
    previous = None
    for unit in units:
        expected = {1, (previous.number + 1) if previous else 1}
        if previous is None and unit.kind in last:
            expected.add(last[unit.kind] + 1)
        if previous is not None and previous.kind != unit.kind:
            expected = {unit.number}
        if unit.number not in expected:
            after = f"follows {previous.label}" if previous else "comes first"
            found.append(f"{where}{inside}: {unit.label} {after}: a number skipped or repeated?")
        last[unit.kind] = unit.number
        previous = unit
        text = unit.paragraphs
        if unit.title and not text and not unit.children:
            found.append(f"{where}: {unit.heading} has a title and no text")
        short = len(text) == 1 and len(text[0]) <= RUN_IN
        if not items and not unit.children and not unit.title and short:
            found.append(f"{where}: {unit.heading} is one short sentence: a heading read as text?")
        _odd_units(unit.children, where, f", in {unit.label}", last, items or unit.lists, found)


def _describe_units(units: list[Unit], indent: str) -> list[str]:
    lines: list[str] = []
    run: list[Unit] = []

    def flush() -> None:
        if not run:
            return
        titled = sum(bool(u.title) for u in run)
        forms = {u.title_form for u in run if u.title}
        how = "untitled" if not titled else f"titled ({', '.join(sorted(forms))})"
        if titled and titled < len(run):
            how = f"{titled} titled, {len(run) - titled} untitled"
        span = run[0].label if len(run) == 1 else f"{run[0].label}–{run[-1].label}"
        departments = sum(bool(u.departments) for u in run)
        extra = f", {departments} naming departments" if departments else ""
        first, final = (page_path(measure_source(u.address)) for u in (run[0], run[-1]))
        at = first + (f"–{final}" if len(run) > 1 else "")
        lines.append(f"{indent}provisions {span} ({len(run)}, {how}{extra}) at {at}")
        items = sum(len(u.children) for u in run)
        if items:
            lines.append(f"{indent}  with {items} list item(s) on their pages")
        tables = [k for u in run for c in u.content if isinstance(c, str) and (k := table_of(c))]
        if tables:
            lines.append(f"{indent}  with table(s) {', '.join(f't{k}' for k in tables)}")
        run.clear()

    for unit in units:
        if unit.is_division:
            flush()
            own = f", {len(unit.paragraphs)} paragraph(s) of its own" if unit.paragraphs else ""
            lines.append(f"{indent}division {unit.heading}{own}")
            lines.extend(_describe_units(unit.children, indent + "  "))
        else:
            run.append(unit)
    flush()
    return lines


# How many characters of a text an effect's line shows.
SHOWN_WORDS = 20
# How many characters around words added or taken out show where they stand.
CONTEXT = 2


def proposed(proposals: tuple[Proposal, ...], measures: Path) -> list[str]:
    """The effects proposed, one line each (the provision making it, the kind in Chinese,
    the document and provision cited, where it acts in this site, old → new, shortened),
    then how the editor confirms them in `measures`; nothing where there are none."""
    if not proposals:
        return []
    lines = [f"Effects on other documents, as read ({len(proposals)}):"]
    for p in proposals:
        e = p.effect
        t = e.target
        where = "not on this site (recorded only)"
        if t.notice:
            where = t.notice + (f" measures/{t.provision}/" if t.provision else "")
            if t.part:
                where += f" {'after ' if e.kind == 'insert' else ''}{t.part[0]} {t.part[1]}"
        change = ""
        if e.old and e.clauses:
            old, new = _differing(e.old, e.text)
            change = f": “{old}” → “{new}”"
        elif e.old:
            change = f": “{shortened(e.old, SHOWN_WORDS)}”"
        elif e.clauses:
            change = f": “{shortened(e.text, SHOWN_WORDS)}”"
        document = shortened(e.document, 2 * SHOWN_WORDS) or "(no document named) "
        lines.append(f"  {p.at} {KIND_WORDS[e.kind]} {document}{p.cited.words} → {where}{change}")
        if p.todo:
            lines.append(f"    to do: {p.todo}")
    lines.append(
        f"Confirm or correct each under effects: in {measures} (a to-do comment stands above "
        "those to finish by hand); `make check` reads them."
    )
    return lines


def _differing(old: str, new: str) -> tuple[str, str]:
    """Old and new words as a line shows them: whole where both are short, else the words
    that differ, with … for the words both share before and after them."""
    if len(old) <= SHOWN_WORDS and len(new) <= SHOWN_WORDS:
        return old, new
    before = _shared(old, new)
    after = _shared(old[before:][::-1], new[before:][::-1])
    if before + after in (len(old), len(new)):  # words added or taken out: show where
        if after:
            after = max(after - CONTEXT, 0)
        else:
            before = max(before - CONTEXT, 0)
    lead, tail = ("…" if before else ""), ("…" if after else "")

    def shown(words: str) -> str:
        return lead + shortened(words[before : len(words) - after], SHOWN_WORDS) + tail

    return shown(old), shown(new)


def _shared(a: str, b: str) -> int:
    """How many characters `a` and `b` start with alike."""
    return next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
