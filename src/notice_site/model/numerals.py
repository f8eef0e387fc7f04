"""Chinese numerals as the notice writes its measure numbers (一 … 二十, and on to 九千九百九十九),
and read back: both ways here alone; and the numbering labels written with them (一、 （一）
1. 第一条 第一章), which the readers of official text and the model's list items both read."""

from __future__ import annotations

import functools
import re

DIGITS = "零一二三四五六七八九"
# 千, 百, 十 for thousands, hundreds and tens; ones have no unit.
UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
LARGEST = 9999


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 20 → 二十, 99 → 九十九, 100 → 一百, 105 → 一百零五,
    110 → 一百一十, 1005 → 一千零五, 2000 → 二千, 9999 → 九千九百九十九.

    As numbers are read out in official documents: one 零 stands for any run
    of missing places inside the number; a leading 一十 is said 十 (11 → 十一)
    but 一十 after 百 or 千 (110 → 一百一十); ordinals keep 二 (二千, not 两千).
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= LARGEST:
        raise ValueError(f"no numeral for {n!r}: measures are numbered 1 to {LARGEST}")
    out: list[str] = []
    zero = False  # a place was skipped since the last digit written
    for value, unit in UNITS:
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (value == 10 and digit == 1 and not out):
            out.append(DIGITS[digit])
        out.append(unit)
    return "".join(out)


def numeral_value(numeral: str) -> int | None:
    """The number `numeral` names, where chinese_numeral writes it so (二十三 → 23, 一百零五 →
    105): its exact inverse. None for any other text, 一十, 两 and 〇 included: a label the
    build could not write back the same is no label."""
    return _values().get(numeral)


@functools.cache
def _values() -> dict[str, int]:
    return {chinese_numeral(n): n for n in range(1, LARGEST + 1)}


# A year is written digit by digit (二〇二六), 〇 or 零 for zero.
_DIGIT_VALUES = {c: str(i) for i, c in enumerate(DIGITS)} | {"〇": "0"}


def digits_value(digits: str) -> int | None:
    """The number written digit by digit, as a year is (二〇二六 → 2026, 一二 → 12); None if
    any character is no digit."""
    if not digits or any(c not in _DIGIT_VALUES for c in digits):
        return None
    return int("".join(_DIGIT_VALUES[c] for c in digits))


# The characters a label's numeral may be written with: 两 and 〇 too, so that a label
# written with them is seen and then refused by numeral_value, never read as text.
NUMERAL = "零〇一二三四五六七八九十百千两"
# The kinds of numbered units, as official texts write their labels. Which kind is which
# level is the text's own: the first kind met is the top level, a kind first met inside
# another is below it (一、 → （一） → 1.; 第一章 → 第一条 → （一）). Groups: the label as
# shown, its number, the rest of the paragraph.
LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"(第([{NUMERAL}]+)章)[ 　]*(.*)")),
    # 条, or 條 as the Traditional edition writes it (the interpretation's links read both)
    ("article", re.compile(rf"(第([{NUMERAL}]+)[条條])[ 　]*(.*)")),
    ("section", re.compile(rf"(([{NUMERAL}]+)、)(.*)")),
    ("item", re.compile(rf"([（(]([{NUMERAL}]+)[）)])(.*)")),
    ("point", re.compile(r"((\d{1,3})[.．](?!\d))[ 　]*(.*)")),
    ("subpoint", re.compile(r"([（(](\d{1,3})[）)])(.*)")),
)


def label_number(numeral: str) -> int | None:
    """The number of a label's numeral: 3 for 3 (1. （1）), 23 for 二十三; None for a
    numeral chinese_numeral would not write (一十, 两, 〇), which makes no label."""
    if numeral.isdigit():
        return int(numeral)
    return numeral_value(numeral)


def label(text: str) -> tuple[str, str, int, str] | None:
    """The numbering label a paragraph starts with: its kind (LABELS), the label as shown,
    its number and the rest of the paragraph; None if it starts with none."""
    for kind, pattern in LABELS:
        match = pattern.fullmatch(text)
        if match:
            number = label_number(match.group(2))
            if number is not None:
                return kind, match.group(1), number, match.group(3)
    return None
