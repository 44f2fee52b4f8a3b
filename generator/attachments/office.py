"""Text of Office files (.docx, .xlsx, .odt, .ods): their XML parts read from the zip with
the standard library, each bounded in size (a decompression bomb stops at the bound)."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

MAX_XML_BYTES = 64 * 1024 * 1024
"""Uncompressed XML a file may hold in all (a `.docx` that expands past it is refused)."""
CHUNK = 1024 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_SHEET = re.compile(r"xl/worksheets/sheet(\d+)\.xml")


class OfficeProblem(Exception):
    """An Office file that cannot be read: `what` is a key of warnings.WHAT."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def office_pages(path: Path, kind: str) -> list[str]:
    """The text of each page: one for a document, one per sheet for a spreadsheet."""
    try:
        with zipfile.ZipFile(path) as archive:
            reader = _Reader(archive)
            return {"docx": _docx, "xlsx": _xlsx, "odt": _odt, "ods": _ods}[kind](reader)
    except ElementTree.ParseError as exc:
        if "memory" in str(exc):
            raise MemoryError(str(exc)) from exc
        raise OfficeProblem("damaged") from exc
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, zlib.error, ValueError) as exc:
        raise OfficeProblem("damaged") from exc
    except (NotImplementedError, RuntimeError) as exc:  # encrypted or unknown compression
        raise OfficeProblem("encrypted") from exc


class _Reader:
    """Parts of a zip read as XML, all of them together at most MAX_XML_BYTES."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive, self.left = archive, MAX_XML_BYTES
        if sum(info.file_size for info in archive.infolist()) > MAX_XML_BYTES * 4:
            raise OfficeProblem("bomb")

    def names(self) -> list[str]:
        return self.archive.namelist()

    def xml(self, name: str) -> ElementTree.Element:
        data = bytearray()
        with self.archive.open(name) as part:
            while chunk := part.read(CHUNK):
                data += chunk
                if len(data) > self.left:
                    raise OfficeProblem("bomb")
        self.left -= len(data)
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
            raise OfficeProblem("damaged")
        return ElementTree.fromstring(bytes(data))


def _docx(reader: _Reader) -> list[str]:
    root = reader.xml("word/document.xml")
    lines = []
    for para in root.iter(f"{W}p"):
        parts = [n.text or "" if n.tag == f"{W}t" else "\t" for n in para.iter()
                 if n.tag in (f"{W}t", f"{W}tab")]  # fmt: skip
        lines.append("".join(parts))
    return ["\n".join(lines)]


def _xlsx(reader: _Reader) -> list[str]:
    shared: list[str] = []
    if "xl/sharedStrings.xml" in reader.names():
        root = reader.xml("xl/sharedStrings.xml")
        shared = ["".join(t.text or "" for t in si.iter(f"{S}t")) for si in root.iter(f"{S}si")]
    sheets = sorted((int(m.group(1)), n) for n in reader.names() if (m := _SHEET.fullmatch(n)))
    return [_sheet(reader.xml(name), shared) for _, name in sheets]


def _sheet(root: ElementTree.Element, shared: list[str]) -> str:
    rows = []
    for row in root.iter(f"{S}row"):
        cells = []
        for cell in row.iter(f"{S}c"):
            value = cell.find(f"{S}v")
            if cell.get("t") == "s" and value is not None and (value.text or "").isdigit():
                index = int(value.text or 0)
                cells.append(shared[index] if index < len(shared) else "")
            elif cell.get("t") == "inlineStr":
                cells.append("".join(t.text or "" for t in cell.iter(f"{S}t")))
            elif value is not None:
                cells.append(value.text or "")
        rows.append("\t".join(c for c in cells if c))
    return "\n".join(r for r in rows if r)


def _odt(reader: _Reader) -> list[str]:
    root = reader.xml("content.xml")
    return ["\n".join(_odf_text(p) for p in root.iter() if p.tag in (f"{TEXT}p", f"{TEXT}h"))]


def _ods(reader: _Reader) -> list[str]:
    root = reader.xml("content.xml")
    return ["\n".join(_odf_text(p) for p in table.iter(f"{TEXT}p"))
            for table in root.iter(f"{TABLE}table")]  # fmt: skip


def _odf_text(element: ElementTree.Element) -> str:
    return "".join(element.itertext())
