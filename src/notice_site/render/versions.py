"""The pages of a notice other notices have amended (model.versions): on each amended
provision's page, the note naming what amended it and since when, its versions and the
links to compare them, and the sentences it no longer holds; a page per version (dated,
permanent: measures/<key>/<day>/), a page comparing two versions, and the whole notice as
it stood on each day its text changed (versions/<day>/), listed at versions/.

A notice nobody amended has none of these: its pages are what they were.
"""

from __future__ import annotations

import difflib
import itertools
from typing import TYPE_CHECKING, Any, Protocol

from notice_site.model.urls import (
    HOME,
    VERSIONS,
    booklet_filename,
    comparison_source,
    measure_filename,
    measure_source,
    point_in_time_source,
    version_filename,
    version_source,
    version_url,
)
from notice_site.render.amendments import day_text, note, when_of

if TYPE_CHECKING:
    from notice_site.model.effects import Amendment
    from notice_site.model.notice import Notice
    from notice_site.model.tree import Measure
    from notice_site.model.versions import History, Version


# What the forms' links hold in place of the days chosen (versions.js puts them in).
EARLIER, LATER, DAY = "EARLIER", "LATER", "DAY"


class PageMaker(Protocol):
    """What the version pages need of the maker of a script's pages (render.pages.Pages):
    its notice, words, addresses and links, and how it writes a page and a provision's
    sentences."""

    notice: Notice
    ui: dict[str, str]
    language: str
    site_url: str
    directory_urls: bool
    offline: bool

    def href(self, source: str, to: str) -> str: ...
    def download(self, source: str, filename: str) -> str: ...
    def label_of(self, m: Measure) -> str: ...
    def clauses(self, m: Measure, url: str, page_url: str = "") -> list[dict[str, Any]]: ...
    def render_page(
        self, meta: dict[str, Any], template: str, column: str, **context: Any
    ) -> str: ...


class VersionPages:
    """What `pages` (one script's) shows of `history`."""

    def __init__(self, pages: PageMaker, history: History) -> None:
        self.pages = pages
        self.history = history
        self.ui = pages.ui

    # -- words ----------------------------------------------------------------------

    def date(self, iso: str) -> str:
        return day_text(iso, self.ui)

    def day(self, v: Version) -> str:
        return self.history.day(v)

    def when(self, v: Version) -> str:
        return when_of(self.history, v, self.ui)

    def note(self, a: Amendment) -> dict[str, str]:
        return note(a, self.ui, self.pages.site_url, self.pages.language)

    def meta(
        self, template: str, title: str, description: str, tm: dict[str, Any]
    ) -> dict[str, Any]:
        """A version page's front matter: its template, title and description, no table of
        contents, the versions' stylesheet and script, and `tm` for its template."""
        return {
            "template": template,
            "title": title,
            "description": description,
            "hide": ["toc"],
            "tm": {self.ASSETS: True, **tm},
        }

    # -- on the current page --------------------------------------------------------

    # Pages that show versions load versions.css and versions.js (overrides/main.html).
    ASSETS = "versions_assets"

    def for_measure(self, m: Measure, source: str) -> dict[str, Any] | None:
        """What an amended provision's page adds (None for one never amended)."""
        versions = self.history.versions.get(m.key)
        current = self.history.in_force(m.key) if versions else None
        if current is None:
            return None
        coming = [v for v in versions if self.history.standing_of(v) == self.history.FUTURE]
        return {
            "notes": [self.note(a) for a in current.made_by],
            # amendments published, not yet in force: the text to come, at its address
            "coming": [
                {
                    "text": self.ui["version_coming"].format(when=self.when(v)),
                    "link": self.ui["version_coming_link"],
                    "href": self.pages.href(source, version_source(m.key, self.day(v))),
                }
                for v in coming
            ],
            "timeline": self.timeline(m.key, source),
            "gone": [self._gone(m.key, number, start, source) for number, start in current.gone],
        }

    def _current_href(self, source: str, key: str) -> str:
        """The link to the provision's page, where it is in force on the build's day ("" for
        one an amendment still to take effect inserts: it has no page yet)."""
        if all(m.key != key for m in self.pages.notice.measures):
            return ""
        return self.pages.href(source, measure_source(key))

    def _gone(self, key: str, number: str, start: str, source: str) -> dict[str, str]:
        """The note an old link to sentence `number`, no longer in the provision, lands on:
        when it went, and a link to it in the last version that held it."""
        held = next(v for v in self.history.versions[key] if v.start == start)
        return {
            "anchor": f"c{number}",
            "text": self.ui["sentence_gone"].format(
                ref=f"{key}.{number}", date=self.date(held.end)
            ),
            "link": self.ui["sentence_gone_link"],
            "href": self.pages.href(source, version_source(key, self.day(held))) + f"#c{number}",
        }

    def timeline(self, key: str, source: str) -> dict[str, Any]:
        """The versions of provision `key`, newest first, each linked, with the links that
        compare it with the one before; and every version for the form that compares any
        two (the page of each pair exists)."""
        versions = self.history.versions[key]
        rows = []
        for k, v in enumerate(versions):
            previous = versions[k - 1] if k else None
            rows.append(
                {
                    "day": self.day(v),
                    "when": self.when(v),
                    "current": self.history.standing_of(v) == self.history.CURRENT,
                    "future": self.history.standing_of(v) == self.history.FUTURE,
                    "href": self.pages.href(source, version_source(key, self.day(v))),
                    "here": source == version_source(key, self.day(v)),
                    "notes": [self.note(a) for a in v.made_by],
                    "compare": self.pages.href(
                        source, comparison_source(key, self.day(previous), self.day(v))
                    )
                    if previous
                    else "",
                }
            )
        return {
            "rows": rows[::-1],
            "days": [{"day": r["day"], "when": r["when"]} for r in rows],
            # the form opens this link with the two days chosen in it (versions.js)
            "pattern": self.pages.href(source, comparison_source(key, EARLIER, LATER)),
        }

    # -- pages of their own ---------------------------------------------------------

    def all(self) -> dict[str, str]:
        """Every page of the versions: each version, each pair compared, each day's
        notice and the list of days."""
        files: dict[str, str] = {}
        for key, versions in self.history.versions.items():
            for v in versions:
                files[version_source(key, self.day(v))] = self.version(key, v)
            for earlier, later in itertools.combinations(versions, 2):
                source = comparison_source(key, self.day(earlier), self.day(later))
                files[source] = self.comparison(key, earlier, later)
        days = [self.history.first_day, *self.history.dates]
        for day in days:
            files[point_in_time_source(day)] = self.point_in_time(day, days)
        files[VERSIONS] = self.days_page(days)
        return files

    def version(self, key: str, v: Version) -> str:
        """measures/<key>/<day>/: the provision as it stood from that day."""
        p = self.pages
        m = v.measure
        source = version_source(key, self.day(v))
        url = version_url(p.site_url, p.language, key, self.day(v))
        label = p.label_of(m)
        when = self.when(v)
        standing = self.history.standing_of(v)
        banner = f"version_banner_{standing}"
        current = standing == self.history.CURRENT
        meta = self.meta(
            "version.html",
            self.ui["version_page_title"].format(label=f"{m.mark}{m.heading}", when=when),
            m.clauses[0] if m.clauses else m.heading,
            {
                "mark": m.mark,
                "title": m.heading,
                "url": url,
                "banner": self.ui[banner].format(label=label, when=when),
                "current": current,
                "standing": standing,
                "current_href": self._current_href(source, key),
                "notes": [self.note(a) for a in v.made_by],
                "timeline": self.timeline(key, source),
                # its PDF: an earlier version's own; the current one's is the provision's
                "pdf": p.download(
                    source,
                    booklet_filename(p.notice.document.slug, p.language)
                    if p.offline
                    else measure_filename(p.language, key)
                    if current
                    else version_filename(p.language, key, self.day(v)),
                ),
                "pdf_label": self.ui["download_booklet" if p.offline else "download_measure"],
            },
        )
        return p.render_page(
            meta,
            "measure.md.j2",
            "measures_index",
            clauses=p.clauses(m, url, page_url=url),
            wide=any(len(s.n) > 3 for s in m.sentences),
        )

    def comparison(self, key: str, earlier: Version, later: Version) -> str:
        """measures/<key>/compare/<earlier>/<later>/: what changed between two versions,
        sentence by sentence, words deleted and added marked (not by colour alone)."""
        p = self.pages
        m = later.measure
        source = comparison_source(key, self.day(earlier), self.day(later))
        label = p.label_of(m)
        title = self.ui["compare_title"].format(
            label=label, earlier=self.when(earlier), later=self.when(later)
        )
        meta = self.meta(
            "compare.html",
            title,
            title,
            {
                "title": title,
                "mark": m.mark,
                "heading": m.heading,
                "current_href": self._current_href(source, key),
                "earlier": {
                    "when": self.when(earlier),
                    "href": p.href(source, version_source(key, self.day(earlier))),
                },
                "later": {
                    "when": self.when(later),
                    "href": p.href(source, version_source(key, self.day(later))),
                },
                "timeline": self.timeline(key, source),
            },
        )
        return p.render_page(
            meta,
            "compare.md.j2",
            "measures_index",
            rows=compared(earlier.measure, later.measure, key),
        )

    def point_in_time(self, day: str, days: list[str]) -> str:
        """versions/<day>/: the whole notice as it stood from `day`, each provision linked to
        its version of that day."""
        p = self.pages
        moment = "" if day == self.history.ORIGINAL else day
        notice = self.history.at(moment)
        source = point_in_time_source(day)
        when = self._day_when(day, days)
        measures = []
        for m in notice.measures:
            versions = self.history.versions.get(m.key)
            href = p.href(source, measure_source(m.key))
            if versions:
                held = [v for v in versions if v.start <= moment][-1]
                href = p.href(source, version_source(m.key, self.day(held)))
            measures.append(
                {
                    "mark": m.mark,
                    "title": m.heading,
                    "href": href,
                    "paragraphs": [p_.text for p_ in m.paragraphs],
                }
            )
        title = self.ui["point_in_time_title"].format(when=when)
        meta = self.meta(
            "point-in-time.html",
            title,
            title,
            {
                "title": title,
                "banner": self.ui["point_in_time_banner"].format(when=when),
                "home_href": p.href(source, HOME),
                "days_href": p.href(source, VERSIONS),
                "measures": measures,
            },
        )
        return p.render_page(meta, "point-in-time.md.j2", "measures_index", tm=meta["tm"])

    def _day_when(self, day: str, days: list[str]) -> str:
        later = [d for d in days if d > day and d != self.history.ORIGINAL]
        start = "" if day == self.history.ORIGINAL else self.date(day)
        if not start:
            return self.ui["version_original"]
        if later:
            return self.ui["version_from_to"].format(start=start, end=self.date(later[0]))
        return self.ui["version_from"].format(start=start)

    def days_page(self, days: list[str]) -> str:
        """versions/: each day the notice's text changed, what changed it, and a form that
        opens the text in force on any day."""
        p = self.pages
        rows = []
        for day in days:
            made = [
                self.note(a)
                for a in self.history.amendments
                if a.date == day and a.effect.target.provision
            ]
            rows.append(
                {
                    "day": day,
                    "when": self._day_when(day, days),
                    "href": p.href(VERSIONS, point_in_time_source(day)),
                    "notes": list({n["link"]: n for n in made}.values()),
                }
            )
        title = self.ui["point_in_time"]
        meta = self.meta(
            "point-in-time.html",
            title,
            self.ui["point_in_time_intro"],
            {
                "title": title,
                "intro": self.ui["point_in_time_intro"],
                "home_href": p.href(VERSIONS, HOME),
                "days": rows[::-1],
                # the form opens this link with the last day on or before the one chosen
                "pattern": p.href(VERSIONS, point_in_time_source(DAY)),
                "days_list": days,
            },
        )
        return p.render_page(meta, "point-in-time.md.j2", "measures_index", tm=meta["tm"])


def compared(earlier: Measure, later: Measure, key: str) -> list[dict[str, Any]]:
    """The sentences of two versions side by side, in the later one's order with those it
    dropped where they stood: each with its reference, what became of it (same, changed,
    added, removed) and its text as pieces (tag, words): equal, deleted or inserted."""
    a = {s.n: s.text for s in earlier.sentences}
    b = {} if later.deleted else {s.n: s.text for s in later.sentences}
    rows = []
    matcher = difflib.SequenceMatcher(None, list(a), list(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for n in list(b)[j1:j2]:
                if a[n] == b[n]:
                    rows.append(_row(key, n, "same", [("equal", b[n])]))
                else:
                    rows.append(_row(key, n, "changed", _pieces(a[n], b[n])))
            continue
        for n in list(a)[i1:i2]:
            rows.append(_row(key, n, "removed", [("delete", a[n])]))
        for n in list(b)[j1:j2]:
            rows.append(_row(key, n, "added", [("insert", b[n])]))
    return rows


def _row(key: str, n: str, kind: str, pieces: list[tuple[str, str]]) -> dict[str, Any]:
    return {"ref": f"{key}.{n}", "kind": kind, "pieces": [{"tag": t, "text": w} for t, w in pieces]}


def _pieces(old: str, new: str) -> list[tuple[str, str]]:
    """`old` turned into `new`: what stays, what is deleted, what is inserted, in reading
    order. Compared character by character (Chinese has no spaces between words), then
    made readable as a person marks an amendment: a short run kept between two changes
    (the 示例 of 口岸示例机关 → 示例海关) is no longer than the changes beside it, so the
    changes and it read as one, deleted and then inserted whole."""
    runs: list[tuple[str, str, str]] = []  # (equal or change, the old words, the new words)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kind = "equal" if tag == "equal" else "change"
        if runs and runs[-1][0] == kind == "change":
            _, a, b = runs.pop()
            runs.append(("change", a + old[i1:i2], b + new[j1:j2]))
        else:
            runs.append((kind, old[i1:i2], new[j1:j2]))
    merged = True
    while merged:
        merged = False
        for k in range(1, len(runs) - 1):
            kind, a, _ = runs[k]
            before, after = runs[k - 1], runs[k + 1]
            if kind != "equal" or before[0] != "change" or after[0] != "change":
                continue
            beside = max(len(before[1]), len(before[2]), len(after[1]), len(after[2]))
            if len(a) <= beside:
                runs[k - 1 : k + 2] = [
                    ("change", before[1] + a + after[1], before[2] + a + after[2])
                ]
                merged = True
                break
    out: list[tuple[str, str]] = []
    for kind, a, b in runs:
        if kind == "equal":
            out.append(("equal", a))
            continue
        if a:
            out.append(("delete", a))
        if b:
            out.append(("insert", b))
    return out
