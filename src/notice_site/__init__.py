"""The Twenty Measures notice as data: load, validate, convert and render it, with no MkDocs in sight."""

from notice_site.errors import DataError
from notice_site.model import Document, Measure, Notice, Theme

__all__ = ["DataError", "Document", "Measure", "Notice", "Theme"]
