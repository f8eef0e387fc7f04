"""A text file's bytes as text: UTF-8, an optional byte order mark, every reader the same
way (the official text, its interpretation, a table pasted as text)."""

from __future__ import annotations


class NotUtf8(Exception):
    """Bytes that are not UTF-8 text: the message says where, `line` is the line (from 1)."""

    def __init__(self, raw: bytes, error: UnicodeDecodeError) -> None:
        self.line = raw[: error.start].count(b"\n") + 1
        super().__init__(
            f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save it as UTF-8"
        )


def utf8_text(raw: bytes) -> str:
    """`raw` as text, its byte order mark left out; NotUtf8 where it is none."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise NotUtf8(raw, e) from None
