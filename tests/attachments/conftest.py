"""Test PDFs with known Thai text: printed by Chromium in the site's Sarabun font, and a
rasterised copy of one page for OCR (pdftoppm, then Pillow). Helpers are in attachtest.py."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from attachtest import PAGES, SCAN_TEXT, content_with
from kbtest import chromium, print_pdf, rasterise, thai_html


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """text.pdf (2 Thai pages and a blank third), scan.pdf (one scanned page)."""
    folder = tmp_path_factory.mktemp("pdfs")
    with chromium() as browser:
        text = print_pdf(browser, thai_html([*PAGES, ""]), folder / "text.pdf")
        source = print_pdf(browser, thai_html([SCAN_TEXT], size=18), folder / "order.pdf")
    scan = rasterise(source, 1, folder / "scan.pdf")
    return {"text": text, "scan": scan, "order": source}


@pytest.fixture(scope="session")
def ocred(pdfs, tmp_path_factory) -> dict:
    """One run without OCR, then one with it: the only page OCR'd in the tests (its
    cache is reused by the build tests)."""
    from generator.attachments import Library, Settings

    root = tmp_path_factory.mktemp("ocr")
    content = content_with(root, {"scan.pdf": pdfs["scan"], "text.pdf": pdfs["text"]})
    skipped, done = io.StringIO(), io.StringIO()
    first = Library(content, root / "cache", Settings(ocr=False))
    first.prepare(["scan.pdf", "text.pdf"], "en", skipped)
    without = first.get("scan.pdf")
    second = Library(content, root / "cache")
    second.prepare(["scan.pdf", "text.pdf"], "en", done)
    return {"root": root, "content": content, "skipped": skipped.getvalue(), "without": without,
            "done": done.getvalue(), "second": second}  # fmt: skip
