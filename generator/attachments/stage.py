"""The attachments step of a build: read every published record's files, say what could
not be read, and hand the library to the pages and the index."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..content.corpus import Corpus
from .library import Library, Settings


def cache_dir(index: Path) -> Path:
    """Where extracted text is kept: beside the search index, outside site/."""
    index = Path(index)
    return index.with_name(f"{index.name}.attachments")


def attached_files(corpus: Corpus, keys: set[str] | None = None) -> list[str]:
    """The local files (under content/attachments/) of published records (or of these)."""
    files = set()
    for record in corpus.published():
        if keys is None or record.key in keys:
            files.update(a["file"] for a in record.data.get("attachments") or ())
    return sorted(f for f in files if "://" not in f)


def read_attachments(corpus: Corpus, content: Path, index: Path, settings: Settings,
                     lang: str = "en", out: TextIO | None = None) -> Library:  # fmt: skip
    """A library of every attachment, read (and OCR'd) now; a warning line for each file
    that is listed but not searchable."""
    out = out or sys.stderr
    library = Library(content, cache_dir(index), settings)
    for warning in library.prepare(attached_files(corpus), lang, out):
        print(warning.format(lang), file=out)
    return library
