"""The publishing site: site.yaml names it, who runs it, and the notices it holds.

A site of one notice is that notice's own site, built exactly as the notice alone
(its pages at the root). A site of several notices is a library: each notice under
/<slug>/ with its own paths, and the library's pages around them (a later step; until
then such a site is checked, and its build refused with a message saying so).

`load_site` reads and checks the file; `check_library` loads every notice it lists and
checks what only the set can show: two notices with one slug, a successor or
predecessor that is not in the site, one theme slug with two labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from notice_site.errors import DataError, shown
from notice_site.folder.identity import Identity, read_identity
from notice_site.folder.load import NoticeCache, load_notice
from notice_site.folder.yaml_file import Reader, read_yaml
from notice_site.model.notice import Neighbourhood, Neighbours, Notice, amendments_on
from notice_site.model.versions import History, NotApplicable


@dataclass(frozen=True)
class Site:
    path: Path
    name: str
    owner: str
    # the government-site identity (网站标识码, ICP and police filing numbers, contact,
    # the 找错 address): gov.py shows it in every page's footer and <meta> tags
    identity: Identity = field(default_factory=Identity)
    notices: tuple[Path, ...] = ()
    # The slug of the notice this site published at its root before it held several: its
    # URLs there are redirected to /<slug>/… (pipeline.make_library)
    was_at_root: str = ""

    @property
    def single(self) -> Path | None:
        """The notice folder of a site of one notice (built as that notice's own site)."""
        return self.notices[0] if len(self.notices) == 1 else None


def load_site(path: Path, display: str | None = None) -> Site:
    """Read and check the site file at `path`; notice folders are relative to its folder."""
    name = display or str(path)
    r = Reader(name)
    data = read_yaml(path, name)
    if data is None:
        r.fail(None, "", "the file is empty; expected the fields name, owner, identity, notices")
    top = r.fields(data, "top level", 1, ("name", "notices"), ("owner", "identity", "was_at_root"))
    site_name = r.text(top, "name", "")
    owner = r.text(top, "owner", "") if top.get("owner") not in (None, "") else ""
    identity = read_identity(r, top.get("identity"), top.lines.get("identity"))
    items = r.seq(top, "notices", "")
    folders: list[Path] = []
    seen: set[Path] = set()  # each folder resolved once (a thousand notices: no pair compared)
    for k, item in enumerate(items):
        line = items.lines[k]
        where = f"notices, item {k + 1}"
        if not isinstance(item, str) or not item.strip():
            r.fail(line, where, f"expected a notice folder (such as data), got {item!r}")
        folder = path.parent / item  # as written, from the site file's folder
        if not (folder / "measures.yaml").is_file():
            r.fail(line, where, f"{item}: no measures.yaml there (a notice folder holds one)")
        resolved = folder.resolve()
        if resolved in seen:
            r.fail(line, where, f"{item} is listed twice")
        seen.add(resolved)
        folders.append(folder)
    was_at_root = r.text(top, "was_at_root", "") if "was_at_root" in top else ""
    return Site(path, site_name, owner, identity, tuple(folders), was_at_root)


def check_library(
    site: Site,
    *,
    draft: bool = False,
    today: str | None = None,
    cache: NoticeCache | None = None,
) -> dict[Path, Notice]:
    """Every notice of the site, loaded and checked (raising the first notice's problems
    as `load_notice` does; those checked before taken from `cache`), then checked as a set;
    the notices by folder, each with the standing the amendments in force on `today` give
    it (model.versions)."""
    notices = {
        folder: load_notice(
            folder / "measures.yaml", shown(folder / "measures.yaml"), draft=draft, cache=cache
        )
        for folder in site.notices
    }
    name = shown(site.path)
    slugs: dict[str, Path] = {}
    for folder, notice in notices.items():
        slug = notice.document.slug
        if slug in slugs:
            raise DataError(
                name,
                "notices",
                f"{shown(folder)} and {shown(slugs[slug])} have the same slug '{slug}': "
                "each notice's pages are under /<slug>/",
            )
        slugs[slug] = folder
    if site.was_at_root and site.was_at_root not in slugs:
        raise DataError(
            name,
            "was_at_root",
            f"'{site.was_at_root}' is no notice of this site ({', '.join(sorted(slugs))})",
        )
    for folder, notice in notices.items():
        d = notice.document
        where = shown(folder / "measures.yaml")
        for other in ([d.replaced_by] if d.replaced_by else []) + list(d.replaces):
            if other not in slugs:
                field_name = "replaced_by" if other == d.replaced_by else "replaces"
                raise DataError(
                    where,
                    f"document, {field_name}",
                    f"'{other}' is no notice of this site ({name}: {', '.join(sorted(slugs))})",
                )
    notices = _amended(notices, slugs, today)
    labels: dict[str, tuple[str, Path]] = {}
    for folder, notice in notices.items():
        for theme in notice.themes:
            seen = labels.setdefault(theme.slug, (theme.label, folder))
            if seen[0] != theme.label:
                raise DataError(
                    shown(folder / "measures.yaml"),
                    f"theme {theme.slug}",
                    f"labelled '{theme.label}' here and '{seen[0]}' in "
                    f"{shown(seen[1] / 'measures.yaml')}: a theme is shared across the site "
                    "by its slug, with one label",
                )
    return notices


def _amended(
    notices: dict[Path, Notice], slugs: dict[str, Path], today: str | None = None
) -> dict[Path, Notice]:
    """The notices with the standing other notices' effects give them (a notice another
    repeals is repealed: model.versions.standing), after checking that every effect names a
    notice of the site and applies to it (its provision, paragraph or item exists; the
    words it quotes as the old wording are there); a problem names the effect's line."""
    for folder, notice in notices.items():
        for index, effect in enumerate(notice.effects):
            slug = effect.target.notice
            if slug and slug not in slugs:
                raise DataError(
                    shown(folder / "measures.yaml"),
                    f"effect {index + 1}, notice",
                    f"'{slug}' is no notice of this site ({', '.join(sorted(slugs))}); leave "
                    "notice out for a document the site does not publish",
                    _effect_line(folder, index, "notice"),
                )
    # the notices acting on each slug, in the site's order (the others do nothing to it)
    acting: dict[str, list[tuple[Path, Notice]]] = {}
    for folder, notice in notices.items():
        for slug in dict.fromkeys(e.target.notice for e in notice.effects if e.target.notice):
            acting.setdefault(slug, []).append((folder, notice))
    found = {}
    for folder, notice in notices.items():
        slug = notice.document.slug
        others = [n for f, n in acting.get(slug, ()) if f != folder]
        if not others:  # nothing acts on it: it stands as written
            found[folder] = notice
            continue
        amendments = amendments_on(slug, others)
        try:
            history = History(notice, amendments, today)
        except NotApplicable as e:
            a = amendments[e.index]
            where = slugs[a.slug] / "measures.yaml"
            raise DataError(
                shown(where),
                f"effect {a.index + 1}",
                f"on {slug}: {e.problem}",
                _effect_line(slugs[a.slug], a.index),
            ) from None
        document = history.notice.document
        found[folder] = (
            notice if document is notice.document else replace(notice, document=document)
        )
    return found


def _effect_line(folder: Path, index: int, key: str = "") -> int | None:
    """The line of effect `index` (from 0) in the folder's measures.yaml, or of its `key`."""
    data = read_yaml(folder / "measures.yaml")
    item = data["effects"][index]
    return item.lines.get(key, item.line) if key else item.line


def neighbourhood(
    data_dir: Path, site: Site | None, notices: dict[Path, Notice] | None = None
) -> Neighbourhood:
    """What the pages of the notice in `data_dir` show of the site's other notices, where the
    site file lists it among several (a notice published alone knows none): the titles of
    its successor and predecessors, the others' measures (model.Neighbourhood). `notices`,
    the site's notices already loaded, spares reading them; else they are read leniently
    (draft: a neighbour's to-dos are its own build's business; one that cannot be read is
    left out, its own check names it)."""
    if site is None or site.single is not None:
        return Neighbourhood()
    here = data_dir.resolve()
    if not any(folder.resolve() == here for folder in site.notices):
        return Neighbourhood()
    if notices is None:
        notices = {}
        for folder in site.notices:
            try:
                notices[folder] = load_notice(folder / "measures.yaml", draft=True)
            except DataError:
                continue
    this = next((n for f, n in notices.items() if f.resolve() == here), None)
    if this is None:
        this = load_notice(data_dir / "measures.yaml", draft=True)
    # the notice in its place among the others (what its pages offer of theirs is chosen
    # near it), where it could be read; after them where not
    return Neighbours(notices.values()).around(this)


def neighbourhoods(site: Site, notices: dict[Path, Notice]) -> dict[Path, Neighbourhood]:
    """The neighbourhood of each of a library's notices (loaded, in the site's order): what
    `neighbourhood` gives each, the site's notices indexed once for all of them."""
    if site.single is not None:
        return {folder: Neighbourhood() for folder in notices}
    everyone = Neighbours(notices.values())
    return {folder: everyone.around(notice) for folder, notice in notices.items()}
