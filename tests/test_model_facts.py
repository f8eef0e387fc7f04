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
