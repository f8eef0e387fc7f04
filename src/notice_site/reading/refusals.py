"""What keeps an official text from becoming a notice: the importer's refusals.

`check` reads the tree `read_structure` gave and names the first place where the text
departs from what a notice has: a title (ending in the kind of document it is, the
issuer before 关于 or 印发), a 文号, numbered provisions, each with its heading and its
text, the measures 一、 二、 … numbered in order. A refusal names the paragraph (from 0)
it is about; the importer turns that into the source's line or paragraph.
"""

from __future__ import annotations

from collections.abc import Callable

from notice_site.model.numerals import LARGEST, chinese_numeral
from notice_site.reading.structure import Part, Reading, Unit
from notice_site.reading.vocabulary import ATTACHMENT, KINDS, TITLE_JOINS, bad_label

EXAMPLE_NUMBER = "某关发〔2026〕1号 or 某海关公告2026年第1号"
_TITLE_READS = "a title reads <issuer>关于…的通知 or <issuer>印发…的通知"
_NUMBERED = "paragraphs numbered 一、, （一）, 1. or 第一条"


class Refused(Exception):
    """The problem, and the paragraph (from 0) it is about, if one is."""

    def __init__(self, problem: str, at: int | None = None) -> None:
        super().__init__(problem, at)
        self.problem = problem
        self.at = at


def check(reading: Reading, paragraphs: list[str], place: Callable[[int], str]) -> None:
    """Raise Refused for the first thing that keeps `reading` (of `paragraphs`) from being a
    notice; `place` names a paragraph in a message ("line 12", "paragraph 6")."""
    _check_head(reading, paragraphs)
    holding = [part for part in reading.parts if part.provisions()]
    if not holding and not reading.unnumbered:
        _no_provisions(reading, paragraphs)
    problems: list[tuple[int, str]] = []
    for part in reading.parts:
        problems += _numbering(part, paragraphs, place)
        problems += _headings(part)
    if problems:
        at, problem = min(problems, key=lambda found: found[0])
        raise Refused(problem, at)


def _check_head(reading: Reading, paragraphs: list[str]) -> None:
    """The title, the issuer it names and the 文号."""
    if not reading.title:
        raise Refused(
            f"no title: no line ends in the kind of document a title names "
            f"({'、'.join(KINDS)}) with no sentence in it ({_TITLE_READS})"
        )
    end = reading.title_at + len(reading.title_lines) - 1
    if not any(join in reading.title for join in TITLE_JOINS):
        raise Refused(
            f"the title ending on this line has no 关于 or 印发 line above it ({_TITLE_READS})",
            end,
        )
    if not reading.issuer:
        raise Refused(f"no issuer before 关于 in the title ({_TITLE_READS})", reading.title_at)
    if not reading.number:
        after = end + 1 if end + 1 < len(paragraphs) else None
        found = f"found {paragraphs[after][:40]!r}" if after is not None else "found nothing"
        raise Refused(
            f"no 文号 (document number) line after the title: expected a line such as "
            f"{EXAMPLE_NUMBER}, {found}",
            end if after is None else after,
        )


def _number_at(reading: Reading) -> int:
    """Where the 文号 stands (the notice's text follows it, or follows the title below it)."""
    if reading.number_above:
        return reading.title_at + len(reading.title_lines) - 1
    return reading.title_at + len(reading.title_lines)


def _no_provisions(reading: Reading, paragraphs: list[str]) -> None:
    body = _number_at(reading)
    listed = next(
        (k for k in range(body + 1, len(paragraphs)) if ATTACHMENT.fullmatch(paragraphs[k])),
        None,
    )
    after, what = (body, "文号") if listed is None else (listed, "附件")
    raise Refused(f"no numbered measures ({_NUMBERED}) after the {what} line", after)


def _numbering(
    part: Part, paragraphs: list[str], place: Callable[[int], str]
) -> list[tuple[int, str]]:
    """A document's measures 一、 二、 …: numbered in order from 一, with no gap or repeat,
    and no paragraph among them starting with a numeral that is none (三三、)."""
    problems: list[tuple[int, str]] = []
    seen: dict[int, int] = {}
    tops = [unit for unit in part.units if unit.kind == "section"]
    for expected, unit in enumerate(tops, 1):
        if unit.number != expected:
            again = f" again (first on {place(seen[unit.number])})" if unit.number in seen else ""
            problems.append(
                (
                    unit.at,
                    f"expected {chinese_numeral(expected)}、 ({expected}) but found "
                    f"{unit.label} ({unit.number}){again}: measures are numbered in order, "
                    "with no gap or repeat",
                )
            )
        seen.setdefault(unit.number, unit.at)
        # its paragraphs, its children's included, stand in order after its label's
        for k in range(unit.at + 1, unit.at + len(unit.source_paragraphs())):
            found = bad_label(paragraphs[k])
            if found and found[0] == "section":
                problems.append((k, _not_a_numeral(found[1], expected + 1)))
                break
    return problems


def _not_a_numeral(shown: str, expected: int) -> str:
    if expected > LARGEST:
        return f"more than {LARGEST} measures: numbers stop at {LARGEST}"
    return (
        f"{shown} is not a numeral as measures are numbered: expected "
        f"{chinese_numeral(expected)}、 ({expected})"
    )


def _headings(part: Part) -> list[tuple[int, str]]:
    """Every numbered unit has words after its label, and every provision has its text."""
    problems: list[tuple[int, str]] = []
    provisions = {id(unit) for unit in part.provisions()}
    for unit in part.walk():
        if not unit.head:
            after = "、" if unit.label.endswith("、") else "its label"
            problems.append(
                (unit.at, f"the heading {unit.label} ({unit.number}) has no title after {after}")
            )
        elif id(unit) in provisions and _has_no_text(unit):
            problems.append(
                (
                    unit.at,
                    f"measure {unit.label} ({unit.number}) {unit.title} has no text below "
                    "its heading",
                )
            )
    return problems


def _has_no_text(unit: Unit) -> bool:
    return not unit.paragraphs and not unit.children
