"""Chinese numerals as the notice writes its measure numbers (一 … 二十)."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 20 → 二十, 99 → 九十九."""
    if not 1 <= n <= 99:
        raise ValueError(f"no numeral for {n}: measures are numbered 1 to 99")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")
