"""PDF text with poppler (`pdfinfo`, `pdftotext -raw`, `pdfimages`), page by page.

poppler reads the `/ActualText` of shaped Thai syllables, which pypdf and pdfminer ignore
(../shared/notes/thai-pdf-text.md); it runs as a separate program, so every call has a time
and a memory limit.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .limits import Limits, ToolFailed, run

SCAN_SHARE = 0.3
"""A page without text whose images cover more than this share of it is a scan."""
_PAGE_SIZE = re.compile(rb"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", re.MULTILINE)


class PdfProblem(Exception):
    """A PDF that cannot be read: `what` is a key of warnings.WHAT."""

    def __init__(self, what: str, detail: str = "") -> None:
        super().__init__(what, detail)
        self.what, self.detail = what, detail


@dataclass
class PdfText:
    """The raw text of each page and the pages that look like scans."""

    pages: list[str]
    scanned: list[int] = field(default_factory=list)
    """1-based numbers of the pages without text but covered by images."""


def page_count(path: Path, limits: Limits, deadline: float) -> int:
    """The number of pages (pdfinfo); PdfProblem('encrypted'|'damaged'|…) if unreadable."""
    try:
        info = run(["pdfinfo", str(path)], deadline - time.monotonic(), limits.memory_mb)
    except ToolFailed as exc:
        if "password" in exc.detail.lower() or "encrypt" in exc.detail.lower():
            raise PdfProblem("encrypted") from exc
        raise PdfProblem(exc.reason if exc.reason != "failed" else "damaged", exc.detail) from exc
    found = re.search(rb"^Pages:\s+(\d+)", info, re.MULTILINE)
    if not found:
        raise PdfProblem("damaged")
    return int(found.group(1))


def pdf_text(path: Path, pages: int, limits: Limits, deadline: float) -> PdfText:
    """Each page's text with `pdftotext -raw -enc UTF-8`, and the scanned pages."""
    try:
        out = run(["pdftotext", "-raw", "-enc", "UTF-8", "-q", str(path), "-"],
                  deadline - time.monotonic(), limits.memory_mb)  # fmt: skip
    except ToolFailed as exc:
        if "copying" in exc.detail.lower() or "password" in exc.detail.lower():
            raise PdfProblem("encrypted") from exc
        raise PdfProblem(exc.reason if exc.reason != "failed" else "damaged", exc.detail) from exc
    texts = out.decode("utf-8", "replace").split("\f")[:pages]
    texts += [""] * (pages - len(texts))
    empty = [n for n, text in enumerate(texts, 1) if not text.strip()]
    scanned = scanned_pages(path, empty, limits, deadline) if empty else []
    return PdfText(texts, scanned)


def scanned_pages(path: Path, empty: list[int], limits: Limits, deadline: float) -> list[int]:
    """Of the given pages, those whose images cover more than SCAN_SHARE of the page
    (a blank page has none: it is neither an error nor OCR work)."""
    seconds = deadline - time.monotonic()
    first, last = str(min(empty)), str(max(empty))
    try:
        sizes = run(["pdfinfo", "-f", first, "-l", last, str(path)], seconds, limits.memory_mb)
        images = run(["pdfimages", "-f", first, "-l", last, "-list", str(path)],
                     deadline - time.monotonic(), limits.memory_mb)  # fmt: skip
    except ToolFailed:
        return []
    area = {int(n): float(w) * float(h) for n, w, h in _PAGE_SIZE.findall(sizes)}
    covered: dict[int, float] = {}
    for line in images.decode("ascii", "replace").splitlines()[2:]:
        cols = line.split()
        try:  # page num type width height color comp bpc enc interp object ID x-ppi y-ppi …
            page, width, height = int(cols[0]), int(cols[3]), int(cols[4])
            xppi, yppi = float(cols[12]), float(cols[13])
        except (IndexError, ValueError):
            continue
        if cols[2] == "image" and xppi > 0 and yppi > 0:
            covered[page] = covered.get(page, 0.0) + (width * 72 / xppi) * (height * 72 / yppi)
    return [n for n in empty if area.get(n) and covered.get(n, 0) / area[n] > SCAN_SHARE]
