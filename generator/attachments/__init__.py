"""Attached files: their text extracted per page (poppler, Office XML, Tesseract OCR),
cleaned for Thai and cached under .kb/, for record pages and the search index."""

from __future__ import annotations

from .library import NONE, SCAN, STATUS_TH, TEXT, Attachment, Library, Settings
from .limits import Limits
from .stage import attached_files, cache_dir, read_attachments
from .thai import clean_thai
from .warnings import AttachmentWarning

__all__ = ["Attachment", "AttachmentWarning", "Library", "Limits", "Settings", "clean_thai",
           "STATUS_TH", "TEXT", "SCAN", "NONE", "attached_files", "cache_dir",
           "read_attachments"]  # fmt: skip
