"""A provision's, a division's or an attached document's address: the path of its page
(measures/<address>/, divisions/<address>/) and of its PDF, read and written here alone
(README "URLs").

A provision's address is its own number where every provision's number is unique in its
document; else the numbers of the units from the top down to it, joined by "-" (1-3 is item
（三） of section 一、); where several documents hold provisions, the document's own address
(d1, d2: 附件1, 附件2) comes first (d2-3). A division's address is made the same way; an
attached document's is d<n>. An editor may write another address before publishing: lower
case letters and digits, in parts joined by "-".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# What an address may be, as an editor writes it in measures.yaml.
PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SEPARATOR = "-"
# An attached document's address: d and its number (附件2 → d2).
_DOCUMENT = re.compile(r"d(\d+)")


def of(numbers: Iterable[int], document: str = "") -> str:
    """The address of the unit numbered `numbers` from its document's top down, in the
    document whose address is `document` ("" where one document holds provisions)."""
    path = SEPARATOR.join(str(number) for number in numbers)
    return f"{document}{SEPARATOR}{path}" if document else path


def document(number: int) -> str:
    """The address of attached document `number` (附件2 → d2)."""
    return f"d{number}"


def is_document(address: str) -> bool:
    """Whether `address` names an attached document (d1, d2 …) rather than a division."""
    return _DOCUMENT.fullmatch(address) is not None


def is_valid(address: str) -> bool:
    return PATTERN.match(address) is not None
