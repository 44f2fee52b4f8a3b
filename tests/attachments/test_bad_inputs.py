"""Bad attachments: one warning line each (English and Thai), listed as not searchable,
and the build goes on."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest
from attachtest import docx, pua_pdf, zip_bomb
from pypdf import PdfWriter

from generator.attachments import NONE, Library, Limits, Settings

NOT_SEARCHABLE = "it is listed on its record's page but its text is not searchable"
NOT_SEARCHABLE_TH = "แสดงในหน้าเรื่องแต่ค้นหาข้อความในไฟล์ไม่ได้"


def warn(tmp_path: Path, name: str, settings: Settings | None = None, lang: str = "en"
         ) -> tuple[list[str], Library]:  # fmt: skip
    """The warning lines of reading content/attachments/<name> (already written)."""
    library = Library(tmp_path / "content", tmp_path / "cache", settings)
    warnings = library.prepare([name], lang, io.StringIO())
    assert library.get(name).status == NONE
    return [w.format(lang) for w in warnings], library


def attach(tmp_path: Path, name: str, data: bytes | Path) -> Path:
    path = tmp_path / "content/attachments" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, Path):
        shutil.copy(data, path)
    else:
        path.write_bytes(data)
    return path


def test_encrypted_pdf(tmp_path: Path, pdfs) -> None:
    writer = PdfWriter(clone_from=pdfs["text"])
    writer.encrypt("secret", algorithm="RC4-128")
    writer.write(attach(tmp_path, "locked.pdf", b""))
    lines, _ = warn(tmp_path, "locked.pdf")
    assert lines == [f"content/attachments/locked.pdf: warning: the file is protected by a "
                     f"password — {NOT_SEARCHABLE}; to fix it, save a copy without a password"]
    lines, _ = warn(tmp_path, "locked.pdf", lang="th")
    assert lines == [f"content/attachments/locked.pdf: warning: ไฟล์ถูกล็อกด้วยรหัสผ่าน — "
                     f"{NOT_SEARCHABLE_TH} แก้ไขโดยบันทึกสำเนาที่ไม่มีรหัสผ่าน"]


def test_truncated_pdf(tmp_path: Path, pdfs) -> None:
    attach(tmp_path, "cut.pdf", pdfs["text"].read_bytes()[:3000])
    lines, _ = warn(tmp_path, "cut.pdf")
    assert lines == [f"content/attachments/cut.pdf: warning: the file is damaged or cut short "
                     f"— {NOT_SEARCHABLE}; to fix it, export or scan it again"]


def test_html_page_named_pdf(tmp_path: Path) -> None:
    attach(tmp_path, "page.pdf", b"<!DOCTYPE html>\n<html><body>404 Not Found</body></html>")
    lines, _ = warn(tmp_path, "page.pdf", lang="th")
    assert lines == ["content/attachments/page.pdf: warning: เนื้อไฟล์ไม่ตรงกับนามสกุลไฟล์ (HTML)"
                     f" — {NOT_SEARCHABLE_TH} แก้ไขโดยแนบไฟล์จริง"]


def test_300_mb_pdf_is_not_read(tmp_path: Path) -> None:
    path = attach(tmp_path, "huge.pdf", b"%PDF-1.4\n")
    with path.open("r+b") as stream:
        stream.truncate(300 * 1024 * 1024)  # sparse: no 300 MB written
    started = time.monotonic()
    lines, _ = warn(tmp_path, "huge.pdf")
    assert time.monotonic() - started < 2
    assert lines == [f"content/attachments/huge.pdf: warning: the file is 300 MB, over the limit "
                     f"of 200 MB — {NOT_SEARCHABLE}; to fix it, split or simplify it"]


def test_pdf_with_5000_pages(tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(5000):
        writer.add_blank_page(595, 842)
    writer.write(attach(tmp_path, "long.pdf", b""))
    lines, library = warn(tmp_path, "long.pdf")
    assert lines == [f"content/attachments/long.pdf: warning: the PDF has 5000 pages, over the "
                     f"limit of 2000 — {NOT_SEARCHABLE}; to fix it, split or simplify it"]
    assert library.get("long.pdf").pages == 5000


def test_decompression_bomb_docx(tmp_path: Path) -> None:
    zip_bomb(attach(tmp_path, "bomb.docx", b""))
    started = time.monotonic()
    lines, _ = warn(tmp_path, "bomb.docx")
    assert time.monotonic() - started < 5
    assert lines == ["content/attachments/bomb.docx: warning: the file unpacks to more than 64 MB "
                     f"(a decompression bomb) — {NOT_SEARCHABLE}; to fix it, split or simplify it"]


def test_bomb_whose_headers_lie_about_its_size(tmp_path: Path) -> None:
    zip_bomb(attach(tmp_path, "liar.docx", b""), megabytes=200, declared=1000)
    lines, _ = warn(tmp_path, "liar.docx")
    assert lines == ["content/attachments/liar.docx: warning: the file is damaged or cut short "
                     f"— {NOT_SEARCHABLE}; to fix it, export or scan it again"]


def test_pdf_whose_text_is_all_private_use_glyphs(tmp_path: Path) -> None:
    pua_pdf(attach(tmp_path, "glyphs.pdf", b""))
    lines, _ = warn(tmp_path, "glyphs.pdf")
    assert lines == ["content/attachments/glyphs.pdf: warning: its text is in private glyph codes "
                     f"that are not Thai letters — {NOT_SEARCHABLE}; to fix it, export it again "
                     "with embedded Unicode fonts, or as a scan"]


def test_time_limit(tmp_path: Path, pdfs) -> None:
    attach(tmp_path, "slow.pdf", pdfs["text"])
    lines, _ = warn(tmp_path, "slow.pdf", Settings(limits=Limits(seconds=0.001)))
    assert lines == ["content/attachments/slow.pdf: warning: reading it took longer than 0.001 s"
                     f" — {NOT_SEARCHABLE}; to fix it, split or simplify it"]


def test_memory_limit(tmp_path: Path, pdfs) -> None:
    attach(tmp_path, "big.pdf", pdfs["text"])
    lines, _ = warn(tmp_path, "big.pdf", Settings(limits=Limits(memory_mb=8)))
    assert lines == ["content/attachments/big.pdf: warning: reading it needed more than 8 MB of "
                     f"memory — {NOT_SEARCHABLE}; to fix it, split or simplify it"]


@pytest.mark.parametrize("name", ["old.doc", "photo.jpg", "files.zip"])
def test_other_kinds_get_one_line_with_the_reason(tmp_path: Path, name: str) -> None:
    attach(tmp_path, name, b"\xd0\xcf\x11\xe0")
    lines, _ = warn(tmp_path, name, lang="th")
    assert len(lines) == 1 and lines[0].startswith(f"content/attachments/{name}: warning: ไม่อ่าน")


def test_a_larger_limit_reads_a_file_that_timed_out_before(tmp_path: Path, pdfs) -> None:
    attach(tmp_path, "slow.pdf", pdfs["text"])
    warn(tmp_path, "slow.pdf", Settings(limits=Limits(seconds=0.001)))
    library = Library(tmp_path / "content", tmp_path / "cache")
    assert library.prepare(["slow.pdf"], "en", io.StringIO()) == []
    assert library.get("slow.pdf").pages == 3


def big_docx(tmp_path: Path, megabytes: int = 20) -> Path:
    """A real .docx of about `megabytes` MB of XML: Thai paragraphs."""
    text = "แผนพัฒนากลุ่มจังหวัด ยุทธศาสตร์"
    count = (megabytes << 20) // (len(text.encode()) + 40)
    return docx(attach(tmp_path, "big.docx", b""), [text] * count)


def test_office_files_are_read_with_a_time_limit(tmp_path: Path) -> None:
    big_docx(tmp_path)
    started = time.monotonic()
    lines, _ = warn(tmp_path, "big.docx", Settings(limits=Limits(seconds=0.2)))
    assert time.monotonic() - started < 5
    assert lines == ["content/attachments/big.docx: warning: reading it took longer than 0.2 s"
                     f" — {NOT_SEARCHABLE}; to fix it, split or simplify it"]


def test_office_files_are_read_with_a_memory_limit(tmp_path: Path) -> None:
    big_docx(tmp_path, 20)  # parsed, it takes about 100 MB
    lines, _ = warn(tmp_path, "big.docx", Settings(limits=Limits(memory_mb=16)))
    assert lines == ["content/attachments/big.docx: warning: reading it needed more than 16 MB "
                     f"of memory — {NOT_SEARCHABLE}; to fix it, split or simplify it"]
