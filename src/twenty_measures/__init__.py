"""The Twenty Measures notice as data: load, validate, convert and render it, with no MkDocs in sight."""

from twenty_measures.errors import DataError
from twenty_measures.model import Document, Measure, Notice, Theme

__all__ = ["DataError", "Document", "Measure", "Notice", "Theme"]
