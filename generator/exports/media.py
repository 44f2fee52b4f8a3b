"""Attachments: what a PDF holds, and web-sized copies of pictures."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

WEB_WIDTH = 1280
WEB_PREFIX = "/attachments/_web/"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


@lru_cache(maxsize=4096)
def pdf_pages(path: Path) -> int | None:
    """The number of pages of a PDF, or None when it cannot be read."""
    try:
        return len(PdfReader(path).pages)
    except (PdfReadError, OSError, ValueError):
        return None


def web_url(file: str) -> str:
    """Where the web-sized copy of `content/attachments/<file>` is published."""
    return f"{WEB_PREFIX}{Path(file).with_suffix('.webp').as_posix()}"


@lru_cache(maxsize=4096)
def web_image(path: Path) -> tuple[bytes, int, int] | None:
    """A WebP copy at most WEB_WIDTH wide, with its width and height; None if not an image."""
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    try:
        with Image.open(path) as image:
            image.thumbnail((WEB_WIDTH, WEB_WIDTH * 4))
            out = io.BytesIO()
            image.convert("RGB").save(out, "WEBP", quality=80, method=4)
            return out.getvalue(), image.width, image.height
    except (UnidentifiedImageError, OSError):
        return None
