"""Notice sites: load, validate, convert and render a notice of numbered measures, with no MkDocs in sight."""

from notice_site.errors import DataError
from notice_site.model.notice import Document, Notice, Theme
from notice_site.model.tree import Measure

__all__ = ["DataError", "Document", "Measure", "Notice", "Theme"]
