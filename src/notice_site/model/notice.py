"""Frozen records for the notice: its document, theme taxonomy and measures."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cached_property
from typing import Any, ClassVar

from notice_site.model.effects import Amendment, Effect, Target
from notice_site.model.interpretation import Interpretation
from notice_site.model.tree import (
    ARTICLE,
    UNNUMBERED,
    Division,
    Measure,
    Node,
    Table,
    walk_nodes,
)

# How the title of an official document ends: the kind of document it is (the readers of
# official text read titles with it; a site names the document by it).
KINDS = (
    "通知", "意见", "公告", "通告", "决定", "办法", "规定", "方案", "函", "措施", "细则",
    "规则", "纲要", "规划", "批复", "命令", "通报", "条例", "章程", "计划", "要点", "清单",
    "指引", "指南", "决议", "报告",
)  # fmt: skip
# The same kinds as the Traditional edition writes them (OpenCC s2tw), for Document.kind.
KINDS_TRADITIONAL = (
    "意見", "決定", "辦法", "規定", "細則", "規則", "綱要", "規劃", "批覆", "通報", "條例",
    "計劃", "要點", "清單", "決議", "報告",
)  # fmt: skip
# What a document of no known kind is called.
DOCUMENT = "文件"


@dataclass(frozen=True)
class Document:
    """The notice itself: everything the site and the PDFs say about it comes from here."""

    title: str
    short_title: str
    # Names the downloads: <slug>.<lang>.pdf, <slug>-offline.zip (a published contract).
    slug: str
    attachment: str
    issuer: str
    number: str
    preamble: tuple[str, ...]
    source_url: str
    # The rest of the official text around the measures, where it has them (optional in
    # measures.yaml, empty for a notice that has none): the recipients line (…：) before
    # the preamble, the signature and date after it, and the attached document's own
    # paragraphs before and after its measures.
    recipients: str = ""
    signature: tuple[str, ...] = ()
    attachment_intro: tuple[str, ...] = ()
    attachment_closing: tuple[str, ...] = ()
    # The measures stand in the notice's own text (an announcement 公告, a decision), not in
    # an attached document: `attachment` is then "", and `closing` holds the notice's
    # paragraphs after its measures (特此公告。), before its signature.
    in_body: bool = False
    closing: tuple[str, ...] = ()
    # Its standing in a library of notices: in_force (现行有效, the default), amended
    # (已修改), replaced (已被替代: replaced_by names the successor's slug) or repealed
    # (已废止); the slugs of the notices it replaces; its dates, ISO 8601 (2026-03-01):
    # signed (成文日期), published, in effect from (施行日期), in effect until.
    status: str = "in_force"
    replaced_by: str = ""
    replaces: tuple[str, ...] = ()
    date: str = ""
    published: str = ""
    effective: str = ""
    expires: str = ""

    # Written in the reader's script (converted for Traditional); the slug and URL are not.
    TEXT: ClassVar[tuple[str, ...]] = ("title", "short_title", "attachment", "issuer", "number")
    # The optional fields, and which of them are lists of paragraphs.
    OPTIONAL: ClassVar[tuple[str, ...]] = (
        "recipients",
        "signature",
        "attachment_intro",
        "attachment_closing",
        "in_body",
        "closing",
        "status",
        "replaced_by",
        "replaces",
        "date",
        "published",
        "effective",
        "expires",
    )
    # The statuses, as data writes them, in the order a library lists them.
    STATUSES: ClassVar[tuple[str, ...]] = ("in_force", "amended", "replaced", "repealed")
    DATES: ClassVar[tuple[str, ...]] = ("date", "published", "effective", "expires")
    PARAGRAPHS: ClassVar[tuple[str, ...]] = (
        "preamble",
        "signature",
        "attachment_intro",
        "attachment_closing",
        "closing",
    )
    # The statuses of a notice still in force: amended (已修改) is in force, as changed.
    IN_FORCE: ClassVar[tuple[str, ...]] = ("in_force", "amended")

    @property
    def in_force(self) -> bool:
        """Still in force (listed first in a library, its search and its theme pages)."""
        return self.status in self.IN_FORCE

    @property
    def when(self) -> str:
        """The notice's date wherever one date is shown or declared (a library's list and
        its year filter, the feed, the PubDate tag): published (发布日期), else signed
        (成文日期); "" when the data gives neither."""
        return self.published or self.date

    @property
    def in_effect_from(self) -> str:
        """The day it takes effect: its effective date (施行日期), else its date (when); the
        day its effects on other notices take effect unless an effect says otherwise."""
        return self.effective or self.when

    @property
    def kind(self) -> str:
        """The kind of document it is, as its title names it last: 通知, 公告, 决定 (海关总署
        公告2026年第1号（关于…的公告）: 公告); 文件 where the title names none. The site
        calls the document by it (本站文本来自…公开发布的公告)."""
        found = [
            (self.title.rfind(kind) + len(kind), kind)
            for kind in (*KINDS, *KINDS_TRADITIONAL)
            if kind in self.title
        ]
        return max(found)[1] if found else DOCUMENT

    def texts(self) -> list[str]:
        """Every piece of text of the document, in reading order."""
        return [
            *(getattr(self, name) for name in self.TEXT),
            *([self.recipients] if self.recipients else []),
            *self.preamble,
            *(self.closing if self.in_body else ()),
            *self.signature,
            *self.attachment_intro,
            *self.attachment_closing,
        ]

    def converted(self, convert: Callable[[str], str]) -> Document:
        """The same document with its text converted (Traditional)."""
        text = {name: convert(getattr(self, name)) for name in (*self.TEXT, "recipients")}
        lists = {name: tuple(convert(p) for p in getattr(self, name)) for name in self.PARAGRAPHS}
        return replace(self, **text, **lists)

    def as_dict(self) -> dict[str, Any]:
        """Every field as plain data (for templates and front matter); an optional field
        only where the notice has it."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in self.OPTIONAL
            or (getattr(self, f.name) and getattr(self, f.name) != f.default)
        }


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    description: str
    # The taxonomy's editorial rule: a required theme is never deleted or left without measures.
    required: bool = False


@dataclass(frozen=True)
class Notice(Node):
    """A notice: its document's fields, its theme taxonomy, and the tree of what it holds
    (model.tree): attached documents, divisions and provisions, in reading order."""

    document: Document
    themes: tuple[Theme, ...]
    children: tuple[Division | Measure, ...]
    # Its official interpretation (政策解读), where the folder holds one.
    interpretation: Interpretation | None = None
    # What it does to other notices, where it amends or repeals them (model.effects).
    effects: tuple[Effect, ...] = ()

    def __post_init__(self) -> None:
        self._hold("children")

    @cached_property
    def measures(self) -> tuple[Measure, ...]:
        """Every provision, in reading order (numbered 1, 2, 3… in this order)."""
        return tuple(n for n in walk_nodes(self.children) if isinstance(n, Measure))

    @cached_property
    def divisions(self) -> tuple[Division, ...]:
        """Every division and attached document, each before those within it."""
        return tuple(n for n in walk_nodes(self.children) if isinstance(n, Division))

    def measure(self, number: int) -> Measure:
        return self.measures[number - 1]

    def by_key(self, key: str) -> Measure:
        """The measure whose address is `key`."""
        return self.measures[self._keys[key]]

    @cached_property
    def _keys(self) -> dict[str, int]:
        return {m.key: i for i, m in enumerate(self.measures)}

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """Every table, in reading order: those standing in a division or attached document,
        and those inside a provision."""
        found: list[Table] = []
        for node in walk_nodes(self.children):
            if isinstance(node, Table):
                found.append(node)
            elif isinstance(node, Measure):
                found.extend(node.tables)
        return tuple(found)

    def table(self, id: str) -> Table:
        for t in self.tables:
            if t.id == id:
                return t
        raise KeyError(id)

    def division(self, address: str) -> Division:
        return self._divisions[address]

    @cached_property
    def _divisions(self) -> dict[str, Division]:
        return {d.address: d for d in self.divisions}

    def walk(self) -> Iterator[tuple[str, Measure | Division, int]]:
        """The tree in reading order, once: ("enter", division, depth) before what a
        division holds, ("measure", measure, depth), ("table", table, depth) for a table
        standing in a division, ("leave", division, depth) after it; depth counts the
        divisions above (0 at the top). Pages (the index), the booklet and its outline take
        the tree from here."""

        def visit(children: tuple[Division | Measure, ...], depth: int):
            for child in children:
                if isinstance(child, Division):
                    yield "enter", child, depth
                    yield from visit(child.children, depth + 1)
                    yield "leave", child, depth
                elif isinstance(child, Table):
                    yield "table", child, depth
                else:
                    yield "measure", child, depth

        return visit(self.children, 0)

    @property
    def all_departments(self) -> tuple[str, ...]:
        """Every department named as responsible, in order of first mention."""
        return tuple(dict.fromkeys(d for m in self.measures for d in m.departments))

    def theme(self, slug: str) -> Theme:
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        raise KeyError(slug)

    def related_to(self, number: int) -> tuple[int, ...]:
        """Measures joined to `number` by a relation listed on either side, in number order."""
        return self._relations[number - 1]

    def sharing_a_theme(self, number: int) -> tuple[int, ...]:
        """Measures that share a theme with `number` and are not already related to it."""
        related = set(self.related_to(number))
        shared = set().union(*(self._by_theme[slug] for slug in self.measure(number).themes))
        return tuple(sorted(shared - related - {number}))

    # Computed once per notice (the notice is frozen): a page per measure asks
    # for these, and scanning every measure each time made a build O(N²).
    @cached_property
    def _relations(self) -> tuple[tuple[int, ...], ...]:
        joined: list[set[int]] = [set(m.related) for m in self.measures]
        for m in self.measures:
            for other in m.related:
                joined[other - 1].add(m.number)
        return tuple(tuple(sorted(numbers)) for numbers in joined)

    @cached_property
    def _by_theme(self) -> dict[str, tuple[int, ...]]:
        return {t.slug: tuple(m.number for m in self.measures_of(t.slug)) for t in self.themes}

    @cached_property
    def _measures_by_theme(self) -> dict[str, tuple[Measure, ...]]:
        # a library's pages ask every notice for every theme's (each theme's page, its lists)
        found: dict[str, list[Measure]] = {}
        for m in self.measures:
            for slug in dict.fromkeys(m.themes):
                found.setdefault(slug, []).append(m)
        return {slug: tuple(measures) for slug, measures in found.items()}

    def measures_of(self, slug: str) -> tuple[Measure, ...]:
        """The measures with the theme `slug`, in order."""
        return self._measures_by_theme.get(slug, ())

    def converted(self, convert: Callable[[str], str]) -> Notice:
        """The same notice with every piece of text converted (Traditional); slugs,
        addresses and URLs unchanged."""
        themes = tuple(
            replace(t, label=convert(t.label), description=convert(t.description))
            for t in self.themes
        )
        children = tuple(c.converted(convert) for c in self.children)
        interpretation = self.interpretation and self.interpretation.converted(convert)
        effects = tuple(e.converted(convert) for e in self.effects)
        return Notice(self.document.converted(convert), themes, children, interpretation, effects)


@dataclass(frozen=True)
class MeasureRef:
    """A measure of another notice of the same site, as a measure page offers it (those
    sharing one of its themes): its notice's slug, title and standing, its address, label,
    heading and themes."""

    slug: str
    notice: str
    in_force: bool
    key: str
    mark: str
    title: str
    themes: tuple[str, ...]

    @classmethod
    def of(cls, notice: Notice, measure: Measure) -> MeasureRef:
        d = notice.document
        return cls(
            d.slug, d.title, d.in_force, str(measure.key), measure.mark, measure.heading,
            tuple(measure.themes),
        )  # fmt: skip

    def converted(self, convert: Callable[[str], str]) -> MeasureRef:
        """The same measure named in another script."""
        return replace(
            self, notice=convert(self.notice), mark=convert(self.mark), title=convert(self.title)
        )


# A measure page lists at most this many measures sharing a theme, of its own notice and of
# the library's others (without a limit a notice of 2,000 measures listed ~300 on every page,
# and the site grew as N²).
SHOWN = 12


class Neighbours:
    """A site's notices (in its order), indexed once for the neighbourhood of each: a
    library of a thousand notices asks a thousand times.

    What a notice's pages offer of the others' measures sharing a theme is chosen near it:
    those in force first, then those of the notices nearest it in the site's order (the
    earlier of two as near), each notice's in its own order. Near, not first in the site:
    were every notice to offer the same first notices' measures, a change to one of those
    (repealed, retitled) would change the pages of every notice sharing its themes (at
    1,000 notices, 571 of them built again for one notice's status); near, it changes
    those of the few notices around it, and every notice offers its readers its own
    neighbours rather than the same few."""

    def __init__(self, notices: Iterable[Notice]) -> None:
        self.notices = list(notices)
        self.by_slug = {n.document.slug: n for n in self.notices}
        self.place = {slug: i for i, slug in enumerate(self.by_slug)}
        self.refs = [MeasureRef.of(n, m) for n in self.notices for m in n.measures]
        self.ref_at = {(r.slug, r.key): i for i, r in enumerate(self.refs)}
        # per theme, in force and not: each notice's measures with it (places in refs), by
        # the notice's place in the site
        self.by_theme: dict[str, tuple[_Groups, _Groups]] = {}
        for i, ref in enumerate(self.refs):
            for theme in ref.themes:
                standing = self.by_theme.setdefault(theme, (_Groups(), _Groups()))
                standing[0 if ref.in_force else 1].add(self.place[ref.slug], i)
        # the notices acting on each slug, in the site's order
        self.acting: dict[str, list[Notice]] = {}
        for n in self.notices:
            for slug in dict.fromkeys(e.target.notice for e in n.effects):
                self.acting.setdefault(slug, []).append(n)

    def around(self, notice: Notice) -> Neighbourhood:
        """`notice`'s neighbourhood among the others."""
        d = notice.document
        others = [n for n in self.acting.get(d.slug, ()) if n.document.slug != d.slug]
        amendments = amendments_on(d.slug, others)
        named = {d.replaced_by, *d.replaces, *(e.target.notice for e in notice.effects)}
        named |= {a.slug for a in amendments}
        titles = {
            slug: self.by_slug[slug].document.title
            for slug in sorted(named & self.place.keys() - {d.slug}, key=self.place.__getitem__)
        }
        return Neighbourhood(titles, self._shown(notice), amendments)

    def _shown(self, notice: Notice) -> tuple[MeasureRef, ...]:
        """Of the others' measures, those a page of `notice` can show, in the order it
        prefers them (Neighbourhood.sharing): for each of its themes the first SHOWN sharing
        it, in force first, then nearest (what a page shows of any set of its themes is
        among them), and the provisions its effects act on (its list of changes names
        them). The rest cannot reach its pages, so a change to them leaves its output, and
        its key in a library's build, as they were. A notice not of the site stands after
        its last."""
        slug = notice.document.slug
        here = self.place.get(slug, len(self.place))
        kept: set[int] = set()
        for e in notice.effects:
            if e.target.notice != slug and (e.target.notice, e.target.provision) in self.ref_at:
                kept.add(self.ref_at[e.target.notice, e.target.provision])
        for theme in {t for m in notice.measures for t in m.themes}:
            for_theme: list[int] = []
            for groups in self.by_theme.get(theme, ()):
                for_theme += groups.nearest(here, SHOWN - len(for_theme))
            kept.update(for_theme)

        def preferred(i: int) -> tuple[bool, int, int]:
            ref = self.refs[i]
            return (not ref.in_force, abs(self.place[ref.slug] - here), i)

        return tuple(self.refs[i] for i in sorted(kept, key=preferred))


class _Groups:
    """Measures (places in Neighbours.refs) grouped by their notice's place in the site,
    added in the site's order."""

    def __init__(self) -> None:
        self.places: list[int] = []
        self.members: list[list[int]] = []

    def add(self, place: int, ref: int) -> None:
        if not self.places or self.places[-1] != place:
            self.places.append(place)
            self.members.append([])
        self.members[-1].append(ref)

    def nearest(self, here: int, count: int) -> list[int]:
        """At most `count` measures of the notices nearest the place `here` (its own
        excluded), the earlier of two as near first, each notice's in its order."""
        found: list[int] = []
        right = bisect.bisect_left(self.places, here)
        left = right - 1
        if right < len(self.places) and self.places[right] == here:
            right += 1
        while len(found) < count and (left >= 0 or right < len(self.places)):
            if right >= len(self.places) or (
                left >= 0 and here - self.places[left] <= self.places[right] - here
            ):
                group, left = self.members[left], left - 1
            else:
                group, right = self.members[right], right + 1
            found += group[: count - len(found)]
        return found


@dataclass(frozen=True)
class Neighbourhood:
    """What a notice's pages show of the other notices of its site (a library): the titles
    of the notices it names as its successor or predecessors, or whose text it changes, by
    slug; the others' measures it can offer, in the order it prefers them (Neighbours); and
    what other notices' effects do to it (Amendment), in the site's order. Empty for a
    notice published alone."""

    titles: dict[str, str] = field(default_factory=dict)
    measures: tuple[MeasureRef, ...] = ()
    amendments: tuple[Amendment, ...] = ()

    @classmethod
    def around(cls, notice: Notice, others: Iterable[Notice]) -> Neighbourhood:
        """`notice`'s neighbourhood among `others` (the site's notices, in its order; where
        `notice` is not among them, it stands after the last)."""
        return Neighbours(others).around(notice)

    def sharing(self, themes: Iterable[str]) -> list[MeasureRef]:
        """The others' measures a page of a measure of `themes` offers: those sharing one,
        in the order the neighbourhood holds them (Neighbours: in force first, then those
        of the notices nearest this one in the site); at most SHOWN."""
        wanted = set(themes)
        return [m for m in self.measures if wanted & set(m.themes)][:SHOWN]

    def converted(self, convert: Callable[[str], str]) -> Neighbourhood:
        return Neighbourhood(
            {slug: convert(title) for slug, title in self.titles.items()},
            tuple(m.converted(convert) for m in self.measures),
            tuple(a.converted(convert) for a in self.amendments),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "titles": self.titles,
            # each a record of text (asdict's deep copy was a third of writing a thousand)
            "measures": [dict(vars(m)) for m in self.measures],
            "amendments": [asdict(a) for a in self.amendments],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Neighbourhood:
        def amendment(a: dict[str, Any]) -> Amendment:
            e = a["effect"]
            effect = Effect(
                **{
                    **e,
                    "target": Target(**e["target"]),
                    "clauses": tuple(e["clauses"]),
                    "breaks": tuple(e["breaks"]),
                }
            )
            return Amendment(**{**a, "effect": effect})

        return cls(
            dict(data["titles"]),
            tuple(MeasureRef(**{**m, "themes": tuple(m["themes"])}) for m in data["measures"]),
            tuple(amendment(a) for a in data.get("amendments", ())),
        )


def amendments_on(slug: str, others: Iterable[Notice]) -> tuple[Amendment, ...]:
    """What the effects of `others` (in the site's order) do to the notice `slug`: each
    with the amending notice's slug, title, 文号, the citation of its provision that makes
    it (第一条), where it stands among that notice's effects, and the day it takes effect
    (Effect.takes_effect)."""
    found = []
    for o in others:
        d = o.document
        for index, e in enumerate(o.effects):
            if e.target.notice != slug:
                continue
            keys = {m.key: m for m in o.measures}
            by = keys[e.by].cited_as(ARTICLE, UNNUMBERED) if e.by in keys else ""
            found.append(
                Amendment(e, d.slug, d.title, d.number, by, e.takes_effect(d.in_effect_from), index)
            )
    return tuple(found)
