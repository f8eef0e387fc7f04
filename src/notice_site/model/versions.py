"""A notice as its amendments change it: each provision's versions (the wording from each day
its text changed), the notice as it stood on any day, and the standing the amendments give it.

    History(notice, amendments)
      .notice          the notice as it stands with every amendment applied (its current text)
      .versions[key]   each version of an amended provision, oldest first (Version)
      .at(day)         the notice as it stood on that day
      .status          amended, repealed or replaced, by the amendments alone ("" for none)

Sentence numbers stay with their sentence across versions, so that a link to a sentence
(#c2) keeps landing on it: a sentence an amendment leaves or rewords keeps its number; one
it adds after sentence 2 is numbered 2-1 (2-2, …; 0-1 before the first); the number of one
it removes is never given again, and the version that held it says so (Version.gone).

The text in force is the one in force on `today` (the build's day, Settings.today): an
amendment published before the day it takes effect is a version to come (FUTURE), shown as
such, and the notice's status counts only the amendments in force. Without `today` (a
check of the effects) every amendment applies.

An amendment that cannot apply (no such provision, paragraph or item; words it quotes as
the old wording that the target does not hold) raises NotApplicable naming which one.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from notice_site.model.effects import AMENDED, STATUS, Amendment
from notice_site.model.notice import Document, Notice
from notice_site.model.numerals import chinese_numeral
from notice_site.model.tree import ARTICLE, UNNUMBERED, Division, Measure, Table, paragraphs_of


class NotApplicable(Exception):
    """Amendment `index` (of those given to History) cannot apply: `problem` says why."""

    def __init__(self, index: int, problem: str) -> None:
        super().__init__(problem)
        self.index = index
        self.problem = problem


@dataclass(frozen=True)
class Version:
    """A provision's wording from `start` (the day it took effect; "" for the text as first
    published) until `end` (the day the next took effect; "" for the current one), the
    amendments that made it, and the numbers of the sentences it no longer holds that an
    earlier version did, each with the start of the last version holding it."""

    start: str
    end: str
    measure: Measure
    made_by: tuple[Amendment, ...] = ()
    gone: tuple[tuple[str, str], ...] = ()


# A provision's text while amendments apply: its paragraphs, each a list of sentences as
# (number, text).
_Text = list[list[tuple[str, str]]]


class History:
    """A notice and the amendments of other notices that act on it (Neighbourhood), in the
    order the site lists them; applied in the order they take effect."""

    # The day in the address of a text as first published, where the notice gives no date
    # (its effective date, else its date: first_day).
    ORIGINAL = "original"

    # What a version is on the build's day (History.standing_of).
    PAST, CURRENT, FUTURE = "past", "current", "future"

    def __init__(
        self, notice: Notice, amendments: Iterable[Amendment] = (), today: str | None = None
    ) -> None:
        self.original = notice
        self.amendments = tuple(amendments)
        self.today = today
        # the order they apply in: by the day they take effect, then as listed
        self._order = sorted(range(len(self.amendments)), key=lambda i: self.amendments[i].date)
        self._apply()

    def converted(self, convert: Callable[[str], str]) -> History:
        """The same history in another script: every version's text converted, its
        sentences' numbers kept (the amendments apply once, to the source's text)."""
        other = object.__new__(History)
        other.today = self.today
        other.original = self.original.converted(convert)
        other.amendments = tuple(a.converted(convert) for a in self.amendments)
        other._order = self._order
        other.added = self.added
        by_slug = {(a.slug, a.index): a for a in other.amendments}
        other.versions = {
            key: tuple(
                replace(
                    v,
                    measure=v.measure.converted(convert),
                    made_by=tuple(by_slug[(a.slug, a.index)] for a in v.made_by),
                )
                for v in versions
            )
            for key, versions in self.versions.items()
        }
        other.notice = other._now()
        return other

    # -- what a page asks --------------------------------------------------------------

    def day(self, v: Version) -> str:
        """The day in a version's address (measures/<key>/<day>/): the day it took effect,
        or, for the text as first published, first_day."""
        return v.start or self.first_day

    @property
    def first_day(self) -> str:
        """The day the text as first published took effect (the original versions'
        addresses): the notice's effective date, else its date, else ORIGINAL."""
        d = self.original.document
        return d.in_effect_from or self.ORIGINAL

    @property
    def amended(self) -> bool:
        return any(v for v in self.versions.values())

    @property
    def dates(self) -> tuple[str, ...]:
        """The days the notice's text changed, in order."""
        return tuple(sorted({v.start for vs in self.versions.values() for v in vs if v.start}))

    def standing_of(self, v: Version) -> str:
        """PAST, CURRENT or FUTURE: whether `v` is in force on the build's day (without one,
        the last version of each provision is the current one)."""
        if self.today is None:
            return self.PAST if v.end else self.CURRENT
        if v.start and v.start > self.today:
            return self.FUTURE
        return self.PAST if v.end and v.end <= self.today else self.CURRENT

    def in_force(self, key: str) -> Version | None:
        """The version of provision `key` in force on the build's day; None for one an
        amendment still to take effect inserts."""
        found = [v for v in self.versions[key] if self.standing_of(v) == self.CURRENT]
        return found[0] if found else None

    @cached_property
    def _in_force(self) -> tuple[Amendment, ...]:
        """The amendments in force on the build's day, in the order they took effect."""
        return tuple(
            self.amendments[i]
            for i in self._order
            if self.today is None or not self.amendments[i].date
            or self.amendments[i].date <= self.today
        )  # fmt: skip

    @cached_property
    def ending(self) -> Amendment | None:
        """The amendment in force that ended the notice as a whole (a repeal, or its
        replacement by another notice), the last to take effect; None where none did."""
        whole = [a for a in self._in_force if a.effect.kind in STATUS]
        return whole[-1] if whole else None

    @property
    def status(self) -> str:
        """The standing the amendments in force give the notice: repealed or replaced where
        one ended it, amended where one changed its text, else ""."""
        if self.ending is not None:
            return STATUS[self.ending.effect.kind]
        return AMENDED if self._in_force else ""

    @property
    def successor(self) -> str:
        """The slug of the notice that replaced it, where one did."""
        e = self.ending
        return e.slug if e is not None and e.effect.kind == "replace_notice" else ""

    def at(self, day: str) -> Notice:
        """The notice as it stood on `day` (ISO 8601): each provision in the version in
        force that day."""
        chosen = {}
        for key, versions in self.versions.items():
            for v in versions:
                if (not v.start or v.start <= day) and (not v.end or day < v.end):
                    chosen[key] = v.measure
        return _with(
            self.original,
            chosen,
            {
                key: tuple(chosen[k] for k, start in keys if start <= day)
                for key, keys in self.added.items()
            },
        )

    # -- applying ----------------------------------------------------------------------

    def _apply(self) -> None:
        """Apply the amendments in the order they take effect, keeping each provision's
        versions. Long (about 60 lines) on purpose: one pass, one state, read top down."""
        texts: dict[str, _Text] = {}
        used: dict[str, set[str]] = {}
        versions: dict[str, list[Version]] = {}
        current: dict[str, Measure] = {}
        # provisions added after another (by its key), in order, each with the day it came
        self.added: dict[str, list[tuple[str, str]]] = {}
        gone_at: dict[str, dict[str, str]] = {}  # key → number → start of the last version
        for i in self._order:
            a = self.amendments[i]
            e = a.effect
            target = e.target
            if not target.provision:
                continue
            if not a.date:
                raise NotApplicable(
                    i, "it takes effect on no known day: give the amending notice its "
                    "effective date (or date), or this effect its own effective:"
                )  # fmt: skip
            measure = current.get(target.provision)
            if measure is None:
                try:
                    measure = self.original.by_key(target.provision)
                except KeyError:
                    raise NotApplicable(i, f"it has no provision '{target.provision}'") from None
            key = measure.key
            if measure.deleted:
                raise NotApplicable(i, f"provision {key} was deleted before this amendment")
            if e.kind == "insert" and target.part is None:
                taken = {*current, *(m.key for m in self.original.measures)}
                added = self._added(measure, a, taken, i)
                self.added.setdefault(key, []).append((added.key, a.date))
                versions[added.key] = [Version(a.date, "", added, (a,))]
                current[added.key] = added
                continue
            if key not in texts:
                texts[key] = [[(s.n, s.text) for s in p.sentences] for p in measure.paragraphs]
                used[key] = {s.n for s in measure.sentences}
                if key not in versions:
                    versions[key] = [Version("", "", measure)]
                gone_at[key] = {}
            before = versions[key][-1]
            if e.kind == "delete" and target.part is None and not e.old:
                after = replace(measure, deleted=True)  # its last text kept, no longer in force
                gone = before.gone
            else:
                held = {n for p in texts[key] for n, _ in p}
                texts[key] = _changed(texts[key], a, used[key], i)
                after = _measure(measure, texts[key])
                now = {n for p in texts[key] for n, _ in p}
                for n in held - now:
                    gone_at[key][n] = before.start
                gone = tuple((n, start) for n, start in gone_at[key].items() if n not in now)
            if before.start == a.date and before.made_by:
                # two amendments taking effect the same day make one version
                versions[key][-1] = Version(a.date, "", after, (*before.made_by, a), gone)
            else:
                versions[key][-1] = replace(before, end=a.date)
                versions[key].append(Version(a.date, "", after, (a,), gone))
            current[key] = after
        self.versions: dict[str, tuple[Version, ...]] = {k: tuple(v) for k, v in versions.items()}
        self.notice = self._now()

    def _now(self) -> Notice:
        """The notice on the build's day: each provision in its version in force, the
        provisions inserted by then, and the standing the amendments in force give it."""
        current = {key: v.measure for key in self.versions if (v := self.in_force(key)) is not None}
        return self._current(current, self.today)

    def _added(self, after: Measure, a: Amendment, taken: set[str], index: int) -> Measure:
        """The provision amendment `a` inserts after provision `after` (在第三条后增加一条):
        addressed after it (3a, 3b …, never an address taken), labelled as the amendment
        says, else as the one before it with 之一, 之二 (第三条之一); its themes are that
        one's until the editor says otherwise."""
        e = a.effect
        if not e.clauses:
            raise NotApplicable(index, "inserting a provision needs its text (clauses)")
        k = 0
        while (address := f"{after.key}{chr(ord('a') + k)}") in taken:
            k += 1
        label = e.label or f"{after.cited_as(ARTICLE, UNNUMBERED)}之{chinese_numeral(k + 1)}"
        numbers = [str(n) for n in range(1, len(e.clauses) + 1)]
        return Measure(
            0, e.title, after.themes, (), paragraphs_of(e.clauses, e.breaks, numbers),
            address=address, label=label,
        )  # fmt: skip

    def _current(self, measures: dict[str, Measure], day: str | None = None) -> Notice:
        """The original notice with `measures` in their place, the provisions inserted by
        `day` (all where None) after theirs, and the standing the amendments give it."""
        added = {
            key: tuple(measures[k] for k, start in keys if day is None or start <= day)
            for key, keys in self.added.items()
        }
        notice = _with(self.original, measures, added)
        document = standing(notice.document, self.status, self.successor)
        return notice if document is notice.document else replace(notice, document=document)


def standing(document: Document, status: str, successor: str) -> Document:
    """`document` with the standing its amendments give it (History.status, .successor),
    where that says more than its own data (in force < amended < replaced, repealed): an
    editor writes a repeal once, as the repealing notice's effect, not again in the
    repealed notice's folder."""
    order = Document.STATUSES
    if not status or order.index(status) <= order.index(document.status):
        return document
    return replace(document, status=status, replaced_by=document.replaced_by or successor)


def _changed(text: _Text, a: Amendment, used: set[str], index: int) -> _Text:
    """`text` as amendment `a` leaves it."""
    e = a.effect
    part = e.target.part
    where = e.target.provision + (f", {part[0]} {part[1]}" if part else "")
    if part is not None and part[0] == "sentence":
        # one sentence: changed as a paragraph of its own, put back in its paragraph
        k, j = _sentence(text, str(part[1]), where, index)
        scope = _applied([[text[k][j]]], a, where, used, index)
        sentences = [sentence for p in scope for sentence in p]
        changed = [list(p) for p in text]
        changed[k] = changed[k][:j] + sentences + changed[k][j + 1 :]
        return [p for p in changed if p]
    first, last = _span(text, part, where, index)
    scope = _applied([list(p) for p in text[first:last]], a, where, used, index)
    return [p for p in text[:first] + scope + text[last:] if p]


def _applied(scope: _Text, a: Amendment, where: str, used: set[str], index: int) -> _Text:
    """The paragraphs `scope` (the target) as amendment `a` leaves them."""
    e = a.effect
    if e.old:
        joined = "".join(t for p in scope for _, t in p)
        if joined.count(e.old) != 1:
            found = "does not hold" if e.old not in joined else "holds more than once"
            raise NotApplicable(index, f"{where} {found} the words “{e.old}”")
        return _reworded(scope, e.old, "" if e.kind == "delete" else e.text)
    if e.kind == "replace":
        return _renumbered(scope, _paragraphs(e.clauses, e.breaks), used)
    # a whole provision deleted or inserted is History._apply's; here a part of one
    if e.kind == "delete":
        return []
    if e.kind == "insert":
        added = _renumbered([], _paragraphs(e.clauses, e.breaks), used, after=scope[-1][-1][0])
        return scope + added
    return scope


def _sentence(text: _Text, number: str, where: str, index: int) -> tuple[int, int]:
    """Where the sentence numbered `number` stands: (paragraph, place in it)."""
    for k, p in enumerate(text):
        for j, (n, _) in enumerate(p):
            if n == number:
                return k, j
    raise NotApplicable(index, f"{where}: there is no such sentence")


def _span(text: _Text, part: tuple[str, int] | None, where: str, index: int) -> tuple[int, int]:
    """The paragraphs [first, last) of `text` the target names: all of them, a paragraph
    (第Y款: the paragraphs that are not list items), or a list item (第Y项)."""
    if part is None:
        return 0, len(text)
    kind, n = part
    chosen = [
        k for k, p in enumerate(_measure(None, text).paragraphs) if p.is_item == (kind == "item")
    ]
    if 1 <= n <= len(chosen):
        return chosen[n - 1], chosen[n - 1] + 1
    raise NotApplicable(index, f"{where}: there is no such {kind}")


def _paragraphs(clauses: tuple[str, ...], breaks: tuple[int, ...]) -> list[list[str]]:
    starts = [1, *breaks, len(clauses) + 1]
    return [list(clauses[a - 1 : b - 1]) for a, b in itertools.pairwise(starts)]


def _renumbered(old: _Text, new: list[list[str]], used: set[str], after: str = "0") -> _Text:
    """The sentences of `new` numbered against those of `old` they take the place of: the
    same or a reworded sentence keeps its number, an added one is numbered after the
    sentence before it (2-1), never with a number given before."""
    before = [(n, t) for p in old for n, t in p]
    texts = [t for p in new for t in p]
    numbers: list[str] = []
    matcher = difflib.SequenceMatcher(None, [t for _, t in before], texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kept = [n for n, _ in before[i1:i2]] if tag in ("equal", "replace") else []
        for j in range(j2 - j1):
            if j < len(kept):
                numbers.append(kept[j])
            else:
                previous = numbers[-1] if numbers else (before[i1 - 1][0] if i1 else after)
                numbers.append(_next(previous, used))
            used.add(numbers[-1])
    out: _Text = []
    at = 0
    for p in new:
        out.append(list(zip(numbers[at : at + len(p)], p, strict=True)))
        at += len(p)
    return out


def _next(previous: str, used: set[str]) -> str:
    """The number of a sentence added after sentence `previous`: previous-1, -2, …"""
    k = 1
    while f"{previous}-{k}" in used:
        k += 1
    return f"{previous}-{k}"


def _reworded(scope: _Text, old: str, new: str) -> _Text:
    """`scope` with the words `old` (found once) replaced by `new`: the sentences holding
    them become one, numbered as the first of them; one left empty is removed."""
    flat = [(k, j) for k, p in enumerate(scope) for j in range(len(p))]
    joined = "".join(t for p in scope for _, t in p)
    start = joined.index(old)
    end = start + len(old)
    at = 0
    first = last = None
    for k, j in flat:
        length = len(scope[k][j][1])
        if first is None and start < at + length:
            first = (k, j, at)
        if end <= at + length and last is None:
            last = (k, j, at)
        at += length
    (k1, j1, a1), (k2, j2, a2) = first or (0, 0, 0), last or (0, 0, 0)  # found: old is in it
    text = scope[k1][j1][1][: start - a1] + new + scope[k2][j2][1][end - a2 :]
    number = scope[k1][j1][0]
    merged = scope[k1][:j1] + ([(number, text)] if text else []) + scope[k2][j2 + 1 :]
    return [*scope[:k1], merged, *scope[k2 + 1 :]]


def _measure(measure: Measure | None, text: _Text) -> Measure:
    """A provision with `text` (its sentences numbered as `text` numbers them), the rest as
    `measure` (a stand-in where None: reading a text's paragraphs only)."""
    clauses = [t for p in text for _, t in p]
    numbers = [n for p in text for n, _ in p]
    breaks: list[int] = []
    at = 0
    for p in text[:-1]:
        at += len(p)
        breaks.append(at + 1)
    paragraphs = paragraphs_of(clauses, breaks, numbers)
    if measure is None:
        return Measure(1, "", (), (), paragraphs)
    return replace(measure, paragraphs=paragraphs)


def _with(
    notice: Notice,
    measures: dict[str, Measure],
    added: dict[str, tuple[Measure, ...]] | None = None,
) -> Notice:
    """`notice` with the provisions named by key in `measures` in their place, and those
    `added` after the provision named by their key. Where some were added, every provision
    is numbered anew by its place, keeping its address and its numeral (Measure.numeral),
    and its relations follow it."""
    added = {key: found for key, found in (added or {}).items() if found}
    if not measures and not added:
        return notice

    def swap(children) -> list[Division | Measure | Table]:
        out: list[Division | Measure | Table] = []
        for node in children:
            if isinstance(node, Measure):
                out.append(measures.get(node.key, node))
                out.extend(added.get(node.key, ()))
            elif isinstance(node, Division):
                out.append(replace(node, children=tuple(swap(node.children))))
            else:
                out.append(node)
        return out

    changed = replace(notice, children=tuple(swap(notice.children)))
    if not added:
        return changed
    places = {m.key: k for k, m in enumerate(changed.measures, 1)}
    by_number = {m.number: m.key for m in notice.measures}

    def renumbered(m: Measure) -> Measure:
        return replace(
            m,
            number=places[m.key],
            address=m.key,
            numeral=m.numeral or (m.number if m.number else 0),
            related=tuple(places[by_number[n]] for n in m.related if by_number.get(n) in places),
        )

    def again(children) -> tuple[Division | Measure | Table, ...]:
        return tuple(
            renumbered(node) if isinstance(node, Measure)
            else replace(node, children=again(node.children)) if isinstance(node, Division)
            else node
            for node in children
        )  # fmt: skip

    return replace(changed, children=again(changed.children))
