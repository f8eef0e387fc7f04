"""Facts about a notice computed once, in the model: its date, whether it is in force, and
what its pages show of the other notices of its site."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from notice_site.folder.load import load_notice
from notice_site.model.notice import Neighbourhood

ROOT = Path(__file__).resolve().parents[1]
FIRST = load_notice(ROOT / "data" / "measures.yaml")


def dated(**changes: str) -> object:
    return dataclasses.replace(FIRST.document, **changes)


def test_a_notice_has_one_date_published_else_signed() -> None:
    assert dated(date="2026-03-01", published="2026-03-06").when == "2026-03-06"
    assert dated(date="2026-03-01", published="").when == "2026-03-01"
    assert dated(date="", published="").when == ""


def test_in_force_and_amended_are_in_force() -> None:
    standing = {s: dated(status=s).in_force for s in FIRST.document.STATUSES}
    assert standing == {"in_force": True, "amended": True, "replaced": False, "repealed": False}


def test_a_neighbourhood_names_successors_and_lists_the_others_measures() -> None:
    other = dataclasses.replace(
        FIRST,
        document=dataclasses.replace(FIRST.document, slug="older", status="replaced"),
    )
    here = dataclasses.replace(
        FIRST, document=dataclasses.replace(FIRST.document, replaces=("older",))
    )
    near = Neighbourhood.around(here, [here, other])
    assert near.titles == {"older": FIRST.document.title}
    assert len(near.measures) == len(FIRST.measures)
    first = near.measures[0]
    assert (first.slug, first.in_force, first.key) == ("older", False, "1")
    assert Neighbourhood.from_json(near.to_json()) == near
    assert near.converted(str.upper).measures[0].slug == "older"
    assert Neighbourhood.around(here, [here]) == Neighbourhood()


def _site(count: int, **statuses: str) -> list:
    """`count` copies of the first notice, slugs n0, n1 …, with the statuses given by slug."""
    return [
        dataclasses.replace(
            FIRST,
            document=dataclasses.replace(
                FIRST.document, slug=f"n{k}", status=statuses.get(f"n{k}", "in_force")
            ),
        )
        for k in range(count)
    ]


def test_a_neighbourhood_offers_the_nearest_notices_measures_in_force_first() -> None:
    """A measure page offers the others' measures sharing its theme from the notices
    nearest its own in the site's order (the earlier of two as near first), those in force
    before any other, at most twelve: each notice of the first has two of logistics."""
    site = _site(9, n2="repealed")
    near = Neighbourhood.around(site[4], site)
    shown = [m.slug for m in near.sharing(["logistics"])]
    assert shown == [s for s in ("n3", "n5", "n6", "n1", "n7", "n0") for _ in range(2)]
    # at the end of the site: its nearest are those before it
    last = Neighbourhood.around(site[8], site)
    assert [m.slug for m in last.sharing(["logistics"])][:4] == ["n7", "n7", "n6", "n6"]


def test_a_change_to_a_far_notice_leaves_a_neighbourhood_as_it_was() -> None:
    """The first notice of a library repealed: the neighbourhood of a notice near it
    changes, that of one far from it does not (nor does its key in a library's build: a
    status changed rebuilds a few notices, not every one sharing a theme)."""
    before, after = _site(40), _site(40, n0="repealed")
    assert Neighbourhood.around(before[1], before) != Neighbourhood.around(after[1], after)
    assert Neighbourhood.around(before[30], before) == Neighbourhood.around(after[30], after)
