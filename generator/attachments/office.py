"""Text of Office files with the field's libraries: python-docx (.docx), openpyxl in
read-only mode (.xlsx) and odfpy (.odt, .ods).

Before a library opens a file, the sizes its zip declares are bounded: zipfile never
inflates a part past its declared size (a part that lies fails its checksum), so a
decompression bomb stops here. The caller runs this in a child process with a time and a
memory limit (limits.in_child), as the libraries give no other way to bound them.
"""

from __future__ import annotations

import importlib
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree
from xml.sax import SAXException

MAX_XML_BYTES = 64 * 1024 * 1024
"""Uncompressed XML a file may hold in all (a `.docx` that expands past it is refused)."""
MAX_PARTS_BYTES = 4 * MAX_XML_BYTES
"""Uncompressed size of all its parts, pictures included."""
HEAD = 4096
"""Bytes of each XML part looked at for a DOCTYPE or an ENTITY (refused: entity bombs)."""
LIBRARIES = {"docx": ("docx", "docx.table"), "xlsx": ("openpyxl",),
             "odt": ("odf.opendocument", "odf.teletype"),
             "ods": ("odf.opendocument", "odf.teletype", "odf.table", "odf.text")}  # fmt: skip
"""The modules that read each kind (imported when first needed, not when kb starts)."""


class OfficeProblem(Exception):
    """An Office file that cannot be read: `what` is a key of warnings.WHAT."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def preload(kind: str) -> None:
    """Import the library of a kind here, so that the child processes reading each file
    inherit it instead of importing it again."""
    for module in LIBRARIES[kind]:
        importlib.import_module(module)


def office_pages(path: Path, kind: str) -> list[str]:
    """The text of each page: one for a document, one per sheet for a spreadsheet."""
    from lxml.etree import LxmlError  # python-docx's parser

    readers: dict[str, Callable[[Path], list[str]]] = {
        "docx": _docx, "xlsx": _xlsx, "odt": _odt, "ods": _ods}  # fmt: skip
    try:
        check_zip(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles it does not need
            return readers[kind](path)
    except RecursionError as exc:  # a RuntimeError, but a damaged file, not a locked one
        raise OfficeProblem("damaged") from exc
    except (NotImplementedError, RuntimeError) as exc:  # encrypted or unknown compression
        raise OfficeProblem("encrypted") from exc
    except (LxmlError, ElementTree.ParseError, SAXException) as exc:
        if _out_of_memory(exc):
            raise MemoryError(str(exc)) from None
        raise OfficeProblem("damaged") from None
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, zlib.error, ValueError) as exc:
        raise OfficeProblem("damaged") from exc


def _out_of_memory(exc: Exception) -> bool:
    """Whether a parser failed for want of memory: libxml2 then says so, or, when even
    its message could not be allocated, "unknown error" with nothing logged."""
    log = getattr(exc, "error_log", None)
    if log is not None and any(e.type_name == "ERR_NO_MEMORY" for e in log):
        return True
    return "memory" in str(exc).lower() or str(exc) == "unknown error"


def check_zip(path: Path) -> None:
    """OfficeProblem('bomb') when the parts would unpack past the bounds, 'damaged' when
    an XML part declares a DOCTYPE or entities."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        xml = [p for p in parts if p.filename.endswith((".xml", ".rels"))]
        if (sum(p.file_size for p in xml) > MAX_XML_BYTES
                or sum(p.file_size for p in parts) > MAX_PARTS_BYTES):  # fmt: skip
            raise OfficeProblem("bomb")
        for part in xml:
            with archive.open(part) as stream:
                head = stream.read(HEAD)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise OfficeProblem("damaged")


def _docx(path: Path) -> list[str]:
    import docx

    return ["\n".join(_blocks(docx.Document(str(path))))]


def _blocks(container) -> Iterator[str]:
    """The lines of a document or table cell: a paragraph each, a table row each (its
    cells joined by tabs, a merged cell once)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            yield block.text
            continue
        for row in block.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(" ".join(line for line in _blocks(cell) if line))
            yield "\t".join(c for c in cells if c)


def _xlsx(path: Path) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [_rows(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
    finally:
        book.close()


def _rows(rows) -> str:
    """A sheet's text: a line a row, its cells that hold something joined by tabs."""
    lines = ("\t".join(str(v) for v in row if v is not None and str(v)) for row in rows)
    return "\n".join(line for line in lines if line)


def _odt(path: Path) -> list[str]:
    from odf.opendocument import load

    return ["\n".join(_paragraphs(load(str(path)).body))]


def _paragraphs(body) -> Iterator[str]:
    """The text of every text:p and text:h in document order (not looking inside them)."""
    from odf import teletype
    from odf.namespaces import TEXTNS

    stack = [body]
    while stack:
        node = stack.pop()
        if node.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield teletype.extractText(node)
        else:
            stack.extend(c for c in reversed(node.childNodes) if c.nodeType == c.ELEMENT_NODE)


def _ods(path: Path) -> list[str]:
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    def cell(node) -> str:
        texts = (teletype.extractText(p) for p in node.getElementsByType(P))
        return " ".join(t for t in texts if t)

    tables = load(str(path)).body.getElementsByType(Table)
    return [_rows([cell(c) for c in row.getElementsByType(TableCell)]
                  for row in table.getElementsByType(TableRow)) for table in tables]  # fmt: skip

